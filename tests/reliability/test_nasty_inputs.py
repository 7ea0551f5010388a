"""Bad and hostile input files: each is processed correctly or refused with an
``InputError`` that names the file (and the line, for JSONL); none stops a batch."""

from __future__ import annotations

import gzip
import io
import json
import random
import sqlite3
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from tahqiq.errors import InputError
from tahqiq.ingest import read_inputs, readers
from tahqiq.model import Document, Mention
from tahqiq.resolve.entities import resolve
from tahqiq.text import norm

from .corpus import ARRESTED, ARTICLE, ENGLISH, FLED, FRENCH, ROLE

RNG = random.Random(8)


def _items(path) -> list:
    return list(read_inputs([str(path)]))


def _error(path) -> InputError:
    items = _items(path)
    assert len(items) == 1 and isinstance(items[0], InputError), items
    assert str(path) in str(items[0])
    return items[0]


def _doc(path) -> Document:
    items = _items(path)
    assert len(items) == 1 and isinstance(items[0], Document), items
    d = items[0]
    d.id  # hashable: the text encodes as UTF-8
    return d


def _rand(n: int) -> bytes:
    return bytes(RNG.randrange(256) for _ in range(n))


# ---- binary files renamed .txt ---------------------------------------------------------------
def _sqlite_bytes(tmp: Path) -> bytes:
    db = tmp / "x.sqlite"
    with sqlite3.connect(db) as c:
        c.execute("create table t (a text)")
        c.execute("insert into t values (?)", (FLED,))
    return db.read_bytes()


BINARIES = {
    "png": lambda t: b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + zlib.compress(_rand(4000)),
    "jpeg": lambda t: b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" + _rand(4000),
    "zip": lambda t: b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + zlib.compress(ARTICLE.encode()) + _rand(200),
    "gzip": lambda t: gzip.compress(ARTICLE.encode() * 5),
    "pdf": lambda t: b"%PDF-1.4\n1 0 obj << /Length 3000 >>\nstream\n" + zlib.compress(ARTICLE.encode()) + b"\nendstream\n%%EOF",
    "elf": lambda t: b"\x7fELF\x02\x01\x01\x00" + _rand(4000),
    "python-executable": lambda t: Path(sys.executable).resolve().read_bytes()[:200_000],
    "sqlite-database": _sqlite_bytes,
    "random-bytes": lambda t: _rand(5000),
}


@pytest.mark.parametrize("kind", sorted(BINARIES))
def test_binary_renamed_txt_is_refused_by_name(tmp_path, kind, figures):
    f = tmp_path / f"{kind}.txt"
    f.write_bytes(BINARIES[kind](tmp_path))
    e = _error(f)
    assert "binary" in e.problem, e
    figures.add(f"binary file ({kind}) renamed .txt", 1, f"InputError: {e.problem}")


# ---- empty files -----------------------------------------------------------------------------
EMPTY = {
    "zero.txt": b"", "zero.html": b"", "zero.htm": b"", "zero.jsonl": b"", "blank.txt": b" \n\n\t \r\n",
    "blank.jsonl": b"\n\n   \n", "bom-only.txt": b"\xef\xbb\xbf", "empty.jsonl.gz": gzip.compress(b""),
}


@pytest.mark.parametrize("name", sorted(EMPTY))
def test_empty_files_say_so(tmp_path, name, figures):
    f = tmp_path / name
    f.write_bytes(EMPTY[name])
    e = _error(f)
    assert "empty" in e.problem or "no article text" in e.problem, e
    figures.add(f"zero-byte / blank file ({name})", 1, f"InputError: {e.problem}")


# ---- HTML ------------------------------------------------------------------------------------
def test_deeply_nested_html_keeps_its_text(tmp_path, figures):
    pages = {
        "nested.html": "<html><body>" + "<div>" * 5000 + f"<p>{FLED}</p><p>{ARRESTED}</p>" + "</div>" * 5000 + "</body></html>",
        "unclosed.html": "<html><body>" + "<div><span>" * 20000 + f"<p>{FLED}<p>{ARRESTED}",
        "nested-tables.html": "<html><body>" + "<table><tr><td>" * 3000 + f"<p>{FLED}</p>" + "</td></tr></table>" * 3000,
    }
    for name, html in pages.items():
        f = tmp_path / name
        f.write_text(html, encoding="utf-8")
        d = _doc(f)
        assert "حامد النوري" in d.text, (name, d.text[:200])
    figures.add("deeply nested HTML (3,000-20,000 levels, closed and unclosed)", len(pages), "text extracted")


