"""ctannot inside an existing Dask job: a ``dask.bag`` of records in, a bag of annotated
JSON-LD records or of flat-table rows out; or a Dask DataFrame of records in, a Dask DataFrame
of the flat table out.

A record is what a line of a JSON Lines input holds: ``{"id", "text", "lang", "metadata"}``;
a DataFrame holds them as columns. Each partition is annotated on the worker that holds it,
with the pipeline that worker builds once (as in :func:`~ctannot.batch.annotate_chunk`), so
records never pass through the client.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from typing import Any, Literal

from ctannot.batch import PipelineSpec, Task, annotate_tasks
from ctannot.formats.inputs import DEFAULT_MAX_CHARS, InputError, document_from_record
from ctannot.formats.table import COLUMNS, rows

__all__ = [
    "BAG_SOURCE",
    "FRAME_SOURCE",
    "DocumentFailed",
    "annotate_bag",
    "annotate_dataframe",
    "annotate_records",
]

BAG_SOURCE = "dask.bag"
"""Where a record says it came from (its ``source_file``) when its metadata does not say."""
FRAME_SOURCE = "dask.dataframe"
"""The same, for a row of a DataFrame."""
RECORD_COLUMNS = ("id", "text", "lang", "metadata")
"""The columns of a DataFrame that make its records (``id`` and ``text`` are required)."""

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
    source: str = BAG_SOURCE,
) -> list[dict[str, Any]]:
    """The annotations of one partition's records (what :func:`annotate_bag` maps); ``source``
    is where a record came from when its metadata does not say."""
    tasks = []
    for seq, record in enumerate(records):
        try:
            tasks.append(Task(seq, document_from_record(record, source, lang, max_chars)))
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


def annotate_dataframe(
    frame: Any,
    spec: PipelineSpec,
    *,
    lang: str | None = None,
    max_chars: int | None = DEFAULT_MAX_CHARS,
    on_failure: Literal["raise", "drop"] = "raise",
) -> Any:
    """A Dask DataFrame of the flat table (:mod:`ctannot.formats.table`: its :data:`COLUMNS`,
    one row per document and one per annotation) of the records of the Dask DataFrame ``frame``,
    lazily, partition for partition.

    ``frame`` has an ``id`` and a ``text`` column, and may have ``lang`` and ``metadata``; its
    other columns are not read. A missing cell is a key the record does not have. A ``metadata``
    cell is a dict, or a JSON object as text (as a CSV or Parquet column holds it). Dask makes text
    of a column of dicts by default, and not JSON: keep dicts with
    ``dask.config.set({"dataframe.convert-string": False})`` when the frame is made, or give JSON.
    Failures are as in :func:`annotate_bag`. Needs pandas (``pip install 'dask[dataframe]'``).
    """
    if spec.format != "jsonld":
        raise ValueError(f"annotate_dataframe needs the jsonld format, not {spec.format!r}")
    missing = [column for column in ("id", "text") if column not in frame.columns]
    if missing:
        raise ValueError(
            f"annotate_dataframe needs the columns 'id' and 'text'; the frame has no "
            f"{', '.join(repr(c) for c in missing)} (it has {', '.join(map(repr, frame.columns))})"
        )
    read = [column for column in RECORD_COLUMNS if column in frame.columns]
    # the meta is the table of no rows, made as every partition's is: Dask need not run the
    # pipeline to learn the columns and their types
    return frame[read].map_partitions(_annotate_partition, spec, lang, max_chars, on_failure, meta=_table([]))


def _annotate_partition(
    part: Any,
    spec: PipelineSpec,
    lang: str | None,
    max_chars: int | None,
    on_failure: Literal["raise", "drop"],
) -> Any:
    """The flat table of one pandas partition of records (what :func:`annotate_dataframe` maps)."""
    records = (
        {key: _cell(key, value) for key, value in row.items() if not _missing(value)}
        for row in part.to_dict("records")
    )
    return _table(annotate_records(records, spec, "rows", lang, max_chars, on_failure, FRAME_SOURCE))


def _cell(column: str, value: Any) -> Any:
    """The record's value of a cell: a ``metadata`` cell of JSON text is read; text that is not
    JSON stays as it is, for the record to be refused with the reason."""
    if column == "metadata" and isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def _missing(value: Any) -> bool:
    """A cell pandas holds no value in (``None``, ``NaN``, ``pd.NA``); a list or dict is a value."""
    import pandas as pd

    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def _table(table_rows: list[dict[str, Any]]) -> Any:
    """A pandas DataFrame of flat-table rows, typed as Parquet holds them: offsets as integers,
    every other column as text, a missing value as ``<NA>``."""
    import pandas as pd

    dtypes = {column: "int64" if column in ("start", "end") else pd.StringDtype() for column in COLUMNS}
    return pd.DataFrame.from_records(table_rows, columns=list(COLUMNS)).astype(dtypes)
