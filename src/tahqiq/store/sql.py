"""The store: SQLAlchemy Core over SQLite (default, WAL) or PostgreSQL (by URL).

Invariants: a document and all its mentions, assertions and fingerprints are
written in one transaction, so an interrupted build never leaves half a
document; derived tables are replaced in one transaction, so readers see the
old or the new graph, never a mix.
"""

from __future__ import annotations

import datetime as _dt
import json
import os
import re
import time
from collections.abc import Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any
from typing import cast as typed

from sqlalchemy import JSON, Boolean, Text, case, cast, create_engine, delete, event, false, func, insert, select, tuple_, update
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.exc import SQLAlchemyError

from tahqiq.errors import StoreError
from tahqiq.model import Analysis, Assertion, Claim, Document, Entity, Evidence, Mention, Reuse
from tahqiq.store import schema as s
from tahqiq.store import search as fts
from tahqiq.text.normalize import norm
from tahqiq.vocabulary import Candidate, Decision

DEFAULT_URL = "sqlite:///tahqiq.db"


def to_url(db: str | None) -> str:
    """Accept an SQLAlchemy URL or a plain file path (taken as SQLite)."""
    if not db:
        return os.environ.get("TAHQIQ_DB", DEFAULT_URL)
    if db.startswith(("postgresql://", "postgres://")):  # plain libpq URL: use psycopg 3
        return "postgresql+psycopg://" + db.split("://", 1)[1]
    if "://" in db:
        return db
    return f"sqlite:///{db}"


def open_store(db: str | None = None, readonly: bool = False) -> "Store":
    """The store at ``db``. ``readonly``: for commands that only read: nothing is created
    or migrated, a missing store is an error (not a new empty file), and a store on
    read-only media (or a file without write permission) is opened read-only."""
    return Store(to_url(db), readonly=readonly)


def db_problem(e: BaseException) -> str:
    """The database's own one-line reason for ``e``: never the SQL statement or its
    parameters (article text), never a PostgreSQL DETAIL line (row contents)."""
    orig = getattr(e, "orig", None) or e
    text = str(orig).strip().splitlines()
    return (text[0] if text else type(orig).__name__)[:300]


_FULL = ("database or disk is full", "no space left on device", "could not extend file", "disk full")
_CORRUPT = ("file is not a database", "database disk image is malformed", "file is encrypted")
_READONLY = ("attempt to write a readonly database", "readonly database", "read-only",
             "cannot execute", "unable to open database file")


def store_error(url: str, e: BaseException, doing: str = "use") -> StoreError:
    """A ``StoreError`` naming the store and what to do, from a database error."""
    why = db_problem(e)
    low = why.lower()
    if any(k in low for k in _FULL) or getattr(getattr(e, "orig", e), "errno", None) == 28:
        return StoreError(f"disk full writing the store {url} ({why}): free some space and rerun "
                          "(what was stored before is kept)")
    if any(k in low for k in _CORRUPT):
        return StoreError(f"{url} is not a tahqiq store or is damaged ({why}): restore it from a backup, "
                          "or give --db another file")
    if any(k in low for k in _READONLY):
        return StoreError(f"cannot write the store {url} ({why}): it is read-only; reading commands "
                          "(export, show, search, serve) still work, a build needs a writable copy")
    if "locked" in low or "busy" in low:
        return StoreError(f"the store {url} is locked by another process ({why}): rerun when it is done")
    return StoreError(f"cannot {doing} store {url}: {why}")


def _creation_race(e: BaseException) -> bool:
    """Another process created the same table or index a moment earlier."""
    low = db_problem(e).lower()
    return "already exists" in low or "pg_type_typname_nsp_index" in low or "duplicate key" in low


