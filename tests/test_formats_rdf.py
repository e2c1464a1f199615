"""Turtle and N-Triples: the very graph of the JSON-LD output, as rdflib reads it, made offline."""

from __future__ import annotations

import copy
import json
import socket
from typing import Any

import pytest
from hypothesis import given, settings
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF

from ctannot import Document, Pipeline, Statement
from ctannot.formats.rdf import dump_ntriples, dump_turtle
from ctannot.formats.web_annotation import VOCAB, anno_context, dumps
from strategies import documents

# rdflib's JSON-LD parser builds a ConjunctiveGraph, which rdflib 7 deprecates: not ours to fix.
RDFLIB_JSONLD_WARNING = pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")

OA = Namespace("http://www.w3.org/ns/oa#")
CT = Namespace(VOCAB)
TEXT = "« Il faut tarir le financement du terrorisme », a déclaré Marie Lefèvre à Paris.\r\n👍\n"


def _same_json(graph: Graph) -> Graph:
    """rdf:JSON literals by value: pyld writes them canonical (JCS: ``0.0`` is ``0``, ``1e+16``
    is ``10000000000000000``, ``-0.0`` is ``0``), as JSON-LD 1.1 asks; rdflib keeps them as written."""

    def norm(value: Any) -> Any:
        if isinstance(value, int | float) and not isinstance(value, bool):
            return float(value) + 0.0  # and -0.0 is 0
        if isinstance(value, list):
            return [norm(v) for v in value]
        if isinstance(value, dict):
            return {k: norm(v) for k, v in value.items()}
        return value

    out = Graph()
    for s, p, o in graph:
        if isinstance(o, Literal) and o.datatype == RDF.JSON:
            o = Literal(json.dumps(norm(json.loads(o)), sort_keys=True), datatype=RDF.JSON)
        out.add((s, p, o))
    return out


def _jsonld_graph(doc: Document) -> Graph:
    """The JSON-LD output read by rdflib's own JSON-LD parser: another processor than the one
    (pyld) that makes our N-Triples. The W3C context goes in inline, so nothing is fetched."""
    data = json.loads(dumps(doc))
    data["@context"][0] = anno_context()["@context"]
    return _same_json(Graph().parse(data=json.dumps(data), format="json-ld"))


@RDFLIB_JSONLD_WARNING
@settings(max_examples=80, deadline=None)
@given(documents(max_annotations=6))
def test_turtle_and_ntriples_are_the_graph_of_the_json_ld(doc: Document) -> None:
    expected = _jsonld_graph(doc)
    turtle = _same_json(Graph().parse(data=dump_turtle(doc), format="turtle"))
    ntriples = _same_json(Graph().parse(data=dump_ntriples(doc), format="nt"))
    assert len(turtle) == len(expected) > 0
    assert isomorphic(turtle, expected)
    assert isomorphic(ntriples, expected)


@pytest.fixture(scope="module")
def annotated(pipeline: Pipeline) -> Document:
    return pipeline.annotate(Document("wire 7", TEXT, "fr", {"date": "2024-03-12"})).document


@RDFLIB_JSONLD_WARNING
def test_pipeline_output_as_turtle(annotated: Document) -> None:
    text = dump_turtle(annotated)
    assert "@prefix oa: <http://www.w3.org/ns/oa#> ." in text
    assert "@prefix ctannot: <https://w3id.org/ctannot/vocab#> ." in text
    graph = Graph().parse(data=text, format="turtle")
    assert isomorphic(_same_json(graph), _jsonld_graph(annotated))
    statement = next(annotated.annotations(Statement))
    speaker = annotated.get(statement.speaker)  # type: ignore[arg-type]
    body = next(graph.objects(URIRef(f"urn:ctannot:doc:wire%207#{statement.id}"), OA.hasBody))
    assert (body, RDF.type, CT.Statement) in graph
    assert (body, CT.speaker, URIRef(f"urn:ctannot:doc:wire%207#{speaker.id}")) in graph
    exact = [o for o in graph.objects(None, OA.exact) if o == Literal(statement.text)]
    assert exact, "the quote of the statement is a TextQuoteSelector"


def test_ntriples_are_sorted_lines(annotated: Document) -> None:
    lines = dump_ntriples(annotated).splitlines()
    assert lines == sorted(lines)
    assert all(line.endswith(" .") for line in lines)


def test_made_offline(annotated: Document, monkeypatch: pytest.MonkeyPatch) -> None:
    attempts: list[Any] = []

    def refuse(*args: Any, **kwargs: Any) -> None:
        attempts.append(args)
        raise OSError("network access attempted in a test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    assert dump_turtle(copy.deepcopy(annotated))
    assert dump_ntriples(annotated)
    assert attempts == []
