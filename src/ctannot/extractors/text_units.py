"""Paragraphs, sentences, quotations and words of a news text, as offsets; no NLP model needed."""

from __future__ import annotations

import bisect
import re
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any, Generic, Protocol, TypeVar

import ahocorasick_rs
import attrs
import regex

from ctannot.rules.folding import views_of
from ctannot.rules.pattern_cache import compile_pattern

__all__ = [
    "Openings",
    "Quote",
    "acronym_forms",
    "ends_a_sentence",
    "overlapping",
    "paragraphs",
    "quotes",
    "sentences",
    "start_of",
    "whole_words",
    "wire_datelines",
]

K = TypeVar("K")

_ABBREVIATIONS = frozenset(
    [
        "m",
        "mm",
        "mme",
        "mmes",
        "mlle",
        "dr",
        "pr",
        "me",
        "mgr",
        "st",
        "ste",
        "mr",
        "mrs",
        "ms",
        "prof",
        "gen",
        "gén",
        "col",
        "lt",
        "sgt",
        "rep",
        "sen",
        "gov",
        "jr",
        "sr",
        "no",
        "nos",
        "vol",
        "art",
        "al",
        "etc",
        "ex",
        "env",
        "av",
        "apr",
        "cf",
        "p",
        "pp",
        "ibid",
        "inc",
        "ltd",
        "co",
        "corp",
        "dept",
        "est",
        "fig",
        "ch",
    ]
)
# Classes of literal characters: the standard module reads them as regex does, and is faster.
_LINE = re.compile(r"[^\n\r]+")
_LAST_WORD = compile_pattern(r"(\w+)\.?$")
_SENTENCE_END = compile_pattern(r"[.!?…]+(?:[ \u00a0\u202f]?[\"»”’)\]])*(?=\s+[\"«“‘(\[]?\s*[\p{Lu}\p{N}])")


def paragraphs(text: str) -> Iterator[tuple[int, int]]:
    """Non-blank lines, trimmed: news paragraphs are lines."""
    for m in _LINE.finditer(text):
        start, end = m.span()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            yield start, end


_STOP_THEN_SPACE = compile_pattern(r"[.!?]\s")


def ends_a_sentence(text: str, start: int, end: int) -> bool:
    """Whether a sentence ends in ``text[start:end]``: a full stop, question or exclamation mark
    before white space, but not the full stop of an abbreviation (``Gen. Kayihura``, ``M.
    Koenders``), which :func:`sentences` does not end a sentence at either."""
    for m in _STOP_THEN_SPACE.finditer(text, start, end):
        if text[m.start()] != "." or not _is_abbreviation(text, m.start()):
            return True
    return False


def _is_abbreviation(text: str, dot: int) -> bool:
    word = _LAST_WORD.search(text[max(0, dot - 12) : dot + 1])
    if word is None:
        return False
    w = word.group(1)
    return (len(w) == 1 and w.isupper()) or w.lower() in _ABBREVIATIONS


def sentences(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int]]:
    """Sentences of each paragraph of ``text[start:end]``, trimmed.

    A quotation is never cut: a sentence end inside quotation marks does not end the sentence,
    so a quote of several sentences stays within one.
    """
    if start == 0 and end is None:
        return iter(_all_sentences(text))
    return _sentences(text, start, end)


class _KeptPerText(Generic[K]):
    """What ``compute`` gives for each of the texts seen last, up to ``limit`` code points of text
    in all.

    A pipeline runs each extractor over a whole batch of documents before the next one, and
    several of them ask the same of the same texts (their sentences, their datelines): a batch's
    answers are kept, however many documents it holds, and however long they are.
    """

    def __init__(self, compute: Callable[[str], K], limit: int) -> None:
        self.compute = compute
        self.limit = limit
        self._kept: dict[str, K] = {}  # oldest first
        self._size = 0
        self._lock = threading.Lock()

    def __call__(self, text: str) -> K:
        with self._lock:
            found = self._kept.get(text)
        if found is not None:
            return found
        found = self.compute(text)
        with self._lock:
            if text not in self._kept:
                self._kept[text] = found
                self._size += len(text)
                while self._size > self.limit and len(self._kept) > 1:
                    oldest = next(iter(self._kept))
                    del self._kept[oldest]
                    self._size -= len(oldest)
        return found


