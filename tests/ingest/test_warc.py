"""Web captures: each archived page keeps its URL, capture time and payload digest."""

from __future__ import annotations

import hashlib
import io
import zipfile

import pytest

from tahqiq.ingest import read_inputs

warcio = pytest.importorskip("warcio")

PAGE = ("<html><head><meta charset='utf-8'><title>هروب قيادي في داعش</title></head><body><article>"
        "<h1>هروب قيادي في داعش إلى تركيا</h1>"
        "<p>قال مصدر محلي إن حامد النوري الملقب أبو حمزة القرعاني فر من دير الزور إلى تركيا بعد أن دفع "
        "عشرين ألف دولار لمهرب، بحسب ما أفاد ناشطون في المنطقة.</p>"
        "<p>وأضاف المصدر أن عدداً من القادة الأجانب غادروا المدينة خلال الأسبوع الماضي نحو الحدود.</p>"
        "</article></body></html>").encode("utf-8")
URL = "https://example.org/news/2017/08/escape.html"
DATE = "2017-08-21T09:15:00Z"


def _warc(gz: bool = True) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    w = WARCWriter(buf, gzip=gz)
    http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
    w.write_record(w.create_warc_record(URL, "response", payload=io.BytesIO(PAGE), http_headers=http,
                                        warc_headers_dict={"WARC-Date": DATE}))
    img = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
    w.write_record(w.create_warc_record("https://example.org/a.png", "response", payload=io.BytesIO(b"\x89PNG"),
                                        http_headers=img))
    return buf.getvalue()


def _check(doc, archive: str):
    assert doc.url == URL and doc.source == URL
    rec = doc.record
    assert rec["captured"] == DATE and rec["captured_basis"].startswith("web archive record")
    assert rec["raw_sha256"] == hashlib.sha256(PAGE).hexdigest()  # the payload as archived
    assert rec["warc"]["payload_digest"].startswith("sha1:") and rec["warc"]["record_id"].startswith("<urn:uuid:")
    assert rec["warc"]["archive"].startswith(archive)
    assert "حامد النوري" in doc.text


@pytest.mark.parametrize("gz", [True, False])
def test_warc_pages_keep_the_provenance_of_their_capture(tmp_path, gz):
    f = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    f.write_bytes(_warc(gz))
    (doc,) = list(read_inputs([str(f)]))  # the image record is passed over
    _check(doc, str(f))


def test_wacz_is_read_through_its_warc_files(tmp_path):
    f = tmp_path / "capture.wacz"
    with zipfile.ZipFile(f, "w") as z:
        z.writestr("archive/data.warc.gz", _warc(True))
        z.writestr("datapackage.json", "{}")
    (doc,) = list(read_inputs([str(f)]))
    _check(doc, f"{f}#archive/data.warc.gz")


def test_a_broken_archive_is_reported_not_fatal(tmp_path):
    f = tmp_path / "bad.warc.gz"
    f.write_bytes(b"not a warc at all")
    (item,) = list(read_inputs([str(f)]))
    assert isinstance(item, Exception) and "archive" in str(item)
