"""Per-file analysis — cleaning, date finding and first-pass name tagging — in worker processes.

Files the cache does not know are analysed here: in the calling process when there are few, or
across the machine's cores in a pool of spawned processes (each loads the entity model once).
Results come back as they are ready, in chunks, so the article list can fill while the rest
is still being analysed.
"""

from __future__ import annotations

import os
import pickle
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, TimeoutError, wait
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import get_context
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui.corpus import deadline
from tui.corpus.deadline import DEFAULT_SECONDS
from tui.corpus.discover import Candidate
from tui.corpus.loader import LoadError, build_articles
from tui.corpus.model import Article
from tui.index import collector, formcache
from tui.index.cache import Entry
from tui.nlp.dates import find_dates
from tui.nlp.spans import Span

if TYPE_CHECKING:
    from tui.nlp.entities import Propagated, Spread
    from tui.nlp.ner import Recognizer

PARALLEL_MIN = 64  # fewer files than this are analysed in the calling process
EARLY_MISSES = 8  # files the cache did not know, of many: the processes start while the rest are read
CHUNK = 16  # files per task sent to a worker

Job = tuple[int, str, str, bytes]  # (slot, id, path, file bytes)
Outcome = tuple[int, "list[Entry] | str"]  # (slot, the file's entries or why it was skipped)

_model_missing = False
# Kept in English in data, like every load-report reason (``tui.corpus.loader.REASONS``).
ABANDONED = "names and dates left out: the analysis took longer than {seconds} s (--time-limit)"
ENTITIES_LEFT_OUT = "entities left out: {reason}"  # a library's note when there is no model
NOT_READ = "not read: reading the file took longer than {seconds} s (--time-limit)"


def analyse(
    article_id: str,
    path: str,
    data: bytes,
    time_limit: float | None = DEFAULT_SECONDS,
    raw: bool = False,
    names: bool = True,
) -> list[Entry] | str:
    """One file's entries (one per article: a feed file has one per entry), or the one-line
    reason it holds no article. Past ``time_limit`` seconds the analysis is abandoned: the
    entries keep their articles (uncleaned, if cleaning was not done by then) without names and
    dates, and say why in ``abandoned``."""
    recognizer = _recognizer() if names else None
    began = time.monotonic()
    entries = _read_and_date(article_id, path, data, time_limit, raw)
    if isinstance(entries, str) or recognizer is None:
        return entries
    return _tag_alone(entries, recognizer, _left(time_limit, time.monotonic() - began))


def _recognizer() -> Recognizer | None:
    """This process's tagger with its model loaded (not on any file's time), None without a model."""
    global _model_missing
    from tui.nlp import ModelMissing
    from tui.nlp.ner import default_recognizer

    if _model_missing:
        return None
    try:
        recognizer = default_recognizer()
        recognizer.lexicon  # noqa: B018
    except ModelMissing:
        _model_missing = True  # tagged later, where the caller reports it
        return None
    return recognizer


def _left(time_limit: float | None, spent: float) -> float | None:
    """What is left of a file's ``time_limit`` once ``spent`` seconds went on it: a little at
    least, so that an exhausted limit still stops the next piece of work at its first check."""
    return None if not time_limit else max(1e-6, time_limit - spent)


def _read_and_date(article_id: str, path: str, data: bytes, time_limit: float | None, raw: bool) -> list[Entry] | str:
    """The file's articles with their dates, not tagged yet (``Entry.tags`` None)."""
    candidate = Candidate(path, article_id)
    articles: list[Article] | None = None
    find_dates("")  # the date patterns load once per process, not on this file's time
    entries: list[Entry] = []
    try:
        with deadline.time_limit(time_limit):
            articles = build_articles(candidate, data, raw=raw)
            for article in articles:
                dates = find_dates(article.text, article.published.value if article.published else None)
                entries.append(Entry(article, dates, None))
    except LoadError as exc:
        return str(exc)
    except deadline.TimeLimitExceeded:
        if articles is None:
            try:
                # Uncleaned, and within a second limit: a PDF or a feed is read before any cleaning.
                with deadline.time_limit(time_limit):
                    articles = build_articles(candidate, data, plain=True)
            except LoadError as exc:
                return str(exc)
            except deadline.TimeLimitExceeded:
                return NOT_READ.format(seconds=f"{time_limit:g}")
        return _abandon(entries, articles, time_limit)
    return entries


