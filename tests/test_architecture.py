"""The package's layers, as docs/concepts.md draws them, hold in the code: no module imports one
from a higher layer, and no modules import each other in a circle (type-only imports included)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "ctannot"
CONCEPTS = ROOT / "docs" / "concepts.md"


def modules() -> dict[str, Path]:
    """Every module of the package by its dotted name (a package by its ``__init__``)."""
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = ["ctannot", *path.relative_to(PACKAGE).with_suffix("").parts]
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def imports_of(name: str, path: Path, known: set[str]) -> set[str]:
    """The package's modules that ``name`` imports, wherever the import statement stands
    (functions and ``if TYPE_CHECKING:`` blocks too). ``from a import b`` names ``a.b`` where
    that is a module, else ``a``."""
    is_package = path.name == "__init__.py"
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = name.split(".") if is_package else name.split(".")[:-1]
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                found.add(sub if sub in known else base)
    return {module for module in found if module in known and module != name}


def graph() -> dict[str, set[str]]:
    found = modules()
    return {name: imports_of(name, path, set(found)) for name, path in found.items()}


def documented_layers() -> list[list[str]]:
    """The rows of the layer table in docs/concepts.md, bottom layer first."""
    text = CONCEPTS.read_text(encoding="utf-8")
    table = text.split("<!-- layers:", 1)[1]
    rows: list[tuple[int, list[str]]] = []
    for line in table.splitlines()[1:]:
        if not line.startswith("|"):
            if rows:
                break
            continue
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        if cells[0].isdigit():
            rows.append((int(cells[0]), re.findall(r"`([\w.]+)`", cells[1])))
    rows.sort()
    assert [n for n, _ in rows] == list(range(len(rows))), "layers are numbered 0, 1, 2... without gaps"
    return [names for _, names in rows]


def layer_of(module: str, layers: list[list[str]]) -> int:
    """The layer of the longest documented prefix of ``module`` (``ctannot`` names the package's
    ``__init__`` only)."""
    best, level = -1, -1
    for number, names in enumerate(layers):
        for prefix in names:
            exact = prefix == "ctannot"
            if (module == prefix or (not exact and module.startswith(prefix + "."))) and len(prefix) > best:
                best, level = len(prefix), number
    return level


def test_every_module_has_a_documented_layer() -> None:
    layers = documented_layers()
    missing = sorted(module for module in modules() if layer_of(module, layers) < 0)
    assert not missing, f"modules in no layer of docs/concepts.md: {missing}"


def test_no_module_imports_from_a_higher_layer() -> None:
    layers = documented_layers()
    upward = [
        f"{module} (layer {layer_of(module, layers)}) imports {target} (layer {layer_of(target, layers)})"
        for module, targets in graph().items()
        for target in sorted(targets)
        if layer_of(target, layers) > layer_of(module, layers)
    ]
    assert not upward, "\n".join(upward)


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(edges.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def test_the_import_graph_has_no_cycle() -> None:
    assert cycles(graph()) == []


@pytest.mark.parametrize(
    ("edges", "expected"),
    [
        ({"a": {"b"}, "b": {"c"}, "c": set()}, []),
        ({"a": {"b"}, "b": {"a"}}, [["a", "b"]]),
        ({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}, [["a", "b", "c"]]),
    ],
)
def test_the_cycle_finder_finds_cycles(edges: dict[str, set[str]], expected: list[list[str]]) -> None:
    assert cycles(edges) == expected


def test_the_import_reader_sees_type_only_and_local_imports(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from ctannot.registry import Registry\n"
        "def f():\n    from ctannot.formats import web_annotation\n",
        encoding="utf-8",
    )
    known = {"ctannot.registry", "ctannot.formats", "ctannot.formats.web_annotation"}
    assert imports_of("ctannot.x", module, known) == {"ctannot.registry", "ctannot.formats.web_annotation"}
