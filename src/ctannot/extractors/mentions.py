"""The built-in ``rules.mentions`` extractor: rule-pack matches, linked and given their context.

On top of :class:`~ctannot.extractors.rule_extractor.RuleExtractor` it

- links mentions of one thing: a name and its acronym in parentheses (``Forum mondial de lutte
  contre le terrorisme (GCTF)``, and every later ``GCTF``), a person's full name and later
  ``M. Koenders``, and repeated descriptions, by giving them one ``entity`` id;
- reads the sentence around Forums and Initiatives for their attributes: date (ISO 8601 when
  the text and the document date allow), place, participant counts, chairs, the Forum an
  Initiative belongs to and the Actors that launched it.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Iterable, Sequence
from typing import Any

import attrs
import regex

from ctannot.annotations import Actor, Forum, Initiative, Participants, Threat
from ctannot.extractor import Report
from ctannot.extractors.dates import DatesOfText, parse_document_date
from ctannot.extractors.names import spelt_by, unlisted_names
from ctannot.extractors.rule_extractor import RuleExtractor
from ctannot.extractors.text_units import (
    acronym_forms,
    overlapping,
    sentences,
    start_of,
    whole_words,
    wire_datelines,
)
from ctannot.model import Document, Layer
from ctannot.rules.folding import fold, views_of
from ctannot.rules.matching import Match, resolve_overlaps
from ctannot.rules.pattern_cache import compile_pattern

__all__ = ["MentionsExtractor"]

_ACRONYM_AFTER = compile_pattern(
    r"\s*\(\s*(?P<acr>\p{Lu}[\p{Lu}\p{N}&\-]{1,9}(?:\p{Ll}|-\p{Lu}\p{Ll}+)?|\p{Lu}\p{Ll}{2,9})\s*\)"
)
"""An acronym in brackets after a name: ``(GCTF)``, ``(ADMM-Plus)``, and in title case
(``(Csle)``) where it spells the name."""
_NOT_ACRONYMS = frozenset(
    {"video", "videos", "photo", "photos", "audio", "live", "direct", "exclusif", "update"}
)
"""Words in capitals that a page puts in brackets after a headline: ``(VIDÉO)``, not an acronym."""
_HONORIFIC = compile_pattern(r"^(?:M\.|Mme|Mlle|Me|Dr\.?|Pr|Mr\.?|Mrs\.?|Ms\.?|Sir|Dame)\s+")
_NUMBER = r"(?P<{name}>\d{{1,3}}(?:[\s\u00a0\u202f.,]\d{{3}})*|\d+)"
_PARTICIPANTS = [
    (
        compile_pattern(_NUMBER.format(name="n") + r"\s+(?:[\p{L}\-]+\s+){0,2}?" + kind, regex.IGNORECASE),
        field,
    )
    for kind, field in (
        (
            r"(?:participants?|repr[ée]sentants?|d[ée]l[ée]gu[ée]s?|delegates?|officials?|experts?|ministres?|"
            r"ministers?|personnes|people|responsables|agents|universitaires|chefs?)",
            "people",
        ),
        (
            r"(?:pays|[ÉE]tats(?:[\s-]+[Mm]embres)?|countries|member\s+(?:states|countries)|states|nations|"
            r"gouvernements|governments)",
            "states",
        ),
        (r"(?:organisations?|organizations?|agences|agencies|institutions)", "organisations"),
    )
]
_CHAIRED = compile_pattern(
    r"(?:co-?)?(?:pr[ée]sid[ée]e?s?|dirig[ée]e?s?|organis[ée]e?s?|chaired|hosted|led|organi[sz]ed|co-?chaired)"
    r"\s+(?:conjointement\s+)?(?:par|by)\s+(?P<who>(?:[^.;:()]|,\s+(?:and|et)\s|,\s+(?:the\s+|le\s+|la\s+|les\s+|l')?(?-i:\p{Lu}))"
    r"{2,200}?)(?=[.;:()]|,\s+(?!(?:and|et)\s)(?:(?:the|le|la|les)\s+)?(?-i:\p{Ll})|\s(?:to|pour|afin|qui|which|who|that)\s|$)",
    regex.IGNORECASE,
)
_PLACE = compile_pattern(
    r"(?<!\w)(?:à|a|in|at)\s+(?P<place>(?:(?-i:\p{Lu})[\p{L}\-']+)(?:[\s\-](?:(?-i:\p{Lu})[\p{L}\-']+)){0,2})",
    regex.IGNORECASE,
)
_FORUM_LINK = compile_pattern(
    r"(?:sous\s+l(?:es|')\s*(?:auspices|égide)|under\s+the\s+auspices|dans\s+le\s+cadre|"
    r"lors|during|at|à|au|in|within)",
    regex.IGNORECASE,
)
_NOT_PLACES = frozenset(
    fold(w) for w in ["Daech", "Etat", "Forum", "Conseil", "Union", "Nations", "Coalition"]
)


_DatesBySentence = DatesOfText
"""Date expressions of a document, looked for only in the sentences that are asked about."""


_STATE_PARTICLE = compile_pattern(r"\s+(?:du|de\s+la|de\s+l['’]|de|des|d['’])\s*$", regex.IGNORECASE)
"""What joins a person to the state they lead in a list (``Mahamadou Issoufou du Niger``)."""


def _persons_before_their_state(text: str, candidates: list[Match]) -> list[Match]:
    """``candidates`` with a person's name that runs on into a state (``Mahamadou Issoufou du
    Niger``, a given name's particle read as ``Jean du Pont``'s) cut before the particle: the
    person and the state are two Actors."""
    states = {(m.start, m.end) for m in candidates if m.type is Actor and m.attributes.get("kind") == "state"}
    if not states:
        return candidates
    ends: dict[int, list[int]] = {}
    for start, end in states:
        ends.setdefault(end, []).append(start)
    out = []
    for m in candidates:
        if m.type is Actor and m.attributes.get("kind") == "person" and m.end in ends:
            cut = next(
                (
                    particle.start()
                    for start in ends[m.end]
                    if m.start < start
                    and (particle := _STATE_PARTICLE.search(text, m.start, start)) is not None
                    and particle.start() > m.start
                ),
                None,
            )
            if cut is not None:
                m = attrs.evolve(m, end=cut)
        out.append(m)
    return out


_DIGIT_SEPARATORS = compile_pattern(r"[\s\u00a0\u202f.,]")


def _number(text: str) -> int:
    return int(_DIGIT_SEPARATORS.sub("", text))


class MentionsExtractor(RuleExtractor):
    """Rule-pack mentions with identities across the document and attributes from their sentence."""

    def refine(self, document: Document, matches: list[Match]) -> list[Match]:
        """The place for subclasses to correct the rules' matches (by grammar, say)."""
        return matches

    def matches(self, document: Document, report: Report) -> list[Match]:
        """What this extractor annotates, before it is made annotations: the rule packs' matches
        with their overlaps resolved, corrected, and the names no gazetteer lists added, each
        with its origin (``tools/rule_report.py`` counts them by it)."""
        text = document.text
        found = resolve_overlaps(
            _persons_before_their_state(text, self.candidates(document, report)), self.nestable
        )
        found = _outside_quoted_titles(text, _outside_credit_lines(text, found))
        matches = self.refine(document, _persons_after_their_state(text, _outside_member_lists(text, found)))
        return _with_acronyms(text, unlisted_names(text, document.lang, matches))

    def extract(self, document: Document, report: Report) -> Iterable[Layer]:
        text = document.text
        matches = self.matches(document, report)
        entities = _entities(text, matches)
        reference = parse_document_date(document.metadata.get("date"))
        dates = _DatesBySentence(text, reference)
        builder = document.new_layer(self.layer_name, self.provenance)
        ids: dict[int, str] = {}
        # Actors, then Forums, then the rest, so that references point to annotations made before.
        rank = {Actor: 0, Forum: 1}
        order = sorted(range(len(matches)), key=lambda i: rank.get(matches[i].type, 2))
        spans = list(sentences(text))
        made = _Made(matches, ids)
        for i in order:
            m = matches[i]
            attributes = dict(m.attributes)
            if m.type is Initiative or (m.type is Forum and attributes.get("kind") != "organisation"):
                # a body's name says nothing of a date or place; a meeting's sentence does
                s_start, s_end = _sentence_of(spans, m.start, len(text))
                attributes.update(
                    _context_attributes(text, m, made, s_start, s_end, dates, fields_of(m.type))
                )
            ann = builder.add(m.type, m.start, m.end, entity=entities[i], **attributes)
            ids[i] = ann.id
            if m.type is Forum:
                made.forums.append(i)
        return [builder.build()]


