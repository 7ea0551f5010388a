"""Cross-validation of the fast NER and its rule layer over ANERcorp train and the Wojood sample.

    nice -n 10 .venv/bin/python training/ner/crossval.py           # 5 folds + the dev-split anchor
    nice -n 10 .venv/bin/python training/ner/crossval.py --only 3  # one fold (run folds in parallel)
    .venv/bin/python training/ner/crossval.py --rescore              # re-score the fold models built
    .venv/bin/python training/ner/crossval.py --gather               # only rewrite crossval.json

Each run takes about 2 CPU-minutes of training (about 160,000 words) and
under one of scoring; the six (5 folds, the anchor) ran in parallel in about
40 minutes on a 2-core machine shared with other heavy jobs.

Folds. ANERcorp `train.conll` (all of it, including the last 10% that the dev
split holds out) is cut into k contiguous blocks of sentences, in file
order, so each block is a run of whole articles but for its two edges; the
Wojood sample (train then val) likewise. Fold i holds out block i of both and
trains on the other k-1 blocks of both. No sentence is in both parts
(`fold_parts`; tests/extract/test_ner_crossval.py).

Model. A cheaper config than the shipped model (its recipe takes ~90
CPU-minutes and needs the accurate mode's silver labels, which were made by a
transformer trained on all of ANERcorp train): the same CNN (config.cfg,
the shipped floret vectors, which are trained on unlabelled news only) on
the gold of the training blocks with corpus.py's silver NAT/MONEY/DATE and
name-swap augmentation, 500 steps of batches from 250 words compounding
towards 1,000 (about one pass over the data; `--max-steps`), no early
stopping (spaCy's dev corpus is a slice of the training docs, so the
held-out block chooses nothing), no ORG head. `--anchor` also trains it on the
fixed 90/10 split, so its dev-split score sits beside the shipped model's
(the gap says how the cheap config relates to the shipped one).

Scoring. The held-out block goes through the full inference path: the
model's raw spans, postprocess.py, consistency.py per text, and
evaluate_conll's ±10-sentence consistency (evaluate_conll itself). The raw
spans are computed once per fold; every variant (`variants`) then re-runs
the rule layer with one step turned off (or, for a step in
postprocess.DEFAULT_SKIP, on), so each rule's effect is measured on held-out
data, fold by fold. Results go to training/ner/crossval.json, which
benchmarks/ner_accuracy.py prints beside the dev figure.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TypeVar

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(HERE))

T = TypeVar("T")
Span = tuple[int, int, str]
OUT = HERE / "crossval.json"
TYPES = ("PER", "LOC", "ORG")
BATCH_START = 250  # words in the first batch (config.cfg: 100); the cheap config's only other change
CONSISTENCY = "consistency"  # a variant name beside postprocess.STEPS: consistency.py off


def blocks(n: int, k: int) -> list[range]:
    """k contiguous index ranges covering range(n) in order; sizes differ by at most one."""
    if not 1 < k <= n:
        raise ValueError(f"cannot cut {n} items into {k} folds")
    edges = [round(i * n / k) for i in range(k + 1)]
    return [range(edges[i], edges[i + 1]) for i in range(k)]


def fold_parts(items: Sequence[T], k: int, i: int) -> tuple[list[T], list[T]]:
    """(training items, held-out items) of fold i: block i of `blocks(len(items), k)` is held
    out; the others train, in order."""
    cut = blocks(len(items), k)
    held = cut[i]
    return [items[j] for j in range(len(items)) if j not in held], [items[j] for j in held]


def variants() -> list[tuple[str, frozenset[str]]]:
    """(name, postprocess skip set) of each scored variant: "full" (the shipped defaults),
    then one per step flipped, and the consistency layer off."""
    from tahqiq.extract.ner.postprocess import DEFAULT_SKIP, STEPS

    out = [("full", DEFAULT_SKIP)]
    for step in STEPS:
        name = f"+{step}" if step in DEFAULT_SKIP else f"-{step}"
        out.append((name, DEFAULT_SKIP ^ {step}))
    out.append((f"-{CONSISTENCY}", DEFAULT_SKIP))
    out.append(("-all_rules", frozenset(STEPS)))
    return out


class CachedModel:
    """predict_batch over raw model spans computed once: the rule layer with `skip` off,
    then consistency.py per text (as NerModel.predict_batch), unless `consistency` is False."""

    def __init__(self, raw: dict[str, list[Span]], skip: frozenset[str], consistency: bool = True):
        self.raw, self.skip, self.consistency = raw, skip, consistency

    def predict_batch(self, texts: list[str]) -> list[list[Span]]:
        from tahqiq.extract.ner.consistency import harmonise
        from tahqiq.extract.ner.postprocess import postprocess

        out = [postprocess(t, self.raw[t], self.skip) for t in texts]
        return [harmonise([t], [s])[0] for t, s in zip(texts, out)] if self.consistency else out


def score_variants(model_dir: Path, conll: Path) -> dict[str, dict]:
    """evaluate_conll of every variant on `conll` with the pipeline in `model_dir`."""
    from tahqiq.evaluate.ner import CONTEXT, evaluate_conll, read_conll
    from tahqiq.extract.ner import NerModel

    texts = [" ".join(tokens) for tokens, _ in read_conll(conll)]
    raw = dict(zip(texts, NerModel(model_dir).raw_batch(texts)))
    results = {}
    for name, skip in variants():
        on = name != f"-{CONSISTENCY}"
        res = evaluate_conll(str(conll), model=CachedModel(raw, skip, on), context=CONTEXT if on else 0)
        results[name] = summary(res)
    return results


def summary(res: dict) -> dict:
    """micro and PER/LOC/ORG P/R/F1 (in %) and counts of an evaluate_conll result."""
    def row(s: dict) -> dict:
        return {"p": round(100 * s["precision"], 2), "r": round(100 * s["recall"], 2),
                "f1": round(100 * s["f1"], 2), "tp": s["tp"], "gold": s["gold"], "pred": s["pred"]}
    out = {"micro": row(res["micro"])}
    out.update({t: row(res["per_type"][t]) for t in TYPES if t in res["per_type"]})
    out["sentences"] = res["sentences"]
    return out


def write_fold_data(data: Path, folder: Path, k: int, i: int) -> dict[str, int]:
    """train.spacy (the other blocks, labelled as corpus.py does), dev.spacy (the first 300
    training docs: spaCy needs one; nothing is chosen by it) and the held-out blocks as
    CoNLL (anercorp.conll: ANERcorp tags; wojood.conll: flattened as corpus.py does)."""
    import random

    import corpus
    import spacy
    from spacy.tokens import DocBin

    from tahqiq.extract.ner.components import customize_tokenizer

    nlp = customize_tokenizer(spacy.blank("ar"))
    aner = corpus.read_columns(data / "ner" / "anercorp" / "train.conll")
    woj_dir = data / "ner" / "wojood_sample"
    woj = corpus.read_columns(woj_dir / "train.txt") + corpus.read_columns(woj_dir / "val.txt")
    aner_train, aner_held = fold_parts(aner, k, i)
    woj_train, woj_held = fold_parts(woj, k, i)
    folder.mkdir(parents=True, exist_ok=True)
    gaz = corpus.load_gazetteer(data / "ner" / "anercorp" / "gazetteer")
    rng = random.Random(0)
    train = DocBin(store_user_data=False)
    parts = [(corpus.anercorp_sentence(r), True) for r in aner_train] + \
            [(corpus.wojood_sentence(r), False) for r in woj_train]
    for s, is_aner in parts:
        if s is None:
            continue
        corpus.add_silver(s, money_date=is_aner, role_windows=is_aner)
        train.add(corpus.to_doc(nlp, s))
        if is_aner and rng.random() < 0.5 and (copy := corpus.swap_names(s, gaz, rng)) is not None:
            train.add(corpus.to_doc(nlp, copy))
    train.to_disk(folder / "train.spacy")
    dev = DocBin(store_user_data=False, docs=list(train.get_docs(nlp.vocab))[:300])
    dev.to_disk(folder / "dev.spacy")
    with (folder / "anercorp.conll").open("w", encoding="utf-8") as f:
        for rows in aner_held:
            f.write("\n".join(f"{r[0]} {r[1]}" for r in rows) + "\n\n")
    corpus.write_conll([s for r in woj_held if (s := corpus.wojood_sentence(r)) is not None],
                       folder / "wojood.conll")
    return {"train_docs": len(train), "anercorp_held": len(aner_held), "wojood_held": len(woj_held)}


def write_anchor_data(data: Path, folder: Path) -> None:
    """The fixed split of corpus.py (train.spacy, dev_anercorp.conll, wojood_val_flat.conll),
    with dev.spacy replaced by a slice of the training docs as in the folds."""
    import corpus
    import spacy
    from spacy.tokens import DocBin

    corpus.build(data, folder)
    train = DocBin().from_disk(folder / "train.spacy")
    DocBin(store_user_data=False, docs=list(train.get_docs(spacy.blank("ar").vocab))[:300]).to_disk(
        folder / "dev.spacy")
    shutil.copyfile(folder / "dev_anercorp.conll", folder / "anercorp.conll")
    shutil.copyfile(folder / "wojood_val_flat.conll", folder / "wojood.conll")


def vectors_model(build: Path) -> Path:
    """A blank pipeline holding the shipped model's floret table (trained on unlabelled news
    only), for `--paths.vectors`; train.py's own, where it was built, is used as is."""
    own = HERE / "build" / "vectors_model"
    if own.exists():
        return own
    path = build / "vectors_model"
    if not path.exists():
        import spacy

        from tahqiq.extract.ner import (
            MODEL_DIR,
            components,  # noqa: F401  (registers tahqiq_ar_norm)
        )

        blank = spacy.blank("ar")
        blank.vocab.vectors = spacy.load(MODEL_DIR).vocab.vectors
        blank.to_disk(path)
    return path


