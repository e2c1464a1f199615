"""The regex rule engine: rule and gazetteer files (TOML) compiled into matchers."""

from ctannot.rules.files import RuleFileError, RulePack, load_rule_pack

__all__ = ["RuleFileError", "RulePack", "load_rule_pack"]
