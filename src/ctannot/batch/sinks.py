"""Where a batch run writes: one file per document, or JSON-LD lines, and ``failures.jsonl``.

Every file is written through :mod:`ctannot.formats.writing`: made new under an unpredictable
name and renamed into place, so that nothing planted in the output folder is written through.
Each sink says what it wrote as digests (name to SHA-256 of the bytes), for the run's records
(:mod:`ctannot.batch.records`), and checks on ``--resume`` that an earlier output still has them.
"""

from __future__ import annotations

import gzip
import json
import os
import zlib
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import IO, Any, Protocol

import attrs

from ctannot.batch.records import digest
from ctannot.formats.writing import create_new, open_regular, output_name, temporary_file, write_atomic

__all__ = ["FAILURES_FILE", "LINES_FILE", "FailuresFile", "FilesSink", "LinesSink", "Sink"]

FAILURES_FILE = "failures.jsonl"
LINES_FILE = "annotations.jsonld.jsonl"


class Sink(Protocol):
    """Where annotated documents go, in input order."""

    def present(self, document_id: str) -> bool:
        """Whether an earlier run left an output of ``document_id`` (whole or not)."""

    def complete(self, document_id: str, outputs: Mapping[str, str]) -> bool:
        """Whether the earlier outputs of ``document_id`` are there with the digests ``outputs``."""

    def write(
        self, document_id: str, output: str | bytes, beside: Mapping[str, str | bytes]
    ) -> tuple[str, dict[str, str]]:
        """Write an annotated document; return where it went and the digests of what was written."""

    def keep(self, document_id: str) -> bool:
        """Keep the complete earlier output of ``document_id`` in this run's output (in input
        order); ``False`` if it is gone."""

    def close(self, finished: bool) -> None:
        """Close the output; ``finished``: the run went through all its inputs."""


def _bytes(content: str | bytes) -> bytes:
    return content.encode("utf-8") if isinstance(content, str) else content


def _remove_temporaries(folder: Path) -> None:
    for stale in folder.glob(".*.part"):  # what a killed run was writing: never complete
        stale.unlink(missing_ok=True)


@attrs.define
class FilesSink:
    """One file per document, ``OUT_DIR/<id><suffix>``, each written atomically."""

    folder: Path
    suffix: str

    def __attrs_post_init__(self) -> None:
        _remove_temporaries(self.folder)

    def path(self, document_id: str) -> Path:
        return self.folder / output_name(document_id, self.suffix)

    def present(self, document_id: str) -> bool:
        return os.path.lexists(self.path(document_id))

    def complete(self, document_id: str, outputs: Mapping[str, str]) -> bool:
        """Whether every file recorded is there, a regular file, with its recorded digest: files
        are renamed into place only once written, but not synced to disk one by one, so after
        a system crash one may be there yet empty or cut."""
        if not outputs:
            return False
        for name, recorded in outputs.items():
            if not isinstance(name, str) or Path(name).name != name or name.startswith(".."):
                return False  # not a name this sink writes
            try:
                with open_regular(self.folder / name) as handle:
                    if digest(handle.read()) != recorded:
                        return False
            except OSError:
                return False
        return True

    def write(
        self, document_id: str, output: str | bytes, beside: Mapping[str, str | bytes]
    ) -> tuple[str, dict[str, str]]:
        written = {}
        # the main file last: it tells that all is done
        for suffix, content in [*beside.items(), (self.suffix, output)]:
            data = _bytes(content)
            if suffix == self.suffix and isinstance(content, str) and not data.endswith(b"\n"):
                data += b"\n"  # a text ends with a newline; binary formats (Parquet) as they are
            name = output_name(document_id, suffix)
            write_atomic(self.folder / name, data, durable=False)
            written[name] = digest(data)
        return str(self.path(document_id)), written

    def keep(self, document_id: str) -> bool:
        return True  # the file stays where it is

    def close(self, finished: bool) -> None:
        pass


