"""Store stage: one interface (``Store``) over SQLAlchemy; SQLite by default, PostgreSQL by URL."""

from tahqiq.store.sql import Store, open_store

__all__ = ["Store", "open_store"]
