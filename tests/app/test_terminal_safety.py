"""Nothing in a corpus reaches the terminal as a control sequence: the app on a pseudo-terminal
and the CLI's plain and JSON outputs, over the hostile corpus (tests/hostile_corpus.py)."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from tests.hostile_corpus import ALL_MARKERS, write_hostile_corpus
from tests.terminal import ROOT, Terminal, control_sequences

# What Chronik (through Textual) itself sends: colours (SGR), cursor positions, private modes and
# their queries, the kitty keyboard protocol, the mouse pointer's shape (OSC 22) and, on `y`, the
# clipboard as base64 (OSC 52). Nothing else may appear.
ALLOWED = re.compile(
    rb"\x1b\[(?:[0-9;:]*m|(?P<row>[0-9]+);(?P<col>[0-9]+)H|\?[0-9;]+[hl]|\?[0-9]+\$p|>[0-9]+u|<u)\Z"
    rb"|\x1b\](?:22;[a-z-]+|52;c;[A-Za-z0-9+/=]*)(?:\x07|\x1b\\)\Z"
)
UNSAFE_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
OWN_BELL = "U+0007"  # the reader rings when there is no further mark; a file's BELs are markers


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    cases = write_hostile_corpus(folder)
    return folder, cases


def assert_clean(output: bytes, size: tuple[int, int]) -> None:
    """Every control sequence in ``output`` is one Chronik sends itself; no marker of a hostile
    file is in it; and the text between the sequences has no control or bidi characters."""
    for marker in ALL_MARKERS:
        assert marker not in output, marker
    foreign = []
    for seq in set(control_sequences(output)):
        m = ALLOWED.match(seq)
        if m is None:
            foreign.append(seq)
        elif m.group("row"):
            assert int(m.group("row")) <= size[1] and int(m.group("col")) <= size[0], seq
    assert not foreign, foreign[:10]
    text = re.sub(rb"\x1b\[[^a-zA-Z]*[a-zA-Z]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)", b"", output).decode(
        "utf-8", "replace"
    )
    bad = sorted({f"U+{ord(c):04X}" for c in UNSAFE_TEXT.findall(text)} - {"U+000A", "U+000D", OWN_BELL})
    assert not bad, bad


@pytest.mark.slow
def test_no_escape_from_a_hostile_corpus_reaches_the_terminal(hostile, tmp_path):
    folder, cases = hostile
    size = (120, 40)
    term = Terminal(
        [str(folder)],
        size=size,
        env={"XDG_CACHE_HOME": str(tmp_path / "cache"), "XDG_CONFIG_HOME": str(tmp_path / "config")},
    )
    try:
        term.wait_for("timeline entries")
        term.quiet()
        n = 21  # articles loaded from the hostile corpus (the rest are reported)
        for _ in range(n):  # open every article, scroll it to the end, walk its marks, unfold it
            term.press("enter", "space", "space", "G", "e", "e", "d", "n", "x", "g", "escape", "j")
        term.quiet()
        term.press("/", *"Putin", "enter")
        term.quiet()
        term.press("enter", "space", "escape")
        term.press("/", *'[bold] "[@click=app.quit]"', "enter")
        term.quiet()
        term.press("/", "escape")
        term.press("F", *"Put", "enter")  # the filter palette: a name from the corpus
        term.quiet()
        term.press("c", "t", "j", "j", "j", "enter", "escape")
        term.press("t", "R")
        term.quiet()
        term.press("escape", "?")
        term.quiet()
        term.press("escape")
        for columns, lines in ((40, 12), (200, 60), (120, 40)):
            term.resize(columns, lines)
            term.quiet()
        assert term.running  # no file quit the app ([@click=app.quit] stays text)
    finally:
        status = term.close()
    assert status == 0, term.text()[-3000:]
    assert "Traceback" not in term.text()
    assert_clean(bytes(term.output), (200, 60))


def chronik(*args: str, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "tui", *args],
        cwd=cwd or ROOT,
        capture_output=True,
        timeout=600,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"},
    )


@pytest.mark.slow
@pytest.mark.parametrize(
    "command",
    [
        ["timeline"],
        ["search", "Putin"],
        ["search", "[bold] OR Kreml"],
        ["--list"],
        ["search", "Putin", "/no/such/folder"],
        ["search", "person:"],
    ],
)
def test_cli_plain_output_and_messages_carry_no_control_sequences(hostile, command, tmp_path):
    folder, _ = hostile
    args = [*command] if "/no/such/folder" in command else [*command, str(folder)]
    done = chronik(*args, "--no-cache") if command[0] != "--list" else chronik(str(folder), "--list")
    for stream in (done.stdout, done.stderr):
        assert_clean(stream, (10_000, 10_000))
        assert not [s for s in control_sequences(stream)], control_sequences(stream)[:5]
    assert "Traceback" not in done.stderr.decode("utf-8", "replace")


@pytest.mark.slow
@pytest.mark.parametrize("command", [["timeline", "--json"], ["search", "Putin", "--json"], ["extract"]])
def test_cli_json_is_valid_whatever_the_input_with_controls_escaped(hostile, command):
    folder, _ = hostile
    done = chronik(*command, str(folder), *(["--no-cache"] if command[0] != "extract" else []))
    lines = done.stdout.decode("utf-8").splitlines()
    assert lines
    for line in lines:
        json.loads(line)
        assert not UNSAFE_TEXT.search(line), line[:200]
    assert_clean(done.stdout, (10_000, 10_000))
    assert_clean(done.stderr, (10_000, 10_000))
