"""The regex rule engine: rule and gazetteer files (TOML) compiled into matchers."""

from .extractor import RuleExtractor
from .files import RuleFileError, RulePack, load_rule_pack

__all__ = ["RuleExtractor", "RuleFileError", "RulePack", "load_rule_pack"]
