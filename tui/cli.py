"""Command line: ``chronik [PATH ...]``, ``chronik extract|timeline [PATH ...]``, ``chronik search QUERY [PATH ...]``.

Exit status: 0 when at least one article loaded, 1 when none did, 2 on usage
errors. Errors are one line each on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import Any, NoReturn, TextIO

from tui import __version__, i18n
from tui.i18n import N_, _, ngettext

# argparse's own words, in our catalog (``main`` has argparse use it).
ARGPARSE_MESSAGES = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("show program's version number and exit"),
    N_("the following arguments are required: %s"),
    N_("unrecognized arguments: %s"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("expected one argument"),
    N_("not allowed with argument %s"),
    N_("invalid %(type)s value: %(value)r"),
    N_("one of the arguments %s is required"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
)

EXIT_OK, EXIT_NOTHING_LOADED, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # one line, not argparse's usage block
        raise UsageError(message)


def _positive_mb(value: str) -> float:
    try:
        mb = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(_("not a number: {value!r}").format(value=value)) from None
    if not mb > 0:
        raise argparse.ArgumentTypeError(_("must be greater than 0"))
    return mb


def _seconds(value: str) -> float:
    try:
        seconds = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(_("not a number: {value!r}").format(value=value)) from None
    if not seconds >= 0:
        raise argparse.ArgumentTypeError(_("must not be negative"))
    return seconds


def _add_common(parser: argparse.ArgumentParser, cache: bool = True) -> None:
    parser.add_argument("paths", nargs="*", metavar="PATH", help=_("article files or folders (default: ./seeds)"))
    parser.add_argument(
        "--lang",
        metavar="LOCALE",
        help=_(
            "the language of messages and the locale of dates: "
            "de, en, de_AT, … (default: from LC_ALL, LC_MESSAGES or LANG; else English)"
        ),
    )
    parser.add_argument(
        "--limit-mb",
        type=_positive_mb,
        default=None,
        metavar="N",
        help=_("skip files larger than N megabytes (default: 5)"),
    )
    parser.add_argument(
        "--time-limit",
        type=_seconds,
        default=None,
        metavar="SECONDS",
        help=_(
            "give up analysing a file after SECONDS; it is still shown, without names "
            "and dates, and the load report says why (default: 30; 0: no limit)"
        ),
    )
    if cache:
        parser.add_argument(
            "--no-cache",
            action="store_true",
            help=_("neither read nor write the extraction cache (in the user's cache directory)"),
        )


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="chronik", description=_("A terminal reader for collections of German news articles."))
    parser.add_argument("--version", action="version", version=f"chronik {__version__}")
    _add_common(parser)
    parser.add_argument(
        "--list",
        action="store_true",
        help=_(
            "print one line per article instead of opening the reader "
            "(the default when standard output is not a terminal)"
        ),
    )
    _add_state(parser)
    parser.add_argument(
        "--watch",
        choices=("auto", "poll", "off"),
        default="auto",
        help=_(
            "follow the folders for new, changed and deleted files: auto (file events, "
            "else polling; the default), poll (look every 2 seconds) or off"
        ),
    )
    parser.add_argument(
        "--theme",
        metavar="NAME",
        help=_("a Textual theme, e.g. textual-ansi (follows the terminal's colours), textual-dark, nord, gruvbox"),
    )
    return parser


def _add_state(parser: argparse.ArgumentParser) -> None:
    state = parser.add_mutually_exclusive_group()
    state.add_argument(
        "--state",
        metavar="PATH",
        help=_(
            "the reading-state database: read and starred articles, "
            "the last article, query and filters (default: in the user's data directory)"
        ),
    )
    state.add_argument(
        "--no-state",
        action="store_true",
        help=_(
            "keep no reading state (nothing counts as read or starred; marks made in the reader last for this run only)"
        ),
    )


def build_extract_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="chronik extract",
        description=_("Write each article as a JSON object per line, then a load report line."),
    )
    _add_common(parser)
    parser.add_argument(
        "--raw",
        action="store_true",
        help=_("text is the file's decoded body verbatim (front matter removed), uncleaned"),
    )
    parser.add_argument(
        "--no-entities", action="store_true", help=_("skip entity recognition (faster; entities stay empty)")
    )
    return parser


def build_timeline_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="chronik timeline",
        description=_("Print every dated event of the corpus in order, with the sentence that reports it."),
    )
    _add_common(parser)
    parser.add_argument("--json", action="store_true", help=_("one JSON object per entry instead of text"))
    parser.add_argument(
        "--format",
        choices=("text", "json", "csv", "ics", "md"),
        default=None,
        help=_("text (default), json (as --json), csv, ics (iCalendar) or md (Markdown)"),
    )
    return parser


def build_search_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="chronik search", description=_("Print the articles that match QUERY, best first."))
    parser.add_argument(
        "query",
        metavar="QUERY",
        help=_('words, "phrases", -excluded, OR, person:, place:, org:, entity:, source:, date:, after:, before:, is:'),
    )
    _add_common(parser)
    _add_state(parser)
    parser.add_argument("--json", action="store_true", help=_("one JSON object per hit, then the facets"))
    parser.add_argument("--limit", type=int, default=20, metavar="N", help=_("at most N hits (default: 20)"))
    return parser


def _err(message: str) -> None:
    from tui.corpus.safetext import printable

    print(f"chronik: {printable(message)}", file=sys.stderr)


def _load_options(args: argparse.Namespace) -> dict[Any, Any]:
    from tui.corpus import DEFAULT_LIMIT_MB, DEFAULT_PATHS
    from tui.corpus.deadline import DEFAULT_SECONDS

    return {
        "paths": args.paths or list(DEFAULT_PATHS),
        "limit_mb": args.limit_mb if args.limit_mb is not None else DEFAULT_LIMIT_MB,
        "time_limit": getattr(args, "time_limit", None)
        if getattr(args, "time_limit", None) is not None
        else DEFAULT_SECONDS,
    }


def _report_skipped(report) -> None:
    for item in report.skipped:
        _err(_("skipped {path}: {reason}").format(path=item.path, reason=i18n.reason(item.reason)))
    for item in report.partial:
        _err(_("in part {path}: {reason}").format(path=item.path, reason=i18n.reason(item.reason)))


def cmd_extract(args: argparse.Namespace, out: TextIO) -> int:
    from tui.corpus import LoadError, LoadReport, Skipped
    from tui.corpus.discover import discover
    from tui.corpus.export import article_record, report_record
    from tui.corpus.loader import read_bytes
    from tui.corpus.safetext import dumps
    from tui.index.extraction import analyse

    if not (args.raw or args.no_entities):
        # What every other command reads: through the extraction cache and the start-up
        # snapshot, so that a second run over unchanged files analyses nothing.
        library = _library(args)
        for article, spans, dates in zip(library.articles, library.entities, library.dates):
            out.write(
                dumps(article_record(article, entities=[s.record() for s in spans], dates=[t.record() for t in dates]))
                + "\n"
            )
        out.write(dumps(report_record(library.report)) + "\n")
        out.flush()
        _report_skipped(library.report)
        return EXIT_OK if library.report.loaded else EXIT_NOTHING_LOADED
    options = _load_options(args)
    report = LoadReport()
    entries = []
    for candidate in discover(options["paths"], report):
        try:
            data = read_bytes(candidate.path, int(options["limit_mb"] * 1_000_000))
        except LoadError as exc:
            report.skip(candidate.path, str(exc))
            continue
        # The same analysis as loading: cleaning, dates and first-pass names within the time limit.
        found = analyse(
            candidate.id, candidate.path, data, options["time_limit"], raw=args.raw, names=not args.no_entities
        )
        if isinstance(found, str):
            report.skip(candidate.path, found)
            continue
        report.loaded += len(found)
        abandoned = next((e.abandoned for e in found if e.abandoned), "")
        if abandoned:
            report.partial.append(Skipped(candidate.path, abandoned))
        for entry in found:
            if args.no_entities:
                out.write(dumps(article_record(entry.article, dates=[t.record() for t in entry.dates])) + "\n")
            else:
                entries.append(entry)
    if entries:
        # Entity keys are corpus-wide, so every article is read before the first is written.
        mentions = _entities(["" if e.abandoned else e.article.text for e in entries], [e.tags for e in entries])
        for entry, spans in zip(entries, mentions):
            out.write(
                dumps(
                    article_record(
                        entry.article, entities=[s.record() for s in spans], dates=[t.record() for t in entry.dates]
                    )
                )
                + "\n"
            )
    out.write(dumps(report_record(report)) + "\n")
    out.flush()
    _report_skipped(report)
    return EXIT_OK if report.loaded else EXIT_NOTHING_LOADED


def cmd_timeline(args: argparse.Namespace, out: TextIO) -> int:
    from babel.dates import format_date

    from tui.corpus.safetext import printable

    library = _library(args)
    report = library.report
    form = args.format or ("json" if args.json else "text")
    month = lambda d: format_date(d, "MMMM y", locale=i18n.locale())  # noqa: E731
    if form != "text":
        from tui.index.export import timeline_text

        out.write(timeline_text("." + form, library.timeline, month))
    heading = None
    for e in library.timeline if form == "text" else ():
        head = str(e.date.year) if e.granularity == "year" else month(e.date)
        if head != heading:
            out.write(f"\n{head}\n" if heading else f"{head}\n")
            heading = head
        what = _("published:") + " " + e.text if e.kind == "published" else e.text
        sources = ", ".join(dict.fromkeys(src.article for src in e.sources))
        value = f"{e.value}/{e.until}" if e.until else e.value  # a range, as ISO 8601 writes intervals
        when = f"{value} {e.mod}" if e.mod else value
        out.write(printable(f"  {when:<14} {what}  [{sources}]") + "\n")
    out.flush()
    _report_skipped(report)
    return EXIT_OK if report.loaded else EXIT_NOTHING_LOADED


def cmd_search(args: argparse.Namespace, out: TextIO) -> int:
    from tui.corpus.safetext import dumps, printable
    from tui.index.query import QueryError, parse

    try:
        query = parse(args.query)
    except QueryError as exc:
        raise UsageError(_("bad query: {error}").format(error=exc)) from None
    library = _library(args)
    report = library.report
    flags = None
    if any(t.field == "is" for clause in query.clauses for t in clause):  # the reader's marks
        state = _state(args)
        flags = state.flags(library.keys)
        for warning in state.warnings:
            _err(warning)
    result = library.index.search(query, limit=max(1, args.limit), flags=flags)
    for h in result.hits:
        if args.json:
            out.write(
                dumps(
                    {
                        "id": h.id,
                        "title": h.title,
                        "score": h.score,
                        "snippet": h.snippet,
                        "snippet_matches": h.snippet_matches,
                    }
                )
                + "\n"
            )
        elif not result.scored:  # filters only: newest first, and the date says why a hit is where it is
            published = library.articles[library.position[h.id]].published
            out.write(printable(f"{published.isoformat()[:10] if published else '':10}  {h.id}  {h.title}") + "\n")
        else:
            out.write(printable(f"{h.score:7.3f}  {h.id}  {h.title}") + "\n")
            out.write(printable(f"         {h.snippet}") + "\n")
    if args.json:
        f = result.facets
        out.write(
            dumps(
                {
                    "total": result.total,
                    "facets": {
                        "entities": {label: dict(c.most_common(20)) for label, c in f.entities.items()},
                        "sources": dict(f.sources),
                        "published": dict(sorted(f.published.items())),
                        "mentioned": dict(sorted(f.mentioned.items())),
                    },
                }
            )
            + "\n"
        )
    else:
        out.write(ngettext("{n} matching article", "{n} matching articles", result.total).format(n=result.total) + "\n")
    out.flush()
    _report_skipped(report)
    return EXIT_OK if report.loaded else EXIT_NOTHING_LOADED


def _library(args: argparse.Namespace):
    """The loaded, annotated and indexed corpus, through the extraction cache unless --no-cache."""
    from tui.index.cache import Cache
    from tui.index.library import load_library

    options = _load_options(args)
    cache = None if args.no_cache else Cache()
    try:
        library = load_library(
            options["paths"], limit_mb=options["limit_mb"], cache=cache, time_limit=options["time_limit"]
        )
    finally:
        if cache is not None:
            cache.close()
    for note in library.notes:
        _err(i18n.reason(note))
    return library


def _state_path(args: argparse.Namespace):
    from tui.index.state import default_path

    return None if args.no_state else (args.state or default_path())


def _state(args: argparse.Namespace):
    from tui.index.state import ReadingState

    return ReadingState(_state_path(args), _load_options(args)["paths"])


def _entities(texts: list[str], tagged: list[Any] | None = None) -> list[list[Any]]:
    from tui.nlp import ModelMissing, annotate

    try:
        return annotate(texts, tagged=tagged).mentions
    except ModelMissing as exc:
        _err(_("entities left out: {reason}").format(reason=exc))
        return [[] for _ in texts]


def cmd_app(args: argparse.Namespace) -> int:
    """The reader app, on a terminal."""
    from tui.app.app import ChronikApp
    from tui.app.keymap import read_keymap
    from tui.index.cache import default_path

    options = _load_options(args)
    keymap, keymap_problems = read_keymap()
    app = ChronikApp(
        options["paths"],
        limit_mb=options["limit_mb"],
        time_limit=options["time_limit"],
        keymap=keymap,
        keymap_problems=keymap_problems,
        locale=args.lang,
        cache=None if args.no_cache else default_path(),
        state=_state_path(args),
        follow=_FOLLOW[args.watch],
    )
    if args.theme:
        if args.theme not in app.available_themes:
            raise UsageError(
                _("unknown theme {theme!r} (known: {known})").format(
                    theme=args.theme, known=", ".join(sorted(app.available_themes))
                )
            )
        app.theme = args.theme
    app.run()
    return EXIT_OK


def cmd_list(args: argparse.Namespace, out: TextIO) -> int:
    """One line per loaded article: the scriptable form of the article list."""
    from tui.corpus import load_corpus
    from tui.corpus.safetext import printable

    options = _load_options(args)
    articles, report = load_corpus(options["paths"], limit_mb=options["limit_mb"])
    for a in articles:
        date = a.published.isoformat()[:10] if a.published else "----------"
        out.write(printable(f"{date}  {a.source or '-':<12.12}  {a.title}  [{a.id}]") + "\n")
    out.flush()
    _report_skipped(report)
    if not report.loaded:
        _err(_("no articles loaded"))
    return EXIT_OK if report.loaded else EXIT_NOTHING_LOADED


def _lang_option(argv: list[str]) -> str | None:
    """``--lang`` is needed before the parsers exist: their help is in that language."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


