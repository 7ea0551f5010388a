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
    snap = Snapshot(w.store)
    groups = snap.contradictions()  # found over every claim; only one page of them is rendered
    p = views.page_number(page)
    shown = views.Page(groups[(p - 1) * PER:p * PER], p, PER, len(groups))
    return w.page(request, "contradictions.html", {"groups": shown, "snap": snap})
