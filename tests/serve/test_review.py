"""Review through HTTP: decisions relinked in the background with visible progress while pages keep
answering, undo of any decision (and of an undo), batch confirm/reject, candidates side by side."""

from __future__ import annotations

import re
import threading

import pytest
from fastapi.testclient import TestClient

from tahqiq.serve.app import make_asgi
from tahqiq.serve.relink import Relinker
from tests.conftest import csrf_of

HAMED = "حامد النوري"


def _client(store, **kw) -> TestClient:
    return TestClient(make_asgi(store, user="tester", **kw), follow_redirects=False)


def _ent(store, name):
    from tahqiq.query import find_entities
    return find_entities(store, name)[0]


def test_a_decision_returns_before_the_relink_and_pages_stay_usable(web_store):
    store, _ = web_store
    gate, entered = threading.Event(), threading.Event()

    def slow_link(st):  # the real link, held until the test has looked at the app meanwhile
        from tahqiq.pipeline import link
        entered.set()
        assert gate.wait(60)
        link(st)

    asgi = make_asgi(store, user="tester")
    web = asgi.app.state.web
    web.relinker = Relinker(store, link=slow_link)
    c = TestClient(asgi, follow_redirects=False)
    hamed = _ent(store, HAMED)
    victim = next(x for x in store.claims() if x.subject == hamed.id and x.predicate == "fled_to")
    r = c.post("/review/claim", data={"claim": victim.id, "action": "reject", "csrf": csrf_of(c)})
    assert r.status_code == 303
    assert entered.wait(60)
    status = c.get("/api/relink").json()
    assert status["state"] == "running" and status["waiting"] == 1
    page = c.get(f"/entity/{hamed.id}")  # the app answers while the relink runs, from the previous graph
    assert page.status_code == 200 and 'id="relink"' in page.text and "<progress" in page.text
    assert victim.id in page.text and [d["kind"] for d in store.decisions()] == ["reject_claim"]
    assert c.get("/").status_code == 200 and c.get("/?q=حامد").status_code == 200
    gate.set()
    assert web.relinker.wait(120)
    assert c.get("/api/relink").json()["state"] == "idle"
    assert victim.id not in {x.id for x in store.claims()}
    assert "<progress" not in c.get(f"/entity/{hamed.id}").text


def test_decisions_made_during_a_relink_are_applied_after_it():
    calls, gate, started = [], threading.Event(), threading.Event()

    def link(st):
        calls.append(1)
        started.set()
        if len(calls) == 1:
            assert gate.wait(30)

    r = Relinker(store=None, link=link)  # type: ignore[arg-type]
    r.request()
    assert started.wait(30)
    r.request()
    r.request()  # two decisions during the first relink: one more relink covers both
    assert r.status().waiting == 3
    gate.set()
    assert r.wait(30)
    assert len(calls) == 2 and r.status().waiting == 0 and r.status().generation == 2


def test_a_failed_relink_is_reported_and_keeps_the_decision(web_store):
    store, _ = web_store

    def broken(st):
        raise RuntimeError("disk on fire")

    r = Relinker(store, link=broken)
    r.request()
    assert r.wait(30)
    assert "disk on fire" in r.status().error


def test_undo_puts_the_graph_back_and_undoing_the_undo_reapplies(web_store):
    store, _ = web_store
    c = _client(store, background=False)
    token = csrf_of(c)
    a, b = _ent(store, "محمود القصوبة"), _ent(store, "بشار المداح")
    c.post("/review/merge", data={"a": a.id, "b": b.id, "csrf": token})
    merged = lambda: store.links()[a.mentions[0]] == store.links()[b.mentions[0]]  # noqa: E731
    assert merged()
    n = store.decisions()[-1]["id"]
    r = c.post("/review/undo", data={"decision": n, "csrf": token})
    assert r.status_code == 303 and r.headers["location"] == "/audit"
    assert not merged()
    audit = c.get("/audit").text
    assert re.search(rf'class="k-merge undone" data-id="{n}"', audit) and f"أُلغي بالقرار #{n + 1}" in audit
    assert c.post("/review/undo", data={"decision": n, "csrf": token}).status_code == 409  # undone already
    c.post("/review/undo", data={"decision": n + 1, "csrf": token})  # undo the undo: merged again
    assert merged()
    assert [d["kind"] for d in store.decisions()] == ["merge", "undo", "undo"]
    assert all(d["user"] == "tester" for d in store.decisions())


