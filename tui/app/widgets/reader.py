"""The reader pane: an article with its names, dates and search matches marked.

The text is wrapped here (``wrap``) so that every screen line knows its offsets into
``Article.text``: marks are styled by offset on ``rich.text.Text`` (never markup), a
timeline entry can scroll to its sentence, and the mark under the cursor can be acted on.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from babel import Locale
from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.app import fmt
from tui.app.styles import CURSOR, EXTRAS, HEADING, SENTENCE, mark_style
from tui.app.widgets.rows import motion_bindings, text_strip
from tui.app.widgets.wrap import wrap
from tui.corpus import Article
from tui.corpus.safetext import visible
from tui.i18n import N_, _, ngettext

ENTITY_KINDS = ("PER", "LOC", "ORG", "MISC")


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    kind: str  # PER, LOC, ORG, MISC, DATE or MATCH
    value: str = ""  # the entity key, or the date's TIMEX3 value ("" when unresolved)


@dataclass(frozen=True)
class _Block:
    text: str
    style: Style
    offset: int | None  # where ``text`` starts in Article.text; None for text that is not the body


class Reader(ScrollView, can_focus=True):
    BINDINGS = [
        *motion_bindings("reader", "scroll_lines", "scroll_pages", "scroll_to_end"),
        Binding("e", "jump('entity', 1)", N_("Next name"), id="reader.next_entity"),
        Binding("E", "jump('entity', -1)", N_("Prev name"), show=False, id="reader.prev_entity"),
        Binding("d", "jump('date', 1)", N_("Next date"), id="reader.next_date"),
        Binding("D", "jump('date', -1)", N_("Prev date"), show=False, id="reader.prev_date"),
        Binding("n", "jump('match', 1)", N_("Next match"), id="reader.next_match"),
        Binding("N", "jump('match', -1)", N_("Prev match"), show=False, id="reader.prev_match"),
        Binding("f", "app.filter_mark", N_("Filter by this"), id="reader.filter"),
        Binding("x", "toggle_extras", N_("Boilerplate"), id="reader.extras"),
        Binding("h,left", "app.back", N_("Back"), show=False, id="reader.back"),
    ]

    def __init__(self, locale: Locale, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.locale = locale
        self.article: Article | None = None
        self.marks: list[Mark] = []
        self._mark_starts: list[int] = []
        self.cursor: int | None = None  # index into marks
        self.sentence: tuple[int, int] | None = None
        self.show_extras = False
        self._blocks: list[_Block] = []
        self._lines: list[tuple[int, int, int]] = []  # (block, start, end) in block offsets
        self._body_starts: list[int] = []  # Article.text offset at which each body line starts
        self._body_lines: list[int] = []  # the line number of each of those
        self._width = 0
        self._anchor: int | None = None  # the offset to keep in view when the width changes

    # -- content --------------------------------------------------------------------------

    def show(self, article: Article | None, marks: list[Mark]) -> None:
        """Open ``article`` at its top with these marks (entities, dates, matches)."""
        self.article = article
        self._set_marks(marks)
        self._anchor = None
        self.cursor = None
        self.sentence = None
        self.show_extras = False
        self._layout(force=True)
        self.scroll_to(y=0, animate=False, immediate=True)

    def set_marks(self, marks: list[Mark]) -> None:
        """Replace every mark of the open article (names and dates arrived), keeping the place."""
        self._set_marks(marks)
        self.cursor = None
        self.refresh()

    def set_matches(self, matches: list[tuple[int, int]]) -> None:
        """Replace the search matches of the open article (the other marks stay)."""
        current = self.current_mark
        kept = [m for m in self.marks if m.kind != "MATCH"]
        self._set_marks(kept + [Mark(a, b, "MATCH") for a, b in matches])
        self.cursor = self.marks.index(current) if current in self.marks else None
        self.refresh()

    def _set_marks(self, marks: list[Mark]) -> None:
        self.marks = sorted(marks, key=lambda m: (m.start, -m.end, m.kind))
        self._mark_starts = [m.start for m in self.marks]

    @property
    def current_mark(self) -> Mark | None:
        return self.marks[self.cursor] if self.cursor is not None else None

    def focus_span(self, start: int, end: int, sentence: tuple[int, int] | None = None) -> None:
        """Put the cursor on the mark at ``start..end`` (if there is one) and bring it into view,
        with ``sentence`` shaded."""
        self.sentence = sentence
        found = [i for i, m in enumerate(self.marks) if m.start == start and m.end == end]
        self.cursor = found[0] if found else None
        self._anchor = sentence[0] if sentence else start
        self._scroll_to_offset(self._anchor)
        self.refresh()

    def _blocks_of(self, a: Article) -> list[_Block]:
        meta = " · ".join(
            x
            for x in (
                fmt.long_day(a.published.date, self.locale) if a.published else "",
                a.source or "",
                a.author or "",
                a.place or "",
            )
            if x
        )
        blocks = [_Block(a.title, HEADING, None)]
        if meta:
            blocks.append(_Block(meta, EXTRAS, None))
        blocks.append(_Block("", Style(), None))
        paragraphs = a.paragraphs or ()
        if not paragraphs and a.text:
            blocks.append(_Block(a.text, Style(), 0))
        for i, p in enumerate(paragraphs):
            if i:
                blocks.append(_Block("", Style(), None))
            blocks.append(_Block(a.text[p.start : p.end], HEADING if p.kind == "heading" else Style(), p.start))
        if a.extras:
            blocks.append(_Block("", Style(), None))
            if self.show_extras:
                blocks.append(
                    _Block(_("▾ Boilerplate set aside ({n}; x folds it)").format(n=len(a.extras)), EXTRAS, None)
                )
                for extra in a.extras:
                    blocks.append(_Block(f"[{extra.kind}] {extra.text}", EXTRAS, None))
            else:
                blocks.append(
                    _Block(
                        ngettext(
                            "▸ Boilerplate set aside: {n} piece (x shows it)",
                            "▸ Boilerplate set aside: {n} pieces (x shows them)",
                            len(a.extras),
                        ).format(n=len(a.extras)),
                        EXTRAS,
                        None,
                    )
                )
        return blocks

    def _layout(self, force: bool = False) -> None:
        width = max(10, self.scrollable_content_region.width or self.size.width or 80)
        if not force and width == self._width:
            return
        resized = width != self._width and bool(self._lines)
        keep = self._anchor if self._anchor is not None else self._top_offset() if resized else None
        self._width = width
        self._blocks = (
            self._blocks_of(self.article)
            if self.article
            else [_Block(_("No article open. Choose one in the list (Enter)."), EXTRAS, None)]
        )
        self._lines, self._body_starts, self._body_lines = [], [], []
        for b, block in enumerate(self._blocks):
            for start, end in wrap(block.text, width) if block.text else [(0, 0)]:
                if block.offset is not None:
                    self._body_starts.append(block.offset + start)
                    self._body_lines.append(len(self._lines))
                self._lines.append((b, start, end))
        self.virtual_size = Size(width, len(self._lines))
        if resized and keep is not None and not force:
            if self._anchor is not None:
                self._scroll_to_offset(keep, always=True)
            else:
                self.scroll_to(y=self.line_of(keep), animate=False, immediate=True)
        self.refresh()

    def line_of(self, offset: int) -> int:
        """The screen line (from the top of the article) that shows ``Article.text[offset]``."""
        i = bisect.bisect_right(self._body_starts, offset) - 1
        return self._body_lines[max(0, i)] if self._body_lines else 0

    def _scroll_to_offset(self, offset: int, always: bool = False) -> None:
        y = self.line_of(offset)
        top, height = self.scroll_offset.y, max(1, self.size.height)
        if always or not top <= y < top + height:
            self.scroll_to(y=max(0, y - height // 3), animate=False, immediate=True)

    # -- actions --------------------------------------------------------------------------

    def action_scroll_lines(self, n: int) -> None:
        self._anchor = None
        self.scroll_to(y=self.scroll_offset.y + n, animate=False, immediate=True)

    def action_scroll_pages(self, n: int) -> None:
        self._anchor = None
        self.scroll_to(y=self.scroll_offset.y + n * max(1, self.size.height - 1), animate=False, immediate=True)

    def action_scroll_to_end(self, last: int) -> None:
        self._anchor = None
        self.scroll_to(y=self.max_scroll_y if last else 0, animate=False, immediate=True)

    def action_toggle_extras(self) -> None:
        if self.article and self.article.extras:
            self.show_extras = not self.show_extras
            self._layout(force=True)
            if self.show_extras:
                self.scroll_to(y=max(0, len(self._lines) - len(self.article.extras) - 2), animate=False, immediate=True)

    def action_jump(self, what: str, direction: int) -> None:
        """Move the cursor to the next (1) or previous (-1) entity, date or match, wrapping around."""
        kinds = ENTITY_KINDS if what == "entity" else ("DATE",) if what == "date" else ("MATCH",)
        candidates = [i for i, m in enumerate(self.marks) if m.kind in kinds]
        if not candidates:
            self.app.bell()
            self.notify(
                {"entity": _("No names in this article."), "date": _("No dates in this article.")}.get(
                    what, _("No search matches in this article.")
                ),
                timeout=2,
            )
            return
        if self.cursor is None:
            top = self._first_visible_offset()
            after = [i for i in candidates if self.marks[i].start >= top]
            target = (
                (after[0] if after else candidates[0])
                if direction > 0
                else next((i for i in reversed(candidates) if self.marks[i].start < top), candidates[-1])
            )
        else:
            k = (
                bisect.bisect_right(candidates, self.cursor)
                if direction > 0
                else bisect.bisect_left(candidates, self.cursor) - 1
            )
            target = candidates[k % len(candidates)]
        self.cursor = target
        self.sentence = None
        self._anchor = self.marks[target].start
        self._scroll_to_offset(self._anchor)
        self.refresh()

    @property
    def place(self) -> int:
        """Where the reader is in the article: the text offset of its top line (0 at the title)."""
        return self._top_offset() or 0

    def go_to_place(self, offset: int) -> None:
        """Scroll so that the line with ``offset`` is at the top (a place kept by ``place``)."""
        self._layout()
        if offset > 0 and self.article is not None:  # (a resize then keeps the top line, as for any scroll)
            # force: an article shown in the same moment has not yet told the scrollbars its height
            self.scroll_to(
                y=self.line_of(min(offset, len(self.article.text))), animate=False, immediate=True, force=True
            )

    def set_locale(self, locale: Locale) -> None:
        """Show dates for ``locale`` (and the reader's own words in the active language), in place."""
        place = self.place
        self.locale = locale
        self._layout(force=True)
        self.go_to_place(place)

    def _top_offset(self) -> int | None:
        """The text offset of the top line when it is a line of the body (to keep it there)."""
        y = self.scroll_offset.y
        if 0 < y < len(self._lines):
            b, start, _end = self._lines[y]
            offset = self._blocks[b].offset
            return offset + start if offset is not None else None
        return None

    def _first_visible_offset(self) -> int:
        y = self.scroll_offset.y
        for line in range(y, len(self._lines)):
            b, start, _end = self._lines[line]
            offset = self._blocks[b].offset
            if offset is not None:
                return offset + start
        return 0

    # -- rendering ------------------------------------------------------------------------

    def on_resize(self) -> None:
        self._layout()

    def render_line(self, y: int) -> Strip:
        self._layout()
        line = self.scroll_offset.y + y
        width = self.size.width
        base = self.rich_style
        if line >= len(self._lines):
            return Strip.blank(width, base)
        b, start, end = self._lines[line]
        block = self._blocks[b]
        text = Text(visible(block.text[start:end]).rstrip(" "), style=block.style, no_wrap=True, end="")
        if block.offset is not None:
            self._stylize(text, block.offset + start, block.offset + end)
        text.stylize_before(base)
        return text_strip(text, self.app.console, width, base)

    def _stylize(self, text: Text, lo: int, hi: int) -> None:
        if self.sentence and self.sentence[0] < hi and lo < self.sentence[1]:
            text.stylize(SENTENCE, max(0, self.sentence[0] - lo), self.sentence[1] - lo)
        # Marks are sorted by start; look only at those that can reach this line.
        first = bisect.bisect_left(self._mark_starts, lo - 200)
        for i in range(first, len(self.marks)):
            m = self.marks[i]
            if m.start >= hi:
                break
            if m.end <= lo:
                continue
            style = CURSOR if i == self.cursor else mark_style(m.kind)
            text.stylize(style, max(0, m.start - lo), m.end - lo)
