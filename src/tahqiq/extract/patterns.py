"""Cue words for claim extraction: readable data, one place.

Every word here is in matching form (``tahqiq.text.norm``: no diacritics,
أإآ -> ا, ة -> ه, ى -> ي). A cue word matches a whole token, optionally
behind the proclitics و / ف (``CONJ``); words listed under ``PREP_CLITIC``
may also be glued to the next word ("بريف", "لتركيا").

Nothing here names a particular person, place or group: the tables describe
how Arabic conflict reporting phrases a fact, not which facts it reported.
Each table says which predicate it feeds; ``claims.py`` documents how the
subject and object of a cue are found.
"""

from __future__ import annotations

# Conjunctions that glue onto any cue word ("وفر", "فوصل").
CONJ = ("و", "ف")
# Single-letter prepositions that glue onto the next word: ب (in/at), ل (to).
PREP_CLITIC = {"ب": "in", "ل": "to"}

# ---------------------------------------------------------------- movement, place facts
# predicate -> cue words. A verb form, a verbal noun with a pronoun ("فراره" -> his flight)
# or a bare verbal noun ("وصول" -> the arrival of X: the subject may follow the cue).
FLEE = {
    "فر", "فرو", "فروا", "فرت", "فرا", "يفر", "يفرون", "هرب", "هربوا", "هربت", "هربا", "يهرب", "يهربون",
    "فراره", "فرارهم", "فرارها", "هروبه", "هروبهم", "هربه", "الفرار", "فرار", "هروب", "الهروب",
    "لاذ", "لاذوا", "لاذت", "تمكن من الفرار", "انسحب", "انسحبوا",
}
ARRIVE = {
    "وصل", "وصلوا", "وصلت", "وصلا", "الوصول", "وصول", "وصوله", "وصولهم", "دخل", "دخلوا", "دخول", "دخوله",
    "تسلل", "تسللوا", "عبر", "عبروا", "اجتاز", "اجتازوا", "بلغ", "بلغوا",
}
TRAVEL = {
    "سافر", "سافروا", "سفره", "توجه", "توجهوا", "انتقل", "انتقلوا", "انتقاله", "ذهب", "ذهبوا", "غادر",
    "غادروا", "رحل", "رحلوا", "عاد", "عادوا", "عودته",
}
RESIDE = {"يقيم", "يقيمون", "مقيم", "مقيما", "المقيم", "اقام", "استقر", "استقروا", "يعيش", "يسكن", "يقطن", "القاطن"}
ORIGIN = {
    "ينحدر", "تنحدر", "ينحدرون", "ينحدران", "المنحدر", "المتحدر", "المتحدره", "يتحدر", "يتحدرون",
    "منحدر", "متحدر", "ابن", "اصله", "اصلا",
}
ARREST = {
    "القت", "القي", "اعتقل", "اعتقلت", "اعتقلوا", "اعتقلته", "اعتقلتهم", "اعتقاله", "اعتقالهم", "اعتقال", "اوقف", "اوقفت",
    "اوقفته", "توقيف", "توقيفه", "احتجز", "احتجزت", "احتجزته", "القي القبض", "القت القبض", "القاء القبض",
}
KILL = {"قتل", "قتلت", "قتلوا", "مقتل", "مقتله", "لقي مصرعه", "لقي حتفه", "لقوا مصرعهم", "قضي", "اغتيل", "اغتيال"}
INJURE = {"اصيب", "اصيبوا", "اصابه", "اصابته", "جرح", "جرحوا"}
SURRENDER = {"سلم نفسه", "سلموا انفسهم", "سلمت نفسها", "سلم", "سلموا", "سلمت", "استسلم", "استسلموا", "استسلامه", "تسليم نفسه"}
DEFECT = {"انشق", "انشقوا", "انشقاقه", "انشقاقهم", "انشقاق", "المنشق", "المنشقين", "ينشق", "منشق", "انسلخ"}
FOUND = {"اسس", "اسسوا", "مؤسس", "المؤسس", "انشا", "شكل", "تاسيس", "اسسه"}
JOIN = {"انضم", "انضموا", "انضمامه", "ينتمي", "ينتمون", "المنتمي", "المنتمين", "المنتمون", "بايع", "التحق",
        "التحقوا", "التحاقه", "المنضم", "المنضمين", "تنتمي", "ينتميان", "انضمت", "التحقت", "المنتميه",
        "المنضمه", "انضمامها", "التحاقها"}

