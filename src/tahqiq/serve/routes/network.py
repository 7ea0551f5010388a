"""The network view (page and JSON): filters by type and predicate, ego view, top-N (serve/graphs.py)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse

from tahqiq.export.view import Snapshot
from tahqiq.serve.graphs import CO_MENTION, MAX_EDGES, NODE_TYPES, TOP_CHOICES, network as graph, parse
from tahqiq.serve.web import web

router = APIRouter()


@router.get("/network", response_class=HTMLResponse)
def network(request: Request):
    w = web(request)
    snap = Snapshot(w.store)
    q = parse(request)
    net = graph(snap, q)
    people = sorted((e for e in snap.entities.values() if e.type in q.types),
                    key=lambda e: (-len(e.mentions), e.name))[:300]
    return w.page(request, "network.html", {
        "net": net, "nq": q, "names": {n["id"]: n for n in net["nodes"]}, "people": people,
        "ego_entity": snap.entities.get(q.ego) if q.ego else None, "top_choices": TOP_CHOICES,
        "node_types": NODE_TYPES, "query": request.url.query, "max_edges": MAX_EDGES, "co_mention": CO_MENTION})


@router.get("/api/network")
def network_json(request: Request):
    return JSONResponse(graph(Snapshot(web(request).store), parse(request)))
