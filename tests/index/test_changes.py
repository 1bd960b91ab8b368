"""A start after the folder changed: only the changed files are analysed and merged into the last
snapshot, and names are linked across the whole folder afterwards, in a process of its own."""

from __future__ import annotations

import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.index.test_snapshot import load, same
from tui.corpus.discover import Candidate
from tui.index.changes import diff
from tui.index.library import Derived, load_library
from tui.index.live import refresh
from tui.index.packed import Spliced
from tui.index.relink import Relinker
from tui.index.timeline import order_key

NEW = "Gipfel in Aachen\n\nAm 3. Mai 2031 trafen sich Angela Merkel und Emmanuel Macron in Aachen. Sie sprachen über Windräder.\n"


def change(corpus, how: str) -> int:
    """Changes the folder; returns how many files the change gives to analyse."""
    files = sorted(corpus.iterdir())
    if how in ("edit", "all"):
        files[0].write_text(files[0].read_text(encoding="utf-8") + "\n\nEin Absatz über Helsinki.\n", encoding="utf-8")
    if how in ("add", "all"):
        (corpus / "neu.txt").write_text(NEW, encoding="utf-8")
    if how in ("remove", "all"):
        files[1].unlink()
    if how in ("rename", "all"):
        files[2].rename(corpus / ("x_" + files[2].name))
    if how == "touch":  # the same bytes, newer times: read again, known to the cache
        st = files[0].stat()
        os.utime(files[0], ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))
    return {"edit": 1, "add": 1, "remove": 0, "rename": 1, "touch": 1, "all": 3}[how]


def searches(a, b) -> None:
    """The same articles, dates, word searches and timeline events; names may still differ (not
    linked yet), and so may how events of different articles are grouped."""
    assert [x.id for x in a.articles] == [x.id for x in b.articles]
    assert list(a.articles) == list(b.articles) and list(a.dates) == list(b.dates)
    assert a.newest_first == b.newest_first and a.report.loaded == b.report.loaded
    for q in ("Putin", "Trump Telefonat", '"Wladimir Putin"', "windräder", "date:2025-08", "Putin -Ukraine", ""):
        assert a.select(q).positions == b.select(q).positions, q

    # Every date mention and publication is on both timelines with its value; a fresh event
    # joins the entries of unchanged articles only once names are linked.
    def reported(lib):
        return sorted((s.article, s.start, s.end, e.value, e.until, e.kind) for e in lib.timeline for s in e.sources)

    assert reported(a) == reported(b)
    # What the merged library worked out from the old arrays is what its contents give.
    derived = Derived.of(b.articles, b.timeline, b.index.positions)
    assert b.derived.newest_first == derived.newest_first
    for name in ("date_rank", "source_start", "source_position", "period_keys", "order_numbers"):
        assert getattr(b.derived, name).tolist() == getattr(derived, name).tolist(), name
    assert b.derived.position == derived.position
    assert [order_key(e) for e in b.timeline] == sorted(order_key(e) for e in b.timeline)


@pytest.mark.parametrize("how", ["edit", "add", "remove", "rename", "touch", "all"])
def test_a_start_after_changes_reads_only_the_changed_files_and_shows_what_a_full_load_shows(corpus, tmp_path, how):
    db = tmp_path / "c.db"
    load(corpus, db)
    read = change(corpus, how)
    lib, cache = load(corpus, db, defer_linking=True)
    assert cache.hits + cache.misses == read  # the other files come from the snapshot
    assert not lib.linked
    reference = load_library([str(corpus)], limit_mb=5)
    searches(reference, lib)
    # A start that needs names linked everywhere (the command line) does not take the merged
    # snapshot: it loads through the per-file cache, and leaves a linked snapshot.
    full, cache = load(corpus, db)
    assert full.linked and cache.misses == 0 and cache.hits == len(reference.articles)
    same(reference, full)
    again, cache = load(corpus, db, defer_linking=True)
    assert again.linked and (cache.hits, cache.misses) == (0, 0)
    same(reference, again)


def test_an_unchanged_folder_after_a_merged_start_opens_from_the_merged_snapshot(corpus, tmp_path):
    db = tmp_path / "c.db"
    load(corpus, db)
    change(corpus, "all")
    first, _ = load(corpus, db, defer_linking=True)
    again, cache = load(corpus, db, defer_linking=True)
    assert (cache.hits, cache.misses) == (0, 0) and not again.linked
    same(first, again)