class Store:
    """All reads and writes of the knowledge base go through here."""

    def __init__(self, url: str, readonly: bool = False):
        self.url = url
        self.readonly = readonly
        self._lock_depth = 0
        self.replaced: list[tuple[str, str]] = []
        self.media_readonly = False  # opened read-only because the file or its folder cannot be written
        self.unlogged = 0  # custody events that could not be appended (read-only media)
        try:
            probe = make_url(url)
        except Exception as e:  # noqa: BLE001 - a malformed URL
            raise StoreError(f"cannot open store: malformed URL ({type(e).__name__})") from None
        shown = probe.render_as_string(hide_password=True)
        if probe.get_backend_name() == "sqlite" and probe.database not in (None, "", ":memory:") \
                and not probe.database.startswith("file:"):
            path = probe.database
            if readonly and not os.path.exists(path):
                raise StoreError(f"no store at {path}: build one first (tahqiq build ARTICLES --db {path})")
            if os.path.isdir(path):
                raise StoreError(f"{path} is a folder, not a store file: give --db a file name")
            if readonly and not (os.access(path, os.W_OK) and os.access(os.path.dirname(os.path.abspath(path)),
                                                                        os.W_OK)):
                # Read-only media: nothing may be written, not even SQLite's WAL index. Immutable
                # unless a write-ahead log still holds commits (then SQLite must read it).
                wal = path + "-wal"
                pending = os.path.exists(wal) and os.path.getsize(wal) > 0
                url = f"sqlite:///file:{path}?mode=ro{'' if pending else '&immutable=1'}&uri=true"
                self.media_readonly = True
        try:
            self.engine: Engine = create_engine(url, future=True)
        except ImportError as e:
            raise StoreError(f"cannot open store {shown!r}: {e}; for PostgreSQL install the driver: "
                             "pip install 'tahqiq[postgres]'") from None
        except (SQLAlchemyError, ValueError) as e:
            raise StoreError(f"cannot open store {shown!r}: {db_problem(e)}") from None
        self.url = self.engine.url.render_as_string(hide_password=True)  # shown to users: no secrets
        if "mode=ro" in self.url:
            self.url = shown
        self.connect_url = self.engine.url.render_as_string(hide_password=False)  # for worker processes
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas_ro if readonly else _sqlite_pragmas)
        try:
            if readonly:
                with self.engine.connect() as c:
                    if not self.engine.dialect.has_table(c, "documents"):
                        raise StoreError(f"{self.url} holds no tahqiq store (no documents table): build one "
                                         "first, or give --db another store")
            else:
                self._create_tables()
            self._check_schema()
        except StoreError:
            self.engine.dispose()
            raise
        except SQLAlchemyError as e:
            self.engine.dispose()
            raise store_error(self.url, e, "open") from None

    def _create_tables(self) -> None:
        """Create missing tables, indexes and full-text indexes; safe against another process
        doing the same at the same moment (its "already exists" is retried, then seen)."""
        for attempt in range(6):
            try:
                s.metadata.create_all(self.engine)
                with self.engine.begin() as c:  # indexes added since a store was made
                    for ix in list(s.assertions.indexes) + list(s.documents.indexes):
                        ix.create(c, checkfirst=True)
                fts.install(self.engine)
                _append_only(self.engine)
                return
            except SQLAlchemyError as e:
                if attempt == 5 or not _creation_race(e):
                    raise
                time.sleep(0.05 * (attempt + 1))

    def _check_schema(self) -> None:
        """Refuse a store written by a newer tahqiq; migrate an older one (when writable); stamp
        a new one with this schema."""
        found = self.get_meta("schema")
        if isinstance(found, int) and found > s.SCHEMA_VERSION:
            raise StoreError(f"{self.url} was written by a newer tahqiq (store schema {found}, this version reads "
                             f"up to {s.SCHEMA_VERSION}): upgrade tahqiq (pip install -U tahqiq)")
        if isinstance(found, int) and found < s.SCHEMA_VERSION and not self.readonly:
            self._migrate(found)
            return
        if found is None and not self.readonly:
            try:
                with self.engine.begin() as c:
                    c.execute(insert(s.meta).values(key="schema", value=s.SCHEMA_VERSION))
            except SQLAlchemyError as e:
                if not _creation_race(e) and "unique" not in db_problem(e).lower():
                    raise

    def _migrate(self, found: int) -> None:
        """Bring a store of schema ``found`` to this version, one step a transaction; the missing
        tables were created already (``_create_tables``), each step moves data and restamps."""
        for version in range(found, s.SCHEMA_VERSION):
            with self.engine.begin() as c:
                _write_lock(c)
                now = c.execute(select(s.meta.c.value).where(s.meta.c.key == "schema")).scalar()
                if now != version:  # another process migrated meanwhile
                    continue
                MIGRATIONS[version](c)
                c.execute(update(s.meta).where(s.meta.c.key == "schema").values(value=version + 1))

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def close(self) -> None:
        self.engine.dispose()

    @contextmanager
    def snapshot(self) -> Iterator[Connection]:
        """A connection whose reads all see one committed state (the old graph or the new).

        pysqlite opens no transaction for SELECTs, so two SELECTs could straddle a
        writer's commit (claims of one graph, evidence of the next): an explicit BEGIN
        pins one WAL snapshot. PostgreSQL's READ COMMITTED snapshots per statement too."""
        with self.engine.connect() as c:
            if self.dialect == "sqlite":
                c.exec_driver_sql("BEGIN")
            elif self.dialect == "postgresql":
                c.exec_driver_sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            yield c

    # ---- documents and per-document rows -------------------------------------------------
    def known_ids(self) -> set[str]:
        with self.engine.connect() as c:
            return set(c.execute(select(s.documents.c.id)).scalars())

    def has_document(self, doc_id: str) -> bool:
        with self.engine.connect() as c:
            return c.execute(select(s.documents.c.id).where(s.documents.c.id == doc_id)).first() is not None

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

    def unlinked_docs(self) -> list[str]:
        """Documents stored but not yet covered by a link (this build's, or an interrupted
        or concurrent build's), in ingest order."""
        with self.engine.connect() as c:
            return list(c.execute(select(s.unlinked.c.doc).join(s.documents, s.documents.c.id == s.unlinked.c.doc)
                                  .order_by(s.documents.c.seq)).scalars())

    def sources(self) -> dict[str, str]:
        """Document id -> the path or URL it was read from."""
        with self.engine.connect() as c:
            return dict(c.execute(select(s.documents.c.id, s.documents.c.source)).all())

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

    def mention_contexts(self, type: str = "PER", width: int = 24, docs: Iterable[str] | None = None
                         ) -> dict[str, str]:
        """Mention id -> up to ``width`` characters of text just before it (cut in SQL, not in
        Python); with ``docs``, for those documents only."""
        m, d = s.mentions, s.documents
        start = case((m.c.start > width, m.c.start - width + 1), else_=1)
        length = case((m.c.start > width, width), else_=m.c.start)
        q = (select(m.c.doc, m.c.start, m.c.end, m.c.type, func.substr(d.c.text, start, length))
             .join(d, d.c.id == m.c.doc).where(m.c.type == type))
        out: dict[str, str] = {}
        with self.engine.connect() as c:
            for chunk in ([None] if docs is None else _chunks(sorted(set(docs)))):
                qq = q if chunk is None else q.where(m.c.doc.in_(chunk))
                out.update((Mention(doc, a, b, "", t).id, before or "") for doc, a, b, t, before in c.execute(qq))
        return out

    def assertions(self) -> list[Assertion]:
        with self.engine.connect() as c:
            rows = c.execute(select(s.assertions).order_by(s.assertions.c.doc, s.assertions.c.start,
                                                          s.assertions.c.id)).mappings().all()
        return [_assertion(r) for r in rows]

    # ---- scoped reads: what an incremental link needs, never the whole store ---------------
    def mentions_in(self, docs: Iterable[str]) -> list[Mention]:
        """Mentions of these documents, in (doc, start) order."""
        m = s.mentions
        out: list[Mention] = []
        with self.engine.connect() as c:
            for chunk in _chunks(sorted(set(docs))):
                q = select(m.c.doc, m.c.start, m.c.end, m.c.text, m.c.type, m.c.source).where(m.c.doc.in_(chunk))
                out += [Mention(d, a, b, t, ty, src or "rule") for d, a, b, t, ty, src in c.execute(q)]
        return sorted(out, key=lambda x: (x.doc, x.start, x.end, x.type))

    def assertions_in(self, docs: Iterable[str]) -> list[Assertion]:
        """Assertions of these documents, in (doc, start) order."""
        out: list[Assertion] = []
        with self.engine.connect() as c:
            for chunk in _chunks(sorted(set(docs))):
                out += [_assertion(r) for r in c.execute(
                    select(s.assertions).where(s.assertions.c.doc.in_(chunk))).mappings()]
        return sorted(out, key=lambda a: (a.doc, a.evidence.start, a.id))

    def assertions_about(self, entities: Iterable[str]) -> list[tuple[str, Assertion]]:
        """(entity, assertion) for every assertion whose subject mention is linked to one of
        ``entities`` (a join on the subject index, not a scan)."""
        a, lk = s.assertions, s.links
        out: list[tuple[str, Assertion]] = []
        with self.engine.connect() as c:
            for chunk in _chunks(sorted(set(entities))):
                q = select(lk.c.entity, a).join(lk, lk.c.mention == a.c.subject).where(lk.c.entity.in_(chunk))
                out += [(r["entity"], _assertion(r)) for r in c.execute(q).mappings()]
        return out

    def entity_docs(self, entities: Iterable[str]) -> dict[str, set[str]]:
        """Per entity, the documents that mention it."""
        m, lk = s.mentions, s.links
        out: dict[str, set[str]] = {}
        with self.engine.connect() as c:
            for chunk in _chunks(sorted(set(entities))):
                for e, d in c.execute(select(lk.c.entity, m.c.doc).join(lk, lk.c.mention == m.c.id)
                                      .where(lk.c.entity.in_(chunk)).distinct()):
                    out.setdefault(e, set()).add(d)
        return out

    def mention_rows(self, ids: Iterable[str]) -> dict[str, Mention]:
        m = s.mentions
        out: dict[str, Mention] = {}
        with self.engine.connect() as c:
            for chunk in _chunks(sorted(set(ids))):
                for mid, d, a, b, t, ty, src in c.execute(select(m.c.id, m.c.doc, m.c.start, m.c.end, m.c.text,
                                                                 m.c.type, m.c.source).where(m.c.id.in_(chunk))):
                    out[mid] = Mention(d, a, b, t, ty, src or "rule")
        return out

    def entity_counts(self, entities: Iterable[str]) -> dict[str, tuple[dict[tuple[str, str], int], str]]:
        """Per entity: how often each (text, stored type) of its mentions occurs, and its
        smallest mention id; counted in SQL, so a place named 40,000 times costs a few rows."""
        m, lk = s.mentions, s.links
        out: dict[str, tuple[dict[tuple[str, str], int], str]] = {}
        with self.engine.connect() as c:
            for chunk in _chunks(sorted(set(entities))):
                q = (select(lk.c.entity, m.c.text, m.c.type, func.count(), func.min(m.c.id))
                     .join(lk, lk.c.mention == m.c.id).where(lk.c.entity.in_(chunk))
                     .group_by(lk.c.entity, m.c.text, m.c.type))
                for e, text, typ, n, first in c.execute(q):
                    counts, low = out.get(e, ({}, first))
                    counts[(text, typ)] = n
                    out[e] = (counts, min(low, first))
        return out

    def entity_lows(self, ids: Iterable[str]) -> dict[str, str]:
        """Stored entity id -> its smallest mention id, for those of ``ids`` that are stored."""
        lk = s.links
        out: dict[str, str] = {}
        with self.engine.connect() as c:
            for chunk in _chunks(sorted(set(ids))):
                out.update(c.execute(select(lk.c.entity, func.min(lk.c.mention)).where(lk.c.entity.in_(chunk))
                                     .group_by(lk.c.entity)).all())
        return out

    def entity_rows(self, ids: Iterable[str]) -> dict[str, Entity]:
        """Stored entities by id, without their mention lists."""
        out: dict[str, Entity] = {}
        with self.engine.connect() as c:
            for chunk in _chunks(sorted(set(ids))):
                for r in c.execute(select(s.entities).where(s.entities.c.id.in_(chunk))).mappings():
                    out[r["id"]] = Entity(r["id"], r["type"], r["name"], r["latin"], r["names"] or [],
                                          r["aliases"] or [], [], r["geo"])
        return out

    def links_for(self, mentions: Iterable[str]) -> dict[str, str]:
        out: dict[str, str] = {}
        with self.engine.connect() as c:
            for chunk in _chunks(sorted(set(mentions))):
                out.update(c.execute(select(s.links.c.mention, s.links.c.entity)
                                     .where(s.links.c.mention.in_(chunk))).all())
        return out

    def entities_with_keys(self, keys: Iterable[str]) -> dict[str, set[str]]:
        """Blocking key -> stored entities whose names give it (the ``name_keys`` table)."""
        return self._name_keys(s.name_keys.c.key, s.name_keys.c.entity, keys)

    def name_keys_of(self, entities: Iterable[str]) -> dict[str, set[str]]:
        """Entity -> its blocking keys (the reverse of ``entities_with_keys``)."""
        return self._name_keys(s.name_keys.c.entity, s.name_keys.c.key, entities)

    def _name_keys(self, by, other, values: Iterable[str]) -> dict[str, set[str]]:
        out: dict[str, set[str]] = {}
        with self.engine.connect() as c:
            for chunk in _chunks(sorted(set(values))):
                for v, o in c.execute(select(by, other).where(by.in_(chunk))):
                    out.setdefault(v, set()).add(o)
        return out

    def claim_subjects_with_objects(self, entities: Iterable[str]) -> set[str]:
        """Subjects of stored claims whose object is one of ``entities``."""
        ents = set(entities)
        if not ents:
            return set()
        cl = s.claims
        with self.engine.connect() as c:
            rows = c.execute(select(cl.c.subject, cast(cl.c.object, Text))
                             .where(cast(cl.c.object, Text).like('%"entity"%'))).all()
        return {subj for subj, obj in rows if json.loads(obj).get("entity") in ents}

    def fingerprints(self) -> Iterator[tuple[str, int, str]]:
        with self.engine.connect() as c:
            yield from c.execute(select(s.fingerprints.c.doc, s.fingerprints.c.band, s.fingerprints.c.key))

    def candidate_doc_pairs(self, new_docs: Iterable[str] | None = None, max_df: int | None = None,
                            min_shared: int = 1) -> set[tuple[str, str]]:
        """Pairs of documents sharing at least ``min_shared`` MinHash band keys (SQL self-join,
        no in-memory index). Keys held by more than ``max_df`` documents (stock phrases) are
        skipped, which also bounds the join: no key yields more than max_df**2 / 2 pairs."""
        f, f1, f2 = s.fingerprints, s.fingerprints.alias("f1"), s.fingerprints.alias("f2")
        new = set(new_docs) if new_docs is not None else None
        keys = select(f.c.band, f.c.key)
        if new is not None and len(new) <= _IN_LIMIT:
            # Incremental: a new document can only pair through its own keys, so the join
            # starts from those and its cost follows the new documents, not the store.
            if not new:
                return set()
            mine = select(f.c.band, f.c.key).where(f.c.doc.in_(sorted(new))).distinct().subquery("mine")
            keys = keys.select_from(f.join(mine, (f.c.band == mine.c.band) & (f.c.key == mine.c.key)))
        keys = keys.group_by(f.c.band, f.c.key).having(func.count() >= 2)
        if max_df is not None:
            keys = keys.having(func.count() <= max_df)
        k = keys.subquery("k")
        q = (select(f1.c.doc, f2.c.doc)
             .select_from(k.join(f1, (f1.c.band == k.c.band) & (f1.c.key == k.c.key))
                          .join(f2, (f2.c.band == k.c.band) & (f2.c.key == k.c.key) & (f1.c.doc < f2.c.doc)))
             .group_by(f1.c.doc, f2.c.doc).having(func.count() >= min_shared))
        with self.engine.connect() as c:
            pairs = {(a, b) for a, b in c.execute(q)}
        if new is not None:
            pairs = {p for p in pairs if p[0] in new or p[1] in new}
        return pairs

    def common_fingerprints(self, min_df: int, docs: Collection[str] | None = None) -> list[tuple[int, str]]:
        """(band, key) rows held by at least ``min_df`` documents: stock phrases, not copying.
        With ``docs``, only the keys those documents hold (a join on the key index, so the
        cost follows those documents, not the store)."""
        f = s.fingerprints
        q = select(f.c.band, f.c.key).group_by(f.c.band, f.c.key).having(func.count() >= min_df)
        with self.engine.connect() as c:
            if docs is None or len(docs) > _IN_LIMIT:
                return [(b, k) for b, k in c.execute(q)]
            out: set[tuple[int, str]] = set()
            for chunk in _chunks(sorted(set(docs))):
                mine = select(f.c.band, f.c.key).where(f.c.doc.in_(chunk)).distinct().subquery("mine")
                q = (select(f.c.band, f.c.key)
                     .select_from(f.join(mine, (f.c.band == mine.c.band) & (f.c.key == mine.c.key)))
                     .group_by(f.c.band, f.c.key).having(func.count() >= min_df))
                out |= {(b, k) for b, k in c.execute(q)}
            return sorted(out)

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

    def decisions(self) -> list[Decision]:
        with self.engine.connect() as c:
            return [typed(Decision, dict(r)) for r in c.execute(select(s.decisions).order_by(s.decisions.c.id)).mappings()]

    # ---- small key/value ------------------------------------------------------------------
    def get_meta(self, key: str, default: Any = None) -> Any:
        with self.engine.connect() as c:
            v = c.execute(select(s.meta.c.value).where(s.meta.c.key == key)).scalar()
        return default if v is None else v

    def romanizations(self) -> dict[str, str | None]:
        """The romanisation memo (``text.latin.memo``) stored by earlier links."""
        with self.engine.connect() as c:
            return {k: v for k, v in c.execute(select(s.romanizations.c.key, s.romanizations.c.latin))}

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

    def counts(self, only: Iterable[str] | None = None) -> dict[str, int]:
        """Rows per table (``only``: just those tables)."""
        out = {}
        with self.engine.connect() as c:
            for name, t in (("documents", s.documents), ("mentions", s.mentions), ("entities", s.entities),
                            ("claims", s.claims), ("evidence", s.evidence), ("reuse", s.reuse)):
                if only is None or name in only:
                    out[name] = c.execute(select(func.count()).select_from(t)).scalar() or 0
        return out

    def reuse_for(self, docs: Iterable[str]) -> list[Reuse]:
        """Stored reuse pairs with at least one of ``docs``."""
        r = s.reuse
        out: dict[tuple[str, str], Reuse] = {}
        with self.engine.connect() as c:
            for chunk in _chunks(sorted(set(docs))):
                for row in c.execute(select(r).where(r.c.a.in_(chunk) | r.c.b.in_(chunk))).mappings():
                    out[(row["a"], row["b"])] = Reuse(row["a"], row["b"], row["similarity"],
                                                      [_passage(p) for p in row["passages"] or []])
        return [out[k] for k in sorted(out)]


