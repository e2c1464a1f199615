"""Rule pack files: every loading error names the file, the rule and the problem; runaway rules."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from conftest import run_ctannot
from ctannot import Document, Forum, Threat
from ctannot.extractor import Problem
from ctannot.extractors.rule_extractor import RuleExtractor
from ctannot.registry import Registry
from ctannot.rules import RuleFileError, load_rule_pack
from rule_packs import HEAD, load_error, write_pack
from strategies import texts


def test_a_valid_pack_loads(tmp_path: Path, registry: Registry) -> None:
    path = write_pack(
        tmp_path,
        """
        [lists]
        heads = ["forum", "sommet"]

        [[entity]]
        type = "Threat"
        id = "isis"
        names = ["Daech", "EI"]
        wikidata = "Q2429253"

        [[rule]]
        name = "meeting"
        type = "Forum"
        pattern = '\\L<heads> de (?P<place>\\w+)'
        groups = { place = "place" }
        attributes = { kind = "meeting" }

        [[exclude]]
        name = "no-ei"
        types = ["Threat"]
        pattern = 'EI\\b'
        """,
    )
    pack = load_rule_pack(path, registry.types)
    assert (pack.name, pack.version, pack.language) == ("test-pack", "1.0", "fr")
    (entity,) = pack.entities
    assert (entity.type, entity.canonical, entity.names, entity.key) == (
        Threat,
        "Daech",
        ("Daech", "EI"),
        "test-pack:isis",
    )
    (rule,) = pack.rules
    assert rule.type is Forum
    assert rule.pattern.search("le sommet de Malabo").group("place") == "Malabo"
    assert [x.name for x in pack.exclusions] == ["no-ei"]
    assert pack.applies_to("fr")
    assert not pack.applies_to("en")


# Each case: the body of a pack after its [pack] table (or a whole file), the rule the message
# must name (None for a problem of the whole file), and a fragment of the problem.
CASES = {
    "invalid-toml": ("[[rule]\nname = 'x'\n", None, "not valid TOML"),
    "unknown-type": (
        """
        [[rule]]
        name = "weapons"
        type = "Weapon"
        pattern = 'kalachnikov'
        """,
        "weapons",
        "unknown annotation type 'Weapon'",
    ),
    "unknown-attribute": (
        """
        [[rule]]
        name = "colours"
        type = "Threat"
        pattern = 'rouge'
        attributes = { colour = "red" }
        """,
        "colours",
        "Threat has no attribute 'colour'",
    ),
    "unknown-group-attribute": (
        """
        [[rule]]
        name = "grouped"
        type = "Forum"
        pattern = 'sommet de (?P<city>\\w+)'
        groups = { city = "city" }
        """,
        "grouped",
        "Forum has no attribute 'city'",
    ),
    "never-holds-without-anchors": (
        """
        [[rule]]
        name = "between"
        type = "Forum"
        pattern = 'sommet de \\w+'
        never_holds = '[.;]'
        """,
        "between",
        "'never_holds' needs 'anchors'",
    ),
    "never-holds-not-a-set": (
        """
        [lists]
        heads = ["sommet"]

        [[rule]]
        name = "between"
        type = "Forum"
        anchors = ["heads"]
        pattern = 'sommet de \\w+'
        never_holds = '.;'
        """,
        "between",
        "'never_holds' must be a set of characters",
    ),
    "invalid-regex": (
        """
        [[rule]]
        name = "broken"
        type = "Threat"
        pattern = 'Daech ('
        """,
        "broken",
        "invalid pattern",
    ),
    "empty-match": (
        """
        [[rule]]
        name = "everything"
        type = "Threat"
        pattern = '(?:Daech)?'
        """,
        "everything",
        "pattern matches the empty string",
    ),
    "unknown-list": (
        """
        [lists]
        heads = ["forum"]

        [[rule]]
        name = "listed"
        type = "Forum"
        pattern = '\\L<hedas> mondial'
        """,
        "listed",
        "unknown list \\L<hedas>",
    ),
    "span-group-missing": (
        """
        [[rule]]
        name = "spanned"
        type = "Threat"
        pattern = 'groupe (?P<name>\\w+)'
        span = "span"
        """,
        "spanned",
        "span group 'span' is not a named group",
    ),
    "group-missing": (
        """
        [[rule]]
        name = "placed"
        type = "Forum"
        pattern = 'sommet de \\w+'
        groups = { place = "where" }
        """,
        "placed",
        "group 'where' is not a named group",
    ),
    "duplicate-rule": (
        """
        [[rule]]
        name = "twice"
        type = "Threat"
        pattern = 'Daech'

        [[rule]]
        name = "twice"
        type = "Threat"
        pattern = 'Daesh'
        """,
        "twice",
        "used twice",
    ),
    "duplicate-entity-and-rule": (
        """
        [[entity]]
        type = "Threat"
        id = "isis"
        names = ["Daech"]

        [[rule]]
        name = "isis"
        type = "Threat"
        pattern = 'Daesh'
        """,
        "isis",
        "used twice",
    ),
    "bad-wikidata": (
        """
        [[entity]]
        type = "Threat"
        id = "aqmi"
        names = ["AQMI"]
        wikidata = "https://www.wikidata.org/wiki/Q11225"
        """,
        "aqmi",
        "is not of the form Q123",
    ),
    "unknown-rule-key": (
        """
        [[rule]]
        name = "typo"
        type = "Threat"
        patern = 'Daech'
        """,
        "typo",
        "unknown keys ['patern']",
    ),
    "unknown-entity-key": (
        """
        [[entity]]
        type = "Threat"
        id = "isis"
        names = ["Daech"]
        aliases = ["EI"]
        """,
        "isis",
        "unknown keys ['aliases']",
    ),
    "unknown-exclude-key": (
        """
        [[exclude]]
        name = "veto"
        types = ["Threat"]
        pattern = 'EI'
        when = "always"
        """,
        "veto",
        "unknown keys ['when']",
    ),
    "unknown-top-level-key": ("[[rules]]\nname = 'x'\n", None, "unknown top-level keys ['rules']"),
    "entity-name-with-spaces": (
        """
        [[entity]]
        type = "Forum"
        id = "gctf"
        names = [" GCTF"]
        """,
        "gctf",
        "surrounding white space",
    ),
    "missing-pattern": (
        """
        [[rule]]
        name = "nothing"
        type = "Threat"
        """,
        "nothing",
        "needs a non-empty string 'pattern'",
    ),
    "exclude-unknown-type": (
        """
        [[exclude]]
        name = "veto"
        types = ["Weapon"]
        pattern = 'EI'
        """,
        "veto",
        "unknown annotation type 'Weapon'",
    ),
    "bad-cue-role": (
        """
        [[cue]]
        lemma = "dire"
        role = "shout"
        forms = ["dit"]
        """,
        "dire",
        "role must be one of",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_rule_file_errors_name_file_rule_and_problem(case: str, tmp_path: Path, registry: Registry) -> None:
    body, rule, problem = CASES[case]
    path = write_pack(tmp_path, body, head="" if case == "invalid-toml" else HEAD)
    error = load_error(path, registry)
    message = str(error)
    assert message.startswith(str(path))
    assert problem in message
    assert error.path == path
    if rule is not None:
        assert f"rule {rule!r}" in message
        assert error.rule == rule


def _deep(depth: int, group: str = "(") -> str:
    return group * depth + "a" + ")" * depth


@pytest.mark.parametrize(
    ("pattern", "problem"),
    [
        (_deep(5000), "pattern nests groups 5000 deep, more than ctannot compiles (50)"),
        (_deep(51, "(?:"), "pattern nests groups 51 deep"),
        (_deep(300, "(?P<g>"), "pattern nests groups 300 deep"),
    ],
)
def test_a_pattern_nested_too_deeply_is_a_rule_file_error(
    pattern: str, problem: str, tmp_path: Path, registry: Registry
) -> None:
    """Thousands of nested groups made the regex parser raise RecursionError (a traceback)."""
    body = f"[[rule]]\nname = 'deep'\ntype = 'Forum'\npattern = '{pattern}'\n"
    error = load_error(write_pack(tmp_path, body), registry)
    assert str(error).startswith(f"{tmp_path / 'pack.toml'}, rule 'deep': {problem}")


def test_groups_as_deep_as_allowed_and_escaped_brackets_compile(tmp_path: Path, registry: Registry) -> None:
    pattern = _deep(50, "(?:") + r"\(\(\([(((]"
    body = f"[[rule]]\nname = 'deep'\ntype = 'Forum'\npattern = '{pattern}'\n"
    assert load_rule_pack(write_pack(tmp_path, body), registry.types).rules


def test_toml_nested_too_deeply_is_a_rule_file_error(tmp_path: Path, registry: Registry) -> None:
    error = load_error(write_pack(tmp_path, "x = " + "[" * 100_000 + "]" * 100_000 + "\n"), registry)
    assert str(error) == f"{tmp_path / 'pack.toml'}: not valid TOML: nested too deeply"


def test_a_deep_pattern_stops_a_run_with_workers_as_a_rule_file_error(tmp_path: Path) -> None:
    """The pack comes from a plugin, loaded in each worker process: the error is the same, exit
    code 2, not a 'run stopped' from the executor."""
    site = tmp_path / "site"
    pack = write_pack(tmp_path, f"[[rule]]\nname = 'deep'\ntype = 'Forum'\npattern = '{_deep(3000)}'\n")
    (site / "deep_rules-0.1.dist-info").mkdir(parents=True)
    (site / "deep_rules-0.1.dist-info" / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: deep-rules\nVersion: 0.1\n", encoding="utf-8"
    )
    (site / "deep_rules-0.1.dist-info" / "entry_points.txt").write_text(
        "[ctannot]\ndeep = deep_rules\n", encoding="utf-8"
    )
    (site / "deep_rules.py").write_text(
        "from pathlib import Path\nfrom ctannot.hookspecs import hookimpl\n\n\n@hookimpl\n"
        f"def register_rule_packs(register):\n    register(Path({str(pack)!r}))\n",
        encoding="utf-8",
    )
    text = tmp_path / "d.txt"
    text.write_text("Le GAFI se réunit à Paris.", encoding="utf-8")
    run = run_ctannot("annotate", text, "-o", tmp_path / "out", "--workers", "2", "-q", site=site)
    assert run.returncode == 2, run.stderr
    assert "Traceback" not in run.stderr
    assert f"{pack}, rule 'deep': pattern nests groups 3000 deep" in run.stderr
    assert "run stopped" not in run.stderr


def test_missing_pack_table(tmp_path: Path, registry: Registry) -> None:
    path = write_pack(tmp_path, "[[rule]]\nname = 'x'\ntype = 'Threat'\npattern = 'Daech'\n", head="")
    error = load_error(path, registry)
    assert str(error).startswith(str(path))
    assert "missing [pack] table" in str(error)


@pytest.mark.parametrize("key", ["name", "version", "language"])
def test_pack_table_needs_each_key(key: str, tmp_path: Path, registry: Registry) -> None:
    head = "".join(line + "\n" for line in HEAD.splitlines() if not line.startswith(key))
    error = load_error(write_pack(tmp_path, "", head=head), registry)
    assert f"[pack] needs a non-empty string {key!r}" in str(error)


def test_missing_and_non_utf8_files(tmp_path: Path, registry: Registry) -> None:
    missing = tmp_path / "nowhere.toml"
    assert "no such rule file" in str(load_error(missing, registry))
    latin1 = tmp_path / "latin1.toml"
    latin1.write_bytes(HEAD.encode() + "[lists]\nx = ['sécurité']\n".encode("latin-1"))
    error = load_error(latin1, registry)
    assert str(error).startswith(str(latin1))
    assert "not UTF-8" in str(error)


def test_a_name_that_folds_to_nothing(tmp_path: Path, registry: Registry) -> None:
    """A name of combining marks alone has nothing left to match once accents are ignored."""
    path = write_pack(
        tmp_path,
        """
        [[entity]]
        type = "Threat"
        id = "accent"
        names = ["\u0301"]
        """,
    )
    refusal: RuleFileError | None = None
    try:
        load_rule_pack(path, registry.types)
    except RuleFileError as exc:
        refusal = exc
    if refusal is not None:  # refusing the file is right; crashing later is not
        assert str(refusal).startswith(str(path))
        assert "'accent'" in str(refusal)
        return
    ex = RuleExtractor("test.marks", "1.0", "threats", [path])
    ex.setup(registry)
    (layer,) = ex.extract(Document("d", "Daech a frappe\u0301.", "fr"), lambda p: None)
    assert all(a.end > a.start for a in layer)


# -- runaway patterns ------------------------------------------------------------------------------

# The ``regex`` module optimises the textbook ``(a+)+$`` away; ``(a|aa)+$`` still backtracks
# exponentially on a run of 'a' that does not reach the end of the text.
RUNAWAY_PACK = """
[[rule]]
name = "runaway"
type = "Threat"
pattern = '(?:a|aa)+$'

