"""Home page and search: the store's people and documents, and search over names and full text,
every list paged (``page``: people or name results, ``dpage``: documents)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from tahqiq.store import views
from tahqiq.serve.web import web

router = APIRouter()


@router.get("/", response_class=HTMLResponse)
def home(request: Request, q: str = "", page: str = "1", dpage: str = "1"):
    w = web(request)
    q = " ".join(q.split())[:200]
    p, dp = views.page_number(page), views.page_number(dpage)
    if q:
        ctx = {"q": q, "names": views.search_entities(w.store, q, p), "docs": views.search_documents(w.store, q, dp)}
        return w.page(request, "search.html", ctx)
    return w.page(request, "home.html", {"q": "", "people": views.people(w.store, p),
                                         "docs": views.documents(w.store, dp), "counts": views.counts(w.store)})
