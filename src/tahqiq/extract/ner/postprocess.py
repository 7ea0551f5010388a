"""Combine model spans with rule spans and tidy their edges (see rules.py).

Order matters: kunyas first (they repair PER spans), then amounts, dates,
demonyms and role phrases, each added only where it does not contradict a
model span of another type; then edges are trimmed (punctuation, a dangling
function word, a place trigger, a title) and glued proclitics skipped.
"""

from __future__ import annotations

import re

from tahqiq.data import given_names
from tahqiq.text.normalize import norm

from . import rules

Span = tuple[int, int, str]
_NAMES = frozenset({"PER", "LOC", "ORG"})


# The steps of `postprocess` in order, each one that `skip` can turn off:
# training/ner/crossval.py scores the held-out folds with each of them off, so
# a step is kept by cross-validation, not by the dev split that first chose it.
STEPS = (
    "min_letters",        # drop spans with fewer than two letters or digits
    "kunya_places",       # a PER that is a place kunya ("أبو ظبي") is a LOC
    "kunyas",             # kunya rule spans repair PER spans (and the name before one)
    "join_org",           # two adjacent ORG spans are one
    "join_abu",           # a PER followed by a PER "أبو X" is one PER
    "org_cues",           # a PER/LOC after an organisation-kind noun is an ORG
    "bank",               # "البنك المركزي" is an ORG
    "money_date",         # MONEY/DATE rule spans
    "nat",                # NAT rule spans
    "role",               # ROLE rule phrases
    "tidy",               # punctuation and a dangling function word off the edges
    "trim_place_trigger",  # "مدينة الرقة" -> "الرقة" (LOC)
    "trim_org_kind",      # "صحيفة معاريف" -> "معاريف" (ORG)
    "trim_title",         # "الرئيس طالباني" -> "طالباني" (PER)
    "trim_demonym_head",  # "الكاميروني صامويل إيتو" -> "صامويل إيتو" (PER)
    "trim_tail_demonym",  # "بورتو البرتغالي" -> "بورتو" (ORG/LOC without the article)
    "drop_title_alone",   # a PER that is a title alone names nobody
    "drop_per_before_nat",  # a PER followed by an indefinite demonym is a common noun
    "strip_clitic",       # a glued proclitic off a name's start
)
# Steps off by default, because cross-validation found they cost micro-F1
# (training/ner/crossval.json, "variants"); crossval.py still scores them on.
DEFAULT_SKIP: frozenset[str] = frozenset()
_STEP_SET = frozenset(STEPS)


def postprocess(text: str, spans: list[Span], skip: frozenset[str] = DEFAULT_SKIP) -> list[Span]:
    """Final spans for `text` from the model's spans (offsets into `text`);
    the steps named in `skip` (from STEPS) are left out."""
    if not skip <= _STEP_SET:
        raise ValueError(f"unknown postprocess steps: {sorted(skip - set(STEPS))}")
    if "min_letters" not in skip:
        spans = [s for s in spans if len(_HAS_WORD.findall(text, s[0], s[1])) > 1]
    if "kunya_places" not in skip:
        spans = [(s, e, "LOC") if label == "PER" and text[s:e] in rules.KUNYA_PLACES else (s, e, label)
                 for s, e, label in spans]
    if "kunyas" not in skip:
        kunyas = rules.kunya_spans(text)
        for kunya in kunyas:
            spans = _merge(spans, kunya, frozenset({"PER", "NAT", "ROLE"}))
        for name in rules.name_before_kunya_spans(text, kunyas):
            spans = _merge(spans, name, frozenset({"PER", "NAT"}))
    spans = _join_adjacent(text, spans, org="join_org" not in skip, abu="join_abu" not in skip)
    if "org_cues" not in skip:
        spans = _org_cues(text, spans)
    if "bank" not in skip:
        for bank in _BANK.finditer(text):
            if not any(_overlaps(bank.span(1), sp) for sp in spans):
                spans.append((*bank.span(1), "ORG"))
    if "money_date" not in skip:
        for money in rules.money_spans(text):
            spans = _merge(spans, money, frozenset({"MONEY", "NAT", "DATE"}))
        for date in rules.date_spans(text):
            spans = _merge(spans, date, frozenset({"DATE"}))
    if "nat" not in skip:
        for nat in rules.nat_spans(text):
            spans = _merge(spans, nat, frozenset({"NAT"}))
    if "role" not in skip:
        for role in rules.role_spans(text):
            spans = _add_role(text, spans, role)
    if "tidy" not in skip:
        spans = [_tidy(text, s) for s in spans]
    spans = [_trim_head_word(text, s, skip) for s in spans]
    if "trim_tail_demonym" not in skip:
        spans = [_trim_tail_demonym(text, s) for s in spans]
    if "drop_title_alone" not in skip:
        # A title alone ("الشيخ", "والرئيس") names nobody.
        spans = [s for s in spans if not (s[2] == "PER" and _bare(text[s[0]:s[1]], _TITLES) in _TITLES)]
    if "drop_per_before_nat" not in skip:
        # A name is definite, so an adjective after it has the article ("رونالدو البرازيلي");
        # a noun followed by an indefinite demonym is a common noun ("جوازي سفر بلجيكي").
        nat_starts = {s[0] for s in spans if s[2] == "NAT" and not _ARTICLE.match(text[s[0]:s[1]])}
        spans = [s for s in spans
                 if not (s[2] == "PER" and text[s[1]:s[1] + 1] == " " and s[1] + 1 in nat_starts)]
    if "nat" not in skip:
        # A demonym trimmed off a name ("العاجي ايمانويل ايبوي") is a NAT of its own.
        spans += [nat for nat in rules.nat_spans(text) if not any(s[0] < nat[1] and nat[0] < s[1] for s in spans)]
    heads = {text[s:e].split()[0] for s, e, _ in spans if e > s}
    out = []
    for start, end, label in spans:
        if "strip_clitic" not in skip and (label in _NAMES or label == "NAT"):
            start = _strip_clitic(text, start, end, label, heads)
        if end > start:
            out.append((start, end, label))
    # By start; a ROLE comes before the spans it contains.
    return sorted(set(out), key=lambda s: (s[0], -s[1], s[2]))


