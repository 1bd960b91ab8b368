"""Following the opened folders while the reader runs: new, changed and deleted files.

``watch`` says when something under the folders may have changed: through the operating
system's file events (watchfiles) where it can, by asking every couple of seconds where it
cannot (watchfiles missing, no inotify, a file-watch limit reached, a network file system).
``refresh`` then lists the folders again, compares the listing with the library's
(size, modification and change time, inode), reads only the files that are new or changed
(through the extraction cache), and builds the next library from those and the unchanged
articles' annotations.

The names in new and changed articles are linked among themselves, not across the whole folder
as a full load does; the next start, which loads the folder afresh, links them everywhere.
"""

from __future__ import annotations

import gc
import os
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from tui.corpus import LoadReport
from tui.corpus.deadline import DEFAULT_SECONDS
from tui.corpus.discover import Candidate, discover
from tui.index.cache import Cache
from tui.index.library import Library, read_files, recognise
from tui.index.merge import merge, vocabulary_of
from tui.index.search import Index
from tui.index.timeline import build_timeline, known_sentences

POLL_SECONDS = 2.0  # how often to look when no file events can be had
DEBOUNCE_MS = 400  # file events closer together than this are one change (a copy of many files)


@dataclass(frozen=True)
class Changes:
    added: list[Candidate]
    changed: list[Candidate]
    removed: list[str]  # paths

    def __bool__(self) -> bool:
        return bool(self.added or self.changed or self.removed)


@dataclass(frozen=True)
class Update:
    library: Library
    added: int
    changed: int
    removed: int


def _stat(c: Candidate) -> tuple[int, int, int, int]:
    return c.size, c.mtime_ns, c.ctime_ns, c.inode


def diff(before: Sequence[Candidate], after: Sequence[Candidate]) -> Changes:
    """What happened to the files between two listings."""
    old = {c.path: c for c in before}
    new_paths = {c.path for c in after}
    added = [c for c in after if c.path not in old]
    changed = [c for c in after if c.path in old and _stat(old[c.path]) != _stat(c)]
    removed = [p for p in old if p not in new_paths]
    return Changes(added, changed, removed)


def refresh(library: Library, paths: list[str], *, limit_mb: float, cache: Cache | None = None,
            workers: int | None = None, cancelled: Callable[[], bool] = lambda: False,
            time_limit: float | None = DEFAULT_SECONDS) -> Update | None:
    """The library after the files' changes since ``library.listing``; None when nothing changed
    (or the library has no listing to compare with)."""
    if library.listing is None:
        return None
    # Building allocates millions of objects; collections of the cyclic GC meanwhile would walk
    # every one of them again and again (and the library is free of cycles).
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _refresh(library, paths, limit_mb=limit_mb, cache=cache, workers=workers, cancelled=cancelled,
                        time_limit=time_limit)
    finally:
        if enabled:
            gc.enable()


def _refresh(library: Library, paths: list[str], *, limit_mb: float, cache: Cache | None, workers: int | None,
             cancelled: Callable[[], bool], time_limit: float | None) -> Update | None:
    report = LoadReport()
    candidates = discover(paths, report)
    changes = diff(library.listing, candidates)
    if not changes:
        return None
    fresh = read_files(changes.added + changes.changed, report, limit_mb=limit_mb, cache=cache, workers=workers,
                       cancelled=cancelled, time_limit=time_limit)
    notes = [n for n in library.notes if not n.startswith("entities left out")]
    entities = recognise([e.article for e in fresh], [e.tags for e in fresh], notes, cancelled=cancelled,
                         bare=[bool(e.abandoned) for e in fresh])
    by_path = {e.article.path: (e.article, ents, e.dates) for e, ents in zip(fresh, entities)}
    gone = {c.path for c in changes.changed} | set(changes.removed)
    for p, article in enumerate(library.articles):  # only looks at paths: packed texts stay packed
        if article.path not in gone:
            by_path[article.path] = (article, library.entities[p], library.dates[p])
    order = [by_path[c.path] for c in candidates if c.path in by_path]  # the folder's order, as a load has it
    articles = [a for a, _, _ in order]
    ents = [e for _, e, _ in order]
    dates = [d for _, _, d in order]
    # The files' own problems: those of files still there and unchanged, and the new ones.
    read_again = gone | {c.path for c in changes.added}
    report.skipped += [s for s in library.report.skipped if s.path not in read_again and os.path.lexists(s.path)]
    report.skipped.sort(key=lambda s: s.path)
    report.partial += [s for s in library.report.partial if s.path not in read_again and os.path.lexists(s.path)]
    report.partial.sort(key=lambda s: s.path)
    report.loaded = len(articles)
    # Only the new and changed articles are analysed: the rest comes from the library's index and
    # timeline (``tui.index.merge``; the sentences of their dates from ``known_sentences``).
    fresh_articles = [e.article for e in fresh]
    added = Index.build(fresh_articles, entities, [e.dates for e in fresh], vocabulary=vocabulary_of(library.index))
    fresh_at = {a.path: k for k, a in enumerate(fresh_articles)}
    old_at = library.index.positions
    order = [(False, fresh_at[a.path]) if a.path in fresh_at else (True, old_at[a.id]) for a in articles]
    index = merge(library.index, order, added, articles)
    kept_ids = {a.id for ok, a in zip((o for o, _ in order), articles) if ok}
    known = {k: v for k, v in known_sentences(library.timeline).items() if k in kept_ids}
    timeline = build_timeline(articles, dates, ents, known)
    updated = Library(articles, ents, dates, index, timeline, report, notes, listing=candidates)
    return Update(updated, len(changes.added), len(changes.changed), len(changes.removed))


def watch(paths: Sequence[str], stop: threading.Event, changed: Callable[[], None], *,
          polling: bool = False, started: Callable[[str], None] = lambda how: None) -> None:
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
                for _ in watchfiles.watch(*targets, stop_event=stop, debounce=DEBOUNCE_MS, step=100,
                                          raise_interrupt=False, ignore_permission_denied=True):
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
        self._thread = threading.Thread(target=watch, args=(list(paths), self._stop, changed),
                                        kwargs={"polling": polling},
                                        name="chronik-watch", daemon=True)
        self._thread.start()

    def close(self, timeout: float = 2.0) -> None:
        self._stop.set()
        self._thread.join(timeout)


__all__ = ["Changes", "Follower", "Update", "diff", "refresh", "watch"]