def test_the_names_of_changed_files_are_linked_across_the_folder_in_a_child_process(corpus, tmp_path):
    db = tmp_path / "c.db"
    load(corpus, db)
    # Only the surname here: linked among the changed files alone, it stays "Putin"; across the
    # folder it is the person the other articles name in full.
    (corpus / "neu.txt").write_text(
        "Neues Telefonat\n\nPutin sprach am 3. Mai 2031 lange mit Trump.\n", encoding="utf-8"
    )
    merged, _ = load(corpus, db, defer_linking=True)
    keys = {s.key for s in merged.entities[merged.position["neu.txt"]]}
    assert "Wladimir Putin" not in keys
    relinker = Relinker([str(corpus)], db, 5, 30)
    linked = relinker.wait()
    assert linked is not None and linked.linked
    reference = load_library([str(corpus)], limit_mb=5)
    same(reference, linked)
    keys = {s.key for s in linked.entities[linked.position["neu.txt"]]}
    assert {"Wladimir Putin", "Donald Trump"} <= keys
    assert linked.select("person:putin").positions == reference.select("person:putin").positions


def test_a_stopped_relinker_gives_nothing_and_leaves_the_merged_snapshot_usable(corpus, tmp_path):
    db = tmp_path / "c.db"
    load(corpus, db)
    change(corpus, "add")
    merged, _ = load(corpus, db, defer_linking=True)
    relinker = Relinker([str(corpus)], db, 5, 30)
    relinker.stop()
    assert relinker.wait() is None
    again, cache = load(corpus, db, defer_linking=True)
    assert (cache.hits, cache.misses) == (0, 0)
    same(merged, again)


def test_random_changes_to_a_folder_of_dated_articles_keep_the_merged_library_consistent(tmp_path):
    import random

    rnd = random.Random(7)
    months = ["Januar", "Februar", "März", "April", "Mai", "Juni"]
    people = ["Angela Merkel", "Olaf Scholz", "Emmanuel Macron", "Giorgia Meloni"]

    def article(k: int, tag: str) -> str:
        day, month = rnd.randint(1, 28), rnd.choice(months)
        return (
            f"---\ntitle: Bericht {k} {tag}\ndate: 2024-0{rnd.randint(1, 6)}-{rnd.randint(10, 28)}\n---\n"
            f"Am {day}. {month} 2024 traf {rnd.choice(people)} in Berlin {rnd.choice(people)}. "
            f"Im {rnd.choice(months)} 2023 hatte es ein erstes Treffen gegeben. {tag}\n"
        )

    folder = tmp_path / "news"
    folder.mkdir()
    for k in range(12):
        (folder / f"{k:02d}.md").write_text(article(k, "a"), encoding="utf-8")
    db = tmp_path / "c.db"
    load(folder, db)
    live = load_library([str(folder)], limit_mb=5)  # followed in memory: spliced again and again
    for step in range(4):
        files = sorted(folder.iterdir())
        for f in rnd.sample(files, 2):
            f.write_text(article(int(f.stem[:2]), f"edit{step}"), encoding="utf-8")
        rnd.choice(files).unlink()
        for k in range(2):
            (folder / f"{20 + 2 * step + k:02d}.md").write_text(article(20 + k, f"new{step}"), encoding="utf-8")
        merged, _ = load(folder, db, defer_linking=True)
        reference = load_library([str(folder)], limit_mb=5)
        searches(reference, merged)
        live = refresh(live, [str(folder)], limit_mb=5).library
        searches(reference, live)
    assert isinstance(live.articles, Spliced) and len(live.articles.parts) <= 5


