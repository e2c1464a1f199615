"""W3C Web Annotation JSON-LD: lossless round trip, standard processors offline, clear import errors."""

from __future__ import annotations

import copy
import json
import re
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from pyld import jsonld
from rdflib import Dataset, Graph, Namespace, URIRef
from rdflib.namespace import RDF

from conftest import REPO, run_ctannot, shared_path
from ctannot import Actor, Document, FormatError, Initiative, Pipeline, Provenance, Statement
from ctannot.formats.web_annotation import (
    ANNO_CONTEXT_URL,
    VOCAB,
    context_for,
    document_loader,
    dumps,
    from_jsonld,
    loads,
    to_jsonld,
)
from strategies import documents

# rdflib's own parsers use its deprecated APIs (rdflib 7.x): the n-quads parser calls
# Dataset.default_context, the JSON-LD parser builds a ConjunctiveGraph. Not ours to fix.
RDFLIB_NQUADS_WARNING = pytest.mark.filterwarnings(
    "ignore:Dataset.default_context is deprecated:DeprecationWarning"
)
RDFLIB_JSONLD_WARNING = pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")

OA = Namespace("http://www.w3.org/ns/oa#")
CT = Namespace(VOCAB)
OPTIONS = {"documentLoader": document_loader}

TEXT = (
    "« Nous devons tarir les sources de financement des groupes armés », a déclaré Marie Lefèvre, "
    "à Genève, devant le Forum mondial de lutte contre le terrorisme, qui s’inquiète de Daech.\n"
)


@pytest.fixture(scope="module")
def annotated(pipeline: Pipeline) -> Document:
    doc = pipeline.annotate(Document("dépêche 7/fr", TEXT, "fr", {"source": "test", "n": [1, 2.5]})).document
    assert list(doc.annotations(Statement)), "the test text should give a Statement"
    return doc


# -- round trip ------------------------------------------------------------------------------------


@settings(max_examples=150, deadline=None)
@given(documents())
def test_round_trip_is_lossless(doc: Document) -> None:
    text = dumps(doc)
    back = loads(text)
    assert back == doc
    assert back.id == doc.id
    assert back.text == doc.text
    assert back.lang == doc.lang
    assert dict(back.metadata) == dict(doc.metadata)
    assert back.layer_names == doc.layer_names
    assert [la.producer for la in back.layers] == [la.producer for la in doc.layers]
    for mine, theirs in zip(back.layers, doc.layers, strict=True):
        assert [(type(a), a.id, a.start, a.end, a.attributes) for a in mine] == [
            (type(a), a.id, a.start, a.end, a.attributes) for a in theirs
        ]
    assert dumps(back) == text


@settings(max_examples=150, deadline=None)
@given(documents())
def test_the_fast_writer_writes_what_the_json_ld_tree_says(doc: Document) -> None:
    """``dumps`` writes its JSON text directly, for speed: it must be the tree ``to_jsonld``
    builds (which pyld reads in the tests below), encoded compactly, character for character."""
    assert dumps(doc) == json.dumps(to_jsonld(doc), ensure_ascii=False, separators=(",", ":")) + "\n"


def test_the_fast_writer_on_pipeline_output(annotated: Document) -> None:
    assert (
        dumps(annotated) == json.dumps(to_jsonld(annotated), ensure_ascii=False, separators=(",", ":")) + "\n"
    )


def test_round_trip_of_pipeline_output(annotated: Document) -> None:
    back = loads(dumps(annotated))
    assert back == annotated
    statement = next(back.annotations(Statement))
    assert back.get(statement.speaker).text == "Marie Lefèvre"  # type: ignore[arg-type]


def test_output_shape(annotated: Document) -> None:
    data = to_jsonld(annotated)
    assert data["@context"][0] == ANNO_CONTEXT_URL
    assert data["@context"][1] == context_for({a.type_name: type(a) for a in annotated.annotations()})
    assert data["type"] == "AnnotationCollection"
    items = data["first"]["items"]
    assert data["total"] == len(items) == len(list(annotated.annotations()))
    for item, ann in zip(items, annotated.annotations(), strict=True):
        position, quote = item["target"]["selector"]
        assert (position["start"], position["end"]) == (ann.start, ann.end)
        assert quote["exact"] == TEXT[ann.start : ann.end]
        assert quote["prefix"] == TEXT[max(0, ann.start - 32) : ann.start]
        assert item["body"]["type"] == ann.type_name
    json.dumps(data)  # plain JSON data
    assert "’" in dumps(annotated)  # UTF-8 text, not ASCII escapes


