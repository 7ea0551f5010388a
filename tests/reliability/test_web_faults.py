"""Web app under hostile credentials and ids: non-ASCII token, cookie or form field gives a
401 (never a 500), every response (errors included) carries the security headers, and
``/doc/{id}`` matches ids exactly (no LIKE wildcard)."""

from __future__ import annotations

import pytest

pytest.importorskip("fastapi")
serve_app = pytest.importorskip("tahqiq.serve.app")
from fastapi.testclient import TestClient  # noqa: E402

from tahqiq.model import Analysis, Document  # noqa: E402
from tahqiq.serve.auth import SESSION_COOKIE  # noqa: E402
from tahqiq.serve.security import same  # noqa: E402
from tests.conftest import csrf_of  # noqa: E402
from tahqiq.store import open_store  # noqa: E402

from .corpus import FLED  # noqa: E402

TOKEN = "a-long-enough-token-1234"
HEADERS = ("content-security-policy", "x-content-type-options", "x-frame-options", "referrer-policy")


@pytest.fixture
def store(tmp_path):
    s = open_store(str(tmp_path / "web.db"))
    s.add_analysis(Analysis(Document(text=FLED, source="a.txt")))
    yield s
    s.close()


def _secure(r) -> bool:
    return all(h in r.headers for h in HEADERS)


def test_non_ascii_credentials_are_refused_not_a_crash(store, figures):
    c = TestClient(serve_app.make_asgi(store, token=TOKEN, user="t"), follow_redirects=False,
                   raise_server_exceptions=False)
    rows = []
    r = c.get("/api/network", headers={"authorization": "Bearer توكن-سري-جدا-طويل".encode()})
    rows.append(r.status_code)
    r2 = c.post("/review/merge", headers={"authorization": "Bearer توكن".encode()}, data={"a": "x", "b": "y"})
    rows.append(r2.status_code)
    r3 = c.post("/review/merge", data={"a": "x", "b": "y"}, headers={"cookie": f"{SESSION_COOKIE}=كعكة".encode()})
    rows.append(r3.status_code)
    c.cookies.clear()
    csrf = csrf_of(c)
    r4 = c.post("/login", data={"access_token": "كلمة-سر-عربية-طويلة", "csrf": csrf})
    rows.append(r4.status_code)
    r5 = c.post("/login", data={"access_token": TOKEN, "csrf": "رمز"})
    rows.append(r5.status_code)
    assert rows[0] in (303, 401) and rows[1:4] == [401, 401, 401] and rows[4] == 403, rows
    assert all(_secure(x) for x in (r, r2, r3, r4, r5))
    assert same("توكن", "توكن") and not same("توكن", "token") and not same(None, "x")
    figures.add("non-ASCII bearer token, auth cookie, login field, CSRF field", 5,
                f"statuses {rows}, never 500; security headers on each")


def test_errors_carry_security_headers(store, monkeypatch, figures):
    c = TestClient(serve_app.make_asgi(store, user="t"), follow_redirects=False, raise_server_exceptions=False)
    assert _secure(c.get("/no/such/page"))
    monkeypatch.setattr(type(store), "counts", lambda self, only=None: 1 / 0)
    r = c.get("/")
    assert r.status_code == 500 and _secure(r), r.headers
    figures.add("404 page and a handler raising (500)", 2, "both carry the security headers")


def test_doc_ids_match_exactly(store, figures):
    c = TestClient(serve_app.make_asgi(store, user="t"), follow_redirects=False, raise_server_exceptions=False)
    doc = store.documents()[0]
    assert c.get(f"/doc/{doc.id}").status_code == 200
    probes = ["%25", "d:%25", "_", "d:_%25", doc.id[:6] + "%25", doc.id[:-1]]
    codes = [c.get(f"/doc/{p}").status_code for p in probes]
    assert codes == [404] * len(probes), codes
    assert store.document(doc.id[:6]) is not None and store.document("d:%") is None and store.document("%") is None
    figures.add("/doc/% and other wildcard or prefix ids", len(probes), "404 each; the CLI's prefix lookup reads % literally")
