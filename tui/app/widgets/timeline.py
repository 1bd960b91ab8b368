"""The timeline sidebar: dated events under month headings, each with its date, its sentence
and how many articles report it; the events of the open article are marked."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from babel import Locale
from rich.text import Text
from textual.binding import Binding

from tui.app import fmt
from tui.app.widgets.rows import RowList
from tui.corpus.safetext import visible


@dataclass(frozen=True, slots=True)
class Row:
    heading: str | None  # the month ("2025-10") or year ("2024") of a heading row
    entry: int | None  # for an event row: the position of its entry in the library's timeline


def rows_of(library, entries: np.ndarray | None = None) -> list[Row]:
    """Heading and event rows for these timeline entries of ``library`` (positions, in order;
    None: all of them). Made from the entries' months alone, so cheap enough for a worker
    thread at any size: entries are looked at, and formatted, only for the rows on screen."""
    if entries is None:
        entries = library.timeline_positions(None)
    periods = library.derived.periods[entries]
    new = np.flatnonzero(np.diff(periods, prepend=-1) != 0).tolist()
    rows: list[Row] = []
    bounds = new + [len(entries)]
    chosen = entries.tolist()
    for a, b in zip(bounds, bounds[1:]):
        period = int(periods[a])
        rows.append(Row(f"{period // 100}" if period % 100 == 0 else f"{period // 100}-{period % 100:02d}", None))
        rows.extend(Row(None, e) for e in chosen[a:b])
    return rows


class Timeline(RowList):
    BINDINGS = [Binding("h,left", "app.back", "Back", show=False, id="timeline.back")]

    def __init__(self, locale: Locale, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.locale = locale
        self.rows: list[Row] = []
        self.entries = []  # the library's timeline, which the rows' entry positions point into
        self.open_article: str | None = None

    def show(self, rows: list[Row], entries=None) -> None:
        """Show these rows (from ``rows_of``) of ``entries`` (the library's timeline; default: the
        same as before); the cursor stays on its row if that is still shown."""
        keep = self.rows[self.cursor] if self.rows and self.cursor < len(self.rows) else None
        if entries is not None and entries is not self.entries:
            self.entries, keep = entries, None
        self.rows = rows
        at = 0
        if keep is not None:
            at = next((i for i, r in enumerate(rows) if r == keep), 0)
        self.set_count(len(rows), cursor=at)

    def entry(self, row: int):
        """The timeline entry shown in ``row`` (None for a heading)."""
        r = self.rows[row]
        return None if r.entry is None else self.entries[r.entry]

    def mark_open(self, article_id: str | None) -> None:
        self.open_article = article_id
        self.refresh()

    def row_text(self, row: int) -> Text:
        r = self.rows[row]
        text = Text(no_wrap=True, end="")
        if r.entry is None:
            label = r.heading if len(r.heading) == 4 else \
                fmt.month(dt.date(int(r.heading[:4]), int(r.heading[5:]), 1), self.locale)
            text.append(label, style="bold underline")
            return text
        e = self.entries[r.entry]
        mine = self.open_article is not None and any(s.article == self.open_article for s in e.sources)
        text.append("▶ " if mine else "  ", style="bold")
        text.append(f"{fmt.period(e.value, e.granularity, e.date, self.locale):<12} ", style="bold" if mine else "dim")
        n = len({s.article for s in e.sources})
        if n > 1:
            text.append(f"[{n}] ", style="italic")
        text.append(visible(("Published: " if e.kind == "published" else "") + e.text))
        return text
