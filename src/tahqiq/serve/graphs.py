"""The network view and the timeline (their routes: serve/routes/network.py, timeline.py).

Network: entities linked by a claim (its predicate) or by being named in the same
sentence ("co_mention"); filtered by entity type and predicate; either the ego view
of one entity (its neighbours to depth 1 or 2) or the ``top`` most connected
entities, paged (the next page: the next ``top`` by degree), so that a store of 1,000
connected entities still draws a readable graph and says how many are hidden. The
edges come from ``store.views.NetIndex`` (built once per graph state); the names of
the entities shown are read for them only.

Timeline: facts whose own date is known (the claim's ``date`` qualifier) on a time
axis, in date order; facts without one listed apart (with the date of the report
that carries them, which is not the date of the fact); both paged
(``store.views.timeline`` reads one page of each).

Invariant: every node and edge shown is in the store's graph; the filters only
remove. Edge lists are capped at ``MAX_EDGES`` rows in the HTML table.
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from fastapi import HTTPException, Request

from tahqiq.export.view import Snapshot
from tahqiq.store import views

CO_MENTION = views.CO_MENTION
NODE_TYPES = views.NETWORK_TYPES
TOP_CHOICES = (25, 50, 100, 200)  # entities per page
DEFAULT_TOP = 50
MAX_EDGES = 500
TIMELINE_PER = 50  # facts per page, dated and undated each
DOT_GAP = 14  # the axis' numbered dots are 12 px wide: closer ones go on the next row


@dataclass(frozen=True)
class NetQuery:
    types: tuple[str, ...] = ("PER", "ORG")
    predicates: tuple[str, ...] = ()  # empty: every predicate
    ego: str | None = None
    depth: int = 1
    top: int = DEFAULT_TOP
    page: int = 1


def parse(request: Request) -> NetQuery:
    qp = request.query_params
    types = tuple(t for t in qp.getlist("type") if t in NODE_TYPES) or ("PER", "ORG")
    preds = tuple(sorted({p for p in qp.getlist("predicate") if p and len(p) < 40}))
    try:
        depth = min(2, max(1, int(qp.get("depth") or 1)))
        top = int(qp.get("top") or DEFAULT_TOP)
    except ValueError:
        raise HTTPException(400, "العمق والعدد رقمان") from None
    top = top if top in TOP_CHOICES else DEFAULT_TOP
    return NetQuery(types, preds, (qp.get("ego") or "").strip()[:200] or None, depth, top,
                    views.page_number(qp.get("page")))


class EdgeIndex(Protocol):
    edges: list[tuple[str, str, str, int]]  # (a, b, predicate, weight)
    types: dict[str, str]


def network(index: EdgeIndex, q: NetQuery, rows: Callable[[list[str]], list[Any]]) -> dict[str, Any]:
    """One page of the graph a query asks for: the ``q.top`` most connected entities ranked
    ``(q.page - 1) * q.top`` and below (in the ego view: the entity and that page of its
    neighbours, most connected first), the edges among them, and what is left out (``total_*``,
    ``hidden``). ``rows(ids)``: the names of the entities shown (read for them only)."""
    every = [e for e in index.edges if index.types.get(e[0]) in q.types and index.types.get(e[1]) in q.types]
    edges = [e for e in every if not q.predicates or e[2] in q.predicates]
    degree: dict[str, int] = defaultdict(int)
    for a, b, _, w in edges:
        degree[a] += w
        degree[b] += w

    def rank(ids):
        return sorted(ids, key=lambda n: (-degree.get(n, 0), n))

    if q.ego:
        pool = rank(_reach(edges, q.ego, q.depth) - {q.ego})
        part = pool[(q.page - 1) * q.top:q.page * q.top]
        keep = [q.ego] + part
    else:
        pool = rank(degree)
        part = keep = pool[(q.page - 1) * q.top:q.page * q.top]
    kept = set(keep)
    shown = [{"source": a, "target": b, "weight": w, "predicate": p} for a, b, p, w in edges
             if a in kept and b in kept]
    nodes = [{"id": r.id, "name": r.name, "latin": r.latin, "type": r.type, "mentions": r.mentions,
              "degree": degree.get(r.id, 0), "ego": r.id == q.ego} for r in rows(keep)]
    pg = views.Page(part, q.page, q.top, len(pool))
    return {"nodes": nodes, "edges": shown, "total_nodes": len(pool) + (1 if q.ego else 0),
            "total_edges": len(edges), "hidden": len(pool) - len(part), "page": pg.page, "pages": pg.pages,
            "predicates": sorted({e[2] for e in every})}


def _reach(edges: list[tuple[str, str, str, int]], start: str, depth: int) -> set[str]:
    nbrs: dict[str, set[str]] = defaultdict(set)
    for a, b, _, _ in edges:
        nbrs[a].add(b)
        nbrs[b].add(a)
    seen = {start: 0}
    todo = deque([start])
    while todo:
        n = todo.popleft()
        if seen[n] >= depth:
            continue
        for m in nbrs[n]:
            if m not in seen:
                seen[m] = seen[n] + 1
                todo.append(m)
    return set(seen)


# ---- timeline --------------------------------------------------------------------------------

def fact_date(value: Any) -> date | None:
    """A claim's own date ("2017-08-12", "2017-08", "2017"), as the first day it can mean."""
    s = str(value or "").strip()
    parts = s[:10].split("-")
    try:
        y = int(parts[0])
        m = int(parts[1]) if len(parts) > 1 and parts[1] else 1
        d = int(parts[2]) if len(parts) > 2 and parts[2] else 1
        return date(y, m, d) if 1800 <= y <= 2200 else None
    except (ValueError, IndexError):
        return None


