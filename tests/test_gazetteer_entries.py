"""Gazetteer entries of the common packs: well-known bodies, meetings, programmes and groups.

The sentences are written for these tests. Each checks that a name is found with the type the
guidelines give it and the entity of its pack, and some check that a name deliberately left out
(an ordinary word, an ambiguous acronym) is not found.
"""

from __future__ import annotations

import pytest

from ctannot import Actor, Document, Forum, Initiative, Pipeline, Threat

TYPES = {"Actor": Actor, "Forum": Forum, "Initiative": Initiative, "Threat": Threat}


def found(pipeline: Pipeline, text: str, lang: str) -> list[tuple[str, str, str]]:
    result = pipeline.annotate(Document("g", text, lang))
    assert result.problems == ()
    return [
        (type(a).__name__, a.text, str(a.entity))
        for a in result.document.layer("mentions")
        if isinstance(a, tuple(TYPES.values()))
    ]


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        # Forums: a coalition states join, a grouping of Sahel states, an OAS committee
        (
            "fr",
            "La Coalition militaire islamique de lutte contre le terrorisme a tenu sa réunion annuelle.",
            ("Forum", "Coalition militaire islamique de lutte contre le terrorisme", "common-forums:imctc"),
        ),
        (
            "en",
            "Leaders of the Alliance of Sahel States signed a new charter in Niamey.",
            ("Forum", "Alliance of Sahel States", "common-forums:alliance-of-sahel-states"),
        ),
        (
            "en",
            "The Inter-American Committee against Terrorism held its regular session in Washington.",
            ("Forum", "Inter-American Committee against Terrorism", "common-forums:cicte"),
        ),
        (
            "fr",
            "Le Comité 1540 a publié son rapport sur les acteurs non étatiques.",
            ("Forum", "Comité 1540", "common-forums:1540-committee"),
        ),
        # Initiatives: operations with their head noun and bare, a mission, a convention, a fund
        (
            "fr",
            "Les derniers soldats de l'opération Barkhane ont quitté Gao en août 2022.",
            ("Initiative", "opération Barkhane", "common-initiatives:operation-barkhane"),
        ),
        (
            "en",
            "Troops of Operation Hadin Kai cleared several camps near Lake Chad.",
            ("Initiative", "Operation Hadin Kai", "common-initiatives:operation-hadin-kai"),
        ),
        (
            "fr",
            "La SAMIM a achevé son retrait de la province de Cabo Delgado.",
            ("Initiative", "SAMIM", "common-initiatives:samim"),
        ),
        (
            "en",
            "Parliament ratified the International Convention for the Suppression of the Financing of "
            "Terrorism.",
            (
                "Initiative",
                "International Convention for the Suppression of the Financing of Terrorism",
                "common-initiatives:terrorist-financing-convention",
            ),
        ),
        (
            "en",
            "A teacher's referral to the Prevent programme was reviewed by the council.",
            ("Initiative", "Prevent programme", "common-initiatives:uk-prevent"),
        ),
        # Threats: French and English names and acronyms of groups, and a named category
        (
            "fr",
            "L'État islamique au Khorassan a revendiqué l'attaque de la salle de concert.",
            ("Threat", "État islamique au Khorassan", "common-threats:isis-khorasan"),
        ),
        (
            "fr",
            "Selon l'armée, l'EIS a frappé un convoi près de Ménaka.",
            ("Threat", "EIS", "common-threats:isgs"),
        ),
        (
            "en",
            "Police arrested three members of Jamaat-ul-Mujahideen Bangladesh in Dhaka.",
            ("Threat", "Jamaat-ul-Mujahideen Bangladesh", "common-threats:jmb"),
        ),
        (
            "en",
            "The army said Fitna al-Khawarij fighters attacked a checkpoint in North Waziristan.",
            ("Threat", "Fitna al-Khawarij", "common-threats:ttp"),
        ),
        (
            "en",
            "The minister condemned cross-border terrorism in a speech to parliament.",
            ("Threat", "cross-border terrorism", "common-threats:cross-border-terrorism"),
        ),
        (
            "fr",
            "Le ministre a dénoncé le terrorisme international devant le parlement.",
            ("Threat", "terrorisme international", "common-threats:international-terrorism"),
        ),
        (
            "en",
            "Terrorism, religious extremism and separatism were on the agenda.",
            ("Threat", "religious extremism", "common-threats:religious-extremism"),
        ),
        # Actors: bodies that act rather than convene
        (
            "en",
            "The UN Monitoring Team told the 1267 Committee that the group still had thousands of fighters.",
            ("Actor", "UN Monitoring Team", "common-organisations:un-monitoring-team"),
        ),
        (
            "fr",
            "Le GIGN et la DGSI ont interpellé deux suspects à l'aube.",
            ("Actor", "GIGN", "common-organisations:gign"),
        ),
        (
            "en",
            "Tech Against Terrorism said it had alerted platforms to the new channels.",
            ("Actor", "Tech Against Terrorism", "common-organisations:tech-against-terrorism"),
        ),
    ],
)
def test_a_listed_name_is_found_with_its_type_and_entity(
    pipeline: Pipeline, lang: str, text: str, expected: tuple[str, str, str]
) -> None:
    assert expected in found(pipeline, text, lang)


def test_a_longer_name_wins_over_the_body_or_group_inside_it(pipeline: Pipeline) -> None:
    text = "La Force conjointe du G5 Sahel a été dissoute, puis les Kataëb Hezbollah ont revendiqué le tir."
    names = found(pipeline, text, "fr")
    assert ("Initiative", "Force conjointe du G5 Sahel", "common-initiatives:g5-sahel-joint-force") in names
    assert ("Threat", "Kataëb Hezbollah", "common-threats:kataib-hezbollah") in names
    # the Forum 'G5 Sahel' and the Threat 'Hezbollah' are parts of those names, not mentions
    assert not [n for n in names if n[1] in ("G5 Sahel", "Hezbollah")]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        # ordinary words that share the spelling of a case-sensitive or head-noun-only name
        ("en", "Measures to prevent strategy drift were discussed, and the photo contest drew entries."),
        ("en", "He showed inherent resolve and resolute support for the enduring freedom of the press."),
        ("fr", "Une sentinelle veillait pendant que le serval dormait au pied de la barkhane."),
        # 'SDF' is a homeless person in French news, not the Syrian Democratic Forces
        ("fr", "Un SDF a été retrouvé sans vie près de la gare."),
        # 'Raid' opens headlines; four-letter acronyms would also match capitalised
        ("en", "Raid on a warehouse leaves two injured."),
    ],
)
def test_a_name_deliberately_left_out_is_not_matched(pipeline: Pipeline, lang: str, text: str) -> None:
    assert found(pipeline, text, lang) == []


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("en", "The SCO said the drills would go on.", [("Actor", "SCO")]),
        ("fr", "La CEN-SAD a condamné l'attaque.", [("Actor", "CEN-SAD")]),
    ],
)
def test_regional_organisations_by_their_acronyms(
    pipeline: Pipeline, lang: str, text: str, expected: list[tuple[str, str]]
) -> None:
    assert [(kind, name) for kind, name, _ in found(pipeline, text, lang)] == expected
