"""The built-in mentions: identities across a document, attributes from the sentence, dates, JSON-LD."""

from __future__ import annotations

import copy
import datetime as dt
import functools
import json
from pathlib import Path
from typing import Any

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st
from pyld import jsonld

from ctannot import Actor, Annotation, Document, Forum, Initiative, Participants, Pipeline, Threat
from ctannot.api import load_pipeline
from ctannot.extractors.dates import DatesOfText, find_dates, parse_document_date
from ctannot.extractors.mentions import _ACRONYM_AFTER, _TITLE_WORDS, _bracket_after, _lowered
from ctannot.formats.inputs import read_jsonl
from ctannot.formats.web_annotation import document_loader, dumps, loads, to_jsonld
from strategies import TRICKY, texts

ENTITY_IRI = "urn:ctannot:entity:"
WIKIDATA_IRI = "http://www.wikidata.org/entity/"


def annotate(pipeline: Pipeline, text: str, lang: str, date: str | None = None) -> Document:
    metadata = {"date": date} if date else {}
    result = pipeline.annotate(Document("d", text, lang, metadata=metadata))
    assert result.problems == ()
    return result.document


def mentions(doc: Document, kind: type[Annotation]) -> list[Any]:
    return [a for a in doc.layer("mentions") if isinstance(a, kind)]


def one(doc: Document, kind: type[Annotation], text: str) -> Any:
    found = [a for a in mentions(doc, kind) if a.text == text]
    assert len(found) == 1, [a.text for a in mentions(doc, kind)]
    return found[0]


# -- one thing, many mentions ----------------------------------------------------------------------


def test_a_named_forum_and_its_acronym_are_one_entity(pipeline: Pipeline) -> None:
    text = (
        "Le Forum mondial de lutte contre le terrorisme (GCTF) s'est réuni à Rabat. "
        "Créé en 2011, le GCTF compte trente membres."
    )
    doc = annotate(pipeline, text, "fr")
    forums = mentions(doc, Forum)
    assert [(f.text, f.start) for f in forums] == [
        ("Forum mondial de lutte contre le terrorisme", 3),
        ("GCTF", text.index("GCTF")),
        ("GCTF", text.rindex("GCTF")),
    ]
    assert {f.entity for f in forums} == {"common-forums:gctf"}
    assert all(f.acronym == "GCTF" for f in forums)


def test_acronym_of_a_described_initiative_is_found_again(pipeline: Pipeline) -> None:
    text = (
        "Les ministres ont approuvé la création d'un centre régional d'échange d'informations (CREI) "
        "à Dakar. Le CREI devra traiter les alertes en temps réel. Le budget du CREI reste à fixer."
    )
    doc = annotate(pipeline, text, "fr")
    initiatives = mentions(doc, Initiative)
    assert [i.text for i in initiatives] == [
        "centre régional d'échange d'informations",
        "CREI",
        "CREI",
        "CREI",
    ]
    crei = [i for i in initiatives if i.text == "CREI"]
    assert [i.start for i in crei] == [
        text.index("CREI"),
        text.index("CREI", text.index("CREI") + 1),
        text.rindex("CREI"),
    ]
    assert len({i.entity for i in initiatives}) == 1
    assert initiatives[0].entity is not None


def test_acronym_of_a_described_meeting_is_found_again(pipeline: Pipeline) -> None:
    text = (
        "La conférence régionale de haut niveau sur la lutte contre le terrorisme (CRHN) s'est "
        "ouverte lundi à Niamey. Les travaux de la CRHN dureront trois jours."
    )
    doc = annotate(pipeline, text, "fr")
    forums = mentions(doc, Forum)
    assert [f.text for f in forums] == [
        "conférence régionale de haut niveau sur la lutte contre le terrorisme",
        "CRHN",
        "CRHN",
    ]
    assert len({f.entity for f in forums}) == 1
    later = forums[-1]
    assert later.start == text.rindex("CRHN")
    assert later.acronym == "CRHN"
    assert later.kind == "meeting"


def test_an_acronym_is_matched_only_as_a_word_with_its_case(pipeline: Pipeline) -> None:
    text = (
        "Les ministres ont approuvé la création d'un centre régional d'échange d'informations (CREI). "
        "Les crei et les CREIS ne sont pas le centre."
    )
    doc = annotate(pipeline, text, "fr")
    assert [i.text for i in mentions(doc, Initiative)] == ["centre régional d'échange d'informations", "CREI"]


