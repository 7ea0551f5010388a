"""harmonise: one type per name within a document, and untagged repeats tagged."""

from __future__ import annotations

from tahqiq.evaluate.ner import evaluate_conll
from tahqiq.extract.ner.consistency import harmonise


def span(text: str, surface: str, label: str, nth: int = 0) -> tuple[int, int, str]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    return (start, start + len(surface), label)


def surfaces(text, spans):
    return [(text[a:b], label) for a, b, label in spans]


def test_majority_type_wins_across_sentences():
    texts = ["وفاز ارسنال على ليون في المباراة", "وقال مدرب ارسنال إن الفريق جاهز", "وتصدر ارسنال المجموعة"]
    spans = [[span(texts[0], "ارسنال", "ORG"), span(texts[0], "ليون", "ORG")],
             [span(texts[1], "ارسنال", "PER")],
             [span(texts[2], "ارسنال", "ORG")]]
    out = harmonise(texts, spans)
    assert surfaces(texts[1], out[1]) == [("ارسنال", "ORG")]
    assert surfaces(texts[0], out[0]) == [("ارسنال", "ORG"), ("ليون", "ORG")]


def test_a_tie_keeps_the_models_label():
    texts = ["وصل حامد النوري إلى اعزاز", "وقالت مصادر إن حامد النوري غادر"]
    spans = [[span(texts[0], "حامد النوري", "PER"), span(texts[0], "اعزاز", "LOC")],
             [span(texts[1], "حامد النوري", "LOC")]]
    out = harmonise(texts, spans)
    assert surfaces(texts[1], out[1]) == [("حامد النوري", "LOC")]


def test_untagged_repeat_is_tagged_even_behind_a_proclitic():
    text = ("تمثلت المهمة في تكليف قوة إيساف بالأمن . وتعمل القوات خارج نطاق قيادة إيساف . "
            "وأشاد اللاعبون بالأهلي بعد فوز الأهلي على الترسانة")
    spans = [span(text, "إيساف", "ORG"), span(text, "الأهلي", "ORG", nth=1)]
    out = harmonise([text], [spans])[0]
    assert surfaces(text, out) == [("إيساف", "ORG"), ("إيساف", "ORG"), ("بالأهلي", "ORG"), ("الأهلي", "ORG")]


def test_multiword_names_repeat_whole_and_short_names_do_not_spread():
    text = "التقى عمر بن علي في دمشق . ثم عاد عمر إلى بيته . وقال عمر بن علي إن"
    spans = [span(text, "عمر بن علي", "PER"), span(text, "دمشق", "LOC")]
    out = harmonise([text], [spans])[0]
    # "عمر بن علي" is tagged again; the bare "عمر" (three letters) is not spread
    assert surfaces(text, out) == [("عمر بن علي", "PER"), ("دمشق", "LOC"), ("عمر بن علي", "PER")]


def test_window_limits_the_group():
    texts = ["وفاز سلتيك بالمباراة", "جملة أخرى", "جملة ثالثة", "وتعادل سلتيك"]
    spans = [[span(texts[0], "سلتيك", "ORG")], [], [], []]
    assert harmonise(texts, spans, window=1)[3] == []
    assert surfaces(texts[3], harmonise(texts, spans, window=3)[3]) == [("سلتيك", "ORG")]


def test_a_name_inside_a_role_is_not_turned_into_a_person():
    text = "عين مسؤول مكتب الإستتابة ثم التقى مكتب الإستتابة"
    role = span(text, "مسؤول مكتب الإستتابة", "ROLE")
    inner = span(text, "مكتب الإستتابة", "ORG")
    other = span(text, "مكتب الإستتابة", "PER", nth=1)
    third = (other[0], other[1], "PER")
    # two PER votes against one ORG: the free one stays PER, the one in the ROLE stays ORG
    out = harmonise([text, text], [[role, inner, other], [third]])
    assert out[0] == sorted([role, inner, other], key=lambda s: (s[0], -s[1], s[2]))


def test_eval_ner_context_reads_neighbouring_sentences(tmp_path):
    path = tmp_path / "g.conll"
    path.write_text("وفاز O\nسلتيك B-ORG\n\nوتعادل O\nسلتيك B-ORG\n", encoding="utf-8")

    class OnlyFirst:
        def predict_batch(self, texts):
            return [[(5, 10, "ORG")] if i == 0 else [] for i, _ in enumerate(texts)]

    alone = evaluate_conll(str(path), model=OnlyFirst(), context=0)
    together = evaluate_conll(str(path), model=OnlyFirst(), context=1)
    assert alone["micro"]["tp"] == 1 and together["micro"]["tp"] == 2
    assert together["context"] == 1
