"""Matching rule packs against a text: gazetteer names (Aho-Corasick) and regex rules.

Both return :class:`Match` candidates with offsets into the original text; choosing among
overlapping candidates is the caller's business (see :func:`resolve_overlaps`).
"""

from __future__ import annotations

import bisect
import functools
import types
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any, Generic, TypeVar

import ahocorasick_rs
import attrs
import regex

from ctannot.rules.files import Entity, Exclusion, PatternRule
from ctannot.rules.folding import TextViews, fold, unaccent

V = TypeVar("V")

__all__ = [
    "Gazetteer",
    "Match",
    "PhraseFinder",
    "RuleTimeout",
    "find_extensions",
    "find_rule_matches",
    "resolve_overlaps",
    "without_vetoed",
]


# Not frozen, though no code changes one: a frozen attrs class takes three times as long to
# make, and the gazetteer makes one for every name it finds (a few every hundred characters).
@attrs.define(unsafe_hash=True)
class Match:
    """A candidate annotation: type, span in the original text, attributes, and its origin.

    Read-only by convention; :func:`attrs.evolve` makes a changed copy.
    """

    type: Any  # type[Annotation]
    start: int
    end: int
    attributes: Mapping[str, Any] = attrs.field(eq=False)
    """Read-only: a gazetteer entry's matches share one mapping; copy it to change it."""
    origin: str = attrs.field(eq=False)
    """``pack:entity-id`` for a gazetteer entry, ``pack/rule-name`` for a pattern rule."""
    entity: Entity | None = attrs.field(default=None, eq=False)

    @property
    def length(self) -> int:
        return self.end - self.start


@attrs.frozen
class RuleTimeout:
    rule: str
    seconds: float


_ACRONYM_TOKEN = regex.compile(r"(?<![\w.])(\p{Lu}{2,3})(?![\w.])")


def _with_dotted_acronyms(names: Iterable[str]) -> list[str]:
    """The names, and their spellings with dotted acronyms ("UN Security Council", "U.N. Security ...")."""
    out = list(names)
    for name in names:
        dotted = _ACRONYM_TOKEN.sub(lambda m: "".join(f"{c}." for c in m.group(1)), name)
        if dotted != name and dotted not in out:
            out.append(dotted)
    return out


def _is_acronym(name: str) -> bool:
    if name.upper() != name:  # a lowercase letter: most names, told at C speed
        return False
    return sum(c.isupper() for c in name) >= 2


class PhraseFinder(Generic[V]):
    """Phrases found on word boundaries of a text, all at once, with one Aho-Corasick automaton.

    Give the phrases as the text will be searched (folded, lowercased...). A phrase preceded by a
    hyphen glued to a word does not match: "contre-radicalisation" is not "radicalisation"; unless
    it is a proper name there: "anti-Daech" names Daech.
    """

    def __init__(self, phrases: Mapping[str, V]) -> None:
        kept = [(phrase, value) for phrase, value in phrases.items() if phrase]
        self._values = [value for _, value in kept]
        self.size = len(kept)
        # Every phrase ending at each position, longest first, with offsets in code points. The
        # compact NFA rather than a DFA: in the whole pipeline it is as fast (its tables stay in
        # the CPU's cache), at a third of the memory (26 MB less for the built-in packs).
        self._automaton = ahocorasick_rs.AhoCorasick(
            [phrase for phrase, _ in kept], implementation=ahocorasick_rs.Implementation.ContiguousNFA
        )

    def find(self, text: str) -> Iterator[tuple[int, int, V]]:
        return iter(self.find_all(text))

    def find_all(self, text: str, cased: str | None = None) -> list[tuple[int, int, V]]:
        """The phrases found, as ``(start, end, value)``, in the order they end. ``cased`` is the
        text with its case, offset for offset, when ``text`` is lowercased: a capital there makes
        a phrase after a hyphenated prefix a proper name."""
        if cased is None or len(cased) != len(text):  # lowercasing may change a length ("İ")
            cased = text
        out: list[tuple[int, int, V]] = []
        if not self.size:
            return out
        n = len(text)
        append = out.append
        values = self._values
        for index, start, end in self._automaton.find_matches_as_indexes(text, overlapping=True):
            if start > 0:
                before = text[start - 1]
                if before.isalnum() or before == "_":
                    continue
                if before == "-" and start > 1 and text[start - 2].isalpha() and not cased[start].isupper():
                    continue  # "contre-radicalisation" is not "radicalisation"
            if end < n and text[end - 1] not in "'’":  # a phrase that ends elided ("qu'") ends a word
                after = text[end]
                if after.isalnum() or after == "_":
                    continue
            append((start, end, values[index]))
        return out