class _Made:
    """The matches made into annotations so far (``ids``: index of the match -> annotation id)."""

    def __init__(self, matches: Sequence[Match], ids: dict[int, str]) -> None:
        self.matches = matches
        self.ids = ids
        self.forums: list[int] = []
        """The Forums made, in the order they were."""
        self._actors: list[tuple[Match, str]] | None = None
        self._actor_starts: list[int] = []

    def actors(self) -> list[tuple[Match, str]]:
        """The Actors made and their ids, by start (then in the order made).

        Actors are made first, before any Forum or Initiative asks: asked once, they are all there.
        """
        if self._actors is None:
            made = [(self.matches[i], self.ids[i]) for i in self.ids if self.matches[i].type is Actor]
            self._actors = sorted(made, key=lambda x: x[0].start)
            self._actor_starts = [m.start for m, _ in self._actors]
        return self._actors

    def forums_in(self, start: int, end: int) -> list[int]:
        """The Forums made so far that start in ``[start, end)`` (matches are sorted by start)."""
        forums, matches = self.forums, self.matches
        lo = bisect.bisect_left(forums, start, key=lambda i: matches[i].start)
        hi = bisect.bisect_left(forums, end, key=lambda i: matches[i].start)
        return forums[lo:hi]

    def actors_in(self, start: int, end: int) -> list[str]:
        """The ids of the Actors made inside ``[start, end)``, by start."""
        actors = self.actors()
        lo = bisect.bisect_left(self._actor_starts, start)
        hi = bisect.bisect_left(self._actor_starts, end)
        return [i for m, i in actors[lo:hi] if m.end <= end]


