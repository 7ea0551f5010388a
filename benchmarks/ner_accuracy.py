"""Accuracy of the shipped NER on the ANERcorp dev split (and any CoNLL file).

    .venv/bin/python benchmarks/ner_accuracy.py [--ner fast|accurate] [--conll FILE ...]

Without --conll, scores the fixed development split: the last 10% of the
sentences of ../shared/data/ner/anercorp/train.conll (397 sentences, 12,335
tokens; the model never trained on them, but they were used to choose
between candidate models and rules, so the figure is optimistic). Prints
`tahqiq eval-ner`'s report (per-type P/R/F1, micro-F1 over PER/LOC/ORG,
exact token spans, ±10 sentences of document context) and the issue #3
target (micro-F1 >= 80). Beside the dev figure it prints the cross-validated
one, read from training/ner/crossval.json (k contiguous folds of ANERcorp
train and the Wojood sample, the rules included; regenerate it with the
command stored in that file, `nice -n 10 .venv/bin/python
training/ner/crossval.py`, about an hour on 2 shared cores). Pass the
ANERcorp test file with --conll to score the held-out test where you have it.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared"
CROSSVAL = Path(__file__).resolve().parents[1] / "training" / "ner" / "crossval.json"
TARGET = 0.80


def crossval_lines(dev_f1: float, path: Path = CROSSVAL) -> list[str]:
    """The cross-validated figures of `path` (training/ner/crossval.py) beside the dev figure
    `dev_f1` (in %) of the shipped model; [] when the file is missing or holds no folds."""
    if not path.exists():
        return []
    res = json.loads(path.read_text(encoding="utf-8"))
    cv = res.get("cv")
    if not cv:
        return []
    k = len(res["folds_done"])

    def fig(part: dict) -> str:
        types = ", ".join(f"{t} {part[t]['mean']:.1f}" for t in ("PER", "LOC", "ORG"))
        return f"{part['micro']['mean']:.2f} ± {part['micro']['sd']:.2f} (sd over folds; {types})"

    lines = [f"cross-validated, {k} contiguous folds ({res['config']['model']}; {res['command']}):",
             f"  ANERcorp train folds: micro-F1 {fig(cv['anercorp'])}",
             f"  Wojood sample folds:  micro-F1 {fig(cv['wojood'])}"]
    if off := cv["anercorp"]["variants"].get("-all_rules"):
        woj = -cv["wojood"]["variants"]["-all_rules"]["micro_delta"]["mean"]
        lines.append(f"  the rule layer (postprocess.py) adds {-off['micro_delta']['mean']:+.2f} micro-F1 on "
                     f"ANERcorp folds, {woj:+.2f} on Wojood folds (per-step effects: training/ner/crossval.json)")
    if anchor := res.get("anchor"):
        cheap = anchor["anercorp_dev"]["micro"]["f1"]
        lines.append(f"  the cheap config trained on the fixed split scores {cheap:.2f} on the dev split, "
                     f"the shipped model {dev_f1:.2f}: these folds measure the cheap config and the rule "
                     "layer, not the shipped model")
    return lines


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
        dev = not files
        if dev:
            anercorp = args.data / "ner" / "anercorp" / "train.conll"
            if not anercorp.exists():
                sys.exit(f"{anercorp} not found: pass --data or --conll")
            files = [write_anercorp_dev(anercorp, Path(tmp) / "anercorp_dev.conll")]
        for path in files:
            res = evaluate_conll(str(path), model=model)
            print(format_report(res))
            f1 = res["micro"]["f1"]
            print(f"{args.ner} model, {path.name}: micro-F1 {100 * f1:.2f} "
                  f"({'meets' if f1 >= TARGET else 'below'} the {100 * TARGET:.0f} target)")
            if dev and args.ner == "fast":
                print("\n".join(crossval_lines(100 * f1)))
            print()


if __name__ == "__main__":
    main()
