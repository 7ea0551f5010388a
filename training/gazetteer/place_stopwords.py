"""Rebuild src/tahqiq/data/place_stopwords.txt.

GeoNames has Arabic alternate names that are also everyday words ("كان",
"كيف", "مدينة"). This script counts token frequencies in the SaudiNewsNet
corpus (../shared/data/news, CC BY-NC-SA: only the derived word list is kept)
and lists every gazetteer key that is among the most frequent words, unless
it is a country, a place of over a million people that is in the
always-keep list below, or a name the news itself writes right after a word for
the kind of a place ("منطقة عسير", "محافظة تعز") in at least NAMED_SHARE of its
uses: frequent because it is a busy place, not because it is an everyday word
("عسير" yes; "إطار", "بيان", "المدينة" no).

    python training/gazetteer/place_stopwords.py [--top 6000]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from tahqiq.knowledge.gazetteer import places

KEEP = {"حلب", "دمشق", "بغداد", "القاهره", "الرياض", "جده", "مكه", "بيروت", "عمان", "الموصل",
        "الرقه", "ادلب", "حمص", "حماه", "درعا", "اسطنبول", "انقره", "طهران", "الكويت", "الدوحه",
        "دبي", "ابوظبي", "المنامه", "مسقط", "صنعاء", "عدن", "طرابلس", "بنغازي", "تونس", "الجزائر",
        "ابها", "الدمام", "القطيف", "الطايف", "القدس", "باريس", "بروكسل", "الجبيل", "بريده", "اثينا",
        "بكين", "برشلونه", "الرمادي", "الزبداني", "الحديده", "السويس", "نجران", "جازان", "تبوك", "حايل",
        "الاحساء", "ينبع", "الفلوجه", "تكريت", "كركوك", "البصره", "اربيل", "لندن", "واشنطن", "موسكو",
        "الانبار", "القصيم", "نينوي", "صلاح الدين"}
ALWAYS = {"الخبر", "الجزيره", "العين", "الام", "امل", "امن", "انا", "بشار", "بن", "بندر", "بني", "اوباما",
          "الباب", "الحزم", "الخميس", "الساحل", "السد", "العلم", "الوجه", "الحد", "الطرف", "القصر"}
MANUAL = {"مدينه", "المدينه", "دير", "الحله", "جيزه", "بيرا", "بار", "الصف", "العبور", "انفا",
          "عنه", "قوله", "كان", "كيف", "فان", "بلد", "البلد", "ساحه", "الساحه", "حي", "الحي",
          "هاتين", "هذين", "هاتان", "هذان", "تلك", "ذلك", "داخله"}


from news_counts import NEWS, count_words, named_shares  # noqa: E402 - sibling module: scripts run from their folder

NAMED_SHARE = 0.2


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--news", default=NEWS)
    ap.add_argument("--top", type=int, default=6000)
    ap.add_argument("--out", default="src/tahqiq/data/place_stopwords.txt")
    a = ap.parse_args()
    counts = count_words(a.news)
    frequent = {w for w, _ in counts.most_common(a.top)}
    index = places(raw=True)
    shares = named_shares({k for k in index if k in frequent}, a.news)
    stop = sorted(k for k in index
                  if (k in frequent and index[k].kind != "country" and index[k].population < 1_000_000
                      and not index[k].ref.startswith("region:")  # continents (data/regions.tsv)
                      and k not in KEEP and shares.get(k, 0.0) < NAMED_SHARE) or k in MANUAL or k in ALWAYS)
    Path(a.out).write_text(
        "# Gazetteer keys that are everyday Arabic words; never matched as places on their own.\n"
        "# Built by training/gazetteer/place_stopwords.py (top-%d words of SaudiNewsNet).\n" % a.top
        + "\n".join(stop) + "\n", encoding="utf-8")
    print(f"{len(stop)} stop words written to {a.out}")


if __name__ == "__main__":
    main()
