"""Full-text search over the matching form of documents and entity names.

Both backends index the *normalised* columns (``documents.norm_text``,
``entities.norm_names``) and queries go through the same ``norm``, so harakat,
tatweel, alef/ya/ta-marbuta variants and invisible characters never stop a
match (FTS5's unicode61 and PostgreSQL's parser fold none of them).

- SQLite: FTS5 tables with external content (the text is not stored twice),
  kept in sync by triggers, so every write transaction updates the index too.
- PostgreSQL: GIN expression indexes on ``to_tsvector('simple', …)``; the
  ``simple`` configuration only lower-cases, which matches ``norm``.

Hits carry a snippet cut from the original text (mapped back through the
offset map of ``normalize``), never the normalised form.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from sqlalchemy import text as sql
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import OperationalError

from tahqiq.text.normalize import norm, normalize

log = logging.getLogger(__name__)

_WORD = re.compile(r"\w+")
SNIPPET_CHARS = 160

# Documents: external content keyed by ``seq`` (unique, stable), so the text is
# not stored twice and VACUUM (which may renumber implicit rowids) cannot
# desynchronise the index. Entities: small, replaced wholesale by every link,
# so they keep their own copy keyed by entity id.
_SQLITE_DDL = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS documents_fts USING fts5("
    "norm_text, content='documents', content_rowid='seq')",
    "CREATE TRIGGER IF NOT EXISTS documents_fts_ai AFTER INSERT ON documents BEGIN "
    "INSERT INTO documents_fts(rowid, norm_text) VALUES (new.seq, new.norm_text); END",
    "CREATE TRIGGER IF NOT EXISTS documents_fts_ad AFTER DELETE ON documents BEGIN "
    "INSERT INTO documents_fts(documents_fts, rowid, norm_text) VALUES ('delete', old.seq, old.norm_text); END",
    "CREATE TRIGGER IF NOT EXISTS documents_fts_au AFTER UPDATE OF norm_text, seq ON documents BEGIN "
    "INSERT INTO documents_fts(documents_fts, rowid, norm_text) VALUES ('delete', old.seq, old.norm_text); "
    "INSERT INTO documents_fts(rowid, norm_text) VALUES (new.seq, new.norm_text); END",
    "CREATE VIRTUAL TABLE IF NOT EXISTS entities_fts USING fts5(id UNINDEXED, norm_names)",
    "CREATE TRIGGER IF NOT EXISTS entities_fts_ai AFTER INSERT ON entities BEGIN "
    "INSERT INTO entities_fts(id, norm_names) VALUES (new.id, coalesce(new.norm_names, '')); END",
]
# Entity rows are deleted by ``delete_entities`` in one statement per chunk of ids (a per-row
# trigger would scan the index once for every deleted entity); stores made before that
# have the trigger, which ``install`` drops.
_SQLITE_DROP = ["DROP TRIGGER IF EXISTS entities_fts_ad"]

_PG_DDL = [
    "CREATE INDEX IF NOT EXISTS ix_documents_fts ON documents USING gin (to_tsvector('simple', norm_text))",
    "CREATE INDEX IF NOT EXISTS ix_entities_fts ON entities "
    "USING gin (to_tsvector('simple', coalesce(norm_names, '')))",
]


@dataclass(slots=True)
class Hit:
    """One search result: a document or an entity, best first."""

    kind: str            # "document" or "entity"
    id: str
    label: str           # document title (or source) / entity name
    snippet: str         # original text around the first match / the entity's names
    score: float         # higher is better, comparable within one kind only


def install(engine: Engine) -> None:
    """Create the full-text indexes if missing (idempotent); fill them for an older store."""
    dialect = engine.dialect.name
    with engine.begin() as c:
        if dialect == "sqlite":
            fresh = c.execute(sql("SELECT 1 FROM sqlite_master WHERE name='documents_fts'")).first() is None
            try:
                for ddl in _SQLITE_DDL + _SQLITE_DROP:
                    c.execute(sql(ddl))
            except OperationalError as e:  # an SQLite built without FTS5: search falls back to LIKE
                log.warning("SQLite has no FTS5 (%s); search will scan", e)
                return
            if fresh:  # a store created before search existed: index what it holds
                c.execute(sql("INSERT INTO documents_fts(documents_fts) VALUES ('rebuild')"))
                c.execute(sql("INSERT INTO entities_fts(id, norm_names) "
                              "SELECT id, coalesce(norm_names, '') FROM entities"))
        elif dialect == "postgresql":
            for ddl in _PG_DDL:
                c.execute(sql(ddl))


def delete_entities(c: Connection, ids: list[str]) -> None:
    """Drop these entities from the SQLite index (call before deleting their rows)."""
    if not ids or c.dialect.name != "sqlite" or not _has_fts(c):
        return
    for k in range(0, len(ids), 900):
        chunk = ids[k:k + 900]
        marks = ", ".join(f":i{n}" for n in range(len(chunk)))
        c.execute(sql(f"DELETE FROM entities_fts WHERE id IN ({marks})"), {f"i{n}": x for n, x in enumerate(chunk)})


def query_terms(query: str) -> list[str]:
    """The query's words in matching form (the same ``norm`` as the indexed columns)."""
    return _WORD.findall(norm(query))


