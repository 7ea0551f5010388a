"""Engines: where the per-document batch function and the copied-text candidate join run.

One interface (``engines.base.Engine``), one adapter per engine; ``pipeline.build`` owns the
orchestration and passes the batch function in (``pipeline.analyse_for_store``), so an engine
never imports the pipeline:

- ``local``: this process, or a pool of worker processes (the default);
- ``spark``: Apache Spark through ``mapInPandas`` (``pip install 'tahqiq[spark]'``).
"""
