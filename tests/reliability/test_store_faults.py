"""The store under concurrent openers, concurrent and interrupted builds, edited and moved
articles (SQLite and PostgreSQL: ``store_url`` gives each backend)."""

from __future__ import annotations

import threading

from tahqiq.store import open_store
from tahqiq.store.schema import SCHEMA_VERSION


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
    assert s.counts()["documents"] == 0 and s.get_meta("schema") == SCHEMA_VERSION
    s.close()
    backend = store_url.split(":", 1)[0]
    figures.add(f"6 openers creating a new store at once ({backend})", 6, "tables created once, no error")


# ---- nothing stale --------------------------------------------------------------------------------
import shutil  # noqa: E402

from tahqiq.pipeline import build  # noqa: E402

from .corpus import ARRESTED, FLED, ROLE  # noqa: E402

V1 = f"{FLED}\n\n{ROLE}\n"
V2 = V1.replace("عشرين ألف دولار", "ثلاثين ألف دولار")  # the same man paid another sum


def _claims_of(store) -> set[tuple[str, str]]:
    names = {e.id: e.name for e in store.entities()}
    return {(c.predicate, names.get(c.object.get("entity")) or c.object.get("text") or "") for c in store.claims()}


def test_edited_article_replaces_its_older_version(tmp_path, store_url, figures):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(V1, encoding="utf-8")
    (src / "b.txt").write_text(ARRESTED + "\n\n" + ROLE, encoding="utf-8")
    store = open_store(store_url)
    build([str(src)], store, ner="rules")
    before = _claims_of(store)
    assert ("paid", "عشرين ألف دولار") in before, before
    old_id = next(d.id for d in store.documents() if d.source.endswith("a.txt"))
    (src / "a.txt").write_text(V2, encoding="utf-8")
    report = build([str(src)], store, ner="rules")
    assert report.stored == 1 and report.replaced == 1 and report.unchanged == 1
    docs = store.documents()
    assert len(docs) == 2 and old_id not in {d.id for d in docs}
    assert "ثلاثين" in next(d.text for d in docs if d.source.endswith("a.txt"))
    after = _claims_of(store)
    assert ("paid", "ثلاثين ألف دولار") in after and ("paid", "عشرين ألف دولار") not in after, after
    assert not [m for m in store.mentions() if m.doc == old_id]
    assert not [e for c in store.claims() for e in c.evidence if e.doc == old_id]
    assert all(old_id not in (r.a, r.b) for r in store.reuse())
    store.close()
    figures.add(f"edited article rebuilt ({store_url.split(':')[0]})", 1,
                "older version replaced: its mentions, assertions, claims and copy pairs gone, new claims in")


def test_moved_file_updates_its_source(tmp_path, store_url, figures):
    src = tmp_path / "in"
    (src / "old").mkdir(parents=True)
    (src / "old" / "a.txt").write_text(V1, encoding="utf-8")
    store = open_store(store_url)
    build([str(src)], store, ner="rules")
    (src / "new").mkdir()
    shutil.move(src / "old" / "a.txt", src / "new" / "renamed.txt")
    report = build([str(src)], store, ner="rules")
    assert report.unchanged == 1 and report.stored == 0
    assert [d.source for d in store.documents()] == [str(src / "new" / "renamed.txt")]
    store.close()
    figures.add(f"article file moved and renamed, then rebuilt ({store_url.split(':')[0]})", 1, "source updated")


def test_documents_an_interrupted_build_stored_are_linked_by_any_later_build(tmp_path, store_url, figures):
    """A build killed after storing (its documents never linked) while another build ran and
    marked the store linked: the per-document state makes the next build link them."""
    from tahqiq.pipeline import analyse_batch
    from tahqiq.ingest import read_inputs

    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "1.txt").write_text(V1, encoding="utf-8")
    (tmp_path / "b" / "2.txt").write_text(ARRESTED + "\n\n" + ROLE, encoding="utf-8")
    store = open_store(store_url)
    build([str(tmp_path / "a")], store, ner="rules")
    assert store.get_meta("linked") is True and store.unlinked_docs() == []
    # The killed build: documents stored, no link. The store still says "linked".
    docs = [d for d in read_inputs([str(tmp_path / "b")])]
    store.add_analyses(analyse_batch(docs, "rules"))
    assert store.get_meta("linked") is True and store.unlinked_docs() == [docs[0].id]
    report = build([str(tmp_path / "b")], store, ner="rules")  # "unchanged", yet it links them
    assert report.unchanged == 1 and store.unlinked_docs() == []
    links = store.links()
    assert all(m.id in links for m in store.mentions(docs[0].id) if m.type == "PER")
    assert any(e.doc == docs[0].id for c in store.claims() for e in c.evidence)
    store.close()
    figures.add(f"documents stored by a killed build, store marked linked by another ({store_url.split(':')[0]})",
                1, "the next build (all its inputs unchanged) links them")


def test_relink_recomputes_copy_pairs(tmp_path, store_url, figures):
    from tahqiq.model import Reuse

    src = tmp_path / "in"
    src.mkdir()
    base = f"{FLED} {ARRESTED} {ROLE}"
    (src / "a.txt").write_text(base + "\n\nخبر أول عن الحدث.", encoding="utf-8")
    (src / "b.txt").write_text(base + "\n\nنقلا عن وكالة أخرى.", encoding="utf-8")
    store = open_store(store_url)
    build([str(src)], store, ner="rules")
    pairs = {(r.a, r.b) for r in store.reuse()}
    assert len(pairs) == 1
    ids = store.document_ids()
    # History left a stale pair and lost the real one.
    store.replace_graph(store.entities(), store.links(), store.claims(),
                        reuse=[Reuse(ids[0], "d:0000000000000000", 0.9, [])])
    build([str(src)], store, ner="rules", relink=True)
    assert {(r.a, r.b) for r in store.reuse()} == pairs
    store.close()
    figures.add(f"copy pairs lost and a stale pair left, then --relink ({store_url.split(':')[0]})", 1,
                "pairs recomputed from the stored documents")


def test_two_builds_on_one_store_are_serialised(tmp_path, store_url, figures):
    folders = []
    for k, text in enumerate([V1, ARRESTED + "\n\n" + ROLE, V2]):
        f = tmp_path / f"in{k}"
        f.mkdir()
        (f / f"{k}.txt").write_text(text, encoding="utf-8")
        folders.append(str(f))
    first = open_store(store_url)
    waited: list[int] = []
    errors: list[BaseException] = []

    def run(k: int) -> None:
        try:
            st = open_store(store_url)
            build([folders[k]], st, ner="rules", on_wait=lambda: waited.append(k))
            st.close()
        except BaseException as e:  # noqa: BLE001 - surfaced below
            errors.append(e)

    with first.build_lock():  # a build in progress: the two below wait for it, then for each other
        threads = [threading.Thread(target=run, args=(k,)) for k in (0, 1, 2)]
        for t in threads:
            t.start()
        import time
        time.sleep(0.5)
    for t in threads:
        t.join(120)
    assert not errors, errors
    assert sorted(waited) == [0, 1, 2]
    assert len(first.document_ids()) == 3 and first.unlinked_docs() == []
    links = first.links()
    assert all(m.id in links for m in first.mentions() if m.type == "PER")
    first.close()
    figures.add(f"three builds started while a build holds the store ({store_url.split(':')[0]})", 3,
                "each waits (told so via on_wait), then runs alone; all documents stored and linked")
