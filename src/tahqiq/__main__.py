"""``python -m tahqiq`` behaves exactly like the ``tahqiq`` command."""

from tahqiq.cli import main

if __name__ == "__main__":
    main()
