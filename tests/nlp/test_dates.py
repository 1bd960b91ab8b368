"""Temporal expressions: recognition, TIMEX3 values, resolution against the publication date."""

from __future__ import annotations

import datetime as dt
from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import SEEDS
from tui.corpus import load_corpus
from tui.nlp.dates import find_dates

FRIDAY = dt.date(2025, 10, 17)


def values(text: str, dct=FRIDAY) -> dict[str, tuple[str, str, str]]:
    return {t.text: (t.type, t.value, t.mod) for t in find_dates(text, dct)}


@cache
def seed_dates(prefix: str):
    articles, _ = load_corpus([str(SEEDS)])
    a = next(a for a in articles if a.id.startswith(prefix))
    return a, find_dates(a.text, a.published.value if a.published else None)


def seed_values(prefix: str) -> dict[str, tuple[str, str, str]]:
    return {t.text: (t.type, t.value, t.mod) for t in seed_dates(prefix)[1]}


def test_seed_003_named_cases_resolve_against_its_publication_date():
    got = seed_values("003")
    assert got["Donnerstagabend"] == ("TIME", "2025-10-16TEV", "")
    assert got["Freitag"] == ("DATE", "2025-10-17", "")
    assert got["Mitte August"] == ("DATE", "2025-08", "MID")
    assert got["nächste Woche"] == ("DATE", "2025-W43", "")


def test_seed_001_year_range_gives_both_years_and_durations_stay_durations():
    got = seed_values("001")
    assert got["2017"] == ("DATE", "2017", "") and got["2021"] == ("DATE", "2021", "")
    assert got["gut drei Wochen"] == ("DURATION", "P3W", "MORE_THAN")
    assert got["24 Stunden"][:2] == ("DURATION", "PT24H")


def test_seed_000_without_publication_date_keeps_unknown_parts_unresolved():
    article, found = seed_dates("000")
    assert article.published is None
    februar = next(t for t in found if t.text == "Februar")
    assert februar.value == "XXXX-02" and not februar.resolved
    assert next(t for t in found if t.text == "30-tägigen").value == "P30D"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Am 17. März 2025 kam er.", ("17. März 2025", "DATE", "2025-03-17")),
        ("Das war am 12.02.2025.", ("12.02.2025", "DATE", "2025-02-12")),
        ("Stand: 2025-10-17 00:16", ("2025-10-17 00:16", "TIME", "2025-10-17T00:16")),
        ("Im März 2025 begann es.", ("März 2025", "DATE", "2025-03")),
        ("Anfang 2025 war es ruhig.", ("Anfang 2025", "DATE", "2025")),
        ("Gestern sagte er das.", ("Gestern", "DATE", "2025-10-16")),
        ("Er kommt morgen.", ("morgen", "DATE", "2025-10-18")),
        ("Vergangene Woche sprach er.", ("Vergangene Woche", "DATE", "2025-W41")),
        ("Er sprach letzten Monat.", ("letzten Monat", "DATE", "2025-09")),
        ("Vor drei Jahren begann es.", ("drei Jahren", "DURATION", "P3Y")),
        ("Das Gespräch dauerte 2,5 Stunden.", ("2,5 Stunden", "DURATION", "PT2H30M")),
        ("Sie treffen sich jeden Montag.", ("jeden Montag", "SET", "XXXX-WXX-1")),
        ("Das erscheint wöchentlich.", ("wöchentlich", "SET", "P1W")),
        ("Die Krise ist derzeit ernst.", ("derzeit", "DATE", "PRESENT_REF")),
        ("Das Treffen beginnt um 18:30 Uhr.", ("18:30 Uhr", "TIME", "2025-10-17T18:30")),
        # The clock time takes the day named before it; "25. Februar" in October is the coming one.
        ("Am Donnerstag, 25. Februar, um 20.30 Uhr beginnt es.", ("20.30 Uhr", "TIME", "2026-02-25T20:30")),
        ("Am 17.3. kam er.", ("17.3.", "DATE", "2025-03-17")),
        ("Ende der Woche kommt er.", ("Ende der Woche", "DATE", "2025-W42")),
        ("Am Dienstagmittag sprach er.", ("Dienstagmittag", "TIME", "2025-10-14TMI")),
        ("Am Nachmittag sprach er.", ("Nachmittag", "TIME", "2025-10-17TAF")),
        ("Seit Januar ist Krieg.", ("Januar", "DATE", "2025-01")),
        ("Seit drei Jahren ist Krieg.", ("drei Jahren", "DURATION", "P3Y")),
        ("Die 14-Tage-Frist läuft.", ("14-Tage", "DURATION", "P14D")),
    ],
)
def test_expressions_and_their_values(text, expected):
    assert (expected[0], *values(text)[expected[0]][:2]) == expected