def test_malformed_html_is_read_or_refused_clearly(tmp_path, figures):
    pages = [
        f"<html><head><title>خبر عاجل</title><body><p>{FLED}<p><b><i>{ARRESTED}</b></i><div <<<>>> \"'><p>{ROLE}",
        f"<p>{FLED}</div></div></span></p></td></html></html><p>{ARRESTED}",
        f"<html><body><article><p>{FLED}<!-- unterminated comment <p>{ARRESTED}",
        f"<html><body><p title=\"{'x' * 100_000}\">{FLED}</p><p>{ARRESTED}</p></body></html>",
        "<html><body>" + "<" * 50_000 + f"<p>{FLED}</p></body></html>",
        "<html><body><![CDATA[ " + FLED + " ]]><p>" + ARRESTED + "</p></body></html>",
        f"<?xml version='1.0' encoding='utf-8'?><!DOCTYPE html><html><body><p>{FLED}</p><p>{ARRESTED}</p></body>",
    ]
    outcomes = []
    for i, html in enumerate(pages):
        f = tmp_path / f"malformed{i}.html"
        f.write_text(html, encoding="utf-8")
        items = _items(f)
        assert len(items) == 1
        it = items[0]
        if isinstance(it, InputError):
            assert str(f) in str(it) and "HTML" in it.problem
            outcomes.append("refused")
        else:
            assert "حامد النوري" in it.text or "محمد الأحمد" in it.text
            outcomes.append("read")
    assert outcomes.count("read") >= len(pages) - 1, outcomes
    figures.add("malformed HTML (unclosed tags, stray <, unterminated comment, huge attribute, CDATA)",
                len(pages), f"{outcomes.count('read')} read, {outcomes.count('refused')} refused with InputError")


HOSTILE_BITS = [
    "<script>alert('xss-head')</script>", "<script src='https://evil.example/x.js'></script>",
    "<iframe src=\"javascript:alert('xss-iframe')\"></iframe>", "<img src=x onerror=\"alert('xss-img')\">",
    "<svg onload=\"alert('xss-svg')\"><script>alert('xss-svg2')</script></svg>",
    "<object data=\"javascript:alert('xss-obj')\"></object>", "<style>body{background:url(javascript:alert(1))}</style>",
    "<a href=\"javascript:alert('xss-link')\">اضغط</a>", "<noscript><p>alert('xss-noscript')</p></noscript>",
    # Inert markup: a browser never runs it; its text may be kept, it is escaped on output.
    "<template><p>inert-template</p></template>",
]


@pytest.mark.parametrize("deep", [False, True], ids=["normal", "deeply-nested"])
def test_scripts_iframes_and_handlers_never_reach_the_text(tmp_path, deep, figures):
    body = (f"<p onclick=\"alert('xss-p')\">{FLED}</p>" + "".join(HOSTILE_BITS)
            + f"<p onmouseover=\"alert('xss-p2')\">{ARRESTED}</p><p>{ROLE}</p>")
    if deep:
        body = "<div>" * 400 + body + "</div>" * 400
    html = (f"<html><head><title>خبر</title>{HOSTILE_BITS[0]}</head>"
            f"<body onload=\"alert('xss-body')\"><article>{body}</article></body></html>")
    f = tmp_path / "hostile.html"
    f.write_text(html, encoding="utf-8")
    d = _doc(f)
    assert "حامد النوري" in d.text and "محمد الأحمد" in d.text
    for bad in ("alert", "xss", "javascript:", "evil.example", "<script", "onerror", "onload"):
        assert bad not in d.text, (bad, d.text)
    figures.add(f"HTML with scripts, iframes, event handlers, javascript: URLs ({'nested 400 deep' if deep else 'flat'})",
                len(HOSTILE_BITS) + 4, "none of it in the stored text")


