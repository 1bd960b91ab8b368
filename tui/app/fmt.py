"""Dates, numbers and spans of time for the active locale, with Babel's CLDR data."""

from __future__ import annotations

import datetime as dt

from babel import Locale
from babel.dates import format_date, format_timedelta
from babel.numbers import format_decimal


def today() -> dt.date:
    """The day relative dates count from (a function, so tests can hold the clock still)."""
    return dt.date.today()


def day(value: dt.date | None, locale: Locale) -> str:
    """ "17.10.2025" / "Oct 17, 2025": short enough for a list column."""
    return format_date(value, "medium", locale=locale) if value else ""


def long_day(value: dt.date, locale: Locale) -> str:
    """ "17. Oktober 2025 (vor 1 Jahr)" / "October 17, 2025 (1 year ago)"."""
    return f"{format_date(value, 'long', locale=locale)} ({ago(value, locale)})"


def ago(value: dt.date, locale: Locale) -> str:
    """ "vor 3 Tagen" / "3 days ago", "in 2 Wochen" / "in 2 weeks", "heute" / "today"."""
    from tui.i18n import _

    delta = value - today()
    if delta.days == 0:
        return _("today")  # (CLDR as Babel ships it has no word for it)
    return format_timedelta(delta, granularity="day", add_direction=True, locale=locale)


def month(value: dt.date, locale: Locale) -> str:
    return format_date(value, "MMMM y", locale=locale)


def period(value: str, granularity: str, date: dt.date, locale: Locale) -> str:
    """A timeline date at the precision it has: "2025", "August 2025", "16. Okt. 2025"."""
    if granularity == "year":
        return str(date.year)
    if granularity in ("month", "quarter", "half", "season"):
        return format_date(date, "MMM y", locale=locale)
    if granularity == "week":
        return value
    return format_date(date, "medium", locale=locale)


def number(n: int, locale: Locale) -> str:
    return format_decimal(n, locale=locale)


def remaining(seconds: float, locale: Locale) -> str:
    """Time left, roughly: "about 3 minutes left" / "noch etwa 3 Minuten"."""
    from tui.i18n import _

    span = format_timedelta(dt.timedelta(seconds=max(1.0, seconds)), threshold=1.1, locale=locale)
    return _("about {span} left").format(span=span)
