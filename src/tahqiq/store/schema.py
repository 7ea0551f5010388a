"""Tables. Per-document rows (documents, mentions, assertions, fingerprints) are
written once per document in one transaction; derived rows (entities, links,
claims, evidence, reuse) are replaced together by the cross-document stages.
Review decisions live in their own table and are never touched by a rebuild; so do the
documents' evidence records and their custody log, which is append-only (triggers refuse an
UPDATE or DELETE of its rows).
"""

from __future__ import annotations

from sqlalchemy import (JSON, Boolean, Column, Float, ForeignKey, Index, Integer, MetaData, String, Table,
                        Text)

metadata = MetaData()

# Stamped into ``meta`` as "schema" when a store is created; a store stamped with a larger
# number was written by a newer tahqiq and is refused with a message (not misread); one stamped
# with a smaller number is migrated when opened for writing (``sql.MIGRATIONS``).
#   1: the first release (the romanisation memo is a JSON value in ``meta``, key "latin_memo")
#   2: the romanisation memo has its own table, ``romanizations``
SCHEMA_VERSION = 2

documents = Table(
    "documents", metadata,
    Column("id", String(40), primary_key=True),
    Column("source", Text, nullable=False),
    Column("outlet", Text), Column("published", String(32)), Column("title", Text),
    Column("byline", Text), Column("language", String(8)), Column("url", Text),
    Column("sha256", String(64), nullable=False),
    Column("text", Text, nullable=False),
    Column("norm_text", Text, nullable=False),  # matching form, for full-text search
    Column("removed", JSON),
    Column("seq", Integer, nullable=False),  # ingest order; also the full-text index's row key
    Index("ix_documents_seq", "seq", unique=True),
    Index("ix_documents_source", "source"),  # an edited file's older version is found by its path
)

unlinked = Table(  # documents stored but not yet linked: any build links them (link state per document)
    "unlinked", metadata,
    Column("doc", String(40), primary_key=True),
)

mentions = Table(
    "mentions", metadata,
    Column("id", String(40), primary_key=True),
    Column("doc", String(40), ForeignKey("documents.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("start", Integer, nullable=False), Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False), Column("type", String(8), nullable=False),
    Column("source", String(16)),
)

assertions = Table(
    "assertions", metadata,
    Column("id", String(40), primary_key=True),
    Column("doc", String(40), ForeignKey("documents.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("subject", String(40), nullable=False, index=True),
    Column("predicate", String(32), nullable=False),
    Column("object", JSON, nullable=False),
    Column("qualifiers", JSON),
    Column("start", Integer, nullable=False), Column("end", Integer, nullable=False),
    Column("quote", Text, nullable=False),
    Column("attributed_to", JSON),
    Column("hedged", Boolean, default=False),
)

fingerprints = Table(  # MinHash band keys: a self-join on (band, key) finds candidate copies
    "fingerprints", metadata,
    Column("doc", String(40), ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("band", Integer, nullable=False),
    Column("key", String(24), nullable=False),
    Index("ix_fingerprints_band_key", "band", "key"),
    Index("ix_fingerprints_doc", "doc"),
)

entities = Table(
    "entities", metadata,
    Column("id", String(40), primary_key=True),
    Column("type", String(8), nullable=False),
    Column("name", Text, nullable=False),
    Column("latin", Text),
    Column("names", JSON), Column("aliases", JSON), Column("geo", JSON),
    Column("norm_names", Text),  # matching forms + latin, for search
)

name_keys = Table(  # blocking keys of each entity's names: what an incremental link looks up
    "name_keys", metadata,
    Column("key", Text, nullable=False),
    Column("entity", String(40), nullable=False),
    Index("ix_name_keys_key", "key"),
    Index("ix_name_keys_entity", "entity"),
)

links = Table(  # mention -> entity
    "links", metadata,
    Column("mention", String(40), primary_key=True),
    Column("entity", String(40), nullable=False, index=True),
)

claims = Table(
    "claims", metadata,
    Column("id", String(40), primary_key=True),
    Column("subject", String(40), nullable=False, index=True),
    Column("predicate", String(32), nullable=False),
    Column("object", JSON, nullable=False),
    Column("qualifiers", JSON),
    Column("independent_sources", Integer, nullable=False),
    Column("status", String(16), nullable=False),
)

evidence = Table(
    "evidence", metadata,
    Column("claim", String(40), nullable=False, index=True),
    Column("assertion", String(40), nullable=False),
    Column("doc", String(40), nullable=False),
    Column("start", Integer, nullable=False), Column("end", Integer, nullable=False),
    Column("quote", Text, nullable=False),
    Column("attributed_to", JSON),
    Column("hedged", Boolean, default=False),
)

reuse = Table(
    "reuse", metadata,
    Column("a", String(40), primary_key=True), Column("b", String(40), primary_key=True),
    Column("similarity", Float, nullable=False),
    Column("passages", JSON),
)

candidates = Table(  # uncertain entity pairs for a human to confirm or reject
    "candidates", metadata,
    Column("a", String(40), primary_key=True), Column("b", String(40), primary_key=True),
    Column("score", Float), Column("reason", Text),
)

decisions = Table(  # review decisions: kept across rebuilds, applied by resolve/corroborate
    "decisions", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(24), nullable=False),  # merge, split, reject_claim, confirm_claim, ...
    Column("target", JSON, nullable=False),
    Column("note", Text), Column("user", String(64)), Column("created", String(32), nullable=False),
)

records = Table(  # each document's evidence record (tahqiq.provenance): written once, at ingest
    "records", metadata,
    Column("doc", String(40), primary_key=True),
    Column("record", JSON, nullable=False),
)

custody = Table(  # append-only chain of custody per document: ingested, re-extracted, reviewed, exported
    "custody", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("doc", String(40), nullable=False),
    Column("event", String(24), nullable=False),
    Column("at", String(32), nullable=False),
    Column("detail", JSON),
    Index("ix_custody_doc", "doc"),
)

romanizations = Table(  # memo of the Latin spelling of a name (text/latin.py): a cache of a
    "romanizations", metadata,  # pure function, kept so a relink does not recompute it
    Column("key", Text, primary_key=True),  # name + "\x1f" + country code (or empty)
    Column("latin", Text),  # None: no romanisation
)

meta = Table(
    "meta", metadata,
    Column("key", String(64), primary_key=True), Column("value", JSON),
)

reviewers = Table(  # web app accounts: a reviewer's name and an Argon2 hash of the password (never the password)
    "reviewers", metadata,
    Column("name", String(64), primary_key=True),
    Column("pwhash", Text, nullable=False),
    Column("created", String(32), nullable=False),
)

sessions = Table(  # web app sessions, server side: the cookie holds a random id, this row its SHA-256
    "sessions", metadata,
    Column("id", String(64), primary_key=True),
    Column("reviewer", String(64)),  # None: a session before login (it still binds the CSRF token)
    Column("csrf", String(64), nullable=False),
    Column("created", Float, nullable=False),
    Column("expires", Float, nullable=False, index=True),
)
