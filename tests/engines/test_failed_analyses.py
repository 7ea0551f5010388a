"""Both engines report a document whose analysis failed the same way: a skipped input with the
same message, not stored (so a rerun tries it again). The Spark side is driven through its
result loader with the rows Spark would hand it, so no JVM is needed."""

from __future__ import annotations

import json

from tahqiq.engines.spark import _load_results, analysis_record
from tahqiq.model import Analysis, Document
from tahqiq.pipeline import BuildReport, analysed
from tahqiq.store import open_store


class _Rows:
    def __init__(self, rows):
        self.rows = rows

    def orderBy(self, _col):  # the Spark DataFrame API
        return self

    def toLocalIterator(self):
        return iter(self.rows)


class _FakeSpark:
    def __init__(self, rows):
        self.read = self
        self._rows = rows

    def parquet(self, _path):
        return _Rows(self._rows)


def test_spark_and_local_report_a_failed_analysis_alike(tmp_path):
    good = Analysis(Document(text="فر أبو محمد من دير الزور.", source="good.txt"))
    bad = Analysis(Document(text="نص آخر لا يحلل.", source="bad.txt"), error="RuntimeError: boom")
    local, local_seen = BuildReport(), []
    kept = analysed([(good, []), (bad, [])], local, local_seen.append)
    assert [a.doc.source for a, _ in kept] == ["good.txt"]

    spark_report, spark_seen = BuildReport(), []
    rows = [{"analysis": analysis_record(a), "fps": []} for a in (good, bad)]
    store = open_store(str(tmp_path / "s.db"))
    try:
        stored = _load_results(_FakeSpark(rows), "unused", store, 64, spark_report, spark_seen.append)
        assert stored == [good.doc.id] and store.document_ids() == [good.doc.id]
    finally:
        store.close()
    assert [str(e) for e in spark_seen] == [str(e) for e in local_seen] != []
    assert spark_report.skipped_count == local.skipped_count == 1
    assert "could not be analysed (RuntimeError: boom)" in str(spark_seen[0])
    assert json.loads(rows[1]["analysis"])["error"] == "RuntimeError: boom"
