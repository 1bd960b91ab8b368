"""How far a date rule's pattern reaches, and where a text lets it run on windows only."""

from __future__ import annotations

import re

from tui.nlp.datewindows import SPACE_RUN, WORD_RUN, Windows, reach


def test_the_reach_counts_the_match_and_what_its_look_aheads_and_boundaries_see():
    assert reach(re.compile("abc")) == 3
    assert reach(re.compile("ab(?=cd)")) == 4
    assert reach(re.compile(r"ab\b")) == 3
    assert reach(re.compile(r"(?<=xyz)ab")) == 2  # a look-behind sees before the start, no further
    assert reach(re.compile(r"(?:Mai|Juni)\s+\d+")) == 4 + SPACE_RUN + WORD_RUN


def test_a_pattern_without_a_bound_has_no_reach():
    assert reach(re.compile(r"a.*b")) is None
    assert reach(re.compile(r"(Tag)\s+um\s+\1")) is None


def test_a_rule_runs_around_the_words_it_needs_and_over_the_whole_text_where_they_are_common():
    text = "Lange nichts. " * 40 + "Am 3. Mai kam er. " + "Lange nichts. " * 40
    low = text.lower()
    windows = Windows(text, low).of(("mai",), 10)
    assert windows is not None and len(windows) == 1
    a, b = windows[0]
    assert a <= low.index("mai") < b and b - a < 40
    assert Windows(text, low).of(("nichts",), 10) is None  # everywhere: the whole text


def test_a_text_with_longer_runs_than_the_reach_allows_is_searched_whole():
    for text in ("Am 3." + " " * (SPACE_RUN + 1) + "Mai", "x" * (WORD_RUN + 1) + " im Mai", "İm Mai"):
        assert Windows(text, text.lower()).of(("mai",), 10) is None
