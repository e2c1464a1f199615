"""brat standoff: a document as ``<id>.ann`` beside its text ``<id>.txt``, and back.

brat (https://brat.nlplab.org) and INCEpTION read it. Offsets are in code points over the
``.txt`` exactly as written: the text goes out byte for byte (UTF-8, no newline translation) and
is read back the same way. What goes where:

- each annotation is a text-bound ``T`` line, its type the annotation's ``type_name``; a span that
  crosses line breaks is written as fragments between them (``T1	Statement 5 40;41 60``), as brat
  itself does, since a ``.ann`` line cannot hold a line break;
- an attribute whose value is a string without white space is an ``A`` line
  (``A1	kind T3 person``); ``entity`` too;
- every other attribute value is an annotator's note holding ``name=<JSON>``
  (``#1	AnnotatorNotes T3	role="ministre de l'Intérieur"``);
- each reference (a Statement's ``speaker``, an Initiative's ``launched_by``...) is an ``R`` line
  named for the attribute, from the annotation that holds it to the one it names
  (``R1	speaker Arg1:T5 Arg2:T3``), in the reference's order.

brat cannot hold a document's layers and their producers, its language and metadata, the
annotations' own ids, nor line breaks at either end of a span (it shows none): read back, the
annotations are in one layer ``brat`` (producer ``brat standoff``), with the ids of their ``T``
lines and the spans between such line breaks, and the document's id is the file's name.
Notes that are not ``name=value`` of an attribute, and ``N`` (normalisation) and ``*``
(equivalence) lines, are left out; events and discontinuous spans (beyond line breaks) are
refused with the line that has them.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import attrs

from ctannot.formats import (
    FormatError,
    build_annotation,
    from_plain,
    read_text,
    reason,
    strict_json,
    to_plain,
)
from ctannot.model import Annotation, AnnotationError, Document, Layer, Provenance, attribute_fields

__all__ = ["LAYER", "PRODUCER", "beside", "dumps", "load", "loads"]

LAYER = "brat"
PRODUCER = Provenance("brat", "standoff")

_OFFSET = re.compile(r"[0-9]{1,18}")
"""An offset as brat writes it (the digits of a 64-bit number at most)."""

_LINES = re.compile("[^\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]+")
"""A stretch without what ``str.splitlines`` splits on, and so what a reader of ``.ann`` lines
(brat's own) may split on."""


def _fragments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The stretches of ``[start, end)`` between line breaks."""
    return [m.span() for m in _LINES.finditer(text, start, end)]


def _token(value: Any) -> bool:
    """Whether brat can hold ``value`` as an attribute value: a string without white space."""
    return isinstance(value, str) and bool(value) and not any(c.isspace() for c in value)


def _note(name: str, value: Any) -> str:
    # JSON escapes control characters, but not these line breaks: a .ann line must not hold them
    out = strict_json.dumps(to_plain(value))
    for c in "\x85\u2028\u2029":
        out = out.replace(c, f"\\u{ord(c):04x}")
    return f"{name}={out}"


def dumps(document: Document) -> str:
    """The ``.ann`` of a document (its ``.txt`` is ``document.text``, as it is)."""
    text = document.text
    t_ids: dict[str, str] = {}
    lines: list[str] = []
    relations: list[tuple[str, str, str]] = []
    n_attr = n_note = 0
    for ann in document.annotations():
        t_id = t_ids[ann.id] = f"T{len(t_ids) + 1}"
        fragments = _fragments(text, ann.start, ann.end)
        if not fragments:
            raise FormatError(
                f"document {document.id!r}: {ann.type_name} {ann.id!r} covers only line breaks, "
                "which brat cannot show"
            )
        spans = ";".join(f"{s} {e}" for s, e in fragments)
        lines.append(f"{t_id}\t{ann.type_name} {spans}\t{' '.join(text[s:e] for s, e in fragments)}")
        for a in attribute_fields(type(ann)).values():
            value = getattr(ann, a.name)
            if value is None or value == ():
                continue
            if "ref" in a.metadata:
                for ref in value if isinstance(value, tuple) else (value,):
                    relations.append((a.name, ann.id, ref))
            elif _token(value):
                n_attr += 1
                lines.append(f"A{n_attr}\t{a.name} {t_id} {value}")
            else:
                n_note += 1
                lines.append(f"#{n_note}\tAnnotatorNotes {t_id}\t{_note(a.name, value)}")
    for n, (name, holder, target) in enumerate(relations, 1):
        lines.append(f"R{n}\t{name} Arg1:{t_ids[holder]} Arg2:{t_ids[target]}")
    return "".join(line + "\n" for line in lines)


def beside(document: Document) -> dict[str, str]:
    """The file beside the ``.ann``: ``<id>.txt``, the text exactly as it is."""
    return {".txt": document.text}


def load(path: Path, types: Mapping[str, type[Annotation]]) -> Iterator[Document]:
    """The document of a ``.ann`` file and the ``.txt`` beside it (the importer's ``load``)."""
    txt = path.with_suffix(".txt")
    if not txt.is_file():
        raise FormatError(f"{path}: its text {txt.name} is not beside it")
    yield loads(read_text(path), read_text(txt), unquote(path.stem), types, str(path))


@attrs.define
class _Span:
    line: int
    cls: type[Annotation]
    start: int
    end: int
    values: dict[str, Any] = attrs.Factory(dict)


def loads(
    ann: str, text: str, document_id: str, types: Mapping[str, type[Annotation]], where: str = "<brat>"
) -> Document:
    """A document from the text of a ``.ann`` and of its ``.txt``; :class:`FormatError` naming
    ``where`` and the line for what is not valid."""
    spans: dict[str, _Span] = {}
    later: list[tuple[int, str, str]] = []  # attribute, note and relation lines, once spans are known
    for number, raw in enumerate(ann.split("\n"), 1):
        line = raw.removesuffix("\r")
        if not line.strip():
            continue
        head, _, rest = line.partition("\t")
        if not rest:
            raise FormatError(f"{where}:{number}: not a brat line (an id, a tab, then the annotation)")
        kind = head[:1]
        if kind == "T":
            if head in spans:
                raise FormatError(f"{where}:{number}: {head} is defined twice")
            spans[head] = _text_bound(rest, text, types, where, number)
        elif kind in ("A", "M", "#", "R"):
            later.append((number, head, rest))
        elif kind in ("N", "*"):
            continue  # normalisations and equivalences: nothing of ours
        elif kind == "E":
            raise FormatError(f"{where}:{number}: events are not supported, only entities (T lines)")
        else:
            raise FormatError(f"{where}:{number}: unknown kind of line {head!r}")
    for number, head, rest in later:
        _attach(head, rest, spans, f"{where}:{number}")
    annotations = []
    for t_id, span in spans.items():
        try:
            annotations.append(build_annotation(span.cls, text, span.start, span.end, t_id, span.values))
        except FormatError as exc:
            raise FormatError(f"{where}:{span.line}: {exc}") from None
    try:
        return Document(document_id, text, layers=[Layer(LAYER, PRODUCER, annotations)])
    except (AnnotationError, TypeError, ValueError) as exc:  # ValueError: an empty id, from attrs
        raise FormatError(f"{where}: {reason(exc)}") from None


def _text_bound(rest: str, text: str, types: Mapping[str, type[Annotation]], file: str, number: int) -> _Span:
    where = f"{file}:{number}"
    spec, _, written = rest.partition("\t")
    type_name, _, offsets = spec.partition(" ")
    cls = types.get(type_name)
    if cls is None:
        raise FormatError(f"{where}: unknown type {type_name!r} (known: {', '.join(sorted(types))})")
    fragments = []
    for fragment in offsets.split(";"):
        numbers = fragment.split()
        if len(numbers) != 2 or not all(_OFFSET.fullmatch(n) for n in numbers):
            # int() would take "１２", "1_000" and " +3": an offset is ASCII digits, nothing else
            raise FormatError(f"{where}: offsets {offsets[:60]!r} are not 'start end' pairs of whole numbers")
        start, end = int(numbers[0]), int(numbers[1])
        if not 0 <= start < end <= len(text):
            raise FormatError(f"{where}: span {start} {end} is not inside a text of {len(text)} characters")
        fragments.append((start, end))
    fragments.sort()
    for (_, end), (start, _) in itertools.pairwise(fragments):
        if start < end or text[end:start].strip():
            raise FormatError(f"{where}: discontinuous spans are not supported, only fragments between lines")
    found = " ".join(text[s:e] for s, e in fragments)
    if written != found:
        raise FormatError(f"{where}: the line says {written!r} but the text there is {found!r}")
    return _Span(number, cls, fragments[0][0], fragments[-1][1])


def _attach(head: str, rest: str, spans: Mapping[str, _Span], where: str) -> None:
    """An attribute (``A``), a note (``#``) or a relation (``R``) line, onto its annotation."""
    if head.startswith("R"):
        words = rest.split("\t")[0].split()
        if not words:
            raise FormatError(f"{where}: a relation line is: name, Arg1:T id, Arg2:T id")
        name, *args = words
        roles = {}
        for arg in args:
            role, _, ref = arg.partition(":")
            roles[role] = ref
        holder, target = spans.get(roles.get("Arg1", "")), roles.get("Arg2", "")
        if holder is None or target not in spans:
            raise FormatError(f"{where}: a relation needs Arg1 and Arg2, both T ids of this file")
        field = _field(holder.cls, name, where)
        if "ref" not in field.metadata:
            raise FormatError(f"{where}: {name} of {holder.cls.type_name} is not a reference")
        if field.default == ():
            holder.values[name] = (*holder.values.get(name, ()), target)
        elif name in holder.values:
            raise FormatError(f"{where}: {holder.cls.type_name} has one {name}, and it is already given")
        else:
            holder.values[name] = target
        return
    if head.startswith("#"):
        parts = rest.split("\t", 1)
        target_id = (parts[0].split() or [""])[-1]
        name, equals, value = (parts[1] if len(parts) > 1 else "").partition("=")
        span = spans.get(target_id)
        if span is None:
            raise FormatError(f"{where}: the note is on {target_id!r}, not a T id of this file")
        if not equals or name not in attribute_fields(span.cls):
            return  # an annotator's own note
        try:
            data = strict_json.loads(value)
        except strict_json.JSONProblem:
            data = value  # written by hand, without JSON quotes
        field = _field(span.cls, name, where)
        try:
            span.values[name] = from_plain(data, field)
        except FormatError as exc:
            raise FormatError(f"{where}: {exc}") from None
        return
    words = rest.split()
    if len(words) not in (2, 3):
        raise FormatError(f"{where}: an attribute line is: name, T id, and a value (or none)")
    span = spans.get(words[1])
    if span is None:
        raise FormatError(f"{where}: the attribute is on {words[1]!r}, not a T id of this file")
    _field(span.cls, words[0], where)
    span.values[words[0]] = words[2] if len(words) == 3 else True


def _field(cls: type[Annotation], name: str, where: str) -> attrs.Attribute[Any]:
    field = attribute_fields(cls).get(name)
    if field is None:
        raise FormatError(f"{where}: {cls.type_name} has no attribute {name!r}")
    return field
