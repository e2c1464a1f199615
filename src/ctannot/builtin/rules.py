"""Built-in plugin: the rule packs, the rule-based extractors and the ``rules`` pipeline."""

from __future__ import annotations

from collections.abc import Callable
from importlib import resources
from pathlib import Path

from ctannot.extractor import Extractor
from ctannot.extractors.grammar import GrammarMentionsExtractor, GrammarStatementExtractor
from ctannot.extractors.mentions import MentionsExtractor
from ctannot.extractors.speech import StatementExtractor
from ctannot.hookspecs import hookimpl
from ctannot.nlp import NLPBackend
from ctannot.nlp.stanza_backend import StanzaParser

PACKS = Path(str(resources.files("ctannot").joinpath("packs")))


def builtin_pack_paths() -> list[Path]:
    """Every built-in rule pack file: ``packs/common`` first, then each language's."""
    return sorted(PACKS.glob("*/*.toml"), key=lambda p: (p.parent.name != "common", str(p)))


@hookimpl(trylast=True)
def register_rule_packs(register: Callable[[Path], None]) -> None:
    for path in builtin_pack_paths():
        register(path)


@hookimpl(trylast=True)
def register_extractors(register: Callable[[Extractor], None]) -> None:
    register(
        MentionsExtractor(
            "rules.mentions",
            "0.2.0",
            layer="mentions",
            use_registered_packs=True,
            nestable=("Forum",),
            description="Actors, Forums, Threats and Initiatives from gazetteers and regex rules.",
        )
    )
    register(StatementExtractor())
    register(
        GrammarMentionsExtractor(
            "nlp.mentions",
            "0.1.0",
            layer="mentions",
            use_registered_packs=True,
            nestable=("Forum",),
            uses=("linguistic",),
            description="rules.mentions corrected by the parse (when there is one): countries as places out, "
            "parsed persons in.",
        )
    )
    register(GrammarStatementExtractor())


@hookimpl(trylast=True)
def register_nlp_backends(register: Callable[[NLPBackend], None]) -> None:
    register(StanzaParser())


@hookimpl(trylast=True)
def register_pipelines(register: Callable[[str, tuple[str, ...]], None]) -> None:
    register("rules", ("rules.mentions", "rules.statements"))
    register("rules+nlp", ("nlp.stanza", "nlp.mentions", "nlp.statements"))