# ---- encodings -------------------------------------------------------------------------------
def test_windows_1256_declared_as_utf8(tmp_path, figures):
    html = (f"<html><head><meta charset=\"utf-8\"><meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\">"
            f"<title>خبر</title></head><body><article><p>{FLED}</p><p>{ARRESTED}</p></article></body></html>")
    f = tmp_path / "cp1256.html"
    f.write_bytes(html.encode("cp1256"))
    d = _doc(f)
    assert FLED in d.text and ARRESTED in d.text
    figures.add("Windows-1256 page whose meta tag says UTF-8", 1, "decoded by content, text exact")


def test_mixed_encodings_keep_both_parts(tmp_path, figures):
    f = tmp_path / "mixed.txt"
    f.write_bytes((ARTICLE + "\n").encode("utf-8") + (ROLE + " " + FLED).encode("cp1256") + ("\n\n" + ARRESTED).encode())
    d = _doc(f)
    assert d.text.count("حامد النوري") == 2 and ROLE in d.text and d.text.count("محمد الأحمد") == 2
    # a UTF-8 file cut in the middle of a character
    g = tmp_path / "cut.txt"
    g.write_bytes(ARTICLE.encode()[:-1] if ARTICLE.encode()[-1:] != b"\n" else ARTICLE.rstrip().encode()[:-1])
    d2 = _doc(g)
    assert FLED in d2.text
    figures.add("mixed UTF-8 + Windows-1256 paragraph; UTF-8 cut mid-character", 2,
                "UTF-8 kept, legacy run decoded, cut character replaced")


def test_truncated_utf16_is_refused_with_a_position(tmp_path, figures):
    f = tmp_path / "u16.txt"
    f.write_bytes(ARTICLE.encode("utf-16")[:-1])
    e = _error(f)
    assert "utf-16" in e.problem and "byte" in e.problem
    figures.add("UTF-16 file with an odd number of bytes (truncated)", 1, f"InputError: {e.problem}")


# ---- invisible characters inside names ---------------------------------------------------------
INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u202d",
             "\u202e", "\u2066", "\u2067", "\u2068", "\u2069", "\u061c", "\ufeff", "\u0640"]


def _poison(name: str, ch: str) -> str:
    return name[:2] + ch + name[2:4] + ch + ch + name[4:]


@pytest.mark.parametrize("name", ["حامد النوري", "أبو حمزة القرعاني", "محمد الأحمد"])
def test_invisible_characters_do_not_break_name_matching(name, figures):
    doc = "d:0"
    for ch in INVISIBLE:
        poisoned = _poison(name, ch)
        assert poisoned != name and norm(poisoned) == norm(name), repr(ch)
        ms = [Mention(doc, 0, len(name), name, "PER"), Mention("d:1", 5, 5 + len(poisoned), poisoned, "PER")]
        entities, links = resolve(ms, [])
        assert len(entities) == 1 and len(set(links.values())) == 1, repr(ch)
    figures.add(f"zero-width / bidi-override characters inside a name ({name})", len(INVISIBLE),
                "same matching form, same entity")


def test_invisible_characters_in_an_article_end_to_end(tmp_path, figures):
    from tahqiq.pipeline import build
    from tahqiq.query import find_entities
    from tahqiq.store import open_store

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    hidden = ARTICLE.replace("حامد النوري", "حا\u200dمد ال\u202eنو\u202cري").replace("محمد الأحمد", "مح\u200bمد الأ\u200fحمد")
    hidden = hidden.replace("قوات الأمن", "عناصر الأمن")  # a different document, same people
    (tmp_path / "in" / "b.txt").write_text(hidden, encoding="utf-8")
    store = open_store(str(tmp_path / "s.db"))
    build([str(tmp_path / "in")], store, ner="rules")
    mentions = {m.id: m for m in store.mentions()}
    for name in ("حامد النوري", "محمد الأحمد"):
        found = [e for e in find_entities(store, name) if e.type == "PER"]
        assert found, name
        docs = {mentions[m].doc for m in found[0].mentions}
        assert len(docs) == 2, (name, found[0])
    figures.add("article whose names carry ZWJ/ZWSP/LRM/RLO, built next to the clean copy", 2,
                "each person resolved to one entity across both documents")


