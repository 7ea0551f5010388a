"""Web security, attacked systematically: binding, authentication on every route,
CSRF on every state-changing route, stored XSS from every stored field, path
traversal, oversized bodies, injection through search, headers on every response."""

from __future__ import annotations

import asyncio
import json
import re
import subprocess
import sys

import pytest

pytest.importorskip("fastapi")
serve_app = pytest.importorskip("tahqiq.serve.app")
from fastapi.testclient import TestClient  # noqa: E402

from tahqiq.errors import TahqiqError  # noqa: E402
from tahqiq.model import Analysis, Document, Mention  # noqa: E402
from tahqiq.serve.security import check_bind  # noqa: E402
from tests.conftest import csrf_of  # noqa: E402
from tahqiq.store import open_store  # noqa: E402

from .corpus import ARRESTED, EXAMPLES, FLED  # noqa: E402

TOKEN = "s3cret-token-for-tests"
P = "tq" + "x"  # marker inside every payload, to find it in pages
PAYLOADS = [
    f"<script>window.{P}=1</script>", f"<img src=x onerror=\"window.{P}=2\">", f"\"><svg onload=window.{P}=3>",
    f"'><iframe src=javascript:window.{P}=4>", f"</textarea><script>{P}</script>", f"javascript:window.{P}=5",
    f"<a href=\"javascript:{P}\">x</a>", "{{ 7*7 }}{% raw %}", f"<style>@import 'http://evil.example/{P}';</style>",
]


def _unsafe(html: str) -> list[str]:
    """Live markup an attacker could have planted: parsed, so escaped text never counts."""
    from html.parser import HTMLParser

    found: list[str] = []

    class _P(HTMLParser):
        def handle_starttag(self, tag, attrs):
            a = dict(attrs)
            if tag == "script" and not (a.get("src") or "").startswith("/static/"):
                found.append(f"<script src={a.get('src')!r}>")
            if tag in ("iframe", "object", "embed", "svg", "base"):
                found.append(f"<{tag}>")
            self.tag = tag
            for k, v in attrs:
                if k.startswith("on"):
                    found.append(f"<{tag} {k}=>")
                if k == "style":
                    found.append(f"<{tag} style=>")
                if k in ("href", "src", "action", "formaction") and (v or "").strip().lower().startswith(
                        ("javascript:", "data:text/html")):
                    found.append(f"<{tag} {k}={v!r}>")
                if v and P in v and k in ("href", "src"):
                    found.append(f"<{tag} {k}={v!r}> (attacker-controlled URL)")
            if tag == "img" and (a.get("src") or "") == "x":
                found.append("<img src=x>")

        def handle_data(self, data):  # a stylesheet of our own is fine; one carrying a payload is not
            if getattr(self, "tag", None) in ("style", "script") and P in data:
                found.append(f"<{self.tag}> with a payload")

    _P().feed(html)
    return found


def test_the_xss_detector_sees_live_markup_and_ignores_escaped_text():
    from markupsafe import escape
    for payload in [x for i, x in enumerate(PAYLOADS) if i not in (5, 7)]:  # bare text, harmless outside href
        assert _unsafe(f"<p>{payload}</p>"), payload
        assert not _unsafe(f"<p>{escape(payload)}</p><input value=\"{escape(payload)}\">"), payload


def _client(store, **kw) -> TestClient:
    return TestClient(serve_app.make_asgi(store, user="tester", background=False, **kw), follow_redirects=False)


def _csrf(client, path="/login") -> str:
    return csrf_of(client, path)


