"""The command line, run for real in a subprocess: annotate, show, plugins, and its errors."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from unittest.mock import ANY

import pytest

from conftest import run_ctannot, shared_path
from ctannot import Actor, Document, Provenance, Statement
from ctannot.batch import FAILURES_FILE
from ctannot.batch.records import RECORDS_FILE
from ctannot.formats.web_annotation import loads, to_jsonld

FR = (
    "Le Forum mondial de lutte contre le terrorisme s'est réuni jeudi à Rabat pour évaluer la "
    "menace de Daech au Sahel.\n\n"
    "« Nous devons tarir les sources de financement des groupes armés », a déclaré Marie Lefèvre, "
    "coordinatrice de la réunion.\n"
)
EN = (
    "Ministers of the Global Counterterrorism Forum met in Madrid on Tuesday to review the threat "
    "that ISIS still poses in the Sahel.\n\n"
    '"We must cut off the money that feeds these armed groups," said Daniel Okafor, who chaired '
    "the session.\n"
)


def leftovers(folder: Path) -> list[str]:
    """Temporary or partial files left in an output folder (its records aside)."""
    return sorted(
        p.name
        for p in folder.iterdir()
        if (p.name.startswith(".") or p.suffix == ".part") and p.name != RECORDS_FILE
    )


def outputs(out: Path) -> list[str]:
    """The output files of a run, without its failures file and its records."""
    return sorted(p.name for p in out.iterdir() if p.name not in (FAILURES_FILE, RECORDS_FILE))


@pytest.fixture
def texts_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "texts"
    folder.mkdir()
    (folder / "depeche_fr.txt").write_text(FR, encoding="utf-8")
    (folder / "wire_en.txt").write_text(EN, encoding="utf-8")
    return folder


def test_annotate_a_folder_and_show_it(texts_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run = run_ctannot("annotate", texts_dir, "-o", out, cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert outputs(out) == ["depeche_fr.jsonld", "wire_en.jsonld"]
    assert "2 annotated, 0 failed" in run.stderr
    for name, text, lang in [("depeche_fr", FR, "fr"), ("wire_en", EN, "en")]:
        doc = loads((out / f"{name}.jsonld").read_text(encoding="utf-8"))
        assert (doc.id, doc.text, doc.lang) == (name, text, lang)
        assert doc.metadata == {"source_file": f"{name}.txt"}
        assert doc.layer_names == ("mentions", "statements")
        assert list(doc.annotations(Statement))

    show = run_ctannot("show", out / "depeche_fr.jsonld", out / "wire_en.jsonld", cwd=tmp_path)
    assert show.returncode == 0, show.stderr
    assert "depeche_fr (fr, " in show.stdout
    assert "wire_en (en, " in show.stdout
    assert "layer mentions by rules.mentions" in show.stdout
    assert "Statement" in show.stdout
    assert "<- Marie Lefèvre" in show.stdout
    assert "<- Daniel Okafor" in show.stdout


def test_show_reports_a_broken_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonld"
    bad.write_text('{"@context": "nope"}', encoding="utf-8")
    run = run_ctannot("show", bad, cwd=tmp_path)
    assert run.returncode == 1
    assert str(bad) in run.stderr
    assert "@context" in run.stderr
    assert "Traceback" not in run.stderr


def test_show_survives_a_speaker_given_as_an_array(tmp_path: Path) -> None:
    """A file from another JSON-LD tool may give a single link as an array of one."""
    text = "Le ministre a parlé longuement de la menace."
    doc = Document("arr", text, "fr")
    b = doc.new_layer("m", Provenance("test", "1"))
    b.add(Actor, 3, 11, id="a1", kind="person")
    b.add(Statement, 12, len(text) - 1, id="s1", speaker="a1")
    data = to_jsonld(doc.with_layer(b.build()))
    body = next(i["body"] for i in data["first"]["items"] if i["body"]["type"] == "Statement")
    body["speaker"] = [body["speaker"]]
    path = tmp_path / "arr.jsonld"
    path.write_text(json.dumps(data), encoding="utf-8")
    run = run_ctannot("show", path, cwd=tmp_path)
    assert "Traceback" not in run.stderr
    assert run.returncode in (0, 1)
    if run.returncode == 0:
        assert "<- ministre" in run.stdout
    else:
        assert str(path) in run.stderr


def failures(out: Path) -> list[dict[str, str | None]]:
    lines = (out / FAILURES_FILE).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


def test_jsonl_with_bad_lines(tmp_path: Path) -> None:
    source = tmp_path / "batch.jsonl"
    lines = [
        '{"id": "broken", "text": "Daech" ',
        json.dumps({"id": "no-text", "lang": "fr"}),
        json.dumps({"id": "good", "text": FR, "lang": "fr", "metadata": {"url": "https://example.org/1"}}),
    ]
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    run = run_ctannot("annotate", source, "-o", out, cwd=tmp_path)
    assert run.returncode == 1
    assert f"{source}:1: not valid JSON" in run.stderr
    assert f"{source}:2: missing 'text'" in run.stderr
    assert f"{source}:3" not in run.stderr
    assert "1 annotated, 2 failed" in run.stderr
    assert "Traceback" not in run.stderr
    assert outputs(out) == ["good.jsonld"]
    assert [f["input"] for f in failures(out)] == [f"{source}:1", f"{source}:2"]
    doc = loads((out / "good.jsonld").read_text(encoding="utf-8"))
    assert doc.metadata == {"source_file": f"{source}:3", "url": "https://example.org/1"}


def test_bad_text_files_beside_a_good_one(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(FR, encoding="utf-8")
    (folder / "latin1.txt").write_bytes(b"Le Forum mondial s'est r\xe9uni \xe0 Rabat.")
    (folder / "empty.txt").write_bytes(b"")
    out = tmp_path / "out"
    run = run_ctannot("annotate", folder, "-o", out, cwd=tmp_path)
    assert run.returncode == 1
    assert f"{folder / 'latin1.txt'}: not UTF-8" in run.stderr
    assert f"{folder / 'empty.txt'}: empty" in run.stderr
    assert "1 annotated, 2 failed" in run.stderr
    assert "Traceback" not in run.stderr
    assert outputs(out) == ["good.jsonld"]
    assert [f["input"] for f in failures(out)] == [str(folder / "empty.txt"), str(folder / "latin1.txt")]
    assert leftovers(out) == []
    assert loads((out / "good.jsonld").read_text(encoding="utf-8")).text == FR


def test_output_files_follow_the_umask(texts_dir: Path, tmp_path: Path) -> None:
    """Output files are ordinary files: readable by whoever the umask lets read them."""
    out = tmp_path / "out"
    run = run_ctannot("annotate", "-q", texts_dir, "-o", out, cwd=tmp_path, umask=0o022)
    assert run.returncode == 0, run.stderr
    modes = {p.name: oct(p.stat().st_mode & 0o777) for p in out.iterdir()}
    assert modes == {"depeche_fr.jsonld": oct(0o644), "wire_en.jsonld": oct(0o644), RECORDS_FILE: oct(0o644)}


def test_whitespace_only_file_is_empty(tmp_path: Path) -> None:
    blank = tmp_path / "blank.txt"
    blank.write_text(" \r\n\u00a0\n", encoding="utf-8")
    out = tmp_path / "out"
    run = run_ctannot("annotate", blank, "-o", out, cwd=tmp_path)
    assert run.returncode == 1
    assert f"{blank}: empty" in run.stderr
    assert outputs(out) == []
    assert failures(out) == [
        {"input": str(blank), "document": "blank", "extractor": None, "plugin": None, "error": ANY}
    ]


def test_duplicate_ids_in_jsonl(tmp_path: Path) -> None:
    source = tmp_path / "dups.jsonl"
    first = {"id": "same", "text": FR, "lang": "fr"}
    second = {"id": "same", "text": EN, "lang": "en"}
    source.write_text(json.dumps(first) + "\n" + json.dumps(second) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    run = run_ctannot("annotate", source, "-o", out, cwd=tmp_path)
    assert run.returncode == 1
    assert "'same'" in run.stderr
    assert "duplicate id" in run.stderr
    assert "1 annotated, 1 failed" in run.stderr
    assert outputs(out) == ["same.jsonld"]
    assert loads((out / "same.jsonld").read_text(encoding="utf-8")).text == FR  # the first wins


def test_batches_give_what_one_document_at_a_time_gives(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in [("a", FR), ("b", EN), ("c", FR.replace("Rabat", "Tunis")), ("e", EN), ("f", FR)]:
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    (folder / "d.txt").write_bytes(b"")  # an input error inside a batch: reported in its place
    more = tmp_path / "more.jsonl"
    lines = [{"id": "j", "text": EN, "lang": "en"}, {"id": "j", "text": FR, "lang": "fr"}]
    more.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    runs = []
    for size in ("1", "2"):
        out = tmp_path / f"out-{size}"
        run = run_ctannot("annotate", folder, more, "-o", out, "--batch-size", size, cwd=tmp_path)
        assert run.returncode == 1, run.stderr
        files = {p.name: p.read_text(encoding="utf-8") for p in out.iterdir() if p.name != RECORDS_FILE}
        stderr = re.sub(r" in [0-9.]+ s.*", "", run.stderr)
        runs.append((run.stdout.replace(str(out), "OUT"), stderr.replace(str(out), "OUT"), files))
    assert runs[0] == runs[1]
    stdout, stderr, files = runs[1]
    assert sorted(files) == [
        "a.jsonld",
        "b.jsonld",
        "c.jsonld",
        "e.jsonld",
        "f.jsonld",
        "failures.jsonl",
        "j.jsonld",
    ]
    assert [line.split(":")[0] for line in stdout.splitlines()] == ["a", "b", "c", "e", "f", "j"]
    assert "empty" in stderr
    assert "'j'" in stderr
    assert "duplicate id" in stderr
    assert "6 annotated, 2 failed" in stderr


def test_batch_size_must_be_positive(texts_dir: Path, tmp_path: Path) -> None:
    run = run_ctannot("annotate", texts_dir, "-o", tmp_path / "out", "--batch-size", "0", cwd=tmp_path)
    assert run.returncode == 2
    assert "--batch-size: expected a whole number from 1 up, not '0'" in run.stderr


def test_unknown_pipeline(texts_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run = run_ctannot("annotate", texts_dir, "-o", out, "--pipeline", "deep", cwd=tmp_path)
    assert run.returncode == 2
    assert "no pipeline named 'deep'" in run.stderr
    assert "known pipelines: rules" in run.stderr
    assert "Traceback" not in run.stderr
    assert not out.exists() or list(out.iterdir()) == []


def test_unknown_format(texts_dir: Path, tmp_path: Path) -> None:
    run = run_ctannot("annotate", texts_dir, "-o", tmp_path / "out", "--format", "xml", cwd=tmp_path)
    assert run.returncode == 2
    assert "unknown format 'xml'" in run.stderr
    assert "jsonld" in run.stderr
    assert "Traceback" not in run.stderr


def test_skipping_a_required_extractor(texts_dir: Path, tmp_path: Path) -> None:
    run = run_ctannot("annotate", texts_dir, "-o", tmp_path / "out", "--skip", "rules.mentions", cwd=tmp_path)
    assert run.returncode == 2
    assert "'rules.statements' requires layer 'mentions'" in run.stderr
    assert "Traceback" not in run.stderr


def test_missing_input(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.txt"
    run = run_ctannot("annotate", missing, "-o", tmp_path / "out", cwd=tmp_path)
    assert run.returncode == 1
    assert str(missing) in run.stderr
    assert "Traceback" not in run.stderr


def test_plugins_json(tmp_path: Path) -> None:
    run = run_ctannot("plugins", "--json", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    rows = {row["name"]: row for row in json.loads(run.stdout)}
    rules = rows["ctannot.builtin.rules"]
    assert rules["builtin"] is True
    assert {"rules.mentions", "rules.statements"} <= set(rules["provides"]["extractors"])
    assert "rules" in rules["provides"]["pipelines"]
    assert rows["ctannot.builtin.types"]["provides"]["annotation_types"] == [
        "Actor",
        "Forum",
        "Initiative",
        "NamedEntity",
        "Sentence",
        "Statement",
        "Threat",
        "Token",
        "Word",
    ]
    assert "jsonld" in rows["ctannot.builtin.formats"]["provides"]["exporters"]


def test_plugins_text(tmp_path: Path) -> None:
    run = run_ctannot("plugins", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert "ctannot.builtin.rules (built-in)" in run.stdout
    assert "rules.mentions, rules.statements" in run.stdout


def test_output_folder_is_a_file(texts_dir: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "taken"
    blocker.write_text("not a folder", encoding="utf-8")
    run = run_ctannot("annotate", texts_dir, "-o", blocker / "out", cwd=tmp_path)
    assert run.returncode == 2
    assert f"cannot create output folder {blocker / 'out'}" in run.stderr
    assert "Traceback" not in run.stderr
    assert blocker.read_text(encoding="utf-8") == "not a folder"


@pytest.mark.skipif(
    os.name != "posix" or os.geteuid() == 0, reason="root (or a non-POSIX system) ignores permissions"
)
def test_read_only_output_folder(texts_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "read-only"
    out.mkdir()
    out.chmod(0o500)
    try:
        run = run_ctannot("annotate", texts_dir, "-o", out, cwd=tmp_path)
    finally:
        out.chmod(0o700)
    assert run.returncode != 0
    assert str(out) in run.stderr
    assert "Permission denied" in run.stderr
    assert "Traceback" not in run.stderr
    assert list(out.iterdir()) == []


# -- against the shared development set ------------------------------------------------------------


def test_score_on_the_dev_set(tmp_path: Path) -> None:
    scorer = shared_path("dev", "score.py")
    texts = shared_path("dev", "texts")
    gold = shared_path("dev", "gold")
    out = tmp_path / "pred"
    run = run_ctannot("annotate", texts, "-o", out, "-q", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert len(list(out.glob("*.jsonld"))) == len(list(texts.glob("*.txt")))
    score = subprocess.run(
        [sys.executable, scorer, "--texts", texts, "--gold", gold, "--pred", out, "--json"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert score.returncode == 0, score.stderr
    report = json.loads(score.stdout)
    assert report["problems"] == []
    assert report["micro_F1"] > 0
