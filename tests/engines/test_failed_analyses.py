"""Both engines report a document whose analysis failed the same way: a skipped input with the
same message, not stored (so a rerun tries it again). The report is made once, by
``pipeline.build``, whatever the engine; the Spark side is driven through its executor function
(``engines.spark.map_frames``, pickled batches in and results out, as Spark hands them over), so
no JVM is needed."""

from __future__ import annotations

import pickle

import pytest

from tahqiq.engines.base import Engine
from tahqiq.engines.local import LocalEngine
from tahqiq.engines.spark import map_frames
from tahqiq.store import open_store


class _FramesEngine(Engine):
    """The Spark engine's hand-off without Spark: each batch pickled into a pandas row, run by
    ``map_frames`` in this process, results unpickled in input order."""

    name = "frames"
    workers = 1  # type: ignore[assignment]

    def map(self, fn, batches, *args, initializer=None, initargs=(), timeout=None, on_timeout=None):
        import pandas as pd

        rows = [{"ord": k, "blob": pickle.dumps(b)} for k, b in enumerate(batches)]
        if not rows:
            return
        run = map_frames(fn, args, initializer, initargs)
        for out in run(iter([pd.DataFrame(rows, columns=["ord", "blob"])])):
            for o, blob in sorted(zip(out["ord"].tolist(), out["blob"].tolist())):
                yield pickle.loads(blob)


@pytest.mark.parametrize("engine", [LocalEngine(1), LocalEngine(2), _FramesEngine()], ids=["local", "pool", "spark"])
def test_every_engine_reports_a_failed_analysis_alike(tmp_path, monkeypatch, engine):
    pytest.importorskip("pandas")
    import tahqiq.pipeline as pipeline

    real = pipeline.analyse

    def boom(doc, ner="fast", ner_spans=None):
        if "BOOM" in doc.text:
            raise RuntimeError("boom")
        return real(doc, ner, ner_spans)

    monkeypatch.setattr(pipeline, "analyse", boom)  # worker processes are forked: they see it too
    src = tmp_path / "in"
    src.mkdir()
    (src / "good.txt").write_text("فر أبو محمد من دير الزور.", encoding="utf-8")
    (src / "bad.txt").write_text("نص آخر لا يحلل. BOOM", encoding="utf-8")
    seen: list = []
    store = open_store(str(tmp_path / "s.db"))
    try:
        report = pipeline.build([str(src)], store, ner="rules", on_error=seen.append, engine=engine)
        assert report.stored == 1 and len(store.document_ids()) == 1
    finally:
        store.close()
    assert report.skipped_count == 1 == len(seen)
    assert str(seen[0]).startswith(str(src / "bad.txt"))
    assert "could not be analysed (RuntimeError: boom); not stored, a rerun tries it again" in str(seen[0])
