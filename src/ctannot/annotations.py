"""The annotation types of the mission (GUIDELINES.md): Initiative, Forum, Threat, Statement, Actor.

Each is an :class:`~ctannot.model.Annotation` with the attributes the guidelines define. Values
are plain data (strings, numbers, tuples) so that every type serialises without custom code;
references to other annotations are ids (see :func:`~ctannot.model.ref_field`).
"""

from __future__ import annotations

from typing import Any, ClassVar

import attrs
from attrs import field, frozen

from ctannot.model import Annotation, AnnotationError, optional_choice, optional_str, ref_field, refs_field

__all__ = ["BUILTIN_TYPES", "Actor", "Forum", "Initiative", "Participants", "Statement", "Threat"]

_opt_str = optional_str
_one_of = optional_choice


@frozen(kw_only=True)
class Actor(Annotation):
    """A person, state, government body or organisation that acts or speaks."""

    type_name: ClassVar[str] = "Actor"
    KINDS: ClassVar[tuple[str, ...]] = ("person", "state", "organisation")

    kind: str | None = field(default=None, validator=_one_of(*KINDS))
    name: str | None = field(default=None, validator=_opt_str)
    """Canonical full name, when the text or a gazetteer gives it."""
    role: str | None = field(default=None, validator=_opt_str)
    """Title phrase, e.g. ``ministre néerlandais des Affaires étrangères``."""
    wikidata: str | None = field(default=None, validator=_opt_str)


@frozen
class Participants:
    """Head counts of a Forum, as stated: people, states, organisations."""

    people: int | None = None
    states: int | None = None
    organisations: int | None = None


def _to_participants(value: Participants | dict[str, int] | None) -> Participants | None:
    if value is None or isinstance(value, Participants):
        return value
    return Participants(**value)


@frozen(kw_only=True)
class Forum(Annotation):
    """A multilateral body or meeting where states or organisations convene on terrorism."""

    type_name: ClassVar[str] = "Forum"
    KINDS: ClassVar[tuple[str, ...]] = ("organisation", "meeting")

    kind: str | None = field(default=None, validator=_one_of(*KINDS))
    canonical: str | None = field(default=None, validator=_opt_str)
    acronym: str | None = field(default=None, validator=_opt_str)
    wikidata: str | None = field(default=None, validator=_opt_str)
    date: str | None = field(default=None, validator=_opt_str)
    """ISO 8601 when the text allows, else the date phrase as written."""
    place: str | None = field(default=None, validator=_opt_str)
    participants: Participants | None = field(
        default=None, converter=_to_participants, metadata={"nested": Participants}
    )
    chairs: tuple[str, ...] = refs_field("Actor")


@frozen(kw_only=True)
class Threat(Annotation):
    """A terrorist or violent-extremist group or movement, or a named category of threat."""

    type_name: ClassVar[str] = "Threat"
    CATEGORIES: ClassVar[tuple[str, ...]] = (
        "group",
        "ideology",
        "actor_type",
        "modality",
        "financing",
        "radicalisation",
    )

    category: str | None = field(default=None, validator=_one_of(*CATEGORIES))
    canonical: str | None = field(default=None, validator=_opt_str)
    wikidata: str | None = field(default=None, validator=_opt_str)


@frozen(kw_only=True)
class Initiative(Annotation):
    """A programme, plan, strategy, cell, fund... that actors launch, adopt or run."""

    type_name: ClassVar[str] = "Initiative"

    launched_by: tuple[str, ...] = refs_field("Actor")
    date: str | None = field(default=None, validator=_opt_str)
    place: str | None = field(default=None, validator=_opt_str)
    forum: str | None = ref_field("Forum")
    goal: str | None = field(default=None, validator=_opt_str)


def _named_instead(reference: str) -> Any:
    """A validator: the attribute names what the reference ``reference`` would point to, so
    that at most one of the two is set."""

    def check(instance: Any, attribute: attrs.Attribute[Any], value: str | None) -> None:
        if value is not None and getattr(instance, reference) is not None:
            raise AnnotationError(
                f"{type(instance).__name__} has both a {reference} and a {attribute.name}: "
                f"{attribute.name} names who the text names where no annotation does"
            )

    return check


@frozen(kw_only=True)
class Statement(Annotation):
    """Reported speech: the content of a quote or of indirect speech, with its speaker."""

    type_name: ClassVar[str] = "Statement"
    MODES: ClassVar[tuple[str, ...]] = ("direct", "indirect", "mixed")

    speaker: str | None = ref_field("Actor", "Forum")
    """The Actor that speaks, or the Forum when a body speaks as one (``le GAFI relève que``)."""
    speaker_name: str | None = field(
        default=None, validator=[_opt_str, _named_instead("speaker")], metadata={"names": "speaker"}
    )
    """Who speaks, as the text names them, where no annotation does: a group that is no Actor
    (``les ministres de six pays du Sahel ont appelé ...``). Never beside a ``speaker``."""
    cue: str | None = field(default=None, validator=_opt_str)
    """Lemma of the speech verb or marker: déclarer, selon, say..."""
    mode: str | None = field(default=None, validator=_one_of(*MODES))


BUILTIN_TYPES: tuple[type[Annotation], ...] = (Initiative, Forum, Threat, Statement, Actor)