# ---- JSONL -----------------------------------------------------------------------------------
def test_invalid_and_truncated_jsonl_lines(tmp_path, figures):
    good = lambda t: json.dumps({"text": t, "title": "عنوان"}, ensure_ascii=False).encode()  # noqa: E731
    lines = [
        good(FLED + " " + ROLE),                                  # 1 ok
        b'{"text": "' + FLED.encode()[:41],                       # 2 truncated (mid-character too)
        b"[1, 2, 3]",                                             # 3 not an object
        b"null",                                                  # 4 not an object
        b'{"title": "\xd8\xb9\xd9\x86\xd9\x88\xd8\xa7\xd9\x86"}',  # 5 no text field
        json.dumps({"text": "\ud800" + ARRESTED}).encode(),       # 6 lone surrogate in text
        json.dumps({"text": FLED + "\u0000", "title": "\udc00x", "author": ["a", "\udfff"]}).encode(),  # 7
        b'{"text": "\xff\xfe ' + ROLE.encode() + b'"}',           # 8 invalid UTF-8 bytes
        b"",                                                      # 9 blank
        b"\x00\x01\x02\x03",                                      # 10 binary
        good("اقرأ أيضا"),                                         # 11 boilerplate only
        json.dumps({"text": 12345}).encode(),                     # 12 number, not text
        json.dumps({"text": {"nested": FLED}}).encode(),          # 13 object as text
        b'{"text": "' + b"\\" * 9 + b'"}',                          # 14 bad escape
        good(ARRESTED),                                           # 15 ok
        b'{"text": "' + ROLE.encode() + b'", "title": ',          # 16 truncated last line, no newline
    ]
    f = tmp_path / "bad.jsonl"
    f.write_bytes(b"\n".join(lines))
    items = _items(f)
    errors = {e.line: e for e in items if isinstance(e, InputError)}
    docs = [d for d in items if isinstance(d, Document)]
    for e in errors.values():
        assert e.source == str(f) and e.line is not None and f"{f}:{e.line}:" in str(e)
    assert {2, 3, 4, 5, 10, 11, 14, 16} <= set(errors), {k: str(v) for k, v in errors.items()}
    assert "invalid JSON" in errors[2].problem and "not an object" in errors[3].problem
    assert "no article text" in errors[5].problem
    for d in docs:
        d.id
        for v in (d.text, d.title, d.byline):
            (v or "").encode("utf-8")
    texts = " ".join(d.text for d in docs)
    assert "حامد النوري" in texts and "محمد الأحمد" in texts and ROLE in texts
    figures.add("JSONL: truncated, non-object, missing text, lone surrogates, NUL, invalid UTF-8, binary, "
                "boilerplate-only, bad escapes", len(lines),
                f"{len(docs)} lines read, {len(errors)} InputErrors each naming file:line, blank line skipped")


def test_gigantic_single_lines(tmp_path, monkeypatch, figures):
    # A 5 MB article on one line (no newline at all): read up to the text limit, not choked on.
    f = tmp_path / "one-line.txt"
    f.write_text((FLED.replace(".", "،") + " ") * 20_000, encoding="utf-8")
    d = _doc(f)
    assert 95_000 < len(d.text) <= 100_000 and d.warnings  # limits.Limits.max_chars
    # A JSONL line over the limit is refused by line number; the lines after it are still read.
    monkeypatch.setattr(readers, "MAX_FILE_BYTES", 1 << 20)
    g = tmp_path / "giant.jsonl"
    with open(g, "wb") as fh:
        fh.write(json.dumps({"text": FLED}, ensure_ascii=False).encode() + b"\n")
        fh.write(b'{"text": "' + b"\xd8\xa7" * (3 << 20) + b'"}\n')
        fh.write(json.dumps({"text": ARRESTED}, ensure_ascii=False).encode() + b"\n")
        fh.write(b"x" * (2 << 20))  # last line, over the limit, no newline
    items = _items(g)
    kinds = [(type(i).__name__, getattr(i, "line", None)) for i in items]
    assert kinds == [("Document", None), ("InputError", 2), ("Document", None), ("InputError", 4)], kinds
    assert "too long" in items[1].problem
    figures.add("gigantic single lines (5 MB .txt line; JSONL lines over the per-line limit)", 3,
                "long article read up to the text limit (truncated, with a warning); over-limit lines refused "
                "by line number, following lines read")


