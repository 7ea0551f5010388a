"""Pattern rules that complement the statistical NER.

Used twice: at training time to add silver labels (NAT, MONEY, DATE) to
ANERcorp, which annotates only PER/LOC/ORG/MISC, and at inference to find
MONEY amounts and kunyas ("أبو حمزة القرعاني") the model may miss, and to
move a span's start past a glued proclitic ("بأبو" -> "أبو").

Every function returns character spans into the string it was given; no
function changes the text.
"""

from __future__ import annotations

import re
from functools import lru_cache

Span = tuple[int, int, str]

_CLITIC = "[وبلفك]"
_DIGITS = r"[0-9٠-٩]+(?:[.,٫٬،][0-9٠-٩]+)*"
_NUM_WORD = (
    r"(?:واحد(?:ة)?|[اإ]ثن(?:ان|ين|تان|تين)|ثلاث(?:ة|ين|ون)?|[أا]ربع(?:ة|ين|ون)?|خمس(?:ة|ين|ون)?"
    r"|ست(?:ة|ين|ون)?|سبع(?:ة|ين|ون)?|ثمان(?:ي|ية|ين|ون)?|تسع(?:ة|ين|ون)?|عشر(?:ة|ين|ون)?"
    r"|[إا]حدى|مئ(?:ة|تا|تي|تين|ات)|مائ(?:ة|تا|تي|تين|ات)|[أا]لف(?:ا|ان|ين|ي)?|[آأا]لاف"
    r"|مليون(?:ا|ان|ين|ي)?|ملايين|مليار(?:ا|ان|ين|ي|ات)?|بليون|نصف|ربع|بضع(?:ة)?)"
)
_NUM = rf"(?:{_DIGITS}|{_NUM_WORD})"
_CURRENCY = (
    r"(?:دولار(?:ا|ات|ين)?|الدولارات|يورو|جنيه(?:ا|ات)?|ريال(?:ا|ات)?|دينار(?:ا)?|دنانير"
    r"|درهم(?:ا)?|دراهم|ليرة|ليرات|شيكل|شيقل|شواقل|روبل|روبية|فرنك(?:ا|ات)?|ين ياباني"
    r"|جنيه(?:ا)? [إا]سترليني)"
)
_CURRENCY_QUAL = r"(?:\s+(?:[أا]مريكي|[أا]ميركي|سوري|سعودي|ليبي|مصري|عراقي|تركي|[أا]ردني|كويتي|[إا]ماراتي|قطري|[إا]سترليني|تونسي|جزائري|مغربي|لبناني))?"
_MONEY = re.compile(
    rf"(?<!\w){_CLITIC}?((?:{_NUM}(?:\s+و?{_NUM})*\s+{_CURRENCY}{_CURRENCY_QUAL})"
    rf"|(?:\$\s?{_DIGITS}(?:\s+(?:[أا]لف|مليون|مليار))?)|(?:{_DIGITS}\s?\$))(?!\w)"
)

