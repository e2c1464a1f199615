"""Batch annotation at corpus scale: streamed, parallel, resumable, and every input accounted for.

:func:`annotate_corpus` reads the inputs lazily, sends them in chunks to an executor (this
process, a pool of worker processes, or a Dask cluster), and writes each result as it comes back,
in input order, to a :class:`Sink`: one JSON-LD file per document, or JSON-LD lines. What is not
annotated is recorded, with its reason, in ``failures.jsonl`` beside the output. Nothing is kept
once written, so memory stays flat however large the corpus.

A worker builds its pipeline once (:func:`annotate_chunk` caches it per process, by its
:class:`PipelineSpec`), so rule packs and NLP models load once per worker, not per document.
With ``resume``, documents whose output is complete are skipped: an interrupted run that is
resumed ends with the output an uninterrupted run would have given.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import itertools
import json
import os
import signal
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from multiprocessing import get_context
from pathlib import Path
from typing import Any, Protocol

import attrs

from ctannot.api import load_registry
from ctannot.batch.interrupts import POLL_SECONDS, deferred_interrupts
from ctannot.batch.lock import LOCK_FILE, OutputLocked, output_lock
from ctannot.batch.records import REDO_REASONS, Records, input_digest, pipeline_digest
from ctannot.batch.sinks import FAILURES_FILE, LINES_FILE, FailuresFile, FilesSink, LinesSink, Sink
from ctannot.extractors.rule_extractor import DEFAULT_RULE_TIMEOUT, RuleExtractor
from ctannot.formats import Exporter
from ctannot.formats.inputs import InputError
from ctannot.formats.writing import write_atomic
from ctannot.model import Document
from ctannot.nlp import LinguisticExtractor, ModelsMissing
from ctannot.pipeline import DEFAULT_TIME_LIMIT, ExtractionError, Pipeline, PipelineError
from ctannot.registry import RegistrationError, Registry
from ctannot.rules import RuleFileError

__all__ = [
    "FAILURES_FILE",
    "LINES_FILE",
    "LOCK_FILE",
    "ExecutorError",
    "FilesSink",
    "LinesSink",
    "Outcome",
    "OutputError",
    "OutputLocked",
    "PipelineSpec",
    "Summary",
    "annotate_chunk",
    "annotate_corpus",
    "annotate_tasks",
    "failure_line",
]


@attrs.frozen
class PipelineSpec:
    """What a worker needs to build the pipeline: names only, so that it pickles and hashes."""

    name: str = "rules"
    add: tuple[str, ...] = attrs.field(default=(), converter=tuple)
    skip: tuple[str, ...] = attrs.field(default=(), converter=tuple)
    backend: str | None = None
    gpu: bool = False
    rule_timeout: float = DEFAULT_RULE_TIMEOUT
    format: str = "jsonld"
    on_fault: str = "fail-document"
    time_limit: float | None = DEFAULT_TIME_LIMIT

    def exporter(self, registry: Registry) -> Exporter:
        """The exporter of ``format`` in ``registry``."""
        exporter = registry.exporters.get(self.format)
        if exporter is None:
            raise PipelineError(
                f"unknown format {self.format!r}; known: {', '.join(sorted(registry.exporters))}"
            )
        return exporter

    def pipeline(self, registry: Registry) -> Pipeline:
        """The pipeline from ``registry``, configured but not set up (its packs not compiled);
        :class:`~ctannot.nlp.ModelsMissing` if its NLP backend is not installed."""
        pipeline = Pipeline.from_registry(
            registry,
            self.name,
            add=self.add,
            skip=self.skip,
            backend=self.backend,
            on_fault=self.on_fault,
            time_limit=self.time_limit,
        )
        for ex in pipeline.extractors:
            if isinstance(ex, RuleExtractor):
                ex.timeout = self.rule_timeout
            if isinstance(ex, LinguisticExtractor):
                ex.backend.use_gpu = self.gpu
                ex.backend.check()  # a backend not installed stops the run here, once
        return pipeline

    def build(self) -> tuple[Pipeline, Exporter]:
        """The pipeline, set up, and the exporter of ``format``, from the installed plugins."""
        registry = load_registry()
        exporter = self.exporter(registry)
        pipeline = self.pipeline(registry)
        pipeline.setup()
        return pipeline, exporter


_building = threading.Lock()


@functools.cache
def _cached(spec: PipelineSpec) -> tuple[Pipeline, Exporter]:
    return spec.build()


def _loaded(spec: PipelineSpec) -> tuple[Pipeline, Exporter]:
    """The pipeline of ``spec``, built once per process (a Dask worker's threads share it)."""
    with _building:
        return _cached(spec)


@attrs.frozen
class Task:
    """One input, numbered in input order: a document to annotate, or why it cannot be."""

    seq: int
    item: Document | InputError


@attrs.frozen
class Outcome:
    """What became of one input: its output text, or the reason it has none."""

    seq: int
    document_id: str | None
    source: str
    output: str | bytes | None = None
    beside: dict[str, str | bytes] = attrs.field(factory=dict)
    """More files of the document, by suffix (the exporter's ``beside``: brat's ``.txt``)."""
    counts: str = ""
    problems: tuple[str, ...] = ()
    extractor: str | None = None
    plugin: str | None = None
    """The plugin that registered ``extractor``."""
    error: str | None = None
    size: int = 0
    """The document's text, in UTF-8 bytes (for throughput)."""
    written: str | None = None
    """Where its output went, once written."""
    kept: bool = False
    """Its earlier output is kept (on resume)."""


def annotate_chunk(spec: PipelineSpec, tasks: Sequence[Task]) -> list[Outcome]:
    """Annotate a chunk of tasks with the pipeline of ``spec`` (built once per process).

    This is what runs in a worker process or on a Dask worker; it never raises for a document's
    fault, only for what stops everything (missing models, a broken pipeline).
    """
    if stop_requested():  # the run is stopping: its results would be dropped
        return []
    return [outcome for outcome, _ in annotate_tasks(spec, tasks)]


def annotate_tasks(spec: PipelineSpec, tasks: Sequence[Task]) -> list[tuple[Outcome, Document | None]]:
    """:func:`annotate_chunk`, each outcome with its annotated document (``None`` when it failed),
    for the writers that want more than the exported text (the flat table of a partition)."""
    pipeline, exporter = _loaded(spec)
    documents = [t.item for t in tasks if isinstance(t.item, Document)]
    results = iter(pipeline.annotate_batch(documents))
    out: list[tuple[Outcome, Document | None]] = []
    for task in tasks:
        item = task.item
        if isinstance(item, InputError):
            out.append((Outcome(task.seq, item.document_id, item.where, error=item.problem), None))
            continue
        source = str(item.metadata.get("source_file", item.id))
        size = len(item.text.encode("utf-8"))
        result = next(results)
        if isinstance(result, ExtractionError):
            message = result.message
            failed = Outcome(
                task.seq,
                item.id,
                source,
                extractor=result.extractor,
                plugin=result.plugin,
                error=message,
                size=size,
            )
            out.append((failed, None))
            continue
        try:
            text = exporter.dump(result.document)
            beside = dict(exporter.beside(result.document)) if exporter.beside is not None else {}
        except Exception as exc:  # an exporter's fault on this document alone
            failed = Outcome(
                task.seq, item.id, source, extractor=f"exporter {exporter.name}", error=repr(exc)
            )
            out.append((failed, None))
            continue
        counts: dict[str, int] = {}
        for ann in result.document.annotations():
            counts[ann.type_name] = counts.get(ann.type_name, 0) + 1
        done = Outcome(
            task.seq,
            item.id,
            source,
            output=text,
            beside=beside,
            counts=", ".join(f"{n} {t}" for t, n in sorted(counts.items())),
            problems=tuple(str(p) for p in result.problems),
            size=size,
        )
        out.append((done, result.document))
    return out


def failure_record(outcome: Outcome) -> dict[str, Any]:
    """What ``failures.jsonl`` says of ``outcome``, which has no output: where it came from and why."""
    return {
        "input": outcome.source,
        "document": outcome.document_id,
        "extractor": outcome.extractor,
        "plugin": outcome.plugin,
        "error": outcome.error,
    }


def failure_line(outcome: Outcome) -> str:
    """The line of ``failures.jsonl`` for ``outcome`` (as a partition's failures file holds it)."""
    return json.dumps(failure_record(outcome), ensure_ascii=False) + "\n"


DUPLICATE_ID = "duplicate id: the output of an earlier document of this id is already written"


# -- executors -----------------------------------------------------------------------------------


class _Executor(Protocol):
    """Where chunks run: how many at once, how to send one, how to wait for any."""

    def slots(self) -> int:
        """How many chunks run at once (asked again as the run goes: a cluster may grow)."""

    def submit(self, spec: PipelineSpec, tasks: list[Task]) -> Any: ...

    def wait_any(self, futures: list[Any]) -> None:
        """Wait until one of ``futures`` is done, or :data:`POLL_SECONDS` have passed."""

    def shutdown(self, now: bool) -> None:
        """Stop; ``now``: the run is interrupted, what has not begun is dropped."""

    def lost(self, exc: Exception) -> str:
        """What the executor's own failure ``exc`` means, in words."""


class _InProcess:
    """Chunks annotated right here, one after another."""

    def slots(self) -> int:
        return 1

    def submit(self, spec: PipelineSpec, tasks: list[Task]) -> Future[list[Outcome]]:
        future: Future[list[Outcome]] = Future()
        future.set_result(annotate_chunk(spec, tasks))
        return future

    def wait_any(self, futures: list[Any]) -> None:
        wait(futures, timeout=POLL_SECONDS, return_when=FIRST_COMPLETED)

    def shutdown(self, now: bool) -> None:
        pass

    def lost(self, exc: Exception) -> str:
        return f"{type(exc).__name__}: {exc or 'a worker died'}"


class _Processes(_InProcess):
    """A pool of worker processes (spawned: no state shared with this one but the spec)."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self.pool, self.stop = worker_pool(workers)

    def slots(self) -> int:
        return self.workers

    def submit(self, spec: PipelineSpec, tasks: list[Task]) -> Future[list[Outcome]]:
        return self.pool.submit(annotate_chunk, spec, tasks)

    def shutdown(self, now: bool) -> None:
        if now:  # interrupted: the chunks not begun are dropped (resume redoes them)
            self.stop.set()
        # the pool's own attributes (no public way before Python 3.14), which shutdown clears
        manager: threading.Thread | None = getattr(self.pool, "_executor_manager_thread", None)
        processes = dict(getattr(self.pool, "_processes", None) or {})
        results = getattr(self.pool, "_result_queue", None)
        self.pool.shutdown(wait=False, cancel_futures=True)
        while manager is not None and manager.is_alive():
            manager.join(POLL_SECONDS)
            killed = any(process.exitcode not in (None, 0) for process in processes.values())
            if getattr(self.pool, "_broken", False) or killed:
                # A worker died: the pool ends the others with SIGTERM, which they ignore (see
                # _worker_started), and waits for them to end. Nothing they hold is wanted now.
                for process in processes.values():
                    with contextlib.suppress(OSError, ValueError):
                        process.kill()
            if killed and results is not None:
                # Killed while it sent a result, a worker leaves half a message in the pipe, and
                # the manager waits for the rest, never seeing the pool broken. With the workers
                # gone, this process holds the pipe's last writing end: closed, the manager reads
                # the end of the pipe, and ends.
                with contextlib.suppress(OSError):
                    results._writer.close()


def worker_pool(workers: int) -> tuple[ProcessPoolExecutor, Any]:
    """A pool of ``workers`` spawned processes, and the event that asks them to stop.

    Interrupted, the parent sets the event and waits: a worker ends the chunk (or the partition's
    chunk) it is on and takes no other. Killing the workers instead is not safe: one killed while
    it sends a result leaves half a message in the pool's result pipe, and the pool's manager
    thread, which the parent must join to exit, waits for the rest (a worker killed from outside,
    by the OOM killer, does the same: ``_Processes.shutdown`` then closes the pipe's last writing
    end so that the manager ends).
    """
    context = get_context("spawn")
    stop = context.Event()
    pool = ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=_worker_started, initargs=(stop,)
    )
    return pool, stop


_stop_event: Any = None
"""In a worker of :func:`worker_pool`: its pool's stop event."""


def _worker_started(stop: Any) -> None:
    global _stop_event
    _stop_event = stop
    # Ctrl-C reaches the whole process group, and a service manager's SIGTERM may too: the
    # parent alone stops the run, cleanly, and stops the workers itself
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)