def _overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _merge(spans: list[Span], rule: Span, replace: frozenset[str]) -> list[Span]:
    """Add a rule span: union with overlapping spans whose label is in `replace`;
    dropped if it overlaps any other span."""
    lo, hi = rule[0], rule[1]
    hits = [s for s in spans if s[0] < hi and lo < s[1]]  # _overlaps inlined: called per rule span
    if any(s[2] not in replace for s in hits):
        return spans
    start = min([rule[0]] + [s[0] for s in hits])
    end = max([rule[1]] + [s[1] for s in hits])
    return [s for s in spans if s not in hits] + [(start, end, rule[2])]


def _join_adjacent(text: str, spans: list[Span], org: bool = True, abu: bool = True) -> list[Span]:
    """Join spans with only a space between: two ORG (the model splits unseen
    names such as "دينامو" + "كييف"; not when the second starts with the
    conjunction و), or a PER and a following PER of the form
    أبو X ("محمود صبري" + "ابو تريكة", a family name). Adjacent PER or LOC
    spans are otherwise left apart: on the dev split joining them costs more
    than it gains."""
    out: list[Span] = []
    for s in sorted(spans):
        prev = out[-1] if out else None
        if (prev and s[2] == prev[2] and prev[1] < s[0] and text[prev[1]:s[0]] == " "
                and ((org and s[2] == "ORG" and text[s[0]] != "و")  # "تويوتا وجنرال موتورز": two
                     or (abu and s[2] == "PER" and text.startswith(("أبو", "ابو"), s[0])))):
            out[-1] = (prev[0], s[1], s[2])
        else:
            out.append(s)
    return out


# A span needs two letters or digits: drops "#", "بــ" (a clitic with tatweel).
_HAS_WORD = re.compile(r"[^\W_\u0640]")


def _strip_clitic(text: str, start: int, end: int, label: str, heads: set[str]) -> int:
    """Move the start past a glued proclitic when the rest is a known name start:
    the unambiguous patterns of rules.strip_proclitic, or a word that begins
    another entity in the same text ("بدير الزور" next to "دير الزور"), or a
    given name for PER ("وأحمد")."""
    new = rules.strip_proclitic(text, start, end)
    if new != start or text[start] not in "وبلفك":
        return new
    first = text[start:end].split()[0]
    rest = first[1:]
    if label == "PER" and norm(first) in given_names():
        return start  # "كريم" is a name, not ك + "ريم"
    if rest == "عبد" and label == "PER":
        return start + 1
    if len(rest) >= 3 and (rest in heads or (label == "PER" and norm(rest) in given_names())):
        return start + 1
    return start


