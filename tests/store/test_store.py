"""The one store interface, run against every backend (``store_url`` is SQLite and PostgreSQL)."""

from __future__ import annotations

import threading

import pytest

from tahqiq.model import Analysis, Assertion, Claim, Document, Entity, Evidence, Mention, Reuse
from tahqiq.store.sql import Store, to_url


def _analysis(text: str, source: str = "t.txt", name: str | None = None) -> tuple[Analysis, list]:
    d = Document(text=text, source=source, outlet="عنب بلدي", published="2017-06-01", title=text[:12])
    ms = []
    if name and name in text:
        i = text.index(name)
        ms.append(Mention(d.id, i, i + len(name), name, "PER", "rule"))
    asserts = []
    if ms:
        m = ms[0]
        ev = Evidence(d.id, 0, len(text), text, [{"entity": "e:x", "text": "فرات بوست", "named": True}], True)
        asserts.append(Assertion(d.id, m.id, "fled_to", {"text": "تركيا"}, ev, {"date": "2017-06"}))
    return Analysis(d, [], [], ms, asserts), [(0, f"{abs(hash(text)) % 10**12:016x}")]


def _open(url: str) -> Store:
    return Store(url)


def test_to_url_maps_plain_postgres_urls_to_psycopg3():
    assert to_url("postgresql://u:p@h/db") == "postgresql+psycopg://u:p@h/db"
    assert to_url("postgres://u@h:5433/db") == "postgresql+psycopg://u@h:5433/db"
    assert to_url("postgresql+psycopg://u@h/db") == "postgresql+psycopg://u@h/db"
    assert to_url("some/file.db") == "sqlite:///some/file.db"


def test_documents_and_rows_round_trip_with_json_and_booleans(store_url):
    st = _open(store_url)
    a, fps = _analysis("قال حامد النوري إنه فر إلى تركيا بعد المعركة الأخيرة في المدينة", name="حامد النوري")
    assert st.add_analysis(a, fps) is True
    assert st.add_analysis(a, fps) is False  # idempotent: the id is the hash of the text
    [d] = st.documents()
    assert (d.id, d.outlet, d.published, d.text) == (a.doc.id, "عنب بلدي", "2017-06-01", a.doc.text)
    [m] = st.mentions()
    assert (m.start, m.end, m.text, m.type) == (a.mentions[0].start, a.mentions[0].end, "حامد النوري", "PER")
    [x] = st.assertions()
    assert x.object == {"text": "تركيا"} and x.qualifiers == {"date": "2017-06"}
    assert x.evidence.attributed_to == [{"entity": "e:x", "text": "فرات بوست", "named": True}]
    assert x.evidence.hedged is True and (x.evidence.start, x.evidence.end) == (0, len(a.doc.text))
    assert list(st.fingerprints()) == [(a.doc.id, 0, fps[0][1])]
    st.close()


def test_add_analyses_skips_stored_and_numbers_in_arrival_order(store_url):
    st = _open(store_url)
    items = [_analysis(f"نص رقم {i} عن الأحداث في المدينة الشمالية اليوم") for i in range(5)]
    assert st.add_analyses(items[:2]) == [items[0][0].doc.id, items[1][0].doc.id]
    stored = st.add_analyses(items)  # first two already there
    assert stored == [a.doc.id for a, _ in items[2:]]
    assert st.document_ids() == [a.doc.id for a, _ in items]
    st.close()


