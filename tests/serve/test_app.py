"""The web app through its HTTP interface (no browser): pages, escaping, security, review decisions."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from tahqiq.errors import TahqiqError
from tahqiq.serve.app import make_asgi
from tahqiq.serve.security import check_bind
from tests.conftest import csrf_of

HAMED = "حامد النوري"


def _client(store, **kw) -> TestClient:
    kw.setdefault("background", False)  # decisions applied before the redirect (background: test_review.py)
    return TestClient(make_asgi(store, user="tester", **kw), follow_redirects=False)


def _entity(store, name):
    from tahqiq.query import find_entities
    return find_entities(store, name)[0]


def _csrf(client, path="/login") -> str:
    return csrf_of(client, path)


@pytest.fixture(scope="module")
def ro(dev_store):
    """A client over the shared dev store for read-only tests."""
    return _client(dev_store)


def test_search_any_spelling_kunya_and_latin(ro, dev_store):
    hamed = _entity(dev_store, HAMED)
    for q in (HAMED, "أبو حمزة القرعاني", "حامد النورى", hamed.latin):
        r = ro.get("/", params={"q": q})
        assert r.status_code == 200
        assert f'href="/entity/{hamed.id}"' in r.text, q
    assert 'dir="rtl"' in ro.get("/").text and 'lang="ar"' in ro.get("/").text


def test_dossier_shows_names_latin_quotes_sources_and_map(ro, dev_store):
    e = _entity(dev_store, "ماجد سليمان العيد")
    html = ro.get(f"/entity/{e.id}").text
    assert e.name in html and e.latin and f'<span class="latin" lang="en" dir="ltr">{e.latin}</span>' in html
    for alias in e.aliases:
        assert alias in html
    claims = [c for c in dev_store.claims() if c.subject == e.id]
    assert claims
    for c in claims:
        assert f'id="{c.id}"' in html
    quote = claims[0].evidence[0].quote
    assert '<mark class="quote">' in html and _esc(quote) in html
    assert "أخبار الآن" in html  # outlet
    assert "مصدر مستقل" in html and "badge s-" in html
    assert html.count('id="map"') == 1 and f'data-src="/api/entity/{e.id.replace(":", "%3A")}/map"' in html
    assert 'class="plot-point"' not in html  # one map, not two (issue #22)
    assert 'class="timeline"' in html and "شانلي أورفا" in html
    moves = ro.get(f"/api/entity/{e.id}/movements").json()
    assert {m["place_name"] for m in moves} >= {"شانلي أورفا"} and any(m["lat"] for m in moves)


def test_document_view_highlights_mentions_and_links_copies(ro, dev_store):
    r = dev_store.reuse()[0]
    html = ro.get(f"/doc/{r.a}").text
    assert 'class="ent t-PER" href="/entity/e:' in html
    assert 'class="copied"' in html
    assert f'href="/doc/{r.b}"' in html  # copied-text link to the other document
    # the text survives highlighting intact
    plain = re.sub(r"<[^>]+>", "", html.split('<div class="text" lang="ar">')[1].split("</div>")[0])
    assert _unesc(plain) == dev_store.document(r.a).text


def test_stories_network_contradictions_audit_render(ro, dev_store):
    r = dev_store.reuse()[0]
    stories = ro.get("/stories").text
    assert f'href="/doc/{r.a}"' in stories and f'href="/doc/{r.b}"' in stories
    net = ro.get("/api/network").json()
    ids = {n["id"] for n in net["nodes"]}
    assert net["edges"] and all(x["source"] in ids and x["target"] in ids for x in net["edges"])
    assert "cytoscape.min.js" in ro.get("/network").text
    assert ro.get("/contradictions").status_code == 200
    assert ro.get("/audit").status_code == 200
    assert ro.get("/review").status_code == 200
    assert ro.get("/entity/e:nope").status_code == 404


def test_conflicting_claims_listed_on_contradictions(web_store):
    from tahqiq.export.view import Snapshot
    from tahqiq.model import Claim

    store, _ = web_store
    snap = Snapshot(store)
    subject = next(e.id for e in snap.entities.values() if e.type == "PER")
    snap.claims += [Claim("c:age30", subject, "age", {"value": 30, "unit": "year"}),
                    Claim("c:age45", subject, "age", {"value": 45, "unit": "year"})]
    groups = snap.contradictions()
    assert [(s, [c.id for c in cs]) for s, _, cs in groups] == [(subject, ["c:age30", "c:age45"])]
    assert groups[0][1]  # the reason is shown


def test_security_headers_on_every_response(ro):
    for path in ("/", "/static/app.css", "/entity/e:nope", "/static/vendor/leaflet/leaflet.js"):
        r = ro.get(path)
        csp = r.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
        assert r.headers["x-content-type-options"] == "nosniff"


def test_hostile_article_is_escaped_everywhere(web_store):
    store, _ = web_store
    c = _client(store)
    doc = next(d for d in store.documents() if "__pwned" in d.text)
    person = _entity(store, "خالد الحسن")
    pages = [c.get(p).text for p in ("/", f"/doc/{doc.id}", f"/entity/{person.id}", "/stories",
                                     f"/entity/{person.id}/dossier.html")]
    pages.append(c.get("/", params={"q": "<script>window.__pwned='q'</script>"}).text)
    for html in pages:
        assert "<script>window" not in html
        assert "<img src=x" not in html and "<svg onload" not in html and "<iframe" not in html
        assert "<b>عريض" not in html
        assert 'href="javascript:' not in html
    assert "&lt;script&gt;window.__pwned" in pages[1]  # shown as text, not dropped
    assert "{{ 7*7 }}" in pages[1]  # no template evaluation of article text


def test_review_needs_csrf_and_same_origin(web_store):
    store, _ = web_store
    c = _client(store)
    claim = store.claims()[0]
    form = {"claim": claim.id, "action": "reject"}
    assert c.post("/review/claim", data=form).status_code == 403
    token = _csrf(c)
    assert c.post("/review/claim", data={**form, "csrf": "x" + token}).status_code == 403
    r = c.post("/review/claim", data={**form, "csrf": token}, headers={"origin": "http://evil.example"})
    assert r.status_code == 403
    assert store.decisions() == []
    assert c.post("/review/claim", data={**form, "csrf": token}).status_code == 303
    assert len(store.decisions()) == 1


def test_body_size_limited(web_store):
    store, _ = web_store
    c = _client(store, max_body=1000)
    token = _csrf(c)
    big = {"claim": "c:x", "action": "reject", "csrf": token, "note": "x" * 5000}
    assert c.post("/review/claim", data=big).status_code == 413

    def chunks():
        for _ in range(10):
            yield b"note=" + b"x" * 500
    assert c.post("/review/claim", content=chunks(),
                  headers={"content-type": "application/x-www-form-urlencoded"}).status_code == 413
    assert store.decisions() == []


def test_bind_needs_token_off_loopback():
    check_bind("127.0.0.1", None)
    check_bind("::1", None)
    check_bind("localhost", None)
    with pytest.raises(TahqiqError, match="token"):
        check_bind("0.0.0.0", None)
    with pytest.raises(TahqiqError, match="at least"):
        check_bind("0.0.0.0", "short")
    check_bind("0.0.0.0", "a-long-enough-token")


def test_token_locks_every_page(web_store):
    store, _ = web_store
    secret = "s3cret-token-for-tests"
    c = _client(store, token=secret)
    r = c.get("/")
    assert r.status_code == 303 and r.headers["location"] == "/login"
    assert c.get("/export/json").status_code == 303
    assert c.post("/review/claim", data={}).status_code == 401
    assert c.get("/static/app.css").status_code == 200
    assert c.get("/", headers={"authorization": f"Bearer {secret}"}).status_code == 200
    token = _csrf(c, "/login")
    assert c.post("/login", data={"access_token": "wrong-token-123", "csrf": token}).status_code == 401
    r = c.post("/login", data={"access_token": secret, "csrf": token})
    assert r.status_code == 303
    assert secret not in str(c.cookies.jar)  # the cookie holds a random session id, not the token
    assert c.get("/").status_code == 200


def test_reject_claim_and_merge_survive_rebuild(web_store):
    from tahqiq.pipeline import build
    store, inputs = web_store
    c = _client(store)
    token = _csrf(c)
    hamed = _entity(store, HAMED)
    victim = next(x for x in store.claims() if x.subject == hamed.id and x.predicate == "fled_to")
    r = c.post("/review/claim", data={"claim": victim.id, "action": "reject", "note": "خطأ في الاستخراج",
                                      "reviewer": "مراجع ١", "csrf": token})  # a reviewer field is ignored
    assert r.status_code == 303 and r.headers["location"] == f"/entity/{hamed.id}"
    a, b = _entity(store, "محمود القصوبة"), _entity(store, "بشار المداح")
    r = c.post("/review/merge", data={"a": a.id, "b": b.id, "note": "نفس الشخص", "csrf": token})
    assert r.status_code == 303

    def check():
        assert victim.id not in {x.id for x in store.claims()}
        merged = {store.links()[m] for m in a.mentions + b.mentions}
        assert len(merged) == 1
        return merged.pop()

    check()
    kinds = [(d["kind"], d["user"]) for d in store.decisions()]
    assert kinds == [("reject_claim", "tester"), ("merge", "tester")]
    assert all(d["created"] for d in store.decisions())
    audit = c.get("/audit").text
    assert "خطأ في الاستخراج" in audit and "نفس الشخص" in audit and "reject_claim" in audit
    assert "مراجع ١" not in audit
    store.set_meta("linked", False)  # force the cross-document stages to re-derive everything
    build(inputs, store)
    merged = check()
    assert c.get(f"/entity/{a.id}").status_code in (200, 303)
    page = c.get(f"/entity/{merged}").text
    assert "نفس الشخص" in page  # the decision shows on the merged dossier


def test_confirm_split_and_candidate_decisions(web_store):
    store, _ = web_store
    c = _client(store)
    token = _csrf(c)
    hamed = _entity(store, HAMED)
    claim = next(x for x in store.claims() if x.subject == hamed.id)
    c.post("/review/claim", data={"claim": claim.id, "action": "confirm", "csrf": token})
    assert "أكّده مراجع" in c.get(f"/entity/{hamed.id}").text
    assert c.post("/review/split", data={"entity": hamed.id, "mention": hamed.mentions, "csrf": token}
                  ).status_code == 400  # not all mentions
    r = c.post("/review/split", data={"entity": hamed.id, "mention": hamed.mentions[:1], "csrf": token})
    assert r.status_code == 303
    other = _entity(store, "فراس سفوك")
    r = c.post("/review/candidate", data={"a": hamed.id, "b": other.id, "action": "reject", "csrf": token})
    assert r.status_code == 303 and r.headers["location"] == "/review"
    kinds = [d["kind"] for d in store.decisions()]
    assert kinds == ["confirm_claim", "split", "split"]
    split = store.decisions()[1]["target"]
    assert split["b"] == hamed.mentions[:1] and set(split["a"]) == set(hamed.mentions[1:])
    apart = store.decisions()[2]["target"]
    assert set(apart["b"]) == set(other.mentions)


def test_no_open_redirect(web_store):
    store, _ = web_store
    c = _client(store)
    token = _csrf(c)
    claim = store.claims()[0]
    r = c.post("/review/claim", data={"claim": claim.id, "action": "confirm", "back": "//evil.example/x",
                                      "csrf": token})
    assert r.headers["location"].startswith("/entity/")


def test_downloads(ro, dev_store):
    for fmt in ("json", "csv", "ftm", "graphml", "geojson"):
        r = ro.get(f"/export/{fmt}")
        assert r.status_code == 200 and r.content and "attachment" in r.headers["content-disposition"]
    e = _entity(dev_store, HAMED)
    r = ro.get(f"/entity/{e.id}/dossier.html")
    assert r.status_code == 200 and e.name in r.text


def _esc(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&#34;").replace("'", "&#39;")


def _unesc(s: str) -> str:
    return s.replace("&lt;", "<").replace("&gt;", ">").replace("&#34;", '"').replace("&#39;", "'").replace("&amp;", "&")


def test_tiles_origin_is_the_only_image_exception():
    from tahqiq.serve.security import csp
    assert "img-src 'self' data:;" in csp(None)
    policy = csp("https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png")
    assert "img-src 'self' data: https://*.tile.openstreetmap.org;" in policy
    assert "script-src 'self';" in policy
