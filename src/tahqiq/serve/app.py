"""The analyst's workbench: a server-rendered web app over one store.

Pages read the graph through ``tahqiq.export.view``; review actions write a
decision (``store.add_decision``) and re-derive the graph with
``tahqiq.pipeline.link``, so a decision lives in the store, not in the graph,
and survives every rebuild. Pydantic/FastAPI stay at this edge.
"""

from __future__ import annotations

import getpass
import logging
import threading
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, select_autoescape

from tahqiq.export.view import PREDICATE_LABELS, STATUS_LABELS, Snapshot, plot
from tahqiq.serve.security import (AUTH_COOKIE, CSRF_COOKIE, CSRF_FIELD, MAX_BODY, Guard, auth_value,
                                   new_csrf, same)
from tahqiq.store import Store, open_store

log = logging.getLogger(__name__)
HERE = Path(__file__).resolve().parent
TYPE_LABELS = {"PER": "شخص", "ORG": "منظمة", "LOC": "مكان", "NAT": "جنسية", "ROLE": "منصب", "MONEY": "مال",
               "DATE": "تاريخ"}
EXPORTS = {"json": ("application/json", "tahqiq.json"), "csv": ("application/zip", "tahqiq-csv.zip"),
           "ftm": ("application/x-ndjson", "tahqiq.ftm.jsonl"), "graphml": ("application/xml", "tahqiq.graphml"),
           "geojson": ("application/geo+json", "tahqiq.geojson")}


def environment() -> Environment:
    env = Environment(loader=FileSystemLoader(str(HERE / "templates")),
                      autoescape=select_autoescape(default=True, default_for_string=True))
    env.globals.update(type_labels=TYPE_LABELS, predicates=PREDICATE_LABELS, status_labels=STATUS_LABELS,
                       csrf_field=CSRF_FIELD)
    env.filters["q"] = lambda s: quote(str(s), safe="")
    return env


