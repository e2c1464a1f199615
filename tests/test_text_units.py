"""Sentences of a whole text, kept for the extractors of a batch: the same as split anew, and
the texts kept bounded by their size, not by how many there are."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from ctannot.extractors.text_units import _KeptSentences, _sentences, sentences

texts = st.text(alphabet=st.sampled_from(list('ab .!?«»"\n,é')), max_size=200)


@given(texts)
def test_the_kept_sentences_are_those_split_anew(text: str) -> None:
    assert list(sentences(text)) == list(_sentences(text, 0, None))
    assert list(sentences(text)) == list(_sentences(text, 0, None))  # the second time, kept


def test_the_kept_texts_are_bounded_by_their_size() -> None:
    kept = _KeptSentences(limit=100)
    batch = [f"Phrase {n}. Une autre {n}." for n in range(40)]  # 20 code points or so each
    for text in batch:
        assert kept(text) == tuple(_sentences(text, 0, None))
    assert sum(len(t) for t in kept._kept) <= 100
    assert batch[-1] in kept._kept  # the newest stay
    assert batch[0] not in kept._kept
    long = "x" * 500 + "."
    assert kept(long) == ((0, 501),)  # one text longer than the bound is still kept, alone
    assert list(kept._kept) == [long]
