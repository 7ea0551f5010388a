"""A batch of pathological files beside good articles through ``tahqiq build``: does the
batch end in bounded time and memory, with every good article stored and every bad one named?

    .venv/bin/python benchmarks/pathological.py                 # -j 2, the default fast NER
    .venv/bin/python benchmarks/pathological.py --workers 1 --ner rules --keep /tmp/patho

The batch (written to a temporary folder first; writing it is not timed):
a 36 MB one-line text, a 5 MB one-line article, a gzip bomb (.jsonl.gz of 2 good lines then
a 4 GB line, about 4 MB compressed), a .jsonl.gz with a corrupt deflate block, HTML nested
50,000 levels deep, 200,000 tiny JSONL lines (each refused: no article text), a page with
100,000 links, a file under a path holding ``[/b]`` (folder ``x[``, file ``b].txt``), and
good articles from the news corpus (one .txt each) and a .jsonl of them.

Prints elapsed wall time, peak RSS (the largest process, and the whole process tree sampled
every 0.1 s), good articles stored of expected, bad inputs named of expected.
Acceptance (issue #23): under 2 minutes on 2 cores, peak RSS under 1.5 GB, all good stored,
all bad named.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NEWS = Path(os.environ.get("TAHQIQ_SHARED", ROOT.parent / "shared")) / "data" / "news" / "saudinewsnet.jsonl.gz"


def news(n: int) -> list[dict]:
    out = []
    with gzip.open(NEWS, "rt", encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            if len(r.get("content", "").split()) > 80:
                out.append(r)
            if len(out) >= n:
                break
    return out


def write_batch(d: Path, n_good: int) -> tuple[list[str], dict[str, str]]:
    """Writes the batch; returns (good article files/lines, bad input -> what must name it)."""
    recs = news(n_good + 400)
    good, bad = [], {}
    gdir = d / "good"
    gdir.mkdir(parents=True)
    for i, r in enumerate(recs[:n_good]):
        p = gdir / f"article-{i:03d}.txt"
        p.write_text(r["title"] + "\n\n" + r["content"], encoding="utf-8")
        good.append(str(p))
    with open(d / "good-lines.jsonl", "w", encoding="utf-8") as fh:
        for i, r in enumerate(recs[n_good:n_good + 20]):
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
            good.append(f"{d / 'good-lines.jsonl'}:{i + 1}")
    odd = d / "x["
    odd.mkdir()
    (odd / "b].txt").write_text(recs[n_good + 20]["content"], encoding="utf-8")
    good.append(str(odd / "b].txt"))

    body = " ".join(r["content"].replace("\n", " ") for r in recs[n_good + 21:])
    five = (body + " ") * (5 * 1024 * 1024 // len(body.encode()) + 1)
    (d / "five-mb-one-line.txt").write_bytes(five.encode()[:5 * 1024 * 1024].decode("utf-8", "ignore").encode())
    bad[str(d / "five-mb-one-line.txt")] = "truncated"
    big = five.encode() * 8
    (d / "thirty-six-mb-one-line.txt").write_bytes(big[:36 * 1024 * 1024].decode("utf-8", "ignore").encode())
    bad[str(d / "thirty-six-mb-one-line.txt")] = "truncated"

    with open(d / "bomb.jsonl.gz", "wb") as raw:
        z = zlib.compressobj(9, zlib.DEFLATED, 31)
        for r in recs[n_good + 21:n_good + 23]:
            raw.write(z.compress((json.dumps({"text": r["content"]}, ensure_ascii=False) + "\n").encode()))
        chunk = b" " * (1 << 24)
        for _ in range(256):  # 4 GB of one line
            raw.write(z.compress(chunk))
        raw.write(z.compress(b"\n") + z.flush())
    bad[str(d / "bomb.jsonl.gz")] = "gzip bomb"

    lines = "".join(json.dumps({"text": r["content"], "url": f"http://corrupt/{i}"}, ensure_ascii=False) + "\n"
                    for i, r in enumerate(recs[n_good + 23:n_good + 223])).encode()
    data = bytearray(gzip.compress(lines, compresslevel=1))
    mid = len(data) * 2 // 3
    for k in range(mid, mid + 64):
        data[k] ^= 0x5A
    (d / "corrupt.jsonl.gz").write_bytes(bytes(data))
    bad[str(d / "corrupt.jsonl.gz")] = "gzip"

    (d / "nested.html").write_text("<div>" * 50_000 + "<p>" + recs[n_good + 230]["content"] + "</p>",
                                   encoding="utf-8")
    good.append(str(d / "nested.html"))  # deep, under the nesting limit: its text is read
    (d / "links.html").write_text("<html><body><article><p>" + recs[n_good + 231]["content"] + "</p>" + "".join(
        f'<a href="http://x/{i}">رابط {i}</a> ' for i in range(100_000)) + "</article></body></html>", encoding="utf-8")
    bad[str(d / "links.html")] = "links"
    with open(d / "tiny.jsonl", "w", encoding="utf-8") as fh:
        for i in range(200_000):
            fh.write('{"text": "قصير"}\n')
    bad[str(d / "tiny.jsonl")] = "200000"
    return good, bad


def tree_rss(pid: int) -> int:
    """Resident bytes of a process and all its descendants (from /proc)."""
    kids: dict[int, list[int]] = {}
    for p in os.listdir("/proc"):
        if p.isdigit():
            try:
                with open(f"/proc/{p}/stat") as fh:
                    ppid = int(fh.read().rsplit(")", 1)[1].split()[1])
                kids.setdefault(ppid, []).append(int(p))
            except (OSError, ValueError, IndexError):
                pass
    total, todo = 0, [pid]
    while todo:
        q = todo.pop()
        try:
            with open(f"/proc/{q}/statm") as fh:
                total += int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        except OSError:
            pass
        todo += kids.get(q, [])
    return total


def _record(ok: bool, result: str, tried: int) -> None:
    """File the figures in test-artifacts/reliability.json, for RELIABILITY.md."""
    art = ROOT / "test-artifacts" / "reliability.json"
    data = json.loads(art.read_text(encoding="utf-8")) if art.exists() else {"tests": {}}
    data.setdefault("tests", {})["benchmarks/pathological.py::batch"] = {
        "outcome": "passed" if ok else "failed",
        "rows": [{"area": "pathological", "tried": tried, "result": result,
                  "fault": "36 MB one-line text, 5 MB one-line article, gzip bomb (4 GB line), corrupt .jsonl.gz, "
                           "HTML nested 50,000 deep, a page of 100,000 links, 200,000 tiny JSONL lines, "
                           "a path holding [/b], beside good articles"}]}
    art.parent.mkdir(parents=True, exist_ok=True)
    art.write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--ner", default="fast")
    ap.add_argument("--good", type=int, default=60, help="good articles as .txt files")
    ap.add_argument("--keep", help="write the batch and store here (kept) instead of a temporary folder")
    a = ap.parse_args()
    tmp = Path(a.keep) if a.keep else Path(tempfile.mkdtemp(prefix="patho-"))
    if tmp.exists() and a.keep:
        shutil.rmtree(tmp)
    batch = tmp / "batch"
    t0 = time.monotonic()
    good, bad = write_batch(batch, a.good)
    size = sum(f.stat().st_size for f in batch.rglob("*") if f.is_file())
    print(f"batch written in {time.monotonic() - t0:.0f} s: {len(good)} good articles, {len(bad)} bad inputs, "
          f"{size / 1e6:.0f} MB on disk", flush=True)
    db = tmp / "kb.db"
    cmd = [sys.executable, "-m", "tahqiq", "build", str(batch), "--db", str(db), "-j", str(a.workers),
           "--ner", a.ner]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", "")}
    t0 = time.monotonic()
    with open(tmp / "stdout", "wb") as so, open(tmp / "stderr", "wb") as se:
        proc = subprocess.Popen(cmd, stdout=so, stderr=se, env=env)
        peak = [0]

        def sample():
            while proc.poll() is None:
                peak[0] = max(peak[0], tree_rss(proc.pid))
                time.sleep(0.1)

        th = threading.Thread(target=sample, daemon=True)
        th.start()
        rc = proc.wait()
        th.join()
    wall = time.monotonic() - t0
    import resource
    largest = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    out = (tmp / "stdout").read_text(encoding="utf-8", errors="replace")
    err = (tmp / "stderr").read_text(encoding="utf-8", errors="replace")
    text = out + err
    with sqlite3.connect(db) as c:
        sources = {r[0] for r in c.execute("select source from documents")}
    # Good ones: a .txt/.html by its path; a JSONL line by its url (the record's source) or file:line.
    urls = {}
    for path in {g.rsplit(":", 1)[0] for g in good if g.endswith(tuple(f":{i}" for i in range(1, 100)))}:
        for i, line in enumerate(open(path, encoding="utf-8"), 1):
            r = json.loads(line)
            urls[f"{path}:{i}"] = r.get("url") or f"{path}:{i}"
    stored = [g for g in good if urls.get(g, g) in sources]
    named = {}
    for b, mark in bad.items():
        if mark == "200000":
            named[b] = len(set(re.findall(re.escape(b) + r":(\d+): no article text", err))) == 200_000
        else:  # named with the reason (any of its lines, for a file refused line by line)
            named[b] = any(mark in ln for ln in text.splitlines() if b in ln)
    print(f"exit code {rc}; elapsed {wall:.1f} s with -j {a.workers} --ner {a.ner} on {os.cpu_count()} cores")
    print(f"peak RSS: whole process tree {peak[0] / 2**20:.0f} MB (sampled), largest single process "
          f"{largest / 2**20:.0f} MB")
    print(f"good articles stored: {len(stored)} of {len(good)}" +
          ("" if len(stored) == len(good) else f"; missing: {sorted(set(good) - set(stored))[:5]}"))
    print(f"bad inputs named: {sum(named.values())} of {len(bad)}" +
          "".join(f"\n  NOT named: {b}" for b, ok in named.items() if not ok))
    print("last lines of the build's output:")
    for ln in out.strip().splitlines()[:1] + [x for x in text.splitlines() if "warning" in x or "error" in x][:6]:
        print("  " + ln[:300])
    ok = rc == 0 and wall < 120 and peak[0] < 1.5 * 2**30 and len(stored) == len(good) and all(named.values())
    print("ACCEPTANCE:", "met" if ok else "NOT met")
    _record(ok, f"{wall:.0f} s wall with -j {a.workers} --ner {a.ner} on {os.cpu_count()} cores (bound 120 s); "
                f"peak RSS {peak[0] / 2**20:.0f} MB for the process tree, {largest / 2**20:.0f} MB the largest "
                f"process (bound 1,536 MB); good articles stored {len(stored)}/{len(good)}; bad inputs named "
                f"{sum(named.values())}/{len(bad)}", len(good) + len(bad))
    if not a.keep:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
