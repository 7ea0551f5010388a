"""Local engine: a batch function over batches, in this process or a process pool.

Invariants: results come back in input order, whatever the number of workers
(so stored ``seq`` and therefore exports do not depend on it); at most
``window`` batches are in flight, so memory stays bounded however long the
input is; each worker runs ``initializer`` once when it starts (gazetteers and
the NER model are loaded once per worker, never per batch).
"""

from __future__ import annotations

import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")


def map_batches(fn: Callable[..., R], batches: Iterable[T], *args: Any, workers: int = 1,
                initializer: Callable[..., None] | None = None, initargs: tuple = (),
                window: int | None = None) -> Iterator[R]:
    """``fn(batch, *args)`` for each batch, yielded in input order.

    ``workers <= 1`` runs in this process (no pickling, easiest to debug and
    profile). ``fn``, its arguments and results must pickle for ``workers > 1``.
    """
    if workers <= 1:
        if initializer is not None:
            initializer(*initargs)
        for b in batches:
            yield fn(b, *args)
        return
    window = window or 2 * workers
    pool = ProcessPoolExecutor(max_workers=workers, initializer=_worker_init, initargs=(initializer, initargs))
    try:
        pending: deque[Future] = deque()
        for b in batches:
            pending.append(pool.submit(fn, b, *args))
            if len(pending) >= window:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    except BaseException:
        # Ctrl-C, SIGTERM, or the consumer stopped: do not wait for batches nobody will store.
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    else:
        pool.shutdown(wait=True)


def _worker_init(initializer: Callable[..., None] | None, initargs: tuple) -> None:
    """Workers leave Ctrl-C to the parent (which reports it once), then run ``initializer``."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if initializer is not None:
        initializer(*initargs)
