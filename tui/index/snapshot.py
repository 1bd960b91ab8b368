"""A whole loaded library in one file, so an unchanged folder opens without analysing,
annotating or indexing anything again.

The per-file extraction cache (``tui.index.cache``) spares each file its cleaning and tagging,
but names are propagated, the index is built and the timeline is merged over the whole corpus,
and that is most of a warm start. A snapshot keeps the result of all of it for one set of
named paths. It is used only when every file still looks as it did when the snapshot was
written — the same files with the same size, modification and change times and inode (what
``git status`` trusts) — and the versions of Chronik, the cleaning rules and the model, and
the source of the modules whose objects it holds (``code_version``), are the same. It also
keeps that listing, so that a start after files were added, changed or removed can analyse only
those and merge them into it (``tui.index.changes``, for the app); a start that needs names
linked across the whole folder (the command line, ``tui.index.relink``) loads through the
per-file cache instead. Either way a new snapshot replaces the old one.

The file is written to a temporary name, flushed to disk and renamed over the old one, so a
crash leaves the old snapshot or the new one, never half of one; it carries its length and a
CRC-32 of its contents, so a damaged file is ignored (and replaced), never shown. It is read
through a memory map: the articles, their annotations and the timeline stay packed
(``tui.index.packed``, in zlib blocks) until something looks at them, and the postings are
used in place. What is unpickled at every start (ids, titles, the vocabulary) is deflated too:
the file is about one and a half times the text it holds. There is one snapshot per set of named
paths (a new one replaces the old), and only the ``KEEP`` most recently used are kept.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import gc
import hashlib
import json
import mmap
import os
import pickle
import struct
import tempfile
import time
import zlib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import numpy as np

from tui.corpus import Article
from tui.corpus.discover import Candidate
from tui.corpus.record import article_from_record, article_record
from tui.index.packed import Lazy, Packed, Spliced, pickle_bytes, text_bytes, utf8_lenient

if TYPE_CHECKING:
    from tui.index.library import Library

FORMAT = 5  # 4: articles as their records (tui.corpus.record), in JSON; 5: small arrays deflated
KEEP = 3
MAGIC = b"CHRONIK-SNAPSHOT\n"
_HEAD = struct.Struct("<32sQQQI")  # signature digest, file length, pickle length, buffers, CRC-32
_ALIGN = 64
# The arrays (postings, name tables, per-article columns) are mapped into memory, and read only
# where a query or the view needs them. A small folder's weigh more than its text, though (the
# vocabulary's, the postings' two-byte gaps): the smallest are deflated, up to this many bytes
# in all, which a start inflates in a hundredth of a second or two. A large folder's stay as
# they are (past ``ARRAYS_KEPT_RAW`` in all): deflating a few would save it little room, and
# what is inflated is resident from the start, where a mapped array is only once it is used.
DEFLATED_MAX = 8_000_000
ARRAYS_KEPT_RAW = 64_000_000
_DEFLATED = 1 << 63  # a buffer's length with this bit: stored deflated


def _meta_bytes(article: Article) -> bytes:
    """An article's record (``tui.corpus.record``) but its text, which is packed apart."""
    record = article_record(article)
    del record["text"]
    return json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass")


def _meta(data: bytes) -> dict[str, Any]:
    record: dict[str, Any] = json.loads(data.decode("utf-8", "surrogatepass"))
    return record


class Articles(Lazy[Article]):
    """Articles decoded on first use: the record of each from JSON, the text from its own buffer."""

    def __init__(
        self, packed: Packed, decode: Callable[[bytes], Any] = _meta, keep: bool = True, text: Lazy[str] | None = None
    ) -> None:
        super().__init__(packed, decode, keep)
        self.text = text

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.packed, self.decode, self.keep, self.text))

    def _load(self, i: int) -> Article:
        assert self.text is not None  # the texts are packed beside the records
        record = cast(dict[str, Any], self.decode(self.packed[i]))  # a record, not yet an Article
        return article_from_record({**record, "text": self.text[i]})


@functools.cache
def code_version() -> str:
    """A digest of the source of every module whose objects a snapshot holds: a snapshot pickled
    by other code is never unpickled into this one. The modules that make a library's names
    from the cached first-pass tags count too: a snapshot keeps what they made."""
    import importlib

    h = hashlib.sha256()
    for name in (*_PICKLED_MODULES, *_NAMING_MODULES):
        h.update(Path(str(importlib.import_module(name).__file__)).read_bytes())
    return h.hexdigest()[:16]