_all_sentences = _KeptPerText(lambda text: tuple(_sentences(text, 0, None)), limit=8_000_000)


def _sentences(text: str, start: int, end: int | None) -> Iterator[tuple[int, int]]:
    end = len(text) if end is None else end
    for p_start, p_end in paragraphs(text[start:end]):
        p_start += start
        p_end += start
        # Is a sentence end inside a quotation? Of the quotations opened before it, the one
        # closed last tells: ``reach[i]`` is the latest close of the first ``i + 1`` of them.
        opens: list[int] = []
        reach: list[int] = []
        for q in sorted(quotes(text, p_start, p_end), key=lambda q: q.open):
            opens.append(q.open)
            reach.append(max(q.close, reach[-1]) if reach else q.close)
        s = p_start
        for m in _SENTENCE_END.finditer(text, p_start, p_end):
            if text[m.start()] == "." and _is_abbreviation(text, m.start()):
                continue
            opened = bisect.bisect_left(opens, m.start())  # the quotations opened before the end
            if opened and reach[opened - 1] >= m.end():
                continue
            yield s, m.end()
            s = m.end()
            while s < p_end and text[s].isspace():
                s += 1
        if s < p_end:
            yield s, p_end


@attrs.frozen
class Quote:
    """A quotation: the offsets of its marks (``open``, ``close``) and of its trimmed content."""

    open: int
    close: int
    start: int
    end: int


_CLOSER = {"«": "»", "“": "”", "„": "“", "‘": "’", '"': '"', "‹": "›"}
_SPACE_MARKS = " \t\u00a0\u202f\u2009"
_OPENERS = re.compile("[" + "".join(_CLOSER) + "]")


def _opener_ok(text: str, i: int) -> bool:
    mark = text[i]
    before = text[i - 1] if i > 0 else " "
    if mark in '‘"':  # also apostrophes or inch marks: only after space or an opening bracket
        return before.isspace() or before in "([:—–-"
    return True


_MIXED_CLOSER = {"“": '"', '"': "”"}
"""A closing mark that typing mixes up with the one that belongs (``“A," he said``, ``"A” il dit``)."""


def _closer_at(text: str, i: int, end: int, mark: str) -> int:
    closer = _CLOSER[mark]
    other = _MIXED_CLOSER.get(mark)
    j = i + 1
    while True:
        found = text.find(closer, j, end)
        if other is not None:
            mixed = text.find(other, j, found if found >= 0 else end)
            if mixed >= 0 and (mark != "“" or "“" not in text[i + 1 : mixed]):
                found = mixed  # the first of either, unless a new quote opened before it
        j = found
        if j < 0:
            return -1
        after = text[j + 1] if j + 1 < len(text) else " "
        if closer == "’" and after.isalpha():  # an apostrophe inside the quote
            j += 1
            continue
        return j


def _continued(text: str, i: int, end: int) -> bool:
    """Whether the mark at ``i``, which opens a paragraph ending at ``end``, opens a quotation that
    goes on past it: as the press writes a quotation of several paragraphs, each opens with the
    mark, and only the last closes it; or the text stops in it, as a page cut short does."""
    after = end
    while after < len(text) and text[after].isspace():
        after += 1
    if after == len(text):
        return True
    return after > end and "\n" in text[end:after] and text.startswith(text[i], after)


def quotes(text: str, start: int = 0, end: int | None = None) -> Iterator[Quote]:
    """Outermost quotations within ``text[start:end]`` (one paragraph, usually), in order."""
    end = len(text) if end is None else end
    opening = start  # where the paragraph's words start: a quotation there may go on after it
    while opening < end and text[opening].isspace():
        opening += 1
    i = start
    while True:
        found = _OPENERS.search(text, i, end)
        if found is None:
            return
        i = found.start()
        if not _opener_ok(text, i):
            i += 1
            continue
        j = _closer_at(text, i, end, text[i])
        if j < 0 and i == opening and _continued(text, i, end):
            j = end  # a quotation of several paragraphs: this one's words are quoted to its end
        if j <= i + 1:
            i += 1
            continue
        s, e = i + 1, j
        while s < e and (text[s].isspace() or text[s] in _SPACE_MARKS):
            s += 1
        while e > s and (text[e - 1].isspace() or text[e - 1] in _SPACE_MARKS):
            e -= 1
        if s < e:
            yield Quote(i, j, s, e)
        i = j + 1


