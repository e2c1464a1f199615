"""nlp.statements: the rules' statements, their speakers taken from the dependency parse.

The parses are hand-made CoNLL-U, correct Universal Dependencies as Stanza writes them (French
multi-word tokens ``du`` = ``de le``, named entities in MISC as ``ner=``): one test document per
``# newdoc id`` in ``data/speakers_fr.conllu`` and ``data/speakers_en.conllu``. Stanza's own reader
turns each into a ``stanza.Document``, :func:`~ctannot.nlp.stanza_backend.from_stanza` into the neutral
linguistic layer, and the real extractors of the built-in registry run on it: ``rules.mentions``,
then ``nlp.statements`` (or ``rules.statements``, to compare). Nothing is mocked.

Most documents are ones where the rules alone name someone else (the first person of the
sentence, the last speaker) or no one; the comment of each case says what the parse knows.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest

from ctannot import Actor, Document, Forum, Pipeline, Provenance, Statement
from ctannot.nlp.linguistic import Token, Word, build_layer
from ctannot.nlp.stanza_backend import from_stanza
from ctannot.registry import Registry

stanza = pytest.importorskip("stanza", reason="Stanza is not installed: pip install 'ctannot[stanza]'")
from stanza.utils.conll import CoNLL  # noqa: E402

DATA = Path(__file__).with_name("data")
PARSER = Provenance("nlp.stanza", stanza.__version__)
NEWDOC = re.compile(r"(?m)^# newdoc id = (\S+)$")

Found = tuple[str, str | None]
"""A statement's text and its speaker's text (None: no speaker)."""


@cache
def parsed_documents(file_name: str) -> dict[str, Document]:
    """The documents of a CoNLL-U file, one per ``# newdoc id``, each carrying its linguistic layer."""
    text = (DATA / file_name).read_text(encoding="utf-8")
    documents = {}
    for chunk in re.split(r"(?m)^(?=# newdoc id = )", text):
        newdoc = NEWDOC.match(chunk)
        if newdoc is None:
            continue  # the file's header
        doc_id = newdoc.group(1)
        stanza_doc = CoNLL.conll2doc(input_str=chunk, reconstruct_text=True)
        sentences, entities = from_stanza(stanza_doc)
        document = Document(doc_id, stanza_doc.text, doc_id[:2])
        documents[doc_id] = document.with_layer(build_layer(document, sentences, entities, PARSER))
    return documents


def parsed(doc_id: str) -> Document:
    return parsed_documents(f"speakers_{doc_id[:2]}.conllu")[doc_id]


def all_doc_ids() -> list[str]:
    return [doc_id for lang in ("fr", "en") for doc_id in parsed_documents(f"speakers_{lang}.conllu")]


@pytest.fixture(scope="module")
def grammar(registry: Registry) -> Pipeline:
    """``rules.mentions`` then ``nlp.statements``; the linguistic layer is no one's product, so it stays."""
    return Pipeline.from_registry(registry, "rules", add=["nlp.statements"], skip=["rules.statements"])


@pytest.fixture(scope="module")
def rules(registry: Registry) -> Pipeline:
    return Pipeline.from_registry(registry, "rules")


@pytest.fixture(scope="module")
def grammar_mentions(registry: Registry) -> Pipeline:
    """The ``rules+nlp`` pipeline without its parser: ``nlp.mentions`` then ``nlp.statements``."""
    return Pipeline.from_registry(registry, "rules+nlp", skip=["nlp.stanza"])


def annotate(pipeline: Pipeline, document: Document) -> Document:
    result = pipeline.annotate(document)
    assert result.problems == ()
    assert ("linguistic" in result.document.layer_names) == ("linguistic" in document.layer_names)
    return result.document


def found(document: Document) -> list[Found]:
    return [
        (s.text, document.get(s.speaker).text if s.speaker is not None else None)
        for s in document.annotations(Statement)
    ]


def speaker(document: Document, text: str) -> Actor | Forum:
    """The speaker of the one statement whose text is ``text``."""
    [statement] = [s for s in document.annotations(Statement) if s.text == text]
    assert statement.speaker is not None
    annotation = document.get(statement.speaker)
    assert isinstance(annotation, Actor | Forum)
    return annotation


def in_layer(document: Document, layer: str, annotation: Actor | Forum) -> bool:
    return any(a.id == annotation.id for a in document.layer(layer))


