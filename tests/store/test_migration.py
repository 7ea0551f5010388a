"""Store schema versions: a store written by the previous release (schema 1: the romanisation
memo kept as a JSON value in ``meta``) is migrated when the new code opens it for writing."""

from __future__ import annotations

from sqlalchemy import create_engine, delete, insert, select, text, update

from tahqiq.store import open_store
from tahqiq.store import schema as s
from tahqiq.store.sql import to_url


def _make_v1(url: str, memo: dict) -> None:
    """The schema-1 layout: no ``romanizations`` table, the memo in ``meta``, stamped 1."""
    open_store(url).close()
    eng = create_engine(to_url(url))
    with eng.begin() as c:
        c.execute(text("DROP TABLE romanizations"))
        c.execute(update(s.meta).where(s.meta.c.key == "schema").values(value=1))
        c.execute(delete(s.meta).where(s.meta.c.key == "latin_memo"))
        c.execute(insert(s.meta).values(key="latin_memo", value=memo))
    eng.dispose()


def test_a_schema_1_store_is_migrated_on_open(store_url):
    memo = {"حامد العلي\x1fSY": "Hamid al-Ali", "أبو حمزة\x1f": None}
    _make_v1(store_url, memo)
    st = open_store(store_url)
    try:
        assert st.get_meta("schema") == s.SCHEMA_VERSION == 2
        assert st.romanizations() == memo
        assert st.get_meta("latin_memo") is None
        st.save_romanizations({**memo, "علي\x1f": "Ali"})
        assert st.romanizations()["علي\x1f"] == "Ali" and len(st.romanizations()) == 3
    finally:
        st.close()
    again = open_store(store_url)  # opening a migrated store changes nothing
    try:
        assert again.get_meta("schema") == 2 and len(again.romanizations()) == 3
    finally:
        again.close()


def test_a_read_only_open_does_not_migrate(tmp_path):
    url = f"sqlite:///{tmp_path / 'old.db'}"
    _make_v1(url, {"x\x1f": "X"})
    ro = open_store(url, readonly=True)
    try:
        assert ro.get_meta("schema") == 1 and ro.get_meta("latin_memo") == {"x\x1f": "X"}
    finally:
        ro.close()


def test_a_new_store_is_stamped_with_the_current_schema(tmp_path):
    st = open_store(f"sqlite:///{tmp_path / 'new.db'}")
    try:
        with st.engine.connect() as c:
            assert c.execute(select(s.meta.c.value).where(s.meta.c.key == "schema")).scalar() == 2
        assert st.romanizations() == {}
    finally:
        st.close()
