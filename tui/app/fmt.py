"""Dates, numbers and spans of time for the active locale, with Babel's CLDR data."""

from __future__ import annotations

import datetime as dt

from babel import Locale
from babel.dates import format_date, format_time, format_timedelta
from babel.numbers import format_decimal


def today() -> dt.date:
    """The day relative dates count from (a function, so tests can hold the clock still)."""
    return dt.date.today()


def day(value: dt.date | None, locale: Locale) -> str:
    """ "17.10.2025" / "Oct 17, 2025": short enough for a list column."""
    return format_date(value, "medium", locale=locale) if value else ""


def short_day(value: dt.date | None, locale: Locale) -> str:
    """ "17.10.25" / "10/17/25": for a narrow list."""
    return format_date(value, "short", locale=locale) if value else ""


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


def full_day(value: dt.date, locale: Locale) -> str:
    """ "Donnerstag, 16. Oktober 2025" / "Thursday, October 16, 2025"."""
    return format_date(value, "full", locale=locale)


def month(value: dt.date, locale: Locale) -> str:
    return format_date(value, "MMMM y", locale=locale)


def period(value: str, granularity: str, date: dt.date, locale: Locale) -> str:
    """A timeline date at the precision it has, short: "2025", "Aug. 2025", "KW 43, Okt. 2025",
    "16.10.2025", "16.10.2025, abends"."""
    return when(value, granularity, date, locale)


# CLDR's names of the parts of a day, for the TIMEX3 codes (the first the locale has wins).
_DAY_PERIODS = {
    "MO": ("morning1",),
    "MI": ("noon", "afternoon1"),
    "AF": ("afternoon2", "afternoon1"),
    "EV": ("evening1",),
    "NI": ("night1",),
}


def when(value: str, granularity: str, date: dt.date, locale: Locale, mod: str = "", long: bool = False) -> str:
    """A timeline date in the locale's words at the precision it has. Short: "Aug. 2025",
    "KW 43, Okt. 2025", "16.10.2025, 18:30"; long: "Mitte August 2025", "Woche 43, Oktober
    2025", "Donnerstag, 16. Oktober 2025, abends". ``mod`` (TIMEX3 START, MID, END, APPROX)
    adds "Anfang", "Mitte", "Ende", "etwa"."""
    from tui.i18n import _

    month = format_date(date, "MMMM y" if long else "MMM y", locale=locale)
    if granularity == "year":
        text = str(date.year)
    elif granularity == "half":
        text = (_("first half of {year}") if date.month <= 6 else _("second half of {year}")).format(year=date.year)
    elif granularity == "quarter":
        quarter = locale.quarters["format"]["wide" if long else "abbreviated"][(date.month - 1) // 3 + 1]
        text = f"{quarter} {date.year}"
    elif granularity == "season":
        names = {3: _("spring"), 6: _("summer"), 9: _("autumn"), 12: _("winter")}
        text = f"{names.get(date.month, month)} {date.year}"
    elif granularity == "month":
        text = month
    elif granularity == "week":
        week = date.isocalendar().week
        text = (_("week {week}, {month}") if long else _("wk {week}, {month}")).format(week=week, month=month)
    else:
        text = format_date(date, "full" if long else "medium", locale=locale)
        clock = value.partition("T")[2]
        if clock:  # a clock time, or a part of the day ("2025-10-16TEV", granularity day)
            if clock[:2].isdigit() and len(clock) >= 5:
                text += ", " + format_time(dt.time(int(clock[:2]) % 24, int(clock[3:5])), "short", locale=locale)
            else:
                names = locale.day_periods["format"]["wide"]
                word = next((names[k] for k in _DAY_PERIODS.get(clock[:2], ()) if k in names), None)
                if word:
                    text += ", " + word
    wrap = {
        "START": _("early {when}"),
        "MID": _("mid-{when}"),
        "END": _("late {when}"),
        "APPROX": _("about {when}"),
    }.get(mod)
    return wrap.format(when=text) if wrap else text


def number(n: int, locale: Locale) -> str:
    return format_decimal(n, locale=locale)


def remaining(seconds: float, locale: Locale) -> str:
    """Time left, roughly: "about 3 minutes left" / "noch etwa 3 Minuten"."""
    from tui.i18n import _

    span = format_timedelta(dt.timedelta(seconds=max(1.0, seconds)), threshold=1.1, locale=locale)
    return _("about {span} left").format(span=span)