_DATELINE = compile_pattern(
    r"(?m)^[^\S\n]*\p{Lu}[\p{Lu}\p{Zs}'’.\-]*\p{Lu}(?:"
    r"(?:[^\S\n]*\([^()\n]{1,40}\))?[^\S\n]*,[^\S\n]*(?=\d|\p{Lu}\p{Ll}{2,}\.?[^\S\n]+\d)"
    # "PORT AU PRINCE, Haiti (CMC) —": the city, its country and the agency
    r"|[^\S\n]*,[^\S\n]*\p{Lu}[\p{L}\-]+(?:[^\S\n]+\p{Lu}[\p{L}\-]+){0,2}[^\S\n]*\([^()\n]{1,40}\)[^\S\n]*[—–\-])"
)
"""A wire dateline: ``LUXEMBOURG, 13 juin 2024``, ``NEW YORK (Nations unies), 21 novembre``,
``SINGAPORE, Oct 9``, ``PORT AU PRINCE, Haiti (CMC) —``. The place it names is where the story
was filed, not an Actor."""


_BYLINE = compile_pattern(
    r"[^\S\n]*(?:(?:un\s+texte\s+de|une\s+analyse\s+de|texte\s*:|par|by|from|reporting\s+by|written\s+by|"
    r"edited\s+by|"
    # "Avec notre correspondant à Ouagadougou, Jeanne Roy", "From our correspondent in Lomé, John Smith"
    r"(?:avec|de)[^\S\n]+(?:notre|nos)[^\S\n]+(?:envoy[ée]e?s?[^\S\n]+sp[ée]ciale?s?|correspondante?s?)"
    r"(?:[^\S\n]+(?:à|a|au|aux|en)[^\S\n]+\p{Lu}[\p{L}'’\-]*(?:[^\S\n]+\p{Lu}[\p{L}'’\-]*)?)?[^\S\n]*,|"
    r"(?:from[^\S\n]+)?our[^\S\n]+correspondents?(?:[^\S\n]+in[^\S\n]+\p{Lu}[\p{L}'’\-]*"
    r"(?:[^\S\n]+\p{Lu}[\p{L}'’\-]*)?)?[^\S\n]*,"
    r")[^\S\n]+|(?-i:\p{Lu}{2,6})[^\S\n]*/[^\S\n]*)\p{Lu}[\p{L}'’.\-]*(?:[^\S\n]+\p{Lu}[\p{L}'’.\-]*){0,3}"
    r"(?:[^\S\n]*[,/|][^\S\n]*\p{Lu}[\p{L}.\-]*(?:[^\S\n]+\p{Lu}[\p{L}.\-]*){0,2})?[^\S\n]*$",
    regex.IGNORECASE,
)
"""A byline on a line of its own: ``Un texte de Jeanne Roy``, ``By John Smith, Reuters``, ``From
John Smith, Maiduguri``, ``AFP/Jeanne Roy``, ``Avec notre correspondant à Ouagadougou, Jeanne
Roy``. Its names are a credit, not an Actor."""


