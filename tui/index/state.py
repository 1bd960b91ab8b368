"""Reading state: which articles were read and starred, and where the reader left off.

Kept in SQLite in the user's data directory (platformdirs), never beside the articles.

- Articles are keyed by ``content_key`` (a hash of the article's text), so the state follows a
  renamed or moved file, and two copies of one text share it.
- The session (last article, scroll position, query, filters) is kept per set of opened folders.
- Every change is its own committed transaction (WAL, ``synchronous=NORMAL``). A process killed
  right after a change has lost nothing: the commit is in the log before the call returns.
- Two instances share one database. A write only touches the column it changes, so one
  instance's star never undoes the other's "read". A write that finds the database locked for
  longer than the busy timeout is queued in memory and retried by ``flush``. ``changed_elsewhere``
  tells when another instance has written, so its changes can be picked up with ``reload``.
- A damaged or unreadable database is moved aside, with a warning, and a fresh one started.
  When not even that works, the state lives in memory for the session and the warning says so.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui.i18n import _

if TYPE_CHECKING:
    import numpy as np
from tui.index.sqlitekit import close_quietly, connect, is_busy, open_database

SCHEMA = 1
BUSY_MS = 2000

_SCHEMA_SQL = """
CREATE TABLE IF NOT EXISTS article (
    key TEXT PRIMARY KEY,
    read INTEGER NOT NULL DEFAULT 0,
    starred INTEGER NOT NULL DEFAULT 0,
    changed REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS session (
    folders TEXT NOT NULL,
    name TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (folders, name)
);
"""


# One statement per kind of change; each sets only its own column, so that two instances
# changing the same article keep both changes.
_WRITES = {
    "read": "INSERT INTO article (key, read, changed) VALUES (?, ?, ?) ON CONFLICT (key) "
    "DO UPDATE SET read = excluded.read, changed = excluded.changed",
    "starred": "INSERT INTO article (key, starred, changed) VALUES (?, ?, ?) ON CONFLICT (key) "
    "DO UPDATE SET starred = excluded.starred, changed = excluded.changed",
    "session": "INSERT INTO session (folders, name, value) VALUES (?, ?, ?) ON CONFLICT (folders, name) "
    "DO UPDATE SET value = excluded.value",
}


def default_path() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir("chronik")) / "state.sqlite3"


def content_key(text: str) -> str:
    """The key reading state is kept under: the same for the same text, wherever its file is."""
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def folders_key(paths: Sequence[str]) -> str:
    """One key per set of opened folders, whatever order or spelling they were given in."""
    resolved = sorted({os.path.realpath(os.path.abspath(p)) for p in paths})
    return hashlib.sha256("\0".join(resolved).encode("utf-8", "surrogatepass")).hexdigest()[:24]


class ReadingState:
    """Read and starred articles and the session; ``path`` None keeps everything in memory."""

    def __init__(self, path: Path | None, folders: Sequence[str] = ()) -> None:
        self.path = Path(path) if path is not None else None
        self.folders = folders_key(folders)
        self.read: set[str] = set()
        self.starred: set[str] = set()
        self.session: dict[str, object] = {}
        self.warnings: list[str] = []  # one line each, for the user
        self._pending: list[tuple[str, list[tuple[Any, ...]]]] = []  # (kind, rows) the database was too busy to take
        self._db: sqlite3.Connection | None = None
        self._data_version: int | None = None
        self._write_failed = False  # said once
        if self.path is not None:
            self._open()

    # -- opening ------------------------------------------------------------------------------

    def _open(self) -> None:
        assert self.path is not None
        try:
            opened = open_database(self.path, self._prepare, BUSY_MS, check=True)
        except sqlite3.Error as exc:
            if is_busy(exc):  # another instance is writing: not damage; keep changes and retry
                self.warnings.append(
                    _(
                        "The reading-state database is busy (another Chronik?); "
                        "changes are kept and saved when it is free."
                    )
                )
                return
            problem = str(exc)
        except OSError as exc:
            problem = exc.strerror or str(exc)
        else:
            self._db = opened.db
            if opened.aside is not None:
                self.warnings.append(
                    _(
                        "The reading-state database could not be read ({problem}); it was moved "
                        "to {name} and a fresh one started."
                    ).format(problem=opened.damage, name=opened.aside.name)
                )
            return
        self.warnings.append(
            _("Reading state is not saved this session: {path}: {problem}.").format(path=self.path, problem=problem)
        )

    def _prepare(self, db: sqlite3.Connection) -> None:
        """Ours to use (not made by a newer Chronik), with its tables, and read."""
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA:  # before anything is changed: it is not ours to change
            raise sqlite3.DatabaseError(f"made by a newer Chronik (schema {version})")
        db.executescript(_SCHEMA_SQL)
        db.execute(f"PRAGMA user_version = {SCHEMA}")
        self._load(db)

    def _close(self) -> None:
        close_quietly(self._db)
        self._db = None

    def close(self) -> None:
        self.flush()
        self._close()

    # -- reading --------------------------------------------------------------------------------

    def _load(self, db: sqlite3.Connection | None = None) -> None:
        db = db if db is not None else self._db
        assert db is not None
        read, starred = set(), set()
        for key, r, s in db.execute("SELECT key, read, starred FROM article WHERE read OR starred"):
            if r:
                read.add(key)
            if s:
                starred.add(key)
        session = {}
        for name, value in db.execute("SELECT name, value FROM session WHERE folders = ?", (self.folders,)):
            try:
                session[name] = json.loads(value)
            except ValueError:
                continue
        self.read, self.starred, self.session = read, starred, session
        self._data_version = db.execute("PRAGMA data_version").fetchone()[0]
        for kind, rows in self._pending:  # not yet written: still this instance's latest word
            self._apply(kind, rows)

    def changed_elsewhere(self) -> bool:
        """Whether another connection (another Chronik) has written since we last read."""
        if self._db is None:
            return False
        try:
            version: int = self._db.execute("PRAGMA data_version").fetchone()[0]
            return version != self._data_version
        except sqlite3.Error:
            return False

    def reload(self) -> bool:
        """Pick up what other instances wrote (and retry our own pending writes first)."""
        self.flush()
        if self._db is None:
            return False
        try:
            self._load()
            return True
        except sqlite3.Error:
            return False

    def is_read(self, key: str) -> bool:
        return key in self.read

    def is_starred(self, key: str) -> bool:
        return key in self.starred

    def flags(self, keys: Sequence[str]) -> dict[str, np.ndarray]:
        """For the query field ``is:``: a boolean array over ``keys`` for each of ``IS_VALUES``."""
        import numpy as np

        read = np.fromiter((k in self.read for k in keys), dtype=bool, count=len(keys))
        starred = np.fromiter((k in self.starred for k in keys), dtype=bool, count=len(keys))
        return {"read": read, "unread": ~read, "starred": starred, "unstarred": ~starred}

    # -- writing --------------------------------------------------------------------------------

    def mark_read(self, keys: Iterable[str], read: bool = True) -> None:
        keys = list(dict.fromkeys(keys))
        if read:
            self.read.update(keys)
        else:
            self.read.difference_update(keys)
        now = time.time()
        self._write("read", [(k, int(read), now) for k in keys])

    def star(self, key: str, starred: bool = True) -> None:
        (self.starred.add if starred else self.starred.discard)(key)
        self._write("starred", [(key, int(starred), time.time())])

    def remember(self, **values: object) -> None:
        """Keep session values (JSON-able): written at once, like every change."""
        changed = {k: v for k, v in values.items() if self.session.get(k, ...) != v}
        if not changed:
            return
        self.session.update(changed)
        self._write("session", [(self.folders, k, json.dumps(v)) for k, v in changed.items()])

    def _apply(self, kind: str, rows: list[tuple[Any, ...]]) -> None:
        """Replay a pending write onto what was just read back from the database."""
        for row in rows:
            if kind == "session":
                self.session[row[1]] = json.loads(row[2])
            else:
                marks = self.read if kind == "read" else self.starred
                (marks.add if row[1] else marks.discard)(row[0])

    def _write(self, kind: str, rows: list[tuple[Any, ...]]) -> None:
        if self.path is None or not rows:
            return
        self._pending.append((kind, rows))
        self.flush()

    @property
    def pending(self) -> int:
        """Writes waiting for a busy database."""
        return len(self._pending)

    def flush(self) -> bool:
        """Write what is pending; False if the database is still busy (it stays pending)."""
        if self.path is None or not self._pending:
            return True
        if self._db is None:
            try:
                self._db = connect(self.path, self._prepare, BUSY_MS, check=True)
            except sqlite3.Error:
                self._close()
                return False
        while self._pending:
            kind, rows = self._pending[0]
            try:
                self._db.execute("BEGIN IMMEDIATE")
                try:
                    self._db.executemany(_WRITES[kind], rows)
                    self._db.execute("COMMIT")
                except BaseException:
                    self._db.execute("ROLLBACK")
                    raise
            except sqlite3.Error as exc:
                if not is_busy(exc) and not self._write_failed:
                    self._write_failed = True
                    self.warnings.append(_("Reading state could not be saved: {problem}.").format(problem=exc))
                return False
            self._pending.pop(0)  # (our own commits leave data_version as it is)
        return True


__all__ = ["ReadingState", "content_key", "default_path", "folders_key"]
