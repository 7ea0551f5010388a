"""Assemble the gold files of the news evaluation corpus from the adjudicated annotation files.

    python eval/news/tools/assemble.py            # writes eval/news/{test,dev}/gold.json

Reads ``eval/news/stories.json`` (which corpus lines form which story, per split), the adjudicated
annotations ``eval/news/passes/adjudicated_*.json`` (schema: GUIDELINES.md and README.md), the
corpus itself (metadata, and the bodies for the copied-text rule) and, for the dev split, the
hand gold of the three development articles (``dev/gold.json`` under the shared data folder).
Deterministic: the same inputs give the same files.
"""

from __future__ import annotations

import glob
import gzip
import itertools
import json
import os
import re
import sys
from collections import defaultdict

from tahqiq.evaluate.gold import data_root
from tahqiq.text.normalize import norm

HERE = os.path.dirname(os.path.abspath(__file__))
NEWS = os.path.dirname(HERE)
CORPUS = "news/saudinewsnet.jsonl.gz"
REUSE_RUN, OPTIONAL_RUN = 20, 12
OUTLET_NAMES = {
    "aawsat": ["الشرق الأوسط", "aawsat.com"], "alriyadh": ["الرياض", "جريدة الرياض"],
    "aljazirah": ["الجزيرة", "صحيفة الجزيرة"], "alyaum": ["اليوم", "صحيفة اليوم"],
    "aleqtisadiya": ["الاقتصادية"], "okaz": ["عكاظ"], "alwatan": ["الوطن"], "almadina": ["المدينة"],
    "alweeam": ["الوئام"], "3alyoum": ["عين اليوم"], "sabq": ["سبق"],
    "was": ["واس", "وكالة الأنباء السعودية"], "arreyadi": ["الرياضي"], "arriyadiyah": ["الرياضية"],
}
_WORD = re.compile(r"\w+")


