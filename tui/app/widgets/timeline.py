"""The timeline sidebar: dated events under month headings, each with its date, its sentence
and how many articles report it; the events of the open article are marked."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from babel import Locale
from rich.text import Text
from textual.binding import Binding

from tui.app import fmt
from tui.app.widgets.rows import RowList
from tui.app.widgets.wrap import wrap
from tui.corpus.safetext import visible
from tui.i18n import N_, _
from tui.nlp.timevalue import period_of_key

if TYPE_CHECKING:  # numpy loads with the library, after the first frame
    from collections.abc import Sequence

    import numpy as np

    from tui.index.timeline import Entry


def rows_of(library, entries: np.ndarray | None = None, level: str = "month") -> np.ndarray:
    """The rows for these timeline entries of ``library`` (positions, in order; None: all of
    them), one number each: an entry's position, or ``-1 - key`` for the heading of a period
    at ``level`` ("year", "month" or "day"; ``key`` as ``library.period_key``). Made from the
    entries' period keys alone and in a few array operations, so a timeline of 250,000 entries
    costs milliseconds; entries are looked at, and formatted, only for the rows on screen."""
    import numpy as np

    if entries is None:
        entries = library.timeline_positions(None)
    entries = np.asarray(entries, dtype=np.int64)
    periods = library.timeline_periods(entries, level)
    starts = np.flatnonzero(np.diff(periods, prepend=-1) != 0)  # where a new period begins
    rows = np.empty(len(entries) + len(starts), dtype=np.int64)
    headings = starts + np.arange(len(starts))  # each heading pushes the rows after it down one
    is_entry = np.ones(len(rows), dtype=bool)
    is_entry[headings] = False
    rows[headings] = -1 - periods[starts]
    rows[is_entry] = entries
    return rows


def heading_of(key: int) -> str:
    """What a date filter takes for a heading's period: "2024", "2025-10", "2025-10-16"."""
    day, granularity = period_of_key(key)
    return day.isoformat()[: {"year": 4, "month": 7, "day": 10}[granularity]]


def heading_label(key: int, locale: Locale) -> str:
    """A heading in the locale's words: "2024", "Oktober 2025", "Donnerstag, 16. Oktober 2025"."""
    day, granularity = period_of_key(key)
    if granularity == "year":
        return str(day.year)
    return fmt.month(day, locale) if granularity == "month" else fmt.full_day(day, locale)


class Timeline(RowList):
    ROW_HEIGHT = 2
    BINDINGS = [Binding("h,left", "app.back", N_("Back"), show=False, id="timeline.back")]

    def __init__(self, locale: Locale, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.locale = locale
        # From rows_of; empty, a tuple until then (numpy loads after the first frame): len()
        # and indexing read both alike.
        self.rows: np.ndarray = cast("np.ndarray", ())
        self.entries: Sequence[Entry] = []  # the library's timeline, which the rows' entry positions point into
        self.open_article: str | None = None

    def show(self, rows: np.ndarray, entries=None) -> None:
        """Show these rows (from ``rows_of``) of ``entries`` (the library's timeline; default: the
        same as before); the cursor stays on its row if that is still shown."""
        keep = int(self.rows[self.cursor]) if self.cursor < len(self.rows) else None
        if entries is not None and entries is not self.entries:
            self.entries, keep = entries, None
        self.rows = rows
        found = (rows == keep).nonzero()[0].tolist() if keep is not None else []
        self.set_count(len(rows), cursor=int(found[0]) if found else 0)

    def entry_count(self) -> int:
        """How many entries (not headings) are shown."""
        return int((self.rows >= 0).sum()) if len(self.rows) else 0

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

    def row_line(self, row: int, line: int, width: int) -> Text:
        """Two lines per row: a heading under a blank line; an entry's marker, date and number
        of articles, then its sentence over the rest of both lines."""
        e = self.entry(row)
        if e is None:
            text = Text(no_wrap=True, end="")
            if line == 1:
                text.append(heading_label(-1 - int(self.rows[row]), self.locale), style="bold underline")
            return text
        text, sentence = self._head(e), visible((_("Published:") + " " if e.kind == "published" else "") + e.text)
        cut = wrap(sentence, max(1, width - text.cell_len))[0][1]
        if line == 0:
            text.append(sentence[:cut])
            return text
        return Text("  " + sentence[cut:].lstrip(), no_wrap=True, end="")

    def row_text(self, row: int) -> Text:
        """The whole row on one line: a heading, or an entry's head and its whole sentence."""
        e = self.entry(row)
        if e is None:
            return self.row_line(row, 1, 1)
        text = self._head(e)
        text.append(visible((_("Published:") + " " if e.kind == "published" else "") + e.text))
        return text

    def _head(self, e) -> Text:
        text = Text(no_wrap=True, end="")
        mine = self.open_article is not None and any(s.article == self.open_article for s in e.sources)
        text.append("▶ " if mine else "  ", style="bold")
        text.append(entry_when(e, self.locale) + " ", style="bold" if mine else "dim")
        n = len({s.article for s in e.sources})
        if n > 1:
            text.append(f"[{n}] ", style="italic")
        return text


def entry_when(e, locale: Locale, long: bool = False) -> str:
    """An entry's date in the locale's words, a range as "2017–2021"."""
    when = fmt.when(e.value, e.granularity, e.date, locale, e.mod, long)
    if (end := e.until_period()) is not None:
        granularity, first = end
        when += "–" + fmt.when(e.until or "", granularity, first, locale, long=long)
    return when
