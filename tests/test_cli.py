"""The command line, run as `python -m tahqiq` (the same entry point as `tahqiq`)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import EXAMPLES


def run(*args, check=True, input=None):
    return subprocess.run([sys.executable, "-m", "tahqiq", *args], capture_output=True, text=True,
                          check=check, input=input)


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli") / "kb.db"
    out = run("build", str(EXAMPLES), "--db", str(path)).stdout
    assert "stored 3 new" in out and "3 documents" in out
    return str(path)


def test_export_show_entity(db, tmp_path):
    target = tmp_path / "kb.json"
    run("export", "--format", "json", "-o", str(target), "--db", db)
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["format"] == "tahqiq/1" and len(data["documents"]) == 3
    doc = data["documents"][0]
    shown = run("show", doc["id"], "--db", db).stdout
    assert doc["text"].splitlines()[-1] in shown and f"outlet: {doc['outlet']}" in shown
    per = next(e for e in data["entities"] if e["type"] == "PER")
    assert per["name"] in run("entity", per["name"], "--db", db).stdout
    assert per["name"] in run("entities", "--type", "PER", "--db", db).stdout


def test_rebuild_reports_unchanged(db):
    assert "0 new, 3 unchanged" in run("build", str(EXAMPLES), "--db", db).stdout


def test_stdin_and_bad_input_messages(tmp_path):
    db = str(tmp_path / "s.db")
    text = "أعلنت الشرطة التركية اعتقال المدعو خالد العمر في مدينة غازي عنتاب بعد فراره من سوريا."
    assert "stored 1 new" in run("build", "-", "--db", db, input=text).stdout
    (tmp_path / "broken.jsonl").write_text('{"text": 1}\nnot json\n', encoding="utf-8")
    r = run("build", str(tmp_path / "broken.jsonl"), "--db", db)
    assert "broken.jsonl:1" in r.stdout + r.stderr and "broken.jsonl:2" in r.stdout + r.stderr
    assert "2 skipped" in r.stdout


def test_errors_are_clear_and_exit_nonzero(tmp_path):
    r = run("show", "d:nothing", "--db", str(tmp_path / "s.db"), check=False)
    assert r.returncode == 2 and "no store at" in r.stderr and "Traceback" not in r.stderr
    assert not (tmp_path / "s.db").exists()  # a reading command creates no empty store
    assert "stored 1 new" in run("build", "-", "--db", str(tmp_path / "s.db"), "--ner", "rules",
                                 input="أعلنت الشرطة التركية اعتقال المدعو خالد العمر في مدينة غازي عنتاب.").stdout
    r = run("show", "d:nothing", "--db", str(tmp_path / "s.db"), check=False)
    assert r.returncode == 2 and "no document" in r.stderr and "Traceback" not in r.stderr
    r = run("eval", str(tmp_path / "missing.json"), "--articles", str(EXAMPLES), check=False)
    assert r.returncode == 2 and "missing.json" in r.stderr


def test_entity_view_shows_outlets_dates_independent_sources_and_status(db):
    from tahqiq.store import open_store

    store = open_store(db)
    hamed = next(e for e in store.entities() if e.name == "حامد النوري")
    claims = [c for c in store.claims() if c.subject == hamed.id]
    docs = {d.id: d for d in store.documents()}
    shown = run("entity", hamed.id, "--db", db).stdout
    for c in claims:
        n = c.independent_sources
        assert f"[{c.status}: " in shown and f"{n} independent source{'s' if n != 1 else ''}" in shown
        for ev in c.evidence:
            d = docs[ev.doc]
            assert f"{d.outlet}, {d.published or 'no date'} — {ev.doc} [{ev.start}:{ev.end}]" in shown
    assert "مؤكَّد من مصادر مستقلة" in shown or "مصدر واحد" in shown  # the status as the web page words it


def test_show_prints_the_evidence_record_and_custody_log(db):
    from tahqiq.store import open_store

    doc = open_store(db).documents()[0]
    rec = open_store(db).records([doc.id])[doc.id]
    shown = run("show", doc.id, "--db", db).stdout
    assert f"sha256: {doc.sha256}" in shown and f"raw sha256: {rec['raw_sha256']}" in shown
    assert "file modification time" in shown and " ingested " in shown
