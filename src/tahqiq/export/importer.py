"""Load a ``tahqiq/1`` JSON export into a store (the inverse of ``export_dict``).

``load(export, store)`` checks the export against the contract before it writes
anything: every document's id is the hash of its text, every mention and
evidence span quotes that text, every reference points at something in the
export. A bad export raises ``InputError`` naming the item; a good one gives a
store whose export equals the input. Ids are deterministic, so loading the
same export twice changes nothing.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, cast

from tahqiq.errors import InputError
from tahqiq.export.jsonfmt import FORMAT
from tahqiq.model import Analysis, Claim, Document, Entity, Evidence, Mention, Reuse
from tahqiq.store import Store
from tahqiq.vocabulary import ClaimObject

__all__ = ["load", "read_export"]


def read_export(path: str | Path) -> dict[str, Any]:
    """Parse an export file; ``InputError`` if it is not JSON."""
    try:
        with open(path, encoding="utf-8") as fh:
            return json.load(fh)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
        raise InputError(str(path), f"not a readable tahqiq/1 JSON export ({e})") from None


def load(export: dict[str, Any] | str | Path, store: Store, source: str = "<export>") -> dict[str, int]:
    """Write the export's documents, mentions and graph into ``store``; returns counts."""
    if not isinstance(export, dict):
        source = str(export)
        export = read_export(export)
    try:
        docs, mentions, graph = _parse(export)
    except InputError:
        raise
    except (KeyError, TypeError, ValueError, AttributeError, IndexError) as e:
        raise InputError(source, f"does not follow {FORMAT} ({type(e).__name__}: {e})") from None
    by_doc: dict[str, list[Mention]] = {d.id: [] for d in docs}
    for m in mentions:
        by_doc[m.doc].append(m)
    history = {d["id"]: d["custody"] for d in export.get("documents") or []
               if isinstance(d.get("custody"), list) and d["custody"]}
    stored = store.add_analyses([(Analysis(d, mentions=by_doc[d.id]), ()) for d in docs], history=history)
    if stored:
        store.log_custody("imported", stored, {"from": source})
    entities, links, claims, reuse = graph
    store.replace_graph(entities, links, claims, reuse)
    if export.get("decisions"):
        from tahqiq.export.decisions import import_decisions
        import_decisions(store, {"format": FORMAT, "decisions": export["decisions"]}, relink=False, origin=source)
    store.set_meta("linked", True)
    return {"documents": len(docs), "mentions": len(mentions), "entities": len(entities),
            "claims": len(claims), "reuse": len(reuse)}


def _bad(what: str, problem: str) -> InputError:
    return InputError("<export>", f"{what}: {problem}")


def _str(x: Any, what: str) -> str:
    if not isinstance(x, str):
        raise _bad(what, f"expected a string, got {type(x).__name__}")
    return x


def _opt(x: Any, what: str) -> str | None:
    return None if x is None else _str(x, what)


def _span(text: str, start: Any, end: Any, what: str) -> tuple[int, int]:
    if not (isinstance(start, int) and isinstance(end, int)) or isinstance(start, bool) or isinstance(end, bool):
        raise _bad(what, "start/end must be integers")
    if not 0 <= start <= end <= len(text):
        raise _bad(what, f"span [{start}, {end}) is outside the document text ({len(text)} characters)")
    return start, end


