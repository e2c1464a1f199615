"""Hostile and broken inputs: each file of tests/hostile/ is annotated with offsets into the text
as read, or refused with a message naming it, as tests/hostile/expected.toml says; the batch
goes on, and every input is accounted for. Readers get arbitrary bytes too (hypothesis)."""

from __future__ import annotations

import io
import json
import re
import tomllib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from conftest import REPO, examples, run_ctannot
from ctannot.batch import FAILURES_FILE
from ctannot.formats.inputs import InputError, decode_text_file, iter_inputs, read_jsonl_stream
from ctannot.model import Document

HOSTILE = REPO / "tests" / "hostile"
EXPECTED: dict[str, dict[str, str]] = tomllib.loads((HOSTILE / "expected.toml").read_text("utf-8"))
NEWS = "Le Conseil de sécurité de l'ONU a condamné mardi l'attaque revendiquée par Daech au Sahel. "


def check_offsets(collection: dict[str, Any], text: str) -> int:
    """Every annotation's position selector cuts its quote out of ``text``; returns how many."""
    count = 0
    page: dict[str, Any] | None = collection.get("first")
    while page:
        for item in page["items"]:
            selectors = {s["type"]: s for s in item["target"]["selector"]}
            position, quote = selectors["TextPositionSelector"], selectors["TextQuoteSelector"]
            assert text[position["start"] : position["end"]] == quote["exact"]
            count += 1
        page = page.get("next") if isinstance(page.get("next"), dict) else None
    return count


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("hostile") / "out"
    run = run_ctannot("annotate", HOSTILE, HOSTILE / "hostile.jsonl", "-o", out, "--workers", "2")
    assert "Traceback" not in run.stderr
    assert run.returncode == 1  # some inputs are refused: the run says so
    return out, run.stderr


def test_every_input_is_annotated_or_refused_as_expected(hostile_run: tuple[Path, str]) -> None:
    out, stderr = hostile_run
    failures = {
        Path(r["input"]).name: r
        for r in map(json.loads, (out / FAILURES_FILE).read_text("utf-8").splitlines())
    }
    refused = {name for name, e in EXPECTED.items() if e["outcome"] == "refused"}
    assert set(failures) == refused
    for name in refused:
        assert EXPECTED[name]["message"] in failures[name]["error"], name
        assert re.search(rf"/{re.escape(name)}[:)]", stderr), name  # the message names file (and line)
    annotated = {name for name, e in EXPECTED.items() if e["outcome"] == "annotated"}
    outputs = {p.name for p in out.glob("*.jsonld")}
    expected_outputs = {EXPECTED[n].get("id", n.removesuffix(".txt")) + ".jsonld" for n in annotated}
    assert outputs == expected_outputs
    assert f"{len(annotated)} annotated, {len(refused)} failed" in stderr


def strict_json(text: str) -> Any:
    """``json.loads`` as any other parser reads JSON: no NaN or Infinity."""

    def refuse(name: str) -> Any:
        raise AssertionError(f"{name} written into output: not JSON")

    return json.loads(text, parse_constant=refuse)


def test_everything_written_is_standard_json(hostile_run: tuple[Path, str]) -> None:
    out, _ = hostile_run
    for path in out.glob("*.jsonld"):
        strict_json(path.read_text("utf-8"))
    for line in (out / FAILURES_FILE).read_text("utf-8").splitlines():
        strict_json(line)


@pytest.mark.parametrize(
    "name", sorted(n for n, e in EXPECTED.items() if e["outcome"] == "annotated" and n.endswith(".txt"))
)
def test_text_files_are_annotated_on_the_text_as_read(hostile_run: tuple[Path, str], name: str) -> None:
    out, _ = hostile_run
    text = decode_text_file((HOSTILE / name).read_bytes(), name)
    collection = json.loads((out / name.replace(".txt", ".jsonld")).read_text("utf-8"))
    assert collection["document"]["value"] == text
    assert check_offsets(collection, text) > 0  # the news inside is found, whatever surrounds it


def test_bom_is_not_part_of_the_text_and_line_ends_are_kept() -> None:
    bom = decode_text_file((HOSTILE / "utf8_bom.txt").read_bytes(), "utf8_bom.txt")
    assert bom.startswith("Le Conseil")
    crlf = decode_text_file((HOSTILE / "crlf.txt").read_bytes(), "crlf.txt")
    assert "\r\n" in crlf
    assert decode_text_file((HOSTILE / "utf16_le_bom.txt").read_bytes(), "x") == bom


