"""Extractors that read the linguistic layer: what a parse tells that patterns only guess.

``nlp.mentions`` is ``rules.mentions`` corrected by grammar. A country is an Actor only when it
acts or speaks: one that a preposition of place governs (``à Malte``, ``in Iraq``, ``hors
d'Afghanistan``), that names where a place is (``le golfe de Guinée``), or that a verb acts
upon (``placé le Kenya sur sa liste grise``) is dropped, and so is what is coordinated with it.
A person gets the title phrase they are in apposition with as ``role`` (``la ministre belge de
l'Intérieur, Annelies Verlinden``), and a person the parser recognises is an Actor even when no
rule names them.

``nlp.statements`` is ``rules.statements`` with speakers from the dependency tree (see
:class:`GrammarStatementExtractor`). Both read only the neutral linguistic layer, so any NLP
backend serves.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

import attrs
import regex

from ctannot.annotations import Actor, Forum, Initiative
from ctannot.extractors.mentions import MentionsExtractor
from ctannot.extractors.speech import StatementExtractor, _Context, _Cue, _Found
from ctannot.model import Annotation, Document
from ctannot.nlp import LINGUISTIC_LAYER
from ctannot.nlp.dependencies import Parse, feature
from ctannot.nlp.linguistic import Word
from ctannot.rules.folding import plain
from ctannot.rules.matching import Match
from ctannot.rules.pattern_cache import compile_pattern

if TYPE_CHECKING:
    from ctannot.extractor import Registered

__all__ = ["GrammarMentionsExtractor", "GrammarStatementExtractor"]

PLACE_CASES = frozenset(
    [
        "à",
        "a",
        "au",
        "aux",
        "en",
        "dans",
        "vers",
        "depuis",
        "sur",
        "chez",
        "hors",
        "in",
        "at",
        "into",
        "from",
        "across",
        "throughout",
        "inside",
        "within",
        "near",
    ]
)
PLACE_RELATIONS = frozenset({"obl", "obl:mod", "obl:arg", "nmod", "obl:lmod", "advmod"})
PLACE_NOUNS = frozenset(
    [
        "golfe",
        "bassin",
        "lac",
        "région",
        "nord",
        "sud",
        "est",
        "ouest",
        "centre",
        "province",
        "frontière",
        "frontières",
        "zone",
        "côte",
        "territoire",
        "gulf",
        "basin",
        "lake",
        "region",
        "north",
        "south",
        "east",
        "west",
        "province",
        "border",
        "borders",
        "coast",
        "territory",
    ]
)
"""Nouns whose ``de X`` names where a place is, not who acts: ``le golfe de Guinée``."""
ACTED_UPON = frozenset({"obj", "iobj"})


class GrammarMentionsExtractor(MentionsExtractor):
    """``rules.mentions`` with grammar: countries that do not act dropped, roles and parsed
    persons added."""

    def setup(self, registry: Registered) -> None:
        super().setup(registry)
        self._titles.cache_clear()

    @lru_cache(maxsize=8)  # noqa: B019  # one entry per language, for the life of the extractor
    def _titles(self, lang: str | None) -> frozenset[str]:
        """Person titles (``ministre``, ``commissioner``) of the speech packs of ``lang``: made
        once per language, not for every document."""
        titles: set[str] = set()
        bodies: set[str] = set()
        for pack in self.packs:
            if pack.applies_to(lang):
                titles.update(plain(t).lower() for t in pack.lists.get("speaker_titles", ()))
                bodies.update(plain(t).lower() for t in pack.lists.get("speaker_body_titles", ()))
        return frozenset(titles - bodies)

    def refine(self, document: Document, matches: list[Match]) -> list[Match]:
        parse = Parse.of(document)
        if parse is None:
            return matches
        titles = self._titles(document.lang)
        kept = [
            m
            for m in matches
            if not (_is_state(m) and not _acts(parse, m)) and not _in_title(parse, m, titles)
        ]
        kept = [_with_role(parse, document.text, m, titles) if _is_person(m) else m for m in kept]
        kept = [_with_extent(parse, document.text, m) if _described(m) else m for m in kept]
        taken = [(m.start, m.end) for m in kept]
        for entity in parse.entities:
            if any(a < entity.end and entity.start < b for a, b in taken) or not entity.text[:1].isupper():
                continue  # taken, or not a name ("réseaux de hawala" tagged PER)
            name = {"name": entity.text}
            if entity.label in ("PER", "PERSON"):
                words = entity.text.split()
                person = Match(Actor, entity.start, entity.end, {"kind": "person", **name}, "nlp/persons")
                if plain(words[0]).lower() in titles or len(words) < 2 or not _acts(parse, person):
                    # a title the model took for a name ("Roi", "Président de l'Institut X"); a
                    # first name alone ("le fils Imad"): the news names an actor in full; a town
                    # ("à X et Y"), or someone acted upon
                    continue
                kept.append(_with_role(parse, document.text, person, titles))
            elif entity.label in _BODY_LABELS and _acting_subject(parse, entity.start, entity.end):
                # "indique Tracfin", "InternetNZ warned": a body no rule knows, acting or speaking
                kept.append(
                    Match(Actor, entity.start, entity.end, {"kind": "organisation", **name}, "nlp/bodies")
                )
        return sorted(kept, key=lambda m: (m.start, m.end))


def _is_state(m: Match) -> bool:
    return m.type is Actor and m.attributes.get("kind") == "state"


def _is_person(m: Match) -> bool:
    return m.type is Actor and m.attributes.get("kind") == "person"


def _acts(parse: Parse, m: Match) -> bool:
    """Whether the country of ``m`` acts or speaks, as far as the parse tells: not a place, not
    what a verb acts upon, nor coordinated with one of those."""
    word = parse.head_of(m.start, m.end)
    for _ in range(8):
        if word is None:
            return True
        if _is_place(parse, word):
            return False
        head = parse.head(word)
        if word.deprel in ACTED_UPON and head is not None and head.upos == "VERB":
            return False
        if word.deprel not in ("conj", "appos"):
            return True
        word = head  # "entre le Sahel, la Libye et ...": what holds for the first holds for all
    return True


def _described(m: Match) -> bool:
    """A Forum or Initiative a pattern described (``sommet extraordinaire de l'UA sur ...``),
    whose end is the pattern's guess; a gazetteer's name is exact."""
    return m.type in (Forum, Initiative) and m.entity is None


def _with_extent(parse: Parse, text: str, m: Match) -> Match:
    """``m`` ending where its noun phrase does, where the pattern's end cuts it:

    - inside a coordination of its complements (``Fonds spécial pour la prévention et la lutte
      contre le terrorisme``, ``cellule de désengagement et de réintégration``);
    - after a participle that describes it (``programme de sortie individualisé | destiné aux
      jeunes``): the description is not its name.
    """
    head = parse.head_of(m.start, m.end)
    if head is None:
        return m
    inside = {w.id for w in parse.within(m.start, m.end)}
    end = m.end
    for word in parse.within(m.start, m.end):
        if word.id == head.id:
            continue
        for kid in parse.children(word, "conj"):
            if kid.start < end or kid.id in inside or not _coordinated_at(text, parse, kid, end):
                continue
            words = parse.phrase(kid, leave_out=("acl", "acl:relcl", "advcl", "parataxis", "ccomp"))
            end = max(end, words[-1].end)
    for kid in parse.children(head, "acl"):
        if m.start < kid.start < end and feature(kid, "VerbForm") == "Part" and kid.id in inside:
            end = min(end, kid.start)
    while end > m.start and text[end - 1] in " ,;":
        end -= 1
    if end == m.end or end <= m.start:
        return m
    return attrs.evolve(m, end=end)


def _coordinated_at(text: str, parse: Parse, conj: Word, end: int) -> bool:
    """``conj`` is coordinated right at ``end``: `` et de la lutte``, `` and the ...``."""
    cc = parse.children(conj, "cc")
    return bool(cc) and not text[end : cc[0].start].strip()


def _acting_subject(parse: Parse, start: int, end: int) -> bool:
    word = parse.head_of(start, end)
    return word is not None and word.deprel in ("nsubj", "obl:agent") and word.upos == "PROPN"


def _in_title(parse: Parse, m: Match, titles: frozenset[str]) -> bool:
    """Whether the body of ``m`` is part of a person's title (``la directrice exécutive
    d'Europol``): the role says so, not an Actor. A country in a title stays an Actor (``le
    président du Mozambique``, ``les représentants d'Allemagne``): the guidelines' gold has
    ``Roi chérifien du Maroc`` so, and the real articles' annotators agree."""
    if m.type is not Actor or m.attributes.get("kind") != "organisation":
        return False
    word = parse.head_of(m.start, m.end)
    while word is not None and word.deprel == "nmod":
        word = parse.head(word)
        if word is not None and word.upos == "NOUN" and plain(word.lemma or word.form).lower() in titles:
            return True
    return False


def _is_place(parse: Parse, word: Word) -> bool:
    if word.deprel not in PLACE_RELATIONS:
        return False
    if any((c.lemma or c.form).lower() in PLACE_CASES for c in parse.children(word, "case")):
        return True
    head = parse.head(word)
    return word.deprel == "nmod" and head is not None and (head.lemma or head.form).lower() in PLACE_NOUNS


def _with_role(parse: Parse, text: str, m: Match, titles: frozenset[str]) -> Match:
    """``m`` with the title phrase it is in apposition with as ``role``, if it has none."""
    if m.attributes.get("role"):
        return m
    name = parse.head_of(m.start, m.end)
    if name is None:
        return m
    title = _title_of(parse, name, titles)
    if title is None:
        return m
    words = [
        w
        for w in parse.phrase(
            title, leave_out=("det", "case", "punct", "appos", "acl", "advcl", "conj", "cc")
        )
        if not (m.start <= w.start < m.end)
    ]
    if title.start < m.start:
        words = [w for w in words if w.end <= m.start]
    else:
        words = [w for w in words if w.start >= m.end]
    if not words:
        return m
    role = text[words[0].start : words[-1].end].strip(" ,")
    return attrs.evolve(m, attributes={**m.attributes, "role": role}) if role else m


def _title_of(parse: Parse, name: Word, titles: frozenset[str]) -> Word | None:
    def is_title(w: Word) -> bool:
        return w.upos == "NOUN" and plain(w.lemma or w.form).lower() in titles

    child = next((c for c in parse.children(name, "appos") if is_title(c)), None)
    if child is not None:  # "Daniel Okafor, the Canadian public safety minister"
        return child
    if name.deprel not in ("appos", "flat:name", "flat", "nmod", "compound"):
        return None
    for word in parse.ancestors(name):  # a misplaced apposition hangs on the title's own nmod
        if is_title(word):
            return word
        if word.deprel != "nmod":
            break
    return None


# -- speakers from the dependency tree ---------------------------------------------------------

_AGENT_CASES = frozenset({"par", "by"})
_SOURCE_OF = frozenset({"de", "du", "des", "d'", "by", "of", "from"})
"""Prepositions that name whose a document is: ``le rapport de X``, ``a report by X``."""
_BODY_LABELS = ("ORG",)
"""Entity classes of bodies that speak (Stanza's and spaCy's names)."""
_HONORIFIC_GENDER = {
    "mme": "Fem",
    "mlle": "Fem",
    "m.": "Masc",
    "mrs": "Fem",
    "mrs.": "Fem",
    "ms": "Fem",
    "ms.": "Fem",
    "mr": "Masc",
    "mr.": "Masc",
}


class GrammarStatementExtractor(StatementExtractor):
    """``rules.statements`` whose speakers come from the parse where it names one.

    The speech verb's subject (``X a déclaré``, inverted ``a déclaré M. Voronkov``, coordinated
    and participial verbs sharing their subject), the agent of a passive, the object of ``selon
    X`` / ``according to X`` (and of ``un rapport de X``) give the speaker phrase; within it, the
    Actor or Forum of the mentions layer that heads it or is in apposition to it. A pronoun or
    an epithet (``elle``, ``la Suédoise``, ``le diplomate``) is resolved to the last named Actor
    of compatible gender before it; a name the parser tags as a person or organisation becomes
    an Actor. Where the parse says nothing (no parse, no subject), the rules' speaker stays.
    """

    name = "nlp.statements"
    version = "0.1.0"
    uses = (LINGUISTIC_LAYER,)
    description = "rules.statements with speakers taken from the dependency parse where it names one."

    def __init__(self) -> None:
        super().__init__()
        self.epithets: frozenset[str] = frozenset()

    def setup(self, registry: Registered) -> None:
        super().setup(registry)
        self.epithets = frozenset(
            plain(word).lower() for pack in registry.rule_packs for word in pack.lists.get("demonyms", ())
        )

    def _context(self, document: Document) -> _Context:
        ctx = super()._context(document)
        ctx.parse = Parse.of(document)
        return ctx

    def refine(self, ctx: _Context, found: _Found) -> tuple[int, int, str | None]:
        if ctx.parse is None:
            return found.start, found.end, found.speaker
        start, end, cue = found.start, found.end, found.cue
        if found.mode != "direct":
            end = _complement_end(ctx.parse, ctx.document.text, start, end, cue)
        if _named_right_before(ctx, found.speaker, cue):
            # "M. Tillerson a, par ailleurs, loué C": the person named as the verb's subject, a
            # few words before it, whatever the parse makes of the commas between
            return start, end, found.speaker
        resolver = _Resolver(ctx, ctx.parse, self.epithets, before=min(start, cue.start))
        speaker = resolver.author_between(start, end, cue)
        if speaker is None:
            phrase = _speaker_phrase(ctx.parse, cue)
            if phrase is not None and found.speaker is not None and _collective(ctx, phrase):
                # "les présidents X du Niger, Y du Tchad ... ont réaffirmé": the group speaks for
                # the body the rules resolved, not the member the apposition names
                return start, end, found.speaker
            speaker = resolver.resolve(phrase) if phrase is not None else None
        return start, end, speaker if speaker is not None else found.speaker


_AUXILIARY_AND_ASIDE = compile_pattern(
    r"\s*(?:(?:a|ont|avait|avaient|aurait|has|had|have|is|was)\s*)?(?:,[^,.;:!?«»\"“”]{1,30},\s*)?",
    regex.IGNORECASE,
)
"""What may stand between a subject and its speech verb beyond doubt: an auxiliary, an aside
between commas (``a, par ailleurs,``)."""


def _named_right_before(ctx: _Context, speaker_id: str | None, cue: _Cue) -> bool:
    """Whether the rules' speaker is a person named right before the cue, with nothing but an
    auxiliary and an aside between (``M. X a, par ailleurs, loué``)."""
    speaker = ctx.speaker(speaker_id)
    if not (isinstance(speaker, Actor) and speaker.kind == "person") or speaker.end > cue.start:
        return False
    return _AUXILIARY_AND_ASIDE.fullmatch(ctx.plain, speaker.end, cue.start) is not None


def _collective(ctx: _Context, head: Word) -> bool:
    """Whether the speaker phrase is headed by a plural title (``les présidents``, ``the
    ministers``): the rules' collective speaker stands."""
    return (
        feature(head, "Number") == "Plur" and ctx.lang.collective.match(ctx.lowered, head.start) is not None
    )


def _complement_end(parse: Parse, text: str, start: int, end: int, cue: _Cue) -> int:
    """Where the reported content ends: before a clause of its own that the rules ran on into
    (``plaidé pour C, tandis que la Chine a appelé à D``: C ends at the comma)."""
    verb = parse.head_of(cue.start, cue.end)
    if verb is None:
        return end
    for clause in parse.children(verb, "advcl", "conj", "parataxis"):
        if not (start < clause.start < end and parse.children(clause, "nsubj")):
            continue
        words = parse.phrase(clause, leave_out=())
        cut = text.rfind(",", start, words[0].start + 1)
        if cut > start and not text[cut + 1 : words[0].start].strip(" ,"):
            return cut
    return end


def _speaker_phrase(parse: Parse, cue: _Cue) -> Word | None:
    """The head word of the phrase that names who speaks, by the cue's place in the tree."""
    word = parse.head_of(cue.start, cue.end)
    if word is None:
        return None
    if cue.role == "source":  # selon X, according to X, d'après X: the cue is X's preposition
        return parse.head(word) if word.deprel in ("case", "fixed", "mark") else None
    for _ in range(4):
        subjects = parse.children(word, "nsubj")
        if subjects:
            subject = subjects[0]
            if subject.deprel == "nsubj:pass":  # "a été annoncé par X": the agent speaks
                return _agent(parse, word)
            return subject
        agent = _agent(parse, word)
        if agent is not None:
            return agent
        # coordinated, participial and infinitive verbs share the subject of the verb they hang on
        shares_subject = word.deprel == "conj" or (
            word.deprel in ("advcl", "xcomp", "acl") and feature(word, "VerbForm") in ("Part", "Inf", "Ger")
        )
        head = parse.head(word)
        if head is None or not shares_subject:
            return None
        word = head
    return None


def _agent(parse: Parse, verb: Word) -> Word | None:
    """The agent of a passive verb (``a été annoncé par X``); none for an active one, whose
    ``par`` phrase is a means (``par l'intermédiaire de réseaux``)."""
    passive = bool(parse.children(verb, "aux:pass", "nsubj:pass"))
    for obl in parse.children(verb, "obl"):
        if obl.deprel == "obl:agent" or (
            passive and any((c.lemma or c.form).lower() in _AGENT_CASES for c in parse.children(obl, "case"))
        ):
            return obl
    return None


@attrs.define
class _Resolver:
    """Finds the Actor or Forum a speaker phrase names or refers back to."""

    ctx: _Context
    parse: Parse
    epithets: frozenset[str]
    before: int
    """The statement's start: antecedents are named before it (not inside its quote)."""

    def author_between(self, start: int, end: int, cue: _Cue) -> str | None:
        """The author of a speech noun between the cue and its statement: in ``réitérant
        l'appel du Secrétaire général à « ... »`` the quote is the Secretary-General's."""
        head = self.parse.head_of(start, end)
        cue_word = self.parse.head_of(cue.start, cue.end)
        if head is None or cue_word is None:
            return None
        path = []
        for word in self.parse.ancestors(head):
            if word.id == cue_word.id:
                break
            path.append(word)
        else:
            return None  # the statement does not hang on the cue
        if cue_word.start < start:  # the cue's own object: "relayant l'appel de X à « ... »"
            path += [w for w in self.parse.children(cue_word, "obj") if w.end <= start]
        for word in path:
            if word.upos == "NOUN" and (word.lemma or word.form).lower() in self.ctx.lang.speech_nouns:
                for noun in self._authors(word):
                    found = self._speaker_on(noun, whole=True)
                    if found is not None:
                        return found
        return None

    def _authors(self, noun: Word) -> list[Word]:
        return [
            n
            for n in self.parse.children(noun, "nmod", "obl")
            if any((c.form or "").lower() in _SOURCE_OF for c in self.parse.children(n, "case"))
        ]

    def resolve(self, head: Word) -> str | None:
        if head.upos == "PRON":
            return self._pronoun(head)
        named = self._named_in(head)
        if named is not None:
            return named
        authors = self._authors(head) if self._is_body_title(head) else []
        # A name no rule knows: "selon l'Organe de coordination ...", and the author of a document,
        # whatever the tagger's class for its long name ("le rapport de l'Équipe d'appui ...").
        for word, labels in [(head, _BODY_LABELS), *((a, (*_BODY_LABELS, "MISC")) for a in authors)]:
            if word.upos == "PROPN" or self.parse.entity_at(word) is not None:
                new = self._new_actor(word, labels)
                if new is not None:
                    return new
        return self._epithet(head)

    def _pronoun(self, pronoun: Word) -> str | None:
        if feature(pronoun, "PronType") == "Rel":  # "X, qui a déclaré": X speaks
            verb = self.parse.head(pronoun)
            antecedent = self.parse.head(verb) if verb is not None and verb.deprel == "acl:relcl" else None
            return self.resolve(antecedent) if antecedent is not None else None
        form = (pronoun.form or "").lower()
        if feature(pronoun, "Number") == "Plur" or form not in self._personal():
            return None  # "ils", "they": a group, the rules' guess stands
        gender = feature(pronoun, "Gender")
        # the person who spoke last, if the pronoun's gender allows: "Il a ajouté" goes on with
        # the speaker more often than it turns to the last person named (measured on real news)
        last = self.ctx.speaker(self.ctx.last_speaker)
        if (
            isinstance(last, Actor)
            and last.kind == "person"
            and last.end <= self.before
            and (gender not in ("Masc", "Fem") or self._actor_gender(last) in (None, gender))
        ):
            return last.id
        return self._last_person(gender)

    def _personal(self) -> frozenset[str]:
        return self.ctx.lang.pronouns | {"lui", "him", "her", "-t-il", "-t-elle", "t-il", "t-elle"}

    def _named_in(self, head: Word) -> str | None:
        """An Actor or Forum on the head word, on the name in apposition to it, or (for a
        document, ``le rapport de X``) on its author."""
        # The name in apposition speaks, not the possessor: "Lena Vogel's spokesman, Mark Tanner"
        ranked = [[head], self.parse.children(head, "appos", "flat"), self.parse.children(head, "compound")]
        if self._is_body_title(head):
            ranked.append(self._authors(head))
        for words in ranked:
            for word in words:
                found = self._speaker_on(word, whole=words is not ranked[0])
                if found is not None:
                    return found
        return None

    def _speaker_on(self, word: Word, whole: bool) -> str | None:
        span = self.parse.phrase(word) if whole else [word]
        start, end = span[0].start, span[-1].end
        found = [a for a in self.ctx.speakers if a.start < end and start < a.end]
        persons = [a for a in found if isinstance(a, Actor) and a.kind == "person"]
        pick = persons or found
        return pick[0].id if pick else None

    def _new_actor(self, head: Word, labels: tuple[str, ...]) -> str | None:
        entity = self.parse.entity_at(head)
        if entity is not None and entity.label in ("PER", "PERSON"):
            person = self.ctx.new_person(entity.start, entity.end)
            return person.id if person is not None else None
        if entity is None or entity.label not in labels or plain(entity.text).lower() in self.epithets:
            return None
        if any(m.start < entity.end and entity.start < m.end for m in self.ctx.mentions):
            return None  # a Threat or an Initiative does not speak
        return self.ctx.add_speaker(entity.start, entity.end, "organisation").id

    def _epithet(self, head: Word) -> str | None:
        word = plain(head.form).lower()
        if any(feature(d, "Definite") == "Ind" for d in self.parse.children(head, "det")):
            return None  # "un diplomate européen": someone not named before
        if word in self.epithets or self._is_person_title(word):
            return self._last_person(self._gender_of(head))
        if self.ctx.lang.forum_titles.fullmatch(word):
            return self._last_body(word, forums_only=True)
        if self._is_body_title(head):
            return self._last_body(word, forums_only=False)
        return None

    def _is_person_title(self, word: str) -> bool:
        return self.ctx.lang.titles.fullmatch(word) is not None and word not in self.ctx.lang.body_titles

    def _is_body_title(self, head: Word) -> bool:
        return plain(head.form).lower() in self.ctx.lang.body_titles

    def _gender_of(self, head: Word) -> str | None:
        genders = {feature(w, "Gender") for w in [head, *self.parse.children(head, "det")]} & {"Masc", "Fem"}
        return genders.pop() if len(genders) == 1 else None

    def _last_person(self, gender: str | None) -> str | None:
        """The last person named before the statement whose gender, where known, agrees."""
        gender = gender if gender in ("Masc", "Fem") else None
        for actor in reversed(self.ctx.speakers):
            if actor.end > self.before or not (isinstance(actor, Actor) and actor.kind == "person"):
                continue
            if gender is None or self._actor_gender(actor) in (None, gender):
                return actor.id
        return None

    def _actor_gender(self, actor: Annotation) -> str | None:
        """From an honorific (``Mme``, ``M.``), else from the title the name is in apposition to
        (``la commissaire européenne, Ylva Johansson``), else unknown: a name's own gender is
        only the tagger's guess."""
        honorific = self.ctx.document.text[actor.start : actor.end].split(None, 1)[0].lower()  # "Mme\xa0X"
        if honorific in _HONORIFIC_GENDER:
            return _HONORIFIC_GENDER[honorific]
        name = self.parse.head_of(actor.start, actor.end)
        if name is None or name.deprel not in ("appos", "flat:name", "flat", "nmod"):
            return None
        for title in self.parse.ancestors(name):  # a misplaced apposition hangs on the title's nmod
            if self._is_person_title(plain(title.form).lower()) or plain(title.form).lower() in self.epithets:
                return self._gender_of(title)
            if title.deprel != "nmod":
                break
        return None

    def _last_body(self, word: str, forums_only: bool) -> str | None:
        """The last Forum (or organisation) before the statement, preferring one the word
        names (``la conférence``, ``the commission``: the Lake Chad Basin Commission)."""
        bodies = [
            a
            for a in self.ctx.speakers
            if a.end <= self.before
            and (
                isinstance(a, Forum)
                or (not forums_only and isinstance(a, Actor) and a.kind == "organisation")
            )
        ]
        named = [a for a in bodies if word in plain(self.ctx.document.text[a.start : a.end]).lower().split()]
        pick = named or bodies
        return pick[-1].id if pick else None
