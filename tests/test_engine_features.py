"""The rule engine's features, on small rule packs written for each test.

Rules that build on other annotations (``extends``, ``continue_with``, ``follows``), anchors,
the gazetteer's matching of names (acronyms, dotted acronyms, hyphenated words, the longest
name), phrase lists as prefix trees, web addresses, and exclusions in the built-in packs.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

import attrs
import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import examples
from ctannot import Actor, Document, Pipeline, RuleExtractor
from ctannot.api import load_pipeline
from ctannot.extractor import Problem
from ctannot.extractors.rule_extractor import web_links
from ctannot.registry import Registry
from ctannot.rules import load_rule_pack
from ctannot.rules.files import Exclusion
from ctannot.rules.folding import TextViews, fold, views_of
from ctannot.rules.matching import (
    _VETO_AFTER,
    Gazetteer,
    _span_at,
    _span_in_window_at,
    _span_opens_match,
    find_rule_matches,
)
from ctannot.rules.trie import expand_lists
from rule_packs import load_error, write_pack


def extractor(tmp_path: Path, registry: Registry, body: str, name: str = "pack.toml") -> RuleExtractor:
    ex = RuleExtractor("test.engine", "1.0", "mentions", [write_pack(tmp_path, body, name=name)])
    ex.setup(registry)
    return ex


def found(ex: RuleExtractor, text: str, lang: str = "fr") -> list[tuple[str, str, int]]:
    """(type, text, start) of every annotation the extractor makes; no problem may be reported."""
    problems: list[Problem] = []
    (layer,) = ex.extract(Document("d", text, lang), problems.append)
    assert problems == []
    return [(a.type_name, a.text, a.start) for a in layer]


def texts_of(ex: RuleExtractor, text: str, kind: str | None = None) -> list[str]:
    return [t for type_name, t, _ in found(ex, text) if kind is None or type_name == kind]


# -- extends and continue_with ---------------------------------------------------------------------

GCTF = """
[[entity]]
type = "Forum"
id = "gctf"
names = ["GCTF", "Forum mondial de lutte contre le terrorisme"]
attributes = { kind = "organisation" }
"""

MEETING_OF = """
[[rule]]
name = "meeting-of"
type = "Forum"
extends = ["Forum"]
pattern = '''(?P<span>r[ée]union(?:\\s+minist[ée]rielle)?\\s+du\\s+)'''
attributes = { kind = "meeting" }
"""


def test_extends_joins_the_pattern_and_the_forum_it_ends_before(tmp_path: Path, registry: Registry) -> None:
    ex = extractor(tmp_path, registry, GCTF + MEETING_OF)
    text = "La réunion ministérielle du GCTF s'est tenue à Rabat. Le GCTF a publié un rapport."
    assert found(ex, text) == [
        ("Forum", "réunion ministérielle du GCTF", text.index("réunion")),
        ("Forum", "GCTF", text.rindex("GCTF")),
    ]
    problems: list[Problem] = []
    (layer,) = ex.extract(Document("d", text, "fr"), problems.append)
    assert layer.annotations[0].kind == "meeting"  # type: ignore[attr-defined]
    assert layer.annotations[1].kind == "organisation"  # type: ignore[attr-defined]


def test_extends_needs_the_annotation_right_after(tmp_path: Path, registry: Registry) -> None:
    ex = extractor(tmp_path, registry, GCTF + MEETING_OF)
    # the pattern matches, but no Forum starts where it ends
    assert found(ex, "La réunion ministérielle du comité s'est tenue à Rabat.") == []
    # a Forum further on is not right after the pattern
    assert texts_of(ex, "La réunion ministérielle du comité et du GCTF s'est tenue à Rabat.") == ["GCTF"]


def test_continue_with_extends_the_joined_span(tmp_path: Path, registry: Registry) -> None:
    body = GCTF + MEETING_OF + """continue_with = '''\\s+sur\\s+(?:la|le|les)\\s+[\\w\\-]+'''\n"""
    ex = extractor(tmp_path, registry, body)
    text = "La réunion du GCTF sur la radicalisation s'est ouverte à Rabat."
    assert texts_of(ex, text) == ["réunion du GCTF sur la radicalisation"]
    # without the continuation's words, the span stops at the Forum
    assert texts_of(ex, "La réunion du GCTF s'est ouverte à Rabat.") == ["réunion du GCTF"]


def test_continue_with_without_extends_is_refused(tmp_path: Path, registry: Registry) -> None:
    path = write_pack(
        tmp_path,
        """
        [[rule]]
        name = "dangling-continuation"
        type = "Forum"
        pattern = 'sommet\\s+de\\s+\\p{Lu}\\w+'
        continue_with = '\\s+sur\\s+\\w+'
        """,
    )
    error = load_error(path, registry)
    assert str(error).startswith(str(path))
    assert error.path == path
    assert error.rule == "dangling-continuation"
    assert "rule 'dangling-continuation'" in str(error)
    assert "'continue_with' needs 'extends'" in str(error)


def test_a_rule_cannot_both_extend_and_follow(tmp_path: Path, registry: Registry) -> None:
    path = write_pack(
        tmp_path,
        """
        [[rule]]
        name = "both-ways"
        type = "Forum"
        extends = ["Forum"]
        follows = ["Initiative"]
        pattern = 'sommet\\s+du\\s+'
        """,
    )
    error = load_error(path, registry)
    assert str(error).startswith(str(path))
    assert error.rule == "both-ways"
    assert "cannot both extend and follow" in str(error)


# -- follows ---------------------------------------------------------------------------------------

FOLLOWS_BASE = """
[[entity]]
type = "Initiative"
id = "horizon"
names = ["Programme Horizon"]

