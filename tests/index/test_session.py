"""The reading session's rules, without a terminal: one search at a time, the latest query
next, a selection only shown on the library it was made on, filters, the loading phases and
folder updates one at a time."""

from __future__ import annotations

from tui.corpus.model import Article
from tui.index.library import provisional
from tui.index.session import Filter, Phase, Searched, SearchFailed, Session


def _articles(*texts: str) -> list[Article]:
    return [Article(f"{k}.txt", f"{k}.txt", f"Titel {k}", text) for k, text in enumerate(texts)]


def _ready(*texts: str) -> Session:
    session = Session()
    library = provisional(_articles(*texts))
    assert session.loaded(library, library.select(""))
    return session


def test_a_search_runs_on_the_library_and_its_selection_becomes_the_current_one():
    session = _ready("Gipfel in Aachen", "Wahl in Bremen")
    session.search_text = "aachen"
    query = session.request_search()
    assert query == "aachen"
    outcome = session.search(query)
    assert isinstance(outcome, Searched) and outcome.library is session.library
    step = session.searched(outcome)
    assert step.show is outcome and not step.again
    assert session.selection is outcome.selection and session.selection.positions == [0]
    assert session.is_current(outcome.selection, outcome.library)


def test_queries_typed_while_a_search_runs_wait_and_only_the_latest_runs_next():
    session = _ready("Gipfel in Aachen", "Wahl in Bremen")
    session.search_text = "a"
    first = session.request_search()
    for typed in ("aa", "aac", "aachen"):
        session.search_text = typed
        assert session.request_search() is None  # one search at a time
    step = session.searched(session.search(first))
    assert step.again
    assert session.request_search() == "aachen"
    assert not session.searched(session.search("aachen")).again


def test_a_selection_made_on_a_library_that_was_replaced_is_not_shown_and_the_query_runs_again():
    session = _ready("Gipfel in Aachen")
    session.search_text = "aachen"
    outcome = session.search(session.request_search())
    before = session.selection
    session.replace(provisional(_articles("Gipfel in Aachen", "Aachen again")))
    step = session.searched(outcome)
    assert step.show is None and step.again
    assert session.selection is before
    assert not session.is_current(outcome.selection, outcome.library)
    outcome = session.search(session.request_search())
    session.searched(outcome)
    assert sorted(session.selection.positions) == [0, 1]


def test_a_query_that_cannot_run_says_why_and_keeps_the_last_good_selection():
    session = _ready("Gipfel in Aachen")
    good = session.selection
    session.search_text = 'nobody:"x"'
    outcome = session.search(session.request_search())
    assert isinstance(outcome, SearchFailed) and outcome.message
    step = session.searched(outcome)
    assert step.show is outcome and session.query_error == outcome.message
    assert session.selection is good
    session.search_text = "aachen"
    session.searched(session.search(session.request_search()))
    assert session.query_error == ""


def test_a_search_whose_worker_failed_lets_the_next_one_run():
    session = _ready("Gipfel in Aachen")
    session.search_text = "aachen"
    assert session.request_search() == "aachen"
    session.search_failed()
    assert session.request_search() == "aachen"


def test_nothing_is_searched_before_the_first_articles_and_a_typed_query_is_told_so():
    session = Session()
    session.search_text = "aachen"
    assert session.request_search() is None and session.query_error
    session.search_text = ""
    assert session.request_search() is None and session.query_error == ""


def test_filters_join_the_query_a_month_replaces_the_last_month_and_a_repeated_filter_changes_nothing():
    session = Session(search_text="gipfel")
    assert session.add_filter("person", "Wladimir Putin")
    assert not session.add_filter("person", "Wladimir Putin")
    assert session.add_filter("date", "2025-02")
    assert session.add_filter("date", "2025-03")
    assert session.filters == [Filter("person", "Wladimir Putin"), Filter("date", "2025-03")]
    assert session.full_query() == 'gipfel person:"Wladimir Putin" date:"2025-03"'
    assert session.full_query("") == 'person:"Wladimir Putin" date:"2025-03"'
    assert session.remove_filter("person", "Wladimir Putin") and not session.remove_filter("person", "x")
    assert session.clear_filters() and not session.clear_filters() and session.narrowed
    session.search_text = ""
    assert not session.narrowed


def test_a_filter_value_with_quotes_stays_one_term():
    assert Filter("source", 'Die "Zeit"').term == 'source:"Die  Zeit "'


def test_loading_articles_arrive_until_it_is_stopped_and_the_first_library_stays():
    session = Session()
    assert session.phase is Phase.LOADING and session.loading
    assert session.arrived(_articles("a", "b")) == range(0, 2)
    assert session.arrived(_articles("c")) == range(2, 3)
    assert [a.text for a in session.articles] == ["a", "b", "c"]
    assert session.stop() and not session.stop()
    assert session.phase is Phase.STOPPING and session.arrived(_articles("d")) is None
    kept = provisional(list(session.articles))
    assert session.loaded(kept, kept.select(""))
    assert session.phase is Phase.READY and session.library is kept and session.articles is kept.articles
    late = provisional(_articles("a", "b", "c", "d"))
    assert not session.loaded(late, late.select(""))  # loading ended as it was stopped
    assert session.library is kept


def test_while_loading_the_articles_so_far_are_indexed_again_when_they_have_grown_by_a_tenth():
    session = Session()
    session.arrived(_articles(*[f"Text {k}" for k in range(10)]))
    due = session.provisional_due()
    assert due is not None and len(due) == 10
    session.use_provisional(provisional(due))
    assert session.provisional_due() is None
    session.arrived(_articles("elf", "zwölf"))
    assert len(session.provisional_due()) == 12
    session.stop()
    assert session.provisional_due() is None


def test_folder_updates_run_one_at_a_time_and_changes_meanwhile_make_one_more():
    session = Session()
    assert session.request_update() is None  # still loading
    session = _ready("Gipfel")
    library = session.request_update()
    assert library is session.library and session.updating
    assert session.request_update() is None and session.request_update() is None
    assert session.updated(library) == (True, True)
    assert not session.updating
    library = session.request_update()
    session.replace(provisional(_articles("Gipfel", "neu")))  # linked anew meanwhile
    assert session.updated(library) == (False, False)
    session.request_update()
    session.update_failed()
    assert session.request_update() is not None


def test_a_session_resumes_the_remembered_query_and_filters_and_ignores_what_is_malformed():
    session = Session.resumed(
        {"query": "aachen", "filters": [["person", "Putin"], ["bogus", "x"], ["source"], "junk", ["date", 3]]}
    )
    assert session.search_text == "aachen" and session.filters == [Filter("person", "Putin")]
    assert Session.resumed({"query": 3, "filters": "x"}) == Session()


def test_what_a_worker_made_for_a_library_applies_only_while_it_is_shown():
    session = _ready("Gipfel")
    shown = session.library
    assert session.shows(shown)
    session.replace(provisional(_articles("Gipfel", "neu")))
    assert not session.shows(shown) and session.shows(session.library)
