"""Exports: the ``tahqiq/1`` JSON contract and the ecosystem formats."""

from tahqiq.export.jsonfmt import FORMAT, export_dict

__all__ = ["FORMAT", "export_dict"]
