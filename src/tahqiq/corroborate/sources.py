"""Group per-document assertions into claims and count independent sources.

Independent sources count origins, not articles: evidence from documents that
copy each other (a reuse pair whose shared passage covers the evidence) counts
once, and evidence attributed to the same upstream source counts once.
Status: ``contested`` when a single-valued fact has conflicting values,
``corroborated`` at two or more independent sources, else ``single-source``.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from tahqiq.model import Assertion, Claim, Evidence, Reuse, stable_id
from tahqiq.text.normalize import norm

SINGLE_VALUED = {"origin", "nationality", "age"}


def object_key(obj: dict[str, Any]) -> str:
    if "entity" in obj:
        return "e:" + obj["entity"]
    if "value" in obj:
        return f"v:{obj['value']}:{obj.get('unit', '')}"
    return "t:" + norm(str(obj.get("text", "")))


def build_claims(assertions: list[Assertion], links: dict[str, str], reuse: list[Reuse],
                 decisions: list[dict[str, Any]] = ()) -> list[Claim]:
    rejected = {a for d in decisions if d["kind"] == "reject_claim" for a in d["target"].get("assertions", [])}
    groups: dict[tuple[str, str, str], list[tuple[Assertion, dict[str, Any]]]] = defaultdict(list)
    for a in assertions:
        subj = links.get(a.subject)
        if subj is None or a.id in rejected:
            continue
        obj = _resolve_object(a.object, links)
        groups[(subj, a.predicate, object_key(obj))].append((a, obj))
    copies = _copy_index(reuse)
    claims: list[Claim] = []
    for (subj, pred, okey), items in sorted(groups.items()):
        evidence = []
        for a, _ in items:
            ev = a.evidence
            evidence.append(Evidence(ev.doc, ev.start, ev.end, ev.quote, ev.attributed_to, ev.hedged, a.id))
        qualifiers: dict[str, Any] = {}
        for a, _ in items:
            for k, v in (a.qualifiers or {}).items():
                qualifiers.setdefault(k, v)
        if all(e.hedged for e in evidence):
            qualifiers["hedged"] = True
        claims.append(Claim(stable_id("c", subj, pred, okey), subj, pred, items[0][1], qualifiers,
                            evidence, independent_sources(evidence, copies)))
    _status(claims)
    return claims


def _resolve_object(obj: dict[str, Any], links: dict[str, str]) -> dict[str, Any]:
    if "mention" in obj and obj["mention"] in links and "value" not in obj:
        return {"entity": links[obj["mention"]]}
    return {k: v for k, v in obj.items() if k != "mention"}


def _copy_index(reuse: list[Reuse]) -> dict[tuple[str, str], list]:
    idx: dict[tuple[str, str], list] = {}
    for r in reuse:
        idx[(r.a, r.b)] = r.passages
        idx[(r.b, r.a)] = [(pb, pa) for pa, pb in r.passages]
    return idx


def _covered(ev: Evidence, span: tuple[int, int]) -> bool:
    """The evidence sentence overlaps the copied passage for most of its length."""
    overlap = min(ev.end, span[1]) - max(ev.start, span[0])
    return overlap >= 0.5 * (ev.end - ev.start)


def independent_sources(evidence: list[Evidence], copies: dict[tuple[str, str], list]) -> int:
    """Connected components of evidence under 'copied from' and 'same attributed source'."""
    n = len(evidence)
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i in range(n):
        for j in range(i + 1, n):
            a, b = evidence[i], evidence[j]
            same = a.doc == b.doc
            copied = any(_covered(a, pa) and _covered(b, pb) for pa, pb in copies.get((a.doc, b.doc), []))
            src_a = {norm(x.get("text", "")) for x in a.attributed_to if x.get("named", True)}
            src_b = {norm(x.get("text", "")) for x in b.attributed_to if x.get("named", True)}
            if same or copied or (src_a & src_b):
                parent[find(i)] = find(j)
    return len({find(i) for i in range(n)})


def _status(claims: list[Claim]) -> None:
    by_fact: dict[tuple[str, str], list[Claim]] = defaultdict(list)
    for c in claims:
        by_fact[(c.subject, c.predicate)].append(c)
    for c in claims:
        rivals = by_fact[(c.subject, c.predicate)]
        if c.predicate in SINGLE_VALUED and len(rivals) > 1:
            c.status = "contested"
        elif c.independent_sources >= 2:
            c.status = "corroborated"
        else:
            c.status = "single-source"
