"""brat standoff: .ann beside a byte-exact .txt, read by a third-party brat parser, and back."""

from __future__ import annotations

import tempfile
import warnings
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings

from ctannot import (
    Actor,
    Annotation,
    Document,
    FormatError,
    Forum,
    Pipeline,
    Provenance,
    Statement,
    load_registry,
)
from ctannot.api import read_documents
from ctannot.formats import export_documents
from ctannot.formats.brat import LAYER, PRODUCER, dumps, loads
from ctannot.registry import Registry
from strategies import documents

with warnings.catch_warnings():  # bratly declares its pydantic models the old way: not ours to fix
    warnings.simplefilter("ignore", DeprecationWarning)
    from bratly.annotation_types import (
        AttributeAnnotation,
        EntityAnnotation,
        NoteAnnotation,
        RelationAnnotation,
    )

TEXT = (
    "« Nous ne laisserons pas Daech se reconstituer », a déclaré mardi à Paris le ministre "
    "de l’Intérieur, Gérald Darmanin, devant le Forum mondial de lutte contre le terrorisme.\r\n"
    "Il a ajouté 👍 que la France « restera mobilisée\naux côtés de ses partenaires ».\n"
)


BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
"""What str.splitlines splits on."""


@pytest.fixture(scope="module")
def annotated(pipeline: Pipeline) -> Document:
    doc = pipeline.annotate(Document("dépêche/7", TEXT, "fr")).document
    assert any(s.speaker for s in doc.annotations(Statement)), "the text should give a speaker"
    return doc


def _expected(doc: Document) -> list[tuple[str, str, int, int, dict[str, Any]]]:
    """What brat gives back: each annotation with the id of its T line, references by T id."""
    t_ids = {ann.id: f"T{n}" for n, ann in enumerate(doc.annotations(), 1)}
    out = []
    for ann in doc.annotations():
        values = ann.attributes
        for name in {name for name, _, _ in ann.references()}:
            value = values[name]
            values[name] = tuple(t_ids[v] for v in value) if isinstance(value, tuple) else t_ids[value]
        # brat shows no line break at either end of a span: it keeps the span between them
        kept = ann.text.strip(BREAKS)
        start = ann.start + ann.text.index(kept)
        out.append((t_ids[ann.id], ann.type_name, start, start + len(kept), values))
    return sorted(out, key=lambda a: (a[2], a[3]))  # a layer keeps its annotations in text order


def _got(doc: Document) -> list[tuple[str, str, int, int, dict[str, Any]]]:
    return [(a.id, a.type_name, a.start, a.end, a.attributes) for a in doc.annotations()]


def _only_line_breaks(doc: Document) -> bool:
    return any(not a.text.strip(BREAKS) for a in doc.annotations())


@settings(max_examples=150, deadline=None)
@given(documents())
def test_round_trip_through_files_keeps_what_brat_can_hold(doc: Document) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        if _only_line_breaks(doc):  # brat shows no span made of line breaks alone: refused, said why
            with pytest.raises(FormatError, match="covers only line breaks"):
                dumps(doc)
            return
        registry = load_registry(load_entrypoints=False)
        export_documents([doc], registry.exporters["brat"], folder, registry.types)
        (txt,) = folder.glob("*.txt")
        assert txt.read_bytes() == doc.text.encode("utf-8")  # byte for byte: CR LF, BOM and all
        (back,) = read_documents(folder, registry)
    assert back.id == doc.id
    assert back.text == doc.text
    assert back.layer_names == (LAYER,)
    assert back.layers[0].producer == PRODUCER
    assert _got(back) == _expected(doc)


def test_pipeline_output_as_brat_reads_back(annotated: Document, registry: Registry) -> None:
    ann = dumps(annotated)
    back = loads(ann, TEXT, annotated.id, registry.types)
    assert _got(back) == _expected(annotated)
    statement = next(s for s in back.annotations(Statement) if s.speaker)
    assert back.get(statement.speaker).text == "Gérald Darmanin"  # type: ignore[arg-type]


def test_a_third_party_brat_parser_reads_every_line(annotated: Document) -> None:
    """bratly parses each line as brat defines it; offsets index our .txt in code points."""
    entities: dict[str, Any] = {}
    annotations: dict[str, Any] = {}
    counts = {"T": 0, "A": 0, "#": 0, "R": 0}
    for line in dumps(annotated).splitlines():
        kind = line[0]
        counts[kind] += 1
        if kind == "T":
            entity = EntityAnnotation.from_line(line)
            entities[entity.id] = annotations[entity.id] = entity
            pieces = [TEXT[f.start : f.end] for f in entity.fragments]
            assert entity.content == " ".join(pieces)
            assert all("\n" not in p and "\r" not in p for p in pieces)
        elif kind == "A":
            attribute = AttributeAnnotation.from_line(line, annotations)
            assert attribute.component.id in entities
            assert attribute.values is not None
            assert len(attribute.values) == 1
        elif kind == "#":
            note = NoteAnnotation.from_line(line, annotations)
            assert isinstance(note.component, EntityAnnotation)
            assert note.component.id in entities
            assert "=" in note.value
        else:
            relation = RelationAnnotation.from_line(line, entities)
            assert relation.label in ("speaker", "launched_by", "chairs", "forum")
    assert counts["T"] == len(list(annotated.annotations()))
    assert counts["R"] == sum(1 for a in annotated.annotations() for _ in a.references())
    assert counts["A"] > 0
    assert counts["#"] > 0


