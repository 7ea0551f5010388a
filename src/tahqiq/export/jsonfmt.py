"""The ``tahqiq/1`` JSON export (``spec/export-format.md``): a contract others depend on.

Fields may be added; none below is renamed or dropped without bumping FORMAT.
"""

from __future__ import annotations

from typing import Any

from tahqiq.export.decisions import decision_rows
from tahqiq.provenance import link_versions
from tahqiq.store import Store

FORMAT = "tahqiq/1"


def export_dict(store: Store, log_to: str | None = None) -> dict[str, Any]:
    """The export. ``log_to``: where it is being written (a path, "stdout", a URL): each exported
    document then gets an "exported" custody event saying so, before its log is read."""
    docs = store.documents()
    if log_to is not None:
        store.log_custody("exported", [d.id for d in docs], {"format": FORMAT, "to": log_to})
    mentions = {m.id: m for m in store.mentions()}
    records = store.records()
    custody: dict[str, list[dict[str, Any]]] = {}
    for ev in store.custody():
        custody.setdefault(ev["doc"], []).append({"event": ev["event"], "at": ev["at"], **(
            {"detail": ev["detail"]} if ev["detail"] else {})})
    made = {d: (r or {}).get("produced_by") for d, r in records.items()}
    derived = link_versions()
    return {
        "format": FORMAT,
        "documents": [{
            "id": d.id, "source": d.source, "outlet": d.outlet, "published": d.published, "title": d.title,
            "byline": d.byline, "language": d.language, "sha256": d.sha256, "url": d.url, "text": d.text,
            "evidence_record": _record(records.get(d.id), d), "custody": custody.get(d.id, []),
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
                          "attributed_to": ev.attributed_to, "hedged": ev.hedged,
                          "produced_by": made.get(ev.doc)} for ev in c.evidence],
            "independent_sources": c.independent_sources, "status": c.status,
            "produced_by": {**derived, "extraction": _distinct(made.get(ev.doc) for ev in c.evidence)},
        } for c in store.claims()],
        "reuse": [{
            "docs": [r.a, r.b], "similarity": r.similarity,
            "passages": [{"a": list(pa), "b": list(pb)} for pa, pb in r.passages],
        } for r in store.reuse()],
        "decisions": decision_rows(store),
    }


def _record(rec: dict[str, Any] | None, d) -> dict[str, Any]:
    """A document's evidence record; a store made before records existed still gets the text hash."""
    out = dict(rec or {})
    out.setdefault("sha256", d.sha256)
    for k in ("raw_sha256", "raw_bytes", "source", "url", "captured", "captured_basis", "produced_by"):
        out.setdefault(k, None)
    if out["source"] is None:
        out["source"] = d.source
    if out["url"] is None:
        out["url"] = d.url
    return out


def _distinct(items) -> list[Any]:
    out: list[Any] = []
    for x in items:
        if x is not None and x not in out:
            out.append(x)
    return out
