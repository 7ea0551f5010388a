"""Connected components over hashable keys (plain union-find with path halving).

Used wherever copies group together: stories of documents sharing passages,
candidate pairs verified component by component, evidence that counts as one
origin. (Entity resolution has its own constrained version in resolve/clusters.py.)
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)


class Components(Generic[K]):
    __slots__ = ("parent",)

    def __init__(self, keys: Iterable[K] = ()) -> None:
        self.parent: dict[K, K] = {k: k for k in keys}

    def find(self, x: K) -> K:
        p = self.parent
        p.setdefault(x, x)
        while p[x] != x:
            p[x] = p[p[x]]
            x = p[x]
        return x

    def union(self, a: K, b: K) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[ra] = rb

    def __contains__(self, x: object) -> bool:
        return x in self.parent

    def groups(self) -> list[list[K]]:
        """Members of each component, in the order keys were first seen."""
        out: dict[K, list[K]] = defaultdict(list)
        for k in list(self.parent):
            out[self.find(k)].append(k)
        return list(out.values())