def _abandon(entries: list[Entry], articles: list[Article], time_limit: float | None) -> list[Entry]:
    """``entries`` (of the first articles) and the rest of ``articles`` without names and dates."""
    why = ABANDONED.format(seconds=f"{time_limit:g}")
    return entries + [Entry(a, [], [], abandoned=why) for a in articles[len(entries) :]]


def _tag_alone(entries: list[Entry], recognizer: Recognizer, seconds: float | None) -> list[Entry]:
    """``entries`` with their first-pass tags, within ``seconds`` for all of them."""
    if any(e.abandoned for e in entries):
        return entries
    tagged: list[Entry] = []
    try:
        with deadline.time_limit(seconds):
            for e in entries:
                tagged.append(Entry(e.article, e.dates, recognizer.tag(e.article.text)))
    except deadline.TimeLimitExceeded:
        return _abandon(tagged, [e.article for e in entries], seconds)
    return tagged


# A text longer than this is tagged alone, within its own file's limit; shorter ones are tagged
# together with the rest of a piece of work (files of news articles have a few thousand).
_TOGETHER_CHARS = 100_000


def _analyse_chunk(jobs: list[Job], time_limit: float | None = DEFAULT_SECONDS) -> list[Outcome]:
    """``analyse`` of each job; the articles of all of them are tagged together, one pass of the
    decoder over positions for all their sentences (for 16 news files, a seventh less time than
    one by one; the same tags)."""
    global _chunks
    _chunks += 1
    if _chunks == 2:  # more than a few files to tag: the kept sums are worth reading now
        _seed_forms()
    recognizer = _recognizer()
    out: list[Outcome] = []
    dated: dict[int, tuple[list[Entry], float]] = {}  # place in ``out``: entries to tag, seconds spent
    for slot, article_id, path, data in jobs:
        began = time.monotonic()
        entries = _read_and_date(article_id, path, data, time_limit, False)
        if not isinstance(entries, str) and recognizer is not None and not any(e.abandoned for e in entries):
            dated[len(out)] = (entries, time.monotonic() - began)
        out.append((slot, entries))
    if recognizer is None:
        return out
    together = [k for k, (entries, _) in dated.items() if all(len(e.article.text) <= _TOGETHER_CHARS for e in entries)]
    if together:
        try:
            with deadline.time_limit(time_limit):
                tags = iter(recognizer.tag_many([e.article.text for k in together for e in dated[k][0]]))
        except deadline.TimeLimitExceeded:
            together = []  # each alone, within what is left of its own limit (not counting this try)
        else:
            for k in together:
                out[k] = (out[k][0], [Entry(e.article, e.dates, next(tags)) for e in dated.pop(k)[0]])
    for k, (entries, spent) in dated.items():
        out[k] = (out[k][0], _tag_alone(entries, recognizer, _left(time_limit, spent)))
    _keep_forms()
    return out


# In a worker: where the tagger's sums of word forms are kept (``formcache``), how many of them
# the process had when it last read or wrote them, and how many pieces of work it was given.
# The sums are read at its second piece, not at its start: a start after one changed file waits
# for the first piece, and reading 25 MB of sums would only delay it.
_forms_path: Path | None = None
_forms_kept = 0
_chunks = 0


def _seed_forms() -> None:
    global _forms_kept
    from tui.nlp import ModelMissing
    from tui.nlp.ner import default_recognizer

    found = formcache.load(_forms_path) if _forms_path is not None and not _model_missing else None
    if found is not None:
        try:
            default_recognizer().seed_forms(*found)
        except (ValueError, ModelMissing):  # made for another model: written anew once this process met enough forms
            return
        _forms_kept = len(found[0])


