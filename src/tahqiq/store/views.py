"""Reads for the web app's views: each page asks for what it shows, one page of it at a time.

Invariants: no function here loads a whole table of a growing kind (documents,
mentions, links, claims, evidence) into memory: lists come with ``LIMIT``/``OFFSET``
and a total, a dossier or a document page reads the rows that name its entity or
document. The one exception is ``NameIndex`` (id, names and Latin form of every
entity, for Latin look-ups by likeness), built once per graph state and reused
until a link changes the entities. Read-only: nothing here writes.
"""

from __future__ import annotations

import json
import re
import threading
from collections import defaultdict
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any, Generic, TypeVar
from typing import cast as typed

from sqlalchemy import Text, cast, func, or_, select, true
from sqlalchemy import text as sql

from tahqiq.model import Claim, Document, Entity, Evidence, Mention
from tahqiq.store import schema as s
from tahqiq.store import search as fts
from tahqiq.store.sql import Store, _chunks, _doc
from tahqiq.text.normalize import normalize

T = TypeVar("T")
PER_PAGE = 25
MAX_PAGE = 10_000
MAX_CO_DOCS = 40  # merge choices come from at most this many of an entity's documents (plus any id typed)
_LATIN = re.compile(r"[A-Za-z]")
LATIN_LIKENESS = 0.8   # a Latin query names an entity when its loose key is this alike (0..1) ...
SKELETON_LIKENESS = 0.86  # ... or its consonant skeleton this alike to one of the Arabic names'
MIN_SKELETON = 3       # shorter skeletons match nothing; shorter Latin keys only exactly
LATIN_TYPES = ("PER", "ORG", "LOC")  # what a Latin query may find by likeness (not roles, dates, money)


@dataclass(slots=True)
class Page(Generic[T]):
    """One page of a list: its items, which page, how many per page, how many in all."""

    items: list[T]
    page: int
    per: int
    total: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per))

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    @property
    def first(self) -> int:
        return (self.page - 1) * self.per + 1 if self.items else 0


def page_number(raw: Any) -> int:
    """A page number from a query string: 1 for anything that is not a small positive integer."""
    try:
        n = int(raw)
    except (TypeError, ValueError):
        return 1
    return min(max(n, 1), MAX_PAGE)


@dataclass(frozen=True, slots=True)
class DocRow:
    """What a list of documents shows (no text)."""

    id: str
    title: str | None
    source: str
    outlet: str | None
    published: str | None


@dataclass(frozen=True, slots=True)
class EntityRow:
    id: str
    type: str
    name: str
    latin: str | None
    aliases: list[str]
    mentions: int


@dataclass(frozen=True, slots=True)
class DocHit:
    """A document found by its text, with the snippet cut as (text, is_match) pieces."""

    doc: DocRow
    pieces: list[tuple[str, bool]]


# ---- counts and home page ----------------------------------------------------------------------
def counts(store: Store) -> dict[str, int]:
    return store.counts(("documents", "entities", "claims"))


def documents(store: Store, page: int = 1, per: int = PER_PAGE) -> Page[DocRow]:
    """Documents, newest stored first."""
    d = s.documents
    with store.engine.connect() as c:
        total = c.execute(select(func.count()).select_from(d)).scalar() or 0
        rows = c.execute(select(d.c.id, d.c.title, d.c.source, d.c.outlet, d.c.published)
                         .order_by(d.c.seq.desc()).limit(per).offset((page - 1) * per)).all()
    return Page([DocRow(*r) for r in rows], page, per, total)


def people(store: Store, page: int = 1, per: int = PER_PAGE, type: str = "PER") -> Page[EntityRow]:
    """Entities of ``type``, most mentioned first (mentions counted on the index of links)."""
    e, lk = s.entities, s.links
    n = select(func.count()).where(lk.c.entity == e.c.id).correlate(e).scalar_subquery()
    with store.engine.connect() as c:
        total = c.execute(select(func.count()).select_from(e).where(e.c.type == type)).scalar() or 0
        rows = c.execute(select(e.c.id, e.c.type, e.c.name, e.c.latin, e.c.aliases, n.label("n"))
                         .where(e.c.type == type).order_by(n.desc(), e.c.name, e.c.id)
                         .limit(per).offset((page - 1) * per)).all()
    return Page([_entity_row(r) for r in rows], page, per, total)


def _entity_row(r) -> EntityRow:
    aliases = r[4]
    if isinstance(aliases, str):
        aliases = json.loads(aliases)
    return EntityRow(r[0], r[1], r[2], r[3], aliases or [], int(r[5] or 0))


def _json(v):
    return json.loads(v) if isinstance(v, str) else v


