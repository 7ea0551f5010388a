"""Month names of the calendars Arabic news uses: Gregorian (Egyptian, Maghrebi forms) and
Levantine/Iraqi (كانون الثاني, تموز, ...), keyed by their matching form (``norm``)."""

from __future__ import annotations

from tahqiq.text.normalize import norm

# Normalised month names (alef/hamza/taa marbuta/yaa folded as in ``norm``).
MONTHS: dict[str, int] = {}
for _n, _names in enumerate([
    ("يناير", "كانون الثاني", "جانفي", "كانون ثاني"),
    ("فبراير", "شباط", "فيفري", "فبرایر"),
    ("مارس", "آذار", "اذار"),
    ("أبريل", "ابريل", "إبريل", "نيسان", "أفريل", "افريل"),
    ("مايو", "أيار", "ايار", "ماي"),
    ("يونيو", "حزيران", "جوان", "يونيه"),
    ("يوليو", "تموز", "جويلية", "يوليه"),
    ("أغسطس", "اغسطس", "آب", "اب", "أوت", "اوت"),
    ("سبتمبر", "أيلول", "ايلول", "سبتمبر"),
    ("أكتوبر", "اكتوبر", "تشرين الأول", "تشرين اول", "أكتوبر"),
    ("نوفمبر", "تشرين الثاني", "تشرين ثاني", "نونبر"),
    ("ديسمبر", "كانون الأول", "كانون اول", "دجنبر"),
], start=1):
    for _name in _names:
        MONTHS[norm(_name)] = _n
