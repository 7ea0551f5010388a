"""Candidate nationality words for countries that `src/tahqiq/data/demonyms.tsv` lacks.

    .venv/bin/python training/gazetteer/demonyms.py >> /tmp/candidates.tsv

Derives the masculine nisba from each CLDR Arabic country name (babel, through
`tahqiq.knowledge.gazetteer.countries`): the article dropped, then "-يا"/"-ا" replaced and
"-ان"/"-ين" and other endings kept before the "ي" (كرواتيا -> كرواتي، الأرجنتين -> أرجنتيني،
كندا -> كندي). Names of several words and names already ending in ي are skipped. The output
is a proposal: the rows added to demonyms.tsv were read one by one (a nisba that is also an
everyday word is left out).
"""

from __future__ import annotations

from tahqiq.knowledge.gazetteer import countries, demonyms
from tahqiq.text.normalize import norm


def nisba(name: str) -> str | None:
    w = name.strip()
    if " " in w or w.endswith(("ي", "ى", "و")):
        return None
    if w.startswith("ال"):
        w = w[2:]
    if w.endswith("يا"):
        w = w[:-2]
    elif w.endswith(("ا", "ة")):
        w = w[:-1]
    return w + "ي" if len(w) >= 3 else None


def main() -> None:
    known = set(demonyms().values())
    for code, place in sorted(countries().items()):
        if code in known:
            continue
        n = nisba(place.arabic)
        if n and norm(n) not in demonyms():
            print(f"{n}\t{code}\t# {place.arabic}")


if __name__ == "__main__":
    main()
