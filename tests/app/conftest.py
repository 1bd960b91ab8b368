from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import SEEDS

HERE = Path(__file__).resolve().parent
CORPORA = HERE / "corpora"


async def settle(pilot, delay: float = 0.0) -> None:
    """Wait until loading and any pending search have finished and the screen is redrawn."""
    import time

    if delay:
        await pilot.pause(delay)
    deadline = time.monotonic() + 60
    while getattr(pilot.app, "library", True) is None:  # loading starts after the first frame
        if time.monotonic() > deadline:
            raise AssertionError("the corpus did not load")
        await pilot.pause(0.02)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def until(pilot, predicate, timeout: float = 20.0) -> None:
    """Wait (polling, so a slow machine only waits longer) until ``predicate()`` holds."""
    import time

    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {predicate}")
        await pilot.pause(0.05)
    await settle(pilot)


def searched(app, text: str):
    """A predicate: the list shows the result of the query ``text`` (with no filters)."""
    return lambda: app.session.selection is not None and app.session.selection.query.text == text


def make_app(paths=None, **kw):
    from tui.app.app import ChronikApp

    kw.setdefault("locale", "en")
    app = ChronikApp([str(p) for p in (paths or [SEEDS])], **kw)
    return app


@pytest.fixture(autouse=True)
def _still_clock(monkeypatch):
    """ "3 days ago" is counted from a fixed day, so screens look the same on any day."""
    import datetime as dt

    from tui.app import fmt

    monkeypatch.setattr(fmt, "today", lambda: dt.date(2025, 11, 1))


@pytest.fixture
def in_corpora(monkeypatch):
    """Run from the test corpora folder, so file names shown are the same on every checkout."""
    monkeypatch.chdir(CORPORA)
    return CORPORA


def seed_copies(folder: Path, copies: int) -> Path:
    """A folder of ``copies`` copies of the five seeds (a corpus that takes a while to load)."""
    import shutil

    folder.mkdir(parents=True, exist_ok=True)
    for i in range(copies):
        for f in SEEDS.iterdir():
            shutil.copy(f, folder / f"{i:02d}-{f.name}")
    return folder


def drive(coro_fn, paths=None, size=(120, 40), **kw) -> None:
    """Run ``coro_fn(pilot, app)`` in an app of ``size`` from its first moment (not waiting for
    the load, unlike ``test_keys.run``)."""
    import asyncio

    async def main():
        app = make_app(paths, **kw)
        async with app.run_test(size=size) as pilot:
            await coro_fn(pilot, app)

    asyncio.run(main())