class Gazetteer:
    """All names of many entities, and the anchors of the rules, in one automaton over folded text.

    Names match accent- and case-insensitively on word boundaries; acronyms and the names of
    entities marked ``case_sensitive`` must also match the text's letter case exactly. The same
    pass tells each anchored rule where to look (see :meth:`scan`).
    """

    def __init__(self, entities: Iterable[Entity], rules: Sequence[PatternRule] = ()) -> None:
        # Names that must keep their letter case (acronyms above all: "UE", "EI") are looked for
        # as written, in the unaccented view; the others in the folded view. Kept apart, the short
        # acronyms are not reported inside every word that contains their letters.
        # Each name's entities, as the fields of their Match: (type, attributes, origin, entity).
        folded: dict[str, list[tuple[Any, Mapping[str, Any], str, Entity]]] = {}
        exact: dict[str, list[tuple[Any, Mapping[str, Any], str, Entity]]] = {}
        for entity in entities:
            attributes = _entity_attributes(entity)
            key = entity.key
            for name in _with_dotted_acronyms(entity.names):
                acronym = _is_acronym(name)
                if not (entity.case_sensitive or acronym):
                    options = folded.setdefault(fold(name), [])
                    if not any(e is entity for *_, e in options):
                        options.append((entity.type, attributes, key, entity))
                    continue
                spellings = [unaccent(name)]
                if acronym and len(name) >= 4 and name.isalpha():
                    spellings.append(spellings[0].capitalize())  # the press writes "Gafi", "Otan"
                for spelling in spellings:
                    options = exact.setdefault(spelling, [])
                    if not any(e is entity for *_, e in options):
                        options.append((entity.type, attributes, key, entity))
        anchors: dict[str, set[int]] = {}
        exact_anchors: dict[str, set[int]] = {}
        for i, rule in enumerate(rules):
            for phrase in rule.anchors:
                (exact_anchors if rule.exact_anchors else anchors).setdefault(phrase, set()).add(i)
        self._at_start = [rule.starts_at_anchor for rule in rules]
        self._never_holds = [
            (rule.never_holds, regex.compile(rule.never_holds.pattern, regex.REVERSE), rule.ignore_accents)
            if rule.never_holds is not None
            else None
            for rule in rules
        ]
        self._folded = PhraseFinder(
            {
                key: (tuple(folded.get(key, ())), frozenset(anchors.get(key, ())))
                for key in {*folded, *anchors}
            }
        )
        self._exact = PhraseFinder(
            {
                key: (tuple(exact.get(key, ())), frozenset(exact_anchors.get(key, ())))
                for key in {*exact, *exact_anchors}
            }
        )

    def find(self, views: TextViews) -> list[Match]:
        """The gazetteer's matches in the text."""
        return self.scan(views)[0]

    def scan(self, views: TextViews) -> tuple[list[Match], dict[int, Any]]:
        """The gazetteer's matches, and for each anchored rule (by index) where to look: the
        offsets of its anchors if its matches start there, else the paragraphs holding one (or,
        for a rule that says which characters its matches never hold, the stretches of the
        paragraph between those around each anchor)."""
        text = views.text
        size = len(text)
        index = views.index  # offsets of the views in the text (None: the same)
        at_start = self._at_start
        never_holds = self._never_holds
        matches: list[Match] = []
        taken: set[tuple[int, int]] = set()
        where: dict[int, Any] = {}
        # Names that keep their case first: a folded hit on the same span is the same name.
        for exact, hits in (
            (True, self._exact.find_all(views.unaccented)),
            (False, self._folded.find_all(views.folded, views.unaccented)),
        ):
            for start, end, (options, ids) in hits:
                if index is not None:
                    o_start = index[start]
                    o_end = index[end] if end < len(index) else size
                else:
                    o_start, o_end = start, end
                if options and (exact or (start, end) not in taken):
                    if exact:
                        taken.add((start, end))
                    type_, attributes, origin, entity = options[0]
                    matches.append(Match(type_, o_start, o_end, attributes, origin, entity))
                if not ids:
                    continue
                paragraph: tuple[int, int] | None = None
                for i in ids:
                    if at_start[i]:
                        where.setdefault(i, []).append(o_start)
                        continue
                    if paragraph is None:
                        paragraph = views.paragraph_of(o_start)
                    stops = never_holds[i]
                    window = paragraph if stops is None else _between(views, o_start, paragraph, stops)
                    spans = where.setdefault(i, [])
                    if not spans or spans[-1] != window:
                        spans.append(window)
        for i, rule_stops in enumerate(never_holds):
            if rule_stops is not None and i in where:
                # an anchor holding a character its rule's matches never hold may come after the
                # next anchor's window: the windows, sorted, each once
                where[i] = sorted(set(where[i]))
        return matches, where


