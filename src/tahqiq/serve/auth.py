"""Reviewer accounts, server-side sessions and login throttling for the web app.

Invariants: a password is only ever stored as an Argon2id hash (argon2-cffi); a
session cookie holds 32 random bytes and the store keeps only their SHA-256, so a
copy of the store grants no session; every session, logged in or not, carries its
own CSRF token, and a form is accepted only with the token of the session that
sent it (a cookie planted by another page on the same host names no session, or
one whose token that page cannot read); logging in replaces the session (no
fixation); a name or client with ``MAX_FAILURES`` failed logins in ``WINDOW``
seconds is refused until the window passes.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import re
import secrets
import threading
import time
from collections import deque
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import delete, func, insert, select, update

from tahqiq.errors import TahqiqError
from tahqiq.store import Store
from tahqiq.store import schema as s

SESSION_COOKIE = "tahqiq_session"
SESSION_SECONDS = 12 * 3600   # a session (anonymous or logged in) lasts 12 hours from its creation
MAX_FAILURES = 5              # failed logins per name and per client address ...
WINDOW = 15 * 60              # ... within this many seconds, before further tries are refused
MIN_PASSWORD = 10
_NAME = re.compile(r"^[\w.@\- ]{1,64}$")
_hasher = PasswordHasher()
_DUMMY = _hasher.hash("not-a-password-of-anyone")  # verified against for unknown names (same cost)


class AccountError(TahqiqError):
    """A reviewer account could not be created as asked."""


@dataclass(frozen=True, slots=True)
class Session:
    id_hash: str
    reviewer: str | None
    csrf: str


def _now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")


def _hash_id(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8", "surrogateescape")).hexdigest()


# ---- accounts ----------------------------------------------------------------------------
def add_reviewer(store: Store, name: str, password: str, replace: bool = False) -> None:
    """Create (or with ``replace``, reset the password of) the reviewer ``name``."""
    name = name.strip()
    if not _NAME.match(name):
        raise AccountError("a reviewer name is 1 to 64 letters, digits, spaces or . @ - _")
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"the password must be at least {MIN_PASSWORD} characters long")
    h = _hasher.hash(password)
    with store.engine.begin() as c:
        exists = c.execute(select(s.reviewers.c.name).where(s.reviewers.c.name == name)).first()
        if exists and not replace:
            raise AccountError(f"the reviewer {name!r} exists already (use --replace to set a new password)")
        if exists:
            c.execute(update(s.reviewers).where(s.reviewers.c.name == name).values(pwhash=h))
            c.execute(delete(s.sessions).where(s.sessions.c.reviewer == name))  # log out everywhere
        else:
            c.execute(insert(s.reviewers).values(name=name, pwhash=h, created=_now()))


def remove_reviewer(store: Store, name: str) -> bool:
    with store.engine.begin() as c:
        c.execute(delete(s.sessions).where(s.sessions.c.reviewer == name))
        return c.execute(delete(s.reviewers).where(s.reviewers.c.name == name)).rowcount > 0


def reviewers(store: Store) -> list[str]:
    with store.engine.connect() as c:
        return list(c.execute(select(s.reviewers.c.name).order_by(s.reviewers.c.name)).scalars())


def has_reviewers(store: Store) -> bool:
    with store.engine.connect() as c:
        if not store.engine.dialect.has_table(c, "reviewers"):  # a store from before accounts, read-only
            return False
        return bool(c.execute(select(func.count()).select_from(s.reviewers)).scalar())


def check_password(store: Store, name: str, password: str) -> bool:
    """True when ``name`` is a reviewer and ``password`` is theirs (constant work either way)."""
    with store.engine.connect() as c:
        h = c.execute(select(s.reviewers.c.pwhash).where(s.reviewers.c.name == name.strip())).scalar()
    try:
        return bool(_hasher.verify(h or _DUMMY, password)) and h is not None
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


# ---- sessions ----------------------------------------------------------------------------
def new_session(store: Store, reviewer: str | None = None, replaces: str | None = None) -> tuple[str, Session]:
    """A fresh session; returns (the cookie value, the session). ``replaces``: the id hash
    of the session this one supersedes (deleted in the same transaction)."""
    raw = secrets.token_urlsafe(32)
    sess = Session(_hash_id(raw), reviewer, secrets.token_urlsafe(32))
    now = time.time()
    with store.engine.begin() as c:
        if replaces:
            c.execute(delete(s.sessions).where(s.sessions.c.id == replaces))
        c.execute(delete(s.sessions).where(s.sessions.c.expires < now))
        c.execute(insert(s.sessions).values(id=sess.id_hash, reviewer=reviewer, csrf=sess.csrf, created=now,
                                            expires=now + SESSION_SECONDS))
    return raw, sess


def get_session(store: Store, raw: str | None) -> Session | None:
    """The live session whose cookie value is ``raw`` (None for an unknown or expired one)."""
    if not raw or len(raw) > 200:
        return None
    t = s.sessions
    with store.engine.connect() as c:
        row = c.execute(select(t.c.id, t.c.reviewer, t.c.csrf).where(t.c.id == _hash_id(raw),
                                                                     t.c.expires >= time.time())).first()
    return Session(row[0], row[1], row[2]) if row else None


def end_session(store: Store, id_hash: str) -> None:
    with store.engine.begin() as c:
        c.execute(delete(s.sessions).where(s.sessions.c.id == id_hash))


# ---- login throttling --------------------------------------------------------------------
class Throttle:
    """Failed logins counted per key (a reviewer name, a client address) over a sliding window."""

    def __init__(self, max_failures: int = MAX_FAILURES, window: float = WINDOW):
        self.max_failures = max_failures
        self.window = window
        self._fails: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def wait_for(self, *keys: str) -> float:
        """Seconds until a login may be tried again for any of ``keys`` (0: now)."""
        now = time.monotonic()
        worst = 0.0
        with self._lock:
            for k in keys:
                q = self._fails.get(k)
                while q and q[0] <= now - self.window:
                    q.popleft()
                if q and len(q) >= self.max_failures:
                    worst = max(worst, q[0] + self.window - now)
        return worst

    def failed(self, *keys: str) -> None:
        now = time.monotonic()
        with self._lock:
            for k in keys:
                self._fails.setdefault(k, deque()).append(now)
            if len(self._fails) > 10_000:  # forget the oldest keys: memory stays bounded
                for k in list(self._fails)[:5_000]:
                    del self._fails[k]

    def succeeded(self, name_key: str) -> None:
        with self._lock:
            self._fails.pop(name_key, None)
