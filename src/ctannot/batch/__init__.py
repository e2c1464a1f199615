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

import errno
import functools
import gzip
import itertools
import json
import os
import signal
import sys
import tempfile
import threading
import time
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from multiprocessing import get_context
from pathlib import Path
from typing import IO, Any, Protocol

import attrs

from ctannot.api import load_registry
from ctannot.extractors.rule_extractor import DEFAULT_RULE_TIMEOUT, RuleExtractor
from ctannot.formats import Exporter
from ctannot.formats.inputs import InputError, output_name, write_atomic
from ctannot.model import Document
from ctannot.nlp import LinguisticExtractor, ModelsMissing
from ctannot.pipeline import DEFAULT_TIME_LIMIT, ExtractionError, Pipeline, PipelineError
from ctannot.registry import RegistrationError, Registry
from ctannot.rules import RuleFileError

__all__ = [
    "FAILURES_FILE",
    "LINES_FILE",
    "ExecutorError",
    "FilesSink",
    "LinesSink",
    "Outcome",
    "OutputError",
    "PipelineSpec",
    "Summary",
    "annotate_chunk",
    "annotate_corpus",
    "annotate_tasks",
    "failure_line",
]

FAILURES_FILE = "failures.jsonl"
LINES_FILE = "annotations.jsonld.jsonl"


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


def annotate_chunk(spec: PipelineSpec, tasks: Sequence[Task]) -> list[Outcome]:
    """Annotate a chunk of tasks with the pipeline of ``spec`` (built once per process).

    This is what runs in a worker process or on a Dask worker; it never raises for a document's
    fault, only for what stops everything (missing models, a broken pipeline).
    """
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


# -- where the output goes -----------------------------------------------------------------------


class Sink(Protocol):
    """Where annotated documents go, in input order."""

    def done(self, document_id: str) -> bool:
        """Whether the output of ``document_id`` is already complete (from an earlier run)."""

    def write(self, outcome: Outcome) -> str:
        """Write an annotated document; return where it went."""

    def close(self) -> None: ...


@attrs.define
class FilesSink:
    """One file per document, ``OUT_DIR/<id><suffix>``, each written atomically."""

    folder: Path
    suffix: str

    def __attrs_post_init__(self) -> None:
        for stale in self.folder.glob(".*.part"):  # what a killed run was writing: never complete
            stale.unlink(missing_ok=True)

    def path(self, document_id: str) -> Path:
        return self.folder / output_name(document_id, self.suffix)

    def done(self, document_id: str) -> bool:
        """Whether the file is there and whole. Files are renamed into place only once written,
        but not synced to disk one by one: after a system crash one may be there, yet empty or
        cut. Every exported text ends with a newline, so its last byte tells."""
        try:
            with self.path(document_id).open("rb") as handle:
                handle.seek(-1, os.SEEK_END)
                return handle.read(1) == b"\n"
        except OSError:  # absent, or empty (seek before the start)
            return False

    def write(self, outcome: Outcome) -> str:
        assert outcome.document_id is not None
        assert outcome.output is not None
        path = self.path(outcome.document_id)
        for suffix, content in outcome.beside.items():  # first: the main file, last, tells all is done
            write_atomic(self.folder / output_name(outcome.document_id, suffix), content, durable=False)
        text = outcome.output
        if isinstance(text, str) and not text.endswith("\n"):
            text += "\n"
        write_atomic(path, text, durable=False)
        return str(path)

    def close(self) -> None:
        pass


@attrs.define
class LinesSink:
    """JSON-LD lines: one document's collection per line, in input order, optionally gzipped.

    Lines are written whole. On ``resume`` the complete lines of an earlier run are kept (a line
    cut short by a crash, or a gzip stream cut short, is dropped) and the run goes on after them.
    """

    path: Path
    resume: bool = False
    _done: set[str] = attrs.field(factory=set)
    _handle: IO[bytes] | None = None

    def __attrs_post_init__(self) -> None:
        kept = self._complete_lines() if self.resume and self.path.exists() else []
        tmp = self.path.with_name(f".{self.path.name}.part")
        with self._open(tmp, "wb") as out:  # the kept lines, rewritten whole: no broken tail remains
            for line in kept:
                out.write(line)
        os.replace(tmp, self.path)
        self._done = {_document_id(line) for line in kept}
        self._handle = self._open(self.path, "ab")  # open for the run; close() closes it

    @property
    def gzipped(self) -> bool:
        return self.path.name.endswith(".gz")

    def _open(self, path: Path, mode: str = "wb") -> IO[bytes]:
        if self.gzipped:
            return gzip.open(path, mode)  # type: ignore[return-value]  # GzipFile is a binary IO
        return open(path, mode)

    def _complete_lines(self) -> list[bytes]:
        lines = []
        with self._open(self.path, "rb") as raw:
            try:
                for line in raw:
                    if not line.endswith(b"\n"):
                        break
                    _document_id(line)  # a whole, valid line, or the end of what is kept
                    lines.append(line)
            except (OSError, EOFError, zlib.error, ValueError, KeyError, TypeError):
                pass  # the tail a crash cut short
        return lines

    def done(self, document_id: str) -> bool:
        return document_id in self._done

    def write(self, outcome: Outcome) -> str:
        assert isinstance(outcome.output, str)
        assert self._handle is not None
        # the JSON-LD exporter writes one line and a newline; a line is written whole, then flushed
        self._handle.write(outcome.output.rstrip("\n").encode("utf-8") + b"\n")
        self._handle.flush()
        return str(self.path)

    def close(self) -> None:
        if self._handle is not None:
            self._handle.close()
            self._handle = None


