"""Batch annotation on a real dask.distributed cluster: a LocalCluster of two worker processes on
loopback gives, file for file, what one process gives, with the same accounting and resume, and
still the whole output when a worker is killed mid-run."""

from __future__ import annotations

import itertools
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import attrs
import pytest

pytest.importorskip("distributed", reason="the Dask executor needs dask.distributed (ctannot[dask])")

from distributed import Client, LocalCluster

from conftest import REPO, loopback_cluster, run_ctannot
from ctannot import batch
from ctannot.batch import FAILURES_FILE, LINES_FILE, Outcome, Summary, annotate_corpus
from ctannot.batch.records import RECORDS_FILE
from ctannot.formats.inputs import iter_inputs
from ctannot.formats.web_annotation import loads

COPIES = 50  # of each sample text: 12 samples make 600 documents, a few seconds of work
BATCH = 4  # small chunks: many tasks, so that a killed worker surely had some
TIMEOUT = 60.0  # seconds any condition may take before the test fails


def wait_until(condition: Callable[[], Any], what: str, timeout: float = TIMEOUT) -> Any:
    """Poll ``condition`` until it gives something true; fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            value = condition()
        except Exception:  # a worker going away answers with an error for a while
            value = None
        if value:
            return value
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout:g} s waiting for {what}")
        time.sleep(0.05)


def outputs(folder: Path) -> dict[str, bytes]:
    """The output files of a folder, by name, with their bytes (failures.jsonl and the records
    of the run aside)."""
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.name not in (FAILURES_FILE, RECORDS_FILE)}


def assert_same_output(out: Path, expected: Path) -> None:
    got, want = outputs(out), outputs(expected)
    assert sorted(got) == sorted(want)  # no file missing, none extra (no .part leftovers)
    different = [name for name in want if got[name] != want[name]]
    assert not different, f"{len(different)} files differ from the single-process output: {different[:5]}"


def timeless(summary: Summary) -> Summary:
    return attrs.evolve(summary, seconds=0.0)


# -- fixtures ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """600 .txt documents: the corpus samples, each copied under distinct ids, with a varied line."""
    samples = sorted((REPO / "corpus_samples").glob("*.txt"))
    assert samples, "corpus_samples/*.txt are missing"
    folder = tmp_path_factory.mktemp("corpus")
    for copy in range(COPIES):
        for sample in samples:
            doc_id = f"{sample.stem}-{copy:02d}"
            text = sample.read_text(encoding="utf-8")
            (folder / f"{doc_id}.txt").write_text(f"{text}\n[{doc_id}]\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def reference(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The corpus annotated in this process: what every Dask run must give, byte for byte."""
    out = tmp_path_factory.mktemp("reference")
    summary = annotate_corpus(iter_inputs([corpus]), out, batch_size=BATCH)
    assert (summary.annotated, summary.failed) == (COPIES * 12, 0)
    return out


@pytest.fixture(scope="module")
def cluster_and_client() -> Iterator[tuple[LocalCluster, Client]]:
    with loopback_cluster(TIMEOUT) as both:
        yield both


@pytest.fixture(scope="module")
def cluster(cluster_and_client: tuple[LocalCluster, Client]) -> LocalCluster:
    return cluster_and_client[0]


@pytest.fixture(scope="module")
def client(cluster_and_client: tuple[LocalCluster, Client]) -> Client:
    return cluster_and_client[1]


@pytest.fixture(scope="module", autouse=True)
def unreachable_run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[subprocess.Popen[str]]:
    """``ctannot annotate --executor dask`` against a port where no scheduler listens.

    The client gives up after its connection timeout (30 s): the run starts with the module and
    is checked by the last test, so that the wait overlaps the other tests instead of adding to
    them. The port is held by a socket bound but not listening: connections to it are refused.
    """
    folder = tmp_path_factory.mktemp("unreachable")
    (folder / "one.txt").write_text("Le Forum mondial s'est réuni à Rabat.\n", encoding="utf-8")
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
        command = [sys.executable, "-m", "ctannot", "annotate", folder, "-o", folder / "out", "-q"]
        command += ["--executor", "dask", "--scheduler", f"tcp://127.0.0.1:{port}"]
        with subprocess.Popen(
            list(map(str, command)), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        ) as process:
            try:
                yield process
            finally:
                if process.poll() is None:
                    process.kill()
                process.communicate()


