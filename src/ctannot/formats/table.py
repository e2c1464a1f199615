"""A flat table of annotations, one row per annotation, as CSV and Parquet, and back.

For pandas and spreadsheets: each annotation is a row with its document, layer, producer, type,
id, offsets, text, speaker (id and text; a speaker named by a phrase, ``speaker_name``, has
its text only), entity and key attributes in columns of their own
(:data:`COLUMNS`). Every other attribute value is in the ``attributes`` column, as JSON. Each
document has one more row, first, with an empty ``id``: its whole text (``start`` 0, ``end`` its
length) and, in ``attributes``, its language, metadata and layers, so that a table gives back
exactly the documents it was made of. Drop those rows for counting: ``df[df.id.notna()]`` in
pandas.

In CSV, a cell that a spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return) is written with a ``'`` before it, as OWASP advises, and so is
a cell starting with ``'``; reading takes one ``'`` off again. An empty cell is no value. Parquet
needs none of this: its cells are typed, and missing values are nulls.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import IO, Any

import attrs

from ctannot.formats import (
    FormatError,
    build_annotation,
    check_regular,
    from_plain,
    optional_module,
    read_text,
    reason,
    strict_json,
    to_plain,
)
from ctannot.model import Annotation, AnnotationError, Document, Layer, Provenance, attribute_fields

__all__ = [
    "COLUMNS",
    "KEY_ATTRIBUTES",
    "documents_from_rows",
    "dump_csv",
    "dump_parquet",
    "load_csv",
    "load_parquet",
    "rows",
    "write_csv",
    "write_parquet",
]

KEY_ATTRIBUTES = ("kind", "category", "mode", "cue", "name", "canonical", "role", "wikidata", "date", "place")
"""Attributes with a column of their own, when an annotation has them as a non-empty string."""
COLUMNS = (
    "document",
    "layer",
    "producer",
    "producer_version",
    "type",
    "id",
    "start",
    "end",
    "text",
    "speaker",
    "speaker_text",
    "entity",
    *KEY_ATTRIBUTES,
    "attributes",
)
_IN_COLUMNS = frozenset(("entity", "speaker", *KEY_ATTRIBUTES))
_REQUIRED = ("document", "type", "id", "start", "end", "text")

Row = dict[str, Any]


def rows(document: Document) -> Iterator[Row]:
    """The rows of a document: its own row first, then one per annotation, layer by layer."""
    text = document.text
    info: dict[str, Any] = {"lang": document.lang}
    if document.metadata:
        info["metadata"] = dict(document.metadata)
    info["layers"] = [[la.name, la.producer.name, la.producer.version] for la in document.layers]
    yield {"document": document.id, "start": 0, "end": len(text), "text": text, "attributes": _json(info)}
    by_id = {ann.id: ann for ann in document.annotations()}
    for layer in document.layers:
        for ann in layer:
            row: Row = {
                "document": document.id,
                "layer": layer.name,
                "producer": layer.producer.name,
                "producer_version": layer.producer.version,
                "type": ann.type_name,
                "id": ann.id,
                "start": ann.start,
                "end": ann.end,
                "text": ann.text,
            }
            rest: dict[str, Any] = {}
            for a in attribute_fields(type(ann)).values():
                value = getattr(ann, a.name)
                if a.name in _IN_COLUMNS and isinstance(value, str) and value:
                    row[a.name] = value
                    if a.name == "speaker" and "ref" in a.metadata:
                        row["speaker_text"] = by_id[value].text
                elif a.name == "speaker_name" and isinstance(value, str):
                    row["speaker_text"] = value  # who speaks, as the text names them
                    rest[a.name] = value
                elif value is not None and not (a.default is not attrs.NOTHING and value == a.default):
                    rest[a.name] = to_plain(value)
            if rest:
                row["attributes"] = _json(rest)
            yield row


def _json(value: Any) -> str:
    return strict_json.dumps(value, compact=True)


# -- CSV ---------------------------------------------------------------------------------------------

_FORMULA = tuple("=+-@\t\r'")


def _cell(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(_FORMULA):
        return "'" + value
    return value


def write_csv(documents: Iterable[Document], handle: IO[bytes]) -> None:
    """The table of every document as CSV (UTF-8, a header row) into a binary handle."""
    out = io.TextIOWrapper(handle, encoding="utf-8", newline="", write_through=True)
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for document in documents:
        writer.writerows([_cell(row.get(c)) for c in COLUMNS] for row in rows(document))
    out.detach()  # the caller's handle stays open


def dump_csv(document: Document) -> str:
    """One document's table as CSV text."""
    handle = io.BytesIO()
    write_csv([document], handle)
    return handle.getvalue().decode("utf-8")


