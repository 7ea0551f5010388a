"""Role phrases: a title, the office or organ it heads, and an optional place.

"نائب أمير جهاز الحسبة في مدينة العشارة", "أمير الزكاة بمدينة الميادين", "الأمني العام في
دير الزور", "مسؤول مكتب الإستتابة", "أحد أفراد الجهاز الأمني بدير الزور".

A role starts at a title word (``TITLES``) or at "أحد/إحدى + plural of a
member noun" and runs over the following words until punctuation, a
conjunction-prefixed word (a new item or clause), a relative pronoun or a
name-introducing word ("المدعو"). A definite noun joined by و carries a
portfolio on ("وزير الثقافة والإعلام"); an office title without the article
after a word with it opens a second, stacked post ("وزير المياه والكهرباء رئيس
مجلس إدارة …", see ``stacked``). Whether a role belongs to a person is decided
by its position (``claims.py``), not here.
"""

from __future__ import annotations

from tahqiq.extract.patterns import (ARREST, ARRIVE, DEFECT, FLEE, HONORIFICS, INJURE, KILL, NAME_INTRO, ONE_OF,
                                     ONE_OF_NOUNS, PLURAL_OFFICES, TRAVEL)
from tahqiq.knowledge.gazetteer import demonyms
from tahqiq.model import Token
from tahqiq.text.normalize import norm
from tahqiq.text.segment import tokens as tokenize

# Title lexicon: the base (masculine, indefinite) form of each word that can head a role
# phrase. ``_forms`` adds the article, the feminine ة and the accusative ا ("ضابطًا"), so
# every entry matches "مسؤول", "المسؤول", "المسؤولة", "مسؤولا". Offices take a demonym as
# part of the post ("وزير الخارجية الأمريكي": a role, not a nationality); professions take
# it as the person's nationality ("طبيب الأسنان الأمريكي").
OFFICES = """
أمير نائب مسؤول قائد رئيس والي شرعي قاضي أمني مدير ناطق متحدث منسق مساعد مستشار مفتي خطيب مشرف
معاون وزير زعيم أمين عضو قيادي سفير حاكم محافظ ممثل مبعوث مندوب ملك مرشد خليفة وكيل مفوض مدعي قنصل
ملحق مؤسس سكرتير عمدة نظير رئيسة نواب قادة زعماء أعضاء سيناتور برلماني موفد مراقب رئيس_تحرير
""".split()
# Military and police ranks: a rank alone right before a name is a role ("العقيد فلان").
RANKS = """
عقيد عميد مقدم رائد نقيب ملازم لواء فريق عريف رقيب جندي جنرال مشير أدميرال ضابط مجند كولونيل ميجور
""".split()
PROFESSIONS = """
طبيب صحفي صحافي مراسل محامي محام مدرب لاعب مهاجم مدافع حارس باحث خبير محلل داعية كاتب مصور مخرج
ممثلة مغني أستاذ_جامعي رجل_أعمال ناشط قس مطران حاخام إمام ظهير قلب_الدفاع صانع_ألعاب
""".split()
# Titles that are also given names (أمين، رائد، ملك) never open a role inside a name: the
# claims pass skips every token a person mention covers.


def _forms(words: list[str], bare: bool = True) -> set[str]:
    out: set[str] = set()
    for w in words:
        w = norm(w.split("_")[0])
        stems = {w, w + "ه"} if not w.endswith("ه") else {w}
        for st in stems:
            out.add("ال" + st)
            if bare:
                out.update({st, st + "ا"})
    return out


# Heads that are titles only with the word of their compound ("رجل_أعمال", "قلب_الدفاع").
COMPOUND_ONLY = {f: rest for head, rest in (("رجل", {"اعمال", "الاعمال"}), ("قلب", {"الدفاع"}),
                                             ("صانع", {"العاب", "الالعاب"})) for f in _forms([head])}
