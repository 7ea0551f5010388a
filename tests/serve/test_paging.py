"""The cross-document pages that used to load everything, paged (store/views.py, serve/graphs.py):
the network (top N by degree, page by page, with how many are hidden), the timeline (dated facts in
date order and undated ones apart, each paged) and the contradictions. On SQLite and PostgreSQL,
over the example articles plus a few hundred generated people and facts, where paging matters:
pages put together equal the whole-store view, and no page loads a whole table."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from tahqiq.export.view import Snapshot
from tahqiq.model import Claim, Entity, Evidence
from tahqiq.serve import graphs
from tahqiq.serve.app import make_asgi
from tahqiq.store import views
from tests.conftest import EXAMPLES

PEOPLE = 240  # generated people, in a ring of claims (so the network has 240+ connected entities)
DATED = 170   # of their claims, this many carry a date of their own
AGES = 27     # people with two ages too far apart: one contradiction each


@pytest.fixture
def big(store_url):
    """The example articles, then ``PEOPLE`` more people with ring claims (some dated) and
    ``AGES`` age contradictions added to the graph."""
    from tahqiq.pipeline import build
    from tahqiq.store import open_store

    st = open_store(store_url)
    build([str(EXAMPLES)], st)
    docs = sorted(st.documents(), key=lambda d: d.id)
    ents = st.entities() + [Entity(f"e:t{i:03d}", "PER", f"شخص رقم {i}") for i in range(PEOPLE)]
    claims = st.claims()
    for i in range(PEOPLE):
        d = docs[i % len(docs)]
        ev = [Evidence(d.id, i, i + 5, d.text[i:i + 5], assertion=f"a:t{i}")]
        q = {"date": f"{1990 + i % 30}-{i % 12 + 1:02d}" if i % 3 else f"{2000 + i % 20}"} if i < DATED else {}
        claims.append(Claim(f"c:t{i:03d}", f"e:t{i:03d}", "met_with", {"entity": f"e:t{(i + 1) % PEOPLE:03d}"},
                            q, ev))
    for i in range(AGES):
        for n, age in enumerate((20, 40)):
            claims.append(Claim(f"c:age{i:03d}{n}", f"e:t{i:03d}", "age", {"value": age, "unit": "year"}, {},
                                [Evidence(docs[0].id, n, n + 3, docs[0].text[n:n + 3], assertion=f"a:age{i}{n}")]))
    st.replace_graph(ents, st.links(), claims)
    yield st
    st.close()


def _no_whole_tables(monkeypatch, st):
    """A page that asked for a whole table of a growing kind fails."""
    for name in ("claims", "entities", "mentions", "links", "documents", "reuse"):
        monkeypatch.setattr(st, name, lambda *a, _n=name, **k: pytest.fail(f"a page loaded every row of {_n}"))


def _ids(html: str, pattern: str) -> list[str]:
    return re.findall(pattern, html)


def test_timeline_pages_equal_the_whole_timeline(big, monkeypatch):
    whole = Snapshot(big)
    dated, undated = [], []
    for c in whole.claims:
        d = str(c.qualifiers.get("date") or "")
        (dated if "1800" <= d < "2201" else undated).append(c)
    order = [c.id for c in sorted(dated, key=lambda c: (str(c.qualifiers["date"]), c.id))]
    _no_whole_tables(monkeypatch, big)
    first = views.timeline(big, per=40)
    assert first.dated.total == len(dated) >= DATED and first.undated.total == len(undated) > 40
    got_d, got_u = [], []
    for p in range(1, first.dated.pages + 1):
        got_d += [c.id for _, c in views.timeline(big, page=p, per=40).dated.items]
    for p in range(1, first.undated.pages + 1):
        part = views.timeline(big, upage=p, per=40)
        assert len(part.undated.items) <= 40
        got_u += [c.id for c in part.undated.items]
    assert got_d == order  # date order across pages, each fact once
    assert sorted(got_u) == sorted(c.id for c in undated) and len(set(got_u)) == len(got_u)
    page = views.timeline(big, page=2, per=40)
    cited = {e.doc for _, c in page.dated.items for e in c.evidence}
    assert set(page.docs) == cited and len(page.docs) <= 40  # only the documents this page quotes
    one = views.timeline(big, "e:t105", per=40)  # one person: its own claim and the one naming it
    assert sorted(c.id for _, c in one.dated.items) == ["c:t104", "c:t105"] and one.undated.total == 0


def test_timeline_page_over_http(big, monkeypatch):
    _no_whole_tables(monkeypatch, big)
    c = TestClient(make_asgi(big, user="t", background=False))
    html = c.get("/timeline").text
    per = graphs.TIMELINE_PER
    assert html.count('class="fact-dot"') == per and len(_ids(html, r'<li id="f\d+">')) == per
    assert 'rel="next" href="/timeline?page=2"' in html and 'rel="next" href="/timeline?upage=2"' in html
    two = c.get("/timeline?page=2").text
    assert f'<li id="f{per + 1}">' in two and f'<ol class="timeline facts" start="{per + 1}">' in two
    assert f'href="#f{per + 1}"' in two and 'rel="prev" href="/timeline?page=1"' in two
    last = c.get("/timeline?page=999").text
    assert c.get("/timeline?page=999").status_code == 200 and "لا وقائع مؤرخة" in last
    assert "e:t105" in c.get("/timeline?entity=e:t105").text


def test_contradictions_pages_equal_the_whole_list(big, monkeypatch):
    whole = [(s, [c.id for c in cs]) for s, _, cs in Snapshot(big).contradictions()]
    assert len(whole) >= AGES
    _no_whole_tables(monkeypatch, big)
    first = views.contradictions(big, per=10)
    assert first.groups.total == len(whole) and first.groups.pages == -(-len(whole) // 10)
    got = []
    for p in range(1, first.groups.pages + 1):
        part = views.contradictions(big, page=p, per=10)
        assert len(part.groups.items) <= 10
        got += [(s, [c.id for c in cs]) for s, _, cs in part.groups.items]
        assert set(part.docs) == {e.doc for _, _, cs in part.groups.items for c in cs for e in c.evidence}
    assert got == whole
    c = TestClient(make_asgi(big, user="t", background=False))
    html = c.get("/contradictions?page=2").text
    assert f'data-n="{len(whole)}"' in html and f"{len(whole)} تناقضًا" in html
    assert 'rel="prev" href="/contradictions?page=1"' in html and html.count('class="contradiction"') == 10


def test_network_pages_rank_every_entity_once_and_say_how_many_are_hidden(big, monkeypatch):
    whole = Snapshot(big)
    types = ("PER", "ORG")
    expected = {(e["source"], e["target"], "co_mention", e["weight"]) for e in whole.network(types)["edges"]}
    for c in whole.claims:  # the claim edges, as the page drew them before it was paged
        a, b = whole.entities.get(c.subject), whole.entities.get(c.object.get("entity", ""))
        if a and b and a.id != b.id and a.type in types and b.type in types:
            expected.add((a.id, b.id, c.predicate, 1))
    _no_whole_tables(monkeypatch, big)
    idx = views.NetIndex.of(big)
    assert {e for e in idx.edges if idx.types[e[0]] in types and idx.types[e[1]] in types} == expected
    assert views.NetIndex.of(big) is idx  # built once per graph state
    c = TestClient(make_asgi(big, user="t", background=False))
    first = c.get("/api/network?top=100").json()
    total = first["total_nodes"]
    assert total > PEOPLE and first["pages"] == -(-total // 100) and first["hidden"] == total - 100
    seen = []
    for p in range(1, first["pages"] + 1):
        part = c.get(f"/api/network?top=100&page={p}").json()
        ids = {n["id"] for n in part["nodes"]}
        assert all(e["source"] in ids and e["target"] in ids for e in part["edges"])
        seen += [n["id"] for n in part["nodes"]]
    assert len(seen) == len(set(seen)) == total
    html = c.get("/network?top=100&page=2").text
    assert f'data-n="{total - 100}"' in html and "في الصفحات الأخرى" in html
    assert 'rel="next" href="/network?top=100&amp;page=3"' in html
    assert 'rel="prev" href="/network?top=100&amp;page=1"' in html
    assert "100 كيان" in html  # the counts agree with their number (100: the singular)
