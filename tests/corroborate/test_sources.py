"""Independent sources count origins, not articles; contested claims conflict with another."""

from __future__ import annotations

from tahqiq.corroborate.contradictions import find_contradictions
from tahqiq.corroborate.sources import _copy_index, build_claims, independent_sources
from tahqiq.model import Assertion, Claim, Entity, Evidence, Reuse

FURAT = {"text": "شبكة فرات بوست", "named": True}
FURAT_SHORT = {"text": "فرات بوست", "named": True}
LOCAL = {"text": "مصادر محلية", "named": False}


def _ev(doc: str, start: int = 100, end: int = 200, *sources: dict) -> Evidence:
    return Evidence(doc, start, end, "…", list(sources))


def _count(evidence: list[Evidence], reuse: list[Reuse] = (), links: dict[str, str] | None = None) -> int:
    return independent_sources(evidence, _copy_index(list(reuse)), links)


def test_a_copied_report_counts_once():
    r = Reuse("d:a", "d:b", 0.5, [((90, 210), (400, 520))])
    assert _count([_ev("d:a", 100, 200), _ev("d:b", 410, 510)], [r]) == 1


def test_evidence_outside_the_copied_passage_counts_again():
    r = Reuse("d:a", "d:b", 0.1, [((90, 210), (400, 520))])
    assert _count([_ev("d:a", 100, 200), _ev("d:b", 900, 1000)], [r]) == 2


def test_small_edits_split_a_copied_sentence_but_its_passages_add_up():
    # Each passage covers 40% of the sentence; together 80%.
    r = Reuse("d:a", "d:b", 0.2, [((100, 140), (500, 540)), ((150, 190), (552, 592))])
    assert _count([_ev("d:a", 100, 200), _ev("d:b", 500, 600)], [r]) == 1


def test_two_copies_of_one_text_count_once_without_copying_each_other():
    # b and c both copied the same paragraph of a; a itself carries no evidence.
    ra = Reuse("d:a", "d:b", 0.3, [((1000, 1300), (0, 300))])
    rc = Reuse("d:a", "d:c", 0.3, [((1000, 1300), (50, 350))])
    assert _count([_ev("d:b", 100, 200), _ev("d:c", 150, 250)], [ra, rc]) == 1


def test_same_named_upstream_source_counts_once():
    assert _count([_ev("d:a", 1, 50, FURAT), _ev("d:b", 1, 50, FURAT_SHORT)]) == 1


def test_a_source_named_with_more_words_is_the_same_source():
    longer = {"text": "شبكة فرات بوست المحلية", "named": True}
    assert _count([_ev("d:a", 1, 50, FURAT_SHORT), _ev("d:b", 1, 50, longer)]) == 1
    # One shared word is not enough: two different observatories.
    a = {"text": "المرصد السوري لحقوق الإنسان", "named": True}
    b = {"text": "المرصد العراقي", "named": True}
    assert _count([_ev("d:a", 1, 50, a), _ev("d:b", 1, 50, b)]) == 2


def test_same_linked_source_entity_counts_once():
    links = {"m:1": "e:furat", "m:2": "e:furat"}
    a = _ev("d:a", 1, 50, {"text": "الشبكة", "entity": "m:1", "named": True})
    b = _ev("d:b", 1, 50, {"text": "فرات بوست", "entity": "m:2", "named": True})
    assert _count([a, b], links=links) == 1


def test_anonymous_sources_do_not_identify_one_origin():
    assert _count([_ev("d:a", 1, 50, LOCAL), _ev("d:b", 1, 50, LOCAL)]) == 2


def test_different_outlets_count_twice_and_one_outlet_once():
    assert _count([_ev("d:a"), _ev("d:b")]) == 2
    assert _count([_ev("d:a", 1, 50), _ev("d:a", 300, 400)]) == 1


# ---- build_claims: grouping, counting and status together -----------------------------------

def _assert(doc: str, subj: str, pred: str, obj: dict, start: int = 100, date: str | None = None,
            *sources: dict) -> Assertion:
    q = {"date": date} if date else {}
    return Assertion(doc, subj, pred, obj, Evidence(doc, start, start + 80, "…", list(sources)), q)


def test_build_claims_counts_copies_once_and_outlets_twice():
    links = {"m:a1": "e:nouri", "m:b1": "e:nouri", "m:c1": "e:nouri",
             "m:a2": "e:azaz", "m:b2": "e:azaz", "m:c2": "e:azaz"}
    asserts = [_assert("d:a", "m:a1", "fled_to", {"mention": "m:a2"}),
               _assert("d:b", "m:b1", "fled_to", {"mention": "m:b2"}),
               _assert("d:c", "m:c1", "fled_to", {"mention": "m:c2"}, 700)]
    copy = Reuse("d:a", "d:b", 0.4, [((90, 190), (90, 190))])
    (claim,) = build_claims(asserts, links, [copy])
    assert len(claim.evidence) == 3
    assert claim.independent_sources == 2 and claim.status == "corroborated"
    (alone,) = build_claims(asserts[:2], links, [copy])
    assert alone.independent_sources == 1 and alone.status == "single-source"


