"""The local engine: ordered, bounded, workers warmed once."""

from __future__ import annotations

import os

from tahqiq.engines.local import map_batches

_WARMED = 0


def _warm(tag: str) -> None:
    global _WARMED
    _WARMED += 1


def _where(batch: list[int], k: int) -> tuple[list[int], int, int]:
    return [x * k for x in batch], os.getpid(), _WARMED


def test_results_keep_input_order_and_workers_warm_once():
    batches = [[i, i + 1] for i in range(0, 40, 2)]
    out = list(map_batches(_where, batches, 3, workers=2, initializer=_warm, initargs=("x",)))
    assert [r[0] for r in out] == [[x * 3 for x in b] for b in batches]
    pids = {pid for _, pid, _ in out}
    assert pids and os.getpid() not in pids
    assert {warmed for _, _, warmed in out} == {1}  # once per worker, never per batch


def test_in_process_when_one_worker():
    out = list(map_batches(_where, [[1], [2]], 2, workers=1, initializer=_warm, initargs=("y",)))
    assert [r[0] for r in out] == [[2], [4]] and {pid for _, pid, _ in out} == {os.getpid()}


def test_local_engine_is_map_batches_behind_the_engine_interface():
    from tahqiq.engines.base import Engine
    from tahqiq.engines.local import LocalEngine

    one, pool = LocalEngine(1), LocalEngine(2)
    assert isinstance(one, Engine) and (one.workers, pool.workers, LocalEngine(0).workers) == (1, 2, 1)
    # One process: no initializer (what it would load, the first batch loads lazily), as before.
    out = list(one.map(_where, [[1], [2]], 2, initializer=_fail, initargs=()))
    assert [r[0] for r in out] == [[2], [4]] and {pid for _, pid, _ in out} == {os.getpid()}
    out = list(pool.map(_where, [[i] for i in range(6)], 2, initializer=_warm, initargs=("z",)))
    assert [r[0] for r in out] == [[2 * i] for i in range(6)]
    assert len({w for _, _, w in out}) == 1  # each worker warmed once (from what it was forked with)


def _fail() -> None:
    raise AssertionError("the initializer runs only in worker processes")


def test_window_bounds_batches_in_flight():
    pulled = []

    def gen():
        for i in range(50):
            pulled.append(i)
            yield [i]

    it = map_batches(_where, gen(), 1, workers=2, window=3)
    first = next(it)
    assert first[0] == [0]
    assert len(pulled) <= 3  # the input is not drained ahead of the results
    rest = list(it)
    assert len(rest) == 49 and len(pulled) == 50


def test_pool_build_exports_the_same_as_one_process(tmp_path, dev_export):
    from tahqiq.export import export_dict
    from tahqiq.pipeline import build
    from tahqiq.store import open_store

    from tests.conftest import EXAMPLES, stable
    st = open_store(str(tmp_path / "pool.db"))
    report = build([str(EXAMPLES)], st, workers=2)
    assert report.stored == 3
    assert stable(export_dict(st)) == stable(dev_export)