def _credit_lines(text: str) -> list[tuple[int, int]]:
    """The spans of the datelines and bylines, tried only at the start of each line (after a
    ``\\n``). A match never goes past the end of its line."""
    out = []
    pos = 0
    dateline, byline = _DATELINE.match, _BYLINE.match
    wire = wire_datelines(text)
    while True:
        end = text.find("\n", pos)
        line_end = end if end >= 0 else len(text)
        if line_end > pos:  # an empty line, between paragraphs, holds neither
            found = dateline(text, pos) or byline(text, pos, line_end)
            if found is not None:
                out.append(found.span())
            elif pos in wire:
                out.append((pos, wire[pos]))
        pos = end + 1
        if not pos:
            return out


def _outside_credit_lines(text: str, matches: list[Match]) -> list[Match]:
    """``matches`` but the Actors in a dateline or a byline: a place filed from, a credit."""
    return _without_actors_in(matches, _credit_lines(text))


def _without_actors_in(matches: list[Match], spans: Sequence[tuple[int, int]]) -> list[Match]:
    """``matches`` but the Actors that lie inside one of ``spans``."""
    if not spans:
        return matches
    return [m for m in matches if not (m.type is Actor and any(a <= m.start < m.end <= b for a, b in spans))]


_LIST_JOIN = compile_pattern(
    r"\s*(?:(?:,|;|\band\b|\bet\b|&)\s*)?(?:(?:and|et)\s+)?"  # a comma the writer left out too
    r"(?:the\s+|l['’]|la\s+|le\s+|les\s+|du\s+|de\s+la\s+|de\s+l['’]|des\s+|de\s+|d['’])?"
)
_LIST_INTRODUCED = compile_pattern(
    r"(?:compris(?:ing|es?)|comprenant|compos(?:ed|[ée]e?s?)\s+(?:of|d[ue']|des)|made\s+up\s+of|"
    r"consist(?:s|ing)?\s+of|member\s+(?:states|countries|nations)|[ÉE]tats\s+membres|pays\s+membres|"
    r"brings?\s+together|bringing\s+together|regroup(?:e|ent|ant)|rassembl(?:e|ent|ant)|r[ée]unissant|"
    r"involving|grouping|"
    r"(?:countries|states|nations|pays|[ÉE]tats)\s+(?:such\s+as|comme|tels?\s+que))"
    r"\s*(?:(?!(?:militaires|soldats|troupes|forces|contingents|officiers|troops|soldiers|officers)\b)"
    r"[\p{L}\d'’\-]+\s+){0,3}[:\-–—(]?\s*$",
    regex.IGNORECASE,
)
"""What says that a list names a body's members: ``comprising five countries -``, ``member
states``, ``composée des pays``, ``brings together``, ``des pays comme``, and up to three words
before the list. (Participants in brackets or after ``dont`` take part, and states whose troops a
force brings together contribute: they act.)"""


_QUOTED_TITLE = compile_pattern(
    r"\m(?:th[èe]me|intitul[ée]e?s?|baptis[ée]e?s?|d[ée]nomm[ée]e?s?|slogan|devise|themed?|titled|entitled|dubbed|"
    r"motto)\s*(?::\s*|de\s+)?(?P<open>[«“\"])[^«»“”\"\n]{1,200}(?P<close>[»”\"])",
    regex.IGNORECASE,
)
"""A theme or a title given in quotes (``un colloque sous le thème « Défis de l'Union
européenne »``, ``a campaign dubbed "..."``): the bodies it names are words of a title there."""


_TITLE_WORDS = (
    "thème",
    "theme",
    "intitul",
    "baptis",
    "dénomm",
    "denomm",
    "slogan",
    "devise",
    "titled",
    "dubbed",
    "motto",
)
"""The words a title follows, looked for in the lower-cased text before any pattern is tried."""


