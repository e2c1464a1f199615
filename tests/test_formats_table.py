"""The flat table: CSV and Parquet, read by the csv module and pyarrow, and back exactly."""

from __future__ import annotations

import csv
import io
import tempfile
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ctannot import Actor, Document, FormatError, Pipeline, Provenance, Statement
from ctannot.formats.table import COLUMNS, load_csv, load_parquet, rows, write_csv, write_parquet
from ctannot.registry import Registry
from strategies import documents, texts

TEXT = (
    "« Il faut tarir le financement du terrorisme », a déclaré Marie Lefèvre à Paris devant le GAFI, "
    "qui s’inquiète de Daech.\n"
)


def _corpus(draw_docs: list[Document]) -> list[Document]:
    return list({doc.id: doc for doc in draw_docs}.values())  # one document per id


corpora = st.lists(documents(max_annotations=8), max_size=3).map(_corpus)


def _csv_back(docs: list[Document], registry: Registry) -> list[Document]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "corpus.csv"
        with path.open("wb") as handle:
            write_csv(docs, handle)
        return list(load_csv(path, registry.types))


def _parquet_back(docs: list[Document], registry: Registry) -> list[Document]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "corpus.parquet"
        with path.open("wb") as handle:
            write_parquet(docs, handle)
        return list(load_parquet(path, registry.types))


def _same(back: list[Document], docs: list[Document]) -> None:
    assert back == docs
    for mine, theirs in zip(back, docs, strict=True):
        assert (mine.id, mine.text, mine.lang, dict(mine.metadata)) == (
            theirs.id,
            theirs.text,
            theirs.lang,
            dict(theirs.metadata),
        )
        assert [(la.name, la.producer) for la in mine.layers] == [
            (la.name, la.producer) for la in theirs.layers
        ]
        assert [(type(a), a.id, a.start, a.end, a.attributes) for a in mine.annotations()] == [
            (type(a), a.id, a.start, a.end, a.attributes) for a in theirs.annotations()
        ]


@settings(max_examples=150, deadline=None)
@given(corpora)
def test_csv_gives_back_the_exact_documents(registry: Registry, docs: list[Document]) -> None:
    _same(_csv_back(docs, registry), docs)


@settings(max_examples=100, deadline=None)
@given(corpora)
def test_parquet_gives_back_the_exact_documents(registry: Registry, docs: list[Document]) -> None:
    _same(_parquet_back(docs, registry), docs)


@settings(max_examples=200, deadline=None)
@given(texts)
def test_no_csv_cell_is_a_formula_and_every_cell_comes_back(text: str) -> None:
    doc = Document(text or "empty", text or "x", metadata={"note": text})
    if text.strip():
        layer = doc.new_layer(text, Provenance(text, text))
        layer.add(Actor, 0, len(doc.text), role=text, name=text, entity=text)
        doc = doc.with_layer(layer.build())
    handle = io.BytesIO()
    write_csv([doc], handle)
    raw = list(csv.reader(io.StringIO(handle.getvalue().decode("utf-8"), newline="")))
    assert raw[0] == list(COLUMNS)
    for row in raw[1:]:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell  # OWASP CSV injection
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "t.csv"
        path.write_bytes(handle.getvalue())
        (back,) = load_csv(path, {"Actor": Actor})
    assert back == doc


def test_formula_cells_get_a_quote(registry: Registry) -> None:
    doc = Document("=cmd|' /C calc'!A0", "-2+3 @SUM(A1) 'quoted", metadata={})
    layer = doc.new_layer("+layer", Provenance("@prod", "-1"))
    layer.add(Actor, 0, 4, name="=HYPERLINK(x)", role="'apostrophe")
    doc = doc.with_layer(layer.build())
    handle = io.BytesIO()
    write_csv([doc], handle)
    rows_ = list(csv.DictReader(io.StringIO(handle.getvalue().decode("utf-8"), newline="")))
    assert rows_[0]["document"] == "'=cmd|' /C calc'!A0"
    assert rows_[0]["text"] == "'-2+3 @SUM(A1) 'quoted"
    assert (rows_[1]["layer"], rows_[1]["producer"], rows_[1]["producer_version"]) == (
        "'+layer",
        "'@prod",
        "'-1",
    )
    assert (rows_[1]["text"], rows_[1]["name"], rows_[1]["role"]) == (
        "'-2+3",
        "'=HYPERLINK(x)",
        "''apostrophe",
    )
    assert rows_[1]["start"] == "0"


@pytest.fixture(scope="module")
def annotated(pipeline: Pipeline) -> Document:
    return pipeline.annotate(Document("wire-1", TEXT, "fr", {"date": "2024-03-12"})).document


def test_columns_of_pipeline_output(annotated: Document) -> None:
    table = list(rows(annotated))
    assert table[0].get("id") is None
    assert table[0]["text"] == TEXT
    statement = next(r for r in table if r.get("type") == "Statement")
    assert (statement["speaker_text"], statement["cue"]) == ("Marie Lefèvre", "déclarer")
    forum = next(r for r in table if r.get("type") == "Forum")
    assert (forum["text"], forum["canonical"], forum["kind"]) == (
        "GAFI",
        "Financial Action Task Force",
        "organisation",
    )
    assert forum["entity"] == "common-forums:fatf"
    daech = next(r for r in table if r.get("text") == "Daech")
    assert (daech["category"], daech["wikidata"]) == ("group", "Q2429253")
    for row in table[1:]:
        assert TEXT[row["start"] : row["end"]] == row["text"]
        assert (row["layer"], row["producer"]) in (
            ("mentions", "rules.mentions"),
            ("statements", "rules.statements"),
        )