_FOLLOW: dict[str, bool | str] = {"auto": True, "poll": "poll", "off": False}  # --watch


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    i18n.set_language(_lang_option(argv))
    argparse._ = i18n._  # type: ignore[attr-defined]  # argparse's messages ("usage:", "options", its errors) from our catalog
    argparse.ngettext = i18n.ngettext  # type: ignore[attr-defined]
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="replace")
    try:
        if argv and argv[0] == "extract":
            args = build_extract_parser().parse_intermixed_args(argv[1:])
            return cmd_extract(args, sys.stdout)
        if argv and argv[0] == "search":
            args = build_search_parser().parse_intermixed_args(argv[1:])
            return cmd_search(args, sys.stdout)
        if argv and argv[0] == "timeline":
            args = build_timeline_parser().parse_intermixed_args(argv[1:])
            return cmd_timeline(args, sys.stdout)
        args = build_parser().parse_intermixed_args(argv)
        if args.list or not (sys.stdout.isatty() and sys.stdin.isatty()):
            return cmd_list(args, sys.stdout)
        return cmd_app(args)
    except UsageError as exc:
        _err(_("{error} (see chronik --help)").format(error=exc))
        return EXIT_USAGE
    except BrokenPipeError:
        # The reader of our output went away (e.g. `| head`); that is not an error.
        sys.stderr.close()
        return EXIT_OK
    except KeyboardInterrupt:
        return 130
