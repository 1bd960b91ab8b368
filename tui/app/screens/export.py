"""Asks where to export the result list or the timeline, and writes it there.

The format follows the file name's suffix (``tui.index.export``); a name that cannot be used
gets its one-line reason here and the screen stays, so the user can correct it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from tui.app.language import Translated
from tui.i18n import N_, _
from tui.index.export import ExportError, ExportExists

if TYPE_CHECKING:
    from tui.app.app import ChronikApp


class ExportScreen(Translated, ModalScreen[Path | None]):
    BINDINGS = [Binding("escape", "dismiss", N_("Cancel"), id="export.cancel")]
    DEFAULT_CSS = """
    ExportScreen { align: center middle; }
    ExportScreen > Vertical { width: 90%; max-width: 100; height: auto; border: round $primary;
                              background: $surface; padding: 0 1; }
    ExportScreen Input { margin: 1 0 0 0; }
    ExportScreen #export-error { color: $error; text-style: bold; height: auto; }
    """

    def __init__(self, what: str, formats: tuple[str, ...], default: str, write: Callable[[str, bool], Path]) -> None:
        """``what``: e.g. "the result list (12 articles)"; ``write(path, overwrite)`` writes and
        returns the file, or raises ``ExportError`` (``ExportExists`` for a file that is there)."""
        super().__init__()
        self.what, self.formats, self.default, self.write = what, formats, default, write
        self._replace: str | None = None  # the existing file that Enter, pressed again, replaces

    def compose(self) -> ComposeResult:
        with Vertical():
            text = Text()
            text.append(_("Export {what}").format(what=self.what) + "\n", style="bold")
            text.append(
                _("The file name's ending chooses the format: {formats}. Enter writes, Escape cancels.").format(
                    formats=", ".join(self.formats)
                ),
                style="dim",
            )
            yield Static(text)
            yield Input(self.default, id="export-path")
            yield Label("", id="export-error", markup=False)

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        path = event.value.strip()
        error = self.query_one("#export-error", Label)
        try:
            written = self.write(path, path == self._replace)
        except ExportExists as exc:
            self._replace = path
            error.update(str(exc))
            return
        except ExportError as exc:
            error.update(str(exc))
            return
        except Exception as exc:  # noqa: BLE001 (an unexpected failure is reported; the app goes on)
            error.update(cast("ChronikApp", self.app).failed("export", exc))
            return
        self.dismiss(written)

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.value.strip() != self._replace:  # another name: asked afresh if it exists
            self._replace = None