@pytest.mark.parametrize(
    ("lang", "text", "person", "not_a_person"),
    [
        ("fr", "Yark Nadou, ministre de la sécurité, a participé au lancement.", "Yark Nadou", None),
        ("fr", "À Addis Abeba, le ministre a parlé.", None, "Addis Abeba"),
        ("en", "Tarak Mwenda, Kenya's interior minister, said the force was ready.", "Tarak Mwenda", None),
        ("en", "In Addis Ababa, the minister spoke.", None, "Addis Ababa"),
    ],
)
def test_a_name_then_its_title_in_apposition_is_a_person(
    pipeline: Pipeline, lang: str, text: str, person: str | None, not_a_person: str | None
) -> None:
    """A name no list knows, presented by the title after it; a place before a comma is none."""
    persons = [a.text for a in mentions(annotate(pipeline, text, lang), Actor) if a.kind == "person"]
    assert person is None or person in persons
    assert not_a_person not in persons


def test_a_surname_in_capitals_as_official_lists_write_it(pipeline: Pipeline) -> None:
    text = "Étaient présents S.E.M. Mohamed KONATE, Président du Niger, et Roch Marc Christian ZONGO."
    persons = [a.text for a in mentions(annotate(pipeline, text, "fr"), Actor) if a.kind == "person"]
    assert persons == ["Mohamed KONATE", "Roch Marc Christian ZONGO"]


def test_a_person_and_their_surname_with_an_honorific(pipeline: Pipeline) -> None:
    text = (
        "Nasser Bourita a ouvert la séance à Rabat. Plus tard, M. Bourita a reçu Mme Hélène Roche. "
        "Mme Roche a quitté la salle avant M. Bourita."
    )
    doc = annotate(pipeline, text, "fr")
    persons = [a for a in mentions(doc, Actor) if a.kind == "person"]
    by_text: dict[str, set[str]] = {}
    for p in persons:
        by_text.setdefault(p.text, set()).add(p.entity)
    assert sorted(by_text) == ["M. Bourita", "Mme Hélène Roche", "Mme Roche", "Nasser Bourita"]
    assert by_text["Nasser Bourita"] == by_text["M. Bourita"]
    assert by_text["Mme Hélène Roche"] == by_text["Mme Roche"]
    assert by_text["Nasser Bourita"] != by_text["Mme Roche"]
    assert len({p.entity for p in persons}) == 2


# -- what a meeting's sentence says ----------------------------------------------------------------

MEETING_FR = (
    "Mardi, plus de 200 délégués de 40 pays ont pris part à Marrakech à la réunion ministérielle "
    "du GCTF, co-présidée par le Canada et l'Égypte."
)


def test_forum_attributes_from_its_sentence(pipeline: Pipeline) -> None:
    doc = annotate(pipeline, MEETING_FR, "fr", date="2024-03-14")
    meeting = one(doc, Forum, "réunion ministérielle du GCTF")
    assert meeting.kind == "meeting"
    assert meeting.participants == Participants(people=200, states=40)
    assert meeting.place == "Marrakech"
    assert meeting.date == "2024-03-12"  # the Tuesday on or before Thursday 14 March 2024
    chairs = doc.resolve(meeting.chairs)
    assert [(c.text, c.entity) for c in chairs] == [
        ("Canada", "common-states:canada"),
        ("Égypte", "common-states:egypt"),
    ]
    assert all(isinstance(c, Actor) and c.kind == "state" for c in chairs)
    # a standing body's name says nothing of a date or a place
    gctf = one(doc, Forum, "GCTF")
    assert (gctf.kind, gctf.date, gctf.place, gctf.participants, gctf.chairs) == (
        "organisation",
        None,
        None,
        None,
        (),
    )


def test_forum_date_from_a_jsonl_document(pipeline: Pipeline, tmp_path: Path) -> None:
    record = {"id": "maroc-gctf", "text": MEETING_FR, "lang": "fr", "metadata": {"date": "2024-03-14"}}
    path = tmp_path / "news.jsonl"
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    (doc,) = read_jsonl(path)
    assert isinstance(doc, Document)
    annotated = pipeline.annotate(doc).document
    assert one(annotated, Forum, "réunion ministérielle du GCTF").date == "2024-03-12"


