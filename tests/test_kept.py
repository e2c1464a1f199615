"""Values kept between runs (parsed rule packs, prefix-tree patterns): the same from the cache
as computed, and a cache that is damaged or absent changes nothing but the time taken."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from unittest.mock import patch

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ctannot.registry import Registry
from ctannot.rules import files, kept, trie
from ctannot.rules.files import load_rule_pack
from ctannot.rules.kept import Kept, read_json

REPO = Path(__file__).resolve().parents[1]
PACKS = sorted((REPO / "src" / "ctannot" / "packs").rglob("*.toml"))


@pytest.fixture
def cache(tmp_path: Path) -> Path:
    """A folder for this test's stores: a store saves at exit too, where its folder says."""
    return tmp_path


@pytest.fixture(scope="module")
def tries(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Kept]:
    """The prefix-tree store, in a folder of its own for this module's tests."""
    store = Kept("tries", most=1000, folder=tmp_path_factory.mktemp("tries"))
    with patch.object(trie, "_TRIES", store):
        yield store


def test_a_value_is_computed_once_kept_and_read_back(cache: Path) -> None:
    calls: list[str] = []

    def compute(name: str) -> dict[str, object]:
        calls.append(name)
        return {"a": [1, 2.5, "x"]}

    first = Kept("things", most=10, folder=cache)
    assert first.get("k", lambda: compute("first"), lambda v: isinstance(v, dict)) == {"a": [1, 2.5, "x"]}
    first.save()
    again = Kept("things", most=10, folder=cache)
    assert again.get("k", lambda: compute("again"), lambda v: isinstance(v, dict)) == {"a": [1, 2.5, "x"]}
    assert calls == ["first"]


@pytest.mark.parametrize("damage", ["not json", "[]", '{"k": 3}', '{"k": "trunc'])
def test_a_damaged_file_is_computed_around(cache: Path, damage: str) -> None:
    (cache / "things.json").write_text(damage, encoding="utf-8")
    assert Kept("things", most=10, folder=cache).get(
        "k", lambda: {"fresh": 1}, lambda v: isinstance(v, dict)
    ) == {"fresh": 1}


def test_what_json_cannot_hold_is_not_kept(cache: Path) -> None:
    store = Kept("things", most=10, folder=cache)
    assert store.get("k", lambda: {"when": object}, lambda v: True) == {"when": object}
    store.save()
    assert not (cache / "things.json").exists()


def test_the_newest_values_are_kept(cache: Path) -> None:
    store = Kept("things", most=2, folder=cache)
    for key in ("a", "b", "c"):
        store.get(key, key.upper, lambda v: isinstance(v, str))
    store.save()
    assert json.loads((cache / "things.json").read_bytes()) == {"b": "B", "c": "C"}


@given(phrases=st.lists(st.text(min_size=1, max_size=6), max_size=12, unique=True))
def test_a_kept_prefix_tree_is_the_one_computed(tries: Kept, phrases: list[str]) -> None:
    computed = trie._trie(tuple(phrases))
    assert trie.trie_pattern(phrases) == computed
    tries.save()
    again = Kept(tries.name, most=1000, folder=tries.folder)
    assert again.get(kept.digest(*phrases), lambda: None, lambda v: isinstance(v, str)) == computed


def test_every_pack_reads_the_same_from_a_warm_cache(
    cache: Path, registry: Registry, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(files, "_PARSED", Kept("rule-packs", most=200, folder=cache))  # nothing read yet
    cold = [load_rule_pack(p, registry.types) for p in PACKS]
    files._PARSED.save()
    files._PARSED._values = None  # read back from the file
    warm = [load_rule_pack(p, registry.types) for p in PACKS]
    assert [(p.name, p.lists, [r.pattern.pattern for r in p.rules]) for p in warm] == [
        (p.name, p.lists, [r.pattern.pattern for r in p.rules]) for p in cold
    ]
    assert len(read_json(cache / "rule-packs.json")) >= len(PACKS)
