"""Readers keep working while a build writes (SQLite WAL): no errors, and every read
sees one whole graph, the old or the new, never a mix."""

from __future__ import annotations

import subprocess
import sys
import time

from tahqiq.model import Claim, Entity
from tahqiq.store import open_store

from . import harness
from .test_crash import crash_setup  # noqa: F401 - the shared module fixture

SWAPS = 150

WRITER = r"""
import sys
from tahqiq.model import Claim, Entity, Evidence
from tahqiq.store import open_store

def graph(tag, n):
    ents = [Entity(f"e:{tag}{i}", "PER", f"اسم {tag} {i}", names=[f"اسم {tag} {i}"]) for i in range(n)]
    links = {f"m:{tag}{i}{j}": f"e:{tag}{i}" for i in range(n) for j in range(3)}
    claims = [Claim(f"c:{tag}{i}", f"e:{tag}{i}", "fled_to", {"text": "تركيا"},
                    evidence=[Evidence(f"d:{tag}{j}", j, j + 5, "تركيا", assertion=f"a:{tag}{i}{j}") for j in range(4)])
              for i in range(n)]
    return ents, links, claims

store = open_store(sys.argv[1])
A, B = graph("a", 40), graph("b", 60)
for k in range(int(sys.argv[2])):
    store.replace_graph(*(A if k % 2 else B))
print("done")
"""


def _shape(entities: list[Entity], claims: list[Claim]) -> tuple:
    return (frozenset((e.id, len(e.mentions)) for e in entities),
            frozenset((c.id, len(c.evidence)) for c in claims))


def test_reads_during_graph_swaps_see_old_or_new_never_a_mix(tmp_path, figures):
    db = tmp_path / "swap.db"
    store = open_store(str(db))
    p = subprocess.Popen([sys.executable, "-c", WRITER, str(db), str(SWAPS)], stdout=subprocess.PIPE, text=True)
    reads, mixed, errors = 0, [], []
    seen_tags = set()
    while p.poll() is None:
        try:
            ents, claims = store.entities(), store.claims()
        except Exception as e:  # noqa: BLE001 - counted and reported
            errors.append(repr(e))
            continue
        reads += 1
        for label, items, per in (("entities", ents, 3), ("claims", claims, 4)):
            tags = {x.id[2] for x in items}
            sizes = {len(x.mentions) if label == "entities" else len(x.evidence) for x in items}
            n_expected = {"a": 40, "b": 60}
            if items and (len(tags) != 1 or sizes != {per} or len(items) != n_expected[next(iter(tags))]):
                mixed.append((label, sorted(tags), sorted(sizes), len(items)))
            seen_tags |= tags
    assert p.wait() == 0
    store.close()
    assert not errors, errors[:5]
    assert not mixed, f"{len(mixed)} of {reads} reads saw a mixed graph, e.g. {mixed[:3]}"
    assert reads >= 10 and seen_tags == {"a", "b"}
    figures.add("reads (entities, claims) while another process swaps the whole graph", reads,
                f"{SWAPS} swaps; every read saw exactly one graph; no errors")


def test_reads_while_a_build_writes(crash_setup, tmp_path, figures):  # noqa: F811
    s = crash_setup
    import shutil
    db = tmp_path / "busy.db"
    shutil.copy(s["half_db"], db)
    store = open_store(str(db))
    client = _web_client(store)
    p = subprocess.Popen(harness.build_cmd(s["corpus"], db), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    reads, problems, errors = 0, [], []
    http = {}
    t_end = None
    while True:
        running = p.poll() is None
        try:
            docs = store.documents()
            ents = store.entities()
            claims = store.claims()
        except Exception as e:  # noqa: BLE001 - counted and reported
            errors.append(repr(e))
            continue
        reads += 1
        for d in docs:
            if d.id not in {x.id for x in docs} or not d.text:
                problems.append(("document", d.id))
        problems += [("claim without evidence", c.id) for c in claims if not c.evidence]
        problems += [("entity without mentions", e.id) for e in ents if not e.mentions]
        if client is not None:  # the same through the web app, while the build writes
            for path in ("/", "/api/network", "/stories", f"/doc/{docs[reads % len(docs)].id}"):
                r = client.get(path)
                http[r.status_code] = http.get(r.status_code, 0) + 1
        if not running:
            if t_end is None:
                t_end = time.monotonic()
            break
        time.sleep(0.01)
    assert p.returncode == 0, p.stderr.read()[-2000:]
    store.close()
    assert not errors, errors[:5]
    assert not problems, problems[:5]
    assert len(open_store(str(db)).documents()) == s["n"]
    assert set(http) <= {200}, http
    figures.add(f"reads (documents, entities, claims) during an incremental build ({s['n_half']} -> {s['n']})",
                reads, "no errors, no claim without evidence, no entity without mentions")
    if client is not None:
        figures.add("web app GETs (search, network JSON, stories, a document) during the same build",
                    sum(http.values()), f"status codes {http}")


def _web_client(store):
    try:
        from fastapi.testclient import TestClient

        from tahqiq.serve.app import make_asgi
    except ImportError:
        return None
    return TestClient(make_asgi(store, user="reader"), follow_redirects=False)
