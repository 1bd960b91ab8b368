"""The app on a folder of every hostile shape beside ordinary articles: the load completes, every
ordinary article is searchable, the files whose analysis was abandoned are listed under R,
and q quits."""

from __future__ import annotations

import asyncio

import pytest

from tests.app.conftest import make_app, searched, until
from tests.conftest import SEEDS
from tests.shapes import SHAPES, shape
from tui.app.screens.report import ReportScreen

ORDINARY = 200
TIME_LIMIT = 0.5  # the two huge files cannot be analysed in it; an ordinary article takes milliseconds


def _folder(root):
    seeds = sorted(SEEDS.glob("*.txt"))
    for i in range(ORDINARY):
        text = seeds[i % len(seeds)].read_text(encoding="utf-8")
        text = text.replace(" und ", f" und Stichwort{i:03d} ", 1)  # in the body, not the title
        (root / f"artikel-{i:03d}.txt").write_text(text, encoding="utf-8")
    for name in SHAPES:
        (root / f"form-{name}.txt").write_text(shape(name, 60_000), encoding="utf-8")
    huge = ["riesig-satz.txt", "riesig-namen.txt"]
    (root / huge[0]).write_text(shape("one-sentence", 4_000_000), encoding="utf-8")
    (root / huge[1]).write_text(shape("capitalised", 4_000_000), encoding="utf-8")
    return huge


@pytest.mark.slow
def test_a_folder_of_hostile_shapes_loads_with_every_ordinary_article_searchable(tmp_path):
    huge = _folder(tmp_path)

    async def main():
        app = make_app([tmp_path], time_limit=TIME_LIMIT, follow=False)
        async with app.run_test(size=(120, 40)) as pilot:
            await until(pilot, lambda: not app.session.loading, timeout=240)
            lib = app.session.library
            assert len(lib.articles) == ORDINARY + len(SHAPES) + len(huge)
            assert all(lib.index.search(f"stichwort{i:03d}").total == 1 for i in range(ORDINARY))
            assert {p.path for p in lib.report.partial} >= {str(tmp_path / h) for h in huge}
            await pilot.press("slash", *"stichwort123", "enter")
            await until(pilot, searched(app, "stichwort123"))
            assert [app.session.articles[p].id for p in app.session.selection.positions] == ["artikel-123.txt"]
            await pilot.press("R")
            await pilot.pause()
            assert isinstance(app.screen, ReportScreen)
            shown = str(app.screen.query_one("#report-text").render())
            assert all(h in shown for h in huge) and "names and dates left out" in shown
            await pilot.press("escape", "q")
            await pilot.pause()
        assert app.return_code == 0

    asyncio.run(main())