def test_tense_decides_which_tuesday():
    # Friday 17 October 2025: the coming Tuesday is the 21st, the last one the 14th.
    assert values("Der Anruf, der am Dienstag stattfinden soll, ist wichtig.")["Dienstag"][1] == "2025-10-21"
    assert values("Am Dienstag telefonierte er mit ihm.")["Dienstag"][1] == "2025-10-14"


def test_prepositions_stay_outside_the_span():
    assert set(values("Im Februar und am Dienstag war es kalt.")) == {"Februar", "Dienstag"}


@pytest.mark.parametrize("text", ["Am 31.02.2025 war nichts.", "Datum 2025-13-01 ungültig.", "Am 30. Februar 2024."])
def test_impossible_dates_are_not_normalised_into_real_ones(text):
    # No day is made up: neither the impossible one nor a neighbour it could roll over into.
    assert not any(len(t.value) >= 10 for t in find_dates(text, FRIDAY))


def test_counts_are_not_years():
    assert "1500" not in values("Mindestens 1500 Grenzschützer standen bereit.")
    assert "2000" not in values("Es wurden 2000 Quadratmeter saniert.")


SPRING_2016 = dt.date(2016, 5, 12)


@pytest.mark.parametrize(
    "text",
    [
        "1000 bei Protestzug gegen das Kraftwerk",  # a count far from the publication date
        "Er gewann das Masters-1000-Turnier in Rom.",  # part of a tournament's name
        "Das Display zeigt 1152 x 1920 Bildpunkte.",  # a dimension
        "Der Strom kostet in Wien 2,1510 Cent je Kilowattstunde.",  # a price's decimals
        "Microsoft verteilt die Build 1511 an alle Tester.",  # a build number
        "Laut Paragraf § 1004 muss er das unterlassen.",  # a numbered paragraph
        "Die Liste führt Nr. 2015 als verschollen.",  # a numbering
        "Das Gebäude hat 1650 Zimmer und 1200 Fenster.",  # counts of things
        "Die Strecke von 1300 Kilometern führt durch die Wüste.",  # a measure after a preposition
        "Das Rad kostet im Handel 1999 Euro.",  # a price
        "Der Sicherheitsrat verwies auf die Resolution 1701 und ihre Folgen.",  # a resolution
        "Im Sturm spielten Lukas Hinterseer (Ingolstadt) und Rubin Okotie (1860 München).",  # a club's name
        "Sie heißt Democracy in Europe Movement 2025 (DiEM25).",  # a name's number, in its abbreviation too
        "Die Räder kosten 1950-2000 Euro.",  # a range of prices
        "Die Saison 2014-15 war lang.",  # a season's two years
    ],
)
def test_numbers_that_are_no_years_give_no_dates(text):
    assert not [t for t in find_dates(text, SPRING_2016) if t.type == "DATE"]


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("1989 fiel in Berlin die Mauer.", "1989"),
        ("Seit 1945 herrscht hier Frieden.", "1945"),
        ("Der Dichter (1749–1832) lebte in Weimar.", "1832"),
        ("Der Dichter (1749–1832) lebte in Weimar.", "1749"),
        ("Der Maler Pieter Bruegel (1525-1569) malte Bauern.", "1525"),  # a life span's first year too
        ("Tizian (um 1488–1576) war ein Maler.", "1488"),
        ("Die Leitlinien für 2011-2015 wurden erneuert.", "2015"),
        ("Sie gewann Slalom-Silber 2007 und Bronze 2011.", "2007"),
        ("Der Preis wurde 2014 erstmals vergeben.", "2014"),
        ("Die Firma wurde 1920 gegründet.", "1920"),
    ],
)
def test_years_with_evidence_stay_years(text, year):
    assert year in {t.value for t in find_dates(text, SPRING_2016)}


