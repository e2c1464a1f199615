"""Statements of the built-in pipeline: quotes and indirect speech, their cue, mode and speaker.

Each case is a short news text and the statements expected in it, in text order: the span's
text, the cue's lemma, the mode, and the text of the speaker's annotation (None: no speaker).
"""

from __future__ import annotations

import pytest

import ctannot
from ctannot import Actor, Document, Pipeline, Statement

Expected = tuple[str, str, str, str | None]

CASES: dict[str, tuple[str, str, list[Expected]]] = {
    # -- direct speech, French ---------------------------------------------------------------------
    "fr-quote-then-incise": (
        "fr",
        "« La menace terroriste reste élevée dans toute la région », a déclaré M. Julien Favre, "
        "le porte-parole du ministère.",
        [("La menace terroriste reste élevée dans toute la région", "déclarer", "direct", "M. Julien Favre")],
    ),
    "fr-inverted-incise-with-pronoun": (
        "fr",
        "« Nous devons renforcer notre coopération avec nos voisins », a déclaré M. Favre. "
        "« Aucun pays ne peut agir seul », a-t-il ajouté.",
        [
            ("Nous devons renforcer notre coopération avec nos voisins", "déclarer", "direct", "M. Favre"),
            ("Aucun pays ne peut agir seul", "ajouter", "direct", "M. Favre"),
        ],
    ),
    "fr-pronoun-after-a-person-named-before": (
        "fr",
        "La ministre Claire Vasseur a ouvert la séance. "
        "« Les groupes armés recrutent désormais en ligne », a-t-elle expliqué.",
        [("Les groupes armés recrutent désormais en ligne", "expliquer", "direct", "Claire Vasseur")],
    ),
    "fr-quote-split-by-an-incise": (
        "fr",
        "« Aucun pays ne peut faire face seul à cette menace », a déclaré M. Laurent Garnier, "
        "« et nous devons partager nos renseignements sans attendre ».",
        [
            ("Aucun pays ne peut faire face seul à cette menace", "déclarer", "direct", "M. Laurent Garnier"),
            (
                "et nous devons partager nos renseignements sans attendre",
                "déclarer",
                "direct",
                "M. Laurent Garnier",
            ),
        ],
    ),
    # a short quote is speech when it opens the sentence and a speech verb follows the comma
    "fr-short-quote-opening-the-sentence": (
        "fr",
        "« Nous resterons vigilants », a assuré Mme Hélène Marchal à Lyon, mardi.",
        [("Nous resterons vigilants", "assurer", "direct", "Mme Hélène Marchal")],
    ),
    "en-short-quote-opening-the-sentence": (
        "en",
        'The minister Tom Hale arrived late. "Absolutely not," he told reporters in Dublin.',
        [("Absolutely not", "tell", "direct", "Tom Hale")],
    ),
    "fr-multi-sentence-quote": (
        "fr",
        "« La menace évolue très vite. Les groupes recrutent désormais en ligne », a expliqué M. Garnier.",
        [
            (
                "La menace évolue très vite. Les groupes recrutent désormais en ligne",
                "expliquer",
                "direct",
                "M. Garnier",
            )
        ],
    ),
    "fr-colon-then-quote": (
        "fr",
        "Le ministre Karim Benali a déclaré : « Nous ne céderons jamais face au terrorisme. »",
        [("Nous ne céderons jamais face au terrorisme", "déclarer", "direct", "Karim Benali")],
    ),
    "fr-apposition-after-the-title": (
        "fr",
        "« Nous avons démantelé trois cellules cette année », a déclaré la ministre de l'Intérieur, "
        "Sophie Moreau, lors de la conférence de presse.",
        [("Nous avons démantelé trois cellules cette année", "déclarer", "direct", "Sophie Moreau")],
    ),
    "fr-title-after-the-quote-refers-back": (
        "fr",
        "Le ministre Karim Benali est arrivé mardi à Rabat. "
        "« La coopération entre nos services doit encore progresser », a déclaré le ministre "
        "devant la presse.",
        [("La coopération entre nos services doit encore progresser", "déclarer", "direct", "Karim Benali")],
    ),
    # -- indirect speech, French -------------------------------------------------------------------
    "fr-declare-que": (
        "fr",
        "Le ministre Karim Benali a déclaré que la coopération régionale devait être renforcée.",
        [("la coopération régionale devait être renforcée", "déclarer", "indirect", "Karim Benali")],
    ),
    "fr-selon-before": (
        "fr",
        "Selon M. Benali, la menace terroriste a nettement diminué au Sahel.",
        [("la menace terroriste a nettement diminué au Sahel", "selon", "indirect", "M. Benali")],
    ),
    "fr-selon-after": (
        "fr",
        "La menace terroriste a nettement diminué au Sahel, selon M. Benali.",
        [("La menace terroriste a nettement diminué au Sahel", "selon", "indirect", "M. Benali")],
    ),
    "fr-content-then-indique-the-ministry": (
        "fr",
        "Les attaques ont diminué de moitié depuis janvier, indique le ministère de l'Intérieur "
        "dans un communiqué.",
        [
            (
                "Les attaques ont diminué de moitié depuis janvier",
                "indiquer",
                "indirect",
                "ministère de l'Intérieur",
            )
        ],
    ),
    "fr-call-to-the-states": (
        "fr",
        "Le secrétaire général Paul Martin a exhorté les États à redoubler d'efforts contre le "
        "financement du terrorisme.",
        [
            (
                "redoubler d'efforts contre le financement du terrorisme",
                "exhorter",
                "indirect",
                "Paul Martin",
            )
        ],
    ),
    # -- English -----------------------------------------------------------------------------------
    "en-quote-said-then-she-added": (
        "en",
        '"Our services have foiled four plots since January," Interior Minister Lena Vogel said. '
        '"The threat is real," she added.',
        [
            ("Our services have foiled four plots since January", "say", "direct", "Lena Vogel"),
            ("The threat is real", "add", "direct", "Lena Vogel"),
        ],
    ),
    "en-quote-split-by-an-incise": (
        "en",
        '"No country can face this threat alone," Vogel said, '
        '"and we must share intelligence without delay."',
        [
            ("No country can face this threat alone", "say", "direct", "Vogel"),
            ("and we must share intelligence without delay", "say", "direct", "Vogel"),
        ],
    ),
    "en-colon-then-two-sentences": (
        "en",
        'Vogel said: "We have dismantled three cells this year. More arrests will follow."',
        [("We have dismantled three cells this year. More arrests will follow", "say", "direct", "Vogel")],
    ),
    "en-said-without-that": (
        "en",
        "Foreign Minister Anna Keller said the threat from ISIS remains serious in the region.",
        [("the threat from ISIS remains serious in the region", "say", "indirect", "Anna Keller")],
    ),
    "en-content-then-x-said": (
        "en",
        "The threat from ISIS remains serious in the region, Anna Keller said.",
        [("The threat from ISIS remains serious in the region", "say", "indirect", "Anna Keller")],
    ),
    "en-according-to-before": (
        "en",
        "According to Lena Vogel, the number of attacks has fallen by half since January.",
        [
            (
                "the number of attacks has fallen by half since January",
                "according to",
                "indirect",
                "Lena Vogel",
            )
        ],
    ),
    "en-according-to-after": (
        "en",
        "The number of attacks has fallen by half since January, according to Lena Vogel.",
        [
            (
                "The number of attacks has fallen by half since January",
                "according to",
                "indirect",
                "Lena Vogel",
            )
        ],
    ),
    "en-content-then-the-ministry-said": (
        "en",
        "The number of attacks has fallen by half since January, the interior ministry said in a statement.",
        [("The number of attacks has fallen by half since January", "say", "indirect", "interior ministry")],
    ),
    "en-call-to-the-states": (
        "en",
        "Lena Vogel urged member states to freeze the assets of the group without delay.",
        [("freeze the assets of the group without delay", "urge", "indirect", "Lena Vogel")],
    ),
    # -- places are not speakers -------------------------------------------------------------------
    "fr-place-before-the-named-speaker": (
        "fr",
        "« Les menaces changent de forme chaque année », a déclaré à New York le représentant Marc Olivier.",
        [("Les menaces changent de forme chaque année", "déclarer", "direct", "Marc Olivier")],
    ),
    "fr-place-and-an-unnamed-speaker": (
        "fr",
        "« La coopération entre nos services doit encore progresser », a déclaré à Bruxelles un "
        "diplomate européen.",
        [("La coopération entre nos services doit encore progresser", "déclarer", "direct", None)],
    ),
    "fr-two-word-place-right-after-the-verb": (
        "fr",
        "« La coopération entre nos services doit encore progresser », a déclaré à New York un "
        "diplomate européen.",
        [("La coopération entre nos services doit encore progresser", "déclarer", "direct", None)],
    ),
    "en-two-word-place-after-the-speaker": (
        "en",
        '"We will not let terrorists use our financial system," said a senior official in New York.',
        [("We will not let terrorists use our financial system", "say", "direct", None)],
    ),
    "fr-place-before-que": (
        "fr",
        "À New York, un haut responsable a déclaré que les sanctions seraient renforcées.",
        [("les sanctions seraient renforcées", "déclarer", "indirect", None)],
    ),
    "en-place-after-an-unnamed-speaker": (
        "en",
        '"We will not let terrorists use our financial system," a senior official said in Washington.',
        [("We will not let terrorists use our financial system", "say", "direct", None)],
    ),
    # A place after a title ("le ministre à New York") is not the person the title names: the
    # role of packs/fr/patterns.toml's person-after-title rule must not run over "à".
    "fr-place-after-the-title-in-the-incise": (
        "fr",
        "M. Karim Benali est arrivé mardi aux États-Unis. "
        "« La coopération entre nos services doit encore progresser », a déclaré le ministre à New York.",
        [
            (
                "La coopération entre nos services doit encore progresser",
                "déclarer",
                "direct",
                "M. Karim Benali",
            )
        ],
    ),
    "fr-place-after-the-verb": (
        "fr",
        "Le ministre a déclaré à New York que la coalition restait mobilisée.",
        [("la coalition restait mobilisée", "déclarer", "indirect", None)],
    ),
    # -- a sentence-initial adverbial is not the content of "C, X said." --------------------------
    "fr-leading-adverbial-then-call": (
        "fr",
        "Mardi, le ministre Karim Benali a exhorté les États à geler les avoirs du groupe.",
        [("geler les avoirs du groupe", "exhorter", "indirect", "Karim Benali")],
    ),
    "en-leading-adverbial-then-said": (
        "en",
        "On Tuesday, Anna Keller said the group had lost most of its territory.",
        [("the group had lost most of its territory", "say", "indirect", "Anna Keller")],
    ),
    "en-leading-adverbial-then-urged": (
        "en",
        "At the meeting, Lena Vogel urged states to freeze the assets of the group.",
        [("freeze the assets of the group", "urge", "indirect", "Lena Vogel")],
    ),
    # -- a forum word in an adjunct ("lors de la séance plénière") is not the subject -------------
    "fr-forum-word-in-the-incise": (
        "fr",
        "Le ministre Karim Benali participe à la réunion ministérielle du GCTF. "
        "« La coopération entre nos services doit encore progresser », a déclaré le ministre lors "
        "de la séance plénière.",
        [("La coopération entre nos services doit encore progresser", "déclarer", "direct", "Karim Benali")],
    ),
    # -- a participle after a quote's incise opens a call of its own ----------------------------
    "fr-call-in-a-participle-after-a-quote": (
        "fr",
        "« Les sanctions ne sont pas appliquées », a-t-elle ajouté, appelant les États membres à geler "
        "les avoirs.",
        [
            ("Les sanctions ne sont pas appliquées", "ajouter", "direct", None),
            ("geler les avoirs", "appeler", "indirect", None),
        ],
    ),
}


