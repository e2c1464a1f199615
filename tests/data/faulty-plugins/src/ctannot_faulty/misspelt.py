"""A plugin with a misspelt hook name: pluggy's ``check_pending`` refuses it."""

from collections.abc import Callable
from typing import Any

from ctannot.hookspecs import hookimpl


@hookimpl
def register_extractorz(register: Callable[..., Any]) -> None:  # sic: register_extractors
    """Never called: no hook has this name."""
