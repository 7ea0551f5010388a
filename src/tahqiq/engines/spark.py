"""Spark engine: the same batch function on Apache Spark (``pip install 'tahqiq[spark]'``).

    build_spark(paths, store, master="local[4]")     # or spark://host:7077

1. Ingest streams on the driver (the same ``read_inputs`` as the local engine,
   so the same documents in the same order); new documents go to Parquet.
2. ``pipeline.analyse_batch`` runs on the executors through ``mapInPandas``:
   no second copy of the per-document logic. Results (compact JSON records
   and fingerprint rows) are written to Parquet.
3. The driver loads the results into the store in input order (one
   transaction per batch, as the local engine does).
4. The copied-text candidate join (documents sharing MinHash band keys) runs
   as Spark SQL over all fingerprints, by the same rule as
   ``Store.candidate_doc_pairs``; then ``pipeline.link`` does the rest.

So a Spark build and a local build of the same input export identically.

The hand-off files live in a scratch folder (``workdir``, else
``$TAHQIQ_SPARK_WORKDIR``, else the system temp folder). With ``local[N]``
any folder works; on a cluster it must be a filesystem that the driver and
every executor see at the same path (NFS or similar), and the executors need
tahqiq installed in the same Python as ``PYSPARK_PYTHON``.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict
from typing import Any

from tahqiq.errors import InputError, TahqiqError
from tahqiq.model import Analysis, Assertion, Document, Evidence, Mention

log = logging.getLogger(__name__)

DOC_COLUMNS = ("ord", "text", "source", "outlet", "published", "title", "byline", "language", "url", "removed",
               "record")
RESULT_SCHEMA = "ord long, doc string, analysis string, fps array<struct<band:int,key:string>>"
CHUNK = 2048  # documents per Parquet row group written by the driver


# ---- records: what crosses between the driver and the executors --------------------------------

def doc_row(i: int, d: Document) -> dict[str, Any]:
    return {"ord": i, "text": d.text, "source": d.source, "outlet": d.outlet, "published": d.published,
            "title": d.title, "byline": d.byline, "language": d.language, "url": d.url,
            "removed": json.dumps(d.removed, ensure_ascii=False),
            "record": json.dumps(d.record or {}, ensure_ascii=False)}


def row_doc(r: dict[str, Any]) -> Document:
    return Document(text=r["text"], source=r["source"], outlet=r["outlet"], published=r["published"],
                    title=r["title"], byline=r["byline"], language=r["language"] or "ar", url=r["url"],
                    removed=json.loads(r["removed"]) if r["removed"] else [],
                    record=json.loads(r["record"]) if r.get("record") else {})


def analysis_record(a: Analysis) -> str:
    """An ``Analysis`` as JSON, less sentences and tokens (the store keeps neither)."""
    d = a.doc
    return json.dumps({
        "doc": doc_row(0, d),
        "mentions": [[m.start, m.end, m.text, m.type, m.source] for m in a.mentions],
        "assertions": [{"subject": x.subject, "predicate": x.predicate, "object": x.object,
                        "qualifiers": x.qualifiers, "evidence": asdict(x.evidence)} for x in a.assertions],
        "error": a.error,
    }, ensure_ascii=False)


def record_analysis(s: str) -> Analysis:
    r = json.loads(s)
    d = row_doc(r["doc"])
    ms = [Mention(d.id, a, b, t, ty, src) for a, b, t, ty, src in r["mentions"]]
    xs = [Assertion(d.id, x["subject"], x["predicate"], x["object"], Evidence(**x["evidence"]), x["qualifiers"])
          for x in r["assertions"]]
    return Analysis(d, [], [], ms, xs, r.get("error"))


def analyse_frames(ner: str, batch: int) -> Callable[[Iterator[Any]], Iterator[Any]]:
    """The ``mapInPandas`` function: document rows in, result rows out, via ``analyse_batch``."""

    def run(frames: Iterator[Any]) -> Iterator[Any]:
        import pandas as pd

        from tahqiq.pipeline import analyse_batch, warm

        warm(ner)  # once per Python worker (workers are reused across tasks)
        for pdf in frames:
            rows = pdf.to_dict("records")
            out = []
            for k in range(0, len(rows), batch):
                chunk = rows[k:k + batch]
                for r, (a, fps) in zip(chunk, analyse_batch([row_doc(r) for r in chunk], ner)):
                    out.append({"ord": r["ord"], "doc": a.doc.id, "analysis": analysis_record(a),
                                "fps": [{"band": b, "key": key} for b, key in fps]})
            yield pd.DataFrame(out, columns=["ord", "doc", "analysis", "fps"])

    return run


# ---- the session ------------------------------------------------------------------------------

def session(master: str | None = None, app: str = "tahqiq"):
    """A SparkSession, or a ``TahqiqError`` that says what to install."""
    try:
        import pyspark  # noqa: F401
        from pyspark.sql import SparkSession
    except ImportError:
        raise TahqiqError("the Spark engine needs PySpark: pip install 'tahqiq[spark]' "
                          "(and Java 17+), or use --engine local") from None
    if not (os.environ.get("JAVA_HOME") or shutil.which("java")):
        raise TahqiqError("the Spark engine needs Java 17 or newer (no `java` on PATH and no JAVA_HOME): "
                          "install it, e.g. apt-get install openjdk-17-jre-headless, or use --engine local")
    # Executors must run this interpreter (where tahqiq is installed), and a laptop
    # with several interfaces must not make Spark bind to an unreachable address.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    from tahqiq.pipeline import default_workers

    b = (SparkSession.builder.appName(app).master(master or f"local[{default_workers()}]")
         .config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false")
         .config("spark.sql.execution.arrow.pyspark.enabled", "true")
         .config("spark.sql.shuffle.partitions", str(max(4, 2 * default_workers())))
         .config("spark.python.worker.reuse", "true"))
    try:
        spark = b.getOrCreate()
    except Exception as e:  # noqa: BLE001 - Py4J/JVM start-up failures have many types
        raise TahqiqError(f"could not start Spark ({master or 'local'}): {e}") from None
    spark.sparkContext.setLogLevel("ERROR")
    return spark


# ---- the build -------------------------------------------------------------------------------

def build_spark(paths: Iterable[str], store, master: str | None = None, ner: str = "fast",
                on_error: Callable[[InputError], None] | None = None, spark=None, workdir: str | None = None,
                relink: bool = False):
    """``pipeline.build`` with the per-document stages and the band join on Spark."""
    from tahqiq.pipeline import BATCH, BuildReport, link, log_seen_again

    report = BuildReport()
    spark = spark or session(master)
    tmp = tempfile.mkdtemp(prefix="tahqiq-spark-", dir=workdir or os.environ.get("TAHQIQ_SPARK_WORKDIR"))
    try:
        was_linked = bool(store.get_meta("linked", False))
        n = _write_docs(paths, store, os.path.join(tmp, "docs.parquet"), report, on_error)
        new_ids: list[str] = []
        if n:
            docs = spark.read.parquet(os.path.join(tmp, "docs.parquet"))
            parts = max(spark.sparkContext.defaultParallelism, -(-n // 512))
            results = docs.repartition(parts).mapInPandas(analyse_frames(ner, BATCH), RESULT_SCHEMA)
            results.write.parquet(os.path.join(tmp, "results.parquet"))
            new_ids = _load_results(spark, os.path.join(tmp, "results.parquet"), store, BATCH, report, on_error)
            report.stored = len(new_ids)
        # Documents stored but never linked (this run's, or an interrupted build's) are
        # marked per document in the store; an edited article clears "linked".
        was_linked = was_linked and bool(store.get_meta("linked", False))
        new_ids = list(dict.fromkeys(new_ids + store.unlinked_docs()))
        if new_ids or not was_linked or relink:
            # As find_reuse: only pairs with a new document once earlier pairs are stored.
            incremental = was_linked and bool(store.reuse())
            pairs = candidate_pairs(spark, store, os.path.join(tmp, "fps.parquet"),
                                    new_ids if incremental else None)
            log_seen_again(store, report)
            link(store, new_ids if was_linked else None, pairs=pairs, full=relink)
        else:
            log_seen_again(store, report)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    c = store.counts()
    report.entities, report.claims, report.reuse_pairs = c["entities"], c["claims"], c["reuse"]
    return report


def _write_docs(paths, store, path: str, report, on_error) -> int:
    """Stream new documents to Parquet in row groups; returns how many were written."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from tahqiq.pipeline import new_documents

    schema = pa.schema([("ord", pa.int64())] + [(c, pa.string()) for c in DOC_COLUMNS[1:]])
    n, rows = 0, []
    writer = None
    try:
        for item in new_documents(paths, store.known_ids(), report, on_error):
            rows.append(doc_row(n, item))
            n += 1
            if len(rows) >= CHUNK:
                writer = writer or pq.ParquetWriter(path, schema)
                writer.write_table(pa.Table.from_pylist(rows, schema))
                rows = []
        if rows:
            writer = writer or pq.ParquetWriter(path, schema)
            writer.write_table(pa.Table.from_pylist(rows, schema))
    finally:
        if writer is not None:
            writer.close()
    return n