def _parse(ex: dict[str, Any]):
    if ex.get("format") != FORMAT:
        raise _bad("format", f"expected {FORMAT!r}, got {ex.get('format')!r}")
    docs: list[Document] = []
    texts: dict[str, str] = {}
    for i, d in enumerate(ex.get("documents") or []):
        what = f"documents[{i}]"
        record = d.get("evidence_record") or {}
        if not isinstance(record, dict):
            raise _bad(what, "evidence_record must be a JSON object")
        doc = Document(text=_str(d["text"], what), source=_str(d["source"], what), outlet=_opt(d.get("outlet"), what),
                       published=_opt(d.get("published"), what), title=_opt(d.get("title"), what),
                       byline=_opt(d.get("byline"), what), language=_str(d.get("language") or "ar", what),
                       url=_opt(d.get("url"), what), record={k: v for k, v in record.items() if k != "sha256"})
        if record.get("sha256") not in (None, doc.sha256):
            raise _bad(what, "evidence_record.sha256 is not the hash of its text")
        custody = d.get("custody") or []
        if not isinstance(custody, list) or not all(isinstance(e, dict) and isinstance(e.get("event"), str)
                                                    and isinstance(e.get("at"), str) for e in custody):
            raise _bad(what, "custody must be a list of {event, at, detail} objects")
        if d.get("id") != doc.id:
            raise _bad(what, f"id {d.get('id')!r} is not the hash of its text ({doc.id})")
        if doc.id in texts:
            raise _bad(what, f"document {doc.id} appears twice")
        texts[doc.id] = doc.text
        docs.append(doc)
    entities, links, mentions = [], {}, {}
    for i, e in enumerate(ex.get("entities") or []):
        what = f"entities[{i}]"
        ids = []
        for j, m in enumerate(e.get("mentions") or []):
            w = f"{what}.mentions[{j}]"
            doc_id = _str(m["doc"], w)
            if doc_id not in texts:
                raise _bad(w, f"unknown document {doc_id}")
            s, t = _span(texts[doc_id], m["start"], m["end"], w)
            if texts[doc_id][s:t] != m["text"]:
                raise _bad(w, f"text {m['text']!r} is not what the document has there")
            mention = Mention(doc_id, s, t, m["text"], _str(m.get("type") or e["type"], w))
            if mention.id in links:
                raise _bad(w, "the same mention belongs to two entities")
            links[mention.id] = _str(e["id"], what)
            mentions[mention.id] = mention
            ids.append(mention.id)
        entities.append(Entity(_str(e["id"], what), _str(e["type"], what), _str(e["name"], what),
                               _opt(e.get("latin"), what), list(e.get("names") or []), list(e.get("aliases") or []),
                               sorted(ids), e.get("geo")))
    known = {e.id for e in entities}
    claims = []
    for i, c in enumerate(ex.get("claims") or []):
        what = f"claims[{i}]"
        if c["subject"] not in known:
            raise _bad(what, f"subject {c['subject']!r} is not an entity in the export")
        if not isinstance(c["object"], dict):
            raise _bad(what, "object must be a JSON object")
        evidence = []
        for j, ev in enumerate(c.get("evidence") or []):
            w = f"{what}.evidence[{j}]"
            doc_id = _str(ev["doc"], w)
            if doc_id not in texts:
                raise _bad(w, f"unknown document {doc_id}")
            s, t = _span(texts[doc_id], ev["start"], ev["end"], w)
            evidence.append(Evidence(doc_id, s, t, _str(ev["quote"], w), list(ev.get("attributed_to") or []),
                                     bool(ev.get("hedged", False)), ""))
        if not evidence:
            raise _bad(what, "a claim needs at least one evidence item")
        claims.append(Claim(_str(c["id"], what), c["subject"], _str(c["predicate"], what), cast(ClaimObject, c["object"]),
                            dict(c.get("qualifiers") or {}), evidence, int(c["independent_sources"]),
                            _str(c["status"], what)))
    reuse = []
    for i, r in enumerate(ex.get("reuse") or []):
        what = f"reuse[{i}]"
        a, b = r["docs"]
        if a not in texts or b not in texts:
            raise _bad(what, "a reuse pair names a document not in the export")
        reuse.append(Reuse(a, b, float(r["similarity"]),
                           [(tuple(p["a"]), tuple(p["b"])) for p in r.get("passages") or []]))
    return docs, list(mentions.values()), (entities, links, claims, reuse)
