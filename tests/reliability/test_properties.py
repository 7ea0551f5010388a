"""Property-based tests (Hypothesis): offset maps, name parsing, money and dates, and the
export -> import -> export round trip."""

from __future__ import annotations

import copy
import json
import re
from datetime import date

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from tahqiq.errors import InputError
from tahqiq.ingest.dates import MONTHS, parse_date
from tahqiq.text.normalize import INVISIBLE, norm, normalize, visible

from tests.conftest import stable

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

ARABIC = [chr(c) for c in range(0x0621, 0x064B)] + ["أ", "إ", "آ", "ٱ", "ى", "ة", "ؤ", "ئ", "ی", "ک", "۰", "٣"]
MARKS = [chr(c) for c in range(0x064B, 0x0653)] + ["\u0640", "\u0670"]
ODD = ["İ", "Σ", "ς", "ẞ", "ﬁ", "K", "Å", "\u0130", "\u2126", "«", "»", "،", "؟", "\u00a0", "\r", "\n", " "]
CHARS = st.sampled_from(ARABIC + MARKS + sorted(INVISIBLE) + ODD + list("abcXYZ 0123.,-"))
TEXT = st.one_of(st.text(CHARS, max_size=60), st.text(max_size=40))


def _span(draw, n: int) -> tuple[int, int]:
    i = draw(st.integers(0, n))
    j = draw(st.integers(i, n))
    return i, j


@SETTINGS
@given(TEXT, st.data())
def test_normalised_spans_map_back_to_the_original(text, data):
    n = normalize(text)
    assert n.text == norm(text)
    assert len(n.offsets) == len(n.text) and n.offsets == sorted(set(n.offsets))
    i, j = _span(data.draw, len(n.text))
    a, b = n.to_original(i, j)
    assert 0 <= a <= b <= len(text)
    assert norm(text[a:b]) == n.text[i:j]


@SETTINGS
@given(TEXT, st.data())
def test_visible_view_maps_back_and_drops_only_invisible_characters(text, data):
    v = visible(text)
    assert not set(v.text) & INVISIBLE
    assert [c for c in text if c not in INVISIBLE] == list(v.text)
    i, j = _span(data.draw, len(v.text))
    a, b = v.to_original(i, j)
    assert visible(text[a:b]).text == v.text[i:j]


def test_property_runs_are_recorded(figures):
    figures.add("Hypothesis: normalise / visible-view offset maps round-trip (random Arabic, marks, "
                "invisible and case-expanding characters)", 2 * SETTINGS.max_examples, "held")


# ---- names -----------------------------------------------------------------------------------
names_mod = pytest.importorskip("tahqiq.resolve.names")
NAME_WORDS = ["محمد", "أحمد", "عبد الله", "عز الدين", "نصر الله", "أبو", "أم", "بن", "حمزة", "النوري", "القرعاني",
              "الحلوم", "عبدالله", "حامد", "إبراهيم", "ابن", "الأحمد", "العلي", "الشامي", "عيسى", "يحيى"]
NAME = st.lists(st.sampled_from(NAME_WORDS), min_size=1, max_size=6).map(" ".join)


@SETTINGS
@given(st.one_of(NAME, TEXT))
def test_name_parsing_never_fails_and_gives_matching_forms(name):
    p = names_mod.parse_name(name)
    for t in p.tokens:
        assert t == norm(t) and t.strip() == t and t
    assert p.key == " ".join(p.tokens)


@SETTINGS
@given(NAME, st.sampled_from(sorted(INVISIBLE)), st.data())
def test_names_keep_their_key_through_invisible_characters_and_spelling(name, ch, data):
    pos = data.draw(st.lists(st.integers(0, len(name)), max_size=3))
    poisoned = name
    for k in sorted(pos, reverse=True):
        poisoned = poisoned[:k] + ch + poisoned[k:]
    base = names_mod.parse_name(name)
    assert names_mod.parse_name(poisoned).key == base.key
    variant = name.replace("أ", "ا").replace("إ", "ا").replace("ة", "ه").replace("ى", "ي")
    assert names_mod.parse_name(variant).key == base.key
    assert names_mod.parse_name(name.replace("عبد الله", "عبدالله")).key == names_mod.parse_name(
        name.replace("عبدالله", "عبد الله")).key


def test_name_runs_are_recorded(figures):
    figures.add("Hypothesis: name parsing (never fails; invisible characters, hamza/ya/ta-marbuta variants and "
                "compound spacing keep the key)", 3 * SETTINGS.max_examples, "held")


# ---- dates -----------------------------------------------------------------------------------
DIGITS = {"latin": "0123456789", "arabic-indic": "٠١٢٣٤٥٦٧٨٩", "persian": "۰۱۲۳۴۵۶۷۸۹"}
MONTH_NAMES = {m: [k for k, v in MONTHS.items() if v == m] for m in range(1, 13)}


