"""Cleaning rules, each on a short made-up text."""

from __future__ import annotations

import pytest

from tui.corpus.clean import clean
from tui.corpus.meta import find_dateline, parse_byline, parse_date_line, parse_source_line


def paragraphs(cleaned) -> list[tuple[str, str]]:
    return [(p.kind, cleaned.text[p.start : p.end]) for p in cleaned.paragraphs]


def extras(cleaned) -> list[tuple[str, str]]:
    return [(e.kind, e.text) for e in cleaned.extras]


WRAPPED = """Bahn streicht Verbindungen im
Winterfahrplan

Die Deutsche Bahn hat am Montag angekündigt, dass im
kommenden Winter zahlreiche Regionalzüge ausfallen werden. Die
Fahrgastverbände kritisierten die Entscheidung als
kurzsichtig und forderten eine

Überprüfung der Pläne durch das Verkehrsministerium.
Betroffen sind vor allem ländliche Strecken in Bayern und
Thüringen, wo viele Pendler auf die Züge angewiesen sind.

Kritik aus den
Ländern

Die Verkehrsminister der Länder zeigten sich überrascht. Man
sei nicht informiert worden, hieß es aus Erfurt. Die Gewerk-
schaft sprach von einem Wortbruch und kündigte Energie-
und Klimaproteste an; die US-
Regierung äußerte sich nicht.

- erstens ein Punkt, der über
  zwei Zeilen geht
- zweitens ein kurzer Punkt
"""


def test_hard_wrapped_text_is_reflowed_into_paragraphs():
    c = clean(WRAPPED)
    assert c.about.title == "Bahn streicht Verbindungen im Winterfahrplan"
    got = paragraphs(c)
    assert got[0] == (
        "paragraph",
        "Die Deutsche Bahn hat am Montag angekündigt, dass im kommenden Winter zahlreiche Regionalzüge "
        "ausfallen werden. Die Fahrgastverbände kritisierten die Entscheidung als kurzsichtig und forderten "
        "eine Überprüfung der Pläne durch das Verkehrsministerium. Betroffen sind vor allem ländliche Strecken "
        "in Bayern und Thüringen, wo viele Pendler auf die Züge angewiesen sind.",
    )
    assert got[1] == ("heading", "Kritik aus den Ländern")
    assert got[2][1].endswith(
        "Die Gewerkschaft sprach von einem Wortbruch und kündigte Energie- und Klimaproteste an; "
        "die US-Regierung äußerte sich nicht."
    )
    assert got[3] == ("list", "- erstens ein Punkt, der über zwei Zeilen geht\n- zweitens ein kurzer Punkt")
    assert all("\n" not in text for kind, text in got if kind != "list")


def test_one_paragraph_per_line_text_keeps_its_paragraphs_and_headings():
    text = (
        "Streit um den Haushalt\n"
        "Die Koalition ringt um den Etat für das kommende Jahr, und eine Einigung ist nicht in Sicht. "
        "Der Finanzminister warnte vor neuen Schulden.\n"
        "Opposition fordert Neuwahlen\n"
        "Die Opposition sieht die Regierung am Ende und verlangt, dass der Kanzler die Vertrauensfrage stellt. "
        "Auch in den eigenen Reihen wächst der Unmut.\n"
        "Wie es weitergeht, ist offen.\n"
    )
    c = clean(text)
    assert c.about.title == "Streit um den Haushalt"
    assert [k for k, _ in paragraphs(c)] == ["paragraph", "heading", "paragraph", "paragraph"]
    assert paragraphs(c)[1] == ("heading", "Opposition fordert Neuwahlen")


def test_markdown_headings_and_soft_wrapped_lines():
    c = clean(
        "# Neue Brücke eröffnet\n\nDie Brücke über den Rhein\nist fertig.\n\n## Verkehr\n\nAb Montag rollt der Verkehr.\n",
        markdown=True,
    )
    assert c.about.title == "Neue Brücke eröffnet"
    assert paragraphs(c) == [
        ("paragraph", "Die Brücke über den Rhein ist fertig."),
        ("heading", "Verkehr"),
        ("paragraph", "Ab Montag rollt der Verkehr."),
    ]


