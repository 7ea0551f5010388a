"""Rebuild src/tahqiq/data/common_words.txt.

The most frequent words of Arabic news (matching forms), minus known given
names: a span made only of such words is not a name, whatever a statistical
tagger says ("عشية هروب", "أرياف"). Counts come from the SaudiNewsNet corpus
(../shared/data/news, CC BY-NC-SA); only the derived word list is kept.

    python training/gazetteer/common_words.py [--top 20000]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from tahqiq.data import given_names


from news_counts import NEWS, count_words  # sibling module: scripts run from their folder


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--news", default=NEWS)
    ap.add_argument("--top", type=int, default=20000)
    ap.add_argument("--out", default="src/tahqiq/data/common_words.txt")
    a = ap.parse_args()
    counts = count_words(a.news)
    names = given_names()
    words = [w for w, _ in counts.most_common(a.top) if w not in names and not w.isascii()]
    Path(a.out).write_text(
        "# Frequent Arabic news words (matching forms), not given names; a span of only these is no name.\n"
        f"# Built by training/gazetteer/common_words.py (top-{a.top} words of SaudiNewsNet).\n"
        + "\n".join(words) + "\n", encoding="utf-8")
    print(f"{len(words)} words written to {a.out}")


if __name__ == "__main__":
    main()
