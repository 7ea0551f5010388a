"""What the linker reads: the incremental-link queries (scoped to the documents, mentions and
entities a new batch touches, never the whole store), the romanisation memo, and the
copied-text candidate queries over the fingerprint table (the band join and the stock keys).
Each query is chunked so its IN lists stay under the databases' parameter limits."""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable, Iterator

from sqlalchemy import Text, case, cast, func, select

from tahqiq.model import Assertion, Entity, Mention, Reuse
from tahqiq.store import schema as s
from tahqiq.store.rows import _IN_LIMIT, StorePart, _assertion, _chunks, _passage


class LinkQueries(StorePart):
    """Scoped reads for ``resolve.incremental``, ``pipeline.link`` and ``corroborate.reuse``."""

    def unlinked_docs(self) -> list[str]:
        """Documents stored but not yet covered by a link (this build's, or an interrupted
        or concurrent build's), in ingest order."""
        with self.engine.connect() as c:
            return list(c.execute(select(s.unlinked.c.doc).join(s.documents, s.documents.c.id == s.unlinked.c.doc)
                                  .order_by(s.documents.c.seq)).scalars())

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

    def romanizations(self) -> dict[str, str | None]:
        """The romanisation memo (``text.latin.memo``) stored by earlier links."""
        with self.engine.connect() as c:
            return {k: v for k, v in c.execute(select(s.romanizations.c.key, s.romanizations.c.latin))}

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
