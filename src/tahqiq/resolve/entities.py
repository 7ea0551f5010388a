"""Resolve stage: mentions across documents into one entity per real thing.

Needs all stored mentions and per-document assertions (alias, origin,
nationality … statements), optionally the few words before each person
mention (kinship cues) and the review decisions; adds entities, the
mention -> entity map and review candidates.

- Places key on their gazetteer entry (``gazetteer.lookup``: variants,
  hashtags, "ريف حلب", demonyms are not places); a place with no entry
  stays an unresolved LOC keyed on its own spelling, never a guessed point.
- Organisations key on the alias table's canonical name.
- Persons: ``resolve.persons`` (names parsed by ``resolve.names``).
- Decisions: ``merge`` joins mentions; ``split`` keeps two sets of mentions
  apart (cannot-link). Both target mention ids, which are stable hashes of
  document content and offsets, so decisions survive rebuilds. When a merge
  and a split concern the same pair, the later decision wins.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from collections.abc import Iterable, Sequence
from typing import Any

from tahqiq.model import Assertion, Entity, Mention, stable_id
from tahqiq.resolve.clusters import Clusters
from tahqiq.knowledge.gazetteer import Place, demonyms, lookup, organizations
from tahqiq.resolve.names import parse_name
from tahqiq.resolve.persons import PersonResolver, fuzzy_blocks, subchains
from tahqiq.text.normalize import norm


@dataclass(slots=True)
class Resolution:
    entities: list[Entity]
    links: dict[str, str]  # mention id -> entity id
    candidates: list[tuple[str, str, float, str]] = field(default_factory=list)  # entity a < b
    name_keys: dict[str, set[str]] = field(default_factory=dict)  # entity -> blocking keys (``entity_keys``)


def mention_key(m: Mention) -> str:
    """Natural key of a non-person mention: gazetteer ref, canonical organisation, country code."""
    return _key(m.type, m.text, id(organizations()))  # the table's identity: a reloaded table is a new key


@lru_cache(maxsize=262_144)  # depends on the spelling and type only; a store repeats both
def _key(typ: str, text: str, _table: int) -> str:
    n = " ".join(norm(text).replace("#", " ").split())
    if typ == "LOC":
        p = lookup(text)
        return p.ref if p else f"LOC:{n}"
    if typ == "ORG":
        o = organizations().get(n) or (organizations().get(n[1:]) if n[:1] in "وفبلك" else None)
        return f"ORG:{norm(o.name)}" if o else f"ORG:{n}"
    if typ == "NAT":
        return f"NAT:{demonyms().get(n) or n}"
    return f"{typ}:{n}"


def resolve(mentions: list[Mention], assertions: list[Assertion],
            decisions: Sequence[dict[str, Any]] = (), **kw: Any) -> tuple[list[Entity], dict[str, str]]:
    """Return entities and the mention -> entity map (see ``resolve_graph``)."""
    r = resolve_graph(mentions, assertions, decisions, **kw)
    return r.entities, r.links


@dataclass(slots=True)
class Seed:
    """Stored clusters that an incremental link resolves new mentions against
    (``resolve.incremental``): each stored entity enters as a few stand-in mentions, one
    per name it goes by, in a document of its own ("~" + entity id)."""

    groups: list[list[str]] = field(default_factory=list)    # stand-in mention ids, one group per entity
    keys: dict[str, str] = field(default_factory=dict)       # stand-in id -> object key (non-persons)
    nats: dict[str, set[str]] = field(default_factory=dict)  # first stand-in id -> nationality codes
    facts: dict[str, set[str]] = field(default_factory=dict)  # first stand-in id -> context features
    tags: dict[str, set[tuple[object, int]]] = field(default_factory=dict)  # first stand-in -> cannot-link tags
    people: set[str] = field(default_factory=set)            # full person names the store knows (retype)


@dataclass(slots=True)
class Clustering:
    mentions: list[Mention]
    ids: list[str]
    uf: Clusters
    people: PersonResolver
    splits: list


def resolve_graph(mentions: list[Mention], assertions: list[Assertion], decisions: Sequence[dict[str, Any]] = (),
                  *, contexts: dict[str, str] | None = None, latin: bool = True) -> Resolution:
    """Entities, links and review candidates. ``contexts``: mention id -> text just before it."""
    c = cluster(mentions, assertions, decisions, contexts=contexts)
    return _build(c.mentions, c.ids, c.uf, assertions, c.people, latin, c.splits)


def cluster(mentions: list[Mention], assertions: list[Assertion], decisions: Sequence[dict[str, Any]] = (),
            *, contexts: dict[str, str] | None = None, seed: Seed | None = None) -> Clustering:
    """Mentions into clusters (the union-find), before entities are built from them."""
    ids = [m.id for m in mentions]
    index = {mid: i for i, mid in enumerate(ids)}
    mentions = retype(mentions, seed.people if seed else ())
    uf = Clusters(len(mentions))
    merges, splits = active_decisions(decisions)
    for key, a, b in splits:
        uf.cannot_link(key, [index[x] for x in a if x in index], [index[x] for x in b if x in index])
    keys: dict[int, str] = {}
    fixed = seed.keys if seed else {}

    def object_key(mid: str) -> str | None:
        i = index.get(mid)
        if i is None:
            return None
        if i not in keys:
            keys[i] = fixed.get(mid) or mention_key(mentions[i])
        return keys[i]

    people = PersonResolver(mentions, ids, uf, assertions, contexts, object_key)
    people.seed(_nationalities(mentions, index, assertions))
    if seed:
        for group in seed.groups:
            head = index[group[0]]
            for x in group[1:]:
                uf.union(head, index[x], explicit=True)
            for code in seed.nats.get(group[0], ()):
                uf.add("nats", head, code)
            for tag in seed.tags.get(group[0], ()):
                uf.add("tags", head, tag)
            if seed.facts.get(group[0]):
                people.facts[head] |= seed.facts[group[0]]
    for group in merges:
        present = [index[x] for x in group if x in index]
        for j in present[1:]:
            uf.union(present[0], j, explicit=True)
    first: dict[str | None, int] = {}
    for i, m in enumerate(mentions):
        if m.type != "PER":
            uf.union(first.setdefault(object_key(ids[i]), i), i, explicit=True)
    for st in assertions:
        obj = st.object.get("mention")
        if st.predicate == "alias" and obj in index and st.subject in index:
            uf.union(index[st.subject], index[obj], explicit=True)
    people.link_documents()
    people.link_across()
    return Clustering(mentions, ids, uf, people, splits)


def retype(mentions: list[Mention], known_people: Iterable[str] = ()) -> list[Mention]:
    """Copies with corrected types (statistical taggers confuse them): an ORG/LOC mention that no
    gazetteer knows but that is written exactly like a full person name found elsewhere becomes
    PER (the corpus votes); a LOC that is a nationality word becomes NAT. Ids stay the originals'."""
    people = {" ".join(norm(m.text).split()) for m in mentions if m.type == "PER" and len(m.text.split()) >= 2}
    people |= set(known_people)
    out = []
    for m in mentions:
        n = " ".join(norm(m.text).split())
        if m.type in ("ORG", "LOC") and n in people and mention_key(m) in (f"ORG:{n}", f"LOC:{n}"):
            m = Mention(m.doc, m.start, m.end, m.text, "PER", m.source)
        elif m.type == "LOC" and demonyms().get(n) and lookup(m.text) is None:
            m = Mention(m.doc, m.start, m.end, m.text, "NAT", m.source)  # "السورية" is a nationality
        out.append(m)
    return out


