"""Statements by rules: direct quotes and indirect speech, with the speaker resolved to an Actor.

The speech cues, source markers, pronouns and titles come from the ``[[cue]]`` tables and the
``speaker_pronouns`` / ``speaker_titles`` lists of the registered rule packs, per language. The
speaker is an Actor of the ``mentions`` layer when the text names one there; a person named only
as a speaker (``a déclaré M. Dupont``) becomes an Actor of this extractor's own layer; a pronoun
or a title (``a-t-il ajouté``, ``le diplomate``) refers back to the last compatible speaker.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import attrs
import regex

from .annotations import Actor, Statement
from .extractor import Extractor, Report
from .model import Annotation, Document, Layer, LayerBuilder
from .rules.files import RulePack
from .rules.folding import fold, plain
from .text_units import Quote, quotes, sentences

if TYPE_CHECKING:
    from .registry import Registry

__all__ = ["StatementExtractor"]

_FINAL_PUNCT = ".,;:"
_NAME = r"\p{Lu}[\p{Ll}'\-]+(?:[\s\-]\p{Lu}[\p{Ll}'\-]+){0,2}"
_HONORIFIC = r"(?:M\.|Mme|Mlle|Me|Dr|Pr|Mr\.?|Mrs\.?|Ms\.?|Sir|Dame)"
_PERSON = regex.compile(rf"\b(?:{_HONORIFIC}\s+)?{_NAME}")
# "C, indique X." and "C, X said.": a comma, at most a short subject, the cue, a short tail.
_INCISE_BEFORE = regex.compile(r",\s*([^,;:«»“”\"]{0,60}?)\s*$")
_INCISE_AFTER = regex.compile(r"(?:-t-\w+)?\s*[-\w'. ]{0,80}?[.!?]?[\"»”’]?\s*")
_AUXILIARY = regex.compile(r"(?:a|ont|avait|avaient|has|had|have)?", regex.IGNORECASE)


@attrs.frozen
class _Language:
    """The compiled cues of one language."""

    cue_pattern: Any
    lemma_of: dict[str, tuple[str, str]]
    pronouns: frozenset[str]
    titles: Any  # compiled pattern of title nouns

    def cue_at(self, form: str) -> tuple[str, str]:
        return self.lemma_of.get(fold(form), (fold(form), "verb"))


def _compile(packs: Sequence[RulePack]) -> _Language:
    lemma_of: dict[str, tuple[str, str]] = {}
    pronouns: set[str] = set()
    titles: set[str] = set()
    for pack in packs:
        for cue in pack.cues:
            for form in cue.forms:
                lemma_of.setdefault(fold(form), (cue.lemma, cue.role))
        pronouns.update(plain(p).lower() for p in pack.lists.get("speaker_pronouns", ()))
        titles.update(plain(t).lower() for t in pack.lists.get("speaker_titles", ()))
    forms = sorted(
        {plain(f) for pack in packs for cue in pack.cues for f in cue.forms}, key=len, reverse=True
    )
    cue_pattern = regex.compile(r"(?<!\w)(?:\L<forms>)(?!\w)", regex.IGNORECASE, forms=forms or ["\x00"])
    title_pattern = regex.compile(r"(?<!\w)\L<titles>(?!\w)", titles=sorted(titles) or ["\x00"])
    return _Language(cue_pattern, lemma_of, frozenset(pronouns), title_pattern)


@attrs.define
class _Context:
    """What one document's extraction knows: text, views, actors, and the speakers so far."""

    document: Document
    lang: _Language
    builder: LayerBuilder
    plain: str
    folded: str
    actors: list[Actor]
    mentions: Sequence[Annotation]
    last_speaker: str | None = None
    last_cue: str | None = None
    last_end: int = -1

    def actors_in(self, start: int, end: int) -> list[Actor]:
        return [a for a in self.actors if a.start >= start and a.end <= end]

    def last_actor_before(self, pos: int, person: bool) -> Actor | None:
        for a in reversed(self.actors):
            if a.end <= pos and (not person or a.kind == "person"):
                return a
        return None

    def new_person(self, start: int, end: int) -> Actor | None:
        for a in self.actors:
            if a.start < end and start < a.end:
                return a
        if any(m.start < end and start < m.end for m in self.mentions):
            return None  # a group, a forum or an initiative is not a person
        name = self.document.text[start:end]
        actor = self.builder.add(Actor, start, end, kind="person", name=name)
        self.actors.append(actor)
        self.actors.sort(key=lambda a: a.start)
        return actor

    def speaker_in(self, start: int, end: int, prefer_last: bool) -> str | None:
        """The speaker named in ``text[start:end]``: an Actor, a new person, or a back-reference."""
        start, end = _trim(self.plain, start, end)
        if start >= end:
            return None
        found = self.actors_in(start, end)
        persons = [a for a in found if a.kind == "person"]
        pick = persons or found
        if pick:
            return (pick[-1] if prefer_last else pick[0]).id
        region = self.document.text[start:end]
        names = [m for m in _PERSON.finditer(region) if not self._is_title_or_pronoun(m.group())]
        if names:
            m = names[-1] if prefer_last else names[0]
            alone = region.strip(" ,") == m.group()  # ", Smith said": the whole subject is one name
            if alone or regex.match(_HONORIFIC, m.group()) or len(m.group().split()) > 1:
                person = self.new_person(start + m.start(), start + m.end())
                return person.id if person is not None else None
        words = regex.findall(r"\w+", self.folded[start:end])
        if any(w in self.lang.pronouns for w in words) or self.lang.titles.search(self.folded, start, end):
            return self.back_reference(start)
        return None

    def _is_title_or_pronoun(self, word: str) -> bool:
        w = plain(word).lower()
        return w in self.lang.pronouns or self.lang.titles.fullmatch(w) is not None or len(w) < 3

    def back_reference(self, pos: int) -> str | None:
        if self.last_speaker is not None:
            return self.last_speaker
        actor = self.last_actor_before(pos, person=True) or self.last_actor_before(pos, person=False)
        return actor.id if actor is not None else None

    def add(self, start: int, end: int, speaker: str | None, cue: str | None, mode: str) -> None:
        start, end = _trim(self.document.text, start, end, strip_final=True)
        if start >= end:
            return
        self.builder.add(Statement, start, end, speaker=speaker, cue=cue, mode=mode)
        if speaker is not None:
            self.last_speaker = speaker
        self.last_cue = cue
        self.last_end = end


