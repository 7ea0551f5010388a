"""Strip page furniture from an article body: related-article lists, share,
comment and newsletter lines, navigation. Patterns are data, listed here.

A "block" marker ("اقرأ أيضا", "مقالات ذات صلة") removes itself and the short
lines that follow it (the list of links) up to the next real paragraph;
a "line" marker removes just the line. Names in removed lines never reach
extraction, because extraction only sees the cleaned text.
"""

from __future__ import annotations

import re

from tahqiq.text.normalize import norm

# Normalised prefixes that open a related-links block.
BLOCK_MARKERS = [
    "اقرا ايضا", "اقرا ايضاً", "اقرا:", "اقرا المزيد", "مقالات ذات صله", "اخبار ذات صله",
    "مواضيع ذات صله", "موضوعات ذات صله", "قد يهمك ايضا", "قد يعجبك ايضا", "قد يهمك",
    "الاكثر قراءه", "الاكثر مشاهده", "روابط ذات صله", "شاهد ايضا", "طالع ايضا", "المزيد من الاخبار",
    "اخترنا لك", "تابعونا على", "الوسوم", "كلمات مفتاحيه", "اقرا ايضًا",
]
# A related-links block ends at the first line that reads like article prose.
_PROSE_MIN_WORDS = 25

# Normalised fragments that mark a single boilerplate line.
LINE_MARKERS = [
    "زر الذهاب الي الاعلي", "شارك هذا", "شارك علي", "شاركها", "مشاركه علي فيسبوك", "تويتر فيسبوك",
    "اترك تعليقا", "اترك تعليقاً", "اضف تعليق", "التعليقات", "لن يتم نشر عنوان بريدك",
    "الحقول الالزاميه", "اشترك في النشره", "اشترك بنشرتنا", "النشره البريديه", "قائمه من يقدرون",
    "هل اعجبك المحتوي", "صندوق بريدك", "حقوق النشر", "جميع الحقوق محفوظه",
    "تابعنا علي", "انضم الي قناتنا", "حمل تطبيق", "اضغط هنا", "للمزيد اضغط",
    "powered by", "all rights reserved", "cookie",
]
# Whole lines (normalised, stripped of punctuation) that are navigation or widgets.
EXACT_LINES = {
    "اعلان", "التعليقات", "تعليقات", "الصفحه الرئيسيه", "الرئيسيه", "شارك", "مشاركه", "طباعه",
    "ارسال", "تويتر", "فيسبوك", "واتساب", "تيليجرام", "share", "tweet", "print", "home", "advertisement",
}
_MAX_LINE_WORDS = 30  # a line marker only removes short lines; prose that quotes one stays

# A share widget glued to the start of the first paragraph ("شارك من خلال تويتر فيسبوك جوجل بلس
# اكتب رأيك أكد …", an outlet's page layout): the widget goes, the paragraph stays.
_NETWORK = r"(?:تويتر|فيسبوك|فيس\s*بوك|[جغ]وجل\s*بلس|واتساب|واتس\s*[اآ]ب|لينكد\s*[اإ]ن|تيليجرام)"
_SHARE_PREFIX = re.compile(r"^\s*شارك\s+(?:من\s+خلال|عبر|على)?\s*:?\s*(?:" + _NETWORK + r"\s*[،,|\-]?\s*){2,}"
                           r"(?:اكتب\s+رأيك\s*)?")  # two networks at least: "شارك عبر تويتر مليون شخص" is prose

_READ_INLINE = re.compile(r"^\s*(?:اقرا|طالع|شاهد)\s*(?:ايضا|ايضاً)?\s*[:：]")


def _is_block_marker(n: str) -> bool:
    s = n.strip(" :-–—*#•|")
    return any(s == m.rstrip(":") or s.startswith(m) and len(s.split()) <= len(m.split()) + 1
               for m in BLOCK_MARKERS) or bool(_READ_INLINE.match(n))


def _is_line_boilerplate(n: str) -> bool:
    if n.strip(" :-–—*#•|.") in EXACT_LINES:
        return True
    if len(n.split()) > _MAX_LINE_WORDS:
        return False
    return any(m in n for m in LINE_MARKERS)


def strip_boilerplate(text: str) -> tuple[str, list[str]]:
    """Return the cleaned body and the removed lines (for audit)."""
    lines = text.split("\n")
    keep: list[str] = []
    removed: list[str] = []
    in_block = False
    for line in lines:
        share = _SHARE_PREFIX.match(line)
        if share:
            removed.append(share.group(0).strip())
            line = line[share.end():]
        n = norm(line).strip()
        if not n:
            keep.append(line)
            continue
        if _is_block_marker(n):
            removed.append(line)
            # "إقرأ: headline" on one line is a single link; a bare marker opens a list.
            in_block = not _READ_INLINE.match(n) or len(n.split()) <= 3
            continue
        if in_block:
            if len(n.split()) < _PROSE_MIN_WORDS and not n.endswith((".", "?", "!")) or _is_line_boilerplate(n):
                removed.append(line)
                continue
            in_block = False
        if _is_line_boilerplate(n):
            removed.append(line)
            continue
        keep.append(line)
    return _tidy("\n".join(keep)), removed


def _tidy(text: str) -> str:
    """Trim trailing spaces per line and collapse runs of blank lines."""
    lines = [ln.rstrip() for ln in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    out: list[str] = []
    for ln in lines:
        if not ln.strip():
            if out and out[-1] == "":
                continue
            out.append("")
        else:
            out.append(ln)
    return "\n".join(out).strip()
