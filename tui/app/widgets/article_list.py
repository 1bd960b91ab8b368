"""The article list: unread and star markers, date, source and title, one row per article."""

from __future__ import annotations

from collections.abc import Sequence

from babel import Locale
from rich.text import Text

from tui.app import fmt
from tui.app.widgets.rows import RowList
from tui.corpus import Article
from tui.corpus.safetext import visible
from tui.index.state import ReadingState, content_key


class ArticleList(RowList):
    def __init__(self, locale: Locale, state: ReadingState, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.locale = locale
        self.state = state  # read and starred, by content key
        self.articles: Sequence[Article] = []  # every article, by position
        self.positions: list[int] = []  # the rows: positions into ``articles``, in display order
        self._dated_seen: tuple | None = None  # the screen of rows ``_dated`` was worked out for
        self._dated = False

    def show(self, articles: Sequence[Article], positions: list[int], keep: int | None = None) -> bool:
        """Show ``positions`` of ``articles``; the cursor stays on the article at position ``keep``
        if it is listed (and then returns True), else goes to the top."""
        # A copy: ``append`` grows the rows while loading, and ``positions`` belongs to a selection
        # that a worker may be reading at that moment.
        self.articles, self.positions = articles, list(positions)
        try:
            row = positions.index(keep) if keep is not None else None
        except ValueError:
            row = None
        self.set_count(len(positions), cursor=row or 0)
        return row is not None

    def append(self, articles: Sequence[Article], new: list[int]) -> None:
        """More articles arrived while loading: add their rows at the end, the cursor stays."""
        self.articles = articles
        self.positions.extend(new)
        self.set_count(len(self.positions))

    @property
    def current(self) -> Article | None:
        return self.articles[self.positions[self.cursor]] if self.positions else None

    def row_of(self, position: int) -> int | None:
        """The row showing the article at ``position``, if it is listed."""
        try:
            return self.positions.index(position)
        except ValueError:
            return None

    def _dated_on_screen(self) -> bool:
        """Whether any row on screen has a date: a column of blanks would take the titles' room."""
        top, height = self.scroll_offset.y, max(1, self.size.height)
        seen = (top, height, id(self.positions), len(self.positions))
        if self._dated_seen != seen:
            rows = self.positions[top : top + height]
            self._dated_seen, self._dated = seen, any(self.articles[p].published for p in rows)
        return self._dated

    def row_text(self, row: int) -> Text:
        a = self.articles[self.positions[row]]
        wide = self.size.width >= 48
        key = content_key(a.text)  # a few microseconds for the rows on screen; no table to keep up
        read, starred = self.state.is_read(key), self.state.is_starred(key)
        text = Text(no_wrap=True, end="")
        text.append(" " if read else "●", style="" if read else "bold")
        text.append("★ " if starred else "  ", style="bold yellow" if starred else "")
        if self._dated_on_screen():
            # Below 48 columns the short form ("17.10.25") leaves the title more room.
            date = (fmt.day if wide else fmt.short_day)(a.published.date, self.locale) if a.published else ""
            text.append(f"{date:<{12 if wide else 8}} ", style="dim")
        if wide:
            text.append(f"{visible(a.source or '–'):<10.10} ", style="italic")
        text.append(visible(a.title), style="" if read else "bold")
        return text
