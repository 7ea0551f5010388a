"""Accuracy of the shipped NER on the ANERcorp dev split (and any CoNLL file).

    .venv/bin/python benchmarks/ner_accuracy.py [--ner fast|accurate] [--conll FILE ...]

Without --conll, scores the fixed development split: the last 10% of the
sentences of ../shared/data/ner/anercorp/train.conll (397 sentences, 12,335
tokens; the model never trained on them, but they were used to choose
between candidate models and rules, so the figure is optimistic). Prints
`tahqiq eval-ner`'s report (per-type P/R/F1, micro-F1 over PER/LOC/ORG,
exact token spans, ±10 sentences of document context) and the issue #3
target (micro-F1 >= 80). Pass the ANERcorp test file with --conll to score
the held-out test where you have it.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared"
TARGET = 0.80


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--ner", choices=("fast", "accurate"), default="fast")
    ap.add_argument("--conll", type=Path, action="append", default=None, help="CoNLL file(s) to score instead")
    ap.add_argument("--data", type=Path, default=SHARED / "data")
    args = ap.parse_args()
    from tahqiq.evaluate.ner import evaluate_conll, format_report, write_anercorp_dev
    from tahqiq.extract.ner import load_model

    model = load_model(args.ner)
    with tempfile.TemporaryDirectory() as tmp:
        files = args.conll
        if not files:
            anercorp = args.data / "ner" / "anercorp" / "train.conll"
            if not anercorp.exists():
                sys.exit(f"{anercorp} not found: pass --data or --conll")
            files = [write_anercorp_dev(anercorp, Path(tmp) / "anercorp_dev.conll")]
        for path in files:
            res = evaluate_conll(str(path), model=model)
            print(format_report(res))
            f1 = res["micro"]["f1"]
            print(f"{args.ner} model, {path.name}: micro-F1 {100 * f1:.2f} "
                  f"({'meets' if f1 >= TARGET else 'below'} the {100 * TARGET:.0f} target)\n")


if __name__ == "__main__":
    main()
