"""Shared fixtures: paths to the shared data, and one dev-set build reused by many tests."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("TAHQIQ_SHARED", ROOT.parent / "shared"))
EXAMPLES = ROOT / "examples" / "articles"
GOLD = SHARED / "data" / "dev" / "gold.json"
# The web app answers only to allow-listed Host names; Starlette's TestClient sends "testserver".
os.environ.setdefault("TAHQIQ_ALLOWED_HOSTS", "testserver")


def csrf_of(client, path: str = "/login") -> str:
    """The CSRF token of the client's web session, as a page's forms carry it."""
    import re

    r = client.get(path)
    assert r.status_code == 200, r.text
    m = re.search(r'name="csrf" value="([^"]+)"', r.text)
    assert m, "no CSRF field on " + path
    return m.group(1)


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.exists():
        pytest.skip(f"shared data not found at {SHARED} (set TAHQIQ_SHARED)")
    return SHARED


@pytest.fixture(scope="session")
def gold_path(shared_dir) -> Path:
    return GOLD


def _pg_schema_url(base: str, schema: str) -> str:
    from tahqiq.store.sql import to_url

    url = to_url(base)
    sep = "&" if "?" in url else "?"
    return f"{url}{sep}options=-csearch_path%3D{schema}"


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path):
    """An empty store URL on each backend. PostgreSQL comes from $TAHQIQ_TEST_PG_URL; each
    test gets its own schema (dropped afterwards), so tests never see each other's rows."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.db'}"
        return
    base = os.environ.get("TAHQIQ_TEST_PG_URL")
    if not base:
        pytest.skip("PostgreSQL tests need $TAHQIQ_TEST_PG_URL (e.g. postgresql://user:pw@127.0.0.1/db)")
    import uuid

    from sqlalchemy import create_engine, text
    from tahqiq.store.sql import to_url

    schema = "t_" + uuid.uuid4().hex[:12]
    admin = create_engine(to_url(base))
    with admin.begin() as c:
        c.execute(text(f"CREATE SCHEMA {schema}"))
    try:
        yield _pg_schema_url(base, schema)
    finally:
        with admin.begin() as c:
            c.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


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
    gold = load_gold(str(gold_path))
    # The three development articles were annotated with the vocabulary of their facts
    # (no member_of, no arrested_by): claims of other predicates are not judged by it.
    gold.setdefault("predicates", sorted({f["p"] for f in gold["facts"]}))
    return score(dev_export, gold)


# An article that tries every way of getting markup or script into the web app and the exports.
HOSTILE_ARTICLE = {
    "title": "<script>window.__pwned = 'title'</script>عنوان <b>عريض</b>",
    "outlet": "<img src=x onerror=\"window.__pwned='outlet'\">موقع",
    "published": "2017-08-01",
    "url": "javascript:window.__pwned='url'",
    "text": ("قال مصدر محلي إن المدعو \"خالد الحسن\" فر من مدينة الرقة إلى تركيا. "
             "<script>window.__pwned = 'body'</script> "
             "\"><svg onload=\"window.__pwned='svg'\"></svg> <img src=x onerror=\"window.__pwned='img'\"> "
             "</textarea><iframe src=\"javascript:window.__pwned='iframe'\"></iframe> {{ 7*7 }} "
             "وأضاف المصدر أن خالد الحسن كان قيادياً في تنظيم داعش."),
}


@pytest.fixture
def web_store(tmp_path):
    """A fresh store a test may change: the example articles plus ``HOSTILE_ARTICLE``.

    Returns ``(store, inputs)``; ``build(inputs, store)`` rebuilds it from the same articles."""
    import json

    from tahqiq.pipeline import build
    from tahqiq.store import open_store

    hostile = tmp_path / "hostile.jsonl"
    hostile.write_text(json.dumps(HOSTILE_ARTICLE, ensure_ascii=False) + "\n", encoding="utf-8")
    inputs = [str(EXAMPLES), str(hostile)]
    store = open_store(str(tmp_path / "web.db"))
    build(inputs, store)
    return store, inputs


def stable(export: dict) -> dict:
    """A ``tahqiq/1`` export less its custody logs, which record when things happened (so two
    builds of the same inputs differ there and only there)."""
    return {**export, "documents": [{k: v for k, v in d.items() if k != "custody"} for d in export["documents"]]}