def test_a_life_span_stands_on_the_timeline_from_its_first_year_to_its_last():
    from tui.corpus.model import Article
    from tui.index.timeline import build_timeline

    text = "Der Maler Pieter Bruegel (1525-1569) malte Bauern."
    article = Article(id="a", path="a", title="Bruegel", text=text)
    events = [e for e in build_timeline([article], [find_dates(text, SPRING_2016)], [[]]) if e.kind == "event"]
    assert [(e.value, e.until) for e in events] == [("1525", "1569")]


def test_dates_without_their_sentence_stand_on_the_timeline_with_the_same_sentences():
    import dataclasses

    from tui.corpus.model import Article
    from tui.index.timeline import build_timeline

    text = "Am 3. Mai 2025 sprach er. Dr. Müller kam am 4. Mai.\nNeue Zeile: 5. Mai 2025 und 2024."
    article = Article(id="a", path="a", title="T", text=text)
    found = find_dates(text, SPRING_2016)
    bare = [dataclasses.replace(t, sentence=None) for t in found]
    sources = [
        [(s.sentence_start, s.sentence_end) for s in e.sources] for e in build_timeline([article], [found], [[]])
    ]
    assert sources == [
        [(s.sentence_start, s.sentence_end) for s in e.sources] for e in build_timeline([article], [bare], [[]])
    ]
    assert len(sources) > 3


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Der Tempel wurde um 1330 vor unserer Zeitrechnung errichtet.", "BC1330"),
        ("Cäsar starb 44 v. Chr. in Rom.", "BC0044"),
        ("Im Jahr 800 n. Chr. wurde Karl gekrönt.", "0800"),
    ],
)
def test_years_of_an_era_have_their_era(text, value):
    assert value in {t.value for t in find_dates(text, SPRING_2016)}
    assert "1330" not in {t.value for t in find_dates(text, SPRING_2016)}


def test_years_before_the_common_era_stay_off_the_timeline():
    from tui.nlp.timevalue import parse

    assert parse("BC1330").bc and not parse("BC1330").on_calendar


@settings(max_examples=80, deadline=None)
@given(st.text(max_size=200), st.one_of(st.none(), st.dates()))
def test_any_string_gives_valid_sorted_spans(text, dct):
    last = 0
    for t in find_dates(text, dct):
        assert last <= t.start < t.end <= len(text) and text[t.start : t.end] == t.text
        assert t.type in ("DATE", "TIME", "DURATION", "SET")
        last = t.end


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "am",
                "Dienstag",
                "17.",
                "März",
                "2025",
                "31.02.",
                "Mitte",
                "Ende",
                "vor",
                "drei",
                "Jahren",
                "nächste",
                "Woche",
                "18:30",
                "Uhr",
                "-",
                "bis",
                "gestern",
                "Abend",
                "\x00",
                "30-tägigen",
                "1.000",
                "9999",
                "0.0.",
            ]
        ),
        max_size=30,
    ),
    st.one_of(st.none(), st.dates(min_value=dt.date(1, 1, 1))),
)
def test_date_like_word_soup_gives_valid_spans(words, dct):
    text = " ".join(words)
    for t in find_dates(text, dct):
        assert text[t.start : t.end] == t.text


