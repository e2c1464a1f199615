"""Batch annotation on one machine: streamed inputs, worker processes, JSON-LD lines, failures,
resume after Ctrl-C or a crash. Worker processes and signals are real; nothing is mocked."""

from __future__ import annotations

import gzip
import json
import os
import signal
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import REPO, run_ctannot, start_ctannot
from ctannot import Document
from ctannot.batch import FAILURES_FILE, LINES_FILE, PipelineSpec, _cached, annotate_corpus
from ctannot.batch.records import RECORDS_FILE
from ctannot.formats.inputs import InputError, iter_inputs
from ctannot.formats.web_annotation import loads

SAMPLES = sorted((REPO / "corpus_samples").glob("*.txt"))


def corpus(n: int) -> list[dict[str, str]]:
    """``n`` documents made of the samples, each with its own id and a varied year."""
    texts = [(p.stem[:2], p.read_text(encoding="utf-8")) for p in SAMPLES]
    return [
        {
            "id": f"doc-{i:04d}",
            "lang": texts[i % len(texts)][0],
            "text": texts[i % len(texts)][1].replace("20", f"{i % 90 + 10}", 1),
        }
        for i in range(n)
    ]


def write_jsonl(path: Path, records: list[dict[str, str]]) -> Path:
    lines = "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records).encode("utf-8")
    path.write_bytes(gzip.compress(lines) if path.name.endswith(".gz") else lines)
    return path


def files(out: Path) -> dict[str, str]:
    """The files of an output folder, by name, but the records of what made them (which say
    the same, but in the order outputs were written: redone ones last)."""
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(out.iterdir()) if p.name != RECORDS_FILE}


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """A 60-document corpus and its output from one process, the yardstick of the others."""
    folder = tmp_path_factory.mktemp("reference")
    source = write_jsonl(folder / "corpus.jsonl", corpus(60))
    summary = annotate_corpus(iter_inputs([source]), folder / "out", workers=1)
    assert (summary.annotated, summary.failed) == (60, 0)
    return source, files(folder / "out")


