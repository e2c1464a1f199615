"""``ctannot report``: a folder of annotated documents drawn as one page of charts.

The figures are checked against counts made here from the documents themselves, the charts in a
real headless Chromium (the bars on screen, their counts and lengths), and the reading of the
folder: both output formats of ``annotate``, broken files reported by name, and memory that does
not grow with the number of documents.
"""

from __future__ import annotations

import gzip
import json
import tracemalloc
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from browser import Watch, chromium
from conftest import REPO, run_ctannot
from ctannot import Actor, Document, Forum, Provenance, Statement, Threat
from ctannot.batch import LINES_FILE
from ctannot.formats.inputs import read_jsonl
from ctannot.formats.web_annotation import dumps
from ctannot.pipeline import Pipeline
from ctannot.registry import Registry
from ctannot.views.render import PALETTE
from ctannot.views.report import CorpusStats, _periods, collect, identity, to_html


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory, pipeline: Pipeline) -> tuple[Path, list[Document]]:
    """The dated sample articles, annotated by the rules pipeline, one .jsonld file each."""
    folder = tmp_path_factory.mktemp("out")
    docs = []
    for doc in read_jsonl(REPO / "corpus_samples" / "samples.jsonl"):
        assert isinstance(doc, Document)
        docs.append(pipeline.annotate(doc).document)
        (folder / f"{doc.id}.jsonld").write_text(dumps(docs[-1]), encoding="utf-8")
    return folder, docs


def at(text: str, phrase: str) -> tuple[int, int]:
    start = text.index(phrase)
    return start, start + len(phrase)


def quarter(date: str) -> str:
    return f"{date[:4]}-Q{(int(date[5:7]) - 1) // 3 + 1}"


# -- the figures ----------------------------------------------------------------------------------


def test_counts_per_type_and_dates(corpus: tuple[Path, list[Document]], registry: Registry) -> None:
    folder, docs = corpus
    stats = collect(folder, registry.types)
    assert stats.documents == len(docs) == 12
    assert stats.types == Counter(a.type_name for d in docs for a in d.annotations())
    assert stats.languages == Counter({"en": 6, "fr": 6})
    dates = sorted(d.metadata["date"] for d in docs)
    assert (stats.first_date, stats.last_date, stats.undated) == (dates[0], dates[-1], 0)
    assert stats.extractors == Counter({"rules.mentions 0.2.0": 12, "rules.statements 0.2.0": 12})
    assert stats.skipped == []


def test_mentions_are_grouped_by_entity(corpus: tuple[Path, list[Document]], registry: Registry) -> None:
    folder, docs = corpus
    stats = collect(folder, registry.types)
    isis = [a for d in docs for a in d.annotations(Threat) if a.entity == "common-threats:isis"]
    surfaces = {a.text for a in isis}
    assert {"Daech", "ISIS"} <= surfaces  # French and English names, one thing
    with_isis = sum(any(a.entity == "common-threats:isis" for a in d.annotations(Threat)) for d in docs)
    assert stats.threats.top(1) == [("ISIS", len(isis), with_isis)]
    by_id = {(d.id, a.id): a for d in docs for a in d.annotations()}
    voronkov = [
        s
        for d in docs
        for s in d.annotations(Statement)
        if s.speaker and by_id[d.id, s.speaker].entity == "person:vladimir voronkov"
    ]
    assert ("Vladimir Voronkov", len(voronkov), 2) in stats.speakers.top(15)


def test_without_an_entity_a_mention_goes_by_its_canonical_name_or_its_text() -> None:
    text = "Réunion ministérielle, puis  réunion MINISTÉRIELLE ; le GAFI et le Groupe d'action financière."
    doc = Document("d", text, "fr")
    layer = doc.new_layer("mentions", Provenance("test", "1"))
    first = text.index("Réunion")
    second = text.index("réunion")
    layer.add(Forum, first, first + len("Réunion ministérielle"))
    layer.add(Forum, second, second + len("réunion MINISTÉRIELLE"))
    gafi, fatf = text.index("GAFI"), text.index("Groupe")
    layer.add(Forum, gafi, gafi + 4, canonical="Financial Action Task Force")
    layer.add(Forum, fatf, fatf + len("Groupe d'action financière"), canonical="Financial  Action Task Force")
    stats = CorpusStats()
    stats.add(Document(doc.id, doc.text, doc.lang, layers=[layer.build()]))
    assert stats.forums.top(5) == [("Financial Action Task Force", 2, 1), ("Réunion ministérielle", 2, 1)]
    ann = Actor(source=text, start=0, end=7, id="a", entity="x", name="Someone")
    assert identity(ann) == ("entity x", "Someone")


