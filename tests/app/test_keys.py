"""Every key of the reader, driven with Pilot, asserting the state it leads to."""

from __future__ import annotations

import contextlib

import pytest
from textual.command import CommandList, CommandPalette
from textual.widgets import Input

from tests.app.conftest import make_app, searched, settle, until
from tui.app.screens.help import HelpScreen
from tui.app.screens.report import ReportScreen
from tui.app.widgets.article_list import ArticleList
from tui.app.widgets.reader import Reader
from tui.app.widgets.timeline import Timeline
from tui.index.state import content_key


def run(coro_fn, size=(160, 48), paths=None, **kw):
    """Run ``coro_fn(pilot, app)`` in a loaded app of ``size``."""
    import asyncio

    async def main():
        app = make_app(paths, **kw)
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            await coro_fn(pilot, app)

    asyncio.run(main())


def parts(app):
    return app.query_one(ArticleList), app.query_one(Reader), app.query_one(Timeline)


def test_list_moves_with_arrows_and_vim_keys_and_the_reader_waits_for_enter():
    async def go(pilot, app):
        listing, reader, _ = parts(app)
        assert listing.count == 5 and listing.cursor == 0
        first = reader.article.id
        assert first == listing.current.id  # the newest article is open at start
        await pilot.press("j", "down")
        assert listing.cursor == 2 and reader.article.id == first  # moving repaints two rows, not the reader
        await pilot.press("k")
        assert listing.cursor == 1
        await pilot.press("G")
        assert listing.cursor == 4
        await pilot.press("g")
        assert listing.cursor == 0
        await pilot.press("G", "enter")
        assert reader.article.id == listing.current.id != first

    run(go)


def test_list_is_newest_first_with_locale_dates():
    async def go(pilot, app):
        listing, reader, _ = parts(app)
        assert listing.current.id.startswith("003")  # 2025-10-17 is the newest
        assert "17.10.2025" in listing.row_text(0).plain
        await pilot.press("enter")
        assert "17. Oktober 2025 (vor 2 Wochen)" in reader.render_line(1).text

    run(go, locale="de_DE")

    async def english(pilot, app):
        listing, reader, _ = parts(app)
        assert "Oct 17, 2025" in listing.row_text(0).plain
        await pilot.press("enter")
        assert "October 17, 2025 (2 weeks ago)" in reader.render_line(1).text

    run(english, locale="en_US")


def test_enter_opens_the_article_in_the_reader_and_marks_it_read():
    async def go(pilot, app):
        listing, reader, _ = parts(app)
        await pilot.press("j", "enter")
        assert app.focused is reader and reader.article.id == listing.current.id
        assert app.state.is_read(content_key(listing.current.text)) and listing.row_text(1).plain.startswith("  ")
        await pilot.press("escape")
        assert app.focused is listing
        await pilot.press("j", "l")
        assert app.focused is reader and reader.article.id == listing.current.id and listing.cursor == 2
        await pilot.press("h")
        assert app.focused is listing

    run(go)


def test_tab_and_shift_tab_move_between_panes():
    async def go(pilot, app):
        listing, reader, timeline = parts(app)
        await pilot.press("tab")
        assert app.focused is reader
        await pilot.press("tab")
        assert app.focused is timeline
        await pilot.press("shift+tab", "shift+tab")
        assert app.focused is listing

    run(go)


def test_reader_scrolls_with_keys():
    async def go(pilot, app):
        _, reader, _ = parts(app)
        await pilot.press("enter", "j", "j", "j")
        assert reader.scroll_offset.y == 3
        await pilot.press("k")
        assert reader.scroll_offset.y == 2
        await pilot.press("G")
        assert reader.scroll_offset.y == reader.max_scroll_y > 0
        await pilot.press("g")
        assert reader.scroll_offset.y == 0
        await pilot.press("space")
        assert reader.scroll_offset.y == reader.size.height - 1

    run(go, size=(100, 24))


def test_e_and_d_jump_between_names_and_dates_and_scroll_to_them():
    async def go(pilot, app):
        _, reader, _ = parts(app)
        await pilot.press("enter", "e")
        first = reader.current_mark
        assert first.kind in ("PER", "LOC", "ORG", "MISC")
        await pilot.press("e")
        second = reader.current_mark
        assert second.start > first.start and second.kind in ("PER", "LOC", "ORG", "MISC")
        await pilot.press("E")
        assert reader.current_mark == first
        await pilot.press("d")
        assert reader.current_mark.kind == "DATE" and reader.current_mark.start > first.start
        for _ in range(30):
            await pilot.press("e")
            top = reader.scroll_offset.y
            assert top <= reader.line_of(reader.current_mark.start) < top + reader.size.height

    run(go, size=(100, 24))


