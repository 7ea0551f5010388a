"""Readers for .txt, .html/.htm, .jsonl, folders and stdin.

``read_inputs`` yields ``Document`` or ``InputError`` items, never raises for
one bad input, and streams JSONL line by line so memory stays bounded.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import re
import sys
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from tahqiq.errors import InputError
from tahqiq.ingest.boilerplate import strip_boilerplate
from tahqiq.ingest.dates import parse_date
from tahqiq.ingest.encoding import decode
from tahqiq.ingest.metadata import outlet_from_mentions, split_header, upstream_agency
from tahqiq.limits import cut_at_word, limits
from tahqiq.model import Document
from tahqiq.provenance import (CAPTURE_KEYS, CAPTURED_INPUT, CAPTURED_MTIME, CAPTURED_STDIN, input_record,
                               mtime_utc, now_utc)

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
    if name.endswith((".warc", ".warc.gz", ".wacz")):
        return "warc"
    if path.suffix.lower() in HTML_EXT:
        return "html"
    return "text"


def read_file(path: Path) -> Iterator[Item]:
    source = str(path)
    kind = _kind(path)
    try:
        if kind == "jsonl":
            if path.name.lower().endswith(".gz"):
                limit = max(MAX_GZIP_BYTES, MAX_GZIP_RATIO * path.stat().st_size)
                with gzip.open(path, "rb") as gz:
                    yield from _read_jsonl(_Inflated(gz, limit), source,  # type: ignore[arg-type]  # file-like
                                           mtime_utc(path), CAPTURED_MTIME)
            else:
                with open(path, "rb") as fh:
                    yield from _read_jsonl(fh, source, mtime_utc(path), CAPTURED_MTIME)
            return
        if kind == "warc":
            from tahqiq.ingest.warc import read_archive
            yield from read_archive(path)
            return
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            yield _too_large(source, size)
            return
        # Bounded even when stat lies (/dev/zero, a pipe, a file growing while read).
        with open(path, "rb") as fh:
            data = fh.read(MAX_FILE_BYTES + 1)
        if len(data) > MAX_FILE_BYTES:
            yield _too_large(source, len(data))
            return
    except OSError as e:
        yield InputError(source, f"cannot read: {e.strerror or e}")
        return
    except (EOFError, gzip.BadGzipFile) as e:
        yield InputError(source, f"truncated or corrupt gzip: {e}")
        return
    captured = mtime_utc(path)
    yield _guard(source, lambda: _recorded(_from_bytes(data, source, kind), data, source, captured,
                                           CAPTURED_MTIME))


def _recorded(doc: Document, raw: bytes, source: str, captured: str | None, basis: str,
              line: int | None = None) -> Document:
    """Attach the evidence record of the raw input bytes; a capture time the input carried itself
    (a web archive's or a JSONL record's) wins over the file's."""
    own = doc.record or {}
    rec = input_record(raw, source, captured=own.get("captured") or captured,
                       basis=own.get("captured_basis") or basis, line=line)
    rec.update({k: v for k, v in own.items() if k not in rec or rec[k] is None})
    if doc.url:
        rec["url"] = doc.url
    upstream = upstream_agency(doc.text, doc.outlet, doc.byline)
    if upstream:
        rec["upstream"] = upstream
    doc.record = rec
    return doc


# A .jsonl.gz may inflate to this many bytes (256 MB), or 50 times its size if more; past
# that it is a gzip bomb, not a batch of articles (news text compresses about 4-10 to 1).
MAX_GZIP_BYTES = 256 << 20
MAX_GZIP_RATIO = 50


class GzipBomb(OSError):
    pass


class _Inflated:
    """A gzip stream that stops after ``limit`` inflated bytes."""

    def __init__(self, fh, limit: int):
        self.fh, self.limit, self.n = fh, limit, 0

    def readline(self, size: int = -1) -> bytes:
        line = self.fh.readline(size)
        self.n += len(line)
        if self.n > self.limit:
            raise GzipBomb(f"it inflates to over {self.limit // (1024 * 1024)} MB: a gzip bomb?")
        return line


