"""Review decisions (merges, rejections) survive rebuilds and kill -9 during a rebuild:
the decisions table is intact and the rebuilt graph applies them."""

from __future__ import annotations

import random
import shutil

from tahqiq.store import open_store

from . import harness
from .test_crash import SEED, crash_setup  # noqa: F401 - the shared module fixture


def _decide(db):
    """Merge two different PER entities (by one mention each) and reject one claim's evidence."""
    store = open_store(str(db))
    try:
        ents = [e for e in store.entities() if e.type == "PER" and e.mentions]
        a, b = ents[0], ents[-1]
        assert a.id != b.id
        claim = next(c for c in store.claims() if c.evidence and c.evidence[0].assertion)
        rejected = claim.evidence[0].assertion
        merged = [a.mentions[0], b.mentions[0]]
        store.add_decision("merge", {"mentions": merged, "entities": [a.id, b.id]}, "نفس الشخص", "tester")
        store.add_decision("reject_claim", {"assertions": [rejected], "claim": claim.id}, "خطأ في الاستخراج", "tester")
        return store.decisions(), merged, rejected
    finally:
        store.close()


def _applied(db, merged, rejected) -> tuple[bool, bool]:
    store = open_store(str(db))
    try:
        links = store.links()
        evid = {ev.assertion for c in store.claims() for ev in c.evidence}
        return links.get(merged[0]) is not None and links.get(merged[0]) == links.get(merged[1]), rejected not in evid
    finally:
        store.close()


def test_decisions_survive_kill_9_during_rebuild(crash_setup, tmp_path, figures):  # noqa: F811
    s = crash_setup
    db = tmp_path / "decided.db"
    shutil.copy(s["half_db"], db)
    decisions, merged, rejected = _decide(db)
    # A rebuild with nothing new relinks only if needed; force a relink so the decisions apply now.
    store = open_store(str(db))
    from tahqiq.pipeline import link
    link(store)
    store.close()
    assert _applied(db, merged, rejected) == (True, True)
    rng = random.Random(SEED + 1)
    new = s["n"] - s["n_half"]
    kills = [harness.killed_build_when(s["corpus"], db, docs_at_least=s["n_half"] + rng.randint(1, new - 1)),
             harness.killed_build_when(s["corpus"], db, docs_at_least=s["n"], extra=rng.uniform(0.05, 0.5))]
    store = open_store(str(db))
    assert store.decisions() == decisions  # intact right after the kills
    store.close()
    assert not harness.consistency_problems(db)
    harness.run_build(s["corpus"], db)
    store = open_store(str(db))
    assert store.decisions() == decisions
    store.close()
    assert _applied(db, merged, rejected) == (True, True)
    figures.add("review decisions (merge, reject_claim), then SIGKILL twice during the rebuild "
                f"({s['n_half']} -> {s['n']} articles) and a rerun", len(kills),
                f"{len(decisions)} decisions intact after each kill and applied by the rebuilt graph "
                f"(kills landed while running: {sum(1 for k in kills if k[0])})")
