"""The store's side of copied-text detection: the fingerprint join, stock keys, bulk texts.
Runs on every backend (``store_url``)."""

from __future__ import annotations

from tahqiq.model import Analysis, Document
from tahqiq.store import open_store


def _store_with(url: str, fps: dict[str, list[tuple[int, str]]]):
    st = open_store(url)
    ids = {}
    for name, rows in fps.items():
        d = Document(text=f"نص الوثيقة {name}", source=f"{name}.txt")
        ids[name] = d.id
        st.add_analysis(Analysis(d), rows)
    return st, ids


def test_candidate_join_counts_shared_keys_and_skips_frequent_ones(store_url):
    common = [(0, "f" * 16)]
    st, ids = _store_with(store_url, {
        "a": [(0, "01"), (1, "02"), (1, "03")] + common,
        "b": [(0, "01"), (1, "02")] + common,      # shares two keys with a
        "c": [(1, "03"), (0, "09")] + common,      # shares one key with a
        "d": [(1, "01")] + common,                 # same key text, other band: not shared
    })
    pair = lambda x, y: tuple(sorted((ids[x], ids[y])))  # noqa: E731
    # The common key (4 documents) counts unless cut off by max_df.
    assert st.candidate_doc_pairs(min_shared=2) == {pair("a", "b"), pair("a", "c")}
    assert st.candidate_doc_pairs(min_shared=2, max_df=3) == {pair("a", "b")}
    assert st.candidate_doc_pairs(min_shared=1, max_df=3) == {pair("a", "b"), pair("a", "c")}
    assert st.candidate_doc_pairs([ids["c"]], min_shared=1, max_df=3) == {pair("a", "c")}
    assert st.common_fingerprints(4) == [(0, "f" * 16)]
    assert st.common_fingerprints(5) == []


def test_texts_by_id_in_bulk(store_url):
    st, ids = _store_with(store_url, {"a": [], "b": []})
    got = st.texts([ids["a"], ids["b"], "d:missing", ids["a"]])
    assert got == {ids["a"]: "نص الوثيقة a", ids["b"]: "نص الوثيقة b"}
