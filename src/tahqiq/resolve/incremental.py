"""Incremental resolution: new documents' mentions against the entities already stored.

A full link re-resolves every mention in the store, so adding 1,000 articles to a
store of 30,000 would cost as much resolution as the 31,000 together. An
incremental link does the work the new articles bring, not the work the store
already holds:

1. The new mentions' blocking keys (``entities.person_keys``: full name, each
   shorter form, kunya + nisba, bare kunya, the fuzzy family-name block; the
   object key of a place, organisation or nationality) are looked up in the
   store's ``name_keys`` table: the stored entities a new mention could join.
2. Each of those entities enters the same clustering (``entities.cluster``) as
   stand-in mentions, one per name it goes by, already joined to each other and
   carrying what the store says about it (stated nationality, context features,
   reviewers' splits). The new mentions are then resolved exactly as in a full
   link: within their documents, then across documents against the stand-ins
   and each other.
3. A cluster that gained new mentions, or that joined two stored entities, is
   rebuilt from counts read in SQL (``Store.entity_counts``: a place named 40,000
   times costs a few rows) plus its new mentions; nothing else is touched.

What this gives up, on purpose: a stored entity is never split or re-clustered
by later documents (a full link could, when new names make an earlier join
ambiguous), and a stored person's kinship cues ("ابنه") are not re-read. A
reviewer's decision, a changed resolver (``LINK_VERSION``) or ``--relink``
re-runs the full link, which is what the tests compare an incremental one with.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from tahqiq.model import Assertion, Entity, Mention, stable_id
from tahqiq.resolve.entities import (Seed, _key, active_decisions, cluster, entity_from_counts, entity_keys,
                                     person_keys, retype, romanize_entities, statements)
from tahqiq.knowledge.gazetteer import demonyms, lookup, organizations
from tahqiq.resolve.names import parse_name
from tahqiq.resolve.persons import _generic, subchains
from tahqiq.text.normalize import norm


@dataclass(slots=True)
class Increment:
    entities: list[Entity] = field(default_factory=list)         # new or rebuilt (mention lists empty)
    dropped: set[str] = field(default_factory=set)                # stored entities merged into another
    moved: dict[str, str] = field(default_factory=dict)           # stored entity -> the one it now is
    links: dict[str, str] = field(default_factory=dict)           # new mention -> entity
    candidates: list[tuple[str, str, float, str]] = field(default_factory=list)
    name_keys: dict[str, set[str]] = field(default_factory=dict)  # changed entity -> blocking keys
    touched: int = 0                                              # stored entities looked at


def lookup_keys(m: Mention) -> set[str]:
    """Keys under which stored entities that ``m`` could join are filed (``entity_keys``)."""
    if m.type != "PER":
        return {"o|" + _key(m.type, m.text, id(organizations()))}
    out = person_keys(m.text)
    p = parse_name(m.text)
    if p.is_full:
        out = {k for k in out if not k.startswith("s|")} | {"s|" + " ".join(p.core)}
        for sub in subchains(p.core):  # a stored shorter form, and the other people it may be
            out |= {"f|" + " ".join(sub), "s|" + " ".join(sub)}
    if len(m.text.split()) >= 2:
        out.add("t|" + " ".join(norm(m.text).split()))
    return out


def _retyped_count(text: str, typ: str, person: bool, people: set[str]) -> str:
    """The type a stored mention had in its cluster (stored rows keep the tagger's type;
    ``entities.retype`` corrected it when the store was linked)."""
    n = " ".join(norm(text).split())
    if typ in ("ORG", "LOC") and (person or n in people) and _key(typ, text, id(organizations())) == f"{typ}:{n}":
        return "PER"
    if typ == "LOC" and demonyms().get(n) and lookup(text) is None:
        return "NAT"
    return typ


def resolve_increment(store, mentions: list[Mention], assertions: list[Assertion], decisions=(),
                      contexts: dict[str, str] | None = None, latin: bool = True) -> Increment:
    """Resolve the new documents' ``mentions`` (with their ``assertions`` and kinship
    ``contexts``) against the entities in ``store``; see the module docstring."""
    out = Increment()
    if not mentions:
        return out
    # 1. Which stored names are people (retype), and which stored entities are in reach.
    probe = {"p|" + " ".join(norm(m.text).split()) for m in mentions
             if m.type in ("ORG", "LOC") and mention_is_unknown(m)}
    known = store.entities_with_keys(probe)
    people = {k[2:] for k in known}
    typed = retype(mentions, people)
    wanted: set[str] = set()
    for m in typed:
        wanted |= lookup_keys(m)
    hits = store.entities_with_keys(wanted)
    by_entity: dict[str, set[str]] = defaultdict(set)
    for k, ents in hits.items():
        for e in ents:
            by_entity[e].add(k)
    stored = store.entity_rows(by_entity)
    counts = store.entity_counts(stored)
    as_person = {e for e, x in stored.items() if x.type == "PER" or any(k.startswith("t|") for k in by_entity[e])}
    out.touched = len(stored)

    # 2. Stand-ins for the stored entities, and what the store says about them.
    about: dict[str, list[Assertion]] = defaultdict(list)
    for e, a in store.assertions_about(stored):
        about[e].append(a)
    objects = store.mention_rows({a.object["mention"] for xs in about.values() for a in xs
                                  if isinstance(a.object.get("mention"), str)}
                                 | {a.subject for xs in about.values() for a in xs if a.predicate == "nationality"})
    links_of_splits = _split_links(store, decisions)
    company = _company(store, {e for e in stored if e in as_person}, counts)
    seed = Seed(people=people)
    stand: list[Mention] = []
    owner: dict[str, str] = {}
    for e in sorted(stored):
        x, group = stored[e], []
        if e in as_person:
            texts = sorted({t for t, _ in counts.get(e, ({}, ""))[0]} or {x.name})
            for k, t in enumerate(texts):
                group.append(Mention("~" + e, k, k + 1, t, "PER", "stored"))
        # A place, organisation or nationality is reached through its object key; so is a
        # person whose cluster holds such a mention (joined by an alias statement). "NAT"
        # is only the stand-in's type for that join: entity types come from the counts.
        for k, key in enumerate(sorted(h for h in by_entity[e] if h.startswith("o|")), start=len(group)):
            m = Mention("~" + e, k, k + 1, x.name, "NAT" if e in as_person else x.type, "stored")
            seed.keys[m.id] = key[2:]
            group.append(m)
        if not group:
            continue
        ids = [m.id for m in group]
        seed.groups.append(ids)
        owner.update((i, e) for i in ids)
        stand += group
        if e in as_person:
            seed.facts[ids[0]] = _facts(about[e], objects) | company.get(e, set())
            seed.nats[ids[0]] = _stated_nationalities(about[e], objects)
        tags = {(key, side) for key, sides in links_of_splits.items() for side in (0, 1) if e in sides[side]}
        if tags:
            seed.tags[ids[0]] = tags

    # 3. The same clustering as a full link, over new mentions and stand-ins.
    c = cluster(mentions + stand, assertions, decisions, contexts=contexts, seed=seed)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(c.mentions)):
        groups[c.uf.find(i)].append(i)
    new_alias, new_origin = statements(assertions, {mid: m.text for mid, m in zip(c.ids, c.mentions)
                                                    if m.type == "LOC" and mid not in owner})
    entity_of_root: dict[int, str] = {}
    pending = []
    for root, members in groups.items():
        olds = sorted({owner[c.ids[i]] for i in members if c.ids[i] in owner})
        fresh = [i for i in members if c.ids[i] not in owner]
        if not fresh and len(olds) == 1:
            entity_of_root[root] = olds[0]
            continue
        pending.append((root, olds, fresh))
    built = []
    deferred: list = []
    for root, olds, fresh in pending:
        tally: Counter = Counter()
        for e in olds:
            person = e in as_person
            for (t, ty), n in counts.get(e, ({}, ""))[0].items():
                tally[(t, _retyped_count(t, ty, person, people))] += n
        for i in fresh:
            tally[(c.mentions[i].text, c.mentions[i].type)] += 1
        aliases = {t for i in fresh for t in new_alias.get(c.ids[i], ())}
        origins = {new_origin[c.ids[i]] for i in fresh if c.ids[i] in new_origin}
        for e in olds:
            aliases |= {str(a.object.get("text", "")) for a in about[e] if a.predicate == "alias"}
            origins |= _origins(about[e], objects)
        ent = entity_from_counts(tally, aliases, origins, c.uf.nats.get(root), latin, deferred)
        low = min([c.ids[i] for i in fresh] + [counts[e][1] for e in olds if e in counts])
        built.append((low, root, olds, fresh, ent, tally))
    romanize_entities(deferred)
    # Ids as a full link gives them: one name's base id goes to the cluster with the smallest
    # mention id, the others get the base id plus their smallest mention id. Every base id in
    # play (a rebuilt cluster's, a merged-away entity's) is dealt again among all its holders,
    # stored ones included (``name_keys`` files each entity under "id|" + its base id); a
    # stored holder whose id changes is renamed (moved) like a merged entity.
    mine = {e for _, _, olds, _, _, _ in built for e in olds}
    bases = {ent.id for *_, ent, _ in built}
    bases |= {k[3:] for ks in store.name_keys_of(mine).values() for k in ks if k.startswith("id|")}
    holders = {e for ents in store.entities_with_keys({"id|" + b for b in bases}).values() for e in ents} - mine
    lows = store.entity_lows(holders)
    base_of = {e: k[3:] for e, ks in store.name_keys_of(holders).items() for k in ks if k.startswith("id|")}
    types = {e: x.type for e, x in store.entity_rows(holders).items()}
    contenders: dict[str, list[tuple[str, Any, str]]] = defaultdict(list)
    base_of_item = {}
    for item in built:
        base_of_item[id(item)] = item[4].id
        contenders[item[4].id].append((item[0], item, item[4].type))
    for e in holders:
        if e in lows and e in base_of and e in types:
            contenders[base_of[e]].append((lows[e], e, types[e]))
    renamed: dict[str, str] = {}
    for base, xs in contenders.items():
        for rank, (low, item, typ) in enumerate(sorted(xs, key=lambda x: x[0])):
            want = base if rank == 0 else stable_id("e", typ, base, low)
            if isinstance(item, str):
                if item != want:
                    renamed[item] = want
            else:
                item[4].id = want
    for item in built:
        low, root, olds, fresh, ent, tally = item
        entity_of_root[root] = ent.id
        out.entities.append(ent)
        out.name_keys[ent.id] = entity_keys(tally) | {"id|" + base_of_item[id(item)]}
        for e in olds:
            if e != ent.id:
                out.dropped.add(e)
                out.moved[e] = ent.id
        for i in fresh:
            out.links[c.ids[i]] = ent.id
    if renamed:
        rows = store.entity_rows(renamed)
        keys = store.name_keys_of(renamed)
        for old, new in renamed.items():
            ent = rows[old]
            ent.id = new
            out.entities.append(ent)
            out.name_keys[new] = keys.get(old, set())
            out.dropped.add(old)
            out.moved[old] = new
    entity_of_root = {r: renamed.get(e, e) for r, e in entity_of_root.items()}
    cands: dict[tuple[str, str], tuple[float, str]] = {}
    for i, j, score, reason in c.people.candidates:
        a, b = entity_of_root[c.uf.find(i)], entity_of_root[c.uf.find(j)]
        if a == b:
            continue
        pair = (min(a, b), max(a, b))
        if pair not in cands or cands[pair][0] < score:
            cands[pair] = (score, reason)
    out.candidates = [(a, b, s, r) for (a, b), (s, r) in sorted(cands.items())]
    return out


def mention_is_unknown(m: Mention) -> bool:
    """An ORG/LOC no gazetteer knows (keyed on its own spelling): a person's name may retype it."""
    n = " ".join(norm(m.text).split())
    return _key(m.type, m.text, id(organizations())) == f"{m.type}:{n}"


