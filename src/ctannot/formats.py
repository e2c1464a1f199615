"""Output and input formats of annotated documents, as plugins register them."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

import attrs

from .model import Annotation, Document

__all__ = ["Exporter", "FormatError", "Importer"]


class FormatError(ValueError):
    """An annotated document could not be read: the message says where and what is wrong."""


@attrs.frozen
class Exporter:
    """Writes a document as text: ``dump(document) -> str``; files are ``<id><suffix>``."""

    name: str
    suffix: str
    dump: Callable[[Document], str]
    description: str = ""


def _to_tuple(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


@attrs.frozen
class Importer:
    """Reads a document back: ``load(text, types, where) -> Document``.

    ``types`` maps type names to the registered annotation classes; ``where`` names the input in
    error messages. Invalid input raises :class:`FormatError`.
    """

    name: str
    suffixes: tuple[str, ...] = attrs.field(converter=_to_tuple)
    load: Callable[[str, Mapping[str, type[Annotation]], str], Document]
    description: str = ""
