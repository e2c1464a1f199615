"""A griffe extension for the API reference: our docstrings' reST habits, as Markdown.

The docstrings are written for ``help()`` and Sphinx: ``:class:`~ctannot.model.Layer``` roles and
``>>>`` examples. mkdocstrings renders Markdown, so roles become inline code (the last part of
the name when it has a ``~``) and each run of doctest lines becomes a ``pycon`` code block.
"""

from __future__ import annotations

import re
from typing import Any

import griffe

ROLE = re.compile(r":(?:class|func|meth|mod|data|attr|exc|obj|const):`(~?)([\w.]+)`")


def _role(match: re.Match[str]) -> str:
    tilde, name = match.groups()
    return f"`{name.rsplit('.', 1)[-1] if tilde else name}`"


def markdown(text: str) -> str:
    lines, out, in_example, fenced = text.splitlines(), [], False, False
    for line in lines:
        if line.lstrip().startswith("```"):  # already Markdown: left as it is
            fenced = not fenced
        starts = line.lstrip().startswith(">>>") and not fenced
        if starts and not in_example:
            out.append("```pycon")
            in_example = True
        elif in_example and not line.strip():
            out.append("```")
            in_example = False
        out.append(line if in_example else ROLE.sub(_role, line))
    if in_example:
        out.append("```")
    return "\n".join(out)


class RestRoles(griffe.Extension):
    def on_object(self, *, obj: griffe.Object, **kwargs: Any) -> None:
        if obj.docstring is not None:
            obj.docstring.value = markdown(obj.docstring.value)

    def on_package(self, *, pkg: griffe.Module, **kwargs: Any) -> None:
        self.on_object(obj=pkg)  # the package itself is not among the objects on_object sees
