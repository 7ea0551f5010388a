"""Claims: golden Arabic sentences with must-find / must-not-find lists, and dev-set invariants.

A claim is written ``(subject surface, predicate, object)`` where the object is the
surface of an entity or literal, a number for money and ages, or an ISO country
code for nationality and passport.
"""

from __future__ import annotations

import pytest

from tahqiq.extract.claims import extract_claims
from tahqiq.extract.mentions import find_mentions
from tahqiq.text.segment import sentences, tokens


def run(text: str, published: str | None = None, **kw):
    ms = find_mentions("d", text, tokens(text))
    return extract_claims("d", text, sentences(text), ms, published=published, **kw), {m.id: m for m in ms}


def triples(text: str, published: str | None = None, **kw) -> set[tuple]:
    out, by_id = run(text, published, **kw)
    res = set()
    for a in out:
        o = a.object
        obj = o.get("country") or o.get("value") or o.get("text")
        res.add((by_id[a.subject].text, a.predicate, obj))
    return res


# (text, must find, must not find)
GOLDEN = [
    # alias: "المدعو X والملقب بـ Y", brackets either way round
    ("عُرف منهم نائب أمير جهاز الحسبة في مدينة العشارة المدعو “حامد النوري” والملقب بــ “أبو حمزة القرعاني” "
     "والذي ينحدر من مدينة القورية بريف دير الزور.",
     {("حامد النوري", "alias", "أبو حمزة القرعاني"), ("حامد النوري", "origin", "القورية"),
      ("حامد النوري", "role", "نائب أمير جهاز الحسبة في مدينة العشارة")},
     {("أبو حمزة القرعاني", "origin", "القورية"), ("حامد النوري", "origin", "دير الزور")}),
    ("ومن هؤلاء أبو عبد الرحمن التونسي (عمر طراد) ويحمل جوازي سفر بلجيكي وإيطالي، وهو تونسي الجنسية بالأصل، "
     "وشغل منصب الأمني العام في دير الزور حيث فر وبحوزته ما يقارب 300 ألف دولار.",
     {("عمر طراد", "alias", "أبو عبد الرحمن التونسي"), ("عمر طراد", "passport", "BE"),
      ("عمر طراد", "passport", "IT"), ("عمر طراد", "nationality", "TN"),
      ("عمر طراد", "role", "الأمني العام في دير الزور"), ("عمر طراد", "carried", 300000)},
     {("عمر طراد", "nationality", "BE")}),
    ("وعرف منهم، همام التركي (أبو تمام) أمير عسكري بقطاعات المطار.",
     {("همام التركي", "alias", "أبو تمام"), ("همام التركي", "role", "أمير عسكري بقطاعات المطار")},
     {("همام التركي", "nationality", "TR")}),
    # movement, fled from, role after a name
    ("وبحسب شبكة فرات بوست المحلية، فإن المدعو \"ماجد سليمان العيد\" والملقب بــ\"أبو فاطمة شنان\"، مسؤول مكتب "
     "الإستتابة في محافظة دير الزور، وصل إلى مدينة (شانلي أورفا) جنوب تركيا، بعد فراره من ريف دير الزور.",
     {("ماجد سليمان العيد", "alias", "أبو فاطمة شنان"), ("ماجد سليمان العيد", "arrived_in", "شانلي أورفا"),
      ("ماجد سليمان العيد", "fled_from", "دير الزور"),
      ("ماجد سليمان العيد", "role", "مسؤول مكتب الإستتابة في محافظة دير الزور")},
     {("ماجد سليمان العيد", "arrived_in", "تركيا"), ("أبو فاطمة شنان", "arrived_in", "شانلي أورفا")}),
    ("وسافر عمر الحسن عام 2014 من باريس إلى إسطنبول.",
     {("عمر الحسن", "traveled_to", "إسطنبول")}, {("عمر الحسن", "traveled_to", "باريس")}),
    ("ويُرجح أن محمود العلي فر إلى العراق.", {("محمود العلي", "fled_to", "العراق")}, set()),
    ("ويقيم محمد السالم في مدينة أورفا منذ عام 2015.", {("محمد السالم", "resided_in", "أورفا")}, set()),
    # defection, founding, membership
    ("وأعلن العقيد أحمد الخالد انشقاقه عن الجيش السوري.",
     {("أحمد الخالد", "defected_from", "الجيش السوري")}, set()),
    ("انشق الملازم أول محمد العبدالله عن النظام ووصل إلى الأردن.",
     {("محمد العبدالله", "defected_from", "النظام"), ("محمد العبدالله", "arrived_in", "الأردن"),
      ("محمد العبدالله", "role", "الملازم أول")}, set()),  # a rank is a role (GUIDELINES §2)
    ("وكان أبو محمد الجولاني، الذي أسس جبهة النصرة، قد ظهر في تسجيل مصور.",
     {("أبو محمد الجولاني", "founded", "جبهة النصرة")}, set()),
    ("ويتحدر رامي العلي من مدينة دير الزور، وهو عنصر في تنظيم داعش.",
     {("رامي العلي", "origin", "دير الزور"), ("رامي العلي", "member_of", "تنظيم داعش")}, set()),
    # arrest, surrender, killed, injured, age
    ("وأوقفت السلطات التركية محمد العلي (35 عاماً) في مدينة غازي عنتاب.",
     {("محمد العلي", "arrested_in", "غازي عنتاب"), ("محمد العلي", "arrested_by", "السلطات التركية"),
      ("محمد العلي", "age", 35)},
     {("محمد العلي", "arrested_in", "TR")}),
    ("وألقت قوات الأمن القبض على سامر الأحمد البالغ من العمر 40 عاما في حمص.",
     {("سامر الأحمد", "arrested_in", "حمص"), ("سامر الأحمد", "age", 40)}, set()),
    ("وقالت وكالة الأناضول إن الشرطة التركية اعتقلت القيادي في داعش حسن الأحمد في إسطنبول.",
     {("حسن الأحمد", "arrested_in", "إسطنبول"), ("حسن الأحمد", "arrested_by", "الشرطة التركية")}, set()),
    ("وسلم علي الحسين نفسه إلى قوات سوريا الديمقراطية عند معبر الصالحية.",
     {("علي الحسين", "surrendered_to", "قوات سوريا الديمقراطية"), ("علي الحسين", "surrendered_at", "الصالحية")},
     set()),
    ("وقتل القيادي أبو عمر الشيشاني في غارة على مدينة الشرقاط العراقية.",
     {("أبو عمر الشيشاني", "killed_in", "الشرقاط")}, set()),
    ("وأصيب خالد المحمد بجروح في انفجار في مدينة الباب.", {("خالد المحمد", "injured_in", "الباب")}, set()),
    # a title used before for one person stands for him
    ("وكان العقيد محمد الحسن قائدا للواء المدرعات، وقد انشق العقيد عن الجيش في آذار 2012.",
     {("محمد الحسن", "defected_from", "الجيش"), ("محمد الحسن", "role", "قائدا للواء المدرعات")}, set()),
    # negatives: a place near a name is no movement; a speaker is no subject; a plural verb about a group noun
    ("والتقى فادي العمر في مدينة حلب بعدد من القادة.", set(),
     {("فادي العمر", "arrived_in", "حلب"), ("فادي العمر", "resided_in", "حلب")}),
    ("وقال محمد الأحمد لموقع الحل إن حالات الهروب إلى مدينة اعزاز ازدادت.", set(),
     {("محمد الأحمد", "fled_to", "اعزاز"), ("محمد الأحمد", "arrived_in", "اعزاز")}),
    ("وقال الناشط محمد الأحمد إن أبو بكر العراقي فر إلى مدينة الرقة.",
     {("أبو بكر العراقي", "fled_to", "الرقة")}, {("محمد الأحمد", "fled_to", "الرقة")}),
    ("ومن هؤلاء (فراس سفوك) والذي اعتقلته الشرطة الألمانية، وهذا ما قاله عزالدين الأحمد (ناشط من دير الزور "
     "مقيم في تركيا).",
     {("فراس سفوك", "arrested_by", "الشرطة الألمانية")},
     {("فراس سفوك", "resided_in", "تركيا"), ("عزالدين الأحمد", "resided_in", "تركيا"),
      ("عزالدين الأحمد", "origin", "دير الزور")}),
    ("منهم ثلاث عائلات لمقاتلين آسيويين وصلوا مدينة إسطنبول التركية، بعدما دفعوا ثلاثة الاف دولار لكل فرد.",
     set(), {("", "paid", 3000)}),
    ("بينهم مقاتلان يحملان الجنسية الكازاخية.", set(), {("", "nationality", "KZ")}),
    ("ما دفع من تبقى منهم إلى الهروب باتجاه العراق.", set(), {("", "paid", None)}),
]


