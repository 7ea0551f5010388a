"""The one map, the network view and the timeline in real headless Chromium (fixtures from
test_browser). Screenshots go to test-artifacts/ (git-ignored)."""

from __future__ import annotations

import pytest

from tests.serve.test_browser import ARTIFACTS, _id, browser, page, server  # noqa: F401 - fixtures

pytestmark = pytest.mark.browser


def test_one_map_with_basemap_areas_and_labels_on_their_places(server, page):  # noqa: F811
    base, store, _ = server
    hamed = _id(store, "حامد النوري")
    page.goto(f"{base}/entity/{hamed.id}")
    page.wait_for_selector("#map.on .leaflet-interactive")
    page.wait_for_function("() => document.getElementById('map').dataset.basemap_ready > 150")
    assert page.locator("#map").count() == 1 and page.locator(".plot-point, .plot-svg").count() == 0
    assert page.evaluate("document.getElementById('map').dataset.areas") == "1"  # Turkey as an area
    assert page.locator("#map .leaflet-tile").count() == 0  # no tile server
    # The labels read right to left and sit on their place: each label's bottom-centre is within
    # a few pixels of its point's (Leaflet's RTL offset bug put them away from their dots).
    marker = page.locator("#map path.leaflet-interactive[fill='#c0392b']").first.bounding_box()
    label = page.locator(".map-label", has_text="أعزاز").bounding_box()
    assert page.locator(".map-label", has_text="أعزاز").evaluate("e => getComputedStyle(e).direction") == "rtl"
    mx, lx = marker["x"] + marker["width"] / 2, label["x"] + label["width"] / 2
    assert abs(mx - lx) < 3 and 0 <= marker["y"] - (label["y"] + label["height"]) < 20
    assert "تركيا" in page.locator("#map").inner_text()
    page.locator("section.movements").screenshot(path=str(ARTIFACTS / "map-hamed.png"))
    assert page.problems == []


def test_network_filters_and_ego_view(server, page):  # noqa: F811
    base, store, _ = server
    hamed = _id(store, "حامد النوري")
    page.goto(f"{base}/network")
    page.wait_for_function("() => document.getElementById('network').dataset.ready > 0")
    page.locator("input[name=type][value=LOC]").check()
    page.locator("select#ego").select_option(hamed.id)
    page.locator("select[name=depth]").select_option("2")
    page.locator(".net-filters button").click()
    page.wait_for_function("() => document.getElementById('network').dataset.ready > 0")
    assert f"ego={hamed.id.replace(':', '%3A')}" in page.url and "depth=2" in page.url
    assert "حتى العمق 2" in page.locator(".net-summary").inner_text()
    assert page.locator("header input[name=q]").input_value() == ""  # the filters stay out of the search box
    shown = int(page.locator(".shown-nodes").get_attribute("data-n"))
    assert int(page.evaluate("document.getElementById('network').dataset.ready")) == shown > 1
    page.screenshot(path=str(ARTIFACTS / "network-ego.png"), full_page=True)
    pred = page.locator("input[name=predicate]").nth(1)
    value = pred.get_attribute("value")
    pred.check()
    page.locator(".net-filters button").click()
    page.wait_for_load_state("networkidle")
    assert f"predicate={value}" in page.url
    assert page.problems == []


def test_timeline_page(server, page):  # noqa: F811
    base, store, _ = server
    claims = store.claims()
    claims[0].qualifiers["date"] = "2017-08-02"
    claims[1].qualifiers["date"] = "2017-06-20"
    store.replace_graph(store.entities(), store.links(), claims)
    page.goto(f"{base}/timeline")
    assert page.locator("svg.time-axis .fact-dot").count() == 2
    assert page.locator("section.undated li").count() == len(claims) - 2
    first = page.locator("ol.facts li").first.inner_text()
    assert "2017-06-20" in first
    page.locator("svg.time-axis a").first.click()
    assert page.url.endswith("#f1") or page.url.endswith("#f2")
    page.screenshot(path=str(ARTIFACTS / "timeline.png"), full_page=True)
    assert page.problems == []


# ---- every route of the app, each with its key element --------------------------------------------

def _html_routes() -> set[str]:
    """The path templates of the app's page routes (not the JSON API, files or downloads)."""
    from fastapi.responses import HTMLResponse

    from tahqiq.serve.routes import ROUTERS

    return {r.path for router in ROUTERS for r in router.routes
            if "GET" in getattr(r, "methods", ()) and getattr(r, "response_class", None) is HTMLResponse}


def _template(path: str, routes: set[str]) -> str | None:
    import re

    bare = path.split("?")[0]
    for r in routes:
        if re.fullmatch(re.sub(r"\{[^}]+\}", "[^/]+", r), bare):
            return r
    return None


def test_every_page_route_loads_in_chromium_with_its_key_element(server, page, monkeypatch):  # noqa: F811
    from tests.serve.test_browser import shot

    base, store, _ = server
    ents = store.entities()
    by_type = {t: next(e for e in ents if e.type == t) for t in ("PER", "ORG", "LOC")}
    hamed = _id(store, "حامد النوري")
    doc = store.documents()[0]
    visits = [  # (path, a selector the page must show, screenshot)
        ("/", ".people li", "route-home.png"),
        ("/?q=حامد", ".name-results li", "route-search.png"),
        (f"/entity/{hamed.id}", "#map.on .leaflet-interactive", "route-entity-per.png"),
        (f"/entity/{by_type['ORG'].id}", "h1 .name", "route-entity-org.png"),
        (f"/entity/{by_type['LOC'].id}", "h1 .name", "route-entity-loc.png"),
        (f"/doc/{doc.id}", ".document .ent", "route-document.png"),
        ("/review", "main h1", "route-review.png"),
        ("/audit", "main h1", "route-audit.png"),
        ("/stories", "main h1", "route-stories.png"),
        ("/contradictions", ".n-contradictions", "route-contradictions.png"),
        ("/network", "#network[data-ready]", "route-network.png"),
        ("/network?top=25&page=2", ".net-summary .shown-nodes", "route-network-page2.png"),
        (f"/network?ego={hamed.id}&depth=2", "#network[data-ready]", "route-network-ego.png"),
        ("/timeline", "section.undated", "route-timeline.png"),
        (f"/timeline?entity={hamed.id}", "section.dated", "route-timeline-entity.png"),
        ("/login", "form input[type=password]", "route-login.png"),
    ]
    routes = _html_routes()
    assert {_template(p, routes) for p, _, _ in visits} == routes, "a page route no browser test visits"
    for path, key, name in visits:
        page.goto(base + path)
        page.wait_for_selector(key)
        assert page.evaluate("getComputedStyle(document.body).direction") == "rtl", path
        assert page.locator("header.top").count() == 1 and page.locator("main").inner_text().strip(), path
        shot(page, name)
    assert page.problems == []
    from tahqiq.store import views
    for path, status, text, name in (("/no/such/page", 404, "الصفحة غير موجودة", "route-404.png"),
                                     ("/", 500, "خطأ داخلي", "route-500.png")):
        if status == 500:
            monkeypatch.setattr(views, "counts", lambda st: 1 / 0)
        r = page.goto(base + path)
        assert r.status == status and text in page.locator("main h1").inner_text()
        assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
        shot(page, name)
