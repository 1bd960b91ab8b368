"""The timeline exported: CSV and iCalendar read back to the same entries, Markdown one bullet each."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

import pytest

from tests.conftest import SEEDS
from tui.index.library import load_library
from tui.index.timeline import Entry, Source
from tui.index.timeline_formats import CSV_COLUMNS, to_csv, to_ics, to_markdown

UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
HOSTILE = Entry(
    "2025-03-18",
    "day",
    "event",
    "",
    "Text \x1b]0;x\x07 mit \u202eumgedreht; Komma, und \\",
    dt.date(2025, 3, 18),
    ("Wladimir Putin",),
    [Source("a\x1b[2J.md", 0, 4, 0, 10)],
)


@pytest.fixture(scope="module")
def timeline():
    return list(load_library([str(SEEDS)], limit_mb=5).timeline)


def parse_ics(text: str) -> list[dict[str, str]]:
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    lines = text.split("\r\n")[:-1]
    assert all(len(line.encode()) <= 75 for line in lines)
    unfolded: list[str] = []
    for line in lines:
        if line.startswith(" "):
            unfolded[-1] += line[1:]
        else:
            unfolded.append(line)
    assert unfolded[0] == "BEGIN:VCALENDAR" and unfolded[-1] == "END:VCALENDAR"
    events, current = [], None
    for line in unfolded[1:-1]:
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT":
            events.append(current)
            current = None
        elif current is not None:
            name, value = line.split(":", 1)
            current[name] = re.sub(r"\\(.)", lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)
    return events


def test_csv_reads_back_as_the_timeline(timeline):
    rows = list(csv.DictReader(io.StringIO(to_csv(timeline))))
    assert list(rows[0]) == CSV_COLUMNS and len(rows) == len(timeline)
    for row, e in zip(rows, timeline):
        assert (row["date"], row["value"], row["kind"], row["text"]) == (e.date.isoformat(), e.value, e.kind, e.text)
        assert row["sources"].split("; ") == list(dict.fromkeys(s.article for s in e.sources))


def test_ics_parses_back_to_one_all_day_event_per_entry(timeline):
    events = parse_ics(to_ics(timeline))
    assert len(events) == len(timeline) and len({ev["UID"] for ev in events}) == len(events)
    for ev, e in zip(events, timeline):
        assert ev["DTSTART;VALUE=DATE"] == e.date.strftime("%Y%m%d")
        assert ev["DTEND;VALUE=DATE"] > ev["DTSTART;VALUE=DATE"]
        assert ev["SUMMARY"] == ("Published: " if e.kind == "published" else "") + e.text


def test_markdown_has_a_heading_per_period_and_a_bullet_per_entry(timeline):
    md = to_markdown(timeline, lambda d: d.strftime("%Y-%m"))
    assert md.count("\n- **") == len(timeline) and "## 2025-08" in md


def test_no_format_writes_a_control_or_bidi_character_raw():
    for text in (to_csv([HOSTILE]), to_ics([HOSTILE]), to_markdown([HOSTILE], str)):
        assert not UNSAFE.search(text.replace("\r\n", "\n")), text
    (event,) = parse_ics(to_ics([HOSTILE]))
    assert event["SUMMARY"] == "Text \\x1b]0;x\\x07 mit \\u202eumgedreht; Komma, und \\"
