"""The vocabulary's invariants: one place lists the predicates, and everything derived from it
(labels, case-file sections, movement and whereabouts classes) covers exactly those."""

from __future__ import annotations

from tahqiq import model, vocabulary as v


def test_every_predicate_has_labels_and_one_section():
    assert set(v.PREDICATE_LABELS) == set(v.PREDICATES)
    assert all(ar and en for ar, en in v.PREDICATE_LABELS.values())
    in_sections = [p for _, _, preds in v.SECTIONS for p in preds]
    assert sorted(in_sections) == sorted(v.PREDICATES)  # each exactly once
    assert {p.section for p in v.PREDICATE_TABLE} == {key for key, _, _ in v.SECTIONS}
    assert all(p.name in dict((k, ps) for k, _, ps in v.SECTIONS)[p.section] for p in v.PREDICATE_TABLE)


def test_classes_name_only_predicates():
    assert set(v.MOVEMENT) <= set(v.PREDICATES)
    assert set(v.WHEREABOUTS) <= set(v.MOVEMENT)
    assert v.WENT_TO - {"went_to"} <= set(v.WHEREABOUTS)
    assert v.predicate_class("fled_to") == v.predicate_class("arrived_in") == "went_to"
    assert v.predicate_class("fled_from") == "fled_from"


def test_model_speaks_the_same_vocabulary():
    assert model.PREDICATES is v.PREDICATES and model.ENTITY_TYPES is v.ENTITY_TYPES


def test_one_object_renderer():
    name = {"e:1": "أبو محمد"}.get
    assert v.object_text({"entity": "e:1", "text": "x"}, lambda e: name(e) or e) == "أبو محمد"
    assert v.object_text({"value": 5000, "unit": "USD", "text": "5 آلاف"}, str) == "5000 USD"
    assert v.object_text({"value": 30}, str) == "30"
    assert v.object_text({"text": "دير الزور", "mention": "m:1"}, str) == "دير الزور"


def test_candidate_is_a_plain_tuple_on_the_wire():
    import json
    c = v.Candidate("e:a", "e:b", 0.5, "same name")
    a, b, score, reason = c
    assert json.dumps(c) == json.dumps(["e:a", "e:b", 0.5, "same name"]) and score == 0.5