def _between(
    views: TextViews, at: int, paragraph: tuple[int, int], stops: tuple[Any, Any, bool]
) -> tuple[int, int]:
    """The stretch of ``paragraph`` around offset ``at`` between the characters that ``stops``
    (a rule's ``never_holds``, forwards and reversed) finds in the rule's view of the text: no
    match of the rule crosses one."""
    forwards, backwards, ignore_accents = stops
    lo, hi = paragraph
    if ignore_accents:  # found in the unaccented view, in its offsets; given back in the text's
        text, at, lo, hi = (
            views.unaccented,
            views.view_offset(at),
            views.view_offset(lo),
            views.view_offset(hi),
        )
    else:
        text = views.plain
    before = backwards.search(text, lo, at)
    after = forwards.search(text, at, hi)
    start = before.end() if before is not None else lo
    end = after.start() if after is not None else hi
    return views.original_span(start, end) if ignore_accents else (start, end)


def _entity_attributes(entity: Entity) -> Mapping[str, Any]:
    fields = {f.name for f in attrs.fields(entity.type)}
    attributes = dict(entity.attributes)
    for key in ("canonical", "name"):
        if key in fields and key not in attributes:
            attributes[key] = entity.canonical
            break
    if entity.wikidata and "wikidata" in fields:
        attributes.setdefault("wikidata", entity.wikidata)
    return types.MappingProxyType(attributes)


# The rules' calls of regex below are short (a match at an anchor, a search in a window), tens of
# thousands a megabyte, and what goes around the matching counts:
# - their arguments are given by position, in regex's order: match(string, pos, endpos,
#   concurrent, partial, timeout) and finditer(string, pos, endpos, overlapped, concurrent,
#   partial, timeout). Parsing keywords took regex some 3,500 instructions a call, more than
#   many matches take (tests/test_rule_calls.py checks each place against the keywords);
# - ``concurrent`` is regex's own: by default (None) it lets the GIL go for the length of each
#   call and takes it back each time it allocates memory while matching, some 1,000 more; a
#   caller with no other thread to give it to passes False (RuleExtractor.candidates does).
# The matches are the same either way.


def _spans(
    pattern: Any,
    span_group: str | int,
    views: TextViews,
    ignore_accents: bool,
    timeout: float,
    where: Any = None,
    concurrent: bool | None = None,
) -> Iterator[tuple[int, int, Any]]:
    """Matches of ``pattern``, in original offsets: everywhere, in ``where``'s ranges of the
    original text, or (``where`` a list of offsets) only starting at those offsets."""
    text = views.unaccented if ignore_accents else views.plain
    if where and isinstance(where[0], int):
        positions: list[int] = sorted(set(where))
        found: Iterable[Any] = (
            pattern.match(
                text, views.view_offset(pos) if ignore_accents else pos, None, concurrent, False, timeout
            )
            for pos in positions
        )
    else:
        windows: Iterable[tuple[int, int]]
        if where is None:
            windows = [(0, len(text))]
        elif ignore_accents:
            windows = [(views.view_offset(a), views.view_offset(b)) for a, b in where]
        else:
            windows = where
        found = (
            m for lo, hi in windows for m in pattern.finditer(text, lo, hi, False, concurrent, False, timeout)
        )
    for m in found:
        if m is None:
            continue
        start, end = m.span(span_group)
        if start < 0 or start == end:
            continue
        if ignore_accents:
            start, end = views.original_span(start, end)
        yield start, end, m


def _attributes(rule: PatternRule, m: Any) -> dict[str, Any]:
    """A rule's fixed attributes, and those its named groups found in this match."""
    attributes = dict(rule.attributes)
    for attribute, group in rule.groups.items():
        value = m.group(group)
        if value:
            attributes[attribute] = value
    return attributes


