"""Every importer on malformed files: brat ``.ann`` lines of every kind, CSV and Parquet cells of
the wrong type or value, read or refused with a FormatError naming the file and the line or row,
never another exception (hypothesis mutates files ctannot wrote, as tests/test_untrusted_jsonld.py
does for JSON-LD). And ctannot reads back what it writes, a CSV cell past the csv module's
131,072 characters included."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from ctannot import Actor, Document, Forum, Provenance, Statement
from ctannot.formats import FormatError, brat, table
from ctannot.registry import Registry

TEXT = "Le ministre\nJean Dupont a parlé au GAFI à Paris, a déclaré M. Voronkov."


def _document() -> Document:
    doc = Document("d", TEXT, "fr", {"date": "2024-03-12"})
    layer = doc.new_layer("gold", Provenance("hand", "1"))
    actor = layer.add(Actor, 0, 23, kind="person", role="ministre de l'Intérieur", wikidata="Q1")
    layer.add(Forum, 35, 39, kind="organisation", participants={"states": 40}, chairs=(actor.id,))
    layer.add(Statement, 0, 39, speaker=actor.id, cue="parler", mode="indirect", entity="a b")
    return doc.with_layer(layer.build())


DOCUMENT = _document()
ANN = brat.dumps(DOCUMENT)

# -- brat ------------------------------------------------------------------------------------------

_BRAT_WORDS = st.sampled_from(
    ["T1", "T2", "T3", "T9", "Actor", "Forum", "Statement", "Weapon", "0", "11", "12", "23", "35", "39",
     "-1", "１", "1_0", "3.5", "99999999999999999999", ";", "speaker", "chairs", "kind", "role",
     "participants", "Arg1:T1", "Arg2:T2", "Arg1:", "AnnotatorNotes", "person", "=", '{"x": 1}',
     '{"states": "many"}', "NaN", "[", "\t", " ", ""]
)  # fmt: skip
_BRAT_LINES = st.builds(
    lambda kind, number, words: f"{kind}{number}\t" + " ".join(words),
    st.sampled_from(["T", "R", "E", "A", "M", "#", "N", "*", "X", ""]),
    st.sampled_from(["", "1", "2", "9"]),
    st.lists(_BRAT_WORDS, max_size=7),
)


def _brat_read(ann: str, registry: Registry) -> None:
    try:
        document = brat.loads(ann, TEXT, "d", registry.types, "gold/d.ann")
    except FormatError as exc:
        refused = str(exc)
    else:
        assert brat.loads(brat.dumps(document), TEXT, "d", registry.types) == document
        return
    assert refused.startswith("gold/d.ann"), refused


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_ann_line_is_read_or_refused_by_line(registry: Registry, data: st.DataObject) -> None:
    """What this search finds is kept in the table of the next test (``st.data()`` takes no
    ``@example``)."""
    lines = ANN.splitlines()
    at = data.draw(st.integers(0, len(lines)))
    line = data.draw(_BRAT_LINES)
    replace = data.draw(st.booleans())
    lines[at : at + replace] = [line]
    _brat_read("\n".join(lines) + "\n", registry)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("T4\tActor １ ２\tx", ":14: offsets '１ ２' are not 'start end' pairs of whole numbers"),
        ("T4\tActor 1_0 23\tx", ":14: offsets '1_0 23' are not 'start end' pairs"),
        ("T4\tActor 0 3.5\tx", ":14: offsets '0 3.5' are not"),
        ("T4\tActor 0 99999999999999999999\tx", ":14: offsets '0 99999999999999999999' are not"),
        ("R4\t ", ":14: a relation line is: name, Arg1:T id, Arg2:T id"),
        ("R4\tspeaker Arg1: Arg2:", ":14: a relation needs Arg1 and Arg2"),
        ("E1\tMeet:T1", ":14: events are not supported"),
        ("A9\tkind T1 person extra", ":14: an attribute line is"),
        ("M9\tkind T9 person", ":14: the attribute is on 'T9'"),
        ("#9\t \tkind=x", ":14: the note is on '', not a T id"),
        ('#9\tAnnotatorNotes T3\tparticipants={"x": 1}', ":14: participants: "),
        (
            "#9\tAnnotatorNotes T1\tkind=NaN",
            ":1: Actor 'T1': 'kind' must be in ('person', 'state', 'organisation') (got 'NaN')",
        ),
    ],
)
def test_each_kind_of_bad_ann_line_is_named(line: str, message: str, registry: Registry) -> None:
    """Some of these raised IndexError, ValueError or TypeError (a note on nothing, a relation
    without a name, a nested value with a key it does not have); offsets int() took ('１ ２')
    were read."""
    with pytest.raises(FormatError) as caught:
        brat.loads(ANN + line + "\n", TEXT, "d", registry.types, "gold/d.ann")
    assert str(caught.value).startswith("gold/d.ann:")
    assert message in str(caught.value)


# -- CSV -------------------------------------------------------------------------------------------


def _csv_rows(document: Document) -> list[list[str]]:
    return list(csv.reader(io.StringIO(table.dump_csv(document), newline="")))


def _csv_read(tmp_path: Path, rows: list[list[str]], registry: Registry) -> list[Document] | str:
    path = tmp_path / "t.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    try:
        return list(table.load_csv(path, registry.types))
    except FormatError as exc:
        refused = str(exc)
    assert refused.startswith(f"{path}"), refused
    return refused


_CELLS = st.one_of(
    st.sampled_from(["", "3.0", "3.7", "-1", "１２", "1_0", " 3", "1e3", "9" * 30, "NaN", "null", "[]",
                     '{"lang": 5}', '{"participants": {"x": 1}}', '{"states": 1e400}', "T1", "gold"]),
    st.text(max_size=12),
)  # fmt: skip


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_csv_cell_is_read_or_refused_by_row(
    tmp_path: Path, registry: Registry, data: st.DataObject
) -> None:
    rows = _csv_rows(DOCUMENT)
    row = data.draw(st.integers(0, len(rows) - 1))
    column = data.draw(st.integers(0, len(rows[0]) - 1))
    rows[row][column] = data.draw(_CELLS)
    _csv_read(tmp_path, rows, registry)


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("start", "3.0", "start must be a whole number, not str '3.0'"),
        ("end", "１２", "end must be a whole number"),
        ("start", "1_0", "start must be a whole number"),
        ("start", " 0", "start must be a whole number"),
        ("attributes", '{"participants": {"x": 1}}', "participants: "),
        ("attributes", '{"participants": {"states": NaN}}', "attributes must be a JSON object"),
    ],
)
def test_bad_csv_cells_are_refused_by_row(
    tmp_path: Path, registry: Registry, column: str, value: str, message: str
) -> None:
    rows = _csv_rows(DOCUMENT)
    forum = next(i for i, r in enumerate(rows) if "Forum" in r)
    rows[forum][rows[0].index(column)] = value
    refused = _csv_read(tmp_path, rows, registry)
    assert isinstance(refused, str)
    # the number of the line its row ends on (the texts before it hold line breaks)
    line = sum(cell.count("\n") for r in rows[: forum + 1] for cell in r) + forum + 1
    assert f"t.csv:{line}: {message}" in refused


def test_a_csv_of_a_document_over_131072_characters_reads_back(tmp_path: Path, registry: Registry) -> None:
    """The csv module refuses a field of more than 131,072 characters unless told otherwise."""
    text = ("Le GAFI se réunit à Paris. " * 10_000)[:200_000]
    doc = Document("long", text, "fr")
    layer = doc.new_layer("gold", Provenance("hand", "1"))
    layer.add(Forum, 3, 7)
    doc = doc.with_layer(layer.build())
    path = tmp_path / "long.csv"
    path.write_text(table.dump_csv(doc), encoding="utf-8", newline="")
    assert list(table.load_csv(path, registry.types)) == [doc]


# -- Parquet ---------------------------------------------------------------------------------------


def _parquet_read(tmp_path: Path, records: list[dict[str, Any]], registry: Registry) -> list[Document] | str:
    path = tmp_path / "t.parquet"
    columns = {c: [record.get(c) for record in records] for c in table.COLUMNS}  # every column
    pq.write_table(pa.Table.from_pydict(columns), path)
    try:
        return list(table.load_parquet(path, registry.types))
    except FormatError as exc:
        refused = str(exc)
    assert refused.startswith(f"{path}"), refused
    return refused


_RETYPE: dict[str, Callable[[Any], Any]] = {
    "float": lambda v: float(v) + 0.5 if isinstance(v, int) else 1.5,
    "whole float": lambda v: float(v) if isinstance(v, int) else 1.0,
    "int": lambda v: v if isinstance(v, int) else len(v),
    "bool": lambda v: bool(v),
    "list": lambda v: [v],
    "struct": lambda v: {"v": str(v)},
    "string": lambda v: str(v),
    "binary": lambda v: str(v).encode(),
}


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(column=st.sampled_from(table.COLUMNS), kind=st.sampled_from(sorted(_RETYPE)))
@example(column="start", kind="whole float")  # read as offsets, truncated, before
@example(column="document", kind="list")  # an unhashable document id: TypeError
def test_any_parquet_column_type_is_read_or_refused_by_row(
    tmp_path: Path, registry: Registry, column: str, kind: str
) -> None:
    records = list(table.rows(DOCUMENT))
    for record in records:
        if record.get(column) is not None:
            record[column] = _RETYPE[kind](record[column])
    _parquet_read(tmp_path, records, registry)


@pytest.mark.parametrize(
    ("kind", "shown"), [("whole float", "float 0.0"), ("float", "float 0.5"), ("bool", "bool False")]
)
def test_parquet_offsets_of_another_type_are_refused_not_truncated(
    tmp_path: Path, registry: Registry, kind: str, shown: str
) -> None:
    """Floats were truncated by int(): 3.7 read as 3."""
    records = list(table.rows(DOCUMENT))
    for record in records:
        record["start"] = _RETYPE[kind](record["start"])
    refused = _parquet_read(tmp_path, records, registry)
    assert isinstance(refused, str)
    assert refused.endswith(f"t.parquet: row 2: start must be a whole number, not {shown}")
