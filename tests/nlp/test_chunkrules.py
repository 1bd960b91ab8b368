"""The chunk rules on any sentence and any chunks the tagger could give: they never fail, and
what they give back are chunks of the sentence, in order, not overlapping."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.nlp.chunkrules import refine
from tui.nlp.features import Lexicon

# Words of every kind the rules look at: given names, nouns, type nouns, units, particles,
# determiners, amounts, capitals, digits and punctuation.
WORDS = [
    "Alexander", "Dave", "Van", "der", "von", "Bellen", "Grünen", "Fastenmonats", "Film", "Model",
    "X", "des", "dem", "die", "Euro", "2,15", "drei", "Ramadan", "Band", "Jena", "SMS", "Hamburg",
    "und", "sagte", ".", "-", "Anne-Sophie", "Mutter", "Kraft", "Zeitung", "Ukraine-Krieg", "Englisch",
]  # fmt: skip
LEXICON = Lexicon.from_names(
    {
        "Alexander": {"FIRST"},
        "Dave": {"FIRST"},
        "Anne": {"FIRST"},
        "Sophie": {"FIRST"},
        "Bellen": {"NOUN"},
        "Mutter": {"NOUN", "LAST"},
        "Kraft": {"NOUN", "LAST"},
        "Fastenmonats": {"NOUN"},
        "Film": {"NOUN", "TRIGMISC"},
        "Model": {"NOUN"},
        "Zeitung": {"NOUN", "TRIGORG"},
        "Band": {"NOUN"},
        "Jena": {"CITY"},
        "Hamburg": {"CITY", "LOC"},
        "Euro": {"UNIT"},
        "Englisch": {"LANG"},
        "SMS": {"ACRONYM"},
        "Ukraine": {"PLACE", "LOC"},
    }
)


@st.composite
def sentences_with_chunks(draw: st.DrawFn) -> tuple[list[str], list[tuple[int, int, str]]]:
    words = draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=12))
    cuts = sorted(draw(st.sets(st.integers(0, len(words)), max_size=4)))
    chunks = []
    for a, b in zip(cuts, cuts[1:]):
        if draw(st.booleans()):
            chunks.append((a, b, draw(st.sampled_from(["PER", "LOC", "ORG", "MISC"]))))
    return words, chunks


@settings(max_examples=1500, deadline=None)
@given(sentences_with_chunks())
def test_the_chunk_rules_give_chunks_of_the_sentence_in_order_for_any_input(case):
    words, chunks = case
    out = refine(words, chunks, LEXICON)
    ends = 0
    for a, b, label in out:
        assert 0 <= a < b <= len(words) and label in {"PER", "LOC", "ORG", "MISC"}
        assert a >= ends
        ends = b
