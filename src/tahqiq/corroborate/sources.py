"""Group per-document assertions into claims and count independent sources.

Independent sources count origins, not articles: evidence from documents that
copy each other (reuse passages covering the evidence, directly or through a
third text both copied) counts once, evidence attributed to the same named
upstream source counts once, and so does evidence from documents that come from
one news agency (their datelines credit the same wire: rewrites of one story). Status: ``contested`` when the claim conflicts
with another (see ``contradictions``), ``corroborated`` at two or more
independent sources, else ``single-source``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any, cast

from tahqiq.components import Components
from tahqiq.corroborate.contradictions import find_contradictions
from tahqiq.model import Assertion, Claim, Entity, Evidence, Reuse, stable_id
from tahqiq.vocabulary import ClaimObject
from tahqiq.text.normalize import norm



def object_key(obj: Mapping[str, Any]) -> str:
    if "entity" in obj:
        return "e:" + obj["entity"]
    if "value" in obj:
        return f"v:{obj['value']}:{obj.get('unit', '')}"
    return "t:" + norm(str(obj.get("text", "")))


def build_claims(assertions: list[Assertion], links: dict[str, str], reuse: list[Reuse],
                 decisions: Sequence[dict[str, Any]] = (), entities: list[Entity] | None = None,
                 upstream: dict[str, str] | None = None) -> list[Claim]:
    """Cross-document stage. Needs per-document assertions, mention -> entity links, verified
    reuse pairs and review decisions; returns claims with independent-source counts and a
    status (``entities`` lets contradiction checks place locations; without them, fewer
    conflicts are found, never more; ``upstream``: document -> the news agency it comes from)."""
    rejected = {a for d in decisions if d["kind"] == "reject_claim" for a in d["target"].get("assertions", [])}
    groups: dict[tuple[str, str, str], list[tuple[Assertion, ClaimObject]]] = defaultdict(list)
    for a in assertions:
        subj = links.get(a.subject)
        if subj is None or a.id in rejected:
            continue
        obj = _resolve_object(a.object, links, a.predicate)
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
                            evidence, independent_sources(evidence, copies, links, upstream)))
    _status(claims, entities)
    return claims


def _resolve_object(obj: Mapping[str, Any], links: dict[str, str], predicate: str = "") -> ClaimObject:
    """The claim's object: the entity its mention links to, else its literal. An alias is the
    other name as written: its mention links to the subject itself, which would say nothing."""
    if predicate == "alias":
        return {"text": obj.get("text", "")}
    if "mention" in obj and obj["mention"] in links and "value" not in obj:
        return {"entity": links[obj["mention"]]}
    return cast(ClaimObject, {k: v for k, v in obj.items() if k != "mention"})


Region = tuple[str, int, int]  # (doc, start, end)


def _copy_index(reuse: list[Reuse]) -> dict[str, list[tuple[tuple[int, int], Region]]]:
    """Per document, its copied passages and where each one lies in the other document."""
    idx: dict[str, list[tuple[tuple[int, int], Region]]] = defaultdict(list)
    for r in reuse:
        for pa, pb in r.passages:
            idx[r.a].append(((pa[0], pa[1]), (r.b, pb[0], pb[1])))
            idx[r.b].append(((pb[0], pb[1]), (r.a, pa[0], pa[1])))
    return idx


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _footprint(ev: Evidence, copies: dict[str, list[tuple[tuple[int, int], Region]]]) -> list[Region]:
    """The evidence's own text, plus the regions of other documents it was copied from or to.

    A copy counts when the passages shared with one document cover at least half the
    evidence (a quote is a sentence; a copied sentence may be split by small edits into
    several passages, so their overlaps add up)."""
    out: list[Region] = [(ev.doc, ev.start, ev.end)]
    span = (ev.start, ev.end)
    by_doc: dict[str, list[tuple[int, Region]]] = defaultdict(list)
    for p, other in copies.get(ev.doc, ()):
        ov = _overlap(span, p)
        if ov:
            by_doc[other[0]].append((ov, other))
    for hits in by_doc.values():
        if sum(ov for ov, _ in hits) >= 0.5 * max(1, ev.end - ev.start):
            out.extend(o for _, o in hits)
    return out


def _same_text(fa: list[Region], fb: list[Region]) -> bool:
    return any(da == db and _overlap((a0, a1), (b0, b1)) for da, a0, a1 in fa for db, b0, b1 in fb)


_MEDIA_WORDS = {norm(w) for w in ("شبكة", "موقع", "صحيفة", "جريدة", "وكالة", "قناة", "مصدر", "حساب")}


def _origins(ev: Evidence, links: dict[str, str]) -> set[str]:
    """Keys of the named upstream sources the evidence is attributed to ("شبكة فرات بوست" and
    "فرات بوست" agree; a linked entity is keyed by its id). Anonymous sources ("مصادر محلية")
    give no key: two of them may or may not be the same people."""
    keys = set()
    for x in ev.attributed_to:
        if not x.get("named", True):
            continue
        if x.get("entity") and x["entity"] in links:
            keys.add(links[x["entity"]])
        words = [w for w in norm(str(x.get("text", ""))).split() if w not in _MEDIA_WORDS]
        if words:
            keys.add("t:" + " ".join(words))
    return keys


def _same_source(a: set[str], b: set[str]) -> bool:
    """Equal keys, or source names where one holds all the words of the other and at least
    two ("فرات بوست" within "فرات بوست المحلية"; a lone word like "المرصد" is too vague)."""
    if a & b:
        return True
    ta = [set(k[2:].split()) for k in a if k.startswith("t:")]
    tb = [set(k[2:].split()) for k in b if k.startswith("t:")]
    return any(len(x & y) >= 2 and (x <= y or y <= x) for x in ta for y in tb)


def independent_sources(evidence: list[Evidence], copies: dict[str, list[tuple[tuple[int, int], Region]]],
                        links: dict[str, str] | None = None, upstream: dict[str, str] | None = None) -> int:
    """Origins behind the evidence: connected components under "same document", "copied
    text" (directly, or both copied from one third text), "same named upstream source" and
    "same news agency upstream" (``upstream``: document id -> agency)."""
    upstream = upstream or {}
    n = len(evidence)
    comp: Components[int] = Components(range(n))
    feet = [_footprint(e, copies) for e in evidence]
    origins = [_origins(e, links or {}) for e in evidence]
    for i in range(n):
        for j in range(i + 1, n):
            a, b = evidence[i], evidence[j]
            if a.doc == b.doc or _same_source(origins[i], origins[j]) or _same_text(feet[i], feet[j]) \
                    or (upstream.get(a.doc) is not None and upstream.get(a.doc) == upstream.get(b.doc)):
                comp.union(i, j)
    return len(comp.groups())


def _status(claims: list[Claim], entities: list[Entity] | None) -> None:
    contested = set()
    for x in find_contradictions(claims, entities or ()):
        contested |= {x.a.id, x.b.id}
    for c in claims:
        if c.id in contested:
            c.status = "contested"
        elif c.independent_sources >= 2:
            c.status = "corroborated"
        else:
            c.status = "single-source"
