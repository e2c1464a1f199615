"""Reading documents to annotate: plain-text files and JSON Lines, with clear errors."""

from __future__ import annotations

import codecs
import fnmatch
import gzip
import os
import stat
import sys
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

import regex

from ctannot.formats import strict_json
from ctannot.model import Document

__all__ = [
    "DEFAULT_MAX_CHARS",
    "InputError",
    "decode_text_file",
    "detect_language",
    "document_from_record",
    "iter_inputs",
    "read_jsonl",
    "read_jsonl_stream",
    "read_txt",
    "txt_document",
]


class InputError(ValueError):
    """An input that cannot be annotated; the message names the file (and line) and the problem."""

    def __init__(self, where: str, problem: str, document_id: str | None = None) -> None:
        super().__init__(f"{where}: {problem}")
        self.where = where
        self.problem = problem
        self.document_id = document_id

    def __reduce__(self) -> tuple[Any, tuple[str, str, str | None]]:
        return (InputError, (self.where, self.problem, self.document_id))  # to a worker process, whole


_FR = frozenset(
    [
        "le",
        "la",
        "les",
        "des",
        "du",
        "de",
        "et",
        "est",
        "une",
        "un",
        "dans",
        "pour",
        "que",
        "qui",
        "sur",
        "avec",
        "au",
        "aux",
        "ce",
        "cette",
        "sont",
        "été",
        "selon",
        "à",
        "où",
        "en",
        "il",
        "ils",
        "elle",
        "nous",
        "vous",
        "ne",
        "pas",
        "par",
        "ont",
        "son",
        "ses",
        "leur",
        "leurs",
        "était",
        "étaient",
    ]
)
_EN = frozenset(
    [
        "the",
        "of",
        "and",
        "to",
        "in",
        "is",
        "was",
        "for",
        "that",
        "with",
        "on",
        "by",
        "as",
        "are",
        "from",
        "at",
        "this",
        "which",
        "said",
        "has",
        "have",
        "it",
        "its",
        "be",
        "were",
        "will",
        "they",
        "their",
        "we",
        "not",
        "an",
        "had",
        "his",
    ]
)


def detect_language(text: str, sample: int = 20_000) -> str | None:
    """``"fr"`` or ``"en"`` from the share of function words; ``None`` when neither stands out."""
    words = regex.findall(r"\p{L}+", text[:sample].lower())
    fr = sum(w in _FR for w in words)
    en = sum(w in _EN for w in words)
    if fr + en < 3:
        return None
    return "fr" if fr >= en else "en"


def _decode(data: bytes, where: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            where, f"not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start} is invalid)"
        ) from None


_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
_CONTROL_BYTES = bytes(c for c in range(32) if c not in b"\t\n\r\f")