def active_decisions(decisions) -> tuple[list[list[str]], list[tuple[object, list[str], list[str]]]]:
    """Merges (mention groups) and splits (two mention sets) in force: the later of two opposite decisions wins."""
    merges: list[tuple[int, list[str]]] = []
    splits: list[tuple[int, list[str], list[str]]] = []
    for n, d in enumerate(decisions):
        t = d.get("target") or {}
        if d.get("kind") == "merge":
            group = list(t.get("mentions", []))
            s = set(group)
            splits = [x for x in splits if not (s & set(x[1]) and s & set(x[2]))]
            merges.append((n, group))
        elif d.get("kind") == "split":
            a, b = list(t.get("a", [])), list(t.get("b", []))
            sa, sb = set(a), set(b)
            merges = [x for x in merges if not (sa & set(x[1]) and sb & set(x[1]))]
            splits.append((n, a, b))
    return [g for _, g in merges], [(("split", decisions[n].get("id", n)), a, b) for n, a, b in splits]


def _nationalities(mentions, index, assertions) -> dict[int, str]:
    dem = demonyms()
    out: dict[int, str] = {}
    for a in assertions:
        if a.predicate not in ("nationality", "passport") or a.subject not in index:
            continue
        i = index.get(a.object.get("mention", ""))
        text = mentions[i].text if i is not None else str(a.object.get("text", ""))
        code = a.object.get("country") or dem.get(" ".join(norm(text).split()))
        if code and a.predicate == "nationality":
            out[index[a.subject]] = code
    return out