def statements(pipeline: Pipeline, text: str, lang: str) -> tuple[Document, list[Expected]]:
    result = pipeline.annotate(Document("d", text, lang))
    assert result.problems == ()
    doc = result.document
    out = []
    for s in doc.layer("statements"):
        if not isinstance(s, Statement):
            continue
        assert s.cue is not None
        assert s.mode is not None
        speaker = doc.get(s.speaker).text if s.speaker is not None else None
        out.append((s.text, s.cue, s.mode, speaker))
    return doc, out


@pytest.mark.parametrize("case", list(CASES))
def test_statements(case: str, pipeline: Pipeline) -> None:
    lang, text, expected = CASES[case]
    doc, found = statements(pipeline, text, lang)
    assert found == expected
    for s in doc.annotations(Statement):
        if s.speaker is not None:  # a speaker is always an Actor or a Forum, never a place
            assert doc.get(s.speaker).type_name in ("Actor", "Forum")


NO_STATEMENT = {
    "fr-short-quoted-word": (
        "fr",
        "Le groupe mène une campagne « agressive » de recrutement sur les réseaux sociaux.",
    ),
    "en-short-quoted-word": ("en", 'The group runs an "aggressive" recruitment campaign on social media.'),
    "fr-quote-without-a-cue": (
        "fr",
        "Le rapport évoque des « réseaux de soutien financier très structurés » dans la région.",
    ),
    "en-quote-without-a-cue": (
        "en",
        'Investigators found "highly structured financial support networks" in the region.',
    ),
    "fr-title-of-a-work": ("fr", "Le film « Les Cendres » raconte la vie d'un ancien combattant."),
    # a short quote opening the sentence, but as its subject: no comma, so no incise
    "fr-short-quote-as-subject": ("fr", "« Sentinelle » a été renforcée, a annoncé le ministre."),
    "fr-narration": ("fr", "Les délégués se sont retrouvés à Malte pour deux jours de travaux."),
    # an incise whose speaker no rule knows is left out, not read as "C" said by "l'office"
    "fr-unknown-inverted-subject": ("fr", "Le nombre de signalements a doublé en un an, a rappelé l'office."),
    # a relative clause is not an incise, and a programme does not speak
    "fr-relative-clause": (
        "fr",
        "Les ministres ont adopté un nouveau programme, qui met l'accent sur la prévention en ligne.",
    ),
}