# ``Timex`` is defined in ``tui.nlp.datecontext`` (``tui.nlp.dates`` only re-exports it).
_PICKLED_MODULES = (
    "tui.corpus.model",
    "tui.corpus.record",
    "tui.corpus.discover",
    "tui.nlp.spans",
    "tui.nlp.dates",
    "tui.nlp.datecontext",
    "tui.index.search",
    "tui.index.parts",
    "tui.index.postings",
    "tui.index.timeline",
    "tui.index.library",
    "tui.index.packed",
    "tui.index.snapshot",
)
# The corpus-wide entity layer (``tui.nlp.entities.annotate``): a change to its rules changes the
# names of a library. (``chunkrules``, ``acronyms`` and ``ner`` also make the first-pass tags the
# extraction cache keeps: a change to those takes a new Chronik version, so that files are
# tagged again.) The model and its features are covered by the model files' version.
_NAMING_MODULES = (
    "tui.nlp.entities",
    "tui.nlp.names",
    "tui.nlp.aliases",
    "tui.nlp.corpusrules",
    "tui.nlp.consistency",
    "tui.nlp.chunkrules",
    "tui.nlp.acronyms",
    "tui.nlp.ner",
)


def signature(candidates: list[Candidate]) -> bytes:
    """A digest of what the files look like from outside, in the order they are loaded."""
    h = hashlib.sha256("\0".join([c.id for c in candidates]).encode("utf-8", "surrogatepass"))
    h.update(np.array([c[2:5] for c in candidates], dtype=np.int64).tobytes())  # size and times
    h.update(np.array([c.inode for c in candidates], dtype=np.uint64).tobytes())
    return h.digest()


NOT_USED = "start-up snapshot not used"


