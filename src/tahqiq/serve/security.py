"""Request guard for the web app: Host allow-list, origin checks, sessions, access, headers, body size.

Invariants: every response carries the security headers, and every response but a static
file ``Cache-Control: no-store``; no request body larger than ``max_body`` reaches a
handler; a request whose Host is not on the allow-list (loopback names unless configured)
is refused, so a DNS-rebinding page cannot talk to a loopback server; a state-changing
request is refused when it comes with ``Origin: null``, an Origin other than this
server's own (scheme, host and port), or a ``Sec-Fetch-Site`` other than ``same-origin``
or ``none`` (a page on another port of the same host is *same-site* and is refused);
every browser request runs in a server-side session (``tahqiq.serve.auth``) whose CSRF
token the app checks on every form; when reviewer accounts exist or a token is set, no
page but ``/login`` and ``/static/`` is served without a logged-in session (or the token
as a Bearer header).
"""

from __future__ import annotations

import hmac
import ipaddress
import logging
import os
import secrets
import time
from typing import Any

import anyio

from tahqiq.errors import TahqiqError

log = logging.getLogger(__name__)

CSRF_FIELD = "csrf"
MAX_BODY = 1 << 20
MIN_TOKEN = 12
LOOPBACK_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost"}
DEFAULT_HOSTS = ("127.0.0.1", "localhost", "::1")
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")
OPEN_PATHS = ("/login",)  # served without a login (with /static/)
READ_ONLY_REFUSAL = ("هذا الخادم يعرض الصفحات للقراءة فقط: لا تُقبل فيه قرارات المراجعة ولا الدخول. "
                     "تُسجَّل القرارات على خادم يعمل دون خيار القراءة فقط.")


class ServeConfigError(TahqiqError):
    """The web app was asked to start in an unsafe way."""


def is_loopback(host: str) -> bool:
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_bind(host: str, token: str | None, accounts: bool = False) -> None:
    """Refuse to listen beyond this machine with neither reviewer accounts nor an access token."""
    if token is not None and len(token) < MIN_TOKEN:
        raise ServeConfigError(f"the access token must be at least {MIN_TOKEN} characters long")
    if not is_loopback(host) and not token and not accounts:
        raise ServeConfigError(
            f"refusing to listen on {host!r} without reviewer accounts or an access token: anyone on the "
            f"network could read and change the knowledge base. Add a reviewer (tahqiq reviewer add NAME), "
            f"pass --token TOKEN (or set $TAHQIQ_TOKEN), or bind to 127.0.0.1.")


def allowed_hosts(bind: str | None = None, extra: list[str] | tuple[str, ...] | None = None) -> set[str]:
    """Host names the server answers to: loopback names, the bound address (unless a wildcard),
    ``extra`` and the comma-separated ``$TAHQIQ_ALLOWED_HOSTS``. ``*`` in ``extra`` allows any."""
    names = set(DEFAULT_HOSTS)
    if bind and bind not in ("0.0.0.0", "::", ""):
        names.add(bind)
    names.update(extra or ())
    names.update(x for x in os.environ.get("TAHQIQ_ALLOWED_HOSTS", "").split(","))
    return {_host_name(n) for n in names if n.strip()}


def _host_name(host: str) -> str:
    """``host`` without its port and IPv6 brackets, lower-cased."""
    host = host.strip().lower()
    if host.startswith("["):
        return host[1:host.find("]")] if "]" in host else host[1:]
    if host.count(":") == 1:
        return host.split(":", 1)[0]
    return host


def new_csrf() -> str:
    return secrets.token_urlsafe(32)


def same(a: str | bytes | None, b: str | bytes | None) -> bool:
    """Constant-time equality on the UTF-8 bytes: ``hmac.compare_digest`` refuses str with
    non-ASCII characters (a TypeError, i.e. a 500), so a token, cookie or form field
    "توكن" must be compared as bytes and simply not match."""
    if not a or not b:
        return False
    return hmac.compare_digest(_bytes(a), _bytes(b))


def _bytes(x: str | bytes) -> bytes:
    return x if isinstance(x, bytes) else str(x).encode("utf-8", "surrogateescape")


def csp(tiles: str | None = None) -> str:
    img = "'self' data:" + (f" {_origin(tiles)}" if tiles else "")
    return ("default-src 'none'; script-src 'self'; style-src 'self'; " f"img-src {img}; font-src 'self'; "
            "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")


def _origin(url: str) -> str:
    from urllib.parse import urlsplit
    p = urlsplit(url.replace("{s}", "a").replace("{z}", "0").replace("{x}", "0").replace("{y}", "0"))
    return f"{p.scheme}://{p.netloc.replace('a.', '*.', 1) if '{s}' in url else p.netloc}"