MAX_CONTEXT_DOCS = 200  # a stored person named in more documents than this is not a generic name


def _specific(text: str) -> str | None:
    """The name ``PersonResolver`` lists a person by in a document's company ("with …")."""
    p = parse_name(text)
    return p.key if (p.is_full and not _generic(p.core)) else p.kunya_key


def _company(store, people: set[str], counts) -> dict[str, set[str]]:
    """"with X" features of stored people whose names are generic (two given names, a kunya
    with a country's nisba): the specific names of the others named in their documents,
    which is what lets a full link join "محمد نايف" across two reports of one event."""
    dem = demonyms()

    def generic(text: str) -> bool:
        p = parse_name(text)
        return (p.is_full and _generic(p.core)) or bool(p.kunya_key and p.kunya_key.split(" ")[-1] in dem) \
            or (p.is_full and any(_generic(x) for x in subchains(p.core)))
    want = {e for e in people if any(generic(t) for t, _ in counts.get(e, ({}, ""))[0])}
    docs = {e: ds for e, ds in store.entity_docs(want).items() if len(ds) <= MAX_CONTEXT_DOCS}
    if not docs:
        return {}
    by_doc: dict[str, set[str]] = defaultdict(set)
    for m in store.mentions_in({d for ds in docs.values() for d in ds}):
        if m.type == "PER" and (k := _specific(m.text)):
            by_doc[m.doc].add(k)
    out: dict[str, set[str]] = {}
    for e, ds in docs.items():
        own = {k for t, _ in counts.get(e, ({}, ""))[0] if (k := _specific(t))}
        out[e] = {f"with {n}" for d in ds for n in by_doc.get(d, ()) if n not in own}
    return out


