"""TIMEX3 values parsed once into the calendar period they name.

"2025-03-18" is a day, "2025-W43" a week, "2025-SU" a season, "2025-10-16TEV" an evening,
"1975" a year, "BC1330" a year before the common era; durations ("P3Y"), sets and references
("PRESENT_REF") and values with unknown parts ("XXXX-02") name no period of the calendar.
The timeline, the date facets, the exports and the app read values only through ``parse``;
no other code slices value strings.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

SEASON_MONTH = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
GRANULARITY_RANK = {"": -1, "year": 0, "half": 1, "season": 1, "quarter": 1, "month": 2, "week": 3, "day": 4, "time": 5}


@dataclass(frozen=True, slots=True)
class Period:
    """The period a TIMEX3 value names: its first and last day and its granularity (year,
    season, quarter, month, week, day or time), or no days at all (``start`` None) for a value
    that is not on the calendar. A weekend ("2025-W43-WE") is a week's Saturday and Sunday, at
    week granularity. ``bc``: a year before the common era (never on the calendar here:
    ``datetime`` has no such years)."""

    value: str
    granularity: str = ""
    start: dt.date | None = None
    end: dt.date | None = None
    bc: bool = False

    @property
    def on_calendar(self) -> bool:
        return self.start is not None

    def day(self) -> str | None:
        """The ISO day of a day or a time of day, else None."""
        return self.start.isoformat() if self.start and self.granularity in ("day", "time") else None

    def filter_value(self) -> str | None:
        """What a date filter takes for this period: its month ("2025-10"), or its year when
        it is coarser than a month ("2025")."""
        if self.start is None:
            return None
        if GRANULARITY_RANK[self.granularity] >= GRANULARITY_RANK["month"]:
            return f"{self.start.year:04d}-{self.start.month:02d}"
        return f"{self.start.year:04d}"


@lru_cache(maxsize=65536)
def parse(value: str) -> Period:
    """The period of a TIMEX3 value (see the module docstring)."""
    if value.startswith("BC") and value[2:].isdigit():
        return Period(value, "year", bc=True)
    try:
        start, g = _start(value)
    except ValueError:  # "2025-02-30", "2025-W54"
        return Period(value)
    if start is None:
        return Period(value)
    if g == "week" and value.endswith("-WE"):
        return Period(value, g, start + dt.timedelta(days=5), start + dt.timedelta(days=6))
    return Period(value, g, start, _end(g, start))


def _start(value: str) -> tuple[dt.date | None, str]:
    if not value[:4].isdigit():
        return None, ""
    year = int(value[:4])
    if len(value) >= 10 and value[4] == "-" and value[7] == "-":
        start = dt.date.fromisoformat(value[:10])
        if len(value) > 10 and value[10] == "T":
            return start, "time" if value[11:12].isdigit() else "day"
        return start, "day"
    if value[4:6] == "-W" and value[6:8].isdigit():
        return dt.date.fromisocalendar(year, int(value[6:8]), 1), "week"
    if len(value) == 7 and value[5:7].isdigit():
        return dt.date(year, int(value[5:7]), 1), "month"
    if len(value) == 7 and value[5] in "QH" and value[6].isdigit():
        per = 3 if value[5] == "Q" else 6
        return dt.date(year, per * (int(value[6]) - 1) + 1, 1), "quarter" if value[5] == "Q" else "half"
    if len(value) == 7 and value[5:7] in SEASON_MONTH:
        return dt.date(year, SEASON_MONTH[value[5:7]], 1), "season"
    if len(value) == 4:
        return dt.date(year, 1, 1), "year"
    return None, ""


def _end(granularity: str, start: dt.date) -> dt.date:
    if granularity in ("day", "time"):
        return start
    if granularity == "week":
        return start + dt.timedelta(days=6)
    months = {"month": 1, "quarter": 3, "season": 3, "half": 6}.get(granularity)
    if months is None:
        return dt.date(start.year, 12, 31)
    # The day before the first day of the month ``months`` later.
    index = start.year * 12 + start.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1) - dt.timedelta(days=1)


PERIOD_DIVISOR = {"year": 10000, "month": 100, "day": 1}


def period_key(date: dt.date, granularity: str) -> int:
    """``year * 10000 + month * 100 + day`` of a timeline entry's first day, with the parts
    finer than its granularity zero: the key the timeline groups entries by at any level."""
    rank = GRANULARITY_RANK.get(granularity, 0)
    if rank <= GRANULARITY_RANK["year"]:
        return date.year * 10000
    if rank < GRANULARITY_RANK["day"]:
        return date.year * 10000 + date.month * 100
    return date.year * 10000 + date.month * 100 + date.day


def period_of_key(key: int) -> tuple[dt.date, str]:
    """The first day and granularity ("year", "month", "day") of a period key."""
    year, month, day = key // 10000, key // 100 % 100, key % 100
    if not month:
        return dt.date(year, 1, 1), "year"
    return (dt.date(year, month, 1), "month") if not day else (dt.date(year, month, day), "day")
