"""Calendar arithmetic for TIMEX3 values: shifting, weeks, and resolving against a reference date.

Values follow TimeML: "2025-03-18", "2025-02", "2025", "2025-W12",
"2025-Q1", "2025-SU", "2025-03-18TEV", "2025-10-16T14:00"; unknown parts
are X ("XXXX-02"). Nothing here knows German: the tagger decides what an
expression means, this module only computes.
"""

from __future__ import annotations

import calendar
import datetime as dt


def valid_day(year: int, month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year if year else 2000, month)[1]


def day_value(d: dt.date) -> str:
    return d.isoformat()


def week_value(d: dt.date) -> str:
    iso = d.isocalendar()
    return f"{iso[0]:04d}-W{iso[1]:02d}"


def month_value(year: int | None, month: int) -> str:
    return f"{year:04d}-{month:02d}" if year else f"XXXX-{month:02d}"


def shift_months(d: dt.date, months: int) -> tuple[int, int]:
    total = d.year * 12 + (d.month - 1) + months
    return total // 12, total % 12 + 1


def nearest_year(ref: dt.date, month: int, day: int | None, direction: int) -> int:
    """The year that puts month (and day) nearest to ``ref`` in the given direction.

    direction -1: not after ref (past tense); +1: not before ref (future); 0:
    whichever is closer.
    """

    def at(year: int) -> dt.date:
        last = calendar.monthrange(year, month)[1]
        return dt.date(year, month, min(day or 15, last))

    same = at(ref.year)
    if direction < 0:
        return ref.year if same <= ref or (day is None and month == ref.month) else ref.year - 1
    if direction > 0:
        return ref.year if same >= ref or (day is None and month == ref.month) else ref.year + 1
    candidates = [ref.year - 1, ref.year, ref.year + 1]
    return min(candidates, key=lambda y: abs((at(y) - ref).days))


def weekday_date(ref: dt.date, weekday: int, direction: int) -> dt.date:
    """The date of ``weekday`` (0 = Monday) near ``ref``: the last one on or before it (-1),
    the next one on or after it (+1), or the nearest one (0, ties to the past)."""
    delta = weekday - ref.weekday()
    if direction < 0:
        return ref + dt.timedelta(days=delta - 7 if delta > 0 else delta)
    if direction > 0:
        return ref + dt.timedelta(days=delta + 7 if delta < 0 else delta)
    if delta > 3:
        delta -= 7
    elif delta < -3:
        delta += 7
    return ref + dt.timedelta(days=delta)


def shift(ref: dt.date, unit: str, amount: int) -> str:
    """The value ``amount`` units away from ref, at that unit's granularity."""
    if unit == "D":
        return day_value(ref + dt.timedelta(days=amount))
    if unit == "W":
        return week_value(ref + dt.timedelta(weeks=amount))
    if unit == "M":
        year, month = shift_months(ref, amount)
        return month_value(year, month)
    if unit == "Q":
        q = (ref.month - 1) // 3 + amount
        return f"{ref.year + q // 4:04d}-Q{q % 4 + 1}"
    if unit == "Y":
        return f"{ref.year + amount:04d}"
    if unit == "DE":
        return f"{(ref.year // 10 + amount):03d}"
    if unit == "CE":
        return f"{(ref.year // 100 + amount):02d}"
    raise ValueError(unit)


def duration(amount: float | str, unit: str) -> str:
    """P30D, PT2H30M, P3Y; unit one of Y M W D H MIN S DE (X amounts stay X)."""
    if isinstance(amount, float) and amount.is_integer():
        amount = int(amount)
    if unit == "H" and isinstance(amount, float) and (amount * 60).is_integer():
        hours, minutes = divmod(int(amount * 60), 60)  # 2,5 Stunden: PT2H30M
        return f"PT{hours}H{minutes}M" if hours else f"PT{minutes}M"
    if unit == "Y" and isinstance(amount, float) and (amount * 12).is_integer():
        return f"P{int(amount * 12)}M"  # ein halbes Jahr: P6M
    if unit in ("H", "MIN", "S"):
        return f"PT{amount}{'M' if unit == 'MIN' else unit}"
    if unit == "DE":
        return f"P{amount}0Y" if isinstance(amount, int) else f"P{amount}DE"
    return f"P{amount}{unit}"