def _too_large(source: str, size: int) -> InputError:
    return InputError(source, f"file is {size // (1024 * 1024)} MB or more; articles over "
                              f"{MAX_FILE_BYTES // (1024 * 1024)} MB are refused (split it or use JSONL)")


def _guard(source: str, fn, line: int | None = None) -> Item:
    try:
        return fn()
    except InputError as e:
        return _bare(e)
    except Exception as e:  # noqa: BLE001 - one bad document never stops a batch
        return InputError(source, f"could not be processed ({type(e).__name__}: {str(e)[:120]})", line=line)


def _bare(e: InputError) -> InputError:
    """The error without its traceback and context: those hold the frames that read the
    input (the whole decoded line), and a report of a million refused lines must not."""
    e.__traceback__ = e.__context__ = e.__cause__ = None
    return e


def _from_bytes(data: bytes, source: str, kind: str) -> Document:
    text = decode(data, source)
    if kind == "html" or (kind == "text" and _looks_html(text)):
        return document_from_html(text, source)
    return document_from_text(text, source)


def _looks_html(text: str) -> bool:
    head = text[:2000].lower()
    return "<html" in head or "<!doctype html" in head or ("<body" in head and "</" in head)


class _Prefixed(io.RawIOBase):
    """``head`` then the rest of ``fh``: lets stdin be sniffed and still streamed."""

    def __init__(self, head: bytes, fh: BinaryIO):
        self._head, self._fh = head, fh

    def readable(self) -> bool:
        return True

    def readinto(self, b) -> int:
        if self._head:
            n = min(len(b), len(self._head))
            b[:n], self._head = self._head[:n], self._head[n:]
            return n
        data = self._fh.read(len(b))
        b[:len(data)] = data
        return len(data)


def _read_stream(fh: BinaryIO, source: str) -> Iterator[Item]:
    head = fh.read(65536)
    read_at = now_utc()
    if head.lstrip()[:1] == b"{":  # JSONL: streamed line by line, any length
        yield from _read_jsonl(io.BufferedReader(_Prefixed(head, fh)), source, read_at, CAPTURED_STDIN)
        return
    parts, size = [head], len(head)
    while size <= MAX_FILE_BYTES:
        chunk = fh.read(_CHUNK)
        if not chunk:
            break
        parts.append(chunk)
        size += len(chunk)
    if size > MAX_FILE_BYTES:
        yield _too_large(source, size)
        return
    data = b"".join(parts)
    del parts
    yield _guard(source, lambda: _recorded(_from_bytes(data, source, "text"), data, source, read_at,
                                           CAPTURED_STDIN))


_CHUNK = 1 << 20


def _read_line(fh: BinaryIO) -> tuple[bytes, bool]:
    """Next line (b"" at the end) and whether it was over the limit; an over-long
    line is skipped in chunks, so it never sits in memory whole."""
    parts: list[bytes] = []
    size = 0
    while True:
        chunk = fh.readline(_CHUNK)
        if not chunk:
            break
        size += len(chunk)
        if size > MAX_FILE_BYTES:
            parts.clear()
            while chunk and not chunk.endswith(b"\n"):
                chunk = fh.readline(_CHUNK)
            return b"", True
        parts.append(chunk)
        if chunk.endswith(b"\n"):
            break
    return b"".join(parts), False


