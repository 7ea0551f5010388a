"""tahqiq: Arabic news reports into a sourced, corroborated knowledge graph.

The package is laid out in pipeline order (see ``docs/design.md``)::

    ingest -> text -> extract -> resolve -> corroborate -> store -> export / serve
"""

__version__ = "0.1.0"
