"""A library brought up to date with a folder by analysing only the files that changed.

``diff`` compares two listings of the folder (size, modification and change time, inode: what
``git status`` trusts); ``apply`` reads the new and changed files (through the extraction
cache), drops the changed and removed ones, and builds the next library from those and the
unchanged articles' annotations without decoding them: articles, names and dates are spliced
(``tui.index.packed.splice``: a library from a snapshot stays packed), the index is merged
(``Index.merge``, ``tui.index.parts``), and the timeline keeps its entries, loses the sources of the articles
that went and takes the fresh articles' entries sorted in, with ``Derived``'s arrays worked out
from the old ones. So its cost follows the number of changed files, not the folder's size. Both
a start from an older snapshot (``load_library``) and a running app following its folder
(``tui.index.live``) go through it.

What stays to be done over the whole folder: the names in new and changed articles are linked
among themselves, not across the folder as a full load links them, and their events join no
entry of the unchanged articles (one event told by an old and a new article is two entries).
The library says so (``Library.linked`` is False), and ``tui.index.relink`` redoes the whole
load in a separate process.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import gc
import os
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from tui.corpus import Article, LoadReport
from tui.corpus.discover import Candidate
from tui.index.library import Derived, Library
from tui.index.packed import splice
from tui.index.parts import Words
from tui.index.reading import Reading, read_files, recognise
from tui.index.search import Index
from tui.index.timeline import Entry, build_timeline, order_key, order_number
from tui.nlp.timevalue import period_key


@dataclass(frozen=True)
class Changes:
    added: list[Candidate]
    changed: list[Candidate]
    removed: list[str]  # paths

    def __bool__(self) -> bool:
        return bool(self.added or self.changed or self.removed)


def diff(before: Sequence[Candidate], after: Sequence[Candidate]) -> Changes:
    """What happened to the files between two listings (a renamed file is one removed and one
    added: its text comes from the extraction cache, which knows it by content). Files are
    known by id (the same however the folder was named); a file is unchanged when its id, size,
    times and inode are. Whole entries are compared first, as tuples, in C: only the few that
    differ are looked at one by one; and first, the runs both listings begin and end with alike
    (both are in id order: after a few changes, most of them) are passed over."""
    lead = 0
    for a, b in zip(before, after):
        if a != b:
            break
        lead += 1
    trail = 0
    for a, b in zip(reversed(before[lead:]), reversed(after[lead:])):
        if a != b:
            break
        trail += 1
    before = before[lead : len(before) - trail]
    after = after[lead : len(after) - trail]
    same = set(before).intersection(after)
    stale = {c.id: c for c in before if c not in same}  # removed or changed, or named otherwise
    added: list[Candidate] = []
    changed: list[Candidate] = []
    for c in after:
        if c not in same:
            old = stale.pop(c.id, None)
            if old is None:
                added.append(c)
            elif old[1:] != c[1:]:
                changed.append(c)
    return Changes(added, changed, [c.path for c in stale.values()])


def apply(
    library: Library, candidates: Sequence[Candidate], changes: Changes, report: LoadReport, how: Reading
) -> Library:
    """The library of the files in ``candidates`` (listed now; ``report`` has what listing them
    found) made from ``library`` and the files ``changes`` names (``diff(library.listing,
    candidates)``). Raises ``Cancelled`` when ``cancelled()`` says so."""
    # Building allocates millions of objects; collections of the cyclic GC meanwhile would walk
    # every one of them again and again (and the library is free of cycles).
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _apply(library, candidates, changes, report, how)
    finally:
        if enabled:
            gc.enable()


def _apply(
    library: Library, candidates: Sequence[Candidate], changes: Changes, report: LoadReport, how: Reading
) -> Library:
    fresh = read_files(changes.added + changes.changed, report, how)
    notes = [n for n in library.notes if not n.startswith("entities left out")]
    fresh_articles = [e.article for e in fresh]
    fresh_dates = [e.dates for e in fresh]
    words: list[Words] = []

    def index_words() -> None:  # while a worker links the fresh names: they need none
        texts, titles = [a.text for a in fresh_articles], [a.title or "" for a in fresh_articles]
        words.append(Words.of(texts, titles, library.index.words.vocabulary()))

    entities = recognise(
        fresh_articles,
        [e.tags for e in fresh],
        notes,
        cancelled=how.cancelled,
        bare=[bool(e.abandoned) for e in fresh],
        started=how.started,
        meanwhile=index_words,
    )
    # The folder's order, as a load has it: each file's article from the fresh ones or, unchanged,
    # from the library, found by path through its listing: no article of the library is decoded.
    gone = {c.path for c in changes.changed} | set(changes.removed)
    fresh_at: dict[str, list[int]] = {}
    for k, a in enumerate(fresh_articles):
        fresh_at.setdefault(a.path, []).append(k)
    old_at = library.index.positions
    entries_of: dict[str, list[int]] | None = None  # worked out only when the folder has a feed
    order: list[tuple[bool, int]] = []
    for c in candidates:
        if c.path in fresh_at:
            order += [(False, k) for k in fresh_at[c.path]]
        elif c.path not in gone:
            if c.id in old_at:
                order.append((True, old_at[c.id]))
                continue
            # An unchanged feed's entries ("feed.xml#e1", ...).
            if entries_of is None:
                entries_of = _feed_entries(old_at)
            order += [(True, p) for p in entries_of.get(c.id, ())]
    from_old = np.array([o for o, _ in order], dtype=bool)
    source = np.array([k for _, k in order], dtype=np.int64)
    articles = splice(library.articles, fresh_articles, from_old, source)
    ents = splice(library.entities, entities, from_old, source)
    dates = splice(library.dates, fresh_dates, from_old, source)
    # The files' own problems: those of files still there and unchanged, and the new ones.
    read_again = gone | {c.path for c in changes.added}
    report.skipped += [s for s in library.report.skipped if s.path not in read_again and os.path.lexists(s.path)]
    report.skipped.sort(key=lambda s: s.path)
    report.partial += [s for s in library.report.partial if s.path not in read_again and os.path.lexists(s.path)]
    report.partial.sort(key=lambda s: s.path)
    report.loaded = len(order)
    # Only the new and changed articles are analysed and indexed: the index of the others is
    # merged with theirs (``Index.merge``) and their timeline entries are kept.
    added = Index.build(fresh_articles, entities, fresh_dates, words=words[0])
    index = library.index.merge(order, added)
    final_of_old = np.full(len(library.articles) + 1, -1, dtype=np.int64)
    final_of_old[source[from_old]] = np.flatnonzero(from_old)
    final_of_old[-1] = len(order)  # "no article" stays "no article"
    timeline, derived = _timeline(
        library, final_of_old, build_timeline(fresh_articles, fresh_dates, entities), articles, index
    )
    old_keys = library.derived.keys
    if old_keys is not None:  # the reading state's keys of unchanged texts need no hashing again
        from tui.index.state import content_key

        derived.keys = [old_keys[k] if o else content_key(fresh_articles[k].text) for o, k in order]
    return Library(
        articles, ents, dates, index, timeline, report, notes, derived, listing=list(candidates), linked=False
    )


def _feed_entries(positions: dict[str, int]) -> dict[str, list[int]]:
    """The positions of each feed file's entries, by the file's id, in the feed's order. An
    entry's id is the file's id, "#", and the entry's: any "#" in it may end the file's id."""
    out: dict[str, list[int]] = {}
    for article_id, p in positions.items():
        at = article_id.find("#")
        while at > 0:
            out.setdefault(article_id[:at], []).append(p)
            at = article_id.find("#", at + 1)
    for found in out.values():
        found.sort()
    return out


def _timeline(
    library: Library,
    final_of_old: np.ndarray,
    fresh: list[Entry],
    articles: Sequence[Article],
    index: Index,
) -> tuple[Sequence[Entry], Derived]:
    """The library's timeline without the sources of articles that left or changed, with the
    entries of the fresh articles sorted in, and what ``Derived`` keeps of it, worked out from the
    old arrays: only entries that lost a source and the places where fresh entries go are
    decoded. A fresh event joins no entry of the unchanged articles (that comes with linking,
    ``tui.index.relink``): it stands on its own."""
    d, old = library.derived, library.timeline
    n = len(articles)
    position = index.positions
    pair_at = final_of_old[d.source_position]  # each old (entry, source) pair's article now
    ends = np.append(d.source_start[1:], len(pair_at)).astype(np.int64)
    counts = ends - d.source_start
    lost = pair_at < 0
    touched = (
        np.flatnonzero(np.add.reduceat(lost.astype(np.int64), d.source_start))
        if len(pair_at)
        else np.zeros(0, dtype=np.int64)
    )
    replaced: dict[int, Entry] = {}
    dropped = np.zeros(len(old), dtype=bool)
    for i in touched.tolist():
        keep = ~lost[d.source_start[i] : ends[i]]
        if not keep.any():  # most entries have one source: gone with it, and not decoded
            dropped[i] = True
            continue
        e = old[i]
        replaced[i] = dataclasses.replace(e, sources=[s for s, ok in zip(e.sources, keep.tolist()) if ok])
    kept = np.flatnonzero(~dropped)
    own = [*fresh, *replaced.values()]  # the entries made here, before those taken from ``old``
    own_at = {i: len(fresh) + k for k, i in enumerate(replaced)}

    keys: dict[int, tuple[dt.date, int, bool, str]] = {}

    def kept_key(j: int) -> tuple[dt.date, int, bool, str]:
        # Bisections among the entries of one day probe the same ones: each is decoded once.
        key = keys.get(j)
        if key is None:
            i = int(kept[j])
            key = keys[j] = order_key(replaced[i] if i in replaced else old[i])
        return key

    # Where each fresh entry goes among the kept ones: among those of the same day, granularity
    # and kind (``order_number``, kept as an array), by a bisection that decodes a few of them.
    numbers = d.order_numbers[kept]
    fresh_numbers = np.array([order_number(e) for e in fresh], dtype=np.int64)
    low = np.searchsorted(numbers, fresh_numbers, side="left").tolist()
    high = np.searchsorted(numbers, fresh_numbers, side="right").tolist()

    def place(e: Entry, lo: int, hi: int) -> int:
        # Most entries of a day have one value: the last kept one of the same number, decoded
        # once for all fresh entries of that day, mostly settles where they go.
        key = order_key(e)
        if lo == hi or key >= kept_key(hi - 1):
            return hi
        return bisect.bisect_right(range(len(kept)), key, lo, hi - 1, key=kept_key)

    places = np.array([place(e, lo, hi) for e, lo, hi in zip(fresh, low, high)], dtype=np.int64)
    total = len(kept) + len(fresh)
    mine = places + np.arange(len(fresh), dtype=np.int64)  # final slots of the fresh entries
    from_old = np.ones(total, dtype=bool)
    from_old[mine] = False
    src = np.zeros(total, dtype=np.int64)
    src[mine] = np.arange(len(fresh), dtype=np.int64)
    src[from_old] = kept
    kept_slots = np.flatnonzero(from_old)
    for i, k in own_at.items():  # kept slots whose entry changed: from ``own``
        slot = int(kept_slots[np.searchsorted(kept, i)])
        from_old[slot], src[slot] = False, k
    timeline = splice(old, own, from_old, src)
    # What ``Derived.of`` would work out, from the old arrays where the entry is old.
    sizes = np.zeros(total, dtype=np.int64)
    sizes[from_old] = counts[src[from_old]]
    own_where = [[position.get(s.article, n) for s in e.sources] or [n] for e in own]
    sizes[~from_old] = [len(own_where[k]) for k in src[~from_old].tolist()]
    starts = np.zeros(total, dtype=np.int64)
    np.cumsum(sizes[:-1], out=starts[1:])
    where = np.zeros(int(sizes.sum()), dtype=np.int64)
    olds = np.flatnonzero(from_old)
    c = sizes[olds]
    within = np.arange(int(c.sum()), dtype=np.int64) - np.repeat(np.cumsum(c) - c, c)
    where[np.repeat(starts[olds], c) + within] = pair_at[np.repeat(d.source_start[src[olds]], c) + within]
    for slot in np.flatnonzero(~from_old).tolist():
        w = own_where[src[slot]]
        where[starts[slot] : starts[slot] + len(w)] = w
    periods = np.zeros(total, dtype=np.int64)
    periods[from_old] = d.period_keys[src[from_old]]
    periods[~from_old] = [period_key(own[k].date, own[k].granularity) for k in src[~from_old].tolist()]
    ordered = np.zeros(total, dtype=np.int64)
    ordered[from_old] = d.order_numbers[src[from_old]]
    ordered[~from_old] = [order_number(own[k]) for k in src[~from_old].tolist()]
    newest = _newest_first(library, final_of_old, index)
    rank = np.zeros(n, dtype=np.int64)
    rank[newest] = np.arange(n)
    return timeline, Derived(position, newest, rank, starts, where, periods, ordered)


def _newest_first(library: Library, final_of_old: np.ndarray, index: Index) -> list[int]:
    """``newest_first`` of the articles of ``index`` (the merged one): the library's order of
    those it kept, the others sorted in among the articles of their day, by a bisection over the
    index's columns of publication times and ids (no article decoded)."""
    old_order = np.asarray(library.derived.newest_first, dtype=np.int64)
    kept = final_of_old[old_order]
    order: list[int] = kept[kept >= 0].tolist()
    # Minus the publication day (0: none, last), ascending along ``order``.
    days = (-library.index.publication_days()[old_order[kept >= 0]]).tolist()
    taken = set(order)
    fresh = [p for p in range(len(index)) if p not in taken]
    published, ids, pub_days = index.columns.published, index.docs.ids, index.publication_days()

    def key(p: int) -> tuple[str, str]:
        return published[p], ids[p]

    for p in sorted(fresh, key=lambda p: (_Desc(published[p]), ids[p])):
        mine = key(p)
        day = -int(pub_days[p])
        # Newest first, then by id: the first place whose article comes after this one.
        lo, hi = bisect.bisect_left(days, day), bisect.bisect_right(days, day)
        while lo < hi:
            mid = (lo + hi) // 2
            other = key(order[mid])
            if other[0] > mine[0] or (other[0] == mine[0] and other[1] < mine[1]):
                lo = mid + 1
            else:
                hi = mid
        order.insert(lo, p)
        days.insert(lo, day)
    return order


class _Desc:
    """A string that sorts backwards."""

    __slots__ = ("s",)

    def __init__(self, s: str) -> None:
        self.s = s

    def __lt__(self, other: _Desc) -> bool:
        return self.s > other.s

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Desc) and self.s == other.s


__all__ = ["Changes", "apply", "diff"]
