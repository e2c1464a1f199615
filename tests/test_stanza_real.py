"""The real Stanza path: ``stanza.Pipeline`` on the toy models of tools/stanza_models.py.

The models are small and retrained from time to time, so these tests assert what any of their
builds keeps (offsets, multi-word tokens, one root per sentence, heads in their sentence, the
layers written, valid JSON-LD), never a tag. The texts are written for these tests.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

import ctannot
from conftest import run_ctannot, shared_path
from ctannot.model import Document
from ctannot.nlp.linguistic import ParsedSentence, Sentence, Token, Word
from ctannot.nlp.stanza_backend import StanzaParser
from ctannot.registry import Registry

# The time limit covers the fixture's build of the models when they are not cached (nox builds
# them before pytest starts; a bare pytest run may have to).
pytestmark = [pytest.mark.stanza_models, pytest.mark.timeout(1800)]

FRENCH = {
    "fr_sahel": "Le ministre du Niger a parlé au président du Mali. Il a rappelé la menace du groupe armé.\n",
    "fr_bruxelles": (
        "La commissaire européenne a reçu à Bruxelles le directeur du centre. Elle a appelé au "
        "renforcement de la coopération entre les services.\n"
    ),
    "fr_court": "Les enquêteurs sont arrivés au port.\n",
}
ENGLISH = {
    "en_forum": "The minister of Kenya spoke to the press in Nairobi. He said the group was still active.\n",
    "en_talks": "Officials from the two countries met on Monday. They agreed to share intelligence.\n",
}


def _assert_sane(sentences: Sequence[ParsedSentence], text: str) -> None:
    """What a toy parse keeps: tokens on the text, in order; one root; heads inside the sentence."""
    assert sentences, text
    previous_end = 0
    for sentence in sentences:
        words = [word for token in sentence.tokens for word in token.words]
        assert words
        for token in sentence.tokens:
            assert previous_end <= token.start < token.end <= len(text)
            assert token.words
            previous_end = token.end
        assert [word.head for word in words].count(0) == 1, words
        assert all(0 <= word.head <= len(words) for word in words)


def _words_of(sentences: Sequence[ParsedSentence], text: str, token_text: str) -> list[list[str]]:
    return [
        [word.form.lower() for word in token.words]
        for sentence in sentences
        for token in sentence.tokens
        if text[token.start : token.end].lower() == token_text
    ]


def test_the_backend_parses_a_french_batch_with_multi_word_tokens(stanza_toy_models: Path) -> None:
    parser = StanzaParser(resources_dir=str(stanza_toy_models))
    texts = list(FRENCH.values())
    parses = parser.parse(texts, "fr")  # one call: Stanza's bulk processing of the batch
    assert len(parses) == len(texts)
    for text, (sentences, entities) in zip(texts, parses, strict=True):
        _assert_sane(sentences, text)
        assert entities == []  # the toy models have no NER: the layer goes without entities
    joined = [(s, t) for t, (s, _) in zip(texts, parses, strict=True)]
    du = [words for sentences, text in joined for words in _words_of(sentences, text, "du")]
    au = [words for sentences, text in joined for words in _words_of(sentences, text, "au")]
    # A toy tokenizer may miss a contraction now and then (MWT F1 about 96): some of each are
    # split, and every split one is split right.
    assert ["de", "le"] in du, du
    assert ["à", "le"] in au, au
    assert all(words == ["de", "le"] for words in du if len(words) > 1), du
    assert all(words == ["à", "le"] for words in au if len(words) > 1), au


def test_the_backend_parses_an_english_batch(stanza_toy_models: Path) -> None:
    parser = StanzaParser(resources_dir=str(stanza_toy_models))
    texts = list(ENGLISH.values())
    parses = parser.parse(texts, "en")
    assert len(parses) == len(texts)
    for text, (sentences, _) in zip(texts, parses, strict=True):
        _assert_sane(sentences, text)
        assert len(sentences) == 2, sentences


def _write_texts(folder: Path) -> list[Path]:
    folder.mkdir()
    for name, text in {**FRENCH, **ENGLISH}.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return sorted(folder.glob("*.txt"))


@pytest.fixture(scope="module")
def annotated(stanza_toy_models: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The test texts, French and English, through ``annotate --pipeline rules+nlp --backend
    stanza`` for real, in batches of two that mix the languages."""
    root = tmp_path_factory.mktemp("stanza-real")
    _write_texts(root / "texts")
    out = root / "out"
    run = run_ctannot(
        "annotate",
        root / "texts",
        "--pipeline",
        "rules+nlp",
        "--backend",
        "stanza",
        "--batch-size",
        "2",
        "-q",
        "-o",
        out,
        env={"STANZA_RESOURCES_DIR": str(stanza_toy_models)},
    )
    assert run.returncode == 0, run.stderr
    assert "5 annotated, 0 failed" in run.stderr
    return out


