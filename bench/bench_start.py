"""Loading a folder through the extraction cache: cold (empty cache) and warm (filled).

    python bench/bench_start.py [--data ../shared/data] [--articles 5000] [--runs 3]

Writes ``--articles`` files made from the 10kGNAD test articles (replicated with varied titles
and dates) into a temporary folder, then times ``load_library`` (loading, cleaning, dates, names,
index and timeline) with an empty cache and with the cache that run filled. Prints medians,
MB/s of the cold run on one core, and the cache's size.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import gnad_rows  # noqa: E402

from tui.index.cache import Cache  # noqa: E402
from tui.index.library import load_library  # noqa: E402


def write_corpus(data: Path, folder: Path, n: int) -> float:
    texts = gnad_rows(data)
    size = 0
    start = dt.date(2015, 1, 1)
    for i in range(n):
        label, text = texts[i % len(texts)]
        title = f"{label} {i // len(texts)}: {text.split('. ')[0][:80]}"
        body = f"---\ntitle: {title!r}\ndate: {start + dt.timedelta(days=i % 3000)}\nsource: {label}\n---\n{text}\n"
        path = folder / f"{i // 1000:03d}" / f"{i:06d}.md"
        path.parent.mkdir(exist_ok=True)
        path.write_text(body, encoding="utf-8")
        size += len(body.encode("utf-8"))
    return size / 1e6


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "data")
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workers", type=int, default=None, help="worker processes (default: one per core)")
    parser.add_argument("--profile", action="store_true",
                        help="also profile one warm load and print the functions that take the most time")
    args = parser.parse_args()
    if not (args.data / "10kgnad" / "test.csv").is_file():
        print(f"bench_start: no data at {args.data}", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "articles"
        folder.mkdir()
        mb = write_corpus(args.data, folder, args.articles)
        print(f"corpus: {args.articles} files, {mb:.1f} MB")
        cold, warm = [], []
        for run in range(args.runs):
            db = Path(tmp) / f"cache{run}.sqlite3"
            for times in (cold, warm):
                cache = Cache(db)
                t0 = time.perf_counter()
                lib = load_library([str(folder)], limit_mb=5, cache=cache, workers=args.workers)
                times.append(time.perf_counter() - t0)
                cache.close()
            assert len(lib.articles) == args.articles
        size = db.stat().st_size / 1e6
        if args.profile:
            import cProfile
            import pstats

            cache = Cache(db)
            profiler = cProfile.Profile()
            profiler.runcall(load_library, [str(folder)], limit_mb=5, cache=cache)
            cache.close()
            print("warm load, by cumulative time:")
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(r"tui/(nlp|index)/", 15)
    c, w = statistics.median(cold), statistics.median(warm)
    from tui.index.extraction import default_jobs

    workers = args.workers or default_jobs()
    print(f"cold (empty cache), {workers} worker(s): median {c:.2f} s = {mb / c:.2f} MB/s, "
          f"{mb / c / workers:.2f} MB/s per core  runs {[round(x, 2) for x in cold]}")
    print(f"warm (cache filled): median {w:.2f} s  runs {[round(x, 2) for x in warm]}")
    print(f"cache file: {size:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
