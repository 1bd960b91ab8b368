"""TIMEX3 values parsed into the calendar periods they name."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.nlp.timevalue import parse

D = dt.date


@pytest.mark.parametrize(
    ("value", "granularity", "start", "end"),
    [
        ("2025-03-18", "day", D(2025, 3, 18), D(2025, 3, 18)),
        ("2025-10-16TEV", "day", D(2025, 10, 16), D(2025, 10, 16)),
        ("2025-10-16T14:00", "time", D(2025, 10, 16), D(2025, 10, 16)),
        ("2025-W43", "week", D(2025, 10, 20), D(2025, 10, 26)),
        ("2025-02", "month", D(2025, 2, 1), D(2025, 2, 28)),
        ("2024-02", "month", D(2024, 2, 1), D(2024, 2, 29)),
        ("2025-Q2", "quarter", D(2025, 4, 1), D(2025, 6, 30)),
        ("2025-H2", "half", D(2025, 7, 1), D(2025, 12, 31)),
        ("2025-SU", "season", D(2025, 6, 1), D(2025, 8, 31)),
        ("2025-WI", "season", D(2025, 12, 1), D(2026, 2, 28)),
        ("2025-W43-WE", "week", D(2025, 10, 25), D(2025, 10, 26)),
        ("1975", "year", D(1975, 1, 1), D(1975, 12, 31)),
    ],
)
def test_a_calendar_value_names_its_period(value, granularity, start, end):
    p = parse(value)
    assert (p.granularity, p.start, p.end, p.on_calendar, p.bc) == (granularity, start, end, True, False)


@pytest.mark.parametrize(
    "value", ["P3Y", "PT2H30M", "PRESENT_REF", "XXXX-02", "XXXX-XX-XX", "2025-02-30", "XXXX-WXX-1", "198", "18", ""]
)
def test_durations_references_sets_decades_and_unknown_parts_are_off_the_calendar(value):
    assert not parse(value).on_calendar and parse(value).day() is None and parse(value).filter_value() is None


def test_a_year_before_the_common_era_is_marked_and_stays_off_the_calendar():
    p = parse("BC1330")
    assert p.bc and p.granularity == "year" and not p.on_calendar


@pytest.mark.parametrize(
    ("value", "filter_value"),
    [
        ("2025-10-16TEV", "2025-10"),
        ("2025-W43", "2025-10"),
        ("2025-10", "2025-10"),
        ("2025-Q2", "2025"),
        ("2025", "2025"),
    ],
)
def test_a_date_filter_takes_the_month_or_the_year(value, filter_value):
    assert parse(value).filter_value() == filter_value


@given(st.text(max_size=20))
def test_any_string_parses_without_error_and_keeps_start_before_end(value):
    p = parse(value)
    assert (p.start is None) == (p.end is None)
    assert p.start is None or p.start <= p.end
