"""Pipelines: the chosen extractors, ordered by the layers they require and produce, run in turn."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from itertools import islice

import attrs

from ctannot.extractor import Extractor, Problem
from ctannot.formats.inputs import detect_language
from ctannot.model import AnnotationError, Document, Layer
from ctannot.nlp import ModelsMissing
from ctannot.registry import Registry
from ctannot.time_limit import TimeLimitExceeded, time_limit

__all__ = [
    "DEFAULT_TIME_LIMIT",
    "FAULT_POLICIES",
    "ExtractionError",
    "Pipeline",
    "PipelineError",
    "Result",
    "order_extractors",
]

DEFAULT_TIME_LIMIT = 300.0
"""Seconds an extractor may take on one document before it is stopped as faulty."""

FAULT_POLICIES = ("fail-document", "skip-layer")
"""What a pipeline does when an extractor fails on a document (raises, runs past its time
limit, or returns invalid layers): fail the whole document (nothing of it is written), or leave
that extractor's layers out of it, say so in the result's problems, and go on."""


class PipelineError(ValueError):
    """The chosen extractors cannot form a pipeline: unknown name, missing layer or a cycle."""


class ExtractionError(RuntimeError):
    """An extractor failed on a document; the message names the document and the extractor."""

    def __init__(self, document_id: str, extractor: str, message: str, plugin: str | None = None) -> None:
        by = f" (plugin {plugin!r})" if plugin else ""
        super().__init__(f"document {document_id!r}: extractor {extractor!r}{by} failed: {message}")
        self.document_id = document_id
        self.extractor = extractor
        self.message = message
        self.plugin = plugin


def order_extractors(extractors: Sequence[Extractor]) -> tuple[Extractor, ...]:
    """Sort extractors so that each comes after the producers of the layers it requires.

    Raises :class:`PipelineError` when a required layer has no producer, when two extractors
    produce the same layer, or when requirements form a cycle. Ties keep the given order.
    """
    producer: dict[str, Extractor] = {}
    for ex in extractors:
        for layer in ex.produces:
            if layer in producer:
                raise PipelineError(
                    f"extractors {producer[layer].name!r} and {ex.name!r} both produce layer {layer!r}"
                )
            producer[layer] = ex
    for ex in extractors:
        for layer in ex.requires:
            if layer not in producer:
                raise PipelineError(
                    f"extractor {ex.name!r} requires layer {layer!r}, which no chosen extractor "
                    f"produces (chosen: {', '.join(e.name for e in extractors) or 'none'})"
                )
    ordered: list[Extractor] = []
    done: set[str] = set()
    pending = list(extractors)
    while pending:
        ready = [
            ex
            for ex in pending
            if all(producer[layer].name in done for layer in ex.requires)
            and all(producer[layer].name in done for layer in ex.uses if layer in producer)
        ]
        if not ready:
            cycle = " -> ".join(f"{ex.name} (needs {', '.join([*ex.requires, *ex.uses])})" for ex in pending)
            raise PipelineError(f"extractors depend on each other in a cycle: {cycle}")
        for ex in ready:
            ordered.append(ex)
            done.add(ex.name)
            pending.remove(ex)
    return tuple(ordered)


@attrs.frozen
class Result:
    """An annotated document and the problems met on the way (none fatal)."""

    document: Document
    problems: tuple[Problem, ...] = ()


@attrs.define
class Pipeline:
    """Extractors in dependency order, set up once, applied to batches of documents."""

    name: str
    extractors: tuple[Extractor, ...]
    registry: Registry
    on_fault: str = attrs.field(default="fail-document", validator=attrs.validators.in_(FAULT_POLICIES))
    """One of :data:`FAULT_POLICIES`."""
    time_limit: float | None = DEFAULT_TIME_LIMIT
    """Seconds an extractor may take on one document (None: no limit); see :mod:`ctannot.time_limit`."""
    _ready: bool = False

    @classmethod
    def from_registry(
        cls,
        registry: Registry,
        name: str = "rules",
        add: Iterable[str] = (),
        skip: Iterable[str] = (),
        backend: str | None = None,
        on_fault: str = "fail-document",
        time_limit: float | None = DEFAULT_TIME_LIMIT,
    ) -> Pipeline:
        """The pipeline ``name`` with extractors added or left out by name, and its NLP
        extractor (``nlp.stanza`` in ``rules+nlp``) swapped for ``nlp.<backend>``; ``on_fault``
        and ``time_limit`` as the attributes of the same names."""
        if name not in registry.pipelines:
            raise PipelineError(
                f"no pipeline named {name!r}; known pipelines: {', '.join(sorted(registry.pipelines))}"
            )
        add, skip = list(add), set(skip)
        if backend is not None:
            if backend not in registry.backends:
                raise PipelineError(
                    f"unknown NLP backend {backend!r}; known: {', '.join(sorted(registry.backends))}"
                )
            for extractor in registry.pipelines[name]:
                if extractor.startswith("nlp.") and extractor[4:] in registry.backends:
                    skip.add(extractor)
                    add.append(f"nlp.{backend}")
            skip.discard(f"nlp.{backend}")
        names = [n for n in registry.pipelines[name] if n not in skip]
        names += [n for n in add if n not in names]
        unknown = [n for n in [*names, *skip] if n not in registry.extractors]
        if unknown:
            raise PipelineError(
                f"unknown extractor {unknown[0]!r}; known extractors: "
                f"{', '.join(sorted(registry.extractors))}"
            )
        chosen = [registry.extractors[n] for n in names]
        return cls(name, order_extractors(chosen), registry, on_fault, time_limit)

    def setup(self) -> None:
        """Let every extractor load its resources; done once, before the first document."""
        if not self._ready:
            for ex in self.extractors:
                ex.setup(self.registry)
            self._ready = True

    def __call__(self, text: str | Document, lang: str | None = None) -> Document:
        """The annotated document, as spaCy's ``nlp(text)``: ``text`` is a string (a document
        ``"doc"`` in ``lang``, detected when None) or a :class:`Document`. Raises
        :class:`ExtractionError` if an extractor fails on it.

        >>> import ctannot
        >>> nlp = ctannot.load_pipeline("rules")
        >>> doc = nlp("Le GCTF s'est réuni à Rabat pour la deuxième fois de l'année.")
        >>> doc.lang, [(a.type_name, a.text) for a in doc.annotations()]
        ('fr', [('Forum', 'GCTF')])
        """
        return self.annotate(_as_document(text, "doc", lang)).document

    def pipe(
        self, texts: Iterable[str | Document], batch_size: int = 32, lang: str | None = None
    ) -> Iterator[Document]:
        """The annotated documents of ``texts`` (strings or :class:`Document`), in order, lazily,
        ``batch_size`` at a time (an NLP backend parses a batch in one call), as spaCy's
        ``nlp.pipe``. A string becomes the document ``doc-<n>`` (``n`` from 1). Raises the
        :class:`ExtractionError` of the first document an extractor fails on.

        >>> import ctannot
        >>> nlp = ctannot.load_pipeline("rules")
        >>> [doc.id for doc in nlp.pipe(["Daech a frappé.", "ISIS struck again."], batch_size=1)]
        ['doc-1', 'doc-2']
        """
        if batch_size < 1:
            raise ValueError(f"batch_size must be at least 1, not {batch_size}")
        numbered = (_as_document(text, f"doc-{n}", lang) for n, text in enumerate(texts, 1))
        while batch := list(islice(numbered, batch_size)):
            for outcome in self.annotate_batch(batch):
                if isinstance(outcome, ExtractionError):
                    raise outcome
                yield outcome.document

    def annotate(self, document: Document) -> Result:
        """Run every extractor on ``document`` (replacing layers of the same names).

        Raises :class:`ExtractionError` if an extractor fails on it (with ``on_fault`` at
        ``"fail-document"``), and :class:`~ctannot.nlp.ModelsMissing` if a backend's models are
        not installed.
        """
        [outcome] = self.annotate_batch([document])
        if isinstance(outcome, ExtractionError):
            raise outcome
        return outcome

    def annotate_batch(self, documents: Sequence[Document]) -> list[Result | ExtractionError]:
        """Run every extractor, in turn, once over all ``documents``: one outcome per document, in order.

        As :meth:`annotate` does for one document, except that a document an extractor fails on
        gets its :class:`ExtractionError` as outcome and goes no further, while the others go on.
        :class:`~ctannot.nlp.ModelsMissing` still stops everything.
        """
        self.setup()
        produced = {layer for ex in self.extractors for layer in ex.produces}
        docs = [_without_layers(document, produced) for document in documents]  # annotating again
        problems: list[list[Problem]] = [[] for _ in documents]
        errors: dict[int, ExtractionError] = {}
        for ex in self.extractors:
            todo = [i for i, doc in enumerate(docs) if i not in errors and _applies(ex, doc)]
            plugin = self.registry.extractor_plugins.get(ex.name)
            outcomes = _extract(ex, [docs[i] for i in todo], self.time_limit, plugin)
            for i, outcome in zip(todo, outcomes, strict=True):
                if not isinstance(outcome, ExtractionError):
                    layers, found = outcome
                    try:
                        docs[i] = _add_layers(docs[i], ex, layers, self.registry, plugin)
                    except ExtractionError as exc:
                        outcome = exc
                    else:
                        problems[i] += found
                        continue
                if self.on_fault == "skip-layer":
                    by = f" (plugin {plugin!r})" if plugin else ""
                    problems[i].append(Problem(ex.name, f"layers left out{by}: {outcome.message}"))
                else:
                    errors[i] = outcome
        return [errors[i] if i in errors else Result(doc, tuple(problems[i])) for i, doc in enumerate(docs)]


def _as_document(text: str | Document, document_id: str, lang: str | None) -> Document:
    if isinstance(text, Document):
        return text
    if not isinstance(text, str):
        raise TypeError(f"expected a str or a ctannot.Document, not {type(text).__name__}")
    return Document(document_id, text, lang or detect_language(text))


def _without_layers(document: Document, names: set[str]) -> Document:
    if not any(name in names for name in document.layer_names):
        return document
    return attrs.evolve(document, layers=[la for la in document.layers if la.name not in names])


def _applies(ex: Extractor, document: Document) -> bool:
    # A required layer is missing when its producer did not apply to this document's language.
    return ex.applies_to(document) and all(la in document.layer_names for la in ex.requires)


def _extract(
    ex: Extractor, documents: Sequence[Document], seconds: float | None, plugin: str | None
) -> list[tuple[list[Layer], list[Problem]] | ExtractionError]:
    """The layers and problems ``ex`` gives each document, or the error it met on it.

    The documents go to ``ex`` in one call, with ``seconds`` for each of them; if that call
    fails, each goes alone, so that one faulty document does not fail the others.
    """
    if not documents:
        return []
    problems: list[list[Problem]] = [[] for _ in documents]  # kept only if the call succeeds
    try:
        with time_limit(None if seconds is None else seconds * len(documents)):
            made = ex.extract_batch(documents, [found.append for found in problems])
            layers = [list(one) for one in made]
        if len(layers) != len(documents):
            raise ValueError(f"extract_batch returned {len(layers)} results for {len(documents)} documents")
    except ModelsMissing:
        raise  # not these documents' problem: nothing can be annotated until they are installed
    except (Exception, TimeLimitExceeded) as exc:
        if len(documents) > 1:
            return [outcome for doc in documents for outcome in _extract(ex, [doc], seconds, plugin)]
        if isinstance(exc, TimeLimitExceeded):
            message = f"stopped after its time limit of {seconds:g} s"
        else:
            message = f"{type(exc).__name__}: {exc}"
        error = ExtractionError(documents[0].id, ex.name, message, plugin)
        error.__cause__ = exc  # as `raise ... from exc` would: the traceback shows the extractor's fault
        return [error]
    return list(zip(layers, problems, strict=True))


def _add_layers(
    document: Document, ex: Extractor, layers: list[Layer], registry: Registry, plugin: str | None
) -> Document:
    names = [layer.name for layer in layers if isinstance(layer, Layer)]
    if len(names) != len(layers) or sorted(names) != sorted(ex.produces):
        raise ExtractionError(
            document.id,
            ex.name,
            f"returned layers {names!r}, but declares it produces {list(ex.produces)!r}",
            plugin,
        )
    size = len(document.text)
    for layer in layers:
        # Annotations check their own span when made, unless a plugin turned attrs' validators
        # off: checked again here, since a span outside the text could not be exported.
        outside = next((a for a in layer if not 0 <= a.start < a.end <= size), None)
        if outside is not None:
            raise ExtractionError(
                document.id,
                ex.name,
                f"{outside.type_name} {outside.id!r} of layer {layer.name!r}: span "
                f"[{outside.start}, {outside.end}) is outside the text of {size} code points",
                plugin,
            )
        for cls in {type(ann) for ann in layer}:
            if registry.types.get(cls.type_name) is not cls:
                raise ExtractionError(
                    document.id,
                    ex.name,
                    f"layer {layer.name!r} holds {cls.type_name} annotations, a type no plugin "
                    "registered (register_annotation_types): it could not be read back",
                    plugin,
                )
    try:
        return document.with_layers(layers)
    except AnnotationError as exc:
        raise ExtractionError(document.id, ex.name, str(exc), plugin) from exc
