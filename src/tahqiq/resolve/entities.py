"""Baseline resolution: mentions -> entities across documents.

Rules (issue #5 refines them): a person is keyed by the matching form of their
fullest name; alias claims join a kunya to its person; within one document a
short form that equals the last tokens of a longer name already seen ("العلي"
after "أحمد العلي") joins it. Places key on their gazetteer entry, organisations
on the alias table's canonical name, everything else on the matching form.
Review decisions (merge/split of mentions) are applied last.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from tahqiq.model import Assertion, Entity, Mention, stable_id
from tahqiq.resolve.gazetteer import demonyms, organizations, places
from tahqiq.text.normalize import norm

_PROCLITIC_STRIP = ("و", "ف", "ب", "ل", "ك")


class _UF:
    def __init__(self) -> None:
        self.p: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.p.setdefault(x, x)
        while self.p[x] != x:
            self.p[x] = self.p[self.p[x]]
            x = self.p[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.p[max(ra, rb)] = min(ra, rb)


def mention_key(m: Mention) -> str:
    n = " ".join(norm(m.text).replace("#", " ").split())
    if m.type == "LOC":
        p = places().get(n) or (places().get(n[1:]) if n[:1] in _PROCLITIC_STRIP else None)
        return p.ref if p else f"LOC:{n}"
    if m.type == "ORG":
        o = organizations().get(n)
        return f"ORG:{norm(o.name)}" if o else f"ORG:{n}"
    if m.type == "NAT":
        return f"NAT:{demonyms().get(n) or n}"
    return f"{m.type}:{n}"


def resolve(mentions: list[Mention], assertions: list[Assertion],
            decisions: list[dict[str, Any]] = ()) -> tuple[list[Entity], dict[str, str]]:
    """Return entities and the mention -> entity map."""
    uf = _UF()
    by_id = {m.id: m for m in mentions}
    for m in mentions:
        uf.union(m.id, "k:" + mention_key(m))
    for a in assertions:
        if a.predicate == "alias" and a.object.get("mention") in by_id and a.subject in by_id:
            uf.union(a.subject, a.object["mention"])
    _surname_refs(mentions, uf)
    for d in decisions:
        if d["kind"] == "merge":
            ids = [i for i in d["target"].get("mentions", []) if i in by_id]
            for x in ids[1:]:
                uf.union(ids[0], x)
    groups: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        groups[uf.find(m.id)].append(m)
    entities: list[Entity] = []
    links: dict[str, str] = {}
    for ms in groups.values():
        e = _entity(ms, assertions)
        entities.append(e)
        for m in ms:
            links[m.id] = e.id
    return sorted(entities, key=lambda e: e.id), links


def _surname_refs(mentions: list[Mention], uf: _UF) -> None:
    by_doc: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        if m.type == "PER":
            by_doc[m.doc].append(m)
    for ms in by_doc.values():
        full = [m for m in ms if len(m.text.split()) >= 2]
        for m in ms:
            toks = norm(m.text).split()
            if len(toks) != 1:
                continue
            hits = {uf.find(f.id) for f in full if norm(f.text).split()[-1] == toks[0] and f.start < m.start}
            if len(hits) == 1:
                uf.union(m.id, hits.pop())


def _entity(ms: list[Mention], assertions: list[Assertion]) -> Entity:
    typ = max({m.type for m in ms}, key=lambda t: sum(1 for m in ms if m.type == t))
    key = mention_key(ms[0]) if typ != "PER" else None
    names = sorted({m.text for m in ms}, key=lambda n: (-len(n.split()), n))
    ids = {m.id for m in ms}
    aliases = sorted({a.object["text"] for a in assertions if a.predicate == "alias" and a.subject in ids})
    non_alias = [n for n in names if norm(n) not in {norm(a) for a in aliases}] or names
    name = non_alias[0]
    geo = None
    if typ == "LOC":
        p = places().get(norm(name)) or _place_of(ms)
        if p:
            geo = {"lat": p.lat, "lon": p.lon, "ref": p.ref} if p.lat is not None else {"ref": p.ref}
    if typ == "ORG":
        o = organizations().get(norm(name))
        if o:
            name = o.name
    if key is None:
        key = "PER:" + norm(name)
    return Entity(stable_id("e", typ, key), typ, name, _latin(name, typ), names, aliases, sorted(ids), geo)


def _place_of(ms: list[Mention]):
    for m in ms:
        n = norm(m.text)
        p = places().get(n) or (places().get(n[1:]) if n[:1] in _PROCLITIC_STRIP else None)
        if p:
            return p
    return None


def _latin(name: str, typ: str) -> str | None:
    if typ != "PER":
        return None
    try:
        from tahqiq.resolve.latin import romanize
    except ImportError:
        return None
    return romanize(name)