@pytest.mark.parametrize("text,must,must_not", GOLDEN, ids=[g[0][:30] for g in GOLDEN])
def test_golden(text, must, must_not):
    got = triples(text)
    assert must <= got, f"missing {must - got}"
    for s, p, o in must_not:
        assert not any(p == gp and (not s or s == gs) and (o is None or o == go) for gs, gp, go in got), \
            f"wrongly found {(s, p, o)} in {got}"


def test_group_statement_distributes_movement_and_payment():
    text = ("استطاع بعض القادة الفرار والوصول إلى تركيا عن طريق ريف حلب الشمالي، حيث وصلت تكلفة الواحد منهم "
            "للوصول إلى داخل الاراضي التركية 20 ألف دولار، وعرف منهم، حامد النوري (أبو حمزه القرعاني) نائب "
            "أمير الحسبة، و همام التركي (أبو تمام) أمير عسكري بقطاعات المطار، وعبد الهادي الحلوم أحد افراد "
            "الجهاز الأمني بدير الزور” وفق المصدر.")
    got = triples(text)
    for name in ("حامد النوري", "همام التركي", "عبد الهادي الحلوم"):
        assert (name, "arrived_in", "تركيا") in got
        assert (name, "paid", 20000) in got
        assert (name, "fled_to", "حلب") not in got and (name, "arrived_in", "حلب") not in got
    assert ("عبد الهادي الحلوم", "role", "أحد افراد الجهاز الأمني بدير الزور") in got


