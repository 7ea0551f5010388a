"""One document: its text with mentions, quoted evidence and copied passages marked."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse

from tahqiq.export.view import Snapshot
from tahqiq.serve.web import web
from tahqiq.store import views

router = APIRouter()


@router.get("/doc/{doc_id}", response_class=HTMLResponse)
def document(request: Request, doc_id: str):
    w = web(request)
    g = views.document_graph(w.store, doc_id)  # exactly this id: no prefix, no LIKE wildcard
    if g is None:
        raise HTTPException(404, f"لا وثيقة بالمعرّف {doc_id}")
    doc = g["doc"]
    snap = Snapshot.preloaded(w.store, mentions=g["mentions"], links=g["links"], claims=g["claims"],
                              reuse=g["reuse"], doc_meta={doc.id: doc, **g["others"]})
    return w.page(request, "doc.html", {"doc": doc, "segments": snap.segments(doc),
                                        "copies": snap.copies_of(doc.id), "snap": snap})
