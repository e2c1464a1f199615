"""The document model: spans, layers, documents, references, immutability, user-defined types."""

from __future__ import annotations

from typing import ClassVar

import attrs
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from ctannot import (
    Actor,
    Annotation,
    AnnotationError,
    Document,
    Forum,
    Initiative,
    Layer,
    Provenance,
    Statement,
    Threat,
    ref_field,
)
from ctannot.annotations import BUILTIN_TYPES
from ctannot.formats import FormatError
from ctannot.formats.web_annotation import dumps, loads
from strategies import TYPES, documents, invalid_spans, non_empty_texts, spans, text_and_span

PROD = Provenance("test.extractor", "1.0")
TEXT = "Le ministre a déclaré : « Daech reste une menace », selon le GCTF."


def builtin_types() -> dict[str, type[Annotation]]:
    return {cls.type_name: cls for cls in BUILTIN_TYPES}


# -- spans -----------------------------------------------------------------------------------------


@settings(max_examples=200)
@given(text_and_span(), st.sampled_from(TYPES))
def test_annotation_text_is_the_slice_of_its_span(case: tuple[str, int, int], cls: type[Annotation]) -> None:
    text, start, end = case
    ann = cls(source=text, start=start, end=end, id="a1")
    assert ann.text == text[start:end]
    assert (ann.start, ann.end) == (start, end)
    built = Document("d", text).new_layer("l", PROD)
    via_builder = built.add(cls, start, end)
    assert via_builder.text == text[start:end]


@settings(max_examples=200)
@given(st.data(), st.sampled_from(TYPES))
def test_invalid_spans_are_refused(data: st.DataObject, cls: type[Annotation]) -> None:
    text = data.draw(st.one_of(st.just(""), non_empty_texts))
    start, end = data.draw(invalid_spans(text))
    with pytest.raises(AnnotationError, match="span"):
        cls(source=text, start=start, end=end, id="a1")
    builder = Document("d", text).new_layer("l", PROD)
    with pytest.raises(AnnotationError, match="span"):
        builder.add(cls, start, end)
    assert len(builder) == 0


@pytest.mark.parametrize(
    ("start", "end"),
    [(0, 0), (3, 2), (-1, 2), (0, len(TEXT) + 1), (len(TEXT), len(TEXT) + 1), (5, 5)],
)
def test_invalid_span_examples(start: int, end: int) -> None:
    with pytest.raises(AnnotationError, match=rf"\[{start}, {end}\)"):
        Threat(source=TEXT, start=start, end=end, id="t")


@pytest.mark.parametrize(("start", "end"), [(0.0, 2), (0, 2.5), ("0", 2), (None, 2)])
def test_non_integer_offsets_are_refused(start: object, end: object) -> None:
    with pytest.raises(AnnotationError, match="integers"):
        Threat(source=TEXT, start=start, end=end, id="t")  # type: ignore[arg-type]


def test_empty_id_is_refused() -> None:
    with pytest.raises(ValueError, match="id"):
        Threat(source=TEXT, start=0, end=2, id="")


# -- layers ----------------------------------------------------------------------------------------


@settings(max_examples=150)
@given(st.data())
def test_layer_keeps_annotations_in_text_order(data: st.DataObject) -> None:
    text = data.draw(non_empty_texts)
    chosen = data.draw(st.lists(spans(text), max_size=20))
    anns = [Threat(source=text, start=s, end=e, id=f"t{i}") for i, (s, e) in enumerate(chosen)]
    shuffled = data.draw(st.permutations(anns))
    layer = Layer("threats", PROD, shuffled)
    offsets = [(a.start, a.end) for a in layer]
    assert offsets == sorted(offsets)
    assert sorted(a.id for a in layer) == sorted(a.id for a in anns)
    assert len(layer) == len(anns)


def test_layer_builder_hands_out_ids_and_sorts() -> None:
    doc = Document("d", TEXT, "fr")
    b = doc.new_layer("mentions", PROD)
    late = b.add(Forum, TEXT.index("GCTF"), TEXT.index("GCTF") + 4)
    early = b.add(Threat, TEXT.index("Daech"), TEXT.index("Daech") + 5, canonical="ISIS")
    assert (late.id, early.id) == ("mentions-1", "mentions-2")
    layer = b.build()
    assert [a.id for a in layer] == ["mentions-2", "mentions-1"]
    assert layer.producer == PROD
    assert early.text == "Daech"
    assert early.attributes["canonical"] == "ISIS"


# -- documents -------------------------------------------------------------------------------------


