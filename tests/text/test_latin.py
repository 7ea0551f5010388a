"""Latin forms: every person gets one, and Latin-script queries find Arabic entities."""

from __future__ import annotations

import pytest

from tahqiq.query import find_entities
from tahqiq.text.latin import arabic_skeleton, latin_skeleton, romanize


@pytest.mark.parametrize("arabic,latin", [
    ("خالد السويدان", "Khalid al-Suwaidan"),
    ("عبد الرحمن الشمري", "Abdul Rahman Shammari"),
    ("عز الدين القاسم", "Izz ad-Din al-Qassem"),
    ("دير الزور", "Deir ez-Zor"),
    ("أبو بكر الهجيني", "Abu Bakr al-Hajini"),
])
def test_skeletons_agree_across_scripts(arabic, latin):
    assert "".join(arabic_skeleton(arabic)) == "".join(latin_skeleton(latin))


@pytest.mark.parametrize("arabic,latin", [
    ("أحمد الحسن", "Ahmad al-Halabi"),
    ("خالد السويدان", "Khalil al-Sudani"),
])
def test_skeletons_keep_different_consonants_apart(arabic, latin):
    # Skeletons drop vowels and و/ي (search recall), so only consonant differences separate names.
    assert "".join(arabic_skeleton(arabic)) != "".join(latin_skeleton(latin))


def test_romanize_uses_country_when_given():
    assert romanize("عمر طراد")
    assert romanize("عمر طراد", "TN")


@pytest.fixture
def empty_memo(monkeypatch):
    from tahqiq.text import latin
    monkeypatch.setattr(latin, "_MEMO", {})
    return latin


def test_a_name_romanises_the_same_alone_and_in_a_batch(empty_memo):
    # The romaniser's model reads the padding of a shorter name part in a mixed batch
    # ("الملز" alone is not what it is beside "عبدالرحمنيات"), so a full link (one batch of
    # thousands) and an incremental one (a few names) would give one name two Latin forms.
    names = ["الملز", "ريحانلي", "البجيري", "عبدالرحمنيات الشهراني", "سعد الملز", "ريحانلي البجيري"]
    alone = {}
    for n in names:
        empty_memo._MEMO.clear()
        alone[n] = romanize(n)
    empty_memo._MEMO.clear()
    empty_memo.romanize_many((n, None) for n in names)
    assert {n: romanize(n) for n in names} == alone
    # ... because the model decodes each part as it decodes it alone
    model = empty_memo._transliterator().model

    def forms(units):
        return [[text for text, _ in hyps] for hyps in model.transliterate_units(units, None, 2, ["unknown"] * len(units))]
    assert forms(["الملز", "عبدالرحمنيات", "بتر"]) == forms(["الملز"]) + forms(["عبدالرحمنيات"]) + forms(["بتر"])


def test_latin_query_finds_arabic_person(dev_store):
    people = [e for e in dev_store.entities() if e.type == "PER"]
    target = max(people, key=lambda e: len(e.mentions))
    # query with a hand-written romanisation of the entity's Arabic name, not the stored one
    found = find_entities(dev_store, _romanise_by_hand(target.name))
    assert found and found[0].id == target.id


def test_latin_query_finds_place(dev_store):
    place = next(e for e in dev_store.entities() if e.type == "LOC" and e.latin == "Aleppo")
    assert find_entities(dev_store, "Aleppo")[0].id == place.id


_HAND = {"ا": "a", "ب": "b", "ت": "t", "ح": "h", "د": "d", "ر": "r", "س": "s", "ع": "'", "ق": "q",
         "ل": "l", "م": "m", "ن": "n", "و": "ou", "ي": "i", "ه": "h", "ة": "a", "ف": "f", "ز": "z",
         "أ": "a", "إ": "i", "ج": "j", "ش": "sh", "ص": "s", "ط": "t", "ك": "k", "خ": "kh", "غ": "gh"}


def _romanise_by_hand(name: str) -> str:
    words = []
    for w in name.split():
        pre = "al-" if w.startswith("ال") else ""
        w = w[2:] if pre else w
        words.append(pre + "".join(_HAND.get(c, "") for c in w).capitalize())
    return " ".join(words)


def test_transliterate_fallback_is_never_empty_for_arabic():
    from tahqiq.text.latin import transliterate
    assert transliterate("عبد الهادي العلي") == "Abd al-Hadi al-Ali"
    assert transliterate("123") is None


def test_cli_entity_accepts_a_latin_query(dev_store):
    import subprocess
    import sys
    target = max((e for e in dev_store.entities() if e.type == "PER"), key=lambda e: len(e.mentions))
    r = subprocess.run([sys.executable, "-m", "tahqiq", "entity", _romanise_by_hand(target.name),
                        "--db", dev_store.url], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0 and target.name in r.stdout