# ---- other languages and digits ------------------------------------------------------------------
def test_english_and_french_articles_are_stored_with_their_language(tmp_path, figures):
    from tahqiq.pipeline import build
    from tahqiq.store import open_store

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "en.txt").write_text(ENGLISH, encoding="utf-8")
    (tmp_path / "in" / "fr.txt").write_text(FRENCH, encoding="utf-8")
    (tmp_path / "in" / "fr.jsonl").write_text(json.dumps({"text": FRENCH.replace("lundi", "mardi")}) + "\n")
    (tmp_path / "in" / "ar.txt").write_text(ARTICLE, encoding="utf-8")
    store = open_store(str(tmp_path / "s.db"))
    report = build([str(tmp_path / "in")], store, ner="rules")
    assert not report.skipped and report.stored == 4
    langs = sorted(d.language for d in store.documents())
    assert langs == ["ar", "en", "fr", "fr"]
    figures.add("English and French articles in an Arabic batch", 3, "stored with language en/fr, no crash")


@pytest.mark.parametrize("digits", ["arabic-indic", "persian"])
def test_arabic_indic_and_persian_digits_in_dates(tmp_path, digits, figures):
    table = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩" if digits == "arabic-indic" else "۰۱۲۳۴۵۶۷۸۹")
    f = tmp_path / "a.txt"
    f.write_text(f"أخبار الآن\n{'3 يناير 2016'.translate(table)}\n\n{FLED}\n\n{ARRESTED}\n", encoding="utf-8")
    assert _doc(f).published == "2016-01-03"
    g = tmp_path / "a.jsonl"
    g.write_text(json.dumps({"text": FLED, "published": "2015-07-21".translate(table)}, ensure_ascii=False) + "\n")
    assert _doc(g).published == "2015-07-21"
    figures.add(f"publication dates in {digits} digits (header line and JSONL field)", 2, "parsed to ISO")


# ---- stdin and special paths -----------------------------------------------------------------------
class _Stdin:
    def __init__(self, data: bytes):
        self.buffer = io.BufferedReader(io.BytesIO(data))


def _stdin(monkeypatch, data: bytes) -> list:
    monkeypatch.setattr(sys, "stdin", _Stdin(data))
    return list(read_inputs(["-"]))


