"""The app opens web pages, PDFs and feed entries like any article."""

from __future__ import annotations

from tests.app.test_keys import parts, run
from tests.corpus.test_formats import PAGE, RSS, make_pdf


def test_pages_pdfs_and_feed_entries_are_listed_and_open_in_the_reader(tmp_path):
    (tmp_path / "seite.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "news.rss").write_text(RSS, encoding="utf-8")
    make_pdf(tmp_path / "zeitung.pdf")

    async def go(pilot, app):
        listing, reader, _ = parts(app)
        assert listing.count == 4
        seen = {}
        for row in range(listing.count):
            await pilot.press("enter")
            seen[reader.article.id] = (reader.article.title, reader.article.format)
            shown = "\n".join(reader.render_line(y).text for y in range(reader.size.height))
            assert reader.article.title.split()[0] in shown
            await pilot.press("escape", "j")
        assert seen == {
            "seite.html": ("Trump und Putin sprechen über die Ukraine", "html"),
            "zeitung.pdf": ("Trump und Putin telefonieren erneut", "pdf"),
            "news.rss#bz-1": ("Trump telefoniert mit Putin", "feed"),
            "news.rss#bz-2": ("Selenskyj in Washington", "feed"),
        }

    run(go, paths=[str(tmp_path)])