def _build(mentions, ids, uf: Clusters, assertions, people: PersonResolver, latin,
           splits) -> Resolution:
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(mentions)):
        groups[uf.find(i)].append(i)
    aliases_of, origin_of = statements(assertions, {mid: m.text for mid, m in zip(ids, mentions) if m.type == "LOC"})
    entities: list[Entity] = []
    links: dict[str, str] = {}
    entity_of_root: dict[int, str] = {}
    used: set[str] = set()
    name_keys: dict[str, set[str]] = {}
    deferred: list = []
    for root in sorted(groups, key=lambda r: min(ids[i] for i in groups[r])):
        ms = groups[root]
        mids = [ids[i] for i in ms]
        counts = Counter((mentions[i].text, mentions[i].type) for i in ms)
        e = entity_from_counts(counts, {t for mid in mids for t in aliases_of.get(mid, ())},
                               {origin_of[mid] for mid in mids if mid in origin_of}, uf.nats.get(root), latin,
                               deferred)
        e.mentions = sorted(mids)
        base = e.id
        if e.id in used:  # two people with one name: the second keeps its own stable id
            e.id = stable_id("e", e.type, e.id, min(mids))
        used.add(e.id)
        name_keys[e.id] = entity_keys(counts) | {"id|" + base}
        entities.append(e)
        entity_of_root[root] = e.id
        for i in ms:
            links[ids[i]] = e.id
    romanize_entities(deferred)
    split_pairs = {(frozenset(a), frozenset(b)) for _, a, b in splits}
    cands: dict[tuple[str, str], tuple[float, str]] = {}
    for i, j, score, reason in people.candidates:
        a, b = entity_of_root[uf.find(i)], entity_of_root[uf.find(j)]
        if a == b or _rejected(ids[i], ids[j], split_pairs):
            continue
        pair = (min(a, b), max(a, b))
        if pair not in cands or cands[pair][0] < score:
            cands[pair] = (score, reason)
    candidates = [(a, b, s, r) for (a, b), (s, r) in sorted(cands.items())]
    return Resolution(sorted(entities, key=lambda e: e.id), links, candidates, name_keys)


def statements(assertions, loc_text: dict[str, str]) -> tuple[dict[str, set[str]], dict[str, str]]:
    """Mention id -> alias texts stated for it, and person mention id -> country of its stated
    origin (``loc_text``: LOC mention id -> its text)."""
    aliases_of: dict[str, set[str]] = defaultdict(set)
    origin_of: dict[str, str] = {}
    for a in assertions:
        if a.predicate == "alias":
            aliases_of[a.subject].add(a.object.get("text", ""))
        elif a.predicate == "origin" and a.object.get("mention") in loc_text:
            p = lookup(loc_text[a.object["mention"]])
            if p and p.country:
                origin_of[a.subject] = p.country
    return aliases_of, origin_of


def _rejected(x: str, y: str, split_pairs) -> bool:
    return any((x in a and y in b) or (x in b and y in a) for a, b in split_pairs)


