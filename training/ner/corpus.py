"""Build spaCy training corpora from ANERcorp and the Wojood sample.

Label scheme: PER LOC ORG NAT ROLE MONEY DATE.

ANERcorp annotates only PERS/LOC/ORG/MISC, so it gets
- silver NAT/MONEY/DATE from tahqiq.extract.ner.rules where they do not
  overlap a gold name,
- MISC tokens marked *missing* (not O): MISC mixes currencies, events and
  products, so it should teach nothing either way,
- role phrases (a role head such as "وزير" and up to three following plain
  tokens) marked missing, so the model is not taught that roles are O.

Wojood is nested; we keep, per token, the outermost span of one of our types
(an OCC span that holds an ORG becomes one ROLE, as in "مسؤول مكتب
الإستتابة"), strip place triggers ("مدينة", "قرية") so LOC spans follow
ANERcorp's convention, and mark types we do not use (FAC, WEBSITE, NORP that
is not a demonym, such as "الأطباء") missing.

Sentences are re-tokenised with spaCy's blank `ar` tokenizer (joined with
spaces first), so training sees the same tokens as inference on raw text.
"""

from __future__ import annotations

import random
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import spacy
from spacy.tokens import Doc, DocBin
from spacy.util import filter_spans

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "src"))
from tahqiq.extract.ner import rules
from tahqiq.extract.ner.components import customize_tokenizer
from tahqiq.text.bio import bio_spans

ANER_MAP = {"PERS": "PER", "PER": "PER", "LOC": "LOC", "ORG": "ORG"}
WOJOOD_MAP = {"PERS": "PER", "GPE": "LOC", "LOC": "LOC", "ORG": "ORG", "NORP": "NAT",
              "OCC": "ROLE", "MONEY": "MONEY", "DATE": "DATE"}
WOJOOD_MISSING = {"FAC", "WEBSITE", "CURR"}
PLACE_TRIGGERS = {"قرية", "مدينة", "بلدة", "مخيم", "محافظة", "منطقة", "قضاء", "ولاية", "إقليم",
                  "ناحية", "حي", "بلدية", "قطاع"}
DEMONYM = re.compile(r"(ي|ية|يين|يون|يان|ييون)$")
PUNCT = re.compile(r"^\W+$")


@dataclass
class Sentence:
    """Tokens plus token-index spans: (start, end_exclusive, label)."""

    tokens: list[str]
    ents: list[tuple[int, int, str]] = field(default_factory=list)
    missing: list[tuple[int, int]] = field(default_factory=list)


def read_columns(path: Path) -> list[list[list[str]]]:
    """Sentences of rows [token, tag, tag...] (blank line separates sentences)."""
    sents, cur = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if cur:
                sents.append(cur)
                cur = []
            continue
        cur.append(line.split())
    if cur:
        sents.append(cur)
    return sents


def anercorp_split(path: Path) -> tuple[list[list[list[str]]], list[list[list[str]]]]:
    """Fixed split: the last 10% of sentences are the development part."""
    sents = read_columns(path)
    cut = int(len(sents) * 0.9)
    return sents[:cut], sents[cut:]


def anercorp_sentence(rows: list[list[str]]) -> Sentence:
    tokens = [r[0] for r in rows]
    s = Sentence(tokens)
    for a, b, typ in bio_spans([r[1] if len(r) > 1 else "O" for r in rows]):
        if typ in ANER_MAP:
            s.ents.append((a, b, ANER_MAP[typ]))
        else:
            s.missing.append((a, b))
    return s


