"""Crashes that used to stop a batch: each bad record costs only itself (or, for a corrupt
gzip block, only what follows it in that file); skipped-input reports keep a line and a
reason, not the input. Store-touching tests run on SQLite and PostgreSQL."""

from __future__ import annotations

import gzip
import json
import sys

from tahqiq.errors import InputError
from tahqiq.ingest import read_inputs, readers
from tahqiq.model import Analysis, Document
from tahqiq.pipeline import KEEP_SKIPPED, build
from tahqiq.store import open_store

from .corpus import ARRESTED, ARTICLE, FLED, ROLE


def _lines(n: int, tag: str) -> bytes:
    return "".join(json.dumps({"text": f"{FLED} {ROLE} {tag} {i}", "url": f"http://x/{tag}/{i}"},
                              ensure_ascii=False) + "\n" for i in range(n)).encode()


def _corrupt_gz(path, n: int = 400) -> None:
    """A .jsonl.gz whose deflate stream is damaged in its second half."""
    data = bytearray(gzip.compress(_lines(n, "gz"), compresslevel=1))
    mid = len(data) * 2 // 3
    for k in range(mid, mid + 64):
        data[k] ^= 0x5A
    path.write_bytes(bytes(data))


def test_corrupt_deflate_block_costs_only_what_follows(tmp_path, store_url, figures):
    _corrupt_gz(tmp_path / "a-broken.jsonl.gz")
    (tmp_path / "b-good.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "c-good.jsonl").write_bytes(_lines(3, "after"))
    store = open_store(store_url)
    report = build([str(tmp_path)], store, ner="rules")
    sources = {d.source for d in store.documents()}
    assert str(tmp_path / "b-good.txt") in sources and sum("/after/" in s for s in sources) == 3
    read_before = sum("/gz/" in s for s in sources)
    assert 0 < read_before < 400
    errs = [e for e in report.skipped if "a-broken" in e.source]
    # Garbage a damaged block inflates to costs its own lines; the CRC or deflate error ends the file.
    assert errs and "gzip" in errs[-1].problem and all(e.line for e in errs), errs
    assert errs[-1].line > read_before
    store.close()
    figures.add(f"corrupt deflate block in a .jsonl.gz beside good files ({store_url.split(':')[0]})", 1,
                f"{read_before} lines before the block stored, then {errs[-1].problem}; good files stored")


def test_gzip_bomb_is_stopped(tmp_path, monkeypatch, figures):
    monkeypatch.setattr(readers, "MAX_GZIP_BYTES", 1 << 20)
    f = tmp_path / "bomb.jsonl.gz"
    f.write_bytes(gzip.compress(_lines(2, "ok") + b" " * (30 << 20) + b"\n"))
    items = list(read_inputs([str(f)]))
    docs = [x for x in items if isinstance(x, Document)]
    errs = [x for x in items if isinstance(x, InputError)]
    assert len(docs) == 2 and len(errs) == 1 and "gzip bomb" in errs[0].problem, items
    figures.add("gzip bomb (.jsonl.gz inflating 1,000:1)", 1, f"lines before read, then: {errs[0].problem}")


def test_nul_in_a_jsonl_line_costs_nothing_and_a_refused_document_only_itself(tmp_path, store_url, figures):
    f = tmp_path / "nul.jsonl"
    f.write_bytes(_lines(2, "a") + json.dumps({"text": FLED + "\u0000" + ARRESTED, "title": "t\u0000"}).encode()
                  + b"\n" + _lines(2, "b"))
    store = open_store(store_url)
    report = build([str(f)], store, ner="rules")
    assert report.stored == 5 and report.skipped_count == 0
    assert all("\x00" not in d.text and "\x00" not in (d.title or "") for d in store.documents())
    # A document the database refuses (NUL reaching PostgreSQL by another road): the rest of
    # its batch is stored, it is named.
    good = [Analysis(Document(text=f"{FLED} {i}", source=f"g{i}.txt")) for i in range(3)]
    bad = Analysis(Document(text="a\x00b " + ARRESTED, source="nul.txt"))
    from tahqiq.pipeline import BuildReport, _store_results
    rep = BuildReport()
    ids = _store_results(store, [(good[0], []), (bad, []), (good[1], []), (good[2], [])], rep, None)
    assert {a.doc.id for a in good} <= set(ids)
    if store.dialect == "postgresql":
        assert rep.skipped_count == 1 and rep.skipped[0].source == "nul.txt" and "NUL" in rep.skipped[0].problem
    store.close()
    figures.add(f"NUL in a JSONL line; a document the database refuses ({store_url.split(':')[0]})", 2,
                "NUL replaced at ingest, every line stored; a refused document skipped alone, its batch stored")


def test_a_million_refused_lines_keep_a_bounded_report(tmp_path, figures):
    """CI-sized: 30,000 refused lines (the benchmark runs 200,000)."""
    f = tmp_path / "junk.jsonl"
    n = 30_000
    f.write_bytes(b"".join(b'{"text": "%s' % (b"x" * 200) + b"\n" for _ in range(n)) + _lines(1, "ok"))
    store = open_store(str(tmp_path / "kb.db"))
    seen = []
    report = build([str(f)], store, ner="rules", on_error=lambda e: seen.append(e.line))
    assert report.skipped_count == n and len(seen) == n and report.stored == 1
    assert len(report.skipped) == KEEP_SKIPPED
    e = report.skipped[-1]
    assert e.__traceback__ is None and e.__context__ is None and e.line == KEEP_SKIPPED
    assert "x" * 50 not in str(e) and sys.getsizeof(e.problem) < 400
    store.close()
    figures.add("30,000 refused JSONL lines", n, f"all counted and reported; {KEEP_SKIPPED} kept in the report, "
                "each a line and a reason without traceback or input")
