"""Each input format and encoding, with real Arabic snippets; a bad-input batch."""

from __future__ import annotations

import gzip
import json

import pytest

from tahqiq.errors import InputError
from tahqiq.ingest import read_inputs
from tahqiq.ingest.encoding import decode

ARTICLE = (
    "قوات الأمن تعتقل قيادياً في تنظيم داعش\n\n"
    "أخبار الآن | دبي – الإمارات (بلال الفارس)\n\n"
    "أفادت مصادر محلية أن قوات الأمن اعتقلت المدعو محمد الأحمد في مدينة أعزاز بريف حلب الشمالي، "
    "بعد فراره من دير الزور منتصف الشهر الماضي.\n\n"
    "وقالت المصادر إن المعتقل كان يشغل منصب أمير في التنظيم.\n"
)


def _one(items):
    items = list(items)
    assert len(items) == 1, items
    assert not isinstance(items[0], InputError), items[0]
    return items[0]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1256", "iso8859_6"])
def test_encodings_decode_to_the_same_text(tmp_path, encoding):
    text = ARTICLE
    if encoding == "iso8859_6":  # ISO-8859-6 has no en dash or Arabic-only letters beyond the basic set
        text = text.replace("–", "-")
    data = text.encode(encoding)
    if encoding in ("utf-16-le", "utf-16-be"):
        assert not data.startswith((b"\xff\xfe", b"\xfe\xff"))
    f = tmp_path / "a.txt"
    f.write_bytes(data)
    doc = _one(read_inputs([str(f)]))
    assert "محمد الأحمد" in doc.text
    assert doc.outlet == "أخبار الآن"
    assert doc.byline == "بلال الفارس"


def test_windows_1256_is_not_mistaken_for_iso_8859_6():
    text = "قالت مصادر محلية إن عناصر من التنظيم فرّوا إلى تركيا بعد دفع مبالغ كبيرة."
    assert decode(text.encode("cp1256"), "x.txt") == text
    assert decode(text.replace("ّ", "").encode("iso8859_6"), "y.txt") == text.replace("ّ", "")


def test_html_main_text_via_trafilatura(tmp_path):
    body = "".join(f"<p>{p}</p>" for p in ARTICLE.split("\n\n")[2:])
    html = (
        "<!DOCTYPE html><html lang='ar' dir='rtl'><head><meta charset='utf-8'>"
        "<title>اعتقال قيادي في داعش</title><meta property='og:site_name' content='عنب بلدي'></head>"
        "<body><nav><a href='/'>الرئيسية</a> <a href='/news'>أخبار</a></nav>"
        f"<article><h1>اعتقال قيادي في داعش</h1>{body}</article>"
        "<aside><h3>اقرأ أيضاً</h3><ul><li><a href='/x'>سامر العبد الله يلتقي وفداً</a></li></ul></aside>"
        "<footer>جميع الحقوق محفوظة</footer></body></html>"
    )
    f = tmp_path / "page.html"
    f.write_text(html, encoding="utf-8")
    doc = _one(read_inputs([str(f)]))
    assert "محمد الأحمد" in doc.text
    assert "سامر العبد الله" not in doc.text
    assert "الرئيسية" not in doc.text
    assert doc.outlet == "عنب بلدي"


def test_jsonl_fields_and_gzip(tmp_path):
    recs = [
        {"content": ARTICLE, "title": "عنوان", "url": "https://example.org/1", "source": "سبق", "date_extracted": "2015-07-21 10:00:00", "author": "فهد"},
        {"body": "نص آخر عن اجتماع وزراء الخارجية العرب في القاهرة لبحث الأزمة.", "outlet": "الشرق", "published": "3 يناير 2016"},
    ]
    f = tmp_path / "a.jsonl.gz"
    with gzip.open(f, "wt", encoding="utf-8") as fh:
        for r in recs:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    docs = list(read_inputs([str(f)]))
    assert [type(d).__name__ for d in docs] == ["Document", "Document"]
    assert docs[0].outlet == "سبق" and docs[0].published == "2015-07-21" and docs[0].title == "عنوان"
    assert docs[0].source == "https://example.org/1" and docs[0].byline == "فهد"
    assert docs[1].outlet == "الشرق" and docs[1].published == "2016-01-03"


def test_folder_is_recursive_and_stdin(tmp_path, monkeypatch):
    import io
    import sys

    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "c.txt").write_text(ARTICLE.replace("محمد", "خالد"), encoding="utf-8")
    docs = list(read_inputs([str(tmp_path)]))
    assert len(docs) == 2 and all(not isinstance(d, InputError) for d in docs)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(ARTICLE.encode("utf-8"))))
    doc = _one(read_inputs(["-"]))
    assert doc.source == "<stdin>"


def test_bad_input_batch_reports_and_goes_on(tmp_path):
    (tmp_path / "a_binary.txt").write_bytes(bytes(range(256)) * 20)
    (tmp_path / "b_empty.txt").write_bytes(b"")
    (tmp_path / "c_broken.jsonl").write_text(
        json.dumps({"text": ARTICLE}, ensure_ascii=False) + "\n{\"text\": \"truncated\n", encoding="utf-8")
    (tmp_path / "d_good.txt").write_text(ARTICLE, encoding="utf-8")
    items = list(read_inputs([str(tmp_path)]))
    errors = [i for i in items if isinstance(i, InputError)]
    docs = [i for i in items if not isinstance(i, InputError)]
    assert len(docs) == 2  # the good file and the good JSONL line
    msgs = {str(e) for e in errors}
    assert any("a_binary.txt" in m and "binary" in m for m in msgs)
    assert any("b_empty.txt" in m and "empty" in m for m in msgs)
    assert any("c_broken.jsonl:2" in m and "invalid JSON" in m for m in msgs)


def test_missing_path_is_reported():
    items = list(read_inputs(["/nonexistent/article.txt"]))
    assert isinstance(items[0], InputError) and "no such file" in str(items[0])
