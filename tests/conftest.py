"""Shared fixtures: the repository, the optional ../shared folder, a registry, the pipeline, and
the toy Stanza models (built from ../shared/ud by tools/stanza_models.py, cached outside the
repository)."""

from __future__ import annotations

import contextlib
import importlib.util
import os
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings
from hypothesis.configuration import set_hypothesis_home_dir

import ctannot
from ctannot.pipeline import Pipeline
from ctannot.registry import Registry

REPO = Path(__file__).resolve().parents[1]
"""The repository root (the folder holding pyproject.toml)."""

SHARED = Path(os.environ.get("CTANNOT_SHARED") or REPO.parent / "shared")
"""Data shared beside the repository (dev texts, gold, scorer, W3C checker, UD samples); may be
absent. ``$CTANNOT_SHARED`` points elsewhere (a git worktree is not beside it)."""

# Hypothesis's caches in the temporary folder: the suite writes nothing into the repository.
set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "ctannot-tests-hypothesis")
# The profiles (HYPOTHESIS_PROFILE picks one; "ci" unless it says otherwise, so that a developer's
# red or green is CI's). A test's own @settings (its max_examples, its deadline) win over these.
# - ci: the same examples on every run (derandomized), no example database, bounded; a failure
#   prints the blob that reproduces it (@reproduce_failure), to be kept as an explicit @example.
# - dev: new random examples each run, remembered in the example database (in the temporary
#   folder) so that a failure found once is tried first next time.
# - soak: as dev, with SOAK times the examples of the tests that ask for examples(n), and no
#   deadline (nox -s soak).
SOAK = 20
settings.register_profile(
    "ci", database=None, derandomize=True, max_examples=100, deadline=timedelta(seconds=5), print_blob=True
)
settings.register_profile("dev", max_examples=100, deadline=timedelta(seconds=5), print_blob=True)
settings.register_profile("soak", max_examples=100 * SOAK, deadline=None, print_blob=True)
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "ci")
settings.load_profile(PROFILE)


# A test runner started in the background by a script (`pytest &`) inherits Ctrl-C ignored, and
# so would every ctannot the tests start: the tests of Ctrl-C want it as a terminal delivers it.
if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)


def examples(n: int) -> int:
    """``n`` examples for a search worth running longer when soaking: SOAK times as many then."""
    return n * SOAK if PROFILE == "soak" else n


@contextlib.contextmanager
def loopback_cluster(timeout: float, workers: int = 2) -> Iterator[tuple[Any, Any]]:
    """A real dask.distributed LocalCluster on loopback, ``workers`` worker processes of one
    thread each (restarted by their nanny if they die), and a client that has waited for them:
    for the tests of ``--executor dask``. The dashboard takes any free port, never 8787, which may
    be taken. Workers inherit the environment as it is when this is entered."""
    from distributed import Client, LocalCluster

    with (
        LocalCluster(  # type: ignore[no-untyped-call]
            host="127.0.0.1",
            n_workers=workers,
            processes=True,
            threads_per_worker=1,
            dashboard_address="127.0.0.1:0",
        ) as cluster,
        Client(cluster) as client,  # type: ignore[no-untyped-call]
    ):
        if workers:
            client.wait_for_workers(workers, timeout=timeout)
        yield cluster, client


def shared_path(*parts: str) -> Path:
    """A path inside ../shared, or skip the calling test, saying what is missing."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent: the shared folder beside the repository is not available")
    return path


def _load_models_builder() -> Any:
    """tools/stanza_models.py as a module (tools/ is not a package)."""
    spec = importlib.util.spec_from_file_location("stanza_models", REPO / "tools" / "stanza_models.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("stanza_models", module)  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def stanza_toy_models() -> Path:
    """The Stanza resources folder of the toy French and English models (tools/stanza_models.py).

    A finished build in the cache is reused; otherwise this builds it (minutes, once per machine
    and builder version; xdist workers wait for the one that builds). Skipped only when
    ../shared/ud is absent; a failed build skips too, except in CI (``CI=true``), where it fails:
    there, a Stanza test skipped for want of models would hide that the real path never ran.
    """
    ud = SHARED / "ud"
    if not ud.is_dir():
        pytest.skip(f"{ud} is absent: the toy Stanza models are built from its UD samples")
    builder = _load_models_builder()
    try:
        return Path(builder.build(("fr", "en"), ud))
    except builder.BuildError as exc:
        message = f"the toy Stanza models could not be built (tools/stanza_models.py): {exc}"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture(scope="session")
def registry() -> Registry:
    """The built-in plugins only: installed third-party plugins must not change these tests."""
    return ctannot.load_registry(load_entrypoints=False)


@pytest.fixture(scope="session")
def pipeline(registry: Registry) -> Pipeline:
    """The built-in ``rules`` pipeline, set up once."""
    p = ctannot.load_pipeline("rules", registry=registry)
    p.setup()
    return p


def install_plugin(target: Path, name: str) -> Path:
    """Install ``plugins/<name>`` with pip into ``target``, as a user would install it (no deps)."""
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--target",
            str(target),
            str(REPO / "plugins" / name),
        ],
        check=True,
    )
    return target


def start_ctannot(*args: str | Path, **options: Any) -> subprocess.Popen[str]:
    """``python -m ctannot ARGS`` started in a subprocess and left running: its standard error
    piped as text, its standard output discarded (``options`` go to :class:`subprocess.Popen`)."""
    return subprocess.Popen(
        [sys.executable, "-m", "ctannot", *map(str, args)],
        **{"stdout": subprocess.DEVNULL, "stderr": subprocess.PIPE, "text": True, **options},
    )


def run_ctannot(
    *args: str | Path,
    cwd: Path | None = None,
    site: Path | None = None,
    env: dict[str, str] | None = None,
    **options: Any,
) -> subprocess.CompletedProcess[str]:
    """``python -m ctannot ARGS`` in a subprocess, its output captured as text.

    ``site`` is put first on the subprocess's path (where :func:`install_plugin` put plugins),
    ``env`` adds variables to the environment, and ``options`` go to :func:`subprocess.run`.
    """
    run_env = {**os.environ, **(env or {})}
    if site is not None:
        run_env["PYTHONPATH"] = os.pathsep.join([str(site), os.environ.get("PYTHONPATH", "")])
    return subprocess.run(
        [sys.executable, "-m", "ctannot", *map(str, args)],
        capture_output=True,
        text=True,
        env=run_env,
        cwd=cwd,
        check=False,
        **options,
    )