def test_forum_date_stays_as_written_without_a_document_date(pipeline: Pipeline) -> None:
    doc = annotate(pipeline, MEETING_FR, "fr")
    assert one(doc, Forum, "réunion ministérielle du GCTF").date == "Mardi"


def test_forum_attributes_in_english(pipeline: Pipeline) -> None:
    text = (
        "On Tuesday, more than 1,500 officials from 62 countries attended the ministerial meeting of "
        "the GCTF in Marrakech, co-chaired by Canada and Egypt."
    )
    doc = annotate(pipeline, text, "en", date="2024-03-14")
    meeting = one(doc, Forum, "ministerial meeting of the GCTF")
    assert meeting.participants == Participants(people=1500, states=62)
    assert (meeting.date, meeting.place) == ("2024-03-12", "Marrakech")
    assert [c.text for c in doc.resolve(meeting.chairs)] == ["Canada", "Egypt"]


def test_a_full_date_in_the_sentence(pipeline: Pipeline) -> None:
    text = "La réunion ministérielle du GCTF, présidée par le Maroc, s'est tenue le 12 février 2024 à Rabat."
    doc = annotate(pipeline, text, "fr", date="2024-03-14")
    meeting = one(doc, Forum, "réunion ministérielle du GCTF")
    assert (meeting.date, meeting.place) == ("2024-02-12", "Rabat")
    assert [c.text for c in doc.resolve(meeting.chairs)] == ["Maroc"]


def test_initiative_launchers_and_forum(pipeline: Pipeline) -> None:
    text = (
        "Le Canada a salué cette annonce. Le Maroc et les Pays-Bas ont lancé un programme de "
        "réhabilitation des combattants terroristes étrangers lors de la réunion plénière du GCTF "
        "à New York."
    )
    doc = annotate(pipeline, text, "fr")
    programme = one(doc, Initiative, "programme de réhabilitation des combattants terroristes étrangers")
    # the Actors before it in its sentence, not the Canada of the sentence before
    assert [a.text for a in doc.resolve(programme.launched_by)] == ["Maroc", "Pays-Bas"]
    forum = doc.resolve(programme.forum)
    assert isinstance(forum, Forum)
    assert forum.text == "réunion plénière du GCTF"
    assert programme.place == "New York"


def test_initiative_in_english(pipeline: Pipeline) -> None:
    text = (
        "Jordan and Norway launched a regional training programme for prison officers at the "
        "ministerial meeting of the GCTF in Amman."
    )
    doc = annotate(pipeline, text, "en")
    programme = one(doc, Initiative, "regional training programme for prison officers")
    assert [a.text for a in doc.resolve(programme.launched_by)] == ["Jordan", "Norway"]
    assert doc.resolve(programme.forum).text == "ministerial meeting of the GCTF"


def test_no_forum_outside_the_initiative_sentence(pipeline: Pipeline) -> None:
    text = (
        "La réunion plénière du GCTF s'est achevée hier. "
        "Le Maroc a ensuite lancé un plan national de lutte contre la radicalisation."
    )
    doc = annotate(pipeline, text, "fr")
    plan = one(doc, Initiative, "plan national de lutte contre la radicalisation")
    assert plan.forum is None
    assert [a.text for a in doc.resolve(plan.launched_by)] == ["Maroc"]


# -- dates -----------------------------------------------------------------------------------------

REFERENCE = dt.date(2024, 3, 14)  # a Thursday


@pytest.mark.parametrize(
    ("text", "expected", "iso"),
    [
        ("Le sommet s'est ouvert le 1er mars 2024 à Abuja.", "le 1er mars 2024", "2024-03-01"),
        ("The meeting was held on June 8, 2023 in Vienna.", "June 8, 2023", "2023-06-08"),
        ("La réunion a eu lieu jeudi 7 mars à Paris.", "jeudi 7 mars", "2024-03-07"),
        # later than the document date: the year before
        ("La réunion a eu lieu jeudi 16 novembre à Paris.", "jeudi 16 novembre", "2023-11-16"),
        ("Ministers met last Monday in Rome.", "last Monday", "2024-03-11"),
        ("Les ministres se sont réunis mardi à Rome.", "mardi", "2024-03-12"),
        ("AGREEMENT SIGNED ON JUNE 8 IN ROME", "JUNE 8", "2023-06-08"),
        ("Le texte signé le 29 février a été publié.", "le 29 février", "2024-02-29"),
        ("Signed on Sept. 8, 2023 in Oslo.", "Sept. 8, 2023", "2023-09-08"),
    ],
)
def test_find_dates(text: str, expected: str, iso: str) -> None:
    (found,) = find_dates(text, reference=REFERENCE)
    assert (found.text, text[found.start : found.end], found.iso) == (expected, expected, iso)


