"""The case file names exactly one entity, or none: a typo never produces another entity's file."""

from __future__ import annotations

import subprocess
import sys

import pytest
from fastapi.testclient import TestClient

from tahqiq.query import NoExactMatch, exact_entities, exact_entity

HAMED = "حامد النوري"


def _hamed(store):
    return next(e for e in store.entities() if e.name == HAMED)


def test_exact_match_by_id_name_form_and_latin(dev_store):
    hamed = _hamed(dev_store)
    for q in (hamed.id, hamed.id[2:], HAMED, "حامد النورى", " حامِد النوري ", "أبو حمزة القرعاني", hamed.latin):
        assert exact_entity(dev_store, q).id == hamed.id, q


@pytest.mark.parametrize("query", ["حامد النور", "النوري", "zzzz", "Hamid"])
def test_a_near_name_is_refused_with_candidates(dev_store, query):
    with pytest.raises(NoExactMatch) as info:
        exact_entity(dev_store, query)
    assert "no entity is named" in str(info.value)
    if query != "zzzz":  # the closest names are listed, the person first
        assert info.value.candidates and info.value.candidates[0].name == HAMED
        assert HAMED in str(info.value)


def test_an_unknown_id_is_an_error_not_a_search(dev_store):
    with pytest.raises(NoExactMatch, match="no entity has the id"):
        exact_entity(dev_store, "e:0123456789abcdef")
    with pytest.raises(NoExactMatch):
        exact_entities(dev_store, "e:0")


def test_cli_dossier_for_a_misspelt_name_or_unknown_id_writes_nothing(dev_store, tmp_path):
    for query in ("zzzz", "حامد النور", "e:0123456789abcdef"):
        out = tmp_path / "case.html"
        r = subprocess.run([sys.executable, "-m", "tahqiq", "dossier", query, "--db", dev_store.url,
                            "-o", str(out)], capture_output=True, text=True, timeout=120)
        assert r.returncode != 0, query
        assert not out.exists(), query
        assert "error" in r.stderr and ("closest" in r.stderr or "no entity" in r.stderr)
        if query == "حامد النور":
            assert HAMED in r.stderr
    r = subprocess.run([sys.executable, "-m", "tahqiq", "entity", "e:0123456789abcdef", "--db", dev_store.url],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode != 0 and "no entity has the id" in r.stderr


def test_web_dossier_of_an_unknown_id_or_a_name_is_404(dev_store):
    from tahqiq.serve.app import make_asgi

    c = TestClient(make_asgi(dev_store, user="tester"), follow_redirects=False)
    for path in ("/entity/e:0123456789abcdef/dossier.html", "/entity/zzzz/dossier.html",
                 f"/entity/{HAMED}/dossier.html", "/entity/e:0123456789abcdef"):
        assert c.get(path).status_code == 404, path
    assert c.get(f"/entity/{_hamed(dev_store).id}/dossier.html").status_code == 200
