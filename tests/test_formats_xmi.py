"""UIMA CAS XMI: every annotation, offset, covered text and feature read back by dkpro-cassis."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any, ClassVar

import attrs
import pytest
from cassis import load_cas_from_xmi, load_typesystem
from hypothesis import assume, given, settings

import ctannot
from ctannot import Annotation, Document, FormatError, Pipeline, Provenance, Statement, ref_field
from ctannot.formats import export_documents
from ctannot.formats.xmi import _NOT_XML, BASE, DOCUMENT_METADATA, dumps, shared, typesystem
from ctannot.registry import Registry
from strategies import documents

TEXT = (
    "👍 « Nous devons tarir le financement du terrorisme », a déclaré Marie Lefèvre\r\n"
    "à Paris devant le GAFI, qui s’inquiète de Daech.\n"
)


@attrs.frozen(kw_only=True)
class Weapon(Annotation):
    """A plugin's own type, with every kind of value a feature can hold."""

    type_name: ClassVar[str] = "Weapon"

    model: str | None = None
    calibre: int | None = None
    weight: float | None = None
    banned: bool | None = None
    aliases: tuple[str, ...] = ()
    spec: dict[str, Any] | None = None
    owner: str | None = ref_field("Actor")


class WeaponPlugin:
    @ctannot.hookimpl
    def register_annotation_types(self, register: Any) -> None:
        register(Weapon)


def _features(fs: Any) -> dict[str, Any]:
    return {f.name: fs.get(f.name) for f in fs.type.all_features if f.name not in ("sofa", "begin", "end")}


def _check(document: Document, xmi: str, ts_xml: str) -> None:
    """Everything of the document is in the CAS that cassis reads from ``xmi``."""
    cas = load_cas_from_xmi(xmi, typesystem=load_typesystem(ts_xml))
    assert cas.sofa_string == document.text
    meta = cas.get_document_annotation()
    assert meta.type.name == DOCUMENT_METADATA
    assert (meta.documentId, meta.language) == (document.id, document.lang or "x-unspecified")
    found = {fs.annotationId: fs for fs in cas.select(BASE)}
    assert len(found) == len(list(document.annotations()))
    for layer in document.layers:
        for ann in layer:
            fs = found[ann.id]
            assert fs.type.name == f"ctannot.{ann.type_name}"
            assert (fs.begin, fs.end) == (ann.start, ann.end)
            assert fs.get_covered_text() == ann.text
            assert (fs.layer, fs.producer, fs.producerVersion) == (
                layer.name,
                layer.producer.name,
                layer.producer.version,
            )
            assert fs.entity == ann.entity
            for name, value in attrs.asdict(ann, recurse=False).items():
                if name in ("source", "start", "end", "id", "entity"):
                    continue
                got = fs.get(name)
                if "ref" in attrs.fields_dict(type(ann))[name].metadata:
                    if isinstance(value, tuple):
                        got = tuple(e.annotationId for e in got.elements) if got is not None else ()
                    elif got is not None:
                        got = got.annotationId
                elif isinstance(value, tuple):
                    got = tuple(got.elements) if got is not None else ()
                elif attrs.has(type(value)):
                    value = {k: v for k, v in attrs.asdict(value).items() if v is not None}
                    got = {k: v for k, v in _features(got).items() if v is not None}
                assert got == value, name


@pytest.fixture(scope="module")
def annotated(pipeline: Pipeline) -> Document:
    doc = pipeline.annotate(Document("dépêche-1", TEXT, "fr")).document
    assert any(s.speaker for s in doc.annotations(Statement))
    return doc


def test_cassis_reads_pipeline_output(annotated: Document, registry: Registry) -> None:
    _check(annotated, dumps(annotated), shared(registry.types)["TypeSystem.xml"])
    cas = load_cas_from_xmi(
        dumps(annotated), typesystem=load_typesystem(shared(registry.types)["TypeSystem.xml"])
    )
    statement = cas.select("ctannot.Statement")[0]
    assert statement.speaker.get_covered_text() == "Marie Lefèvre"
    assert statement.speaker.type.name == "ctannot.Actor"