def load_csv(path: Path, types: Mapping[str, type[Annotation]]) -> Iterator[Document]:
    """The documents of a CSV table (the importer's ``load``); a spreadsheet's byte-order mark is
    allowed."""
    content = read_text(path).removeprefix("\ufeff")
    # The csv module refuses a field of more than 131,072 characters by default, which a text
    # is: no field can be longer than the file (the limit is the process's: only ever raised).
    csv.field_size_limit(max(csv.field_size_limit(), len(content)))
    reader = csv.reader(io.StringIO(content, newline=""), strict=True)
    try:
        header = next(reader, None)
        if header is None:
            raise FormatError(f"{path}: empty, not a table")
        _check_header(header, str(path))
        records = (
            (f"{path}:{reader.line_num}", {c: _uncell(v) for c, v in zip(header, values, strict=False)})
            for values in reader
        )
        yield from documents_from_rows(records, types, str(path))
    except csv.Error as exc:
        raise FormatError(f"{path}:{reader.line_num}: not CSV: {exc}") from None


def _uncell(value: str) -> str | None:
    if not value:
        return None
    return value[1:] if value.startswith("'") else value


def _check_header(header: Iterable[str], where: str) -> None:
    missing = [c for c in _REQUIRED if c not in header]
    if missing:
        raise FormatError(f"{where}: not a ctannot table: no column {', '.join(missing)}")


# -- Parquet -----------------------------------------------------------------------------------------

_BATCH_ROWS = 20_000


def _pyarrow() -> Any:
    optional_module("pyarrow.parquet", "the parquet format needs pyarrow")  # pyarrow.parquet, below
    return optional_module("pyarrow", "the parquet format needs pyarrow")


def _schema(pa: Any) -> Any:
    return pa.schema(
        [(c, pa.int64() if c in ("start", "end") else pa.string()) for c in COLUMNS],
        metadata={"ctannot": "annotations: one row per annotation, and one per document (empty id)"},
    )


def write_parquet(documents: Iterable[Document], handle: IO[bytes]) -> None:
    """The table of every document as Parquet into a binary handle, in row groups of about
    20,000 rows (memory stays flat however large the corpus)."""
    pa = _pyarrow()
    schema = _schema(pa)
    with pa.parquet.ParquetWriter(handle, schema) as writer:
        batch: list[Row] = []
        written = False
        for document in documents:
            batch += rows(document)
            if len(batch) >= _BATCH_ROWS:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                batch, written = [], True
        if batch or not written:  # an empty corpus is still a table, with its columns
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))


def dump_parquet(document: Document) -> bytes:
    """One document's table as Parquet bytes."""
    handle = io.BytesIO()
    write_parquet([document], handle)
    return handle.getvalue()


def load_parquet(path: Path, types: Mapping[str, type[Annotation]]) -> Iterator[Document]:
    """The documents of a Parquet table (the importer's ``load``)."""
    pa = _pyarrow()
    check_regular(path)
    try:
        parquet = pa.parquet.ParquetFile(path)
    except (OSError, pa.ArrowException) as exc:
        raise FormatError(f"{path}: not a Parquet file: {exc}") from None
    _check_header(parquet.schema_arrow.names, str(path))

    def records() -> Iterator[tuple[str, Row]]:
        number = 0
        try:
            for batch in parquet.iter_batches():
                for row in batch.to_pylist():
                    number += 1
                    yield f"{path}: row {number}", row
        except (OSError, pa.ArrowException) as exc:  # a corrupt page: say after which row
            raise FormatError(f"{path}: cannot be read after row {number}: {exc}") from None

    yield from documents_from_rows(records(), types, str(path))


# -- rows back into documents ------------------------------------------------------------------------


@attrs.define
class _Pending:
    """A document being read: its own row, and its annotations by layer."""

    id: str
    text: str | None = None
    info: dict[str, Any] = attrs.Factory(dict)
    layers: dict[str, tuple[Provenance, list[Annotation]]] = attrs.Factory(dict)
    rows: list[tuple[str, Row]] = attrs.Factory(list)


def documents_from_rows(
    records: Iterable[tuple[str, Mapping[str, Any]]], types: Mapping[str, type[Annotation]], where: str
) -> Iterator[Document]:
    """Documents from the rows of the table ``where``, each with its place for messages
    (``gold.csv:12``), in the order their documents first appear; the rows of a document may be
    anywhere in the table."""
    pending: dict[str, _Pending] = {}
    for at, row in records:
        _check_cells(row, at)
        doc_id = row.get("document")
        if not doc_id:
            raise FormatError(f"{at}: no document")
        doc = pending.setdefault(doc_id, _Pending(doc_id))
        if row.get("id"):
            doc.rows.append((at, dict(row)))
            continue
        if doc.text is not None:
            raise FormatError(f"{at}: a second row of document {doc_id!r} with an empty id")
        doc.text = row.get("text") or ""
        info = _parse_json(row.get("attributes"), at)
        if not (
            isinstance(info.get("layers", []), list)
            and isinstance(info.get("metadata", {}), dict)
            and isinstance(info.get("lang", ""), str | None)
        ):
            raise FormatError(f"{at}: the document's attributes hold bad layers, metadata or lang")
        doc.info = info
    for doc in pending.values():
        yield _document(doc, types, where)