def timeline(facts: views.Facts, snap: Snapshot, width: int = 900, pad: int = 30) -> dict[str, Any]:
    """One page of facts: the dated ones placed on an axis (x from ``pad`` to ``width - pad``)
    spanning that page's dates, numbered from the page's first; the undated ones apart."""
    dated = []
    for text, c in facts.dated.items:
        d = fact_date(text) or fact_date(text[:4])  # "2017-13" is still 2017
        dated.append((d, snap.claim_view(c)))
    undated = [snap.claim_view(c) for c in facts.undated.items]
    axis: dict[str, Any] = {"width": width, "ticks": [], "points": [], "height": 60}
    on_axis = [(d, v) for d, v in dated if d]
    if on_axis:
        lo, hi = min(d for d, _ in on_axis).toordinal(), max(d for d, _ in on_axis).toordinal()
        span = max(hi - lo, 1)

        def x(d: date) -> float:
            return round(pad + (width - 2 * pad) * ((d.toordinal() - lo) / span if hi > lo else 0.5), 1)

        ends: list[float] = []  # the x of the last point in each row: a point goes to the first row it clears
        for i, (d, v) in enumerate(dated, facts.dated.first):
            if d is None:
                continue
            px = x(d)
            row = next((r for r, end in enumerate(ends) if px - end >= DOT_GAP), len(ends))
            ends[row:row + 1] = [px]
            axis["points"].append({"x": px, "row": row, "n": i, "date": d.isoformat(), "claim": v.id})
        axis["ticks"] = [{"x": x(t), "label": t.isoformat()[:7] if span > 60 else t.isoformat()}
                         for t in _ticks(date.fromordinal(lo), date.fromordinal(hi))]
        axis["height"] = 60 + 14 * len(ends)
    return {"dated": [(text, v) for (_, v), (text, _) in zip(dated, facts.dated.items)],  # the date as stated
            "undated": undated, "axis": axis, "dated_page": facts.dated, "undated_page": facts.undated}


def _ticks(a: date, b: date, n: int = 6) -> list[date]:
    if a == b:
        return [a]
    step = (b.toordinal() - a.toordinal()) / (n - 1)
    return [date.fromordinal(round(a.toordinal() + k * step)) for k in range(n)]
