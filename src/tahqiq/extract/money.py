"""Money amounts in Arabic text, normalised to a number and a currency code.

"20 ألف دولار" -> 20000 USD, "ثلاثة الاف دولار" -> 3000 USD, "٣٠٠ ألف يورو" -> 300000 EUR,
"مليون ونصف دولار" -> 1500000 USD, "نصف مليون ليرة سورية" -> 500000 SYP.

``find_money(text)`` returns ``Money`` spans with offsets into ``text`` (end
exclusive, ``text[start:end] == surface``). Matching runs on the normalised
form and maps back through ``tahqiq.text.normalize`` offsets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tahqiq.text.normalize import normalize

# Number words (matching form) -> value. Feminine/masculine and case endings folded.
UNITS = {
    "واحد": 1, "واحده": 1, "اثنان": 2, "اثنين": 2, "اثنتان": 2, "اثنتين": 2,
    "ثلاث": 3, "ثلاثه": 3, "اربع": 4, "اربعه": 4, "خمس": 5, "خمسه": 5, "ست": 6, "سته": 6,
    "سبع": 7, "سبعه": 7, "ثمان": 8, "ثماني": 8, "ثمانيه": 8, "تسع": 9, "تسعه": 9,
    "عشر": 10, "عشره": 10, "احدي عشر": 11, "احد عشر": 11, "اثنا عشر": 12, "اثني عشر": 12,
    "عشرون": 20, "عشرين": 20, "ثلاثون": 30, "ثلاثين": 30, "اربعون": 40, "اربعين": 40,
    "خمسون": 50, "خمسين": 50, "ستون": 60, "ستين": 60, "سبعون": 70, "سبعين": 70,
    "ثمانون": 80, "ثمانين": 80, "تسعون": 90, "تسعين": 90,
    "مئه": 100, "مائه": 100, "مئتا": 200, "مئتي": 200, "مئتين": 200, "مائتين": 200, "مائتي": 200,
    "ثلاثمئه": 300, "ثلاثمائه": 300, "اربعمئه": 400, "اربعمائه": 400, "خمسمئه": 500, "خمسمائه": 500,
    "ستمئه": 600, "ستمائه": 600, "سبعمئه": 700, "سبعمائه": 700, "ثمانمئه": 800, "ثمانمائه": 800,
    "تسعمئه": 900, "تسعمائه": 900, "نصف": 0.5, "ربع": 0.25, "بضع": 3, "بضعه": 3,
}
# Multipliers: "ألف", "آلاف" (plural after 3-10), dual forms carry their own 2.
SCALES = {
    "الف": 1_000, "الاف": 1_000, "الفا": 1_000, "مليون": 1_000_000, "ملايين": 1_000_000, "مليونا": 1_000_000,
    "مليار": 1_000_000_000, "مليارات": 1_000_000_000, "مليارا": 1_000_000_000,
}
# Dual forms ("ألفي دولار" = two thousand): the count is in the word itself.
DUALS = {"الفان": 1_000, "الفين": 1_000, "الفي": 1_000, "مليونان": 1_000_000, "مليونين": 1_000_000,
         "مليوني": 1_000_000, "ملياران": 1_000_000_000, "مليارين": 1_000_000_000}
# Currency word (matching form) -> (code, {qualifier: code}). The bare word takes the default.
CURRENCIES: dict[str, tuple[str, dict[str, str]]] = {
    "دولار": ("USD", {}), "دولارا": ("USD", {}), "دولارات": ("USD", {}), "الدولارات": ("USD", {}),
    "يورو": ("EUR", {}),
    "ليره": ("LIRA", {"سوريه": "SYP", "تركيه": "TRY", "لبنانيه": "LBP"}),
    "ليرات": ("LIRA", {"سوريه": "SYP", "تركيه": "TRY", "لبنانيه": "LBP"}),
    "دينار": ("DINAR", {"عراقي": "IQD", "اردني": "JOD", "ليبي": "LYD", "كويتي": "KWD", "بحريني": "BHD",
                        "تونسي": "TND", "جزائري": "DZD"}),
    "دينارا": ("DINAR", {}), "دنانير": ("DINAR", {}),
    "ريال": ("RIYAL", {"سعودي": "SAR", "قطري": "QAR", "عماني": "OMR", "يمني": "YER", "ايراني": "IRR"}),
    "ريالا": ("RIYAL", {}), "ريالات": ("RIYAL", {}),
    "جنيه": ("POUND", {"مصري": "EGP", "سوداني": "SDG", "استرليني": "GBP"}), "جنيها": ("POUND", {}),
    "درهم": ("AED", {"مغربي": "MAD", "اماراتي": "AED"}), "دراهم": ("AED", {"مغربي": "MAD"}),
    "روبل": ("RUB", {}), "دولار امريكي": ("USD", {}),
}
_NUM_TOKEN = re.compile(r"\d+(?:[.,٫]\d+)?")
_WORD = re.compile(r"\S+")


@dataclass(slots=True, frozen=True)
class Money:
    start: int
    end: int
    surface: str
    value: float
    unit: str

    def as_object(self) -> dict:
        v = int(self.value) if float(self.value).is_integer() else self.value
        return {"value": v, "unit": self.unit, "text": self.surface}


def _known(w: str) -> bool:
    return w in UNITS or w in SCALES or w in DUALS


def _strip_conj(w: str) -> str:
    """Drop glued و / ب / ف ("وبخمسة" -> "خمسة") when what is left is a number word."""
    for k in (1, 2):
        if len(w) > k + 1 and all(c in "وبف" for c in w[:k]) \
                and (_known(w[k:]) or _NUM_TOKEN.fullmatch(w[k:])):
            return w[k:]
    return w


def _number(words: list[str]) -> float | None:
    """Value of a run of number words/digits ("20 الف", "ثلاثه الاف", "مليون ونصف")."""
    total, current, last_scale, seen = 0.0, 0.0, 1, False
    for raw in words:
        w = _strip_conj(raw)
        if w == "و":
            continue
        if _NUM_TOKEN.fullmatch(w):
            current += float(w.replace(",", "").replace("٫", "."))
        elif w in UNITS:
            if UNITS[w] < 1 and total and not current:  # "مليون ونصف": a fraction of the last scale
                total += UNITS[w] * last_scale
            else:
                current += UNITS[w]
        elif w in DUALS:
            total += 2 * DUALS[w]
            last_scale, current = DUALS[w], 0.0
        elif w in SCALES:  # a bare scale word means one of it
            total += (current or 1) * SCALES[w]
            last_scale, current = SCALES[w], 0.0
        else:
            return None
        seen = True
    return total + current if seen else None


def find_money(text: str) -> list[Money]:
    """All amounts with a currency in ``text``; offsets index ``text``."""
    nz = normalize(text)
    words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(nz.text)]
    out: list[Money] = []
    for ci, (cs, ce, cw) in enumerate(words):
        cw = cw.strip(".,،;:\"')(")
        cur = cw[1:] if cw[:1] in "وب" and cw[1:] in CURRENCIES else cw
        if cur not in CURRENCIES or ci == 0:
            continue
        j = ci
        while j > 0 and _is_num_word(words[j - 1][2]) and ci - j < 6:
            j -= 1
        while j < ci and words[j][2] == "و":
            j += 1
        if j == ci:
            continue
        value = _number([w for _, _, w in words[j:ci]])
        if not value:
            continue
        code, quals = CURRENCIES[cur]
        end = ce
        if ci + 1 < len(words):
            q = words[ci + 1][2].strip(".,،;:\"')(")
            if q in quals:
                code, end = quals[q], words[ci + 1][1]
            elif q in ("امريكي", "اميركي") and code == "USD":
                end = words[ci + 1][1]
        start = words[j][0] + len(words[j][2]) - len(_strip_conj(words[j][2]))
        end = start + len(nz.text[start:end].rstrip(".,،;:\"')("))
        o_start, o_end = nz.to_original(start, end)
        out.append(Money(o_start, o_end, text[o_start:o_end], value, code))
    return out


def _is_num_word(w: str) -> bool:
    w = _strip_conj(w.strip("(\"'"))
    return bool(_NUM_TOKEN.fullmatch(w)) or _known(w) or w == "و"
