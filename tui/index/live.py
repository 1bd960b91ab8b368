"""Following the opened folders while the reader runs: new, changed and deleted files.

``watch`` says when something under the folders may have changed: through the operating
system's file events (watchfiles) where it can, by asking every couple of seconds where it
cannot (watchfiles missing, no inotify, a file-watch limit reached, a network file system).
``refresh`` then lists the folders again and brings the library up to date with what changed
(``tui.index.changes``: only new and changed files are read, through the extraction cache).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from tui.corpus import LoadReport
from tui.corpus.deadline import DEFAULT_SECONDS
from tui.corpus.discover import discover
from tui.index.cache import Cache
from tui.index.changes import Changes, apply, diff
from tui.index.library import Library
from tui.index.reading import Reading

POLL_SECONDS = 2.0  # how often to look when no file events can be had
DEBOUNCE_MS = 400  # file events closer together than this are one change (a copy of many files)


@dataclass(frozen=True)
class Update:
    library: Library
    added: int
    changed: int
    removed: int


def refresh(
    library: Library,
    paths: list[str],
    *,
    limit_mb: float,
    cache: Cache | None = None,
    workers: int | None = None,
    cancelled: Callable[[], bool] = lambda: False,
    time_limit: float | None = DEFAULT_SECONDS,
) -> Update | None:
    """The library after the files' changes since ``library.listing``; None when nothing changed
    (or the library has no listing to compare with)."""
    if library.listing is None:
        return None
    report = LoadReport()
    candidates = discover(paths, report)
    changes = diff(library.listing, candidates)
    if not changes:
        return None
    updated = apply(library, candidates, changes, report, Reading(limit_mb, cache, workers, cancelled, time_limit))
    return Update(updated, len(changes.added), len(changes.changed), len(changes.removed))


def watch(
    paths: Sequence[str],
    stop: threading.Event,
    changed: Callable[[], None],
    *,
    polling: bool = False,
    started: Callable[[str], None] = lambda how: None,
) -> None:
    """Call ``changed()`` whenever something under ``paths`` may have changed, until ``stop`` is
    set. ``started(how)`` says how it watches: "events" or "polling"."""
    folders = [p for p in paths if os.path.isdir(p)]
    files = [p for p in paths if os.path.isfile(p)]
    if not polling:
        try:
            import watchfiles

            # A named file is watched through its folder (an editor replaces it by renaming).
            targets = sorted(set(folders) | {os.path.dirname(os.path.abspath(f)) for f in files})
            if targets:
                started("events")
                for _ in watchfiles.watch(
                    *targets,
                    stop_event=stop,
                    debounce=DEBOUNCE_MS,
                    step=100,
                    raise_interrupt=False,
                    ignore_permission_denied=True,
                ):
                    changed()
                return
        except Exception:  # no watchfiles, no inotify, a watch limit: ask instead
            if stop.is_set():
                return
    started("polling")
    while not stop.wait(POLL_SECONDS):
        changed()


class Follower:
    """Runs ``watch`` in a thread and hands ``changed`` calls on; ``close`` stops it."""

    def __init__(self, paths: Sequence[str], changed: Callable[[], None], polling: bool = False) -> None:
        self._stop = threading.Event()
        self._thread = threading.Thread(
            target=watch,
            args=(list(paths), self._stop, changed),
            kwargs={"polling": polling},
            name="chronik-watch",
            daemon=True,
        )
        self._thread.start()

    def close(self, timeout: float = 2.0) -> None:
        self._stop.set()
        self._thread.join(timeout)


__all__ = ["Changes", "Follower", "Update", "diff", "refresh", "watch"]