_MONTHS = (
    r"(?:يناير|فبراير|مارس|[أاإ]بريل|مايو|يوني[وه]|يولي[وه]|[أا]غسطس|سبتمبر|[أا]كتوبر|نوفمبر|ديسمبر"
    r"|كانون ال[أا]ول|كانون الثاني|شباط|[آا]ذار|نيسان|[أا]يار|حزيران|تموز|آب|[أا]يلول"
    r"|تشرين ال[أا]ول|تشرين الثاني)"
)
# Hijri months double as given names (رجب، رمضان) or words (صفر): only with a day or year.
_HIJRI = (
    r"(?:محرم|صفر|ربيع ال[أا]ول|ربيع الثاني|ربيع الآخر|جمادى ال[أا]ولى|جمادى الآخرة|جمادى الثانية"
    r"|رجب|شعبان|رمضان|شوال|ذ[وي] القعدة|ذ[وي] الحجة)"
)
_YEAR = r"(?:[12][0-9]{3}|[١٢][٠-٩]{3})(?:\s?(?:م|هـ|ه)(?!\w))?"
_DAY = r"(?:[0-3]?[0-9]|[٠-٣]?[٠-٩])"
_WEEKDAY = r"(?:ال)?(?:سبت|[أا]حد|[اإ]ثنين|ثلاثاء|[أا]ربعاء|خميس|جمعة)"
_GREG = rf"(?:{_DAY}\s+)?(?:من\s+)?(?:شهر\s+)?{_MONTHS}(?:\s*[/(-]\s*{_MONTHS}\s*\)?)?(?:\s+(?:من\s+)?(?:ال)?(?:عام\s+)?{_YEAR})?"
_HIJRI_DATE = rf"(?:{_DAY}\s+{_HIJRI}(?:\s+{_YEAR})?|{_HIJRI}\s+{_YEAR})"
_NUMERIC = rf"{_DAY}\s?[/.-]\s?(?:[01]?[0-9]|[٠١]?[٠-٩])\s?[/.-]\s?{_YEAR}"
_YEAR_WORD = rf"(?:ال)?(?:عام|سنة)\s+{_YEAR}"
_DATE = re.compile(
    rf"(?<!\w){_CLITIC}?((?:يوم\s+{_WEEKDAY}(?:\s+(?:الموافق\s+)?(?:{_GREG}|{_NUMERIC}))?)"
    rf"|{_HIJRI_DATE}|{_GREG}|{_NUMERIC}|{_YEAR_WORD})(?![\w/])"
)

# Demonym stems (masculine singular nisba). Forms: (ال)stem + ("", ة, ون, ين, تين).
_NAT_STEMS = """
سوري عراقي تركي تونسي مصري ليبي سعودي أمريكي أميركي امريكي اميركي روسي إيراني ايراني
فرنسي بريطاني ألماني الماني كازاخي شيشاني أردني اردني لبناني فلسطيني إسرائيلي اسرائيلي
يمني مغربي جزائري سوداني قطري إماراتي اماراتي كويتي بحريني عماني أفغاني افغاني باكستاني
هندي صيني ياباني كوري أوروبي اوروبي كردي إيطالي ايطالي إسباني اسباني بلجيكي هولندي سويدي
نرويجي دنماركي نمساوي سويسري يوناني قبرصي أوكراني اوكراني أذربيجاني اذربيجاني أوزبكي
اوزبكي طاجيكي تركماني قرغيزي داغستاني إندونيسي اندونيسي ماليزي صومالي إثيوبي اثيوبي
نيجيري موريتاني أسترالي استرالي كندي برازيلي مكسيكي أرجنتيني فنزويلي كوبي سنغالي تشادي
بنغالي سريلانكي فلبيني تايلاندي إريتري اريتري جيبوتي بلغاري بولندي صربي ألباني الباني
بوسني كرواتي أرمني ارمني جورجي شركسي أيرلندي ايرلندي إنجليزي انجليزي إنكليزي انكليزي
بلوشي تتاري أويغوري ايغوري لاتيني أفريقي افريقي آسيوي اسيوي خليجي شامي
برتغالي تشيكي سلوفاكي مجري هنغاري روماني فنلندي آيسلندي ايسلندي إستوني استوني لاتفي ليتواني
بيلاروسي سلوفيني مقدوني مولدوفي إسكتلندي اسكتلندي ويلزي لوكسمبورغي كازاخستاني قازاقي
تايواني فيتنامي كمبودي نيبالي سنغافوري منغولي كشميري بشتوني بورمي تايلندي نيوزيلندي
ارجنتيني كولومبي بيروفي أوروغواياني اوروغواياني باراغواياني إكوادوري اكوادوري بوليفي
كوستاريكي هندوراسي بنمي جامايكي كاميروني زامبي أنغولي انغولي موزمبيقي كيني أوغندي اوغندي
تنزاني رواندي كونغولي غابوني توغولي بنيني ليبيري غيني غاني عاجي إيفواري ايفواري بوركيني
ناميبي ملغاشي نيجري سيراليوني تشيلي هايتي زيمبابوي بوروندي
""".split()
_NAT_IRREGULAR = """
العرب الأتراك أتراك الاتراك الأكراد أكراد الاكراد الروس الشيشان الأفغان الافغان الألمان
الالمان الإنجليز الانجليز الإنكليز الانكليز الأمريكان الامريكان الأميركان الاميركان
الفرس الأرمن الارمن الأوروبيين الأوزبك الاوزبك الطاجيك التركمان الإيرانيون
""".split()
# A bare form that is also a country name is not a demonym.
_NAT_EXCLUDE = {"سورية", "تونسية", "تشيلي", "هايتي", "زيمبابوي", "بوروندي"}