def find_rule_matches(
    rules: Sequence[PatternRule],
    views: TextViews,
    timeout: float,
    on_timeout: Callable[[RuleTimeout], None],
    where: Mapping[int, Any] | None = None,
    *,
    concurrent: bool | None = None,
) -> Iterator[Match]:
    """Matches of every rule; a rule that runs past ``timeout`` seconds is reported and skipped.

    Rules with anchors look only where ``where`` (from :meth:`Gazetteer.scan` with the same rules)
    tells them to.
    """
    where = where or {}
    for i, rule in enumerate(rules):
        if rule.extends or rule.follows:
            continue
        ranges = where.get(i, []) if rule.anchors else None
        if ranges == []:
            continue
        yield from _rule_matches(rule, views, timeout, on_timeout, ranges, concurrent)


def _rule_matches(
    rule: PatternRule,
    views: TextViews,
    timeout: float,
    on_timeout: Callable[[RuleTimeout], None],
    ranges: Sequence[Any] | None,
    concurrent: bool | None = None,
) -> list[Match]:
    """The matches of one rule in ``ranges`` (everywhere: ``None``), or none if it runs past
    ``timeout``: a runaway rule is reported and contributes nothing, since half its matches
    would be arbitrary."""
    try:
        return [
            Match(rule.type, start, end, _attributes(rule, m), f"{rule.pack}/{rule.name}")
            for start, end, m in _spans(
                rule.pattern, rule.span_group, views, rule.ignore_accents, timeout, ranges, concurrent
            )
        ]
    except TimeoutError:
        on_timeout(RuleTimeout(f"{rule.pack}/{rule.name}", timeout))
        return []


def find_extensions(
    rules: Sequence[PatternRule],
    views: TextViews,
    found: Sequence[Match],
    timeout: float,
    on_timeout: Callable[[RuleTimeout], None],
    where: Mapping[int, Any] | None = None,
    *,
    concurrent: bool | None = None,
) -> Iterator[Match]:
    """Matches of the rules that build on what was found before them.

    An ``extends`` rule's pattern ends where a found annotation starts, and the two are joined:
    ``réunion ministérielle du`` + the Forum ``GCTF`` gives the Forum ``réunion ministérielle du
    GCTF``. A ``follows`` rule's pattern starts where a found annotation ends: ``, et d'un
    mécanisme de ...`` after an Initiative gives a second Initiative.
    """
    starts: dict[int, list[Match]] = {}
    ends: dict[int, set[str]] = {}
    for m in found:
        starts.setdefault(m.start, []).append(m)
        ends.setdefault(m.end, set()).add(m.type.type_name)
    where = where or {}
    for i, rule in enumerate(rules):
        if rule.follows:
            yield from _following(rule, views, ends, timeout, on_timeout, concurrent)
            continue
        if not rule.extends:
            continue
        ranges = where.get(i, []) if rule.anchors else None
        if ranges == []:
            continue
        out: list[Match] = []
        try:
            for start, end, m in _spans(
                rule.pattern, rule.span_group, views, rule.ignore_accents, timeout, ranges, concurrent
            ):
                targets = [t for t in starts.get(end, ()) if t.type.type_name in rule.extends]
                if not targets:
                    continue
                target = max(targets, key=lambda t: t.length)
                stop = target.end
                same_length = len(views.unaccented) == len(views.text)  # else view and text offsets differ
                if rule.continuation is not None and (same_length or not rule.ignore_accents):
                    text = views.unaccented if rule.ignore_accents else views.plain
                    more = rule.continuation.match(text, stop, None, concurrent, False, timeout)
                    if more is not None and more.end() > stop:
                        stop = more.end()
                out.append(Match(rule.type, start, stop, _attributes(rule, m), f"{rule.pack}/{rule.name}"))
        except TimeoutError:
            on_timeout(RuleTimeout(f"{rule.pack}/{rule.name}", timeout))
            continue
        yield from out


def _following(
    rule: PatternRule,
    views: TextViews,
    ends: Mapping[int, set[str]],
    timeout: float,
    on_timeout: Callable[[RuleTimeout], None],
    concurrent: bool | None = None,
) -> list[Match]:
    """A ``follows`` rule is tried only where an annotation of the types it follows ends."""
    positions = [at for at, types in ends.items() if rule.follows & types]
    return _rule_matches(rule, views, timeout, on_timeout, positions, concurrent)


