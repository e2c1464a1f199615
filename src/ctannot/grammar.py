"""Extractors that read the linguistic layer: what a parse tells that patterns only guess.

``nlp.mentions`` is ``rules.mentions`` corrected by grammar: a country that a preposition of
place governs (``à Malte``, ``in Iraq``, ``dans le nord du Mali``) is a place, not an actor, and a
person the parser recognises is an actor even when no rule names them. It reads only the neutral
linguistic layer, so any NLP backend serves.
"""

from __future__ import annotations

from collections.abc import Iterable

from .annotations import Actor
from .linguistic import NamedEntity, Word
from .mentions import MentionsExtractor
from .model import Document
from .nlp import LINGUISTIC_LAYER
from .rules.matching import Match

__all__ = ["GrammarMentionsExtractor"]

PLACE_CASES = frozenset(
    [
        "à",
        "a",
        "au",
        "aux",
        "en",
        "dans",
        "vers",
        "depuis",
        "sur",
        "chez",
        "in",
        "at",
        "into",
        "from",
        "across",
        "throughout",
        "inside",
        "within",
        "near",
    ]
)
PLACE_RELATIONS = frozenset({"obl", "obl:mod", "obl:arg", "nmod", "obl:lmod", "advmod"})


class GrammarMentionsExtractor(MentionsExtractor):
    """``rules.mentions`` with grammar: countries as places dropped, parsed persons added."""

    def refine(self, document: Document, matches: list[Match]) -> list[Match]:
        if LINGUISTIC_LAYER not in document.layer_names:
            return matches
        layer = document.layer(LINGUISTIC_LAYER)
        words = [a for a in layer if isinstance(a, Word)]
        by_start: dict[int, list[Word]] = {}
        for w in words:
            by_start.setdefault(w.start, []).append(w)
        dependents: dict[str, list[Word]] = {}
        for w in words:
            if w.head is not None:
                dependents.setdefault(w.head, []).append(w)
        kept = [m for m in matches if not _is_place(m, by_start, dependents)]
        taken = [(m.start, m.end) for m in kept]
        for entity in _persons(layer.annotations):
            if not any(a < entity.end and entity.start < b for a, b in taken):
                kept.append(
                    Match(
                        Actor,
                        entity.start,
                        entity.end,
                        {"kind": "person", "name": entity.text},
                        "nlp/persons",
                    )
                )
        return sorted(kept, key=lambda m: (m.start, m.end))


def _is_place(m: Match, by_start: dict[int, list[Word]], dependents: dict[str, list[Word]]) -> bool:
    if m.type is not Actor or m.attributes.get("kind") != "state":
        return False
    for word in by_start.get(m.start, ()):
        if word.deprel not in PLACE_RELATIONS:
            continue
        cases = [d for d in dependents.get(word.id, ()) if d.deprel == "case"]
        if any((d.lemma or d.form).lower() in PLACE_CASES for d in cases):
            return True
    return False


def _persons(annotations: Iterable[object]) -> list[NamedEntity]:
    return [a for a in annotations if isinstance(a, NamedEntity) and a.label in ("PER", "PERSON")]
