"""Bundled, documented data files (see README.md here) and their loaders."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=None)
def lines(name: str) -> tuple[str, ...]:
    """Non-empty, non-comment lines of a bundled text file."""
    text = resources.files("tahqiq.data").joinpath(name).read_text(encoding="utf-8")
    return tuple(ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#"))


@lru_cache(maxsize=None)
def given_names() -> frozenset[str]:
    """Matching forms of the given names, the compounds of "عبد" also written joined ("عبدالله",
    "عبدالرحمن"), as most of the news writes them."""
    from tahqiq.text.normalize import norm
    names = {norm(n) for n in lines("given_names.txt")}
    return frozenset(names | {n.replace(" ", "", 1) for n in names if n.startswith("عبد ")})


@lru_cache(maxsize=None)
def recorded_given_names() -> frozenset[str]:
    """``given_names`` and the given names people of record bear (derived from Wikidata,
    ``given_names_wikidata.txt``): enough to vouch for a name the tagger found ("محسن الفضلي"),
    too many everyday words among them ("جود", "أسد") to start a name on their own."""
    from tahqiq.text.normalize import norm
    return given_names() | {norm(n) for n in lines("given_names_wikidata.txt")}
