"""Person resolution: which PER mentions name the same real person.

Two passes, both near-linear because every comparison happens inside a
block that shares a name key:

1. Within one document (a writer names a person fully, then shortens):
   alias statements, equal names, partial names (same ism and family, a
   middle part added: "إبراهيم البندر" / "إبراهيم خليل البندر"), the last
   two words of a foreign name ("جواد ظريف" in "محمد جواد ظريف"), and lone
   references ("العلي", "حامد", "أبو حمزة", "ديبالا") that fit exactly one
   person already named in the document. A person introduced by a kinship
   word ("ابنه", "شقيقه") can never join the person named just before.
2. Across documents: equal full names and equal kunya+nisba join;
   a partial name joins the one fuller name it fits; family names that
   are two spellings of one sound ("المطلك" / "المطلق") or of one foreign
   name ("أوغلو" / "أغولو") join with shared context; a bare kunya joins where the documents name the same other
   people around it and share one more feature. Names that could be one
   person but are not certain are kept apart and returned as review
   candidates: generic names (two given names, kunya + country demonym)
   without shared context, a partial name that fits several people,
   other family names one letter apart, bare kunyas ("أبو محمد") with
   less shared context.

Context (``profile``) is what the documents say around the person: places
of origin and other claim objects, and the other people named with them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from itertools import combinations
from typing import Any

from tahqiq.data import given_names, recorded_given_names
from tahqiq.model import Assertion, Mention
from tahqiq.resolve.clusters import Clusters
from tahqiq.knowledge.gazetteer import demonyms
from tahqiq.resolve.names import PersonName, family_key, is_subchain, parse_name
from tahqiq.text.normalize import norm

# Words right before a name that make it a relative of the person named before ("his son X").
KIN = {"ابنه", "ابنها", "نجله", "نجلها", "ولده", "شقيقه", "شقيقها", "اخوه", "اخيه", "اخاه", "اخته",
       "شقيقته", "ابنته", "ابنتها", "والده", "والدها", "ابوه", "ابيه", "والدته", "امه", "زوجته",
       "زوجها", "عمه", "خاله", "صهره", "حفيده", "ابناه", "ابنيه", "شقيقاه", "ابن", "ابنا", "نجل"}
_CONNECTOR_WORDS = {"بن", "ابن", "بنت"}  # nasab links: a chain with one is an Arab name
MAX_SUBCHAINS_PARTS = 6      # longer chains are not expanded (2^(n-1) subchains)
MAX_FUZZY_BLOCK = 24         # one-letter-apart candidates only in small blocks
MAX_PARTIAL_TARGETS = 5      # a partial name fitting more people than this is too generic to list

Candidate = tuple[int, int, float, str]  # mention index a, mention index b, score, reason


class PersonResolver:
    """Runs both passes over PER mentions (indices into ``mentions``) on shared ``Clusters``."""

    def __init__(self, mentions: list[Mention], ids: list[str], uf: Clusters,
                 assertions: Iterable[Assertion] = (), contexts: dict[str, str] | None = None,
                 object_key: Callable[[str], str | None] = lambda _: None) -> None:
        self.m, self.ids, self.uf = mentions, ids, uf
        self.contexts = contexts or {}
        self.per = [i for i, m in enumerate(mentions) if m.type == "PER"]
        self._parsed: dict[str, PersonName] = {}
        self.candidates: list[Candidate] = []
        index = {mid: i for i, mid in enumerate(ids)}
        self.facts: dict[int, set[str]] = defaultdict(set)  # mention index -> "pred:object" features
        for a in assertions:
            i = index.get(a.subject)
            if i is None or a.predicate == "alias":
                continue
            obj = a.object.get("mention")
            key = object_key(obj) if obj else None
            self.facts[i].add(f"{a.predicate}:{key or norm(str(a.object.get('text', '')))}")
        self._index = index

    def name(self, i: int) -> PersonName:
        t = self.m[i].text
        p = self._parsed.get(t)
        if p is None:
            p = self._parsed[t] = parse_name(t)
        return p

    # ---- setup ---------------------------------------------------------------------------
    def seed(self, nationality_of: dict[int, str]) -> None:
        """Record each mention's name parts (and known nationality) on its own cluster."""
        dem = demonyms()
        for i in self.per:
            p = self.name(i)
            if p.is_full:
                self.uf.add("cores", i, p.core)
            elif p.ism and not p.kunya:
                self.uf.add("isms", i, p.ism)
            elif p.is_surname_only:
                self.uf.add("fams", i, family_key(p.family))  # type: ignore[arg-type]  # surname-only: set
            if p.kunya:
                self.uf.add("kunyas", i, p.kunya)
            code = nationality_of.get(i) or next((dem[n] for n in p.nisba if dem.get(n)), None)
            if code and p.ism is None:  # a full name's "التركي" is a family name, not a nationality
                self.uf.add("nats", i, code)

    # ---- pass 1: within a document -------------------------------------------------------
    def link_documents(self) -> None:
        by_doc: dict[str, list[int]] = defaultdict(list)
        for i in self.per:
            if not self.m[i].doc.startswith("~"):  # a stored entity's stand-ins (incremental link)
                by_doc[self.m[i].doc].append(i)
        for ms in by_doc.values():
            ms.sort(key=lambda i: self.m[i].start)
            self._kinship(ms)
            self._same_name(ms)
            self._partial_names(ms)
            self._foreign_tails(ms)
            self._lone_references(ms)

    def _kinship(self, ms: list[int]) -> None:
        for k, i in enumerate(ms):
            before = norm(self.contexts.get(self.ids[i], "")).split()
            if k > 0 and before and before[-1] in KIN:
                self.uf.cannot_link(("kin", self.ids[i]), [i], [ms[k - 1]])

    def _same_name(self, ms: list[int]) -> None:
        first: dict[str, int] = {}
        for i in ms:
            key = self.name(i).key
            if key:
                self.uf.union(first.setdefault(key, i), i)

    def _partial_names(self, ms: list[int]) -> None:
        variants: dict[tuple[str, ...], int] = {}
        for i in ms:
            p = self.name(i)
            if p.is_full:
                variants.setdefault(p.core, i)
        for short, i in variants.items():
            longs = [v for v in variants if v != short and is_subchain(short, v)]
            if longs and _chain(longs):
                for v in longs:
                    self.uf.union(variants[v], i)

    def _foreign_tails(self, ms: list[int]) -> None:
        """"جواد ظريف" after "محمد جواد ظريف", "داود أوغلو" after "أحمد داود أوغلو", "دي ميستورا"
        after "ستيفان دي ميستورا": the last two words of one longer name in the document, a family
        name without the article and no "بن" in the chain. An Arab chain's last two words name the
        father ("خالد الفيصل" in "سعود بن خالد الفيصل", "سعيد الزهراني" in "حسن سعيد الزهراني"),
        so a definite family name never joins this way."""
        words = {i: tuple(norm(self.m[i].text).split()) for i in ms}
        longs: dict[tuple[str, ...], set[int]] = defaultdict(set)
        for i in ms:
            w = words[i]
            if len(w) >= 3 and not w[-1].startswith("ال") and not _CONNECTOR_WORDS & set(w):
                longs[tuple(w[-2:])].add(self.uf.find(i))
        if not longs:
            return
        for i in ms:
            w = words[i]
            roots = longs.get(w, set()) - {self.uf.find(i)} if len(w) == 2 and not w[0].startswith("ال") else set()
            if len(roots) == 1 and self.uf.union(roots.pop(), i, names=False):
                # the short form is no name chain of its own: it would block a join with the full
                # name in another document
                self.uf.cores.get(self.uf.find(i), set()).discard(self.name(i).core)

    def _lone_references(self, ms: list[int]) -> None:
        """"العلي" / "حامد" / "أبو حمزة" / "ديبالا" joins the one person in the document it fits."""
        for k, i in enumerate(ms):
            p = self.name(i)
            if p.is_full or p.kunya_key:
                continue
            if p.is_surname_only:
                fits = lambda q: q.is_full and family_key(q.core[-1]) == family_key(p.family)  # type: ignore[arg-type]  # noqa: E731
            elif p.kunya and p.ism is None:  # "أبو ردينة" after "نبيل أبو ردينة" too (a family name of that form)
                fits = lambda q: (q.kunya == p.kunya and q.key != p.key) or (  # noqa: E731
                    q.is_full and len(q.core) >= 3 and " ".join(q.core[-2:]) == p.kunya)
            elif p.ism:
                fits = lambda q: q.is_full and q.ism == p.ism  # noqa: E731
            else:
                continue
            roots = self._fitting(ms, k, fits)
            if not roots and p.ism and p.family is None:
                # "ديبالا" after "باولو ديبالا", "عبد الرحمن" after "رامي عبد الرحمن": a word that is no
                # one's given name in the document but one person's family name
                fam = family_key(p.ism)
                roots = self._fitting(ms, k, lambda q: q.is_full and family_key(q.core[-1]) == fam)
                if len(roots) == 1:
                    self._as_family(i, p.ism, fam, roots.pop())
                continue
            if len(roots) > 1:  # prefer the person not introduced as someone's relative
                plain = {r for r in roots if not any(t[0][0] == "kin" and t[1] == 0  # type: ignore[index]
                                                     for t in self.uf.tags.get(r, ()))}
                roots = plain if len(plain) == 1 else roots
            if len(roots) == 1:
                self.uf.union(roots.pop(), i)

    def _as_family(self, i: int, ism: str, fam: str, root: int) -> None:
        """Join mention i, seeded as a lone given name, to ``root`` as that person's family name."""
        own = self.uf.find(i)
        if self.uf.isms.get(own) != {ism}:
            return
        del self.uf.isms[own]
        self.uf.add("fams", i, fam)
        if not self.uf.union(root, i):  # refused: it stays a lone given name
            self.uf.fams[own].discard(fam)
            self.uf.add("isms", i, ism)

    def _fitting(self, ms: list[int], k: int, fits: Callable[[PersonName], bool]) -> set[int]:
        """Clusters of the persons that fit mention ``ms[k]``: those named before it, else after it."""
        i = ms[k]
        before = {self.uf.find(j) for j in ms[:k] if fits(self.name(j))}
        roots = before or {self.uf.find(j) for j in ms[k + 1:] if fits(self.name(j))}
        roots.discard(self.uf.find(i))
        return roots

    # ---- pass 2: across documents --------------------------------------------------------
    def link_across(self) -> None:
        full: dict[tuple[str, ...], list[int]] = defaultdict(list)
        kunya_keys: dict[str, list[int]] = defaultdict(list)
        bare_kunyas: dict[str, list[int]] = defaultdict(list)
        for i in self.per:
            p = self.name(i)
            if p.is_full:
                full[p.core].append(i)
            if p.kunya_key:
                kunya_keys[p.kunya_key].append(i)
            elif p.kunya and p.ism is None:
                bare_kunyas[p.kunya].append(i)
        self._profiles: dict[int, set[str]] = {}
        self._doc_people = self._people_by_doc()
        dem = demonyms()
        for core, ms in sorted(full.items()):
            self._join_equal(ms, generic=_generic(core), reason="same full name")
        for key, ms in sorted(kunya_keys.items()):
            generic = key.split(" ")[-1] in dem  # "أبو محمد المصري": many people
            self._join_equal(ms, generic=generic, reason="same kunya and nisba")
        self._join_partial(full)
        self._fuzzy_candidates(full)
        for key, ms in sorted(bare_kunyas.items()):
            self._bare_kunya_candidates(ms, key)

    def _join_equal(self, ms: list[int], generic: bool, reason: str) -> None:
        """Mentions with one written name in different documents: one person unless context says no."""
        heads: dict[str, int] = {}
        for i in ms:
            heads.setdefault(self.m[i].doc, i)
        docs = list(heads.values())
        if len(docs) < 2:
            return
        if generic:  # join only through a shared context feature (blocked on the feature: linear)
            seen: dict[str, int] = {}
            for i in docs:
                feats = sorted(self.profile(i))
                for f in feats:
                    if f in seen and not self.uf.union(seen[f], i):
                        self._candidate(seen[f], i, 0.6, f"{reason} and shared {f}, but the names conflict")
                for f in feats:
                    seen.setdefault(f, i)
                if not feats and len(docs) <= MAX_FUZZY_BLOCK and i != docs[0]:
                    self._candidate(docs[0], i, 0.4, f"{reason} (a common name), no shared context")
            return
        anchor = docs[0]
        for i in docs[1:]:
            if not self.uf.union(anchor, i):
                self._candidate(anchor, i, 0.6, f"{reason}, but the rest of the name or nationality differs")

    def _join_partial(self, full: dict[tuple[str, ...], list[int]]) -> None:
        longs_of: dict[tuple[str, ...], list[tuple[str, ...]]] = defaultdict(list)
        for core in full:
            for s in subchains(core):
                if s != core and s in full:
                    longs_of[s].append(core)
        for short, longs in sorted(longs_of.items()):
            i = full[short][0]
            if len(longs) > MAX_PARTIAL_TARGETS:
                continue
            if _chain(longs) and _generic(short):  # each document's "محمد أحمد" joins only with context
                heads = {self.m[j].doc: j for j in reversed(full[short])}
                for v in sorted(longs):
                    long_heads = list({self.m[j].doc: j for j in reversed(full[v])}.values())
                    if len(heads) * len(long_heads) > MAX_FUZZY_BLOCK ** 2:
                        continue
                    for j in heads.values():
                        hit = next((x for x in long_heads if self.shared_context(x, j)), None)
                        if hit is not None:
                            self.uf.union(hit, j)
                        else:
                            self._candidate(long_heads[0], j, 0.4, "common partial name, no shared context")
            elif _chain(longs):
                for v in sorted(longs):
                    if not self.uf.union(full[v][0], i):
                        self._candidate(full[v][0], i, 0.6, "partial name; the rest of the name differs")
            else:
                for v in sorted(longs):
                    self._candidate(full[v][0], i, 0.4, "partial name that fits several people")

    def _fuzzy_candidates(self, full: dict[tuple[str, ...], list[int]]) -> None:
        """Same ism, family names one letter apart: joined when they are two spellings of one sound and
        the context agrees, otherwise listed when the context agrees."""
        blocks: dict[str, list[tuple[str, ...]]] = defaultdict(list)
        for core in full:
            for block in fuzzy_blocks(core):
                blocks[block].append(core)
        seen: set[tuple[tuple[str, ...], tuple[str, ...]]] = set()
        for cores in blocks.values():
            if len(cores) < 2 or len(cores) > MAX_FUZZY_BLOCK:
                continue
            for a, b in combinations(sorted(set(cores)), 2):
                fa, fb = family_key(a[-1]), family_key(b[-1])
                if (a, b) in seen or fa == fb or len(a) != len(b) or a[1:-1] != b[1:-1] \
                        or not (_one_edit(fa, fb) or _foreign_spellings(a[-1], b[-1])):
                    continue
                seen.add((a, b))
                i, j = full[a][0], full[b][0]
                shared = self.shared_context(i, j)
                if shared and (_transliterations(fa, fb) or _foreign_spellings(a[-1], b[-1])) \
                        and self.uf.union(i, j, names=False):
                    continue  # "صالح المطلك" / "صالح المطلق", "بول بوغبا" / "بول بوجبا", "أوغلو" / "أغولو"
                if shared and self.uf.find(i) != self.uf.find(j):
                    self._candidate(i, j, min(0.9, 0.3 + 0.1 * len(shared)),
                                    f"family names one letter apart; shared: {', '.join(sorted(shared)[:3])}")

    def _bare_kunya_candidates(self, ms: list[int], kunya: str) -> None:
        heads: dict[str, int] = {}
        for i in ms:
            heads.setdefault(self.m[i].doc, self.uf.find(i))
        roots = sorted(set(heads.values()))
        if len(roots) < 2 or len(roots) > MAX_FUZZY_BLOCK:
            return
        for a, b in combinations(roots, 2):
            shared = self.shared_context(a, b)
            if shared and self.uf.find(a) != self.uf.find(b):
                # two documents that name the same other people (or state the same facts) around one
                # kunya tell one story about one man ("أبو سياف" beside "نسرين أسعد إبراهيم")
                people = [f for f in shared if f.startswith("with ")]
                if (len(shared) >= 2 and people) and self.uf.union(a, b):
                    continue
                self._candidate(a, b, min(0.8, 0.2 + 0.1 * len(shared)),
                                f"same kunya {kunya} only; shared: {', '.join(sorted(shared)[:3])}")

    # ---- context ---------------------------------------------------------------------------
    def _people_by_doc(self) -> dict[str, dict[int, set[str]]]:
        """doc -> cluster root -> the specific names (full names, kunya+nisba) it goes by there."""
        out: dict[str, dict[int, set[str]]] = defaultdict(lambda: defaultdict(set))
        for i in self.per:
            p = self.name(i)
            key = p.key if (p.is_full and not _generic(p.core)) else p.kunya_key
            if key:
                out[self.m[i].doc][self.uf.find(i)].add(key)
        return out

    def profile(self, i: int) -> set[str]:
        """Context features of the document-level person that mention ``i`` belongs to."""
        root = self.uf.find(i)
        doc = self.m[i].doc
        cached = self._profiles.get(i)
        if cached is not None:
            return cached
        own = self._doc_people.get(doc, {})
        members = [j for j in own if self.uf.find(j) == root]
        names = {n for j in members for n in own[j]}
        feats = {f"with {n}" for r, ns in own.items() if self.uf.find(r) != root for n in ns if n not in names}
        for j in self._doc_members(doc, root):
            feats |= self.facts.get(j, set())
        self._profiles[i] = feats
        return feats

    def _doc_members(self, doc: str, root: int) -> list[int]:
        if not hasattr(self, "_by_doc"):
            self._by_doc: dict[str, list[int]] = defaultdict(list)
            for j in self.per:
                if self.facts.get(j):
                    self._by_doc[self.m[j].doc].append(j)
        return [j for j in self._by_doc.get(doc, ()) if self.uf.find(j) == root]

    def shared_context(self, i: int, j: int) -> set[str]:
        return self.profile(i) & self.profile(j)

    def _candidate(self, i: int, j: int, score: float, reason: str) -> None:
        self.candidates.append((i, j, round(score, 2), reason))