def test_a_date_ending_a_sentence_leaves_out_the_full_stop(pipeline: Pipeline) -> None:
    """The full stop after an abbreviated month belongs to the date ("Sept."), not after a full one."""
    text = "Le texte a été signé le 29 février."
    (found,) = find_dates(text, reference=REFERENCE)
    assert (found.text, found.end) == ("le 29 février", len(text) - 1)
    doc = annotate(pipeline, "La réunion ministérielle du GCTF s'est tenue à Rabat le 16 novembre.", "fr")
    assert one(doc, Forum, "réunion ministérielle du GCTF").date == "le 16 novembre"


def test_complete_dates_need_no_reference() -> None:
    (found,) = find_dates("Le sommet s'est ouvert le 1er mars 2024 à Abuja.")
    assert found.iso == "2024-03-01"
    (partial,) = find_dates("La réunion a eu lieu jeudi 16 novembre à Paris.")
    assert (partial.text, partial.iso) == ("jeudi 16 novembre", None)


def test_impossible_dates_keep_their_text() -> None:
    (found,) = find_dates("Le 30 février, rien ne s'est passé.", reference=REFERENCE)
    assert (found.text, found.iso) == ("Le 30 février", None)


def test_find_dates_within_a_range() -> None:
    text = "Le 1er mars 2024, à Abuja ; le 12 mars 2024, à Lomé."
    second = text.index("le 12")
    assert [d.text for d in find_dates(text, second, len(text))] == ["le 12 mars 2024"]
    assert [d.text for d in find_dates(text, 0, second)] == ["Le 1er mars 2024"]


@pytest.mark.parametrize(
    "text",
    [
        "Les ministres ont adopté une déclaration commune sur la radicalisation.",
        "The ministers adopted a joint declaration in March.",
        "Les mardis de la sécurité sont un cycle de conférences.",
    ],
)
def test_no_date_without_a_digit_or_a_day_name(text: str) -> None:
    assert list(find_dates(text, reference=REFERENCE)) == []


def test_document_dates() -> None:
    assert parse_document_date("2024-03-14") == REFERENCE
    assert parse_document_date("2024-03-14T08:30:00+01:00") == REFERENCE
    assert parse_document_date("14/03/2024") is None
    assert parse_document_date(20240314) is None


# -- JSON-LD ---------------------------------------------------------------------------------------


def test_threat_with_wikidata_in_json_ld(pipeline: Pipeline) -> None:
    text = "Daech a revendiqué l'attentat, selon les enquêteurs."
    doc = annotate(pipeline, text, "fr")
    threat = one(doc, Threat, "Daech")
    assert threat.wikidata == "Q2429253"
    data = to_jsonld(doc)
    (item,) = [i for i in data["first"]["items"] if i["body"]["type"] == "Threat"]
    body = item["body"]
    assert body["sameAs"] == WIKIDATA_IRI + "Q2429253"
    assert body["entity"] == ENTITY_IRI + "common-threats%3Aisis"
    # the context makes both IRIs, not strings
    flat = jsonld.flatten(copy.deepcopy(data), None, {"documentLoader": document_loader})
    (node,) = [n for n in flat if n["@id"] == body["id"]]
    assert node["http://www.w3.org/2002/07/owl#sameAs"] == [{"@id": WIKIDATA_IRI + "Q2429253"}]
    assert node["https://w3id.org/ctannot/vocab#entity"] == [{"@id": ENTITY_IRI + "common-threats%3Aisis"}]
    back = loads(dumps(doc))
    assert back == doc
    again = one(back, Threat, "Daech")
    assert (again.entity, again.wikidata, again.canonical) == ("common-threats:isis", "Q2429253", "ISIS")


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("LUXEMBOURG, 13 juin 2024 (AFP) - Les ministres ont adopté un plan.", "fr"),
        ("NEW YORK (Nations unies), 21 novembre 2024 (AFP) - Le Conseil a débattu.", "fr"),
        ("SINGAPORE, Oct 9 (Reuters) - Interpol said on Wednesday that 37 people were arrested.", "en"),
        ("Lomé, Togo | AFP | mardi 12/03/2024 - Le Togo a annoncé un plan.", "fr"),  # a city in title case
    ],
)
def test_a_dateline_names_where_the_story_was_filed_not_an_actor(
    pipeline: Pipeline, text: str, lang: str
) -> None:
    doc = annotate(pipeline, text, lang)
    dateline = text[: text.index(" - ")]
    assert not [a.text for a in mentions(doc, Actor) if a.end <= len(dateline)]


