"""What the cache and the reading state share about SQLite: telling a busy database from a
damaged one by its error code, and trying again while another Chronik holds the lock.

SQLite answers "database is locked" at once, without waiting for its busy timeout, in a few
cases that two instances starting together meet: switching a new database to WAL, recovering
its log. Such an error is retried here for a while; any other error is the caller's to judge.
Codes, not message texts, decide (``sqlite3.Error.sqlite_errorcode``, Python 3.11+): messages
differ between SQLite versions and languages.
"""

from __future__ import annotations

import random
import sqlite3
import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

_BUSY = frozenset({sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED})


def is_busy(error: BaseException) -> bool:
    """Another connection holds the lock (SQLITE_BUSY or SQLITE_LOCKED, any extended code)."""
    code = getattr(error, "sqlite_errorcode", None)
    return isinstance(code, int) and code & 0xFF in _BUSY


def retry_busy(action: Callable[[], T], seconds: float = 10.0) -> T:
    """``action()``, tried again while the database is busy, for up to ``seconds``; the last
    busy error, or any other, is raised."""
    give_up = time.monotonic() + seconds
    pause = 0.005
    while True:
        try:
            return action()
        except sqlite3.Error as exc:
            if not is_busy(exc) or time.monotonic() + pause > give_up:
                raise
        time.sleep(pause * (0.5 + random.random()))  # two waiting instances must not retry in step
        pause = min(pause * 2, 0.25)


__all__ = ["is_busy", "retry_busy"]