def _lowered(text: str) -> str:
    """``text.lower()`` as far as words of letters tell: the lowered view the statements use too
    (typographic apostrophes, spaces and hyphens made plain, which no such word holds), made once
    for the document rather than once here."""
    views = views_of(text)
    lowered = views.lowered
    return text.lower() if lowered is views.plain else lowered  # the view is not lowered there


def _outside_quoted_titles(text: str, matches: list[Match]) -> list[Match]:
    """``matches`` but the Actors inside a quoted theme or title: they neither act nor speak."""
    lowered = _lowered(text)
    if not any(word in lowered for word in _TITLE_WORDS):
        return matches  # most texts give no title: a look for its words (in C), not a search
    return _without_actors_in(
        matches, [(m.end("open"), m.start("close")) for m in _QUOTED_TITLE.finditer(text)]
    )


_OF_A_STATE = compile_pattern(
    r"(?:\m(?:de|du|des|of)\s+(?:l['’]\s*|la\s+|the\s+)?|\md['’]\s*)$", regex.IGNORECASE
)
_PERSON_AFTER = compile_pattern(
    r",\s+(?P<name>\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?(?:\s+\p{Lu}\.)?(?:\s+(?:de\s+|van\s+|von\s+|al-|el-)?"
    r"\p{Lu}[\p{Ll}\-'’]+){1,2})(?=\s*(?:[,;.]|\s+(?:et|and)\s))"
)
"""A person's name after a comma, which a comma, a full stop or a conjunction ends."""


def _persons_after_their_state(text: str, matches: list[Match]) -> list[Match]:
    """``matches`` with the persons named after the state they are ministers of, in a list of
    ministers (``les ministres de l'Intérieur de l'Espagne, Jorge Diaz, de l'Italie, Angelo Alfani,
    et des Pays-Bas, Ivo Opstel``): a state after ``de``, a comma and a name of two or three
    capitalised words, where no mention is."""
    added = []
    taken = sorted((m.start, m.end) for m in matches)
    for m in matches:
        if m.type is not Actor or m.attributes.get("kind") != "state" or not text.startswith(",", m.end):
            continue
        if not _OF_A_STATE.search(text, max(0, m.start - 12), m.start):
            continue
        found = _PERSON_AFTER.match(text, m.end)
        if found is None:
            continue
        start, end = found.span("name")
        i = bisect.bisect_left(taken, (start, start))
        if (i < len(taken) and taken[i][0] < end) or (i > 0 and taken[i - 1][1] > start):
            continue  # a mention is there already
        added.append(Match(Actor, start, end, {"kind": "person"}, "mentions/person-after-state"))
    return sorted([*matches, *added], key=lambda m: (m.start, m.end)) if added else matches


def _outside_member_lists(text: str, matches: list[Match]) -> list[Match]:
    """``matches`` but the states listed as members (``comprising five countries - Burundi,
    Kenya, Rwanda, Tanzania and Uganda``): three states or more, one after the other, after
    words that open a list. A state is an Actor when it acts or speaks; a list says who belongs."""
    states = [i for i, m in enumerate(matches) if m.type is Actor and m.attributes.get("kind") == "state"]
    listed: set[int] = set()
    run: list[int] = []
    for i in [*states, -1]:
        if i >= 0 and run and _LIST_JOIN.fullmatch(text, matches[run[-1]].end, matches[i].start):
            run.append(i)
            continue
        if len(run) >= 3:
            first = matches[run[0]].start
            if _LIST_INTRODUCED.search(text, max(0, first - 60), first):
                listed.update(run)
        run = [i] if i >= 0 else []
    return [m for i, m in enumerate(matches) if i not in listed] if listed else matches


@functools.cache
def fields_of(cls: type[Any]) -> frozenset[str]:
    return frozenset(a.name for a in attrs.fields(cls))


def _sentence_of(spans: Sequence[tuple[int, int]], pos: int, size: int) -> tuple[int, int]:
    i = bisect.bisect_right(spans, (pos, size + 1)) - 1  # the last sentence starting at or before pos
    if i >= 0 and spans[i][0] <= pos < spans[i][1]:
        return spans[i]
    return pos, min(size, pos + 300)