def _read_jsonl(fh: BinaryIO, source: str, captured: str | None = None,
                basis: str = CAPTURED_MTIME) -> Iterator[Item]:
    lineno = items = 0
    while True:
        try:
            raw, too_long = _read_line(fh)
        except (zlib.error, EOFError, gzip.BadGzipFile, OSError) as e:
            # A corrupt deflate block or a cut file: what was read before it is kept; gzip
            # cannot find the next line after a bad block, so the rest of this file is lost.
            why = (str(e).splitlines() or [type(e).__name__])[0][:120]
            what = "stopped reading" if isinstance(e, GzipBomb) else "corrupt or truncated gzip data"
            yield InputError(source, f"{what} ({why}); the {items} lines before it were read, the rest "
                                     "of this file was not", line=lineno + 1)
            return
        if not raw and not too_long:
            break
        lineno += 1
        if too_long:
            items += 1
            yield InputError(source, f"line is over {MAX_FILE_BYTES // (1024 * 1024)} MB, "
                                     "too long to be one article", line=lineno)
            continue
        if not raw.strip():
            continue
        items += 1
        yield _guard(source, lambda: _recorded(_record(raw, source, lineno), raw, source, captured, basis,
                                               line=lineno), line=lineno)
    if items == 0:
        yield InputError(source, "empty file (no JSON lines to ingest)")


def _record(raw: bytes, source: str, lineno: int) -> Document:
    try:
        rec = json.loads(decode(raw, source, line=lineno))
    except json.JSONDecodeError as e:
        raise InputError(source, f"invalid JSON ({e.msg.removesuffix(' at')} at column {e.colno})",
                         line=lineno) from None
    if not isinstance(rec, dict):
        raise InputError(source, "JSON line is not an object", line=lineno)
    try:
        return document_from_record(rec, source, lineno)
    except InputError as e:  # name the file and line, not the record's URL
        raise InputError(source, e.problem, line=lineno) from None


def _first(rec: dict[str, Any], keys: tuple[str, ...]) -> str | None:
    for k in keys:
        v = rec.get(k)
        if isinstance(v, list):
            v = ", ".join(str(x) for x in v if x)
        if v not in (None, ""):
            return _no_surrogates(str(v).strip())
    return None


_SURROGATE = re.compile("[\ud800-\udfff\x00]")


def _no_surrogates(text: str) -> str:
    """JSON may carry lone surrogates ("\\ud800"): not encodable, so not storable or hashable;
    and NUL ("\\u0000"), which PostgreSQL cannot store in text. Both become U+FFFD."""
    return _SURROGATE.sub("\ufffd", text)


def document_from_record(rec: dict[str, Any], source: str, lineno: int | None = None) -> Document:
    """A JSONL article: text/content/body plus optional title, url, outlet, date, author."""
    text = _first(rec, TEXT_KEYS)
    where = f"{source}:{lineno}" if lineno else source
    if not text:
        raise InputError(source, f"no article text (expected one of: {', '.join(TEXT_KEYS)})", line=lineno)
    if len(text.split(maxsplit=_MIN_ARABIC_OR_WORDS)) < _MIN_ARABIC_OR_WORDS:  # cheap: no cleaning needed
        raise InputError(source, f"no article text (fewer than {_MIN_ARABIC_OR_WORDS} words)", line=lineno)
    html = text.lstrip().startswith("<") and _looks_html(text)
    url = _first(rec, ("url", "link"))
    doc = document_from_html(text, url or where) if html else document_from_text(text, url or where)
    doc.title = _first(rec, ("title", "headline")) or doc.title
    doc.outlet = _first(rec, OUTLET_KEYS) or doc.outlet
    date = _first(rec, DATE_KEYS)
    doc.published = (parse_date(date) or date[:10]) if date else doc.published
    doc.byline = _first(rec, AUTHOR_KEYS) or doc.byline
    doc.url = url
    for k in CAPTURE_KEYS:
        v = _first(rec, (k,))
        if v:
            doc.record = {**doc.record, "captured": v, "captured_basis": f"{CAPTURED_INPUT} ({k})"}
            break
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
    """Plain text: strip boilerplate, parse header metadata, keep the body (at most
    ``limits().max_chars`` characters and ``max_tokens`` words: past them it is truncated
    at a word boundary, the cut recorded in ``removed`` and ``warnings``)."""
    lim = limits()
    warnings: list[str] = []
    raw_len = len(text)
    cut = raw_len > 2 * lim.max_chars + 65536
    if cut:  # never clean megabytes only to cut them afterwards
        text = text[:cut_at_word(text, 2 * lim.max_chars + 65536)]
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    body, removed = strip_boilerplate(text)
    body, header = split_header(body)
    body, _ = strip_boilerplate(body)
    words = body.split(maxsplit=lim.max_tokens)
    if len(words) < _MIN_ARABIC_OR_WORDS:
        raise InputError(source, "no article text after removing boilerplate")
    keep = len(body)
    if len(words) > lim.max_tokens:  # the last item is the untouched rest
        keep = len(body) - len(words[-1])
    keep = min(keep, lim.max_chars)
    if keep < len(body) or cut:
        keep = cut_at_word(body, keep)
        note = (f"truncated to its first {keep:,} characters of {max(raw_len, len(body)):,} (limits: "
                f"{lim.max_chars:,} characters, {lim.max_tokens:,} words; TAHQIQ_MAX_CHARS / TAHQIQ_MAX_TOKENS)")
        body = body[:keep].rstrip()
        warnings.append(note)
        removed = removed + [f"[{note}]"]
    return Document(
        text=body, source=source, outlet=header.outlet or outlet_from_mentions(body),
        published=header.published, title=header.title, byline=header.byline,
        language=_language(body), removed=removed + header.removed, warnings=warnings,
    )


