"""Local engine: a batch function over batches, in this process or a process pool
(``LocalEngine``, the default engine of ``pipeline.build``; ``map_batches`` is its map).

Invariants: results come back in input order, whatever the number of workers
(so stored ``seq`` and therefore exports do not depend on it); at most
``window`` batches are in flight, so memory stays bounded however long the
input is; each worker runs ``initializer`` once when it starts (gazetteers and
the NER model are loaded once per worker, never per batch).
"""

from __future__ import annotations

import os
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

from tahqiq.engines.base import Engine

T = TypeVar("T")
R = TypeVar("R")


def default_workers() -> int:
    return max(1, min(4, (os.cpu_count() or 1)))


class LocalEngine(Engine):
    """Batches in this process (``workers <= 1``) or on a pool of ``workers`` processes;
    candidate pairs by the store's SQL band join."""

    name = "local"

    def __init__(self, workers: int = 1):
        self._workers = max(1, workers)

    @property
    def workers(self) -> int:
        return self._workers

    def map(self, fn: Callable[..., R], batches: Iterable[T], *args: Any,
            initializer: Callable[..., None] | None = None, initargs: tuple = (),
            timeout: Callable[[T], float] | None = None,
            on_timeout: Callable[[T], R] | None = None) -> Iterator[R]:
        # One process needs no initializer: what it loads, the first batch loads lazily.
        return map_batches(fn, batches, *args, workers=self._workers,
                           initializer=initializer if self._workers > 1 else None, initargs=initargs,
                           timeout=timeout, on_timeout=on_timeout)


def map_batches(fn: Callable[..., R], batches: Iterable[T], *args: Any, workers: int = 1,
                initializer: Callable[..., None] | None = None, initargs: tuple = (),
                window: int | None = None, timeout: Callable[[T], float] | None = None,
                on_timeout: Callable[[T], R] | None = None) -> Iterator[R]:
    """``fn(batch, *args)`` for each batch, yielded in input order.

    ``workers <= 1`` runs in this process (no pickling, easiest to debug and
    profile). ``fn``, its arguments and results must pickle for ``workers > 1``.

    ``timeout(batch)``: seconds a worker may spend on a batch. Past it (or when a worker
    dies) the workers are replaced by fresh ones, the batches in flight are submitted
    again, and the late batch is retried item by item (``fn`` takes and returns lists
    then); an item that again runs past its time, or kills its worker again, gives
    ``on_timeout([item])``. The batch goes on.
    """
    if workers <= 1:
        if initializer is not None:
            initializer(*initargs)
        for b in batches:
            yield fn(b, *args)
        return
    window = window or 2 * workers

    def new_pool() -> ProcessPoolExecutor:
        return ProcessPoolExecutor(max_workers=workers, initializer=_worker_init, initargs=(initializer, initargs))

    pool = new_pool()
    pending: deque[tuple[T, Future]] = deque()

    def replace_pool() -> None:
        nonlocal pool
        _kill(pool)
        pool = new_pool()
        for k, (b, _) in enumerate(pending):
            pending[k] = (b, pool.submit(fn, b, *args))

    def result(batch: T, fut: Future, single: bool = False) -> R:
        try:
            return fut.result(timeout=timeout(batch) if timeout else None)
        except (FutureTimeout, BrokenProcessPool):
            if timeout is None or on_timeout is None:
                raise
            replace_pool()
            if single or len(batch) <= 1:  # type: ignore[arg-type]
                return on_timeout(batch)
            out: list = []
            for item in batch:  # type: ignore[attr-defined]
                out.extend(result([item], pool.submit(fn, [item], *args), single=True))  # type: ignore[arg-type]
            return out  # type: ignore[return-value]

    try:
        for b in batches:
            pending.append((b, pool.submit(fn, b, *args)))
            if len(pending) >= window:
                yield result(*pending.popleft())
        while pending:
            yield result(*pending.popleft())
    except BaseException:
        # Ctrl-C, SIGTERM, or the consumer stopped: do not wait for batches nobody will store.
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    else:
        pool.shutdown(wait=True)


def _kill(pool: ProcessPoolExecutor) -> None:
    """Stop a pool now, its workers included (one may be stuck in C code)."""
    procs = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for p in procs:
        try:
            p.kill()
        except Exception:  # noqa: BLE001 - already gone
            pass
    for p in procs:
        p.join(5)


def _worker_init(initializer: Callable[..., None] | None, initargs: tuple) -> None:
    """Workers leave Ctrl-C to the parent (which reports it once), then run ``initializer``."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if initializer is not None:
        initializer(*initargs)