@pytest.mark.parametrize(
    "text",
    [
        "In Afghanistan, Pakistan and Iraq, people live in fear.",  # every state of the list
        "In Somalia, authorities arrested three people.",  # "In" opening the sentence
        "Police in the Democratic Republic of Congo arrested four suspects.",  # no shorter reading
        "The attack took place near the border with Niger and Burkina Faso.",  # every state it lies along
        "The ship sailed from Yemen towards Somalia.",
        "The navies of the Gulf of Guinea states patrol together.",  # a sea named after a state
        "The ships sailed along the coast that borders with Somalia.",
        "The attacks are a threat to the security of Kenya.",  # what it has, not what it does
        "Police guarded the embassy of Chad all night.",
    ],
)
def test_states_as_places_in_english(pipeline: Pipeline, text: str) -> None:
    doc = annotate(pipeline, text, "en")
    assert [a.text for a in mentions(doc, Actor)] == []


@pytest.mark.parametrize(
    "text",
    [
        "Au Mali et au Niger, les attaques se multiplient.",  # a preposition opening the sentence
        "En Irak, la coalition avance.",
        "L'attaque a eu lieu près de la frontière avec le Niger et le Burkina Faso.",
        "Le navire a quitté le Yémen en direction de la Somalie.",
        "Les réfugiés ont fui le Mali vers la Mauritanie.",
        "Les combattants venaient de Tunisie, de Libye et du Maroc.",
        "Les marines des pays du golfe de Guinée patrouillent ensemble.",  # a sea named after a state
        "Ces attaques menacent la sécurité du Kenya.",  # what it has, not what it does
        "Les policiers gardent l'ambassade du Tchad.",
    ],
)
def test_states_as_places_in_french(pipeline: Pipeline, text: str) -> None:
    doc = annotate(pipeline, text, "fr")
    assert [a.text for a in mentions(doc, Actor)] == []


@pytest.mark.parametrize(
    ("lang", "text", "state"),
    [
        ("fr", "Le ministre de la Sécurité du Kenya a parlé.", "Kenya"),  # an office, in its capitals
        ("fr", "Les services de sécurité du Ghana ont arrêté trois hommes.", "Ghana"),  # its own services
    ],
)
def test_a_state_named_with_its_office_or_services_stays(
    pipeline: Pipeline, lang: str, text: str, state: str
) -> None:
    doc = annotate(pipeline, text, lang)
    assert state in [a.text for a in mentions(doc, Actor)]


def test_a_state_a_pact_is_signed_with_acts(pipeline: Pipeline) -> None:
    doc = annotate(pipeline, "Le Mali a signé un accord avec le Niger et le Burkina Faso.", "fr")
    assert [a.text for a in mentions(doc, Actor)] == ["Mali", "Niger", "Burkina Faso"]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Leaders agree on strategy\n\nPORT LOUIS, Mauritius (CMC) — Leaders met on Monday.\n"),
        ("fr", "Le centre a ouvert ses portes.\n\nUn texte de Michel Dupuis\n\nLes jeunes sont venus.\n"),
        ("en", "The centre opened.\n\nBy John Mercer, Reuters\n\nYoung people came.\n"),
        ("en", "From John Mercer, Maiduguri\n\nThe centre opened.\n"),
        ("fr", "AFP/Michel Dupuis\n\nLe centre a ouvert ses portes.\n"),
    ],
)
def test_a_dateline_s_country_and_a_byline_s_names_are_no_actors(
    pipeline: Pipeline, lang: str, text: str
) -> None:
    doc = annotate(pipeline, text, lang)
    assert [a.text for a in mentions(doc, Actor)] == []


def test_a_country_in_a_sentence_is_still_an_actor(pipeline: Pipeline) -> None:
    doc = annotate(pipeline, "Luxembourg, 13 juin - Le Luxembourg a proposé un plan commun.", "fr")
    assert "Luxembourg" in [a.text for a in mentions(doc, Actor)]


