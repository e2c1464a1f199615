"""Stanza resources folders: what one holds for ctannot, checked, and installed from a copy.

A Stanza resources folder is ``resources.json`` plus ``<lang>/<processor>/<package>.pt`` files;
``resources.json`` names, for each language, the package of each default processor and the
models each depends on (the word-vector ``pretrain`` of pos and depparse...). ``models install``
takes such a folder, or a ``.tar.gz`` / ``.zip`` of one (copied from a connected machine, or made
by tools/stanza_models.py), checks it and copies it into the folder Stanza loads from, so that
a machine without network can run the NLP layer. Nothing here imports Stanza; PyTorch only to
load one model as a check.
"""

from __future__ import annotations

import json
import os
import shutil
import tarfile
import tempfile
import zipfile
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from attrs import frozen

from ctannot.nlp import ModelsMissing

__all__ = [
    "OPTIONAL_PROCESSORS",
    "REQUIRED_PROCESSORS",
    "InstalledLanguage",
    "InvalidModels",
    "check_folder",
    "install",
    "install_hint",
    "installed",
]

REQUIRED_PROCESSORS: dict[str, tuple[str, ...]] = {
    "fr": ("tokenize", "mwt", "pos", "lemma", "depparse"),
    "en": ("tokenize", "pos", "lemma", "depparse"),
}
"""What the linguistic layer cannot do without, per language."""
OPTIONAL_PROCESSORS = ("ner",)
"""Used when installed: models trained without NER data (tools/stanza_models.py) still give
sentences, words and dependencies; the layer then has no entities."""


class InvalidModels(ModelsMissing):
    """A folder or archive offered to ``models install`` is not usable; the message says which
    file and what is missing."""


def install_hint(lang: str) -> str:
    """The two ways to install a language's models, for error messages."""
    return (
        f"install them with: python -m ctannot models download {lang} (with network), or "
        f"python -m ctannot models install PATH (a Stanza resources folder or archive copied from "
        f"another machine)"
    )


@frozen
class InstalledLanguage:
    """A language's models in a resources folder: the processors ctannot will run, and their files."""

    lang: str
    processors: tuple[str, ...]
    packages: Mapping[str, str]
    files: tuple[Path, ...]


def _read_resources(folder: Path) -> dict[str, Any]:
    path = folder / "resources.json"
    try:
        resources = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InvalidModels(f"{path} is absent: not a Stanza resources folder") from None
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise InvalidModels(f"{path} cannot be read: {exc}") from None
    if not isinstance(resources, dict):
        raise InvalidModels(f"{path}: not a JSON object of languages")
    return resources


def _model_files(folder: Path, lang: str, entry: Mapping[str, Any], processor: str) -> tuple[str, list[Path]]:
    """The package of ``processor`` and the files it needs (its model and its dependencies')."""
    defaults = entry.get("default_processors")
    package = defaults.get(processor) if isinstance(defaults, dict) else None
    if not isinstance(package, str):
        return "", []
    models = entry.get(processor)
    model_entry = models.get(package) if isinstance(models, dict) else None
    dependencies = model_entry.get("dependencies") if isinstance(model_entry, dict) else None
    if dependencies is None:  # Stanza releases before 1.5 kept them per processor
        old = entry.get("default_dependencies")
        dependencies = old.get(processor, []) if isinstance(old, dict) else []
    files = [folder / lang / processor / f"{package}.pt"]
    for dependency in dependencies if isinstance(dependencies, list) else []:
        if isinstance(dependency, dict) and {"model", "package"} <= dependency.keys():
            files.append(folder / lang / str(dependency["model"]) / f"{dependency['package']}.pt")
    return package, files


def _usable(path: Path) -> bool:
    try:
        return path.is_file() and path.stat().st_size > 0
    except OSError:
        return False


def _language(folder: Path, lang: str, resources: Mapping[str, Any]) -> InstalledLanguage:
    """``lang``'s models in ``folder``; :class:`InvalidModels` naming what is missing."""
    entry = resources.get(lang)
    if isinstance(entry, dict) and isinstance(entry.get("alias"), str):
        entry = resources.get(entry["alias"])
    if not isinstance(entry, dict):
        raise InvalidModels(f"{folder / 'resources.json'} declares no models for {lang!r}")
    processors: list[str] = []
    packages: dict[str, str] = {}
    files: list[Path] = []
    problems: list[str] = []
    for processor in (*REQUIRED_PROCESSORS[lang], *OPTIONAL_PROCESSORS):
        package, needed = _model_files(folder, lang, entry, processor)
        required = processor in REQUIRED_PROCESSORS[lang]
        if not package:
            if required:
                problems.append(f"no {processor} model declared in {folder / 'resources.json'}")
            continue
        absent = [path for path in needed if not _usable(path)]
        if absent:
            if required:
                problems.extend(f"{path} ({processor}) is missing or empty" for path in absent)
            continue
        processors.append(processor)
        packages[processor] = package
        files.extend(path for path in needed if path not in files)
    if problems:
        raise InvalidModels(f"the {lang!r} models in {folder} are incomplete: " + "; ".join(problems))
    return InstalledLanguage(lang, tuple(processors), packages, tuple(files))


def installed(folder: str | os.PathLike[str], lang: str) -> InstalledLanguage:
    """``lang``'s models in the resources folder ``folder``, or :class:`ModelsMissing` saying what
    is missing and how to install them."""
    folder = Path(folder)
    try:
        return _language(folder, lang, _read_resources(folder))
    except InvalidModels as exc:
        raise ModelsMissing(
            f"the Stanza models for {lang!r} are not installed ({exc}); {install_hint(lang)}"
        ) from None


