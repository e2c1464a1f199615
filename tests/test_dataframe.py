"""A Dask DataFrame of records annotated into a Dask DataFrame of the flat table: the same rows,
row for row, as the single-process run of the same documents gives; its types known without
running the pipeline; a frame without its columns refused; a record without text named or dropped.

The synchronous scheduler runs the partitions here, one after another: what is tested is the
mapping of partitions, which a cluster does not change (the bag tests run on one)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("pandas", reason="annotate_dataframe needs dask[dataframe]")
pytest.importorskip("pyarrow", reason="the single-process table is read back from Parquet by pyarrow")

import dask
import dask.dataframe as dd
import pandas as pd

from ctannot.batch import PipelineSpec
from ctannot.batch.bags import DocumentFailed, annotate_dataframe
from ctannot.formats.table import COLUMNS
from partitioned import SAMPLES, single_process, table_of


@pytest.fixture(autouse=True)
def synchronous() -> Iterator[None]:
    with dask.config.set(scheduler="synchronous"):
        yield


def records() -> list[dict[str, Any]]:
    """Four samples, French and English, as records; two without a language (detected), so that
    the frame's ``lang`` column has missing cells."""
    out = []
    for n, sample in enumerate(SAMPLES[::3]):
        record = {
            "id": sample.stem,
            "text": sample.read_text(encoding="utf-8"),
            "metadata": {"source_file": f"frame/{sample.name}", "n": n},
        }
        if n % 2:
            record["lang"] = sample.stem[:2]
        out.append(record)
    return out


def frame_of(rows: list[dict[str, Any]], metadata: str = "json") -> Any:
    """The records as a Dask DataFrame of two partitions; ``metadata`` as JSON text, or as dicts
    (which Dask keeps only when it is told not to make text of every object column)."""
    table = pd.DataFrame(rows, columns=["id", "text", "lang", "metadata"])
    if metadata == "json":
        table["metadata"] = [None if pd.isna(m) else json.dumps(m) for m in table["metadata"]]
        return dd.from_pandas(table, npartitions=2)  # type: ignore[no-untyped-call]
    with dask.config.set({"dataframe.convert-string": False}):
        return dd.from_pandas(table, npartitions=2)  # type: ignore[no-untyped-call]


def plain(table: Any) -> list[dict[str, Any]]:
    """The rows of a pandas table as pyarrow reads them from Parquet: a missing value is None."""
    return [
        {column: (None if pd.isna(value) else value) for column, value in row.items()}
        for row in table.to_dict("records")
    ]


@pytest.mark.parametrize("metadata", ["json", "dicts"])
def test_the_table_of_a_dataframe_equals_the_single_process_run(metadata: str, tmp_path: Path) -> None:
    jsonl = tmp_path / "records.jsonl"
    jsonl.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records()), encoding="utf-8")
    expected = table_of(single_process([str(jsonl)], tmp_path / "reference").lines)

    annotated = annotate_dataframe(frame_of(records(), metadata), PipelineSpec())
    assert annotated.npartitions == 2
    table = annotated.compute()
    assert list(table.columns) == list(COLUMNS)
    assert plain(table) == expected
    assert len({row["type"] for row in expected if row["id"]}) > 2  # annotations of several types


def test_the_columns_and_types_are_known_without_running_the_pipeline() -> None:
    # a pipeline that does not exist fails when a partition is annotated, not before
    annotated = annotate_dataframe(frame_of(records()), PipelineSpec("no-such-pipeline"))
    assert list(annotated.columns) == list(COLUMNS)
    assert {str(annotated.dtypes[c]) for c in ("start", "end")} == {"int64"}
    assert {str(annotated.dtypes[c]) for c in COLUMNS if c not in ("start", "end")} == {"string"}


@pytest.mark.parametrize(
    ("columns", "named"), [(["text", "lang"], "'id'"), (["lang"], "'id', 'text'"), (["id"], "'text'")]
)
def test_a_frame_without_id_or_text_is_refused_naming_what_it_lacks(columns: list[str], named: str) -> None:
    frame = frame_of(records())[columns]
    with pytest.raises(ValueError, match=rf"needs the columns 'id' and 'text'; the frame has no {named} "):
        annotate_dataframe(frame, PipelineSpec())


def test_a_record_without_text_is_named_or_dropped() -> None:
    rows = [*records()[:2], {"id": "blank", "text": ""}]
    frame = frame_of(rows)
    with pytest.raises(
        DocumentFailed, match=r"^dask.dataframe: document 'blank': empty 'text': nothing to annotate$"
    ):
        annotate_dataframe(frame, PipelineSpec()).compute()
    kept = annotate_dataframe(frame, PipelineSpec(), on_failure="drop").compute()
    assert list(kept.document.unique()) == [r["id"] for r in records()[:2]]


def test_metadata_that_dask_made_text_of_is_refused_with_the_reason() -> None:
    # a column of dicts, made text (their repr, not JSON) by Dask's default string conversion
    frame = dd.from_pandas(pd.DataFrame([records()[0]]), npartitions=1)  # type: ignore[no-untyped-call]
    with pytest.raises(DocumentFailed, match=r"'metadata' must be a JSON object$"):
        annotate_dataframe(frame, PipelineSpec()).compute()
