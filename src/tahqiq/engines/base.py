"""The engine interface: what ``pipeline.build`` asks of an engine, and nothing else.

An engine does two things, and the pipeline owns everything around them (ingest, storing,
reporting, linking):

- ``map``: run a batch function over batches, results in input order. The pipeline passes
  in the function (``pipeline.analyse_for_store`` for documents, the copy verifier's task
  function for candidate pairs); an engine never imports the pipeline.
- ``candidate_pairs``: the copied-text candidate join (documents sharing MinHash band keys)
  over the store's fingerprints; by default the store's own SQL self-join.

Invariants every engine keeps (so that every engine exports the same graph):

- ``map`` yields ``fn(batch, *args)`` for each batch, in input order, whatever the
  parallelism; ``fn``, its arguments, batches and results must pickle.
- ``initializer(*initargs)`` runs once per worker before its first batch (loading models).
- ``candidate_pairs`` returns the pairs ``(a, b)``, ``a < b``, of documents sharing at least
  ``min_shared`` band keys, counting only keys held by 2 to ``max_df`` documents; with
  ``new_docs``, only the pairs with one of them.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Collection, Iterable, Iterator
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from tahqiq.store import Store

T = TypeVar("T")
R = TypeVar("R")


class Engine(ABC):
    """Where the per-document batch function and the candidate-pair join run."""

    name = "engine"

    @property
    @abstractmethod
    def workers(self) -> int:
        """How many batches run at once; work that pays off only in parallel (verifying many
        copied-text candidates) goes through ``map`` when this is above one."""

    @abstractmethod
    def map(self, fn: Callable[..., R], batches: Iterable[T], *args: Any,
            initializer: Callable[..., None] | None = None, initargs: tuple = (),
            timeout: Callable[[T], float] | None = None,
            on_timeout: Callable[[T], R] | None = None) -> Iterator[R]:
        """``fn(batch, *args)`` for each batch, yielded in input order. ``timeout(batch)``:
        seconds a batch may take before its worker is presumed stuck, then ``on_timeout`` gives
        its results (an engine that cannot replace a stuck worker may ignore both)."""

    def candidate_pairs(self, store: Store, new_docs: Collection[str] | None, max_df: int,
                        min_shared: int) -> set[tuple[str, str]]:
        """Copied-text candidates by the rule in the module docstring: the store's band join."""
        return store.candidate_doc_pairs(new_docs, max_df=max_df, min_shared=min_shared)

    def close(self) -> None:
        """Release what the engine started (a Spark session it created)."""
