"""The search bar: entered with ``/`` only, so that Tab cycles the panes (list, reader,
timeline) and a key pressed after Tab never becomes a query by surprise."""

from __future__ import annotations

from textual.widgets import Input


class SearchBar(Input):
    def on_mount(self) -> None:
        self.can_focus = False  # out of the Tab cycle until ``enter`` is called

    def enter(self) -> None:
        """Focus the bar (what ``/`` does)."""
        self.can_focus = True
        self.focus()

    def on_blur(self) -> None:
        self.can_focus = False

    def on_click(self) -> None:
        if not self.has_focus:
            self.enter()
