"""ctannot inside an existing Dask job: a ``dask.bag`` of records in, a bag of annotated
JSON-LD records or of flat-table rows out.

A record is what a line of a JSON Lines input holds: ``{"id", "text", "lang", "metadata"}``.
Each partition of the bag is annotated on the worker that holds it, with the pipeline that
worker builds once (as in :func:`~ctannot.batch.annotate_chunk`), so records never pass
through the client.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, Literal

from ctannot.batch import PipelineSpec, Task, annotate_tasks
from ctannot.formats.inputs import DEFAULT_MAX_CHARS, InputError, document_from_record
from ctannot.formats.table import COLUMNS, rows

__all__ = ["BAG_SOURCE", "DocumentFailed", "annotate_bag", "annotate_records"]

BAG_SOURCE = "dask.bag"
"""Where a record says it came from (its ``source_file``) when its metadata does not say."""

Output = Literal["jsonld", "rows"]


class DocumentFailed(RuntimeError):
    """A record that could not be annotated, with ``on_failure="raise"``: the message names the
    document and the reason."""


def annotate_bag(
    bag: Any,
    spec: PipelineSpec,
    *,
    output: Output = "jsonld",
    lang: str | None = None,
    max_chars: int | None = DEFAULT_MAX_CHARS,
    on_failure: Literal["raise", "drop"] = "raise",
) -> Any:
    """A bag of the annotations of the records of ``bag``, lazily, partition for partition.

    ``output="jsonld"`` gives each document's W3C Web Annotation collection (a dict, as one line
    of ``jsonld-lines`` holds it); ``output="rows"`` gives the rows of the flat table
    (:mod:`ctannot.formats.table`, every column present), for ``.to_dataframe()``. A record
    that cannot be annotated raises :class:`DocumentFailed` on compute, or with
    ``on_failure="drop"`` is left out.
    """
    if spec.format != "jsonld":
        raise ValueError(f"annotate_bag needs the jsonld format, not {spec.format!r}")
    return bag.map_partitions(annotate_records, spec, output, lang, max_chars, on_failure)


def annotate_records(
    records: Iterable[Any],
    spec: PipelineSpec,
    output: Output = "jsonld",
    lang: str | None = None,
    max_chars: int | None = DEFAULT_MAX_CHARS,
    on_failure: Literal["raise", "drop"] = "raise",
) -> list[dict[str, Any]]:
    """The annotations of one partition's records (what :func:`annotate_bag` maps)."""
    tasks = []
    for seq, record in enumerate(records):
        try:
            tasks.append(Task(seq, document_from_record(record, BAG_SOURCE, lang, max_chars)))
        except InputError as exc:
            tasks.append(Task(seq, exc))
    out: list[dict[str, Any]] = []
    for outcome, document in annotate_tasks(spec, tasks):
        if document is None or not isinstance(outcome.output, str):
            if on_failure == "raise":
                raise DocumentFailed(f"{outcome.source}: document {outcome.document_id!r}: {outcome.error}")
            continue
        if output == "jsonld":
            out.append(json.loads(outcome.output))
        else:
            out.extend({column: row.get(column) for column in COLUMNS} for row in rows(document))
    return out
