"""The documentation against the code: what docs/ shows must be what ctannot does.

The hook reference documents every hook with its exact signature and runs its examples; the
CLI reference names every option of the parser; the JSON-LD page lists every term of the
embedded context and shows a file that is real output; the plugin author's guide shows the
template plugin's files, and its commands, run here in order, copy, install and test the plugin.
(`nox -s docs` builds the site itself, strictly.)
"""

from __future__ import annotations

import argparse
import contextlib
import inspect
import io
import json
import os
import re
import shutil
import subprocess
import sys
import types
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import ctannot
from conftest import REPO, install_plugin, run_ctannot
from ctannot import hookspecs
from ctannot.cli import _parser
from ctannot.formats.web_annotation import context_for

DOCS = REPO / "docs"
FENCE = re.compile(r"^```(\w*)[^\n]*\n(.*?)^```", re.M | re.S)


def page(name: str) -> str:
    return (DOCS / name).read_text(encoding="utf-8")


def blocks(markdown: str, lang: str) -> list[str]:
    """The fenced code blocks of ``lang`` in ``markdown``, in order."""
    return [body for found, body in FENCE.findall(markdown) if found == lang]


def sections(markdown: str, level: int) -> dict[str, str]:
    """Heading text -> the section's text, up to the next heading of this level or above."""
    parts = re.split(rf"^{'#' * level} (.+)$", _without_code(markdown), flags=re.M)
    found = dict(zip(parts[1::2], parts[2::2], strict=True))
    # put the code back: split on the real text at the same headings
    real = re.split(rf"^{'#' * level} (.+)$", markdown, flags=re.M)
    return {heading: body for heading, body in zip(real[1::2], real[2::2], strict=True) if heading in found}


def _without_code(markdown: str) -> str:
    """The page with its code blocks blanked, so that a ``# comment`` in code is no heading."""
    return FENCE.sub(lambda m: "\n" * m.group(0).count("\n"), markdown)


def run_example(code: str, module_name: str) -> tuple[types.ModuleType, str]:
    """Run ``code`` as the module ``module_name`` (so ``sys.modules[__name__]`` is the plugin)."""
    module = types.ModuleType(module_name)
    sys.modules[module_name] = module
    out = io.StringIO()
    try:
        with contextlib.redirect_stdout(out):
            exec(compile(code, f"<docs example {module_name}>", "exec"), module.__dict__)
    finally:
        del sys.modules[module_name]
    return module, out.getvalue()


# -- hook reference ------------------------------------------------------------------------------


def hook_specs() -> dict[str, Callable[..., Any]]:
    return {name: f for name, f in vars(hookspecs).items() if hasattr(f, "ctannot_spec")}


def _annotation(value: Any) -> str:
    return value if isinstance(value, str) else inspect.formatannotation(value)


def signature_line(name: str, spec: Callable[..., Any]) -> str:
    """``name(arg: Type, ...) -> Return``, as the hookspec declares it."""
    sig = inspect.signature(spec)
    params = ", ".join(f"{p.name}: {_annotation(p.annotation)}" for p in sig.parameters.values())
    return f"{name}({params}) -> {_annotation(sig.return_annotation)}"


def hook_sections() -> dict[str, str]:
    return sections(page("hooks.md"), 2)


def test_every_hook_has_a_section_with_its_exact_signature() -> None:
    specs = hook_specs()
    assert specs, "no hookspecs found"
    documented = {heading.split("(", 1)[0]: heading for heading in hook_sections()}
    assert sorted(documented) == sorted(specs), "docs/hooks.md: one '## name(args)' section per hook"
    for name, spec in specs.items():
        heading = documented[name]
        params = ", ".join(inspect.signature(spec).parameters)
        assert heading == f"{name}({params})", f"docs/hooks.md: heading {heading!r} has the wrong arguments"
        body = hook_sections()[heading]
        signature = blocks(body, "python")[0].strip()
        assert signature == signature_line(name, spec), (
            f"docs/hooks.md: {name}'s signature is not the hookspec's"
        )
        if spec.ctannot_spec.get("firstresult"):  # type: ignore[attr-defined]
            assert "firstresult" in body, f"docs/hooks.md: {name} is firstresult; say so"