@pytest.fixture(scope="module")
def hostile_store(tmp_path_factory):
    """Examples plus an article whose every field carries a payload, a person whose name
    carries one, and a review note and reviewer name that carry one."""
    from tahqiq.pipeline import build, link

    d = tmp_path_factory.mktemp("sec")
    rec = {"title": PAYLOADS[0] + "عنوان", "outlet": PAYLOADS[1], "author": PAYLOADS[2], "url": PAYLOADS[5],
           "published": PAYLOADS[3], "text": FLED + " " + " ".join(PAYLOADS) + " " + ARRESTED}
    (d / "hostile.jsonl").write_text(json.dumps(rec, ensure_ascii=False) + "\n", encoding="utf-8")
    store = open_store(str(d / "web.db"))
    build([str(EXAMPLES), str(d / "hostile.jsonl")], store, ner="rules")
    # A person whose surface name is markup (as if an extractor had been fooled).
    text = f"قال المصدر إن {PAYLOADS[1]}خالد الحسن فر إلى تركيا. " + ARRESTED
    doc = Document(text=text, source=PAYLOADS[6], title=PAYLOADS[4], outlet=PAYLOADS[8])
    s = text.index(PAYLOADS[1])
    e = text.index("خالد الحسن") + len("خالد الحسن")
    store.add_analysis(Analysis(doc, mentions=[Mention(doc.id, s, e, text[s:e], "PER")]))
    link(store)
    person = next(x for x in store.entities() if P in x.name)
    store.add_decision("reject_claim", {"assertions": [], "claim": "c:none"}, note=PAYLOADS[0] + PAYLOADS[7],
                       user=PAYLOADS[1])
    return store, doc.id, person.id


def _pages(store, doc_id, person_id) -> list[str]:
    docs = [x.id for x in store.documents()]
    ents = [x.id for x in store.entities()][:30]
    return (["/", "/stories", "/contradictions", "/network", "/api/network", "/review", "/audit", "/login",
             f"/?q={PAYLOADS[0]}", f"/?q={PAYLOADS[1]}", f"/doc/{PAYLOADS[0]}", f"/entity/{PAYLOADS[2]}",
             f"/entity/{person_id}/dossier.html", f"/api/entity/{person_id}/movements"]
            + [f"/doc/{i}" for i in docs] + [f"/entity/{i}" for i in ents] + [f"/export/{f}" for f in ("json",)])


# ---- binding and authentication ----------------------------------------------------------------
@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.5", "10.0.0.1", "example.com", "127.0.0.1.nip.io",
                                  "localhost.evil.example", "[::ffff:8.8.8.8]"])
def test_no_bind_beyond_localhost_without_a_token(host, figures):
    with pytest.raises(TahqiqError):
        check_bind(host, None)
    with pytest.raises(TahqiqError):
        check_bind(host, "short")
    check_bind(host, TOKEN)
    figures.add(f"bind to {host} without a token", 1, "refused (TahqiqError)")


def test_cli_refuses_public_bind_without_token(tmp_path, figures):
    r = subprocess.run([sys.executable, "-m", "tahqiq", "serve", "--host", "0.0.0.0", "--db", str(tmp_path / "x.db")],
                       capture_output=True, text=True, timeout=120, env={"PATH": "/usr/bin:/bin"})
    assert r.returncode != 0 and "token" in (r.stderr + r.stdout).lower()
    figures.add("`tahqiq serve --host 0.0.0.0` without a token", 1, f"exit code {r.returncode}, says why")


def test_token_guards_every_route(hostile_store, figures):
    store, doc_id, person_id = hostile_store
    app = serve_app.make_asgi(store, token=TOKEN)
    c = TestClient(app, follow_redirects=False)
    routes = [r for r in app.app.routes if hasattr(r, "methods")]
    tried = 0
    for r in routes:
        path = (r.path.replace("{entity_id}", person_id).replace("{doc_id}", doc_id).replace("{fmt}", "json")
                .replace("{ext}", "html"))
        for method in sorted(r.methods - {"HEAD"}):
            if path == "/login":
                continue
            for headers in ({}, {"authorization": "Bearer wrong-token-000000"}, {"cookie": "tahqiq_auth=forged"},
                            {"authorization": f"Basic {TOKEN}"}):
                resp = c.request(method, path, headers=headers)
                tried += 1
                assert resp.status_code in (303, 401), (method, path, headers, resp.status_code)
                if resp.status_code == 303:
                    assert resp.headers["location"] == "/login"
                assert FLED[:20] not in resp.text and "tahqiq/1" not in resp.text
    assert c.get("/", headers={"authorization": f"Bearer {TOKEN}"}).status_code == 200
    assert c.get("/static/app.css").status_code == 200
    figures.add("requests without a valid token when one is set (every route × method; none, wrong bearer, "
                "forged cookie, Basic)", tried, "all 303 to /login or 401; no data in the response")


