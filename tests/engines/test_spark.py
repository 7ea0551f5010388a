"""The Spark engine runs the same batch function as the local one: same input, same export.

Needs PySpark and Java 17+ (CI installs both); skipped with the reason when either is missing.
"""

from __future__ import annotations

import gzip
import itertools
import shutil

import pytest

from tests.conftest import EXAMPLES, stable

N_NEWS = 100  # first articles of the SaudiNewsNet sample: wire copies give real reuse pairs


def _spark_or_skip():
    pytest.importorskip("pyspark", reason="PySpark not installed (pip install 'tahqiq[spark]')")
    if shutil.which("java") is None:
        pytest.skip("Java not installed (the Spark engine needs Java 17+)")
    from tahqiq.engines.spark import session
    return session("local[1]")


@pytest.fixture(scope="module")
def spark():
    s = _spark_or_skip()
    yield s
    s.stop()


@pytest.fixture(scope="module")
def news_sample(shared_dir, tmp_path_factory):
    src = shared_dir / "data" / "news" / "saudinewsnet.jsonl.gz"
    if not src.exists():
        pytest.skip(f"{src} not found")
    out = tmp_path_factory.mktemp("news") / "news.jsonl"
    with gzip.open(src, "rb") as fh:
        out.write_bytes(b"".join(itertools.islice(fh, N_NEWS)))
    return out


def test_batches_and_results_cross_as_pickles():
    """The executor function: pickled batches in, ``fn``'s pickled results out, order kept."""
    import pickle

    pd = pytest.importorskip("pandas")
    from tahqiq.engines.spark import map_frames

    run = map_frames(_scaled, (3,))
    frame = pd.DataFrame([{"ord": k, "blob": pickle.dumps([k, k + 1])} for k in range(4)], columns=["ord", "blob"])
    out = pd.concat(list(run(iter([frame]))))
    assert out["ord"].tolist() == [0, 1, 2, 3]
    assert [pickle.loads(b) for b in out["blob"]] == [[0, 3], [3, 6], [6, 9], [9, 12]]


def _scaled(batch: list[int], k: int) -> list[int]:
    return [x * k for x in batch]


def test_local_and_spark_builds_export_the_same(spark, news_sample, tmp_path):
    from tahqiq.export import export_dict
    from tahqiq.pipeline import build, build_spark
    from tahqiq.store import open_store

    paths = [str(EXAMPLES), str(news_sample)]
    local = open_store(str(tmp_path / "local.db"))
    lr = build(paths, local)
    dist = open_store(str(tmp_path / "spark.db"))
    sr = build_spark(paths, dist, spark=spark)
    assert (sr.stored, sr.unchanged, len(sr.skipped)) == (lr.stored, lr.unchanged, len(lr.skipped))
    want, got = export_dict(local), export_dict(dist)
    assert want["reuse"], "the fixture should contain copied text"
    assert stable(got) == stable(want)

    # Incremental on Spark: nothing new, nothing changes.
    again = build_spark(paths, dist, spark=spark)
    assert again.stored == 0 and again.unchanged == lr.stored + lr.unchanged
    assert stable(export_dict(dist)) == stable(want)

    # A full relink on Spark verifies every candidate pair again, as the local engine does (the
    # engine's join is asked for all pairs; it once passed only the new documents' pairs).
    build_spark(paths, dist, spark=spark, relink=True)
    assert stable(export_dict(dist)) == stable(want)


def test_clear_message_without_pyspark(monkeypatch):
    import builtins

    from tahqiq.engines import spark as sp
    from tahqiq.errors import TahqiqError

    real = builtins.__import__

    def no_pyspark(name, *a, **k):
        if name == "pyspark" or name.startswith("pyspark."):
            raise ImportError("No module named 'pyspark'")
        return real(name, *a, **k)

    monkeypatch.setattr(builtins, "__import__", no_pyspark)
    with pytest.raises(TahqiqError, match=r"tahqiq\[spark\]"):
        sp.session("local[1]")


def test_clear_message_without_java(monkeypatch):
    pytest.importorskip("pyspark")
    from tahqiq.engines import spark as sp
    from tahqiq.errors import TahqiqError

    monkeypatch.delenv("JAVA_HOME", raising=False)
    monkeypatch.setattr(sp.shutil, "which", lambda name: None)
    with pytest.raises(TahqiqError, match="Java 17"):
        sp.session("local[1]")


def test_copy_verification_through_the_spark_map_finds_the_same_pairs(spark, news_sample, tmp_path, monkeypatch):
    """Copy verification receives the engine's map: on Spark, tasks (pairs with their texts)
    run on the executors and give the same reuse rows as one process."""
    from tahqiq.corroborate import reuse
    from tahqiq.engines.spark import SparkEngine
    from tahqiq.pipeline import build
    from tahqiq.store import open_store

    store = open_store(str(tmp_path / "v.db"))
    build([str(news_sample)], store, ner="rules")
    pairs = sorted(store.candidate_doc_pairs(None, max_df=reuse.common_df(100) - 1, min_shared=reuse.MIN_KEYS))
    assert len(pairs) >= 4
    monkeypatch.setattr(reuse, "PARALLEL_PAIRS", 3)
    engine = SparkEngine(spark=spark)
    on_spark = reuse.verify_on_pool(pairs, store.texts, None, map_fn=engine.map)
    engine.close()  # not its session: left running
    assert not spark.sparkContext._jsc.sc().isStopped()
    key = lambda r: (r.a, r.b, r.similarity, r.passages)  # noqa: E731
    assert sorted(map(key, on_spark)) == sorted(map(key, reuse.verify_pairs(pairs, store.texts)))
    assert on_spark, "the fixture should contain copied text"
