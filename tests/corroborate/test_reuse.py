"""Copied-text detection: real Arabic snippets as golden cases, properties of offsets and edits."""

from __future__ import annotations

import os
import random
import subprocess
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from tahqiq.corroborate import reuse
from tahqiq.corroborate.reuse import align, find_reuse, fingerprints, stem
from tahqiq.model import Analysis, Document
from tahqiq.store import open_store
from tahqiq.text.normalize import norm

# A wire-style paragraph (real report, 2017) and the same paragraph as a second outlet
# rewrote it: tense and case endings changed, a word dropped, a clause reworded.
SOURCE = (
    "كما نفذت قوات التحالف الدولي عمليات إنزال جوية عدة في ريف دير الزور الشرقي، قتلت خلالها "
    "عدداً من القياديين الدواعش، واعتقلت أعداداً كبيرة من العناصر والأمنيين لدى تنظيم داعش، ما "
    "دفع من تبقى منهم إلى الهروب باتجاه العراق أو أرياف مدينتي إدلب وحلب، حيث تستهدف طائرات "
    "التحالف الدولي بشكل شبه يومي، مواقع التنظيم الارهابي وسيارته."
)
REWRITE = (
    "إضافة لعمليات إنزال جوية عدة في ريف دير الزور الشرقي، قتل خلالها عدد من القياديين، واعتقل "
    "عدد كبير من العناصر والأمنيين لدى تنظيم داعش، ما يدفع بمن تبقى منهم إلى الانشقاق والفرار "
    "باتجاه العراق أو أرياف مدينتي إدلب وحلب، حيث تستهدف طائرات التحالف الدولي بشكل شبه يومي، "
    "مواقع التنظيم وسيارته وحقول النفط التابعة له."
)
INTRO_A = "تشهد المستويات القيادية في تنظيم داعش إنهيارا غير مسبوق بسبب انتشار ظاهرة فرار قادته البارزين.\n\n"
INTRO_B = "الأوضاع المترنحة الذي يعيشها التنظيم في معظم مناطق سيطرته جعلته يعيش حالة من التخبط.\n\n"

# Two different reports about the same people: they share names, kunyas and place names only.
NAMES_A = (
    "وبحسب ناشطين فإن من بين الفارين نائب أمير الحسبة حامد النوري الملقب أبو حمزة القرعاني، "
    "وعبد الهادي الحلوم، وقد وصلوا إلى مدينة أعزاز بريف حلب الشمالي قبل أن يعبروا إلى تركيا."
)
NAMES_B = (
    "استطاع بعض القادة الوصول إلى الأراضي التركية مقابل عشرين ألف دولار، ومنهم حامد النوري "
    "(أبو حمزة القرعاني) وعبد الهادي الحلوم، بعد التنسيق مع قادة فصائل في ريف حلب الشمالي."
)

# Two unrelated wire stories that share the agency dateline, header and an honorific title.
WIRE_A = (
    "الرياض 25 شوال 1436 هـ الموافق 10 أغسطس 2015 م واس\nوكالة الأنباء السعودية\n"
    "رفع خادم الحرمين الشريفين الملك سلمان بن عبدالعزيز آل سعود برقية تهنئة لرئيس سنغافورة "
    "بمناسبة ذكرى استقلال بلاده، متمنيا له موفور الصحة ولشعب بلاده المزيد من التقدم."
)
WIRE_B = (
    "الرياض 25 شوال 1436 هـ الموافق 10 أغسطس 2015 م واس\nوكالة الأنباء السعودية\n"
    "افتتحت أمانة المنطقة الشرقية اليوم حديقة جديدة على الواجهة البحرية بالدمام برعاية خادم "
    "الحرمين الشريفين الملك سلمان بن عبدالعزيز آل سعود، وتضم ممرات للمشاة وملاعب للأطفال."
)

# Two different royal-court stories: they share only the names and full titles of the king
# and the crown prince, which every such report repeats.
COURT_A = (
    "استقبل خادم الحرمين الشريفين الملك سلمان بن عبدالعزيز آل سعود في قصر السلام بجدة اليوم "
    "وزير الدفاع الأمريكي، بحضور صاحب السمو الملكي الأمير محمد بن نايف بن عبدالعزيز ولي العهد نائب "
    "رئيس مجلس الوزراء وزير الداخلية، وجرى خلال الاستقبال استعراض العلاقات الثنائية."
)
COURT_B = (
    "رفع صاحب السمو الملكي الأمير محمد بن نايف بن عبدالعزيز ولي العهد نائب رئيس مجلس الوزراء وزير "
    "الداخلية التهنئة إلى خادم الحرمين الشريفين الملك سلمان بن عبدالعزيز آل سعود بمناسبة نجاح "
    "موسم العمرة، مشيدا بجهود العاملين في المطارات والمنافذ."
)


def _doc(text: str, source: str) -> Document:
    return Document(text=text, source=source)


