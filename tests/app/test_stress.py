"""The app under stress: tiny and huge terminals, resizing while loading, and a search typed
while ten thousand files are still loading."""

from __future__ import annotations

import asyncio

import pytest
from textual.widgets import Input

from tests.app.conftest import drive, make_app, seed_copies, settle, until
from tests.hostile_corpus import write_hostile_corpus
from tui.app.widgets.article_list import ArticleList
from tui.app.widgets.reader import Reader


@pytest.mark.parametrize("size", [(10, 5), (24, 8), (40, 12), (59, 20), (80, 24), (99, 30), (160, 48), (300, 100)])
def test_every_size_from_ten_by_five_to_three_hundred_by_a_hundred_works(size, tmp_path_factory):
    folder = tmp_path_factory.getbasetemp() / "hostile-sizes"
    if not folder.exists():
        write_hostile_corpus(folder, deep=5)

    async def main():
        # One cache for the sizes: the first load analyses the corpus, the others start from its
        # snapshot, as a second start does (the cold load is what is tested once).
        app = make_app([folder], cache=folder.parent / "hostile-sizes.sqlite3")
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            for keys in (
                ["enter"],
                ["space", "G", "e", "x"],
                ["escape", "t"],
                ["j", "enter"],
                ["escape", "question_mark"],
                ["escape", "slash", *"Putin", "enter"],
                ["R"],
                ["escape"],
            ):
                await pilot.press(*keys)
                await pilot.pause()
                app.export_screenshot()  # renders at this size without error
            assert app.is_running and len(app.session.library.articles) > 10

    asyncio.run(main())


@pytest.mark.slow
def test_rapid_resizing_while_loading_loses_nothing(tmp_path):
    async def go(pilot, app):
        sizes = [(10, 5), (300, 100), (59, 20), (100, 30), (24, 8), (160, 48)]
        for i in range(60):
            await pilot.resize_terminal(*sizes[i % len(sizes)])
            await pilot.pause(0.02)
        await pilot.resize_terminal(120, 40)
        await settle(pilot)
        assert len(app.session.library.articles) == 200 and not app.session.loading
        assert len(app.query_one(ArticleList).positions) == 200
        await pilot.press("enter")
        await pilot.pause()
        assert app.query_one(Reader).article is not None

    drive(go, [seed_copies(tmp_path / "many", 40)])


def test_a_search_typed_while_ten_thousand_files_load_answers_from_what_has_loaded(tmp_path):
    folder = tmp_path / "tiny"
    for i in range(10_000):
        path = folder / f"{i // 1000:02d}" / f"{i:05d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            f"Meldung {i}\n\nKurz gemeldet: Nummer {i} {'Putin' if i % 2 else 'Trump'}.\n", encoding="utf-8"
        )

    async def go(pilot, app):
        while len(app.session.articles) < 50:
            await pilot.pause(0.05)
        # Typed at once (Pilot would wait for the app to be idle after each key, which a loading
        # app is not): the input sees the whole word as a typist's last key would leave it.
        await pilot.press("slash")
        app.query_one("#search", Input).value = "Putin"
        while app.session.selection is None or app.session.selection.query.text != "Putin":
            await pilot.pause(0.02)
        assert app.session.loading  # answered before loading ended
        listing = app.query_one(ArticleList)
        shown = [listing.articles[p] for p in listing.positions]
        assert shown and all("Putin" in a.text for a in shown)
        # (All files may have arrived by now, on a fast run, while their names are still linked.)
        assert len(shown) <= len(app.session.articles) <= 10_000
        await pilot.press("escape", "escape")  # clear the search, then stop loading (or linking names)
        await until(pilot, lambda: not app.session.loading, timeout=120)
        stopped = any("stopped" in n for n in app.session.library.notes)  # unless loading ended first
        assert 50 <= len(app.session.library.articles) <= 10_000 and (
            stopped or len(app.session.library.articles) == 10_000
        )

    drive(go, [folder])
