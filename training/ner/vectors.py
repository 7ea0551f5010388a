"""Train floret (hashed subword) vectors on the unlabelled news corpus.

Why floret: Arabic glues clitics to words (و، ب، ل، ال), so most surface forms
are rare; hashed character n-grams give every form a vector from a small,
fixed table (the model ships the table, not a vocabulary).

Writes BUILD/news_tok.txt (one tokenised article a line) and
BUILD/vectors.floret. Used by train.py; can be run alone.
"""

from __future__ import annotations

import argparse
import gzip
import json
from pathlib import Path

import spacy

DIM = 100
BUCKET = 50_000
MINN, MAXN = 3, 5
HASH_COUNT = 2
WINDOW = 4
# Articles used: a third of the corpus is enough for 50k hashed rows and keeps
# training to minutes on one thread.
MAX_ARTICLES = 10_000


def tokenise_news(news: Path, out: Path, limit: int | None = None) -> int:
    """One article per line, tokens joined by spaces (spaCy blank `ar` rules)."""
    nlp = spacy.blank("ar")
    n = 0
    with gzip.open(news, "rt", encoding="utf-8") as src, out.open("w", encoding="utf-8") as dst:
        texts = (json.loads(line).get("content") or "" for line in src)
        for doc in nlp.tokenizer.pipe(texts, batch_size=256):
            words = [t.text for t in doc if not t.is_space]
            if words:
                dst.write(" ".join(words) + "\n")
                n += 1
            if limit and n >= limit:
                break
    return n


def train_vectors(corpus: Path, out_prefix: Path, epochs: int = 5, threads: int = 1) -> Path:
    import floret

    model = floret.train_unsupervised(
        str(corpus), model="cbow", mode="floret", dim=DIM, bucket=BUCKET,
        minn=MINN, maxn=MAXN, hashCount=HASH_COUNT, epoch=epochs, ws=WINDOW,
        minCount=3, thread=threads, verbose=2,
    )
    path = out_prefix.with_suffix(".floret")
    model.save_floret_vectors(str(path))
    return path


def main() -> None:
    here = Path(__file__).resolve().parent
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--data", type=Path, default=here.parents[2] / "shared" / "data")
    ap.add_argument("--build", type=Path, default=here / "build")
    ap.add_argument("--epochs", type=int, default=5)
    args = ap.parse_args()
    args.build.mkdir(parents=True, exist_ok=True)
    corpus = args.build / "news_tok.txt"
    if not corpus.exists():
        print("articles:", tokenise_news(args.data / "news" / "saudinewsnet.jsonl.gz", corpus, MAX_ARTICLES))
    print("vectors:", train_vectors(corpus, args.build / "vectors", args.epochs))


if __name__ == "__main__":
    main()