def test_pyarrow_reads_the_parquet_table(annotated: Document, tmp_path: Path, registry: Registry) -> None:
    path = tmp_path / "t.parquet"
    path.write_bytes(registry.exporters["parquet"].dump(annotated))  # type: ignore[arg-type]
    table = pq.read_table(path)
    assert table.schema.field("start").type == pa.int64()
    assert table.schema.field("speaker").type == pa.string()
    assert table.column_names == list(COLUMNS)
    assert table.num_rows == 1 + len(list(annotated.annotations()))
    ids = table.column("id").to_pylist()
    assert ids[0] is None
    assert ids[1:] == [a.id for a in annotated.annotations()]
    assert table.column("text").to_pylist()[1:] == [a.text for a in annotated.annotations()]


# -- reading tables people edit ---------------------------------------------------------------------

HEADER = "document,layer,producer,producer_version,type,id,start,end,text,speaker,kind,attributes\n"
GOLD_TEXT = "Jean Dupont a parlé au GAFI hier soir"
DOC_ROW = f'gold-1,,,,,,0,{len(GOLD_TEXT)},{GOLD_TEXT},,,"{{""lang"":""fr""}}"\n'


def _load(tmp_path: Path, body: str, registry: Registry) -> list[Document]:
    path = tmp_path / "gold.csv"
    path.write_bytes(("\ufeff" + HEADER + body).encode("utf-8"))  # as a spreadsheet saves it
    return list(load_csv(path, registry.types))


def test_a_hand_made_gold_table(tmp_path: Path, registry: Registry) -> None:
    body = (
        DOC_ROW
        + "gold-1,gold,me,1,Forum,f1,23,27,GAFI,,organisation,\n"
        + "gold-1,gold,,,Actor,a1,0,11,Jean Dupont,,person,\n"
        + "gold-1,gold,,,Statement,s1,0,27,Jean Dupont a parlé au GAFI,a1,,\n"
    )
    (doc,) = _load(tmp_path, body, registry)
    assert doc.lang == "fr"
    assert doc.layer_names == ("gold",)
    assert doc.layers[0].producer == Provenance("me", "1")
    (statement,) = doc.annotations(Statement)
    assert doc.get(statement.speaker).text == "Jean Dupont"  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (DOC_ROW + "gold-1,g,me,1,Weapon,w1,0,4,Jean,,,\n", r"gold\.csv:3: unknown type 'Weapon'"),
        (
            DOC_ROW + "gold-1,g,me,1,Actor,a1,0,4,John,,,\n",
            r":3: the row says 'John' but the text there is 'Jean'",
        ),
        (DOC_ROW + "gold-1,g,me,1,Actor,a1,0,x,Jean,,,\n", r":3: end must be a whole number, not str .x."),
        (DOC_ROW + "gold-1,g,me,1,Actor,a1,0,99,Jean,,,\n", r":3: span 0 99 is not inside a text of 37"),
        (DOC_ROW + "gold-1,g,,,Actor,a1,0,4,Jean,,,\n", r":3: layer 'g' is not declared"),
        (DOC_ROW + "gold-1,g,me,1,Actor,a1,0,4,Jean,,robot,\n", r":3: Actor 'a1': .*kind"),
        (DOC_ROW + "gold-1,g,me,1,Actor,a1,0,4,Jean,,,{bad\n", r":3: attributes must be a JSON object"),
        (DOC_ROW + "gold-1,g,me,1,Actor,a1,0,4,Jean,a1,,\n", r":3: Actor has no attribute 'speaker'"),
        ("gold-2,g,me,1,Actor,a1,0,4,Jean,,,\n", r"gold\.csv: document 'gold-2' has no row of its own"),
        (DOC_ROW + DOC_ROW, r":3: a second row of document 'gold-1'"),
        (DOC_ROW + ",g,me,1,Actor,a1,0,4,Jean,,,\n", r":3: no document"),
        (DOC_ROW + 'gold-1,g,me,1,Actor,a1,0,4,"Jean\n', r"gold\.csv:\d+: not CSV"),
    ],
)
def test_bad_rows_are_named(tmp_path: Path, registry: Registry, body: str, message: str) -> None:
    with pytest.raises(FormatError, match=message):
        _load(tmp_path, body, registry)


def test_not_a_table(tmp_path: Path, registry: Registry) -> None:
    path = tmp_path / "other.csv"
    path.write_text("name,age\nJean,40\n", encoding="utf-8")
    with pytest.raises(FormatError, match=r"other\.csv: not a ctannot table: no column document, type, id"):
        list(load_csv(path, registry.types))
    path.write_text("", encoding="utf-8")
    with pytest.raises(FormatError, match=r"other\.csv: empty, not a table"):
        list(load_csv(path, registry.types))
    broken = tmp_path / "broken.parquet"
    broken.write_bytes(b"PAR1 this is not parquet")
    with pytest.raises(FormatError, match=r"broken\.parquet: not a Parquet file"):
        list(load_parquet(broken, registry.types))


def test_parquet_rows_are_named(tmp_path: Path, registry: Registry) -> None:
    bad: dict[str, object] = {"document": "d", "layer": "g", "producer": "me", "producer_version": "1"}
    bad |= {"type": "Actor"}
    bad |= {"id": "a1", "start": 0, "end": 4, "text": "John"}
    doc_row = {c: None for c in bad} | {"document": "d", "start": 0, "end": 4, "text": "Jean"}
    path = tmp_path / "t.parquet"
    pq.write_table(pa.Table.from_pylist([doc_row, bad]), path)
    with pytest.raises(FormatError, match=r"t\.parquet: row 2: the row says 'John'"):
        list(load_parquet(path, registry.types))
