"""Fewer runs of Python's cycle collector while a folder is analysed and indexed.

A load makes millions of small objects that live on (tokens, mentions, dates, postings). The
collector looks at the youngest objects every 700 allocations, and every few looks at all of
them: over a cold load of 2,000 files that is several percent of the analysis processes' time
and a few tenths of a second of linking and indexing here. Collections every 20,000 allocations
find the same cycles, a little later.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

THRESHOLDS = (20_000, 50, 50)

_lock = threading.Lock()
_users = 0
_before: tuple[int, int, int] | None = None


def relax() -> None:
    """For good: for a process that exists to analyse files."""
    gc.set_threshold(*THRESHOLDS)


@contextmanager
def relaxed() -> Iterator[None]:
    """Fewer collections while the block runs (in any thread: the setting is the process's);
    the thresholds before are back once the last such block in the process ends."""
    global _users, _before
    with _lock:
        if _users == 0:
            _before = gc.get_threshold()
            gc.set_threshold(*THRESHOLDS)
        _users += 1
    try:
        yield
    finally:
        with _lock:
            _users -= 1
            if _users == 0 and _before is not None:
                gc.set_threshold(*_before)
                _before = None
