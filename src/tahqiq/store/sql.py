"""The store: SQLAlchemy Core over SQLite (default, WAL) or PostgreSQL (by URL).

``Store`` is one class composed of its parts, each in its own module by role: the writer
(``store.writer``), the whole-store reads (``store.reads``), what the linker reads
(``store.link_queries``: incremental-link queries and the copied-text band join), with the row
codecs they share (``store.rows``). The web pages' reads are ``store.views``. This module
opens a store: the URL, the connection, the schema check and its migrations.

Invariants: a document and all its mentions, assertions and fingerprints are
written in one transaction, so an interrupted build never leaves half a
document; derived tables are replaced in one transaction, so readers see the
old or the new graph, never a mix.
"""

from __future__ import annotations

import os
import time

from sqlalchemy import create_engine, delete, event, insert, select, update
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.exc import SQLAlchemyError

from tahqiq.errors import StoreError
from tahqiq.store import schema as s
from tahqiq.store import search as fts
from tahqiq.store.link_queries import LinkQueries
from tahqiq.store.reads import StoreReads
from tahqiq.store.rows import _chunks, _write_lock
# Re-exported: code written against the single module imports these from here.
from tahqiq.store.rows import _doc as _doc
from tahqiq.store.rows import is_file_source as is_file_source
from tahqiq.store.writer import GraphDelta as GraphDelta
from tahqiq.store.writer import StoreWriter

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


class Store(StoreReads, LinkQueries, StoreWriter):
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
        self.connect_url = self.engine.url.render_as_string(hide_password=False)  # to open it elsewhere
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
        doing the same at the same moment (its "already exists" is retried, then seen). SQLite
        answers "database is locked" at once, past its busy timeout, when a reader of the schema
        must become its writer while another opener writes it: that is retried too."""
        for attempt in range(10):
            try:
                s.metadata.create_all(self.engine)
                with self.engine.begin() as c:  # indexes added since a store was made
                    for ix in list(s.assertions.indexes) + list(s.documents.indexes):
                        ix.create(c, checkfirst=True)
                fts.install(self.engine)
                _append_only(self.engine)
                return
            except SQLAlchemyError as e:
                if attempt == 9 or not (_creation_race(e) or "database is locked" in db_problem(e).lower()):
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

    def close(self) -> None:
        self.engine.dispose()


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
