"""Arabic personal names into their parts: kunya, ism, nasab, family name, nisba.

A name such as "أبو حمزة القرعاني" is a *kunya* ("father of Hamza") plus a
*nisba* (origin adjective); "عبد الهادي عبد اللطيف الحلوم" is an *ism*, a
*nasab* chain (father's name, grandfather's name …) and a family name.
Compound given names ("عبد الله", "عز الدين", "نصر الله") are one name part,
written with or without the space; the parser joins them ("عبدالله",
"عزالدين") so both spellings give the same key. Every part is in matching
form (``tahqiq.text.norm``: hamza, ى/ي, ة/ه folded), so spelling variants
that differ only there compare equal.

Invariant: parsing never guesses a person's identity; it only splits the
string. Deciding that two names are one person is ``resolve.persons``' job.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from tahqiq.text.normalize import norm

# Kunya heads in their case forms ("أبو", "أبي", "أبا") and "أم"; all fold to the nominative.
_KUNYA_HEADS = {"ابو": "ابو", "ابي": "ابو", "ابا": "ابو", "ام": "ام"}
# Connectors of a nasab chain ("محمد بن سلمان"): dropped, they carry no identity.
_CONNECTORS = {"بن", "ابن", "بنت"}
# Second halves of compound given names written as two words.
_COMPOUND_TAILS = {"الدين", "الله", "لله", "الاسلام", "العابدين"}
# "عبد" + a divine name; "عبد لله" is a frequent typo of "عبد الله".
_ABD = {"عبد", "عبيد"}
_PUNCT = re.compile(r"[^\w\s]")


@dataclass(frozen=True, slots=True)
class PersonName:
    """The parts of one written name, all in matching form.

    ``tokens`` is the whole name with compounds joined and connectors
    dropped; ``kunya`` is e.g. "ابو حمزه"; ``ism`` the first given name;
    ``nasab`` the chain between ism and family name; ``family`` the last
    part of a name that has an ism (or the lone part of a surname-only
    reference such as "العلي"); ``nisba`` the "ال…ي" adjectives and laqabs
    (nicknames) that are not the family name of a full name.
    """

    text: str
    tokens: tuple[str, ...]
    kunya: str | None = None
    ism: str | None = None
    nasab: tuple[str, ...] = ()
    family: str | None = None
    nisba: tuple[str, ...] = ()
    # The given-name chain: ism, nasab, family (no kunya, no kunya-nisba). Derived, stored once.
    core: tuple[str, ...] = field(init=False, default=())

    def __post_init__(self) -> None:
        object.__setattr__(self, "core", tuple(p for p in (self.ism, *self.nasab, self.family) if p))

    @property
    def key(self) -> str:
        """The whole name as one matching key ("عزالدين الاحمد")."""
        return " ".join(self.tokens)

    @property
    def is_full(self) -> bool:
        """Ism plus at least one more part: enough to name someone outside one article."""
        return self.ism is not None and len(self.core) >= 2

    @property
    def kunya_key(self) -> str | None:
        """Kunya with its nisba/laqab ("ابو حمزه القرعاني"); None for a kunya alone."""
        if self.kunya and self.nisba and self.ism is None:
            return " ".join((self.kunya, *self.nisba))
        return None

    @property
    def is_surname_only(self) -> bool:
        return self.ism is None and self.kunya is None and self.family is not None


def family_key(part: str) -> str:
    """Family name without the article, so "الحلوم" and "حلوم" compare equal."""
    return part[2:] if part.startswith("ال") and len(part) > 4 else part


def _join_compounds(words: list[str]) -> list[str]:
    out: list[str] = []
    i = 0
    while i < len(words):
        w = words[i]
        nxt = words[i + 1] if i + 1 < len(words) else None
        if w in _ABD and nxt is not None and nxt not in _CONNECTORS and nxt not in _KUNYA_HEADS:
            out.append(w + ("الله" if nxt == "لله" else nxt))
            i += 2
            continue
        if nxt in _COMPOUND_TAILS and w not in _KUNYA_HEADS and w not in _CONNECTORS and not w.startswith("ال"):
            out.append(w + ("الله" if nxt == "لله" else nxt))
            i += 2
            continue
        if w.startswith("عبدل") and len(w) > 4 and not w.startswith("عبدال"):
            w = "عبدال" + w[4:]  # "عبدلله" / "عبدللطيف" spellings of the joined compound
        out.append(w)
        i += 1
    return out


def _is_nisba(tok: str) -> bool:
    return tok.startswith("ال") and tok.endswith("ي") and len(tok) > 4


@lru_cache(maxsize=262_144)  # PersonName is frozen; a store holds each spelling many times
def parse_name(text: str) -> PersonName:
    """Split a written personal name into kunya, ism, nasab, family name and nisba."""
    words = [w for w in _PUNCT.sub(" ", norm(text).replace("#", " ")).split() if w]
    if words:
        words[0] = _KUNYA_HEADS.get(words[0], words[0])
    # Kunya first: the head and the (possibly compound) child's name after it.
    kunya = None
    if len(words) >= 2 and words[0] in ("ابو", "ام"):
        rest = _join_compounds(words[1:])
        kunya = f"{words[0]} {rest[0]}"
        words = rest[1:]
    else:
        words = _join_compounds(words)
    words = [w for w in words if w not in _CONNECTORS]
    tokens = tuple(([kunya] if kunya else []) + words)
    if kunya is not None:
        return _after_kunya(text, tokens, kunya, words)
    if not words:
        return PersonName(text, tokens)
    if len(words) == 1:
        w = words[0]
        if w.startswith("ال"):  # "العلي": a surname-only reference
            return PersonName(text, tokens, family=w)
        return PersonName(text, tokens, ism=w)
    nisba = tuple(w for w in words[1:] if _is_nisba(w))
    return PersonName(text, tokens, ism=words[0], nasab=tuple(words[1:-1]), family=words[-1], nisba=nisba)


def _after_kunya(text: str, tokens: tuple[str, ...], kunya: str, words: list[str]) -> PersonName:
    """After a kunya: either a laqab/nisba ("القرعاني", "شنان") or a full name ("أبو محمد خالد العلي")."""
    from tahqiq.data import given_names

    if len(words) >= 2 and not words[0].startswith("ال") and words[0] in given_names():
        inner = parse_name(" ".join(words))
        return PersonName(text, tokens, kunya=kunya, ism=inner.ism, nasab=inner.nasab,
                          family=inner.family, nisba=inner.nisba)
    return PersonName(text, tokens, kunya=kunya, nisba=tuple(words))


def is_subchain(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    """True when ``short`` is ``long`` with some middle (nasab) parts left out.

    Same first part (ism), same last part (family) unless ``short`` ends in a
    father's given name ("ماجد سليمان" inside "ماجد سليمان العيد"), and the
    rest in order. Different isms, or a middle name in ``short`` that
    ``long`` lacks, mean different people.
    """
    if not short or not long or len(short) > len(long) or short[0] != long[0]:
        return False
    if short == long:
        return True
    if len(short) >= 2 and family_key(short[-1]) == family_key(long[-1]):
        mid_s, mid_l = short[1:-1], long[1:-1]
    elif len(short) >= 2 and not short[-1].startswith("ال"):
        mid_s, mid_l = short[1:], long[1:-1]  # short ends in a father's name, not the family name
    else:
        return len(short) == 1
    it = iter(mid_l)
    return all(any(x == y for y in it) for x in mid_s)