def _add_role(text: str, spans: list[Span], role: Span) -> list[Span]:
    """Add a rule ROLE phrase. It may contain ORG/LOC/NAT spans, which stay
    (nested: "مسؤول مكتب الإستتابة" holds the ORG "مكتب الإستتابة"), unless
    one covers exactly the same text, which it replaces; it stops before a
    PER, except a PER that starts at the role head ("أمير الزكاة" taken for a
    name), which it replaces; it is dropped if it crosses a span's start or
    meets a model ROLE."""
    start, end, _ = role
    hits = [s for s in spans if _overlaps(s, role)]
    if any(h[2] == "ROLE" or h[0] < start or h[1] > end for h in hits if h[2] != "PER"):
        return spans
    drop = [h for h in hits if (h[2] == "PER" and h[0] == start and h[1] <= end)
            or (h[0], h[1]) == (start, end)]
    for h in hits:
        if h[2] == "PER" and h not in drop:
            end = min(end, h[0])
    end = start + len(text[start:end].rstrip())
    if " " not in text[start:end]:
        return spans
    return [s for s in spans if s not in drop] + [(start, end, "ROLE")]


# Punctuation at either end, or a lone proclitic with tatweel before a quote ("بــ").
_EDGE = re.compile(r"^(?:[^\w$]|[وبلفك]+\u0640+(?=\W))+|[^\w$]+$")
_TRAILING_FUNCTION_WORDS = frozenset("في من إلى الى على عن مع و أو ثم حيث الذي التي الذين أن إن".split())


def _tidy(text: str, span: Span) -> Span:
    """Trim punctuation at either end ("القرعاني”." -> "القرعاني") and a
    dangling function word at the end ("مسؤول مكتب الإستتابة في")."""
    start, end, label = span
    if label in ("DATE", "MONEY"):  # "( 5 / 2 / 1948 )", "$500": brackets and signs belong to them
        piece = text[start:end]
        head = _strip_repeatedly(piece, "\"“”«»'", str.lstrip)
        trimmed = _strip_repeatedly(head, ".,،؛;:!?؟\"“”«»'", str.rstrip)
        start += len(piece) - len(head)
        return (start, start + len(trimmed), label)
    while True:
        piece = text[start:end]
        m = _EDGE.search(piece)
        if m and m.group():
            start, end = (start + m.end(), end) if m.start() == 0 else (start, start + m.start())
            continue
        words = piece.rsplit(None, 1)
        if len(words) == 2 and words[1] in _TRAILING_FUNCTION_WORDS:
            end = start + len(words[0].rstrip())
            continue
        return (start, end, label)


def _strip_repeatedly(piece: str, chars: str, strip) -> str:
    """`strip` (str.lstrip or str.rstrip) of `chars` and white space, until neither is left
    at that end: "عام 2014 “" -> "عام 2014"."""
    while True:
        shorter = strip(strip(piece, chars))
        if shorter == piece:
            return piece
        piece = shorter


_PLACE_TRIGGERS = frozenset("""
مدينة قرية بلدة مخيم محافظة منطقة قضاء ولاية إقليم ناحية حي قطاع بلدية
""".split())
_TITLES = frozenset("""
المدعو المدعوة الملقب الملقبة الملك الرئيس الشيخ الأمير السيد السيدة الدكتور العميد اللواء العقيد الجنرال المشير الحاج الإمام
القاضي المهندس الأستاذ الرائد النقيب المقدم الوزير
""".split())


def _trim_head_word(text: str, span: Span, skip: frozenset[str] = frozenset()) -> Span:
    """Drop a leading place trigger from LOC ("مدينة الرقة" -> "الرقة"), a leading
    organisation-kind noun from ORG ("صحيفة معاريف" -> "معاريف"), and a
    leading title or demonym from PER ("الرئيس طالباني" -> "طالباني",
    "الكاميروني صامويل إيتو" -> "صامويل إيتو"), as ANERcorp does."""
    start, end, label = span
    words = text[start:end].split()
    if len(words) < 2:
        return span
    first = words[0]
    bare = first[1:] if first[:1] in "وبلف" else first
    trigger = label == "LOC" and (first in _PLACE_TRIGGERS or bare in _PLACE_TRIGGERS)
    kind = label == "ORG" and _bare(first) in _ORG_KINDS
    title = label == "PER" and (first in _TITLES or bare in _TITLES)
    demonym = label == "PER" and _is_demonym(first)
    if ((trigger and "trim_place_trigger" not in skip) or (kind and "trim_org_kind" not in skip)
            or (title and "trim_title" not in skip) or (demonym and "trim_demonym_head" not in skip)):
        rest = text.index(words[1], start + len(first))
        return (rest, end, label)
    return span


