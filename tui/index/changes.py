"""A library brought up to date with a folder by analysing only the files that changed.

``diff`` compares two listings of the folder (size, modification and change time, inode: what
``git status`` trusts); ``apply`` reads the new and changed files (through the extraction
cache), drops the changed and removed ones, and builds the next library from those and the
unchanged articles' annotations: the index is merged (``tui.index.merge``), the timeline keeps
the sentences it knew. Both a start from an older snapshot (``load_library``) and a running app
following its folder (``tui.index.live``) go through it.

The names in new and changed articles are linked among themselves, not across the whole folder
as a full load links them; the library says so (``Library.linked`` is False), and
``tui.index.relink`` redoes the linking over everything in a separate process.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from tui.corpus import LoadReport
from tui.corpus.deadline import DEFAULT_SECONDS
from tui.corpus.discover import Candidate
from tui.index.cache import Cache
from tui.index.library import Derived, Library, read_files, recognise
from tui.index.merge import merge, vocabulary_of
from tui.index.search import Index
from tui.index.timeline import build_timeline, known_sentences


@dataclass(frozen=True)
class Changes:
    added: list[Candidate]
    changed: list[Candidate]
    removed: list[str]  # paths

    def __bool__(self) -> bool:
        return bool(self.added or self.changed or self.removed)

    def __len__(self) -> int:
        return len(self.added) + len(self.changed) + len(self.removed)


def _stat(c: Candidate) -> tuple[int, int, int, int]:
    return c.size, c.mtime_ns, c.ctime_ns, c.inode


def diff(before: Sequence[Candidate], after: Sequence[Candidate]) -> Changes:
    """What happened to the files between two listings (a renamed file is one removed and one
    added: its text comes from the extraction cache, which knows it by content)."""
    old = {c.path: c for c in before}
    new_paths = {c.path for c in after}
    added = [c for c in after if c.path not in old]
    changed = [c for c in after if c.path in old and _stat(old[c.path]) != _stat(c)]
    removed = [p for p in old if p not in new_paths]
    return Changes(added, changed, removed)


def apply(library: Library, candidates: Sequence[Candidate], changes: Changes, report: LoadReport, *,
          limit_mb: float, cache: Cache | None = None, workers: int | None = None,
          cancelled: Callable[[], bool] = lambda: False,
          time_limit: float | None = DEFAULT_SECONDS) -> Library:
    """The library of the files in ``candidates`` (listed now; ``report`` has what listing them
    found) made from ``library`` and the files ``changes`` names (``diff(library.listing,
    candidates)``). Raises ``Cancelled`` when ``cancelled()`` says so."""
    # Building allocates millions of objects; collections of the cyclic GC meanwhile would walk
    # every one of them again and again (and the library is free of cycles).
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _apply(library, candidates, changes, report, limit_mb=limit_mb, cache=cache, workers=workers,
                      cancelled=cancelled, time_limit=time_limit)
    finally:
        if enabled:
            gc.enable()


def _apply(library: Library, candidates: Sequence[Candidate], changes: Changes, report: LoadReport, *,
           limit_mb: float, cache: Cache | None, workers: int | None, cancelled: Callable[[], bool],
           time_limit: float | None) -> Library:
    fresh = read_files(changes.added + changes.changed, report, limit_mb=limit_mb, cache=cache, workers=workers,
                       cancelled=cancelled, time_limit=time_limit)
    notes = [n for n in library.notes if not n.startswith("entities left out")]
    entities = recognise([e.article for e in fresh], [e.tags for e in fresh], notes, cancelled=cancelled,
                         bare=[bool(e.abandoned) for e in fresh])
    by_path = {e.article.path: (e.article, ents, e.dates, None) for e, ents in zip(fresh, entities)}
    gone = {c.path for c in changes.changed} | set(changes.removed)
    old_keys = library.derived.keys
    for p, article in enumerate(library.articles):  # only looks at paths: packed texts stay packed
        if article.path not in gone:
            by_path[article.path] = (article, library.entities[p], library.dates[p],
                                     old_keys[p] if old_keys is not None else None)
    order = [by_path[c.path] for c in candidates if c.path in by_path]  # the folder's order, as a load has it
    articles = [a for a, _, _, _ in order]
    ents = [e for _, e, _, _ in order]
    dates = [d for _, _, d, _ in order]
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
    positions = [(False, fresh_at[a.path]) if a.path in fresh_at else (True, old_at[a.id]) for a in articles]
    index = merge(library.index, positions, added, articles)
    kept_ids = {a.id for ok, a in zip((o for o, _ in positions), articles) if ok}
    known = {k: v for k, v in known_sentences(library.timeline).items() if k in kept_ids}
    timeline = build_timeline(articles, dates, ents, known)
    derived = Derived.of(articles, timeline, index.positions)
    if old_keys is not None:  # the reading state's keys of unchanged texts need no hashing again
        from tui.index.state import content_key

        derived.keys = [k if k is not None else content_key(a.text) for a, (_, _, _, k) in zip(articles, order)]
    return Library(articles, ents, dates, index, timeline, report, notes, derived, listing=list(candidates),
                   linked=False)


__all__ = ["Changes", "apply", "diff"]
