"""Snapshots of the main views (pytest-textual-snapshot); update with --snapshot-update."""

from __future__ import annotations

from textual.widgets import Input

from tests.app.conftest import make_app, searched, settle, until


def _still(app) -> None:
    app.query_one(Input).cursor_blink = False


async def _loaded(pilot) -> None:
    _still(pilot.app)
    await settle(pilot)


def test_main_screen_at_80x24(snap_compare):
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=_loaded)


def test_main_screen_at_160x48(snap_compare):
    assert snap_compare(make_app(), terminal_size=(160, 48), run_before=_loaded)


def test_search_in_progress(snap_compare):
    async def typing(pilot):
        await _loaded(pilot)
        await pilot.press("slash", *"telefonat sot")
        await until(pilot, searched(pilot.app, "telefonat sot"))

    assert snap_compare(make_app(), terminal_size=(120, 36), run_before=typing)


def test_filter_by_entity(snap_compare):
    async def filtering(pilot):
        await _loaded(pilot)
        pilot.app.add_filter("place", "Anchorage")
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=(120, 36), run_before=filtering)


def test_help_screen(snap_compare):
    async def helping(pilot):
        await _loaded(pilot)
        await pilot.press("enter", "question_mark")
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=(100, 40), run_before=helping)


def test_main_screen_in_german(snap_compare):
    async def reading(pilot):
        await _loaded(pilot)
        await pilot.press("enter")
        await pilot.pause()

    assert snap_compare(make_app(locale="de_DE"), terminal_size=(160, 48), run_before=reading)


def test_help_screen_in_german(snap_compare):
    async def helping(pilot):
        await _loaded(pilot)
        await pilot.press("enter", "question_mark")
        await pilot.pause()

    assert snap_compare(make_app(locale="de_DE"), terminal_size=(100, 40), run_before=helping)


def test_narrow_layout_reading(snap_compare):
    async def reading(pilot):
        await _loaded(pilot)
        await pilot.press("enter")
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=(50, 24), run_before=reading)


def test_load_report_screen(snap_compare, in_corpora):
    async def report(pilot):
        await _loaded(pilot)
        await pilot.press("R")
        await pilot.pause()

    assert snap_compare(make_app(["report"]), terminal_size=(100, 30), run_before=report)


def test_markup_hostile_titles_show_literally(snap_compare, in_corpora):
    assert snap_compare(make_app(["hostile"]), terminal_size=(120, 24), run_before=_loaded)


async def _reading(pilot) -> None:
    await _loaded(pilot)
    await pilot.press("enter")
    await pilot.pause()


def test_reader_at_80x24(snap_compare):
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=_reading)


async def _full_timeline(pilot) -> None:
    await _loaded(pilot)
    await pilot.press("T")
    await pilot.pause()


def test_full_screen_timeline_at_80x24(snap_compare):
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=_full_timeline)


def test_full_screen_timeline_at_160x48(snap_compare):
    assert snap_compare(make_app(), terminal_size=(160, 48), run_before=_full_timeline)


def test_filter_dialog_at_80x24(snap_compare):
    async def dialog(pilot):
        await _reading(pilot)
        pilot.app.add_filter("person", "Wladimir Putin")
        await settle(pilot)
        await pilot.press("F")
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=dialog)


def test_help_at_80x24(snap_compare):
    async def helping(pilot):
        await _loaded(pilot)
        await pilot.press("question_mark")
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=helping)
