"""The reader follows its folder: files added, changed and deleted under a running app."""

from __future__ import annotations

import shutil

import pytest
from textual.widgets import Input

from tests.app.conftest import searched, settle, until
from tests.app.test_keys import run
from tests.conftest import SEEDS
from tui.app.widgets.article_list import ArticleList
from tui.app.widgets.reader import Reader
from tui.app.widgets.timeline import Timeline

NEW = """Gipfel in Aachen

Am 3. Mai 2031 trafen sich Kanzler Friedrich Merz und Präsident Emmanuel Macron in Aachen. Sie sprachen über Windräder.
"""


@pytest.fixture
def folder(tmp_path):
    shutil.copytree(SEEDS, tmp_path / "news")
    return tmp_path / "news"


def listed(app) -> list[str]:
    """The ids in the list as it is drawn (its rows index the articles it was given, which are
    the previous library's until the query has run on a new one)."""
    listing = app.query_one(ArticleList)
    return [listing.articles[p].id for p in listing.positions]


def timeline_values(app) -> set[str]:
    timeline = app.query_one(Timeline)
    return {timeline.entry(r).value for r in range(len(timeline.rows)) if timeline.entry(r) is not None}


@pytest.mark.parametrize("follow", [True, "poll"])
def test_a_new_file_appears_in_the_list_the_index_and_the_timeline(folder, follow):
    async def go(pilot, app):
        assert len(listed(app)) == 5
        (folder / "neu.txt").write_text(NEW, encoding="utf-8")
        await until(pilot, lambda: "neu.txt" in listed(app))
        assert "2031-05-03" in timeline_values(app)
        app.query_one("#search", Input).value = "windräder"
        await until(pilot, searched(app, "windräder"))
        assert listed(app) == ["neu.txt"]
        assert "Folder changed: 1 new." in [n.message for n in app._notifications]

    run(go, paths=[folder], follow=follow)


def test_a_changed_file_is_shown_as_it_is_now_and_a_deleted_one_goes(folder):
    async def go(pilot, app):
        edited = folder / "001_3bb928ff6e2d3dd4.txt"
        edited.write_text(NEW, encoding="utf-8")
        await until(
            pilot,
            lambda: app.session.library.articles[app.session.library.position[edited.name]].title == "Gipfel in Aachen",
        )
        assert "2031-05-03" in timeline_values(app) and "2025-02-12" not in timeline_values(app)
        (folder / "002_c8e1e38536f45792.txt").unlink()
        await until(pilot, lambda: "002_c8e1e38536f45792.txt" not in listed(app))
        assert len(listed(app)) == 4
        assert app.session.library.select("sotschi").positions == []  # only 002 spoke of Sochi

    run(go, paths=[folder])


def test_the_query_filters_cursor_and_reader_stay_where_they_were(folder):
    async def go(pilot, app):
        await pilot.press("slash", *"trump", "enter")
        await until(pilot, searched(app, "trump"))
        app.add_filter("date", "2025")
        await settle(pilot)
        await pilot.press("j", "enter", "space")
        reader, listing = app.query_one(Reader), app.query_one(ArticleList)
        opened, place, query = reader.article.id, reader.place, app.session.selection.query.text
        await pilot.press("escape", "j")
        on = listing.current.id
        (folder / "neu.txt").write_text(NEW.replace("2031", "2025") + "\nTrump schwieg.\n", encoding="utf-8")
        await until(
            pilot,
            lambda: (
                "neu.txt" in app.session.library.position
                and app.session.selection.query.text == query
                and "neu.txt" in listed(app)
            ),
        )
        assert listing.current.id == on and app.focused is listing
        assert reader.article.id == opened and reader.place == place
        assert [f.term for f in app.session.filters] == ['date:"2025"'] and app.session.search_text == "trump"

    run(go, paths=[folder])


