"""Following a story through the app: the full-screen timeline, counts that follow the
list, filters one by one, focus, an empty result, and leaving the app with an article."""

from __future__ import annotations

import pytest
from textual.command import CommandList, CommandPalette
from textual.widgets import Static

from tests.app.conftest import settle, until
from tests.app.test_keys import run
from tui.app.screens.confirm import ConfirmScreen
from tui.app.screens.help import HelpScreen
from tui.app.screens.timeline import TimelineScreen, TimelineView
from tui.app.widgets.article_list import ArticleList
from tui.app.widgets.reader import Reader
from tui.app.widgets.searchbar import SearchBar
from tui.app.widgets.timeline import Timeline
from tui.index.state import content_key


def status(app) -> str:
    return app.query_one("#status", Static).render().plain


def entries_of(view) -> list:
    return [view.entry(r) for r in range(len(view.rows)) if view.entry(r) is not None]


def test_T_opens_the_full_timeline_at_the_busiest_month_with_every_listed_entry():
    async def go(pilot, app):
        sidebar = app.query_one(Timeline)
        await pilot.press("T")
        assert isinstance(app.screen, TimelineScreen)
        view = app.screen.query_one(TimelineView)
        assert app.focused is view
        assert entries_of(view) == [sidebar.entry(r) for r in range(len(sidebar.rows)) if sidebar.entry(r)]
        # Two seeds were published in October 2025, one in February: it opens at October's heading.
        assert view.heading(view.cursor) == 20251000
        await pilot.press("g")
        assert view.cursor == 0
        await pilot.press("G")
        assert view.cursor == len(view.rows) - 1
        await pilot.press("escape")
        assert not isinstance(app.screen, TimelineScreen)

    run(go)


def test_plus_and_minus_switch_the_headings_between_year_month_and_day():
    async def go(pilot, app):
        await pilot.press("T")
        view = app.screen.query_one(TimelineView)
        n = len(entries_of(view))

        def headings():
            return [view.heading(r) for r in range(len(view.rows)) if view.heading(r) is not None]

        months = headings()
        assert all(k % 100 == 0 for k in months) and any(k % 10000 for k in months)  # (a year-only entry: "2025")
        await pilot.press("minus")
        years = headings()
        assert all(k % 10000 == 0 for k in years) and len(years) < len(months)
        await pilot.press("minus")  # already the coarsest
        assert headings() == years
        await pilot.press("plus", "plus")
        days = headings()
        assert len(days) > len(months) and any(k % 100 for k in days)
        assert len(entries_of(view)) == n  # every level shows every entry

    run(go)


def test_enter_on_a_timeline_entry_opens_its_article_at_the_sentence():
    async def go(pilot, app):
        await pilot.press("T")
        view = app.screen.query_one(TimelineView)
        await pilot.press("j")  # from October's heading to its first entry
        entry = view.entry(view.cursor)
        assert entry is not None
        await pilot.press("enter")
        await settle(pilot)
        reader = app.query_one(Reader)
        source = entry.sources[0]
        assert not isinstance(app.screen, TimelineScreen)
        assert reader.article.id == source.article
        assert reader.line_of(source.start) >= 0

    run(go)


def test_the_full_timeline_follows_a_filter_chosen_while_it_is_open():
    async def go(pilot, app):
        await pilot.press("T")
        view = app.screen.query_one(TimelineView)
        before = entries_of(view)
        app.add_filter("place", "Anchorage")
        await settle(pilot)
        await until(pilot, lambda: len(entries_of(view)) < len(before))
        listed = set(app.session.selection.positions)
        position = app.session.library.position
        assert all(any(position[s.article] in listed for s in e.sources) for e in entries_of(view))

    run(go)


def test_header_counts_follow_the_search_for_articles_and_timeline_entries():
    async def go(pilot, app):
        assert "5 of 5 articles" in status(app)
        sidebar = app.query_one(Timeline)
        await pilot.press("slash", *"anchorage", "enter")
        await until(
            pilot, lambda: app.session.selection is not None and app.session.selection.query.text == "anchorage"
        )
        shown = len(app.session.selection.positions)
        assert 0 < shown < 5
        await until(pilot, lambda: f"{sidebar.entry_count()} timeline entr" in status(app))
        assert f"{shown} of 5 articles" in status(app)
        assert sidebar.entry_count() < 9

    run(go)