def stop_requested() -> bool:
    """Whether this process is a pool worker whose parent is stopping the run."""
    return _stop_event is not None and _stop_event.is_set()


class _Dask:
    """A ``dask.distributed`` cluster: chunks as tasks, rescheduled if a worker dies."""

    def __init__(self, client: Any) -> None:
        self.client = client

    def slots(self) -> int:
        """All the cluster's worker threads (``nthreads``, unlike ``scheduler_info()["workers"]``,
        which some versions of distributed cut at five workers)."""
        return max(1, int(sum(self.client.nthreads().values())))

    def submit(self, spec: PipelineSpec, tasks: list[Task]) -> Any:
        return self.client.submit(annotate_chunk, spec, tasks, pure=False)

    def wait_any(self, futures: list[Any]) -> None:
        from distributed import wait as dask_wait

        with contextlib.suppress(TimeoutError):
            dask_wait(futures, timeout=POLL_SECONDS, return_when="FIRST_COMPLETED")  # type: ignore[no-untyped-call]

    def shutdown(self, now: bool) -> None:
        pass

    def lost(self, exc: Exception) -> str:
        # while the client reconnects its status is "connecting", then "closed"; its futures
        # are cancelled with the reason "scheduler-connection-lost"
        if (
            self.client.status != "running"
            or isinstance(exc, (OSError, TimeoutError))
            or "scheduler-connection-lost" in str(exc)
        ):
            address = getattr(self.client.scheduler, "address", None) or "its address"
            return f"lost the Dask scheduler at {address} (the connection to it closed)"
        return f"{type(exc).__name__}: {exc or 'a worker died'}"


