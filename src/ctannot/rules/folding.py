"""Views of a text for matching, each reporting offsets back into the original.

``plain`` replaces typographic variants one for one (’ ‘ ʼ → ', no-break spaces → space,
non-breaking hyphens → -): same length, same offsets. ``unaccented`` also strips diacritics, and
``folded`` also lowercases; both drop free-standing combining marks (decomposed input), so
they carry a map from their indices back to the original text.
"""

from __future__ import annotations

import bisect
import functools
import unicodedata
from functools import cached_property

import regex

__all__ = ["TextViews", "fold", "plain", "unaccent", "views_of"]

_TYPOGRAPHIC = {
    "\u2019": "'",  # right single quotation mark, the French apostrophe
    "\u2018": "'",
    "\u02bc": "'",  # modifier letter apostrophe
    "\u00b4": "'",
    "\u0060": "'",
    "\u00a0": " ",  # no-break space
    "\u202f": " ",  # narrow no-break space (French typography before ; : ! ? »)
    "\u2007": " ",
    "\u2009": " ",
    "\u200a": " ",
    "\u2010": "-",
    "\u2011": "-",  # non-breaking hyphen
}


def _fold_char(ch: str, strip_accents: bool, lower: bool) -> str | None:
    if ch in _TYPOGRAPHIC:
        return _TYPOGRAPHIC[ch]
    if not strip_accents:
        return ch
    if unicodedata.combining(ch):
        return None
    decomposed = unicodedata.normalize("NFD", ch)
    if len(decomposed) > 1 and all(unicodedata.combining(c) for c in decomposed[1:]):
        ch = decomposed[0]
    if lower:
        low = ch.lower()
        if len(low) == 1:
            ch = low
    return ch


class _Table(dict[int, str | None]):
    """A ``str.translate`` table filled on demand, so any code point is handled."""

    def __init__(self, strip_accents: bool, lower: bool) -> None:
        super().__init__()
        self.strip_accents = strip_accents
        self.lower = lower
        self.runs: dict[str, str] = {}

    def __missing__(self, code_point: int) -> str | None:
        value = _fold_char(chr(code_point), self.strip_accents, self.lower)
        self[code_point] = value
        return value


_PLAIN = _Table(strip_accents=False, lower=False)
_UNACCENT = _Table(strip_accents=True, lower=False)
_FOLD = _Table(strip_accents=True, lower=True)


_NOT_ASCII = regex.compile(r"[^\x00-\x5f\x61-\x7f]+")  # and the backtick, an apostrophe here


def _translate(text: str, table: _Table) -> str:
    # Only the non-ASCII runs need the table; ASCII stays as it is (or is lowercased, below). The
    # same runs (é, è, ’) come back all the time: each is translated once.
    runs = table.runs

    def run(m: regex.Match[str]) -> str:
        found = m.group()
        done = runs.get(found)
        if done is None:
            done = found.translate(table)
            if len(runs) < 100_000:
                runs[found] = done
        return done

    return str(_NOT_ASCII.sub(run, text))


def plain(text: str) -> str:
    """Typographic variants replaced one for one; the same length as ``text``."""
    return _translate(text, _PLAIN)


def unaccent(text: str) -> str:
    """``plain`` without diacritics (free-standing combining marks removed)."""
    return _translate(text, _UNACCENT)


def fold(text: str) -> str:
    """``unaccent`` and lowercased, code point by code point."""
    # The table lowercases what it maps (one code point for one); str.lower() does the ASCII rest.
    return _translate(text, _FOLD).lower()


class TextViews:
    """The views of one text, computed when first asked for."""

    def __init__(self, text: str) -> None:
        self.text = text

    @cached_property
    def plain(self) -> str:
        return plain(self.text)

    @cached_property
    def unaccented(self) -> str:
        return unaccent(self.text)

    @cached_property
    def folded(self) -> str:
        return fold(self.text)

    @cached_property
    def lowered(self) -> str:
        """``plain`` lowercased, keeping accents; the same length as the text."""
        low = self.plain.lower()
        return low if len(low) == len(self.text) else self.plain

    @cached_property
    def _index(self) -> list[int] | None:
        """Original index of each code point of the unaccented/folded views; None if identical."""
        if len(self.unaccented) == len(self.text):
            return None
        return [i for i, ch in enumerate(self.text) if _UNACCENT[ord(ch)] is not None]

    def view_offset(self, original: int) -> int:
        """The offset in the unaccented or folded view of an offset of the original text."""
        index = self._index
        if index is None:
            return original
        return bisect.bisect_left(index, original)

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Offsets in the original text of ``[start, end)`` in the unaccented or folded view.

        Combining marks that follow the last character belong to it, so they stay inside.
        """
        index = self._index
        if index is None:
            return start, end
        return index[start], (index[end] if end < len(index) else len(self.text))


@functools.lru_cache(maxsize=4)
def views_of(text: str) -> TextViews:
    """The views of ``text``, shared by the extractors that run on one document in turn."""
    return TextViews(text)