# -- states listed as a body's members are not Actors ------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "text", "actors"),
    [
        (
            "en",
            "The bloc, comprising five countries - Burundi, Kenya, Rwanda, Tanzania and Uganda, "
            "met in Arusha.",
            [],
        ),
        ("fr", "Le bloc, composé du Bénin, du Niger, du Tchad et du Cameroun, se réunit à Abuja.", []),
        (  # any words between what opens the list and the list
            "en",
            "The bloc consists of seven coastal countries - Ghana, Togo, Benin and Nigeria, among others.",
            [],
        ),
        ("en", "The group brings together Ghana, Togo, Benin and Nigeria.", []),
        ("fr", "La coalition regroupe le Bénin, le Togo, le Niger et le Tchad.", []),
        ("fr", "Elle comprend des pays comme le Bénin, le Togo et le Niger.", []),
        ("en", "It includes states such as Ghana, Togo and Benin.", []),
        (  # states whose troops a force brings together contribute them: they act
            "fr",
            "La force regroupe des militaires du Bénin, du Togo et du Niger.",
            ["Bénin", "Togo", "Niger"],
        ),
        ("en", "Kenya, Uganda and Ethiopia signed the pact in Nairobi.", ["Kenya", "Uganda", "Ethiopia"]),
        (  # participants in brackets take part: they act
            "fr",
            "Les ministres des pays concernés (Bénin, Niger et Tchad) ont adopté un plan.",
            ["Bénin", "Niger", "Tchad"],
        ),
    ],
)
def test_states_listed_as_members_are_not_actors(
    pipeline: Pipeline, lang: str, text: str, actors: list[str]
) -> None:
    doc = annotate(pipeline, text, lang)
    assert [a.text for a in mentions(doc, Actor) if a.kind == "state"] == actors


def test_states_whose_officials_attend_act_where_a_place_is_none(pipeline: Pipeline) -> None:
    text = (
        "Senior officials from Argentina, the Bahamas, Canada and Chile attended the meeting. "
        "Refugees fled from Syria and Iraq."
    )
    states = [a.text for a in mentions(annotate(pipeline, text, "en"), Actor) if a.kind == "state"]
    assert states == ["Argentina", "Bahamas", "Canada", "Chile"]


def test_a_possessive_is_no_part_of_a_name(pipeline: Pipeline) -> None:
    text = "Following is Secretary-General Ana Duarte's message. Mr. Tom O'Neil's report came later."
    persons = [a.text for a in mentions(annotate(pipeline, text, "en"), Actor) if a.kind == "person"]
    assert "Ana Duarte" in persons
    assert not [p for p in persons if p.endswith("'s")]


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("en", "The commander met President Kanté and King Felipe VI.", ["Kanté", "Felipe VI"]),
        ("fr", "Le roi Mohammed VI a reçu le président Tebboune.", ["Mohammed VI", "Tebboune"]),
        ("en", "The talks with General Marta K. Olsen ended.", []),
    ],
)
def test_a_surname_alone_after_a_head_of_state_s_title_and_a_regnal_number(
    pipeline: Pipeline, lang: str, text: str, expected: list[str]
) -> None:
    persons = [a.text for a in mentions(annotate(pipeline, text, lang), Actor) if a.kind == "person"]
    assert [p for p in expected if p not in persons] == []
    assert "Marta" not in persons  # a name goes on after the first word: not this rule's


# -- a bracket looked for before the acronym pattern is tried --------------------------------------


