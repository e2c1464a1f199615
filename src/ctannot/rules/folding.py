"""Views of a text for matching, each reporting offsets back into the original.

``plain`` replaces typographic variants one for one (’ ‘ ʼ → ', no-break spaces → space,
non-breaking hyphens → -): same length, same offsets. ``unaccented`` also strips diacritics, and
``folded`` also lowercases; both drop free-standing combining marks (decomposed input), so
they carry a map from their indices back to the original text.
"""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from functools import cached_property

import regex

__all__ = ["TextViews", "fold", "plain", "unaccent", "views_of"]

_TYPOGRAPHIC = {
    "\u2019": "'",  # right single quotation mark, the French apostrophe
    "\u2018": "'",
    "\u02bc": "'",  # modifier letter apostrophe
    "\u02bf": "'",  # modifier letter left half ring: the ayn of a transliteration (Dāʿash)
    "\u02be": "'",  # modifier letter right half ring: the hamza
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
_ASCII = re.compile(r"[\x00-\x5f\x61-\x7f]+")  # what the tables leave alone


_NEWLINE = re.compile("\n")

_ASCII_BYTES = bytes(c for c in range(128) if c != 0x60)


def _specials(text: str) -> set[str] | None:
    """The characters of ``text`` that a table may change (None if there are none).

    That is ``set(_ASCII.sub("", text))``: the UTF-8 bytes of the ASCII characters the tables
    leave alone are dropped (bytes.translate is a tight loop), and what is left is decoded.
    """
    if text.isascii() and "`" not in text:
        return None
    data = text.encode("utf-8", "surrogatepass").translate(None, _ASCII_BYTES)
    return set(data.decode("utf-8", "surrogatepass"))


def _translate(text: str, table: _Table) -> str:
    return _apply(text, table, _specials(text))


def _apply(text: str, table: _Table, specials: set[str] | None) -> str:
    """``text`` with the table applied to its non-ASCII characters (and the backtick).

    ``specials`` are ``_specials(text)``. A news text holds a dozen distinct such characters
    (é, è, ’, no-break space...): each is replaced throughout with ``str.replace``, rather than
    the text being gone through character by character.
    """
    if specials is None:
        return text
    changes = []
    for ch in specials:
        new = table[ord(ch)]
        if new != ch:
            changes.append((ch, new or ""))
    if {new for _, new in changes} & {ch for ch, _ in changes}:  # a replacement replaced in turn
        return _translate_runs(text, table)
    for ch, new in changes:
        text = text.replace(ch, new)
    return text


def _translate_runs(text: str, table: _Table) -> str:
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
    def _specials(self) -> set[str] | None:
        return _specials(self.text)

    @cached_property
    def plain(self) -> str:
        return _apply(self.text, _PLAIN, self._specials)

    @cached_property
    def unaccented(self) -> str:
        return _apply(self.text, _UNACCENT, self._specials)

    @cached_property
    def folded(self) -> str:
        # The same as fold(text): str.lower() after the table lowercases all that the table would.
        return self.unaccented.lower()

    @cached_property
    def lowered(self) -> str:
        """``plain`` lowercased, keeping accents; the same length as the text."""
        low = self.plain.lower()
        return low if len(low) == len(self.text) else self.plain

    @cached_property
    def _line_ends(self) -> list[int]:
        return [m.start() for m in _NEWLINE.finditer(self.text)]

    def paragraph_of(self, offset: int) -> tuple[int, int]:
        """The line of the text (``\\n`` to ``\\n``) that holds ``offset``."""
        ends = self._line_ends
        i = bisect.bisect_left(ends, offset)
        return (ends[i - 1] + 1 if i else 0), (ends[i] if i < len(ends) else len(self.text))

    @cached_property
    def index(self) -> list[int] | None:
        """Original index of each code point of the unaccented/folded views; None if identical."""
        if len(self.unaccented) == len(self.text):
            return None
        return [i for i, ch in enumerate(self.text) if _UNACCENT[ord(ch)] is not None]

    def view_offset(self, original: int) -> int:
        """The offset in the unaccented or folded view of an offset of the original text."""
        index = self.index
        if index is None:
            return original
        return bisect.bisect_left(index, original)

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Offsets in the original text of ``[start, end)`` in the unaccented or folded view.

        Combining marks that follow the last character belong to it, so they stay inside.
        """
        index = self.index
        if index is None:
            return start, end
        return index[start], (index[end] if end < len(index) else len(self.text))


@functools.lru_cache(maxsize=4)
def views_of(text: str) -> TextViews:
    """The views of ``text``, shared by the extractors that run on one document in turn."""
    return TextViews(text)