def _doc_with(*layers: Layer) -> Document:
    return Document("doc-7", TEXT, "fr", {}, layers)


def _actor(ann_id: str = "a1") -> Actor:
    start = TEXT.index("ministre")
    return Actor(source=TEXT, start=start, end=start + len("ministre"), id=ann_id, kind="person")


def _forum(ann_id: str = "f1") -> Forum:
    start = TEXT.index("GCTF")
    return Forum(source=TEXT, start=start, end=start + 4, id=ann_id)


def _statement(speaker: str | None, ann_id: str = "s1") -> Statement:
    start = TEXT.index("Daech")
    return Statement(source=TEXT, start=start, end=TEXT.index(" »"), id=ann_id, speaker=speaker)


def test_duplicate_layer_names_are_refused() -> None:
    with pytest.raises(AnnotationError, match="two layers named 'mentions'"):
        _doc_with(Layer("mentions", PROD, [_actor()]), Layer("mentions", PROD, [_forum()]))


def test_duplicate_ids_across_layers_are_refused() -> None:
    with pytest.raises(AnnotationError, match="'x1'") as exc:
        _doc_with(Layer("a", PROD, [_actor("x1")]), Layer("b", PROD, [_forum("x1")]))
    assert "doc-7" in str(exc.value)


def test_duplicate_ids_in_one_layer_are_refused() -> None:
    with pytest.raises(AnnotationError, match="two annotations with id 'x1'"):
        _doc_with(Layer("a", PROD, [_actor("x1"), _forum("x1")]))


def test_dangling_reference_is_refused() -> None:
    with pytest.raises(AnnotationError, match="'ghost'") as exc:
        _doc_with(Layer("m", PROD, [_actor()]), Layer("s", PROD, [_statement("ghost")]))
    message = str(exc.value)
    assert "'s1'" in message
    assert "speaker" in message


def _threat(ann_id: str = "t1") -> Threat:
    start = TEXT.index("Daech")
    return Threat(source=TEXT, start=start, end=start + 5, id=ann_id, canonical="ISIS")


def test_reference_to_the_wrong_type_is_refused() -> None:
    with pytest.raises(AnnotationError, match="speaker must refer to") as exc:
        _doc_with(Layer("m", PROD, [_threat("t1")]), Layer("s", PROD, [_statement("t1")]))
    message = str(exc.value)
    assert "'t1' is Threat" in message
    assert "'s1'" in message
    assert "Actor" in message


def test_a_speaker_named_by_a_phrase_is_never_beside_a_speaker() -> None:
    """``speaker_name`` names who speaks where no annotation does: with a ``speaker`` too, which
    of the two speaks would be unclear."""
    start = TEXT.index("Daech")
    named = Statement(source=TEXT, start=start, end=start + 5, id="s1", speaker_name="les ministres")
    assert (named.speaker, named.speaker_name) == (None, "les ministres")
    with pytest.raises(AnnotationError, match="both a speaker and a speaker_name"):
        Statement(
            source=TEXT, start=start, end=start + 5, id="s1", speaker="a1", speaker_name="les ministres"
        )


def test_a_forum_may_speak() -> None:
    doc = _doc_with(Layer("m", PROD, [_forum("f1")]), Layer("s", PROD, [_statement("f1")]))
    assert doc.resolve(doc.get("s1").speaker) is doc.get("f1")  # type: ignore[attr-defined]


def test_initiative_forum_must_be_a_forum() -> None:
    start = TEXT.index("menace")
    bad = Initiative(source=TEXT, start=start, end=start + 6, id="i1", forum="a1", launched_by=("a1",))
    with pytest.raises(AnnotationError, match="forum must refer to Forum, but 'a1' is Actor"):
        _doc_with(Layer("m", PROD, [_actor("a1"), bad]))
    good = attrs.evolve(bad, forum="f1")
    doc = _doc_with(Layer("m", PROD, [_actor("a1"), _forum("f1"), good]))
    assert doc.resolve(good.launched_by) == (doc.get("a1"),)
    assert doc.resolve(good.forum) is doc.get("f1")


def test_annotation_on_another_text_is_refused() -> None:
    other = Threat(source="Daech encore", start=0, end=5, id="t1")
    with pytest.raises(AnnotationError, match=r"'t1'.*another text"):
        _doc_with(Layer("m", PROD, [other]))


