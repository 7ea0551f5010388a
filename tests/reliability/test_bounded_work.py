"""Bounded work per document: cost linear in its length (no per-call rehash of the text,
no per-token copies, no per-sentence scans of every mention), limits on size, line length,
tokens, links and nesting, and a per-document time budget in the worker pool."""

from __future__ import annotations

import random

from tahqiq import model
from tahqiq.extract import mentions as mentions_mod
from tahqiq.model import Document, Mention
from tahqiq.pipeline import analyse

from .corpus import ARTICLE


def test_document_id_hashes_its_text_once(monkeypatch, figures):
    calls = []
    real = model.hashlib.sha256

    def counting(data=b""):
        calls.append(len(data))
        return real(data)

    d = Document(text=ARTICLE * 50, source="x.txt")
    monkeypatch.setattr(model.hashlib, "sha256", counting)
    ids = {d.id for _ in range(1000)}
    assert len(ids) == 1 and len(calls) == 1
    d.text = d.text + " تعديل"  # a changed text is hashed again
    assert d.id != ids.pop() and len(calls) == 2
    figures.add("Document.id read 1,000 times on one text, then after an edit", 1001,
                "text hashed once per text object (2 hashes in all)")


def test_resolve_overlaps_equals_the_pairwise_rule(figures):
    """The bisection keeps exactly the mentions the all-pairs rule keeps."""
    rng = random.Random(3)

    def brute(ms):
        ms = sorted(ms, key=lambda m: (-(m.end - m.start), mentions_mod._PRIORITY.get(m.source, 3), m.start))
        taken = []
        for m in ms:
            if all(m.end <= t.start or m.start >= t.end for t in taken):
                taken.append(m)
        return sorted(taken, key=lambda m: m.start)

    for _ in range(300):
        ms = []
        for _ in range(rng.randrange(1, 40)):
            s = rng.randrange(0, 200)
            ms.append(Mention("d", s, s + rng.randrange(0, 12), "x", "PER", rng.choice(["ner", "rule", "gazetteer"])))
        assert mentions_mod.resolve_overlaps(ms) == brute(ms)
    figures.add("overlap resolution: bisection vs the all-pairs rule on random spans", 300, "identical in every case")


def test_person_finder_reads_a_window_not_the_rest_of_the_document(monkeypatch, figures):
    seen = []
    real = mentions_mod._is_given_at

    def spy(toks, i):
        if i == 0:  # the first-token variant ("و" stripped): was a copy of every following token
            seen.append(len(toks))
        return real(toks, i)

    monkeypatch.setattr(mentions_mod, "_is_given_at", spy)
    d = Document(text=ARTICLE * 40, source="x.txt")
    analyse(d, ner="rules")
    assert seen and max(seen) <= 2
    figures.add("person finder on a 40-paragraph article", len(seen), "no per-token copy of the token list")
