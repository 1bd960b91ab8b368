"""A cache of what loading, cleaning and tagging made of each file, so an unchanged file is
never analysed twice.

SQLite in the user's cache directory (platformdirs). An entry is keyed by the sha256 of the
file's bytes, its name (a title may come from it) and ``VERSIONS`` — the versions of Chronik,
the cleaning rules and the entity model — so changing any of them misses. Each entry carries
the sha256 of its payload: a torn or corrupted entry is detected, deleted and recomputed,
never shown. Writes are transactions in WAL mode with a busy timeout, so two instances can
fill the cache at once. The cache is bounded: past ``limit_mb`` on disk (the pages in use, keys
and index included) the least recently used entries go. Nothing about the cache is fatal: when it cannot be opened or written, Chronik works without
it and says so once.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import time
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tui import __version__
from tui.corpus.model import Article
from tui.corpus.record import article_from_record, article_record
from tui.index.sqlitekit import close_quietly, is_busy, open_database, retry_busy
from tui.nlp.dates import Timex
from tui.nlp.spans import Span

SCHEMA = 3  # 2: a list of entries per file (a feed has one per entry); 3: the article as its record (tui.corpus.record)
DEFAULT_LIMIT_MB = 1024


def model_version() -> str:
    """Changes whenever the shipped entity model or its lexicons change."""
    from tui.nlp.resources import DATA_DIR

    h = hashlib.sha256()
    for f in sorted(DATA_DIR.glob("*")):
        st = f.stat()
        h.update(f"{f.name}:{st.st_size}:{st.st_mtime_ns}".encode())
    return h.hexdigest()[:16]


def versions() -> str:
    return f"schema{SCHEMA}/chronik{__version__}/model{model_version()}"


def default_path() -> Path:
    import platformdirs

    return Path(platformdirs.user_cache_dir("chronik")) / "extract.sqlite3"


@dataclass(frozen=True)
class Entry:
    """What one file gave: the article (its id and path are the current file's), its date
    mentions and its first-pass entity tags (before corpus-wide propagation and grouping)."""

    article: Article
    dates: list[Timex]
    tags: list[Span] | None  # None: not tagged (no model); such an entry is not cached
    # Why the analysis was abandoned ("" when it was not): such an entry has the article
    # without names and dates, and is not kept in the cache, so a longer limit can try again.
    abandoned: str = ""


def _prepare(db: sqlite3.Connection) -> None:
    if not db.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()[0]:
        # A new cache gives the pages its trimming frees back to the file system (``trim``); an
        # empty database takes the setting at once, a full one would have to be rewritten.
        db.execute("PRAGMA auto_vacuum = INCREMENTAL")
        db.execute("VACUUM")
    db.execute(
        "CREATE TABLE IF NOT EXISTS entries (key TEXT PRIMARY KEY, "
        "checksum TEXT NOT NULL, payload BLOB NOT NULL, used REAL NOT NULL)"
    )


def entry_key(content_hash: str, name: str, version: str) -> str:
    # A file name may carry undecodable bytes (as surrogates): they are part of the key too.
    return hashlib.sha256(f"{content_hash}\0{name}\0{version}".encode("utf-8", "surrogatepass")).hexdigest()


class Cache:
    def __init__(
        self, path: Path | None = None, limit_mb: float = DEFAULT_LIMIT_MB, version: str | None = None
    ) -> None:
        self.path = Path(path) if path else default_path()
        self.limit = int(limit_mb * 1_000_000)
        self.version = version or versions()
        self.hits = self.misses = self.corrupt = 0
        self.problem: str | None = None  # why the cache is off, if it is
        self._db: sqlite3.Connection | None = None
        try:
            # No integrity check at open: the cache may hold a gigabyte; a damaged entry is
            # found when it is read (checksums), a damaged file when it is used (``_off``).
            opened = open_database(self.path, _prepare, busy_ms=30_000)
        except (sqlite3.Error, OSError) as exc:
            self.problem = f"cache not used ({self.path}): {exc}"
            return
        self._db = opened.db
        if opened.aside is not None:
            self.problem = (
                f"cache started afresh ({self.path}): the old one was moved to {opened.aside.name}: {opened.damage}"
            )

    def _off(self, reason: str) -> None:
        self.problem = reason
        close_quietly(self._db)
        self._db = None

    @property
    def enabled(self) -> bool:
        return self._db is not None

    def get(self, key: str, article_id: str, path: str) -> list[Entry] | None:
        """The file's entries (``article_id`` and ``path`` are the file's now), None on a miss."""
        if self._db is None:
            return None
        try:
            row = self._db.execute("SELECT checksum, payload FROM entries WHERE key = ?", (key,)).fetchone()
            if row is None:
                self.misses += 1
                return None
            checksum, payload = row
            if hashlib.sha256(payload).hexdigest() != checksum:
                raise ValueError("checksum mismatch")
            entries = _decode(zlib.decompress(payload), article_id, path)
        except (sqlite3.Error, ValueError, zlib.error, KeyError, TypeError, IndexError) as exc:
            if isinstance(exc, sqlite3.DatabaseError) and not isinstance(exc, sqlite3.OperationalError):
                self._off(f"cache not used ({self.path}): {exc}")
                return None
            # A torn or corrupted entry: drop it and analyse the file again.
            self.corrupt += 1
            self.misses += 1
            self._delete(key)
            return None
        self.hits += 1
        return entries

    def put(self, key: str, entries: list[Entry], file_id: str) -> None:
        """Store a file's entries; ``file_id`` is the file's id now (a feed entry's id is it and
        "#<entry id>")."""
        if self._db is None:
            return
        payload = zlib.compress(_encode(entries, file_id), 3)
        db, row = self._db, (key, hashlib.sha256(payload).hexdigest(), payload, time.time())
        try:
            retry_busy(lambda: db.execute("INSERT OR REPLACE INTO entries VALUES (?, ?, ?, ?)", row))
        except sqlite3.Error as exc:
            if not is_busy(exc):  # busy even now: this entry waits for the next load, the cache stays on
                self._off(f"cache not written ({self.path}): {exc}")

    def touch(self, keys: list[str]) -> None:
        """Mark entries as used now (for the size bound), in one transaction."""
        if self._db is None or not keys:
            return
        now = time.time()
        try:
            self._db.executemany("UPDATE entries SET used = ? WHERE key = ?", [(now, k) for k in keys])
        except sqlite3.Error:
            pass

    def trim(self) -> None:
        """Delete the least recently used entries until the cache fits its bound on disk. Keys,
        checksums, the index and the pages' slack take about a third more than the payloads
        (50,000 news files): each round deletes payloads of the excess in that proportion, and
        a second round takes what the pages' granularity left. Freed pages are used again by
        the next entries, so the file stops growing at the bound."""
        if self._db is None:
            return
        try:
            for _ in range(3):
                used = self._pages_used()
                total = self._db.execute("SELECT COALESCE(SUM(LENGTH(payload)), 0) FROM entries").fetchone()[0]
                if used <= self.limit or not total:
                    return
                excess = (used - self.limit) * total / used
                rows = self._db.execute("SELECT key, LENGTH(payload) FROM entries ORDER BY used").fetchall()
                doomed = []
                for key, size in rows:
                    if excess <= 0:
                        break
                    doomed.append((key,))
                    excess -= size
                self._db.executemany("DELETE FROM entries WHERE key = ?", doomed)
                # The freed pages go back to the file system: a new version of Chronik makes
                # every entry anew, and the file would otherwise keep the old ones' room. (A
                # cache made before this could not: its free pages are used again instead.)
                self._db.executescript("PRAGMA incremental_vacuum;")
        except sqlite3.Error:
            pass

    def _pages_used(self) -> int:
        """Bytes of the file in use (its free pages left out)."""
        assert self._db is not None
        pages = self._db.execute("PRAGMA page_count").fetchone()[0]
        free = self._db.execute("PRAGMA freelist_count").fetchone()[0]
        size: int = self._db.execute("PRAGMA page_size").fetchone()[0]
        return int((pages - free) * size)

    def _delete(self, key: str) -> None:
        try:
            if self._db is not None:
                self._db.execute("DELETE FROM entries WHERE key = ?", (key,))
        except sqlite3.Error:
            pass

    def close(self) -> None:
        close_quietly(self._db)
        self._db = None

    def __len__(self) -> int:
        if self._db is None:
            return 0
        count: int = self._db.execute("SELECT COUNT(*) FROM entries").fetchone()[0]
        return count


# -- encoding: plain JSON of the dataclasses' fields (no pickles) ----------------------------


def _encode(entries: list[Entry], file_id: str) -> bytes:
    return json.dumps([_record(e, file_id) for e in entries], ensure_ascii=False, separators=(",", ":")).encode(
        "utf-8", "surrogatepass"
    )


def _record(entry: Entry, file_id: str) -> dict[str, Any]:
    a = entry.article
    own = a.id[len(file_id) :] if a.id != file_id and a.id.startswith(file_id + "#") else ""
    article = article_record(a)
    del article["id"], article["path"]  # the file's, given when it is read back (it may have moved)
    return {
        "a": article,
        # The entry's part of the article id after the file's ("#bz-1" in a feed), so that a
        # renamed file's entries take its new id.
        "f": own,
        "d": [
            [t.start, t.end, t.text, t.type, t.value, t.mod, t.resolved, t.point, *(t.sentence or ())]
            for t in entry.dates
        ],
        "t": [[s.start, s.end, s.label, s.text, s.key] for s in entry.tags or ()],
    }


def _decode(data: bytes, article_id: str, path: str) -> list[Entry]:
    records = json.loads(data.decode("utf-8", "surrogatepass"))
    if not isinstance(records, list) or not records:
        raise ValueError("no entries")
    return [_entry(r, article_id, path) for r in records]


def _entry(record: dict[str, Any], article_id: str, path: str) -> Entry:
    article = article_from_record({**record["a"], "id": article_id + record["f"], "path": path})
    text = article.text
    dates = [_timex(*t) for t in record["d"]]
    tags = [Span(*s) for s in record["t"]]
    bounds = (
        [(t.start, t.end) for t in dates] + [t.sentence for t in dates if t.sentence] + [(s.start, s.end) for s in tags]
    )
    if any(not (0 <= a <= b <= len(text)) for a, b in bounds):
        raise ValueError("offsets outside the text")
    return Entry(article, dates, tags)


def _timex(
    start: int, end: int, text: str, typ: str, value: str, mod: str, resolved: bool, point: str | None, *sentence: int
) -> Timex:
    return Timex(start, end, text, typ, value, mod, resolved, point, (sentence[0], sentence[1]) if sentence else None)