# Words the date rules need and words they do not, with gaps of every kind a window must respect.
_DATE_PIECES = (
    "am Dienstag 17. 3.4. März Mai 2025 1990er Mitte Ende seit vor drei zwei halb Viertel Jahren Jahrzehnten "
    "Woche Wochen Tag Tage Monate nächsten vergangenen Uhr 18:30 um bis und oder statt pro je mal jährlich "
    "gestern heute morgen Abend Sommer Weihnachten Chr. Quartal 30-tägigen jahrelang derzeit damals 1.000 Euro"
).split()
# (Runs as long as the windows allow: eight spaces, a word of forty letters.)
_FILLER = "Die Regierung sagte wird hatte , . der Bundesverfassungsgerichtspräsidentinnen x".split()


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.one_of(st.sampled_from(_DATE_PIECES), st.sampled_from(_FILLER), st.sampled_from(_FILLER)),
            st.sampled_from([" ", " ", " ", "  ", "\n", "\n\n", " " * 8, "\t", "-"]),
        ),
        max_size=120,
    ),
    st.one_of(st.none(), st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 1, 1))),
)
def test_rules_run_near_the_words_they_need_find_what_they_find_in_the_whole_text(pieces, dct):
    text = "".join(word + gap for word, gap in pieces) + " " + "Die Regierung sagte nichts. " * 20
    assert find_dates(text, dct) == find_dates(text, dct, windowed=False)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from([*_DATE_PIECES, *_FILLER, "Dr.", "!", "“", "„"]),
            st.sampled_from([" ", " ", "\n", "\n\n", ". ", "? "]),
        ),
        max_size=60,
    ),
)
def test_a_date_knows_the_sentence_the_timeline_would_cut_around_it(pieces):
    from tui.corpus.text import text_sentences, text_tokens

    text = "".join(word + gap for word, gap in pieces)
    starts, ends, _ = text_tokens(text)
    whole = [(starts[a], ends[b - 1]) for a, b in text_sentences(text)]
    for t in find_dates(text, dt.date(2025, 3, 9)):
        assert t.sentence == next(((a, b) for a, b in whole if a <= t.start < b), (t.start, t.end))


def test_the_tense_around_a_date_is_the_same_asked_once_or_among_many():
    from tui.nlp.datecontext import Context

    text = (
        "Am Dienstag telefonierte Trump mit Putin, der am Freitag nach Wien reisen wird. "
        "Die Gespräche sollen im März weitergehen; im Jänner hatten sie sich getroffen.\n" * 4
    )
    shared = Context(text, dt.date(2025, 3, 9))
    for pos in range(0, len(text) - 1, 3):
        assert shared.tense_at(pos, pos + 1) == Context(text, dt.date(2025, 3, 9)).tense_at(pos, pos + 1)


@pytest.mark.parametrize(
    ("text", "span", "value", "mod"),
    [
        ("In den achtziger Jahren war das anders.", "den achtziger Jahren", "198", ""),
        ("Ende der siebziger Jahre kam er nach Wien.", "Ende der siebziger Jahre", "197", "END"),
        ("In den 60er-Jahren blühte die Stadt.", "den 60er-Jahren", "196", ""),
        ("Die Achtzigerjahre waren bunt.", "Die Achtzigerjahre", "198", ""),
        ("Mitte der 1990er Jahre zog sie um.", "Mitte der 1990er Jahre", "199", "MID"),
        (
            "Das war in den zwanziger Jahren des 19. Jahrhunderts.",
            "den zwanziger Jahren des 19. Jahrhunderts",
            "182",
            "",
        ),
        ("Im 19. Jahrhundert wuchs Wien rasch.", "19. Jahrhundert", "18", ""),
        ("Zu Beginn des 21. Jahrhunderts kam das Netz.", "Beginn des 21. Jahrhunderts", "20", "START"),
        ("Die Stadt entstand im 5. Jahrhundert v. Chr. am Fluss.", "5. Jahrhundert v. Chr.", "BC04", ""),
        ("Wir leben im dritten Jahrtausend.", "dritten Jahrtausend", "2", ""),
    ],
)
def test_decades_centuries_and_millennia(text, span, value, mod):
    assert values(text).get(span) == ("DATE", value, mod)


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("In Zukunft will sie mehr reisen.", "Zukunft", "FUTURE_REF"),
        ("In der Vergangenheit war das anders.", "Vergangenheit", "PAST_REF"),
        ("In letzter Zeit regnet es oft.", "letzter Zeit", "PAST_REF"),
        ("Die Burg war einst ein Kloster.", "einst", "PAST_REF"),
        ("Damals gab es noch keine Brücke.", "Damals", "PAST_REF"),
        ("Früher stand hier eine Mühle.", "Früher", "PAST_REF"),
        ("Das Dorf hieß früher Altenmarkt.", "früher", "PAST_REF"),
        ("Bisher gibt es keine Einigung.", "Bisher", "PAST_REF"),
        ("Eine Spur hat die Polizei bislang nicht.", "bislang", "PAST_REF"),
    ],
)
def test_reference_words_and_phrases(text, span, value):
    assert values(text).get(span) == ("DATE", value, "")


