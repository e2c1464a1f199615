"""nlp.mentions: the rules' mentions corrected by the neutral linguistic layer, any backend's."""

from __future__ import annotations

from pathlib import Path

import pytest

import ctannot
from ctannot import Actor, Annotation, Document, Provenance
from ctannot.extractors.grammar import GrammarMentionsExtractor
from ctannot.nlp.linguistic import ParsedEntity, ParsedSentence, ParsedToken, ParsedWord, build_layer
from ctannot.nlp.stanza_backend import from_stanza
from ctannot.rules.matching import Match

TEXT = "Le Maroc a envoyé des experts au Mali, a dit Youssef Amrani."


def parsed_document() -> Document:
    """A hand-made parse of TEXT, as any backend could give it (heads are 1-based, 0 = root)."""
    words = [  # (form, lemma, upos, head, deprel, start, end); "au" is one token of two words
        ("Le", "le", "DET", 2, "det", 0, 2),
        ("Maroc", "Maroc", "PROPN", 4, "nsubj", 3, 8),
        ("a", "avoir", "AUX", 4, "aux", 9, 10),
        ("envoyé", "envoyer", "VERB", 0, "root", 11, 17),
        ("des", "un", "DET", 6, "det", 18, 21),
        ("experts", "expert", "NOUN", 4, "obj", 22, 29),
    ]
    tokens = [
        ParsedToken(s, e, [ParsedWord(f, lem, pos, None, h, rel)]) for f, lem, pos, h, rel, s, e in words
    ]
    tokens.append(
        ParsedToken(
            30,
            32,
            [ParsedWord("à", "à", "ADP", None, 9, "case"), ParsedWord("le", "le", "DET", None, 9, "det")],
        )
    )
    tokens.append(ParsedToken(33, 37, [ParsedWord("Mali", "Mali", "PROPN", None, 4, "obl:arg")]))
    rest = [
        (",", ",", "PUNCT", 12, "punct", 37, 38),
        ("a", "avoir", "AUX", 12, "aux", 39, 40),
        ("dit", "dire", "VERB", 4, "parataxis", 41, 44),
        ("Youssef", "Youssef", "PROPN", 12, "nsubj", 45, 52),
        ("Amrani", "Amrani", "PROPN", 13, "flat:name", 53, 59),
        (".", ".", "PUNCT", 4, "punct", 59, 60),
    ]
    tokens += [
        ParsedToken(s, e, [ParsedWord(f, lem, pos, None, h, rel)]) for f, lem, pos, h, rel, s, e in rest
    ]
    document = Document("d", TEXT, "fr")
    layer = build_layer(
        document, [ParsedSentence(tokens)], [ParsedEntity(45, 59, "PER")], Provenance("test", "1")
    )
    return document.with_layer(layer)


def actors(extractor_name: str, document: Document) -> list[tuple[str, str | None]]:
    registry = ctannot.load_registry(load_entrypoints=False)
    extractor = registry.extractors[extractor_name]
    extractor.setup(registry)
    [layer] = extractor.extract(document, lambda problem: None)
    return [(a.text, a.kind) for a in layer if isinstance(a, Actor)]


def test_a_country_governed_by_a_preposition_of_place_is_not_an_actor() -> None:
    """Whatever found the countries, the parse tells the place from the actor."""
    document = parsed_document()
    registry = ctannot.load_registry(load_entrypoints=False)
    extractor = registry.extractors["nlp.mentions"]
    assert isinstance(extractor, GrammarMentionsExtractor)
    extractor.setup(registry)
    found = [Match(Actor, 3, 8, {"kind": "state"}, "test"), Match(Actor, 33, 37, {"kind": "state"}, "test")]
    kept = extractor.refine(document, found)
    assert [(m.start, m.end) for m in kept if m.attributes["kind"] == "state"] == [(3, 8)]  # Maroc, not Mali


def test_a_parsed_person_becomes_an_actor() -> None:
    assert ("Youssef Amrani", "person") in actors("nlp.mentions", parsed_document())


def one_sentence(
    text: str, words: list[tuple[str, str, int, str]], entity: tuple[int, int] | None = None
) -> Document:
    """``text`` parsed as ``words`` (form, upos, head, deprel; heads 1-based), one PER entity if given."""
    tokens, at = [], 0
    for form, upos, head, deprel in words:
        start = text.index(form, at)
        at = start + len(form)
        tokens.append(ParsedToken(start, at, [ParsedWord(form, form, upos, None, head, deprel)]))
    document = Document("d", text, "fr")
    entities = [ParsedEntity(*entity, "PER")] if entity is not None else []
    layer = build_layer(document, [ParsedSentence(tokens)], entities, Provenance("test", "1"))
    return document.with_layer(layer)


