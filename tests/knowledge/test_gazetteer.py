"""Places, nationalities and organisations: golden look-ups, must-find and must-not-find."""

from __future__ import annotations

import pytest

from tahqiq.knowledge import gazetteer
from tahqiq.knowledge.gazetteer import demonyms, lookup, organizations
from tahqiq.text.normalize import norm


@pytest.mark.parametrize("text,name", [
    ("أعزاز", "I‘zāz"), ("اعزاز", "I‘zāz"), ("#اعزاز", "I‘zāz"), ("إعزاز", "I‘zāz"),
    ("دير الزور", "Deir ez-Zor"), ("ديرالزور", "Deir ez-Zor"), ("بدير الزور", "Deir ez-Zor"),
    ("محافظة دير الزور", "Deir ez-Zor"), ("وحلب", "Aleppo"), ("للرقة", "Ar Raqqah"),
    ("البوكمال", "Ālbū Kamāl"), ("البو كمال", "Ālbū Kamāl"), ("مدينة الميادين", "Al Mayādīn"),
    ("شانلي أورفا", "Şanlıurfa"), ("تركيا", "Turkey"), ("سورية", "Syria"),
])
def test_must_find_places(text, name):
    p = lookup(text)
    assert p is not None and p.name == name


@pytest.mark.parametrize("text,code", [
    ("السعودية", "SA"), ("بالسعودية", "SA"), ("الإمارات", "AE"), ("أمريكا", "US"), ("أميركا", "US"),
    ("الولايات المتحدة الأمريكية", "US"), ("بريطانيا", "GB"), ("فلسطين", "PS"), ("سلطنة عمان", "OM"),
])
def test_everyday_country_names(text, code):
    """The press's short names of countries, which CLDR's formal names lack (data/country_names.tsv)."""
    p = lookup(text)
    assert p is not None and p.kind == "country" and p.country == code


def test_countryside_is_a_region_of_its_city():
    rif = lookup("بريف حلب الشمالي")
    city = lookup("حلب")
    assert rif.kind == "region" and rif.ref.startswith(city.ref) and rif.ref != city.ref
    assert lookup("ريف حلب الشمالي") == rif and lookup("ريف حلب").ref != rif.ref


def test_admin_units_and_continents():
    assert lookup("ريف دمشق").kind == "province"  # a governorate (data/admin_units.tsv)
    # "عسير" (also "difficult") is written after "منطقة" so often that it is no everyday word
    # (place_stopwords.py); "إطار" (framework; a town in GeoNames) stays one
    assert lookup("منطقة عسير").kind == "province" and lookup("عسير").kind == "province"
    assert lookup("إطار") is None
    assert lookup("شرورة").kind == "district" and lookup("شرورة").country == "SA"
    assert lookup("المنطقة الشرقية").country == "SA"  # a province before Oman's district of the name
    assert lookup("أوروبا").ref == "region:Europe" and lookup("بأوروبا").ref == "region:Europe"


@pytest.mark.parametrize("text", ["المطار", "الداخلية", "هاتين", "كان", "ريف", "التنظيم", "الحويجة الغربية"])
def test_must_not_find_everyday_words_or_unknown_places(text):
    assert lookup(text) is None


def test_countries_have_a_point():
    p = lookup("ألمانيا")
    assert p.kind == "country" and p.lat is not None


@pytest.mark.parametrize("word,code", [
    ("الكازاخية", "KZ"), ("الكازاخستاني", "KZ"), ("الشيشاني", "RU"), ("التونسي", "TN"),
    ("المصرية", "EG"), ("السوريين", "SY"), ("العراقيون", "IQ"),
])
def test_demonyms_map_to_country(word, code):
    assert demonyms()[norm(word)] == code


def test_organisation_aliases_and_user_table(tmp_path, monkeypatch):
    assert organizations()[norm("قسد")].name == "قوات سوريا الديمقراطية"
    user = tmp_path / "orgs.tsv"
    user.write_text("لواء المعتصم\tORG\tفرقة المعتصم\n", encoding="utf-8")
    monkeypatch.setenv("TAHQIQ_ORGS", str(user))
    gazetteer.organizations.cache_clear()
    try:
        assert organizations()[norm("فرقة المعتصم")].name == "لواء المعتصم"
    finally:
        monkeypatch.delenv("TAHQIQ_ORGS")
        gazetteer.organizations.cache_clear()


@pytest.mark.parametrize("text,name", [
    ("سروج", "Suruç"), ("بلدة سروج", "Suruç"),  # the dev split's Suruç bombing: GeoNames has no Arabic name
    ("التريمسة", "Tremseh"), ("نصيبين", "Nusaybin"),
])
def test_small_towns_match_by_transliteration(text, name):
    p = lookup(text)
    assert p is not None and p.name == name and p.lat is not None


@pytest.mark.parametrize("text", ["الشحيل", "ذيبان"])
def test_transliteration_gives_no_answer_when_unsure(text):
    # "الشحيل" sounds like Sahiwal (Pakistan) and Şeyhli (a Turkish village of unknown size);
    # "ذيبان" is a village in both Syria and Jordan: no guess
    assert gazetteer.small_place(text) is None


def test_the_old_module_path_is_the_same_module():
    import importlib

    from tahqiq.knowledge import gazetteer as new
    old = importlib.import_module("tahqiq.resolve.gazetteer")
    from tahqiq.resolve import gazetteer as old_attr
    from tahqiq.resolve.gazetteer import lookup
    assert old is new and old_attr is new and lookup is new.lookup


def test_recorded_given_names_add_names_not_everyday_words():
    from tahqiq.data import given_names, recorded_given_names
    rec = recorded_given_names()
    assert given_names() < rec
    assert {norm("محسن"), norm("صهيب"), norm("تيسير")} <= rec - given_names()
    # words of the news that some people of record also bear stay out: born, example, they two
    assert not {norm("ولد"), norm("مثال"), norm("هما"), norm("الفضلي")} & rec
