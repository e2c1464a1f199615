"""Compiled patterns kept between runs: the same matches from the cache as from ``regex``, and a
cache that is damaged, absent or unwritable changes nothing but the time taken."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import regex
from hypothesis import given
from hypothesis import strategies as st

from ctannot.rules import pattern_cache

REPO = Path(__file__).parent.parent
SAMPLES = sorted((REPO / "corpus_samples").glob("*.txt"))
ANNOTATE = [sys.executable, "-m", "ctannot", "annotate", str(SAMPLES[0]), str(SAMPLES[1]), "-q"]


def annotate(cache: Path, out: Path) -> dict[str, str]:
    """Annotate two samples in a new process with ``cache`` as the cache folder: the outputs."""
    env = {**os.environ, "CTANNOT_CACHE_DIR": str(cache)}
    run = subprocess.run([*ANNOTATE, "-o", str(out)], env=env, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert "Traceback" not in run.stderr
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(out.glob("*.jsonld"))}


@pytest.fixture(scope="module")
def warm(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """A cache folder filled by a first run, and that run's output."""
    cache = tmp_path_factory.mktemp("cache")
    return cache, annotate(cache, tmp_path_factory.mktemp("cold"))


def entries(cache: Path) -> dict[str, list[object]]:
    files = list(cache.glob("regex-*.json"))
    assert len(files) == 1, files
    return json.loads(files[0].read_bytes())  # type: ignore[no-any-return]


def test_every_program_kept_matches_as_regex_compiles_it(warm: tuple[Path, dict[str, str]]) -> None:
    cache, _ = warm
    kept = entries(cache)
    assert len(kept) > 100  # the packs' and the extractors' patterns
    texts = [p.read_text(encoding="utf-8") for p in SAMPLES]
    for entry in kept.values():
        pattern, flags = entry[0], entry[1]
        assert isinstance(pattern, str)
        assert isinstance(flags, int)
        from_cache = pattern_cache._core().compile(*pattern_cache._arguments(pattern, flags, entry))
        compiled = regex.compile(pattern, flags)
        assert (from_cache.pattern, from_cache.flags, from_cache.groupindex) == (
            compiled.pattern,
            compiled.flags,
            compiled.groupindex,
        )
        for text in texts:
            assert [(m.span(), m.groupdict()) for m in from_cache.finditer(text)] == [
                (m.span(), m.groupdict()) for m in compiled.finditer(text)
            ], pattern[:80]


def test_a_warm_cache_gives_the_same_output(warm: tuple[Path, dict[str, str]], tmp_path: Path) -> None:
    cache, cold = warm
    kept = next(cache.glob("regex-*.json"))
    written = kept.stat().st_mtime_ns
    assert annotate(cache, tmp_path / "warm") == cold
    assert kept.stat().st_mtime_ns == written  # every program came from the cache: none to add
    assert not list(cache.glob(".*.part"))


@pytest.mark.parametrize("damage", ["not json", "[]", '{"x": [1, 2]}', "truncated"])
def test_a_damaged_cache_is_compiled_around(
    warm: tuple[Path, dict[str, str]], tmp_path: Path, damage: str
) -> None:
    cache, cold = warm
    damaged = tmp_path / "cache"
    damaged.mkdir()
    original = next(cache.glob("regex-*.json"))
    text = original.read_text(encoding="utf-8")
    if damage == "truncated":
        damage = text[: len(text) // 2]
    elif damage == '{"x": [1, 2]}':  # every entry of the wrong shape
        damage = json.dumps({key: [1, 2] for key in json.loads(text)})
    (damaged / original.name).write_text(damage, encoding="utf-8")
    assert annotate(damaged, tmp_path / "out") == cold


def test_an_unwritable_cache_folder_is_not_an_error(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("a file where the folder would go", encoding="utf-8")
    assert annotate(blocked / "cache", tmp_path / "out")


_ATOMS = st.sampled_from(["a", "b", "é", r"\w", r"\d", r"\p{Lu}", "[a-c]", ".", r"\s", "(?i:b)", r"\b"])


@st.composite
def patterns(draw: st.DrawFn, depth: int = 0) -> str:
    """Small patterns of groups, alternations, quantifiers and lookarounds."""
    parts = []
    for _ in range(draw(st.integers(1, 3))):
        kind = draw(st.sampled_from(["atom", "atom", "group", "alternation"] if depth < 2 else ["atom"]))
        if kind == "atom":
            part = draw(_ATOMS)
        elif kind == "group":
            inner = draw(patterns(depth + 1))
            part = draw(
                st.sampled_from([f"({inner})", f"(?:{inner})", f"(?<g{depth}>{inner})", f"(?={inner})"])
            )
        else:
            part = f"(?:{draw(patterns(depth + 1))}|{draw(patterns(depth + 1))})"
        parts.append(part + draw(st.sampled_from(["", "", "?", "*", "+", "{1,2}", "+?"])))
    return "".join(parts)


@given(pattern=patterns(), flags=st.sampled_from([0, regex.IGNORECASE]), text=st.text(max_size=40))
def test_a_pattern_compiled_then_read_back_matches_the_same(pattern: str, flags: int, text: str) -> None:
    compiled, entry = pattern_cache._compiled_with_program(pattern, flags)
    assert entry is not None
    from_cache = pattern_cache._core().compile(*pattern_cache._arguments(pattern, flags, entry))
    assert [(m.span(), m.groupdict()) for m in from_cache.finditer(text)] == [
        (m.span(), m.groupdict()) for m in compiled.finditer(text)
    ]


def test_the_cache_keeps_the_newest_programs_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A rule author compiling pattern after pattern does not make the file grow without end."""
    monkeypatch.setenv("CTANNOT_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(pattern_cache, "MOST_PROGRAMS", 3)
    for word in ["alpha", "beta", "gamma", "delta", "epsilon"]:
        _, entry = pattern_cache._compiled_with_program(word, 0)
        monkeypatch.setattr(pattern_cache, "_new", {word: entry})
        pattern_cache._save()
    assert list(json.loads(pattern_cache.cache_file().read_bytes())) == ["gamma", "delta", "epsilon"]
