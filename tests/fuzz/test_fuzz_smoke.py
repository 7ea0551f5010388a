"""The fuzz targets with a few inputs each, so the default test run exercises them;
the long run is ``tests/fuzz/fuzz_ingest.py --examples 20000`` (see RELIABILITY.md)."""

from __future__ import annotations

import pytest

from tests.fuzz import fuzz_ingest


@pytest.mark.parametrize("target", sorted(fuzz_ingest.TARGETS))
def test_fuzz_target_smoke(target):
    r = fuzz_ingest.run(target, 60)
    assert r["finding"] is None, r["finding"]
    assert r["inputs"] >= 30
