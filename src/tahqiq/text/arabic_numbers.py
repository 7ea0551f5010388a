"""Arabic counts that agree with their number: «وثيقة واحدة»، «وثيقتان»، «3 وثائق»، «11 وثيقة».

Arabic counted nouns take four forms (CLDR's plural categories for ``ar``): one
(«وثيقة واحدة»), two (the dual, «وثيقتان»), few for 3–10 (the broken or sound plural,
«٣ وثائق»), many for 11–99 (the singular in the accusative, «١١ وثيقةً» written
«11 وثيقة», «11 كيانًا»); hundreds and thousands follow their last two digits (103 «وثائق»,
111 «كيانًا»), round ones (100, 102, 1,000) take the singular in the genitive («100 كيان»),
and zero reads «لا وثائق».

Pure text, no other stage: the web app (``serve/arabic.py``) and the printable case file
(``export/dossier.py``) count with the same table, and ``disagreements`` finds a count whose
noun's form is not the one its number takes (the tests read every page and case file with it).
"""

from __future__ import annotations

import re

# noun -> (one, two, few: 3-10, many: 11-99 and round hundreds)
NOUNS: dict[str, tuple[str, str, str, str]] = {
    "document": ("وثيقة واحدة", "وثيقتان", "وثائق", "وثيقة"),
    "entity": ("كيان واحد", "كيانان", "كيانات", "كيانًا"),
    "claim": ("ادعاء واحد", "ادعاءان", "ادعاءات", "ادعاءً"),
    "mention": ("ذكر واحد", "ذكران", "مرات ذكر", "ذكرًا"),
    "result": ("نتيجة واحدة", "نتيجتان", "نتائج", "نتيجة"),
    "decision": ("قرار واحد", "قراران", "قرارات", "قرارًا"),
    "candidate": ("زوج واحد", "زوجان", "أزواج", "زوجًا"),
    "source": ("مصدر مستقل واحد", "مصدران مستقلان", "مصادر مستقلة", "مصدرًا مستقلًا"),
    "passage": ("مقطع واحد", "مقطعان", "مقاطع", "مقطعًا"),
    "story": ("قصة واحدة", "قصتان", "قصص", "قصة"),
    "page": ("صفحة واحدة", "صفحتان", "صفحات", "صفحة"),
    "second": ("ثانية واحدة", "ثانيتان", "ثوانٍ", "ثانية"),
    "link": ("رابط واحد", "رابطان", "روابط", "رابطًا"),
    "fact": ("واقعة واحدة", "واقعتان", "وقائع", "واقعة"),
    "contradiction": ("تناقض واحد", "تناقضان", "تناقضات", "تناقضًا"),
    "place": ("مكان واحد", "مكانان", "أماكن", "مكانًا"),
    "movement": ("تنقل واحد", "تنقلان", "تنقلات", "تنقلًا"),
    "byte": ("بايت واحد", "بايتان", "بايتات", "بايتًا"),
}


def category(n: int) -> str:
    """CLDR plural category of ``n`` for Arabic: zero, one, two, few, many or other."""
    n = abs(int(n))
    if n == 0:
        return "zero"
    if n == 1:
        return "one"
    if n == 2:
        return "two"
    r = n % 100
    if 3 <= r <= 10:
        return "few"
    if 11 <= r <= 99:
        return "many"
    return "other"


def count(n: int, noun: str) -> str:
    """``n`` with ``noun`` in the form that agrees with it: «وثيقة واحدة»، «وثيقتان»، «5 وثائق»،
    «12 وثيقة»، «لا وثائق»."""
    one, two, few, many = NOUNS[noun]
    cat = category(n)
    if cat == "zero":
        return f"لا {few}"
    if cat == "one":
        return one
    if cat == "two":
        return two
    if cat == "few":
        return f"{n:,} {few}"
    if cat == "many":
        return f"{n:,} {many}"
    return f"{n:,} {genitive(many)}"


def genitive(many: str) -> str:
    """100, 1,000, 102: the singular after a round hundred or thousand is genitive («١٠٠ كيان»,
    not the accusative «كيانًا» of 11–99)."""
    return " ".join(w[:-2] if w.endswith("ًا") else w[:-1] if w.endswith("ً") else w for w in many.split())


def disagreements(text: str) -> list[str]:
    """Every "N noun" in ``text`` (a page, a case file) whose noun, one of ``NOUNS``, is in a form
    that its number does not take: «11 وثائق», «100 كيانًا», «2 مصدر مستقل», «6 ذكر». Only
    numbers written in digits are read («وثيقتان» carries its number in its form)."""
    bad = []
    for one, two, few, many in NOUNS.values():
        allowed: dict[str, set[str]] = {}
        for form, cat in ((few, "few"), (many, "many"), (genitive(many), "other")):
            allowed.setdefault(form, set()).add(cat)
        for form, cats in allowed.items():
            for m in re.finditer(r"(?<![\d,])(\d[\d,]*) " + re.escape(form) + r"(?![\w\u064b-\u0652])", text):
                if category(int(m.group(1).replace(",", ""))) not in cats:
                    bad.append(m.group(0))
    return bad
