"""Each export loaded back with its own ecosystem's library."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

import pytest

from tahqiq.errors import TahqiqError
from tahqiq.export.formats import render_format, write_format

SCHEMA = Path(__file__).with_name("geojson.schema.json")


def test_ftm_validates_with_followthemoney(dev_store, dev_export):
    ftm = pytest.importorskip("followthemoney")
    model = ftm.model
    lines = render_format(dev_store, "ftm").decode().splitlines()
    ents = [json.loads(x) for x in lines]
    ids = {e["id"] for e in ents}
    assert len(ids) == len(ents)
    for data in ents:
        schema = model.get(data["schema"])
        assert schema is not None, data["schema"]
        assert set(data["properties"]) <= set(schema.properties), data
        schema.validate(data)  # raises InvalidData on a bad value
        missing = [p for p in schema.required if not data["properties"].get(p)]
        assert not missing, (data["schema"], missing)
        proxy = model.get_proxy(data)  # strict: unknown properties raise
        for prop in proxy.iterprops():  # entity references point at exported entities
            if prop.type.name == "entity":
                assert set(proxy.get(prop)) <= ids, (data["id"], prop.name)
    by_schema = {}
    for e in ents:
        by_schema.setdefault(e["schema"], []).append(e)
    assert {"Person", "Organization", "Address", "Article", "Mention", "Documentation"} <= set(by_schema)
    persons = [e for e in dev_export["entities"] if e["type"] == "PER"]
    assert len(by_schema["Person"]) == len(persons)
    evidence = sum(len(c["evidence"]) for c in dev_export["claims"]
                   if any(p["id"] == c["subject"] for p in dev_export["entities"] if p["type"] in ("PER", "ORG", "LOC")))
    assert len(by_schema["Documentation"]) == evidence
    quotes = {q for e in by_schema["Documentation"] for q in e["properties"]["summary"]}
    assert {ev["quote"] for c in dev_export["claims"] for ev in c["evidence"]} >= quotes


def test_graphml_loads_in_networkx(dev_store, dev_export, tmp_path):
    nx = pytest.importorskip("networkx")
    out = tmp_path / "g.graphml"
    write_format(dev_store, "graphml", str(out))
    g = nx.read_graphml(out)
    assert g.number_of_nodes() == len(dev_export["entities"])
    hamed = next(e for e in dev_export["entities"] if e["name"] == "حامد النوري")
    assert g.nodes[hamed["id"]]["label"] == "حامد النوري" and g.nodes[hamed["id"]]["latin"] == (hamed["latin"] or "")
    claim_edges = [(u, v, d) for u, v, d in g.edges(data=True) if d["kind"] == "claim"]
    expected = {(c["subject"], c["object"]["entity"]) for c in dev_export["claims"]
                if c["object"].get("entity") and c["object"]["entity"] != c["subject"]}
    assert {(u, v) for u, v, _ in claim_edges} == expected
    assert any(d["kind"] == "co_mention" for _, _, d in g.edges(data=True))


def test_geojson_matches_schema(dev_store, dev_export):
    jsonschema = pytest.importorskip("jsonschema")
    data = json.loads(render_format(dev_store, "geojson"))
    jsonschema.validate(data, json.loads(SCHEMA.read_text()))
    kinds = {f["properties"]["kind"] for f in data["features"]}
    assert {"place", "movement"} <= kinds
    located = [e for e in dev_export["entities"] if (e.get("geo") or {}).get("lat") is not None]
    places = [f for f in data["features"] if f["properties"]["kind"] == "place"]
    assert len(places) == len(located)
    for f in places:  # RFC 7946 order: [lon, lat]
        e = next(x for x in located if x["id"] == f["properties"]["entity"])
        assert f["geometry"]["coordinates"] == [e["geo"]["lon"], e["geo"]["lat"]]
    bad = {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {},
                                                      "geometry": {"type": "Point", "coordinates": [1]}}]}
    with pytest.raises(jsonschema.ValidationError):  # the schema does reject broken GeoJSON
        jsonschema.validate(bad, json.loads(SCHEMA.read_text()))


def test_csv_folder_and_zip(dev_store, dev_export, tmp_path):
    write_format(dev_store, "csv", str(tmp_path / "tables"))
    with open(tmp_path / "tables" / "evidence.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == sum(len(c["evidence"]) for c in dev_export["claims"])
    docs = {d["id"]: d["text"] for d in dev_export["documents"]}
    for r in rows:  # every row points at real text
        assert docs[r["doc"]][int(r["start"]):int(r["end"])].find(r["quote"]) >= 0 or r["quote"] in docs[r["doc"]]
    write_format(dev_store, "csv", str(tmp_path / "t.zip"))
    with zipfile.ZipFile(tmp_path / "t.zip") as z:
        assert set(z.namelist()) == {"documents.csv", "entities.csv", "claims.csv", "evidence.csv"}
        ents = list(csv.DictReader(io.StringIO(z.read("entities.csv").decode("utf-8"))))
    assert {e["id"] for e in ents} == {e["id"] for e in dev_export["entities"]}
    with pytest.raises(TahqiqError, match="-o"):
        write_format(dev_store, "csv", None)


def test_unknown_format_is_a_clear_error(dev_store):
    with pytest.raises(TahqiqError, match="unknown export format"):
        render_format(dev_store, "xlsx")


def test_cli_export_and_dossier(dev_store, tmp_path):
    from typer.testing import CliRunner

    from tahqiq.cli import app
    db = dev_store.url
    r = CliRunner().invoke(app, ["export", "-f", "geojson", "--db", db, "-o", str(tmp_path / "x.geojson")])
    assert r.exit_code == 0, r.output
    assert json.loads((tmp_path / "x.geojson").read_text())["type"] == "FeatureCollection"
    r = CliRunner().invoke(app, ["dossier", "Hamed Nouri", "--db", db, "-o", str(tmp_path / "d.html")])
    assert r.exit_code == 0, r.output
    assert "حامد النوري" in (tmp_path / "d.html").read_text(encoding="utf-8")
