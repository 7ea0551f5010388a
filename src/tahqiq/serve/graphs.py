"""The network view and the timeline (their routes: serve/routes/network.py, timeline.py).

Network: entities linked by a claim (its predicate) or by being named in the same
sentence ("co_mention"); filtered by entity type and predicate; either the ego view
of one entity (its neighbours to depth 1 or 2) or the ``top`` most connected
entities, so that a store of 1,000 connected entities still draws a readable graph.

Timeline: facts whose own date is known (the claim's ``date`` qualifier) on a time
axis, in date order; facts without one listed apart (with the date of the report
that carries them, which is not the date of the fact).

Invariant: every node and edge shown is in the store's graph; the filters only
remove. Edge lists are capped at ``MAX_EDGES`` rows in the HTML table.
"""

from __future__ import annotations

from collections import defaultdict, deque
from dataclasses import dataclass
from datetime import date
from typing import Any

from fastapi import HTTPException, Request

from tahqiq.export.view import Snapshot

CO_MENTION = "co_mention"
NODE_TYPES = ("PER", "ORG", "LOC")
TOP_CHOICES = (25, 50, 100, 200, 0)  # 0: all
DEFAULT_TOP = 50
MAX_EDGES = 500


@dataclass(frozen=True)
class NetQuery:
    types: tuple[str, ...] = ("PER", "ORG")
    predicates: tuple[str, ...] = ()  # empty: every predicate
    ego: str | None = None
    depth: int = 1
    top: int = DEFAULT_TOP


def parse(request: Request) -> NetQuery:
    qp = request.query_params
    types = tuple(t for t in qp.getlist("type") if t in NODE_TYPES) or ("PER", "ORG")
    preds = tuple(sorted({p for p in qp.getlist("predicate") if p and len(p) < 40}))
    try:
        depth = min(2, max(1, int(qp.get("depth") or 1)))
        top = int(qp.get("top") or DEFAULT_TOP)
    except ValueError:
        raise HTTPException(400, "depth and top are numbers") from None
    top = top if top in TOP_CHOICES else DEFAULT_TOP
    return NetQuery(types, preds, (qp.get("ego") or "").strip()[:200] or None, depth, top)


def all_edges(snap: Snapshot, types: tuple[str, ...]) -> list[dict[str, Any]]:
    """Co-mention edges and claim edges (subject -> object entity) between entities of ``types``."""
    co = snap.network(types=types)
    edges = [{"source": e["source"], "target": e["target"], "weight": e["weight"], "predicate": CO_MENTION}
             for e in co["edges"]]
    pairs: dict[tuple[str, str, str], int] = defaultdict(int)
    for c in snap.claims:
        obj = c.object.get("entity")
        a, b = snap.entities.get(c.subject), snap.entities.get(obj) if obj else None
        if a and b and a.id != b.id and a.type in types and b.type in types:
            pairs[(a.id, b.id, c.predicate)] += 1
    edges += [{"source": a, "target": b, "weight": w, "predicate": p} for (a, b, p), w in sorted(pairs.items())]
    return edges


def network(snap: Snapshot, q: NetQuery) -> dict[str, Any]:
    """The graph a query asks for, with what was left out (``total_*``)."""
    edges = [e for e in all_edges(snap, q.types) if not q.predicates or e["predicate"] in q.predicates]
    degree: dict[str, int] = defaultdict(int)
    for e in edges:
        degree[e["source"]] += e["weight"]
        degree[e["target"]] += e["weight"]
    if q.ego:
        keep = _reach(edges, q.ego, q.depth)
    else:
        ranked = sorted(degree, key=lambda n: (-degree[n], n))
        keep = set(ranked[:q.top] if q.top else ranked)
    shown = [e for e in edges if e["source"] in keep and e["target"] in keep]
    ids = keep if q.ego else {x for e in shown for x in (e["source"], e["target"])}
    nodes = []
    for nid in sorted(ids, key=lambda n: (-degree.get(n, 0), n)):
        e = snap.entities.get(nid)
        if e is not None:
            nodes.append({"id": e.id, "name": e.name, "latin": e.latin, "type": e.type, "mentions": len(e.mentions),
                          "degree": degree.get(nid, 0), "ego": nid == q.ego})
    return {"nodes": nodes, "edges": shown, "total_nodes": len(degree), "total_edges": len(edges),
            "predicates": sorted({e["predicate"] for e in all_edges(snap, q.types)})}


def _reach(edges: list[dict[str, Any]], start: str, depth: int) -> set[str]:
    nbrs: dict[str, set[str]] = defaultdict(set)
    for e in edges:
        nbrs[e["source"]].add(e["target"])
        nbrs[e["target"]].add(e["source"])
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


def timeline(snap: Snapshot, entity: str | None = None, width: int = 900, pad: int = 30) -> dict[str, Any]:
    """Dated facts placed on an axis (x from ``pad`` to ``width - pad``) and undated ones apart."""
    views = [snap.claim_view(c) for c in snap.claims
             if entity is None or c.subject == entity or c.object.get("entity") == entity]
    dated, undated = [], []
    for v in views:
        d = fact_date(v.qualifiers.get("date"))
        (dated if d else undated).append((d, v))
    dated.sort(key=lambda x: (x[0], x[1].id))
    undated.sort(key=lambda x: (min((e.published or "" for e in x[1].evidence), default=""), x[1].id))
    axis: dict[str, Any] = {"width": width, "ticks": [], "points": []}
    if dated:
        lo, hi = dated[0][0].toordinal(), dated[-1][0].toordinal()
        span = max(hi - lo, 1)

        def x(d: date) -> float:
            return round(pad + (width - 2 * pad) * ((d.toordinal() - lo) / span if hi > lo else 0.5), 1)

        rows: dict[float, int] = defaultdict(int)
        for i, (d, v) in enumerate(dated, 1):
            px = x(d)
            axis["points"].append({"x": px, "row": rows[px], "n": i, "date": d.isoformat(), "claim": v.id})
            rows[px] += 1
        axis["ticks"] = [{"x": x(t), "label": t.isoformat()[:7] if span > 60 else t.isoformat()}
                         for t in _ticks(dated[0][0], dated[-1][0])]
        axis["height"] = 60 + 14 * max(rows.values())
    return {"dated": [(d.isoformat(), v) for d, v in dated], "undated": [v for _, v in undated], "axis": axis}


def _ticks(a: date, b: date, n: int = 6) -> list[date]:
    if a == b:
        return [a]
    step = (b.toordinal() - a.toordinal()) / (n - 1)
    return [date.fromordinal(round(a.toordinal() + k * step)) for k in range(n)]
