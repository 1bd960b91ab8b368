"""Read and starred marks, and where the reader left off, for ``ChronikApp``.

Every change goes to the reading state (``tui.index.state``) the moment it is made, before the
screen shows it, so what the user has seen is what is kept. The state is checked every couple of
seconds for writes that waited on a busy database and for changes made by another instance.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work

from tui.app import fmt
from tui.app.base import AppBase
from tui.app.messages import LastArticleFound
from tui.app.screens.confirm import ConfirmScreen
from tui.app.widgets.article_list import ArticleList
from tui.app.widgets.reader import Reader
from tui.corpus import Article
from tui.i18n import _, ngettext
from tui.index.state import content_key

if TYPE_CHECKING:
    pass

SYNC_SECONDS = 2.0


class Reading(AppBase):
    """Mixin for ``ChronikApp``: the keys m, M and s, and the session kept and restored."""

    def _start_reading_state(self) -> None:
        self._warned = 0
        self._warn_state()
        self._restoring = bool(self.state.session.get("article"))
        self.watch(self.query_one(Reader), "scroll_y", self._reader_scrolled, init=False)
        self.set_interval(SYNC_SECONDS, self._sync_state)

    def _warn_state(self) -> None:
        for warning in self.state.warnings[self._warned :]:
            self.notify(warning, title=_("Reading state"), severity="warning", timeout=10, markup=False)
        self._warned = len(self.state.warnings)

    def _sync_state(self) -> None:
        self.state.flush()
        if self.state.changed_elsewhere() and self.state.reload():
            self.query_one(ArticleList).refresh()
        self._warn_state()

    # -- the session ------------------------------------------------------------------------

    def _remember_query(self) -> None:
        self.state.remember(query=self.session.search_text, filters=[[f.field, f.value] for f in self.session.filters])

    def _remember_article(self, article: Article) -> None:
        self._restoring = False  # the user chose an article: the last session's is not wanted now
        self.state.remember(article=content_key(article.text), place=0)

    def _reader_scrolled(self) -> None:
        reader = self.query_one(Reader)
        if reader.article is not None and not self._restoring:
            self.state.remember(place=reader.place)

    def _restore_article(self) -> None:
        """Open the article the last session ended on, where it was left (once loading is done)."""
        if self._restoring and self.session.library is not None:
            self._find_last_article(self.session.library, self.state.session.get("article"))

    @work(thread=True, exclusive=True, exit_on_error=False, group="restore", description="find the last article")
    def _find_last_article(self, library, key) -> None:
        try:
            position = library.keys.index(key)
        except ValueError:
            position = None  # gone, or changed beyond recognition
        self.post_message(LastArticleFound(library, position))

    def on_last_article_found(self, message: LastArticleFound) -> None:
        library, position = message.library, message.position
        if not self._restoring or not self.session.shows(library):
            return
        self._restoring = False
        if position is None:
            return
        place = self.state.session.get("place")
        self.open_article(library.articles[position].id, focus=False)  # (library: the one shown)
        if isinstance(place, int):
            self.query_one(Reader).go_to_place(place)

    # -- marks ------------------------------------------------------------------------------

    def _current_article(self) -> Article | None:
        reader = self.query_one(Reader)
        if reader.has_focus and reader.article is not None:
            return reader.article
        return self.query_one(ArticleList).current or reader.article

    def mark_opened(self, article: Article) -> None:
        self.state.mark_read([content_key(article.text)])
        self._remember_article(article)
        self.query_one(ArticleList).refresh()

    def action_toggle_read(self) -> None:
        article = self._current_article()
        if article is not None:
            key = content_key(article.text)
            self.state.mark_read([key], read=not self.state.is_read(key))
            self.query_one(ArticleList).refresh()
            self._warn_state()

    def action_toggle_star(self) -> None:
        article = self._current_article()
        if article is not None:
            key = content_key(article.text)
            self.state.star(key, not self.state.is_starred(key))
            self.query_one(ArticleList).refresh()
            self._warn_state()

    def action_mark_all_read(self) -> None:
        """Every article in the list read; when they all are already, every one unread again."""
        listing = self.query_one(ArticleList)
        if not listing.positions:
            return
        lib = self.session.library
        if lib is not None and not self.session.loading and listing.articles is lib.articles:
            keys = [lib.keys[p] for p in listing.positions]  # worked out once per library
        else:
            keys = [content_key(listing.articles[p].text) for p in listing.positions]
        read = not all(self.state.is_read(k) for k in keys)
        if len(keys) == 1:
            self._mark_all(keys, read)
            return
        n = fmt.number(len(keys), self.locale)
        question = (
            _("Mark all {n} listed articles read?")
            if read
            else _("All {n} listed articles are read. Mark them all unread?")
        ).format(n=n)
        self.push_screen(ConfirmScreen(question), lambda yes: self._mark_all(keys, read) if yes else None)

    def _mark_all(self, keys: list[str], read: bool) -> None:
        listing = self.query_one(ArticleList)
        self.state.mark_read(keys, read=read)
        listing.refresh()
        n = fmt.number(len(keys), self.locale)
        self.notify(
            (
                ngettext("{n} article marked read.", "{n} articles marked read.", len(keys))
                if read
                else ngettext("{n} article marked unread.", "{n} articles marked unread.", len(keys))
            ).format(n=n),
            timeout=3,
            markup=False,
        )
        self._warn_state()