CASES: dict[str, list[Found]] = {
    # The subject of the speech verb, not the first person the sentence names (a nmod of it).
    "fr-subject-after-another-person": [
        ("le Maroc renforcerait sa coopération avec l'Union européenne", "Youssef Amrani")
    ],
    # The inverted subject after the quote, through the name in apposition to the title.
    "fr-inverted-subject": [("La menace terroriste a changé de nature", "M. Olivier Kessler")],
    # "a rencontré ... et a affirmé que": the coordinated verb shares the first one's subject,
    # though a participial clause named M. Benali (its agent) before it.
    "fr-coordinated-verb": [("les échanges d'informations seraient renforcés", "Annelies Verlinden")],
    # "en soulignant que": the participle shares the subject of "a ouvert".
    "fr-participle": [("la coopération régionale restait indispensable", "Othman Jerandi")],
    # "a tenu à rappeler que": the infinitive (xcomp) shares the subject of "a tenu".
    "fr-infinitive": [("la menace restait élevée", "Annelies Verlinden")],
    # "Il a été annoncé par le ministre X que": the agent speaks, not the impersonal "il"
    # (which the rules take for a pronoun and resolve to the last person named).
    "fr-passive-agent": [("la cellule commune serait opérationnelle en mars", "Karim Benali")],
    # "selon X": the object of the preposition.
    "fr-selon": [
        ("l'ouverture d'une enquête", "M. Karim Benali"),
        ("les enquêteurs ont identifié trois suspects", "Thomas Lemaire"),
    ],
    # "selon le rapport de X": the author of the document, a body no rule knows (parsed as ORG).
    "fr-report-author": [
        (
            "l'État islamique compte encore plusieurs milliers de combattants",
            "Équipe d'appui analytique et de surveillance des sanctions",
        )
    ],
    # A quote governed by a speech noun ("l'appel du Secrétaire général ... à « ... »") is the
    # noun's author's, not the words of the subject of the verb named after it; the verb's own
    # noun complement ("a annoncé la création de ...") is its subject's.
    "fr-speech-noun-author": [
        ("une riposte collective contre le financement du terrorisme", "António Guterres"),
        ("la création d'une cellule commune", "Annelies Verlinden"),
    ],
    # "a-t-elle": the last person named whose gender (from "la ministre", the title her name is in
    # apposition to) agrees; M. Benali, named after her, is a man.
    "fr-pronoun-gender-from-title": [
        ("Nos services échangent désormais leurs informations en temps réel", "Annelies Verlinden")
    ],
    # "a-t-il", "selon lui": the last man named (M.), not the last speaker (Mme Verlinden).
    "fr-pronoun-not-the-last-speaker": [
        ("Aucun pays ne peut affronter cette menace sans ses voisins", "Mme Verlinden"),
        ("Nous avons démantelé quatre cellules depuis janvier", "M. Karim Benali"),
        ("les réseaux de recrutement se déplacent vers le Sahel", "M. Karim Benali"),
    ],
    # "a-t-il ajouté" after another man was named: the speaker goes on, as on real news he most
    # often does (a pronoun of the other gender turns to the last person named, as above)
    "fr-pronoun-goes-on-with-the-speaker": [
        ("La coopération est exemplaire", "M. Paul Mba"),
        ("Nous renforcerons les patrouilles", "M. Paul Mba"),
    ],
    # "X ... avec Y, qui a souligné que": the antecedent of the relative pronoun.
    "fr-relative-qui": [("la menace venait désormais de l'intérieur", "Mme Annelies Verlinden")],
    # "La Suédoise": a demonym noun refers back to the last woman named.
    "fr-demonym-epithet": [("son pays allait durcir sa législation", "Maria Lindqvist")],
    # "Le diplomate": a person's title refers back to the last man named, not the last speaker.
    "fr-title-epithet": [
        ("Nous devons mieux protéger nos frontières", "Mme Verlinden"),
        ("la France partagerait ses renseignements", "Pierre Lachaud"),
    ],
    # "La conférence": the last Forum whose name has the word, not the last Forum named.
    "fr-forum-epithet": [
        (
            "la prévention devait commencer à l'école",
            "conférence régionale sur la prévention de l'extrémisme violent",
        )
    ],
    # "Ce document": the last Forum or organisation, not the last speaker (a person).
    "fr-body-epithet": [
        ("Nous devons agir avant le retour de ces combattants", "M. Karim Benali"),
        (
            "les familles doivent être associées à la réinsertion",
            "Forum mondial de lutte contre le terrorisme",
        ),
    ],
    # A subject no rule knows, parsed as PER.
    "fr-parsed-person": [
        ("l'Union européenne allait renforcer ses contrôles aux frontières", "Ursula von der Leyen")
    ],
    # "selon l'Organe ...": a body no rule knows, parsed as ORG.
    "fr-parsed-organisation": [
        ("le niveau d'alerte restera inchangé", "Organe de coordination pour l'analyse de la menace")
    ],
    # "plaidé pour C, tandis que la Chine a appelé à D": C ends at the comma.
    "fr-clause-of-its-own": [
        ("un contrôle renforcé des frontières", "Russie"),
        ("une meilleure coopération judiciaire", "Chine"),
    ],
    # "X met the envoy, Y, who said that": the antecedent of "who".
    "en-relative-who": [("the group was still recruiting in border villages", "Mr David Okafor")],
    # "he", "according to him", "she": the last person named whose gender (Mr, Ms) agrees.
    "en-pronoun-after-two-persons": [
        ("We will not negotiate with terrorists", "Ms Keller"),
        ("The region needs more than military answers", "Mr David Okafor"),
        ("the group still recruits in border villages", "Mr David Okafor"),
        ("the two countries would share intelligence on foreign fighters", "Ms Keller"),
    ],
    # "according to a report by X": the author of the document, parsed as ORG.
    "en-report-by": [
        ("deaths from terrorism fell by a third last year", "Institute for Economics and Peace")
    ],
}


