"""Score an export against a gold file (``spec/gold-format.md``).

Matching rules follow the spec: an exported name matches a gold name when it
equals it after Arabic normalisation or contains it as whole tokens; ``refs``
match only when equal. Scores are computed over (entity, document) and
(fact, document) pairs.
"""

from __future__ import annotations

import json
import os
import re
from collections import defaultdict
from typing import Any

from tahqiq.errors import GoldFormatError
from tahqiq.resolve.gazetteer import countries, demonyms
from tahqiq.text.normalize import norm

WENT_TO = {"fled_to", "arrived_in", "traveled_to", "went_to"}
SCORED_TYPES = ("PER", "ORG", "LOC")


def load_gold(path: str) -> dict[str, Any]:
    try:
        with open(path, encoding="utf-8") as fh:
            gold = json.load(fh)
    except OSError as e:
        raise GoldFormatError(f"{path}: cannot read gold file ({e.strerror})") from None
    except json.JSONDecodeError as e:
        raise GoldFormatError(f"{path}:{e.lineno}: invalid JSON ({e.msg})") from None
    for key in ("documents", "entities", "facts"):
        if key not in gold:
            raise GoldFormatError(f"{path}: gold file has no {key!r} (see spec/gold-format.md)")
    return gold


def _toks(s: str) -> list[str]:
    return norm(s).replace("#", " ").split()


def _contains(hay: list[str], needle: list[str]) -> bool:
    n = len(needle)
    return n > 0 and any(hay[i:i + n] == needle for i in range(len(hay) - n + 1))


def name_matches(name: str, g: dict[str, Any]) -> bool:
    t = _toks(name)
    if any(t == _toks(x) or _contains(t, _toks(x)) for x in g["names"]):
        return True
    return any(t == _toks(r) for r in g.get("refs", []))


def _doc_keys(export: dict[str, Any], gold: dict[str, Any]) -> dict[str, str]:
    """Exported document id -> gold document key (by the basename of ``source``)."""
    out = {}
    for d in export["documents"]:
        base = os.path.basename(str(d.get("source", "")))
        for key, gd in gold["documents"].items():
            if base == gd.get("file") or base.startswith(key):
                out[d["id"]] = key
    return out


def _prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(100 * p, 2), "recall": round(100 * r, 2), "f1": round(100 * f, 2),
            "tp": tp, "fp": fp, "fn": fn}


def score(export: dict[str, Any], gold: dict[str, Any]) -> dict[str, Any]:
    keys = _doc_keys(export, gold)
    gents = {g["id"]: g for g in gold["entities"]}
    # (exported entity, gold doc) -> mention texts, per type
    ent_docs: dict[tuple[str, str], list[str]] = defaultdict(list)
    etype = {}
    for e in export["entities"]:
        etype[e["id"]] = e["type"]
        for m in e["mentions"]:
            if m["doc"] in keys:
                ent_docs[(e["id"], keys[m["doc"]])].append(m["text"])
    # gold entity -> exported entities matching it, per doc
    match: dict[tuple[str, str], list[str]] = defaultdict(list)
    matched_gold_of: dict[tuple[str, str], set[str]] = defaultdict(set)
    for (eid, dk), texts in ent_docs.items():
        for g in gents.values():
            if dk in g["docs"] and any(name_matches(t, g) for t in texts):
                match[(g["id"], dk)].append(eid)
                matched_gold_of[(eid, dk)].add(g["id"])
    out: dict[str, Any] = {"documents_matched": f"{len(set(keys.values()))}/{len(gold['documents'])}"}
    out["entity_recall"] = _entity_recall(gents, match, etype)
    out["person_precision"] = _person_precision(ent_docs, etype, matched_gold_of, gents)
    out["person_resolution"] = _resolution(gents, match, ent_docs, matched_gold_of)
    out["claims"] = _claims(export, gold, keys, gents)
    out["reuse"] = _reuse(export, gold, keys)
    out["boilerplate_leaks"] = _leaks(ent_docs, gold)
    out["metadata"] = _metadata(export, gold, keys)
    return out


def _entity_recall(gents, match, etype) -> dict[str, Any]:
    res = {}
    for t in SCORED_TYPES:
        tp = fn = 0
        for g in gents.values():
            if g["type"] != t or g.get("optional"):
                continue
            for dk in g["docs"]:
                if any(etype[e] == t for e in match.get((g["id"], dk), [])):
                    tp += 1
                else:
                    fn += 1
        res[t] = round(100 * tp / (tp + fn), 2) if tp + fn else None
    return res