[[rule]]
name = "daech"
type = "Threat"
pattern = 'Daech'
attributes = { category = "group", canonical = "ISIS" }
"""


def test_runaway_rule_is_stopped_and_reported(tmp_path: Path, registry: Registry) -> None:
    path = write_pack(tmp_path, RUNAWAY_PACK)
    ex = RuleExtractor("test.slow", "1.0", "threats", [path], timeout=0.2)
    ex.setup(registry)
    text = "a" * 40 + "b Daech a revendiqué l'attaque ; Daech.\n"
    problems: list[Problem] = []
    (layer,) = ex.extract(Document("slow", text, "fr"), problems.append)
    assert len(problems) == 1
    assert problems[0].extractor == "test.slow"
    assert problems[0].rule == "test-pack/runaway"
    assert "runaway" in str(problems[0])
    assert [(a.text, a.start) for a in layer] == [
        ("Daech", text.index("Daech")),
        ("Daech", text.rindex("Daech")),
    ]
    assert all(a.canonical == "ISIS" for a in layer)  # type: ignore[attr-defined]


# -- matching never fails on any text --------------------------------------------------------------

FUZZ_PACK = """
[[entity]]
type = "Threat"
id = "isis"
canonical = "ISIS"
names = ["Daech", "État islamique", "EI"]