def wojood_sentence(rows: list[list[str]]) -> Sentence | None:
    keep = [i for i, r in enumerate(rows) if r[0] != "$#$"]
    if not keep:
        return None
    rows = [rows[i] for i in keep]
    tokens = [r[0] for r in rows]
    width = max(len(r) for r in rows)
    cands, missing = [], []
    for col in range(1, width):
        for a, b, typ in bio_spans([r[col] if col < len(r) else "O" for r in rows]):
            label = WOJOOD_MAP.get(typ)
            if label == "NAT" and not any(DEMONYM.search(t) for t in tokens[a:b]):
                label = None
                missing.append((a, b))
            elif typ in WOJOOD_MISSING:
                missing.append((a, b))
            if label == "LOC":
                while b - a > 1 and tokens[a] in PLACE_TRIGGERS:
                    a += 1
            if label:
                cands.append((a, b, label))
    # Outermost first: longer spans win; ties keep column order.
    cands.sort(key=lambda s: (-(s[1] - s[0]), s[0]))
    taken: set[int] = set()
    ents = []
    for a, b, label in cands:
        if taken.isdisjoint(range(a, b)):
            ents.append((a, b, label))
            taken.update(range(a, b))
    missing = [(a, b) for a, b in missing if taken.isdisjoint(range(a, b))]
    return Sentence(tokens, sorted(ents), missing)


def add_silver(s: Sentence, nat: bool = True, money_date: bool = True, role_windows: bool = True) -> None:
    """Rule labels on tokens that are plain O; role phrases become missing."""
    text, starts = _join(s.tokens)
    busy = {i for a, b, _ in s.ents for i in range(a, b)}
    misc = {i for a, b in s.missing for i in range(a, b)}
    found = []
    if money_date:
        found += rules.money_spans(text) + rules.date_spans(text)
    if nat:
        found += rules.nat_spans(text)
    for cs, ce, label in found:
        a, b = _char_to_tokens(starts, s.tokens, cs, ce)
        toks = set(range(a, b))
        blocked = busy | (set() if label == "MONEY" else misc)
        if toks and toks.isdisjoint(blocked):
            s.ents.append((a, b, label))
            busy |= toks
            misc -= toks
    s.missing = [(a, b) for a, b in s.missing if set(range(a, b)) <= misc] if misc else []
    if role_windows:
        _mark_role_windows(s)


def _mark_role_windows(s: Sentence) -> None:
    gold = {i for a, b, lab in s.ents if lab in ("PER", "LOC", "ORG", "MONEY", "DATE") for i in range(a, b)}
    window: set[int] = set()
    for i, tok in enumerate(s.tokens):
        head = tok[1:] if tok[:1] in "وفل" and tok[1:] in rules.ROLE_HEADS else tok
        if i in gold or head not in rules.ROLE_HEADS:
            continue
        j = i
        while j < len(s.tokens) and j - i < 4 and j not in gold and not PUNCT.match(s.tokens[j]):
            window.add(j)
            j += 1
    if window:
        s.ents = [e for e in s.ents if window.isdisjoint(range(e[0], e[1]))]
        s.missing += [(i, i + 1) for i in sorted(window)]


def _join(tokens: list[str]) -> tuple[str, list[int]]:
    starts, pos = [], 0
    for t in tokens:
        starts.append(pos)
        pos += len(t) + 1
    return " ".join(tokens), starts


def _char_to_tokens(starts: list[int], tokens: list[str], cs: int, ce: int) -> tuple[int, int]:
    a = next((i for i, st in enumerate(starts) if st + len(tokens[i]) > cs), len(tokens))
    b = next((i for i, st in enumerate(starts) if st >= ce), len(tokens))
    return a, b


def load_gazetteer(folder: Path) -> dict[str, list[str]]:
    """ANERGazet lists (names one a line, "====" between groups) by our label."""
    out = {}
    for label, name in (("PER", "pers"), ("LOC", "loc"), ("ORG", "org")):
        lines = (folder / f"{name}.txt").read_text(encoding="utf-8").splitlines()
        out[label] = sorted({ln.strip() for ln in lines if ln.strip() and not ln.startswith("=")})
    return out