def fuzzy_blocks(core: tuple[str, ...]) -> set[str]:
    """Blocks of family names one letter apart: the ism with the family name, each letter deleted."""
    fam = family_key(core[-1])
    if len(fam) < 3:
        return set()
    out = {f"z|{core[0]}|{d}" for d in {fam[:k] + fam[k + 1:] for k in range(len(fam))} | {fam}}
    if not core[-1].startswith("ال"):
        out.add(f"z|{core[0]}|~{_skeleton(fam)}")  # "برونخورست" / "برونكهورست": a foreign name's spellings
    return out


def subchains(core: tuple[str, ...]) -> list[tuple[str, ...]]:
    """Shorter written forms of a full name: middle parts left out, or the family name left out."""
    if len(core) < 2 or len(core) > MAX_SUBCHAINS_PARTS:
        return [core]
    head, mid, last = core[0], core[1:-1], core[-1]
    out = []
    for mask in range(1 << len(mid)):
        kept = tuple(x for k, x in enumerate(mid) if mask >> k & 1)
        out.append((head, *kept, last))
        if kept and not kept[-1].startswith("ال"):
            out.append((head, *kept))
    return out


def _chain(cores: list[tuple[str, ...]]) -> bool:
    """All pairwise compatible: one person's fuller and fuller names, not two people."""
    return all(is_subchain(a, b) or is_subchain(b, a) for a, b in combinations(cores, 2))


