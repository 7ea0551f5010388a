"""Shared fixtures: paths to the shared data, and one dev-set build reused by many tests."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("TAHQIQ_SHARED", ROOT.parent / "shared"))
EXAMPLES = ROOT / "examples" / "articles"
GOLD = SHARED / "data" / "dev" / "gold.json"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.exists():
        pytest.skip(f"shared data not found at {SHARED} (set TAHQIQ_SHARED)")
    return SHARED


@pytest.fixture(scope="session")
def gold_path(shared_dir) -> Path:
    return GOLD


@pytest.fixture(scope="session")
def dev_store(tmp_path_factory):
    """The bundled example articles built once into a SQLite store."""
    from tahqiq.pipeline import build
    from tahqiq.store import open_store

    db = tmp_path_factory.mktemp("dev") / "dev.db"
    store = open_store(str(db))
    build([str(EXAMPLES)], store)
    return store


@pytest.fixture(scope="session")
def dev_export(dev_store) -> dict:
    from tahqiq.export import export_dict
    return export_dict(dev_store)


@pytest.fixture(scope="session")
def dev_scores(dev_export, gold_path) -> dict:
    from tahqiq.evaluate.gold import load_gold, score
    return score(dev_export, load_gold(str(gold_path)))