def _documents(out: Path) -> list[Document]:
    return sorted(ctannot.read(out), key=lambda d: d.id)


def test_annotate_writes_the_linguistic_layer_and_every_nlp_layer(
    annotated: Path, registry: Registry
) -> None:
    pipeline = ctannot.load_pipeline("rules+nlp", backend="stanza", registry=registry)
    nlp_extractors = {ex.name for ex in pipeline.extractors if ex.name.startswith("nlp.")}
    assert {"nlp.stanza", "nlp.mentions", "nlp.statements"} <= nlp_extractors
    documents = _documents(annotated)
    assert [d.id for d in documents] == sorted([*FRENCH, *ENGLISH])
    for document in documents:
        producers = {document.layer(name).producer.name for name in document.layer_names}
        assert nlp_extractors <= producers, (document.id, producers)
        assert document.layer("linguistic").producer.name == "nlp.stanza"


def test_the_written_parse_keeps_its_invariants(annotated: Path) -> None:
    for document in _documents(annotated):
        sentences = list(document.annotations(Sentence))
        tokens = list(document.annotations(Token))
        assert sentences
        assert list(document.annotations(Word))
        for token in tokens:  # a Token only for a token of several words, as in CoNLL-U
            assert len(token.words) > 1, (document.id, token)
            for word_id in token.words:
                word = document.get(word_id)
                assert isinstance(word, Word)
                assert token.start <= word.start
                assert word.end <= token.end
        for sentence in sentences:
            words = [
                w for w in document.annotations(Word) if sentence.start <= w.start and w.end <= sentence.end
            ]
            ids = {w.id for w in words}
            assert [w.head for w in words].count(None) == 1, (document.id, sentence)  # one root
            assert all(w.head is None or w.head in ids for w in words)  # heads inside the sentence
        if document.lang == "fr":
            for token in tokens:
                forms = [document.get(w).form.lower() for w in token.words]  # type: ignore[attr-defined]
                surface = document.text[token.start : token.end].lower()
                if surface == "du" and len(forms) > 1:
                    assert forms == ["de", "le"], document.id
                if surface == "au" and len(forms) > 1:
                    assert forms == ["à", "le"], document.id


def test_the_json_ld_passes_the_w3c_checks(annotated: Path) -> None:
    checker = shared_path("dev", "w3c_check.py")
    check = subprocess.run(
        [sys.executable, str(checker), str(annotated)], capture_output=True, text=True, check=False
    )
    assert check.returncode == 0, check.stdout + check.stderr
    assert ": 0 failing" in check.stdout


def test_gpu_without_a_gpu_falls_back_to_the_cpu_with_a_warning(
    stanza_toy_models: Path, tmp_path: Path
) -> None:
    (tmp_path / "fr.txt").write_text(FRENCH["fr_court"], encoding="utf-8")
    run = run_ctannot(
        "annotate",
        tmp_path / "fr.txt",
        "--lang",
        "fr",
        "--pipeline",
        "rules+nlp",
        "--backend",
        "stanza",
        "--gpu",
        "-q",
        "-o",
        tmp_path / "out",
        # No CUDA device, whatever the machine: the fallback is what is tested.
        env={"STANZA_RESOURCES_DIR": str(stanza_toy_models), "CUDA_VISIBLE_DEVICES": ""},
    )
    assert run.returncode == 0, run.stderr
    assert run.stderr.count("PyTorch sees no CUDA device here; Stanza runs on the CPU") == 1, run.stderr
    assert (tmp_path / "out" / "fr.jsonld").is_file()


def test_models_dir_points_annotate_at_the_toy_models(stanza_toy_models: Path, tmp_path: Path) -> None:
    (tmp_path / "fr.txt").write_text(FRENCH["fr_court"], encoding="utf-8")
    common = ("annotate", tmp_path / "fr.txt", "--lang", "fr", "--pipeline", "rules+nlp", "-q", "-o")
    empty = {"STANZA_RESOURCES_DIR": str(tmp_path / "none")}
    refused = run_ctannot(*common, tmp_path / "a", env=empty)
    assert refused.returncode == 2  # the environment's folder has no models...
    run = run_ctannot(*common, tmp_path / "b", "--models-dir", stanza_toy_models, "--workers", "2", env=empty)
    assert run.returncode == 0, run.stderr  # ...--models-dir wins, in the worker processes too
    assert "1 annotated, 0 failed" in run.stderr
