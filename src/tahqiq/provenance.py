"""What made a record: the evidence record of an input and the versions of the tools that read it.

An evidence record answers, for one document, the questions of the Berkeley Protocol on Digital
Open Source Investigations: where it came from (path or URL), when it was captured (from the
input's own metadata, a web archive's record, else the file's modification time, and which of
these), that it is unchanged since (SHA-256 of the raw bytes as read, before any decoding, and of
the cleaned text all offsets refer to), and which versions of tahqiq, its models and its pattern
set produced the facts drawn from it.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import os
from functools import lru_cache
from pathlib import Path
from typing import Any

from tahqiq import __version__

PKG = Path(__file__).resolve().parent
# The version of the cross-document linking rules (``resolve/incremental``): raise it when
# resolution rules change, and stores linked before are relinked in full.
LINK_VERSION = 2
# Capture-time bases, most to least trustworthy.
CAPTURED_WARC = "web archive record (WARC-Date)"
CAPTURED_INPUT = "input metadata"
CAPTURED_MTIME = "file modification time (no capture time in the input)"
CAPTURED_STDIN = "time read from standard input (no capture time in the input)"
# JSONL keys that hold when an article was fetched (SaudiNewsNet: date_extracted).
CAPTURE_KEYS = ("captured", "capture_time", "retrieved", "fetched", "crawled", "date_extracted",
                "date_download", "downloaded")


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def now_utc() -> str:
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")


def mtime_utc(path: str | os.PathLike) -> str | None:
    try:
        t = os.stat(path).st_mtime
    except OSError:
        return None
    return _dt.datetime.fromtimestamp(t, _dt.timezone.utc).isoformat(timespec="seconds")


def input_record(raw: bytes, source: str, *, captured: str | None = None, basis: str | None = None,
                 line: int | None = None, **extra: Any) -> dict[str, Any]:
    """The evidence record of one input as read: raw bytes' SHA-256 and size, where, when."""
    rec: dict[str, Any] = {"raw_sha256": sha256_hex(raw), "raw_bytes": len(raw), "source": source}
    if line is not None:
        rec["line"] = line
    rec["captured"] = captured
    rec["captured_basis"] = basis if captured else None
    rec.update({k: v for k, v in extra.items() if v is not None})
    return rec


def _digest(paths: list[Path]) -> str:
    h = hashlib.sha256()
    for p in sorted(paths):
        h.update(p.relative_to(PKG).as_posix().encode())
        h.update(b"\0")
        h.update(p.read_bytes())
    return h.hexdigest()[:16]


@lru_cache(maxsize=1)
def pattern_set_version() -> str:
    """A digest of the rule files that turn text into claims (patterns, lexicons, cue lists):
    equal digests, equal rules."""
    files = [p for p in (PKG / "extract").glob("*.py")] + [p for p in (PKG / "data").iterdir()
                                                         if p.suffix in (".txt", ".tsv")]
    files += [PKG / "extract" / "ner" / "rules.py", PKG / "extract" / "ner" / "postprocess.py"]
    return "patterns-" + _digest([p for p in files if p.is_file()])


@lru_cache(maxsize=4)
def model_version(ner: str = "fast") -> str:
    """The NER model used: its name, spaCy meta version and a digest of its configuration."""
    if ner == "rules":
        return "rules-only"
    if ner == "fast":
        d = PKG / "extract" / "ner" / "model"
        files = [d / "meta.json", d / "config.cfg"]
        if not all(f.is_file() for f in files):
            return "fast (model files absent: rules only)"
        return "fast-" + _digest(files)
    d = PKG / "extract" / "ner" / "accurate"
    files = [f for f in (d / "scores.json", d / "README.md") if f.is_file()]
    return f"{ner}-" + (_digest(files) if files else "unknown")


def tool_versions(ner: str = "fast") -> dict[str, Any]:
    """The versions that produce a document's assertions (per-document stages)."""
    return {"tahqiq": __version__, "ner_model": model_version(ner), "pattern_set": pattern_set_version()}


def link_versions() -> dict[str, Any]:
    """The versions of the cross-document stages that group assertions into claims."""
    return {"tahqiq": __version__, "linker": LINK_VERSION}
