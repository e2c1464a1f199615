"""The document model: an immutable text and standoff annotations on it, grouped in layers.

A :class:`Document` owns its text. Annotations are cheap views on it: a start and end in Unicode
code points (Python ``str`` indices) into the text exactly as read, never normalised. Every
annotation lives in a :class:`Layer`, and every layer records the extractor that made it
(:class:`Provenance`). References between annotations (a Statement's speaker, an Initiative's
launchers) are annotation ids, resolved through the document.
"""

from __future__ import annotations

import itertools
import operator
import types
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar, overload

import attrs
from attrs import field, frozen

if TYPE_CHECKING:
    from ctannot.vocabulary import Vocabulary

__all__ = [
    "Annotation",
    "AnnotationError",
    "Document",
    "Layer",
    "LayerBuilder",
    "Provenance",
    "attribute_fields",
    "ref_field",
    "refs_field",
]

A = TypeVar("A", bound="Annotation")


class AnnotationError(ValueError):
    """An annotation, layer or document breaks an invariant of the model."""


def _freeze_mapping(value: Mapping[str, Any] | None) -> Mapping[str, Any]:
    return types.MappingProxyType(dict(value or {}))


def _to_ids(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


def _to_layers(value: Iterable[Layer]) -> tuple[Layer, ...]:
    return tuple(value)


# Validators run for every annotation made: each lets the values that obviously pass through at
# once (a str where a str is wanted) and hands the others to the attrs validator it stands for,
# which accepts or rejects them, with its own message, exactly as it would have on its own.

_STR = attrs.validators.instance_of(str)
_STR_OR_NONE = attrs.validators.optional(_STR)
_STRS = attrs.validators.deep_iterable(_STR)
_NON_EMPTY: Callable[[Any, attrs.Attribute[Any], Any], Any] = attrs.validators.min_len(1)


def optional_str(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """``attrs.validators.optional(attrs.validators.instance_of(str))``, faster."""
    if value is not None and type(value) is not str:
        _STR_OR_NONE(instance, attribute, value)


def optional_choice(*choices: str) -> Callable[[Any, attrs.Attribute[Any], Any], None]:
    """``attrs.validators.optional(attrs.validators.in_(choices))``, faster."""
    slow = attrs.validators.optional(attrs.validators.in_(choices))
    allowed = frozenset(choices)

    def check(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if value is not None and not (type(value) is str and value in allowed):
            slow(instance, attribute, value)

    return check


def _strings(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if type(value) is tuple:
        for v in value:  # a loop, not all(...): no generator made for each annotation
            if type(v) is not str:
                break
        else:
            return
    _STRS(instance, attribute, value)


def required_str(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """``attrs.validators.instance_of(str)``, faster."""
    if type(value) is not str:
        _STR(instance, attribute, value)


def _non_empty(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not (type(value) is str and value):
        _NON_EMPTY(instance, attribute, value)


def ref_field(*targets: str, **kwargs: Any) -> Any:
    """An attribute holding the id of another annotation (of one of the ``targets`` types), or None."""
    return field(
        default=None,
        metadata={"ref": targets},
        validator=optional_str,
        **kwargs,
    )


def refs_field(*targets: str, **kwargs: Any) -> Any:
    """An attribute holding a tuple of ids of annotations of the ``targets`` types."""
    return field(
        default=(),
        converter=_to_ids,
        metadata={"ref": targets},
        validator=_strings,
        **kwargs,
    )


@frozen
class Provenance:
    """Which extractor made a layer: its registered name and its version."""

    name: str = field(validator=attrs.validators.min_len(1))
    version: str = field(validator=attrs.validators.min_len(1))

    def __str__(self) -> str:
        return f"{self.name} {self.version}"


def _check_end(instance: Annotation, attribute: attrs.Attribute[int], end: int) -> None:
    start, size = instance.start, len(instance.source)
    if not (isinstance(start, int) and isinstance(end, int)):
        raise AnnotationError(f"{type(instance).__name__} offsets must be integers: {start!r}, {end!r}")
    if not 0 <= start < end <= size:
        raise AnnotationError(
            f"{type(instance).__name__} span [{start}, {end}) is not a non-empty span "
            f"inside a text of {size} code points"
        )


@frozen(kw_only=True)
class Annotation:
    """A typed span of a document's text; the base of every annotation type.

    Subclass it with ``@attrs.frozen(kw_only=True)`` and a ``type_name`` to add a type of your
    own; register the class with the ``register_annotation_types`` hook so that importers know it.
    Attributes declared with :func:`ref_field` or :func:`refs_field` are references to other
    annotations of the same document, by id.
    """

    type_name: ClassVar[str] = "Annotation"
    vocabulary: ClassVar[Vocabulary | None] = None
    """A plugin's own RDF namespace for this type and its attributes (None: ctannot's vocabulary)."""
    colour: ClassVar[str | None] = None
    """How ``ctannot render`` and ``report`` draw this type: ``#rrggbb`` (None, or anything else:
    the built-in palette for the built-in types, a fallback colour for the others)."""

    source: str = field(eq=False, repr=False)
    start: int
    end: int = field(validator=_check_end)
    id: str = field(validator=_non_empty)
    entity: str | None = None
    """Identity across mentions: annotations of one document with the same entity are one thing."""

    @property
    def text(self) -> str:
        """The annotated text, exactly as it stands in the document."""
        return self.source[self.start : self.end]

    @property
    def attributes(self) -> dict[str, Any]:
        """The type's own attributes (everything but the span, id and source), as a dict."""
        return {name: getattr(self, name) for name in attribute_fields(type(self))}

    def references(self) -> Iterator[tuple[str, tuple[str, ...], str]]:
        """Yield ``(attribute, allowed target types, annotation id)`` for every reference it holds."""
        for name, targets in _reference_fields(type(self)):
            value = getattr(self, name)
            for ref in value if isinstance(value, tuple) else (value,):
                if ref is not None:
                    yield name, targets, ref


_SPAN_FIELDS = frozenset({"source", "start", "end", "id"})
_ATTRIBUTE_FIELDS: dict[type[Any], dict[str, attrs.Attribute[Any]]] = {}


def attribute_fields(cls: type[Any]) -> dict[str, attrs.Attribute[Any]]:
    """The fields of an annotation class but its span, id and source (``entity`` included), by
    name, in declaration order (cached: do not change the dict)."""
    found = _ATTRIBUTE_FIELDS.get(cls)
    if found is None:
        found = {a.name: a for a in attrs.fields(cls) if a.name not in _SPAN_FIELDS}
        _ATTRIBUTE_FIELDS[cls] = found
    return found


_REFERENCE_FIELDS: dict[type[Any], tuple[tuple[str, tuple[str, ...]], ...]] = {}


def _reference_fields(cls: type[Any]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The reference attributes of an annotation class, and the types they may point to (cached)."""
    found = _REFERENCE_FIELDS.get(cls)
    if found is None:
        found = tuple((a.name, a.metadata["ref"]) for a in attrs.fields(cls) if "ref" in a.metadata)
        _REFERENCE_FIELDS[cls] = found
    return found


def _sorted_annotations(items: Iterable[Annotation]) -> tuple[Annotation, ...]:
    return tuple(sorted(items, key=lambda a: (a.start, a.end)))


@frozen
class Layer:
    """A named group of annotations made by one extractor, in text order."""

    name: str = field(validator=attrs.validators.min_len(1))
    producer: Provenance
    annotations: tuple[Annotation, ...] = field(default=(), converter=_sorted_annotations)

    def __iter__(self) -> Iterator[Annotation]:
        return iter(self.annotations)

    def __len__(self) -> int:
        return len(self.annotations)


def _refers(cls: type[Any]) -> bool:
    """Whether annotations of ``cls`` may hold references (else ``references()`` yields none)."""
    found = _REFERS.get(cls)
    if found is None:
        found = _REFERS[cls] = bool(_reference_fields(cls)) or cls.references is not Annotation.references
    return found


_REFERS: dict[type[Any], bool] = {}


_CHECKED: ContextVar[Document | None] = ContextVar("checked_layers", default=None)
"""A document whose layers are checked (set by :meth:`Document.with_layers`): a document made of
its layers and more needs only the new ones checked, against the ids of the others."""


def _check_layers(document: Document, attribute: attrs.Attribute[Any], layers: tuple[Layer, ...]) -> None:
    names: set[str] = set()
    by_id: dict[str, Annotation] = {}
    text = document.text
    referring: list[tuple[Layer, Annotation]] = []
    checked = _CHECKED.get()
    if checked is not None and checked.text is text and _starts_with(layers, checked.layers):
        # the checked layers hold their ids once and their references resolve among themselves,
        # so they still do with more layers: only the new ones are checked, against them all
        names.update(layer.name for layer in checked.layers)
        by_id = dict(checked._index())  # a copy: the checked document's own index stays its own
        layers = layers[len(checked.layers) :]
    for layer in layers:
        if layer.name in names:
            raise AnnotationError(f"document {document.id!r} has two layers named {layer.name!r}")
        names.add(layer.name)
        for ann in layer.annotations:
            if ann.source is not text and ann.source != text:
                raise AnnotationError(
                    f"annotation {ann.id!r} of layer {layer.name!r} is on another text "
                    f"than document {document.id!r}"
                )
            if ann.id in by_id:
                raise AnnotationError(f"document {document.id!r} has two annotations with id {ann.id!r}")
            by_id[ann.id] = ann
            if _refers(type(ann)):
                referring.append((layer, ann))
    # every id is now known: the document keeps them as its index (get() would make the same)
    object.__setattr__(document, "_by_id", by_id)
    if _all_resolve(referring, by_id):
        return  # else the loop below finds the first reference that does not, and says which
    for layer, ann in referring:
        for name, targets, ref in ann.references():
            found = by_id.get(ref)
            if found is None:
                raise AnnotationError(
                    f"{ann.type_name} {ann.id!r} in layer {layer.name!r}: {name} refers to "
                    f"{ref!r}, which is not an annotation of document {document.id!r}"
                )
            if found.type_name not in targets:
                raise AnnotationError(
                    f"{ann.type_name} {ann.id!r} in layer {layer.name!r}: {name} must refer to "
                    f"{' or '.join(targets)}, but {ref!r} is {found.type_name}"
                )


def _all_resolve(referring: list[tuple[Layer, Annotation]], by_id: dict[str, Annotation]) -> bool:
    """Whether every reference the annotations of ``referring`` hold is the id of an annotation of
    ``by_id`` of a type it may refer to (False also where a class has its own ``references``).

    Read a column at a time, each class's annotations together: a parse's layer holds tens of
    thousands of Words, each with its head, and a generator of references for each Word was most
    of the time its layer took to be checked.
    """
    by_class: dict[type[Annotation], list[Annotation]] = {}
    for _, ann in referring:
        by_class.setdefault(type(ann), []).append(ann)
    get = by_id.get
    for cls, members in by_class.items():
        if cls.references is not Annotation.references:
            return False
        for name, targets in _reference_fields(cls):
            values = list(map(operator.attrgetter(name), members))
            if set(map(type, values)) <= {str, _NONE}:  # an id or None each: a Word's head
                refs = [value for value in values if value is not None]
            else:  # as references() reads them: a tuple's ids, or the value itself
                refs = []
                for value in values:
                    refs += value if isinstance(value, tuple) else (value,)
                refs = [ref for ref in refs if ref is not None]
            try:
                found = list(map(get, refs))
            except TypeError:  # an unhashable value: the loop says where (validators refuse it)
                return False
            if any(map(operator.is_, found, itertools.repeat(None))):
                return False
            if not set(map(_TYPE_NAME, found)) <= set(targets):
                return False
    return True


_TYPE_NAME = operator.attrgetter("type_name")
_NONE = type(None)


def _starts_with(layers: tuple[Layer, ...], prefix: tuple[Layer, ...]) -> bool:
    return len(layers) >= len(prefix) and all(a is b for a, b in zip(layers, prefix, strict=False))


@frozen(eq=True)
class Document:
    """A text to annotate, its language and metadata, and the layers of annotations made on it.

    Documents are immutable: :meth:`with_layer` returns a new document. Build annotations with
    :meth:`new_layer`, which hands out ids and ties them to this text.
    """

    id: str = field(
        validator=attrs.validators.and_(attrs.validators.instance_of(str), attrs.validators.min_len(1))
    )
    text: str = field(validator=attrs.validators.instance_of(str), repr=False)
    lang: str | None = None
    metadata: Mapping[str, Any] = field(factory=dict, converter=_freeze_mapping)
    layers: tuple[Layer, ...] = field(default=(), converter=_to_layers, validator=_check_layers)
    _by_id: dict[str, Annotation] | None = field(init=False, default=None, eq=False, repr=False)
    """The annotations by id, made at the first :meth:`get`: following every reference of a
    document one by one must not scan it each time (that was quadratic in ``show``)."""

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        # pickled (to a worker process) as its fields, the metadata as a plain dict
        return (Document, (self.id, self.text, self.lang, dict(self.metadata), self.layers))

    def __repr__(self) -> str:
        return (
            f"Document(id={self.id!r}, lang={self.lang!r}, {len(self.text)} code points, "
            f"layers={[layer.name for layer in self.layers]!r})"
        )

    @property
    def layer_names(self) -> tuple[str, ...]:
        return tuple(layer.name for layer in self.layers)

    def layer(self, name: str) -> Layer:
        """The layer called ``name``; ``KeyError`` naming the layers there are if it is absent."""
        for layer in self.layers:
            if layer.name == name:
                return layer
        raise KeyError(f"document {self.id!r} has no layer {name!r} (it has {list(self.layer_names)})")

    def with_layer(self, layer: Layer) -> Document:
        """A copy of this document with ``layer`` added after the others."""
        return self.with_layers([layer])

    def with_layers(self, layers: Iterable[Layer]) -> Document:
        """A copy of this document with ``layers`` added after the others. Only the new layers
        are checked (their ids, their text, their references), since this document's are."""
        token = _CHECKED.set(self)
        try:
            return attrs.evolve(self, layers=(*self.layers, *layers))
        finally:
            _CHECKED.reset(token)

    def without_layers(self) -> Document:
        return attrs.evolve(self, layers=())

    def new_layer(self, name: str, producer: Provenance) -> LayerBuilder:
        """Start a layer of annotations on this document's text."""
        return LayerBuilder(self, name, producer)

    @overload
    def annotations(self) -> Iterator[Annotation]: ...
    @overload
    def annotations(self, kind: type[A]) -> Iterator[A]: ...

    def annotations(self, kind: type[Annotation] = Annotation) -> Iterator[Annotation]:
        """Every annotation of every layer (only those of type ``kind`` if given), layer by layer."""
        for layer in self.layers:
            for ann in layer.annotations:
                if isinstance(ann, kind):
                    yield ann

    def get(self, annotation_id: str) -> Annotation:
        """The annotation with this id, from any layer."""
        found = self._index().get(annotation_id)
        if found is None:
            raise KeyError(f"document {self.id!r} has no annotation {annotation_id!r}")
        return found

    def _index(self) -> dict[str, Annotation]:
        by_id = self._by_id
        if by_id is None:  # made by the layers' check, unless validators were off
            by_id = {ann.id: ann for ann in self.annotations()}  # ids are unique: checked
            object.__setattr__(self, "_by_id", by_id)  # a cache, not a change: still immutable
        return by_id

    def resolve(self, ref: str | Iterable[str] | None) -> Any:
        """Follow a reference attribute: an id gives its annotation, a tuple of ids a tuple."""
        if ref is None:
            return None
        if isinstance(ref, str):
            return self.get(ref)
        return tuple(self.get(r) for r in ref)

    def _repr_html_(self) -> str | None:
        """The document drawn in a notebook, by the last of :data:`NOTEBOOK_VIEWS` (None, the
        plain ``repr``, if there is none)."""
        return NOTEBOOK_VIEWS[-1](self) if NOTEBOOK_VIEWS else None


NOTEBOOK_VIEWS: list[Callable[[Document], str]] = []
"""How a notebook draws a document as HTML. The views layer above adds its page fragment
(:func:`ctannot.views.render.to_html`) when it is imported, as ``import ctannot`` does: the
model itself never reaches up to the views."""


@attrs.define
class LayerBuilder:
    """Collects the annotations of one layer; ``build()`` freezes them into a :class:`Layer`."""

    document: Document
    name: str
    producer: Provenance
    _annotations: list[Annotation] = attrs.Factory(list)
    _next: int = 1

    def add(self, cls: type[A], start: int, end: int, /, **attributes: Any) -> A:
        """Create an annotation of type ``cls`` on ``[start, end)`` and add it to the layer."""
        annotation_id = attributes.pop("id", None) or f"{self.name}-{self._next}"
        self._next += 1
        ann = cls(source=self.document.text, start=start, end=end, id=annotation_id, **attributes)
        self._annotations.append(ann)
        return ann

    def __len__(self) -> int:
        return len(self._annotations)

    def build(self) -> Layer:
        return Layer(self.name, self.producer, self._annotations)
