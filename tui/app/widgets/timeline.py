"""The timeline sidebar: dated events under month headings, each with its date, its sentence
and how many articles report it; the events of the open article are marked."""

from __future__ import annotations

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
    label: str


class Timeline(RowList):
    BINDINGS = [Binding("h,left", "app.back", "Back", show=False, id="timeline.back")]

    def __init__(self, locale: Locale, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.locale = locale
        self.rows: list[Row] = []
        self.open_article: str | None = None

    def show(self, entries: list) -> None:
        """Show ``entries`` (in order) grouped under month headings (year headings for years)."""
        rows: list[Row] = []
        current = None
        for e in entries:
            if e.granularity == "year":
                period, label = f"{e.date.year}", str(e.date.year)
            else:
                period, label = e.date.strftime("%Y-%m"), fmt.month(e.date, self.locale)
            if period != current:
                rows.append(Row(period, None, label))
                current = period
            rows.append(Row(None, e, fmt.period(e.value, e.granularity, e.date, self.locale)))
        keep = self.rows[self.cursor] if self.rows and self.cursor < len(self.rows) else None
        self.rows = rows
        self.set_count(len(rows), cursor=rows.index(keep) if keep in rows else 0)

    def mark_open(self, article_id: str | None) -> None:
        self.open_article = article_id
        self.refresh()

    def row_of_entry(self, entry) -> int | None:
        return next((i for i, r in enumerate(self.rows) if r.entry is entry), None)

    def row_text(self, row: int) -> Text:
        r = self.rows[row]
        text = Text(no_wrap=True, end="")
        if r.entry is None:
            text.append(r.label, style="bold underline")
            return text
        e = r.entry
        mine = self.open_article is not None and any(s.article == self.open_article for s in e.sources)
        text.append("▶ " if mine else "  ", style="bold")
        text.append(f"{r.label:<12} ", style="bold" if mine else "dim")
        n = len({s.article for s in e.sources})
        if n > 1:
            text.append(f"[{n}] ", style="italic")
        text.append(visible(("Published: " if e.kind == "published" else "") + e.text))
        return text
