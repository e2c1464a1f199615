"""Partitioned runs in this process, through fsspec's local file system: the partitions' output
equals, line for line, the single-process run's; Parquet parts hold the flat table; a resume
redoes exactly the partitions that are missing or stale; mistakes are told, not raised."""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

import pytest

pytest.importorskip("fsspec", reason="partitioned runs need fsspec")

import fsspec

from conftest import run_ctannot
from ctannot.batch import PipelineSpec
from ctannot.batch.partitions import PlanError, annotate_partitions, plan_partitions
from ctannot.formats.inputs import _walk
from partitioned import Output, counts, make_corpus, parquet_rows, partitioned, single_process, table_of


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    return [str(p) for p in make_corpus(tmp_path_factory.mktemp("corpus"))]


@pytest.fixture(scope="module")
def reference(inputs: list[str], tmp_path_factory: pytest.TempPathFactory) -> Output:
    return single_process(inputs, tmp_path_factory.mktemp("reference"))


def run(inputs: list[str], output: str, **options: object) -> Output:
    summary = annotate_partitions(plan_partitions(inputs), output, PipelineSpec(), **options)  # type: ignore[arg-type]
    fs, root = fsspec.core.url_to_fs(output)
    return partitioned(fs, root, summary)


def test_partitions_are_the_files_in_the_order_one_process_reads_them(inputs: list[str]) -> None:
    texts, news = inputs
    plan = plan_partitions(inputs)
    assert [p.name for p in plan] == [str(path) for path in _walk(Path(texts), "*.txt")] + [news]
    assert [p.number for p in plan] == list(range(16))
    assert plan[0].url == f"file://{texts}/{plan[0].name.rsplit('/', 1)[1]}"
    assert plan[-1].size == os.path.getsize(news)


def test_output_equals_the_single_process_run(inputs: list[str], reference: Output, tmp_path: Path) -> None:
    got = run(inputs, str(tmp_path / "out"))
    assert got.lines == reference.lines
    assert got.failures == reference.failures
    assert len(got.failures) == 4  # the empty file; not JSON, an empty text, a duplicate id
    assert counts(got.summary) == counts(reference.summary) == (18, 4, 0, 22, 0)
    assert got.summary.megabytes == pytest.approx(reference.summary.megabytes)


def test_file_urls_name_their_inputs_as_urls(inputs: list[str], reference: Output, tmp_path: Path) -> None:
    texts, news = inputs
    got = run([f"file://{texts}", f"file://{news}"], f"file://{tmp_path}/out/", workers=2)
    expected = reference.renamed(news, f"file://{news}").renamed(texts, f"file://{texts}")
    assert (got.lines, got.failures) == (expected.lines, expected.failures)
    assert counts(got.summary) == counts(reference.summary)


def test_parquet_parts_hold_the_flat_table(inputs: list[str], reference: Output, tmp_path: Path) -> None:
    out = tmp_path / "out"
    got = run(inputs, str(out), parquet=True)
    assert got.lines == reference.lines
    rows = parquet_rows(fsspec.filesystem("file"), str(out))
    assert rows == table_of(reference.lines)
    assert sum(1 for row in rows if row["id"] is None) == 18  # one row per document, then its annotations