def test_anaphoric_group_reaches_back_and_evidence_spans_it():
    text = ("المصادر أوضحت أن مجموعة من القياديين البارزين في التنظيم، فرّوا إلى مدينة أعزاز بريف حلب الشمالي.\n\n"
            "ومن بين الفارين أيضاً قياديين معروفين، كمحمود القصوبة وبشار المداح، الذين ينحدر معظمهم من مدينة "
            "العشارة.")
    out, by_id = run(text)
    moves = [a for a in out if a.predicate == "fled_to"]
    assert {by_id[a.subject].text for a in moves} == {"محمود القصوبة", "بشار المداح"}
    for a in moves:
        assert a.object["text"] == "أعزاز"
        assert a.evidence.quote.startswith("المصادر أوضحت") and by_id[a.subject].text in a.evidence.quote
        assert a.evidence.attributed_to and a.evidence.attributed_to[0]["named"] is False
    # "most of them come from …" is true of no member in particular: kept out unless asked for
    assert not [a for a in out if a.predicate == "origin"]


def test_hedged_group_statement_when_asked():
    text = "ومن بين الفارين كمحمود القصوبة وبشار المداح، الذين ينحدر معظمهم من مدينة العشارة."
    out, by_id = run(text, hedged_groups=True)
    origins = [a for a in out if a.predicate == "origin"]
    assert {by_id[a.subject].text for a in origins} == {"محمود القصوبة", "بشار المداح"}
    assert all(a.evidence.hedged and a.qualifiers["hedge"] == "معظمهم" for a in origins)


def test_plain_plural_list_distributes_unhedged():
    out, by_id = run("وفر محمود القصوبة وبشار المداح، الذين ينحدرون من مدينة العشارة.")
    origins = {by_id[a.subject].text for a in out if a.predicate == "origin" and not a.evidence.hedged}
    assert origins == {"محمود القصوبة", "بشار المداح"}


