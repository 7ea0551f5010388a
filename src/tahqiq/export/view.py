"""A read-only view of one store state, shaped for people: dossiers, documents, stories, network.

The web app and the printable exports read the graph through this module so a
page and a case file never disagree. Everything here is plain data (no HTML):
templates do the rendering and the escaping.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from collections.abc import Mapping
from typing import Any

from tahqiq.components import Components
from tahqiq.model import Claim, Document, Entity, Evidence, Mention
from tahqiq.store import Store
# Re-exported for the pages and the dossier (they import them from here).
from tahqiq.vocabulary import (MOVEMENT, PREDICATE_LABELS, SECTIONS, STATUS_LABELS, Decision,  # noqa: F401
                               label, object_text)

CONTEXT_CHARS = 120


@dataclass
class EvidenceView:
    doc: str
    start: int
    end: int
    quote: str
    before: str
    after: str
    outlet: str | None
    published: str | None
    title: str | None
    source: str | None
    attributed: list[str]
    hedged: bool
    assertion: str
    cite: int = 0  # 1-based number of the document in the case file's source list


@dataclass
class ClaimView:
    id: str
    predicate: str
    label_ar: str
    label_en: str
    subject: str
    subject_name: str
    object_text: str
    object_entity: str | None
    qualifiers: dict[str, Any]
    status: str
    status_label: str
    independent_sources: int
    evidence: list[EvidenceView]
    review: str | None = None  # "confirmed" when a reviewer confirmed it

    @property
    def assertions(self) -> list[str]:
        return [e.assertion for e in self.evidence]


@dataclass
class Segment:
    """A run of document text with what covers it (at most one mention)."""

    text: str
    entity: str | None = None
    type: str | None = None
    copied: bool = False
    quoted: bool = False


@dataclass
class Movement:
    place: str
    place_name: str
    predicate: str
    label_ar: str
    date: str | None
    lat: float | None
    lon: float | None
    claim: str
    status: str


@dataclass
class Dossier:
    entity: Entity
    sections: list[tuple[str, str, list[ClaimView]]]
    about: list[ClaimView]  # claims where this entity is the object
    movements: list[Movement]
    documents: list[Document]
    decisions: list[Decision]
    rejected: list[Decision]
    mention_count: int
    doc_count: int
    mentions: list[Mention] = field(default_factory=list)

    @property
    def claims(self) -> list[ClaimView]:
        return [c for _, _, cs in self.sections for c in cs]


class Snapshot:
    """Lazily loaded, per-request view of the store (cheap to create, load once per use)."""

    def __init__(self, store: Store):
        self.store = store
        self._docs: dict[str, Document | None] = {}

    @classmethod
    def preloaded(cls, store: Store, **parts: Any) -> "Snapshot":
        """A snapshot whose tables are only the rows given (``entities``, ``claims``, ``mentions``,
        ``links``, ``doc_meta``, ``reuse``, ``decisions``): what one page needs, read by
        ``tahqiq.store.views`` instead of whole tables. Parts not given load lazily as usual."""
        snap = cls(store)
        snap.__dict__.update(parts)
        return snap

    @cached_property
    def reuse(self) -> list[Any]:
        return self.store.reuse()

    @cached_property
    def entities(self) -> dict[str, Entity]:
        return {e.id: e for e in self.store.entities()}

    @cached_property
    def claims(self) -> list[Claim]:
        return self.store.claims()

    @cached_property
    def mentions(self) -> dict[str, Mention]:
        return {m.id: m for m in self.store.mentions()}

    @cached_property
    def links(self) -> dict[str, str]:
        return self.store.links()

    @cached_property
    def doc_meta(self) -> dict[str, Document]:
        return {d.id: d for d in self.store.documents()}

    @cached_property
    def decisions(self) -> list[Decision]:
        return self.store.decisions()

    @cached_property
    def active(self) -> list[dict[str, Any]]:
        """The decisions in force (none undone; no undo rows)."""
        from tahqiq.resolve.review import active_decisions
        return active_decisions(self.decisions)

    @cached_property
    def confirmed(self) -> set[str]:
        """Assertion ids a reviewer confirmed (and did not reject later)."""
        state: dict[str, str] = {}
        for d in self.active:
            if d["kind"] in ("confirm_claim", "reject_claim"):
                for a in d["target"].get("assertions", []):
                    state[a] = d["kind"]
        return {a for a, k in state.items() if k == "confirm_claim"}

    def document(self, doc_id: str) -> Document | None:
        if doc_id not in self._docs:
            self._docs[doc_id] = self.doc_meta.get(doc_id) or self.store.document(doc_id)
        return self._docs[doc_id]

    def name(self, entity_id: str | None) -> str:
        e = self.entities.get(entity_id or "")
        return e.name if e else (entity_id or "")

    def object_text(self, obj: Mapping[str, Any]) -> str:
        return object_text(obj, self.name)

    def evidence_view(self, ev: Evidence) -> EvidenceView:
        d = self.document(ev.doc)
        text = d.text if d else ""
        before = text[max(0, ev.start - CONTEXT_CHARS):ev.start]
        after = text[ev.end:ev.end + CONTEXT_CHARS]
        attributed = [a.get("text", "") for a in ev.attributed_to if a.get("text")]
        return EvidenceView(ev.doc, ev.start, ev.end, ev.quote, before, after, d.outlet if d else None,
                            d.published if d else None, d.title if d else None, d.source if d else None,
                            attributed, ev.hedged, ev.assertion)

    def claim_view(self, c: Claim) -> ClaimView:
        ar, en = label(c.predicate)
        evs = [self.evidence_view(ev) for ev in c.evidence]
        review = "confirmed" if evs and all(e.assertion in self.confirmed for e in evs) else None
        return ClaimView(c.id, c.predicate, ar, en, c.subject, self.name(c.subject), self._object_of(c),
                         c.object.get("entity"), c.qualifiers, c.status, STATUS_LABELS.get(c.status, c.status),
                         c.independent_sources, evs, review)

    def _object_of(self, c: Claim) -> str:
        """An alias resolved onto its own person would read "X is called X": show the alias as quoted."""
        e = self.entities.get(c.subject)
        if c.predicate == "alias" and e and c.object.get("entity") == c.subject:
            seen = [a for a in e.aliases if any(a in ev.quote for ev in c.evidence)]
            return "، ".join(seen or e.aliases) or e.name
        return self.object_text(c.object)

    def claim(self, claim_id: str) -> Claim | None:
        return next((c for c in self.claims if c.id == claim_id), None)

    # ---- dossier ------------------------------------------------------------------------
    def dossier(self, entity_id: str) -> Dossier | None:
        e = self.entities.get(entity_id)
        if e is None:
            return None
        own = [self.claim_view(c) for c in self.claims if c.subject == e.id]
        about = [self.claim_view(c) for c in self.claims if c.object.get("entity") == e.id and c.subject != e.id]
        sections = []
        placed: set[str] = set()
        for key, title, preds in SECTIONS:
            cs = sorted((c for c in own if c.predicate in preds), key=lambda c: _claim_order(c, preds))
            placed.update(c.id for c in cs)
            if cs:
                sections.append((key, title, cs))
        rest = [c for c in own if c.id not in placed]
        if rest:
            sections.append(("other", "وقائع أخرى", rest))
        docs = _cite([c for _, _, cs in sections for c in cs] + about, self)
        ms = sorted((self.mentions[m] for m in e.mentions if m in self.mentions), key=lambda m: (m.doc, m.start))
        decisions = self.decisions_for(e, [c.assertions for c in own + about])
        live = {d["id"] for d in self.active}
        rejected = [d for d in decisions if d["kind"] == "reject_claim" and d["id"] in live]
        return Dossier(e, sections, about, self.movements(own), docs, decisions, rejected, len(ms),
                       len({m.doc for m in ms}), ms)

    def movements(self, claims: list[ClaimView]) -> list[Movement]:
        out = []
        for c in claims:
            if c.predicate not in MOVEMENT or not c.object_entity:
                continue
            place = self.entities.get(c.object_entity)
            geo = (place.geo or {}) if place else {}
            date = c.qualifiers.get("date") or min((e.published for e in c.evidence if e.published), default=None)
            out.append(Movement(c.object_entity, c.object_text, c.predicate, c.label_ar, date,
                                geo.get("lat"), geo.get("lon"), c.id, c.status))
        return sorted(out, key=lambda m: (m.date or "9999", MOVEMENT.index(m.predicate)))

    def decisions_for(self, e: Entity, assertion_groups: list[list[str]]) -> list[Decision]:
        """Review decisions that touch this entity: its mentions, its claims, or rejected claims about it."""
        mine = set(e.mentions)
        assertions = {a for g in assertion_groups for a in g}
        out = []
        for d in self.decisions:
            t = d["target"] or {}
            touched = set(t.get("mentions", [])) | set(t.get("a", [])) | set(t.get("b", []))
            if (mine & touched) or (assertions & set(t.get("assertions", []))) \
                    or t.get("entity") == e.id or e.id in t.get("entities", []) \
                    or (mine & set(t.get("subject_mentions", []))):
                out.append(d)
        return out

    # ---- documents ----------------------------------------------------------------------
    def segments(self, doc: Document) -> list[Segment]:
        """Split the text at every mention, copied-passage and quote boundary."""
        ms = sorted((m for m in self.mentions.values() if m.doc == doc.id), key=lambda m: (m.start, -m.end))
        kept: list[Mention] = []
        for m in ms:  # mentions should not overlap; keep the first if they do
            if not kept or m.start >= kept[-1].end:
                kept.append(m)
        copied = [p for r in self.reuse if doc.id in (r.a, r.b) for p in _passages_of(r, doc.id)]  # its own pairs only
        quoted = [(ev.start, ev.end) for c in self.claims for ev in c.evidence if ev.doc == doc.id]
        cuts = {0, len(doc.text)}
        for m in kept:
            cuts.update((m.start, m.end))
        for a, b in copied + quoted:
            cuts.update((max(0, a), min(len(doc.text), b)))
        cuts_sorted = sorted(cuts)
        out: list[Segment] = []
        mi = 0
        for a, b in zip(cuts_sorted, cuts_sorted[1:]):
            while mi < len(kept) and kept[mi].end <= a:
                mi += 1
            hit = kept[mi] if mi < len(kept) and kept[mi].start <= a and b <= kept[mi].end else None
            ent = self.links.get(hit.id) if hit else None
            out.append(Segment(doc.text[a:b], ent, hit.type if hit else None,
                               any(x <= a and b <= y for x, y in copied),
                               any(x <= a and b <= y for x, y in quoted)))
        return out

    def copies_of(self, doc_id: str) -> list[dict[str, Any]]:
        out = []
        for r in self.reuse:
            if doc_id not in (r.a, r.b):
                continue
            other = r.b if r.a == doc_id else r.a
            out.append({"doc": self.document(other), "similarity": r.similarity,
                        "passages": _passages_of(r, doc_id)})
        return out

    # ---- cross-document pages -----------------------------------------------------------
    def stories(self) -> tuple[list[list[Document]], list[Document]]:
        """Groups of documents sharing copied passages (connected components of reuse pairs)."""
        comp: Components[str] = Components()
        for r in self.reuse:
            comp.union(r.a, r.b)
        groups: dict[str, list[Document]] = defaultdict(list)
        for d in self.doc_meta.values():
            if d.id in comp:
                groups[comp.find(d.id)].append(d)
        stories = sorted((sorted(g, key=lambda d: (d.published or "", d.id)) for g in groups.values()),
                         key=lambda g: -len(g))
        alone = [d for d in self.doc_meta.values() if d.id not in comp]
        return stories, alone

    def contradictions(self) -> list[tuple[str, str, list[ClaimView]]]:
        """Conflicting pairs of claims (corroborate.contradictions): (subject, reason, [a, b])."""
        from tahqiq.corroborate.contradictions import find_contradictions

        return [(x.a.subject, x.reason, [self.claim_view(x.a), self.claim_view(x.b)])
                for x in find_contradictions(self.claims, self.entities)]

    def network(self, types: tuple[str, ...] = ("PER", "ORG")) -> dict[str, Any]:
        """Co-mention graph: entities of ``types`` linked when named in the same sentence."""
        from tahqiq.text.segment import sentences

        by_doc: dict[str, list[tuple[int, str]]] = defaultdict(list)
        for mid, eid in self.links.items():
            m = self.mentions.get(mid)
            e = self.entities.get(eid)
            if m and e and e.type in types:
                by_doc[m.doc].append((m.start, eid))
        weights: dict[tuple[str, str], int] = defaultdict(int)
        for doc_id, ms in by_doc.items():
            d = self.document(doc_id)
            if d is None:
                continue
            for s in sentences(d.text):
                ids = sorted({e for start, e in ms if s.start <= start < s.end})
                for i, a in enumerate(ids):
                    for b in ids[i + 1:]:
                        weights[(a, b)] += 1
        used = {x for pair in weights for x in pair}
        nodes = [{"id": e.id, "name": e.name, "latin": e.latin, "type": e.type, "mentions": len(e.mentions)}
                 for e in self.entities.values() if e.id in used]
        edges = [{"source": a, "target": b, "weight": w} for (a, b), w in sorted(weights.items())]
        return {"nodes": nodes, "edges": edges}


def _claim_order(c: ClaimView, preds: tuple[str, ...]):
    date = c.qualifiers.get("date") or min((e.published for e in c.evidence if e.published), default="")
    return (date or "9999", preds.index(c.predicate), c.id)


def _cite(claims: list[ClaimView], snap: Snapshot) -> list[Document]:
    """Number the cited documents in first-cited order and stamp each evidence with its number."""
    order: dict[str, int] = {}
    for c in claims:
        for e in c.evidence:
            if e.doc not in order:
                order[e.doc] = len(order) + 1
            e.cite = order[e.doc]
    return [d for d in (snap.document(i) for i in order) if d is not None]


def _passages_of(r, doc_id: str) -> list[tuple[int, int]]:
    return [tuple(pa if r.a == doc_id else pb) for pa, pb in r.passages]


def plot(movements: list[Movement], width: int = 640, height: int = 360, pad: int = 40) -> dict[str, Any]:
    """Offline map: an equirectangular plot of the located places, in SVG user units.

    Returns points (x, y, name, order numbers) and the route through them in
    time order; places without coordinates are listed apart by the caller.
    """
    located = [m for m in movements if m.lat is not None and m.lon is not None]
    if not located:
        return {"points": [], "route": "", "width": width, "height": height}
    lats = [m.lat for m in located if m.lat is not None]
    lons = [m.lon for m in located if m.lon is not None]
    span = max(max(lons) - min(lons), max(lats) - min(lats), 0.5)
    cx, cy = (max(lons) + min(lons)) / 2, (max(lats) + min(lats)) / 2
    scale = min(width - 2 * pad, height - 2 * pad) / span

    def xy(m: Movement) -> tuple[float, float]:
        assert m.lon is not None and m.lat is not None  # only located movements are placed
        return round(width / 2 + (m.lon - cx) * scale, 1), round(height / 2 - (m.lat - cy) * scale, 1)

    points: dict[str, dict[str, Any]] = {}
    route = []
    for i, m in enumerate(located, 1):
        x, y = xy(m)
        p = points.setdefault(m.place, {"x": x, "y": y, "name": m.place_name, "lat": m.lat, "lon": m.lon,
                                        "steps": []})
        p["steps"].append(i)
        route.append(f"{x},{y}")
    return {"points": list(points.values()), "route": " ".join(route) if len(route) > 1 else "",
            "width": width, "height": height}
