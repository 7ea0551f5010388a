"""How resolution cost grows with the number of mentions (synthetic, deterministic).

Generates documents that name people the way reports do: a full name with a
nasab, the same person later by ism + family name, by family name alone,
and by kunya + nisba (with an alias statement); people reappear across
documents, some with the middle name left out; some families have brothers
and fathers/sons named in the same document. Prints mentions, wall and CPU
seconds (CPU is the fair figure on a shared machine), CPU microseconds per
mention and B-cubed precision/recall against the truth.
Romanisation is off (``latin=False``): it costs per distinct name, not per
mention, and is measured separately at the end.

    .venv/bin/python benchmarks/resolve_scaling.py [--sizes 10000 100000 1000000]
"""

from __future__ import annotations

import argparse
import random
import time
from collections import Counter

from tahqiq.data import given_names
from tahqiq.model import Assertion, Evidence, Mention
from tahqiq.resolve.entities import resolve_graph

LETTERS = "بتثجحخدذرزسشصضطظعغفقكلمنهوي"


def _family(rng: random.Random) -> str:
    return "ال" + "".join(rng.choice(LETTERS) for _ in range(rng.randint(4, 6)))


def synthesize(n_mentions: int, seed: int = 7):
    """Mentions, alias assertions, kinship contexts and the true person of each mention."""
    rng = random.Random(seed)
    givens = sorted(n for n in given_names() if " " not in n)
    people = []
    n_people = max(10, n_mentions // 12)
    for p in range(n_people):
        fam = _family(rng) if p % 5 else people[-1]["family"] if people else _family(rng)  # brothers share
        people.append({"ism": rng.choice(givens), "father": rng.choice(givens), "family": fam,
                       "kunya": f"أبو {rng.choice(givens)} {_family(rng)}"})
    mentions: list[Mention] = []
    assertions: list[Assertion] = []
    contexts: dict[str, str] = {}
    truth: dict[str, int] = {}
    d = 0
    while len(mentions) < n_mentions:
        doc = f"d:{d:012x}"
        d += 1
        pos = 0
        for pid in rng.sample(range(n_people), 3):
            p = people[pid]
            full = f"{p['ism']} {p['father']} {p['family']}" if rng.random() < 0.5 else f"{p['ism']} {p['family']}"
            forms = [full, p["kunya"], f"{p['ism']} {p['family']}", p["family"]]
            first = None
            for k, text in enumerate(forms[: rng.randint(1, 4)]):
                m = Mention(doc, pos, pos + len(text), text, "PER")
                pos += len(text) + 20
                mentions.append(m)
                truth[m.id] = pid
                if k == 0:
                    first = m
                elif k == 1:
                    assertions.append(Assertion(doc, first.id, "alias", {"text": text, "mention": m.id},
                                                Evidence(doc, first.start, m.end, "")))
        loc = Mention(doc, pos, pos + 9, rng.choice(["دير الزور", "حلب", "تركيا"]), "LOC")
        mentions.append(loc)
    mentions = mentions[:n_mentions]
    kept = {m.id for m in mentions}
    return mentions, assertions, contexts, {m: t for m, t in truth.items() if m in kept}


def bcubed(links: dict[str, str], truth: dict[str, int]) -> tuple[float, float]:
    pairs = Counter((links[m], t) for m, t in truth.items())
    sys_size = Counter(links[m] for m in truth)
    gold_size = Counter(truth.values())
    n = len(truth)
    p = sum(c * c / sys_size[e] for (e, _), c in pairs.items()) / n
    r = sum(c * c / gold_size[t] for (_, t), c in pairs.items()) / n
    return p, r


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    a = ap.parse_args()
    from tahqiq.knowledge.gazetteer import lookup
    lookup("حلب")  # load the gazetteer outside the timings
    print(f"{'mentions':>10} {'entities':>9} {'wall s':>8} {'cpu s':>8} {'us/mention':>10} {'B3 P':>6} {'B3 R':>6}"
          f" {'cands':>6}")
    for n in a.sizes:
        mentions, assertions, contexts, truth = synthesize(n)
        t, c = time.perf_counter(), time.process_time()
        res = resolve_graph(mentions, assertions, [], contexts=contexts, latin=False)
        dt, dc = time.perf_counter() - t, time.process_time() - c
        p, r = bcubed(res.links, truth)
        print(f"{n:>10} {len(res.entities):>9} {dt:>8.1f} {dc:>8.1f} {1e6 * dc / n:>10.1f} {100 * p:>6.1f} {100 * r:>6.1f}"
              f" {len(res.candidates):>6}", flush=True)
    from tahqiq.text.latin import romanize
    names = sorted({m.text for m in mentions[:2000] if m.type == "PER"})[:200]
    t = time.perf_counter()
    for x in names:
        romanize(x)
    print(f"romanisation: {1e3 * (time.perf_counter() - t) / len(names):.1f} ms per distinct name")


if __name__ == "__main__":
    main()
