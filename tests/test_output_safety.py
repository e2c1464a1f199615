"""The output folder under attack or shared: a symlink or a special file planted under any name
ctannot writes is never written through (issue 14, class 1), and two runs never write into one
folder at once (class 2: the folder's lock). Processes are real; nothing is mocked."""

from __future__ import annotations

import functools
import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from conftest import REPO, run_ctannot, start_ctannot
from ctannot.batch import FAILURES_FILE, LINES_FILE, LOCK_FILE
from ctannot.batch.lock import _process_start
from ctannot.batch.records import RECORDS_FILE
from ctannot.formats.writing import NotRegularFile, open_regular, write_atomic

SAMPLES = sorted((REPO / "corpus_samples").glob("*.txt"))
SECRET = "the user's own file, outside the output folder\n"
FORMATS = ["files", "jsonld-lines", "jsonld-lines.gz"]


def corpus(path: Path, n: int) -> Path:
    """``n`` documents of the samples, ``doc-0000``..., and one empty text (a failure)."""
    texts = [p.read_text(encoding="utf-8") for p in SAMPLES]
    lines = [json.dumps({"id": f"doc-{i:04d}", "text": texts[i % len(texts)]}) for i in range(n)]
    lines.append(json.dumps({"id": "empty", "text": " "}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def predictable_names(output_format: str) -> list[str]:
    """Every name in the output folder that an attacker can guess: outputs, the failures, the
    records, a lines file and what resume makes of it, and the temporary names ctannot used to
    give them."""
    lines = LINES_FILE + (".gz" if output_format.endswith(".gz") else "")
    return [
        "doc-0000.jsonld",
        "doc-0001.jsonld",
        ".doc-0000.jsonld.part",
        FAILURES_FILE,
        RECORDS_FILE,
        lines,
        f".{lines}.part",
        f".{lines}.earlier",
    ]


def plant(folder: Path, names: list[str], target: Path) -> None:
    folder.mkdir(exist_ok=True)
    for name in names:
        (folder / name).unlink(missing_ok=True)
        (folder / name).symlink_to(target)


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    path = tmp_path / "secret.txt"
    path.write_text(SECRET, encoding="utf-8")
    return path


@pytest.mark.parametrize("output_format", FORMATS)
@pytest.mark.parametrize("resume", [False, True], ids=["fresh", "resume"])
def test_symlinks_planted_in_the_output_folder_are_never_followed(
    tmp_path: Path, secret: Path, output_format: str, resume: bool
) -> None:
    source = corpus(tmp_path / "corpus.jsonl", 3)
    out = tmp_path / "out"
    if resume:  # a run to resume, then the traps laid in its folder
        run = run_ctannot(
            "annotate", source, "-o", out, "-q", "--workers", "1", "--output-format", output_format
        )
        assert run.returncode == 1, run.stderr  # the empty text
    names = predictable_names(output_format)
    plant(out, names, secret)
    extra = ["--resume"] if resume else []
    run = run_ctannot(
        "annotate", source, "-o", out, "-q", "--workers", "1", "--output-format", output_format, *extra
    )
    assert run.returncode == 1, run.stderr
    assert "Traceback" not in run.stderr
    assert secret.read_text(encoding="utf-8") == SECRET
    written = [FAILURES_FILE, RECORDS_FILE]
    written += ["doc-0000.jsonld", "doc-0001.jsonld"] if output_format == "files" else [names[5]]
    assert all((out / name).is_file() and not (out / name).is_symlink() for name in written)
    assert "empty" in (out / FAILURES_FILE).read_text(encoding="utf-8")


def test_a_fifo_under_an_output_name_neither_blocks_nor_is_written(tmp_path: Path) -> None:
    source = corpus(tmp_path / "corpus.jsonl", 2)
    out = tmp_path / "out"
    run_ctannot("annotate", source, "-o", out, "-q", "--workers", "1", "--output-format", "jsonld-lines")
    for name in (LINES_FILE, RECORDS_FILE, "doc-0000.jsonld"):
        (out / name).unlink(missing_ok=True)
        os.mkfifo(out / name)
    for output_format in ("jsonld-lines", "files"):
        run = run_ctannot(
            "annotate", source, "-o", out, "-q", "--workers", "1", "--resume",
            "--output-format", output_format, timeout=120,
        )  # fmt: skip
        assert run.returncode == 1, run.stderr  # the empty text, and nothing else
        assert "Traceback" not in run.stderr
    assert (out / LINES_FILE).is_file()
    assert (out / "doc-0000.jsonld").is_file()


def test_a_rename_replaces_a_symlink_not_its_target(tmp_path: Path, secret: Path) -> None:
    trap = tmp_path / "out.html"
    trap.symlink_to(secret)
    write_atomic(trap, "<p>page</p>\n")
    assert secret.read_text(encoding="utf-8") == SECRET
    assert not trap.is_symlink()
    assert trap.read_text(encoding="utf-8") == "<p>page</p>\n"
    (tmp_path / "link").symlink_to(secret)
    with pytest.raises(NotRegularFile):
        open_regular(tmp_path / "link")


@pytest.fixture(scope="module")
def annotated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("annotated")
    run = run_ctannot("annotate", "-q", "--workers", "1", SAMPLES[0], SAMPLES[1], "-o", folder / "out")
    assert run.returncode == 0, run.stderr
    return folder / "out"


@pytest.mark.parametrize(
    ("command", "target"),
    [
        (["export", "{out}", "--to", "csv", "-o", "{dest}/corpus.csv"], "corpus.csv"),
        (["export", "{out}", "--to", "parquet", "-o", "{dest}/corpus.parquet"], "corpus.parquet"),
        (["export", "{out}", "--to", "brat", "-o", "{dest}"], "{first}.ann"),
        (["export", "{out}", "--to", "brat", "-o", "{dest}"], "{first}.txt"),
        (["export", "{out}", "--to", "xmi", "-o", "{dest}"], "TypeSystem.xml"),
        (["export", "{out}", "--to", "turtle", "-o", "{dest}"], "{first}.ttl"),
        (["render", "{out}/{first}.jsonld", "-o", "{dest}/page.html"], "page.html"),
        (["report", "{out}", "-o", "{dest}/report.html"], "report.html"),
    ],
)
def test_export_render_and_report_never_write_through_a_symlink(
    annotated: Path, tmp_path: Path, secret: Path, command: list[str], target: str
) -> None:
    dest = tmp_path / "dest"
    dest.mkdir()
    first = SAMPLES[0].stem
    (dest / target.format(first=first)).symlink_to(secret)
    args = [part.format(out=annotated, dest=dest, first=first) for part in command]
    run = run_ctannot(*args)
    assert run.returncode == 0, run.stderr
    assert secret.read_text(encoding="utf-8") == SECRET
    assert not (dest / target.format(first=first)).is_symlink()


# -- the lock of the output folder ---------------------------------------------------------------


def start(source: Path, out: Path, *extra: str) -> subprocess.Popen[str]:
    return start_ctannot("annotate", source, "-o", out, "-q", "--workers", "2", *extra)


def wait_until(condition: Callable[[], Any], what: str, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.02)


@pytest.mark.parametrize("output_format", FORMATS)
def test_a_second_run_into_a_folder_in_use_stops_at_once(tmp_path: Path, output_format: str) -> None:
    """Six runs (each output format, with and without --resume) started into the folder of a
    run going on all stop with the lock's name and holder; the first run ends whole."""
    source = corpus(tmp_path / "corpus.jsonl", 1000)
    out = tmp_path / "out"
    first = start(source, out, "--output-format", output_format)
    try:
        wait_until(lambda: (out / LOCK_FILE).exists() or first.poll() is not None, "the first run's lock")
        seconds = [
            start(source, out, "--output-format", other_format, *extra)
            for extra in ([], ["--resume"])
            for other_format in FORMATS
        ]
        for second in seconds:
            _, error = second.communicate(timeout=300)
            assert second.returncode == 2, error
            assert str(out / LOCK_FILE) in error
            assert f"held by pid {first.pid} on host {socket.gethostname()}" in error
            assert "Traceback" not in error
        assert first.poll() is None, "the first run ended before the others started: more documents"
        _, stderr = first.communicate(timeout=600)
    finally:
        if first.poll() is None:
            first.kill()
    assert first.returncode == 1, stderr  # the empty text only: the other runs touched nothing
    assert "1000 annotated, 1 failed" in stderr
    assert "empty" in (out / FAILURES_FILE).read_text(encoding="utf-8")
    assert not (out / LOCK_FILE).exists()


def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_a_stale_lock_of_a_dead_run_is_taken_over_with_a_warning(tmp_path: Path) -> None:
    source = corpus(tmp_path / "corpus.jsonl", 2)
    out = tmp_path / "out"
    out.mkdir()
    pid = dead_pid()
    (out / LOCK_FILE).write_text(json.dumps({"pid": pid, "host": socket.gethostname()}), encoding="utf-8")
    run = run_ctannot("annotate", source, "-o", out, "-q", "--workers", "1", "--resume")
    assert run.returncode == 1, run.stderr  # the empty text
    assert f"warning: took over the stale lock {out / LOCK_FILE}: pid {pid}" in run.stderr
    assert "2 annotated" in run.stderr
    assert not (out / LOCK_FILE).exists()


@pytest.mark.skipif(
    _process_start(os.getpid()) is None, reason="this system does not tell when a process started"
)
def test_a_lock_whose_pid_is_now_another_process_is_taken_over(tmp_path: Path) -> None:
    """The pid of a run killed long ago, reused by a live process (this one, started after the
    lock's recorded start): the lock is stale."""
    source = corpus(tmp_path / "corpus.jsonl", 2)
    out = tmp_path / "out"
    out.mkdir()
    started = _process_start(os.getpid())
    assert started is not None
    lock = {"pid": os.getpid(), "host": socket.gethostname(), "process_start": started - 3600}
    (out / LOCK_FILE).write_text(json.dumps(lock), encoding="utf-8")
    run = run_ctannot("annotate", source, "-o", out, "-q", "--workers", "1")
    assert run.returncode == 1, run.stderr  # the empty text
    assert f"pid {os.getpid()} on this host is now another process, started after the lock" in run.stderr
    assert not (out / LOCK_FILE).exists()


@pytest.mark.parametrize(
    "lock",
    [
        {"pid": 1, "host": "elsewhere.example"},  # another host's pid means nothing here
        {"pid": os.getpid(), "host": socket.gethostname()},  # alive
        # alive, and the very process that took it
        {"pid": os.getpid(), "host": socket.gethostname(), "process_start": _process_start(os.getpid())},
    ],
    ids=["other-host", "alive", "alive-same-process"],
)
def test_a_live_or_foreign_lock_is_respected(tmp_path: Path, lock: dict[str, Any]) -> None:
    source = corpus(tmp_path / "corpus.jsonl", 2)
    out = tmp_path / "out"
    out.mkdir()
    (out / LOCK_FILE).write_text(json.dumps(lock), encoding="utf-8")
    run = run_ctannot("annotate", source, "-o", out, "-q", "--workers", "1")
    assert run.returncode == 2, run.stderr
    assert f"held by pid {lock['pid']} on host {lock['host']}" in run.stderr
    assert sorted(os.listdir(out)) == [LOCK_FILE]  # nothing touched


def test_a_symlink_as_the_lock_is_refused(tmp_path: Path, secret: Path) -> None:
    source = corpus(tmp_path / "corpus.jsonl", 2)
    out = tmp_path / "out"
    out.mkdir()
    (out / LOCK_FILE).symlink_to(secret)
    run = run_ctannot("annotate", source, "-o", out, "-q", "--workers", "1")
    assert run.returncode == 2, run.stderr
    assert "not a lock file" in run.stderr
    assert secret.read_text(encoding="utf-8") == SECRET


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_the_lock_is_released_when_the_run_is_stopped(tmp_path: Path, sig: signal.Signals) -> None:
    source = corpus(tmp_path / "corpus.jsonl", 400)
    out = tmp_path / "out"
    run = start(source, out)
    wait_until(lambda: any(out.glob("*.jsonld")) or run.poll() is not None, "a first output")
    run.send_signal(sig)
    stderr = ended(run)
    assert run.returncode == (130 if sig == signal.SIGINT else 143), stderr
    assert not (out / LOCK_FILE).exists()


@pytest.mark.slow  # 30 runs: the soak session's
def test_a_run_stopped_as_its_first_outputs_land_always_ends(tmp_path: Path) -> None:
    """Ctrl-C as the first results come back from the workers, many times over: no run hangs
    (a worker killed halfway through sending its result once left the pool waiting forever)."""
    source = corpus(tmp_path / "corpus.jsonl", 400)
    for attempt in range(30):
        out = tmp_path / f"out-{attempt}"
        run = start(source, out)
        wait_until(functools.partial(first_output_or_end, out, run), "a first output")
        time.sleep(attempt % 5 * 0.01)
        run.send_signal(signal.SIGINT)
        stderr = ended(run)
        assert run.returncode in (0, 130), stderr
        assert "Traceback" not in stderr
        assert not (out / LOCK_FILE).exists()


def first_output_or_end(out: Path, run: subprocess.Popen[str]) -> bool:
    return any(out.glob("*.jsonld")) or run.poll() is not None


def ended(run: subprocess.Popen[str], timeout: float = 120) -> str:
    """The standard error of ``run`` once it ends; killed, and the test failed, if it does not."""
    try:
        return run.communicate(timeout=timeout)[1]
    except subprocess.TimeoutExpired:
        run.kill()
        run.communicate()
        pytest.fail(f"the run did not end within {timeout} s of the signal")
