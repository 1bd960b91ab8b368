"""No error closes the app: a failure injected into each worker is reported, logged with its
traceback, and the app goes on with what it has."""

from __future__ import annotations

import asyncio

from textual.widgets import Input, Label

from tests.app.conftest import make_app, searched, until
from tests.app.test_keys import run
from tests.conftest import SEEDS
from tui.app.screens.export import ExportScreen
from tui.index import failures
from tui.index.library import Library


async def _poll(pilot, predicate, timeout: float = 30.0) -> None:
    """``until`` without its settling: that waits for every worker, and re-raises a failed one's error."""
    import time

    give_up = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < give_up, f"timed out waiting for {predicate}"
        await pilot.pause(0.05)


def _said(app, text: str) -> bool:
    return any(text in n.message for n in app._notifications)


def _logged(text: str) -> str:
    log = failures.log_path().read_text()
    assert text in log and "Traceback (most recent call last)" in log
    return log


def test_a_load_that_fails_keeps_what_had_loaded_and_says_why(monkeypatch):
    import tui.index.library as library

    real = library.load_library

    def failing(paths, **kw):
        kw["arrived"](list(real(paths, limit_mb=5).articles[:3]))
        raise RuntimeError("boom while loading")

    monkeypatch.setattr(library, "load_library", failing)

    async def main():
        app = make_app()
        async with app.run_test(size=(120, 40)) as pilot:
            await _poll(pilot, lambda: app.session.library is not None and not app.session.loading, timeout=60)
            assert app.is_running and len(app.session.library.articles) == 3
            assert _said(app, "Loading the folder failed: RuntimeError: boom while loading")
            assert any("boom while loading" in note for note in app.session.library.notes)  # in the load report too
            _logged("boom while loading")
            await pilot.press("slash", *"putin", "enter")  # and the app goes on
            await until(pilot, searched(app, "putin"))
            assert app.session.selection.result.total >= 1

    asyncio.run(main())


def test_a_search_that_fails_is_reported_and_the_next_one_runs(monkeypatch):
    real = Library.select

    def select(self, query, *a, **kw):
        if "explode" in str(getattr(query, "text", query)):
            raise RuntimeError("boom while searching")
        return real(self, query, *a, **kw)

    monkeypatch.setattr(Library, "select", select)

    async def go(pilot, app):
        await pilot.press("slash", *"explode")
        await _poll(pilot, lambda: _said(app, "Searching failed: RuntimeError: boom while searching"))
        for _ in "explode":
            await pilot.press("backspace")
        await pilot.press(*"putin", "enter")
        await until(pilot, searched(app, "putin"))
        assert app.is_running and app.session.selection.result.total >= 1
        _logged("boom while searching")

    run(go)


def test_following_the_folder_that_fails_is_reported_and_tried_again(monkeypatch):
    import tui.index.live as live

    calls = []

    def refresh(*a, **kw):
        calls.append(1)
        raise RuntimeError("boom while following")

    monkeypatch.setattr(live, "refresh", refresh)

    async def go(pilot, app):
        app._folder_changed()
        await _poll(pilot, lambda: _said(app, "Following the folder failed: RuntimeError: boom while following"))
        app._folder_changed()  # the next change is looked at again
        await _poll(pilot, lambda: len(calls) == 2)
        assert app.is_running and not app.session.updating
        _logged("boom while following")

    run(go, follow=False)


def test_an_export_that_fails_is_reported_on_its_screen(monkeypatch, tmp_path):
    import tui.index.export as export

    def failing(*a, **kw):
        raise RuntimeError("boom while exporting")

    monkeypatch.setattr(export, "export", failing)

    async def go(pilot, app):
        await pilot.press("X")
        screen = app.screen
        screen.query_one(Input).value = str(tmp_path / "r.csv")
        await pilot.press("enter")
        await pilot.pause()
        assert app.is_running and app.screen is screen
        assert "Exporting failed: RuntimeError: boom while exporting" in str(
            screen.query_one("#export-error", Label).render()
        )
        await pilot.press("escape")
        assert not isinstance(app.screen, ExportScreen)
        _logged("boom while exporting")

    run(go)


def test_restoring_the_last_session_that_fails_leaves_the_reader_as_it_is(monkeypatch, tmp_path):
    from tui.index.state import ReadingState

    state = tmp_path / "state.sqlite3"
    ReadingState(state, [str(SEEDS)]).remember(article="a key", place=0)

    def keys(self):
        raise RuntimeError("boom while restoring")

    monkeypatch.setattr(Library, "keys", property(keys))

    async def main():
        app = make_app(state=state)
        async with app.run_test(size=(120, 40)) as pilot:
            await _poll(pilot, lambda: _said(app, "Restoring the last session failed: RuntimeError: boom"), 60)
            assert app.is_running and not app._restoring
            assert "boom while restoring" in (state.parent / "errors.log").read_text()  # beside the state

    asyncio.run(main())
