"""Example ctannot plugin: counter-terrorism operations (arrests, raids, dismantled cells)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import ClassVar

import attrs

import ctannot

RULES = Path(__file__).with_name("operations.toml")


@attrs.frozen(kw_only=True)
class Operation(ctannot.Annotation):
    """A police or military operation against terrorism: an arrest, a raid, a dismantled cell."""

    type_name: ClassVar[str] = "Operation"

    kind: str | None = attrs.field(
        default=None,
        validator=attrs.validators.optional(attrs.validators.in_(("arrest", "raid", "dismantling"))),
    )


@ctannot.hookimpl
def register_annotation_types(register: Callable[[type[ctannot.Annotation]], None]) -> None:
    register(Operation)


@ctannot.hookimpl
def register_extractors(register: Callable[[ctannot.Extractor], None]) -> None:
    register(
        ctannot.RuleExtractor(
            "operations.rules",
            "0.1.0",
            layer="operations",
            rule_files=[RULES],
            description="Arrests, raids and dismantled cells, from operations.toml.",
        )
    )


@ctannot.hookimpl
def register_pipelines(register: Callable[[str, tuple[str, ...]], None]) -> None:
    register("rules+operations", ("rules.mentions", "rules.statements", "operations.rules"))