HEADER = """Veröffentlicht inSport

Kiel, Flensburg

Handball: Kiel gewinnt das Nordderby knapp

Aktualisiert: 03.04.2024, 09:10 Uhr
Stand: 02.04.2024, 22:15 Uhr
Von Jana Petersen und Ole Hansen

© IMAGO/Eibner

Kiel (dpa) - Der THW Kiel hat das Derby gegen Flensburg mit 28:27 gewonnen. Die Entscheidung fiel in der letzten Minute.

Zu diesem Thema interessant: So lief die Saison bisher

Der Trainer lobte seine Mannschaft. Der Gegner haderte mit dem Schiedsrichter.

Lesen Sie auch
Weitere Meldungen
Flensburg verliert auch das Pokalspiel Die Mannschaft schied aus. weiterlesen...
Handball-EM: Kader steht fest Der Bundestrainer hat nominiert. mehr lesen »
Tel. 0431 / 123 456 78
Facebook Twitter WhatsApp
Zurück
| Spiel | Ergebnis |
|---|---|
© 2024 Kieler Nachrichten
"""


def test_web_page_furniture_goes_to_extras_and_metadata_is_read():
    c = clean(HEADER)
    assert c.about.title == "Handball: Kiel gewinnt das Nordderby knapp"
    assert c.about.section == "Sport"
    assert c.about.published.isoformat() == "2024-04-02T22:15"  # the publication stamp, not the update
    assert c.about.author == "Jana Petersen und Ole Hansen"
    assert c.about.place == "Kiel"
    assert c.about.source == "dpa"
    assert [t for _, t in paragraphs(c)] == [
        "Kiel (dpa) - Der THW Kiel hat das Derby gegen Flensburg mit 28:27 gewonnen. Die Entscheidung fiel in der letzten Minute.",
        "Der Trainer lobte seine Mannschaft. Der Gegner haderte mit dem Schiedsrichter.",
    ]
    kinds = dict((t, k) for k, t in extras(c))
    assert kinds["Veröffentlicht inSport"] == "section"
    assert kinds["Kiel, Flensburg"] == "kicker"
    assert kinds["Stand: 02.04.2024, 22:15 Uhr"] == "date"
    assert kinds["Von Jana Petersen und Ole Hansen"] == "byline"
    assert kinds["© IMAGO/Eibner"] == "credit"
    assert kinds["Zu diesem Thema interessant: So lief die Saison bisher"] == "promo"
    assert kinds["Weitere Meldungen"] == "teasers"
    assert kinds["Flensburg verliert auch das Pokalspiel Die Mannschaft schied aus. weiterlesen..."] == "teasers"
    assert kinds["Tel. 0431 / 123 456 78"] == "contact"
    assert kinds["Facebook Twitter WhatsApp"] == "navigation"
    assert kinds["Zurück"] == "navigation"
    assert kinds["|---|---|"] == "table"
    assert kinds["© 2024 Kieler Nachrichten"] == "copyright"


def test_copyright_owner_is_the_source_when_nothing_else_names_one():
    c = clean(
        "Ein Titel für alles\n\nDer Verein feierte sein Jubiläum mit vielen Gästen und einer langen Rede.\n\n© 2023 Musterverein Nord e.V."
    )
    assert c.about.source == "Musterverein Nord e.V."


def test_title_split_from_lead_when_a_scraper_glued_them():
    c = clean(
        "Wahl in Hessen: CDU klar vorn. Die Union hat die Landtagswahl deutlich gewonnen, die SPD verliert stark.\n\nMehr Text folgt hier in einem zweiten Absatz, der lang genug ist."
    )
    assert c.about.title == "Wahl in Hessen: CDU klar vorn"
    assert c.text.startswith("Die Union hat die Landtagswahl deutlich gewonnen")
    assert ("title", "Wahl in Hessen: CDU klar vorn.") in extras(c)


def test_body_without_headline_keeps_its_text_and_gets_no_title():
    body = "Die Gemeinde hat beschlossen, den Kindergarten zu erweitern. Die Arbeiten beginnen im Frühjahr."
    c = clean(body)
    assert c.about.title is None
    assert c.text == body


def test_a_single_paragraph_file_is_not_emptied_by_taking_its_headline():
    c = clean("Matthias Muster ist neuer Direktor beim Orchester")
    assert c.text == "Matthias Muster ist neuer Direktor beim Orchester"