def _document(doc: _Pending, types: Mapping[str, type[Annotation]], where: str) -> Document:
    if doc.text is None:
        raise FormatError(f"{where}: document {doc.id!r} has no row of its own (an empty id, its text)")
    text = doc.text
    for entry in doc.info.get("layers", []):
        try:
            name, producer, version = entry
            doc.layers[name] = (Provenance(producer, version), [])
        except (TypeError, ValueError):
            raise FormatError(f"{where}: document {doc.id!r}: bad layer {entry!r}") from None
    for at, row in doc.rows:
        ann = _annotation(row, text, types, at)
        layer = row.get("layer") or ""
        producer = row.get("producer")
        if layer not in doc.layers:
            if not (layer and producer and row.get("producer_version")):
                raise FormatError(f"{at}: layer {layer!r} is not declared: give it, its producer and version")
            doc.layers[layer] = (Provenance(producer, row["producer_version"]), [])
        elif producer and (producer, row.get("producer_version")) != (
            doc.layers[layer][0].name,
            doc.layers[layer][0].version,
        ):
            raise FormatError(f"{at}: layer {layer!r} is by {doc.layers[layer][0]}, not {producer}")
        doc.layers[layer][1].append(ann)
    lang = doc.info.get("lang")
    try:
        return Document(
            doc.id,
            text,
            lang,
            doc.info.get("metadata", {}),
            [Layer(name, producer, anns) for name, (producer, anns) in doc.layers.items()],
        )
    except (AnnotationError, TypeError, ValueError) as exc:
        raise FormatError(f"{where}: document {doc.id!r}: {reason(exc)}") from None


def _annotation(row: Row, text: str, types: Mapping[str, type[Annotation]], at: str) -> Annotation:
    cls = types.get(row.get("type") or "")
    if cls is None:
        raise FormatError(f"{at}: unknown type {row.get('type')!r} (known: {', '.join(sorted(types))})")
    start, end = _offset(row.get("start"), "start", at), _offset(row.get("end"), "end", at)
    if not 0 <= start < end <= len(text):
        raise FormatError(f"{at}: span {start} {end} is not inside a text of {len(text)} characters")
    if row.get("text") != text[start:end]:
        raise FormatError(f"{at}: the row says {row.get('text')!r} but the text there is {text[start:end]!r}")
    fields = attribute_fields(cls)
    values: dict[str, Any] = {}
    for name, data in _parse_json(row.get("attributes"), at).items():
        field = fields.get(name)
        if field is None:
            raise FormatError(f"{at}: {cls.type_name} has no attribute {name!r}")
        try:
            values[name] = from_plain(data, field)
        except FormatError as exc:
            raise FormatError(f"{at}: {exc}") from None
    for name in _IN_COLUMNS:
        value = row.get(name)
        if value is None or value == "":
            continue
        if name not in fields:
            raise FormatError(f"{at}: {cls.type_name} has no attribute {name!r}")
        if name in values:
            raise FormatError(f"{at}: {name} is given twice, in its column and in attributes")
        values[name] = value
    try:
        return build_annotation(cls, text, start, end, row["id"], values)
    except FormatError as exc:
        raise FormatError(f"{at}: {exc}") from None


_DIGITS = re.compile(r"[0-9]{1,18}")


def _offset(value: Any, column: str, at: str) -> int:
    """An offset cell: an integer (Parquet), or its ASCII digits (CSV). A float is refused, not
    truncated (``int(3.7)`` is 3), and so are the other strings ``int()`` takes (``"１２"``,
    ``"1_000"``, ``" 3"``)."""
    if type(value) is int:
        return value
    if isinstance(value, str) and _DIGITS.fullmatch(value):
        return int(value)
    shown = repr(value) if len(repr(value)) <= 60 else repr(value)[:60] + "..."
    raise FormatError(f"{at}: {column} must be a whole number, not {type(value).__name__} {shown}")


def _check_cells(row: Mapping[str, Any], at: str) -> None:
    """Every column but the offsets holds text or nothing: a Parquet file typed otherwise (a
    number, a list) is refused by column."""
    for column in COLUMNS:
        value = row.get(column)
        if value is not None and column not in ("start", "end") and not isinstance(value, str):
            raise FormatError(f"{at}: column {column!r} must hold text, not {type(value).__name__}")


def _parse_json(cell: Any, at: str) -> dict[str, Any]:
    if cell is None or cell == "":
        return {}
    try:
        data = strict_json.loads(cell)
    except strict_json.JSONProblem:
        raise FormatError(f"{at}: attributes must be a JSON object, not {cell[:60]!r}") from None
    if not isinstance(data, dict):
        raise FormatError(f"{at}: attributes must be a JSON object, not {cell[:60]!r}")
    return data
