"""Stopping a run from outside (issue 14, class 8): SIGTERM to ``annotate --workers N`` stops it
as Ctrl-C does, with no process of the run left behind, and ``--resume`` finishes it; a Dask
scheduler lost mid-run is told as such, with exit code 1 and the ``--resume`` hint. Processes,
signals and the cluster are real; waits are bounded polls, never fixed sleeps."""

from __future__ import annotations

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
from ctannot.batch import LOCK_FILE

psutil = pytest.importorskip("psutil", reason="psutil finds the processes of the run")

SAMPLES = sorted((REPO / "corpus_samples").glob("*.txt"))
TIMEOUT = 120.0


def wait_until(condition: Callable[[], Any], what: str, timeout: float = TIMEOUT) -> Any:
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout:g} s waiting for {what}")
        time.sleep(0.05)


def write_corpus(path: Path, n: int) -> Path:
    texts = [p.read_text(encoding="utf-8") for p in SAMPLES]
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            out.write(json.dumps({"id": f"doc-{i:04d}", "text": texts[i % len(texts)]}) + "\n")
    return path


def descendants(pid: int) -> list[Any]:
    try:
        return list(psutil.Process(pid).children(recursive=True))
    except psutil.NoSuchProcess:
        return []


def stopped_by_sigterm(arguments: list[str], ready: Callable[[], bool], what: str, workers: int = 0) -> str:
    """Start ``ctannot ARGUMENTS``, send it SIGTERM once ``ready()`` (and its ``workers`` are up),
    check that it stopped as SIGTERM asks (exit 143, no traceback, no process of its left) and
    return its standard error."""
    run = start_ctannot(*arguments)
    try:
        if workers:  # and the resource tracker, once the workers have sent results back
            wait_until(lambda: len(descendants(run.pid)) > workers or run.poll() is not None, "the workers")
        wait_until(lambda: ready() or run.poll() is not None, what)
        children = descendants(run.pid)
        assert run.poll() is None, "the run ended before it was stopped: more input"
        assert len(children) >= workers, children
        run.send_signal(signal.SIGTERM)
        _, stderr = run.communicate(timeout=TIMEOUT)
    finally:
        if run.poll() is None:
            run.kill()
    assert run.returncode == 143, stderr
    assert "terminated (SIGTERM)" in stderr
    assert "Traceback" not in stderr
    _, alive = psutil.wait_procs(children, timeout=TIMEOUT)
    assert alive == [], f"left behind: {[(p.pid, p.cmdline()) for p in alive]}"
    return stderr


def test_sigterm_stops_a_partitioned_run_which_resume_finishes(tmp_path: Path) -> None:
    """A partitioned run on local workers, stopped by SIGTERM once a partition is committed:
    exit 143, the partitions begun left uncommitted, no process left, and resume does the rest."""
    inputs = tmp_path / "in"
    inputs.mkdir()
    for part in range(12):
        write_corpus(inputs / f"news-{part:02d}.jsonl", 150)
    out = tmp_path / "out"
    arguments = ["annotate", str(inputs), "--glob", "*.jsonl", "-o", str(out), "-q", "--partitioned"]
    arguments += ["--workers", "2"]
    stderr = stopped_by_sigterm(arguments, lambda: any(out.glob("part-*.done.json")), "a partition")
    assert "the partitions written are complete, and `--resume` does the rest" in stderr
    committed = len(list(out.glob("part-*.done.json")))
    assert committed < 12, "every partition was committed: the signal proved nothing"
    resumed = run_ctannot(*arguments, "--resume")
    assert resumed.returncode == 0, resumed.stderr
    assert f"ctannot: 12 partitions: {(12 - committed) * 150} annotated" in resumed.stderr


@pytest.mark.parametrize("output_format", ["files", "jsonld-lines.gz"])
def test_sigterm_stops_a_worker_run_with_no_process_left(tmp_path: Path, output_format: str) -> None:
    source = write_corpus(tmp_path / "corpus.jsonl", 1000)
    out = tmp_path / "out"
    arguments = ["annotate", str(source), "-o", str(out), "-q", "--workers", "2"]
    arguments += ["--output-format", output_format]

    def written() -> bool:
        records = out / ".ctannot.records"
        return records.exists() and records.stat().st_size > 0

    stderr = stopped_by_sigterm(arguments, written, "a first output", workers=2)
    assert "`--resume` does the rest" in stderr
    assert not (out / LOCK_FILE).exists()
    resumed = run_ctannot(*arguments, "--resume")
    assert resumed.returncode == 0, resumed.stderr
    assert "already done" in resumed.stderr
    fresh = run_ctannot(*arguments[:3], str(tmp_path / "fresh"), *arguments[4:])
    assert fresh.returncode == 0, fresh.stderr
    for name in ("annotations.jsonld.jsonl.gz", "doc-0000.jsonld", "doc-0999.jsonld"):
        if (out / name).exists():
            assert (out / name).read_bytes() == (tmp_path / "fresh" / name).read_bytes()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def test_a_lost_dask_scheduler_is_told_with_the_resume_hint(tmp_path: Path) -> None:
    pytest.importorskip("distributed", reason="the Dask executor needs dask.distributed")
    source = write_corpus(tmp_path / "corpus.jsonl", 3000)
    out = tmp_path / "out"
    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    # the client gives up reconnecting after this, rather than 30 s
    env = {**os.environ, "DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "3s"}
    scheduler = subprocess.Popen(
        [sys.executable, "-c", "from distributed.cli.dask_scheduler import main; main()",
         "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
    )  # fmt: skip
    worker = subprocess.Popen(
        [sys.executable, "-c", "from distributed.cli.dask_worker import main; main()", address,
         "--nworkers", "1", "--nthreads", "1", "--no-dashboard"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
    )  # fmt: skip
    run = None
    try:
        command = [sys.executable, "-m", "ctannot", "annotate", str(source), "-o", str(out), "-q"]
        command += ["--executor", "dask", "--scheduler", address, "--batch-size", "4"]
        run = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env)
        wait_until(lambda: any(out.glob("*.jsonld")) or run.poll() is not None, "a first output")
        assert run.poll() is None, run.communicate()[1]
        scheduler.kill()
        _, stderr = run.communicate(timeout=TIMEOUT)
    finally:
        for process in (run, worker, scheduler):
            if process is not None and process.poll() is None:
                process.kill()
                process.wait()
    assert run.returncode == 1, stderr
    assert f"the run stopped: lost the Dask scheduler at {address}" in stderr
    assert "`--resume` does the rest" in stderr
    assert "Traceback" not in stderr
    assert "cannot write" not in stderr
