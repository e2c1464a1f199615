"""Names that no gazetteer lists: bodies, programmes and meetings found by what the guidelines
define them by, so that tomorrow's news, whose names are in no list today, is annotated too.

- **Named bodies and programmes**: a capitalised head noun of the type (``Plateforme``,
  ``Processus``, ``Force``, ``Council``, ``Centre``...) with its complements, in French
  (``Plateforme de coopération en matière de sécurité``, ``Force multinationale mixte``) and
  English (``Inter-American Committee against Terrorism``, ``Regional Counter Terrorism Centre``).
  The head noun gives the type: a body where states convene is a Forum, a programme, force,
  centre or fund an Initiative.
- **Described meetings**: a meeting noun made specific by a place, participants or an organiser
  (``sommet de Niamey``, ``réunion des chefs d'état-major de la CEDEAO``, ``meeting of defence
  ministers in Lisbon``), unlike bare anaphora (``la réunion``).
- **Acronyms and short forms**: an acronym defined beside a name in either order
  (``Long Name (ACR)``, ``ACR (Long Name)``) takes the name's type, and so do its later mentions,
  written upper or title case (``JNIM``, ``Jnim``), and the capitalised head alone
  (``la Plateforme``, ``the Process``): one type per name in a document.

Everything here works on the text and on the matches the rule packs made; it adds matches and
retypes acronyms, and never removes what a gazetteer found but for those inside a new name.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

import attrs
import regex

from ctannot.annotations import Actor, Forum, Initiative, Threat
from ctannot.extractors.dates import MONTH_OR_DAY, is_month_or_day
from ctannot.extractors.text_units import Openings, acronym_forms, overlapping, start_of, whole_words
from ctannot.rules.folding import fold, views_of
from ctannot.rules.matching import Match
from ctannot.rules.pattern_cache import compile_pattern

__all__ = ["spelt_by", "unlisted_names"]

# -- head nouns of the types, by language --------------------------------------------------------

_FR_INITIATIVE_HEADS = (
    "initiative|initiatives|plan|programme|stratégie|strategie|fonds|mécanisme|mecanisme|cellule|unité|"
    "unite|centre|plateforme|plate-forme|campagne|opération|operation|force|forces|mission|agenda|appel|"
    "feuille de route|partenariat|task-force|task force|projet|dispositif|réseau|reseau|pacte|charte|"
    "architecture|observatoire|académie|academie|système|systeme|fichier|base de données|cadre|format"
)
_FR_FORUM_HEADS = (
    "forum|conseil|comité|comite|conférence|conference|sommet|réunion|reunion|session|assemblée|assemblee|"
    "groupe de travail|coalition|dialogue|processus|colloque|séminaire|seminaire|congrès|congres|semaine|"
    "assises|table ronde|organe|alliance|atelier"
)
_EN_INITIATIVE_HEADS = (
    "initiative|plan|programme|program|strategy|fund|mechanism|cell|unit|centre|center|platform|campaign|"
    "operation|force|forces|task force|mission|agenda|call|roadmap|partnership|project|network|pact|charter|"
    "academy|framework|system|database|exercise|drills|accord|agreement"
)
_EN_FORUM_HEADS = (
    "forum|council|committee|conference|summit|meeting|session|assembly|working group|coalition|dialogue|"
    "process|symposium|seminar|congress|week|plenary|organ|alliance|workshop|retreat|roundtable"
)

_FR_ORGANISATION_HEADS = (
    "communauté|communaute|autorité|autorite|agence|organisation|union|ligue|office|secrétariat|"
    "secretariat|commission|bureau|ministère|ministere|direction|gendarmerie|parlement|banque|fondation|"
    "institut|service"
)
_EN_ORGANISATION_HEADS = (
    "community|authority|agency|organisation|organization|union|league|office|secretariat|commission|"
    "bureau|ministry|department|directorate|parliament|bank|foundation|institute|service"
)
"""Heads of the names of organisations and government bodies: Actors when they act or speak."""
_ORGANISATION_WORDS = compile_pattern(
    rf"(?:{_FR_ORGANISATION_HEADS}|{_EN_ORGANISATION_HEADS})", regex.IGNORECASE
)

_INITIATIVE_WORDS = {
    "fr": compile_pattern(rf"(?:{_FR_INITIATIVE_HEADS})", regex.IGNORECASE),
    "en": compile_pattern(rf"(?:{_EN_INITIATIVE_HEADS})", regex.IGNORECASE),
}


_TOPIC = compile_pattern(
    r"terror|antiterror|s[ée]curit|defen[cs]e|d[ée]fense|paix|peace|extr[ée]mis|radicali|jihad|djihad|"
    r"criminal|renseignement|intelligence|militaire|military|arm[ée]e|sahel|fronti[èe]re|border|police|"
    r"int[ée]rieur|interior|[ée]tats?-majors?|"
    r"stabili|sanction|combattants|fighters|daech|daesh|isis|isil|qa[iï]da|boko|insurg|violen|armes|weapons|"
    # the border databases of the guidelines' Initiatives: "Advance Passenger Information System"
    r"information\s+systems?|syst[èe]mes?\s+d['’]information|databases?|bases?\s+de\s+donn[ée]es|passenger|passagers",
    regex.IGNORECASE,
)
"""A word of the guidelines' domain: a body or programme whose name holds none of them (``Comité
Al-Qods``, ``Programme alimentaire mondial``) is not one of ours unless its head says so."""
_HEADS_OF_THE_DOMAIN = compile_pattern(
    r"initiative|initiatives|force|forces|op[ée]ration|operation|mission|task[- ]force|exercise|drills|"
    r"m[ée]canisme|mechanism|plate-?forme|platform|cellule|cell|unit[ée]?|sommet|summit|r[ée]union|"
    r"meeting|conf[ée]rence|conference|session|coalition",
    regex.IGNORECASE,
)
"""Heads that are of the domain by themselves in this news: a joint force, a summit."""


_INSTITUTION_HEADS = compile_pattern(r"centre|center|centres|centers", regex.IGNORECASE)
"""Heads of what is an Initiative when it is set up (``a établi un Centre de ...``) and an Actor
when it acts (``le Centre a organisé ...``): typed only where the text launches it."""
_LAUNCHED = compile_pattern(
    r"establish|launch|creat|set\s+up|setting\s+up|inaugurat|operationali[sz]|unveil|"
    r"lanc|cr[ée]|mis\s+en\s+place|mise\s+en\s+place|mettre\s+en\s+place|inaugur|op[ée]rationnalis|"
    r"\mopen(?:ed|s|ing)?\M|\mouv(?:ert|erte|re|rir|rira)\M",
    regex.IGNORECASE,
)


_COUNCIL = compile_pattern(r"conseil|council|comit[ée]|committee", regex.IGNORECASE)
_COUNCIL_TOPIC = compile_pattern(
    r"terror|s[ée]curit|defen[cs]e|d[ée]fense|paix|peace|minist|renseignement|intelligence|"
    r"[ée]tats?-majors?|chiefs\s+of\s+(?:defen[cs]e\s+)?staff",
    regex.IGNORECASE,
)


def _type_of_head(head: str, lang: str) -> type[Any]:
    if _ORGANISATION_WORDS.fullmatch(head):
        return Actor
    return Initiative if _INITIATIVE_WORDS[lang].fullmatch(head.lower()) else Forum


def _first_words(*alternations: str) -> set[str]:
    """The folded first word of each of the ``|``-separated phrases of ``alternations``
    (``conseil\\s+des\\s+ministres`` gives ``conseil``, ``plate-forme`` ``plate``, and
    ``conseil(?=...)`` ``conseil``): the words a pattern's matches open with, for :class:`Openings`."""
    return {fold(regex.split(r"[\s\\\-(]", phrase)[0]) for a in alternations for phrase in a.split("|")}


_APOSTROPHE = "['’]"
_WORD_START = r"\m(?<![\w\-])"
r"""Where a name starts: a word's first letter, not after a hyphen. (``\m`` first: ``regex`` finds
word starts much faster than it tries the look-behind at every position.)"""
_CAP = r"(?-i:\p{Lu}(?:[\p{L}\p{N}\-]|['’](?=\p{Lu}))*|\p{Lu}{2,}[\p{N}\-]*)"
"""A capitalised word (or an acronym), with an apostrophe inside before a capital (``N’Djamena``)."""

# French: a capitalised head, then adjectives and prepositional complements. A complement is a
# preposition and up to four words, which may themselves be joined by "et" or another preposition.
_FR_ADJECTIVE = (
    r"(?-i:(?:\p{Ll}[\p{Ll}\-]*)?(?:al|ale|aux|ales|ique|iques|ien|ienne|iens|iennes|aire|aires|el|elle|els|"
    r"elles|if|ive|ifs|ives|ais|aise|aises|ain|aine|ains|aines|ois|oise|oises|mixte|mixtes|oint|ointe|"
    r"oints|ointes|mun|mune|muns|munes|ial|iale|iaux|iales|ée|ées|é|és|eur|eure|eurs|eures|ier|iers|ière|"
    r"unie|unies|unis|maritime|maritimes|"
    r"ières|ant|ante|ants|antes|ent|ente|ents|entes|iste|istes|phone|phones|étranger|étrangers|étrangère|"
    r"étrangères)(?![\p{L}\-]))"
)
_FR_PREPOSITION = (
    rf"(?:(?:en\s+mati[èe]re\s+de|de|pour|sur|contre|à|par)\s+(?:la\s+|le\s+|les\s+|l{_APOSTROPHE})?"
    rf"|d{_APOSTROPHE}|du\s+|des\s+|au\s+|aux\s+|en\s+)"
)
_FR_STOP = (
    r"(?:qui|que|qu|dont|lequel|laquelle|a|ont|est|sont|sera|seront|était|etait|avait|avaient|doit|"
    r"devra|pourrait|se|s|il|elle|ils|elles|ce|cette|ces|cet|son|sa|ses|leur|leurs|un|une|lors|après|"
    r"apres|avant|depuis|selon|avec|dans|par|entre|afin|ainsi|mais|ou|où|si|comme|notamment|mardi|"
    r"lundi|mercredi|jeudi|vendredi|samedi|dimanche|hier|aujourd|demain|prochain|prochaine|dernier|"
    r"dernière|derniere)"
)
_FR_WORD = rf"(?!{_FR_STOP}\b)(?:{_CAP}|(?-i:\p{{Ll}})[\p{{L}}\-]+)"
_FR_MONTH = (
    r"(?:janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|"
    r"décembre|decembre)\b"
)
"""``en juin``: when a body met or will meet, no complement of its name."""
_FR_VERB_AND_OBJECT = (
    rf"\p{{Ll}}+(?:er|ir|re)\s+(?:les?|la|l{_APOSTROPHE}|des|du|une?|ses|leurs?|ces|sa|son|à)(?![\w\-])"
)
"""An infinitive and the start of its object: ``d'examiner les moyens`` is what a body is asked to
do, no complement of its name."""
_FR_COMPLEMENT = (
    rf"(?!à\s+\p{{Ll}}+(?:er|ir|re)\b|(?:de\s+|d{_APOSTROPHE}){_FR_VERB_AND_OBJECT}|en\s+{_FR_MONTH})"
    rf"{_FR_PREPOSITION}{_FR_WORD}(?:\s+{_FR_ADJECTIVE}|\s+{_CAP}){{0,3}}"
)
_FR_HEADS = (_FR_INITIATIVE_HEADS, _FR_FORUM_HEADS, _FR_ORGANISATION_HEADS)
_FR_NAMED = compile_pattern(
    rf"{_WORD_START}(?P<head>(?-i:(?=\p{{Lu}}))(?:{_FR_INITIATIVE_HEADS}|{_FR_FORUM_HEADS}|{_FR_ORGANISATION_HEADS}))"
    # national forces are Actors, not joint forces
    r"(?!\s+(?:arm[ée]es|de\s+d[ée]fense|de\s+s[ée]curit[ée]|de\s+l['’]ordre|sp[ée]ciales|nationales|de\s+police)\b)"
    rf"(?P<rest>(?:\s+{_FR_ADJECTIVE}|\s+(?-i:\p{{Lu}})[\p{{L}}\-]+)*"
    # "et de lutte contre ...": a second complement of the head ("de prévention et de lutte contre",
    # "d'intervention et de coordination interministériels des opérations")
    rf"(?:\s+{_FR_COMPLEMENT}(?:\s+et\s+(?:(?:de\s+|d{_APOSTROPHE})(?=(?-i:\p{{Ll}})){_FR_WORD}(?:\s+{_FR_ADJECTIVE}){{0,2}}|(?:de\s+la\s+|de\s+l{_APOSTROPHE}|des\s+|du\s+|la\s+|le\s+|les\s+|l{_APOSTROPHE})?{_FR_WORD}))?){{0,4}})"
    r"(?![\w\-])",
    regex.IGNORECASE,
)
"""``Plateforme de coopération en matière de sécurité``, ``Force multinationale mixte``,
``Initiative d'Accra``, ``Processus de Nouakchott``."""
_FR_NAMED_AT = Openings(_FR_NAMED, _first_words(*_FR_HEADS))