# -- the run -------------------------------------------------------------------------------------


@attrs.define
class Summary:
    """Counts of a run: every input is annotated, skipped as done already, or failed; on
    resume, how many of the annotated were redone, by reason."""

    annotated: int = 0
    failed: int = 0
    skipped: int = 0
    warnings: int = 0
    read: int = 0
    megabytes: float = 0.0
    seconds: float = 0.0
    redone: dict[str, int] = attrs.field(factory=dict)
    """Documents whose earlier output was not kept, by reason (:data:`REDO_REASONS`)."""

    def line(self) -> str:
        rate = (
            f", {self.annotated / self.seconds:.0f} docs/s, {self.megabytes / self.seconds:.2f} MB/s"
            if self.seconds
            else ""
        )
        done = f", {self.skipped} already done" if self.skipped else ""
        if self.redone:
            why = ", ".join(f"{n} {reason}" for reason in REDO_REASONS if (n := self.redone.get(reason)))
            done += f", {sum(self.redone.values())} redone ({why})"
        return (
            f"{self.annotated} annotated, {self.failed} failed{done}, {self.warnings} warnings, "
            f"{self.megabytes:.2f} MB in {self.seconds:.1f} s{rate}"
        )


Report = Callable[[str, Outcome | None, Summary], None]
"""Called as the run goes: ``("written", outcome, summary)``, ``("failed", ...)``, ``("skipped", ...)``."""


