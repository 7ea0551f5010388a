"""Related-article lists, comment forms, share and newsletter lines are removed."""

from __future__ import annotations

from tahqiq.ingest.boilerplate import strip_boilerplate

BODY = "أعلنت قوات سوريا الديمقراطية السيطرة على قرية جديدة في ريف دير الزور الشرقي بعد معارك مع التنظيم."


def test_related_list_after_marker_is_removed():
    text = f"{BODY}\n\nإقرأ أيضاً:\n\nالأمم المتحدة: داعش يحاصر 10 آلاف طفل في الرقة\n\nوزير الخارجية يلتقي نظيره التركي"
    clean, removed = strip_boilerplate(text)
    assert clean == BODY
    assert "الأمم المتحدة: داعش يحاصر 10 آلاف طفل في الرقة" in removed


def test_inline_read_link_is_one_line():
    text = f"{BODY}\n\nإقرأ: عملية إنزال ثانية في أسبوع للتحالف الدولي\n\n{BODY}"
    clean, _ = strip_boilerplate(text)
    assert clean == f"{BODY}\n\n{BODY}"


def test_related_heading_and_navigation():
    text = f"{BODY}\n\nمقالات ذات صلة\n\nزر الذهاب إلى الأعلى"
    assert strip_boilerplate(text)[0] == BODY


def test_newsletter_comments_share():
    text = (f"{BODY}\n\nهل أعجبك المحتوى وتريد المزيد منه يصل إلى صندوق بريدك الإلكتروني بشكلٍ دوري؟\n"
            "انضم إلى قائمة من يقدّرون محتوى الموقع واشترك بنشرتنا البريدية.\n\nاترك تعليقاً\n\n"
            "لن يتم نشر عنوان بريدك الإلكتروني. الحقول الإلزامية مشار إليها بـ *\n\nشارك\n\nإعلان")
    assert strip_boilerplate(text)[0] == BODY


def test_prose_mentioning_a_marker_word_stays():
    prose = ("وقال المتحدث إن إعلان الحكومة عن وقف إطلاق النار جاء بعد مفاوضات طويلة "
             "شاركت فيها أطراف إقليمية ودولية عدة خلال الأسابيع الماضية.")
    assert strip_boilerplate(f"{BODY}\n\n{prose}")[0] == f"{BODY}\n\n{prose}"


def test_prose_after_related_list_is_kept():
    long_para = " ".join([BODY] * 3)
    text = f"{BODY}\n\nاقرأ أيضا\nعنوان أول قصير\nعنوان ثان قصير\n\n{long_para}"
    clean, _ = strip_boilerplate(text)
    assert clean.endswith(long_para) and "عنوان أول" not in clean


def test_share_widget_glued_to_the_first_paragraph():
    # an outlet's layout in the unlabelled news: the widget's network names are no entities,
    # the paragraph after it stays; "شارك من خلال" in prose is kept
    clean, removed = strip_boilerplate(f"شارك من خلال تويتر فيسبوك جوجل بلس اكتب رأيك {BODY}")
    assert clean == BODY
    assert removed == ["شارك من خلال تويتر فيسبوك جوجل بلس اكتب رأيك"]
    for prose in ("شارك من خلال برامج تنمية الإبداع وحل المشكلات في المسابقة.",
                  "شارك عبر تويتر أكثر من مليون شخص في الحملة."):
        assert strip_boilerplate(prose)[0] == prose
