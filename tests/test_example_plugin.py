"""The example plugin in plugins/ctannot-operations, installed for real and found by entry point."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import install_plugin, run_ctannot

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
    assert row["version"] == "0.1.0"
    assert not row["builtin"]
    assert row["provides"] == {
        "annotation_types": ["Operation"],
        "extractors": ["operations.rules"],
        "pipelines": ["rules+operations"],
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
    assert layers["operations"]["version"] == "0.1.0"
    operations = {
        item["target"]["selector"][1]["exact"]: item["body"]
        for item in data["first"]["items"]
        if item["body"]["type"] == "Operation"
    }
    assert operations["démantèlement d'une cellule terroriste"]["kind"] == "dismantling"
    assert operations["interpellation de quatre suspects"]["kind"] == "arrest"
    # The group named inside the sentence is still found by the built-in rules.
    assert any(item["body"]["type"] == "Threat" for item in data["first"]["items"])

    shown = run_ctannot("show", out / "cellule.jsonld", cwd=tmp_path, site=plugin_path)
    assert shown.returncode == 0, shown.stderr
    assert "layer operations by operations.rules 0.1.0: 2 annotations" in shown.stdout


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
