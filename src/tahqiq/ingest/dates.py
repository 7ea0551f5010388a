"""Arabic publication dates: "3 يناير 2016", "أضيف في 5 مارس 2018 الساعة 10:12",
Levantine months ("تموز", "كانون الثاني/يناير"), Arabic-Indic digits, ISO and d/m/y.
"""

from __future__ import annotations

import re
from datetime import date

from tahqiq.knowledge.calendar import MONTHS
from tahqiq.text.normalize import norm

_MONTH_RE = "|".join(sorted((re.escape(m) for m in MONTHS), key=len, reverse=True))
# "3 يناير 2016", "كانون الثاني/يناير 2016", "5 (مارس) 2018"
_DMY_NAMED = re.compile(
    rf"(?<!\d)(\d{{1,2}})\s*(?:من\s+)?[(/]?\s*({_MONTH_RE})(?:\s*[/(-]\s*(?:{_MONTH_RE})\s*\)?)?\s*[)/]?\s*[,،]?\s*(?:عام|سنه)?\s*(\d{{4}})")
_MY_NAMED = re.compile(rf"(?:شهر\s+)?({_MONTH_RE})(?:\s*[/(-]\s*(?:{_MONTH_RE})\s*\)?)?\s*(?:من\s+)?(?:عام|سنه)?\s*(\d{{4}})")
_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")
_DMY_NUM = re.compile(r"(?<![\d/])(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?![\d/])")


def _valid(y: int, m: int, d: int) -> str | None:
    if not 1900 <= y <= 2100:
        return None
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def parse_date(text: str) -> str | None:
    """First full date in ``text`` as ISO ``YYYY-MM-DD`` (or ``YYYY-MM``), else None."""
    t = norm(text)
    found: list[tuple[int, str]] = []
    invalid: list[tuple[int, int]] = []
    for m in _DMY_NAMED.finditer(t):
        iso = _valid(int(m.group(3)), MONTHS[m.group(2)], int(m.group(1)))
        if iso:
            found.append((m.start(), iso))
        else:
            invalid.append(m.span())
    for m in _ISO.finditer(t):
        iso = _valid(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if iso:
            found.append((m.start(), iso))
    for m in _DMY_NUM.finditer(t):
        iso = _valid(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        if iso:
            found.append((m.start(), iso))
    if found:
        return min(found)[1]
    for m in _MY_NAMED.finditer(t):
        if any(a <= m.start() < b for a, b in invalid):
            continue  # the month of an impossible day-month-year date
        if 1900 <= int(m.group(2)) <= 2100:
            return f"{int(m.group(2)):04d}-{MONTHS[m.group(1)]:02d}"
    return None