def document_from_html(html: str, source: str) -> Document:
    """HTML page: main text by trafilatura, metadata from the page, then as plain text."""
    import trafilatura

    lim = limits()
    links = len(_LINK.findall(html, 0, len(html)))
    if links > lim.max_links:
        raise InputError(source, f"HTML page has {links:,} links, over the limit of {lim.max_links:,} "
                                 "(a link list, not an article; TAHQIQ_MAX_LINKS)")
    extracted = trafilatura.extract(html, include_comments=False, include_tables=False,
                                    favor_precision=True, deduplicate=False)
    if not extracted:
        try:
            extracted = _deep_html_text(html)
        except InputError as e:
            raise InputError(source, e.problem) from None
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


_LINK = re.compile(r"<a[\s>]", re.IGNORECASE)
_SKIP_TAGS = {"script", "style", "noscript", "template", "iframe", "object", "svg", "head",
              "nav", "header", "footer", "aside", "form", "button", "select"}
_VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
              "track", "wbr"}
_DEEP = 200  # lxml (behind trafilatura) gives up on trees nested deeper than about 255


def _deep_html_text(html: str) -> str | None:
    """Text of a page nested too deep for lxml, by the stdlib's flat tag scanner.

    Only used when that is why trafilatura found nothing: a shallow page with no
    main text keeps its "no main article text" error."""
    from html.parser import HTMLParser

    class _Text(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.depth = self.max_depth = self.skip = 0
            self.parts: list[str] = []

        def handle_starttag(self, tag, attrs) -> None:
            if tag in _VOID_TAGS:
                return
            self.depth += 1
            self.max_depth = max(self.max_depth, self.depth)
            self.skip += tag in _SKIP_TAGS
            self.parts.append("\n")

        def handle_endtag(self, tag) -> None:
            if tag in _VOID_TAGS:
                return
            self.depth = max(0, self.depth - 1)
            self.skip = max(0, self.skip - (tag in _SKIP_TAGS))
            self.parts.append("\n")

        def handle_data(self, data) -> None:
            if not self.skip:
                self.parts.append(data)

    p = _Text()
    p.feed(html)
    p.close()
    if p.max_depth <= _DEEP:
        return None
    if p.max_depth > limits().max_depth:
        raise InputError("", f"HTML nested {p.max_depth:,} levels deep, over the limit of {limits().max_depth:,} "
                             "(TAHQIQ_MAX_DEPTH)")
    text = "\n".join(" ".join(ln.split()) for ln in "".join(p.parts).split("\n"))
    return text.strip() or None


def source_name(path: str) -> str:
    return os.path.basename(path)
