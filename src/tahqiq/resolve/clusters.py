"""Union-find with constraints: the one place where mentions join into entities.

Each root carries what its members say about identity: the given-name
chains (cores) of full names, single-part references, kunyas, nationality
codes, and cannot-link tags. An *inferred* union (same name, partial name,
surname reference) is refused when the two sides disagree on any of these;
an *explicit* union (an alias statement in the text, a reviewer's merge)
only respects cannot-link tags (a reviewer's split, "ابنه" kinship).

Invariant: a root's sets are the union of its members' sets, so a check
costs the size of two roots' summaries, not of their mentions.
"""

from __future__ import annotations

from typing import Any

from tahqiq.resolve.names import family_key, is_subchain


class Clusters:
    __slots__ = ("parent", "cores", "isms", "fams", "kunyas", "nats", "tags", "refused")

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))
        self.cores: dict[int, set[tuple[str, ...]]] = {}
        self.isms: dict[int, set[str]] = {}   # lone given names ("حامد")
        self.fams: dict[int, set[str]] = {}   # lone family names ("العلي"), as family_key
        self.kunyas: dict[int, set[str]] = {}
        self.nats: dict[int, set[str]] = {}
        self.tags: dict[int, set[tuple[object, int]]] = {}
        self.refused = 0

    def find(self, x: int) -> int:
        p = self.parent
        root = x
        while p[root] != root:
            root = p[root]
        while p[x] != root:
            p[x], x = root, p[x]
        return root

    def add(self, table: str, x: int, value) -> None:
        getattr(self, table).setdefault(self.find(x), set()).add(value)

    def compatible(self, a: int, b: int, explicit: bool = False, names: bool = True) -> bool:
        """Whether clusters a and b may join: no cannot-link between them, and (unless ``explicit``)
        no conflicting kunya or nationality and (unless not ``names``) no conflicting name parts."""
        ta, tb = self.tags.get(a), self.tags.get(b)
        if ta and tb and any((k, 1 - side) in tb for k, side in ta):
            return False
        if explicit:
            return True
        for table in (self.kunyas, self.nats):
            ka, kb = table.get(a), table.get(b)
            if ka and kb and ka.isdisjoint(kb):
                return False
        if not names:
            return True
        ca, cb = self.cores.get(a, set()), self.cores.get(b, set())
        for x in ca:
            for y in cb:
                if not (is_subchain(x, y) or is_subchain(y, x)):
                    return False
        for cores, isms, fams in ((ca, self.isms.get(b), self.fams.get(b)),
                                  (cb, self.isms.get(a), self.fams.get(a))):
            for c in cores:
                if isms and any(i != c[0] for i in isms):
                    return False
                if fams and any(f != family_key(c[-1]) for f in fams):
                    return False
        ia, ib = self.isms.get(a), self.isms.get(b)
        fa, fb = self.fams.get(a), self.fams.get(b)
        return not ((ia and ib and ia != ib) or (fa and fb and fa != fb))

    def union(self, x: int, y: int, explicit: bool = False, names: bool = True) -> bool:
        """Join the clusters of x and y if allowed; True when they are (now) one. ``names=False``
        joins two spellings of one name, whose parts differ by design."""
        a, b = self.find(x), self.find(y)
        if a == b:
            return True
        if not self.compatible(a, b, explicit, names):
            self.refused += 1
            return False
        if a > b:
            a, b = b, a  # the smaller index stays root: deterministic whatever the order
        self.parent[b] = a
        tables: tuple[dict[int, set[Any]], ...] = (self.cores, self.isms, self.fams, self.kunyas, self.nats, self.tags)
        for table in tables:
            vb = table.pop(b, None)
            if vb:
                va = table.get(a)
                if va is None:
                    table[a] = vb
                elif len(va) < len(vb):
                    vb |= va
                    table[a] = vb
                else:
                    va |= vb
        return True

    def cannot_link(self, key: object, side_a: list[int], side_b: list[int]) -> None:
        for x in side_a:
            self.add("tags", x, (key, 0))
        for x in side_b:
            self.add("tags", x, (key, 1))
