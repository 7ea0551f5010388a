"""Honest copies: two reports that share only boilerplate are not a copied-text pair."""

from __future__ import annotations

from tahqiq.corroborate.reuse import align
from tahqiq.model import Document

# Two different reports on al-Abadi's reforms (news dev split: sn26409, sn28713 and others): each
# quotes a few short phrases of the same government statement, and no sentence more.
ABADI_A = (
    "أعلن رئيس الوزراء العراقي حيدر العبادي حزمة إصلاحات واسعة بعد أسابيع من الاحتجاجات الشعبية في "
    "بغداد والبصرة على سوء الخدمات. وتضمنت الحزمة إلغاء مناصب نواب رئيس الجمهورية ورئيس الوزراء، "
    "وإبعاد جميع المناصب العليا من هيئات مستقلة ووكلاء وزارات ومستشارين ومديرين عامين عن المحاصصة "
    "الحزبية، على أن يختار رئيس الوزراء المرشحين على ضوء معايير الكفاءة والنزاهة. كما دعا الوزارات "
    "والهيئات لرفع الكفاءة في العمل الحكومي، وقال متظاهرون في ساحة التحرير إنهم سيواصلون الضغط حتى "
    "تنفذ الحكومة وعودها ويحاسب المسؤولون عن الفساد في قطاع الكهرباء."
)
ABADI_B = (
    "وافق مجلس الوزراء العراقي بالإجماع أمس على ورقة الإصلاح التي قدمها العبادي، وسط ترحيب المرجعية "
    "الدينية في النجف التي طالبت بضرب الفاسدين بيد من حديد. ومن أبرز ما جاء في الورقة إلغاء مناصب نواب "
    "رئيس الجمهورية ورئيس مجلس الوزراء فورا، وإقصاء جميع المناصب العليا من هيئات مستقلة ووكلاء وزارات "
    "ومستشارين ومدراء عامين عن المحاصصة الحزبية والطائفية، واختيار المرشحين على ضوء معايير الكفاءة "
    "والنزاهة، وتوجيه الوزارات والهيئات لرفع الكفاءة في العمل الحكومي وخفض النفقات خلال العام المقبل."
)

RELATED = ("\n\nأخبار ذات صلة\nأمير الرياض يستقبل سفير اليابان\nارتفاع أسعار النفط في التعاملات الآسيوية\n"
           "الهلال يتعاقد مع مدافع برازيلي جديد\nالأرصاد: أمطار رعدية على مرتفعات جازان\n"
           "وزارة التعليم تعلن مواعيد بدء العام الدراسي الجديد\nافتتاح معرض الكتاب في جدة الأسبوع المقبل\n")

STORY_A = (
    "بيروت (أ ف ب) - قتل 12 مدنيا على الأقل في غارات جوية استهدفت أحياء في مدينة دوما بريف دمشق، "
    "بحسب ما أفاد المرصد السوري لحقوق الإنسان. وقال مدير المرصد إن بين القتلى أربعة أطفال، وإن "
    "فرق الدفاع المدني ما زالت تبحث عن ناجين تحت الأنقاض في الحي الشرقي من المدينة المحاصرة."
)
STORY_B = (
    "بيروت (أ ف ب) - سيطرت فصائل معارضة على ثلاث قرى في ريف حماة الشمالي بعد معارك عنيفة مع قوات "
    "النظام استمرت يومين، بحسب ما أفاد المرصد السوري لحقوق الإنسان. وأوضح المرصد أن الاشتباكات "
    "أسفرت عن مقتل عشرين عنصرا من الطرفين، فيما تواصل الطائرات قصف طرق الإمداد قرب مدينة مورك."
)

# A real copy: the same 40-word wire paragraph in both, inside different articles.
WIRE = ("صرح المتحدث الأمني بوزارة الداخلية بأن الجهات الأمنية المختصة تمكنت خلال الأسابيع القليلة "
        "الماضية من الإطاحة بتنظيم مكون من خلايا عنقودية مرتبط بتنظيم داعش الإرهابي وذلك ضمن مخطط يدار "
        "من المناطق المضطربة في الخارج ويهدف إلى إثارة الفتنة الطائفية وإشاعة الفوضى.")


def _doc(text: str) -> Document:
    return Document(text=text, source="x")


def test_short_phrases_quoted_from_one_statement_are_not_a_copy():
    assert align(_doc(ABADI_A), _doc(ABADI_B)) is None


def test_a_shared_related_news_list_is_not_a_copy():
    assert align(_doc(STORY_A + RELATED), _doc(ABADI_A + RELATED)) is None


def test_a_wire_formula_and_dateline_are_not_a_copy():
    assert align(_doc(STORY_A), _doc(STORY_B)) is None


def test_a_real_copy_is_found_and_its_passages_leave_the_list_out():
    a = _doc(STORY_A + "\n\n" + WIRE + RELATED)
    b = _doc(ABADI_B + "\n\n" + WIRE + RELATED)
    r = align(a, b)
    assert r is not None
    texts = {r.a: a.text, r.b: b.text}
    first = texts[r.a]
    spans = [first[s:e] for (s, e), _ in r.passages]
    assert any("الإطاحة بتنظيم مكون من خلايا عنقودية" in t for t in spans)
    assert not any("أمير الرياض يستقبل" in t or "الهلال يتعاقد" in t for t in spans)


def test_rewrites_of_one_wire_story_are_one_upstream_chain():
    from tahqiq.corroborate.sources import _copy_index, independent_sources
    from tahqiq.ingest.metadata import upstream_agency
    from tahqiq.model import Evidence

    # Two outlets rewrote one SPA story (no copied passage left); a third reported on its own.
    assert upstream_agency("الرياض 25 شوال 1436 هـ الموافق 10 أغسطس 2015 م واس\n" + WIRE) == "واس"
    assert upstream_agency(STORY_A) == "فرانس برس"
    assert upstream_agency(WIRE, outlet="okaz", byline="الرياض : واس") == "واس"  # SaudiNewsNet author field
    assert upstream_agency(WIRE, outlet="وكالة الأنباء السعودية") == "واس"
    assert upstream_agency(ABADI_A, outlet="عكاظ") is None
    evidence = [Evidence(d, 0, 50, "…") for d in ("d:okaz", "d:riyadh", "d:own")]
    up = {"d:okaz": "واس", "d:riyadh": "واس"}
    assert independent_sources(evidence, _copy_index([]), {}, up) == 2
    assert independent_sources(evidence, _copy_index([]), {}, {}) == 3


def test_documents_record_their_upstream_agency(tmp_path):
    from tahqiq.ingest import read_inputs

    f = tmp_path / "a.txt"
    f.write_text("الرياض 25 شوال 1436 هـ الموافق 10 أغسطس 2015 م واس\n" + WIRE, encoding="utf-8")
    (doc,) = list(read_inputs([str(f)]))
    assert doc.record["upstream"] == "واس" and doc.published == "2015-08-10"