# ---------------------------------------------------------------- trigger lexicon
# The same events as lemmas with their morphology, one row per verb: (past stem, imperfect
# stem with ي, verbal nouns). ``_inflect`` writes out what news text uses: the past with
# its subject endings (قتل، قتلت، قتلوا، قتلا) and object pronouns (اعتقلته، اعتقلوه), the
# imperfect (يفر، تفر، يفرون), the verbal noun bare, definite and with a pronoun (فراره،
# اعتقالهم); not behind ل (a purpose) or ب (a link). Unvocalised text writes the passive like the
# active (قُتل = قتل, اعتُقل = اعتقل), so both voices are covered. Forms that carry a pronoun
# name their subject before them (``REFERS_BACK``). Every form is a whole word: a noun that
# shares letters with a verb (أساس / أسس) never matches, because only these forms do.
LEMMAS: dict[str, list[tuple[str, str | None, tuple[str, ...]]]] = {
    "flee": [("فر", "يفر", ("فرار",)), ("هرب", "يهرب", ("هروب", "هرب")), ("فرّ", None, ())],
    "arrive": [("وصل", "يصل", ("وصول",)), ("دخل", "يدخل", ("دخول",)), ("تسلل", "يتسلل", ("تسلل",)),
               ("اجتاز", "يجتاز", ("اجتياز",))],
    "travel": [("سافر", "يسافر", ("سفر",)), ("توجه", "يتوجه", ()), ("انتقل", "ينتقل", ("انتقال",)),
               ("ذهب", "يذهب", ("ذهاب",)), ("غادر", "يغادر", ("مغادرة",)), ("عاد", "يعود", ("عودة",)),
               ("رحل", None, ("ترحيل",)), ("نقل", None, ()), ("أسعف", None, ("إسعاف",)),
               ("زار", "يزور", ("زيارة",))],
    "reside": [("أقام", "يقيم", ()), ("استقر", "يستقر", ()), ("سكن", "يسكن", ()),
               ("قطن", "يقطن", ())],
    "arrest": [("اعتقل", "يعتقل", ("اعتقال",)), ("أوقف", "يوقف", ("توقيف", "إيقاف")),
               ("احتجز", "يحتجز", ("احتجاز",)), ("ضبط", "يضبط", ())],
    "kill": [("قتل", "يقتل", ("مقتل", "قتل")), ("استشهد", "يستشهد", ("استشهاد",)), ("اغتيل", None, ("اغتيال",)),
             ("أعدم", "يعدم", ("إعدام",)), ("صرع", None, ("مصرع",))],
    "injure": [("أصيب", "يصاب", ("إصابة",)), ("جرح", "يجرح", ())],
    "defect": [("انشق", "ينشق", ("انشقاق",))],
}
_SUBJECT_ENDINGS = ("", "ت", "وا", "ا", "تا")
_OBJECT_PRONOUNS = ("ه", "ها", "هم", "هما", "ته", "تها", "تهم", "وه", "وها", "وهم")
_NOUN_PRONOUNS = ("ه", "ها", "هم", "هما")


def _inflect(rows: list[tuple[str, str | None, tuple[str, ...]]]) -> tuple[set[str], set[str]]:
    """(every form, the forms that carry a pronoun) of a lemma row list."""
    forms: set[str] = set()
    pron: set[str] = set()
    for past, imperf, nouns in rows:
        past = past.replace("ّ", "")
        forms.update(past + e for e in _SUBJECT_ENDINGS)
        pron.update(past + e for e in _OBJECT_PRONOUNS)
        if imperf:
            stem = imperf[1:]
            forms.update({imperf, "ت" + stem, imperf + "ون", imperf + "ان", "ت" + stem + "ان"})
        for n in nouns:
            base = n[:-1] + "ت" if n.endswith("ة") else n
            # bare and definite; behind "ل" a noun is mostly a purpose (لاجتياز), behind "ب" a
            # link or manner ("ارتبط اسمه بالانتقال إلى"), so neither is an event
            forms.update({n, "ال" + n})
            pron.update({base + e for e in _NOUN_PRONOUNS})
    return forms | pron, pron


def _lexicon(kind: str) -> set[str]:
    return _inflect(LEMMAS[kind])[0]


def _bare_nouns() -> set[str]:
    """Bare verbal nouns of what happens to someone (مقتل، الاعتقال، إصابة) that no verb form
    shares: the one it happens to is the word after them ("مقتل فلان"), never a name before
    them ("أعلن فلان مقتل أربعة"). Nouns of movement are left out: "فلان في زيارة إلى"."""
    verbs: set[str] = set()
    nouns: set[str] = set()
    for rows in (LEMMAS["kill"], LEMMAS["injure"], LEMMAS["arrest"]):
        for past, imperf, ns in rows:
            verbs |= _inflect([(past, imperf, ())])[0]
            nouns |= {f for n in ns for f in (n, "ال" + n)}
    return nouns - verbs


