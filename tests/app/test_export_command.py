"""The in-app export: X (or the command palette) writes the result list or the timeline."""

from __future__ import annotations

import csv

from textual.widgets import Input, Label

from tests.app.conftest import searched, until
from tests.app.test_keys import run
from tests.index.test_timeline_formats import parse_ics
from tui.app.screens.export import ExportScreen
from tui.app.widgets.timeline import Timeline


def test_x_exports_the_result_list_in_its_order(tmp_path):
    target = tmp_path / "results.csv"

    async def go(pilot, app):
        await pilot.press("slash", *"putin", "enter")
        await until(pilot, searched(app, "putin"))
        await pilot.press("X")
        screen = app.screen
        assert isinstance(screen, ExportScreen) and "result list" in screen.what
        assert screen.query_one(Input).value.endswith(".csv")
        screen.query_one(Input).value = str(target)
        await pilot.press("enter")
        await until(pilot, lambda: not isinstance(app.screen, ExportScreen))
        rows = list(csv.DictReader(target.open()))
        assert [r["id"] for r in rows] == [app.session.articles[p].id for p in app.session.selection.positions]
        assert any(str(target) in n.message for n in app._notifications)

    run(go)


def test_the_timeline_exports_from_the_timeline_pane_as_icalendar(tmp_path):
    target = tmp_path / "timeline.ics"

    async def go(pilot, app):
        app.query_one(Timeline).focus()  # (shown at this width: t would hide it)
        await pilot.press("X")
        screen = app.screen
        assert "timeline" in screen.what and screen.query_one(Input).value.endswith(".ics")
        screen.query_one(Input).value = str(target)
        await pilot.press("enter")
        await until(pilot, lambda: target.exists())
        assert len(parse_ics(target.read_bytes().decode())) == len(app.session.library.timeline)

    run(go)


def test_a_path_in_the_article_folder_is_refused_and_the_screen_stays(tmp_path):
    from tests.conftest import SEEDS

    async def go(pilot, app):
        await pilot.press("X")
        screen = app.screen
        screen.query_one(Input).value = str(SEEDS / "results.csv")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
        assert "not writing into the article folder" in str(screen.query_one("#export-error", Label).render())
        assert not (SEEDS / "results.csv").exists()
        await pilot.press("escape")
        assert not isinstance(app.screen, ExportScreen)

    run(go)


def test_an_existing_file_is_replaced_only_after_enter_is_pressed_again(tmp_path):
    target = tmp_path / "results.csv"
    target.write_text("mine")

    async def go(pilot, app):
        await pilot.press("X")
        screen = app.screen
        screen.query_one(Input).value = str(target)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen and target.read_text() == "mine"
        assert "exists" in str(screen.query_one("#export-error", Label).render())
        await pilot.press("enter")
        await until(pilot, lambda: not isinstance(app.screen, ExportScreen))
        assert target.read_text().startswith("rank,")

    run(go)


def test_a_missing_folder_is_reported_and_not_created(tmp_path):
    async def go(pilot, app):
        await pilot.press("X")
        screen = app.screen
        screen.query_one(Input).value = str(tmp_path / "new" / "results.csv")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen and "there is no folder" in str(screen.query_one("#export-error", Label).render())
        assert not (tmp_path / "new").exists()

    run(go)
