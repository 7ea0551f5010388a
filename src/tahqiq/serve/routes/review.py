"""Review: merge candidates side by side (paged, one at a time or in a batch), merge, split,
confirm or reject a claim, undo any decision, and the background relink's progress.

Every action is a POST checked for the session's CSRF token (``Web.check_csrf``), recorded
under the logged-in reviewer (``Web.decide``), and applied to the graph in the background."""

from __future__ import annotations

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse

from tahqiq.serve.web import web
from tahqiq.store import views

router = APIRouter()
PER = 10
MAX_BATCH = 200


@router.get("/review", response_class=HTMLResponse)
def review(request: Request, page: str = "1"):
    w = web(request)
    p = views.candidates(w.store, views.page_number(page), PER)
    cards = views.cards(w.store, {x for a, b, _, _ in p.items for x in (a, b)})
    pairs = [(cards[a], cards[b], score, reason) for a, b, score, reason in p.items if a in cards and b in cards]
    return w.page(request, "review.html", {"candidates": p, "pairs": pairs})


@router.get("/api/relink")
def relink_status(request: Request):
    return JSONResponse(web(request).relinker.status().as_dict())


@router.post("/review/merge")
def merge(request: Request, a: str = Form(...), b: str = Form(""), b_id: str = Form(""), note: str = Form(""),
          csrf: str = Form("")):
    w = web(request)
    w.check_csrf(request, csrf)
    b = (b_id or b).strip()
    ents = views.entities_with_mentions(w.store, {a, b})
    ea, eb = ents.get(a), ents.get(b)
    if not ea or not eb or ea.id == eb.id:
        raise HTTPException(400, "الدمج يحتاج كيانين مختلفين موجودين")
    w.decide(request, "merge", _merge_target(ea, eb), note)
    return RedirectResponse(f"/entity/{a}", status_code=303)


@router.post("/review/split")
def split(request: Request, entity: str = Form(...), mention: list[str] = Form(...), note: str = Form(""),
          csrf: str = Form("")):
    w = web(request)
    w.check_csrf(request, csrf)
    e = views.entities_with_mentions(w.store, {entity}).get(entity)
    if e is None or not set(mention) <= set(e.mentions) or len(set(mention)) >= len(e.mentions):
        raise HTTPException(400, "الفصل يحتاج بعض إشارات الكيان نفسه، لا كلها")
    rest = sorted(set(e.mentions) - set(mention))
    # the resolver's split shape (resolve/review.py): two mention sets that must stay apart
    target = {"a": rest, "b": sorted(set(mention)), "entities": [e.id, e.id], "names": [e.name]}
    w.decide(request, "split", target, note)
    return RedirectResponse(f"/entity/{entity}", status_code=303)


@router.post("/review/claim")
def claim_decision(request: Request, claim: str = Form(...), action: str = Form(...), note: str = Form(""),
                   back: str = Form(""), csrf: str = Form("")):
    w = web(request)
    w.check_csrf(request, csrf)
    if action not in ("confirm", "reject"):
        raise HTTPException(400, "الإجراء إما تأكيد أو رفض")
    c = views.claim(w.store, claim)
    if c is None:
        raise HTTPException(404, f"لا ادعاء بالمعرّف {claim} (ربما تغيّر الرسم البياني: أعد تحميل الصفحة)")
    names = views.entities_with_mentions(w.store, {c.subject} | ({c.object["entity"]} if c.object.get("entity") else set()))
    subject = names.get(c.subject)
    obj = names[c.object["entity"]].name if c.object.get("entity") in names else \
        f"{c.object.get('value', c.object.get('text', ''))} {c.object.get('unit', '')}".strip()
    target = {"assertions": sorted({ev.assertion for ev in c.evidence}), "claim": c.id,
              "entity": c.subject, "subject_mentions": subject.mentions if subject else [],
              "summary": f"{subject.name if subject else c.subject} — {c.predicate} — {obj}"}
    w.decide(request, f"{action}_claim", target, note)
    return RedirectResponse(_local(back) or f"/entity/{c.subject}", status_code=303)