def _generic(core: tuple[str, ...]) -> bool:
    """Two given names and nothing else ("محمد أحمد"): shared by too many people to merge on."""
    return len(core) == 2 and not core[-1].startswith("ال") and core[-1] in given_names()


# Letters that write one sound of a foreign or dialect name in several ways: g (غ ج ق ك), and the
# hamza's seat (ئ ي).
_SOUND = str.maketrans({"غ": "ك", "ج": "ك", "ق": "ك", "ئ": "ي", "ؤ": "و"})


def _transliterations(a: str, b: str) -> bool:
    """Two spellings of one name: equal once the g letters are one, the hamza's seat is ي and a
    doubled letter is written once ("المطلك" / "المطلق", "رضائيان" / "رضايان", "داود" / "داوود")."""
    def key(w: str) -> str:
        w = w.translate(_SOUND)
        return "".join(c for k, c in enumerate(w) if k == 0 or c != w[k - 1])
    return key(a) == key(b)


# A foreign name's consonants: its long vowels, glottal stops and ه are written or left out at will
# ("أوغلو" / "أغولو", "كيسنجر" / "كيسينجر", "بالمر" / "بالمير"), its g and kh written several ways
# ("رودريجيز" / "رودريغز", "برونخورست" / "برونكهورست").
_CONSONANT = str.maketrans({"غ": "ك", "ج": "ك", "ق": "ك", "خ": "ك", "ز": "س"})
_VOWEL_LETTERS = set("اويهءئؤى")


def _skeleton(w: str) -> str:
    w = w.translate(_CONSONANT)
    w = w[:1] + "".join(c for c in w[1:] if c not in _VOWEL_LETTERS)
    return "".join(c for k, c in enumerate(w) if k == 0 or c != w[k - 1])


def _foreign_spellings(a: str, b: str) -> bool:
    """Two spellings of one foreign family name (no article on either, neither a given name:
    "سليمان" / "سلمان" are two names): the same consonants."""
    names = recorded_given_names()
    return not a.startswith("ال") and not b.startswith("ال") and a not in names and b not in names \
        and len(_skeleton(a)) >= 3 and _skeleton(a) == _skeleton(b)


def _one_edit(a: str, b: str) -> bool:
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    if len(a) > len(b):
        a, b = b, a
    return any(b[:k] + b[k + 1:] == a for k in range(len(b)))


def name_summary(p: PersonName) -> dict[str, Any]:
    """The parts of a name as plain data (for the CLI and debugging)."""
    return {"kunya": p.kunya, "ism": p.ism, "nasab": list(p.nasab), "family": p.family, "nisba": list(p.nisba)}