def _load_results(spark, path: str, store, batch: int, report, on_error=None) -> list[str]:
    """Results into the store in input order, one transaction per ``batch`` documents; a
    failed analysis is reported as the local engine reports it (``pipeline.analysed``)."""
    from tahqiq.pipeline import analysed

    stored: list[str] = []
    pending: list[tuple[Analysis, list[tuple[int, str]]]] = []
    for r in spark.read.parquet(path).orderBy("ord").toLocalIterator():
        a = record_analysis(r["analysis"])
        ok = analysed([(a, [])], report, on_error)
        if not ok:
            continue
        pending.append((a, [(f["band"], f["key"]) for f in r["fps"]]))
        if len(pending) >= batch:
            stored += store.add_analyses(pending, replace_edited=True)
            pending = []
    if pending:
        stored += store.add_analyses(pending, replace_edited=True)
    return stored


def candidate_pairs(spark, store, path: str, new_ids: list[str] | None) -> set[tuple[str, str]]:
    """Documents sharing at least ``MIN_KEYS`` band keys, keys held by 2 to max_df documents
    (the rule of ``Store.candidate_doc_pairs``), as Spark SQL over the store's fingerprints;
    only pairs with a document of ``new_ids`` when given."""
    from tahqiq.corroborate.reuse import MIN_KEYS, common_df

    if not _write_fingerprints(store, path):
        return set()
    spark.read.parquet(path).createOrReplaceTempView("tahqiq_fps")
    max_df = common_df(store.counts()["documents"]) - 1
    q = f"""
        WITH k AS (SELECT band, key FROM tahqiq_fps GROUP BY band, key
                   HAVING count(*) >= 2 AND count(*) <= {int(max_df)})
        SELECT f1.doc AS a, f2.doc AS b FROM k
        JOIN tahqiq_fps f1 ON f1.band = k.band AND f1.key = k.key
        JOIN tahqiq_fps f2 ON f2.band = k.band AND f2.key = k.key AND f1.doc < f2.doc
        GROUP BY f1.doc, f2.doc HAVING count(*) >= {int(MIN_KEYS)}"""
    pairs = {(row["a"], row["b"]) for row in spark.sql(q).toLocalIterator()}
    if new_ids is not None:
        new = set(new_ids)
        pairs = {p for p in pairs if p[0] in new or p[1] in new}
    return pairs


def _write_fingerprints(store, path: str) -> int:
    """The store's fingerprint rows to Parquet, streamed."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema([("doc", pa.string()), ("band", pa.int32()), ("key", pa.string())])
    n, rows, writer = 0, [], None
    try:
        for doc, band, key in store.fingerprints():
            rows.append({"doc": doc, "band": band, "key": key})
            if len(rows) >= 100_000:
                writer = writer or pq.ParquetWriter(path, schema)
                writer.write_table(pa.Table.from_pylist(rows, schema))
                n += len(rows)
                rows = []
        if rows:
            writer = writer or pq.ParquetWriter(path, schema)
            writer.write_table(pa.Table.from_pylist(rows, schema))
            n += len(rows)
    finally:
        if writer is not None:
            writer.close()
    return n
