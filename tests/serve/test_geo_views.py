"""The map, the network and the timeline (serve/maps.py, serve/graphs.py) over HTTP and as units."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from fastapi.testclient import TestClient

from tahqiq.serve import graphs, maps
from tahqiq.serve.app import make_asgi


def _entity(store, name):
    from tahqiq.query import find_entities
    return find_entities(store, name)[0]


@pytest.fixture(scope="module")
def ro(dev_store):
    return TestClient(make_asgi(dev_store, user="tester"), follow_redirects=False)


# ---- the map -------------------------------------------------------------------------------------

def test_basemap_is_shipped_offline_and_decodes():
    world = maps.basemap()["features"]
    assert len(world) > 150
    syria = maps.countries()["SYR"]["geometry"]
    assert maps._contains(syria, 38.99, 35.95)  # Raqqa is in Syria
    assert not maps._contains(syria, 44.40, 33.34)  # Baghdad is not
    assert len(maps.provinces("SYR")) >= 14


def test_countries_and_provinces_are_areas_towns_are_points():
    from tahqiq.knowledge.gazetteer import lookup
    turkey = lookup("تركيا")
    area = maps.area_of({"ref": turkey.ref, "lat": turkey.lat, "lon": turkey.lon, "point": "capital"})
    assert area is not None and area["type"] in ("Polygon", "MultiPolygon")
    assert maps._contains(area, 38.79, 37.17)  # Şanlıurfa lies inside the shape, not at Ankara only
    rural = lookup("ريف حلب")
    province = maps.area_of({"ref": rural.ref, "lat": rural.lat, "lon": rural.lon})
    assert province is not None and maps._contains(province, 37.16, 36.20)  # the Aleppo province
    assert not maps._contains(province, 39.0, 35.95)  # not the Raqqa one
    town = lookup("أعزاز")
    assert maps.area_of({"ref": town.ref, "lat": town.lat, "lon": town.lon}) is None


def test_entity_map_api(ro, dev_store):
    hamed = _entity(dev_store, "حامد النوري")
    geo = ro.get(f"/api/entity/{hamed.id}/map").json()
    feats = {f["properties"]["name"]: f for f in geo["features"]}
    assert feats["تركيا"]["properties"]["area"] and feats["تركيا"]["geometry"]["type"] in ("Polygon", "MultiPolygon")
    assert feats["أعزاز"]["geometry"]["type"] == "Point" and not feats["أعزاز"]["properties"]["area"]
    assert ro.get("/api/basemap").json()["type"] == "FeatureCollection"
    assert ro.get("/api/entity/e:nope/map").status_code == 404


# ---- the network ---------------------------------------------------------------------------------

def test_network_filters_by_type_and_predicate(ro):
    everything = ro.get("/api/network?type=PER&type=ORG&type=LOC&top=200").json()
    people = ro.get("/api/network?type=PER&top=200").json()
    assert {n["type"] for n in people["nodes"]} == {"PER"}
    assert {n["type"] for n in everything["nodes"]} >= {"PER", "LOC"}
    assert "co_mention" in everything["predicates"] and len(everything["predicates"]) > 1
    claim_pred = next(p for p in everything["predicates"] if p != "co_mention")
    only = ro.get(f"/api/network?type=PER&type=ORG&type=LOC&top=200&predicate={claim_pred}").json()
    assert only["edges"] and {e["predicate"] for e in only["edges"]} == {claim_pred}


def test_ego_view_reaches_neighbours_to_the_depth_asked(ro, dev_store):
    hamed = _entity(dev_store, "حامد النوري")
    q = f"/api/network?type=PER&type=ORG&type=LOC&ego={hamed.id}"
    one, two = ro.get(q + "&depth=1").json(), ro.get(q + "&depth=2").json()
    ids1, ids2 = {n["id"] for n in one["nodes"]}, {n["id"] for n in two["nodes"]}
    assert hamed.id in ids1 and len(ids1) > 1 and ids1 <= ids2 and len(ids2) > len(ids1)
    touching = {x for e in one["edges"] if hamed.id in (e["source"], e["target"]) for x in (e["source"], e["target"])}
    assert touching == ids1  # depth 1: the person and exactly its neighbours (ties among them shown too)
    assert next(n for n in one["nodes"] if n["ego"])["id"] == hamed.id
    html = ro.get(f"/network?ego={hamed.id}&depth=1").text
    assert f'<option value="{hamed.id}" selected>' in html and "حتى العمق 1" in html


def _big_index(n: int = 1000) -> SimpleNamespace:
    """1,000 people in a ring, each also tied to a hub of ten: the view must stay readable."""
    edges = [(f"p{i}", f"p{(i + 1) % n}", "co_mention", 1) for i in range(n)]
    edges += [(f"p{i}", f"p{i % 10}", "co_mention", 2) for i in range(10, n)]
    return SimpleNamespace(edges=edges, types={f"p{i}": "PER" for i in range(n)})


def _rows(ids):
    from tahqiq.store.views import EntityRow
    return [EntityRow(i, "PER", f"شخص {i[1:]}", None, [], 1) for i in ids]


def test_a_thousand_nodes_default_to_the_most_connected_and_page_on():
    idx = _big_index()
    net = graphs.network(idx, graphs.NetQuery(), _rows)
    assert net["total_nodes"] == 1000 and len(net["nodes"]) == graphs.DEFAULT_TOP
    assert net["hidden"] == 1000 - graphs.DEFAULT_TOP and net["pages"] == 1000 // graphs.DEFAULT_TOP
    assert {f"p{i}" for i in range(10)} <= {n["id"] for n in net["nodes"]}  # the hubs first
    seen: list[str] = []
    for p in range(1, net["pages"] + 1):  # every entity is on exactly one page, in rank order
        part = graphs.network(idx, graphs.NetQuery(page=p), _rows)
        assert part["hidden"] == 1000 - len(part["nodes"])
        degrees = [n["degree"] for n in part["nodes"]]
        assert degrees == sorted(degrees, reverse=True)
        ids = {n["id"] for n in part["nodes"]}
        assert all(e["source"] in ids and e["target"] in ids for e in part["edges"])
        seen += [n["id"] for n in part["nodes"]]
    assert sorted(seen) == sorted(idx.types) and len(seen) == 1000
    beyond = graphs.network(idx, graphs.NetQuery(page=net["pages"] + 1), _rows)
    assert beyond["nodes"] == [] and beyond["edges"] == []
    ego = graphs.network(idx, graphs.NetQuery(ego="p500", depth=1), _rows)
    assert {n["id"] for n in ego["nodes"]} == {"p499", "p500", "p501", "p0"}
    hub = graphs.network(idx, graphs.NetQuery(ego="p0", depth=1, top=25), _rows)  # p0's 100 neighbours, paged
    assert hub["total_nodes"] == 1 + 101 and len(hub["nodes"]) == 1 + 25 and hub["nodes"][0]["ego"]
    last = graphs.network(idx, graphs.NetQuery(ego="p0", depth=1, top=25, page=5), _rows)
    assert [n["id"] for n in last["nodes"]][0] == "p0" and len(last["nodes"]) == 1 + 1  # the ego on every page


# ---- the timeline --------------------------------------------------------------------------------

@pytest.mark.parametrize("value,iso", [("2017-08-12", "2017-08-12"), ("2017-08", "2017-08-01"), ("2015", "2015-01-01"),
                                       ("", None), ("أمس", None), ("99", None)])
def test_fact_dates(value, iso):
    d = graphs.fact_date(value)
    assert (d.isoformat() if d else None) == iso


def test_timeline_puts_dated_facts_on_the_axis_and_lists_undated_apart(web_store):
    store, _ = web_store
    claims = store.claims()
    dated = {claims[0].id: "2017-08-02", claims[1].id: "2017-06-20"}
    for c in claims:
        if c.id in dated:
            c.qualifiers["date"] = dated[c.id]
    store.replace_graph(store.entities(), store.links(), claims)
    client = TestClient(make_asgi(store, user="tester"))
    html = client.get("/timeline").text
    assert html.index("2017-06-20") < html.index("2017-08-02")  # in date order
    assert 'class="time-axis"' in html and html.count('class="fact-dot"') == 2
    assert f'n-undated" data-n="{len(claims) - 2}"' in html and '(واقعتان)' in html  # two dated facts
    subject = claims[0].subject
    one = client.get(f"/timeline?entity={subject}").text
    assert "2017-08-02" in one and client.get("/timeline?entity=e:nope").status_code == 404


# ---- counts on every page ------------------------------------------------------------------------

def _disagreeing_counts(html: str) -> list[str]:
    """Every "N noun" on a page whose noun's form is not the one N takes (text/arabic_numbers.py)."""
    from tahqiq.text.arabic_numbers import disagreements
    return disagreements(html)