_FR_NAMED_AFTER_PLACE = compile_pattern(
    rf"{_WORD_START}(?P<head>initiative|processus|appel|pacte|charte|plan|m[ée]canisme|plateforme|format)"
    rf"\s+(?:de\s+|d{_APOSTROPHE})(?P<place>(?-i:\p{{Lu}}[\p{{L}}\-]+)(?:[\s\-](?-i:\p{{Lu}}[\p{{L}}\-]+))?)(?![\w\-])",
    regex.IGNORECASE,
)
"""``initiative d'Accra``, ``processus de Nouakchott``: a programme or process named after the
place it was launched in."""
_FR_NAMED_AFTER_PLACE_AT = Openings(
    _FR_NAMED_AFTER_PLACE,
    ["initiative", "processus", "appel", "pacte", "charte", "plan", "mecanisme", "plateforme", "format"],
)

_NAMED_IN_QUOTES = compile_pattern(
    r"\m(?:baptis[ée]e?s?|d[ée]nomm[ée]e?s?|code-?named|dubbed)\s*,?\s*[«“\"]\s*"
    r"(?P<name>(?-i:\p{Lu})[^«»“”\"\n]{0,40}?)\s*[»”\"]",
    regex.IGNORECASE,
)
"""A name given in quotes: ``baptisée « Taanli »``, ``code-named "Lagoon"``."""
_OPERATION_NAME_ORIGIN = "names/operation-name"
_NAMING_WORDS = ("dubbed", "called", "named", "baptis", "dénomm", "denomm")
"""The words :data:`_NAMED_PLAINLY` needs, lowercased: looked for before the pattern is run, as
most texts name no operation."""
_NAMED_PLAINLY = compile_pattern(
    r"\m(?:op[ée]rations?|exercices?|exercises?|drills?|manœuvres|manoeuvres|maneuvers?|patrouilles?|patrols?)"
    r"(?:\s*,)?\s+(?:(?:is|was|are|were)\s+)?(?:baptis[ée]e?s?|d[ée]nomm[ée]e?s?|code-?named|dubbed|called|named)"
    r"\s+(?P<name>(?-i:\p{Lu}[\p{L}\-]*(?:\s+(?:\p{Lu}[\p{L}\-]*|\d{1,4}\M)){0,3}))(?![\w\-])",
    regex.IGNORECASE,
)
"""A name given without quotes right after the operation it names: ``the five-day drill, dubbed
Blue Harbour``, ``the portion of the drill is called Red Lantern 2``, ``l'exercice, baptisé Aigle
Bleu``."""
_AN_OPERATION = compile_pattern(
    r"\m(?:op[ée]rations?|exercices?|exercises?|drills?|manœuvres?|manoeuvres?|maneuvers?|patrouilles?|patrols?)\M",
    regex.IGNORECASE,
)
_OPERATION_REACH = 80
"""How far from a name in quotes the operation it names may be said: ``Baptisée « X », cette
opération ...``, ``the operation, code-named "X", ...``."""


def _operations_named_in_quotes(text: str) -> Iterator[Match]:
    """The name in quotes an operation or an exercise is given near it (``Baptisée « Taanli »,
    cette opération``): an Initiative, as the operation it names is."""
    for found in _NAMED_IN_QUOTES.finditer(text):
        lo, hi = max(0, found.start() - _OPERATION_REACH), min(len(text), found.end() + _OPERATION_REACH)
        if _AN_OPERATION.search(text, lo, hi):
            yield Match(Initiative, found.start("name"), found.end("name"), {}, _OPERATION_NAME_ORIGIN)
    views = views_of(text)
    lowered = views.lowered  # the plain view where lowercasing would change the text's length
    if lowered is views.plain or any(lowered.find(word) >= 0 for word in _NAMING_WORDS):
        for found in _NAMED_PLAINLY.finditer(text):
            yield Match(Initiative, found.start("name"), found.end("name"), {}, _OPERATION_NAME_ORIGIN)


_EN_PROCESS_AFTER_PLACE = compile_pattern(
    r"(?<=\m[Tt]he\s+)(?!(?:Peace|Political|Electoral|Democratic|Review|Selection|Legislative|Budget|Bologna|"
    r"Kimberley|Transition|Constitutional|Reconciliation|Accession)\s)\p{Lu}[\p{L}\-]+\s+Process(?![\w\-])"
)
"""``the Nouakchott Process``, ``the Aqaba Process``: the process that states convene in, named
after the place it began in (not a peace, electoral or review process)."""
_TITLE_WORDS = (
    r"Commander|Commandant|Chief|Chef|Director|Directeur|Spokesman|Spokesperson|Coordinator|"
    r"Coordinateur|Head|Deputy"
)
"""Words of a person's title: no part of a body's name before its head, and no name after a
force's word (``Force Commander``)."""
# English: capitalised words ending in a head noun, then capitalised complements.
_EN_CONNECTOR = r"(?:of|on|against|for|to|in|and|the|de|Of|On|Against|For)"
"""The small words between a name's capitalised words, in title case too (``Committee Against
Terrorism``); not ``And``, ``The``, ``To`` or ``In``, which in a title-case headline join a name
to a verb or another name."""
_EN_NOT_NAME = (
    r"(?!(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)"
)
_EN_NAMED = compile_pattern(
    rf"{_WORD_START}(?P<name>(?:(?!(?:The|A|An|This|That|These|Its|Their|His|Her|In|On|At|For|By|With|And|But|{_TITLE_WORDS})\s){_CAP}[\s\-]+|\p{{Lu}}\p{{Ll}}*{_APOSTROPHE}s?\s+){{0,6}})"
    rf"(?P<head>(?=\p{{Lu}})(?i:{_EN_INITIATIVE_HEADS}|{_EN_FORUM_HEADS}|{_EN_ORGANISATION_HEADS}))(?:-Plus)?"
    # "in Accra" after a name is where it met, "in Defence Affairs" part of it
    # "and the" opens another name: "the African Union and the World Bank" are two
    rf"(?P<rest>(?:\s+(?!in\s+(?>{_CAP})(?![\s\-]+{_CAP}))(?:(?!and\s+the\s){_EN_CONNECTOR}\s+)+"
    rf"(?:(?<!\mand\s+)the\s+)?{_EN_NOT_NAME}{_CAP}(?:[\s\-]+{_EN_NOT_NAME}{_CAP})*){{0,3}})"
    r"(?![\w\-])",
)
"""``Inter-American Committee against Terrorism``, ``Sectoral Council on Cooperation in Defence
Affairs``, ``EA Counter Terrorism Centre``."""
_EN_HEADS_AT = Openings(
    compile_pattern(rf"(?=\p{{Lu}})(?i:{_EN_INITIATIVE_HEADS}|{_EN_FORUM_HEADS}|{_EN_ORGANISATION_HEADS})"),
    _first_words(_EN_INITIATIVE_HEADS, _EN_FORUM_HEADS, _EN_ORGANISATION_HEADS),
)
"""The heads of English names: a name starts at a capital before its head, not at it."""
_NOT_IN_A_NAME = compile_pattern(r"[^\p{L}\p{N}\-'’\s]", regex.REVERSE)
"""What the words of an English name before its head never hold (letters, digits, hyphens,
apostrophes and spaces): looked for from the head backwards, it bounds where the name may start."""
_CAPITAL = compile_pattern(r"\p{Lu}")


def _en_named(text: str) -> Iterator[Any]:
    """``_EN_NAMED.finditer(text)``, tried only at the capitals between each head and what no name
    holds before it (``_NOT_IN_A_NAME``): every match starts at a capital, and only the words of
    the name come between it and its head (one of ``_EN_HEADS_AT``'s words, capitalised). Each
    capital is tried once, and the text looked through backwards once."""
    heads = _EN_HEADS_AT.starts(text)
    if heads is None:
        yield from _EN_NAMED.finditer(text)
        return
    done = 0  # as finditer: a match starts where the last one ended or after
    tried = 0  # the capitals before this are tried
    for head in heads:
        lo = max(done, tried)
        if lo > head or not text[head].isupper():  # the head is capitalised: (?=\p{Lu})
            continue
        stop = _NOT_IN_A_NAME.search(text, lo, head)
        for capital in _CAPITAL.finditer(text, stop.end() if stop is not None else lo, head + 1):
            at = capital.start()
            if at < done:
                continue
            found = _EN_NAMED.match(text, at)
            if found is not None:
                yield found
                done = found.end()
        tried = head + 1


_TRAILING = compile_pattern(
    rf"(?:\s+(?:de|du|des|la|le|les|et|en|au|aux|à|pour|sur|contre|of|on|against|for|to|in|and|the)|\s+l{_APOSTROPHE}|\s+d{_APOSTROPHE}|\s+de\s+la|\s+de\s+l{_APOSTROPHE})+$",
    regex.IGNORECASE,
)

# -- described meetings --------------------------------------------------------------------------

