"""Rebuild src/tahqiq/data/news_places.txt: one-word town and province names that the news itself uses as places.

The gazetteer's own evidence for a bare town name (extract/places.py): over the
unlabelled SaudiNewsNet corpus (../shared/data/news, CC BY-NC-SA: only the derived
word list is kept), count each one-word town or province key of the gazetteer and how often a
place cue (a preposition or place noun, or a prepositional proclitic) stands right
before it. A name seen at least MIN_SEEN times, a share MIN_CUED of them cued, is a
name the news uses as a place ("حلب", "بيروت"); everyday words that GeoNames also
lists as towns ("هوية", "إقدام") are rarely cued and stay out. No gold is read.

    python training/gazetteer/news_places.py
"""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

from tahqiq.extract.places import _CUE_CLITICS, cue_words
from tahqiq.knowledge.gazetteer import places
from tahqiq.text.normalize import norm

NEWS = "../shared/data/news/saudinewsnet.jsonl.gz"
OUT = Path(__file__).resolve().parents[2] / "src" / "tahqiq" / "data" / "news_places.txt"
MIN_SEEN, MIN_CUED = 5, 0.3
WORD = re.compile(r"[\u0621-\u064A\u0640\u064B-\u0652]+")


def main() -> None:
    index = {k: p for k, p in places().items() if " " not in k and p.kind in ("city", "province")}
    cues = cue_words()
    seen: Counter[str] = Counter()
    cued: Counter[str] = Counter()

    @lru_cache(maxsize=1_000_000)
    def n(w: str) -> str:
        return norm(w)

    with gzip.open(NEWS, "rt", encoding="utf-8") as fh:
        for line in fh:
            words = [n(w) for w in WORD.findall(json.loads(line).get("content") or "")]
            for i, w in enumerate(words):
                key, clitic = (w, "") if w in index else next(
                    ((w[k:], w[:k]) for k in (1, 2) if w[k:] in index and len(w) - k >= 3), (None, ""))
                if key is None:
                    continue
                seen[key] += 1
                prev = words[i - 1] if i else ""
                if clitic in _CUE_CLITICS or prev in cues or (prev[:1] in "وفبل" and prev[1:] in cues):
                    cued[key] += 1
    keep = sorted(k for k, c in seen.items() if c >= MIN_SEEN and cued[k] / c >= MIN_CUED)
    head = ("# One-word town and province names the news uses as places (cued in >= 30% of >= 5 uses in SaudiNewsNet).\n"
            "# Built by training/gazetteer/news_places.py; read by extract/places.py.\n")
    OUT.write_text(head + "".join(k + "\n" for k in keep), encoding="utf-8")
    print(f"{len(keep)} of {len(seen)} town and province names seen -> {OUT}")


if __name__ == "__main__":
    main()
