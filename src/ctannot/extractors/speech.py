"""Statements by rules: direct quotes and indirect speech, with the speaker resolved.

The speech cues come from the ``[[cue]]`` tables of the registered rule packs, per language,
and so do the word lists this module reads (see ``packs/*/speech.toml``):
``speaker_pronouns`` and ``speaker_titles`` (words that refer back to an earlier speaker),
``speaker_forum_titles`` (words that refer back to a meeting: ``la conférence``, ``participants``),
``adjunct_starts`` (words that open an adjunct between a speech verb and ``que``/``that``),
``leading_adverbials`` (words that open a sentence-initial adverbial, skipped when looking for
the subject) and ``relative_pronouns``.

The speaker is an Actor of the ``mentions`` layer when the text names one there (or a Forum,
when a body speaks as one); a person named only as a speaker (``a déclaré M. Dupont``) becomes
an Actor of this extractor's own layer; a pronoun or a title (``a-t-il ajouté``, ``le
diplomate``) refers back to the last speaker.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import attrs
import regex

from ctannot.annotations import Actor, Forum, Statement
from ctannot.extractor import Extractor, Report
from ctannot.extractors.text_units import Quote, quotes, sentences
from ctannot.model import Annotation, Document, Layer, LayerBuilder
from ctannot.nlp.dependencies import Parse
from ctannot.rules.files import RulePack
from ctannot.rules.folding import plain, views_of
from ctannot.rules.matching import PhraseFinder
from ctannot.rules.trie import trie_pattern

if TYPE_CHECKING:
    from ctannot.extractor import Registered

__all__ = ["StatementExtractor"]

_NAME_WORD = r"\p{Lu}[\p{Ll}'\-]+"
_HONORIFIC = r"(?:M\.|Mme|Mlle|Me|Dr\.?|Pr|Mr\.?|Mrs\.?|Ms\.?|Sir|Dame)"
_PERSON = regex.compile(rf"(?<!\w)(?:{_HONORIFIC}\s+)?{_NAME_WORD}(?:[\s\-]{_NAME_WORD}){{0,2}}")
# "C, indique X." and "C, X said.": a comma, at most a short subject, the cue, a short tail.
_INCISE_BEFORE = regex.compile(r",\s*([^,;:«»“”\"]{0,60}?)\s*$")
_INCISE_AFTER = regex.compile(
    r"(?:-t-\w+)?(?![^.!?]{0,400}\b(?:que|qu'|that)\b)\s*[^«»“”\"!?;:]{0,160}?[.!?]?[\"»”’]?\s*"
)
_INCISE_TAIL = 400
"""The longest tail after the cue that :data:`_INCISE_AFTER` is tried on: it matches a short
tail (160 characters and some space), and its look-ahead scanned the whole sentence for every
cue in it, quadratic in a long sentence."""
_AUXILIARY = regex.compile(
    r"(?:(?:a|ont|avait|avaient|aurait|has|had|have|was|were|is)(?:\s+(?:également|aussi|encore|also|then))?)?",
    regex.IGNORECASE,
)
_WORD = regex.compile(r"\w+")
_QUOTE_OPEN = regex.compile(r"[«“\"]")
_SENTENCE_BREAK = regex.compile(r"[.!?]\s")
_HONORIFIC_AT = regex.compile(_HONORIFIC)
_PLACE_BEFORE = regex.compile(r"(?<!\w)(?:à|au|aux|en|in|at|from|vers)\s+$")
_PARTICIPLE = regex.compile(r"(?:ant|ing)$", regex.IGNORECASE)
_SUBJECT_AFTER = regex.compile(r"-t-(?:il|elle|ils|elles)|[^;:!?()«»“”\"]*")
_COLON = regex.compile(r"\s*:\s*(?=[^\s«“\"])")
_CALL_CONTENT = regex.compile(r"[^.;:«»“”\"]{0,100}?(?<!\w)(?:à|a|to|de|d')\s*(?=\w)")
_THAT = regex.compile(r"\s*(?:,\s*[^,]{1,80},\s*)?(?:que\s+|qu'|that\s+)")
_THAT_AFTER_ADJUNCT = regex.compile(r"[^.;:«»“”\",]{0,70}?\s(?:que\s+|qu'|that\s+)")
_PREPOSITION = regex.compile(r"(?:sur|pour|on|for|of|de\s|d'(?=une?\s))\s*")
_SUBJECT_STOP = regex.compile(r"[,.;:!?]|\s(?:que|qu'|that)\s")
_ARTICLE = regex.compile(r"(?:le|la|les|l'|the)\s*")
_AFTER_QUOTE = regex.compile(r"[»”\"’]\s*,?\s*(?:[\w-]+\s*){0,2}$")
_DETERMINER = regex.compile(
    r"(?:l'|d'une?\s|(?:la|le|les|une?|des|du|sa|son|ses|leurs?|cette|ces|ce|cet|the|a|an|its|their|his|her"
    r"|our|this)\s)",
    regex.IGNORECASE,
)
_CLAUSE_START_EN = regex.compile(
    r"(?:the|a|an|its|their|his|her|our|it|they|he|she|we|there|this|these|those|more|some|all|no|\p{Lu}|\d)\b"
)


@attrs.frozen
class _Language:
    """The compiled cues and word lists of one language."""

    cues: PhraseFinder[tuple[str, str]]
    """Word forms of the cues (plain, lowercased) -> (lemma, role)."""
    pronouns: frozenset[str]
    titles: Any
    body_titles: frozenset[str]
    """Titles that name a document or a body (``communiqué``, ``ministère``), not a person."""
    forum_titles: Any
    adjunct: Any
    leading: Any
    relative: Any
    speech_nouns: frozenset[str]
    """Nouns of speech acts (``appel``, ``call``): a quote they govern is their author's."""
    english: bool


