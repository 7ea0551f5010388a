"""One reading per name within a document ("one sense per discourse" for NER).

A sentence-level tagger reads the same name differently in different
sentences of one article: "ارسنال" ORG here and PER there, "إيساف" found once
and missed twice. ``harmonise`` looks at the name spans (PER/LOC/ORG) of a
group of texts that belong together (one article, or neighbouring sentences
of a CoNLL file, which keeps document order) and

- relabels a span to the type the same name has most often in the group
  (strict majority; ties keep the model's label);
- tags untagged occurrences of a name the group has tagged: the same words,
  whole, with a glued proclitic before "ال" allowed ("بالأهلي" for "الأهلي"),
  where no other span is; single-word names need four letters.

On the ANERcorp development split this adds about one point of micro-F1 to
either model (``training/ner/README.md``); spans only move between the three
name types or are added, never cut.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

Span = tuple[int, int, str]
NAMES = frozenset({"PER", "LOC", "ORG"})
_WORD = re.compile(r"\w+")
_CLITIC_AL = re.compile(r"^(?:[وف]?[بلك]|[وف])(?=ال\w)")
_MIN_LETTERS = 4


def _canon(word: str) -> str:
    """The first word of a name without a glued proclitic: "بالأهلي" -> "الأهلي", "للأمم" -> "الأمم"."""
    if word.startswith(("لل", "ولل", "فلل")) and len(word) > 4:
        return "ال" + word.split("لل", 1)[1]
    return _CLITIC_AL.sub("", word)


def _key(words: list[str]) -> tuple[str, ...]:
    return (_canon(words[0]), *words[1:]) if words else ()


def _words(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _WORD.finditer(text)]


def _span_key(text: str, span: Span) -> tuple[str, ...]:
    return _key(_WORD.findall(text, span[0], span[1]))


def harmonise(texts: list[str], spans: list[list[Span]], window: int | None = None) -> list[list[Span]]:
    """Spans of each text made consistent with the others in its group.

    ``window=None``: all texts form one group (one document). ``window=k``:
    text i is grouped with texts i-k .. i+k (sentences of a document in order).
    """
    words = [_words(t) for t in texts]
    keys = [[_span_key(t, s) if s[2] in NAMES else () for s in ss] for t, ss in zip(texts, spans)]
    n = len(texts)
    out = []
    for i, (text, own, own_keys) in enumerate(zip(texts, spans, keys)):
        lo, hi = (0, n) if window is None else (max(0, i - window), min(n, i + window + 1))
        votes: dict[tuple[str, ...], Counter] = defaultdict(Counter)
        for j in range(lo, hi):
            for s, k in zip(spans[j], keys[j]):
                if k:
                    votes[k][s[2]] += 1
        out.append(_apply(text, words[i], own, own_keys, votes))
    return out


def _apply(text: str, words: list[tuple[int, int]], spans: list[Span], keys: list[tuple[str, ...]],
           votes: dict[tuple[str, ...], Counter]) -> list[Span]:
    result = []
    inside = _nested(spans)
    for n, (s, k) in enumerate(zip(spans, keys)):
        label = s[2]
        if k:
            top, count = votes[k].most_common(1)[0]
            if top != label and count > votes[k][label] and not (inside[n] and top == "PER"):
                label = top
        result.append((s[0], s[1], label))
    taken = _Reach(len(text) + 1)
    for s in result:
        taken.add(s[0], s[1])
    by_first: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for k in votes:
        if len(k) > 1 or len(k[0]) >= _MIN_LETTERS:
            by_first[k[0]].append(k)
    for ks in by_first.values():
        ks.sort(key=len, reverse=True)
    i = 0
    while i < len(words):
        a, b = words[i]
        added = False
        for k in by_first.get(_canon(text[a:b]), ()):
            j = i + len(k)
            if j > len(words) or _key([text[x:y] for x, y in words[i:j]]) != k:
                continue
            end = words[j - 1][1]
            # the words of a name are separated by single spaces only
            if any(text[words[m][1]:words[m + 1][0]] != " " for m in range(i, j - 1)):
                continue
            if taken.reach_before(end) > a:  # a span starting before `end` reaches past `a`: overlap
                break
            result.append((a, end, votes[k].most_common(1)[0][0]))
            taken.add(a, end)
            i, added = j, True
            break
        if not added:
            i += 1
    return sorted(result, key=lambda s: (s[0], -s[1], s[2]))


def _nested(spans: list[Span]) -> list[bool]:
    """For each span, whether another span (another entry, even an equal one) covers it:
    starts at or before it and ends at or after it. Sorting and a running maximum of the
    ends, so a long document's spans cost n log n, not n squared."""
    by_start: dict[int, list[int]] = defaultdict(list)
    for n, s in enumerate(spans):
        by_start[s[0]].append(n)
    out = [False] * len(spans)
    reach = -1  # the furthest end of the spans starting before the current start
    for start in sorted(by_start):
        group = sorted(by_start[start], key=lambda n: -spans[n][1])
        for n in group:
            other = spans[group[1]][1] if n == group[0] and len(group) > 1 else \
                (spans[group[0]][1] if n != group[0] else -1)
            out[n] = reach >= spans[n][1] or other >= spans[n][1]
        reach = max(reach, spans[group[0]][1])
    return out


class _Reach:
    """Spans added so far, asked "how far does the furthest-reaching span that starts before
    ``x`` reach?" (a Fenwick tree of maxima over start offsets: log n per call)."""

    def __init__(self, size: int):
        self.tree = [-1] * (size + 1)

    def add(self, start: int, end: int) -> None:
        i = start + 1
        while i < len(self.tree):
            if self.tree[i] < end:
                self.tree[i] = end
            i += i & -i

    def reach_before(self, x: int) -> int:
        i, best = min(x, len(self.tree) - 1), -1
        while i > 0:
            if self.tree[i] > best:
                best = self.tree[i]
            i -= i & -i
        return best
