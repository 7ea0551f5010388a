"""Metadata accuracy (publisher and publication date) of the readers on the news evaluation corpus.

    .venv/bin/python benchmarks/metadata_accuracy.py [--split dev|test ...] [--show N]

Each gold article is read as the pipeline reads it, in two forms:

- ``record``: the corpus line as JSONL (what ``tahqiq eval`` and a JSONL build ingest): the
  record's fields where it has them, the text otherwise;
- ``text``: the same article as a pasted page with no fields at all (title line, the author
  line as printed on the page, then the body), so the publisher and date must come from the
  text itself (a site name, a «لـ«الصحيفة»» attribution, a dateline or date line).

The three development articles (plain-text files) are read as files in both forms. A publisher
is right when it equals the gold outlet or one of the names the gold gives for it; a date when
it equals the gold day (null = null). The test split is for measuring only: its failures are
never printed (``--show`` lists dev failures only).
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from tahqiq.evaluate.gold import _toks, data_root  # noqa: E402
from tahqiq.ingest.readers import document_from_record, document_from_text, read_file  # noqa: E402


def page_text(rec: dict) -> str:
    parts = [(rec.get("title") or "").strip(), (rec.get("author") or "").strip(), rec.get("content") or ""]
    return "\n\n".join(p for p in parts if p)


def _ok(got, want, names) -> bool:
    if want is None or got is None:
        return got is None and want is None
    return any(_toks(str(got)) == _toks(str(w)) for w in [want, *names.get(want, [])])


def measure(split: str, show: int = 0) -> dict[str, dict[str, list[int]]]:
    gold_path = ROOT / "eval" / "news" / split / "gold.json"
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    root = data_root(str(gold_path))
    if root is None:
        sys.exit("shared data folder not found (set TAHQIQ_DATA)")
    names = gold.get("outlet_names", {})
    want_lines: dict[str, dict[int, str]] = defaultdict(dict)
    docs: dict[str, dict[str, object]] = {}  # key -> {mode: Document}
    for key, d in gold["documents"].items():
        if "line" in d:
            want_lines[d["corpus"]][int(d["line"])] = key
        else:
            (doc,) = list(read_file(root / d["corpus"] / d["file"]))
            docs[key] = {"record": doc, "text": doc}
    for corpus, lines in want_lines.items():
        with gzip.open(root / corpus, "rt", encoding="utf-8") as fh:
            for n, line in enumerate(fh, 1):
                if n in lines:
                    rec = json.loads(line)
                    docs[lines[n]] = {"record": document_from_record(rec, f"{corpus}:{n}"),
                                      "text": document_from_text(page_text(rec), f"{corpus}:{n}")}
    score: dict[str, dict[str, list[int]]] = {m: {"outlet": [0, 0], "published": [0, 0], "both": [0, 0]}
                                              for m in ("record", "text")}
    shown = 0
    for key, gd in gold["documents"].items():
        for mode in ("record", "text"):
            doc = docs[key][mode]
            oks = {"outlet": _ok(doc.outlet, gd.get("outlet"), names),
                   "published": _ok(doc.published, gd.get("published"), {})}
            oks["both"] = oks["outlet"] and oks["published"]
            for f, ok in oks.items():
                score[mode][f][0] += ok
                score[mode][f][1] += 1
            if split == "dev" and mode == "text" and not oks["both"] and shown < show:
                shown += 1
                print(f"  {key}: outlet {doc.outlet!r} (gold {gd.get('outlet')!r}), date {doc.published!r} "
                      f"(gold {gd.get('published')!r})")
    return score


def _pct(x: list[int]) -> str:
    return f"{100 * x[0] / x[1]:5.1f}% ({x[0]}/{x[1]})" if x[1] else "-"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", choices=("dev", "test"), action="append")
    ap.add_argument("--show", type=int, default=0, help="list up to N dev articles the text form gets wrong")
    args = ap.parse_args()
    total: dict[str, dict[str, list[int]]] = {m: {f: [0, 0] for f in ("outlet", "published", "both")}
                                              for m in ("record", "text")}
    splits = args.split or ["dev"]
    for split in splits:
        s = measure(split, args.show)
        for mode, fields in s.items():
            print(f"{split:<5} {mode:<7} publisher {_pct(fields['outlet'])}  date {_pct(fields['published'])}  "
                  f"both {_pct(fields['both'])}")
            for f, (a, b) in fields.items():
                total[mode][f][0] += a
                total[mode][f][1] += b
    if len(splits) > 1:
        for mode, fields in total.items():
            print(f"all   {mode:<7} publisher {_pct(fields['outlet'])}  date {_pct(fields['published'])}  "
                  f"both {_pct(fields['both'])}")


if __name__ == "__main__":
    main()
