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
import re
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import attrs
import regex

from ctannot.annotations import Actor, Forum, Statement
from ctannot.extractor import Extractor, Report
from ctannot.extractors.text_units import (
    Quote,
    ends_a_sentence,
    overlapping,
    paragraphs,
    quotes,
    sentences,
    start_of,
    wire_datelines,
)
from ctannot.model import Annotation, Document, Layer, LayerBuilder
from ctannot.nlp.dependencies import Parse
from ctannot.rules.files import RulePack
from ctannot.rules.folding import plain, unaccent, views_of
from ctannot.rules.matching import PhraseFinder
from ctannot.rules.pattern_cache import compile_pattern
from ctannot.rules.trie import trie_pattern

if TYPE_CHECKING:
    from ctannot.extractor import Registered

__all__ = ["StatementExtractor"]

_NAME_WORD = r"\p{Lu}[\p{Ll}']+(?:\p{Lu}[\p{Ll}']+)?(?:-\p{L}[\p{Ll}']*)*(?![\p{L}])"
"""A capitalised word of a name, hyphenated or not (``Jean-Pierre``), with a capital inside or
not (``LeBlanc``, ``McKenzie``, ``O'Brien``), never ending on a hyphen or inside a word."""
_HONORIFIC = r"(?:M\.|Mme|Mlle|Me|Dr\.?|Pr|Mr\.?|Mrs\.?|Ms\.?|Sir|Dame)"
# A name's words may be joined by an initial ("Albert R. Ramdin") or a particle ("Ould", "bin").
_NAME_JOIN = r"(?:[\s\-](?:\p{Lu}\.\s+|(?:van|von|bin|ben|ibn|al|el)[\s\-])?)"
_PERSON = compile_pattern(rf"(?<!\w)(?:{_HONORIFIC}\s+)?{_NAME_WORD}(?:{_NAME_JOIN}{_NAME_WORD}){{0,4}}")
# "C, indique X." and "C, X said.": a comma, at most a short subject, the cue, a short tail.
_INCISE_BEFORE = compile_pattern(r",\s*([^,;:«»“”\"]{0,60}?)\s*$")
_INCISE_AFTER = compile_pattern(
    r"(?:-t-\w+)?(?![^.!?,]{0,400}\b(?:que|qu'|that)\b)\s*[^«»“”\"!?;:]{0,160}?[.!?]?[\"»”’]?\s*"
)
_INCISE_TAIL = 400
"""The longest tail after the cue that :data:`_INCISE_AFTER` is tried on: it matches a short
tail (160 characters and some space), and its look-ahead scanned the whole sentence for every
cue in it, quadratic in a long sentence."""
_DOCUMENT_NOUN = compile_pattern(
    r"(?<!\w)(?:message|d[ée]claration|declaration|communiqu[ée]|statement|texte?|discours|speech|"
    r"allocution|remarks|address)(?!\w)",
    regex.IGNORECASE,
)
"""The document a paragraph announces (``message``, ``déclaration``): the cue of what follows."""
_A_DOCUMENT = compile_pattern(
    r"(?:the|this|le|la|l['’]|ce|cette)\s*(?P<noun>report|rapport|communiqu[ée]|statement|d[ée]claration|"
    r"declaration|document|note|study|[ée]tude|assessment|review)\s*$",
    regex.IGNORECASE,
)
"""A document named back as the subject, without its author: ``the report states``, ``le
communiqué précise``."""
_CLAUSE_BREAK = compile_pattern(r"[.;:!?\n«»“”\"]")
_OF_AN_AUTHOR = compile_pattern(
    r"\s+(?:of\s+(?:the\s+)?|by\s+(?:the\s+)?|de\s+la\s+|de\s+l['’]\s*|du\s+|des\s+|de\s+)"
)
_AUTHOR_REACH = 40
"""How far before a document's noun its author may be named: ``An EU counter-terrorism report``."""
_SHORT_LINE = 40
"""A line shorter than this after a reproduced text's announcement is a heading or a date."""
_LINE_BREAKS = compile_pattern(r"[.!?;:]")
"""A paragraph of a reproduced text holds a sentence's end (a heading does not)."""
_SUBJECT_REACH = 60
"""How far after ``selon X,`` a speech verb may come for the words before it to be its subject
(``selon l'agence APS, le ministre Ahmed Ouali a déclaré``)."""
_SENTENCE_END = compile_pattern(r"[.!?][»”\"]?\s+(?:(?:M\.|Mme|Mr\.?|Ms\.?|Dr\.?)\s+)?")
_NEXT_SENTENCE_REACH = 400
"""How far the end of a sentence whose subject is a title is looked for: its next sentence may
name that person."""
_INVERTED_PRONOUN = compile_pattern(r"-(?:t-)?(?:il|elle|ils|elles)(?!\w)")
"""The subject pronoun inside an inverted cue (``s'est-il félicité``)."""
_APPOSED_TITLE = 120
"""How long a title in apposition after ``selon X,`` may be: the statement starts after it."""
_SUBJECT_PARTS = 4
"""How many parts between commas after an inverted verb may lead to its subject (``, a affirmé,
lundi à Rabat, le ministre de l'Intérieur, X``)."""
_INNER_INCISE = compile_pattern(
    r",\s*(?:(?:a|avait|aurait)-t-(?:il|elle|on)\s+[\w\-]+|(?:ont|avaient)-(?:ils|elles)\s+[\w\-]+|"
    r"[\w\-]+-t-(?:il|elle|on)|[\w\-]+?-(?:il|elle|ils|elles))\s*,",
    regex.IGNORECASE,
)
"""An incise with its subject inverted inside a quotation: ``« A, a-t-il souligné, B »``."""
_INNER_NAMED_INCISE = compile_pattern(
    r",\s+(?P<cue>(?:a\s+|ont\s+)?\p{Ll}[\p{L}\-]+)\s+(?P<who>[^«»“”\"\n!?;]{2,160}?)"
    r"(?<!\m(?:M|Mr|Mrs|Ms|Dr|Mme|Mgr|Gen|Col|Lt|Pr|St))\.\s+(?=\p{Lu})"
)
"""An incise naming who speaks inside a quotation, to the end of its sentence: ``« A, explique X,
directrice de Y. B »``, ``“A, said Gen. X, the commander. B”``."""
_FIRST_VERB = compile_pattern(
    r"\s(?:a|ont|est|sont|avait|avaient|sera|était|has|have|had|was|were|is|are|will|said|says)\s"
)
"""The first auxiliary or speech verb of a sentence, where its subject ends (roughly)."""
_ADVERB = (
    r"(?:également|aussi|encore|d['’]ailleurs|par\s+ailleurs|pour\s+sa\s+part|de\s+son\s+côté|ensuite|enfin|"
    r"toutefois|cependant|pourtant|déjà|une\s+nouvelle\s+fois|à\s+nouveau|de\s+nouveau|also|then|again|"
    r"further|earlier|later)"
)
"""What may stand between an auxiliary and a cue: ``a d'ailleurs souligné``, ``has also said``."""
_INFINITIVE_CUE = compile_pattern(r"\w+(?:er|ir|re)", regex.IGNORECASE)
"""A French cue in the infinitive (``Insister``, ``Réaffirmer``)."""
_LINKING_WORD = compile_pattern(
    r"mais|et|or|pourtant|cependant|toutefois|enfin|ainsi|but|and|yet|however|meanwhile", regex.IGNORECASE
)
"""A word that links a sentence to the one before: ``Mais selon X, C`` reports as ``Selon X, C``."""
_TRAILING_ADVERB = compile_pattern(rf"\s+{_ADVERB}\s*$", regex.IGNORECASE)
_AUXILIARY = compile_pattern(
    rf"(?:(?:a|ont|avait|avaient|aurait|has|had|have|was|were|is)(?:\s+{_ADVERB})?)?", regex.IGNORECASE
)
_WORD = compile_pattern(r"\w+")
# A capitalised name of a body: "Tech Against Terrorism", "Organe de coordination pour l'analyse"
# (from a capital to the end of the source's phrase, at most eight words more)
_BODY_NAME = compile_pattern(r"(?<!\w)\p{Lu}[\w\-]*(?:\s+[\w'’\-]+){0,8}?(?=\s*(?:[,;:(.]|$))")
# ", and stressed", " et a souligné", " and also noted": a verb coordinated with the one before
_COORDINATED_BEFORE = compile_pattern(
    r",?\s+(?:and|et|but|mais)\s+(?:(?:a|ont|has|have|had|also|également|aussi)\s+){0,2}$"
)
_CAPITALISED = compile_pattern(r"(?<!\w)\p{Lu}")
_INITIAL = compile_pattern(r"\p{Lu}\.")
_PHRASE = "\x00phrase:"
"""How a speaker id names a phrase of the text rather than an annotation (no id holds a NUL)."""
_DETERMINERS = {"les", "ces", "leurs", "nos", "the", "these", "their", "our"}
_ARTICLES = {"le", "la", "les", "l'", "un", "une", "des", "the", "a", "an"}
_APPOSITION = compile_pattern(r"\s*,\s*([^,.;:!?()«»“”\"]{1,80})")
_SAID_SO_NEXT = compile_pattern(
    r"\s*(?:c['’]est\s+(?:en\s+ces\s+termes|ainsi|par\s+ces\s+mots)\s+que\s+|ainsi\s+)"
    r"(?:s['’](?:est|sont)\s+(?P<verb>exprim)[ée]e?s?|(?:a|ont)\s+(?P<verb>réagi|déclaré|conclu|martelé))"
    r"\s+(?P<who>[^.!?\n]{1,120})",
    regex.IGNORECASE,
)
"""A sentence that says who spoke the quotation before it: ``C'est en ces termes que s'est
exprimé le ministre X``, ``Ainsi s'est exprimé X``."""
_SAID_SO_LEMMA = {
    "exprim": "s'exprimer",
    "réagi": "réagir",
    "déclaré": "déclarer",
    "conclu": "conclure",
    "martelé": "marteler",
}
_ANONYMITY = compile_pattern(
    r"on\s+condition\s+of\s+anonymity|(?:asked|requested|declined)\s+(?:for\s+)?anonymity|"
    r"sous\s+(?:le\s+)?couvert\s+(?:de\s+l['’]|d['’])anonymat|(?:requis|demandé|gardé)\s+l['’]anonymat"
)
"""A source the sentence says is not named: its statements have no identifiable source."""
_PAIR_JOIN = compile_pattern(r"\s+(?:et|and)\s+")
"""What joins two persons named together, or the two things they are presented with."""
_STATES_JOIN = compile_pattern(r"\s+(?:et|and)\s+(?:(?:du|de\s+la|des|de|of|the)\s+|(?:de\s+)?l'\s*|d'\s*)?")
_PAIRED_QUALITIES = compile_pattern(
    r"\m(?:presidents?|président[es]*|ministres?|ministers?|chefs?|leaders?|dirigeants?|homologues?|counterparts?)"
    r"\s+(?:respectifs\s+)?(\w{4,})\s+(?:et|and)\s+(\w{4,})\M"
    r"|\m(\w{4,})\s+and\s+(\w{4,})\s+(?:presidents|ministers|leaders|counterparts|heads)\M"
)
"""Two qualities of two persons' shared title, in their order: ``les présidents mozambicain et
rwandais``, ``the Kenyan and Somali presidents``."""
_PAIR_REACH = 160
"""How far after two persons named together the text may say what each is, in their order."""
_INTERRUPTED_AUXILIARY = compile_pattern(
    r"(?<!\w)(?:a|ont|avait|avaient|aura|auront|has|have|had)\s*,[^,;:]{1,150},\s*$", regex.IGNORECASE
)
_IN_BRACKETS = compile_pattern(r"\s*\(\s*")
_QUOTE_OPEN = compile_pattern(r"[«“\"]")
_OPENING_MARKS = ("«", "“", '"', "‘", "'")
"""What a sentence that is a quotation opens with (a single mark too, at a sentence's start)."""
_HONORIFIC_AT = compile_pattern(_HONORIFIC)
_PLACE_BEFORE = compile_pattern(r"(?<!\w)(?:à|au|aux|en|in|at|from|vers)\s+$")
_DURING = compile_pattern(
    r"(?<!\w)(?:lors|au\s+cours|à\s+l'issue|a\s+l'issue|en\s+marge|pendant|during|at|after|on\s+the\s+sidelines)"
    r"(?:\s+(?:d'|de\s+|du\s+|des\s+|of\s+))?\s*(?:la\s+|le\s+|l'|une?\s+|cette\s+|ce\s+|the\s+|a\s+|an\s+|this\s+)?$"
)
"""What puts a meeting as the place and time of what is said: ``lors d'un sommet``, ``at the summit``."""
_AGENT = compile_pattern(r"[^.;:]{0,60}?(?<!\w)(?:par|by)\s")
_PARTICIPLE_AT = compile_pattern(r"\w+(?:ant|ing)(?!\w)", regex.IGNORECASE)
_PARTICIPLE = compile_pattern(r"(?:ant|ing)$", regex.IGNORECASE)
_OPENING_PARTICIPLE = compile_pattern(r"(?:[Ss]['’]\s*|[Ss]e\s+|[Ee]n\s+)?\w{3,}(?:ant|ing)\s+(?=\p{Ll})")
"""A present participle that opens a sentence, before a lowercase word (``Évoquant les``,
``S'adressant aux``, ``En évoquant``, ``Speaking at``): not a name that ends so (``Grant
Shapps``)."""
_SUBJECT_AFTER = compile_pattern(r"-t-(?:il|elle|ils|elles)|[^;:!?()«»“”\"]*")
_COLON = compile_pattern(r"\s*:\s*(?=[^\s«“\"])")
_CALL_CONTENT = compile_pattern(r"[^.;:«»“”\"]{0,100}?(?<!\w)(?:(?:à|a|to|de)\s+|d')(?=[\w«“\"])")
"""What a call asks for starts after ``à``, ``de`` or ``to`` as words (not the ``de`` of ``des``)."""
_NOUN_DE = compile_pattern(r"(?:\bde\s+|\bd')$")
"""A call's ``de`` that may be a noun's (``de la région``), not the one before what is asked."""
_THAT = compile_pattern(r"\s*(?:,\s*[^,]{1,80},\s*)?(?:que\s+|qu'|that\s+)")
_MEDIUM_AT_END = compile_pattern(
    r"\s*,?\s+(?:dans|par|in|through|via)\s+(?:un|une|le|la|son|sa|leur|a|an|the|its|their|his|her)\s+"
    r"(?:communiqué|communique|déclaration|declaration|message|tweet|lettre|discours|statement|letter|"
    r"speech|post|interview|entretien)(?!\s+(?:of|de|d['’])\s)(?:\s+[\w'’\-]+){0,4}[\s.]*$",
    regex.IGNORECASE,
)
"""The medium a speech act used, ending its complement: ``dans un communiqué publié lundi``,
``in a statement on Monday``."""
_POSSESSIVE_NAME = compile_pattern(r"\p{Lu}[\w\-.]*(?:\s+\p{Lu}[\w\-.]*){0,3}['’]s\s+\p{Ll}")
"""A name in the possessive opening a noun phrase: ``Kenya's decision``, ``the UN's``."""
_INCISE_WORDS = 6
"""The most words of the subject of a source's incise that closes a sentence (``, a joint
communiqué said``)."""
_QUOTED_WORDS = 5
"""The most words quoted at a complement's start for the complement to go on as indirect speech."""
_WHEN = compile_pattern(
    r"(?i:(?:ce|cette)\s+)?(?i:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|hier|aujourd['’]hui|avant-hier)"
    r"(?i:\s+(?:matin|soir|après-midi|apres-midi|dernier))?"
    r"(?:\s+(?:à|a|au|en)\s+\p{Lu}[\w\-]*(?:[\s\-]+\p{Lu}[\w\-]*)*)?\s+"
)
"""When (and where) a French speech verb's act took place, between the verb and its complement:
``a salué mardi``, ``a dénoncé jeudi soir à Paris``."""
_PARENTHETICAL = compile_pattern(r"\s*,\s*[^,;:«»“”\".!?]{1,40}?,")
"""An adverbial set off by commas after a speech verb: ``a mis en exergue, à cet effet, le rôle``."""
_THAT_AFTER_ADJUNCT = compile_pattern(r"[^.;:«»“”\",]{0,70}?\s(?:que\s+|qu'|that\s+)")
_PREDICATE_THAT = compile_pattern(r"[\w\-]+(?:\s+[\w\-]+)?\s+(?:que\s+|qu'|that\s+)", regex.IGNORECASE)
"""An adjective and its clause after a predicate cue: ``persuadé que``, ``convinced that``."""
_TOLD_THAT = compile_pattern(r"\s+(?:[\w'’\-.]+\s+){0,6}?(?:that|que|qu')\s*", regex.IGNORECASE)
"""The one spoken to and the clause after a verb of telling: ``told reporters that``."""
_ADDRESSEE = compile_pattern(r"\s+(?:the\s+)?[\w\-]+\s+")
_PREPOSITION = compile_pattern(
    r"(?:sur|pour|contre|en\s+faveur\s+(?:de\s|d'(?=une?\s)|(?=du\s|des\s))|on|for|of|against|about|de\s|d'(?=une?\s))\s*"
)
_OF_A_BARE_NOUN = compile_pattern(
    r"(?:of|against|about)\s+(?=\p{Ll}{3,}(?!\w))(?!(?:his|her|its|their|it|them|him)\s)"
)
"""What a warning or a speech is about, with no determiner: ``of new attacks``, ``against
complacency`` (not a pronoun: ``spoke of them``)."""
_INFINITIVE_CLAUSE = compile_pattern(
    r"(?:avoir|être|etre|vouloir|pouvoir|devoir|n['’]avoir|ne\s+pas|ne\s+plus|ne\s+jamais)\s+\w"
)
"""A reported clause in the infinitive after a French speech verb: ``a affirmé avoir tué``,
``a dit vouloir``, ``a assuré ne pas craindre``."""
_WARNED = compile_pattern(r"\m(?:warn(?:s|ed)?|caution(?:s|ed)?|spoke|speaks?|talk(?:s|ed)?)$")
"""The verbs whose content that preposition opens (not "assured of sharing": what is assured),
finite: a participle's clause ("X, warning against C, quoted Y") ends before the main verb."""
_SUBJECT_STOP = compile_pattern(r"[,.;:!?]|\s(?:que|qu'|that)\s")
_CLAUSE_VERB = compile_pattern(
    r"\s(?:is|are|was|were|has|have|had|will|would|could|should|must|can|may|might|did|does|do|"
    r"est|sont|était|étaient|sera|seront|serait|aurait|avait|avaient|ont)\s"
    r"|\s(?:also\s+)?\p{Ll}{3,}ed\s+(?:to|that|on|with|the|a|an)\s"
)
"""An auxiliary, or a verb in the past with what follows it, after a title that follows a speech
verb: the title is the subject of the reported clause (``said the minister would resign``,
``added the two ministers also agreed to``), not the verb's own, inverted."""
_PLURAL_SUBJECT = compile_pattern(r"(?:des|les|the|several|many|plusieurs|de\s+nombreux)\s")
"""How a group of speakers after the verb opens: ``ont estimé mardi des dirigeants du continent``."""
_ARTICLE = compile_pattern(r"(?:(?:les|le|la|the)\s+|l'\s*)")
_AFTER_QUOTE = compile_pattern(rf"[»”\"’]\s*,?\s*(?:(?:{_ADVERB}|[\w-]+)\s*){{0,2}}$", regex.IGNORECASE)
_DETERMINER = compile_pattern(
    r"(?:l'|d'une?\s|(?:la|le|les|une?|des|du|sa|son|ses|leurs?|cette|ces|ce|cet|tout|toute|tous|toutes|the|a|an|its|their|his|her"
    r"|our|this|any|all|these|those)\s"
    # a quantity: "a plaidé pour davantage de moyens", "called for more support"
    r"|(?:davantage|plus|moins|beaucoup)\s+d(?:e\s|')|(?:more|greater|further|stronger|closer)\s)",
    regex.IGNORECASE,
)
_CLAUSE_START_EN = compile_pattern(
    r"(?:the|a|an|its|their|his|her|our|it|they|he|she|we|there|this|these|those|more|some|all|no|\p{Lu}|\d+)\b"
    # or a subject of a few words, then its verb: "said armies must ...", "said Nigeria would ..."
    # (not an adjunct: "said in a communique issued on Monday")
    r"|(?!(?i:in|on|at|after|before|during|from|to|for|with|by|when|while|as|last|earlier|later|also|"
    r"separately|yesterday|today|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\s)"
    r"(?:[\p{L}\d'’\-]+[^\S\n]+){1,8}?(?:was|were|is|are|had|has|have|would|will|could|should|must|can|may|"
    r"might|did|does|do|remained|remains|posed|poses|[\p{Ll}\-]{2,}ed)\b"
)