@attrs.frozen
class Kept:
    """An input whose earlier output is kept (on resume): it goes to no worker, but takes its
    place in input order."""

    seq: int
    document_id: str
    source: str


def annotate_corpus(
    inputs: Iterable[Document | InputError],
    output: Path,
    spec: PipelineSpec = PipelineSpec(),
    *,
    output_format: str = "files",
    workers: int = 1,
    batch_size: int = 32,
    resume: bool = False,
    client: Any = None,
    report: Report | None = None,
    warn: Callable[[str], None] = lambda message: None,
) -> Summary:
    """Annotate a corpus into ``output``; see the module's docstring.

    ``inputs`` are documents, or the errors of inputs that could not be read, as
    :func:`~ctannot.formats.inputs.iter_inputs` gives them (lazily: they are read as the run needs them).
    ``output_format`` is ``files`` (one file per document), ``jsonld-lines`` or
    ``jsonld-lines.gz``. ``workers`` > 1 runs worker processes; a Dask ``client`` runs the chunks
    on its cluster instead. The output folder is locked for the run (:class:`OutputLocked` if
    another run holds it; ``warn`` is told of a stale lock taken over). Raises what stops
    everything (missing models, a broken pipeline) and ``KeyboardInterrupt``, after writing what
    was done and closing the output.
    """
    if client is None and workers > 1:
        inputs, one_chunk = _first_chunk(inputs, batch_size)
        if one_chunk:  # one worker would get it all, after starting and loading the pipeline anew
            workers = 1
    output.mkdir(parents=True, exist_ok=True)
    _check_writable(output)
    with contextlib.ExitStack() as held:
        try:  # first: a second run into this folder stops at once, before loading anything
            held.enter_context(output_lock(output, warn))
        except OSError as exc:
            raise OutputError(f"cannot write in {output}: {exc.strerror or exc}") from None
        if client is None and workers <= 1:
            pipeline, exporter = _loaded(spec)  # rule-file and pipeline errors surface here, first
            registry = pipeline.registry
        else:  # the workers build the pipeline, and its errors come back with the first chunk
            registry = load_registry()
            exporter = spec.exporter(registry)
            pipeline = spec.pipeline(registry)
        if output_format not in ("files", "jsonld-lines", "jsonld-lines.gz"):
            raise PipelineError(
                f"unknown output format {output_format!r}: files, jsonld-lines or jsonld-lines.gz"
            )
        if output_format != "files" and spec.format != "jsonld":
            raise PipelineError(
                f"--output-format {output_format} needs the jsonld format, not {spec.format!r}"
            )
        made_by = pipeline_digest(
            pipeline,
            spec.format,
            {"backend": spec.backend, "on_fault": spec.on_fault, "output": output_format},
        )
        return _run(
            inputs,
            output,
            spec,
            exporter,
            registry,
            made_by,
            output_format,
            workers,
            batch_size,
            resume,
            client,
            report,
        )


