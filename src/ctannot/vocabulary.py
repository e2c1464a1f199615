"""The vocabularies of annotation types: ctannot's own, a plugin's (:class:`Vocabulary`), and
the W3C Web Annotation context whose terms they must not take.

It sits under the document model (a type names its vocabulary), so that the model never reaches
up to the JSON-LD format that uses it.
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources
from typing import Any

import attrs

__all__ = ["Vocabulary", "anno_context", "anno_terms"]


@cache
def anno_context() -> dict[str, Any]:
    """The W3C Web Annotation context, from the copy shipped in the package."""
    text = resources.files("ctannot").joinpath("contexts/anno.jsonld").read_text(encoding="utf-8")
    return dict(json.loads(text))


@cache
def anno_terms() -> frozenset[str]:
    """The terms the W3C context defines."""
    return frozenset(anno_context()["@context"])


_PREFIX = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")
_RESERVED_PREFIXES = frozenset({"ctannot", "owl", "rdf", "rdfs", "xsd"})


def _check_prefix(instance: Any, attribute: attrs.Attribute[str], prefix: str) -> None:
    if not (isinstance(prefix, str) and _PREFIX.fullmatch(prefix)):
        raise ValueError(f"vocabulary prefix {prefix!r} must be a short name of letters, digits, _ and -")
    if prefix in _RESERVED_PREFIXES or prefix in anno_terms():
        raise ValueError(f"vocabulary prefix {prefix!r} is taken by ctannot or the W3C context")


def _check_namespace(instance: Any, attribute: attrs.Attribute[str], iri: str) -> None:
    if not (isinstance(iri, str) and re.fullmatch(r"https?://[^\s<>\"{}|\\^`]+[#/]", iri)):
        raise ValueError(f"vocabulary IRI {iri!r} must be an http(s) IRI ending in '#' or '/'")


@attrs.frozen
class Vocabulary:
    """The RDF namespace of a plugin's annotation types, and the prefix that stands for it.

    Set it as the ``vocabulary`` class variable of an annotation type: the type's class is then
    ``<iri><type_name>`` and each attribute ``<iri><attribute>``, written ``prefix:attribute``
    in the JSON-LD, where the embedded context declares the prefix.
    """

    prefix: str = attrs.field(validator=_check_prefix)
    iri: str = attrs.field(validator=_check_namespace)
