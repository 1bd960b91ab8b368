"""Make the SVG screenshots of the main views, from the seeds, headless.

    python screenshots/make_screenshots.py

Writes main.svg, search.svg, reader-marks.svg, timeline-80x24.svg, timeline-full-80x24.svg,
narrow.svg, help.svg (in
English) and main-de.svg (in German) next to this script.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from textual.widgets import Input  # noqa: E402

from tui.app.app import ChronikApp  # noqa: E402


async def shoot(name: str, size: tuple[int, int], *keys: str, pause: float = 0.0, locale: str = "en_US") -> None:
    app = ChronikApp([str(HERE.parent / "seeds")], locale=locale)
    async with app.run_test(size=size) as pilot:
        app.query_one(Input).cursor_blink = False
        while app.library is None:  # loading starts after the first frame
            await pilot.pause(0.02)
        await app.workers.wait_for_complete()
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
        if pause:
            await pilot.pause(pause)
            await app.workers.wait_for_complete()
        await pilot.pause()
        app.save_screenshot(str(HERE / f"{name}.svg"))
    print(f"screenshots/{name}.svg")


async def main() -> None:
    await shoot("main", (160, 48))
    await shoot("search", (160, 48), "slash", *"telefonat putin", "enter", "enter", "n", pause=0.4)
    await shoot("reader-marks", (120, 36), "j", "enter", "e", "e", "e")
    await shoot("timeline-80x24", (80, 24), "t", "j", "j", "j", "j", "j", "j", "j", "enter")
    await shoot("timeline-full-80x24", (80, 24), "T", "j")
    await shoot("narrow", (50, 24), "enter")
    await shoot("help", (100, 40), "enter", "question_mark")
    await shoot("main-de", (160, 48), "enter", locale="de_DE")


if __name__ == "__main__":
    asyncio.run(main())
