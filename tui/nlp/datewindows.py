"""Where in a text a date rule can match: windows around the words the rule needs.

Every date rule names words, one of which each of its matches contains ("januar", "uhr"). With
how far a match and what the pattern looks at after it can reach from the match's start
(``reach``, worked out from the pattern itself), the rule need only be run on windows of that
reach around those words: the same matches as over the whole text (the leftmost match of a
window is the leftmost of the text there, and no match starts between windows), at a fraction of
the cost where the words are rare. Where they are common, or a text does not allow the bound
(a longer run of white space or word characters than the bound, or lower case that changes the
text's length), the rule runs over the whole text.
"""

from __future__ import annotations

import importlib
import re
from typing import Any

# An unbounded run of white space counts as this long at most, one of digits or word characters
# as WORD_RUN; a text with a longer run is searched whole.
SPACE_RUN, WORD_RUN = 8, 40
_LONG_RUN = re.compile(rf"\s{{{SPACE_RUN + 1}}}|\w{{{WORD_RUN + 1}}}")
_COVERAGE = 0.5  # windows that would cover more of the text than this: the whole text instead

Window = tuple[int, int]


def reach(pattern: re.Pattern[str]) -> int | None:
    """How many characters from a match's start the pattern can look at (its match, and what
    its look-aheads and word boundaries see after it), with unbounded runs of white space,
    digits or word characters taken as ``SPACE_RUN`` or ``WORD_RUN`` long; None when that has
    no bound."""
    try:
        # CPython's own reading of a pattern (private modules: any other Python, or a change
        # in them, means no windows, and every rule runs over the whole text).
        c = importlib.import_module("re._constants")
        parser = importlib.import_module("re._parser")
    except ImportError:
        return None
    try:
        return _extent(parser.parse(pattern.pattern, pattern.flags), c)[1]
    except (re.error, AttributeError, TypeError, ValueError, _Unbounded):
        return None


class _Unbounded(Exception):
    pass


def _extent(items: Any, c: Any) -> tuple[int, int]:
    """(most characters consumed, furthest character looked at) of a parsed pattern sequence."""
    consumed = seen = 0
    for op, av in items:
        if op in (c.LITERAL, c.NOT_LITERAL, c.ANY, c.IN, c.CATEGORY):
            used, looked = 1, 1
        elif op is c.AT:
            used, looked = 0, 1  # a word boundary sees the character after it
        elif op is c.SUBPATTERN:
            used, looked = _extent(av[-1], c)
        elif op is c.BRANCH:
            used, looked = (max(x) for x in zip(*(_extent(branch, c) for branch in av[1])))
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", None)):
            _low, high, item = av
            one, one_looked = _extent(item, c)
            if high == c.MAXREPEAT:
                high = _run(item, c)
            used, looked = one * high, one * (high - 1) + one_looked if high else 0
        elif op in (c.ASSERT, c.ASSERT_NOT):
            direction, sub = av
            used, looked = 0, _extent(sub, c)[1] if direction == 1 else 0  # a look-behind sees back only
        else:  # a back reference, a conditional group: no bound worked out
            raise _Unbounded
        seen = max(seen, consumed + looked)
        consumed += used
    return consumed, max(seen, consumed)


def _run(item: Any, c: Any) -> int:
    """How long a repeated item's run can be: one character of white space, digits or word
    characters, whose runs ``Windows`` checks a text for; else no bound."""
    if len(item) != 1 or item[0][0] is not c.IN:
        raise _Unbounded
    runs = {c.CATEGORY_SPACE: SPACE_RUN, c.CATEGORY_DIGIT: WORD_RUN, c.CATEGORY_WORD: WORD_RUN}
    if not all(op is c.CATEGORY and cat in runs for op, cat in item[0][1]):
        raise _Unbounded
    return max(runs[cat] for _op, cat in item[0][1])


class Windows:
    """The windows of one text, for rules that need words (lower case) and reach so far."""

    def __init__(self, text: str, low: str) -> None:
        self.text, self.low = text, low
        self.bounded = len(low) == len(text) and _LONG_RUN.search(text) is None
        self._at: dict[str, list[int] | None] = {}  # need -> where it stands (None: too often)

    def of(self, needs: tuple[str, ...], reach: int | None) -> list[Window] | None:
        """The windows a rule is run on, in order and apart; None for the whole text."""
        if reach is None or not needs or not self.bounded:
            return None
        n = len(self.text)
        most = int(_COVERAGE * n) // (2 * reach + 1)  # more occurrences cover too much
        found: list[Window] = []
        for word in needs:
            at = self._where(word)
            if at is None or len(found) + len(at) > most:
                return None
            found += [(max(0, i - reach), min(n, i + len(word) + reach)) for i in at]
        found.sort()
        windows: list[Window] = []
        for a, b in found:
            if windows and a <= windows[-1][1]:
                if b > windows[-1][1]:
                    windows[-1] = (windows[-1][0], b)
            else:
                windows.append((a, b))
        return windows

    def _where(self, word: str) -> list[int] | None:
        """Where ``word`` stands in the text; None where it is too common for any window."""
        if word not in self._at:
            low, cap = self.low, len(self.text) // 16 + 1
            at: list[int] = []
            i = low.find(word)
            while i >= 0 and len(at) <= cap:
                at.append(i)
                i = low.find(word, i + 1)
            self._at[word] = at if len(at) <= cap else None
        return self._at[word]