# ---- CSRF --------------------------------------------------------------------------------------
def test_every_state_changing_route_needs_csrf(hostile_store, figures):
    store, doc_id, person_id = hostile_store
    app = serve_app.make_asgi(store, user="tester", background=False)
    c = TestClient(app, follow_redirects=False)
    token = _csrf(c)
    before = store.decisions()
    ents = [e for e in store.entities() if e.type == "PER"]
    claim = store.claims()[0].id if store.claims() else "c:x"
    forms = {"/review/merge": {"a": ents[0].id, "b": ents[1].id},
             "/review/split": {"entity": ents[0].id, "mention": ents[0].mentions[:1]},
             "/review/claim": {"claim": claim, "action": "reject"},
             "/review/candidate": {"a": ents[0].id, "b": ents[1].id, "action": "confirm"},
             "/review/candidates": {"pair": [f"{ents[0].id}|{ents[1].id}"], "action": "confirm"},
             "/review/undo": {"decision": "1"},
             "/login": {"access_token": TOKEN}, "/logout": {}}
    posts = sorted({r.path for r in app.app.routes if "POST" in getattr(r, "methods", ())})
    assert set(posts) <= set(forms), f"a new POST route has no CSRF case here: {set(posts) - set(forms)}"
    tried = 0
    for path in posts:
        form = forms[path]
        for extra, headers in (({}, {}), ({"csrf": ""}, {}), ({"csrf": "x" + token}, {}),
                               ({"csrf": token}, {"origin": "http://evil.example"}),
                               ({"csrf": token}, {"origin": "http://localhost.evil.example"})):
            r = c.post(path, data={**form, **extra}, headers=headers)
            tried += 1
            assert r.status_code == 403, (path, extra, headers, r.status_code)
        # a cross-site form cannot set our cookie: token in the form, none in the cookie
        c2 = TestClient(app, follow_redirects=False)
        r = c2.post(path, data={**form, "csrf": token})
        tried += 1
        assert r.status_code == 403, (path, "no cookie")
    for path in posts:  # state never changes on GET
        r = c.get(path)
        tried += 1
        assert r.status_code in (404, 405) or path == "/login"
    assert store.decisions() == before
    figures.add("POSTs to every state-changing route without a CSRF token, with a wrong one, without the cookie, "
                "from a foreign Origin; GETs to them", tried, "all refused (403/405); decisions unchanged")


# ---- stored XSS --------------------------------------------------------------------------------
def test_stored_xss_from_every_field_is_escaped_on_every_page(hostile_store, figures):
    store, doc_id, person_id = hostile_store
    c = _client(store)
    bad = {}
    pages = _pages(store, doc_id, person_id)
    for path in pages:
        r = c.get(path)
        assert r.status_code < 500, (path, r.status_code)
        ctype = r.headers.get("content-type", "")
        if "html" in ctype:
            found = _unsafe(r.text)
            if found:
                bad[path] = found
            assert "49" not in re.findall(r"\{\{ 7\*7 \}\}|49(?=\{% raw)", r.text)
        elif "json" in ctype:
            assert not r.headers.get("content-type", "").startswith("text/html")
    assert not bad, bad
    assert P in c.get(f"/doc/{doc_id}").text  # shown as text, not dropped
    figures.add(f"stored XSS: {len(PAYLOADS)} payloads in article text, title, outlet, byline, URL, date, "
                "a person's name, a review note and reviewer; every page and the dossier download", len(pages),
                "escaped everywhere (no live tag, no javascript: link, no template evaluation)")


