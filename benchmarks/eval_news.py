"""Time and scores of `tahqiq eval` on the news evaluation corpus (eval/news).

    .venv/bin/python benchmarks/eval_news.py [--split test|dev] [--ner fast|accurate]

Each split is scored as a user would: `tahqiq eval eval/news/SPLIT/gold.json --json`, which
gathers the articles from ../shared/data, builds a temporary store and scores it. Prints the
wall-clock time of each run (the issue's target: under 5 minutes on 2 cores) and the headline
scores. The test split is for measuring only: never choose rules, thresholds, features or
checkpoints by it.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET_S = 300


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", choices=("test", "dev"), action="append")
    ap.add_argument("--ner", choices=("fast", "accurate"), default="fast")
    args = ap.parse_args()
    for split in args.split or ["dev", "test"]:
        t0 = time.perf_counter()
        out = subprocess.run([sys.executable, "-m", "tahqiq", "eval", str(ROOT / "eval" / "news" / split / "gold.json"),
                              "--json", "--ner", args.ner], capture_output=True, text=True, cwd=ROOT)
        wall = time.perf_counter() - t0
        if out.returncode:
            sys.exit(out.stderr)
        s = json.loads(out.stdout)
        c, er = s["claims"], s["entity_recall"]
        print(f"{split:<5} {s['documents_matched']:>7} docs  {wall:6.1f} s (target < {TARGET_S} s)  "
              f"claims P {c['precision']} R {c['recall']} F1 {c['f1']} macro {c['macro_f1']}  "
              f"PER R {er['PER']} P {s['person_precision']['precision']}  reuse F1 {s['reuse']['f1']}")


if __name__ == "__main__":
    main()
