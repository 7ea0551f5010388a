"""Baseline mention finder: gazetteers and name patterns over tokens.

Finds LOC (GeoNames/CLDR Arabic names), ORG (alias table), NAT (nationality
words) and PER (kunyas "أبو حمزة القرعاني", given-name chains "عبد الهادي
عبد اللطيف الحلوم", names after "المدعو" or in brackets after a name).
Proclitics (و ف ب ل ك) are stripped: the mention starts after them.
The statistical NER (``tahqiq.extract.ner``) adds to and overrides these.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from collections import Counter
from functools import lru_cache

from tahqiq.data import given_names, lines, recorded_given_names
from tahqiq.extract.attribution import SOURCE_FOLLOWS
from tahqiq.extract.lexicon import AFTER_NAME, KUNYA_HEADS, NAME_TRIGGERS, NASAB, NOT_A_NAME, NOT_NAME, PROCLITICS
from tahqiq.extract.ner.rules import ROLE_HEADS
from tahqiq.extract.patterns import PERSON_ADJECTIVES, PERSON_NOUNS
from tahqiq.extract.places import EVERYDAY_RANK, PLACE_NOUNS, WELL_KNOWN, after_place_noun, place_cue, supported, \
    token_before
from tahqiq.extract.roles import COMPOUND_ONLY, PROFESSION_FORMS, RANK_FORMS, TITLES
from tahqiq.model import Mention, Token
from tahqiq.knowledge.gazetteer import demonyms, organizations, places, lookup as places_lookup
from tahqiq.text.normalize import light, norm
from tahqiq.text.segment import tokens as tokenize

MAX_NGRAM = 5


def _variants(tok: str) -> list[tuple[int, str]]:
    """(chars stripped, form) for a token and its proclitic-stripped forms."""
    n = norm(tok)
    out = [(0, n)]
    if len(n) > 3 and n[0] in PROCLITICS:
        out.append((1, n[1:]))
        if n.startswith("لل"):
            out.append((0, "ا" + n[1:]))  # "للأمم المتحدة": the whole word, as the news writes it
        if len(n) > 4 and n[1] in PROCLITICS[2:] and n[0] in "وف":
            out.append((2, n[2:]))
    return out


def _orig_offset(tok: Token, k: int) -> int:
    """Original index of the k-th matching character of a token (diacritics skipped)."""
    seen = 0
    for i, c in enumerate(tok.text):
        if norm(c) == "":
            continue
        if seen == k:
            return tok.start + i
        seen += 1
    return tok.end


class Gazetteer:
    """Longest-match lookup of token n-grams in the place, organisation and nationality indexes."""

    def __init__(self) -> None:
        self.index: dict[str, str] = {}
        for k in places():
            self.index.setdefault(k, "LOC")
        for k in list(self.index):  # "بمحافظة أبي عريش": the genitive of "أبو" in a place's name
            if k.startswith("ابو ") and self.index[k] == "LOC":
                self.index.setdefault("ابي " + k[4:], "LOC")
        for k in demonyms():
            self.index[k] = "NAT"
        for k in organizations():
            self.index[k] = "ORG"
        # "السعودية", "سورية": a country's name and its feminine nationality word at once; said
        # right after a preposition ("في سورية", "بالسعودية") it is the country.
        self.country_or_nat = {k for k in demonyms() if k in places() and self.index.get(k) == "NAT"}
        # First words of every key: most tokens start no name, and are skipped at once.
        self.firsts = {k.split(" ", 1)[0] for k in self.index}
        # Place names that are everyday words too ("عسير" difficult, "الباب" the door): a place
        # only right after the word for the kind of place ("منطقة عسير", "بمدينة الباب").
        # Never the first word of a longer name ("محافظة دير" is "دير الزور" cut short).
        heads = {k.split(" ", 1)[0] for k in places(raw=True) if " " in k}
        self.everyday_places = {k for k in places(raw=True)
                                if " " not in k and len(k) >= 3 and k not in self.index and k not in heads}

    def find(self, doc_id: str, text: str, toks: list[Token]) -> list[Mention]:
        out: list[Mention] = []
        norms = [norm(t.text) for t in toks]  # once per document, not once per n-gram
        i = 0
        while i < len(toks):
            hit = self._longest(toks, norms, i)
            if hit is None and i > 0 and norms[i] in self.everyday_places \
                    and any(v in PLACE_NOUNS for _, v in _variants(toks[i - 1].text)):
                hit = (1, 0, "LOC")
            if hit is None:
                i += 1
                continue
            n, k, typ = hit
            if typ == "NAT" and n == 1 and self._after_preposition(norms, i, k):
                typ = "LOC"
            start = _orig_offset(toks[i], k)
            if typ == "LOC" and k == 0 and i > 0 and not (out and out[-1].end > toks[i - 1].start):
                # "إقليم كردستان", "جزيرة الخالدية": the head word is part of the place's name
                head = next((hk for hk, v in _variants(toks[i - 1].text) if v in _NAME_HEADS), None)
                if head is not None:
                    start = _orig_offset(toks[i - 1], head)
            end = toks[i + n - 1].end
            out.append(Mention(doc_id, start, end, text[start:end], typ, "gazetteer"))
            i += n
        return out

    def _after_preposition(self, norms: list[str], i: int, k: int) -> bool:
        word = norms[i][k:]
        if word not in self.country_or_nat:
            return False
        glued = norms[i][:k]
        return glued[-1:] in ("ب", "ل") or (k == 0 and i > 0 and norms[i - 1] in _PLACE_PREPOSITIONS)

    def _longest(self, toks: list[Token], norms: list[str], i: int) -> tuple[int, int, str] | None:
        variants = [(k, f) for k, f in _variants(toks[i].text) if f in self.firsts]
        if not variants:
            return None
        for n in range(min(MAX_NGRAM, len(toks) - i), 0, -1):
            rest = " ".join(norms[i + 1:i + n])
            for k, first in variants:
                key = f"{first} {rest}" if rest else first
                typ = self.index.get(key)
                if typ and (n > 1 or len(first) >= 3) and not (n == 1 and k and _word_not_clitic(norms[i], first)):
                    return n, k, typ
        return None


# Words that belong to the name of the place after them ("إقليم كردستان", "جزيرة الخالدية").
_NAME_HEADS = {"اقليم", "جزيره", "سهل"}
_PLACE_PREPOSITIONS = {"في", "الي", "من", "عن", "داخل", "خارج", "وفي", "والي", "ومن", "قرب", "نحو", "اراضي", "الاراضي"}


def _word_not_clitic(whole: str, stripped: str) -> bool:
    """"ولاية" is the word province, not و + a place "لاية": the whole token is a commoner word
    than what is left once a proclitic is stripped."""
    rank = _common_rank()
    return rank.get(whole, 10**6) < rank.get(stripped, 10**6)


def _given(tok: str) -> bool:
    return norm(light(tok)) in given_names() and light(tok) not in ("علي",) or light(tok) == "علي"


def _is_given_at(toks: list[Token], i: int) -> int:
    """Length in tokens (1 or 2) of a given name starting at i, else 0."""
    if i + 1 < len(toks) and light(toks[i].text) in ("عبد", "عز", "نور", "صلاح", "سيف", "علاء"):
        if norm(f"{toks[i].text} {toks[i + 1].text}") in given_names() or light(toks[i].text) == "عبد":
            return 2
    t = light(toks[i].text)
    if t == "على":  # the preposition, never the name
        return 0
    n = norm(t)
    if n.startswith("عبد") and len(n) > 4 and n[3:] != "ه":  # "عبدالمحسن" written as one word
        return 1 if f"عبد {n[3:]}" in given_names() or n in given_names() else 0
    return 1 if n in given_names() else 0


# "أم لا", "أم نحن", "أم ستخوض": the conjunction "or", not a kunya "mother of".
_PRONOUNS_AND_PARTICLES = {"لا", "لم", "لن", "نحن", "انا", "انت", "انتم", "هو", "هي", "هم", "هما", "ان", "انه", "انها",
                           "ماذا", "ما", "من", "هل", "كان", "كانت", "يكون", "تكون", "الي", "في", "علي", "عن", "ضد",
                           "غير", "مجرد", "بعد", "قبل", "اننا", "انهم"}


_INSTITUTION_NOUNS = {norm(w) for w in {"المحكمه", "الشرطه", "الوزاره", "الحكومه", "السلطات", "الهيئه", "النيابه", "اللجنه",
                                        "الجهات", "القوات", "الاجهزه", "الدوله", "المملكه", "الاداره", "الرئاسه"}}


def _not_after_umm(tok: Token) -> bool:
    n = norm(tok.text)
    return n in _PRONOUNS_AND_PARTICLES or (n[:1] == "س" and n[1:2] in "يتن" and len(n) > 4)  # "ستخوض"


def _name_continues(tok: Token) -> bool:
    if light(tok.text) == "على":  # the preposition ("حافظ على"), never the name علي
        return False
    n = norm(tok.text)
    return (n.startswith("ال") and len(n) > 3 and n not in NOT_NAME and n not in NAME_TRIGGERS and n != "الله"
            and n not in _AFTER
            and n not in demonyms() or n in given_names())


def find_persons(doc_id: str, text: str, toks: list[Token]) -> list[Mention]:
    out: list[Mention] = []
    i = 0
    while i < len(toks):
        span = _person_at(toks, i)
        if span is None:
            i += 1
            continue
        k, j = span  # stripped chars of first token, exclusive end token index
        start = _orig_offset(toks[i], k)
        end = toks[j - 1].end
        out.append(Mention(doc_id, start, end, text[start:end], "PER", "rule"))
        i = j
    return out


# "المتحدث باسم الرئاسة": after a spokesman word, "باسم" is "in the name of", not the name Basem.
_SPOKESMAN = {"متحدث", "المتحدث", "متحدثه", "المتحدثه", "ناطق", "الناطق", "ناطقه", "الناطقه", "والمتحدث",
              "والناطق", "تحدث", "يتحدث", "متحدثا", "ناطقا", "الحديث", "التحدث", "حديث", "يتكلم", "الكلام"}


# "المعروف أيضا باسم «أبو عمر»": "باسم" after a word of naming is "by the name", too.
_NAMING = {"المعروف", "المعروفه", "معروف", "يعرف", "تعرف", "عرف", "الملقب", "الملقبه", "يلقب", "المكني",
           "اشتهر", "يشتهر", "سمي", "تسمي", "المسمي", "تحمل", "يحمل", "ايضا", "كذلك"}


def _person_at(toks: list[Token], i: int) -> tuple[int, int] | None:
    if i and norm(toks[i].text) == "باسم" and any(norm(t.text) in _SPOKESMAN | _NAMING for t in toks[max(0, i - 3):i]):
        return None  # "المتحدث (الرسمي) باسم الرئاسة": in the name of, not the name Basem
    for k, first in _variants(toks[i].text):
        if first in KUNYA_HEADS and i + 1 < len(toks) and toks[i + 1].text.isalpha() \
                and not (first == "ام" and _not_after_umm(toks[i + 1])):
            j = i + 1 + max(1, _is_given_at(toks, i + 1))
            if light(toks[i + 1].text) == "عبد" and i + 2 < len(toks):
                j = i + 3
            if j < len(toks) and toks[j].text.isalpha() and (norm(toks[j].text) not in NOT_NAME
                                                              or _nisba_surname(toks[j])) \
                    and norm(toks[j].text) not in _AFTER_NAME and norm(toks[j].text) not in TITLES \
                    and not _glued_preposition(toks[j]) \
                    and not norm(toks[j].text).startswith(("و", "ف")) and norm(toks[j].text) not in KUNYA_HEADS \
                    and norm(toks[j].text) not in _PRONOUNS_AND_PARTICLES \
                    and _kunya_part(toks[j]):
                j += 1
            return k, min(j, len(toks))
        stripped = Token(toks[i].start, toks[i].end, toks[i].text[k:]) if k else toks[i]
        g = _is_given_at([stripped] + toks[i + 1:i + 2], 0)  # it reads two tokens at most
        if g:
            j = i + g
            links = 0
            while j < len(toks) and j - i < 6:
                if norm(toks[j].text) in NASAB and j + 1 < len(toks):
                    j += 2
                    links += 1
                    continue
                g2 = _is_given_at(toks, j)
                if g2:
                    j += g2
                elif j == i + g and norm(toks[j].text) in _INSTITUTION_NOUNS:
                    break  # "حكمت المحكمة": a verb and the court, not the name Hikmat
                elif _name_continues(toks[j]) or _nisba_surname(toks[j]):
                    j += 1
                    if links and j < len(toks) and norm(toks[j - 1].text).endswith("ي") \
                            and _second_nisba(toks[j], lineage=True):
                        j += 1  # "صالح بن سودان الأحمدي الزهراني": the clan, then the tribe
                    break
                elif j + 1 < len(toks) and _middle_name(toks[j]) and _family_name(toks[j + 1]) \
                        and not _glued_preposition(toks[j]) and not _preposition_article(toks[j]):
                    # "آمنة لخروج الأهالي" (safe, not Amina), "سلمان بالحرف اليدوية"
                    j += 2  # "ثامر عمران المطيري": a father's name that is also a rare word
                    break
                else:
                    break
            if j - i >= 2 or _after_trigger(toks, i):
                return k, j
    return None


def _kunya_part(tok: Token) -> bool:
    """A word that goes on a kunya: a nisba or laqab with the article ("أبو حمزة القرعاني"), a
    given name, or a word too rare to be an everyday one ("أبو علي شنان"); not "أم سياف حاليا",
    "أبي سياف قيد الاحتجاز", "أبو سياف خلال", nor the feminine of an everyday word ("أم سياف
    متهمة")."""
    n = norm(tok.text)
    if n.startswith("ال") or n in given_names():
        return True
    return _common_rank().get(n, 10**6) > 5000 and not (n.endswith("ه") and n[:-1] in _common_rank())


# After a rank ("الجندي أول"، "العريف"، "اللواء الركن") or "الشهيد", news gives a full name, often
# with given and family names no list holds ("الجندي ممدوح مسفر محمد الحارثي"): the run of
# name-like words up to a bracket, comma, number or the next item ("والعريف …") is the name.
_RANK_CUES = frozenset(f for f in RANK_FORMS if f.startswith("ال")) | {"الشهيد", "الشهيده"}
_TITLE_NAMES = {norm(w) for w in {"سلطان", "ملك", "امير", "رائد", "امين", "ماجد"}}  # titles that are also given names
_RANK_TAILS = {"اول", "ثاني", "ركن", "الركن", "طيار", "بحري", "متقاعد", "المتقاعد", "متدرب", "المتدرب", "/"}


def find_ranked_names(doc_id: str, text: str, toks: list[Token]) -> list[Mention]:
    out: list[Mention] = []
    i = 0
    while i < len(toks):
        n = norm(toks[i].text)
        bare = n in RANK_FORMS and not n.startswith("ال")  # "جندي متدرب / فلان": the slash says so
        if n not in _RANK_CUES and not (n[:1] == "و" and n[1:] in _RANK_CUES) and not bare:
            i += 1
            continue
        j = i + 1
        while j < len(toks) and norm(toks[j].text) in _RANK_TAILS:
            j += 1
        if bare and toks[j - 1].text != "/":
            i += 1
            continue
        if j < len(toks) and norm(toks[j].text) in _RANK_CUES:  # "الشهيد العريف فلان"
            i = j
            continue
        k = _ranked_name_end(toks, j)
        if k - j < 2 and n not in ("الفريق", "فريق") and j < len(toks) \
                and norm(toks[j].text) in recorded_given_names():
            # "الكولونيل ستيف وارن": a given name people of record bear, then rare foreign words
            # ("الفريق" is also a team)
            k = j + 1
            while k < len(toks) and k - j < 3 and toks[k].text.isalpha() and (
                    (_foreign_word(toks[k], first=False) and norm(toks[k].text) not in _common_rank())
                    or _foreign_waw(toks[k]) or norm(toks[k].text) in given_names()):
                k += 1  # not "محسن مخلوف أرفع ضابط": an everyday word, however rare, ends the name
        if k - j >= 2:
            out.append(Mention(doc_id, toks[j].start, toks[k - 1].end, text[toks[j].start:toks[k - 1].end], "PER", "rule"))
        i = max(k, i + 1)
    return out


# A foreign name after a demonym that describes a person ("المدافع الإسباني تشيكو فلوريس",
# "الممثلة الفرنسية المعتزلة بريجيت باردو", "للأرجنتيني ديبالا"): one to three rare words, read
# as a person even where the gazetteer knows one of them as a town (Bardo, Chico).
_DEMONYM_OPENERS = {"لكن", "ولكن", "ثم", "ان", "انه", "قال", "وقال", "بعد", "مع", "امام", "من", "الي", "علي",
                    "عن", "ضد", "حيث"}


def find_demonym_names(doc_id: str, text: str, toks: list[Token]) -> list[Mention]:
    out: list[Mention] = []
    for i in range(1, len(toks) - 1):
        n = norm(toks[i].text)
        glued = n[:2] == "لل" and ("ال" + n[2:]) in demonyms() or n[:1] in ("ل", "ب") and n[1:] in demonyms()
        if not (glued or (n.startswith("ال") and n in demonyms() and n not in NOT_NAME)):
            continue
        prev = norm(toks[i - 1].text)
        person_noun = prev in PERSON_NOUNS or prev in PROFESSION_FORMS or (
            prev[:1] in ("و", "ف") and prev[1:] in PERSON_NOUNS | PROFESSION_FORMS) or (
            prev in COMPOUND_ONLY.get(norm(toks[i - 2].text), ()))  # "قلب الدفاع الإسباني فلان"
        if n.endswith(("ين", "ون", "يان")) or (n.endswith("ه") and not person_noun):
            continue  # "السعوديين صرخوا", "السعودية تمتلك": a people or a country, no one's name
        if not (glued or person_noun or prev in _DEMONYM_OPENERS):
            continue
        j = i + 1
        while j < len(toks) and norm(toks[j].text) in PERSON_ADJECTIVES:
            j += 1
        k = j
        while k < len(toks) and k - j < 3 and toks[k].text.isalpha() and (
                _foreign_word(toks[k], first=k == j) or (k > j and _is_given_at(toks, k))):
            k += 1
        if k > j and not (k - j == 1 and _is_given_at(toks, j)):  # a given name alone: find_persons' call
            out.append(Mention(doc_id, toks[j].start, toks[k - 1].end, text[toks[j].start:toks[k - 1].end], "PER", "rule"))
    return out


# Official statements give a person as "المدعو/ فلان الفلاني - باكستاني الجنسية": the words between
# the word that introduces the person (or a slash, colon, comma or "و") and the dash before the
# nationality are the whole name, however rare or foreign its words ("شاه فيصل عظيم شاه").
_NATIONAL_INTROS = {"المدعو", "المدعوه", "الجاني", "الجانيه", "الجانيين", "المتهم", "المتهمه", "المتهمين",
                    "المواطن", "المواطنه", "المقيم", "المقيمه", "الموقوف", "المطلوب", "القتيل", "المجني",
                    "الشهيد", "الجنسيه", "/", ":", "،", ",", "و", "-", "–"}
_NATIONAL_DASHES = {"-", "–", "—", "ـ", "("}


def find_national_names(doc_id: str, text: str, toks: list[Token]) -> list[Mention]:
    out: list[Mention] = []
    for i in range(3, len(toks)):
        if norm(toks[i].text) not in ("الجنسيه", "الجنسيتين"):
            continue
        d = i - 1  # the nationality: "باكستاني", "بنجلاديشي", "إثيوبيي" (of two)
        if not (toks[d].text.isalpha() and norm(toks[d].text).endswith("ي")):
            continue
        if d < 1 or toks[d - 1].text not in _NATIONAL_DASHES:
            continue
        end = d - 1
        k = end - 1
        while k >= 0 and end - k <= 6 and toks[k].text.isalpha() and norm(toks[k].text) not in _NATIONAL_INTROS:
            k -= 1
        if k < 0 or norm(toks[k].text) not in _NATIONAL_INTROS:
            continue
        words = toks[k + 1:end]
        while words and norm(words[0].text).startswith(("ال", "وال")):
            words = words[1:]  # "والثاني فلان": an ordinal before the name
        if not 2 <= len(words) <= 5 or norm(words[0].text) in NOT_NAME or any(
                _common_rank().get(norm(w.text), 10**6) < 300 and norm(w.text) not in given_names() and norm(w.text) != "عبد"
                for w in words):
            continue  # "يعانون من تسلط المشرف (عربي الجنسية)": no name
        start = words[0].start
        if norm(words[0].text)[:1] == "و" and norm(words[0].text) not in given_names():
            start += 1  # "وحديش زل ألم": the conjunction is glued, not the name's
        out.append(Mention(doc_id, start, words[-1].end, text[start:words[-1].end], "PER", "rule"))
    return out


def _foreign_word(tok: Token, first: bool = True) -> bool:
    """A rare word that is no Arabic inflection: no article, no conjunction, no imperfect
    verb ("يترأس", "تعيش"), no verb or noun with a pronoun ("فأوقعته", "جمهوره"); a word with
    ب/ل/ف only where the rest is no known word ("بريجيت", "فلوريس", not "بفرنسا", "لموسم")."""
    n = norm(tok.text)
    if n.startswith(("ال", "و")) or not _rare_name_word(tok, first=True):
        return False
    if n[:1] == "ي" and n[1:2] not in ("ا", "و"):
        return False
    if (n[:1] == "ت" and n in _common_rank()) or n.endswith(("ته", "تها", "تهم", "وه", "وها", "وهم")):
        return False  # "خالد أبوالنجا تعيش", "فأوقعته": a verb after the name
    if n.endswith("ه") and n[:-1] in _common_rank():
        return False  # "جمهوره": a noun with its pronoun
    if not n.startswith(("ب", "ل", "ف")):
        return True
    if n[:2] == "لل" and "ال" + n[2:] in _common_rank():
        return False  # "للإصابة": ل + the article, whose alef is gone
    if not first:  # "باردو" is a name, "لموسم", "بجائزة", "بزملائه" a preposition and a news word
        return _common_rank().get(n[1:], 10**6) >= 5000 and not (n[1:].endswith("ه") and n[1:-1] in _common_rank())
    return n not in _common_rank() and n[1:] not in _common_rank() and n[1:] not in places()


def _foreign_waw(tok: Token) -> bool:
    """A rare foreign word that begins with و as its own letter ("وارن", "ويليامز"): neither it nor
    what follows the و is a known word."""
    n = norm(tok.text)
    return n[:1] == "و" and len(n) > 3 and n not in _common_rank() and n[1:] not in _common_rank() \
        and n[1:] not in given_names()


def _ranked_name_end(toks: list[Token], j: int) -> int:
    """The end of a name that starts at j after a rank: a given name (or a rare word with a
    given name or "بن" among the next two words), then given names, rare words and nasab links,
    closed by a family name; six words at most. "الفريق" (also "the team") and the like are
    thereby never read as a rank before "تدريباته" or "الكتالوني"."""
    if j >= len(toks) or not toks[j].text.isalpha():
        return j
    first = norm(toks[j].text)
    if not (_is_given_at(toks, j) or first in _TITLE_NAMES):
        ahead = [norm(t.text) for t in toks[j + 1:j + 3]]
        if not (_rare_name_word(toks[j], first=True) and not first.startswith(("ال", "ب", "ل"))
                and any(w in NASAB or _is_given_at(toks, j + 1 + x) for x, w in enumerate(ahead))):
            return j
    k = j + max(1, _is_given_at(toks, j))
    links = 0
    while k < len(toks) and k - j < 6 + links and toks[k].text.isalpha():
        n = norm(toks[k].text)
        if n in NASAB | {"ال"} | KUNYA_HEADS and k + 1 < len(toks) and toks[k + 1].text.isalpha():
            k += 2
            if n in NASAB:
                links = min(links + 1, 2)  # "صالح بن شعيل بن سودان الأحمدي الزهراني": a longer chain
            if n == "ال":  # "آل صمغان", "آل أبو مرعي": the family ends the name
                if norm(toks[k - 1].text) in KUNYA_HEADS and k < len(toks) and toks[k].text.isalpha():
                    k += 1
                break
            continue
        g = _is_given_at(toks, k)
        if g:
            k += g
            continue
        if n.startswith("ال"):
            if (_name_continues(toks[k]) or _nisba_surname(toks[k])) and n not in TITLES and n not in _AFTER:
                k += 1  # a family name ends the name
                if k < len(toks) and k - j < 6 + links \
                        and _second_nisba(toks[k], links > 0 and norm(toks[k - 1].text).endswith("ي")):
                    k += 1  # "ممدوح مسفر محمد المسيلي الحارثي": the clan, then the tribe
            break
        if _rare_name_word(toks[k]) and not n.startswith(("ب", "ل")):
            k += 1
            continue
        if k + 1 < len(toks) and n not in NOT_NAME and n not in TITLES \
                and not n.startswith(("و", "ف", "ب", "ل")) and _family_name(toks[k + 1]):
            k += 2  # "عبدالمحسن خلف المطيري": a father's name that is also a word, then the family
        break
    return k


def _rare_name_word(tok: Token, first: bool = False) -> bool:
    """A word that can only be a name here: no clitic conjunction (right after the rank a
    و/ف is the name's own letter: "فلاج"), no title, no function word and not among the 3,000
    commonest news words."""
    n = norm(tok.text)
    return (len(n) >= 3 and (first or not n.startswith(("و", "ف"))) and n not in NOT_NAME and n not in TITLES
            and n not in _AFTER and n not in NAME_TRIGGERS and n not in demonyms()
            and _common_rank().get(n, 10**6) > 3000)


def _middle_name(tok: Token) -> bool:
    """A word between a given name and a family name ("ثامر عمران المطيري") that may be a
    father's name: a rare word (not among the 5,000 commonest), no verb prefix, no article."""
    n = norm(tok.text)
    return (tok.text.isalpha() and len(n) >= 3 and not n.startswith(("ال", "ي", "ت", "و", "ف"))
            and n not in NOT_NAME and _common_rank().get(n, 10**6) > 5000)


def _family_name(tok: Token) -> bool:
    """A family name after a father's name: a definite word that is no title, no name cue
    ("المعروف بلقب") and not among the 3,000 commonest words unless a nisba ("المطيري")."""
    n = norm(tok.text)
    return (_name_continues(tok) and n not in TITLES and n not in NAME_TRIGGERS
            and (_common_rank().get(n, 10**6) > 3000 or (n.endswith("ي") and n not in demonyms())))


@lru_cache(maxsize=1)
def _common_rank() -> dict[str, int]:
    return {w: r for r, w in enumerate(lines("common_words.txt"))}


def _preposition_article(tok: Token) -> bool:
    """"بالحرف", "للشؤون", "كالعادة": a preposition glued to the article, never part of a name."""
    n = norm(tok.text)
    return len(n) > 4 and n.startswith(("بال", "لل", "كال", "وبال", "فبال"))


def _second_nisba(tok: Token, lineage: bool = False) -> bool:
    """A rare definite nisba that can follow a family name as the tribe's ("المسيلي الحارثي"),
    never a common adjective ("الإرهابي", "الأمني") or a demonym. After a nasab link and a
    clan's nisba ("صالح بن شعيل بن سودان الأحمدي الزهراني") a common tribal nisba too, unless the
    news uses it after given names only as a phrase ("الإرهابي"): the official full name goes
    on to the tribe."""
    n = norm(tok.text)
    return n.startswith("ال") and n.endswith("ي") and len(n) > 4 and n not in demonyms() \
        and n not in TITLES and n not in NOT_NAME \
        and (_common_rank().get(n, 10**6) > 3000 or (lineage and n not in _phrase_words()))


def _nisba_surname(tok: Token) -> bool:
    """A definite masculine nisba after a given name ends the name ("همام التركي")."""
    n = norm(tok.text)
    return n.startswith("ال") and n.endswith("ي") and n in demonyms()


def _after_trigger(toks: list[Token], i: int) -> bool:
    for back in (1, 2):
        if i - back >= 0 and norm(toks[i - back].text) in NAME_TRIGGERS:
            return True
    return False


def find_quoted_names(doc_id: str, text: str, toks: list[Token]) -> list[Mention]:
    """Names in quotes after "المدعو"/"الملقب بـ", and in brackets right after a name."""
    out: list[Mention] = []
    for i, t in enumerate(toks):
        n = norm(t.text)
        opener = t.text in "\"“«(" or t.text == "'"
        if not opener:
            continue
        closer = {"(": ")", "“": "”", "«": "»"}.get(t.text, t.text)
        j = i + 1
        while j < len(toks) and toks[j].text != closer and toks[j].text != "”" and j - i <= 6:
            j += 1
        if j >= len(toks) or j - i - 1 > 5:
            continue
        inner = toks[i + 1:j]
        if len(inner) == 1:  # "الملقب بـ«أبوصالح»": a kunya written as one word
            w = norm(inner[0].text)
            if not (inner[0].text.isalpha() and w[:3] in ("ابو", "ابي", "ام ") and len(w) > 4
                    and any(norm(x.text).startswith(("الملقب", "المكني", "المعروف", "والملقب"))
                            for x in toks[max(0, i - 3):i])):
                continue
        elif len(inner) < 2:
            continue
        if not all(x.text.isalpha() for x in inner):
            continue
        if any(norm(x.text) in _NEVER_IN_NAME for x in inner):
            continue  # "يصفه الإرهابيون بـ(والي ناحية الصقلاوية)": a post and its place, no name
        prev = [norm(x.text) for x in toks[max(0, i - 3):i]]
        headed = _is_given_at(inner, 0) or norm(inner[0].text) in KUNYA_HEADS
        # "الملقب بـ«…»" names a person; a bare "بـ«…»" ("ما أسمته بـ«فترة توقيع العقود»") only
        # when a given name or a kunya opens the quote
        triggered = any(p in NAME_TRIGGERS or p.startswith("الملقب") or (p == "ب" and headed) for p in prev)
        if triggered or (headed and t.text == "("):
            s, e = inner[0].start, inner[-1].end
            out.append(Mention(doc_id, s, e, text[s:e], "PER", "rule"))
        del n
    return out


# Settlement words: the definite word after one names a place ("مدينة العشارة", "بلدة الشحيل").
PLACE_HEADS = {"مدينه", "بلده", "قريه", "ناحيه", "مخيم", "بلدات", "حي", "معبر"}
# Words after a settlement word that describe it rather than name it ("مدينة كبيرة").
NOT_PLACE = {norm(w) for w in {"كبيره", "صغيره", "واحده", "اخري", "اخرى", "جديده", "قديمه", "تقع", "تبعد", "تضم", "كانت", "ما",
                               "حدودي", "حدوديه", "رئيسي", "رئيسيه", "مهمه", "استراتيجيه", "ساحليه", "سوريه", "عراقيه"}}


# Words for an administrative unit ("ولاية باكتيكا", "منطقة الثيلة", "محافظة الغربية"): they also
# head everyday phrases ("ولاية العهد", "منطقة عازلة", "محافظة على"), so the word after one is a
# place only when the unlabelled news does not use it as a common word.
UNIT_HEADS = (PLACE_NOUNS - PLACE_HEADS) | {"مقاطعه"}
# Rarer words that describe a zone rather than name it, besides the common words.
UNIT_NOT_NAMES = {norm(w) for w in """امتياز عازلة مزدحمة عمرانية اشتباك عامرة ديموقراطية ديمقراطية منكوبة نائية
محرمة مفتوحة مغلقة محاذية مجاورة متنازع نفوذ توتر عمليات حظر منزوعة""".split()}


def find_cued_places(doc_id: str, text: str, toks: list[Token]) -> list[Mention]:
    """Small places the gazetteer lacks, named right after a settlement word, or after the word
    for an administrative unit when the name is no common word."""
    out: list[Mention] = []
    for i, t in enumerate(toks[:-1]):
        forms = {n for _, n in _variants(t.text)}
        unit = bool(forms & UNIT_HEADS)
        if not (forms & PLACE_HEADS or unit):
            continue
        j = i + 1 + (toks[i + 1].text == "#" and i + 2 < len(toks))
        n = norm(toks[j].text)
        if unit and not (forms & PLACE_HEADS) and (len(n) < 4 or n in _common_rank() or n in UNIT_NOT_NAMES
                                                   or n.startswith("لل") or n.endswith(("ها", "هم", "هما"))):
            continue  # "منطقة عازلة", "منطقة للمطاعم", "منطقة تتجاذبها"
        if len(n) > 2 and toks[j].text.isalpha() and n not in NOT_NAME and n not in NOT_PLACE \
                and n not in demonyms() and n not in given_names() and (len(n) > 4 or not n.startswith("ال")):
            out.append(Mention(doc_id, toks[j].start, toks[j].end, toks[j].text, "LOC", "gazetteer"))
    return out


_GAZ: Gazetteer | None = None


def gazetteer() -> Gazetteer:
    global _GAZ
    if _GAZ is None:
        _GAZ = Gazetteer()
    return _GAZ


def find_mentions(doc_id: str, text: str, toks: list[Token] | None = None) -> list[Mention]:
    """All baseline mentions, overlaps resolved (longest first, PER rules win ties)."""
    toks = toks if toks is not None else tokenize(text)
    starts = [t.start for t in toks]
    gaz = gazetteer().find(doc_id, text, toks)
    persons = find_persons(doc_id, text, toks)
    if persons:  # "محافظة أبي عريش", "في أبو عريش", "محافظة صلاح الدين": a known place after a place noun
        # or "في", no kunya; and the same words elsewhere in the document name that place too
        named = [m for m in gaz if m.type == "LOC" and after_place_noun(m, text, toks, starts, _KUNYA_PLACE_CUES)]
        at, names = {m.start for m in named}, {norm(m.text) for m in named}
        persons = [m for m in persons if m.start not in at and not _names_place(norm(m.text), names)]
    found = find_quoted_names(doc_id, text, toks) + persons \
        + find_ranked_names(doc_id, text, toks) + find_demonym_names(doc_id, text, toks) \
        + find_national_names(doc_id, text, toks) + gaz + find_cued_places(doc_id, text, toks) + find_place_services(doc_id, text, toks, gaz, starts) \
        + find_institutions(doc_id, text, toks) + find_state_institutions(doc_id, text, toks) \
        + find_sites(doc_id, text, toks)
    kept = supported(resolve_overlaps(found), text, toks)  # one-word places need evidence (extract/places.py)
    listed = find_listed_places(doc_id, text, toks, kept, starts)
    return sorted(kept + listed, key=lambda m: (m.start, -m.end)) if listed else kept


_LIST_SEPARATORS = {"،", ",", "و"}
# Plural place nouns that open a list of places ("في مدن طنجة وبوزنيقة").
_PLACE_PLURALS = {norm(w) for w in "مدن بلدات قرى محافظات ولايات مناطق مقاطعات أقاليم دول عواصم".split()}


def find_listed_places(doc_id: str, text: str, toks: list[Token], kept: list[Mention],
                       tstarts: list[int]) -> list[Mention]:
    """Places the gazetteer lacks (or spells otherwise) inside a list of places: one-word items,
    no common word, in a list that holds two known places ("في 16 ولاية هي إسطنبول، وكونيا،
    وأنقرة"), or one after a plural place noun ("في مدن طنجة (شمال) وبوزنيقة (غرب)"). An item
    may carry "و" and a bracketed gloss ("(غرب)"). ``tstarts``: the tokens' start offsets."""
    first: dict[int, Mention] = {}  # token index -> the kept mention starting in it
    inside: set[int] = set()
    for m in kept:
        k = bisect_right(tstarts, m.start) - 1
        first.setdefault(k, m)
        inside.update(range(k, bisect_left(tstarts, m.end)))

    def past_separators(k: int) -> tuple[int, bool]:
        """(next item's token, whether a separator was passed), past "،", "و" and one bracketed gloss."""
        sep = False
        while k < len(toks):
            t = toks[k].text
            if t in _LIST_SEPARATORS:
                k, sep = k + 1, True
            elif t == "(" and any(toks[j].text == ")" for j in range(k + 1, min(len(toks), k + 4))):
                k = next(j for j in range(k + 1, min(len(toks), k + 4)) if toks[j].text == ")") + 1
            else:
                break
        return k, sep

    def candidate(k: int) -> bool:
        t = toks[k].text
        n = norm(t)
        w = n[1:] if n[:1] == "و" else n
        return k not in inside and t.isalpha() and len(w) >= 4 and w not in _common_rank() \
            and w not in NOT_NAME and w not in given_names() and w not in demonyms() \
            and not w.endswith(("ها", "هما", "هم")) and not w.startswith(("لت", "لي", "لل"))  # "وتصنفها", "لتطويقه"

    out: list[Mention] = []
    done: set[int] = set()
    for k0 in sorted(first):
        if k0 in done or first[k0].type != "LOC":
            continue
        anchors, cands = 1, list[int]()
        k = bisect_left(tstarts, first[k0].end)
        while k < len(toks):
            nxt, sep = past_separators(k)
            if nxt >= len(toks) or not (sep or norm(toks[nxt].text)[:1] == "و"):
                break
            item = first.get(nxt)
            if item is not None and item.type == "LOC":
                anchors += 1
                done.add(nxt)
                k = bisect_left(tstarts, item.end)
            elif item is None and candidate(nxt):
                after, _ = past_separators(nxt + 1)
                if after < len(toks) and after == nxt + 1 and toks[after].text not in (".", "؛", ":", "،", ",") \
                        and norm(toks[after].text)[:1] != "و":
                    break  # the word goes on into a phrase: no list item
                cands.append(nxt)
                k = nxt + 1
            else:
                break
        opener = norm(toks[k0 - 1].text) if k0 > 0 else ""
        if cands and (anchors >= 2 or opener in _PLACE_PLURALS):
            for c in cands:
                t = toks[c]
                s = t.start + (1 if norm(t.text)[:1] == "و" else 0)
                out.append(Mention(doc_id, s, t.end, text[s:t.end], "LOC", "rule"))
    return out


_KUNYA_PLACE_CUES = PLACE_NOUNS | {"قضاء", "في", "الي"}


def _names_place(name: str, places: set[str]) -> bool:
    """A "person" that is a place the document names after a place noun, or that place and the
    word after it ("أبو ظبي محط أنظار")."""
    return name in places or any(name.startswith(p + " ") for p in places)


# Services named by the place they serve: "شرطة المنطقة الشرقية", "شرطة محافظة القطيف",
# "أمانة منطقة الرياض", "بلدية دبي": an organisation, not the place inside it.
_SERVICE_HEADS = {"شرطه", "امانه", "بلديه"}
# "مركز شرطة العوامية": the police station, a building (a place), not the force.
_STATION_WORDS = {"مركز", "قسم", "مخفر", "مبني", "مقر"}


def find_place_services(doc_id: str, text: str, toks: list[Token], gaz: list[Mention],
                        starts: list[int]) -> list[Mention]:
    out: list[Mention] = []
    for m in gaz:
        if m.type != "LOC":
            continue
        j = token_before(m, text, toks, starts)
        if j is None:
            continue  # the place has a proclitic of its own ("شرطة بالرياض"): no name
        if j > 0 and norm(toks[j].text) in PLACE_NOUNS:
            j -= 1  # "شرطة محافظة القطيف"
        k = next((k for k, v in _variants(toks[j].text) if v in _SERVICE_HEADS), None)
        if k is not None and not (j > 0 and norm(toks[j - 1].text) in _STATION_WORDS):
            start = _orig_offset(toks[j], k)
            out.append(Mention(doc_id, start, m.end, text[start:m.end], "ORG", "rule"))
    return out


# A state institution named by its head and its portfolio: "وزارة الداخلية (السعودية)",
# "مجلس الأمن (الدولي)", "مجلس الوزراء"; a proclitic (و، ب، ل، لل) is left out of the span.
_INSTITUTION_HEADS = {"وزاره", "مجلس", "محكمه"}
# Heads that name an organisation before a definite word or a rare name: parties, coalitions,
# bodies, armed groups, media, clubs, companies ("حزب الشعب الديمقراطي", "هيئة التحقيق والادعاء
# العام", "صحيفة حرييت", "نادي الهلال").
_NAMED_HEADS = {norm(w) for w in ("حزب", "هيئة", "منظمة", "ائتلاف", "صحيفة", "جريدة", "مجلة", "وكالة", "قناة", "شركة",
                                  "نادي", "جمعية",
                                  # armed groups: "فيلق الرحمن", "كتائب القسام", "كتيبة الملثمين", "سرايا السلام"
                                  "فيلق", "كتائب", "كتيبة", "سرايا")}
# Adjectives of organisations' names that end like nouns ("هيئة الأركان المشتركة").
_ORG_ADJECTIVES = {norm(w) for w in ("المشتركة", "المتحدة", "الأحمر", "الحاكم", "الحاكمة", "المعارض", "المعارضة")}
_WEEKDAYS = {norm(w) for w in ("السبت", "الأحد", "الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة")}
_RARE_NAME_HEADS = {norm(w) for w in ("صحيفة", "جريدة", "مجلة", "وكالة", "قناة", "شركة", "نادي")}  # + a foreign name
_FRONT = {norm("جبهة")}
_COMMAND = {norm("قيادة")}
_ACTIVITY_HEADS = {norm(w) for w in ("هيئة", "منظمة", "جمعية")}  # often named by what they do
_ALL_NAMED_HEADS = _NAMED_HEADS | _FRONT | _COMMAND
# "شركة" before a definite word is as often a kind of company ("شركة الطيران", "شركة النفط
# الحكومية") as a name: only a rare name after it ("شركة أرامكو", "شركة شيفرون").
_RARE_ONLY = {norm("شركة")}
_NOT_PORTFOLIO = {"الذي", "التي", "الذين", "الان", "العام", "الي", "الا", "الماضي", "الحالي", "اليوم", "الاسبوع", "الشهر", "الجديد",
                  "الجديده", "السابق", "المقبل", "الاخير", "الاول", "الثاني", "المذكور", "المعني", "المعنيه"}
_INSTITUTION_TAILS = {"الدولي", "الاعلي", "الوطني", "الاتحادي", "القومي", "الاقليمي", "العامه", "العام",
                      "الدوليه", "العليا", "الوطنيه", "الاتحاديه", "القوميه", "الاقليميه"}


def find_institutions(doc_id: str, text: str, toks: list[Token]) -> list[Mention]:
    out: list[Mention] = []
    courts: list[Mention] = []
    for i, t in enumerate(toks[:-1]):
        n = norm(t.text)
        if n not in _ANY_HEAD_FORM:
            continue
        k = _head_at(n, _INSTITUTION_HEADS)
        if k is None:
            named = _named_org_at(doc_id, text, toks, i, n)
            if named is not None:
                out.append(named)
                continue
            court = _court_at(doc_id, text, toks, i, n)
            if court is not None:
                courts.append(court)
            continue
        nxt = norm(toks[i + 1].text)
        if not (nxt.startswith("ال") and len(nxt) > 4 and nxt not in _NOT_PORTFOLIO and toks[i + 1].text.isalpha()):
            continue
        if nxt in demonyms():
            continue  # "محكمة ألمانية": a German court, no name
        j = i + 2
        if j < len(toks) and toks[j].text.isalpha() and (norm(toks[j].text) in _INSTITUTION_TAILS
                                                          or norm(toks[j].text) in demonyms()):
            j += 1
        start = _orig_offset(t, k)
        out.append(Mention(doc_id, start, toks[j - 1].end, text[start:toks[j - 1].end], "ORG", "rule"))
    return out + courts


_HEAD_CLITICS = ("", "و", "ب", "ل", "ف", "وب", "ول")


def _named_org_at(doc_id: str, text: str, toks: list[Token], i: int, n: str) -> Mention | None:
    """"حزب الشعب الديمقراطي", "هيئة التحقيق والادعاء العام", "ائتلاف دولة القانون" (a head of
    ``_NAMED_HEADS``, then a definite noun with its nisba adjectives and one coordinated
    definite noun), "صحيفة حرييت", "نادي دورتموند", "شركة شيفرون" (a head of media, club or
    company, then one or two words the news hardly uses, and their demonym), "قيادة عمليات
    الأنبار". Not "حزب جديد", "صحيفة محلية", "منظمة إرهابية": no name follows; not
    "منظمة التعاون الإسلامي الجريمة البشعة": the object after the name is no part of it. "جبهة"
    only before another head: the news uses it for battle fronts ("جبهة المخدرة شمال غرب المحافظة")."""
    k = _head_at(n, _ALL_NAMED_HEADS)
    if k is None or i + 1 >= len(toks) or not toks[i + 1].text.isalpha():
        return None
    if n[k:] in _FRONT and norm(toks[i + 1].text) not in _NAMED_HEADS:
        return None  # "جبهة المخدرة": a battle front; "جبهة حزب التحرير …" is a party's front
    if i >= 2 and norm(toks[i - 2].text) == "رابط" and norm(toks[i - 1].text) == "الخبر":
        return None  # "رابط الخبر بصحيفة الوئام": the outlet's own share line, no actor of the story
    j = i + 1
    first = norm(toks[j].text)
    if first in _NAMED_HEADS and j + 1 < len(toks):
        j += 1  # "جبهة حزب التحرير الشعبي الثوري": the front of a party, one name
        first = norm(toks[j].text)
    if n[k:] in _COMMAND and first != norm("عمليات"):
        return None  # "قيادة الحزب": the leadership, no command's name
    if n[k:] not in _COMMAND and n[k:] not in _RARE_ONLY and first.startswith("ال") and len(first) > 4 \
            and first not in _NOT_PORTFOLIO \
            and first not in demonyms() \
            and first not in NOT_NAME and first not in places():  # "قناة السويس" is a place
        j += 1
        if n[k:] in _ACTIVITY_HEADS and j < len(toks) and norm(toks[j].text) in ("علي", "في", "من", "ب", "مع", "عن"):
            return None  # "هيئة الحفاظ على الحياة البرية": a verbal noun and its complement, cut short
        coordinated = False
        while j < len(toks) and j - i < 7 and toks[j].text.isalpha():
            w = norm(toks[j].text)
            if (w.startswith("ال") and w.endswith(("ي", "يه")) and len(w) > 4 and w not in _NOT_PORTFOLIO
                    and w not in _WEEKDAYS) or w in _ORG_ADJECTIVES:
                j += 1  # "الديمقراطي", "المشتركة": the name's adjectives
            elif w in _INSTITUTION_TAILS:
                j += 1
            elif not coordinated and w.startswith("وال") and len(w) > 5 and not w.endswith(("ين", "ون")):
                coordinated = True  # "العدالة والتنمية", "التحقيق والادعاء"
                j += 1
            else:
                break
    elif n[k:] in _RARE_NAME_HEADS:
        while j < len(toks) and j - i < 3 and toks[j].text.isalpha() and _foreign_word(toks[j]) \
                and not norm(toks[j].text).endswith(("يه", "ي", "ات", "ه")) \
                and _common_rank().get(norm(toks[j].text), 10**6) > 8000:
            # "شركة شيفرون", "نادي دورتموند"; not "قناة اتصال" (a channel), "قناة مذهبية", "شركة مقاولات"
            j += 1
        if j == i + 1:
            return None
        while j < len(toks) and j - i < 5 and norm(toks[j].text).startswith("ال") \
                and (norm(toks[j].text) in demonyms() or norm(toks[j].text) in _INSTITUTION_TAILS):
            j += 1  # "شركة أرامكو السعودية", "وكالة دوجان التركية"
    elif n[k:] == norm("ائتلاف") and j + 1 < len(toks) and first == "دوله" and norm(toks[j + 1].text).startswith("ال"):
        j += 2  # "ائتلاف دولة القانون"
    elif n[k:] == norm("قيادة") and first == norm("عمليات") and j + 1 < len(toks) and toks[j + 1].text.isalpha() \
            and norm(toks[j + 1].text).startswith("ال"):
        j += 2  # "قيادة عمليات الأنبار": an army's operations command
    else:
        return None
    start = _orig_offset(toks[i], k)
    return Mention(doc_id, start, toks[j - 1].end, text[start:toks[j - 1].end], "ORG", "rule")


def _head_at(n: str, heads: set[str], clitics: tuple[str, ...] = _HEAD_CLITICS) -> int | None:
    """Letters of the proclitic before one of ``heads`` in the matching form ``n`` ("وبوزارة" -> 2),
    or None. "للوزارة" is none: with the article gone, the head is no name."""
    return next((k for k in (0, 1, 2) if n[k:] in heads and n[:k] in clitics), None)


# A court or prosecution named by its definite head and the adjectives of its kind ("المحكمة
# الجزائية المتخصصة", "المحكمة العليا", "النيابة العامة").
_COURT_HEADS = {"المحكمه", "النيابه"}
_COURT_KINDS = {norm(w) for w in ("الجزائية", "المتخصصة", "العليا", "الدستورية", "الجنائية", "الابتدائية", "الإدارية",
                                  "العسكرية", "العامة", "الاتحادية", "الدولية", "الجزئية",
                                  "الثورية", "الفيدرالية", "العمومية")}


# Every head above with every clitic _head_at accepts: one set look-up per token first.
_ANY_HEAD_FORM = frozenset(c + h for c in _HEAD_CLITICS
                           for h in _INSTITUTION_HEADS | _ALL_NAMED_HEADS | _COURT_HEADS)


def _court_at(doc_id: str, text: str, toks: list[Token], i: int, n: str) -> Mention | None:
    k = _head_at(n, _COURT_HEADS)
    if k is None:
        return None
    j = i + 1
    while j < len(toks) and j - i <= 2 and norm(toks[j].text) in _COURT_KINDS:
        j += 1
    if j == i + 1:
        return None
    start = _orig_offset(toks[i], k)
    return Mention(doc_id, start, toks[j - 1].end, text[start:toks[j - 1].end], "ORG", "rule")


# A state's institution named by a definite head and the state's nationality word, which agrees
# with the head's gender: "الحكومة العراقية", "القوات الأمريكية", "الخارجية الأميركية", "الجيش
# السوري". "وزير الخارجية الفرنسي" does not agree (the adjective is the minister's): no
# institution there. Ethnic and regional words (no country code: "القوات الكردية") are left out.
_STATE_HEADS_F = {norm(w) for w in {"الحكومه", "القوات", "الشرطه", "الخارجيه", "الداخليه", "الرئاسه", "المخابرات",
                                    "الاستخبارات", "البحريه", "الحكومتين"}}
_STATE_HEADS_M = {"الجيش", "البرلمان"}
# Kinds of forces said between the head and the nationality or after it ("القوات المسلحة
# المصرية", "القوات المصرية الخاصة"), part of the name.
_FORCE_KINDS = {"المسلحه", "الجويه", "البحريه", "البريه", "الخاصه", "الامنيه", "النظاميه", "الحكوميه"}


def find_state_institutions(doc_id: str, text: str, toks: list[Token]) -> list[Mention]:
    out: list[Mention] = []
    nats = demonyms()
    for i, t in enumerate(toks[:-1]):
        n = norm(t.text)
        k = 1 if n[:1] in ("و", "ف") and len(n) > 4 else 0  # "والقوات"
        if n[k:k + 1] == "ب":
            k += 1  # "بالجيش"
        n = n[k:]  # "للحكومة" (ل + الحكومة) has lost its article: left out, as in find_institutions
        if n in _STATE_HEADS_F:
            feminine = True
        elif n in _STATE_HEADS_M:
            feminine = False
        else:
            continue
        j = i + 1
        if feminine and j + 1 < len(toks) and norm(toks[j].text) in _FORCE_KINDS:
            j += 1
        nxt = norm(toks[j].text)
        if not (toks[j].text.isalpha() and nats.get(nxt)) or nxt.endswith("يه") != feminine \
                or not nxt.startswith("ال"):
            continue
        if feminine and j + 1 < len(toks) and norm(toks[j + 1].text) in _FORCE_KINDS:
            j += 1
        start = _orig_offset(t, k)
        out.append(Mention(doc_id, start, toks[j].end, text[start:toks[j].end], "ORG", "rule"))
    return out


_PRIORITY = {"ner": 0, "rule": 1, "gazetteer": 2}


def resolve_overlaps(ms: list[Mention]) -> list[Mention]:
    """Keep non-overlapping mentions: longer first, then by source priority."""
    ms = sorted(ms, key=lambda m: (-(m.end - m.start), _PRIORITY.get(m.source, 3), m.start))
    taken: list[Mention] = []
    # The kept spans, by (start, end): they do not overlap, so their ends rise with their
    # starts and only the last one starting before m.end can overlap m (a bisection, not a
    # scan of every kept span: linear-logarithmic in the mentions, not quadratic).
    keys: list[tuple[int, int]] = []
    for m in ms:
        k = bisect_left(keys, (m.end, -1)) - 1
        if k < 0 or keys[k][1] <= m.start or m.end <= keys[k][0]:
            insort(keys, (m.start, m.end))
            taken.append(m)
    return sorted(taken, key=lambda m: m.start)


# Words that sit next to names but never belong in one: places' heads and directions.
_NEVER_IN_NAME = {"ريف", "ارياف", "مدينه", "مدينتي", "محافظه", "منطقه", "مناطق", "بلده", "قريه", "حي", "ناحيه",
                  "ولايه", "اقليم", "مديريه",
                  "الشرقي", "الغربي", "الشمالي", "الجنوبي", "عشيه", "بحسب", "وفق", "المدعو", "الملقب"}


# Titles and offices that introduce a person's name (matching forms).
_TITLES = frozenset(norm(w) for w in ROLE_HEADS) | {"السيد", "السيده", "الرئيس", "الوزير", "الدكتور", "المهندس",
                                                   "الجنرال", "الكولونيل", "المستشاره"}


@lru_cache(maxsize=1)
def _common_words() -> frozenset[str]:
    return frozenset(_common_rank())


def plausible(m: Mention, evidence: bool = False) -> bool:
    """Whether a statistical tagger's span can stand on its own.

    The shipped NER is trained on other news; on conflict reporting it sometimes
    labels place phrases ("دير الزور الشرقي") or ordinary words ("عشية هروب") as
    people, and inflected common words ("طفلين") as places. A person span needs two
    or more words, must not start with a place or contain a place head word, and
    needs one word that is a given name (one people of record bear too), a kunya head
    or not an everyday word. Place and organisation spans need two or more words, not
    all everyday ones (single known places are the gazetteer's job). With ``evidence``
    (the document vouches for a person span), the everyday-word test is waived.
    """
    words = [w for w in norm(m.text).replace("#", " ").split() if w]
    if len(words) < 2:
        return m.type not in ("PER", "LOC", "ORG")
    common = _common_words()
    if m.type == "PER":
        # "علي" written with ya is the name Ali; NOT_NAME holds it as the matching form of "على"
        ali = {norm(w) for w in m.text.split() if light(w) == "علي"}
        if any(w in _NEVER_IN_NAME or (w in NOT_NAME and w not in ali)
               or (w[0] in PROCLITICS and w[1:] in _NEVER_IN_NAME) for w in words):
            return False
        index = gazetteer().index
        common = _common_words()
        if any(index.get(" ".join(words[:j])) == "LOC" and (j > 1 or words[0] not in common)
               for j in range(1, len(words) + 1)):
            return False  # starts with a place; a one-word place that is also a common word may be a name
        gn = recorded_given_names()
        return evidence or any(w in gn or w in KUNYA_HEADS or w not in common for w in words) or \
            any(f"{a} {b}" in gn for a, b in zip(words, words[1:]))
    if m.type in ("LOC", "ORG"):
        return not all(w in common or w in _NEVER_IN_NAME for w in words)
    return True


def _vouched(m: Mention, ner: list[Mention], text: str | None, repeats: Counter) -> bool:
    """Document evidence for a person span made of everyday words ("جون كيري", "باراك أوباما":
    transliterated names are frequent words of the news): a role, title or demonym right before
    it ("وزير الخارجية الأمريكي جون كيري"), or the NER reading the same name twice."""
    if repeats[norm(m.text)] > 1:
        return True
    if any(t.type in ("ROLE", "NAT") and 0 <= m.start - t.end <= 2 for t in ner):
        return True
    if text is not None and any(t.type in ("ORG", "LOC") and 0 <= m.start - t.end <= 2
                                and _titled(text, t.start) for t in ner):
        return True  # "الأمين العام للأمم المتحدة بان كي مون", "رئيس وزراء اليابان شينزو آبي": a post
    if text is not None:
        before = [w for w in norm(text[max(0, m.start - 40):m.start]).split() if w]
        return bool(before) and (before[-1] in _TITLES or before[-1] in demonyms())
    return False


def _titled(text: str, pos: int) -> bool:
    """A title or office among the three words before ``pos`` (the start of the organisation
    or country a post names: "الأمين العام ل|الأمم المتحدة", "رئيس وزراء |اليابان")."""
    before = [w for w in norm(text[max(0, pos - 40):pos]).split() if w][-3:]
    return any(w in _TITLES or w in TITLES or (w[:1] in ("ل", "و") and w[1:] in TITLES) for w in before)


# Words that end a person span the NER ran on: "فهد حمد مواليد 1990" (born in), "X موضحا" (explaining).
_AFTER = frozenset(norm(w) for w in AFTER_NAME) | frozenset(  # and their feminine: "أم سياف المنتمية"
    norm(w) + "ه" for w in AFTER_NAME if not norm(w).endswith("ه"))
_NOT_A_NAME = frozenset(norm(w) for w in NOT_A_NAME)
# Circumstantial participles after a speaker's name ("ويضيف أبو شعيب قائلا"), never a family name.
_SAYING = {norm(w) for w in ("قائلا", "قائلة", "موضحا", "موضحة", "مضيفا", "مضيفة", "مشيرا", "مشيرة", "مؤكدا",
                              "مؤكدة", "متسائلا", "معتبرا", "مبينا", "لافتا", "منوها", "مطالبا", "متابعا",
                              "مستدركا", "مختتما")}
_AFTER_NAME = {"مواليد", "التابعه"} | _SAYING | _AFTER


def _glued_preposition(tok: Token) -> bool:
    """"لإقليم", "بمدينة": a preposition glued to an everyday word, never a name's last part."""
    n = norm(tok.text)
    return n[:1] in ("ل", "ب") and len(n) > 3 and n[1:] not in given_names() and n not in given_names() \
        and _common_rank().get(n[1:], 10**6) < 5000  # "ليلى" is a name, not "ل" + "يلي"


# Nouns for what a person is, said right before the name ("الجاني فلان", "المتهم فلان"); never
# the first word of the name itself.
_DESCRIBING_NOUNS = {"الجاني", "الجناه", "المتهم", "المتهمه", "المدان", "المحكوم", "الموقوف", "المطلوب",
                     "المجني", "القتيل", "الضحيه", "المغدور", "المقيم", "المواطن", "المواطنه", "الطفل", "الطفله",
                     "الرضيع", "الارهابي", "الانتحاري", "المنتحر", "الشهيد", "المرحوم", "الفقيد"}


def _trim_person(m: Mention) -> Mention | None:
    """A person span without a glued conjunction before it ("وباولو ديبالا", "و(فهد حمد") and
    without the words that follow a name in a list ("مواليد 1990"); None when nothing is left."""
    text, start = m.text, m.start
    # not before the article: "والتر" is Walter (و + ال… is the NER postprocessor's call)
    head = re.match(r"^و\(?(?=\w{3})(?!ال)", text)
    # nor a given name that begins with و ("وليام", "ويليام", "وسيم")
    if head and norm(text.split()[0]) not in recorded_given_names() \
            and norm(text.split()[0].lstrip("و(")) not in NOT_NAME:
        text, start = text[head.end():], start + head.end()
    words = list(re.finditer(r"\S+", text))
    while len(words) > 2 and norm(words[0].group()) in _DESCRIBING_NOUNS:
        words = words[1:]  # "الجاني ساير بن لافي": the culprit, no part of his name
    while words and norm(words[0].group()) in RANK_FORMS and norm(words[0].group()) not in given_names():
        words = words[1:]  # "كولونيل رالف": a rank is a role, no part of the name ("رائد" is a name too)
    while words and _naming_word(norm(words[0].group())):
        words = words[1:]  # "المعروفة باسم": a word of naming, then "in the name of", no person
    if words and words[0].start():
        cut = words[0].start()
        text, start = text[cut:], start + cut
        words = list(re.finditer(r"\S+", text))
    cue = next((k for k, w in enumerate(words) if k and norm(w.group()) in NAME_TRIGGERS), None)
    if cue is not None:  # "أحمد إسماعيل الملقب": the nickname's cue is no part of the name
        words = words[:cue]
    while words and (norm(words[-1].group()) in _AFTER_NAME or any(c.isdigit() for c in words[-1].group())
                     or (len(words) > 2 and _glued_preposition(Token(0, 0, words[-1].group())))):
        words.pop()
    if len(words) < 2:
        return None
    kept = text[:words[-1].end()]
    return Mention(m.doc, start, start + len(kept), kept, m.type, m.source)


def _naming_word(n: str) -> bool:
    """"المعروف", "المعروفة", "والملقب": a word that introduces a name, in either gender."""
    n = n[1:] if n[:1] == "و" and n[1:3] == "ال" else n
    return n in NAME_TRIGGERS or (n.endswith("ه") and n[:-1] in NAME_TRIGGERS)


def _with_given_name(m: Mention, text: str | None) -> Mention:
    """A name never opens with its nasab link: "بن محمد أبو نيان" after "(يزيد" is "يزيد بن محمد
    أبو نيان" (the NER cut the given name glued to a bracket or a word: "الموقوفين(يزيد")."""
    words = m.text.split()
    if text is None or len(words) < 3 or norm(words[0]) not in ("بن", "ابن") or norm(words[1]) not in given_names():
        return m  # "بن كيران", "بن علي": family names of the Maghreb
    before = re.search(r"(\w+)[ (]{0,2}$", text[max(0, m.start - 30):m.start])
    if before is None:
        return m
    w = norm(before.group(1))
    if len(w) < 3 or w.startswith(("ال", "و")) or w in NOT_NAME or w in TITLES:
        return m
    start = m.start - (len(text[max(0, m.start - 30):m.start]) - before.start(1))
    return Mention(m.doc, start, m.end, text[start:m.end], m.type, m.source)


def _after_naming(m: Mention, text: str | None) -> Mention:
    """"الملقب بحجي عارف", "المعروف بأبي محمد": the ب after a word of naming is the preposition,
    no letter of the name the NER read with it."""
    if text is None or m.text[:1] != "ب" or len(m.text.split()[0]) < 4:
        return m
    before = norm(text[max(0, m.start - 30):m.start]).split()
    if not before or (before[-1] not in _NAMING and before[-1][1:] not in _NAMING):  # "والملقب"
        return m
    return Mention(m.doc, m.start + 1, m.end, text[m.start + 1:m.end], m.type, m.source)


def _after_spokesman(m: Mention, text: str | None) -> bool:
    """"المتحدث باسم الرئاسة": "باسم" is "in the name of" here, not the name Basem."""
    if text is None or norm(m.text.split()[0]) != "باسم":
        return False
    before = norm(text[max(0, m.start - 40):m.start]).split()
    return any(w in _SPOKESMAN for w in before[-3:])  # "الناطق الرسمي باسم …" too


# Named things that carry a person's name ("مسجد الحسين بن علي", "مستشفى الملك فهد", "شارع
# عمر المختار"): the person inside is no person of the text.
_NAMED_AFTER = {norm(w) for w in {"مسجد", "جامع", "مستشفي", "شارع", "مدرسه", "ميدان", "قاعه", "مطار", "جائزه", "مركز",
                                  "ومسجد", "بمسجد", "لمسجد", "وجامع", "بجامع", "بشارع", "وشارع", "بمستشفي", "ومستشفي", "حسينيه",
                                  "مدينه", "جامعه", "قاعده", "معسكر", "مجمع", "كليه", "ضاحيه",
                                  # media named by a word that is also a given name: "وكالة أنباء فارس", "قناة الجزيرة"
                                  "وكاله", "انباء", "قناه", "صحيفه", "جريده", "مجله", "اذاعه"}}


# Words for a family: "أسرة بن لادن", "عائلة آل سعود" name a family, not a person.
_FAMILY_WORDS = {norm(w) for w in ("أسرة", "عائلة", "الأسرة", "العائلة", "عائلات", "أسر")}


def _family(m: Mention, text: str | None) -> bool:
    """A family's name after the word for a family ("ثلاثة من أسرة بن لادن لقوا مصرعهم"): the
    name is "بن/آل + one word", which is no one's full name."""
    words = norm(m.text).split()
    if text is None or len(words) != 2 or words[0] not in ("بن", "ال", "ابن"):
        return False
    before = norm(text[max(0, m.start - 20):m.start]).split()
    w = before[-1] if before else ""
    return w in _FAMILY_WORDS or (w[:1] in "بلو" and w[1:] in _FAMILY_WORDS)


def _named_after(m: Mention, text: str | None) -> bool:
    if text is None:
        return False
    before = norm(text[max(0, m.start - 40):m.start]).split()
    while before and before[-1] in _TITLES:  # "مستشفى الأمير محمد بن عبدالعزيز"
        before.pop()
    if not before:
        return False
    w = before[-1]  # "بجامعة الإمام محمد بن سعود", "لمستشفى الملك فهد": past a glued preposition
    return w in _NAMED_AFTER or (w[:1] in "بلو" and w[1:] in _NAMED_AFTER) \
        or (w[:2] in ("وب", "ول") and w[2:] in _NAMED_AFTER)


def combine(ner: list[Mention], rules: list[Mention], text: str | None = None) -> list[Mention]:
    """Rules and gazetteers first (they are precise on the patterns they know), then
    every plausible NER span that overlaps none of them (names the rules cannot know).
    A person span of everyday words needs evidence from the document (``_vouched``);
    ``text`` is the document text the spans index."""
    taken = resolve_overlaps(rules)
    ner = [t for m in ner if (t := _trim_person(m) if m.type == "PER" else m) is not None
           and not (t.type == "PER" and _after_spokesman(t, text))]
    ner = [_after_naming(_with_given_name(m, text), text) if m.type == "PER" else m for m in ner]
    repeats = Counter(norm(m.text) for m in ner if m.type == "PER")
    extra = [m for m in ner if plausible(m) or (
        m.type == "PER" and plausible(m, evidence=True) and _vouched(m, ner, text, repeats))]
    # ``taken`` never overlaps itself, so by start it is also by end: the spans clashing with m
    # are one run of it, found by bisection (a long document has thousands of spans).
    starts, ends = [t.start for t in taken], [t.end for t in taken]
    for m in sorted(extra, key=lambda m: (-(m.end - m.start), m.start)):
        lo, hi = bisect_right(ends, m.start), bisect_left(starts, m.end)
        clash = taken[lo:hi]
        # A full name outranks a gazetteer word inside it ("ديفيد كاميرون" is no Cameroon), and a
        # person the NER reads in full outranks the part of it a name rule found ("نبيل أبو ردينة"
        # over "أبو ردينة", "علي سعد دوابشة" over "علي سعد").
        if all(m.start <= t.start and t.end <= m.end and t.end - t.start < m.end - m.start
               and (t.source == "gazetteer" or (t.type == "PER" and m.type == "PER")) for t in clash) \
                and (not clash or m.type in ("PER", "ORG")):
            taken[lo:hi] = [m]  # every span of the run clashes, and m covers them all
            starts[lo:hi], ends[lo:hi] = [m.start], [m.end]
    out = []
    people = [m for m in taken if m.type == "PER"]
    for m in taken:
        if m.type == "PER" and _phrase_not_name(m, text, people):
            continue
        if m.type == "PER" and _named_after(m, text):
            site = _site_named_after(m, text)  # "مسجد الإمام علي بن أبي طالب": the mosque is a place
            if site is not None:
                out.append(site)
        elif not (m.type == "PER" and (_not_a_name(m) or _umm_conjunction(m, text) or _verb_after_name(m)
                                       or _family(m, text) or _coordinated(m))):
            out.append(m)
    return sorted(_surnames_not_places(out, text), key=lambda m: m.start)


def _surnames_not_places(ms: list[Mention], text: str | None) -> list[Mention]:
    """A one-word place of the gazetteer that is the family name of a person the document names
    ("واتهم بالمر بقتل الأسد" after "والتر بالمر": Palmer, not the town) is no place, unless a
    place word or preposition stands before it ("في بالمر")."""
    surnames = {w[-1] for m in ms if m.type == "PER" and len(w := norm(m.text).split()) >= 2
                and not w[-1].startswith("ال")}  # "… الرياض": a name run on into a place, no surname
    if not surnames or text is None:
        return ms
    return [m for m in ms if not (m.type == "LOC" and m.source == "gazetteer" and norm(m.text) in surnames
                                  and _small_town(m.text) and not _place_cued(m, text))]


def _small_town(name: str) -> bool:
    """A town or village, not a country, province or city of a million, which a surname never hides."""
    p = places_lookup(name)
    return p is not None and p.kind == "city" and p.population < WELL_KNOWN


def _place_cued(m: Mention, text: str) -> bool:
    if m.start and text[m.start - 1].isalpha():
        return True  # a clitic glued before the name ("ببالمر", "لبالمر")
    before = text[max(0, m.start - 30):m.start].split()
    return bool(before) and place_cue(before[-1])


# Buildings the news uses as places, named after a person ("مسجد الإمام علي بن أبي طالب", "جامع
# الملك فيصل", "ضريح الشيخ فلان") or by a name of their own ("سجن الحائر"); a hospital, a school or
# a prize is not one. "قاعدة" (also a rule) and "معسكر" (also a team's camp) only before a person.
_SITE_HEADS = {norm(w) for w in {"مسجد", "جامع", "حسينية", "ضريح", "قبر", "قاعدة", "معسكر", "سجن"}}
_SITE_HEADS_NAMED = {norm(w) for w in {"مسجد", "جامع", "حسينية", "ضريح", "سجن"}}
_SITE_CLITICS = ("", "ب", "ل", "و", "وب", "ول")
_SITE_STEMS = ("مسجد", "جامع", "حسيني", "ضريح", "سجن")  # as written, to skip the other words fast
# The holy mosques, written with the definite head and an everyday adjective.
_HOLY_MOSQUES = {norm(w) for w in {"الاقصى", "الأقصى", "الحرام", "النبوي"}}
_SITE_TITLES = {norm(w) for w in {"الإمام", "الامام", "الملك", "الأمير", "الامير", "الشيخ", "السيد", "السيدة",
                                  "الصحابي"}}


def find_sites(doc_id: str, text: str, toks: list[Token]) -> list[Mention]:
    """Named buildings used as places: a site head, perhaps a title, then a given name
    ("جامع الملك فيصل", "مسجد الإمام الصادق"), a definite word that is no everyday word ("سجن
    الحائر") or a word the news hardly uses ("سجن إيفين"); the holy mosques ("المسجد الأقصى")."""
    out: list[Mention] = []
    if not any(h in text for h in _SITE_STEMS):
        return out
    rank = _common_rank()
    for i, t in enumerate(toks[:-1]):
        if not any(h in t.text for h in _SITE_STEMS):
            continue
        n = norm(t.text)
        cut = _head_at(n, _SITE_HEADS_NAMED, _SITE_CLITICS)
        j = i + 1
        if cut is None:
            if n.lstrip("وبل") == "المسجد" and norm(toks[j].text) in _HOLY_MOSQUES:
                cut = len(n) - len("المسجد")
                out.append(Mention(doc_id, t.start + cut, toks[j].end, text[t.start + cut:toks[j].end], "LOC", "rule"))
            continue
        titled = False
        while j < len(toks) and norm(toks[j].text) in _SITE_TITLES and j - i <= 2:
            j, titled = j + 1, True
        if j >= len(toks) or not toks[j].text.isalpha():
            continue
        w = norm(toks[j].text)
        if w in NOT_NAME or w in demonyms() or w in PLACE_NOUNS:
            continue
        if (titled and (w in given_names() or rank.get(w, 10**6) >= EVERYDAY_RANK)) \
                or (w.startswith("ال") and rank.get(w, 10**6) >= EVERYDAY_RANK and w not in given_names()) \
                or (w not in rank and w not in given_names()
                    and not w.endswith(("ي", "يه", "ه")) and w[:1] != "و"):  # "مسجد شيعي", "مسجد عاقبته"
            end = j + 1
            while end + 1 < len(toks) and norm(toks[end].text) in NASAB and toks[end + 1].text.isalpha():
                end += 2  # "مسجد الحسين بن علي"
            out.append(Mention(doc_id, t.start + cut, toks[end - 1].end, text[t.start + cut:toks[end - 1].end],
                               "LOC", "rule"))
    return out


def _site_named_after(m: Mention, text: str | None) -> Mention | None:
    """The place "head + title + name" for a person span m named after a building head."""
    if text is None:
        return None
    words = text[max(0, m.start - 40):m.start].split()
    k = len(words)
    while k and norm(words[k - 1]) in _TITLES:
        k -= 1
    if not k or k < len(words) - 2:
        return None
    head = words[k - 1]
    n = norm(head)
    cut = _head_at(n, _SITE_HEADS, _SITE_CLITICS)
    if cut is None:
        return None
    start = text.rfind(head, max(0, m.start - 40), m.start) + cut
    return Mention(m.doc, start, m.end, text[start:m.end], "LOC", "rule")


# Feminine ordinals: "رسالة الملك سلمان الثالثة" (his third message), never part of a name.
_FEMININE_ORDINALS = {"الاولي", "الثانيه", "الثالثه", "الرابعه", "الخامسه", "السادسه", "السابعه", "الثامنه",
                      "التاسعه", "العاشره", "الاخيره"}


def _verb_after_name(m: Mention) -> bool:
    """"الطفل أحمد استقرت (حالته)", "وابنه أحمد يصارعان", "سلمان الثالثة": the word after the given
    name is a verb (an imperfect with a dual or plural ending, a past of the form استفعل) or a
    feminine ordinal, not a family name."""
    words = [norm(w) for w in m.text.split()]
    if len(words) != 2:
        return False
    w = words[1]
    return (w[:1] in "يت" and w.endswith(("ان", "ون")) and len(w) >= 6) \
        or (w.startswith("است") and w.endswith(("ت", "وا")) and len(w) >= 5) or w in _FEMININE_ORDINALS


@lru_cache(maxsize=1)
def _phrase_words() -> frozenset[str]:
    return frozenset(lines("phrase_words.txt"))


def _phrase_not_name(m: Mention, text: str | None, people: list[Mention]) -> bool:
    """"عمر الطفل", "مالك المنزل", "لصالح المجموعة", "باسم العائلة": a given name that is also an
    everyday word and a definite word that the news puts after given names only as a phrase
    (``phrase_words.txt``), with nothing in the text to say it is a person: no title, rank or
    person noun right before it, no other name listed beside it ("علي المزيدي ومحمد البريه")."""
    words = [norm(w) for w in m.text.split()]
    if len(words) != 2 or words[1] not in _phrase_words() or words[1] in demonyms() \
            or not _is_given_at([Token(0, 0, m.text.split()[0])], 0):
        return False  # "إبراهيم الألماني": a nisba of origin is a name's part
    if text is None:
        return True
    before = norm(text[max(0, m.start - 30):m.start]).split()
    if before and (before[-1] in _TITLES or before[-1] in PERSON_NOUNS or before[-1] in RANK_FORMS
                   or before[-1] in PROFESSION_FORMS or before[-1] in NAME_TRIGGERS
                   or before[-1] in SOURCE_FOLLOWS or (before[-1][:1] == "و" and before[-1][1:] in SOURCE_FOLLOWS)):
        return False
    for o in people:
        if o is m:
            continue
        gap = text[o.end:m.start] if o.end <= m.start else text[m.end:o.start] if m.end <= o.start else None
        if gap is not None and len(gap) <= 4 and not gap.strip(" ،,و\n"):
            return False
    return True


def _coordinated(m: Mention) -> bool:
    """"محمد وأحمد", "حنان وحنين", "العبادي والمالكي": two people joined by "و", not one name — a
    later word that is "و" + a given name or "و" + a definite nisba or news word, and no name itself
    ("وليد", "وائل", "والتر", "سام والتون" are)."""
    gn = given_names()
    for w in m.text.split()[1:]:
        n = norm(w)
        if n[:1] == "و" and n not in gn and (n[1:] in gn or (
                n[1:].startswith("ال") and len(n) > 5 and (n.endswith("ي") or n[1:] in _common_rank()))):
            return True
    return False


def _umm_conjunction(m: Mention, text: str | None = None) -> bool:
    """"أم نحن الفاشلون", "أم ستخوض معركتها", "متفرقة أم متوالية؟", "قوات الشرعية أم ميليشيات
    المخلوع": "or", not a kunya, whoever tagged it: before a pronoun, particle or future verb, before
    an everyday word (a kunya names a child or a nisba: "أم سياف", "أم آدم"), or inside a question
    ("هل" before it in the sentence, "؟" right after) unless a given name follows it."""
    words = m.text.split()
    if len(words) < 2 or norm(words[0]) != "ام":
        return False
    w = norm(words[1])
    rank = _common_rank().get(w, 10**6)
    if _not_after_umm(Token(0, 0, words[1])) or rank < EVERYDAY_RANK:
        return True
    if not _is_given_at([Token(0, 0, words[1])], 0) and (
            (rank < 10**6 and (w[:1] in ("ي", "ت", "ل") or (w[:1] == "ا" and len(w) >= 5)))
            or words[1].endswith(("ًا", "اً"))):
        # a news word that opens with "ال" (أم التعريف), an imperfect prefix (أم تبحث), hamza in
        # a long word (أم إكمال, أم إرهاب; not أم آدم) or "ل" (أم لخمسة أبناء), or an accusative
        # (أم كبارًا), and no given name
        return True
    if text is None or _is_given_at([Token(0, 0, words[1])], 0):
        return False  # "هل قابلت أم محمد؟": a kunya in a question
    before = re.split(r"[.!؟?\n]", text[max(0, m.start - 200):m.start])[-1]
    after = text[m.end:m.end + 40]
    return "هل" in norm(before).split() or "؟" in re.split(r"[.!\n]", after)[0]


def _not_a_name(m: Mention) -> bool:
    """Formulae ("توفيق الله") and "أسماء" (Asma, also "names of") before a plural noun
    ("أسماء الضحايا", "أسماء المتهمين")."""
    n = norm(m.text)
    words = n.split()
    return n in _NOT_A_NAME or (len(words) == 2 and words[0] == "اسماء" and words[1].startswith("ال")
                                and words[1].endswith(("ين", "ون", "اء", "ي", "ات", "ايا")))