@pytest.mark.parametrize("name", sorted(hook_specs()))
def test_hook_example_runs_and_prints_what_the_page_shows(name: str) -> None:
    body = next(text for heading, text in hook_sections().items() if heading.startswith(f"{name}("))
    code = blocks(body, "python")[1]
    module, printed = run_example(code, f"docs_hook_example_{name}")
    implementation = getattr(module, name, None)
    assert hasattr(implementation, "ctannot_impl"), f"the example of {name} does not implement it"
    pm = ctannot.plugins.get_plugin_manager(load_entrypoints=False, plugins=[module])
    assert module in [impl.plugin for impl in getattr(pm.hook, name).get_hookimpls()]
    assert printed == blocks(body, "text")[0]


# -- CLI reference -------------------------------------------------------------------------------


def subcommands(parser: argparse.ArgumentParser, path: str = "ctannot") -> Iterator[tuple[str, Any]]:
    """``(command path, parser)`` for the parser and every subcommand under it."""
    yield path, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from subcommands(sub, f"{path} {name}")


def cli_sections() -> dict[str, str]:
    text = page("cli.md")
    found = {**sections(text, 2), **sections(text, 3)}
    intro = re.split(r"^## ", text, maxsplit=1, flags=re.M)[0]
    return {"ctannot": intro, **{h: b for h, b in found.items() if h.startswith("ctannot ")}}


def cli_gaps(parser: argparse.ArgumentParser, documented: dict[str, str]) -> list[str]:
    """What the CLI reference lacks: commands, options, positionals and choices of ``parser``."""
    commands = dict(subcommands(parser))
    gaps = [f"{path}: no section" for path in commands if path not in documented]
    gaps += [f"{path}: a section, but no such command" for path in documented if path not in commands]
    for path, command in commands.items():
        body = documented.get(path, "")
        for action in command._actions:
            if isinstance(action, argparse._HelpAction | argparse._SubParsersAction):
                continue
            names = action.option_strings or [action.metavar or action.dest]
            gaps += [f"{path}: {name}" for name in names if not re.search(rf"`{re.escape(name)}[` ]", body)]
            gaps += [
                f"{path}: {names[0]} {choice}" for choice in action.choices or () if str(choice) not in body
            ]
    return gaps


def test_cli_reference_documents_every_command_and_option() -> None:
    gaps = cli_gaps(_parser(), cli_sections())
    assert not gaps, f"docs/cli.md does not document: {gaps}"


def test_cli_reference_check_catches_an_undocumented_option_and_command() -> None:
    parser = _parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    sub.choices["show"].add_argument("--undocumented-option")
    sub.add_parser("undocumented-command")
    gaps = cli_gaps(parser, cli_sections())
    assert "ctannot show: --undocumented-option" in gaps
    assert "ctannot undocumented-command: no section" in gaps


# -- JSON-LD page ----------------------------------------------------------------------------------


def vocabulary_section() -> str:
    return sections(page("json-ld.md"), 2)["Vocabulary"]


def test_vocabulary_documents_every_term_of_the_embedded_context() -> None:
    registry = ctannot.load_registry(load_entrypoints=False)
    terms = [term for term in context_for(registry.types) if not term.startswith("@")]
    vocabulary = vocabulary_section()
    missing = [term for term in terms if f"`{term}`" not in vocabulary]
    assert not missing, f"docs/json-ld.md: the vocabulary does not document {missing}"


