"""Decode article bytes: UTF-8 (BOM or not), UTF-16, Windows-1256, ISO-8859-6.

Legacy Arabic encodings are told apart by how Arabic the decoded text looks:
both map most letters to 0xC1-0xEA but differ elsewhere, and a wrong guess
produces Latin-1 punctuation and letters where Arabic should be.
"""

from __future__ import annotations

import codecs
import re

from tahqiq.errors import InputError

_ARABIC = re.compile(r"[\u0621-\u064A]")
_COMMON = ("في", "من", "على", "إلى", "أن", "التي", "الذي", "عن", "مع", "هذا")
_LEGACY = ("utf-8", "cp1256", "iso8859_6")


def decode(data: bytes, source: str, line: int | None = None) -> str:
    """Return the text of ``data``; raise ``InputError`` for binary or empty input."""
    if not data.strip():
        raise InputError(source, "empty file (no text to ingest)", line=line)
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[3:], "utf-8", source, line)
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        return _strict(data, "utf-16", source, line)
    enc = _utf16_order(data)
    if enc:
        return _strict(data, enc, source, line)
    if b"\x00" in data[:65536]:
        raise InputError(source, "binary content (NUL bytes), not a text article", line=line)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        found = _mixed_utf8(data) or _best_legacy(data)
        if found is None:
            raise InputError(source, "unknown text encoding (not UTF-8, UTF-16, "
                                     "Windows-1256 or ISO-8859-6)", line=line) from None
        text = found
    if _control_ratio(text) > 0.05:
        raise InputError(source, "binary content (control characters), not a text article", line=line)
    return text


def _strict(data: bytes, enc: str, source: str, line: int | None = None) -> str:
    try:
        return data.decode(enc).lstrip("\ufeff")
    except UnicodeDecodeError as e:
        raise InputError(source, f"invalid {enc} text at byte {e.start} (truncated or corrupt file)",
                         line=line) from None


_ESCAPED = re.compile("[\udc80-\udcff]+")


def _mixed_utf8(data: bytes) -> str | None:
    """Mostly UTF-8 with some legacy-encoded runs (a pasted paragraph, a cut character):
    keep the UTF-8 and decode only the invalid runs as Windows-1256 or ISO-8859-6.
    None when the invalid bytes outnumber the valid non-ASCII characters (a legacy file)."""
    text = data.decode("utf-8", "surrogateescape")
    runs = [m.group().encode("utf-8", "surrogateescape") for m in _ESCAPED.finditer(text)]
    bad = sum(map(len, runs))
    if sum(1 for c in text if c > "\x7f") - bad <= bad:
        return None
    joined = b" ".join(runs)
    enc = max(_LEGACY[1:], key=lambda e: _score(joined.decode(e, "replace")))
    return _ESCAPED.sub(lambda m: m.group().encode("utf-8", "surrogateescape").decode(enc, "replace"), text)


# High bytes of UTF-16 code units in Arabic text: ASCII (0x00), Arabic (0x06),
# general punctuation (0x20), presentation forms (0xFB, 0xFE).
_HIGH = frozenset({0x00, 0x06, 0x20, 0xFB, 0xFE})


def _utf16_order(data: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when BOM-less UTF-16 is evident from the high bytes."""
    head = data[:4096]
    if len(head) < 8 or len(data) % 2:
        return None
    even, odd = head[0::2], head[1::2]
    for high, enc in ((odd, "utf-16-le"), (even, "utf-16-be")):
        if sum(1 for b in high if b in _HIGH) > 0.9 * len(high) and high.count(0x06) + high.count(0) > 0.5 * len(high):
            other = even if high is odd else odd
            if sum(1 for b in other if b in _HIGH) < 0.5 * len(other):
                return enc
    return None


def _score(text: str) -> float:
    letters = len(_ARABIC.findall(text))
    words = text.split()
    common = sum(1 for w in words if w in _COMMON)
    odd = sum(1 for c in text if "\u00c0" <= c <= "\u00ff" or "\u0080" <= c <= "\u009f")
    return letters + 20 * common - 5 * odd


def _best_legacy(data: bytes) -> str | None:
    best, best_score = None, float("-inf")
    for enc in _LEGACY[1:]:
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        s = _score(text)
        if s > best_score:
            best, best_score = text, s
    if best is None:
        try:
            from charset_normalizer import from_bytes
            match = from_bytes(data).best()
            best = str(match) if match is not None else None
        except Exception:  # noqa: BLE001 - charset-normalizer is a fallback only
            best = None
    return best


def _control_ratio(text: str) -> float:
    sample = text[:20000]
    if not sample:
        return 0.0
    bad = sum(1 for c in sample if (ord(c) < 32 and c not in "\n\r\t\f\v") or c == "\ufffd")
    return bad / len(sample)