def decode_text_file(data: bytes, where: str) -> str:
    """The text of a ``.txt`` file's bytes: UTF-8, or UTF-16 when a byte-order mark says so.

    The byte-order mark is not part of the text: offsets count from the character after it.
    Line ends stay as they are (``\\r\\n`` is two characters). Binary data (NUL or other
    control bytes making up a tenth of the start of the file) and invalid UTF-8 are refused.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as exc:
                raise InputError(
                    where,
                    f"not {encoding.upper()} text, though it starts with that byte-order mark "
                    f"({exc.reason} at byte {exc.start + len(bom)})",
                ) from None
    head = data[:4096]
    if head and len(head) - len(head.translate(None, _CONTROL_BYTES)) > len(head) // 10:
        raise InputError(
            where,
            "binary data, not text (control bytes such as NUL in its first 4 KB; "
            "a UTF-16 file needs its byte-order mark)",
        )
    return _decode(data, where)


ID_SOURCES = ("name", "path")

_KINDS = (
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISDIR, "a folder"),
)


def open_regular(path: Path, where: str | None = None) -> tuple[IO[bytes], int]:
    """A regular file opened to read in binary, and its size; :class:`InputError` for anything
    else (a FIFO, a device, a socket, a symlink to one), found by ``stat`` without opening it:
    opening a FIFO waits for a writer, and a device can be read for ever."""
    where = str(path) if where is None else where
    try:
        mode = os.stat(path).st_mode
        if stat.S_ISREG(mode):
            # O_NONBLOCK: were it swapped for a FIFO since, opening would not wait (and fstat says)
            fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
            info = os.fstat(fd)
            mode = info.st_mode
            if stat.S_ISREG(mode):
                os.set_blocking(fd, True)
                return os.fdopen(fd, "rb"), info.st_size
            os.close(fd)
    except OSError as exc:
        raise InputError(where, f"cannot be read ({exc.strerror})") from None
    kind = next((name for test, name in _KINDS if test(mode)), "not a regular file")
    raise InputError(where, f"{kind}, not a file: refused without reading it")


def read_regular(path: Path, max_bytes: int | None, too_big: str, where: str | None = None) -> bytes:
    """The bytes of a regular file (see :func:`open_regular`), read only if it holds at most
    ``max_bytes`` (checked from its size before reading, and while reading: a file may grow);
    else :class:`InputError` saying ``too_big``."""
    where = str(path) if where is None else where
    handle, size = open_regular(path, where)
    with handle:
        if max_bytes is not None and size > max_bytes:
            raise InputError(where, f"{size:,} bytes, {too_big}")
        try:
            data = handle.read() if max_bytes is None else handle.read(max_bytes + 1)
        except OSError as exc:
            raise InputError(where, f"cannot be read ({exc.strerror})") from None
    if max_bytes is not None and len(data) > max_bytes:
        raise InputError(where, f"more than {max_bytes:,} bytes, {too_big}")
    return data


def _txt_bytes(max_chars: int | None) -> int | None:
    """The most bytes a text of ``max_chars`` characters takes: four a character in UTF-8 (and in
    UTF-16, a surrogate pair), and a byte-order mark."""
    return None if max_chars is None else 4 * max_chars + 4


def read_txt(
    path: Path,
    lang: str | None = None,
    max_chars: int | None = None,
    *,
    folder: Path | None = None,
    id_from: str = "name",
) -> Document:
    """One document from a text file (see :func:`decode_text_file`). A file too big for
    ``max_chars`` characters is refused from its size, before it is read.

    Its ``source_file`` (in its metadata) is its path in the input ``folder`` it was found in
    (``sub/a.txt``), or its name. Its id is its file name without ``.txt``, or with ``id_from``
    ``"path"`` that path without ``.txt`` (``sub/a``): two files of one name in two subfolders
    then keep distinct ids.
    """
    where = str(path)
    source = path.relative_to(folder).as_posix() if folder is not None else path.name
    document_id = source.removesuffix(".txt") if id_from == "path" else path.stem
    too_big = f"more than a text of {max_chars or 0:,} characters can take (--max-chars)"
    too_big += ": split it, or raise the limit"
    data = read_regular(path, _txt_bytes(max_chars), too_big, where)
    return txt_document(data, where, path.name, lang, max_chars, document_id=document_id, source=source)


def txt_document(
    data: bytes,
    where: str,
    name: str,
    lang: str | None = None,
    max_chars: int | None = None,
    *,
    document_id: str | None = None,
    source: str | None = None,
) -> Document:
    """One document from the bytes of the text file ``name`` (its id is the name without
    ``.txt`` unless ``document_id`` says otherwise; its ``source_file`` is ``source`` or the
    name), read from ``where`` (a path or a URL, for messages)."""
    doc_id = document_id or Path(name).stem
    text = decode_text_file(data, where)
    if not text.strip():
        raise InputError(where, "empty file: nothing to annotate", doc_id)
    _check_text(text, where, doc_id, max_chars)
    return Document(doc_id, text, lang or detect_language(text), {"source_file": source or name})


def _check_text(text: str, where: str, document_id: str, max_chars: int | None) -> None:
    if max_chars is not None and len(text) > max_chars:
        raise InputError(
            where,
            f"{len(text):,} characters, more than the limit of {max_chars:,} (--max-chars): "
            "split it, or raise the limit (memory grows about 90 bytes a character)",
            document_id,
        )
    surrogate = _SURROGATE.search(text) if not text.isascii() else None
    if surrogate is not None:
        raise InputError(
            where,
            f"not Unicode text: a lone surrogate U+{ord(surrogate.group()):04X} at character "
            f"{surrogate.start()} (a JSON \\u escape of half a character)",
            document_id,
        )


def _lone_surrogates(value: Any) -> bool:
    if isinstance(value, str):
        return not value.isascii() and _SURROGATE.search(value) is not None
    if isinstance(value, dict):
        return any(_lone_surrogates(k) or _lone_surrogates(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_lone_surrogates(v) for v in value)
    return False


_SURROGATE = regex.compile(r"[\ud800-\udfff]")
_NOT_UNICODE = "'{key}' is not Unicode text (a lone surrogate, from a JSON \\u escape)"


def document_from_record(record: Any, where: str, lang: str | None, max_chars: int | None = None) -> Document:
    """The document of a JSON Lines record ``{"id", "text", "lang", "metadata"}`` found at
    ``where`` (``corpus.jsonl:12``, kept in its metadata as ``source_file``); an
    :class:`InputError` names what is wrong with it."""
    if not isinstance(record, dict):
        raise InputError(where, f"expected a JSON object, got {type(record).__name__}")
    doc_id = record.get("id")
    if isinstance(doc_id, int) and not isinstance(doc_id, bool):
        doc_id = str(doc_id)
    if not isinstance(doc_id, str) or not doc_id.strip():
        raise InputError(where, "missing or empty 'id' (a string)")
    if _lone_surrogates(doc_id):
        raise InputError(where, _NOT_UNICODE.format(key="id"))
    text = record.get("text")
    if not isinstance(text, str):
        raise InputError(where, "missing 'text' (a string)", doc_id)
    if not text.strip():
        raise InputError(where, "empty 'text': nothing to annotate", doc_id)
    _check_text(text, where, doc_id, max_chars)
    doc_lang = record.get("lang", lang)
    if doc_lang is not None and not isinstance(doc_lang, str):
        raise InputError(where, "'lang' must be a string such as \"fr\"", doc_id)
    metadata = record.get("metadata", {})
    if not isinstance(metadata, dict):
        raise InputError(where, "'metadata' must be a JSON object", doc_id)
    for key, value in (("lang", doc_lang), ("metadata", metadata)):
        if _lone_surrogates(value):
            raise InputError(where, _NOT_UNICODE.format(key=key), doc_id)
    # where it came from (``corpus.jsonl:12``), as a .txt file's document has its file name
    metadata = {"source_file": where, **metadata}
    return Document(doc_id, text, lang or doc_lang or detect_language(text), metadata)


def read_jsonl(
    path: Path, lang: str | None = None, max_chars: int | None = None
) -> Iterator[Document | InputError]:
    """Documents from a JSON Lines file (``.jsonl``, or gzipped ``.jsonl.gz``), one per line; a
    bad line yields an :class:`InputError`."""
    try:
        raw, _ = open_regular(path)
    except InputError as exc:
        yield exc
        return
    # gzip decompresses as lines are read: what is in memory is one line, at most its cap
    handle: IO[bytes] = gzip.GzipFile(fileobj=raw, mode="rb") if path.name.endswith(".gz") else raw  # type: ignore[assignment]
    with raw, handle:
        try:
            yield from read_jsonl_stream(handle, str(path), lang, max_chars)
        except (OSError, EOFError, zlib.error) as exc:  # a truncated or corrupt gzip file
            yield InputError(str(path), f"cannot be read to the end ({exc})")


def read_jsonl_stream(
    handle: IO[bytes],
    name: str,
    lang: str | None = None,
    max_chars: int | None = None,
    *,
    empty_ok: bool = False,
) -> Iterator[Document | InputError]:
    """Documents from an open binary stream of JSON Lines (standard input, say) called ``name``;
    a stream without a document is an error, unless ``empty_ok`` (a slice of a larger file).

    A line longer than a document of ``max_chars`` characters can be (:func:`_line_bytes`) is
    refused as it is read, and skipped without being kept: memory holds one line at most.
    """
    empty = True
    cap = _line_bytes(max_chars)
    for number, raw in enumerate(_lines(handle, cap), 1):
        where = f"{name}:{number}"
        if raw is None:
            empty = False
            yield InputError(
                where,
                f"a line of more than {cap:,} bytes, more than a document of {max_chars:,} characters "
                "can take (--max-chars): split it, or raise the limit",
            )
            continue
        if not raw.strip():
            continue
        empty = False
        if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]  # a UTF-8 byte-order mark, as some editors write
        try:
            record = strict_json.loads(_decode(raw, where))
            yield document_from_record(record, where, lang, max_chars)
        except InputError as exc:
            yield exc
        except strict_json.JSONProblem as exc:
            yield InputError(where, str(exc))
    if empty and not empty_ok:
        yield InputError(name, "empty file: no documents")


def _line_bytes(max_chars: int | None) -> int | None:
    """The longest JSON line read for a document of ``max_chars`` characters: twelve bytes a
    character (a character beyond the BMP written as two ``\\u`` escapes), and a megabyte for
    the id and metadata."""
    return None if max_chars is None else 12 * max_chars + (1 << 20)


_CHUNK = 1 << 20


def _lines(handle: IO[bytes], cap: int | None) -> Iterator[bytes | None]:
    """The lines of a binary stream, ``None`` for each one longer than ``cap`` bytes (read to its
    end in chunks, and dropped)."""
    if cap is None:
        yield from handle
        return
    while True:
        line = handle.readline(cap + 1)
        if not line:
            return
        if len(line) <= cap:  # the line, its newline included
            yield line
            continue
        while not line.endswith(b"\n"):  # the rest of the line, a chunk at a time
            line = handle.readline(_CHUNK)
            if not line:
                break
        yield None


JSONL_SUFFIXES = (".jsonl", ".jsonl.gz")


DEFAULT_MAX_CHARS = 10_000_000
"""The longest document annotated by default, in characters (code points)."""


def iter_inputs(
    inputs: Iterable[str | Path],
    lang: str | None = None,
    pattern: str = "*.txt",
    max_chars: int | None = DEFAULT_MAX_CHARS,
    id_from: str = "name",
) -> Iterator[Document | InputError]:
    """The documents of ``inputs``, read lazily, in order: ``.txt`` files, folders (their files
    whose name matches ``pattern``, recursively: see :func:`_walk`), ``.jsonl`` and ``.jsonl.gz``
    files, and ``-`` for JSON Lines on standard input. What cannot be read, or holds more than
    ``max_chars`` characters, is an :class:`InputError`. ``id_from`` says what a ``.txt`` file's
    id is (see :func:`read_txt`)."""
    for item in inputs:
        if str(item) == "-":
            yield from read_jsonl_stream(sys.stdin.buffer, "<stdin>", lang, max_chars)
            continue
        path = Path(item)
        if path.is_dir():
            found = False
            for file in _walk(path, pattern):
                found = True
                yield from _read_file(file, lang, max_chars, path, id_from)
            if not found:
                yield InputError(str(path), f"folder has no files matching {pattern!r}")
        elif not path.exists():
            yield InputError(str(path), "no such file or folder")
        else:
            yield from _read_file(path, lang, max_chars, None, id_from)


def _walk(folder: Path, pattern: str) -> Iterator[Path]:
    """The files under ``folder`` whose name matches ``pattern``: a folder's own files, then its
    subfolders', each in sorted order; one folder's listing in memory at a time (a corpus may
    hold millions of files)."""
    for root, dirs, files in os.walk(folder):
        dirs.sort()
        for name in sorted(fnmatch.filter(files, pattern)):
            yield Path(root, name)


def _read_file(
    path: Path, lang: str | None, max_chars: int | None, folder: Path | None, id_from: str
) -> Iterator[Document | InputError]:
    if path.name.endswith(JSONL_SUFFIXES):
        yield from read_jsonl(path, lang, max_chars)
    elif path.suffix == ".txt":
        try:
            yield read_txt(path, lang, max_chars, folder=folder, id_from=id_from)
        except InputError as exc:
            yield exc
    else:
        yield InputError(
            str(path), "unsupported input: give .txt files, folders of them, .jsonl or .jsonl.gz"
        )
