"""The lint rules of pyproject.toml's [tool.ruff] hold on the whole tree: no undefined or unused
names, no syntax errors, tidy whitespace and import order; and the tree is formatted as
``ruff format`` writes it."""

import subprocess
import sys

from tests.conftest import ROOT


def test_the_tree_passes_the_lint_rules():
    out = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--no-cache", "tui", "tests", "bench"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stdout + out.stderr


def test_the_tree_is_formatted():
    out = subprocess.run(
        [sys.executable, "-m", "ruff", "format", "--check", "--no-cache", "tui", "tests", "bench"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stdout + out.stderr
