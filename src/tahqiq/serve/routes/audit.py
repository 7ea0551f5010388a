"""The audit log: every review decision, newest first, paged, each with its undo."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from tahqiq.serve.web import web
from tahqiq.store import views

router = APIRouter()


@router.get("/audit", response_class=HTMLResponse)
def audit(request: Request, page: str = "1"):
    w = web(request)
    return w.page(request, "audit.html", {"decisions": views.decisions(w.store, views.page_number(page)),
                                          "undone": views.undone(w.store)})