_FR_MEETING = (
    r"sommet|réunion|reunion|conférence|conference|session|assises|rencontre|colloque|séminaire|seminaire|"
    r"conseil\s+des\s+ministres|conseil(?=\s+des\s+chefs\b)|table\s+ronde|rendez-vous"
)
_FR_MEETING_ADJECTIVE = (
    r"(?:extraordinaire|ordinaire|ordinaires|extraordinaires|annuel|annuelle|ministériel|ministérielle|"
    r"ministeriel|ministerielle|régional|régionale|regional|regionale|conjoint|conjointe|informel|"
    r"informelle|spécial|spéciale|special|speciale|technique|tripartite|bilatéral|bilatérale|"
    r"multilatéral|multilatérale|de\s+haut\s+niveau|au\s+sommet|virtuel|virtuelle|restreint|restreinte|"
    r"exceptionnel|exceptionnelle|d['’]urgence|inaugural|inaugurale|préparatoire|preparatoire|élargi|élargie|"
    # how long it lasts: "réunion de deux jours à Charm el-Cheikh", "sommet d'une journée"
    r"d['’]une\s+journée|de\s+(?:deux|trois|quatre|cinq|six|sept|huit|dix|\d+)\s+jours)"
)
_FR_PARTICIPANTS = (
    r"(?:pays(?:\s+membres)?|[ée]tats(?:\s+membres)?|chefs|ministres|dirigeants|présidents|presidents|experts|responsables|représentants|"
    r"representants|directeurs|points\s+focaux|hauts\s+responsables|commandants|procureurs|ambassadeurs|"
    r"délégués|delegues|membres|parlementaires|gouverneurs|états-majors)"
)
_FR_INSTITUTIONAL = (
    r"(?:extraordinaire|ordinaire|ordinaires|extraordinaires|annuel|annuelle|ministériel|ministérielle|"
    r"ministeriel|ministerielle|de\s+haut\s+niveau|au\s+sommet|tripartite|multilatéral|multilatérale)"
)
"""Kinds of meeting an institution holds: ``le sommet annuel`` is one meeting, where ``une réunion
technique`` could be any."""
_FR_GENERIC_ORGANISER = (
    rf"(?:de\s+la|de\s+l{_APOSTROPHE}|du)\s*(?:communauté|organisation|union|commission|alliance|ligue|"
    r"coalition|bloc|sous-région|région|conférence)"
)
_FR_NATIONAL = r"(?-i:\p{Ll}+(?:aine?s?|aises?|ais|iens?|iennes?|iques?|ales?|aux|éens?|éennes?))"
"""An adjective of nationality or region after a name: ``l'Union africaine``, ``la Commission européenne``."""
_FR_ORGANISER = (
    rf"\s+(?:les\s+|la\s+|le\s+|l{_APOSTROPHE})?(?-i:{_CAP})(?:[\s\-]+(?-i:{_CAP}))*(?:\s+{_FR_NATIONAL})?"
)
_PLACE = rf"(?-i:{_CAP})(?:[\s\-]+(?:(?-i:el|al|es|ad|ed|as|ash)[\s\-])?(?-i:{_CAP}))*"
"""A place's name, its Arabic article included: ``Charm el-Cheikh``, ``Dar es Salaam``."""
_FR_COUNT = r"(?:(?:deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|quinze|vingt|\d+)\s+)?"
"""How many, before the participants' countries: ``des cinq pays de l'UMA``."""
_FR_DATE = rf"\d{{1,2}}(?:er)?(?:\s*(?:et|au|-)\s*\d{{1,2}}(?:er)?)?\s+{_FR_MONTH}(?:\s+\d{{4}})?"
"""A day of a month, or two: ``12 mars``, ``14 et 15 juin 2024``, ``23 au 25 avril``."""
_FR_DESCRIBED = compile_pattern(
    rf"{_WORD_START}(?P<span>(?:{_FR_MEETING})(?:\s+{_FR_MEETING_ADJECTIVE})*"
    rf"(?:"
    # a date: "la réunion du 12 mars", "le sommet des 14 et 15 juin", "tenue le 3 avril à Rabat"
    rf"\s+(?:du|des)\s+{_FR_DATE}"
    # or set off by commas: "une session extraordinaire, le 18 décembre, à Libreville"
    rf"|(?=\s*,\s*le\s+{_FR_DATE}\s*,\s*(?:à|a)\s+(?-i:\p{{Lu}}))"
    # or to come: "une réunion prévue les 3 et 4 mars à Bamako"
    rf"|\s+(?:tenue?s?|pr[ée]vue?s?|programm[ée]e?s?)\s+(?:le|les|du)\s+{_FR_DATE}(?:\s+(?:à|a)\s+{_PLACE})?"
    # its name, quoted: "la conférence « Lomé 3 »"
    rf"|\s+[«“\"]\s*(?-i:\p{{Lu}})[^«»“”\"\s.,;:!?]*(?:\s+[^«»“”\"\s.,;:!?]+){{0,3}}\s*[»”\"]"
    # its theme, quoted: "un colloque sous le thème « Défis de la sécurité »"
    rf"|\s+sous\s+le\s+th[èe]me\s*(?:de\s+)?[«“\"][^«»“”\"\n]{{1,150}}[»”\"]"
    # a body's board: "la réunion du conseil d'administration de l'Académie"
    rf"|\s+(?:du|de)\s+(?:conseil\s+d{_APOSTROPHE}administration|conseil\s+exécutif|comité\s+directeur|"
    rf"bureau\s+exécutif)(?:\s+(?:de\s+la\s+|de\s+l{_APOSTROPHE}|du\s+|des\s+)(?-i:{_CAP})"
    rf"(?:[\s\-]+(?:(?:de|des|du|de\s+la)\s+|d{_APOSTROPHE})?(?-i:{_CAP}))*)?"
    # bodies named by their acronyms: "le sommet conjoint des CEEAC/Cedeao"
    rf"|\s+des\s+(?-i:\p{{Lu}}[\p{{Lu}}\p{{N}}]+[\p{{L}}\p{{N}}]*)(?:\s*/\s*(?-i:\p{{Lu}}[\p{{L}}\p{{N}}]+))+|"
    # participants: "des chefs d'état-major de la CEDEAO", "des ministres de l'Intérieur des pays ...",
    # "des directeurs généraux de la Sûreté nationale"
    rf"\s+des\s+{_FR_PARTICIPANTS}(?:\s+(?:généraux|generaux|adjoints))?(?:\s+(?:{_FR_PREPOSITION}){_FR_COUNT}{_FR_WORD}(?:\s+{_FR_ADJECTIVE}|\s+{_CAP}|-[\p{{L}}\-]+){{0,3}}){{0,7}}"
    # a place or an organiser: "de Niamey", "à Bamako", "de la CEDEAO", "du G5 Sahel",
    # "organisée par les Etats-Unis et le Maroc"
    rf"|\s+(?:co-?)?organis[ée]e?s?\s+par{_FR_ORGANISER}(?:\s+et{_FR_ORGANISER})?"
    # its participants, named: "une réunion tripartite entre le Mali, le Niger et le Burkina Faso"
    rf"|\s+entre{_FR_ORGANISER}(?:\s*,{_FR_ORGANISER})*\s+et{_FR_ORGANISER}"
    rf"|(?:\s+(?:tenue?|organis[ée]e?)|\s+qui\s+s{_APOSTROPHE}est\s+(?:tenue?|d[ée]roul[ée]e?)(?:\s+(?:hier|\p{{Ll}}+di))?)?"
    rf"\s+(?:de\s+la\s+|de\s+l{_APOSTROPHE}|du\s+|de\s+|d{_APOSTROPHE}|à\s+|a\s+){_PLACE}"
    rf"(?:\s+(?:de\s+la\s+|de\s+l{_APOSTROPHE}|du\s+|de\s+|d{_APOSTROPHE}|des\s+)(?:{_FR_WORD})(?:\s+(?-i:{_CAP}|\p{{Ll}}+))?)?"
    # or of a kind an institution holds, its organiser named again or not: "le sommet annuel"
    # (definite: "une réunion annuelle" says what kind of meeting something is; "cette réunion
    # ministérielle" points back to one, as "cette rencontre" does)
    rf"|(?<=(?:\m(?:le|la|les|du|des|au|aux|son|sa|ses|leur|leurs)\s+|\m[lL]{_APOSTROPHE}\s*)"
    rf"(?:{_FR_MEETING})(?:\s+{_FR_MEETING_ADJECTIVE})*\s+{_FR_INSTITUTIONAL})(?:\s+{_FR_GENERIC_ORGANISER})?"
    rf"))(?![\w\-])",
    regex.IGNORECASE,
)
"""``sommet de Niamey``, ``réunion des chefs d'état-major de la CEDEAO``, ``sommet extraordinaire
des chefs d'Etat du Bassin du lac Tchad``, ``réunion tenue à Accra``, ``conférence qui s'est
déroulée à Paris``."""
_FR_DESCRIBED_AT = Openings(_FR_DESCRIBED, _first_words(_FR_MEETING))

_EN_MEETING = (
    r"summit|meeting|conference|session|ministerial|plenary|talks|retreat|dialogue|symposium|workshop"
)
_EN_INSTITUTIONAL = (
    r"(?:annual|extraordinary|ordinary|ministerial|high-level|inter-sessional|biennial|plenary)"
)
"""Kinds of meeting an institution holds: ``the annual summit`` is one meeting."""
_EN_NOT_A_NOUN = (
    r"(?!(?:was|were|is|are|has|have|had|will|would|can|could|should|may|might|did|does|also)(?![\w\-])"
    r"|[\p{L}\-]+ed(?![\w\-]))"
)
"""A verb, where a meeting's participants end: ``summit of heads of state was held``."""
_EN_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan\.|Feb\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)"
)
_EN_PARTIES = (
    r"(?:the\s+|(?:its|their)\s+(?:neighbouring|neighboring|neighbour|neighbor)\s+)?"
    rf"(?-i:{_CAP})(?:[\s\-]+(?-i:{_CAP}))*"
)
"""A party to a meeting, named: ``Iraq``, ``the United States``."""
_EN_ORGANISER = rf"\s+{_EN_PARTIES}"
_EN_DESCRIBED = compile_pattern(
    rf"{_WORD_START}(?<!(?:press|news|media)\s+)"
    rf"(?P<span>"
    # "meeting of defence ministers in Lisbon", "session of the Arab Interior Ministers Council"
    rf"(?:(?:annual|extraordinary|special|informal|ministerial|regional|joint|high-level|virtual|"
    rf"emergency|inter-sessional|biennial|plenary|trilateral|tripartite|bilateral|inaugural|regular|"
    rf"(?:one|two|three|four|five|six|seven|ten|\d+)-(?:day|week)|"
    # at whose level: "a secretary-level meeting", "home secretary-level talks"
    rf"(?:(?:home|foreign|defen[cs]e|interior)\s+)?(?:secretary|minister|ministerial|ministers|expert|experts|"
    rf"official|officials|ambassador|leader|leaders|summit|senior|working)-level)\s+)*(?:{_EN_MEETING})"
    rf"(?:\s+of\s+(?:the\s+)?(?:[\p{{L}}\-]+{_APOSTROPHE}?\s+){{0,3}}?(?:ministers|chiefs|leaders|heads|"
    rf"officials|experts|envoys|directors|commanders|{_CAP}(?:[\s\-]+{_CAP})*)"
    rf"(?:\s+(?:of|and|for|on)\s+(?:the\s+)?{_EN_NOT_A_NOUN}[\p{{L}}\-]+(?:\s+{_EN_NOT_A_NOUN}[\p{{L}}\-]+)?)?"
    rf"(?:\s+in\s+(?!{MONTH_OR_DAY}){_PLACE})?"
    rf"|\s+in\s+(?!{MONTH_OR_DAY}){_PLACE}"  # a place, not a month
    # its theme, quoted: 'a symposium themed "Security in the Lagoons"'
    rf"|\s+(?:themed|titled|entitled|on\s+the\s+theme)\s*[“\"][^“”\"\n]{{1,150}}[”\"]"
    # a date to come, and where: "a meeting scheduled for March 3 and 4 in the Malian capital Bamako"
    rf"|\s+(?:scheduled|slated|planned|set|due)\s+(?:for|on)\s+(?:{_EN_MONTH}\s+\d{{1,2}}(?:\s*(?:-|and|to)\s*\d{{1,2}})?"
    rf"|\d{{1,2}}(?:\s*(?:-|and|to)\s*\d{{1,2}})?\s+{_EN_MONTH})"
    rf"(?:,?\s+in\s+(?:the\s+(?:[\p{{L}}\-]+\s+)?capital,?\s+)?(?!{MONTH_OR_DAY}){_PLACE})?"
    # a date: "the meeting on March 12", "the summit of 14-15 June"
    rf"|\s+(?:on|of)\s+(?:{_EN_MONTH}\s+\d{{1,2}}(?:\s*-\s*\d{{1,2}})?|\d{{1,2}}(?:\s*-\s*\d{{1,2}})?\s+{_EN_MONTH})(?![\w\-])"
    # its participants, named: "a trilateral meeting between Iraq, Iran and Syria"
    rf"|\s+between\s+{_EN_PARTIES}(?:\s*,\s*{_EN_PARTIES})*\s+and\s+{_EN_PARTIES}"
    # their officers, by the states' adjectives: "talks between Indian and Pakistani home secretaries"
    rf"(?:\s+(?:(?:home|foreign|defen[cs]e|interior|security|finance|justice)\s+)?"
    rf"(?:secretaries|ministers|officials|delegations|leaders|chiefs|envoys|diplomats))?"
    # an organiser: "the meeting hosted by Kenya and the African Union"
    rf"|\s+(?:co-?)?(?:organi[sz]ed|hosted|convened|chaired)\s+by{_EN_ORGANISER}(?:\s+and{_EN_ORGANISER})?"
    # or of a kind an institution holds, its organiser named again or not: "the annual summit"
    # (definite: "an annual meeting" says what kind of meeting something is)
    rf"|(?<=(?:\m(?:the|its|their)|\p{{L}}+{_APOSTROPHE}s)\s+(?:[\p{{L}}\-]+\s+)?{_EN_INSTITUTIONAL}\s+(?:{_EN_MEETING}))"
    rf"(?:\s+of\s+the\s+(?:bloc|organi[sz]ation|community|union|alliance|coalition|league|region))?)"
    # "leaders' summit", "Riyadh summit": a name or participants before the meeting noun
    rf"|(?:leaders|ministers|chiefs|heads\s+of\s+state){_APOSTROPHE}\s+(?:{_EN_MEETING})"
    # "the June 14-15 summit": its date before the meeting noun
    rf"|(?<=\mthe\s+)(?-i:{_EN_MONTH})\s+\d{{1,2}}(?:\s*-\s*\d{{1,2}})?\s+(?:{_EN_MEETING})"
    rf"|(?!(?:The|This|That|These|Its|Their|Last|Next|Each|Every|A|An|Our|His|Her|In|At|On|For|By|From|After|"
    rf"Before|During|Since|Until|Ahead|And|But)\s)"
    rf"(?-i:\p{{Lu}}[\p{{L}}\-]+)(?:\s+(?-i:\p{{Lu}}[\p{{L}}\-]+)){{0,2}}\s+(?:summit|conference|ministerial(?:\s+(?:meeting|conference|session))?|plenary)"
    rf")(?![\w\-])",
    regex.IGNORECASE,
)

# -- forces and joint operations, which the guidelines count as Initiatives ----------------------

