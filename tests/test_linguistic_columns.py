"""The linguistic layer's Words made from a sentence's columns at once, against ``Word(...)`` for each.

``build_layer`` checks a sentence's columns once and then sets each Word's fields without running
its validators (:func:`ctannot.nlp.linguistic._make_words`); these tests compare that with the
constructor it stands for, on columns that pass and on columns that do not.
"""

from __future__ import annotations

from typing import Any

import attrs
from hypothesis import given
from hypothesis import strategies as st

from ctannot import Document, Provenance
from ctannot.nlp.linguistic import ParsedWords, Word, _make_words, build_layer

PARSER = Provenance("nlp.test", "1.0")


def by_constructor(text: str, words: ParsedWords, ids: list[str], heads: list[str | None]) -> list[Word]:
    """What ``build_layer`` did before: one ``Word(...)`` for each word, its validators run."""
    return [
        Word(
            source=text,
            start=start,
            end=end,
            id=word_id,
            form=form,
            lemma=lemma,
            upos=upos,
            feats=feats,
            head=head,
            deprel=deprel,
        )
        for start, end, word_id, form, lemma, upos, feats, head, deprel in zip(
            words.starts,
            words.ends,
            ids,
            words.forms,
            words.lemmas,
            words.upos,
            words.feats,
            heads,
            words.deprels,
            strict=True,
        )
    ]


def outcome(make: Any, *args: Any) -> Any:
    """The Words made, each as its type, its fields and whether its source is the text; or the
    exception raised, as its type and message."""
    try:
        made = make(*args)
    except Exception as exc:  # the same refusal, or a test failure
        return type(exc), str(exc)
    return [(type(w), attrs.astuple(w, recurse=False)[1:], w.source is args[0]) for w in made]


_OFFSET = st.one_of(st.integers(-2, 30), st.sampled_from([True, 1.0, "3", None]))
_NAME = st.one_of(st.none(), st.text(max_size=3), st.sampled_from([1, b"x", ("a",)]))


@st.composite
def columns(draw: st.DrawFn) -> tuple[str, ParsedWords, list[str], list[str | None]]:
    """A text and a sentence's columns over it: mostly valid, sometimes a value that a validator
    refuses (an offset outside the text or not an int, an empty span, a form that is not a
    ``str``...) or a column of another length."""
    text = draw(st.text(min_size=1, max_size=25))
    size = draw(st.integers(1, 6))
    valid = draw(st.booleans())
    starts: list[Any] = []
    ends: list[Any] = []
    for _ in range(size):
        if valid:
            start = draw(st.integers(0, len(text) - 1))
            starts.append(start)
            ends.append(draw(st.integers(start + 1, len(text))))
        else:
            starts.append(draw(_OFFSET))
            ends.append(draw(_OFFSET))
    forms: list[Any] = draw(st.lists(st.text(max_size=4) if valid else _NAME, min_size=size, max_size=size))
    others: list[list[Any]] = [
        draw(
            st.lists(
                st.one_of(st.none(), st.text(max_size=4)) if valid else _NAME, min_size=size, max_size=size
            )
        )
        for _ in range(4)
    ]
    if not valid and draw(st.booleans()):
        column = draw(st.sampled_from([starts, ends, forms, *others]))
        column.append(column[0]) if draw(st.booleans()) else column.pop()
    lemmas, upos, feats, deprels = others
    heads = [f"w{draw(st.integers(1, size))}" if draw(st.booleans()) else None for _ in range(size)]
    ids = [f"s1-w{n}" for n in range(1, size + 1)]
    return text, ParsedWords(starts, ends, forms, lemmas, upos, feats, [0] * size, deprels), ids, heads


def test_words_are_made_without_their_constructor() -> None:
    # on for Word as it is: a field added to Word or Annotation turns it off (and this test asks
    # whether _make_words should learn it)
    from ctannot.nlp import linguistic

    assert linguistic._FAST_WORDS


@given(columns())
def test_words_made_at_once_are_those_the_constructor_makes(
    made: tuple[str, ParsedWords, list[str], list[str | None]],
) -> None:
    assert outcome(_make_words, *made) == outcome(by_constructor, *made)


def test_the_layer_holds_the_same_words_either_way() -> None:
    text = "Le ministre du Maroc a parlé."
    document = Document("d", text, "fr")
    words = ParsedWords(
        [0, 3, 12, 12, 15, 21, 23, 28],
        [2, 11, 14, 14, 20, 22, 28, 29],
        ["Le", "ministre", "de", "le", "Maroc", "a", "parlé", "."],
        ["le", "ministre", "de", "le", "Maroc", "avoir", "parler", "."],
        ["DET", "NOUN", "ADP", "DET", "PROPN", "AUX", "VERB", "PUNCT"],
        [None, "Gender=Masc", None, None, None, None, "VerbForm=Part", None],
        [2, 7, 5, 5, 2, 7, 0, 7],
        ["det", "nsubj", "case", "det", "nmod", "aux", "root", "punct"],
        [(3, 2, 4)],
    )
    layer = build_layer(document, [words], [], PARSER)
    made = [a for a in layer.annotations if isinstance(a, Word)]
    ids = [w.id for w in made]
    heads = [ids[h - 1] if h else None for h in words.heads]
    assert [attrs.astuple(w, recurse=False) for w in made] == [
        attrs.astuple(w, recurse=False) for w in by_constructor(text, words, ids, heads)
    ]
    subject = document.with_layer(layer).get("linguistic-s1-w2")
    assert isinstance(subject, Word)
    assert subject.head == "linguistic-s1-w7"