_IN_LIMIT = 20_000  # most ids bound in one IN list (SQLite allows 32766 parameters, PostgreSQL 65535)
_PG_WRITE_LOCK = 7_243_551  # advisory lock id: one writer of per-document rows at a time
_PG_BUILD_LOCK = 7_243_552  # session advisory lock id: one build of a store at a time


def is_file_source(source: str) -> bool:
    """A document read from a whole file (its path names it alone): not stdin, not a URL,
    not one line of a JSONL file. Only such a source is replaced by an edited version."""
    return bool(source) and not source.startswith("<") and "://" not in source \
        and not re.search(r":\d+$", source)


def _now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")


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


def _append_only(engine: Engine) -> None:
    """Triggers that refuse to rewrite or erase the custody log."""
    with engine.begin() as c:
        if engine.dialect.name == "sqlite":
            for op in ("UPDATE", "DELETE"):
                c.exec_driver_sql(
                    f"CREATE TRIGGER IF NOT EXISTS custody_no_{op.lower()} BEFORE {op} ON custody "
                    "BEGIN SELECT RAISE(ABORT, 'the custody log is append-only'); END")
        elif engine.dialect.name == "postgresql":  # idempotent, and safe when two processes race
            c.exec_driver_sql("""
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgname = 'custody_append_only'
                 AND tgrelid = 'custody'::regclass) THEN
    BEGIN
      CREATE FUNCTION custody_append_only() RETURNS trigger AS $f$
        BEGIN RAISE EXCEPTION 'the custody log is append-only'; END $f$ LANGUAGE plpgsql;
    EXCEPTION WHEN duplicate_function OR unique_violation THEN NULL; END;
    BEGIN
      CREATE TRIGGER custody_append_only BEFORE UPDATE OR DELETE ON custody
        FOR EACH ROW EXECUTE FUNCTION custody_append_only();
    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END;
  END IF;
END $$""")