def create_app(store: Store | str | None = None, token: str | None = None, user: str | None = None,
               tiles: str | None = None, max_body: int = MAX_BODY) -> FastAPI:
    """Build the app. ``token`` locks every page behind an access token (needed off loopback)."""
    st = store if isinstance(store, Store) else open_store(store)
    default_user = user or _whoami()
    app = FastAPI(title="tahqiq", docs_url=None, redoc_url=None, openapi_url=None)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    templates = Jinja2Templates(env=environment())
    lock = threading.Lock()  # one re-derivation of the graph at a time

    def page(request: Request, name: str, ctx: dict[str, Any], status: int = 200) -> HTMLResponse:
        token_now = request.cookies.get(CSRF_COOKIE) or new_csrf()
        ctx = {"csrf": token_now, "reviewer": request.cookies.get("tahqiq_user") or default_user,
               "tiles": tiles, "locked": bool(token), **ctx}
        resp = templates.TemplateResponse(request, name, ctx, status_code=status)
        if request.cookies.get(CSRF_COOKIE) != token_now:
            resp.set_cookie(CSRF_COOKIE, token_now, httponly=True, samesite="strict", path="/")
        return resp

    def check_csrf(request: Request, form_token: str) -> None:
        if not same(request.cookies.get(CSRF_COOKIE), form_token):
            raise HTTPException(403, "CSRF token missing or wrong: reload the page and try again")
        origin = request.headers.get("origin")
        if origin and origin != "null" and origin.split("://", 1)[-1] != request.headers.get("host"):
            raise HTTPException(403, "cross-origin form submission refused")

    def decide(request: Request, kind: str, target: dict[str, Any], note: str, reviewer: str,
               back: str) -> RedirectResponse:
        from tahqiq.pipeline import link
        who = (reviewer or default_user).strip()[:64] or default_user
        with lock:
            st.add_decision(kind, target, (note or "").strip()[:2000] or None, who)
            link(st)
        resp = RedirectResponse(back, status_code=303)
        resp.set_cookie("tahqiq_user", quote(who), httponly=True, samesite="strict", path="/")
        return resp

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException):
        return page(request, "error.html", {"status": exc.status_code, "message": exc.detail}, exc.status_code)

    # ---- reading ------------------------------------------------------------------------
    @app.get("/", response_class=HTMLResponse)
    def search(request: Request, q: str = ""):
        from tahqiq.query import find_entities
        snap = Snapshot(st)
        q = q.strip()[:200]
        results = find_entities(st, q) if q else []
        people = sorted((e for e in snap.entities.values() if e.type == "PER"), key=lambda e: -len(e.mentions))
        return page(request, "search.html", {"q": q, "results": results, "people": people,
                                             "counts": st.counts(), "snap": snap})

    @app.get("/entity/{entity_id}", response_class=HTMLResponse)
    def entity(request: Request, entity_id: str):
        snap = Snapshot(st)
        d = snap.dossier(entity_id)
        if d is None:
            moved = _moved(snap, entity_id)
            if moved:
                return RedirectResponse(f"/entity/{moved}", status_code=303)
            raise HTTPException(404, f"no entity {entity_id}")
        same_type = sorted((e for e in snap.entities.values() if e.type == d.entity.type and e.id != entity_id),
                           key=lambda e: e.name)[:500]
        return page(request, "entity.html", {"d": d, "e": d.entity, "map": plot(d.movements), "snap": snap,
                                             "merge_options": same_type, "can_pdf": _pdf_ok()})

    @app.get("/api/entity/{entity_id}/movements")
    def movements(entity_id: str):
        d = Snapshot(st).dossier(entity_id)
        if d is None:
            raise HTTPException(404, f"no entity {entity_id}")
        return JSONResponse([m.__dict__ for m in d.movements])

    @app.get("/doc/{doc_id}", response_class=HTMLResponse)
    def document(request: Request, doc_id: str):
        snap = Snapshot(st)
        doc = st.document(doc_id, prefix=False)  # exactly this id: no prefix, no LIKE wildcard
        if doc is None:
            raise HTTPException(404, f"no document {doc_id}")
        return page(request, "doc.html", {"doc": doc, "segments": snap.segments(doc),
                                          "copies": snap.copies_of(doc.id), "snap": snap})

    @app.get("/stories", response_class=HTMLResponse)
    def stories(request: Request):
        snap = Snapshot(st)
        groups, alone = snap.stories()
        return page(request, "stories.html", {"stories": groups, "alone": alone, "snap": snap})

    @app.get("/contradictions", response_class=HTMLResponse)
    def contradictions(request: Request):
        snap = Snapshot(st)
        return page(request, "contradictions.html", {"groups": snap.contradictions(), "snap": snap})

    @app.get("/network", response_class=HTMLResponse)
    def network(request: Request):
        net = Snapshot(st).network()
        return page(request, "network.html", {"net": net, "names": {n["id"]: n for n in net["nodes"]}})

    @app.get("/api/network")
    def network_json():
        return JSONResponse(Snapshot(st).network())

    @app.get("/review", response_class=HTMLResponse)
    def review(request: Request):
        snap = Snapshot(st)
        cands = [(snap.entities.get(a), snap.entities.get(b), score, reason)
                 for a, b, score, reason in st.candidates()]
        cands = [c for c in cands if c[0] and c[1]]
        return page(request, "review.html", {"candidates": cands, "snap": snap})

    @app.get("/audit", response_class=HTMLResponse)
    def audit(request: Request):
        return page(request, "audit.html", {"decisions": list(reversed(st.decisions()))})

    # ---- review actions (POST + CSRF) -----------------------------------------------------
    @app.post("/review/merge")
    def merge(request: Request, a: str = Form(...), b: str = Form(...), note: str = Form(""),
              reviewer: str = Form(""), csrf: str = Form("")):
        check_csrf(request, csrf)
        snap = Snapshot(st)
        ea, eb = snap.entities.get(a), snap.entities.get(b)
        if not ea or not eb or ea.id == eb.id:
            raise HTTPException(400, "merge needs two different existing entities")
        mentions = sorted(set(ea.mentions) | set(eb.mentions))
        target = {"mentions": mentions, "entities": [ea.id, eb.id], "names": [ea.name, eb.name]}
        resp = decide(request, "merge", target, note, reviewer, "/")
        resp.headers["location"] = f"/entity/{_entity_of(st, mentions[0]) or a}"
        return resp

    @app.post("/review/split")
    def split(request: Request, entity: str = Form(...), mention: list[str] = Form(...), note: str = Form(""),
              reviewer: str = Form(""), csrf: str = Form("")):
        check_csrf(request, csrf)
        e = Snapshot(st).entities.get(entity)
        if e is None or not set(mention) <= set(e.mentions) or len(set(mention)) >= len(e.mentions):
            raise HTTPException(400, "split needs some, not all, of the entity's own mentions")
        rest = sorted(set(e.mentions) - set(mention))
        # the resolver's split shape (resolve/review.py): two mention sets that must stay apart
        target = {"a": rest, "b": sorted(set(mention)), "entities": [e.id, e.id], "names": [e.name]}
        resp = decide(request, "split", target, note, reviewer, "/")
        resp.headers["location"] = f"/entity/{_entity_of(st, rest[0]) or entity}"
        return resp

    @app.post("/review/claim")
    def claim_decision(request: Request, claim: str = Form(...), action: str = Form(...), note: str = Form(""),
                       reviewer: str = Form(""), back: str = Form(""), csrf: str = Form("")):
        check_csrf(request, csrf)
        if action not in ("confirm", "reject"):
            raise HTTPException(400, "action must be confirm or reject")
        snap = Snapshot(st)
        c = snap.claim(claim)
        if c is None:
            raise HTTPException(404, f"no claim {claim} (the graph may have changed: reload)")
        subject = snap.entities.get(c.subject)
        target = {"assertions": sorted({ev.assertion for ev in c.evidence}), "claim": c.id,
                  "entity": c.subject, "subject_mentions": subject.mentions if subject else [],
                  "summary": f"{snap.name(c.subject)} — {c.predicate} — {snap.object_text(c.object)}"}
        return decide(request, f"{action}_claim", target, note, reviewer, _local(back) or f"/entity/{c.subject}")

    @app.post("/review/candidate")
    def candidate(request: Request, a: str = Form(...), b: str = Form(...), action: str = Form(...),
                  note: str = Form(""), reviewer: str = Form(""), csrf: str = Form("")):
        check_csrf(request, csrf)
        snap = Snapshot(st)
        ea, eb = snap.entities.get(a), snap.entities.get(b)
        if not ea or not eb or action not in ("confirm", "reject"):
            raise HTTPException(400, "candidate review needs two existing entities and confirm or reject")
        if action == "confirm":
            target = {"mentions": sorted(set(ea.mentions) | set(eb.mentions)), "entities": [a, b],
                      "names": [ea.name, eb.name]}
        else:  # "not the same person": a split of the two mention sets
            target = {"a": sorted(ea.mentions), "b": sorted(eb.mentions), "entities": [a, b],
                      "names": [ea.name, eb.name]}
        return decide(request, "merge" if action == "confirm" else "split", target, note, reviewer, "/review")

    # ---- login (only when a token is configured) ---------------------------------------------
    @app.get("/login", response_class=HTMLResponse)
    def login_form(request: Request):
        return page(request, "login.html", {"failed": False})

    @app.post("/login")
    def login(request: Request, access_token: str = Form(""), csrf: str = Form("")):
        check_csrf(request, csrf)
        if not token or not same(access_token, token):
            return page(request, "login.html", {"failed": True}, 401)
        resp = RedirectResponse("/", status_code=303)
        resp.set_cookie(AUTH_COOKIE, auth_value(token), httponly=True, samesite="strict", path="/")
        return resp

    # ---- downloads ------------------------------------------------------------------------
    @app.get("/export/{fmt}")
    def export(fmt: str):
        from tahqiq.export.formats import render_format
        if fmt not in EXPORTS:
            raise HTTPException(404, f"unknown format {fmt}: one of {', '.join(EXPORTS)}")
        mime, name = EXPORTS[fmt]
        return Response(render_format(st, fmt, log_to=f"web download ({name})"), media_type=mime,
                        headers={"content-disposition": f'attachment; filename="{name}"'})

    @app.get("/entity/{entity_id}/dossier.{ext}")
    def dossier_file(entity_id: str, ext: str):
        from tahqiq.export.dossier import dossier_html, html_to_pdf
        if ext not in ("html", "pdf"):
            raise HTTPException(404, "dossier comes as .html or .pdf")
        if entity_id not in Snapshot(st).entities:  # an id only: never a name search, never a near match
            raise HTTPException(404, f"no entity {entity_id}")
        name = f"dossier-{entity_id.replace(':', '-')}.{ext}"
        html = dossier_html(st, entity_id, log_to=f"web download ({name})")
        disp = {"content-disposition": f'attachment; filename="{name}"'}
        if ext == "html":
            return Response(html, media_type="text/html; charset=utf-8", headers=disp)
        return Response(html_to_pdf(html), media_type="application/pdf", headers=disp)

    app.state.store = st
    return app


