#!/usr/bin/env python3
"""Full load of the 1,028 10kGNAD test articles: wall time and peak memory.

Writes each article of ../shared/data/10kgnad/test.csv as a file into a temporary
folder, then loads the folder with ``tui.corpus.load_corpus`` in a fresh process per
run (so each run pays imports and CLDR loading, as a user's start does) and prints
the median and spread over the runs.

    python bench/bench_load.py [--runs 7] [--data ../shared/data]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHILD = """
import json, resource, sys, time
t0 = time.perf_counter()
from tui.corpus import load_corpus
t1 = time.perf_counter()
articles, report = load_corpus([sys.argv[1]])
t2 = time.perf_counter()
rss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"import_s": t1 - t0, "load_s": t2 - t1, "loaded": report.loaded,
                  "skipped": len(report.skipped), "rss_mb": rss_kb / 1024,
                  "text_chars": sum(len(a.text) for a in articles)}))
"""


def write_corpus(data: Path, folder: Path) -> int:
    with open(data / "10kgnad" / "test.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh, delimiter=";", quotechar="'"))
    size = 0
    for i, (label, text) in enumerate(rows):
        path = folder / label / f"{i:04d}.txt"
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
        size += path.stat().st_size
    return size


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    args = parser.parse_args()
    if not (args.data / "10kgnad" / "test.csv").is_file():
        print(f"no 10kGNAD data under {args.data}", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        size = write_corpus(args.data, folder)
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        runs = []
        for _ in range(args.runs):
            out = subprocess.run(
                [sys.executable, "-c", CHILD, str(folder)], capture_output=True, text=True, check=True, env=env
            )
            runs.append(json.loads(out.stdout))
    load = [r["load_s"] for r in runs]
    imp = [r["import_s"] for r in runs]
    rss = [r["rss_mb"] for r in runs]
    med = statistics.median(load)
    print(f"corpus: {runs[0]['loaded']} articles loaded, {runs[0]['skipped']} skipped, {size / 1e6:.2f} MB on disk")
    print(f"runs: {args.runs} (fresh process each)")
    print(f"load (discover, read, decode, clean): median {med:.3f} s, min {min(load):.3f} s, max {max(load):.3f} s")
    print(f"  per article: {med / runs[0]['loaded'] * 1000:.2f} ms; throughput {size / 1e6 / med:.2f} MB/s on one core")
    print(f"import of tui.corpus: median {statistics.median(imp) * 1000:.0f} ms")
    print(f"peak RSS of the process: median {statistics.median(rss):.1f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
