"""NLP backends and the extractor that puts a backend's parse into the linguistic layer.

A backend (``register_nlp_backends``) turns texts of one language into neutral sentences and
entities (:mod:`ctannot.nlp.linguistic`); the extractor ``nlp.<backend>`` makes of them the
``linguistic`` layer that grammar-aware extractors read. Stanza is built in; spaCy comes as a
plugin (``plugins/ctannot-spacy``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from ctannot.extractor import Extractor, Report
from ctannot.model import Document, Layer
from ctannot.nlp.linguistic import ParsedEntity, ParsedSentence, ParsedWords, build_layer

__all__ = ["LINGUISTIC_LAYER", "LinguisticExtractor", "ModelsMissing", "NLPBackend"]

LINGUISTIC_LAYER = "linguistic"


class ModelsMissing(RuntimeError):
    """The models a backend needs are not installed; the message says how to install them."""


class NLPBackend:
    """Base class of NLP backends: a name, a version, languages, and :meth:`parse`."""

    name: str = ""
    version: str = "0"
    languages: Sequence[str] = ()
    use_gpu: bool = False
    """May the models run on a GPU, when there is one? Set it before the first parse: the models
    are loaded then, once per process (``annotate --gpu`` sets it)."""

    def check(self) -> None:
        """Raise :class:`ModelsMissing` if the backend cannot run at all (its library is not
        installed). Called when the pipeline is chosen, before any document: a run stops once
        with the install hint rather than failing every document."""

    def parse(
        self, texts: Sequence[str], lang: str
    ) -> Sequence[tuple[Sequence[ParsedSentence | ParsedWords], Sequence[ParsedEntity]]]:
        """Parse texts of one language, all in one call where the backend can batch them: for each,
        its sentences (as tokens, or as columns of words) and its entities.

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
        [layers] = self.extract_batch([document], [report])
        return layers

    def extract_batch(self, documents: Sequence[Document], reports: Sequence[Report]) -> list[list[Layer]]:
        """The documents of each language parsed in one call, for the backend's bulk processing."""
        by_lang: dict[str, list[int]] = defaultdict(list)
        for i, document in enumerate(documents):
            by_lang[document.lang or ""].append(i)
        layers: dict[int, list[Layer]] = {}
        for lang, indices in by_lang.items():
            parses = self.backend.parse([documents[i].text for i in indices], lang)
            for i, (sentences, entities) in zip(indices, parses, strict=True):
                layer = build_layer(documents[i], sentences, entities, self.provenance, LINGUISTIC_LAYER)
                layers[i] = [layer]
        return [layers[i] for i in range(len(documents))]
