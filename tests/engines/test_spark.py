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


def test_analysis_records_round_trip():
    from tahqiq.engines.spark import analysis_record, record_analysis
    from tahqiq.ingest import read_inputs
    from tahqiq.pipeline import analyse

    for d in read_inputs([str(EXAMPLES)]):
        a = analyse(d, "rules")
        b = record_analysis(analysis_record(a))
        assert b.doc == a.doc and b.mentions == a.mentions and b.assertions == a.assertions


def test_local_and_spark_builds_export_the_same(spark, news_sample, tmp_path):
    from tahqiq.engines.spark import build_spark
    from tahqiq.export import export_dict
    from tahqiq.pipeline import build
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
