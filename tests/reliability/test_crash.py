"""kill -9 at random points of ``tahqiq build``: the store stays consistent (no orphan
rows, no half-written document) and, once a rerun completes, the export equals an
uninterrupted run's. The store is built from half the corpus first, so the kills hit an
incremental build of a linked store: while documents are stored (kill right after the
k-th new document commits), while the graph is relinked, and at random times. Kill
points come from a seeded generator."""

from __future__ import annotations

import json
import random
import shutil

import pytest

from tahqiq.export import export_dict
from tahqiq.store import open_store

from tests.conftest import stable

from . import harness
from .corpus import extend_corpus, write_corpus

SEED = 20260108
HALF = 17


def _export(db) -> dict:
    store = open_store(str(db))
    try:
        return stable(json.loads(json.dumps(export_dict(store), ensure_ascii=False)))  # less the custody log
    finally:
        store.close()


@pytest.fixture(scope="module")
def crash_setup(tmp_path_factory):
    """A store built from the first half, and the reference: the same store after an
    uninterrupted build of the whole corpus."""
    root = tmp_path_factory.mktemp("crash")
    corpus = write_corpus(root / "corpus", first_part=HALF)
    half_db = root / "half.db"
    harness.run_build(corpus, half_db)
    n_half = harness.state(half_db)[0]
    extend_corpus(corpus, first_part=HALF)
    ref_db = root / "ref.db"
    shutil.copy(half_db, ref_db)
    seconds = harness.run_build(corpus, ref_db)
    assert not harness.consistency_problems(ref_db)
    return {"corpus": corpus, "half_db": half_db, "n_half": n_half, "seconds": seconds,
            "export": _export(ref_db), "rows": harness.per_document_rows(ref_db),
            "n": harness.state(ref_db)[0]}


def _check_after_kill(db, ref_rows) -> None:
    problems = harness.consistency_problems(db)
    assert not problems, problems
    half = {d: r for d, r in harness.per_document_rows(db).items() if ref_rows.get(d) != r}
    assert not half, f"half-written or differing documents after a kill: {half}"


def test_kill_9_during_build_loses_nothing(crash_setup, tmp_path, figures):
    s = crash_setup
    rng = random.Random(SEED)
    db = tmp_path / "crashy.db"
    shutil.copy(s["half_db"], db)
    # The first kill comes early (while the new batch is analysed, before it commits);
    # the store then has every document and the later kills hit linking or a rerun.
    plan = ([("random-time", rng.uniform(0.1, 0.3) * s["seconds"]),
             ("after-doc", s["n_half"] + rng.randint(1, s["n"] - s["n_half"] - 1)),
             ("while-linking", rng.uniform(0.05, 0.5))]
            + [("random-time", rng.uniform(0.05, 1.0) * s["seconds"]) for _ in range(3)])
    log = []
    for kind, x in plan:
        if kind == "after-doc":
            running, seen = harness.killed_build_when(s["corpus"], db, docs_at_least=int(x))
        elif kind == "while-linking":
            running, seen = harness.killed_build_when(s["corpus"], db, docs_at_least=s["n"], extra=x)
        else:
            running = harness.killed_build(s["corpus"], db, x)
            seen = harness.state(db)[0]
        _check_after_kill(db, s["rows"])
        log.append({"kind": kind, "at": round(x, 2), "killed_while_running": running,
                    "documents_at_kill": seen, "linked_after_kill": harness.state(db)[1]})
    harness.run_build(s["corpus"], db)
    assert not harness.consistency_problems(db)
    assert harness.per_document_rows(db) == s["rows"]
    assert _export(db) == s["export"]
    killed = [x for x in log if x["killed_while_running"]]
    figures.add(f"SIGKILL during an incremental `tahqiq build` ({s['n_half']} -> {s['n']} articles), "
                "then a rerun", len(plan),
                f"{len(killed)} kills landed while running (documents stored at each: "
                f"{', '.join(str(x['documents_at_kill']) for x in killed)}); after every kill: no orphan rows, "
                "no half-written document; final export equal to an uninterrupted run's",
                seed=SEED, kills=log)