@router.post("/review/candidate")
def candidate(request: Request, a: str = Form(...), b: str = Form(...), action: str = Form(...),
              note: str = Form(""), csrf: str = Form("")):
    w = web(request)
    w.check_csrf(request, csrf)
    _candidate(request, a, b, action, note)
    return RedirectResponse("/review", status_code=303)


@router.post("/review/candidates")
def candidates_batch(request: Request, pair: list[str] = Form([]), action: str = Form(""), one: str = Form(""),
                     note: str = Form(""), back: str = Form(""), csrf: str = Form("")):
    """A batch: every checked ``pair`` ("a|b") confirmed or rejected by ``action``; or ``one``
    ("confirm|a|b" / "reject|a|b"), the button of a single candidate in the same form."""
    w = web(request)
    w.check_csrf(request, csrf)
    if one:
        act, _, rest = one.partition("|")
        todo, action = [rest], act
    else:
        todo = list(dict.fromkeys(pair))
    if not todo or len(todo) > MAX_BATCH:
        raise HTTPException(400, f"اختر زوجًا واحدًا على الأقل (وحتى {MAX_BATCH} زوج)")
    for p in todo:
        a, _, b = p.partition("|")
        _candidate(request, a, b, action, note, queue=False)
    w.relinker.request(len(todo))
    return RedirectResponse(_local(back) or "/review", status_code=303)


def _candidate(request: Request, a: str, b: str, action: str, note: str, queue: bool = True) -> None:
    w = web(request)
    ents = views.entities_with_mentions(w.store, {a, b})
    ea, eb = ents.get(a), ents.get(b)
    if not ea or not eb or ea.id == eb.id or action not in ("confirm", "reject"):
        raise HTTPException(400, "مراجعة المرشحين تحتاج كيانين موجودين وإجراءً: تأكيد أو رفض")
    if action == "confirm":
        kind, target = "merge", _merge_target(ea, eb)
    else:  # "not the same person": a split of the two mention sets
        kind, target = "split", {"a": sorted(ea.mentions), "b": sorted(eb.mentions), "entities": [a, b],
                                 "names": [ea.name, eb.name]}
    if queue:
        w.decide(request, kind, target, note)
    else:
        w.store.add_decision(kind, target, (note or "").strip()[:2000] or None, w.reviewer(request))


@router.post("/review/undo")
def undo(request: Request, decision: int = Form(...), note: str = Form(""), back: str = Form(""),
         csrf: str = Form("")):
    """Cancel a decision (an undo of an undo puts the first decision back in force)."""
    w = web(request)
    w.check_csrf(request, csrf)
    d = views.decision(w.store, decision)
    if d is None:
        raise HTTPException(404, f"لا قرار بالرقم {decision}")
    if decision in views.undone(w.store):
        raise HTTPException(409, f"القرار رقم {decision} ملغى من قبل")
    # "of": the cancelled decision as exported (no row id), so an exported undo finds it in another store
    target = {"decision": decision, "kind": d["kind"], "undid": d["target"],
              "of": {k: d.get(k) for k in ("kind", "target", "note", "user", "created")},
              "summary": f"تراجع عن القرار #{decision}"}
    w.decide(request, "undo", target, note)
    return RedirectResponse(_local(back) or "/audit", status_code=303)


def _merge_target(ea, eb) -> dict:
    return {"mentions": sorted(set(ea.mentions) | set(eb.mentions)), "entities": [ea.id, eb.id],
            "names": [ea.name, eb.name]}


def _local(url: str) -> str | None:
    """Only same-site paths may be redirect targets (no open redirect)."""
    return url if url.startswith("/") and not url.startswith("//") and "\\" not in url else None
