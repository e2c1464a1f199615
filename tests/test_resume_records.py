"""``--resume`` redoes what no longer matches (issue 14, class 3): a changed input, a changed
pipeline, an output cut short (at a line boundary too) are redone, counted by reason, and the
output then equals a fresh run's; output file names fit the file system in bytes (class 9)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from conftest import REPO, run_ctannot
from ctannot.batch import FAILURES_FILE, LINES_FILE, annotate_corpus
from ctannot.batch.records import RECORDS_FILE
from ctannot.formats.inputs import iter_inputs
from ctannot.formats.writing import NAME_MAX_BYTES, output_name

SAMPLES = sorted((REPO / "corpus_samples").glob("*.txt"))
N = 12


def write_corpus(path: Path, texts: dict[int, str] | None = None) -> Path:
    samples = [p.read_text(encoding="utf-8") for p in SAMPLES]
    lines = [
        json.dumps({"id": f"doc-{i:02d}", "text": (texts or {}).get(i, samples[i % len(samples)])})
        for i in range(N)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def outputs(out: Path) -> dict[str, bytes]:
    """What a reader of the output folder sees: every file but the run's records, with the
    lines of a gzipped lines file (gzip's own bytes aside)."""
    found = {}
    for path in sorted(out.iterdir()):
        if path.name == RECORDS_FILE:
            continue
        data = path.read_bytes()
        found[path.name] = gzip.decompress(data) if path.name.endswith(".gz") else data
    return found


def run(source: Path, out: Path, output_format: str, *extra: str) -> str:
    done = run_ctannot(
        "annotate", source, "-o", out, "-q", "--workers", "1", "--output-format", output_format, *extra
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    return done.stderr


FORMATS = ["files", "jsonld-lines", "jsonld-lines.gz"]


@pytest.mark.parametrize("output_format", FORMATS)
def test_a_changed_input_is_redone(tmp_path: Path, output_format: str) -> None:
    source = write_corpus(tmp_path / "corpus.jsonl")
    out = tmp_path / "out"
    run(source, out, output_format)
    changed = SAMPLES[0].read_text(encoding="utf-8").replace("20", "19", 1)
    write_corpus(source, {5: changed})
    told = run(source, out, output_format, "--resume")
    assert f"1 annotated, 0 failed, {N - 1} already done, 1 redone (1 input changed)" in told
    run(source, tmp_path / "fresh", output_format)
    assert outputs(out) == outputs(tmp_path / "fresh")


@pytest.mark.parametrize("output_format", FORMATS)
def test_a_changed_pipeline_is_redone(tmp_path: Path, output_format: str) -> None:
    source = write_corpus(tmp_path / "corpus.jsonl")
    out = tmp_path / "out"
    run(source, out, output_format)
    told = run(source, out, output_format, "--resume", "--skip", "rules.statements")
    assert f"{N} annotated, 0 failed, {N} redone ({N} pipeline changed)" in told
    run(source, tmp_path / "fresh", output_format, "--skip", "rules.statements")
    assert outputs(out) == outputs(tmp_path / "fresh")


@pytest.mark.parametrize("output_format", ["files", "jsonld-lines"])
def test_an_output_cut_at_a_line_boundary_is_redone(tmp_path: Path, output_format: str) -> None:
    """A file cut short and ended with a newline, a lines file cut after a whole line: both
    look complete to a reader, not to the records."""
    source = write_corpus(tmp_path / "corpus.jsonl")
    out = tmp_path / "out"
    run(source, out, output_format)
    run(source, tmp_path / "fresh", output_format)
    if output_format == "files":
        data = (out / "doc-03.jsonld").read_bytes()
        (out / "doc-03.jsonld").write_bytes(data[: len(data) // 2] + b"\n")
        cut = 1
    else:
        lines = (out / LINES_FILE).read_bytes().splitlines(keepends=True)
        (out / LINES_FILE).write_bytes(b"".join(lines[:7]))
        cut = N - 7
    told = run(source, out, output_format, "--resume")
    assert f"{cut} annotated, 0 failed, {N - cut} already done, {cut} redone ({cut} incomplete)" in told
    assert outputs(out) == outputs(tmp_path / "fresh")


def test_a_resumed_gzipped_lines_file_keeps_input_order(tmp_path: Path) -> None:
    """Documents redone in the middle of the corpus take their place in input order again."""
    source = write_corpus(tmp_path / "corpus.jsonl")
    out = tmp_path / "out"
    run(source, out, "jsonld-lines.gz")
    texts = {i: SAMPLES[1].read_text(encoding="utf-8") + f"\n{i}\n" for i in (2, 9)}
    write_corpus(source, texts)
    told = run(source, out, "jsonld-lines.gz", "--resume")
    assert "2 redone (2 input changed)" in told
    run(source, tmp_path / "fresh", "jsonld-lines.gz")
    assert (out / (LINES_FILE + ".gz")).read_bytes() == (
        tmp_path / "fresh" / (LINES_FILE + ".gz")
    ).read_bytes()
    assert not list(out.glob(".*.earlier"))


def test_resume_from_python_counts_what_it_redid(tmp_path: Path) -> None:
    source = write_corpus(tmp_path / "corpus.jsonl")
    out = tmp_path / "out"
    annotate_corpus(iter_inputs([source]), out)
    (out / "doc-00.jsonld").unlink()
    write_corpus(source, {1: "Un texte tout autre, à Rabat, le 3 mars 2024."})
    summary = annotate_corpus(iter_inputs([source]), out, resume=True)
    assert (summary.annotated, summary.skipped) == (2, N - 2)
    assert summary.redone == {"input changed": 1, "incomplete": 1}
    assert not (out / FAILURES_FILE).exists()


# -- names -----------------------------------------------------------------------------------------


@settings(max_examples=300, deadline=None, derandomize=True)
@given(
    st.lists(
        st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=300), min_size=2, max_size=2
    )
)
@example(["é" * 120, "é" * 121])
@example(["中" * 120, "中" * 119 + "文"])
@example(["a" * 300, "a" * 301])
@example(["a~b", "a%7Eb"])
def test_output_names_fit_in_bytes_and_never_collide(ids: list[str]) -> None:
    names = [output_name(document_id, ".jsonld") for document_id in ids]
    for name in names:
        # with the temporary name's extras (".NAME.XXXXXXXX.part")
        assert len(name.encode("utf-8")) + 15 <= NAME_MAX_BYTES
        assert "/" not in name
        assert not name.startswith(".")
    if ids[0] != ids[1]:
        assert names[0] != names[1]


def test_a_long_non_ascii_id_is_annotated(tmp_path: Path) -> None:
    source = tmp_path / "corpus.jsonl"
    ids = ["é" * 120, "é" * 121, "تقرير" * 30]
    text = SAMPLES[0].read_text(encoding="utf-8")
    source.write_text("".join(json.dumps({"id": i, "text": text}) + "\n" for i in ids), encoding="utf-8")
    out = tmp_path / "out"
    assert "3 annotated, 0 failed" in run(source, out, "files")
    assert len([p for p in out.iterdir() if p.suffix == ".jsonld"]) == 3
    assert "3 already done" in run(source, out, "files", "--resume")


def test_files_of_one_name_in_two_subfolders(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    for sub, sample in (("one", SAMPLES[0]), ("two", SAMPLES[1])):
        (folder / sub).mkdir(parents=True)
        (folder / sub / "a.txt").write_text(sample.read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "out"
    by_name = run_ctannot("annotate", folder, "-o", out, "-q", "--workers", "1")
    assert by_name.returncode == 1
    failure = json.loads((out / FAILURES_FILE).read_text(encoding="utf-8"))
    assert failure["input"] == "two/a.txt"
    assert "duplicate id" in failure["error"]
    assert "'two/a.txt'" in by_name.stderr or "two/a.txt" in by_name.stderr
    by_path = tmp_path / "by-path"
    both = run_ctannot("annotate", folder, "-o", by_path, "-q", "--workers", "1", "--id-from", "path")
    assert both.returncode == 0, both.stderr
    assert sorted(p.name for p in by_path.glob("*.jsonld")) == ["one%2Fa.jsonld", "two%2Fa.jsonld"]
    document = json.loads((by_path / "two%2Fa.jsonld").read_text(encoding="utf-8"))
    assert document["document"]["documentId"] == "two/a"
