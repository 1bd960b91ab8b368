"""Following a folder: how long after a file is added, changed or deleted the library that shows
it is ready (``tui.index.live.refresh``), by corpus size.

    python bench/bench_live.py [--data ../shared/data] [--articles 1000 5000] [--runs 3]
                               [--workspace DIR]

For each size, a folder of 10kGNAD articles (as ``bench_start.py`` writes them) is loaded once
through the extraction cache; then, ``--runs`` times each, one new file is added, one file is
changed and one is deleted, and ``refresh`` is timed (listing, reading the file, names, index
and timeline). Medians are printed. ``--workspace`` keeps corpora and cache between invocations
(a 50,000-file corpus is written and its cache filled once).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_start import write_corpus  # noqa: E402
from common import gnad_rows, no_gnad  # noqa: E402

from tui.index.cache import Cache  # noqa: E402
from tui.index.library import load_library  # noqa: E402
from tui.index.live import refresh  # noqa: E402


def measure(folder: Path, cache: Cache, runs: int, rows) -> dict[str, float]:
    lib = load_library([str(folder)], limit_mb=5, cache=cache)
    times: dict[str, list[float]] = {"add": [], "change": [], "delete": []}
    for r in range(runs):
        label, text = rows[r % len(rows)]
        new = folder / f"live-{r}.md"
        steps = {
            "add": lambda: new.write_text(f"---\ntitle: Neu {r}\nsource: {label}\n---\n{text}\n", encoding="utf-8"),
            "change": lambda: new.write_text(f"---\ntitle: Neu {r} (2)\n---\n{text} Nachtrag.\n", encoding="utf-8"),
            "delete": lambda: new.unlink(),
        }
        for step, act in steps.items():
            act()
            t0 = time.perf_counter()
            update = refresh(lib, [str(folder)], limit_mb=5, cache=cache)
            times[step].append(time.perf_counter() - t0)
            lib = update.library
    return {k: statistics.median(v) for k, v in times.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "data")
    parser.add_argument("--articles", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workspace", type=Path, help="keep corpora and the cache here between invocations")
    args = parser.parse_args()
    if no_gnad(args.data, "bench_live"):
        return 1
    rows = gnad_rows(args.data)
    with tempfile.TemporaryDirectory() as tmp:
        base = args.workspace or Path(tmp)
        print(f"{'articles':>9} {'add s':>8} {'change s':>9} {'delete s':>9}")
        for n in args.articles:
            folder = base / f"live-{n}"
            if not folder.is_dir():
                folder.mkdir(parents=True)
                write_corpus(args.data, folder, n)
            for stale in folder.glob("live-*.md"):
                stale.unlink()
            cache = Cache(base / "xdg" / "chronik" / "extract.sqlite3")
            m = measure(folder, cache, args.runs, rows)
            cache.close()
            print(f"{n:>9} {m['add']:>8.2f} {m['change']:>9.2f} {m['delete']:>9.2f}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
