"""Standard exports for other tools: CSV tables, FollowTheMoney, GraphML (Gephi), GeoJSON.

Each format is a function ``store -> bytes`` (``render_format``); ``write_format``
puts it on disk or stdout. They all derive from the ``tahqiq/1`` export dict, so
the formats agree with each other and with the contract.
"""

from __future__ import annotations

import csv
import errno
import hashlib
import io
import json
import os
import sys
import tempfile
import zipfile
from collections import defaultdict
from pathlib import Path
from typing import Any

from tahqiq.errors import TahqiqError
from tahqiq.export.jsonfmt import export_dict
from tahqiq.vocabulary import MOVEMENT, object_text
from tahqiq.store import Store

FORMATS = ("csv", "ftm", "graphml", "geojson")


def render_format(store: Store, fmt: str, log_to: str | None = None) -> bytes:
    """``fmt`` as bytes; ``log_to`` (where it goes) logs an "exported" custody event per document."""
    data = export_dict(store, log_to=f"{fmt}: {log_to}" if log_to and fmt != "json" else log_to)
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")
    if fmt == "csv":
        return _zip(csv_tables(data))
    if fmt == "ftm":
        return "".join(json.dumps(e, ensure_ascii=False, sort_keys=True) + "\n" for e in ftm_entities(data)).encode()
    if fmt == "graphml":
        return graphml_bytes(data)
    if fmt == "geojson":
        return json.dumps(geojson(data), ensure_ascii=False, indent=1).encode("utf-8")
    raise TahqiqError(f"unknown export format {fmt!r}: use json, {', '.join(FORMATS)}")


def write_format(store: Store, fmt: str, output: str | None) -> None:
    """Write ``fmt`` to ``output`` (stdout when None). CSV goes to a folder, or a zip if it ends in .zip."""
    if fmt == "csv":
        if not output:
            raise TahqiqError("csv writes several tables: give -o FOLDER or -o FILE.zip")
        tables = csv_tables(export_dict(store, log_to=f"csv: {output}"))
        if output.lower().endswith(".zip"):
            atomic_write(output, _zip(tables))
        else:
            folder = Path(output)
            folder.mkdir(parents=True, exist_ok=True)
            for name, text in tables.items():
                atomic_write(folder / name, text.encode("utf-8"))
        return
    payload = render_format(store, fmt, log_to=output or "stdout")
    if output:
        atomic_write(output, payload)
    else:
        sys.stdout.buffer.write(payload)
        sys.stdout.flush()