# -- tests ---------------------------------------------------------------------------------------


def test_output_equals_single_process_and_pipeline_loads_once_per_worker(
    client: Client, corpus: Path, reference: Path, tmp_path: Path
) -> None:
    client.run(batch._cached.cache_clear)  # whatever the workers did before
    out = tmp_path / "out"
    summary = annotate_corpus(iter_inputs([corpus]), out, batch_size=BATCH, client=client)
    assert (summary.annotated, summary.failed, summary.skipped, summary.read) == (600, 0, 0, 600)
    assert_same_output(out, reference)
    assert not (out / FAILURES_FILE).exists()

    assert batch._Dask(client).slots() == 2  # chunks run at once: 2 in flight for each
    caches = client.run(batch._cached.cache_info)
    assert len(caches) == 2
    # each worker process built the pipeline once, then reused it for every chunk it ran
    assert [info.misses for info in caches.values()] == [1, 1], caches
    assert sum(info.hits + info.misses for info in caches.values()) == 600 // BATCH
    assert all(info.hits > 0 for info in caches.values()), caches


@pytest.mark.parametrize("output_format", ["files", "jsonld-lines"])
def test_same_accounting_and_failures_as_one_process(
    client: Client, tmp_path: Path, output_format: str
) -> None:
    texts = tmp_path / "texts"
    texts.mkdir()
    samples = sorted((REPO / "corpus_samples").glob("*.txt"))[:5]
    for sample in samples:
        shutil.copy(sample, texts / sample.name)
    (texts / "empty.txt").write_text("  \n", encoding="utf-8")
    first = samples[0].stem
    jsonl = tmp_path / "more.jsonl"
    jsonl.write_text(
        '{"id": "extra", "text": "Le GCTF se réunit à Rabat pour évaluer la menace de Daech."}\n'
        "not json\n"
        f'{{"id": "{first}", "text": "Same id as a text file: a duplicate."}}\n',
        encoding="utf-8",
    )
    runs = {}
    for name, dask_client in [("local", None), ("dask", client)]:
        out = tmp_path / name
        summary = annotate_corpus(
            iter_inputs([texts, jsonl]), out, output_format=output_format, batch_size=2, client=dask_client
        )
        runs[name] = (out, summary)
    (local, local_summary), (dask, dask_summary) = runs["local"], runs["dask"]
    assert timeless(dask_summary) == timeless(local_summary)
    assert (dask_summary.annotated, dask_summary.failed, dask_summary.read) == (6, 3, 9)
    failures = (dask / FAILURES_FILE).read_text(encoding="utf-8")
    assert failures == (local / FAILURES_FILE).read_text(encoding="utf-8")
    assert "empty file" in failures
    assert "not valid JSON" in failures
    assert "duplicate id" in failures
    assert_same_output(dask, local)
    if output_format == "jsonld-lines":
        assert sorted(outputs(dask)) == [LINES_FILE]