def test_periods_are_months_quarters_or_years() -> None:
    months = ["2023-11", "2024-02"]
    assert _periods({key: Counter() for key in months})[0] == ["2023-11", "2023-12", "2024-01", "2024-02"]
    periods, of_month = _periods({key: Counter() for key in ["2018-10", "2024-06"]})
    assert periods[0] == "2018-Q4"
    assert periods[-1] == "2024-Q2"
    assert len(periods) == 23
    assert of_month("2020-03") == "2020-Q1"
    assert of_month("2020-04") == "2020-Q2"
    assert _periods({key: Counter() for key in ["1990-01", "2024-12"]})[0] == [
        str(y) for y in range(1990, 2025)
    ]


# -- reading the folder ---------------------------------------------------------------------------


def test_reads_jsonld_lines_too(
    corpus: tuple[Path, list[Document]], registry: Registry, tmp_path: Path
) -> None:
    _, docs = corpus
    (tmp_path / LINES_FILE).write_text("".join(dumps(d) for d in docs[:5]) + "\n", encoding="utf-8")
    with gzip.open(tmp_path / (LINES_FILE + ".gz"), "wt", encoding="utf-8") as handle:
        handle.write("".join(dumps(d) for d in docs[5:]))
    stats = collect(tmp_path, registry.types)
    assert stats.documents == 12
    assert stats.skipped == []
    assert stats.types == Counter(a.type_name for d in docs for a in d.annotations())


def test_unreadable_files_and_lines_are_named_and_skipped(
    corpus: tuple[Path, list[Document]], registry: Registry, tmp_path: Path
) -> None:
    _, docs = corpus
    (tmp_path / "good.jsonld").write_text(dumps(docs[0]), encoding="utf-8")
    (tmp_path / "broken.jsonld").write_text("{", encoding="utf-8")
    (tmp_path / "latin1.jsonld").write_bytes("é".encode("latin-1"))
    (tmp_path / LINES_FILE).write_text(
        dumps(docs[1]) + '{"@context": []}\n' + dumps(docs[2]), encoding="utf-8"
    )
    (tmp_path / (LINES_FILE + ".gz")).write_bytes(b"not gzip")
    (tmp_path / "notes.txt").write_text("not an annotated file", encoding="utf-8")
    stats = collect(tmp_path, registry.types)
    assert stats.documents == 3
    assert [problem.split(": ")[0] for problem in stats.skipped] == [
        str(tmp_path / "annotations.jsonld.jsonl.gz"),
        f"{tmp_path / LINES_FILE}:2",
        str(tmp_path / "broken.jsonld"),
        str(tmp_path / "latin1.jsonld"),
    ]


def test_memory_does_not_grow_with_the_corpus(registry: Registry, tmp_path: Path) -> None:
    """Documents are read one at a time and dropped: ten times the documents, not ten times the memory."""
    unit = "Le GAFI a réuni 200 délégations à Paris ; « agissons », a dit Mme Ndiaye. "
    text = unit * 40
    doc = Document("d", text, "fr", {"date": "2024-02-23"})
    layer = doc.new_layer("mentions", Provenance("test", "1"))
    for i in range(0, len(text), len(unit)):
        layer.add(Forum, *(i + n for n in at(unit, "GAFI")), entity="gafi")
        speaker = layer.add(Actor, *(i + n for n in at(unit, "Mme Ndiaye")), entity="ndiaye")
        layer.add(Statement, *(i + n for n in at(unit, "agissons")), speaker=speaker.id)
    doc = Document(doc.id, doc.text, doc.lang, doc.metadata, [layer.build()])

    def peak(n: int) -> int:
        folder = tmp_path / str(n)
        folder.mkdir()
        for i in range(n):
            (folder / f"d{i}.jsonld").write_text(
                dumps(Document(f"d{i}", text, "fr", doc.metadata, doc.layers))
            )
        tracemalloc.start()
        try:
            stats = collect(folder, registry.types)
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
            assert stats.documents == n

    small, large = peak(30), peak(300)
    assert large < small * 1.5, (small, large)


