"""Request guard for the web app: access token, CSRF, security headers, body size.

Invariants: every response carries the security headers; no request body
larger than ``max_body`` reaches a handler; when a token is configured no
page but ``/login`` and ``/static/`` is served without it; every POST must
carry the CSRF token that matches its cookie (double submit) and, when the
browser sends an Origin, come from this same host.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import logging
import secrets
from typing import Any

from tahqiq.errors import TahqiqError

log = logging.getLogger(__name__)

AUTH_COOKIE = "tahqiq_auth"
CSRF_COOKIE = "tahqiq_csrf"
CSRF_FIELD = "csrf"
MAX_BODY = 1 << 20
MIN_TOKEN = 12
LOOPBACK_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost"}


class ServeConfigError(TahqiqError):
    """The web app was asked to start in an unsafe way."""


def is_loopback(host: str) -> bool:
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_bind(host: str, token: str | None) -> None:
    """Refuse to listen beyond this machine without an access token."""
    if token is not None and len(token) < MIN_TOKEN:
        raise ServeConfigError(f"the access token must be at least {MIN_TOKEN} characters long")
    if not is_loopback(host) and not token:
        raise ServeConfigError(
            f"refusing to listen on {host!r} without an access token: anyone on the network could read and "
            f"change the knowledge base. Pass --token TOKEN (or set $TAHQIQ_TOKEN), or bind to 127.0.0.1.")


def auth_value(token: str) -> str:
    """What the auth cookie holds: a MAC of the token, never the token itself."""
    return hmac.new(token.encode(), b"tahqiq-auth-v1", hashlib.sha256).hexdigest()


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
    out = {}
    for part in headers.get(b"cookie", b"").decode("latin-1").split(";"):
        if "=" in part:
            k, v = part.split("=", 1)
            out[k.strip()] = v.strip()
    return out


class Guard:
    """Pure ASGI middleware (it must see the raw body stream to cap it)."""

    def __init__(self, app: Any, token: str | None = None, max_body: int = MAX_BODY, tiles: str | None = None):
        self.app = app
        self.token = token
        self.max_body = max_body
        self.headers = [
            (b"content-security-policy", csp(tiles).encode()),
            (b"x-content-type-options", b"nosniff"),
            (b"x-frame-options", b"DENY"),
            (b"referrer-policy", b"no-referrer"),
            (b"cross-origin-opener-policy", b"same-origin"),
            (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
        ]

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        own = {k.lower() for k, _ in self.headers}

        async def send_secure(message):
            if message["type"] == "http.response.start":
                hs = [(k, v) for k, v in message.get("headers", []) if k.lower() not in own]
                message = {**message, "headers": hs + self.headers}
            await send(message)

        headers = dict(scope.get("headers") or [])
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
        try:
            authed = not self.token or self._authed(scope, headers)
        except Exception:  # noqa: BLE001 - undecodable credentials are no credentials
            authed = False
        if not authed:
            path = scope["path"]
            if not (path == "/login" or path.startswith("/static/")):
                if scope["method"] == "GET":
                    return await _redirect(send_secure, "/login")
                return await _plain(send_secure, 401, "access token required")
        started = False

        async def send_tracked(message):
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send_secure(message)

        try:
            return await self.app(scope, receive, send_tracked)
        except Exception:  # noqa: BLE001 - an error page still carries the security headers
            log.exception("request %s %s failed", scope.get("method"), scope.get("path"))
            if not started:
                return await _plain(send_secure, 500, "internal error (logged)")
            raise

    def _authed(self, scope, headers: dict[bytes, bytes]) -> bool:
        bearer = headers.get(b"authorization", b"").decode("latin-1")
        if bearer.startswith("Bearer ") and same(bearer[7:].strip(), self.token):
            return True
        return same(_cookies(headers).get(AUTH_COOKIE), auth_value(self.token))


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


async def _plain(send, status: int, text: str) -> None:
    body = text.encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                            (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


async def _redirect(send, location: str) -> None:
    await send({"type": "http.response.start", "status": 303,
                "headers": [(b"location", location.encode()), (b"content-length", b"0")]})
    await send({"type": "http.response.body", "body": b""})