FLEE |= _lexicon("flee")
ARRIVE |= _lexicon("arrive")
TRAVEL |= _lexicon("travel")
RESIDE |= _lexicon("reside")
ARREST |= _lexicon("arrest") | {"القبض", "بالقبض", "والقبض"}
KILL |= _lexicon("kill") | {"لقي مصرعه", "لقيت مصرعها", "لقوا حتفهم", "اودي بحياه", "اودت بحياه"}
INJURE |= _lexicon("injure")
DEFECT |= _lexicon("defect")
# Each cue still needs its object (a place after its preposition, an organisation, an amount),
# which is what keeps "ضبط" (seized goods) or "نقل عن" (quoted from) from stating a movement.
_PRONOUN_FORMS = set().union(*(_inflect(rows)[1] for rows in LEMMAS.values()))
BARE_NOUNS = _bare_nouns()

# Verbs that make a death or wound the result of an event told before them ("غارة … في ولاية
# باكتيكا أدت إلى مقتل فلان", "أسفر القصف على البلدة عن مقتل …"): that event's place is where
# it happened. "أودت بحياة" is one of the death cues itself.
CAUSES = {"ادي", "ادت", "ادتا", "اسفر", "اسفرت", "تسبب", "تسببت", "اوقع", "اوقعت", "خلف", "خلفت", "نتج", "نتجت"}
CAUSE_LINKS = {"الي", "عن", "عنه", "عنها", "في", "ب"}  # "أسفر عن", "نتج عنه"

# Prepositions (as whole tokens) that open the object of a cue.
TO = {"الي", "صوب", "باتجاه", "بتجاه", "نحو", "تجاه", "حتي"}
FROM = {"من"}
IN = {"في", "داخل", "عند", "قرب"}
ABOUT = {"عن"}

# Words that may sit between a preposition and a place ("إلى مدينة أعزاز", "بريف حلب").
PLACE_FILLERS = {
    "مدينه", "مدينتي", "مدن", "بلده", "بلدات", "قريه", "قري", "ريف", "ارياف", "منطقه", "مناطق", "محافظه",
    "ولايه", "دوله", "العاصمه", "الاراضي", "اراضي", "داخل", "بلاد", "ناحيه", "مخيم", "معبر", "الحدود",
    "مطار", "حي", "شمال", "جنوب", "شرق", "غرب", "شمالي", "جنوبي", "شرقي", "غربي", "#", "(", '"', "'",
    "سجن", "السجن", "معسكر", "نفسه", "نفسها", "انفسهم", "قطاع", "محافظات",
}
# Directions that place what follows like a preposition ("شرقي مدينة الرياض").
DIRECTIONS = {"شمال", "جنوب", "شرق", "غرب", "شمالي", "جنوبي", "شرقي", "غربي"}
# Words between a name and what is said of that person that only describe the person
# ("فلان، وهو من أبناء …", "فلانة المعروفة باسم (…) من مواليد …").
DESCRIBING = {"وهو", "هو", "وهي", "هي", "كان", "وكان", "كانت", "وكانت", "المعروف", "المعروفه", "الملقب",
              "الملقبه", "باسم", "ب", "عاما", "عام", "سنه"}
# Adverbials a cue may carry before its preposition ("فر منتصف الشهر الماضي إلى …").
ADVERBIALS = {
    "منتصف", "مطلع", "اواخر", "اوائل", "نهايه", "بدايه", "الشهر", "الاسبوع", "العام", "الماضي", "الفائت",
    "الجاري", "امس", "اليوم", "مؤخرا", "ايضا", "بالفعل", "عام", "سنه", "قبل", "ايام", "اشهر", "اسابيع",
    "اسبوع", "شهر", "بعد", "مع", "عائلته", "عائلاتهم", "برفقه", "رفقه", ",", "،",
}

