"""Claims: who did what, where, according to whom, with the sentence that says so.

Needs the document text, its sentences and its mentions (PER, LOC, ORG, NAT);
adds one ``Assertion`` per fact the text states, each with ``Evidence`` (the
sentence, or for a group statement the span from the group's fact to the
named member), who the report attributes it to, hedges and dates.

How a fact is found (the cue words are data in ``patterns.py``):

- a cue word opens it (``فرّوا``, ``وصل``, ``ينحدر``, ``اعتقلته``, ``بحوزته``…);
- its object follows: a place after a preposition and place words ("إلى مدينة
  أعزاز"), an organisation or noun phrase ("انشق عن الجيش"), an amount of
  money (``money.py``), a role (``roles.py``), a nationality word;
- its subject is a person named in the same sentence: right after a
  verb-first cue ("وصل فلان إلى…", "اعتقلت الشرطة فلان"), else the nearest
  person before it who is not quoted as a source (``attribution.py``). A kunya
  given as an alias stands for its person. A plural cue after a list of names
  ("فلان وفلان الذين ينحدرون من…") gives each name the fact;
- a fact with no named subject ("فرّ عدد من القياديين إلى أعزاز") is a group
  event: the names a group statement lists next ("عُرف منهم", "ومن هؤلاء",
  "من بين الفارين") each get it. A group fact hedged by a quantifier
  ("ينحدر معظمهم من…") is true of no member in particular and is only
  distributed when asked (``hedged_groups=True``), marked hedged;
- a sentence with no person but a title or surname used before for exactly
  one person ("العقيد", "الأحمد") speaks about that person.

Invariant: every evidence span satisfies ``text[start:end] == quote`` and
contains the subject mention or the group statement it was distributed from.
"""

from __future__ import annotations

import logging
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import Any

from tahqiq.data import given_names
from tahqiq.extract import patterns as P
from tahqiq.extract.lexicon import NOT_NAME
from tahqiq.extract.mentions import _common_rank
from tahqiq.extract.attribution import SOURCE_FOLLOWS, attribute
from tahqiq.extract.money import UNITS, Money, find_money
from tahqiq.extract.places import PLACE_NOUNS
from tahqiq.extract.roles import (OFFICE_FORMS, PROFESSION_FORMS, RANK_FORMS, TITLES, rank_before_name, role_at,
                                  stacked)
from tahqiq.extract.when import When, find_dates
from tahqiq.model import Assertion, Evidence, Mention, Sentence, Token
from tahqiq.knowledge.gazetteer import countries, demonyms, places
from tahqiq.text.normalize import norm
from tahqiq.text.segment import tokens as tokenize

log = logging.getLogger(__name__)

_OBJ_REACH = 8      # tokens from a cue to the end of its place object
_MONEY_REACH = 10   # tokens from a payment cue to its amount
_GROUP_BACK = 4     # sentences an anaphoric group statement ("من بين الفارين") may look back
_PUNCT_GAP = set("،,()\"“”«»'‘’:؛;-–— ")


@dataclass
class _Fact:
    predicate: str
    object: dict[str, Any]
    cue: int                      # token index of the cue
    qualifiers: dict[str, Any] = field(default_factory=dict)
    hedge: str | None = None


@dataclass
class _GroupEvent:
    sent: int
    facts: list[_Fact]            # empty: a movement with no object (still shadows older events)
    cue: int


def _cue_index() -> dict[str, list[tuple[tuple[str, ...], str, str]]]:
    """First cue word -> [(all words, kind, predicate)]."""
    idx: dict[str, list[tuple[tuple[str, ...], str, str]]] = {}

    def add(words: set[str], kind: str, pred: str) -> None:
        for w in words:
            parts = tuple(w.split())
            idx.setdefault(parts[0], []).append((parts, kind, pred))

    for pred, (words, *_rest) in P.PLACE_CUES.items():
        add(words, "place", pred)
    for pred, (words, _preps) in P.ORG_CUES.items():
        add(words, "org", pred)
    add(P.ARREST, "by", "arrested_by")
    add(P.PAY, "money", "paid")
    add(P.CARRY, "money", "carried")
    return idx


_CUES = _cue_index()


class _Doc:
    """One document's tokens, mentions and lookups, shared by the rule passes."""

    def __init__(self, doc_id: str, text: str, sentences: list[Sentence], mentions: list[Mention],
                 published: str | None):
        self.doc_id, self.text, self.sentences = doc_id, text, sentences
        self.toks: list[Token] = tokenize(text)
        self.n = [norm(t.text) for t in self.toks]
        self.forms = [(w, w[1:]) if len(w) > 2 and w[0] in P.CONJ else (w,) for w in self.n]
        base = sorted((m for m in mentions if not _weak_person(m)), key=lambda m: m.start)
        shorts = _short_mentions(doc_id, text, self.toks, self.n, base)
        self.mentions = sorted(base + [m for m, _full in shorts], key=lambda m: m.start)
        self.starts = [m.start for m in self.mentions]
        self.start_tok: dict[int, Mention] = {}
        self.end_tok: dict[int, Mention] = {}
        self.tok_at: dict[int, int] = {}
        for i, t in enumerate(self.toks):
            for c in range(t.start, t.end):
                self.tok_at[c] = i
        for m in self.mentions:
            # A span may end on a character no token covers (a mark, a stray symbol):
            # index it by its last character that a token does cover.
            last = next((c for c in range(m.end - 1, m.start - 1, -1) if c in self.tok_at), None)
            if m.start in self.tok_at and last is not None:
                self.start_tok.setdefault(self.tok_at[m.start], m)
                self.end_tok[self.tok_at[last]] = m
        starts = [t.start for t in self.toks]
        self.sent_toks: list[tuple[int, int]] = [
            (bisect_left(starts, s.start), bisect_left(starts, s.end)) for s in sentences]
        self.money: list[Money] = find_money(text)
        self.dates: list[When] = find_dates(text, published)
        self.attr = attribute(text, sentences, mentions)
        self.person_starts = {m.start for m in self.mentions if m.type == "PER"}
        # the authority the article names first ("وزارة الداخلية"): the arrester of arrests it
        # credits to "الأجهزة الأمنية" and of the people it lists as detained
        self.authority = _article_authority(self.mentions)
        self.inside_person = {i for m in self.mentions if m.type == "PER"
                              for i in range(self.tok_at.get(m.start, 0), self.tok_at.get(m.end - 1, -1) + 1)}
        self.alias_of: dict[str, Mention] = {m.id: full for m, full in shorts}
        self.by_id = {m.id: m for m in self.mentions}

    def within(self, lo: int, hi: int) -> list[Mention]:
        """Mentions inside the characters [lo, hi) (the mentions are sorted by start)."""
        return [m for m in self.mentions[bisect_left(self.starts, lo):bisect_left(self.starts, hi)] if m.end <= hi]

    def words(self, i: int) -> tuple[str, ...]:
        """Matching forms of token i: as written, and without a glued و / ف."""
        return self.forms[i]

    def main(self, m: Mention) -> Mention:
        return self.alias_of.get(m.id, m)

    def persons(self, si: int) -> list[Mention]:
        s = self.sentences[si]
        return [m for m in self.within(s.start, s.end) if m.type == "PER" and m.id not in self.attr.speakers]


def _short_mentions(doc_id: str, text: str, toks: list[Token], n: list[str], mentions: list[Mention]
                    ) -> list[tuple[Mention, Mention]]:
    """A family name alone that repeats one person named in full before it ("قال كارتر" after
    "وزير الدفاع أشتون كارتر", "خلوف" after "محمد خلوف"): a mention of that person, usable as a
    subject (short mention -> full mention). Never a person of its own (it is not stored); a
    family name two people named before share names neither."""
    by_surname: dict[str, list[Mention]] = {}
    for m in mentions:
        words = norm(m.text).split()
        if m.type != "PER" or len(words) < 2:
            continue
        w = words[-1]
        if len(w) >= 3 and w not in given_names() and w not in NOT_NAME and w not in TITLES \
                and w not in demonyms() and not _common_definite(w):
            by_surname.setdefault(w, []).append(m)
    if not by_surname:
        return []
    covered = [(m.start, m.end) for m in mentions]
    out: list[tuple[Mention, Mention]] = []
    ci = 0
    for i, t in enumerate(toks):
        while ci < len(covered) and covered[ci][1] <= t.start:
            ci += 1
        if ci < len(covered) and covered[ci][0] < t.end:
            continue  # inside a mention already
        w, k = n[i], 0
        if w not in by_surname and w[:1] in "وبل" and w[1:] in by_surname:
            w, k = w[1:], 1
        before = [m for m in by_surname.get(w, ()) if m.end <= t.start]
        if not before or len({norm(m.text) for m in before}) > 1:
            continue
        s = _offset_after(t, k)
        out.append((Mention(doc_id, s, t.end, text[s:t.end], "PER", "coref"), before[-1]))
    return out


def _common_definite(w: str) -> bool:
    """A definite family name that is also an everyday word ("العلي", "الأمين"): too
    ambiguous to stand for a person alone."""
    return w.startswith("ال") and _common_rank().get(w, 10**6) < 10000


def _offset_after(t: Token, k: int) -> int:
    return t.start + k if k and len(t.text) > k else t.start


def _weak_person(m: Mention) -> bool:
    """A one-word "person" that is neither a surname ("النوري") nor a given name: a tagger's
    slip ("جوازي" in "يحمل جوازي سفر") that would otherwise take the facts of the real subject."""
    if m.type != "PER":
        return False
    words = norm(m.text).split()
    return len(words) == 1 and not words[0].startswith(("ال", "ابو", "ام")) and words[0] not in given_names()


def extract_claims(doc_id: str, text: str, sentences: list[Sentence], mentions: list[Mention],
                   published: str | None = None, hedged_groups: bool = False) -> list[Assertion]:
    """Assertions stated by one document (see the module docstring for the rules)."""
    d = _Doc(doc_id, text, sentences, mentions, published)
    out: list[Assertion] = []
    for si in range(len(sentences)):
        out.extend(_aliases(d, si))
    events: list[_GroupEvent] = []
    anaphors = _Anaphors()
    for si in range(len(sentences)):
        out.extend(_sentence(d, si, events, anaphors, hedged_groups))
    out.extend(_victim_lists(d))
    return _drop_inferred(_dedupe(out))


def _drop_inferred(items: list[Assertion]) -> list[Assertion]:
    """A place inferred from the arresting authority yields to a place the text states."""
    stated = {(a.subject, a.predicate, a.evidence.start) for a in items if "inferred_from" not in a.qualifiers}
    return [a for a in items if "inferred_from" not in a.qualifiers
            or (a.subject, a.predicate, a.evidence.start) not in stated]


# ------------------------------------------------------------------ evidence


def _evidence(d: _Doc, si: int, from_si: int | None = None, hedge: str | None = None) -> Evidence:
    s = d.sentences[si]
    start = d.sentences[from_si].start if from_si is not None and from_si < si else s.start
    # the member's sentence names the source; else the sentence the group's fact came from
    attributed = d.attr.per_sentence[si] or (d.attr.per_sentence[from_si] if from_si is not None else [])
    return Evidence(d.doc_id, start, s.end, d.text[start:s.end], attributed, hedge is not None)


def _assertion(d: _Doc, subj: Mention, f: _Fact, si: int, from_si: int | None = None,
               hedge: str | None = None) -> Assertion:
    hedge = hedge or f.hedge
    q = dict(f.qualifiers)
    if hedge:
        q["hedge"] = hedge
    subj = d.main(subj)
    if subj.start < d.sentences[si].start:  # an anaphor: the quote reaches back to the name
        from_si = min(from_si if from_si is not None else si, _sentence_of(d, subj.start))
    return Assertion(d.doc_id, subj.id, f.predicate, f.object, _evidence(d, si, from_si, hedge), q)


def _dedupe(items: list[Assertion]) -> list[Assertion]:
    seen, out = set(), []
    for a in items:
        if a.id not in seen:
            seen.add(a.id)
            out.append(a)
    return out


# ------------------------------------------------------------------ aliases


def _alias_gap(gap: str) -> bool:
    g = norm(gap).strip()
    for c in "\"'()،,":
        g = g.replace(c, " ")
    words = g.split()
    if not words:
        return "(" in gap
    if words[-1].startswith("ب") and len(words) > 1:
        words = words[:-1]
    return len(words) <= 2 and all(_alias_cue(w) or w in ("ب", "باسم") for w in words) \
        and any(_alias_cue(w) for w in words)