_FR_FORCE = compile_pattern(
    # "opération militaire conjointe", "exercice antiterroriste", "opération de lutte contre le
    # terrorisme": what is run jointly by several, or one operation run against terrorism (the
    # plural is the guidelines' generic "opérations antiterroristes")
    _WORD_START + r"(?P<span>(?:(?:force|forces|opérations?|operations?|patrouilles?|exercices?|manœuvres|"
    r"manoeuvres)(?:\s+militaires?)?\s+"
    r"(?:conjointe?s?|mixtes?|multinationales?(?:\s+mixtes?)?|communes?|régionales?|regionales?"
    # of two states named by their adjectives: "exercices russo-ouzbèkes", "opération franco-malienne"
    r"|\p{Ll}+o-\p{Ll}+)"
    r"|(?:opération|operation|exercice)(?:\s+militaire)?\s+"
    r"(?:anti-?terroriste|contre-terroriste|de\s+lutte\s+(?:anti-?terroriste|contre\s+le\s+terrorisme))"
    # in the plural, those of whom the text names ("des exercices antiterroristes conjoints de la
    # CEI"); without, the guidelines' generic plural
    r"|(?:opérations|operations|exercices)(?:\s+militaires)?\s+anti-?terroristes(?:\s+conjoints?|\s+communs?)?"
    r"(?=\s+(?:du|de\s+la|des|de\s+l['’])\s*(?-i:\p{Lu})))"
    # whose it is: "des FARDC et de l'UPDF", "de la CEDEAO", "du G5 Sahel"
    r"(?:\s+(?:(?:du|de\s+la|des)\s+|de\s+l['’]\s*)(?-i:\p{Lu}[\p{L}\-]*(?:\s+\p{Lu}[\p{L}\-]*)*)"
    r"(?:\s+et\s+(?:(?:du|de\s+la|des)\s+|de\s+l['’]\s*)(?-i:\p{Lu}[\p{L}\-]*(?:\s+\p{Lu}[\p{L}\-]*)*))?)?"
    # a staff, a command, a mechanism or a cell that several run together: "un état-major
    # conjoint", "un poste de commandement mixte", "le mécanisme trilatéral"
    r"|(?:état-major|etat-major|poste\s+de\s+commandement|centre\s+de\s+commandement|mécanisme|mecanisme|"
    r"cellule)s?\s+(?:conjointe?|mixte|commune?|trilatérale?|trilaterale?|bilatérale?|bilaterale?|tripartite)s?)"
    r"(?![\w\-])",
    regex.IGNORECASE,
)
_FR_FORCE_AT = Openings(
    _FR_FORCE,
    [
        "force",
        "operation",
        "patrouille",
        "exercice",
        "manœuvres",
        "manoeuvres",
        "etat",
        "poste",
        "centre",
        "mecanisme",
        "cellule",
    ],
)
_AGREEMENT = compile_pattern(
    _WORD_START + r"(?P<span>accord\s+de\s+(?:coopération|cooperation)\s+"
    r"(?:militaire|sécuritaire|securitaire|antiterroriste|de\s+défense|de\s+defense|en\s+matière\s+de\s+(?:sécurité|securite|défense|defense)|"
    r"dans\s+le\s+domaine\s+de\s+la\s+(?:sécurité|securite|défense|defense)|"
    r"dans\s+la\s+lutte\s+(?:antiterroriste|anti-terroriste|contre\s+le\s+terrorisme))"
    r"|(?:military|security|defen[cs]e|counter-?terrorism)\s+cooperation\s+(?:agreement|pact)"
    r"|(?:agreement|pact)\s+on\s+(?:military|security|defen[cs]e|counter-?terrorism)\s+cooperation"
    # or of security, defence or intelligence itself: "un traité de sécurité maritime", "un accord de
    # défense", "a maritime security treaty", "an intelligence-sharing agreement"
    r"|(?:accord|trait[ée]|protocole\s+d['’]accord)\s+(?:de\s+|d['’])(?:s[ée]curit[ée]|d[ée]fense|extradition)"
    r"(?:\s+(?:maritime|frontali[èe]re|mutuelle|commune|r[ée]gionale|collective))?"
    r"|(?:(?:maritime|border)\s+security|security|defen[cs]e|intelligence[\s\-]sharing|extradition)\s+"
    r"(?:agreement|treaty|pact|accord)"
    # or against or on terrorism: "an agreement on Sunday to coordinate their efforts against the
    # financing of terrorist groups", "un accord de lutte contre le terrorisme", "un protocole
    # d'accord sur l'échange de renseignements en matière de terrorisme"
    # a convention or a memorandum as well, its purpose said at length: "un accord bilatéral
    # destiné à amplifier la coopération entre les deux pays dans la lutte « contre le terrorisme »"
    r"|(?:accord|agreement|pact|memorandum\s+of\s+understanding|protocole\s+d['’]accord|convention|"
    r"m[ée]morandum\s+d['’]entente|trait[ée]|treaty)"
    r"(?:\s+[\w'’\-]+){0,14}?\s+[«“\"]?\s*(?:against|contre|to\s+(?:combat|counter|fight)|on|sur|en\s+matière\s+de|"
    r"en\s+matiere\s+de|dans\s+le\s+domaine\s+de)"
    r"(?:\s+[\w'’\-]+){0,4}?\s+(?:terror[\w\-]*|extr[ée]mis[\w\-]*|radicali[\w\-]*|jihad[\w\-]*|djihad[\w\-]*)"
    r"(?:\s*[»”\"](?<=[«“\"][^«“\"»”]{1,200}[»”\"]))?"
    r"(?:\s+(?:financing|groups|organi[sz]ations|fighters|groupes|organisations))?)(?![\w\-])",
    regex.IGNORECASE,
)
"""An agreement of security cooperation or against terrorism, which states sign to run it
together: ``accord de coopération militaire``, ``security cooperation agreement``, ``agreement
against terror financing``."""
_AGREEMENT_AT = Openings(
    _AGREEMENT,
    [
        "accord",
        "military",
        "security",
        "defence",
        "defense",
        "counter",
        "agreement",
        "pact",
        "memorandum",
        "protocole",
        "convention",
        "traite",
        "treaty",
        "maritime",
        "border",
        "intelligence",
        "extradition",
    ],
)
_FR_MISSION = compile_pattern(
    _WORD_START
    + r"(?P<span>(?:mission|force|op[ée]ration)(?:\s+(?:de|d['’])\s*(?:soutien|formation|stabilisation|"
    r"transition|paix|maintien\s+de\s+la\s+paix|conseil|police))?(?:\s+(?:multidimensionnelle|int[ée]gr[ée]e|"
    r"militaire|civile|conjointe|r[ée]gionale|navale|a[ée]rienne))*\s+(?:de\s+la|de\s+l['’]|du|des)\s*"
    r"(?-i:\p{Lu})[\p{L}\-]*(?:\s+(?-i:\p{Lu})[\p{L}\-]*|\s+(?:africaine|europ[ée]enne|arabe|islamique|unies))*"
    r"\s+(?:en|au|aux)\s+(?-i:\p{Lu})[\p{L}\-]*(?:\s+(?-i:\p{Lu})[\p{L}\-]*)*)(?![\w\-])",
    regex.IGNORECASE,
)
"""A mission or force named by the body that runs it and the country it works in: ``la mission de
l'Union africaine en Somalie``, ``la mission de formation de l'Union européenne au Mali``."""
_FR_MISSION_AT = Openings(_FR_MISSION, ["mission", "force", "operation"])
_EN_FORCE = compile_pattern(
    _WORD_START + r"(?P<span>(?:joint|multinational|regional|combined)\s+"
    r"(?:(?:counter-?terror(?:ism|ist)?|anti-?terror(?:ism|ist)?|military|naval|security|tabletop)\s+){0,2}"
    r"(?:force|task\s+force|operation|operations|exercise|exercises|drills|patrols)"
    # a joint centre, cell or command, which states set up to run together ("the joint
    # intelligence fusion centre", "a combined operations cell")
    r"|(?:joint|multinational|combined)\s+(?:(?:counter-?terror(?:ism|ist)?|anti-?terror(?:ism|ist)?|military|"
    r"security|intelligence|operations?|coordination|fusion|border|command|information)\s+){0,3}"
    r"(?:cent(?:re|er)|cell|unit|command|headquarters)"
    # one operation or exercise run against terrorism ("a counter-terrorism operation"; the
    # plural is the guidelines' generic "counter-terrorism operations")
    r"|(?:counter-?terror(?:ism|ist)?|anti-?terror(?:ism|ist)?)\s+"
    r"(?:(?:military|joint|tabletop|field)\s+)?(?:operation|exercise|drill|drills)"
    # an exercise of the response to an attack ("a terrorism response exercise")
    r"|terror(?:ism)?\s+(?:response|preparedness)\s+(?:exercise|drill))(?![\w\-])",
    regex.IGNORECASE,
)
_EN_FORCE_AT = Openings(
    _EN_FORCE,
    [
        *("joint", "multinational", "regional", "combined", "counter", "anti"),
        # not every "terror...": only where a response or preparedness exercise may be
        *("terror response", "terrorism response", "terror preparedness", "terrorism preparedness"),
    ],
)

_NAMED_OPERATION = compile_pattern(
    rf"{_WORD_START}(?P<head>[Oo]p[ée]rations?|OP[ÉE]RATIONS?|[Tt]ask[- ][Ff]orce|[Ff]orce|FORCE|"
    r"[Ee]xercices?|[Ee]xercises?)\s+(?!(?i:de|du|des|d|of|the|in|en|au|aux|à|on|for|pour|contre|against)\b)"
    r"(?P<name>\p{Lu}[\p{L}\-]+(?:\s+\p{Lu}[\p{L}\-]+){0,3})(?![\w\-])"
)
"""A force, an operation or an exercise and its name: ``l'opération Barkhane``, ``la task-force
Takuba``, ``Operation Hadin Kai``."""
_NAMED_OPERATION_AT = Openings(_NAMED_OPERATION, ["operation", "task", "force", "exercice", "exercise"])


_JIHADIST_STATE = (
    r"(?:l['’]\s*)?(?:organisation\s+(?:de\s+l['’]\s*)?)?[ée]tat\s+islamique|islamic\s+state|"
    r"(?-i:EI|IS|ISIS|ISIL)|da[ae]?e?[cs]h"
)
_COALITION = compile_pattern(
    _WORD_START + r"(?:coalition\s+(?:(?:militaire|internationale|mondiale|arabe|r[ée]gionale|multinationale|"
    r"islamique)\s+){0,2}(?:antiterroriste|anti-terroriste|anti-(?:EI|Daech|jihadiste|djihadiste)|"
    rf"(?:de\s+lutte\s+)?contre\s+(?:le\s+terrorisme|les\s+d?jihadistes|(?:le\s+groupe\s+)?{_JIHADIST_STATE})|"
    # or by what it does: "la coalition qui combat l'État islamique"
    rf"(?:qui\s+(?:combat|lutte\s+contre|affronte)|luttant\s+contre|combattant)\s+(?:le\s+terrorisme|les\s+d?jihadistes|"
    rf"(?:le\s+groupe\s+)?{_JIHADIST_STATE}))|"
    r"(?:counter-?terrorism|anti-?terror|anti-?terrorism|anti-?ISIS|anti-?IS|anti-?jihadist)\s+coalition|"
    rf"(?:(?:global|international)\s+)?coalition\s+(?:against|to\s+(?:defeat|counter|fight)|fighting|battling|combating)"
    rf"\s+(?:the\s+)?(?:terrorism|jihadists|{_JIHADIST_STATE}))"
    r"(?![\w\-])",
    regex.IGNORECASE,
)
"""A coalition the text calls one against terrorism or the Islamic State: a body states join
(``une coalition antiterroriste``, ``la coalition internationale contre l'État islamique``, ``a
counter-terrorism coalition``, ``the coalition against ISIS``), not any coalition (``the US-led
coalition``)."""
_COALITION_AT = Openings(_COALITION, ["coalition", "counter", "anti", "global", "international"])


# -- groups the text calls jihadist, terrorist, armed... ------------------------------------------

_GROUP_NAME = (
    r"(?P<name>(?!(?:The|Le|La|Les|Un|Une|A|An|Au|Aux|En|In)\s)(?-i:\p{Lu})[\p{L}'’\-]+(?:\s+(?:(?-i:\p{Lu})[\p{L}'’\-]+|al-[\p{L}\-]+|(?:de|du|des|wal|of|the)"
    r"(?=\s+(?-i:\p{Lu}))|d['’](?=(?-i:\p{Lu}))|(?:de|du|des|pour|la)\s+(?:la\s+|l['’])?(?-i:\p{Ll})[\p{L}\-]+))*)"
)
_FR_GROUP = compile_pattern(
    _WORD_START + r"(?:groupe|mouvement|organisation|faction|milice|nébuleuse|nebuleuse|secte|rébellion|"
    r"rebellion)s?\s+(?:(?:armée?s?|jihadistes?|djihadistes?|terroristes?|islamistes?|extrémistes?|"
    r"extremistes?|rebelles?|salafistes?|insurgée?s?|violente?s?)[^\S\n]+){1,2}(?:(?-i:\p{Ll})[\p{L}\-]+[^\S\n]+){0,1}?"
    r"(?:,\s*)?(?:«\s*)?" + _GROUP_NAME,
    regex.IGNORECASE,
)
_FR_GROUP_AT = Openings(
    _FR_GROUP, ["groupe", "mouvement", "organisation", "faction", "milice", "nebuleuse", "secte", "rebellion"]
)
_EN_GROUP = compile_pattern(
    _WORD_START + r"(?:jihadist|terrorist|militant|rebel|armed|extremist|insurgent|Islamist|"
    r"Islamic\s+State-linked|al-Qaeda-linked|ISIS-linked)\s+(?:group|movement|organi[sz]ation|outfit|faction|network|militia)s?[^\S\n]+"
    r"(?:,\s*)?(?:the\s+)?" + _GROUP_NAME,
    regex.IGNORECASE,
)
_EN_GROUP_AT = Openings(
    _EN_GROUP,
    [
        "jihadist",
        "terrorist",
        "militant",
        "rebel",
        "armed",
        "extremist",
        "insurgent",
        "islamist",
        "islamic",
        "al-qaeda",
        "isis",
    ],
)
_KIND_AFTER_NAME = (
    r",\s+(?:"
    r"(?:a|an)\s+(?:[\p{L}\-]+\s+){0,2}?(?:jihadist|terrorist|militant|rebel|extremist|insurgent|Islamist)"
    r"\s+(?:group|movement|organi[sz]ation|outfit|militia)"
    r"|(?:un|une)\s+(?:groupe|mouvement|organisation|milice)\s+(?:[\p{L}\-]+\s+){0,1}?"
    r"(?:jihadiste|djihadiste|terroriste|islamiste|armé|extrémiste|rebelle|salafiste))"
)
_KIND = compile_pattern(_KIND_AFTER_NAME, regex.IGNORECASE)
"""What follows a group's name to say what it is: ``, a jihadist group``, ``, un groupe armé``."""
_GROUP_THEN_KIND = compile_pattern(
    _GROUP_NAME + r"(?:\s*\([^()]{1,12}\))?" + _KIND_AFTER_NAME, regex.IGNORECASE
)
_NAME_REACH = 200
"""How far before what follows it a group's name may start."""


