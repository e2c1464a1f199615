"""UIMA CAS XMI, with its type system, through dkpro-cassis: for INCEpTION, DKPro and UIMA.

Each annotation type is a UIMA type ``ctannot.<type_name>`` under ``ctannot.Annotation``, which
carries what every annotation has: ``annotationId``, ``layer``, ``producer``,
``producerVersion`` (its layer's provenance) and ``entity``. A type's attributes are features:
strings, integers, floats and booleans as such, tuples of strings as ``uima.cas.StringArray``,
references (a Statement's ``speaker``) as features pointing to the annotation referred to (an
``FSArray`` for several), nested values (a Forum's ``participants``) as feature structures of a
type of their own; any other value is a JSON string. The document is a DKPro
``DocumentMetaData`` with its id and language. Offsets are UTF-16 code units, as UIMA counts:
cassis converts them from Python's code points.

XML 1.0 cannot hold some characters (most control characters): a document with them is refused
with a :class:`~ctannot.formats.FormatError` saying where.
"""

from __future__ import annotations

import functools
import re
import sys
import typing
from collections.abc import Iterable, Mapping
from types import NoneType, UnionType
from typing import Any

import attrs

from ctannot.formats import FormatError, optional_module, strict_json, to_plain
from ctannot.model import Annotation, Document

__all__ = ["BASE", "DOCUMENT_METADATA", "dumps", "shared", "typesystem"]

BASE = "ctannot.Annotation"
DOCUMENT_METADATA = "de.tudarmstadt.ukp.dkpro.core.api.metadata.type.DocumentMetaData"
_BASE_FEATURES = ("annotationId", "layer", "producer", "producerVersion", "entity")
_RESERVED = frozenset({"begin", "end", "sofa", *_BASE_FEATURES})
_SPAN_FIELDS = frozenset({"source", "start", "end", "id", "entity"})
_PRIMITIVES = {
    str: "uima.cas.String",
    int: "uima.cas.Integer",
    float: "uima.cas.Double",
    bool: "uima.cas.Boolean",
}
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _cassis() -> Any:
    return optional_module("cassis", "the xmi format needs dkpro-cassis")


def _uima_name(type_name: str) -> str:
    return f"ctannot.{type_name}"


def _hint(cls: type[Any], field: attrs.Attribute[Any]) -> Any:
    """The field's declared type, without ``None``: ``str``, ``tuple[str, ...]``..., or None."""
    # Resolved on its own, in the module of the class that declares it: typing.get_type_hints
    # would resolve every annotation of the class, and fail on any written for type checkers only.
    for klass in cls.__mro__:
        hint = vars(klass).get("__annotations__", {}).get(field.name)
        if hint is not None:
            break
    if isinstance(hint, str):
        try:
            hint = eval(hint, dict(vars(sys.modules[klass.__module__])))
        except Exception:  # a name only a type checker knows: the value goes as JSON
            return None
    if isinstance(hint, UnionType) or typing.get_origin(hint) is typing.Union:
        args = [a for a in typing.get_args(hint) if a is not NoneType]
        hint = args[0] if len(args) == 1 else None
    return hint


def _range(cls: type[Any], field: attrs.Attribute[Any]) -> tuple[str, str | None]:
    """The UIMA range of an attribute, and the element type of an array."""
    # asked for every value written: the type hint is resolved once per class and attribute
    found = _RANGES.get((cls, field.name))
    if found is None:
        found = _RANGES[cls, field.name] = _find_range(cls, field)
    return found


_RANGES: dict[tuple[type[Any], str], tuple[str, str | None]] = {}


def _find_range(cls: type[Any], field: attrs.Attribute[Any]) -> tuple[str, str | None]:
    targets = field.metadata.get("ref")
    if targets is not None:
        target = _uima_name(targets[0]) if len(targets) == 1 else BASE
        return ("uima.cas.FSArray", target) if field.default == () else (target, None)
    nested = field.metadata.get("nested")
    if nested is not None:
        return f"ctannot.{nested.__name__}", None
    hint = _hint(cls, field)
    if hint in _PRIMITIVES:
        return _PRIMITIVES[hint], None
    if typing.get_origin(hint) is tuple and typing.get_args(hint) == (str, ...):
        return "uima.cas.StringArray", None
    return "uima.cas.String", None  # as JSON


def _fields(cls: type[Any]) -> tuple[attrs.Attribute[Any], ...]:
    found = _FIELDS.get(cls)  # asked for every annotation written
    if found is None:
        found = tuple(a for a in attrs.fields(cls) if a.name not in _SPAN_FIELDS)
        for a in found:
            if a.name in _RESERVED:
                raise FormatError(
                    f"{cls.__name__}: an attribute named {a.name!r} clashes with a UIMA feature"
                )
        _FIELDS[cls] = found
    return found


_FIELDS: dict[type[Any], tuple[attrs.Attribute[Any], ...]] = {}


def typesystem(classes: Iterable[type[Annotation]]) -> Any:
    """The ``cassis.TypeSystem`` of these annotation classes (and of the types they refer to)."""
    return _typesystem(tuple(sorted(set(classes), key=lambda c: (c.type_name, c.__module__))))