# -- the page in Chromium --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium(width=1300, height=1000) as context:
        yield context


@pytest.fixture(scope="module")
def report_page(
    browser: Any, corpus: tuple[Path, list[Document]], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Any]:
    folder, _ = corpus
    out = tmp_path_factory.mktemp("report") / "report.html"
    result = run_ctannot("report", folder, "-o", out)
    assert result.returncode == 0, result.stderr
    assert result.stderr == f"ctannot: report of 12 documents -> {out}\n"
    tab = browser.new_page()
    watch = Watch(tab)
    tab.goto(out.as_uri())
    yield tab
    watch.assert_clean()
    tab.close()


def bars(tab: Any, chart: str) -> list[dict[str, Any]]:
    return list(
        tab.eval_on_selector_all(
            f'svg[data-chart="{chart}"] rect.bar',
            """els => els.map(e => ({label: e.dataset.label, type: e.dataset.type, period: e.dataset.period,
                count: Number(e.dataset.count), width: e.getBoundingClientRect().width,
                height: e.getBoundingClientRect().height, fill: getComputedStyle(e).fill,
                shown: e.nextElementSibling && e.nextElementSibling.textContent}))""",
        )
    )


def rgb(hex_colour: str) -> str:
    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgb({r}, {g}, {b})"


def test_the_bars_per_type_show_the_counts(report_page: Any, corpus: tuple[Path, list[Document]]) -> None:
    _, docs = corpus
    expected = Counter(a.type_name for d in docs for a in d.annotations())
    drawn = bars(report_page, "types")
    assert [(b["label"], b["count"], b["shown"]) for b in drawn] == [
        (name, n, str(n)) for name, n in sorted(expected.items(), key=lambda item: (-item[1], item[0]))
    ]
    assert [b["fill"] for b in drawn] == [rgb(PALETTE[b["label"]]) for b in drawn]
    longest = drawn[0]["width"]
    for b in drawn:  # lengths in proportion to the counts
        assert b["width"] == pytest.approx(longest * b["count"] / drawn[0]["count"], abs=1)
    assert report_page.locator(".facts").inner_text().startswith("12 documents (6 fr, 6 en) · ")


def test_the_most_mentioned_are_drawn_most_first(
    report_page: Any, corpus: tuple[Path, list[Document]]
) -> None:
    _, docs = corpus
    for chart in ("forums", "threats", "speakers"):
        drawn = bars(report_page, chart)
        assert 1 <= len(drawn) <= 15
        counts = [b["count"] for b in drawn]
        assert counts == sorted(counts, reverse=True)
        assert all(b["shown"].startswith(f"{b['count']} · ") for b in drawn)
    threats = bars(report_page, "threats")
    isis = sum(1 for d in docs for a in d.annotations(Threat) if a.entity == "common-threats:isis")
    assert (threats[0]["label"], threats[0]["count"]) == ("ISIS", isis)
    assert report_page.locator('svg[data-chart="threats"] text.label').first.text_content() == "ISIS"


def test_mentions_over_time_add_up(report_page: Any, corpus: tuple[Path, list[Document]]) -> None:
    _, docs = corpus
    expected: Counter[tuple[str, str]] = Counter()
    for d in docs:
        for a in d.annotations():
            expected[quarter(d.metadata["date"]), a.type_name] += 1
    drawn = bars(report_page, "time")
    assert {(b["period"], b["type"]): b["count"] for b in drawn} == expected
    per_period: Counter[str] = Counter()
    heights: Counter[str] = Counter()
    for b in drawn:
        per_period[b["period"]] += b["count"]
        heights[b["period"]] += b["height"]
    unit = max(heights[p] / per_period[p] for p in per_period)  # one annotation, in pixels
    for p in per_period:  # stacks as tall as their totals
        assert heights[p] == pytest.approx(per_period[p] * unit, rel=0.02)
    labels = report_page.locator('svg[data-chart="time"] text.tick').all_text_contents()
    assert "2018-Q4" in labels
    assert report_page.locator(".time .note").inner_text() == "Per quarter."


