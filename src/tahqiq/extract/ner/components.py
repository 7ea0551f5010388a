"""spaCy component used inside the shipped NER pipeline.

`tahqiq_ar_norm` sets each token's NORM to a light stem: Arabic letters
normalised (hamza forms, alef maqsura, taa marbuta, no diacritics/tatweel)
and proclitics removed ("والموصل", "بالموصل", "للموصل" -> "موصل"). The
stripping is blind (a name that starts with "ال" or "ب" loses it too, and
"وزير" becomes "زير"); that is harmless because it is consistent between
training and inference and the exact form is embedded as well. The tok2vec
layer embeds ORTH and this NORM side by side, so "بالرقة" and "الرقة" share
most of their features while the exact form stays available.

This module must be imported before spacy.load of the model (the package's
NerModel does so); training passes it with `--code`.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import compile_infix_regex, compile_suffix_regex

# Quotes glued between words ('بــ"أبو', 'والملقب“أبو') split like spaces would.
# A full stop after a number ("عام 2014.") is punctuation, not part of the number.
_EXTRA_SUFFIXES = [r"(?<=[0-9٠-٩])\."]
_EXTRA_INFIXES = [r'(?<=[\w\u0640])["“”«»](?=\w)', r'(?<=\w)["“”«»](?=[\w\u0640])']


def customize_tokenizer(nlp: Language) -> Language:
    """Add the infix rules above to nlp's tokenizer (training and inference both call this)."""
    infixes = list(nlp.Defaults.infixes or []) + _EXTRA_INFIXES
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    suffixes = list(nlp.Defaults.suffixes or []) + _EXTRA_SUFFIXES
    nlp.tokenizer.suffix_search = compile_suffix_regex(suffixes).search
    return nlp

_MAP = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي"})
_DROP = dict.fromkeys([0x0640] + list(range(0x064B, 0x0653)) + [0x0670])
_ARTICLES = ("وال", "فال", "بال", "كال", "لل", "ال")


def light_stem(word: str) -> str:
    """Normalised word without conjunction, preposition and article prefixes."""
    w = word.translate(_DROP).translate(_MAP)
    if len(w) > 3 and w[0] in "وف":
        w = w[1:]
    for art in _ARTICLES:
        if w.startswith(art) and len(w) - len(art) >= 3:
            return w[len(art):]
    if len(w) > 4 and w[0] in "بلك":
        return w[1:]
    return w


@Language.factory("tahqiq_ar_norm")
def make_ar_norm(nlp: Language, name: str) -> "ArNorm":
    return ArNorm()


class ArNorm:
    """Sets NORM on each word type once (on the lexeme); tokens read it from there."""

    def __init__(self) -> None:
        self._done: set[int] = set()

    def __call__(self, doc: Doc) -> Doc:
        done = self._done
        for token in doc:
            if token.orth not in done:
                token.lex.norm_ = light_stem(token.text)
                done.add(token.orth)
        return doc


def cache_static_vectors(nlp: Language, limit: int = 100_000) -> int:
    """Memoise the static-vector rows of the pipeline's tok2vec layers, per word type.

    With floret vectors spaCy hashes every token's character n-grams again on
    each call (about a tenth of the NER's time on news text); the projected row
    of a word type is the same every time, so at inference it is computed once
    and then looked up. Training (``is_train``) goes through spaCy's own layer.
    The cache holds at most `limit` word types (about 40 MB at width 96) and
    is emptied when full. Returns the number of layers wrapped.
    """
    import numpy as np
    from thinc.types import Ragged

    wrapped = 0
    for name in nlp.component_names:
        model = getattr(nlp.get_pipe(name), "model", None)
        if model is None or not hasattr(model, "walk"):
            continue
        for layer in model.walk():
            if layer.name != "static_vectors" or layer.attrs.get("tahqiq_cached"):
                continue
            original = layer._func
            rows: dict[int, object] = {}

            def forward(model, docs, is_train, original=original, rows=rows):
                lengths = [len(doc) for doc in docs]
                if is_train or not sum(lengths):
                    return original(model, docs, is_train)
                attr = getattr(docs[0].vocab.vectors, "attr", "ORTH")  # what the vectors are keyed by
                keys = np.concatenate([doc.to_array(attr) for doc in docs])
                types, where = np.unique(keys, return_inverse=True)
                types = types.tolist()
                new = [k for k in types if k not in rows]
                if new:
                    if len(rows) + len(new) > limit:
                        rows.clear()
                        new = types
                    vectors = model.ops.as_contig(docs[0].vocab.vectors.get_batch(np.asarray(new, dtype="uint64")))
                    projected = model.ops.gemm(vectors, model.ops.as_contig(model.get_param("W")), trans2=True)
                    rows.update(zip(new, projected))
                table = np.stack([rows[k] for k in types])
                return Ragged(model.ops.as_contig(table[where.reshape(-1)]), model.ops.asarray1i(lengths)), _no_backprop

            layer._func = forward
            layer.attrs["tahqiq_cached"] = True
            wrapped += 1
    return wrapped


def _no_backprop(d_output):  # inference only: nothing to update
    return []
