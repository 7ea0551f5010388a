"""Look-ups over the store shared by the CLI and the web app."""

from __future__ import annotations

import re

from tahqiq.errors import TahqiqError
from tahqiq.model import Entity
from tahqiq.text.latin import arabic_skeleton, latin_key, latin_skeleton
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


class NoExactMatch(TahqiqError):
    """A query names no entity exactly (or several): says so and lists the closest candidates."""

    def __init__(self, query: str, candidates: list[Entity], ambiguous: bool = False):
        self.query = query
        self.candidates = candidates
        self.ambiguous = ambiguous
        if ambiguous:
            head = f"{query!r} names {len(candidates)} entities exactly; give one id"
        elif _ID.match(query.strip()):
            head = f"no entity has the id {query.strip()!r} (ids are listed by `tahqiq entities`)"
        else:
            head = f"no entity is named {query!r} (exactly, after normalisation)"
        if candidates:
            rows = "\n".join(f"  {e.id}  {e.type}  {e.name}" + (f"  ({e.latin})" if e.latin else "")
                             for e in candidates)
            super().__init__(f"{head}; closest:\n{rows}")
        else:
            super().__init__(f"{head}; no entity name is close to it")


_ID = re.compile(r"^e:[0-9a-f]{1,40}$", re.I)


def exact_entity(store: Store, query: str, max_candidates: int = 8) -> Entity:
    """The one entity ``query`` names exactly, else ``NoExactMatch`` listing the closest candidates
    (or, when several entities carry that very name, listing them: give an id)."""
    exact = exact_entities(store, query, max_candidates)
    if len(exact) > 1:
        raise NoExactMatch(query.strip(), exact[:max_candidates], ambiguous=True)
    return exact[0]


def exact_entities(store: Store, query: str, max_candidates: int = 8) -> list[Entity]:
    """Every entity ``query`` names exactly (most mentioned first), else ``NoExactMatch``.

    Exact means: the entity id (``e:…`` or its hex part); any of its Arabic name forms or aliases
    equal to the query after normalisation; for a Latin query, its stored romanisation (loose
    key) or the consonant skeleton of a whole Arabic name form. A containment, a prefix or a
    fuzzy likeness is never enough: a case file for the wrong entity is worse than none.
    """
    q_raw = query.strip()
    ents = store.entities()
    for e in ents:
        if e.id == q_raw or e.id == f"e:{q_raw}":
            return [e]
    if _ID.match(q_raw):  # an id that does not exist is an error, never a name search
        raise NoExactMatch(q_raw, [])
    q = norm(q_raw).strip()
    latin = bool(_LATIN.search(q_raw))
    exact: list[Entity] = []
    if q:
        for e in ents:
            forms = {norm(n).strip() for n in e.names + e.aliases + [e.name]}
            if q in forms or (latin and _latin_exact(e, q_raw)):
                exact.append(e)
    if not exact:
        raise NoExactMatch(q_raw, closest(ents, q_raw, max_candidates))
    return sorted(exact, key=lambda e: (-len(e.mentions), e.id))


def _latin_exact(e: Entity, query: str) -> bool:
    ql = latin_key(query)
    if ql and e.latin and ql == latin_key(e.latin):
        return True
    qs = latin_skeleton(query)
    return len("".join(qs)) >= 3 and any(arabic_skeleton(n) == qs for n in e.names + e.aliases + [e.name])


def closest(ents: list[Entity], query: str, n: int = 8) -> list[Entity]:
    """The entities whose names look most like ``query`` (containment first, then string likeness)."""
    from difflib import SequenceMatcher

    q = norm(query).strip()
    latin = bool(_LATIN.search(query))
    ql = latin_key(query) if latin else ""
    scored = []
    for e in ents:
        forms = [norm(x).strip() for x in e.names + e.aliases + [e.name]]
        if latin:
            forms += [latin_key(e.latin)] if e.latin else []
            key = ql
        else:
            key = q
        if not key:
            continue
        best = max((SequenceMatcher(None, key, f).ratio() + (0.4 if min(len(key), len(f)) >= 3
                                                              and (key in f or f in key) else 0)
                    for f in forms if f), default=0.0)
        if best >= 0.6:
            scored.append((-best, -len(e.mentions), e.id, e))
    return [e for *_, e in sorted(scored, key=lambda x: x[:3])[:n]]
