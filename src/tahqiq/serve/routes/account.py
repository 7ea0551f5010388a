"""Logging in and out. With reviewer accounts: a name and a password; with only ``--token``:
the token (the session then acts as the server's ``--user``). Failed logins are throttled
per name and per client address; a successful login replaces the session (new id, new
CSRF token)."""

from __future__ import annotations

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from tahqiq.serve.auth import check_password, end_session, has_reviewers, new_session
from tahqiq.serve.security import same, session_cookie
from tahqiq.serve.web import web

router = APIRouter()


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request):
    w = web(request)
    return w.page(request, "login.html", {"failed": False, "accounts": has_reviewers(w.store), "wait": 0})


@router.post("/login")
def login(request: Request, name: str = Form(""), password: str = Form(""), access_token: str = Form(""),
          csrf: str = Form("")):
    w = web(request)
    w.check_csrf(request, csrf)
    accounts = has_reviewers(w.store)
    client = f"ip:{request.client.host if request.client else '?'}"
    key = f"name:{name.strip().lower()}"
    wait = w.throttle.wait_for(client, key)
    if wait:
        return w.page(request, "login.html", {"failed": False, "accounts": accounts, "wait": int(wait) + 1}, 429)
    if accounts:
        who = name.strip() if name.strip() and check_password(w.store, name, password) else None
    else:
        who = w.default_user if w.token and same(access_token, w.token) else None
    if who is None:
        w.throttle.failed(client, key)
        return w.page(request, "login.html", {"failed": True, "accounts": accounts, "wait": 0}, 401)
    w.throttle.succeeded(key)
    old = w.session(request)
    raw, _ = new_session(w.store, who, replaces=old.id_hash if old else None)
    resp = RedirectResponse("/", status_code=303)
    resp.headers.append("set-cookie", session_cookie(raw, bool(getattr(request.state, "https", False))))
    return resp


@router.post("/logout")
def logout(request: Request, csrf: str = Form("")):
    w = web(request)
    w.check_csrf(request, csrf)
    sess = w.session(request)
    if sess:
        end_session(w.store, sess.id_hash)
    resp = RedirectResponse("/login" if getattr(request.state, "locked", False) else "/", status_code=303)
    resp.headers.append("set-cookie", session_cookie("", bool(getattr(request.state, "https", False)), max_age=0))
    return resp
