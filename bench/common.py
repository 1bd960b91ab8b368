"""Shared by the benchmarks: the 10kGNAD test articles and percentiles."""

from __future__ import annotations

import csv
from pathlib import Path


def gnad_rows(data: Path) -> list[tuple[str, str]]:
    """(category, text) of every article in ``data/10kgnad/test.csv``."""
    with open(data / "10kgnad" / "test.csv", encoding="utf-8", newline="") as fh:
        return [(row[0], row[1]) for row in csv.reader(fh, delimiter=";", quotechar="'") if len(row) >= 2]


def no_gnad(data: Path, name: str) -> bool:
    """True (after saying so on stderr) when ``data`` lacks the 10kGNAD test set."""
    if (data / "10kgnad" / "test.csv").is_file():
        return False
    import sys

    print(f"{name}: no data at {data}", file=sys.stderr)
    return True


def p95(xs: list[float]) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(0.95 * (len(xs) - 1))))]


# A headless app in a fresh interpreter that reports, from its own start, the first frame and
# the moment loading ended (the whole corpus searchable), with its peak resident memory.
CHILD = """
import resource, sys, time
from pathlib import Path
import tui.app.app
from tui.app.app import ChronikApp
class Timed(ChronikApp):
    CSS_PATH = str(Path(tui.app.app.__file__).with_name("app.tcss"))
    def on_mount(self):
        self.call_after_refresh(self._first)  # before the app's own: the loader starts after it
        super().on_mount()
    def _first(self):
        print("FIRST", flush=True)
        if sys.argv[3] == "first":
            self.exit()
    def on_loaded(self, message):
        super().on_loaded(message)
        self.call_after_refresh(self._searchable)
    def _searchable(self):
        self.session.library.select("regierung")
        # VmHWM, not ru_maxrss: the latter keeps the peak of the forked parent across exec.
        status = Path("/proc/self/status").read_text()
        rss = int(status.split("VmHWM:")[1].split()[0]) // 1024 if "VmHWM:" in status else \
            resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
        print(f"SEARCHABLE {len(self.session.library.articles)} {rss}", flush=True)
        self.exit()
import asyncio
async def main():
    app = Timed([sys.argv[1]], cache=sys.argv[2] if sys.argv[2] != "-" else None)
    async with app.run_test(size=(120, 40)):
        while app.is_running:  # polls without sending the app anything (a Pilot pause would)
            await asyncio.sleep(0.02)
asyncio.run(main())
"""


def startup(folder: Path, cache: str, until: str = "first") -> dict[str, float]:
    """Seconds from process start to the app's first frame ("first") and, with ``until`` =
    "searchable", to the end of loading with a first query answered ("searchable"), and the
    child's peak RSS in MB ("rss")."""
    import subprocess
    import sys
    import time

    root = Path(__file__).resolve().parents[1]
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(folder), cache, until], cwd=root, stdout=subprocess.PIPE, text=True
    )
    out: dict[str, float] = {}
    for line in proc.stdout:
        if line.startswith("FIRST"):
            out["first"] = time.perf_counter() - t0
        elif line.startswith("SEARCHABLE"):
            out["searchable"] = time.perf_counter() - t0
            out["articles"], out["rss"] = map(float, line.split()[1:])
    proc.wait(timeout=3600)
    if "first" not in out or (until == "searchable" and "searchable" not in out):
        raise RuntimeError(f"the app did not get that far: {out}")
    return out
