"""The plugin on its sample texts: found Operations, their agencies, and their JSON-LD IRIs.

Run with the plugin installed (``pip install -e .``): ``python -m pytest``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import ctannot_operations
import pytest
from ctannot_operations import Operation
from pyld import jsonld

import ctannot
from ctannot.formats.web_annotation import document_loader, dumps, loads

SAMPLES = Path(__file__).with_name("samples")
OPS = "https://example.org/ctannot-operations/vocab#"
OA = "http://www.w3.org/ns/oa#"
CTANNOT = "https://w3id.org/ctannot/vocab#"
OPTIONS = {"documentLoader": document_loader}  # the W3C context from ctannot's copy: no network

EXPECTED = {  # (text, kind, the agency's text) of each sample's Operations, in text order
    "fr_perquisition": [
        ("perquisition", "raid", "GIGN"),
        (
            "démantèlement d'une cellule terroriste",
            "dismantling",
            "Bureau central d'investigations judiciaires",
        ),
        ("interpellation de quatre suspects", "arrest", "Bureau central d'investigations judiciaires"),
    ],
    "en_raids": [
        ("counter-terrorism raids", "raid", "GSG 9"),
        ("dismantled a terrorist cell", "dismantling", "FBI"),
    ],
}


@pytest.fixture(scope="module")
def registry() -> ctannot.registry.Registry:
    # The plugin module passed in directly: these tests do not depend on other installed plugins.
    return ctannot.load_registry(load_entrypoints=False, plugins=[ctannot_operations])


@pytest.fixture(scope="module")
def documents(registry: ctannot.registry.Registry) -> dict[str, ctannot.Document]:
    pipeline = ctannot.load_pipeline("rules+operations", registry=registry)
    pipeline.setup()
    return {
        path.stem: pipeline.annotate(
            ctannot.Document(path.stem, path.read_text("utf-8"), path.stem[:2])
        ).document
        for path in sorted(SAMPLES.glob("*.txt"))
    }


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_operations_and_their_agencies(documents: dict[str, ctannot.Document], name: str) -> None:
    doc = documents[name]
    found = [
        (op.text, op.kind, doc.get(op.agency).text if op.agency else None)
        for op in doc.annotations(Operation)
    ]
    assert found == EXPECTED[name]
    assert doc.layer("operations").producer == ctannot.Provenance("operations.rules", "0.2.0")


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_json_ld_uses_the_plugin_vocabulary(documents: dict[str, ctannot.Document], name: str) -> None:
    doc = documents[name]
    # Flattened by a standard JSON-LD processor, offline: one node per annotation, body, selector.
    nodes = {node["@id"]: node for node in jsonld.flatten(json.loads(dumps(doc)), None, OPTIONS)}

    def exact(annotation: dict[str, Any]) -> str:
        (target,) = annotation[OA + "hasTarget"]
        selectors = [nodes[s["@id"]] for s in nodes[target["@id"]][OA + "hasSelector"]]
        (quote,) = [s[OA + "exact"][0]["@value"] for s in selectors if OA + "exact" in s]
        return quote

    operations = [
        (node, body)
        for node in nodes.values()
        for body in map(nodes.get, (b["@id"] for b in node.get(OA + "hasBody", [])))
        if OPS + "Operation" in body.get("@type", [])
    ]
    found = []
    for annotation, body in sorted(operations, key=lambda pair: exact(pair[0])):
        (kind,) = body[OPS + "kind"]
        (link,) = body[OPS + "agency"]  # a link to the Actor's annotation
        agency = nodes[link["@id"]]
        (agency_body,) = agency[OA + "hasBody"]
        assert nodes[agency_body["@id"]]["@type"] == [CTANNOT + "Actor"]
        found.append((exact(annotation), kind["@value"], exact(agency)))
    assert found == sorted(EXPECTED[name])


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_round_trip_is_lossless(
    registry: ctannot.registry.Registry, documents: dict[str, ctannot.Document], name: str
) -> None:
    text = dumps(documents[name])
    back = loads(text, registry.types)
    assert back == documents[name]
    assert [op.agency for op in back.annotations(Operation)] == [
        op.agency for op in documents[name].annotations(Operation)
    ]
    assert dumps(back) == text


def test_the_type_carries_its_vocabulary_and_colour() -> None:
    assert Operation.vocabulary == ctannot.Vocabulary("ops", OPS)
    assert Operation.colour == "#882255"