def test_the_top_line_summarises_filters_and_F_removes_one_of_them():
    async def go(pilot, app):
        app.add_filter("person", "Wladimir Putin")
        app.add_filter("place", "Anchorage")  # (cancels the search the first one started)
        await until(
            pilot, lambda: app.session.selection is not None and "anchorage" in app.session.selection.query.text.lower()
        )
        line = status(app)
        assert "place: Anchorage +1" in line and len(line) <= 78  # one line at 80 columns, nothing cut
        if "(F removes, c clears)" not in line:  # the hint goes first when there is no room
            assert len(line) + len("  (F removes, c clears)") > 78
        await pilot.press("F")
        assert isinstance(app.screen, CommandPalette)
        options = app.screen.query_one(CommandList)
        await until(pilot, lambda: options.option_count > 0)
        first = str(options.get_option_at_index(0).prompt)
        assert first.startswith("Remove filter: ")
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert not any(p.startswith("Filter by place: Anchorage") for p in prompts)  # active: offered for removal
        await pilot.press("enter")
        for _ in range(100):  # (the palette's own search worker is cancelled as it closes)
            if len(app.session.filters) == 1 and not isinstance(app.screen, CommandPalette):
                break
            await pilot.pause(0.05)
        assert len(app.session.filters) == 1
        await pilot.press("c")
        await settle(pilot)
        assert app.session.filters == [] and "5 of 5 articles" in status(app)

    run(go, size=(80, 24))


def test_a_search_without_results_says_so_and_clears_the_reader():
    async def go(pilot, app):
        await pilot.press("enter", "slash", *"xyzzyquux", "enter")
        await until(
            pilot, lambda: app.session.selection is not None and app.session.selection.query.text == "xyzzyquux"
        )
        listing = app.query_one(ArticleList)
        assert listing.positions == [] or len(listing.positions) == 0
        assert listing.empty_message == "No article matches."
        assert app.query_one(Reader).article is None
        assert "0 of 5 articles · 0 timeline entries" in status(app)

    run(go)


def test_tab_cycles_list_reader_and_timeline_and_never_enters_the_search_bar():
    async def go(pilot, app):
        listing, reader, sidebar = app.query_one(ArticleList), app.query_one(Reader), app.query_one(Timeline)
        seen = []
        for _ in range(4):
            seen.append(app.focused)
            await pilot.press("tab")
        assert seen == [listing, reader, sidebar, listing]
        assert app.focused is reader
        await pilot.press("shift+tab", "shift+tab")
        assert app.focused is sidebar
        await pilot.press("question_mark")  # a key, not a query
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape", "slash")
        assert isinstance(app.focused, SearchBar)

    run(go)


def test_help_lists_each_key_once():
    async def go(pilot, app):
        await pilot.press("question_mark")
        text = app.screen.query_one("#help-text").content.plain
        assert text.count("ctrl+p") == 1
        assert text.count("Shift+Tab") == 1

    run(go, size=(80, 24))


def test_M_over_several_articles_asks_first_and_no_changes_nothing():
    async def go(pilot, app):
        await pilot.press("M")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        assert not isinstance(app.screen, ConfirmScreen)
        assert not any(app.state.is_read(content_key(a.text)) for a in app.session.articles)

    run(go)


@pytest.fixture
def browser(monkeypatch):
    """The addresses a browser was asked to open (none is started), on a desktop with a display."""
    opened = []
    monkeypatch.setattr("webbrowser.open", lambda url, new=0: opened.append(url) or True)
    monkeypatch.setattr("tui.app.outside.remote_or_headless", lambda: False)
    return opened


def _one_article(folder, url: str):
    folder.mkdir()
    (folder / "a.md").write_text(
        f"---\ntitle: Ein Artikel\nurl: {url}\n---\n\nDer Text des Artikels.\n", encoding="utf-8"
    )
    return [folder]


