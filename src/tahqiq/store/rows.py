"""What the store's parts share: ``StorePart`` (the engine and state every part uses, and a
consistent read snapshot), row codecs between model objects and table rows, and small SQL
helpers (chunked IN lists, keyed deletes, a row diff, the writers' lock)."""

from __future__ import annotations

import datetime as _dt
import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import JSON, Boolean, Text, case, cast, delete, false, func, insert, select, tuple_, update
from sqlalchemy.engine import Connection, Engine

from tahqiq.model import Assertion, Claim, Document, Entity, Evidence, Reuse
from tahqiq.store import schema as s
from tahqiq.text.normalize import norm

_IN_LIMIT = 20_000  # most ids bound in one IN list (SQLite allows 32766 parameters, PostgreSQL 65535)
_PG_WRITE_LOCK = 7_243_551  # advisory lock id: one writer of per-document rows at a time


def is_file_source(source: str) -> bool:
    """A document read from a whole file (its path names it alone): not stdin, not a URL,
    not one line of a JSONL file. Only such a source is replaced by an edited version."""
    return bool(source) and not source.startswith("<") and "://" not in source \
        and not re.search(r":\d+$", source)


class StorePart:
    """What every part of ``Store`` shares: the SQLAlchemy engine and the state set by
    ``Store.__init__``. The parts (``StoreReads``, ``LinkQueries``, ``StoreWriter``) are mixins
    of one ``Store``; none is used alone."""

    engine: Engine
    url: str
    readonly: bool
    media_readonly: bool  # opened read-only because the file or its folder cannot be written
    unlogged: int  # custody events that could not be appended (read-only media)
    replaced: list[tuple[str, str]]  # older versions of edited articles replaced by the last add_analyses
    _lock_depth: int

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

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


def _now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")


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
