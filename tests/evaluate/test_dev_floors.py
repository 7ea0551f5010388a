"""The evaluation gate: dev-set scores can only go up. Raise a floor when a score improves."""

from __future__ import annotations

FLOORS = {
    ("entity_recall", "PER"): 100.0,
    ("entity_recall", "ORG"): 100.0,
    ("entity_recall", "LOC"): 96.9,
    ("person_precision", "precision"): 100.0,
    ("metadata", "outlet"): 100.0,
    ("metadata", "published"): 100.0,
    ("metadata", "title"): 100.0,
    ("metadata", "byline"): 100.0,
}


def test_dev_floors(dev_scores):
    low = {k: dev_scores[k[0]][k[1]] for k, floor in FLOORS.items() if dev_scores[k[0]][k[1]] < floor}
    assert not low, f"scores below their floors: {low}"


def test_eval_cli_prints_every_score(gold_path):
    import subprocess
    import sys

    from tests.conftest import EXAMPLES

    out = subprocess.run([sys.executable, "-m", "tahqiq", "eval", str(gold_path), "--articles", str(EXAMPLES)],
                         capture_output=True, text=True, check=True).stdout
    for label in ("entity recall", "person precision", "person resolution", "multi-doc people", "claims",
                  "reuse pairs", "boilerplate names leaked", "metadata accuracy"):
        assert label in out, out