def test_search_as_you_type_updates_the_list_and_n_moves_between_matches():
    async def go(pilot, app):
        listing, reader, _ = parts(app)
        await pilot.press("slash")
        assert isinstance(app.focused, Input)
        await pilot.press(*"sotsch")  # a prefix of the word being typed
        await until(pilot, searched(app, "sotsch"))
        assert [app.session.articles[p].id[:3] for p in listing.positions] == ["002"]
        assert reader.article.id.startswith("002")
        matches = [m for m in reader.marks if m.kind == "MATCH"]
        assert matches and all(reader.article.text[m.start : m.end].startswith("Sotsch") for m in matches)
        await pilot.press("enter")  # back to the list
        await pilot.press("enter", "n")
        assert reader.current_mark == matches[0]
        await pilot.press("n")
        assert reader.current_mark == matches[1 % len(matches)]
        await pilot.press("N")
        assert reader.current_mark == matches[0]

    run(go)


def test_a_bad_query_explains_itself_and_keeps_the_last_good_result():
    async def go(pilot, app):
        listing, _, _ = parts(app)
        await pilot.press("slash", *"putin")
        await until(pilot, searched(app, "putin"))
        before = list(listing.positions)
        await pilot.press(*' "offen')
        await until(pilot, lambda: app.session.query_error)
        assert "quotation mark" in app.session.query_error
        assert app.query_one("#query-error").display
        assert listing.positions == before
        await pilot.press("escape")
        await until(pilot, searched(app, ""))
        assert app.query_one(Input).value == "" and app.session.query_error == "" and listing.count == 5
        assert app.focused is listing

    run(go)


def test_f_filters_by_the_name_under_the_cursor_and_c_clears_filters():
    async def go(pilot, app):
        listing, reader, _ = parts(app)
        await pilot.press("enter")
        while reader.current_mark is None or reader.current_mark.value != "Anchorage":
            await pilot.press("e")
        await pilot.press("f")
        await settle(pilot)
        assert [(f.field, f.value) for f in app.session.filters] == [("place", "Anchorage")]
        assert [app.session.articles[p].id[:3] for p in listing.positions] == ["003"]
        assert "place:" in app.query_one("#status").render().plain
        await pilot.press("escape", "c")
        await settle(pilot)
        assert app.session.filters == [] and listing.count == 5

    run(go)


def test_x_unfolds_the_boilerplate():
    async def go(pilot, app):
        listing, reader, _ = parts(app)
        while not listing.current.extras:
            await pilot.press("j")
        await pilot.press("enter")
        lines = reader.virtual_size.height
        await pilot.press("x")
        assert reader.show_extras and reader.virtual_size.height >= lines + len(listing.current.extras)
        await pilot.press("x")
        assert not reader.show_extras and reader.virtual_size.height == lines

    run(go)


def test_timeline_entry_opens_its_article_at_the_sentence_and_a_month_filters():
    async def go(pilot, app):
        listing, reader, timeline = parts(app)
        row = next(i for i in range(len(timeline.rows)) if getattr(timeline.entry(i), "value", "") == "2025-08")
        timeline.focus()
        timeline.move_to(row)
        await pilot.press("enter")
        await pilot.pause()
        source = timeline.entry(row).sources[0]
        assert reader.article.id == source.article and app.focused is reader
        assert reader.current_mark.start == source.start and reader.sentence == (
            source.sentence_start,
            source.sentence_end,
        )
        top = reader.scroll_offset.y
        assert top <= reader.line_of(source.sentence_start) < top + reader.size.height
        assert timeline.open_article == source.article
        heading = next(i for i in range(len(timeline.rows)) if timeline.heading(i) == "2025-10")
        timeline.focus()
        timeline.move_to(heading)
        await pilot.press("enter")
        await settle(pilot)
        assert [(f.field, f.value) for f in app.session.filters] == [("date", "2025-10")]
        assert {app.session.articles[p].id[:3] for p in listing.positions} == {"003"}

    run(go, size=(160, 30))


def test_t_folds_and_unfolds_the_timeline_which_is_hidden_below_100_columns():
    async def go(pilot, app):
        _, _, timeline = parts(app)
        assert not timeline.display
        await pilot.press("t")
        assert timeline.display and app.focused is timeline
        await pilot.press("t")
        assert not timeline.display

    run(go, size=(80, 24))


def test_narrow_layout_shares_one_pane_between_list_and_reader():
    async def go(pilot, app):
        listing, reader, _ = parts(app)
        assert listing.display and not reader.display
        await pilot.press("enter")
        await pilot.pause()
        assert reader.display and not listing.display and app.focused is reader
        await pilot.press("escape")
        await pilot.pause()
        assert listing.display and not reader.display and app.focused is listing

    run(go, size=(50, 24))


def test_help_screen_lists_the_focused_panes_keys_and_the_query_syntax():
    async def go(pilot, app):
        await pilot.press("enter", "question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = app.screen.query_one("#help-text").render()
        plain = str(text)
        assert "Reader has focus" in plain and "Next name" in plain and "person:putin" in plain
        await pilot.press("escape", "f1")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)

    run(go)


def test_y_copies_the_article_with_its_title_date_source_and_author():
    async def go(pilot, app):
        _, reader, _ = parts(app)
        await pilot.press("enter", "y")
        a = reader.article
        assert a.published and a.source and a.author  # the newest seed has them all
        head, body = app.clipboard.split("\n\n", 2)[:2], app.clipboard.split("\n\n", 2)[2]
        assert head[0] == a.title
        assert head[1] == f"October 17, 2025 · {a.source} · {a.author}"
        assert body.split() == " ".join(a.text[p.start : p.end] for p in a.paragraphs).split()

    run(go)