_MEMBERS_OF = compile_pattern(
    _WORD_START + r"(?:(?:alleged|suspected|présumés?|supposés?)\s+(?:members?|militants?|fighters?|membres|"
    r"combattants|éléments|jihadistes|djihadistes)|(?:membres|combattants|éléments|jihadistes|djihadistes)\s+"
    r"(?:présumés|supposés))\s+(?:of|du|de\s+la|des|de\s+l['’]|d['’])\s*"
    r"(?:the\s+)?" + _GROUP_NAME,
    regex.IGNORECASE,
)
_MEMBERS_OF_AT = Openings(
    _MEMBERS_OF,
    [
        "alleged",
        "suspected",
        "presume",
        "suppose",
        "membres",
        "combattants",
        "elements",
        "jihadistes",
        "djihadistes",
    ],
)


_ACRONYM_THEN_KIND = compile_pattern(
    r"\((?P<name>(?-i:\p{Lu}[\p{Lu}\d\-]{1,7}))\)" + _KIND_AFTER_NAME, regex.IGNORECASE
)
"""``Forces démocratiques alliées (ADF), un groupe armé``: the acronym names the group."""
_FIGHTERS_OF = compile_pattern(
    r"\m(?:rebelles|insurg[ée]s|jihadistes|djihadistes|miliciens|rebels|insurgents|jihadists|militants)[^\S\n]+"
    r"(?:du\s+|de\s+l['’]|des\s+|of\s+(?:the\s+)?)?(?P<name>(?-i:\p{Lu}[\p{Lu}\d\-]{1,7}))(?![\w\-])"
    r"|\m(?P<before>(?-i:\p{Lu}[\p{Lu}\d\-]{1,7}))[^\S\n]+(?:rebels|insurgents|jihadists|militants)(?![\w\-])",
    regex.IGNORECASE,
)
"""``les rebelles ADF``, ``les jihadistes de l'EIGS``, ``the ADF rebels``: an armed group's acronym,
on the same line (a headline's last word and a dateline's city are no group)."""
_FIGHTERS_WORD = Openings(
    compile_pattern(r"\m(?:rebel|insurg|jihadist|djihadist|milicien|militant)", regex.IGNORECASE),
    ["rebel", "insurg", "jihadist", "djihadist", "milicien", "militant"],
)
"""The first letters of the fighters' words, at a word's start: every match of ``_FIGHTERS_OF``
holds one."""


def _fighters_of(text: str) -> Iterator[Any]:
    """``_FIGHTERS_OF.finditer(text)``, run only in the sentences that speak of fighters: tried at
    every word, case folded, of the texts that do (a third of them), it cost more than all the
    other patterns of the groups. No reach before the fighters' word: the spaces between an
    acronym and the word after it (``ADF rebels``) are not bounded."""
    return _in_sentences_with(_FIGHTERS_OF, _FIGHTERS_WORD, text, reach=len(text))


def _threat_groups(text: str, lang: str) -> Iterable[Match]:
    """Groups the text itself calls jihadist, terrorist or armed (``le groupe jihadiste X``,
    ``the militant group X``, ``X, a jihadist group``, ``suspected members of X``), and every
    later mention of their name."""
    found_all = [
        *(_FR_GROUP_AT if lang == "fr" else _EN_GROUP_AT).finditer(text),
        *_MEMBERS_OF_AT.finditer(text),
        # "X, a jihadist group" is looked for only before ", a jihadist group", which is rare:
        # tried at every capitalised word, the name cost more than all the other patterns
        *(
            found
            for kind in _KIND.finditer(text)
            for found in _GROUP_THEN_KIND.finditer(text, max(0, kind.start() - _NAME_REACH), kind.end())
        ),
    ]
    names = set()
    for found in found_all:
        name = _TRAILING.sub("", found.group("name"))
        if len(name) > 2 and not _NOT_A_GROUP.fullmatch(name):
            names.add(name)
    for found in (*_ACRONYM_THEN_KIND.finditer(text), *_fighters_of(text)):
        name = found.group("name") or found.group("before")
        if not _NOT_A_GROUP.fullmatch(name):
            names.add(name)
    for name in sorted(names):
        for start, end in whole_words(text, [name]):
            yield Match(Threat, start, end, {"category": "group"}, "names/threat-group")


_NOT_A_GROUP = compile_pattern(
    r"(?:The|Le|La|Les|Un|Une|A|An|Il|Elle|It|They|Ils|Etat|État|State|Islamic|Al|Groupe|Group|Nigeria|"
    r"Mali|Niger|Somalia|Syria|Iraq|Afghanistan)",
)


# -- acronyms and short forms ---------------------------------------------------------------------

_ACRONYM = r"\p{Lu}[\p{Lu}\p{N}&\-]{1,9}"
_ACRONYM_BEFORE = compile_pattern(
    rf"(?P<acr>{_ACRONYM})\s*(?:\(|,\s*(?P<article>the|le|la|les|l{_APOSTROPHE}))\s*$"
)
"""An acronym just before the long name it stands for: ``ACR (Long Name)``, ``ACR, the Long
Name``."""
_SHORT_FORM = compile_pattern(
    rf"{_WORD_START}(?:(?:[lL]a|[lL]e|[lL]es|[cC]ette|[cC]e|[tT]he|[tT]his)\s+|[lL]{_APOSTROPHE}\s*)"
    rf"(?P<head>\p{{Lu}}\p{{Ll}}+(?:\s+de\s+travail|\s+Group|\s+Force)?)(?![\w\-])(?![^\S\n]+\p{{Lu}})",
)
_NAME_COMPLEMENT = compile_pattern(r"\s(?:of|on|against|for|to|in|de|du|des|pour|contre|sur)\s|\sd['’]")
"""Where a name's complement starts, after its head."""


def unlisted_names(text: str, lang: str | None, matches: Sequence[Match]) -> list[Match]:
    """``matches`` with the names, meetings, forces, acronyms and short forms that the rule packs
    missed added (see the module's docstring), sorted by position."""
    if lang not in ("fr", "en"):
        return sorted(matches, key=lambda m: (m.start, m.end))
    kept = _Kept(matches)
    for found in _threat_groups(text, lang):  # a name the text calls a group is one, whatever its head
        _add(kept, found, inside_ok=False)
    for found in _named(text, lang):
        _add(kept, found, inside_ok=False)
    _spelt_names(text, lang, kept)
    for found in _described(text, lang, kept):
        _add(kept, found, inside_ok=True)
    for found in _editions(text, kept):
        kept.append(found)
    for found in _campaigns_against(text, kept):
        _add(kept, found, inside_ok=False)
    for found in _talks_between(text, kept):
        _add(kept, found, inside_ok=False)
    _acronyms_before_names(text, kept)
    _short_forms(text, kept)
    _codes_alone(text, kept)
    _proper_names_again(text, kept)
    _surnames_alone(text, kept)
    _institutions_set_up(text, kept)
    _other_purposes(text, kept)
    return sorted(kept.matches, key=lambda m: (m.start, m.end))


_PURPOSE = compile_pattern(
    r"\m(?:contre|against|(?:to|pour)\s+(?:combat|fight|counter|prevent|tackle|lutter\s+contre|combattre|"
    r"pr[ée]venir))\M",
    regex.IGNORECASE,
)
"""What a programme's name says it is against or for: ``contre``, ``against``, ``to combat``."""
_THREAT_WORDS = (
    r"terror|extr[ée]mis|radicali|jihad|djihad|daech|daesh|isis|isil|qa[iï]da|boko|sh[ae]baa?b|[cs]h[ae]bab|"
    r"insurg|militant"
)
_OF_THE_THREAT = compile_pattern(_THREAT_WORDS, regex.IGNORECASE)
"""A threat the guidelines' Initiatives are run against, named in a programme's name."""
_OF_THE_DOMAIN = compile_pattern(
    rf"{_THREAT_WORDS}|rebel|combattants|fighters|s[ée]curit|menace|threat|violen|arm[ée]s?\M|groupes|groups",
    regex.IGNORECASE,
)
"""Words of the guidelines' field in a purpose: a threat, a group, security, violence."""
_OTHER_FIELD = compile_pattern(
    r"civil\s+defen[cs]e|protection\s+civile|d[ée]fense\s+civile|narcotic|\mdrugs?\M|stup[ée]fiants|\mdrogues?\M|"
    r"\mhealth|sant[ée]\M|sanitaire|\mfood\M|alimentaire|climat|education|[ée]ducation|economic|[ée]conomique|"
    r"\mtrade\M|tourism|agricultur|covid|pand[ée]mi|road\s+safety|s[ée]curit[ée]\s+routi[èe]re",
    regex.IGNORECASE,
)
"""Words of another field than the guidelines' in a programme's name: civil defence, drugs,
health, food, the economy."""
_OTHER_PURPOSE_AT_END = compile_pattern(
    r"(?:pour\s+(?:le|la|l['’])\s*|for\s+)(?:d[ée]veloppement|development|civili[sz]ation)$", regex.IGNORECASE
)
"""A name whose whole purpose, at its end, is another field's (``Initiative mondiale pour le
développement``); one that goes on (``pour le développement et la sécurité``) stays."""
_BARE_KIND = compile_pattern(
    r"memorandum\s+of\s+understanding|m[ée]morandum\s+d['’]entente|protocole\s+d['’]accord", regex.IGNORECASE
)
"""A kind of document that is a name's head and its own complement: alone, it names none."""
_QUOTE = compile_pattern(r"[«»“”\"]")
_CLAUSE_END = compile_pattern(r"[.;:!?\n]")
"""Where the clause a programme is named in ends: what it is against is told before."""


def _other_purposes(text: str, kept: _Kept) -> None:
    """Drop the programmes a rule found whose name or stated purpose is of another field
    (``Arab civil defense strategy``, ``stratégie de lutte contre la criminalité multiforme``,
    ``strategy against the illegal use of narcotics``): the guidelines' Initiatives are run
    against terrorism or violent extremism. A gazetteer's names, and names or purposes that hold
    a threat or a word of the domain, stay."""
    for m in kept.matches:
        if m.type is not Initiative or m.entity is not None:
            continue
        if (
            _OTHER_FIELD.search(text, m.start, m.end) or _OTHER_PURPOSE_AT_END.search(text, m.start, m.end)
        ) and not _OF_THE_THREAT.search(text, m.start, m.end):
            kept.remove(m)  # "Arab civil defense strategy", "programme de sécurité alimentaire"
            continue
        if _BARE_KIND.fullmatch(text, m.start, m.end):
            kept.remove(m)  # "signed a memorandum of understanding": which one, nothing says
            continue
        if _QUOTE.search(text, m.start, m.end):
            continue  # "programme « Jeunes contre la haine »": a name in quotes, no stated purpose
        purpose = _PURPOSE.search(text, m.start, m.end)
        if purpose is None:
            continue
        # what it is against, up to the end of the clause: "contre la criminalité et le terrorisme"
        stop = _CLAUSE_END.search(text, m.end, min(len(text), m.end + 80))
        end = stop.start() if stop is not None else min(len(text), m.end + 80)
        if _OF_THE_DOMAIN.search(text, m.start, end):
            continue
        if any(t.type is Threat for t in kept.overlapping(purpose.end(), end)):
            continue
        kept.remove(m)


class _Kept:
    """The mentions found so far, in the order found, with a look-up of those that overlap a
    span that reads only the few around it: each step stays linear on a long document."""

    def __init__(self, matches: Iterable[Match]) -> None:
        self._order = {id(m): m for m in matches}  # insertion-ordered, and a removal is O(1)
        self._by_start = sorted(self._order.values(), key=start_of)
        self._longest = max((m.end - m.start for m in self._by_start), default=0)

    @property
    def matches(self) -> list[Match]:
        return list(self._order.values())

    def __iter__(self) -> Iterator[Match]:
        return iter(self.matches)

    def overlapping(self, start: int, end: int) -> list[Match]:
        """The mentions that overlap ``[start, end)``."""
        return list(overlapping(self._by_start, start, end, self._longest))

    def append(self, m: Match) -> None:
        self._order[id(m)] = m
        bisect.insort(self._by_start, m, key=start_of)
        self._longest = max(self._longest, m.end - m.start)

    def remove(self, m: Match) -> None:
        del self._order[id(m)]
        i = bisect.bisect_left(self._by_start, m.start, key=start_of)
        while self._by_start[i] is not m:
            i += 1
        del self._by_start[i]