def test_pages_carry_no_inline_script_or_handlers(hostile_store, figures):
    store, doc_id, person_id = hostile_store
    c = _client(store)
    pages = [p for p in _pages(store, doc_id, person_id) if not p.startswith(("/api", "/export"))]
    for path in pages:
        html = c.get(path).text
        assert not _unsafe(html), (path, _unsafe(html))
    figures.add("inline <script>, on*= handlers, style= attributes in rendered pages (CSP forbids them)",
                len(pages), "none")


# ---- path traversal and odd paths -----------------------------------------------------------------
def _raw_get(app, raw_path: bytes) -> tuple[int, bytes]:
    """A request with an exact raw path (HTTP clients normalise dot segments away)."""
    out = {"status": 0, "body": b""}

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(m):
        if m["type"] == "http.response.start":
            out["status"] = m["status"]
        elif m["type"] == "http.response.body":
            out["body"] += m.get("body", b"")

    from urllib.parse import unquote_to_bytes
    path = unquote_to_bytes(raw_path.split(b"?")[0]).decode("utf-8", "replace")
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET", "scheme": "http",
             "path": path, "raw_path": raw_path, "query_string": b"", "root_path": "",
             "headers": [(b"host", b"testserver")], "client": ("127.0.0.1", 1), "server": ("testserver", 80)}
    asyncio.run(app(scope, receive, send))
    return out["status"], out["body"]


TRAVERSALS = [b"/static/../../../../etc/passwd", b"/static/..%2f..%2f..%2f..%2fetc%2fpasswd",
              b"/static/%2e%2e/%2e%2e/%2e%2e/pyproject.toml", b"/static/../../../../pyproject.toml",
              b"/static/....//....//etc/passwd", b"/static//etc/passwd", b"/static/%c0%ae%c0%ae/etc/passwd",
              b"/export/../../etc/passwd", b"/export/..%2f..%2fetc%2fpasswd", b"/export/json%00.txt",
              b"/entity/..%2f..%2fetc%2fpasswd/dossier.html", b"/entity/x/dossier.html%00",
              b"/entity/x/dossier.pdf/../../etc/passwd", b"/doc/..%2f..%2fetc%2fpasswd",
              b"/static/../audit", b"/static/..%2faudit"]


@pytest.mark.parametrize("locked", [False, True], ids=["open", "token"])
def test_path_traversal(hostile_store, locked, figures):
    store, _, _ = hostile_store
    app = serve_app.make_asgi(store, token=TOKEN if locked else None)
    for raw in TRAVERSALS:
        status, body = _raw_get(app, raw)
        assert b"root:x:0:0" not in body and b"[project]" not in body and b"[build-system]" not in body, raw
        assert status < 500, (raw, status)
        if locked:  # a /static/.. path must not reach an authenticated page
            assert status in (303, 400, 401, 404), (raw, status)
    figures.add(f"path traversal in static, export, dossier and document routes ({'with' if locked else 'without'} "
                "a token)", len(TRAVERSALS), "no file outside the app served; token not bypassed via /static/..")


# ---- bodies ------------------------------------------------------------------------------------
def test_oversized_and_pathological_bodies(hostile_store, figures):
    store, _, _ = hostile_store
    c = _client(store, max_body=10_000)
    token = _csrf(c)
    before = store.decisions()
    cases = {
        "declared too long": c.post("/review/claim", data={"claim": "c:x", "action": "reject", "csrf": token,
                                                            "note": "x" * 20_000}),
        "chunked, no length": c.post("/review/claim", content=(b"note=" + b"x" * 5000 for _ in range(5)),
                                     headers={"content-type": "application/x-www-form-urlencoded"}),
        "multipart file": c.post("/review/claim", data={"csrf": token}, files={"f": ("a.bin", b"\0" * 50_000)}),
        "lying length": c.post("/review/claim", content=b"x" * 20, headers={"content-length": "abc",
                                                                          "content-type": "text/plain"}),
        "many fields": c.post("/review/claim", content="&".join(f"f{i}=1" for i in range(1500)).encode()
                              + f"&csrf={token}&claim=c:x&action=reject".encode(),
                              headers={"content-type": "application/x-www-form-urlencoded"}),
    }
    for k, r in cases.items():
        assert 400 <= r.status_code < 500, (k, r.status_code)
    assert store.decisions() == before
    figures.add("oversized and pathological request bodies (declared, chunked, multipart, bad length, "
                "1,500 fields)", len(cases), "; ".join(f"{k}: {r.status_code}" for k, r in cases.items()))


