"""Everything the reader shows, in one object: the articles with their entities and dates, the
search index and the timeline.

``load_library`` builds it off the UI thread and reports as it goes: how many files were
found, articles in batches as they load (so a list can fill before the rest is ready), and the
stage it is in. ``Library.select`` answers a query in the index's language with the articles
in the order a reader wants them: best first when words rank them, newest first otherwise.
"""

from __future__ import annotations

import dataclasses
import pickle
from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from tui.corpus import Article, LoadReport
from tui.corpus.deadline import DEFAULT_SECONDS
from tui.corpus.discover import Candidate, discover
from tui.index import collector, extraction, formcache
from tui.index.cache import Cache, versions
from tui.index.parts import Words
from tui.index.query import Query, parse
from tui.index.reading import STAGES, Cancelled, Progress, Reading, read_files, recognise
from tui.index.search import Facets, Index, Result
from tui.index.snapshot import NOT_USED, Store, signature
from tui.index.state import ReadingState, content_key
from tui.index.timeline import Entry, build_timeline, order_number
from tui.nlp.dates import Timex
from tui.nlp.spans import Span
from tui.nlp.timevalue import PERIOD_DIVISOR, period_key

# From this many articles on, their words are indexed in another process while names are linked
# (fewer take less time than a process does to start).
WORDS_ELSEWHERE_MIN = 1_000
NAME_LABELS = ("PER", "LOC", "ORG", "MISC")  # the order names are listed in (names_in)


@dataclass
class Selection:
    """Articles matching a query (positions into ``Library.articles``), in reading order."""

    positions: list[int] = field(repr=False)  # (a repr of 50,000 positions would stall a log line)
    result: Result = field(repr=False)
    query: Query
    prefix: bool = False  # the query's last word was matched as a prefix (typing)

    @property
    def facets(self) -> Facets:
        return self.result.facets


@dataclass
class Derived:
    """What ``Library`` works out once from its articles and timeline (and a snapshot keeps)."""

    position: dict[str, int]  # article id -> position
    newest_first: list[int]  # positions by publication date, newest first
    date_rank: np.ndarray  # position -> rank in newest_first
    source_start: np.ndarray  # timeline entry -> its first (entry, source) pair below
    source_position: np.ndarray  # (entry, source) -> article position (len(articles): unknown)
    # Timeline entry -> year * 10000 + month * 100 + day, with the parts finer than the entry
    # zero (a whole year 20250000, a month or week 20251000, a day or time 20251016).
    period_keys: np.ndarray
    order_numbers: np.ndarray  # timeline entry -> ``order_number``
    keys: list[str] | None = None  # position -> content key (reading state), worked out on first use

    @classmethod
    def of(cls, articles: Sequence[Article], timeline: Sequence[Entry], position: dict[str, int]) -> Derived:
        order = newest_first(list(articles))
        rank = np.zeros(len(articles), dtype=np.int64)
        rank[order] = np.arange(len(articles))
        starts: list[int] = []
        where: list[int] = []
        periods: list[int] = []
        numbers: list[int] = []
        for e in timeline:
            starts.append(len(where))
            where += [position.get(s.article, len(articles)) for s in e.sources] or [len(articles)]
            periods.append(period_key(e.date, e.granularity))
            numbers.append(order_number(e))

        def as_np(values: list[int]) -> np.ndarray:
            return np.asarray(values, dtype=np.int64)

        return cls(position, order, rank, as_np(starts), as_np(where), as_np(periods), as_np(numbers))


