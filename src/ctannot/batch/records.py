"""What made each output of a run, so that ``--resume`` redoes what no longer matches.

``OUT_DIR/.ctannot.records`` holds one JSON line per document written, appended once its
output is complete: the document's id, a digest of the input (id, text, language, metadata),
a digest of the pipeline (its name, its extractors' names and versions, the format, ctannot's
version) and a digest of every output it wrote (each file, or its line of a lines file). On
``--resume`` a document is kept only when its record matches the input as read now, the
pipeline as configured now, and its output as found now, byte for byte: a file or a lines file
cut short (at a line boundary too) no longer matches. Else it is redone, and the reason
counted: ``input changed``, ``pipeline changed``, or ``incomplete``.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import IO, Any

import attrs

from ctannot.formats.writing import create_new, open_regular, temporary_file
from ctannot.model import Document
from ctannot.pipeline import Pipeline
from ctannot.version import __version__

__all__ = ["RECORDS_FILE", "REDO_REASONS", "Records", "digest", "input_digest", "pipeline_digest"]

RECORDS_FILE = ".ctannot.records"

REDO_REASONS = ("input changed", "pipeline changed", "incomplete")


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _plain(value: Any) -> Any:
    if isinstance(value, Mapping):
        return dict(value)
    return repr(value)


def _canonical(value: Any) -> bytes:
    # surrogatepass: a digest of whatever the text holds, refused or not further on
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=_plain).encode(
        "utf-8", "surrogatepass"
    )


def input_digest(document: Document) -> str:
    """A digest of what a document's output is made from: its id, text, language and metadata."""
    return digest(_canonical([document.id, document.text, document.lang, document.metadata]))


def pipeline_digest(pipeline: Pipeline, output_format: str, settings: Mapping[str, Any]) -> str:
    """A digest of what makes the output of a document: ctannot's version, the pipeline's name,
    its extractors' names and versions, the output format, and ``settings`` (such as the NLP
    backend) that change it."""
    return digest(
        _canonical(
            {
                "ctannot": __version__,
                "pipeline": pipeline.name,
                "extractors": [[ex.name, ex.version] for ex in pipeline.extractors],
                "format": output_format,
                "settings": dict(settings),
            }
        )
    )


@attrs.define
class Records:
    """The records file of an output folder: read (on resume) then appended to as outputs are
    written. A run that does not resume starts it afresh."""

    path: Path
    pipeline: str
    """The digest of this run's pipeline."""
    earlier: dict[str, bytes] = attrs.field(factory=dict)
    """The last record of each document in an earlier run, by id, as its line (parsed when
    asked for: a line takes less memory than its parse, a few hundred bytes a document)."""
    _handle: IO[bytes] | None = None

    @classmethod
    def start(cls, folder: Path, pipeline: str, resume: bool) -> Records:
        """The records of ``folder``: on ``resume``, the earlier run's, written anew (under a
        temporary name, then renamed) and open for this run's; else none, and the file made
        at the first record (with ``O_EXCL``, as ``failures.jsonl``): a run that stops before
        writing anything leaves no file."""
        path = folder / RECORDS_FILE
        earlier = _read(path) if resume else {}
        if not earlier:
            path.unlink(missing_ok=True)
            return cls(path, pipeline)
        handle, tmp = temporary_file(path)
        try:
            for line in earlier.values():
                handle.write(line)
            handle.flush()
            os.replace(tmp, path)
        except BaseException:
            handle.close()
            tmp.unlink(missing_ok=True)
            raise
        return cls(path, pipeline, earlier, handle)

    def status(self, document_id: str, input_hash: str) -> tuple[str, dict[str, Any] | None]:
        """``("new", None)`` without an earlier record; else ``"input changed"``, ``"pipeline
        changed"`` or ``"recorded"`` and the record, whose outputs are still to be checked."""
        record = self.record(document_id)
        if record is None:
            return "new", None
        if record.get("pipeline") != self.pipeline:
            return "pipeline changed", record
        if record.get("input") != input_hash:
            return "input changed", record
        return "recorded", record

    def record(self, document_id: str) -> dict[str, Any] | None:
        """The earlier record of ``document_id``, if any."""
        line = self.earlier.get(document_id)
        return None if line is None else _parsed(line)

    def add(self, document_id: str, input_hash: str, outputs: Mapping[str, str]) -> None:
        """Record a document whose outputs (name to digest) are written whole."""
        if self._handle is None:
            self._handle = create_new(self.path)
        record = {"id": document_id, "input": input_hash, "pipeline": self.pipeline, "output": dict(outputs)}
        self._handle.write(_line(record))
        self._handle.flush()

    def close(self) -> None:
        if self._handle is not None:
            self._handle.close()
            self._handle = None


def _line(record: Mapping[str, Any]) -> bytes:
    return json.dumps(record, ensure_ascii=False).encode("utf-8", "surrogatepass") + b"\n"


def _parsed(line: bytes) -> dict[str, Any] | None:
    try:
        record = json.loads(line)
    except ValueError:
        return None
    if (
        isinstance(record, dict)
        and isinstance(record.get("id"), str)
        and isinstance(record.get("output"), dict)
    ):
        return record
    return None


def _read(path: Path) -> dict[str, bytes]:
    """The last whole, valid record of each document in ``path`` (none if it is not there or
    not a regular file), as its line."""
    records: dict[str, bytes] = {}
    try:
        handle = open_regular(path)
    except OSError:
        return records
    with handle:
        for line in handle:
            if not line.endswith(b"\n"):
                break  # cut short by a crash
            record = _parsed(line)
            if record is not None:
                records.pop(record["id"], None)  # the last one, in the order it was written
                records[record["id"]] = line
    return records
