"""Example ctannot plugin: counter-terrorism operations (arrests, raids, dismantled cells).

It shows an annotation type of its own from end to end: the type and its attributes (one of
them a reference to the Actor that led the operation), the rule file that finds it, the RDF
vocabulary it is exported in, the colour it is drawn in, and a pipeline that runs it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import ClassVar

import attrs

import ctannot

HERE = Path(__file__).parent
RULES = HERE / "operations.toml"
UNITS = HERE / "units.toml"

VOCABULARY = ctannot.Vocabulary("ops", "https://example.org/ctannot-operations/vocab#")
"""The type is exported as ops:Operation, its attributes as ops:kind and ops:agency."""


@attrs.frozen(kw_only=True)
class Operation(ctannot.Annotation):
    """A police or military operation against terrorism: an arrest, a raid, a dismantled cell."""

    type_name: ClassVar[str] = "Operation"
    vocabulary: ClassVar[ctannot.Vocabulary | None] = VOCABULARY
    colour: ClassVar[str | None] = "#882255"  # wine: none of the built-in types uses it

    kind: str | None = attrs.field(
        default=None,
        validator=attrs.validators.optional(attrs.validators.in_(("arrest", "raid", "dismantling"))),
    )
    agency: str | None = ctannot.ref_field("Actor")
    """The organisation that carried it out, when the sentence names one."""


_SENTENCE_END = re.compile(r"[.!?](?:\s|$)|\n")


class OperationsExtractor(ctannot.RuleExtractor):
    """Operations from operations.toml, each linked to an organisation named in its sentence."""

    def extract(self, document: ctannot.Document, report: ctannot.Report) -> Iterable[ctannot.Layer]:
        (layer,) = super().extract(document, report)
        organisations = [
            actor
            for actor in document.layer("mentions").annotations
            if isinstance(actor, ctannot.Actor) and actor.kind == "organisation"
        ]
        linked = [
            attrs.evolve(op, agency=_nearest(op, organisations, document.text))
            if isinstance(op, Operation)
            else op
            for op in layer
        ]
        return [ctannot.Layer(layer.name, layer.producer, linked)]


def _nearest(op: Operation, actors: list[ctannot.Actor], text: str) -> str | None:
    """The id of the actor closest to ``op`` in the same sentence, the one before it on a tie."""

    def gap(actor: ctannot.Actor) -> tuple[int, int]:
        left, right = sorted((actor.end, op.start) if actor.end <= op.start else (op.end, actor.start))
        return (right - left, actor.start > op.start)

    same_sentence = [
        a for a in actors if not _SENTENCE_END.search(text, min(a.end, op.end), max(a.start, op.start))
    ]
    return min(same_sentence, key=gap).id if same_sentence else None


@ctannot.hookimpl
def register_annotation_types(register: Callable[[type[ctannot.Annotation]], None]) -> None:
    register(Operation)


@ctannot.hookimpl
def register_rule_packs(register: Callable[[Path], None]) -> None:
    # Tactical units the built-in gazetteer lacks: they become Actors of the built-in
    # mentions layer, and so candidates for an operation's agency.
    register(UNITS)


@ctannot.hookimpl
def register_extractors(register: Callable[[ctannot.Extractor], None]) -> None:
    register(
        OperationsExtractor(
            "operations.rules",
            "0.2.0",
            layer="operations",
            rule_files=[RULES],
            requires=("mentions",),
            description="Arrests, raids and dismantled cells, from operations.toml, with the agency.",
        )
    )


@ctannot.hookimpl
def register_pipelines(register: Callable[[str, tuple[str, ...]], None]) -> None:
    register("rules+operations", ("rules.mentions", "rules.statements", "operations.rules"))
