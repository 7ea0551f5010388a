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
from typing import Iterable


# (name, country) -> Latin form. Romanising costs ~1 ms a name in a batch (``romanize_many``),
# ~4 ms alone, so the cross-document stage seeds this from the store before resolving and
# saves it back afterwards: a rebuild only romanises names it has never seen.
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
        romanize_many([(name, country)])
    return _MEMO[key]


def romanize_many(pairs: Iterable[tuple[str, str | None]]) -> None:
    """Romanise every (name, country) not in the memo yet, one batched call per country:
    the model decodes many name parts at once (~5x faster than name by name, the cost of
    the cross-document stage). ``romanize`` then reads them from the memo."""
    todo: dict[str | None, list[str]] = {}
    for name, country in pairs:
        key = _memo_key(name, country)
        if key not in _MEMO:
            _MEMO[key] = None  # claimed; a name repeated in ``pairs`` is romanised once
            todo.setdefault(country, []).append(name)
    for country, names in todo.items():
        out: list = []
        try:
            out = list(_transliterator().transliterate_many(names, country=country))
        except Exception:  # noqa: BLE001 - a missing or failing romaniser must not stop a build
            pass
        for i, name in enumerate(names):
            got = out[i] if i < len(out) else None
            if isinstance(got, list):
                got = got[0] if got else None
            _MEMO[_memo_key(name, country)] = str(got) if got else transliterate(name)


@lru_cache(maxsize=1)
def _transliterator():
    """arabic-name-romanizer's transliterator with its model decoding name parts without padding."""
    from arabic_name_romanizer import Transliterator

    t = Transliterator()
    if t.model is not None:
        t.model = _Unpadded(t.model)
    if getattr(t, "persian_model", None) is not None:
        t.persian_model = _Unpadded(t.persian_model)
    return t


class _Unpadded:
    """The romaniser's unit model, fed batches of equally long name parts only. Its
    decoder reads the padding of a shorter part in a mixed batch ("الملز" is "Al-Malz"
    alone, "Al-Melz" beside a longer part), so a part's form would depend on which other
    names share its batch; bucketing by length makes every part's form its own, the same in
    a batch of thousands (a full link) as alone (a one-name increment)."""

    def __init__(self, inner):
        self.inner = inner
        self.uses_roles = getattr(inner, "uses_roles", True)
        try:
            from arabic_name_romanizer.inference import encode_source_ids
            self._encode = encode_source_ids
        except ImportError:  # another model class: characters are its tokens
            self._encode = None

    def transliterate_units(self, units, country, top_k, roles=None):
        roles = list(roles) if roles is not None else [None] * len(units)
        buckets: dict[int, list[int]] = {}
        for i, (u, r) in enumerate(zip(units, roles)):
            buckets.setdefault(self._length(u, country, r), []).append(i)
        out: list = [None] * len(units)
        for _, idx in sorted(buckets.items()):
            got = self.inner.transliterate_units([units[i] for i in idx], country, top_k,
                                                 roles=[roles[i] for i in idx])
            for i, h in zip(idx, got):
                out[i] = h
        return out

    def _length(self, unit: str, country, role) -> int:
        vocab = getattr(self.inner, "vocab", None)
        if self._encode is None or vocab is None:
            return len(unit)
        return len(self._encode(vocab, unit, country, role))


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
