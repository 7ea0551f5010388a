"""`tahqiq contradictions` and `tahqiq reuse`: thin wrappers over the corroborate stage."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from tahqiq.cli import app
from tahqiq.model import Analysis, Claim, Document, Entity, Evidence
from tahqiq.store import open_store


def test_contradictions_command_lists_pairs_with_reason(tmp_path):
    db = str(tmp_path / "c.db")
    store = open_store(db)
    a = Document(text="قال ناشطون إن عمر طراد تونسي الجنسية.", source="a.txt")
    b = Document(text="وذكرت الشبكة أن عمر طراد سوري الجنسية.", source="b.txt")
    for d in (a, b):
        store.add_analysis(Analysis(d))
    person = Entity("e:p", "PER", "عمر طراد")
    claims = [Claim("c:1", "e:p", "nationality", {"text": "تونسي", "country": "TN"}, {},
                    [Evidence(a.id, 0, len(a.text), a.text)], 1, "contested"),
              Claim("c:2", "e:p", "nationality", {"text": "سوري", "country": "SY"}, {},
                    [Evidence(b.id, 0, len(b.text), b.text)], 1, "contested")]
    store.replace_graph([person], {}, claims)
    r = CliRunner().invoke(app, ["contradictions", "--db", db, "--json"])
    assert r.exit_code == 0, r.output
    (row,) = json.loads(r.output)
    assert row["name"] == "عمر طراد" and row["reason"].startswith("nationality")
    assert {row["a"]["claim"], row["b"]["claim"]} == {"c:1", "c:2"}
    text = CliRunner().invoke(app, ["contradictions", "--db", db])
    assert "nationality" in text.output and "تونسي الجنسية" in text.output


def test_reuse_command_prints_passages(dev_store):
    r = CliRunner().invoke(app, ["reuse", "--db", dev_store.url, "--passages"])
    assert r.exit_code == 0, r.output
    assert r.output.count("passages") == 2  # the two gold pairs, one line each
    assert "طائرات التحالف الدولي بشكل شبه يومي" in r.output