@pytest.mark.parametrize("case", list(NO_STATEMENT))
def test_no_statement(case: str, pipeline: Pipeline) -> None:
    lang, text = NO_STATEMENT[case]
    _, found = statements(pipeline, text, lang)
    assert found == []


def test_a_named_speaker_becomes_an_actor(pipeline: Pipeline) -> None:
    """A person named only as a speaker is added as an Actor, and later mentions refer to it."""
    text = '"We have dismantled three cells this year," Vogel said. "More arrests will follow," she added.'
    doc, found = statements(pipeline, text, "en")
    assert [speaker for *_, speaker in found] == ["Vogel", "Vogel"]
    speakers = {s.speaker for s in doc.annotations(Statement)}
    assert len(speakers) == 1
    (speaker_id,) = speakers
    assert speaker_id is not None
    actor = doc.get(speaker_id)
    assert isinstance(actor, Actor)
    assert (actor.kind, actor.text, actor.start) == ("person", "Vogel", text.index("Vogel"))


@pytest.mark.parametrize(
    "unit",
    [
        'He said "the threat of the Islamic State remains high in the Sahel, ',
        "Le ministre a déclaré « Daech reste une menace, selon le GCTF. ",
    ],
    ids=["en-open-quote", "fr-open-quote"],
)
def test_a_long_sentence_of_cues_is_annotated_within_its_time_limit(unit: str) -> None:
    """One sentence of 60,000 characters, a cue every 70: for each cue, a look-ahead scanned the
    rest of the sentence and the words before it were all counted (past the 300 s limit before;
    benchmarks/linearity.py measures the growth). The limit here is a guard against a hang."""
    pipeline = ctannot.load_pipeline(
        "rules", registry=ctannot.load_registry(load_entrypoints=False), time_limit=60
    )
    text = (unit * (60_000 // len(unit) + 1))[:60_000]
    result = pipeline.annotate(Document("long", text, "en" if unit.startswith("He") else "fr"))
    assert result.document.layer_names == ("mentions", "statements")