# ---- search ----------------------------------------------------------------------------------
def search_entities(store: Store, query: str, page: int = 1, per: int = PER_PAGE) -> Page[EntityRow]:
    """Entities whose names contain every word of ``query`` (any script; the last word may be
    the start of a word); for a Latin query, also those whose Latin form or Arabic consonant
    skeleton is alike enough (``LATIN_LIKENESS``, ``SKELETON_LIKENESS``): a nonsense query
    finds nothing. Most mentioned first within each kind of match."""
    terms = fts.query_terms(query)
    if not terms:
        return Page([], page, per, 0)
    ids = _entity_ids_by_words(store, terms)
    if _LATIN.search(query):
        seen = set(ids)
        ids += [i for i in NameIndex.of(store).latin(query) if i not in seen]
    total = len(ids)
    return Page(_entity_rows(store, ids[(page - 1) * per:page * per]), page, per, total)


def _entity_ids_by_words(store: Store, terms: list[str], cap: int = 5000) -> list[str]:
    e = s.entities
    with store.engine.connect() as c:
        if store.dialect == "postgresql":
            q = " & ".join(terms[:-1] + [terms[-1] + ":*"])
            rows = c.execute(sql(
                "SELECT e.id FROM entities e LEFT JOIN links l ON l.entity = e.id "
                "WHERE to_tsvector('simple', coalesce(e.norm_names, '')) @@ to_tsquery('simple', :q) "
                "GROUP BY e.id ORDER BY count(l.mention) DESC, e.id LIMIT :n"), {"q": q, "n": cap}).scalars()
            return list(rows)
        if fts._has_fts(c):
            q = fts._fts5_query(terms) + "*"
            rows = c.execute(sql(
                "SELECT f.id FROM entities_fts f LEFT JOIN links l ON l.entity = f.id "
                "WHERE entities_fts MATCH :q GROUP BY f.id ORDER BY count(l.mention) DESC, f.id LIMIT :n"),
                {"q": q, "n": cap}).scalars()
            return list(rows)
        out = []
        for i, names in c.execute(select(e.c.id, e.c.norm_names)):
            words = re.findall(r"\w+", names or "")
            if all(t in words for t in terms[:-1]) and any(w.startswith(terms[-1]) for w in words):
                out.append(i)
        return out[:cap]


def _entity_rows(store: Store, ids: list[str]) -> list[EntityRow]:
    if not ids:
        return []
    e, lk = s.entities, s.links
    n = select(func.count()).where(lk.c.entity == e.c.id).correlate(e).scalar_subquery()
    with store.engine.connect() as c:
        rows = {r[0]: r for r in c.execute(select(e.c.id, e.c.type, e.c.name, e.c.latin, e.c.aliases, n)
                                           .where(e.c.id.in_(ids)))}
    return [_entity_row(rows[i]) for i in ids if i in rows]


def search_documents(store: Store, query: str, page: int = 1, per: int = PER_PAGE) -> Page[DocHit]:
    """Documents whose text holds every word of ``query`` (punctuation and spacing ignored),
    best first, each with a snippet of the original text around its first match."""
    terms = fts.query_terms(query)
    if not terms:
        return Page([], page, per, 0)
    off = (page - 1) * per
    with store.engine.connect() as c:
        if store.dialect == "postgresql":
            q = " & ".join(terms)
            where = "to_tsvector('simple', norm_text) @@ to_tsquery('simple', :q)"
            total = c.execute(sql(f"SELECT count(*) FROM documents WHERE {where}"), {"q": q}).scalar() or 0
            rows = c.execute(sql(
                f"SELECT id, title, source, outlet, published, text, norm_text FROM documents WHERE {where} "
                "ORDER BY ts_rank(to_tsvector('simple', norm_text), to_tsquery('simple', :q)) DESC, seq "
                "LIMIT :n OFFSET :o"), {"q": q, "n": per, "o": off}).all()
        elif fts._has_fts(c):
            q = fts._fts5_query(terms)
            total = c.execute(sql("SELECT count(*) FROM documents_fts WHERE documents_fts MATCH :q"),
                              {"q": q}).scalar() or 0
            rows = c.execute(sql(
                "SELECT d.id, d.title, d.source, d.outlet, d.published, d.text, d.norm_text FROM documents_fts "
                "JOIN documents d ON d.seq = documents_fts.rowid WHERE documents_fts MATCH :q "
                "ORDER BY bm25(documents_fts), d.seq LIMIT :n OFFSET :o"), {"q": q, "n": per, "o": off}).all()
        else:
            found = [r for r in c.execute(select(s.documents.c.id, s.documents.c.title, s.documents.c.source,
                                                 s.documents.c.outlet, s.documents.c.published,
                                                 s.documents.c.text, s.documents.c.norm_text)
                                          .order_by(s.documents.c.seq))
                     if set(terms) <= set(re.findall(r"\w+", r[6]))]
            total, rows = len(found), found[off:off + per]
    return Page([DocHit(DocRow(*r[:5]), highlight(r[5], terms, norm_text=r[6])) for r in rows], page, per, total)