[[entity]]
type = "Forum"
id = "gctf"
names = ["Forum mondial de lutte contre le terrorisme", "GCTF"]

[[rule]]
name = "sommet"
type = "Forum"
pattern = '(?i)sommet (?:de|d.) (?P<place>\\w+)'
ignore_accents = true
groups = { place = "place" }

[[rule]]
name = "lutte"
type = "Threat"
pattern = 'lutte contre (?P<span>le (?:terrorisme|financement))'

[[exclude]]
name = "pas-ei"
types = ["Threat"]
pattern = 'EI\\s+\\d'
"""


@pytest.fixture(scope="module")
def fuzz_extractor(tmp_path_factory: pytest.TempPathFactory) -> RuleExtractor:
    import ctannot

    path = write_pack(tmp_path_factory.mktemp("pack"), FUZZ_PACK, head=HEAD.replace('"fr"', '"*"'))
    ex = RuleExtractor("test.fuzz", "1.0", "mentions", [path], nestable=["Forum"])
    ex.setup(ctannot.load_registry(load_entrypoints=False))
    return ex


@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts)
def test_rule_matching_on_any_text(fuzz_extractor: RuleExtractor, text: str) -> None:
    doc = Document("d", text, "fr")
    problems: list[Problem] = []
    layers = list(fuzz_extractor.extract(doc, problems.append))
    assert [layer.name for layer in layers] == ["mentions"]
    assert problems == []
    for ann in layers[0]:
        assert 0 <= ann.start < ann.end <= len(text)
        assert ann.text == text[ann.start : ann.end]
    # the layer is valid in the document
    doc.with_layer(layers[0])


@settings(max_examples=100, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts, texts)
def test_rule_matching_finds_names_inside_any_text(
    fuzz_extractor: RuleExtractor, before: str, after: str
) -> None:
    text = f"{before}\n le GCTF, sommet de Malabo {after}"
    (layer,) = fuzz_extractor.extract(Document("d", text, "fr"), lambda p: None)
    found = {(a.text, a.start) for a in layer}
    gctf = len(before) + len("\n le ")
    assert ("GCTF", gctf) in found
    assert ("sommet de Malabo", gctf + len("GCTF, ")) in found


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_launch_rules_anchors_are_every_form_their_pattern_reads(lang: str) -> None:
    # The launch rule looks only where an anchor is: a verb form its pattern accepts but the
    # anchors lack ("établir" once) is never looked at.
    import re
    import tomllib

    import ctannot

    pack_file = Path(ctannot.__file__).parent / "packs" / lang / "patterns.toml"
    pack = tomllib.loads(pack_file.read_text("utf-8"))
    lists = pack["lists"]
    [rule] = [r for r in pack["rule"] if r["name"] == "initiative-launched"]
    endings = re.search(r"\\L<launch_verbs>\)\(\?:([a-z|]+)\)\?", rule["pattern"])
    assert endings is not None, "the launch rule's verb endings are no longer where this test reads them"
    forms = {verb + ending for verb in lists["launch_verbs"] for ending in ["", *endings.group(1).split("|")]}
    anchors = set(lists["launch_words"])
    needed = {form for form in forms if " " not in form} | {*lists["launch_verbs"], *lists["launch_nouns"]}
    assert needed - anchors == set()
    assert anchors - forms - set(lists["launch_nouns"]) == set()