def _alias_cue(w: str) -> bool:
    """"الملقب", "والمعروفة": a word of naming, with or without "و" ("او" is "or")."""
    return w in P.ALIAS_CUES or (w[:1] == "و" and w[1:] in P.ALIAS_CUES and w[1:] != "او")


def _named_as(gap: str) -> bool:
    """A word of naming between two names ("الملقب", "المعروف ب"), not a bracket or "أو" alone."""
    return any(_alias_cue(w) and w != "او" for w in norm(gap).split())


def _one_word(m: Mention) -> bool:
    return len(norm(m.text).split()) == 1


def _is_kunya(m: Mention) -> bool:
    return norm(m.text).split()[0] in ("ابو", "ام", "ابي", "ابا")


def _aliases(d: _Doc, si: int) -> list[Assertion]:
    s = d.sentences[si]
    pers = [m for m in d.within(s.start, s.end) if m.type == "PER"]
    out = []
    for a, b in zip(pers, pers[1:]):
        gap = d.text[a.end:b.start]
        if len(gap) > 30 or not _alias_gap(gap):
            continue
        if not _named_as(gap) and not (_is_kunya(a) or _is_kunya(b) or _one_word(a) or _one_word(b)):
            continue  # "سعيد المولد (يحيى الشهري 90)", "جورج كلوني أو ميشيل أوباما": two people
        subj, alias = (b, a) if _is_kunya(a) and not _is_kunya(b) else (a, b)
        d.alias_of[alias.id] = subj
        f = _Fact("alias", {"text": alias.text, "mention": alias.id}, d.tok_at.get(a.start, 0))
        out.append(_assertion(d, subj, f, si))
    return out


# ------------------------------------------------------------------ per sentence


class _Anaphors:
    """Titles and surnames seen before one person each ("العقيد", "الأحمد")."""

    def __init__(self) -> None:
        self.by_word: dict[str, set[str]] = {}
        self.mention: dict[str, Mention] = {}

    def note(self, d: _Doc, m: Mention) -> None:
        m = d.main(m)
        self.mention[m.id] = m
        toks = norm(m.text).split()
        if len(toks) >= 2 and toks[-1].startswith("ال"):
            self.by_word.setdefault(toks[-1], set()).add(m.id)
        i = d.tok_at.get(m.start)
        if i is not None and i > 0 and d.n[i - 1] in P.SUBJECT_TITLES and d.n[i - 1] != "المدعو":
            self.by_word.setdefault(d.n[i - 1], set()).add(m.id)

    def resolve(self, word: str) -> Mention | None:
        ids = self.by_word.get(word, set())
        return self.mention[next(iter(ids))] if len(ids) == 1 else None


def _sentence(d: _Doc, si: int, events: list[_GroupEvent], anaphors: _Anaphors,
              hedged_groups: bool) -> list[Assertion]:
    a, b = d.sent_toks[si]
    pers = d.persons(si)
    out: list[Assertion] = []
    hedges = _hedges(d, a, b)
    intro = _group_intro(d, a, b)
    sent_events: list[_Fact] = []
    shadow = False
    used_cues: set[tuple[int, str]] = set()
    i = a
    while i < b:
        for words, kind, pred in _cues_at(d, i):
            if not _matches(d, i, words):
                continue
            end = i + len(words)
            if _intended(d, i, a):
                continue  # "يستعدون لاجتياز الحدود والدخول إلى …": a plan, not a fact
            if i > a and any(p == pred for _w, _k, p in _cues_at(d, i - 1)):
                continue  # "لاذوا بالفرار": the verb before the noun decides the subject
            if pred == "injured_in" and any(d.n[k] in P.ILLNESS for k in range(end, min(b, end + 12))):
                continue  # "إصابة عائلة … بالفيروس": an infection, not a wound
            if len(words) == 1 and words[0] in _THREW and "القبض" not in d.n[end:min(b, end + 6)]:
                continue  # "ألقى كلمة/نظريته": delivered, not arrested ("ألقت الشرطة القبض على")
            facts = _object(d, kind, pred, i, end, b)
            if pred.startswith("surrendered") and d.n[i] in P.NEEDS_REFLEXIVE \
                    and not any(d.n[k] in P.REFLEXIVE for k in range(i + 1, min(b, i + 6))):
                continue  # "سلّم" without "نفسه" hands over something else
            subj, after_end, plural = _subject(d, i, end, a, b, pers, anaphors)
            if not facts and after_end is not None:
                facts = _object(d, kind, pred, i, after_end, b)
            if not facts and pred in ("killed_in", "injured_in") \
                    and ((subj is None and plural is None) or _caused(d, i, a)):
                facts = _place_before(d, pred, i, a)  # "الهجوم على المسجد في بلدة X عن مقتل ثلاثة"
            if not facts and pred in P.MOVEMENT and subj is None:
                shadow = True
            if facts and pred == "injured_in" and _fatal(d, i, a, subj):
                for f in facts:
                    f.predicate = "killed_in"  # "استشهاد الجندي فلان … بعد إصابته بمقذوف بقطاع جازان"
            for fact in facts:
                key = (i, fact.predicate + str(fact.object))
                if key in used_cues:
                    continue
                used_cues.add(key)
                out.extend(_place_fact(d, si, fact, subj, plural, intro, pers, hedges, anaphors,
                                       sent_events, hedged_groups))
        i += 1
    out.extend(_roles(d, si, a, b, pers))
    out.extend(_nationality(d, si, a, b, pers))
    out.extend(_age(d, si, a, b, pers))
    out.extend(_born_in(d, si, a, b))
    out.extend(_birthplace(d, si, a, b))
    out.extend(_based_in(d, si, a, b))
    out.extend(_membership(d, si, a, b, pers))
    out.extend(_detained(d, si, a, b))
    if sent_events or shadow:
        events.append(_GroupEvent(si, sent_events, a))
    if intro is not None:
        out.extend(_distribute(d, si, intro, pers, events))
    sent = d.sentences[si]
    for m in d.within(sent.start, sent.end):  # speakers too: a family name two people share stands for neither
        if m.type == "PER":
            anaphors.note(d, m)
    return out


_THREW = {"القت", "القي"}  # an arrest only with "القبض" after them


def _vague_cue(d: _Doc, i: int) -> bool:
    """A cue that names no one's death or wound: a definite verbal noun ("والقتل كما حصل في
    ذمار": killing in general) or one with a plural pronoun ("وثق المرصد مقتلهم": theirs)."""
    w = d.n[i][1:] if d.n[i][:1] in P.CONJ else d.n[i]
    return w.startswith(("ال", "بال", "لل")) or w.endswith(("هم", "هما", "هن"))


def _intended(d: _Doc, i: int, a: int) -> bool:
    """Whether the cue at i is the object of a plan or attempt said within four words before it
    (stopping at a clause boundary)."""
    for k in range(i - 1, max(a, i - 5) - 1, -1):
        w = d.n[k]
        if w in P.INTENT or (w[:1] in P.CONJ and w[1:] in P.INTENT) or (w[:1] == "س" and w[1:] in P.INTENT):
            return True
        if w in P.CLAUSE_STOPS or d.toks[k].text in ("،", ",", ".", "؛", ":"):
            return False
    return False


def _place_fact(d: _Doc, si: int, fact: _Fact, subj: Mention | None, plural, intro, pers: list[Mention],
                hedges: list[tuple[int, str]], anaphors: _Anaphors, sent_events: list[_Fact],
                hedged_groups: bool) -> list[Assertion]:
    """Give one fact found at a cue to its subject, its listed names, or the group events."""
    a, _b = d.sent_toks[si]
    i = fact.cue
    fact.hedge = next((h for pos, h in hedges if pos <= i), None)
    _qualify(d, fact, i, a, _b)
    if subj is not None:
        return [_assertion(d, subj, fact, si)]
    if plural is not None:
        members, quant = plural
        return [_assertion(d, m, fact, si, hedge=quant) for m in members] if quant is None or hedged_groups else []
    if intro is not None and i > intro[0]:
        return []
    ref = _anaphor(d, i, a, anaphors) if not pers else None
    if ref is not None:
        return [_assertion(d, ref, fact, si)]
    sent_events.append(fact)
    return []


def _cues_at(d: _Doc, i: int) -> list[tuple[tuple[str, ...], str, str]]:
    return [c for w in d.words(i) for c in _CUES.get(w, [])]


def _sentence_of(d: _Doc, pos: int) -> int:
    return next((k for k, s in enumerate(d.sentences) if s.start <= pos < s.end), 0)


def _matches(d: _Doc, i: int, words: tuple[str, ...]) -> bool:
    if i + len(words) > len(d.toks):
        return False
    if words[0] not in d.words(i):
        return False
    return all(d.n[i + k] == w for k, w in enumerate(words[1:], start=1))


def _phrases_by_first(phrases: tuple[str, ...]) -> dict[str, list[list[str]]]:
    idx: dict[str, list[list[str]]] = {}
    for ph in phrases:
        words = ph.split()
        idx.setdefault(words[0], []).append(words)
    return idx


_HEDGES = _phrases_by_first(P.HEDGES)
_INTROS = _phrases_by_first(P.GROUP_INTRO)


def _phrase_at(d: _Doc, i: int, b: int, index: dict[str, list[list[str]]]) -> list[str] | None:
    """The longest phrase of ``index`` starting at token i (first word may carry و / ف)."""
    best = None
    for w in d.words(i):
        for words in index.get(w, ()):
            if i + len(words) <= b and all(d.n[i + k] == x for k, x in enumerate(words[1:], start=1)):
                if best is None or len(words) > len(best):
                    best = words
    return best


def _hedges(d: _Doc, a: int, b: int) -> list[tuple[int, str]]:
    out = []
    for i in range(a, b):
        hw = _phrase_at(d, i, b, _HEDGES)
        if hw is not None:
            out.append((i, d.text[d.toks[i].start:d.toks[i + len(hw) - 1].end]))
    return out


def _qualify(d: _Doc, f: _Fact, i: int, a: int, b: int) -> None:
    """Attach the date said closest to the cue in its sentence (within a few words)."""
    cue = d.toks[i].start
    lo, hi = d.toks[a].start, d.toks[b - 1].end
    best = None
    for w in d.dates:
        if lo <= w.start < hi:
            dist = abs(w.start - cue)
            if dist <= 60 and (best is None or dist < abs(best.start - cue)):
                best = w
    if best is not None:
        if best.iso:
            f.qualifiers["date"] = best.iso
        f.qualifiers["date_text"] = best.surface


# ------------------------------------------------------------------ subjects


