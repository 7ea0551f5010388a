"""Word counts (matching forms) over the SaudiNewsNet corpus, shared by the word-list builders."""

from __future__ import annotations

import gzip
import json
from collections import Counter

from tahqiq.text import norm
from tahqiq.text.segment import tokens

NEWS = "../shared/data/news/saudinewsnet.jsonl.gz"


def count_words(path: str = NEWS) -> Counter[str]:
    counts: Counter[str] = Counter()
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            text = json.loads(line).get("content") or ""
            counts.update(norm(t.text) for t in tokens(text) if t.text.isalpha())
    return counts


def named_shares(keys: set[str], path: str = NEWS) -> dict[str, float]:
    """For each one-word key, the share of its uses in the corpus that come right after a word
    for the kind of a place ("منطقة عسير", "بمحافظة تعز"; extract/places.PLACE_NOUNS, behind
    "و"/"ب"/"ل" or not)."""
    from tahqiq.extract.places import PLACE_NOUNS

    seen: Counter[str] = Counter()
    named: Counter[str] = Counter()
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            words = [norm(t.text) for t in tokens(json.loads(line).get("content") or "") if t.text.isalpha()]
            for i, w in enumerate(words):
                if w not in keys:
                    continue
                seen[w] += 1
                prev = words[i - 1] if i else ""
                if prev in PLACE_NOUNS or (prev[:1] in "وبل" and prev[1:] in PLACE_NOUNS) \
                        or (prev[:2] in ("وب", "ول") and prev[2:] in PLACE_NOUNS):
                    named[w] += 1
    return {k: named[k] / n for k, n in seen.items()}
