"""Crash harness: ``tahqiq build`` in a subprocess, SIGKILLed after a delay; store checks."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

BUILD_TIMEOUT = 300


def build_cmd(corpus: Path, db: Path) -> list[str]:
    return [sys.executable, "-m", "tahqiq", "build", str(corpus), "--db", str(db), "--ner", "rules", "-q"]


def run_build(corpus: Path, db: Path) -> float:
    """Uninterrupted build; returns its wall time (used only to spread the kill points)."""
    t0 = time.monotonic()
    r = subprocess.run(build_cmd(corpus, db), capture_output=True, text=True, timeout=BUILD_TIMEOUT)
    assert r.returncode == 0, r.stderr[-3000:]
    return time.monotonic() - t0


def killed_build(corpus: Path, db: Path, delay: float) -> bool:
    """Start a build and SIGKILL it after ``delay`` seconds; True if it was still running."""
    p = subprocess.Popen(build_cmd(corpus, db), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        p.wait(timeout=delay)
        return False
    except subprocess.TimeoutExpired:
        os.kill(p.pid, signal.SIGKILL)
        p.wait(timeout=60)
        return True


ORPHANS = {
    "mention without document": "select count(*) from mentions where doc not in (select id from documents)",
    "assertion without document": "select count(*) from assertions where doc not in (select id from documents)",
    "fingerprint without document": "select count(*) from fingerprints where doc not in (select id from documents)",
    "link to a missing mention": "select count(*) from links where mention not in (select id from mentions)",
    "link to a missing entity": "select count(*) from links where entity not in (select id from entities)",
    "evidence of a missing claim": "select count(*) from evidence where claim not in (select id from claims)",
    "evidence in a missing document": "select count(*) from evidence where doc not in (select id from documents)",
    "claim without evidence": "select count(*) from claims where id not in (select claim from evidence)",
    "claim about a missing entity": "select count(*) from claims where subject not in (select id from entities)",
    "entity without mentions": "select count(*) from entities where id not in (select entity from links)",
    "reuse pair with a missing document": "select count(*) from reuse where a not in (select id from documents) "
                                          "or b not in (select id from documents)",
}


def connect(db: Path) -> sqlite3.Connection:
    c = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30)
    return c


def consistency_problems(db: Path) -> list[str]:
    """Every row points at rows that exist; the file itself is sound."""
    if not db.exists():
        return []
    c = connect(db)
    try:
        tables = {r[0] for r in c.execute("select name from sqlite_master where type='table'")}
        if "documents" not in tables:
            return []
        out = [f"integrity_check: {r[0]}" for r in c.execute("pragma integrity_check") if r[0] != "ok"]
        for what, sql in ORPHANS.items():
            n = c.execute(sql).fetchone()[0]
            if n:
                out.append(f"{n} × {what}")
        return out
    finally:
        c.close()


def per_document_rows(db: Path) -> dict[str, tuple[int, int, int]]:
    """doc id -> (mentions, assertions, fingerprints): equal to a clean run's when no document is half-written."""
    c = connect(db)
    try:
        out = {}
        for (doc,) in c.execute("select id from documents"):
            out[doc] = tuple(c.execute(f"select count(*) from {t} where doc = ?", (doc,)).fetchone()[0]
                             for t in ("mentions", "assertions", "fingerprints"))
        return out
    finally:
        c.close()


def state(db: Path) -> tuple[int, bool]:
    """(documents stored, graph linked) of a store, e.g. right after a kill."""
    if not db.exists():
        return 0, False
    c = connect(db)
    try:
        tables = {r[0] for r in c.execute("select name from sqlite_master where type='table'")}
        if "documents" not in tables:
            return 0, False
        n = c.execute("select count(*) from documents").fetchone()[0]
        row = c.execute("select value from meta where key = 'linked'").fetchone()
        return n, bool(row and row[0] in ("true", "1", 1))
    finally:
        c.close()


def killed_build_when(corpus: Path, db: Path, docs_at_least: int, extra: float = 0.0,
                      deadline: float = 240.0) -> tuple[bool, int]:
    """Start a build, SIGKILL it ``extra`` seconds after the store holds ``docs_at_least``
    documents (polled read-only); returns (was still running, documents seen at the kill)."""
    p = subprocess.Popen(build_cmd(corpus, db), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    t0 = time.monotonic()
    seen = 0
    try:
        while p.poll() is None and time.monotonic() - t0 < deadline:
            try:
                seen = state(db)[0]
            except sqlite3.Error:
                seen = 0
            if seen >= docs_at_least:
                if extra:
                    time.sleep(extra)
                break
            time.sleep(0.02)
        running = p.poll() is None
        if running:
            os.kill(p.pid, signal.SIGKILL)
        p.wait(timeout=60)
        return running, seen
    finally:
        if p.poll() is None:
            p.kill()
