"""Untrusted text in the app: never markup, never a control character on the terminal."""

from __future__ import annotations

import asyncio
import re

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from tests.app.conftest import make_app, settle, until
from tui.app.app import ChronikApp
from tui.app.widgets.article_list import ArticleList
from tui.app.widgets.reader import Reader
from tui.app.widgets.wrap import wrap
from tui.corpus import Article, Extra
from tui.corpus.safetext import visible

CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
HOSTILE = Article(
    id="evil\x1b[2J.txt",
    path="x",
    title="[bold]x[/] \x1b]0;owned\x07 [@click=app.quit]y[/]",
    text="Text \x1b[31mrot\x1b[0m und \u202eumgedreht\u202c [link=file:///etc/passwd]z[/link].",
    source="[red]dpa[/]",
    extras=(Extra("promo", "[blink]Abo[/] \x9b31m"),),
)


def test_visible_keeps_offsets_and_shows_controls():
    s = "a\x1b[1mb\x07\u202ec\td"
    v = visible(s)
    assert len(v) == len(s) and not CONTROL.search(v) and "␛" in v and "\t" not in v


def test_list_rows_and_reader_lines_show_markup_literally_and_no_control_characters():
    async def main():
        app = ChronikApp([], locale="en")
        app._load = lambda: None  # nothing to load: the test shows its own article
        async with app.run_test(size=(120, 30)) as pilot:
            listing, reader = app.query_one(ArticleList), app.query_one(Reader)
            listing.show([HOSTILE], [0])
            reader.show(HOSTILE, [])
            reader.action_toggle_extras()
            await pilot.pause()
            row = listing.row_text(0).plain
            assert "[bold]x[/]" in row and "[@click=app.quit]y[/]" in row and not CONTROL.search(row)
            lines = [reader.render_line(y).text for y in range(reader.size.height)]
            body = "\n".join(lines)
            assert "[bold]x[/]" in body and "[link=file:///etc/passwd]z[/link]" in body and "[blink]Abo[/]" in body
            assert not CONTROL.search(body)
            assert app.is_running  # [@click=app.quit] did nothing

    asyncio.run(main())


def test_command_palette_shows_hostile_titles_literally(in_corpora):
    from textual.command import CommandPalette

    async def main():
        app = make_app(["hostile"])
        async with app.run_test(size=(120, 30)) as pilot:
            await settle(pilot)
            await pilot.press("ctrl+p", *"bold")
            palette = app.screen
            assert isinstance(palette, CommandPalette)
            from textual.command import CommandList

            await until(pilot, lambda: palette.query_one(CommandList).option_count > 0)
            options = palette.query_one(CommandList).options
            prompts = [str(o.prompt) for o in options]
            assert any("[bold]x[/]" in p for p in prompts)

    asyncio.run(main())


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab cd\n字😀\u0301-"), max_size=200), st.integers(1, 30))
def test_wrapped_lines_cover_the_text_in_order_and_fit_the_width(text, width):
    lines = wrap(text, width)
    assert lines[0][0] == 0 and lines[-1][1] == len(text)
    for (a, b), (c, _) in zip(lines, lines[1:]):
        assert a <= b <= c and text[b:c] in ("", "\n")
    for a, b in lines:
        assert "\n" not in text[a:b]
        assert cell_len(text[a:b].rstrip(" ")) <= max(width, 2)  # a wide character may overhang width 1


def test_a_word_longer_than_the_line_breaks_after_a_hyphen_that_fits():
    text = "Lieferungen von Tomahawk-Langstrecken-Marschflugkörpern durch die USA"
    lines = [text[a:b] for a, b in wrap(text, 30)]
    assert lines == ["Lieferungen von ", "Tomahawk-Langstrecken-", "Marschflugkörpern durch die ", "USA"]
    word = "Bundespräsidentenwahl"  # no hyphen: cut where the line is full
    assert [word[a:b] for a, b in wrap(word, 10)] == ["Bundespräs", "identenwah", "l"]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab cdäß„“–-xyzABCDEFGHIJ"), max_size=300), st.integers(1, 40))
def test_plain_text_wraps_by_counting_exactly_as_word_by_word(text, width):
    from tui.app.widgets.wrap import _wrap_words

    expected: list[tuple[int, int]] = []
    _wrap_words(text, 0, len(text), width, expected)
    assert wrap(text, width) == (expected if len(text) > width or not text.isascii() else [(0, len(text))])