def _subject(d: _Doc, i: int, end: int, a: int, b: int, pers: list[Mention], anaphors: "_Anaphors"
             ) -> tuple[Mention | None, int | None, tuple[list[Mention], str | None] | None]:
    """(subject, token index after a subject that follows the cue, plural group) for a cue."""
    cue_word = d.n[i]
    stem = cue_word[1:] if cue_word[:1] in P.CONJ and cue_word[1:] in P.REFERS_BACK else cue_word
    if stem not in P.REFERS_BACK:
        # verb-first order: "وصل فلان", "اعتقلت الشرطة التركية القيادي في داعش فلان"
        j = end
        if j + 1 < b and d.n[j] == "كل" and d.n[j + 1] == "من":  # "فرّ كل من فلان وفلان"
            members, after = _listed(d, j + 2, b)
            if members:
                return None, after, (members, None)
        while j < b and j - end < 6 and not (j in d.start_tok and d.start_tok[j].type == "PER"):
            w = d.n[j]
            e = role_at(d.toks, j, d.person_starts, b) if j == end else None
            if e is not None:  # "قتل زعيم تنظيم القاعدة في جزيرة العرب فلان"
                j = _skip_to_name(d, e, b)
                break
            if w in P.ONE_OF and j + 1 < b and _one_of_group(d.n[j + 1]):
                j += 2  # "استشهاد أحد أفرادها فلان", "إصابة أحد أفراد الدورية هو فلان"
                if j < b and (d.n[j] in ("هو", "هي") or (d.n[j] not in P.SUBJECT_TITLES and (j + 1) in d.start_tok
                                                         and d.toks[j].text != "/")):
                    j += 1
                continue
            if j == end and d.toks[j].text in ("»", "”", '"'):
                j += 1  # "نتج عنه «استشهاد» أحد أفرادها"
                continue
            if not (w in P.SUBJECT_TITLES or w in P.AUTHORITY or w in P.REFLEXIVE or _in_org(d, j) or w in P.KIN_OF
                    or demonyms().get(w) or (j > end and d.toks[j].text == "/")):  # "المنتحر/ فلان"
                break
            j += 1
        m = d.start_tok.get(j)
        if m is not None and m.type == "PER" and m.id not in d.attr.speakers:
            return d.main(m), _past_apposition(d, _after_mention(d, m, b), b), None
        # "انشق العقيد عن الجيش": a title standing for the one person it was used for before
        for k in range(end, j):
            ref = anaphors.resolve(d.n[k])
            if ref is not None:
                return ref, j, None
        if j > end and j < b and (d.toks[j].text.isalpha() or d.toks[j].text.isdigit()) \
                and any(p == "arrested_by" for _w, _k, p in _cues_at(d, i)) \
                and any(d.n[k] in P.AUTHORITY_HEADS | {"القوات"} or _in_org(d, k) for k in range(end, j)):
            return None, None, None  # "وأوقفت الشرطة محتجين": the agent's object is no one named here
        skip_to = j if j > end else None
    else:
        skip_to = None
    plural = _plural_list(d, i, a, pers)
    if plural is not None:
        return None, None, plural
    lo = d.toks[a].start
    before = [m for m in d.within(lo, d.toks[i].start) if m.type == "PER"]
    if before and (before[-1].id in d.attr.speakers or d.main(before[-1]).id in d.attr.speakers) \
            and _describes_speaker(d, before[-1], i):
        return d.main(before[-1]), skip_to, None  # "وقال فلان المقيم في الرياض إن …": where he lives
    if not before or before[-1].id in d.attr.speakers or d.main(before[-1]).id in d.attr.speakers:
        return None, None, None  # "… وفق ما قاله فلان إن X فر": the speaker is no subject of what he says
    if _is_plural(cue_word) and not _adjacent(d, before[-1], i):
        return None, None, None  # "منهم ثلاث عائلات … وصلوا": a plural cue about a group noun
    if cue_word in P.KILL and _agent_before(d, i):
        return None, None, None  # "إن تنظيم داعش أعدم …": the name before is not the victim
    if stem in P.BARE_NOUNS:
        return None, None, None  # "أعلن فلان مقتل أربعة": a bare verbal noun's subject follows it
    if _deed(d, i, a):
        return None, None, None  # "أقدم نسيب فلان على قتل عقيد", "أدينت فلانة بقتل": the killer
    if any(p in ("killed_in", "injured_in") for _w, _k, p in _cues_at(d, i)) \
            and (_has_object(d, end, b) or _vague_cue(d, i)):
        return None, None, None  # "فلان … قتل أكثر من 750 شخصا", "فلان … والقتل": he is no victim
    if _reported_after(d, before[-1], i):
        return None, None, None  # "وقال فلان إن المستوطنين «… قتل عائلة في نابلس»": he only says it
    return d.main(before[-1]), skip_to, None


_DEED_NOUNS = {"قتل", "اغتيال"}
_DEED_PREPS = {"علي", "عن", "في"}


def _deed(d: _Doc, i: int, a: int) -> bool:
    """A killing told as a verbal noun under a preposition ("أقدم على قتل", "اتهم بقتل",
    "المسؤولية عن قتل", "تورطه في قتل"): it is someone's deed, so the name before it is the
    killer or the accused; the killed, if named, follows it."""
    w = d.n[i]
    if w[:1] in ("ب", "ل") and w[1:] in _DEED_NOUNS:
        return True
    return w in _DEED_NOUNS and i > a and d.n[i - 1] in _DEED_PREPS


def _one_of_group(w: str) -> bool:
    """"أفراد", "أفرادها", "منسوبيها": the group noun after "أحد", bare or with a pronoun."""
    return w in P.ONE_OF_NOUNS or any(w.endswith(e) and w[:-len(e)] in P.ONE_OF_NOUNS for e in ("ه", "ها", "هم"))


# Participles that describe a person where he lives or comes from, as an adjective of his name
# ("فلان المقيم في الرياض"); not the indefinite one of a source's gloss ("عزالدين الأحمد (ناشط من
# دير الزور مقيم في تركيا)"), which says who vouches for a report, not a fact of the story.
_DESCRIBING_CUES = {w for w in P.RESIDE | P.ORIGIN if w.startswith("ال")}


def _describes_speaker(d: _Doc, m: Mention, i: int) -> bool:
    """The cue at i is a definite participle in the speaker's own description, before what he
    says: "وقال علي حسن المقيم في مدينة الرياض إن …", "قال فلان (28 عاما) المقيم في بلدة X إن …"."""
    if d.n[i] not in _DESCRIBING_CUES:
        return False
    k = d.tok_at.get(m.end - 1)
    if k is None or i - k > 6:
        return False
    return not any(d.n[t] in ("ان", "انه", "انها", "بان", "بانه") or d.toks[t].text in (":", "«", '"', ".")
                   for t in range(k + 1, i))


def _reported_after(d: _Doc, m: Mention, i: int) -> bool:
    """Whether what a person says starts between his name and the cue at i: a bare "إن/أن"
    right after his name or after a verb of saying ("قال فلان إن", "فلان، وأكد أن"; not "إنه",
    which points back to him, nor "بعد أن") or a quotation opened after his name and still open."""
    k = d.tok_at.get(m.end - 1)
    if k is None:
        return False
    quoted = False
    for j in range(k + 1, i):
        if d.toks[j].text in ("«", "“"):
            quoted = True  # a quotation still open at the cue
        elif d.toks[j].text in ("»", "”"):
            quoted = False
        elif d.n[j] in ("ان", "بان") and (j == k + 1 or _saying(d.n[j - 1]) or d.toks[j - 1].text in ("،", ",")):
            return True
    return quoted


def _agent_before(d: _Doc, i: int) -> bool:
    """An organisation or force that opens the clause of a killing verb is its agent ("إن تنظيم
    داعش أعدم", "، القوات قد قتلت"), so a person named before it is not who was killed (one that
    describes a person, "فلان القيادي في داعش قتل", is no agent)."""
    k = i - 1
    while k >= 0 and (d.n[k] in ("قد", "لقد") or d.toks[k].text in ('"', "“", "”", "«", "»")):
        k -= 1
    m = d.end_tok.get(k)
    if m is not None and m.type == "ORG":
        j = d.tok_at[m.start] - 1  # the organisation opens its clause: "إن تنظيم داعش أعدم"
    elif k >= 0 and d.n[k] in P.AUTHORITY_HEADS | {"القوات", "التنظيم"}:
        j = k - 1
    else:
        return False
    return j < 0 or d.n[j] in ("ان", "انه", "لان", "فان", "بان", "وان") or not d.toks[j].text.isalpha()


def _past_apposition(d: _Doc, j: int, b: int) -> int:
    """After a subject, past the post that describes it ("قتل فلان المدعي العام في مصر بتفجير
    … في القاهرة"): the object is looked for after it, not inside it."""
    e = role_at(d.toks, j, d.person_starts, b)
    return e if e is not None else j


def _listed(d: _Doc, k: int, b: int, least: int = 2) -> tuple[list[Mention], int]:
    """Names listed from token k ("كل من الجندي أول فلان والجندي فلان، وفلان"), and the token
    after the list."""
    members: list[Mention] = []
    after = k
    while k < b:
        w = d.n[k]
        if d.toks[k].text.isdigit() and k + 1 < b and d.toks[k + 1].text in ("-", "–", "—", ".", ")"):
            k += 2  # an item's number: "1 -", "1.", "1)"
            continue
        if d.toks[k].text in ("،", ",", "/", "-", "–", "—", ":", '"', "“", "”", "«", "»") or w == "و":
            k += 1
            continue
        k = _skip_to_name(d, k, b)  # "والجندي أول فلان"
        m = d.start_tok.get(k)
        if m is None or m.type != "PER":
            break
        if d.main(m).id not in {x.id for x in members}:
            members.append(d.main(m))
        k = after = _after_mention(d, m, b)
    return (members if len(members) >= least else []), after


def _in_org(d: _Doc, j: int) -> bool:
    t = d.toks[j]
    k = bisect_right(d.starts, t.start)  # mentions hardly overlap: the last ones starting here
    return any(m.type == "ORG" and m.start <= t.start < m.end for m in d.mentions[max(0, k - 3):k])


_AGE_UNITS = P.AGE_WORDS | {"سنا"}  # "– 22 عاما", "35 سنا"


def _after_mention(d: _Doc, m: Mention, b: int) -> int:
    """Token index after a mention and its age or what is bracketed right after it ("فلان (35
    عاماً)", "فلان 35 عاماً")."""
    j = d.tok_at[m.end - 1] + 1
    if j + 2 < b and d.toks[j].text in ("-", "–", "—") and d.toks[j + 1].text.isdigit() and d.n[j + 2] in _AGE_UNITS:
        j += 1  # "فلان – 22 عاما"
    if j + 1 < b and d.toks[j].text.isdigit() and d.n[j + 1] in _AGE_UNITS:
        j += 2  # "فلان 22 عاماً"
    if j + 2 < b and d.toks[j].text in ("-", "–", "—", "ـ", "(") and d.n[j + 2] in ("الجنسيه", "الجنسيتين"):
        j += 3  # "فلان - بنجلاديشي الجنسية"
    while j < b and d.toks[j].text in ('"', "”", "“", ")", "("):
        if d.toks[j].text == "(":
            close = next((k for k in range(j + 1, min(b, j + 9)) if d.toks[k].text == ")"), None)
            if close is not None:
                j = close
        j += 1
    return j


def _is_plural(w: str) -> bool:
    w = w[1:] if w[:1] in P.CONJ else w
    return w.endswith(("وا", "ون", "هم", "ان")) and len(w) > 3


def _adjacent(d: _Doc, m: Mention, i: int) -> bool:
    gap = d.text[m.end:d.toks[i].start]
    return len(gap.split()) <= 3


def _plural_list(d: _Doc, i: int, a: int, pers: list[Mention]
                 ) -> tuple[list[Mention], str | None] | None:
    """Names listed right before a plural cue: "فلان وفلان، الذين ينحدر معظمهم من …"."""
    j = i - 1
    quant = None
    while j >= a and j >= i - 3:
        w = d.n[j]
        if w in P.QUANT_HEDGES or (d.n[i] in P.QUANT_HEDGES):
            quant = d.toks[j].text if w in P.QUANT_HEDGES else quant
        if w in P.PLURAL_REL or (w[:1] in P.CONJ and w[1:] in P.PLURAL_REL):
            break
        j -= 1
    else:
        return None
    if j < a or not (d.n[j] in P.PLURAL_REL or d.n[j][1:] in P.PLURAL_REL):
        return None
    for k in range(j + 1, min(i + 3, len(d.n))):
        if d.n[k] in P.QUANT_HEDGES:
            quant = d.toks[k].text
    members: list[Mention] = []
    pos = d.toks[j].start
    for m in reversed([m for m in pers if m.end <= pos]):
        gap = norm(d.text[m.end:pos]).strip(" ،,")
        if gap not in ("", "و") and not (members == [] and len(gap.split()) <= 1):
            break
        if d.main(m).id not in {x.id for x in members}:
            members.append(d.main(m))
        pos = m.start
    return (members[::-1], quant) if len(members) >= 2 else None


def _anaphor(d: _Doc, i: int, a: int, anaphors: _Anaphors) -> Mention | None:
    """A title or surname before the cue that points at one person seen earlier."""
    for j in range(i - 1, max(a, i - 4) - 1, -1):
        for w in d.words(j):
            ref = anaphors.resolve(w)
            if ref is not None:
                return ref
    return None


# ------------------------------------------------------------------ objects


def _object(d: _Doc, kind: str, pred: str, i: int, end: int, b: int) -> list[_Fact]:
    if kind == "place":
        m = _place_object(d, pred, end, b)
        if not m:
            return []
        place = d.by_id.get(m.get("mention", ""))
        broader = _with_broader(d, place, b)[1:] if place is not None else []
        # "في بلدة القديح بمحافظة القطيف": the broader unit beside the place too
        return [_Fact(pred, m, i)] + [_Fact(pred, {"mention": p.id, "text": p.text}, i) for p in broader]
    if kind == "org":
        obj = _org_object(d, pred, end, b)
        return [_Fact(pred, obj, i)] if obj else []
    if kind == "by":
        return _by_object(d, i, end, b)
    if kind == "money":
        mo = _money_after(d, end, b)
        return [_Fact(pred, mo.as_object(), i)] if mo else []
    return []