# predicate -> (cue words, prepositions, preposition required?, free words allowed before it)
# "free words" lets "أصيب بجروح في انفجار في مدينة X" reach its place.
PLACE_CUES: dict[str, tuple[set[str], set[str], bool, int]] = {
    "fled_to": (FLEE, TO, True, 0),
    "fled_from": (FLEE, FROM, True, 0),
    "arrived_in": (ARRIVE, TO | {"في"}, False, 0),
    "traveled_to": (TRAVEL, TO, True, 3),
    "resided_in": (RESIDE, IN, True, 0),
    "origin": (ORIGIN, FROM, True, 0),
    "arrested_in": (ARREST, IN, True, 6),
    "killed_in": (KILL, IN, True, 6),
    "injured_in": (INJURE, IN, True, 6),
    "surrendered_at": (SURRENDER, IN, True, 3),
}
# Words that open the circumstance of a death or wound right after its verb ("لقي حتفه أثناء
# أداء مهامه في نقطة تفتيش بشارع «الخزان» ببلدة الجش", "استشهد عندما كان مرابطاً بموقعه العسكري
# بالشريط الحدودي جنوب منطقة جازان"): the place of that circumstance, further on, is the event's.
CIRCUMSTANCE = {"اثناء", "خلال", "عندما", "حين", "حينما", "لدي", "وهو", "وهم", "اذ"}
CIRCUMSTANCE_REACH = 8  # free words allowed after such an opener, besides the cue's own

# Movement predicates: a group statement distributes these to the named members.
MOVEMENT = ("fled_to", "fled_from", "arrived_in", "traveled_to")

# Cues whose object is an organisation (or a literal noun phrase such as "الجيش").
ORG_CUES: dict[str, tuple[set[str], set[str]]] = {
    "defected_from": (DEFECT, ABOUT | FROM),
    "founded": (FOUND, set()),
    "member_of": (JOIN, TO | {"ل", "ب"}),  # "انضم إلى", "المنتمي لتنظيم", "التحق بتنظيم"
    "surrendered_to": (SURRENDER, TO | {"ل"}),
}
# "حزب الدعوة الذي يتزعمه فلان", "حركة «المرابطون» بقيادة فلان": an organisation, then who leads
# it (verbs with the pronoun of the organisation; verbal nouns after ب). As written; claims.py
# normalises them.
LED_BY_VERBS = {"يتزعم", "تتزعم", "يقود", "تقود", "يرأس", "ترأس", "يترأس", "تترأس", "يدير", "تدير", "يتولى", "تتولى"}
LED_BY_NOUNS = {"بزعامة", "بقيادة", "برئاسة", "بإمرة", "بإدارة"}
FOUNDED_BY_VERBS = {"أسس", "أنشأ"}

# "X، القيادي في تنظيم Y": membership nouns right after a person, then في/ب + organisation.
MEMBER_NOUNS = {"القيادي", "قيادي", "العنصر", "عنصر", "العضو", "عضو", "المقاتل", "مقاتل", "الامني", "القياديه",
                "قياديه", "المقاتله", "العضوه"}
# Adjectives of allegiance after an organisation, before the one it serves: "مجموعة خراسان الموالية
# لتنظيم القاعدة", "الجيش المدعوم من إيران", "الأحزاب المتحالفة مع صالح".
ALLEGIANCE = {"الموالي", "المواليه", "الموالين", "الموالون", "المقرب", "المقربه", "المقربين", "المتحالف",
              "المتحالفه", "المدعوم", "المدعومه", "المرتبط", "المرتبطه"}

# Nouns that head an organisation's name inside a post ("المتحدث باسم مجلس الأمن القومي",
# "القيادي في حركة حماس", "المتحدث الأمني بوزارة الداخلية"): the person belongs to it.
ORG_HEADS = {
    "تنظيم", "حركه", "جماعه", "جبهه", "حزب", "وزاره", "مجلس", "هيئه", "جيش", "قوات", "الشرطه", "شرطه", "جهاز",
    "منظمه", "مكتب", "لجنه", "برلمان", "الحرس", "حرس", "كتيبه", "فصيل", "فرقه", "ميليشيا", "ميليشيات", "جمعيه",
    "اتحاد", "نادي", "صحيفه", "وكاله", "قناه", "شركه", "جامعه", "محكمه", "المحكمه", "الامم", "الحلف", "اداره",
    "مديريه", "الرئاسه", "السلطه", "سلطه", "الاجهزه", "الجيش", "البرلمان", "مؤسسه", "مركز", "معهد",
    "الجامعه", "سراي", "لواء", "فيلق", "دائره", "الاستخبارات", "المخابرات", "مخابرات", "استخبارات",
    "عمليات", "قياده", "المرصد", "مرصد", "منتخب", "الفرقه", "كتائب", "سرايا", "ائتلاف", "تحالف", "التحالف",
    "المجلس", "الحزب", "الحركه", "الجماعه", "الهيئه", "اللجنه", "المنظمه", "الوزاره", "المكتب", "الاتحاد",
    "الجمعيه", "كتله", "الكتله", "الائتلاف", "الجبهه",
}
# A ministry named by its portfolio alone, after "باسم": "المتحدث باسم الخارجية الأميركية".
PORTFOLIOS = {"الخارجيه", "الداخليه", "الدفاع", "العدل", "الصحه", "الرئاسه"}
# A minister's title right before the portfolio ("وزيرة الخارجية الأمريكية").
MINISTER_TITLES = {"وزير", "وزيره", "الوزير", "الوزيره", "ووزير", "ووزيره", "لوزير", "لوزيره", "بوزير", "وزراء", "ووزراء"}
# Honorifics between a post and the name ("الزعيم الجديد لطالبان الملا فلان").
HONORIFICS = {"الملا", "السيد", "السيده", "الدكتور", "الدكتوره", "الشيخ", "الحاج", "المهندس", "الاستاذ",
              "الامير", "سمو", "معالي", "فخامه", "الشهيد", "والشهيد", "الفقيد", "المرحوم", "والمرحوم"}
