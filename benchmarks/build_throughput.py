"""Throughput of ``tahqiq build`` on the SaudiNewsNet sample: whole build, per stage,
how cost grows with the corpus, and incremental builds.

    .venv/bin/python benchmarks/build_throughput.py                       # 1k, whole build + stages
    .venv/bin/python benchmarks/build_throughput.py --sizes 1000 10000 31030 --workers 2
    .venv/bin/python benchmarks/build_throughput.py --sizes 10000 --incremental 1000 --no-stages   # +1k into 10k
    .venv/bin/python benchmarks/build_throughput.py --sizes 1000 10000 30000 --incremental 1000 \
        --increment-from 30000 --no-stages     # the same 1k into stores of 1k, 10k and 30k
    .venv/bin/python benchmarks/build_throughput.py --data /path/to/news.jsonl.gz --ner rules

Prints, for each size: articles/s and words/s of the whole build (wall and CPU
seconds: on a shared machine CPU seconds are the fairer figure), link time,
peak RSS of the main process and of the largest worker; with stages, the
single-process cost of ingest, text, extract, fingerprints, store write and
link; with --incremental K, the cost of building K new articles into a store
that already holds the first N (compare it with a from-scratch build of the same K).
Each whole build runs in a fresh subprocess, so peak RSS is that build's own.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "news" / "saudinewsnet.jsonl.gz"


def sample(data: Path, start: int, n: int, out: Path) -> Path:
    """Lines [start, start + n) of the JSONL (gz or not) into ``out``."""
    opener = gzip.open if data.name.endswith(".gz") else open
    with opener(data, "rb") as fh, open(out, "wb") as w:
        w.writelines(itertools.islice(fh, start, start + n))
    return out


def _cpu() -> float:
    s, c = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return s.ru_utime + s.ru_stime + c.ru_utime + c.ru_stime


def _rss_mb() -> tuple[float, float]:
    """Peak RSS (MiB) of this process and of the largest waited-for child (Linux: KiB units)."""
    return (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)


def one_build(paths: list[str], db: str, workers: int, ner: str) -> dict:
    """One ``pipeline.build`` (run in its own process by ``whole``); figures as a dict."""
    from tahqiq import pipeline
    from tahqiq.store import open_store

    store = open_store(db)
    link_s = [0.0]
    real_link = pipeline.link

    def timed_link(*a, **k):
        t = time.perf_counter()
        real_link(*a, **k)
        link_s[0] = time.perf_counter() - t

    pipeline.link = timed_link
    t0, c0 = time.perf_counter(), _cpu()
    rep = pipeline.build(paths, store, workers=workers, ner=ner)
    wall, cpu = time.perf_counter() - t0, _cpu() - c0
    words = sum(len(d.text.split()) for d in store.documents())
    main_rss, child_rss = _rss_mb()
    return {"stored": rep.stored, "unchanged": rep.unchanged, "skipped": len(rep.skipped),
            "store_words": words, "wall_s": wall, "cpu_s": cpu, "link_s": link_s[0],
            "rss_main_mb": main_rss, "rss_worker_mb": child_rss, **store.counts()}


def whole(paths: list[str], db: str, workers: int, ner: str) -> dict:
    cmd = [sys.executable, __file__, "--one", db, "--workers", str(workers), "--ner", ner, "--", *paths]
    run = subprocess.run(cmd, capture_output=True, text=True)
    if run.returncode != 0:
        sys.exit(f"build of {paths} failed (exit {run.returncode}):\n{run.stderr[-4000:]}")
    return json.loads(run.stdout.strip().splitlines()[-1])


def stages(path: str, ner: str) -> dict[str, float]:
    """Seconds per stage, single process, stages run one after the other on the same documents."""
    from tahqiq import pipeline
    from tahqiq.corroborate.reuse import fingerprints
    from tahqiq.extract.claims import extract_claims
    from tahqiq.ingest import read_inputs
    from tahqiq.model import Analysis, Document
    from tahqiq.store import open_store
    from tahqiq.text.segment import sentences, tokens

    out: dict[str, float] = {}
    t = time.perf_counter()
    pipeline.warm(ner)
    out["warm-up (gazetteer, NER model)"] = time.perf_counter() - t
    t = time.perf_counter()
    docs = [d for d in read_inputs([path]) if isinstance(d, Document)]
    out["ingest"] = time.perf_counter() - t
    t = time.perf_counter()
    seg = [(sentences(d.text), tokens(d.text)) for d in docs]
    out["text (sentences, tokens)"] = time.perf_counter() - t
    t = time.perf_counter()
    ms = [pipeline._mentions(d, ner, toks) for d, (_, toks) in zip(docs, seg)]
    out["extract: mentions"] = time.perf_counter() - t
    t = time.perf_counter()
    xs = [extract_claims(d.id, d.text, s, m, published=d.published) for d, (s, _), m in zip(docs, seg, ms)]
    out["extract: claims"] = time.perf_counter() - t
    t = time.perf_counter()
    fps = [fingerprints(d) for d in docs]
    out["fingerprints"] = time.perf_counter() - t
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(os.path.join(tmp, "stages.db"))
        t = time.perf_counter()
        items = [(Analysis(d, [], [], m, x), f) for d, m, x, f in zip(docs, ms, xs, fps)]
        for k in range(0, len(items), pipeline.BATCH):
            store.add_analyses(items[k:k + pipeline.BATCH])
        out["store write"] = time.perf_counter() - t
        t = time.perf_counter()
        pipeline.link(store)
        out["link (resolve, reuse, claims)"] = time.perf_counter() - t
        store.close()
    out["_docs"] = len(docs)
    out["_words"] = sum(len(d.text.split()) for d in docs)
    return out


def _fmt_build(label: str, r: dict, new_words: int | None = None) -> str:
    n = r["stored"]
    words = new_words if new_words is not None else r["store_words"]
    return (f"{label:<28} {n:>6} articles {words / 1e6:>5.2f}M words  wall {r['wall_s']:>7.1f}s "
            f"({n / r['wall_s']:>6.1f} art/s, {words / r['wall_s']:>7.0f} words/s)  cpu {r['cpu_s']:>7.1f}s "
            f"({n / max(r['cpu_s'], 1e-9):>6.1f} art/cpu-s)  link {r['link_s']:>6.1f}s  "
            f"peak RSS main {r['rss_main_mb']:>5.0f} MiB, worker {r['rss_worker_mb']:>5.0f} MiB")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=Path(os.environ.get("TAHQIQ_NEWS", DEFAULT_DATA)))
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000])
    ap.add_argument("--workers", type=int, default=min(2, os.cpu_count() or 1))
    ap.add_argument("--ner", default="fast")
    ap.add_argument("--incremental", type=int, default=0, help="also build the K articles after the first N into the N-article store")
    ap.add_argument("--increment-from", type=int, default=None, metavar="LINE",
                    help="take the K new articles from this line on (default: right after the first N); "
                         "the same K into stores of several sizes shows how an increment's cost grows")
    ap.add_argument("--no-stages", action="store_true", help="skip the per-stage breakdown")
    ap.add_argument("--no-whole", action="store_true", help="skip the whole-build runs")
    ap.add_argument("--one", help=argparse.SUPPRESS)
    ap.add_argument("paths", nargs="*", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.one:
        print(json.dumps(one_build(a.paths, a.one, a.workers, a.ner)))
        return
    if not a.data.exists():
        sys.exit(f"no data at {a.data}: pass --data or set TAHQIQ_NEWS")
    print(f"# tahqiq build throughput  data={a.data.name}  workers={a.workers}  ner={a.ner}  "
          f"cpus={os.cpu_count()}  load={os.getloadavg()[0]:.1f}  {time.strftime('%Y-%m-%d %H:%M')}")
    with tempfile.TemporaryDirectory() as tmp:
        for n in a.sizes:
            src = sample(a.data, 0, n, Path(tmp) / f"news{n}.jsonl")
            if not a.no_whole:
                r = whole([str(src)], os.path.join(tmp, f"whole{n}.db"), a.workers, a.ner)
                print(_fmt_build(f"whole build N={n}", r), flush=True)
            if not a.no_stages:
                st = stages(str(src), a.ner)
                docs, words = st.pop("_docs"), st.pop("_words")
                total = sum(v for k, v in st.items() if not k.startswith("warm"))
                print(f"stages N={n} ({docs} articles, {words / 1e6:.2f}M words), one process:", flush=True)
                for k, v in st.items():
                    rate = "" if k.startswith("warm") else f"  {docs / max(v, 1e-9):>8.1f} art/s  {words / max(v, 1e-9):>9.0f} words/s"
                    print(f"  {k:<32} {v:>8.2f}s{rate}")
                print(f"  {'total':<32} {total:>8.2f}s  {docs / total:>8.1f} art/s  {words / total:>9.0f} words/s")
            if a.incremental:
                # K articles that follow the first N, into a copy of the N-article store.
                k = a.incremental
                start = n if a.increment_from is None else a.increment_from
                if start < n:
                    sys.exit(f"--increment-from {start} overlaps the first {n} articles")
                new = sample(a.data, start, k, Path(tmp) / f"new{n}.jsonl")
                db = os.path.join(tmp, f"inc{n}.db")
                if a.no_whole:
                    whole([str(src)], db, a.workers, a.ner)
                else:
                    for ext in ("", "-wal"):  # an un-checkpointed WAL holds committed rows too
                        if os.path.exists(os.path.join(tmp, f"whole{n}.db{ext}")):
                            shutil.copy(os.path.join(tmp, f"whole{n}.db{ext}"), db + ext)
                r1 = whole([str(new)], db, a.workers, a.ner)
                print(_fmt_build(f"incremental +{k} into {n}", r1, new_words=_words(new)), flush=True)
                r2 = whole([str(new)], os.path.join(tmp, f"scratch{n}.db"), a.workers, a.ner)
                print(_fmt_build(f"same {k} from scratch", r2), flush=True)


def _words(path: Path) -> int:
    from tahqiq.ingest import read_inputs
    from tahqiq.model import Document

    return sum(len(d.text.split()) for d in read_inputs([str(path)]) if isinstance(d, Document))

if __name__ == "__main__":
    main()
