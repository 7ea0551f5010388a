"""Copied-text detection between documents.

Per document (pure; runs in worker processes): the text becomes a sequence of
light stems (matching form, one clitic prefix and one ending cut, so "وقتلت
عدداً" and "قتل عدد" agree); word 3-gram shingles of the stems are hashed;
every passage window of ``WINDOW`` shingles (stride ``WINDOW // 2``) keeps its
minimum under each of ``BANDS`` hash functions (MinHash, one row per band). Each
``(band, minimum)`` is one fingerprint row. Signatures are per passage, not per
document, so a short copied paragraph inside a long article still meets its
source, and a document costs a few dozen rows, not a 10 KB signature.

Across documents (:func:`find_reuse`): the store self-joins the fingerprint
table; pairs sharing at least ``MIN_KEYS`` keys are candidates, and keys held by
``common_df(n)`` or more documents are stock phrases (honorific titles, agency
boilerplate, templates), skipped by the join; in alignment, a passage dense in
such keys is dropped. Each candidate is verified by exact alignment of shared
shingles into passages, with character offsets into both texts. Memory stays
bounded: the join runs in the database, texts are fetched per block of pairs,
and profiles sit in a bounded cache.

A pair is reuse only when its passages add up to real copied prose: at least
``MIN_SHARED`` distinct shared shingles with two content words or more, in
passages of at least ``MIN_PASSAGE`` words, one of them at least ``MIN_LONGEST``
words long. Names, stock phrases, wire formulae («بحسب ما أفاد المرصد») and
datelines are short or common, so they fall under those floors; a handful of
short phrases two reports quote from one statement is not a copy of either. A
"related news" list (``LIST_LINES`` or more short lines of headlines an outlet
prints under its articles) is boilerplate: it never anchors a passage.
"""

from __future__ import annotations

import re
import zlib
from collections import OrderedDict, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import numpy as np

from tahqiq.components import Components
from tahqiq.model import Document, Reuse
from tahqiq.text.normalize import norm

if TYPE_CHECKING:  # the per-document part must not need the store
    from tahqiq.store import Store

K = 3               # words per shingle
WINDOW = 12         # shingles per passage window (MinHash unit)
BANDS = 2           # fingerprint rows per window
MIN_KEYS = 2        # shared keys that make two documents a candidate pair
COMMON_DF = 8       # a key held by this many documents marks a stock phrase, not copying ...
COMMON_SHARE = 500  # ... or by one document in this many, whichever is more (hot wire stories
                    # run in dozens of outlets in a large corpus and are still copies)
GAP = 4             # edited words tolerated inside one passage
MIN_PASSAGE = 5     # matched words for a passage to count at all
MIN_SHARED = 16     # distinct shared content shingles over all passages for a pair to count
MAX_POSITIONS = 4   # a shingle repeated more often in one text is not an anchor
STOCK_SPAN = 2 * WINDOW  # a passage shorter than this (in shingles) with a stock key is stock
MIN_LONGEST = 16    # matched words in the longest passage a pair must have (copied prose, not phrases)
LIST_LINE_WORDS = 9  # LIST_LINES or more consecutive lines shorter than this (in words) ...
LIST_LINES = 3       # ... are a headline list (related news, links), never a copied passage

