"""The web app's reads (store/views.py) on SQLite and PostgreSQL: paging, search over names in any
script and over article text with highlighted snippets, per-page reads that agree with the whole-store
view, Arabic counts, and error pages."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tahqiq.export.view import Snapshot
from tahqiq.serve.arabic import category, count
from tahqiq.serve.app import make_asgi
from tahqiq.store import views
from tests.conftest import EXAMPLES

HAMED = "حامد النوري"


@pytest.fixture
def built(store_url):
    from tahqiq.pipeline import build
    from tahqiq.store import open_store

    st = open_store(store_url)
    build([str(EXAMPLES)], st)
    yield st
    st.close()


def test_name_search_any_script_spacing_punctuation_and_latin_likeness(built):
    hamed = next(e for e in built.entities() if e.name == HAMED)
    for q in (HAMED, "  حامد   النوري ", "حامد، النوري!", "«حامد النورى»", "النور", "أبو حمزة القرعاني",
              hamed.latin, hamed.latin.upper(), "Hamed al-Nuri", "Hamid"):
        ids = [e.id for e in views.search_entities(built, q).items]
        assert hamed.id in ids, q
    for q in ("xqzvbn", "qwerty", "asdf ghjk", "lorem ipsum", "zzz", "Trump"):
        assert views.search_entities(built, q).total == 0, q


def test_text_search_pages_and_marks_every_query_word(built):
    everything = views.search_documents(built, "دير الزور", per=100)
    assert everything.total >= 2 and len(everything.items) == everything.total
    for hit in everything.items:
        marked = [t for t, m in hit.pieces if m]
        assert marked and {t.replace("ـ", "") for t in marked} <= {"دير", "الزور"}, marked
        assert "".join(t for t, _ in hit.pieces).strip("…")  # the snippet is original text
    one = [views.search_documents(built, "دير   الزور،", page=p, per=1) for p in range(1, everything.total + 1)]
    assert [p.items[0].doc.id for p in one] == [h.doc.id for h in everything.items]  # same order, paged
    assert all(p.total == everything.total for p in one) and not one[-1].has_next
    assert views.search_documents(built, "xqzvbn").total == 0
    assert views.search_documents(built, "' OR 1=1 --").total == 0


def test_lists_are_paged_with_totals(built):
    docs = views.documents(built, per=2)
    n = built.counts()["documents"]
    assert docs.total == n and len(docs.items) == min(2, n) and docs.pages == -(-n // 2)
    assert not hasattr(docs.items[0], "text")  # a list never carries article text
    people = views.people(built, per=3)
    counts = [p.mentions for p in people.items]
    assert counts == sorted(counts, reverse=True) and people.total == sum(e.type == "PER" for e in built.entities())
    page2 = views.people(built, page=2, per=3)
    assert not {p.id for p in page2.items} & {p.id for p in people.items}
    assert views.page_number("x") == 1 and views.page_number("-3") == 1 and views.page_number("2") == 2


def test_per_page_reads_agree_with_the_whole_store_view(built):
    from tahqiq.serve.routes.entity import entity_snapshot

    whole = Snapshot(built)
    for e in whole.entities.values():
        full, part = whole.dossier(e.id), entity_snapshot(built, e.id).dossier(e.id)
        assert [(k, [c.id for c in cs]) for k, _, cs in full.sections] == \
               [(k, [c.id for c in cs]) for k, _, cs in part.sections], e.id
        assert [c.id for c in full.about] == [c.id for c in part.about]
        assert [m.__dict__ for m in full.movements] == [m.__dict__ for m in part.movements]
        assert (full.mention_count, full.doc_count) == (part.mention_count, part.doc_count)
    for d in built.documents():
        g = views.document_graph(built, d.id)
        part = Snapshot.preloaded(built, mentions=g["mentions"], links=g["links"], claims=g["claims"],
                                  reuse=g["reuse"], doc_meta={d.id: g["doc"], **g["others"]})
        assert part.segments(g["doc"]) == whole.segments(d)
        assert [(c["doc"].id, c["passages"]) for c in part.copies_of(d.id)] == \
               [(c["doc"].id, c["passages"]) for c in whole.copies_of(d.id)]


def test_arabic_counts_agree_with_their_number():
    assert [category(n) for n in (0, 1, 2, 3, 10, 11, 99, 100, 101, 102, 103, 111, 1000)] == \
        ["zero", "one", "two", "few", "few", "many", "many", "other", "other", "other", "few", "many", "other"]
    assert count(0, "document") == "لا وثائق"
    assert count(1, "document") == "وثيقة واحدة"
    assert count(2, "document") == "وثيقتان"
    assert count(3, "document") == "3 وثائق" and count(10, "document") == "10 وثائق"
    assert count(11, "document") == "11 وثيقة" and count(250, "entity") == "250 كيانًا"
    assert count(1203, "claim") == "1,203 ادعاءات"
    assert count(100, "entity") == "100 كيان" and count(1000, "claim") == "1,000 ادعاء"  # genitive after 100s
    assert count(2000, "source") == "2,000 مصدر مستقل" and count(111, "entity") == "111 كيانًا"


def test_reasons_and_outlets_read_in_arabic():
    from tahqiq.serve.arabic import outlet, reason

    assert reason("family names one letter apart; shared: with جون كيري, member_of:الاتحاد, role:رئيس") == \
        "اسما العائلة يختلفان بحرف واحد؛ المشترك بينهما: ذُكرا مع جون كيري، عضو في الاتحاد، منصب رئيس"
    assert reason("same kunya ابو شقير only; shared: with حامد") == "الكنية نفسها (ابو شقير) فقط؛ المشترك بينهما: ذُكرا مع حامد"
    assert reason("partial name that fits several people") == "جزء اسم يناسب عدة أشخاص"
    assert reason("age: 20 ≠ 40") == "العمر: 20 ≠ 40"
    assert reason("origin: حلب ≠ دمشق (310 km apart)") == "المنشأ: حلب ≠ دمشق (بينهما 310 كم)"
    assert reason("whereabouts at 2017-06: fled_to تركيا vs arrived_in الأردن (different countries)") == \
        "المكان في 2017-06: فرّ إلى تركيا، مقابل وصل إلى الأردن (بلدان مختلفان)"
    assert reason("something new") == "something new" and reason(None) == ""
    assert outlet("aawsat") == "الشرق الأوسط" and outlet("أخبار الآن") == "أخبار الآن" and outlet(None) == ""


def test_error_pages_are_arabic_pages_in_the_app_style(built, monkeypatch):
    c = TestClient(make_asgi(built, user="t", background=False), follow_redirects=False,
                   raise_server_exceptions=False)
    r = c.get("/entity/e:nope")
    assert r.status_code == 404 and r.headers["content-type"].startswith("text/html")
    assert 'dir="rtl"' in r.text and "الصفحة غير موجودة" in r.text and "لا كيان" in r.text
    r = c.get("/no/such/page")
    assert r.status_code == 404 and "لا صفحة بهذا العنوان" in r.text and "Not Found" not in r.text
    r = c.post("/review/merge", data={})
    assert r.status_code in (403, 422) and 'dir="rtl"' in r.text and "{" not in r.text.split("<main>")[1][:200]
    assert c.get("/api/entity/e:nope/movements").json()["error"]  # the JSON API answers JSON
    monkeypatch.setattr(views, "counts", lambda store: 1 / 0)
    r = c.get("/")
    assert r.status_code == 500 and "خطأ داخلي" in r.text and 'class="top"' in r.text
    assert "ZeroDivisionError" not in r.text and "Traceback" not in r.text


def test_pager_links_keep_the_other_parameters(built, monkeypatch):
    docs, search_docs = views.documents, views.search_documents
    monkeypatch.setattr(views, "documents", lambda st, page: docs(st, page, per=1))
    monkeypatch.setattr(views, "search_documents", lambda st, q, page: search_docs(st, q, page, per=1))
    c = TestClient(make_asgi(built, user="t", background=False), follow_redirects=False)
    html = c.get("/", params={"dpage": "2", "page": "1"}).text
    assert 'rel="prev" href="/?page=1&amp;dpage=1"' in html and 'rel="next" href="/?page=1&amp;dpage=3"' in html
    html = c.get("/", params={"q": "دير الزور"}).text
    assert 'rel="next" href="/?q=%D8%AF%D9%8A%D8%B1+%D8%A7%D9%84%D8%B2%D9%88%D8%B1&amp;dpage=2"' in html
    assert "الصفحة <span dir=\"ltr\">1</span> من" in html