# Nouns that name the kind of an organisation standing before its name, outside
# the span in ANERcorp ("صحيفة معاريف", "فريق العربي", "نادي ليون", "شركة سياك",
# "حركة حماس"): a name right after one is an ORG, and an ORG span starting with
# one loses it. (Nouns that are part of the name, "حزب الله", "جامعة الدول
# العربية", "البنك الدولي", are not here.)
_ORG_KINDS = frozenset("صحيفة جريدة مجلة قناة فضائية شبكة تلفزيون فريق نادي شركة حركة".split())
_CLITICS = ("وب", "ول", "فب", "فل", "و", "ب", "ل", "ف")  # longest first


def _bare(word: str, nouns: frozenset[str] = _ORG_KINDS) -> str:
    """The word without a glued conjunction or preposition, when the rest is one of `nouns`."""
    for c in _CLITICS:
        if word.startswith(c) and word[len(c):] in nouns:
            return word[len(c):]
    return word


def _org_cues(text: str, spans: list[Span]) -> list[Span]:
    """A PER or LOC right after an organisation-kind noun is an ORG ("فريق العربي",
    "نادي الشارقة", "صحيفة تايمز"); an opening quote may stand between them."""
    out = []
    for start, end, label in spans:
        if label in ("PER", "LOC"):
            before = text[max(0, start - 30):start].rstrip(" \"'«“")
            words = before.split()
            if words and _bare(words[-1]) in _ORG_KINDS:
                label = "ORG"
        out.append((start, end, label))
    return out


# "البنك الدولي", "للبنك التجاري", "المصرف المركزي": a bank named by a relative
# adjective is an organisation (with its head noun, as in ANERcorp).
_BANK = re.compile(r"(?<!\w)((?:و|ف)?(?:ب|ل)?(?:ال|ل)(?:بنك|مصرف)(?:\s+ال[\u0621-\u064A]{3,}(?:ي|ية)){1,3})(?!\w)")


def _trim_tail_demonym(text: str, span: Span) -> Span:
    """Drop a trailing demonym from an ORG or LOC whose first word has no article:
    "بورتو البرتغالي", "صحيفة تايمز البريطانية" (after its kind noun is gone),
    "كاليفورنيا الأمريكية" are "بورتو", "تايمز", "كاليفورنيا" in ANERcorp, while
    "الاتحاد الأوروبي", "المملكة العربية السعودية" keep theirs. The demonym is
    then added back as a NAT."""
    start, end, label = span
    if label not in ("ORG", "LOC"):
        return span
    words = text[start:end].split()
    if len(words) < 2 or words[-1] in _REGION_ADJECTIVES or not _is_demonym(words[-1]):
        return span
    if _ARTICLE.match(words[0]) or _bare(words[0], _ORG_HEADS) in _ORG_HEADS:
        return span
    cut = text.rindex(words[-1], start, end)
    return (start, start + len(text[start:cut].rstrip()), label)


_ARTICLE = re.compile(r"^(?:[وف]?[بلك]?ال|[وف]?لل)")  # "الاتحاد", "والاتحاد", "للاتحاد"


# Words that make a region, not a nationality, of a place ("أميركا اللاتينية"),
# and common nouns that head an organisation's name ("منظمة التحرير الفلسطينية").
_REGION_ADJECTIVES = frozenset("اللاتينية".split())
_ORG_HEADS = frozenset("""
وكالة مجلس منظمة معهد حركة هيئة جامعة حزب اتحاد لجنة جمعية مؤسسة وزارة مركز بنك مصرف جبهة
رابطة نقابة اللجنة
""".split())


def _is_demonym(word: str) -> bool:
    """"البرتغالي", "والبرتغالي", "للتشيكي" (ل + التشيكي); only with the article: a bare
    "كيني" before a name is more often the given name "Kenny" than "Kenyan"."""
    forms = rules.nat_forms()
    if word.startswith(("لل", "ولل")):
        word = "ال" + word.split("لل", 1)[1]
    elif word[:1] in "وبف" and word[1:3] == "ال":
        word = word[1:]
    return word.startswith("ال") and word in forms