def _cookies(headers: dict[bytes, bytes]) -> dict[str, str]:
    out: dict[str, str] = {}
    for part in headers.get(b"cookie", b"").decode("latin-1").split(";"):
        if "=" in part:
            k, v = part.split("=", 1)
            out.setdefault(k.strip(), v.strip())  # the first of two same-named cookies, as browsers order them
    return out


def cross_origin(method: str, headers: dict[bytes, bytes], scheme: str) -> str | None:
    """Why a state-changing request must be refused as cross-origin (None: it may proceed)."""
    if method in SAFE_METHODS:
        return None
    site = headers.get(b"sec-fetch-site", b"").decode("latin-1").lower()
    if site and site not in ("same-origin", "none"):
        return f"Sec-Fetch-Site: {site}"
    origin = headers.get(b"origin")
    if origin is not None:
        o = origin.decode("latin-1").strip().lower()
        own = f"{scheme}://{headers.get(b'host', b'').decode('latin-1').strip().lower()}"
        if o == "null" or o != own:
            return f"Origin {o or 'empty'}"
    return None


class Guard:
    """Pure ASGI middleware (it must see the raw body stream to cap it).

    Modes (see docs/web.md): with reviewer accounts in the store, or a ``token``, every page
    needs a login; with neither, on a loopback address only, the single local user works
    without logging in and decisions are recorded under ``default_user``. ``token``: also
    accepted as ``Authorization: Bearer`` (scripts), acting as ``default_user``. ``read_only``
    (``serve --read-only``): every page is served without a login and without a session (nothing
    is written to the store), and every state-changing request is refused with 403."""

    def __init__(self, app: Any, store: Any = None, token: str | None = None, max_body: int = MAX_BODY,
                 tiles: str | None = None, hosts: set[str] | None = None, default_user: str = "analyst",
                 read_only: bool = False):
        self.app = app
        self.read_only = read_only
        self.store = store
        self.token = token
        self.max_body = max_body
        self.hosts = hosts if hosts is not None else allowed_hosts()
        self.default_user = default_user
        self._accounts: tuple[float, bool] = (0.0, False)
        self.headers = [
            (b"content-security-policy", csp(tiles).encode()),
            (b"x-content-type-options", b"nosniff"),
            (b"x-frame-options", b"DENY"),
            (b"referrer-policy", b"same-origin"),  # "no-referrer" would make Chromium send Origin: null on our own forms
            (b"cross-origin-opener-policy", b"same-origin"),
            (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
        ]

    def __getattr__(self, name: str):  # the wrapped app's attributes (state, routes) stay reachable
        return getattr(self.__dict__["app"], name)

    def accounts(self) -> bool:
        """Whether the store holds reviewer accounts (looked up at most once a second)."""
        from tahqiq.serve.auth import has_reviewers
        at, yes = self._accounts
        if time.monotonic() - at > 1.0:
            yes = self.store is not None and has_reviewers(self.store)
            self._accounts = (time.monotonic(), yes)
        return yes

    def locked(self) -> bool:
        return not self.read_only and (bool(self.token) or self.accounts())

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        own = {k.lower() for k, _ in self.headers}
        path = scope["path"]
        static = path.startswith("/static/")
        extra: list[tuple[bytes, bytes]] = [] if static else [(b"cache-control", b"no-store")]

        async def send_secure(message):
            if message["type"] == "http.response.start":
                hs = [(k, v) for k, v in message.get("headers", []) if k.lower() not in own]
                if extra:
                    hs = [(k, v) for k, v in hs if k.lower() != b"cache-control"]
                message = {**message, "headers": hs + self.headers + extra}
            await send(message)

        headers = dict(scope.get("headers") or [])
        if "*" not in self.hosts and _host_name(headers.get(b"host", b"").decode("latin-1")) not in self.hosts:
            return await _plain(send_secure, 400, "اسم المضيف غير مسموح به (Host not allowed): "
                                "add it with --allow-host or $TAHQIQ_ALLOWED_HOSTS")
        length = headers.get(b"content-length")
        try:
            too_big = length is not None and int(length) > self.max_body
        except ValueError:
            return await _plain(send_secure, 400, "bad Content-Length")
        if too_big:
            return await _plain(send_secure, 413, f"request body over {self.max_body} bytes")
        if length is None and scope["method"] in ("POST", "PUT", "PATCH"):
            receive, ok = await _buffer(receive, self.max_body)
            if not ok:
                return await _plain(send_secure, 413, f"request body over {self.max_body} bytes")
        if self.read_only and scope["method"] not in SAFE_METHODS:
            return await _plain(send_secure, 403, READ_ONLY_REFUSAL)
        why = cross_origin(scope["method"], headers, scope.get("scheme", "http"))
        if why:
            return await _plain(send_secure, 403, f"طلب من موقع آخر مرفوض (cross-origin request refused: {why})")
        if static:
            return await self._run(scope, receive, send_secure)
        if self.read_only:  # no login, no session, no cookie: a reader writes nothing
            scope.setdefault("state", {}).update(session=None, reviewer=None, bearer=False, locked=False,
                                                 extra_headers=extra, https=scope.get("scheme") == "https")
            return await self._run(scope, receive, send_secure)
        try:
            bearer, sess, locked = await anyio.to_thread.run_sync(self._identify, headers)
        except Exception:
            log.exception("session lookup failed")
            bearer, sess, locked = False, None, self.locked()
        if locked and not bearer and not (sess and sess.reviewer) and path not in OPEN_PATHS:
            if scope["method"] in ("GET", "HEAD"):
                return await _redirect(send_secure, "/login")
            return await _plain(send_secure, 401, "يلزم تسجيل الدخول (login required)")
        if sess is None and not bearer:
            from tahqiq.serve.auth import new_session
            raw, sess = await anyio.to_thread.run_sync(new_session, self.store)
            extra.append((b"set-cookie", session_cookie(raw, scope.get("scheme") == "https").encode()))
        reviewer = (sess.reviewer if sess else None) or (None if locked and not bearer else self.default_user)
        state = scope.setdefault("state", {})
        state.update(session=sess, reviewer=reviewer, bearer=bearer, locked=locked, extra_headers=extra,
                     https=scope.get("scheme") == "https")
        return await self._run(scope, receive, send_secure)

    def _identify(self, headers: dict[bytes, bytes]):
        from tahqiq.serve.auth import SESSION_COOKIE, get_session
        auth = headers.get(b"authorization", b"").decode("latin-1")
        bearer = bool(self.token) and auth.startswith("Bearer ") and same(auth[7:].strip(), self.token)
        sess = None if self.store is None else get_session(self.store, _cookies(headers).get(SESSION_COOKIE))
        return bearer, sess, self.locked()

    async def _run(self, scope, receive, send_secure):
        started = False

        async def send_tracked(message):
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send_secure(message)

        try:
            return await self.app(scope, receive, send_tracked)
        except Exception:  # an error page still carries the security headers
            log.exception("request %s %s failed", scope.get("method"), scope.get("path"))
            if not started:
                return await _plain(send_secure, 500, "خطأ داخلي (internal error, logged)")
            raise


def session_cookie(raw: str, secure: bool, max_age: int | None = None) -> str:
    """The Set-Cookie value of a session: HttpOnly, SameSite=Strict, Secure over TLS."""
    from tahqiq.serve.auth import SESSION_COOKIE, SESSION_SECONDS
    age = SESSION_SECONDS if max_age is None else max_age
    return (f"{SESSION_COOKIE}={raw}; Path=/; Max-Age={age}; HttpOnly; SameSite=Strict"
            + ("; Secure" if secure else ""))


async def _buffer(receive, limit: int):
    chunks, size = [], 0
    while True:
        msg = await receive()
        if msg["type"] != "http.request":
            chunks.append(msg)
            break
        size += len(msg.get("body", b""))
        if size > limit:
            return receive, False
        chunks.append(msg)
        if not msg.get("more_body"):
            break
    body = b"".join(c.get("body", b"") for c in chunks if c["type"] == "http.request")
    sent = False

    async def replay():
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay, True


_GUARD_PAGE = ('<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>{title}</title>'
               '<link rel="stylesheet" href="/static/app.css"></head><body><header class="top">'
               '<a class="brand" href="/">تحقيق <span lang="en" dir="ltr">tahqiq</span></a></header><main>'
               '<section class="error-page"><h1>{title} <span class="code" dir="ltr">{status}</span></h1>'
               '<p class="error" dir="auto">{text}</p><p><a href="/">العودة إلى الصفحة الرئيسية</a></p>'
               '</section></main></body></html>')


async def _plain(send, status: int, text: str) -> None:
    """A refusal by the guard itself (before the app): a small Arabic page in the app's style."""
    import html

    from tahqiq.serve.arabic import STATUS_TEXT
    body = _GUARD_PAGE.format(title=STATUS_TEXT.get(status, "خطأ"), status=status, text=html.escape(text)).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"text/html; charset=utf-8"),
                            (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


async def _redirect(send, location: str) -> None:
    await send({"type": "http.response.start", "status": 303,
                "headers": [(b"location", location.encode()), (b"content-length", b"0")]})
    await send({"type": "http.response.body", "body": b""})