def _keep_forms() -> None:
    """Writes the tagger's sums of word forms when this process has met enough of them, and
    again at every ``formcache.STEP`` more, up to ``formcache.KEPT``."""
    global _forms_kept
    if _forms_path is None or _model_missing or _forms_kept >= formcache.KEPT:
        return
    from tui.nlp.ner import default_recognizer

    rec = default_recognizer()
    if rec.forms_known >= min(formcache.KEPT, max(formcache.FIRST_AT, _forms_kept + formcache.STEP)):
        forms, sums = rec.known_forms(formcache.KEPT)
        formcache.save(_forms_path, forms, sums)
        _forms_kept = len(forms)


def _warm(forms: Path | None = None) -> None:
    """A worker's first step: the model and the date patterns, loaded before any file comes;
    ``forms``: where the tagger's sums of word forms are kept (read and written later)."""
    global _forms_path
    from tui.nlp import ModelMissing
    from tui.nlp.ner import default_recognizer

    _forms_path = forms
    collector.relax()
    try:
        default_recognizer().lexicon  # noqa: B018
    except ModelMissing:
        pass
    find_dates("")


class Cancelled(Exception):
    """Loading was stopped by the caller."""


class Workers:
    """Analysis processes started ahead of need: a start from a snapshot may find files that
    changed, and then the model is loaded already, in another process, while this one listed
    the folder and read the snapshot. One process starts at once, more as work comes (up to
    ``count``); ``close`` lets them go (they finish what they hold, and exit)."""

    def __init__(self, count: int, eager: bool = False, forms: Path | None = None) -> None:
        self.count = min(max(1, count), 61)
        self.pool = ProcessPoolExecutor(
            max_workers=self.count, mp_context=get_context("spawn"), initializer=_warm, initargs=(forms,)
        )
        self.pool.submit(int)  # starts the first process
        if eager:
            self.grow()

    def grow(self) -> None:
        """Every process started now, for work known to come: each task finds an idle process or
        starts one."""
        try:
            for _ in range(self.count):
                self.pool.submit(int)
        except (BrokenProcessPool, RuntimeError):  # the work that comes finds it broken, and is done here
            pass

    def close(self) -> None:
        self.pool.shutdown(wait=False, cancel_futures=True)


def start_workers(count: int, eager: bool = False, forms: Path | None = None) -> Workers | None:
    """``count`` analysis processes (``Workers``); ``forms``: where the tagger's sums of word
    forms are kept between runs (``formcache.path_for``), or None."""
    try:
        return Workers(count, eager, forms)
    except (OSError, ValueError, RuntimeError):  # no processes here: the analysis runs in this one
        return None


def warm_here() -> None:
    """Loads this process's tagger, in a thread, while the workers analyse the files: the
    names of all of them are linked in this process next, and would wait a third of a second
    for the lexicon."""
    threading.Thread(target=_warm_tagger, name="warm-tagger", daemon=True).start()


def _warm_tagger() -> None:
    try:
        _recognizer()
    except Exception:  # noqa: BLE001 (the load that needs the tagger meets the problem, and says it)
        pass


def _recognise(texts: list[str], tags: list[list[Span]]) -> tuple[list[list[Span]], str | None]:
    from tui.nlp import ModelMissing, annotate
    from tui.nlp.ner import default_recognizer

    try:
        return annotate(texts, recognizer=default_recognizer(), tagged=tags).mentions, None
    except ModelMissing as exc:
        return [[] for _ in texts], ENTITIES_LEFT_OUT.format(reason=exc)


