"""Arabic named-entity recognition shipped with the package (no download).

Labels: PER, LOC, ORG, NAT (demonyms), ROLE (titles and positions), MONEY,
DATE. The default "fast" model is a spaCy CNN pipeline (light-stem NORM,
tok2vec with floret subword vectors, transition NER; components.py) trained
on ANERcorp, the Wojood sample and news sentences labelled by the accurate
mode (training/ner/); a pipeline may carry a second CNN NER (ORG_PIPE,
sharing the vectors) that supplies the ORG spans. postprocess.py then adds
what rules.py finds and the model misses (money, dates, kunyas, demonyms,
role phrases) and moves a span's start past a glued proclitic ("بأبو حمزة"
-> "أبو حمزة"); consistency.py gives each name one type per text and tags
its untagged repeats.

    m = load_model()
    m.predict(text)          # [(start, end, label)], text[start:end] is the surface
    m.predict_batch(texts)   # same, for many texts, through nlp.pipe

Invariant: every span is a character range into the text that was passed
in, unchanged; spans are sorted and do not overlap, except that a ROLE may
contain ORG/LOC/NAT spans. Long texts are split into paragraphs internally.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator

from tahqiq.errors import TahqiqError

from .consistency import harmonise
from .postprocess import postprocess

__all__ = ["LABELS", "NerModel", "load_model", "MODEL_DIR"]

LABELS = ("PER", "LOC", "ORG", "NAT", "ROLE", "MONEY", "DATE")
MODEL_DIR = Path(__file__).resolve().parent / "model"
Span = tuple[int, int, str]
# Optional second NER component, stored disabled in the pipeline: where present,
# its ORG spans replace the main component's (see NerModel._spans).
ORG_PIPE = "ner_org"

# Paragraphs longer than this are cut at sentence ends: the model sees local
# context only, and short docs keep memory flat on very long articles.
_MAX_CHARS = 2000
_SENT_END = re.compile(r"(?<=[.!?؟])\s+")


class NerModel:
    """A loaded spaCy NER pipeline plus the rule layer; thread-compatible, not thread-safe."""

    def __init__(self, path: str | Path = MODEL_DIR, batch_size: int = 256):
        path = Path(path)
        if not (path / "config.cfg").is_file() or not (path / "meta.json").is_file():
            raise TahqiqError(
                f"NER model files are missing in {path}. Reinstall tahqiq, or rebuild the model "
                "with `python training/ner/train.py` (needs ../shared/data)."
            )
        import spacy

        from . import components  # registers the pipeline's tahqiq_ar_norm factory

        try:
            self.nlp = spacy.load(path, exclude=["parser", "tagger", "lemmatizer"])
        except (OSError, ValueError) as err:
            raise TahqiqError(f"NER model in {path} could not be loaded: {err}. "
                              "Rebuild it with `python training/ner/train.py`.") from err
        components.customize_tokenizer(self.nlp)
        if self.nlp.vocab.vectors.shape[0]:
            components.cache_static_vectors(self.nlp)
        self.path = path
        self.batch_size = batch_size

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(self.nlp.get_pipe("ner").labels)

    def predict(self, text: str) -> list[Span]:
        """Entity spans (start, end, label) into `text`, sorted by start.

        Spans do not overlap, except that a ROLE may contain ORG, LOC or NAT
        spans ("نائب أمير جهاز الحسبة" holds the ORG "جهاز الحسبة"); the ROLE
        comes first.
        """
        return self.predict_batch([text])[0]

    def predict_batch(self, texts: list[str]) -> list[list[Span]]:
        """`predict` for many texts; the segments of all texts go through one nlp.pipe."""
        return [harmonise([text], [postprocess(text, spans)])[0]
                for text, spans in zip(texts, self.raw_batch(texts))]

    def raw_batch(self, texts: list[str]) -> list[list[Span]]:
        """The statistical model's spans only, before the rule layer."""
        segments = [(i, off, seg) for i, text in enumerate(texts) for off, seg in _segments(text)]
        found: list[list[Span]] = [[] for _ in texts]
        docs = self.nlp.pipe((seg for _, _, seg in segments), batch_size=self.batch_size)
        for (i, off, _), spans in zip(segments, self._spans(docs)):
            found[i].extend((off + a, off + b, label) for a, b, label in spans)
        return found

    def _spans(self, docs: Iterable) -> Iterator[list[Span]]:
        """Each doc's entity spans. With an ORG_PIPE component, its ORG spans replace the
        main NER's ORG and win over an overlapping main PER/LOC, except an ORG lying
        inside a longer main PER ("عمر طراد" over "طراد")."""
        if ORG_PIPE not in self.nlp.component_names:
            for doc in docs:
                yield [(e.start_char, e.end_char, e.label_) for e in doc.ents]
            return
        from spacy.util import minibatch

        org_pipe = self.nlp.get_pipe(ORG_PIPE)
        for batch in minibatch(docs, self.batch_size):
            main = [[(e.start_char, e.end_char, e.label_) for e in doc.ents] for doc in batch]
            for doc in batch:  # preset entities would constrain the second NER
                doc.set_ents([], default="missing")
            for doc, spans in zip(org_pipe.pipe(batch), main):
                orgs = [(e.start_char, e.end_char, "ORG") for e in doc.ents if e.label_ == "ORG"
                        and not any(p[2] == "PER" and p[0] <= e.start_char and e.end_char <= p[1]
                                    and p[1] - p[0] > e.end_char - e.start_char for p in spans)]
                yield sorted(orgs + [s for s in spans if s[2] != "ORG"
                                     and not any(s[0] < b and a < s[1] for a, b, _ in orgs)])


def _segments(text: str) -> Iterator[tuple[int, str]]:
    """(offset, piece) for each non-blank paragraph, long ones cut at sentence ends."""
    pos = 0
    for para in text.split("\n"):
        if para.strip():
            yield from _cut(pos, para)
        pos += len(para) + 1


def _cut(offset: int, para: str) -> Iterable[tuple[int, str]]:
    if len(para) <= _MAX_CHARS:
        return [(offset, para)]
    out, start = [], 0
    for m in _SENT_END.finditer(para):
        if m.start() - start >= _MAX_CHARS // 2:
            out.append((offset + start, para[start:m.start()]))
            start = m.end()
    out.append((offset + start, para[start:]))
    # A "sentence" with no break at all still has to be bounded.
    return [(o + k, p[k:k + _MAX_CHARS]) for o, p in out for k in range(0, max(len(p), 1), _MAX_CHARS)]


@lru_cache(maxsize=4)
def load_model(name: str = "fast") -> NerModel:
    """The shipped model, loaded once per process. `name`: "fast" (default) or "accurate"."""
    if name == "fast":
        return NerModel(MODEL_DIR)
    if name == "accurate":
        from .accurate import AccurateNer
        return AccurateNer(load_model("fast"))
    raise TahqiqError(f"unknown NER model {name!r}: use 'fast' or 'accurate'")