class Store:
    """The snapshots in one folder (next to the extraction cache)."""

    def __init__(self, folder: Path, version: str) -> None:
        self.folder, self.version = folder, version
        # Why the last ``load`` found a snapshot it could not use (None: there was none, or it
        # was used): the load says so in its notes, rather than quietly starting cold.
        self.problem: str | None = None

    def path_for(self, paths: list[str], limit_mb: float) -> Path:
        """``<folders>-<versions>.snapshot``: one name per set of named paths and per version of
        everything that shapes a library, so a new version never reads an old snapshot."""
        named = [os.path.abspath(os.fspath(p)) for p in paths]
        return (
            self.folder
            / f"{_digest([named, float(limit_mb)])}-{_digest([FORMAT, code_version(), self.version])}.snapshot"
        )

    def load(self, paths: list[str], limit_mb: float) -> tuple[bytes, Library] | None:
        """``(digest, library)`` stored for these paths, or None when there is no usable snapshot.
        The caller compares ``digest`` with the ``signature`` of the files as they are now: it
        can read the snapshot while it lists the files (the two overlap well: checking the
        checksum and listing the folder mostly wait outside the interpreter)."""
        path = self.path_for(paths, limit_mb)
        self.problem = None
        try:
            with open(path, "rb") as f:
                if f.read(len(MAGIC)) != MAGIC:
                    self.problem = f"{NOT_USED}: {path.name} is no snapshot file"
                    return None
                mm = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
            digest, library = _read(mm)
            if time.time() - os.stat(path).st_mtime > 3600:
                os.utime(path)  # most recently used: kept longest (an hour is fine enough)
            return digest, library
        except FileNotFoundError:
            return None
        except Exception as exc:  # damaged, truncated or from an incompatible version: load afresh
            detail = " ".join(str(exc).split())[:120]
            self.problem = f"{NOT_USED}: {path.name}: {type(exc).__name__}" + (f" ({detail})" if detail else "")
            return None

    def save(self, paths: list[str], limit_mb: float, digest: bytes, library: Library) -> None:
        """Store ``library`` for these paths (raises OSError when it cannot be written)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        target = self.path_for(paths, limit_mb)
        buffers: list[pickle.PickleBuffer] = []
        # The pickle itself (ids, titles, the vocabulary, a few maps) is read whole at every start:
        # deflated, it is a third of the size, and inflating it costs less than reading the rest.
        data = zlib.compress(pickle.dumps(packed(library), protocol=5, buffer_callback=buffers.append), 1)
        views, sizes = _deflated([b.raw() for b in buffers])
        lengths = struct.pack(f"<{len(views)}Q", *sizes)
        body: list[bytes | memoryview] = [lengths, data]
        at = len(MAGIC) + _HEAD.size + len(lengths) + len(data)
        for v in views:  # each buffer starts at a multiple of _ALIGN, as numpy likes its arrays
            body += [b"\0" * ((-at) % _ALIGN), v]
            at += (-at) % _ALIGN + len(v)
        crc = 0
        for part in body:
            crc = zlib.crc32(part, crc)
        total = at
        fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=".tmp-", suffix=".snapshot")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(MAGIC + _HEAD.pack(digest, total, len(data), len(views), crc))
                for part in body:
                    f.write(part)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, target)
            for old in self.folder.glob(target.name.split("-")[0] + "-*.snapshot"):  # same folders, older versions
                if old != target:
                    with contextlib.suppress(OSError):
                        old.unlink()
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
        self._trim()

    def _trim(self) -> None:
        with contextlib.suppress(OSError):
            found = sorted(self.folder.glob("*.snapshot"), key=lambda p: p.stat().st_mtime, reverse=True)
            for old in found[KEEP:]:
                old.unlink()


def _digest(value: object) -> str:
    return hashlib.sha256(json.dumps(value, ensure_ascii=False).encode("utf-8", "surrogatepass")).hexdigest()[:20]


def _read(mm: mmap.mmap) -> tuple[bytes, Library]:
    digest, total, n_pickle, n_buffers, crc = _HEAD.unpack_from(mm, len(MAGIC))
    start = len(MAGIC) + _HEAD.size
    if total != len(mm) or zlib.crc32(memoryview(mm)[start:]) != crc:
        raise ValueError("damaged snapshot")
    # The checksum read every page of the file into this process's resident set; they stay in
    # the page cache, and only those of what is shown need to be mapped in again.
    if hasattr(mm, "madvise") and hasattr(mmap, "MADV_DONTNEED"):
        with contextlib.suppress(OSError):
            mm.madvise(mmap.MADV_DONTNEED)
    lengths = struct.unpack_from(f"<{n_buffers}Q", mm, start)
    at = start + 8 * n_buffers
    data = memoryview(mm)[at : at + n_pickle]
    at += n_pickle
    views: list[memoryview | bytes] = []
    for size in lengths:
        n = size & ~_DEFLATED
        at += (-at) % _ALIGN
        view = memoryview(mm)[at : at + n]
        views.append(zlib.decompress(view) if size & _DEFLATED else view)
        at += n
    # Hundreds of thousands of small containers come out of the pickle, none of them in a cycle:
    # the cyclic collector, run again and again as they appear, would take longer than reading.
    collecting = gc.isenabled()
    gc.disable()
    try:
        library = pickle.loads(zlib.decompress(data), buffers=views)
        # What came out lives as long as the app: the collector need not look at it again (a full
        # collection over it would take a tenth of a second, now and then, from the interface).
        gc.freeze()
        return digest, library
    finally:
        if collecting:
            gc.enable()


def _deflated(views: list[memoryview]) -> tuple[list[memoryview | bytes], list[int]]:
    """The buffers as stored, with their stored lengths (``_DEFLATED`` set where deflated): the
    smallest deflated, while their raw bytes stay within ``DEFLATED_MAX`` in all, where that
    saves a fifth or more; none where the buffers hold more than ``ARRAYS_KEPT_RAW``."""
    stored: list[memoryview | bytes] = list(views)
    sizes = [len(v) for v in views]
    budget = DEFLATED_MAX if sum(sizes) <= ARRAYS_KEPT_RAW else 0
    for i in sorted(range(len(views)), key=lambda i: len(views[i])):
        view = views[i]
        if len(view) > budget:
            break
        sample = view[:65536]  # (the packed texts and records are deflated already)
        if len(zlib.compress(sample, 1)) > 0.8 * len(sample):
            continue
        small = zlib.compress(view, 1)
        if len(small) <= 0.8 * len(view):
            stored[i], sizes[i] = small, len(small) | _DEFLATED
            budget -= len(view)
    return stored, sizes


def packed(library: Library) -> Library:
    """A copy of ``library`` whose articles, annotations and timeline are packed sequences.
    Items of a spliced sequence (``tui.index.changes``) that are still packed are copied as
    bytes, not decoded and encoded again: after a change, only the fresh articles are."""
    if isinstance(library.articles, Articles):
        return library

    text = Lazy(
        _bytes(library.articles, lambda a: text_bytes(a.text), lambda part: part.text.packed), utf8_lenient, keep=False
    )
    articles = Articles(_bytes(library.articles, _meta_bytes, lambda part: part.packed), text=text)
    index = library.index.with_texts(text)
    entities, dates, timeline = (
        Lazy(_bytes(seq, pickle_bytes, lambda part: part.packed), pickle.loads)
        for seq in (library.entities, library.dates, library.timeline)
    )
    return dataclasses.replace(
        library,
        articles=articles,
        entities=entities,
        dates=dates,
        index=index,
        timeline=timeline,
        derived=library.derived,
    )


def _bytes(seq: Sequence[Any], encode: Callable[[Any], bytes], stored: Callable[[Any], Packed]) -> Packed:
    """Each item of ``seq`` as bytes: ``encode(item)``, or, for an item a ``Spliced`` takes from
    a packed part, the bytes ``stored(part)`` keeps of it."""
    if not isinstance(seq, Spliced):
        return Packed.of((encode(x) for x in seq), compress=True)
    sources = [stored(p) if isinstance(p, Lazy) else None for p in seq.parts]  # parts of a snapshot
    return Packed.of(
        (
            sources[k][j] if sources[k] is not None else encode(seq.parts[k][j])
            for k, j in zip(seq.which.tolist(), seq.where.tolist())
        ),
        compress=True,
    )


__all__ = ["Articles", "KEEP", "Store", "signature"]
