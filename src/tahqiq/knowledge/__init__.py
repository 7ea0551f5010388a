"""What the system knows before it reads an article: gazetteers (places, countries,
nationality words, organisations) and the calendar's month names, with their loaders.

It sits below every stage that reads text (``ingest``, ``extract``, ``resolve``) and imports only
``tahqiq.text`` and the bundled files of ``tahqiq.data``; nothing here reads a document or a store.
"""
