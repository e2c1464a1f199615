"""A document's dependency parse, indexed for the questions extractors ask of it.

:class:`Parse` reads the neutral ``linguistic`` layer (whatever backend made it) and answers:
which words lie on these offsets, which word heads a span, what depends on a word, what a
word's phrase covers, and the features of a word.
"""

from __future__ import annotations

import bisect
from collections.abc import Collection, Iterable, Iterator

import attrs

from ctannot.model import Document
from ctannot.nlp import LINGUISTIC_LAYER
from ctannot.nlp.linguistic import NamedEntity, Word

__all__ = ["CLAUSAL", "Parse", "feature"]

CLAUSAL = frozenset({"acl", "acl:relcl", "advcl", "ccomp", "parataxis", "conj", "cc", "punct", "xcomp"})
"""Relations whose dependents are clauses or coordinated phrases, not part of a noun phrase's name."""


def feature(word: Word, name: str) -> str | None:
    """The value of the morphological feature ``name`` of ``word`` (``Gender``: ``Fem``...)."""
    for feat in (word.feats or "").split("|"):
        key, _, value = feat.partition("=")
        if key == name:
            return value
    return None


def _related(word: Word, relations: Collection[str]) -> bool:
    """Whether ``word`` depends on its head by one of ``relations``, or a subtype of one
    (``nsubj`` covers ``nsubj:pass``)."""
    return word.deprel in relations or (word.deprel or "").split(":")[0] in relations


@attrs.define
class Parse:
    """The words and entities of one document's linguistic layer, with their dependencies."""

    words: list[Word]
    """In text order (the words of a multi-word token share its span), as their layer keeps them."""
    entities: list[NamedEntity]
    _starts: list[int] = attrs.field(init=False)
    _by_id: dict[str, Word] = attrs.field(init=False)
    _children: dict[str, list[Word]] = attrs.field(init=False)

    def __attrs_post_init__(self) -> None:
        self._starts = [w.start for w in self.words]
        self._by_id = {w.id: w for w in self.words}
        self._children = {}
        for w in self.words:
            if w.head is not None:
                self._children.setdefault(w.head, []).append(w)

    @classmethod
    def of(cls, document: Document) -> Parse | None:
        """The parse of ``document``, or ``None`` when it has no linguistic layer."""
        if LINGUISTIC_LAYER not in document.layer_names:
            return None
        annotations = document.layer(LINGUISTIC_LAYER).annotations
        return cls(
            [a for a in annotations if isinstance(a, Word)],
            [a for a in annotations if isinstance(a, NamedEntity)],
        )

    def within(self, start: int, end: int) -> list[Word]:
        """The words whose token overlaps ``[start, end)``, in text order."""
        i = bisect.bisect_left(self._starts, start)
        while i > 0 and self.words[i - 1].end > start:
            i -= 1
        out = []
        while i < len(self.words) and self.words[i].start < end:
            if self.words[i].end > start:
                out.append(self.words[i])
            i += 1
        return out

    def head_of(self, start: int, end: int) -> Word | None:
        """The word of ``[start, end)`` whose head lies outside it: the span's syntactic head."""
        inside = self.within(start, end)
        ids = {w.id for w in inside}
        for w in inside:
            if w.head not in ids:
                return w
        return inside[0] if inside else None

    def head(self, word: Word) -> Word | None:
        return self._by_id.get(word.head) if word.head is not None else None

    def children(self, word: Word, *relations: str) -> list[Word]:
        """The dependents of ``word`` (with one of ``relations``, if given), in text order."""
        kids = self._children.get(word.id, [])
        return [k for k in kids if _related(k, relations)] if relations else kids

    def phrase(self, word: Word, leave_out: Iterable[str] = CLAUSAL) -> list[Word]:
        """``word`` and what depends on it, recursively, except dependents by ``leave_out``."""
        skip = frozenset(leave_out)
        out = [word]
        stack = [word]
        while stack:
            for kid in self._children.get(stack.pop().id, ()):
                if not _related(kid, skip):
                    out.append(kid)
                    stack.append(kid)
        return sorted(out, key=lambda w: w.start)

    def ancestors(self, word: Word) -> Iterator[Word]:
        seen = {word.id}
        head = self.head(word)
        while head is not None and head.id not in seen:
            yield head
            seen.add(head.id)
            head = self.head(head)

    def entity_at(self, word: Word) -> NamedEntity | None:
        return next((e for e in self.entities if e.start <= word.start and word.end <= e.end), None)
