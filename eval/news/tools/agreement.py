"""Agreement between two independent annotation passes of the same articles.

    python eval/news/tools/agreement.py A.json B.json [--diff]
    python eval/news/tools/agreement.py --passes eval/news/passes   # table over all parts


Each pass is a file in the annotation schema (GUIDELINES.md, README.md): entities with names and
documents, facts with subject, predicate, object, documents and quotes. Pass A is taken as the
reference and pass B as the response; the F1 figures are symmetric.

- entity agreement: F1 over (entity, document) pairs of the same type whose names match (an
  entity of one pass matches one of the other when one of its names equals, or contains as whole
  tokens, one of the other's names or refs);
- fact agreement: F1 over (fact, document) pairs with the same predicate class, matching
  subjects, and matching objects (entity objects by name; literals by the scorer's rules:
  roles on most of their words, numbers on their value, nationalities on the country);
- reuse agreement: F1 over document pairs.

``--diff`` prints the facts only one pass has, for adjudication.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict

from tahqiq.evaluate.gold import _object_ok, name_matches, predicate_class


def _load(path: str) -> dict:
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


def _same(e1: dict, e2: dict) -> bool:
    if e1["type"] != e2["type"]:
        return False
    return (any(name_matches(n, e2) for n in e1["names"]) or any(name_matches(n, e1) for n in e2["names"]))


def entity_map(a: dict, b: dict) -> dict[str, set[str]]:
    """Entity id of A -> ids of B entities that are the same referent."""
    out: dict[str, set[str]] = defaultdict(set)
    for ea in a["entities"]:
        for eb in b["entities"]:
            if _same(ea, eb):
                out[ea["id"]].add(eb["id"])
    return out


def _f1(match: int, na: int, nb: int) -> dict:
    p = match / nb if nb else 0.0
    r = match / na if na else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"f1": round(100 * f, 1), "a": na, "b": nb, "matched": match}


def entity_agreement(a: dict, b: dict, emap: dict[str, set[str]]) -> dict:
    """Per type: recall of A's (entity, document) pairs in B, precision of B's in A, and their F1."""
    res = {}
    back: dict[str, set[str]] = defaultdict(set)
    for ida, ids in emap.items():
        for idb in ids:
            back[idb].add(ida)
    adocs = {e["id"]: set(e["docs"]) for e in a["entities"]}
    bdocs = {e["id"]: set(e["docs"]) for e in b["entities"]}
    for t in ("PER", "ORG", "LOC"):
        pa = [(e["id"], d) for e in a["entities"] if e["type"] == t and not e.get("optional") for d in e["docs"]]
        pb = [(e["id"], d) for e in b["entities"] if e["type"] == t and not e.get("optional") for d in e["docs"]]
        ma = sum(1 for eid, d in pa if any(d in bdocs[x] for x in emap.get(eid, ())))
        mb = sum(1 for eid, d in pb if any(d in adocs[x] for x in back.get(eid, ())))
        r = ma / len(pa) if pa else 0.0
        p = mb / len(pb) if pb else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        res[t] = {"f1": round(100 * f, 1), "a": len(pa), "b": len(pb), "matched_a": ma, "matched_b": mb}
    return res


def _fact_match(fa: dict, fb: dict, a_ents: dict, b_ents: dict, emap: dict[str, set[str]]) -> bool:
    if predicate_class(fa["p"]) != predicate_class(fb["p"]):
        return False
    if fb["s"] not in emap.get(fa["s"], ()):
        return False
    if fa["o"] in a_ents:
        return fb["o"] in emap.get(fa["o"], set()) or (fb["o"] not in b_ents
                                                        and name_matches(fb["o"], a_ents[fa["o"]]))
    obj = {"entity": fb["o"]} if fb["o"] in b_ents else {"text": fb["o"]}
    names = {fb["o"]: b_ents[fb["o"]]["names"]} if fb["o"] in b_ents else {}
    return _object_ok({"p": fa["p"], "o": fa["o"]}, obj, names, {})


def fact_pairs(x: dict) -> list[tuple[dict, str]]:
    return [(f, d) for f in x["facts"] for d in f["docs"]]


def fact_agreement(a: dict, b: dict, emap: dict[str, set[str]]) -> tuple[dict, list, list]:
    a_ents = {e["id"]: e for e in a["entities"]}
    b_ents = {e["id"]: e for e in b["entities"]}
    pa, pb = fact_pairs(a), fact_pairs(b)
    used: set[int] = set()
    only_a = []
    m = 0
    for fa, d in pa:
        hit = next((j for j, (fb, db) in enumerate(pb)
                    if j not in used and db == d and _fact_match(fa, fb, a_ents, b_ents, emap)), None)
        if hit is None:
            only_a.append((fa, d))
        else:
            used.add(hit)
            m += 1
    only_b = [pb[j] for j in range(len(pb)) if j not in used]
    per: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for fa, d in pa:
        per[predicate_class(fa["p"])][0] += 1
    for fb, d in pb:
        per[predicate_class(fb["p"])][1] += 1
    for fa, d in pa:
        if (fa, d) not in only_a:
            per[predicate_class(fa["p"])][2] += 1
    res = _f1(m, len(pa), len(pb))
    res["per_predicate"] = {p: _f1(v[2], v[0], v[1]) for p, v in sorted(per.items())}
    return res, only_a, only_b


def reuse_agreement(a: dict, b: dict) -> dict:
    ra = {tuple(sorted(p)) for p in a.get("reuse", [])}
    rb = {tuple(sorted(p)) for p in b.get("reuse", [])}
    return _f1(len(ra & rb), len(ra), len(rb))


def agreement(a: dict, b: dict) -> tuple[dict, list, list]:
    emap = entity_map(a, b)
    facts, only_a, only_b = fact_agreement(a, b, emap)
    return {"entities": entity_agreement(a, b, emap), "facts": facts, "reuse": reuse_agreement(a, b)}, only_a, only_b


def _pooled(rows: list[dict]) -> float:
    a = sum(r["a"] for r in rows)
    b = sum(r["b"] for r in rows)
    ma = sum(r.get("matched_a", r.get("matched", 0)) for r in rows)
    mb = sum(r.get("matched_b", r.get("matched", 0)) for r in rows)
    p, r = (mb / b if b else 0.0), (ma / a if a else 0.0)
    return round(100 * 2 * p * r / (p + r), 1) if p + r else 0.0


def table(passes: str) -> str:
    """Markdown table of the agreement per part (A_X.json vs B_X.json) and pooled over the parts;
    also each pass's reuse pairs against the gold's mechanical rule when the gold files exist."""
    import glob
    import os

    parts = sorted(os.path.basename(p)[2:-5] for p in glob.glob(os.path.join(passes, "A_*.json")))
    rows = []
    lines = ["| part | PER | ORG | LOC | facts (A / B pairs) | fact F1 |", "|---|---:|---:|---:|---:|---:|"]
    for part in parts:
        res, _, _ = agreement(_load(os.path.join(passes, f"A_{part}.json")), _load(os.path.join(passes, f"B_{part}.json")))
        rows.append(res)
        e, f = res["entities"], res["facts"]
        lines.append(f"| {part} | {e['PER']['f1']} | {e['ORG']['f1']} | {e['LOC']['f1']} | {f['a']} / {f['b']} | {f['f1']} |")
    lines.append("| **all** | " + " | ".join(str(_pooled([r["entities"][t] for r in rows])) for t in ("PER", "ORG", "LOC"))
                 + f" | {sum(r['facts']['a'] for r in rows)} / {sum(r['facts']['b'] for r in rows)} | "
                 f"**{_pooled([r['facts'] for r in rows])}** |")
    preds = sorted({p for r in rows for p in r["facts"]["per_predicate"]})
    lines += ["", "| predicate class | A pairs | B pairs | F1 |", "|---|---:|---:|---:|"]
    for p in preds:
        sub = [r["facts"]["per_predicate"][p] for r in rows if p in r["facts"]["per_predicate"]]
        lines.append(f"| {p} | {sum(x['a'] for x in sub)} | {sum(x['b'] for x in sub)} | {_pooled(sub)} |")
    adjudicated = [p for p in parts if os.path.exists(os.path.join(passes, f"adjudicated_{p}.json"))]
    if adjudicated:
        lines += ["", "| pass against the adjudicated result | PER | ORG | LOC | fact F1 |", "|---|---:|---:|---:|---:|"]
        for who in ("A", "B"):
            res = [agreement(_load(os.path.join(passes, f"adjudicated_{p}.json")),
                             _load(os.path.join(passes, f"{who}_{p}.json")))[0] for p in adjudicated]
            lines.append(f"| {who} | " + " | ".join(str(_pooled([r["entities"][t] for r in res])) for t in ("PER", "ORG", "LOC"))
                         + f" | {_pooled([r['facts'] for r in res])} |")
    golds = [os.path.join(os.path.dirname(os.path.abspath(passes)), split, "gold.json") for split in ("test", "dev")]
    golds = [_load(g) for g in golds if os.path.exists(g)]
    if golds:
        req = {tuple(sorted(p)) for g in golds for p in g.get("reuse", []) if all(x.startswith("sn") for x in p)}
        opt = {tuple(sorted(p)) for g in golds for p in g.get("reuse_optional", [])}
        lines += ["", "| pass | reuse pairs marked | P vs the mechanical rule | R |", "|---|---:|---:|---:|"]
        for who in ("A", "B"):
            marked = set()
            for part in parts:
                marked |= {tuple(sorted(p)) for p in _load(os.path.join(passes, f"{who}_{part}.json")).get("reuse", [])}
            scored = marked - opt
            p = 100 * len(scored & req) / len(scored) if scored else 0.0
            r = 100 * len(marked & req) / len(req) if req else 0.0
            lines.append(f"| {who} | {len(marked)} | {p:.1f} | {r:.1f} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("a", nargs="?")
    ap.add_argument("b", nargs="?")
    ap.add_argument("--diff", action="store_true")
    ap.add_argument("--passes", help="folder of A_*.json / B_*.json pass files: print the agreement table")
    args = ap.parse_args(argv)
    if args.passes:
        print(table(args.passes))
        return 0
    if not (args.a and args.b):
        ap.error("give A.json B.json, or --passes DIR")
    res, only_a, only_b = agreement(_load(args.a), _load(args.b))
    json.dump(res, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")
    if args.diff:
        for label, rows in (("only in A", only_a), ("only in B", only_b)):
            print(f"\n## {label}")
            for f, d in rows:
                print(f"{d}\t{f['s']}\t{f['p']}\t{f['o']}\t{(f.get('quotes') or {}).get(d, '')[:120]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
