"""The linguistic layer: sentences, tokens, words and named entities, whatever parser made them.

NLP backends (Stanza built in, spaCy as a plugin) all produce this one layer, so that the
extractors that use grammar read it and never a backend's own objects. A word is a syntactic
word on the span of its token. Most tokens are one word, and that Word is all there is of them;
a token of several words is also a Token that lists them, as in CoNLL-U: French ``du`` is one
Token and two Words, ``de`` and ``le``, both on the token's span, since the words of a multi-word
token have no offsets of their own. (A Token for every one-word token would double the layer,
the time it takes to make and the size of its export, and say nothing its Word does not.)
Each word carries its lemma, universal POS, features, and its dependency head (another Word,
or none for the root) and relation.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import ClassVar

from attrs import field, frozen

from ctannot.model import (
    Annotation,
    Document,
    Layer,
    Provenance,
    optional_str,
    ref_field,
    refs_field,
    required_str,
)

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


@frozen(kw_only=True)
class Sentence(Annotation):
    """A sentence, as the parser split the text."""

    type_name: ClassVar[str] = "Sentence"


@frozen(kw_only=True)
class Token(Annotation):
    """A multi-word token (``du``, ``au``, ``del``...); ``words`` are its syntactic words. A token
    of one word is its :class:`Word` alone."""

    type_name: ClassVar[str] = "Token"

    words: tuple[str, ...] = refs_field("Word")


@frozen(kw_only=True)
class Word(Annotation):
    """A syntactic word, on the span of its token."""

    type_name: ClassVar[str] = "Word"

    form: str = field(validator=required_str)
    """The word as the parser wrote it: ``le`` for the second word of ``du``."""
    lemma: str | None = field(default=None, validator=optional_str)
    upos: str | None = field(default=None, validator=optional_str)
    feats: str | None = field(default=None, validator=optional_str)
    head: str | None = ref_field("Word")
    """The word this one depends on; ``None`` for the root of its sentence."""
    deprel: str | None = field(default=None, validator=optional_str)


@frozen(kw_only=True)
class NamedEntity(Annotation):
    """A named entity the parser recognised: ``label`` is its class (PER, ORG, LOC, MISC...)."""

    type_name: ClassVar[str] = "NamedEntity"

    label: str = field(validator=required_str)


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
    text = document.text
    made: list[Annotation] = []  # made here, not through a LayerBuilder: one call per word is the cost
    add = made.append
    for s_index, sentence in enumerate(sentences, 1):
        if not sentence.tokens:
            continue
        prefix = f"{name}-s{s_index}-"
        add(
            Sentence(source=text, start=sentence.tokens[0].start, end=sentence.tokens[-1].end, id=prefix[:-1])
        )
        size = sum(len(t.words) for t in sentence.tokens)
        word_ids = [f"{prefix}w{n}" for n in range(1, size + 1)]
        n = 0
        for t_index, token in enumerate(sentence.tokens, 1):
            start, end = token.start, token.end
            first = n
            for word in token.words:
                head = word.head
                if not 0 <= head <= size:
                    raise ValueError(
                        f"sentence {s_index}: the head {head} of {word.form!r} is outside the sentence"
                    )
                add(
                    Word(
                        source=text,
                        start=start,
                        end=end,
                        id=word_ids[n],
                        form=word.form,
                        lemma=word.lemma,
                        upos=word.upos,
                        feats=word.feats,
                        head=word_ids[head - 1] if head else None,
                        deprel=word.deprel,
                    )
                )
                n += 1
            if n - first > 1:
                add(
                    Token(
                        source=text,
                        start=start,
                        end=end,
                        id=f"{prefix}t{t_index}",
                        words=tuple(word_ids[first:n]),
                    )
                )
    for e_index, entity in enumerate(entities, 1):
        add(
            NamedEntity(
                source=text, start=entity.start, end=entity.end, id=f"{name}-e{e_index}", label=entity.label
            )
        )
    return Layer(name, producer, made)