RANK_FORMS = _forms(RANKS)
PROFESSION_FORMS = _forms(PROFESSIONS)
OFFICE_FORMS = _forms(OFFICES)
# Title words (matching forms) that can open a role phrase. The plural offices of patterns.py open
# one without the article only ("وزراء الخارجية العرب"; "الوزراء" in "رئيس الوزراء" is no title):
# claims.py gives each holder listed after it the singular post.
TITLES = OFFICE_FORMS | RANK_FORMS | PROFESSION_FORMS | set(PLURAL_OFFICES)
# Words that end a role phrase (the role is over, a clause or a name begins).
STOPS = NAME_INTRO | HONORIFICS | {
    "الذي", "التي", "الذين", "اللذين", "حيث", "بينما", "فيما", "لكن", "ثم", "قبل", "بعد", "منذ", "خلال",
    "من", "الي", "عن", "مع", "حتي", "ان", "انه", "قد", "كان", "وكان", "هو", "هي", "يدعي", "المدعو",
    "الملقب", "المكني", "المعروف", "عام", "سنه", "وفق", "بحسب", "حسب", "علي", "منهم", "ايضا",
    "انها", "انهم", "لا", "لم", "لن", "ما", "اذا", "كما", "امس", "اليوم", "الذي", "يوم", "اثناء",
    # what is said of the person after the post: "رئيس جمهورية بوليفيا بمناسبة ذكرى استقلال بلاده",
    # "رئيس التحرير تهنئة السفير", "أمير المنطقة في مكتبه بالإمارة"
    "بمناسبه", "لمناسبه", "تهنئه", "برقيه", "بانه", "بانها", "مكتبه", "سموه",
    # who leads or attends what the post is part of: "على مستوى وزراء الخارجية برئاسة وزير …"
    "برئاسه", "بمشاركه", "بحضور",
    # a style of address after the post: "نائب خادم الحرمين الشريفين صاحب السمو الملكي الأمير فلان"
    "صاحب", "صاحبه",
}
# Words that begin with و/ف as part of the word; any other و/ف-word starts a new item.
W_WORDS = {"وحده", "وحدات", "وزاره", "وزير", "والي", "وكاله", "ولايه", "وسط", "فرع", "فرقه", "فصيل", "فوج",
           "وزيره", "الوزير", "الوزيره", "الوالي", "الوكيل", "وكيل", "الوحده", "الوطني", "الوطنيه", "وطني",
           "الولايات", "ولي", "ولاية", "الوفد", "وفد", "فريق", "الفريق", "فلسطين", "الفلسطيني", "الفلسطينيه",
           "فرنسا", "الفرنسي", "الفرنسيه", "الفيدرالي", "الفيدراليه", "الوزراء", "والوزراء"}
MAX_TOKENS = 8
_KEEP_PUNCT = {"#"}


STOPS = {norm(w) for w in STOPS}
W_WORDS = {norm(w) for w in W_WORDS}
# "الفريق أول", "اللواء الركن": words a rank carries before the name.
RANK_TAILS = {"اول", "ركن", "الركن", "متقاعد", "المتقاعد", "المنشق", "السابق", "الطيار", "البحري", "متدرب", "المتدرب"}


def _n(tok: Token) -> str:
    return norm(tok.text)


def role_at(toks: list[Token], i: int, person_starts: set[int] = frozenset(), end: int | None = None) -> int | None:
    """End (exclusive token index) of a role phrase starting at token ``i``, else None.

    ``person_starts`` holds character offsets where a person mention begins: a
    role never runs into a name. ``end``: read no token from there on (the
    sentence's end). A rank with the article right before a name ("قائد الشرطة
    الاتحادية الفريق فلان") ends the role before it: the rank is a role of its own.
    """
    end = len(toks) if end is None else end
    if i >= end:
        return None
    first = _n(toks[i])
    if first not in TITLES and first[:1] in "وفلب" and first[1:] in TITLES:
        first = first[1:]  # "ووزير الداخلية": a coordinated role; "لوزير الدفاع"
    elif first not in TITLES and first[:2] == "لل" and "ال" + first[2:] in TITLES:
        first = "ال" + first[2:]  # "للرئيس"
    if toks[i].text.endswith("ه") and first[:-1] in TITLES:
        return None  # "مدربه السابق": his coach, a post relative to someone (ة would be feminine)
    if toks[i].text.lstrip("وفلب").startswith("أمام"):
        return None  # "أمام المحكمة": in front of, not "إمام" (imam), which unvocalised text also writes امام
    if first in COMPOUND_ONLY and (i + 1 >= end or _n(toks[i + 1]) not in COMPOUND_ONLY[first]):
        return None  # "رجل الأعمال" is a post, "رجل شهير بين المقاتلين" is not
    if first in ONE_OF:
        if i + 1 >= end or _n(toks[i + 1]) not in ONE_OF_NOUNS:
            return None
    elif first not in TITLES:
        return None
    j = i + 1
    seen_in = False
    while j < end and j - i < MAX_TOKENS:
        t = toks[j]
        n = _n(t)
        if t.start in person_starts:
            break
        if t.text in _QUOTES_OPEN and _closes(toks, j, end):
            j += 1  # "الزعيم الجديد لـ«طالبان»": a quoted name inside the post
            continue
        if t.text in _QUOTES_CLOSE and j > i + 1 and toks[j - 2].text in _QUOTES_OPEN | {"«"}:
            j += 1
            continue
        if t.text.isdigit() and j > i + 1:  # "قائد الفرقة 30"
            j += 1
            continue
        if not any(c.isalpha() for c in t.text) and t.text not in _KEEP_PUNCT:
            break
        if n in STOPS or (n[:1] in "وف" and len(n) > 2 and n not in W_WORDS and not _portfolio_and(toks, i, j, n)):
            break
        if n in RANK_FORMS and n.startswith("ال") and (n != "الفريق" or rank_before_name(toks, j, person_starts, end)):
            break  # "قائد الفرقة 30 العقيد فلان": the rank is a role of its own
        if stacked(toks, j):
            break  # "وزير المياه والكهرباء رئيس مجلس إدارة …": a second post of the same person
        if n in EVENT_WORDS or (n in _IN and seen_in):
            break  # "المدعي العام في مصر بتفجير سيارته في القاهرة": the post ends at its place
        seen_in = seen_in or n in _IN
        j += 1
    while j > i + 1 and (_n(toks[j - 1]) in {"في", "ب", "#", "لدي"} or toks[j - 1].text == "#"):
        j -= 1
    if j - i == 2 and _n(toks[i + 1]) in _RELATIVE:
        return None  # "المتحدث باسمها": a post relative to someone named elsewhere, not a role
    return j if j - i >= 2 else None