def search(engine: Engine, query: str, limit: int = 20) -> list[Hit]:
    """Entities whose names match every query word, then documents whose text does."""
    terms = query_terms(query)
    if not terms or limit <= 0:
        return []
    with engine.connect() as c:
        if engine.dialect.name == "postgresql":
            ents, docs = _pg(c, terms, limit)
        elif _has_fts(c):
            ents, docs = _sqlite(c, terms, limit)
        else:
            ents, docs = _scan(c, terms, limit)
    hits = [Hit("entity", i, name, " | ".join(names or []), float(sc)) for i, name, names, sc in ents]
    hits += [Hit("document", i, title or source, _snippet(text, terms), float(sc))
             for i, title, source, text, sc in docs]
    return hits


def _has_fts(c: Connection) -> bool:
    return c.execute(sql("SELECT 1 FROM sqlite_master WHERE name='documents_fts'")).first() is not None


def _fts5_query(terms: list[str]) -> str:
    # Each word as a quoted FTS5 string: no word can act as an operator (AND, NEAR, *).
    return " ".join('"' + t.replace('"', '""') + '"' for t in terms)


def _sqlite(c: Connection, terms: list[str], limit: int):
    q = _fts5_query(terms)
    ents = c.execute(sql(
        "SELECT e.id, e.name, e.names, -bm25(entities_fts) FROM entities_fts "
        "JOIN entities e ON e.id = entities_fts.id WHERE entities_fts MATCH :q "
        "ORDER BY bm25(entities_fts), e.id LIMIT :n"), {"q": q, "n": limit}).all()
    docs = c.execute(sql(
        "SELECT d.id, d.title, d.source, d.text, -bm25(documents_fts) FROM documents_fts "
        "JOIN documents d ON d.seq = documents_fts.rowid WHERE documents_fts MATCH :q "
        "ORDER BY bm25(documents_fts), d.seq LIMIT :n"), {"q": q, "n": limit}).all()
    return [_json_names(r) for r in ents], docs


def _pg(c: Connection, terms: list[str], limit: int):
    # to_tsquery over terms that are pure \w runs joined by &: no user syntax reaches the parser.
    q = " & ".join(terms)
    ents = c.execute(sql(
        "SELECT id, name, names, ts_rank(to_tsvector('simple', coalesce(norm_names, '')), "
        "to_tsquery('simple', :q)) AS r FROM entities "
        "WHERE to_tsvector('simple', coalesce(norm_names, '')) @@ to_tsquery('simple', :q) "
        "ORDER BY r DESC, id LIMIT :n"), {"q": q, "n": limit}).all()
    docs = c.execute(sql(
        "SELECT id, title, source, text, ts_rank(to_tsvector('simple', norm_text), "
        "to_tsquery('simple', :q)) AS r FROM documents "
        "WHERE to_tsvector('simple', norm_text) @@ to_tsquery('simple', :q) "
        "ORDER BY r DESC, seq LIMIT :n"), {"q": q, "n": limit}).all()
    return [_json_names(r) for r in ents], docs


def _scan(c: Connection, terms: list[str], limit: int):
    """No FTS5 in this SQLite: substring scan (slow on big stores, still correct for words)."""
    ents, docs = [], []
    for r in c.execute(sql("SELECT id, name, names, norm_names FROM entities ORDER BY id")):
        words = set(_WORD.findall(r[3] or ""))
        if all(t in words for t in terms):
            ents.append(_json_names((r[0], r[1], r[2], 1.0)))
            if len(ents) >= limit:
                break
    for r in c.execute(sql("SELECT id, title, source, text, norm_text FROM documents ORDER BY seq")):
        words = set(_WORD.findall(r[4]))
        if all(t in words for t in terms):
            docs.append((r[0], r[1], r[2], r[3], 1.0))
            if len(docs) >= limit:
                break
    return ents, docs


def _json_names(row):
    import json

    i, name, names, sc = row
    if isinstance(names, str):
        names = json.loads(names)
    return i, name, names, sc


def _snippet(text: str, terms: list[str], width: int = SNIPPET_CHARS) -> str:
    """Original text around the first matching word (found in the normalised view)."""
    n = normalize(text)
    pos = -1
    for t in [" ".join(terms)] + terms:  # the whole phrase if it occurs, else the first word found
        m = re.search(r"(?<!\w)" + re.escape(t) + r"(?!\w)", n.text)
        if m:
            pos = n.to_original(m.start(), m.end())[0]
            break
    if pos < 0:
        return text[:width].replace("\n", " ")
    start = max(0, pos - width // 3)
    out = text[start:start + width].replace("\n", " ")
    return ("…" if start else "") + out + ("…" if start + width < len(text) else "")
