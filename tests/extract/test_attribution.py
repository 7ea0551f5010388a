"""Attribution: who the report credits each sentence to, and who speaks."""

from tahqiq.extract.attribution import attribute
from tahqiq.extract.mentions import find_mentions
from tahqiq.text.segment import sentences


def _attr(text):
    ms = find_mentions("d", text)
    return attribute(text, sentences(text), ms), ms


def test_anonymous_local_sources():
    a, _ = _attr("وقالت مصادر محلية إن القيادي فر إلى تركيا.")
    assert a.per_sentence[0] == [{"text": "مصادر محلية", "named": False}]


def test_source_before_verb():
    a, _ = _attr("المصادر أوضحت أن مجموعة من القياديين فرّوا إلى مدينة أعزاز.")
    assert [x["text"] for x in a.per_sentence[0]] == ["المصادر"]
    assert a.per_sentence[0][0]["named"] is False


def test_named_network_is_a_mention():
    text = "وبحسب شبكة فرات بوست المحلية، فإن المدعو \"ماجد سليمان العيد\" وصل إلى مدينة (شانلي أورفا) جنوب تركيا."
    a, ms = _attr(text)
    src = a.per_sentence[0][0]
    assert src["named"] is True and src["text"] == "شبكة فرات بوست"
    assert src["entity"] in {m.id for m in ms}


def test_person_source_and_surname_continuation():
    text = ("وحول هذا الموضوع قال أحمد العلي (ناشط من دير الزور) لموقع الحل، إن حالات الهروب لم تقتصر على العناصر.\n\n"
            "أضاف العلي، إن المنشقين ينقسمون إلى قسمين.")
    a, ms = _attr(text)
    ali = next(m for m in ms if m.text == "أحمد العلي")
    assert a.speakers == {ali.id}
    assert a.per_sentence[0][0]["entity"] == ali.id
    assert a.per_sentence[1][0]["entity"] == ali.id  # "العلي" refers back to the named speaker


def test_closing_backreference_covers_the_sentence():
    text = ("تمكن بعض القياديين من الوصول إلى ألمانيا ومن هؤلاء (فراس سفوك) والذي اعتقلته الشرطة الألمانية، "
            "وهذا ما قاله عزالدين الأحمد (ناشط من دير الزور مقيم في تركيا).\n\n"
            "وتابع الأحمد، إن شخصيات بارزة تمكنت من الفرار، على حد قوله.")
    a, ms = _attr(text)
    ahmad = next(m for m in ms if m.text == "عزالدين الأحمد")
    assert ahmad.id in a.speakers
    assert [x.get("entity") for x in a.per_sentence[0]] == [ahmad.id]
    assert [x.get("entity") for x in a.per_sentence[1]] == [ahmad.id]


def test_open_quotation_carries_across_paragraphs():
    text = ("وقالت المصادر إن “من بين الفارين قياديين عسكريين.\n\n"
            "ومن بين الفارين أيضاً قياديين معروفين”.\n\n"
            "ويرى مراقبون أن التنظيم يشهد أيامه الأخيرة.")
    a, _ = _attr(text)
    assert [x["text"] for x in a.per_sentence[1]] == ["المصادر"]
    assert [x["text"] for x in a.per_sentence[2]] == ["مراقبون"]


def test_outlet_voice_has_no_attribution():
    a, _ = _attr("تشهد المستويات القيادية في تنظيم داعش إنهيارا غير مسبوق.")
    assert a.per_sentence[0] == []


def test_name_after_that_is_what_is_said_not_who_says_it():
    """"وأضاف أن فلان فر": the speaker is the one who said it before; the name after «أن» is the
    subject of what he says, so the fact is his."""
    a, ms = _attr("وأضاف أن محمد العلي فر إلى تركيا. وأوضح بأن سعد الحربي انضم إلى تنظيم داعش.")
    assert not a.speakers
    from tahqiq.model import Document
    from tahqiq.pipeline import analyse
    got = {(c.predicate, c.object.get("text")) for c in analyse(
        Document(text="وأضاف أن محمد العلي فر إلى تركيا. وأوضح بأن سعد الحربي انضم إلى تنظيم داعش.", source="t")).assertions}
    assert {("fled_to", "تركيا"), ("member_of", "تنظيم داعش")} <= got
