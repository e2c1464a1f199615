"""NLP backends and the extractor that puts a backend's parse into the linguistic layer.

A backend (``register_nlp_backends``) turns texts of one language into neutral sentences and
entities (:mod:`ctannot.linguistic`); the extractor ``nlp.<backend>`` makes of them the
``linguistic`` layer that grammar-aware extractors read. Stanza is built in; spaCy comes as a
plugin (``plugins/ctannot-spacy``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from .extractor import Extractor, Report
from .linguistic import ParsedEntity, ParsedSentence, build_layer
from .model import Document, Layer

__all__ = ["LINGUISTIC_LAYER", "LinguisticExtractor", "ModelsMissing", "NLPBackend"]

LINGUISTIC_LAYER = "linguistic"


class ModelsMissing(RuntimeError):
    """The models a backend needs are not installed; the message says how to install them."""


class NLPBackend:
    """Base class of NLP backends: a name, a version, languages, and :meth:`parse`."""

    name: str = ""
    version: str = "0"
    languages: Sequence[str] = ()

    def parse(self, texts: Sequence[str], lang: str) -> list[tuple[list[ParsedSentence], list[ParsedEntity]]]:
        """Parse texts of one language, all in one call where the backend can batch them.

        Raises :class:`ModelsMissing` when the models for ``lang`` are not installed.
        """
        raise NotImplementedError(f"NLP backend {self.name!r} does not implement parse()")


class LinguisticExtractor(Extractor):
    """The ``linguistic`` layer of a document, from one NLP backend."""

    produces = (LINGUISTIC_LAYER,)

    def __init__(self, backend: NLPBackend) -> None:
        self.backend = backend
        self.name = f"nlp.{backend.name}"
        self.version = backend.version
        self.languages = tuple(backend.languages) or None
        self.description = f"Sentences, tokens, words, dependencies and entities from {backend.name}."

    def extract(self, document: Document, report: Report) -> Iterable[Layer]:
        [(sentences, entities)] = self.backend.parse([document.text], document.lang or "")
        return [build_layer(document, sentences, entities, self.provenance, LINGUISTIC_LAYER)]