def _write_lock(c) -> None:
    """Serialise writers for the rest of this transaction (reads stay concurrent)."""
    if c.dialect.name == "postgresql":
        c.execute(select(func.pg_advisory_xact_lock(_PG_WRITE_LOCK)))
    elif c.dialect.name == "sqlite":
        # A write statement (even one matching no row) opens the write transaction and
        # takes SQLite's RESERVED lock, so max(seq) read after it cannot go stale.
        c.execute(update(s.meta).where(false()).values(key=s.meta.c.key))


_EV_COLS = ("claim", "assertion", "doc", "start", "end", "quote", "attributed_to", "hedged")


def _raw_cols(table, names):
    """Columns as stored: JSON as its text (no decoding), booleans as 0/1 integers."""
    out = []
    for n in names:
        col = table.c[n]
        if isinstance(col.type, JSON):
            out.append(cast(col, Text))
        elif isinstance(col.type, Boolean):
            out.append(case((col, 1), else_=0))
        else:
            out.append(col)
    return out


def _raw(table, row: dict[str, Any], names) -> tuple:
    """A row about to be written, in the form ``_raw_cols`` reads it back."""
    out = []
    for n in names:
        v, typ = row[n], table.c[n].type
        if isinstance(typ, JSON):
            v = json.dumps(v)
        elif isinstance(typ, Boolean):
            v = int(bool(v))
        out.append(v)
    return tuple(out)


