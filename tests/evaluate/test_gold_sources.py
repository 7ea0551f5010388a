"""Gold files that name their articles' sources, per-story and per-predicate scores."""

from __future__ import annotations

import gzip
import json

import pytest

from tahqiq.errors import GoldFormatError
from tahqiq.evaluate.gold import articles_for, load_gold, score_all, subset


def _corpus(tmp_path, recs):
    data = tmp_path / "shared" / "data"
    (data / "news").mkdir(parents=True)
    with gzip.open(data / "news" / "c.jsonl.gz", "wt", encoding="utf-8") as fh:
        for r in recs:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    return data


def _gold(tmp_path, docs, **extra):
    g = {"documents": docs, "entities": [], "facts": [], **extra}
    p = tmp_path / "eval" / "gold.json"
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(json.dumps(g, ensure_ascii=False), encoding="utf-8")
    return load_gold(str(p))


def test_articles_for_copies_the_named_lines(tmp_path, monkeypatch):
    monkeypatch.delenv("TAHQIQ_DATA", raising=False)
    recs = [{"url": f"http://x/{i}", "content": f"نص {i}"} for i in range(5)]
    _corpus(tmp_path, recs)
    g = _gold(tmp_path, {"sn1": {"corpus": "news/c.jsonl.gz", "line": 2, "url": "http://x/1"},
                         "sn3": {"corpus": "news/c.jsonl.gz", "line": 4, "url": "http://x/3"}})
    work = tmp_path / "work"
    work.mkdir()
    (path,) = articles_for(g, str(work))
    got = [json.loads(line)["url"] for line in open(path, encoding="utf-8")]
    assert got == ["http://x/1", "http://x/3"]


def test_articles_for_refuses_a_line_that_is_not_the_named_article(tmp_path, monkeypatch):
    monkeypatch.setenv("TAHQIQ_DATA", str(_corpus(tmp_path, [{"url": "http://x/0", "content": "نص"}])))
    g = _gold(tmp_path, {"sn0": {"corpus": "news/c.jsonl.gz", "line": 1, "url": "http://x/9"}})
    with pytest.raises(GoldFormatError, match="line 1 of .* is http://x/0, not http://x/9"):
        articles_for(g, str(tmp_path))
    g = _gold(tmp_path, {"sn7": {"corpus": "news/c.jsonl.gz", "line": 8}})
    with pytest.raises(GoldFormatError, match="has 0 of the 1 lines"):
        articles_for(g, str(tmp_path))
    g = _gold(tmp_path, {"000": {"file": "000_a.txt"}})
    with pytest.raises(GoldFormatError, match="names no corpus"):
        articles_for(g, str(tmp_path))


def _export():
    return {
        "documents": [{"id": "d:1", "source": "http://x/1", "outlet": "الشرق الأوسط", "published": "2015-07-21",
                       "title": "t", "byline": None},
                      {"id": "d:2", "source": "http://x/2", "outlet": "okaz", "published": None,
                       "title": "u", "byline": None}],
        "entities": [
            {"id": "e:a", "type": "PER", "names": ["خالد العمر"], "mentions": [
                {"doc": "d:1", "text": "خالد العمر"}, {"doc": "d:2", "text": "خالد العمر"}]},
            {"id": "e:t", "type": "LOC", "names": ["تركيا"], "mentions": [{"doc": "d:1", "text": "تركيا"}]},
        ],
        "claims": [
            {"subject": "e:a", "predicate": "fled_to", "object": {"entity": "e:t"},
             "evidence": [{"doc": "d:1"}]},
            {"subject": "e:a", "predicate": "role", "object": {"text": "قائد"}, "evidence": [{"doc": "d:2"}]},
        ],
        "reuse": [],
    }


def _story_gold():
    return {
        "outlet_names": {"aawsat": ["الشرق الأوسط"]},
        "documents": {"sn0": {"url": "http://x/1", "line": 1, "story": "s1", "outlet": "aawsat",
                              "published": "2015-07-21", "title": "t", "byline": None},
                      "sn1": {"url": "http://x/2", "line": 2, "story": "s2", "outlet": "okaz",
                              "published": "2015-07-22", "title": "u", "byline": None}},
        "entities": [{"id": "a", "type": "PER", "names": ["خالد العمر"], "docs": ["sn0", "sn1"]},
                     {"id": "tr", "type": "LOC", "names": ["تركيا"], "docs": ["sn0"]}],
        "facts": [{"s": "a", "p": "traveled_to", "o": "tr", "docs": ["sn0"]},
                  {"s": "a", "p": "age", "o": "30", "docs": ["sn1"]}],
    }


def test_scores_per_story_and_per_predicate():
    s = score_all(_export(), _story_gold())
    per = s["claims"]["per_predicate"]
    assert per["went_to"] == {"precision": 100.0, "recall": 100.0, "f1": 100.0, "gold": 1, "found": 1,
                              "right": 1, "wrong": 0}
    assert per["age"]["recall"] == 0.0 and per["role"]["wrong"] == 1
    assert s["claims"]["macro_f1"] == 50.0
    assert set(s["per_story"]) == {"s1", "s2"}
    assert s["per_story"]["s1"]["claims"]["f1"] == 100.0
    assert s["per_story"]["s2"]["claims"]["recall"] == 0.0
    # an outlet may be given by any of the gold's names for it; a missing date is wrong
    assert s["metadata"]["outlet"] == 100.0 and s["metadata"]["published"] == 50.0
    assert s["entity_precision"]["LOC"] == 100.0


def test_subset_keeps_only_the_story():
    g = subset(_story_gold(), {"sn1"})
    assert list(g["documents"]) == ["sn1"]
    assert [e["id"] for e in g["entities"]] == ["a"] and g["entities"][0]["docs"] == ["sn1"]
    assert [f["p"] for f in g["facts"]] == ["age"]