def _facts(assertions: list[Assertion], objects: dict[str, Mention]) -> set[str]:
    """Context features of a stored person, as ``PersonResolver`` keys them."""
    out = set()
    for a in assertions:
        if a.predicate == "alias":
            continue
        obj = a.object.get("mention")
        m = objects.get(obj) if isinstance(obj, str) else None
        key = _key(m.type, m.text, id(organizations())) if m is not None else None
        out.add(f"{a.predicate}:{key or norm(str(a.object.get('text', '')))}")
    return out


def _stated_nationalities(assertions: list[Assertion], objects: dict[str, Mention]) -> set[str]:
    dem = demonyms()
    out = set()
    for a in assertions:
        subj = objects.get(a.subject)
        if a.predicate != "nationality" or subj is None or parse_name(subj.text).ism is not None:
            continue  # as in ``PersonResolver.seed``: a full name's "التركي" is a family name
        obj = a.object.get("mention")
        m = objects.get(obj) if isinstance(obj, str) else None
        text = m.text if m is not None else str(a.object.get("text", ""))
        code = a.object.get("country") or dem.get(" ".join(norm(text).split()))
        if code:
            out.add(code)
    return out


def _origins(assertions: list[Assertion], objects: dict[str, Mention]) -> set[str]:
    out = set()
    for a in assertions:
        m = objects.get(a.object.get("mention") or "") if a.predicate == "origin" else None
        if m is not None and m.type == "LOC":
            p = lookup(m.text)
            if p and p.country:
                out.add(p.country)
    return out


def _split_links(store, decisions) -> dict[Any, tuple[set[str], set[str]]]:
    """Reviewers' splits in force, as the two sets of stored entities each side's mentions are in."""
    _, splits = active_decisions(decisions)
    if not splits:
        return {}
    links = store.links_for({m for _, a, b in splits for m in (*a, *b)})
    return {key: ({links[m] for m in a if m in links}, {links[m] for m in b if m in links}) for key, a, b in splits}
