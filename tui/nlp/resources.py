"""The shipped tagger model and lexicon: where they live, how they are read and written.

Everything is loaded lazily, once per process, on the first call that needs
it: importing ``tui.nlp`` costs nothing. The files are produced by
``python -m tui.nlp.train`` and are gzip'd UTF-8 text: tab-separated rows, or
for the two big ones columns in blocks (``save_lexicon``).
"""

from __future__ import annotations

import gc
import gzip
import threading
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from tui.nlp.features import Lexicon, Phrases
from tui.nlp.tables import SortedTable

if TYPE_CHECKING:
    from tui.nlp.crf import Model

DATA_DIR = Path(__file__).parent / "data"
MODEL_FILE = DATA_DIR / "ner.crfsuite"
NAMES_FILE = DATA_DIR / "names.txt.gz"
CLUSTERS_FILE = DATA_DIR / "clusters.txt.gz"
STATS_FILE = DATA_DIR / "wordstats.tsv.gz"
ALIASES_FILE = DATA_DIR / "aliases.tsv.gz"

_lock = threading.Lock()


class ModelMissing(RuntimeError):
    """The tagger files are absent: the package was built without them."""


def _write(path: Path, rows: Iterable[Iterable[object]]) -> None:
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=9) as f:
        for row in rows:
            f.write("\t".join(str(x) for x in row) + "\n")


def _columns(path: Path, width: int) -> list[list[str]]:
    """The file's ``width`` tab-separated columns. The whole file is split at once: line by
    line, the rows would take several times as long to read."""
    text = gzip.decompress(path.read_bytes()).decode("utf-8")
    cells = text.replace("\n", "\t").split("\t")
    if cells and cells[-1] == "":
        cells.pop()
    if len(cells) % width:
        raise ValueError(f"{path.name}: rows of {width} columns expected")
    return [cells[k::width] for k in range(width)]


# The two big files are stored by columns, in blocks separated by form feeds (no word holds
# whitespace): one split per block and no per-row parsing keep the load near a quarter of a
# second for 700,000 entries. Label sets are coded as one character each, from U+0100 on.
_BLOCK = "\f"
_CODE0 = 0x100


def _write_blocks(path: Path, blocks: list[str]) -> None:
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=9) as f:
        f.write(_BLOCK.join(blocks))


def _read_blocks(path: Path, count: int) -> list[str]:
    blocks = gzip.decompress(path.read_bytes()).decode("utf-8").split(_BLOCK)
    if len(blocks) != count:
        raise ValueError(f"{path.name}: {count} blocks expected, found {len(blocks)}")
    return blocks


def _lines(block: str) -> list[str]:
    return block.split("\n") if block else []


def save_lexicon(lex: Lexicon, data_dir: Path = DATA_DIR) -> None:
    sets = sorted(
        {" ".join(sorted(labs)) for labs in lex.labels.values()}
        | {" ".join(sorted(labs)) for cands in lex.phrases.values() for _, labs in cands}
    )
    code = {labs: chr(_CODE0 + i) for i, labs in enumerate(sets)}
    words = sorted(lex.labels)
    phrases = sorted(
        (" ".join(ws), code[" ".join(sorted(labs))]) for cands in lex.phrases.values() for ws, labs in cands
    )
    _write_blocks(
        data_dir / NAMES_FILE.name,
        [
            "\n".join(sets),
            "\n".join(words),
            "".join(code[" ".join(sorted(lex.labels[w]))] for w in words),
            "\n".join(p for p, _ in phrases),
            "".join(c for _, c in phrases),
        ],
    )
    words = sorted(lex.clusters)
    _write_blocks(data_dir / CLUSTERS_FILE.name, ["\n".join(words), "\n".join(str(lex.clusters[w]) for w in words)])
    _write(data_dir / STATS_FILE.name, ((w, *v) for w, v in sorted(lex.stats.items())))


def read_lexicon(data_dir: Path = DATA_DIR) -> Lexicon:
    # Half a million new containers would set off the cyclic collector dozens of times.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _read_lexicon(data_dir)
    finally:
        if enabled:
            gc.enable()