@attrs.frozen
class _Language:
    """The compiled cues and word lists of one language."""

    cues: PhraseFinder[tuple[str, str]]
    """Word forms of the cues (plain, lowercased) -> (lemma, role)."""
    pronouns: frozenset[str]
    person_pronouns: frozenset[str]
    """Pronouns that refer to one person (``elle``, ``he``, ``ce dernier``), not to a body."""
    latter: frozenset[str]
    """``dernier`` (``ce dernier``), ``latter``: the person named last, not the one who spoke last."""
    latter_group: frozenset[str]
    """``derniers`` (``ces derniers``): those of the meeting or body named last."""
    asides: Any | None
    """What may stand between a speech verb and its subject or content and belongs to neither:
    ``a déclaré pour sa part X``, ``a indiqué de son côté que``, ``said, for his part, that``."""
    anonymous: Any
    """What opens a source no one can identify: ``un officier``, ``diplomats``, ``des sources``."""
    reproduced: Any
    """What says that a text follows, reproduced (``la déclaration suivante``, ``Following is X's
    message``): its paragraphs are its author's statements."""
    reproduced_phrases: tuple[str, ...]
    """The phrases ``reproduced`` matches, as :func:`_case_blind` spells them: a text that holds
    none of them, spelt so, holds no match of it."""
    media: Any
    """What opens a source that only relays (``l'agence APS``, ``TASS``, ``the news agency``): no
    one's statement, unless the speaker it quotes is named in the sentence."""
    bare_infinitive: Any
    """What puts a cue in the infinitive with no subject: ``de``, ``pour``, ``to``."""
    noun_determiner: Any
    """A determiner right before a cue's form: the form is a noun there (``la demande``)."""
    title_marker: Any
    """What introduces a quoted name, not speech: ``sous le thème``, ``dénommé``, ``dubbed``."""
    passive: Any
    """An auxiliary of the passive right before a cue: ``été``, ``was``."""
    object_cues: frozenset[str]
    """Lemmas of cues whose object may be a bare noun phrase (``welcomed significant progress``)."""
    addressee_cues: frozenset[str]
    """Lemmas of cues whose object is the one spoken to (``told the summit``): what was said is
    their clause (``told reporters that C``) or a quotation."""
    acts: Any
    """Objects that make a speech verb an act, not speech: ``déclarer la guerre``, ``declared a
    state of emergency``, ``a déclaré ouverte la session``."""
    not_persons: frozenset[str]
    """Titles of bodies and documents, and plural ones: they do not refer back to a person."""
    relative_subject: Any
    """A relative pronoun as the speech verb's subject, right before it: ``, who``, ``, qui a``."""
    subordinators: Any
    """Conjunctions that open a clause of its own (``after``, ``lorsque``)."""
    titles: Any
    same_titles: tuple[tuple[str, frozenset[str]], ...]
    """Title phrases that stand for a person presented under other words, unaccented, longest
    first, each with the stems of those words: ``chef de l'etat`` for ``le président X``."""
    body_titles: frozenset[str]
    """Titles that name a document or a body (``communiqué``, ``ministère``), not a person."""
    forum_titles: Any
    adjunct: Any
    leading: Any
    relative: Any
    speech_nouns: frozenset[str]
    """Nouns of speech acts (``appel``, ``call``): a quote they govern is their author's."""
    collective: Any
    """A determiner, at most two more words and a plural title: ``les chefs d'État``, ``the
    foreign ministers``."""
    function_words: Any
    """Words that may be capitalised at a sentence's start but never begin a name (``The``,
    ``Lors``): the adjunct and adverbial openers, relative pronouns and articles."""
    english: bool
    _titles_seen: dict[str, bool] = attrs.field(factory=dict, init=False, eq=False, repr=False)
    _not_names_seen: dict[str, bool] = attrs.field(factory=dict, init=False, eq=False, repr=False)
    """What :meth:`is_title` and :meth:`not_a_name` found of the words asked about: the same words
    (titles, names, function words) come back in sentence after sentence."""

    def is_title(self, word: str) -> bool:
        """A person's title: ``ministre``, ``Secretary-General``, ``Undersecretary-General`` (by its
        last part)."""
        found = self._titles_seen.get(word)
        if found is None:
            w = plain(word).lower()
            found = any(self.titles.fullmatch(part) is not None for part in (w, w.rsplit("-", 1)[-1]))
            _keep(self._titles_seen, word, found)
        return found

    def not_a_name(self, word: str) -> bool:
        """A title, pronoun or function word (an initial, ``K.``, is part of a name)."""
        found = self._not_names_seen.get(word)
        if found is None:
            w = plain(word).lower()
            found = (
                w in self.pronouns or len(w) < 3 or self.function_words.fullmatch(w) or self.is_title(w)
            ) and not _INITIAL.fullmatch(word)
            _keep(self._not_names_seen, word, bool(found))
        return bool(found)


_MOST_WORDS_KEPT = 100_000
"""How many words a language keeps what it found of (the texts' names among them)."""


def _keep(seen: dict[str, bool], word: str, found: bool) -> None:
    if len(seen) < _MOST_WORDS_KEPT:
        seen[word] = found


def _case_blind(text: str) -> str:
    """``text`` casefolded, the dotted capital I (İ) as an i: a case-insensitive ``regex`` pattern
    matches a letter of its phrases only to what casefolds as that letter does, and İ to i (which
    casefolds to an i and a dot; ``tests/test_statements.py`` checks this for every letter of the
    packs' phrases). A text then holds a phrase's match only if its case-blind spelling holds the
    phrase's."""
    return text.replace("İ", "i").casefold()


