"""The ``tahqiq/1`` JSON export (``spec/export-format.md``): a contract others depend on.

Fields may be added; none below is renamed or dropped without bumping FORMAT.
"""

from __future__ import annotations

from typing import Any

from tahqiq.store import Store

FORMAT = "tahqiq/1"


def export_dict(store: Store) -> dict[str, Any]:
    docs = store.documents()
    mentions = {m.id: m for m in store.mentions()}
    return {
        "format": FORMAT,
        "documents": [{
            "id": d.id, "source": d.source, "outlet": d.outlet, "published": d.published, "title": d.title,
            "byline": d.byline, "language": d.language, "sha256": d.sha256, "url": d.url, "text": d.text,
        } for d in docs],
        "entities": [{
            "id": e.id, "type": e.type, "name": e.name, "latin": e.latin, "names": e.names, "aliases": e.aliases,
            "mentions": [{"doc": m.doc, "start": m.start, "end": m.end, "text": m.text, "type": m.type}
                         for m in sorted((mentions[i] for i in e.mentions if i in mentions),
                                         key=lambda m: (m.doc, m.start))],
            **({"geo": e.geo} if e.geo else {}),
        } for e in store.entities()],
        "claims": [{
            "id": c.id, "subject": c.subject, "predicate": c.predicate, "object": c.object,
            "qualifiers": c.qualifiers,
            "evidence": [{"doc": ev.doc, "start": ev.start, "end": ev.end, "quote": ev.quote,
                          "attributed_to": ev.attributed_to, "hedged": ev.hedged} for ev in c.evidence],
            "independent_sources": c.independent_sources, "status": c.status,
        } for c in store.claims()],
        "reuse": [{
            "docs": [r.a, r.b], "similarity": r.similarity,
            "passages": [{"a": list(pa), "b": list(pb)} for pa, pb in r.passages],
        } for r in store.reuse()],
    }
