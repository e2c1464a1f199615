"""The Stanza backend: French and English parses, turned into the neutral linguistic layer.

Stanza (``pip install ctannot[stanza]``) is imported only when a parse is asked for. Models live
where Stanza keeps them (``$STANZA_RESOURCES_DIR``, else Stanza's own default); ctannot never
downloads them on its own: ``python -m ctannot models download fr en`` does (with network), or
``python -m ctannot models install PATH`` from a copied folder or archive (without), and a missing
model stops annotation with :class:`ModelsMissing`, whose message gives both commands.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from collections.abc import Sequence
from typing import Any

from ctannot.nlp import ModelsMissing, NLPBackend
from ctannot.nlp.linguistic import ParsedEntity, ParsedSentence, ParsedToken, ParsedWord
from ctannot.nlp.stanza_resources import OPTIONAL_PROCESSORS, REQUIRED_PROCESSORS, install_hint, installed

__all__ = ["PROCESSORS", "ModelsMissing", "StanzaParser", "from_stanza", "models_dir"]

PROCESSORS = {lang: ",".join((*needed, *OPTIONAL_PROCESSORS)) for lang, needed in REQUIRED_PROCESSORS.items()}
"""What ``models download`` fetches for each language."""

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


def _warn(message: str) -> None:
    print(f"ctannot: warning: {message}", file=sys.stderr, flush=True)


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
        self._warned_no_gpu = False

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
            where = self.resources_dir or models_dir()
            models = installed(where, lang)  # ModelsMissing, naming what is missing
            use_gpu = self.use_gpu and self._gpu_available()
            options: dict[str, Any] = {
                "dir": where,
                "download_method": None,
                "use_gpu": use_gpu,
                "logging_level": "WARN",
            }
            try:
                self._pipelines[lang] = stanza.Pipeline(lang, processors=dict(models.packages), **options)
            except FileNotFoundError as exc:  # ResourcesFileNotFoundError, LanguageNotDownloadedError
                raise ModelsMissing(
                    f"the Stanza models for {lang!r} are not installed ({exc}); {install_hint(lang)}"
                ) from None
        return self._pipelines[lang]

    def _gpu_available(self) -> bool:
        """Is there a CUDA device for PyTorch? Warns once, when a GPU was asked for and is absent."""
        import torch

        if torch.cuda.is_available():
            return True
        if not self._warned_no_gpu:
            self._warned_no_gpu = True
            _warn("--gpu: PyTorch sees no CUDA device here; Stanza runs on the CPU")
        return False

    def parse(self, texts: Sequence[str], lang: str) -> list[tuple[list[ParsedSentence], list[ParsedEntity]]]:
        """Parse many texts of one language in one call (Stanza's bulk processing)."""
        pipeline = self.pipeline(lang)  # first: it says when Stanza is not installed
        import stanza

        docs = pipeline([stanza.Document([], text=text) for text in texts])
        return [from_stanza(doc) for doc in docs]