def test_every_character_the_acronym_pattern_reads_as_a_space_is_one_for_python() -> None:
    spaces = regex.compile(r"\s")
    every = (chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    assert [c for c in every if spaces.fullmatch(c) and not c.isspace()] == []


_BRACKET_PIECES = [
    "GCTF",
    " ",
    "\u00a0",
    "\u2028",
    "\x1c",
    "\n",
    "(",
    ")",
    "ADF",
    "x",
    "Jnim",
    "(GCTF)",
    "\t",
]


@given(st.lists(st.sampled_from(_BRACKET_PIECES), max_size=12).map("".join))
def test_no_acronym_follows_where_no_bracket_opens(text: str) -> None:
    for pos in range(len(text) + 1):
        if _ACRONYM_AFTER.match(text, pos) is not None:
            assert _bracket_after(text, pos)


def test_no_acronym_follows_where_no_bracket_opens_in_the_samples() -> None:
    samples = (Path(__file__).resolve().parents[1] / "corpus_samples" / "samples.jsonl").read_text("utf-8")
    for text in [json.loads(line)["text"] for line in samples.splitlines()]:
        for pos in range(len(text) + 1):
            if _ACRONYM_AFTER.match(text, pos) is not None:
                assert _bracket_after(text, pos)


# -- a rule's first look: a lookahead that keeps every match ------------------------------------


@functools.cache
def _built_in_rules(lang: str) -> list[Any]:
    packs = load_pipeline("rules").registry.rule_packs
    return [rule for pack in packs if pack.language == lang for rule in pack.rules]


def _without_first_lookahead(pattern: str) -> str:
    """``pattern`` without its first ``(?=...)``."""
    start = pattern.index("(?=")
    depth, i, in_class = 0, start, False
    while True:
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return pattern[:start] + pattern[i + 1 :]
        i += 1


_NAMES_OF_A_PROGRAMME = [
    det + head
    for det in ["une ", "la ", "l'", "Le ", "the ", "a ", "son "]
    for head in ["cellule", "programme", "plan d'action", "plans", "program", "initiative", "Task Force"]
]
_LAUNCHES = [
    " " + verb + " " + after
    for verb in ["lancee", "creees", "mis en place", "a ete pilotee", "launched", "set up", "funded"]
    for after in ["par", "en", "le", "by", "in", "last"]
]
_LAUNCH_PIECES = [
    *_NAMES_OF_A_PROGRAMME,
    *_LAUNCHES,
    *["de coordination", " du renseignement", " qui", " a", " ete", " for minors", " which", " a ete"],
    *[" ", "  ", ",", ".", "\n", " (", "«", '"'],
]


@pytest.mark.parametrize("lang", ["fr", "en"])
@settings(max_examples=300)
@given(text=st.lists(st.sampled_from(_LAUNCH_PIECES), max_size=8).map("".join))
def test_the_launch_told_after_the_name_is_found_as_without_its_first_look(lang: str, text: str) -> None:
    # The lookahead of initiative-launched-after asks cheaply for a launch word before the
    # clause ends; the rule finds what it finds without it, at every position.
    [rule] = [r for r in _built_in_rules(lang) if r.name == "initiative-launched-after"]
    plain = regex.compile(_without_first_lookahead(rule.pattern.pattern), rule.pattern.flags)
    for pos in range(len(text) + 1):
        with_look, without = rule.pattern.match(text, pos), plain.match(text, pos)
        assert (with_look and with_look.span("span")) == (without and without.span("span"))


# -- dates looked for where they may start ------------------------------------------------------

_DATE_PIECES = [
    *["le ", "Le ", "ce ", "Ce ", "last ", "This ", "les ", "lendemain ", "le\u00a0", "le\u2009", "\n"],
    *["12 ", "1er ", "3", "٣", "mars ", "June ", "Thursday", "lundi ", "2023", "dernier", ", ", ". ", "x"],
]


@settings(max_examples=300)
@given(st.lists(st.sampled_from(_DATE_PIECES), max_size=10).map("".join), st.integers(0, 20))
def test_dates_looked_for_where_they_may_start_are_those_found_everywhere(text: str, start: int) -> None:
    reference = dt.date(2024, 3, 20)
    expected = list(find_dates(text, start, None, reference))
    assert DatesOfText(text, reference).within(start, len(text)) == expected


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Il s'exprimait lors d'un colloque sous le thème « Défis de l'Union européenne » à Rabat.", "fr"),
        ('Officials launched a campaign dubbed "Europol Watch" on Monday.', "en"),
    ],
)
def test_a_body_named_in_a_quoted_title_is_no_actor(pipeline: Pipeline, text: str, lang: str) -> None:
    """A theme or a title in quotes names bodies as words of the title: they neither act nor speak."""
    doc = annotate(pipeline, text, lang)
    assert [a.text for a in mentions(doc, Actor)] == []


def test_leaders_listed_with_their_states_are_two_actors_each(pipeline: Pipeline) -> None:
    """``les présidents X du Niger, Y du Tchad``: a given name's particle (``Jean du Pont``) does
    not run a person's name on into the state they lead."""
    text = "Les présidents Ali Hassan du Niger et Idriss Mahamat du Tchad ont parlé. Jean du Pont aussi."
    actors = [a.text for a in mentions(annotate(pipeline, text, "fr"), Actor)]
    assert actors == ["Ali Hassan", "Niger", "Idriss Mahamat", "Tchad", "Jean du Pont"]


