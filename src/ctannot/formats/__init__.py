"""Output and input formats of annotated documents, as plugins register them, and what they share.

An :class:`Exporter` writes one document as one file, ``<id><suffix>``, and may add files beside
it (brat's ``.txt``), files once per output folder (the UIMA type system), and a way to write a
whole corpus as one file (a table). An :class:`Importer` reads a file back into documents. Both
are registered through the ``register_exporters`` and ``register_importers`` hooks;
:func:`export_documents` writes documents with an exporter; ``ctannot.read`` reads them back.
"""

from __future__ import annotations

import contextlib
import importlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import IO, Any

import attrs

from ctannot.formats.inputs import InputError, open_regular, read_regular
from ctannot.formats.writing import atomic_file, output_name, write_atomic
from ctannot.model import Annotation, AnnotationError, Document

__all__ = [
    "Content",
    "Exporter",
    "FormatError",
    "Importer",
    "build_annotation",
    "check_regular",
    "export_documents",
    "from_plain",
    "optional_module",
    "read_text",
    "reason",
    "to_plain",
]

Content = str | bytes
"""A file's content: text (written as UTF-8, byte for byte: no newline translation) or bytes."""


class FormatError(ValueError):
    """An annotated document could not be read: the message says where and what is wrong."""


def _empty() -> Mapping[str, Any]:
    return {}


@attrs.frozen
class Exporter:
    """A format documents are written in.

    ``dump(document)`` returns the content of the document's file, ``<id><suffix>``: text or,
    for a binary format, bytes. When the format needs more:

    - ``beside(document)`` returns more files of the document, by suffix: ``{".txt": text}``
      writes ``<id>.txt`` beside ``<id><suffix>`` (brat standoff needs its text);
    - ``shared(types)`` returns files written once into the output folder, by file name, from
      the registered annotation types by name (``{"TypeSystem.xml": ...}`` for UIMA XMI);
    - ``corpus(documents, handle)`` writes a whole corpus as one file into a binary handle
      (tables: one row per annotation of every document); ``ctannot export`` uses it when set.
    """

    name: str
    suffix: str
    dump: Callable[[Document], Content]
    description: str = ""
    beside: Callable[[Document], Mapping[str, Content]] | None = None
    shared: Callable[[Mapping[str, type[Annotation]]], Mapping[str, Content]] | None = None
    corpus: Callable[[Iterable[Document], IO[bytes]], None] | None = None


