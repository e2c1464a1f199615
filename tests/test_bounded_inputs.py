"""Limits are checked while reading, not after: a file too big for ``--max-chars`` is refused from
its size, a JSON line too long as it is read (a small ``.jsonl.gz`` can hold a huge one), a
JSON-LD file from its size; and what is not a regular file (a FIFO, a device, a symlink to one)
is refused by name without being opened, so that a FIFO in an input folder cannot hang the run.
The subprocesses have a timeout: a hang fails the test instead of stalling the suite."""

from __future__ import annotations

import gzip
import io
import json
import os
from pathlib import Path

import pytest

from conftest import run_ctannot
from ctannot.formats import FormatError, read_text
from ctannot.formats.inputs import InputError, read_jsonl, read_jsonl_stream, read_txt

NEWS = "Le GAFI s'est réuni à Paris pour parler du financement de Daech."

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs (POSIX)")


def _specials(folder: Path) -> None:
    os.mkfifo(folder / "pipe.txt")
    (folder / "zero.txt").symlink_to("/dev/zero")
    (folder / "null.jsonl").symlink_to("/dev/null")


def test_a_fifo_and_devices_in_an_input_folder_are_refused_by_name(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "news.txt").write_text(NEWS, encoding="utf-8")
    _specials(corpus)
    out = tmp_path / "out"
    run = run_ctannot("annotate", corpus, corpus / "null.jsonl", "-o", out, "-q", timeout=120)
    assert run.returncode == 1, run.stderr
    assert "Traceback" not in run.stderr
    assert f"ctannot: skipped {corpus / 'pipe.txt'}: a FIFO (named pipe), not a file" in run.stderr
    assert f"ctannot: skipped {corpus / 'zero.txt'}: a character device, not a file" in run.stderr
    assert f"ctannot: skipped {corpus / 'null.jsonl'}: a character device, not a file" in run.stderr
    assert sorted(p.name for p in out.glob("*.jsonld")) == ["news.jsonld"]


def test_the_readers_refuse_specials_without_opening_them(tmp_path: Path) -> None:
    """Opening the FIFO would wait for a writer for ever: these return at once."""
    _specials(tmp_path)
    with pytest.raises(InputError, match=r"pipe\.txt: a FIFO"):
        read_txt(tmp_path / "pipe.txt")
    with pytest.raises(InputError, match=r"zero\.txt: a character device"):
        read_txt(tmp_path / "zero.txt", max_chars=None)
    [refused] = read_jsonl(tmp_path / "null.jsonl")
    assert isinstance(refused, InputError)
    assert "a character device" in str(refused)
    os.mkfifo(tmp_path / "pipe.jsonld")
    with pytest.raises(FormatError, match=r"pipe\.jsonld: a FIFO"):
        read_text(tmp_path / "pipe.jsonld")
    run = run_ctannot("show", tmp_path / "pipe.jsonld", timeout=120)
    assert run.returncode == 1
    refusal = "a FIFO (named pipe), not a file: refused without reading it"
    assert run.stderr == f"ctannot: {tmp_path / 'pipe.jsonld'}: {refusal}\n"


def test_a_text_file_too_big_is_refused_from_its_size(tmp_path: Path) -> None:
    """A sparse file of 8 GB: reading it first took gigabytes of memory."""
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:
        handle.truncate(8_000_000_000)
    with pytest.raises(InputError) as caught:
        read_txt(huge, max_chars=10_000_000)
    assert str(caught.value) == (
        f"{huge}: 8,000,000,000 bytes, more than a text of 10,000,000 characters can take "
        "(--max-chars): split it, or raise the limit"
    )


def test_a_jsonld_file_too_big_is_refused_from_its_size(tmp_path: Path) -> None:
    huge = tmp_path / "huge.jsonld"
    with huge.open("wb") as handle:
        handle.truncate(3_000_000_000)
    run = run_ctannot("show", huge, timeout=120)
    assert run.returncode == 1
    assert run.stderr == f"ctannot: {huge}: 3,000,000,000 bytes, more than ctannot reads (1,000,000,000)\n"


def test_a_huge_line_in_a_small_gzip_file_is_refused_as_it_is_read(tmp_path: Path) -> None:
    """Two megabytes of one line in a gzip file of a few kilobytes; the cap for 1,000 characters is
    12,000 bytes and a megabyte. The lines after it are read."""
    path = tmp_path / "bomb.jsonl.gz"
    with gzip.open(path, "wb") as handle:
        handle.write(json.dumps({"id": "huge", "text": "a" * 2_000_000}).encode() + b"\n")
        handle.write(json.dumps({"id": "after", "text": NEWS}).encode() + b"\n")
    assert path.stat().st_size < 10_000
    refused, after = read_jsonl(path, max_chars=1000)
    assert isinstance(refused, InputError)
    assert str(refused) == (
        f"{path}:1: a line of more than 1,060,576 bytes, more than a document of 1,000 characters can "
        "take (--max-chars): split it, or raise the limit"
    )
    assert not isinstance(after, InputError)
    assert after.id == "after"


def test_a_line_is_capped_on_standard_input_too() -> None:
    data = b'{"id": "x", "text": "' + b"a" * 1_100_000 + b'"}\n{"id": "y", "text": "Daech"}\n'
    refused, after = read_jsonl_stream(io.BytesIO(data), "<stdin>", max_chars=10)
    assert isinstance(refused, InputError)
    assert refused.where == "<stdin>:1"
    assert not isinstance(after, InputError)
    assert after.text == "Daech"


def test_report_skips_a_fifo_named_as_a_lines_file(tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    os.mkfifo(folder / "annotations.jsonld.jsonl")
    run = run_ctannot("report", folder, "-o", tmp_path / "report.html", timeout=120)
    assert "Traceback" not in run.stderr
    assert f"{folder / 'annotations.jsonld.jsonl'}: a FIFO (named pipe), not a file" in run.stderr
