"""Dates in running text, resolved to ISO against the publication date.

Explicit: "15 حزيران 2017" -> 2017-06-15, "حزيران/يونيو 2017" -> 2017-06, "عام 2014" -> 2014.
Relative (need ``published``): "أمس" / "أمس الأربعاء", "الأسبوع الماضي", "منتصف الشهر
الماضي", "مطلع الشهر الجاري", "العام الماضي", "قبل ثلاثة أيام", "يوم الأربعاء".
A relative date without a publication date keeps its surface and has ``iso`` None.
Granularity follows the words: a day when the words name a day, a month for
"الشهر الماضي" or a week, a year for "العام الماضي".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from tahqiq.knowledge.calendar import MONTHS
from tahqiq.text.normalize import normalize

WEEKDAYS = {"الاثنين": 0, "الثلاثاء": 1, "الاربعاء": 2, "الخميس": 3, "الجمعه": 4, "السبت": 5, "الاحد": 6}
SMALL_COUNTS = {"يوم": 1, "يومين": 2, "اسبوع": 1, "اسبوعين": 2, "شهر": 1, "شهرين": 2, "ثلاثه": 3, "اربعه": 4,
                "خمسه": 5, "سته": 6, "سبعه": 7, "عشره": 10}

_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_WD = "|".join(WEEKDAYS)
# Order matters: longer, more specific forms first; each has a resolver below.
_RULES: list[tuple[str, str]] = [
    ("dmy", rf"(\d{{1,2}})\s*(?:من\s+)?(?:شهر\s+)?({_MONTH})(?:\s*[/(-]\s*(?:{_MONTH})\s*\)?)?\s*(?:من\s+)?(?:عام\s+|سنه\s+)?(\d{{4}})"),
    ("my", rf"(?:شهر\s+)?({_MONTH})(?:\s*[/(-]\s*(?:{_MONTH})\s*\)?)?\s*(?:من\s+)?(?:عام\s+|سنه\s+)?(\d{{4}})"),
    ("year", r"(?:عام|سنه|العام|خلال|منذ|في)\s+(\d{4})(?!\d)"),
    ("day_before", r"اول\s+امس"),
    ("yesterday", rf"امس(?:\s+({_WD}))?"),
    ("weekday", rf"(?:يوم\s+)({_WD})(?:\s+الماضي)?"),
    ("ago", r"قبل\s+(\S+)\s*(ايام|اسابيع|اشهر|يوم|يومين|اسبوع|اسبوعين|شهر|شهرين)"),
    ("last_month", r"(?:(منتصف|مطلع|اواخر|اوائل|نهايه|بدايه)\s+)?الشهر\s+(?:الماضي|الفائت|المنصرم)"),
    ("this_month", r"(?:(منتصف|مطلع|اواخر|اوائل|نهايه|بدايه)\s+)?الشهر\s+(?:الجاري|الحالي)"),
    ("last_week", r"(?:(مطلع|اواخر|نهايه|بدايه)\s+)?الاسبوع\s+(?:الماضي|الفائت|المنصرم)"),
    ("this_week", r"(?:مطلع|بدايه)\s+الاسبوع(?:\s+(?:الجاري|الحالي))?"),
    ("last_year", r"العام\s+(?:الماضي|الفائت|المنصرم)"),
]
# Group 1 is the date without a glued proclitic; the rule's own groups follow it.
_COMPILED = [(kind, re.compile(r"(?<!\w)[وفب]?(" + rx + r")(?!\w)")) for kind, rx in _RULES]


@dataclass(slots=True, frozen=True)
class When:
    start: int
    end: int
    surface: str
    iso: str | None
    relative: bool


def _pub(published: str | None) -> date | None:
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


def _month(d: date) -> str:
    return f"{d.year:04d}-{d.month:02d}"


def _resolve(kind: str, m: re.Match, pub: date | None) -> tuple[str | None, bool]:
    g = m.groups()[1:]
    if kind == "dmy":
        try:
            return date(int(g[2]), MONTHS[g[1]], int(g[0])).isoformat(), False
        except ValueError:
            return None, False
    if kind == "my":
        return f"{int(g[1]):04d}-{MONTHS[g[0]]:02d}", False
    if kind == "year":
        y = int(g[0])
        return (f"{y:04d}" if 1900 <= y <= 2100 else None), False
    if pub is None:
        return None, True
    if kind == "day_before":
        return (pub - timedelta(days=2)).isoformat(), True
    if kind == "yesterday":
        return (pub - timedelta(days=1)).isoformat(), True
    if kind == "weekday":
        back = (pub.weekday() - WEEKDAYS[g[0]]) % 7 or 7
        return (pub - timedelta(days=back)).isoformat(), True
    if kind == "ago":
        n = int(g[0]) if g[0].isdigit() else SMALL_COUNTS.get(g[0], SMALL_COUNTS.get(g[1], 1))
        unit = g[1]
        days = n * (7 if "اسبوع" in unit or "اسابيع" in unit else 30 if "شهر" in unit or "اشهر" in unit else 1)
        d = pub - timedelta(days=days)
        return (d.isoformat() if days < 7 else _month(d)), True
    if kind == "last_month":
        return _month(pub.replace(day=1) - timedelta(days=1)), True
    if kind == "this_month":
        return _month(pub), True
    if kind == "last_week":
        return _month(pub - timedelta(days=7)), True
    if kind == "this_week":
        return _month(pub - timedelta(days=pub.weekday())), True
    if kind == "last_year":
        return f"{pub.year - 1:04d}", True
    return None, True


def find_dates(text: str, published: str | None = None) -> list[When]:
    """Date expressions in ``text`` (offsets into ``text``), earliest first, no overlaps."""
    nz = normalize(text)
    pub = _pub(published)
    found: list[When] = []
    taken: list[tuple[int, int]] = []
    for kind, rx in _COMPILED:
        for m in rx.finditer(nz.text):
            a, b = m.span(1)
            if any(a < e and s < b for s, e in taken):
                continue
            iso, rel = _resolve(kind, m, pub)
            oa, ob = nz.to_original(a, b)
            found.append(When(oa, ob, text[oa:ob], iso, rel))
            taken.append((a, b))
    return sorted(found, key=lambda w: w.start)