_WORD = re.compile(r"[\w\u0600-\u06FF]+")
_PREFIXES = ("وال", "فال", "بال", "كال", "لل", "ال")
_SUFFIXES = ("هما", "كم", "هم", "ها", "ات", "ون", "ين", "ان", "ه", "ا", "ت", "ي")
# Dateline vocabulary: wire stories of one day all open "الرياض 25 شوال 1436 هـ الموافق
# 10 أغسطس 2015 م واس"; such a line is not copied prose.
DATE_WORDS = frozenset(norm(w) for w in """
يناير فبراير مارس أبريل ابريل مايو يونيو يوليو أغسطس اغسطس سبتمبر أكتوبر اكتوبر نوفمبر ديسمبر
كانون شباط آذار نيسان أيار حزيران تموز آب أيلول تشرين
محرم صفر ربيع جمادى رجب شعبان رمضان شوال القعدة الحجة الأول الاول الآخر الثاني الأولى الآخرة
السبت الأحد الاثنين الإثنين الثلاثاء الأربعاء الخميس الجمعة هـ م الموافق واس رويترز
""".split())
# Honorifics and offices: "صاحب السمو الملكي الأمير ... ولي العهد نائب رئيس مجلس الوزراء
# وزير الداخلية" is a name with its titles, repeated by every report that names the man.
TITLE_WORDS = frozenset(norm(w) for w in """
صاحب السمو الملكي سمو الأمير الامير الملك خادم الحرمين الشريفين ولي العهد النائب نائب الثاني الأول
رئيس لرئيس مجلس الوزراء وزير وزيرا معالي فخامة الرئيس سعادة الدكتور الشيخ المفدى حفظه الله
""".split())
# Function words that copy-free texts share all the time; they do not count as content.
STOPWORDS = frozenset(norm(w) for w in """
في من على إلى الى عن مع أن ان إن لا ما لم لن قد كان كانت التي الذي الذين هذا هذه ذلك تلك
و أو او ثم بل حيث كما بعد قبل بين عند حتى منذ خلال ضمن أيضا أيضاً فقط كل بعض غير عبر لدى
وقال قال وقالت قالت أنه انه أنها انها هو هي هم وهو وهي اليوم أمس بن ابن آل
""".split()) | DATE_WORDS | TITLE_WORDS

_rng = np.random.default_rng(20150721)  # fixed: fingerprints must not change between runs
_SEEDS = _rng.integers(1, 2**63, size=BANDS, dtype=np.uint64)
_M1, _M2 = np.uint64(0x9E3779B97F4A7C15), np.uint64(0xC2B2AE3D27D4EB4F)


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Light stem of a normalised word: one clitic prefix and one ending removed."""
    for p in _PREFIXES:
        if word.startswith(p) and len(word) - len(p) >= 2:
            word = word[len(p):]
            break
    else:
        if word[:1] in ("و", "ف") and len(word) > 3:
            word = word[1:]
    for s in _SUFFIXES:
        if word.endswith(s) and len(word) - len(s) >= 3:
            return word[:-len(s)]
    return word


class _Codes(dict):
    """Raw token -> ``crc32(stem) << 2 | is_content << 1 | 1``; 0 when nothing is left after
    normalisation. News vocabulary repeats, so most tokens cost one C-level dict lookup;
    the table is cleared when it grows past ``limit`` so memory stays bounded. crc32 is
    stable across processes, unlike ``hash``, so workers agree on every key."""

    limit = 400_000

    def __missing__(self, raw: str) -> int:
        word = norm(raw)
        if not word:
            code = 0
        else:
            content = word not in STOPWORDS and not word.isdigit()
            code = zlib.crc32(stem(word).encode("utf-8")) << 2 | content << 1 | 1
        if len(self) >= self.limit:
            self.clear()
        self[raw] = code
        return code


_CODE = _Codes()


@lru_cache(maxsize=1)
def _bmp_word_chars() -> np.ndarray:
    """For each BMP code point, whether ``_WORD`` matches it (``\\w`` is ``isalnum() or "_"``)."""
    return np.array([chr(c).isalnum() or c == 0x5F or 0x600 <= c <= 0x6FF for c in range(0x10000)], dtype=np.int8)


def _word_bounds(text: str) -> tuple[np.ndarray, np.ndarray]:
    """Start and end offsets of the runs ``_WORD.finditer`` would find, computed on an
    array of code points (several times faster than iterating over match objects)."""
    cp = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    isw = np.zeros(len(cp) + 2, dtype=np.int8)
    small = cp < 0x10000
    isw[1:-1][small] = _bmp_word_chars()[cp[small]]
    if not small.all():
        big = np.flatnonzero(~small)
        isw[1 + big] = [chr(c).isalnum() for c in cp[big].tolist()]
    d = np.diff(isw)
    return np.flatnonzero(d == 1), np.flatnonzero(d == -1)


def _codes(text: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Codes of the text's words in order, with their start and end offsets (words that
    normalise to nothing dropped)."""
    starts, ends = _word_bounds(text)
    words = [text[a:b] for a, b in zip(starts.tolist(), ends.tolist())]
    c = np.fromiter(map(_CODE.__getitem__, words), dtype=np.uint64, count=len(words))
    keep = c != 0
    return c[keep], starts[keep], ends[keep]


