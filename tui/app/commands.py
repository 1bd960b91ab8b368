"""Command palette entries: open an article by its title, filter by a name, source or month
(with the number of articles in the current list). Titles and names are untrusted, so every
prompt is a ``rich.text.Text`` (the palette would parse a plain string as markup)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual.command import DiscoveryHit, Hit, Hits, Provider

from tui.corpus.safetext import visible
from tui.i18n import N_, _

if TYPE_CHECKING:
    from tui.app.app import ChronikApp

FIELD_OF_LABEL = {"PER": "person", "LOC": "place", "ORG": "org", "MISC": "entity"}
FIELD_NAMES = {
    "person": N_("Filter by person: "),
    "place": N_("Filter by place: "),
    "org": N_("Filter by organisation: "),
    "entity": N_("Filter by name: "),
    "source": N_("Filter by source: "),
    "date": N_("Filter by month: "),
}
DISCOVER = 8  # entries per kind shown before anything is typed


def _prompt(matcher, head: str, candidate: str) -> Text:
    text = Text(head, style="dim")
    text.append(candidate)
    if matcher is not None:
        _score, offsets = matcher.fuzzy_search.match(matcher.query, candidate)
        for o in offsets:
            text.stylize("bold underline", len(head) + o, len(head) + o + 1)
    return text


class _Commands(Provider):
    @property
    def chronik(self) -> ChronikApp:
        return cast("ChronikApp", self.app)


class ArticleCommands(_Commands):
    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        app = self.chronik
        for article_id, title in app.titles():
            title = visible(title)
            score = matcher.match(title)
            if score > 0:
                yield Hit(
                    score, _prompt(matcher, _("Open: "), title), partial(app.open_article, article_id), text=title
                )


class FilterCommands(_Commands):
    def _choices(self) -> list[tuple[str, str, int]]:
        """(field, value, articles) from the facets of the current list, commonest first per kind."""
        facets = self.chronik.current_facets()
        if facets is None:
            return []
        out = []
        for label, field in FIELD_OF_LABEL.items():
            out += [(field, key, n) for key, n in facets.entities.get(label, Counter()).most_common()]
        out += [("source", s, n) for s, n in facets.sources.most_common()]
        months = facets.published + facets.mentioned
        out += [("date", m, n) for m, n in sorted(months.items(), reverse=True)]
        active = {(f.field, f.value) for f in self.chronik.session.filters}  # offered for removal instead
        return [c for c in out if c[:2] not in active]

    def _hit_text(self, field: str, value: str, n: int) -> tuple[str, str]:
        return _(FIELD_NAMES[field]), f"{visible(value)} ({n})"

    def _active(self) -> list[tuple[str, str, Callable[[], object]]]:
        """(prompt head, filter, action) for each active filter: Enter on one removes it."""
        head = _("Remove filter: ")
        return [
            (head, f"{f.field}: {visible(f.value)}", partial(self.chronik.remove_filter, f.field, f.value))
            for f in self.chronik.session.filters
        ]

    async def discover(self) -> Hits:
        for head, candidate, action in self._active():
            yield DiscoveryHit(_prompt(None, head, candidate), action, text=head + candidate)
        shown: dict[str, int] = {}
        for field, value, n in self._choices():
            if shown.get(field, 0) < DISCOVER:
                shown[field] = shown.get(field, 0) + 1
                head, candidate = self._hit_text(field, value, n)
                yield DiscoveryHit(
                    _prompt(None, head, candidate),
                    partial(self.chronik.add_filter, field, value),
                    text=head + candidate,
                )

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for head, candidate, action in self._active():
            score = matcher.match(head + candidate)
            if score > 0:
                yield Hit(score, _prompt(matcher, "", head + candidate), action, text=head + candidate)
        for field, value, n in self._choices():
            head, candidate = self._hit_text(field, value, n)
            score = matcher.match(head + candidate)
            if score > 0:
                yield Hit(
                    score,
                    _prompt(matcher, "", head + candidate),
                    partial(self.chronik.add_filter, field, value),
                    text=head + candidate,
                )