@attrs.define
class LinesSink:
    """JSON-LD lines: one document's collection per line, in input order, optionally gzipped.

    Lines are written whole, each followed by its record. On ``resume`` the earlier lines file is
    moved aside (``.NAME.earlier``) with the lines whose digest matches their record, and a new
    one is written in input order: the earlier line of each document kept, a new line for each
    redone. A line cut short by a crash, a gzip stream cut short, a line without its record
    (the file cut at a line boundary and an earlier one of its records redone) never pass for
    complete. If the run stops early, the earlier lines not reached are added at the end, for
    the next resume to judge; once the run went through all its inputs, the aside file goes.
    """

    path: Path
    resume: bool = False
    recorded: Callable[[str], Mapping[str, Any] | None] = lambda document_id: None
    """The record of a document in the earlier run (on resume)."""
    _present: set[str] = attrs.field(factory=set)
    _complete: set[str] = attrs.field(factory=set)
    _written: set[str] = attrs.field(factory=set)
    _earlier: Iterator[tuple[str, bytes]] | None = None
    _raw: IO[bytes] | None = None
    _handle: IO[bytes] | None = None

    def __attrs_post_init__(self) -> None:
        _remove_temporaries(self.path.parent)
        aside = self.aside
        if self.resume:
            sources = [p for p in (self.path, aside) if p.exists()]
            if sources:
                self._gather(sources)
        else:
            aside.unlink(missing_ok=True)
        self._raw, tmp = temporary_file(self.path)
        self._handle = _gzip(self._raw, "wb") if self.gzipped else self._raw
        self._handle.flush()
        os.replace(tmp, self.path)  # the new lines file, empty, replaces whatever had its name
        if self.resume and aside.exists():
            self._earlier = self._lines(aside)

    @property
    def aside(self) -> Path:
        return self.path.with_name(f".{self.path.name}.earlier")

    @property
    def gzipped(self) -> bool:
        return self.path.name.endswith(".gz")

    def _gather(self, sources: list[Path]) -> None:
        """Write the whole, recorded lines of ``sources`` (the lines file and what an earlier
        resume left aside) to the aside file, once each."""
        out, tmp = temporary_file(self.aside)
        try:
            with out, _gzip(out, "wb") if self.gzipped else out as handle:
                for source in sources:
                    for document_id, line in self._lines(source):
                        self._present.add(document_id)
                        record = self.recorded(document_id)
                        if document_id in self._complete or record is None:
                            continue
                        if record.get("output", {}).get(self.path.name) == digest(line):
                            self._complete.add(document_id)
                            handle.write(line)
            os.replace(tmp, self.aside)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise

    def _lines(self, source: Path) -> Iterator[tuple[str, bytes]]:
        """The whole lines of ``source`` and their document ids, to the first that is not."""
        try:
            raw = open_regular(source)
        except OSError:
            return
        with raw, _gzip(raw, "rb") if self.gzipped else raw as handle:
            try:
                for line in handle:
                    if not line.endswith(b"\n"):
                        break
                    yield _document_id(line), line
            except (OSError, EOFError, zlib.error, ValueError, KeyError, TypeError):
                pass  # the tail a crash cut short

    def present(self, document_id: str) -> bool:
        return document_id in self._present

    def complete(self, document_id: str, outputs: Mapping[str, str]) -> bool:
        return document_id in self._complete

    def write(
        self, document_id: str, output: str | bytes, beside: Mapping[str, str | bytes]
    ) -> tuple[str, dict[str, str]]:
        assert self._handle is not None
        # the JSON-LD exporter writes one line and a newline; a line is written whole, then flushed
        line = _bytes(output).rstrip(b"\n") + b"\n"
        self._handle.write(line)
        self._handle.flush()
        self._written.add(document_id)
        return str(self.path), {self.path.name: digest(line)}

    def keep(self, document_id: str) -> bool:
        """Copy the earlier line of ``document_id``: the aside file is read on in step with the
        inputs (in the same order as before, it is read once); an input out of that order reads
        it again from the start."""
        assert self._handle is not None
        for attempt in range(2):
            if self._earlier is None or attempt:
                self._earlier = self._lines(self.aside)
            for found, line in self._earlier:
                if found == document_id:
                    self._handle.write(line)
                    self._handle.flush()
                    self._written.add(document_id)
                    return True
        return False

    def close(self, finished: bool) -> None:
        if self._handle is None:
            return
        try:
            if not finished and self.aside.exists():  # what the run did not reach stays
                for document_id, line in self._lines(self.aside):
                    if document_id not in self._written:
                        self._written.add(document_id)
                        self._handle.write(line)
            self._handle.close()
            if self._raw is not self._handle and self._raw is not None:
                self._raw.close()
        finally:
            self._handle = self._raw = None
        if finished:
            self.aside.unlink(missing_ok=True)


def _gzip(raw: IO[bytes], mode: str) -> IO[bytes]:
    # no file name (it would be the temporary one) nor time in the header: the same lines give
    # the same bytes
    return gzip.GzipFile(filename="", mode=mode, fileobj=raw, mtime=0)  # type: ignore[return-value]


def _document_id(line: bytes) -> str:
    document_id = json.loads(line)["document"]["documentId"]
    if not isinstance(document_id, str):
        raise TypeError("documentId is not a string")
    return document_id


@attrs.define
class FailuresFile:
    """``failures.jsonl``: one line per input not annotated (input, document, extractor, error).

    Made at the first failure, none without; a run (resumed or not) starts it afresh, since
    it redoes what failed before. It is made new (``O_EXCL|O_NOFOLLOW``) after whatever had its
    name is removed: a symlink planted there is removed, never written through.
    """

    path: Path
    _handle: IO[bytes] | None = None

    def __attrs_post_init__(self) -> None:
        self.path.unlink(missing_ok=True)

    def add(self, record: Mapping[str, Any]) -> None:
        if self._handle is None:
            self._handle = create_new(self.path)
        self._handle.write(json.dumps(record, ensure_ascii=False).encode("utf-8") + b"\n")
        self._handle.flush()

    def close(self) -> None:
        if self._handle is not None:
            self._handle.close()
            self._handle = None
