"""Copied-text detection between documents.

Per document (pure, parallel): word k-gram shingles of the matching form,
hashed; a deterministic sample of them (hash mod ``SAMPLE``) is stored as
fingerprint rows. Across documents: a SQL self-join on equal keys yields
candidate pairs; each pair is verified by aligning its shared k-grams into
passages with offsets. A pair is reuse only if it shares a passage of at least
``MIN_PASSAGE_WORDS`` words, so documents that merely share names do not count.
"""

from __future__ import annotations

import hashlib
import re

from tahqiq.model import Document, Reuse
from tahqiq.text.normalize import norm

K = 6                   # words per shingle
SAMPLE = 4              # keep shingles whose hash % SAMPLE == 0 as fingerprints
MIN_PASSAGE_WORDS = 12  # shortest shared run that counts as copying
_WORD = re.compile(r"[\w\u0600-\u06FF]+")


def _words(text: str) -> list[tuple[int, int, str]]:
    out = []
    for m in _WORD.finditer(text):
        w = norm(m.group())
        if w:
            out.append((m.start(), m.end(), w))
    return out


def _h(s: str) -> int:
    return int.from_bytes(hashlib.blake2b(s.encode("utf-8"), digest_size=8).digest(), "big")


def shingles(text: str) -> list[int]:
    ws = [w for _, _, w in _words(text)]
    return [_h(" ".join(ws[i:i + K])) for i in range(max(0, len(ws) - K + 1))]


def fingerprints(doc: Document) -> list[tuple[int, str]]:
    """(band, key) rows for the fingerprint table; band 0 holds sampled shingles."""
    keys = sorted({h for h in shingles(doc.text) if h % SAMPLE == 0})
    return [(0, format(h, "016x")) for h in keys]


def align(a: Document, b: Document) -> Reuse | None:
    """Shared passages of two documents (offsets into each text), or None."""
    wa, wb = _words(a.text), _words(b.text)
    ha = [_h(" ".join(w for _, _, w in wa[i:i + K])) for i in range(max(0, len(wa) - K + 1))]
    hb = [_h(" ".join(w for _, _, w in wb[i:i + K])) for i in range(max(0, len(wb) - K + 1))]
    pos_b: dict[int, list[int]] = {}
    for j, h in enumerate(hb):
        pos_b.setdefault(h, []).append(j)
    runs: list[tuple[int, int, int, int]] = []  # (ia, ja, ib, jb) word ranges, end exclusive
    used: set[int] = set()
    for i, h in enumerate(ha):
        if i in used or h not in pos_b:
            continue
        best = None
        for j in pos_b[h]:
            n = 0
            while i + n < len(ha) and j + n < len(hb) and ha[i + n] == hb[j + n]:
                n += 1
            if best is None or n > best[1]:
                best = (j, n)
        j, n = best
        used.update(range(i, i + n))
        runs.append((i, i + n + K - 1, j, j + n + K - 1))
    runs = _merge(runs)
    passages = [((wa[i][0], wa[ie - 1][1]), (wb[j][0], wb[je - 1][1]))
                for i, ie, j, je in runs if ie - i >= MIN_PASSAGE_WORDS]
    if not passages:
        return None
    shared = sum(ie - i for i, ie, _, _ in runs if ie - i >= MIN_PASSAGE_WORDS)
    sim = shared / max(1, len(set(ha)) + len(set(hb)) - shared)
    x, y = (a, b) if a.id < b.id else (b, a)
    if x is not a:
        passages = [(pb, pa) for pa, pb in passages]
    return Reuse(x.id, y.id, round(sim, 4), passages)


def _merge(runs: list[tuple[int, int, int, int]], gap: int = 3) -> list[tuple[int, int, int, int]]:
    """Join runs that continue each other with a few edited words between them."""
    runs = sorted(runs)
    out: list[list[int]] = []
    for r in runs:
        if out and 0 <= r[0] - out[-1][1] <= gap and 0 <= r[2] - out[-1][3] <= gap:
            out[-1][1] = max(out[-1][1], r[1])
            out[-1][3] = max(out[-1][3], r[3])
        else:
            out.append(list(r))
    return [tuple(x) for x in out]