@pytest.mark.parametrize(
    "text",
    [
        "Der Zug kam zwei Stunden früher als geplant.",  # a comparative
        "Früher oder später muss er zahlen.",  # an idiom
        "Ein früher Tod beendete seine Laufbahn.",  # an adjective
        "Das hätte er viel früher sagen müssen.",
    ],
)
def test_frueher_as_comparative_or_adjective_is_no_reference_word(text):
    assert "PAST_REF" not in [t.value for t in find_dates(text, FRIDAY)]


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("In der ersten Woche des Jahres kamen viele.", "der ersten Woche des Jahres", "2025-W01"),
        ("In der zweiten Oktoberwoche wird gewählt.", "der zweiten Oktoberwoche", "2025-W41"),
        ("In der letzten Woche des Jahres 2024 schneite es.", "der letzten Woche des Jahres 2024", "2024-W52"),
        ("Die 2. Woche im Februar 2026 bringt Ferien.", "Die 2. Woche im Februar 2026", "2026-W07"),
    ],
)
def test_ordinal_weeks_are_iso_weeks(text, span, value):
    assert values(text).get(span) == ("DATE", value, "")


def test_an_ordinal_week_of_nothing_named_is_no_date():
    assert not find_dates("In der ersten Woche kamen viele.", FRIDAY)


def test_weekdays_under_a_dated_heading_count_from_the_heading():
    text = (
        "Programm der Festwoche\n\nWoche vom 3. bis 9. November 2025\n\n"
        "Montag: Eröffnung im Rathaus.\nDienstag: Lesung.\nAm Freitag spielt die Band.\n"
    )
    got = {t.text: t.value for t in find_dates(text, dt.date(2025, 10, 1))}
    assert (got["Montag"], got["Dienstag"], got["Freitag"]) == ("2025-11-03", "2025-11-04", "2025-11-07")


def test_a_diary_heading_dates_the_weekdays_below_it_even_without_a_publication_date():
    text = "Tagebuch\n\n12. März 2024\n\nAm Dienstag regnete es. Am Donnerstag kam Post.\n"
    got = {t.text: t.value for t in find_dates(text, None)}
    assert (got["Dienstag"], got["Donnerstag"]) == ("2024-03-12", "2024-03-14")


def test_a_heading_near_the_publication_date_leaves_weekdays_to_the_tense():
    text = "16. Oktober 2025\n\nAm Dienstag hatte er noch gezögert.\n"
    assert {t.text: t.value for t in find_dates(text, FRIDAY)}["Dienstag"] == "2025-10-14"


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("Zu Weihnachten kam er heim.", "Weihnachten", "2024-12-25"),  # past tense: the last one
        ("Zu Weihnachten wird er heimkommen.", "Weihnachten", "2025-12-25"),  # future: the next one
        ("An Ostern 2024 regnete es.", "Ostern 2024", "2024-03-31"),  # the computus
        ("Am Karfreitag 2025 blieb alles zu.", "Karfreitag 2025", "2025-04-18"),
        ("Pfingsten 2026 fällt spät.", "Pfingsten 2026", "2026-05-24"),
        ("An Silvester war sie am Fluss.", "Silvester", "2024-12-31"),
        ("Zu Mariä Himmelfahrt war Markt.", "Mariä Himmelfahrt", "2025-08-15"),
    ],
)
def test_holidays_are_days_of_their_year(text, span, value):
    assert values(text).get(span) == ("DATE", value, "")


def test_a_holiday_without_a_year_or_publication_date_stays_unresolved():
    got = {t.text: (t.value, t.resolved) for t in find_dates("Zu Weihnachten und zu Ostern war sie da.", None)}
    assert got == {"Weihnachten": ("XXXX-12-25", False), "Ostern": ("XXXX-XX-XX", False)}


def test_holiday_names_that_are_also_given_names_need_a_preposition():
    assert not values("Silvester Stallone kam nach Wien.")