def check_folder(folder: Path) -> list[InstalledLanguage]:
    """The languages ctannot can use in ``folder``, each complete, one model loaded as a check.

    A language counts as present when ``folder/<lang>`` exists (a resources.json that Stanza
    downloaded lists every language, installed or not). Raises :class:`InvalidModels`.
    """
    resources = _read_resources(folder)
    present = [lang for lang in REQUIRED_PROCESSORS if (folder / lang).is_dir()]
    if not present:
        wanted = " or ".join(REQUIRED_PROCESSORS)
        raise InvalidModels(f"{folder} holds no models for {wanted} (no {folder}/fr or {folder}/en folder)")
    languages = [_language(folder, lang, resources) for lang in present]
    _load_one([path for language in languages for path in language.files])
    return languages


def _load_one(files: Sequence[Path]) -> None:
    """Load the smallest model with PyTorch, safely (weights only): a truncated or foreign file
    shows here rather than at the first document."""
    smallest = min(files, key=lambda path: path.stat().st_size)
    try:
        import torch
    except ImportError:  # Stanza (and PyTorch) not installed here: the files' presence is all we check
        return
    try:
        torch.load(smallest, map_location="cpu", weights_only=True)
    except Exception as exc:  # any unpickling or format error: the file is not a model
        raise InvalidModels(f"{smallest} is not a loadable PyTorch model: {exc}") from None


# -- installing ---------------------------------------------------------------------------------


_NOTICES = ("NOTICE", "LICENSE", "LICENCE", "COPYING")
"""Files at a resources folder's root that credit or license its models: copied with them."""


def install(source: Path, destination: Path) -> list[InstalledLanguage]:
    """Check ``source`` (a resources folder, or a ``.tar.gz``/``.tgz``/``.zip`` of one) and copy
    its languages into the resources folder ``destination``; return what was installed.

    A notice or licence file at ``source``'s root (``NOTICE.txt``, ``LICENSE``...) is copied
    into each installed language's folder. Other languages already in ``destination`` stay.
    Each language's folder is put in place by a rename and ``resources.json`` is replaced last,
    so that an interrupted install leaves the previous models usable. Raises
    :class:`InvalidModels`; nothing is changed then.
    """
    if not source.exists():
        raise InvalidModels(f"{source} does not exist")
    destination.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".ctannot-install-", dir=destination) as scratch:
        folder = _unpacked(source, Path(scratch)) if source.is_file() else source
        try:
            languages = check_folder(folder)
        except InvalidModels as exc:  # name the files as inside the archive, not the scratch folder
            raise InvalidModels(str(exc).replace(str(Path(scratch) / "unpacked"), str(source))) from None
        resources = _read_resources(folder)
        staged = Path(scratch) / "staged"
        notices = [p for p in _visible(folder) if p.is_file() and p.name.upper().startswith(_NOTICES)]
        for language in languages:
            shutil.copytree(folder / language.lang, staged / language.lang)
            for notice in notices:  # the credits go with the models they credit (CC BY-SA...)
                shutil.copyfile(notice, staged / language.lang / notice.name)
        target_resources = destination / "resources.json"
        merged = _read_resources(destination) if target_resources.is_file() else {}
        for language in languages:
            merged[language.lang] = resources[language.lang]
            for key, value in resources.items():  # its aliases too ("french" -> "fr")
                if isinstance(value, dict) and value.get("alias") == language.lang:
                    merged[key] = value
        for language in languages:
            target = destination / language.lang
            if target.exists():
                target.rename(Path(scratch) / f"previous-{language.lang}")  # removed with the scratch folder
            (staged / language.lang).rename(target)
        new_resources = Path(scratch) / "resources.json"
        new_resources.write_text(json.dumps(merged, indent=2) + "\n", encoding="utf-8")
        os.replace(new_resources, target_resources)
    return languages


def _unpacked(archive: Path, scratch: Path) -> Path:
    """The resources folder inside ``archive``: its root, or its one top-level folder."""
    unpacked = scratch / "unpacked"
    unpacked.mkdir()
    name = archive.name.lower()
    try:
        if name.endswith((".tar.gz", ".tgz", ".tar")):
            with tarfile.open(archive) as tar:
                tar.extractall(unpacked, filter="data")  # no absolute paths, links out or devices
        elif name.endswith(".zip"):
            with zipfile.ZipFile(archive) as zipped:
                for member in zipped.namelist():
                    if Path(member).is_absolute() or ".." in Path(member).parts:
                        raise InvalidModels(
                            f"{archive}: member {member!r} would be written outside the folder"
                        )
                zipped.extractall(unpacked)
        else:
            raise InvalidModels(f"{archive}: not a folder, a .tar.gz, a .tgz or a .zip")
    except (tarfile.TarError, zipfile.BadZipFile, EOFError, OSError) as exc:
        raise InvalidModels(f"{archive} cannot be unpacked: {exc}") from None
    if (unpacked / "resources.json").is_file():
        return unpacked
    entries = list(_visible(unpacked))
    if len(entries) == 1 and (entries[0] / "resources.json").is_file():
        return entries[0]
    raise InvalidModels(f"{archive} has no resources.json at its root or in its one top-level folder")


def _visible(folder: Path) -> Iterator[Path]:
    return (path for path in folder.iterdir() if not path.name.startswith("."))
