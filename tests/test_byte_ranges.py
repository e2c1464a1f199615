"""Large JSON Lines files cut into byte ranges: every line read once, by one partition, and the
documents annotated as a single-process run annotates them."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

pytest.importorskip("fsspec", reason="partitioned runs need fsspec")

import fsspec

from conftest import run_ctannot
from ctannot.batch import PipelineSpec
from ctannot.batch.partitions import LinesBeginningIn, annotate_partitions, plan_partitions
from partitioned import partitioned, single_process

SAMPLES = sorted((Path(__file__).parent.parent / "corpus_samples").glob("*.txt"))


def sliced(data: bytes, size: int, chunk: int) -> list[bytes]:
    """What each slice of ``size`` bytes of ``data`` reads, through the buffered reader a worker uses."""
    slices = []
    for start in range(0, len(data), size):
        raw = LinesBeginningIn(io.BytesIO(data), start, min(start + size, len(data)), chunk)
        slices.append(io.BufferedReader(raw, max(chunk, 1)).read())
    return slices


@given(
    lines=st.lists(st.binary(max_size=12).map(lambda b: b.replace(b"\n", b"")), max_size=12),
    ends_with_newline=st.booleans(),
    size=st.integers(1, 40),
    chunk=st.integers(1, 9),
)
@example(lines=[b"", b""], ends_with_newline=True, size=1, chunk=1)  # empty lines, one byte each
@example(lines=[b"ab", b"cd"], ends_with_newline=False, size=3, chunk=1)  # a cut on a newline
@example(lines=[b"\x00\x00"], ends_with_newline=False, size=1, chunk=1)  # slices after the last line
def test_slices_hold_every_line_once_in_order(
    lines: list[bytes], ends_with_newline: bool, size: int, chunk: int
) -> None:
    data = b"\n".join(lines) + (b"\n" if ends_with_newline and lines else b"")
    slices = sliced(data, size, chunk)
    assert b"".join(slices) == data
    read = [piece for piece in slices if piece]
    for piece in read[:-1]:  # whole lines: only the file's last one may lack its newline
        assert piece.endswith(b"\n")


def records(count: int) -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in SAMPLES]
    lines = [
        json.dumps({"id": f"doc-{i:03d}", "text": texts[i % len(texts)]}, ensure_ascii=False)
        for i in range(count)
    ]
    lines[5] = "not json"  # a failure, in whichever slice it falls
    return lines


def where_read(text: str) -> str:
    """A line with the place its document was read from left out: a slice numbers its lines
    from its own first (``news.jsonl[4096:8192]:3``), as it cannot know how many came before."""
    return re.sub(r"news\.jsonl(\[\d+:\d+\])?:\d+", "news.jsonl:N", text)


def test_a_large_file_in_slices_is_annotated_as_one_process_does(tmp_path: Path) -> None:
    news = tmp_path / "news.jsonl"
    news.write_text("\n".join(records(40)) + "\n", encoding="utf-8")
    plan = plan_partitions([str(news)], split_bytes=news.stat().st_size // 7)
    assert len(plan) == 8  # seven slices and the remainder
    assert plan[1].name == f"{news}[{plan[1].start}:{plan[1].end}]"
    assert [p.end for p in plan[:-1]] == [p.start for p in plan[1:]]
    assert len({p.digest for p in plan}) == len(plan)
    summary = annotate_partitions(plan, str(tmp_path / "out"), PipelineSpec())
    fs, root = fsspec.core.url_to_fs(str(tmp_path / "out"))
    got = partitioned(fs, root, summary)
    reference = single_process([str(news)], tmp_path / "reference")
    assert [where_read(x) for x in got.lines] == [where_read(x) for x in reference.lines]
    assert [where_read(x) for x in got.failures] == [where_read(x) for x in reference.failures]
    assert (summary.annotated, summary.failed) == (39, 1)


def test_the_command_line_sets_the_slice_size(tmp_path: Path) -> None:
    news = tmp_path / "news.jsonl"
    news.write_text("\n".join(records(40)) + "\n", encoding="utf-8")
    big = tmp_path / "big.jsonl"
    big.write_bytes(news.read_bytes() * (3 * (1 << 20) // news.stat().st_size + 1))  # over 3 MB
    run = run_ctannot("annotate", big, "-o", tmp_path / "out", "--partitioned", "--partition-mb", "1", "-q")
    parts = sorted((tmp_path / "out").glob("part-*.done.json"))
    assert len(parts) == big.stat().st_size // (1 << 20) + 1, run.stderr
