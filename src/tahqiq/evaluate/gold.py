"""Score an export against a gold file (``docs/gold-format.md``).

Matching rules follow the spec: an exported name matches a gold name when it
equals it after Arabic normalisation or contains it as whole tokens; ``refs``
match only when equal. Scores are computed over (entity, document) and
(fact, document) pairs, overall, per predicate class and per story.

A gold file may name where its articles come from (``corpus`` on each
document: a line of a JSONL corpus or a file of a folder under the shared data
folder); ``articles_for`` then gathers them so ``tahqiq eval GOLD`` needs no
other argument.
"""

from __future__ import annotations

import gzip
import json
import os
import re
from collections import defaultdict
from pathlib import Path
from typing import Any

from tahqiq.errors import GoldFormatError
from tahqiq.knowledge.gazetteer import countries, demonyms
from tahqiq.text.normalize import norm
from tahqiq.vocabulary import WENT_TO, predicate_class  # noqa: F401 - re-exported for the gold tools

SCORED_TYPES = ("PER", "ORG", "LOC")


def load_gold(path: str) -> dict[str, Any]:
    try:
        with open(path, encoding="utf-8") as fh:
            gold = json.load(fh)
    except OSError as e:
        raise GoldFormatError(f"{path}: cannot read gold file ({e.strerror})") from None
    except json.JSONDecodeError as e:
        raise GoldFormatError(f"{path}:{e.lineno}: invalid JSON ({e.msg})") from None
    if not isinstance(gold, dict):
        raise GoldFormatError(f"{path}: gold file is not a JSON object (see docs/gold-format.md)")
    for key in ("documents", "entities", "facts"):
        if key not in gold:
            raise GoldFormatError(f"{path}: gold file has no {key!r} (see docs/gold-format.md)")
    gold["_path"] = os.path.abspath(path)
    return gold


def data_root(gold_path: str) -> Path | None:
    """The shared data folder: ``$TAHQIQ_DATA``, else the first ``shared/data`` beside the gold file
    or one of its parent folders, else beside the working directory or one of its parents."""
    env = os.environ.get("TAHQIQ_DATA")
    if env:
        return Path(env)
    for start in (Path(gold_path).resolve().parent, Path.cwd().resolve()):
        for d in (start, *start.parents):
            if (d / "shared" / "data").is_dir():
                return d / "shared" / "data"
    return None


def articles_for(gold: dict[str, Any], workdir: str) -> list[str]:
    """Paths to build for a gold file whose documents name their ``corpus``.

    JSONL corpus lines are copied into one JSONL file under ``workdir`` (the article texts stay in
    the shared data folder; the gold holds only their line numbers); folder documents are given by
    their own paths. Raises ``GoldFormatError`` when the data is missing or does not match."""
    path = gold.get("_path", "gold file")
    root = data_root(path)
    lines: dict[str, dict[int, str]] = defaultdict(dict)
    files: list[str] = []
    for key, d in gold["documents"].items():
        corpus = d.get("corpus")
        if not corpus:
            raise GoldFormatError(f"{path}: document {key} names no corpus; give --articles DIR or --db URL")
        if root is None:
            raise GoldFormatError(f"{path}: shared data folder not found (set TAHQIQ_DATA to .../shared/data)")
        if "line" in d:
            lines[corpus][int(d["line"])] = key
        else:
            f = root / corpus / d["file"]
            if not f.is_file():
                raise GoldFormatError(f"{path}: document {key}: {f} not found")
            files.append(str(f))
    for corpus, want in lines.items():
        assert root is not None  # lines are filled only after root was checked
        src = root / corpus
        if not src.is_file():
            raise GoldFormatError(f"{path}: corpus {src} not found")
        out = os.path.join(workdir, os.path.basename(corpus).replace(".gz", "").replace(".jsonl", "") + ".jsonl")
        got = 0
        opener = gzip.open if corpus.endswith(".gz") else open
        with opener(src, "rt", encoding="utf-8") as fh, open(out, "w", encoding="utf-8") as w:
            for n, line in enumerate(fh, 1):
                if n in want:
                    url = json.loads(line).get("url")
                    gd = gold["documents"][want[n]]
                    if gd.get("url") and url != gd["url"]:
                        raise GoldFormatError(f"{path}: document {want[n]}: line {n} of {src} is {url}, "
                                              f"not {gd['url']}")
                    w.write(line if line.endswith("\n") else line + "\n")
                    got += 1
        if got != len(want):
            raise GoldFormatError(f"{path}: {src} has {got} of the {len(want)} lines the gold names")
        files.append(out)
    return files


