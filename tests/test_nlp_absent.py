"""``--pipeline rules+nlp`` where Stanza is not installed: the run stops once, before any
document, with the install hint and the usage exit code (it used to fail every document with a
``ModuleNotFoundError``). Absence is simulated in a subprocess, two ways: ``sys.modules`` holding
None for ``stanza`` (what an import of it then meets), and a ``stanza`` package that cannot be
imported (found on the path, failing at import, as a broken install does), in worker processes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import REPO, run_ctannot

HINT = "ctannot: error: Stanza is not installed: pip install 'ctannot[stanza]'\n"


def test_stanza_absent_stops_the_run_once_before_any_output(tmp_path: Path) -> None:
    out = tmp_path / "out"
    code = (
        "import sys; sys.modules['stanza'] = None\n"
        "from ctannot.cli import main\n"
        f"raise SystemExit(main(['annotate', {str(REPO / 'corpus_samples')!r}, '-o', {str(out)!r}, "
        "'--pipeline', 'rules+nlp', '-q']))"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert run.returncode == 2
    assert run.stderr == HINT
    assert not out.exists()


def test_stanza_that_cannot_be_imported_stops_the_workers_once(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "stanza").mkdir(parents=True)
    (site / "stanza" / "__init__.py").write_text(
        "raise ModuleNotFoundError(\"No module named 'stanza'\", name='stanza')\n", encoding="utf-8"
    )
    out = tmp_path / "out"
    run = run_ctannot(
        "annotate", REPO / "corpus_samples", "-o", out, "--pipeline", "rules+nlp", "-q", "--workers", "2",
        site=site,
    )  # fmt: skip
    assert run.returncode == 2
    assert run.stderr == HINT
    assert not (out / "failures.jsonl").exists()
    assert not list(out.glob("*.jsonld"))
