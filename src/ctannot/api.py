"""The short way in: a registry or a ready pipeline from the installed plugins."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from ctannot.formats import FormatError
from ctannot.model import Document
from ctannot.pipeline import DEFAULT_TIME_LIMIT, Pipeline
from ctannot.plugins import get_plugin_manager
from ctannot.registry import Registry

__all__ = ["load_pipeline", "load_registry", "read_documents"]


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


def read_documents(path: Path, registry: Registry) -> Iterator[Document]:
    """The documents of a file, or of the files of a folder (not its subfolders, in name order)
    that importers read; :class:`FormatError` for a bad file, or for a folder with none."""
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