def subset(gold: dict[str, Any], keys: set[str]) -> dict[str, Any]:
    """The part of a gold file about the documents ``keys`` (for per-story scores)."""
    ents = []
    for g in gold["entities"]:
        docs = [d for d in g["docs"] if d in keys]
        if docs:
            ents.append({**g, "docs": docs})
    facts = []
    for f in gold["facts"]:
        docs = [d for d in f["docs"] if d in keys]
        opt = [d for d in f.get("optional_docs", []) if d in keys]
        if docs or opt:
            facts.append({**f, "docs": docs, "optional_docs": opt})
    out = {k: v for k, v in gold.items() if k not in ("documents", "entities", "facts", "reuse",
                                                       "reuse_optional", "boilerplate_names")}
    out.update({
        "documents": {k: v for k, v in gold["documents"].items() if k in keys},
        "entities": ents, "facts": facts,
        "reuse": [p for p in gold.get("reuse", []) if set(p) <= keys],
        "reuse_optional": [p for p in gold.get("reuse_optional", []) if set(p) <= keys],
        "boilerplate_names": {k: v for k, v in gold.get("boilerplate_names", {}).items() if k in keys},
    })
    return out


def stories(gold: dict[str, Any]) -> dict[str, set[str]]:
    """Story name -> its document keys (documents without a ``story`` are left out)."""
    out: dict[str, set[str]] = defaultdict(set)
    for key, d in gold["documents"].items():
        if d.get("story"):
            out[d["story"]].add(key)
    return dict(sorted(out.items()))


def score_all(export: dict[str, Any], gold: dict[str, Any]) -> dict[str, Any]:
    """``score`` overall, plus ``per_story`` when the gold's documents name their stories."""
    res = score(export, gold)
    by_story = stories(gold)
    if by_story:
        res["per_story"] = {name: score(export, subset(gold, keys)) for name, keys in by_story.items()}
    return res


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
    by_url = {gd["url"]: key for key, gd in gold["documents"].items() if gd.get("url")}
    for d in export["documents"]:
        source = str(d.get("source", ""))
        if source in by_url:
            out[d["id"]] = by_url[source]
            continue
        base = os.path.basename(source)
        for key, gd in gold["documents"].items():
            if "line" not in gd and (base == gd.get("file") or base.startswith(key)):
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
    precision = {t: _precision(ent_docs, etype, matched_gold_of, gents, t) for t in SCORED_TYPES}
    out["person_precision"] = precision["PER"]
    out["entity_precision"] = {t: p["precision"] for t, p in precision.items()}
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


