"""The store's writes: analysed documents (one transaction per batch, with their mentions,
assertions and fingerprints), the derived graph (replaced as a difference, or updated by a
``GraphDelta``), the append-only custody log, review decisions, the romanisation memo and meta;
and the build lock that makes builds of one store run one at a time."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, insert, select, update

from tahqiq.model import Analysis, Claim, Entity, Reuse
from tahqiq.store import schema as s
from tahqiq.store import search as fts
from tahqiq.store.rows import (_EV_COLS, StorePart, _assertion_row, _chunks, _claim_row, _delete_keys, _diff,
                              _entity_row, _evidence_rows, _insert, _now, _raw, _raw_cols, _reuse_row,
                              _unique, _write_lock, is_file_source)
from tahqiq.text.normalize import norm

_PG_BUILD_LOCK = 7_243_552  # session advisory lock id: one build of a store at a time


@dataclass(slots=True)
class GraphDelta:
    """What an incremental link changed. ``entities`` (new or recomputed) replace their stored
    rows; ``dropped`` entities go (merged into another); ``moved`` re-points every link of an old
    entity to its new one; ``links`` are new mentions' links; the claims of ``claim_subjects``
    are replaced by ``claims``; ``new_reuse`` pairs are added; the candidates of changed
    entities are replaced by ``candidates``; the changed entities' blocking keys are rewritten
    (``name_keys``); ``linked_docs`` are no longer waiting to be linked."""

    entities: list[Entity]
    dropped: set[str]
    links: dict[str, str]
    moved: dict[str, str]
    claim_subjects: set[str]
    claims: list[Claim]
    new_reuse: list[Reuse]
    candidates: list[tuple[str, str, float, str]]
    name_keys: dict[str, set[str]]
    linked_docs: Iterable[str] = ()


class StoreWriter(StorePart):
    """Every write of the knowledge base (reads are ``StoreReads``, ``LinkQueries``, ``views``)."""

    def add_analysis(self, a: Analysis, fingerprints: Iterable[tuple[int, str]] = ()) -> bool:
        """Store one analysed document atomically; False if it was already stored."""
        return bool(self.add_analyses([(a, fingerprints)]))

    def add_analyses(self, items: Iterable[tuple[Analysis, Iterable[tuple[int, str]]]],
                     history: dict[str, list[dict[str, Any]]] | None = None,
                     replace_edited: bool = False) -> list[str]:
        """Store analysed documents (with their mentions, assertions, fingerprints) in one
        transaction, one multi-row insert per table; returns the ids stored, in order,
        leaving out documents already present. Writers take a lock first, so ``seq``
        stays unique and in arrival order when several builds write at once. Each stored
        document's custody log starts with "ingested", or, for a document ``history`` holds
        (an imported export), with the custody events it carried.

        Each stored document is marked unlinked (in the same transaction) until a link
        covers it. With ``replace_edited`` (a build reading files), a document read from a
        file path that already holds another stored document (the article was edited)
        replaces that older version: its mentions, assertions and fingerprints go (its
        evidence record and custody log stay, the log noting "superseded" and by what), and
        the store is marked for a full relink, which drops its links, claims evidence and
        copied-text pairs (``replaced`` lists them)."""
        items = list(items)
        self.replaced = []
        if not items:
            return []
        with self.engine.begin() as c:
            _write_lock(c)
            ids = [a.doc.id for a, _ in items]
            present = set(c.execute(select(s.documents.c.id).where(s.documents.c.id.in_(ids))).scalars())
            paths = sorted({a.doc.source for a, _ in items if replace_edited and a.doc.id not in present
                            and is_file_source(a.doc.source)})
            old = [(i, src) for i, src in c.execute(select(s.documents.c.id, s.documents.c.source)
                                                   .where(s.documents.c.source.in_(paths)))
                   if i not in ids] if paths else []
            if old:
                gone = [(i,) for i, _ in old]
                for table in (s.mentions, s.assertions, s.fingerprints):
                    _delete_keys(c, table, ("doc",), gone)
                _delete_keys(c, s.unlinked, ("doc",), gone)
                _delete_keys(c, s.documents, ("id",), gone)
                c.execute(delete(s.meta).where(s.meta.c.key == "linked"))
                c.execute(insert(s.meta).values(key="linked", value=False))
                by_path = {a.doc.source: a.doc.id for a, _ in items}
                c.execute(insert(s.custody), [dict(doc=i, event="superseded", at=_now(),
                                                   detail={"source": src, "by": by_path.get(src)}) for i, src in old])
                self.replaced = old
            seq = c.execute(select(func.max(s.documents.c.seq))).scalar() or 0
            docs: list[dict] = []
            ments: list[dict] = []
            asserts: list[dict] = []
            fps: list[dict] = []
            recs: list[dict] = []
            logs: list[dict] = []
            now = _now()
            for a, fp in items:
                d = a.doc
                if d.id in present:
                    continue
                present.add(d.id)
                seq += 1
                docs.append(dict(id=d.id, source=d.source, outlet=d.outlet, published=d.published, title=d.title,
                                 byline=d.byline, language=d.language, url=d.url, sha256=d.sha256, text=d.text,
                                 norm_text=norm(d.text), removed=d.removed, seq=seq))
                ments += [dict(id=m.id, doc=m.doc, start=m.start, end=m.end, text=m.text, type=m.type,
                               source=m.source) for m in _unique(a.mentions)]
                asserts += [_assertion_row(x) for x in _unique(a.assertions)]
                fps += [dict(doc=d.id, band=b, key=k) for b, k in fp]
                rec = {**(d.record or {}), "sha256": d.sha256}
                recs.append(dict(doc=d.id, record=rec))
                if history and history.get(d.id):
                    logs += [dict(doc=d.id, event=str(ev["event"])[:24], at=str(ev["at"])[:32],
                                  detail=ev.get("detail")) for ev in history[d.id]]
                    continue
                logs.append(dict(doc=d.id, event="ingested", at=now, detail={
                    k: rec.get(k) for k in ("source", "url", "raw_sha256", "sha256", "captured", "produced_by")
                    if rec.get(k) is not None}))
            for table, rows in ((s.documents, docs), (s.mentions, ments), (s.assertions, asserts),
                                (s.fingerprints, fps), (s.records, recs), (s.custody, logs),
                                (s.unlinked, [dict(doc=r["id"]) for r in docs])):
                if rows:
                    c.execute(insert(table), rows)
        return [r["id"] for r in docs]

    def set_source(self, doc_id: str, source: str) -> None:
        """A stored article found at another path (the file was moved or renamed)."""
        with self.engine.begin() as c:
            c.execute(update(s.documents).where(s.documents.c.id == doc_id).values(source=source))

    @contextmanager
    def build_lock(self, on_wait=None) -> Iterator[None]:
        """Hold the store's build lock: builds (and relinks) of one store run one at a time,
        whatever process runs them. Re-entrant within this ``Store``; released by the
        operating system or the server when the holder dies. ``on_wait()`` is called once
        when another holder makes this one wait."""
        if self._lock_depth:
            self._lock_depth += 1
            try:
                yield
            finally:
                self._lock_depth -= 1
            return
        release = self._acquire(on_wait)
        self._lock_depth = 1
        try:
            yield
        finally:
            self._lock_depth = 0
            release()

    def _acquire(self, on_wait):
        if self.dialect == "postgresql":
            conn = self.engine.connect()
            got = conn.execute(select(func.pg_try_advisory_lock(_PG_BUILD_LOCK))).scalar()
            if not got:
                if on_wait:
                    on_wait()
                conn.execute(select(func.pg_advisory_lock(_PG_BUILD_LOCK)))
            conn.commit()

            def release():
                try:
                    conn.execute(select(func.pg_advisory_unlock(_PG_BUILD_LOCK)))
                    conn.commit()
                finally:
                    conn.close()
            return release
        path = self.engine.url.database if self.dialect == "sqlite" else None
        if not path or path == ":memory:" or path.startswith("file:") or os.name != "posix":
            return lambda: None
        import fcntl
        try:
            fh = open(path + ".build-lock", "a+b")
        except OSError:  # a read-only folder: no build can write there anyway
            return lambda: None
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            if on_wait:
                on_wait()
            fcntl.flock(fh, fcntl.LOCK_EX)

        def release():
            try:
                fcntl.flock(fh, fcntl.LOCK_UN)
            finally:
                fh.close()
        return release

    # ---- derived graph ------------------------------------------------------------------
    def replace_graph(self, entities: list[Entity], links: dict[str, str], claims: list[Claim],
                      reuse: list[Reuse] | None = None, candidates: Sequence[tuple[str, str, float, str]] = (),
                      name_keys: dict[str, set[str]] | None = None, linked_docs: Iterable[str] = ()) -> None:
        """Swap in a new entity/claim graph atomically. ``reuse=None`` keeps stored reuse rows.

        Written as a difference: rows equal to the stored ones are left alone, so the write
        cost of a rebuild follows what changed (a few new articles touch a few entities and
        claims), not the size of the store. Readers still see the old or the new graph."""
        ent_rows = {e.id: _entity_row(e) for e in entities}
        claim_rows = {x.id: _claim_row(x) for x in claims}
        ev_rows = {x.id: _evidence_rows(x) for x in claims}
        cand_rows = {(a, b): dict(a=a, b=b, score=sc, reason=r) for a, b, sc, r in candidates}
        with self.engine.begin() as c:
            _write_lock(c)
            drop, put = _diff(c, s.entities, ("id",), ent_rows)
            fts.delete_entities(c, [k[0] for k in drop])
            _delete_keys(c, s.entities, ("id",), drop)
            _insert(c, s.entities, [ent_rows[k[0]] for k in put])

            old_links = dict(c.execute(select(s.links.c.mention, s.links.c.entity)).all())
            _delete_keys(c, s.links, ("mention",), [(m,) for m, e in old_links.items() if links.get(m) != e])
            _insert(c, s.links, [dict(mention=m, entity=e) for m, e in links.items() if old_links.get(m) != e])

            drop, put = _diff(c, s.claims, ("id",), claim_rows)
            # A claim whose row is unchanged but whose evidence changed is rewritten too.
            old_ev: dict[str, list[tuple]] = {}
            for r in c.execute(select(*_raw_cols(s.evidence, _EV_COLS))):
                old_ev.setdefault(r[0], []).append(tuple(r))
            stale, fresh = {k for (k,) in drop}, set(put)
            for k, rows in ev_rows.items():
                if k not in stale and (k,) not in fresh and \
                        sorted(old_ev.get(k, [])) != sorted(_raw(s.evidence, r, _EV_COLS) for r in rows):
                    drop.append((k,))
                    put.append((k,))
            _delete_keys(c, s.evidence, ("claim",), drop)
            _delete_keys(c, s.claims, ("id",), drop)
            _insert(c, s.claims, [claim_rows[k[0]] for k in put])
            _insert(c, s.evidence, [r for (k,) in put for r in ev_rows[k]])

            drop, put = _diff(c, s.candidates, ("a", "b"), cand_rows)
            _delete_keys(c, s.candidates, ("a", "b"), drop)
            _insert(c, s.candidates, [cand_rows[k] for k in put])
            if name_keys is not None:
                c.execute(delete(s.name_keys))
                _insert(c, s.name_keys, [dict(key=k, entity=e) for e, ks in sorted(name_keys.items())
                                         for k in sorted(ks)])
            if reuse is not None:
                c.execute(delete(s.reuse))
                _insert(c, s.reuse, [_reuse_row(r) for r in reuse])
            _delete_keys(c, s.unlinked, ("doc",), [(d,) for d in sorted(set(linked_docs))])

    def update_graph(self, delta: GraphDelta) -> None:
        """Write what an incremental link changed (``GraphDelta``), in one transaction, touching
        only those rows."""
        entities, links, moved, claims = delta.entities, delta.links, delta.moved, delta.claims
        new_reuse, candidates, name_keys = delta.new_reuse, delta.candidates, delta.name_keys
        claim_subjects, linked_docs = delta.claim_subjects, delta.linked_docs
        dropped = set(delta.dropped)
        gone = sorted(dropped | {e.id for e in entities})
        ent_rows = [_entity_row(e) for e in entities]
        with self.engine.begin() as c:
            _write_lock(c)
            fts.delete_entities(c, gone)
            _delete_keys(c, s.entities, ("id",), [(x,) for x in gone])
            _insert(c, s.entities, ent_rows)
            # Two steps, so that chains and swaps (A -> B while B -> C) move each link once.
            for old, new in sorted(moved.items()):
                c.execute(update(s.links).where(s.links.c.entity == old).values(entity="~" + new))
            for new in sorted(set(moved.values())):
                c.execute(update(s.links).where(s.links.c.entity == "~" + new).values(entity=new))
            _delete_keys(c, s.links, ("mention",), [(m,) for m in sorted(links)])
            _insert(c, s.links, [dict(mention=m, entity=e) for m, e in links.items()])
            _delete_keys(c, s.name_keys, ("entity",), [(x,) for x in gone])
            _insert(c, s.name_keys, [dict(key=k, entity=e) for e, ks in sorted(name_keys.items()) for k in sorted(ks)])
            subjects = sorted(set(claim_subjects))
            old_claims: list[str] = []
            for chunk in _chunks(subjects):
                old_claims += c.execute(select(s.claims.c.id).where(s.claims.c.subject.in_(chunk))).scalars().all()
            _delete_keys(c, s.evidence, ("claim",), [(x,) for x in old_claims])
            _delete_keys(c, s.claims, ("id",), [(x,) for x in old_claims])
            _insert(c, s.claims, [_claim_row(x) for x in claims])
            _insert(c, s.evidence, [r for x in claims for r in _evidence_rows(x)])
            # Candidates of changed entities are replaced by this link's; those of a renamed or
            # merged-away entity follow it to its new id.
            kept: dict[tuple[str, str], tuple[float, str]] = {}
            cd = s.candidates
            for chunk in _chunks(gone):
                for a, b, sc, r in c.execute(select(cd.c.a, cd.c.b, cd.c.score, cd.c.reason)
                                             .where(cd.c.a.in_(chunk) | cd.c.b.in_(chunk))):
                    a, b = moved.get(a, a), moved.get(b, b)
                    if a != b and (a in moved.values() or b in moved.values()):
                        kept[(min(a, b), max(a, b))] = (sc, r)
                c.execute(delete(cd).where(cd.c.a.in_(chunk) | cd.c.b.in_(chunk)))
            kept.update(((a, b), (sc, r)) for a, b, sc, r in candidates)
            _delete_keys(c, cd, ("a", "b"), sorted(kept))
            _insert(c, cd, [dict(a=a, b=b, score=sc, reason=r) for (a, b), (sc, r) in sorted(kept.items())])
            _delete_keys(c, s.reuse, ("a", "b"), [(r.a, r.b) for r in new_reuse])
            _insert(c, s.reuse, [_reuse_row(r) for r in new_reuse])
            _delete_keys(c, s.unlinked, ("doc",), [(d,) for d in sorted(set(linked_docs))])

    def log_custody(self, event_name: str, docs: Iterable[str], detail: dict[str, Any] | None = None) -> int:
        """Append one custody event per document; the log is never updated or deleted."""
        rows = [dict(doc=d, event=event_name, at=_now(), detail=detail) for d in dict.fromkeys(docs)]
        if rows and self.media_readonly:  # read-only media: nothing can be appended; the caller says so
            self.unlogged += len(rows)
            return 0
        if rows:
            with self.engine.begin() as c:
                for chunk in _chunks(rows, 500):
                    c.execute(insert(s.custody), chunk)
        return len(rows)

    # ---- review decisions ------------------------------------------------------------------
    def add_decision(self, kind: str, target: dict[str, Any], note: str | None = None,
                     user: str | None = None, created: str | None = None, origin: str | None = None) -> int:
        """Record a decision and, in the same transaction, a "reviewed" custody event on every
        document whose mentions or assertions it names. ``created``: when it was first taken (an
        imported decision keeps its time); ``origin``: where an imported decision came from."""
        now = _now()
        with self.engine.begin() as c:
            r = c.execute(insert(s.decisions).values(kind=kind, target=target, note=note, user=user,
                                                     created=created or now))
            n = int(r.inserted_primary_key[0])  # type: ignore[index]  # an insert has a key
            docs = _docs_named(c, target)
            if docs:
                detail = {"decision": n, "kind": kind, "user": user}
                if origin:
                    detail.update(imported_from=origin, decided=created)
                c.execute(insert(s.custody), [dict(doc=d, event="reviewed", at=now, detail=detail) for d in docs])
            return n

    def save_romanizations(self, memo: dict[str, str | None]) -> None:
        """Add the memo's new entries and update changed ones (the memo only grows)."""
        with self.engine.begin() as c:
            have = {k: v for k, v in c.execute(select(s.romanizations.c.key, s.romanizations.c.latin))}
            new = [{"key": k, "latin": v} for k, v in memo.items() if k not in have]
            for k, v in memo.items():
                if k in have and have[k] != v:
                    c.execute(update(s.romanizations).where(s.romanizations.c.key == k).values(latin=v))
            for chunk in _chunks(new):
                c.execute(insert(s.romanizations), chunk)

    def set_meta(self, key: str, value: Any) -> None:
        with self.engine.begin() as c:
            c.execute(delete(s.meta).where(s.meta.c.key == key))
            c.execute(insert(s.meta).values(key=key, value=value))


def _ids_in(value: Any, out: set[str]) -> set[str]:
    if isinstance(value, str):
        if value[:2] in ("m:", "a:"):
            out.add(value)
    elif isinstance(value, dict):
        for v in value.values():
            _ids_in(v, out)
    elif isinstance(value, (list, tuple)):
        for v in value:
            _ids_in(v, out)
    return out


def _docs_named(c, target: Any) -> list[str]:
    """Documents of the mention and assertion ids anywhere in a decision's target."""
    ids = sorted(_ids_in(target, set()))
    docs: set[str] = set()
    for chunk in _chunks(ids):
        docs.update(c.execute(select(s.mentions.c.doc).where(s.mentions.c.id.in_(chunk))).scalars())
        docs.update(c.execute(select(s.assertions.c.doc).where(s.assertions.c.id.in_(chunk))).scalars())
    return sorted(docs)
