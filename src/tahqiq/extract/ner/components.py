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