def _named(text: str, lang: str) -> Iterable[Match]:
    yield from _named_operations(text)
    yield from _operations_named_in_quotes(text)
    yield from _coalitions(text)
    if lang == "fr":
        for found in _FR_MISSION_AT.finditer(text):
            yield Match(Initiative, found.start("span"), found.end("span"), {}, "names/mission")
        for found in _FR_NAMED_AFTER_PLACE_AT.finditer(text):
            kind = _type_of_head(found.group("head"), lang)
            yield Match(kind, found.start(), found.end(), {}, "names/named-after-place")
    elif "Process" in text:
        for found in _EN_PROCESS_AFTER_PLACE.finditer(text):
            yield Match(
                Forum, found.start(), found.end(), {"kind": "organisation"}, "names/named-after-place"
            )
    found_all = list(_FR_NAMED_AT.finditer(text) if lang == "fr" else _en_named(text))
    named = _FR_NAMED if lang == "fr" else _EN_NAMED
    for found in list(found_all):  # "la 33e Réunion du Comité ... (UNSAC)": the body as well
        body = _MEETING_HEAD.fullmatch(found.group("head")) and _OF_A_BODY.match(text, found.end("head"))
        if body and (inner := named.match(text, body.end())) is not None:
            found_all.append(inner)
    launched = {  # the names of centres the text sets up somewhere, the only ones asked about
        found.group()
        for found in found_all
        if _INSTITUTION_HEADS.fullmatch(found.group("head")) and _set_up_near(text, *found.span())
    }
    for found in found_all:
        if _INSTITUTION_HEADS.fullmatch(found.group("head")) and found.group() not in launched:
            continue
        start, end = _on_the_head_line(text, found.span(), found.span("head"))
        span = _TRAILING.sub("", text[start:end])
        end = start + len(span)
        head = found.group("head")
        if end == found.end("head") and found.start("head") == start:
            continue  # "Conseil" alone: a short form at best, typed after its long name
        if end - start < 4:
            continue
        kind = _type_of_head(head, lang)
        if kind is Forum and _STATE_S_OWN.search(text, start, end):
            kind = Actor  # a state's own committee ("Senate Intelligence Committee"): no states convene
        elif kind is Actor and _COMMISSION.fullmatch(head) and _JOINT.search(text, start, end):
            kind = Forum  # "Joint Permanent Commission on Defence and Security": where two states meet
        if kind is not Actor and not _of_the_domain(text, head, start, end):
            continue
        if kind is Actor and _A_MEDIUM.search(text, start, end):
            continue  # "Algérie Presse Service", "State Information Service": credits, not Actors
        if kind is Forum and _COUNCIL.fullmatch(head) and not _COUNCIL_TOPIC.search(text, start, end):
            continue  # a governing council (``Conseil militaire de transition``), not a forum
        attributes = {"kind": "organisation", "name": text[start:end]} if kind is Actor else {}
        if _MEETING_HEAD.fullmatch(head):
            attributes = {"kind": "meeting"}
        yield Match(kind, start, end, attributes, "names/named-head")


_COMMISSION = compile_pattern(r"commissions?", regex.IGNORECASE)
_JOINT = compile_pattern(
    r"\m(?:joint|mixte|conjointe|bilat[ée]rale?|intergovernmental|intergouvernementale)\M", regex.IGNORECASE
)
"""What makes a commission one where states meet, not a body of one: ``Joint Commission``,
``Commission mixte``."""
_OF_A_BODY = compile_pattern(r"\s+(?:du|de\s+la|de\s+l['’]|des|of\s+the|of)\s*(?=\p{Lu})", regex.IGNORECASE)
"""The preposition between a meeting's head and the body whose meeting it is."""


_A_MEDIUM = compile_pattern(r"\m(?:Press|Presse|News|Information|Media|Médias|Broadcasting)\M")
"""A word of a news service's name: it publishes what others say (the guidelines' media credits)."""
_STATE_S_OWN = compile_pattern(
    r"\m(?:Senate|House|Commons|Lords|Congressional|Cabinet|Sénat|Assemblée\s+nationale|"
    r"sénatoriale|interministériel|interministérielle|interministerial|inter-ministerial)\M"
    # a state committee, as the former Soviet states name their security services: "Comité
    # d'État pour la Sécurité nationale", "State Committee for National Security"
    r"|\mComit[ée]\s+d['’]\s*[ÉE]tat\M|\mState\s+Committee\M"
)
"""A word of a state's legislature or government in a body's name: the body is that state's own."""


def _set_up_near(text: str, start: int, end: int) -> bool:
    """Whether the text sets up the institution named at ``text[start:end]`` (``a établi un Centre
    de ...``, ``the centre launched in ...``): a word of launching in the 200 characters before the
    name or the 100 after it."""
    return _LAUNCHED.search(text, max(0, start - 200), min(len(text), end + 100)) is not None


def _of_the_domain(text: str, head: str, start: int, end: int) -> bool:
    """Whether the body or programme named at ``text[start:end]``, with its ``head``, is of the
    guidelines' field: by its head (a joint force, a summit), by a word of its name, or, for a
    council, by whom it convenes (ministers, security chiefs: "CSTO Council of Foreign
    Ministers")."""
    return bool(
        _HEADS_OF_THE_DOMAIN.fullmatch(head)
        or _TOPIC.search(text, start, end)
        or (_COUNCIL.fullmatch(head) and _COUNCIL_TOPIC.search(text, start, end))
    )


def _on_the_head_line(text: str, span: tuple[int, int], head: tuple[int, int]) -> tuple[int, int]:
    """The part of a name's ``span`` on the line of its ``head``: a name never runs over a line
    break (``From X, Maiduguri`` in a byline above ``Force Commander ...`` is not ``Maiduguri
    Force``)."""
    start, end = span
    start = max(start, text.rfind("\n", start, head[0]) + 1)
    newline = text.find("\n", head[1], end)
    return start, newline if newline >= 0 else end


_APPOSED = compile_pattern(r",\s+(?:an?|une?)\s+$", regex.IGNORECASE)
"""``X, an annual meeting hosted by ...``: a description of X in apposition, not a meeting of its own."""
_APPOSED_REACH = 150
"""How far before an apposed description the name it describes is looked for, in its sentence."""


def _described(text: str, lang: str, kept: _Kept) -> Iterable[Match]:
    for found in _described_meetings(text, lang):
        apposed = _APPOSED.search(text, max(0, found.start - 8), found.start)
        if apposed is None:
            yield found
            continue
        # the name it describes comes before it in the sentence ("the CTF Summit in Kuala Lumpur,
        # an annual meeting ..."); with none, it is a meeting of its own ("se tient, à Tripoli,
        # une réunion des ...")
        reach = max(0, apposed.start() - _APPOSED_REACH)  # looked for no further back: linear
        opening = max(
            text.rfind(". ", reach, apposed.start()), text.rfind("\n", reach, apposed.start()), reach
        )
        if not any(m.type in (Forum, Initiative) for m in kept.overlapping(opening, apposed.start())):
            yield found


def _described_meetings(text: str, lang: str) -> Iterable[Match]:
    if lang == "fr":
        for found in _FR_DESCRIBED_AT.finditer(text):
            start, end = found.span("span")
            end = start + len(_TRAILING.sub("", text[start:end]))
            yield Match(Forum, start, end, {"kind": "meeting"}, "names/described-meeting")
        for found in _FR_FORCE_AT.finditer(text):
            if not _generic_plural(text, found.start("span"), found.group("span")):
                yield Match(Initiative, found.start("span"), found.end("span"), {}, "names/force")
    else:
        for found in _in_sentences_with(_EN_DESCRIBED, _EN_MEETING_WORD, text, reach=200):
            start, end = found.span("span")
            if text.startswith("meeting", start) and _MEETING_THE_VERB.search(
                text, max(0, start - 20), start
            ):
                continue  # "the ministers, meeting in Abuja, agreed": the verb
            end = start + len(_TRAILING.sub("", text[start:end]))
            yield Match(Forum, start, end, {"kind": "meeting"}, "names/described-meeting")
        for found in _EN_QUOTED_MEETING.finditer(text):  # a scan for the marks costs less than the sentences
            yield Match(Forum, found.start(), found.end(), {"kind": "meeting"}, "names/described-meeting")
        for found in _EN_FORCE_AT.finditer(text):
            if not _generic_plural(text, found.start("span"), found.group("span")):
                yield Match(Initiative, found.start("span"), found.end("span"), {}, "names/force")
    for found in _AGREEMENT_AT.finditer(text):  # its words are French and English alike
        yield Match(Initiative, found.start("span"), found.end("span"), {}, "names/agreement")


_PLURAL_ACTIVITY = compile_pattern(
    r"\m(?:opérations|operations|patrouilles|exercices|manœuvres|manoeuvres|exercises|drills|patrols)\M",
    regex.IGNORECASE,
)
_SPECIFIC_BEFORE = compile_pattern(
    r"(?:\m(?:the|these|those|their|its|our|les|ces|leurs|ses|nos)"
    r"|(?:organisation|tenue|conduite|lancement|poursuite|reprise|bilan|fin)\s+des"
    # started now, these ones: "a donné jeudi le coup d'envoi de manœuvres", "began joint drills"
    r"|coup\s+d['’]envoi(?:\s+\w+){0,2}\s+de"
    r"|\m(?:launched|began|begun|started|staged|kicked\s+off|lancé|entamé|débuté)(?:\s+\w+)?(?:\s+des)?)\s+$",
    regex.IGNORECASE | regex.REVERSE,
)


_NAMED_AFTER = compile_pattern(
    r"\s*(?:,\s*)?(?:dubbed|called|named|code-?named|baptis[ée]e?s?|d[ée]nomm[ée]e?s?|intitul[ée]e?s?|[«“‘\"(])",
    regex.IGNORECASE,
)


_CAPITALISED_AFTER_HEAD = compile_pattern(r"\s\S*\p{Lu}")
"""A capitalised word after an activity's first word: the forces or states it is of, named."""


def _generic_plural(text: str, start: int, span: str) -> bool:
    """Whether joint activities in the plural are the guidelines' generic plural (``mener des
    opérations conjointes``, ``plans for joint exercises``), not ones the text singles out
    (``les patrouilles conjointes``, ``l'organisation des opérations conjointes programmées``)."""
    if _PLURAL_ACTIVITY.search(span) is None or span.lower().startswith(("force", "joint force")):
        return False
    if _CAPITALISED_AFTER_HEAD.search(span) is not None:
        return False  # whose they are, named: "les opérations conjointes des FARDC et de l'UPDF"
    end = start + len(span)
    return (
        _SPECIFIC_BEFORE.search(text, max(0, start - 30), start) is None
        and _NAMED_AFTER.match(text, end) is None  # "joint drills dubbed 'Cooperation 2024'"
    )


_EDITION_OF = compile_pattern(
    rf"\m(?:[ée]dition\s+(?:du|de\s+la|des|de\s+l{_APOSTROPHE})|edition\s+of(?:\s+the)?)\s*$",
    regex.IGNORECASE,
)


_PAIR_JOIN = compile_pattern(r"[^\S\n]*[-–/][^\S\n]*")
_TALKS = compile_pattern(
    r"[^\S\n]+(?:(?:counter-?terrorism|security|strategic|political|defen[cs]e|joint|high-level)[^\S\n]+){0,3}"
    r"(?:dialogue|talks|consultations?|summit|meeting|working[^\S\n]+group)\M",
    regex.IGNORECASE,
)
"""What follows two parties named together to name their talks: ``Counterterrorism Dialogue``,
``dialogue``, ``counter-terrorism joint working group``."""
_TALKS_HEAD = compile_pattern(
    r"\m(?:dialogue|talks|consultations?|summit|meeting|working\s+group)$", regex.IGNORECASE
)


_JOIN_AHEAD = re.compile(r"[^\S\n]{0,2}[-–/]")
_PURPOSE_WORD = re.compile(r"contre|against|\sto\s|visant|\spour\s", re.IGNORECASE)
"""Cheap first tests (the standard library's plain scans) of the two patterns below; the
purpose's words in any case, as the pattern reads them (``pour neutraliser``, ``CONTRE``)."""


def _talks_between(text: str, kept: _Kept) -> Iterator[Match]:
    """Talks named by the two parties that hold them (``the Pakistan-U.S. Counterterrorism
    Dialogue``, ``the last Pakistan-U.S. dialogue``, ``the European Union - Pakistan Political
    Dialogue``): a meeting, whose parties are words of its name there, not Actors."""
    parties = {
        m.start: m for m in kept if m.type is Actor and m.attributes.get("kind") in ("state", "organisation")
    }
    for first in sorted(parties.values(), key=start_of):
        if _JOIN_AHEAD.match(text, first.end) is None or (join := _PAIR_JOIN.match(text, first.end)) is None:
            continue  # most parties are named alone
        second = parties.get(join.end())
        if second is not None and (talks := _TALKS.match(text, second.end)):
            yield Match(Forum, first.start, talks.end(), {"kind": "meeting"}, "names/talks-between")
        # "European Union - Pakistan Political Dialogue": the second party opens a talks' name
        for m in kept.overlapping(join.end(), join.end() + 1):
            if m.type is Forum and m.start == join.end() and _TALKS_HEAD.search(text, m.start, m.end):
                yield Match(Forum, first.start, m.end, {"kind": "meeting"}, "names/talks-between")


