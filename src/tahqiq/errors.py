"""The one root exception; every user-facing error says what, where and what to do."""

from __future__ import annotations


class TahqiqError(Exception):
    """Root of every error tahqiq raises on purpose."""


class InputError(TahqiqError):
    """A document could not be read. Carries the file (and line) it came from."""

    def __init__(self, source: str, problem: str, line: int | None = None):
        self.source = source
        self.problem = problem if len(problem) <= 400 else problem[:400] + "…"  # a reason, never the input
        self.line = line
        where = f"{source}:{line}" if line is not None else source
        super().__init__(f"{where}: {self.problem}")


class StoreError(TahqiqError):
    """The store could not be opened or written."""


class GoldFormatError(TahqiqError):
    """A gold or CoNLL evaluation file does not follow its format."""