def test_every_count_on_every_page_agrees_with_its_number(ro, dev_store):
    hamed = _entity(dev_store, "حامد النوري")
    doc = dev_store.documents()[0]
    pages = ["/", "/?q=حامد", "/?q=دير الزور", f"/entity/{hamed.id}", f"/doc/{doc.id}", "/review", "/audit",
             "/stories", "/contradictions", "/network", f"/network?ego={hamed.id}&depth=2&type=PER&type=LOC",
             "/timeline", f"/timeline?entity={hamed.id}", "/login"]
    for path in pages:
        html = ro.get(path).text
        assert _disagreeing_counts(html) == [], path
        assert "كياناً من أصل" not in html and "رابطاً من أصل" not in html  # the old fixed forms
    entity = ro.get(f"/entity/{hamed.id}").text
    assert 'n-movements' in entity and "على الخريطة" in entity  # the map's places, counted
    net = ro.get("/network").text
    assert "من أصل" in net and ("كيانًا" in net or "كيانات" in net or "كيانان" in net)


def test_the_disagreement_finder_finds_disagreements():
    assert _disagreeing_counts("<p>11 وثائق و3 كيانات و100 كيانًا</p>") == ["11 وثائق", "100 كيانًا"]
    assert _disagreeing_counts("<p>3 وثائق، 11 كيانًا، 100 كيان، 1,203 ادعاءات</p>") == []
