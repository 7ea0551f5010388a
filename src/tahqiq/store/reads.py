"""The store's whole-store reads: documents, their rows and the derived graph as model objects,
evidence records, custody, decisions, meta and counts (what the export, a full link and the
command line read). The web pages' reads are ``store.views``; an incremental link's scoped
reads are ``store.link_queries``."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from typing import cast as typed

from sqlalchemy import func, select

from tahqiq.model import Assertion, Claim, Document, Entity, Evidence, Mention, Reuse
from tahqiq.store import schema as s
from tahqiq.store import search as fts
from tahqiq.store.rows import StorePart, _assertion, _chunks, _doc, _passage
from tahqiq.vocabulary import Candidate, Decision


class StoreReads(StorePart):
    """Reads of whole tables (or of one document) as model objects."""

    # ---- documents and per-document rows -------------------------------------------------
    def known_ids(self) -> set[str]:
        with self.engine.connect() as c:
            return set(c.execute(select(s.documents.c.id)).scalars())

    def has_document(self, doc_id: str) -> bool:
        with self.engine.connect() as c:
            return c.execute(select(s.documents.c.id).where(s.documents.c.id == doc_id)).first() is not None

    def sources(self) -> dict[str, str]:
        """Document id -> the path or URL it was read from."""
        with self.engine.connect() as c:
            return dict(c.execute(select(s.documents.c.id, s.documents.c.source)).all())

    def documents(self) -> list[Document]:
        with self.engine.connect() as c:
            rows = c.execute(select(s.documents).order_by(s.documents.c.seq)).mappings().all()
        return [_doc(r) for r in rows]

    def document(self, doc_id: str, prefix: bool = True) -> Document | None:
        """The document with this id (or ``d:`` + it); with ``prefix``, else the first whose id
        starts with it, read literally (``%`` and ``_`` are no wildcards)."""
        with self.engine.connect() as c:
            r = c.execute(select(s.documents).where(
                (s.documents.c.id == doc_id) | (s.documents.c.id == f"d:{doc_id}"))).mappings().first()
            if r is None and prefix and doc_id:
                lit = doc_id.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
                r = c.execute(select(s.documents).where(s.documents.c.id.like(f"{lit}%", escape="\\"))
                              .order_by(s.documents.c.id)).mappings().first()
        return _doc(r) if r else None

    def texts(self, ids: Iterable[str]) -> dict[str, str]:
        """Cleaned texts of documents by exact id (absent ids left out), a few queries in all."""
        ids = list(dict.fromkeys(ids))
        out: dict[str, str] = {}
        with self.engine.connect() as c:
            for k in range(0, len(ids), 500):
                q = select(s.documents.c.id, s.documents.c.text).where(s.documents.c.id.in_(ids[k:k + 500]))
                out.update((i, t) for i, t in c.execute(q))
        return out

    def document_ids(self) -> list[str]:
        with self.engine.connect() as c:
            return list(c.execute(select(s.documents.c.id).order_by(s.documents.c.seq)).scalars())

    def mentions(self, doc: str | None = None) -> list[Mention]:
        m = s.mentions
        q = select(m.c.doc, m.c.start, m.c.end, m.c.text, m.c.type, m.c.source)
        if doc:
            q = q.where(m.c.doc == doc)
        with self.engine.connect() as c:
            rows = c.execute(q.order_by(m.c.doc, m.c.start, m.c.end, m.c.type)).all()
        return [Mention(d, a, b, t, ty, src or "rule") for d, a, b, t, ty, src in rows]

    def assertions(self) -> list[Assertion]:
        with self.engine.connect() as c:
            rows = c.execute(select(s.assertions).order_by(s.assertions.c.doc, s.assertions.c.start,
                                                          s.assertions.c.id)).mappings().all()
        return [_assertion(r) for r in rows]

    def entities(self) -> list[Entity]:
        with self.snapshot() as c:
            rows = c.execute(select(s.entities).order_by(s.entities.c.type, s.entities.c.name, s.entities.c.id)).mappings().all()
            lk: dict[str, list[str]] = {}
            for m, e in c.execute(select(s.links.c.mention, s.links.c.entity)):
                lk.setdefault(e, []).append(m)
        return [Entity(r["id"], r["type"], r["name"], r["latin"], r["names"] or [], r["aliases"] or [],
                       sorted(lk.get(r["id"], [])), r["geo"]) for r in rows]

    def links(self) -> dict[str, str]:
        with self.engine.connect() as c:
            return dict(c.execute(select(s.links.c.mention, s.links.c.entity)).all())

    def claims(self) -> list[Claim]:
        with self.snapshot() as c:
            rows = c.execute(select(s.claims).order_by(s.claims.c.subject, s.claims.c.predicate, s.claims.c.id)).mappings().all()
            ev: dict[str, list[Evidence]] = {}
            for r in c.execute(select(s.evidence).order_by(s.evidence.c.doc, s.evidence.c.start, s.evidence.c.end,
                                                        s.evidence.c.assertion)).mappings():
                ev.setdefault(r["claim"], []).append(Evidence(r["doc"], r["start"], r["end"], r["quote"],
                                                              r["attributed_to"] or [], bool(r["hedged"]),
                                                              r["assertion"]))
        return [Claim(r["id"], r["subject"], r["predicate"], r["object"], r["qualifiers"] or {},
                      ev.get(r["id"], []), r["independent_sources"], r["status"]) for r in rows]

    def reuse(self) -> list[Reuse]:
        with self.engine.connect() as c:
            rows = c.execute(select(s.reuse).order_by(s.reuse.c.a, s.reuse.c.b)).mappings().all()
        return [Reuse(r["a"], r["b"], r["similarity"], [_passage(p) for p in r["passages"] or []])
                for r in rows]

    def candidates(self) -> list[Candidate]:
        with self.engine.connect() as c:
            return [Candidate(*r) for r in c.execute(select(s.candidates.c.a, s.candidates.c.b, s.candidates.c.score,
                                                       s.candidates.c.reason))]

    def search(self, query: str, limit: int = 20) -> list[fts.Hit]:
        """Entities, then documents, matching every word of ``query`` (normalised as the text is)."""
        return fts.search(self.engine, query, limit)

    # ---- evidence records and the chain of custody --------------------------------------
    def records(self, ids: Iterable[str] | None = None) -> dict[str, dict[str, Any]]:
        """Evidence records by document id (all, or those of ``ids``)."""
        out: dict[str, dict[str, Any]] = {}
        with self.engine.connect() as c:
            if ids is None:
                rows = c.execute(select(s.records)).mappings().all()
            else:
                rows = [r for chunk in _chunks(sorted(set(ids)))
                        for r in c.execute(select(s.records).where(s.records.c.doc.in_(chunk))).mappings()]
        for r in rows:
            out[r["doc"]] = r["record"] or {}
        return out

    def custody(self, docs: Iterable[str] | None = None) -> list[dict[str, Any]]:
        """Custody events (oldest first), of every document or of ``docs``."""
        with self.engine.connect() as c:
            if docs is None:
                rows = c.execute(select(s.custody).order_by(s.custody.c.id)).mappings().all()
            else:
                rows = sorted((r for chunk in _chunks(sorted(set(docs)))
                               for r in c.execute(select(s.custody).where(s.custody.c.doc.in_(chunk))).mappings()),
                              key=lambda r: r["id"])
        return [dict(r) for r in rows]

    def decisions(self) -> list[Decision]:
        with self.engine.connect() as c:
            return [typed(Decision, dict(r)) for r in c.execute(select(s.decisions).order_by(s.decisions.c.id)).mappings()]

    # ---- small key/value ------------------------------------------------------------------
    def get_meta(self, key: str, default: Any = None) -> Any:
        with self.engine.connect() as c:
            v = c.execute(select(s.meta.c.value).where(s.meta.c.key == key)).scalar()
        return default if v is None else v

    def counts(self, only: Iterable[str] | None = None) -> dict[str, int]:
        """Rows per table (``only``: just those tables)."""
        out = {}
        with self.engine.connect() as c:
            for name, t in (("documents", s.documents), ("mentions", s.mentions), ("entities", s.entities),
                            ("claims", s.claims), ("evidence", s.evidence), ("reuse", s.reuse)):
                if only is None or name in only:
                    out[name] = c.execute(select(func.count()).select_from(t)).scalar() or 0
        return out
