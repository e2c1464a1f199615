"""How the rules call ``regex``: their arguments by position, in regex's order, and the GIL kept
when no other thread could take it (``concurrent=False``) or let go otherwise, as ``regex`` does
by default: each call gets what the keywords would give it, and the candidates are the same."""

from __future__ import annotations

import threading
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
import regex

import ctannot
from ctannot.extractors.rule_extractor import RuleExtractor
from ctannot.rules.folding import views_of
from ctannot.rules.matching import _span_at, _span_in_window_at, _spans

SAMPLES = Path(__file__).resolve().parent.parent / "corpus_samples"


def candidates_of_the_samples(pipeline: ctannot.Pipeline) -> list[list[tuple[Any, ...]]]:
    extractor = next(ex for ex in pipeline.extractors if isinstance(ex, RuleExtractor))
    out = []
    for path in sorted(SAMPLES.glob("*.txt")):
        document = ctannot.Document(path.stem, path.read_text(encoding="utf-8"), path.name[:2])
        found = extractor.candidates(document, lambda problem: None)
        out.append([(m.type, m.start, m.end, dict(m.attributes), m.origin) for m in found])
    return out


def test_the_rules_find_the_same_with_or_without_other_threads(monkeypatch: pytest.MonkeyPatch) -> None:
    pipeline = ctannot.load_pipeline("rules")
    pipeline.setup()
    asked: list[int] = []

    def threads(count: int) -> Any:
        def active_count() -> int:
            asked.append(count)
            return count

        return active_count

    monkeypatch.setattr(threading, "active_count", threads(1))
    alone = candidates_of_the_samples(pipeline)  # concurrent=False
    monkeypatch.setattr(threading, "active_count", threads(2))
    beside = candidates_of_the_samples(pipeline)  # concurrent=None: regex's default
    assert set(asked) == {1, 2}
    assert sum(map(len, alone)) > 100
    assert alone == beside


# -- the calls' arguments by position --------------------------------------------------------------

RUNAWAY = regex.compile(r"(?:a|aa)+$")  # backtracks exponentially on a run of 'a' before a 'b'
SLOW_TEXT = "a" * 40 + "b"


class Recorder:
    """A pattern that records the arguments of each call, and answers as ``pattern`` does when
    called with the same values as keywords, by name."""

    def __init__(self, pattern: Any) -> None:
        self.pattern = pattern
        self.calls: list[tuple[str, dict[str, Any]]] = []

    def match(
        self, string: str, pos: int, endpos: int | None, concurrent: Any, partial: bool, timeout: float
    ) -> Any:
        named = {
            "pos": pos,
            "endpos": endpos,
            "concurrent": concurrent,
            "partial": partial,
            "timeout": timeout,
        }
        self.calls.append(("match", named))
        return self.pattern.match(string, **named)

    def finditer(
        self,
        string: str,
        pos: int,
        endpos: int | None,
        overlapped: bool,
        concurrent: Any,
        partial: bool,
        timeout: float,
    ) -> Any:
        named = {
            "pos": pos,
            "endpos": endpos,
            "overlapped": overlapped,
            "concurrent": concurrent,
            "partial": partial,
            "timeout": timeout,
        }
        self.calls.append(("finditer", named))
        return self.pattern.finditer(string, **named)


def test_regex_takes_its_arguments_in_the_order_the_rules_give_them() -> None:
    # a partial match, an overlapped search and a timeout each show that its value went where its
    # name would have put it
    assert regex.compile("abc").match("ab", 0, None, None, True) is not None  # partial
    assert regex.compile("abc").match("ab", 0, None, None, False) is None
    overlapping = regex.compile("aa").finditer("aaaa", 0, None, True, None, False, 1.0)
    assert [m.span() for m in overlapping] == [(0, 2), (1, 3), (2, 4)]
    with pytest.raises(TimeoutError):
        RUNAWAY.match(SLOW_TEXT, 0, None, False, False, 0.05)
    with pytest.raises(TimeoutError):
        list(RUNAWAY.finditer(SLOW_TEXT, 0, None, False, False, False, 0.05))


@pytest.mark.parametrize("concurrent", [None, False])
def test_each_call_of_the_rules_gives_its_arguments_their_places(concurrent: bool | None) -> None:
    text = "Le GCTF et le GCTF."
    views = views_of(text)
    found = Recorder(regex.compile(r"GCTF"))
    assert [s[:2] for s in _spans(found, 0, views, False, 1.0, [3, 14], concurrent)] == [(3, 7), (14, 18)]
    assert [s[:2] for s in _spans(found, 0, views, False, 1.0, [(0, len(text))], concurrent)] == [
        (3, 7),
        (14, 18),
    ]
    veto = Recorder(regex.compile(r"(?<=le )(?P<span>GCTF)"))
    exclusion: Any = SimpleNamespace(pattern=veto, span_group="span")
    assert _span_in_window_at(exclusion, text, 14, len(text), 1.0, concurrent)
    assert not _span_in_window_at(exclusion, text, 3, len(text), 1.0, concurrent)
    opening: Any = SimpleNamespace(pattern=Recorder(regex.compile(r"(?P<span>GCTF)")), span_group="span")
    assert _span_at(opening, text, 3, len(text), 1.0, concurrent)
    assert [name for name, _ in found.calls] == ["match", "match", "finditer"]
    assert found.calls[0][1] == {
        "pos": 3,
        "endpos": None,
        "concurrent": concurrent,
        "partial": False,
        "timeout": 1.0,
    }
    assert found.calls[2][1]["overlapped"] is False
    assert all(named["overlapped"] is True for _, named in veto.calls)
    assert opening.pattern.calls == [
        ("match", {"pos": 3, "endpos": len(text), "concurrent": concurrent, "partial": False, "timeout": 1.0})
    ]
    with pytest.raises(TimeoutError):
        list(_spans(RUNAWAY, 0, views_of(SLOW_TEXT), False, 0.05, [0], concurrent))
    with pytest.raises(TimeoutError):
        list(_spans(RUNAWAY, 0, views_of(SLOW_TEXT), False, 0.05, None, concurrent))
