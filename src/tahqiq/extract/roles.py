"""Role phrases: a title, the office or organ it heads, and an optional place.

"نائب أمير جهاز الحسبة في مدينة العشارة", "أمير الزكاة بمدينة الميادين", "الأمني العام في
دير الزور", "مسؤول مكتب الإستتابة", "أحد أفراد الجهاز الأمني بدير الزور".

A role starts at a title word (``TITLES``) or at "أحد/إحدى + plural of a
member noun" and runs over the following words until punctuation, a
conjunction-prefixed word (a new item or clause), a relative pronoun or a
name-introducing word ("المدعو"). Whether a role belongs to a person is
decided by its position (``claims.py``), not here.
"""

from __future__ import annotations

from tahqiq.extract.patterns import NAME_INTRO, ONE_OF, ONE_OF_NOUNS
from tahqiq.model import Token
from tahqiq.text.normalize import norm
from tahqiq.text.segment import tokens as tokenize

# Title words (matching forms) that can open a role phrase.
TITLES = {
    "امير", "الامير", "اميرا", "نائب", "النائب", "مسؤول", "المسؤول", "مسؤولا", "قائد", "القائد", "قائدا",
    "رئيس", "الرئيس", "والي", "الوالي", "شرعي", "الشرعي", "قاضي", "القاضي", "قاضيا", "امني", "الامني",
    "مدير", "المدير", "ناطق", "الناطق", "المتحدث", "متحدث", "منسق", "المنسق", "مساعد", "مستشار", "المستشار",
    "ضابط", "الضابط", "عقيد", "العقيد", "عميد", "العميد", "مقدم", "المقدم", "رائد", "الرائد", "نقيب",
    "النقيب", "ملازم", "الملازم", "مفتي", "المفتي", "خطيب", "مشرف", "المشرف", "معاون", "وزير", "الوزير",
}
# Words that end a role phrase (the role is over, a clause or a name begins).
STOPS = NAME_INTRO | {
    "الذي", "التي", "الذين", "اللذين", "حيث", "بينما", "فيما", "لكن", "ثم", "قبل", "بعد", "منذ", "خلال",
    "من", "الي", "عن", "مع", "حتي", "ان", "انه", "قد", "كان", "وكان", "هو", "هي", "يدعي", "المدعو",
    "الملقب", "المكني", "المعروف", "عام", "سنه", "وفق", "بحسب", "حسب", "علي", "منهم", "ايضا",
}
# Words that begin with و/ف as part of the word; any other و/ف-word starts a new item.
W_WORDS = {"وحده", "وحدات", "وزاره", "وزير", "والي", "وكاله", "ولايه", "وسط", "فرع", "فرقه", "فصيل", "فوج"}
MAX_TOKENS = 8
_KEEP_PUNCT = {"#"}


TITLES = {norm(w) for w in TITLES}
STOPS = {norm(w) for w in STOPS}
W_WORDS = {norm(w) for w in W_WORDS}


def _n(tok: Token) -> str:
    return norm(tok.text)


def role_at(toks: list[Token], i: int, person_starts: set[int] = frozenset()) -> int | None:
    """End (exclusive token index) of a role phrase starting at token ``i``, else None.

    ``person_starts`` holds character offsets where a person mention begins: a
    role never runs into a name.
    """
    if i >= len(toks):
        return None
    first = _n(toks[i])
    if first in ONE_OF:
        if i + 1 >= len(toks) or _n(toks[i + 1]) not in ONE_OF_NOUNS:
            return None
    elif first not in TITLES:
        return None
    j = i + 1
    while j < len(toks) and j - i < MAX_TOKENS:
        t = toks[j]
        n = _n(t)
        if t.start in person_starts:
            break
        if not any(c.isalpha() for c in t.text) and t.text not in _KEEP_PUNCT:
            break
        if n in STOPS or (n[:1] in "وف" and len(n) > 2 and n not in W_WORDS):
            break
        j += 1
    while j > i + 1 and (_n(toks[j - 1]) in {"في", "ب", "#"} or toks[j - 1].text == "#"):
        j -= 1
    return j if j - i >= 2 else None


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