@pytest.mark.parametrize(
    ("text", "span", "value", "point"),
    [
        ("Er kam vor fünfzig Jahren nach Wien.", "fünfzig Jahren", "P50Y", "1975"),
        ("Vor drei Tagen sprach sie.", "drei Tagen", "P3D", "2025-10-14"),
        ("In zwei Wochen ist Wahl.", "zwei Wochen", "P2W", "2025-W44"),
        ("Vor einigen Tagen kam er.", "einigen Tagen", "PXD", None),
    ],
)
def test_a_duration_before_or_after_now_designates_a_point(text, span, value, point):
    got = {t.text: t for t in find_dates(text, FRIDAY)}[span]
    assert (got.type, got.value, got.point) == ("DURATION", value, point)
    assert got.when() == point
    assert got.record()["point"] == point


def test_the_timeline_places_a_designated_point():
    from tui.corpus.model import Article
    from tui.index.timeline import build_timeline

    text = "Die Brücke wurde vor fünfzig Jahren eröffnet."
    a = Article("a.txt", "a.txt", "Brücke", text)
    entries = build_timeline([a], [find_dates(text, FRIDAY)], [[]])
    assert [(e.value, e.granularity) for e in entries] == [("1975", "year")]


@pytest.mark.parametrize(
    ("text", "span", "typ", "value"),
    [
        ("Das dauerte ein Jahr.", "ein Jahr", "DURATION", "P1Y"),
        ("Nach einem Jahr kam er zurück.", "einem Jahr", "DURATION", "P1Y"),
        ("Er blieb ein halbes Jahr in Rom.", "halbes Jahr", "DURATION", "P6M"),
        ("Das dauerte ein Jahrzehnt.", "ein Jahrzehnt", "DURATION", "P10Y"),
        ("Sie stritten jahrelang um das Erbe.", "jahrelang", "DURATION", "PXY"),
        ("Nach wochenlangen Verhandlungen kam die Einigung.", "wochenlangen", "DURATION", "PXW"),
        ("Seit Jahren ist das so.", "Jahren", "DURATION", "PXY"),
        ("Er saß zwei Jahre und sechs Monate in Haft.", "zwei Jahre und sechs Monate", "DURATION", "P2Y6M"),
        ("Das kostet 100 Euro pro Jahr.", "pro Jahr", "SET", "P1Y"),
        ("Einmal im Monat trifft sich der Rat.", "Einmal im Monat", "SET", "P1M"),
        ("Zweimal wöchentlich kommt der Bus.", "Zweimal wöchentlich", "SET", "P1W"),
        ("Jahr um Jahr wächst die Stadt.", "Jahr um Jahr", "SET", "P1Y"),
        ("Der Markt ist jeden letzten Samstag im Monat.", "jeden letzten Samstag im Monat", "SET", "P1M"),
        ("Sie turnt jeden Tag im Jahr.", "jeden Tag im Jahr", "SET", "P1D"),
        ("Das dauert sechs bis acht Monate.", "sechs", "DURATION", "P6M"),
        ("Lieber 50 statt 30 Jahre.", "50", "DURATION", "P50Y"),
    ],
)
def test_durations_and_frequencies_beyond_a_number_of_units(text, span, typ, value):
    assert values(text).get(span)[:2] == (typ, value)


def test_the_first_clock_time_of_a_range_with_bis_is_a_time():
    got = values("Am 3. März war von 10 bis 15 Uhr geöffnet.")
    assert got["10"][:2] == ("TIME", "2025-03-03T10:00")
    assert got["15 Uhr"][:2] == ("TIME", "2025-03-03T15:00")


def test_a_year_after_im_jahr_is_no_frequency():
    assert values("Im Jahr 2015 war es so.") == {"Jahr 2015": ("DATE", "2015", "")}


@pytest.mark.parametrize(
    ("text", "span", "value", "mod"),
    [
        ("Sie kam um halb neun.", "halb neun", "2025-10-17T08:30", ""),
        ("Gegen neun Uhr war es vorbei.", "neun Uhr", "2025-10-17T09:00", "APPROX"),
        ("Um Viertel nach acht begann es.", "Viertel nach acht", "2025-10-17T08:15", ""),
        ("Um Viertel vor neun kam der Zug.", "Viertel vor neun", "2025-10-17T08:45", ""),
        ("Am 3. März um halb zehn sprach er.", "halb zehn", "2025-03-03T09:30", ""),
    ],
)
def test_clock_times_in_words(text, span, value, mod):
    assert values(text).get(span) == ("TIME", value, mod)