def test_a_corpus_without_dates_says_so(browser: Any, registry: Registry, tmp_path: Path) -> None:
    text = "Le GCTF s'est réuni à Rabat."
    doc = Document("d", text, "fr")
    layer = doc.new_layer("mentions", Provenance("test", "1"))
    layer.add(Forum, 3, 7)
    (tmp_path / "d.jsonld").write_text(dumps(Document("d", text, "fr", layers=[layer.build()])))
    tab = browser.new_page()
    tab.set_content(to_html(collect(tmp_path, registry.types), "no dates"))
    assert tab.locator(".time p").inner_text().startswith("No document carries a date")
    assert tab.locator('svg[data-chart="time"]').count() == 0
    assert [(b["label"], b["count"]) for b in bars(tab, "forums")] == [("GCTF", 1)]
    tab.close()


def test_a_hostile_corpus_shows_its_markup_as_text(browser: Any, registry: Registry, tmp_path: Path) -> None:
    payload = '<img src=x onerror="window.pwned=1"><script>window.pwned=2</script>'
    text = f"{payload} a parlé devant {payload}."
    doc = Document(payload, text, payload, {"date": "2024-01-05" + payload})
    layer = doc.new_layer(payload, Provenance(payload, payload))
    speaker = layer.add(Actor, 0, len(payload), id=payload, entity=payload)
    start = text.rindex(payload)
    layer.add(Forum, start, start + len(payload), canonical=payload)
    layer.add(Statement, len(payload) + 1, len(payload) + 9, speaker=speaker.id)
    (tmp_path / "bad name.jsonld").write_text(
        dumps(Document(doc.id, text, doc.lang, doc.metadata, [layer.build()]))
    )
    (tmp_path / f"{payload.replace('/', '')}.jsonld").write_text("{")
    stats = collect(tmp_path, registry.types)
    assert stats.documents == 1
    assert len(stats.skipped) == 1
    tab = browser.new_page()
    watch = Watch(tab)
    tab.set_content(to_html(stats, payload))
    assert tab.evaluate("window.pwned") is None
    assert tab.locator("img, script, [onerror]").count() == 0
    assert [b["label"] for b in bars(tab, "forums")] == [payload]
    assert [b["label"] for b in bars(tab, "speakers")] == [payload]
    assert tab.locator("h1").inner_text() == payload
    assert payload.replace("/", "") in tab.locator(".skipped").inner_text()
    assert payload in tab.locator(".extractors").inner_text()
    watch.assert_clean()
    tab.close()


# -- the command ----------------------------------------------------------------------------------


def test_report_command_exit_codes(corpus: tuple[Path, list[Document]], tmp_path: Path) -> None:
    folder, docs = corpus
    mixed = tmp_path / "mixed"
    mixed.mkdir()
    (mixed / "a.jsonld").write_text(dumps(docs[0]), encoding="utf-8")
    (mixed / "b.jsonld").write_text(json.dumps({"@context": "nope"}), encoding="utf-8")
    out = tmp_path / "report.html"
    result = run_ctannot("report", mixed, "-o", out)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"ctannot: skipped {mixed / 'b.jsonld'}: not a ctannot document: @context must start with "
        "'http://www.w3.org/ns/anno.jsonld'",
        f"ctannot: report of 1 document, 1 skipped -> {out}",
    ]
    assert out.exists()
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run_ctannot("report", empty, "-o", tmp_path / "r.html")
    assert (result.returncode, result.stderr) == (
        2,
        f"ctannot: error: {empty} holds no annotated documents (.jsonld files)\n",
    )
    result = run_ctannot("report", tmp_path / "nowhere", "-o", tmp_path / "r.html")
    assert (result.returncode, result.stderr) == (
        2,
        f"ctannot: error: {tmp_path / 'nowhere'} is not a folder\n",
    )
    result = run_ctannot("report", folder, "-o", tmp_path / "no" / "r.html")
    assert result.returncode == 2
    assert "cannot write" in result.stderr
    assert not (tmp_path / "r.html").exists()