def _corpus(lines: set[int]) -> dict[int, dict]:
    root = data_root(NEWS)
    if root is None:
        sys.exit("shared data folder not found (set TAHQIQ_DATA)")
    out = {}
    with gzip.open(root / CORPUS, "rt", encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if n in lines:
                out[n] = json.loads(line)
    return out


def longest_run(a: list[str], b: list[str]) -> int:
    """Length of the longest run of consecutive words two texts share."""
    best = 0
    prev = [0] * (len(b) + 1)
    for x in a:
        cur = [0] * (len(b) + 1)
        for j, y in enumerate(b, 1):
            if x == y:
                cur[j] = prev[j - 1] + 1
                best = max(best, cur[j])
        prev = cur
    return best


def reuse_pairs(bodies: dict[str, str]) -> tuple[list, list]:
    words = {k: _WORD.findall(v) for k, v in bodies.items()}
    grams: dict[tuple, set[str]] = defaultdict(set)
    for k, w in words.items():
        for i in range(len(w) - OPTIONAL_RUN + 1):
            grams[tuple(w[i:i + OPTIONAL_RUN])].add(k)
    cands = {tuple(sorted(p)) for ks in grams.values() if len(ks) > 1 for p in itertools.combinations(ks, 2)}
    req, opt = [], []
    for a, b in sorted(cands):
        (req if longest_run(words[a], words[b]) >= REUSE_RUN else opt).append([a, b])
    return req, opt


def _restrict(ann: dict, keys: set[str]) -> dict:
    """The part of an annotation file about the documents ``keys`` (a part may span both splits)."""
    ents = [{**e, "docs": [d for d in e["docs"] if d in keys]} for e in ann["entities"]]
    facts = [{**f, "docs": [d for d in f["docs"] if d in keys]} for f in ann["facts"]]
    return {**ann, "documents": {k: v for k, v in ann["documents"].items() if k in keys},
            "entities": [e for e in ents if e["docs"]], "facts": [f for f in facts if f["docs"]],
            "boilerplate_names": {k: v for k, v in ann.get("boilerplate_names", {}).items() if k in keys}}


_GENERIC_HEAD = ("وزاره", "مجلس", "النيابه", "المحكمه", "محكمه", "الحكومه", "رئاسه", "قياده", "هيئه", "الشرطه",
                 "الامن", "الجيش", "القوات", "الداخليه", "البرلمان")


def _merge_key(name: str) -> bool:
    """Whether a full name may join two parts' entities: not a bare institution name of one or two
    words («وزارة الداخلية», «النيابة العامة», «مجلس الوزراء» name a different body in each country)."""
    toks = norm(name).split()
    return not (len(toks) <= 2 and toks and toks[0] in _GENERIC_HEAD)


def _merge_entities(files: list[tuple[str, dict]]):
    """One entity per referent across parts: same type and an equal normalised full name (bare
    institution names excepted, see ``_merge_key``)."""
    ents, rename = [], {}
    by_name: dict[tuple[str, str], dict] = {}
    used_ids: set[str] = set()
    for part, ann in files:
        for e in ann["entities"]:
            keys = [(e["type"], norm(n)) for n in e["names"] if _merge_key(n)]
            hit = next((by_name[k] for k in keys if k in by_name), None)
            if hit is None:
                eid = e["id"]
                while eid in used_ids:
                    eid += "_"
                used_ids.add(eid)
                hit = {"id": eid, "type": e["type"], "names": [], "refs": [], "latin": e.get("latin", ""),
                       "docs": [], "optional": bool(e.get("optional"))}
                ents.append(hit)
            else:
                hit["optional"] = hit["optional"] and bool(e.get("optional"))
            rename[(part, e["id"])] = hit["id"]
            for field in ("names", "refs", "docs"):
                for x in e.get(field, []):
                    if x not in hit[field]:
                        hit[field].append(x)
            for k in keys:
                by_name.setdefault(k, hit)
    ents = _fold_same_latin(ents, rename)
    ents = _fold_short_people(ents, rename)
    for e in ents:
        e["refs"] = [r for r in e["refs"] if r not in e["names"]]
        e["docs"].sort()
        if not e["optional"]:
            del e["optional"]
    return ents, rename


_GENERIC_LATIN = {"ministry", "of", "the", "interior", "defence", "defense", "government", "council", "public",
                  "prosecution", "court", "police", "army", "forces", "security", "office", "agency", "general",
                  "national", "state", "department", "authorities", "criminal", "ministers"}


def _drop_moved(ents: list[dict], rename: dict, moved: dict[str, str]) -> list[dict]:
    """Point the parts' ids of folded entities (``moved``: id -> id it joined) at the entity that
    took them in, and leave the folded ones out."""
    for key, eid in rename.items():
        if eid in moved:
            rename[key] = moved[eid]
    return [e for e in ents if e["id"] not in moved]


def _fold_same_latin(ents: list[dict], rename: dict) -> list[dict]:
    """Entities of one type that two parts gave the same Latin name («Muslim Brotherhood» with
    other Arabic forms) are one referent, unless that Latin name is generic («Ministry of
    Interior» names a different body in each country)."""
    first: dict[tuple[str, str], dict] = {}
    moved = {}
    for e in ents:
        latin = " ".join((e.get("latin") or "").lower().replace("(", " ").replace(")", " ").split())
        if not latin or not set(latin.replace("-", " ").split()) - _GENERIC_LATIN:
            continue
        target = first.setdefault((e["type"], latin), e)
        if target is not e:
            for field in ("names", "refs", "docs"):
                target[field] += [x for x in e[field] if x not in target[field]]
            target["docs"].sort()
            moved[e["id"]] = target["id"]
    return _drop_moved(ents, rename, moved)


def _fold_short_people(ents: list[dict], rename: dict) -> list[dict]:
    """A person a part knew only by one word («صالح», «الظواهري»: the part's articles never give the
    full name) is the person another part names in full when exactly one such person has that word
    as a ref or as the last word of a full name, or the same Latin name; the word becomes a ref."""
    moved = {}
    for e in ents:
        words = {norm(n) for n in e["names"]}
        if e["type"] != "PER" or any(len(w.split()) > 1 for w in words):
            continue
        cands = [o for o in ents if o is not e and o["type"] == "PER" and any(len(norm(n).split()) > 1 for n in o["names"])
                 and (words & ({norm(r) for r in o["refs"]} | {norm(n).split()[-1] for n in o["names"]})
                      or (e.get("latin") and e["latin"].lower() == (o.get("latin") or "").lower()))]
        if len(cands) == 1:
            target = cands[0]
            target["refs"] += [n for n in e["names"] + e["refs"] if n not in target["refs"]]
            target["docs"] = sorted(set(target["docs"]) | set(e["docs"]))
            moved[e["id"]] = target["id"]
    return _drop_moved(ents, rename, moved)


def _facts(files, rename):
    merged: dict[tuple, dict] = {}
    for part, ann in files:
        for f in ann["facts"]:
            s = rename[(part, f["s"])]
            o = rename.get((part, f["o"]), f["o"]) if isinstance(f["o"], str) else f["o"]
            key = (s, f["p"], o)
            g = merged.setdefault(key, {"s": s, "p": f["p"], "o": o, "docs": [], "optional_docs": [], "quotes": {}})
            target = g["optional_docs"] if f.get("hedged") else g["docs"]
            for d in f["docs"]:
                if d not in g["docs"] and d not in g["optional_docs"]:
                    target.append(d)
                g["quotes"].setdefault(d, (f.get("quotes") or {}).get(d, ""))
    out = []
    for g in merged.values():
        g["docs"].sort()
        g["optional_docs"].sort()
        if not g["optional_docs"]:
            del g["optional_docs"]
        out.append(g)
    return sorted(out, key=lambda f: (f["s"], f["p"], str(f["o"]), f["docs"]))


def _dev_articles(root) -> dict:
    with open(root / "dev" / "gold.json", encoding="utf-8") as fh:
        g = json.load(fh)
    # Their gold was written with a smaller vocabulary (no member_of, no arrested_by): each
    # document names the predicates it annotates, and claims of others are not judged there.
    vocab = sorted({f["p"] for f in g["facts"]})
    docs = {k: {"corpus": "dev/articles", "file": d["file"], "story": "deir_ezzor_isis_flight_2017",
                **{f: d.get(f) for f in ("outlet", "published", "title", "byline")}, "predicates": vocab}
            for k, d in g["documents"].items()}
    return {"documents": docs, "entities": g["entities"], "facts": g["facts"], "reuse": g.get("reuse", []),
            "reuse_optional": g.get("reuse_optional", []), "boilerplate_names": g.get("boilerplate_names", {})}


def build_split(split: str, stories: dict[str, list[int]], corpus: dict[int, dict]) -> dict:
    keys = {f"sn{n - 1}": (story, n) for story, lines in stories.items() for n in lines}
    files = []
    for path in sorted(glob.glob(os.path.join(NEWS, "passes", "adjudicated_*.json"))):
        with open(path, encoding="utf-8") as fh:
            ann = json.load(fh)
        if set(ann["documents"]) & set(keys):
            files.append((os.path.basename(path), _restrict(ann, set(keys))))
    ents, rename = _merge_entities(files)
    facts = _facts(files, rename)
    documents, bodies, boiler = {}, {}, {}
    for key, (story, n) in sorted(keys.items(), key=lambda kv: kv[1][1]):
        rec = corpus[n]
        byline = next((a["documents"][key].get("byline") for _, a in files if key in a["documents"]), None)
        documents[key] = {"corpus": CORPUS, "line": n, "url": rec["url"], "story": story, "outlet": rec["source"],
                          "published": rec["date_extracted"][:10], "title": rec["title"], "byline": byline}
        bodies[key] = rec["content"]
    missing = sorted(set(keys) - {d for _, a in files for d in a["documents"]})
    if missing:
        sys.exit(f"{split}: no adjudicated annotation for {missing}")
    for _, a in files:
        for k, names in a.get("boilerplate_names", {}).items():
            if names:
                boiler.setdefault(k, []).extend(n for n in names if n not in boiler.get(k, []))
    reuse, reuse_opt = reuse_pairs(bodies)
    gold = {"about": f"News evaluation corpus, {split} split: see eval/news/README.md and GUIDELINES.md. "
                     f"Articles are read from the shared data folder (corpus + line); this file holds ids and "
                     f"short quotes only.",
            "split": split, "outlet_names": OUTLET_NAMES, "documents": documents, "entities": ents,
            "facts": facts, "reuse": reuse, "reuse_optional": reuse_opt, "boilerplate_names": boiler}
    if split == "dev":
        dev = _dev_articles(data_root(NEWS))
        gold["documents"].update(dev["documents"])
        taken = {e["id"] for e in gold["entities"]}
        ren = {}
        for e in dev["entities"]:
            eid = e["id"] if e["id"] not in taken else f"dev_{e['id']}"
            ren[e["id"]] = eid
            gold["entities"].append({**e, "id": eid})
        for f in dev["facts"]:
            gold["facts"].append({**f, "s": ren.get(f["s"], f["s"]), "o": ren.get(f["o"], f["o"])})
        gold["reuse"] += dev["reuse"]
        gold["reuse_optional"] += dev["reuse_optional"]
        gold["boilerplate_names"].update(dev["boilerplate_names"])
    return gold


def main(argv: list[str] | None = None) -> int:
    import argparse

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--split", choices=("test", "dev"), action="append",
                    help="assemble only this split (repeatable; default both)")
    splits = ap.parse_args(argv).split or ["test", "dev"]
    with open(os.path.join(NEWS, "stories.json"), encoding="utf-8") as fh:
        stories = json.load(fh)
    lines = {n for split in splits for ls in stories[split].values() for n in ls}
    corpus = _corpus(lines)
    for split in splits:
        gold = build_split(split, stories[split], corpus)
        os.makedirs(os.path.join(NEWS, split), exist_ok=True)
        with open(os.path.join(NEWS, split, "gold.json"), "w", encoding="utf-8") as fh:
            json.dump(gold, fh, ensure_ascii=False, indent=1)
            fh.write("\n")
        print(f"{split}: {len(gold['documents'])} documents, {len(gold['entities'])} entities, "
              f"{len(gold['facts'])} facts, {len(gold['reuse'])} reuse pairs (+{len(gold['reuse_optional'])} optional)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