[[entity]]
type = "Threat"
id = "daech"
names = ["Daech"]
"""

SECOND_MECHANISM = """
[[rule]]
name = "second-mechanism"
type = "Initiative"
pattern = '''\\s+et\\s+(?:le|du)\\s+(?P<span>m[ée]canisme\\s+\\p{Lu}\\w+)'''
"""


def test_follows_rule_matches_only_right_after_the_followed_type(tmp_path: Path, registry: Registry) -> None:
    text = (
        "Le ministre a présenté le Programme Horizon et le mécanisme Vigie. "
        "La police et le mécanisme Sentinelle coopèrent déjà. "
        "Daech et le mécanisme Rempart sont cités dans le rapport."
    )
    # the pattern alone matches three times: after an Initiative, after a noun, after a Threat
    unrestricted = extractor(tmp_path, registry, FOLLOWS_BASE + SECOND_MECHANISM, "plain.toml")
    assert texts_of(unrestricted, text, "Initiative") == [
        "Programme Horizon",
        "mécanisme Vigie",
        "mécanisme Sentinelle",
        "mécanisme Rempart",
    ]
    following = extractor(
        tmp_path, registry, FOLLOWS_BASE + SECOND_MECHANISM + 'follows = ["Initiative"]\n', "follows.toml"
    )
    assert found(following, text) == [
        ("Initiative", "Programme Horizon", text.index("Programme")),
        ("Initiative", "mécanisme Vigie", text.index("mécanisme Vigie")),
        ("Threat", "Daech", text.index("Daech")),
    ]


def test_follows_rule_reads_its_groups(tmp_path: Path, registry: Registry) -> None:
    body = (
        FOLLOWS_BASE
        + """
        [[rule]]
        name = "second-with-goal"
        type = "Initiative"
        follows = ["Initiative"]
        pattern = '''\\s+et\\s+le\\s+(?P<span>m[ée]canisme\\s+\\p{Lu}\\w+)\\s+contre\\s+(?P<goal>\\w+)'''
        groups = { goal = "goal" }
        """
    )
    ex = extractor(tmp_path, registry, body)
    problems: list[Problem] = []
    text = "Il a lancé le Programme Horizon et le mécanisme Vigie contre Daech."
    (layer,) = ex.extract(Document("d", text, "fr"), problems.append)
    vigie = [a for a in layer if a.text == "mécanisme Vigie"]
    assert len(vigie) == 1
    assert vigie[0].goal == "Daech"  # type: ignore[attr-defined]


# -- anchors ---------------------------------------------------------------------------------------

ANCHORED = """
[lists]
plan_heads = ["plan", "programme"]

