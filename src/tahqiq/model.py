"""The core vocabulary every stage speaks: small, typed, slotted classes, no I/O.

Offsets are Python string indices into ``Document.text`` (end exclusive), so
``doc.text[m.start:m.end] == m.text`` always holds for a mention.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

# The vocabulary lives in ``tahqiq.vocabulary``; re-exported here for the stages that import it.
from tahqiq.vocabulary import ENTITY_TYPES, PREDICATES, Attribution, ClaimObject  # noqa: F401


def stable_id(prefix: str, *parts: Any) -> str:
    """Deterministic id from natural keys: a rerun yields the same ids."""
    h = hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()
    return f"{prefix}:{h[:16]}"


@dataclass(slots=True)
class Document:
    """One cleaned article. ``id`` derives from the cleaned text, so a copy is the same doc."""

    text: str
    source: str
    outlet: str | None = None
    published: str | None = None
    title: str | None = None
    byline: str | None = None
    language: str = "ar"
    url: str | None = None
    # ``(start, end)`` spans of boilerplate cut from the raw body, kept for audit only.
    removed: list[str] = field(default_factory=list)
    # The input's evidence record (``tahqiq.provenance``): raw bytes' SHA-256, source, capture time.
    record: dict[str, Any] = field(default_factory=dict)
    # What reading the document had to give up (e.g. a text truncated at a limit): reported by
    # the build, and recorded in ``removed``.
    warnings: list[str] = field(default_factory=list, compare=False)
    # The hash of ``text``, computed once per text object (``id`` is read many times per
    # document: rehashing a 5 MB text on each read made analysis quadratic).
    _hashed: tuple[str, str] | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def sha256(self) -> str:
        h = self._hashed
        if h is None or h[0] is not self.text:
            h = self._hashed = (self.text, hashlib.sha256(self.text.encode("utf-8")).hexdigest())
        return h[1]

    @property
    def id(self) -> str:
        return "d:" + self.sha256[:16]


@dataclass(slots=True)
class Sentence:
    start: int
    end: int


@dataclass(slots=True)
class Token:
    start: int
    end: int
    text: str


@dataclass(slots=True)
class Mention:
    """A view onto the text: ``text`` equals ``doc.text[start:end]``."""

    doc: str
    start: int
    end: int
    text: str
    type: str
    source: str = "rule"  # which component found it (rule, gazetteer, ner)

    @property
    def id(self) -> str:
        return stable_id("m", self.doc, self.start, self.end, self.type)


@dataclass(slots=True)
class Evidence:
    doc: str
    start: int
    end: int
    quote: str
    attributed_to: list[Attribution] = field(default_factory=list)
    hedged: bool = False
    assertion: str = ""  # id of the per-document assertion this evidence comes from


@dataclass(slots=True)
class Assertion:
    """A claim as one document states it, before resolution.

    ``subject`` and an entity ``object`` are mention ids in the same document;
    resolution turns them into entity ids and groups equal assertions into claims.
    """

    doc: str
    subject: str
    predicate: str
    object: ClaimObject
    evidence: Evidence
    qualifiers: dict[str, Any] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return stable_id("a", self.doc, self.subject, self.predicate,
                         sorted(self.object.items()), self.evidence.start)


@dataclass(slots=True)
class Entity:
    id: str
    type: str
    name: str
    latin: str | None = None
    names: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    mentions: list[str] = field(default_factory=list)  # mention ids
    geo: dict[str, Any] | None = None


@dataclass(slots=True)
class Claim:
    id: str
    subject: str
    predicate: str
    object: ClaimObject
    qualifiers: dict[str, Any] = field(default_factory=dict)
    evidence: list[Evidence] = field(default_factory=list)
    independent_sources: int = 1
    status: str = "single-source"


@dataclass(slots=True)
class Reuse:
    a: str
    b: str
    similarity: float
    passages: list[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=list)


@dataclass(slots=True)
class Analysis:
    """Everything the per-document stages produce for one document."""

    doc: Document
    sentences: list[Sentence] = field(default_factory=list)
    tokens: list[Token] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    assertions: list[Assertion] = field(default_factory=list)
    # Set when a per-document stage failed on this document: it is reported, not stored,
    # so a rerun (after a fix) analyses it again.
    error: str | None = None
