"""Evaluation gate for resolution on the dev gold (floors only go up)."""

from __future__ import annotations


def test_multi_document_people_are_one_entity(dev_scores):
    r = dev_scores["person_resolution"]
    assert r["multi_doc_people"] >= 5
    assert r["multi_doc_people_one_entity"] == r["multi_doc_people"]


def test_person_bcubed_f1_floor(dev_scores):
    assert dev_scores["person_resolution"]["bcubed_f1"] >= 95.0


def test_no_over_merged_persons(dev_scores):
    assert dev_scores["person_resolution"]["over_merged"] == 0


def test_every_person_has_a_latin_form(dev_export):
    people = [e for e in dev_export["entities"] if e["type"] == "PER"]
    assert people and all(e.get("latin") for e in people)


def test_places_carry_coordinates_or_stay_unresolved(dev_export):
    places = [e for e in dev_export["entities"] if e["type"] == "LOC"]
    located = [e for e in places if e.get("geo") and e["geo"].get("lat") is not None]
    assert len(located) >= len(places) // 2
    for e in located:
        assert -90 <= e["geo"]["lat"] <= 90 and -180 <= e["geo"]["lon"] <= 180