def _precision(ent_docs, etype, matched_gold_of, gents, t: str) -> dict[str, Any]:
    """Exported (entity, document) pairs of type ``t`` that match a gold entity of that type there
    (optional gold entities count as right)."""
    tp = fp = 0
    wrong = []
    for (eid, dk), texts in ent_docs.items():
        if etype[eid] != t:
            continue
        if any(gents[g]["type"] == t for g in matched_gold_of.get((eid, dk), ())):
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
        num = _number(o)
        return val is not None and num is not None and abs(float(val) - num) < 0.5
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
        # in a fixed order (a set's order changes from run to run, and the report shows the first)
        ent_names[e["id"]] = list(dict.fromkeys([*e.get("names", []), *e.get("aliases", []),
                                                 *(m["text"] for m in e["mentions"])]))
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
    sys_by: dict[str, list[int]] = defaultdict(lambda: [0, 0])  # class -> [right, wrong]
    for c, dk in pairs:
        hit = False
        pc = predicate_class(c["predicate"])
        if not _annotated(gold, dk, pc):
            continue  # a gold written before this predicate existed cannot judge it
        for i, f in enumerate(gold["facts"]):
            if dk not in f["docs"] and (i, dk) not in optional:
                continue
            if pc != predicate_class(f["p"]) or f["s"] not in gents:
                continue
            if not any(name_matches(n, gents[f["s"]]) for n in ent_names.get(c["subject"], [])):
                continue
            if _object_ok(f, c["object"], ent_names, gents):
                hit = True
                if dk in f["docs"]:
                    found.add((i, dk))
        sys_by[pc][0 if hit else 1] += 1
        if hit:
            tp += 1
        else:
            fp += 1
            obj = c["object"]
            otext = obj.get("text") or obj.get("value") or ent_names.get(obj.get("entity"), ["?"])[0]
            false.append(f"{dk}:{(ent_names.get(c['subject']) or ['?'])[0]} {c['predicate']} {otext}")
    fn = len(gold_pairs) - len(found)
    res: dict[str, Any] = dict(_prf(tp, fp, fn))
    res["recall"] = round(100 * len(found) / len(gold_pairs), 2) if gold_pairs else 0.0
    p, r = res["precision"], res["recall"]
    res["f1"] = round(2 * p * r / (p + r), 2) if p + r else 0.0
    res["missed"] = [f"{dk}:{f['s']} {f['p']} {f['o']}" for i, f, dk in gold_pairs if (i, dk) not in found]
    res["false"] = sorted(false)
    res["per_predicate"] = _per_predicate(gold_pairs, found, sys_by)
    scored = [v["f1"] for v in res["per_predicate"].values() if v["gold"]]
    res["macro_f1"] = round(sum(scored) / len(scored), 2) if scored else 0.0
    return res


def _annotated(gold: dict[str, Any], dk: str, pc: str) -> bool:
    """Whether the gold annotated predicate class ``pc`` in document ``dk``: a document's (or
    the whole file's) ``predicates`` list names the vocabulary its annotators used; without
    one, every predicate was annotated."""
    vocab = gold["documents"].get(dk, {}).get("predicates", gold.get("predicates"))
    return vocab is None or pc in {predicate_class(p) for p in vocab}


def _per_predicate(gold_pairs, found, sys_by) -> dict[str, dict[str, Any]]:
    """P/R/F1 per predicate class: recall over gold (fact, document) pairs of the class, precision
    over the exported (claim, document) pairs of the class."""
    gold_n: dict[str, int] = defaultdict(int)
    found_n: dict[str, int] = defaultdict(int)
    for i, f, dk in gold_pairs:
        pc = predicate_class(f["p"])
        gold_n[pc] += 1
        found_n[pc] += (i, dk) in found
    out = {}
    for pc in sorted(set(gold_n) | set(sys_by)):
        right, wrong = sys_by.get(pc, [0, 0])
        p = 100 * right / (right + wrong) if right + wrong else 0.0
        r = 100 * found_n[pc] / gold_n[pc] if gold_n[pc] else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        out[pc] = {"precision": round(p, 2), "recall": round(r, 2), "f1": round(f1, 2),
                   "gold": gold_n[pc], "found": found_n[pc], "right": right, "wrong": wrong}
    return out


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
    """Share of documents whose field equals the gold value (after normalisation); an outlet may
    also be any of the names the gold's ``outlet_names`` gives for it."""
    res = {}
    docs = {keys[d["id"]]: d for d in export["documents"] if d["id"] in keys}
    names = gold.get("outlet_names", {})
    for field in ("outlet", "published", "title", "byline"):
        ok = n = 0
        for dk, gd in gold["documents"].items():
            if field not in gd:
                continue
            n += 1
            got = docs.get(dk, {}).get(field)
            want = gd[field]
            accepted = [want, *names.get(want, [])] if field == "outlet" and want is not None else [want]
            if (got is None and want is None) or (got is not None and want is not None and any(
                    _toks(str(got)) == _toks(str(w)) for w in accepted)):
                ok += 1
        res[field] = round(100 * ok / n, 2) if n else None
    return res