@SETTINGS
@given(st.dates(date(1900, 1, 1), date(2100, 12, 31)), st.sampled_from(sorted(DIGITS)), st.data())
def test_dates_round_trip_in_every_digit_set(d, digits, data):
    tr = str.maketrans("0123456789", DIGITS[digits])
    month = data.draw(st.sampled_from(MONTH_NAMES[d.month]))
    form = data.draw(st.sampled_from(["named", "iso"]))
    s = f"{d.day} {month} {d.year}" if form == "named" else d.isoformat()
    text = data.draw(st.sampled_from(["{}", "نشر في {}", "أضيف في {} الساعة 10:12", "بتاريخ {} ،"])).format(s)
    assert parse_date(text.translate(tr)) == d.isoformat(), text.translate(tr)


@SETTINGS
@given(TEXT)
def test_parse_date_never_fails_and_returns_a_real_date(text):
    r = parse_date(text)
    if r is not None:
        assert re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", r)
        y, m, *rest = map(int, r.split("-"))
        assert 1900 <= y <= 2100 and 1 <= m <= 12
        if rest:
            date(y, m, rest[0])


money_mod = pytest.importorskip("tahqiq.extract.money")


@SETTINGS
@given(st.integers(1, 999), st.sampled_from(sorted(DIGITS)), st.sampled_from([("ألف", 1000), ("مليون", 10 ** 6)]),
       st.sampled_from([("دولار", "USD"), ("يورو", "EUR")]), st.sampled_from(["دفع {} للمهربين", "مبلغ {}", "{}"]))
def test_money_amounts_in_every_digit_set(n, digits, scale, cur, frame):
    tr = str.maketrans("0123456789", DIGITS[digits])
    amount = f"{str(n).translate(tr)} {scale[0]} {cur[0]}"
    text = frame.format(amount)
    found = money_mod.find_money(text)
    assert found, text
    m = found[0]
    assert text[m.start:m.end] == m.surface
    assert (m.value, m.unit) == (n * scale[1], cur[1]), (text, m)


@SETTINGS
@given(TEXT)
def test_money_never_fails_and_spans_quote_the_text(text):
    for m in money_mod.find_money(text):
        assert text[m.start:m.end] == m.surface and m.value >= 0


def test_date_money_runs_are_recorded(figures):
    figures.add("Hypothesis: dates (named months incl. Levantine/Maghrebi, ISO; Latin, Arabic-Indic, Persian "
                "digits) and money amounts round-trip; arbitrary text never fails", 4 * SETTINGS.max_examples,
                "held")


# ---- export -> import -> export -------------------------------------------------------------------
WORDS = ["قال", "مصدر", "إن", "حامد", "النوري", "فر", "من", "دير", "الزور", "إلى", "تركيا", "وأضاف", "أن",
         "محمد", "الأحمد", "اعتقل", "في", "أعزاز", "«داعش»", "٢٠١٧", "\u200f"]


@st.composite
def graphs(draw):
    from tahqiq.model import Analysis, Claim, Document, Entity, Evidence, Mention, Reuse, stable_id

    n_docs = draw(st.integers(1, 4))
    docs = []
    for k in range(n_docs):
        words = draw(st.lists(st.sampled_from(WORDS), min_size=3, max_size=30))
        docs.append(Document(text=" ".join(words) + f" ({k})", source=f"s{k}.txt",
                             title=draw(st.one_of(st.none(), st.text(max_size=10))), language="ar",
                             outlet=draw(st.sampled_from([None, "عنب بلدي", "<b>x</b>"]))))
    docs = list({d.id: d for d in docs}.values())
    mentions = []
    for d in docs:
        for _ in range(draw(st.integers(0, 5))):
            i, j = _span(draw, len(d.text))
            assume(j > i)
            mentions.append(Mention(d.id, i, j, d.text[i:j], draw(st.sampled_from(["PER", "LOC", "ORG"]))))
    mentions = list({m.id: m for m in mentions}.values())
    groups = draw(st.lists(st.integers(0, 3), min_size=len(mentions), max_size=len(mentions)))
    entities, links = [], {}
    for g in sorted(set(groups)):
        ms = [m for m, x in zip(mentions, groups) if x == g]
        eid = stable_id("e", g, ms[0].id)
        entities.append(Entity(eid, ms[0].type, ms[0].text, None, sorted({m.text for m in ms}), [],
                               sorted(m.id for m in ms), draw(st.sampled_from([None, {"lat": 36.5, "lon": 37.1, "ref": "g:1"}]))))
        links.update({m.id: eid for m in ms})
    claims = []
    for e in entities[:3]:
        d = docs[0]
        i, j = _span(draw, len(d.text))
        obj = draw(st.sampled_from([{"text": "تركيا"}, {"value": 20000, "unit": "USD"}, {"entity": entities[-1].id}]))
        claims.append(Claim(stable_id("c", e.id, "fled_to", json.dumps(obj)), e.id, "fled_to", obj,
                            {"date": "2017-06"}, [Evidence(d.id, i, j, d.text[i:j], [{"text": "مصدر"}], draw(st.booleans()))],
                            1, "single-source"))
    reuse = []
    if len(docs) > 1:
        a, b = sorted([docs[0].id, docs[1].id])
        reuse.append(Reuse(a, b, 0.5, [((0, 3), (1, 4))]))
    by_doc = {d.id: [m for m in mentions if m.doc == d.id] for d in docs}
    return [Analysis(d, mentions=by_doc[d.id]) for d in docs], entities, links, claims, reuse


