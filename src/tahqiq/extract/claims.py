"""Baseline claim extraction: cue patterns over mentions within one sentence.

The patterns are data (``CUES`` below): a predicate, the cue words that
introduce it (matching forms) and the mention type its object must have. The
subject is the nearest person mention before the cue in the same sentence.
This is the honest first baseline; issue #4 replaces it with the full
extractor (roles, money, group statements, attribution, hedging, dates).
"""

from __future__ import annotations

import re

from tahqiq.model import Assertion, Evidence, Mention, Sentence
from tahqiq.text.normalize import norm

# predicate -> (regex over the matching form, object type). The cue must sit between
# the subject and the object, and the object must follow within a few words.
CUES: dict[str, tuple[str, str]] = {
    "origin": (r"(?:ينحدر|تنحدر|ينحدرون|المتحدر|المنحدر|يتحدر)\s+(?:\S+\s+){0,2}?من", "LOC"),
    "fled_to": (r"(?:فر|فرو?ا|هرب|هربو?ا|لاذو?ا بالفرار|فرار\S*)\s+(?:\S+\s+){0,3}?(?:الي|صوب|باتجاه|نحو)", "LOC"),
    "arrived_in": (r"(?:وصل|وصلو?ا|وصلت|الوصول)\s+(?:الي\s+)?", "LOC"),
    "fled_from": (r"(?:فراره|فرارهم|هروبه|هربه)\s+من", "LOC"),
    "arrested_in": (r"(?:اعتقل|اعتقلته|اعتقلت|القي القبض عليه)\s+(?:\S+\s+){0,4}?(?:في)", "LOC"),
}
_MAX_GAP_CHARS = 40  # cue end -> object start
_PLACE_WORDS = r"(?:(?:مدينه|بلده|قريه|محافظه|ريف|منطقه|مناطق|دوله|العاصمه)\s+)?"
_COMPILED = {p: (re.compile(rx), t) for p, (rx, t) in CUES.items()}
_ALIAS_CUE = re.compile(r"^\s*[\"“”']?\s*(?:و?الملقب|و?المكني|و?المعروف|و?يكني)\s*(?:ب\S*)?\s*[\"“”']?\s*$|^\s*\(\s*$")


def extract_claims(doc_id: str, text: str, sentences: list[Sentence], mentions: list[Mention]) -> list[Assertion]:
    out: list[Assertion] = []
    for s in sentences:
        ms = [m for m in mentions if s.start <= m.start and m.end <= s.end]
        pers = [m for m in ms if m.type == "PER"]
        if not pers:
            continue
        out.extend(_aliases(doc_id, text, s, pers))
        out.extend(_cued(doc_id, text, s, ms, pers))
    return out


def _evidence(doc_id: str, text: str, s: Sentence) -> Evidence:
    return Evidence(doc_id, s.start, s.end, text[s.start:s.end])


def _aliases(doc_id: str, text: str, s: Sentence, pers: list[Mention]) -> list[Assertion]:
    out = []
    for a, b in zip(pers, pers[1:]):
        between = text[a.end:b.start]
        if len(between) <= 30 and _ALIAS_CUE.match(norm(between)):
            first_kunya = norm(a.text).startswith(("ابو", "ام "))
            subj, alias = (b, a) if first_kunya and not norm(b.text).startswith("ابو") else (a, b)
            out.append(Assertion(doc_id, subj.id, "alias", {"text": alias.text, "mention": alias.id},
                                 _evidence(doc_id, text, s)))
    return out


def _cued(doc_id: str, text: str, s: Sentence, ms: list[Mention], pers: list[Mention]) -> list[Assertion]:
    out = []
    ntext = norm(text[s.start:s.end])  # same length as the original only without diacritics; map via search
    for pred, (rx, typ) in _COMPILED.items():
        for m in rx.finditer(ntext):
            cue_start, cue_end = _to_orig(text, s, ntext, m.start(), m.end())
            obj = next((o for o in ms if o.type == typ and 0 <= o.start - cue_end <= _MAX_GAP_CHARS
                        and re.fullmatch(r"\s*" + _PLACE_WORDS + r"\S{0,2}\s*", norm(text[cue_end:o.start]))), None)
            subj = next((p for p in reversed(pers) if p.end <= cue_start), None)
            if obj is None or subj is None:
                continue
            out.append(Assertion(doc_id, subj.id, pred, {"mention": obj.id, "text": obj.text},
                                 _evidence(doc_id, text, s)))
    return out


def _to_orig(text: str, s: Sentence, ntext: str, a: int, b: int) -> tuple[int, int]:
    from tahqiq.text.normalize import normalize
    nz = normalize(text[s.start:s.end])
    if nz.text != ntext:
        return s.start, s.start
    oa, ob = nz.to_original(a, b)
    return s.start + oa, s.start + ob
