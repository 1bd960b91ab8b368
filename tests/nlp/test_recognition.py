"""Recognition on text it was not trained on, and on any string at all."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.corpus.text import sentences, tokenize
from tui.nlp import recognize

LABELS = {"PER", "LOC", "ORG", "MISC"}


def found(text: str) -> dict[str, str]:
    return {s.text: s.label for s in recognize(text)}


def test_people_places_and_organisations_in_unseen_news():
    text = (
        "Bundeskanzler Olaf Scholz traf am Montag in Paris den französischen Präsidenten "
        "Emmanuel Macron. Die Europäische Union und die Vereinten Nationen begrüßten das Treffen. "
        "Scholz sagte, Deutschland stehe an der Seite der Ukraine."
    )
    got = found(text)
    assert got.get("Olaf Scholz") == "PER" and got.get("Emmanuel Macron") == "PER"
    assert got.get("Paris") == "LOC" and got.get("Deutschland") == "LOC" and got.get("Ukraine") == "LOC"
    assert got.get("Scholz") == "PER"
    assert "Bundeskanzler Olaf Scholz" not in got and "Montag" not in got


def test_a_bare_surname_after_the_full_name_is_the_same_person():
    spans = recognize("Außenminister Marco Rubio reiste nach Riad. Dort sprach Rubio mit Vertretern Saudi-Arabiens.")
    by_text = {s.text: s.label for s in spans}
    assert by_text.get("Marco Rubio") == "PER" and by_text.get("Rubio") == "PER"
    assert by_text.get("Riad") == "LOC"


def test_a_seat_of_government_that_speaks_is_an_organisation():
    spans = recognize("Der Kreml bestätigte das Telefonat am Abend.")
    assert [(s.text, s.label) for s in spans] == [("Kreml", "ORG")]


def test_tokens_keep_hyphenated_compounds_ordinals_and_abbreviations_whole():
    words = [t.text for t in tokenize("Am 3. Oktober sagte US-Präsident George W. Bush z.B. nichts zum 30-Tage-Plan.")]
    assert words == [
        "Am",
        "3.",
        "Oktober",
        "sagte",
        "US-Präsident",
        "George",
        "W.",
        "Bush",
        "z.B.",
        "nichts",
        "zum",
        "30-Tage-Plan",
        ".",
    ]


def test_sentences_end_at_full_stops_and_line_breaks_but_not_after_ordinals():
    text = "Am 3. Oktober kam er. Dann ging er!\nNeue Zeile ohne Punkt\n\nAbsatz"
    assert [" ".join(t.text for t in s) for s in sentences(text)] == [
        "Am 3. Oktober kam er .",
        "Dann ging er !",
        "Neue Zeile ohne Punkt",
        "Absatz",
    ]


def assert_valid(text: str) -> None:
    spans = recognize(text)
    last = 0
    for s in spans:
        assert last <= s.start < s.end <= len(text)
        assert text[s.start : s.end] == s.text
        assert s.label in LABELS
        last = s.end


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=300))
def test_any_string_gives_valid_spans(text):
    assert_valid(text)


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "Putin",
                "Trump",
                "Kreml",
                "in",
                "Moskau",
                "der",
                "Weißen",
                "Haus",
                "Nato",
                ".",
                ",",
                "\n",
                "\x00",
                "ש",
                "😀",
                "e\u0301",
                "Ⅻ",
                "ǅ",
                "-",
                "'s",
                "St.",
                "3.",
            ]
        ),
        max_size=60,
    )
)
def test_name_like_word_soup_gives_valid_spans(words):
    assert_valid(" ".join(words))


def test_degenerate_inputs_give_valid_spans():
    for text in [
        "",
        "A",
        ".",
        "1234567890" * 1000,
        "\x00" * 100,
        "שלום עולם",
        "😀 Putin 😀",
        "Wladimir Putin " * 2000,
        "A" * 100_000,
        "Putin" + "\u0301" * 50,
        "Ä. Ö. Ü.",
    ]:
        assert_valid(text)


def test_names_carried_into_the_texts_in_parts_elsewhere_give_the_same_entities():
    from tui.nlp import annotate
    from tui.nlp.entities import propagated

    texts = [
        "Wladimir Putin telefonierte am Dienstag mit Donald Trump.",
        "Putin sagte danach, das Gespräch sei gut gewesen.",
        "Die Nato berät in Brüssel über neue Hilfen.",
        "Trump und die Nato: Putin bleibt vorsichtig.",
        "",
    ]
    parts = []

    def in_parts(texts, first, names):
        parts.append(len(texts))
        return propagated(texts[:2], first[:2], names) + propagated(texts[2:], first[2:], names)

    here = annotate(texts)
    assert annotate(texts, spread=in_parts).mentions == here.mentions and parts == [5]
    assert annotate(texts, spread=lambda *a: None).mentions == here.mentions  # could not: done here
