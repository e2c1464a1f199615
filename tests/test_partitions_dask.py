"""Partitioned runs for real on loopback: a LocalCluster of two worker processes reads and writes
the partitions itself, through fsspec's local file system and through s3fs against moto's S3
server (started here, on a free port of 127.0.0.1); the output equals, record for record, the
single-process run's. And a dask.bag of records annotated on the same cluster."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("distributed", reason="partitioned runs on a cluster need dask.distributed")
pytest.importorskip("s3fs", reason="the S3 tests need s3fs")
pytest.importorskip("moto.server", reason="the S3 tests need moto's server (pip install 'moto[server]')")

import dask.bag
import fsspec
from distributed import Client, LocalCluster

from conftest import loopback_cluster, run_ctannot
from ctannot import batch
from ctannot.batch import PipelineSpec, Summary
from ctannot.batch.bags import DocumentFailed, annotate_bag
from ctannot.batch.partitions import PartitionResult, annotate_partitions, plan_partitions
from partitioned import SAMPLES, Output, make_corpus, parquet_rows, partitioned, single_process, table_of

TIMEOUT = 60.0  # seconds the S3 server and the workers may take to start


@pytest.fixture(scope="module")
def s3() -> Iterator[str]:
    """moto's S3 server in a process of its own on a free loopback port, and the environment
    that points boto (here, in the workers and in ``ctannot`` subprocesses) at it; stopped after."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    endpoint = f"http://127.0.0.1:{port}"
    command = [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + TIMEOUT
        while True:
            if server.poll() is not None:
                pytest.fail(f"moto's server stopped: {server.communicate()[1][-2000:]}")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail(f"moto's server did not answer on {endpoint} within {TIMEOUT:g} s")
                time.sleep(0.1)
        environment = {
            "AWS_ENDPOINT_URL": endpoint,
            "AWS_ACCESS_KEY_ID": "testing",
            "AWS_SECRET_ACCESS_KEY": "testing",
            "AWS_DEFAULT_REGION": "us-east-1",
            "AWS_EC2_METADATA_DISABLED": "true",
        }
        saved = {key: os.environ.get(key) for key in environment}
        os.environ.update(environment)
        try:
            yield endpoint
        finally:
            for key, value in saved.items():
                if value is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = value
    finally:
        server.terminate()
        try:
            server.communicate(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            server.kill()
            server.communicate()


@pytest.fixture(scope="module")
def cluster_and_client(s3: str) -> Iterator[tuple[LocalCluster, Client]]:
    # started once the S3 environment is set: the workers inherit it
    with loopback_cluster(TIMEOUT) as both:
        yield both


@pytest.fixture(scope="module")
def cluster(cluster_and_client: tuple[LocalCluster, Client]) -> LocalCluster:
    return cluster_and_client[0]


@pytest.fixture(scope="module")
def client(cluster_and_client: tuple[LocalCluster, Client]) -> Client:
    return cluster_and_client[1]


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    return [str(p) for p in make_corpus(tmp_path_factory.mktemp("corpus"))]


@pytest.fixture(scope="module")
def reference(inputs: list[str], tmp_path_factory: pytest.TempPathFactory) -> Output:
    return single_process(inputs, tmp_path_factory.mktemp("reference"))


def read_back_by_duckdb(fs: object, url: str) -> dict[str, int]:
    """Annotations by type, as DuckDB reads the partitions' Parquet through the same s3fs (as
    docs/scaling.md shows it)."""
    duckdb = pytest.importorskip("duckdb", reason="the Parquet is read back with DuckDB")
    connection = duckdb.connect()
    connection.register_filesystem(fs)
    query = f"SELECT type, count(*) FROM read_parquet('{url}/*.parquet') WHERE id IS NOT NULL GROUP BY type"
    return dict(connection.sql(query).fetchall())


def count_by_type(rows: list[dict[str, Any]]) -> dict[str, int]:
    return dict(Counter(row["type"] for row in rows if row["id"] is not None))


def test_s3_to_parquet_on_the_cluster_equals_the_single_process_run(
    s3: str, client: Client, cluster: LocalCluster, inputs: list[str], reference: Output
) -> None:
    texts, news = inputs
    fs = fsspec.filesystem("s3")
    fs.mkdir("corpus")
    fs.put(texts, "corpus/in/texts", recursive=True)
    fs.put(news, "corpus/in/news.jsonl.gz")
    client.run(batch._cached.cache_clear)
    urls = ["s3://corpus/in/texts", "s3://corpus/in/news.jsonl.gz"]
    command = ["annotate", *urls, "-o", "s3://corpus/annotated/", "--output-format", "parquet"]
    command += ["--executor", "dask", "--scheduler", cluster.scheduler_address, "-q"]

    result = run_ctannot(*command, timeout=300)
    assert result.returncode == 1, result.stderr  # the corpus's four failures
    assert "ctannot: 16 partitions: 18 annotated, 4 failed, 0 warnings" in result.stderr
    assert "s3://corpus/in/news.jsonl.gz: 3 inputs not annotated" in result.stderr
    got = partitioned(fs, "corpus/annotated", reference.summary)
    expected = reference.renamed(texts, urls[0]).renamed(news, urls[1])
    assert got.lines == expected.lines
    assert got.failures == expected.failures
    assert parquet_rows(fs, "corpus/annotated") == table_of(expected.lines)
    assert read_back_by_duckdb(fs, "s3://corpus/annotated") == count_by_type(table_of(expected.lines))
    # the workers did the work, each building the pipeline once, one call per partition
    caches = client.run(batch._cached.cache_info)
    assert all(info.misses <= 1 for info in caches.values()), caches
    assert sum(info.hits + info.misses for info in caches.values()) == 16

    resumed = run_ctannot(*command, "--resume", timeout=300)
    assert resumed.returncode == 0, resumed.stderr
    assert "ctannot: 16 partitions: 0 annotated, 0 failed, 18 already done" in resumed.stderr


def test_file_urls_on_the_cluster_equal_the_single_process_run(
    client: Client, inputs: list[str], reference: Output, tmp_path: Path
) -> None:
    texts, news = inputs
    urls = [f"file://{texts}", f"file://{news}"]
    out = f"file://{tmp_path}/out"
    summary = annotate_partitions(plan_partitions(urls), out, PipelineSpec(), parquet=True, client=client)
    got = partitioned(fsspec.filesystem("file"), f"{tmp_path}/out", summary)
    expected = reference.renamed(texts, urls[0]).renamed(news, urls[1])
    assert (got.lines, got.failures) == (expected.lines, expected.failures)
    counted = (summary.annotated, summary.failed, summary.read, summary.skipped)
    assert counted == (reference.summary.annotated, reference.summary.failed, reference.summary.read, 0)
    assert parquet_rows(fsspec.filesystem("file"), f"{tmp_path}/out") == table_of(expected.lines)


def records() -> list[dict[str, Any]]:
    """The samples as records that say where they come from (so one process names them alike)."""
    return [
        {"id": s.stem, "text": s.read_text(encoding="utf-8"), "metadata": {"source_file": f"bag/{s.name}"}}
        for s in SAMPLES
    ]


def test_a_bag_of_records_annotated_on_the_cluster(client: Client, tmp_path: Path) -> None:
    jsonl = tmp_path / "records.jsonl"
    jsonl.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records()), encoding="utf-8")
    expected = single_process([str(jsonl)], tmp_path / "reference")
    bag = dask.bag.from_sequence(records(), npartitions=3)  # type: ignore[no-untyped-call]

    annotated = annotate_bag(bag, PipelineSpec()).compute()
    assert annotated == [json.loads(line) for line in expected.lines]
    rows = annotate_bag(bag, PipelineSpec(), output="rows").compute()
    assert rows == table_of(expected.lines)


