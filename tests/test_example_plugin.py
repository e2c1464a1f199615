"""The example plugin in plugins/ctannot-operations, installed for real and found by entry point.

It shows a custom type end to end: found by its rule file, linked to an Actor, exported in the
plugin's own RDF vocabulary (checked with pyld, offline), read back without loss.
"""

from __future__ import annotations

import importlib
import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from pyld import jsonld

import ctannot
from conftest import REPO, install_plugin, run_ctannot
from ctannot.formats.web_annotation import VOCAB, document_loader, dumps, loads
from ctannot.views.render import to_html

PLUGIN = REPO / "plugins" / "ctannot-operations"
OPS = "https://example.org/ctannot-operations/vocab#"
OA = "http://www.w3.org/ns/oa#"

TEXT_FR = (
    "Rabat, 3 mars (MAP) - Le Bureau central d'investigations judiciaires a annoncé mardi le "
    "démantèlement d'une cellule terroriste liée à Daech, après l'interpellation de quatre suspects "
    "à Tanger et à Fès.\n"
)


@pytest.fixture(scope="module")
def plugin_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return install_plugin(tmp_path_factory.mktemp("site"), "ctannot-operations")


def test_plugins_command_lists_the_installed_plugin(plugin_path: Path, tmp_path: Path) -> None:
    result = run_ctannot("plugins", "--json", cwd=tmp_path, site=plugin_path)
    assert result.returncode == 0, result.stderr
    rows = {row["name"]: row for row in json.loads(result.stdout)}
    row = rows["operations"]
    assert row["package"] == "ctannot-operations"
    assert row["version"] == "0.2.0"
    assert not row["builtin"]
    assert row["provides"] == {
        "annotation_types": ["Operation"],
        "extractors": ["operations.rules"],
        "pipelines": ["rules+operations"],
        "rule_packs": ["ctannot_operations/units.toml"],
    }
    assert rows["ctannot.builtin.rules"]["builtin"]


def test_plugin_is_absent_without_installation(tmp_path: Path) -> None:
    result = run_ctannot("plugins", "--json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "operations" not in {row["name"] for row in json.loads(result.stdout)}


def test_cli_annotates_with_the_plugin_pipeline_and_reads_it_back(plugin_path: Path, tmp_path: Path) -> None:
    (tmp_path / "cellule.txt").write_text(TEXT_FR, encoding="utf-8")
    out = tmp_path / "out"
    result = run_ctannot(
        "annotate", "cellule.txt", "--pipeline", "rules+operations", "-o", out, cwd=tmp_path, site=plugin_path
    )
    assert result.returncode == 0, result.stderr
    data = json.loads((out / "cellule.jsonld").read_text(encoding="utf-8"))
    layers = {layer["label"]: layer["creator"] for layer in data["layers"]}
    assert layers["operations"]["name"] == "operations.rules"
    assert layers["operations"]["version"] == "0.2.0"
    items = data["first"]["items"]
    operations = {
        item["target"]["selector"][1]["exact"]: item["body"]
        for item in items
        if item["body"]["type"] == "Operation"
    }
    assert operations["démantèlement d'une cellule terroriste"]["ops:kind"] == "dismantling"
    assert operations["interpellation de quatre suspects"]["ops:kind"] == "arrest"
    # Both led by the bureau the sentence names: a link to its Actor in the built-in layer.
    (bureau,) = [item["id"] for item in items if item["target"]["selector"][1]["exact"].startswith("Bureau")]
    assert {body["ops:agency"]["id"] for body in operations.values()} == {bureau}
    # The group named inside the sentence is still found by the built-in rules.
    assert any(item["body"]["type"] == "Threat" for item in data["first"]["items"])

    shown = run_ctannot("show", out / "cellule.jsonld", cwd=tmp_path, site=plugin_path)
    assert shown.returncode == 0, shown.stderr
    assert "layer operations by operations.rules 0.2.0: 2 annotations" in shown.stdout


def test_reading_a_plugin_type_without_the_plugin_fails_clearly(plugin_path: Path, tmp_path: Path) -> None:
    (tmp_path / "cellule.txt").write_text(TEXT_FR, encoding="utf-8")
    out = tmp_path / "out"
    run_ctannot(
        "annotate", "cellule.txt", "--pipeline", "rules+operations", "-o", out, cwd=tmp_path, site=plugin_path
    )
    shown = run_ctannot("show", out / "cellule.jsonld", cwd=tmp_path)
    assert shown.returncode == 1
    assert "unknown type 'Operation'" in shown.stderr
    assert "Traceback" not in shown.stderr


# -- the plugin's own tests, and its samples end to end ------------------------------------------------


def test_the_plugins_own_tests_pass_against_the_installed_plugin(plugin_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(PLUGIN / "tests")],
        capture_output=True,
        text=True,
        cwd=PLUGIN,
        env={**os.environ, "PYTHONPATH": str(plugin_path)},  # the installed copy, not src/
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"^7 passed", result.stdout, re.MULTILINE), result.stdout