_AGAINST_AT_END = compile_pattern(
    r"\m(?:against|contre|fighting|combating|battling|combat|to\s+(?:defeat|counter|fight))\s+"
    r"(?:the\s+|le\s+|la\s+|les\s+|l['’]\s*)?",
    regex.IGNORECASE,
)
"""What a name is against, up to the group it names: ``coalition against the``."""


def _with_acronyms(text: str, matches: list[Match]) -> list[Match]:
    """Add the acronym given in parentheses after a name, and its later mentions, as the same thing."""
    taken = sorted(matches, key=start_of)
    longest = max((m.end - m.start for m in taken), default=0)
    added: list[Match] = []
    expanded: set[str] = set()  # an acronym defined again later names the same thing: done once
    retyped: dict[tuple[int, int], tuple[Any, bool, str]] = {}
    for m in matches:
        named = m.type.type_name in ("Forum", "Initiative", "Actor", "Threat")
        if not named or m.origin in ("names/described-meeting", "names/edition"):
            continue  # a described meeting has no acronym: one after it is its organiser's
        if not _bracket_after(text, m.end):
            continue
        found = _ACRONYM_AFTER.match(text, m.end)
        if found is None or found.group("acr") in expanded or fold(found.group("acr")) in _NOT_ACRONYMS:
            continue
        acronym = found.group("acr")
        if acronym[1:].islower() and not spelt_by(text[m.start : m.end], acronym):
            continue  # "(Lomé)": a word in title case, not an acronym
        if _spells_a_proper_tail(text[m.start : m.end], acronym):
            continue  # "coalition against the Islamic State (IS)": the group's acronym
        if (
            m.attributes.get("kind") == "meeting"
            and text[m.start].islower()
            and fold(acronym[0]) != fold(text[m.start])
        ):
            # "a meeting of the Organization of American States (OAS)": the organiser's acronym;
            # a described meeting's own opens as it does ("conférence régionale ... (CRHN)")
            continue
        expanded.add(acronym)
        key = m.entity.key if m.entity is not None else f"{m.type.type_name}:{fold(text[m.start : m.end])}"
        # as the press writes it too: JNIM and Jnim
        for s, e in whole_words(text, acronym_forms(acronym)):
            if any(True for _ in overlapping(taken, s, e, longest)):
                # one type per name: the acronym a gazetteer typed otherwise follows its long name;
                # a group's acronym too, where the name spells it ("IGAD Security Sector Program
                # (ISSP)", not the Islamic State's ISSP), not where it is a group's inside a name
                retyped[(s, e)] = (m.type, _spells(text[m.start : m.end], acronym), key)
                continue
            attributes = {**m.attributes}
            if "acronym" in fields_of(m.type):
                attributes["acronym"] = acronym
            added.append(Match(m.type, s, e, attributes, f"acronym of {key}", m.entity))
            bisect.insort(taken, added[-1], key=start_of)
            longest = max(longest, e - s)
    if retyped:
        matches = [
            m if (new := retyped.get((m.start, m.end))) is None else _retyped(m, *new) for m in matches
        ]
    return sorted([*matches, *added], key=lambda m: (m.start, m.end))


def _spells_a_proper_tail(name: str, acronym: str) -> bool:
    """Whether ``acronym`` spells, not the whole name, but the capitalised words it is against at
    its end: the acronym of the group it names (``coalition against the Islamic State (IS)``)."""
    if spelt_by(name, acronym):
        return False
    for against in _AGAINST_AT_END.finditer(name):
        tail = name[against.end() :]
        if tail[:1].isupper() and spelt_by(tail, acronym):
            return True
    return False


def _bracket_after(text: str, pos: int) -> bool:
    """Whether a bracket opens after ``pos`` and spaces, as ``_ACRONYM_AFTER`` needs: a look that
    spares most mentions that pattern (tried after each, it cost 1 % of the annotation time).
    ``str.isspace`` holds of every character that ``\\s`` matches (and of a few more, for which
    the pattern decides): ``tests/test_mentions.py`` checks it."""
    while pos < len(text) and text[pos].isspace():
        pos += 1
    return text.startswith("(", pos)


