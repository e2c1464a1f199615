"""Helpers of the partitioned-run tests: a small corpus with failures in it, the single-process
run it is compared with, and the output of a partitioned run read back, partition by partition."""

from __future__ import annotations

import gzip
import io
import json
import shutil
from pathlib import Path
from typing import Any

import attrs

from conftest import REPO
from ctannot.api import load_registry
from ctannot.batch import FAILURES_FILE, LINES_FILE, Summary, annotate_corpus
from ctannot.formats.inputs import iter_inputs
from ctannot.formats.table import write_parquet
from ctannot.formats.web_annotation import loads

SAMPLES = sorted((REPO / "corpus_samples").glob("*.txt"))


def make_corpus(folder: Path) -> list[Path]:
    """The inputs: a folder of 15 .txt files (one empty, two in a subfolder) and a gzipped JSON
    Lines file of 6 lines (one not JSON, one with an empty text, one a duplicate id)."""
    texts = folder / "texts"
    (texts / "more").mkdir(parents=True)
    for sample in SAMPLES[:6]:
        for copy in range(2):
            (texts / f"{sample.stem}-{copy}.txt").write_text(
                sample.read_text(encoding="utf-8") + f"\n[{copy}]\n", encoding="utf-8"
            )
    for sample in SAMPLES[6:8]:
        shutil.copy(sample, texts / "more" / sample.name)
    (texts / "empty.txt").write_text("  \n", encoding="utf-8")
    records = [
        {"id": s.stem, "text": s.read_text(encoding="utf-8"), "metadata": {"n": 1}} for s in SAMPLES[8:]
    ]
    lines = [json.dumps(r, ensure_ascii=False) for r in records]
    lines[1:1] = ["not json", json.dumps({"id": "blank", "text": " "})]
    lines.append(json.dumps({"id": records[0]["id"], "text": "Le même id : un doublon."}, ensure_ascii=False))
    news = folder / "news.jsonl.gz"
    news.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode("utf-8")))
    return [texts, news]


@attrs.frozen
class Output:
    """What a run wrote: the JSON-LD lines and the failures, in input order."""

    lines: list[str]
    failures: list[str]
    summary: Summary

    def renamed(self, old: str, new: str) -> Output:
        """The same output, with the inputs read from ``new`` rather than ``old`` (only
        ``source_file`` and a failure's ``input`` say where an input was read from)."""

        def move(text: str) -> str:
            return text.replace(json.dumps(old)[1:-1], json.dumps(new)[1:-1])

        return Output([move(x) for x in self.lines], [move(x) for x in self.failures], self.summary)


def single_process(inputs: list[str], out: Path) -> Output:
    """The run every partitioned run must equal: one process, JSON-LD lines."""
    summary = annotate_corpus(iter_inputs(inputs), out, output_format="jsonld-lines", workers=1)
    failures = out / FAILURES_FILE
    return Output(
        (out / LINES_FILE).read_text(encoding="utf-8").splitlines(),
        failures.read_text(encoding="utf-8").splitlines() if failures.exists() else [],
        summary,
    )


def partitioned(fs: Any, root: str, summary: Summary) -> Output:
    """A partitioned output read back through ``fs``: every partition's lines then failures, in
    partition order. Each partition must have its marker."""
    names = sorted(path.rsplit("/", 1)[-1] for path in fs.ls(root, detail=False))
    stems = sorted({name.split(".", 1)[0] for name in names})
    assert all(f"{stem}.done.json" in names for stem in stems), names
    assert not [name for name in names if name.startswith(".")], names  # no temporary file left
    lines: list[str] = []
    failures: list[str] = []
    for stem in stems:
        lines += gzip.decompress(fs.cat_file(f"{root}/{stem}.jsonld-lines.gz")).decode("utf-8").splitlines()
        if f"{stem}.failures.jsonl" in names:
            failures += fs.cat_file(f"{root}/{stem}.failures.jsonl").decode("utf-8").splitlines()
    return Output(lines, failures, summary)


def table_of(lines: list[str]) -> list[dict[str, Any]]:
    """The flat table of the documents of JSON-LD lines, as pyarrow reads it from Parquet."""
    import pyarrow.parquet as pq

    types = load_registry().types
    handle = io.BytesIO()
    write_parquet((loads(line, types) for line in lines), handle)
    return pq.read_table(io.BytesIO(handle.getvalue())).to_pylist()  # type: ignore[no-any-return]


def parquet_rows(fs: Any, root: str) -> list[dict[str, Any]]:
    """The rows of every partition's Parquet file, in partition order."""
    import pyarrow.parquet as pq

    rows: list[dict[str, Any]] = []
    for path in sorted(fs.glob(f"{root}/part-*.parquet")):
        rows += pq.read_table(io.BytesIO(fs.cat_file(path))).to_pylist()
    return rows


def counts(summary: Summary) -> tuple[int, int, int, int, int]:
    return (summary.annotated, summary.failed, summary.skipped, summary.read, summary.warnings)
