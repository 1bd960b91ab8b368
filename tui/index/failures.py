"""Unexpected failures, kept with their tracebacks in a log file beside the reading state.

The app shows a failure in one line and goes on with what it has; the traceback, which a user
can send with a bug report, goes to ``errors.log`` in the state directory (the folder of the
reading-state database, by default the user's data directory), never into an article folder.
The log is bounded: past a megabyte it is moved to ``errors.log.1`` and started afresh.
"""

from __future__ import annotations

import datetime as dt
import traceback
from pathlib import Path

LOG_NAME = "errors.log"
LOG_LIMIT = 1_000_000


def log_path(state: Path | None = None) -> Path:
    """The log beside the reading-state database ``state`` (or in the user's data directory)."""
    if state is not None:
        return Path(state).parent / LOG_NAME
    import platformdirs

    return Path(platformdirs.user_data_dir("chronik")) / LOG_NAME


def record(what: str, error: BaseException, state: Path | None = None) -> Path | None:
    """Append ``error`` with its traceback to the log; the log's path, or None if it could not
    be written (a failure to log is no reason for another)."""
    path = log_path(state)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists() and path.stat().st_size > LOG_LIMIT:
            path.replace(path.with_name(LOG_NAME + ".1"))
        stamp = dt.datetime.now().astimezone().isoformat(timespec="seconds")
        with open(path, "a", encoding="utf-8", errors="backslashreplace") as log:
            log.write(f"{stamp} {what}\n{''.join(traceback.format_exception(error))}\n")
    except OSError:
        return None
    return path


def summary(error: BaseException) -> str:
    """One line for the screen: the kind of error and its first line."""
    text = str(error).strip().splitlines()
    return f"{type(error).__name__}: {text[0]}" if text else type(error).__name__


__all__ = ["LOG_NAME", "log_path", "record", "summary"]
