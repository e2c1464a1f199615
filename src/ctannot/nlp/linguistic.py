"""The linguistic layer: sentences, tokens, words and named entities, whatever parser made them.

NLP backends (Stanza built in, spaCy as a plugin) all produce this one layer, so that the
extractors that use grammar read it and never a backend's own objects. A token is a span of the
text; a word is a syntactic word: French ``du`` is one token and two words, ``de`` and ``le``,
both on the token's span, since the words of a multi-word token have no offsets of their own.
Each word carries its lemma, universal POS, features, and its dependency head (another Word,
or none for the root) and relation.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import ClassVar

import attrs
from attrs import field, frozen

from ctannot.model import Annotation, Document, Layer, LayerBuilder, Provenance, ref_field, refs_field

__all__ = [
    "LINGUISTIC_TYPES",
    "NamedEntity",
    "ParsedEntity",
    "ParsedSentence",
    "ParsedToken",
    "ParsedWord",
    "Sentence",
    "Token",
    "Word",
    "build_layer",
]

_opt_str = attrs.validators.optional(attrs.validators.instance_of(str))


@frozen(kw_only=True)
class Sentence(Annotation):
    """A sentence, as the parser split the text."""

    type_name: ClassVar[str] = "Sentence"


@frozen(kw_only=True)
class Token(Annotation):
    """A token of the text; ``words`` are its syntactic words (several for ``du``, ``au``...)."""

    type_name: ClassVar[str] = "Token"

    words: tuple[str, ...] = refs_field("Word")


@frozen(kw_only=True)
class Word(Annotation):
    """A syntactic word, on the span of its token."""

    type_name: ClassVar[str] = "Word"

    form: str = field(validator=attrs.validators.instance_of(str))
    """The word as the parser wrote it: ``le`` for the second word of ``du``."""
    lemma: str | None = field(default=None, validator=_opt_str)
    upos: str | None = field(default=None, validator=_opt_str)
    feats: str | None = field(default=None, validator=_opt_str)
    head: str | None = ref_field("Word")
    """The word this one depends on; ``None`` for the root of its sentence."""
    deprel: str | None = field(default=None, validator=_opt_str)


@frozen(kw_only=True)
class NamedEntity(Annotation):
    """A named entity the parser recognised: ``label`` is its class (PER, ORG, LOC, MISC...)."""

    type_name: ClassVar[str] = "NamedEntity"

    label: str = field(validator=attrs.validators.instance_of(str))


LINGUISTIC_TYPES: tuple[type[Annotation], ...] = (Sentence, Token, Word, NamedEntity)


# -- what a backend hands over ----------------------------------------------------------------


def _words(value: Iterable[ParsedWord]) -> tuple[ParsedWord, ...]:
    return tuple(value)


def _tokens(value: Iterable[ParsedToken]) -> tuple[ParsedToken, ...]:
    return tuple(value)


@frozen
class ParsedWord:
    """A word as a backend gives it: ``head`` is the 1-based index of its head in the sentence
    (0 for the root), as in CoNLL-U."""

    form: str
    lemma: str | None = None
    upos: str | None = None
    feats: str | None = None
    head: int = 0
    deprel: str | None = None


@frozen
class ParsedToken:
    """A token: its offsets in the document's text and its words (one, or several)."""

    start: int
    end: int
    words: tuple[ParsedWord, ...] = field(converter=_words)


@frozen
class ParsedEntity:
    start: int
    end: int
    label: str


@frozen
class ParsedSentence:
    tokens: tuple[ParsedToken, ...] = field(converter=_tokens)


def build_layer(
    document: Document,
    sentences: Sequence[ParsedSentence],
    entities: Sequence[ParsedEntity],
    producer: Provenance,
    name: str = "linguistic",
) -> Layer:
    """The linguistic layer of ``document`` from a backend's sentences and entities.

    Raises :class:`~ctannot.model.AnnotationError` if the backend's offsets do not fit the text,
    and ``ValueError`` if a head points outside its sentence.
    """
    builder: LayerBuilder = document.new_layer(name, producer)
    for s_index, sentence in enumerate(sentences, 1):
        if not sentence.tokens:
            continue
        builder.add(Sentence, sentence.tokens[0].start, sentence.tokens[-1].end, id=f"{name}-s{s_index}")
        word_ids = [
            f"{name}-s{s_index}-w{n}" for n in range(1, sum(len(t.words) for t in sentence.tokens) + 1)
        ]
        n = 0
        for t_index, token in enumerate(sentence.tokens, 1):
            ids = []
            for word in token.words:
                if not 0 <= word.head <= len(word_ids):
                    raise ValueError(
                        f"sentence {s_index}: the head {word.head} of {word.form!r} is outside the sentence"
                    )
                builder.add(
                    Word,
                    token.start,
                    token.end,
                    id=word_ids[n],
                    form=word.form,
                    lemma=word.lemma,
                    upos=word.upos,
                    feats=word.feats,
                    head=word_ids[word.head - 1] if word.head else None,
                    deprel=word.deprel,
                )
                ids.append(word_ids[n])
                n += 1
            builder.add(Token, token.start, token.end, id=f"{name}-s{s_index}-t{t_index}", words=ids)
    for e_index, entity in enumerate(entities, 1):
        builder.add(NamedEntity, entity.start, entity.end, id=f"{name}-e{e_index}", label=entity.label)
    return builder.build()
