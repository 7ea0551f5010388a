"""Fuzz the ingest parsers with Hypothesis at scale (a separate, long run; not part of pytest).

    .venv/bin/python tests/fuzz/fuzz_ingest.py --examples 20000      # ~20k inputs per target
    .venv/bin/python tests/fuzz/fuzz_ingest.py --examples 200 --target decode

Each target must either return or raise ``InputError`` (a ``TahqiqError``); any other
exception is a finding, printed with the shrunk input. Figures (inputs tried per target,
findings) are merged into ``test-artifacts/reliability.json`` under "fuzz" and rendered
into RELIABILITY.md by ``tests/reliability_report.py``. ``tests/fuzz/test_fuzz_smoke.py``
runs the same targets with a few inputs in the default test run.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
import time
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tahqiq.errors import TahqiqError
from tahqiq.ingest import boilerplate, dates, encoding, metadata, readers

ROOT = Path(__file__).resolve().parents[2]
ARTIFACT = ROOT / "test-artifacts" / "reliability.json"

SNIPPETS = ["قال مصدر محلي إن حامد النوري فر من دير الزور إلى تركيا.", "أخبار الآن | دبي – الإمارات (بلال الفارس)",
            "اقرأ أيضا", "أضيف في 5 مارس 2018 الساعة 10:12", "كانون الثاني/يناير ٢٠١٦", "المصدر: موقع الحل",
            "بقلم: أحمد العلي", "(أ ف ب)", "\u202eنوري\u202c", "زر الذهاب إلى الأعلى", "<p>", "</div>", "<script>",
            "&amp;", "&#x202e;", "\r\n", "\n\n", "۳ يناير ۲۰۱۶", "2017-06-31", "31/02/2017", "{\"text\": \""]
ARABIC_TEXT = st.lists(st.one_of(st.sampled_from(SNIPPETS), st.text(max_size=30)), max_size=25).map("".join)
TAGS = ["html", "body", "div", "p", "script", "style", "iframe", "article", "table", "td", "a", "br", "meta", "title"]


@st.composite
def html_pages(draw):
    parts = ["<!doctype html><html><head><meta charset='utf-8'><title>", draw(ARABIC_TEXT), "</title></head><body>"]
    for _ in range(draw(st.integers(0, 40))):
        tag = draw(st.sampled_from(TAGS))
        kind = draw(st.integers(0, 3))
        attr = draw(st.sampled_from(["", " onload='x()'", " class=\"a\"", " href='javascript:1'", " style='x", " <"]))
        parts.append({0: f"<{tag}{attr}>", 1: f"</{tag}>", 2: draw(ARABIC_TEXT), 3: f"<{tag}>" * draw(st.integers(0, 300))}[kind])
    return "".join(parts)


def _text_bytes():
    return st.one_of(st.binary(max_size=2000), ARABIC_TEXT.map(lambda t: t.encode("utf-8")),
                     ARABIC_TEXT.map(lambda t: t.encode("cp1256", "replace")),
                     ARABIC_TEXT.map(lambda t: t.encode("utf-16")),
                     st.tuples(ARABIC_TEXT, st.binary(max_size=50)).map(lambda x: x[0].encode() + x[1]))


def _jsonl_bytes():
    line = st.one_of(st.binary(max_size=200),
                     st.fixed_dictionaries({}, optional={"text": st.one_of(ARABIC_TEXT, st.integers(), st.none(),
                                                                           st.lists(st.text(max_size=5))),
                                                         "title": st.text(max_size=20), "published": ARABIC_TEXT,
                                                         "author": st.one_of(st.text(max_size=10), st.lists(st.text()))}
                                          ).map(lambda d: json.dumps(d).encode()))
    return st.lists(line, max_size=8).map(b"\n".join)


def _ok(fn):
    """Call ``fn``; an InputError/TahqiqError is an accepted outcome, anything else propagates."""
    try:
        return fn()
    except TahqiqError:
        return None


def _check_doc(doc):
    if doc is not None:
        doc.id  # text encodes
        assert doc.text.strip()


def target_decode(data: bytes):
    t = _ok(lambda: encoding.decode(data, "fuzz.txt"))
    assert t is None or isinstance(t, str)


def target_text(data: bytes):
    _check_doc(_ok(lambda: readers._from_bytes(data, "fuzz.txt", "text")))


def target_html(page: str):
    _check_doc(_ok(lambda: readers.document_from_html(page, "fuzz.html")))


def target_jsonl(data: bytes):
    for item in readers._read_jsonl(io.BytesIO(data), "fuzz.jsonl"):
        if not isinstance(item, TahqiqError):
            _check_doc(item)
        else:
            assert item.line is not None or "empty" in str(item)


def target_split_header(text: str):
    body, h = metadata.split_header(text)
    assert isinstance(body, str)
    for line in h.removed:
        assert line in text.split("\n")


def target_boilerplate(text: str):
    body, removed = boilerplate.strip_boilerplate(text)
    lines = set(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    for line in removed:
        assert line in lines or line in text


def target_parse_date(text: str):
    r = dates.parse_date(text)
    assert r is None or len(r) in (7, 10)


TARGETS = {
    "decode": (target_decode, _text_bytes()),
    "read_text": (target_text, _text_bytes()),
    "read_html": (target_html, html_pages()),
    "read_jsonl": (target_jsonl, _jsonl_bytes()),
    "split_header": (target_split_header, ARABIC_TEXT),
    "strip_boilerplate": (target_boilerplate, ARABIC_TEXT),
    "parse_date": (target_parse_date, ARABIC_TEXT),
}


def run(name: str, examples: int) -> dict:
    fn, strategy = TARGETS[name]
    tried = [0]

    @settings(max_examples=examples, deadline=None, database=None, derandomize=False,
              suppress_health_check=list(HealthCheck))
    @given(strategy)
    def prop(x):
        tried[0] += 1
        fn(x)

    t0 = time.monotonic()
    finding = None
    try:
        prop()
    except Exception as e:  # noqa: BLE001 - a finding, reported
        finding = f"{type(e).__name__}: {e}"[:2000]
    return {"target": name, "inputs": tried[0], "finding": finding, "seconds": round(time.monotonic() - t0, 1)}


def record(results: list[dict], examples: int) -> None:
    data = {"tests": {}}
    if ARTIFACT.exists():
        try:
            data = json.loads(ARTIFACT.read_text(encoding="utf-8"))
        except ValueError:
            pass
    fuzz = data.setdefault("fuzz", {})
    for r in results:
        fuzz[r["target"]] = {**r, "examples_requested": examples}
    ARTIFACT.parent.mkdir(parents=True, exist_ok=True)
    ARTIFACT.write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--examples", type=int, default=5000, help="inputs per target")
    ap.add_argument("--target", choices=sorted(TARGETS), action="append")
    ap.add_argument("--no-record", action="store_true")
    a = ap.parse_args(argv)
    results = [run(t, a.examples) for t in (a.target or TARGETS)]
    for r in results:
        print(f"{r['target']:18} {r['inputs']:7} inputs  {r['seconds']:7}s  " + (r["finding"] or "no finding"))
    if not a.no_record:
        record(results, a.examples)
    return 1 if any(r["finding"] for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
