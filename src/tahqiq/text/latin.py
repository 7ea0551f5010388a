"""Latin forms of Arabic names (arabic-name-romanizer, MIT), and Latin queries.

``romanize`` gives the display form; ``latin_key`` folds a Latin string
(either a romanisation or a user's query such as "Hamid al-Nouri") to a
loose key so that spelling differences (e/i, ou/u, al-/el-, doubled letters)
do not stop a Latin search from finding the Arabic entity.
"""

from __future__ import annotations

import re
import unicodedata


# (name, country) -> Latin form. Romanising costs ~30 ms a name, so the cross-document
# stage seeds this from the store before resolving and saves it back afterwards:
# a rebuild only romanises names it has never seen.
_MEMO: dict[str, str | None] = {}


def _memo_key(name: str, country: str | None) -> str:
    return f"{name}\x1f{country or ''}"


def seed_memo(known: dict[str, str | None]) -> None:
    """Add earlier romanisations (as returned by ``memo``) to this process's memo."""
    _MEMO.update(known)


def memo() -> dict[str, str | None]:
    return dict(_MEMO)


def romanize(name: str, country: str | None = None) -> str | None:
    """Display form in Latin script; ``country`` (ISO code) picks the local convention
    ("Amor" in Tunisia, "Omar" elsewhere). Falls back to a letter-by-letter form."""
    key = _memo_key(name, country)
    if key not in _MEMO:
        _MEMO[key] = _romanize(name, country)
    return _MEMO[key]


def _romanize(name: str, country: str | None) -> str | None:
    try:
        import arabic_name_romanizer as anr
        out = anr.transliterate(name, country=country) if country else anr.transliterate(name)
    except Exception:  # noqa: BLE001 - a missing or failing romaniser must not stop a build
        out = None
    if isinstance(out, list):
        out = out[0] if out else None
    return str(out) if out else transliterate(name)


_LETTERS = {"ا": "a", "أ": "a", "إ": "i", "آ": "a", "ء": "", "ؤ": "u", "ئ": "i", "ب": "b", "ت": "t",
            "ث": "th", "ج": "j", "ح": "h", "خ": "kh", "د": "d", "ذ": "dh", "ر": "r", "ز": "z", "س": "s",
            "ش": "sh", "ص": "s", "ض": "d", "ط": "t", "ظ": "z", "ع": "'", "غ": "gh", "ف": "f", "ق": "q",
            "ك": "k", "ل": "l", "م": "m", "ن": "n", "ه": "h", "ة": "a", "و": "w", "ي": "i", "ى": "a"}


def transliterate(name: str) -> str | None:
    """Letter-by-letter Latin form ("al-" for the article): crude, but never empty for Arabic."""
    words = []
    for w in name.split():
        pre = "al-" if w.startswith("ال") and len(w) > 3 else ""
        body = "".join(_LETTERS.get(c, "") for c in (w[2:] if pre else w))
        body = ("A" + body[1:] if body.startswith("'") else body).rstrip("'")  # initial ع: "Abd", "Amr"
        if body:
            words.append(pre + body[0].upper() + body[1:])
    return " ".join(words) or None


_ARTICLE = re.compile(r"\b(?:al|el|ul|ad|ed|ud|ar|er|ur|as|es|us|ash|esh|at|et|az|ez|uz|an|en)[- ]")


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


# Consonant skeletons: an Arabic name and any Latin spelling of it reduce to the same
# string of consonant classes ("حامد النوري" and "Hamid al-Nouri" -> "hmd nr"), because
# romanisations disagree mostly on vowels, articles and how to write one Arabic letter.
_AR_CLASS = str.maketrans({
    "ب": "b", "ت": "t", "ث": "t", "ج": "j", "ح": "h", "خ": "k", "د": "d", "ذ": "d", "ر": "r", "ز": "z",
    "س": "s", "ش": "s", "ص": "s", "ض": "d", "ط": "t", "ظ": "z", "ع": None, "غ": "G", "ف": "f", "ق": "k",
    "ك": "k", "ل": "l", "م": "m", "ن": "n", "ه": "h", "و": None, "ي": None, "ا": None, "ء": None,
})
_LAT_DIGRAPHS = (("kh", "k"), ("gh", "G"), ("sh", "s"), ("ch", "s"), ("th", "t"), ("dh", "d"), ("dj", "j"),
                 ("ph", "f"), ("q", "k"), ("c", "k"), ("x", "ks"), ("v", "f"), ("p", "b"), ("g", "j"))


def _squeeze(t: str) -> str:
    t = re.sub(r"(.)\1+", r"\1", t)
    return t[:-1] if len(t) > 1 and t.endswith("h") else t  # final ة / silent h


def arabic_skeleton(text: str) -> tuple[str, ...]:
    """Consonant classes of each word of an Arabic name (article dropped)."""
    from tahqiq.text.normalize import norm

    words = []
    for w in norm(text).replace("#", " ").split():
        k = w.find("ال", 2)  # joined compounds: "عزالدين", "عبدالهادي"
        if k > 1 and (w.startswith("عبد") and k == 3 or w[k:] in ("الدين", "الله")):
            words += [w[:k], w[k:]]
        else:
            words.append(w)
    out = []
    for w in words:
        if w.startswith("ال") and len(w) > 3:
            w = w[2:]
        s = _squeeze(w.translate(_AR_CLASS))
        if s and re.fullmatch(r"[a-zG]+", s):
            out.append(s)
    return tuple(out)


def latin_skeleton(text: str) -> tuple[str, ...]:
    """Consonant classes of each word of a Latin-script name, comparable with ``arabic_skeleton``."""
    t = unicodedata.normalize("NFKD", text.lower())
    t = "".join(c for c in t if not unicodedata.combining(c))
    t = _ARTICLE.sub(" ", " " + t)
    out = []
    t = re.sub(r"\babd[aeu]l", "abd ", t)  # "Abdulhadi", "Abdel Rahman"
    for w in re.sub(r"[^a-z ]", "", t.replace("-", " ")).split():
        for a, b in _LAT_DIGRAPHS:
            w = w.replace(a, b)
        s = _squeeze(re.sub(r"[aeiouyw]", "", w))
        if s:
            out.append(s)
    return tuple(out)
