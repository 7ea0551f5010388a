"""Who the report attributes each sentence to.

"وبحسب شبكة فرات بوست", "قالت مصادر محلية", "نقلت الصحيفة عن مصادر", "وفق ما قاله فلان
(ناشط …)", "وأفاد المرصد بأن…", "المصادر أوضحت أن…", and back-references that close a
passage: "وفق المصدر", "على حد قوله", "وهذا ما قاله فلان", "يختتم المصدر".

``attribute(text, sentences, mentions)`` gives, per sentence, a list of
``{"text": surface, "entity": mention id (only for a named PER/ORG mention),
"named": bool}`` and the ids of person mentions that speak (a speaker is not
the subject of what they report). Scope: a cue covers its sentence; a sentence
without a cue inherits from the one before in the same paragraph, or across
paragraphs while a quotation opened under the cue is still open; a closing
back-reference also covers the sentences before it in its paragraph that had
no cue of their own.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tahqiq.model import Mention, Sentence
from tahqiq.text.normalize import norm

# Verbs and prepositions whose source follows them (matching forms, without و/ف).
SOURCE_FOLLOWS = {
    "بحسب", "حسب", "وفق", "وفقا", "طبقا", "نقلا", "قال", "قالت", "يقول", "تقول", "افاد", "افادت", "ذكر",
    "ذكرت", "اكد", "اكدت", "اوضح", "اوضحت", "اضاف", "اضافت", "تابع", "تابعت", "اشار", "اشارت", "نقل", "نقلت",
    "صرح", "صرحت", "كشف", "كشفت", "روي", "روت", "اعلن", "اعلنت", "اورد", "اوردت", "افاده", "حسبما", "تحدث",
    "تحدثت", "يختتم", "ختم", "اختتم", "قاله", "قالته", "نوه", "نوهت", "لفت", "لفتت", "يرى", "ترى", "راى",
}
# Verbs that may follow their source ("المصادر أوضحت", "مصادر محلية تحدثت").
SPEECH_AFTER = {"قالت", "قال", "اوضحت", "اوضح", "افادت", "افاد", "ذكرت", "ذكر", "اكدت", "اكد", "تحدثت",
                "تحدث", "اشارت", "اشار", "كشفت", "كشف", "نقلت", "نقل", "اضافت", "اضاف", "نوهت", "نوه",
                "لفتت", "رجحت", "رجح"}
# Words skipped between a cue and its source ("وفق ما قاله", "نقلا عن", "بحسب ما أفاد به").
FILLERS = {"ما", "قاله", "قالته", "افاد", "افادت", "به", "ذكره", "ذكرته", "اورده", "اوردته", "اوردها", "عن",
           "ل", "الي", "في", "تصريح", "تصريحات", "حديث", "حديثه", "بيان", "تقرير", "اخر", ",", "،"}
# Anonymous sources: plural or indefinite nouns that name nobody.
ANONYMOUS = {"مصادر", "مصدر", "المصادر", "ناشطون", "ناشطين", "ناشط", "مراقبون", "مراقبين", "شهود", "سكان",
             "اهالي", "الاهالي", "مسؤولون", "مسؤول", "تقارير", "معلومات", "المعلومات", "الاخبار", "اخبار",
             "مقربون", "مقربين", "مواقع", "وسائل", "صفحات", "شبكات"}
# Words describing an anonymous noun ("مصادر محلية", "مصدر أمني", "مصادر إعلامية").
ANON_ADJ = {"محليه", "محلي", "اعلاميه", "امنيه", "امني", "عسكريه", "عسكري", "خاصه", "مطلعه", "مطلع",
            "ميدانيه", "مقربه", "اهليه", "متطابقه", "عده", "الاعلام", "اعلام", "اعلاميون", "محليون",
            "الواردة", "الوارده", "التواصل", "الاجتماعي"}
# Back-references to the current speaker: they close a quoted passage.
BACKREF: tuple[str, ...] = ("وفق المصدر", "حسب المصدر", "بحسب المصدر", "على حد قوله", "علي حد قوله", "على حد تعبيره",
           "علي حد تعبيره", "يختتم المصدر", "ختم المصدر", "اضاف المصدر", "تابع المصدر", "وفق قوله",
           "بحسب قوله", "حسب قوله", "بحسب تعبيره")
OPEN_QUOTES = "“«"
CLOSE_QUOTES = "”»"

SOURCE_FOLLOWS = {norm(w) for w in SOURCE_FOLLOWS}
SPEECH_AFTER = {norm(w) for w in SPEECH_AFTER}
ANONYMOUS = {norm(w) for w in ANONYMOUS}
ANON_ADJ = {norm(w) for w in ANON_ADJ}
BACKREF = tuple(norm(w) for w in BACKREF)


@dataclass
class Attribution:
    per_sentence: list[list[dict]] = field(default_factory=list)
    speakers: set[str] = field(default_factory=set)  # person mention ids quoted as sources


def _strip(w: str) -> str:
    w = norm(w).strip(".,،:;\"'()“”«»")
    return w[1:] if len(w) > 3 and w[0] in "وف" else w


def _words(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    out, pos = [], start
    for raw in text[start:end].split():
        i = text.index(raw, pos)
        pos = i + len(raw)
        out.append((i, pos, raw))
    return out


class _Doc:
    def __init__(self, text: str, mentions: list[Mention]):
        self.text = text
        self.named = [m for m in mentions if m.type in ("PER", "ORG")]
        self.sources: list[dict] = []  # named sources seen so far, latest last

    def mention_near(self, pos: int, limit: int) -> Mention | None:
        return next((m for m in self.named if pos <= m.start <= pos + limit), None)

    def by_surname(self, word: str) -> dict | None:
        for s in reversed(self.sources):
            if s.get("named") and s.get("type") == "PER" and norm(s["text"]).split()[-1:] == [word]:
                return s
        return None


def _entry(m: Mention) -> dict:
    return {"text": m.text, "entity": m.id, "named": True, "type": m.type}


def _after_cue(d: _Doc, words, k: int) -> dict | None:
    """The source named after the cue word ``words[k]``."""
    j = k + 1
    while j < len(words) and _strip(words[j][2]) in FILLERS and j - k <= 4:
        j += 1
    if j >= len(words):
        return None
    pos = words[j][0]
    m = d.mention_near(pos, 2)  # a glued proclitic ("لشبكة") may sit before the mention
    if m is not None and m.start < words[j][1]:
        return _entry(m)
    w = _strip(words[j][2])
    if w in ANONYMOUS:
        end = words[j][1]
        if j + 1 < len(words) and _strip(words[j + 1][2]) in ANON_ADJ:
            end = words[j + 1][1]
        return {"text": d.text[words[j][0]:end].strip(".,،:\"“”"), "named": False}
    if w.startswith("ال") and len(w) > 3:
        if w == "المصدر":
            return dict(d.sources[-1]) if d.sources else {"text": words[j][2], "named": False}
        ref = d.by_surname(w)
        if ref is not None:
            return dict(ref)
        nxt = _strip(words[j + 1][2]) if j + 1 < len(words) else ""
        if words[j][2].endswith(("،", ",", ":")) or nxt in ("ان", "بان", "انه", ":"):
            return {"text": words[j][2].strip(".,،:\"“”"), "named": True}
    return None


def _sentence_sources(d: _Doc, s: Sentence) -> tuple[list[dict], bool]:
    """Sources cued inside one sentence, and whether one is a closing back-reference."""
    words = _words(d.text, s.start, s.end)
    found: list[dict] = []
    ntext = norm(d.text[s.start:s.end])
    backref = any(b in ntext for b in BACKREF)
    for k, (_, _, raw) in enumerate(words):
        w = _strip(raw)
        src = _after_cue(d, words, k) if w in SOURCE_FOLLOWS else None
        if src is not None:
            found.append(src)
        elif w in SPEECH_AFTER and k > 0:
            prev = _strip(words[k - 1][2])
            prev2 = _strip(words[k - 2][2]) if k > 1 else ""
            if prev in ANONYMOUS:
                found.append({"text": words[k - 1][2].strip(".,،"), "named": False})
            elif prev in ANON_ADJ and prev2 in ANONYMOUS:
                found.append({"text": d.text[words[k - 2][0]:words[k - 1][1]].strip(".,،"), "named": False})
    if backref and not found and d.sources:  # "على حد قوله": the last speaker
        found.append(dict(d.sources[-1]))
    if "وهذا ما" in ntext or "هذا ما" in ntext:
        backref = True
    out, seen = [], set()
    for f in found:
        key = (norm(f["text"]), f.get("entity"))
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out, backref


def attribute(text: str, sentences: list[Sentence], mentions: list[Mention]) -> Attribution:
    d = _Doc(text, mentions)
    res = Attribution([[] for _ in sentences])
    current: list[dict] = []
    depth = 0  # quotation marks opened and not yet closed
    para_start = 0  # index of the first sentence of the current paragraph
    for i, s in enumerate(sentences):
        new_para = i == 0 or "\n" in text[sentences[i - 1].end:s.start]
        if new_para:
            para_start = i
            if depth == 0:
                current = []
        own, backref = _sentence_sources(d, s)
        if own:
            current = own
            for src in own:
                if src.get("named") and src.get("entity"):
                    d.sources.append(src)
                    if src.get("type") == "PER":
                        res.speakers.add(src["entity"])
                elif not src.get("named"):
                    d.sources.append(src)
            if backref:  # "… وفق المصدر": the passage before it in the paragraph is his too
                for k in range(para_start, i):
                    if not res.per_sentence[k]:
                        res.per_sentence[k] = [dict(x) for x in own]
        chunk = text[s.start:s.end]
        opened = sum(chunk.count(c) for c in OPEN_QUOTES)
        closed = sum(chunk.count(c) for c in CLOSE_QUOTES)
        depth = max(0, depth + opened - closed)
        res.per_sentence[i] = [{k: v for k, v in x.items() if k != "type"} for x in current]
    for k, lst in enumerate(res.per_sentence):
        res.per_sentence[k] = [{kk: vv for kk, vv in x.items() if kk != "type"} for x in lst]
    return res
