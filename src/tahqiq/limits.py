"""Limits on the work one document may cost, with their defaults.

Every limit can be changed by an environment variable (read when a document is read or
analysed, so a test or a one-off run can set it):

| limit | default | variable | over it |
|---|---|---|---|
| characters of cleaned text | 100,000 | ``TAHQIQ_MAX_CHARS`` | the text is truncated at a word boundary; the cut is recorded in the document's ``removed`` list and reported as a warning |
| words | 40,000 | ``TAHQIQ_MAX_TOKENS`` | truncated likewise |
| links (``<a>`` elements) in an HTML page | 10,000 | ``TAHQIQ_MAX_LINKS`` | the page is skipped with a message naming it (a link list, not an article) |
| HTML nesting depth | 100,000 | ``TAHQIQ_MAX_DEPTH`` | skipped with a message |
| seconds of analysis per document | 120 | ``TAHQIQ_DOC_SECONDS`` | the document is abandoned and reported (not stored; a rerun tries it again); a worker process stuck past it is replaced and the batch goes on |
| bytes of one file, or of one JSONL line | 64 MB | (``readers.MAX_FILE_BYTES``) | refused with a message naming it (file:line for JSONL) |
| bytes a ``.jsonl.gz`` inflates to | 256 MB or 50 x its size | (``readers.MAX_GZIP_BYTES``) | reading stops there (a gzip bomb); lines before are kept |

The longest article of the 31,030 in the news corpus has 33,687 characters and 6,378 words,
so no real news article comes near the text limits; they bound what a pathological input
(a 36 MB one-line text, a log pasted as an article) costs: analysis time grows linearly with
the text, about 10 s for 100,000 characters with the default NER.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class Limits:
    max_chars: int = 100_000
    max_tokens: int = 40_000
    max_links: int = 10_000
    max_depth: int = 100_000
    doc_seconds: float = 120.0


_ENV = {"max_chars": "TAHQIQ_MAX_CHARS", "max_tokens": "TAHQIQ_MAX_TOKENS", "max_links": "TAHQIQ_MAX_LINKS",
        "max_depth": "TAHQIQ_MAX_DEPTH", "doc_seconds": "TAHQIQ_DOC_SECONDS"}


def limits() -> Limits:
    """The defaults, overridden by any ``TAHQIQ_MAX_*`` / ``TAHQIQ_DOC_SECONDS`` set."""
    return _limits(tuple(os.environ.get(var) for var in _ENV.values()))


@lru_cache(maxsize=8)
def _limits(values: tuple[str | None, ...]) -> Limits:
    from tahqiq.errors import TahqiqError

    kw: dict[str, float] = {}
    for (name, var), raw in zip(_ENV.items(), values):
        if raw:
            try:
                value = float(raw) if name == "doc_seconds" else int(raw)
            except ValueError:
                raise TahqiqError(f"${var} must be a number, not {raw!r}") from None
            if value <= 0:
                raise TahqiqError(f"${var} must be positive, not {raw!r}")
            kw[name] = value
    return Limits(**kw)  # type: ignore[arg-type]  # int fields get int(raw) above


def cut_at_word(text: str, n: int) -> int:
    """An offset at most ``n`` that does not split a word (``n`` itself when none is near)."""
    if n >= len(text):
        return len(text)
    k = text.rfind(" ", max(0, n - 200), n + 1)
    k2 = text.rfind("\n", max(0, n - 200), n + 1)
    k = max(k, k2)
    return k if k > 0 else n