def test_build_claims_marks_both_rivals_contested():
    links = {"m:a": "e:p", "m:b": "e:p"}
    asserts = [_assert("d:a", "m:a", "nationality", {"text": "تونسي", "country": "TN"}),
               _assert("d:b", "m:b", "nationality", {"text": "مغربي", "country": "MA"})]
    claims = build_claims(asserts, links, [])
    assert {c.status for c in claims} == {"contested"}


# ---- contradictions ---------------------------------------------------------------------------

def _claim(cid: str, pred: str, obj: dict, doc: str = "d:a", date: str | None = None, subject: str = "e:p") -> Claim:
    return Claim(cid, subject, pred, obj, {"date": date} if date else {}, [_ev(doc)])


PLACES = [Entity("e:azaz", "LOC", "أعزاز"), Entity("e:tr", "LOC", "تركيا"),
          Entity("e:urfa", "LOC", "شانلي أورفا"), Entity("e:homs", "LOC", "حمص"),
          Entity("e:dez", "LOC", "دير الزور")]


def _reasons(*claims: Claim) -> list[str]:
    return [x.reason for x in find_contradictions(list(claims), PLACES)]


def test_nationalities_of_two_countries_conflict():
    assert _reasons(_claim("c1", "nationality", {"text": "تونسي", "country": "TN"}),
                    _claim("c2", "nationality", {"text": "تونسي", "country": "TN"}, "d:b")) == []
    assert len(_reasons(_claim("c1", "nationality", {"text": "تونسي", "country": "TN"}),
                        _claim("c2", "nationality", {"text": "سوري", "country": "SY"}, "d:b"))) == 1


def test_ages_a_year_apart_agree():
    assert _reasons(_claim("c1", "age", {"value": 30}), _claim("c2", "age", {"value": 31}, "d:b")) == []
    assert _reasons(_claim("c1", "age", {"value": 30}), _claim("c2", "age", {"value": 45}, "d:b")) == ["age: 30 ≠ 45"]


def test_origins_far_apart_conflict_but_unknown_or_nearby_places_do_not():
    homs, dez = _claim("c1", "origin", {"entity": "e:homs"}), _claim("c2", "origin", {"entity": "e:dez"}, "d:b")
    (reason,) = _reasons(homs, dez)
    assert reason.startswith("origin:") and "km apart" in reason
    village = _claim("c3", "origin", {"text": "القورية"}, "d:b")  # not in the gazetteer: no claim of conflict
    assert _reasons(village, dez) == []


def test_whereabouts_in_two_countries_at_the_same_time_conflict():
    azaz = _claim("c1", "fled_to", {"entity": "e:azaz"}, "d:a", "2017-06")
    turkey = _claim("c2", "arrived_in", {"entity": "e:tr"}, "d:b", "2017-06-15")
    (reason,) = _reasons(azaz, turkey)
    assert "different countries" in reason


def test_whereabouts_without_dates_in_one_report_or_nested_places_do_not_conflict():
    azaz = _claim("c1", "fled_to", {"entity": "e:azaz"}, "d:a", "2017-06")
    assert _reasons(azaz, _claim("c2", "arrived_in", {"entity": "e:tr"}, "d:b")) == []            # no date
    assert _reasons(azaz, _claim("c2", "arrived_in", {"entity": "e:tr"}, "d:b", "2017-08")) == []  # later
    assert _reasons(azaz, _claim("c2", "arrived_in", {"entity": "e:tr"}, "d:a", "2017-06")) == []  # one journey
    urfa = _claim("c3", "arrived_in", {"entity": "e:urfa"}, "d:a", "2017-06")
    assert _reasons(urfa, _claim("c2", "arrived_in", {"entity": "e:tr"}, "d:b", "2017-06")) == []  # Urfa is in Turkey


def test_claims_about_different_people_never_conflict():
    a = _claim("c1", "nationality", {"text": "تونسي", "country": "TN"}, subject="e:x")
    b = _claim("c2", "nationality", {"text": "سوري", "country": "SY"}, subject="e:y")
    assert _reasons(a, b) == []


# ---- the dev articles ---------------------------------------------------------------------

def test_dev_copied_evidence_counts_once(dev_export):
    """000 and 001 print the same sentence about al-Nouri's origin: one origin, not two."""
    names = {e["id"]: e["name"] for e in dev_export["entities"]}
    origin = [c for c in dev_export["claims"] if c["predicate"] == "origin" and "النوري" in names.get(c["subject"], "")]
    assert origin and all(len({e["doc"] for e in c["evidence"]}) >= 2 for c in origin)
    assert all(c["independent_sources"] == 1 and c["status"] == "single-source" for c in origin)


def test_an_alias_object_is_the_other_name_not_the_subject():
    # the kunya mention links to the person himself; the claim must still say which name
    a = Assertion("d:a", "m:name", "alias", {"text": "أبو حمزة القرعاني", "mention": "m:kunya"}, _ev("d:a"))
    links = {"m:name": "e:nouri", "m:kunya": "e:nouri"}
    (claim,) = build_claims([a], links, [])
    assert claim.subject == "e:nouri" and claim.object == {"text": "أبو حمزة القرعاني"}
