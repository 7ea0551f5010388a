"""Engines: where the per-document batch function runs.

One thin adapter per engine, the same batch function everywhere
(``tahqiq.pipeline.analyse_batch``):

- ``local``: this process, or a pool of worker processes (the default);
- ``spark``: Apache Spark through ``mapInPandas`` (``pip install 'tahqiq[spark]'``).
"""
