"""Review decisions relinked in the background: the request that records a decision returns at
once, one worker thread re-derives the graph, pages keep reading the last committed graph.

Invariants: one relink runs at a time (and ``Store.build_lock`` keeps other processes'
builds out meanwhile); decisions recorded while a relink runs are covered by one more
relink right after it (never lost, several coalesced into one); ``status()`` says at any
time whether the graph is current, how many decisions wait, and how far the running
relink is, estimated from the duration of the previous one (the linker reports no steps).
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from typing import Any, Callable

from tahqiq.store import Store

log = logging.getLogger(__name__)


@dataclass(slots=True)
class RelinkStatus:
    state: str              # "idle" (graph current), "queued" or "running"
    waiting: int            # decisions recorded and not yet applied to the graph
    generation: int         # relinks finished since the app started
    elapsed: float          # seconds the running relink has taken so far
    estimate: float | None  # seconds the previous relink took (None before the first)
    error: str | None       # the last relink's failure, if it failed

    @property
    def percent(self) -> int | None:
        if self.state != "running" or not self.estimate:
            return None
        return min(95, int(100 * self.elapsed / self.estimate))

    def as_dict(self) -> dict[str, Any]:
        return {"state": self.state, "waiting": self.waiting, "generation": self.generation,
                "elapsed": round(self.elapsed, 1), "estimate": self.estimate and round(self.estimate, 1),
                "percent": self.percent, "error": self.error}


class Relinker:
    """The worker. ``background=False`` relinks inside ``request()`` (scripts, some tests)."""

    def __init__(self, store: Store, background: bool = True,
                 link: Callable[[Store], None] | None = None):
        self.store = store
        self.background = background
        self._link = link
        self._cv = threading.Condition()
        self._waiting = 0       # decisions not yet covered by a relink that started after them
        self._running = 0       # decisions the running relink covers
        self._started: float | None = None
        self._last: float | None = None
        self._generation = 0
        self._error: str | None = None
        self._thread: threading.Thread | None = None

    def link(self) -> None:
        if self._link is not None:
            return self._link(self.store)
        from tahqiq.pipeline import link
        link(self.store)

    def request(self, n: int = 1) -> None:
        """``n`` decisions were recorded: the graph must be derived again."""
        if not self.background:
            self._waiting += n
            self._run_once()
            return
        with self._cv:
            self._waiting += n
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._loop, name="tahqiq-relink", daemon=True)
                self._thread.start()
            self._cv.notify_all()

    def _loop(self) -> None:
        while True:
            with self._cv:
                if not self._waiting:
                    self._thread = None
                    self._cv.notify_all()
                    return
            self._run_once()

    def _run_once(self) -> None:
        with self._cv:
            self._running, self._waiting = self._waiting, 0
            self._started = time.monotonic()
        error = None
        try:
            self.link()
            if self._link is None:  # the new graph's Latin name index and network edges, before a page needs them
                from tahqiq.store.views import NameIndex, NetIndex
                NameIndex.of(self.store)
                NetIndex.of(self.store)
        except Exception as e:
            log.exception("background relink failed")
            error = f"{type(e).__name__}: {e}"[:300]
        with self._cv:
            self._last = time.monotonic() - (self._started or time.monotonic())
            self._started = None
            self._running = 0
            self._generation += 1
            self._error = error
            self._cv.notify_all()

    def status(self) -> RelinkStatus:
        with self._cv:
            running = self._started is not None
            state = "running" if running else ("queued" if self._waiting else "idle")
            return RelinkStatus(state, self._waiting + self._running, self._generation,
                                time.monotonic() - self._started if running else 0.0, self._last, self._error)

    def wait(self, timeout: float | None = 600) -> bool:
        """Block until no relink runs or waits (True), or ``timeout`` passes (False)."""
        deadline = None if timeout is None else time.monotonic() + timeout
        with self._cv:
            while self._waiting or self._started is not None or (self._thread and self._thread.is_alive()):
                left = None if deadline is None else deadline - time.monotonic()
                if left is not None and left <= 0:
                    return False
                self._cv.wait(left if left is not None else 1.0)
            return True
