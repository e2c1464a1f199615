"""Built-in plugin: JSON-LD (W3C Web Annotation) export and import."""

from __future__ import annotations

from collections.abc import Callable

from .. import web_annotation
from ..formats import Exporter, Importer
from ..hookspecs import hookimpl


@hookimpl(trylast=True)
def register_exporters(register: Callable[[Exporter], None]) -> None:
    register(Exporter("jsonld", ".jsonld", web_annotation.dumps, "W3C Web Annotation collection, JSON-LD"))


@hookimpl(trylast=True)
def register_importers(register: Callable[[Importer], None]) -> None:
    register(Importer("jsonld", (".jsonld",), web_annotation.loads, "ctannot's W3C Web Annotation JSON-LD"))
