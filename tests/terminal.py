"""Chronik on a pseudo-terminal, driven by keys, with every byte it writes kept.

``Terminal`` runs ``python -m tui ...`` as a real terminal program would run (a pty of a given
size, ``TERM=xterm-256color``), so what it records is exactly what a user's terminal receives.
``control_sequences`` splits that stream into the escape sequences a terminal would obey.
"""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import signal
import struct
import sys
import termios
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

KEYS = {
    "enter": "\r",
    "escape": "\x1b",
    "tab": "\t",
    "space": " ",
    "up": "\x1b[A",
    "down": "\x1b[B",
    "pagedown": "\x1b[6~",
    "pageup": "\x1b[5~",
    "home": "\x1b[H",
    "end": "\x1b[F",
    "backspace": "\x7f",
}

# ESC-introduced sequences as a VT/xterm parser sees them: CSI, OSC/DCS/APC/PM/SOS strings (ended
# by BEL or ST), and two-character escapes; then single C1 controls as UTF-8 code points.
SEQUENCE = re.compile(
    rb"\x1b\[[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]"
    rb"|\x1b[\]P^_X][^\x07\x1b]*(?:\x07|\x1b\\)?"
    rb"|\x1b[\x20-\x2f]*[\x30-\x7e]"
    rb"|\x1b"
    rb"|\xc2[\x80-\x9f]"
)


class Terminal:
    def __init__(
        self,
        args: list[str],
        *,
        size: tuple[int, int] = (120, 40),
        env: dict[str, str] | None = None,
        cwd: Path | None = None,
    ) -> None:
        self.size = size
        self.output = bytearray()
        self._lock = threading.Lock()
        environment = dict(os.environ, TERM="xterm-256color", COLUMNS=str(size[0]), LINES=str(size[1]))
        environment.pop("NO_COLOR", None)
        environment.update(env or {})
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child: Chronik on the terminal
            try:
                if cwd is not None:
                    os.chdir(cwd)
                os.execvpe(
                    sys.executable, [sys.executable, "-m", "tui", *args], dict(environment, PYTHONPATH=str(ROOT))
                )
            finally:
                os._exit(127)
        self.resize(*size)
        self.exit_status: int | None = None
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        while True:
            try:
                ready, _, _ = select.select([self.fd], [], [], 0.2)
                if not ready:
                    if self._exited():
                        return
                    continue
                chunk = os.read(self.fd, 65536)
            except OSError:
                return
            if not chunk:
                return
            with self._lock:
                self.output.extend(chunk)

    def _exited(self) -> bool:
        if self.exit_status is None:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.exit_status = os.waitstatus_to_exitcode(status)
        return self.exit_status is not None

    @property
    def running(self) -> bool:
        return not self._exited()

    def text(self) -> str:
        with self._lock:
            return bytes(self.output).decode("utf-8", "replace")

    def resize(self, columns: int, lines: int) -> None:
        self.size = (columns, lines)
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", lines, columns, 0, 0))
        if self.pid:
            try:
                os.kill(self.pid, signal.SIGWINCH)
            except ProcessLookupError:
                pass

    def wait_for(self, needle: str, timeout: float = 120.0, start: int = 0) -> None:
        """Until ``needle`` appears in what was written after byte ``start``."""
        deadline = time.monotonic() + timeout
        data = needle.encode()
        while time.monotonic() < deadline:
            with self._lock:
                if data in self.output[start:]:
                    return
            if not self.running:
                raise AssertionError(
                    f"chronik exited ({self.exit_status}) before showing {needle!r}:\n{self.text()[-2000:]}"
                )
            time.sleep(0.05)
        raise AssertionError(f"{needle!r} not shown within {timeout} s:\n{self.text()[-2000:]}")

    def quiet(self, seconds: float = 0.3, timeout: float = 30.0) -> None:
        """Until nothing has been written for ``seconds`` (the screen has settled)."""
        deadline = time.monotonic() + timeout
        seen = -1
        while time.monotonic() < deadline:
            with self._lock:
                n = len(self.output)
            if n == seen:
                return
            seen = n
            time.sleep(seconds)

    def press(self, *keys: str, pause: float = 0.05) -> None:
        """Type keys: names from ``KEYS`` or literal text; Escape is followed by a pause, so it is
        not read as the start of an Alt+key."""
        for key in keys:
            if not self.running:
                raise AssertionError(f"chronik exited ({self.exit_status}) while typing:\n{self.text()[-2000:]}")
            os.write(self.fd, KEYS.get(key, key).encode())
            time.sleep(0.15 if key == "escape" else pause)
            if key == "escape":  # a busy app would read Escape and the next key at once, as Alt+key
                self.quiet(0.15, timeout=10)

    def close(self, timeout: float = 60.0) -> int | None:
        """Quit with ``q`` (killing it if it does not go) and return its exit status."""
        if self.running:
            self.press("escape", "escape")
            os.write(self.fd, b"q")
        deadline = time.monotonic() + timeout
        while self.running and time.monotonic() < deadline:
            time.sleep(0.05)
        if self.running:
            os.kill(self.pid, signal.SIGKILL)
            time.sleep(0.2)
            self._exited()
        self._reader.join(timeout=2)
        os.close(self.fd)
        return self.exit_status


def control_sequences(data: bytes) -> list[bytes]:
    return SEQUENCE.findall(data)