def test_batch_confirm_and_reject_of_candidates(web_store):
    store, _ = web_store
    c = _client(store, background=False)
    token = csrf_of(c)
    per = [e for e in store.entities() if e.type == "PER"]
    pairs = [f"{per[0].id}|{per[1].id}", f"{per[2].id}|{per[3].id}"]
    r = c.post("/review/candidates", data={"pair": pairs, "action": "reject", "note": "دفعة", "csrf": token})
    assert r.status_code == 303
    ds = store.decisions()
    assert [d["kind"] for d in ds] == ["split", "split"] and {d["note"] for d in ds} == {"دفعة"}
    r = c.post("/review/candidates", data={"one": f"confirm|{per[4].id}|{per[5].id}", "pair": pairs, "csrf": token})
    assert r.status_code == 303 and [d["kind"] for d in store.decisions()][2:] == ["merge"]  # only the one clicked
    assert c.post("/review/candidates", data={"action": "confirm", "csrf": token}).status_code == 400


def test_candidates_side_by_side_with_quotes_and_context(web_store):
    store, _ = web_store
    per = [e for e in store.entities() if e.type == "PER"]
    subj = {x.subject for x in store.claims()}
    a = next(e for e in per if e.id in subj)
    b = next(e for e in per if e is not a)
    from tahqiq.store import schema as s
    with store.engine.begin() as conn:
        conn.execute(s.candidates.insert().values(a=a.id, b=b.id, score=0.71, reason="same family name"))
    html = _client(store).get("/review").text
    section = html.split('class="candidate"', 1)[1].split("</section>", 1)[0]
    sides = section.split('class="side"')[1:]
    assert len(sides) == 2
    assert a.name in sides[0] and b.name in sides[1]
    assert sides[0].count("<blockquote") >= 1 and "<mark>" in sides[0]  # a mention in its context
    quote = next(x for x in store.claims() if x.subject == a.id).evidence[0].quote
    assert '<q lang="ar">' in sides[0] and _esc(quote)[:30] in sides[0]
    # a reason of a form the page does not know stays as written, isolated in the RTL text
    assert '<bdi class="reason" dir="auto" title="same family name">same family name</bdi>' in section
    assert 'name="pair"' in section and 'value="confirm|' in section


def _esc(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&#34;").replace("'", "&#39;")


@pytest.mark.parametrize("path", ["/review", "/audit", "/stories", "/contradictions", "/"])
def test_lists_are_paged(web_store, path):
    store, _ = web_store
    c = _client(store)
    r = c.get(path, params={"page": "2", "dpage": "999999"})
    assert r.status_code == 200
    assert c.get(path, params={"page": "نص"}).status_code == 200  # a bad page number is page 1


def test_an_exported_undo_cancels_the_same_decision_in_another_store(web_store, tmp_path):
    from tahqiq.export.decisions import decisions_dict, import_decisions
    from tahqiq.pipeline import build
    from tahqiq.store import open_store

    store, inputs = web_store
    c = _client(store, background=False)
    token = csrf_of(c)
    a, b = _ent(store, "محمود القصوبة"), _ent(store, "بشار المداح")
    h, f = _ent(store, HAMED), _ent(store, "فراس سفوك")
    assert c.post("/review/merge", data={"a": h.id, "b": f.id, "csrf": token}).status_code == 303  # 1, stays
    assert c.post("/review/merge", data={"a": a.id, "b": b.id, "csrf": token}).status_code == 303  # 2, undone
    assert c.post("/review/undo", data={"decision": 2, "csrf": token}).status_code == 303
    other = open_store(str(tmp_path / "other.db"))
    other.add_decision("confirm_claim", {"assertions": []}, None, "x")  # row ids differ between the stores
    build(inputs, other)
    res = import_decisions(other, decisions_dict(store))
    assert res["added"] == 3, (res, [(d["kind"], d["target"].get("decision")) for d in decisions_dict(store)["decisions"]])
    undo = other.decisions()[-1]
    assert undo["kind"] == "undo" and undo["target"]["decision"] == 3  # the second merge, as numbered here
    links = other.links()
    assert links[h.mentions[0]] == links[f.mentions[0]] and links[a.mentions[0]] != links[b.mentions[0]]
    assert import_decisions(other, decisions_dict(store))["added"] == 0  # idempotent