def _place_object(d: _Doc, pred: str, j: int, b: int) -> dict | None:
    _words, preps, required, free = P.PLACE_CUES[pred]
    circumstance = pred in ("killed_in", "injured_in") and j < b and d.n[j] in P.CIRCUMSTANCE
    if circumstance:
        free += P.CIRCUMSTANCE_REACH  # "لقي حتفه أثناء أداء مهامه في نقطة تفتيش ببلدة X"
    has_prep = not required
    free_left = free
    start = j
    while j < b and j - start <= _OBJ_REACH + free:
        t = d.toks[j]
        m = d.start_tok.get(j)
        w = d.n[j]
        glued = w[:1] in P.PREP_CLITIC and (m is not None and m.start > t.start)
        if m is not None and m.type in ("LOC",) and (has_prep or glued or (pred == "arrived_in")):
            if glued and not has_prep and _clitic_fits(w[0], preps):
                has_prep = True
            if has_prep or pred == "arrived_in":
                return {"mention": m.id, "text": m.text}
        if m is not None and m.type == "NAT" and has_prep and start < j and d.n[j - 1] in ("الاراضي", "اراضي"):
            return _country_object(d, m)
        if m is not None and m.type in ("DATE", "NAT", "MONEY") and m.start == t.start:
            j = d.tok_at[m.end - 1] + 1  # "اعتقلت فلان في 15 مايو في شرق سوريا": a date on the way
            continue
        if w in preps or (w[:1] in P.CONJ and w[1:] in preps and False):
            has_prep = True
        elif w in P.DIRECTIONS and "في" in preps:
            has_prep = True  # "قتل جنوب بغداد", "بالشريط الحدودي جنوب منطقة جازان"
        elif w[:1] in P.PREP_CLITIC and w[1:] in P.PLACE_FILLERS and _clitic_fits(w[0], preps):
            has_prep = True
        elif w in P.PLACE_FILLERS or t.text in P.PLACE_FILLERS:
            pass
        elif circumstance and t.text in ("«", "»", "“", "”"):
            pass  # "بشارع «الخزان» الرئيسي ببلدة «الجش»"
        elif has_prep and w in P.IN and j > start and d.n[j - 1] in P.PLACE_FILLERS:
            pass  # "هرب من سجن في إدلب"
        elif not has_prep and (w in P.ADVERBIALS or w in P.QUANT_HEDGES or w.isdigit() or t.text in "()"):
            pass
        elif not has_prep and w == "من" and pred not in ("fled_from", "origin") and (j + 1) in d.start_tok:
            j = d.tok_at[d.start_tok[j + 1].end - 1] + 1  # "سافر من باريس إلى …": skip the origin
            continue
        elif has_prep and w[:1] == "و" and any(p != pred for _w, _k, p in _cues_at(d, j)):
            return None  # "ألقي القبض عليه في يوليو 2014 ونقل إلى سجن X": the place of the next event
        elif free_left > 0 and (t.text.isalpha() or w.isdigit() or t.text in "()") and m is None:
            free_left -= 1
        elif free_left > 0 and m is not None and m.type == "ORG":  # "سلّم نفسه إلى قوات … عند معبر X"
            free_left -= 1
            j = d.tok_at[m.end - 1] + 1
            continue
        else:
            return None
        j += 1
    return None


# "متأثراً بجراحه", "توفي متأثرا بإصابته": the wound that follows killed.
_DIED_OF = {"متاثرا", "متاثره", "متاثرين", "متاثرتين", "متاثر"}
# "استشهاد فلان بعد إصابته": the wound told after a death, as its cause.
_CAUSE_WORDS = {"بعد", "اثر", "جراء", "عقب", "نتيجه", "وذلك"}


def _fatal(d: _Doc, i: int, a: int, subj: Mention | None) -> bool:
    """Whether the wound told at cue i is what killed its subject: "متأثراً بإصابته" before it,
    or a death told earlier in the sentence with the wound as its cause, the same person named
    in between and no one else ("استشهاد الجندي فلان - رحمه الله - من منسوبي القوات البرية بعد
    إصابته بمقذوف")."""
    if any(d.n[k] in _DIED_OF for k in range(max(a, i - 3), i)):
        return True
    if subj is None or i == a or d.n[i - 1] not in _CAUSE_WORDS:
        return False
    for k in range(i - 2, max(a, i - 25) - 1, -1):
        if any(p == "killed_in" for _w, _k, p in _cues_at(d, k)):
            named = [m for m in d.within(d.toks[k].start, d.toks[i].start) if m.type == "PER"]
            return [d.main(m).id for m in named] == [d.main(subj).id]
    return False


def _caused(d: _Doc, i: int, a: int) -> bool:
    """Whether the death or wound at cue i is told as the result of an event before it: a verb
    of causing just before the cue, past its preposition, commas and a time ("غارة … أدت في
    مطلع يوليو، إلى مقتل فلان"), or the cue "أودت بحياة" itself."""
    if d.n[i] in ("اودت", "اودي"):
        return True
    k = i - 1
    while k >= max(a, i - 8):
        w = d.n[k]
        if w in P.CAUSES:
            return True
        m = d.end_tok.get(k)
        if m is not None and m.type == "DATE":
            k = d.tok_at.get(m.start, k) - 1
            continue
        if not (w in P.CAUSE_LINKS or d.toks[k].text in ("،", ",", "«", "“", '"') or w in P.ADVERBIALS
                or w in _TIME_WORDS):
            return False
        k -= 1
    return False


_ON = P.IN | {"علي", "فوق"}  # "غارة على سوريا", "غارة جوية فوق سوريا": where an attack struck


def _place_before(d: _Doc, pred: str, i: int, a: int) -> list[_Fact]:
    """The place of an attack told before the deaths or wounds it caused, for a group event
    whose victims are named after it ("أسفر الهجوم على المسجد في بلدة القديح عن مقتل ثلاثة
    أشخاص. والشهداء هم: …"): the nearest place after a preposition within twelve words before
    the cue, with no person, clause break or other event between."""
    for k in range(i - 1, max(a, i - 12) - 1, -1):
        if d.toks[k].text in (".", "؛", ":") or d.n[k] in P.CLAUSE_STOPS or _cues_at(d, k):
            return []
        m = d.start_tok.get(k)
        if m is not None and m.type == "PER":
            return []
        if m is not None and m.type == "LOC":
            glued = d.n[k][:1] == "ب" and m.start > d.toks[k].start
            w1 = d.n[k - 1] if k > a else ""
            w2 = d.n[k - 2] if k - 1 > a else ""
            if glued or w1 in _ON or (w1 in P.PLACE_FILLERS and (w2 in _ON or w2[:1] == "ب")) \
                    or (w1[:1] == "ب" and w1[1:] in P.PLACE_FILLERS):
                return [_Fact(pred, {"mention": m.id, "text": m.text}, i)]
    return []


_QUANTITIES = {"اكثر", "اقل", "نحو", "حوالي", "قرابه", "زهاء", "عشرات", "مئات", "الاف", "العشرات", "المئات",
               "الالاف", "عددا", "العديد", "عدد"}
# Words of time a verb's object may stand past, besides patterns.ADVERBIALS ("الأسبوع الماضي").
_TIME_WORDS = {"الماضيه", "ليله", "صباح", "مساء", "فجر", "السبت", "الاحد", "الاثنين", "الثلاثاء", "الاربعاء",
               "الخميس", "الجمعه", "قد"}


def _has_object(d: _Doc, j: int, b: int) -> bool:
    """Whether the verb ending before j has an object, so it is active and the name before it
    is the killer, not the killed ("إنها قتلت عشرين عنصراً", "صياد كان قد قتل، الأسبوع
    الماضي، أسدًا"): a number or an accusative (tanwin al-fath) within six words, past commas
    and times."""
    k = j
    while k < b and k - j < 6:
        t = d.toks[k].text
        m = d.start_tok.get(k)
        if m is not None and m.type == "DATE":
            k = d.tok_at[m.end - 1] + 1
            continue
        if t.isdigit() or d.n[k] in UNITS or d.n[k] in _QUANTITIES or "\u064b" in t:
            return True
        if t not in ("،", ",") and d.n[k] not in P.ADVERBIALS and d.n[k] not in _TIME_WORDS:
            return False
        k += 1
    return False


def _saying(w: str) -> bool:
    return w in SOURCE_FOLLOWS or (w[:1] in P.CONJ and w[1:] in SOURCE_FOLLOWS)


def _clitic_fits(c: str, preps: set[str]) -> bool:
    meaning = P.PREP_CLITIC.get(c)
    return (meaning == "in" and "في" in preps) or (meaning == "to" and "الي" in preps)


def _country_object(d: _Doc, nat: Mention) -> dict:
    """"الأراضي التركية" -> the country: its mention in the document if there is one."""
    code = demonyms().get(norm(nat.text), "")
    for m in d.mentions:
        p = places().get(norm(m.text)) if m.type == "LOC" else None
        if p is not None and p.kind == "country" and p.country == code:
            return {"mention": m.id, "text": m.text}
    c = countries().get(code)
    return {"text": c.arabic if c else nat.text, "country": code}


_FOUNDER_ADJECTIVES = {"الحقيقي", "الفعلي", "الاول", "الروحي", "الرئيسي", "الاصلي", "الشريك"}


def _org_object(d: _Doc, pred: str, j: int, b: int) -> dict | None:
    _words, preps = P.ORG_CUES[pred]
    while j < b and d.n[j] in P.REFLEXIVE:
        j += 1
    if pred == "founded":
        while j < b and d.n[j] in _FOUNDER_ADJECTIVES:
            j += 1  # "المؤسس الحقيقي لجماعة X": the adjective is no organisation
        if j < b and d.n[j][:1] == "ل":  # "… للجماعة", "… لجماعة X": what follows the ل, if named
            t = d.toks[j]
            m = next((x for x in d.mentions[bisect_left(d.starts, t.start):bisect_left(d.starts, t.end)]
                      if x.type == "ORG"), None)
            return {"mention": m.id, "text": m.text} if m is not None else None
    if pred == "member_of":  # "انضم وتدرب مع التنظيم": a coordinated verb before the preposition
        k = j
        while k < b and k - j < 2 and d.n[k][:1] == "و" and d.n[k] not in preps and k not in d.start_tok:
            k += 1
        if k < b and (d.n[k] in preps or d.n[k] == "مع"):
            j = k
    if preps:
        w = d.n[j] if j < b else ""
        if w in preps or (pred == "member_of" and w == "مع"):
            j += 1
        elif not (w[:1] in ("ل", "ب") and w[:1] in preps and len(w) > 2):
            return None
    if j < b and d.n[j] in ("صفوف", "لصفوف", "بصفوف", "جانب") and j + 1 < b:  # "انضم إلى صفوف داعش"
        j += 1
    if j >= b:
        return None
    m = d.start_tok.get(j)
    if m is not None and m.type == "ORG":
        return {"mention": m.id, "text": m.text}
    if m is not None:
        return None
    # a literal noun phrase: "الجيش", "الجيش السوري", "الفصيل", "قوات النظام"
    k = j
    while k < b and k - j < 3 and d.toks[k].text.isalpha() and d.n[k] not in P.CLAUSE_STOPS \
            and (k == j or d.n[k].startswith("ال")) and d.n[k] not in ("الذي", "التي", "الذين"):
        k += 1
    if k == j or not (d.n[j].startswith("ال") or d.n[j] in ("قوات", "تنظيم", "جيش", "فصيل", "لواء", "كتيبه")):
        return None
    if d.n[j] in ("قوات", "تنظيم", "جيش", "فصيل", "لواء", "كتيبه") and k == j + 1 and j + 1 < b:
        if d.toks[j + 1].text in ("(", "«", '"', "“") and (j + 2) in d.start_tok and d.start_tok[j + 2].type == "ORG":
            m = d.start_tok[j + 2]  # "تنظيم (داعش)"
            return {"mention": m.id, "text": m.text}
        if not d.toks[j + 1].text.isalpha():
            return None
        k = j + 2
    if pred == "member_of" and d.n[j] in _ANAPHORIC_ORG:
        # "انضم إلى التنظيم": the organisation named before (the nearest one of that kind)
        head = d.n[j][2:]
        before = [m for m in d.within(0, d.toks[j].start) if m.type == "ORG"]
        same = [m for m in before if head in norm(m.text).split()]
        m = (same or before or [None])[-1]
        return {"mention": m.id, "text": m.text} if m is not None else None
    s, e = d.toks[j].start, d.toks[k - 1].end
    return {"text": d.text[s:e]}


_ANAPHORIC_ORG = {"التنظيم", "الحركه", "الجماعه", "الجبهه", "الحزب", "الفصيل"}


