"""The app's Arabic: counts that agree with their number, messages, reasons and outlet names.

The counts (``count``, ``category`` and the noun table ``NOUNS``) live in
``tahqiq.text.arabic_numbers``, a low layer, so that the printable case file (``export/``) counts
with the same forms; they are re-exported here for the pages.
"""

from __future__ import annotations

from tahqiq.text.arabic_numbers import NOUNS, category, count, genitive

__all__ = ["NOUNS", "OUTLETS", "STATUS_TEXT", "category", "count", "genitive", "outlet", "reason"]


# HTTP status -> what the error page says (the detail, when given, follows in Arabic).
STATUS_TEXT = {
    400: "طلب غير صالح", 401: "يلزم تسجيل الدخول", 403: "طلب مرفوض", 404: "الصفحة غير موجودة",
    405: "طريقة الطلب غير مسموحة", 413: "الطلب أكبر من المسموح", 422: "بيانات النموذج ناقصة أو غير صالحة",
    429: "محاولات كثيرة", 500: "خطأ داخلي في الخادم",
}


# ---- the resolver's and the contradiction finder's reasons, in Arabic ------------------------------
# (resolve/persons.py and corroborate/contradictions.py write them in English for logs and exports;
# a page shows them in Arabic, with the names they quote kept as they are.)
_WHOLE = {
    "same full name": "الاسم الكامل نفسه",
    "same kunya and nisba": "الكنية والنسبة نفسهما",
    "common partial name, no shared context": "جزء اسم شائع، ولا سياق مشتركًا بينهما",
    "partial name; the rest of the name differs": "جزء من الاسم، وباقي الاسم مختلف",
    "partial name that fits several people": "جزء اسم يناسب عدة أشخاص",
    "different countries": "بلدان مختلفان",
}
_SHARED_KINDS = {"with": "ذُكرا مع", "member_of": "عضو في", "role": "منصب", "origin": "ينحدر من", "nationality": "الجنسية"}


def reason(text: str | None) -> str:
    """A candidate's or a contradiction's reason in Arabic (the English one when its form is unknown)."""
    import re

    from tahqiq.vocabulary import label

    t = (text or "").strip()
    if not t:
        return ""
    if t in _WHOLE:
        return _WHOLE[t]
    m = re.fullmatch(r"family names one letter apart; shared: (.+)", t)
    if m:
        return f"اسما العائلة يختلفان بحرف واحد؛ المشترك بينهما: {_shared(m.group(1))}"
    m = re.fullmatch(r"same kunya (.+?) only; shared: (.+)", t)
    if m:
        return f"الكنية نفسها ({m.group(1)}) فقط؛ المشترك بينهما: {_shared(m.group(2))}"
    m = re.fullmatch(r"(same full name|same kunya and nisba) and shared (.+), but the names conflict", t)
    if m:
        return f"{_WHOLE[m.group(1)]} وسياق مشترك ({_shared(m.group(2))})، لكن الاسمين متعارضان"
    m = re.fullmatch(r"(same full name|same kunya and nisba) \(a common name\), no shared context", t)
    if m:
        return f"{_WHOLE[m.group(1)]} (اسم شائع)، ولا سياق مشتركًا بينهما"
    m = re.fullmatch(r"(same full name|same kunya and nisba), but the rest of the name or nationality differs", t)
    if m:
        return f"{_WHOLE[m.group(1)]}، لكن باقي الاسم أو الجنسية مختلف"
    m = re.fullmatch(r"(nationality|age): (.+) ≠ (.+)", t)
    if m:
        return f"{'الجنسية' if m.group(1) == 'nationality' else 'العمر'}: {m.group(2)} ≠ {m.group(3)}"
    m = re.fullmatch(r"origin: (.+) ≠ (.+) \((different countries|(\d+) km apart)\)", t)
    if m:
        why = _WHOLE["different countries"] if m.group(4) is None else f"بينهما {m.group(4)} كم"
        return f"المنشأ: {m.group(1)} ≠ {m.group(2)} ({why})"
    m = re.fullmatch(r"whereabouts at (\S+): (\w+) (.+) vs (\w+) (.+) \(different countries\)", t)
    if m:
        return (f"المكان في {m.group(1)}: {label(m.group(2))[0]} {m.group(3)}، مقابل {label(m.group(4))[0]} "
                f"{m.group(5)} (بلدان مختلفان)")
    return t


def _shared(items: str) -> str:
    out = []
    for part in items.split(", "):
        kind, sep, value = part.partition(":") if not part.startswith("with ") else ("with", " ", part[5:])
        out.append(f"{_SHARED_KINDS[kind]} {value}" if sep and kind in _SHARED_KINDS else part)
    return "، ".join(out)


# Outlets stored under a Latin key (SaudiNewsNet's ``source`` field), shown by their Arabic names.
OUTLETS = {
    "alriyadh": "الرياض", "aljazirah": "الجزيرة", "alyaum": "اليوم", "aleqtisadiya": "الاقتصادية",
    "aawsat": "الشرق الأوسط", "okaz": "عكاظ", "alwatan": "الوطن", "almadina": "المدينة", "alweeam": "الوئام",
    "3alyoum": "عين اليوم", "sabq": "سبق", "was": "واس", "arreyadi": "الرياضي", "arriyadiyah": "الرياضية",
}


def outlet(name: str | None) -> str:
    """An outlet's name for an Arabic page (its stored name when it is not a known Latin key)."""
    return OUTLETS.get((name or "").strip().lower(), name or "")