def _read_lexicon(data_dir: Path) -> Lexicon:
    sets, words, codes, phrases, phrase_codes = _read_blocks(data_dir / NAMES_FILE.name, 5)
    # A few hundred distinct label sets serve 400,000 names: they are shared.
    by_code = {chr(_CODE0 + i): frozenset(labs.split()) for i, labs in enumerate(_lines(sets))}
    names = _lines(words)
    if len(names) != len(codes):
        raise ValueError(f"{NAMES_FILE.name}: {len(names)} names but {len(codes)} label codes")
    # Both tables are saved in sorted order: they answer at once, by binary search, until
    # ``Lexicon.settle`` has made them dicts.
    labels = SortedTable(names, codes, by_code.__getitem__)
    words, packed = _read_blocks(data_dir / CLUSTERS_FILE.name, 2)
    try:
        clusters = SortedTable(_lines(words), _lines(packed), int)
    except ValueError as exc:
        raise ValueError(f"{CLUSTERS_FILE.name}: {exc}") from None
    forms, det, low, freq = _columns(data_dir / STATS_FILE.name, 4)
    stats = dict(zip(forms, zip(map(float, det), map(float, low), map(int, freq))))
    phrase_lines = _lines(phrases)
    if len(phrase_lines) != len(phrase_codes):
        raise ValueError(f"{NAMES_FILE.name}: {len(phrase_lines)} phrases but {len(phrase_codes)} label codes")
    if any(c not in by_code for c in set(phrase_codes)):
        raise ValueError(f"{NAMES_FILE.name}: a phrase's label code is not in the table")
    lexicon = Lexicon(labels, stats, Phrases(phrase_lines, phrase_codes, by_code), clusters)
    lexicon.coded = (names, codes, by_code)
    return lexicon


def save_aliases(pairs: Iterable[tuple[str, str]], data_dir: Path = DATA_DIR) -> None:
    _write(data_dir / ALIASES_FILE.name, sorted(pairs))


@cache
def aliases() -> tuple[frozenset[tuple[str, ...]], ...]:
    """Abbreviations and the names they stand for, mined from news by the training command
    ("IWF", "Internationaler Währungsfonds"), as sets of normal forms."""
    from tui.nlp.names import name_key

    if not ALIASES_FILE.is_file():
        return ()
    longs, shorts = _columns(ALIASES_FILE, 2)
    return tuple(frozenset({name_key(a, ""), name_key(b, "")}) for a, b in zip(longs, shorts))


@cache
def word_shares() -> dict[str, tuple[float, float]]:
    """Capitalised word form -> (how often news has it after an article, how often in lower
    case), each 0..1: a word never used as a noun and often written in lower case is an
    adjective or adverb, and capitalised in mid-sentence ("Global 2000") part of a name. Empty
    without the model data."""
    try:
        words, det, low, _ = _columns(STATS_FILE, 4)
    except (OSError, ValueError):
        return {}
    return dict(zip(words, zip(map(float, det), map(float, low))))


@cache
def lexicon() -> Lexicon:
    with _lock:
        try:
            lex = read_lexicon()
        except FileNotFoundError as exc:
            raise ModelMissing(f"entity lexicon missing: {exc.filename}; run python -m tui.nlp.train") from None
        # The lexicon lives as long as the process: keep the cyclic garbage collector from
        # rescanning its half a million containers on every full collection.
        gc.freeze()
        return lex


@cache
def crf_model(model: Path = MODEL_FILE) -> Model:
    """The tagger's weights (``tui.nlp.crf.Model``), read once per process; they are never changed."""
    from tui.nlp.crf import Model, ModelError

    with _lock:
        if not model.is_file():
            raise ModelMissing(f"entity model missing: {model}; run python -m tui.nlp.train")
        try:
            return Model.read(model)
        except ModelError as exc:  # entities are left out, as without a model, and the reason said
            raise ModelMissing(f"entity model unusable: {exc}; run python -m tui.nlp.train") from None
