"""Publisher and date from messy heads: each form as it stands in SaudiNewsNet articles
(../shared/data/news/saudinewsnet.jsonl.gz; the corpus line is given), with the body around it."""

from __future__ import annotations

import json

from tahqiq.ingest import document_from_html, document_from_record, document_from_text

BODY = ("صرح المتحدث الأمني بوزارة الداخلية بأن الجهات الأمنية المختصة تمكنت خلال الأسابيع القليلة "
        "الماضية من الإطاحة بتنظيم مكون من خلايا عنقودية مرتبط بتنظيم داعش الإرهابي.")


def test_spa_dateline_gives_the_gregorian_date_and_the_agency():  # line 29158 (was)
    doc = document_from_text("عام / الكشافة السعودية تبدأ مشاركتها في المخيم الكشفي الخليجي\n"
                             "الرياض 25 شوال 1436 هـ الموافق 10 أغسطس 2015 م واس\n" + BODY, "x.txt")
    assert doc.published == "2015-08-10" and doc.outlet == "واس"


def test_date_and_outlet_found_past_a_repeated_title_an_ad_and_a_caption():
    title = "القبض على عصابة تخصّصت في سلب العمالة الوافدة بالمدينة"  # line 29374 (3alyoum)
    text = "\n".join([title, "اضغط هنا للاشتراك في النشرة", title,
                      "الممثلة تارا لين خلال مشاركتها في حفل هولو 2015 الفني (أ ف ب)",  # a caption, line 30255
                      "عين اليوم", "نشر في 10 أغسطس 2015", "", BODY])
    doc = document_from_text(text, "x.txt")
    assert (doc.title, doc.outlet, doc.published) == (title, "عين اليوم", "2015-08-10")
    assert doc.text.count(title) == 1  # the repeated headline is cut, the first one stays


def test_a_photo_caption_credit_is_not_the_publisher():  # line 30255 (alriyadh), line 17052
    caption = "الممثلة تارا لين خلال مشاركتها في حفل هولو 2015 الفني في بيفرلي هيلز - كاليفورنيا (أ ف ب)"
    assert document_from_text(caption + "\n" + BODY, "x.txt").outlet is None
    caption2 = "امرأة تتأمل إحدى اللوحات المعروضة بمتحف متروبولتيان\nوالذي حظي ب 6 ملايين زائر العام الماضي (أ ف ب)"
    assert document_from_text(caption2 + "\n" + BODY, "x.txt").outlet is None


def test_the_article_naming_its_own_paper_wins_over_a_caption_credit():  # line 6 (aawsat)
    text = ("صورة أرشيفية لمقاتلين في عدن (رويترز)\n"
            "أفادت مصادر محلية بأن القوات تقدمت في المحافظة، ابتداء من عدن.\n"
            "وكشف ياسين لـ«الشرق الأوسط» عن توجه حكومي جديد لدعم المقاومة في الجنوب.\n"
            "وأكد مصدر قبلي في شبوة لـ«الشرق الأوسط» سيطرة قوات المقاومة على مواقع جديدة.")
    assert document_from_text(text, "x.txt").outlet == "الشرق الأوسط"


def test_attribution_to_a_foreign_paper_or_an_agency_is_not_the_publisher():
    for told in ("وقال المسؤول لصحيفة «واشنطن بوست» إن المفاوضات مستمرة.",  # sn6129-like (alyaum)
                 "وقال المسؤول لـ«رويترز» إن المفاوضات مستمرة.",
                 "وقال المسؤول لوكالة فرانس برس إن المفاوضات مستمرة."):
        assert document_from_text(BODY + "\n" + told, "x.txt").outlet is None, told


def test_byline_underscore_site_line():  # line 25023 (3alyoum): "NAME _ SITE"
    doc = document_from_text("رواف الكويكبي _ عين اليوم\n" + BODY, "x.txt")
    assert doc.outlet == "عين اليوم"
    assert doc.text.startswith("رواف الكويكبي _ عين اليوم")  # read, not cut: its names are text too


def test_dateline_naming_the_paper_and_wire_city_datelines():
    assert document_from_text("لندن: «الشرق الأوسط»\n" + BODY, "x.txt").outlet == "الشرق الأوسط"  # aawsat
    assert document_from_text("واس - الرياض\n" + BODY, "x.txt").outlet == "واس"  # not the city الرياض
    assert document_from_text("الرياض : واس\n" + BODY, "x.txt").outlet == "واس"
    assert document_from_text("سوروج- أ ف ب\n" + BODY, "x.txt").outlet == "فرانس برس"  # alriyadh
    assert document_from_text("أنقرة - وكالات:\n" + BODY, "x.txt").outlet is None  # "agencies" names none


def test_site_name_as_a_title_prefix_or_suffix():
    for line in ("عين اليوم _ القبض على عصابة تخصصت في سلب العمالة الوافدة",
                 "القبض على عصابة تخصصت في سلب العمالة الوافدة | عين اليوم",
                 "القبض على عصابة تخصصت في سلب العمالة الوافدة - صحيفة سبق"):
        doc = document_from_text(line + "\n\n" + BODY, "x.txt")
        assert doc.title == "القبض على عصابة تخصصت في سلب العمالة الوافدة", line
        assert doc.outlet in ("عين اليوم", "صحيفة سبق"), line
    # a title with a dash that names no site keeps its title and invents no outlet
    doc = document_from_text("شهادات منشقين عن داعش - الاشتباكات مع عشيرة الشعيطات\n\n" + BODY, "x.txt")
    assert doc.outlet is None and doc.title.startswith("شهادات منشقين")


def test_jsonl_fields_win_and_html_metadata_is_read():
    rec = {"source": "okaz", "date_extracted": "2015-07-21 10:51:38", "title": "t",
           "content": "الرياض : واس\n" + BODY}
    doc = document_from_record(rec, "x.jsonl")
    assert (doc.outlet, doc.published) == ("okaz", "2015-07-21")
    html = ("<html><head><meta property='og:site_name' content='عكاظ'>"
            "<meta property='article:published_time' content='2015-07-22T08:00:00+03:00'>"
            "<title>عنوان الخبر</title></head><body><article><p>" + BODY + "</p><p>" + BODY +
            "</p></article></body></html>")
    doc = document_from_html(html, "x.html")
    assert (doc.outlet, doc.published) == ("عكاظ", "2015-07-22")
    assert json.dumps(doc.record) == "{}"  # the record (hashes) is the reader's, not the parser's