@lru_cache(maxsize=1)
def nat_forms() -> frozenset[str]:
    """Every demonym surface form the rules know (without proclitics)."""
    forms = set(_NAT_IRREGULAR)
    for stem in _NAT_STEMS:
        for suffix in ("", "ة", "ون", "ين", "تين", "تان"):
            forms.add("ال" + stem + suffix)
            if stem + suffix not in _NAT_EXCLUDE:
                forms.add(stem + suffix)
    return frozenset(forms)


_ARABIC_RUN = re.compile(r"[\u0621-\u064A]+")


_KUNYA_HEAD = r"(?:[أا]بو|[أا]بي|[أا]با|[أا]م)"
_NAME_TOKEN = r"[\u0621-\u064A\u0640]{2,}"
_KUNYA = re.compile(
    rf"(?<!\w){_CLITIC}?({_KUNYA_HEAD}\s+(?:عبد\s?(?:ال|لل?)?{_NAME_TOKEN}|{_NAME_TOKEN})"
    rf"(?:\s+ال{_NAME_TOKEN}(?:ي|ى))?)(?!\w)"
)
# Kunya-shaped names of places and things, and words that end a kunya match early.
KUNYA_PLACES = frozenset({"ابو ظبي", "أبو ظبي", "أبوظبي", "ابوظبي", "ابو غريب", "أبو غريب", "ابو كمال",
                          "أبو كمال", "أبو كمال", "ابو ديس", "أبو ديس"})
_KUNYA_NOT = KUNYA_PLACES
_NOT_NAME = set("""
في من على إلى الى عن مع هو هي أن إن أو او لا ما قد كان كانت التي الذي الذين هذا هذه ذلك تلك
بعد قبل عند حتى ثم أي كل بين منذ خلال حيث وقد وفي ومن لم لن
""".split())


def _spans(pattern: re.Pattern[str], text: str, label: str) -> list[Span]:
    return [(m.start(1), m.end(1), label) for m in pattern.finditer(text)]


def money_spans(text: str) -> list[Span]:
    """Amounts with a currency word or sign: "20 ألف دولار", "ثلاثة الاف دولار"."""
    return _spans(_MONEY, text, "MONEY")


def date_spans(text: str) -> list[Span]:
    """Calendar dates: "15 تموز 1927", "عام 2001", "يوم السبت 28 آذار", "5/2/1948"."""
    return _spans(_DATE, text, "DATE")


def nat_spans(text: str) -> list[Span]:
    """Demonyms from a closed list of stems: "السوريين", "الكازاخية", "تونسي"."""
    forms = nat_forms()
    out = []
    for m in _ARABIC_RUN.finditer(text):
        word, start = m.group(), m.start()
        if word not in forms and word[:1] in "وبلفك" and word[1:] in forms:
            start += 1
        elif word not in forms and not (word.startswith("لل") and "ال" + word[2:] in forms):
            continue  # "للتشيكي" (ل + التشيكي) stays whole
        out.append((start, m.end(), "NAT"))
    return out


def kunya_spans(text: str) -> list[Span]:
    """Kunyas with an optional nisba: "أبو حمزة القرعاني", "بأبو عبد الرحمن التونسي"."""
    out = []
    for m in _KUNYA.finditer(text):
        words = m.group(1).split()
        if " ".join(words[:2]) in _KUNYA_NOT or words[1] in _NOT_NAME:
            continue
        out.append((m.start(1), m.end(1), "PER"))
    return out


# A name written before its kunya in brackets: "حامد النوري (أبو حمزة القرعاني)",
# "، و همام التركي (أبو تمام)". The name is the two or three words between a
# delimiter (punctuation or a lone "و") and the bracket.
_BEFORE_BRACKET = re.compile(r"(?:[،,:;.!?؟()\n\-–]|(?<!\S)و)\s*(?!و\s)((?:[\u0621-\u064A\u0640]+\s+){1,2}[\u0621-\u064A\u0640]+)\s*\($")


