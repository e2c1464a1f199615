"""A document's check that its references resolve, read a column at a time, against the loop
over each annotation's ``references()`` that it stands for (``ctannot.model._all_resolve``)."""

from __future__ import annotations

from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ctannot import Annotation, Document, Forum, Initiative, Provenance, Statement
from ctannot.model import AnnotationError, _all_resolve, _refers
from strategies import documents


def first_unresolved(referring: list[tuple[Any, Annotation]], by_id: dict[str, Annotation]) -> str | None:
    """What ``_check_layers`` did before: each reference of each annotation in turn, the first
    that is no annotation's id or is one of a type it may not refer to."""
    for _, ann in referring:
        for name, targets, ref in ann.references():
            found = by_id.get(ref)
            if found is None or found.type_name not in targets:
                return f"{ann.id}.{name} -> {ref}"
    return None


@st.composite
def referring(draw: st.DrawFn) -> tuple[list[tuple[Any, Annotation]], dict[str, Annotation]]:
    """The annotations of a generated document that hold references, and its annotations by id;
    one reference of one of them sometimes made to point to no annotation, or to one of another
    type, or to be of a value no validator lets through."""
    document = draw(documents())
    annotations = list(document.annotations())
    by_id = {a.id: a for a in annotations}
    holding = [a for a in annotations if _refers(type(a))]
    corrupt = draw(st.booleans())
    if holding and corrupt:
        victim = draw(st.sampled_from(holding))
        wrong = draw(st.sampled_from(["nobody", *by_id, 3, ("x", None)]))
        field = {Forum: "chairs", Initiative: draw(st.sampled_from(["launched_by", "forum"]))}.get(
            type(victim), "speaker"
        )
        current = getattr(victim, field)
        if isinstance(current, tuple) and not isinstance(wrong, tuple):
            wrong = (*current, wrong)
        changed = attrs.evolve(victim)
        object.__setattr__(changed, field, wrong)  # past the validators: what a plugin might make
        holding = [changed if a is victim else a for a in holding]
        by_id[victim.id] = changed
    return [(None, a) for a in holding], by_id


@given(referring())
def test_references_read_by_column_resolve_when_each_one_does(
    made: tuple[list[tuple[Any, Annotation]], dict[str, Annotation]],
) -> None:
    referring, by_id = made
    assert _all_resolve(referring, by_id) == (first_unresolved(referring, by_id) is None)


def test_a_reference_that_does_not_resolve_is_still_named() -> None:
    document = Document("d", "Le GCTF a dit.", "fr")
    builder = document.new_layer("speech", Provenance("test", "1.0"))
    builder.add(Statement, 0, 7, speaker="missing")
    with pytest.raises(AnnotationError, match="speaker refers to 'missing'"):
        document.with_layer(builder.build())