def failure_line(outcome: Outcome) -> str:
    """The line of ``failures.jsonl`` that says why ``outcome`` has no output."""
    record = {
        "input": outcome.source,
        "document": outcome.document_id,
        "extractor": outcome.extractor,
        "plugin": outcome.plugin,
        "error": outcome.error,
    }
    return json.dumps(record, ensure_ascii=False) + "\n"


DUPLICATE_ID = "duplicate id: the output of an earlier document of this id is already written"


@attrs.define
class _FailuresFile:
    """``failures.jsonl``: one line per input not annotated (input, document, extractor, error).

    Made at the first failure, none without; a run (resumed or not) starts it afresh, since
    it redoes what failed before.
    """

    path: Path
    _handle: IO[str] | None = None

    def __attrs_post_init__(self) -> None:
        self.path.unlink(missing_ok=True)

    def add(self, outcome: Outcome) -> None:
        if self._handle is None:
            self._handle = self.path.open("w", encoding="utf-8")
        self._handle.write(failure_line(outcome))
        self._handle.flush()

    def close(self) -> None:
        if self._handle is not None:
            self._handle.close()
            self._handle = None


# -- executors -----------------------------------------------------------------------------------


class _Executor(Protocol):
    """Where chunks run: how many at once, how to send one, how to wait for any."""

    def slots(self) -> int:
        """How many chunks run at once (asked again as the run goes: a cluster may grow)."""

    def submit(self, spec: PipelineSpec, tasks: list[Task]) -> Any: ...

    def wait_any(self, futures: list[Any]) -> None: ...

    def shutdown(self) -> None: ...


class _InProcess:
    """Chunks annotated right here, one after another."""

    def slots(self) -> int:
        return 1

    def submit(self, spec: PipelineSpec, tasks: list[Task]) -> Future[list[Outcome]]:
        future: Future[list[Outcome]] = Future()
        future.set_result(annotate_chunk(spec, tasks))
        return future

    def wait_any(self, futures: list[Any]) -> None:
        wait(futures, return_when=FIRST_COMPLETED)

    def shutdown(self) -> None:
        pass


