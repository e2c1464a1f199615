"""A ctannot plugin: weapons named in the news (Weapon annotations, from weapons.toml)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import ClassVar

import attrs

import ctannot


@attrs.frozen(kw_only=True)
class Weapon(ctannot.Annotation):
    """A weapon or explosive named in the text."""

    type_name: ClassVar[str] = "Weapon"  # the name rule files and JSON-LD use
    # Exported as yourplugin:Weapon and yourplugin:category, IRIs of your own namespace.
    vocabulary: ClassVar[ctannot.Vocabulary | None] = ctannot.Vocabulary(
        "yourplugin", "https://example.org/ctannot-yourplugin/vocab#"
    )
    colour: ClassVar[str | None] = "#999933"  # how `ctannot render` draws it

    category: str | None = None  # attributes: attrs fields with plain values


# Hook 1: the annotation types the plugin adds, so that rule files and importers know them.
@ctannot.hookimpl
def register_annotation_types(register: Callable[[type[ctannot.Annotation]], None]) -> None:
    register(Weapon)


# Hook 2: the extractors. This one is made from a rule file alone; it writes its own layer.
@ctannot.hookimpl
def register_extractors(register: Callable[[ctannot.Extractor], None]) -> None:
    register(
        ctannot.RuleExtractor(
            "yourplugin.rules",  # unique, dotted: <plugin>.<what>
            "0.1.0",
            layer="yourplugin",
            rule_files=[Path(__file__).with_name("weapons.toml")],
        )
    )


# Hook 3: a pipeline the user picks with `ctannot annotate --pipeline rules+yourplugin`.
@ctannot.hookimpl
def register_pipelines(register: Callable[[str, tuple[str, ...]], None]) -> None:
    register("rules+yourplugin", ("rules.mentions", "rules.statements", "yourplugin.rules"))
