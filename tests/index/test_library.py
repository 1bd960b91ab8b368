"""The library: loading with progress and batches, cancelling, and selections in reading order."""

from __future__ import annotations

import pytest

from tests.conftest import SEEDS
from tui.index.library import Cancelled, load_library
from tui.index.query import QueryError


@pytest.fixture(scope="module")
def library():
    return load_library([str(SEEDS)], limit_mb=5)


def test_loading_reports_every_stage_and_hands_out_articles_as_they_load():
    stages, batches = [], []
    lib = load_library([str(SEEDS)], limit_mb=5, progress=stages.append, arrived=batches.append)
    assert [p.stage for p in stages][0] == "loading" and stages[-1].stage == "indexing"
    assert {"loading", "entities", "indexing"} <= {p.stage for p in stages}
    assert stages[0].total == 5 and stages[-1].done == stages[-1].total == 5
    assert [a.id for b in batches for a in b] == [a.id for a in lib.articles]


def test_loading_stops_when_cancelled():
    with pytest.raises(Cancelled):
        load_library([str(SEEDS)], limit_mb=5, cancelled=lambda: True)


def test_an_empty_query_selects_every_article_newest_first(library):
    sel = library.select("")
    ids = [library.articles[p].id[:3] for p in sel.positions]
    assert ids == ["003", "001", "000", "002", "004"]  # dated newest first, then undated by id
    assert sel.result.total == 5 and sel.facets.sources


def test_filters_alone_keep_date_order_and_words_rank_by_score(library):
    by_date = [library.articles[p].id[:3] for p in library.select("person:putin").positions]
    assert by_date == ["003", "001", "000", "002", "004"]
    ranked = library.select("Sotschi Putin")
    assert [library.articles[p].id[:3] for p in ranked.positions] == ["002"]
    assert ranked.result.scored


def test_the_timeline_narrows_to_the_selected_articles(library):
    sel = library.select("place:anchorage")
    entries = library.timeline_of(sel.positions)
    assert entries and all(any(s.article.startswith("003") for s in e.sources) for e in entries)
    assert library.timeline_of(None) == library.timeline


def test_highlights_follow_the_prefix_being_typed(library):
    sel = library.select("sotsch", prefix=True)
    (p,) = sel.positions
    article = library.articles[p]
    spans = library.highlights(article.id, sel)
    assert spans and all(article.text[a:b].startswith("Sotschi") for a, b in spans)


def test_bad_queries_raise_query_error(library):
    with pytest.raises(QueryError):
        library.select('"open')


@pytest.mark.parametrize("early", [1, 10**9], ids=["started-while-reading", "started-after"])
def test_worker_processes_give_the_same_library_as_one_process(monkeypatch, tmp_path, early):
    from tui.index import extraction, library

    monkeypatch.setattr(extraction, "PARALLEL_MIN", 1)
    monkeypatch.setattr(extraction, "EARLY_MISSES", early)
    monkeypatch.setattr(extraction, "CHUNK", 2)
    monkeypatch.setattr(library, "WORDS_ELSEWHERE_MIN", 1)  # the words indexed by another process
    (tmp_path / "empty.txt").write_text("")
    paths = [str(SEEDS), str(tmp_path)]
    alone = load_library(paths, limit_mb=5, workers=1)
    batches = []
    spread = load_library(paths, limit_mb=5, workers=2, arrived=batches.append)
    assert [a.id for a in spread.articles] == [a.id for a in alone.articles]
    assert spread.articles == alone.articles and spread.dates == alone.dates
    assert spread.entities == alone.entities
    assert spread.index.words.term_ids == alone.index.words.term_ids
    for query in ("", "putin", '"in Alaska"', "tel*", "person:trump", "telefonat"):
        assert spread.select(query).positions == alone.select(query).positions, query
    assert sorted(a.id for b in batches for a in b) == sorted(a.id for a in alone.articles)
    assert [s.reason for s in spread.report.skipped] == ["empty file"] and spread.report.loaded == 5


def test_cancelling_stops_the_workers(monkeypatch):
    from tui.index import extraction

    monkeypatch.setattr(extraction, "PARALLEL_MIN", 1)
    monkeypatch.setattr(extraction, "CHUNK", 1)
    seen = []

    def cancel_after_first(batch):
        seen.append(batch)

    with pytest.raises(Cancelled):
        load_library([str(SEEDS)], limit_mb=5, workers=2, arrived=cancel_after_first, cancelled=lambda: bool(seen))


