"""Built-in plugin: the annotation types of the guidelines, and those of the linguistic layer."""

from __future__ import annotations

from collections.abc import Callable

from ctannot.annotations import BUILTIN_TYPES
from ctannot.hookspecs import hookimpl
from ctannot.model import Annotation
from ctannot.nlp.linguistic import LINGUISTIC_TYPES


@hookimpl(trylast=True)
def register_annotation_types(register: Callable[[type[Annotation]], None]) -> None:
    for cls in (*BUILTIN_TYPES, *LINGUISTIC_TYPES):
        register(cls)
