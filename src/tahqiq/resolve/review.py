"""Human review of resolution: list candidate pairs, record merge/split decisions.

A decision names mentions, not entities: mention ids hash the document's
content and the offsets, so they survive rebuilds, while an entity id may
change when its canonical name does. ``merge`` stores every mention of both
entities; ``split`` stores the two mention sets that must stay apart. The
graph is relinked at once so the decision shows immediately.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from tahqiq.errors import TahqiqError
from tahqiq.model import Entity
from tahqiq.store import Store
from tahqiq.text.normalize import norm


class ReviewError(TahqiqError):
    """A review command named something that is not in the store."""


@dataclass(frozen=True, slots=True)
class CandidateView:
    a: Entity
    b: Entity
    score: float
    reason: str


def candidates(store: Store) -> list[CandidateView]:
    """Open candidate pairs, most likely first."""
    ents = {e.id: e for e in store.entities()}
    out = [CandidateView(ents[a], ents[b], score, reason or "")
           for a, b, score, reason in store.candidates() if a in ents and b in ents]
    return sorted(out, key=lambda c: (-(c.score or 0), c.a.id, c.b.id))


def entity_ref(store: Store, ref: str, ents: dict[str, Entity] | None = None) -> Entity:
    """An entity by id, id prefix (as the CLI prints them) or exact name."""
    ents = ents if ents is not None else {e.id: e for e in store.entities()}
    if ref in ents or f"e:{ref}" in ents:
        return ents.get(ref) or ents[f"e:{ref}"]
    pref = ref.rstrip("…")
    hits = [e for i, e in ents.items() if i.startswith(pref) or i.startswith("e:" + pref)]
    if not hits:
        hits = [e for e in ents.values() if norm(ref) in {norm(n) for n in [e.name, *e.names]}]
    if len(hits) != 1:
        what = "no entity" if not hits else f"{len(hits)} entities"
        raise ReviewError(f"{what} match {ref!r}; use an id from `tahqiq entities` or `tahqiq candidates`")
    return hits[0]


def decide(store: Store, kind: str, a: str, b: str, note: str | None = None, user: str | None = None,
           relink: Callable[[Store], object] | None = None) -> int:
    """Record a ``merge`` or ``split`` of entities ``a`` and ``b``, then relink the graph with
    ``relink`` (the pipeline's ``link``; resolution sits below the pipeline, so it is passed in).

    ``split`` also takes an entity and one of its name forms (``b``): the
    mentions written that way are kept apart from the rest of the entity.
    """
    if kind not in ("merge", "split"):
        raise ReviewError(f"unknown decision {kind!r}: use merge or split")
    ents = {e.id: e for e in store.entities()}
    ea = entity_ref(store, a, ents)
    try:
        eb = entity_ref(store, b, ents)
        ma, mb = list(ea.mentions), list(eb.mentions)
        if kind == "split" and eb.id == ea.id:  # "split E NAME" where NAME is one of E's own forms
            raise ReviewError(b)
    except ReviewError:
        if kind != "split":
            raise
        eb = ea
        texts = {m.id: m.text for m in store.mentions() if m.id in set(ea.mentions)}
        mb = [m for m in ea.mentions if norm(texts.get(m, "")) == norm(b)]
        ma = [m for m in ea.mentions if m not in set(mb)]
        if not mb or not ma:
            raise ReviewError(f"{b!r} is neither an entity nor a part of {ea.name!r}'s names") from None
    if kind == "merge" and ea.id == eb.id:
        raise ReviewError("both names are already one entity")
    target = ({"mentions": sorted(set(ma) | set(mb)), "entities": [ea.id, eb.id]} if kind == "merge"
              else {"a": sorted(ma), "b": sorted(mb), "entities": [ea.id, eb.id]})
    n = store.add_decision(kind, target, note, user)
    if relink is not None:
        relink(store)
    return n


def cancelled_by(decisions: Sequence[Mapping[str, Any]]) -> dict[int, int]:
    """Decision id -> the id of the ``undo`` decision that cancels it. Read newest first, so an
    undo that was itself undone cancels nothing (undo, then redo by undoing the undo)."""
    out: dict[int, int] = {}
    for d in sorted(decisions, key=lambda d: d.get("id") or 0, reverse=True):
        if d.get("id") in out or d.get("kind") != "undo":
            continue
        target = (d.get("target") or {}).get("decision")
        if isinstance(target, int) and target not in out:
            out[target] = d["id"]
    return out


def active_decisions(decisions: Sequence[Mapping[str, Any]]) -> list[Any]:
    """The decisions in force: neither an undo nor cancelled by one (``cancelled_by``)."""
    gone = cancelled_by(decisions)
    return [d for d in decisions if d.get("kind") != "undo" and d.get("id") not in gone]