[[rule]]
name = "national-prevention"
type = "Initiative"
pattern = '''(?P<span>\\w+\\s+national\\s+de\\s+pr[ée]vention)'''
"""

ANCHOR_TEXT = (
    "Le gouvernement a adopté un plan national de prévention.\n"
    "Le comité national de prévention s'est réuni à Lyon.\n"
    "Le comité national de prévention suivra le programme.\n"
)


def test_a_rule_without_anchors_matches_everywhere(tmp_path: Path, registry: Registry) -> None:
    ex = extractor(tmp_path, registry, ANCHORED)
    assert texts_of(ex, ANCHOR_TEXT) == [
        "plan national de prévention",
        "comité national de prévention",
        "comité national de prévention",
    ]


def test_anchored_rule_skips_paragraphs_without_an_anchor(tmp_path: Path, registry: Registry) -> None:
    ex = extractor(tmp_path, registry, ANCHORED + 'anchors = ["plan_heads"]\n')
    starts = [start for _, _, start in found(ex, ANCHOR_TEXT)]
    second = ANCHOR_TEXT.index("Le comité")
    third = ANCHOR_TEXT.rindex("Le comité")
    # the second paragraph holds no anchor: its match, though the pattern finds it, is never tried;
    # the third holds one ("programme"), so the whole paragraph is looked at
    assert starts == [ANCHOR_TEXT.index("plan"), third + len("Le ")]
    assert second + len("Le ") not in starts


def test_starts_at_anchor_tries_the_pattern_only_at_anchors(tmp_path: Path, registry: Registry) -> None:
    ex = extractor(tmp_path, registry, ANCHORED + 'anchors = ["plan_heads"]\nstarts_at_anchor = true\n')
    assert found(ex, ANCHOR_TEXT) == [
        ("Initiative", "plan national de prévention", ANCHOR_TEXT.index("plan")),
    ]
    # an anchor in a word of its own only: "planification" is not "plan"
    assert found(ex, "La planification national de prévention avance.") == []


def test_anchors_are_found_whatever_the_case_and_accents(tmp_path: Path, registry: Registry) -> None:
    ex = extractor(tmp_path, registry, ANCHORED + 'anchors = ["plan_heads"]\nstarts_at_anchor = true\n')
    text = "Le PROGRAMME national de prevention est lancé."
    assert texts_of(ex, text) == ["PROGRAMME national de prevention"]


def test_starts_at_anchor_needs_anchors(tmp_path: Path, registry: Registry) -> None:
    path = write_pack(tmp_path, ANCHORED + "starts_at_anchor = true\n")
    error = load_error(path, registry)
    assert error.rule == "national-prevention"
    assert "true needs 'anchors'" in str(error)


def test_anchors_must_name_a_list_of_the_file(tmp_path: Path, registry: Registry) -> None:
    path = write_pack(tmp_path, ANCHORED + 'anchors = ["plan_heds"]\n')
    error = load_error(path, registry)
    assert str(error).startswith(str(path))
    assert error.rule == "national-prevention"
    assert "'anchors' names unknown list 'plan_heds'" in str(error)


OPERATION = """
[lists]
operations = ["Sentinelle"]

[[rule]]
name = "operation"
type = "Initiative"
pattern = '''(?P<span>op[ée]ration\\s+sentinelle)'''
ignore_case = true
anchors = ["operations"]
"""

OPERATION_TEXT = "L'opération Sentinelle a été prolongée.\nUne opération sentinelle de routine a eu lieu.\n"


def test_anchors_ignore_case_unless_exact(tmp_path: Path, registry: Registry) -> None:
    folded = extractor(tmp_path, registry, OPERATION, "folded.toml")
    assert texts_of(folded, OPERATION_TEXT) == ["opération Sentinelle", "opération sentinelle"]
    exact = extractor(tmp_path, registry, OPERATION + "exact_anchors = true\n", "exact.toml")
    # the lowercase "sentinelle" is no anchor: its paragraph is skipped, the pattern never tried
    assert found(exact, OPERATION_TEXT) == [("Initiative", "opération Sentinelle", 2)]


# -- the gazetteer ---------------------------------------------------------------------------------

NAMES = """
[[entity]]
type = "Forum"
id = "fatf"
names = ["GAFI", "Groupe d'action financière"]

