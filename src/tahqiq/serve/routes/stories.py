"""Stories (documents sharing copied passages) and contradictions, paged."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from tahqiq.export.view import Snapshot
from tahqiq.serve.web import web
from tahqiq.store import views

router = APIRouter()
PER = 10


@router.get("/stories", response_class=HTMLResponse)
def stories(request: Request, page: str = "1"):
    w = web(request)
    return w.page(request, "stories.html", {"st": views.stories(w.store, views.page_number(page), PER)})


@router.get("/contradictions", response_class=HTMLResponse)
def contradictions(request: Request, page: str = "1"):
    w = web(request)
    found = views.contradictions(w.store, views.page_number(page), PER)  # the page's claims only are read whole
    snap = Snapshot.preloaded(w.store, entities=found.entities, doc_meta=found.docs)
    g = found.groups
    shown = views.Page([(subj, reason, [snap.claim_view(c) for c in cs]) for subj, reason, cs in g.items],
                       g.page, g.per, g.total)
    return w.page(request, "contradictions.html", {"groups": shown, "snap": snap})