def _word_list(words: Iterable[str]) -> Any:
    return compile_pattern(r"(?<!\w)(?:" + trie_pattern(sorted(words)) + r")(?!\w)", regex.IGNORECASE)


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
        person_pronouns=frozenset(lists.get("person_pronouns", ())),
        latter=frozenset(lists.get("latter_pronouns", ())),
        latter_group=frozenset(lists.get("latter_group_pronouns", ())),
        asides=compile_pattern(
            r"(?:\s*,?\s*(?:" + trie_pattern(sorted(lists["asides"])) + r")(?!\w)\s*,?)*", regex.IGNORECASE
        )
        if lists.get("asides")
        else None,
        anonymous=compile_pattern(
            r"(?:" + trie_pattern(sorted(lists.get("anonymous_sources", ()))) + r")(?!\w)", regex.IGNORECASE
        ),
        reproduced=_word_list(lists.get("reproduced_text", ())),
        reproduced_phrases=tuple(sorted({_case_blind(p) for p in lists.get("reproduced_text", ())})),
        media=compile_pattern(
            r"(?:(?:l'|la\s+|le\s+|les\s+|the\s+|an?\s+)\s*)?(?:"
            + trie_pattern(sorted(lists.get("media_sources", ())))
            + r")(?!\w)",
            regex.IGNORECASE,
        ),
        bare_infinitive=compile_pattern(
            r"(?<!\w)(?:" + trie_pattern(sorted(lists.get("infinitive_markers", ()))) + r")\s*$"
        ),
        title_marker=compile_pattern(
            r"(?<!\w)(?:" + trie_pattern(sorted(lists.get("title_markers", ()))) + r")\s*:?\s*$"
        ),
        passive=compile_pattern(
            r"(?<!\w)(?:" + trie_pattern(sorted(lists.get("passive_auxiliaries", ()))) + r")\s+$"
        ),
        object_cues=frozenset(lists.get("object_cues", ())),
        addressee_cues=frozenset(lists.get("addressee_cues", ())),
        acts=_word_list(lists.get("act_objects", ())),
        noun_determiner=compile_pattern(
            # a possessive, too: "Okello's remarks came as ..." is a noun
            r"(?<!\w)(?:" + trie_pattern(sorted(lists.get("noun_determiners", ()))) + r")\s*$|\w['’]s\s+$"
        ),
        not_persons=frozenset([*lists.get("speaker_body_titles", ()), *lists.get("collective_titles", ())]),
        relative_subject=compile_pattern(
            r",\s*(?:" + trie_pattern(sorted(lists.get("subject_relatives", ()))) + r")\s+"
            r"(?:\w+\s+){0,2}$",
        ),
        subordinators=_word_list(lists.get("subordinators", ())),
        titles=_word_list(lists.get("speaker_titles", ())),
        same_titles=tuple(
            sorted(
                (
                    (unaccent(phrase), frozenset(_stem(w) for w in words))
                    for phrase, *words in (entry.split("|") for entry in lists.get("same_titles", ()))
                ),
                key=lambda entry: -len(entry[0]),
            )
        ),
        body_titles=frozenset(lists.get("speaker_body_titles", ())),
        forum_titles=_word_list(lists.get("speaker_forum_titles", ())),
        adjunct=_word_list(lists.get("adjunct_starts", ())),
        leading=_word_list(lists.get("leading_adverbials", ())),
        relative=_word_list(lists.get("relative_pronouns", ())),
        speech_nouns=frozenset(lists.get("speech_nouns", ())),
        collective=compile_pattern(
            r"(?:(?P<definite>"
            + trie_pattern(sorted(_DETERMINERS))
            + r")\s+)?(?:[\w\-]+\s+){0,2}?(?P<title>"
            + trie_pattern(sorted(lists.get("collective_titles", ())))
            + r")(?!\w)",
            regex.IGNORECASE,
        ),
        function_words=_word_list(
            lists.get("adjunct_starts", set())
            | lists.get("leading_adverbials", set())
            | lists.get("sentence_links", set())
            | lists.get("relative_pronouns", set())
            | _ARTICLES
        ),
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
    titles: list[Quote] = attrs.Factory(list)
    """Quotes that are names (``sous le thème « ... »``), not speech, in text order."""
    cue_starts: list[int] = attrs.Factory(list)
    last_speaker: str | None = None
    last_cue: str | None = None
    said: list[tuple[int, int]] = attrs.Factory(list)
    """The statements' spans, in the order recorded."""
    previous_sentence: tuple[int, int] | None = None
    """The sentence before the current one: a pronoun that opens a sentence (``Il a plaidé ...``)
    refers back to the person it is about rather than to the last speaker."""
    parse: Parse | None = None
    """The document's dependency parse, for a grammar-aware extractor (none for the rules)."""
    # The longest speaker and mention: only those starting less than that before a span can
    # overlap it, so that a look-up stays local however long the document is.
    _longest_speaker: int = attrs.field(init=False)
    _longest_mention: int = attrs.field(init=False)
    _by_id: dict[str, Annotation] = attrs.field(init=False)
    _surnames: dict[str, int] = attrs.field(init=False)
    """The last word of each person's name, and where the first person with it ends."""
    _spans_said: set[tuple[int, int]] = attrs.field(init=False, factory=set)
    """The spans of ``said``, to record each once."""
    _title_case_lines: dict[int, bool] = attrs.field(init=False, factory=dict)
    """Whether the line starting at each offset is in title case (a headline), once read."""
    _respective: dict[str, tuple[int, int]] | None = attrs.field(init=False, default=None)
    """Where the text presents each of two persons named together, in their order (``X et Y,
    les présidents du Mozambique et du Rwanda``: X with ``Mozambique``), once read."""

    def __attrs_post_init__(self) -> None:
        self._longest_speaker = max((a.end - a.start for a in self.speakers), default=0)
        self._longest_mention = max((m.end - m.start for m in self.mentions), default=0)
        self._by_id = {a.id: a for a in self.speakers}
        self._surnames = {}
        for a in self.speakers:
            self._index_surname(a)

    def _index_surname(self, a: Annotation) -> None:
        if _is_person(a):
            words = self.document.text[a.start : a.end].split()
            if words:
                self._surnames[words[-1]] = min(self._surnames.get(words[-1], a.end), a.end)

    def new_person(self, start: int, end: int) -> Annotation | None:
        for a in overlapping(self.speakers, start, end, self._longest_speaker):
            return a
        if any(True for _ in overlapping(self.mentions, start, end, self._longest_mention)):
            return None  # a group or an initiative is not a person
        return self.add_speaker(start, end, "person")

    def add_speaker(self, start: int, end: int, kind: str) -> Annotation:
        """A new Actor of this extractor's layer, named by its text, and a candidate speaker from
        now on (``speakers`` stays sorted by start)."""
        actor = self.builder.add(Actor, start, end, kind=kind, name=self.document.text[start:end])
        bisect.insort(self.speakers, actor, key=start_of)
        self._longest_speaker = max(self._longest_speaker, end - start)
        self._by_id[actor.id] = actor
        self._index_surname(actor)
        return actor

    def speaker(self, speaker_id: str | None) -> Annotation | None:
        """The speaker with this id (None for None, and for a speaker named by a phrase)."""
        return self._by_id.get(speaker_id) if speaker_id else None

    def named_by_phrase(self, start: int, end: int) -> str | None:
        """A speaker that no annotation names, named by ``text[start:end]`` (a group: ``les
        ministres de six pays du Sahel``), as an id that :meth:`add` reads back."""
        start, end = _trim(self.plain, start, end)
        return f"{_PHRASE}{start}:{end}" if start < end else None

    def cues_in(self, start: int, end: int) -> list[_Cue]:
        """The cues that start in ``[start, end)``, in text order."""
        return self.cues[
            bisect.bisect_left(self.cue_starts, start) : bisect.bisect_left(self.cue_starts, end)
        ]

    def _in_relative_clause(self, start: int, pos: int) -> bool:
        """Whether ``pos`` lies in a relative clause or apposition opened after ``start``."""
        segment_start = max(self.plain.rfind(",", start, pos), start)
        return self.lang.relative.search(self.lowered, segment_start, pos) is not None

    def speaker_in(
        self,
        start: int,
        end: int,
        first: bool = True,
        back: bool = True,
        opens: bool = False,
        as_subject: bool = False,
    ) -> str | None:
        """The speaker named in ``text[start:end]``: a mention, a new person, or (if ``back``) a
        back-reference from a pronoun or a title. A title that ``opens`` its sentence as the
        subject may name the person the next sentence opens with instead. A group that no
        annotation names speaks by its phrase where it is the verb's subject (``as_subject``)."""
        start, end = _trim(self.plain, start, end)
        if start >= end:
            return None
        found = []
        speakers = self.speakers  # sorted by start: those inside start where the first one does
        for i in range(bisect.bisect_left(speakers, start, key=start_of), len(speakers)):
            a = speakers[i]
            if a.start >= end:
                break
            if (
                a.end <= end
                and not self._in_relative_clause(start, a.start)
                and not _PLACE_BEFORE.search(self.lowered, max(0, a.start - 8), a.start)  # "à New York"
                and not (  # "des dirigeants, au cours d'un sommet consacré à ...": where, not who
                    isinstance(a, Forum)
                    and a.kind == "meeting"
                    and _DURING.search(self.lowered, max(0, a.start - 30), a.start)
                )
            ):
                found.append(a)
        # "the Regional Anti-Terrorist Structure (RATS) said": the name speaks, its acronym beside it
        # is the same one named again
        found = [
            a
            for i, a in enumerate(found)
            if not (
                i
                and _IN_BRACKETS.fullmatch(self.plain, found[i - 1].end, a.start)
                and self.plain.startswith(")", a.end)
            )
        ]
        collective = self.lang.collective.match(self.lowered, start, end)
        if collective is not None:
            # "les chefs d'État de la CEDEAO", "the foreign ministers": a group that speaks as the
            # body it sits for, named in the phrase or, for "the ministers" said after them, the
            # body that spoke or was named last ("several delegates" is no one in particular)
            bodies = [
                a
                for a in found
                if isinstance(a, Forum) or (isinstance(a, Actor) and a.kind == "organisation")
            ]
            if bodies:
                return (bodies[0] if first else bodies[-1]).id
            # "les présidents X du Niger, Y du Tchad ... ont réaffirmé": the members, each named
            named_persons = sum(1 for a in found if _is_person(a))
            states = [a for a in found if isinstance(a, Actor) and a.kind == "state"]
            if states and not named_persons:
                return states[0].id  # "the foreign ministers of Egypt and Jordan": the states they speak for
            members = named_persons > 1
            if as_subject and not found and collective.group("definite"):
                return self._group(collective, start, end, back)
            if back and collective.group("definite") and (members or end - collective.end() < 40):
                return self.last_body(start)
        persons = [a for a in found if isinstance(a, Actor) and a.kind == "person"]
        if persons:
            return (persons[0] if first else persons[-1]).id
        # A name no rule knows outranks the body in the title before it: "the OSCE Deputy
        # Secretary General Marta K. Olsen said", "le directeur de l'ONUDC, Mme X, a estimé"
        person = self._named_person(start, end, outranks=bool(found))
        if person is not None:
            return person or None
        if found and (self.starts_with_title(start, found[0].start) or self._title_after(found[-1].end, end)):
            # "le chef de la diplomatie américaine", "the UN envoy": a person's title, the body
            # only qualifies it
            if not back:
                return None
            return (
                self._holder_of_state_title(start, end, found)
                or self._holder_of_body_title(start, found)
                or self.back_reference(start)
            )
        if found:
            return (found[0] if first else found[-1]).id
        document = _A_DOCUMENT.match(self.lowered, start, end)
        if document is not None:
            # "the report states": the author of the report named before, if it was
            author = self.author_of(document.group("noun"), start)
            return author or (self.back_reference(start) if back else None)
        if not back:
            return None
        forum = self.lang.forum_titles.search(self.lowered, start, end)
        title = self.lang.titles.search(self.lowered, start, end)
        head = _ARTICLE.match(self.lowered, start)
        if forum is not None and (
            forum.start() == (head.end() if head else start)
            or (title is not None and title.start() < forum.start() and self._is_body_title(title.group()))
            or self.lowered.startswith("'s", forum.end())
        ):
            # "la conférence a proposé que ...", "participants agreed", "le communiqué du sommet",
            # "the council's secretariat said": the meeting or body named last
            return self.last_forum(start)
        words = set(_WORD.findall(self.lowered, start, end))
        if words & self.lang.latter_group:
            # "Ces derniers ont convenu que ...": the participants, of the meeting named last
            group = self.last_forum(start) or self.last_body(start)
            if group is not None:
                return group
        if words & self.lang.latter:
            named = self.last_person(start)
            if named is not None:
                return named
        if title and title.group() not in self.lang.not_persons:
            # "le responsable espagnol", "the Kenyan minister": the person named with that word
            qualified = self._person_described(start, title.start(), title.end(), end)
            if qualified is not None:
                return qualified
            named_next = self._person_opening_next_sentence(end) if opens else None
            if named_next is not None:
                return named_next  # "Le ministre belge a insisté sur C. Koen Geens explique : ..."
        opening = _WORD.search(self.lowered, start, end)
        pronoun = opening.group() if opening else None
        inverted = _INVERTED_PRONOUN.search(self.lowered, start, end)
        if inverted is not None and pronoun not in self.lang.pronouns:
            # "« ... », a-t-il averti": the pronoun inside the inverted verb is the subject, and
            # stands for whom a pronoun opening the sentence would ("Il a averti ...", "he warned")
            pronoun = inverted.group().rsplit("-", 1)[1]
        if self.previous_sentence and not title and pronoun in self.lang.person_pronouns:
            subject = self.person_subject(*self.previous_sentence) or self.body_subject(
                *self.previous_sentence
            )
            if subject is not None:
                # "Son homologue, X, a abondé. Il a plaidé ...": X; "La conférence des chefs d'État
                # a condamné C. Elle a félicité ...": the conference
                return subject
        elif self.previous_sentence and not title and pronoun in self.lang.pronouns:
            subject = self.group_subject(*self.previous_sentence)
            if subject is not None:
                return subject  # "Les participants ont échangé. Ils ont noté que ...": the meeting
        if title and title.group() not in self.lang.not_persons and not words & self.lang.person_pronouns:
            # "Le ministre X a reçu le général Y. Le ministre a déclaré ...": the person the text
            # presented with that title; else, "a ajouté l'officier nigérien", the person it
            # presented last, where a pronoun continues the last speaker
            stems = self._title_stems(title.start(), title.end())
            titled = self._person_described(start, title.start(), title.end(), end, stems)
            if titled is not None:
                return titled
            named = self.last_person(start)
            return named or self.back_reference(start, person=True)
        if words & self.lang.person_pronouns:
            return self.back_reference(start, person=True)  # "elle a ajouté"
        if words & self.lang.pronouns or title is not None:
            return self.back_reference(start)
        return None

    def _group(self, collective: Any, start: int, end: int, back: bool) -> str | None:
        """The speaker of a subject that a definite group opens (``les ministres de six pays du
        Sahel ont appelé``, ``selon les responsables de la défense réunis à Kampala``) and no
        annotation names: the group, by its phrase; bare ``the ministers``, the body named last
        (``back``), if any; bare ``the officials``, no one the reader can identify."""
        comma = self.plain.find(",", start, end)
        phrase_end = comma if comma >= 0 else end
        verb = _FIRST_VERB.search(self.lowered, start, min(phrase_end + 1, len(self.lowered)))
        if verb is not None:
            phrase_end = verb.start()  # "ont" in "les ministres ont affirmé"
        adverb = _TRAILING_ADVERB.search(self.lowered, start, phrase_end)
        if adverb is not None:
            phrase_end = adverb.start()  # "also" in "the ministers also reaffirmed"
        phrase_start = _skip_space(self.plain, collective.end("definite"))
        bare = phrase_end - collective.end() < 3 and not _CAPITALISED.search(
            self.plain, phrase_start, collective.start("title")
        )  # "the ministers", not "the Nordic-Baltic ministers"
        if bare and self.lang.anonymous.fullmatch(collective.group("title")):
            return None  # "the officials said": no one the reader can identify
        named_last = self.last_body(start) if back and bare else None
        return named_last or self.named_by_phrase(phrase_start, phrase_end)

    def author_of(self, noun: str, pos: int) -> str | None:
        """The author of the last document called ``noun`` before ``pos`` whose author the text
        names with it: ``An EU counter-terrorism report`` (EU), ``le rapport de l'ONUDC``."""
        at = self.lowered.rfind(noun, 0, pos)
        while at >= 0:
            before = self._ended_before(at)
            for a in before:
                if a.end < at - _AUTHOR_REACH:
                    break
                if not _CLAUSE_BREAK.search(self.plain, a.end, at):
                    # "the Regional Structure (RATS) said in a statement": the name, not its acronym
                    named = next(before, None)
                    if named is not None and _IN_BRACKETS.fullmatch(self.plain, named.end, a.start):
                        return named.id
                    return a.id  # "An EU ... report"
            after = self._first_after(at + len(noun), at + len(noun) + 12)
            if after is not None:
                return after  # "le rapport de l'ONUDC", "the report of the UN"
            at = self.lowered.rfind(noun, 0, at)
        return None

    def _first_after(self, start: int, end: int) -> str | None:
        """The speaker named first after ``start``, if it starts before ``end`` after ``of``,
        ``de``, ``du``..."""
        i = bisect.bisect_left(self.speakers, start, key=start_of)
        if i < len(self.speakers) and self.speakers[i].start < end:
            between = self.lowered[start : self.speakers[i].start]
            if _OF_AN_AUTHOR.fullmatch(between):
                return self.speakers[i].id
        return None

    def _title_stems(self, title_start: int, title_end: int) -> set[str]:
        """The stems of the words a person is presented with that the title at ``title_start``
        names them by: its own (``ministre``: ``minis``), or those it stands for (``le chef de
        l'État``: ``prési``); none for a short word (``chef``), which names too many."""
        at = unaccent(self.lowered[title_start : title_start + 40])  # its apostrophes are plain ones
        for phrase, stems in self.lang.same_titles:
            if at.startswith(phrase):
                return set(stems)
        return {_stem(w) for w in _WORD.findall(self.lowered, title_start, title_end) if len(w) >= 5}

    def _holder_of_state_title(self, start: int, end: int, found: list[Annotation]) -> str | None:
        """Who speaks under the title of a state's office (``le président du Niger``): the person
        presented with that state (``le président nigérien, X``: the stems are the same), else
        the state, which its unnamed officer speaks for, rather than some other person named
        last; None where no state is in the title."""
        state = next((a for a in found if isinstance(a, Actor) and a.kind == "state"), None)
        title = self.lang.titles.search(self.lowered, start, end)
        if state is None or title is None:
            return None
        stems = {_stem(w) for w in _WORD.findall(self.lowered, state.start, state.end) if len(w) >= 5}
        person = self._person_described(start, title.start(), title.end(), end, stems)
        return person or state.id

    def _holder_of_body_title(self, pos: int, found: list[Annotation]) -> str | None:
        """Who speaks under the title of a body's office (``le chef de l'Unesco``, ``the Interpol
        chief``): the person named before ``pos`` whom the text presented with that body (``le
        directeur de l'Unesco, X``, ``X, head of Interpol``), the last of them; None if no body is
        in the title or no person was so presented. The body is known by its mentions' text and
        name, so a title names its holder rather than whoever spoke last."""
        body = next((a for a in found if _is_organisation(a) or isinstance(a, Forum)), None)
        if body is None:
            return None
        names = self._names_of(body)
        for a in self._persons_before(pos):
            # how the text presents them, past the apposition of the person before them ("X,
            # head of Interpol, met Y"), and in an apposition after their own name
            before, apposition = self._presentation(a, past_previous_apposition=True)
            for lo, hi in (before, apposition) if apposition is not None else (before,):
                for b in overlapping(self.speakers, lo, hi, self._longest_speaker):
                    if b is not a and lo <= b.start and b.end <= hi and names & self._names_of(b):
                        return a.id
        return None

    def _persons_before(self, pos: int) -> Iterator[Annotation]:
        """The persons among the twenty mentions ending before ``pos``, the nearest first."""
        for n, a in enumerate(self._ended_before(pos)):
            if n == 20:
                break
            if _is_person(a):
                yield a

    def _presentation(
        self, a: Annotation, past_previous_apposition: bool = False
    ) -> tuple[tuple[int, int], tuple[int, int] | None]:
        """Where the text presents the person ``a``: the span before the name since the person
        named before (80 characters at most; past that person's own apposition too, if asked),
        and the apposition after the name (``, ministre espagnol de l'Intérieur,``), if any."""
        speakers = self.speakers
        i = bisect.bisect_left(speakers, a.start, key=start_of)
        before = next((b.end for b in reversed(speakers[max(0, i - 5) : i]) if _is_person(b)), 0)
        if past_previous_apposition and before:
            previous = _APPOSITION.match(self.plain, before)
            if previous is not None and previous.end(1) <= a.start:
                before = previous.end(1)
        apposition = _APPOSITION.match(self.plain, a.end)
        return (max(a.start - 80, before, 0), a.start), apposition.span(1) if apposition is not None else None

    def _respectively(self) -> dict[str, tuple[int, int]]:
        """For each of two persons named together (``X et Y``, ``X and Y``), the span the text
        then presents them with, respectively: the first or second of two states joined the
        same way (``les présidents du Mozambique et du Rwanda``), or of two qualities of their
        shared title (``les présidents mozambicain et rwandais``), within a short reach."""
        if self._respective is not None:
            return self._respective
        self._respective = {}
        speakers = self.speakers
        for a, b in itertools.pairwise(speakers):
            if not (_is_person(a) and _is_person(b) and _PAIR_JOIN.fullmatch(self.plain, a.end, b.start)):
                continue
            reach = min(len(self.plain), b.end + _PAIR_REACH)
            after = [
                s for s in overlapping(speakers, b.end, reach, self._longest_speaker) if s.start >= b.end
            ]
            states = [s for s in after if isinstance(s, Actor) and s.kind == "state"][:2]
            if len(states) == 2 and _STATES_JOIN.fullmatch(self.lowered, states[0].end, states[1].start):
                self._respective[a.id] = (states[0].start, states[0].end)
                self._respective[b.id] = (states[1].start, states[1].end)
                continue
            qualities = _PAIRED_QUALITIES.search(self.lowered, b.end, reach)
            if qualities is not None:
                first, second = (1, 2) if qualities.group(1) else (3, 4)
                self._respective[a.id] = qualities.span(first)
                self._respective[b.id] = qualities.span(second)
        return self._respective

    def _names_of(self, a: Annotation) -> set[str]:
        """The lowercased text of a speaker's mention, and its canonical name if it has one."""
        names = {self.document.text[a.start : a.end].lower()}
        for name in (getattr(a, "name", None), getattr(a, "canonical", None)):
            if name:
                names.add(name.lower())
        return names

    def _person_opening_next_sentence(self, pos: int) -> str | None:
        """The person the sentence after the one at ``pos`` opens with, named (``... entre les 28.
        Koen Geens explique``), or None."""
        end = _SENTENCE_END.search(self.plain, pos, min(len(self.plain), pos + _NEXT_SENTENCE_REACH))
        if end is None:
            return None
        at = end.end()
        i = bisect.bisect_left(self.speakers, at, key=start_of)
        if i < len(self.speakers) and self.speakers[i].start == at:
            return self.speakers[i].id if _is_person(self.speakers[i]) else None
        name = _PERSON.match(self.document.text, at)
        if name is None or len(name.group().split()) < 2 or self.lang.not_a_name(name.group().split()[0]):
            return None
        person = self.new_person(at, name.end())
        return person.id if person is not None and _is_person(person) else None

    def _person_described(
        self, pos: int, title_start: int, title_end: int, end: int, qualifiers: set[str] | None = None
    ) -> str | None:
        """The person named before ``pos`` in whose presentation a word that qualifies the title
        here appears too (``espagnol`` in ``le responsable espagnol``, after ``le ministre espagnol
        de l'Intérieur, X``; ``Kenyan`` in ``the Kenyan official``), or None. Of several, the one
        the word stands nearest to (``le président français X ... avec son homologue irakien, Y``
        presents X as French, though ``français`` comes before Y too); then the last. Words are
        compared by their first five letters (``qualifiers`` if given), so ``nigérien`` qualifies
        as ``Niger`` does."""
        if qualifiers is None:
            in_title = set(_WORD.findall(self.lowered, title_start, title_end))
            qualifiers = {
                _stem(w)
                for w in _WORD.findall(self.lowered, max(0, title_start - 12), end)
                if len(w) >= 5 and w not in in_title and w not in self.lang.pronouns
            }
        if not qualifiers:
            return None
        best: tuple[int, str] | None = None  # (how many words from the name, which person)
        for a in self._persons_before(pos):
            # how the text presents them, not what follows it
            before, apposition = self._presentation(a)
            words = _WORD.findall(self.lowered, *before)
            distances = [len(words) - k for k, w in enumerate(words) if _stem(w) in qualifiers]
            if apposition is not None:
                after = _WORD.findall(self.lowered, *apposition)
                distances += [k + 1 for k, w in enumerate(after) if _stem(w) in qualifiers]
            paired = self._respectively().get(a.id)
            if paired is not None and any(
                _stem(w) in qualifiers for w in _WORD.findall(self.lowered, *paired)
            ):
                distances.append(1)  # "X et Y, les présidents du Mozambique et du Rwanda": X is Mozambique's
            if distances and (best is None or min(distances) < best[0]):
                best = (min(distances), a.id)
        return best[1] if best is not None else None

    def _named_person(self, start: int, end: int, outranks: bool) -> str | None:
        """A person named in ``text[start:end]`` that no mention covers: a name after a title or
        an honorific, or, unless it ``outranks`` a body named there too, a name of two words or
        more or a name that is the whole region; ``""`` if the first name is a mention's (a
        group's, a programme's): no one speaks there."""
        region = self.document.text[start:end]
        for m in _PERSON.finditer(region):
            words = m.group().split()
            # the name starts after the last title, pronoun or function word of the match
            # ("Deputy Secretary General Marta K. Olsen", "Ambassador Olsen", "The Chair")
            cut = max((i + 1 for i, w in enumerate(words) if self.lang.not_a_name(w)), default=0)
            name = words[cut:]
            if not name or " ".join(name).isupper():
                continue
            n_start = start + m.start() + (m.group().index(name[0]) if cut else 0)
            n_end = start + m.end()
            if _PLACE_BEFORE.search(self.lowered, max(0, n_start - 8), n_start):
                continue  # "à New York", "in Manchester": a place
            if self._in_relative_clause(start, n_start):
                continue  # "Le Rwanda, qui a déployé ... à Cabo Delgado, a plaidé"
            alone = region.strip(" ,.") == m.group()  # ", Smith said": the whole subject is one name
            titled = (
                any(self.lang.is_title(w) for w in words[:cut])
                or self._title_ends_at(n_start)
                or (len(name) == 1 and self._surname_of_a_person(name[0], n_start))
            )
            if not (titled or _HONORIFIC_AT.match(m.group()) or (not outranks and (alone or len(name) > 1))):
                continue
            if len(name) == 1 and self.lang.anonymous.fullmatch(self.lowered, n_start, n_end):
                continue  # "Analysts said": a capital that opens the sentence, no one in particular
            if any(True for _ in overlapping(self.speakers, n_start, n_end, self._longest_speaker)):
                continue  # a body or a state the mentions know
            if any(True for _ in overlapping(self.mentions, n_start, n_end, self._longest_mention)):
                if outranks:
                    continue
                return ""  # a group, a programme: the name is no person, and no one else's
            if not (titled or _HONORIFIC_AT.match(m.group())) and self._in_title_case_line(n_start):
                return None  # "Secretary-General Commends Forum's 'Steady Progress'": a headline's capitals
            return self.add_speaker(n_start, n_end, "person").id
        return None

    def _in_title_case_line(self, pos: int) -> bool:
        """Whether ``pos`` is on a line in title case (a headline: most of its longer words
        capitalised), where capitals say nothing of a name."""
        text = self.plain
        newline = text.rfind("\n", max(0, pos - 400), pos)
        if newline < 0 and pos > 400:
            return False  # a headline is short: no line start near, no headline
        lo = newline + 1
        found = self._title_case_lines.get(lo)
        if found is None:  # once per line
            hi = text.find("\n", pos, lo + 400)
            hi = min(len(text), lo + 400) if hi < 0 else hi
            words = [w for w in _WORD.findall(text, lo, hi) if len(w) >= 4]
            found = len(words) >= 5 and sum(w[0].isupper() for w in words) >= 0.7 * len(words)
            self._title_case_lines[lo] = found
        return found

    def _surname_of_a_person(self, word: str, pos: int) -> bool:
        """Whether ``word`` ends the name of a person named before ``pos`` (``Voronkov`` after
        ``Vladimir Voronkov``)."""
        first = self._surnames.get(word)
        return first is not None and first <= pos

    def _title_ends_at(self, pos: int) -> bool:
        """Whether a person's title ends right before ``pos``: ``the minister Tom Hale``."""
        words = _WORD.findall(self.lowered, max(0, pos - 30), pos)
        return bool(words) and self.lang.is_title(words[-1])

    def _is_body_title(self, word: str) -> bool:
        return word in self.lang.body_titles

    def after(self, pattern: Any, pos: int) -> bool:
        """Whether ``pattern`` (anchored at its end) matches the few words right before ``pos``."""
        return pattern.search(self.lowered, max(0, pos - 12), pos) is not None

    def names_in(self, start: int, end: int) -> bool:
        """Whether ``text[start:end]`` names someone: a speaker the mentions know, or a capitalised
        word (``selon un communiqué du département d'État``, ``a report by Tech Against Terrorism``)."""
        if any(True for _ in overlapping(self.speakers, start, end, self._longest_speaker)):
            return True
        return _CAPITALISED.search(self.document.text, start, end) is not None

    def no_one_named(self, start: int, end: int) -> bool:
        """Whether ``text[start:end]`` opens with a source no one can identify (``un officier``,
        ``officials``) and names no one."""
        return self.lang.anonymous.match(
            self.lowered, _skip_space(self.plain, start)
        ) is not None and not self.names_in(start, end)

    def named_body(self, start: int, end: int) -> str | None:
        """A body named by a capitalised name that no mention knows, as the source of ``selon X``
        or ``according to a report by X``: a new organisation Actor."""
        for m in _BODY_NAME.finditer(self.document.text, start, end):
            words = m.group().split()
            if self.lang.not_a_name(words[0]) or _PLACE_BEFORE.search(
                self.lowered, max(0, m.start() - 8), m.start()
            ):
                continue
            if any(True for _ in overlapping(self.mentions, m.start(), m.end(), self._longest_mention)):
                return None
            return self.add_speaker(m.start(), m.end(), "organisation").id
        return None

    def last_body(self, pos: int) -> str | None:
        """The last speaker if it is a body, else the last organisation or Forum named before
        ``pos`` (not a state: a group of its members speaks for the body, not for one country)."""
        last = self.speaker(self.last_speaker)
        if last is not None and (isinstance(last, Forum) or _is_organisation(last)):
            return last.id
        meeting = None  # a meeting named last stands for its members only if no body is named
        for a in self._ended_before(pos):
            if _is_organisation(a) or (isinstance(a, Forum) and a.kind != "meeting"):
                return a.id
            if meeting is None and isinstance(a, Forum):
                meeting = a.id
        return meeting

    def last_forum(self, pos: int) -> str | None:
        return next((a.id for a in self._ended_before(pos) if isinstance(a, Forum)), None)

    def last_person(self, pos: int) -> str | None:
        """The last person named before ``pos``."""
        return next((a.id for a in self._ended_before(pos) if _is_person(a)), None)

    def _ended_before(self, pos: int) -> Iterator[Annotation]:
        """The speakers that end at or before ``pos``, the last (by start) first."""
        speakers = self.speakers
        for i in range(bisect.bisect_left(speakers, pos, key=start_of) - 1, -1, -1):
            if speakers[i].end <= pos:
                yield speakers[i]

    def subject_before(self, s_start: int, cue_start: int) -> str | None:
        """The subject of a speech verb: the first speaker named before it in the sentence.

        A sentence-initial adverbial (``Lors de la réunion à Rabat,``) is skipped, and so is an
        opening participle with its object (``Évoquant les projets de X,``, ``Speaking at Y,``)."""
        start = s_start
        lead = self.lang.leading.match(self.lowered, s_start)
        comma = self.plain.find(",", s_start, cue_start)
        relayed = next((c for c in self.cues_in(s_start, cue_start) if c.role == "source"), None)
        # "Évoquant l'avenir, le chef de X a affirmé", "Speaking at the summit, the envoy said":
        # a participle opening the sentence, then its object, is an adverbial too
        participle = _OPENING_PARTICIPLE.match(self.plain, s_start)
        if (
            lead is not None
            or participle is not None
            or (relayed is not None and not self.plain[s_start : relayed.start].strip())
        ) and (comma > 0):
            start = comma + 1  # "Lors de la réunion, X a dit", "Selon l'agence APS, X a dit"
        # "Le G5 Sahel sort affaibli de la séquence : le Mali a annoncé ...": a clause of its own
        start = max(
            start, self.plain.rfind(":", start, cue_start) + 1, self.plain.rfind(";", start, cue_start) + 1
        )
        relative = self.lang.relative_subject.search(self.lowered, start, cue_start)
        if relative is not None:  # "he quoted X, who said in Kabul that": X speaks
            before = max(self.plain.rfind(",", start, relative.start()) + 1, start)
            antecedent = self.speaker_in(before, relative.start(), first=False, back=False)
            if antecedent is not None:
                return antecedent
        comma = self.plain.find(",", start, cue_start)
        relative_clause = comma > 0 and self.lang.relative.match(
            self.lowered, _skip_space(self.plain, comma + 1)
        )
        # where a relative clause after the subject closes: a conjunction inside it ("X, who spoke
        # after meeting Y, said") is not the speech verb's
        closed = self.plain.find(",", comma + 1, cue_start) if relative_clause else -1
        # "the initiative was approved after its President X said": the subject of the clause
        # the speech verb is in, after the last subordinating conjunction
        for sub in reversed(
            list(self.lang.subordinators.finditer(self.lowered, max(start, closed), cue_start))
        ):
            found = self.speaker_in(sub.end(), cue_start, back=False)
            if found is not None:
                return found
            break
        if relative_clause:
            # "the UN envoy, who arrived on Monday, said": the subject ends where its relative
            # clause starts
            return self.speaker_in(start, comma, as_subject=True)
        return self._apposed_to_a_title(start, cue_start) or self.speaker_in(
            start, cue_start, opens=True, as_subject=True
        )

    def _apposed_to_a_title(self, start: int, cue_start: int) -> str | None:
        """The person named between commas after a subject that is a title (``Le conseiller du
        président X, Y, a indiqué``; ``L'adjoint de M. X au ministère, Y, a dit``): the title's
        holder, not the person its complement names."""
        close = self.plain.rfind(",", start, cue_start)
        if close < 0 or not _AUXILIARY.fullmatch(self.plain[close + 1 : cue_start].strip()):
            return None
        opening = self.plain.rfind(",", start, close)
        if opening < 0 or not self.starts_with_title(start, opening):
            return None
        person = self.speaker_in(opening + 1, close, back=False)
        return person if _is_person(self.speaker(person)) else None

    def starts_with_title(self, start: int, before: int) -> bool:
        head = _ARTICLE.match(self.lowered, start)
        title = self.lang.titles.match(self.lowered, head.end() if head else start)
        return (
            title is not None
            and title.end() <= before
            and self.lowered[title.start() : title.end()] not in (self.lang.body_titles)
        )

    def _title_after(self, pos: int, end: int) -> bool:
        """Whether a person's title of a few words ends ``text[pos:end]``: the ``envoy`` of ``the UN
        envoy``, the ``foreign policy chief`` of ``the EU's foreign policy chief``."""
        words = _WORD.findall(self.lowered, pos, end)
        return (
            0 < len(words) <= 4
            and not self.plain[pos:end].lstrip().startswith((",", "(", ")"))
            and self.lang.is_title(words[-1])
            and words[-1] not in self.lang.body_titles
        )

    def person_subject(self, s_start: int, s_end: int) -> str | None:
        """The person a sentence is about: the subject named before its first verb (``Son
        homologue ghanéen, Nana Kofi, a abondé``) or before its first quotation (``Pour la
        présidente, Aïssata Bah, « ... »``); None if no person is named there, or if the
        sentence opens with a quotation mark: the persons named in what someone said are not who
        a pronoun after it stands for."""
        if self.plain.startswith(_OPENING_MARKS, s_start):
            return None
        verb = _FIRST_VERB.search(self.lowered, s_start, s_end)
        end = verb.start() if verb is not None else s_end
        quote = _QUOTE_OPEN.search(self.plain, s_start, end)
        if quote is not None:
            end = quote.start()
        for a in overlapping(self.speakers, s_start, end, self._longest_speaker):
            if a.end <= end and _is_person(a) and not self._in_relative_clause(s_start, a.start):
                return a.id  # the persons known here: a look-up, no new person made
        return None

    def body_subject(self, s_start: int, s_end: int) -> str | None:
        """The body a sentence is about: the Forum or organisation that opens it, before its first
        verb (``La conférence des chefs d'État de la CEEAC a condamné``); None if the sentence
        opens otherwise (a state is as often where its minister speaks: ``La France ... Il``)."""
        verb = _FIRST_VERB.search(self.lowered, s_start, s_end)
        if verb is None:
            return None
        start = _skip_space(self.plain, s_start)
        head = _ARTICLE.match(self.lowered, start)
        for a in overlapping(self.speakers, start, verb.start(), self._longest_speaker):
            opens = a.start == (head.end() if head is not None else start)
            body = isinstance(a, Forum) or _is_organisation(a)
            return a.id if opens and a.end <= verb.start() and body else None
        return None

    def group_subject(self, s_start: int, s_end: int) -> str | None:
        """Who a plural pronoun opening the next sentence stands for: the subject of this one,
        named before its first verb, if it names a group (``les participants``, ``the ministers``)
        or bodies; None if it names neither."""
        verb = _FIRST_VERB.search(self.lowered, s_start, s_end)
        if verb is None:
            return None
        start = max(s_start, self.plain.rfind(",", s_start, verb.start()) + 1)  # after an adverbial
        start = _skip_space(self.plain, start)
        if not (
            self.lang.collective.match(self.lowered, start, verb.start())
            or self.lang.forum_titles.search(self.lowered, start, verb.start())
            or any(True for _ in overlapping(self.speakers, start, verb.start(), self._longest_speaker))
        ):
            return None
        return self.speaker_in(start, verb.start(), as_subject=True)

    def back_reference(self, pos: int, person: bool = False) -> str | None:
        """The last speaker; for a ``person`` (``elle``, ``the minister``), the last speaker if
        a person, else the last person named before ``pos``."""
        if person:
            last = self.speaker(self.last_speaker)
            if not _is_person(last):
                named = self.last_person(pos)
                if named is not None:
                    return named
        if self.last_speaker is not None:
            return self.last_speaker
        return self.last_person(pos) or next((a.id for a in self._ended_before(pos)), None)

    def add(self, start: int, end: int, speaker: str | None, cue: str | None, mode: str) -> None:
        start, end = _trim(self.document.text, start, end, strip_final=True)
        if start >= end or (start, end) in self._spans_said:
            return  # "according to a UN report": two cues, one statement
        if speaker is not None and speaker.startswith(_PHRASE):
            phrase_start, phrase_end = map(int, speaker[len(_PHRASE) :].split(":"))
            name = self.document.text[phrase_start:phrase_end]
            self.builder.add(Statement, start, end, speaker_name=name, cue=cue, mode=mode)
        else:
            self.builder.add(Statement, start, end, speaker=speaker, cue=cue, mode=mode)
        self.said.append((start, end))
        self._spans_said.add((start, end))
        if speaker is not None:
            self.last_speaker = speaker
        self.last_cue = cue


