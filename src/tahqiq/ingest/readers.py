"""Readers for .txt, .html/.htm, .jsonl, folders and stdin.

``read_inputs`` yields ``Document`` or ``InputError`` items, never raises for
one bad input, and streams JSONL line by line so memory stays bounded.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from tahqiq.errors import InputError
from tahqiq.ingest.boilerplate import strip_boilerplate
from tahqiq.ingest.dates import parse_date
from tahqiq.ingest.encoding import decode
from tahqiq.ingest.metadata import outlet_from_mentions, split_header
from tahqiq.model import Document

TEXT_EXT = {".txt", ".text", ".md"}
HTML_EXT = {".html", ".htm", ".xhtml"}
JSONL_EXT = {".jsonl", ".ndjson", ".jsonl.gz"}
MAX_FILE_BYTES = 64 * 1024 * 1024  # a single article larger than this is not an article
_MIN_ARABIC_OR_WORDS = 3

Item = Document | InputError

TEXT_KEYS = ("text", "content", "body", "article", "maintext")
OUTLET_KEYS = ("outlet", "source", "site", "sitename", "publisher")
DATE_KEYS = ("published", "date", "date_publish", "date_extracted", "pubdate")
AUTHOR_KEYS = ("author", "byline", "authors")


def read_inputs(paths: Iterable[str]) -> Iterator[Item]:
    """Walk ``paths`` (files, folders recursively, ``-`` for stdin) in a stable order."""
    for p in paths:
        if p == "-":
            yield from _read_stream(sys.stdin.buffer, "<stdin>")
            continue
        path = Path(p)
        if path.is_dir():
            for f in sorted(x for x in path.rglob("*") if x.is_file() and not x.name.startswith(".")):
                yield from read_file(f)
        elif path.exists():
            yield from read_file(path)
        else:
            yield InputError(p, "no such file or folder")


def _kind(path: Path) -> str:
    name = path.name.lower()
    if name.endswith((".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")):
        return "jsonl"
    if path.suffix.lower() in HTML_EXT:
        return "html"
    return "text"


def read_file(path: Path) -> Iterator[Item]:
    source = str(path)
    kind = _kind(path)
    try:
        if kind == "jsonl":
            opener = gzip.open if path.name.lower().endswith(".gz") else open
            with opener(path, "rb") as fh:
                yield from _read_jsonl(fh, source)
            return
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            yield InputError(source, f"file is {size // (1024 * 1024)} MB; articles over "
                                     f"{MAX_FILE_BYTES // (1024 * 1024)} MB are refused (split it or use JSONL)")
            return
        data = path.read_bytes()
    except OSError as e:
        yield InputError(source, f"cannot read: {e.strerror or e}")
        return
    except (EOFError, gzip.BadGzipFile) as e:
        yield InputError(source, f"truncated or corrupt gzip: {e}")
        return
    yield _guard(source, lambda: _from_bytes(data, source, kind))


def _guard(source: str, fn) -> Item:
    try:
        return fn()
    except InputError as e:
        return e
    except Exception as e:  # noqa: BLE001 - one bad document never stops a batch
        return InputError(source, f"could not be processed ({type(e).__name__}: {e})")


def _from_bytes(data: bytes, source: str, kind: str) -> Document:
    text = decode(data, source)
    if kind == "html" or (kind == "text" and _looks_html(text)):
        return document_from_html(text, source)
    return document_from_text(text, source)


def _looks_html(text: str) -> bool:
    head = text[:2000].lower()
    return "<html" in head or "<!doctype html" in head or ("<body" in head and "</" in head)


def _read_stream(fh: BinaryIO, source: str) -> Iterator[Item]:
    data = fh.read(MAX_FILE_BYTES + 1)
    first = data.lstrip()[:1]
    if first == b"{":
        yield from _read_jsonl(io.BytesIO(data), source)
    else:
        yield _guard(source, lambda: _from_bytes(data, source, "text"))


def _read_jsonl(fh: BinaryIO, source: str) -> Iterator[Item]:
    for lineno, raw in enumerate(fh, start=1):
        if not raw.strip():
            continue
        if len(raw) > MAX_FILE_BYTES:
            yield InputError(source, "line is too long to be one article", line=lineno)
            continue
        yield _guard(f"{source}:{lineno}", lambda: _record(raw, source, lineno))


def _record(raw: bytes, source: str, lineno: int) -> Document:
    try:
        rec = json.loads(decode(raw, f"{source}:{lineno}"))
    except json.JSONDecodeError as e:
        raise InputError(source, f"invalid JSON ({e.msg} at column {e.colno})", line=lineno) from None
    if not isinstance(rec, dict):
        raise InputError(source, "JSON line is not an object", line=lineno)
    return document_from_record(rec, source, lineno)


def _first(rec: dict[str, Any], keys: tuple[str, ...]) -> str | None:
    for k in keys:
        v = rec.get(k)
        if isinstance(v, list):
            v = ", ".join(str(x) for x in v if x)
        if v not in (None, ""):
            return str(v).strip()
    return None


def document_from_record(rec: dict[str, Any], source: str, lineno: int | None = None) -> Document:
    """A JSONL article: text/content/body plus optional title, url, outlet, date, author."""
    text = _first(rec, TEXT_KEYS)
    where = f"{source}:{lineno}" if lineno else source
    if not text:
        raise InputError(source, f"no article text (expected one of: {', '.join(TEXT_KEYS)})", line=lineno)
    html = text.lstrip().startswith("<") and _looks_html(text)
    url = _first(rec, ("url", "link"))
    doc = document_from_html(text, url or where) if html else document_from_text(text, url or where)
    doc.title = _first(rec, ("title", "headline")) or doc.title
    doc.outlet = _first(rec, OUTLET_KEYS) or doc.outlet
    date = _first(rec, DATE_KEYS)
    doc.published = (parse_date(date) or date[:10]) if date else doc.published
    doc.byline = _first(rec, AUTHOR_KEYS) or doc.byline
    doc.url = url
    return doc


def _language(text: str) -> str:
    sample = text[:5000]
    arabic = sum(1 for c in sample if "\u0600" <= c <= "\u06ff")
    latin = sum(1 for c in sample if c.isascii() and c.isalpha())
    if arabic >= latin:
        return "ar"
    low = sample.lower()
    french = sum(low.count(w) for w in (" le ", " la ", " les ", " des ", " est ", " une "))
    english = sum(low.count(w) for w in (" the ", " and ", " of ", " is ", " was "))
    return "fr" if french > english else "en"


def document_from_text(text: str, source: str) -> Document:
    """Plain text: strip boilerplate, parse header metadata, keep the body."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    body, removed = strip_boilerplate(text)
    body, header = split_header(body)
    body, _ = strip_boilerplate(body)
    if len(body.split()) < _MIN_ARABIC_OR_WORDS:
        raise InputError(source, "no article text after removing boilerplate")
    return Document(
        text=body, source=source, outlet=header.outlet or outlet_from_mentions(body),
        published=header.published, title=header.title, byline=header.byline,
        language=_language(body), removed=removed + header.removed,
    )


def document_from_html(html: str, source: str) -> Document:
    """HTML page: main text by trafilatura, metadata from the page, then as plain text."""
    import trafilatura

    extracted = trafilatura.extract(html, include_comments=False, include_tables=False,
                                    favor_precision=True, deduplicate=False)
    if not extracted:
        raise InputError(source, "HTML page has no main article text")
    doc = document_from_text(extracted, source)
    try:
        meta = trafilatura.extract_metadata(html)
    except Exception:  # noqa: BLE001 - metadata is best effort
        meta = None
    if meta is not None:
        doc.title = meta.title or doc.title
        doc.outlet = meta.sitename or doc.outlet
        doc.byline = meta.author or doc.byline
        doc.published = (parse_date(meta.date) if meta.date else None) or doc.published
        doc.url = meta.url or doc.url
    return doc


def source_name(path: str) -> str:
    return os.path.basename(path)
