"""Look-ups over the store shared by the CLI and the web app."""

from __future__ import annotations

from tahqiq.model import Entity
from tahqiq.resolve.latin import latin_key
from tahqiq.store import Store
from tahqiq.text.normalize import norm


def find_entities(store: Store, query: str) -> list[Entity]:
    """Entities by id, by any Arabic spelling (normalised) or by a Latin form; best first."""
    ents = store.entities()
    for e in ents:
        if e.id == query or e.id == f"e:{query}":
            return [e]
    q = norm(query).strip()
    ql = latin_key(query)
    scored = []
    for e in ents:
        forms = [norm(n) for n in e.names + e.aliases + [e.name]]
        if q in forms:
            scored.append((0, -len(e.mentions), e))
        elif any(q and q in f for f in forms):
            scored.append((1, -len(e.mentions), e))
        elif ql and e.latin and (ql == latin_key(e.latin) or ql in latin_key(e.latin)):
            scored.append((2, -len(e.mentions), e))
    return [e for _, _, e in sorted(scored, key=lambda x: (x[0], x[1], x[2].id))]
