"""Start-up: how long until a folder is searchable, with an empty cache (cold) and a filled one
(warm).

    python bench/bench_start.py [--data ../shared/data] [--articles 5000] [--runs 3]
                                [--workspace DIR] [--no-cold] [--per-file] [--workers N] [--profile]
                                [--changed N ...]

Writes ``--articles`` files made from the 10kGNAD test articles (replicated with varied titles
and dates) and measures, as medians of ``--runs``:
- cold: ``load_library`` (loading, cleaning, dates, names, index and timeline) with an empty
  extraction cache, until it calls ``ready`` (the app then shows the whole folder, searchable),
  in MB/s per core; and until it returns, the start-up snapshot written;
- warm: from process start until a headless app has loaded the folder and answered a query,
  with the cache (and the start-up snapshot) the cold run left, and that process's peak RSS;
- with ``--per-file``, once: ``load_library`` through the per-file cache alone, as the command
  line loads after a change to one file (the snapshot no longer matches and is rebuilt);
- with ``--changed N``: from process start until the app has the whole folder searchable, after N
  files were added or changed (half edited, the rest added, with text never seen before): the
  start analyses those and merges them into the snapshot (``tui.index.changes``).
``--workspace`` keeps the corpus and the cache in DIR between invocations, so a 50,000-file
corpus is generated and its cache filled once (``--no-cold`` then skips the cold runs).
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

from common import gnad_rows, no_gnad, startup  # noqa: E402

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


def change_files(folder: Path, n: int, tag: str) -> None:
    """Edits n // 2 of the files (a sentence more) and adds the rest as new files (texts of
    others under a new title), each with text no cache has seen (``tag`` differs per call)."""
    files = sorted(folder.rglob("*.md"))
    edited = n // 2
    for k, path in enumerate(files[:: max(1, len(files) // max(1, edited))][:edited]):
        path.write_text(
            path.read_text(encoding="utf-8") + f"\nNachtrag {tag}-{k}: Die Regierung äußerte sich.\n", encoding="utf-8"
        )
    extra = folder / "added"
    extra.mkdir(exist_ok=True)
    for k in range(n - edited):
        source = files[(k * 7919) % len(files)].read_text(encoding="utf-8")
        (extra / f"{tag}-{k}.md").write_text(source.replace("title: ", f"title: Neu {tag}-{k} ", 1), encoding="utf-8")


def corpus_mb(folder: Path) -> float:
    return sum(f.stat().st_size for f in folder.rglob("*.md")) / 1e6


def timed_load(folder: Path, db: Path, **kw) -> float:
    return timed_ready(folder, db, **kw)[1]


def timed_ready(folder: Path, db: Path, **kw) -> tuple[float, float]:
    """Seconds until ``load_library`` calls ``ready`` (the library complete: what the app then
    shows, searchable), and until it returns (after writing the start-up snapshot)."""
    cache = Cache(db)
    ready: list[float] = []
    t0 = time.perf_counter()
    load_library([str(folder)], limit_mb=5, cache=cache, ready=lambda lib: ready.append(time.perf_counter()), **kw)
    end = time.perf_counter()
    cache.close()
    return ready[0] - t0, end - t0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "data")
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workspace", type=Path, help="keep the corpus and the cache here between invocations")
    parser.add_argument("--no-cold", action="store_true", help="skip the cold runs (the workspace's cache is filled)")
    parser.add_argument("--per-file", action="store_true", help="also time one load through the per-file cache alone")
    parser.add_argument("--workers", type=int, default=None, help="worker processes (default: one per core)")
    parser.add_argument(
        "--changed",
        type=int,
        nargs="*",
        default=[],
        metavar="N",
        help="also time warm starts after N files were added or changed since the last start "
        "(half edited, the rest added; new each run), until searchable in the app",
    )
    parser.add_argument(
        "--profile",
        action="store_true",
        help="also profile one warm load and print the functions that take the most time",
    )
    args = parser.parse_args()
    if no_gnad(args.data, "bench_start"):
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        work = args.workspace or Path(tmp)
        # The cache where the app looks for it with XDG_CACHE_HOME=DIR/xdg (bench_app.py does).
        folder, db = work / "articles", work / "xdg" / "chronik" / "extract.sqlite3"
        db.parent.mkdir(parents=True, exist_ok=True)
        if not folder.is_dir():
            folder.mkdir(parents=True)
            write_corpus(args.data, folder, args.articles)
        n = sum(1 for _ in folder.rglob("*.md"))
        mb = corpus_mb(folder)
        print(f"corpus: {n} files, {mb:.1f} MB ({folder})")
        from tui.index.extraction import default_jobs

        workers = args.workers or default_jobs()
        if not args.no_cold:
            cold = []
            for run in range(args.runs):
                for stale in db.parent.glob(db.name + "*"):  # the database, its WAL and its snapshots
                    if stale.is_dir():
                        for f in stale.iterdir():
                            f.unlink()
                        stale.rmdir()
                    else:
                        stale.unlink()
                cold.append(timed_ready(folder, db, workers=args.workers))
            c = statistics.median(r for r, _ in cold)
            print(
                f"cold (empty cache), {workers} worker(s), until ready: median {c:.2f} s = {mb / c:.2f} MB/s, "
                f"{mb / c / workers:.2f} MB/s per core  runs {[round(r, 2) for r, _ in cold]}; "
                f"until the snapshot is written: median {statistics.median(t for _, t in cold):.2f} s"
            )
        if args.per_file:
            t = timed_load(folder, db, snapshot=False)
            print(f"warm through the per-file cache alone (in process): {t:.2f} s")
        timed_load(folder, db)  # makes sure the snapshot is there (after --per-file too)
        inproc = [timed_load(folder, db) for _ in range(args.runs)]
        print(
            f"warm load_library from the snapshot (in process): median {statistics.median(inproc):.2f} s  "
            f"runs {[round(x, 2) for x in inproc]}"
        )
        app = [startup(folder, str(db), until="searchable") for _ in range(args.runs)]
        w = [a["searchable"] for a in app]
        print(
            f"warm, process start to searchable in the app: median {statistics.median(w):.2f} s  "
            f"runs {[round(x, 2) for x in w]}; first frame median "
            f"{statistics.median(a['first'] for a in app) * 1000:.0f} ms; "
            f"peak RSS median {statistics.median(a['rss'] for a in app):.0f} MB"
        )
        assert all(a["articles"] == n for a in app)
        print(
            f"cache: {db.stat().st_size / 1e6:.1f} MB, snapshots: "
            f"{sum(f.stat().st_size for f in db.parent.glob(db.name + '.snapshots/*')) / 1e6:.1f} MB"
        )
        for n in args.changed:
            runs = []
            for run in range(args.runs):
                change_files(folder, n, f"{n}-{run}-{time.time_ns()}")
                runs.append(startup(folder, str(db), until="searchable"))
            w = [a["searchable"] for a in runs]
            print(
                f"warm after {n} file(s) added or changed, process start to searchable in the app: median "
                f"{statistics.median(w):.2f} s  runs {[round(x, 2) for x in w]}; peak RSS median "
                f"{statistics.median(a['rss'] for a in runs):.0f} MB"
            )
        if args.changed:  # the workspace keeps its number of articles (the edits stay)
            import shutil

            shutil.rmtree(folder / "added", ignore_errors=True)
        if args.profile:
            import cProfile
            import pstats

            cache = Cache(db)
            profiler = cProfile.Profile()
            profiler.runcall(load_library, [str(folder)], limit_mb=5, cache=cache)
            cache.close()
            print("warm load, by cumulative time:")
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(r"tui/(nlp|index|corpus)/", 15)
    return 0


if __name__ == "__main__":
    sys.exit(main())
