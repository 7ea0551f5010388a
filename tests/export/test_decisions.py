"""Review decisions travel: exported from one store, imported into a fresh rebuild of the same articles."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from tahqiq.errors import InputError
from tahqiq.export import export_dict
from tahqiq.export.decisions import decisions_dict, import_decisions, read_decisions
from tahqiq import pipeline
from tahqiq.pipeline import build
from tahqiq.resolve import review
from tahqiq.store import open_store

from tests.conftest import EXAMPLES, stable


def _graph(export: dict) -> dict:
    return {k: stable(export)[k] for k in ("entities", "claims", "decisions")}


@pytest.fixture(scope="module")
def reviewed(tmp_path_factory):
    """A store built from the examples with a split, a merge and a rejected claim."""
    db = tmp_path_factory.mktemp("rev") / "a.db"
    store = open_store(str(db))
    build([str(EXAMPLES)], store, ner="rules")
    people = sorted((e for e in store.entities() if e.type == "PER"), key=lambda e: e.id)
    hamed = next(e for e in people if e.name == "حامد النوري")
    review.decide(store, "split", hamed.id, "أبو حمزة القرعاني", note="two people", user="rev1", relink=pipeline.link)
    a, b = [e for e in sorted(store.entities(), key=lambda e: e.id) if e.type == "PER"][:2]
    review.decide(store, "merge", a.id, b.id, note="same man", user="rev2", relink=pipeline.link)
    claim = store.claims()[0]
    store.add_decision("reject_claim", {"assertions": [ev.assertion for ev in claim.evidence],
                                        "summary": claim.predicate}, "not what the text says", "rev3")
    from tahqiq.pipeline import link
    link(store)
    return store


def test_decisions_survive_a_rebuild_into_a_fresh_store(reviewed, tmp_path):
    want = export_dict(reviewed)
    assert len(want["decisions"]) == 3  # in the tahqiq/1 export too
    fresh = open_store(str(tmp_path / "b.db"))
    build([str(EXAMPLES)], fresh, ner="rules")
    assert _graph(export_dict(fresh)) != _graph(want)  # without the decisions the graph differs
    n = import_decisions(fresh, decisions_dict(reviewed))
    assert n == {"added": 3, "present": 0, "dangling": 0}
    got = export_dict(fresh)
    assert _graph(got) == _graph(want)  # every merge, split and rejection, with reviewer and time
    assert import_decisions(fresh, want) == {"added": 0, "present": 3, "dangling": 0}  # idempotent
    # the rebuilt store logs the imported review on the documents it names
    events = [e for e in fresh.custody() if e["event"] == "reviewed"]
    assert events and all(e["detail"]["imported_from"] == "import" for e in events)


def test_cli_export_import_and_build_with_decisions(reviewed, tmp_path):
    from tahqiq.cli import app

    runner = CliRunner()
    path = tmp_path / "review.json"
    r = runner.invoke(app, ["decisions", "export", "--db", reviewed.url, "-o", str(path)])
    assert r.exit_code == 0, r.output
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == "tahqiq-decisions/1" and [d["kind"] for d in data["decisions"]] == \
        ["split", "merge", "reject_claim"]
    db = str(tmp_path / "c.db")
    r = runner.invoke(app, ["build", str(EXAMPLES), "--db", db, "--ner", "rules", "--decisions", str(path), "-q"])
    assert r.exit_code == 0, r.output
    assert "3 added" in r.output
    assert _graph(export_dict(open_store(db))) == _graph(export_dict(reviewed))
    r = runner.invoke(app, ["decisions", "import", str(path), "--db", db])
    assert r.exit_code == 0 and "0 added, 3 already here" in r.output


def test_a_bad_decisions_file_is_refused(tmp_path):
    for bad in ({"format": "x"}, {"format": "tahqiq-decisions/1", "decisions": [{"kind": 1}]},
                {"format": "tahqiq-decisions/1", "decisions": "no"}):
        with pytest.raises(InputError):
            read_decisions(bad)
    p = tmp_path / "x.json"
    p.write_text("{", encoding="utf-8")
    with pytest.raises(InputError):
        read_decisions(p)