def test_a_word_number_after_um_is_no_time_without_uhr():
    assert not values("Der Preis stieg um neun Prozent und um zwei Punkte.")


@pytest.mark.parametrize(
    ("text", "span", "typ", "value"),
    [
        ("Am frühen Abend kam er.", "frühen Abend", "TIME", "2025-10-17TEV"),
        ("Er trinkt morgens Kaffee.", "morgens", "SET", "XXXX-XX-XXTMO"),
        ("Dienstag vormittags kam er.", "Dienstag vormittags", "TIME", "2025-10-14TMO"),
    ],
)
def test_parts_of_the_day_and_every_morning(text, span, typ, value):
    assert values(text).get(span)[:2] == (typ, value)


def test_the_noun_abend_and_a_clock_time_in_the_morning_are_no_sets():
    assert not [t for t in find_dates("Die Referenten des Abends kamen um 3 Uhr morgens.", FRIDAY) if t.type == "SET"]


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("Im Vorjahr war es anders.", "Vorjahr", "2024"),
        ("2014 stieg der Umsatz, im Vorjahr war er gefallen.", "Vorjahr", "2013"),  # the year last spoken of
        ("Der Gewinn des Vorjahres lag höher.", "Vorjahres", "2024"),
        ("Am Wochenende spielte sie in Graz.", "Wochenende", "2025-W42-WE"),
    ],
)
def test_the_year_before_and_the_weekend_point_from_the_narrative(text, span, value):
    assert values(text).get(span) == ("DATE", value, "")


def test_the_end_of_the_year_is_the_end_of_the_year_the_text_speaks_about():
    text = "1991 erhielt die Statue den Status eines Denkmals. Ab Ende des Jahres stand sie im Park."
    assert values(text).get("Ende des Jahres") == ("DATE", "1991", "END")
    assert values("Ende des Jahres soll der Bau fertig sein.").get("Ende des Jahres") == ("DATE", "2025", "END")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Davon zehrt das Land auch heute noch.", "PRESENT_REF"),
        ("Bis heute ist das so.", "PRESENT_REF"),
        ("Die Welt von heute ist anders.", "PRESENT_REF"),
        ("Heute läuft die Frist ab.", "2025-10-17"),
    ],
)
def test_heute_is_nowadays_after_bis_noch_von_and_before_noch_else_this_day(text, value):
    assert [t.value for t in find_dates(text, FRIDAY)] == [value]


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Früher war hier ein Markt, heute steht dort ein Hotel.", "heute"),
        ("1950 lebten hier 300 Menschen, heute sind es 3000.", "heute"),
        ("Wie wir heute wissen, war das ein Irrtum.", "heute"),
        ("Heute würde er anders entscheiden.", "Heute"),
    ],
)
def test_heute_set_against_the_past_or_before_a_conditional_is_nowadays(text, span):
    assert values(text)[span] == ("DATE", "PRESENT_REF", "")


def test_heute_in_a_comparison_of_this_days_game_is_this_day():
    assert values("So, wie wir heute gespielt haben, reicht es nicht.")["heute"] == ("DATE", "2025-10-17", "")


@pytest.mark.parametrize(
    "text",
    [
        "Die Umweltschutzorganisation Global 2000 warnt vor dem Kraftwerk.",  # an adjective in a name
        "Es sprach die Chefin der Organisation Global 2000, Leonore Gewessler.",
    ],
)
def test_a_number_after_a_capitalised_adjective_is_part_of_a_name(text):
    assert not find_dates(text, SPRING_2016)


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("Er habe entschieden, das politische Leben 2018 zu verlassen.", "2018"),  # a noun that is also a verb
        ("Als die Deutschen 1940 die Stadt besetzten, floh sie.", "1940"),  # a noun after its article
    ],
)
def test_a_year_after_a_noun_stays_a_year(text, year):
    assert [t.value for t in find_dates(text, SPRING_2016)] == [year]


