"""The timeline: dated facts on a time axis, undated ones apart, each paged (serve/graphs.py)."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse

from tahqiq.export.view import Snapshot
from tahqiq.serve.graphs import TIMELINE_PER, timeline as build_timeline
from tahqiq.serve.web import web
from tahqiq.store import views

router = APIRouter()


@router.get("/timeline", response_class=HTMLResponse)
def timeline(request: Request, entity: str = "", page: str = "1", upage: str = "1"):
    w = web(request)
    e = views.entity_names(w.store, {entity}).get(entity) if entity else None
    if entity and e is None:
        raise HTTPException(404, f"لا كيان بالمعرّف {entity}")
    facts = views.timeline(w.store, e.id if e else None, views.page_number(page), views.page_number(upage),
                           TIMELINE_PER)
    snap = Snapshot.preloaded(w.store, entities=facts.entities, doc_meta=facts.docs)
    return w.page(request, "timeline.html", {"t": build_timeline(facts, snap), "e": e, "snap": snap})
