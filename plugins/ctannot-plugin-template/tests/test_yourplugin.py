"""The plugin's tests: run them with `python -m pytest` once the plugin is installed."""

from __future__ import annotations

import ctannot_yourplugin
from ctannot_yourplugin import Weapon

import ctannot
from ctannot.formats.web_annotation import dumps, loads

TEXT = "Les enquêteurs ont saisi une kalachnikov et deux kilos de TATP dans l'appartement.\n"


def test_weapons_are_found_and_survive_json_ld() -> None:
    # The registry of the built-in plugins and this one, whatever else is installed.
    registry = ctannot.load_registry(load_entrypoints=False, plugins=[ctannot_yourplugin])
    pipeline = ctannot.load_pipeline("rules+yourplugin", registry=registry)
    doc = pipeline.annotate(ctannot.Document("d1", TEXT, "fr")).document

    assert [(w.text, w.category) for w in doc.annotations(Weapon)] == [
        ("kalachnikov", "firearm"),
        ("TATP", "explosive"),
    ]
    text = dumps(doc)
    assert '"yourplugin:category":"firearm"' in text
    assert loads(text, registry.types) == doc
