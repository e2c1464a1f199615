"""Hypothesis strategies: awkward Unicode texts, spans on them, and whole annotated documents."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from ctannot import (
    Actor,
    Annotation,
    Document,
    Forum,
    Initiative,
    Participants,
    Provenance,
    Statement,
    Threat,
)

# -- texts -----------------------------------------------------------------------------------------

TRICKY = [
    "\u0301",  # combining acute accent, free-standing
    "\u0327",  # combining cedilla
    "e\u0301",  # é decomposed
    "E\u0301",
    "c\u0327",  # ç decomposed
    "é",
    "É",
    "ß",
    "İ",  # lowercases to two code points
    "ﬁ",  # ligature
    "\u00a0",  # no-break space
    "\u202f",  # narrow no-break space
    "\u2019",  # French apostrophe ’
    "\u2011",  # non-breaking hyphen
    "\r\n",
    "\n",
    "\t",
    "👍",
    "👍🏽",  # emoji with a skin-tone modifier
    "👩\u200d💻",  # ZWJ sequence
    "\ufeff",
    "«\u00a0",
    "\u00a0»",
    "Daech",
    "ISIS",
    "l’État islamique",
    " a déclaré ",
    " said ",
    "M.",
    " ",
    ".",
    ",",
    '"',
]

_chunks = st.one_of(st.text(max_size=6), st.sampled_from(TRICKY))

texts = st.one_of(
    st.text(),
    st.lists(_chunks, max_size=25).map("".join),
)
"""Any Unicode text (no surrogates), often with combining marks, emoji, NBSP, ’ and CRLF."""

non_empty_texts = st.one_of(
    st.text(min_size=1),
    st.lists(_chunks, min_size=1, max_size=25).map("".join).filter(bool),
)


@st.composite
def spans(draw: st.DrawFn, text: str) -> tuple[int, int]:
    """A valid span of ``text``: ``0 <= start < end <= len(text)`` (``text`` must not be empty)."""
    start = draw(st.integers(0, len(text) - 1))
    end = draw(st.integers(start + 1, len(text)))
    return start, end


@st.composite
def text_and_span(draw: st.DrawFn) -> tuple[str, int, int]:
    text = draw(non_empty_texts)
    start, end = draw(spans(text))
    return text, start, end


@st.composite
def invalid_spans(draw: st.DrawFn, text: str) -> tuple[int, int]:
    """A span that is not a non-empty span inside ``text``."""
    n = len(text)
    kind = draw(st.sampled_from(["empty", "reversed", "negative", "beyond"]))
    if kind == "empty":
        start = draw(st.integers(-3, n + 3))
        return start, start
    if kind == "reversed":
        end = draw(st.integers(-3, n + 3))
        return draw(st.integers(end + 1, end + 10)), end
    if kind == "negative":
        start = draw(st.integers(-(10**6), -1))
        return start, draw(st.integers(start + 1, max(start + 1, n)))
    start = draw(st.integers(0, n + 5))
    return start, draw(st.integers(max(start + 1, n + 1), n + 1000))


# -- attribute values ------------------------------------------------------------------------------

short_text = st.text(max_size=12)
opt_text = st.none() | short_text
wikidata_ids = st.none() | st.integers(1, 10**8).map(lambda n: f"Q{n}")
ids = st.text(min_size=1, max_size=10)
"""Annotation, layer and document ids: any non-empty Unicode, spaces, '#', '/' and '%' included."""

json_scalars = (
    st.none()
    | st.booleans()
    | st.integers(-(10**12), 10**12)
    | st.floats(allow_nan=False, allow_infinity=False, width=32)
    | short_text
)
json_values = st.recursive(
    json_scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(short_text, inner, max_size=3),
    max_leaves=8,
)
metadata = st.dictionaries(st.text(min_size=1, max_size=8), json_values, max_size=4)

participants = st.none() | st.builds(
    Participants,
    people=st.none() | st.integers(0, 10**6),
    states=st.none() | st.integers(0, 300),
    organisations=st.none() | st.integers(0, 300),
)

TYPES: tuple[type[Annotation], ...] = (Actor, Forum, Threat, Initiative, Statement)


def _attributes(
    draw: st.DrawFn, cls: type[Annotation], actors: list[str], forums: list[str]
) -> dict[str, Any]:
    """Attributes of ``cls``, references drawn among the document's Actor and Forum ids."""
    actor_ref = st.sampled_from(actors) if actors else st.nothing()
    some_actors = st.lists(actor_ref, max_size=3).map(tuple) if actors else st.just(())
    values: dict[str, Any] = {"entity": draw(st.none() | short_text)}
    if cls is Actor:
        values |= {
            "kind": draw(st.none() | st.sampled_from(Actor.KINDS)),
            "name": draw(opt_text),
            "role": draw(opt_text),
            "wikidata": draw(wikidata_ids),
        }
    elif cls is Forum:
        values |= {
            "kind": draw(st.none() | st.sampled_from(Forum.KINDS)),
            "canonical": draw(opt_text),
            "acronym": draw(opt_text),
            "wikidata": draw(wikidata_ids),
            "date": draw(opt_text),
            "place": draw(opt_text),
            "participants": draw(participants),
            "chairs": draw(some_actors),
        }
    elif cls is Threat:
        values |= {
            "category": draw(st.none() | st.sampled_from(Threat.CATEGORIES)),
            "canonical": draw(opt_text),
            "wikidata": draw(wikidata_ids),
        }
    elif cls is Initiative:
        values |= {
            "launched_by": draw(some_actors),
            "date": draw(opt_text),
            "place": draw(opt_text),
            "forum": draw(st.none() | st.sampled_from(forums)) if forums else None,
            "goal": draw(opt_text),
        }
    elif cls is Statement:  # an Actor speaks, or a Forum as a body, or a group named by a phrase
        speakers = actors + forums
        speaker = draw(st.none() | st.sampled_from(speakers)) if speakers else None
        values |= {
            "speaker": speaker,
            "speaker_name": draw(opt_text) if speaker is None else None,
            "cue": draw(opt_text),
            "mode": draw(st.none() | st.sampled_from(Statement.MODES)),
        }
    return values