def without_vetoed(
    matches: Sequence[Match],
    exclusions: Sequence[Exclusion],
    views: TextViews,
    timeout: float,
    on_timeout: Callable[[RuleTimeout], None],
    *,
    concurrent: bool | None = None,
) -> list[Match]:
    """The matches that no exclusion vetoes.

    An exclusion is tried only around the matches of its types, in a window of text before and
    after each, rather than over the whole text: exclusions look at a word or two of context.
    """
    failed: set[str] = set()
    by_type: dict[str, list[tuple[int, Exclusion, tuple[tuple[str, Any], ...]]]] = {}
    for n, ex in enumerate(exclusions):  # each type's exclusions, in the order given
        for type_name in ex.types:
            by_type.setdefault(type_name, []).append((n, ex, tuple(ex.where.items())))
    tried: dict[tuple[int, int], bool] = {}  # (exclusion, start): candidates often share a start
    kept = []
    vetoed_spans: list[tuple[int, int, str]] = []
    for m in matches:
        vetoed = False
        for n, ex, where in by_type.get(m.type.type_name, ()):
            if (where and not _holds(m.attributes, where)) or (failed and ex.name in failed):
                continue
            key = (n, m.start)
            found = tried.get(key)
            if found is not None:
                vetoed = found
            else:
                try:
                    vetoed = tried[key] = _vetoes(ex, views, m.start, timeout, concurrent)
                except TimeoutError:
                    failed.add(ex.name)
                    on_timeout(RuleTimeout(f"{ex.pack}/{ex.name}", timeout))
            if vetoed:
                break
        if vetoed:
            vetoed_spans.append((m.start, m.end, m.type.type_name))
        else:
            kept.append(m)
    return _outside(kept, vetoed_spans) if vetoed_spans else kept


def _holds(attributes: Mapping[str, Any], where: tuple[tuple[str, Any], ...]) -> bool:
    """Whether ``attributes`` hold every value of ``where``."""
    for key, value in where:  # a loop, not all(...): no generator made for each of many matches
        if attributes.get(key) != value:
            break
    else:
        return True
    return False


def _outside(matches: list[Match], vetoed: list[tuple[int, int, str]]) -> list[Match]:
    """``matches`` but those inside a vetoed match of their type: a shorter reading of the same
    words ("Republic of Congo" in "in the Democratic Republic of Congo") goes with it."""
    spans: dict[str, tuple[list[int], list[int]]] = {}
    for start, end, type_name in sorted(vetoed):
        starts, reach = spans.setdefault(type_name, ([], []))
        starts.append(start)
        reach.append(max(end, reach[-1]) if reach else end)  # the furthest end so far
    out = []
    for m in matches:
        found = spans.get(m.type.type_name)
        if found is not None:
            i = bisect.bisect_right(found[0], m.start) - 1
            if i >= 0 and found[1][i] >= m.end:
                continue
        out.append(m)
    return out


_VETO_BEFORE, _VETO_AFTER = 48, 64  # exclusions look at a few words around the start


def _vetoes(
    ex: Exclusion, views: TextViews, start: int, timeout: float, concurrent: bool | None = None
) -> bool:
    text = views.unaccented if ex.ignore_accents else views.plain
    at = views.view_offset(start) if ex.ignore_accents else start
    hi = min(len(text), at + _VETO_AFTER)
    if _span_opens_match(ex.pattern.pattern, ex.pattern.flags, ex.span_group):
        return _span_at(ex, text, at, hi, timeout, concurrent)
    return _span_in_window_at(ex, text, at, hi, timeout, concurrent)


def _span_in_window_at(
    ex: Exclusion, text: str, at: int, hi: int, timeout: float, concurrent: bool | None = None
) -> bool:
    """Whether a match of ``ex`` in the window before ``hi`` has its span start at ``at``: every
    start in the window up to ``at`` is tried (``overlapped``), each giving the match found from
    it; the text after ``at`` is there for what a match reads after its span, and a match that
    starts after ``at`` cannot hold a span that starts at it."""
    lo = max(0, at - _VETO_BEFORE)
    for found in ex.pattern.finditer(text, lo, hi, True, concurrent, False, timeout):  # True: overlapped
        if found.start() > at:
            break
        if found.start(ex.span_group) == at and found.end(ex.span_group) > at:
            return True
    return False


