"""Partitioned batch annotation: workers read their inputs and write their outputs themselves,
on storage they share (a local or mounted folder, or an object store such as S3, through fsspec).

The client only plans: each input file is one *partition*, which a worker reads, annotates and
writes as ``part-NNNNN.jsonld-lines.gz`` (and ``part-NNNNN.parquet``, the flat table of
:mod:`ctannot.formats.table`, when asked), with ``part-NNNNN.failures.jsonl`` when some of its
inputs were not annotated. Only counts come back to the client, so its work per gigabyte of text
does not grow with the output.

A partition is committed whole: each file is written under a temporary name and renamed where
the store renames atomically (a local file system), or straight under its name where an object
appears only once written whole (an object store); either way ``part-NNNNN.done.json`` is
written last. That marker is the manifest of the partition: which input (and a digest of its
size and version, from the store), which pipeline (a digest of its names, versions and options),
what was written and the counts. ``resume`` redoes every partition whose marker is missing or
names another input digest or pipeline, and keeps the rest.
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import io
import itertools
import json
import posixpath
import time
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from fnmatch import fnmatch
from pathlib import Path
from typing import IO, Any

import attrs

from ctannot.api import load_registry
from ctannot.batch import (
    DUPLICATE_ID,
    PipelineSpec,
    Summary,
    Task,
    _Dask,
    _guarded,
    _Processes,
    annotate_tasks,
    failure_line,
    stop_requested,
)
from ctannot.batch.interrupts import deferred_interrupts
from ctannot.formats.inputs import (
    DEFAULT_MAX_CHARS,
    JSONL_SUFFIXES,
    InputError,
    read_jsonl_stream,
    txt_document,
)
from ctannot.formats.table import write_parquet
from ctannot.formats.writing import atomic_file
from ctannot.model import Document
from ctannot.pipeline import PipelineError
from ctannot.version import __version__

__all__ = [
    "MARKER_SUFFIX",
    "Partition",
    "PartitionJob",
    "PartitionResult",
    "PlanError",
    "annotate_partition",
    "annotate_partitions",
    "is_url",
    "pipeline_digest",
    "plan_partitions",
]

LINES_SUFFIX = ".jsonld-lines.gz"
PARQUET_SUFFIX = ".parquet"
FAILURES_SUFFIX = ".failures.jsonl"
MARKER_SUFFIX = ".done.json"


class PartitionStopped(Exception):
    """The run stopped (Ctrl-C) while a worker was on this partition: it is left uncommitted."""


class PlanError(ValueError):
    """An input or the output cannot be planned (absent, unreadable, not a kind ctannot reads):
    a mistake in the command, reported before anything is annotated."""


def _fsspec() -> Any:
    try:
        import fsspec
    except ImportError:
        raise PlanError("partitioned runs need fsspec: pip install 'ctannot[dask]'") from None
    return fsspec


def _store(url: str) -> tuple[Any, str]:
    """The fsspec file system of ``url`` and the path in it; a store whose package is missing
    (gcsfs for gs://, s3fs for s3://) is named."""
    try:
        return _fsspec().core.url_to_fs(url)  # type: ignore[no-any-return]
    except (ImportError, ValueError) as exc:
        raise PlanError(f"{url}: {exc}") from None


def is_url(name: str | Path) -> bool:
    """Whether ``name`` is a URL (``s3://bucket/key``, ``file:///tmp/x``) rather than a path."""
    return "://" in str(name)


# -- the plan ------------------------------------------------------------------------------------


@attrs.frozen
class Partition:
    """One input file, read and written by one worker."""

    number: int
    url: str
    """Where the worker reads it, protocol and all (``s3://news/a.jsonl.gz``, ``file:///...``)."""
    name: str
    """The input as the user named it, in messages and in the documents' ``source_file``."""
    digest: str
    """Of what the store says of the file (its ETag, or its size and time): a changed file is redone."""
    size: int = 0
    source: str = ""
    """A text file's ``source_file``: its path in the input folder it was found in, or its name
    (as a single-process run has it)."""
    start: int = 0
    end: int | None = None
    """A slice of a large uncompressed JSON Lines file: the partition holds the lines that
    begin at a byte in ``[start, end)``; ``None``: the whole file."""

    @property
    def stem(self) -> str:
        return f"part-{self.number:05d}"


DEFAULT_SPLIT_BYTES = 256 << 20
"""Uncompressed JSON Lines files larger than this are split into partitions of this many bytes."""


def plan_partitions(
    inputs: Iterable[str], pattern: str = "*.txt", split_bytes: int | None = DEFAULT_SPLIT_BYTES
) -> list[Partition]:
    """The partitions of ``inputs`` (paths or URLs of files, of folders, or with ``*`` and ``?``),
    in the order a single-process run reads them: a folder's files whose name matches
    ``pattern``, its own before its subfolders', each in sorted order. An uncompressed JSON
    Lines file of more than ``split_bytes`` is cut into slices of that many bytes (``None``:
    never), each slice a partition. The client lists the store; it reads no input."""
    found: list[tuple[str, str, dict[str, Any], str]] = []
    for given in inputs:
        if given == "-":
            raise PlanError("standard input (-) cannot be partitioned: give files or URLs")
        try:
            fs, path = _store(given)
            if any(c in path for c in "*?["):
                matched = fs.glob(path, detail=True)
                files = [(p, i) for p, i in sorted(matched.items()) if i.get("type") == "file"]
                if not files:
                    raise PlanError(f"{given}: no file matches")
                found += [
                    (fs.unstrip_protocol(p), _name(given, fs, p), i, posixpath.basename(p)) for p, i in files
                ]
            elif fs.isdir(path):
                listing = fs.find(path, detail=True)
                files = [(p, i) for p, i in listing.items() if fnmatch(posixpath.basename(p), pattern)]
                if not files:
                    raise PlanError(f"{given}: folder has no files matching {pattern!r}")
                files.sort(key=lambda item: _walk_order(posixpath.relpath(item[0], path)))
                for p, i in files:
                    name = posixpath.join(given, posixpath.relpath(p, path))
                    found.append((fs.unstrip_protocol(p), name, i, posixpath.relpath(p, path)))
            else:
                info = fs.info(path)
                found.append((fs.unstrip_protocol(path), given, info, posixpath.basename(path)))
        except FileNotFoundError:
            raise PlanError(f"{given}: no such file or folder") from None
        except OSError as exc:
            raise PlanError(f"{given}: cannot be listed ({exc})") from None
    partitions: list[Partition] = []
    for url, name, info, source in found:
        if not url.endswith((*JSONL_SUFFIXES, ".txt")):
            raise PlanError(f"{name}: unsupported input: give .txt, .jsonl or .jsonl.gz files, or folders")
        size, digest = int(info.get("size") or 0), _digest(info)
        if split_bytes is None or not url.endswith(".jsonl") or size <= split_bytes:
            partitions.append(Partition(len(partitions), url, name, digest, size, source))
            continue
        for start in range(0, size, split_bytes):
            end = min(start + split_bytes, size)
            partitions.append(
                Partition(
                    len(partitions),
                    url,
                    f"{name}[{start}:{end}]",  # its lines are numbered from the slice's first
                    hashlib.sha256(f"{digest} {start} {end}".encode()).hexdigest()[:32],
                    end - start,
                    source,
                    start,
                    end,
                )
            )
    return partitions


def _name(given: str, fs: Any, path: str) -> str:
    """A matched file named as the user names files: a URL when the pattern was one."""
    return fs.unstrip_protocol(path) if is_url(given) else path


def _walk_order(relative: str) -> tuple[tuple[int, str], ...]:
    """The order of ``os.walk`` with sorted listings: at each level files, then folders."""
    parts = relative.split("/")
    return (*((1, part) for part in parts[:-1]), (0, parts[-1]))


_VERSION_KEYS = ("ETag", "etag", "md5Hash", "crc32c", "mtime", "LastModified", "last_modified")


def _digest(info: dict[str, Any]) -> str:
    """What the store says of a file's version: its ETag or checksum when it has one, else its
    modification time; with its size. Reading the file to hash it would be the worker's work."""
    version = {key: str(info[key]) for key in _VERSION_KEYS if key in info}
    version["size"] = str(info.get("size"))
    return hashlib.sha256(json.dumps(version, sort_keys=True).encode("utf-8")).hexdigest()[:32]


def pipeline_digest(spec: PipelineSpec, *options: Any) -> str:
    """A digest of what makes the output: the spec, ctannot's version, the pipeline's
    extractors with their versions (from the plugins installed here), and ``options``."""
    registry = load_registry()
    pipeline = spec.pipeline(registry)
    what = {
        "spec": attrs.asdict(spec),
        "ctannot": __version__,
        "extractors": [[ex.name, ex.version] for ex in pipeline.extractors],
        "options": [str(option) for option in options],
    }
    return hashlib.sha256(json.dumps(what, sort_keys=True).encode("utf-8")).hexdigest()[:32]


# -- one partition, on a worker -----------------------------------------------------------------


@attrs.frozen
class PartitionJob:
    """What a worker needs to do one partition: small, whatever the partition's size."""

    partition: Partition
    output: str
    """The output folder's URL."""
    pipeline: str
    """:func:`pipeline_digest`, written into the marker."""
    parquet: bool = False
    lang: str | None = None
    max_chars: int | None = DEFAULT_MAX_CHARS
    batch_size: int = 32


@attrs.frozen
class PartitionResult:
    """The counts of a partition: all that goes back to the client."""

    number: int
    name: str
    read: int = 0
    annotated: int = 0
    failed: int = 0
    warnings: int = 0
    megabytes: float = 0.0
    skipped: bool = False
    """Done by an earlier run (``resume``), not now."""


def annotate_partition(spec: PipelineSpec, job: PartitionJob) -> PartitionResult:
    """Read, annotate and write one partition, then its marker (this runs on a worker).

    The partition's earlier files go first, its marker before them, so that no marker ever
    vouches for files of another run. Raises only what stops everything (a broken pipeline, the
    store refusing to write); an input's fault is one of its failures.
    """
    fs, root = _store(job.output)
    part = job.partition
    _remove_partitions(fs, root, lambda number: number == part.number)
    failures: list[str] = []
    seen: set[str] = set()
    counts = {"read": 0, "annotated": 0, "failed": 0, "warnings": 0, "bytes": 0}
    lines_path = f"{root}/{part.stem}{LINES_SUFFIX}"
    written = [lines_path]

    def annotated(lines: gzip.GzipFile) -> Iterator[Document]:
        items = _read_partition(part, job.lang, job.max_chars)
        number = itertools.count()
        while chunk := list(itertools.islice(items, job.batch_size)):
            if stop_requested():
                raise PartitionStopped(part.url)
            for outcome, document in annotate_tasks(spec, [Task(next(number), item) for item in chunk]):
                counts["read"] += 1
                counts["bytes"] += outcome.size
                if document is not None and outcome.document_id in seen:
                    outcome, document = attrs.evolve(outcome, output=None, error=DUPLICATE_ID), None
                if document is None or not isinstance(outcome.output, str):
                    counts["failed"] += 1
                    failures.append(failure_line(outcome))
                    continue
                seen.add(document.id)
                counts["annotated"] += 1
                counts["warnings"] += len(outcome.problems)
                lines.write(outcome.output.rstrip("\n").encode("utf-8") + b"\n")
                yield document

    with _committed(fs, lines_path) as raw, gzip.GzipFile("", "wb", fileobj=raw, mtime=0) as lines:
        if job.parquet:
            parquet_path = f"{root}/{part.stem}{PARQUET_SUFFIX}"
            with _committed(fs, parquet_path) as table:
                write_parquet(annotated(lines), table)
            written.append(parquet_path)
        else:
            for _ in annotated(lines):
                pass
    if failures:
        failures_path = f"{root}/{part.stem}{FAILURES_SUFFIX}"
        with _committed(fs, failures_path) as handle:
            handle.write("".join(failures).encode("utf-8"))
        written.append(failures_path)
    marker = {
        "partition": part.number,
        "input": part.url,
        "input_digest": part.digest,
        "pipeline": job.pipeline,
        "files": [posixpath.basename(path) for path in written],
        **counts,
    }
    with _committed(fs, f"{root}/{part.stem}{MARKER_SUFFIX}") as handle:
        handle.write(json.dumps(marker, ensure_ascii=False, indent=1).encode("utf-8") + b"\n")
    return _result(part, marker)


def _result(part: Partition, marker: dict[str, Any], skipped: bool = False) -> PartitionResult:
    return PartitionResult(
        part.number,
        part.name,
        marker["read"],
        marker["annotated"],
        marker["failed"],
        marker["warnings"],
        marker["bytes"] / 1e6,
        skipped,
    )


def _read_partition(
    part: Partition, lang: str | None, max_chars: int | None
) -> Iterator[Document | InputError]:
    """The documents of a partition's file, read from the store as the run goes."""
    gzipped = part.url.endswith(".gz")
    try:
        with _fsspec().open(part.url, "rb", compression="gzip" if gzipped else None) as handle:
            if part.end is not None:
                lines = io.BufferedReader(LinesBeginningIn(handle, part.start, part.end), _READ_BYTES)
                yield from read_jsonl_stream(lines, part.name, lang, max_chars, empty_ok=True)
                return
            if part.url.endswith(JSONL_SUFFIXES):
                yield from read_jsonl_stream(handle, part.name, lang, max_chars)
                return
            data = handle.read()
    except (OSError, EOFError, zlib.error) as exc:  # absent since planned, cut short, not gzip
        yield InputError(part.name, f"cannot be read to the end ({exc})")
        return
    try:
        yield txt_document(
            data, part.name, posixpath.basename(part.url), lang, max_chars, source=part.source or None
        )
    except InputError as exc:
        yield exc


_READ_BYTES = 1 << 20


class LinesBeginningIn(io.RawIOBase):
    """The bytes of the lines of a seekable binary file that begin at a byte in ``[start, end)``.

    Slices of a file cut at any bytes this way hold each line once: a slice skips the line it
    begins inside of (the one before it owns it) and reads past ``end`` to the end of its last
    line. Reading stays linear: only the slice and the line that crosses its end are read.
    """

    def __init__(self, handle: IO[bytes], start: int, end: int, chunk: int = _READ_BYTES) -> None:
        self.handle, self.end, self.chunk = handle, end, chunk
        self.buffer = b""
        self.position = start  # in the file, of the first byte of the buffer
        self.finished = False
        if start > 0:  # the line that ends at or after the byte before start is not ours
            handle.seek(start - 1)
            self.position = start - 1
            while not self.finished:
                piece = handle.read(self.chunk)
                newline = piece.find(b"\n")
                if not piece:
                    self.finished = True
                elif newline < 0:
                    self.position += len(piece)
                else:
                    self.buffer, self.position = piece[newline + 1 :], self.position + newline + 1
                    break
        self.finished = self.finished or self.position >= end

    def readable(self) -> bool:
        return True

    def readinto(self, into: Any) -> int:
        if self.finished:
            return 0
        if not self.buffer:
            self.buffer = self.handle.read(self.chunk)
            if not self.buffer:
                self.finished = True
                return 0
        data = self.buffer[: len(into)]
        # the last line ours is the one with the first newline at or after the byte before end
        newline = data.find(b"\n", max(self.end - 1 - self.position, 0))
        if newline >= 0:
            data, self.finished = data[: newline + 1], True
        into[: len(data)] = data
        self.buffer = self.buffer[len(data) :]
        self.position += len(data)
        return len(data)


def _renames_atomically(fs: Any) -> bool:
    return "file" in ((fs.protocol,) if isinstance(fs.protocol, str) else fs.protocol)


@contextlib.contextmanager
def _committed(fs: Any, path: str) -> Iterator[IO[bytes]]:
    """A file to write that is there whole or not at all: renamed into place on a local file
    system (:func:`~ctannot.formats.writing.atomic_file`); on an object store, written under its
    name, since an object appears only once its upload is complete."""
    if _renames_atomically(fs):
        with atomic_file(Path(path), durable=False) as handle:
            yield handle
        return
    with fs.open(path, "wb") as handle:
        yield handle


def _remove_partitions(fs: Any, root: str, which: Callable[[int], bool]) -> None:
    """Remove the files (and temporary files) of the partitions whose number is ``which``,
    each partition's marker first."""
    by_number: dict[int, list[str]] = {}
    fs.invalidate_cache(root)  # a worker lives on from run to run: its store's listings with it
    try:
        listing = fs.ls(root, detail=False)
    except FileNotFoundError:  # an object store's folder is there once it holds an object
        return
    for path in listing:
        name = posixpath.basename(path.rstrip("/")).removeprefix(".")  # .part-...: a killed run's
        if name.startswith("part-") and name[5:10].isdigit() and which(int(name[5:10])):
            by_number.setdefault(int(name[5:10]), []).append(path)
    for paths in by_number.values():
        paths.sort(key=lambda p: not p.endswith(MARKER_SUFFIX))
        for path in paths:
            with contextlib.suppress(FileNotFoundError):
                fs.rm(path)


# -- the run, on the client ---------------------------------------------------------------------


def annotate_partitions(
    partitions: Sequence[Partition],
    output: str,
    spec: PipelineSpec,
    *,
    parquet: bool = False,
    lang: str | None = None,
    max_chars: int | None = DEFAULT_MAX_CHARS,
    batch_size: int = 32,
    resume: bool = False,
    client: Any = None,
    workers: int = 1,
    report: Callable[[PartitionResult, Summary], None] | None = None,
) -> Summary:
    """Annotate ``partitions`` into the folder ``output`` (a path or URL); see the module's docstring.

    On a Dask ``client``'s cluster, or in ``workers`` local processes, or here. Without
    ``resume`` the output's partitions of earlier runs are removed first; with it, those whose
    marker matches are kept and counted as skipped, the rest are redone. Raises what stops
    everything (a broken pipeline, the store refusing to write) and ``KeyboardInterrupt``:
    what is committed stays committed.
    """
    if spec.format != "jsonld":
        raise PipelineError(
            f"partitioned runs write JSON-LD lines, with the jsonld format, not {spec.format!r}"
        )
    digest = pipeline_digest(spec, lang, max_chars, parquet)
    fs, root = _store(output)
    try:
        fs.makedirs(root, exist_ok=True)
        done = _finished(fs, root) if resume else {}
        planned = {p.number for p in partitions} if resume else set()
        _remove_partitions(fs, root, lambda number: number not in planned)  # of earlier runs
    except OSError as exc:
        raise PlanError(f"{output}: cannot be written ({exc})") from None
    output = fs.unstrip_protocol(root)
    summary = Summary()
    started = time.perf_counter()
    note = report or (lambda result, s: None)

    def add(result: PartitionResult) -> None:
        if result.skipped:  # as in a single-process run: counted, neither read nor timed
            summary.skipped += result.annotated
        else:
            summary.read += result.read
            summary.megabytes += result.megabytes
            summary.annotated += result.annotated
            summary.failed += result.failed
            summary.warnings += result.warnings
        summary.seconds = time.perf_counter() - started
        note(result, summary)

    jobs = []
    for part in partitions:
        marker = done.get(part.number)
        if marker and (marker.get("input"), marker.get("input_digest"), marker.get("pipeline")) == (
            part.url,
            part.digest,
            digest,
        ):
            add(_result(part, marker, skipped=True))
        else:
            jobs.append(PartitionJob(part, output, digest, parquet, lang, max_chars, batch_size))
    for result in _run(spec, jobs, client, workers):
        add(result)
    summary.seconds = time.perf_counter() - started
    return summary


def _submitted(executor: _Dask | _Processes, spec: PipelineSpec, job: PartitionJob) -> Any:
    if isinstance(executor, _Dask):
        return executor.client.submit(annotate_partition, spec, job, pure=False)
    return executor.pool.submit(annotate_partition, spec, job)


def _finished(fs: Any, root: str) -> dict[int, dict[str, Any]]:
    """The markers of the partitions an earlier run finished, by number."""
    found = {}
    fs.invalidate_cache(root)
    for path in fs.glob(f"{root}/part-*{MARKER_SUFFIX}"):
        try:
            marker = json.loads(fs.cat_file(path))
            found[int(marker["partition"])] = marker
        except (OSError, ValueError, KeyError, TypeError):
            continue  # unreadable: that partition is redone
    return found


def _run(
    spec: PipelineSpec, jobs: list[PartitionJob], client: Any, workers: int
) -> Iterator[PartitionResult]:
    """The results of ``jobs`` as they finish, from where they run."""
    if not jobs:
        return
    if client is not None or workers > 1:
        executor: _Dask | _Processes = _Dask(client) if client is not None else _Processes(workers)
        stopping = True
        with deferred_interrupts() as interrupts:
            pending = {_submitted(executor, spec, job) for job in jobs}
            try:
                while pending:
                    interrupts.check()
                    _guarded(executor, executor.wait_any, list(pending))
                    for future in [f for f in pending if f.done()]:
                        pending.discard(future)
                        yield _guarded(executor, future.result)
                stopping = False
            finally:
                if client is not None:
                    client.cancel(list(pending))  # on an interruption or an error: nothing left running
                executor.shutdown(now=stopping)  # the partitions begun are left uncommitted
    else:
        for job in jobs:
            yield annotate_partition(spec, job)
