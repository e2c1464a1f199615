"""The neutral linguistic layer, built from real ``stanza.Document`` objects read from CoNLL-U."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from conftest import run_ctannot
from ctannot import Document, ExtractionError, Pipeline, Provenance, Result
from ctannot.annotations import BUILTIN_TYPES
from ctannot.formats.web_annotation import dumps, loads
from ctannot.nlp import LinguisticExtractor, NLPBackend
from ctannot.nlp.linguistic import (
    LINGUISTIC_TYPES,
    NamedEntity,
    ParsedEntity,
    ParsedSentence,
    ParsedToken,
    ParsedWord,
    ParsedWords,
    Sentence,
    Token,
    Word,
    build_layer,
)
from ctannot.nlp.stanza_backend import ModelsMissing, StanzaParser, from_stanza
from ctannot.registry import Registry

stanza = pytest.importorskip("stanza", reason="Stanza is not installed: pip install 'ctannot[stanza]'")
from stanza.utils.conll import CoNLL  # noqa: E402

DATA = Path(__file__).with_name("data")
TYPES = {cls.type_name: cls for cls in (*BUILTIN_TYPES, *LINGUISTIC_TYPES)}
PARSER = Provenance("nlp.stanza", stanza.__version__)


def parsed(name: str) -> tuple[Document, Any]:
    doc = CoNLL.conll2doc(input_file=str(DATA / name), reconstruct_text=True)
    sentences, entities = from_stanza(doc)
    document = Document(name, doc.text, name[:2])
    return document.with_layer(build_layer(document, sentences, entities, PARSER)), doc


def test_french_multi_word_tokens_keep_their_words_on_the_token_span() -> None:
    document, _ = parsed("fr_sample.conllu")
    tokens = {t.text: t for t in document.annotations(Token)}
    du = tokens["du"]
    words = document.resolve(du.words)
    assert [w.form for w in words] == ["de", "le"]
    assert all((w.start, w.end) == (du.start, du.end) == (12, 14) for w in words)
    assert [w.upos for w in words] == ["ADP", "DET"]
    au = document.resolve(tokens["au"].words)
    assert [w.form for w in au] == ["à", "le"]


def head_of(document: Document, word: Word) -> Word:
    assert word.head is not None
    head = document.get(word.head)
    assert isinstance(head, Word)
    return head


def test_french_dependencies_resolve_to_words() -> None:
    document, _ = parsed("fr_sample.conllu")
    words = {w.text: w for w in document.annotations(Word) if w.text not in ("du", "au")}
    assert head_of(document, words["ministre"]).form == "déclaré"
    assert words["ministre"].deprel == "nsubj"
    assert words["déclaré"].head is None
    assert words["déclaré"].lemma == "déclarer"
    assert head_of(document, words["frappera"]).form == "déclaré"
    assert words["frappera"].deprel == "ccomp"
    assert words["Bourita"].deprel == "flat:name"
    assert "Tense=Fut" in (words["frappera"].feats or "")


def test_sentences_and_entities() -> None:
    document, _ = parsed("fr_sample.conllu")
    assert [s.text for s in document.annotations(Sentence)] == [
        "Le ministre du Maroc a déclaré que la coalition frappera Daech.",
        "« Nous agirons au Sahel », a ajouté M. Bourita.",
    ]
    assert [(e.text, e.label) for e in document.annotations(NamedEntity)] == [
        ("Maroc", "LOC"),
        ("Daech", "ORG"),
        ("Sahel", "LOC"),
        ("M. Bourita", "PER"),
    ]
    assert len(list(document.annotations(Word))) == 26  # 13 words in each sentence, "du" and "au" two each


def test_english_parse() -> None:
    document, stanza_doc = parsed("en_sample.conllu")
    assert document.text == stanza_doc.text
    assert [(e.text, e.label) for e in document.annotations(NamedEntity)] == [
        ("Interpol", "ORG"),
        ("ISIS", "ORG"),
        ("Southeast Asia", "LOC"),
    ]
    said = next(w for w in document.annotations(Word) if w.form == "said")
    subject = next(w for w in document.annotations(Word) if w.head == said.id and w.deprel == "nsubj")
    assert subject.text == "Interpol"


def test_the_layer_round_trips_through_json_ld() -> None:
    document, _ = parsed("fr_sample.conllu")
    assert loads(dumps(document, TYPES), TYPES) == document


def test_a_head_outside_its_sentence_is_refused() -> None:
    document = Document("d", "Paris.", "fr")
    bad = ParsedSentence([ParsedToken(0, 5, [ParsedWord("Paris", head=3)])])
    with pytest.raises(ValueError, match="outside the sentence"):
        build_layer(document, [bad], [], PARSER)


def test_a_sentence_as_columns_is_the_same_sentence() -> None:
    document, stanza_doc = parsed("fr_sample.conllu")
    sentences, entities = from_stanza(stanza_doc)
    columns = [s.columns() for s in sentences]
    assert any(c.tokens for c in columns)  # "du", "au": tokens of two words
    assert build_layer(document, columns, entities, PARSER) == document.layer("linguistic")


def test_columns_that_disagree_are_refused() -> None:
    document = Document("d", "Paris.", "fr")
    outside = ParsedWords([0], [5], ["Paris"], [None], [None], [None], [2], [None])
    with pytest.raises(ValueError, match="outside the sentence"):
        build_layer(document, [outside], [], PARSER)
    short = ParsedWords([0], [5], ["Paris"], [None], [None], [None], [0], [])
    with pytest.raises(ValueError, match="shorter"):
        build_layer(document, [short], [], PARSER)


def test_missing_models_give_the_download_command(tmp_path: Path) -> None:
    with pytest.raises(ModelsMissing, match=r"python -m ctannot models download fr"):
        StanzaParser(resources_dir=str(tmp_path)).pipeline("fr")


@pytest.mark.stanza_models
@pytest.mark.timeout(1800)  # the fixture may build the models (tests/conftest.py)
def test_a_real_pipeline_on_the_toy_models(stanza_toy_models: Path) -> None:
    parser = StanzaParser(resources_dir=str(stanza_toy_models))
    [(sentences, _)] = parser.parse(["Le ministre du Maroc a parlé à Rabat."], "fr")
    assert sentences
    assert any(len(t.words) == 2 for s in sentences for t in s.tokens)  # "du" = "de le"


def test_annotation_stops_with_the_download_command_when_models_are_missing(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Le ministre du Maroc a parlé à Rabat.\n", encoding="utf-8")
    run = run_ctannot(
        "annotate",
        "a.txt",
        "--lang",
        "fr",
        "--add",
        "nlp.stanza",
        "-o",
        "out",
        cwd=tmp_path,
        env={"STANZA_RESOURCES_DIR": str(tmp_path / "no-models")},
    )
    assert run.returncode == 2
    assert "python -m ctannot models download fr" in run.stderr
    assert "python -m ctannot models install PATH" in run.stderr
    assert "Traceback" not in run.stderr
    assert not list((tmp_path / "out").glob("*"))


# -- batches ------------------------------------------------------------------------------------


class ConllBackend(NLPBackend):
    """A backend whose parse of a text is the CoNLL-U sample of that text; it records its calls."""

    name, version, languages = "conll", "1.0", ("fr", "en")

    def __init__(self) -> None:
        samples = (CoNLL.conll2doc(input_file=str(p), reconstruct_text=True) for p in DATA.glob("*.conllu"))
        self.samples = {doc.text: doc for doc in samples}
        self.calls: list[tuple[list[str], str]] = []

    def parse(self, texts: Sequence[str], lang: str) -> list[tuple[list[ParsedSentence], list[ParsedEntity]]]:
        self.calls.append((list(texts), lang))
        if lang == "de":
            raise ModelsMissing("no German models here")
        return [from_stanza(self.samples[text]) for text in texts]  # KeyError: a text it cannot parse


def sample_text(name: str) -> str:
    return str(CoNLL.conll2doc(input_file=str(DATA / name), reconstruct_text=True).text)


def expected(document: Document, backend: ConllBackend) -> Document:
    sentences, entities = from_stanza(backend.samples[document.text])
    return document.with_layer(build_layer(document, sentences, entities, Provenance("nlp.conll", "1.0")))


def test_a_batch_is_parsed_in_one_call_per_language(registry: Registry) -> None:
    backend = ConllBackend()
    pipeline = Pipeline("nlp", (LinguisticExtractor(backend),), registry)
    fr, en = sample_text("fr_sample.conllu"), sample_text("en_sample.conllu")
    batch = [
        Document("fr-1", fr, "fr"),
        Document("en-1", en, "en"),
        Document("fr-2", fr, "fr"),
        Document("en-2", en, "en"),
        Document("fr-3", fr, "fr"),
    ]
    outcomes = pipeline.annotate_batch(batch)
    assert backend.calls == [([fr, fr, fr], "fr"), ([en, en], "en")]
    assert [o.document for o in outcomes if isinstance(o, Result)] == [expected(d, backend) for d in batch]


def test_a_document_the_backend_cannot_parse_fails_alone(registry: Registry) -> None:
    backend = ConllBackend()
    pipeline = Pipeline("nlp", (LinguisticExtractor(backend),), registry)
    fr, en = sample_text("fr_sample.conllu"), sample_text("en_sample.conllu")
    batch = [
        Document("fr-1", fr, "fr"),
        Document("unknown", "Un texte que l'analyseur ne connaît pas.", "fr"),
        Document("en-1", en, "en"),
        Document("fr-2", fr, "fr"),
    ]
    first, failed, *rest = pipeline.annotate_batch(batch)
    assert isinstance(failed, ExtractionError)
    assert (failed.document_id, failed.extractor) == ("unknown", "nlp.conll")
    assert "document 'unknown': extractor 'nlp.conll' failed: KeyError" in str(failed)
    assert [o.document if isinstance(o, Result) else o for o in [first, *rest]] == [
        expected(d, backend) for d in (batch[0], batch[2], batch[3])
    ]
    # the French batch failed; then each document went alone
    assert backend.calls[1:] == [([document.text], document.lang) for document in batch]


def test_missing_models_stop_the_whole_batch(registry: Registry) -> None:
    backend = ConllBackend()
    backend.languages = ("fr", "de")
    pipeline = Pipeline("nlp", (LinguisticExtractor(backend),), registry)
    fr = sample_text("fr_sample.conllu")
    with pytest.raises(ModelsMissing, match="no German models"):
        pipeline.annotate_batch([Document("fr-1", fr, "fr"), Document("de-1", "Guten Tag.", "de")])