def _to_tuple(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


@attrs.frozen
class Importer:
    """Reads annotated documents back: ``load(path, types)`` yields the documents of one file.

    ``types`` maps type names to the registered annotation classes. A file may hold one document
    (JSON-LD, brat's ``.ann`` with its ``.txt`` beside) or many (a table). Invalid input raises
    :class:`FormatError` naming the file (and line) and the problem.
    """

    name: str
    suffixes: tuple[str, ...] = attrs.field(converter=_to_tuple)
    load: Callable[[Path, Mapping[str, type[Annotation]]], Iterable[Document]]
    description: str = ""


MAX_FILE_BYTES = 1_000_000_000
"""The largest file an importer reads (1 GB): checked from its size, before reading."""


def read_text(path: Path) -> str:
    """A file's text, decoded as UTF-8 exactly as it is (no newline translation), or a
    :class:`FormatError` naming it: for a file of more than :data:`MAX_FILE_BYTES` (refused
    before it is read), and for what is not a regular file (a FIFO, a device: never opened)."""
    try:
        data = read_regular(path, MAX_FILE_BYTES, f"more than ctannot reads ({MAX_FILE_BYTES:,})")
        return data.decode("utf-8")
    except InputError as exc:
        raise FormatError(str(exc)) from None
    except UnicodeDecodeError as exc:
        raise FormatError(f"{path}: not UTF-8 (byte {exc.start})") from None


def check_regular(path: Path) -> None:
    """:class:`FormatError` if ``path`` is not a regular file (for readers that open it
    themselves, as pyarrow does); it is not opened."""
    try:
        handle, _ = open_regular(path)
    except InputError as exc:
        raise FormatError(str(exc)) from None
    handle.close()


def optional_module(name: str, needed_by: str) -> Any:
    """The module ``name`` (of the ``formats`` extra), imported; a :class:`FormatError` saying
    ``needed_by`` and how to install it when it is missing."""
    try:
        return importlib.import_module(name)
    except ImportError:
        raise FormatError(f"{needed_by}: pip install 'ctannot[formats]'") from None


def export_documents(
    documents: Iterable[Document], exporter: Exporter, dest: Path, types: Mapping[str, type[Annotation]]
) -> int:
    """Write ``documents`` in the format of ``exporter``: one file ``dest`` when the format can
    hold a corpus, else files in the folder ``dest``. Every file is written atomically (a corpus
    file too: on an error, nothing is left). Returns the number of documents written."""
    seen: set[str] = set()

    def counted() -> Iterator[Document]:
        for document in documents:
            if document.id in seen:  # its files would overwrite the first one's
                raise FormatError(f"document {document.id!r} comes twice")
            seen.add(document.id)
            yield document

    if exporter.corpus is not None:
        if dest.is_dir():
            raise FormatError(f"{dest}: is a folder; the {exporter.name} format writes one file")
        with _atomic_output(dest) as handle:
            exporter.corpus(counted(), handle)
        return len(seen)
    dest.mkdir(parents=True, exist_ok=True)
    if exporter.shared is not None:
        for name, content in exporter.shared(types).items():
            write_atomic(dest / name, content)
    for document in counted():
        try:
            files = dict(exporter.beside(document)) if exporter.beside is not None else {}
            files[exporter.suffix] = exporter.dump(document)  # last: the main file tells all is done
        except FormatError:
            raise
        except Exception as exc:  # a plugin's exporter failing on this document: said in one line
            raise FormatError(
                f"document {document.id!r}: the {exporter.name} exporter failed: {exc!r}"
            ) from exc
        for suffix, content in files.items():
            # not synced one by one (as batch annotation does): a rerun rewrites what a crash cut
            write_atomic(dest / output_name(document.id, suffix), content, durable=False)
    return len(seen)


@contextlib.contextmanager
def _atomic_output(path: Path) -> Iterator[IO[bytes]]:
    """A binary file that takes the name ``path`` only once written whole (else is removed)."""
    if not path.parent.is_dir():
        raise FormatError(f"{path}: its folder {path.parent} does not exist")
    with atomic_file(path) as handle:
        yield handle


# -- attribute values as plain JSON data, for formats that hold them as text ----------------------


def to_plain(value: Any) -> Any:
    """An attribute value as JSON data: tuples become lists, nested attrs objects dicts (without
    their unset values)."""
    if isinstance(value, tuple):
        return [to_plain(v) for v in value]
    if attrs.has(type(value)):
        return {k: to_plain(v) for k, v in attrs.asdict(value, recurse=False).items() if v is not None}
    return value


def from_plain(value: Any, field: attrs.Attribute[Any]) -> Any:
    """The attribute value :func:`to_plain` made JSON data of, for the attribute ``field``;
    :class:`FormatError` (without a place: the caller adds it) if it cannot be that."""
    nested = field.metadata.get("nested")
    if nested is not None and isinstance(value, dict):
        try:
            return nested(**value)
        except (TypeError, ValueError) as exc:  # a key the nested class does not have
            raise FormatError(f"{field.name}: {exc}") from None
    if isinstance(value, list):
        return tuple(value)
    return value


def build_annotation(
    cls: type[Annotation], text: str, start: int, end: int, ann_id: str, values: Mapping[str, Any]
) -> Annotation:
    """``cls(...)`` on ``text``, or :class:`FormatError` (without a place: the caller adds it)."""
    try:
        return cls(source=text, start=start, end=end, id=ann_id, **values)
    except (AnnotationError, TypeError, ValueError) as exc:
        raise FormatError(f"{cls.type_name} {ann_id!r}: {reason(exc)}") from None


def reason(exc: Exception) -> str:
    """What an exception says: attrs' validators raise theirs with the message, the attribute
    and the value as arguments, whose ``str`` is the whole tuple; this is the message alone."""
    first = exc.args[0] if exc.args else None
    return first if len(exc.args) > 1 and isinstance(first, str) else str(exc)
