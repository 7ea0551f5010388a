"""Title, outlet, byline and date from the head (and foot) of a plain-text article.

News pages pasted as text start with a few short lines: the headline, the
outlet ("أخبار ليبيا 24", "أخبار الآن | دبي – الإمارات (بلال الفارس)"), a
byline, a date ("أضيف في 5 مارس 2018"). Those lines are metadata, not body:
``split_header`` returns them parsed and the body without them (the headline
stays in the body, where it is also text to search and extract from).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tahqiq.data import given_names
from tahqiq.ingest.dates import parse_date
from tahqiq.text.normalize import norm

# Words that make a short header line an outlet name (normalised).
OUTLET_CUES = {
    "اخبار", "وكاله", "شبكه", "موقع", "صحيفه", "جريده", "قناه", "تلفزيون", "راديو", "اذاعه",
    "نت", "بوست", "تايمز", "نيوز", "مجله", "بوابه", "المرصد", "برس", "اونلاين", "24", "الان",
    "الجزيره", "العربيه", "الشرق", "الحياه", "النهار", "القدس", "عنب", "سبوتنيك", "روسيا",
}
# Wire credits in parentheses, mapped to the agency's usual Arabic name.
WIRE_CREDITS = {
    "ا ف ب": "فرانس برس", "اف ب": "فرانس برس", "فرانس برس": "فرانس برس", "رويترز": "رويترز",
    "د ب ا": "د ب أ", "ا ب": "أسوشيتد برس", "اسوشيتد برس": "أسوشيتد برس", "واس": "واس",
    "سانا": "سانا", "الاناضول": "الأناضول", "قنا": "قنا", "وام": "وام", "كونا": "كونا",
    "بترا": "بترا", "ا ش ا": "أ ش أ", "شينخوا": "شينخوا", "سبوتنيك": "سبوتنيك",
}
_WIRE_RE = re.compile(r"[(]\s*(" + "|".join(sorted((re.escape(k) for k in WIRE_CREDITS), key=len, reverse=True)) + r")\s*[)]")
_SOURCE_RE = re.compile(r"^\s*(?:المصدر|مصدر|نقلا عن|عن)\s*[:：]\s*(?:موقع\s+|صحيفه\s+|جريده\s+|وكاله\s+)?(.{2,60}?)\s*[.]?\s*$")
_BYLINE_RE = re.compile(r"^\s*(?:بقلم|كتب|كتبت|اعداد|تقرير|تحرير|متابعه|by)\s*[:：-]?\s*(.{3,50})$")
_DATE_CUE = re.compile(r"(?:اضيف في|نشر في|تاريخ النشر|نشر بتاريخ|اخر تحديث|منذ)")
_SEP = re.compile(r"\s*[|｜]\s*|\s+[–—-]\s+")
_PAREN_NAME = re.compile(r"[(]([^()]{3,40})[)]\s*$")
# A named interview: "قال ... لموقع الحل" names the outlet that carries the report.
_TOLD_SITE = re.compile(r"(?:^|\s)ل(?:موقع|صحيفه|شبكه|وكاله|قناه|جريده)\s+([^\s,.،]+(?:\s+(?:نت|بوست|نيوز|24))?)")
_MAX_HEADER_WORDS = 14


@dataclass(slots=True)
class Header:
    title: str | None = None
    outlet: str | None = None
    byline: str | None = None
    published: str | None = None
    removed: list[str] = field(default_factory=list)


def _words(n: str) -> list[str]:
    return [w for w in re.split(r"\s+", n) if w]


def looks_like_person(line: str) -> bool:
    """Two to four words, the first a known given name (or 'أبو'), no digits."""
    ws = _words(norm(line).strip(" .:-"))
    if not 2 <= len(ws) <= 4 or any(ch.isdigit() for ch in line):
        return False
    first = ws[0]
    return (first in given_names() or f"{first} {ws[1]}" in given_names()
            or first.startswith("عبد") or first == "ابو")


def looks_like_outlet(line: str) -> bool:
    ws = _words(norm(line).strip(" .:-"))
    return 1 <= len(ws) <= 5 and any(w in OUTLET_CUES for w in ws)


def _is_sentence(line: str) -> bool:
    s = line.strip()
    return len(_words(s)) > _MAX_HEADER_WORDS or s.endswith((".", "؟", "?", "!", ":", "،"))


def _parse_outlet_line(line: str, h: Header) -> bool:
    """Fill outlet (and byline/date) from a header line; True when it was metadata."""
    n = norm(line).strip()
    m = _SOURCE_RE.match(n)
    if m:
        h.outlet = h.outlet or _orig_slice(line, m.group(1))
        return True
    m = _BYLINE_RE.match(n)
    if m:
        h.byline = h.byline or _orig_slice(line, m.group(1))
        return True
    m = _PAREN_NAME.search(line)
    rest = line[: m.start()] if m and looks_like_person(m.group(1)) else line
    parts = [p for p in _SEP.split(rest.strip()) if p.strip()]
    if parts and looks_like_outlet(parts[0]):
        h.outlet = h.outlet or parts[0].strip()
        if rest is not line:
            h.byline = h.byline or m.group(1).strip()
        return True
    return False


def _orig_slice(line: str, normalised_part: str) -> str:
    """Recover the original spelling of a normalised fragment of ``line``."""
    words = _words(normalised_part)
    orig = _words(line)
    strip = " .,:;\"'()«»“”،؛"
    norm_orig = [norm(w).strip(strip) for w in orig]
    for i in range(len(orig) - len(words) + 1):
        if norm_orig[i:i + len(words)] == words:
            return " ".join(w.strip(strip) for w in orig[i:i + len(words)])
    return normalised_part


def split_header(text: str) -> tuple[str, Header]:
    """Parse metadata lines off the head and foot of ``text``; return (body, header)."""
    lines = text.split("\n")
    h = Header()
    drop: set[int] = set()
    seen = 0
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        seen += 1
        if seen > 5 or _is_sentence(line):
            break
        n = norm(line)
        if _parse_outlet_line(line, h):
            drop.add(i)
        elif (_DATE_CUE.search(n) or len(_words(n)) <= 6) and parse_date(line) and not h.published:
            h.published = parse_date(line)
            drop.add(i)
        elif looks_like_person(line) and not h.byline and h.title is None or _BYLINE_RE.match(n):
            h.byline = line.strip()
            drop.add(i)
        elif h.title is None and len(_words(line)) >= 3:
            h.title = line.strip()
        else:
            break
    # Foot: "المصدر: موقع …" lines close many pasted articles.
    for i in range(len(lines) - 1, max(-1, len(lines) - 6), -1):
        if lines[i].strip() and _SOURCE_RE.match(norm(lines[i])):
            h.outlet = h.outlet or _orig_slice(lines[i], _SOURCE_RE.match(norm(lines[i])).group(1))
            drop.add(i)
    h.removed = [lines[i] for i in sorted(drop)]
    body = "\n".join(ln for i, ln in enumerate(lines) if i not in drop)
    _fill_from_body(body, h)
    return body, h


def _fill_from_body(body: str, h: Header) -> None:
    head = norm(body[:600])
    if h.outlet is None:
        m = _WIRE_RE.search(head)
        if m:
            h.outlet = WIRE_CREDITS[m.group(1)]
    if h.published is None:
        for line in body.split("\n")[:3]:
            if _DATE_CUE.search(norm(line)) and parse_date(line):
                h.published = parse_date(line)
                break


def outlet_from_mentions(body: str) -> str | None:
    """Weak evidence: "قال … لموقع الحل" names the outlet the interview was given to."""
    m = _TOLD_SITE.search(norm(body))
    return _orig_slice(body, m.group(1)) if m else None
