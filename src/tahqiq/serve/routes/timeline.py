"""The timeline: dated facts on a time axis, undated ones apart (serve/graphs.py)."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse

from tahqiq.export.view import Snapshot
from tahqiq.serve.graphs import timeline as build_timeline
from tahqiq.serve.web import web

router = APIRouter()


@router.get("/timeline", response_class=HTMLResponse)
def timeline(request: Request, entity: str = ""):
    w = web(request)
    snap = Snapshot(w.store)
    e = snap.entities.get(entity) if entity else None
    if entity and e is None:
        raise HTTPException(404, f"لا كيان بالمعرّف {entity}")
    return w.page(request, "timeline.html", {"t": build_timeline(snap, e.id if e else None), "e": e, "snap": snap})
