"""Annotation types with a vocabulary of their own: exported in their namespace, read back whole."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from typing import Any, ClassVar
from urllib.parse import quote

import attrs
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from pyld import jsonld

from ctannot import (
    Actor,
    Annotation,
    Document,
    Layer,
    Participants,
    Provenance,
    Statement,
    Vocabulary,
    hookimpl,
    load_registry,
    refs_field,
)
from ctannot.formats.web_annotation import VOCAB, context_for, document_loader, dumps, loads, to_jsonld
from ctannot.registry import RegistrationError
from strategies import documents, ids, participants, producers, short_text, spans

BIRDS = Vocabulary("birds", "https://example.org/birds#")
BOATS = Vocabulary("boats", "https://example.org/boats/")


@attrs.frozen(kw_only=True)
class Sighting(Annotation):
    """Attribute names that the built-in types (kind) and the W3C context (target) also use."""

    type_name: ClassVar[str] = "Sighting"
    vocabulary: ClassVar[Vocabulary | None] = BIRDS

    kind: str | None = None
    target: str | None = None
    seen_by: tuple[str, ...] = refs_field("Actor")
    flock: Participants | None = attrs.field(default=None, metadata={"nested": Participants})


@attrs.frozen(kw_only=True)
class Vessel(Annotation):
    type_name: ClassVar[str] = "Vessel"
    vocabulary: ClassVar[Vocabulary | None] = BOATS

    kind: str | None = None


TYPES: dict[str, type[Annotation]] = {
    **load_registry(load_entrypoints=False).types,
    "Sighting": Sighting,
    "Vessel": Vessel,
}
OPTIONS = {"documentLoader": document_loader}
PLUGIN_IRIS = {Sighting: BIRDS.iri, Vessel: BOATS.iri}


@st.composite
def with_plugin_types(draw: st.DrawFn) -> Document:
    """A document of the built-in types, and a layer of Sightings and Vessels on top."""
    doc = draw(documents(max_annotations=6))
    if not doc.text:
        return doc
    actors = [a.id for a in doc.annotations(Actor)]
    taken = {a.id for a in doc.annotations()}
    builder = doc.new_layer(draw(ids.filter(lambda name: name not in doc.layer_names)), draw(producers))
    for ann_id in draw(st.lists(ids.filter(lambda i: i not in taken), max_size=5, unique=True)):
        start, end = draw(spans(doc.text))
        if draw(st.booleans()):
            builder.add(Vessel, start, end, id=ann_id, kind=draw(st.none() | short_text))
            continue
        builder.add(
            Sighting,
            start,
            end,
            id=ann_id,
            kind=draw(st.none() | short_text),
            target=draw(st.none() | short_text),
            seen_by=draw(st.lists(st.sampled_from(actors), max_size=2)) if actors else (),
            flock=draw(participants),
        )
    return doc.with_layer(builder.build())


@settings(max_examples=100, deadline=None)
@given(with_plugin_types())
def test_fast_writer_and_round_trip(doc: Document) -> None:
    text = dumps(doc)
    assert text == json.dumps(to_jsonld(doc), ensure_ascii=False, separators=(",", ":")) + "\n"
    back = loads(text, TYPES)
    assert back == doc
    assert [a.attributes for a in back.annotations()] == [a.attributes for a in doc.annotations()]
    assert dumps(back) == text


def _properties(node: dict[str, Any]) -> set[str]:
    return {key for key in node if not key.startswith("@")}


@settings(max_examples=40, deadline=None)
@given(with_plugin_types())
@example(  # a speaker named by a phrase is the speaker property, not one of its own
    Document(
        "0",
        "0",
        layers=[
            Layer("1", Provenance("0", "0"), [Statement(source="0", start=0, end=1, id="0", speaker_name="")])
        ],
    )
)
def test_pyld_expands_plugin_types_to_their_own_iris(doc: Document) -> None:
    flat = {n["@id"]: n for n in jsonld.flatten(copy.deepcopy(to_jsonld(doc)), None, OPTIONS)}
    for ann in doc.annotations():
        body = next(n for key, n in flat.items() if key.endswith("/body#" + quote(ann.id, safe="")))
        iri = PLUGIN_IRIS.get(type(ann), VOCAB)
        assert body["@type"] == [iri + ann.type_name]
        # an attribute that names what a reference would point to (a Statement's
        # speaker_name) is the reference's property: the speaker, an agent with a name
        fields = attrs.fields_dict(type(ann))
        own = {
            f"{iri}{fields[name].metadata.get('names', name)}"
            for name, value in ann.attributes.items()
            if value not in (None, ())
        }
        own.discard(f"{iri}entity")
        assert _properties(body) - {VOCAB + "entity", "http://www.w3.org/2002/07/owl#sameAs"} == own
        if isinstance(ann, Sighting):
            if ann.kind is not None:
                assert body[BIRDS.iri + "kind"] == [{"@value": ann.kind}]
            if ann.target is not None:
                assert body[BIRDS.iri + "target"] == [{"@value": ann.target}]
            if ann.seen_by:
                (links,) = body[BIRDS.iri + "seen_by"]
                assert [
                    flat[link["@id"]][VOCAB + "annotationId"][0]["@value"] for link in links["@list"]
                ] == list(ann.seen_by)
            if ann.flock is not None and attrs.asdict(ann.flock, filter=lambda _, v: v is not None):
                (flock,) = body[BIRDS.iri + "flock"]
                assert _properties(flat[flock["@id"]]) <= {
                    BIRDS.iri + n for n in ("people", "states", "organisations")
                }


def test_the_context_declares_the_prefix_and_keeps_the_built_in_terms() -> None:
    ctx = context_for({"Actor": Actor, "Sighting": Sighting})
    assert ctx["birds"] == BIRDS.iri
    assert ctx["Sighting"] == "birds:Sighting"
    assert ctx["kind"] == {"@id": "ctannot:kind"}  # Actor's kind is still ctannot's
    assert ctx["birds:kind"] == {"@id": "birds:kind"}
    assert ctx["birds:seen_by"] == {"@id": "birds:seen_by", "@type": "@id", "@container": "@list"}


@pytest.mark.parametrize(
    ("prefix", "iri", "message"),
    [
        ("", "https://example.org/x#", "must be a short name"),
        ("a b", "https://example.org/x#", "must be a short name"),
        ("ctannot", "https://example.org/x#", "is taken"),
        ("body", "https://example.org/x#", "is taken"),  # a term of the W3C context
        ("x", "https://example.org/x", "ending in '#' or '/'"),
        ("x", "urn:x:", "must be an http"),
    ],
)
def test_invalid_vocabularies_are_refused(prefix: str, iri: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Vocabulary(prefix, iri)


def test_a_prefix_that_is_already_a_term_is_refused() -> None:
    @attrs.frozen(kw_only=True)
    class Clash(Annotation):
        type_name: ClassVar[str] = "Clash"
        vocabulary: ClassVar[Vocabulary | None] = Vocabulary("kind", "https://example.org/kind#")

    with pytest.raises(ValueError, match="annotation type Clash: vocabulary prefix 'kind' is already"):
        context_for({"Actor": Actor, "Clash": Clash})

    @attrs.frozen(kw_only=True)
    class OtherBirds(Annotation):
        type_name: ClassVar[str] = "OtherBirds"
        vocabulary: ClassVar[Vocabulary | None] = Vocabulary("birds", "https://example.com/birds#")

    with pytest.raises(ValueError, match="OtherBirds and Sighting use the vocabulary prefix 'birds' for two"):
        context_for({"Sighting": Sighting, "OtherBirds": OtherBirds})


def test_clashing_vocabularies_are_refused_when_the_plugins_load() -> None:
    @attrs.frozen(kw_only=True)
    class OtherBirds(Annotation):
        type_name: ClassVar[str] = "OtherBirds"
        vocabulary: ClassVar[Vocabulary | None] = Vocabulary("birds", "https://example.com/birds#")

    class Plugin:
        @hookimpl
        def register_annotation_types(self, register: Callable[[type[Annotation]], None]) -> None:
            register(Sighting)
            register(OtherBirds)

    with pytest.raises(RegistrationError, match=r"register_annotation_types: .*prefix 'birds' for two"):
        load_registry(plugins=[Plugin()])
