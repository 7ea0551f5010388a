"""Sentence and token segmentation with character offsets into the original text."""

from __future__ import annotations

import re

from tahqiq.model import Sentence, Token

# A sentence ends at . ! ? ؟ (not inside a number like 3.5) or at a blank line / newline.
_SENT_END = re.compile(r"(?<!\d)[.!?؟…]+(?=\s|$|[\"”»’)])[\"”»’)]*|\n+")
# Tokens: runs of letters/digits (Arabic or Latin, incl. diacritics/tatweel), or single punctuation.
_TOKEN = re.compile(r"[\w\u0610-\u061A\u064B-\u065F\u0670\u0640]+|[^\w\s]", re.UNICODE)


def sentences(text: str) -> list[Sentence]:
    """Split into sentences; each is trimmed of surrounding white space."""
    out: list[Sentence] = []
    pos = 0
    for m in _SENT_END.finditer(text):
        _add(text, pos, m.end(), out)
        pos = m.end()
    _add(text, pos, len(text), out)
    return out


def _add(text: str, start: int, end: int, out: list[Sentence]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Sentence(start, end))


def tokens(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Tokens of ``text[start:end]`` with offsets into ``text``."""
    end = len(text) if end is None else end
    return [Token(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text, start, end)]
