"""Arabic normalisation for matching that never alters the stored text.

Every operation either maps one character to one character or deletes it, so
the normalised string keeps, for each of its characters, the index of the
original character it came from (``Normalized.offsets``). Spans found in the
normalised text map back with ``Normalized.to_original``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

# Harakat, Quranic marks, superscript alef: dropped.
_DIACRITICS = set(chr(c) for c in list(range(0x0610, 0x061B)) + list(range(0x064B, 0x0660)) + [0x0670]
                  + list(range(0x06D6, 0x06DD)) + list(range(0x06DF, 0x06E9)) + list(range(0x06EA, 0x06EE)))
# Tatweel, zero-width and bidi control characters: dropped (they hide inside names).
_DROP = _DIACRITICS | {"\u0640", "\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\ufeff",
                       "\u202a", "\u202b", "\u202c", "\u202d", "\u202e",
                       "\u2066", "\u2067", "\u2068", "\u2069", "\u061c"}

_MAP = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",
    "ؤ": "و", "ئ": "ي", "ى": "ي", "ی": "ي", "ي": "ي",
    "ة": "ه", "ۀ": "ه", "ہ": "ه", "ک": "ك",
    "“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "″": '"',
    "‘": "'", "’": "'", "‚": "'", "‹": "'", "›": "'",
    "،": ",", "؛": ";", "؟": "?",
    "\u00a0": " ", "\u2009": " ", "\u202f": " ",
}
for _i in range(10):
    _MAP[chr(0x0660 + _i)] = str(_i)  # Arabic-Indic digits
    _MAP[chr(0x06F0 + _i)] = str(_i)  # Persian (extended) digits


@dataclass(slots=True)
class Normalized:
    """A normalised string and, for each of its characters, the original index."""

    text: str
    offsets: list[int]
    original_length: int

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a normalised span ``[start, end)`` to the original text's span."""
        if start >= len(self.offsets):
            return self.original_length, self.original_length
        o_start = self.offsets[start]
        o_end = self.offsets[end - 1] + 1 if end > start else o_start
        return o_start, o_end


def _char(c: str) -> str | None:
    if c in _DROP:
        return None
    return _MAP.get(c, c)


def normalize(text: str) -> Normalized:
    """Normalise ``text`` for matching and keep the offset map back to it."""
    out: list[str] = []
    offsets: list[int] = []
    for i, c in enumerate(text):
        r = _char(c)
        if r is None:
            continue
        low = r.lower()
        out.append(low if len(low) == 1 else r)
        offsets.append(i)
    return Normalized("".join(out), offsets, len(text))


_TABLE: dict[int, str | None] = {ord(k): v for k, v in _MAP.items()}
_TABLE.update({ord(c): None for c in _DROP})


def norm(text: str) -> str:
    """Normalised form only (fast path for keys and lookups); same result as ``normalize``."""
    if len(text) <= _WORD:
        return _norm_word(text)
    return _norm(text)


# Words are normalised again and again (each finder, each n-gram): short strings are
# memoised; long texts are not kept.
_WORD = 32


@lru_cache(maxsize=1 << 16)
def _norm_word(text: str) -> str:
    return _norm(text)


def _norm(text: str) -> str:
    t = text.translate(_TABLE)
    low = t.lower()
    # Whole-string lower equals per-character lower unless a character expands
    # (length changes) or the context-sensitive final sigma is involved.
    if len(low) == len(t) and "\u03a3" not in t:
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in t)


_LIGHT: dict[int, str | None] = {ord(c): None for c in _DROP}
_LIGHT.update({ord(k): "ا" for k in "أإآٱ"})


def light(text: str) -> str:
    """Lighter folding (diacritics, tatweel, alef forms) that keeps ى/ي and ة/ه apart.

    Used where the full folding makes function words look like names
    ("على" -> "علي").
    """
    return text.translate(_LIGHT)


# Invisible format characters only (zero-width, bidi controls, BOM): unlike the
# rest of ``_DROP`` (diacritics, tatweel) they are never part of how a word is written.
INVISIBLE = frozenset(_DROP - _DIACRITICS - {"\u0640"})


def visible(text: str) -> Normalized:
    """``text`` without invisible characters, with the offset map back to ``text``.

    Extractors run on this view so that "حا\\u200dمد" still reads as a name."""
    keep = [i for i, c in enumerate(text) if c not in INVISIBLE]
    return Normalized("".join(text[i] for i in keep), keep, len(text))
