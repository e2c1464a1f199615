"""An extractor made from rule files alone: gazetteer entries and regex rules into one layer."""

from __future__ import annotations

import bisect
import threading
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import regex

from ctannot.extractor import Extractor, Problem, Report
from ctannot.model import Document, Layer
from ctannot.rules.files import RulePack, load_rule_pack
from ctannot.rules.folding import views_of
from ctannot.rules.matching import (
    Gazetteer,
    Match,
    RuleTimeout,
    find_extensions,
    find_rule_matches,
    resolve_overlaps,
    without_vetoed,
)

if TYPE_CHECKING:
    from ctannot.extractor import Registered

__all__ = ["DEFAULT_RULE_TIMEOUT", "RuleExtractor"]

_LINK_START = regex.compile(r"https?://|www\.|[@#]")
_LINK_BODY = regex.compile(r"\S+")
_LOCAL_PART = regex.compile(r"[\w.+-]+$")


def web_links(text: str) -> list[tuple[int, int]]:
    """Web and e-mail addresses, handles and hashtags: the text of the web, not of the news."""
    out: list[tuple[int, int]] = []
    if "@" not in text and "#" not in text and "www." not in text and "://" not in text:
        return out  # what every link starts with: most news texts hold none, and are not searched
    for m in _LINK_START.finditer(text):
        if out and m.start() < out[-1][1]:
            continue
        start = m.start()
        if m.group() == "@":  # an e-mail address or a handle: take the name before the @ too
            local = _LOCAL_PART.search(text, max(0, start - 64), start)
            start = local.start() if local else start
        body = _LINK_BODY.match(text, m.end())
        end = body.end() if body else m.end()
        while end > start and text[end - 1] in ".,;:!?)»”\"'":
            end -= 1
        if end - start > 1:
            out.append((start, end))
    return out


DEFAULT_RULE_TIMEOUT = 2.0
"""Seconds one rule may spend on one document before it is stopped and reported."""


class _CompiledPacks:
    """The packs of one language, compiled: a gazetteer, the rules and the exclusions."""

    def __init__(self, packs: Sequence[RulePack]) -> None:
        self.rules = [r for p in packs for r in p.rules]
        self.gazetteer = Gazetteer((e for p in packs for e in p.entities), self.rules)
        self.exclusions = [x for p in packs for x in p.exclusions]


class RuleExtractor(Extractor):
    """Annotates one layer from rule packs: its own ``rule_files``, and registered packs if asked.

    ``use_registered_packs=True`` adds every pack that plugins registered through
    ``register_rule_packs`` (the built-in ``rules.mentions`` extractor works this way). Types in
    ``nestable`` may sit inside a longer annotation of the same type; otherwise the longest of
    overlapping candidates wins.
    """

    def __init__(
        self,
        name: str,
        version: str,
        layer: str,
        rule_files: Iterable[Path | str] = (),
        *,
        use_registered_packs: bool = False,
        nestable: Iterable[str] = (),
        requires: Sequence[str] = (),
        uses: Sequence[str] = (),
        languages: Sequence[str] | None = None,
        description: str = "",
        timeout: float = DEFAULT_RULE_TIMEOUT,
    ) -> None:
        self.name = name
        self.version = version
        self.layer_name = layer
        self.produces = (layer,)
        self.requires = tuple(requires)
        self.uses = tuple(uses)
        self.languages = languages
        self.description = description
        self.rule_files = tuple(Path(p) for p in rule_files)
        self.use_registered_packs = use_registered_packs
        self.nestable = frozenset(nestable)
        self.timeout = timeout
        self.packs: tuple[RulePack, ...] = ()

    def setup(self, registry: Registered) -> None:
        own = tuple(load_rule_pack(path, registry.types) for path in self.rule_files)
        shared = registry.rule_packs if self.use_registered_packs else ()
        self.packs = own + tuple(shared)
        self._compiled.cache_clear()

    @lru_cache(maxsize=8)  # noqa: B019  # one entry per language; the extractor lives per process
    def _compiled(self, lang: str | None) -> _CompiledPacks:
        return _CompiledPacks([p for p in self.packs if p.applies_to(lang)])

    def candidates(self, document: Document, report: Report) -> list[Match]:
        """Every match of the packs on ``document`` that no exclusion vetoes, before overlaps."""
        compiled = self._compiled(document.lang)
        views = views_of(document.text)

        def on_timeout(t: RuleTimeout) -> None:
            report(Problem(self.name, f"stopped after {t.seconds:g} s on this document", rule=t.rule))

        # regex lets the GIL go during each call unless told not to: with no other thread to take
        # it, that is only a cost (see rules.matching); with others (a thread pool), as before
        concurrent = None if threading.active_count() > 1 else False
        matches, where = compiled.gazetteer.scan(views)
        matches += find_rule_matches(
            compiled.rules, views, self.timeout, on_timeout, where, concurrent=concurrent
        )
        matches += find_extensions(
            compiled.rules, views, matches, self.timeout, on_timeout, where, concurrent=concurrent
        )
        links = web_links(document.text)
        if links:  # nothing is annotated inside a web address, an e-mail address, a handle or a tag
            starts = [a for a, _ in links]

            def in_link(m: Match) -> bool:
                i = bisect.bisect_left(starts, m.end) - 1  # the last link starting before m ends
                return i >= 0 and links[i][1] > m.start

            matches = [m for m in matches if not in_link(m)]
        return without_vetoed(
            matches, compiled.exclusions, views, self.timeout, on_timeout, concurrent=concurrent
        )

    def extract(self, document: Document, report: Report) -> Iterable[Layer]:
        builder = document.new_layer(self.layer_name, self.provenance)
        for m in resolve_overlaps(self.candidates(document, report), self.nestable):
            entity = m.entity.key if m.entity is not None else None
            builder.add(m.type, m.start, m.end, entity=entity, **m.attributes)
        return [builder.build()]