# -- standard JSON-LD processors, offline ----------------------------------------------------------


def _rdf(data: dict[str, Any]) -> str:
    nquads: str = jsonld.to_rdf(data, {**OPTIONS, "format": "application/n-quads"})
    return nquads


@RDFLIB_NQUADS_WARNING
@settings(max_examples=60, deadline=None)
@given(documents(max_annotations=6))
def test_pyld_processes_generated_documents_offline(doc: Document) -> None:
    data = to_jsonld(doc)
    flat = jsonld.flatten(copy.deepcopy(data), None, OPTIONS)
    n_annotations = len(list(doc.annotations()))
    annotations = [n for n in flat if str(OA.Annotation) in n.get("@type", [])]
    assert len(annotations) == n_annotations
    nquads = _rdf(data)
    graph = Dataset()
    graph.parse(data=nquads, format="nquads")
    assert len(set(graph.subjects(RDF.type, OA.Annotation))) == n_annotations


def _check_graph(graph: Graph, doc: Document) -> None:
    statements = list(doc.annotations(Statement))
    bodies = set(graph.subjects(RDF.type, CT.Statement))
    assert len(bodies) == len(statements) > 0
    speakers = 0
    for annotation, body in graph.subject_objects(OA.hasBody):
        assert (annotation, RDF.type, OA.Annotation) in graph
        if body not in bodies:
            continue
        for speaker in graph.objects(body, CT.speaker):
            assert isinstance(speaker, URIRef)
            assert (speaker, RDF.type, OA.Annotation) in graph  # a link to the speaker's annotation
            (speaker_body,) = graph.objects(speaker, OA.hasBody)
            assert {CT.Actor, CT.Forum} & set(graph.objects(speaker_body, RDF.type))
            speakers += 1
    assert speakers == sum(s.speaker is not None for s in statements) > 0


FOAF_NAME = "http://xmlns.com/foaf/0.1/name"


def test_a_speaker_named_by_a_phrase_is_an_agent_with_a_name(tmp_path: Path) -> None:
    """A group that no annotation names (``les ministres de cinq pays ...``) is the Statement's
    ``speaker`` all the same: a node with a ``name`` (foaf:name, from the W3C context), which
    JSON-LD processors and the guidelines' scorer read as the speaker, and which comes back as
    ``speaker_name``."""
    text = "Les ministres de cinq pays ont appelé à partager les renseignements.\n"
    doc = Document("groupe", text, "fr")
    layer = doc.new_layer("statements", Provenance("test", "1"))
    start = text.index("partager")
    layer.add(Statement, start, len(text) - 2, speaker_name="ministres de cinq pays", cue="appeler")
    doc = doc.with_layers([layer.build()])
    data = to_jsonld(doc)
    (item,) = data["first"]["items"]
    assert item["body"]["speaker"] == {"name": "ministres de cinq pays"}
    assert loads(dumps(doc)) == doc
    nodes = {n["@id"]: n for n in jsonld.flatten(copy.deepcopy(data), None, OPTIONS)}
    (body,) = [n for n in nodes.values() if str(CT.Statement) in n.get("@type", [])]
    (agent,) = body[str(CT.speaker)]
    assert nodes[agent["@id"]][FOAF_NAME] == [{"@value": "ministres de cinq pays"}]
    out = tmp_path / "groupe.jsonld"
    out.write_text(dumps(doc), encoding="utf-8")
    score = _guidelines_scorer()
    found = score.read_pred(out, text)
    (statement,) = found[0] if isinstance(found, tuple) else found
    assert statement["speaker"] == "ministres de cinq pays"


def _guidelines_scorer() -> Any:
    import importlib.util

    spec = importlib.util.spec_from_file_location("guidelines_score", shared_path("dev", "score.py"))
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@RDFLIB_NQUADS_WARNING
@RDFLIB_JSONLD_WARNING
def test_pyld_and_rdflib_on_pipeline_output(annotated: Document) -> None:
    data = to_jsonld(annotated)
    flat = jsonld.flatten(copy.deepcopy(data), None, OPTIONS)
    assert any(str(CT.Statement) in n.get("@type", []) for n in flat)

    from_nquads = Dataset()
    from_nquads.parse(data=_rdf(data), format="nquads")
    _check_graph(from_nquads, annotated)

    expanded = jsonld.expand(copy.deepcopy(data), OPTIONS)
    from_expanded = Graph()
    from_expanded.parse(data=json.dumps(expanded), format="json-ld")
    _check_graph(from_expanded, annotated)