_CAMPAIGN_AGAINST = compile_pattern(
    r"\m(?P<head>(?:(?:military|joint|air|ground|counter-?terrorism|security)\s+)*(?:campaign|operation|offensive)|"
    r"(?:campagne|op[ée]ration|offensive))"
    r"(?:\s+(?:militaire|conjointe|a[ée]rienne|terrestre|antiterroriste|de\s+s[ée]curisation))*"
    r"\s+(?:contre|against|to\s+(?:defeat|fight|counter|combat|dislodge|flush\s+out|crush)|visant\s+[àa]\s+"
    r"(?:neutraliser|combattre|d[ée]loger)|pour\s+(?:neutraliser|combattre|d[ée]loger))"
    r"\s+(?:les\s+|la\s+|le\s+|l['’]|des\s+|the\s+)?"
    r"(?:(?:jihadistes|djihadistes|combattants|terroristes|insurg[ée]s|militants|fighters|jihadists|insurgents|"
    r"[ée]l[ée]ments)\s+(?:de\s+l['’]|du\s+|de\s+la\s+|des\s+|of\s+(?:the\s+)?))?(?:pro-)?$",
    regex.IGNORECASE | regex.REVERSE,
)
"""What a campaign or an operation against a group reads as before the group: ``campagne
militaire contre``, ``an offensive against``, ``operation to defeat pro-``, ``l'opération contre
les jihadistes de l'``. Looked for backwards from the group's name."""


def _campaigns_against(text: str, kept: _Kept) -> Iterator[Match]:
    """A campaign, an operation or an offensive against a group or a threat the text names
    (``campagne militaire contre Daech``, ``an offensive against Boko Haram``): an Initiative
    that ends with the group's name, which is no mention of its own there (the guidelines'
    ``campagne militaire contre Daech``)."""
    for threat in [m for m in kept if m.type is Threat]:
        if _PURPOSE_WORD.search(text, max(0, threat.start - 120), threat.start) is None:
            continue  # no word a campaign's purpose is said with: most groups are named otherwise
        found = _CAMPAIGN_AGAINST.search(text, max(0, threat.start - 120), threat.start)
        if found is not None and found.end() == threat.start:
            yield Match(Initiative, found.start("head"), threat.end, {}, "names/campaign-against")


def _editions(text: str, matches: _Kept) -> list[Match]:
    """``la 4e édition du Forum de Dakar``, ``the second edition of the Global Forum``: that year's
    meeting, a described meeting around the forum's name (which stays a mention of its own),
    unless a mention already covers the words before the name."""
    out = []
    for m in matches:
        if m.type is Forum:
            edition = _EDITION_OF.search(text, max(0, m.start - 24), m.start)
            if edition is not None and not any(
                o.start < m.start for o in matches.overlapping(edition.start(), m.start)
            ):
                out.append(Match(Forum, edition.start(), m.end, {"kind": "meeting"}, "names/edition"))
    return out


def _coalitions(text: str) -> Iterator[Match]:
    if "oalition" not in text and "OALITION" not in text:
        return  # most texts: the pattern is not tried at every word
    for found in _COALITION_AT.finditer(text):  # nor in the others (half of them)
        yield Match(Forum, found.start(), found.end(), {"kind": "organisation"}, "names/coalition")


def _named_operations(text: str) -> Iterator[Match]:
    for found in _NAMED_OPERATION_AT.finditer(text):
        first = found.group("name").split()[0]
        # "the operation In July": no name; "the Force Commander": a title
        if not is_month_or_day(first) and not _TITLE_AFTER_HEAD.fullmatch(first):
            yield Match(Initiative, found.start(), found.end(), {}, "names/named-operation")


_TITLE_AFTER_HEAD = compile_pattern(_TITLE_WORDS)
"""A title that a force's word opens (``Force Commander``, ``Opération Chief``): a person's, no name."""


_MEETING_THE_VERB = compile_pattern(
    r"(?:[,;]|\m(?:states|countries|ministers|leaders|officials|delegates|chiefs|who|were|was|are|is|be|been|"
    r"after|before|while|when|by))\s+$"
)
"""What makes ``meeting`` after it the verb: ``the ministers, meeting in Abuja``, ``EU states
meeting in Spain``, ``after meeting the president``."""
_EN_QUOTED_MEETING = compile_pattern(
    r"(?<![\w\-])[“\"](?-i:\p{Lu})[^“”\"\n]{0,40}?[”\"]\s+(?:summit|conference|meeting|dialogue|forum)(?![\w\-])",
    regex.IGNORECASE,
)
"""A meeting named in quotes before its noun: ``the "Lomé 3" conference``."""
_EN_MEETING_WORD = Openings(
    compile_pattern(rf"\m(?:{_EN_MEETING})", regex.IGNORECASE), _EN_MEETING.split("|")
)
_SENTENCE_MARK = compile_pattern(r"[.!?]")
_SENTENCE_MARK_BEFORE = compile_pattern(r"[.!?]", regex.REVERSE)


def _in_sentences_with(pattern: Any, anchor: Any, text: str, reach: int) -> Iterator[Any]:
    """``pattern.finditer(text)``, run only where a sentence holds a match of ``anchor``: from
    ``reach`` code points before the sentence's first one to the sentence's end.

    The same matches as over the whole text, for a ``pattern`` whose every match holds a match
    of ``anchor`` less than ``reach`` after its own start, and no ``.``, ``!`` or ``?`` (so that
    it never spans two sentences, and a window ending at one cuts none short). A pattern tried at
    every word of the text costs more than finding its anchors, which are few.
    """
    done = 0  # the text before this is searched
    for a in anchor.finditer(text):
        if a.start() < done:
            continue
        lo = max(done, a.start() - reach)
        mark = _SENTENCE_MARK_BEFORE.search(text, lo, a.start())  # the nearest, in one pass back
        if mark is not None:
            lo = mark.end()
        mark = _SENTENCE_MARK.search(text, a.end())
        hi = mark.start() if mark is not None else len(text)
        yield from pattern.finditer(text, lo, hi)
        done = hi


def _add(kept: _Kept, new: Match, inside_ok: bool) -> None:
    """Add ``new`` to ``kept`` unless a mention of a mission type already covers it.

    A Forum, Initiative or Threat that overlaps ``new`` wins; a shorter one inside it gives way
    (a name is one mention). Actors inside a described meeting (``inside_ok``: its organiser or
    host) stay; inside a name, they are part of it and go.
    """
    if inside_ok:
        # "réunion ministérielle de la Coalition internationale": a meeting described by its
        # organiser ends where the organiser's name does, not inside it
        around = kept.overlapping(new.start, new.end)
        ends = [m.end for m in around if new.start < m.start < new.end < m.end]
        if ends and not any(m.start < new.start < m.end for m in around):
            new = attrs.evolve(new, end=max(ends))
    dropped = []
    widened = []
    for m in kept.overlapping(new.start, new.end):
        inside = new.start <= m.start and m.end <= new.end and (m.start, m.end) != (new.start, new.end)
        if m.type is Actor and inside and inside_ok:
            continue
        if inside_ok and m.type is Initiative and m.start < new.start < m.end < new.end:
            # "les recommandations issues de la dernière réunion tenue à Accra": the programme's
            # complement names the whole meeting, which is annotated as well
            widened.append(m)
            continue
        if inside_ok and m.type is Forum and m.attributes.get("kind") == "meeting":
            return  # the rule packs' own description of this meeting stands
        if (
            not inside_ok
            and new.type in (Forum, Initiative)
            and m.type is Forum
            and m.attributes.get("kind") == "meeting"
            and m.start < new.start < m.end < new.end
        ):
            # "a meeting of ECOWAS Committee of Chiefs of Defence Staff": the meeting a rule
            # described up to the first name of its organiser holds the organiser's whole name
            widened.append(m)
            continue
        if inside and m.type in (Actor, Threat):
            dropped.append(m)  # part of the new, longer name
        elif inside and m.type is new.type and m.entity is None and not inside_ok:
            # a rule's shorter reading of the same name ("Operation Hadin" of "Operation Hadin Kai")
            dropped.append(m)
        elif inside and m.type in (Forum, Initiative) and inside_ok:
            continue  # a Forum named inside a described meeting is annotated as well
        elif (
            not inside_ok
            and new.type in (Forum, Initiative)
            and m.type is Forum
            and m.attributes.get("kind") == "meeting"
            and m.start <= new.start
            and new.end <= m.end
            and (m.start, m.end) != (new.start, new.end)
        ):
            continue  # and the other way round: a name inside a meeting described already
        else:
            return  # an existing mention covers this place
    for m in dropped:
        kept.remove(m)
    for m in widened:
        kept.remove(m)
        kept.append(attrs.evolve(m, end=new.end))
    kept.append(new)


_BRACKETED_ACRONYM = compile_pattern(r"\(\s*(?P<acr>\p{Lu}[\p{L}\p{N}&\-]{2,9})\s*\)")
_BEFORE_A_NAME = compile_pattern(r"[.;:!?()«»\"“”\n]", regex.REVERSE)
"""What never stands inside a name written out before its acronym: where it may start, looking back."""
_SPELT_WORD = compile_pattern(r"[\p{L}\p{N}]+")
_LINK_WORDS = frozenset(
    {"de", "du", "des", "d", "la", "le", "les", "l", "et", "en", "au", "aux", "a", "pour", "sur", "contre"}
    | {"par", "matiere", "of", "the", "and", "for", "on", "in", "against", "to"}
)
"""Words that an acronym may spell or skip (``de``, ``the``); it spells every other word of the name."""
_SPELT_REACH = 200


def _spelt_names(text: str, lang: str, kept: _Kept) -> None:
    """A name written out before the acronym that spells it, in lower case as the French press
    writes many (``le comité des chefs des services de renseignement africains (CCSRA)``,
    ``l'organe de coordination de la défense et de la sécurité (OCDS)``, ``the coastal states
    security committee (CSSC)``): up to the bracket, a name with a head noun of a type (in French
    the name opens with it, in English it ends the words before any complement), each of its
    words but the linking ones spelt by a letter of the acronym in turn (as Schwartz and Hearst
    find long forms). The acronym then names it everywhere (``_with_acronyms``)."""
    if "(" not in text:
        return
    for found in _BRACKETED_ACRONYM.finditer(text):
        size = sum(c.isalpha() for c in found.group("acr"))
        if size < 3:
            continue
        end = found.start()
        while end > 0 and text[end - 1] in " ,":
            end -= 1
        if any(m.end == end for m in kept.overlapping(end - 1, end)):
            continue  # the name before the bracket is found already (most are)
        reach = max(0, end - _SPELT_REACH)
        stop = _BEFORE_A_NAME.search(text, reach, end)
        lo = stop.end() if stop is not None else reach
        words = list(_SPELT_WORD.finditer(text, lo, end))[-3 * size :]  # a name has no more
        window = fold(text[lo:end])  # folded at once: a fold per word cost more than the rest
        if len(window) == end - lo:
            folded = [window[w.start() - lo : w.end() - lo] for w in words]
        else:  # a letter whose lower case is longer: one by one
            folded = [fold(w.group()) for w in words]
        letters = [c for c in fold(found.group("acr")) if c.isalpha()]
        for i, word in enumerate(words):  # the longest name first
            if folded[i][0] != letters[0] or not _spells_words(folded[i:], letters):
                continue
            if lang == "fr":  # the head opens the name
                head = _HEAD_WORD.match(text, word.start(), end)
            else:  # the last head before the complement: "regional counter-terrorism centre"
                complement = _NAME_COMPLEMENT.search(text, word.start(), end)
                before = complement.start() if complement is not None else end
                heads = list(_HEAD_WORD_IN.finditer(text, word.start(), before))
                head = heads[-1] if heads else None
            if head is None:
                continue
            start = word.start()
            if _INSTITUTION_HEADS.fullmatch(head.group()) and not _set_up_near(text, start, end):
                break  # a centre that acts is an Actor, known by name: not typed here (see _named)
            kind = _type_of_head(head.group(), lang)
            if kind is not Actor and not _of_the_domain(text, head.group(), start, end):
                break
            if kind is Actor and _A_MEDIUM.search(text, start, end):
                break  # "Algérie Presse Service (APS)": a news service, a credit
            attributes = {"kind": "organisation", "name": text[start:end]} if kind is Actor else {}
            _add(kept, Match(kind, start, end, attributes, "names/spelt-by-acronym"), inside_ok=False)
            break


def spelt_by(name: str, acronym: str) -> bool:
    """Whether ``acronym`` spells ``name``, as :func:`_spells_words` has it."""
    letters = [c for c in fold(acronym) if c.isalpha()]
    return bool(letters) and _spells_words([fold(w) for w in _SPELT_WORD.findall(name)], letters)


