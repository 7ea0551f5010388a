"""Store stage: one interface (``Store``) over SQLAlchemy; SQLite by default, PostgreSQL by URL."""

from tahqiq.store.sql import GraphDelta, Store, open_store

__all__ = ["GraphDelta", "Store", "open_store"]