# "أحد عناصر Y" / "أحد افراد الجهاز الأمني": a position inside an organ, kept as a role.
ONE_OF = {"احد", "احدي"}
ONE_OF_NOUNS = {"افراد", "عناصر", "قاده", "قياديي", "اعضاء", "امراء", "مقاتلي", "مسؤولي", "ضباط", "شرعيي", "قيادات",
                "كوادر", "منسوبي", "منتسبي"}
# The arresting authority: "اعتقلته الشرطة الألمانية", "على يد قوات الأمن".
BY = {"قبل", "يد"}  # "من قبل", "على يد"

# ---------------------------------------------------------------- money
PAY = {"دفع", "دفعوا", "دفعت", "يدفع", "يدفعون", "دفعه", "سدد", "سددوا", "تكلفه", "كلفه", "بتكلفه", "مقابل",
       "رشوه", "رشا", "لقاء", "اجره", "اجور", "بمبلغ", "مبلغ", "تكاليف", "كلفته"}
CARRY = {"بحوزته", "بحوزتهم", "بحوزتها", "بحوزتهما", "حاملا", "ومعه", "معه", "معهم", "حمل", "يحمل", "يحملون",
         "سرق", "سرقوا", "نهب", "هرب ب", "مصطحبا"}
# "the cost per one of them", "for each person": the amount holds for every group member.
PER_CAPITA = ("الواحد منهم", "لكل فرد", "لكل شخص", "للشخص الواحد", "عن كل شخص", "لكل واحد", "للفرد")

# ---------------------------------------------------------------- roles
# "شغل منصب X", "يشغل منصب X", "عُيّن أميراً": the role follows the cue.
ROLE_CUES = {"منصب", "بمنصب", "مهام", "عين", "تولي", "كان", "يعمل", "عمل", "يشغل", "شغل"}
# The word introducing a name after a role: "نائب أمير ... المدعو حامد".
NAME_INTRO = {"المدعو", "المدعوه", "المكني", "المسمي", "ويدعي", "يدعي", "الشيخ", "الحاج"}

# ---------------------------------------------------------------- alias
# Between a name and its kunya / nom de guerre: "والملقب بـ", "المكنى", "المعروف بـ".
ALIAS_CUES = {"الملقب", "والملقب", "الملقبه", "المكني", "والمكني", "المعروف", "والمعروف", "يكني", "ويكني",
              "الشهير", "والشهير", "المعروفه", "او"}

# ---------------------------------------------------------------- nationality, passport, age
NATIONALITY_WORD = {"الجنسيه", "بالجنسيه", "جنسيه", "جنسيته", "الجنسيتين", "بالجنسيتين", "جنسيتين"}
PASSPORT = {"جواز", "جوازي", "جوازات", "بجواز", "جوازا", "بجوازي"}
# "المقاتل الفرنسي X": a person noun, a nationality, then the name.
PERSON_NOUNS = {"الطفل", "الرضيع", "الفتي", "الفتاه", "الشابه", "المراه", "السيده", "المواطنه", "الرهينه",
                "الصبي", "الطالبه", "المعتقل", "الناشطه", "السائح", "السائحه", "المهاجر", "النجم", "نجم",
                "اللاعب", "المهاجم", "المدافع", "الحارس", "المقاتل", "الجهادي", "القيادي", "العنصر", "الداعشي", "الشاب", "المواطن", "الرجل", "الشيخ",
                "الامير", "الارهابي", "المتطرف", "الطالب", "الناشط",
                # who a person is by trade or sport, in the news of the unlabelled corpus
                # ("الصياد الأميركي والتر بالمر", "الروائي الكولومبي فلان")
                "الصياد", "الملاكم", "العداء", "السباح", "الرياضي", "الروائي", "الشاعر", "الفنان", "الفنانه",
                "الممثل", "المغني", "المغنيه", "المطرب", "المطربه", "الرسام", "الاعلامي", "الاعلاميه", "المذيع",
                "المذيعه", "الملياردير", "الرحاله", "المستكشف", "الطيار", "البحار", "السجين", "الاسير",
                "المحتجز", "المختطف", "اللاجئ", "اللاجئه", "المهاجره", "العامل", "العامله", "الخادمه", "المفكر",
                "المؤرخ", "المبتعث", "المبتعثه", "المعلم", "المعلمه", "الممرض", "الممرضه", "المحترف", "الوافد"}