def test_a_correspondent_s_credit_is_no_actor(pipeline: Pipeline) -> None:
    text = (
        "L'opération a pris fin.\n\nAvec notre correspondant à Ouagadougou, Jean Kaboré\n\n"
        "Le bilan est lourd."
    )
    assert [a.text for a in mentions(annotate(pipeline, text, "fr"), Actor)] == []


def test_le_faso_is_burkina_faso(pipeline: Pipeline) -> None:
    actors = [
        a.text for a in mentions(annotate(pipeline, "Le Togo et le Faso ont signé un accord.", "fr"), Actor)
    ]
    assert actors == ["Togo", "Faso"]


@pytest.mark.parametrize(
    ("lang", "text", "persons"),
    [
        (
            "fr",
            "Étaient présents les ministres de l'Intérieur de l'Espagne, Kwame Tobbo, de l'Italie, "
            "Ruwa Kamadi, et des Pays-Bas, Tukan Mbeki.",
            ["Kwame Tobbo", "Ruwa Kamadi", "Tukan Mbeki"],
        ),
        (
            "en",
            "The interior ministers of Spain, Kwame Tobbo, and of Italy, Ruwa Kamadi, attended.",
            ["Kwame Tobbo", "Ruwa Kamadi"],
        ),
        ("fr", "La réunion du Mali, Bamako, a eu lieu.", []),  # one word: a place, not a name
    ],
)
def test_ministers_named_after_their_state_in_a_list(
    pipeline: Pipeline, lang: str, text: str, persons: list[str]
) -> None:
    doc = annotate(pipeline, text, lang)
    assert [a.text for a in mentions(doc, Actor) if a.kind == "person"] == persons


def test_nz_and_the_honourable(pipeline: Pipeline) -> None:
    """``NZ`` as headlines write New Zealand; ``Hon`` as Commonwealth papers title a minister."""
    text = "NZ to host Pacific security meetings. Hon Mere Tane said the meetings would be useful."
    assert [a.text for a in mentions(annotate(pipeline, text, "en"), Actor)] == ["NZ", "Hon Mere Tane"]


def test_a_headline_s_verb_after_a_title_is_no_name(pipeline: Pipeline) -> None:
    text = "Kenya: Interior Minister Arrives in Kampala for Regional Talks"
    assert [a.text for a in mentions(annotate(pipeline, text, "en"), Actor) if a.kind == "person"] == []


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "A live stream of the attack remained on Facebook for hours."),
        ("fr", "La vidéo a été diffusée sur Telegram avant d'être retirée."),
    ],
)
def test_a_platform_as_the_medium_is_no_actor(pipeline: Pipeline, lang: str, text: str) -> None:
    assert [a.text for a in mentions(annotate(pipeline, text, lang), Actor)] == []


def test_a_platform_that_acts_is_an_actor(pipeline: Pipeline) -> None:
    text = "Facebook said it removed the video."
    assert [a.text for a in mentions(annotate(pipeline, text, "en"), Actor)] == ["Facebook"]


@pytest.mark.parametrize(
    ("lang", "text", "actors"),
    [
        (
            "fr",
            "La conférence réunit au Quai d'Orsay vingt délégations. Le Quai d'Orsay a condamné l'attaque.",
            ["Quai d'Orsay"],
        ),
        (
            "en",
            "The talks at the White House ended. The White House said the talks were useful.",
            ["White House"],
        ),
    ],
)
def test_a_seat_where_they_meet_is_a_place(
    pipeline: Pipeline, lang: str, text: str, actors: list[str]
) -> None:
    """The seat as the place of a meeting is no Actor; the same seat speaking for its body is one."""
    assert [a.text for a in mentions(annotate(pipeline, text, lang), Actor)] == actors


@given(
    st.lists(
        st.one_of(texts, st.sampled_from([*_TITLE_WORDS, *(w.upper() for w in _TITLE_WORDS), *TRICKY])),
        max_size=8,
    ).map("".join)
)
@settings(max_examples=500)
def test_title_words_are_found_in_the_shared_lowered_view_as_in_text_lower(text: str) -> None:
    # the quoted titles' first look reads the lowered view the statements share: a title word is
    # there exactly where text.lower() holds it
    for word in _TITLE_WORDS:
        assert (word in _lowered(text)) == (word in text.lower())