def name_before_kunya_spans(text: str, kunyas: list[Span] | None = None) -> list[Span]:
    """PER spans for the name right before a bracketed kunya ("X Y (أبو Z)")."""
    out = []
    for start, _, _ in kunya_spans(text) if kunyas is None else kunyas:
        m = _BEFORE_BRACKET.search(text, max(0, start - 80), start)
        if not m:
            continue
        words = m.group(1).split()
        if any(w in _ROLE_STOP or w in ROLE_HEADS for w in words):
            continue
        out.append((m.start(1), m.end(1), "PER"))
    return out


_PROCLITIC_BEFORE_KUNYA = re.compile(rf"^(?:و?{_CLITIC}){_KUNYA_HEAD}(?!\w)")
# Three letters after the article: "والتر" (Walter) and "والده" (his father) are words, not و + ال….
_PROCLITIC_BEFORE_AL = re.compile(r"^(?:و?[وبفك])(?=ال\w{3,})")


def strip_proclitic(text: str, start: int, end: int) -> int:
    """New start of a name span whose first word carries a glued proclitic.

    Only where the split is unambiguous: before a kunya head ("بأبو", "وأبو")
    or before the article ("والرقة", "بالموصل"). "لل" is left alone: the
    article's alef is gone, so no substring is the name.
    """
    head = text[start:end]
    m = _PROCLITIC_BEFORE_KUNYA.match(head)
    if m:
        return start + len(re.match(rf"^(?:و?{_CLITIC})", head).group(0))
    m = _PROCLITIC_BEFORE_AL.match(head)
    if m and end - start - m.end() >= 4:
        return start + m.end()
    return start


ROLE_HEADS = frozenset("""
رئيس الرئيس رئيسة وزير الوزير وزيرة أمير الأمير امير الامير نائب مسؤول المسؤول مسؤولة قائد القائد
مدير المدير مديرة المتحدث متحدث الناطق ناطق سفير السفير زعيم الزعيم الملك ملك الشيخ الأمين أمين
مستشار المستشار عضو مراسل المراسل والي الوالي شرعي الشرعي القاضي قاضي محافظ المحافظ العقيد
اللواء العميد الجنرال المفتي مفتي الدكتور رئيس الأمين قائدة المنسق منسق مندوب المندوب ممثل الممثل
المبعوث مبعوث الرائد النقيب الملازم العقيد الضابط ضابط الإمام إمام الأستاذ السيناتور النائب
""".split())


# Heads of role phrases found by rule at inference ("نائب أمير جهاز الحسبة").
_ROLE_RULE_HEADS = frozenset("""
نائب مسؤول قائد أمير امير والي مدير وزير رئيس سفير محافظ زعيم شرعي المتحدث الناطق قاضي مفتي
""".split())
_ROLE_STOP = _NOT_NAME | {"و", "أو", "بن", "ابن", "المدعو", "الملقب", "والملقب", "السيد", "الشيخ"}
_WORD = re.compile(r"\S+")
_ARABIC_WORD = re.compile(r"^[\u0621-\u064A\u0640]+$")


def role_spans(text: str) -> list[Span]:
    """Role phrases: a head, then its genitive chain up to the first definite noun.

    "نائب أمير جهاز الحسبة في ..." -> "نائب أمير جهاز الحسبة"; "أمير عسكري" is
    kept whole (an indefinite adjective closes the chain too). At most five words.
    """
    words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]
    out: list[Span] = []
    i = 0
    while i < len(words):
        start, end, w = words[i]
        head = w[1:] if w[:1] in "وبلف" and w[1:] in _ROLE_RULE_HEADS else w
        if head not in _ROLE_RULE_HEADS or (out and out[-1][1] > start):
            i += 1
            continue
        j = i + 1
        while j < len(words) and j - i < 5:
            tok = words[j][2]
            if not _ARABIC_WORD.match(tok) or tok in _ROLE_STOP:
                break
            j += 1
            if tok.startswith("ال") or tok.endswith("ي"):
                break
        if j > i + 1:
            out.append((start + len(w) - len(head), words[j - 1][1], "ROLE"))
        i = j
    return out