def test_o_hands_the_pager_the_article_wrapped_at_word_boundaries(monkeypatch):
    calls = []
    monkeypatch.setenv("PAGER", "mypager -X")
    monkeypatch.setattr("subprocess.run", lambda cmd, input, check: calls.append((cmd, input)))

    async def go(pilot, app):
        monkeypatch.setattr(app, "suspend", contextlib.nullcontext)
        _, reader, _ = parts(app)
        await pilot.press("enter", "o")
        assert calls and calls[0][0] == ["mypager", "-X"]
        text = calls[0][1].decode()
        assert text.startswith(reader.article.title) and "October 17, 2025" in text
        lines = text.splitlines()
        assert max(map(len, lines)) <= 79  # wrapped for an 80-column terminal
        words = set(reader.article.text.split())
        assert all(w in words for line in lines[3:] for w in line.split())  # no word was split

    run(go, size=(80, 24))


async def choose_in_palette(pilot, key: str, typed: str, expected: str) -> None:
    """Type into the palette and choose its first entry once that is the ``expected`` one."""
    await pilot.press(key)
    assert isinstance(pilot.app.screen, CommandPalette)
    await pilot.press(*typed)

    def first_is_expected() -> bool:
        options = pilot.app.screen.query_one(CommandList)
        return options.option_count > 0 and expected in str(options.get_option_at_index(0).prompt)

    await until(pilot, first_is_expected)
    await pilot.press("enter")
    await settle(pilot)


def test_command_palette_opens_an_article_by_title():
    async def go(pilot, app):
        await choose_in_palette(pilot, "ctrl+p", "Geheimes Telefonat", "Geheimes Telefonat")
        assert parts(app)[1].article.id.startswith("002")

    run(go)


def test_filter_palette_offers_names_with_counts():
    async def go(pilot, app):
        await choose_in_palette(pilot, "F", "anchorage", "Anchorage")
        assert ("place", "Anchorage") in [(f.field, f.value) for f in app.session.filters]
        assert parts(app)[0].count == 1

    run(go)


def test_load_report_has_its_own_screen(in_corpora):
    async def go(pilot, app):
        await pilot.press("R")
        assert isinstance(app.screen, ReportScreen)
        plain = str(app.screen.query_one("#report-text").render())
        assert "binary.txt" in plain and "empty file" in plain and "no text after the front matter" in plain

    run(go, paths=["report"])


def test_bindings_have_ids_and_a_user_keymap_overrides_them():
    async def go(pilot, app):
        _, _, timeline = parts(app)
        await pilot.press("t")
        assert not timeline.display
        await pilot.press("T")
        assert timeline.display

    run(go, size=(80, 24), keymap={"app.timeline": "T"})


def test_q_quits():
    async def go(pilot, app):
        await pilot.press("q")
        await pilot.pause()
        assert app._exit_renderables is not None and not app.is_running

    run(go)


@pytest.mark.parametrize("env", [{"NO_COLOR": "1"}, {"TEXTUAL_COLOR_SYSTEM": "standard"}])
def test_marks_stay_apart_without_colour_and_in_16_colours(monkeypatch, env):
    for k, v in env.items():
        monkeypatch.setenv(k, v)

    async def go(pilot, app):
        _, reader, _ = parts(app)
        await pilot.press("enter")
        await pilot.pause()
        styles = {}
        for y in range(reader.size.height):
            line = reader.scroll_offset.y + y
            _, start, end = reader._lines[line]
            strip = reader.render_line(y)
            for seg in strip:
                if seg.style is not None and seg.text.strip():
                    s = seg.style
                    styles.setdefault((bool(s.bold), bool(s.underline), bool(s.italic)), seg.text)
        app.export_screenshot()  # the whole screen renders through the colour filters without error
        # body text, people (bold), places (underline) at least are told apart by text style alone
        assert {(False, False, False), (True, False, False), (False, True, False)} <= set(styles)

    run(go)


def test_an_article_opened_while_loading_gets_its_marks_when_loading_ends():
    import asyncio

    from tui.index.library import load_library

    library = load_library([str(make_app().paths[0])], limit_mb=5)

    async def main():
        app = make_app()
        app._load = lambda: None  # hold the load: hand the articles over by hand
        async with app.run_test(size=(120, 30)) as pilot:
            await pilot.pause()
            from tui.app.messages import Arrived, Loaded
            from tui.app.widgets.timeline import rows_of

            app.post_message(Arrived(list(library.articles)))
            await pilot.pause()
            await pilot.press("enter")
            reader = app.query_one(Reader)
            assert reader.article is not None and reader.marks == []
            app.post_message(Loaded(library, library.select(""), rows_of(library)))
            await pilot.pause()
            assert {m.kind for m in reader.marks} >= {"PER", "DATE"}

    asyncio.run(main())
