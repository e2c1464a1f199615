"""Small rule packs that tests write from a TOML body, and the error that loading one raises."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from ctannot.registry import Registry
from ctannot.rules import RuleFileError, load_rule_pack

HEAD = """\
[pack]
name = "test-pack"
version = "1.0"
language = "fr"
"""
"""The ``[pack]`` table every test pack starts with, unless a test gives its own."""


def write_pack(folder: Path, body: str, head: str = HEAD, name: str = "pack.toml") -> Path:
    """Write ``head`` and the dedented ``body`` to ``folder/name``."""
    path = folder / name
    path.write_text(head + textwrap.dedent(body), encoding="utf-8")
    return path


def load_error(path: Path, registry: Registry) -> RuleFileError:
    """The error that loading the pack at ``path`` raises; the test fails if it loads."""
    with pytest.raises(RuleFileError) as exc:
        load_rule_pack(path, registry.types)
    return exc.value
