"""Web app security through HTTP: reviewer accounts, sessions, session-bound CSRF, origin checks,
the Host allow-list, cookie flags, no-store, login throttling, the audit log's reviewer, and the
three modes (accounts, token, single local user). The cross-port attack in a real browser is in
test_browser.py."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from fastapi.testclient import TestClient

from tahqiq.serve.app import make_asgi
from tahqiq.serve.auth import (SESSION_COOKIE, AccountError, Throttle, add_reviewer, check_password, get_session,
                               reviewers)
from tahqiq.serve.security import allowed_hosts, check_bind
from tahqiq.store import schema as s
from tests.conftest import EXAMPLES, csrf_of

PASSWORD = "correct horse battery"


@pytest.fixture(scope="module")
def base_store(tmp_path_factory):
    from tahqiq.pipeline import build
    from tahqiq.store import open_store

    st = open_store(str(tmp_path_factory.mktemp("sec") / "s.db"))
    build([str(EXAMPLES)], st)
    return st


@pytest.fixture
def store(base_store, tmp_path):
    """A private copy of the built store (accounts and decisions never leak between tests)."""
    import shutil

    from tahqiq.store import open_store
    path = base_store.url.split("sqlite:///", 1)[1]
    with base_store.engine.connect() as c:
        c.exec_driver_sql("PRAGMA wal_checkpoint(FULL)")
    shutil.copy(path, tmp_path / "s.db")
    return open_store(str(tmp_path / "s.db"))


def _client(store, base_url="http://testserver", **kw) -> TestClient:
    kw.setdefault("background", False)
    return TestClient(make_asgi(store, user="local-user", **kw), follow_redirects=False, base_url=base_url)


def _login(c, name="ليلى", password=PASSWORD):
    return c.post("/login", data={"name": name, "password": password, "csrf": csrf_of(c)})


def _two(store):
    per = [e for e in store.entities() if e.type == "PER"]
    return per[0], per[1]


# ---- accounts -----------------------------------------------------------------------------------
def test_passwords_are_stored_as_argon2_hashes_only(store):
    add_reviewer(store, "ليلى", PASSWORD)
    with store.engine.connect() as c:
        (h,) = c.execute(s.reviewers.select().with_only_columns(s.reviewers.c.pwhash)).one()
    assert h.startswith("$argon2id$") and PASSWORD not in h
    assert check_password(store, "ليلى", PASSWORD) and not check_password(store, "ليلى", PASSWORD + "x")
    assert not check_password(store, "nobody", PASSWORD)
    with pytest.raises(AccountError):
        add_reviewer(store, "ليلى", PASSWORD)  # exists
    with pytest.raises(AccountError, match="at least"):
        add_reviewer(store, "sami", "short")
    with pytest.raises(AccountError):
        add_reviewer(store, "<script>", PASSWORD)
    assert reviewers(store) == ["ليلى"]


def test_cli_reviewer_add_reads_the_password_from_stdin(store):
    db = store.url.split("sqlite:///", 1)[1]
    r = subprocess.run([sys.executable, "-m", "tahqiq", "reviewer", "add", "sami", "--db", db],
                       input=PASSWORD + "\n", capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert check_password(store, "sami", PASSWORD)
    r = subprocess.run([sys.executable, "-m", "tahqiq", "reviewer", "add", "sami", "--db", db],
                       input="another password\n", capture_output=True, text=True, timeout=120)
    assert r.returncode != 0 and "exists" in r.stderr and "Traceback" not in r.stderr
    r = subprocess.run([sys.executable, "-m", "tahqiq", "reviewer", "list", "--db", db],
                       capture_output=True, text=True, timeout=120)
    assert r.stdout.split() == ["sami"]


# ---- the three modes ----------------------------------------------------------------------------
def test_with_accounts_every_page_needs_a_login_and_decisions_carry_the_reviewer(store):
    add_reviewer(store, "ليلى", PASSWORD)
    c = _client(store)
    for path in ("/", "/review", "/audit", "/export/json", "/api/relink", f"/entity/{_two(store)[0].id}"):
        r = c.get(path)
        assert r.status_code == 303 and r.headers["location"] == "/login", path
    assert c.post("/review/merge", data={}).status_code == 401
    assert c.get("/static/app.css").status_code == 200
    assert _login(c, password="wrong password").status_code == 401
    r = _login(c)
    assert r.status_code == 303 and c.get("/").status_code == 200
    page = c.get("/").text
    assert "ليلى" in page and 'action="/logout"' in page
    a, b = _two(store)
    r = c.post("/review/merge", data={"a": a.id, "b": b.id, "csrf": csrf_of(c, "/"), "reviewer": "someone else"})
    assert r.status_code == 303
    assert [(d["kind"], d["user"]) for d in store.decisions()] == [("merge", "ليلى")]


def test_no_accounts_no_token_is_the_single_local_user(store):
    c = _client(store)
    assert c.get("/").status_code == 200  # no login: the README's first command works as before
    a, b = _two(store)
    assert c.post("/review/merge", data={"a": a.id, "b": b.id, "csrf": csrf_of(c)}).status_code == 303
    assert store.decisions()[-1]["user"] == "local-user"


def test_token_mode_logs_in_as_the_server_user_and_bearer_skips_csrf(store):
    token = "a-long-access-token-123"
    c = _client(store, token=token)
    assert c.get("/").status_code == 303
    r = c.post("/login", data={"access_token": token, "csrf": csrf_of(c)})
    assert r.status_code == 303 and c.get("/").status_code == 200
    a, b = _two(store)
    api = _client(store, token=token)
    r = api.post("/review/merge", data={"a": a.id, "b": b.id}, headers={"authorization": f"Bearer {token}"})
    assert r.status_code == 303
    assert store.decisions()[-1]["user"] == "local-user"


def test_off_loopback_needs_accounts_or_a_token():
    with pytest.raises(Exception, match="reviewer"):
        check_bind("0.0.0.0", None)
    check_bind("0.0.0.0", None, accounts=True)
    check_bind("0.0.0.0", "a-long-access-token-123")


# ---- sessions and cookies -----------------------------------------------------------------------
def test_session_cookie_flags_and_rotation_on_login(store):
    add_reviewer(store, "ليلى", PASSWORD)
    c = _client(store)
    r = c.get("/login")
    cookie = r.headers["set-cookie"]
    assert cookie.startswith(SESSION_COOKIE + "=") and "HttpOnly" in cookie and "SameSite=Strict" in cookie
    assert "Secure" not in cookie  # plain http on loopback: a Secure cookie would never come back
    before = c.cookies[SESSION_COOKIE]
    r = _login(c)
    after = re.search(SESSION_COOKIE + r"=([^;]*)", r.headers["set-cookie"]).group(1)
    assert after != before  # a new id on login: a planted (fixated) session id is worth nothing
    assert get_session(store, before) is None and get_session(store, after).reviewer == "ليلى"
    with store.engine.connect() as c2:  # the store holds the SHA-256 of the id, never the id
        ids = [x for (x,) in c2.execute(s.sessions.select().with_only_columns(s.sessions.c.id))]
    assert after not in ids and len(ids) == 1


def test_secure_cookie_over_tls(store):
    c = _client(store, base_url="https://testserver")
    assert "Secure" in c.get("/").headers["set-cookie"]


def test_logout_ends_the_session(store):
    add_reviewer(store, "ليلى", PASSWORD)
    c = _client(store)
    _login(c)
    raw = c.cookies[SESSION_COOKIE]
    token = csrf_of(c, "/")
    assert c.post("/logout", data={"csrf": token}).headers["location"] == "/login"
    assert get_session(store, raw) is None
    c.cookies.set(SESSION_COOKIE, raw)  # replaying the old cookie gets nowhere
    assert c.get("/").status_code == 303


def test_login_is_throttled_per_name_and_per_client(store):
    add_reviewer(store, "ليلى", PASSWORD)
    c = _client(store)
    codes = [_login(c, password=f"wrong {i} password").status_code for i in range(5)]
    assert codes == [401] * 5
    r = _login(c)  # even the right password is refused while the name is throttled
    assert r.status_code == 429 and "محاولات دخول فاشلة كثيرة" in r.text
    t = Throttle(max_failures=2, window=60)
    t.failed("ip:a", "name:x")
    assert t.wait_for("ip:a") == 0
    t.failed("ip:a", "name:y")
    assert t.wait_for("ip:a") > 0 and t.wait_for("name:x") == 0 and t.wait_for("ip:b", "name:z") == 0


def test_authenticated_pages_are_not_cached(store):
    c = _client(store)
    assert c.get("/").headers["cache-control"] == "no-store"
    assert c.get(f"/entity/{_two(store)[0].id}").headers["cache-control"] == "no-store"
    assert c.get("/static/app.css").headers.get("cache-control") != "no-store"


# ---- CSRF and origins ---------------------------------------------------------------------------
def test_csrf_token_is_bound_to_the_session(store):
    a, b = _two(store)
    attacker, victim = _client(store), _client(store)
    token = csrf_of(attacker)  # a valid token, of another session
    csrf_of(victim)
    r = victim.post("/review/merge", data={"a": a.id, "b": b.id, "csrf": token})
    assert r.status_code == 403 and "CSRF" in r.text
    # a planted cookie naming no session is no session: a fresh one is made, and its token differs
    victim.cookies.set(SESSION_COOKIE, "planted-by-another-port")
    assert victim.post("/review/merge", data={"a": a.id, "b": b.id, "csrf": token}).status_code == 403
    assert store.decisions() == []


@pytest.mark.parametrize("headers", [{"origin": "null"}, {"origin": "http://127.0.0.1:9999"},
                                     {"origin": "http://evil.example"}, {"sec-fetch-site": "cross-site"},
                                     {"sec-fetch-site": "same-site"}])
def test_state_changes_refused_from_other_origins(store, headers):
    c = _client(store)
    a, b = _two(store)
    r = c.post("/review/merge", data={"a": a.id, "b": b.id, "csrf": csrf_of(c)}, headers=headers)
    assert r.status_code == 403
    assert store.decisions() == []


def test_same_origin_browser_headers_are_accepted(store):
    c = _client(store)
    a, b = _two(store)
    r = c.post("/review/merge", data={"a": a.id, "b": b.id, "csrf": csrf_of(c)},
               headers={"origin": "http://testserver", "sec-fetch-site": "same-origin"})
    assert r.status_code == 303


# ---- Host allow-list ----------------------------------------------------------------------------
def test_host_allow_list(store, monkeypatch):
    c = _client(store, hosts=allowed_hosts("127.0.0.1"))
    for host in ("127.0.0.1:8765", "localhost", "[::1]:8765", "LOCALHOST:1"):
        assert c.get("/", headers={"host": host}).status_code == 200, host
    for host in ("evil.example", "127.0.0.1.nip.io", "attacker.example:8765", ""):
        r = c.get("/", headers={"host": host})
        assert r.status_code == 400 and "Host" in r.text, host
    assert _client(store, hosts=allowed_hosts("127.0.0.1", ["kb.example.org"])).get(
        "/", headers={"host": "kb.example.org"}).status_code == 200
    monkeypatch.setenv("TAHQIQ_ALLOWED_HOSTS", "team.example")
    assert "team.example" in allowed_hosts() and "127.0.0.1" in allowed_hosts()


# ---- read-only serving ----------------------------------------------------------------------------
def test_read_only_serves_every_page_without_login_and_refuses_every_action(store):
    from sqlalchemy import func, select

    add_reviewer(store, "ليلى", PASSWORD)  # accounts exist: a normal server would ask for a login
    c = _client(store, read_only=True)
    a, b = _two(store)
    claim = store.claims()[0]
    pages = ["/", "/?q=حامد", f"/entity/{a.id}", f"/doc/{store.documents()[0].id}", "/review", "/audit",
             "/stories", "/contradictions", "/network", "/timeline", "/login", "/api/network", "/export/json"]
    for path in pages:
        r = c.get(path)
        assert r.status_code == 200, path
        assert 'method="post"' not in r.text, path  # no review form, no login or logout form
        assert SESSION_COOKIE not in r.headers.get("set-cookie", ""), path  # no session: nothing written
    assert "للقراءة فقط" in c.get("/").text
    refused = [("/review/merge", {"a": a.id, "b": b.id}), ("/review/split", {"entity": a.id, "mention": "m"}),
               ("/review/claim", {"claim": claim.id, "action": "reject"}), ("/review/candidate", {}),
               ("/review/candidates", {"pair": f"{a.id}|{b.id}", "action": "confirm"}),
               ("/review/undo", {"decision": "1"}), ("/login", {"name": "ليلى", "password": PASSWORD}),
               ("/logout", {})]
    for path, data in refused:
        r = c.post(path, data=data)
        assert r.status_code == 403, path
        assert "للقراءة فقط" in r.text and 'dir="rtl"' in r.text, path  # an Arabic page, not JSON
    assert store.decisions() == []
    with store.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(s.sessions)).scalar() == 0
    # the same store served normally still asks for a login
    assert _client(store).get("/").status_code == 303


def test_read_only_store_on_disk_is_opened_read_only(store, monkeypatch):
    import tahqiq.serve.app as app_mod

    seen = {}

    def fake_run(asgi, **kw):
        seen["read_only"] = asgi.read_only and asgi.app.state.web.read_only
        seen["store_readonly"] = asgi.app.state.web.store.readonly

    import uvicorn
    monkeypatch.setattr(uvicorn, "run", fake_run)
    app_mod.serve(store.url, read_only=True)
    assert seen == {"read_only": True, "store_readonly": True}
