"""Grouping mentions into entities, independent of the tagger: hand-made mentions in, keys out."""

from __future__ import annotations

from tui.nlp.entities import group
from tui.nlp.names import stem
from tui.nlp.spans import Span


def doc(*mentions: tuple[str, str]) -> list[Span]:
    """Spans for (text, label) pairs laid out one after another."""
    out, pos = [], 0
    for text, label in mentions:
        out.append(Span(pos, pos + len(text), label, text))
        pos += len(text) + 1
    return out


def keys(annotation, text: str) -> set[str]:
    return {s.key for spans in annotation.mentions for s in spans if s.text == text}


def test_surname_joins_the_full_name_and_the_key_is_the_most_complete_name():
    ann = group([doc(("Wladimir Putin", "PER"), ("Putin", "PER")), doc(("Putin", "PER"), ("Putins", "PER"))])
    assert keys(ann, "Putin") == keys(ann, "Putins") == keys(ann, "Wladimir Putin") == {"Wladimir Putin"}
    entity = ann.entities["Wladimir Putin"]
    assert entity.mentions == 4 and entity.articles == 2
    assert entity.aliases == {"Wladimir Putin": 1, "Putin": 2, "Putins": 1}


def test_spelling_variants_of_a_surname_are_one_person():
    ann = group(
        [
            doc(("Wolodymyr Selenskyj", "PER"), ("Selenskyj", "PER")),
            doc(("Wladimir Selenskij", "PER")),
            doc(("Selenskij", "PER")),
        ]
    )
    assert len({s.key for spans in ann.mentions for s in spans}) == 1


def test_relatives_with_one_surname_stay_apart_and_the_bare_surname_goes_to_the_likelier():
    ann = group(
        [
            doc(("Donald Trump", "PER"), ("Trump", "PER"), ("Trump", "PER")),
            doc(("Melania Trump", "PER"), ("Donald Trump", "PER"), ("Trump", "PER")),
            doc(("Trump", "PER")),
        ]
    )
    assert keys(ann, "Melania Trump") == {"Melania Trump"}
    assert keys(ann, "Trump") == {"Donald Trump"}


def test_a_bare_surname_prefers_the_person_named_in_the_same_article():
    ann = group(
        [
            doc(("Donald Trump", "PER"), ("Donald Trump", "PER"), ("Trump", "PER")),
            doc(("Ivanka Trump", "PER"), ("Trump", "PER")),
        ]
    )
    assert [s.key for s in ann.mentions[1]] == ["Ivanka Trump", "Ivanka Trump"]
    assert ann.mentions[0][2].key == "Donald Trump"


def test_inflected_forms_share_a_key_and_the_majority_label_wins():
    ann = group([doc(("Weiße Haus", "ORG"), ("Weißen Hauses", "ORG")), doc(("Weißen Haus", "LOC"))])
    assert len({s.key for spans in ann.mentions for s in spans}) == 1
    assert {s.label for spans in ann.mentions for s in spans} == {"ORG"}


def test_acronym_case_variants_share_a_key():
    ann = group([doc(("NATO", "ORG")), doc(("Nato", "ORG"))])
    assert keys(ann, "NATO") == keys(ann, "Nato")


def test_different_names_with_one_label_stay_apart():
    ann = group([doc(("Berlin", "LOC"), ("Bern", "LOC"), ("Wien", "LOC"))])
    assert len(ann.entities) == 3


def test_a_one_word_name_in_er_is_not_the_place_it_comes_from():
    ann = group(
        [
            doc(("Ulm", "LOC"), ("Ulmer", "PER"), ("Ulms", "LOC")),
            doc(("Wiener", "ORG"), ("Wien", "LOC"), ("Wieners", "ORG")),
        ]
    )
    assert keys(ann, "Ulm") == keys(ann, "Ulms") != keys(ann, "Ulmer")
    assert keys(ann, "Wiener") == keys(ann, "Wieners") != keys(ann, "Wien")
    assert {s.label for spans in ann.mentions for s in spans if s.text.startswith("Ulm")} == {"LOC", "PER"}
    hannover = group([doc(("Hannover", "LOC")), doc(("Hannovers", "LOC"))])
    assert keys(hannover, "Hannover") == keys(hannover, "Hannovers")


def test_stem_folds_german_declension_of_one_word():
    assert stem("Weißen") == stem("Weiße") == stem("Weißes")
    assert stem("Hauses") == stem("Haus")
    assert stem("Russlands") == stem("Russland")
    assert stem("Kiews") == stem("Kiew")
    assert stem("Berlin") != stem("Bern")


def _grouped(docs: list[list[Span]], defined: list[list[tuple[str, str]]]):
    from tui.nlp.aliases import alias_sets, settle

    d = settle(defined, [[s.text for s in spans] for spans in docs])
    return group(docs, alias_sets(d.corpus), d.local)


def test_a_definition_one_text_gives_holds_there_not_where_the_abbreviation_is_another_name():
    long = "Arbeitsgemeinschaft für demokratische Politik"
    docs = [doc((long, "ORG"), ("AFP", "ORG")), *(doc(("AFP", "ORG"), ("Paris", "LOC")) for _ in range(6))]
    ann = _grouped(docs, [[(long, "AFP")], *([] for _ in range(6))])
    assert ann.mentions[0][1].key == ann.mentions[0][0].key == long
    assert {spans[0].key for spans in ann.mentions[1:]} == {"AFP"}


def test_a_definition_the_corpus_bears_out_holds_in_every_text():
    long = "Bundesamt für Migration und Flüchtlinge"
    docs = [doc((long, "ORG"), ("BAMF", "ORG")), doc((long, "ORG")), doc(("BAMF", "ORG")), doc(("BAMF", "ORG"))]
    ann = _grouped(docs, [[(long, "BAMF")], [], [], []])
    assert {s.key for spans in ann.mentions for s in spans} == {"BAMF"}


def test_an_abbreviation_defined_as_two_names_joins_neither_across_the_corpus():
    docs = [
        doc(("Kreisbank Ost", "ORG"), ("KO", "ORG")),
        doc(("Kammer für Orgelbau", "ORG"), ("KO", "ORG")),
        doc(("KO", "ORG")),
    ]
    ann = _grouped(docs, [[("Kreisbank Ost", "KO")], [("Kammer für Orgelbau", "KO")], []])
    assert ann.mentions[0][1].key == ann.mentions[0][0].key
    assert ann.mentions[1][1].key == ann.mentions[1][0].key
    assert ann.mentions[0][0].key != ann.mentions[1][0].key
    assert ann.mentions[2][0].key not in {ann.mentions[0][0].key, ann.mentions[1][0].key}
