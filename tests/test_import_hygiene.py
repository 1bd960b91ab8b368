"""The core never imports the UI toolkit: scripts and the CLI start without it."""

import subprocess
import sys

from tests.conftest import ROOT


def test_core_packages_do_not_import_textual_or_rich():
    code = (
        "import sys, tui.corpus, tui.nlp, tui.index, tui.index.library, tui.cli\n"
        "from tui.corpus import load_corpus\n"
        "load_corpus(['seeds'])\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_the_layers_hold_as_import_linter_contracts():
    # pyproject.toml's [tool.importlinter]: app above index above nlp above corpus, and no
    # Textual or Rich below the app, imports inside functions included.
    code = "from importlinter.cli import lint_imports; raise SystemExit(lint_imports(no_cache=True, no_logo=True))"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "2 kept, 0 broken" in out.stdout