def _word_list(words: Iterable[str]) -> Any:
    return regex.compile(r"(?<!\w)(?:" + trie_pattern(sorted(words)) + r")(?!\w)", regex.IGNORECASE)


def _compile(packs: Sequence[RulePack]) -> _Language:
    lemma_of: dict[str, tuple[str, str]] = {}
    lists: dict[str, set[str]] = {}
    for pack in packs:
        for cue in pack.cues:
            for form in cue.forms:
                lemma_of.setdefault(plain(form).lower(), (cue.lemma, cue.role))
        for name, items in pack.lists.items():
            lists.setdefault(name, set()).update(plain(i).lower() for i in items)
    return _Language(
        cues=PhraseFinder(lemma_of),
        pronouns=frozenset(lists.get("speaker_pronouns", ())),
        titles=_word_list(lists.get("speaker_titles", ())),
        body_titles=frozenset(lists.get("speaker_body_titles", ())),
        forum_titles=_word_list(lists.get("speaker_forum_titles", ())),
        adjunct=_word_list(lists.get("adjunct_starts", ())),
        leading=_word_list(lists.get("leading_adverbials", ())),
        relative=_word_list(lists.get("relative_pronouns", ())),
        speech_nouns=frozenset(lists.get("speech_nouns", ())),
        english=all(p.language == "en" for p in packs if p.cues),
    )


@attrs.frozen
class _Cue:
    """A speech cue found in the text."""

    start: int
    end: int
    lemma: str
    role: str


@attrs.frozen
class _Found:
    """A statement as the rules found it, before it is recorded."""

    start: int
    end: int
    speaker: str | None
    cue: _Cue
    mode: str


@attrs.frozen
class _Reported:
    """An indirect statement found in a sentence, before it is added."""

    start: int
    end: int
    speaker: str | None
    cue: _Cue
    has_quote: bool


