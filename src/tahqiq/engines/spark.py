"""Spark engine: the pipeline's batch functions on Apache Spark (``pip install 'tahqiq[spark]'``).

    build(paths, store, engine=SparkEngine(master="local[4]"))    # or spark://host:7077
    build_spark(paths, store, master="local[4]")                   # the same (tahqiq.pipeline)

``pipeline.build`` orchestrates a Spark build exactly as a local one (ingest, storing, reports,
linking); this module implements only the two engine hooks of ``engines.base.Engine``:

1. ``map``: the batches (documents read on the driver, by the same ``read_inputs`` as the
   local engine, so the same documents in the same order) are pickled into Parquet, one row a
   batch; the batch function runs on the executors through ``mapInPandas``; its results come
   back pickled through Parquet and are yielded in input order. The function is the one the
   local engine runs (``pipeline.analyse_for_store``): no second copy of the per-document logic.
2. ``candidate_pairs``: the copied-text candidate join (documents sharing MinHash band keys)
   runs as Spark SQL over the store's fingerprints, by the same rule as
   ``Store.candidate_doc_pairs``.

So a Spark build and a local build of the same input export identically.

The hand-off files live in a scratch folder (``workdir``, else
``$TAHQIQ_SPARK_WORKDIR``, else the system temp folder). With ``local[N]``
any folder works; on a cluster it must be a filesystem that the driver and
every executor see at the same path (NFS or similar), and the executors need
tahqiq installed in the same Python as ``PYSPARK_PYTHON``.
"""

from __future__ import annotations

import os
import pickle
import shutil
import sys
import tempfile
from collections.abc import Callable, Collection, Iterable, Iterator
from typing import TYPE_CHECKING, Any, TypeVar

from tahqiq.engines.base import Engine
from tahqiq.engines.local import default_workers
from tahqiq.errors import TahqiqError

if TYPE_CHECKING:
    from tahqiq.store import Store

T = TypeVar("T")
R = TypeVar("R")

BATCH_SCHEMA = "ord long, blob binary"
CHUNK = 32  # batches per Parquet row group written by the driver
BATCHES_PER_PARTITION = 8


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


# ---- the engine -------------------------------------------------------------------------------

class SparkEngine(Engine):
    """Batches on Spark executors, candidate pairs by Spark SQL. ``spark``: a session to use
    (left running by ``close``); else one is started on ``master`` when first needed."""

    name = "spark"

    def __init__(self, master: str | None = None, spark=None, workdir: str | None = None):
        self.master, self._spark, self._own = master, spark, spark is None
        self.workdir = workdir or os.environ.get("TAHQIQ_SPARK_WORKDIR")

    @property
    def spark(self):
        if self._spark is None:
            self._spark = session(self.master)
        return self._spark

    @property
    def workers(self) -> int:
        return int(self.spark.sparkContext.defaultParallelism)

    def close(self) -> None:
        if self._own and self._spark is not None:
            self._spark.stop()
        self._spark = None

    def _scratch(self) -> str:
        return tempfile.mkdtemp(prefix="tahqiq-spark-", dir=self.workdir)

    def map(self, fn: Callable[..., R], batches: Iterable[T], *args: Any,
            initializer: Callable[..., None] | None = None, initargs: tuple = (),
            timeout: Callable[[T], float] | None = None,
            on_timeout: Callable[[T], R] | None = None) -> Iterator[R]:
        """All batches are written first (the driver reads its input to the end), then run as
        one Spark job. ``timeout``/``on_timeout`` are not used: Spark retries a failed task, and
        the batch function keeps its own per-document time budget."""
        tmp = self._scratch()
        try:
            src, out = os.path.join(tmp, "batches.parquet"), os.path.join(tmp, "results.parquet")
            n = _write_blobs(batches, src)
            if not n:
                return
            spark = self.spark
            parts = max(spark.sparkContext.defaultParallelism, -(-n // BATCHES_PER_PARTITION))
            job = map_frames(fn, args, initializer, initargs)
            spark.read.parquet(src).repartition(parts).mapInPandas(job, BATCH_SCHEMA).write.parquet(out)
            for row in spark.read.parquet(out).orderBy("ord").toLocalIterator():
                yield pickle.loads(row["blob"])
        finally:
            shutil.rmtree(tmp, ignore_errors=True)

    def candidate_pairs(self, store: Store, new_docs: Collection[str] | None, max_df: int,
                        min_shared: int) -> set[tuple[str, str]]:
        """The rule of ``Store.candidate_doc_pairs`` as Spark SQL over the store's fingerprints."""
        tmp = self._scratch()
        try:
            path = os.path.join(tmp, "fps.parquet")
            if not _write_fingerprints(store, path):
                return set()
            spark = self.spark
            spark.read.parquet(path).createOrReplaceTempView("tahqiq_fps")
            q = f"""
                WITH k AS (SELECT band, key FROM tahqiq_fps GROUP BY band, key
                           HAVING count(*) >= 2 AND count(*) <= {int(max_df)})
                SELECT f1.doc AS a, f2.doc AS b FROM k
                JOIN tahqiq_fps f1 ON f1.band = k.band AND f1.key = k.key
                JOIN tahqiq_fps f2 ON f2.band = k.band AND f2.key = k.key AND f1.doc < f2.doc
                GROUP BY f1.doc, f2.doc HAVING count(*) >= {int(min_shared)}"""
            pairs = {(row["a"], row["b"]) for row in spark.sql(q).toLocalIterator()}
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        if new_docs is not None:
            new = set(new_docs)
            pairs = {p for p in pairs if p[0] in new or p[1] in new}
        return pairs


# ---- what runs on the executors -----------------------------------------------------------------

_initialised: set[bytes] = set()  # initializers already run in this Python worker


def map_frames(fn: Callable[..., Any], args: tuple, initializer: Callable[..., None] | None = None,
               initargs: tuple = ()) -> Callable[[Iterator[Any]], Iterator[Any]]:
    """The ``mapInPandas`` function: rows of pickled batches in, rows of pickled results out."""

    def run(frames: Iterator[Any]) -> Iterator[Any]:
        import pandas as pd

        if initializer is not None:  # once per Python worker (workers are reused across tasks)
            key = pickle.dumps((initializer, initargs))
            if key not in _initialised:
                initializer(*initargs)
                _initialised.add(key)
        for pdf in frames:
            out = [{"ord": o, "blob": pickle.dumps(fn(pickle.loads(b), *args), pickle.HIGHEST_PROTOCOL)}
                   for o, b in zip(pdf["ord"].tolist(), pdf["blob"].tolist())]
            yield pd.DataFrame(out, columns=["ord", "blob"])

    return run


# ---- hand-off files ---------------------------------------------------------------------------

def _write_blobs(batches: Iterable[Any], path: str) -> int:
    """Each batch pickled as one row (``ord``: its position), streamed in row groups; returns
    how many were written."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema([("ord", pa.int64()), ("blob", pa.binary())])
    n, rows = 0, []
    writer = None
    try:
        for b in batches:
            rows.append({"ord": n, "blob": pickle.dumps(b, pickle.HIGHEST_PROTOCOL)})
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


def _write_fingerprints(store: Store, path: str) -> int:
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
