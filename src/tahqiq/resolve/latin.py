"""Latin forms of Arabic names (arabic-name-romanizer, MIT), and Latin queries.

``romanize`` gives the display form; ``latin_key`` folds a Latin string
(either a romanisation or a user's query such as "Hamid al-Nouri") to a
loose key so that spelling differences (e/i, ou/u, al-/el-, doubled letters)
do not stop a Latin search from finding the Arabic entity.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache


@lru_cache(maxsize=100_000)
def romanize(name: str, country: str | None = None) -> str | None:
    try:
        import arabic_name_romanizer as anr
    except ImportError:  # optional at run time: entities simply have no Latin form
        return None
    try:
        out = anr.transliterate(name, country=country) if country else anr.transliterate(name)
    except Exception:  # noqa: BLE001 - a romaniser failure must not stop a build
        return None
    if isinstance(out, list):
        out = out[0] if out else None
    return str(out) if out else None


_ARTICLE = re.compile(r"\b(?:al|el|ul|ad|ed|ar|er|as|es|ash|esh|at|az|an|en)[- ]")


def latin_key(text: str) -> str:
    """Loose matching key for Latin-script names."""
    t = unicodedata.normalize("NFKD", text.lower())
    t = "".join(c for c in t if not unicodedata.combining(c))
    t = _ARTICLE.sub("", t)
    t = re.sub(r"[^a-z ]", "", t)
    t = t.replace("ou", "u").replace("ee", "i").replace("oo", "u").replace("e", "i").replace("o", "u")
    t = t.replace("dh", "d").replace("th", "t").replace("kh", "k").replace("gh", "g").replace("q", "k")
    t = re.sub(r"(.)\1+", r"\1", t)
    return " ".join(t.split())
