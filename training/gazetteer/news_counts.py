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