def test_document_loader_serves_only_the_w3c_context() -> None:
    for url in (ANNO_CONTEXT_URL, "https://www.w3.org/ns/anno.jsonld", "http://www.w3.org/ns/anno"):
        served = document_loader(url)
        assert served["document"]["@context"]["oa"] == str(OA)
    for url in (
        "https://example.org/context.jsonld",
        "http://www.w3.org/ns/activitystreams",
        "file:///etc/passwd",
        "http://www.w3.org/ns/anno.jsonld.evil.example/",
    ):
        with pytest.raises(FormatError, match="refusing to fetch"):
            document_loader(url)


def _causes(exc: BaseException | None) -> list[object]:
    seen: list[object] = []
    while exc is not None and exc not in seen:
        seen.append(exc)
        exc = getattr(exc, "cause", None) or exc.__cause__
    return seen


def test_no_network_access_for_a_remote_context(annotated: Document, monkeypatch: pytest.MonkeyPatch) -> None:
    attempts: list[object] = []

    def refuse(*args: object, **kwargs: object) -> None:
        attempts.append(args)
        raise OSError("network access attempted in a test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)

    data = to_jsonld(annotated)
    data["@context"].append("https://example.org/ctannot-extra.jsonld")
    with pytest.raises(jsonld.JsonLdError) as exc:
        jsonld.flatten(data, None, OPTIONS)
    refusals = [c for c in _causes(exc.value) if isinstance(c, FormatError)]
    assert refusals, _causes(exc.value)
    assert "https://example.org/ctannot-extra.jsonld" in str(refusals[0])
    assert attempts == []


# -- reading errors --------------------------------------------------------------------------------


def _valid(annotated: Document) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(dumps(annotated))
    return data


def _statement_item(data: dict[str, Any]) -> dict[str, Any]:
    return next(i for i in data["first"]["items"] if i["body"]["type"] == "Statement")


def test_not_json() -> None:
    with pytest.raises(FormatError, match=r"out\.jsonld: not valid JSON"):
        loads('{"@context": [', where="out.jsonld")


def test_json_but_not_an_object() -> None:
    with pytest.raises(FormatError, match="expected a JSON object"):
        loads("[1, 2]")


def test_wrong_context(annotated: Document) -> None:
    data = _valid(annotated)
    data["@context"] = ["https://schema.org/", data["@context"][1]]
    with pytest.raises(FormatError, match="@context must start with") as exc:
        from_jsonld(data, where="x.jsonld")
    assert str(exc.value).startswith("x.jsonld: ")


def test_remote_context_is_refused(annotated: Document) -> None:
    data = _valid(annotated)
    data["@context"].append("https://example.org/more.jsonld")
    expected = "refusing remote or unknown @context 'https://example.org/more.jsonld'"
    with pytest.raises(FormatError, match=re.escape(expected)):
        from_jsonld(data)


def test_missing_document(annotated: Document) -> None:
    data = _valid(annotated)
    del data["document"]
    with pytest.raises(FormatError, match="the collection has no 'document'"):
        from_jsonld(data)


def test_missing_text(annotated: Document) -> None:
    data = _valid(annotated)
    del data["document"]["value"]
    with pytest.raises(FormatError, match="the document has no 'value'"):
        from_jsonld(data)


@pytest.mark.parametrize(("start", "end"), [(0, len(TEXT) + 5), (-1, 4), (10, 10), (12, 3)])
def test_offsets_outside_the_text(annotated: Document, start: int, end: int) -> None:
    data = _valid(annotated)
    item = _statement_item(data)
    item["target"]["selector"][0].update(start=start, end=end)
    with pytest.raises(FormatError, match=rf"annotation '{item['annotationId']}'.*\[{start}, {end}\)"):
        from_jsonld(data)


def test_offsets_that_are_not_integers(annotated: Document) -> None:
    data = _valid(annotated)
    _statement_item(data)["target"]["selector"][0]["start"] = "3"
    with pytest.raises(FormatError, match="'start' should be int"):
        from_jsonld(data)


def test_reference_to_a_missing_annotation(annotated: Document) -> None:
    data = _valid(annotated)
    item = _statement_item(data)
    speaker = item["body"]["speaker"]["id"]
    item["body"]["speaker"]["id"] = speaker.rsplit("#", 1)[0] + "#ghost"
    with pytest.raises(FormatError, match="speaker refers to 'ghost'"):
        from_jsonld(data)


def test_reference_outside_the_document(annotated: Document) -> None:
    data = _valid(annotated)
    _statement_item(data)["body"]["speaker"] = {"id": "https://example.org/people#1"}
    with pytest.raises(FormatError, match="speaker must link to an annotation of this document"):
        from_jsonld(data)


def test_unknown_type(annotated: Document) -> None:
    data = _valid(annotated)
    _statement_item(data)["body"]["type"] = "Rumour"
    with pytest.raises(FormatError, match="unknown type 'Rumour'"):
        from_jsonld(data)


def test_invalid_attribute_value(annotated: Document) -> None:
    data = _valid(annotated)
    _statement_item(data)["body"]["mode"] = "shouted"
    with pytest.raises(FormatError, match=r"annotation '.*'.*mode"):
        from_jsonld(data)


def test_annotation_of_an_undeclared_layer(annotated: Document) -> None:
    data = _valid(annotated)
    _statement_item(data)["layer"] = "elsewhere"
    with pytest.raises(FormatError, match="undeclared layers \\['elsewhere'\\]"):
        from_jsonld(data)


def test_language_must_be_a_string(annotated: Document) -> None:
    data = _valid(annotated)
    data["document"]["language"] = 5
    with pytest.raises(FormatError, match="language"):
        from_jsonld(data)


# In JSON-LD a single value and an array of one are interchangeable for an @list term
# (expansion wraps the value in a list), so a reader must take either for a list of links, and
# must never turn an array into the value of a single link.

LAUNCH_TEXT = "Le ministre lance le plan Sahel, a-t-il dit."


def _launch_doc() -> Document:
    doc = Document("launch", LAUNCH_TEXT, "fr")
    b = doc.new_layer("m", Provenance("test", "1"))
    b.add(Actor, 3, 11, id="a1", kind="person")
    b.add(Initiative, 21, 31, id="i1", launched_by=["a1"])
    b.add(Statement, 3, 31, id="s1", speaker="a1")
    return doc.with_layer(b.build())


def _body(data: dict[str, Any], kind: str) -> dict[str, Any]:
    return next(i["body"] for i in data["first"]["items"] if i["body"]["type"] == kind)


def test_a_single_link_for_a_list_of_references() -> None:
    data = to_jsonld(_launch_doc())
    body = _body(data, "Initiative")
    (link,) = body["launched_by"]
    body["launched_by"] = link  # the same thing in JSON-LD
    doc = from_jsonld(data)
    initiative = doc.get("i1")
    assert isinstance(initiative, Initiative)
    assert initiative.launched_by == ("a1",)


def test_an_array_for_a_single_reference_never_becomes_a_tuple() -> None:
    data = to_jsonld(_launch_doc())
    body = _body(data, "Statement")
    body["speaker"] = [body["speaker"]]
    try:
        doc = from_jsonld(data)
    except FormatError:
        return  # refusing it is fine
    statement = doc.get("s1")
    assert isinstance(statement, Statement)
    assert statement.speaker == "a1"


# -- W3C MUST assertions ---------------------------------------------------------------------------

OWN_TEXTS = {
    "fr_court": (
        "Le Forum mondial de lutte contre le terrorisme (GCTF) s'est réuni à Rabat pour parler de Daech.\n"
    ),
    "en_short": (
        '"We will not let ISIS regroup," said Daniel Okafor after the Global Counterterrorism Forum '
        "meeting in Abuja.\n"
    ),
}


def test_output_passes_the_w3c_checks(tmp_path: Path) -> None:
    checker = shared_path("dev", "w3c_check.py")
    samples = REPO / "corpus_samples"
    inputs: list[Path] = sorted(samples.glob("*.txt")) if samples.is_dir() else []
    if not inputs:
        for name, text in OWN_TEXTS.items():
            (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
        inputs = sorted(tmp_path.glob("*.txt"))
    out = tmp_path / "out"
    run = run_ctannot("annotate", "-q", "-o", out, *inputs)
    assert run.returncode == 0, run.stderr
    assert len(list(out.glob("*.jsonld"))) == len(inputs)
    check = subprocess.run(
        [sys.executable, str(checker), str(out)], capture_output=True, text=True, check=False
    )
    assert check.returncode == 0, check.stdout + check.stderr
    assert ": 0 failing" in check.stdout
