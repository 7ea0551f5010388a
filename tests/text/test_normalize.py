"""Normalisation for matching never alters the stored text and maps offsets back."""

from __future__ import annotations

from hypothesis import given, strategies as st

from tahqiq.text import normalize, norm, sentences, tokens


def test_folds_arabic_variants():
    assert norm("أبو حمزة") == norm("ابو حمزه")
    assert norm("إبراهيم") == norm("ابراهيم")
    assert norm("مُصْطَفَى") == norm("مصطفي")
    assert norm("عـــلي") == "علي"
    assert norm("٢٠١٧") == "2017" and norm("۲۰۱۷") == "2017"
    assert norm("“حامد”") == '"حامد"'


def test_zero_width_and_bidi_controls_are_dropped():
    assert norm("حا\u200bمد\u202e النوري") == norm("حامد النوري")


def test_offsets_point_into_the_original():
    text = "وصلَ الـمدعو “أبو حَمزة” إلى تركيا"
    nz = normalize(text)
    i = nz.text.index("ابو حمزه")
    s, e = nz.to_original(i, i + len("ابو حمزه"))
    assert text[s:e] == "أبو حَمزة"


_ARABICISH = st.text(alphabet=st.sampled_from(list("أإآابتةثجحخدذرزسشصضطظعغفقكلمنهوىيءؤئ ًٌٍَُِّْـ٠١٢٣\u200b\u202e“”«».،\n abc")), max_size=80)


@given(_ARABICISH, st.data())
def test_offset_map_round_trips(text, data):
    nz = normalize(text)
    assert len(nz.offsets) == len(nz.text)
    assert all(text[o] for o in nz.offsets)
    if nz.text:
        a = data.draw(st.integers(0, len(nz.text) - 1))
        b = data.draw(st.integers(a + 1, len(nz.text)))
        s, e = nz.to_original(a, b)
        assert norm(text[s:e]) == nz.text[a:b]
    assert nz.text == norm(text)


def test_sentences_and_tokens_have_offsets():
    text = "قال المصدر إن القيادي فرّ. ووصل إلى تركيا؟ نعم!\nسطر جديد بدون نقطة"
    ss = sentences(text)
    assert [text[s.start:s.end] for s in ss] == ["قال المصدر إن القيادي فرّ.", "ووصل إلى تركيا؟", "نعم!", "سطر جديد بدون نقطة"]
    for t in tokens(text):
        assert text[t.start:t.end] == t.text
    assert "فرّ" in [t.text for t in tokens(text)]


def test_decimal_point_does_not_split():
    assert len(sentences("دفع 3.5 مليون دولار للمهربين.")) == 1
