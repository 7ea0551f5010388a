"""Review decisions that travel: export them from one store, import them into another.

A decision names mentions and assertions, whose ids hash the document's text and offsets, so
a decision taken in one store applies to a rebuild of the same articles into a fresh store:
``tahqiq decisions export -o review.json`` then ``tahqiq decisions import review.json --db NEW``
(or ``tahqiq build ... --decisions review.json``) keeps every merge, split and rejection. The
``tahqiq/1`` JSON export carries them too (``decisions``), and either file imports.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from tahqiq.errors import InputError
from tahqiq.store import Store

FORMAT = "tahqiq-decisions/1"
FIELDS = ("kind", "target", "note", "user", "created")


def decision_rows(store: Store) -> list[dict[str, Any]]:
    """Every decision in the order taken, without the store's own row ids."""
    return [{k: d.get(k) for k in FIELDS} for d in store.decisions()]


def decisions_dict(store: Store) -> dict[str, Any]:
    return {"format": FORMAT, "decisions": decision_rows(store)}


def _key(d: Mapping[str, Any]) -> str:
    return json.dumps([d.get(k) for k in FIELDS], sort_keys=True, ensure_ascii=False)


def read_decisions(source: str | Path | dict[str, Any]) -> list[dict[str, Any]]:
    """The decisions of a decisions file or of a ``tahqiq/1`` export; ``InputError`` if neither."""
    where = "<data>" if isinstance(source, dict) else str(source)
    if not isinstance(source, dict):
        try:
            with open(source, encoding="utf-8") as fh:
                source = json.load(fh)
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
            raise InputError(where, f"not a readable decisions file ({e})") from None
    if not isinstance(source, dict) or source.get("format") not in (FORMAT, "tahqiq/1"):
        raise InputError(where, f"expected a {FORMAT} file or a tahqiq/1 export")
    rows = source.get("decisions") or []
    if not isinstance(rows, list):
        raise InputError(where, "decisions must be a list")
    out = []
    for i, d in enumerate(rows):
        if not isinstance(d, dict) or not isinstance(d.get("kind"), str) or not isinstance(d.get("target"), dict):
            raise InputError(where, f"decisions[{i}]: needs a kind (string) and a target (object)")
        for k in ("note", "user", "created"):
            if d.get(k) is not None and not isinstance(d[k], str):
                raise InputError(where, f"decisions[{i}].{k}: expected a string")
        out.append({k: d.get(k) for k in FIELDS})
    return out


def import_decisions(store: Store, source: str | Path | dict[str, Any], relink: bool = True,
                     origin: str | None = None) -> dict[str, int]:
    """Add the decisions ``source`` holds that ``store`` lacks (same kind, target, note, user and
    time), in their order, then relink so they apply. Returns counts: added, present, and how many
    name mentions or assertions this store does not hold (kept: they apply once those articles
    are built in)."""
    rows = read_decisions(source)
    stored = store.decisions()
    have = {_key(d) for d in stored}
    row_id: dict[str, int | None] = {_key(d): d["id"] for d in stored}  # an undo names its decision by row id: found by content
    known = {m.id for m in store.mentions()} | {a.id for a in store.assertions()}
    added = present = dangling = 0
    where = origin or (str(source) if not isinstance(source, dict) else "import")
    for d in rows:
        src = _key(d)
        of = d["target"].get("of") if d["kind"] == "undo" else None
        if isinstance(of, dict):  # this store's id of the decision the undo cancels
            n = row_id.get(_key(of))
            if n is None:
                dangling += 1
                continue
            d = {**d, "target": {**d["target"], "decision": n}}
        if _key(d) in have:
            present += 1
            row_id.setdefault(src, row_id.get(_key(d)))
            continue
        ids = _ids(d["target"])
        if ids and not ids & known:
            dangling += 1
        n = store.add_decision(d["kind"], d["target"], d["note"], d["user"], created=d["created"], origin=where)
        have.add(_key(d))
        row_id[src] = row_id[_key(d)] = n
        added += 1
    if added and relink:
        from tahqiq.pipeline import link
        link(store)
    return {"added": added, "present": present, "dangling": dangling}


def _ids(value: Any, out: set[str] | None = None) -> set[str]:
    out = set() if out is None else out
    if isinstance(value, str) and value[:2] in ("m:", "a:"):
        out.add(value)
    elif isinstance(value, dict):
        for v in value.values():
            _ids(v, out)
    elif isinstance(value, list):
        for v in value:
            _ids(v, out)
    return out