def _annotated(speaker: str | None) -> bool:
    """Whether a speaker is an annotation, not None or a group named by a phrase only: such a
    group (``the officials``, ``les experts``) is no identifiable source for anonymity and
    infinitive checks."""
    return speaker is not None and not speaker.startswith(_PHRASE)


def _stem(word: str) -> str:
    """A word's first five letters, unaccented: ``nigérien`` and ``Niger`` share theirs."""
    return unaccent(word[:5])


def _comma_parts(text: str, start: int, end: int, most: int) -> Iterator[tuple[int, int]]:
    """The first ``most`` parts of ``text[start:end]`` between commas (empty ones left out)."""
    while most:
        comma = text.find(",", start, end)
        stop = comma if comma >= 0 else end
        if text[start:stop].strip():
            yield start, stop
            most -= 1
        if comma < 0:
            return
        start = comma + 1


def _is_organisation(a: Annotation | None) -> bool:
    return isinstance(a, Actor) and a.kind == "organisation"


_AS_WORD = re.compile(r"\b(?:comme|ainsi|tel|as)\b")
"""A cheap first test of ``_AS_SAID`` (the standard library's plain scan)."""
_AS_SAID = compile_pattern(
    r"\m(?:comme|ainsi\s+que|tel\s+qu['’]|as)\s+(?:(?:il|cela)\s+(?:a\s+été|l['’]a\s+été)\s+|(?:previously|already|déjà)\s+)?$"
)
"""``Comme annoncé``, ``as announced``: the narrator refers to what was said, which is no
statement here (but ``quoted X as saying C`` reports C)."""
_PREPOSITION_OPENS = compile_pattern(
    r"(?:dans|en|à|au|aux|pour|par|lors|après|avant|depuis|sur|sous|avec|d['’]ici|jusqu|in|on|at|for|with|under|"
    r"during|after|before|since|within|as|by|from|to|amid|over)\M"
)
"""A preposition that opens an adjunct: what follows it goes on with the clause before."""
_WHEN_ANOTHER_SPOKE = compile_pattern(
    r",\s+(?:just\s+|only\s+)?(?:(?:a|one|two|three|several|a\s+few|\d+)\s+(?:days?|weeks?|hours?|months?)\s+)?"
    r"(?:after|before)\s|,\s+(?:au\s+lendemain\s+d|[àa]\s+la\s+veille\s+d|la\s+veille\s+d|peu\s+(?:après|avant)\s|"
    r"(?:quelques|deux|trois|\d+)\s+(?:jours|heures|semaines)\s+(?:après|avant)\s)"
)
"""A time clause after the content, before another speech verb: ``, a day after X declared``,
``, au lendemain de l'annonce par X``. What it tells is another statement, not more of this one."""


