"""The hooks a ctannot plugin can implement; each hook's docstring is its reference.

Every hook receives a ``register`` callable and calls it once per thing it contributes, as
simonw's llm does: a plugin that adds nothing of a kind simply does not implement that hook.
Built-in extractors, rule packs, exporters and importers use these same hooks.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from pluggy import HookimplMarker, HookspecMarker

if TYPE_CHECKING:
    from pathlib import Path

    from ctannot.extractor import Extractor
    from ctannot.formats import Exporter, Importer
    from ctannot.model import Annotation
    from ctannot.nlp import NLPBackend

hookspec = HookspecMarker("ctannot")
hookimpl = HookimplMarker("ctannot")


@hookspec
def register_annotation_types(register: Callable[[type[Annotation]], None]) -> None:
    """Register annotation classes of your own, beside Initiative, Forum, Threat, Statement, Actor.

    Call ``register(cls)`` for each class: a subclass of :class:`ctannot.Annotation` made with
    ``@attrs.frozen(kw_only=True)`` and a unique ``type_name`` class variable. Registered types can
    be named in rule files (``type = "Weapon"``), are exported to JSON-LD as
    ``ctannot:<type_name>`` bodies, and are imported back.

    Two optional class variables: ``vocabulary = ctannot.Vocabulary("ops",
    "https://example.org/ops#")`` exports the type and its attributes in the plugin's own RDF
    namespace (``ops:Operation``, ``ops:kind``: the JSON-LD context declares the prefix), and
    ``colour = "#882255"`` is how ``ctannot render`` draws it.
    """


@hookspec
def register_extractors(register: Callable[[Extractor], None]) -> None:
    """Register extractors: call ``register(extractor)`` with an :class:`ctannot.Extractor` instance.

    An extractor declares its ``name`` (unique, dotted: ``myplugin.weapons``), ``version``, the
    layers it ``requires`` and the layers it ``produces``. Pipelines name extractors, and are
    ordered by those declarations. :class:`ctannot.RuleExtractor` makes an extractor from rule
    files alone.
    """


@hookspec
def register_pipelines(register: Callable[[str, tuple[str, ...]], None]) -> None:
    """Register a named pipeline: ``register(name, extractor_names)``.

    The user picks it with ``ctannot annotate --pipeline NAME``. Order does not matter: the
    pipeline is sorted by what each extractor requires and produces.
    """


@hookspec
def register_rule_packs(register: Callable[[Path], None]) -> None:
    """Register rule pack files: ``register(path)`` for each TOML rule file a plugin ships.

    Registered packs extend the built-in rule extractors: their ``[[entity]]`` gazetteer entries
    and ``[[rule]]`` patterns are used for documents in the pack's language (``"*"`` for all).
    A plugin that wants a separate layer of its own registers a :class:`ctannot.RuleExtractor`
    instead. See ``docs/rule-files.md`` for the format.
    """


@hookspec
def register_nlp_backends(register: Callable[[NLPBackend], None]) -> None:
    """Register NLP backends: ``register(backend)`` with an instance of :class:`ctannot.nlp.NLPBackend`.

    A backend has a ``name`` (``stanza``, ``spacy``), a ``version``, its ``languages``, and
    ``parse(texts, lang)`` returning neutral sentences and entities (:mod:`ctannot.nlp.linguistic`).
    Each backend gets an extractor ``nlp.<name>`` producing the ``linguistic`` layer; the user
    picks one with ``ctannot annotate --backend NAME``.
    """


@hookspec
def register_exporters(register: Callable[[Exporter], None]) -> None:
    """Register output formats: ``register(Exporter(name, suffix, dump))``.

    ``dump(document)`` returns the content of the document's file, ``<id><suffix>``: ``str``
    (written as UTF-8) or, for a binary format, ``bytes``. A format that needs more sets the
    optional fields of :class:`ctannot.Exporter`: ``beside`` (more files per document, by suffix),
    ``shared`` (files once per output folder) and ``corpus`` (a whole corpus as one file). Every
    file is written atomically. The user picks one with ``ctannot annotate --format NAME`` or
    ``ctannot export --to NAME``.
    """


@hookspec
def register_importers(register: Callable[[Importer], None]) -> None:
    """Register input formats of annotated documents: ``register(Importer(name, suffixes, load))``.

    ``load(path, types)`` gets the path of a file whose name ends with one of the ``suffixes``
    and the registered annotation types by name; it returns (or yields) the documents the file
    holds, with their layers; it raises :class:`ctannot.FormatError` naming the file (and line)
    and the problem when the input is not valid. ``ctannot show``, ``export`` and ``evaluate``
    pick the importer by suffix.
    """