def _retyped(m: Match, kind: Any, spelt: bool, key: str) -> Match:
    """An acronym found already, as the long name it follows has it: its type, and its identity
    where no gazetteer gave one (``Allied Democratic Forces (ADF)``: one group)."""
    if m.type is Threat and kind is not Threat and not spelt:
        return m  # a group's acronym inside a name, not the name's
    if kind is m.type:
        return m if m.entity is not None else attrs.evolve(m, origin=f"acronym of {key}")
    return attrs.evolve(m, type=kind, attributes={}, entity=None if m.type is Threat else m.entity)


_NAME_WORD = compile_pattern(r"[\p{L}\d][\p{L}\d'’\-]*")


def _spells(name: str, acronym: str) -> bool:
    """Whether ``acronym`` is made of the first letters of ``name``'s capitalised words."""
    initials = "".join(w[0] for w in _NAME_WORD.findall(name) if w[0].isupper())
    return initials.casefold() == acronym.casefold()


def _entities(text: str, matches: Sequence[Match]) -> list[str]:
    """One entity id per match: gazetteer identity, else same type and text, persons by surname."""
    out: list[str] = []
    surnames: dict[str, str] = {}
    for m in matches:
        mention = text[m.start : m.end]
        if m.entity is not None:
            key = m.entity.key
        elif m.origin.startswith("acronym of "):
            key = m.origin.removeprefix("acronym of ")
        elif m.type is Actor and m.attributes.get("kind") == "person":
            name = _HONORIFIC.sub("", mention)
            surname = fold(name.split()[-1]) if name.split() else fold(name)
            key = surnames.setdefault(surname, f"person:{fold(name)}")
        else:
            key = f"{m.type.type_name}:{fold(mention)}"
        out.append(key)
    return out


_DIGIT = compile_pattern(r"\d")
"""Every count of participants starts with one."""
_BY = compile_pattern(r"(?:par|by)\s", regex.IGNORECASE)
"""Every match of ``_CHAIRED`` holds one."""


def _context_attributes(
    text: str,
    m: Match,
    made: _Made,
    s_start: int,
    s_end: int,
    dates: _DatesBySentence,
    fields: frozenset[str],
) -> dict[str, Any]:
    """Attributes a Forum or Initiative gets from its sentence, where the sentence states them."""
    out: dict[str, Any] = {}
    outside = [(s_start, m.start), (m.end, s_end)]
    if "date" in fields and "date" not in m.attributes:
        for a, b in outside:
            found = next((d for d in dates.within(s_start, s_end) if a <= d.start and d.end <= b), None)
            if found is not None:
                out["date"] = found.iso or found.text
                break
    if "place" in fields and "place" not in m.attributes:
        for a, b in outside:
            for place in _PLACE.finditer(text, a, b):
                at = place.start("place")
                in_date = any(d.start <= at < d.end for d in dates.within(s_start, s_end))  # "in June"
                if fold(place.group("place").split()[0]) not in _NOT_PLACES and not in_date:
                    out["place"] = place.group("place")
                    break
            if "place" in out:
                break
    if "participants" in fields:
        counts: dict[str, int] = {}
        after = _DIGIT.search(text, m.end, s_end) is not None  # else no count there
        before = _DIGIT.search(text, s_start, m.start) is not None
        for pattern, field in _PARTICIPANTS if after or before else ():
            count = (after and pattern.search(text, m.end, s_end)) or (
                before and pattern.search(text, s_start, m.start)
            )
            if count and field not in counts:
                counts[field] = _number(count.group("n"))
        if counts:
            out["participants"] = Participants(**counts)
    if "chairs" in fields and _BY.search(text, m.end, s_end) is not None:
        chaired = _CHAIRED.search(text, m.end, s_end)
        if chaired is not None:
            a, b = chaired.span("who")
            chairs = made.actors_in(a, b)
            if chairs:
                out["chairs"] = tuple(chairs)
    if "launched_by" in fields:
        launchers = made.actors_in(s_start, m.start)
        if launchers:
            out["launched_by"] = tuple(dict.fromkeys(launchers))[:4]
    if "forum" in fields:
        matches, ids = made.matches, made.ids
        forums = [
            ids[i]
            for i in made.forums_in(s_start, s_end)
            if not (m.start <= matches[i].start and matches[i].end <= m.end)
        ]
        if forums:
            out["forum"] = forums[0]
    return out