def test_references_cross_layers_and_resolve() -> None:
    doc = _doc_with(Layer("m", PROD, [_actor("a1")]), Layer("s", PROD, [_statement("a1")]))
    statement = doc.get("s1")
    assert isinstance(statement, Statement)
    speaker = doc.resolve(statement.speaker)
    assert isinstance(speaker, Actor)
    assert speaker.text == "ministre"
    assert doc.resolve(None) is None
    assert doc.resolve(("a1", "s1")) == (speaker, statement)
    assert [(name, ref) for name, _, ref in statement.references()] == [("speaker", "a1")]


def test_following_every_reference_reads_the_annotations_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """``show`` and ``evaluate`` follow each Statement's speaker with ``get``: a scan of the
    document each time made 100,000 statements a night's work."""
    actors = [_actor(f"a{i}") for i in range(50)]
    doc = _doc_with(Layer("m", PROD, actors))
    scans = 0
    scan = Document.annotations

    def counting(self: Document, *args: type[Annotation]) -> object:
        nonlocal scans
        scans += 1
        return scan(self, *args)

    monkeypatch.setattr(Document, "annotations", counting)
    assert [doc.get(a.id) for a in actors] == actors
    assert doc.resolve(tuple(a.id for a in actors)) == tuple(actors)
    assert scans <= 1  # at most once: checking the layers may have made the index already
    assert doc == _doc_with(Layer("m", PROD, actors))  # the index is no part of the document


def test_get_unknown_id_names_it() -> None:
    doc = _doc_with(Layer("m", PROD, [_actor("a1")]))
    with pytest.raises(KeyError, match="nope"):
        doc.get("nope")
    with pytest.raises(KeyError, match="'mentions'"):
        doc.layer("mentions")


@settings(max_examples=100, deadline=None)
@given(documents())
def test_every_annotation_is_found_by_id_and_type(doc: Document) -> None:
    every = list(doc.annotations())
    assert sum(len(layer) for layer in doc.layers) == len(every)
    for ann in every:
        assert doc.get(ann.id) is ann
        assert doc.resolve(ann.id) is ann
        for _, targets, ref in ann.references():
            assert doc.get(ref).type_name in targets
    for cls in TYPES:
        assert [a for a in every if type(a) is cls] == list(doc.annotations(cls))


def test_with_layer_returns_a_new_document() -> None:
    base = Document("d", TEXT, "fr", {"source": "test"})
    builder = base.new_layer("m", PROD)
    builder.add(Actor, 3, 11, id="a1")
    layer = builder.build()
    added = base.with_layer(layer)
    assert added is not base
    assert base.layers == ()
    assert added.layer_names == ("m",)
    assert added.layer("m") is layer
    assert added.metadata == base.metadata
    assert added != base
    assert added.without_layers() == base


def test_with_layer_that_breaks_the_document_leaves_it_unchanged() -> None:
    doc = _doc_with(Layer("m", PROD, [_actor("a1")]))
    with pytest.raises(AnnotationError):
        doc.with_layer(Layer("s", PROD, [_statement("a2")]))
    with pytest.raises(AnnotationError):
        doc.with_layer(Layer("m", PROD, []))
    assert doc.layer_names == ("m",)


@settings(max_examples=100, deadline=None)
@given(documents(), st.data())
def test_with_layer_refuses_a_duplicate_id(doc: Document, data: st.DataObject) -> None:
    existing = list(doc.annotations())
    if not existing:
        return
    victim = data.draw(st.sampled_from(existing))
    clash = Threat(source=doc.text, start=victim.start, end=victim.end, id=victim.id)
    name = "\x00new layer"
    with pytest.raises(AnnotationError, match="two annotations with id"):
        doc.with_layer(Layer(name, PROD, [clash]))
    assert name not in doc.layer_names


@settings(max_examples=100, deadline=None)
@given(documents(), st.data())
def test_layers_added_to_a_document_make_the_document_of_them_all(doc: Document, data: st.DataObject) -> None:
    """``with_layers`` checks only the new layers; what it makes is what checking all would make."""
    cut = data.draw(st.integers(0, len(doc.layers)))
    try:
        base = attrs.evolve(doc, layers=doc.layers[:cut])
    except AnnotationError:  # the first layers refer to later ones: not a document alone
        assume(False)
    assert base.with_layers(doc.layers[cut:]) == doc


