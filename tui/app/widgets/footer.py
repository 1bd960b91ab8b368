"""The footer, fitted to the width: keys that would not fit whole are left out rather than
cut ("s Sta"), and the command palette key, which Textual docks over the right end, is shown
only where there is room for it. Every key is still in help (?)."""

from __future__ import annotations

from rich.cells import cell_len
from textual.widgets import Footer
from textual.widgets._footer import FooterKey


def _width(key: FooterKey) -> int:
    # Compact keys render "key description" and a one-cell gap; the palette key has a border.
    extra = 1 if key.has_class("-command-palette") else 0
    return cell_len(key.key_display) + (1 + cell_len(key.description) if key.description else 0) + 1 + extra


class FittingFooter(Footer):
    def __init__(self) -> None:
        super().__init__(compact=True)
        self._fitted_width = 0

    def compose(self):
        room = self.app.size.width
        widgets = list(super().compose())
        palette = [w for w in widgets if isinstance(w, FooterKey) and w.has_class("-command-palette")]
        if palette:
            room -= _width(palette[0])
        used, full = 0, False
        for w in widgets:
            if w in palette:
                continue
            need = _width(w) if isinstance(w, FooterKey) else 0
            if full or used + need > room:
                full = True
                continue
            used += need
            yield w
        if palette and room >= 60:  # with less room the keys matter more than the reminder
            yield palette[0]

    def on_resize(self) -> None:
        if self.app.size.width != self._fitted_width:
            self._fitted_width = self.app.size.width
            self.call_after_refresh(self.recompose)