class _Processes(_InProcess):
    """A pool of worker processes (spawned: no state shared with this one but the spec)."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self.pool = ProcessPoolExecutor(
            max_workers=workers, mp_context=get_context("spawn"), initializer=_ignore_interrupts
        )

    def slots(self) -> int:
        return self.workers

    def submit(self, spec: PipelineSpec, tasks: list[Task]) -> Future[list[Outcome]]:
        return self.pool.submit(annotate_chunk, spec, tasks)

    def shutdown(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


def _ignore_interrupts() -> None:
    # Ctrl-C reaches the whole process group: the parent alone stops the run, cleanly
    signal.signal(signal.SIGINT, signal.SIG_IGN)


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

        dask_wait(futures, return_when="FIRST_COMPLETED")  # type: ignore[no-untyped-call]

    def shutdown(self) -> None:
        pass


# -- the run -------------------------------------------------------------------------------------


@attrs.define
class Summary:
    """Counts of a run: every input is annotated, skipped as done already, or failed."""

    annotated: int = 0
    failed: int = 0
    skipped: int = 0
    warnings: int = 0
    read: int = 0
    megabytes: float = 0.0
    seconds: float = 0.0

    def line(self) -> str:
        rate = (
            f", {self.annotated / self.seconds:.0f} docs/s, {self.megabytes / self.seconds:.2f} MB/s"
            if self.seconds
            else ""
        )
        done = f", {self.skipped} already done" if self.skipped else ""
        return (
            f"{self.annotated} annotated, {self.failed} failed{done}, {self.warnings} warnings, "
            f"{self.megabytes:.2f} MB in {self.seconds:.1f} s{rate}"
        )


Report = Callable[[str, Outcome | None, Summary], None]
"""Called as the run goes: ``("written", outcome, summary)``, ``("failed", ...)``, ``("skipped", ...)``."""


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
) -> Summary:
    """Annotate a corpus into ``output``; see the module's docstring.

    ``inputs`` are documents, or the errors of inputs that could not be read, as
    :func:`~ctannot.formats.inputs.iter_inputs` gives them (lazily: they are read as the run needs them).
    ``output_format`` is ``files`` (one file per document), ``jsonld-lines`` or
    ``jsonld-lines.gz``. ``workers`` > 1 runs worker processes; a Dask ``client`` runs the chunks
    on its cluster instead. Raises what stops everything (missing models, a broken pipeline) and
    ``KeyboardInterrupt``, after writing what was done and closing the output.
    """
    if client is None and workers > 1:
        inputs, one_chunk = _first_chunk(inputs, batch_size)
        if one_chunk:  # one worker would get it all, after starting and loading the pipeline anew
            workers = 1
    if client is None and workers <= 1:
        pipeline, exporter = _loaded(spec)  # rule-file and pipeline errors surface here, first
        registry = pipeline.registry
    else:  # the workers build the pipeline, and its errors come back with the first chunk
        registry = load_registry()
        exporter = spec.exporter(registry)
    output.mkdir(parents=True, exist_ok=True)
    _check_writable(output)
    if output_format == "files":
        sink: Sink = FilesSink(output, exporter.suffix)
        for name, content in (exporter.shared(registry.types) if exporter.shared else {}).items():
            write_atomic(output / name, content)  # once per folder: XMI's TypeSystem.xml
    elif output_format in ("jsonld-lines", "jsonld-lines.gz"):
        if spec.format != "jsonld":
            raise PipelineError(
                f"--output-format {output_format} needs the jsonld format, not {spec.format!r}"
            )
        suffix = ".gz" if output_format.endswith(".gz") else ""
        sink = LinesSink(output / (LINES_FILE + suffix), resume=resume)
    else:
        raise PipelineError(
            f"unknown output format {output_format!r}: files, jsonld-lines or jsonld-lines.gz"
        )
    failures = _FailuresFile(output / FAILURES_FILE)
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
    note = report or (lambda event, outcome, s: None)

    def tasks() -> Iterator[Task]:
        for seq, item in enumerate(inputs):
            summary.read += 1
            if resume and isinstance(item, Document) and item.id not in seen and sink.done(item.id):
                seen.add(item.id)
                summary.skipped += 1
                note("skipped", None, summary)
                continue
            yield Task(seq, item)

    def record(outcome: Outcome) -> None:
        summary.megabytes += outcome.size / 1e6
        if outcome.output is not None and outcome.document_id is not None:
            if outcome.document_id in seen:
                outcome = attrs.evolve(
                    outcome,
                    output=None,
                    error=DUPLICATE_ID,
                )
            else:
                try:
                    outcome = attrs.evolve(outcome, written=sink.write(outcome))
                except OSError as exc:
                    if exc.errno in _OUTPUT_GONE:
                        raise OutputError(f"cannot write in {output}: {exc.strerror}") from None
                    outcome = attrs.evolve(
                        outcome, output=None, error=f"cannot write its output: {exc.strerror or exc}"
                    )
        if outcome.output is None:
            summary.failed += 1
            try:
                failures.add(outcome)
            except OSError as exc:
                raise OutputError(f"cannot write {failures.path}: {exc.strerror or exc}") from None
            note("failed", outcome, summary)
            return
        assert outcome.document_id is not None
        seen.add(outcome.document_id)
        summary.annotated += 1
        summary.warnings += len(outcome.problems)
        note("written", outcome, summary)

    in_flight: dict[int, Any] = {}
    ready: dict[int, list[Outcome]] = {}
    next_chunk = 0
    pending = tasks()
    chunks = enumerate(iter(lambda: list(itertools.islice(pending, batch_size)), []))
    try:
        exhausted = False
        while True:
            window = max(2, 2 * executor.slots())  # asked each time: a cluster's workers come and go
            while not exhausted and len(in_flight) < window:
                chunk = next(chunks, None)
                if chunk is None:
                    exhausted = True
                    break
                index, chunk_tasks = chunk
                in_flight[index] = _guarded(executor.submit, spec, chunk_tasks)
            if not in_flight:
                break
            executor.wait_any(list(in_flight.values()))
            for index in [i for i, f in in_flight.items() if f.done()]:
                ready[index] = _guarded(in_flight.pop(index).result)
            while next_chunk in ready:  # in input order, whatever order the chunks finish in
                for outcome in ready.pop(next_chunk):
                    record(outcome)
                next_chunk += 1
    except KeyboardInterrupt:
        for future in in_flight.values():
            future.cancel()
        raise
    finally:
        executor.shutdown()
        stopping = sys.exc_info()[1] is not None
        for close in (sink.close, failures.close):
            try:
                close()
            except OSError as exc:
                if not stopping:  # else the error that stops the run is the one to report
                    raise OutputError(f"cannot finish writing in {output}: {exc.strerror or exc}") from None
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


def _guarded(call: Callable[..., Any], *args: Any) -> Any:
    """``call(*args)``, a submission or a result, with the executor's own failures as
    :class:`ExecutorError`; the pipeline's errors, as a worker met them, pass as they are."""
    try:
        return call(*args)
    except (ModelsMissing, PipelineError, RuleFileError, RegistrationError):
        raise
    except Exception as exc:
        raise ExecutorError(f"{type(exc).__name__}: {exc or 'a worker died'}") from exc


def _document_id(line: bytes) -> str:
    document_id = json.loads(line)["document"]["documentId"]
    if not isinstance(document_id, str):
        raise TypeError("documentId is not a string")
    return document_id
