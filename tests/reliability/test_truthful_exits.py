"""Truthful exits: an interrupted, failed or refused command says so in one line (what, and
what to do), exits non-zero, prints no traceback, no password, no article text; user text is
never read as markup."""

from __future__ import annotations

import errno
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest
from sqlalchemy.exc import OperationalError

from tahqiq import cli
from tahqiq.store import open_store
from tahqiq.store.sql import Store

from .corpus import ARTICLE, FLED

SECRET_TEXT = "قال مصدر محلي سري للغاية"


def run_cli(capsys, *args) -> tuple[int, str, str]:
    argv = sys.argv
    sys.argv = ["tahqiq", *args]
    try:
        cli.main()
        code = 0
    except SystemExit as e:
        code = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
    finally:
        sys.argv = argv
    o = capsys.readouterr()
    return code, o.out, o.err


def _one_line(text: str) -> bool:
    return len([ln for ln in text.splitlines() if ln.strip()]) == 1 and "Traceback" not in text


@pytest.fixture
def built(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    db = tmp_path / "kb.db"
    code, out, _ = run_cli(capsys, "build", str(folder), "--db", str(db), "--ner", "rules", "-q")
    assert code == 0 and "stored 1 new" in out
    with sqlite3.connect(db) as c:
        c.execute("pragma wal_checkpoint(truncate)")
    return db


def test_missing_input_path_is_an_error(tmp_path, capsys, figures):
    code, out, err = run_cli(capsys, "build", str(tmp_path / "nonexistent"), "--db", str(tmp_path / "kb.db"))
    assert code == 2 and "nonexistent" in err and _one_line(err)
    assert not (tmp_path / "kb.db").exists()  # nothing was built, not even an empty store
    figures.add("`tahqiq build /nonexistent`", 1, f"exit {code}: {err.strip()}")


def _signalled(tmp_path, sig) -> subprocess.CompletedProcess:
    """A real `tahqiq build` (its build step held until the signal lands) sent ``sig``."""
    ready = tmp_path / "ready"
    code = (
        "import sys, time, pathlib\n"
        "import tahqiq.pipeline as p\n"
        "def slow(*a, **k):\n"
        f"    pathlib.Path({str(ready)!r}).write_text('1')\n"
        "    time.sleep(60)\n"
        "p.build = slow\n"
        "from tahqiq.cli import main\n"
        f"sys.argv = ['tahqiq', 'build', {str(tmp_path)!r}, '--db', {str(tmp_path / 'kb.db')!r}]\n"
        "main()\n")
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not ready.exists() and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    proc.send_signal(sig)
    out, err = proc.communicate(timeout=60)
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


@pytest.mark.parametrize("sig,code", [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_interrupted_build_says_so_and_exits_nonzero(tmp_path, sig, code, figures):
    r = _signalled(tmp_path, sig)
    assert r.returncode == code, (r.returncode, r.stderr)
    assert "rerun to complete" in r.stderr and _one_line(r.stderr), r.stderr
    figures.add(f"{signal.Signals(sig).name} during `tahqiq build`", 1, f"exit {code}: {r.stderr.strip()}")


def test_interrupt_returned_by_typer_is_not_success(tmp_path, capsys, monkeypatch):
    import tahqiq.pipeline as p

    def ctrl_c(*a, **k):
        raise KeyboardInterrupt

    monkeypatch.setattr(p, "build", ctrl_c)
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    code, _, err = run_cli(capsys, "build", str(tmp_path / "a.txt"), "--db", str(tmp_path / "kb.db"))
    assert code == 130 and "interrupted, rerun to complete" in err


def test_corrupt_and_missing_store(tmp_path, capsys, figures):
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"not a database at all " * 400)
    rows = []
    for args in (("show", "d:1", "--db", str(bad)), ("build", str(bad), "--db", str(bad)),
                 ("export", "--db", str(tmp_path / "none.db"))):
        code, _, err = run_cli(capsys, *args)
        assert code == 2 and _one_line(err) and (str(bad) in err or "none.db" in err), err
        rows.append(err.strip())
    assert not (tmp_path / "none.db").exists()  # a reading command creates no empty store
    figures.add("corrupt store file; reading command on a missing store", 3, " / ".join(rows[::2]))


def test_read_only_store_is_read(built, capsys, monkeypatch, tmp_path, figures):
    import tahqiq.store.sql as sql
    monkeypatch.setattr(sql.os, "access", lambda p, m: False)  # read-only media, as a non-root user sees it
    s = open_store(str(built), readonly=True)
    assert "immutable=1" in str(s.engine.url) and s.counts()["documents"] == 1
    with pytest.raises(Exception):
        s.set_meta("x", 1)
    s.close()
    code, out, err = run_cli(capsys, "export", "--db", str(built))
    assert code == 0 and json.loads(out)["format"] == "tahqiq/1", err
    assert "read-only media" in err and "custody log" in err  # the export is not logged, and says so
    figures.add("store on read-only media: export, and a write attempt", 2,
                "opened read-only (immutable), export works; writing refused")


def test_newer_schema_is_refused(built, capsys, figures):
    with sqlite3.connect(built) as c:
        c.execute("update meta set value = '99' where key = 'schema'")
    code, _, err = run_cli(capsys, "show", "d:1", "--db", str(built))
    assert code == 2 and "newer tahqiq" in err and _one_line(err)
    figures.add("store written by a newer schema", 1, f"exit 2: {err.strip()}")


def test_full_disk_during_build_names_the_store_not_the_text(tmp_path, capsys, monkeypatch, figures):
    def full(self, items, **kw):
        raise OperationalError("INSERT INTO documents (text) VALUES (?)", (SECRET_TEXT,),
                               sqlite3.OperationalError("database or disk is full"))

    monkeypatch.setattr(Store, "add_analyses", full)
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    code, out, err = run_cli(capsys, "build", str(tmp_path / "a.txt"), "--db", str(tmp_path / "kb.db"),
                             "--ner", "rules")
    assert code == 2 and "disk full" in err and "kb.db" in err and _one_line(err), err
    assert SECRET_TEXT not in err + out and "INSERT" not in err
    figures.add("disk full while storing (SQLITE_FULL, statement holding article text)", 1, f"exit 2: {err.strip()}")


def test_export_target_unwritable_or_disk_full(built, tmp_path, capsys, monkeypatch, figures):
    target = tmp_path / "kb.json"
    target.write_text("previous export", encoding="utf-8")
    code, _, err = run_cli(capsys, "export", "-o", str(tmp_path / "no" / "such" / "kb.json"), "--db", str(built))
    assert code == 1 and "no such file or folder" in err and "kb.json" in err and _one_line(err)
    real = os.fdopen

    class Full:
        def __init__(self, fh):
            self.fh = fh

        def __enter__(self):
            return self

        def __exit__(self, *a):
            self.fh.close()

        def write(self, data):
            self.fh.write(data[:100])
            raise OSError(errno.ENOSPC, "No space left on device")

    import tahqiq.export.formats as formats
    monkeypatch.setattr(formats.os, "fdopen", lambda fd, mode: Full(real(fd, mode)))
    for fmt in ("json", "graphml"):
        code, _, err2 = run_cli(capsys, "export", "-f", fmt, "-o", str(target), "--db", str(built))
        assert code == 1 and "no space left" in err2 and str(target) in err2 and _one_line(err2), err2
        assert target.read_text(encoding="utf-8") == "previous export"  # the old file, not a truncated one
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["kb.json", "kb.db", "in"]) or \
        not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    monkeypatch.setattr(formats.tempfile, "mkstemp", lambda **k: (_ for _ in ()).throw(
        PermissionError(errno.EACCES, "Permission denied", "/x/.tmp")))
    code, _, err3 = run_cli(capsys, "export", "-o", str(target), "--db", str(built))
    assert code == 1 and "cannot write" in err3 and str(target) in err3
    figures.add("export to a missing folder, a full disk (json, graphml), an unwritable folder", 4,
                f"one line each, exit 1, previous export left intact: {err2.strip()}")


def test_password_never_printed(capsys, figures):
    code, out, err = run_cli(capsys, "show", "d:1", "--db", "postgresql://tahqiq:s3cr3tpw@127.0.0.1:1/nodb")
    assert code == 2 and "s3cr3tpw" not in err + out and _one_line(err), err
    figures.add("--db URL with a password, server unreachable", 1, f"exit 2, password not shown: {err.strip()[:120]}")


# ---- user text is never markup ----------------------------------------------------------------
def test_user_text_is_printed_as_written(tmp_path, capsys, figures):
    odd = tmp_path / "x["
    odd.mkdir()
    (odd / "b].txt").write_bytes(b"\x00\x01binary")
    (odd / "good [b] :100:.txt").write_text("العنوان [/] :fire:\n\n" + FLED + "\n\n" + FLED[::-1], encoding="utf-8")
    lines = tmp_path / "l.jsonl"
    lines.write_text("".join(json.dumps({"text": FLED + f" {i}", "title": f"عنوان [/] :fire: {i}"},
                                        ensure_ascii=False) + "\n" for i in range(99))
                     + "not json [/b]\n", encoding="utf-8")
    db = tmp_path / "kb.db"
    code, out, err = run_cli(capsys, "build", str(odd), str(lines), "--db", str(db), "--ner", "rules")
    assert code == 0, err
    assert f"{odd / 'b].txt'}" in err + out and "l.jsonl:100:" in err + out, err
    code, out, err = run_cli(capsys, "entity", "[/]", "--db", str(db))
    assert code == 2 and "'[/]'" in err
    doc = next(d for d in json.loads(run_cli(capsys, "export", "--db", str(db))[1])["documents"]
               if d.get("title") == "عنوان [/] :fire: 7")
    code, out, err = run_cli(capsys, "show", doc["id"], "--db", str(db))
    assert code == 0 and "title: عنوان [/] :fire: 7" in out, out
    code, out, err = run_cli(capsys, "search", "النوري", "--db", str(db))
    assert code == 0 and "good [b] :100:" in run_cli(capsys, "export", "--db", str(db))[1]
    from tahqiq.errors import TahqiqError

    def hint(*a, **k):
        raise TahqiqError("install the driver: pip install 'tahqiq[postgres]'")

    import tahqiq.store as store_pkg
    orig = store_pkg.open_store
    store_pkg.open_store = hint
    try:
        code, _, err = run_cli(capsys, "show", "x", "--db", str(db))
    finally:
        store_pkg.open_store = orig
    assert "tahqiq[postgres]" in err
    figures.add("path `x[/b].txt`, `entity \"[/]\"`, a title with `[/]` and `:fire:`, line 100, "
                "a hint with `[postgres]`", 5, "printed as written (no markup, no emoji), no crash")
