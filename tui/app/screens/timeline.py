"""The full-screen timeline (``T``): a place to read a story in order.

Each entry shows its date in words, its whole sentence wrapped, the names in that sentence
and the sources that report it; headings group the entries by year, month or day (``+`` and
``-``) with the number of entries and a bar for how busy the period was. It opens at the
period in which most of the listed articles were published and follows the search and the
filters of the main screen. Only the entries on screen are formatted, so it opens as fast on
250,000 entries as on fifty.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from babel import Locale
from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Static

from tui.app import fmt
from tui.app.language import Translated
from tui.app.widgets.footer import FittingFooter
from tui.app.widgets.rows import motion_bindings
from tui.app.widgets.timeline import entry_when, heading_label, heading_of, rows_of
from tui.app.widgets.wrap import wrap
from tui.corpus.safetext import visible
from tui.i18n import N_, _, ngettext
from tui.nlp.timevalue import PERIOD_DIVISOR

if TYPE_CHECKING:
    import numpy as np

    from tui.app.app import ChronikApp

LEVELS = ("year", "month", "day")
INDENT = 4
BAR = 12  # cells of the densest period's bar
NAMES = 8  # names shown per entry
SENTENCE_CHARS = 1200  # of a sentence at most
SOURCES = 4  # sources named per entry before "+N"


class TimelineView(Widget, can_focus=True):
    """The entries and headings of a timeline, each on as many lines as it needs. Scrolls by
    rows: ``top`` is the row at the top of the screen, and the rows from there down are laid
    out for each frame."""

    BINDINGS = [
        *motion_bindings("fulltimeline", "move", "page", "jump"),
        Binding("enter,l", "select", N_("Open"), id="fulltimeline.select"),
    ]
    COMPONENT_CLASSES = {"timeline--cursor"}
    DEFAULT_CSS = """
    TimelineView { height: 1fr; padding: 0 1; }
    TimelineView > .timeline--cursor { background: $block-cursor-background; color: $block-cursor-foreground; }
    """

    class Selected(Message):
        def __init__(self, view: TimelineView, row: int) -> None:
            super().__init__()
            self.view, self.row = view, row

    def __init__(self, library, locale: Locale, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.library = library
        self.locale = locale
        self.rows: np.ndarray = cast("np.ndarray", ())  # (numpy loads with the library: a tuple until then)
        self.counts: dict[int, int] = {}  # heading row -> entries under it
        self.densest = 1
        self.cursor = 0
        self.top = 0
        self._blocks: dict[tuple[int, int], list[Text]] = {}  # (row, width) -> lines

    # -- rows ---------------------------------------------------------------------------------

    def show(self, rows: np.ndarray, cursor: int = 0) -> None:
        import numpy as np

        self.rows = rows
        heads = np.flatnonzero(rows < 0)
        sizes = np.diff(np.append(heads, len(rows))) - 1
        self.counts = dict(zip(heads.tolist(), sizes.tolist()))
        self.densest = max(self.counts.values(), default=1) or 1
        self._blocks.clear()
        self.cursor = max(0, min(len(rows) - 1, cursor))
        self.top = self.cursor
        self._settle()
        self.refresh()

    def entry(self, row: int):
        r = int(self.rows[row])
        return self.library.timeline[r] if r >= 0 else None

    def heading(self, row: int) -> int | None:
        """The period key of a heading row (None for an entry)."""
        r = int(self.rows[row])
        return -1 - r if r < 0 else None

    # -- layout -------------------------------------------------------------------------------

    def _block(self, row: int, width: int) -> list[Text]:
        key = (row, width)
        if key not in self._blocks:
            if len(self._blocks) > 512:  # a long scroll: keep only what is near
                self._blocks.clear()
            self._blocks[key] = self._lay_out(row, max(10, width))
        return self._blocks[key]

    def _lay_out(self, row: int, width: int) -> list[Text]:
        period = self.heading(row)
        if period is not None:
            n = self.counts.get(row, 0)
            line = Text(heading_label(period, self.locale), style="bold underline")
            line.append("  ")
            filled = max(1, round(BAR * n / self.densest)) if n else 0
            line.append("█" * filled, style="bold")
            line.append("░" * (BAR - filled), style="dim")
            line.append(" " + ngettext("{n} entry", "{n} entries", n).format(n=fmt.number(n, self.locale)), style="dim")
            return [Text(""), line]
        e = self.entry(row)
        lines = []
        head = Text(entry_when(e, self.locale, long=True), style="bold")
        articles = list(dict.fromkeys(s.article for s in e.sources))
        if len(articles) > 1:
            head.append(
                "  " + ngettext("{n} article", "{n} articles", len(articles)).format(n=len(articles)), style="italic"
            )
        lines.append(head)
        sentence = visible((_("Published:") + " " if e.kind == "published" else "") + self._sentence(e))
        pad = " " * INDENT
        lines += [Text(pad + sentence[a:b].rstrip()) for a, b in wrap(sentence, width - INDENT)]
        names = self._names(e)
        if names:
            lines += [
                Text(pad + sentence[a:b].rstrip(), style="dim")
                for sentence in [" · ".join(names)]
                for a, b in wrap(sentence, width - INDENT)
            ]
        sources = self._sources(articles)
        lines += [Text(pad + sources[a:b].rstrip(), style="italic dim") for a, b in wrap(sources, width - INDENT)]
        lines.append(Text(""))
        return lines

    def _sentence(self, e) -> str:
        """The entry's whole sentence from its first article (the entry keeps a trimmed one)."""
        source = e.sources[0] if e.sources and e.kind == "event" else None
        position = self.library.position.get(source.article) if source else None
        if position is None or source is None:
            return e.text
        a, b = source.sentence_start, source.sentence_end
        if b - a > SENTENCE_CHARS:  # a "sentence" of a whole unpunctuated page: the part around the date
            a = max(a, source.start - SENTENCE_CHARS // 2)
            b = min(b, a + SENTENCE_CHARS)
        text = " ".join(self.library.articles[position].text[a:b].split())
        return ("…" if a > source.sentence_start else "") + text + ("…" if b < source.sentence_end else "")

    def _names(self, e) -> list[str]:
        """The names in the entry's first sentence, by key, in order of appearance."""
        lib = self.library
        source = e.sources[0] if e.sources else None
        position = lib.position.get(source.article) if source else None
        if position is None or source is None or e.kind != "event":
            return []
        found = [
            s.key or s.text
            for s in lib.entities[position]
            if source.sentence_start <= s.start and s.end <= source.sentence_end
        ]
        return [visible(n) for n in list(dict.fromkeys(found))[:NAMES]]

    def _sources(self, articles: list[str]) -> str:
        lib = self.library
        names = []
        for article_id in articles[:SOURCES]:
            position = lib.position.get(article_id)
            a = lib.articles[position] if position is not None else None
            names.append(visible((a.source or a.title) if a else article_id))
        more = len(articles) - SOURCES
        return " · ".join(names) + (" " + _("+{n} more").format(n=more) if more > 0 else "")

    def _settle(self) -> None:
        """Move ``top`` so that the cursor's row is wholly on screen."""
        height, width = max(1, self.size.height), self._width()
        if self.cursor < self.top:
            self.top = self.cursor
        while self.top < self.cursor:
            used = sum(len(self._block(r, width)) for r in range(self.top, self.cursor + 1))
            if used <= height:
                break
            self.top += 1

    def _width(self) -> int:
        return max(10, self.size.width - 2) if self.size.width else 78

    def visible_rows(self) -> range:
        """The rows that start on screen."""
        height, width, used, row = max(1, self.size.height), self._width(), 0, self.top
        while row < len(self.rows) and used < height:
            used += len(self._block(row, width))
            row += 1
        return range(self.top, row)

    def render(self) -> Text:
        out = Text(no_wrap=True, overflow="crop", end="")
        height, width = max(1, self.size.height), self._width()
        cursor = self.get_component_rich_style("timeline--cursor") if self.has_focus else Style(reverse=True)
        used = 0
        for row in self.visible_rows():
            block = self._block(row, width)
            if row == self.top and self.heading(row) is not None:
                block = block[1:]  # the blank line above a heading is not needed at the top
            for line in block:
                if used >= height:
                    break
                line = line.copy()
                line.truncate(width, overflow="ellipsis", pad=row == self.cursor)
                if row == self.cursor and (self.heading(row) is None or line.plain):
                    line.stylize(cursor)
                if used:
                    out.append("\n")
                out.append_text(line)
                used += 1
        return out

    def on_resize(self) -> None:
        self._blocks.clear()
        self._settle()

    # -- keys ---------------------------------------------------------------------------------

    def move_to(self, row: int) -> None:
        if not len(self.rows):
            return
        self.cursor = max(0, min(len(self.rows) - 1, row))
        self._settle()
        self.refresh()

    def action_move(self, delta: int) -> None:
        self.move_to(self.cursor + delta)

    def action_page(self, direction: int) -> None:
        self.move_to(self.cursor + direction * max(1, len(self.visible_rows()) - 1))

    def action_jump(self, row: int) -> None:
        self.move_to(row if row >= 0 else len(self.rows) - 1)

    def action_select(self) -> None:
        if len(self.rows):
            self.post_message(self.Selected(self, self.cursor))


class TimelineScreen(Translated, Screen[None]):
    """``entries`` are the timeline positions the main screen's list reports; ``busiest`` the
    month ("2025-10") in which most listed articles were published, where it opens."""

    @property
    def chronik(self) -> ChronikApp:
        return cast("ChronikApp", self.app)

    BINDINGS = [
        Binding("escape,T,q", "dismiss", N_("Back"), id="fulltimeline.close"),
        Binding("plus,equals_sign", "level(1)", N_("Finer headings"), id="fulltimeline.finer"),
        Binding("minus", "level(-1)", N_("Coarser headings"), id="fulltimeline.coarser"),
        # The search bar is on the main screen: go back to it, and the timeline follows the query.
        Binding("slash", "search", N_("Search"), id="fulltimeline.search"),
    ]
    DEFAULT_CSS = """
    TimelineScreen #fulltimeline-status { height: 1; padding: 0 1; background: $panel; }
    """

    def __init__(
        self, library, entries: np.ndarray, locale: Locale, busiest: str | None = None, level: str = "month"
    ) -> None:
        super().__init__()
        self.library, self.entries, self.locale = library, entries, locale
        self.busiest, self.level = busiest, level

    def compose(self) -> ComposeResult:
        yield Static(id="fulltimeline-status")
        yield TimelineView(self.library, self.locale, id="fulltimeline")
        yield FittingFooter()

    def on_mount(self) -> None:
        self._show(at_busiest=True)
        self.query_one(TimelineView).focus()

    @property
    def view(self) -> TimelineView:
        return self.query_one(TimelineView)

    def follow(self, library, entries: np.ndarray, busiest: str | None) -> None:
        """The main screen's list changed: show the entries of the new one."""
        self.library, self.entries, self.busiest = library, entries, busiest
        self.view.library = library
        self._show(at_busiest=True)

    def _show(self, at_busiest: bool = False, keep: int | None = None) -> None:
        rows = rows_of(self.library, self.entries, self.level)
        cursor = 0
        if keep is not None:  # the entry (or the period) the cursor was on
            found = (rows == keep).nonzero()[0]
            cursor = int(found[0]) if len(found) else self._row_of_period(rows, keep)
        elif at_busiest and self.busiest:
            cursor = self._row_of_month(rows, self.busiest)
        self.view.show(rows, cursor)
        self._status()

    def _row_of_month(self, rows, month: str) -> int:
        """The first heading row of ``month`` ("2025-10") at this level, else of its year."""
        year, mon = int(month[:4]), int(month[5:7]) if len(month) >= 7 else 0
        wanted = year * 10000 + mon * 100
        for divisor in (PERIOD_DIVISOR[self.level], PERIOD_DIVISOR["year"]):
            key = wanted // divisor * divisor
            for i in (rows < 0).nonzero()[0].tolist():
                k = -1 - int(rows[i])
                if k // divisor * divisor == key and k >= key:
                    return i
        return 0

    def _row_of_period(self, rows, keep: int) -> int:
        if keep >= 0:  # an entry no longer shown at this level cannot be: every entry is
            return 0
        return self._row_of_month(rows, heading_of(-1 - keep))

    def _status(self) -> None:
        n = int((self.view.rows >= 0).sum()) if len(self.view.rows) else 0
        level = {"year": _("by year"), "month": _("by month"), "day": _("by day")}[self.level]
        text = Text()
        text.append(_("Timeline"), style="bold")
        text.append("  " + ngettext("{n} entry", "{n} entries", n).format(n=fmt.number(n, self.locale)) + " · " + level)
        text.append("  " + _("(+/- headings, Enter opens, Esc back)"), style="dim")
        self.query_one("#fulltimeline-status", Static).update(text)

    def action_level(self, step: int) -> None:
        i = LEVELS.index(self.level) + step
        if not 0 <= i < len(LEVELS):
            return
        view = self.view
        keep = int(view.rows[view.cursor]) if len(view.rows) else None
        self.level = LEVELS[i]
        self._show(keep=keep)

    def action_search(self) -> None:
        self.dismiss()
        self.app.call_later(self.chronik.action_search)

    def on_timeline_view_selected(self, message: TimelineView.Selected) -> None:
        entry = message.view.entry(message.row)
        if entry is None:  # a heading: narrow the list to that period, and the timeline with it
            heading = message.view.heading(message.row)
            if heading is not None:
                self.chronik.add_filter("date", heading_of(heading))
            return
        self.dismiss()
        self.chronik.open_timeline_entry(entry)