producers = st.builds(Provenance, st.text(min_size=1, max_size=10), st.text(min_size=1, max_size=6))


@st.composite
def documents(draw: st.DrawFn, max_annotations: int = 12, text: str | None = None) -> Document:
    """A valid document: layers of all five types, attributes set, references resolvable.

    Launchers and chairs are Actor ids of the document, ``forum`` a Forum id and speakers the
    id of an Actor or a Forum, in any layer (references cross layers). Some layers may be empty.
    """
    if text is None:
        text = draw(texts)
    doc = Document(draw(ids), text, draw(st.none() | st.sampled_from(["fr", "en", "de"])), draw(metadata))
    n_layers = draw(st.integers(0, 3))
    layer_names = draw(st.lists(ids, min_size=n_layers, max_size=n_layers, unique=True))
    builders = [doc.new_layer(name, draw(producers)) for name in layer_names]
    if builders and text:
        kinds = draw(st.lists(st.sampled_from(TYPES), max_size=max_annotations))
        ann_ids = draw(st.lists(ids, min_size=len(kinds), max_size=len(kinds), unique=True))
        actors = [i for i, k in zip(ann_ids, kinds, strict=True) if k is Actor]
        forums = [i for i, k in zip(ann_ids, kinds, strict=True) if k is Forum]
        for cls, ann_id in zip(kinds, ann_ids, strict=True):
            start, end = draw(spans(text))
            builder = draw(st.sampled_from(builders))
            builder.add(cls, start, end, id=ann_id, **_attributes(draw, cls, actors, forums))
    return Document(doc.id, doc.text, doc.lang, doc.metadata, [b.build() for b in builders])
