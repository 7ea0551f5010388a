"""The store under concurrent openers, concurrent and interrupted builds, edited and moved
articles (SQLite and PostgreSQL: ``store_url`` gives each backend)."""

from __future__ import annotations

import threading

from tahqiq.store import open_store


def test_concurrent_openers_create_tables_once(store_url, figures):
    """Several processes opening a new store at once: none fails with "already exists"."""
    errors: list[BaseException] = []
    barrier = threading.Barrier(6)

    def opener():
        try:
            barrier.wait()
            open_store(store_url).close()
        except BaseException as e:  # noqa: BLE001 - collected for the assertion
            errors.append(e)

    threads = [threading.Thread(target=opener) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert not errors, errors
    s = open_store(store_url)
    assert s.counts()["documents"] == 0 and s.get_meta("schema") == 1
    s.close()
    backend = store_url.split(":", 1)[0]
    figures.add(f"6 openers creating a new store at once ({backend})", 6, "tables created once, no error")