def stacked(toks: list[Token], j: int) -> bool:
    """Whether an office title without the article (or one of ``_NEW_POSTS``) at j opens a second
    post stacked after a finished one ("محافظ الأنبار رئيس اللجنة الأمنية", "وزير الشؤون الاجتماعية وزير الثقافة"):
    after a word with the article an indefinite noun cannot carry on the construct ("نائب رئيس",
    "مساعد وزير" do)."""
    n = _n(toks[j])
    return j > 0 and ((n in OFFICE_FORMS and not n.startswith("ال")) or n in _NEW_POSTS) \
        and _n(toks[j - 1]).startswith(("ال", "وال", "بال", "لل", "فال"))


# Titles with the article that never continue the post before them ("مندوب مصر الدائم لدى الجامعة
# العربية السفير فلان", "مهاجم نادي باريس سان جيرمان الفرنسي اللاعب السويدي فلان").
_NEW_POSTS = {"السفير", "السفيره", "اللاعب", "اللاعبه", "المتحدث", "المتحدثه", "الناطق", "الناطقه"}


def _portfolio_and(toks: list[Token], i: int, j: int, n: str) -> bool:
    """"وزير الثقافة والإعلام", "وزير العمل والتنمية الاجتماعية", "وزير الشؤون الإسلامية والأوقاف
    والدعوة والإرشاد": a definite noun joined by و to the post's complement is one more part of
    the same portfolio. Not a title ("والوزير": a second person's post), a relative pronoun
    ("والذي فر") nor a demonym."""
    return j > i + 1 and n.startswith("وال") and len(n) > 4 and n[1:] not in TITLES and n[1:] not in STOPS \
        and n[1:] not in demonyms() and _n(toks[j - 1]).startswith("ال")


# "باسمه": the post is someone else's (annotation guideline §8.4: relative role phrases).
_RELATIVE = {"باسمه", "باسمها", "باسمهم", "باسمهما"}


_IN = {"في", "لدي"}
# Event words end a post ("… بتفجير سيارته", "… فر إلى"): every trigger form of the lexicon.
EVENT_WORDS = FLEE | ARRIVE | TRAVEL | ARREST | KILL | INJURE | DEFECT | {"بتفجير", "تفجير", "بانفجار", "انفجار"}
_QUOTES_OPEN = {"«", "“", '"'}
_QUOTES_CLOSE = {"»", "”", '"'}


def _closes(toks: list[Token], j: int, end: int) -> bool:
    """A quote at j that closes within three words (a quoted name, not a quotation)."""
    return any(toks[k].text in _QUOTES_CLOSE for k in range(j + 2, min(end, j + 5)))


def rank_before_name(toks: list[Token], j: int, person_starts: set[int], end: int) -> int | None:
    """End of a rank at token j ("العقيد", "الفريق أول الركن") when a name follows it, else None."""
    n = _n(toks[j]) if j < end else ""
    if n not in RANK_FORMS and not (n[:1] == "و" and n[1:] in RANK_FORMS):  # "والجندي فلان"
        return None
    k = j + 1
    while k < end and _n(toks[k]) in RANK_TAILS:
        k += 1
    if k + 1 < end and toks[k].text == "/" and toks[k + 1].start in person_starts:
        k += 1  # "الجندي أول / فلان", as official statements write it
    return k if k < end and toks[k].start in person_starts else None


def find_roles(text: str) -> list[tuple[int, int, str]]:
    """All role phrases in ``text`` as ``(start, end, surface)`` (for tests and inspection)."""
    toks = tokenize(text)
    out = []
    i = 0
    while i < len(toks):
        j = role_at(toks, i)
        if j is None:
            i += 1
            continue
        s, e = toks[i].start, toks[j - 1].end
        out.append((s, e, text[s:e]))
        i = j
    return out
