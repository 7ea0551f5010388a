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
    from typer.testing import CliRunner

    from tahqiq.cli import app

    out = tmp_path / "case.html"
    for query in ("حامد النور", "e:0123456789abcdef"):
        r = CliRunner().invoke(app, ["dossier", query, "--db", dev_store.url, "-o", str(out)])
        assert isinstance(r.exception, NoExactMatch) and not out.exists(), query
        if query == "حامد النور":
            assert HAMED in str(r.exception)
    r = CliRunner().invoke(app, ["entity", "e:0123456789abcdef", "--db", dev_store.url])
    assert isinstance(r.exception, NoExactMatch) and "no entity has the id" in str(r.exception)
    # through the real entry point: an error message and exit code 2, no file
    r = subprocess.run([sys.executable, "-m", "tahqiq", "dossier", "zzzz", "--db", dev_store.url, "-o", str(out)],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 2 and "error" in r.stderr and "no entity is named" in r.stderr and not out.exists()


def test_a_dossier_into_a_missing_folder_is_a_clear_error_and_logs_nothing(dev_store, tmp_path):
    from tahqiq.errors import TahqiqError
    from tahqiq.export.dossier import write_dossier

    before = len(dev_store.custody())
    with pytest.raises(TahqiqError, match="does not exist"):
        write_dossier(dev_store, HAMED, str(tmp_path / "no" / "such" / "case.html"))
    assert len(dev_store.custody()) == before


def test_web_dossier_of_an_unknown_id_or_a_name_is_404(dev_store):
    from tahqiq.serve.app import make_asgi

    c = TestClient(make_asgi(dev_store, user="tester"), follow_redirects=False)
    for path in ("/entity/e:0123456789abcdef/dossier.html", "/entity/zzzz/dossier.html",
                 f"/entity/{HAMED}/dossier.html", "/entity/e:0123456789abcdef"):
        assert c.get(path).status_code == 404, path
    assert c.get(f"/entity/{_hamed(dev_store).id}/dossier.html").status_code == 200


def test_dossier_html_has_full_hashes_sources_appendix_and_versions(dev_store):
    from tahqiq.export.dossier import dossier_html

    html = dossier_html(dev_store, HAMED, log_to="test.html")
    hamed = _hamed(dev_store)
    cited = {ev.doc for c in dev_store.claims() if c.subject == hamed.id for ev in c.evidence}
    records = dev_store.records(cited)
    assert cited and set(records) == cited
    for doc_id in cited:
        doc = dev_store.document(doc_id)
        assert doc.sha256 in html and records[doc_id]["raw_sha256"] in html  # all 64 hex digits
        assert records[doc_id]["captured"] in html and doc.source in html
        assert doc.outlet in html
    assert "file modification time" in html  # the capture time says what it is
    assert "ملحق: سجل الإثبات وسجل الحيازة" in html and "ingested" in html
    assert "format: dossier" in html  # this very export is in the log it prints
    for k in ("pattern_set", "ner_model", "linker", "tahqiq"):
        assert k in html
    assert "counter(pages)" in html and "string-set: running" in html


def test_every_count_in_every_case_file_agrees_with_its_number(dev_store):
    """Issue #22: the case file counted «2 مصدر مستقل» and «6 ذكر في 3 وثيقة»; it counts with the web
    app's table (text/arabic_numbers.py) now, in the HTML, the web download and so the PDF."""
    from tahqiq.export.dossier import dossier_html
    from tahqiq.export.view import Snapshot
    from tahqiq.serve.app import make_asgi
    from tahqiq.text.arabic_numbers import count, disagreements

    for e in dev_store.entities():
        html = dossier_html(dev_store, e.id)
        assert disagreements(html) == [], e.name
    hamed = _hamed(dev_store)
    html = dossier_html(dev_store, hamed.id)
    d = Snapshot(dev_store).dossier(hamed.id)
    assert d is not None and d.claims
    assert f"{count(d.mention_count, 'mention')} في {count(d.doc_count, 'document')}" in html
    assert all(count(c.independent_sources, "source") in html for c in d.claims + d.about)
    records = dev_store.records([doc.id for doc in d.documents])
    assert records and all(f"({count(r['raw_bytes'], 'byte')})" in html for r in records.values())
    web = TestClient(make_asgi(dev_store, user="tester")).get(f"/entity/{hamed.id}/dossier.html")
    assert web.status_code == 200 and disagreements(web.text) == []


def test_dossier_pdf_has_page_n_of_m_and_a_running_header_on_every_page(dev_store, tmp_path):
    import re
    import shutil

    from tahqiq.export.dossier import pdf_renderer, write_dossier

    if pdf_renderer() != "weasyprint" or not shutil.which("pdftotext"):
        pytest.skip("needs WeasyPrint (with Pango) and pdftotext (poppler-utils)")
    out = write_dossier(dev_store, _hamed(dev_store).id, str(tmp_path / "d"))
    assert out.endswith(".pdf")  # PDF by default
    pdf = (tmp_path / "d.pdf").read_bytes()
    assert pdf.startswith(b"%PDF")
    text = subprocess.run(["pdftotext", str(tmp_path / "d.pdf"), "-"], capture_output=True,
                          text=True, check=True).stdout
    pages = [re.sub("[\u202a-\u202e\u2066-\u2069]", "", p) for p in text.split("\f") if p.strip()]
    n = len(pages)
    assert n >= 3
    for k, page in enumerate(pages, 1):
        # the footer "صفحة k من n" (pdftotext may give its parts in visual order)
        footer = next(line for line in page.splitlines() if "صفحة" in line and "من" in line)
        assert sorted(int(x) for x in re.findall(r"\d+", footer)) == sorted((k, n)), footer
        assert "ملف قضية" in page and HAMED in page and "UTC" in page  # subject and date generated
    assert "WeasyPrint" in text
    from tahqiq.text.arabic_numbers import disagreements
    body = "\n".join(line for page in pages for line in page.splitlines() if "صفحة" not in line)
    assert disagreements(body) == [] and ("مصدر مستقل واحد" in body or "مصدران مستقلان" in body)
