from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import SEEDS

HERE = Path(__file__).resolve().parent
CORPORA = HERE / "corpora"


async def settle(pilot, delay: float = 0.0) -> None:
    """Wait until loading and any pending search have finished and the screen is redrawn."""
    if delay:
        await pilot.pause(delay)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def make_app(paths=None, **kw):
    from tui.app.app import ChronikApp

    kw.setdefault("locale", "de_DE")
    app = ChronikApp([str(p) for p in (paths or [SEEDS])], **kw)
    return app


@pytest.fixture
def in_corpora(monkeypatch):
    """Run from the test corpora folder, so file names shown are the same on every checkout."""
    monkeypatch.chdir(CORPORA)
    return CORPORA
