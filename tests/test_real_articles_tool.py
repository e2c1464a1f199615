"""tools/real_articles.py's ``restore``: a text rebuilt from a copy of its stored page, where the
set's texts were cut from the page (navigation, headlines) and cleaned, found by the gold digests."""

from __future__ import annotations

import hashlib
import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

REPO = Path(__file__).resolve().parents[1]


def _tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("real_articles", REPO / "tools" / "real_articles.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


real_articles = _tool()


def _gold(text: str, spans: list[tuple[int, int]]) -> list[dict[str, object]]:
    return [
        {"type": "Actor", "start": s, "end": e, "sha1": hashlib.sha1(text[s:e].encode()).hexdigest()[:10]}
        for s, e in spans
    ]


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _at(name: str) -> tuple[int, int]:
    start = ARTICLE.index(name)
    return start, start + len(name)


ARTICLE = (
    "The Coastal Guard Forum met in Port Hale on Monday.\n\n"
    "Its chair, Ana Vell, said the Forum would open a centre.\n\n"
    "The Lagoon Initiative starts next year, the ministers agreed.\n"
)


def test_the_navigation_cut_the_set_made_is_found_again_between_the_spans() -> None:
    page = "Home | World | Africa\n\n" + ARTICLE.replace("\n\nIts", "\n\nRead also: Port Hale floods\n\nIts")
    spans = [_at("Coastal Guard Forum"), _at("Ana Vell"), _at("Lagoon Initiative")]
    text, lost = real_articles.rebuild(page, len(ARTICLE), _sha(ARTICLE), _gold(ARTICLE, spans))
    assert text == ARTICLE
    assert lost == []


def test_a_text_that_ends_with_a_line_break_the_stored_page_lacks() -> None:
    page = "date 2021-03-04 " + ARTICLE.rstrip("\n")
    text, _ = real_articles.rebuild(
        page,
        len(ARTICLE),
        _sha(ARTICLE),
        _gold(ARTICLE, [_at("Coastal Guard Forum"), _at("Lagoon Initiative")]),
    )
    assert text == ARTICLE


def test_spaces_before_line_breaks_and_runs_of_blank_lines_are_cleaned_as_the_set_did() -> None:
    page = ARTICLE.replace(".\n\n", ". \n\n\n\n")
    text, _ = real_articles.rebuild(
        page, len(ARTICLE), _sha(ARTICLE), _gold(ARTICLE, [_at("Coastal Guard Forum")])
    )
    assert text is None or text == ARTICLE  # both cleanings at once are not tried: never a wrong text
    spaced = ARTICLE.replace(".\n", ". \n")
    assert (
        real_articles.rebuild(
            spaced, len(ARTICLE), _sha(ARTICLE), _gold(ARTICLE, [_at("Coastal Guard Forum")])
        )[0]
        == ARTICLE
    )


def test_a_miscopied_page_names_the_spans_it_no_longer_holds_and_gives_no_text() -> None:
    page = ARTICLE.replace("Ana Vell", "Ana Veil")
    text, lost = real_articles.rebuild(
        page, len(ARTICLE), _sha(ARTICLE), _gold(ARTICLE, [_at("Coastal Guard Forum"), _at("Ana Vell")])
    )
    assert text is None
    assert [(s["start"], s["end"]) for s in lost] == [_at("Ana Vell")]


@example(lines=["0", "1", "1"], junk=["0"], where=0)  # "0" and "1" twice in the page: refused
@given(
    lines=st.lists(
        st.text(
            st.characters(blacklist_characters="\n", blacklist_categories=["Cs"]), min_size=1, max_size=30
        ),
        min_size=2,
        max_size=8,
    ),
    junk=st.lists(
        st.text(
            st.characters(blacklist_characters="\n", blacklist_categories=["Cs"]), min_size=1, max_size=20
        ),
        min_size=1,
        max_size=3,
    ),
    where=st.integers(min_value=0, max_value=7),
)
def test_any_text_with_a_block_of_lines_cut_is_rebuilt_where_its_spans_are_unique(
    lines: list[str], junk: list[str], where: int
) -> None:
    text = "\n".join(lines) + "\n"
    kept = text.splitlines(keepends=True)
    at = min(where, len(kept))
    page = "".join(kept[:at]) + "".join(j + "\n" for j in junk) + "".join(kept[at:])
    spans = [(0, len(lines[0])), (len(text) - len(lines[-1]) - 1, len(text) - 1)]
    rebuilt, lost = real_articles.rebuild(page, len(text), _sha(text), _gold(text, spans))
    assert lost == []
    assert rebuilt is None or rebuilt == text  # never a wrong text
    if all(page.count(text[s:e]) == 1 for s, e in spans):  # anchors a reader could not misplace
        assert rebuilt == text


def test_restore_writes_only_a_text_whose_digest_matches(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "no_such_article.json").write_text(json.dumps("text"), encoding="utf-8")
    texts = tmp_path / "texts"
    texts.mkdir()
    assert real_articles.restore(texts, [pages / "no_such_article.json"]) == 1
    assert "UNKNOWN" in capsys.readouterr().out
    assert list(texts.iterdir()) == []


def test_the_cut_recorded_with_an_article_makes_its_text_again() -> None:
    """From batch 6 on, ``articles.json`` records the page lines a text cut and the store's tag
    before its first line: the text is made again from them, with no search."""
    page = (
        " date 2024-03-12 " + ARTICLE.replace("\n\nIts", "\n\nRead also: Port Hale floods  \n\nIts") + "Share"
    )
    made = real_articles.cut_as_recorded(page, {"lines": [3, 8], "prefix": " date 2024-03-12 "})
    assert made == ARTICLE


@given(st.lists(st.sampled_from(["", "Home", "The Forum met.", "Ana Vell said so.  ", "Share"]), max_size=12))
def test_a_recorded_cut_of_no_line_only_cleans(lines: list[str]) -> None:
    page = "\n".join(lines)
    made = real_articles.cut_as_recorded(page, {"lines": []})
    assert made.endswith("\n")
    assert "\n\n\n" not in made
    assert " \n" not in made