def test_a_bag_record_that_cannot_be_annotated_is_named_or_dropped(client: Client) -> None:
    bag = dask.bag.from_sequence([*records()[:2], {"id": "blank", "text": " "}], npartitions=2)  # type: ignore[no-untyped-call]
    with pytest.raises(
        DocumentFailed, match=r"dask.bag: document 'blank': empty 'text': nothing to annotate"
    ):
        annotate_bag(bag, PipelineSpec()).compute()
    kept = annotate_bag(bag, PipelineSpec(), on_failure="drop").compute()
    assert [record["id"] for record in kept] == [
        f"urn:ctannot:doc:{r['id']}/annotations" for r in records()[:2]
    ]


def test_a_worker_killed_mid_run_loses_and_doubles_nothing(
    client: Client, inputs: list[str], reference: Output, tmp_path: Path
) -> None:
    pids: dict[str, int] = client.run(os.getpid)
    killed: list[str] = []

    def kill_a_busy_worker(result: PartitionResult, summary: Summary) -> None:
        # at the first partition back, kill (hard) a worker seen running another one
        if killed:
            return
        processing = client.processing()  # type: ignore[no-untyped-call]
        busy = [worker for worker, keys in processing.items() if keys and worker in pids]
        if busy:
            os.kill(pids[busy[0]], signal.SIGKILL)
            killed.append(busy[0])

    out = tmp_path / "out"
    plan = plan_partitions(inputs)
    summary = annotate_partitions(plan, str(out), PipelineSpec(), client=client, report=kill_a_busy_worker)
    assert killed, "no worker was ever seen running a partition"
    got = partitioned(fsspec.filesystem("file"), str(out), summary)
    assert (got.lines, got.failures) == (reference.lines, reference.failures)
    assert (summary.annotated, summary.failed, summary.read) == (18, 4, 22)

    def restarted() -> bool:  # the nanny restarts the killed worker, for the tests after this one
        now: dict[str, int] = client.run(os.getpid)
        return len(now) == 2 and pids[killed[0]] not in now.values()

    deadline = time.monotonic() + TIMEOUT
    while not restarted():
        assert time.monotonic() < deadline, "the nanny did not restart the killed worker"
        time.sleep(0.1)


