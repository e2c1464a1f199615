"""The short way in: ctannot.annotate, a pipeline called on text and piped over many, and
ctannot.read on every kind of file annotate reads or writes; the commands that read annotated
files take every kind annotate can write."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pytest

import ctannot
from conftest import REPO, run_ctannot
from ctannot.pipeline import Pipeline

SAMPLES = REPO / "corpus_samples"
FR = (
    "« Nous devons agir vite », a déclaré M. Voronkov devant le GCTF à Rabat, "
    "où les ministres étaient réunis."
)
EN = "The ministers of the Global Coalition to Defeat ISIS met in Rome on Tuesday, the State Department said."


def test_annotate_a_string_detects_its_language() -> None:
    doc = ctannot.annotate(FR)
    assert (doc.id, doc.lang) == ("doc", "fr")
    assert {a.type_name for a in doc.annotations()} >= {"Statement", "Actor", "Forum"}
    assert ctannot.annotate(EN).lang == "en"
    assert ctannot.annotate(EN, lang="fr").lang == "fr"  # as told


def test_a_pipeline_is_called_on_text_or_on_a_document(pipeline: Pipeline) -> None:
    from_text = pipeline(FR, lang="fr")
    from_document = pipeline(ctannot.Document("doc", FR, "fr"))
    assert from_text == from_document
    assert from_text == pipeline.annotate(ctannot.Document("doc", FR, "fr")).document


def test_pipe_keeps_order_and_ids_whatever_the_batch_size(pipeline: Pipeline) -> None:
    texts: list[str | ctannot.Document] = [FR, EN, ctannot.Document("mine", EN, "en"), FR]
    for batch_size in (1, 3, 32):
        docs = list(pipeline.pipe(texts, batch_size=batch_size))
        assert [d.id for d in docs] == ["doc-1", "doc-2", "mine", "doc-4"]
        assert [d.lang for d in docs] == ["fr", "en", "en", "fr"]
        assert docs[0] == pipeline(ctannot.Document("doc-1", FR, "fr"))


def test_pipe_is_lazy(pipeline: Pipeline) -> None:
    def texts() -> object:
        yield FR
        raise AssertionError("read past the first batch")

    first = next(pipeline.pipe(texts(), batch_size=1))  # type: ignore[arg-type]
    assert first.id == "doc-1"


def test_a_pipeline_refuses_what_is_not_text(pipeline: Pipeline) -> None:
    with pytest.raises(TypeError, match=r"expected a str or a ctannot\.Document, not bytes"):
        pipeline(FR.encode())  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="batch_size must be at least 1"):
        list(pipeline.pipe([FR], batch_size=0))


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Three sample articles, annotated into every output format and exported to every
    format that can be read back; the keys name each."""
    root = tmp_path_factory.mktemp("written")
    inputs = root / "in"
    inputs.mkdir()
    for name in ("fr_01_gctf_mineurs_new_york.txt", "en_01_ctc_delhi_new_technologies.txt"):
        shutil.copy(SAMPLES / name, inputs / name)
    (inputs / "more.jsonl").write_text(
        json.dumps({"id": "extra", "text": EN, "lang": "en"}) + "\n", encoding="utf-8"
    )
    paths = {
        "txt": inputs / "fr_01_gctf_mineurs_new_york.txt",
        "folder": inputs,
        "jsonl": inputs / "more.jsonl",
    }
    for output_format in ("files", "jsonld-lines", "jsonld-lines.gz"):
        out = root / output_format
        done = run_ctannot("annotate", inputs, "--glob", "*", "-o", out, "--output-format", output_format)
        assert done.returncode == 0, done.stderr
        paths[output_format] = out
    paths["jsonld"] = root / "files" / "extra.jsonld"
    paths["lines"] = root / "jsonld-lines" / "annotations.jsonld.jsonl"
    paths["lines.gz"] = root / "jsonld-lines.gz" / "annotations.jsonld.jsonl.gz"
    for to in ("brat", "csv", "parquet"):
        dest = root / (to if to == "brat" else f"corpus.{to}")
        done = run_ctannot("export", root / "files", "--to", to, "-o", dest)
        assert done.returncode == 0, done.stderr
        paths[to] = dest
    return paths


def ids(documents: object) -> list[str]:
    return sorted(doc.id for doc in documents)  # type: ignore[attr-defined]


ALL = ["en_01_ctc_delhi_new_technologies", "extra", "fr_01_gctf_mineurs_new_york"]


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("txt", ["fr_01_gctf_mineurs_new_york"]),
        ("jsonl", ["extra"]),
        ("folder", ALL),
        ("files", ALL),
        ("jsonld", ["extra"]),
        ("lines", ALL),
        ("lines.gz", ALL),
        ("brat", ALL),
        ("csv", ALL),
        ("parquet", ALL),
    ],
)
def test_read_takes_every_kind_of_file_as_str_or_path(
    written: dict[str, Path], kind: str, expected: list[str]
) -> None:
    path = written[kind]
    if kind == "folder":
        assert ids(ctannot.read(path, glob="*")) == expected
    else:
        assert ids(ctannot.read(str(path))) == expected
        assert ids(ctannot.read(path)) == expected


def test_read_gives_back_what_annotate_wrote(written: dict[str, Path]) -> None:
    files = {doc.id: doc for doc in ctannot.read(written["files"])}
    for kind in ("lines", "lines.gz"):
        assert {doc.id: doc for doc in ctannot.read(written[kind])} == files
    assert not any(doc.layers for doc in ctannot.read(written["txt"]))  # an input: not annotated


def test_read_names_what_it_cannot_read(tmp_path: Path) -> None:
    with pytest.raises(ctannot.FormatError, match="no such file or folder"):
        list(ctannot.read(tmp_path / "nothing.txt"))
    odd = tmp_path / "notes.odt"
    odd.write_bytes(b"PK")
    with pytest.raises(ctannot.FormatError, match=r"notes\.odt.*unsupported input"):
        list(ctannot.read(odd))
    lines = tmp_path / "cut.jsonld.jsonl.gz"
    lines.write_bytes(gzip.compress(b'{"type": "AnnotationCollection"}\n')[:-6])
    with pytest.raises(ctannot.FormatError, match=r"cut\.jsonld\.jsonl\.gz"):
        list(ctannot.read(lines))


@pytest.mark.parametrize("kind", ["lines", "lines.gz"])
def test_commands_read_json_ld_lines(written: dict[str, Path], kind: str, tmp_path: Path) -> None:
    lines = written[kind]
    show = run_ctannot("show", lines)
    assert show.returncode == 0, show.stderr
    assert "extra (en," in show.stdout
    export = run_ctannot("export", lines, "--to", "csv", "-o", tmp_path / "t.csv")
    assert export.returncode == 0, export.stderr
    assert ids(ctannot.read(tmp_path / "t.csv")) == ALL
    evaluate = run_ctannot("evaluate", lines, written["files"], "--json")
    assert evaluate.returncode == 0, evaluate.stderr
    assert json.loads(evaluate.stdout)["micro_F1"] == 1.0