def test_jsonl_with_a_nul_keeps_it(hostile_run: tuple[Path, str]) -> None:
    out, _ = hostile_run
    collection = json.loads((out / "nul-inside.jsonld").read_text("utf-8"))
    assert "\x00" in collection["document"]["value"]
    check_offsets(collection, collection["document"]["value"])


def test_a_single_line_of_two_megabytes_is_annotated(tmp_path: Path) -> None:
    """No newline, so one paragraph: look-ups must stay local for this to end (it took minutes
    when paragraphs were searched from their start for every name found). The test's own time
    limit (pytest-timeout, 300 s) catches that; the extractors' limit stays the default, since a
    loaded machine took more than 120 s where an idle one takes a fraction of it."""
    text = (NEWS * (2_000_000 // len(NEWS) + 1))[:2_000_000]
    (tmp_path / "one-line.txt").write_text(text, encoding="utf-8")
    run = run_ctannot("annotate", tmp_path / "one-line.txt", "-o", tmp_path / "out")
    assert run.returncode == 0, run.stderr
    collection = json.loads((tmp_path / "out" / "one-line.jsonld").read_text("utf-8"))
    assert check_offsets(collection, text) > 20_000


def test_a_single_line_of_fifty_megabytes_is_refused_by_name_and_line(tmp_path: Path) -> None:
    """Past the default limit of 10 million characters: refused at once, with the limit to raise."""
    line = ("Daech a frappé. " * (50_000_000 // 16 + 1))[:50_000_000]  # no newline in it
    (tmp_path / "big.txt").write_text(line, encoding="utf-8")
    lines = [json.dumps({"id": "small", "text": NEWS}), json.dumps({"id": "huge", "text": line})]
    (tmp_path / "corpus.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    run = run_ctannot("annotate", tmp_path / "big.txt", tmp_path / "corpus.jsonl", "-o", out)
    assert run.returncode == 1
    # the file from its size, before it is read; the line once read (it is within the line's cap)
    too_big = "53,125,000 bytes, more than a text of 10,000,000 characters can take (--max-chars)"
    assert f"{tmp_path / 'big.txt'}: {too_big}" in run.stderr
    refusal = "50,000,000 characters, more than the limit of 10,000,000 (--max-chars)"
    assert f"{tmp_path / 'corpus.jsonl'}:2: {refusal}" in run.stderr
    assert sorted(p.name for p in out.glob("*.jsonld")) == ["small.jsonld"]


@settings(max_examples=examples(300), deadline=None)
@given(st.binary(max_size=600))
def test_arbitrary_bytes_as_a_text_file_give_text_or_a_clear_refusal(data: bytes) -> None:
    try:
        text = decode_text_file(data, "fuzz.txt")
    except InputError as exc:
        refused = str(exc)
    else:
        text.encode("utf-8")  # valid Unicode: it can be written out
        return
    assert refused.startswith("fuzz.txt: ")


@settings(max_examples=examples(300), deadline=None)
@given(st.lists(st.one_of(st.binary(max_size=120), st.from_type(str).map(lambda s: s.encode())), max_size=6))
@example([b'{"id": "x", "text": "Daech", "metadata": {"score": NaN}}'])  # NaN was read, and written
@example([b'{"id": "x", "text": "Daech", "metadata": {"n": ' + b"9" * 5000 + b"}}"])  # a ValueError
def test_arbitrary_jsonl_lines_give_documents_or_errors_by_line(lines: list[bytes]) -> None:
    data = b"\n".join(line.replace(b"\n", b" ") for line in lines)
    for item in read_jsonl_stream(io.BytesIO(data), "fuzz.jsonl"):
        if isinstance(item, InputError):
            assert item.where.startswith("fuzz.jsonl")
        else:
            assert isinstance(item, Document)
            item.text.encode("utf-8")
            json.dumps(dict(item.metadata), ensure_ascii=False, allow_nan=False).encode("utf-8")


def test_iter_inputs_accounts_for_every_file_of_the_hostile_folder() -> None:
    items = list(iter_inputs([HOSTILE]))
    assert len(items) == len([n for n in EXPECTED if n.endswith(".txt")])