def _by_object(d: _Doc, i: int, end: int, b: int) -> list[_Fact]:
    """The arresting authority ("اعتقلته الشرطة الألمانية", "على يد قوات الأمن"), and the
    country of a national authority as the place of arrest ("الشرطة الألمانية" -> Germany)."""
    j = end
    if j + 1 < b and d.n[j] in ("من", "علي") and d.n[j + 1] in P.BY:
        j += 2
    m = d.start_tok.get(j)
    back = i - 1 if i - 1 >= 0 and d.n[i - 1] not in ("قد", "لقد") else i - 2  # "… قد اعتقلت"
    prev = d.end_tok.get(back)
    lit = _authority_before(d, back) if prev is None or prev.type != "ORG" else None
    if m is not None and m.type == "ORG":
        obj, after = {"mention": m.id, "text": m.text}, d.tok_at[m.end - 1] + 1
    elif prev is not None and prev.type == "ORG" and d.n[i] not in P.REFERS_BACK:
        obj, after = {"mention": prev.id, "text": prev.text}, end  # "الشرطة التركية اعتقلت فلان"
    elif lit is not None and d.n[i] not in P.REFERS_BACK:
        obj, after = {"text": lit}, end  # "وكانت القوات الأمريكية قد اعتقلت فلان"
    elif m is None and j < b and d.n[j] in P.AUTHORITY_HEADS:  # "السلطات التركية": no organisation mention
        k = j + 1
        while k < b and k - j < 4 and (k not in d.start_tok or d.start_tok[k].type == "NAT") \
                and (demonyms().get(d.n[k]) or d.n[k] in P.AUTHORITY):
            k += 1
        while k > j + 1 and d.n[k - 1] in ("في", "ب", "علي", "القبض"):
            k -= 1
        obj, after = {"text": d.text[d.toks[j].start:d.toks[k - 1].end]}, k
    else:
        auth = _sentence_authority(d, i)
        if auth is None:
            return []
        obj, after = {"mention": auth.id, "text": auth.text}, end  # "أعلنت وزارة الداخلية القبض على …"
    if _generic_authority(obj["text"]) and d.authority is not None:
        obj = {"mention": d.authority.id, "text": d.authority.text}  # "الأجهزة الأمنية" of the ministry named
    out = [_Fact("arrested_by", obj, i)]
    nat = next((w for w in norm(obj["text"]).split() if demonyms().get(w)), None)
    if nat is not None and _place_object(d, "arrested_in", after, b) is None:
        out.append(_Fact("arrested_in", _country_object(d, Mention(d.doc_id, 0, 0, nat, "NAT")), i,
                         {"inferred_from": obj["text"]}))
    return out


def _authority_before(d: _Doc, k: int) -> str | None:
    """An authority phrase without a mention ending at token k: "القوات الأمريكية", "السلطات
    التركية" (a head and its demonym or authority words)."""
    j = k
    while j > 0 and k - j < 2 and (demonyms().get(d.n[j]) or d.n[j] in ("الامنيه", "الخاصه", "العراقيه")):
        j -= 1
    if j < 0 or j == k or d.n[j] not in P.AUTHORITY_HEADS | {"القوات"}:
        return None  # a head and at least its demonym: "القوات الأمريكية"
    return d.text[d.toks[j].start:d.toks[k].end]


def _generic_authority(text: str) -> bool:
    words = norm(text).split()
    return bool(words) and all(w in P.GENERIC_AUTHORITY or w in ("و", "في") for w in words)


def _is_authority(m: Mention) -> bool:
    words = norm(m.text).split()
    return m.type == "ORG" and any(w in P.AUTHORITY_NAMES for w in words) and not _generic_authority(m.text)


def _article_authority(mentions: list[Mention]) -> Mention | None:
    """The authority an article speaks for: a ministry of the interior first ("وزارة
    الداخلية"), then any ministry, then the authority it names most often, then the first."""
    cands = [m for m in mentions if _is_authority(m)]
    if not cands:
        return None
    counts: dict[str, int] = {}
    for m in cands:
        counts[norm(m.text)] = counts.get(norm(m.text), 0) + 1

    def rank(m: Mention) -> tuple[int, int, int]:
        words = norm(m.text).split()
        return ("الداخليه" in words, "وزاره" in words, counts[norm(m.text)])
    best = max(rank(m) for m in cands)
    return next(m for m in cands if rank(m) == best)


def _sentence_authority(d: _Doc, i: int) -> Mention | None:
    """The authority that announces an arrest in the arrest's own sentence ("أعلنت وزارة
    الداخلية القبض على …", "قالت الشرطة الألمانية إنها اعتقلت …"): named before the cue."""
    si = _sentence_of(d, d.toks[i].start)
    lo, cue = d.sentences[si].start, d.toks[i].start
    found = [m for m in d.within(lo, cue) if _is_authority(m)]
    return found[-1] if found else None


def _detained(d: _Doc, si: int, a: int, b: int) -> list[Assertion]:
    """"الموقوفون (فلان - فلان - المنتحر فلان)", "الموقوف فلان": each detained name listed was
    arrested by the authority the article names (none named: no fact)."""
    auth = d.authority
    if auth is None:
        return []
    out = []
    for i in range(a, b):
        if d.n[i] not in P.DETAINED:
            continue
        k = i + 1
        while k < b and (d.n[k] in ("عليهم", "عليه", "هم", "وهم", "كل", "من") or d.toks[k].text in ("(", ":", "«")):
            k += 1
        for m in _detainee_list(d, k, b):
            f = _Fact("arrested_by", {"mention": auth.id, "text": auth.text}, i)
            out.append(_assertion(d, m, f, si))
    return out


def _detainee_list(d: _Doc, k: int, b: int) -> list[Mention]:
    members: list[Mention] = []
    skip = False
    while k < b:
        t, w = d.toks[k].text, d.n[k]
        m = d.start_tok.get(k)
        if m is not None and m.type == "PER":
            if not skip:
                members.append(d.main(m))
            skip = False
            k = d.tok_at[m.end - 1] + 1
            continue
        if w in P.NOT_DETAINED:
            skip = True
        elif not (t in ("-", "–", "،", ",", "(", ")", "/", "و") or t.isdigit() or w in ("مواليد", "و")):
            break
        k += 1
    return members


def _money_after(d: _Doc, j: int, b: int) -> Money | None:
    lo = d.toks[j].start if j < len(d.toks) else len(d.text)
    hi = d.toks[min(b, j + _MONEY_REACH) - 1].end if j < b else lo
    return next((mo for mo in d.money if lo <= mo.start < hi), None)


# ------------------------------------------------------------------ roles, nationality, age, membership


def _roles(d: _Doc, si: int, a: int, b: int, pers: list[Mention]) -> list[Assertion]:
    out = []
    prev_end, prev_subjects = -1, []
    i = a
    while i < b:
        if i in d.inside_person:  # "رائد شاكر": a title word inside a name is the name
            i += 1
            continue
        k = rank_before_name(d.toks, i, d.person_starts, b) if d.n[i].startswith(("ال", "وال")) else None
        m = d.start_tok.get(k) if k is not None else None
        if m is not None and m.type == "PER":  # "العقيد فلان", "الجندي أول فلان"
            out.append(_role_claim(d, si, d.main(m), i, k - (d.toks[k - 1].text == "/")))
            i = k
            continue
        j = role_at(d.toks, i, d.person_starts, b)
        if j is None:
            i += 1
            continue
        if all(d.n[k] in TITLES or d.n[k] in P.SUBJECT_TITLES for k in range(i, j)):
            i = j  # "الملازم أول", "نائب أمير": a rank or title alone names no office
            continue
        single = _singular_head(d.n[i])
        if single is not None:  # "نواب رئيس الجمهورية فلان وفلان، وفلان": each holds the post
            for subj in _plural_post_holders(d, j, b):
                out.append(_role_claim(d, si, subj, i, j, single))
                out.extend(_role_membership(d, si, subj, i, j))
            prev_end, prev_subjects = j, []
            i = j
            continue
        subjects = _role_subjects(d, i, j, a, b, pers)
        if not subjects and prev_end == i and (d.n[i][:1] == "و" or stacked(d.toks, i)):
            # "فلان نائب رئيس الوزراء ووزير الداخلية": a coordinated post; "الأمير فلان مستشار خادم
            # الحرمين الشريفين أمير منطقة مكة المكرمة": a stacked one
            subjects = prev_subjects
        for subj in subjects:
            out.append(_role_claim(d, si, subj, i, j))
            out.extend(_role_membership(d, si, subj, i, j))
            out.extend(_role_nationality(d, si, subj, i, j))
        prev_end, prev_subjects = j, subjects
        i = j
    return out


def _title_prefix(w: str) -> int:
    """Letters of a clitic glued before a title ("و", "ل", "لل" -> 1 for the l of "للرئيس")."""
    if w in TITLES:
        return 0
    if w[:2] == "لل" and "ال" + w[2:] in TITLES:
        return 1
    return 1 if w[:1] in "وفلب" and w[1:] in TITLES else 0


def _role_claim(d: _Doc, si: int, subj: Mention, i: int, j: int, single: str | None = None) -> Assertion:
    s, e = d.toks[i].start, d.toks[j - 1].end
    s += _title_prefix(d.n[i])  # "ووزير الداخلية", "لوزير الدفاع": the clitic is no part of the post
    text = d.text[s:e] if single is None else single + d.text[d.toks[i].end:e]  # one holder's post
    return _assertion(d, subj, _Fact("role", {"text": text}, i), si)


def _singular_head(w: str) -> str | None:
    """The singular of a plural office title without the article ("نواب" -> "نائب", "ووزراء")."""
    w = w[1:] if w[:1] in ("و", "ف") and w[1:] in P.PLURAL_OFFICES else w
    return P.PLURAL_OFFICES.get(w)


def _plural_post_holders(d: _Doc, j: int, b: int) -> list[Mention]:
    """The two or more people listed right after a plural post, or in brackets after it ("نواب رئيس
    الجمهورية (فلان، فلان، فلان)"); none for one name alone ("قادة الجيش فلان": a post of
    several, not his alone)."""
    k = _skip_to_name(d, j, b)
    if k < b and d.toks[k].text == "(":
        members = _bracket_list(d, k, b)
        return members if len(members) >= 2 else []
    return _listed(d, k, b)[0]


def _role_membership(d: _Doc, si: int, subj: Mention, i: int, j: int) -> list[Assertion]:
    """The organisation a post names ("القيادي في حركة حماس", "المتحدث باسم مجلس الأمن
    القومي", "زعيم طالبان"): the person belongs to it. A post that names no organisation
    ("وزير الخارجية الأمريكي") gives none: membership is stated, never inferred. An
    organisation named after an allegiance ("زعيم مجموعة خراسان الموالية لتنظيم القاعدة") is
    the ally of the person's own, not his."""
    j = next((k for k in range(i + 1, j - 1) if d.n[k] in P.ALLEGIANCE and (
        d.n[k + 1][:1] == "ل" or d.n[k + 1] in ("من", "مع"))), j)  # the allied organisation is no one's post
    lo, hi = d.toks[i].start, d.toks[j - 1].end
    org = next((m for m in d.within(lo, hi) if m.type == "ORG" and not _host(d, m) and not _portfolio(d, m)), None)
    if org is not None:
        f = _Fact("member_of", {"mention": org.id, "text": org.text}, i)
        return [_assertion(d, subj, f, si)]
    for k in range(i + 1, j):
        w = d.n[k]
        head = w if w in P.ORG_HEADS else w[1:] if w[:1] in ("ب", "ل") and w[1:] in P.ORG_HEADS else None
        if w in P.PORTFOLIOS and d.n[k - 1] == "باسم":
            head = w
        if head is None or k + 1 >= j:
            continue
        if d.n[k - 1] in ("لدي", "الي"):
            continue
        e = k + 1
        while e < j and d.n[e] not in ("في", "لدي"):
            e += 1
        if e - k < 2:
            continue
        s = d.toks[k].start + (len(d.toks[k].text) - len(head) if head != w else 0)
        f = _Fact("member_of", {"text": d.text[s:d.toks[e - 1].end]}, k)
        return [_assertion(d, subj, f, si)]
    return []


def _portfolio(d: _Doc, m: Mention) -> bool:
    """"وزيرة الخارجية الأمريكية": a minister's portfolio with its country (the tagger reads it as
    the ministry), no organisation named; the guidelines take no member_of from the title alone."""
    k = d.tok_at.get(m.start)
    return k is not None and k > 0 and d.n[k] in P.PORTFOLIOS and d.n[k - 1] in P.MINISTER_TITLES


def _host(d: _Doc, m: Mention) -> bool:
    """"سفير ألمانيا لدى الأمم المتحدة": the organisation a post is accredited to."""
    k = d.tok_at.get(m.start)
    return k is not None and k > 0 and d.n[k - 1] in ("لدي", "الي")