def _diff(c, table, key: tuple[str, ...], new: dict) -> tuple[list[tuple], list[tuple]]:
    """Keys whose stored row must go (gone or changed) and keys to insert (new or changed).
    Rows are compared in their stored text form, so nothing is decoded."""
    names = list(new[next(iter(new))].keys()) if new else list(table.c.keys())
    names = [n for n in names if n in table.c]
    rows = {tuple(r[:len(key)]): tuple(r) for r in c.execute(select(*_raw_cols(table, list(key) + names)))}
    want = {(k if isinstance(k, tuple) else (k,)): tuple(row[n] for n in key) + _raw(table, row, names)
            for k, row in new.items()}
    drop = [k for k, v in rows.items() if want.get(k) != v]
    put = [k for k, v in want.items() if rows.get(k) != v]
    return drop, put


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


def _v1_to_v2(c: Connection) -> None:
    """Schema 1 -> 2: the romanisation memo moves from ``meta`` ("latin_memo") to its table."""
    memo = c.execute(select(s.meta.c.value).where(s.meta.c.key == "latin_memo")).scalar() or {}
    have = {k for (k,) in c.execute(select(s.romanizations.c.key))}
    rows = [{"key": k, "latin": v} for k, v in memo.items() if k not in have]
    for chunk in _chunks(rows):
        c.execute(insert(s.romanizations), chunk)
    c.execute(delete(s.meta).where(s.meta.c.key == "latin_memo"))


