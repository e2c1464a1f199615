"""Built-in plugin: the annotation types of the guidelines."""

from __future__ import annotations

from collections.abc import Callable

from ..annotations import BUILTIN_TYPES
from ..hookspecs import hookimpl
from ..model import Annotation


@hookimpl(trylast=True)
def register_annotation_types(register: Callable[[type[Annotation]], None]) -> None:
    for cls in BUILTIN_TYPES:
        register(cls)
