"""nlp.mentions: the rules' mentions corrected by the neutral linguistic layer, any backend's."""

from __future__ import annotations

import ctannot
from ctannot import Actor, Document, Provenance
from ctannot.grammar import GrammarMentionsExtractor
from ctannot.linguistic import ParsedEntity, ParsedSentence, ParsedToken, ParsedWord, build_layer
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


def test_without_a_parse_it_is_the_rules_alone() -> None:
    document = Document("d", TEXT, "fr")
    assert actors("nlp.mentions", document) == actors("rules.mentions", document)