@pytest.mark.parametrize(
    "text",
    [
        "Nun traf man sich eine Runde früher erneut.",
        "Die Tiere lebten einige Erdzeitalter früher.",
    ],
)
def test_frueher_after_an_amount_is_a_comparative_and_no_reference_word(text):
    assert "PAST_REF" not in [t.value for t in find_dates(text, FRIDAY)]


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("Er verdient 2000 Euro im Monat.", "im Monat", "P1M"),
        ("Drei Millionen Besucher kommen im Jahr.", "im Jahr", "P1Y"),
    ],
)
def test_im_jahr_and_im_monat_after_an_amount_are_frequencies(text, span, value):
    assert values(text).get(span) == ("SET", value, "")


@pytest.mark.parametrize(
    "text", ["Im Jahr darauf kam er zurück.", "Im Jahr zuvor waren es 30 Besucher.", "Das passierte im Monat der Wahl."]
)
def test_im_jahr_before_darauf_zuvor_or_a_genitive_is_no_frequency(text):
    assert not [t for t in find_dates(text, FRIDAY) if t.type == "SET"]


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("Das geschah im Juni des vergangenen Jahres.", "Juni des vergangenen Jahres", "2024-06"),
        ("Im März des kommenden Jahres wird gewählt.", "März des kommenden Jahres", "2026-03"),
    ],
)
def test_a_month_of_the_last_or_next_year_is_one_expression(text, span, value):
    assert values(text).get(span) == ("DATE", value, "")


@pytest.mark.parametrize(
    "text",
    [
        "In der zweiten Jahrhunderthälfte soll das Ziel erreicht sein.",
        "Zur Jahrtausendwende feierten alle.",
        "Die achtziger Jahrestagung war lang.",
    ],
)
def test_a_compound_of_century_millennium_or_years_is_no_period(text):
    assert not find_dates(text, FRIDAY)


def test_von_heute_auf_morgen_is_no_date():
    assert not find_dates("Das geht nicht von heute auf morgen.", FRIDAY)


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("Am 3. März kam er in Wien an. Am nächsten Tag reiste er weiter.", "nächsten Tag", "2025-03-04"),
        ("Am 3. März kam er an. Am Vortag hatte es geschneit.", "Vortag", "2025-03-02"),
        ("Tags darauf war alles vorbei.", "Tags darauf", "2025-10-18"),
    ],
)
def test_the_next_and_the_previous_day_count_from_the_day_the_text_speaks_about(text, span, value):
    assert values(text).get(span) == ("DATE", value, "")


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("Die Vorstellung ist am 3., 4. und 5. Oktober.", ["2025-10-03", "2025-10-04", "2025-10-05"]),
        (
            "Sie findet am 16. und 17. sowie am 23. und 24. Jänner statt.",
            ["2026-01-16", "2026-01-17", "2026-01-23", "2026-01-24"],
        ),
        ("Kurse gibt es am 11., 18., und 25. März.", ["2026-03-11", "2026-03-18", "2026-03-25"]),
    ],
)
def test_a_list_of_days_takes_the_month_after_its_last_day(text, days):
    assert [t.value for t in find_dates(text, FRIDAY)] == days


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("Im dritten Quartal war der Umsatz hoch.", "dritten Quartal", "2015-Q3"),  # past, written in May
        ("Im ersten Quartal wird er steigen.", "ersten Quartal", "2017-Q1"),
        ("Im ersten Halbjahr 2015 sank er.", "ersten Halbjahr 2015", "2015-H1"),
        ("2014 lief es gut, im 4. Quartal besonders.", "4. Quartal", "2014-Q4"),  # the year spoken about
        ("Erst in der zweiten Jahreshälfte werde es besser.", "der zweiten Jahreshälfte", "2016-H2"),
    ],
)
def test_quarters_and_halves_of_the_year(text, span, value):
    assert values(text, SPRING_2016).get(span) == ("DATE", value, "")


def test_a_clock_time_counts_from_a_date_written_day_month_and_year_before_it():
    text = "Karten verkauft. (APA/red – 29.8. 2015) Bundesliga: Sturm Graz – Red Bull Salzburg (Graz, 16.30 Uhr)."
    assert "2015-08-29T16:30" in [t.value for t in find_dates(text, dt.date(2016, 1, 28))]
