"""A time limit for the analysis of one file: the net under the rule that every stage is linear.

The analysis of a file (cleaning, dates, names) runs inside ``time_limit(seconds)``; its loops
call ``check()`` now and then, which raises ``TimeLimitExceeded`` once the limit has passed.
The caller keeps the article readable without what was not finished. The limit belongs to the
thread that set it, so worker threads and processes each keep their own.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

DEFAULT_SECONDS = 30.0

_local = threading.local()


class TimeLimitExceeded(Exception):
    """The file's analysis took longer than its limit."""


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Limit the work done inside to ``seconds`` (None or 0: no limit)."""
    previous = getattr(_local, "at", None)
    _local.at = time.monotonic() + seconds if seconds else None
    try:
        yield
    finally:
        _local.at = previous


def check() -> None:
    """Raise ``TimeLimitExceeded`` if the current limit has passed; cheap enough for every sentence."""
    at = getattr(_local, "at", None)
    if at is not None and time.monotonic() > at:
        raise TimeLimitExceeded
