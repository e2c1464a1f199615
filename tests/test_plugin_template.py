"""plugins/ctannot-plugin-template: copied and renamed as its README says, installed, working."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from conftest import REPO, install_plugin, run_ctannot

TEMPLATE = REPO / "plugins" / "ctannot-plugin-template"


def _readme_session() -> tuple[list[str], list[str]]:
    """The README's console block: its commands, and the output shown after its last command."""
    readme = (TEMPLATE / "README.md").read_text(encoding="utf-8")
    (block,) = re.findall(r"```console\n(.*?)```", readme, re.DOTALL)
    commands = [line[2:] for line in block.splitlines() if line.startswith("$ ")]
    plugins_output = block.split("$ python -m ctannot plugins\n...\n", 1)[1].split("\n$ ", 1)[0]
    return commands, plugins_output.splitlines()


def test_copy_rename_install_test_and_list(tmp_path: Path) -> None:
    commands, listed = _readme_session()
    install = commands.index("python -m pip install -e .")
    # The README's copy-and-rename commands, verbatim, from a folder that looks like the repository.
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "plugins").symlink_to(REPO / "plugins")
    subprocess.run(["bash", "-ec", "\n".join(commands[:install])], cwd=repo, check=True)
    plugin = tmp_path / "ctannot-arms"
    assert (plugin / "src" / "ctannot_arms" / "__init__.py").is_file()
    left = subprocess.run(
        ["grep", "-rlI", "yourplugin", str(plugin)], capture_output=True, text=True, check=False
    )
    assert left.stdout == "", f"the placeholder is left in {left.stdout}"

    # pip install, as a user would, but into a folder of its own (no network, no build isolation)
    site = install_plugin(tmp_path / "site", str(plugin))  # an absolute path: the copy
    tests = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"],
        cwd=plugin,
        env={**os.environ, "PYTHONPATH": str(site)},  # the installed package, not src/
        capture_output=True,
        text=True,
        check=False,
    )
    assert tests.returncode == 0, tests.stdout + tests.stderr
    assert re.search(r"^1 passed", tests.stdout, re.MULTILINE), tests.stdout

    shown = run_ctannot("plugins", cwd=tmp_path, site=site)
    assert shown.returncode == 0, shown.stderr
    lines = shown.stdout.splitlines()
    start = lines.index(listed[0])
    assert lines[start : start + len(listed)] == listed  # what the README shows is what it prints


def test_the_template_as_it_stands_is_a_working_plugin(tmp_path: Path) -> None:
    site = install_plugin(tmp_path / "site", TEMPLATE.name)
    (tmp_path / "saisie.txt").write_text("La police a saisi des explosifs.\n", encoding="utf-8")
    result = run_ctannot(
        "annotate", "saisie.txt", "--pipeline", "rules+yourplugin", "-o", "out", cwd=tmp_path, site=site
    )
    assert result.returncode == 0, result.stderr
    written = (tmp_path / "out" / "saisie.jsonld").read_text(encoding="utf-8")
    assert '"type":"Weapon","yourplugin:category":"explosive"' in written
    assert '"yourplugin":"https://example.org/ctannot-yourplugin/vocab#"' in written
