"""The short way in: annotate a text, read documents from any file ctannot knows, load a
pipeline or the registry of everything the installed plugins register."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path

from ctannot.formats import FormatError
from ctannot.formats.inputs import DEFAULT_MAX_CHARS, InputError, iter_inputs
from ctannot.model import Document
from ctannot.pipeline import DEFAULT_TIME_LIMIT, Pipeline
from ctannot.plugins import get_plugin_manager
from ctannot.registry import Registry

__all__ = ["annotate", "load_pipeline", "load_registry", "read", "read_documents"]


def load_registry(*, load_entrypoints: bool = True, plugins: Iterable[object] = ()) -> Registry:
    """Everything the built-in and installed plugins (and ``plugins``) register."""
    return Registry.collect(get_plugin_manager(load_entrypoints=load_entrypoints, plugins=plugins))


def load_pipeline(
    name: str = "rules",
    *,
    add: Iterable[str] = (),
    skip: Iterable[str] = (),
    backend: str | None = None,
    registry: Registry | None = None,
    on_fault: str = "fail-document",
    time_limit: float | None = DEFAULT_TIME_LIMIT,
) -> Pipeline:
    """The pipeline ``name`` from the installed plugins, with extractors added or left out and,
    for an NLP pipeline, the NLP backend chosen (``stanza`` by default in ``rules+nlp``).

    ``on_fault`` (``"fail-document"`` or ``"skip-layer"``) and ``time_limit`` (seconds an
    extractor may take on a document) say what a faulty extractor costs: see :class:`Pipeline`.
    """
    return Pipeline.from_registry(
        registry or load_registry(),
        name,
        add=add,
        skip=skip,
        backend=backend,
        on_fault=on_fault,
        time_limit=time_limit,
    )


@cache
def _named_pipeline(name: str) -> Pipeline:
    return load_pipeline(name)


def annotate(text: str, lang: str | None = None, pipeline: str = "rules") -> Document:
    """``text`` annotated by the pipeline ``pipeline`` (loaded once per process and kept), as
    the document ``"doc"`` in ``lang`` (``"fr"``, ``"en"``, or None: detected).

    >>> import ctannot
    >>> doc = ctannot.annotate("« Nous devons agir vite », a déclaré M. Voronkov.", lang="fr")
    >>> [(a.type_name, a.text) for a in doc.annotations()]
    [('Actor', 'M. Voronkov'), ('Statement', 'Nous devons agir vite')]
    """
    return _named_pipeline(pipeline)(text, lang)


def read(
    path: str | Path,
    *,
    lang: str | None = None,
    glob: str = "*.txt",
    max_chars: int | None = DEFAULT_MAX_CHARS,
    registry: Registry | None = None,
) -> Iterator[Document]:
    """The documents of ``path``, lazily: any input ``annotate`` reads (a ``.txt`` file, a
    ``.jsonl`` or ``.jsonl.gz`` file of ``{"id", "text", "lang", "metadata"}`` records, a folder
    of those, read recursively, its files matching ``glob``) or any annotated file it writes or
    imports (``.jsonld``, JSON-LD lines ``.jsonld.jsonl[.gz]``, brat ``.ann``, ``.csv``,
    ``.parquet``, or a folder of them, in name order). ``lang`` applies to unannotated inputs
    without one. Raises :class:`~ctannot.formats.FormatError` naming the file (and line) that
    cannot be read.

    >>> import ctannot
    >>> [doc.id for doc in ctannot.read("corpus_samples/fr_01_gctf_mineurs_new_york.txt")]
    ['fr_01_gctf_mineurs_new_york']
    """
    registry = registry or load_registry()
    path = Path(path)
    if registry.importer_for(path) is not None or _holds_annotated_files(path, registry):
        yield from read_documents(path, registry)
        return
    for item in iter_inputs([path], lang, glob, max_chars):
        if isinstance(item, InputError):
            raise FormatError(str(item))
        yield item


def _holds_annotated_files(path: Path, registry: Registry) -> bool:
    return path.is_dir() and any(p.is_file() and registry.importer_for(p) for p in path.iterdir())


def read_documents(path: Path, registry: Registry) -> Iterator[Document]:
    """The annotated documents of a file, or of the files of a folder (not its subfolders, in
    name order) that importers read; :class:`FormatError` for a bad file, or for a folder with
    none."""
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.is_file() and registry.importer_for(p) is not None)
        if not files:
            kinds = ", ".join(registry.importable_suffixes())
            raise FormatError(f"{path}: no annotated documents ({kinds} files)")
    elif path.exists():
        files = [path]
    else:
        raise FormatError(f"{path}: no such file or folder")
    for file in files:
        yield from registry.importer_of(file).load(file, registry.types)
