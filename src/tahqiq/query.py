"""Look-ups over the store shared by the CLI and the web app."""

from __future__ import annotations

import re

from tahqiq.model import Entity
from tahqiq.resolve.latin import arabic_skeleton, latin_key, latin_skeleton
from tahqiq.store import Store
from tahqiq.text.normalize import norm

_LATIN = re.compile(r"[A-Za-z]")


def find_entities(store: Store, query: str) -> list[Entity]:
    """Entities by id, by any Arabic spelling (normalised) or by a Latin spelling; best first.

    A Latin query ("Hamid al-Nouri", "Nouri") matches the entity's stored
    romanisation loosely (``latin_key``) or, whatever romanisation the user
    chose, the consonant skeleton of any of its Arabic names.
    """
    ents = store.entities()
    for e in ents:
        if e.id == query or e.id == f"e:{query}":
            return [e]
    q = norm(query).strip()
    latin = bool(_LATIN.search(query))
    ql, qs = (latin_key(query), latin_skeleton(query)) if latin else ("", ())
    scored = []
    for e in ents:
        rank = _rank(e, q, ql, qs) if q else None
        if rank is not None:
            scored.append((rank, -len(e.mentions), e))
    return [e for _, _, e in sorted(scored, key=lambda x: (x[0], x[1], x[2].id))]


def _rank(e: Entity, q: str, ql: str, qs: tuple[str, ...]) -> int | None:
    forms = [norm(n) for n in e.names + e.aliases + [e.name]]
    if q in forms:
        return 0
    if any(q in f for f in forms):
        return 1
    if not qs:
        return None
    if e.latin and ql and (ql == latin_key(e.latin) or ql in latin_key(e.latin)):
        return 2
    joined = "".join(qs)
    skeletons = [arabic_skeleton(n) for n in e.names + e.aliases + [e.name]]
    if any("".join(s) == joined for s in skeletons):
        return 2
    if any(_contains(s, qs) for s in skeletons):
        return 3
    return None


def _contains(hay: tuple[str, ...], needle: tuple[str, ...]) -> bool:
    n = len(needle)
    return 0 < n <= len(hay) and any(hay[i:i + n] == needle for i in range(len(hay) - n + 1))
