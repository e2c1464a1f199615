"""JSON-LD from elsewhere, read back: remote contexts are never fetched (a server on loopback
would see the request), and deeply nested or enormous files, offsets outside the text and links
to annotations that do not exist are refused with a clear FormatError, never another exception."""

from __future__ import annotations

import copy
import functools
import http.server
import json
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ctannot
from conftest import examples, run_ctannot
from ctannot.formats import FormatError, web_annotation
from ctannot.pipeline import Pipeline

TEXT = "« Nous devons agir », a déclaré M. Voronkov à Rabat devant le Forum mondial contre le terrorisme."


@pytest.fixture(scope="module")
def valid(pipeline: Pipeline) -> dict[str, Any]:
    doc = pipeline.annotate(ctannot.Document("d1", TEXT, "fr")).document
    assert any(isinstance(a, ctannot.Statement) and a.speaker for a in doc.annotations())
    data: dict[str, Any] = json.loads(web_annotation.dumps(doc))
    return data


class _Counting(http.server.BaseHTTPRequestHandler):
    requests: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        _Counting.requests.append(self.path)
        body = json.dumps({"@context": {"evil": "http://example.org/"}}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/ld+json")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    """A JSON-LD context server on loopback that counts the requests it gets."""
    _Counting.requests = []
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Counting)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/context.jsonld"
    httpd.shutdown()
    httpd.server_close()


def refused(data: Any, expected: str) -> str:
    with pytest.raises(FormatError) as caught:
        web_annotation.loads(json.dumps(data), ctannot.load_registry().types, "untrusted.jsonld")
    message = str(caught.value)
    assert message.startswith("untrusted.jsonld: ")
    assert expected in message
    return message


def test_the_server_sees_a_request_when_one_is_made(server: str) -> None:
    """The witness works: a plain fetch is counted (so a count of zero below means none was made)."""
    import urllib.request

    with urllib.request.urlopen(server, timeout=5) as response:
        response.read()
    assert _Counting.requests == ["/context.jsonld"]


def test_remote_contexts_are_refused_without_a_request(
    valid: dict[str, Any], server: str, tmp_path: Path
) -> None:
    top = copy.deepcopy(valid)
    top["@context"] = [web_annotation.ANNO_CONTEXT_URL, server]
    refused(top, f"refusing remote or unknown @context {server!r}")

    instead = copy.deepcopy(valid)
    instead["@context"] = server
    refused(instead, "not a ctannot document")

    nested = copy.deepcopy(valid)
    nested["first"]["items"][0]["body"]["@context"] = server  # never processed as JSON-LD: ignored
    web_annotation.loads(json.dumps(nested), ctannot.load_registry().types, "nested.jsonld")

    with pytest.raises(FormatError, match="refusing to fetch remote JSON-LD context"):
        web_annotation.document_loader(server)

    path = tmp_path / "remote.jsonld"
    path.write_text(json.dumps(top), encoding="utf-8")
    commands: list[list[str | Path]] = [["show", path], ["render", path, "-o", tmp_path / "remote.html"]]
    for command in commands:
        run = run_ctannot(*command)
        assert run.returncode != 0
        assert "refusing remote or unknown @context" in run.stderr
        assert "Traceback" not in run.stderr
    assert not (tmp_path / "remote.html").exists()
    assert _Counting.requests == []


def test_pyld_reads_our_output_offline_and_refuses_remote_contexts(
    valid: dict[str, Any], server: str
) -> None:
    from pyld import jsonld

    expanded = jsonld.expand(valid, {"documentLoader": web_annotation.document_loader})
    assert expanded
    hostile = copy.deepcopy(valid)
    hostile["@context"].append(server)
    with pytest.raises(jsonld.JsonLdError):
        jsonld.expand(hostile, {"documentLoader": web_annotation.document_loader})
    assert _Counting.requests == []


def test_deep_nesting_is_refused() -> None:
    with pytest.raises(FormatError, match="JSON nested too deeply"):
        web_annotation.loads("[" * 100_000 + "]" * 100_000, None, "deep.jsonld")


def test_enormous_input_is_refused_before_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(web_annotation, "MAX_JSONLD_CHARS", 1000)
    with pytest.raises(FormatError, match="more than ctannot reads"):
        web_annotation.loads(" " * 1001, None, "huge.jsonld")


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (-5, 3, "span [-5, 3) is not a non-empty span inside a text"),
        (3, 100_000, "is not a non-empty span inside a text"),
        (10, 2, "is not a non-empty span inside a text"),
        ("3", 9, "'start' should be int"),
        (True, 9, "'start' should be int"),
        (1.5, 9, "'start' should be int"),
    ],
)
def test_offsets_outside_the_text_are_refused(
    valid: dict[str, Any], start: Any, end: Any, expected: str
) -> None:
    data = copy.deepcopy(valid)
    selector = data["first"]["items"][0]["target"]["selector"][0]
    assert selector["type"] == "TextPositionSelector"
    selector["start"], selector["end"] = start, end
    refused(data, expected)


def test_links_to_annotations_that_do_not_exist_are_refused(valid: dict[str, Any]) -> None:
    data = copy.deepcopy(valid)
    statement = next(i for i in data["first"]["items"] if i["body"]["type"] == "Statement")
    statement["body"]["speaker"] = {"id": "urn:ctannot:doc:d1#mentions-999"}
    refused(data, "refers to 'mentions-999', which is not an annotation of document 'd1'")
    statement["body"]["speaker"] = {"id": "https://evil.example/#x"}
    refused(data, "speaker must link to an annotation of this document")


def test_duplicate_ids_and_undeclared_layers_are_refused(valid: dict[str, Any]) -> None:
    data = copy.deepcopy(valid)
    items = data["first"]["items"]
    items[1]["annotationId"] = items[0]["annotationId"]
    refused(data, "has two annotations with id")
    data = copy.deepcopy(valid)
    data["first"]["items"][0]["layer"] = "nowhere"
    refused(data, "annotations of undeclared layers ['nowhere']")


def _mutations(valid: dict[str, Any]) -> st.SearchStrategy[Any]:
    """The valid collection with one node, anywhere in it, replaced by arbitrary JSON."""
    paths: list[tuple[Any, ...]] = []

    def walk(node: Any, path: tuple[Any, ...]) -> None:
        paths.append(path)
        if isinstance(node, dict):
            for key, value in node.items():
                walk(value, (*path, key))
        elif isinstance(node, list):
            for i, value in enumerate(node):
                walk(value, (*path, i))

    walk(valid, ())
    json_values = st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
        max_leaves=8,
    )

    return st.builds(functools.partial(_mutate, valid), st.sampled_from(paths), json_values)


def _mutate(valid: dict[str, Any], path: tuple[Any, ...], value: Any) -> Any:
    """A copy of ``valid`` with the node at ``path`` replaced by ``value``."""
    if not path:
        return value
    data = copy.deepcopy(valid)
    node = data
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = value
    return data


@settings(max_examples=examples(400), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_any_corruption_is_read_or_refused_with_a_format_error(
    valid: dict[str, Any], data: st.DataObject
) -> None:
    _read_or_refused(data.draw(_mutations(valid)))


@pytest.mark.parametrize(
    ("path", "value"),
    [
        # found by the search above: attrs' own ValueError, not a FormatError, came out
        (("layers", 1, "creator", "name"), ""),
        (("layers", 0, "label"), ""),
        (("layers", 0, "creator", "version"), ""),
    ],
)
def test_corruptions_found_by_the_search(valid: dict[str, Any], path: tuple[Any, ...], value: Any) -> None:
    """The search's failing examples, kept: with ``st.data()`` they cannot be ``@example``s."""
    _read_or_refused(_mutate(valid, path, value))


def test_an_empty_layer_label_is_a_clean_error_in_show(valid: dict[str, Any], tmp_path: Path) -> None:
    path = tmp_path / "empty-label.jsonld"
    path.write_text(json.dumps(_mutate(valid, ("layers", 0, "label"), "")), encoding="utf-8")
    run = run_ctannot("show", path)
    assert run.returncode == 1
    assert run.stderr == f"ctannot: {path}: a layer has an empty label\n"


def _read_or_refused(corrupted: Any) -> None:
    types = ctannot.load_registry().types
    try:
        doc = web_annotation.loads(json.dumps(corrupted), types, "fuzz.jsonld")
    except FormatError as exc:
        refused = str(exc)
    else:
        assert web_annotation.loads(web_annotation.dumps(doc), types) == doc  # what is read is whole
        return
    assert refused.startswith("fuzz.jsonld: ")