def test_a_load_cancelled_while_names_are_linked_ends_the_process_indexing_words(monkeypatch):
    import multiprocessing

    from tui.index import library

    monkeypatch.setattr(library, "WORDS_ELSEWHERE_MIN", 1)
    stages = []
    with pytest.raises(Cancelled):
        load_library(
            [str(SEEDS)],
            limit_mb=5,
            workers=2,
            progress=lambda p: stages.append(p.stage),
            cancelled=lambda: "entities" in stages,
        )
    assert not multiprocessing.active_children()


def test_work_done_elsewhere_gives_its_result_or_none_when_it_fails_or_its_process_dies():
    import os

    from tui.index.extraction import Elsewhere, Queued, start_workers

    assert Elsewhere(len, [1, 2, 3]).result() == 3
    assert Elsewhere(int, "no number").result() is None
    assert Elsewhere(os._exit, 3).result() is None
    workers = start_workers(1)
    assert workers is not None
    try:
        assert Queued(workers, len, [1, 2, 3]).result() == 3
        assert Queued(workers, int, "no number").result() is None
        assert Queued(workers, os._exit, 3).result() is None
        assert Queued(workers, len, [1]).result() is None  # the processes are broken now
    finally:
        workers.close()


def test_names_carried_into_the_texts_by_the_workers_stop_when_the_load_is_cancelled():
    from concurrent.futures import Future

    from tui.index.extraction import spread_over

    class Stuck:  # workers that never answer
        count = 2

        class pool:
            @staticmethod
            def submit(*args):
                return Future()

    spread = spread_over(Stuck(), cancelled=lambda: True)
    with pytest.raises(Cancelled):  # not done here instead
        spread(["Putin sprach.", "Trump auch."], [[], []], {"Putin": "PER"})


@pytest.mark.parametrize("where", ["own process", "analysis processes"])
def test_words_that_could_not_be_indexed_elsewhere_are_indexed_here(monkeypatch, where):
    from tui.index import extraction, library

    class Failed:
        def __init__(self, *args):
            pass

        def result(self, cancelled):
            return None

        def close(self):
            pass

    monkeypatch.setattr(library, "WORDS_ELSEWHERE_MIN", 1)
    if where == "own process":
        monkeypatch.setattr(extraction.Elsewhere, "start", classmethod(lambda cls, *a: Failed()))
    else:
        monkeypatch.setattr(extraction, "PARALLEL_MIN", 1)
        monkeypatch.setattr(extraction, "Queued", Failed)
    lib = load_library([str(SEEDS)], limit_mb=5, workers=2)
    assert lib.select("putin").positions == load_library([str(SEEDS)], limit_mb=5, workers=1).select("putin").positions


def test_a_dead_worker_pool_falls_back_to_this_process(monkeypatch):
    from concurrent.futures.process import BrokenProcessPool

    from tui.index import extraction

    class Broken:
        def __init__(self, *a, **kw):
            pass

        def submit(self, *a, **kw):
            raise BrokenProcessPool("a worker died")

        def shutdown(self, **kw):
            pass

    monkeypatch.setattr(extraction, "PARALLEL_MIN", 1)
    monkeypatch.setattr(extraction, "ProcessPoolExecutor", Broken)
    lib = load_library([str(SEEDS)], limit_mb=5, workers=2)
    assert len(lib.articles) == 5 and lib.report.loaded == 5


@pytest.mark.parametrize("query", ["", "person:putin", "place:anchorage", "sotschi", "trump OR biden", "nato"])
def test_the_narrowed_timeline_is_every_entry_with_a_source_in_the_list(library, query):
    positions = library.select(query).positions
    ids = {library.articles[p].id for p in positions}
    assert library.timeline_of(positions) == [e for e in library.timeline if any(s.article in ids for s in e.sources)]


def test_a_load_collects_cycles_less_often_and_leaves_the_collector_as_it_found_it():
    import gc

    from tui.index import collector

    before = gc.get_threshold()
    during = []
    load_library([str(SEEDS)], limit_mb=5, workers=1, progress=lambda p: during.append(gc.get_threshold()))
    assert during and set(during) == {collector.THRESHOLDS}
    assert gc.get_threshold() == before
    with pytest.raises(Cancelled):
        load_library([str(SEEDS)], limit_mb=5, workers=1, cancelled=lambda: True)
    assert gc.get_threshold() == before


def test_the_collector_is_relaxed_until_the_last_of_overlapping_loads_ends():
    import gc

    from tui.index import collector

    before = gc.get_threshold()
    with collector.relaxed():
        with collector.relaxed():
            assert gc.get_threshold() == collector.THRESHOLDS
        assert gc.get_threshold() == collector.THRESHOLDS  # the other load goes on
    assert gc.get_threshold() == before
