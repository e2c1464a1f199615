"""`ctannot export`, gold from brat and tables in `ctannot evaluate`, and the formats in `annotate`."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from conftest import REPO, run_ctannot
from ctannot import Document, Exporter, FormatError, load_registry
from ctannot.api import read_documents
from ctannot.formats import export_documents

SAMPLES = REPO / "corpus_samples"
FORMATS = ("brat", "csv", "jsonld", "ntriples", "parquet", "turtle", "xmi")


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("out")
    run = run_ctannot("annotate", "-q", "--workers", "1", SAMPLES, "-o", folder)
    assert run.returncode == 0, run.stderr
    return folder


def _scores(gold: Path, pred: Path) -> dict[str, object]:
    run = run_ctannot("evaluate", "--json", gold, pred)
    assert run.returncode == 0, run.stderr
    scores: dict[str, object] = json.loads(run.stdout)
    return scores


def test_plugins_lists_the_formats() -> None:
    run = run_ctannot("plugins", "--json")
    rows = {row["name"]: row for row in json.loads(run.stdout)}
    provides = rows["ctannot.builtin.formats"]["provides"]
    assert provides["exporters"] == list(FORMATS)
    assert provides["importers"] == ["brat", "csv", "jsonld", "jsonld-lines", "parquet"]


def test_export_to_every_format(out: Path, tmp_path: Path) -> None:
    jsonld = sorted(p.name for p in out.glob("*.jsonld"))
    for fmt in ("csv", "parquet"):
        run = run_ctannot("export", out, "--to", fmt, "-o", tmp_path / f"corpus.{fmt}")
        assert run.returncode == 0, run.stderr
        assert f"exported {len(jsonld)} documents as {fmt}" in run.stderr
    with (tmp_path / "corpus.csv").open(encoding="utf-8", newline="") as handle:
        table = list(csv.DictReader(handle))
    assert len({r["document"] for r in table}) == len(jsonld)
    assert pq.read_table(tmp_path / "corpus.parquet").num_rows == len(table)
    suffixes = {"brat": ".ann", "xmi": ".xmi", "turtle": ".ttl", "ntriples": ".nt", "jsonld": ".jsonld"}
    for fmt, suffix in suffixes.items():
        run = run_ctannot("export", out, "--to", fmt, "-o", tmp_path / fmt)
        assert run.returncode == 0, run.stderr
        assert sorted(p.name for p in (tmp_path / fmt).glob(f"*{suffix}")) == [
            name.replace(".jsonld", suffix) for name in jsonld
        ]
    assert (tmp_path / "xmi" / "TypeSystem.xml").is_file()
    assert len(list((tmp_path / "brat").glob("*.txt"))) == len(jsonld)
    for name in jsonld:  # JSON-LD to JSON-LD: the very files
        assert (tmp_path / "jsonld" / name).read_bytes() == (out / name).read_bytes()


def test_every_table_and_brat_folder_is_a_gold_set(out: Path, tmp_path: Path) -> None:
    """Predictions exported and read back as gold score perfectly: nothing was lost on the way."""
    run_ctannot("export", out, "--to", "csv", "-o", tmp_path / "gold.csv")
    run_ctannot("export", out, "--to", "parquet", "-o", tmp_path / "gold.parquet")
    run_ctannot("export", out, "--to", "brat", "-o", tmp_path / "brat")
    itself = _scores(out, out)
    assert itself["micro_F1"] == itself["micro_strict_F1"] == 1.0
    for gold in (tmp_path / "gold.csv", tmp_path / "gold.parquet", tmp_path / "brat"):
        assert _scores(gold, out) == itself, gold


def test_a_gold_set_corrected_in_brat(out: Path, tmp_path: Path) -> None:
    """The annotator deletes a Forum the rules found and moves the end of a Threat."""
    run_ctannot("export", out, "--to", "brat", "-o", tmp_path / "brat")
    ann = tmp_path / "brat" / "fr_01_gctf_mineurs_new_york.ann"
    lines = ann.read_text(encoding="utf-8").splitlines()
    forum = next(line.split("\t")[0] for line in lines if line.split("\t")[1].startswith("Forum "))
    threat = next(i for i, line in enumerate(lines) if line.split("\t")[1].startswith("Threat "))
    t_id, spec, text = lines[threat].split("\t")
    kind, start, end = spec.split()
    lines[threat] = f"{t_id}\t{kind} {start} {int(end) - 1}\t{text[:-1]}"
    kept = [line for line in lines if forum not in re.split(r"[\t :]", line)]  # its T, A, # and R lines
    ann.write_text("\n".join(kept) + "\n", encoding="utf-8")
    scores = _scores(tmp_path / "brat", out)
    types = scores["types"]
    assert isinstance(types, dict)
    assert types["Forum"]["pred"] == types["Forum"]["gold"] + 1
    assert types["Threat"]["relaxed"] == types["Threat"]["gold"]
    assert types["Threat"]["strict"] == types["Threat"]["gold"] - 1


def test_annotate_writes_brat_xmi_and_parquet(tmp_path: Path) -> None:
    text = SAMPLES / "fr_01_gctf_mineurs_new_york.txt"
    for fmt in ("brat", "xmi", "parquet"):
        run = run_ctannot("annotate", "-q", "--format", fmt, text, "-o", tmp_path / fmt)
        assert run.returncode == 0, run.stderr
    assert sorted(p.name for p in (tmp_path / "brat").iterdir() if not p.name.startswith(".")) == [
        "fr_01_gctf_mineurs_new_york.ann",
        "fr_01_gctf_mineurs_new_york.txt",
    ]
    assert (tmp_path / "brat" / "fr_01_gctf_mineurs_new_york.txt").read_bytes() == text.read_bytes()
    assert (tmp_path / "xmi" / "TypeSystem.xml").is_file()
    registry = load_registry(load_entrypoints=False)
    (from_brat,) = read_documents(tmp_path / "brat", registry)
    (from_parquet,) = read_documents(tmp_path / "parquet", registry)
    spans = sorted((a.type_name, a.start, a.end) for a in from_parquet.annotations())
    assert spans
    assert sorted((a.type_name, a.start, a.end) for a in from_brat.annotations()) == spans
    run = run_ctannot("show", tmp_path / "parquet" / "fr_01_gctf_mineurs_new_york.parquet")
    assert run.returncode == 0, run.stderr
    assert "layer mentions by rules.mentions" in run.stdout


# -- mistakes --------------------------------------------------------------------------------------


def test_export_mistakes_are_one_line(out: Path, tmp_path: Path) -> None:
    run = run_ctannot("export", tmp_path / "nowhere", "--to", "csv", "-o", tmp_path / "x.csv")
    assert (run.returncode, run.stderr) == (
        2,
        f"ctannot: error: {tmp_path / 'nowhere'}: no such file or folder\n",
    )
    run = run_ctannot("export", out, "--to", "docx", "-o", tmp_path / "x")
    assert run.returncode == 2
    assert run.stderr.startswith("ctannot: error: unknown format 'docx'; known: brat, csv, jsonld")
    run = run_ctannot("export", out, "--to", "csv", "-o", tmp_path)
    assert (run.returncode, run.stderr) == (
        2,
        f"ctannot: error: {tmp_path}: is a folder; the csv format writes one file\n",
    )
    (tmp_path / "empty").mkdir()
    run = run_ctannot("export", tmp_path / "empty", "--to", "brat", "-o", tmp_path / "b")
    assert run.returncode == 2
    kinds = ".ann, .csv, .jsonld, .jsonld.jsonl, .jsonld.jsonl.gz, .parquet"
    assert f"no annotated documents ({kinds} files)" in run.stderr


def test_a_bad_file_stops_the_export_and_leaves_no_table(out: Path, tmp_path: Path) -> None:
    source = tmp_path / "source"
    source.mkdir()
    for path in sorted(out.glob("*.jsonld"))[:2]:
        (source / path.name).write_bytes(path.read_bytes())
    (source / "zz_bad.txt").write_text("Le GCTF.", encoding="utf-8")
    (source / "zz_bad.ann").write_text("T1\tForum 3 7\tGCTF\nT2\tForum 3 9\tGCTF.\n", encoding="utf-8")
    run = run_ctannot("export", source, "--to", "parquet", "-o", tmp_path / "t.parquet")
    assert run.returncode == 2
    assert (
        run.stderr
        == f"ctannot: error: {source / 'zz_bad.ann'}:2: span 3 9 is not inside a text of 8 characters\n"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["source"]  # no table, and nothing half-written
    run = run_ctannot("evaluate", source, out)
    assert (run.returncode, "Traceback" in run.stderr) == (2, False)
    assert "zz_bad.ann:2: span 3 9" in run.stderr


def test_an_exporter_that_fails_is_named(tmp_path: Path) -> None:
    broken = Exporter("broken", ".x", lambda document: str(1 / len(document.text)))
    with pytest.raises(FormatError, match=r"document 'empty': the broken exporter failed: ZeroDivisionError"):
        export_documents([Document("full", "text"), Document("empty", "")], broken, tmp_path, {})
    assert [p.name for p in tmp_path.iterdir()] == ["full.x"]
    with pytest.raises(FormatError, match=r"document 'full' comes twice"):
        export_documents([Document("full", "a"), Document("full", "b")], broken, tmp_path / "b", {})