def format_report(s: dict[str, Any]) -> str:
    er, pp, pr, cl, ru, lk, md = (s["entity_recall"], s["person_precision"], s["person_resolution"],
                                  s["claims"], s["reuse"], s["boilerplate_leaks"], s["metadata"])
    ep = s.get("entity_precision", {})
    lines = [
        f"documents matched        {s['documents_matched']}",
        f"entity recall            PER {er['PER']}  ORG {er['ORG']}  LOC {er['LOC']}",
        f"entity precision         PER {ep.get('PER')}  ORG {ep.get('ORG')}  LOC {ep.get('LOC')}",
        f"person precision         {pp['precision']}  ({pp['tp']} right, {pp['fp']} wrong)",
        f"person resolution        B3 P {pr['bcubed_precision']}  R {pr['bcubed_recall']}  F1 {pr['bcubed_f1']}",
        f"multi-doc people as one  {pr['multi_doc_people_one_entity']}/{pr['multi_doc_people']}"
        f"   over-merged persons {pr['over_merged']}",
        f"claims                   P {cl['precision']}  R {cl['recall']}  F1 {cl['f1']}"
        f"  ({cl['tp']} right, {cl['fp']} wrong, {len(cl['missed'])} missed)",
        f"claims macro F1          {cl.get('macro_f1')}  (mean over the predicate classes of the gold)",
        f"reuse pairs              P {ru['precision']}  R {ru['recall']}  F1 {ru['f1']}",
        f"boilerplate names leaked {lk['leaked']}/{lk['of']}",
        f"metadata accuracy        outlet {md['outlet']}  date {md['published']}  title {md['title']}"
        f"  byline {md['byline']}",
    ]
    per = cl.get("per_predicate", {})
    if per:
        lines += ["", "claims per predicate     gold found    P      R      F1   (right/wrong claims)"]
        for pc, v in per.items():
            lines.append(f"  {pc:<22} {v['gold']:>4} {v['found']:>5} {v['precision']:>6.1f} {v['recall']:>6.1f}"
                         f" {v['f1']:>6.1f}   ({v['right']}/{v['wrong']})")
    stories_ = s.get("per_story", {})
    if stories_:
        lines += ["", "per story                        docs  PER-R  PER-P  claims P/R/F1        reuse F1  outlet date"]
        for name, v in stories_.items():
            c, m, pp_, r = v["claims"], v["metadata"], v["person_precision"], v["reuse"]
            n = v["documents_matched"].split("/")[1]
            # "-" where a figure has no denominator (no exported claims, no gold facts, no pairs)
            cp = c["precision"] if c["tp"] + c["fp"] else None
            cr = c["recall"] if sum(x["gold"] for x in c["per_predicate"].values()) else None
            cf = c["f1"] if cp is not None or cr is not None else None
            lines.append(f"  {name[:30]:<30} {n:>4} {_f(v['entity_recall']['PER']):>6} "
                         f"{_f(pp_['precision'] if pp_['tp'] + pp_['fp'] else None):>6}  "
                         f"{_f(cp):>5}/{_f(cr):>5}/{_f(cf):>5}   "
                         f"{_f(r['f1'] if r['tp'] + r['fp'] + r['fn'] else None):>6}"
                         f"  {_f(m['outlet']):>6} {_f(m['published']):>5}")
    return "\n".join(lines)


def _f(x: float | None) -> str:
    return "-" if x is None else f"{x:.1f}"