def test_offsets_in_the_xmi_are_utf16_as_uima_counts(annotated: Document) -> None:
    """Java counts a string in UTF-16 code units: after 👍 (two of them), one more than Python."""
    root = ET.fromstring(dumps(annotated))
    begins = sorted(int(e.get("begin", "-1")) for e in root if e.get("annotationId") is not None)
    expected = sorted(len(TEXT[: a.start].encode("utf-16-le")) // 2 for a in annotated.annotations())
    assert begins == expected
    assert all(a.start > 0 for a in annotated.annotations())  # all after the emoji: each shifted by one
    assert begins == sorted(a.start + 1 for a in annotated.annotations())


def test_plugin_types_and_every_kind_of_feature() -> None:
    registry = ctannot.load_registry(load_entrypoints=False, plugins=[WeaponPlugin()])
    text = "Le fusil HK416 de Jean Dupont."
    doc = Document("w", text, "fr")
    layer = doc.new_layer("weapons", Provenance("weapons.rules", "1.0"))
    owner = layer.add(ctannot.Actor, 18, 29, kind="person")
    layer.add(
        Weapon,
        3,
        14,
        model="HK416",
        calibre=5,
        weight=3.5,
        banned=False,
        aliases=("HK 416", "fusil"),
        spec={"barrel": [1, 2]},
        owner=owner.id,
    )
    doc = doc.with_layer(layer.build())
    ts_xml = shared(registry.types)["TypeSystem.xml"]
    ts = load_typesystem(ts_xml)
    weapon = ts.get_type("ctannot.Weapon")
    ranges = {f.name: f.rangeType.name for f in weapon.features}
    assert ranges == {
        "model": "uima.cas.String",
        "calibre": "uima.cas.Integer",
        "weight": "uima.cas.Double",
        "banned": "uima.cas.Boolean",
        "aliases": "uima.cas.StringArray",
        "spec": "uima.cas.String",
        "owner": "ctannot.Actor",
    }
    cas = load_cas_from_xmi(dumps(doc), typesystem=ts)
    (fs,) = cas.select("ctannot.Weapon")
    assert (fs.model, fs.calibre, fs.weight, fs.banned) == ("HK416", 5, 3.5, False)
    assert fs.aliases.elements == ["HK 416", "fusil"]
    assert json.loads(fs.spec) == {"barrel": [1, 2]}
    assert fs.owner.get_covered_text() == "Jean Dupont"


@settings(max_examples=100, deadline=None)
@given(documents())
def test_cassis_reads_any_document(doc: Document) -> None:
    values = [
        doc.text,
        doc.id,
        doc.lang or "",
        *(str(v) for a in doc.annotations() for v in attrs.astuple(a, recurse=True)),
    ]
    values += [layer.name + str(layer.producer) for layer in doc.layers if len(layer)]
    if any(_NOT_XML.search(v) for v in values):
        with pytest.raises(FormatError, match=r"which XML 1\.0 \(and so XMI\) cannot hold"):
            dumps(doc)
        return
    assume(doc.lang != "")
    _check(doc, dumps(doc), typesystem(type(a) for a in doc.annotations()).to_xml())


def test_control_characters_are_refused_with_where() -> None:
    doc = Document("bell", "ding\x07dong", "fr")
    with pytest.raises(FormatError, match=r"document 'bell' holds U\+0007 at 4, which XML 1\.0"):
        dumps(doc)


def test_export_writes_the_type_system_once(annotated: Document, tmp_path: Path, registry: Registry) -> None:
    export_documents([annotated], registry.exporters["xmi"], tmp_path, registry.types)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["TypeSystem.xml", "dépêche-1.xmi"]
    ts = load_typesystem((tmp_path / "TypeSystem.xml").read_text(encoding="utf-8"))
    assert {t.name for t in ts.get_types() if t.name.startswith("ctannot.")} >= {
        f"ctannot.{name}" for name in registry.types
    }
    _check(annotated, (tmp_path / "dépêche-1.xmi").read_text(encoding="utf-8"), ts.to_xml())
