"""Rebuild src/tahqiq/data/phrase_words.txt: definite words that follow a given name only as a phrase.

Many given names are also everyday words ("حسن" good, "صالح" for, "باسم" in the name of,
"عمر" age, "مالك" owner, "حافظ" kept), so "حسن الجوار", "لصالح المجموعة", "باسم العائلة",
"عمر الطفل", "مالك المنزل" read like a given name and a family name. Over the unlabelled
SaudiNewsNet corpus (../shared/data/news, CC BY-NC-SA: only the derived word list is kept;
the lines of the news evaluation corpus's test split are skipped), count for each definite
word how often it stands right after a given name and after how many different given names.
A word seen at least MIN_SEEN times, less than MAX_SHARE of them after a given name, and after
no more than MAX_NAMES different given names is a phrase word: a family name follows many
different given names ("المطيري") or mostly follows its one bearer ("السيسي" after
"عبدالفتاح"). "علي" is left out of the count: normalised, it is also the preposition "على".
No gold is read.

    python training/gazetteer/phrase_words.py
"""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter, defaultdict
from functools import lru_cache
from pathlib import Path

from tahqiq.data import given_names
from tahqiq.text.normalize import norm

ROOT = Path(__file__).resolve().parents[2]
NEWS = ROOT.parent / "shared" / "data" / "news" / "saudinewsnet.jsonl.gz"
STORIES = ROOT / "eval" / "news" / "stories.json"
OUT = ROOT / "src" / "tahqiq" / "data" / "phrase_words.txt"
MIN_SEEN, MAX_SHARE, MAX_NAMES = 100, 0.1, 3
WORD = re.compile(r"[\u0621-\u064A\u0640\u064B-\u0652]+")


def main() -> None:
    test = {n for lines in json.loads(STORIES.read_text(encoding="utf-8"))["test"].values() for n in lines}
    names = given_names() - {"علي"}
    seen: Counter[str] = Counter()
    after: Counter[str] = Counter()
    before: defaultdict[str, set[str]] = defaultdict(set)

    @lru_cache(maxsize=1_000_000)
    def n(w: str) -> str:
        return norm(w)

    with gzip.open(NEWS, "rt", encoding="utf-8") as fh:
        for k, line in enumerate(fh, 1):
            if k in test:
                continue
            words = [n(w) for w in WORD.findall(json.loads(line).get("content") or "")]
            for i, w in enumerate(words):
                if not w.startswith("ال") or len(w) < 4:
                    continue
                seen[w] += 1
                if i and words[i - 1] in names:
                    after[w] += 1
                    if len(before[w]) <= MAX_NAMES:
                        before[w].add(words[i - 1])
    keep = sorted(w for w, c in seen.items()
                  if c >= MIN_SEEN and after[w] / c < MAX_SHARE and len(before[w]) <= MAX_NAMES)
    head = (f"# Definite words that follow a given name only as a phrase (>= {MIN_SEEN} uses in SaudiNewsNet, "
            f"< {MAX_SHARE:.0%} after a given name, after <= {MAX_NAMES} different given names).\n"
            "# Built by training/gazetteer/phrase_words.py; read by extract/mentions.py.\n")
    OUT.write_text(head + "".join(w + "\n" for w in keep), encoding="utf-8")
    print(f"{len(keep)} of {len(seen)} definite words -> {OUT}")


if __name__ == "__main__":
    main()