def _role_nationality(d: _Doc, si: int, subj: Mention, i: int, j: int) -> list[Assertion]:
    """A demonym qualifying a profession is the person's nationality ("طبيب الأسنان
    الأمريكي فلان"); one qualifying an office is part of the post ("وزير الخارجية الأمريكي")."""
    head = d.n[i][1:] if d.n[i] not in TITLES and d.n[i][:1] in P.CONJ else d.n[i]
    if head not in PROFESSION_FORMS:
        return []
    for k in range(i + 1, j):
        nat = _nat_code(d, k)
        org = d.end_tok.get(k - 1)
        if nat is not None and not (org is not None and org.type == "ORG"):
            return [_assertion(d, subj, _Fact("nationality", {"text": nat[0], "country": nat[1]}, k), si)]
    return []  # "مهاجم نادي باريس سان جيرمان الفرنسي": the club's, not his


def _role_subjects(d: _Doc, i: int, j: int, a: int, b: int, pers: list[Mention]) -> list[Mention]:
    """Who holds the role phrase at tokens [i, j)."""
    # "شغل منصب X", "كان يشغل منصب X": the person before
    if any(d.n[k] in P.ROLE_CUES or d.n[k][1:] in P.ROLE_CUES for k in range(max(a, i - 3), i)) \
            and any(d.n[k] in ("منصب", "بمنصب", "مهام") for k in range(max(a, i - 2), i)):
        before = [m for m in pers if m.end <= d.toks[i].start]
        return before[-1:]
    # "نائب أمير … المدعو “فلان”", "قائد الشرطة الاتحادية الفريق فلان", "نائب رئيس الوزراء
    # ووزير الداخلية الشيخ فلان": the role introduces the name after it
    k = _skip_to_name(d, j, b)
    m = d.start_tok.get(k)
    after = d.main(m) if m is not None and m.type == "PER" and m.start == d.toks[k].start else None
    comma = any(d.toks[x].text in ("،", ",") for x in range(j, k))
    if after is not None and not comma:
        return [after]  # a source's post is a fact about him too
    if k < b and d.toks[k].text == "(":  # "نواب رئيس الجمهورية (فلان، فلان، فلان)"
        members = _bracket_list(d, k, b)
        if members:
            return members
    # "فلان (أبو فلان) نائب أمير …", "فلان، مسؤول …", "فلان، وهو طبيب أسنان": apposition after a name
    prev = [m for m in d.within(d.toks[a].start, d.toks[i].start) if m.type == "PER"]
    if prev:
        m = prev[-1]
        gap = d.text[m.end:d.toks[i].start]
        words = norm(gap).split()
        if words and words[-1] in ("وهو", "هو", "وهي", "هي", "بصفته", "بصفتها", "كونه"):
            gap = gap[:gap.rfind(gap.split()[-1])]
        if all(c in _PUNCT_GAP for c in gap) and len(gap) <= 4:
            return [d.main(m)]
    return [after] if after is not None else []


_STYLES = {"السمو", "المعالي", "الفضيله", "السعاده"}  # "صاحب السمو الملكي", "صاحب المعالي"


def _skip_to_name(d: _Doc, k: int, b: int) -> int:
    """Past name-introducing words, quotes, ranks, titles and coordinated posts after a role."""
    while k < b:
        w = d.n[k]
        if w in P.NAME_INTRO or w in P.HONORIFICS or d.toks[k].text in ('"', "“", "«", "،", ",", "/"):
            k += 1
            continue
        if w in ("صاحب", "صاحبه") and k + 1 < b and d.n[k + 1] in _STYLES:  # "صاحب السمو الملكي"
            k += 3 if k + 2 < b and d.n[k + 2] == "الملكي" else 2
            continue
        r = rank_before_name(d.toks, k, d.person_starts, b)
        if r is not None:
            return r
        if w in TITLES and w.startswith("ال") and (k + 1) in d.start_tok and d.start_tok[k + 1].type == "PER":
            # "، النائبة فلان"
            return k + 1
        if (w[:1] in P.CONJ and w[1:] in TITLES) or stacked(d.toks, k):  # "… ووزير الداخلية فلان"
            e = role_at(d.toks, k, d.person_starts, b)
            if e is not None:
                k = e
                continue
        break
    return k


def _bracket_list(d: _Doc, k: int, b: int) -> list[Mention]:
    close = next((e for e in range(k + 1, min(b, k + 40)) if d.toks[e].text == ")"), None)
    if close is None:
        return []
    lo, hi = d.toks[k].end, d.toks[close].start
    names = [m for m in d.within(lo, hi) if m.type == "PER"]
    rest = d.text[lo:hi]
    for m in reversed(names):
        rest = rest[:m.start - lo] + rest[m.end - lo:]
    if len(names) < 2 or any(c not in " \n،,-–و" for c in rest):  # only names and separators
        return []
    return [d.main(m) for m in names]


def _nat_code(d: _Doc, j: int) -> tuple[str, str] | None:
    m = d.start_tok.get(j)
    w = norm(m.text) if m is not None and m.type == "NAT" else d.n[j]
    code = demonyms().get(w) or demonyms().get(w[1:] if w[:1] in P.CONJ else "")
    if not code:
        return None
    return (m.text if m is not None and m.type == "NAT" else d.toks[j].text.lstrip("و")), code


def _nationality(d: _Doc, si: int, a: int, b: int, pers: list[Mention]) -> list[Assertion]:
    out = []
    for i in range(a, b):
        w = d.n[i]
        hits: list[tuple[int, str, str]] = []  # (token, surface, code)
        if w in P.NATIONALITY_WORD:
            if i > a and (nat := _nat_code(d, i - 1)):          # "تونسي الجنسية"
                hits.append((i - 1, *nat))
            elif i + 1 < b and (nat := _nat_code(d, i + 1)):    # "يحمل الجنسية الكازاخية"
                hits.append((i + 1, *nat))
                k = i + 2  # "يحمل الجنسيتين الإيرانية والأميركية"
                while k < b and (d.toks[k].text == "و" or d.n[k][:1] == "و") and (nat := _nat_code(d, k)):
                    hits.append((k, *nat))
                    k += 1
            pred = "nationality"
        elif w in P.PASSPORT:                                    # "جوازي سفر بلجيكي وإيطالي"
            k = i + 1 + (i + 1 < b and d.n[i + 1] in ("سفر", "السفر"))
            while k < b and (nat := _nat_code(d, k)):
                hits.append((k, *nat))
                k += 1
            pred = "passport"
        elif i not in d.inside_person and (nat := _nat_code(d, i)) and (m := _name_after_demonym(d, i, b)) is not None \
                and not _qualifies_office(d, i, a) and not _qualifies_name(d, i, a):
            f = _Fact("nationality", {"text": nat[0], "country": nat[1]}, i)
            out.append(_assertion(d, m, f, si))  # "المقاتل الفرنسي فلان", "الأميركي والتر بالمر"
            continue
        else:
            continue
        if not hits:
            continue
        subj, _after, plural = _subject(d, i, i + 1, a, b, pers, _Anaphors())
        verb = d.n[i - 1] if i > a else ""
        if subj is None or (_is_plural(verb) and not plural):
            continue
        for _k, surface, code in hits:
            out.append(_assertion(d, subj, _Fact(pred, {"text": surface, "country": code}, i), si))
    return out


def _qualifies_name(d: _Doc, i: int, a: int) -> bool:
    """The demonym at i qualifies the place or organisation named right before it ("الوافد
    الجديد من تورينو الإيطالي فلان": Torino is Italian, not the player)."""
    if i <= a:
        return False
    before = [m for m in d.within(d.toks[a].start, d.toks[i].start) if m.type in ("LOC", "ORG")]
    return bool(before) and d.tok_at.get(before[-1].end - 1) == i - 1


def _name_after_demonym(d: _Doc, i: int, b: int) -> Mention | None:
    """The person a demonym describes: right after it, or after a bracket or a second
    adjective of the same kind ("الشاب الألماني المسلم (إبراهيم)")."""
    for k in range(i + 1, min(b, i + 4)):
        m = d.start_tok.get(k)
        if m is not None:
            return d.main(m) if m.type == "PER" else None
        if not (d.toks[k].text in ("(", '"', "«", "“") or d.n[k] in P.PERSON_ADJECTIVES or _nat_code(d, k)):
            return None
    return None


def _qualifies_office(d: _Doc, i: int, a: int) -> bool:
    """Whether the demonym at i qualifies something other than the person named after it:
    an office ("وزير الخارجية الأمريكي", "الرئيس الفرنسي", "نظيره الإيراني"), a thing or a
    body ("القوات الأميركية", "الوفد الإيراني"), or ends the name before it ("أبو شعيب
    المصري"). After a person noun or a profession ("الطفل الفلسطيني", "المصور الصحافي
    الياباني"), a verb or punctuation it is the person's."""
    if i == a:
        return False
    k = i - 1
    if k in d.end_tok and d.end_tok[k].type == "PER":
        return True
    while k > a and d.n[k] in P.PERSON_ADJECTIVES:  # "مدربه السابق الجزائري فلان"
        k -= 1
    w = d.n[k]
    w = w[1:] if w not in TITLES and w[:1] in "وفبلك" and w[1:] in TITLES else w  # "بنظيره"
    if w in P.PERSON_NOUNS or w in PROFESSION_FORMS:
        return False
    return w in TITLES or w.startswith("ال") or (k in d.end_tok and d.end_tok[k].type == "ORG") \
        or _office_before(d, k, a)


def _office_before(d: _Doc, k: int, a: int) -> bool:
    """An office title a few words before, in a construct without the article ("نائب وزير خارجية
    الياباني فلان"): the demonym ends that post. A person noun or profession nearer wins."""
    for x in range(k - 1, max(a, k - 4) - 1, -1):
        w = d.n[x]
        w = w[1:] if w not in TITLES and w[:1] in "وفبل" and w[1:] in TITLES else w
        if w in P.PERSON_NOUNS or w in PROFESSION_FORMS or not d.toks[x].text.isalpha() or x in d.end_tok:
            return False
        if w in OFFICE_FORMS:
            return True
    return False


# "من مواليد/أبناء/أهالي X" says where a person comes from, "من سكان X" where he lives.
_PEOPLE_OF = {"مواليد": "origin", "ابناء": "origin", "اهالي": "origin", "سكان": "resided_in", "سكنه": "resided_in",
              "قاطني": "resided_in"}
# "فلان من قرية X": a settlement word between "من" and the place says the person is from there.
_SETTLEMENTS = {"قريه", "بلده", "مدينه", "محافظه", "ولايه"}
_NEAR = {"القريبه", "القريب", "قريبه", "قريب", "البعيده", "البعيد", "بعيده", "بعيد"}  # "دار سعد القريبة من مدينة عدن"
_MOVES = P.FLEE | P.ARRIVE | P.TRAVEL | {"نقل", "بنقل", "نقله", "اعاده", "لاعاده", "باعاده", "عوده", "عاد", "قدم",
                                         "القادم", "القادمين", "ترحيل", "ترحيله", "وصل", "وصول", "انتقل", "انتقاله"}


def _born_in(d: _Doc, si: int, a: int, b: int) -> list[Assertion]:
    """"فلان … من مواليد بغداد", "وهو من أبناء مدينة القطيف" -> origin, "وهو من سكان قرية X" ->
    resided_in: the place right after (past "مدينة", "ولاية" …), given to the person named
    before it with only words that describe that person between (a speaker too: "قال فلان،
    وهو من أبناء …"); a year after "مواليد" is a birth year. "فلان، من قرية X", "وهو بالأصل
    من X" and "وهو ابن مدينة X" -> origin too; after a settlement word, not when a movement
    word comes before the person ("بنقل الجندي فلان من مدينة …") or "إلى" after the place."""
    out = []
    for i in range(a + 1, b - 1):
        pred = _PEOPLE_OF.get(d.n[i]) if d.n[i - 1] == "من" else None
        k = i + 1
        if pred is None and d.n[i] == "من" and (d.n[i + 1] in _SETTLEMENTS or d.n[i - 1] in ("بالاصل", "اصلا")) \
                and d.n[i - 1] not in _NEAR:
            pred = "origin"
        elif pred is None and d.n[i] in ("ابن", "ابنه") and d.n[i - 1] not in ("من", "علي"):
            pred = "origin"  # "وهو ابن مدينة الرقة", "فلان، ابن الرقة،"
        if pred is None:
            continue
        while k < b - 1 and d.n[k] in P.PLACE_FILLERS:
            k += 1
        place = d.start_tok.get(k)
        if place is None or place.type != "LOC":
            continue
        describe_to = i if d.n[i] in ("ابن", "ابنه") else i - 1 if d.n[i] != "من" \
            else i - (d.n[i - 1] in ("بالاصل", "اصلا"))
        subj = _described(d, a, i, describe_to)
        if subj is None:
            continue
        if d.n[i] == "من" and d.n[i + 1] in _SETTLEMENTS:
            after = d.tok_at[place.end - 1] + 1
            named = [m for m in d.within(d.toks[a].start, d.toks[i].start) if m.type == "PER"][-1]
            if any(d.n[t] in P.TO for t in range(after, min(b, after + 3))) or \
                    any(d.n[t] in _MOVES for t in range(a, d.tok_at[named.start])):
                continue
        out.append(_assertion(d, subj, _Fact(pred, {"mention": place.id, "text": place.text}, i), si))
    return out