def recognise_in(
    workers: Workers,
    texts: list[str],
    tags: list[list[Span]],
    cancelled: Callable[[], bool] = lambda: False,
    meanwhile: Callable[[], object] = lambda: None,
) -> tuple[list[list[Span]], str | None] | None:
    """``annotate(texts, tagged=tags).mentions`` worked out by a worker, which holds the model,
    and the note to make if there is no model; None if the worker could not do it. This process
    does ``meanwhile()`` while it waits."""
    try:
        future = workers.pool.submit(_recognise, texts, tags)
        meanwhile()
        while True:
            try:
                done: tuple[list[list[Span]], str | None] = future.result(timeout=0.2)
                return done
            except TimeoutError:
                if cancelled():
                    future.cancel()
                    return None
    except (BrokenProcessPool, OSError, RuntimeError):
        return None


class Elsewhere:
    """One piece of work done in a process of its own while this one goes on (spawned, as the
    workers are); ``result`` waits for it, None if it could not be done there (the caller then
    does it itself) or the load was cancelled. ``close`` ends the process, done or not. The
    process is started by a thread: a spawned process takes a tenth of a second to start and
    take its work, which this one need not wait for."""

    def __init__(self, fn: Callable[..., Any], *args: Any) -> None:
        context = get_context("spawn")
        self._answer, sender = context.Pipe(duplex=False)
        self._process = context.Process(target=_serve, args=(sender, fn, *args), daemon=True)
        self._starting = threading.Thread(target=self._start, args=(sender,), name="elsewhere", daemon=True)
        self._starting.start()

    def _start(self, sender: Any) -> None:
        try:
            self._process.start()
        except Exception:  # noqa: BLE001 (no processes here, or the work does not pickle: done here instead)
            pass
        finally:
            sender.close()  # the child's end: when it goes, a read here ends too

    @classmethod
    def start(cls, fn: Callable[..., Any], *args: Any) -> Elsewhere | None:
        try:
            return cls(fn, *args)
        except (OSError, ValueError, RuntimeError):  # no processes (nor pipes) here
            return None

    def result(self, cancelled: Callable[[], bool] = lambda: False) -> Any:
        self._starting.join()
        try:
            while not self._answer.poll(0.2):
                if cancelled():
                    return None
            done, value = self._answer.recv()
            return value if done else None
        except (EOFError, OSError, pickle.UnpicklingError):  # the process died
            return None
        finally:
            self.close()

    def close(self) -> None:
        self._starting.join()
        if self._process.is_alive():
            self._process.terminate()
        if self._process.pid is not None:  # (it may never have started)
            self._process.join(timeout=5)
        self._answer.close()


def _serve(sender: Any, fn: Callable[..., Any], *args: Any) -> None:
    try:
        out = (True, fn(*args))
    except Exception:  # noqa: BLE001 (the caller does the work itself instead)
        out = (False, None)
    sender.send(out)


def _propagate(texts: list[str], first: list[list[Span]], names: dict[str, str]) -> Propagated:
    from tui.nlp.entities import propagated

    return propagated(texts, first, names)


class Queued:
    """One piece of work for ``Workers``, queued behind what they were given before: it runs in
    whichever process is free first. ``result`` and ``close`` as ``Elsewhere``'s (None if the
    processes could not do it, or the load was cancelled)."""

    def __init__(self, workers: Workers, fn: Callable[..., Any], *args: Any) -> None:
        self._future: Future[Any] | None
        try:
            self._future = workers.pool.submit(fn, *args)
        except (BrokenProcessPool, RuntimeError):
            self._future = None

    def result(self, cancelled: Callable[[], bool] = lambda: False) -> Any:
        if self._future is None:
            return None
        while True:
            try:
                return self._future.result(timeout=0.2)
            except TimeoutError:
                if cancelled():
                    return None
            except Exception:  # noqa: BLE001 (the process died, or the work failed: done here instead)
                return None

    def close(self) -> None:
        if self._future is not None:
            self._future.cancel()