_WORD_OR_HYPHEN = regex.compile(r"[\w\-]")
r"""What a whole word may not touch: a word's character or a hyphen, as ``regex`` reads ``\w``."""


def whole_words(text: str, forms: Iterable[str], pos: int = 0) -> list[tuple[int, int]]:
    r"""Where the non-empty ``forms`` occur in ``text``, from ``pos`` on, as whole words: not
    inside a longer word, nor a hyphenated one.

    The spans of ``regex.compile(r"(?<![\w\-])(?:form1|form2|...)(?![\w\-])").finditer(text,
    pos)``, the forms sorted, found with ``str.find``: the forms are a document's names, each
    looked for once or twice, and compiling a pattern for them cost more than the search. As
    the pattern does, the first form (in sorted order) that is whole where a match may start is
    taken, and each match starts where the one before ends or after.
    """
    ends: dict[int, int] = {}  # where a whole form starts: where the first one there ends
    for form in sorted(forms):
        at = text.find(form, pos)
        while at >= 0:
            end = at + len(form)
            if (
                at not in ends
                and (at == 0 or _WORD_OR_HYPHEN.match(text, at - 1) is None)
                and _WORD_OR_HYPHEN.match(text, end) is None
            ):
                ends[at] = end
            at = text.find(form, at + 1)
    spans = []
    done = pos
    for start in sorted(ends):
        if start >= done:
            done = ends[start]
            spans.append((start, done))
    return spans