@pytest.fixture
def installed(plugin_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[ModuleType]:
    """The plugin module imported from where pip installed it."""
    monkeypatch.syspath_prepend(str(plugin_path))
    sys.modules.pop("ctannot_operations", None)
    module = importlib.import_module("ctannot_operations")
    assert Path(module.__file__ or "").is_relative_to(plugin_path)
    yield module
    sys.modules.pop("ctannot_operations", None)


def test_samples_annotated_exported_expanded_and_read_back(
    plugin_path: Path, installed: ModuleType, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    result = run_ctannot(
        "annotate",
        PLUGIN / "tests" / "samples",
        "--pipeline",
        "rules+operations",
        "-o",
        out,
        cwd=tmp_path,
        site=plugin_path,
    )
    assert result.returncode == 0, result.stderr
    types = ctannot.load_registry(load_entrypoints=False, plugins=[installed]).types
    found: dict[str, list[tuple[str, str, str]]] = {}
    for path in sorted(out.glob("*.jsonld")):
        text = path.read_text(encoding="utf-8")
        found[path.stem] = _operations(json.loads(text))
        back = loads(text, types, str(path))  # lossless: the same document, written the same
        assert dumps(back) == text
        assert [type(a) for a in back.annotations()].count(installed.Operation) == len(found[path.stem])
        assert installed.Operation.colour in to_html(back)  # drawn in the plugin's own colour
    assert found == {
        "en_raids": [
            ("counter-terrorism raids", "raid", "GSG 9"),
            ("dismantled a terrorist cell", "dismantling", "FBI"),
        ],
        "fr_perquisition": [
            (
                "démantèlement d'une cellule terroriste",
                "dismantling",
                "Bureau central d'investigations judiciaires",
            ),
            ("interpellation de quatre suspects", "arrest", "Bureau central d'investigations judiciaires"),
            ("perquisition", "raid", "GIGN"),
        ],
    }


def _operations(data: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(text, kind, the agency's text) of each ops:Operation, as pyld reads the file, offline."""
    nodes = {n["@id"]: n for n in jsonld.flatten(data, None, {"documentLoader": document_loader})}

    def exact(annotation: dict[str, Any]) -> str:
        (target,) = annotation[OA + "hasTarget"]
        selectors = [nodes[s["@id"]] for s in nodes[target["@id"]][OA + "hasSelector"]]
        (quote,) = [s[OA + "exact"][0]["@value"] for s in selectors if OA + "exact" in s]
        return str(quote)

    found = []
    for annotation in nodes.values():
        for link in annotation.get(OA + "hasBody", []):
            body = nodes[link["@id"]]
            if body["@type"] != [OPS + "Operation"]:
                continue
            assert {key for key in body if not key.startswith("@")} == {OPS + "kind", OPS + "agency"}
            (agency,) = body[OPS + "agency"]
            (agency_body,) = nodes[agency["@id"]][OA + "hasBody"]
            assert nodes[agency_body["@id"]]["@type"] == [VOCAB + "Actor"]
            found.append((exact(annotation), body[OPS + "kind"][0]["@value"], exact(nodes[agency["@id"]])))
    return sorted(found)