def test_stdin_text_jsonl_empty_binary_and_oversized(monkeypatch, figures):
    [d] = _stdin(monkeypatch, ARTICLE.encode())
    assert isinstance(d, Document) and d.source == "<stdin>"
    items = _stdin(monkeypatch, json.dumps({"text": FLED}).encode() + b"\n{broken\n"
                   + json.dumps({"text": ARRESTED}).encode() + b"\n")
    assert [type(i).__name__ for i in items] == ["Document", "InputError", "Document"] and items[1].line == 2
    [e] = _stdin(monkeypatch, b"")
    assert isinstance(e, InputError) and "empty" in e.problem and "<stdin>" in str(e)
    [e] = _stdin(monkeypatch, b"\x89PNG\r\n\x1a\n\x00\x00" + _rand(1000))
    assert isinstance(e, InputError) and "binary" in e.problem
    monkeypatch.setattr(readers, "MAX_FILE_BYTES", 1 << 20)
    [e] = _stdin(monkeypatch, (ARTICLE * 3000).encode())
    assert isinstance(e, InputError) and "refused" in e.problem
    # JSONL on stdin is streamed: more than the per-file limit in total is fine.
    rec = json.dumps({"text": FLED + " " + ROLE}, ensure_ascii=False).encode() + b"\n"
    items = _stdin(monkeypatch, rec * ((2 << 20) // len(rec)))
    assert len(items) > 1000 and all(isinstance(i, Document) for i in items)
    figures.add("stdin: text, JSONL with a broken line, empty, binary, over the size limit, 2 MB of JSONL", 6,
                "read or InputError naming <stdin>(:line); JSONL streamed past the per-file limit")


def test_special_paths(tmp_path, monkeypatch, figures):
    monkeypatch.setattr(readers, "MAX_FILE_BYTES", 1 << 20)
    [e] = _items("/dev/zero")  # stat says 0 bytes; reading must still be bounded
    assert isinstance(e, InputError) and "refused" in e.problem
    [e] = _items(tmp_path / "missing.txt")
    assert isinstance(e, InputError) and "no such file" in e.problem
    (tmp_path / "dir").mkdir()
    (tmp_path / "dir" / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    (tmp_path / "dir" / "folder.txt").mkdir()
    (tmp_path / "dir" / ".hidden.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "dir" / "ok.txt").write_text(ARTICLE, encoding="utf-8")
    items = _items(tmp_path / "dir")
    assert [type(i).__name__ for i in items] == ["Document"]
    f = tmp_path / "notgzip.jsonl.gz"
    f.write_bytes(b"plain text, not gzip")
    assert "gzip" in _error(f).problem
    g = tmp_path / "cut.jsonl.gz"
    g.write_bytes(gzip.compress((json.dumps({"text": FLED}) + "\n").encode() * 50)[:-30])
    items = _items(g)
    assert isinstance(items[-1], InputError) and "gzip" in items[-1].problem
    figures.add("/dev/zero, missing path, dangling symlink, folder named .txt, hidden file, "
                "non-gzip .gz, truncated .gz", 7, "bounded read; InputError or skipped; no hang")


# ---- the whole nasty corpus through the pipeline and the CLI --------------------------------------
def _nasty_folder(tmp: Path) -> Path:
    d = tmp / "nasty"
    d.mkdir()
    for k, fn in BINARIES.items():
        if k != "python-executable":
            (d / f"{k}.txt").write_bytes(fn(tmp))
    for k, v in EMPTY.items():
        (d / k).write_bytes(v)
    (d / "hostile.html").write_text("<html><body><article>" + "".join(HOSTILE_BITS) + f"<p>{FLED}</p></article></body></html>")
    (d / "nested.html").write_text("<div>" * 3000 + f"<p>{ARRESTED}</p>")
    (d / "cp1256.html").write_bytes(f"<html><head><meta charset='utf-8'></head><body><p>{ROLE} {FLED}</p></body></html>".encode("cp1256"))
    (d / "en.txt").write_text(ENGLISH)
    (d / "lines.jsonl").write_bytes(b"\n".join([
        json.dumps({"text": ROLE + " " + ARRESTED, "title": "\udc00"}).encode(), b"{oops",
        json.dumps({"text": FLED + "\u0000 نهاية"}).encode()]))
    (d / "good.txt").write_text(ARTICLE)
    return d


def test_nasty_batch_through_build_and_cli(tmp_path, figures):
    from tahqiq.pipeline import build
    from tahqiq.store import open_store

    d = _nasty_folder(tmp_path)
    n_files = sum(1 for _ in d.iterdir())
    store = open_store(str(tmp_path / "s.db"))
    report = build([str(d)], store, ner="rules")
    assert report.stored >= 6 and len(report.skipped) >= len(BINARIES) - 1 + len(EMPTY) + 1
    for e in report.skipped:
        assert str(d) in str(e)
    texts = {x.text for x in store.documents()}
    assert any("\ufffd نهاية" in t for t in texts)  # NUL replaced (PostgreSQL cannot store it), offsets kept
    for t in texts:
        assert "alert" not in t
    r = subprocess.run([sys.executable, "-m", "tahqiq", "build", str(d), "--db", str(tmp_path / "cli.db"),
                        "--ner", "rules", "-q"], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    assert "Traceback" not in r.stderr + r.stdout
    assert f"{len(report.skipped)} skipped" in r.stdout
    figures.add("whole nasty folder through pipeline.build and `tahqiq build`", n_files,
                f"{report.stored} stored, {len(report.skipped)} skipped with messages, exit code 0")
