"""Phrase lists as prefix-tree regular expressions.

The ``regex`` package's named lists (``\\L<name>``) try every phrase at every position; the same
phrases as one prefix tree let the engine discard a position after a character or two. Rule
files keep the readable ``\\L<name>`` form; :func:`expand_lists` rewrites it before compiling.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping

import regex

from ctannot.rules.kept import Kept, digest

__all__ = ["expand_lists", "trie_pattern"]

_END = ""


_TRIES = Kept(f"tries-regex-{regex.__version__}", most=1000)
"""Prefix-tree patterns kept between runs: folding the gazetteers' tens of thousands of names
into them took a fifth of a start (``regex.escape``'s version is in the name)."""


def trie_pattern(phrases: Iterable[str]) -> str:
    """A non-capturing regex matching exactly ``phrases``, longest alternative first at each branch."""
    listed = tuple(phrases)
    return str(_TRIES.get(digest(*listed), lambda: _trie(listed), lambda kept: isinstance(kept, str)))


def _trie(phrases: tuple[str, ...]) -> str:
    root: dict[str, dict] = {}  # type: ignore[type-arg]
    for phrase in phrases:
        node = root
        for ch in phrase:
            node = node.setdefault(ch, {})
        node[_END] = {}
    return _render(root) or "(?!)"


def _render(node: dict[str, dict]) -> str:  # type: ignore[type-arg]
    ends_here = _END in node
    branches = [regex.escape(ch) + _render(child) for ch, child in sorted(node.items()) if ch != _END]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends_here:  # the phrase may stop here, but longer phrases are tried first
        return "(?:" + body + ")?" if len(branches) > 1 or len(body) > 1 else body + "?"
    return body


_LIST = regex.compile(r"\\L<(\w+)>")


@functools.lru_cache(maxsize=256)
def _trie_of(phrases: tuple[str, ...]) -> str:
    # a pack's lists are used by many of its rules, and the same lists by both languages' packs
    return "(?:" + trie_pattern(phrases) + ")"


def expand_lists(pattern: str, lists: Mapping[str, Iterable[str]]) -> str:
    """``pattern`` with each ``\\L<name>`` replaced by the prefix-tree pattern of that list."""
    cache: dict[str, str] = {}

    def replace(m: regex.Match[str]) -> str:
        name = m.group(1)
        if name not in cache:
            cache[name] = _trie_of(tuple(lists[name]))
        return cache[name]

    return str(_LIST.sub(replace, pattern))