@dataclass
class Library:
    """Sequences here are lists after a fresh load and packed, decoded-on-use sequences after a
    load from a snapshot (``tui.index.snapshot``); either way they are read, never changed."""

    # Left out of the repr: a library's repr would otherwise spell out every article's text.
    articles: Sequence[Article] = field(repr=False)
    entities: Sequence[list[Span]] = field(repr=False)
    dates: Sequence[list[Timex]] = field(repr=False)
    index: Index = field(repr=False)
    timeline: Sequence[Entry] = field(repr=False)
    report: LoadReport = field(repr=False)
    notes: list[str] = field(default_factory=list)  # one-line notes on what is missing (e.g. no model)
    # Worked out in __post_init__ when not given: never None once made.
    derived: Derived = field(default=None, repr=False)  # type: ignore[assignment]
    # The files as listed when loading began (``tui.index.changes`` compares the folder with it);
    # None where not known (a provisional library).
    listing: list[Candidate] | None = field(default=None, repr=False)
    # Names linked across every article, as a full load links them; False when only the files
    # changed since an earlier library were analysed (``tui.index.changes``), until
    # ``tui.index.relink`` has redone it.
    linked: bool = True

    def __post_init__(self) -> None:
        if self.derived is None:
            self.derived = Derived.of(self.articles, self.timeline, self.index.positions)

    @property
    def position(self) -> dict[str, int]:
        return self.derived.position

    @property
    def newest_first(self) -> list[int]:
        return self.derived.newest_first

    @property
    def keys(self) -> list[str]:
        """Each article's content key (``tui.index.state.content_key``): what reading state is kept by."""
        if self.derived.keys is None:
            self.derived.keys = [content_key(a.text) for a in self.articles]
        return self.derived.keys

    def select(self, query: str | Query, prefix: bool = False, state: ReadingState | None = None) -> Selection:
        """The articles matching ``query`` (raises ``QueryError``); an empty query selects all.
        ``is:`` terms are answered from ``state``."""
        q = parse(query) if isinstance(query, str) else query
        flags = None
        if state is not None and any(t.field == "is" for clause in q.clauses for t in clause):
            flags = state.flags(self.keys)
        result = self.index.search(q, limit=None, prefix=prefix, flags=flags)
        ranked = result.ranked  # the index was built from self.articles: its positions are ours
        if not result.scored:
            ranked = ranked[np.argsort(self.derived.date_rank[ranked], kind="stable")]
        return Selection(ranked.tolist(), result, q, prefix)

    def names_in(self, position: int) -> list[tuple[str, str, int]]:
        """(label, key, mentions) of every name in one article: people, places, organisations,
        then other names, each the most mentioned first (ties by name)."""
        counts = Counter(
            (s.label if s.label in NAME_LABELS else "MISC", s.key or s.text) for s in self.entities[position]
        )
        return sorted(
            ((label, key, n) for (label, key), n in counts.items()),
            key=lambda t: (NAME_LABELS.index(t[0]), -t[2], t[1].casefold()),
        )

    def highlights(self, article_id: str, selection: Selection | None) -> list[tuple[int, int]]:
        """Where the words of the selection's query stand in the article's text."""
        if selection is None:
            return []
        return self.index.highlights(article_id, selection.query, prefix=selection.prefix)

    def timeline_periods(self, entries: np.ndarray, level: str = "month") -> np.ndarray:
        """The period of each of these timeline entries at ``level`` ("year", "month" or "day"),
        as a key (see ``period_key``); an entry coarser than the level keeps its own period."""
        keys = self.derived.period_keys[entries]
        periods: np.ndarray = keys // PERIOD_DIVISOR[level] * PERIOD_DIVISOR[level]
        return periods

    def timeline_positions(self, positions: list[int] | None) -> np.ndarray:
        """Which timeline entries (positions into ``timeline``, in order) any of these articles
        report; all of them for None."""
        if positions is None or len(positions) == len(self.articles):
            return np.arange(len(self.timeline))
        d = self.derived
        chosen = np.zeros(len(self.articles) + 1, dtype=bool)
        chosen[positions] = True
        hit = chosen[d.source_position]  # one per (entry, source)
        counts = np.add.reduceat(hit, d.source_start) if len(hit) else np.zeros(0, dtype=int)
        return np.flatnonzero(counts[: len(self.timeline)])

    def timeline_of(self, positions: list[int] | None) -> list[Entry]:
        """The timeline entries reported by any of these articles (all of them for None)."""
        return [self.timeline[i] for i in self.timeline_positions(positions).tolist()]


def newest_first(articles: list[Article]) -> list[int]:
    """Positions ordered by publication date, newest first; undated articles last; ties by id."""
    by_id = sorted(range(len(articles)), key=lambda p: articles[p].id)
    # ISO strings sort by time at any precision; a stable reverse sort keeps ties in id order.

    def published(p: int) -> str:
        when = articles[p].published
        return when.isoformat() if when else ""

    return sorted(by_id, key=published, reverse=True)


def provisional(articles: Sequence[Article], notes: Sequence[str] = ()) -> Library:
    """A library of the articles loaded so far (e.g. while loading goes on, or after it was
    stopped): searchable by words, phrases, sources and publication dates, with each article's
    publication on the timeline. Names and date mentions come only with ``load_library``."""
    articles = list(articles)
    none: list[list[Any]] = [[] for _ in articles]
    index = Index.build(articles, none, none)
    timeline = build_timeline(articles, none, none)
    return Library(articles, none, none, index, timeline, LoadReport(len(articles)), list(notes))


