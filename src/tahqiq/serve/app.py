"""The analyst's workbench: a server-rendered web app over one store.

Pages read the store through ``tahqiq.store.views`` (one page of a list, the rows of
one entity or document) and ``tahqiq.export.view`` (shaping for people); routes are
grouped per page in ``tahqiq.serve.routes``. Review actions record a decision
(``store.add_decision``) and the graph is re-derived by ``tahqiq.pipeline.link`` in a
background thread (``tahqiq.serve.relink``), so a decision lives in the store, not in
the graph, survives every rebuild, and a click never waits for a relink. Every request
passes ``tahqiq.serve.security.Guard`` (Host allow-list, origin checks, sessions,
login). Errors are pages in the app's style, in Arabic; only ``/api/`` answers JSON.
Pydantic/FastAPI stay at this edge.
"""

from __future__ import annotations

import getpass
import logging
import threading
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from tahqiq.serve.arabic import STATUS_TEXT
from tahqiq.serve.routes import ROUTERS
from tahqiq.serve.security import MAX_BODY, Guard, allowed_hosts
from tahqiq.serve.web import HERE, TYPE_LABELS, Web, environment  # noqa: F401 - re-exported
from tahqiq.store import Store, open_store

log = logging.getLogger(__name__)


def create_app(store: Store | str | None = None, token: str | None = None, user: str | None = None,
               tiles: str | None = None, max_body: int = MAX_BODY, background: bool = True,
               read_only: bool = False) -> FastAPI:
    """Build the app (without its Guard: ``make_asgi`` is what servers and tests run).
    ``background``: relink after a decision in a worker thread (else inside the request).
    ``read_only``: pages without review forms, no decision recorded (``serve --read-only``)."""
    st = store if isinstance(store, Store) else open_store(store)
    app = FastAPI(title="tahqiq", docs_url=None, redoc_url=None, openapi_url=None)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    app.state.web = Web(st, token, user or _whoami(), tiles, background=background, read_only=read_only)
    app.state.store = st
    for r in ROUTERS:
        app.include_router(r)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        return _error(request, exc.status_code, exc.detail if isinstance(exc.detail, str) else None)

    @app.exception_handler(RequestValidationError)
    async def form_error(request: Request, exc: RequestValidationError):
        fields = "، ".join(str(e.get("loc", ["", "?"])[-1]) for e in exc.errors())
        return _error(request, 422, f"حقول ناقصة أو غير صالحة: {fields}")

    @app.exception_handler(Exception)
    async def server_error(request: Request, exc: Exception):
        log.error("request %s %s failed", request.method, request.url.path, exc_info=exc)
        return _error(request, 500, "حدث خطأ غير متوقع وسُجّل في سجل الخادم؛ أعد المحاولة أو راجع السجل.")

    return app


def _error(request: Request, status: int, detail: str | None):
    title = STATUS_TEXT.get(status, "خطأ")
    if status == 404 and (not detail or detail == "Not Found"):
        detail = "لا صفحة بهذا العنوان."
    elif detail and detail.isascii():  # a framework message in English: keep it, below the Arabic title
        detail = None if detail in ("Not Found", "Method Not Allowed") else detail
    if request.url.path.startswith("/api/"):
        return JSONResponse({"error": title, "detail": detail}, status_code=status)
    w: Web = request.app.state.web
    ctx: dict[str, Any] = {"status": status, "title": title, "message": detail}
    try:
        return w.page(request, "error.html", ctx, status)
    except Exception:
        log.exception("error page failed")
        raise


def _warm(st: Store) -> None:
    """Build the Latin name index and the network's edges while the server starts (the first
    Latin search or network page would wait for them)."""
    from tahqiq.store.views import NameIndex, NetIndex
    try:
        NameIndex.of(st)
        NetIndex.of(st)
    except Exception:
        log.exception("warming the name or network index failed")


def _whoami() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no login name in containers without a passwd entry
        return "analyst"


def serve(db: str | None = None, host: str = "127.0.0.1", port: int = 8765, token: str | None = None,
          user: str | None = None, tiles: str | None = None, allow_hosts: list[str] | None = None,
          tls_cert: str | None = None, tls_key: str | None = None, read_only: bool = False) -> None:
    """Run the app with uvicorn (blocks). Refuses a non-loopback bind with neither accounts nor a token.
    ``read_only``: the store is opened read-only, anyone who reaches the server reads every page
    without a login, and no review action is possible."""
    import uvicorn

    from tahqiq.serve.auth import has_reviewers
    from tahqiq.serve.security import check_bind
    st = open_store(db, readonly=read_only)
    check_bind(host, token, has_reviewers(st))
    asgi = make_asgi(st, token=token, user=user, tiles=tiles, hosts=allowed_hosts(host, allow_hosts),
                     read_only=read_only)
    threading.Thread(target=_warm, args=(st,), name="tahqiq-warm", daemon=True).start()
    uvicorn.run(asgi, host=host, port=port, log_level="warning", server_header=False,
                ssl_certfile=tls_cert, ssl_keyfile=tls_key)


def make_asgi(store: Store | str | None = None, token: str | None = None, user: str | None = None,
              tiles: str | None = None, max_body: int = MAX_BODY, hosts: set[str] | None = None,
              background: bool = True, read_only: bool = False) -> Guard:
    """The app wrapped in its guard: what tests and servers should run. ``hosts``: the Host
    allow-list (default: loopback names and ``$TAHQIQ_ALLOWED_HOSTS``)."""
    app = create_app(store, token=token, user=user, tiles=tiles, max_body=max_body, background=background,
                     read_only=read_only)
    w: Web = app.state.web
    return Guard(app, store=w.store, token=token, max_body=max_body, tiles=tiles,
                 hosts=hosts if hosts is not None else allowed_hosts(), default_user=w.default_user,
                 read_only=read_only)
