"""Rebuild the shipped Arabic NER model from ../shared/data, in one command.

    .venv/bin/python training/ner/train.py            # vectors + corpora + train + ship
    .venv/bin/python training/ner/train.py --no-vectors   # faster, no floret table

Steps (intermediate files go to training/ner/build/, which git ignores):
1. vectors.py: tokenise the SaudiNewsNet articles and train floret vectors;
2. corpus.py: ANERcorp (90/10 fixed split) + Wojood -> train.spacy / dev.spacy;
3. spaCy train with config.cfg on one thread (fixed seed);
4. copy model-best into src/tahqiq/extract/ner/model/ and score it on the
   ANERcorp dev split and Wojood val (written to model/scores.json).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
MODEL_DIR = REPO / "src" / "tahqiq" / "extract" / "ner" / "model"
sys.path.insert(0, str(REPO / "src"))

from tahqiq.extract.ner import ORG_PIPE  # noqa: E402


def run(*cmd: str) -> None:
    """Run a step on one thread (the machine is shared; results stay reproducible)."""
    print("+", " ".join(cmd), flush=True)
    env = dict(os.environ, OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1", MKL_NUM_THREADS="1")
    subprocess.run(cmd, check=True, env=env)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    ap.add_argument("--build", type=Path, default=HERE / "build")
    ap.add_argument("--no-vectors", action="store_true", help="train without static vectors")
    ap.add_argument("--max-steps", type=int, default=None)
    ap.add_argument("--config", type=Path, default=HERE / "config.cfg")
    ap.add_argument("--out", type=Path, default=MODEL_DIR)
    ap.add_argument("--silver", type=Path, default=None,
                    help="extra training docs (silver.py: transformer-labelled news sentences)")
    ap.add_argument("--gold-copies", type=int, default=1,
                    help="with --silver: the gold training docs appear this many times (after the silver)")
    ap.add_argument("--set", action="append", default=[], metavar="SECTION.KEY=VALUE",
                    help="a spaCy config override, e.g. training.optimizer.use_averages=false (repeatable)")
    ap.add_argument("--org-from", type=Path, default=None,
                    help="a trained pipeline (e.g. the model shipped before) whose NER becomes the new model's "
                         f"'{ORG_PIPE}' component: its ORG spans replace the new NER's")
    ap.add_argument("--org-head", type=Path, action="append", default=None, metavar="SILVER",
                    help=f"train a '{ORG_PIPE}' component that reads the new model's tok2vec (frozen: one more "
                         "NER head, not a second CNN) on these docs (silver.py --labeller fast: the ORG "
                         "teacher's labels; repeatable) followed by the gold; its ORG spans replace the new NER's")
    ap.add_argument("--org-head-steps", type=int, default=4000, help="with --org-head: at most this many steps")
    ap.add_argument("--rescore", action="store_true",
                    help="no training: score the model already in --out, rewrite its scores.json and README")
    args = ap.parse_args()
    if not (args.data / "ner" / "anercorp" / "train.conll").exists():
        sys.exit(f"training data not found under {args.data}; pass --data")
    build = args.build
    build.mkdir(parents=True, exist_ok=True)
    if args.rescore:
        sys.path.insert(0, str(HERE))
        import corpus
        if not (build / "dev_anercorp.conll").exists():
            corpus.build(args.data, build)
        vectors = json.loads((args.out / "scores.json").read_text(encoding="utf-8")).get("vectors", True)
        score(args.out, build, vectors)
        return
    py = sys.executable
    org_source = None
    if args.org_from and args.org_head:
        sys.exit("--org-from and --org-head both add an ORG component: give one")
    for path in args.org_head or []:
        if not path.is_file():
            sys.exit(f"--org-head {path}: no such file (make it with silver.py --labeller fast)")
    if args.org_from:
        # Copied first: --org-from may be the folder that shipping overwrites.
        if not (args.org_from / "config.cfg").is_file():
            sys.exit(f"--org-from {args.org_from}: no spaCy pipeline there")
        org_source = build / "org_source"
        if org_source.resolve() != args.org_from.resolve():
            if org_source.exists():
                shutil.rmtree(org_source)
            shutil.copytree(args.org_from, org_source)

    overrides = [f"--paths.train={build / 'train.spacy'}", f"--paths.dev={build / 'dev.spacy'}",
                 "--nlp.batch_size=256"]
    if not args.no_vectors:
        if not (build / "vectors.floret").exists():
            run(py, str(HERE / "vectors.py"), "--data", str(args.data), "--build", str(build))
        if not (build / "vectors_model").exists():
            run(py, "-m", "spacy", "init", "vectors", "ar", str(build / "vectors.floret"),
                str(build / "vectors_model"), "--mode", "floret")
        overrides += [f"--paths.vectors={build / 'vectors_model'}",
                      "--components.tok2vec.model.embed.include_static_vectors=true"]
    if args.max_steps:
        overrides.append(f"--training.max_steps={args.max_steps}")
    for item in args.set:
        if "=" not in item:
            sys.exit(f"--set {item}: expected SECTION.KEY=VALUE")
        overrides.append(f"--{item}")

    sys.path.insert(0, str(HERE))
    import corpus

    print("corpora:", corpus.build(args.data, build), flush=True)
    shutil.copyfile(build / "train.spacy", build / "gold.spacy")  # before any silver joins it
    if args.silver:
        from spacy.tokens import DocBin
        train = DocBin().from_disk(build / "train.spacy")
        train.merge(DocBin().from_disk(args.silver))
        for _ in range(args.gold_copies - 1):
            train.merge(DocBin().from_disk(build / "train.spacy"))
        train.to_disk(build / "train.spacy")
        print(f"train.spacy + {args.silver} (gold x{args.gold_copies}): {len(train)} docs", flush=True)
    train_out = build / f"train_{args.config.stem}{'_novec' if args.no_vectors else ''}"
    run(py, "-m", "spacy", "train", str(args.config), "--output", str(train_out),
        "--code", str(REPO / "src" / "tahqiq" / "extract" / "ner" / "components.py"), *overrides)
    org_head = None
    if args.org_head:
        org_head = dict(silver=args.org_head, steps=args.org_head_steps, config=args.config,
                        overrides=[o for o in overrides if not o.startswith((
                            "--paths.train", "--components.tok2vec", "--training.max_steps", "--training.patience"))])
    ship(train_out / "model-best", args.out, args.data, build, vectors=not args.no_vectors,
         org_source=org_source, org_head=org_head)


def ship(best: Path, out: Path, data: Path, build: Path, vectors: bool = True,
         org_source: Path | None = None, org_head: dict | None = None) -> dict:
    """Copy the trained pipeline into the package, score it, write scores.json and README.md."""
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(best, out)
    # The [paths] of the training run name this machine's build folder; the
    # shipped pipeline needs none of them.
    cfg = out / "config.cfg"
    cfg.write_text(re.sub(r"(?m)^(train|dev|vectors) = .*$", r"\1 = null", cfg.read_text(encoding="utf-8")),
                   encoding="utf-8")
    if org_source:
        add_org(out, org_source)
    if org_head:
        train_org_head(out, build, **org_head)
    return score(out, build, vectors)


def org_head_config(config: Path, source: Path) -> str:
    """`config` turned into the training config of an ORG_PIPE NER whose tok2vec is the
    listener of the (frozen, annotating) tok2vec of the pipeline in `source`."""
    import spacy
    from thinc.api import Config

    from tahqiq.extract.ner import components  # noqa: F401  (registers tahqiq_ar_norm)

    width = spacy.load(source).get_pipe("tok2vec").model.get_dim("nO")
    cfg = Config().from_str(config.read_text(encoding="utf-8"), interpolate=False)
    head = cfg["components"].pop("ner")
    head["model"]["tok2vec"] = {"@architectures": "spacy.Tok2VecListener.v1", "width": width, "upstream": "tok2vec"}
    cfg["components"][ORG_PIPE] = head
    cfg["components"]["tok2vec"] = {"source": str(source)}
    cfg["nlp"]["pipeline"] = ["tahqiq_ar_norm", "tok2vec", ORG_PIPE]
    cfg["training"]["frozen_components"] = ["tok2vec"]
    cfg["training"]["annotating_components"] = ["tahqiq_ar_norm", "tok2vec"]
    return cfg.to_str()


def train_org_head(out: Path, build: Path, silver: list[Path], steps: int, config: Path,
                   overrides: list[str]) -> None:
    """Train the ORG_PIPE head on `silver` + the gold over the frozen tok2vec of the pipeline
    in `out`, and add it there (disabled; NerModel runs it after the main NER)."""
    import spacy
    from spacy.tokens import DocBin

    from tahqiq.extract.ner import components  # noqa: F401

    docs = DocBin()
    for path in silver:
        docs.merge(DocBin().from_disk(path))
    docs.merge(DocBin().from_disk(build / "gold.spacy"))
    docs.to_disk(build / "org_train.spacy")
    print(f"{ORG_PIPE} head: {' + '.join(map(str, silver))} + gold: {len(docs)} docs", flush=True)
    (build / "org_head.cfg").write_text(org_head_config(config, out), encoding="utf-8")
    head_out = build / "train_org_head"
    run(sys.executable, "-m", "spacy", "train", str(build / "org_head.cfg"), "--output", str(head_out),
        "--code", str(REPO / "src" / "tahqiq" / "extract" / "ner" / "components.py"),
        f"--paths.train={build / 'org_train.spacy'}", f"--training.max_steps={steps}", *overrides)
    nlp, head = spacy.load(out), spacy.load(head_out / "model-best")
    if nlp.get_pipe("tok2vec").model.to_bytes() != head.get_pipe("tok2vec").model.to_bytes():
        sys.exit(f"{head_out}: the head was trained over another tok2vec than {out}'s")
    _add_org_pipe(nlp, ORG_PIPE, head, out)
    print(f"{out}: ORG from the {ORG_PIPE} head over its own tok2vec", flush=True)


def add_org(out: Path, source: Path) -> None:
    """Add the NER of the pipeline in `source` to the pipeline in `out` as the disabled
    ORG_PIPE component, with its own copy of its tok2vec; both must share the vectors.
    NerModel runs it after the main NER and takes its ORG spans (tahqiq.extract.ner)."""
    import spacy

    from tahqiq.extract.ner import components  # noqa: F401  (registers tahqiq_ar_norm)

    nlp, src = spacy.load(out), spacy.load(source)
    if not (nlp.vocab.vectors.data.shape == src.vocab.vectors.data.shape
            and (nlp.vocab.vectors.data == src.vocab.vectors.data).all()):
        sys.exit(f"{source} was trained with other static vectors than {out}: it cannot be its ORG component")
    if ORG_PIPE in src.component_names:
        name = ORG_PIPE
    else:
        name = "ner"
        src.replace_listeners("tok2vec", "ner", ["model.tok2vec"])
    _add_org_pipe(nlp, name, src, out)
    print(f"{out}: ORG from the NER of {source} (component {ORG_PIPE})", flush=True)


def _add_org_pipe(nlp, name: str, source, out: Path) -> None:
    """Copy component `name` of the `source` pipeline into `nlp` as the disabled ORG_PIPE
    and write `nlp` over the pipeline folder `out` (through a temporary folder)."""
    nlp.add_pipe(name, name=ORG_PIPE, source=source)
    nlp.disable_pipe(ORG_PIPE)
    tmp = out.with_name(out.name + ".tmp")
    if tmp.exists():
        shutil.rmtree(tmp)
    nlp.to_disk(tmp)
    shutil.rmtree(out)
    tmp.rename(out)


def score(out: Path, build: Path, vectors: bool) -> dict:
    """Score the pipeline in `out` on the ANERcorp dev split and Wojood val; write scores.json and README.md."""
    from tahqiq.evaluate.ner import evaluate_conll, format_report
    from tahqiq.extract.ner import NerModel

    model = NerModel(out)
    scores = {
        "anercorp_dev": evaluate_conll(str(build / "dev_anercorp.conll"), model=model),
        "wojood_val": evaluate_conll(str(build / "wojood_val_flat.conll"), model=model),
    }
    for name, res in scores.items():
        print(f"== {name}\n{format_report(res)}", flush=True)
    size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    scores["size_bytes"] = size
    scores["vectors"] = vectors
    (out / "scores.json").write_text(json.dumps(scores, indent=1, ensure_ascii=False), encoding="utf-8")
    write_readme(out, scores, format_report)
    print(f"shipped {out} ({size / 1e6:.1f} MB)")
    return scores


def write_readme(out: Path, scores: dict, format_report) -> None:
    template = (HERE / "MODEL_README.md.in").read_text(encoding="utf-8")
    text = template.format(
        size_mb=f"{scores['size_bytes'] / 1e6:.1f}",
        vectors="floret subword vectors trained on SaudiNewsNet (50k hashed rows, dim 100)"
        if scores["vectors"] else "no static vectors",
        anercorp=format_report(scores["anercorp_dev"]).replace(str(scores["anercorp_dev"]["file"]), "ANERcorp dev"),
        wojood=format_report(scores["wojood_val"]).replace(str(scores["wojood_val"]["file"]), "Wojood val"),
    )
    (out / "README.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