def test_added_layers_are_checked_against_the_others() -> None:
    doc = _doc_with(Layer("m", PROD, [_actor("a1")]))
    statements = doc.with_layers([Layer("s", PROD, [_statement("a1")])]).layer("s")
    assert [s.speaker for s in statements if isinstance(s, Statement)] == ["a1"]
    with pytest.raises(AnnotationError, match="two annotations with id 'a1'"):
        doc.with_layers([Layer("f", PROD, [_forum("a1")])])
    with pytest.raises(AnnotationError, match="two layers named 'm'"):
        doc.with_layers([Layer("m", PROD, [])])
    with pytest.raises(AnnotationError, match="'ghost'"):
        doc.with_layers([Layer("f", PROD, [_forum()]), Layer("s", PROD, [_statement("ghost")])])
    other = "Un autre texte, plus long que le premier, pour que les offsets tiennent : " + TEXT
    with pytest.raises(AnnotationError, match="another text"):
        doc.with_layers([Layer("x", PROD, [Forum(source=other, start=0, end=3, id="x1")])])


# -- immutability ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("make", "attribute", "value"),
    [
        (lambda: Document("d", TEXT), "text", "other"),
        (lambda: Document("d", TEXT), "layers", ()),
        (lambda: Layer("m", PROD, []), "name", "x"),
        (lambda: PROD, "version", "2"),
        (lambda: _actor(), "start", 0),
        (lambda: _actor(), "name", "Dupont"),
        (lambda: _statement(None), "speaker", "a1"),
    ],
)
def test_objects_are_frozen(make: object, attribute: str, value: object) -> None:
    obj = make()  # type: ignore[operator]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        setattr(obj, attribute, value)


def test_metadata_is_a_read_only_copy() -> None:
    source = {"url": "https://example.org/a"}
    doc = Document("d", TEXT, metadata=source)
    source["url"] = "changed"
    assert doc.metadata["url"] == "https://example.org/a"
    with pytest.raises(TypeError):
        doc.metadata["url"] = "x"  # type: ignore[index]


def test_provenance_needs_a_name_and_version() -> None:
    with pytest.raises(ValueError, match="name"):
        Provenance("", "1")
    with pytest.raises(ValueError, match="version"):
        Provenance("x", "")


# -- a type of the user's own ----------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Weapon(Annotation):
    """A user-defined annotation type, as a plugin would declare it."""

    type_name: ClassVar[str] = "Weapon"

    model: str | None = None
    owner: str | None = ref_field("Actor")


W_TEXT = "Le groupe armé Daech utilisait des drones Mavic, selon le ministre Dupont."


def _weapon_doc(owner: str = "a1") -> Document:
    doc = Document("w-1", W_TEXT, "fr", {"feed": "test"})
    mentions = doc.new_layer("mentions", PROD)
    start = W_TEXT.index("ministre Dupont")
    mentions.add(Actor, start, start + len("ministre Dupont"), id="a1", kind="person", name="Dupont")
    mentions.add(Threat, W_TEXT.index("Daech"), W_TEXT.index("Daech") + 5, canonical="ISIS")
    weapons = doc.new_layer("weapons", Provenance("myplugin.weapons", "0.3"))
    start = W_TEXT.index("drones Mavic")
    weapons.add(Weapon, start, start + len("drones Mavic"), id="w1", model="Mavic", owner=owner)
    return doc.with_layer(mentions.build()).with_layer(weapons.build())


def test_user_type_lives_in_a_document() -> None:
    doc = _weapon_doc()
    weapon = doc.get("w1")
    assert isinstance(weapon, Weapon)
    assert weapon.text == "drones Mavic"
    assert weapon.attributes == {"entity": None, "model": "Mavic", "owner": "a1"}
    owner = doc.resolve(weapon.owner)
    assert isinstance(owner, Actor)
    assert owner.text == "ministre Dupont"
    assert list(doc.annotations(Weapon)) == [weapon]


def test_user_type_references_are_checked() -> None:
    with pytest.raises(AnnotationError, match="owner refers to 'nobody'"):
        _weapon_doc(owner="nobody")
    with pytest.raises(AnnotationError, match="owner must refer to Actor, but 'mentions-2' is Threat"):
        _weapon_doc(owner="mentions-2")  # the Threat


def test_user_type_round_trips_through_jsonld() -> None:
    doc = _weapon_doc()
    types = {**builtin_types(), "Weapon": Weapon}
    text = dumps(doc, types)
    back = loads(text, types)
    assert back == doc
    assert back.get("w1").attributes == doc.get("w1").attributes
    assert [la.producer for la in back.layers] == [la.producer for la in doc.layers]
    assert back.metadata == doc.metadata
    assert dumps(back, types) == text


def test_user_type_unknown_to_the_reader_is_a_clear_error() -> None:
    text = dumps(_weapon_doc())
    with pytest.raises(FormatError, match="unknown type 'Weapon'"):
        loads(text)