def _person_precision(ent_docs, etype, matched_gold_of, gents) -> dict[str, Any]:
    tp = fp = 0
    wrong = []
    for (eid, dk), texts in ent_docs.items():
        if etype[eid] != "PER":
            continue
        if any(gents[g]["type"] == "PER" for g in matched_gold_of.get((eid, dk), ())):
            tp += 1
        else:
            fp += 1
            wrong.append(f"{dk}:{texts[0]}")
    p = round(100 * tp / (tp + fp), 2) if tp + fp else 0.0
    return {"precision": p, "tp": tp, "fp": fp, "false": sorted(wrong)}


def _resolution(gents, match, ent_docs, matched_gold_of) -> dict[str, Any]:
    # System cluster of a gold (person, doc) item: the exported entity matched to it there.
    items: dict[tuple[str, str], str] = {}
    for g in gents.values():
        if g["type"] != "PER" or g.get("optional"):
            continue
        for dk in g["docs"]:
            cands = match.get((g["id"], dk), [])
            items[(g["id"], dk)] = max(cands, key=lambda e: len(ent_docs[(e, dk)])) if cands else f"missing:{g['id']}:{dk}"
    by_sys: dict[str, set] = defaultdict(set)
    by_gold: dict[str, set] = defaultdict(set)
    for it, sysc in items.items():
        by_sys[sysc].add(it)
        by_gold[it[0]].add(it)
    p = r = 0.0
    for it, sysc in items.items():
        inter = len(by_sys[sysc] & by_gold[it[0]])
        p += inter / len(by_sys[sysc])
        r += inter / len(by_gold[it[0]])
    n = len(items) or 1
    p, r = p / n, r / n
    f = 2 * p * r / (p + r) if p + r else 0.0
    multi = [g for g in gents.values() if g["type"] == "PER" and not g.get("optional") and len(g["docs"]) > 1]
    one = sum(1 for g in multi if len({items[(g["id"], d)] for d in g["docs"]}) == 1
              and not items[(g["id"], g["docs"][0])].startswith("missing:"))
    over = defaultdict(set)
    for (eid, dk), gs in matched_gold_of.items():
        for g in gs:
            if gents[g]["type"] == "PER" and not gents[g].get("optional"):
                over[eid].add(g)
    over_merged = sorted(eid for eid, gs in over.items() if len(gs) > 1)
    return {"bcubed_precision": round(100 * p, 2), "bcubed_recall": round(100 * r, 2), "bcubed_f1": round(100 * f, 2),
            "multi_doc_people": len(multi), "multi_doc_people_one_entity": one, "over_merged": len(over_merged)}


def _country_code(text: str) -> str | None:
    n = norm(text).strip()
    if n in demonyms():
        return demonyms()[n] or None
    for code, p in countries().items():
        if norm(p.arabic) == n:
            return code
    return None


def _number(text: str) -> float | None:
    m = re.search(r"\d+(?:\.\d+)?", norm(str(text)).replace(",", ""))
    return float(m.group()) if m else None