@attrs.define
class _Context:
    """What one document's extraction knows: text, views, candidate speakers, the last speaker."""

    document: Document
    lang: _Language
    builder: LayerBuilder
    plain: str
    lowered: str
    speakers: list[Annotation]
    """Actors and Forums of the mentions layer, and persons this extractor added, by offset."""
    mentions: Sequence[Annotation]
    cues: list[_Cue] = attrs.Factory(list)
    cue_starts: list[int] = attrs.Factory(list)
    last_speaker: str | None = None
    last_cue: str | None = None
    parse: Parse | None = None
    """The document's dependency parse, for a grammar-aware extractor (none for the rules)."""
    # The longest speaker and mention: only those starting less than that before a span can
    # overlap it, so that a look-up stays local however long the document is.
    _longest_speaker: int = attrs.field(init=False)
    _longest_mention: int = attrs.field(init=False)

    def __attrs_post_init__(self) -> None:
        self._longest_speaker = max((a.end - a.start for a in self.speakers), default=0)
        self._longest_mention = max((m.end - m.start for m in self.mentions), default=0)

    def new_person(self, start: int, end: int) -> Annotation | None:
        for a in _overlapping(self.speakers, start, end, self._longest_speaker):
            return a
        if any(True for _ in _overlapping(self.mentions, start, end, self._longest_mention)):
            return None  # a group or an initiative is not a person
        return self.add_speaker(start, end, "person")

    def add_speaker(self, start: int, end: int, kind: str) -> Annotation:
        """A new Actor of this extractor's layer, named by its text, and a candidate speaker from
        now on (``speakers`` stays sorted by start)."""
        actor = self.builder.add(Actor, start, end, kind=kind, name=self.document.text[start:end])
        bisect.insort(self.speakers, actor, key=_start)
        self._longest_speaker = max(self._longest_speaker, end - start)
        return actor

    def cues_in(self, start: int, end: int) -> list[_Cue]:
        """The cues that start in ``[start, end)``, in text order."""
        return self.cues[
            bisect.bisect_left(self.cue_starts, start) : bisect.bisect_left(self.cue_starts, end)
        ]

    def _in_relative_clause(self, start: int, pos: int) -> bool:
        """Whether ``pos`` lies in a relative clause or apposition opened after ``start``."""
        segment_start = max(self.plain.rfind(",", start, pos), start)
        return self.lang.relative.search(self.lowered, segment_start, pos) is not None

    def speaker_in(self, start: int, end: int, first: bool = True, back: bool = True) -> str | None:
        """The speaker named in ``text[start:end]``: a mention, a new person, or (if ``back``) a
        back-reference from a pronoun or a title."""
        start, end = _trim(self.plain, start, end)
        if start >= end:
            return None
        found = []
        speakers = self.speakers  # sorted by start: those inside start where the first one does
        for i in range(bisect.bisect_left(speakers, start, key=_start), len(speakers)):
            a = speakers[i]
            if a.start >= end:
                break
            if (
                a.end <= end
                and not self._in_relative_clause(start, a.start)
                and not _PLACE_BEFORE.search(self.lowered, max(0, a.start - 8), a.start)  # "à New York"
            ):
                found.append(a)
        persons = [a for a in found if isinstance(a, Actor) and a.kind == "person"]
        if not persons and found and self._starts_with_title(start, found[0].start):
            # "le chef de la diplomatie américaine": a person's title, the body only qualifies it
            return self.back_reference(start) if back else None
        pick = persons or found
        if pick:
            return (pick[0] if first else pick[-1]).id
        region = self.document.text[start:end]
        for m in _PERSON.finditer(region):
            words = m.group().split()
            if any(self._is_title_or_pronoun(w) for w in words) or m.group().isupper():
                continue
            if _PLACE_BEFORE.search(self.lowered, max(0, start + m.start() - 8), start + m.start()):
                continue  # "à New York", "in Manchester": a place
            alone = region.strip(" ,") == m.group()  # ", Smith said": the whole subject is one name
            if alone or _HONORIFIC_AT.match(m.group()) or len(words) > 1:
                person = self.new_person(start + m.start(), start + m.end())
                return person.id if person is not None else None
        if not back:
            return None
        head = _ARTICLE.match(self.lowered, start)
        if self.lang.forum_titles.match(self.lowered, head.end() if head else start):
            return self.last_forum(start)  # "la conférence a proposé que ...", "participants agreed"
        words = set(_WORD.findall(self.lowered, start, end))
        if words & self.lang.pronouns or self.lang.titles.search(self.lowered, start, end):
            return self.back_reference(start)
        return None

    def last_forum(self, pos: int) -> str | None:
        return next((a.id for a in self._ended_before(pos) if isinstance(a, Forum)), None)

    def _ended_before(self, pos: int) -> Iterator[Annotation]:
        """The speakers that end at or before ``pos``, the last (by start) first."""
        speakers = self.speakers
        for i in range(bisect.bisect_left(speakers, pos, key=_start) - 1, -1, -1):
            if speakers[i].end <= pos:
                yield speakers[i]

    def subject_before(self, s_start: int, cue_start: int) -> str | None:
        """The subject of a speech verb: the first speaker named before it in the sentence.

        A sentence-initial adverbial (``Lors de la réunion à Rabat,``) is skipped.
        """
        start = s_start
        lead = self.lang.leading.match(self.lowered, s_start)
        comma = self.plain.find(",", s_start, cue_start)
        if lead is not None and comma > 0:
            start = comma + 1
        return self.speaker_in(start, cue_start)

    def _starts_with_title(self, start: int, before: int) -> bool:
        head = _ARTICLE.match(self.lowered, start)
        title = self.lang.titles.match(self.lowered, head.end() if head else start)
        return (
            title is not None
            and title.end() <= before
            and self.lowered[title.start() : title.end()] not in (self.lang.body_titles)
        )

    def _is_title_or_pronoun(self, word: str) -> bool:
        w = plain(word).lower()
        return w in self.lang.pronouns or self.lang.titles.fullmatch(w) is not None or len(w) < 3

    def back_reference(self, pos: int) -> str | None:
        if self.last_speaker is not None:
            return self.last_speaker
        for a in self._ended_before(pos):
            if isinstance(a, Actor) and a.kind == "person":
                return a.id
        return next((a.id for a in self._ended_before(pos)), None)

    def add(self, start: int, end: int, speaker: str | None, cue: str | None, mode: str) -> None:
        start, end = _trim(self.document.text, start, end, strip_final=True)
        if start >= end:
            return
        self.builder.add(Statement, start, end, speaker=speaker, cue=cue, mode=mode)
        if speaker is not None:
            self.last_speaker = speaker
        self.last_cue = cue


