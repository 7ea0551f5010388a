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


# ---- limits -------------------------------------------------------------------------------------
from tahqiq.errors import InputError  # noqa: E402
from tahqiq.ingest import read_inputs  # noqa: E402

from .corpus import ARRESTED, FLED, ROLE  # noqa: E402


def test_text_over_the_limits_is_truncated_with_a_warning(tmp_path, monkeypatch, figures):
    from tahqiq.pipeline import build
    from tahqiq.store import open_store

    monkeypatch.setenv("TAHQIQ_MAX_CHARS", "5000")
    one_line = " ".join([FLED, ARRESTED, ROLE] * 200)  # ~60,000 characters on one line
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "long.txt").write_text(one_line, encoding="utf-8")
    (tmp_path / "in" / "short.txt").write_text(ARTICLE, encoding="utf-8")
    store = open_store(str(tmp_path / "kb.db"))
    report = build([str(tmp_path / "in")], store, ner="rules")
    docs = {d.source.rsplit("/", 1)[-1]: d for d in store.documents()}
    assert report.stored == 2 and len(docs["long.txt"].text) <= 5000 and one_line.startswith(docs["long.txt"].text)
    assert any("truncated" in r for r in docs["long.txt"].removed)
    assert len(report.warnings) == 1 and "long.txt" in report.warnings[0] and "TAHQIQ_MAX_CHARS" in report.warnings[0]
    assert not docs["short.txt"].removed or not any("truncated" in r for r in docs["short.txt"].removed)
    monkeypatch.setenv("TAHQIQ_MAX_CHARS", "200000")
    monkeypatch.setenv("TAHQIQ_MAX_TOKENS", "100")
    d = next(iter(read_inputs([str(tmp_path / "in" / "long.txt")])))
    assert len(d.text.split()) <= 100 and d.warnings
    figures.add("60,000-character one-line article over a 5,000-character / 100-word limit", 2,
                "stored truncated at a word boundary; cut recorded in `removed` and reported as a warning")


def test_html_over_the_link_or_depth_limit_is_skipped_by_name(tmp_path, monkeypatch, figures):
    monkeypatch.setenv("TAHQIQ_MAX_LINKS", "50")
    monkeypatch.setenv("TAHQIQ_MAX_DEPTH", "1000")
    links = tmp_path / "links.html"
    links.write_text("<html><body><p>" + FLED + "</p>" + "".join(f'<a href="/{i}">رابط</a> ' for i in range(100))
                     + "</body></html>", encoding="utf-8")
    deep = tmp_path / "deep.html"
    deep.write_text("<div>" * 3000 + f"<p>{ARRESTED}</p>", encoding="utf-8")
    errs = [x for x in read_inputs([str(links), str(deep)])]
    assert all(isinstance(e, InputError) for e in errs), errs
    assert "100 links" in errs[0].problem and errs[0].source == str(links)
    assert "levels deep" in errs[1].problem and errs[1].source == str(deep)
    figures.add("HTML over the link limit; HTML nested over the depth limit", 2, f"skipped by name: {errs[0].problem}")


def test_document_over_its_time_budget_is_abandoned_and_the_batch_goes_on(tmp_path, monkeypatch, figures):
    import time

    import tahqiq.pipeline as p
    from tahqiq.store import open_store

    monkeypatch.setenv("TAHQIQ_DOC_SECONDS", "0.5")
    real = p.analyse

    def slow(doc, *a, **k):
        if "بطيء" in doc.text:
            time.sleep(30)
        return real(doc, *a, **k)

    monkeypatch.setattr(p, "analyse", slow)
    (tmp_path / "in").mkdir()
    for i, extra in enumerate(["", "بطيء جدا", ""]):
        (tmp_path / "in" / f"{i}.txt").write_text(f"{FLED} {extra} {i}", encoding="utf-8")
    store = open_store(str(tmp_path / "kb.db"))
    report = p.build([str(tmp_path / "in")], store, ner="rules")
    assert report.stored == 2 and report.skipped_count == 1, report
    assert "1.txt" in report.skipped[0].source and "time budget" in report.skipped[0].problem
    figures.add("a document whose analysis hangs (in-process build)", 3,
                f"abandoned after the budget, the other 2 stored: {report.skipped[0].problem}")


def _task(batch):
    import time
    if "stuck" in batch:
        import signal
        signal.pthread_sigmask(signal.SIG_BLOCK, [signal.SIGALRM])  # as if stuck in C code
        time.sleep(60)
    if "crash" in batch:
        import os
        os._exit(3)
    return [f"ok:{x}" for x in batch]


def test_stuck_or_dead_worker_is_replaced_and_the_batch_goes_on(figures):
    from tahqiq.engines.local import map_batches

    batches = [["a", "b"], ["c", "stuck"], ["d"], ["crash", "e"], ["f"]]
    out = list(map_batches(_task, batches, workers=2, timeout=lambda b: 1.5,
                           on_timeout=lambda b: [f"abandoned:{x}" for x in b]))
    assert out == [["ok:a", "ok:b"], ["ok:c", "abandoned:stuck"], ["ok:d"], ["abandoned:crash", "ok:e"], ["ok:f"]]
    figures.add("worker stuck in C code past its deadline; worker killed (os._exit)", 2,
                "worker replaced, the late item alone abandoned, every other item done, order kept")
