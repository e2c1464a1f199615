"""Date expressions of French and English news, normalised to ISO 8601 where the text allows.

``le 12 mars 2024`` and ``on 4 June 2023`` are complete; ``jeudi 16 novembre`` and ``June 8`` take
their year from the document date; ``mardi`` and ``last Thursday`` are resolved against the
document date (the latest such day on or before it). Without what it needs, an expression keeps
its text.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Iterable, Iterator
from functools import cache
from typing import Any

import ahocorasick_rs
import attrs

from ctannot.rules.pattern_cache import compile_pattern
from ctannot.rules.trie import trie_pattern

__all__ = ["DateMention", "DatesOfText", "find_dates", "is_month_or_day", "parse_document_date"]

_MONTHS = {
    **{
        m: i
        for i, m in enumerate(
            [
                "janvier",
                "février",
                "mars",
                "avril",
                "mai",
                "juin",
                "juillet",
                "août",
                "septembre",
                "octobre",
                "novembre",
                "décembre",
            ],
            1,
        )
    },
    **{
        m: i
        for i, m in enumerate(
            [
                "january",
                "february",
                "march",
                "april",
                "may",
                "june",
                "july",
                "august",
                "september",
                "october",
                "november",
                "december",
            ],
            1,
        )
    },
    "fevrier": 2,
    "aout": 8,
    "decembre": 12,
    "sept": 9,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_DAYS = {
    **{d: i for i, d in enumerate(["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"])},
    **{
        d: i
        for i, d in enumerate(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])
    },
}


def _cased(words: Iterable[str]) -> list[str]:
    """Lowercase and capitalised forms: the pattern is case-sensitive, which keeps it fast."""
    return [form for w in words for form in (w, w.capitalize(), w.upper())]


_ABBREVIATED = ("sept", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
# A full stop belongs to an abbreviated month ("Sept."), never to a full one ending a sentence.
_MONTH = (
    r"(?P<month>"
    + trie_pattern(_cased(m for m in _MONTHS if m not in _ABBREVIATED))
    + r"|(?:"
    + trie_pattern(_cased(_ABBREVIATED))
    + r")\.?)"
)
_DAY = r"(?P<weekday>" + trie_pattern(_cased(_DAYS)) + r")"
_MONTHS_AND_DAYS = frozenset(_cased([*(m for m in _MONTHS if m not in _ABBREVIATED), *_DAYS]))
MONTH_OR_DAY = trie_pattern(sorted(_MONTHS_AND_DAYS)) + r"(?![\w\-])"
"""A pattern of the words :func:`is_month_or_day` accepts, as whole words."""


def is_month_or_day(word: str) -> bool:
    """Whether ``word`` is the full name of a month or a day of the week, French or English, as
    ``find_dates`` reads them: lowercase, capitalised or in capitals (``Juillet``, ``MONDAY``)."""
    return word in _MONTHS_AND_DAYS


_HINT = compile_pattern(
    r"\d|(?i:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|monday|tuesday|wednesday|thursday|friday"
    r"|saturday|sunday)"
)
_PATTERN = compile_pattern(
    rf"(?<!\w)(?:"
    # "jeudi 16 novembre 2023", "le 1er mars"
    rf"(?:{_DAY}\s+)?(?:[Ll]e\s+)?(?P<d1>[0-3]?\d)(?:er)?\s+{_MONTH}(?:\s+(?P<y1>(?:19|20)\d\d))?"
    rf"|{_MONTH}\s+(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?(?:,?\s+(?P<y2>(?:19|20)\d\d))?"  # June 8, 2023
    # "mardi", "last Thursday"
    rf"|(?P<rel>(?:[Ll]ast|[Tt]his|[Cc]e)\s+)?(?P<weekday2>{trie_pattern(_cased(_DAYS))})(?!\s+[0-3]?\d)(?:\s+dernier)?"
    rf")(?!\w)"
)


@attrs.frozen
class DateMention:
    start: int
    end: int
    text: str
    iso: str | None


def parse_document_date(value: object) -> dt.date | None:
    """A document's date from its metadata (``YYYY-MM-DD`` or an ISO timestamp), if valid."""
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def find_dates(
    text: str, start: int = 0, end: int | None = None, reference: dt.date | None = None
) -> Iterator[DateMention]:
    """Date expressions in ``text[start:end]``, with their ISO form when it can be known."""
    end = len(text) if end is None else end
    if not _HINT.search(text, start, end):
        return  # no digit and no day name: no date here, and no need to run the big pattern
    for m in _PATTERN.finditer(text, start, end):
        yield _mention(m, reference)


