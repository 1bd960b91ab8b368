"""While a folder loads: the list fills, search works on what has loaded, Escape stops loading
and keeps it."""

from __future__ import annotations

import asyncio

import pytest

from tests.app.conftest import drive, make_app, seed_copies, settle, until
from tests.conftest import SEEDS
from tui.app.messages import Arrived, Loaded
from tui.app.widgets.article_list import ArticleList
from tui.app.widgets.timeline import rows_of
from tui.index.library import load_library


@pytest.fixture(scope="module")
def seeds_library():
    return load_library([str(SEEDS)], limit_mb=5)


def held(**kw):
    """An app whose loader does nothing: the test hands articles over as a loader would."""
    app = make_app(**kw)
    app._load = lambda: None
    return app


def with_arrived(go, arrived: list) -> None:
    """Run ``go(pilot, app)`` in a held app to which ``arrived`` were handed over."""

    async def main():
        app = held()
        async with app.run_test(size=(120, 30)) as pilot:
            await pilot.pause()
            app.post_message(Arrived(arrived))
            await pilot.pause()
            await go(pilot, app)

    asyncio.run(main())


def test_search_works_on_the_articles_loaded_so_far(seeds_library):
    arrived = [a for a in seeds_library.articles][:3]
    expected = {a.id for a in arrived if "Selenskyj" in a.text or "Selenskyj" in a.title}

    async def go(pilot, app):
        await pilot.press("slash", *"Selenskyj")
        await until(
            pilot, lambda: app.session.selection is not None and app.session.selection.query.text == "Selenskyj"
        )
        listing = app.query_one(ArticleList)
        assert {listing.articles[p].id for p in listing.positions} == expected and app.session.loading
        assert "loaded so far" in str(app.query_one("#status").render())
        # more articles arrive: the list of results keeps to the results
        app.post_message(Arrived([a for a in seeds_library.articles][3:]))
        await pilot.pause()
        assert {listing.articles[p].id for p in listing.positions} == expected
        # loading ends: the same query now runs on the whole library
        app.post_message(Loaded(seeds_library, seeds_library.select(""), rows_of(seeds_library)))
        await until(
            pilot,
            lambda: (
                not app.session.loading
                and app.session.selection.result.total == seeds_library.select("Selenskyj").result.total
            ),
        )
        assert app.session.library is seeds_library

    with_arrived(go, arrived)


def test_escape_stops_loading_and_keeps_what_has_loaded(seeds_library):
    arrived = [a for a in seeds_library.articles][:2]

    async def go(pilot, app):
        await pilot.press("escape")
        await until(pilot, lambda: not app.session.loading)
        lib = app.session.library
        assert [a.id for a in lib.articles] == [a.id for a in arrived]
        assert any("stopped" in n for n in lib.notes)
        assert len(app.query_one(ArticleList).positions) == 2
        # what the loader sends afterwards changes nothing
        app.post_message(Arrived([a for a in seeds_library.articles][2:]))
        app.post_message(Loaded(seeds_library, seeds_library.select(""), rows_of(seeds_library)))
        await pilot.pause()
        assert app.session.library is lib and len(app.query_one(ArticleList).positions) == 2
        await pilot.press("slash", *arrived[0].title.split()[0], "enter")
        await settle(pilot)
        assert arrived[0].id in {lib.articles[p].id for p in app.session.selection.positions}

    with_arrived(go, arrived)


def test_escape_stops_a_real_load_of_a_large_folder(tmp_path):
    async def go(pilot, app):
        while not app.session.articles:  # the first batch is in
            await pilot.pause(0.02)
        await pilot.press("escape")
        await until(pilot, lambda: not app.session.loading, timeout=60)
        n = len(app.session.library.articles)
        assert 0 < n < 150 and any("stopped" in note for note in app.session.library.notes)
        assert len(app.query_one(ArticleList).positions) == n

    drive(go, [seed_copies(tmp_path / "many", 30)])


def test_the_progress_line_counts_and_estimates_the_time_left():
    from tui.app.messages import Progressed
    from tui.index.library import Progress

    async def main():
        app = held(locale="en_US")
        async with app.run_test(size=(120, 30)) as pilot:
            await pilot.pause()
            app.post_message(Progressed(Progress("loading", 100, 5000)))
            await pilot.pause()
            label = str(app.query_one("#progress-label").render())
            assert "100/5,000" in label and "Esc stops" in label and "left" not in label
            await pilot.pause(2.2)
            app.post_message(Progressed(Progress("loading", 200, 5000)))
            await pilot.pause()
            label = str(app.query_one("#progress-label").render())
            assert "200/5,000" in label and "minute" in label and "left" in label  # 4,800 at ~45 a second

    asyncio.run(main())
