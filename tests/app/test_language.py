"""The app speaks the active language and switches without a restart."""

from __future__ import annotations

import re

from textual.widgets import Input

from tests.app.test_keys import choose_in_palette, run
from tui.app.screens.help import HelpScreen
from tui.app.widgets.article_list import ArticleList
from tui.app.widgets.reader import Reader
from tui.app.widgets.timeline import Timeline

# Words of the English interface that have a German translation: none may be left on a German screen.
ENGLISH = re.compile(
    r"\b(Quit|Help|Search|Timeline|Star|Next name|Next date|articles|entries|timeline|"
    r"Open|Back|Everywhere|Query syntax|Keys)\b"
)


def plain(app) -> str:
    svg = app.export_screenshot()
    return re.sub(r"&#160;|&nbsp;", " ", re.sub(r"<[^>]+>", "", svg))


def test_a_german_screen_has_no_english_words_left():
    async def go(pilot, app):
        await pilot.press("enter")
        await pilot.pause()
        text = plain(app)
        assert "Hilfe" in text and "Zeitleiste" in text and "von 5 Artikeln" in text
        assert not ENGLISH.findall(text), ENGLISH.findall(text)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = app.screen.query_one("#help-text").content.plain  # all of it, also what is scrolled away
        assert "Suchsprache" in text and "Tasten (Reader hat den Fokus)" in text
        assert not ENGLISH.findall(text), ENGLISH.findall(text)

    run(go, locale="de_DE")


def test_the_palette_switches_the_language_and_everything_follows():
    async def go(pilot, app):
        listing, reader, timeline = app.query_one(ArticleList), app.query_one(Reader), app.query_one(Timeline)
        await pilot.press("slash", *"putin", "enter", "enter", "space")
        place, opened, query = reader.place, reader.article.id, app.session.selection.query.text
        dated = next(r for r, p in enumerate(listing.positions) if listing.articles[p].published)
        assert re.search(r"[A-Z][a-z]{2} \d{1,2}, \d{4}", listing.row_text(dated).plain)  # "Oct 17, 2025"
        await choose_in_palette(pilot, "ctrl+p", "Language: Deutsch", "Language: Deutsch")
        assert app.locale.language == "de"
        footer = plain(app)
        assert "Hilfe" in footer and "Beenden" in footer
        assert app.query_one("#search", Input).placeholder.startswith("/ Suche:")
        assert re.search(r"\d{2}\.\d{2}\.\d{4}", listing.row_text(dated).plain)  # "17.10.2025"
        months = [timeline.row_text(r).plain for r in range(len(timeline.rows)) if timeline.entry(r) is None]
        assert any(m in " ".join(months) for m in ("Oktober", "März", "Februar", "August"))
        assert "Erschienen:" in " ".join(timeline.row_text(r).plain for r in range(len(timeline.rows)))
        # Nothing else moved: the query, the open article and the place in it.
        assert (reader.article.id, reader.place, app.session.selection.query.text) == (opened, place, query)
        await choose_in_palette(pilot, "ctrl+p", "Sprache: English", "Sprache: English")
        assert app.locale.language == "en"
        assert "Help" in plain(app)

    run(go)
