"""Contradictions: pairs of claims that cannot both be true, with the reason.

Conservative on purpose: a contradiction marks a claim ``contested`` and sends an
analyst to read the sources, so only clear conflicts count.

- ``origin``: two places both known to the gazetteer, in different countries or
  more than ``ORIGIN_KM`` apart (a village and its province's capital agree).
- ``nationality``: two different countries.
- ``age``: two numbers more than ``AGE_SLACK`` apart (reports a year apart differ by one).
- whereabouts (``WHEREABOUTS`` predicates): two places in different countries at
  overlapping dates, both dates stated, and no single document telling both (one
  report that says "fled to Azaz, then reached Turkey" tells a journey).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tahqiq.model import Claim, Entity
from tahqiq.vocabulary import WHEREABOUTS

if TYPE_CHECKING:
    from tahqiq.knowledge.gazetteer import Place
    from tahqiq.store import Store

ORIGIN_KM = 100.0
AGE_SLACK = 1


@dataclass(slots=True)
class Contradiction:
    a: Claim
    b: Claim
    reason: str


def find_contradictions(claims: Iterable[Claim], entities: Mapping[str, Entity] | Iterable[Entity] = ()
                        ) -> list[Contradiction]:
    """Every pair of conflicting claims about the same subject, in a stable order."""
    ents = entities if isinstance(entities, Mapping) else {e.id: e for e in entities}
    by_subject: dict[str, list[Claim]] = defaultdict(list)
    for c in claims:
        by_subject[c.subject].append(c)
    out: list[Contradiction] = []
    for subject in sorted(by_subject):
        cs = sorted(by_subject[subject], key=lambda c: (c.predicate, c.id))
        for x in range(len(cs)):
            for y in range(x + 1, len(cs)):
                reason = _conflict(cs[x], cs[y], ents)
                if reason:
                    out.append(Contradiction(cs[x], cs[y], reason))
    return out


def contradictions(store: Store) -> list[Contradiction]:
    """The contradictions in a built store."""
    return find_contradictions(store.claims(), store.entities())


def _conflict(a: Claim, b: Claim, ents: Mapping[str, Entity]) -> str | None:
    if a.predicate == b.predicate == "nationality":
        ca, cb = _country(a.object, ents), _country(b.object, ents)
        if ca and cb and ca != cb:
            return f"nationality: {_label(a.object, ents)} ≠ {_label(b.object, ents)}"
    elif a.predicate == b.predicate == "age":
        va, vb = _number(a.object), _number(b.object)
        if va is not None and vb is not None and abs(va - vb) > AGE_SLACK:
            return f"age: {va:g} ≠ {vb:g}"
    elif a.predicate == b.predicate == "origin":
        pa, pb = _place(a.object, ents), _place(b.object, ents)
        why = _apart(pa, pb)
        if why:
            return f"origin: {_label(a.object, ents)} ≠ {_label(b.object, ents)} ({why})"
    elif a.predicate in WHEREABOUTS and b.predicate in WHEREABOUTS:
        da, db = a.qualifiers.get("date"), b.qualifiers.get("date")
        if not (da and db and _overlap(str(da), str(db))):
            return None
        if {e.doc for e in a.evidence} & {e.doc for e in b.evidence}:
            return None
        pa, pb = _place(a.object, ents), _place(b.object, ents)
        if pa and pb and pa.country and pb.country and pa.country != pb.country:
            return (f"whereabouts at {min(da, db, key=len)}: {a.predicate} {_label(a.object, ents)} vs "
                    f"{b.predicate} {_label(b.object, ents)} (different countries)")
    return None


def _overlap(da: str, db: str) -> bool:
    """ISO dates of any precision ("2017", "2017-06", "2017-06-15") that can be the same time."""
    return da.startswith(db) or db.startswith(da)


def _label(obj: Mapping[str, Any], ents: Mapping[str, Entity]) -> str:
    if "entity" in obj:
        e = ents.get(obj["entity"])
        return e.name if e else obj["entity"]
    return str(obj.get("text", obj.get("value", "")))


def _number(obj: Mapping[str, Any]) -> float | None:
    v = obj.get("value")
    try:
        return float(v) if v is not None else None
    except (TypeError, ValueError):
        return None


def _names(obj: Mapping[str, Any], ents: Mapping[str, Entity]) -> list[str]:
    if "entity" in obj:
        e = ents.get(obj["entity"])
        return [e.name, *e.names] if e else []
    return [str(obj["text"])] if obj.get("text") else []


def _place(obj: Mapping[str, Any], ents: Mapping[str, Entity]) -> Place | None:
    from tahqiq.knowledge.gazetteer import lookup

    for n in _names(obj, ents):
        p = lookup(n)
        if p is not None:
            return p
    return None


def _country(obj: Mapping[str, Any], ents: Mapping[str, Entity]) -> str | None:
    if obj.get("country"):
        return str(obj["country"])
    p = _place(obj, ents)
    return p.country if p else None


def _apart(pa: Place | None, pb: Place | None) -> str | None:
    """Why two places cannot both be someone's origin, or None when they can."""
    if pa is None or pb is None or pa.ref == pb.ref:
        return None
    if pa.country and pb.country and pa.country != pb.country:
        return "different countries"
    if "country" in (pa.kind, pb.kind) or pa.lat is None or pb.lat is None or pa.lon is None or pb.lon is None:
        return None  # a country and a place in it, or no coordinates to compare
    km = _km(pa.lat, pa.lon, pb.lat, pb.lon)
    return f"{km:.0f} km apart" if km > ORIGIN_KM else None


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))