def test_invisible_and_bidi_characters_are_removed_and_spaces_unified():
    c = clean("Titel der Meldung\n\nWeiter\u00adentwicklung\u200b der\u00a0\u00a0Stadt \u202eevil\u202c geht voran.")
    assert c.text == "Weiterentwicklung der Stadt evil geht voran."
    assert any("bidirectional" in p for p in c.problems)


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("12.02.2025 - 18:27:49", "2025-02-12T18:27:49"),
        ("2025-10-17 00:16", "2025-10-17T00:16"),
        ("17. März 2025", "2025-03-17"),
        ("Dienstag, 18. März 2025, 14:30 Uhr", "2025-03-18T14:30"),
        ("Di., 18.03.2025 um 9.05 Uhr", "2025-03-18T09:05"),
        ("Veröffentlicht am 3. Okt. 2024", "2024-10-03"),
        ("Stand: 01.12.2024", "2024-12-01"),
        ("5. Sept. 2023", "2023-09-05"),
    ],
)
def test_german_time_stamps_are_read(line, iso):
    assert parse_date_line(line).isoformat() == iso


@pytest.mark.parametrize(
    "line", ["31.02.2025", "2025-13-01", "17. Märzen 2025", "Am 17. März 2025 kam er.", "12.02.2025 - 25:61"]
)
def test_impossible_or_embedded_dates_are_not_time_stamps(line):
    assert parse_date_line(line) is None


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("von Thomas", "Thomas"),
        ("Von Anna Müller und Max Mustermann", "Anna Müller und Max Mustermann"),
        ("Ein Kommentar von Eva Schmidt", "Eva Schmidt"),
        ("Autorin: Ute Beispiel", "Ute Beispiel"),
        ("Von Berlin nach Moskau ging die Reise", None),
        ("von der Leyen warnt", None),
    ],
)
def test_bylines(line, author):
    assert parse_byline(line) == author


@pytest.mark.parametrize(
    ("line", "source"),
    [
        ("@ dpa.de", "dpa"),
        ("Quelle: Reuters", "Reuters"),
        ("(dpa/AFP)", "dpa/AFP"),
        ("Quellen: www.spiegel.de", "spiegel.de"),
        ("Die Quelle des Flusses", None),
    ],
)
def test_source_lines(line, source):
    assert parse_source_line(line) == source


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        ("Sotschi, Russland - Wladimir Putin hat telefoniert.", ("Sotschi", None)),
        ("Berlin (dpa) - Die Regierung tagt.", ("Berlin", "dpa")),
        ("Moskau – Der Kreml schweigt.", ("Moskau", None)),
        ("BOZEN (pir). Im Rathaus wird diskutiert.", ("Bozen", None)),
        ("Ein Streit um Geld. Wien – Die Gewerkschaft fordert mehr.", ("Wien", None)),
        ("Machtpoker – Trump hat eine bessere Beziehung.", None),
        ("STANDARD: Warum ist das so schwer?", None),
    ],
)
def test_datelines(paragraph, expected):
    assert find_dateline(paragraph) == expected


def test_pathological_shapes_are_cleaned_completely():
    # Each of these was once quadratic; at this size a regression shows as a hang.
    many_lines = clean("kurze Zeile ohne Ende\n" * 50_000)
    assert many_lines.text.count("kurze Zeile ohne Ende") == 50_000
    dots = clean("A. " * 200_000)
    assert dots.text.count("A.") == 200_000
    one_line = clean("Wort und Satz, " * 100_000)
    assert len(one_line.paragraphs) == 1


def test_markdown_soft_wrapped_long_lines_are_joined():
    long_a = "Die Bürgerschaft hat nach einer langen und kontroversen Debatte über den Haushalt des kommenden Jahres"
    long_b = (
        "mit knapper Mehrheit beschlossen, die Mittel für den Nahverkehr deutlich zu erhöhen und neue Linien zu bauen."
    )
    c = clean(f"# Haushalt beschlossen\n\n{long_a} {long_a}\n{long_b}\n\nZweiter Absatz.\n", markdown=True)
    assert paragraphs(c) == [("paragraph", f"{long_a} {long_a} {long_b}"), ("paragraph", "Zweiter Absatz.")]