def test_concurrent_writers_get_unique_sequence_numbers(store_url):
    """Two builds writing at once: every document stored once, ``seq`` never repeats."""
    stores = [_open(store_url), _open(store_url)]
    batches = [[_analysis(f"خبر {w}-{i} من مصدر محلي في ريف المحافظة الشرقي") for i in range(30)] for w in (0, 1)]
    errors: list[BaseException] = []

    def write(st: Store, batch) -> None:
        try:
            for k in range(0, len(batch), 3):
                st.add_analyses(batch[k:k + 3])
        except BaseException as e:  # noqa: BLE001 - surfaced by the assert below
            errors.append(e)

    threads = [threading.Thread(target=write, args=(st, b)) for st, b in zip(stores, batches)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    from sqlalchemy import select

    from tahqiq.store import schema as s
    with stores[0].engine.connect() as c:
        seqs = list(c.execute(select(s.documents.c.seq)).scalars())
    assert len(seqs) == 60 and len(set(seqs)) == 60
    for st in stores:
        st.close()


def test_replace_graph_is_whole_and_keeps_reuse_when_asked(store_url):
    st = _open(store_url)
    a, fps = _analysis("قال حامد النوري إنه فر إلى تركيا بعد المعركة الأخيرة في المدينة", name="حامد النوري")
    st.add_analysis(a, fps)
    m = a.mentions[0]
    e = Entity("e:1", "PER", "حامد النوري", "Hamid al-Nouri", ["حامد النوري"], ["أبو حمزة"], [m.id])
    ev = Evidence(a.doc.id, 0, 10, a.doc.text[:10], [], False, a.assertions[0].id)
    c = Claim("c:1", "e:1", "fled_to", {"text": "تركيا"}, {"date": "2017-06"}, [ev], 1, "single-source")
    r = Reuse(a.doc.id, "d:zzz", 0.5, [((0, 10), (5, 15))])
    st.replace_graph([e], {m.id: "e:1"}, [c], [r], candidates=[("e:1", "e:2", 0.7, "same surname")])
    assert [x.id for x in st.entities()] == ["e:1"] and st.entities()[0].mentions == [m.id]
    [got] = st.claims()
    assert got.evidence[0].assertion == a.assertions[0].id and got.qualifiers == {"date": "2017-06"}
    assert st.reuse()[0].passages == [((0, 10), (5, 15))]
    assert st.candidates() == [("e:1", "e:2", 0.7, "same surname")]
    st.replace_graph([], {}, [], None)  # reuse=None keeps the verified pairs
    assert st.entities() == [] and st.claims() == [] and len(st.reuse()) == 1
    st.close()


def test_meta_and_decisions(store_url):
    st = _open(store_url)
    st.set_meta("linked", True)
    st.set_meta("linked", {"at": 3})
    assert st.get_meta("linked") == {"at": 3} and st.get_meta("nope", 7) == 7
    i = st.add_decision("merge", {"mentions": ["m:1", "m:2"]}, note="same man", user="sam")
    [d] = st.decisions()
    assert d["id"] == i and d["target"] == {"mentions": ["m:1", "m:2"]} and d["user"] == "sam"
    st.close()


# ---- full-text search ------------------------------------------------------------------------

TEXT = ("أفادت مصادر محلية في مدينة دير الزور أن القيادي المدعو أبو حمزة القرعاني فر باتجاه الحدود التركية "
        "برفقة عدد من عناصر التنظيم.")


def test_search_finds_documents_whatever_the_harakat_tatweel_and_alef(store_url):
    st = _open(store_url)
    a, fps = _analysis(TEXT)
    other, ofps = _analysis("اجتمع مجلس الوزراء في الرياض لمناقشة الميزانية العامة للدولة هذا الأسبوع")
    st.add_analyses([(a, fps), (other, ofps)])
    for q in ("دير الزور", "دَيْرِ الزّوْر", "ديـــر الزور", "القرعانى", "أبو حمزة"):
        hits = [h for h in st.search(q) if h.kind == "document"]
        assert [h.id for h in hits] == [a.doc.id], q
    [h] = [h for h in st.search("دير الزور") if h.kind == "document"]
    assert "دير الزور" in h.snippet  # cut from the original text, not the normalised one
    assert st.search("الميزانية")[0].id == other.doc.id
    assert st.search("كلمة_غير_موجودة") == [] and st.search("  ") == []
    st.close()


def test_search_query_syntax_is_never_interpreted(store_url):
    st = _open(store_url)
    st.add_analysis(*_analysis(TEXT))
    for q in ('"', "AND", "دير OR", "NEAR(دير", "*", "دير:الزور", "'; DROP TABLE documents; --"):
        st.search(q)  # no syntax error reaches the user
    assert len(st.documents()) == 1
    st.close()


def test_entity_index_follows_replace_graph_in_the_same_transaction(store_url):
    st = _open(store_url)
    old = Entity("e:old", "PER", "حامد النوري", "Hamid al-Nouri", ["حامد النوري"], ["أبو حمزة"], [])
    st.replace_graph([old], {}, [], None)
    hits = st.search("حامِد")
    assert [(h.kind, h.id) for h in hits] == [("entity", "e:old")]
    assert [h.id for h in st.search("hamid")] == ["e:old"]  # the Latin form is indexed too
    new = Entity("e:new", "ORG", "جيش الإسلام", None, ["جيش الاسلام"], [], [])
    st.replace_graph([new], {}, [], None)
    assert st.search("حامد") == []
    assert [h.id for h in st.search("الإسلام")] == ["e:new"]
    st.close()


def test_older_sqlite_store_gets_its_index_built_on_open(tmp_path):
    url = f"sqlite:///{tmp_path / 'old.db'}"
    st = Store(url)
    st.add_analysis(*_analysis(TEXT))
    with st.engine.begin() as c:  # as a store made before search existed
        from sqlalchemy import text
        for name in ("documents_fts_ai", "documents_fts_ad", "documents_fts_au", "entities_fts_ai",
                     "entities_fts_ad"):
            c.execute(text(f"DROP TRIGGER IF EXISTS {name}"))
        c.execute(text("DROP TABLE documents_fts"))
        c.execute(text("DROP TABLE entities_fts"))
    st.close()
    st = Store(url)
    assert [h.kind for h in st.search("دير الزور")] == ["document"]
    st.close()


def test_search_scans_when_sqlite_has_no_fts(tmp_path, monkeypatch):
    from tahqiq.store import search as fts

    st = Store(f"sqlite:///{tmp_path / 's.db'}")
    st.add_analysis(*_analysis(TEXT))
    monkeypatch.setattr(fts, "_has_fts", lambda c: False)
    assert [h.kind for h in st.search("دَيْرِ الزور")] == ["document"]
    assert st.search("الميزانية") == []
    st.close()


def test_pipeline_build_is_identical_on_every_backend(store_url, dev_export):
    """The dev articles built into this backend export exactly as the SQLite dev build does."""
    from tahqiq.export import export_dict
    from tahqiq.pipeline import build

    from tests.conftest import EXAMPLES, stable
    st = _open(store_url)
    build([str(EXAMPLES)], st)
    assert stable(export_dict(st)) == stable(dev_export)
    again = build([str(EXAMPLES)], st)
    assert again.stored == 0 and again.unchanged == 3
    st.close()


def test_unreachable_postgres_is_a_clear_store_error():
    from tahqiq.errors import StoreError

    with pytest.raises(StoreError, match="cannot (create tables|open store)"):  # no server, or no driver
        Store("postgresql+psycopg://nobody@127.0.0.1:1/none?connect_timeout=2")


def test_search_command(tmp_path):
    import json

    from typer.testing import CliRunner

    from tahqiq.cli import app

    db = str(tmp_path / "c.db")
    st = Store(to_url(db))
    st.add_analysis(*_analysis(TEXT))
    st.close()
    r = CliRunner().invoke(app, ["search", "دَيْرِ الزور", "--db", db, "--json"])
    assert r.exit_code == 0, r.output
    [hit] = json.loads(r.stdout)
    assert hit["kind"] == "document" and "دير الزور" in hit["snippet"]
    r = CliRunner().invoke(app, ["search", "غائب", "--db", db])
    assert r.exit_code == 0 and "no entity or document matches" in r.stdout


def test_incremental_candidate_join_equals_the_full_join_filtered(store_url):
    """Driving the join from the new documents' keys gives exactly the pairs of the full join
    that involve a new document (counts and stock-key cut-off included)."""
    import random

    rng = random.Random(3)
    st = _open(store_url)
    ids = []
    for i in range(40):
        a, _ = _analysis(f"وثيقة رقم {i} عن موضوع ما في مكان ما")
        fps = sorted({(rng.randrange(2), f"{rng.randrange(60):016x}") for _ in range(6)})
        st.add_analysis(a, fps)
        ids.append(a.doc.id)
    full = st.candidate_doc_pairs(None, max_df=5, min_shared=2)
    assert full  # the random keys do pair documents
    for new in (ids[-3:], ids[:1], ids[10:25], []):
        want = {p for p in full if p[0] in new or p[1] in new}
        assert st.candidate_doc_pairs(new, max_df=5, min_shared=2) == want
    st.close()


def test_store_url_shown_to_users_hides_the_password(store_url):
    from sqlalchemy import make_url

    st = _open(store_url)
    secret = make_url(store_url).password
    assert st.url.startswith(store_url.split("://")[0])
    if secret:  # PostgreSQL with a password: never printed
        assert f":{secret}@" not in st.url and ":***@" in st.url
    st.close()


def test_replace_graph_writes_only_differences_and_ends_equal_to_a_fresh_write(store_url, tmp_path):
    """A rebuild rewrites only changed rows; the stored graph (and the entity index) must end up
    exactly as if it had been written into an empty store."""
    st = _open(store_url)
    a, fps = _analysis("قال حامد النوري إنه فر إلى تركيا بعد المعركة الأخيرة في المدينة", name="حامد النوري")
    st.add_analysis(a, fps)
    m = a.mentions[0]

    def graph(name: str, ev_end: int, status: str, extra: bool):
        ents = [Entity("e:1", "PER", name, "Hamid al-Nouri", [name], ["أبو حمزة"], [m.id]),
                Entity("e:2", "LOC", "تركيا", "Turkey", ["تركيا"], [], [], {"lat": 39.9, "lon": 32.8, "ref": "TR"})]
        if extra:
            ents.append(Entity("e:3", "ORG", "جيش الإسلام", None, ["جيش الإسلام"], [], []))
        ev = Evidence(a.doc.id, 0, ev_end, a.doc.text[:ev_end], [{"text": "فرات بوست"}], False, a.assertions[0].id)
        claims = [Claim("c:1", "e:1", "fled_to", {"entity": "e:2", "text": "تركيا"}, {"date": "2017-06"}, [ev], 1,
                        status)]
        cands = [("e:1", "e:3", 0.5, "x")] if extra else [("e:1", "e:2", 0.2, "y")]
        return ents, {m.id: "e:1" if not extra else "e:3"}, claims, None, cands

    steps = [graph("حامد النوري", 10, "single-source", False), graph("حامد النوري", 10, "single-source", False),
             graph("حامد علي النوري", 12, "single-source", True), graph("حامد علي النوري", 12, "corroborated", False)]
    for g in steps:
        st.replace_graph(*g[:4], candidates=g[4])
        fresh = Store(f"sqlite:///{tmp_path / f'fresh{steps.index(g)}.db'}")
        fresh.add_analysis(a, fps)
        fresh.replace_graph(*g[:4], candidates=g[4])
        assert st.entities() == fresh.entities()
        assert st.links() == fresh.links()
        assert st.claims() == fresh.claims()
        assert st.candidates() == fresh.candidates()
        assert st.counts() == fresh.counts()
        for q in ("حامد علي", "الإسلام", "تركيا"):
            assert [h.id for h in st.search(q) if h.kind == "entity"] == \
                   [h.id for h in fresh.search(q) if h.kind == "entity"], q
        fresh.close()
    st.close()