[[entity]]
type = "Forum"
id = "un"
names = ["ONU"]

[[entity]]
type = "Forum"
id = "unsc"
names = ["UN Security Council"]

[[entity]]
type = "Threat"
id = "radicalisation"
names = ["radicalisation"]

[[entity]]
type = "Threat"
id = "terrorism"
names = ["terrorisme"]

[[entity]]
type = "Threat"
id = "coastal-brigade"
names = ["Brigade du littoral"]

[[entity]]
type = "Threat"
id = "terrorist-financing"
names = ["financement du terrorisme"]
"""


@pytest.fixture
def names(tmp_path: Path, registry: Registry) -> RuleExtractor:
    return extractor(tmp_path, registry, NAMES)


def test_acronyms_match_their_letter_case(names: RuleExtractor) -> None:
    assert texts_of(names, "Le GAFI a publié sa liste grise.") == ["GAFI"]
    assert texts_of(names, "Le mot gafi n'est pas un nom.") == []
    assert texts_of(names, "Des experts de l'ONU sont arrivés.") == ["ONU"]
    assert texts_of(names, "Des experts de l'onu sont arrivés.") == []


def test_press_spelling_of_long_acronyms(names: RuleExtractor) -> None:
    # "Gafi" for GAFI (four letters or more), but not "Onu" for ONU
    assert found(names, "Le Gafi a publié sa liste grise.") == [("Forum", "Gafi", 3)]
    assert found(names, "Des experts de l'Onu sont arrivés.") == []


def test_full_names_ignore_case_and_accents(names: RuleExtractor) -> None:
    text = "Le groupe d’Action financiere s'est réuni à Paris."
    assert texts_of(names, text) == ["groupe d’Action financiere"]


def test_dotted_acronyms(names: RuleExtractor) -> None:
    text = "The U.N. Security Council met on Monday; the UN Security Council met again."
    assert found(names, text) == [
        ("Forum", "U.N. Security Council", text.index("U.N.")),
        ("Forum", "UN Security Council", text.index("UN Security")),
    ]
    # an acronym alone is dotted too, and keeps its letter case
    assert found(names, "Des experts de l'O.N.U. sont arrivés.") == [("Forum", "O.N.U.", 17)]
    assert found(names, "Des experts de l'o.n.u. sont arrivés.") == []


def test_hyphen_glued_prefix_is_another_word(names: RuleExtractor) -> None:
    assert texts_of(names, "Un programme de contre-radicalisation a été lancé.") == []
    assert texts_of(names, "La radicalisation en ligne inquiète les experts.") == ["radicalisation"]
    # a hyphen after a space is a dash, not a prefix
    assert texts_of(names, "Un fléau - radicalisation en ligne - inquiète.") == ["radicalisation"]
    # a proper name after the prefix is still that name: "anti-Daech" names Daech
    assert texts_of(names, "Une opération anti-Brigade du littoral a commencé.") == ["Brigade du littoral"]
    assert texts_of(names, "Une opération anti-brigade du littoral a commencé.") == []


def test_longest_name_wins(names: RuleExtractor) -> None:
    text = "La lutte contre le financement du terrorisme et le terrorisme."
    assert found(names, text) == [
        ("Threat", "financement du terrorisme", text.index("financement")),
        ("Threat", "terrorisme", text.rindex("terrorisme")),
    ]


_LIST_CHARS = "abé.(*\\ -'"


@settings(max_examples=examples(300), deadline=None)
@given(
    st.lists(st.text(alphabet=_LIST_CHARS, min_size=1, max_size=5), min_size=1, max_size=8),
    st.text(alphabet=_LIST_CHARS, max_size=7),
)
def test_expanded_lists_match_exactly_their_words(words: list[str], probe: str) -> None:
    pattern = regex.compile(expand_lists(r"\L<w>", {"w": words}))
    for word in words:
        assert pattern.fullmatch(word) is not None
    assert (pattern.fullmatch(probe) is not None) == (probe in words)
    # like the regex package's named list, the longest word that starts the text is matched
    prefixes = [w for w in words if probe.startswith(w)]
    m = pattern.match(probe)
    assert (m.group() if m else None) == (max(prefixes, key=len) if prefixes else None)
    named = regex.compile(r"\L<w>", w=words).match(probe)
    assert (named.group() if named else None) == (m.group() if m else None)


def test_expanded_lists_inside_a_pattern() -> None:
    pattern = regex.compile(
        expand_lists(
            r"(?:\L<heads>)\s+de\s+\L<places>", {"heads": ["sommet", "réunion"], "places": ["Rabat"]}
        )
    )
    assert pattern.fullmatch("sommet de Rabat")
    assert pattern.fullmatch("réunion de Rabat")
    assert pattern.fullmatch("sommets de Rabat") is None


# -- web addresses ---------------------------------------------------------------------------------


def test_web_links_finds_addresses_handles_and_tags() -> None:
    text = (
        "Le rapport est sur www.example.org/gctf-report, et sur https://example.org/a?b=1. "
        "Écrivez à presse.gctf@example.org ou suivez @GCTF_Secretariat (#StopTerrorisme)."
    )
    links = [text[a:b] for a, b in web_links(text)]
    assert links == [
        "www.example.org/gctf-report",
        "https://example.org/a?b=1",
        "presse.gctf@example.org",
        "@GCTF_Secretariat",
        "#StopTerrorisme",
    ]


def test_web_links_leaves_ordinary_text_alone() -> None:
    assert web_links("Le GCTF s'est réuni à Rabat, le 12 mars.") == []


def test_no_annotation_inside_a_web_address(tmp_path: Path, registry: Registry) -> None:
    body = GCTF + '\n[[entity]]\ntype = "Threat"\nid = "daech"\nnames = ["Daech"]\n'
    text = (
        "Voir www.example.org/GCTF-report et https://example.org/daech/rapport, "
        "écrire à GCTF@example.org ou suivre #Daech. Le GCTF condamne Daech."
    )
    pack = load_rule_pack(write_pack(tmp_path, body, name="names.toml"), registry.types)
    # the names are there to be found: the gazetteer alone reports them in the links too
    assert len(Gazetteer(pack.entities).find(views_of(text))) == 6
    ex = extractor(tmp_path, registry, body)
    assert found(ex, text) == [
        ("Forum", "GCTF", text.rindex("GCTF")),
        ("Threat", "Daech", text.rindex("Daech")),
    ]


# -- a rule that says which characters its matches never hold looks only between them ---------

_BETWEEN_PIECES = [
    *[
        "Jane Mwangi, interior minister",
        "Jane Mwangi, Kenya's minister",
        "Yark Nadou, ministre de la Defense",
    ],
    *[
        "Regional Security Summit",
        "Counter-Terrorism Conference",
        "the Egyptian Ministry",
        "Nigerian government",
    ],
    *["P/CVE conference", "counter-terrorism conference", "Forum", "le nouveau ministre", "Jane", "Mwangi"],
    *[
        "Kenya Focus Group on the Sahel",
        "Working Group on Foreign Terrorist Fighters",
        "joint security commission",
    ],
    *[
        "good practices for the prevention",
        "la campagne « Sentinelle »",
        "le plan “Vigipirate”",
        "U.N. Global",
    ],
    *["Joint Action Plan on Counter-Terrorism for the Western Balkans", "Strategy", "Initiative", "for"],
    *[" ", "  ", ", ", ". ", "; ", "\n", "(", ")", "'", "’", "-", "/", "\u00a0", "é", "the "],
]


@functools.cache
def _between_rules() -> list[Any]:
    packs = load_pipeline("rules").registry.rule_packs
    return [rule for pack in packs for rule in pack.rules if rule.never_holds is not None]


def _found_by(rule: Any, text: str) -> list[tuple[int, int, dict[str, Any]]]:
    views = TextViews(text)
    _, where = Gazetteer([], [rule]).scan(views)
    return [(m.start, m.end, dict(m.attributes)) for m in find_rule_matches([rule], views, 2.0, print, where)]


def test_rules_that_never_hold_some_characters_find_between_them_what_they_find_in_paragraphs() -> None:
    samples = (Path(__file__).resolve().parents[1] / "corpus_samples" / "samples.jsonl").read_text("utf-8")
    texts = [json.loads(line)["text"] for line in samples.splitlines()]
    rules = _between_rules()
    assert {rule.name for rule in rules} >= {
        "person-before-title",
        "forum-title-case",
        "initiative-title-case",
    }
    for rule in rules:
        in_paragraphs = attrs.evolve(rule, never_holds=None)
        for text in texts:
            assert _found_by(rule, text) == _found_by(in_paragraphs, text)


@settings(max_examples=examples(200))
@given(st.lists(st.sampled_from(_BETWEEN_PIECES), max_size=16).map("".join))
def test_rules_that_never_hold_some_characters_find_what_they_find_in_paragraphs_in_any_text(
    text: str,
) -> None:
    for rule in _between_rules():
        assert _found_by(rule, text) == _found_by(attrs.evolve(rule, never_holds=None), text)


# -- honorifics looked for with their letter case, as the pattern reads them ---------------------

_HONORIFIC_PIECES = [
    *["M. Jean Dupont", "Mme Awa Diallo", "Me Karim", "Dr Ali Hassan", "Pr Jean-Paul", "Mr. John Smith"],
    *["Mrs Jane Doe", "Ms. Anna Lee", "Dr. Li", "Prof. Chen", "Sir Ian", "me Jean", "dr Ali", "MR John"],
    *[" ", ". ", ", ", "\n", "-", "comme ", "hydra ", "ms ", "(", "é"],
]


@pytest.mark.parametrize("lang", ["fr", "en"])
@settings(max_examples=examples(150))
@given(text=st.lists(st.sampled_from(_HONORIFIC_PIECES), max_size=12).map("".join))
def test_honorifics_looked_for_with_their_case_find_as_folded_anchors_do(lang: str, text: str) -> None:
    [rule] = [r for r in _rules_of(lang) if r.name == "person-honorific"]
    assert rule.exact_anchors
    folded = attrs.evolve(rule, exact_anchors=False, anchors=tuple(sorted({fold(a) for a in rule.anchors})))
    assert _found_by(rule, text) == _found_by(folded, text)


@functools.cache
def _rules_of(lang: str) -> list[Any]:
    packs = load_pipeline("rules").registry.rule_packs
    return [rule for pack in packs if pack.language == lang for rule in pack.rules]


# -- exclusions ------------------------------------------------------------------------------------


def actors(pipeline: Pipeline, text: str, lang: str) -> list[str]:
    doc = pipeline.annotate(Document("d", text, lang)).document
    return [a.text for a in doc.layer("mentions") if isinstance(a, Actor)]


def test_country_as_a_place_is_no_actor_in_french(pipeline: Pipeline) -> None:
    assert actors(pipeline, "Les délégués se sont retrouvés à Malte puis au Maroc.", "fr") == []
    assert actors(pipeline, "Le Maroc a annoncé un plan national de prévention.", "fr") == ["Maroc"]


def test_country_as_a_place_is_no_actor_in_english(pipeline: Pipeline) -> None:
    assert actors(pipeline, "Delegates met in Malta before travelling to Morocco.", "en") == []
    assert actors(pipeline, "Morocco announced a new national prevention plan.", "en") == ["Morocco"]


def test_exclusion_applies_only_where_its_attributes_hold(tmp_path: Path, registry: Registry) -> None:
    body = """
    [[entity]]
    type = "Actor"
    id = "malta"
    names = ["Malte"]
    attributes = { kind = "state" }

    [[entity]]
    type = "Actor"
    id = "europol"
    names = ["Europol"]
    attributes = { kind = "organisation" }

    [[exclude]]
    name = "state-as-place"
    types = ["Actor"]
    where = { kind = "state" }
    pattern = '''(?<!\\w)(?:à|a)\\s+(?P<span>\\p{Lu})'''
    ignore_accents = true
    """
    ex = extractor(tmp_path, registry, body)
    text = "Une réunion à Malte, puis à Europol ; Malte et Europol coopèrent."
    assert found(ex, text) == [
        ("Actor", "Europol", text.index("Europol")),
        ("Actor", "Malte", text.rindex("Malte")),
        ("Actor", "Europol", text.rindex("Europol")),
    ]


# An exclusion whose span opens its matches is tried from the annotation's start alone; the
# others, from every place of the window before it. Both must say what the window says.
_OPENING_SPANS = [
    r"(?<![\w.])(?P<span>U\.S\.|US|UK)(?=\s+(?:President|officials?))",
    r"(?<=(?<!\w)(?i:in|to|from)\s+(?:the\s+)?(?:\p{Lu}\w*(?:,\s+|\s+and\s+)){0,3})(?P<span>\p{Lu})",
    r"(?<=[\](|])(?P<span>\w+)\s",  # brackets and a bar in a set are no group, no alternative
    r"(?P<span>\p{Lu}\w*)(?!\s+(?:said|says))",
]
_NOT_OPENING_SPANS = [
    r"(?<!\w)(?:in|to)\s+(?P<span>\p{Lu})",  # words before the span
    r"(?<=in\s)(?P<span>\p{Lu})|to\s+(?P<span>\p{Lu})",  # another alternative starts elsewhere
    r"(?<=\s)(?P<span>\p{Lu})?\w+",  # an optional span
    r"(?:(?P<span>\p{Lu})\w*\s)+",  # a repeated span, in a group
    r"(?i:(?<!\w)(?P<span>\p{Lu}))",  # read no further than flags that wrap it all
]
_VETO_PIECES = [
    *["in ", "to ", "from ", "the ", "and ", ", ", "US ", "U.S. ", "UK", "officials ", "President "],
    *["Iraq", "Syria", "Mali", "said", "says", " ", "  ", "\n", ".", "(", "]", "|", "x", "é"],
]


def _exclusion(pattern: str, flags: int = 0) -> Exclusion:
    compiled = regex.compile(pattern, flags)
    span = "span" if "span" in compiled.groupindex else 0
    return Exclusion("test", "test", frozenset({"Actor"}), compiled, {}, False, span)


def test_which_exclusions_have_their_span_open_every_match() -> None:
    for pattern in _OPENING_SPANS:
        assert _span_opens_match(pattern, 0, "span"), pattern
    for pattern in _NOT_OPENING_SPANS:
        assert not _span_opens_match(pattern, 0, "span"), pattern
    assert _span_opens_match(r"in\s+\p{Lu}", 0, 0)  # the whole match
    assert not _span_opens_match(_OPENING_SPANS[0], regex.VERBOSE, "span")


@settings(max_examples=examples(300))
@given(
    st.sampled_from([*_OPENING_SPANS, r"in\s+\p{Lu}"]),
    st.lists(st.sampled_from(_VETO_PIECES), max_size=14).map("".join),
)
def test_an_exclusion_tried_from_the_start_alone_vetoes_as_in_its_window(pattern: str, text: str) -> None:
    ex = _exclusion(pattern)
    for at in range(len(text) + 1):
        hi = min(len(text), at + _VETO_AFTER)
        assert _span_at(ex, text, at, hi, 2.0) == _span_in_window_at(ex, text, at, hi, 2.0)


def test_the_built_in_exclusions_tried_from_the_start_alone_veto_as_in_their_window() -> None:
    samples = (Path(__file__).resolve().parents[1] / "corpus_samples" / "samples.jsonl").read_text("utf-8")
    texts = [json.loads(line)["text"] for line in samples.splitlines()]
    packs = load_pipeline("rules").registry.rule_packs
    opening = [
        x
        for p in packs
        for x in p.exclusions
        if _span_opens_match(x.pattern.pattern, x.pattern.flags, x.span_group)
    ]
    assert {x.name for x in opening} >= {"country-as-place", "state-as-adjective"}
    for text in [*texts, "US officials in Iraq, Syria and Mali. The UK President said"]:
        for ex in opening:
            for at in range(len(text) + 1):
                hi = min(len(text), at + _VETO_AFTER)
                assert _span_at(ex, text, at, hi, 2.0) == _span_in_window_at(ex, text, at, hi, 2.0)
