"""The network view (page and JSON): filters by type and predicate, ego view, top-N paged (serve/graphs.py)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse

from tahqiq.serve.graphs import CO_MENTION, MAX_EDGES, NODE_TYPES, TOP_CHOICES, NetQuery, network as graph, parse
from tahqiq.serve.web import web
from tahqiq.store import views

router = APIRouter()
EGO_CHOICES = 300  # the ego list offers this many of the most mentioned entities


def _graph(store, q: NetQuery):
    return graph(views.NetIndex.of(store), q, lambda ids: views.entity_rows(store, ids))


@router.get("/network", response_class=HTMLResponse)
def network(request: Request):
    w = web(request)
    q = parse(request)
    net = _graph(w.store, q)
    people = views.top_entities(w.store, q.types, EGO_CHOICES)
    ego = views.entity_names(w.store, {q.ego}).get(q.ego) if q.ego else None
    if ego is not None and all(p.id != ego.id for p in people):
        people.insert(0, views.EntityRow(ego.id, ego.type, ego.name, ego.latin, ego.aliases, len(ego.mentions)))
    pg = views.Page(net["nodes"], net["page"], q.top, net["total_nodes"] - (1 if q.ego else 0))
    return w.page(request, "network.html", {
        "net": net, "nq": q, "names": {n["id"]: n for n in net["nodes"]}, "people": people, "pg": pg,
        "ego_entity": ego, "top_choices": TOP_CHOICES, "node_types": NODE_TYPES, "max_edges": MAX_EDGES,
        "query": request.url.query, "co_mention": CO_MENTION})


@router.get("/api/network")
def network_json(request: Request):
    return JSONResponse(_graph(web(request).store, parse(request)))
