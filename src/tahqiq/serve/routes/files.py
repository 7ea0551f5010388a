"""Downloads of the whole graph in each export format."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import Response

from tahqiq.serve.web import web

router = APIRouter()
EXPORTS = {"json": ("application/json", "tahqiq.json"), "csv": ("application/zip", "tahqiq-csv.zip"),
           "ftm": ("application/x-ndjson", "tahqiq.ftm.jsonl"), "graphml": ("application/xml", "tahqiq.graphml"),
           "geojson": ("application/geo+json", "tahqiq.geojson")}


@router.get("/export/{fmt}")
def export(request: Request, fmt: str):
    from tahqiq.export.formats import render_format
    if fmt not in EXPORTS:
        raise HTTPException(404, f"صيغة تصدير غير معروفة: {fmt} (المتاح: {'، '.join(EXPORTS)})")
    mime, name = EXPORTS[fmt]
    return Response(render_format(web(request).store, fmt, log_to=f"web download ({name})"), media_type=mime,
                    headers={"content-disposition": f'attachment; filename="{name}"'})
