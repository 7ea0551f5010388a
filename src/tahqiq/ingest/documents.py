"""One article from its bytes, text, HTML page or JSON record: decoding, boilerplate, metadata
and the evidence record of the raw input (``Document`` out, or ``InputError``).

The per-document part of ingest, shared by the readers of files, folders and stdin
(``ingest.readers``) and of web archives (``ingest.warc``); neither reader imports the other's
code for it.
"""

from __future__ import annotations

import re
from typing import Any

from tahqiq.errors import InputError
from tahqiq.ingest.boilerplate import strip_boilerplate
from tahqiq.ingest.dates import parse_date
from tahqiq.ingest.encoding import decode
from tahqiq.ingest.metadata import outlet_from_mentions, split_header, upstream_agency
from tahqiq.limits import cut_at_word, limits
from tahqiq.model import Document
from tahqiq.provenance import CAPTURE_KEYS, CAPTURED_INPUT, input_record

MAX_FILE_BYTES = 64 * 1024 * 1024  # a single article larger than this is not an article
_MIN_ARABIC_OR_WORDS = 3

TEXT_KEYS = ("text", "content", "body", "article", "maintext")
OUTLET_KEYS = ("outlet", "source", "site", "sitename", "publisher")
DATE_KEYS = ("published", "date", "date_publish", "date_extracted", "pubdate")
AUTHOR_KEYS = ("author", "byline", "authors")


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


def _from_bytes(data: bytes, source: str, kind: str) -> Document:
    text = decode(data, source)
    if kind == "html" or (kind == "text" and _looks_html(text)):
        return document_from_html(text, source)
    return document_from_text(text, source)


def _looks_html(text: str) -> bool:
    head = text[:2000].lower()
    return "<html" in head or "<!doctype html" in head or ("<body" in head and "</" in head)


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
