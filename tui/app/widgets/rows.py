"""A list of one-line rows that renders only the rows on screen.

One mounted widget per row lags at a few thousand rows; this is a ``ScrollView``
whose ``render_line`` asks the subclass for the text of the row at that line, so a
cursor move costs the same for 50 rows as for 50,000.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.i18n import N_


def text_strip(text: Text, console, width: int, base: Style) -> Strip:
    """One screen line from ``text``, cropped or padded to ``width``. Every segment gets a style
    (Textual's NO_COLOR filter cannot take a segment without one)."""
    segments = [Segment(t, style or base, control) for t, style, control in text.render(console)]
    return Strip(segments, text.cell_len).crop_extend(0, width, base)


def motion_bindings(scope: str, line: str, page: str, end: str) -> list[Binding]:
    """Arrow and vim keys for a pane: ``line(n)``, ``page(n)`` and ``end(0|-1)`` are its actions."""
    return [
        Binding("down,j", f"{line}(1)", N_("Down"), show=False, id=f"{scope}.down"),
        Binding("up,k", f"{line}(-1)", N_("Up"), show=False, id=f"{scope}.up"),
        Binding("pagedown,space", f"{page}(1)", N_("Page down"), show=False, id=f"{scope}.page_down"),
        Binding("pageup,b", f"{page}(-1)", N_("Page up"), show=False, id=f"{scope}.page_up"),
        Binding("home,g", f"{end}(0)", N_("First"), show=False, id=f"{scope}.first"),
        Binding("end,G", f"{end}(-1)", N_("Last"), show=False, id=f"{scope}.last"),
    ]


class RowList(ScrollView, can_focus=True):
    BINDINGS = [
        *motion_bindings("rows", "move", "page", "jump"),
        Binding("enter,l", "select", N_("Open"), id="rows.select"),
    ]
    COMPONENT_CLASSES = {"rows--cursor", "rows--cursor-blurred"}
    DEFAULT_CSS = """
    RowList {
        overflow-x: hidden;
        & > .rows--cursor { background: $block-cursor-background; color: $block-cursor-foreground;
                            text-style: $block-cursor-text-style; }
        & > .rows--cursor-blurred { background: $block-cursor-blurred-background; }
    }
    """

    def set_locale(self, locale) -> None:
        """Show dates and numbers for this Babel ``Locale`` (and words in the active language)."""
        self.locale = locale
        self.refresh()

    class Highlighted(Message):
        def __init__(self, rows: RowList, row: int) -> None:
            super().__init__()
            self.rows, self.row = rows, row

        @property
        def control(self) -> RowList:
            return self.rows

    class Selected(Highlighted):
        pass

    ROW_HEIGHT = 1  # screen lines per row
    empty_message = ""  # shown when there are no rows

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._count = 0
        self.cursor = 0

    # -- for subclasses -------------------------------------------------------------------

    def row_text(self, row: int) -> Text:
        """The text of one row (never parsed as markup); subclasses override it."""
        return Text()

    def row_line(self, row: int, line: int, width: int) -> Text:
        """Line ``line`` (0 to ``ROW_HEIGHT - 1``) of a row ``width`` cells wide: the row's text
        for one-line rows; subclasses with taller rows override it."""
        return self.row_text(row) if line == 0 else Text()

    # -- rows -----------------------------------------------------------------------------

    @property
    def count(self) -> int:
        return self._count

    def set_count(self, count: int, cursor: int | None = None) -> None:
        """The rows changed: there are now ``count``; the cursor goes to ``cursor`` if given."""
        self._count = count
        self.virtual_size = Size(self.size.width, count * self.ROW_HEIGHT)
        old = self.cursor
        self.cursor = max(0, min(count - 1, old if cursor is None else cursor))
        self.refresh()
        if count and (cursor is not None or self.cursor != old):
            self._show_cursor()
            self.post_message(self.Highlighted(self, self.cursor))

    def move_to(self, row: int, notify: bool = True) -> None:
        if not self._count:
            return
        row = max(0, min(self._count - 1, row))
        if row != self.cursor:
            self.refresh_line(self.cursor)
            self.cursor = row
            self.refresh_line(row)
        self._show_cursor()
        if notify:
            self.post_message(self.Highlighted(self, row))

    def refresh_line(self, row: int) -> None:
        h = self.ROW_HEIGHT
        self.refresh(Region(0, row * h - self.scroll_offset.y, self.size.width, h))

    def _show_cursor(self) -> None:
        h = self.ROW_HEIGHT
        self.scroll_to_region(Region(0, self.cursor * h, 1, h), animate=False, immediate=True)

    def action_move(self, delta: int) -> None:
        self.move_to(self.cursor + delta)

    def action_page(self, direction: int) -> None:
        self.move_to(self.cursor + direction * max(1, self.size.height // self.ROW_HEIGHT - 1))

    def action_jump(self, row: int) -> None:
        self.move_to(row if row >= 0 else self._count - 1)

    def action_select(self) -> None:
        if self._count:
            self.post_message(self.Selected(self, self.cursor))

    def on_click(self, event) -> None:
        row = (self.scroll_offset.y + event.y) // self.ROW_HEIGHT
        if 0 <= row < self._count:
            self.move_to(row)
            if event.chain >= 2:
                self.action_select()

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def on_resize(self) -> None:
        self.virtual_size = Size(self.size.width, self._count * self.ROW_HEIGHT)

    def render_line(self, y: int) -> Strip:
        row, line = divmod(self.scroll_offset.y + y, self.ROW_HEIGHT)
        width = self.size.width
        base = self.rich_style
        if row >= self._count:
            if not self._count and self.scroll_offset.y + y == 0 and self.empty_message:
                return text_strip(Text(" " + self.empty_message, style="italic"), self.app.console, width, base)
            return Strip.blank(width, base)
        text = self.row_line(row, line, width)
        text.no_wrap = True
        text.truncate(width, overflow="ellipsis", pad=True)
        text.stylize_before(base)
        if row == self.cursor:
            cursor: Style = self.get_component_rich_style("rows--cursor" if self.has_focus else "rows--cursor-blurred")
            text.stylize(
                Style(bgcolor=cursor.bgcolor, color=cursor.color if self.has_focus else None, bold=cursor.bold)
            )
        return text_strip(text, self.app.console, width, base)