# Adjectives that may stand between a demonym and the person's name.
PERSON_ADJECTIVES = {"المسلم", "المسلمه", "المسيحي", "المسيحيه", "اليهودي", "الشهير", "الشهيره", "الشاب", "الجديد",
                     "الجديده", "السابق", "السابقه", "المعتزل", "المعتزله", "الدولي", "المخضرم", "الشابه"}
AGE_WORDS = {"عاما", "عام", "سنه", "سنوات", "عاماً"}
AGE_CUES = ("البالغ من العمر", "يبلغ من العمر", "البالغ", "عمره", "العمر", "بعمر", "ذو ال", "ذي ال")

# ---------------------------------------------------------------- groups
# Intros of the victims of the event just told: only the list right after them is distributed.
VICTIM_INTRO: tuple[str, ...] = (
    "القتلي هم", "الشهداء هم", "الضحايا هم", "المصابين هم", "المصابون هم", "الجرحي هم",
    "اسماء الشهداء", "اسماء القتلي", "اسماء الضحايا", "اسماء المصابين", "اسماء الجرحي",
    "اسماء شهداء", "اسماء قتلي", "اسماء ضحايا", "اسماء مصابي", "اسماء جرحي")
VICTIM_INTRO += tuple("ب" + x for x in VICTIM_INTRO if x.startswith("اسماء"))  # "قائمة بأسماء الشهداء"
# An attack or the building it hit, whose complement is the attack's place ("تفجير القديح",
# "مسجد الطوارئ عسير", "تفجير مسجد عسير"): the place of a victim list said without a preposition.
ATTACK_SITES = {"تفجير", "التفجير", "هجوم", "الهجوم", "انفجار", "الانفجار", "مسجد", "المسجد", "جامع",
                "الجامع", "مقر", "معسكر", "حادث", "حادثه", "الحادث", "الحادثه", "مجزره", "المجزره"}
# The victims of those intros were wounded, not killed.
WOUNDED_WORDS = {"المصابين", "المصابون", "الجرحي", "مصابي", "جرحي"}
# Words that open an item of a list laid out one per line ("1 -", "- العريف").
LIST_MARKS = {"-", "–", "—", "*", "•", "/"}
# Introduce named members of a group just described: "عُرف منهم", "ومن هؤلاء", "من بين الفارين".
GROUP_INTRO = (
    "من بين الفارين", "من بين الهاربين", "من بين المنشقين", "من بين القتلي", "من بين المعتقلين",
    "من بينهم", "ومن بينهم", "عرف منهم", "وعرف منهم", "ومن هؤلاء", "من هؤلاء", "منهم", "ومنهم", "بينهم",
    "ابرزهم", "ابرز هؤلاء", "على راسهم", "في مقدمتهم",
) + VICTIM_INTRO
# Intros that point back past the current sentence ("the fugitives"): they may take the
# group event of an earlier sentence; the others need an event in their own sentence
# or the sentence before.
ANAPHORIC_INTRO = ("من بين الفارين", "من بين الهاربين", "من بين المنشقين", "من بين القتلي",
                   "من بين المعتقلين") + VICTIM_INTRO
# Plural office titles and the singular each holder's post takes ("نواب رئيس الجمهورية فلان وفلان"
# -> "نائب رئيس الجمهورية" for each). Normalised forms.
PLURAL_OFFICES = {"نواب": "نائب", "قاده": "قائد", "زعماء": "زعيم", "اعضاء": "عضو", "وزراء": "وزير",
                  "روساء": "رئيس", "سفراء": "سفير", "امراء": "أمير"}
