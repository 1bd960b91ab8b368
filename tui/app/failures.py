"""No error closes the app: a worker that fails is reported and the app goes on with what it has.

A mixin of ``ChronikApp``. Every worker runs with ``exit_on_error=False``; when one fails, the
notification says what failed in one line, the traceback goes to the log in the state directory
(``tui.index.failures``), and the part of the app that waited for the worker is set going again:
a failed load keeps the articles loaded before it, a failed update of the folder lets the next
one run, a failed restore of the session leaves the reader as it is.
"""

from __future__ import annotations

from textual.worker import Worker, WorkerState

from tui.app.base import AppBase
from tui.i18n import N_, _

# What each worker group does, for "… failed: …".
TASKS = {
    "load": N_("Loading the folder"),
    "stop": N_("Keeping what has loaded"),
    "search": N_("Searching"),
    "timeline": N_("Narrowing the timeline"),
    "live": N_("Following the folder"),
    "relink": N_("Linking names across the folder"),
    "restore": N_("Restoring the last session"),
    "export": N_("Exporting"),
}
UNKNOWN_TASK = N_("A background task")


class Failures(AppBase):
    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR and event.worker.error is not None:
            self.failed(event.worker.group, event.worker.error)

    def failed(self, group: str, error: BaseException) -> str:
        """Report ``error`` of the task ``group`` and recover from it; returns the one-line report."""
        from tui.index.failures import record, summary

        log = record(TASKS.get(group, group), error, self.state.path)
        line = _("{task} failed: {error}").format(task=_(TASKS.get(group, UNKNOWN_TASK)), error=summary(error))
        line += " (" + (_("details in {log}").format(log=log) if log else _("no log could be written")) + ")"
        self.notify(line, severity="error", timeout=12, markup=False)
        if group == "load" and self.session.stop():
            self._keep_loaded(list(self.session.articles), self._progress.total if self._progress else 0, note=line)
        elif group == "live":
            self.session.update_failed()
        elif group == "relink":
            self._relinker = None
        elif group == "restore":
            self._restoring = False
        elif group == "search":
            self.session.search_failed()
        return line
