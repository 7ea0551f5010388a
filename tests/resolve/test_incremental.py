"""Incremental link: new articles are resolved against the stored entities, reading and
writing only what they touch, and the graph comes out as a full link would make it."""

from __future__ import annotations

import gzip
import itertools

import pytest

from tahqiq import pipeline
from tahqiq.export import export_dict
from tahqiq.pipeline import build
from tahqiq.store import open_store
from tahqiq.store.sql import Store

N_NEWS, PARTS = 240, 3  # SaudiNewsNet articles 2000.. (a different slice from the Spark parity test)


@pytest.fixture(scope="module")
def news_parts(shared_dir, tmp_path_factory):
    src = shared_dir / "data" / "news" / "saudinewsnet.jsonl.gz"
    if not src.exists():
        pytest.skip(f"{src} not found")
    with gzip.open(src, "rb") as fh:
        lines = list(itertools.islice(fh, 2000, 2000 + N_NEWS))
    d = tmp_path_factory.mktemp("news_parts")
    size = N_NEWS // PARTS
    paths = []
    for k in range(PARTS):
        p = d / f"part{k}.jsonl"
        p.write_bytes(b"".join(lines[k * size:(k + 1) * size]))
        paths.append(str(p))
    return paths


def _graph(store):
    ex = export_dict(store)
    return ex["entities"], ex["claims"]


def _full_link_forbidden(monkeypatch):
    """An incremental link may not read every mention or assertion, nor rewrite the whole graph."""
    def refuse(name):
        def f(*a, **k):
            raise AssertionError(f"incremental link called Store.{name}, which reads or writes the whole store")
        return f
    for name in ("mentions", "assertions", "replace_graph", "links"):
        monkeypatch.setattr(Store, name, refuse(name))


def test_incremental_link_equals_a_full_link(store_url, news_parts, tmp_path, monkeypatch):
    """Three increments give the entities and claims one build of everything gives (ids
    included: homonyms get their ids by the same rule), and each increment after the first
    never reads the whole store."""
    inc = open_store(store_url)
    build(news_parts[:1], inc)
    with monkeypatch.context() as m:
        _full_link_forbidden(m)
        for p in news_parts[1:]:
            assert build([p], inc).stored > 0
    fresh = open_store(str(tmp_path / "fresh.db"))
    build(news_parts, fresh)
    ents, claims = _graph(inc)
    want_ents, want_claims = _graph(fresh)
    assert len(ents) > 300 and len(claims) > 20
    assert ents == want_ents
    assert claims == want_claims


def test_a_new_article_joins_and_merges_stored_entities(tmp_path):
    """A person named fully in one article and by kunya + nisba in another stays two entities
    until a third article says both; the increment then merges them, moves the claims, and
    leaves the same graph as linking all three at once."""
    a = ("أعلنت الشرطة التركية اعتقال حامد النوري في مدينة غازي عنتاب بعد فراره من دير الزور. "
         "وقالت مصادر محلية إن النوري دفع عشرين ألف دولار للمهربين.")
    b = "وصل القيادي في التنظيم أبو حمزة القرعاني إلى مدينة أعزاز قادماً من الرقة."
    c = ("ذكرت شبكة فرات بوست أن حامد النوري المعروف بأبو حمزة القرعاني كان مسؤولاً عن مكتب الزكاة "
         "في مدينة الميادين قبل فراره إلى تركيا.")
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(a, encoding="utf-8")
    (src / "b.txt").write_text(b, encoding="utf-8")
    store = open_store(str(tmp_path / "s.db"))
    build([str(src)], store)
    people = {e.name: e for e in store.entities() if e.type == "PER"}
    assert "حامد النوري" in people and any("القرعاني" in n for n in people)
    (src / "c.txt").write_text(c, encoding="utf-8")
    assert build([str(src)], store).stored == 1
    merged = [e for e in store.entities() if e.type == "PER" and "حامد النوري" in e.names]
    assert len(merged) == 1 and any("القرعاني" in n for n in merged[0].names + merged[0].aliases)
    assert {m for m in merged[0].mentions} >= {m for e in people.values() if "القرعاني" in e.name for m in e.mentions}
    subjects = {c.subject for c in store.claims()}
    assert all(e.id in {x.id for x in store.entities()} for e in merged)
    assert not subjects - {x.id for x in store.entities()}, "a claim still points at a merged-away entity"
    fresh = open_store(str(tmp_path / "fresh.db"))
    build([str(src)], fresh)
    assert _graph(store) == _graph(fresh)


def test_a_review_decision_or_relink_makes_the_next_link_full(tmp_path, news_parts, monkeypatch):
    store = open_store(str(tmp_path / "s.db"))
    build(news_parts[:1], store)
    calls = []
    real = pipeline._link_full
    monkeypatch.setattr(pipeline, "_link_full", lambda *a, **k: (calls.append("full"), real(*a, **k)))
    build(news_parts[1:2], store)
    assert calls == []  # incremental
    person = next(e for e in store.entities() if e.type == "PER" and len(e.mentions) >= 2)
    store.add_decision("split", {"a": person.mentions[:1], "b": person.mentions[1:]})
    build(news_parts[2:3], store)
    assert calls == ["full"]  # the decision is applied to every stored mention
    build(news_parts[2:3], store, relink=True)
    assert calls == ["full", "full"]
    assert store.counts()["documents"] > 0 and store.get_meta("linked")