def swap_names(s: Sentence, gaz: dict[str, list[str]], rng: random.Random) -> Sentence | None:
    """A copy of the sentence with every PER/LOC/ORG replaced by gazetteer names.

    Teaches the model to find names from context rather than memorise them:
    the dev split's names are mostly unseen in training.
    """
    swap = {a: (b, label) for a, b, label in s.ents if label in gaz}
    if not swap:
        return None
    tokens: list[str] = []
    new_at: dict[int, int] = {}
    ents = []
    i = 0
    while i < len(s.tokens):
        if i in swap:
            b, label = swap[i]
            k = rng.choice((1, 2, 2, 3)) if label == "PER" else 1
            name = " ".join(rng.choice(gaz[label]) for _ in range(k)).split()
            ents.append((len(tokens), len(tokens) + len(name), label))
            tokens += name
            i = b
        else:
            new_at[i] = len(tokens)
            tokens.append(s.tokens[i])
            i += 1
    kept = lambda a, b: all(j in new_at for j in range(a, b))  # noqa: E731
    ents += [(new_at[a], new_at[b - 1] + 1, lab) for a, b, lab in s.ents if lab not in gaz and kept(a, b)]
    missing = [(new_at[a], new_at[b - 1] + 1) for a, b in s.missing if kept(a, b)]
    return Sentence(tokens, sorted(ents), missing)


def to_doc(nlp, s: Sentence) -> Doc:
    text, starts = _join(s.tokens)
    doc = nlp.make_doc(text)

    def char_span(a: int, b: int, label: str = ""):
        return doc.char_span(starts[a], starts[b - 1] + len(s.tokens[b - 1]), label=label,
                             alignment_mode="expand")

    ents = filter_spans([sp for a, b, lab in s.ents if (sp := char_span(a, b, lab)) is not None])
    covered = {t.i for e in ents for t in e}
    unknown = {t.i for a, b in s.missing if (sp := char_span(a, b)) is not None for t in sp}
    missing = [doc[i:i + 1] for i in sorted(unknown - covered)]
    doc.set_ents(ents, missing=missing, default="outside")
    return doc


def build(data: Path, out: Path, augment: float = 0.5) -> dict[str, int]:
    """Write train.spacy, dev.spacy (ANERcorp dev + Wojood val) and dev_anercorp.conll."""
    nlp = customize_tokenizer(spacy.blank("ar"))
    aner = data / "ner" / "anercorp" / "train.conll"
    woj = data / "ner" / "wojood_sample"
    train_rows, dev_rows = anercorp_split(aner)
    out.mkdir(parents=True, exist_ok=True)
    gaz = load_gazetteer(data / "ner" / "anercorp" / "gazetteer")
    rng = random.Random(0)
    counts = {}
    for name, parts in {
        "train": [(anercorp_sentence(r), True) for r in train_rows]
                 + [(wojood_sentence(r), False) for r in read_columns(woj / "train.txt")],
        "dev": [(anercorp_sentence(r), True) for r in dev_rows]
               + [(wojood_sentence(r), False) for r in read_columns(woj / "val.txt")],
    }.items():
        db = DocBin(store_user_data=False)
        for s, is_aner in parts:
            if s is None:
                continue
            add_silver(s, money_date=is_aner, role_windows=is_aner)
            db.add(to_doc(nlp, s))
            if name == "train" and is_aner and augment and rng.random() < augment:
                if (copy := swap_names(s, gaz, rng)) is not None:
                    db.add(to_doc(nlp, copy))
        db.to_disk(out / f"{name}.spacy")
        counts[name] = len(db)
    with (out / "dev_anercorp.conll").open("w", encoding="utf-8") as f:
        for rows in dev_rows:
            f.write("\n".join(f"{r[0]} {r[1]}" for r in rows) + "\n\n")
    val = [s for r in read_columns(woj / "val.txt") if (s := wojood_sentence(r)) is not None]
    write_conll(val, out / "wojood_val_flat.conll")
    return counts


def write_conll(sents: list[Sentence], path: Path) -> None:
    """Flat `token TAG` file (our labels); missing spans are written as O."""
    with path.open("w", encoding="utf-8") as f:
        for s in sents:
            tags = ["O"] * len(s.tokens)
            for a, b, label in s.ents:
                tags[a:b] = [f"B-{label}"] + [f"I-{label}"] * (b - a - 1)
            f.write("\n".join(f"{t} {g}" for t, g in zip(s.tokens, tags)) + "\n\n")


if __name__ == "__main__":
    here = Path(__file__).resolve().parent
    print(build(here.parents[2] / "shared" / "data", here / "build"))
