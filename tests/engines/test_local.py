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