def _run(
    inputs: Iterable[Document | InputError],
    output: Path,
    spec: PipelineSpec,
    exporter: Exporter,
    registry: Registry,
    made_by: str,
    output_format: str,
    workers: int,
    batch_size: int,
    resume: bool,
    client: Any,
    report: Report | None,
) -> Summary:
    """The run of :func:`annotate_corpus`, the output folder locked."""
    records = Records.start(output, made_by, resume)
    sink: Sink
    if output_format == "files":
        sink = FilesSink(output, exporter.suffix)
        for name, content in (exporter.shared(registry.types) if exporter.shared else {}).items():
            write_atomic(output / name, content)  # once per folder: XMI's TypeSystem.xml
    else:
        suffix = ".gz" if output_format.endswith(".gz") else ""
        sink = LinesSink(output / (LINES_FILE + suffix), resume=resume, recorded=records.record)
    failures = FailuresFile(output / FAILURES_FILE)
    executor: _Executor
    if client is not None:
        executor = _Dask(client)
    elif workers > 1:
        executor = _Processes(workers)
    else:
        executor = _InProcess()
    summary = Summary()
    started = time.perf_counter()
    seen: set[str] = set()  # output names written in this run: a repeated id is a duplicate
    digests: dict[int, str] = {}  # of the inputs in flight, for their records
    note = report or (lambda event, outcome, s: None)

    def judged(seq: int, item: Document) -> Task | Kept:
        """The task of a document: kept as it is, on resume, when its record still matches."""
        digests[seq] = input_digest(item)
        if not resume or item.id in seen:
            return Task(seq, item)
        status, record = records.status(item.id, digests[seq])
        if status == "recorded" and record is not None and sink.complete(item.id, record["output"]):
            seen.add(item.id)
            del digests[seq]
            return Kept(seq, item.id, str(item.metadata.get("source_file", item.id)))
        if status == "recorded" or (status == "new" and sink.present(item.id)):
            status = "incomplete"
        if status != "new":
            summary.redone[status] = summary.redone.get(status, 0) + 1
        return Task(seq, item)

    def tasks() -> Iterator[Task | Kept]:
        for seq, item in enumerate(inputs):
            summary.read += 1
            yield judged(seq, item) if isinstance(item, Document) else Task(seq, item)

    def fail(outcome: Outcome) -> None:
        summary.failed += 1
        try:
            failures.add(failure_record(outcome))
        except OSError as exc:
            raise OutputError(f"cannot write {failures.path}: {exc.strerror or exc}") from None
        note("failed", outcome, summary)

    def record(outcome: Outcome) -> None:
        if outcome.kept:
            assert outcome.document_id is not None
            if sink.keep(outcome.document_id):
                summary.skipped += 1
                note("skipped", None, summary)
            else:
                fail(attrs.evolve(outcome, error="its earlier output went away during the run: resume again"))
            return
        summary.megabytes += outcome.size / 1e6
        made_from = digests.pop(outcome.seq, "")
        document_id, output_text = outcome.document_id, outcome.output
        if output_text is not None and document_id is not None:
            if document_id in seen:
                outcome = attrs.evolve(
                    outcome,
                    output=None,
                    error=DUPLICATE_ID,
                )
            else:
                try:
                    where, written = sink.write(document_id, output_text, outcome.beside)
                    records.add(document_id, made_from, written)
                    outcome = attrs.evolve(outcome, written=where)
                except OSError as exc:
                    if exc.errno in _OUTPUT_GONE:
                        raise OutputError(f"cannot write in {output}: {exc.strerror}") from None
                    outcome = attrs.evolve(
                        outcome, output=None, error=f"cannot write its output: {exc.strerror or exc}"
                    )
        if outcome.output is None:
            fail(outcome)
            return
        assert outcome.document_id is not None
        seen.add(outcome.document_id)
        summary.annotated += 1
        summary.warnings += len(outcome.problems)
        note("written", outcome, summary)

    in_flight: dict[int, tuple[Any, list[Outcome]]] = {}
    ready: dict[int, list[Outcome]] = {}
    next_chunk = 0
    pending = tasks()
    chunks = enumerate(iter(lambda: list(itertools.islice(pending, batch_size)), []))
    finished = False
    with deferred_interrupts() as interrupts:
        try:
            exhausted = False
            while True:
                interrupts.check()
                # asked each time: a cluster's workers come and go
                window = max(2, 2 * _guarded(executor, executor.slots))
                while not exhausted and len(in_flight) < window:
                    chunk = next(chunks, None)
                    if chunk is None:
                        exhausted = True
                        break
                    index, chunk_tasks = chunk
                    kept = [
                        Outcome(t.seq, t.document_id, t.source, kept=True)
                        for t in chunk_tasks
                        if isinstance(t, Kept)
                    ]
                    work = [t for t in chunk_tasks if isinstance(t, Task)]
                    if work:
                        in_flight[index] = (_guarded(executor, executor.submit, spec, work), kept)
                    else:
                        ready[index] = kept
                if in_flight:
                    _guarded(executor, executor.wait_any, [f for f, _ in in_flight.values()])
                    for index in [i for i, (f, _) in in_flight.items() if f.done()]:
                        future, kept = in_flight.pop(index)
                        done = _guarded(executor, future.result)
                        ready[index] = sorted([*kept, *done], key=lambda o: o.seq)
                while next_chunk in ready:  # in input order, whatever order the chunks finish in
                    for outcome in ready.pop(next_chunk):
                        record(outcome)
                    next_chunk += 1
                if not in_flight and exhausted and not ready:
                    break
            finished = True
        except KeyboardInterrupt:
            for future, _ in in_flight.values():
                future.cancel()
            raise
        finally:
            stopping = sys.exc_info()[1] is not None
            executor.shutdown(now=stopping)
            for close in (functools.partial(sink.close, finished), records.close, failures.close):
                try:
                    close()
                except OSError as exc:
                    if not stopping:  # else the error that stops the run is the one to report
                        raise OutputError(
                            f"cannot finish writing in {output}: {exc.strerror or exc}"
                        ) from None
            summary.seconds = time.perf_counter() - started
    return summary


