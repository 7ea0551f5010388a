"""Counts of the news evaluation corpus, as Markdown tables (for README.md).

    python eval/news/tools/summary.py
"""

from __future__ import annotations

import json
import os
from collections import Counter

from tahqiq.evaluate.gold import predicate_class

NEWS = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main() -> None:
    golds = {}
    for split in ("test", "dev"):
        with open(os.path.join(NEWS, split, "gold.json"), encoding="utf-8") as fh:
            golds[split] = json.load(fh)
    print("| split | stories | articles | outlets | PER | ORG | LOC | facts | (fact, doc) pairs | reuse pairs |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for split, g in golds.items():
        docs = g["documents"]
        types = Counter(e["type"] for e in g["entities"] if not e.get("optional"))
        print(f"| {split} | {len({d['story'] for d in docs.values()})} | {len(docs)} | "
              f"{len({d['outlet'] for d in docs.values()})} | {types['PER']} | {types['ORG']} | {types['LOC']} | "
              f"{len(g['facts'])} | {sum(len(f['docs']) for f in g['facts'])} | {len(g['reuse'])} |")
    print()
    print("| predicate class | test facts | test pairs | dev facts | dev pairs | all facts | all pairs |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    counts = {s: (Counter(), Counter()) for s in golds}
    for split, g in golds.items():
        for f in g["facts"]:
            if f["docs"]:
                counts[split][0][predicate_class(f["p"])] += 1
                counts[split][1][predicate_class(f["p"])] += len(f["docs"])
    for p in sorted(set(counts["test"][0]) | set(counts["dev"][0])):
        t, d = counts["test"], counts["dev"]
        print(f"| {p} | {t[0][p]} | {t[1][p]} | {d[0][p]} | {d[1][p]} | {t[0][p] + d[0][p]} | {t[1][p] + d[1][p]} |")
    print()
    print("| split | story | articles | outlets | (fact, doc) pairs |")
    print("|---|---|---:|---|---:|")
    for split, g in golds.items():
        by = {}
        for k, d in g["documents"].items():
            by.setdefault(d["story"], []).append(d["outlet"])
        nf = Counter(g["documents"][d]["story"] for f in g["facts"] for d in f["docs"])
        for story, outs in sorted(by.items()):
            print(f"| {split} | {story} | {len(outs)} | {', '.join(sorted(set(outs)))} | {nf[story]} |")


if __name__ == "__main__":
    main()