def test_worker_processes_give_what_one_process_gives(
    reference: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    source, expected = reference
    summary = annotate_corpus(iter_inputs([source]), tmp_path, workers=2, batch_size=4)
    assert (summary.annotated, summary.failed, summary.read) == (60, 0, 60)
    assert files(tmp_path) == expected


def test_inputs_of_one_chunk_are_annotated_in_this_process_whatever_the_workers(
    reference: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    """One chunk would go to one worker, after it started and loaded the pipeline anew: this
    process does it instead (a spec of its own shows whether its pipeline was built here)."""
    source, expected = reference
    spec = PipelineSpec(rule_timeout=123.0)
    built = _cached.cache_info().currsize
    summary = annotate_corpus(iter_inputs([source]), tmp_path, spec, workers=2, batch_size=60)
    assert (summary.annotated, summary.failed) == (60, 0)
    assert _cached.cache_info().currsize == built + 1
    assert files(tmp_path) == expected


@pytest.mark.parametrize("name", [LINES_FILE, LINES_FILE + ".gz"])
def test_jsonld_lines_in_input_order(
    reference: tuple[Path, dict[str, str]], tmp_path: Path, name: str
) -> None:
    source, expected = reference
    output_format = "jsonld-lines.gz" if name.endswith(".gz") else "jsonld-lines"
    annotate_corpus(iter_inputs([source]), tmp_path, workers=2, batch_size=7, output_format=output_format)
    opener = gzip.open if name.endswith(".gz") else open
    with opener(tmp_path / name, "rt", encoding="utf-8") as handle:
        lines = handle.read().splitlines()
    assert len(lines) == 60
    ids = [json.loads(line)["document"]["documentId"] for line in lines]
    assert ids == [f"doc-{i:04d}" for i in range(60)]
    assert [line + "\n" for line in lines] == list(expected.values())  # the same JSON-LD, line by line


def test_inputs_stream_from_folders_gzip_and_standard_input(tmp_path: Path) -> None:
    nested = tmp_path / "in" / "2024" / "march"
    nested.mkdir(parents=True)
    (nested / "a.txt").write_text(SAMPLES[0].read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "in" / "b.txt").write_text(SAMPLES[6].read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "in" / "notes.md").write_text("# not an input", encoding="utf-8")
    write_jsonl(tmp_path / "more.jsonl.gz", corpus(3))
    ids = [
        d.id for d in iter_inputs([tmp_path / "in", tmp_path / "more.jsonl.gz"]) if isinstance(d, Document)
    ]
    assert ids == [
        "b",
        "a",
        "doc-0000",
        "doc-0001",
        "doc-0002",
    ]  # a folder's files, its subfolders', the lines
    records = "".join(json.dumps(r) + "\n" for r in corpus(2))
    run = run_ctannot("annotate", "-", "-o", tmp_path / "out", "-q", "--workers", "1", input=records)
    assert run.returncode == 0, run.stderr
    assert sorted(files(tmp_path / "out")) == ["doc-0000.jsonld", "doc-0001.jsonld"]


def test_a_truncated_gzip_input_is_reported_after_its_documents(tmp_path: Path) -> None:
    whole = write_jsonl(tmp_path / "whole.jsonl.gz", corpus(40)).read_bytes()
    cut = tmp_path / "cut.jsonl.gz"
    cut.write_bytes(whole[: len(whole) // 2])
    items = list(iter_inputs([cut]))
    assert isinstance(items[-1], InputError)
    assert "cannot be read to the end" in str(items[-1])
    assert all(isinstance(d, Document) for d in items[:-1])


def test_every_input_is_accounted_for_in_the_failures_file(tmp_path: Path) -> None:
    records = corpus(3)
    records.insert(1, {"id": "empty", "text": "  ", "lang": "fr"})
    source = write_jsonl(tmp_path / "c.jsonl", records)
    with source.open("a", encoding="utf-8") as handle:
        handle.write("{not json\n")
    summary = annotate_corpus(iter_inputs([source]), tmp_path / "out", workers=2, batch_size=2)
    assert (summary.annotated, summary.failed, summary.read) == (3, 2, 5)
    lines = (tmp_path / "out" / FAILURES_FILE).read_text(encoding="utf-8").splitlines()
    failures = [json.loads(line) for line in lines]
    assert [(f["input"], f["document"]) for f in failures] == [
        (f"{source}:2", "empty"),
        (f"{source}:5", None),
    ]
    assert all(f["error"] for f in failures)


def test_resume_skips_what_is_done_and_redoes_the_rest(
    reference: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    source, expected = reference
    corpus = tmp_path / source.name  # where it was when the first run read its first 25 lines
    lines = source.read_text(encoding="utf-8").splitlines(keepends=True)
    corpus.write_text("".join(lines[:25]), encoding="utf-8")
    out = tmp_path / "out"
    annotate_corpus(iter_inputs([corpus]), out, workers=1)
    corpus.write_text("".join(lines), encoding="utf-8")
    summary = annotate_corpus(iter_inputs([corpus]), out, workers=2, resume=True)
    assert (summary.skipped, summary.annotated, summary.failed) == (25, 35, 0)
    annotate_corpus(iter_inputs([corpus]), tmp_path / "fresh", workers=1)
    assert files(out) == files(tmp_path / "fresh")
    assert len(expected) == 60


def test_resume_of_lines_drops_a_line_cut_short(
    reference: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    source, expected = reference
    lines = "".join(expected.values())
    annotate_corpus(iter_inputs([source]), tmp_path, output_format="jsonld-lines")
    cut = lines[: len(lines) // 3]  # a crash in the middle of a line
    (tmp_path / LINES_FILE).write_text(cut, encoding="utf-8")
    kept = cut.count("\n")
    summary = annotate_corpus(iter_inputs([source]), tmp_path, output_format="jsonld-lines", resume=True)
    assert (summary.skipped, summary.annotated) == (kept, 60 - kept)
    assert summary.redone == {"incomplete": 60 - kept}
    assert (tmp_path / LINES_FILE).read_text(encoding="utf-8") == lines


def test_resume_of_gzipped_lines_cut_by_a_crash(
    reference: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    source, expected = reference
    annotate_corpus(iter_inputs([source]), tmp_path, output_format="jsonld-lines.gz")
    whole = (tmp_path / (LINES_FILE + ".gz")).read_bytes()
    (tmp_path / (LINES_FILE + ".gz")).write_bytes(whole[: len(whole) // 2])  # no gzip trailer
    annotate_corpus(iter_inputs([source]), tmp_path, output_format="jsonld-lines.gz", resume=True)
    with gzip.open(tmp_path / (LINES_FILE + ".gz"), "rt", encoding="utf-8") as handle:
        assert handle.read() == "".join(expected.values())


def test_duplicate_ids_are_failures_and_resume_keeps_them_so(tmp_path: Path) -> None:
    records = corpus(3)
    records.append({**records[0], "text": records[1]["text"]})
    source = write_jsonl(tmp_path / "dups.jsonl", records)
    first = annotate_corpus(iter_inputs([source]), tmp_path / "out", workers=1)
    again = annotate_corpus(iter_inputs([source]), tmp_path / "out", workers=1, resume=True)
    assert (first.annotated, first.failed) == (3, 1)
    assert (again.skipped, again.annotated, again.failed) == (3, 0, 1)
    assert (
        loads((tmp_path / "out" / "doc-0000.jsonld").read_text(encoding="utf-8")).text == records[0]["text"]
    )


# -- interrupted for real: Ctrl-C and SIGKILL, then --resume ------------------------------------------


def interrupt(
    source: Path, out: Path, after: int, strike: Callable[[subprocess.Popen[str]], bool]
) -> tuple[subprocess.CompletedProcess[str], bool]:
    """Run the CLI on ``source`` with 2 workers and, once ``after`` outputs are written, call
    ``strike`` on it until it says it struck; the run's outcome, and whether it was struck."""
    arguments = ["annotate", str(source), "-o", str(out), "-q", "--workers", "2"]
    process = start_ctannot(*arguments, stdout=subprocess.PIPE, start_new_session=True)
    deadline = time.monotonic() + 120
    struck = False
    while time.monotonic() < deadline and process.poll() is None and not struck:
        if out.is_dir() and sum(1 for p in out.iterdir() if p.suffix == ".jsonld") >= after:
            struck = strike(process)
        time.sleep(0.05)
    stdout, stderr = process.communicate(timeout=120)
    return subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr), struck


def signal_group(sig: signal.Signals) -> Callable[[subprocess.Popen[str]], bool]:
    """Send ``sig`` to the run's whole process group, as Ctrl-C on a terminal (or the OOM killer) would."""

    def strike(process: subprocess.Popen[str]) -> bool:
        os.killpg(process.pid, sig)
        return True

    return strike


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    folder = tmp_path_factory.mktemp("big")
    source = write_jsonl(folder / "big.jsonl", corpus(600))
    run = run_ctannot("annotate", source, "-o", folder / "out", "-q", "--workers", "2")
    assert run.returncode == 0, run.stderr
    return source, files(folder / "out")


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGKILL], ids=["ctrl-c", "sigkill"])
def test_an_interrupted_run_resumed_gives_the_uninterrupted_output(
    big: tuple[Path, dict[str, str]], tmp_path: Path, sig: signal.Signals
) -> None:
    source, expected = big
    out = tmp_path / "out"
    run, _ = interrupt(source, out, 100, signal_group(sig))
    if sig == signal.SIGINT:
        assert run.returncode == 130, run.stderr
        assert "interrupted" in run.stderr
        assert "--resume" in run.stderr
        assert "Traceback" not in run.stderr
    else:
        assert run.returncode == -signal.SIGKILL
    partial = {name: text for name, text in files(out).items() if not name.startswith(".")}
    assert 100 <= len(partial) < 600
    # what looks complete is: a file being written when the run died is a hidden .part
    assert all(expected[name] == text for name, text in partial.items())
    resumed = run_ctannot("annotate", source, "-o", out, "-q", "--workers", "2", "--resume")
    assert resumed.returncode == 0, resumed.stderr
    # a file renamed into place but not yet recorded when the run was stopped is redone
    assert (
        f"{len(partial)} already done" in resumed.stderr
        or f"{len(partial) - 1} already done, 1 redone (1 incomplete)" in resumed.stderr
    )
    assert files(out) == expected


def test_a_worker_process_killed_stops_the_run_cleanly_and_resume_finishes_it(
    big: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    """The OOM killer takes a worker: the run says so and stops; no traceback, nothing lost."""
    psutil = pytest.importorskip("psutil", reason="psutil finds the worker processes")
    source, expected = big
    out = tmp_path / "out"

    def kill_a_worker(process: subprocess.Popen[str]) -> bool:
        workers = [c for c in psutil.Process(process.pid).children() if "spawn" in " ".join(c.cmdline())]
        if workers:
            os.kill(workers[0].pid, signal.SIGKILL)
        return bool(workers)

    run, killed = interrupt(source, out, 100, kill_a_worker)
    stderr = run.stderr
    assert killed
    assert run.returncode == 1, stderr
    assert "the run stopped" in stderr
    assert "--resume" in stderr
    assert "Traceback" not in stderr
    resumed = run_ctannot("annotate", source, "-o", out, "-q", "--workers", "2", "--resume")
    assert resumed.returncode == 0, resumed.stderr
    assert files(out) == expected


def _ready() -> int:
    return os.getpid()


@pytest.mark.timeout(60)
def test_a_worker_killed_while_it_sends_a_result_stops_the_pool_all_the_same() -> None:
    """The OOM killer may take a worker halfway through a result: the pool's pipe then holds half
    a message, the pool's manager thread waits for the rest, and nothing marks the pool broken.
    Stopping must not wait for it forever. (The half message is written here, then the worker
    killed: the same state, made on purpose rather than by luck.)"""
    import struct

    from ctannot.batch import _Processes

    processes = _Processes(2)
    pids = {processes.pool.submit(_ready).result(timeout=60) for _ in range(4)}
    writer = processes.pool._result_queue._writer  # type: ignore[attr-defined]
    os.write(writer.fileno(), struct.pack("!i", 1000))  # a message's length, and nothing after it
    os.kill(next(iter(pids)), signal.SIGKILL)
    started = time.monotonic()
    processes.shutdown(now=True)
    assert time.monotonic() - started < 30
