"""Ingest stage: bytes in, cleaned ``Document`` out.

``read_inputs`` walks paths (files, folders, ``-`` for stdin) and yields either
a ``Document`` or an ``InputError`` per article, so one bad file never stops a
batch. Each reader decodes, strips boilerplate and fills in metadata.
"""

from tahqiq.ingest.documents import document_from_html, document_from_record, document_from_text
from tahqiq.ingest.readers import read_inputs

__all__ = ["read_inputs", "document_from_text", "document_from_html", "document_from_record"]