def train_fold(folder: Path, vectors: Path, steps: int, overrides: list[str]) -> Path:
    """spaCy train on folder/train.spacy for `steps` steps, one thread; returns model-last."""
    env = dict(os.environ, OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1", MKL_NUM_THREADS="1")
    cmd = [sys.executable, "-m", "spacy", "train", str(HERE / "config.cfg"), "--output", str(folder / "train"),
           "--code", str(REPO / "src" / "tahqiq" / "extract" / "ner" / "components.py"),
           f"--paths.train={folder / 'train.spacy'}", f"--paths.dev={folder / 'dev.spacy'}",
           f"--paths.vectors={vectors}", "--components.tok2vec.model.embed.include_static_vectors=true",
           "--nlp.batch_size=256", f"--training.batcher.size.start={BATCH_START}",
           f"--training.max_steps={steps}", f"--training.eval_frequency={min(steps, 200)}",
           f"--training.patience={steps}", *overrides]
    print("+", " ".join(cmd), flush=True)
    with (folder / "train.log").open("w", encoding="utf-8") as log:
        subprocess.run(cmd, check=True, env=env, stdout=log, stderr=subprocess.STDOUT)
    return folder / "train" / "model-last"


def spread(values: list[float]) -> dict[str, float]:
    return {"mean": round(statistics.fmean(values), 2),
            "sd": round(statistics.stdev(values), 2) if len(values) > 1 else 0.0,
            "min": min(values), "max": max(values)}


def aggregate(folds: list[dict]) -> dict:
    """Per corpus: mean/sd/min/max over folds of micro and per-type F1 of the full path;
    per variant, the fold-by-fold change of micro (and ORG) F1 against the full path."""
    out: dict = {}
    for corpus_name in ("anercorp", "wojood"):
        full = [f["scores"][corpus_name]["full"] for f in folds]
        out[corpus_name] = {key: spread([s[key]["f1"] for s in full]) for key in ("micro", *TYPES)}
        out[corpus_name]["pooled"] = _pooled(full)
        deltas = {}
        for name in folds[0]["scores"][corpus_name]:
            if name == "full":
                continue
            d = [round(f["scores"][corpus_name][name]["micro"]["f1"] - f["scores"][corpus_name]["full"]["micro"]["f1"], 2)
                 for f in folds]
            d_org = [round(f["scores"][corpus_name][name]["ORG"]["f1"] - f["scores"][corpus_name]["full"]["ORG"]["f1"], 2)
                     for f in folds]
            deltas[name] = {"micro_delta": spread(d), "org_delta_mean": round(statistics.fmean(d_org), 2),
                            "per_fold": d}
        out[corpus_name]["variants"] = deltas
    return out


def _pooled(results: list[dict]) -> dict[str, float]:
    """Micro and per-type F1 over all held-out sentences together (counts summed over folds)."""
    out = {}
    for key in ("micro", *TYPES):
        gold = sum(r[key]["gold"] for r in results)
        pred = sum(r[key]["pred"] for r in results)
        tp = sum(r[key]["tp"] for r in results)
        out[key] = round(200 * tp / (gold + pred), 2) if gold + pred else 0.0
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    ap.add_argument("--build", type=Path, default=HERE / "build" / "cv")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--only", type=int, action="append", default=None, help="run only these folds (repeatable)")
    ap.add_argument("--max-steps", type=int, default=500)
    ap.add_argument("--set", action="append", default=[], metavar="SECTION.KEY=VALUE",
                    help="a spaCy config override for every fold (repeatable)")
    ap.add_argument("--no-anchor", dest="anchor", action="store_false",
                    help="skip the run on the fixed 90/10 split that relates the cheap config to the shipped model")
    ap.add_argument("--anchor-only", action="store_true", help="run only the fixed-split anchor (no fold)")
    ap.add_argument("--gather", action="store_true", help="no training, no scoring: write --out from the "
                    "per-fold results already under --build")
    ap.add_argument("--rescore", action="store_true", help="no training: re-score the fold models already built")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    if not (args.data / "ner" / "anercorp" / "train.conll").exists():
        sys.exit(f"training data not found under {args.data}; pass --data")
    args.build.mkdir(parents=True, exist_ok=True)
    overrides = [f"--{item}" for item in args.set]
    if args.gather:
        write_results(args, overrides)
        return
    vectors = vectors_model(args.build)
    runs = [] if args.anchor_only else [(str(i), i) for i in (args.only if args.only is not None else range(args.folds))]
    if args.anchor or args.anchor_only:
        runs.append(("anchor", -1))
    done = {}
    for name, i in runs:
        folder = args.build / f"fold{name}" if i >= 0 else args.build / "anchor"
        t0 = time.time()
        if not args.rescore or not (folder / "train" / "model-last").exists():
            sizes = write_fold_data(args.data, folder, args.folds, i) if i >= 0 else write_anchor_data(args.data, folder)
            train_fold(folder, vectors, args.max_steps, overrides)
        else:
            sizes = None
        model = folder / "train" / "model-last"
        scores = {c: score_variants(model, folder / f"{c}.conll") for c in ("anercorp", "wojood")}
        done[name] = {"fold": name, "sizes": sizes, "minutes": round((time.time() - t0) / 60, 1), "scores": scores}
        full = scores["anercorp"]["full"]
        print(f"fold {name}: ANERcorp micro {full['micro']['f1']} (ORG {full['ORG']['f1']}), "
              f"Wojood micro {scores['wojood']['full']['micro']['f1']}", flush=True)
        (args.build / f"fold{name}.json").write_text(json.dumps(done[name], ensure_ascii=False, indent=1),
                                                       encoding="utf-8")
    write_results(args, overrides)


def write_results(args: argparse.Namespace, overrides: list[str]) -> None:
    """Gather every fold{i}.json under --build into --out (the committed summary)."""
    folds = [json.loads((args.build / f"fold{i}.json").read_text(encoding="utf-8")) for i in range(args.folds)
             if (args.build / f"fold{i}.json").exists()]
    anchor_file = args.build / "foldanchor.json"
    result = {
        "command": "nice -n 10 .venv/bin/python training/ner/crossval.py "
                   f"--folds {args.folds} --max-steps {args.max_steps}" + "".join(f" --set {s}" for s in args.set),
        "config": {"folds": args.folds, "max_steps": args.max_steps, "overrides": overrides,
                   "model": f"config.cfg CNN + shipped floret vectors, gold + rule silver + name swaps, "
                            f"no news silver, no ORG head, {args.max_steps} steps from {BATCH_START}-word "
                            "batches, model-last"},
        "folds_done": [f["fold"] for f in folds],
        "cv": aggregate(folds) if len(folds) > 1 else None,
        "per_fold": {f["fold"]: {c: f["scores"][c]["full"] for c in ("anercorp", "wojood")} for f in folds},
    }
    if anchor_file.exists():
        anchor = json.loads(anchor_file.read_text(encoding="utf-8"))
        result["anchor"] = {"what": "the cheap config trained on the fixed 90/10 split; dev = ANERcorp dev split, "
                                    "wojood = Wojood val",
                            "anercorp_dev": anchor["scores"]["anercorp"]["full"],
                            "wojood_val": anchor["scores"]["wojood"]["full"]}
    args.out.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out}", flush=True)


if __name__ == "__main__":
    main()