def test_resume_skips_what_is_done(client: Client, corpus: Path, reference: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    # every other document, as an interrupted run left them, with their records
    done = sorted(reference.glob("*.jsonld"))[::2]
    for path in done:
        shutil.copy2(path, out / path.name)
    names = {path.name for path in done}
    records = (reference / RECORDS_FILE).read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [line for line in records if set(json.loads(line)["output"]) <= names]
    (out / RECORDS_FILE).write_text("".join(kept), encoding="utf-8")
    before = {path.name: (out / path.name).stat().st_mtime_ns for path in done}

    summary = annotate_corpus(iter_inputs([corpus]), out, batch_size=BATCH, resume=True, client=client)
    assert (summary.skipped, summary.annotated, summary.failed, summary.read) == (300, 300, 0, 600)
    assert_same_output(out, reference)
    assert {name: (out / name).stat().st_mtime_ns for name in before} == before  # left as they were
    assert not (out / FAILURES_FILE).exists()


def test_cli_on_the_cluster(cluster: LocalCluster, corpus: Path, reference: Path, tmp_path: Path) -> None:
    address = cluster.scheduler_address
    assert address.startswith("tcp://127.0.0.1:")
    out = tmp_path / "out"
    run = run_ctannot(
        "annotate", corpus, "-o", out, "--executor", "dask", "--scheduler", address,
        "--batch-size", str(BATCH), "-q", timeout=120,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert "600 annotated, 0 failed" in run.stderr
    assert run.stdout == ""
    assert_same_output(out, reference)


def test_cli_dask_without_scheduler(corpus: Path, tmp_path: Path) -> None:
    run = run_ctannot("annotate", corpus, "-o", tmp_path / "out", "--executor", "dask", "-q")
    assert run.returncode == 2
    assert "--executor dask needs --scheduler ADDRESS" in run.stderr
    assert "Traceback" not in run.stderr


def test_worker_killed_mid_run_still_gives_everything(
    client: Client, corpus: Path, reference: Path, tmp_path: Path
) -> None:
    pids: dict[str, int] = client.run(os.getpid)
    assert len(pids) == 2
    killed: list[tuple[str, int]] = []

    def kill_a_busy_worker(event: str, outcome: Outcome | None, summary: Summary) -> None:
        # once a sixth of the corpus is written, kill (hard) the first worker seen running a chunk
        if killed or event != "written" or summary.annotated < 100:
            return
        processing = client.processing()  # type: ignore[no-untyped-call]
        busy = [worker for worker, keys in processing.items() if keys and worker in pids]
        if busy:
            os.kill(pids[busy[0]], signal.SIGKILL)
            killed.append((busy[0], summary.annotated))

    out = tmp_path / "out"
    summary = annotate_corpus(
        iter_inputs([corpus]), out, batch_size=BATCH, client=client, report=kill_a_busy_worker
    )
    assert killed, "no worker was ever seen running a chunk"
    victim, when = killed[0]
    assert when < 600

    assert (summary.annotated, summary.failed, summary.read) == (600, 0, 600)
    assert not (out / FAILURES_FILE).exists()
    assert_same_output(out, reference)  # exactly one file per document, as one process gives it
    for path in out.glob("*.jsonld"):
        doc = loads(path.read_text(encoding="utf-8"))
        assert path.name == f"{doc.id}.jsonld"

    # the nanny restarts the killed worker: the cluster is whole again for what follows
    def restarted() -> bool:
        now: dict[str, int] = client.run(os.getpid)
        return len(now) == 2 and pids[victim] not in now.values()

    wait_until(restarted, "the nanny to restart the killed worker")


def test_more_chunks_in_flight_as_workers_join(
    corpus: Path, reference: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A run may start before its workers: it sends two chunks, then twice as many as the cluster
    has worker threads, once they join."""
    seen: list[int] = []
    count = batch._Dask.slots

    def counted(executor: batch._Dask) -> int:
        seen.append(count(executor))
        return seen[-1]

    monkeypatch.setattr(batch._Dask, "slots", counted)
    documents = list(itertools.islice(iter_inputs([corpus]), 120))
    out = tmp_path / "out"
    with loopback_cluster(TIMEOUT, workers=0) as (empty, dask_client), ThreadPoolExecutor(1) as thread:
        run = thread.submit(annotate_corpus, documents, out, batch_size=BATCH, client=dask_client)
        try:
            wait_until(lambda: len(empty.scheduler.tasks) >= 2, "the first chunks to reach the scheduler")
            assert len(empty.scheduler.tasks) == 2  # no worker yet: two chunks wait for one
            assert not run.done()
        finally:
            empty.scale(2)  # whatever happened, workers come and the run ends
        summary = run.result(timeout=TIMEOUT)
    assert (summary.annotated, summary.failed) == (120, 0)
    assert seen[0] == 1
    assert max(seen) == 2
    written = outputs(out)
    assert written == {name: data for name, data in outputs(reference).items() if name in written}
    assert len(written) == 120


def test_cli_unreachable_scheduler(unreachable_run: subprocess.Popen[str]) -> None:
    _, stderr = unreachable_run.communicate(timeout=120)
    assert unreachable_run.returncode == 2, stderr
    assert "ctannot: error: cannot reach the Dask scheduler at tcp://127.0.0.1:" in stderr
    assert "Traceback" not in stderr
