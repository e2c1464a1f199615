"""Rule pack files: TOML data with gazetteer entries and regex rules, parsed and checked.

A pack file has a ``[pack]`` table (name, version, language, description), optional named
``[lists]`` of phrases for patterns (``\\L<name>``), ``[[entity]]`` gazetteer entries,
``[[rule]]`` patterns and ``[[exclude]]`` patterns that veto annotations. ``docs/rule-files.md``
is the reference. Every problem is a :class:`RuleFileError` naming the file and the rule.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs
import regex

from ctannot.model import Annotation
from ctannot.rules.folding import fold, plain, unaccent
from ctannot.rules.kept import Kept, digest
from ctannot.rules.pattern_cache import compile_pattern
from ctannot.rules.trie import expand_lists

__all__ = [
    "CUE_ROLES",
    "Cue",
    "Entity",
    "Exclusion",
    "PatternRule",
    "RuleFileError",
    "RulePack",
    "load_rule_pack",
]

_SPAN_GROUP = "span"

MAX_NESTING = 50
"""The deepest nesting of groups a pattern may have: the ``regex`` parser recurses on each level
(a few thousand levels exhaust Python's stack); real rules nest five or six."""


def _nesting(pattern: str) -> int:
    """How deep the groups of a regex pattern nest (escapes and character sets skipped)."""
    depth = deepest = 0
    escaped = in_set = False
    for char in pattern:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_set:
            in_set = char != "]"
        elif char == "[":
            in_set = True
        elif char == "(":
            depth += 1
            deepest = max(deepest, depth)
        elif char == ")":
            depth = max(0, depth - 1)
    return deepest


class RuleFileError(ValueError):
    """A rule file is invalid; the message names the file, the rule and the problem."""

    def __init__(self, path: Path | str, problem: str, rule: str | None = None) -> None:
        where = f"{path}" + (f", rule {rule!r}" if rule else "")
        super().__init__(f"{where}: {problem}")
        self.path = Path(path)
        self.rule = rule
        self.problem = problem

    def __reduce__(self) -> tuple[Any, tuple[str, str, str | None]]:
        return (RuleFileError, (str(self.path), self.problem, self.rule))  # from a worker, whole


@attrs.frozen
class Entity:
    """A gazetteer entry: one thing (a group, a forum, a state) and the names it goes by."""

    pack: str
    id: str
    type: type[Annotation]
    canonical: str
    names: tuple[str, ...]
    attributes: Mapping[str, Any]
    wikidata: str | None = None
    case_sensitive: bool = False

    @property
    def key(self) -> str:
        """Identity of the entity across documents: ``pack:id``."""
        return f"{self.pack}:{self.id}"


@attrs.frozen
class PatternRule:
    """A regex rule: where ``pattern`` matches (its ``span`` group, if any), annotate ``type``."""

    pack: str
    name: str
    type: type[Annotation]
    pattern: Any  # a compiled regex.Pattern
    attributes: Mapping[str, Any]
    groups: Mapping[str, str]
    ignore_accents: bool
    span_group: str | int
    extends: frozenset[str] = frozenset()
    """Types of annotation the match must end right before: the annotation then covers both."""
    follows: frozenset[str] = frozenset()
    """Types of annotation the match must start right after (``..., et d'un mécanisme de ...``)."""
    continuation: Any = None
    """A pattern matched right after the extended annotation, whose text joins the span too."""
    anchors: tuple[str, ...] = ()
    """Folded phrases of which every match contains one: paragraphs without any are skipped."""
    starts_at_anchor: bool = False
    """Every match starts where an anchor does: the pattern is tried at those places only."""
    exact_anchors: bool = False
    """Anchors are looked for with their letter case (unaccented), not folded."""
    never_holds: Any = None
    """A pattern of the characters no match holds (a compiled ``regex`` set), or None: a rule with
    anchors that does not start at them looks only between those around each anchor, rather than
    at its whole paragraph."""


@attrs.frozen
class Exclusion:
    """A veto: annotations of ``types`` (with ``where`` attributes) starting at the match are dropped."""

    pack: str
    name: str
    types: frozenset[str]
    pattern: Any
    where: Mapping[str, Any]
    ignore_accents: bool
    span_group: str | int


@attrs.frozen
class Cue:
    """A speech cue for Statement extraction: a lemma, its word forms and its role.

    ``verb``: a speech verb (``déclarer``, ``say``); ``call``: a verb of appeal whose content
    starts after ``à``/``to`` (``exhorter``, ``urge``); ``source``: a marker before the
    source (``selon``, ``according to``); ``incise``: a verb that reports speech only around a
    quotation (``poursuivre``, ``lancer``); ``predicate``: a cue whose content follows it
    directly (``se dire``: ``s'est dit encouragé de ...``); ``clause``: a verb that reports
    speech with a clause or around a quotation only (``assurer que C``; ``assurer la présidence``
    is no speech).
    """

    pack: str
    lemma: str
    role: str
    forms: tuple[str, ...]


CUE_ROLES = ("verb", "call", "source", "incise", "predicate", "clause")


@attrs.frozen
class RulePack:
    """A parsed, checked rule pack."""

    path: Path
    name: str
    version: str
    language: str
    description: str
    entities: tuple[Entity, ...]
    rules: tuple[PatternRule, ...]
    exclusions: tuple[Exclusion, ...]
    cues: tuple[Cue, ...] = ()
    lists: Mapping[str, tuple[str, ...]] = attrs.field(factory=dict)

    def applies_to(self, lang: str | None) -> bool:
        return self.language == "*" or lang is None or self.language == lang


_PARSED = Kept("rule-packs", most=200)
"""Rule files as parsed, by the digest of their text: ``tomllib`` parses in Python, and ctannot's
own packs took a third of a start."""


def load_rule_pack(path: Path | str, types: Mapping[str, type[Annotation]]) -> RulePack:
    """Read and check one rule pack file; ``types`` are the annotation types rules may name."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
        data = _PARSED.get(digest(text), lambda: tomllib.loads(text), lambda kept: isinstance(kept, dict))
    except FileNotFoundError:
        raise RuleFileError(path, "no such rule file") from None
    except UnicodeDecodeError as exc:
        raise RuleFileError(path, f"not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    except tomllib.TOMLDecodeError as exc:
        raise RuleFileError(path, f"not valid TOML: {exc}") from None
    except RecursionError:  # tomllib recurses into nested arrays and tables
        raise RuleFileError(path, "not valid TOML: nested too deeply") from None
    except OSError as exc:
        raise RuleFileError(path, f"cannot be read: {exc.strerror}") from None
    return _Reader(path, data, types).pack()


_KNOWN_TABLES = {"pack", "lists", "entity", "rule", "exclude", "cue"}
_FLAG_KEYS = {"ignore_case", "ignore_accents"}


@attrs.define
class _Reader:
    path: Path
    data: dict[str, Any]
    types: Mapping[str, type[Annotation]]
    seen: set[str] = attrs.Factory(set)

    def fail(self, problem: str, rule: str | None = None) -> RuleFileError:
        return RuleFileError(self.path, problem, rule)

    def pack(self) -> RulePack:
        unknown = set(self.data) - _KNOWN_TABLES
        if unknown:
            raise self.fail(f"unknown top-level keys {sorted(unknown)}; expected {sorted(_KNOWN_TABLES)}")
        head = self.data.get("pack")
        if not isinstance(head, dict):
            raise self.fail("missing [pack] table with name, version and language")
        for key in ("name", "version", "language"):
            if not isinstance(head.get(key), str) or not head[key].strip():
                raise self.fail(f"[pack] needs a non-empty string {key!r}")
        name = head["name"]
        lists = self.lists()
        return RulePack(
            path=self.path,
            name=name,
            version=head["version"],
            language=head["language"],
            description=str(head.get("description", "")),
            entities=tuple(self.entity(name, i, e) for i, e in enumerate(self.tables("entity"))),
            rules=tuple(self.rule(name, i, r, lists) for i, r in enumerate(self.tables("rule"))),
            exclusions=tuple(self.exclusion(name, i, x, lists) for i, x in enumerate(self.tables("exclude"))),
            cues=tuple(self.cue(name, i, c) for i, c in enumerate(self.tables("cue"))),
            lists={k: tuple(v) for k, v in lists.items()},
        )

    def tables(self, key: str) -> list[dict[str, Any]]:
        items = self.data.get(key, [])
        if not isinstance(items, list) or not all(isinstance(t, dict) for t in items):
            raise self.fail(f"{key!r} must be an array of tables ([[{key}]])")
        return items

    def lists(self) -> dict[str, list[str]]:
        lists = self.data.get("lists", {})
        if not isinstance(lists, dict):
            raise self.fail("[lists] must be a table of named lists of strings")
        for list_name, items in lists.items():
            if not (isinstance(items, list) and items and all(isinstance(s, str) and s for s in items)):
                raise self.fail(f"list {list_name!r} must be a non-empty array of non-empty strings")
        return lists

    def annotation_type(self, value: Any, rule: str) -> type[Annotation]:
        if value not in self.types:
            raise self.fail(f"unknown annotation type {value!r}; known: {sorted(self.types)}", rule)
        return self.types[value]

    def attributes(self, cls: type[Annotation], value: Any, rule: str) -> dict[str, Any]:
        if value is None:
            return {}
        if not isinstance(value, dict):
            raise self.fail("'attributes' must be a table", rule)
        fields = {a.name for a in attrs.fields(cls)} - {"source", "start", "end", "id"}
        unknown = set(value) - fields
        if unknown:
            raise self.fail(
                f"{cls.type_name} has no attribute {sorted(unknown)[0]!r}; it has {sorted(fields)}", rule
            )
        return dict(value)

    def unique(self, rule: str) -> None:
        if rule in self.seen:
            raise self.fail("this name is used twice in the file", rule)
        self.seen.add(rule)

    def entity(self, pack: str, index: int, table: dict[str, Any]) -> Entity:
        label = str(table.get("id") or f"entity #{index + 1}")
        extra = set(table) - {"type", "id", "canonical", "names", "attributes", "wikidata", "case_sensitive"}
        if extra:
            raise self.fail(f"unknown keys {sorted(extra)}", label)
        if not isinstance(table.get("id"), str) or not table["id"]:
            raise self.fail("an [[entity]] needs a non-empty string 'id'", label)
        self.unique(label)
        cls = self.annotation_type(table.get("type"), label)
        names = table.get("names")
        if not (isinstance(names, list) and names and all(isinstance(n, str) for n in names)):
            raise self.fail("'names' must be a non-empty array of strings", label)
        for n in names:
            if not n.strip() or n != n.strip():
                raise self.fail(f"name {n!r} is empty or has surrounding white space", label)
            if not fold(n).strip():
                raise self.fail(f"name {n!r} has nothing left to match once accents are ignored", label)
        wikidata = table.get("wikidata")
        if wikidata is not None and not regex.fullmatch(r"Q[0-9]+", str(wikidata)):
            raise self.fail(f"wikidata id {wikidata!r} is not of the form Q123", label)
        canonical = table.get("canonical", names[0])
        if not isinstance(canonical, str) or not canonical.strip():
            raise self.fail("'canonical' must be a non-empty string", label)
        return Entity(
            pack=pack,
            id=table["id"],
            type=cls,
            canonical=canonical,
            names=tuple(names),
            attributes=self.attributes(cls, table.get("attributes"), label),
            wikidata=wikidata,
            case_sensitive=bool(table.get("case_sensitive", False)),
        )

    def cue(self, pack: str, index: int, table: dict[str, Any]) -> Cue:
        label = str(table.get("lemma") or f"cue #{index + 1}")
        extra = set(table) - {"lemma", "role", "forms"}
        if extra:
            raise self.fail(f"unknown keys {sorted(extra)}", label)
        if not isinstance(table.get("lemma"), str) or not table["lemma"]:
            raise self.fail("a [[cue]] needs a non-empty string 'lemma'", label)
        role = table.get("role", "verb")
        if role not in CUE_ROLES:
            raise self.fail(f"role must be one of {list(CUE_ROLES)}, not {role!r}", label)
        forms = table.get("forms")
        if not (
            isinstance(forms, list)
            and forms
            and all(isinstance(f, str) and f.strip() == f and f for f in forms)
        ):
            raise self.fail("'forms' must be a non-empty array of non-empty, trimmed strings", label)
        return Cue(pack, table["lemma"], role, tuple(forms))

    def compile(
        self, table: dict[str, Any], label: str, lists: dict[str, list[str]], allow_empty: bool = False
    ) -> tuple[Any, bool]:
        pattern = table.get("pattern")
        if not isinstance(pattern, str) or not pattern:
            raise self.fail("needs a non-empty string 'pattern'", label)
        ignore_accents = bool(table.get("ignore_accents", False))
        flags = regex.IGNORECASE if table.get("ignore_case", False) else 0
        # Patterns see the same view of the text as they match: typography made plain, and
        # diacritics gone too when the rule ignores accents.
        view = unaccent if ignore_accents else plain
        pattern = view(pattern)
        used = set(regex.findall(r"\\L<(\w+)>", pattern))
        lists = {k: [view(s) for s in v] for k, v in lists.items() if k in used}
        missing = used - set(lists)
        if missing:
            raise self.fail(f"pattern uses unknown list \\L<{sorted(missing)[0]}>", label)
        depth = _nesting(pattern)
        if depth > MAX_NESTING:
            raise self.fail(
                f"pattern nests groups {depth} deep, more than ctannot compiles ({MAX_NESTING})", label
            )
        try:
            compiled = compile_pattern(expand_lists(pattern, lists), flags)
            empty = compiled.fullmatch("") is not None
        except regex.error:
            try:  # report the error at its place in the pattern as written, lists unexpanded
                regex.compile(pattern, flags, **{k: v for k, v in lists.items() if f"\\L<{k}>" in pattern})
            except regex.error as original:
                exc = original
            raise self.fail(f"invalid pattern: {exc}", label) from None
        except RecursionError:  # the regex parser recurses: a pattern too deep in another way
            raise self.fail("pattern too deeply nested to compile", label) from None
        if empty and not allow_empty:
            raise self.fail("pattern matches the empty string", label)
        return compiled, ignore_accents

    def span_group(self, compiled: Any, table: dict[str, Any], label: str) -> str | int:
        group = table.get("span")
        if group is None:
            return _SPAN_GROUP if _SPAN_GROUP in compiled.groupindex else 0
        if group not in compiled.groupindex:
            raise self.fail(f"span group {group!r} is not a named group of the pattern", label)
        return str(group)

    def rule(self, pack: str, index: int, table: dict[str, Any], lists: dict[str, list[str]]) -> PatternRule:
        label = str(table.get("name") or f"rule #{index + 1}")
        extra = set(table) - {
            "name",
            "type",
            "pattern",
            "attributes",
            "groups",
            "span",
            "extends",
            "follows",
            "continue_with",
            "anchors",
            "starts_at_anchor",
            "exact_anchors",
            "never_holds",
            *_FLAG_KEYS,
        }
        if extra:
            raise self.fail(f"unknown keys {sorted(extra)}", label)
        if not isinstance(table.get("name"), str) or not table["name"]:
            raise self.fail("a [[rule]] needs a non-empty string 'name'", label)
        self.unique(label)
        cls = self.annotation_type(table.get("type"), label)
        compiled, ignore_accents = self.compile(table, label, lists)
        groups = table.get("groups", {})
        if not isinstance(groups, dict):
            raise self.fail("'groups' must map attribute names to group names", label)
        self.attributes(cls, dict.fromkeys(groups), label)
        for group in groups.values():
            if group not in compiled.groupindex:
                raise self.fail(f"group {group!r} is not a named group of the pattern", label)
        extends = table.get("extends", [])
        if not isinstance(extends, list):
            raise self.fail("'extends' must be an array of annotation type names", label)
        for t in extends:
            self.annotation_type(t, label)
        follows = table.get("follows", [])
        if not isinstance(follows, list):
            raise self.fail("'follows' must be an array of annotation type names", label)
        for t in follows:
            self.annotation_type(t, label)
        if follows and extends:
            raise self.fail("a rule cannot both extend and follow annotations", label)
        continuation = None
        if "continue_with" in table:
            if not extends:
                raise self.fail("'continue_with' needs 'extends'", label)
            continuation, _ = self.compile(
                {**table, "pattern": table["continue_with"]}, label, lists, allow_empty=True
            )
        anchor_lists = table.get("anchors", [])
        if not (isinstance(anchor_lists, list) and all(isinstance(a, str) for a in anchor_lists)):
            raise self.fail("'anchors' must be an array of list names", label)
        unknown = [a for a in anchor_lists if a not in lists]
        if unknown:
            raise self.fail(f"'anchors' names unknown list {unknown[0]!r}", label)
        exact_anchors = table.get("exact_anchors", False)
        if not isinstance(exact_anchors, bool):
            raise self.fail("'exact_anchors' must be true or false", label)
        starts_at_anchor = table.get("starts_at_anchor", False)
        if not isinstance(starts_at_anchor, bool) or (starts_at_anchor and not anchor_lists):
            raise self.fail("'starts_at_anchor' must be true or false, and true needs 'anchors'", label)
        never_holds = self.never_holds(table, label, ignore_accents)
        if never_holds is not None and (not anchor_lists or starts_at_anchor):
            raise self.fail("'never_holds' needs 'anchors', and a rule that does not start at them", label)
        return PatternRule(
            never_holds=never_holds,
            anchors=tuple(
                sorted(
                    {(unaccent if exact_anchors else fold)(p) for name in anchor_lists for p in lists[name]}
                )
            ),
            exact_anchors=exact_anchors,
            starts_at_anchor=starts_at_anchor,
            pack=pack,
            name=label,
            type=cls,
            pattern=compiled,
            attributes=self.attributes(cls, table.get("attributes"), label),
            groups=dict(groups),
            ignore_accents=ignore_accents,
            span_group=self.span_group(compiled, table, label),
            extends=frozenset(extends),
            follows=frozenset(follows),
            continuation=continuation,
        )

    def never_holds(self, table: dict[str, Any], label: str, ignore_accents: bool) -> Any:
        """The rule's ``never_holds``, a set of characters, compiled to be searched in its view."""
        characters = table.get("never_holds")
        if characters is None:
            return None
        if not (isinstance(characters, str) and characters.startswith("[") and characters.endswith("]")):
            raise self.fail(
                "'never_holds' must be a set of characters, as a pattern writes one: '[.;:]'", label
            )
        try:
            return regex.compile((unaccent if ignore_accents else plain)(characters))
        except regex.error as exc:
            raise self.fail(f"invalid 'never_holds': {exc}", label) from None

    def exclusion(
        self, pack: str, index: int, table: dict[str, Any], lists: dict[str, list[str]]
    ) -> Exclusion:
        label = str(table.get("name") or f"exclude #{index + 1}")
        extra = set(table) - {"name", "types", "pattern", "where", "span", *_FLAG_KEYS}
        if extra:
            raise self.fail(f"unknown keys {sorted(extra)}", label)
        if not isinstance(table.get("name"), str) or not table["name"]:
            raise self.fail("an [[exclude]] needs a non-empty string 'name'", label)
        self.unique(label)
        types = table.get("types")
        if not (isinstance(types, list) and types):
            raise self.fail("'types' must be a non-empty array of annotation type names", label)
        for t in types:
            self.annotation_type(t, label)
        where = table.get("where", {})
        if not isinstance(where, dict):
            raise self.fail("'where' must be a table of attribute values", label)
        compiled, ignore_accents = self.compile(table, label, lists)
        return Exclusion(
            pack=pack,
            name=label,
            types=frozenset(types),
            pattern=compiled,
            where=dict(where),
            ignore_accents=ignore_accents,
            span_group=self.span_group(compiled, table, label),
        )
