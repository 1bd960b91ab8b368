"""The text toolkit: one sentence splitter for headlines, dates, names and the timeline; one
fold for the index and for names; one stemmer."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tui.corpus.text import (
    first_sentence,
    fold_letters,
    snowball,
    text_sentences,
    text_tokens,
)
from tui.index.analysis import fold
from tui.nlp.datecontext import Context
from tui.nlp.names import word_norm


def test_the_first_sentence_is_not_cut_at_an_abbreviation_an_ordinal_or_an_initial():
    assert (
        first_sentence("Dr. Müller kam am 17. März nach St. Petersburg. Dann ging er.")
        == "Dr. Müller kam am 17. März nach St. Petersburg."
    )
    assert first_sentence("George W. Bush sprach. Dann Obama.") == "George W. Bush sprach."
    assert first_sentence("Im Jahr 2025. Danach kam mehr.") == "Im Jahr 2025."


def test_a_sentence_goes_on_after_und_deutsch_englisch_and_zum_beispiel_abbreviated():
    text = "Cranach, dt. Maler u. Zeichner, schrieb engl. Briefe, z. B. an Luther. Dann starb er."
    starts, ends, _ = text_tokens(text)
    assert [text[starts[a] : ends[b - 1]] for a, b in text_sentences(text)] == [
        "Cranach, dt. Maler u. Zeichner, schrieb engl. Briefe, z. B. an Luther.",
        "Dann starb er.",
    ]


def test_a_closing_quote_stays_with_its_sentence_and_a_headline_without_an_end_is_whole():
    assert first_sentence("„Wir reden.“ Dann legte er auf.") == "„Wir reden.“"
    assert first_sentence("Trump telefoniert mit Putin") == "Trump telefoniert mit Putin"
    assert first_sentence("Kurz. Danach " + "x" * 1000) == "Kurz."
    assert first_sentence("x" * 700 + ". Danach mehr.") == "x" * 700 + ". Danach mehr."  # past the limit


def test_the_date_tagger_reads_the_same_sentences_as_the_timeline():
    text = (
        "Der Gipfel fand am 3. Mai statt. Dr. Müller sagte am Montag, es gehe weiter.\n"
        "Neue Zeile ohne Punkt\nUnd noch ein Satz! Ende."
    )
    starts, ends, _ = text_tokens(text)
    spans = [(starts[a], ends[b - 1]) for a, b in text_sentences(text)]
    c = Context(text, None)
    for a, b in spans:
        for pos in range(a, b):
            assert c.sentence_start(pos) == a
            assert c.sentence_end(pos + 1) == b


@given(st.text(alphabet="abcäöüßéğAÄÖÜ' ’-", max_size=12))
def test_the_index_and_names_fold_letters_with_one_table(word):
    low = word.lower()
    assert fold_letters(low).isascii() or not low.isascii()
    assert "ß" not in fold(word) and "ß" not in word_norm(word)
    assert not any(c in fold_letters(low) for c in "äöüß’")


def test_the_index_and_names_stem_with_the_same_snowball_stemmer():
    assert snowball("telefonats") == "telefonat"
    assert fold("Oesterreich") == fold("Österreich") == "osterreich"
    assert word_norm("Davutoğlu") == word_norm("Davutoglu")


def test_a_day_and_month_before_a_year_keep_their_dot_and_the_sentence_goes_on():
    from tui.corpus.text import tokenize

    text = "Karten sind verkauft (APA, 29.8. 2015) für das Spiel um 16.30 Uhr. Am 29.8. Die Fans"
    assert "29.8." in [t.text for t in tokenize(text)]
    starts, ends, _ = text_tokens(text)
    spans = [text[starts[a] : ends[b - 1]] for a, b in text_sentences(text)]
    assert spans == ["Karten sind verkauft (APA, 29.8. 2015) für das Spiel um 16.30 Uhr.", "Am 29.8.", "Die Fans"]
