"""The co-mention network (page and JSON)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse

from tahqiq.export.view import Snapshot
from tahqiq.serve.web import web

router = APIRouter()


@router.get("/network", response_class=HTMLResponse)
def network(request: Request):
    w = web(request)
    net = Snapshot(w.store).network()
    return w.page(request, "network.html", {"net": net, "names": {n["id"]: n for n in net["nodes"]}})


@router.get("/api/network")
def network_json(request: Request):
    return JSONResponse(Snapshot(web(request).store).network())