def _moved(snap: Snapshot, entity_id: str) -> str | None:
    """An entity id that vanished after a review decision: follow its mentions to the new entity."""
    for d in reversed(snap.decisions):
        t = d["target"] or {}
        if entity_id in t.get("entities", []) or t.get("entity") == entity_id:
            for m in t.get("a", []) or t.get("mentions", []):
                if m in snap.links:
                    return snap.links[m]
    return None


def _entity_of(store: Store, mention: str) -> str | None:
    return store.links().get(mention)


def _local(url: str) -> str | None:
    """Only same-site paths may be redirect targets (no open redirect)."""
    return url if url.startswith("/") and not url.startswith("//") and "\\" not in url else None


def _whoami() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name in containers without a passwd entry
        return "analyst"


def _pdf_ok() -> bool:
    from tahqiq.export.dossier import pdf_renderer
    return pdf_renderer() is not None


def serve(db: str | None = None, host: str = "127.0.0.1", port: int = 8765, token: str | None = None,
          user: str | None = None, tiles: str | None = None) -> None:
    """Run the app with uvicorn (blocks). Refuses a non-loopback bind without a token."""
    import uvicorn

    from tahqiq.serve.security import check_bind
    check_bind(host, token)
    uvicorn.run(make_asgi(db, token=token, user=user, tiles=tiles), host=host, port=port, log_level="warning", server_header=False)


def make_asgi(store: Store | str | None = None, token: str | None = None, user: str | None = None,
              tiles: str | None = None, max_body: int = MAX_BODY):
    """The app wrapped in its guard: what tests and servers should run."""
    return Guard(create_app(store, token=token, user=user, tiles=tiles, max_body=max_body), token=token,
                 max_body=max_body, tiles=tiles)
