"""Silver NER training data: the accurate-mode transformer labels SaudiNewsNet sentences.

    python training/ner/silver.py [--sentences 5000] [--skip 20000 ...]   # needs the accurate extra

Takes sentences of 8-60 tokens from the news corpus (articles after the first
``--skip``, so they are not the ones the floret vectors were trained on),
tokenises them with the fast model's tokenizer (the same tokens as inference),
tags PER/LOC/ORG with the shipped accurate weights, makes each article's
names consistent (``tahqiq.extract.ner.consistency.harmonise``: one type per
name, untagged repeats tagged), adds the rule silver of
corpus.py (NAT/MONEY/DATE; role phrases marked unknown) and writes
``build/silver.spacy``. ``train.py --silver build/silver.spacy`` then trains
the fast model on gold + silver (distillation of the transformer into the CNN).
``--labeller accurate`` labels with the whole accurate mode instead (transformer
PER/LOC, the fast model's ORG, the rule layer, one type per name per article).
``--labeller fast`` labels with a fast pipeline's statistical NER alone (``--fast
DIR``, default the shipped model; no rules, all seven types): the teacher of the
ORG component (``train.py --org-head``). No torch needed for this one.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(HERE))

import spacy  # noqa: E402
from spacy.tokens import DocBin  # noqa: E402

from corpus import Sentence, add_silver, bio_spans, to_doc  # noqa: E402
from tahqiq.extract.ner.accurate import load  # noqa: E402
from tahqiq.extract.ner.components import customize_tokenizer  # noqa: E402
from tahqiq.text.segment import sentences as split_sentences  # noqa: E402


def news_sentences(path: Path, skip: int, want: int) -> tuple[list[list[str]], list[int]]:
    """Token lists of news sentences, and the article (line number) each comes from."""
    nlp = customize_tokenizer(spacy.blank("ar"))
    out: list[list[str]] = []
    article: list[int] = []
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for n, line in enumerate(itertools.islice(fh, skip, None)):
            rec = json.loads(line)
            text = rec.get("content") or rec.get("text") or ""
            for s in split_sentences(text):
                toks = [t.text for t in nlp.make_doc(text[s.start:s.end]) if not t.is_space]
                if 8 <= len(toks) <= 60:
                    out.append(toks)
                    article.append(skip + n)
            if len(out) >= want:
                return out[:want], article[:want]
    return out, article


def ensemble(taggers):
    """One tagger whose tag probabilities are the mean of several taggers' (same tokenizer)."""
    import torch
    from tahqiq.extract.ner.accurate import Tagger

    class Mean(torch.nn.Module):
        def __init__(self, models):
            super().__init__()
            self.models = torch.nn.ModuleList(models)

        def forward(self, ids, mask):
            return torch.stack([m(ids, mask).softmax(-1) for m in self.models]).mean(0).log()

    first = taggers[0]
    return Tagger(Mean([t.model for t in taggers]), first.tok, first.sp)


def article_ranges(article: list[int]) -> list[tuple[int, int]]:
    """(first, end) sentence indices of each article's run of sentences."""
    out, i = [], 0
    for _, group in itertools.groupby(article):
        j = i + len(list(group))
        out.append((i, j))
        i = j
    return out


def consistent(sents: list[list[str]], article: list[int], tags: list[list[str]]) -> list[list[tuple[int, int, str]]]:
    """Token spans per sentence after harmonise() over each article's sentences."""
    from tahqiq.evaluate.ner import _token_spans
    from tahqiq.extract.ner.consistency import harmonise

    texts = [" ".join(t) for t in sents]
    chars = []
    for toks, tg in zip(sents, tags):
        starts = list(itertools.accumulate((len(t) + 1 for t in toks[:-1]), initial=0))
        chars.append([(starts[a], starts[b - 1] + len(toks[b - 1]), label) for a, b, label in bio_spans(tg)])
    out: list[list[tuple[int, int, str]]] = []
    for i, j in article_ranges(article):
        out += [sorted(_token_spans(toks, spans))
                for toks, spans in zip(sents[i:j], harmonise(texts[i:j], chars[i:j]))]
    return out


def fast_model_spans(sents: list[list[str]], fast: Path | None = None) -> list[list[tuple[int, int, str]]]:
    """Token spans per sentence from a fast pipeline's statistical NER (``NerModel.raw_batch``:
    no rule layer, no consistency). `fast`: its folder (default: the shipped model)."""
    from tahqiq.evaluate.ner import _token_spans
    from tahqiq.extract.ner import MODEL_DIR, NerModel

    model = NerModel(fast or MODEL_DIR)
    texts = [" ".join(t) for t in sents]
    return [sorted(_token_spans(toks, spans)) for toks, spans in zip(sents, model.raw_batch(texts))]


