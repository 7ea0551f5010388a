"""Figures for RELIABILITY.md: each reliability test records what it tried and what came of it.

``figures.add(fault, tried=N, result="...")`` files one row under the running
test; at the end of the session the rows, with each test's outcome, are merged
into ``test-artifacts/reliability.json`` (rendered by ``tests/reliability_report.py``).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACT = Path(os.environ.get("TAHQIQ_RELIABILITY_JSON", ROOT / "test-artifacts" / "reliability.json"))

_rows: dict[str, list[dict]] = {}
_outcomes: dict[str, str] = {}


class Figures:
    def __init__(self, nodeid: str, area: str):
        self.nodeid, self.area = nodeid, area

    def add(self, fault: str, tried: int, result: str, **extra) -> None:
        _rows.setdefault(self.nodeid, []).append(
            {"area": self.area, "fault": fault, "tried": tried, "result": result, **extra})


@pytest.fixture
def figures(request) -> Figures:
    area = request.node.module.__name__.rsplit(".", 1)[-1].removeprefix("test_")
    return Figures(request.node.nodeid, area)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    rep = (yield).get_result()
    if item.nodeid in _rows or "figures" in getattr(item, "fixturenames", ()):
        if rep.when == "call" or rep.failed or rep.skipped:
            outcome = "xfail" if hasattr(rep, "wasxfail") else rep.outcome
            if _outcomes.get(item.nodeid) in (None, "passed"):
                _outcomes[item.nodeid] = outcome


def pytest_sessionfinish(session, exitstatus):
    if not _rows and not _outcomes:
        return
    data = {"tests": {}}
    if ARTIFACT.exists():
        try:
            data = json.loads(ARTIFACT.read_text(encoding="utf-8"))
        except ValueError:
            pass
    tests = data.setdefault("tests", {})
    for nodeid in set(_rows) | set(_outcomes):
        tests[nodeid] = {"outcome": _outcomes.get(nodeid, "unknown"), "rows": _rows.get(nodeid, [])}
    ARTIFACT.parent.mkdir(parents=True, exist_ok=True)
    ARTIFACT.write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8")
