"""Byte-identity of the ``tahqiq/1`` JSON export across a refactoring: build the same inputs with
the current code, export, and compare with exports saved from an earlier commit.

    # at the starting commit: save the baseline
    PYTHONPATH=src python benchmarks/export_identity.py --save /tmp/reno/baseline \
        --pg postgresql://tahqiq:tahqiq@127.0.0.1:5432/tahqiq_reno
    # after each step: build again and diff
    PYTHONPATH=src python benchmarks/export_identity.py --check /tmp/reno/baseline --pg ...

Targets (``--targets``, default all that can run): ``dev-sqlite``, ``dev-pg``, ``dev-spark``
(the shared dev articles), ``news-sqlite``, ``news-pg``, ``news-spark`` (the first ``--news N``
lines of the SaudiNewsNet file, default 1,000). The inputs are copied to one fixed folder
(``--inputs``, default /tmp/tahqiq-identity-inputs) so the paths recorded in the export are equal
between runs.

What is compared: the export with every list sorted (order of rows is not part of the contract),
after removing what a build cannot reproduce: the custody events' times and the pattern-set
digest (a digest of the extract/ source files, which a refactoring touching import lines changes).
This is a script, not a test: extraction changes on main in parallel, so its output must not be
pinned by the test suite; the baseline is the branch's own starting point.
"""

from __future__ import annotations

import argparse
import difflib
import gzip
import itertools
import json
import os
import shutil
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"
DEV = SHARED / "dev" / "articles"
NEWS = SHARED / "news" / "saudinewsnet.jsonl.gz"
TARGETS = ("dev-sqlite", "dev-pg", "dev-spark", "news-sqlite", "news-pg", "news-spark")


def inputs(folder: Path, news: int) -> dict[str, list[str]]:
    """The dev articles and the first ``news`` SaudiNewsNet lines, copied under ``folder`` once
    (the copy keeps the files' modification times: the capture time may come from them)."""
    dev = folder / "dev"
    if not dev.exists():
        shutil.copytree(DEV, dev)
    nf = folder / f"news{news}.jsonl"
    if not nf.exists():
        with gzip.open(NEWS, "rb") as fh, open(nf, "wb") as w:
            w.writelines(itertools.islice(fh, news))
    return {"dev": [str(dev)], "news": [str(nf)]}


def _normalise(x: Any) -> Any:
    """Drop run-dependent fields; sort every list by its canonical JSON (after normalising)."""
    if isinstance(x, dict):
        out = {}
        for k, v in x.items():
            if k == "pattern_set":
                out[k] = "<pattern-set>"
            elif k == "custody":  # events without their times, as sorted JSON strings
                out[k] = sorted(json.dumps(_normalise({kk: vv for kk, vv in _event(ev).items() if kk != "at"}),
                                           ensure_ascii=False, sort_keys=True) for ev in v)
            else:
                out[k] = _normalise(v)
        return out
    if isinstance(x, list):
        items = [_normalise(v) for v in x]
        return sorted(items, key=lambda v: json.dumps(v, ensure_ascii=False, sort_keys=True))
    return x


def _event(ev: dict[str, Any] | str) -> dict[str, Any]:
    """A custody event, also as a saved export holds it (already a JSON string)."""
    return json.loads(ev) if isinstance(ev, str) else ev


def canonical(export: dict[str, Any]) -> str:
    return json.dumps(_normalise(export), ensure_ascii=False, sort_keys=True, indent=1) + "\n"


def _pg_store(base: str):
    """A fresh schema in the PostgreSQL database ``base``; returns (url, drop)."""
    from sqlalchemy import create_engine, text

    from tahqiq.store.sql import to_url

    schema = "ident_" + uuid.uuid4().hex[:10]
    admin = create_engine(to_url(base))
    with admin.begin() as c:
        c.execute(text(f"CREATE SCHEMA {schema}"))
    url = to_url(base)
    url += ("&" if "?" in url else "?") + f"options=-csearch_path%3D{schema}"

    def drop() -> None:
        with admin.begin() as c:
            c.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()
    return url, drop


def build_export(target: str, paths: dict[str, list[str]], pg: str | None, tmp: Path) -> tuple[str, float]:
    """Build one target into a fresh store and return its canonical export and the build seconds."""
    from tahqiq.export import export_dict
    from tahqiq.pipeline import build
    from tahqiq.store import open_store

    data, backend = target.split("-")
    drop = None
    if backend == "pg":
        if not pg:
            raise SystemExit(f"{target}: needs --pg URL")
        url, drop = _pg_store(pg)
    else:
        url = f"sqlite:///{tmp / (target + '.db')}"
    try:
        store = open_store(url)
        t = time.perf_counter()
        if backend == "spark":
            try:
                from tahqiq.pipeline import build_spark
            except ImportError:  # a baseline saved at a commit before the engine interface
                from tahqiq.engines.spark import build_spark  # type: ignore[attr-defined,no-redef]
            build_spark(paths[data], store, master="local[2]")
        else:
            build(paths[data], store)
        took = time.perf_counter() - t
        text = canonical(export_dict(store))
        store.close() if hasattr(store, "close") else None
        return text, took
    finally:
        if drop:
            drop()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    mode = ap.add_mutually_exclusive_group(required=True)
    mode.add_argument("--save", type=Path, help="write the exports into this folder")
    mode.add_argument("--check", type=Path, help="compare with the exports saved in this folder")
    ap.add_argument("--targets", nargs="+", choices=TARGETS, default=None,
                    help="default: every target (with --check: every one saved)")
    ap.add_argument("--pg", default=os.environ.get("TAHQIQ_TEST_PG_URL"), help="PostgreSQL database URL")
    ap.add_argument("--news", type=int, default=1000, help="SaudiNewsNet lines (default 1000)")
    ap.add_argument("--inputs", type=Path, default=Path(tempfile.gettempdir()) / "tahqiq-identity-inputs")
    a = ap.parse_args()

    a.inputs.mkdir(parents=True, exist_ok=True)
    paths = inputs(a.inputs, a.news)
    if a.check and a.targets is None:
        targets = [t for t in TARGETS if (a.check / f"{t}.json").exists()]
    else:
        targets = list(a.targets or TARGETS)
    bad = 0
    with tempfile.TemporaryDirectory(prefix="tahqiq-identity-") as tmp:
        for t in targets:
            text, took = build_export(t, paths, a.pg, Path(tmp))
            if a.save:
                a.save.mkdir(parents=True, exist_ok=True)
                (a.save / f"{t}.json").write_text(text, encoding="utf-8")
                print(f"{t}: saved ({len(text):,} bytes, build {took:.1f} s)", flush=True)
                continue
            # Normalised again: a baseline saved by an earlier version of this script compares too.
            old = canonical(json.loads((a.check / f"{t}.json").read_text(encoding="utf-8")))
            if old == text:
                print(f"{t}: identical ({len(text):,} bytes, build {took:.1f} s)", flush=True)
            else:
                bad += 1
                diff = list(itertools.islice(difflib.unified_diff(
                    old.splitlines(), text.splitlines(), "baseline", "now", lineterm="", n=1), 60))
                print(f"{t}: DIFFERENT (build {took:.1f} s)\n" + "\n".join(diff), flush=True)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