# "ولد فلان في مدينة حلب", "فلان، المولود في حلب": where he was born is where he comes from.
_BORN = {"ولد", "وولد", "ولدت", "وولدت", "المولود", "المولوده", "مولود", "مولوده"}
# "في مسقط رأسه بمحافظة القنفذة": his birthplace.
_BIRTHPLACE = {"مسقط", "بمسقط", "ومسقط"}


def _place_at(d: _Doc, k: int, b: int) -> Mention | None:
    """A place from token k: past "في" or a glued ب and the words for a kind of place."""
    if k < b and d.n[k] in ("في", "وفي"):
        k += 1
    while k < b and k not in d.start_tok \
            and (d.n[k] in P.PLACE_FILLERS or (d.n[k][:1] == "ب" and d.n[k][1:] in P.PLACE_FILLERS)):
        k += 1  # "في مدينة حلب"; "في مدينة حمص" may be one mention
    m = d.start_tok.get(k)
    return m if m is not None and m.type == "LOC" else None


def _birthplace(d: _Doc, si: int, a: int, b: int) -> list[Assertion]:
    """origin from a birthplace: "ولد فلان في مدينة حلب", "فلان (…) المولود في حلب", "ووري
    جثمان الشهيد فلان الثرى في مسقط رأسه بمحافظة القنفذة" (the person named last before, with
    no other person between)."""
    out: list[Assertion] = []
    for i in range(a, b - 1):
        w = d.n[i]
        subj: Mention | None = None
        if w in _BORN:
            if w in ("ولد", "وولد", "ولدت", "وولدت"):
                m = d.start_tok.get(_skip_to_name(d, i + 1, b))
                if m is None or m.type != "PER":
                    continue
                subj, k = d.main(m), _after_mention(d, m, b)
            else:
                subj, k = _described(d, a, i, i), i + 1
            if k >= b or d.n[k] not in ("في", "وفي"):
                continue
        elif w in _BIRTHPLACE and i + 1 < b and d.n[i + 1] in ("راسه", "راسها"):
            before = [m for m in d.within(d.toks[a].start, d.toks[i].start) if m.type == "PER"]
            if not before or len({d.main(m).id for m in before}) > 1:
                continue
            subj, k = d.main(before[-1]), i + 2
        else:
            continue
        described = w in _BORN and w.startswith(("ال", "م"))  # "وقال فلان المولود في حلب": his own
        place = _place_at(d, k, b) if subj is not None and (described or subj.id not in d.attr.speakers) else None
        if place is not None:
            for p in _with_broader(d, place, b):
                out.append(_assertion(d, subj, _Fact("origin", {"mention": p.id, "text": p.text}, i), si))
    return out


def _based_in(d: _Doc, si: int, a: int, b: int) -> list[Assertion]:
    """"فلان ومقره لندن", "فلان، ومقره في لندن" -> resided_in: his base, said right after his
    name (past words that describe him)."""
    out = []
    for i in range(a + 1, b - 1):
        if d.n[i] not in ("مقره", "ومقره", "مقرها", "ومقرها"):
            continue
        place = d.start_tok.get(i + 1 + (d.n[i + 1] in P.IN))
        subj = _described(d, a, i, i) if place is not None and place.type == "LOC" else None
        if subj is not None:
            out.append(_assertion(d, subj, _Fact("resided_in", {"mention": place.id, "text": place.text}, i), si))
    return out


def _described(d: _Doc, a: int, i: int, k: int) -> Mention | None:
    """The person named last before token i of the sentence starting at a, when the tokens from
    its end to k only describe that person (punctuation, "وهو", "المعروف باسم (…)", an age):
    in "التقى فلان عددا من أبناء …" they do not."""
    before = [m for m in d.within(d.toks[a].start, d.toks[i].start) if m.type == "PER"]
    if not before:
        return None
    j = d.tok_at[before[-1].end - 1] + 1
    if all(not d.n[t].isalpha() or d.n[t] in P.DESCRIBING or t in d.inside_person for t in range(j, k)):
        return d.main(before[-1])
    return None


# "البالغ من العمر" qualifies the noun before it: a person named more than this many tokens before is
# another noun's ("بالمر … عن قتل الأسد «سيسيل» البالغ من العمر 13 عاما").
MAX_AGE_GAP = 6


def _age(d: _Doc, si: int, a: int, b: int, pers: list[Mention]) -> list[Assertion]:
    out = []
    for i in range(a + 1, b):
        if d.n[i] not in P.AGE_WORDS or not d.n[i - 1].isdigit():
            continue
        value = int(d.n[i - 1])
        if not 5 <= value <= 110:
            continue
        subj = None
        if i - 2 >= a and d.toks[i - 2].text == "(":
            m = d.end_tok.get(i - 3)
            subj = m if m is not None and m.type == "PER" else None
        elif any(d.n[k] in ("العمر", "عمره", "البالغ", "بعمر", "يبلغ") for k in range(max(a, i - 5), i - 1)):
            before = [m for m in pers if m.end <= d.toks[i].start]
            subj = before[-1] if before else None
            k = next((k for k in range(i - 2, max(a, i - 5) - 1, -1) if d.n[k] == "البالغ"), None)
            if subj is not None and k is not None and k - d.tok_at[subj.end - 1] > MAX_AGE_GAP:
                subj = None  # "قتل الأسد «سيسيل» البالغ من العمر 13 عاما": the adjective's own noun
        if subj is not None and subj.id not in d.attr.speakers:
            s, e = d.toks[i - 1].start, d.toks[i].end
            out.append(_assertion(d, subj, _Fact("age", {"value": value, "text": d.text[s:e]}, i), si))
    return out


def _pronoun_posts(d: _Doc, si: int, a: int, b: int) -> list[Assertion]:
    out = []
    for i in range(a + 1, b - 1):
        raw = d.toks[i].text
        w = d.n[i][1:] if d.n[i][:1] in P.CONJ else d.n[i]
        if not (raw.endswith("ه") or raw.endswith("ها")) or w[: -2 if raw.endswith("ها") else -1] not in TITLES:
            continue
        m = d.start_tok.get(_skip_to_name(d, i + 1, b))
        if m is None or m.type != "PER":
            continue
        k = i - 1
        while k >= a and d.toks[k].text in ("»", "”", '"', ")", "،", ","):
            k -= 1
        org = d.end_tok.get(k)
        if org is not None and org.type == "ORG":
            out.append(_assertion(d, d.main(m), _Fact("member_of", {"mention": org.id, "text": org.text}, i), si))
    return out


_LED_VERBS = {norm(v) + e for v in P.LED_BY_VERBS for e in ("ه", "ها")}
_LED_NOUNS = {norm(v) for v in P.LED_BY_NOUNS}
_FOUNDED_VERBS = {norm(v) + e for v in P.FOUNDED_BY_VERBS for e in ("ه", "ها")}


def _led_by(d: _Doc, si: int, a: int, b: int) -> list[Assertion]:
    """"ائتلاف الوطنية الذي يتزعمه فلان", "جماعة الحوثي التي يتزعمها فلان", "مجموعة «المرابطون»
    بقيادة فلان" -> member_of the organisation; "التي أسسها فلان" -> founded it. The
    organisation ends right before the relative or the verbal noun; the leader is named right
    after (past his titles)."""
    out: list[Assertion] = []
    for i in range(a + 1, b - 1):
        w = d.n[i]
        if w in _LED_NOUNS:
            k, pred, name_at = i - 1, "member_of", i + 1
        elif w in ("الذي", "التي") and (d.n[i + 1] in _LED_VERBS or d.n[i + 1] in _FOUNDED_VERBS):
            k, pred, name_at = i - 1, "founded" if d.n[i + 1] in _FOUNDED_VERBS else "member_of", i + 2
        else:
            continue
        while k > a and d.toks[k].text in ("،", ",", "»", "”", '"', ")"):
            k -= 1
        org = d.end_tok.get(k)
        if org is None or org.type != "ORG":
            continue
        m = d.start_tok.get(_skip_to_name(d, name_at, b))
        if m is not None and m.type == "PER" and m.id not in d.attr.speakers:
            out.append(_assertion(d, d.main(m), _Fact(pred, {"mention": org.id, "text": org.text}, name_at - 1), si))
    return out


def _one_of(d: _Doc, j: int) -> bool:
    """"من عناصر/قيادات/منسوبي …" at token j: one of the organisation's people."""
    return d.n[j] == "من" and j + 1 < len(d.n) and d.n[j + 1] in P.ONE_OF_NOUNS


def _membership(d: _Doc, si: int, a: int, b: int, pers: list[Mention]) -> list[Assertion]:
    """"فلان، القيادي في تنظيم X", "فلان أحد عناصر X", "فلان من منسوبي X" -> member_of X;
    "تنظيم القاعدة وزعيمه فلان", "حركة طالبان وقائدها فلان" -> member_of the organisation the
    pronoun names."""
    out = _pronoun_posts(d, si, a, b) + _led_by(d, si, a, b)
    starts: list[tuple[Mention, int]] = []
    for m in pers:
        j = d.tok_at[m.end - 1] + 1
        while j < b and d.toks[j].text in ("،", ",", ")", '"', "”"):
            j += 1
        starts.append((m, j))
    for j in range(a + 1, b):  # "…، وهو عنصر في تنظيم X": the person named before
        if d.n[j - 1] in ("وهو", "هو", "وكان", "كان") and (d.n[j] in P.MEMBER_NOUNS | P.ONE_OF or _one_of(d, j)):
            before = [m for m in pers if m.end <= d.toks[j].start]
            if before:
                starts.append((d.main(before[-1]), j))
    for j in range(a, b - 2):  # "القيادية في تنظيم داعش (أم سياف)": the name right after the organisation
        org = d.start_tok.get(j + 2)
        if d.n[j] in P.MEMBER_NOUNS and d.n[j + 1] == "في" and org is not None and org.type == "ORG":
            k = d.tok_at[org.end - 1] + 1
            while k < b and d.toks[k].text in ("(", '"', "“", "«", "،"):
                k += 1
            m = d.start_tok.get(k)
            if m is not None and m.type == "PER":
                out.append(_assertion(d, d.main(m), _Fact("member_of", {"mention": org.id, "text": org.text}, j), si))
    for m, j in starts:
        if j + 1 >= b:
            continue
        w = d.n[j]
        k = None
        if w in P.MEMBER_NOUNS and d.n[j + 1] in ("في", "ب", "لدي"):
            k = j + 2
        elif w in P.MEMBER_NOUNS and d.n[j + 1][:1] == "ب" and (j + 1) in d.start_tok:
            k = j + 1
        elif (w in P.ONE_OF and d.n[j + 1] in P.ONE_OF_NOUNS) or _one_of(d, j):
            k = j + 2
        if k is None or k >= b:
            continue
        org = d.start_tok.get(k)
        if org is not None and org.type == "ORG":
            out.append(_assertion(d, m, _Fact("member_of", {"mention": org.id, "text": org.text}, j), si))
    return out


# ------------------------------------------------------------------ groups


def _group_intro(d: _Doc, a: int, b: int) -> tuple[int, bool] | None:
    """(token index, anaphoric?) of the first group statement followed by a name."""
    lo, hi = d.toks[a].start, d.toks[b - 1].end
    pers_starts = [m.start for m in d.within(lo, hi) if m.type == "PER"]
    for i in range(a, b):
        words = _phrase_at(d, i, b, _INTROS)
        if words is None:
            continue
        if any(p >= d.toks[i].start for p in pers_starts) and _names_follow(d, i + len(words), b, words):
            return i, " ".join(words) in P.ANAPHORIC_INTRO or i - a <= 2
    return None


_INTRO_REACH = 8  # tokens from "منهم"/"بينهم" to the first name it introduces