def test_the_documents_round_trip_through_stanza() -> None:
    """Each document's text is its sentences' ``# text`` lines, and every token lies on its form."""
    for doc_id in all_doc_ids():
        document = parsed(doc_id)
        texts = re.findall(r"(?m)^# text = (.*)$", _chunk(doc_id))
        assert document.text == " ".join(texts)
        words = list(document.annotations(Word))
        assert words
        assert all(word.text and word.text == word.text.strip() for word in words)
        in_a_token = {w for token in document.annotations(Token) for w in token.words}
        assert all(word.form == word.text for word in words if word.id not in in_a_token)


def _chunk(doc_id: str) -> str:
    text = (DATA / f"speakers_{doc_id[:2]}.conllu").read_text(encoding="utf-8")
    start = text.index(f"# newdoc id = {doc_id}\n")
    following = NEWDOC.search(text, start + 1)
    return text[start : following.start() if following else len(text)]


@pytest.mark.parametrize("doc_id", list(CASES))
def test_speakers_from_the_parse(doc_id: str, grammar: Pipeline) -> None:
    document = annotate(grammar, parsed(doc_id))
    assert found(document) == CASES[doc_id]
    for statement in document.annotations(Statement):
        if statement.speaker is not None:
            assert document.get(statement.speaker).type_name in ("Actor", "Forum")


@pytest.mark.parametrize("doc_id", list(CASES))
def test_the_same_speakers_with_the_grammar_mentions(doc_id: str, grammar_mentions: Pipeline) -> None:
    """What ``nlp.mentions`` changes (places out, parsed persons in) changes none of these speakers."""
    assert found(annotate(grammar_mentions, parsed(doc_id))) == CASES[doc_id]


def test_a_parsed_person_becomes_an_actor_of_the_statements_layer(grammar: Pipeline) -> None:
    document = annotate(grammar, parsed("fr-parsed-person"))
    actor = speaker(document, "l'Union européenne allait renforcer ses contrôles aux frontières")
    assert isinstance(actor, Actor)
    assert (actor.kind, actor.name) == ("person", "Ursula von der Leyen")
    assert in_layer(document, "statements", actor)
    assert not in_layer(document, "mentions", actor)


@pytest.mark.parametrize(
    ("doc_id", "text", "layer"),
    [
        ("fr-parsed-organisation", "le niveau d'alerte restera inchangé", "statements"),
        (
            "fr-report-author",
            "l'État islamique compte encore plusieurs milliers de combattants",
            "statements",
        ),
        # "Institute for Economics and Peace": the rules name it already, by its head noun
        ("en-report-by", "deaths from terrorism fell by a third last year", "mentions"),
    ],
)
def test_a_parsed_organisation_becomes_an_actor_of_the_statements_layer(
    doc_id: str, text: str, layer: str, grammar: Pipeline
) -> None:
    document = annotate(grammar, parsed(doc_id))
    actor = speaker(document, text)
    assert isinstance(actor, Actor)
    assert actor.kind == "organisation"
    assert actor.name == actor.text
    assert in_layer(document, layer, actor)


