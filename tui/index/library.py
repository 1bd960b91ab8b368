"""Everything the reader shows, in one object: the articles with their entities and dates, the
search index and the timeline.

``load_library`` builds it off the UI thread and reports as it goes: how many files were
found, articles in batches as they load (so a list can fill before the rest is ready), and the
stage it is in. ``Library.select`` answers a query in the index's language with the articles
in the order a reader wants them: best first when words rank them, newest first otherwise.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from tui.corpus import Article, LoadError, LoadReport
from tui.corpus.discover import discover
from tui.corpus.loader import read_bytes
from tui.index import extraction
from tui.index.cache import Cache, entry_key
from tui.index.cache import Entry as Cached
from tui.index.query import Query, parse
from tui.index.search import Facets, Index, Result
from tui.index.timeline import Entry, build_timeline
from tui.nlp.dates import Timex
from tui.nlp.spans import Span

BATCH = 25
STAGES = ("loading", "entities", "indexing")


class Cancelled(Exception):
    """Loading was stopped by the caller."""


@dataclass(frozen=True)
class Progress:
    stage: str  # one of STAGES
    done: int
    total: int  # 0 when not known yet


@dataclass
class Selection:
    """Articles matching a query (positions into ``Library.articles``), in reading order."""

    positions: list[int]
    result: Result
    query: Query
    prefix: bool = False  # the query's last word was matched as a prefix (typing)

    @property
    def facets(self) -> Facets:
        return self.result.facets


@dataclass
class Library:
    articles: list[Article]
    entities: list[list[Span]]
    dates: list[list[Timex]]
    index: Index
    timeline: list[Entry]
    report: LoadReport
    notes: list[str] = field(default_factory=list)  # one-line notes on what is missing (e.g. no model)

    def __post_init__(self) -> None:
        self.position = {a.id: i for i, a in enumerate(self.articles)}
        self.newest_first = newest_first(self.articles)
        # The sources of every timeline entry, flat, as article positions (len(articles): unknown).
        starts, where = [], []
        for e in self.timeline:
            starts.append(len(where))
            where += [self.position.get(s.article, len(self.articles)) for s in e.sources] or [len(self.articles)]
        self._source_start = np.asarray(starts, dtype=np.int64)
        self._source_position = np.asarray(where, dtype=np.int64)
        self._date_rank = np.zeros(len(self.articles), dtype=np.int64)
        self._date_rank[self.newest_first] = np.arange(len(self.articles))

    def select(self, query: str | Query, prefix: bool = False) -> Selection:
        """The articles matching ``query`` (raises ``QueryError``); an empty query selects all."""
        q = parse(query) if isinstance(query, str) else query
        result = self.index.search(q, limit=None, prefix=prefix)
        ranked = result.ranked  # the index was built from self.articles: its positions are ours
        if not result.scored:
            ranked = ranked[np.argsort(self._date_rank[ranked], kind="stable")]
        return Selection(ranked.tolist(), result, q, prefix)

    def highlights(self, article_id: str, selection: Selection | None) -> list[tuple[int, int]]:
        """Where the words of the selection's query stand in the article's text."""
        if selection is None:
            return []
        return self.index.highlights(article_id, selection.query, prefix=selection.prefix)

    def timeline_of(self, positions: list[int] | None) -> list[Entry]:
        """The timeline entries reported by any of these articles (all of them for None)."""
        if positions is None or len(positions) == len(self.articles):
            return self.timeline
        chosen = np.zeros(len(self.articles) + 1, dtype=bool)
        chosen[positions] = True
        hit = chosen[self._source_position]  # one per (entry, source)
        counts = np.add.reduceat(hit, self._source_start) if len(hit) else np.zeros(0, dtype=int)
        return [self.timeline[i] for i in np.flatnonzero(counts[: len(self.timeline)]).tolist()]


def newest_first(articles: list[Article]) -> list[int]:
    """Positions ordered by publication date, newest first; undated articles last; ties by id."""
    by_id = sorted(range(len(articles)), key=lambda p: articles[p].id)
    # ISO strings sort by time at any precision; a stable reverse sort keeps ties in id order.
    return sorted(by_id, key=lambda p: articles[p].published.isoformat() if articles[p].published else "",
                  reverse=True)


def load_library(
    paths: list[str],
    *,
    limit_mb: float,
    progress: Callable[[Progress], None] = lambda p: None,
    arrived: Callable[[list[Article]], None] = lambda batch: None,
    cancelled: Callable[[], bool] = lambda: False,
    cache: Cache | None = None,
    workers: int | None = None,
) -> Library:
    """Load, annotate and index ``paths``; raises ``Cancelled`` as soon as ``cancelled()`` says so.
    With a ``cache``, files it knows are neither cleaned nor tagged again, and new ones are added.
    Files to analyse are spread over ``workers`` processes (default: one per core)."""
    from tui.nlp import ModelMissing, annotate

    report = LoadReport()
    candidates = discover(paths, report)
    total = len(candidates)
    progress(Progress("loading", 0, total))
    slots: list[Cached | None] = [None] * total
    keys: list[str | None] = [None] * total
    jobs: list[extraction.Job] = []
    batch: list[Article] = []
    done = 0

    def deliver(final: bool = False) -> None:
        nonlocal batch
        if batch and (final or len(batch) >= BATCH):
            arrived(batch)
            batch = []
            progress(Progress("loading", done, total))

    for i, candidate in enumerate(candidates):
        if cancelled():
            raise Cancelled
        try:
            data = read_bytes(candidate.path, int(limit_mb * 1_000_000))
        except LoadError as exc:
            report.skip(candidate.path, str(exc))
            done += 1
            continue
        entry = None
        if cache is not None:
            keys[i] = entry_key(hashlib.sha256(data).hexdigest(), os.path.basename(candidate.path), cache.version)
            entry = cache.get(keys[i], candidate.id, candidate.path)
        if entry is None:
            jobs.append((i, candidate.id, candidate.path, data))
            continue
        slots[i] = entry
        done += 1
        batch.append(entry.article)
        deliver()
    deliver(final=True)
    for outcomes in extraction.run(jobs, workers, cancelled):
        for i, outcome in outcomes:
            done += 1
            if isinstance(outcome, str):
                report.skip(candidates[i].path, outcome)
                continue
            slots[i] = outcome
            batch.append(outcome.article)
            if cache is not None and keys[i] is not None and outcome.tags is not None:
                cache.put(keys[i], outcome)
        deliver()
    if cancelled():
        raise Cancelled
    deliver(final=True)
    progress(Progress("loading", total, total))

    entries = [e for e in slots if e is not None]  # in path order, whatever order workers finished in
    report.loaded = len(entries)
    report.skipped.sort(key=lambda s: s.path)
    articles = [e.article for e in entries]
    dates = [e.dates for e in entries]
    tags = [e.tags for e in entries]
    notes = []
    recognised: list[list[Span] | None] = list(tags)

    def tagged(done: int, n: int) -> None:
        if cancelled():
            raise Cancelled
        if done % 10 == 0 or done == n:
            progress(Progress("entities", done, n))

    try:
        from tui.nlp.ner import default_recognizer

        rec = default_recognizer()
        entities = annotate([a.text for a in articles], recognizer=rec, tagged=recognised, progress=tagged).mentions
    except ModelMissing as exc:
        notes.append(f"entities left out: {exc}")
        entities = [[] for _ in articles]
    if cache is not None:
        cache.touch([k for k, e in zip(keys, slots) if k is not None and e is not None])
        cache.trim()
        if cache.problem:
            notes.append(cache.problem)
    progress(Progress("indexing", 0, len(articles)))
    index = Index.build(articles, entities, dates)
    timeline = build_timeline(articles, dates, entities)
    progress(Progress("indexing", len(articles), len(articles)))
    return Library(articles, entities, dates, index, timeline, report, notes)


__all__ = ["Cancelled", "Library", "Progress", "STAGES", "Selection", "load_library", "newest_first"]
