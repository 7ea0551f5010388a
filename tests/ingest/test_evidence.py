"""The evidence record of each input and the append-only chain of custody of each document."""

from __future__ import annotations

import hashlib
import json
import os

import pytest
from sqlalchemy import text

from tahqiq.ingest import read_inputs

ARTICLE = ("هروب قيادي في داعش إلى تركيا\n"
           "أخبار الآن | دير الزور\n"
           "أضيف في 5 مارس 2018\n"
           "قال مصدر محلي إن حامد النوري الملقب أبو حمزة القرعاني فر من دير الزور إلى تركيا "
           "بعد أن دفع عشرين ألف دولار لمهرب، وذلك بحسب ما أفاد ناشطون في المنطقة.\n")


def _docs(paths):
    out = list(read_inputs([str(p) for p in paths]))
    assert all(not isinstance(x, Exception) for x in out), out
    return out


def test_raw_bytes_of_a_windows_1256_file_are_hashed_as_read(tmp_path):
    raw = ARTICLE.replace("\n", "\r\n").encode("cp1256")
    f = tmp_path / "article.txt"
    f.write_bytes(raw)
    os.utime(f, (1_500_000_000, 1_500_000_000))
    (doc,) = _docs([f])
    rec = doc.record
    assert rec["raw_sha256"] == hashlib.sha256(raw).hexdigest()  # the bytes, before decoding
    assert rec["raw_sha256"] != hashlib.sha256(ARTICLE.encode("utf-8")).hexdigest()
    assert rec["raw_bytes"] == len(raw)
    assert doc.sha256 == hashlib.sha256(doc.text.encode("utf-8")).hexdigest()  # the cleaned text
    assert rec["source"] == str(f)
    assert rec["captured"] == "2017-07-14T02:40:00+00:00"
    assert rec["captured_basis"].startswith("file modification time")
    # the same article in UTF-8 is the same document, from different raw bytes
    g = tmp_path / "utf8.txt"
    g.write_bytes(ARTICLE.encode("utf-8"))
    (doc2,) = _docs([g])
    assert doc2.id == doc.id and doc2.record["raw_sha256"] != rec["raw_sha256"]


def test_jsonl_capture_time_comes_from_the_record(tmp_path):
    line = json.dumps({"content": ARTICLE, "url": "http://example.org/a/1", "source": "sabq",
                       "date_extracted": "2015-07-21 10:51:38"}, ensure_ascii=False) + "\n"
    f = tmp_path / "a.jsonl"
    f.write_bytes(line.encode("utf-8"))
    (doc,) = _docs([f])
    assert doc.record["raw_sha256"] == hashlib.sha256(line.encode("utf-8")).hexdigest()
    assert doc.record["captured"] == "2015-07-21 10:51:38"
    assert doc.record["captured_basis"] == "input metadata (date_extracted)"
    assert doc.record["url"] == "http://example.org/a/1" and doc.record["line"] == 1


def test_custody_log_after_a_rebuild_a_relink_a_review_and_an_export(store_url, tmp_path):
    from tahqiq.export import export_dict
    from tahqiq.pipeline import build
    from tahqiq.store import open_store

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_bytes(ARTICLE.encode("cp1256"))
    store = open_store(store_url)
    build([str(folder)], store, ner="rules")
    (doc_id,) = store.document_ids()
    assert [e["event"] for e in store.custody([doc_id])] == ["ingested"]
    build([str(folder)], store, ner="rules")  # the same input again: unchanged, logged as read again
    build([str(folder)], store, ner="rules", relink=True)  # claims derived again
    assertion = store.assertions()[0]
    store.add_decision("reject_claim", {"assertions": [assertion.id]}, "not in the text", "tester")
    data = export_dict(store, log_to="kb.json")
    log = data["documents"][0]["custody"]
    assert [e["event"] for e in log] == ["ingested", "read-again", "read-again", "re-extracted", "reviewed",
                                         "exported"]
    first = log[0]["detail"]
    assert first["raw_sha256"] == data["documents"][0]["evidence_record"]["raw_sha256"]
    assert first["sha256"] == data["documents"][0]["sha256"]
    assert log[4]["detail"]["user"] == "tester" and log[5]["detail"]["to"] == "kb.json"
    assert data["claims"] and all(c["produced_by"]["extraction"][0]["pattern_set"].startswith("patterns-")
                                  for c in data["claims"])
    # nothing rewrites the log: the database itself refuses
    for sql in ("UPDATE custody SET event = 'x'", "DELETE FROM custody"):
        with pytest.raises(Exception, match="append-only"):
            with store.engine.begin() as c:
                c.execute(text(sql))
    assert len(store.custody()) == 6
    store.close()
