"""Names linked across the whole folder again, in a process of its own, after a start that
analysed only the changed files (``Library.linked`` False).

Linking is corpus-wide work: every article's names against every other's, then the index and
the timeline built again (minutes at 50,000 files, most of a load through the per-file cache).
A child process does it (``python -m tui.index.relink``), at a lower priority, through the
extraction cache and without writing anything but the start-up snapshot, so the reader's keys
never wait for it; ``Relinker.wait`` then reads the library from that snapshot (memory-mapped,
as a start does) for the app to swap in.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
from pathlib import Path

from tui.index.cache import Cache
from tui.index.library import Library, load_library, snapshots


class RelinkFailed(Exception):
    """The child process ended without a linked library (its last line of errors says why)."""


class Relinker:
    """``python -m tui.index.relink`` for these paths, started at once."""

    def __init__(self, paths: list[str], cache_path: Path, limit_mb: float, time_limit: float | None) -> None:
        self.paths, self.cache_path, self.limit_mb = list(paths), Path(cache_path), limit_mb
        args = [sys.executable, "-m", "tui.index.relink", "--cache", str(cache_path), "--limit-mb", str(limit_mb)]
        if time_limit is not None:
            args += ["--time-limit", str(time_limit)]
        # The same working directory, so that the paths as named reach the same files and the
        # articles keep the paths the app knows them by; this package first on the module path.
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(
            [str(Path(__file__).resolve().parents[2])] + ([env["PYTHONPATH"]] if env.get("PYTHONPATH") else [])
        )
        self._stopped = False
        self._proc = subprocess.Popen(
            args + ["--", *self.paths],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            env=env,
        )

    def wait(self) -> Library | None:
        """The linked library once the child is done; None when it was stopped or its snapshot is
        gone (another start replaced it). Raises ``RelinkFailed``."""
        _, err = self._proc.communicate()
        if self._stopped:
            return None
        if self._proc.returncode != 0:
            lines = err.decode("utf-8", "replace").strip().splitlines()
            raise RelinkFailed(lines[-1] if lines else f"exit status {self._proc.returncode}")
        cache = Cache(self.cache_path)
        try:
            store = snapshots(cache)
            stored = store.load(self.paths, self.limit_mb) if store is not None else None
        finally:
            cache.close()
        return stored[1] if stored is not None and stored[1].linked else None

    def stop(self) -> None:
        self._stopped = True
        if self._proc.poll() is None:
            self._proc.terminate()
            try:
                self._proc.wait(5)
            except subprocess.TimeoutExpired:
                self._proc.kill()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tui.index.relink", description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, required=True)
    parser.add_argument("--limit-mb", type=float, required=True)
    parser.add_argument("--time-limit", type=float, default=None)
    parser.add_argument("paths", nargs="+")
    args = parser.parse_args(argv)
    # Stopped by the app: unwind, so that a snapshot being written leaves no temporary file.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    try:
        os.nice(10)
    except (AttributeError, OSError):
        pass
    cache = Cache(args.cache)
    try:
        load_library(args.paths, limit_mb=args.limit_mb, cache=cache, time_limit=args.time_limit, workers=1)
    finally:
        cache.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
