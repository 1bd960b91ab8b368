"""What the cache and the reading state share about SQLite: opening a database, telling a busy
database from a damaged one by its error code, trying again while another Chronik holds the
lock, moving a damaged file aside, and closing quietly.

The policy, the same for both (``open_database``):

- **Busy** (another Chronik holds the lock, SQLITE_BUSY/SQLITE_LOCKED): tried again for a while;
  still busy, the error goes to the caller, which goes on without the database for now (the
  state keeps its changes in memory and writes them later; the cache is off for this run).
- **Damaged** (any other SQLite error while opening it: not a database, a failed integrity
  check, a newer schema): the file and its logs are moved aside as ``<name>.damaged-<time>``
  and a fresh database is started; ``Opened.damage`` says why, for a one-line note.
- **Unusable** (the folder cannot be written, the fresh database fails too): the error goes to
  the caller, which goes on without the database and says so in one line.
- Closing never raises (``close_quietly``).

SQLite answers "database is locked" at once, without waiting for its busy timeout, in a few
cases that two instances starting together meet: switching a new database to WAL, recovering
its log. Such an error is retried here for a while; any other error is the caller's to judge.
Codes, not message texts, decide (``sqlite3.Error.sqlite_errorcode``, Python 3.11+): messages
differ between SQLite versions and languages.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import random
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
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


@dataclass
class Opened:
    db: sqlite3.Connection
    damage: str | None = None  # why the database found was moved aside, if it was
    aside: Path | None = None  # where it went


def close_quietly(db: sqlite3.Connection | None) -> None:
    if db is not None:
        with contextlib.suppress(sqlite3.Error):
            db.close()


def connect(path: Path, prepare: Callable[[sqlite3.Connection], None], busy_ms: int, check: bool) -> sqlite3.Connection:
    """One attempt at what ``open_database`` does, without the policy: errors are raised."""
    db = sqlite3.connect(path, timeout=busy_ms / 1000, isolation_level=None, check_same_thread=False)
    try:
        db.execute(f"PRAGMA busy_timeout = {busy_ms}")
        if check:
            found = db.execute("PRAGMA quick_check").fetchone()
            if not found or found[0] != "ok":
                raise sqlite3.DatabaseError(f"integrity check failed: {found[0] if found else 'no answer'}")
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = NORMAL")
        prepare(db)
    except BaseException:
        close_quietly(db)
        raise
    return db


def open_database(
    path: Path, prepare: Callable[[sqlite3.Connection], None], busy_ms: int = 2000, check: bool = False
) -> Opened:
    """The database at ``path`` in WAL mode, ``prepare``d (its tables made, its schema checked:
    raise ``sqlite3.DatabaseError`` there for a database that is not ours to use), by the
    module's policy. ``check`` runs SQLite's integrity check first (for a small database: it
    reads every page). Raises ``sqlite3.Error`` (busy: ``is_busy``) or ``OSError`` when the
    caller must go on without the database."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        return Opened(retry_busy(lambda: connect(path, prepare, busy_ms, check)))
    except sqlite3.Error as exc:
        if is_busy(exc):
            raise
        damage = exc
    aside = move_aside(path)
    if aside is None:
        raise damage
    return Opened(connect(path, prepare, busy_ms, check), " ".join(str(damage).split()) or type(damage).__name__, aside)


def move_aside(path: Path) -> Path | None:
    """Move a damaged database and its logs out of the way (None when that fails): the logs of
    a database moved aside would be replayed into the fresh one."""
    stamp = dt.datetime.now().strftime("%Y%m%dT%H%M%S")
    aside = path.with_name(f"{path.name}.damaged-{stamp}")
    try:
        if path.exists():
            os.replace(path, aside)
        for suffix in ("-wal", "-shm", "-journal"):
            log = path.with_name(path.name + suffix)
            if log.exists():
                os.replace(log, aside.with_name(aside.name + suffix))
    except OSError:
        return None
    return aside


__all__ = ["Opened", "close_quietly", "connect", "is_busy", "move_aside", "open_database", "retry_busy"]