def test_ann_lines_for_each_kind_of_value() -> None:
    text = "Le ministre\nJean Dupont a parlé au GAFI."
    doc = Document("d", text, "fr")
    layer = doc.new_layer("gold", Provenance("hand", "1"))
    actor = layer.add(Actor, 0, 23, kind="person", role="ministre de l'Intérieur", wikidata="Q1")
    forum = layer.add(Forum, 35, 39, kind="organisation", participants={"states": 40}, chairs=(actor.id,))
    layer.add(Statement, 0, 39, speaker=actor.id, cue="parler", mode="indirect", entity="a b")
    doc = doc.with_layer(layer.build())
    assert dumps(doc).splitlines() == [
        "T1\tActor 0 11;12 23\tLe ministre Jean Dupont",
        "A1\tkind T1 person",
        '#1\tAnnotatorNotes T1\trole="ministre de l\'Intérieur"',
        "A2\twikidata T1 Q1",
        "T2\tStatement 0 11;12 39\tLe ministre Jean Dupont a parlé au GAFI",
        '#2\tAnnotatorNotes T2\tentity="a b"',
        "A3\tcue T2 parler",
        "A4\tmode T2 indirect",
        "T3\tForum 35 39\tGAFI",
        "A5\tkind T3 organisation",
        '#3\tAnnotatorNotes T3\tparticipants={"states": 40}',
        "R1\tspeaker Arg1:T2 Arg2:T1",
        "R2\tchairs Arg1:T3 Arg2:T1",
    ]
    assert forum.id


# -- reading what people write in brat -------------------------------------------------------------

HAND = "Vladimir Voronkov a salué le GCTF.\n"


def _read(ann: str, types: dict[str, type[Annotation]], text: str = HAND) -> Document:
    return loads(ann, text, "hand", types, "gold/hand.ann")


def test_hand_made_ann_with_free_notes_and_normalisations(registry: Registry) -> None:
    ann = (
        "T1\tActor 0 17\tVladimir Voronkov\r\n"
        "T2\tForum 29 33\tGCTF\r\n"
        "#1\tAnnotatorNotes T1\tcheck the title\r\n"
        "#2\tAnnotatorNotes T1\trole=chef du Bureau\r\n"
        "N1\tReference T2 Wikidata:Q123\tGCTF\r\n"
        "A1\tkind T2 organisation\r\n"
        "\r\n"
    )
    doc = _read(ann, dict(registry.types))
    actor, forum = doc.annotations()
    assert isinstance(actor, Actor)
    assert actor.role == "chef du Bureau"
    assert isinstance(forum, Forum)
    assert forum.kind == "organisation"


@pytest.mark.parametrize(
    ("ann", "message"),
    [
        ("T1\tWeapon 0 17\tVladimir Voronkov\n", r"gold/hand\.ann:1: unknown type 'Weapon'"),
        (
            "T1\tActor 0 17\tVladimir\n",
            r":1: the line says 'Vladimir' but the text there is 'Vladimir Voronkov'",
        ),
        ("T1\tActor 0 99\tx\n", r":1: span 0 99 is not inside a text of 35 characters"),
        ("T1\tActor zero 17\tx\n", r":1: offsets 'zero 17' are not 'start end' pairs"),
        ("T1\tActor 0 8;18 19\tVladimir a\n", r":1: discontinuous spans are not supported"),
        ("\nT1\tActor 0 17\tVladimir Voronkov\nE1\tMeet:T1\n", r":3: events are not supported"),
        ("T1\tActor 0 17\tVladimir Voronkov\nA1\tcolour T1 red\n", r":2: Actor has no attribute 'colour'"),
        ("T1\tActor 0 17\tVladimir Voronkov\nA1\tkind T1 robot\n", r":1: Actor 'T1': .*kind"),
        ("T1\tActor 0 17\tVladimir Voronkov\nR1\tspeaker Arg1:T1 Arg2:T9\n", r":2: a relation needs"),
        ("T1\tActor 0 17\tVladimir Voronkov\nR1\tspeaker Arg1:T1 Arg2:T1\n", r":2: Actor has no attribute"),
        ("T1\tActor 0 17\tVladimir Voronkov\nT1\tActor 0 8\tVladimir\n", r":2: T1 is defined twice"),
        ("T1 Actor 0 17 Vladimir Voronkov\n", r":1: not a brat line"),
        ("X1\tActor 0 17\tVladimir Voronkov\n", r":1: unknown kind of line 'X1'"),
    ],
)
def test_bad_ann_lines_are_named(ann: str, message: str, registry: Registry) -> None:
    with pytest.raises(FormatError, match=message):
        _read(ann, dict(registry.types))


def test_ann_without_its_text(tmp_path: Path, registry: Registry) -> None:
    (tmp_path / "lonely.ann").write_text("T1\tActor 0 3\tabc\n", encoding="utf-8")
    with pytest.raises(FormatError, match=r"lonely\.ann: its text lonely\.txt is not beside it"):
        list(read_documents(tmp_path, registry))


def test_text_that_is_not_utf8(tmp_path: Path, registry: Registry) -> None:
    (tmp_path / "latin.ann").write_text("", encoding="utf-8")
    (tmp_path / "latin.txt").write_bytes("Lefèvre".encode("latin-1"))
    with pytest.raises(FormatError, match=r"latin\.txt: not UTF-8 \(byte 3\)"):
        list(read_documents(tmp_path, registry))