def test_resume_redoes_exactly_what_is_missing_or_stale(inputs: list[str], tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    texts, news = make_corpus(corpus)
    out = tmp_path / "out"
    first = run([str(texts), str(news)], str(out))
    assert first.summary.annotated == 18
    plan = plan_partitions([str(texts), str(news)])
    by_name = {Path(p.name).name: p for p in plan}
    # a partition whose marker is lost (a worker killed before it wrote it), one whose input
    # changed since, a temporary file a killed worker left, and a partition of another run
    (out / f"{by_name[SAMPLE_0].stem}.done.json").unlink()
    changed = texts / SAMPLE_1
    changed.write_text(changed.read_text(encoding="utf-8") + "Le GAFI s'est réuni.\n", encoding="utf-8")
    (out / ".part-00003.jsonld-lines.gz.x1y2.part").write_bytes(b"cut sho")
    (out / "part-00099.jsonld-lines.gz").write_bytes(gzip.compress(b"{}\n"))
    (out / "part-00099.done.json").write_text(json.dumps({"partition": 99}), encoding="utf-8")

    resumed = run([str(texts), str(news)], str(out), resume=True)
    assert (resumed.summary.annotated, resumed.summary.skipped, resumed.summary.failed) == (2, 16, 0)
    fresh = run([str(texts), str(news)], str(tmp_path / "fresh"))
    assert (resumed.lines, resumed.failures) == (fresh.lines, fresh.failures)

    again = run([str(texts), str(news)], str(out), resume=True)
    assert (again.summary.annotated, again.summary.skipped, again.summary.read) == (0, 18, 0)
    # another pipeline (here, other options) makes every partition stale
    other = annotate_partitions(plan, str(out), PipelineSpec(rule_timeout=9.0), resume=True)
    assert (other.annotated, other.skipped) == (18, 0)


SAMPLE_0 = "en_02_christchurch_call_paris-0.txt"
SAMPLE_1 = "en_03_coalition_riyadh-1.txt"


def test_a_fresh_run_removes_the_partitions_of_an_earlier_one(inputs: list[str], tmp_path: Path) -> None:
    out = tmp_path / "out"
    run(inputs, str(out), parquet=True)
    got = run(inputs[1:], str(out))  # one partition now, no Parquet
    assert sorted(p.name for p in out.iterdir()) == [
        "part-00000.done.json",
        "part-00000.failures.jsonl",
        "part-00000.jsonld-lines.gz",
    ]
    assert (got.summary.annotated, got.summary.failed) == (4, 3)


@pytest.mark.parametrize(
    ("given", "message"),
    [
        (["nowhere/"], "nowhere/: no such file or folder"),
        (["-"], "standard input (-) cannot be partitioned"),
        (["{tmp}/*.nothing"], "*.nothing: no file matches"),
        (["{tmp}/notes.md"], "notes.md: unsupported input: give .txt, .jsonl or .jsonl.gz files"),
        (["{tmp}"], "folder has no files matching '*.txt'"),
        (["nostore://bucket/a.jsonl"], "nostore://bucket/a.jsonl: Protocol not known: nostore"),
    ],
)
def test_what_cannot_be_planned_is_told(tmp_path: Path, given: list[str], message: str) -> None:
    (tmp_path / "notes.md").write_text("# notes\n", encoding="utf-8")
    with pytest.raises(PlanError, match=None) as raised:
        plan_partitions([g.format(tmp=tmp_path) for g in given])
    assert message in str(raised.value)


def test_command_line(inputs: list[str], reference: Output, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run_ctannot("annotate", *inputs, "-o", out, "--partitioned", "--workers", "1", "-q")
    assert result.returncode == 1, result.stderr
    assert result.stdout == ""
    assert "news.jsonl.gz: 3 inputs not annotated (see " in result.stderr
    summary = (
        f"ctannot: 16 partitions: 18 annotated, 4 failed, 0 warnings, {reference.summary.megabytes:.2f} MB"
    )
    assert summary in result.stderr
    assert result.stderr.rstrip().endswith(f"(see {out}/part-*.failures.jsonl) -> {out}")
    got = partitioned(fsspec.filesystem("file"), str(out), reference.summary)
    assert got.lines == reference.lines

    resumed = run_ctannot("annotate", *inputs, "-o", f"file://{out}", "--resume", "--workers", "1")
    assert resumed.returncode == 0, resumed.stderr
    assert "ctannot: 16 partitions: 0 annotated, 0 failed, 18 already done" in resumed.stderr
    assert f"{inputs[1]}: 4 annotated, already done -> file://{out}/part-00015" in resumed.stdout


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--partitioned", "--output-format", "files"], "--output-format files is not for partitioned runs"),
        (["--output-format", "parquet"], "--output-format parquet is for partitioned runs"),
        (
            ["--partitioned", "--format", "brat"],
            "partitioned runs write JSON-LD lines, with the jsonld format",
        ),
        (["--partitioned", "--glob", "*.md"], "folder has no files matching '*.md'"),
    ],
)
def test_command_line_mistakes_exit_2(
    inputs: list[str], tmp_path: Path, options: list[str], message: str
) -> None:
    result = run_ctannot("annotate", inputs[0], "-o", tmp_path / "out", *options)
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith("ctannot: error: ")
    assert message in result.stderr
    assert "Traceback" not in result.stderr