def _export_of(db, analyses=None, graph=None):
    from tahqiq.export import export_dict
    from tahqiq.store import open_store
    store = open_store(str(db))
    try:
        if analyses is not None:
            store.add_analyses([(a, ()) for a in analyses])
            store.replace_graph(*graph)
        return json.loads(json.dumps(export_dict(store), ensure_ascii=False))
    finally:
        store.close()


_counter = iter(range(10 ** 9))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(graphs())
def test_export_import_export_is_identity(tmp_path, g):
    from tahqiq.export.importer import load
    from tahqiq.store import open_store
    k = next(_counter)
    analyses, entities, links, claims, reuse = g
    first = _export_of(tmp_path / f"a{k}.db", analyses, (entities, links, claims, reuse))
    store = open_store(str(tmp_path / f"b{k}.db"))
    load(copy.deepcopy(first), store)
    load(copy.deepcopy(first), store)  # idempotent
    store.close()
    assert stable(_export_of(tmp_path / f"b{k}.db")) == stable(first)  # the custody log adds "imported"


def test_real_export_round_trips(dev_export, tmp_path, figures):
    from tahqiq.export.importer import load
    from tahqiq.store import open_store
    ex = json.loads(json.dumps(dev_export, ensure_ascii=False))
    store = open_store(str(tmp_path / "r.db"))
    load(ex, store)
    store.close()
    again = _export_of(tmp_path / "r.db")
    assert stable(again) == stable(ex)
    for a, b in zip(again["documents"], ex["documents"]):  # the history travels; the import is logged
        assert a["custody"][:len(b["custody"])] == b["custody"] and a["custody"][-1]["event"] == "imported"
    figures.add("export -> import -> export: generated graphs (Hypothesis) and the dev build", 41,
                "identical exports; loading twice changes nothing")


MUTATIONS = [
    lambda e: e.update(format="tahqiq/2"), lambda e: e["documents"][0].update(text=e["documents"][0]["text"] + "x"),
    lambda e: e["documents"][0].update(id="d:0"), lambda e: e["documents"][0].pop("text"),
    lambda e: e["entities"][0]["mentions"][0].update(start=-1),
    lambda e: e["entities"][0]["mentions"][0].update(end=10 ** 9),
    lambda e: e["entities"][0]["mentions"][0].update(text="ليس هنا"),
    lambda e: e["entities"][0]["mentions"][0].update(doc="d:nope"), lambda e: e["entities"][0].pop("id"),
    lambda e: e["claims"][0].update(subject="e:nope"), lambda e: e["claims"][0].update(evidence=[]),
    lambda e: e["claims"][0]["evidence"][0].update(start="0"), lambda e: e["claims"][0].update(object=[1]),
    lambda e: e.update(documents="nope"), lambda e: e["reuse"].append({"docs": ["d:x", "d:y"], "similarity": 1}),
    lambda e: e["documents"].append(copy.deepcopy(e["documents"][0])), lambda e: e["entities"][0].update(name=None),
]


@pytest.mark.parametrize("i", range(len(MUTATIONS)))
def test_bad_exports_are_refused_before_anything_is_written(dev_export, tmp_path, i, figures):
    from tahqiq.export.importer import load
    from tahqiq.store import open_store
    ex = json.loads(json.dumps(dev_export, ensure_ascii=False))
    MUTATIONS[i](ex)
    store = open_store(str(tmp_path / "m.db"))
    with pytest.raises(InputError):
        load(ex, store)
    assert store.counts()["documents"] == 0
    store.close()
    if i == len(MUTATIONS) - 1:
        figures.add("corrupted exports given to the importer (wrong format, ids, spans, references, types)",
                    len(MUTATIONS), "each refused with InputError naming the item; nothing written")