def _is_person(a: Annotation | None) -> bool:
    return isinstance(a, Actor) and a.kind == "person"


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
        datelines = wire_datelines(document.text)
        for s_start, s_end in sentences(document.text):
            # a story's first sentence starts after its dateline
            self._sentence(ctx, datelines.get(s_start, s_start), s_end)
        self._reproduced(ctx)
        return [ctx.builder.build()]

    def _reproduced(self, ctx: _Context) -> None:
        """A text reproduced after a paragraph that announces it (``Following is X's message:``,
        ``les ministres ont adopté la déclaration suivante``): each paragraph after it that holds
        no statement yet is one of its author's, as the guidelines have a declaration
        reproduced without quotation marks."""
        text = ctx.plain
        blind = _case_blind(ctx.lowered)
        if (
            not any(p in blind for p in ctx.lang.reproduced_phrases)
            or ctx.lang.reproduced.search(ctx.lowered) is None
        ):
            return  # most texts announce none: a look for the phrases, not a search per paragraph
        lines = list(paragraphs(ctx.document.text))
        for n, (p_start, p_end) in enumerate(lines):
            marker = ctx.lang.reproduced.search(ctx.lowered, p_start, p_end)
            if marker is None:
                continue
            noun = _DOCUMENT_NOUN.search(ctx.lowered, marker.start(), p_end)
            if noun is None:
                return
            # "Following is X's message": its author is named before the noun; "les ministres ...
            # ont adopté la déclaration suivante": the group, or the subject of the verb before it
            groups = list(ctx.lang.collective.finditer(ctx.lowered, p_start, marker.start()))
            group = groups[-1] if groups else None
            author = (
                ctx.speaker_in(marker.end(), noun.start(), back=False)
                or (ctx.speaker_in(group.start(), marker.start()) if group is not None else None)
                or ctx.subject_before(p_start, marker.start())
            )
            if author is None:
                return
            said = sorted(ctx.said)
            for start, end in lines[n + 1 :]:
                if end - start < _SHORT_LINE or _LINE_BREAKS.search(text, start, end) is None:
                    continue  # a heading, a date, a signature
                i = bisect.bisect_left(said, (start, start))
                if i < len(said) and said[i][0] < end:
                    continue  # its own quotes and reported speech say who speaks there
                ctx.add(start, end, author, text[noun.start() : noun.end()].lower(), "direct")
            return

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
        # of the cues that end together, the longest: "s'est-il félicité" is one cue, not "félicité" too
        longest: dict[int, tuple[int, int, tuple[str, str]]] = {}
        for found in ctx.lang.cues.find(ctx.lowered):
            if found[1] not in longest or found[0] < longest[found[1]][0]:
                longest[found[1]] = found
        ctx.cues = [_Cue(s, e, lemma, role) for s, e, (lemma, role) in longest.values()]
        ctx.cue_starts = [c.start for c in ctx.cues]
        return ctx

    def _sentence(self, ctx: _Context, s_start: int, s_end: int) -> None:
        if ctx.lowered.find("anonym", s_start, s_end) >= 0 and _ANONYMITY.search(ctx.lowered, s_start, s_end):
            # "said a U.S. official, who spoke on condition of anonymity": no identifiable source
            ctx.previous_sentence = (s_start, s_end)
            return
        sentence_quotes = []
        for q in quotes(ctx.document.text, s_start, s_end):
            if ctx.after(ctx.lang.title_marker, q.open):
                ctx.titles.append(q)  # "sous le thème « ... »", "a plan dubbed '...'": a name, not speech
            else:
                sentence_quotes.append(q)
        if not sentence_quotes and self._split_by_an_incise(ctx, s_start, s_end):
            ctx.previous_sentence = (s_start, s_end)
            return
        indirect = self._indirect(ctx, s_start, s_end, sentence_quotes)
        pending: list[Quote | _Reported] = [q for q in sentence_quotes if not _within(q, indirect)]
        for item in sorted([*pending, *indirect], key=lambda item: item.start):
            if isinstance(item, Quote):
                self._direct(ctx, item, s_start, s_end)
            else:
                mode = "mixed" if item.has_quote else "indirect"
                ctx.add(item.start, item.end, item.speaker, item.cue.lemma, mode)
        ctx.previous_sentence = (s_start, s_end)

    def _split_by_an_incise(self, ctx: _Context, s_start: int, s_end: int) -> bool:
        """``A, a-t-il ajouté, B.`` with no quotation marks: what was said, broken by its
        inverted incise, is two statements of the incise's speaker, as a quote broken so is;
        False if the sentence is not so made."""
        if ctx.plain.find("-", s_start, s_end) < 0:
            return False  # every such incise holds a hyphen (-t-il, -elles): most sentences none
        inner = _INNER_INCISE.search(ctx.plain, s_start, s_end)
        if inner is None or "-t-on" in ctx.lowered[inner.start() : inner.end()]:
            return False  # "a-t-on appris": no one speaks
        cues = [c for c in ctx.cues_in(inner.start(), inner.end()) if c.role != "source"]
        before = ctx.plain[s_start : inner.start()].strip()
        after = ctx.plain[inner.end() : s_end].strip(" .")
        if not cues or len(_WORD.findall(before)) < 2 or len(_WORD.findall(after)) < 3:
            return False
        speaker = ctx.speaker_in(inner.start(), inner.end())
        self._record(ctx, s_start, inner.start(), speaker, cues[0], "indirect")
        self._record(ctx, inner.end(), s_end, speaker, cues[0], "indirect")
        return True

    # -- direct speech ---------------------------------------------------------------------------

    def _direct(self, ctx: _Context, q: Quote, s_start: int, s_end: int) -> None:
        text = ctx.document.text
        inner = _INNER_INCISE.search(ctx.plain, q.start, q.end)
        cues = ctx.cues_in(inner.start(), inner.end()) if inner is not None else []
        if inner is not None and cues and inner.start() - q.start > 2 and q.end - inner.end() > 2:
            # « A, a-t-il souligné, B »: two statements with the incise's speaker, as «A», a-t-il
            # dit, «B» is
            speaker = ctx.speaker_in(inner.start(), inner.end())
            self._record(ctx, q.start, inner.start(), speaker, cues[0], "direct")
            self._record(ctx, inner.end(), q.end, speaker, cues[0], "direct")
            return
        sentences_in_it = ctx.plain.find(". ", q.start, q.end) >= 0  # most quotations are one sentence
        for named in (
            _INNER_NAMED_INCISE.finditer(ctx.plain, q.start + 3, q.end - 3, overlapped=True)
            if sentences_in_it
            else ()
        ):
            cues = ctx.cues_in(named.start("cue"), named.end("cue"))
            speaker = ctx.speaker_in(named.end("cue"), named.end("who"), back=False) if cues else None
            if speaker is not None:  # « A, explique X, titre. B »: two statements of X
                self._record(ctx, q.start, named.start(), speaker, cues[0], "direct")
                self._record(ctx, named.end(), q.end, speaker, cues[0], "direct")
                return
        words = len(_WORD.findall(text, q.start, q.end))
        introduced = text[s_start : q.open].rstrip().endswith(":")
        alone = not text[s_start : q.open].strip() and not text[q.close + 1 : s_end].strip(" .")
        # "Réitérant l'appel du Secrétaire général à exploiter « C », M. X a déclaré : ...": a
        # quote inside the participle that opens the sentence is the participle's, not the
        # speaker's of the main verb after it
        in_participle = (
            _OPENING_PARTICIPLE.match(ctx.plain, s_start) is not None
            and "," not in ctx.plain[s_start : q.open]
        )
        speaker, cue = (None, None) if in_participle else self._speaker_after(ctx, q.close + 1, s_end)
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
            said_so = _SAID_SO_NEXT.match(ctx.plain, s_end)
            if said_so is not None:
                # « ... ». C'est en ces termes que s'est exprimé X: the next sentence names its speaker
                speaker = ctx.speaker_in(said_so.start("who"), said_so.end("who"), back=False)
                if speaker is not None:
                    ctx.add(q.start, q.end, speaker, _SAID_SO_LEMMA[said_so.group("verb").lower()], "direct")
                    return
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

    def _speaker_after(
        self, ctx: _Context, pos: int, s_end: int, quotes_on: int = 2
    ) -> tuple[str | None, _Cue | None]:
        """An incise after a quote: ``, a-t-il ajouté``, ``, a déclaré M. X``, ``, he said``; or,
        if the next quote follows after a few words of the narrator's and before any cue
        (``« A », le port repris en août, « B », a-t-il rappelé``), the incise after that one
        (up to ``quotes_on`` quotes on)."""
        window_end = min(s_end, pos + 200)
        stop = _QUOTE_OPEN.search(ctx.plain, pos, window_end)
        if stop:
            window_end = stop.start()
        found = ctx.cues_in(pos, window_end)
        if not found:
            if stop is None or not quotes_on or ends_a_sentence(ctx.plain, pos, stop.start()):
                return None, None
            following = next(quotes(ctx.document.text, stop.start(), s_end), None)
            if following is None or following.open != stop.start():
                return None, None
            return self._speaker_after(ctx, following.close + 1, s_end, quotes_on - 1)
        cue = found[0]
        gap = ctx.plain[pos : cue.start]
        if len(gap) > 80 or ends_a_sentence(ctx.plain, pos, cue.start):
            return None, None
        subject = gap.strip(" ,-\u00a0\u202f")
        if "," in subject and _AUXILIARY.fullmatch(subject.rsplit(",", 1)[1].strip()):
            # "« A », que seule la coopération peut éradiquer, a déclaré X": the narrator's words
            # on the quote, then the inverted incise
            subject = ""
        if cue.role != "source" and ctx.after(ctx.lang.noun_determiner, cue.start):
            # "« ... », the report states": the cue's word is a noun, the subject that speaks
            return ctx.speaker_in(pos, cue.end, first=False), cue
        if subject and not _AUXILIARY.fullmatch(subject):
            return ctx.speaker_in(pos, cue.start, first=False), cue
        if _INVERTED_PRONOUN.search(ctx.lowered, cue.start, cue.end):
            return ctx.speaker_in(cue.start, cue.end), cue  # "s'est-il félicité": the pronoun's
        after = _SUBJECT_AFTER.match(ctx.plain, cue.end, window_end)
        end = after.end() if after else cue.end
        comma = ctx.plain.find(",", cue.end + 1, end)
        speakers = ctx.speakers
        lo = bisect.bisect_right(speakers, comma, key=start_of)
        hi = bisect.bisect_left(speakers, end, key=start_of)
        named_later = any(isinstance(a, Actor) and a.kind == "person" for a in speakers[lo:hi])
        before_comma = ctx.speaker_in(cue.end, comma, back=False) if comma > 0 else None
        a_title_s_qualifier = before_comma is None or not _is_person(ctx.speaker(before_comma))
        if comma > 0 and not (named_later and a_title_s_qualifier):
            # ", a déclaré le ministre X, à l'ouverture ...", ", poursuit la source, citant ...": the
            # subject ends at the comma, unless a person is named after it (", la ministre, Y,",
            # "said Kenya's Interior Minister, John Kamau": the country only qualifies the title)
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
            apposed = _apposed_person(ctx, comma, pos) if comma > 0 else None
            if apposed is not None:  # "pour la ministre belge, Annelies Verlinden, « ..."
                return apposed[0], cue
            speaker = ctx.speaker_in(cue.end, comma if comma > 0 else pos, back=False)
            if speaker is None and comma > 0:  # "pour la ministre belge, Annelies Verlinden « ..."
                speaker = ctx.speaker_in(comma + 1, pos, back=False)
            if speaker is None and not _WORD.search(ctx.plain, cue.end, comma if comma > 0 else pos):
                speaker = ctx.speaker_in(cue.start, comma if comma > 0 else pos)  # "pour lui, « ..."
            return speaker or ctx.speaker_in(cue.end, comma if comma > 0 else pos), cue
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
        inner: list[tuple[int, int]] = []  # content cut before a source's closing incise
        for cue in ctx.cues_in(s_start, s_end):
            if _inside_quote(inside, cue.start) or (out and cue.start < out[-1].end):
                continue
            if _after_quote(text, max(s_start, cue.start - 40), cue.start, ctx.titles):
                continue  # the incise of a direct quote: handled with the quote
            if (
                _AS_WORD.search(ctx.lowered, max(s_start, cue.start - 30), cue.start)
                and _AS_SAID.search(ctx.lowered, max(s_start, cue.start - 30), cue.start)
                and not _PARTICIPLE.search(text, cue.start, cue.end)
            ):
                continue  # "Comme annoncé lors de la conférence, X ...": the narrator's reference
            if _PARTICIPLE.search(text, cue.start, cue.end) and not text[s_start : cue.start].strip():
                # "Réitérant son soutien, M. X a déclaré ...", "Warning against C, he quoted ...":
                # the participle's content runs to the comma, its subject is the main clause's
                found = self._opening_participle(ctx, cue, s_end)
            elif cue.role != "source" and ctx.after(ctx.lang.noun_determiner, cue.start):
                continue  # "à la demande de X", "une annonce", "the report": a noun, not a speech verb
            elif ctx.after(ctx.lang.passive, cue.start) and not _AGENT.match(ctx.lowered, cue.end):
                continue  # "a été condamné à dix ans": its subject does not speak, and no agent does
            else:
                found = self._clause(ctx, cue, s_start, s_end, inside)
            if found is None:
                continue
            c_start, c_end, speaker = found
            if (
                out
                and _PARTICIPLE.search(text, cue.start, cue.end)
                and text[: cue.start].rstrip().endswith(",")
            ):
                # "il a fait savoir que C, relevant D": the participle says more of the same speaker
                speaker = out[-1].speaker
            c_end = self._before_coordinated_cue(ctx, c_start, c_end)
            c_start, c_end = _trim(ctx.document.text, c_start, c_end, strip_final=True)
            medium = _MEDIUM_AT_END.search(ctx.plain, c_start, c_end)
            if medium is not None and medium.start() > c_start:
                c_end = medium.start()  # "a condamné l'attaque dans un communiqué": where, not what
            cut = self._before_closing_incise(ctx, c_start, c_end)
            if cut < c_end:
                inner.append((c_start, cut))
                c_end = cut
            # the object all quoted ("a affirmé que « C »"): the words between the marks
            whole = next(
                (q for q in sentence_quotes if c_start in (q.open, q.start) and q.close == c_end - 1), None
            )
            if whole is not None:
                c_start, c_end = whole.start, whole.end
            if c_end - c_start < 3:
                continue
            mode = "mixed" if _holds_quote(sentence_quotes, c_start, c_end) else "indirect"
            # refined here, not when recorded: a statement cut short leaves the cues after it free
            c_start, c_end, speaker = self.refine(ctx, _Found(c_start, c_end, speaker, cue, mode))
            if not _annotated(speaker) and (
                ctx.after(ctx.lang.bare_infinitive, cue.start)
                or (
                    not ctx.lang.english
                    and not text[s_start : cue.start].strip()
                    and _INFINITIVE_CUE.fullmatch(text, cue.start, cue.end)
                )
            ):
                # an infinitive no one says: "l'urgence de considérer la situation", "pour relever",
                # a heading "Insister sur la prévention"
                continue
            out.append(_Reported(c_start, c_end, speaker, cue, _holds_quote(sentence_quotes, c_start, c_end)))
        # "Les ministres ont exprimé C, indique le communiqué": the incise reports the whole clause,
        # the verb inside it is part of what is reported; where the incise names no one, the
        # clause's own verb keeps its content
        return [
            r
            for r in out
            if not (
                any(r.start >= i_start and r.end <= i_end for i_start, i_end in inner)
                and any(o is not r and o.start <= r.start and r.end <= o.end for o in out)
            )
        ]

    def _clause(
        self, ctx: _Context, cue: _Cue, s_start: int, s_end: int, inside: list[tuple[int, int]]
    ) -> tuple[int, int, str | None] | None:
        text = ctx.plain
        if cue.role == "source":
            comma = text.find(",", cue.end, s_end)
            linked = text[s_start : cue.start].strip(" ,")
            if (not linked or _LINKING_WORD.fullmatch(linked)) and comma > 0:  # (Mais) selon X, C.
                source, reported = (cue.end, comma), (comma + 1, s_end)
                inner = next((c for c in ctx.cues_in(comma + 1, s_end) if c.role != "source"), None)
                if (
                    inner is not None
                    and inner.start - comma <= _SUBJECT_REACH
                    and ctx.speaker_in(comma + 1, inner.start, back=False) is not None
                ):
                    # "selon l'agence APS, le ministre X a déclaré que C": X speaks, the agency
                    # only relays; the verb's own clause is the statement
                    return None
                # "according to the UN envoy, Jane Doe, C": the name in apposition is the source's
                apposed = _apposed_person(ctx, comma, s_end)
                if apposed is not None:
                    source, reported = (cue.end, apposed[1]), (apposed[1] + 1, s_end)
                # "..., Jane Doe, dont le pays préside le Conseil, C": the relative clause is the
                # source's, and so is a title in apposition ("selon X, président de la Commission, C")
                opening = _skip_space(text, reported[0])
                if ctx.lang.relative.match(ctx.lowered, opening) or ctx.starts_with_title(opening, s_end):
                    after = text.find(",", reported[0] + 1, min(s_end, reported[0] + _APPOSED_TITLE))
                    if after > 0:
                        reported = (after + 1, s_end)
            elif text[s_start : cue.start].rstrip().endswith(","):  # C, selon X.
                last = text.find(",", cue.end, s_end)  # where the source ends, past a name apposed
                if last > 0 and (apposed := _apposed_person(ctx, last, s_end)) is not None:
                    last = apposed[1]
                after = _skip_space(text, last + 1) if last > 0 else s_end
                if (
                    last > 0
                    and len(_WORD.findall(text, last, s_end)) >= 5
                    and not ctx.lang.relative.match(ctx.lowered, after)
                    # "C, selon X, dans le cadre d'un plan ...": an adjunct of C goes on after the source
                    and _PREPOSITION_OPENS.match(ctx.lowered, after) is None
                ):
                    # "C1, and in which, according to X, C2": what X says comes after the source
                    source, reported = (cue.end, last), (last + 1, s_end)
                else:
                    source, reported = (cue.end, s_end), (s_start, text.rfind(",", s_start, cue.start))
            else:
                return None
            if ctx.no_one_named(*source):
                return None  # "selon un officier", "according to diplomats": no identifiable source
            if ctx.lang.media.match(ctx.lowered, _skip_space(text, source[0])):
                return None  # "according to Kazinform, a news agency, C": it relays no one named
            if not _WORD.search(text, *source):  # "pour lui, C": the source is in the cue's own words
                source = (cue.start, source[1])
            speaker = ctx.speaker_in(*source, as_subject=True) or ctx.named_body(*source)
            if cue.lemma == "pour" and not _is_person(ctx.speaker(speaker)):
                return None  # "pour le ministre, C" tells a person's view; "pour le pays, C" no one's
            quoted = _trim(ctx.document.text, *reported, strip_final=True)
            if quoted in inside:  # "pour X, « C »": the quotation alone, read as the quote it is
                return None
            return (*reported, speaker)
        # what follows the verb, past an aside ("a déclaré pour sa part le ministre")
        cue_end = ctx.lang.asides.match(ctx.lowered, cue.end).end() if ctx.lang.asides else cue.end
        lo = max(s_start, cue.start - 80)
        incise = _INCISE_BEFORE.search(text, lo, cue.start) if text.find(",", lo, cue.start) >= 0 else None
        subject_of_a_clause = False
        if (
            incise
            # "C, relevant D": a participle after a clause says more (D), it is no incise
            and not _PARTICIPLE.search(text, cue.start, cue.end)
            # "On Tuesday, X said C": no (four words are enough: counting them all was quadratic)
            and sum(1 for _ in itertools.islice(_WORD.finditer(text, s_start, incise.start()), 4)) >= 4
            and s_end - cue_end <= _INCISE_TAIL
            and _INCISE_AFTER.fullmatch(text, cue_end, s_end)
            and not self._apposition_before(ctx, s_start, incise)
            # "C, a day after X declared D": a time clause, with its own statement, no incise
            and not _WHEN_ANOTHER_SPOKE.match(ctx.lowered, incise.start())
            # "X a, dans un communiqué, condamné C": an auxiliary, an incise between commas, then
            # the participle; not "C, a condamné X"
            and not _INTERRUPTED_AUXILIARY.search(text, s_start, cue.start)
            # "The Council, for its part, expressed C": an aside between the subject and its verb
            and not self._aside_before(ctx, lo, incise.start())
            # "Speaking at the opening, he said C", "Lors de la réunion, il a indiqué C": what
            # comes before the comma is the adverbial the sentence opens with, not what was said
            and not (
                ctx.lang.leading.match(ctx.lowered, s_start) and text.find(",", s_start, incise.start()) < 0
            )
            # "Recalling C1, both reaffirmed C2", "Évoquant C1, le ministre a appelé à C2": a
            # participle's clause opens the sentence, and the verb after it has its own content
            and not (
                _OPENING_PARTICIPLE.match(text, s_start)
                and text.find(",", s_start, incise.start()) < 0
                and self._complement(ctx, cue_end, s_end, cue.role) is not None
            )
        ):  # C, indique X. / C, X said.
            comma = incise.start()
            if _inside_quote(inside, comma):
                return None
            inverted = _AUXILIARY.fullmatch(incise.group(1)) is not None  # "C, a déclaré X."
            if inverted:
                # the subject runs to the next comma ("C, a déclaré X, à Rabat."), or on past an
                # adjunct ("C, a affirmé, lundi à Rabat, X") or to the name in apposition to a
                # title ("C, admet le directeur du centre, X."): the first of the next few parts
                # between commas that names someone
                speaker = None
                for part_start, part_end in _comma_parts(text, cue_end, s_end, _SUBJECT_PARTS):
                    if ctx.no_one_named(part_start, part_end):
                        return None  # "C, a indiqué, hier, un responsable militaire": no one named
                    speaker = ctx.speaker_in(part_start, part_end, back=False)
                    if speaker is not None:
                        break
                if speaker is None:
                    after = text.find(",", cue_end, s_end)
                    speaker = ctx.speaker_in(cue_end, after if after > 0 else s_end)
            else:
                if ctx.no_one_named(comma + 1, cue.start):
                    return None  # "C, officials said": no identifiable source
                speaker = ctx.speaker_in(comma + 1, cue.start, first=False, back=False)
                if speaker is None and ctx.lang.media.search(ctx.lowered, comma + 1, cue.start):
                    return None  # "C, Xinhua news agency said": it relays, and names no one
                speaker = speaker or ctx.speaker_in(comma + 1, cue.start, first=False)
            # "X, in a statement, said Gen Z held talks": no inverted incise, a clause of its own
            subject_of_a_clause = (
                inverted and speaker is not None and self._subject_of_a_clause(ctx, speaker, s_end)
            )
            if speaker is not None and not subject_of_a_clause:
                return s_start, comma, speaker
            clause_after = inverted and (
                subject_of_a_clause
                or (
                    len(_WORD.findall(text, cue_end, s_end)) >= 5
                    and not self._inverted_subject(ctx, _skip_space(text, cue_end), s_end)
                )
            )
            if (inverted and not clause_after and not _PARTICIPLE.search(text, cue.start, cue.end)) or (
                ctx.lang.relative.match(ctx.lowered, incise.start(1))
            ):
                return None  # an incise whose speaker is unknown, or a relative clause ("qui met l'accent")
            # "X, speaking at the meeting, said the process will ...": the words after the verb
            # are its content, not an inverted subject
            # a clause of its own ("C, tandis que le Tunisien a appelé à D", "C, appelant les États
            # à D"), read below as one
        if subject_of_a_clause:  # "X, in a statement, said Gen Z held talks": X said all after the verb
            return _skip_space(text, cue_end), s_end, ctx.subject_before(s_start, cue.start)
        colon = _COLON.match(text, cue_end, s_end)
        if colon is not None:  # "M. X a déclaré: nous devons ...", a quotation without its marks
            return colon.end(), s_end, ctx.subject_before(s_start, cue.start)
        if cue.role == "incise":
            return None
        if cue.lemma in ctx.lang.addressee_cues:
            # "told reporters that C": the object is the one spoken to, what was said its clause
            told = _TOLD_THAT.match(text, cue_end, s_end)
            content = told.end() if told is not None else None
            addressee = _ADDRESSEE.match(text, cue_end, s_end) if told is None else None
            if addressee is not None and _CLAUSE_START_EN.match(text, addressee.end()):
                content = addressee.end()  # "told reporters ISWAP had begun ..."
        else:
            content = self._complement(ctx, cue_end, s_end, cue.role)
        if content is None and cue.lemma in ctx.lang.object_cues:
            content = _bare_object(ctx, cue_end, s_end)
        if content is None:
            return None
        speaker = ctx.subject_before(s_start, cue.start)
        if speaker is None:  # "a déclaré jeudi le ministre que ..."
            speaker = ctx.speaker_in(cue_end, content - 1)
        if not _annotated(speaker):
            comma = text.rfind(",", s_start, cue.start)
            if ctx.lang.anonymous.match(ctx.lowered, _skip_space(text, max(s_start, comma + 1))):
                return None  # "un diplomate a jugé que C", "officials said C": no identifiable source
        return content, s_end, speaker

    def _opening_participle(self, ctx: _Context, cue: _Cue, s_end: int) -> tuple[int, int, str | None] | None:
        """The content and speaker of a participle that opens its sentence (``Warning against C,
        the minister said ...``): the content up to the comma, the speaker the subject after it;
        None when either is not found."""
        comma = ctx.plain.find(",", cue.end, s_end)
        if comma < 0 or cue.role == "source":
            return None
        content = self._complement(ctx, cue.end, comma, cue.role)
        if content is None:
            return None
        head = _DETERMINER.match(ctx.lowered, content)
        noun = _WORD.match(ctx.lowered, head.end() if head else content)
        if noun is not None and noun.group() in ctx.lang.speech_nouns:
            return None  # "Réitérant l'appel du Secrétaire général à C": the call is his, C its content
        subject = _skip_space(ctx.plain, comma + 1)
        end = subject
        for word in _WORD.finditer(ctx.plain, subject, min(s_end, subject + 100)):
            w = word.group()
            lowered = w.lower()
            if not (
                w[0].isupper()
                or lowered in _ARTICLES
                or lowered in ctx.lang.pronouns
                or lowered in ("de", "du", "des", "of", "d", "l")
                or ctx.lang.titles.fullmatch(ctx.lowered, word.start(), word.end())
            ):
                break
            end = word.end()
        speaker = ctx.speaker_in(subject, end) if end > subject else None
        return (content, comma, speaker) if speaker is not None else None

    def _before_coordinated_cue(self, ctx: _Context, start: int, end: int) -> int:
        """Where the content ends before a speech verb coordinated with its own (``said C1, and
        stressed that C2``, ``a rappelé C1 et souligné que C2``, ``stressed C1, calling for C2``):
        C2 is a statement of its own."""
        for cue in ctx.cues_in(start + 1, end):
            if cue.role in ("source", "incise"):
                continue
            conjunction = _COORDINATED_BEFORE.search(ctx.lowered, max(start, cue.start - 30), cue.start)
            if conjunction is not None:
                return int(conjunction.start())
            comma = ctx.plain.rfind(",", start, cue.start)
            if (
                comma > 0
                and ctx.plain[comma + 1 : cue.start].strip() in ("", "en")
                and _PARTICIPLE_AT.match(ctx.plain, cue.start)
            ):
                return int(comma)  # "stressed C1, calling for C2", "a plaidé pour C1, appelant à C2"
            if comma > start and _WHEN_ANOTHER_SPOKE.match(ctx.lowered, comma):
                return int(comma)  # "announced C1, a day after Manila declared C2": C2 is Manila's
        return end

    def _apposition_before(self, ctx: _Context, s_start: int, incise: Any) -> bool:
        """Whether the comma before the cue closes a name in apposition or a relative clause on
        the subject, not a reported clause: ``Malta's Prime Minister, Tom Vella, has described
        ...``, ``The envoy, who arrived on Monday, said ...``."""
        comma = incise.start()
        previous = ctx.plain.rfind(",", s_start, comma)
        if previous < 0:
            return False
        if ctx.lang.relative.match(ctx.lowered, _skip_space(ctx.plain, previous + 1)):
            return True
        if len(_WORD.findall(ctx.plain, previous, comma)) > 5:
            return False
        return ctx.speaker_in(previous + 1, comma, back=False) is not None

    def _complement(self, ctx: _Context, pos: int, s_end: int, role: str) -> int | None:
        """Where the reported content of the speech verb ending at ``pos`` starts, if it has one."""
        text = ctx.plain
        if role == "call":  # exhorter les États à C, urge states to C, call on X to C
            at = pos
            while (m := _CALL_CONTENT.match(text, at, s_end)) is not None:
                if not (
                    _NOUN_DE.search(text, m.start(), m.end()) and _DETERMINER.match(ctx.lowered, m.end())
                ):
                    return int(m.end())
                at = m.end()  # "demande aux États de la région de C": the de of a noun's complement
            # "a demandé le soutien de la communauté": no call, what is asked for is the object
            start = _skip_space(text, pos)
            if not ctx.lang.english and (when := _WHEN.match(text, start, s_end)) is not None:
                start = when.end()
            return start if _DETERMINER.match(ctx.lowered, start) else None
        m = _THAT.match(text, pos, s_end)
        if m is not None:
            return int(m.end())
        parenthetical = _PARENTHETICAL.match(text, pos, s_end)
        start = _skip_space(text, parenthetical.end() if parenthetical is not None else pos)
        if ctx.lang.adjunct.match(ctx.lowered, start) is not None:
            m = _THAT_AFTER_ADJUNCT.match(text, start, s_end)
            if m is not None:
                return int(m.end())
        if role == "clause":  # "assure que C"; "assure la présidence" is no speech
            return None
        if not ctx.lang.english and (when := _WHEN.match(text, start, s_end)) is not None:
            start = when.end()  # "a salué mardi la coopération", "a dénoncé jeudi à Paris les attaques"
        if self._inverted_subject(ctx, start, s_end):
            return None
        if role == "predicate":  # "s'est dit encouragé de ...": what follows the cue is the content
            that = _PREDICATE_THAT.match(text, start, s_end)  # "s'est dit persuadé que C": C
            return int(that.end()) if that is not None else start
        if ctx.cues_in(start, start + 1):
            return None  # "said underlining the need for C": the next cue's content, not this one's
        if ctx.lang.acts.match(ctx.lowered, start):
            return None  # "déclare la guerre à Al-Qaida": an act, not speech
        m = _PREPOSITION.match(ctx.lowered, start)
        if m is not None and _DETERMINER.match(ctx.lowered, m.end()):
            return int(m.end())
        if not ctx.lang.english and role == "verb" and _INFINITIVE_CLAUSE.match(ctx.lowered, start, s_end):
            return start  # "a affirmé avoir tué vingt combattants": what it affirms, in the infinitive
        if (
            ctx.lang.english
            and (bare := _OF_A_BARE_NOUN.match(text, start, s_end)) is not None
            and _WARNED.search(ctx.lowered, max(0, pos - 12), pos)
        ):
            return int(bare.end())  # "warned of new attacks", "warned against complacency"
        if _DETERMINER.match(ctx.lowered, start):
            return start
        if (opened := self._quoted_opening(ctx, start, s_end)) is not None:
            return opened
        if ctx.lang.english and _POSSESSIVE_NAME.match(text, start, s_end):
            return start  # "welcomed Kenya's decision to join", "noted Pakistan's efforts"
        if ctx.lang.english and _CLAUSE_START_EN.match(text, start):
            return start
        return None

    def _before_closing_incise(self, ctx: _Context, start: int, end: int) -> int:
        """Where reported content ends that a source's incise closes (``expressed concern over C,
        a joint communiqué said``, ``a réaffirmé son soutien à C, a indiqué le ministère``): at
        the comma before it. The incise says where the words come from; it is none of them."""
        last = ctx.cues_in(start + 1, end)
        if not last:
            return end
        cue = last[-1]
        comma = ctx.plain.rfind(",", start, cue.start)
        if comma <= start or ctx.plain.find(",", cue.end, end) >= 0:
            return end
        before = len(_WORD.findall(ctx.plain, comma, cue.start))
        after = len(_WORD.findall(ctx.plain, cue.end, end))
        # "C, the State Department said": a subject, then the verb ending the sentence; "C, said
        # the ministry", "C, a indiqué le ministère": the verb, then its subject
        if after == 0 and 0 < before <= _INCISE_WORDS:
            return comma
        subject = _skip_space(ctx.plain, cue.end)
        if before <= 1 and 0 < after <= _INCISE_WORDS and self._inverted_subject(ctx, subject, end):
            return comma
        return end

    @staticmethod
    def _quoted_opening(ctx: _Context, start: int, s_end: int) -> int | None:
        """Where a complement starts whose first words are quoted (``a mis en exergue « l'étroite
        collaboration » entre les deux pays``, ``condemned "this heinous attack"``): after the mark.
        A quotation long enough to hold a sentence (``a souligné « l'importance de ... »``) is
        direct speech instead."""
        quote = next(quotes(ctx.document.text, start, s_end), None)
        if quote is None or quote.open != start or not _DETERMINER.match(ctx.lowered, quote.start):
            return None
        if len(_WORD.findall(ctx.plain, quote.start, quote.end)) > _QUOTED_WORDS:
            return None  # a quotation long enough to be direct speech of its own
        return quote.start  # the object, quoted ("condemned « this heinous attack »") or partly

    @staticmethod
    def _aside_before(ctx: _Context, lo: int, comma: int) -> bool:
        """Whether an aside between commas ends at ``comma`` (``, for its part,``), after ``lo``."""
        before = ctx.plain.rfind(",", lo, comma)
        return (
            before >= 0
            and ctx.lang.asides is not None
            and ctx.lang.asides.fullmatch(ctx.lowered, before, comma + 1) is not None
        )

    @staticmethod
    def _subject_of_a_clause(ctx: _Context, speaker: str, s_end: int) -> bool:
        """Whether the English name after a speech verb is the subject of a clause of its own
        (``X, in a statement issued in Y, said Gen Z held talks``): a lowercase word follows the
        name that is no function word, adverb or participle (``said Z on Monday``, ``said Z,
        adding``), so the verb is no inverted incise but the subject's, and the clause its
        content."""
        a = ctx.speaker(speaker)
        if not ctx.lang.english or a is None:
            return False
        word = _WORD.match(ctx.plain, _skip_space(ctx.plain, a.end), s_end)
        if word is None or ctx.plain[a.end : word.start()].strip():
            return False  # the name ends its clause, or a comma follows it
        w = word.group()
        return (
            w.isalpha()
            and w.islower()
            and not ctx.lang.function_words.fullmatch(w)
            and not w.endswith(("ly", "ing"))
            and w not in ctx.lang.pronouns
        )

    def _inverted_subject(self, ctx: _Context, start: int, s_end: int) -> bool:
        """Whether the words after a speech verb are its subject (``a déclaré le ministre X.``,
        ``ont fait savoir mercredi les porte-parole des délégations``)."""
        if not ctx.lang.english and (when := _WHEN.match(ctx.plain, start, s_end)) is not None:
            start = when.end()
        stop = _SUBJECT_STOP.search(ctx.plain, start, s_end)
        end = stop.start() if stop else s_end
        if end - start > 200:  # a title and the bodies it is of may be long, a subject no longer
            return False
        head = _ARTICLE.match(ctx.lowered, start)
        title_at = head.end() if head else start
        group = _PLURAL_SUBJECT.match(ctx.lowered, start) and ctx.lang.collective.match(ctx.lowered, start)
        if ctx.lang.titles.match(ctx.lowered, title_at) or group:
            # "said the minister would resign": a clause of its own, whose subject is a title
            return _CLAUSE_VERB.search(ctx.lowered, title_at, end) is None
        at = bisect.bisect_left(ctx.speakers, start, key=start_of)  # the speakers are sorted by start
        first = ctx.speakers[at] if at < len(ctx.speakers) else None
        return first is not None and first.start - start <= 4 and first.end >= end - 1


