"""The hostile cases tried, and what Chronik made of each: the tables in BENCHMARKS.md.

    python bench/bench_hostile.py [--tiny 10000] [--deep 50]
    python bench/bench_hostile.py --shapes [--size-mb 2] [--runs 3]

With ``--shapes``: each hostile shape of ``tests/shapes.py`` (one sentence of 400,000 words, a
line without a space, digits and dashes, one-word lines, …) at ``--size-mb``, analysed stage by
stage as loading does (CPU seconds of the analysing thread, median of ``--runs``), its
throughput through the whole extraction, and what ``chronik extract`` made of the file
(names and dates found, or the load report's line) with its wall time.

Writes the hostile corpus of ``tests/hostile_corpus.py`` (with ``--tiny`` tiny files and a file
``--deep`` folders deep) to a temporary folder, loads it, drives the app over it on a
pseudo-terminal (every article opened and scrolled, a search, a filter, the timeline, help,
resizes) and runs the CLI's plain and JSON outputs, then prints per case: what was loaded or
reported, whether any of its payloads reached the terminal, and whether the app survived.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.hostile_corpus import write_hostile_corpus  # noqa: E402
from tests.terminal import Terminal, control_sequences  # noqa: E402
from tui.corpus.safetext import printable  # noqa: E402
from tui.index.library import load_library  # noqa: E402


def drive(folder: Path, articles: int, cache: Path) -> tuple[bytes, int | None, float]:
    """The app over ``folder`` on a 120×40 pseudo-terminal; its output, exit status, load time."""
    term = Terminal([str(folder)], env={"XDG_CACHE_HOME": str(cache)})
    t0 = time.monotonic()
    try:
        term.wait_for("timeline entries", timeout=900)
        loaded = time.monotonic() - t0
        term.quiet()
        for _ in range(min(articles, 40)):
            term.press("enter", "space", "space", "G", "e", "d", "n", "x", "g", "escape", "j")
        term.press("/", *"Putin", "enter")
        term.quiet()
        term.press("/", "escape", "F", *"Put", "enter", "c", "t", "j", "j", "enter", "escape", "t", "?")
        term.quiet()
        term.press("escape")
        for size in ((10, 5), (300, 100), (120, 40)):
            term.resize(*size)
            term.quiet()
    finally:
        status = term.close()
    return bytes(term.output), status, loaded


EXTRACTION = ("cleaning", "dates", "recognition", "consistency", "indexing", "timeline")


def shapes(size_mb: float, runs: int) -> int:
    from statistics import median

    from tests.shapes import SHAPES, shape, stages
    from tui.nlp.ner import default_recognizer

    default_recognizer().tag("Angela Merkel.")  # the model loads before the clock starts
    print(
        f"Each shape at {size_mb:g} MB; CPU seconds per stage, median of {runs}; "
        "MB/s through the whole extraction (cleaning to timeline)\n"
    )
    head = ["shape", "what", "MB", *EXTRACTION, "extraction MB/s", "search s", "reader s", "chronik extract"]
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    with tempfile.TemporaryDirectory() as tmp:
        for name, (what, _) in SHAPES.items():
            text = shape(name, int(size_mb * 1_000_000))
            mb = len(text.encode()) / 1e6
            taken = [stages(text) for _ in range(runs)]
            med = {k: median(t[k] for t in taken) for k in taken[0]}
            total = sum(med[k] for k in EXTRACTION)
            path = Path(tmp) / f"{name}.txt"
            path.write_text(text, encoding="utf-8")
            t0 = time.monotonic()
            done = subprocess.run(
                [sys.executable, "-m", "tui", "extract", str(path)],
                cwd=ROOT,
                capture_output=True,
                text=True,
                timeout=3600,
            )
            wall = time.monotonic() - t0
            lines = done.stdout.splitlines()
            if done.returncode == 0 and len(lines) == 2:
                record, report = json.loads(lines[0]), json.loads(lines[1])["report"]
                said = (
                    report["partial"][0]["reason"]
                    if report["partial"]
                    else f"{len(record['entities'])} names, {len(record['dates'])} dates"
                )
            else:
                said = f"exit {done.returncode}: {printable(done.stderr.strip()[-80:])}"
            cells = [
                name,
                what,
                f"{mb:.2f}",
                *(f"{med[k]:.2f}" for k in EXTRACTION),
                f"{mb / total:.2f}",
                f"{med['search']:.2f}",
                f"{med['reader']:.3f}",
                f"{said} in {wall:.1f} s",
            ]
            print("| " + " | ".join(cells) + " |", flush=True)
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tiny", type=int, default=10_000)
    parser.add_argument("--deep", type=int, default=50)
    parser.add_argument("--shapes", action="store_true", help="the throughput of each hostile shape instead")
    parser.add_argument("--size-mb", type=float, default=2.0)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    if args.shapes:
        return shapes(args.size_mb, args.runs)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "hostile"
        cases = write_hostile_corpus(folder, tiny=args.tiny, deep=args.deep)
        t0 = time.perf_counter()
        library = load_library([str(folder)], limit_mb=5)
        took = time.perf_counter() - t0
        loaded = {a.id for a in library.articles}
        skipped = {
            str(Path(s.path).relative_to(folder)) if s.path.startswith(str(folder)) else s.path: s.reason
            for s in library.report.skipped
        }
        output, status, app_load = drive(folder, len(library.articles), Path(tmp) / "cache")
        cli = [
            subprocess.run(
                [sys.executable, "-m", "tui", *cmd, str(folder), "--no-cache"],
                cwd=ROOT,
                capture_output=True,
                timeout=900,
            )
            for cmd in (["timeline"], ["search", "Putin"], ["timeline", "--json"], ["search", "Putin", "--json"])
        ]
        cli_clean = all(not control_sequences(p.stdout) and not control_sequences(p.stderr) for p in cli[:2])
        json_valid = all(json.loads(line) is not None for p in cli[2:] for line in p.stdout.decode().splitlines())
        print(
            f"load_library: {len(library.articles)} articles, {len(library.report.skipped)} reported, "
            f"{took:.1f} s; the app on a pseudo-terminal loaded in {app_load:.1f} s and exited with {status}"
        )
        print(f"CLI plain output free of control sequences: {cli_clean}; JSON lines valid: {json_valid}\n")
        print("| case | what | outcome | payload on the terminal |")
        print("|---|---|---|---|")
        for case in cases:
            outcomes = []
            for f in case.files:
                entries = sum(1 for a in loaded if a.startswith(f + "#"))  # a feed's entries
                if f in loaded:
                    outcomes.append("loaded")
                elif entries:
                    outcomes.append(f"loaded ({entries} feed {'entry' if entries == 1 else 'entries'})")
                elif f in skipped:
                    outcomes.append(f"reported: {skipped[f]}")
                else:
                    reason = next((r for p, r in skipped.items() if p.endswith(f) or f.startswith(p)), None)
                    outcomes.append(f"reported: {reason}" if reason else "not a candidate")
            summary = "; ".join(f"{n}× {o}" if n > 1 else o for o, n in _counts(outcomes))
            leaked = [m for m in case.markers if m in output]
            terminal = "n/a (no payload)" if not case.markers else ("LEAKED" if leaked else "none")
            print(f"| {case.name} | {case.what} | {printable(summary)} | {terminal} |")
    return 0 if status == 0 else 1


def _counts(items: list[str]) -> list[tuple[str, int]]:
    seen: dict[str, int] = {}
    for x in items:
        seen[x] = seen.get(x, 0) + 1
    return list(seen.items())


if __name__ == "__main__":
    sys.exit(main())
