"""The timeline sidebar: dated events under month headings, each with its date, its sentence
and how many articles report it; the events of the open article are marked."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from babel import Locale
from rich.text import Text
from textual.binding import Binding

from tui.app import fmt
from tui.app.widgets.rows import RowList
from tui.corpus.safetext import visible
from tui.i18n import N_, _

if TYPE_CHECKING:  # numpy loads with the library, after the first frame
    import numpy as np


def rows_of(library, entries: np.ndarray | None = None) -> np.ndarray:
    """The rows for these timeline entries of ``library`` (positions, in order; None: all of
    them), one number each: an entry's position, or ``-1 - period`` for the heading of a period
    (``year * 100 + month``, month 0 for a whole year). Made from the entries' months alone and
    in a few array operations, so a timeline of 250,000 entries costs milliseconds; entries are
    looked at, and formatted, only for the rows on screen."""
    import numpy as np

    if entries is None:
        entries = library.timeline_positions(None)
    entries = np.asarray(entries, dtype=np.int64)
    periods = library.derived.periods[entries]
    starts = np.flatnonzero(np.diff(periods, prepend=-1) != 0)  # where a new period begins
    rows = np.empty(len(entries) + len(starts), dtype=np.int64)
    headings = starts + np.arange(len(starts))  # each heading pushes the rows after it down one
    is_entry = np.ones(len(rows), dtype=bool)
    is_entry[headings] = False
    rows[headings] = -1 - periods[starts]
    rows[is_entry] = entries
    return rows


def heading_of(period: int) -> str:
    """ "2025-10" for a month, "2024" for a whole year."""
    return f"{period // 100}" if period % 100 == 0 else f"{period // 100}-{period % 100:02d}"


class Timeline(RowList):
    BINDINGS = [Binding("h,left", "app.back", N_("Back"), show=False, id="timeline.back")]

    def __init__(self, locale: Locale, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.locale = locale
        self.rows: np.ndarray | tuple = ()  # from rows_of
        self.entries = []  # the library's timeline, which the rows' entry positions point into
        self.open_article: str | None = None

    def show(self, rows: np.ndarray, entries=None) -> None:
        """Show these rows (from ``rows_of``) of ``entries`` (the library's timeline; default: the
        same as before); the cursor stays on its row if that is still shown."""
        keep = int(self.rows[self.cursor]) if self.cursor < len(self.rows) else None
        if entries is not None and entries is not self.entries:
            self.entries, keep = entries, None
        self.rows = rows
        found = (rows == keep).nonzero()[0] if keep is not None else ()
        self.set_count(len(rows), cursor=int(found[0]) if len(found) else 0)

    def entry(self, row: int):
        """The timeline entry shown in ``row`` (None for a heading)."""
        r = int(self.rows[row])
        return self.entries[r] if r >= 0 else None

    def heading(self, row: int) -> str | None:
        """The period ("2025-10", "2024") of a heading row (None for an entry)."""
        r = int(self.rows[row])
        return heading_of(-1 - r) if r < 0 else None

    def mark_open(self, article_id: str | None) -> None:
        self.open_article = article_id
        self.refresh()

    def row_text(self, row: int) -> Text:
        text = Text(no_wrap=True, end="")
        e = self.entry(row)
        if e is None:
            period = -1 - int(self.rows[row])
            label = str(period // 100) if period % 100 == 0 else \
                fmt.month(dt.date(period // 100, period % 100, 1), self.locale)
            text.append(label, style="bold underline")
            return text
        mine = self.open_article is not None and any(s.article == self.open_article for s in e.sources)
        text.append("▶ " if mine else "  ", style="bold")
        when = fmt.period(e.value, e.granularity, e.date, self.locale)
        if (end := e.until_period()) is not None:
            when += "–" + fmt.period(e.until, *end, self.locale)
        text.append(f"{when:<12} ", style="bold" if mine else "dim")
        n = len({s.article for s in e.sources})
        if n > 1:
            text.append(f"[{n}] ", style="italic")
        text.append(visible((_("Published:") + " " if e.kind == "published" else "") + e.text))
        return text