def atomic_write(path: str | os.PathLike, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it over ``path``: a
    reader, a crash or a full disk sees the old file or the whole new one, never a truncated
    export. The temporary file is removed when the write fails."""
    path = os.fspath(path)
    folder = os.path.dirname(os.path.abspath(path))
    if os.path.isdir(path):
        raise OSError(errno.EISDIR, "is a folder", path)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{os.path.basename(path)}.", suffix=".tmp", dir=folder)
    except OSError as e:
        e.filename = path  # name the target, not the temporary file
        raise
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException as e:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(e, OSError):
            e.filename = path
        raise


# ---- CSV ----------------------------------------------------------------------------------
def csv_tables(data: dict[str, Any]) -> dict[str, str]:
    """documents.csv, entities.csv, claims.csv (one row per claim) and evidence.csv (one per quote)."""
    names = {e["id"]: e["name"] for e in data["entities"]}
    docs = {d["id"]: d for d in data["documents"]}
    out = {
        "documents.csv": _csv(["id", "outlet", "published", "title", "byline", "source", "url", "sha256"],
                              ([d.get(k) for k in ("id", "outlet", "published", "title", "byline", "source",
                                                   "url", "sha256")] for d in data["documents"])),
        "entities.csv": _csv(["id", "type", "name", "latin", "names", "aliases", "mentions", "documents", "lat",
                              "lon", "geo_ref"],
                             ([e["id"], e["type"], e["name"], e.get("latin"), " | ".join(e["names"]),
                               " | ".join(e["aliases"]), len(e["mentions"]),
                               len({m["doc"] for m in e["mentions"]}), (e.get("geo") or {}).get("lat"),
                               (e.get("geo") or {}).get("lon"), (e.get("geo") or {}).get("ref")]
                              for e in data["entities"])),
        "claims.csv": _csv(["id", "subject", "subject_name", "predicate", "object_entity", "object",
                            "qualifiers", "independent_sources", "status", "evidence_count"],
                           ([c["id"], c["subject"], names.get(c["subject"]), c["predicate"],
                             c["object"].get("entity"), _obj_text(c["object"], names),
                             json.dumps(c["qualifiers"], ensure_ascii=False) if c["qualifiers"] else "",
                             c["independent_sources"], c["status"], len(c["evidence"])] for c in data["claims"])),
        "evidence.csv": _csv(["claim", "subject_name", "predicate", "object", "status", "independent_sources",
                              "doc", "outlet", "published", "start", "end", "quote", "attributed_to", "hedged"],
                             ([c["id"], names.get(c["subject"]), c["predicate"], _obj_text(c["object"], names),
                               c["status"], c["independent_sources"], ev["doc"], docs.get(ev["doc"], {}).get("outlet"),
                               docs.get(ev["doc"], {}).get("published"), ev["start"], ev["end"], ev["quote"],
                               " | ".join(a.get("text", "") for a in ev.get("attributed_to") or []),
                               bool(ev.get("hedged"))] for c in data["claims"] for ev in c["evidence"])),
    }
    return out


def _csv(header: list[str], rows) -> str:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(header)
    for r in rows:
        w.writerow(["" if v is None else v for v in r])
    return buf.getvalue()


def _zip(tables: dict[str, str]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in tables.items():
            z.writestr(name, text.encode("utf-8"))
    return buf.getvalue()


def _obj_text(obj: dict[str, Any], names: dict[str, str]) -> str:
    return object_text(obj, lambda e: names.get(e, e))


# ---- FollowTheMoney -----------------------------------------------------------------------
FTM_SCHEMA = {"PER": "Person", "ORG": "Organization", "LOC": "Address"}
FTM_PREFIX = "tahqiq-"


def _ftm_id(i: str) -> str:
    return FTM_PREFIX + i.replace(":", "-")


def ftm_entities(data: dict[str, Any]) -> list[dict[str, Any]]:
    """FollowTheMoney entities: Person/Organization/Address, Article documents, Mention and
    Documentation links. Every claim's evidence becomes a Documentation whose summary is the quote."""
    out: list[dict[str, Any]] = []
    names = {e["id"]: e["name"] for e in data["entities"]}
    nats = defaultdict(list)
    for c in data["claims"]:
        if c["predicate"] == "nationality":
            nats[c["subject"]].append(_obj_text(c["object"], names))
    for d in data["documents"]:
        props: dict[str, list[str]] = {"title": [d["title"]] if d.get("title") else [], "publisher": [d["outlet"]] if d.get("outlet") else [],
                 "publishedAt": [d["published"]] if d.get("published") else [], "bodyText": [d["text"]],
                 "language": ["ara"],
                 # FtM checksums are SHA-1; ours (sha256 of the cleaned text) goes in the notes
                 "contentHash": [hashlib.sha1(d["text"].encode("utf-8")).hexdigest()],
                 "notes": [f"tahqiq {d['id']} sha256 {d['sha256']} (offsets refer to bodyText)"],
                 "sourceUrl": [d["url"]] if d.get("url") else [], "fileName": [d["source"]]}
        out.append({"id": _ftm_id(d["id"]), "schema": "Article", "properties": _nonempty(props)})
    for e in data["entities"]:
        schema = FTM_SCHEMA.get(e["type"])
        if schema is None:
            continue
        props = {"name": [e["name"]]}
        others = [n for n in e["names"] if n != e["name"]]
        if schema == "Address":
            props["full"] = [e["name"]]
            geo = e.get("geo") or {}
            if geo.get("lat") is not None:
                props["latitude"], props["longitude"] = [str(geo["lat"])], [str(geo["lon"])]
        else:
            props["alias"] = others + ([e["latin"]] if e.get("latin") else [])
            props["weakAlias"] = list(e["aliases"])
        if schema == "Person" and nats.get(e["id"]):
            props["notes"] = [f"nationality (as reported): {n}" for n in nats[e["id"]]]
        out.append({"id": _ftm_id(e["id"]), "schema": schema, "properties": _nonempty(props)})
        for doc in sorted({m["doc"] for m in e["mentions"]}):
            texts = sorted({m["text"] for m in e["mentions"] if m["doc"] == doc})
            out.append({"id": _ftm_id(f"mention:{e['id']}:{doc}"), "schema": "Mention", "properties": {
                "document": [_ftm_id(doc)], "resolved": [_ftm_id(e["id"])], "name": texts,
                "detectedSchema": [schema]}})
    kept = {x["id"] for x in out}
    for c in data["claims"]:
        if _ftm_id(c["subject"]) not in kept:
            continue
        for i, ev in enumerate(c["evidence"]):
            obj = _obj_text(c["object"], names)
            src = " | ".join(a.get("text", "") for a in ev.get("attributed_to") or [])
            out.append({"id": _ftm_id(f"{c['id']}:{i}"), "schema": "Documentation", "properties": _nonempty({
                "entity": [_ftm_id(c["subject"])], "document": [_ftm_id(ev["doc"])],
                "role": [f"{c['predicate']}: {obj}"], "summary": [ev["quote"]],
                "status": [c["status"]],
                "description": [f"independent sources: {c['independent_sources']}; offsets {ev['start']}-{ev['end']}"
                                + (f"; according to {src}" if src else "")],
                "date": [c["qualifiers"]["date"]] if isinstance(c["qualifiers"].get("date"), str) else []})})
    return out


def _nonempty(props: dict[str, list]) -> dict[str, list]:
    return {k: [str(x) for x in v if x not in (None, "")] for k, v in props.items() if any(x not in (None, "") for x in v)}


# ---- GraphML (Gephi) ------------------------------------------------------------------------
def graph(data: dict[str, Any]):
    """A networkx DiGraph: entities as nodes; claims between entities and same-document co-mentions as edges."""
    import networkx as nx

    g = nx.DiGraph(name="tahqiq")
    for e in data["entities"]:
        geo = e.get("geo") or {}
        g.add_node(e["id"], label=e["name"], latin=e.get("latin") or "", type=e["type"],
                   mentions=len(e["mentions"]), aliases=" | ".join(e["aliases"]),
                   **({"lat": float(geo["lat"]), "lon": float(geo["lon"])} if geo.get("lat") is not None else {}))
    for c in data["claims"]:
        o = c["object"].get("entity")
        if not o or o == c["subject"] or o not in g or c["subject"] not in g:
            continue
        if g.has_edge(c["subject"], o) and g.edges[c["subject"], o]["kind"] == "claim":
            ed = g.edges[c["subject"], o]
            ed["label"] += f" | {c['predicate']}"
            ed["weight"] += c["independent_sources"]
            continue
        g.add_edge(c["subject"], o, kind="claim", label=c["predicate"], status=c["status"],
                   weight=c["independent_sources"], claim=c["id"])
    by_doc: dict[str, set[str]] = defaultdict(set)
    for e in data["entities"]:
        if e["type"] in ("PER", "ORG"):
            for m in e["mentions"]:
                by_doc[m["doc"]].add(e["id"])
    co: dict[tuple[str, str], int] = defaultdict(int)
    for ids in by_doc.values():
        s = sorted(ids)
        for i, a in enumerate(s):
            for b in s[i + 1:]:
                co[(a, b)] += 1
    for (a, b), w in co.items():
        if not g.has_edge(a, b) and not g.has_edge(b, a):
            g.add_edge(a, b, kind="co_mention", label="co-mentioned", status="", weight=w, claim="")
    return g


def graphml_bytes(data: dict[str, Any]) -> bytes:
    import networkx as nx
    buf = io.BytesIO()
    nx.write_graphml(graph(data), buf, encoding="utf-8")
    return buf.getvalue()


# ---- GeoJSON ------------------------------------------------------------------------------
def geojson(data: dict[str, Any]) -> dict[str, Any]:
    """Places as Points; each located movement claim as a Point; each person's route as a LineString
    (RFC 7946: coordinates are [lon, lat])."""
    ents = {e["id"]: e for e in data["entities"]}
    docs = {d["id"]: d for d in data["documents"]}
    features: list[dict[str, Any]] = []
    for e in data["entities"]:
        geo = e.get("geo") or {}
        if e["type"] == "LOC" and geo.get("lat") is not None:
            features.append({"type": "Feature", "id": e["id"], "geometry": _pt(geo),
                             "properties": {"kind": "place", "entity": e["id"], "name": e["name"],
                                            "ref": geo.get("ref"), "mentions": len(e["mentions"])}})
    routes: dict[str, list[tuple[str, int, dict]]] = defaultdict(list)
    for c in data["claims"]:
        place = ents.get(c["object"].get("entity", ""))
        if c["predicate"] not in MOVEMENT or not place or (place.get("geo") or {}).get("lat") is None:
            continue
        date = c["qualifiers"].get("date") if isinstance(c["qualifiers"].get("date"), str) else None
        date = date or min((docs[ev["doc"]].get("published") or "" for ev in c["evidence"] if ev["doc"] in docs),
                           default="") or None
        subj = ents.get(c["subject"], {})
        features.append({"type": "Feature", "id": c["id"], "geometry": _pt(place["geo"]), "properties": {
            "kind": "movement", "claim": c["id"], "person": c["subject"], "person_name": subj.get("name"),
            "person_latin": subj.get("latin"), "predicate": c["predicate"], "place": place["id"],
            "place_name": place["name"], "date": date, "status": c["status"],
            "independent_sources": c["independent_sources"], "quotes": [ev["quote"] for ev in c["evidence"]]}})
        routes[c["subject"]].append((date or "9999", MOVEMENT.index(c["predicate"]), place["geo"]))
    for person, steps in sorted(routes.items()):
        coords = [_pt(g)["coordinates"] for _, _, g in sorted(steps, key=lambda s: (s[0], s[1]))]
        coords = [c for i, c in enumerate(coords) if i == 0 or c != coords[i - 1]]
        if len(coords) >= 2:
            features.append({"type": "Feature", "id": f"route:{person}",
                             "geometry": {"type": "LineString", "coordinates": coords},
                             "properties": {"kind": "route", "person": person,
                                            "person_name": ents.get(person, {}).get("name")}})
    return {"type": "FeatureCollection", "features": features}


def _pt(geo: dict[str, Any]) -> dict[str, Any]:
    return {"type": "Point", "coordinates": [float(geo["lon"]), float(geo["lat"])]}