def test_the_epithets_resolve_to_annotations_of_the_mentions_layer(grammar: Pipeline) -> None:
    """A pronoun, a title or a forum word adds nothing: it points to what the mentions layer named."""
    cases = [
        ("fr-pronoun-not-the-last-speaker", "Nous avons démantelé quatre cellules depuis janvier", Actor),
        ("fr-title-epithet", "la France partagerait ses renseignements", Actor),
        ("fr-forum-epithet", "la prévention devait commencer à l'école", Forum),
        ("fr-body-epithet", "les familles doivent être associées à la réinsertion", Forum),
    ]
    for doc_id, text, kind in cases:
        document = annotate(grammar, parsed(doc_id))
        annotation = speaker(document, text)
        assert isinstance(annotation, kind)
        assert in_layer(document, "mentions", annotation)
        assert not any(isinstance(a, Actor | Forum) for a in document.layer("statements"))


def test_indirect_speech_stops_before_a_clause_of_its_own(grammar: Pipeline) -> None:
    document = annotate(grammar, parsed("fr-clause-of-its-own"))
    first, second = document.annotations(Statement)
    assert (first.text, first.mode, first.cue) == (
        "un contrôle renforcé des frontières",
        "indirect",
        "plaider",
    )
    assert document.text[first.end] == ","  # "..., tandis que la Chine a appelé à ..." is not in it
    # and the clause cut off is a statement of its own, the call's
    assert (second.text, second.mode, second.cue) == (
        "une meilleure coopération judiciaire",
        "indirect",
        "appeler",
    )


def test_plural_pronouns_keep_the_rules_answer(grammar: Pipeline, rules: Pipeline) -> None:
    """``ont-ils déclaré``: a group, not one of the two persons named; the parse does not choose."""
    document = parsed("fr-plural-pronoun")
    expected = found(annotate(rules, document))
    assert len(expected) == 1
    assert expected[0][1] is not None
    assert found(annotate(grammar, document)) == expected


def test_a_parse_that_names_nobody_leaves_the_rules_answer(grammar: Pipeline, rules: Pipeline) -> None:
    """``a déclaré à Bruxelles un diplomate européen``, with no one named before: no speaker."""
    document = parsed("fr-unnamed-speaker")
    assert found(annotate(grammar, document)) == found(annotate(rules, document))
    assert found(annotate(grammar, document)) == [
        ("La coopération entre nos services doit encore progresser", None)
    ]


def statements_layer(document: Document) -> list[tuple[object, ...]]:
    """Everything the statements layer says; a speaker by its type, offsets and kind."""
    out: list[tuple[object, ...]] = []
    for s in document.annotations(Statement):
        who = document.get(s.speaker) if s.speaker is not None else None
        out.append(
            (
                s.start,
                s.end,
                s.cue,
                s.mode,
                None if who is None else (who.type_name, who.start, who.end, who.attributes.get("kind")),
            )
        )
    return out


@pytest.mark.parametrize("doc_id", all_doc_ids())
def test_without_a_parse_it_is_the_rules_alone(doc_id: str, grammar: Pipeline, rules: Pipeline) -> None:
    document = parsed(doc_id)
    bare = Document(document.id, document.text, document.lang)
    assert statements_layer(annotate(grammar, bare)) == statements_layer(annotate(rules, bare))


# -- regressions: bugs these tests found, fixed -------------------------------------------------


def test_the_name_in_apposition_speaks_not_the_possessor(grammar: Pipeline) -> None:
    document = annotate(grammar, parsed("en-subject-with-a-possessor"))
    assert found(document) == [("the ministry had foiled four plots since January", "Mark Tanner")]


def test_an_honorific_followed_by_a_no_break_space_gives_the_gender(grammar: Pipeline) -> None:
    document = annotate(grammar, parsed("fr-honorific-after-a-no-break-space"))
    assert found(document) == [("Nos deux pays combattent les mêmes réseaux", "M. Karim Benali")]
