"""Text views for matching (rules/folding.py) and offsets mapped back to the original text."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ctannot import Document, Forum, Threat
from ctannot.extractor import Problem
from ctannot.extractors.rule_extractor import RuleExtractor
from ctannot.registry import Registry
from ctannot.rules.files import Entity
from ctannot.rules.folding import TextViews, fold, plain, unaccent
from ctannot.rules.matching import Gazetteer
from strategies import TRICKY, non_empty_texts, texts

# -- the views -------------------------------------------------------------------------------------


@settings(max_examples=200)
@given(texts)
def test_plain_keeps_the_length(text: str) -> None:
    assert len(plain(text)) == len(text)
    assert len(TextViews(text).plain) == len(text)


@settings(max_examples=200)
@given(texts)
def test_unaccented_and_folded_views_have_the_same_length(text: str) -> None:
    views = TextViews(text)
    assert len(views.unaccented) == len(views.folded) <= len(text)


def test_plain_replaces_typography_one_for_one() -> None:
    text = "l\u2019\u00c9tat\u00a0islamique\u202f; anti\u2011terrorisme"
    assert plain(text) == "l'\u00c9tat islamique ; anti-terrorisme"


def test_unaccent_and_fold() -> None:
    assert unaccent("Sécurité É\u0301 ç") == "Securite E c"
    assert fold("Sécurité DAECH l\u2019État") == "securite daech l'etat"
    assert fold("Se\u0301curite\u0301") == "securite"


def _decomposed(text: str) -> str:
    return unicodedata.normalize("NFD", text)


mixed_texts = st.one_of(texts, texts.map(_decomposed))


@settings(max_examples=200)
@given(st.data())
def test_original_span_maps_folded_spans_back(data: st.DataObject) -> None:
    text = data.draw(mixed_texts.filter(lambda t: len(fold(t)) > 0))
    views = TextViews(text)
    folded = views.folded
    start = data.draw(st.integers(0, len(folded) - 1))
    end = data.draw(st.integers(start + 1, len(folded)))
    o_start, o_end = views.original_span(start, end)
    assert 0 <= o_start < o_end <= len(text)
    assert fold(text[o_start:o_end]) == folded[start:end]
    assert unaccent(text[o_start:o_end]) == views.unaccented[start:end]


@settings(max_examples=100)
@given(st.lists(st.sampled_from(TRICKY), min_size=1, max_size=30).map("".join))
def test_original_span_keeps_trailing_combining_marks(text: str) -> None:
    views = TextViews(text)
    if not views.folded:
        return
    _, o_end = views.original_span(0, len(views.folded))
    assert o_end == len(text)
    for i in range(1, len(views.folded)):
        _, o_end = views.original_span(0, i)
        # the span stops right before the next character that is not a combining mark
        assert not unicodedata.combining(text[o_end])


def test_original_span_on_decomposed_text() -> None:
    text = "La se\u0301curite\u0301 d\u2019abord"
    views = TextViews(text)
    assert views.folded == "la securite d'abord"
    s = views.folded.index("securite")
    o_start, o_end = views.original_span(s, s + len("securite"))
    assert text[o_start:o_end] == "se\u0301curite\u0301"


# -- accent-insensitive gazetteer matching, with original offsets -----------------------------------

NAME = "Conseil de sécurité"
VARIANTS = [
    "Conseil de sécurité",
    "Conseil de securite",
    "conseil de SECURITE",
    _decomposed("Conseil de sécurité"),
    "Conseil de se\u0301curite",
]


def _entity() -> Entity:
    return Entity(
        pack="test",
        id="unsc",
        type=Forum,
        canonical="UN Security Council",
        names=(NAME,),
        attributes={"kind": "organisation"},
    )


@pytest.mark.parametrize("variant", VARIANTS)
def test_gazetteer_matches_accent_variants_at_original_offsets(variant: str) -> None:
    text = f"Le {variant} s\u2019est réuni."
    found = list(Gazetteer([_entity()]).find(TextViews(text)))
    assert [(m.start, m.end) for m in found] == [(3, 3 + len(variant))]
    assert text[found[0].start : found[0].end] == variant
    assert found[0].type is Forum
    assert found[0].attributes == {"kind": "organisation", "canonical": "UN Security Council"}


@settings(max_examples=150)
@given(st.sampled_from(VARIANTS), non_empty_texts, texts)
def test_gazetteer_finds_variant_anywhere(variant: str, before: str, after: str) -> None:
    text = f"{before} {variant} {after}"
    start = len(before) + 1
    found = list(Gazetteer([_entity()]).find(TextViews(text)))
    assert (start, start + len(variant)) in [(m.start, m.end) for m in found]
    for m in found:
        assert fold(text[m.start : m.end]) == fold(NAME)


def test_gazetteer_respects_word_boundaries() -> None:
    text = "Le Conseil de sécuritéX et XConseil de sécurité."
    assert list(Gazetteer([_entity()]).find(TextViews(text))) == []


PACK = """\
[pack]
name = "test-accents"
version = "1.0"
language = "*"

[[entity]]
type = "Threat"
id = "aqmi"
canonical = "Al-Qaïda au Maghreb islamique"
names = ["Al-Qaïda au Maghreb islamique", "AQMI"]
wikidata = "Q11225"
attributes = { category = "group" }

[[rule]]
name = "fonds"
type = "Threat"
pattern = 'financement du (?P<span>terrorisme)'
ignore_accents = true
attributes = { category = "financing" }
"""


def test_rule_extractor_matches_unaccented_and_decomposed(tmp_path: Path, registry: Registry) -> None:
    pack = tmp_path / "accents.toml"
    pack.write_text(PACK, encoding="utf-8")
    ex = RuleExtractor("test.accents", "1.0", "threats", [pack])
    ex.setup(registry)
    name = "Al-Qaïda au Maghreb islamique"
    forms = [name, "Al-Qaida au Maghreb islamique", _decomposed(name)]
    text = f"{forms[0]}, puis {forms[1]} et enfin {forms[2]} ; le financement du terrorisme. AQMI."
    doc = Document("d", text, "fr")
    problems: list[Problem] = []
    (layer,) = ex.extract(doc, problems.append)
    assert problems == []
    groups = [a for a in layer if isinstance(a, Threat) and a.category == "group"]
    assert [a.text for a in groups] == [*forms, "AQMI"]
    for ann in groups:
        assert ann.canonical == "Al-Qaïda au Maghreb islamique"
        assert ann.wikidata == "Q11225"
        assert ann.entity == "test-accents:aqmi"
    (financing,) = [a for a in layer if a.category == "financing"]  # type: ignore[attr-defined]
    assert financing.text == "terrorisme"
    assert financing.start == text.index("terrorisme")


def test_the_half_rings_of_a_transliteration_are_apostrophes() -> None:
    """``Dāʿash``: the ayn (and the hamza) of a scholarly transliteration read as the apostrophe
    the gazetteers write (``Da'ash``), one for one."""
    assert plain("Dāʿash, Qurʾan") == "Dā'ash, Qur'an"