def hold(name: str) -> None:
    """A task that keeps its worker's one thread until the event ``name`` is set."""
    from distributed import Event

    Event(name).wait()  # type: ignore[no-untyped-call]


def scheduled_tasks(dask_scheduler: Any) -> int:
    return len(dask_scheduler.tasks)


def _written(path: Path) -> tuple[int, int]:
    """Which write of a file this is: a file written again is another inode or another time."""
    stat = path.stat()
    return stat.st_ino, stat.st_mtime_ns


def test_a_client_killed_mid_run_then_resumed_loses_and_doubles_nothing(
    cluster: LocalCluster, client: Client, inputs: list[str], reference: Output, tmp_path: Path
) -> None:
    from distributed import Event

    out = tmp_path / "out"
    command = [sys.executable, "-m", "ctannot", "annotate", *inputs, "-o", str(out), "--partitioned", "-q"]
    command += ["--executor", "dask", "--scheduler", cluster.scheduler_address]
    first, second = sorted(client.scheduler_info()["workers"])
    release = Event(f"release-{tmp_path.name}", client=client)  # type: ignore[no-untyped-call]
    # The second worker held, so that partitions commit one at a time; the first held as soon as
    # one is committed: the client is killed while the run is surely unfinished.
    held = [client.submit(hold, release.name, workers=[second], pure=False)]
    try:
        with subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True) as run:
            deadline = time.monotonic() + TIMEOUT
            while not list(out.glob("part-*.done.json")):  # the first partition committed
                assert run.poll() is None, f"the run ended before it could be killed: {run.stderr}"
                assert time.monotonic() < deadline, "no partition was committed in time"
                time.sleep(0.02)
            held.append(client.submit(hold, release.name, workers=[first], pure=False, priority=100))
            run.kill()
            run.communicate()
        # the scheduler lets the killed client's tasks go: released, the workers have none left
        # (a bound on a hang, not a timing: three times the start-up's, as a busy machine once
        # took longer than that)
        deadline = time.monotonic() + 3 * TIMEOUT
        while client.run_on_scheduler(scheduled_tasks) > len(held):  # type: ignore[no-untyped-call]
            assert time.monotonic() < deadline, "the scheduler kept the killed client's tasks"
            time.sleep(0.1)
    finally:
        release.set()  # type: ignore[no-untyped-call]
        client.gather(held)  # type: ignore[no-untyped-call]
    markers = {path.name: path.read_text() for path in out.glob("part-*.done.json")}
    assert len(markers) < 16, "the run had finished: the kill proved nothing"
    written = {name: _written(out / name) for name in markers}

    resumed = run_ctannot(*command[3:], "--resume", timeout=300)
    assert resumed.returncode == 1, resumed.stderr  # the corpus's failures
    assert "ctannot: 16 partitions: " in resumed.stderr
    # what was committed before the kill is kept, not redone: its markers are the files written
    # then (the first to commit may hold only failing inputs, which no "already done" counts)
    assert {name: _written(out / name) for name in markers} == written
    if any(json.loads(marker)["annotated"] for marker in markers.values()):
        assert "already done" in resumed.stderr
    got = partitioned(fsspec.filesystem("file"), str(out), reference.summary)
    assert (got.lines, got.failures) == (reference.lines, reference.failures)
