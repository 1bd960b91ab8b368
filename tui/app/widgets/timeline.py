"""The timeline sidebar: dated events under month headings, each with its date, its sentence
and how many articles report it; the events of the open article are marked."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from babel import Locale
from rich.text import Text
from textual.binding import Binding

from tui.app import fmt
from tui.app.widgets.rows import RowList
from tui.corpus.safetext import visible


@dataclass(frozen=True)
class Row:
    heading: str | None  # the month ("2025-10") or year ("2024") of a heading row
    entry: object | None  # a tui.index.timeline.Entry for an event row


def rows_of(entries: list) -> list[Row]:
    """Heading and event rows for ``entries`` (in order); cheap enough for a worker thread at any
    size, and free of formatting, which happens only for the rows on screen."""
    rows: list[Row] = []
    current = None
    for e in entries:
        period = f"{e.date.year}" if e.granularity == "year" else f"{e.date.year}-{e.date.month:02d}"
        if period != current:
            rows.append(Row(period, None))
            current = period
        rows.append(Row(None, e))
    return rows


class Timeline(RowList):
    BINDINGS = [Binding("h,left", "app.back", "Back", show=False, id="timeline.back")]

    def __init__(self, locale: Locale, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.locale = locale
        self.rows: list[Row] = []
        self.open_article: str | None = None

    def show(self, rows: list[Row]) -> None:
        """Show these rows (from ``rows_of``); the cursor stays on its row if that is still shown."""
        keep = self.rows[self.cursor] if self.rows and self.cursor < len(self.rows) else None
        self.rows = rows
        at = 0
        if keep is not None:
            at = next((i for i, r in enumerate(rows) if r.heading == keep.heading and r.entry is keep.entry), 0)
        self.set_count(len(rows), cursor=at)

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
        e = r.entry
        mine = self.open_article is not None and any(s.article == self.open_article for s in e.sources)
        text.append("▶ " if mine else "  ", style="bold")
        text.append(f"{fmt.period(e.value, e.granularity, e.date, self.locale):<12} ", style="bold" if mine else "dim")
        n = len({s.article for s in e.sources})
        if n > 1:
            text.append(f"[{n}] ", style="italic")
        text.append(visible(("Published: " if e.kind == "published" else "") + e.text))
        return text
