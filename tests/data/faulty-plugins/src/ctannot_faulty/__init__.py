"""An extractor that misbehaves as a document's text asks it to, for tests of the pipeline's guard.

Each document holding one of the words below gets that fault from ``faulty.chaos``; the others
get a well-formed ``chaos`` layer.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, ClassVar

import attrs
import regex

import ctannot
from ctannot import Annotation, Document, Extractor, Layer

FAULTS = (
    "RAISE",
    "HANG",
    "HANG-IN-REGEX",
    "OUTSIDE",
    "OUTSIDE-UNCHECKED",
    "UNREGISTERED",
    "WRONG-LAYER",
    "NOT-A-LAYER",
)


@attrs.frozen(kw_only=True)
class Unregistered(Annotation):
    """A type the plugin forgets to register."""

    type_name: ClassVar[str] = "Unregistered"


def _fault(text: str) -> str | None:
    found = [fault for fault in FAULTS if regex.search(rf"(?<![\w-]){fault}(?![\w-])", text)]
    return found[0] if found else None


class Chaos(Extractor):
    name = "faulty.chaos"
    version = "0.1.0"
    produces = ("chaos",)
    description = "misbehaves on purpose"

    def extract(self, document: Document, report: Any) -> Iterable[Layer]:
        fault = _fault(document.text)
        if fault == "RAISE":
            raise RuntimeError("the chaos extractor fell over")
        if fault == "HANG":
            while True:  # a loop in Python code
                pass
        if fault == "HANG-IN-REGEX":  # catastrophic backtracking in C, with no regex timeout
            regex.match(r"(?:a|aa)+$", "a" * 60 + "!")
        builder = document.new_layer("chaos", self.provenance)
        if fault == "OUTSIDE":
            builder.add(ctannot.Actor, len(document.text) - 2, len(document.text) + 5)
        elif fault == "OUTSIDE-UNCHECKED":  # validators off, as a careless plugin might
            with attrs.validators.disabled():
                builder.add(ctannot.Actor, len(document.text) - 2, len(document.text) + 5)
        elif fault == "UNREGISTERED":
            builder.add(Unregistered, 0, 3)
        elif fault == "WRONG-LAYER":
            return [document.new_layer("elsewhere", self.provenance).build()]
        elif fault == "NOT-A-LAYER":
            return ["chaos"]  # type: ignore[list-item]
        else:
            builder.add(ctannot.Actor, 0, min(3, len(document.text)))
        return [builder.build()]


@ctannot.hookimpl
def register_extractors(register: Callable[[Extractor], None]) -> None:
    register(Chaos())


@ctannot.hookimpl
def register_pipelines(register: Callable[[str, tuple[str, ...]], None]) -> None:
    register("rules+chaos", ("rules.mentions", "rules.statements", "faulty.chaos"))
