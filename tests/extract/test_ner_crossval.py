"""training/ner/crossval.py: fold splitting (contiguous blocks, no sentence on both sides),
the held-out scoring path, the rule toggles of postprocess, and the figure the benchmark prints."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _import(folder: str, name: str):
    sys.path.insert(0, str(ROOT / folder))
    try:
        return __import__(name)
    finally:
        sys.path.pop(0)


crossval = _import("training/ner", "crossval")


@pytest.mark.parametrize("n,k", [(10, 2), (11, 3), (3963, 5), (1000, 7)])
def test_blocks_are_contiguous_cover_everything_once_and_are_even(n, k):
    cut = crossval.blocks(n, k)
    assert len(cut) == k
    assert [i for block in cut for i in block] == list(range(n))
    assert all(block.step == 1 for block in cut)
    sizes = [len(b) for b in cut]
    assert max(sizes) - min(sizes) <= 1


def test_blocks_refuse_impossible_splits():
    with pytest.raises(ValueError):
        crossval.blocks(3, 4)
    with pytest.raises(ValueError):
        crossval.blocks(10, 1)


def test_fold_parts_hold_out_one_contiguous_block_and_train_on_the_rest():
    items = [f"s{i}" for i in range(23)]
    held_all = []
    for i in range(5):
        train, held = crossval.fold_parts(items, 5, i)
        assert not set(train) & set(held)
        assert sorted(train + held, key=items.index) == items
        first = items.index(held[0])
        assert held == items[first:first + len(held)]  # one contiguous run
        assert train == [s for s in items if s not in held]  # order kept
        held_all += held
    assert held_all == items  # every sentence held out exactly once, in order


def _write_data(root: Path) -> None:
    """A tiny ../shared/data/ner layout: 12 ANERcorp sentences, 6 + 4 Wojood sentences."""
    aner = root / "ner" / "anercorp"
    (aner / "gazetteer").mkdir(parents=True)
    for name, words in (("pers", "سمير\nنادر"), ("loc", "حلب\nتونس"), ("org", "اليونسكو\nالفيفا")):
        (aner / "gazetteer" / f"{name}.txt").write_text(words + "\n", encoding="utf-8")
    rows = []
    for i in range(12):
        rows.append(f"زار O\nأحمد{i} B-PERS\nمدينة{i} B-LOC\nأمس O\n")
    (aner / "train.conll").write_text("\n".join(rows), encoding="utf-8")
    woj = root / "ner" / "wojood_sample"
    woj.mkdir(parents=True)
    (woj / "train.txt").write_text("\n".join(f"قال O\nخالد{i} B-PERS\n" for i in range(6)), encoding="utf-8")
    (woj / "val.txt").write_text("\n".join(f"في O\nبلدة{i} B-GPE\n" for i in range(6, 10)), encoding="utf-8")


def test_fold_data_never_trains_on_a_held_out_sentence(tmp_path):
    import spacy
    from spacy.tokens import DocBin

    from tahqiq.evaluate.ner import read_conll

    _write_data(tmp_path / "data")
    seen_held = []
    for i in range(3):
        folder = tmp_path / f"fold{i}"
        sizes = crossval.write_fold_data(tmp_path / "data", folder, 3, i)
        assert sizes["anercorp_held"] == 4 and sizes["wojood_held"] in (3, 4)
        held = [" ".join(tokens) for name in ("anercorp", "wojood") for tokens, _ in read_conll(folder / f"{name}.conll")]
        train = {doc.text for doc in DocBin().from_disk(folder / "train.spacy").get_docs(spacy.blank("ar").vocab)}
        assert held and not set(held) & train
        # The held-out ANERcorp sentences are one contiguous run of the file.
        numbers = [int(tokens[1][len("أحمد"):]) for tokens, _ in read_conll(folder / "anercorp.conll")]
        assert numbers == list(range(numbers[0], numbers[0] + 4))
        seen_held += held
    assert len(seen_held) == len(set(seen_held)) == 12 + 10


def test_cached_model_scores_the_rule_layer_through_evaluate_conll(tmp_path):
    """The held-out scoring path: raw spans once, postprocess with a skip set, evaluate_conll."""
    conll = tmp_path / "held.conll"
    conll.write_text("قالت O\nصحيفة B-ORG\nمعاريف I-ORG\nأمس O\n", encoding="utf-8")
    text = "قالت صحيفة معاريف أمس"
    raw = {text: [(5, 18, "ORG")]}  # the model's span holds the kind noun
    from tahqiq.evaluate.ner import evaluate_conll

    trimmed = evaluate_conll(str(conll), model=crossval.CachedModel(raw, frozenset()))
    kept = evaluate_conll(str(conll), model=crossval.CachedModel(raw, frozenset({"trim_org_kind"})))
    # ANERcorp keeps the kind noun outside, so this (Wojood-style) gold only matches untrimmed.
    assert trimmed["micro"]["f1"] == 0.0
    assert kept["micro"]["f1"] == 1.0


def test_every_variant_is_a_valid_skip_set_and_each_step_is_flipped_once():
    from tahqiq.extract.ner.postprocess import DEFAULT_SKIP, STEPS, postprocess

    found = crossval.variants()
    names = [n for n, _ in found]
    assert names[0] == "full" and found[0][1] == DEFAULT_SKIP
    assert len(names) == len(set(names))
    for step in STEPS:
        assert (f"+{step}" if step in DEFAULT_SKIP else f"-{step}") in names
    for _, skip in found:
        postprocess("زار أحمد حلب", [(4, 8, "PER")], skip)
    with pytest.raises(ValueError):
        postprocess("زار أحمد حلب", [], frozenset({"no_such_step"}))


def test_aggregate_means_spreads_and_variant_deltas():
    def res(f1: float, org: float) -> dict:
        row = {"p": f1, "r": f1, "f1": f1, "tp": int(f1), "gold": 100, "pred": 100}
        return {"micro": row, "PER": row, "LOC": row, "ORG": dict(row, f1=org)}

    folds = [{"fold": str(i), "scores": {c: {"full": res(70 + 2 * i, 60), "-tidy": res(69 + 2 * i, 58)}
                                         for c in ("anercorp", "wojood")}} for i in range(3)]
    cv = crossval.aggregate(folds)["anercorp"]
    assert cv["micro"]["mean"] == 72.0 and cv["micro"]["sd"] == 2.0
    assert cv["variants"]["-tidy"]["micro_delta"]["mean"] == -1.0
    assert cv["variants"]["-tidy"]["org_delta_mean"] == -2.0
    assert cv["pooled"]["micro"] == 72.0


def test_benchmark_prints_the_committed_cross_validated_figure():
    bench = _import("benchmarks", "ner_accuracy")
    path = ROOT / "training" / "ner" / "crossval.json"
    lines = bench.crossval_lines(80.0, path)
    res = json.loads(path.read_text(encoding="utf-8"))
    assert len(res["folds_done"]) >= 3
    assert lines and f"{res['cv']['anercorp']['micro']['mean']:.2f}" in lines[1]
    assert bench.crossval_lines(80.0, path.with_name("missing.json")) == []
