"""What every route of the web app shares: the store, the templates, who is asking, CSRF, decisions.

Invariants: the reviewer a decision is recorded under is the logged-in reviewer (or, in
the no-account loopback mode and for the Bearer token, the server's ``--user``), never a
form field; every POST is checked against the CSRF token of the session that sent it,
except a request authenticated by the Bearer token (a browser never adds that header to a
cross-site request); a decision is recorded in its request and applied to the graph by
the background relinker (``tahqiq.serve.relink``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from fastapi import HTTPException, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, select_autoescape

from tahqiq.export.view import PREDICATE_LABELS, STATUS_LABELS
from tahqiq.serve.arabic import count, outlet, reason
from tahqiq.serve.auth import Throttle
from tahqiq.serve.relink import Relinker
from tahqiq.serve.security import CSRF_FIELD, same
from tahqiq.store import Store

HERE = Path(__file__).resolve().parent
TYPE_LABELS = {"PER": "شخص", "ORG": "منظمة", "LOC": "مكان", "NAT": "جنسية", "ROLE": "منصب", "MONEY": "مال",
               "DATE": "تاريخ"}
KIND_LABELS = {"merge": "دمج", "split": "فصل", "reject_claim": "رفض ادعاء", "confirm_claim": "تأكيد ادعاء",
               "undo": "تراجع"}


def page_href(request: Request, n: int, param: str = "page") -> str:
    """This page's URL with ``param`` set to ``n`` (the other query parameters kept)."""
    q = [(k, v) for k, v in request.query_params.multi_items() if k != param] + [(param, str(n))]
    return f"{request.url.path}?{urlencode(q)}"


def _basename(source: Any) -> str:
    """What a page shows of a document's source: a web address's host, a file's name (the whole
    source stays in the title attribute; an Arabic slug inside a left-to-right address is unreadable)."""
    s = str(source or "").strip()
    if "://" in s:
        return s.split("://", 1)[1].split("/", 1)[0]
    return s.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]


def environment() -> Environment:
    env = Environment(loader=FileSystemLoader(str(HERE / "templates")),
                      autoescape=select_autoescape(default=True, default_for_string=True))
    env.globals.update(type_labels=TYPE_LABELS, predicates=PREDICATE_LABELS, status_labels=STATUS_LABELS,
                       kind_labels=KIND_LABELS, csrf_field=CSRF_FIELD, page_href=page_href)
    env.filters["q"] = lambda s: quote(str(s), safe="")
    env.filters["count"] = count
    env.filters["reason"] = reason
    env.filters["outlet"] = outlet
    env.filters["basename"] = _basename
    return env


class Web:
    """The app's shared state; routes reach it as ``request.app.state.web``."""

    def __init__(self, store: Store, token: str | None, default_user: str, tiles: str | None,
                 background: bool = True, read_only: bool = False):
        self.store = store
        self.read_only = read_only
        self.token = token
        self.default_user = default_user
        self.tiles = tiles
        self.templates = Jinja2Templates(env=environment())
        self.templates.env.globals["read_only"] = read_only  # pages leave out their review forms
        self.relinker = Relinker(store, background=background)
        self.throttle = Throttle()

    # ---- who is asking ------------------------------------------------------------------------
    @staticmethod
    def session(request: Request):
        return getattr(request.state, "session", None)

    def reviewer(self, request: Request) -> str:
        """The name decisions are recorded under (the Guard set it; the default without a Guard)."""
        return getattr(request.state, "reviewer", None) or self.default_user

    def check_csrf(self, request: Request, token: str) -> None:
        if getattr(request.state, "bearer", False):
            return
        sess = self.session(request)
        if sess is None or not same(sess.csrf, token):
            raise HTTPException(403, "رمز الحماية من التزوير (CSRF) مفقود أو لا يخص جلستك: أعد تحميل الصفحة وحاول ثانية")

    # ---- pages ------------------------------------------------------------------------------
    def page(self, request: Request, name: str, ctx: dict[str, Any], status: int = 200) -> HTMLResponse:
        sess = self.session(request)
        ctx = {"csrf": sess.csrf if sess else "", "reviewer": self.reviewer(request), "tiles": self.tiles,
               "locked": bool(getattr(request.state, "locked", False)),
               "logged_in": bool(sess and sess.reviewer), "relink": self.relinker.status(), **ctx}
        return self.templates.TemplateResponse(request, name, ctx, status_code=status)

    # ---- decisions ----------------------------------------------------------------------------
    def decide(self, request: Request, kind: str, target: dict[str, Any], note: str | None) -> int:
        """Record one decision under the requesting reviewer and queue the relink."""
        if self.read_only:  # the Guard refuses every POST first; this holds without it too
            from tahqiq.serve.security import READ_ONLY_REFUSAL
            raise HTTPException(403, READ_ONLY_REFUSAL)
        n = self.store.add_decision(kind, target, (note or "").strip()[:2000] or None, self.reviewer(request))
        self.relinker.request()
        return n


def web(request: Request) -> Web:
    return request.app.state.web
