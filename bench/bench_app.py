"""The reader's responsiveness: first frame, cursor movement, search as you type, peak memory,
and the bytes one cursor movement writes to a terminal.

    python bench/bench_app.py [--data ../shared/data] [--articles 5000] [--runs 5]

Writes ``--articles`` files made from the 10kGNAD test articles (as bench_start.py does) and a
50-file folder, fills an extraction cache for them, then measures, each as the median of runs:
- time to the first frame of a headless app, from process start (a fresh interpreter each run),
  with an empty cache (cold) and a filled one (warm);
- key to refreshed screen for cursor moves in the article list and the timeline (Pilot), at 50
  articles and at ``--articles``;
- key to updated list for a query typed a character at a time, at ``--articles``;
- peak resident memory of this process after all of that;
- bytes written to a pseudo-terminal (120×40) for one cursor move in the list.
"""

from __future__ import annotations

import argparse
import asyncio
import fcntl
import os
import pty
import resource
import select
import statistics
import struct
import sys
import tempfile
import termios
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_start import write_corpus  # noqa: E402
from common import no_gnad, p95, startup  # noqa: E402

QUERIES = ["regierung", "fußball österreich", "wien", "polizei", "gericht urteil", "klima"]


def first_frame(folder: Path, cache: str) -> float:
    return startup(folder, cache)["first"]


async def interaction(library, presses: int) -> dict[str, list[float]]:
    from textual.widgets import Input

    from tui.app.app import ChronikApp
    from tui.app.widgets.article_list import ArticleList
    from tui.app.widgets.timeline import Timeline

    out: dict[str, list[float]] = {"list": [], "timeline": [], "typing": [], "baseline": []}
    app = ChronikApp([], library=library, locale="de_DE")
    async with app.run_test(size=(160, 48)) as pilot:
        while app.session.selection is None:
            await pilot.pause(0.05)
        await pilot.pause()
        app.query_one(ArticleList).focus()
        for _ in range(presses):  # Pilot's own round trip: a key nothing is bound to
            t0 = time.perf_counter()
            await pilot.press("z")
            await pilot.pause()
            out["baseline"].append((time.perf_counter() - t0) * 1000)
        for widget, name in ((app.query_one(ArticleList), "list"), (app.query_one(Timeline), "timeline")):
            widget.focus()
            await pilot.pause()
            for i in range(presses):
                key = "j" if i < presses // 2 else "k"
                t0 = time.perf_counter()
                await pilot.press(key)
                await pilot.pause()
                out[name].append((time.perf_counter() - t0) * 1000)
        await pilot.press("slash")  # the only way into the search bar (Tab never goes there)
        await pilot.pause()
        for query in QUERIES:
            app.query_one(Input).value = ""
            for n in range(1, len(query) + 1):
                typed = query[:n]
                seen = len(app.search_latencies)
                await pilot.press(typed[-1] if typed[-1] != " " else "space")
                while len(app.search_latencies) == seen and not app.session.query_error:
                    await asyncio.sleep(0.001)
                await pilot.pause()
                # Measured by the app: from the key reaching the search bar to the list showing its result.
                out["typing"].append(app.search_latencies[-1] * 1000)
    return out


