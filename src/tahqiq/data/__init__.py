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
    from tahqiq.text.normalize import norm
    return frozenset(norm(n) for n in lines("given_names.txt"))
