"""The import structure: no import cycle between modules or between packages, and no stage
imports a later one. Read from the source (every ``import`` statement, also those inside
functions), so a lazy import cannot hide a dependency.

The stages, lowest first (a package may import its own layer or lower ones, never a higher one):

    0  errors, limits, vocabulary, model, components, provenance   the shared vocabulary
    1  text                                                         normalisation, tokens, BIO
    2  data, knowledge                                              bundled lists, gazetteers
    3  ingest                                                       files -> Documents
    4  extract                                                      Document -> mentions, assertions
    5  store                                                        persistence (reads/writes rows)
    6  resolve                                                      mentions -> entities
    7  corroborate                                                  assertions -> claims, copies
    8  pipeline, engines                                            orchestration
    9  query, export, evaluate                                      reading the graph
    10 serve, cli, __main__                                         front ends

The store sits below the cross-document stages because they read and write it; it imports no
stage. ``docs/architecture.md`` explains each layer.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import tahqiq

PKG = Path(tahqiq.__file__).resolve().parent
LAYERS: dict[str, int] = {}
for _n, _names in enumerate([
    ("errors", "limits", "vocabulary", "model", "components", "provenance", ""),
    ("text",), ("data", "knowledge"), ("ingest",), ("extract",), ("store",), ("resolve",),
    ("corroborate",), ("pipeline", "engines"), ("query", "export", "evaluate", "store.views"),
    ("serve", "cli", "__main__"),
]):
    LAYERS.update({name: _n for name in _names})
# Known package cycles, each with the work that removes it (none: the pipeline passes its batch
# function to the engine, which never imports the pipeline).
ALLOWED_PACKAGE_CYCLES: set[frozenset[str]] = set()
# Known module cycles (none: the readers of files and of web archives both build a page with
# ``ingest.documents``, and only ``ingest.readers`` imports ``ingest.warc``).
ALLOWED_MODULE_CYCLES: set[frozenset[str]] = set()


def _modules() -> dict[str, Path]:
    out = {}
    for p in PKG.rglob("*.py"):
        parts = list(p.relative_to(PKG.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = p
    return out


def _imports() -> dict[str, set[str]]:
    """Module -> the tahqiq modules it imports (a ``from package import module`` names the module)."""
    mods = _modules()
    edges: dict[str, set[str]] = defaultdict(set)
    for m, p in mods.items():
        for node in ast.walk(ast.parse(p.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 0 and (node.module or "").startswith("tahqiq"):
                subs = [f"{node.module}.{a.name}" for a in node.names if f"{node.module}.{a.name}" in mods]
                if len(subs) < len(node.names):
                    edges[m].add(node.module)  # names defined in the module itself
                edges[m].update(subs)
            elif isinstance(node, ast.Import):
                edges[m].update(a.name for a in node.names if a.name.startswith("tahqiq"))
        edges[m].discard(m)
    return edges


# Modules that sit in another layer than their package: the store's read-side views for the
# web pages (names, Latin forms and decisions in force come from resolve/).
OWN_LAYER = ("store.views",)


def _package(module: str) -> str:
    parts = module.split(".")
    if ".".join(parts[1:3]) in OWN_LAYER:
        return ".".join(parts[1:3])
    return parts[1] if len(parts) > 1 else ""


def _cycles(edges: dict[str, set[str]]) -> list[set[str]]:
    """Strongly connected components with more than one member (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[set[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in edges.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = set()
            while True:
                w = stack.pop()
                on.discard(w)
                comp.add(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(comp)

    for v in list(edges):
        if v not in index:
            visit(v)
    return out


def _is_package_init_edge(a: str, b: str) -> bool:
    """``tahqiq.store.sql`` importing ``tahqiq.store`` (its own package's re-exports) or the
    package's ``__init__`` importing its modules: one package, not a cycle between modules."""
    return a.startswith(b + ".") or b.startswith(a + ".")


def test_no_cycle_between_modules():
    edges = {a: {b for b in bs if not _is_package_init_edge(a, b)} for a, bs in _imports().items()}
    assert {frozenset(c) for c in _cycles(edges)} == ALLOWED_MODULE_CYCLES


def test_no_cycle_between_packages():
    pkg_edges: dict[str, set[str]] = defaultdict(set)
    for a, bs in _imports().items():
        for b in bs:
            if _package(a) != _package(b):
                pkg_edges[_package(a)].add(_package(b))
    cycles = [frozenset(c) for c in _cycles(pkg_edges)]
    assert set(cycles) == ALLOWED_PACKAGE_CYCLES, cycles


def test_every_package_has_a_layer():
    assert {_package(m) for m in _modules()} <= set(LAYERS)
    assert all(m in {_package(x) for x in _modules()} for m in OWN_LAYER)


def test_no_stage_imports_a_later_stage():
    bad = sorted(f"{a} -> {b}" for a, bs in _imports().items() for b in bs
                 if LAYERS[_package(b)] > LAYERS[_package(a)])
    assert bad == []


def test_extract_imports_no_resolve_ingest_or_evaluate():
    bad = sorted(f"{a} -> {b}" for a, bs in _imports().items() if _package(a) == "extract"
                 for b in bs if _package(b) in ("resolve", "ingest", "evaluate"))
    assert bad == []