# Store schema migrations: MIGRATIONS[v] brings a store from schema v to v + 1.
MIGRATIONS = {1: _v1_to_v2}


def _passage(p) -> tuple[tuple[int, int], tuple[int, int]]:
    """A stored passage pair ([a0, a1], [b0, b1]) as tuples."""
    (a0, a1), (b0, b1) = p
    return (a0, a1), (b0, b1)


def _chunks(items: list, n: int = 900) -> Iterator[list]:
    for k in range(0, len(items), n):
        yield items[k:k + n]


def _delete_keys(c, table, key: tuple[str, ...], keys: list[tuple]) -> None:
    for chunk in _chunks(keys):
        if len(key) == 1:
            c.execute(delete(table).where(table.c[key[0]].in_([k[0] for k in chunk])))
        else:
            c.execute(delete(table).where(tuple_(*(table.c[n] for n in key)).in_(chunk)))

def _insert(c, table, rows: list[dict]) -> None:
    if rows:
        c.execute(insert(table), rows)


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    # The busy timeout first: switching a new file to WAL takes a lock, and without a timeout
    # a second opener at that moment fails at once with "database is locked".
    cur.execute("PRAGMA busy_timeout=30000")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()


def _sqlite_pragmas_ro(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()


def _unique(items):
    seen, out = set(), []
    for x in items:
        if x.id not in seen:
            seen.add(x.id)
            out.append(x)
    return out


def _assertion_row(x: Assertion) -> dict[str, Any]:
    ev = x.evidence
    return dict(id=x.id, doc=x.doc, subject=x.subject, predicate=x.predicate, object=x.object,
                qualifiers=x.qualifiers, start=ev.start, end=ev.end, quote=ev.quote,
                attributed_to=ev.attributed_to, hedged=ev.hedged)


def _assertion(r) -> Assertion:
    return Assertion(r["doc"], r["subject"], r["predicate"], r["object"],
                     Evidence(r["doc"], r["start"], r["end"], r["quote"], r["attributed_to"] or [],
                              bool(r["hedged"]), r["id"]), r["qualifiers"] or {})


def _entity_row(e: Entity) -> dict[str, Any]:
    return dict(id=e.id, type=e.type, name=e.name, latin=e.latin, names=e.names, aliases=e.aliases, geo=e.geo,
                norm_names=" | ".join([norm(n) for n in e.names + e.aliases] + [(e.latin or "").lower()]))


def _claim_row(x: Claim) -> dict[str, Any]:
    return dict(id=x.id, subject=x.subject, predicate=x.predicate, object=x.object, qualifiers=x.qualifiers,
                independent_sources=x.independent_sources, status=x.status)


def _evidence_rows(x: Claim) -> list[dict[str, Any]]:
    return [dict(claim=x.id, assertion=ev.assertion, doc=ev.doc, start=ev.start, end=ev.end, quote=ev.quote,
                 attributed_to=ev.attributed_to, hedged=bool(ev.hedged)) for ev in x.evidence]


def _reuse_row(r: Reuse) -> dict[str, Any]:
    return dict(a=r.a, b=r.b, similarity=r.similarity, passages=[list(map(list, p)) for p in r.passages])


def _doc(r) -> Document:
    return Document(text=r["text"], source=r["source"], outlet=r["outlet"], published=r["published"],
                    title=r["title"], byline=r["byline"], language=r["language"] or "ar", url=r["url"],
                    removed=r["removed"] or [])
