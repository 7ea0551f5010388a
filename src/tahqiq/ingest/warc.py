"""Web captures as input: WARC and WACZ archives (what web-capture tools write).

Each archived page (a ``response`` or ``resource`` record of an HTML or text page) becomes a
document whose evidence record keeps the provenance of its capture: the page's URL
(``WARC-Target-URI``), the capture time (``WARC-Date``), the archive's own payload digest
(``WARC-Payload-Digest``) and record id, and the SHA-256 of the payload bytes as archived
(the HTTP body, before any decoding of its text). A WACZ file is a zip of WARC files
(``archive/*.warc[.gz]``); its pages are read the same way. Records that are not pages
(images, scripts, requests, metadata) are passed over; a bad record is reported, never fatal.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from tahqiq.errors import InputError
from tahqiq.ingest.documents import MAX_FILE_BYTES, _from_bytes, _recorded
from tahqiq.model import Document
from tahqiq.provenance import CAPTURED_WARC

PAGE_TYPES = ("text/html", "application/xhtml+xml", "text/plain")


def read_archive(path: Path, max_bytes: int = MAX_FILE_BYTES) -> Iterator[Document | InputError]:
    """The pages of a WARC or WACZ file; a page over ``max_bytes`` is refused."""
    source = str(path)
    if path.name.lower().endswith(".wacz"):
        try:
            zf = zipfile.ZipFile(path)
        except (OSError, zipfile.BadZipFile) as e:
            yield InputError(source, f"not a readable WACZ (zip) file: {e}")
            return
        with zf:
            names = sorted(n for n in zf.namelist() if n.lower().endswith((".warc", ".warc.gz")))
            if not names:
                yield InputError(source, "WACZ file holds no WARC files under archive/")
                return
            for name in names:
                with zf.open(name) as fh:
                    yield from read_warc(fh, f"{source}#{name}", max_bytes)
        return
    with open(path, "rb") as fh:
        yield from read_warc(fh, source, max_bytes)


def read_warc(fh: IO[bytes], source: str, max_bytes: int = MAX_FILE_BYTES) -> Iterator[Document | InputError]:
    """The pages of one WARC stream (gzip-compressed per record or not)."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    pages = 0
    try:
        for rec in ArchiveIterator(fh):
            if rec.rec_type not in ("response", "resource"):
                continue
            h = rec.rec_headers
            url = h.get_header("WARC-Target-URI")
            if rec.rec_type == "response":
                if rec.http_headers is None:
                    continue
                status = rec.http_headers.get_statuscode()
                ctype = (rec.http_headers.get_header("Content-Type") or "").lower()
                if status and not status.startswith("2"):
                    continue
            else:
                ctype = (h.get_header("Content-Type") or "").lower()
            if not ctype.startswith(PAGE_TYPES):
                continue
            where = f"{source}@{url}"
            payload = rec.content_stream().read(max_bytes + 1)
            if len(payload) > max_bytes:
                yield InputError(where, "archived page is over the size limit for one article")
                continue
            pages += 1
            kind = "text" if ctype.startswith("text/plain") else "html"
            warc = {"record_id": h.get_header("WARC-Record-ID"), "payload_digest": h.get_header("WARC-Payload-Digest"),
                    "block_digest": h.get_header("WARC-Block-Digest"), "target_uri": url,
                    "date": h.get_header("WARC-Date"), "archive": source}
            yield _page(payload, where, kind, url, warc, h.get_header("WARC-Date"), _from_bytes, _recorded)
    except (ArchiveLoadFailed, OSError, EOFError, ValueError) as e:
        yield InputError(source, f"not a readable WARC archive ({type(e).__name__}: {e})")
        return
    if pages == 0:
        yield InputError(source, "archive holds no HTML or text pages")


def _page(payload: bytes, where: str, kind: str, url: str | None, warc: dict, date: str | None, from_bytes,
          recorded) -> Document | InputError:
    try:
        doc = from_bytes(payload, where, kind)
    except InputError as e:
        return e
    except Exception as e:  # noqa: BLE001 - one bad page never stops an archive
        return InputError(where, f"could not be processed ({type(e).__name__}: {e})")
    doc.url = doc.url or url
    if url:
        doc.source = url  # the page's address is its source; the archive is in the record
    doc.record = {"captured": date, "captured_basis": CAPTURED_WARC if date else None,
                  "warc": {k: v for k, v in warc.items() if v}}
    return recorded(doc, payload, where, date, CAPTURED_WARC)