def highlight(text: str, terms: list[str], width: int = 220, norm_text: str | None = None) -> list[tuple[str, bool]]:
    """A window of ``text`` around the first matching word, as (piece, is_match) pairs: every
    query word inside the window is marked (matching on the normalised view, cut from the original).
    With the stored ``norm_text``, only a stretch of the original around its first match is
    normalised (normalising whole long articles was most of a search page's time)."""
    if norm_text is not None and len(text) > 4 * width:
        m = re.search("|".join(r"(?<!\w)" + re.escape(t) + r"(?!\w)" for t in terms), norm_text)
        if m:
            # normalisation mostly drops characters (harakat, tatweel), so the match sits at or a little
            # after its normalised offset; the stretch allows for that and for a full window around it
            lo = max(0, m.start() - width)
            hi = min(len(text), m.end() + max(0, len(text) - len(norm_text)) + 2 * width)
            part = highlight(text[lo:hi], terms, width)
            if any(hit for _, hit in part):
                head = [("…", False)] if lo and part and part[0] != ("…", False) else []
                tail = [("…", False)] if hi < len(text) and part and part[-1] != ("…", False) else []
                return head + part + tail
    n = normalize(text)
    spans = []
    for t in dict.fromkeys(terms):
        for m in re.finditer(r"(?<!\w)" + re.escape(t) + r"(?!\w)", n.text):
            spans.append(n.to_original(m.start(), m.end()))
    spans.sort()
    first = spans[0][0] if spans else 0
    start = max(0, first - width // 3)
    while start > 0 and not text[start - 1].isspace() and first - start < width // 2:
        start -= 1
    end = min(len(text), start + width)
    out: list[tuple[str, bool]] = [("…", False)] if start else []
    at = start
    for a, b in spans:
        if a < at or b > end:
            continue
        out += [(text[at:a], False), (text[a:b], True)]
        at = b
    out.append((text[at:end], False))
    if end < len(text):
        out.append(("…", False))
    return [(p.replace("\n", " "), m) for p, m in out if p]


class NameIndex:
    """Latin look-up by likeness: every entity's loose Latin key and the consonant skeletons of
    its Arabic names, with a trigram index over both so a query compares with few entities."""

    _cache: dict[str, tuple[Any, "NameIndex"]] = {}
    _lock = threading.Lock()

    def __init__(self, rows: list[tuple[str, str, str | None, list[str]]]):
        from tahqiq.text.latin import arabic_skeleton, latin_key

        self.keys: dict[str, list[str]] = defaultdict(list)  # key (latin or skeleton) -> entity ids
        for i, type_, latin, names in rows:
            if type_ not in LATIN_TYPES:
                continue
            # the whole Latin form and each of its words; each Arabic name whole (a person's, also
            # word by word: "Hamid" finds حامد النوري)
            forms = {latin_key(x) for x in ([latin] + latin.split() if latin else [])}
            parts = (lambda nm: [nm] + nm.split()) if type_ == "PER" else (lambda nm: [nm])
            skels = {"".join(arabic_skeleton(x)) for nm in names for x in parts(nm)}
            for k in {"l:" + f for f in forms if f} | {"s:" + f for f in skels if len(f) >= MIN_SKELETON}:
                self.keys[k].append(i)
        self.grams: dict[str, set[str]] = defaultdict(set)
        for k in self.keys:
            for g in _grams(k[2:]):
                self.grams[g].add(k)

    @classmethod
    def of(cls, store: Store) -> "NameIndex":
        """The index of the store's current entities (rebuilt when a link changed them)."""
        with store.engine.connect() as c:
            stamp = (store.get_meta("link_state"), c.execute(select(func.count()).select_from(s.entities)).scalar(),
                     c.execute(select(func.max(s.entities.c.id))).scalar())
            hit = cls._cache.get(store.url)
            if hit and hit[0] == stamp:
                return hit[1]
            rows = []
            for i, t, latin, names, aliases in c.execute(select(s.entities.c.id, s.entities.c.type, s.entities.c.latin,
                                                                s.entities.c.names, s.entities.c.aliases)):
                rows.append((i, t, latin, (_json(names) or []) + (_json(aliases) or [])))
        idx = cls(rows)
        with cls._lock:
            cls._cache[store.url] = (stamp, idx)
        return idx

    def latin(self, query: str) -> list[str]:
        """Entity ids whose Latin form or an Arabic name's skeleton is like ``query``, best first."""
        from tahqiq.text.latin import latin_key, latin_skeleton

        wanted = [("l:" + latin_key(query), LATIN_LIKENESS), ("s:" + "".join(latin_skeleton(query)), SKELETON_LIKENESS)]
        scored: dict[str, float] = {}
        for key, floor in wanted:
            if len(key) <= 2:
                continue
            if len(key) - 2 < MIN_SKELETON:
                cands = [key] if key.startswith("l:") and key in self.keys else []
            else:
                qg = _grams(key[2:])
                share: dict[str, int] = defaultdict(int)
                for g in qg:
                    for k in self.grams.get(g, ()):
                        if k[:2] == key[:2]:
                            share[k] += 1
                cands = [k for k, n in share.items() if n * 2 >= len(qg)]
            for k in cands:
                r = 1.0 if k == key else SequenceMatcher(None, key[2:], k[2:]).ratio()
                if r >= floor:
                    for i in self.keys[k]:
                        scored[i] = max(scored.get(i, 0.0), r)
        return [i for i, _ in sorted(scored.items(), key=lambda x: (-x[1], x[0]))]


def _grams(s_: str) -> set[str]:
    padded = f"^{s_}$"
    return {padded[i:i + 3] for i in range(len(padded) - 2)}


# ---- one entity, one document ---------------------------------------------------------------
def entity_graph(store: Store, entity_id: str) -> dict[str, Any] | None:
    """What a dossier needs: the entity with its mentions, the claims it is subject or object of
    (with evidence), the entities those claims name, the documents they cite (with text), the
    entity's mentions and their links. None when there is no such entity."""
    e = s.entities
    with store.snapshot() as c:
        row = c.execute(select(e).where(e.c.id == entity_id)).mappings().first()
        if row is None:
            return None
        mids = list(c.execute(select(s.links.c.mention).where(s.links.c.entity == entity_id)).scalars())
        cl = s.claims
        crow = c.execute(select(cl).where(or_(cl.c.subject == entity_id,
                                              cast(cl.c.object, Text).like(f"%{entity_id}%")))).mappings().all()
        claims = _claims_with_evidence(c, crow)
        named = {entity_id} | {x.subject for x in claims} | {o for x in claims if (o := x.object.get("entity"))}
        ents = _entities(c, named, {entity_id: sorted(mids)})
        mentions = _mentions(c, mids)
        cited = {ev.doc for x in claims for ev in x.evidence}
        docs: dict[str, Any] = dict(_doc_rows(c, {m.doc for m in mentions.values()} - cited))  # titles only
        docs.update(_documents(c, cited))  # the text only where a quote's context is cut from it
    return {"entities": ents, "claims": claims, "mentions": mentions, "links": {m: entity_id for m in mids},
            "docs": docs}


def document_graph(store: Store, doc_id: str) -> dict[str, Any] | None:
    """What a document page needs: the document, its mentions and their links, the claims with
    evidence in it, its copied-text pairs (and the other documents' titles)."""
    with store.snapshot() as c:
        docs = _documents(c, {doc_id})
        if doc_id not in docs:
            return None
        mrows = c.execute(select(s.mentions.c.doc, s.mentions.c.start, s.mentions.c.end, s.mentions.c.text,
                                 s.mentions.c.type, s.mentions.c.source).where(s.mentions.c.doc == doc_id)
                     .order_by(s.mentions.c.start, s.mentions.c.end, s.mentions.c.type)).all()  # as Store.mentions
        mentions = {m.id: m for m in (Mention(d, a, b, t, ty, src or "rule") for d, a, b, t, ty, src in mrows)}
        links = dict(c.execute(select(s.links.c.mention, s.links.c.entity)
                               .join(s.mentions, s.mentions.c.id == s.links.c.mention)
                               .where(s.mentions.c.doc == doc_id)).all())
        cids = list(dict.fromkeys(c.execute(select(s.evidence.c.claim).where(s.evidence.c.doc == doc_id)).scalars()))
        crow = [r for chunk in _chunks(cids) for r in
                c.execute(select(s.claims).where(s.claims.c.id.in_(chunk))).mappings().all()]
        claims = _claims_with_evidence(c, crow)
        reuse = []
        for r in c.execute(select(s.reuse).where((s.reuse.c.a == doc_id) | (s.reuse.c.b == doc_id))).mappings():
            from tahqiq.model import Reuse
            reuse.append(Reuse(r["a"], r["b"], r["similarity"],
                               [((a0, a1), (b0, b1)) for (a0, a1), (b0, b1) in _json(r["passages"]) or []]))
        others = {x for r in reuse for x in (r.a, r.b)} - {doc_id}
        metas = _doc_rows(c, others)
    return {"doc": docs[doc_id], "mentions": mentions, "links": links, "claims": claims, "reuse": reuse,
            "others": metas}


def _claims_with_evidence(c, crow) -> list[Claim]:
    ids = [r["id"] for r in crow]
    ev: dict[str, list[Evidence]] = defaultdict(list)
    for chunk in _chunks(ids):
        for r in c.execute(select(s.evidence).where(s.evidence.c.claim.in_(chunk))
                           .order_by(s.evidence.c.doc, s.evidence.c.start, s.evidence.c.end)).mappings():
            ev[r["claim"]].append(Evidence(r["doc"], r["start"], r["end"], r["quote"], _json(r["attributed_to"]) or [],
                                           bool(r["hedged"]), r["assertion"]))
    return [Claim(r["id"], r["subject"], r["predicate"], _json(r["object"]), _json(r["qualifiers"]) or {},
                  ev.get(r["id"], []), r["independent_sources"], r["status"])
            for r in sorted(crow, key=lambda r: (r["subject"], r["predicate"], r["id"]))]


def _entities(c, ids: set[str], mentions_of: dict[str, list[str]] | None = None) -> dict[str, Entity]:
    out = {}
    for chunk in _chunks(sorted(ids)):
        for r in c.execute(select(s.entities).where(s.entities.c.id.in_(chunk))).mappings():
            out[r["id"]] = Entity(r["id"], r["type"], r["name"], r["latin"], _json(r["names"]) or [],
                                  _json(r["aliases"]) or [], (mentions_of or {}).get(r["id"], []), _json(r["geo"]))
    return out


def _mentions(c, mids: list[str]) -> dict[str, Mention]:
    m = s.mentions
    out = {}
    for chunk in _chunks(sorted(mids)):
        for d, a, b, t, ty, src in c.execute(select(m.c.doc, m.c.start, m.c.end, m.c.text, m.c.type, m.c.source)
                                             .where(m.c.id.in_(chunk))):
            x = Mention(d, a, b, t, ty, src or "rule")
            out[x.id] = x
    return out


def _documents(c, ids: set[str]) -> dict[str, Document]:
    out = {}
    for chunk in _chunks(sorted(ids)):
        for r in c.execute(select(s.documents).where(s.documents.c.id.in_(chunk))).mappings():
            out[r["id"]] = _doc(r)
    return out


def _doc_rows(c, ids: set[str]) -> dict[str, DocRow]:
    d = s.documents
    out = {}
    for chunk in _chunks(sorted(ids)):
        for r in c.execute(select(d.c.id, d.c.title, d.c.source, d.c.outlet, d.c.published).where(d.c.id.in_(chunk))):
            out[r[0]] = DocRow(*r)
    return out


def doc_rows(store: Store, ids: set[str]) -> dict[str, DocRow]:
    with store.engine.connect() as c:
        return _doc_rows(c, ids)


def entity_names(store: Store, ids: set[str]) -> dict[str, Entity]:
    """Entities by id (without their mentions): names for links and labels."""
    with store.engine.connect() as c:
        return _entities(c, ids)


def co_mentioned(store: Store, entity_id: str, type: str, limit: int = 100) -> list[EntityRow]:
    """Entities of ``type`` named in the documents that name ``entity_id`` (merge choices)."""
    m, lk, e = s.mentions, s.links, s.entities
    with store.engine.connect() as c:
        docs = (select(m.c.doc).join(lk, lk.c.mention == m.c.id).where(lk.c.entity == entity_id).distinct()
                .limit(MAX_CO_DOCS))
        n = func.count().label("n")
        rows = c.execute(select(e.c.id, e.c.type, e.c.name, e.c.latin, e.c.aliases, n)
                         .select_from(lk).join(m, m.c.id == lk.c.mention).join(e, e.c.id == lk.c.entity)
                         .where(m.c.doc.in_(docs), e.c.type == type, lk.c.entity != entity_id)
                         .group_by(e.c.id, e.c.type, e.c.name, e.c.latin, e.c.aliases)
                         .order_by(n.desc(), e.c.id).limit(limit)).all()
    return sorted((_entity_row(r) for r in rows), key=lambda r: r.name)  # counts: within those documents


# ---- review, audit, stories ---------------------------------------------------------------------
def candidates(store: Store, page: int = 1, per: int = 10) -> Page[tuple[str, str, float, str]]:
    cd = s.candidates
    with store.engine.connect() as c:
        total = c.execute(select(func.count()).select_from(cd)).scalar() or 0
        rows = c.execute(select(cd.c.a, cd.c.b, cd.c.score, cd.c.reason)
                         .order_by(cd.c.score.desc(), cd.c.a, cd.c.b).limit(per).offset((page - 1) * per)).all()
    return Page([tuple(r) for r in rows], page, per, total)


def decisions(store: Store, page: int = 1, per: int = PER_PAGE) -> Page[dict[str, Any]]:
    """Review decisions, newest first."""
    d = s.decisions
    with store.engine.connect() as c:
        total = c.execute(select(func.count()).select_from(d)).scalar() or 0
        rows = c.execute(select(d).order_by(d.c.id.desc()).limit(per).offset((page - 1) * per)).mappings().all()
    return Page([{**r, "target": _json(r["target"])} for r in rows], page, per, total)


def undone(store: Store) -> dict[int, int]:
    """Decision id -> the id of the undo decision that cancels it (an undone undo cancels nothing)."""
    from tahqiq.resolve.review import cancelled_by
    d = s.decisions
    with store.engine.connect() as c:
        rows = [{"id": i, "kind": k, "target": _json(t)} for i, k, t in c.execute(select(d.c.id, d.c.kind, d.c.target))]
    return cancelled_by(rows)


def decision(store: Store, n: int) -> dict[str, Any] | None:
    d = s.decisions
    with store.engine.connect() as c:
        r = c.execute(select(d).where(d.c.id == n)).mappings().first()
    return {**r, "target": _json(r["target"])} if r else None


@dataclass(slots=True)
class Stories:
    groups: Page[list[DocRow]]
    alone: Page[DocRow]
    extra: dict[str, Any] = field(default_factory=dict)


def stories(store: Store, page: int = 1, per: int = 10) -> Stories:
    """Groups of documents sharing copied passages (largest first), and documents copied by none."""
    from tahqiq.components import Components

    comp: Components[str] = Components()
    with store.engine.connect() as c:
        for a, b in c.execute(select(s.reuse.c.a, s.reuse.c.b)):
            comp.union(a, b)
        shown = sorted(comp.groups(), key=lambda g: (-len(g), min(g)))
        total_alone = (c.execute(select(func.count()).select_from(s.documents)).scalar() or 0) - sum(map(len, shown))
        in_story = select(s.reuse.c.a).union(select(s.reuse.c.b))
        d = s.documents
        alone = c.execute(select(d.c.id, d.c.title, d.c.source, d.c.outlet, d.c.published)
                          .where(d.c.id.not_in(in_story)).order_by(d.c.seq.desc())
                          .limit(per * 5).offset((page - 1) * per * 5)).all()
        part = shown[(page - 1) * per:page * per]
        metas = _doc_rows(c, {x for g in part for x in g})
    pg = [sorted((metas[x] for x in g if x in metas), key=lambda r: (r.published or "", r.id)) for g in part]
    return Stories(Page(pg, page, per, len(shown)), Page([DocRow(*r) for r in alone], page, per * 5, max(0, total_alone)))


def entities_with_mentions(store: Store, ids: set[str]) -> dict[str, Entity]:
    """Entities by id with their mention ids (what a merge or split decision names)."""
    with store.snapshot() as c:
        mentions_of: dict[str, list[str]] = defaultdict(list)
        for chunk in _chunks(sorted(ids)):
            for m, e in c.execute(select(s.links.c.mention, s.links.c.entity).where(s.links.c.entity.in_(chunk))):
                mentions_of[e].append(m)
        return _entities(c, ids, {k: sorted(v) for k, v in mentions_of.items()})


def claim(store: Store, claim_id: str) -> Claim | None:
    with store.snapshot() as c:
        rows = c.execute(select(s.claims).where(s.claims.c.id == claim_id)).mappings().all()
        found = _claims_with_evidence(c, rows)
    return found[0] if found else None


@dataclass(slots=True)
class Card:
    """One side of a merge candidate: who the entity is and where it is named, with quotes."""

    entity: Entity
    mentions: int
    docs: int
    contexts: list[tuple[DocRow, str, str, str]]  # (document, text before, the mention, text after)
    claims: list[tuple[Claim, str, Evidence | None]]  # (claim, object text, first evidence)


def cards(store: Store, ids: set[str], per_entity: int = 3, width: int = 70) -> dict[str, Card]:
    """Side-by-side material for merge review: for each entity, its names, counts, a few
    mentions in their sentence context and a few of its claims with the quote."""
    ents = entities_with_mentions(store, ids)
    with store.snapshot() as c:
        ms = _mentions(c, [m for e in ents.values() for m in e.mentions])
        picked: dict[str, list[Mention]] = {}
        for e in ents.values():
            seen, first = set(), []
            for m in sorted((ms[x] for x in e.mentions if x in ms), key=lambda m: (m.doc, m.start)):
                if m.doc not in seen:
                    seen.add(m.doc)
                    first.append(m)
            picked[e.id] = first
        docs = _documents(c, {m.doc for v in picked.values() for m in v[:per_entity]})
        rows = {d: DocRow(x.id, x.title, x.source, x.outlet, x.published) for d, x in docs.items()}
        crow: list[Any] = []
        for chunk in _chunks(sorted(ids)):
            crow += c.execute(select(s.claims).where(s.claims.c.subject.in_(chunk))).mappings().all()
        claims = _claims_with_evidence(c, crow)
        objects = _entities(c, {o for x in claims if (o := x.object.get("entity"))})
    out: dict[str, Card] = {}
    for i, e in ents.items():
        ctx = []
        for m in picked[i][:per_entity]:
            t = docs[m.doc].text
            ctx.append((rows[m.doc], t[max(0, m.start - width):m.start].replace("\n", " "), t[m.start:m.end],
                        t[m.end:m.end + width].replace("\n", " ")))
        own = [x for x in claims if x.subject == i][:per_entity]
        shown = [(x, objects[x.object["entity"]].name if x.object.get("entity") in objects
                  else str(x.object.get("value", x.object.get("text", ""))), x.evidence[0] if x.evidence else None)
                 for x in own]
        out[i] = Card(e, len(e.mentions), len({ms[x].doc for x in e.mentions if x in ms}), ctx, shown)
    return out


# ---- timeline, contradictions, network ---------------------------------------------------------
def _date_of(cl):
    """A claim's own date (its ``date`` qualifier) as stored text ('' when it has none)."""
    return func.coalesce(cl.c.qualifiers["date"].as_string(), "")


def _dated(cl):
    """The claims whose own date reads as a year 1800-2200 (what the timeline puts on its axis)."""
    d = _date_of(cl)
    return (d >= "1800") & (d < "2201")


def _about(cl, entity: str | None):
    """Claims whose subject or object is ``entity`` (every claim without one)."""
    if entity is None:
        return true()
    return or_(cl.c.subject == entity, cl.c.object["entity"].as_string() == entity)


@dataclass(slots=True)
class Facts:
    """One page of the timeline: dated facts (date text, claim) and, apart, undated facts, with
    the entities they name and the documents their quotes cite (and nothing else)."""

    dated: Page[tuple[str, Claim]]
    undated: Page[Claim]
    entities: dict[str, Entity]
    docs: dict[str, Document]


def timeline(store: Store, entity: str | None = None, page: int = 1, upage: int = 1, per: int = 50) -> Facts:
    """Dated facts in date order (``page``) and undated ones by their report's date (``upage``),
    of one entity or of all; each list one page at a time, read with ``LIMIT``/``OFFSET``."""
    cl, ev, d = s.claims, s.evidence, s.documents
    published = (select(func.min(d.c.published)).select_from(ev.join(d, d.c.id == ev.c.doc))
                 .where(ev.c.claim == cl.c.id).correlate(cl).scalar_subquery())
    about, dated = _about(cl, entity), _dated(cl)
    with store.snapshot() as c:
        n_dated = c.execute(select(func.count()).select_from(cl).where(about, dated)).scalar() or 0
        n_undated = c.execute(select(func.count()).select_from(cl).where(about, ~dated)).scalar() or 0
        drows = c.execute(select(cl.c.id, _date_of(cl)).where(about, dated).order_by(_date_of(cl), cl.c.id)
                          .limit(per).offset((page - 1) * per)).all()
        urows = c.execute(select(cl.c.id).where(about, ~dated)
                          .order_by(func.coalesce(published, ""), cl.c.id)
                          .limit(per).offset((upage - 1) * per)).scalars().all()
        ids = [r[0] for r in drows] + list(urows)
        crow = [r for chunk in _chunks(ids) for r in c.execute(select(cl).where(cl.c.id.in_(chunk))).mappings()]
        by_id = {x.id: x for x in _claims_with_evidence(c, crow)}
        ents, docs = _named_and_cited(c, list(by_id.values()))
    return Facts(Page([(str(dt), by_id[i]) for i, dt in drows if i in by_id], page, per, n_dated),
                 Page([by_id[i] for i in urows if i in by_id], upage, per, n_undated), ents, docs)


def _named_and_cited(c, claims: list[Claim]) -> tuple[dict[str, Entity], dict[str, Document]]:
    named = {x.subject for x in claims} | {x.object["entity"] for x in claims if x.object.get("entity")}
    return _entities(c, named), _documents(c, {e.doc for x in claims for e in x.evidence})


# The predicates a contradiction can be about (corroborate.contradictions): the same predicate twice
# for these, or any two of WHEREABOUTS.
CONTRADICTABLE = ("nationality", "age", "origin")


@dataclass(slots=True)
class Conflicts:
    """One page of contradictions: (subject, reason, [claim a, claim b]) with what they name and cite."""

    groups: Page[tuple[str, str, list[Claim]]]
    entities: dict[str, Entity]
    docs: dict[str, Document]


def contradictions(store: Store, page: int = 1, per: int = 10) -> Conflicts:
    """Contradictions, ``per`` at a time. They are found among the claims that can conflict
    (``CONTRADICTABLE`` and whereabouts predicates, of subjects with two or more of them; their
    rows without quotes, and the documents of their evidence); only the page's claims are read whole."""
    from tahqiq.corroborate.contradictions import find_contradictions
    from tahqiq.vocabulary import WHEREABOUTS, ClaimObject

    cl, ev = s.claims, s.evidence
    preds = CONTRADICTABLE + tuple(WHEREABOUTS)
    many = select(cl.c.subject).where(cl.c.predicate.in_(preds)).group_by(cl.c.subject).having(func.count() > 1)
    with store.snapshot() as c:
        rows = c.execute(select(cl.c.id, cl.c.subject, cl.c.predicate, cl.c.object, cl.c.qualifiers)
                         .where(cl.c.predicate.in_(preds), cl.c.subject.in_(many))).all()
        where: dict[str, list[Evidence]] = defaultdict(list)
        for chunk in _chunks([r[0] for r in rows if r[2] in WHEREABOUTS]):
            for claim_id, doc in c.execute(select(ev.c.claim, ev.c.doc).where(ev.c.claim.in_(chunk)).distinct()):
                where[claim_id].append(Evidence(doc, 0, 0, ""))
        light = [Claim(i, subj, p, typed(ClaimObject, _json(o) or {}), _json(q) or {}, where.get(i, []))
                 for i, subj, p, o, q in rows]
        objects = _entities(c, {x.object["entity"] for x in light if x.object.get("entity")})
        found = find_contradictions(light, objects)
        part = found[(page - 1) * per:page * per]
        ids = list(dict.fromkeys(x for f in part for x in (f.a.id, f.b.id)))
        crow = [r for chunk in _chunks(ids) for r in c.execute(select(cl).where(cl.c.id.in_(chunk))).mappings()]
        by_id = {x.id: x for x in _claims_with_evidence(c, crow)}
        ents, docs = _named_and_cited(c, list(by_id.values()))
    groups = [(f.a.subject, f.reason, [by_id[f.a.id], by_id[f.b.id]]) for f in part
              if f.a.id in by_id and f.b.id in by_id]
    return Conflicts(Page(groups, page, per, len(found)), ents, docs)


NETWORK_TYPES = ("PER", "ORG", "LOC")
CO_MENTION = "co_mention"


class NetIndex:
    """The network's edges, for ranking entities by how connected they are: (a, b, predicate,
    weight) for every pair named in one sentence (``co_mention``) and every claim from one entity
    to another, between entities of ``NETWORK_TYPES``, with each entity's type. Like
    ``NameIndex``, built once per graph state (the cross-document pages rank over all of it)
    and reused; the names shown are read per page (``entity_rows``)."""

    _cache: dict[str, tuple[Any, "NetIndex"]] = {}
    _lock = threading.Lock()

    def __init__(self, edges: list[tuple[str, str, str, int]], types: dict[str, str]):
        self.edges = edges
        self.types = types

    @classmethod
    def of(cls, store: Store) -> "NetIndex":
        with store.snapshot() as c:
            stamp = _stamp(store, c)
            hit = cls._cache.get(store.url)
            if hit and hit[0] == stamp:
                return hit[1]
            idx = cls.build(c)
        with cls._lock:
            cls._cache[store.url] = (stamp, idx)
        return idx

    @classmethod
    def build(cls, c) -> "NetIndex":
        from tahqiq.text.segment import sentences

        m, lk, e, d = s.mentions, s.links, s.entities, s.documents
        types = dict(c.execute(select(e.c.id, e.c.type).where(e.c.type.in_(NETWORK_TYPES))).all())
        by_doc: dict[str, list[tuple[int, str]]] = defaultdict(list)
        for doc, start, ent in c.execute(select(m.c.doc, m.c.start, lk.c.entity).join(lk, lk.c.mention == m.c.id)
                                         .join(e, e.c.id == lk.c.entity).where(e.c.type.in_(NETWORK_TYPES))):
            by_doc[doc].append((start, ent))
        several = sorted(doc for doc, ms in by_doc.items() if len({x for _, x in ms}) > 1)
        weights: dict[tuple[str, str, str], int] = defaultdict(int)
        for chunk in _chunks(several):
            for doc, text in c.execute(select(d.c.id, d.c.text).where(d.c.id.in_(chunk))):
                ms = sorted(by_doc[doc])
                for sent in sentences(text):
                    ids = sorted({x for start, x in ms if sent.start <= start < sent.end})
                    for i, a in enumerate(ids):
                        for b in ids[i + 1:]:
                            weights[(a, b, CO_MENTION)] += 1
        cl = s.claims
        for subj, pred, obj in c.execute(select(cl.c.subject, cl.c.predicate, cl.c.object)
                                         .where(cl.c.object["entity"].as_string().is_not(None))):
            target = (_json(obj) or {}).get("entity")
            if target and subj != target and subj in types and target in types:
                weights[(subj, target, pred)] += 1
        return cls([(a, b, p, w) for (a, b, p), w in sorted(weights.items())], types)


def _stamp(store: Store, c) -> tuple:
    """What changes when the graph does: the link state, the entities' count and largest id,
    the claims' count and the last document stored."""
    return (store.get_meta("link_state"), c.execute(select(func.count()).select_from(s.entities)).scalar(),
            c.execute(select(func.max(s.entities.c.id))).scalar(),
            c.execute(select(func.count()).select_from(s.claims)).scalar(),
            c.execute(select(func.max(s.documents.c.seq))).scalar())


def entity_rows(store: Store, ids: list[str]) -> list[EntityRow]:
    """These entities (names, mention counts), in the order given."""
    return _entity_rows(store, ids)


def top_entities(store: Store, types: tuple[str, ...], n: int = 300) -> list[EntityRow]:
    """The ``n`` most mentioned entities of ``types`` (an ego network's choices)."""
    e, lk = s.entities, s.links
    cnt = select(func.count()).where(lk.c.entity == e.c.id).correlate(e).scalar_subquery()
    with store.engine.connect() as c:
        rows = c.execute(select(e.c.id, e.c.type, e.c.name, e.c.latin, e.c.aliases, cnt.label("n"))
                         .where(e.c.type.in_(types)).order_by(cnt.desc(), e.c.name, e.c.id).limit(n)).all()
    return [_entity_row(r) for r in rows]