def _first_chunk(
    inputs: Iterable[Document | InputError], batch_size: int
) -> tuple[Iterator[Document | InputError], bool]:
    """``inputs`` as they were, and whether they hold one chunk at most (read ahead by one chunk)."""
    rest = iter(inputs)
    head = list(itertools.islice(rest, batch_size + 1))
    return itertools.chain(head, rest), len(head) <= batch_size


class OutputError(RuntimeError):
    """The output folder cannot take more (disk full, read-only, over quota): the run stops.

    What is written is complete (files are renamed into place whole; a cut last line of a lines
    file is dropped on resume), and ``resume`` does the rest once there is room.
    """


_OUTPUT_GONE = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EIO, errno.EFBIG, errno.EACCES})
"""Write errors that no other document would escape: the run stops rather than fail them all."""


def _check_writable(folder: Path) -> None:
    """Fail at once, before anything is annotated, if ``folder`` cannot take a file."""
    try:
        fd, probe = tempfile.mkstemp(dir=folder, prefix=".ctannot-", suffix=".part")
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise OutputError(f"cannot write in {folder}: {exc.strerror or exc}") from None


class ExecutorError(RuntimeError):
    """The executor lost work it cannot redo on its own (a worker process killed, the Dask
    scheduler gone): the run stops; what is written is complete, and ``resume`` does the rest."""


def _guarded(executor: _Executor, call: Callable[..., Any], *args: Any) -> Any:
    """``call(*args)``, a submission, a wait or a result, with the executor's own failures as
    :class:`ExecutorError`; the pipeline's errors, as a worker met them, pass as they are."""
    try:
        return call(*args)
    except (ModelsMissing, PipelineError, RuleFileError, RegistrationError):
        raise
    except Exception as exc:
        raise ExecutorError(executor.lost(exc)) from exc