def _apposed_person(ctx: _Context, comma: int, end: int) -> tuple[str, int] | None:
    """After a source cue's words, ``selon l'envoyé de l'ONU, Jane Doe, C``: the person named
    between ``comma`` and the next comma before ``end`` (a few words), and where that comma is."""
    following = ctx.plain.find(",", comma + 1, end)
    if following < 0 or len(_WORD.findall(ctx.plain, comma + 1, following)) > 5:
        return None
    person = ctx.speaker_in(comma + 1, following, back=False)
    return (person, following) if person is not None and _is_person(ctx.speaker(person)) else None


def _inside_quote(spans: list[tuple[int, int]], at: int) -> bool:
    """Whether ``at`` is inside one of ``spans``, sorted and not overlapping (quotes): found by
    bisection, as a long sentence may hold thousands of them."""
    i = bisect.bisect_right(spans, (at, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= at < spans[i][1]


def _after_quote(text: str, start: int, end: int, titles: Sequence[Quote] = ()) -> bool:
    """``_AFTER_QUOTE.search(text, start, end)``, not run where none of its closing marks is;
    the close of a quoted name (``titles``) is not a quote's."""
    for mark in '»”"’':
        if text.find(mark, start, end) >= 0:
            after = _AFTER_QUOTE.search(text, start, end)
            return after is not None and not any(t.close == after.start() for t in titles[-3:])
    return False


def _bare_object(ctx: _Context, pos: int, s_end: int) -> int | None:
    """Where a bare noun phrase object starts right after ``pos`` (``welcomed significant
    progress``): a lowercase word that opens no adjunct and is no adverb."""
    start = _skip_space(ctx.plain, pos)
    word = _WORD.match(ctx.plain, start, s_end)
    if word is None or not word.group().isalpha() or not word.group().islower():
        return None
    if ctx.lang.function_words.fullmatch(word.group()) or word.group().endswith("ly"):
        return None
    if ctx.lang.acts.match(ctx.lowered, start):
        return None  # "declared war on": an act, not speech
    return start


def _holds_quote(quotes: Sequence[Quote], start: int, end: int) -> bool:
    """Whether reported content at ``[start, end)`` holds a quotation, or opens with one (its mark
    just before it: ``a mis en avant « la coopération » entre ...``)."""
    return any(start - 2 <= q.open < end for q in quotes)


def _within(q: Quote, indirect: list[_Reported]) -> bool:
    """Whether ``q`` is quoted inside reported speech, or opens it (its mark just before it)."""
    return any(r.start - 2 <= q.open and q.close < r.end + 2 for r in indirect)


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos].isspace():
        pos += 1
    return pos
