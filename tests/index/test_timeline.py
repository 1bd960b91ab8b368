"""The corpus timeline: events in order, each with its sentence and sources."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from dataclasses import dataclass

import pytest

from tests.conftest import ROOT, SEEDS
from tui.corpus import Published
from tui.index.timeline import build_timeline
from tui.nlp.dates import find_dates
from tui.nlp.spans import Span


@dataclass
class Doc:
    id: str
    text: str
    title: str = "Titel"
    published: Published | None = None


def timeline(*docs: Doc, keys: dict[str, str] | None = None):
    """Timeline of hand-made articles; ``keys`` marks names (text -> key) as PER mentions."""
    dates = [find_dates(d.text, d.published.value if d.published else None) for d in docs]
    entities = []
    for d in docs:
        spans = []
        for name, key in (keys or {}).items():
            pos = d.text.find(name)
            while pos >= 0:
                spans.append(Span(pos, pos + len(name), "PER", name, key))
                pos = d.text.find(name, pos + 1)
        entities.append(sorted(spans))
    return build_timeline(docs, dates, entities)


def on(day: str) -> Published:
    return Published(dt.date.fromisoformat(day))


def test_one_event_reported_by_several_articles_is_one_entry_with_every_source():
    a = Doc("a", "Am Dienstag telefonierte Trump mit Putin.", published=on("2025-03-20"))
    b = Doc("b", "Putin und Trump sprachen am 18. März miteinander.", published=on("2025-03-21"))
    c = Doc("c", "Am 18. März regnete es in Bern.", published=on("2025-03-21"))
    events = [
        e for e in timeline(a, b, c, keys={"Trump": "Donald Trump", "Putin": "Wladimir Putin"}) if e.kind == "event"
    ]
    call = [e for e in events if {s.article for s in e.sources} == {"a", "b"}]
    assert len(call) == 1 and call[0].value[:10] == "2025-03-18"
    assert any(e.sources[0].article == "c" for e in events)  # no shared people: its own entry


def test_agency_copies_of_a_sentence_are_one_entry_with_every_source():
    said = "Im Januar 2025 hatte die Regierung in Wien neue Regeln für den Wohnbau angekündigt"
    a = Doc("a", said + ".", published=on("2025-03-20"))
    b = Doc("b", said.replace("hatte", "hat") + " , heißt es.", published=on("2025-03-21"))  # a word changed
    c = Doc(
        "c", "Im Januar 2025 war es in Wien ungewöhnlich kalt, meldeten die Meteorologen.", published=on("2025-03-21")
    )
    d = Doc("d", said.replace(" 2025", "") + ".", published=on("2024-03-21"))  # another January
    events = [e for e in timeline(a, b, c, d) if e.kind == "event"]
    by_sources = sorted(sorted(s.article for s in e.sources) for e in events)
    assert by_sources == [["a", "b"], ["c"], ["d"]]


@pytest.mark.parametrize(
    "credit",
    ["(APA, 12.9.2015)", "(APA/red – 8.8.2015)", "(Thomas Mayer aus Brüssel, 14.12.2015)", "(red, 16. 5. 2015)"],
)
def test_a_credit_line_date_is_no_event(credit):
    doc = Doc("a", f"Die Anlage war ausgefallen. {credit} Am 3. März 2015 begann der Umbau.")
    events = [e for e in timeline(doc) if e.kind == "event"]
    assert [e.value for e in events] == ["2015-03-03"]


def test_dates_in_other_parentheses_stay_events():
    doc = Doc("a", "Der Vertrag (unterzeichnet am 12.9.2015) gilt. Die Sängerin (1943 bis 1970) sang.")
    assert {e.value for e in timeline(doc) if e.kind == "event"} >= {"2015-09-12", "1943"}


def test_short_sentences_are_one_entry_only_when_identical():
    a, b = Doc("a", "Wahl im Mai 2025."), Doc("b", "Wahl im Mai 2025.")
    c = Doc("c", "Krise im Mai 2025.")
    events = [e for e in timeline(a, b, c) if e.kind == "event"]
    assert sorted(sorted(s.article for s in e.sources) for e in events) == [["a", "b"], ["c"]]


def test_coarser_values_come_before_finer_ones_of_the_same_period():
    doc = Doc(
        "a",
        "Am 3. Januar 2025 begann es. Im Januar 2025 war es kalt. 2025 wird ein Wahljahr.",
        published=on("2025-02-01"),
    )
    values = [e.value for e in timeline(doc) if e.kind == "event"]
    assert values == ["2025", "2025-01", "2025-01-03"]


def test_published_articles_stand_on_the_timeline_and_durations_and_unresolved_dates_do_not():
    dated = Doc("a", "Die Waffenruhe soll 30 Tage dauern.", title="Waffenruhe", published=on("2025-03-18"))
    undated = Doc("b", "Im Februar war es anders.")
    entries = timeline(dated, undated)
    assert [(e.kind, e.value, e.text) for e in entries] == [("published", "2025-03-18", "Waffenruhe")]


def test_entries_carry_their_sentence_and_the_entity_keys_in_it():
    doc = Doc(
        "a",
        "Vorher war es ruhig. Am 16. Oktober telefonierte Trump mit Putin. Danach nicht.",
        published=on("2025-10-17"),
    )
    (event,) = [
        e for e in timeline(doc, keys={"Trump": "Donald Trump", "Putin": "Wladimir Putin"}) if e.kind == "event"
    ]
    assert event.text == "Am 16. Oktober telefonierte Trump mit Putin."
    assert set(event.entities) == {"Donald Trump", "Wladimir Putin"}
    src = event.sources[0]
    assert doc.text[src.sentence_start : src.sentence_end] == event.text


def run_timeline(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "tui", "timeline", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=120,
    )


def test_chronik_timeline_of_the_seeds_tells_the_story_in_order():
    result = run_timeline(str(SEEDS))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    milestones = [
        ("2024", "US-Wahl 2024"),
        ("2025-01", "Amtsantritt im Januar 2025"),
        ("2025-02-12", "published:"),
        ("2025-08 MID", "Anchorage"),
        ("2025-10-16", "Telefon"),
        ("2025-10-17", "Treffen mit Wladimir Selenskij am Freitag"),
    ]
    positions = []
    for value, words in milestones:
        hits = [i for i, line in enumerate(lines) if line.strip().startswith(value) and words in line]
        assert hits, f"no timeline line for {value} with {words!r}"
        positions.append(hits[0])
    assert positions == sorted(positions)
    assert "January 2025" in lines and "October 2025" in lines  # month headings, in English by default
    german = run_timeline(str(SEEDS), "--lang", "de").stdout.splitlines()
    assert "Januar 2025" in german and "Oktober 2025" in german
    assert any(line.strip().startswith("2025-02-12") and "erschienen:" in line for line in german)


def test_chronik_timeline_json_gives_one_object_per_entry():
    result = run_timeline(str(SEEDS), "--json")
    entries = [json.loads(line) for line in result.stdout.splitlines()]
    assert entries and all({"value", "granularity", "kind", "date", "text", "sources"} <= set(e) for e in entries)
    assert [e["date"] for e in entries] == sorted(e["date"] for e in entries)


@pytest.mark.parametrize(
    ("text", "value", "until"),
    [
        ("Er war in seiner Amtszeit (2017 bis 2021) beliebt.", "2017", "2021"),
        ("Die Messe läuft vom 5. bis zum 9. Juni in Wien.", "2025-06-05", "2025-06-09"),
        ("Zwischen 1990 und 1995 wuchs die Stadt.", "1990", "1995"),
        ("Von September bis November 2015 regnete es.", "2015-09", "2015-11"),
    ],
)
def test_a_range_is_one_entry_from_its_first_to_its_last_period(text, value, until):
    from tui.corpus.model import Article

    a = Article("a.txt", "a.txt", "Range", text)
    entries = build_timeline([a], [find_dates(text, dt.date(2025, 5, 12))], [[]])
    assert [(e.value, e.until) for e in entries] == [(value, until)]
    assert entries[0].record()["until"] == until


def test_two_dates_that_are_no_range_stay_two_entries():
    from tui.corpus.model import Article

    text = "Am 3. Mai und am 5. Mai war er in Wien."
    a = Article("a.txt", "a.txt", "Two", text)
    entries = build_timeline([a], [find_dates(text, dt.date(2025, 5, 12))], [[]])
    assert [(e.value, e.until) for e in entries] == [("2025-05-03", None), ("2025-05-05", None)]
