"""The one BIO decoder: tag sequences (``O``, ``B-TYPE``, ``I-TYPE``) into token spans. Used by
the accurate NER (its tagger's output), the NER evaluation (gold and predicted columns) and the
training scripts (corpus columns), so all three read a tag sequence the same way.

IOB1 is tolerated: an ``I-`` tag that continues no span of its type opens one. Spans are
``(first_token, last_token_exclusive, type)`` in order of their first token.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence


def bio_spans(tags: Sequence[str], aliases: Mapping[str, str] | None = None) -> list[tuple[int, int, str]]:
    """Token spans of a BIO tag sequence; ``aliases`` renames types (e.g. PERS -> PER)."""
    spans: list[tuple[int, int, str]] = []
    start: int | None = None
    label = ""
    for i, tag in enumerate([*tags, "O"]):
        prefix, typ = tag[:1], tag[2:]
        if aliases:
            typ = aliases.get(typ, typ)
        if start is not None and (prefix != "I" or typ != label):
            spans.append((start, i, label))
            start = None
        if prefix == "B" or (prefix == "I" and start is None):
            start, label = i, typ
    return spans