def _stems(s: str) -> set[str]:
    return {stem(norm(w)) for w in reuse._WORD.findall(s)}


def _check_passages(r, a: Document, b: Document) -> None:
    """Every passage is inside both texts and the two sides share most of their words."""
    x, y = (a, b) if r.a == a.id else (b, a)
    for (a0, a1), (b0, b1) in r.passages:
        assert 0 <= a0 < a1 <= len(x.text) and 0 <= b0 < b1 <= len(y.text)
        sa, sb = _stems(x.text[a0:a1]), _stems(y.text[b0:b1])
        assert len(sa & sb) >= 0.6 * min(len(sa), len(sb)), (x.text[a0:a1], y.text[b0:b1])


def test_rewritten_copy_is_found_with_its_passage():
    a, b = _doc(INTRO_A + SOURCE, "a"), _doc(INTRO_B + REWRITE, "b")
    r = align(a, b)
    assert r is not None
    _check_passages(r, a, b)
    x = a if r.a == a.id else b
    copied = "".join(x.text[s:e] for (s, e), _ in r.passages) if x is a else \
        "".join(a.text[s:e] for _, (s, e) in r.passages)
    assert "إنزال جوية عدة في ريف دير الزور الشرقي" in copied
    assert "طائرات التحالف الدولي بشكل شبه يومي" in copied
    assert "انتشار ظاهرة فرار" not in copied  # the intros are not part of any passage


def test_copies_share_fingerprint_keys():
    a, b = _doc(INTRO_A + SOURCE, "a"), _doc(INTRO_B + REWRITE, "b")
    assert len(set(fingerprints(a)) & set(fingerprints(b))) >= reuse.MIN_KEYS


def test_shared_names_are_not_copying():
    assert align(_doc(NAMES_A, "a"), _doc(NAMES_B, "b")) is None


def test_shared_dateline_header_and_titles_are_not_copying():
    assert align(_doc(WIRE_A, "a"), _doc(WIRE_B, "b")) is None


def test_shared_names_with_full_titles_are_not_copying():
    assert align(_doc(COURT_A, "a"), _doc(COURT_B, "b")) is None


def test_similarity_and_order_are_symmetric():
    a, b = _doc(INTRO_A + SOURCE, "a"), _doc(INTRO_B + REWRITE, "b")
    r1, r2 = align(a, b), align(b, a)
    assert (r1.a, r1.b, r1.similarity, r1.passages) == (r2.a, r2.b, r2.similarity, r2.passages)
    assert r1.a < r1.b and 0 < r1.similarity <= 1


def test_fingerprints_do_not_depend_on_the_process():
    """Workers in other processes (other hash seeds) must produce the same keys."""
    code = ("import sys; from tahqiq.model import Document; from tahqiq.corroborate.reuse import fingerprints; "
            "sys.stdout.write(repr(fingerprints(Document(text=sys.stdin.read(), source='x'))))")
    env = dict(os.environ, PYTHONHASHSEED="12345")
    out = subprocess.run([sys.executable, "-c", code], input=SOURCE, capture_output=True, text=True,
                         env=env, check=True).stdout
    assert out == repr(fingerprints(_doc(SOURCE, "x")))


# ---- properties over generated texts --------------------------------------------------------

_LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"


def _vocab(seed: int, n: int = 3000) -> list[str]:
    rnd = random.Random(seed)
    return ["".join(rnd.choice(_LETTERS) for _ in range(rnd.randint(4, 7))) for _ in range(n)]


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 10**6), length=st.integers(30, 80), edits=st.integers(0, 3))
def test_edited_copies_are_found_and_offsets_are_real(seed, length, edits):
    rnd = random.Random(seed)
    vocab = _vocab(seed)
    passage = [rnd.choice(vocab) for _ in range(length)]
    copy = list(passage)
    # Single-word substitutions, at least ten words apart, never at the ends.
    for k in range(edits):
        copy[8 + k * 10] = rnd.choice(vocab)
    a = " ".join([rnd.choice(vocab) for _ in range(40)] + passage + [rnd.choice(vocab) for _ in range(20)])
    b = " ".join([rnd.choice(vocab) for _ in range(25)] + copy + [rnd.choice(vocab) for _ in range(50)])
    da, db = _doc(a, "a"), _doc(b, "b")
    r = align(da, db)
    assert r is not None
    _check_passages(r, da, db)
    side = 0 if r.a == da.id else 1
    covered = sum(p[side][1] - p[side][0] for p in r.passages)
    assert covered >= 0.8 * len(" ".join(passage))


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 10**6))
def test_unrelated_texts_sharing_short_phrases_are_not_pairs(seed):
    rnd = random.Random(seed)
    vocab = _vocab(seed)
    phrases = [[rnd.choice(vocab) for _ in range(4)] for _ in range(4)]  # names, titles: 4 words each

    def text() -> str:
        words = [rnd.choice(vocab) for _ in range(120)]
        for p in phrases:
            at = rnd.randrange(len(words))
            words[at:at] = p
        return " ".join(words)

    assert align(_doc(text(), "a"), _doc(text(), "b")) is None


