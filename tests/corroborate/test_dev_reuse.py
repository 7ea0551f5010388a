"""Evaluation gate for copied text on the dev articles (pinned floors; quality only goes up)."""

from __future__ import annotations

from tahqiq.corroborate.reuse import stem
from tahqiq.text.normalize import norm


def test_dev_reuse_pairs_are_exact(dev_scores):
    # Gold: 000-001 and 000-002 share copied passages; 001-002 share only names.
    assert dev_scores["reuse"]["precision"] == 100.0
    assert dev_scores["reuse"]["recall"] == 100.0


def test_dev_reuse_passages_point_at_shared_text(dev_export):
    texts = {d["id"]: d["text"] for d in dev_export["documents"]}
    assert dev_export["reuse"]
    for r in dev_export["reuse"]:
        a, b = (texts[x] for x in r["docs"])
        for p in r["passages"]:
            (a0, a1), (b0, b1) = p["a"], p["b"]
            wa = {stem(norm(w)) for w in a[a0:a1].split()}
            wb = {stem(norm(w)) for w in b[b0:b1].split()}
            assert len(wa & wb) >= 0.6 * min(len(wa), len(wb)), (a[a0:a1], b[b0:b1])