def test_group_without_destination_does_not_borrow_an_older_one():
    text = ("وصل عدد من المقاتلين إلى مدينة إسطنبول التركية.\n\n"
            "كما فر منتصف الشهر الماضي، قياديين من الصف الأول، عُرف منهم المدعو \"حامد النوري\".")
    out, _ = run(text)
    assert not [a for a in out if a.predicate in ("arrived_in", "fled_to")]


def test_hedge_and_relative_date():
    out, _ = run("ويُرجح أن محمود العلي فر إلى العراق الشهر الماضي.", published="2017-09-07")
    (a,) = [a for a in out if a.predicate == "fled_to"]
    assert a.evidence.hedged and a.qualifiers["hedge"] == "ويُرجح"
    assert a.qualifiers["date"] == "2017-08"


def test_explicit_year_qualifier():
    out, _ = run("وسافر عمر الحسن عام 2014 من باريس إلى إسطنبول.")
    (a,) = [a for a in out if a.predicate == "traveled_to"]
    assert a.qualifiers["date"] == "2014"


def test_money_object_shape():
    out, _ = run("ودفع محمد الحسن خمسة آلاف دولار لمهربين مقابل إيصاله إلى تركيا.")
    (a,) = [a for a in out if a.predicate == "paid"]
    assert a.object == {"value": 5000, "unit": "USD", "text": "خمسة آلاف دولار"}


def test_alias_object_carries_the_kunya_mention():
    out, by_id = run("قال إن همام التركي (أبو تمام) فر.")
    (a,) = [a for a in out if a.predicate == "alias"]
    assert by_id[a.object["mention"]].text == "أبو تمام" and a.object["text"] == "أبو تمام"


# ------------------------------------------------------------------ dev set


def _dev_analyses():
    from tahqiq.ingest import read_inputs
    from tahqiq.pipeline import analyse
    from tests.conftest import EXAMPLES
    return [analyse(d) for d in read_inputs([str(EXAMPLES)]) if not isinstance(d, Exception)]


def test_dev_assertions_quote_their_subject():
    for an in _dev_analyses():
        by_id = {m.id: m for m in an.mentions}
        assert an.assertions
        for a in an.assertions:
            ev = a.evidence
            assert an.doc.text[ev.start:ev.end] == ev.quote
            subj = by_id[a.subject]
            assert subj.type == "PER"
            assert ev.start <= subj.start and subj.end <= ev.end, (a.predicate, subj.text, ev.quote[:60])
            if "mention" in a.object:
                assert a.object["mention"] in by_id


def test_dev_export_claim_evidence(dev_export):
    docs = {d["id"]: d for d in dev_export["documents"]}
    mentions = {e["id"]: e["mentions"] for e in dev_export["entities"]}
    assert dev_export["claims"]
    for c in dev_export["claims"]:
        for ev in c["evidence"]:
            assert docs[ev["doc"]]["text"][ev["start"]:ev["end"]] == ev["quote"]
            assert any(m["doc"] == ev["doc"] and ev["start"] <= m["start"] and m["end"] <= ev["end"]
                       for m in mentions[c["subject"]]), (c["predicate"], ev["quote"][:60])


def test_dev_claim_scores_floor(dev_scores):
    c = dev_scores["claims"]
    # pinned at what issue #4 reached on the dev gold; raise, never lower
    assert c["precision"] >= 97.3, c["false"]
    assert c["recall"] >= 100.0, c["missed"]
    assert c["f1"] >= 98.63


def test_one_word_non_name_person_is_no_subject():
    """A tagger's one-word "person" ("جوازي") must not take the facts of the named subject."""
    from tahqiq.model import Mention
    text = "ومن هؤلاء أبو عبد الرحمن التونسي (عمر طراد) ويحمل جوازي سفر بلجيكي، وهو تونسي الجنسية بالأصل."
    ms = find_mentions("d", text, tokens(text))
    s = text.index("جوازي")
    ms.append(Mention("d", s, s + 5, "جوازي", "PER", "ner"))
    out = extract_claims("d", text, sentences(text), ms)
    by_id = {m.id: m for m in ms}
    assert {by_id[a.subject].text for a in out if a.predicate == "nationality"} == {"عمر طراد"}