def _spells_words(words: Sequence[str], letters: Sequence[str]) -> bool:
    """Whether ``letters`` are the initials of ``words`` in turn, the first word's first, each
    word spelt but linking ones (which may be), every letter used."""
    if not words or words[0] in _LINK_WORDS or words[0][0] != letters[0]:
        return False  # a name opens with a word of its own
    # spelt[j]: can letters[k:] spell words[j:]? computed for k from the last letter back
    size = len(words)
    after = [True] * (size + 1)  # no letter left: only linking words may follow
    for j in range(size - 1, -1, -1):
        after[j] = after[j + 1] and words[j] in _LINK_WORDS
    for letter in reversed(letters):
        now = [False] * (size + 1)
        for j in range(size - 1, -1, -1):
            skip = words[j] in _LINK_WORDS and now[j + 1]
            now[j] = skip or (words[j][0] == letter and after[j + 1])
        after = now
    return after[0]


def _acronyms_before_names(text: str, kept: _Kept) -> None:
    """``ACR (Long Name)``, ``ACR, the Long Name``: the acronym takes the long name's type
    (added, or retyped where a gazetteer gave it another), everywhere in the text."""
    for m in list(kept):
        if m.type not in (Forum, Initiative):
            continue
        found = _ACRONYM_BEFORE.search(text, max(0, m.start - 16), m.start)
        if found is None:
            continue
        if found.group("article") and found.group("acr")[0] != text[m.start].upper():
            continue  # "the UN, the Global Forum and ...": a list, not a name and its acronym
        for start, end in whole_words(text, acronym_forms(found.group("acr")), found.start("acr")):
            same = kept.overlapping(start, end)
            if all((o.start, o.end) == (start, end) for o in same):  # a gazetteer's type gives way
                for o in same:
                    kept.remove(o)
                kept.append(Match(m.type, start, end, {}, "names/acronym-before", m.entity))


_MEETING_HEAD = compile_pattern(rf"(?:{_FR_MEETING}|{_EN_MEETING}|semaine|week)(?![\w\-])", regex.IGNORECASE)
"""Heads of a named meeting, which a body's name may follow (``Réunion du Comité ...``)."""


_HEAD_WORD = compile_pattern(
    rf"(?:{_FR_INITIATIVE_HEADS}|{_FR_FORUM_HEADS}|{_EN_INITIATIVE_HEADS}|{_EN_FORUM_HEADS}|"
    rf"{_FR_ORGANISATION_HEADS}|{_EN_ORGANISATION_HEADS})(?![\w\-])",
    regex.IGNORECASE,
)


_HEAD_WORD_IN = compile_pattern(rf"(?<![\w\-]){_HEAD_WORD.pattern}", regex.IGNORECASE)


def _short_forms(text: str, kept: _Kept) -> None:
    """The capitalised head alone after an article (``la Plateforme``, ``the Process``), once the
    document has named a body or programme with that head: typed like it."""
    heads: dict[str, Match] = {}
    for m in kept:
        ours = m.type is Actor and m.origin == "names/named-head"
        if not (m.type in (Forum, Initiative) or ours) or _MEETING_HEAD.match(text, m.start, m.end):
            continue
        # the head of the name: first in French ("Plateforme de ..."), inside in English, the last
        # capitalised head before its complement ("Inter-American Committee against Terrorism",
        # the "Working Group" of "Pacific Forum Working Group on Counter-Terrorism")
        word = _HEAD_WORD.match(text, m.start, m.end)
        if word is None and text[m.start].isupper():  # a title-case name: its head inside
            complement = _NAME_COMPLEMENT.search(text, m.start, m.end)
            before = complement.start() if complement is not None else m.end
            capitalised = [w for w in _HEAD_WORD_IN.finditer(text, m.start, m.end) if w.group()[0].isupper()]
            word = next((w for w in reversed(capitalised) if w.end() <= before), None) or next(
                iter(capitalised), None
            )
        if (
            word
            and (word.start(), word.end()) != (m.start, m.end)
            and not _MEETING_HEAD.fullmatch(word.group())
            # inside a name, a body's head is its complement's ("de l'Union européenne")
            and (word.start() == m.start or not _ORGANISATION_WORDS.fullmatch(word.group()))
        ):
            heads.setdefault(word.group().lower(), m)
    if not _named_again(text, heads):
        return
    for found in _SHORT_FORM.finditer(text):
        named = heads.get(found.group("head").lower())
        if named is None or found.start() < named.end:
            continue
        start, end = found.span("head")
        if kept.overlapping(start, end):
            continue
        if text[found.start()].isupper() and _INSTITUTION_HEADS.fullmatch(found.group("head")):
            # "Le Centre a reçu ...": a centre that opens a sentence acts there, as the institution
            # it is (the guidelines' Actor); set up, it was an Initiative
            kept.append(Match(Actor, start, end, {"kind": "organisation"}, "names/short-form"))
        else:
            kept.append(Match(named.type, start, end, {}, "names/short-form", named.entity))


def _named_again(text: str, heads: Mapping[str, Match]) -> bool:
    """Whether a head of ``heads`` occurs again, in any letter case, after the name it was taken
    from: a short form's head, lowercased, is one of them, found after that name. Most texts
    name none again, and are not searched for short forms (``_SHORT_FORM`` would try every
    capitalised word). ``str.lower`` lowercases the text code point for code point, as it does
    the head, unless it changes its length: that text is searched.

    The text is read lowered as the statements read it (``TextViews.lowered``, made once for the
    document): its typographic spaces, hyphens and apostrophes are plain ones there. A head's are
    plain already (``_HEAD_WORD`` spells them so), so it is found wherever ``text.lower()`` holds
    it, and where only a typographic one stands the search below makes sure."""
    views = views_of(text)
    lowered = views.lowered
    if lowered is views.plain:  # lowercasing changed its length: not lowered
        return True
    return any(lowered.find(head, named.end) >= 0 for head, named in heads.items())


_INSTITUTION_WORD = compile_pattern(r"(?<![\w\-])(?:Office|Centre|Center|Bureau|Académie|Academy)(?![\w\-])")
_SET_UP_BEFORE = compile_pattern(
    r"(?:launch(?:ed|es|ing)?|creat(?:ed|es|ing)|creation\s+of|establish(?:ed|es|ing)?|establishment\s+of|"
    r"set(?:s|ting)?\s+up|inaugurat(?:ed|es|ing)|inauguration\s+of|lanc[ée]e?s?|cr[ée]{2}e?s?|cr[ée]ation\s+d[eu]s?|"
    r"mise\s+en\s+place\s+d[eu]s?|inaugur[ée]e?s?)\s+(?:of\s+)?(?:the\s+|a\s+|an\s+|its\s+|le\s+|la\s+|l['’]|un\s+|une\s+)?"
    r"(?:new\s+|nouveau\s+|nouvel\s+|nouvelle\s+)?$"
    r"|(?:\bnew|\bnouveau|\bnouvel|\bnouvelle)\s+$",
    regex.IGNORECASE,
)
_SET_UP_AFTER = compile_pattern(
    r"\s*(?:\([^()]{1,12}\)\s*)?,?\s*(?:was|were|has\s+been|had\s+been|is\s+being|will\s+be|a\s+été|sera|est)\s+"
    r"(?:officially\s+|formally\s+|officiellement\s+)?(?:launched|created|established|set\s+up|inaugurated|opened|"
    r"lanc[ée]e?|cr[ée]{2}e?|inaugur[ée]e?|mise?\s+en\s+place)(?![\w\-])",
    regex.IGNORECASE,
)


def _institutions_set_up(text: str, kept: _Kept) -> None:
    """An office or a centre the text reports being set up (``the creation of the new Office of
    Counter-Terrorism``, ``le Centre ... a été inauguré``) is an Initiative there, as the
    guidelines have a centre that actors create or run, with every mention of the same name: the
    institution that acts elsewhere, a gazetteer's Actor, is the programme here."""
    set_up: set[str] = set()
    for m in kept:
        if m.type is not Actor or m.attributes.get("kind", "organisation") != "organisation":
            continue
        if _INSTITUTION_WORD.search(text, m.start, m.end) is None:
            continue
        if _SET_UP_BEFORE.search(text, max(0, m.start - 60), m.start) or _SET_UP_AFTER.match(text, m.end):
            set_up.add(m.entity.key if m.entity is not None else text[m.start : m.end])
    if not set_up:
        return
    for m in list(kept):
        key = m.entity.key if m.entity is not None else text[m.start : m.end]
        if m.type is Actor and key in set_up:
            kept.remove(m)
            kept.append(Match(Initiative, m.start, m.end, {}, "names/set-up", m.entity))


_CODE_FIRST = compile_pattern(r"(?P<code>\p{Lu}+\d+)[\s\-]+\p{Lu}")
"""A name that opens with a code of capitals and digits: ``G5 Sahel``, ``G20 Summit``."""


_CAPITALISED_BEFORE = compile_pattern(r"\p{Lu}[\p{L}\-’']*\s+$")
_CAPITALISED_AFTER = compile_pattern(r"\s+\p{Lu}")
_SURNAME_WORD = r"\p{Lu}[\p{Ll}\-’']{3,}"
_SURNAME = compile_pattern(_SURNAME_WORD)
"""A surname that may stand alone for a person: capitalised, four letters or more."""
_SURNAME_ALONE = compile_pattern(rf"(?<![\w\-]){_SURNAME_WORD}(?![\w\-])")
"""Such a word in the text, whole (one pattern for every document: none made per document)."""


def _surnames_alone(text: str, kept: _Kept) -> None:
    """A person's surname alone after the person is named in full (``Bouteflika`` after
    ``Abdelaziz Bouteflika``): the same Actor named again, as the guidelines count every mention.
    Not where a mention already is (a state, a body), not a word of a longer name (``Nouatin
    Fortuney Alain``), and not a surname that two persons share."""
    persons: dict[str, Match] = {}
    names_of: dict[str, set[str]] = {}
    for m in kept:
        if m.type is Actor and m.attributes.get("kind") == "person":
            words = text[m.start : m.end].split()
            if len(words) >= 2 and _SURNAME.fullmatch(words[-1]):
                persons.setdefault(words[-1], m)
                names_of.setdefault(words[-1], set()).add(" ".join(words))
    persons = {surname: m for surname, m in persons.items() if len(names_of[surname]) == 1}
    if not any(text.find(surname, person.end) >= 0 for surname, person in persons.items()):
        return  # no surname written again after its person: most texts, not searched word by word
    for found in _SURNAME_ALONE.finditer(text, min(m.end for m in persons.values())):
        person = persons.get(found.group())
        if person is None:
            continue
        start, end = found.span()
        if (
            start < person.end
            or kept.overlapping(start, end)
            or _CAPITALISED_AFTER.match(text, end)
            or _CAPITALISED_BEFORE.search(text, max(0, start - 40), start)
        ):
            continue
        attributes = {"kind": "person", "name": text[person.start : person.end]}
        kept.append(Match(Actor, start, end, attributes, "names/surname-alone", person.entity))


_PROPER_NAME = compile_pattern(r"\p{Lu}[\p{L}\-]*(?:\s+(?:\p{Lu}[\p{L}\-]*|\d{1,4}))+")
"""A name of capitalised words (and numbers) only, two or more: ``Triple Play``, ``Topoff 3``."""


def _proper_names_again(text: str, kept: _Kept) -> None:
    """The name an operation is given (``the drill, dubbed Triple Play``), of capitalised words
    only, named again elsewhere in the document without the operation (``Triple Play will
    assess ...``): the same Initiative. (A name with a head of its own, ``Pacific Islands
    Forum``, is found by its head wherever it stands for one.)"""
    named: dict[str, Match] = {}
    for m in kept:
        if m.origin == _OPERATION_NAME_ORIGIN and _PROPER_NAME.fullmatch(text, m.start, m.end):
            named.setdefault(text[m.start : m.end], m)
    _mentioned_again(text, kept, named, "names/named-again", later_only=False)


def _mentioned_again(
    text: str, kept: _Kept, named: Mapping[str, Match], origin: str, later_only: bool
) -> None:
    """Each whole-word mention of a form in ``named`` that no kept match covers (``later_only``:
    after the match it was taken from): typed like that match, of its entity."""
    if not named:
        return
    for start, end in whole_words(text, named):
        name = named[text[start:end]]
        if (start >= name.end or not later_only) and not kept.overlapping(start, end):
            kept.append(Match(name.type, start, end, {}, origin, name.entity))


def _codes_alone(text: str, kept: _Kept) -> None:
    """The code a Forum's or Initiative's name opens with, alone later in the document (``le
    G5`` after ``G5 Sahel``): typed like the name. Only codes with a digit: a word in capitals
    alone (``ASEAN`` of ``ASEAN Regional Forum``) names something else."""
    named: dict[str, Match] = {}
    for m in kept:
        if m.type in (Forum, Initiative):
            found = _CODE_FIRST.match(text, m.start, m.end)
            if found is not None:
                named.setdefault(found.group("code"), m)
    _mentioned_again(text, kept, named, "names/code-alone", later_only=True)
