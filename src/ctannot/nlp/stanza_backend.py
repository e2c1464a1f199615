"""The Stanza backend: French and English parses, turned into the neutral linguistic layer.

Stanza (``pip install ctannot[stanza]``) is imported only when a parse is asked for. Models live
where Stanza keeps them (``$STANZA_RESOURCES_DIR``, else Stanza's own default); ctannot never
downloads them on its own: ``python -m ctannot models download fr en`` does, and a missing model
stops annotation with :class:`ModelsMissing`, whose message gives that command.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Sequence
from typing import Any

from ctannot.nlp import ModelsMissing, NLPBackend
from ctannot.nlp.linguistic import ParsedEntity, ParsedSentence, ParsedToken, ParsedWord

__all__ = ["PROCESSORS", "ModelsMissing", "StanzaParser", "from_stanza", "models_dir"]

PROCESSORS = {
    "fr": "tokenize,mwt,pos,lemma,depparse,ner",
    "en": "tokenize,pos,lemma,depparse,ner",
}

_NOT_INSTALLED = "Stanza is not installed: pip install 'ctannot[stanza]'"


def from_stanza(doc: Any) -> tuple[list[ParsedSentence], list[ParsedEntity]]:
    """A ``stanza.Document`` as neutral sentences and entities (offsets into its text).

    The words of a multi-word token have no offsets of their own in Stanza: they take their
    token's span.
    """
    sentences = []
    for sentence in doc.sentences:
        tokens = []
        for token in sentence.tokens:
            if token.start_char is None or token.end_char is None:
                raise ValueError(f"token {token.text!r} has no offsets: parse with the text kept")
            words = [
                ParsedWord(w.text, w.lemma, w.upos, w.feats, int(w.head or 0), w.deprel) for w in token.words
            ]
            tokens.append(ParsedToken(token.start_char, token.end_char, words))
        sentences.append(ParsedSentence(tokens))
    entities = [ParsedEntity(e.start_char, e.end_char, e.type) for e in doc.ents]
    return sentences, entities


def models_dir() -> str:
    """Where Stanza keeps its models: ``$STANZA_RESOURCES_DIR``, else Stanza's own default."""
    explicit = os.environ.get("STANZA_RESOURCES_DIR")
    if explicit:
        return explicit
    import stanza.resources.common as resources

    return str(resources.DEFAULT_MODEL_DIR)


class StanzaParser(NLPBackend):
    """The Stanza backend: one ``stanza.Pipeline`` per language, built on first use and kept."""

    name = "stanza"
    languages = tuple(PROCESSORS)

    def __init__(self, use_gpu: bool = False, resources_dir: str | None = None) -> None:
        try:
            from importlib.metadata import version

            self.version = version("stanza")
        except Exception:  # not installed: it says so when a parse is asked for
            self.version = "absent"
        self.use_gpu = use_gpu
        self.resources_dir = resources_dir
        self._pipelines: dict[str, Any] = {}

    def check(self) -> None:
        """Stanza must be importable: found without importing it (PyTorch takes seconds)."""
        try:
            found = importlib.util.find_spec("stanza") is not None
        except (ImportError, ValueError):  # ValueError: a None in sys.modules (blocked)
            found = False
        if not found:
            raise ModelsMissing(_NOT_INSTALLED)

    def pipeline(self, lang: str) -> Any:
        if lang not in self._pipelines:
            if lang not in PROCESSORS:
                raise ModelsMissing(f"Stanza has no ctannot pipeline for language {lang!r} (known: fr, en)")
            try:
                import stanza
            except ImportError:
                raise ModelsMissing(_NOT_INSTALLED) from None
            options: dict[str, Any] = {
                "download_method": None,
                "use_gpu": self.use_gpu,  # True: CUDA if PyTorch sees it, else the CPU; False: the CPU
                "logging_level": "WARN",
            }
            if self.resources_dir:
                options["dir"] = self.resources_dir
            try:
                self._pipelines[lang] = stanza.Pipeline(lang, processors=PROCESSORS[lang], **options)
            except FileNotFoundError as exc:  # ResourcesFileNotFoundError, LanguageNotDownloadedError
                raise ModelsMissing(
                    f"the Stanza models for {lang!r} are not installed ({exc}); install them with: "
                    f"python -m ctannot models download {lang}"
                ) from None
        return self._pipelines[lang]

    def parse(self, texts: Sequence[str], lang: str) -> list[tuple[list[ParsedSentence], list[ParsedEntity]]]:
        """Parse many texts of one language in one call (Stanza's bulk processing)."""
        pipeline = self.pipeline(lang)  # first: it says when Stanza is not installed
        import stanza

        docs = pipeline([stanza.Document([], text=text) for text in texts])
        return [from_stanza(doc) for doc in docs]