def _names_follow(d: _Doc, k: int, b: int, words: list[str]) -> bool:
    """Whether a name follows the intro ending at token k before a clause ends: "17 منهم بسقوط
    مروحية، … منذ إعلان وفاة زعيمها فلان" counts part of a toll and names no one. Intros that
    name their group ("من بين الفارين", "والشهداء هم:") may describe it first and are not held
    to this."""
    if " ".join(words) in P.ANAPHORIC_INTRO:
        return True
    while k < b and d.toks[k].text in ("،", ",", ":", "(", "«", "“", '"'):
        k += 1  # "وعرف منهم، فلان"
    e = role_at(d.toks, k, d.person_starts, b)  # "عُرف منهم نائب أمير جهاز الحسبة … المدعو فلان"
    k = _skip_to_name(d, e if e is not None else k, b)
    for j in range(k, min(b, k + _INTRO_REACH)):
        if j in d.start_tok and d.start_tok[j].type == "PER":
            return True
        if d.toks[j].text in ("،", ",", ".", "؛", ";"):
            return False
    return False


def _distribute(d: _Doc, si: int, intro: tuple[int, bool], pers: list[Mention],
                events: list[_GroupEvent]) -> list[Assertion]:
    i, anaphoric = intro
    members: list[Mention] = []
    words = _phrase_at(d, i, d.sent_toks[si][1], _INTROS) or []
    if " ".join(words) in P.VICTIM_INTRO:
        # "والشهداء هم: فلان، وفلان": only the list that follows at once ("." without a space
        # may have joined the next sentence, whose names are no victims)
        stop = next((k for k in range(i + len(words), d.sent_toks[si][1]) if d.toks[k].text in (".", "؛")),
                    d.sent_toks[si][1])
        lo, hi = d.toks[i].start, d.toks[stop - 1].end
        for m in d.within(lo, hi):
            if m.type == "PER" and m.id not in d.alias_of and d.main(m).id not in {x.id for x in members}:
                members.append(d.main(m))
    else:
        for m in pers:
            if d.toks[i].start <= m.start and m.id not in d.alias_of and d.main(m).id not in {x.id for x in members}:
                members.append(d.main(m))
    own = [e for e in events if e.sent == si]
    if own:
        ev = own[-1]
    else:
        reach = _GROUP_BACK if anaphoric else 1
        ev = next((e for e in reversed(events) if si - e.sent <= reach), None)
    if ev is None or not ev.facts:
        return []
    out = []
    # "قتل 170 مدنيا وأصيب العشرات … أبرزهم فلان": names picked out of a death-and-wound toll
    # are not told apart; they are given the deaths only.
    both = {"killed_in", "injured_in"} <= {f.predicate for f in ev.facts}
    for m in members:
        for f in ev.facts:
            if ev.sent == si and f.cue > i:
                continue
            if both and f.predicate == "injured_in":
                continue
            out.append(_assertion(d, m, f, si, from_si=ev.sent))
    return out


# ------------------------------------------------------------------ victim lists


def _victim_lists(d: _Doc) -> list[Assertion]:
    """Named victims of an attack ("أسماء الشهداء: الجندي فلان، العريف فلان …", "والقتلى هم
    فلان وفلان"): each listed person was killed (or, for "المصابين/الجرحى", injured) at the place
    of the attack: a place after a preposition in the intro's sentence, else in the two sentences
    before it. The list is the rest of the intro's sentence, or, when that names nobody, the next
    sentence and the items after it laid out one per line."""
    out: list[Assertion] = []
    for si, (a, b) in enumerate(d.sent_toks):
        for i in range(a, b):
            words, end = _unquoted_phrase_at(d, i, b, _VICTIM_INTROS)
            if words is not None:
                pred = "injured_in" if words[-1] in P.WOUNDED_WORDS or words[0] in P.WOUNDED_WORDS else "killed_in"
            else:
                words, pred = _cue_list(d, i, a, b)
                if words is None:
                    continue
                end = i + len(words)
            members = _victims_after(d, si, end)
            places = _attack_places(d, si, i) if members else []
            if not places:
                continue
            for m in members:
                for place in places:
                    f = _Fact(pred, {"mention": place.id, "text": place.text}, i)
                    out.append(_assertion(d, m, f, _sentence_of(d, m.start), from_si=si))
            break
    return out


_VICTIM_INTROS = _phrases_by_first(P.VICTIM_INTRO)
_QUOTES = {'"', "“", "”", "«", "»", "'"}


def _unquoted_phrase_at(d: _Doc, i: int, b: int, index: dict[str, list[list[str]]]) -> tuple[list[str] | None, int]:
    """The longest phrase of ``index`` at token i when quotation marks around its words are
    left out ("وتضمنت أسماء «الشهداء» الجندي فلان"), and the token after it."""
    best: tuple[list[str] | None, int] = (None, i)
    for w in d.words(i):
        for words in index.get(w, ()):
            k = i + 1
            for x in words[1:]:
                while k < b and d.toks[k].text in _QUOTES:
                    k += 1
                if k >= b or d.n[k] != x:
                    break
                k += 1
            else:
                while k < b and d.toks[k].text in _QUOTES:
                    k += 1
                if best[0] is None or len(words) > len(best[0]):
                    best = (words, k)
    return best
_LIST_INTROS = _phrases_by_first(("كل من", "وهم", "هم"))
# The bare verbal nouns of a death and a wound ("استشهاد", "مقتل", "إصابة"), without a pronoun.
_KILL_NOUNS = {f for _p, _i, ns in P.LEMMAS["kill"] for n in ns for f in (norm(n), "ال" + norm(n))} - {"قتل", "القتل"}
_INJURY_NOUNS = {f for _p, _i, ns in P.LEMMAS["injure"] for n in ns for f in (norm(n), "ال" + norm(n))}


def _cue_list(d: _Doc, i: int, a: int, b: int) -> tuple[list[str] | None, str]:
    """A list opened at i right after a death or wound ("استشهاد 15 مصلياً … أنهم كل من: 1 – …",
    "واستشهاد كل من الجندي فلان والجندي فلان"): the opening words and the predicate of the
    nearest such cue within forty words before it, with no sentence break between."""
    words = _phrase_at(d, i, b, _LIST_INTROS)
    if words is None:
        # "نتج عن ذلك استشهاد العريف فلان، والجندي أول فلان": the death's noun, then two or
        # more names at once
        for w in d.words(i):
            pred = "killed_in" if w in _KILL_NOUNS else "injured_in" if w in _INJURY_NOUNS else ""
            if pred and _listed(d, i + 1, b, least=2)[0]:
                return [d.n[i]], pred
        return None, ""
    seen = 0
    for k in range(i - 1, a - 1, -1):
        if d.toks[k].text in (".", "؛") or seen == 40:
            break
        seen += d.toks[k].text[:1].isalpha()  # forty words; numbers and punctuation are free
        for w in d.words(k):
            if w in P.KILL:
                return words, "killed_in"
            if w in P.INJURE:
                return words, "injured_in"
    return None, ""


def _victims_after(d: _Doc, si: int, k: int) -> list[Mention]:
    """Persons listed after token k of sentence si (see ``_victim_lists``): the list right
    after the intro or after its "وهم:"; when it runs to the end of the sentence, or the
    sentence names nobody after the intro, the list goes on in the sentences that open with an
    item ("والجندي فلان"، "1 –"، "- فلان")."""
    a, b = d.sent_toks[si]
    found, after = _listed(d, k, b, least=1)
    if not found:  # "أسماء الشهداء الجنود الذين راحوا ضحية التفجير …، وهم: فلان، …"
        opener = next((j for j in range(k, min(b, k + 30)) if d.toks[j].text == ":" or d.n[j] in ("وهم", "هم")), None)
        if opener is not None:
            found, after = _listed(d, opener + 1, b, least=1)
    if found and after < b - 1:
        return found
    if not found and any(m.type == "PER" for m in d.within(d.toks[min(k, b - 1)].start, d.sentences[si].end)):
        return []
    for sj in range(si + 1, min(len(d.sentences), si + 30)):
        sa, sb = d.sent_toks[sj]
        if sa >= sb:
            continue
        w = d.n[sa]
        item = (sj == si + 1 and not found) or d.toks[sa].text.isdigit() or d.toks[sa].text in P.LIST_MARKS \
            or w in RANK_FORMS or (w[:1] == "و" and w[1:] in RANK_FORMS)
        got, after = _listed(d, sa, sb, least=1) if item else ([], sa)
        if not got:
            break
        found.extend(got)
        if after < sb - 1:
            break
    seen: set[str] = set()
    return [m for m in found if not (m.id in seen or seen.add(m.id))]


def _attack_places(d: _Doc, si: int, i: int) -> list[Mention]:
    """The place of the attack a victim list belongs to (see ``_victim_lists``), and the
    broader places said right after it ("بقطاع ظهران الجنوب بمنطقة عسير": both)."""
    a, b = d.sent_toks[si]
    spans = [(a, i), (i, b)] + [d.sent_toks[sj] for sj in range(si - 1, max(-1, si - 3), -1)]
    for lo, hi in spans:
        hits = [m for m in (d.start_tok.get(k) for k in range(lo, hi))
                if m is not None and m.type == "LOC" and (_after_preposition(d, d.tok_at[m.start], lo)
                                                          or _site_of_attack(d, d.tok_at[m.start], lo))]
        if not hits:
            continue
        k = len(hits) - 1 if (lo, hi) != (i, b) else 0
        while k > 0 and _broader(d, hits[k - 1], hits[k]):
            k -= 1  # the most specific place of the chain comes first
        return _with_broader(d, hits[k], hi)
    return []


def _site_of_attack(d: _Doc, k: int, a: int) -> bool:
    """The place at token k completes an attack's or its target's noun, at most two words
    before it with no punctuation between ("تفجير القديح", "مسجد الطوارئ عسير", "شهداء مسجد
    طوارئ عسير")."""
    for j in range(k - 1, max(a, k - 3) - 1, -1):
        if not d.toks[j].text[:1].isalpha():
            return False
        if any(w in P.ATTACK_SITES or (w[:1] in "بل" and w[1:] in P.ATTACK_SITES) for w in d.words(j)):
            return True
    return False


def _with_broader(d: _Doc, place: Mention, b: int) -> list[Mention]:
    """``place`` and the broader units said after it, each with the word for its kind, before
    token b ("بقطاع ظهران الجنوب بمنطقة عسير", "في بلدة القديح في محافظة القطيف")."""
    chain = [place]
    while True:
        k = d.tok_at[chain[-1].end - 1] + 1
        nxt = next((d.start_tok[t] for t in (k + 1, k + 2) if t < b and t in d.start_tok), None)
        if nxt is None or nxt.type != "LOC" or not _broader(d, chain[-1], nxt):
            return chain
        chain.append(nxt)


def _broader(d: _Doc, place: Mention, m: Mention) -> bool:
    """``m`` is the broader unit said right after ``place`` with the word for its kind
    ("القديح بمحافظة القطيف", "ظهران الجنوب بمنطقة عسير"), not any place that follows."""
    j, k = d.tok_at[place.end - 1] + 1, d.tok_at[m.start]
    if k - j == 2 and d.n[j] in ("في", "وفي"):
        j += 1  # "القديح في محافظة القطيف"
    if k - j != 1:
        return False
    w = d.n[j]
    w = w[1:] if w[:1] in P.CONJ else w
    w = w[1:] if w[:1] == "ب" else w[2:] if w[:2] == "في" else w
    return w in _UNIT_WORDS


# Units a place lies in (a town or village is none): "بمحافظة", "بقطاع", "في قضاء".
_UNIT_WORDS = (PLACE_NOUNS - {"بلده", "قريه"}) | {"قطاع", "مديريه", "قضاء"}


def _after_preposition(d: _Doc, k: int, a: int) -> bool:
    """A place said as one: glued ب, or after في/داخل/قرب/على/إلى, possibly past "مدينة" etc."""
    m = d.start_tok.get(k)
    if m is not None and d.n[k][:1] == "ب" and m.start > d.toks[k].start:
        return True  # "بالقطيف"
    j = k - 1
    while j >= a and j > k - 4 and d.n[j] in P.PLACE_FILLERS:  # "في شرقي مدينة الرياض"
        j -= 1
    if j + 1 < k and d.n[j + 1] in P.DIRECTIONS:
        return True  # "شرقي مدينة الرياض": a direction is a preposition of place
    w = d.n[j] if j >= a else ""
    if w[:1] in P.CONJ and w[1:] in P.IN:
        w = w[1:]  # "وفي"
    return w in P.IN | {"علي", "الي"} or (w[:1] == "ب" and w[1:] in P.PLACE_FILLERS)