# ---- injection through search -----------------------------------------------------------------------
INJECTIONS = ["' OR 1=1 --", "\" OR \"\"=\"", "'; DROP TABLE entities; --", "1; DELETE FROM documents",
              "%", "_", "%' UNION SELECT id, text FROM documents --", "\\", "\"unterminated", "NEAR(a b)",
              "a AND OR NOT b", "name:حامد", "*", "حامد*", "^حامد", "{col}: x", "\x00", "حامد\x00' --",
              "ـــ", "\u202e", "(((", ")))", "a" * 5000, "' OR '1'='1", "$(rm -rf /)", "{{7*7}}"]


def test_injection_through_search(hostile_store, figures):
    store, _, _ = hostile_store
    counts = store.counts()
    c = _client(store)
    for q in INJECTIONS:
        r = c.get("/", params={"q": q})
        assert r.status_code == 200, (q, r.status_code)
        if hasattr(store, "search"):
            try:
                store.search(q)
            except TahqiqError:
                pass
        from tahqiq.query import find_entities
        find_entities(store, q)
    for q in ("%", "_", "' OR 1=1 --", "*"):
        hits = store.search(q) if hasattr(store, "search") else []
        assert len(hits) < counts["entities"] + counts["documents"], (q, len(hits))
    r = subprocess.run([sys.executable, "-m", "tahqiq", "search", "'; DROP TABLE entities; --", "--db",
                        store.url], capture_output=True, text=True, timeout=120)
    assert "Traceback" not in r.stderr
    assert store.counts() == counts
    figures.add("SQL/FTS injection and wildcards through web search, Store.search, find_entities, `tahqiq search`",
                len(INJECTIONS), "no error page, tables intact, wildcards do not return everything")


# ---- headers ----------------------------------------------------------------------------------
def test_security_headers_on_every_kind_of_response(hostile_store, figures):
    store, doc_id, person_id = hostile_store
    c = _client(store, max_body=1000)
    locked = TestClient(serve_app.make_asgi(store, token=TOKEN), follow_redirects=False)
    responses = {
        "page": c.get("/"), "document": c.get(f"/doc/{doc_id}"), "json": c.get("/api/network"),
        "static": c.get("/static/app.css"), "404": c.get("/entity/e:nope"), "405": c.get("/review/merge"),
        "403": c.post("/review/claim", data={"claim": "x", "action": "reject"}),
        "413": c.post("/review/claim", data={"note": "x" * 5000}), "export": c.get("/export/json"),
        "dossier": c.get(f"/entity/{person_id}/dossier.html"), "303 login": locked.get("/"),
        "401": locked.post("/review/claim"), "unknown route": c.get("/nope/nope"),
    }
    for k, r in responses.items():
        h = r.headers
        csp = h.get("content-security-policy", "")
        script = re.search(r"script-src ([^;]*)", csp)
        assert script and "unsafe-inline" not in script.group(1) and "unsafe-eval" not in csp, (k, csp)
        assert "frame-ancestors 'none'" in csp and "default-src 'none'" in csp, (k, csp)
        assert h.get("x-content-type-options") == "nosniff", k
        assert "server" not in {x.lower() for x in h.keys()} or "uvicorn" not in h.get("server", ""), k
    figures.add("security headers (CSP without inline script, nosniff, frame-ancestors) on every kind of response",
                len(responses), "present on all, error pages and downloads included")