def _notified(app, words: str) -> bool:
    return any(words in str(n.message) for n in app._notifications)


def test_u_says_when_an_article_has_no_web_address(browser):
    async def go(pilot, app):
        await pilot.press("u")
        assert browser == [] and _notified(app, "no web address")

    run(go)


def test_u_opens_an_http_address_in_the_browser(browser, tmp_path):
    async def go(pilot, app):
        await pilot.press("u")
        assert browser == ["https://example.org/a?x=1"]

    run(go, paths=_one_article(tmp_path / "news", "https://example.org/a?x=1"))


def test_u_over_ssh_shows_the_address_and_copies_it(monkeypatch, tmp_path):
    browser = []
    monkeypatch.setattr("webbrowser.open", lambda url, new=0: browser.append(url) or True)
    monkeypatch.setenv("SSH_CONNECTION", "10.0.0.1 5555 10.0.0.2 22")

    async def go(pilot, app):
        await pilot.press("u")
        assert browser == [] and app.clipboard == "https://example.org/a"
        assert _notified(app, "https://example.org/a (copied")

    run(go, paths=_one_article(tmp_path / "news", "https://example.org/a"))


def test_u_never_opens_a_javascript_or_file_address(browser, tmp_path):
    async def go(pilot, app):
        await pilot.press("u")
        assert browser == [] and app.clipboard != "javascript:alert(1)"
        assert _notified(app, "only http and https")

    run(go, paths=_one_article(tmp_path / "news", "javascript:alert(1)"))


def test_under_no_color_names_are_drawn_in_the_body_texts_own_colour(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")

    async def go(pilot, app):
        reader = app.query_one(Reader)
        await pilot.press("enter")
        await pilot.pause()
        colours = {}
        for y in range(reader.size.height):
            for seg in reader.render_line(y):
                if seg.style is not None and seg.text.strip() and not seg.style.reverse:
                    colours.setdefault(bool(seg.style.bold or seg.style.underline or seg.style.italic), set()).add(
                        seg.style.color
                    )
        assert colours[True] and colours[True] <= colours[False]  # marks: no colour of their own

    run(go)


def test_a_phrase_search_marks_only_the_phrase_in_the_reader():
    async def go(pilot, app):
        await pilot.press("slash", *'"der russische"', "enter")
        await until(
            pilot, lambda: app.session.selection is not None and app.session.selection.query.text == '"der russische"'
        )
        reader = app.query_one(Reader)
        spans = app.session.library.highlights(reader.article.id, app.session.selection)
        assert spans and {reader.article.text[a:b].lower() for a, b in spans} == {"der russische"}

    run(go)


def test_i_lists_the_open_articles_names_by_kind_and_enter_filters_by_one():
    from tui.app.screens.names import NamesList, NamesScreen

    async def go(pilot, app):
        reader = app.query_one(Reader)
        await pilot.press("enter", "i")
        assert isinstance(app.screen, NamesScreen)
        names = app.screen.query_one(NamesList)
        rows = names.rows
        position = app.session.library.position[reader.article.id]
        spans = app.session.library.entities[position]
        listed = {(label, key): n for label, key, n in rows if key is not None}
        assert sum(listed.values()) == len(spans)  # every mention counted once
        assert ("PER", "Wladimir Putin") in listed
        headings = [label for label, key, _n in rows if key is None]
        assert headings == sorted(headings, key=["PER", "LOC", "ORG", "MISC"].index)
        assert rows[names.cursor][1] is not None  # the cursor starts on a name, not a heading
        label, key, _n = rows[names.cursor]
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, NamesScreen)
        assert [(f.field, f.value) for f in app.session.filters] == [
            ({"PER": "person", "LOC": "place", "ORG": "org"}.get(label, "entity"), key)
        ]
        assert reader.article is not None and all(
            any(s.key == key for s in app.session.library.entities[p]) for p in app.session.selection.positions
        )

    run(go, size=(80, 24))