def test_a_title_or_a_first_name_the_model_took_for_a_person_is_none() -> None:
    """The model's persons that no rule found: not a title (``Roi``), not a first name alone."""
    words = [("Le", "DET", 2, "det"), ("Roi", "NOUN", 4, "nsubj"), ("a", "AUX", 4, "aux"),
             ("parlé", "VERB", 0, "root"), (".", "PUNCT", 4, "punct")]  # fmt: skip
    assert actors("nlp.mentions", one_sentence("Le Roi a parlé.", words, (3, 6))) == []
    words = [("Le", "DET", 2, "det"), ("fils", "NOUN", 5, "nsubj"), ("Kodjo", "PROPN", 2, "nmod"),
             ("a", "AUX", 5, "aux"), ("parlé", "VERB", 0, "root"), (".", "PUNCT", 5, "punct")]  # fmt: skip
    assert actors("nlp.mentions", one_sentence("Le fils Kodjo a parlé.", words, (8, 13))) == []


def test_without_a_parse_it_is_the_rules_alone() -> None:
    document = Document("d", TEXT, "fr")
    assert actors("nlp.mentions", document) == actors("rules.mentions", document)


# -- on real stanza.Document objects, read from CoNLL-U ------------------------------------------

stanza_conll = pytest.importorskip("stanza.utils.conll", reason="Stanza is not installed")
DATA = Path(__file__).with_name("data")


def from_conllu(name: str, lang: str) -> Document:
    """A document whose linguistic layer is the parse in ``tests/data/<name>``."""
    parsed = stanza_conll.CoNLL.conll2doc(input_file=str(DATA / name), reconstruct_text=True)
    sentences, entities = from_stanza(parsed)
    document = Document(name, parsed.text, lang)
    return document.with_layer(build_layer(document, sentences, entities, Provenance("nlp.stanza", "test")))


def mentions(extractor_name: str, document: Document) -> dict[str, Annotation]:
    registry = ctannot.load_registry(load_entrypoints=False)
    extractor = registry.extractors[extractor_name]
    extractor.setup(registry)
    [layer] = extractor.extract(document, lambda problem: None)
    return {a.text: a for a in layer}


@pytest.fixture(scope="module")
def french() -> Document:
    return from_conllu("mentions_fr.conllu", "fr")


def test_a_person_gets_the_title_in_apposition_as_role(french: Document) -> None:
    found = mentions("nlp.mentions", french)
    verlinden = found["Annelies Verlinden"]
    assert isinstance(verlinden, Actor)
    assert verlinden.role == "ministre belge de l'Intérieur"
    de_bolle = found["Catherine De Bolle"]
    assert isinstance(de_bolle, Actor)
    assert de_bolle.role == "directrice exécutive d'Europol"
    by_rules = mentions("rules.mentions", french)["Annelies Verlinden"]
    assert isinstance(by_rules, Actor)
    assert by_rules.role is None


def test_a_body_named_in_a_title_is_the_role_not_an_actor(french: Document) -> None:
    assert "Europol" in mentions("rules.mentions", french)
    assert "Europol" not in mentions("nlp.mentions", french)


def test_a_country_in_a_speaker_s_title_stays_an_actor() -> None:
    """``le président du Mali``: the country speaks through its president (the gold's ``Roi
    chérifien du Maroc``), where a body in a title is the role only."""
    words = [("Le", "DET", 2, "det"), ("président", "NOUN", 5, "nsubj"), ("du", "ADP", 4, "case"),
             ("Mali", "PROPN", 2, "nmod"), ("parlé", "VERB", 0, "root"),
             (".", "PUNCT", 5, "punct")]  # fmt: skip
    document = one_sentence("Le président du Mali parlé.", words)
    assert ("Mali", "state") in actors("nlp.mentions", document)


def test_a_country_acted_upon_or_naming_where_a_place_is_is_not_an_actor(french: Document) -> None:
    by_rules, by_grammar = mentions("rules.mentions", french), mentions("nlp.mentions", french)
    assert {"Kenya", "Sénégal"} <= by_rules.keys()
    assert "Kenya" not in by_grammar  # "le GAFI a placé le Kenya sur sa liste grise"
    assert "Guinée" not in by_grammar  # "dans le golfe de Guinée": the rules know this place too
    assert "Guinée" not in by_rules
    assert "Sénégal" in by_grammar  # "le Sénégal a proposé": it acts


def test_a_described_initiative_takes_its_coordinated_complements(french: Document) -> None:
    assert "plan commun de surveillance" in mentions("rules.mentions", french)
    assert "plan commun de surveillance et de réaction rapide" in mentions("nlp.mentions", french)


def test_english_a_body_that_speaks_is_an_actor_and_an_agent_acts() -> None:
    found = mentions("nlp.mentions", from_conllu("mentions_en.conllu", "en"))
    internet_nz = found["InternetNZ"]  # no rule knows it; the parser says it warned
    assert isinstance(internet_nz, Actor)
    assert internet_nz.kind == "organisation"
    assert "Denmark" in found  # "sent ... by Denmark": the agent of a passive acts