def pty_bytes(folder: Path, env: dict[str, str], moves: int = 10) -> list[int]:
    """Bytes the app writes to a 120×40 pseudo-terminal for each of ``moves`` cursor moves."""
    pid, fd = pty.fork()
    if pid == 0:  # the child: the app on a terminal
        os.execvpe(sys.executable, [sys.executable, "-m", "tui", str(folder)], env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))

    seen = bytearray()

    def drain(quiet: float) -> int:
        total = 0
        while True:
            ready, _, _ = select.select([fd], [], [], quiet)
            if not ready:
                return total
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                return total
            total += len(chunk)
            seen.extend(chunk)
            del seen[: -(1 << 20)]

    # Start-up and loading (warm cache): the status line names the timeline once loading is done.
    deadline = time.monotonic() + 900
    while time.monotonic() < deadline and b"timeline" not in seen:
        drain(1.0)
    drain(2.0)
    sizes = []
    for _ in range(moves):
        os.write(fd, b"j")
        sizes.append(drain(0.5))
    os.write(fd, b"q")
    drain(1.0)
    os.waitpid(pid, 0)
    return sizes


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--presses", type=int, default=60)
    parser.add_argument(
        "--workspace",
        type=Path,
        help="keep the corpora and the cache here between invocations (as bench_start.py does)",
    )
    parser.add_argument(
        "--first-frame-only", action="store_true", help="only the cold first frame (no cache to fill, no interaction)"
    )
    args = parser.parse_args()
    if no_gnad(args.data, "bench_app"):
        return 1
    from tui.index.cache import Cache
    from tui.index.library import load_library

    with tempfile.TemporaryDirectory() as tmp:
        work = args.workspace or Path(tmp)
        big, small = work / "articles", work / "small"
        for folder, n in ((big, args.articles), (small, 50)):
            if not folder.is_dir():
                folder.mkdir(parents=True)
                write_corpus(args.data, folder, n)
        args.articles = sum(1 for _ in big.rglob("*.md"))
        mb = sum(f.stat().st_size for f in big.rglob("*.md")) / 1e6
        cache_home = work / "xdg"
        cache_file = cache_home / "chronik" / "extract.sqlite3"
        print(f"corpus: {args.articles} files, {mb:.1f} MB; and 50 files")

        cold = [first_frame(big, str(Path(tmp) / f"empty{i}.sqlite3")) for i in range(args.runs)]
        if args.first_frame_only:
            print(
                f"first frame from process start, cold: median {statistics.median(cold) * 1000:.0f} ms "
                f"(runs: {[round(x * 1000) for x in cold]})"
            )
            return 0
        t0 = time.perf_counter()
        libraries = {}
        for name, folder in (("50", small), (str(args.articles), big)):
            cache = Cache(cache_file)
            libraries[name] = load_library([str(folder)], limit_mb=5, cache=cache)
            cache.close()
        print(f"loading both libraries (filling the cache where it is empty): {time.perf_counter() - t0:.1f} s")
        warm = [first_frame(big, str(cache_file)) for _ in range(args.runs)]
        print(
            f"first frame from process start: cold median {statistics.median(cold) * 1000:.0f} ms, "
            f"warm median {statistics.median(warm) * 1000:.0f} ms (runs of {args.runs})"
        )

        print("key to refreshed screen with Pilot; net = minus the median round trip of an unbound key")
        for name, library in libraries.items():
            times = asyncio.run(interaction(library, args.presses))
            base = statistics.median(times["baseline"])
            print(f"{name:>6} articles  unbound key round trip: median {base:6.2f} ms")
            xs = times["typing"]
            print(
                f"{name:>6} articles  typing    key to updated list (measured in the app): "
                f"median {statistics.median(xs):6.2f} ms, p95 {p95(xs):6.2f} ms ({len(xs)} keys)"
            )
            for what in ("list", "timeline"):
                xs = times[what]
                net = [x - base for x in xs]
                print(
                    f"{name:>6} articles  {what:<9} median {statistics.median(xs):6.2f} ms, p95 {p95(xs):6.2f} ms; "
                    f"net median {statistics.median(net):6.2f} ms, p95 {p95(net):6.2f} ms ({len(xs)} keys)"
                )
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"peak RSS of this process (both libraries loaded, apps run): {rss:.0f} MB")

        env = dict(os.environ, TERM="xterm-256color", XDG_CACHE_HOME=str(cache_home), COLUMNS="120", LINES="40")
        sizes = pty_bytes(big, env)
        print(
            f"bytes written to a 120x40 terminal per cursor move in the list: median {statistics.median(sizes):.0f} "
            f"(moves: {sizes})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
