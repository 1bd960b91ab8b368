"""Dates and numbers for the user's locale, with Babel's CLDR data."""

from __future__ import annotations

import datetime as dt
import os
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_timedelta
from babel.numbers import format_decimal


@lru_cache(maxsize=8)
def ui_locale(name: str | None = None) -> Locale:
    """``name``, else the locale of LC_ALL / LC_TIME / LANG, else English; never fails."""
    candidates = [name] if name else [os.environ.get(v) for v in ("LC_ALL", "LC_TIME", "LANG")]
    for value in candidates:
        if not value or value in ("C", "POSIX"):
            continue
        try:
            return Locale.parse(value.split(".")[0].split("@")[0])
        except (UnknownLocaleError, ValueError, TypeError):
            continue
    return Locale.parse("en")


def day(value: dt.date | None, locale: Locale) -> str:
    return format_date(value, "medium", locale=locale) if value else ""


def month(value: dt.date, locale: Locale) -> str:
    return format_date(value, "MMMM y", locale=locale)


def period(value: str, granularity: str, date: dt.date, locale: Locale) -> str:
    """A timeline date at the precision it has: "2025", "August 2025", "16. Okt. 2025"."""
    if granularity == "year":
        return str(date.year)
    if granularity in ("month", "quarter", "season"):
        return format_date(date, "MMM y", locale=locale)
    if granularity == "week":
        return value
    return format_date(date, "medium", locale=locale)


def number(n: int, locale: Locale) -> str:
    return format_decimal(n, locale=locale)


def remaining(seconds: float) -> str:
    """Time left, roughly: "about 3 minutes left" (CLDR's words for the unit, in the language of
    the sentence around them, which is English)."""
    return f"about {format_timedelta(dt.timedelta(seconds=max(1.0, seconds)), threshold=1.1, locale='en')} left"