def _object_ok(fact, obj, ent_names, gents) -> bool:
    o = fact["o"]
    if o in gents:
        names = ent_names.get(obj.get("entity"), []) if "entity" in obj else [str(obj.get("text", ""))]
        return any(name_matches(n, gents[o]) for n in names)
    p = fact["p"]
    text = str(obj.get("text", "")) if "entity" not in obj else " ".join(ent_names.get(obj["entity"], []))
    if p in ("paid", "carried", "age"):
        val = obj.get("value", _number(text))
        return val is not None and _number(o) is not None and abs(float(val) - _number(o)) < 0.5
    if p in ("nationality", "passport"):
        code = obj.get("country") or _country_code(text) or (
            next((c for n in ent_names.get(obj.get("entity"), []) if (c := _country_code(n))), None))
        return code is not None and code == _country_code(o)
    if p == "role":
        gw = set(_toks(o))
        return len(gw & set(_toks(text))) >= max(1, (len(gw) + 1) // 2)
    return bool(_toks(o)) and (_toks(o) == _toks(text) or _contains(_toks(text), _toks(o)))


def _claims(export, gold, keys, gents) -> dict[str, Any]:
    ent_names: dict[str, list[str]] = {}
    for e in export["entities"]:
        ent_names[e["id"]] = list({*e.get("names", []), *e.get("aliases", []), *(m["text"] for m in e["mentions"])})
    # exported (claim, doc) pairs
    pairs = []
    for c in export["claims"]:
        for dk in sorted({keys[ev["doc"]] for ev in c["evidence"] if ev["doc"] in keys}):
            pairs.append((c, dk))
    gold_pairs = [(i, f, dk) for i, f in enumerate(gold["facts"]) for dk in f["docs"]]
    optional = {(i, dk) for i, f in enumerate(gold["facts"]) for dk in f.get("optional_docs", [])}
    found: set[tuple[int, str]] = set()
    tp = fp = 0
    false = []
    for c, dk in pairs:
        hit = False
        for i, f in enumerate(gold["facts"]):
            if dk not in f["docs"] and (i, dk) not in optional:
                continue
            pc = "went_to" if c["predicate"] in WENT_TO else c["predicate"]
            if pc != f["p"] or f["s"] not in gents:
                continue
            if not any(name_matches(n, gents[f["s"]]) for n in ent_names.get(c["subject"], [])):
                continue
            if _object_ok(f, c["object"], ent_names, gents):
                hit = True
                if dk in f["docs"]:
                    found.add((i, dk))
        if hit:
            tp += 1
        else:
            fp += 1
            obj = c["object"]
            otext = obj.get("text") or obj.get("value") or ent_names.get(obj.get("entity"), ["?"])[0]
            false.append(f"{dk}:{(ent_names.get(c['subject']) or ['?'])[0]} {c['predicate']} {otext}")
    fn = len(gold_pairs) - len(found)
    res = _prf(tp, fp, fn)
    res["recall"] = round(100 * len(found) / len(gold_pairs), 2) if gold_pairs else 0.0
    p, r = res["precision"], res["recall"]
    res["f1"] = round(2 * p * r / (p + r), 2) if p + r else 0.0
    res["missed"] = [f"{dk}:{f['s']} {f['p']} {f['o']}" for i, f, dk in gold_pairs if (i, dk) not in found]
    res["false"] = sorted(false)
    return res


def _reuse(export, gold, keys) -> dict[str, Any]:
    gold_pairs = {tuple(sorted(p)) for p in gold.get("reuse", [])}
    optional = {tuple(sorted(p)) for p in gold.get("reuse_optional", [])}
    sys_pairs = set()
    for r in export.get("reuse", []):
        a, b = r["docs"]
        if a in keys and b in keys:
            sys_pairs.add(tuple(sorted((keys[a], keys[b]))))
    sys_pairs -= optional
    tp = len(sys_pairs & gold_pairs)
    return _prf(tp, len(sys_pairs - gold_pairs), len(gold_pairs - sys_pairs))


def _leaks(ent_docs, gold) -> dict[str, Any]:
    leaked = []
    total = 0
    for dk, names in gold.get("boilerplate_names", {}).items():
        for n in names:
            total += 1
            if any(d == dk and any(_toks(t) == _toks(n) or _contains(_toks(t), _toks(n)) for t in texts)
                   for (e, d), texts in ent_docs.items()):
                leaked.append(f"{dk}:{n}")
    return {"leaked": len(leaked), "of": total, "names": leaked}


def _metadata(export, gold, keys) -> dict[str, Any]:
    res = {}
    docs = {keys[d["id"]]: d for d in export["documents"] if d["id"] in keys}
    for field in ("outlet", "published", "title", "byline"):
        ok = n = 0
        for dk, gd in gold["documents"].items():
            if field not in gd:
                continue
            n += 1
            got = docs.get(dk, {}).get(field)
            want = gd[field]
            if (got is None and want is None) or (got is not None and want is not None
                                                 and _toks(str(got)) == _toks(str(want))):
                ok += 1
        res[field] = round(100 * ok / n, 2) if n else None
    return res


def format_report(s: dict[str, Any]) -> str:
    er, pp, pr, cl, ru, lk, md = (s["entity_recall"], s["person_precision"], s["person_resolution"],
                                  s["claims"], s["reuse"], s["boilerplate_leaks"], s["metadata"])
    lines = [
        f"documents matched        {s['documents_matched']}",
        f"entity recall            PER {er['PER']}  ORG {er['ORG']}  LOC {er['LOC']}",
        f"person precision         {pp['precision']}  ({pp['tp']} right, {pp['fp']} wrong)",
        f"person resolution        B3 P {pr['bcubed_precision']}  R {pr['bcubed_recall']}  F1 {pr['bcubed_f1']}",
        f"multi-doc people as one  {pr['multi_doc_people_one_entity']}/{pr['multi_doc_people']}"
        f"   over-merged persons {pr['over_merged']}",
        f"claims                   P {cl['precision']}  R {cl['recall']}  F1 {cl['f1']}"
        f"  ({cl['tp']} right, {cl['fp']} wrong, {len(cl['missed'])} missed)",
        f"reuse pairs              P {ru['precision']}  R {ru['recall']}  F1 {ru['f1']}",
        f"boilerplate names leaked {lk['leaked']}/{lk['of']}",
        f"metadata accuracy        outlet {md['outlet']}  date {md['published']}  title {md['title']}"
        f"  byline {md['byline']}",
    ]
    return "\n".join(lines)
