"""How the statistical tagger's spans join the rule and gazetteer mentions."""

from __future__ import annotations

import pytest

from tahqiq.extract.mentions import combine, find_mentions, plausible
from tahqiq.model import Mention


def _m(text: str, span: str, typ: str, source: str = "ner") -> Mention:
    s = text.index(span)
    return Mention("d", s, s + len(span), span, typ, source)


@pytest.mark.parametrize("span,typ", [
    ("فرانسوا دوبوا", "PER"), ("أنطوني بلينكن", "PER"), ("عبد الله القحطاني", "PER"),
    ("جان دوبوا", "PER"), ("دير شبيغل", "ORG"), ("سانت آندروز", "LOC"), ("20 ألف دولار", "MONEY"),
])
def test_plausible_spans(span, typ):
    assert plausible(Mention("d", 0, len(span), span, typ, "ner"))


@pytest.mark.parametrize("span,typ", [
    ("دير الزور الشرقي", "PER"), ("بريف ديرالزور", "PER"), ("عشية هروب", "PER"), ("جوازي", "PER"),
    ("أرياف مدينة", "PER"), ("طفلين", "LOC"), ("جديدي", "ORG"), ("المدعو حامد", "PER"),
])
def test_implausible_spans(span, typ):
    assert not plausible(Mention("d", 0, len(span), span, typ, "ner"))


def test_rules_win_and_full_names_beat_gazetteer_words():
    text = "التقى السفير جان دوبوا المدعو خالد العمر في مدينة غازي عنتاب."
    rules = find_mentions("d", text)
    assert any(m.text == "جان" for m in rules)  # the gazetteer alone reads a town here
    ner = [_m(text, "جان دوبوا", "PER"), _m(text, "المدعو خالد", "ORG"), _m(text, "عنتاب", "PER")]
    got = {(m.text, m.type) for m in combine(ner, rules)}
    assert ("جان دوبوا", "PER") in got and ("جان", "LOC") not in got
    assert ("خالد العمر", "PER") in got and ("المدعو خالد", "ORG") not in got
    assert ("غازي عنتاب", "LOC") in got and ("عنتاب", "PER") not in got
