"""Arabic name parsing: golden cases for each naming phenomenon."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tahqiq.resolve.names import family_key, is_subchain, parse_name


def test_ism_nasab_family():
    p = parse_name("عبد الهادي عبد اللطيف الحلوم")
    assert (p.ism, p.nasab, p.family, p.kunya) == ("عبدالهادي", ("عبداللطيف",), "الحلوم", None)
    assert p.is_full and p.core == ("عبدالهادي", "عبداللطيف", "الحلوم")


def test_kunya_with_nisba():
    p = parse_name("أبو حمزة القرعاني")
    assert p.kunya == "ابو حمزه" and p.ism is None and p.nisba == ("القرعاني",)
    assert p.kunya_key == "ابو حمزه القرعاني"
    assert parse_name("أبو حمزه القرعاني").kunya_key == p.kunya_key  # ة/ه variant


@pytest.mark.parametrize("a,b", [
    ("عزالدين الأحمد", "عز الدين الأحمد"),
    ("أبو عبد لله المصري", "أبو عبد الله المصري"),
    ("عبدالله العمر", "عبد الله العمر"),
    ("أبي بكر البغدادي", "أبو بكر البغدادي"),
    ("مصطفى العلي", "مصطفي العلي"),      # ى / ي
    ("إبراهيم البندر", "ابراهيم البندر"),  # hamza forms
])
def test_spelling_variants_share_a_key(a, b):
    assert parse_name(a).key == parse_name(b).key


@pytest.mark.parametrize("text,nisba", [
    ("أبو عبد الرحمن التونسي", ("التونسي",)),
    ("أبو عبد الله المصري", ("المصري",)),
    ("أبو فاطمة شنان", ("شنان",)),
])
def test_kunya_compounds_and_laqab(text, nisba):
    p = parse_name(text)
    assert p.kunya is not None and " " in p.kunya and p.nisba == nisba and p.ism is None


def test_kunya_before_a_full_name():
    p = parse_name("أبو محمد خالد العلي")
    assert (p.kunya, p.ism, p.family) == ("ابو محمد", "خالد", "العلي")
    assert p.kunya_key is None  # the kunya is not the person's only handle


def test_lone_parts():
    assert parse_name("العلي").is_surname_only
    assert parse_name("حامد").ism == "حامد" and not parse_name("حامد").is_full
    assert parse_name("أبو تمام").kunya == "ابو تمام" and parse_name("أبو تمام").kunya_key is None


def test_connectors_dropped():
    assert parse_name("محمد بن سلمان").core == ("محمد", "سلمان")


def test_subchain_partial_names():
    long = parse_name("إبراهيم خليل البندر").core
    assert is_subchain(parse_name("إبراهيم البندر").core, long)
    assert is_subchain(parse_name("ماجد سليمان").core, parse_name("ماجد سليمان العيد").core)


@pytest.mark.parametrize("a,b", [
    ("إبراهيم محمد البندر", "إبراهيم خليل البندر"),  # different fathers
    ("محمد البندر", "إبراهيم البندر"),              # different isms, same family
    ("محمد أحمد العلي", "أحمد العلي"),              # son's chain contains the father's name
    ("أحمد الحسن", "أحمد الحسين"),                  # one letter apart
])
def test_not_subchains(a, b):
    x, y = parse_name(a).core, parse_name(b).core
    assert not is_subchain(x, y) and not is_subchain(y, x)


def test_family_key_drops_article():
    assert family_key("الحلوم") == family_key("حلوم") == "حلوم"


_letters = st.sampled_from(list("ابتثجحخدذرزسشصضطظعغفقكلمنهوي"))
_word = st.lists(_letters, min_size=2, max_size=7).map("".join)


@given(st.lists(_word, min_size=1, max_size=5))
def test_parse_never_fails_and_subchain_is_reflexive(words):
    p = parse_name(" ".join(words))
    assert p.tokens
    if p.core:
        assert is_subchain(p.core, p.core)