def accurate_mode_spans(sents: list[list[str]], article: list[int],
                        fast: Path | None = None) -> list[list[tuple[int, int, str]]]:
    """PER/LOC/ORG token spans per sentence from the whole accurate mode (transformer PER/LOC,
    the fast model's ORG, the rule layer, one type per name over each article's sentences).
    `fast`: the fast model's folder (default: the shipped one)."""
    from tahqiq.evaluate.ner import _token_spans
    from tahqiq.extract.ner import NerModel, load_model
    from tahqiq.extract.ner.accurate import LABELS, AccurateNer

    ner = AccurateNer(NerModel(fast)) if fast else load_model("accurate")
    groups = article_ranges(article)
    out: list[list[tuple[int, int, str]]] = []
    for k in range(0, len(groups), 64):
        chunk = groups[k:k + 64]
        texts = ["\n".join(" ".join(t) for t in sents[a:b]) for a, b in chunk]
        for (a, b), spans in zip(chunk, ner.predict_batch(texts)):
            off = 0
            for toks in sents[a:b]:
                end = off + len(" ".join(toks))
                local = [(s - off, e - off, label) for s, e, label in spans
                         if off <= s and e <= end and label in LABELS]
                out.append(sorted(_token_spans(toks, local)))
                off = end + 1
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--sentences", type=int, default=5000, help="sentences per --skip")
    ap.add_argument("--skip", type=int, action="append", default=None,
                    help="start after this many articles (repeat for several ranges; default 20000)")
    ap.add_argument("--out", type=Path, default=HERE / "build" / "silver.spacy")
    ap.add_argument("--weights", type=Path, action="append", default=None,
                    help="a folder with a teacher weights.pt (repeat: the taggers' probabilities are "
                         "averaged); default: the shipped accurate weights")
    ap.add_argument("--labeller", choices=("transformer", "accurate", "fast"), default="transformer",
                    help="accurate: label with the whole accurate mode (the fast model's ORG, the rules); "
                         "fast: with the statistical NER of the --fast pipeline alone (no rules)")
    ap.add_argument("--org-missing", action="store_true",
                    help="silver ORG spans become unknown tokens: the student learns ORG from gold only")
    ap.add_argument("--fast", type=Path, default=None,
                    help="with --labeller accurate: the fast model folder whose ORG the accurate mode "
                         "uses; with --labeller fast: the labelling pipeline (default: the shipped model)")
    args = ap.parse_args()
    sents, article = [], []
    for skip in args.skip or [20000]:
        more, arts = news_sentences(args.data / "news" / "saudinewsnet.jsonl.gz", skip, args.sentences)
        sents += more
        article += arts
    t0 = time.time()
    if args.labeller == "accurate":
        spans_per_sentence = accurate_mode_spans(sents, article, args.fast)
    elif args.labeller == "fast":
        spans_per_sentence = fast_model_spans(sents, args.fast)
    else:
        tagger = ensemble([load(w) for w in args.weights]) if args.weights else load()
        spans_per_sentence = consistent(sents, article, tagger.tag_words(sents))
    n_tok = sum(map(len, sents))
    print(f"tagged {len(sents)} sentences, {n_tok} tokens in {time.time() - t0:.0f}s", flush=True)
    nlp = customize_tokenizer(spacy.blank("ar"))
    db = DocBin(store_user_data=False)
    counts: dict[str, int] = {}
    for toks, spans in zip(sents, spans_per_sentence):
        s = Sentence(toks, spans)
        if args.labeller != "fast":  # fast: the model's own seven types, as they are
            add_silver(s)
            # A demonym right after a name is often the name's nisba ("همام التركي"): unknown, not NAT.
            ends = {b for a, b, label in s.ents if label == "PER"}
            nisba = [(a, b) for a, b, label in s.ents if label == "NAT" and a in ends]
            s.ents = [e for e in s.ents if (e[0], e[1]) not in nisba]
            s.missing += nisba
        if args.org_missing:
            s.missing += [(a, b) for a, b, label in s.ents if label == "ORG"]
            s.ents = [e for e in s.ents if e[2] != "ORG"]
        for _, _, label in s.ents:
            counts[label] = counts.get(label, 0) + 1
        db.add(to_doc(nlp, s))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    db.to_disk(args.out)
    print(f"wrote {args.out}: {len(db)} docs, spans {counts}")


if __name__ == "__main__":
    main()