def _feed(entries: list[tuple[str, str]]) -> str:
    # Of another time and other people than the seeds: a fresh event joins the entries of
    # unchanged articles only once names are linked (``searches``).
    items = "".join(
        f"<item><title>{title}</title><guid>{guid}</guid><pubDate>Mon, 5 May 2031 09:00:00 +0200</pubDate>"
        f"<description>{title}: Angela Merkel sprach am Montag in Aachen über Windräder."
        "</description></item>"
        for guid, title in entries
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Ticker</title>{items}</channel></rss>'


@pytest.mark.parametrize("how", ["entry added", "entry removed", "feed removed", "feed renamed"])
def test_a_changed_feed_updates_its_entries_at_start_and_while_running(corpus, tmp_path, how):
    feed = corpus / "ticker.xml"
    feed.write_text(_feed([("t1", "Erste Meldung"), ("t2", "Zweite Meldung")]), encoding="utf-8")
    db = tmp_path / "c.db"
    before, _ = load(corpus, db)
    assert [a.id for a in before.articles if a.format == "feed"] == ["ticker.xml#t1", "ticker.xml#t2"]
    if how == "entry added":
        feed.write_text(
            _feed([("t1", "Erste Meldung"), ("t2", "Zweite Meldung"), ("t3", "Dritte Meldung")]), encoding="utf-8"
        )
    elif how == "entry removed":
        feed.write_text(_feed([("t2", "Zweite Meldung")]), encoding="utf-8")
    elif how == "feed removed":
        feed.unlink()
    else:
        feed.rename(corpus / "zticker.xml")
    reference = load_library([str(corpus)], limit_mb=5)
    started, _ = load(corpus, db, defer_linking=True)
    searches(reference, started)
    live = refresh(before, [str(corpus)], limit_mb=5)
    assert live is not None
    searches(reference, live.library)


def test_a_start_with_processes_started_ahead_gives_what_a_start_in_this_process_gives(corpus, tmp_path):
    # A start from a snapshot starts analysis processes before it knows whether any file
    # changed (they load the model meanwhile); with one worker, all is done in this process.
    import shutil

    other = tmp_path / "other"
    shutil.copytree(corpus, other)
    found = []
    for folder, workers in ((corpus, None), (other, 1)):
        db = tmp_path / f"{folder.name}.db"
        load(folder, db)
        change(folder, "all")
        lib, cache = load(folder, db, defer_linking=True, workers=workers)
        assert cache.misses == 3 and not lib.linked
        found.append(lib)
    ahead, here = found
    assert [a.text for a in ahead.articles] == [a.text for a in here.articles]
    assert [[(s.start, s.end, s.label, s.key) for s in m] for m in ahead.entities] == [
        [(s.start, s.end, s.label, s.key) for s in m] for m in here.entities
    ]
    for q in ("Putin", '"Wladimir Putin"', "person:merkel", "date:2031-05"):
        assert [ahead.articles[p].path.replace(str(corpus), "") for p in ahead.select(q).positions] == [
            here.articles[p].path.replace(str(other), "") for p in here.select(q).positions
        ], q


def test_processes_started_ahead_for_a_start_from_a_snapshot_do_its_analysis(corpus, tmp_path):
    # An app starts them as it starts itself (``analysis_ahead``), when a snapshot is there.
    from tui.index.library import analysis_ahead

    db = tmp_path / "extract.sqlite3"
    assert analysis_ahead([str(corpus)], 5, db) is None  # no snapshot, nothing to start
    load(corpus, db)
    change(corpus, "all")
    ahead = analysis_ahead([str(corpus)], 5, db)
    assert ahead is not None
    lib, cache = load(corpus, db, defer_linking=True, ahead=ahead)
    assert cache.misses == 3 and not lib.linked
    with pytest.raises(RuntimeError):  # the load let them go when it was done
        ahead.pool.submit(int)
    full = load_library([str(corpus)], limit_mb=5)
    assert [a.text for a in lib.articles] == [a.text for a in full.articles]
    assert lib.select("Helsinki").positions == full.select("Helsinki").positions


# A file's size, modification time and inode.
_STAT = st.tuples(st.integers(0, 2), st.integers(0, 2), st.integers(0, 2))
_LISTING = st.dictionaries(st.sampled_from("abcdef"), _STAT)


@settings(max_examples=200, deadline=None)
@given(_LISTING, _LISTING)
def test_the_diff_of_two_listings_names_each_added_changed_and_removed_path_once(before, after):
    def listing(files):
        return [Candidate(f"/d/{p}", p, size, mtime, 0, inode) for p, (size, mtime, inode) in sorted(files.items())]

    changes = diff(listing(before), listing(after))
    assert [c.id for c in changes.added] == [p for p in sorted(after) if p not in before]
    assert [c.id for c in changes.changed] == [p for p in sorted(after) if p in before and before[p] != after[p]]
    assert changes.removed == [f"/d/{p}" for p in sorted(before) if p not in after]