def _span_at(
    ex: Exclusion, text: str, at: int, hi: int, timeout: float, concurrent: bool | None = None
) -> bool:
    """:func:`_span_in_window_at` for an exclusion whose span opens every match
    (:func:`_span_opens_match`): only the match from ``at`` can have its span start there, and it
    alone is tried, rather than one from each place of the window."""
    found = ex.pattern.match(text, at, hi, concurrent, False, timeout)
    return found is not None and found.end(ex.span_group) > at


_INLINE_FLAGS = regex.compile(r"\(\?([a-zA-Z0-9\-]+)[:)]")


@functools.cache
def _span_opens_match(pattern: str, flags: int, span_group: str | int) -> bool:
    """Whether the span of every match of ``pattern`` starts where the match does: it is the
    whole match, or a named group that only look-arounds come before, neither repeated nor
    optional, in a pattern with no alternatives at its top (whose other branches could start
    elsewhere). Read from the pattern's text; a pattern that may read otherwise (verbose, with
    comments, version 1 sets, reversed, or with ``\\G``) is taken not to be so."""
    if span_group == 0:
        return True
    if flags & (regex.VERBOSE | regex.V1 | regex.REVERSE) or "(?#" in pattern or "\\G" in pattern:
        return False
    if any(set(flag) - set("imsu-") for flag in _INLINE_FLAGS.findall(pattern)):
        return False
    i = 0
    while pattern.startswith(("(?=", "(?!", "(?<=", "(?<!"), i):
        i = _group_end(pattern, i)
    if not pattern.startswith(f"(?P<{span_group}>", i):
        return False
    end = _group_end(pattern, i)
    top_level = [ch for _, (ch, depth) in _syntax(pattern) if depth == 0]
    return pattern[end : end + 1] not in ("?", "*", "+", "{") and "|" not in top_level


def _group_end(pattern: str, i: int) -> int:
    """The index after the bracket that closes the group opening at ``pattern[i]``."""
    for j, (ch, depth) in _syntax(pattern, i):
        if ch == ")" and depth == 0:
            return j + 1
    return len(pattern)


def _syntax(pattern: str, i: int = 0) -> Iterator[tuple[int, tuple[str, int]]]:
    """The brackets and bars of ``pattern`` from ``i`` on that are syntax (not escaped, not in a
    set), each with the depth of groups it is at: a group's brackets at the depth outside it."""
    depth = 0
    members = -1  # where the members of the set being read start (-1: none is)
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if members >= 0:
            if ch == "]" and i > members:  # a "]" first in a set is a member
                members = -1
        elif ch == "[":
            members = i + 2 if pattern.startswith("[^", i) else i + 1
        elif ch == "(":
            yield i, (ch, depth)
            depth += 1
        elif ch == ")":
            depth -= 1
            yield i, (ch, depth)
        elif ch == "|":
            yield i, (ch, depth)
        i += 1


def resolve_overlaps(matches: Iterable[Match], nestable: frozenset[str] = frozenset()) -> list[Match]:
    """Keep the longest of overlapping candidates (then the earliest, then the first found).

    A gazetteer entity of a type in ``nestable`` may also sit wholly inside a longer kept
    candidate of the same type that is not the same entity (a named forum inside a described
    meeting, but not "Coalition to Defeat ISIS" inside "Global Coalition to Defeat ISIS").
    """
    ordered = sorted(enumerate(matches), key=lambda im: (im[1].start - im[1].end, im[1].start, im[0]))
    longest = ordered[0][1].length if ordered else 0
    starts: list[int] = []  # the kept candidates, sorted by start, for a windowed overlap test
    kept: list[Match] = []
    for _, cand in ordered:
        lo = bisect.bisect_left(starts, cand.start - longest)
        hi = bisect.bisect_left(starts, cand.end)
        for other in kept[lo:hi]:  # a loop, not all(...): most candidates meet none kept
            if not _may_overlap(cand, other, nestable):
                break
        else:
            at = bisect.bisect_left(starts, cand.start)
            starts.insert(at, cand.start)
            kept.insert(at, cand)
    return sorted(kept, key=lambda m: (m.start, m.end))


def _may_overlap(cand: Match, other: Match, nestable: frozenset[str]) -> bool:
    if cand.start >= other.end or other.start >= cand.end:
        return True
    return (
        cand.type is other.type
        and cand.type.type_name in nestable
        and other.start <= cand.start
        and cand.end <= other.end
        and other.length > cand.length
        and cand.entity is not None  # only a named forum nests, not another description
        and (other.entity is None or cand.entity.key != other.entity.key)
    )