def load_library(
    paths: list[str],
    *,
    limit_mb: float,
    progress: Callable[[Progress], None] = lambda p: None,
    arrived: Callable[[list[Article]], None] = lambda batch: None,
    cancelled: Callable[[], bool] = lambda: False,
    cache: Cache | None = None,
    workers: int | None = None,
    snapshot: bool = True,
    time_limit: float | None = DEFAULT_SECONDS,
    defer_linking: bool = False,
    ready: Callable[[Library], None] = lambda library: None,
    ahead: extraction.Workers | None = None,
) -> Library:
    """Load, annotate and index ``paths``; raises ``Cancelled`` as soon as ``cancelled()`` says so.
    With a ``cache``, files it knows are neither cleaned nor tagged again, and new ones are added;
    and (unless ``snapshot`` is False) when no file changed since the last load of the same paths,
    the whole library comes from its snapshot (``tui.index.snapshot``) without any analysis.
    With ``defer_linking``, files that changed since the snapshot are analysed alone and merged
    into it (``tui.index.changes``); their names are linked among themselves only, and the
    library says so (``linked`` False: ``tui.index.relink`` links them everywhere); without it,
    such a start loads every file through the cache, so that names are linked everywhere.
    Files to analyse are spread over ``workers`` processes (default: one per core); a file whose
    analysis takes longer than ``time_limit`` seconds loads without names and dates.
    ``ready(library)`` is called as soon as the library is complete, before a new snapshot of it
    is written (which takes a while for a large folder). ``ahead``: the processes
    ``analysis_ahead`` started for this load (it closes them)."""
    report = LoadReport()
    store = snapshots(cache) if snapshot else None
    started = None
    if (
        store is not None
        and defer_linking
        and (workers is None or workers > 1)
        and store.path_for(paths, limit_mb).is_file()
    ):
        # Files may have changed since the snapshot: processes to analyse them start now and
        # load the model while the folder is listed, and go if nothing changed.
        started = ahead or extraction.start_workers(workers or extraction.default_jobs(), forms=formcache.beside(cache))
    elif ahead is not None:
        ahead.close()
    try:
        with collector.relaxed():
            return _load(
                paths,
                Reading(limit_mb, cache, workers, cancelled, time_limit, started),
                report,
                store,
                progress,
                arrived,
                defer_linking,
                ready,
            )
    finally:
        if started is not None:
            started.close()


def analysis_ahead(paths: list[str], limit_mb: float, cache_path: Path | None) -> extraction.Workers | None:
    """Analysis processes started now for a ``load_library`` to come (its ``ahead``), when there
    is a snapshot of ``paths`` beside the extraction cache ``cache_path`` (and so the load may
    find files changed since): the model takes them the best part of a second to load, which an
    app can spend on its own start. None when there is nothing to start them for."""
    if cache_path is None:
        return None
    store = Store(_snapshot_folder(Path(cache_path)), versions())
    try:
        if not store.path_for(paths, limit_mb).is_file():
            return None
    except OSError:
        return None
    return extraction.start_workers(extraction.default_jobs(), forms=formcache.path_for(Path(cache_path)))


