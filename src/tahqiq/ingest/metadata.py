"""Title, outlet, byline and date from the head (and foot) of a plain-text article.

News pages pasted as text start with a few short lines: the headline, the
outlet ("أخبار ليبيا 24", "أخبار الآن | دبي – الإمارات (بلال الفارس)"), a
byline, a date ("أضيف في 5 مارس 2018"). Those lines are metadata, not body:
``split_header`` returns them parsed and the body without them (the headline
stays in the body, where it is also text to search and extract from).

Pages pasted as text are messy: a repeated headline, an advertisement line, a photo
caption may stand between the headline and the outlet or date line, so the first
``HEAD_LINES`` lines are all read (none stops the scan) until the body starts; past
that only lines with an explicit cue count. A caption's agency credit ("… (أ ف ب)")
is never the publisher; a site name may stand in the headline ("SITE _ title",
"title | SITE"); the reporting outlet often names itself in an attribution
(«قال … لـ«عكاظ»»), which wins over a wire credit in the dateline; a foreign outlet
the article quotes («قال لصحيفة واشنطن بوست») is never its publisher.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

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
_DATE_CUE = re.compile(r"(?:اضيف في|نشر في|تاريخ النشر|نشر بتاريخ|اخر تحديث|منذ|ه\s*الموافق)")
_HIJRI_DATELINE = re.compile(r"ه\s*الموافق")  # "الرياض 25 شوال 1436 هـ الموافق 10 أغسطس 2015 م واس"
_SEP = re.compile(r"\s*[|｜]\s*|\s+[–—_-]\s+")
# A photo caption: a line that ends with an agency credit, or starts as a picture's label.
_CAPTION_START = re.compile(r"^\s*[(]?\s*(?:صوره|الصوره|تصوير|عدسه|الصور|صور)\s*[:：)(-]")
# A dateline naming the wire: "بيروت (ا ف ب) -", "الرياض : واس", "واس - الرباط", "... 2015 م واس".
_WIRE_NAMES = "|".join(sorted((re.escape(k) for k in WIRE_CREDITS), key=len, reverse=True))
_DATELINE_WIRE = re.compile(rf"^\s*(?:[^\s()\-–—:،,.]+(?:\s+[^\s()\-–—:،,.]+)?\s*)?[(]\s*({_WIRE_NAMES})\s*[)]\s*[-–—:]")
_SHORT_WIRE_LINE = re.compile(rf"^\s*(?:[^\s\-–—:]+(?:\s+[^\s\-–—:]+)?\s*[-–—:]\s*({_WIRE_NAMES})|({_WIRE_NAMES})\s*[-–—:]\s*[^\s\-–—:]+(?:\s+[^\s\-–—:]+)?)\s*$")
_WIRE_END = re.compile(rf"\s(?:م\s+)?({_WIRE_NAMES})\s*$")
# «قال … لـ«عكاظ»»: a speech verb, then the outlet the words were given to, in quotes.
_OWN_ATTR = re.compile(
    r"(?:^|\s)و?(?:قال|قالت|اكد|اكدت|اوضح|اوضحت|كشف|كشفت|صرح|صرحت|اضاف|اضافت|اشار|اشارت|ذكر|ذكرت|"
    r"افاد|افادت|تحدث|تحدثت|حديث|حوار|تصريح|تصريحات|مقابله|خاص|اعترف|اعترفت|روي|روت|قالوا|اكدوا|اوضحوا)"
    r"(?:\s[^.\n\"؟!]{0,80}?)?\s(?:ل|ب)\s?\"([^\"\n]{2,30})\"")
# Outlets an Arabic article quotes but that do not publish it (foreign press, wires).
FOREIGN_MEDIA = {
    "واشنطن بوست", "نيويورك تايمز", "وول ستريت جورنال", "فاينانشيال تايمز", "الغارديان", "الجارديان",
    "التايمز", "تايمز", "ديلي تلغراف", "التلغراف", "الاندبندنت", "دير شبيغل", "شبيغل", "لوموند", "لوفيغارو",
    "بلومبرغ", "بلومبيرغ", "بي بي سي", "سي ان ان", "سي إن إن", "فوكس نيوز", "ان بي سي", "سي بي اس",
    "هارتس", "يديعوت احرونوت", "معاريف", "نيوزويك", "ديلي ميل", "الديلي ميل", "صنداي تايمز", "الاوبزرفر",
    "رويترز", "الفرنسيه", "الالمانيه", "فرانس برس", "اسوشيتد برس", "الاناضول", "سبوتنيك", "شينخوا",
    "يونايتد برس", "كونا", "وام", "بترا", "قنا", "سانا", "واس", "ا ف ب", "د ب ا", "تويتر", "فيسبوك", "يوتيوب",
    "زيودويتشه", "زود دويتشه", "دي فيلت", "بيلد", "لا ريبوبليكا", "الباييس", "ايزفستيا", "كوميرسانت",
}
_FOREIGN = {" ".join(norm(x).split()) for x in FOREIGN_MEDIA}
_WIRE_BARE = set(WIRE_CREDITS) | {"وكالات", "وكالات الانباء", "الوكالات"}
_NOT_OUTLETS = {"وكالات", "وكالات الانباء", "الوكالات", "متابعات", "خاص", "تقرير", "تحليل"}
# Outlet names that are also places or words: only taken as an outlet in an outlet's position.
_PLACE_LIKE = {" ".join(norm(x).split()) for x in (
    "الرياض", "المدينة", "الجزيرة", "اليوم", "الوطن", "الشرق", "الحياة", "البلاد", "الخليج", "الاتحاد",
    "الرأي", "الغد", "الدستور", "الأخبار", "الوسط", "العربي", "المدن", "الحرة", "السياسة", "الجريدة",
    "الأنباء", "النهار", "البيان", "الشروق", "العربية", "تواصل", "المواطن", "الحل", "الراي", "سبق")}
# An outlet that is itself an agency: its normalised name -> the agency's usual name.
_AGENCY_NAMES = {**{" ".join(norm(v).split()): v for v in WIRE_CREDITS.values()},
                 **{" ".join(norm(k).split()): v for k, v in WIRE_CREDITS.items()},
                 " ".join(norm("وكالة الأنباء السعودية").split()): "واس"}
HEAD_LINES = 12
_PAREN_NAME = re.compile(r"[(]([^()]{3,40})[)]\s*$")
# A named interview: "قال ... لموقع الحل" names the outlet that carries the report.
_TOLD_SITE = re.compile(r"(?:^|\s)ل(?:موقع|صحيفه|شبكه|وكاله|قناه|جريده)\s+(?:\"([^\"\n]{2,30})\"|([^\s,.،:\"]+(?:\s+(?:نت|بوست|نيوز|24))?))")
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


@lru_cache(maxsize=1)
def known_outlets() -> dict[str, str]:
    """Normalised name -> name as written, from ``data/outlets.txt``."""
    from tahqiq.data import lines
    return {_bare(x): x for x in lines("outlets.txt")}


def _bare(name: str) -> str:
    return " ".join(_words(norm(name).strip(" .:;-_\"'()«»“”،")))


def is_foreign_media(name: str) -> bool:
    """A foreign outlet or a news agency: quoted by Arabic articles, never their publisher."""
    b = _bare(name)
    return bool(b) and (b in _FOREIGN or any(b.startswith(f + " ") or (len(b) >= 4 and f.startswith(b + " "))
                                             for f in _FOREIGN))


def _outlet_part(part: str) -> str | None:
    """``part`` as an outlet name: a known outlet, or a short phrase with an outlet cue."""
    b = _bare(part)
    if not b or is_foreign_media(b):
        return None
    if b in known_outlets():
        return known_outlets()[b]
    if looks_like_outlet(part):
        return part.strip(" .:;-_|")
    return None


def is_caption(line: str) -> bool:
    """A photo caption: it ends with an agency credit in brackets, or is labelled as a picture."""
    n = norm(line).strip()
    return bool(_CAPTION_START.match(n)) or bool(re.search(rf"[(]\s*(?:{_WIRE_NAMES}|تصوير[^)]*)\s*[)]\s*$", n))


def split_site(title: str) -> tuple[str, str | None]:
    """"SITE _ title", "title | SITE", "title - SITE": (title, site) when one end is an outlet name."""
    parts = [p for p in _SEP.split(title.strip()) if p.strip()]
    if len(parts) < 2:
        return title.strip(), None
    for site, rest in ((parts[0], parts[1:]), (parts[-1], parts[:-1])):
        name = _outlet_part(site)
        if name and _bare(site) in known_outlets() or (name and len(_words(site)) <= 4):
            rest_text = " - ".join(p.strip() for p in rest)
            if len(_words(rest_text)) >= 2:
                return rest_text, name
    return title.strip(), None


def own_attribution(body: str) -> str | None:
    """The outlet an article's sources spoke to («قال … لـ«عكاظ»»): the reporting outlet. The most
    frequent such name that is a known (not a foreign) outlet; None when there is none."""
    counts: dict[str, int] = {}
    for m in _OWN_ATTR.finditer(norm(body)):
        b = _bare(m.group(1))
        if b in known_outlets() and not is_foreign_media(b):
            counts[b] = counts.get(b, 0) + 1
    if not counts:
        return None
    best = max(counts, key=lambda k: (counts[k], -list(counts).index(k)))
    return known_outlets()[best]


def dateline_wire(body: str) -> str | None:
    """The agency named in a dateline at the start of one of the first paragraphs (not a caption)."""
    paras = [p for p in body.split("\n") if p.strip()][:4]
    for p in paras:
        if is_caption(p):
            continue
        n = norm(p)
        m = _DATELINE_WIRE.match(n) or _SHORT_WIRE_LINE.match(n)
        if m:
            return WIRE_CREDITS[next(g for g in m.groups() if g)]
        if len(_words(n)) <= 16 and parse_date(p):
            m = _WIRE_END.search(n)
            if m:
                return WIRE_CREDITS[m.group(1)]
    return None


def _is_sentence(line: str) -> bool:
    s = line.strip()
    return len(_words(s)) > _MAX_HEADER_WORDS or s.endswith((".", "؟", "?", "!", ":", "،"))


KEEP = 2  # _parse_outlet_line: a line read for metadata that stays in the body


def _parse_outlet_line(line: str, h: Header) -> bool | int:
    """Fill outlet (and byline/date) from a header line; True when it was metadata to cut from the
    body, ``KEEP`` when it was read but stays (a dateline or a "byline _ site" line)."""
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
    if parts and looks_like_outlet(parts[0]) and not is_foreign_media(parts[0]):
        h.outlet = h.outlet or parts[0].strip()
        if rest is not line:
            h.byline = h.byline or m.group(1).strip()  # type: ignore[union-attr]  # rest is cut at m
        return True
    if len(_words(n)) <= 6 and ":" in n and not any(_bare(p) in _WIRE_BARE for p in parts):
        parts = [p for p in re.split(r"\s*[:：]\s*", rest.strip()) if p.strip()]  # "لندن: «الشرق الأوسط»"
    if 1 <= len(parts) <= 3 and not any(_bare(p) in _WIRE_BARE or _bare(p) in _NOT_OUTLETS for p in parts):
        # "رواف الكويكبي _ عين اليوم": a byline and the site; "لندن: «الشرق الأوسط»": a dateline
        names = [_outlet_part(p) for p in parts]
        # a name that is also a place or a word ("الرياض", "اليوم") counts quoted, or next to a byline
        quoted = [bool(re.search(r"[«\"“].+[»\"”]", p)) for p in parts]
        person = any(looks_like_person(p) for p in parts)
        bare = [_bare(p) in known_outlets() and (quoted[i] or person or len(parts) == 1 or
                                                  _bare(p) not in _PLACE_LIKE) for i, p in enumerate(parts)]
        if any(bare) or (len(parts) > 1 and any(names)):
            k = bare.index(True) if any(bare) else next(i for i, x in enumerate(names) if x)
            others = [p for i, p in enumerate(parts) if i != k]
            if all(looks_like_person(p) or _is_place_or_short(p) for p in others):
                h.outlet = h.outlet or names[k]
                return KEEP  # read, but the line stays in the text (its names are text too)
    return False


def _is_place_or_short(part: str) -> bool:
    return len(_words(part)) <= 3 and not any(ch.isdigit() for ch in part)


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
    body_started = False
    title_line = ""
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        seen += 1
        if seen > HEAD_LINES:
            break
        n = norm(line)
        if _is_sentence(line) and not (_DATE_CUE.search(n) and len(_words(n)) <= _MAX_HEADER_WORDS):
            body_started = True
            continue
        if is_caption(line):
            continue  # a photo caption: its credit is the photo's, not the article's publisher
        if body_started:  # past the body's first paragraph only explicit cues count
            if _DATE_CUE.search(n) and parse_date(line) and not h.published:
                h.published = parse_date(line)
                drop.add(i)
            elif _SOURCE_RE.match(n) and _parse_outlet_line(line, h):
                drop.add(i)
            continue
        found = _parse_outlet_line(line, h)
        if found:
            if found is True:
                drop.add(i)
        elif (_DATE_CUE.search(n) or len(_words(n)) <= 6) and parse_date(line):
            h.published = h.published or parse_date(line)
            if _HIJRI_DATELINE.search(n) or _WIRE_END.search(n):
                continue  # a dateline (place, date, agency): read, and left in the text
            drop.add(i)
        elif looks_like_person(line) and not h.byline and h.title is None or _BYLINE_RE.match(n):
            h.byline = h.byline or line.strip()
            drop.add(i)
        elif h.title is None and len(_words(line)) >= 3:
            title_line = line
            h.title, site = split_site(line)
            if site:
                h.outlet = h.outlet or site
        elif h.title is not None and _bare(line) in (_bare(h.title), _bare(title_line)):
            drop.add(i)  # the headline repeated
        # anything else (an advertisement, a category, a caption without credit) is passed over
    # Foot: "المصدر: موقع …" lines close many pasted articles.
    for i in range(len(lines) - 1, max(-1, len(lines) - 6), -1):
        if lines[i].strip() and _SOURCE_RE.match(norm(lines[i])):
            h.outlet = h.outlet or _orig_slice(lines[i], _SOURCE_RE.match(norm(lines[i])).group(1))  # type: ignore[union-attr]
            drop.add(i)
    h.removed = [lines[i] for i in sorted(drop)]
    body = "\n".join(ln for i, ln in enumerate(lines) if i not in drop)
    _fill_from_body(body, h)
    return body, h


def _fill_from_body(body: str, h: Header) -> None:
    if h.outlet is None:
        h.outlet = own_attribution(body) or dateline_wire(body)
    if h.published is None:
        for line in body.split("\n")[:3]:
            if _DATE_CUE.search(norm(line)) and parse_date(line):
                h.published = parse_date(line)
                break


def upstream_agency(body: str, outlet: str | None = None, byline: str | None = None) -> str | None:
    """The news agency an article comes from: the wire its dateline credits ("بيروت (أ ف ب) -",
    "الرياض : واس"), the wire its byline names, or its outlet when that is an agency. Reports
    rewritten from one wire story are one upstream chain, not independent sources."""
    wire = dateline_wire(body)
    if wire:
        return wire
    for text in (byline, outlet):
        if not text:
            continue
        n = norm(text)
        m = _SHORT_WIRE_LINE.match(n) or re.fullmatch(rf"\s*[(]?\s*({_WIRE_NAMES})\s*[)]?\s*", n)
        if m:
            return WIRE_CREDITS[next(g for g in m.groups() if g)]
        if _bare(text) in _AGENCY_NAMES:
            return _AGENCY_NAMES[_bare(text)]
    return None


def outlet_from_mentions(body: str) -> str | None:
    """Weak evidence: "قال … لموقع الحل" names the outlet the interview was given to (never a
    foreign outlet or agency the article quotes: "قال لصحيفة واشنطن بوست")."""
    for m in _TOLD_SITE.finditer(norm(body)):
        found = m.group(1) or m.group(2)
        if is_foreign_media(found) or _bare(found) in _NOT_OUTLETS:
            continue
        return known_outlets().get(_bare(found)) or _orig_slice(body, found)
    return None