# Plural relative and pronoun words that hand a fact to a preceding list of names.
PLURAL_REL = {"الذين", "اللذين", "وهم", "هم"}
# Quantifiers that make a group fact hold only for part of the group ("معظمهم").
QUANT_HEDGES = {"معظمهم", "اغلبهم", "بعضهم", "غالبيتهم", "جلهم", "اكثرهم", "معظم", "اغلب", "بعض"}

# Cue words carrying a pronoun ("فراره" = his flight, "اعتقلته" = arrested him): their subject
# was named before them, never after.
REFERS_BACK = {
    "فراره", "فرارهم", "فرارها", "هروبه", "هروبهم", "هربه", "وصوله", "وصولهم", "دخوله", "اعتقاله", "اعتقالهم",
    "اعتقلته", "اعتقلتهم", "اوقفته", "احتجزته", "مقتله", "اصابته", "انشقاقه", "انشقاقهم", "استسلامه",
    "بحوزته", "بحوزتهم", "بحوزتها", "بحوزتهما", "ومعه", "معه", "معهم", "سفره", "انتقاله", "عودته", "انضمامه",
    "كلفته", "اسسه", "توقيفه", "اصله",
} | _PRONOUN_FORMS
# Words that may stand between a verb-first cue and its subject ("فر القيادي فلان", "اعتقلت الشرطة فلان").
SUBJECT_TITLES = {
    "القيادي", "الامير", "الامني", "الشرعي", "العنصر", "المقاتل", "الجهادي", "الداعشي", "المدعو", "الشيخ",
    "الضابط", "العقيد", "العميد", "الرائد", "النقيب", "الملازم", "المقدم", "اللواء", "الناشط", "الشاب", "علي",
    "القائد", "المسؤول", "السابق", "البارز", "المنشق", "اول", "ثاني", "الاول", "الثاني", "المدعوه",
    "المنتحر", "الانتحاري", "المتهم", "المطلوب", "الموقوف", "المواطن", "المقيم", "الارهابي", "الجندي", "العريف",
    "الرقيب", "الفريق", "الركن",
    # who the person is, before the name: "استشهاد الرضيع فلان", "مقتل الصحفي فلان"
    "الطفل", "الطفله", "الرضيع", "الفتي", "الفتاه", "الشهيد", "الشابه", "المواطنه", "الصحفي", "الصحفيه",
    "المصور", "الطالب", "الطالبه", "الطبيب", "الشرطي", "الاسير", "المعتقل", "الناشطه", "الحاج", "السجين",
}
# A relative of someone named before, between a verb-first cue and the name it is about ("أودت
# بحياة زوجها فلان", "اعتقلت الشرطة شقيقه فلان"): the name after it is the subject.
KIN_OF = {
    "ابنه", "ابنها", "ابنهما", "نجله", "نجلها", "ولده", "شقيقه", "شقيقها", "اخوه", "اخيه", "اخاه", "اخته",
    "شقيقته", "ابنته", "ابنتها", "والده", "والدها", "ابوه", "ابيه", "والدته", "امه", "زوجته", "زوجها", "عمه",
    "خاله", "صهره", "حفيده", "قريبه", "قريبها",
}
# Authorities that act on a person ("أوقفت السلطات التركية فلان", "ألقت قوات الأمن القبض على فلان").
AUTHORITY = {
    "السلطات", "الشرطه", "قوات", "القوات", "الامن", "الاستخبارات", "المخابرات", "الجندرمه", "حرس", "الحدود",
    "الجيش", "الامنيه", "وحدات", "دوريه", "عناصر", "فرع", "جهاز", "الاجهزه", "القبض", "علي", "في", "ب",
}
# Nouns that head an authority phrase acting as the arrester.
AUTHORITY_HEADS = {"السلطات", "الشرطه", "قوات", "الامن", "الاستخبارات", "المخابرات", "الجندرمه", "الجيش", "حرس",
                   "الاجهزه", "جهاز"}