@pytest.mark.slow
def test_a_burst_of_a_thousand_files_leaves_the_app_answering_keys(folder, tmp_path):
    staging = tmp_path / "staging"
    staging.mkdir()
    seeds = sorted(SEEDS.iterdir())
    for i in range(1000):
        seed = seeds[i % len(seeds)]
        (staging / f"{i:04d}-{seed.name}").write_text(
            seed.read_text(encoding="utf-8") + f"\nMeldung {i}.\n", encoding="utf-8"
        )

    async def go(pilot, app):
        listing = app.query_one(ArticleList)
        for f in staging.iterdir():
            f.rename(folder / f.name)
        import time

        deadline = time.monotonic() + 30
        while not app.session.updating:  # (not ``until``: it would wait for the update to finish)
            assert time.monotonic() < deadline, "the burst was not noticed"
            await pilot.pause(0.02)
        answered = 0
        while app.session.updating and answered < 5:  # keys are handled while the update runs
            before = listing.cursor
            await pilot.press("j")
            answered += listing.cursor == before + 1
        assert answered >= 1
        await until(pilot, lambda: len(app.session.library.articles) == 1005, timeout=240)
        await until(pilot, lambda: len(listed(app)) == 1005)

    run(go, paths=[folder])


def test_a_start_after_the_folder_changed_shows_it_at_once_and_links_its_names_afterwards(folder, tmp_path):
    import asyncio

    from tests.app.conftest import make_app
    from tui.app.messages import Loaded, Saved

    cache = tmp_path / "extract.sqlite3"

    async def first(pilot, app):
        assert len(listed(app)) == 5 and app.session.library.linked

    run(first, paths=[folder], cache=cache)  # leaves a start-up snapshot
    # Only surnames: linked among the changed files alone, they stay "Putin" and "Trump".
    (folder / "neu.txt").write_text(
        "Neues Telefonat\n\nPutin sprach am 3. Mai 2031 lange mit Trump.\n", encoding="utf-8"
    )
    messages = []

    async def main():
        app = make_app([folder], cache=cache)
        async with app.run_test(size=(160, 48), message_hook=messages.append) as pilot:
            while app.session.library is None or app.session.loading:
                await pilot.pause(0.02)
            app.query_one(ArticleList).focus()
            app.query_one(ArticleList).move_to(
                app.query_one(ArticleList).positions.index(app.session.library.position["neu.txt"])
            )
            await pilot.press("enter")
            await until(pilot, lambda: app.session.library is not None and app.session.library.linked, timeout=60)
            loaded = [m.library for m in messages if isinstance(m, Loaded)]
            assert len(loaded) == 1 and not loaded[0].linked  # shown before the names were linked
            assert any(isinstance(m, Saved) for m in messages)
            assert "neu.txt" in listed(app) and len(listed(app)) == 6
            keys = {s.key for s in app.session.library.entities[app.session.library.position["neu.txt"]]}
            assert {"Wladimir Putin", "Donald Trump"} <= keys
            # Opened before the names were linked (as a rule: the child takes seconds), the
            # reader now marks them with their linked keys.
            assert app.query_one(Reader).article.id == "neu.txt"
            assert {"Wladimir Putin", "Donald Trump"} <= {m.value for m in app.query_one(Reader).marks}
            app.query_one("#search", Input).value = "person:putin"
            await until(pilot, searched(app, "person:putin"))
            assert "neu.txt" in listed(app)
            assert app._relinker is None

    asyncio.run(main())


def test_analysis_processes_started_with_the_app_end_with_it_whether_or_not_it_loaded(folder, tmp_path):
    import asyncio
    import multiprocessing
    import time

    from tests.app.conftest import make_app

    cache = tmp_path / "extract.sqlite3"

    async def nothing(pilot, app):
        pass

    run(nothing, paths=[folder], cache=cache)  # leaves a start-up snapshot
    (folder / "neu.txt").write_text("Neues Telefonat\n\nPutin sprach mit Trump.\n", encoding="utf-8")

    def none_left() -> bool:
        deadline = time.monotonic() + 20
        while multiprocessing.active_children():
            if time.monotonic() > deadline:
                return False
            time.sleep(0.05)
        return True

    async def shows_the_new_file(pilot, app):
        assert "neu.txt" in listed(app)

    assert none_left()
    run(shows_the_new_file, paths=[folder], cache=cache)  # the processes analysed it
    assert none_left()
    (folder / "neu.txt").write_text("Noch ein Telefonat\n\nPutin sprach mit Merz.\n", encoding="utf-8")

    async def ends_at_once():
        app = make_app([folder], cache=cache)
        assert multiprocessing.active_children()  # started as the app was made
        async with app.run_test(size=(80, 24)):
            pass  # ends before its loader starts, or as it starts

    asyncio.run(ends_at_once())
    assert none_left()
