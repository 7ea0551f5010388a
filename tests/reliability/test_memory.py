"""Memory stays bounded on huge inputs: peak RSS of ingesting 200 MB (file, JSONL,
gzip, stdin), measured in a subprocess with ``resource.getrusage``. Memory, not time."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tahqiq.ingest import readers

from .corpus import ARRESTED, FLED, ROLE

MB = 1 << 20
SIZE = 200 * MB
LIMIT = readers.MAX_FILE_BYTES
# Ingesting a 200 MB input may hold at most one line up to the per-line limit (64 MB);
# a slurp would cost the input's size (200 MB) or more.
BOUND = LIMIT + 32 * MB

PROBE = r"""
import json, resource, sys
import trafilatura  # imported up front so the baseline carries the same libraries
from tahqiq.ingest import read_inputs
from tahqiq.errors import InputError
src = sys.argv[1]
def hwm():
    try:
        with open("/proc/self/status") as fh:
            return next(int(l.split()[1]) * 1024 for l in fh if l.startswith("VmHWM:"))
    except (OSError, StopIteration):
        return None
# Reset the peak after the imports (Linux), so an import-time spike cannot hide the ingest's own peak.
try:
    with open("/proc/self/clear_refs", "w") as fh:
        fh.write("5")
    reset = True
except OSError:
    reset = False
docs = errs = 0
problems = []
for it in read_inputs([src]):
    if isinstance(it, InputError):
        errs += 1
        problems.append(str(it)[-120:])
    else:
        docs += 1
peak = hwm() if reset else None
print(json.dumps({"rss": peak or resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024, "reset": bool(peak),
                  "docs": docs, "errors": errs, "problems": problems}))
"""


def _probe(arg: str, stdin_path: Path | None = None) -> dict:
    stdin = open(stdin_path, "rb") if stdin_path else subprocess.DEVNULL
    try:
        r = subprocess.run([sys.executable, "-c", PROBE, arg], stdin=stdin, capture_output=True, timeout=300)
    finally:
        if stdin_path:
            stdin.close()
    assert r.returncode == 0, r.stderr.decode()[-2000:]
    return json.loads(r.stdout)


def _record(text: str) -> bytes:
    return json.dumps({"text": text, "title": "عنوان"}, ensure_ascii=False).encode() + b"\n"


def _jsonl_200mb(fh) -> None:
    """Normal records around two gigantic ones (130 MB and 71 MB): over 200 MB in all."""
    unit = (FLED + " ").encode()
    fh.write(_record(FLED + " " + ROLE))
    for size in (130 * MB, 71 * MB):
        fh.write(b'{"text": "')
        for _ in range(size // len(unit)):
            fh.write(unit)
        fh.write(b'"}\n')
        fh.write(_record(ARRESTED + " " + ROLE))


@pytest.fixture(scope="module")
def huge(tmp_path_factory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("huge")
    txt = d / "huge.txt"
    unit = (FLED + "\n" + ARRESTED + "\n\n").encode()
    with open(txt, "wb") as fh:
        for _ in range(SIZE // len(unit) + 1):
            fh.write(unit)
    jl = d / "huge.jsonl"
    with open(jl, "wb") as fh:
        _jsonl_200mb(fh)
    gz = d / "huge.jsonl.gz"
    with gzip.open(gz, "wb", compresslevel=1) as fh:
        _jsonl_200mb(fh)
    small = d / "small.txt"
    small.write_text(FLED + "\n\n" + ARRESTED, encoding="utf-8")
    return {"txt": txt, "jsonl": jl, "gz": gz, "small": small}


@pytest.fixture(scope="module")
def baseline(huge) -> int:
    return _probe(str(huge["small"]))["rss"]


@pytest.mark.parametrize("case", ["txt", "jsonl", "gz", "stdin-txt", "stdin-jsonl"])
def test_200mb_input_is_streamed_not_slurped(huge, baseline, case, figures):
    if case.startswith("stdin"):
        path = huge["txt" if case == "stdin-txt" else "jsonl"]
        res = _probe("-", stdin_path=path)
    else:
        path = huge[case]
        res = _probe(str(path))
    assert path.stat().st_size >= SIZE or case == "gz"
    grew = res["rss"] - baseline
    if case.endswith("txt"):
        assert res == {**res, "docs": 0, "errors": 1} and "refused" in res["problems"][0]
    else:  # the three normal records read, the two gigantic lines refused by number
        assert res["docs"] == 3 and res["errors"] == 2, res
        assert all("too long" in p for p in res["problems"]) and ":2:" in res["problems"][0]
    assert grew < BOUND, f"peak RSS grew by {grew / MB:.0f} MB (bound {BOUND / MB:.0f} MB)"
    figures.add(f"200 MB input ({case})", 1,
                f"peak RSS +{grew / MB:.0f} MB over a {baseline / MB:.0f} MB baseline (bound {BOUND / MB:.0f} MB); "
                f"{res['docs']} read, {res['errors']} refused", peak_rss_mb=round(res["rss"] / MB),
                growth_mb=round(grew / MB))