# Words of an arrester that names no one ("الأجهزة الأمنية", "الجهات المختصة", "رجال الأمن"):
# the arrest is credited to the authority the article names ("وزارة الداخلية").
GENERIC_AUTHORITY = {
    "الاجهزه", "الامنيه", "الجهات", "الجهه", "السلطات", "رجال", "قوات", "القوات", "الامن", "الشرطه", "المختصه",
    "عناصر", "دوريات", "دوريه", "الامنيين", "جهاز", "الجهاز", "الامني", "المعنيه", "السلطه", "الاستخبارات",
    "المخابرات", "فرق", "الميدانيه",
}
# Words that make an organisation an authority that arrests ("وزارة الداخلية", "شرطة دبي").
AUTHORITY_NAMES = {
    "الداخليه", "الشرطه", "شرطه", "امن", "الامن", "القوات", "قوات", "الجيش", "جيش", "الاستخبارات",
    "المخابرات", "النيابه", "الحرس", "الجندرمه", "الدرك", "استخبارات", "مخابرات", "الاف بي اي",
}
# Participles naming people as detained ("الموقوفون (فلان - فلان)", "الموقوف فلان", "المتهمون
# المضبوطون هم (فلان"): each name listed after one was arrested.
DETAINED = {
    "الموقوف", "الموقوفين", "الموقوفون", "الموقوفه", "الموقوفان", "المضبوطين", "المضبوطون",
    "المضبوط", "المعتقل", "المعتقلين", "المعتقلون", "المقبوض", "والموقوف", "والموقوفين", "والموقوفون",
}
# Words before a listed name that take it out of the detained ("المنتحر فلان": he died).
NOT_DETAINED = {"المنتحر", "والمنتحر", "الانتحاري", "القتيل", "المقتول", "الهالك", "الفار", "المطلوب"}

# Surrender verbs that need a reflexive ("سلّم نفسه"): alone they mean handing something over.
NEEDS_REFLEXIVE = {"سلم", "سلموا", "سلمت"}
# Reflexive words that complete a split cue ("سلّم فلان نفسه").
REFLEXIVE = {"نفسه", "نفسها", "انفسهم", "انفسهما"}

# ---------------------------------------------------------------- hedges
# Words that make the report's own statement uncertain; kept as qualifier "hedge".
HEDGES = (
    "يرجح", "ويرجح", "رجح", "يعتقد", "ويعتقد", "يعتقد ان", "يشتبه", "يشتبه ب", "ربما", "قد يكون", "على ما يبدو",
    "وفق تقارير", "بحسب تقارير", "انباء عن", "انباء", "انه يعتقد", "من المرجح", "المرجح", "يحتمل", "يزعم",
    "زعم", "مزاعم", "يقال", "قيل",
)

# An injury word followed by one of these is an infection or illness, not a wound
# ("إصابة عائلة في الرياض بالفيروس").
ILLNESS = {"فيروس", "بفيروس", "الفيروس", "بالفيروس", "كورونا", "بكورونا", "مرض", "بمرض", "المرض", "بالمرض",
           "عدوي", "بعدوي", "سرطان", "بالسرطان", "بسرطان", "الانفلونزا", "بالانفلونزا", "وباء", "حمي", "بحمي",
           "ميرس", "متلازمه", "بمتلازمه", "التهاب", "بالتهاب", "كوليرا", "بالكوليرا", "الايدز", "بالايدز"}

# Plans, attempts and intentions: a cue right after one of these states no fact
# ("يستعدون لاجتياز الحدود والدخول إلى…", "يعتزم السفر", "حاول الفرار").
INTENT = {
    "يستعد", "يستعدون", "تستعد", "استعداد", "استعدادا", "يعتزم", "يعتزمون", "تعتزم", "ينوي", "ينوون", "تنوي",
    "يخطط", "يخططون", "تخطط", "يسعي", "يسعون", "تسعي", "يحاول", "يحاولون", "تحاول", "حاول", "حاولوا",
    "محاوله", "محاولته", "محاولتهم", "بهدف", "لاجل", "اجل", "يريد", "يريدون", "اراد", "ارادوا", "يرغب",
    "خطط", "خطه", "ينتظر", "ينتظرون", "يامل", "يأمل", "قرر", "يقرر", "عزم", "سيحاول",
    "سيتم", "سوف", "يجب", "ينبغي", "يمكن", "تمهيدا", "للتمكن", "تهديد", "هدد", "يهدد",
}

# Clause openers: a fact found after one of these is about whoever the clause names.
CLAUSE_STOPS = {"حيث", "بينما", "فيما", "لكن", "ولكن", "اما", "ثم"}


def _fold_tables() -> None:
    """Fold every table above to matching form in place, so entries may be written
    naturally ("مسؤول", "نائب") and still match normalised text ("مسوول", "نايب")."""
    from tahqiq.text.normalize import norm

    for name, value in list(globals().items()):
        if not name.isupper():
            continue
        if isinstance(value, set):
            folded = {norm(w) for w in value}
            value.clear()
            value.update(folded)
        elif isinstance(value, tuple) and all(isinstance(w, str) for w in value):
            globals()[name] = tuple(norm(w) for w in value)
        elif isinstance(value, dict) and all(isinstance(k, str) for k in value) and name == "PREP_CLITIC":
            continue


_fold_tables()