def _mention(m: Any, reference: dt.date | None) -> DateMention:
    """The date expression ``_PATTERN`` found, with its ISO form when it can be known."""
    iso = None
    if m.group("month"):
        month = _MONTHS[m.group("month").lower().rstrip(".")]
        day = int(m.group("d1") or m.group("d2"))
        year_text = m.group("y1") or m.group("y2")
        year = int(year_text) if year_text else (reference.year if reference else None)
        date = _safe_date(year, month, day) if year else None
        if (
            date is not None
            and year is not None
            and not year_text
            and reference is not None
            and date > reference + dt.timedelta(days=7)
        ):
            date = _safe_date(year - 1, month, day)  # "16 novembre" in a January article
        iso = date.isoformat() if date else None
    elif reference is not None:
        weekday = _DAYS[m.group("weekday2").lower()]
        back = (reference.weekday() - weekday) % 7
        iso = (reference - dt.timedelta(days=back)).isoformat()
    return DateMention(m.start(), m.end(), m.group(), iso)


_STARTERS = re.compile(r"[Ll]e(?=\s+\d)|(?:[Cc]e|[Ll]ast|[Tt]his)(?=\s)")
r"""The other words a date expression may start with, as it goes on: ``le`` before a day's number
(``le 12 mars``), ``ce``, ``last`` or ``this`` before a day's name (``last Thursday``), after
spaces (the standard module's ``\s`` and ``\d`` take in all that regex's do): the article of
every noun is not tried as a date."""
_DIGITS = compile_pattern(r"\d+")


@cache
def _date_words() -> ahocorasick_rs.AhoCorasick:
    """The month and day names, as the pattern spells them."""
    return ahocorasick_rs.AhoCorasick(list(dict.fromkeys(_cased([*_MONTHS, *_DAYS]))))


def _word_start(text: str, at: int) -> bool:
    """Whether ``(?<!\\w)`` may hold at ``at``: not after a letter or a digit (both are ``\\w``)."""
    if at == 0:
        return True
    before = text[at - 1]
    return not (before.isalpha() or before.isdecimal())


class DatesOfText:
    """:func:`find_dates` on ranges of one text, each range looked at once.

    Every date expression holds a month or a day name at the start of a word: where those are is
    found once, for the whole text, by one Aho-Corasick pass, and a range without one has no
    date. In the others, a date starts at the start of a word, with a month or a day name, with
    ``le``/``ce``/``last``/``this`` or with a digit: the big pattern is tried only there, as
    ``finditer`` would meet them.
    """

    def __init__(self, text: str, reference: dt.date | None) -> None:
        self.text = text
        self.reference = reference
        self._found: dict[tuple[int, int], list[DateMention]] = {}
        self._words: list[tuple[int, int]] | None = None

    def _index(self) -> list[tuple[int, int]]:
        if self._words is None:
            text = self.text
            words = []
            for _, at, end in _date_words().find_matches_as_indexes(text, overlapping=True):
                if _word_start(text, at):
                    words.append((at, end))
            words.sort()
            self._words = words
        return self._words

    def _starts(self, start: int, end: int) -> list[int]:
        """Where in ``[start, end)`` a date may start."""
        text = self.text
        words = self._index()
        found = {
            at
            for at, _ in words[bisect.bisect_left(words, (start, -1)) : bisect.bisect_left(words, (end, -1))]
        }
        for m in _STARTERS.finditer(text, start, end):
            if _word_start(text, m.start()):
                found.add(m.start())
        for m in _DIGITS.finditer(text, start, end):
            if _word_start(text, m.start()):
                found.add(m.start())
        return sorted(found)

    def _may_hold_a_date(self, start: int, end: int) -> bool:
        words = self._index()
        i = bisect.bisect_left(words, (start, -1))
        while i < len(words) and words[i][0] < end:
            if words[i][1] <= end:
                return True
            i += 1
        return False

    def within(self, start: int, end: int) -> list[DateMention]:
        """``list(find_dates(text, start, end, reference))``."""
        found = self._found.get((start, end))
        if found is None:
            found = []
            if self._may_hold_a_date(start, end):
                # finditer's own walk: the first place from ``pos`` on where the pattern matches
                text, pos = self.text, start
                for at in self._starts(start, end):
                    if at >= pos:
                        m = _PATTERN.match(text, at, end)
                        if m is not None:
                            found.append(_mention(m, self.reference))
                            pos = m.end()
            self._found[start, end] = found
        return found