def _load(
    paths: list[str],
    how: Reading,
    report: LoadReport,
    store: Store | None,
    progress: Callable[[Progress], None],
    arrived: Callable[[list[Article]], None],
    defer_linking: bool,
    ready: Callable[[Library], None],
) -> Library:
    reading = None
    if store is not None:  # read the snapshot while the folder is listed
        reader = ThreadPoolExecutor(max_workers=1, thread_name_prefix="snapshot")
        reading = reader.submit(store.load, paths, how.limit_mb)
        reader.shutdown(wait=False)
    candidates = discover(paths, report)
    total = len(candidates)
    progress(Progress("loading", 0, total))
    stored = reading.result() if reading is not None else None
    unused = store.problem if store is not None else None  # a snapshot was there, but damaged
    named = {id(s) for s in report.skipped}  # problems with the named paths, found again at every start
    if stored is not None and (defer_linking or stored[1].linked):
        found: Library = stored[1]
        # The files as listed then and now: with the listing kept in the snapshot, what changed
        # is worked out at once, and the digest (for the next snapshot) only once the library
        # is shown.
        changes = None
        if found.listing is not None:
            from tui.index.changes import diff

            changes = diff(found.listing, candidates)
        if not changes if changes is not None else stored[0] == signature(candidates):
            if how.cancelled():
                raise Cancelled
            found.report.skipped = sorted(report.skipped + found.report.skipped, key=lambda s: s.path)
            found.listing = candidates
            if how.started is not None:
                how.started.close()
            progress(Progress("indexing", len(found.articles), len(found.articles)))
            ready(found)
            return found
        if defer_linking and changes is not None:
            from tui.index.changes import apply

            library = apply(found, candidates, changes, report, how)
            if how.started is not None:
                how.started.close()  # before the snapshot is written: their work is done
            del found, stored
            progress(Progress("indexing", len(library.articles), len(library.articles)))
            ready(library)
            if not how.cancelled():
                _save(store, paths, how.limit_mb, signature(candidates), library, named, how.cache)
            return library
    del stored
    # (Processes started ahead for a snapshot that could not be used analyse the files instead.)
    kept: list[extraction.Workers] = []
    try:
        entries = read_files(candidates, report, how, progress=progress, arrived=arrived, keep=kept)
    except BaseException:
        if how.started is not None:
            how.started.close()
        raise
    # The analysis processes, which hold the model, carry the folder's names into the texts next.
    pool = kept[0] if kept else how.started
    articles = [e.article for e in entries]
    dates = [e.dates for e in entries]
    notes: list[str] = []
    # The index's words need no names: another process indexes them while names are linked
    # here. The analysis processes do it once the first of them has carried the names into its
    # part of the texts (they are busy before); without them, a process of its own does.
    elsewhere = len(articles) >= WORDS_ELSEWHERE_MIN and (how.workers is None or how.workers > 1)
    words: extraction.Elsewhere | extraction.Queued | None = None
    texts_and_titles = ([a.text for a in articles], [a.title or "" for a in articles]) if elsewhere else None

    def words_behind() -> None:
        nonlocal words
        if pool is not None and texts_and_titles is not None and words is None:
            words = extraction.Queued(pool, Words.of, *texts_and_titles)

    if pool is None and texts_and_titles is not None:
        words = extraction.Elsewhere.start(Words.of, *texts_and_titles)
    try:
        entities = recognise(
            articles,
            [e.tags for e in entries],
            notes,
            progress,
            how.cancelled,
            bare=[bool(e.abandoned) for e in entries],
            spread=extraction.spread_over(pool, how.cancelled, words_behind) if pool is not None else None,
        )
        words_behind()  # (if the names were carried here, not by the processes)
        if how.cache is not None:
            how.cache.trim()
            if how.cache.problem:
                notes.append(how.cache.problem)
        if unused:
            notes.append(unused)
        progress(Progress("indexing", 0, len(articles)))
        timeline = build_timeline(articles, dates, entities)
        built = words.result(how.cancelled) if words is not None else None
    finally:
        if words is not None:
            words.close()
        if pool is not None:
            pool.close()
    if how.cancelled():
        raise Cancelled
    index = Index.build(articles, entities, dates, words=built)
    library = Library(articles, entities, dates, index, timeline, report, notes, listing=candidates)
    progress(Progress("indexing", len(articles), len(articles)))
    ready(library)
    if not how.cancelled():
        _save(store, paths, how.limit_mb, signature(candidates), library, named, how.cache)
    return library


def snapshots(cache: Cache | None) -> Store | None:
    """The start-up snapshots kept beside ``cache`` (None without a working cache)."""
    if cache is None or not cache.enabled:
        return None
    return Store(_snapshot_folder(cache.path), cache.version)


def _snapshot_folder(cache_path: Path) -> Path:
    return cache_path.with_name(cache_path.name + ".snapshots")


def _save(
    store: Store | None,
    paths: list[str],
    limit_mb: float,
    digest: bytes,
    library: Library,
    named: set[int],
    cache: Cache | None,
) -> None:
    """Write ``library``'s snapshot (``named``: ids of the report's problems with the named paths,
    which are not kept); a problem doing so becomes one of the library's notes."""
    if store is None:
        return
    library.keys  # noqa: B018 (worked out now, so that the snapshot keeps them)
    report = library.report
    # What the snapshot keeps of the report: the files' own problems, not the named paths'.
    kept = LoadReport(report.loaded, [s for s in report.skipped if id(s) not in named], list(report.partial))
    problem = cache.problem if cache is not None else None
    try:
        # Problems of this start (the cache's, a snapshot not used) are not the next start's.
        store.save(
            paths,
            limit_mb,
            digest,
            dataclasses.replace(
                library, report=kept, notes=[n for n in library.notes if n != problem and not n.startswith(NOT_USED)]
            ),
        )
    except (OSError, pickle.PickleError, ValueError) as exc:
        library.notes.append(f"start-up snapshot not written: {exc}")


__all__ = [
    "Cancelled",
    "Library",
    "Progress",
    "STAGES",
    "Selection",
    "load_library",
    "newest_first",
    "provisional",
    "snapshots",
]