def emitted(node: Any) -> Iterator[str]:
    """Every key, class (``type``) and motivation of a JSON-LD file, outside its context."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "@context" or key == "metadata":
                continue
            yield key
            if key in ("type", "motivation") and isinstance(value, str):
                yield value
            yield from emitted(value)
    elif isinstance(node, list):
        for item in node:
            yield from emitted(item)


def test_json_ld_example_is_real_output_and_its_terms_are_documented(tmp_path: Path) -> None:
    shutil.copy(DOCS / "examples" / "bruxelles.txt", tmp_path)
    result = run_ctannot("annotate", "bruxelles.txt", "-o", "out", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    fresh = json.loads((tmp_path / "out" / "bruxelles.jsonld").read_text(encoding="utf-8"))
    (shown,) = blocks(page("json-ld.md"), "json")
    indented = subprocess.run(
        [sys.executable, "-m", "json.tool", "--indent", "2", "--no-ensure-ascii", "out/bruxelles.jsonld"],
        cwd=tmp_path, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert shown == indented, (
        "docs/json-ld.md: the JSON shown is not what ctannot writes now; paste in the output of: "
        "cd docs/examples && python -m ctannot annotate bruxelles.txt -o /tmp/out && "
        "python -m json.tool --indent 2 --no-ensure-ascii /tmp/out/bruxelles.jsonld"
    )
    vocabulary = vocabulary_section()
    missing = sorted({term for term in emitted(fresh) if f"`{term}`" not in vocabulary})
    assert not missing, f"docs/json-ld.md: the vocabulary does not document {missing}"


# -- pages whose Python examples print what their comments say ----------------------------------


@pytest.mark.parametrize("name", ["index.md", "concepts.md"])
def test_python_examples_print_their_comments(name: str) -> None:
    for i, code in enumerate(blocks(page(name), "python")):
        expected = "".join(line[2:] + "\n" for line in code.splitlines() if line.startswith("# "))
        _, printed = run_example(code, f"docs_example_{name[:-3]}_{i}")
        assert printed == expected, f"docs/{name}, Python example {i + 1}"


# -- plugin author's guide -----------------------------------------------------------------------

TITLED = re.compile(r'^```\w+ title="([^"]+)"\n(.*?)^```', re.M | re.S)


def console_session(markdown: str) -> list[tuple[str, list[str]]]:
    """``(command, documented output lines)`` for each ``$ `` line of the console blocks, in order."""
    session: list[tuple[str, list[str]]] = []
    for block in blocks(markdown, "console"):
        for line in block.splitlines():
            if line.startswith("$ "):
                session.append((line[2:], []))
            elif session:
                session[-1][1].append(line)
    return session


def _timeless(line: str) -> str:
    return re.sub(r"\bin \d+(\.\d+)?s\b", "in Ns", line)  # pytest's "1 passed in 1.54s"


def test_no_page_includes_files_it_does_not_show() -> None:
    """Pages read as well raw (on a forge) as built: no ``--8<--`` include lines."""
    including = [p.name for p in sorted(DOCS.glob("*.md")) if "--8<--" in p.read_text(encoding="utf-8")]
    assert not including, f"these pages include files instead of showing them: {including}"


def test_plugin_guide_runs_as_written_and_shows_the_template_files(tmp_path: Path) -> None:
    """Every command of docs/plugins.md, in order, in a temporary folder beside a copy of the
    repository's plugins/; each command's documented output is what it prints, and each file the
    guide shows is that file of the template as the guide's own commands copied and renamed it."""
    guide = page("plugins.md")
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "plugins").symlink_to(REPO / "plugins")
    site = tmp_path / "site"
    env = {
        **os.environ,
        "PATH": os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]),
        "PYTHONPATH": os.pathsep.join([str(site), os.environ.get("PYTHONPATH", "")]),
        "PYTHONDONTWRITEBYTECODE": "1",
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",  # `pip install pytest` finds it installed: no network
    }
    cwd = repo
    session = console_session(guide)
    assert "python -m pip install pytest" in [command for command, _ in session]
    for command, documented in session:
        if command.startswith("cd "):
            cwd = (cwd / command[3:]).resolve()
            continue
        if command == "python -m pip install -e .":
            # into a folder of its own rather than this environment (no network, no build isolation)
            install_plugin(site, str(cwd))
            continue
        run = subprocess.run(
            ["bash", "-ec", command], cwd=cwd, env=env, capture_output=True, text=True, check=False
        )
        assert run.returncode == 0, f"docs/plugins.md: `{command}` failed: {run.stdout}{run.stderr}"
        printed = [_timeless(line) for line in run.stdout.splitlines()]
        shown = [_timeless(line) for line in documented if line != "..." and not line.startswith("ctannot: ")]
        missing = [line for line in shown if line not in printed]
        assert not missing, f"docs/plugins.md: `{command}` no longer prints {missing}"
    shown_files = TITLED.findall(guide)
    assert len(shown_files) >= 4, "docs/plugins.md shows none of the plugin's files"
    for name, body in shown_files:
        copied = cwd / name
        assert copied.is_file(), f"docs/plugins.md shows {name}, which the template does not have"
        assert body == copied.read_text(encoding="utf-8"), (
            f"docs/plugins.md: {name} is not the template's file (plugins/ctannot-plugin-template) "
            "as the guide's copy step renames it"
        )
