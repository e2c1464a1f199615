"""Sentences of a whole text, kept for the extractors of a batch: the same as split anew, and
the texts kept bounded by their size, not by how many there are; patterns tried at the words
their matches open with find what they find tried everywhere."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import regex
from hypothesis import example, given
from hypothesis import strategies as st

from ctannot.extractors import names
from ctannot.extractors.text_units import (
    Openings,
    _KeptPerText,
    _sentences,
    ends_a_sentence,
    quotes,
    sentences,
    whole_words,
    wire_datelines,
)
from ctannot.rules.folding import fold

texts = st.text(alphabet=st.sampled_from(list('ab .!?«»"\n,é')), max_size=200)


@given(texts)
def test_the_kept_sentences_are_those_split_anew(text: str) -> None:
    assert list(sentences(text)) == list(_sentences(text, 0, None))
    assert list(sentences(text)) == list(_sentences(text, 0, None))  # the second time, kept


def test_the_kept_texts_are_bounded_by_their_size() -> None:
    kept = _KeptPerText(lambda text: tuple(_sentences(text, 0, None)), limit=100)
    batch = [f"Phrase {n}. Une autre {n}." for n in range(40)]  # 20 code points or so each
    for text in batch:
        assert kept(text) == tuple(_sentences(text, 0, None))
    assert sum(len(t) for t in kept._kept) <= 100
    assert batch[-1] in kept._kept  # the newest stay
    assert batch[0] not in kept._kept
    long = "x" * 500 + "."
    assert kept(long) == ((0, 501),)  # one text longer than the bound is still kept, alone
    assert list(kept._kept) == [long]


# -- a pattern tried only at the words its matches open with -------------------------------------

_OPENINGS = [v for k, v in vars(names).items() if isinstance(v, Openings)]
_SAMPLES = [
    json.loads(line)["text"]
    for line in (Path(__file__).resolve().parents[1] / "corpus_samples" / "samples.jsonl")
    .read_text(encoding="utf-8")
    .splitlines()
]
_EDGES = [
    "le Groupe djihadiste Ansaru, la RÉUNION des ministres de l'Intérieur et l'Opération Barkhane",
    "la re\u0301union de Niamey, l'ope\u0301ration Serval et le groupe arme\u0301 Ansar Dine",  # decomposed
    "the İslamic State-linked group Ansar and suspected members of the Kingdom",  # İ folds to I
    "la ſession de Bamako, ſuspected members of Boko Haram",  # ſ matches s, folds to ſ
    "re-réunion de Paris, groupe-groupe jihadiste Ansaru, Sommet de Dakar",
    "the ADF rebels, the ISIS militants ADF, les djihadistes de l'EIGS et les INSURGÉS du MNLA",
    "les inſurgés du MNLA, ADF rebelſ",  # ſ matches s: the text is searched in full
    "la coalition antiterroriste, the Counter-Terrorism coalition, an anti-ISIS COALITION, la "
    "Coalition militaire islamique de lutte contre le terrorisme, une contre-coalition anti-terroriste",
]


@pytest.mark.parametrize("openings", _OPENINGS, ids=lambda o: o.pattern.pattern[:40])
def test_openings_find_what_the_pattern_finds(openings: Openings) -> None:
    for text in [*_SAMPLES, *_EDGES]:
        expected = [(m.span(), m.groupdict()) for m in openings.pattern.finditer(text)]
        assert [(m.span(), m.groupdict()) for m in openings.finditer(text)] == expected


def test_openings_made_after_a_search_find_their_words_too() -> None:
    # all share one automaton: words new to it make it anew, and the text is searched again
    text = "la réunion de Niamey, puis le sommet de Dakar"
    meeting = Openings(regex.compile("reunion"), ["reunion"])
    assert meeting.starts(text) == [3]
    summit = Openings(regex.compile("sommet"), ["sommet", "sommets"])
    assert summit.starts(text) == [text.index("sommet")]
    assert meeting.starts(text) == [3]
    assert Openings(regex.compile("sommets?"), ["sommets", "sommet"])._id == summit._id


def test_only_the_long_s_matches_a_letter_that_it_does_not_fold_to() -> None:
    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    letters = {ch for o in _OPENINGS for word in o.words for ch in word}
    unfolded = {
        m.group()
        for ch in letters
        for m in regex.compile(regex.escape(ch), regex.IGNORECASE).finditer(every)
        if fold(m.group()) != ch
    }
    assert unfolded == set(Openings._NOT_FOLDED)


def test_english_names_are_found_from_their_heads_as_everywhere() -> None:
    edges = [
        "the EA Counter Terrorism Centre, the Inter-American Committee against Terrorism and ASEAN's Council",
        "Kenya’s National Counter Terrorism Centre (NCTC); the G5 Sahel Joint Force Council Meeting",
        "the unit, the Unit, UNITED Nations Office on Drugs and Crime 2024 Programme for Africa",
        "the (EA Counter Terrorism Centre) and,Regional Centre;Joint Council",
    ]
    for text in [*_SAMPLES, *_EDGES, *edges]:
        expected = [(m.span(), m.groupdict()) for m in names._EN_NAMED.finditer(text)]
        assert [(m.span(), m.groupdict()) for m in names._en_named(text)] == expected


def test_fighters_are_looked_for_in_their_sentences_as_everywhere() -> None:
    edges = [
        "the ADF rebels. Les rebelles ADF! Des jihadistes du JNIM? ISWAP   \n  militants, FDLR\tinsurgents",
        "ADF rebelſ, les inſurgés du MNLA, les djihadistes de l’EIGS et des miliciens CODECO.",
        "ADF" + " " * 300 + "rebels; les REBELLES de l'ADF et les İNSURGÉS du MNLA",
    ]
    for text in [*_SAMPLES, *_EDGES, *edges]:
        expected = [(m.span(), m.groupdict()) for m in names._FIGHTERS_OF.finditer(text)]
        assert [(m.span(), m.groupdict()) for m in names._fighters_of(text)] == expected


_PIECES = ["Centre", "centre", "Council", "the", "EA", "Counter", " ", "-", ",", "'s", "’", "of", "Terrorism"]
_PIECES += [
    "\n",
    "Unit",
    "unit",
    "é",
    "e\u0301",
    "ſ",
    "Groupe",
    "jihadiste",
    "Ansaru",
    "Réunion",
    "de",
    "Niamey",
    "ADF",
    "rebels",
    "rebelles",
    "des",
    "djihadistes",
    "l’",
    ".",
    "?",
    "coalition",
    "antiterroriste",
    "anti-",
    "Counter-Terrorism",
    # the agreements', operations' and exercises' words (names._AGREEMENT, _FR_FORCE, _EN_FORCE)
    "accord",
    "coopération",
    "militaire",
    "opération",
    "agreement",
    "against",
    "security",
    "cooperation",
    "joint",
    "military",
    "exercise",
    "terror",
]


@given(st.lists(st.sampled_from(_PIECES), max_size=30).map("".join))
def test_patterns_tried_at_their_openings_find_what_they_find_everywhere(text: str) -> None:
    for openings in _OPENINGS:
        expected = [(m.span(), m.groupdict()) for m in openings.pattern.finditer(text)]
        assert [(m.span(), m.groupdict()) for m in openings.finditer(text)] == expected
    expected = [(m.span(), m.groupdict()) for m in names._EN_NAMED.finditer(text)]
    assert [(m.span(), m.groupdict()) for m in names._en_named(text)] == expected
    expected = [(m.span(), m.groupdict()) for m in names._FIGHTERS_OF.finditer(text)]
    assert [(m.span(), m.groupdict()) for m in names._fighters_of(text)] == expected


# -- a document's names as whole words ---------------------------------------------------------

_WORD_PIECES = st.sampled_from(
    ["a", "b", "A", "ab", "-", "_", " ", "&", "é", "e\u0301", "\u0301", "1", "²", "İ", "."]
)


@given(
    st.lists(_WORD_PIECES, max_size=30).map("".join),
    st.lists(st.lists(_WORD_PIECES, min_size=1, max_size=3).map("".join), min_size=1, max_size=3),
    st.integers(0, 30),
)
@example("a& b", ["a&", "a"], 0)  # at one place, the first form in order that is whole there
@example("A&A&A", ["A&A"], 0)  # whole forms that overlap: the first found, and on from its end
@example("-ab ab", ["ab"], 1)  # the look back sees before pos: "ab" after "-" is no whole word
def test_whole_words_are_found_where_their_pattern_finds_them(text: str, forms: list[str], pos: int) -> None:
    pattern = regex.compile(rf"(?<![\w\-])(?:{'|'.join(regex.escape(f) for f in sorted(forms))})(?![\w\-])")
    assert whole_words(text, forms, pos) == [m.span() for m in pattern.finditer(text, pos)]


def _quoted(text: str) -> list[str]:
    """The quotations of each paragraph, as the speech extractor reads them."""
    out = []
    pos = 0
    for paragraph in text.split("\n"):
        out += [text[q.start : q.end] for q in quotes(text, pos, pos + len(paragraph))]
        pos += len(paragraph) + 1
    return out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # each paragraph of a long quotation opens with the mark, and only the last closes it
            "\u201cWe must act together.\n\n\u201cWe will share intelligence.\u201d",
            ["We must act together.", "We will share intelligence."],
        ),
        ("\u201cWe must act together.\n\nThe minister left.", []),  # no next paragraph quoted: unclosed
        # the text stops in a quotation (a page cut short): quoted to its end
        ("The minister spoke.\n\u201cWe must act. We will share", ["We must act. We will share"]),
        ("The minister spoke.\n\u00ab Nous agirons ensemble.\n", ["Nous agirons ensemble."]),
        ("He said \u201cwe must act.\n\n\u201cAnd now.\u201d", ["And now."]),  # it opens no paragraph
    ],
)
def test_a_quotation_of_several_paragraphs(text: str, expected: list[str]) -> None:
    assert _quoted(text) == expected


@pytest.mark.parametrize(
    ("text", "story"),
    [
        ("Lomé, Togo | AFP | mardi 12/03/2024 - Le groupe a frappé.", "Le groupe a frappé."),
        ("KUWAIT CITY, 5 May 2004 \u2014 GCC ministers met.", "GCC ministers met."),
        ("NIAMEY (Reuters) - Les ministres se sont réunis.", "Les ministres se sont réunis."),
        ("The minister - who arrived on Monday - spoke.", None),  # no date nor agency: an aside
        ("In 2015 the force \u2014 a joint one \u2014 was set up.", None),  # the dash is no dateline's
    ],
)
def test_a_wire_dateline_ends_at_its_dash(text: str, story: str | None) -> None:
    end = wire_datelines(text).get(0)
    assert (text[end:] if end is not None else None) == story


@given(st.text(alphabet=st.sampled_from(list("Ab1 -—|()\n,é.")), max_size=240))
def test_a_wire_dateline_stays_on_its_line_and_ends_before_a_capital(text: str) -> None:
    for start, end in wire_datelines(text).items():
        assert start == 0 or text[start - 1] == "\n"
        assert start < end < len(text)
        assert "\n" not in text[start:end]
        assert text[end].isupper()


@pytest.mark.parametrize(
    ("text", "ends"),
    [
        (", Gen. Kayihura said", False),
        (", M. Voronkov a ", False),
        (" the envoy said. Later, ", True),
        (" really? Then ", True),
        (" no stop at all ", False),
    ],
)
def test_a_sentence_ends_where_a_stop_is_no_abbreviation_s(text: str, ends: bool) -> None:
    assert ends_a_sentence(text, 0, len(text)) is ends
