"""The documentation against the code: what docs/ shows must be what ctannot does.

The hook reference documents every hook with its exact signature and runs its examples; the
CLI reference names every option of the parser; the JSON-LD page lists every term of the
embedded context and shows a file that is real output; the plugin author's guide includes the
template plugin's files, which are installed here and run with the commands the guide shows.
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
import shlex
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
    shown = json.loads((DOCS / "examples" / "bruxelles.jsonld").read_text(encoding="utf-8"))
    assert fresh == shown, (
        "docs/examples/bruxelles.jsonld is not what ctannot writes now; remake it: cd docs/examples && "
        "python -m ctannot annotate bruxelles.txt -o /tmp/out && "
        "python -m json.tool --indent 2 --no-ensure-ascii /tmp/out/bruxelles.jsonld > bruxelles.jsonld"
    )
    assert '--8<-- "docs/examples/bruxelles.jsonld"' in page("json-ld.md")
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


def included_files(markdown: str) -> list[Path]:
    return [REPO / path for path in re.findall(r'^--8<-- "([^"]+)"$', markdown, flags=re.M)]


def guide_plugin(files: list[Path]) -> str:
    """The folder under plugins/ of the plugin whose files the guide includes (one only)."""
    plugins = REPO / "plugins"
    found = {f.relative_to(plugins).parts[0] for f in files if f.is_relative_to(plugins)}
    assert len(found) == 1, f"docs/plugins.md should build one plugin of plugins/, not {sorted(found)}"
    return found.pop()


def guide_commands(markdown: str) -> Iterator[tuple[list[str], list[str]]]:
    """``(ctannot arguments, documented output lines)`` for each ``$ python -m ctannot`` command."""
    for block in blocks(markdown, "console"):
        lines = block.splitlines()
        for i, line in enumerate(lines):
            if line.startswith("$ python -m ctannot "):
                output = []
                for out in lines[i + 1 :]:
                    if out.startswith("$ "):
                        break
                    output.append(out)
                yield shlex.split(line)[4:], output


def test_plugin_guide_installs_and_runs_the_plugin_it_shows(tmp_path: Path) -> None:
    guide = page("plugins.md")
    files = included_files(guide)
    assert files, "docs/plugins.md includes no file of the plugin"
    assert all(f.is_file() for f in files), "docs/plugins.md includes files that do not exist"
    plugin = guide_plugin(files)
    assert f"$ python -m pip install ./plugins/{plugin}" in guide
    site = install_plugin(tmp_path / "site", plugin)
    work = tmp_path / "work"
    work.mkdir()
    for example in files:
        if example.is_relative_to(DOCS / "examples"):
            shutil.copy(example, work)
    commands = list(guide_commands(guide))
    assert len(commands) >= 3
    for args, documented in commands:
        result = run_ctannot(*args, cwd=work, site=site)
        assert result.returncode == 0, f"ctannot {' '.join(args)}: {result.stderr}"
        shown = [line for line in documented if line != "..." and not line.startswith("ctannot: ")]
        missing = [line for line in shown if line not in result.stdout.splitlines()]
        assert not missing, f"docs/plugins.md: `ctannot {' '.join(args)}` no longer prints {missing}"


def test_plugin_guide_plugin_passes_its_own_tests(tmp_path: Path) -> None:
    plugin = guide_plugin(included_files(page("plugins.md")))
    site = install_plugin(tmp_path / "site", plugin)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(site), os.environ.get("PYTHONPATH", "")])}
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            str(REPO / "plugins" / plugin / "tests"),
        ],
        cwd=REPO / "plugins" / plugin,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