class _SharedWords:
    """The words of every :class:`Openings`, found in a folded text by one Aho-Corasick pass for
    them all.

    An extractor asks several of them about each text in turn (``names`` some nine): each went
    over the whole text on its own. Instances with the same words share an id.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._ids: dict[frozenset[str], int] = {}
        self._built: tuple[Any, list[tuple[int, ...]], int] | None = None
        """The automaton of every word, the ids each of its words belongs to, and how many ids."""
        self._last: tuple[str, Any, list[list[int]]] | None = None
        """The folded text searched last, the automaton it was searched with, its starts by id."""

    def register(self, words: frozenset[str]) -> int:
        """The id of a set of words, added to the automaton if it is new."""
        with self._lock:
            found = self._ids.get(words)
            if found is None:
                found = self._ids[words] = len(self._ids)
                self._built = None
            return found

    def _automaton(self) -> tuple[Any, list[tuple[int, ...]], int]:
        built = self._built
        if built is not None:
            return built
        with self._lock:
            if self._built is None:
                users: dict[str, list[int]] = {}
                for words, i in self._ids.items():
                    for word in words:
                        users.setdefault(word, []).append(i)
                phrases = sorted(users)
                automaton = ahocorasick_rs.AhoCorasick(phrases)
                self._built = (automaton, [tuple(users[w]) for w in phrases], len(self._ids))
            return self._built

    def starts(self, folded: str, words_id: int) -> list[int]:
        """Where the words of ``words_id`` start in ``folded`` (unordered, with repeats): every
        occurrence of every word, as an automaton of those words alone would report them."""
        built = self._automaton()
        last = self._last
        if last is None or last[0] is not folded or last[1] is not built:
            automaton, users_of, size = built
            by_id: list[list[int]] = [[] for _ in range(size)]
            for index, start, _ in automaton.find_matches_as_indexes(folded, overlapping=True):
                for i in users_of[index]:
                    by_id[i].append(start)
            last = self._last = (folded, built, by_id)
        return last[2][words_id]


_OPENING_WORDS = _SharedWords()


class Openings:
    """A pattern tried only where a word that its matches open with occurs in the text.

    ``finditer(text)`` finds what ``pattern.finditer(text)`` does, for a pattern (case-insensitive
    or not) whose every match starts with one of ``words``, given as the folded view of the text
    spells them (unaccented and lowercase: ``reunion`` for ``réunion|Réunion``; a word's first
    letters are enough). One Aho-Corasick pass over the folded view finds the few places where a
    match may start, and the pattern is tried there alone: ``regex`` would try it at every word.
    """

    _NOT_FOLDED = "\u017f"
    """What a case-insensitive pattern reads as a letter of the words but folding leaves alone:
    the long s (ſ), which ``s`` matches. A text holding one is searched in full
    (``tests/test_text_units.py`` checks that no other character does this)."""

    def __init__(self, pattern: Any, words: Iterable[str]) -> None:
        self.pattern = pattern
        self.words = sorted(set(words))
        self._id = _OPENING_WORDS.register(frozenset(self.words))

    def starts(self, text: str) -> list[int] | None:
        """Where the words occur in ``text``, in order (offsets of the text); None where the folded
        view cannot tell (its offsets are not the text's, or it holds a long s)."""
        views = views_of(text)
        folded = views.folded
        if len(folded) != len(views.unaccented) or self._NOT_FOLDED in folded:
            return None
        found = set(_OPENING_WORDS.starts(folded, self._id))
        index = views.index
        return sorted(found) if index is None else [index[start] for start in sorted(found)]

    def finditer(self, text: str) -> Iterator[Any]:
        starts = self.starts(text)
        if starts is None:
            yield from self.pattern.finditer(text)
            return
        match = self.pattern.match
        done = 0  # as finditer: a match starts where the last one ended or after
        for at in starts:
            if at < done:
                continue
            found = match(text, at)
            if found is not None:
                yield found
                done = found.end()


def acronym_forms(acronym: str) -> set[str]:
    """An acronym as the press writes it: ``JNIM`` and ``Jnim`` (letters only, three or more)."""
    return {acronym, acronym.title()} if len(acronym) > 2 and acronym.isalpha() else {acronym}


class _Span(Protocol):
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...


S = TypeVar("S", bound=_Span)


def start_of(span: _Span) -> int:
    """The key that sorts spans by start."""
    return span.start


def overlapping(spans: Sequence[S], start: int, end: int, longest: int) -> Iterator[S]:
    """The spans of ``spans`` (sorted by start, none longer than ``longest``) that overlap
    ``[start, end)``, by start: only those starting less than ``longest`` before ``start`` can,
    so that a look-up stays local however long the document is."""
    for i in range(bisect.bisect_left(spans, start - longest, key=start_of), len(spans)):
        span = spans[i]
        if span.start >= end:
            break
        if start < span.end:
            yield span


_WIRE_DATELINE = regex.compile(
    r"[^\S\n]*\p{Lu}[^\n]{0,80}?(?:\d|\([^()\n]{1,40}\)|\|[^|\n]{1,40}\|)[^\n]{0,30}?"
    r"[^\S\n]+[—–\-][^\S\n]+(?=\p{Lu})"
)


def _spaced_dashes(text: str) -> Iterator[int]:
    """Where a dash stands between spaces on a line (``[^\\S\\n][—–-][^\\S\\n]``), found with
    ``str.find``: a scan in C, where a pattern's character class is tried at every position."""
    for dash in "-–—":
        at = text.find(dash, 1)
        while 0 < at < len(text) - 1:
            before, after = text[at - 1], text[at + 1]
            if before.isspace() and after.isspace() and before != "\n" and after != "\n":
                yield at
            at = text.find(dash, at + 1)


def wire_datelines(text: str) -> Mapping[int, int]:
    """Where each wire dateline that opens a paragraph ends and its story starts, by where the
    paragraph starts: ``Sydney, Australie | AFP | mardi 22/12/2015 - Le groupe ...``, ``KUWAIT
    CITY, 5 May 2004 — GCC ...``, ``NIAMEY (Reuters) - Les ...``. A dateline holds a date or an
    agency, and a dash sets it off from the story's first sentence, which it is no part of. Only
    the lines with a spaced dash near their start are tried: most have none. The mentions and
    the statements both ask: a batch's answers are kept."""
    return _all_datelines(text)


def _wire_datelines(text: str) -> dict[int, int]:
    ends: dict[int, int] = {}
    tried: set[int] = set()
    for dash in sorted(_spaced_dashes(text)):
        start = text.rfind("\n", 0, dash) + 1
        if start in tried or dash - start > 200:
            continue
        tried.add(start)
        found = _WIRE_DATELINE.match(text, start)
        if found is not None:
            ends[start] = found.end()
    return ends


_all_datelines = _KeptPerText(_wire_datelines, limit=8_000_000)
