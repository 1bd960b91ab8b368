"""The export command (X, or the command palette): the result list or the timeline of the
listed articles to a file the user names. A mixin of ``ChronikApp``; the writing is
``tui.index.export``'s."""

from __future__ import annotations

import time
from pathlib import Path

from tui.app import fmt
from tui.app.base import AppBase
from tui.app.widgets.timeline import Timeline
from tui.i18n import _


class Exporting(AppBase):
    def action_export(self, what: str | None = None) -> None:
        """Export the result list, or the timeline (``what`` "timeline", or the timeline has focus)."""
        from tui.app.screens.export import ExportScreen
        from tui.index.export import LIST_FORMATS, TIMELINE_FORMATS, export, inside

        lib = self.session.library
        if lib is None or self.session.loading:
            self.notify(_("Export works once loading has finished."), timeout=3)
            return
        timeline = what == "timeline" or (what is None and isinstance(self.focused, Timeline))
        positions = (
            self.session.selection.positions if self.session.selection is not None else list(range(len(lib.articles)))
        )
        here = Path.cwd() if inside(Path.cwd() / "x", self.paths) is None else Path.home()
        stamp = time.strftime("%Y%m%d-%H%M")
        locale = self.locale
        formats: tuple[str, ...]
        if timeline:
            entries = lib.timeline_of(positions)
            what_text = _("the timeline ({n} entries)").format(n=fmt.number(len(entries), locale))
            formats, default = TIMELINE_FORMATS, here / f"chronik-timeline-{stamp}.ics"

            def write(path: str, overwrite: bool) -> Path:
                return export(
                    path, self.paths, timeline=entries, month_name=lambda d: fmt.month(d, locale), overwrite=overwrite
                )
        else:
            what_text = _("the result list ({n} articles)").format(n=fmt.number(len(positions), locale))
            formats, default = LIST_FORMATS, here / f"chronik-results-{stamp}.csv"

            def write(path: str, overwrite: bool) -> Path:
                return export(
                    path,
                    self.paths,
                    articles=[lib.articles[i] for i in positions],
                    title=self._full_query(),
                    overwrite=overwrite,
                )

        def done(path: Path | None) -> None:
            if path is not None:
                self.notify(
                    _("Exported {what} to {path}.").format(what=what_text, path=path),
                    title=_("Export"),
                    timeout=6,
                    markup=False,
                )

        self.push_screen(ExportScreen(what_text, formats, str(default), write), done)
