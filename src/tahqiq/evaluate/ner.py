"""Score an NER model on a CoNLL file (one `token TAG` a line, CoNLL-style exact spans).

Gold: first tag column only (extra columns, e.g. Wojood's nested layers, are
ignored); IOB2, with IOB1 tolerated (an I- that follows O or another type
opens a span). Tag types go through GOLD_ALIASES (PERS -> PER, GPE -> LOC …);
MISC and other unknown types are kept under their own names.

Prediction: the sentence's tokens are joined with single spaces and given to
the model as raw text; each predicted character span becomes the tokens it
overlaps. A prediction counts when its (first token, last token, label)
equals a gold span's.
"""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path

from tahqiq.errors import GoldFormatError
from tahqiq.text.bio import bio_spans as decode_bio

GOLD_ALIASES = {"PERS": "PER", "GPE": "LOC", "NORP": "NAT", "OCC": "ROLE", "CURR": "MONEY"}
MAIN_TYPES = ("PER", "LOC", "ORG")
CONTEXT = 10  # sentences either side that count as the same document (evaluate_conll)

Sentence = tuple[list[str], set[tuple[int, int, str]]]


def write_anercorp_dev(train_conll: str | Path, out: str | Path) -> Path:
    """Write the fixed ANERcorp development split (the last 10% of the sentences of
    `train_conll`, as training/ner/corpus.py holds them out) to `out`, as CoNLL."""
    blocks = [b for b in Path(train_conll).read_text(encoding="utf-8").split("\n\n") if b.strip()]
    out = Path(out)
    out.write_text("\n\n".join(b.strip("\n") for b in blocks[int(len(blocks) * 0.9):]) + "\n", encoding="utf-8")
    return out


def read_conll(path: str | Path) -> list[Sentence]:
    """Sentences as (tokens, gold spans (first, last_exclusive, type))."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as err:
        raise GoldFormatError(f"{path}: cannot read CoNLL file ({err})") from err
    sents: list[Sentence] = []
    tokens: list[str] = []
    tags: list[str] = []
    for no, line in enumerate(lines + [""], start=1):
        if not line.strip():
            if tokens:
                sents.append((tokens, bio_spans(tags)))
                tokens, tags = [], []
            continue
        parts = line.split()
        if len(parts) < 2 or not _valid_tag(parts[1]):
            raise GoldFormatError(
                f"{path}:{no}: expected 'TOKEN TAG' with TAG O, B-TYPE or I-TYPE, got {line!r}")
        tokens.append(parts[0])
        tags.append(parts[1])
    return sents


def _valid_tag(tag: str) -> bool:
    return tag == "O" or (tag[:2] in ("B-", "I-") and len(tag) > 2)


def bio_spans(tags: list[str]) -> set[tuple[int, int, str]]:
    """Token spans (first, last_exclusive, type) of a BIO tag sequence (``text.bio``), types
    read through GOLD_ALIASES (PERS is PER)."""
    return set(decode_bio(tags, GOLD_ALIASES))


def _token_spans(tokens: list[str], pred: list[tuple[int, int, str]]) -> set[tuple[int, int, str]]:
    starts, pos = [], 0
    for t in tokens:
        starts.append(pos)
        pos += len(t) + 1
    out = set()
    for cs, ce, label in pred:
        first = next((i for i, s in enumerate(starts) if s + len(tokens[i]) > cs), None)
        last = next((i for i in range(len(tokens) - 1, -1, -1) if starts[i] < ce), None)
        if first is not None and last is not None and first <= last:
            out.add((first, last + 1, label))
    return out


def _prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float | int]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f, "tp": tp, "pred": n_pred, "gold": n_gold}


def evaluate_conll(path: str, model=None, batch_size: int = 256, context: int = CONTEXT) -> dict:
    """Per-type P/R/F1, micro P/R/F1 over PER/LOC/ORG, token count and tokens/s.

    `model` is anything with predict_batch(list[str]); default: load_model().
    `context`: each sentence's names are made consistent with those of the
    `context` sentences before and after it (CoNLL files keep document
    order; an article in the pipeline is one text), as
    ``tahqiq.extract.ner.consistency.harmonise`` does; 0 scores sentences alone.
    """
    if model is None:
        from tahqiq.extract.ner import load_model
        model = load_model()
    sents = read_conll(path)
    texts = [" ".join(tokens) for tokens, _ in sents]
    t0 = time.perf_counter()
    preds = []
    for k in range(0, len(texts), batch_size):
        preds.extend(model.predict_batch(texts[k:k + batch_size]))
    if context:
        from tahqiq.extract.ner.consistency import harmonise
        preds = harmonise(texts, preds, window=context)
    seconds = time.perf_counter() - t0
    tp: Counter[str] = Counter()
    n_pred: Counter[str] = Counter()
    n_gold: Counter[str] = Counter()
    for (tokens, gold), pred in zip(sents, preds):
        predicted = _token_spans(tokens, pred)
        n_gold.update(s[2] for s in gold)
        n_pred.update(s[2] for s in predicted)
        tp.update(s[2] for s in predicted & gold)
    per_type = {t: _prf(tp[t], n_pred[t], n_gold[t]) for t in sorted(set(n_gold) | set(n_pred))}
    micro = _prf(*(sum(c[t] for t in MAIN_TYPES) for c in (tp, n_pred, n_gold)))
    n_tokens = sum(len(tokens) for tokens, _ in sents)
    return {
        "file": str(path),
        "sentences": len(sents),
        "context": context,
        "tokens": n_tokens,
        "seconds": seconds,
        "tokens_per_second": n_tokens / seconds if seconds else 0.0,
        "per_type": per_type,
        "micro": micro,
        "micro_types": list(MAIN_TYPES),
    }


def format_report(result: dict) -> str:
    """A plain-text table of the result of evaluate_conll."""
    lines = [f"{result['file']}: {result['sentences']} sentences, {result['tokens']} tokens, "
             f"{result['tokens_per_second']:.0f} tokens/s"
             + (f", context ±{result['context']} sentences" if result.get("context") else ""),
             f"{'type':<8}{'P':>8}{'R':>8}{'F1':>8}{'gold':>8}{'pred':>8}"]
    rows = list(result["per_type"].items()) + [("micro", result["micro"])]
    for name, s in rows:
        lines.append(f"{name:<8}{100 * s['precision']:8.2f}{100 * s['recall']:8.2f}"
                     f"{100 * s['f1']:8.2f}{s['gold']:8d}{s['pred']:8d}")
    lines.append(f"(micro = {'+'.join(result['micro_types'])}, exact token spans)")
    return "\n".join(lines)
