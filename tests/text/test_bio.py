"""The one BIO decoder (``tahqiq.text.bio``), shared by the accurate NER, the NER evaluation and
the training scripts."""

from __future__ import annotations

from tahqiq.evaluate import ner as eval_ner
from tahqiq.text.bio import bio_spans


def test_spans_in_order_and_iob1_tolerated():
    tags = ["B-PER", "I-PER", "O", "I-LOC", "I-LOC", "B-LOC", "I-ORG"]
    assert bio_spans(tags) == [(0, 2, "PER"), (3, 5, "LOC"), (5, 6, "LOC"), (6, 7, "ORG")]


def test_a_span_ends_at_the_end_and_at_a_type_change():
    assert bio_spans(["B-ORG", "I-ORG"]) == [(0, 2, "ORG")]
    assert bio_spans(["B-PER", "I-LOC"]) == [(0, 1, "PER"), (1, 2, "LOC")]
    assert bio_spans([]) == [] and bio_spans(["O", "O"]) == []


def test_aliases_and_the_evaluation_reads_the_same_spans():
    tags = ["B-PERS", "I-PERS", "O", "B-GPE"]
    assert bio_spans(tags, {"PERS": "PER", "GPE": "LOC"}) == [(0, 2, "PER"), (3, 4, "LOC")]
    assert eval_ner.bio_spans(tags) == {(0, 2, "PER"), (3, 4, "LOC")}
