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

import types
from collections.abc import Iterable, Sequence
from typing import Any, ClassVar

from attrs import field, fields, frozen

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
    "ParsedWords",
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

    def columns(self) -> ParsedWords:
        """The same sentence as :class:`ParsedWords`."""
        starts: list[int] = []
        ends: list[int] = []
        words: list[ParsedWord] = []
        multi: list[tuple[int, int, int]] = []
        for number, token in enumerate(self.tokens, 1):
            if len(token.words) > 1:
                multi.append((number, len(words), len(words) + len(token.words)))
            for word in token.words:
                starts.append(token.start)
                ends.append(token.end)
                words.append(word)
        return ParsedWords(
            starts,
            ends,
            [w.form for w in words],
            [w.lemma for w in words],
            [w.upos for w in words],
            [w.feats for w in words],
            [w.head for w in words],
            [w.deprel for w in words],
            multi,
        )


@frozen
class ParsedWords:
    """A sentence as columns: the i-th item of each is about its i-th word. A backend that has
    its parse as arrays (spaCy) hands it over so, without an object for each word.

    A word's ``start`` and ``end`` are its token's; ``heads`` are as :class:`ParsedWord`'s. The
    multi-word tokens, if any, are listed in ``tokens``: each as its number in the sentence (from
    1, counting every token) and the range ``[first, stop)`` of its words.
    """

    starts: Sequence[int]
    ends: Sequence[int]
    forms: Sequence[str]
    lemmas: Sequence[str | None]
    upos: Sequence[str | None]
    feats: Sequence[str | None]
    heads: Sequence[int]
    deprels: Sequence[str | None]
    tokens: Sequence[tuple[int, int, int]] = ()


_NONE = type(None)
_WORD_FIELDS: tuple[str, ...] = (
    "source",
    "start",
    "end",
    "id",
    "entity",
    "form",
    "lemma",
    "upos",
    "feats",
    "head",
    "deprel",
)


def _is_slot(cls: type[Any], name: str) -> bool:
    descriptor: Any = getattr(cls, name, None)
    return isinstance(descriptor, types.MemberDescriptorType)


def _converts(attribute: Any) -> bool:
    return attribute.converter is not None


_FAST_WORDS = tuple(a.name for a in fields(Word)) == _WORD_FIELDS and all(
    _is_slot(Word, a.name) and not _converts(a) for a in fields(Word)
)
"""Whether :func:`_make_words` may make Words itself: Word's fields are these, each a slot, and no
others (a field added to :class:`Word` or :class:`~ctannot.model.Annotation` turns it off; a
test says whether it is on)."""
# Each field's slot, set as attrs' __init__ of a frozen class sets it (object.__setattr__ finds
# and calls the same descriptor, past the class's own __setattr__ that refuses changes).
_SETTERS = tuple(getattr(Word, name).__set__ for name in _WORD_FIELDS) if _FAST_WORDS else ()


def _make_words(text: str, words: ParsedWords, ids: list[str], head_ids: list[str | None]) -> list[Word]:
    """The Words of one sentence's columns, as ``Word(...)`` makes them one by one.

    A parse of 30,000 words spent a third of its layer's time in the eight validators each Word
    runs. The columns are checked here at once, for what those validators check (integer
    offsets inside the text, a non-empty span, a ``str`` form, a ``str`` or ``None`` lemma, POS,
    features and relation; the ids are made non-empty strings): if they all pass, the Words are
    made with their fields set as attrs' ``__init__`` sets them, without the validators; if any
    fails, or the columns differ in length, each Word is made by its constructor, which raises
    as it always did. ``tests/test_linguistic_columns.py`` compares the two.
    """
    starts, ends, forms = words.starts, words.ends, words.forms
    lemmas, upos, feats, deprels = words.lemmas, words.upos, words.feats, words.deprels
    size = len(forms)
    rows = zip(starts, ends, ids, forms, lemmas, upos, feats, head_ids, deprels, strict=True)
    if not (
        _FAST_WORDS
        and size
        and len(starts) == len(ends) == len(lemmas) == len(upos) == len(feats) == len(deprels) == size
        and set(map(type, starts)) == {int}  # exactly int: anything else goes to the validators
        and set(map(type, ends)) == {int}
        and min(starts) >= 0
        and max(ends) <= len(text)
        and all(map(int.__lt__, starts, ends))
        and set(map(type, forms)) == {str}
        and set(map(type, lemmas)) <= {str, _NONE}
        and set(map(type, upos)) <= {str, _NONE}
        and set(map(type, feats)) <= {str, _NONE}
        and set(map(type, deprels)) <= {str, _NONE}
    ):
        return [
            Word(
                source=text,
                start=start,
                end=end,
                id=word_id,
                form=form,
                lemma=lemma,
                upos=upos_,
                feats=feats_,
                head=head_id,
                deprel=deprel,
            )
            for start, end, word_id, form, lemma, upos_, feats_, head_id, deprel in rows
        ]
    (
        set_source,
        set_start,
        set_end,
        set_id,
        set_entity,
        set_form,
        set_lemma,
        set_upos,
        set_feats,
        set_head,
        set_deprel,
    ) = _SETTERS
    new = object.__new__
    out: list[Word] = []
    append = out.append
    for start, end, word_id, form, lemma, upos_, feats_, head_id, deprel in rows:
        word = new(Word)
        set_source(word, text)
        set_start(word, start)
        set_end(word, end)
        set_id(word, word_id)
        set_entity(word, None)
        set_form(word, form)
        set_lemma(word, lemma)
        set_upos(word, upos_)
        set_feats(word, feats_)
        set_head(word, head_id)
        set_deprel(word, deprel)
        append(word)
    return out


def build_layer(
    document: Document,
    sentences: Sequence[ParsedSentence | ParsedWords],
    entities: Sequence[ParsedEntity],
    producer: Provenance,
    name: str = "linguistic",
) -> Layer:
    """The linguistic layer of ``document`` from a backend's sentences and entities.

    Raises :class:`~ctannot.model.AnnotationError` if the backend's offsets do not fit the text,
    and ``ValueError`` if a head points outside its sentence or the columns of a sentence differ
    in length.
    """
    text = document.text
    made: list[Annotation] = []  # made here, not through a LayerBuilder: one call per word is the cost
    add = made.append
    for s_index, sentence in enumerate(sentences, 1):
        words = sentence if isinstance(sentence, ParsedWords) else sentence.columns()
        size = len(words.forms)
        if not size:
            continue
        heads = words.heads
        if min(heads) < 0 or max(heads) > size:
            head, form = next((h, f) for h, f in zip(heads, words.forms, strict=True) if not 0 <= h <= size)
            raise ValueError(f"sentence {s_index}: the head {head} of {form!r} is outside the sentence")
        prefix = f"{name}-s{s_index}-"
        add(Sentence(source=text, start=words.starts[0], end=words.ends[-1], id=prefix[:-1]))
        ids = [f"{prefix}w{n}" for n in range(1, size + 1)]
        made += _make_words(text, words, ids, [ids[head - 1] if head else None for head in heads])
        for number, first, stop in words.tokens:
            # after its words, as the layer keeps them (annotations of one span in the order made)
            add(
                Token(
                    source=text,
                    start=words.starts[first],
                    end=words.ends[first],
                    id=f"{prefix}t{number}",
                    words=tuple(ids[first:stop]),
                )
            )
    for e_index, entity in enumerate(entities, 1):
        add(
            NamedEntity(
                source=text, start=entity.start, end=entity.end, id=f"{name}-e{e_index}", label=entity.label
            )
        )
    return Layer(name, producer, made)