def _trim(text: str, start: int, end: int, strip_final: bool = False) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in ",;:"):
        start += 1
    while end > start and (text[end - 1].isspace() or (strip_final and text[end - 1] in _FINAL_PUNCT)):
        end -= 1
    return start, end


class StatementExtractor(Extractor):
    """Direct and indirect reported speech, with speakers resolved against the ``mentions`` layer."""

    name = "rules.statements"
    version = "0.1.0"
    requires = ("mentions",)
    produces = ("statements",)
    description = "Quotes and indirect speech with their speakers, from speech-cue rule packs."

    def __init__(self) -> None:
        self.packs: tuple[RulePack, ...] = ()

    def setup(self, registry: Registry) -> None:
        self.packs = tuple(p for p in registry.rule_packs if p.cues or "speaker_pronouns" in p.lists)
        self._language.cache_clear()

    @lru_cache(maxsize=8)  # noqa: B019  # one entry per language, for the life of the extractor
    def _language(self, lang: str | None) -> _Language:
        return _compile([p for p in self.packs if p.applies_to(lang)])

    def extract(self, document: Document, report: Report) -> Iterable[Layer]:
        builder = document.new_layer("statements", self.provenance)
        text = document.text
        mentions = document.layer("mentions").annotations
        ctx = _Context(
            document,
            self._language(document.lang),
            builder,
            plain(text),
            _lower_same_length(text),
            actors=[a for a in mentions if isinstance(a, Actor)],
            mentions=mentions,
        )
        for s_start, s_end in sentences(text):
            self._sentence(ctx, s_start, s_end)
        return [builder.build()]

    # -- one sentence ------------------------------------------------------------------------

    def _sentence(self, ctx: _Context, s_start: int, s_end: int) -> None:
        text = ctx.document.text
        sentence_quotes = [q for q in quotes(text, s_start, s_end)]
        indirect = self._indirect(ctx, s_start, s_end, sentence_quotes)
        for q in sentence_quotes:
            if any(i_start <= q.open and q.close < i_end for i_start, i_end, *_ in indirect):
                continue
            self._direct(ctx, q, s_start, s_end)
        for i_start, i_end, speaker, cue, has_quote in indirect:
            ctx.add(i_start, i_end, speaker, cue, "mixed" if has_quote else "indirect")

    def _direct(self, ctx: _Context, q: Quote, s_start: int, s_end: int) -> None:
        text = ctx.document.text
        words = len(regex.findall(r"\w+", text[q.start : q.end]))
        before = text[s_start : q.open].rstrip()
        introduced = before.endswith(":")
        whole_sentence = not text[s_start : q.open].strip() and not text[q.close + 1 : s_end].strip(" .")
        if words < 4 and not introduced and not (whole_sentence and words >= 2):
            return  # a quoted word or title inside the narrator's sentence
        speaker, cue = self._speaker_after(ctx, q.close + 1, s_end)
        if cue is None:
            speaker, cue = self._speaker_before(ctx, s_start, q.open)
        if cue is None and ctx.last_cue is not None and q.open - ctx.last_end < 600:
            speaker, cue = ctx.last_speaker, ctx.last_cue
        ctx.add(q.start, q.end, speaker, cue, "direct")

    def _speaker_after(self, ctx: _Context, pos: int, s_end: int) -> tuple[str | None, str | None]:
        """An incise after a quote: ``, a-t-il ajouté``, ``, a déclaré M. X``, ``, he said``."""
        window_end = min(s_end, pos + 160)
        stop = regex.search(r"[«“\"]", ctx.plain[pos:window_end])
        if stop:
            window_end = pos + stop.start()
        m = ctx.lang.cue_pattern.search(ctx.plain, pos, window_end)
        if m is None:
            return None, None
        gap = ctx.plain[pos : m.start()]
        if len(gap) > 60 or regex.search(r"[.!?]\s", gap):
            return None, None
        lemma, _ = ctx.lang.cue_at(m.group())
        head = regex.match(r"\W*(.*)$", gap)
        subject = head.group(1) if head else ""
        if subject.strip(" -") and not regex.fullmatch(
            r"(?:a|ont|avait|avaient|has|had|have)\s*", subject.strip()
        ):
            speaker = ctx.speaker_in(pos, m.start(), prefer_last=True)
        else:
            after = regex.match(
                r"-t-(?:il|elle|ils|elles)|[^,;:!?()«»“”\"]*", ctx.plain[m.end() : window_end]
            )
            end = m.end() + (after.end() if after else 0)
            speaker = ctx.speaker_in(m.end(), end, prefer_last=False) or ctx.speaker_in(
                pos, m.start(), prefer_last=True
            )
        return speaker, lemma

    def _speaker_before(self, ctx: _Context, s_start: int, pos: int) -> tuple[str | None, str | None]:
        """A cue before the quote in its sentence: ``X a déclaré : « ...``, ``selon X, « ...``."""
        cues = list(ctx.lang.cue_pattern.finditer(ctx.plain, s_start, pos))
        if not cues:
            return None, None
        m = cues[-1]
        lemma, role = ctx.lang.cue_at(m.group())
        if role == "source":
            end = pos
            comma = ctx.plain.find(",", m.end(), pos)
            if comma > 0:
                end = comma
            return ctx.speaker_in(m.end(), end, prefer_last=False), lemma
        speaker = ctx.speaker_in(s_start, m.start(), prefer_last=True)
        if speaker is None:
            speaker = ctx.speaker_in(m.end(), pos, prefer_last=False)
        return speaker, lemma

    def _indirect(
        self, ctx: _Context, s_start: int, s_end: int, sentence_quotes: list[Quote]
    ) -> list[tuple[int, int, str | None, str, bool]]:
        """Reported clauses: ``X a déclaré que C``, ``selon X, C``, ``C, indique X``, ``X urged Y to C``."""
        plain_text = ctx.plain
        inside = [(q.open, q.close + 1) for q in sentence_quotes]

        def quoted(i: int) -> bool:
            return any(a <= i < b for a, b in inside)

        out: list[tuple[int, int, str | None, str, bool]] = []
        for m in ctx.lang.cue_pattern.finditer(plain_text, s_start, s_end):
            if quoted(m.start()) or (out and m.start() < out[-1][1]):
                continue
            lemma, role = ctx.lang.cue_at(m.group())
            rest = plain_text[m.end() : s_end]
            if role == "source":
                comma = plain_text.find(",", m.end(), s_end)
                leading = not plain_text[s_start : m.start()].strip(" ,")
                if leading and comma > 0:  # Selon X, C.
                    c_start, c_end = comma + 1, s_end
                    speaker = ctx.speaker_in(m.end(), comma, prefer_last=False)
                elif plain_text[s_start : m.start()].rstrip().endswith(","):  # C, selon X.
                    c_start, c_end = s_start, plain_text.rfind(",", s_start, m.start())
                    speaker = ctx.speaker_in(m.end(), s_end, prefer_last=False)
                else:
                    continue
            elif (
                incise := _INCISE_BEFORE.search(plain_text, s_start, m.start())
            ) and _INCISE_AFTER.fullmatch(plain_text, m.end(), s_end):  # C, indique X.  /  C, X said.
                comma = incise.start()
                if any(a <= comma < b for a, b in inside) or (
                    sentence_quotes and sentence_quotes[-1].close < comma < m.start()
                ):
                    continue  # the clause is a quote: the direct-speech rule handles it
                c_start, c_end = s_start, comma
                if _AUXILIARY.fullmatch(incise.group(1)):
                    speaker = ctx.speaker_in(m.end(), s_end, prefer_last=False)
                else:
                    speaker = ctx.speaker_in(comma + 1, m.start(), prefer_last=True)
                if speaker is None:
                    continue
            else:
                clause = self._complement(ctx, m.end(), s_end, role)
                if clause is None:
                    continue
                c_start, c_end = clause
                subject_start = s_start
                speaker = ctx.speaker_in(subject_start, m.start(), prefer_last=True)
                if speaker is None:
                    inverted = regex.match(r"\s*[^,;:.]{1,80}?(?=\s*(?:,|que\b|qu'|that\b))", rest)
                    if (
                        inverted
                        and ctx.lang.titles.search(ctx.folded, m.end(), m.end() + inverted.end()) is None
                    ):
                        speaker = ctx.speaker_in(m.end(), m.end() + inverted.end(), prefer_last=False)
            if c_end <= c_start:
                continue
            has_quote = any(c_start <= q.open < c_end for q in sentence_quotes)
            out.append((c_start, c_end, speaker, lemma, has_quote))
        return out

    def _complement(self, ctx: _Context, pos: int, s_end: int, role: str) -> tuple[int, int] | None:
        """Where the reported content of a speech verb at ``pos`` lies, if it has one."""
        rest = ctx.plain[pos:s_end]
        if role == "call":
            m = regex.match(r"[^.;:«»“”\"]{0,100}?\b(?:à|a|to|de|d')\s*(?=\w)", rest)
            if m is None:
                return None
            return pos + m.end(), s_end
        m = regex.match(r"\s*(?:,\s*[^,]{1,60},\s*)?(?:que\s+|qu'|that\s+)", rest)
        if m is not None:
            return pos + m.end(), s_end
        m = regex.match(
            r"\s*(?:sur\s+|pour\s+|on\s+|for\s+)?(?=(?:l'|la\s|le\s|les\s|une?\s|des\s|du\s|sa\s|son\s|ses\s|leurs?\s"
            r"|the\s|a\s|an\s|its\s|their\s|his\s|her\s)\w)",
            rest,
        )
        if m is not None and regex.match(r"[^,]{0,60}(?:,|$)", rest[m.end() :]) is not None:
            head = rest[m.end() :]
            if regex.match(r"(?:le|la|les|l'|the)\s*[^,.]{0,60}[,.]?\s*$", head) and ctx.lang.titles.search(
                ctx.folded, pos + m.end(), s_end
            ):
                return None  # ``a déclaré le ministre.``: an inverted subject, not a complement
            return pos + m.end(), s_end
        return None


def _lower_same_length(text: str) -> str:
    """Lowercased plain view of the same length, for searching words at original offsets."""
    out = plain(text)
    low = out.lower()
    return low if len(low) == len(out) else out
