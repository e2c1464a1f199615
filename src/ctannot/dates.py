"""Date expressions of French and English news, normalised to ISO 8601 where the text allows.

``le 12 mars 2024`` and ``on 4 June 2023`` are complete; ``jeudi 16 novembre`` and ``June 8`` take
their year from the document date; ``mardi`` and ``last Thursday`` are resolved against the
document date (the latest such day on or before it). Without what it needs, an expression keeps
its text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

import attrs
import regex

from .rules.trie import trie_pattern

__all__ = ["DateMention", "find_dates", "parse_document_date"]

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
_HINT = regex.compile(
    r"\d|(?i:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|monday|tuesday|wednesday|thursday|friday"
    r"|saturday|sunday)"
)
_PATTERN = regex.compile(
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
        yield DateMention(m.start(), m.end(), m.group(), iso)