# ---- the cross-document stage over a store --------------------------------------------------

def test_find_reuse_skips_stock_paragraphs_shared_by_many_documents(tmp_path):
    """A boilerplate paragraph in many documents is a stock phrase; a real copy still counts."""
    rnd = random.Random(7)
    vocab = _vocab(7)
    stock = " ".join(rnd.choice(vocab) for _ in range(40))
    bodies = [" ".join(rnd.choice(vocab) for _ in range(150)) for _ in range(reuse.COMMON_DF + 4)]
    docs = [_doc(body + "\n\n" + stock, f"d{i}") for i, body in enumerate(bodies)]
    docs.append(_doc(INTRO_A + SOURCE, "orig"))
    docs.append(_doc(INTRO_B + REWRITE, "rewrite"))
    store = open_store(str(tmp_path / "r.db"))
    for d in docs:
        store.add_analysis(Analysis(d), fingerprints(d))
    pairs = {(r.a, r.b) for r in find_reuse(store)}
    assert pairs == {tuple(sorted((docs[-2].id, docs[-1].id)))}


def test_find_reuse_is_incremental(tmp_path):
    """Pairs found earlier are kept; a new document is compared with the stored ones."""
    store = open_store(str(tmp_path / "r.db"))
    a, b = _doc(INTRO_A + SOURCE, "a"), _doc(INTRO_B + REWRITE, "b")
    store.add_analysis(Analysis(a), fingerprints(a))
    assert find_reuse(store) == []
    store.add_analysis(Analysis(b), fingerprints(b))
    found = find_reuse(store, [b.id])
    assert [(r.a, r.b) for r in found] == [tuple(sorted((a.id, b.id)))]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("اأبةتىيءؤ ـًٌَُّ٣5_a-.،\n\u200c\u0670") + ["\U0001d400", "😀"]), max_size=60))
def test_word_bounds_match_the_word_pattern(text):
    """The vectorised tokenizer finds exactly the runs of the documented pattern."""
    starts, ends = reuse._word_bounds(text)
    assert list(zip(starts.tolist(), ends.tolist())) == [m.span() for m in reuse._WORD.finditer(text)]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 30), st.integers(0, 30)).filter(lambda p: p[0] != p[1]), max_size=60))
def test_component_order_keeps_every_pair_and_each_component_contiguous(raw):
    pairs = {(f"d:{min(a, b):02d}", f"d:{max(a, b):02d}") for a, b in raw}
    ordered = reuse.component_order(pairs)
    assert sorted(ordered) == sorted(pairs) and ordered == reuse.component_order(list(pairs)[::-1])
    # Components by search over the graph; their pairs must come in one run each.
    adj: dict[str, set[str]] = {}
    for a, b in pairs:
        adj.setdefault(a, set()).add(b)
        adj.setdefault(b, set()).add(a)
    comp: dict[str, int] = {}
    for start in sorted(adj):
        if start not in comp:
            stack = [start]
            while stack:
                x = stack.pop()
                if x not in comp:
                    comp[x] = len({*comp.values()}) if start == x else comp[start]
                    stack.extend(adj[x] - comp.keys())
    runs = [comp[a] for a, _ in ordered]
    starts = [c for k, c in enumerate(runs) if k == 0 or runs[k - 1] != c]
    assert len(starts) == len(set(starts))


def test_verification_on_a_process_pool_finds_the_same_pairs(tmp_path, monkeypatch):
    """A full link verifies many candidates on the worker pool: same reuse rows as one process."""
    store = open_store(str(tmp_path / "r.db"))
    docs = [_doc(INTRO_A + SOURCE, "a"), _doc(INTRO_B + REWRITE, "b"), _doc(INTRO_B + SOURCE, "c"),
            _doc(INTRO_A + REWRITE, "d"), _doc(INTRO_A, "e")]
    for d in docs:
        store.add_analysis(Analysis(d), fingerprints(d))
    one = find_reuse(store)
    assert len(one) >= 3
    pairs = [(r.a, r.b) for r in one] + [(docs[0].id, docs[-1].id)]
    monkeypatch.setattr(reuse, "PARALLEL_PAIRS", 1)
    from tahqiq.engines.local import LocalEngine
    pooled = reuse.verify_on_pool(pairs, store.texts, None, map_fn=LocalEngine(2).map)
    assert sorted((r.a, r.b, r.similarity, r.passages) for r in pooled) == \
        sorted((r.a, r.b, r.similarity, r.passages) for r in reuse.verify_pairs(pairs, store.texts))
    assert {(r.a, r.b) for r in pooled} >= {(r.a, r.b) for r in one}