@functools.cache
def _typesystem(classes: tuple[type[Annotation], ...]) -> Any:
    cassis = _cassis()
    ts = cassis.TypeSystem()
    meta = ts.create_type(DOCUMENT_METADATA, "uima.tcas.DocumentAnnotation")
    for name in ("documentTitle", "documentId", "documentUri", "documentBaseUri", "collectionId"):
        ts.create_feature(meta, name, "uima.cas.String")
    ts.create_feature(meta, "isLastSegment", "uima.cas.Boolean")
    base = ts.create_type(BASE, "uima.tcas.Annotation", description="An annotation made by ctannot.")
    for name in _BASE_FEATURES:
        ts.create_feature(base, name, "uima.cas.String")
    made: dict[str, Any] = {}
    for cls in classes:  # every type first: features may refer to any of them
        made[cls.type_name] = ts.create_type(_uima_name(cls.type_name), BASE, description=cls.__doc__)
    for cls in classes:
        for a in _fields(cls):
            for target in a.metadata.get("ref", ()):
                if target not in made:  # referred to, but not among the classes: declared all the same
                    made[target] = ts.create_type(_uima_name(target), BASE)
            nested = a.metadata.get("nested")
            if nested is not None and not ts.contains_type(f"ctannot.{nested.__name__}"):
                inner = ts.create_type(f"ctannot.{nested.__name__}", "uima.cas.TOP")
                for f in attrs.fields(nested):
                    ts.create_feature(inner, f.name, _range(nested, f)[0])
    for cls in classes:
        for a in _fields(cls):
            feature_range, element = _range(cls, a)
            ts.create_feature(made[cls.type_name], a.name, feature_range, elementType=element)
    return ts


def shared(types: Mapping[str, type[Annotation]]) -> dict[str, str]:
    """``TypeSystem.xml``, of the registered types: the file the exporter writes once per folder."""
    text: str = typesystem(types.values()).to_xml()
    return {"TypeSystem.xml": text}


def _check_xml(value: str, what: str) -> None:
    bad = _NOT_XML.search(value)
    if bad is not None:
        raise FormatError(
            f"{what} holds U+{ord(bad.group()):04X} at {bad.start()}, which XML 1.0 (and so XMI) cannot hold"
        )


def dumps(document: Document) -> str:
    """The document as CAS XMI, readable with the type system of its annotation types."""
    cassis = _cassis()
    ts = typesystem(type(ann) for ann in document.annotations())
    for value in (document.id, document.text, document.lang or ""):
        _check_xml(value, f"document {document.id!r}")
    cas = cassis.Cas(typesystem=ts)
    cas.sofa_string = document.text
    meta = ts.get_type(DOCUMENT_METADATA)
    cas.add(
        meta(
            begin=0,
            end=len(document.text),
            language=document.lang or "x-unspecified",
            documentId=document.id,
            documentTitle=document.id,
        )
    )
    structures: dict[str, Any] = {}
    refs: list[tuple[Any, attrs.Attribute[Any], Any]] = []
    for layer in document.layers:
        for ann in layer:
            cls = type(ann)
            values: dict[str, Any] = {
                "annotationId": ann.id,
                "layer": layer.name,
                "producer": layer.producer.name,
                "producerVersion": layer.producer.version,
            }
            if ann.entity is not None:
                values["entity"] = ann.entity
            for a in _fields(cls):
                value = getattr(ann, a.name)
                if value is None or value == ():
                    continue
                if "ref" in a.metadata:
                    refs.append((ann, a, value))
                else:
                    values[a.name] = _value(ts, cls, a, value, f"{cls.type_name} {ann.id!r}: {a.name}")
            for key, value in values.items():
                if isinstance(value, str):
                    _check_xml(value, f"{cls.type_name} {ann.id!r}: {key}")
            fs = ts.get_type(_uima_name(ann.type_name))(begin=ann.start, end=ann.end, **values)
            structures[ann.id] = fs
            cas.add(fs)
    fs_array = ts.get_type("uima.cas.FSArray")
    for ann, a, value in refs:
        target = (
            fs_array(elements=[structures[v] for v in value])
            if isinstance(value, tuple)
            else structures[value]
        )
        setattr(structures[ann.id], a.name, target)
    text: str = cas.to_xmi()
    return text


def _value(ts: Any, cls: type[Any], field: attrs.Attribute[Any], value: Any, what: str) -> Any:
    feature_range, _ = _range(cls, field)
    nested = field.metadata.get("nested")
    if nested is not None:
        inner = {
            f.name: getattr(value, f.name) for f in attrs.fields(nested) if getattr(value, f.name) is not None
        }
        return ts.get_type(f"ctannot.{nested.__name__}")(**inner)
    if feature_range == "uima.cas.StringArray":
        for item in value:
            _check_xml(item, what)
        return ts.get_type("uima.cas.StringArray")(elements=list(value))
    if feature_range == "uima.cas.String" and not isinstance(value, str):
        return strict_json.dumps(to_plain(value))
    return value