def spread_over(
    workers: Workers, cancelled: Callable[[], bool] = lambda: False, behind: Callable[[], None] = lambda: None
) -> Spread:
    """An ``annotate`` spread that propagates the corpus's names into the texts in ``workers``,
    a part of the texts each (they hold the model); None when they cannot (then it is done here).
    Raises ``Cancelled`` as soon as ``cancelled()`` says so. ``behind()`` is called once the parts
    are queued: work it gives the workers (``Queued``) runs in the first of them to finish its
    part, while this process goes on with what follows the spread."""
    from tui.nlp import ModelMissing

    def spread(texts: list[str], first: list[list[Span]], names: dict[str, str]) -> Propagated | None:
        size = -(-len(texts) // workers.count) or 1
        futures: list[Future[Propagated]] = []
        try:
            for a in range(0, len(texts), size):
                futures.append(workers.pool.submit(_propagate, texts[a : a + size], first[a : a + size], names))
            behind()
            out: Propagated = []
            for future in futures:
                while True:
                    try:
                        out += future.result(timeout=0.2)
                        break
                    except TimeoutError:
                        if cancelled():
                            raise Cancelled from None  # not done here either
            return out
        except (BrokenProcessPool, OSError, RuntimeError, ModelMissing, pickle.PicklingError):
            return None
        finally:
            for future in futures:
                future.cancel()

    return spread


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def run(
    jobs: list[Job],
    workers: int | None = None,
    cancelled: Callable[[], bool] = lambda: False,
    time_limit: float | None = DEFAULT_SECONDS,
    started: Workers | None = None,
) -> Iterator[list[Outcome]]:
    """Analyse ``jobs``, yielding outcomes in chunks as they are ready (not in job order);
    each file's analysis is abandoned past ``time_limit`` seconds (``analyse``). With ``started``
    workers, even a few files go to them (they hold the model already); they stay open."""
    workers = default_jobs() if workers is None else workers
    if started is not None and jobs:
        yield from _in_pool(jobs, started.pool, cancelled, time_limit, keep=True)
        return
    if workers <= 1 or len(jobs) < PARALLEL_MIN:
        for start in range(0, len(jobs), CHUNK):
            if cancelled():
                return
            yield _analyse_chunk(jobs[start : start + CHUNK], time_limit)
        return
    # Spawned, not forked: the caller may be a thread of a running UI.
    try:
        pool = ProcessPoolExecutor(
            max_workers=min(workers, 61), mp_context=get_context("spawn"), initializer=collector.relax
        )
    except (OSError, ValueError):
        pool = None
    if pool is None:
        yield from run(jobs, workers=1, cancelled=cancelled, time_limit=time_limit)
        return
    yield from _in_pool(jobs, pool, cancelled, time_limit, keep=False)


def _in_pool(
    jobs: list[Job], pool: ProcessPoolExecutor, cancelled: Callable[[], bool], time_limit: float | None, keep: bool
) -> Iterator[list[Outcome]]:
    """``jobs`` analysed in ``pool`` (shut down after, unless ``keep``); what a broken pool
    leaves is analysed here."""
    finished: set[int] = set()
    # A few files go in one piece to the first worker, which is started and holds the model:
    # more pieces would start more processes, each loading the model first.
    chunk = CHUNK if len(jobs) >= PARALLEL_MIN else len(jobs)
    try:
        pending: set[Future[Any]] = {
            pool.submit(_analyse_chunk, jobs[s : s + chunk], time_limit) for s in range(0, len(jobs), chunk)
        }
        while pending:
            done, pending = wait(pending, timeout=0.2, return_when=FIRST_COMPLETED)
            if cancelled():
                return
            for future in done:
                outcomes = future.result()
                finished.update(slot for slot, _ in outcomes)
                yield outcomes
        return
    except (BrokenProcessPool, OSError, RuntimeError):
        pass  # a worker died (out of memory, killed): the rest is analysed here
    finally:
        if not keep:
            # Not waiting: a cancelled start returns at once; workers finish their chunk and exit.
            pool.shutdown(wait=False, cancel_futures=True)
    yield from run(
        [job for job in jobs if job[0] not in finished], workers=1, cancelled=cancelled, time_limit=time_limit
    )
