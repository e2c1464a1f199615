"""The RDF graph of a document's JSON-LD, as N-Triples and Turtle, for triple stores.

The graph is exactly what a JSON-LD processor makes of :func:`ctannot.formats.web_annotation.to_jsonld`:
pyld turns it into N-Triples offline (the W3C context is the packaged copy that
:func:`~ctannot.formats.web_annotation.document_loader` serves; nothing else is fetched), and rdflib
writes that graph as Turtle, with the prefixes of the JSON-LD context.
"""

from __future__ import annotations

from typing import Any

from ctannot.formats import optional_module
from ctannot.formats.web_annotation import anno_context, document_loader, to_jsonld
from ctannot.model import Document

__all__ = ["dump_ntriples", "dump_turtle", "graph"]


def _modules() -> tuple[Any, Any]:
    needed = "the RDF formats need pyld and rdflib"
    return optional_module("pyld.jsonld", needed), optional_module("rdflib", needed)


def dump_ntriples(document: Document) -> str:
    """The document's graph as N-Triples, one triple a line, sorted (blank nodes ``_:b0``...)."""
    return _ntriples(to_jsonld(document))


def _ntriples(data: dict[str, Any]) -> str:
    jsonld, _ = _modules()
    text: str = jsonld.to_rdf(data, {"documentLoader": document_loader, "format": "application/n-quads"})
    return text


def graph(document: Document) -> Any:
    """The document's graph, an ``rdflib.Graph``, with the prefixes of its JSON-LD context bound."""
    _, rdflib = _modules()
    data = to_jsonld(document)
    out = rdflib.Graph(bind_namespaces="none")
    out.parse(data=_ntriples(data), format="nt")
    contexts = [anno_context()["@context"], *data["@context"][1:]]
    for context in contexts:
        for prefix, iri in context.items():
            if isinstance(iri, str) and iri.endswith(("#", "/")) and not prefix.startswith("@"):
                out.bind(prefix, iri)
    return out


def dump_turtle(document: Document) -> str:
    """The document's graph as Turtle."""
    text: str = graph(document).serialize(format="turtle")
    return text
