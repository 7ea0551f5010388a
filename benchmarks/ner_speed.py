"""Throughput of the shipped NER model on real news text, on one core.

    .venv/bin/python benchmarks/ner_speed.py [--articles 1000] [--news PATH]

Prints tokens/s (tokens = spaCy `ar` tokenizer tokens, whitespace excluded),
counting the whole predict_batch call: segmentation, model and rules. The run
is single-threaded; "per CPU-second" divides by the process's CPU time, which
is the one-core figure when other processes share the machine, and equals
the wall-clock figure on an idle one.
Reads ../shared/data/news/saudinewsnet.jsonl.gz (not shipped).
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import gzip  # noqa: E402
import itertools  # noqa: E402
import json  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

NEWS = Path(__file__).resolve().parents[2] / "shared" / "data" / "news" / "saudinewsnet.jsonl.gz"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--skip", type=int, default=5000, help="start this far into the file")
    ap.add_argument("--news", type=Path, default=NEWS)
    ap.add_argument("--model", default="fast")
    args = ap.parse_args()

    from tahqiq.extract.ner import load_model

    with gzip.open(args.news, "rt", encoding="utf-8") as f:
        rows = itertools.islice(f, args.skip, args.skip + args.articles)
        texts = [t for t in (json.loads(r).get("content") or "" for r in rows) if t.strip()]
    model = load_model(args.model)
    n_tokens = sum(1 for doc in model.nlp.tokenizer.pipe(texts) for t in doc if not t.is_space)
    model.predict_batch(texts[:20])  # warm-up
    t0, c0 = time.perf_counter(), time.process_time()
    spans = model.predict_batch(texts)
    seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    n_spans = sum(len(s) for s in spans)
    print(f"articles: {len(texts)}  tokens: {n_tokens}  entities: {n_spans}  "
          f"wall: {seconds:.2f} s  cpu: {cpu:.2f} s")
    print(f"tokens/s (wall): {n_tokens / seconds:,.0f}")
    print(f"tokens/s (per CPU-second, one thread): {n_tokens / cpu:,.0f}")


if __name__ == "__main__":
    main()
