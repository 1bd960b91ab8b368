"""Reading a folder's files into what each gives, and the names of those texts linked.

``read_files`` takes each file's articles, dates and first-pass tags from the extraction cache
where it knows the file, else has them analysed (``tui.index.extraction``: in worker processes for
many files, started while the rest are read). ``recognise`` links the names of a set of texts
(``tui.nlp.entities.annotate``), in the processes that hold the model where there are some.
Both stop with ``Cancelled`` when the caller says so. ``tui.index.library`` builds a library from
them; ``tui.index.changes`` a library from another plus the changed files.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tui.corpus import Article, LoadError, LoadReport, Skipped
from tui.corpus.deadline import DEFAULT_SECONDS
from tui.corpus.discover import Candidate
from tui.corpus.loader import read_bytes
from tui.index import extraction, formcache
from tui.index.cache import Cache, entry_key
from tui.index.cache import Entry as Cached
from tui.index.extraction import Cancelled
from tui.nlp.spans import Span

if TYPE_CHECKING:
    from tui.nlp.entities import Spread

BATCH, BATCH_SECONDS = 25, 0.1  # articles are handed out at least this many, at most this often
STAGES = ("loading", "entities", "indexing")


@dataclass(frozen=True)
class Progress:
    stage: str  # one of STAGES
    done: int
    total: int  # 0 when not known yet


@dataclass(frozen=True)
class Reading:
    """How files are read and analysed: at most ``limit_mb`` of each, through the extraction
    ``cache``, in ``workers`` processes (default: one per core; ``started``: processes started
    ahead, with the model loaded), each file within ``time_limit`` seconds; ``cancelled()``
    stops it all (``Cancelled``)."""

    limit_mb: float
    cache: Cache | None = None
    workers: int | None = None
    cancelled: Callable[[], bool] = lambda: False
    time_limit: float | None = DEFAULT_SECONDS
    started: extraction.Workers | None = None


def read_files(
    candidates: Sequence[Candidate],
    report: LoadReport,
    how: Reading,
    *,
    progress: Callable[[Progress], None] = lambda p: None,
    arrived: Callable[[list[Article]], None] = lambda batch: None,
    keep: list[extraction.Workers] | None = None,
) -> list[Cached]:
    """What each file gives (its articles — a feed has one per entry — with their dates and first-pass
    tags), in the order of ``candidates``:
    from the cache where it knows the file, else cleaned and tagged in ``how.workers`` processes
    (and put in the cache), each within ``how.time_limit`` seconds. Files that cannot be read go to
    ``report.skipped``, files whose analysis was abandoned to ``report.partial``;
    ``report.loaded`` is set. Processes this starts are closed here, or handed to ``keep``."""
    total = len(candidates)
    slots: list[list[Cached] | None] = [None] * total
    keys: list[str | None] = [None] * total
    jobs: list[extraction.Job] = []
    batch: list[Article] = []
    done = 0
    delivered = 0.0
    started = how.started
    own: extraction.Workers | None = None  # processes started here (closed here)

    def deliver(final: bool = False) -> None:
        # Ten thousand tiny files would otherwise be four hundred hand-overs in a few seconds,
        # each one work for the interface that is meant to stay free for the reader's keys.
        nonlocal batch, delivered
        if batch and (final or (len(batch) >= BATCH and time.monotonic() - delivered >= BATCH_SECONDS)):
            arrived(batch)
            batch = []
            delivered = time.monotonic()
            progress(Progress("loading", done, total))

    try:
        for i, candidate in enumerate(candidates):
            if how.cancelled():
                raise Cancelled
            try:
                data = read_bytes(candidate.path, int(how.limit_mb * 1_000_000))
            except LoadError as exc:
                report.skip(candidate.path, str(exc))
                done += 1
                continue
            entries = None
            if how.cache is not None:
                key = keys[i] = entry_key(
                    hashlib.sha256(data).hexdigest(), os.path.basename(candidate.path), how.cache.version
                )
                entries = how.cache.get(key, candidate.id, candidate.path)
            if entries is None:
                jobs.append((i, candidate.id, candidate.path, data))
                if len(jobs) == extraction.EARLY_MISSES and total - i >= extraction.PARALLEL_MIN:
                    # Many files to analyse, it seems: the processes load the model while the rest are read.
                    workers = how.workers or extraction.default_jobs()
                    if started is not None:
                        started.grow()
                    elif workers > 1:
                        started = own = extraction.start_workers(workers, eager=True, forms=formcache.beside(how.cache))
                        extraction.warm_here()
                continue
            slots[i] = entries
            done += 1
            batch.extend(e.article for e in entries)
            deliver()
        deliver(final=True)
        for outcomes in extraction.run(jobs, how.workers, how.cancelled, how.time_limit, started):
            for i, outcome in outcomes:
                done += 1
                if isinstance(outcome, str):
                    report.skip(candidates[i].path, outcome)
                    continue
                slots[i] = outcome
                batch.extend(e.article for e in outcome)
                abandoned = next((e.abandoned for e in outcome if e.abandoned), "")
                if abandoned:
                    report.partial.append(Skipped(candidates[i].path, abandoned))
                elif (
                    how.cache is not None
                    and (stored_key := keys[i]) is not None
                    and all(e.tags is not None for e in outcome)
                ):
                    how.cache.put(stored_key, outcome, candidates[i].id)
            deliver()
    except BaseException:
        if own is not None:
            own.close()
        raise
    if own is not None:
        if keep is not None:
            keep.append(own)
        else:
            own.close()
    if how.cancelled():
        raise Cancelled
    deliver(final=True)
    progress(Progress("loading", total, total))
    if how.cache is not None:
        how.cache.touch([k for k, e in zip(keys, slots) if k is not None and e is not None])
    # In path order, whatever order the workers finished in; a feed's entries in the feed's order.
    entries = [e for found in slots if found is not None for e in found]
    report.loaded = len(entries)
    report.skipped.sort(key=lambda s: s.path)
    report.partial.sort(key=lambda s: s.path)
    return entries


def recognise(
    articles: Sequence[Article],
    tags: Sequence[list[Span] | None],
    notes: list[str],
    progress: Callable[[Progress], None] = lambda p: None,
    cancelled: Callable[[], bool] = lambda: False,
    bare: Sequence[bool] = (),
    started: extraction.Workers | None = None,
    spread: Spread | None = None,
    meanwhile: Callable[[], object] = lambda: None,
) -> list[list[Span]]:
    """Entity mentions with corpus-wide keys for ``articles`` (tags: first-pass tags where known);
    none in the articles that ``bare`` marks (their analysis was abandoned); without the model,
    none at all, and a note says why. With ``started`` workers, one of them does it (this
    process need not load the model), and this one does ``meanwhile()`` as it waits; else
    ``meanwhile()`` is done first."""
    from tui.nlp import ModelMissing, annotate

    pending = [meanwhile]

    def once() -> None:
        while pending:
            pending.pop()()

    # An empty text has no names to find, nor any for the corpus's names to label.
    texts = ["" if k < len(bare) and bare[k] else a.text for k, a in enumerate(articles)]
    if started is not None and all(t is not None for t in tags):
        done = extraction.recognise_in(started, texts, [t for t in tags if t is not None], cancelled, once)
        if cancelled():
            raise Cancelled
        if done is not None:
            mentions, note = done
            if note:
                notes.append(note)
            return mentions

    once()

    def tagged(done: int, n: int) -> None:
        if cancelled():
            raise Cancelled
        if done % 10 == 0 or done == n:
            progress(Progress("entities", done, n))

    try:
        from tui.nlp.ner import default_recognizer

        return annotate(
            texts, recognizer=default_recognizer(), tagged=list(tags), progress=tagged, spread=spread
        ).mentions
    except ModelMissing as exc:
        notes.append(extraction.ENTITIES_LEFT_OUT.format(reason=exc))
        return [[] for _ in articles]


__all__ = ["BATCH", "Cancelled", "Progress", "Reading", "STAGES", "read_files", "recognise"]
