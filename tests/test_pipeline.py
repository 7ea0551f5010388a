"""End-to-end build: incremental, idempotent, bad input does not stop a batch."""

from __future__ import annotations

import json
import shutil

from tahqiq.export import export_dict
from tahqiq.pipeline import build
from tahqiq.store import open_store

from tests.conftest import EXAMPLES, stable


def test_rebuild_changes_nothing(tmp_path):
    store = open_store(str(tmp_path / "s.db"))
    r1 = build([str(EXAMPLES)], store)
    first = export_dict(store)
    r2 = build([str(EXAMPLES)], store)
    assert (r1.stored, r2.stored, r2.unchanged) == (3, 0, 3)
    assert stable(export_dict(store)) == stable(first)


def test_incremental_adds_only_new(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    files = sorted(EXAMPLES.glob("*.txt"))
    shutil.copy(files[0], src)
    store = open_store(str(tmp_path / "s.db"))
    assert build([str(src)], store).stored == 1
    for f in files[1:]:
        shutil.copy(f, src)
    r = build([str(src)], store)
    assert (r.stored, r.unchanged) == (2, 1)
    fresh = open_store(str(tmp_path / "fresh.db"))
    build([str(src)], fresh)
    a, b = export_dict(store), export_dict(fresh)
    assert {d["id"] for d in a["documents"]} == {d["id"] for d in b["documents"]}
    assert a["entities"] == b["entities"] and a["claims"] == b["claims"] and a["reuse"] == b["reuse"]


def test_bad_documents_do_not_stop_the_batch_or_lose_data(tmp_path):
    store = open_store(str(tmp_path / "s.db"))
    build([str(EXAMPLES)], store)
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "bin.txt").write_bytes(b"\x00\x01\x02" * 100)
    (bad / "empty.txt").write_bytes(b"")
    (bad / "x.jsonl").write_text('{"text": "broken\n', encoding="utf-8")
    (bad / "good.txt").write_text("أعلنت الشرطة التركية اعتقال المدعو خالد العمر في مدينة غازي عنتاب بعد فراره من سوريا.",
                                  encoding="utf-8")
    r = build([str(bad)], store)
    assert r.stored == 1 and len(r.skipped) == 3
    assert store.counts()["documents"] == 4


def test_every_offset_quotes_the_text(dev_export):
    texts = {d["id"]: d["text"] for d in dev_export["documents"]}
    n = 0
    for e in dev_export["entities"]:
        for m in e["mentions"]:
            assert texts[m["doc"]][m["start"]:m["end"]] == m["text"]
            n += 1
    for c in dev_export["claims"]:
        assert c["evidence"], c
        for ev in c["evidence"]:
            assert texts[ev["doc"]][ev["start"]:ev["end"]] == ev["quote"]
            n += 1
    for r in dev_export["reuse"]:
        for p in r["passages"]:
            assert p["a"][0] < p["a"][1] <= len(texts[r["docs"][0]])
            assert p["b"][0] < p["b"][1] <= len(texts[r["docs"][1]])
    assert n > 50


def test_export_follows_the_contract(dev_export):
    assert dev_export["format"] == "tahqiq/1"
    for d in dev_export["documents"]:
        assert {"id", "source", "outlet", "published", "title", "byline", "language", "sha256", "text"} <= set(d)
    ids = {e["id"] for e in dev_export["entities"]}
    for e in dev_export["entities"]:
        assert {"id", "type", "name", "latin", "names", "aliases", "mentions"} <= set(e)
    for c in dev_export["claims"]:
        assert c["subject"] in ids
        assert {"id", "subject", "predicate", "object", "qualifiers", "evidence", "independent_sources", "status"} <= set(c)
        assert c["status"] in ("corroborated", "single-source", "contested")
        if "entity" in c["object"]:
            assert c["object"]["entity"] in ids
    json.dumps(dev_export, ensure_ascii=False)


def test_boilerplate_names_do_not_become_entities(dev_scores):
    assert dev_scores["boilerplate_leaks"]["leaked"] == 0


def test_a_failing_document_is_reported_not_stored_and_the_batch_goes_on(tmp_path, monkeypatch):
    import tahqiq.pipeline as pipeline

    real = pipeline.analyse

    def flaky(doc, ner="fast", ner_spans=None):
        if "BOOM" in doc.text:
            raise KeyError(814)
        return real(doc, ner, ner_spans)

    monkeypatch.setattr(pipeline, "analyse", flaky)
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("أعلنت الشرطة اعتقال المدعو خالد العمر في مدينة غازي عنتاب. BOOM", encoding="utf-8")
    (src / "b.txt").write_text("قالت مصادر محلية إن المدعو سامر الحسن وصل إلى مدينة إسطنبول التركية.", encoding="utf-8")
    store = open_store(str(tmp_path / "s.db"))
    r = build([str(src)], store)
    assert r.stored == 1 and len(r.skipped) == 1
    assert "a.txt" in str(r.skipped[0]) and "KeyError" in str(r.skipped[0])
    monkeypatch.setattr(pipeline, "analyse", real)
    assert build([str(src)], store).stored == 1  # the rerun retries it


def test_the_batch_ner_equals_the_per_document_ner_and_falls_back_when_it_fails(monkeypatch):
    """analyse_batch runs the NER once over the whole batch; the result is the same as
    per document, and a batch that makes the NER fail is retried document by document."""
    import tahqiq.pipeline as pipeline
    from tahqiq.extract.ner import load_model
    from tahqiq.model import Document
    from tahqiq.text.normalize import visible

    docs = [Document(text="أعلنت الشرطة اعتقال المدعو خالد العمر في مدينة غازي عنتاب.", source="a.txt"),
            Document(text="وصل أبو حمزة القرعاني إلى مدينة إعزاز.\n\nقال مصدر في شرطة ريف حلب إن المدعو حا\u200dمد النوري فر.",
                     source="b.txt")]
    model = load_model()
    batched = pipeline._ner_batch(docs, "fast")
    assert batched == [model.predict(visible(d.text).text) for d in docs]
    assert all(any(label == "PER" for _, _, label in spans) for spans in batched)
    alone = [pipeline.analyse(d).mentions for d in docs]
    assert [a.mentions for a, _ in pipeline.analyse_batch(docs)] == alone

    real = type(model).predict_batch
    calls = []

    def no_batches(self, texts):
        calls.append(len(texts))
        if len(texts) > 1:
            raise MemoryError("batch too large")
        return real(self, texts)

    monkeypatch.setattr(type(model), "predict_batch", no_batches)
    out = pipeline.analyse_batch(docs)
    assert calls == [2, 1, 1]  # the failed batch, then each document alone
    assert [a.error for a, _ in out] == [None, None]
    assert [a.mentions for a, _ in out] == alone


def test_mentions_never_end_on_white_space(tmp_path):
    from tahqiq.model import Document
    from tahqiq.pipeline import analyse

    text = "وبلغت قيمة الصفقة 84.540 مليون ريال\u202f في 28 تموز/يوليو \u00a0 الماضي."
    a = analyse(Document(text=text, source="x.txt"))
    for m in a.mentions:
        assert m.text == m.text.strip() and m.text, m