def _mix(x: np.ndarray) -> np.ndarray:
    """splitmix64 finaliser: spreads bits so every hash row acts as an independent permutation."""
    with np.errstate(over="ignore"):
        x = (x ^ (x >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        x = (x ^ (x >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        return x ^ (x >> np.uint64(31))


def _shingle_hashes(word_hashes: np.ndarray) -> np.ndarray:
    """64-bit hash of each run of ``K`` consecutive words (order matters)."""
    n = len(word_hashes) - K + 1
    if n <= 0:
        return np.zeros(0, dtype=np.uint64)
    with np.errstate(over="ignore"):
        h = word_hashes[:n].copy()
        for i in range(1, K):
            h = h * _M1 + word_hashes[i:i + n] * _M2 + np.uint64(i)
    return _mix(h)


def _band_hashes(sh: np.ndarray) -> np.ndarray:
    """(BANDS, n): each shingle under each band's hash function. A band key is the
    minimum of one row over a window, so it is also the hash of one shingle."""
    return _mix(sh[None, :] ^ _SEEDS[:, None])


def fingerprints(doc: Document) -> list[tuple[int, str]]:
    """(band, key) rows for the fingerprint table: MinHash bands of passage windows.

    Pure function of the text, deterministic across processes and runs."""
    sh = _shingle_hashes(_codes(doc.text)[0] >> np.uint64(2))
    if len(sh) == 0:
        return []
    perm = _band_hashes(sh)
    step = WINDOW // 2
    blocks = np.minimum.reduceat(perm, np.arange(0, perm.shape[1], step), axis=1)
    # A window is two consecutive half-windows; a short text is one window.
    win = np.minimum(blocks[:, :-1], blocks[:, 1:]) if blocks.shape[1] > 1 else blocks
    return sorted({(b, format(k, "016x")) for b in range(BANDS) for k in win[b].tolist()})


@dataclass(slots=True)
class Profile:
    """What alignment needs of one document. ``stock`` marks shingles seen as band keys in
    ``COMMON_DF`` or more documents; ``content`` those that count towards ``MIN_SHARED``."""

    doc: str
    shingles: np.ndarray    # uint64 per shingle (words i .. i+K-1)
    stock: np.ndarray       # bool per shingle
    content: np.ndarray     # bool per shingle: at least two content words
    vocab: np.ndarray       # sorted unique non-stock content shingles, for a cheap pre-check
    starts: np.ndarray      # character offsets of each word
    ends: np.ndarray
    listed: np.ndarray | None = None  # bool per shingle: it touches a headline-list line


def common_mask(shingles: np.ndarray, common: Sequence[np.ndarray] | None) -> np.ndarray:
    """True for shingles that a stock phrase holds: their band key is one of ``common``
    (per band, sorted uint64 keys held by ``COMMON_DF`` or more documents)."""
    mask = np.zeros(len(shingles), dtype=bool)
    if not common or not len(shingles):
        return mask
    bh = _band_hashes(shingles)
    for b, keys in enumerate(common[:BANDS]):
        if len(keys):  # keys are sorted: a binary search per shingle
            at = np.minimum(np.searchsorted(keys, bh[b]), len(keys) - 1)
            mask |= keys[at] == bh[b]
    return mask


def profile(doc: Document, common: Sequence[np.ndarray] | None = None, doc_id: str | None = None) -> Profile:
    """Profile of a document for alignment (``doc_id`` overrides ``doc.id``, which hashes the text)."""
    codes, starts, ends = _codes(doc.text)
    sh = _shingle_hashes(codes >> np.uint64(2))
    c = ((codes >> np.uint64(1)) & np.uint64(1)).astype(np.int8)
    n = len(sh)
    content: np.ndarray = (sum(c[i:i + n] for i in range(K)) >= 2) if n else np.zeros(0, dtype=bool)  # type: ignore[assignment]
    stock = common_mask(sh, common)
    listed = _listed(doc.text, starts, n)
    return Profile(doc_id or doc.id, sh, stock, content, np.unique(sh[content & ~stock & ~listed]),
                   starts.astype(np.int32), ends.astype(np.int32), listed)


def _listed(text: str, starts: np.ndarray, n: int) -> np.ndarray:
    """Per shingle, whether it touches a line of a headline list: ``LIST_LINES`` or more
    consecutive lines of fewer than ``LIST_LINE_WORDS`` words each ("related news", "read
    also", tag and link lists an outlet prints under every article)."""
    out = np.zeros(max(n, 0), dtype=bool)
    if n <= 0 or "\n" not in text:
        return out
    cp = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    line = np.searchsorted(np.flatnonzero(cp == 10), starts)  # per word, its line number
    ids, counts = np.unique(line, return_counts=True)
    short = counts < LIST_LINE_WORDS
    listed_lines: set[int] = set()
    k = 0
    while k < len(ids):  # runs of consecutive short lines (blank lines between do not break a run)
        if not short[k]:
            k += 1
            continue
        m = k
        while m + 1 < len(ids) and short[m + 1]:
            m += 1
        if m - k + 1 >= LIST_LINES:
            listed_lines.update(ids[k:m + 1].tolist())
        k = m + 1
    if not listed_lines:
        return out
    word_listed = np.isin(line, list(listed_lines))
    for off in range(K):
        out |= word_listed[off:off + n]
    return out


def _anchors(pa: Profile, pb: Profile) -> tuple[np.ndarray, np.ndarray]:
    """(i, j) shingle positions where both texts have the same shingle, sorted by
    diagonal ``j - i`` then ``i``; shingles repeated more than ``MAX_POSITIONS`` times in
    a text are skipped (they would pair every occurrence with every other)."""
    ha, hb = pa.shingles, pb.shingles
    ia, ib = np.arange(len(ha)), np.arange(len(hb))
    order = np.argsort(hb, kind="stable")
    hb, ib = hb[order], ib[order]
    lo, hi = np.searchsorted(hb, ha, "left"), np.searchsorted(hb, ha, "right")
    sa = np.sort(ha)
    in_a = np.searchsorted(sa, ha, "right") - np.searchsorted(sa, ha, "left")
    n_b = hi - lo
    keep = (n_b > 0) & (n_b <= MAX_POSITIONS) & (in_a <= MAX_POSITIONS)
    rep = n_b[keep]
    i = np.repeat(ia[keep], rep)
    first = np.repeat(lo[keep], rep)
    step = np.arange(len(i)) - np.repeat(np.cumsum(rep) - rep, rep)
    j = ib[first + step]
    order = np.lexsort((i, j - i))
    return i[order], j[order]


def _chains(i: np.ndarray, j: np.ndarray) -> list[np.ndarray]:
    """Group anchors into passages; returns, per passage, the indices of its anchors.

    Anchors on one diagonal with at most ``GAP`` edited words between them form a
    segment (vectorised); segments then chain when the next one starts a little
    further on in both texts (``GAP`` words plus the ``K`` shingles an edit breaks)
    and the offset between the texts drifts by at most ``GAP`` words."""
    if len(i) == 0:
        return []
    d = j - i
    cut = np.flatnonzero((np.diff(d) != 0) | (np.diff(i) > GAP + K)) + 1
    segs = np.split(np.arange(len(i)), cut)
    segs.sort(key=lambda s: (int(i[s[0]]), int(j[s[0]])))
    chains: list[list[np.ndarray]] = []
    ends: list[tuple[int, int]] = []
    for s in segs:
        i0, j0 = int(i[s[0]]), int(j[s[0]])
        for c in range(len(chains) - 1, -1, -1):
            li, lj = ends[c]
            if 0 < i0 - li <= GAP + K and 0 < j0 - lj <= GAP + K and abs((j0 - lj) - (i0 - li)) <= GAP:
                chains[c].append(s)
                ends[c] = (int(i[s[-1]]), int(j[s[-1]]))
                break
        else:
            chains.append([s])
            ends.append((int(i[s[-1]]), int(j[s[-1]])))
    return [np.concatenate(c) for c in chains]


def _is_stock(flags: np.ndarray) -> bool:
    """A passage is a stock phrase when shingles that many documents share are dense in it:
    a short passage with any of them, or a longer one with one every half window. Only
    window minima are ever seen as keys, so a stock phrase shows a sample of its shingles,
    about one per half window; real copies of rare text show none or a few."""
    hits = int(flags.sum())
    return hits > 0 and (len(flags) < STOCK_SPAN or hits * (WINDOW // 2) >= len(flags))


def align_profiles(pa: Profile, pb: Profile) -> Reuse | None:
    """Shared passages of two profiled documents (character offsets into each), or None.

    The shared amount is counted in distinct content shingles, so a phrase that both
    texts repeat (an organisation's full name five times) counts once."""
    if np.intersect1d(pa.vocab, pb.vocab, assume_unique=True).size < MIN_SHARED:
        return None
    i, j = _anchors(pa, pb)
    if pa.listed is not None and pb.listed is not None and len(i):
        keep = ~(pa.listed[i] | pb.listed[j])
        i, j = i[keep], j[keep]
    kept = []
    for c in _chains(i, j):
        ci, cj = i[c], j[c]
        n = len(np.unique(ci)) + K - 1
        if n < MIN_PASSAGE or _is_stock(pa.stock[ci]):
            continue
        kept.append((ci, cj, n))
    shared = np.unique(np.concatenate([pa.shingles[ci][pa.content[ci]] for ci, _, _ in kept])) if kept else ()
    if len(shared) < MIN_SHARED or max(n for _, _, n in kept) < MIN_LONGEST:
        return None
    passages = sorted(((int(pa.starts[ci.min()]), int(pa.ends[ci.max() + K - 1])),
                       (int(pb.starts[cj.min()]), int(pb.ends[cj.max() + K - 1]))) for ci, cj, _ in kept)
    matched = sum(n for _, _, n in kept)
    sim = min(1.0, matched / max(1, len(pa.shingles) + len(pb.shingles) + 2 * (K - 1) - matched))
    if pa.doc > pb.doc:
        return Reuse(pb.doc, pa.doc, round(sim, 4), sorted((b, a) for a, b in passages))
    return Reuse(pa.doc, pb.doc, round(sim, 4), passages)


def align(a: Document, b: Document, common: Sequence[np.ndarray] | None = None) -> Reuse | None:
    """Shared passages of two documents (offsets into each text), or None."""
    return align_profiles(profile(a, common), profile(b, common))


def common_keys(rows: Iterable[tuple[int, str]]) -> list[np.ndarray]:
    """Per band, the sorted uint64 keys of ``(band, key)`` rows (e.g. the store's frequent keys)."""
    per: list[list[int]] = [[] for _ in range(BANDS)]
    for b, k in rows:
        if 0 <= b < BANDS:
            per[b].append(int(k, 16))
    return [np.array(sorted(x), dtype=np.uint64) for x in per]


def component_order(pairs: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """Pairs grouped by connected component of the candidate graph (a wire story and its
    republications), so that a bounded profile cache holds each group while it is verified;
    deterministic order (components by their smallest pair, pairs sorted within)."""
    pairs = sorted(pairs)
    comp: Components[str] = Components()
    for a, b in pairs:
        comp.union(a, b)
    groups: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for p in pairs:
        groups[comp.find(p[0])].append(p)
    return [p for g in sorted(groups.values()) for p in g]


def verify_pairs(pairs: Iterable[tuple[str, str]], fetch: Callable[[list[str]], Mapping[str, str]],
                 common: Sequence[np.ndarray] | None = None, cache_size: int = 4096,
                 block: int = 512) -> list[Reuse]:
    """Align each candidate pair; keep those that share real passages.

    ``fetch(ids)`` returns the texts of those documents (e.g. ``Store.texts``); it is
    called once per block of pairs for the texts not in the profile cache. Profiles
    are cached (bounded, least recently used out), so a document in many candidate
    pairs (a wire story republished by several outlets) is tokenised once while
    memory stays flat. Pairs are visited component by component for cache hits."""
    cache: OrderedDict[str, Profile | None] = OrderedDict()
    out = []
    ordered = component_order(pairs)
    for k in range(0, len(ordered), block):
        chunk = ordered[k:k + block]
        missing = [i for i in dict.fromkeys(x for p in chunk for x in p) if i not in cache]
        texts = fetch(missing) if missing else {}
        for i in missing:
            t = texts.get(i)
            cache[i] = profile(Document(text=t, source=""), common, doc_id=i) if t is not None else None
        for a, b in chunk:
            cache.move_to_end(a)
            cache.move_to_end(b)
            pa, pb = cache[a], cache[b]
            if pa is not None and pb is not None:
                r = align_profiles(pa, pb)
                if r is not None:
                    out.append(r)
        while len(cache) > max(cache_size, 2 * block):
            cache.popitem(last=False)
    return out


PARALLEL_PAIRS = 2_000  # candidate pairs per worker task when verification runs on a process pool


# How an engine runs ``fn(batch, *args)`` over batches, results in input order (an engine's
# ``Engine.map``): copy verification receives it instead of choosing one.
MapFn = Callable[..., Iterable[Any]]
# An engine's candidate join: (store, new documents or None, max_df, min_shared) -> pairs
# (``Engine.candidate_pairs``; by default the store's ``candidate_doc_pairs``).
JoinFn = Callable[["Store", Any, int, int], Iterable[tuple[str, str]]]

# A verification task: candidate pairs and the texts of their documents.
Task = tuple[list[tuple[str, str]], dict[str, str]]


def verify_on_pool(pairs: list[tuple[str, str]], fetch: Callable[[list[str]], Mapping[str, str]],
                   common: Sequence[np.ndarray] | None, map_fn: MapFn) -> list[Reuse]:
    """``verify_pairs`` through an engine's ``map_fn``: pairs in component order, cut into tasks
    of ``PARALLEL_PAIRS``, each sent with the texts of its documents (``fetch(ids)``, read here:
    the workers open no store). Tasks are made as the engine asks for them, so memory stays
    bounded. Same pairs in, same reuse rows out as one process (alignment is per pair)."""
    ordered = component_order(pairs)

    def tasks() -> Iterator[list[Task]]:
        for k in range(0, len(ordered), PARALLEL_PAIRS):
            chunk = ordered[k:k + PARALLEL_PAIRS]
            yield [(chunk, dict(fetch(list(dict.fromkeys(x for p in chunk for x in p)))))]

    return [r for rs in map_fn(_verify_tasks, tasks(), common) for reuses in rs for r in reuses]


def _verify_tasks(tasks: list[Task], common) -> list[list[Reuse]]:
    """Per task, its verified pairs (what a worker runs)."""
    return [verify_pairs(pairs, _Texts(texts), common) for pairs, texts in tasks]


class _Texts:
    """``fetch`` over texts sent with a task."""

    def __init__(self, texts: dict[str, str]):
        self.texts = texts

    def __call__(self, ids: list[str]) -> dict[str, str]:
        return {i: self.texts[i] for i in ids if i in self.texts}


def common_df(n_docs: int) -> int:
    """Document frequency from which a fingerprint key counts as a stock phrase."""
    return max(COMMON_DF, n_docs // COMMON_SHARE)


def find_reuse(store: Store, new_docs: Iterable[str] | None = None,
               pairs: Iterable[tuple[str, str]] | None = None) -> list[Reuse]:
    """Cross-document stage. Needs fingerprints in ``store``; returns every verified
    reuse pair: pairs stored earlier are kept, candidates involving ``new_docs``
    (all candidates when None or when nothing is stored yet) are verified.
    ``pairs``: candidates computed elsewhere by the same rule (the Spark engine's band join)."""
    kept = find_reuse_new(store, new_docs, pairs)[0]
    assert kept is not None  # keep=True
    return kept


def find_reuse_new(store: Store, new_docs: Iterable[str] | None = None,
                   pairs: Iterable[tuple[str, str]] | None = None,
                   keep: bool = True, workers: int = 1,
                   recompute: bool = False, map_fn: MapFn | None = None,
                   join: JoinFn | None = None) -> tuple[list[Reuse] | None, list[Reuse]]:
    """``find_reuse``, and apart the pairs verified by this call (not stored before).
    ``keep=False`` (an incremental link) does not read the stored pairs back: the first
    item is then None, and the cost follows the new documents' candidate pairs.
    ``recompute`` (a full relink): the stored pairs are ignored and every candidate pair
    verified again, so the pairs no longer depend on the order documents arrived in.
    Stored pairs of documents no longer stored (an edited article's older version) go.
    ``workers`` > 1 with a ``map_fn`` (the engine's ``map``) verifies many candidates through it
    (``verify_on_pool``); ``join`` (the engine's ``candidate_pairs``) finds the candidates when
    ``pairs`` is not given, else the store's band join."""
    existing = {(r.a, r.b): r for r in store.reuse()} if keep and not recompute else {}
    if existing:
        ids = set(store.document_ids())
        existing = {k: r for k, r in existing.items() if r.a in ids and r.b in ids}
    if recompute:
        new_docs = None
    any_stored = bool(existing) or (not keep and store.counts(("reuse",))["reuse"] > 0)
    df = common_df(store.counts(("documents",))["documents"])
    if pairs is None:
        scope = new_docs if any_stored else None
        if join is not None:
            pairs = join(store, scope, df - 1, MIN_KEYS)
        else:
            pairs = store.candidate_doc_pairs(scope, max_df=df - 1, min_shared=MIN_KEYS)
    new = set(new_docs or ())
    # Without the stored pairs at hand, only pairs with a new document can be unverified.
    todo = [p for p in pairs if p not in existing and (keep or p[0] in new or p[1] in new)]
    fresh: list[Reuse] = []
    if todo:
        # Stock phrases only matter where they occur: read the frequent keys of these documents.
        common = common_keys(store.common_fingerprints(df, docs={d for p in todo for d in p}))
        if workers > 1 and map_fn is not None and len(todo) > PARALLEL_PAIRS:
            fresh = verify_on_pool(todo, store.texts, common, map_fn)
        else:
            fresh = verify_pairs(todo, store.texts, common)
        for r in fresh:
            existing[(r.a, r.b)] = r
    fresh = sorted(fresh, key=lambda r: (r.a, r.b))
    return (sorted(existing.values(), key=lambda r: (r.a, r.b)) if keep else None), fresh
