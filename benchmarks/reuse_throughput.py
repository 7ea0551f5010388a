"""Copied-text detection throughput and a silver precision check on the SaudiNewsNet set.

    .venv/bin/python benchmarks/reuse_throughput.py [--limit N] [--workers 2] [--sample 25]

Times the reuse stage as the pipeline runs it, over a temporary SQLite store:
fingerprinting (pure, in ``--workers`` processes), writing the fingerprint rows,
the SQL candidate join, and verification by alignment (candidate pairs split
over the workers, each reading texts from the store). Ingest (reading, cleaning)
and writing the documents themselves are done first and reported apart. Both
wall-clock and CPU seconds are printed: the machine is shared, so wall time
varies with load while CPU time does not.

Silver check (no gold exists for this set): pairs whose titles share most of
their words, or whose similarity is high, are near-certain copies; the rest are
printed as a random sample to read by hand. It also reports, as a rough recall
proxy, how many cross-outlet pairs with near-identical titles were found.
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import re
import sys
import tempfile
import time
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NEWS = Path(os.environ.get("TAHQIQ_SHARED", ROOT.parent / "shared")) / "data" / "news" / "saudinewsnet.jsonl.gz"


def _fingerprint(docs):
    """Worker: fingerprints of a chunk, and the CPU seconds they took in this process."""
    from tahqiq.corroborate.reuse import fingerprints
    c = time.process_time()
    out = [(d.id, fingerprints(d)) for d in docs]
    return out, time.process_time() - c


def _verify(url, pairs, common):
    """Worker: verified pairs of a chunk (texts read from the store), and the CPU seconds."""
    from tahqiq.corroborate.reuse import verify_pairs
    from tahqiq.store import open_store
    store = open_store(url)
    c = time.process_time()
    try:
        return verify_pairs(pairs, store.texts, common), time.process_time() - c
    finally:
        store.close()


def _chunks(xs, n):
    it = iter(xs)
    while chunk := list(itertools.islice(it, n)):
        yield chunk


class Clock:
    def __init__(self):
        self.rows = []

    def __call__(self, label, fn):
        """Run ``fn`` -> (result, CPU seconds spent in worker processes); record wall and CPU."""
        w, c = time.perf_counter(), time.process_time()
        out, worker_cpu = fn()
        self.rows.append((label, time.perf_counter() - w, time.process_time() - c + worker_cpu))
        return out


_TOK = re.compile(r"[\w\u0600-\u06FF]+")


def _title_words(t):
    from tahqiq.text.normalize import norm
    return {w for w in _TOK.findall(norm(t or "")) if len(w) > 2}


def _title_sim(a, b):
    x, y = _title_words(a), _title_words(b)
    return len(x & y) / max(1, min(len(x), len(y))) if x and y else 0.0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=10000, help="articles to use (0: all 31,030)")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--sample", type=int, default=25, help="pairs to print for reading by hand")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    if not NEWS.exists():
        print(f"news set not found at {NEWS} (set TAHQIQ_SHARED)")
        return 1

    from sqlalchemy import insert

    from tahqiq.corroborate import reuse
    from tahqiq.ingest import read_inputs
    from tahqiq.model import Analysis, Document
    from tahqiq.store import open_store
    from tahqiq.store import schema as s

    t0 = time.perf_counter()
    items = read_inputs([str(NEWS)])
    docs = [d for d in (itertools.islice(items, args.limit) if args.limit else items) if isinstance(d, Document)]
    docs = list({d.id: d for d in docs}.values())  # a text printed twice is one document
    prep = time.perf_counter() - t0
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/bench.db"
        store = open_store(url)
        t0 = time.perf_counter()
        for chunk in _chunks(docs, 500):
            store.add_analyses([(Analysis(d), ()) for d in chunk])
        write_docs = time.perf_counter() - t0
        n = len(docs)
        print(f"articles: {n} (of 31,030; ingest {prep:.1f}s and document writes {write_docs:.1f}s not counted)")

        clock = Clock()
        with ProcessPoolExecutor(max_workers=args.workers) as pool:
            def fingerprint_all():
                out, cpu = [], 0.0
                for part, c in pool.map(_fingerprint, _chunks(docs, 200)):
                    out.extend(part)
                    cpu += c
                return out, cpu

            fps = clock("fingerprint", fingerprint_all)
            rows = [dict(doc=i, band=b, key=k) for i, f in fps for b, k in f]

            def write_fps():
                with store.engine.begin() as c:
                    for chunk in _chunks(rows, 50_000):
                        c.execute(insert(s.fingerprints), chunk)
                return None, 0.0

            clock("write fingerprints", write_fps)
            df = reuse.common_df(n)
            pairs = clock("candidate join (SQL)", lambda: (store.candidate_doc_pairs(
                None, max_df=df - 1, min_shared=reuse.MIN_KEYS), 0.0))
            common = clock("stock keys (SQL)", lambda: (reuse.common_keys(store.common_fingerprints(df)), 0.0))

            def verify_all():
                ordered = reuse.component_order(pairs)  # a component stays in one worker
                size = max(1, len(ordered) // args.workers + 1)  # one block per worker: its profile cache is reused
                futs = [pool.submit(_verify, url, chunk, common) for chunk in _chunks(ordered, size)]
                done = [f.result() for f in futs]
                return [r for part, _ in done for r in part], sum(c for _, c in done)

            found = clock("verify (align)", verify_all)

        wall = sum(r[1] for r in clock.rows)
        cpu = sum(r[2] for r in clock.rows)
        print(f"fingerprint rows: {len(rows)} ({len(rows) / n:.1f} per article); key df cutoff {df}; "
              f"stock keys {sum(len(x) for x in common)}")
        print(f"candidate pairs: {len(pairs)}; verified copied-text pairs: {len(found)}")
        print(f"{'stage':24} {'wall s':>8} {'cpu s':>8}")
        for label, w, c in clock.rows:
            print(f"{label:24} {w:8.2f} {c:8.2f}")
        print(f"{'total':24} {wall:8.2f} {cpu:8.2f}")
        print(f"throughput: {n / wall:,.0f} articles/s wall with {args.workers} workers; "
              f"{n / cpu:,.0f} articles per CPU-second (load average now {os.getloadavg()[0]:.1f})")

        byid = {d.id: d for d in docs}
        _silver(found, byid, args.sample, args.seed)
        store.close()
    return 0


def _silver(found, byid, sample, seed):
    """Heuristic labels for the found pairs, and a random sample to read by hand."""
    sure = [r for r in found if _title_sim(byid[r.a].title, byid[r.b].title) >= 0.5 or r.similarity >= 0.3]
    print(f"\nsilver: {len(sure)}/{len(found)} found pairs have titles sharing half their words "
          f"or similarity >= 0.3 (near-certain copies); the rest need reading:")
    sure_ids = {(r.a, r.b) for r in sure}
    rest = [r for r in found if (r.a, r.b) not in sure_ids]
    rnd = random.Random(seed)
    for r in rnd.sample(rest, min(sample, len(rest))):
        a, b = byid[r.a], byid[r.b]
        (a0, a1), (b0, b1) = max(r.passages, key=lambda p: p[0][1] - p[0][0])
        print(f"--- sim {r.similarity:.3f}, {len(r.passages)} passages | {a.outlet}: {a.title} | {b.outlet}: {b.title}")
        print(f"    a: {a.text[a0:a1][:220]!s}".replace("\n", " "))
        print(f"    b: {b.text[b0:b1][:220]!s}".replace("\n", " "))
    # Recall proxy: cross-outlet pairs with near-identical titles are usually the same wire story.
    by_title = defaultdict(list)
    for d in byid.values():
        key = " ".join(sorted(_title_words(d.title)))
        if len(key.split()) >= 4:
            by_title[key].append(d)
    twins = {tuple(sorted((x.id, y.id))) for ds in by_title.values() if len(ds) <= 10
             for x, y in itertools.combinations(ds, 2) if x.outlet != y.outlet}
    got = {(r.a, r.b) for r in found}
    if twins:
        print(f"\nrecall proxy: {len(twins & got)}/{len(twins)} cross-outlet pairs with identical title words "
              f"were found ({100 * len(twins & got) / len(twins):.0f}%)")


if __name__ == "__main__":
    sys.exit(main())