def entity_from_counts(counts: Counter, stated_aliases: set[str], origins: set[str], nats, latin: bool,
                       deferred: list | None = None) -> Entity:
    """The entity of one cluster from what its mentions say: how often each (text, type)
    occurs, the aliases stated for them, the countries of their stated origins and the
    cluster's nationality codes. Ties break on the text, never on mention order, so a
    cluster gives the same entity however its mentions were gathered (a full link reads
    them mention by mention, an incremental one counts them in SQL). With ``deferred``, a
    person's Latin name is not computed here but queued there for ``romanize_entities``,
    which romanises all of them in one batch."""
    types: Counter[str] = Counter()
    for (_, t), n in counts.items():
        types[t] += n
    typ = min(types, key=lambda t: (-types[t], t))
    texts: Counter[str] = Counter()
    for (text, _), n in counts.items():
        texts[text] += n
    names = sorted(texts, key=lambda n: (-len(n.split()), n))
    aliases = sorted(set(stated_aliases) | ({t for t in texts if _is_kunya_only(t)} if typ == "PER" else set()))
    geo = None
    latin_name = None
    if typ == "PER":
        name = _person_name(texts, aliases)
        key = "PER:" + parse_name(name).key
        if latin and deferred is None:
            latin_name = _romanize(name, _country(nats, origins))
    else:
        keys: Counter[str] = Counter()
        own: Counter[str] = Counter()
        for (text, t), n in counts.items():
            if t == typ:
                keys[_key(typ, text, id(organizations()))] += n
                own[text] += n
        key = min(keys, key=lambda k: (-keys[k], k))
        name = min(own, key=lambda x: (-own[x], x))
        if typ == "LOC":
            p = next((p for t in sorted(texts, key=lambda x: (-texts[x], x)) if (p := lookup(t))), None)
            if p:
                geo = {"lat": p.lat, "lon": p.lon, "ref": p.ref} if p.lat is not None else {"ref": p.ref}
                if p.kind == "country" and p.lat is not None:
                    geo["point"] = "capital"  # a representative point, not the country's centre
                name = _place_display(p, counts)
                latin_name = p.name
        elif typ == "ORG":
            o = organizations().get(norm(name))
            name = o.name if o else name
    e = Entity(stable_id("e", typ, key), typ, name, latin_name, names, aliases, [], geo)
    if typ == "PER" and latin and deferred is not None:
        deferred.append((e, name, _country(nats, origins)))
    return e


def romanize_entities(deferred: list) -> None:
    """Set the Latin names ``entity_from_counts`` queued: one batched romanisation."""
    from tahqiq.text.latin import romanize, romanize_many
    romanize_many((name, country) for _, name, country in deferred)
    for e, name, country in deferred:
        e.latin = romanize(name, country)


def entity_keys(counts) -> set[str]:
    """Blocking keys of a cluster's names: what a later, incremental link looks up to find
    the stored entities a new mention could join (``resolve.incremental``)."""
    out: set[str] = set()
    for text, typ in counts:
        if typ == "PER":
            out |= person_keys(text)
        else:
            k = _key(typ, text, id(organizations()))
            out.add("o|" + k)
            n = " ".join(norm(text).split())
            if typ in ("ORG", "LOC") and k == f"{typ}:{n}":
                out.add("t|" + n)  # unknown to the gazetteers: a person's name elsewhere retypes it
    return out


def person_keys(text: str) -> set[str]:
    """A person name's blocks: the full given-name chain (f), each shorter form of it (s),
    the fuzzy family-name block (z), kunya + nisba (k), a bare kunya (b), and the whole
    name when it has two words or more (p: what makes an unknown ORG/LOC a person)."""
    p = parse_name(text)
    out: set[str] = set()
    if len(text.split()) >= 2:
        out.add("p|" + " ".join(norm(text).split()))
    if p.is_full:
        out.add("f|" + " ".join(p.core))
        out |= {"s|" + " ".join(x) for x in subchains(p.core) if x != p.core}
        out |= fuzzy_blocks(p.core)
    if p.kunya_key:
        out.add("k|" + p.kunya_key)
    elif p.kunya and p.ism is None:
        out.add("b|" + p.kunya)
    return out


def _is_kunya_only(text: str) -> bool:
    p = parse_name(text)
    return p.kunya is not None and p.ism is None


def _person_name(counts: Counter, aliases: list[str]) -> str:
    """The fullest real name (not a kunya); most frequent spelling on ties."""
    alias_keys = {norm(a) for a in aliases}
    pool = [t for t in counts if norm(t) not in alias_keys] or list(counts)

    def rank(t: str):
        p = parse_name(t)
        return (-int(p.ism is not None), -len(p.core), -len(p.tokens), -counts[t], t)
    return min(pool, key=rank)


def _place_display(p: Place, counts: Counter) -> str:
    texts: Counter[str] = Counter()
    for (text, t), n in counts.items():
        if t == "LOC":
            texts[" ".join(text.replace("#", " ").split())] += n
    return min(texts, key=lambda x: (-texts[x], x)) if texts else p.arabic


def _country(nats, origins: set[str]) -> str | None:
    """Country for romanisation: stated nationality or nisba, else the stated place of origin."""
    if nats and len(nats) == 1:
        return next(iter(nats))
    return next(iter(origins)) if len(origins) == 1 else None


def _romanize(name: str, country: str | None) -> str | None:
    from tahqiq.text.latin import romanize
    return romanize(name, country)