def _start(a: Annotation) -> int:
    return a.start


def _overlapping(spans: Sequence[Annotation], start: int, end: int, longest: int) -> Iterator[Annotation]:
    """The annotations of ``spans`` (sorted by start, none longer than ``longest``) that overlap
    ``[start, end)``, by start."""
    for i in range(bisect.bisect_left(spans, start - longest, key=_start), len(spans)):
        a = spans[i]
        if a.start >= end:
            break
        if start < a.end:
            yield a


def _trim(text: str, start: int, end: int, strip_final: bool = False) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in ",;:"):
        start += 1
    while end > start and (text[end - 1].isspace() or (strip_final and text[end - 1] in ".,;:")):
        end -= 1
    return start, end


class StatementExtractor(Extractor):
    """Direct and indirect reported speech, with speakers resolved against the ``mentions`` layer."""

    name = "rules.statements"
    version = "0.2.0"
    requires = ("mentions",)
    produces = ("statements",)
    description = "Quotes and indirect speech with their speakers, from speech-cue rule packs."

    def __init__(self) -> None:
        self.packs: tuple[RulePack, ...] = ()

    def setup(self, registry: Registered) -> None:
        self.packs = tuple(p for p in registry.rule_packs if p.cues or "speaker_pronouns" in p.lists)
        self._language.cache_clear()

    @lru_cache(maxsize=8)  # noqa: B019  # one entry per language, for the life of the extractor
    def _language(self, lang: str | None) -> _Language:
        return _compile([p for p in self.packs if p.applies_to(lang)])

    def extract(self, document: Document, report: Report) -> Iterable[Layer]:
        ctx = self._context(document)
        for s_start, s_end in sentences(document.text):
            self._sentence(ctx, s_start, s_end)
        return [ctx.builder.build()]

    def _context(self, document: Document) -> _Context:
        builder = document.new_layer(self.produces[0], self.provenance)
        text = document.text
        mentions = document.layer("mentions").annotations
        views = views_of(text)
        ctx = _Context(
            document,
            self._language(document.lang),
            builder,
            views.plain,
            views.lowered,
            speakers=[a for a in mentions if isinstance(a, Actor | Forum)],
            mentions=mentions,
        )
        ctx.cues = [_Cue(s, e, lemma, role) for s, e, (lemma, role) in ctx.lang.cues.find(ctx.lowered)]
        ctx.cue_starts = [c.start for c in ctx.cues]
        return ctx

    def _sentence(self, ctx: _Context, s_start: int, s_end: int) -> None:
        sentence_quotes = list(quotes(ctx.document.text, s_start, s_end))
        indirect = self._indirect(ctx, s_start, s_end, sentence_quotes)
        pending: list[Quote | _Reported] = [q for q in sentence_quotes if not _within(q, indirect)]
        for item in sorted([*pending, *indirect], key=lambda item: item.start):
            if isinstance(item, Quote):
                self._direct(ctx, item, s_start, s_end)
            else:
                mode = "mixed" if item.has_quote else "indirect"
                ctx.add(item.start, item.end, item.speaker, item.cue.lemma, mode)

    # -- direct speech ---------------------------------------------------------------------------

    def _direct(self, ctx: _Context, q: Quote, s_start: int, s_end: int) -> None:
        text = ctx.document.text
        words = len(_WORD.findall(text, q.start, q.end))
        introduced = text[s_start : q.open].rstrip().endswith(":")
        alone = not text[s_start : q.open].strip() and not text[q.close + 1 : s_end].strip(" .")
        speaker, cue = self._speaker_after(ctx, q.close + 1, s_end)
        if words < 4 and not introduced and not (alone and words >= 2):
            # A quoted word or a title inside the narrator's sentence, unless the sentence opens
            # with the quote and a speech verb follows within a few words: « Non », a-t-il
            # répondu; "No," he said.
            opens = not text[s_start : q.open].strip()
            after = text[q.close + 1 : q.close + 3].lstrip()
            closed = after.startswith(",") or text[q.start : q.end].rstrip()[-1:] in (",", "!", "?", "…")
            near = cue is not None and len(_WORD.findall(ctx.plain, q.close + 1, cue.start)) <= 4
            if not (opens and closed and near):
                return
        if cue is None:
            speaker, cue = self._speaker_before(ctx, s_start, q.open)
        if cue is None:
            if not (alone or introduced):
                return  # quoted words in the narrator's sentence, with no one saying them
            # continues the quote before: its speaker and cue
            ctx.add(q.start, q.end, ctx.back_reference(q.open), ctx.last_cue, "direct")
            return
        self._record(ctx, q.start, q.end, speaker, cue, "direct")

    def _record(self, ctx: _Context, start: int, end: int, speaker: str | None, cue: _Cue, mode: str) -> None:
        start, end, speaker = self.refine(ctx, _Found(start, end, speaker, cue, mode))
        ctx.add(start, end, speaker, cue.lemma, mode)

    def refine(self, ctx: _Context, found: _Found) -> tuple[int, int, str | None]:
        """The span and speaker to record for a statement the rules found: theirs, here; a
        grammar-aware subclass may know better."""
        return found.start, found.end, found.speaker

    def _speaker_after(self, ctx: _Context, pos: int, s_end: int) -> tuple[str | None, _Cue | None]:
        """An incise after a quote: ``, a-t-il ajouté``, ``, a déclaré M. X``, ``, he said``."""
        window_end = min(s_end, pos + 200)
        stop = _QUOTE_OPEN.search(ctx.plain, pos, window_end)
        if stop:
            window_end = pos + stop.start()
        found = ctx.cues_in(pos, window_end)
        if not found:
            return None, None
        cue = found[0]
        gap = ctx.plain[pos : cue.start]
        if len(gap) > 80 or _SENTENCE_BREAK.search(gap):
            return None, None
        subject = gap.strip(" ,-\u00a0\u202f")
        if subject and not _AUXILIARY.fullmatch(subject):
            return ctx.speaker_in(pos, cue.start, first=False), cue
        after = _SUBJECT_AFTER.match(ctx.plain, cue.end, window_end)
        end = after.end() if after else cue.end
        comma = ctx.plain.find(",", cue.end + 1, end)
        speakers = ctx.speakers
        lo = bisect.bisect_right(speakers, comma, key=_start)
        hi = bisect.bisect_left(speakers, end, key=_start)
        named_later = any(isinstance(a, Actor) and a.kind == "person" for a in speakers[lo:hi])
        if comma > 0 and (ctx.speaker_in(cue.end, comma, back=False) is not None or not named_later):
            # ", a déclaré le ministre X, à l'ouverture ...", ", poursuit la source, citant ...": the
            # subject ends at the comma, unless a person is named after it (", la ministre, Y,")
            end = comma
        return ctx.speaker_in(cue.end, end), cue

    def _speaker_before(self, ctx: _Context, s_start: int, pos: int) -> tuple[str | None, _Cue | None]:
        """A cue before the quote in its sentence: ``X a déclaré : « ...``, ``selon X, « ...``."""
        cues = ctx.cues_in(s_start, pos)
        if not cues:
            return None, None
        cue = cues[-1]
        if cue.role == "source":
            comma = ctx.plain.find(",", cue.end, pos)
            return ctx.speaker_in(cue.end, comma if comma > 0 else pos), cue
        speaker = ctx.subject_before(s_start, cue.start) or ctx.speaker_in(cue.end, pos)
        return speaker, cue

    # -- indirect speech -------------------------------------------------------------------------

    def _indirect(
        self, ctx: _Context, s_start: int, s_end: int, sentence_quotes: list[Quote]
    ) -> list[_Reported]:
        """Reported clauses: ``X a déclaré que C``, ``selon X, C``, ``C, indique X``, ``X urged Y to C``."""
        text = ctx.plain
        inside = sorted((q.open, q.close + 1) for q in sentence_quotes)
        out: list[_Reported] = []
        for cue in ctx.cues_in(s_start, s_end):
            if _inside_quote(inside, cue.start) or (out and cue.start < out[-1].end):
                continue
            if _after_quote(text, max(s_start, cue.start - 40), cue.start):
                continue  # the incise of a direct quote: handled with the quote
            if _PARTICIPLE.search(text, cue.start, cue.end) and not text[s_start : cue.start].strip():
                continue  # "Réitérant ..., M. X a déclaré": the participle's subject comes later
            found = self._clause(ctx, cue, s_start, s_end, inside)
            if found is None:
                continue
            c_start, c_end, speaker = found
            c_start, c_end = _trim(ctx.document.text, c_start, c_end, strip_final=True)
            if c_end - c_start < 3:
                continue
            mode = "mixed" if any(c_start <= q.open < c_end for q in sentence_quotes) else "indirect"
            # refined here, not when recorded: a statement cut short leaves the cues after it free
            c_start, c_end, speaker = self.refine(ctx, _Found(c_start, c_end, speaker, cue, mode))
            has_quote = any(c_start <= q.open < c_end for q in sentence_quotes)
            out.append(_Reported(c_start, c_end, speaker, cue, has_quote))
        return out

    def _clause(
        self, ctx: _Context, cue: _Cue, s_start: int, s_end: int, inside: list[tuple[int, int]]
    ) -> tuple[int, int, str | None] | None:
        text = ctx.plain
        if cue.role == "source":
            comma = text.find(",", cue.end, s_end)
            if not text[s_start : cue.start].strip(" ,") and comma > 0:  # Selon X, C.
                return comma + 1, s_end, ctx.speaker_in(cue.end, comma)
            if text[s_start : cue.start].rstrip().endswith(","):  # C, selon X.
                return s_start, text.rfind(",", s_start, cue.start), ctx.speaker_in(cue.end, s_end)
            return None
        lo = max(s_start, cue.start - 80)
        incise = _INCISE_BEFORE.search(text, lo, cue.start) if text.find(",", lo, cue.start) >= 0 else None
        if (
            incise
            # "On Tuesday, X said C": no (four words are enough: counting them all was quadratic)
            and sum(1 for _ in itertools.islice(_WORD.finditer(text, s_start, incise.start()), 4)) >= 4
            and s_end - cue.end <= _INCISE_TAIL
            and _INCISE_AFTER.fullmatch(text, cue.end, s_end)
        ):  # C, indique X. / C, X said.
            comma = incise.start()
            if _inside_quote(inside, comma):
                return None
            inverted = _AUXILIARY.fullmatch(incise.group(1)) is not None  # "C, a déclaré X."
            if inverted:
                speaker = ctx.speaker_in(cue.end, s_end)
            else:
                speaker = ctx.speaker_in(comma + 1, cue.start, first=False)
            if speaker is not None:
                return s_start, comma, speaker
            if (inverted and not _PARTICIPLE.search(text, cue.start, cue.end)) or ctx.lang.relative.match(
                ctx.lowered, incise.start(1)
            ):
                return None  # an incise whose speaker is unknown, or a relative clause ("qui met l'accent")
            # a clause of its own ("C, tandis que le Tunisien a appelé à D", "C, appelant les États
            # à D"), read below as one
        colon = _COLON.match(text, cue.end, s_end)
        if colon is not None:  # "M. X a déclaré: nous devons ...", a quotation without its marks
            return colon.end(), s_end, ctx.subject_before(s_start, cue.start)
        if cue.role == "incise":
            return None
        content = self._complement(ctx, cue.end, s_end, cue.role)
        if content is None:
            return None
        speaker = ctx.subject_before(s_start, cue.start)
        if speaker is None:  # "a déclaré jeudi le ministre que ..."
            speaker = ctx.speaker_in(cue.end, content - 1)
        return content, s_end, speaker

    def _complement(self, ctx: _Context, pos: int, s_end: int, role: str) -> int | None:
        """Where the reported content of the speech verb ending at ``pos`` starts, if it has one."""
        text = ctx.plain
        if role == "call":  # exhorter les États à C, urge states to C, call on X to C
            m = _CALL_CONTENT.match(text, pos, s_end)
            return int(m.end()) if m is not None else None
        m = _THAT.match(text, pos, s_end)
        if m is not None:
            return int(m.end())
        start = _skip_space(text, pos)
        if ctx.lang.adjunct.match(ctx.lowered, start) is not None:
            m = _THAT_AFTER_ADJUNCT.match(text, start, s_end)
            if m is not None:
                return int(m.end())
        if self._inverted_subject(ctx, start, s_end):
            return None
        if role == "predicate":  # "s'est dit encouragé de ...": what follows the cue is the content
            return start
        m = _PREPOSITION.match(ctx.lowered, start)
        if m is not None and _DETERMINER.match(ctx.lowered, m.end()):
            return int(m.end())
        if _DETERMINER.match(ctx.lowered, start):
            return start
        if ctx.lang.english and _CLAUSE_START_EN.match(text, start):
            return start
        return None

    def _inverted_subject(self, ctx: _Context, start: int, s_end: int) -> bool:
        """Whether the words after a speech verb are its subject (``a déclaré le ministre X.``)."""
        stop = _SUBJECT_STOP.search(ctx.plain, start, s_end)
        end = stop.start() if stop else s_end
        if end - start > 120:
            return False
        head = _ARTICLE.match(ctx.lowered, start)
        title_at = head.end() if head else start
        if ctx.lang.titles.match(ctx.lowered, title_at):
            return True
        at = bisect.bisect_left(ctx.speakers, start, key=_start)  # the speakers are sorted by start
        first = ctx.speakers[at] if at < len(ctx.speakers) else None
        return first is not None and first.start - start <= 4 and first.end >= end - 1


def _inside_quote(spans: list[tuple[int, int]], at: int) -> bool:
    """Whether ``at`` is inside one of ``spans``, sorted and not overlapping (quotes): found by
    bisection, as a long sentence may hold thousands of them."""
    i = bisect.bisect_right(spans, (at, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= at < spans[i][1]


def _after_quote(text: str, start: int, end: int) -> bool:
    """``_AFTER_QUOTE.search(text, start, end)``, not run where none of its closing marks is."""
    for mark in '»”"’':
        if text.find(mark, start, end) >= 0:
            return _AFTER_QUOTE.search(text, start, end) is not None
    return False


def _within(q: Quote, indirect: list[_Reported]) -> bool:
    return any(r.start <= q.open and q.close < r.end + 2 for r in indirect)


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos].isspace():
        pos += 1
    return pos
