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
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from tahqiq.errors import InputError
from tahqiq.ingest import documents
# The per-document code lives in ingest.documents; its names stay importable from here.
from tahqiq.ingest.documents import _from_bytes, _recorded, document_from_record
from tahqiq.ingest.documents import document_from_html as document_from_html
from tahqiq.ingest.documents import document_from_text as document_from_text
from tahqiq.ingest.encoding import decode
from tahqiq.model import Document
from tahqiq.provenance import CAPTURED_MTIME, CAPTURED_STDIN, mtime_utc, now_utc

TEXT_EXT = {".txt", ".text", ".md"}
HTML_EXT = {".html", ".htm", ".xhtml"}
JSONL_EXT = {".jsonl", ".ndjson", ".jsonl.gz"}
MAX_FILE_BYTES = documents.MAX_FILE_BYTES  # a single article larger than this is not an article

Item = Document | InputError


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
            yield from read_archive(path, MAX_FILE_BYTES)
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


def source_name(path: str) -> str:
    return os.path.basename(path)
