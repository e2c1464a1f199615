"""A corpus drawn as one HTML page: what was found, what is mentioned most, and when.

``python -m ctannot report OUT_DIR -o report.html`` reads the annotated documents of a folder
(its ``*.jsonld`` files, and the JSON-LD lines of ``annotate --output-format jsonld-lines``) one
at a time, keeping counts and never the documents, so a corpus of any size fits in memory. The
page draws them as inline SVG charts: annotations per type, the most mentioned forums, threats
and speakers (mentions grouped by entity, else by canonical name, else by their text
normalised), and mentions over time by each document's ``metadata.date``. It is as
self-contained and escaped as the pages of :mod:`ctannot.views.render`.
"""

from __future__ import annotations

import gzip
import heapq
import os
import re
import unicodedata
import zlib
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path

import attrs

from ctannot.batch import LINES_FILE
from ctannot.formats import FormatError, read_text
from ctannot.formats.inputs import InputError, open_regular
from ctannot.formats.web_annotation import loads
from ctannot.model import Annotation, Document
from ctannot.views.render import asset, colours, escape, escape_attr, page

__all__ = ["CorpusStats", "Tally", "collect", "read_folder", "to_html"]

DEFAULT_TOP = 15
_MONTH = re.compile(r"(\d{4})-(0[1-9]|1[0-2])")


def normalise(text: str) -> str:
    """Text compared loosely: NFKC, case folded, runs of white space as one space."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def identity(ann: Annotation) -> tuple[str, str]:
    """What a mention is counted as (its entity, else its canonical name, else its text
    normalised), and the name it shows (the canonical name, else the text)."""
    canonical = getattr(ann, "canonical", None) or getattr(ann, "name", None)
    if not isinstance(canonical, str):
        canonical = None
    name = " ".join((canonical or ann.text).split())
    if ann.entity:
        return f"entity {ann.entity}", name
    if canonical:
        return f"name {normalise(canonical)}", name
    return f"text {normalise(ann.text)}", name


@attrs.define
class Tally:
    """Mentions of things grouped by identity: how many, in how many documents, under which names."""

    mentions: Counter[str] = attrs.Factory(Counter)
    documents: Counter[str] = attrs.Factory(Counter)
    names: dict[str, Counter[str]] = attrs.Factory(dict)

    def add(self, found: Sequence[tuple[str, str]]) -> None:
        """Count the ``(key, name)`` mentions of one document."""
        for key, name in found:
            self.mentions[key] += 1
            self.names.setdefault(key, Counter())[name] += 1
        self.documents.update({key for key, _ in found})

    def name(self, key: str) -> str:
        """The name used most often for ``key`` (among equals, the longest, then the first in order)."""
        names = self.names[key]
        return min(names, key=lambda name: (-names[name], -len(name), name))

    def top(self, n: int) -> list[tuple[str, int, int]]:
        """The ``n`` things mentioned most: ``(name, mentions, documents)``, ties by name."""
        keys = heapq.nsmallest(n, self.mentions, key=lambda k: (-self.mentions[k], self.name(k), k))
        return [(self.name(k), self.mentions[k], self.documents[k]) for k in keys]


@attrs.define
class CorpusStats:
    """What :func:`collect` counts over a corpus; ``add`` takes one document at a time."""

    documents: int = 0
    types: Counter[str] = attrs.Factory(Counter)
    """Annotations per type name."""
    classes: dict[str, type[Annotation]] = attrs.Factory(dict)
    languages: Counter[str] = attrs.Factory(Counter)
    extractors: Counter[str] = attrs.Factory(Counter)
    """Documents per extractor (``name version``) that made a layer of them."""
    forums: Tally = attrs.Factory(Tally)
    threats: Tally = attrs.Factory(Tally)
    speakers: Tally = attrs.Factory(Tally)
    """Statements per speaker."""
    months: dict[str, Counter[str]] = attrs.Factory(dict)
    """Annotations per type in the documents of each month (``YYYY-MM``) of ``metadata.date``."""
    first_date: str | None = None
    last_date: str | None = None
    undated: int = 0
    skipped: list[str] = attrs.Factory(list)
    """Why files or lines of the folder could not be read."""

    def add(self, document: Document) -> None:
        self.documents += 1
        self.languages[document.lang or "unknown"] += 1
        self.extractors.update({str(layer.producer) for layer in document.layers})
        types: Counter[str] = Counter()
        forums, threats, speakers = [], [], []
        by_id: dict[str, Annotation] = {}
        for ann in document.annotations():
            by_id[ann.id] = ann
            types[ann.type_name] += 1
            self.classes.setdefault(ann.type_name, type(ann))
            if ann.type_name == "Forum":
                forums.append(identity(ann))
            elif ann.type_name == "Threat":
                threats.append(identity(ann))
        for ann in document.annotations():
            speaker = getattr(ann, "speaker", None)
            if isinstance(speaker, str):
                speakers.append(identity(by_id[speaker]))
            named = getattr(ann, "speaker_name", None)
            if isinstance(named, str):  # a group no annotation names: counted by its phrase
                speakers.append((f"text {normalise(named)}", " ".join(named.split())))
        self.types.update(types)
        self.forums.add(forums)
        self.threats.add(threats)
        self.speakers.add(speakers)
        date = document.metadata.get("date")
        month = _MONTH.match(date) if isinstance(date, str) else None
        if month is None or not isinstance(date, str):
            self.undated += 1
            return
        self.months.setdefault(month.group(0), Counter()).update(types)
        self.first_date = min(date, self.first_date or date)
        self.last_date = max(date, self.last_date or date)


def read_folder(
    folder: Path, types: Mapping[str, type[Annotation]], skipped: list[str]
) -> Iterator[Document]:
    """The documents of an ``annotate`` output folder, one at a time, in no particular order.

    Files and lines that cannot be read are told in ``skipped`` (each naming itself), not raised.
    """
    with os.scandir(folder) as entries:
        for entry in entries:
            path = Path(entry.path)
            if entry.name.endswith(".jsonld") and not entry.name.startswith("."):
                try:
                    yield loads(read_text(path), types, str(path))
                except FormatError as exc:
                    skipped.append(str(exc))
            elif entry.name in (LINES_FILE, LINES_FILE + ".gz"):
                yield from _read_lines(path, types, skipped)


def _read_lines(path: Path, types: Mapping[str, type[Annotation]], skipped: list[str]) -> Iterator[Document]:
    try:
        raw, _ = open_regular(path)  # a FIFO by that name is not waited on
    except InputError as exc:
        skipped.append(str(exc))
        return
    try:
        with raw, gzip.GzipFile(fileobj=raw, mode="rb") if path.suffix == ".gz" else raw as handle:
            for number, line in enumerate(handle, 1):
                if not line.strip():
                    continue
                try:
                    yield loads(line.decode("utf-8"), types, f"{path}:{number}")
                except UnicodeDecodeError as exc:
                    skipped.append(f"{path}:{number}: cannot be read ({exc})")
                except FormatError as exc:
                    skipped.append(str(exc))
    except (OSError, EOFError, zlib.error) as exc:  # unreadable, or a gzip stream cut short or corrupt
        skipped.append(f"{path}: cannot be read ({exc})")


def collect(folder: Path, types: Mapping[str, type[Annotation]]) -> CorpusStats:
    """Count the documents of ``folder`` (see :func:`read_folder`); unreadable ones in ``skipped``."""
    stats = CorpusStats()
    for document in read_folder(folder, types, stats.skipped):
        stats.add(document)
    stats.skipped.sort()
    return stats


# -- the page ------------------------------------------------------------------------------------


def to_html(stats: CorpusStats, title: str, top: int = DEFAULT_TOP) -> str:
    """The page of a corpus: its figures and charts, with the ``top`` most mentioned of each kind."""
    type_colours = colours(stats.classes.values())
    total = sum(stats.types.values())
    languages = ", ".join(f"{n} {escape(lang)}" for lang, n in stats.languages.most_common())
    facts = [f"{stats.documents:,} documents" + (f" ({languages})" if languages else "")]
    facts.append(f"{total:,} annotations")
    if stats.first_date and stats.last_date:
        facts.append(f"dated {escape(stats.first_date)} to {escape(stats.last_date)}")
    parts = [
        f"<h1>{escape(title)}</h1>",
        f'<p class="facts">{" · ".join(facts)}</p>',
        _section("Annotations per type", "types", _bars("types", _type_rows(stats, type_colours))),
        '<div class="tops">',
    ]
    for heading, chart, tally, type_name, unit in (
        ("Most mentioned forums", "forums", stats.forums, "Forum", "mentions"),
        ("Most mentioned threats", "threats", stats.threats, "Threat", "mentions"),
        ("Most quoted speakers", "speakers", stats.speakers, "Actor", "statements"),
    ):
        colour = type_colours.get(type_name, "#777777")
        rows = [
            (
                name,
                count,
                colour,
                f"{name}: {count} {unit} in {_n(docs, 'document')}",
                f"{count} · {_n(docs, 'doc')}",
            )
            for name, count, docs in tally.top(top)
        ]
        parts.append(_section(heading, chart, _bars(chart, rows) if rows else "<p>None found.</p>"))
    parts.append("</div>")
    parts.append(_section("Mentions over time", "time", _timeline(stats, type_colours)))
    if stats.extractors:
        items = "".join(
            f"<li>{escape(name)}: {n:,} documents</li>" for name, n in sorted(stats.extractors.items())
        )
        parts.append(_section("Extractors", "extractors", f"<ul>{items}</ul>"))
    if stats.skipped:
        items = "".join(f"<li>{escape(problem)}</li>" for problem in stats.skipped)
        parts.append(_section(f"Skipped ({len(stats.skipped)})", "skipped", f"<ul>{items}</ul>"))
    body = '<main class="ctannot-report">\n' + "\n".join(parts) + "\n</main>"
    return page(title, body, asset("report.css"))


def _n(count: int, noun: str) -> str:
    return f"{count:,} {noun}" if count == 1 else f"{count:,} {noun}s"


def _section(heading: str, name: str, content: str) -> str:
    return f'<section class="{name}"><h2>{escape(heading)}</h2>\n{content}\n</section>'


def _type_rows(stats: CorpusStats, type_colours: Mapping[str, str]) -> list[tuple[str, int, str, str, str]]:
    return [
        (name, n, type_colours[name], f"{name}: {n} annotations", f"{n:,}")
        for name, n in sorted(stats.types.items(), key=lambda item: (-item[1], item[0]))
    ]


_LABEL_W, _BAR_W, _ROW_H, _FONT_PX = 210, 250, 24, 13


def _bars(chart: str, rows: Sequence[tuple[str, int, str, str, str]]) -> str:
    """A horizontal bar chart: one row per ``(label, count, colour, tooltip, count as shown)``."""
    if not rows:
        return "<p>None found.</p>"
    biggest = max(count for _, count, *_ in rows) or 1
    width = _LABEL_W + _BAR_W + 90
    height = _ROW_H * len(rows)
    out = [
        f'<svg class="chart" data-chart="{chart}" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">'
    ]
    for i, (label, count, colour, tooltip, shown) in enumerate(rows):
        y = i * _ROW_H
        bar = max(1.0, _BAR_W * count / biggest)
        text_y = y + _ROW_H / 2 + _FONT_PX / 2 - 2
        out.append(
            f'<g class="row"><title>{escape(tooltip)}</title>'
            f'<text class="label" x="{_LABEL_W - 8}" y="{text_y:.1f}" text-anchor="end">'
            f"{escape(_fit(label, _LABEL_W))}</text>"
            f'<rect class="bar" data-label="{escape_attr(label)}" data-count="{count}" x="{_LABEL_W}" '
            f'y="{y + 3}" width="{bar:.1f}" height="{_ROW_H - 6}" fill="{colour}"/>'
            f'<text class="count" x="{_LABEL_W + bar + 6:.1f}" y="{text_y:.1f}">{escape(shown)}</text></g>'
        )
    out.append("</svg>")
    return "".join(out)


def _fit(label: str, width: int) -> str:
    """``label`` cut to what fits in ``width`` pixels (an average letter is about 0.58 em)."""
    room = int(width / (_FONT_PX * 0.58))
    return label if len(label) <= room else label[: room - 1] + "…"


def _timeline(stats: CorpusStats, type_colours: Mapping[str, str]) -> str:
    """Stacked columns of annotations per type, per month, quarter or year (the finest that fits)."""
    if not stats.months:
        return (
            "<p>No document carries a date: ctannot reads it from the document's "
            "<code>metadata.date</code> (ISO 8601, e.g. from a JSON Lines input).</p>"
        )
    periods, of_month = _periods(stats.months)
    per_period: dict[str, Counter[str]] = {p: Counter() for p in periods}
    for month, counts in stats.months.items():
        per_period[of_month(month)].update(counts)
    highest = max(sum(c.values()) for c in per_period.values()) or 1
    step = _nice_step(highest)
    top = step * -(-highest // step)
    left, plot_w, plot_h, bottom = 44, 640, 220, 42
    width, height = left + plot_w + 30, plot_h + bottom + 10
    column = plot_w / len(periods)

    def y_of(count: int) -> float:
        return 10 + plot_h * (1 - count / top)

    out = [
        f'<svg class="chart" data-chart="time" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">'
    ]
    for tick in range(0, top + 1, step):
        y = y_of(tick)
        out.append(
            f'<line class="grid" x1="{left}" x2="{left + plot_w}" y1="{y:.1f}" y2="{y:.1f}"/>'
            f'<text class="tick" x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{tick}</text>'
        )
    every = max(1, -(-len(periods) // 12))  # at most 12 labels on the axis
    for i, period in enumerate(periods):
        x = left + i * column
        base = 0
        for type_name, colour in type_colours.items():
            n = per_period[period][type_name]
            if not n:
                continue
            y1, y0 = y_of(base + n), y_of(base)
            out.append(
                f'<rect class="bar" data-period="{period}" data-type="{escape_attr(type_name)}" '
                f'data-count="{n}" x="{x + column * 0.12:.1f}" y="{y1:.1f}" width="{column * 0.76:.1f}" '
                f'height="{y0 - y1:.1f}" fill="{colour}">'
                f"<title>{period} · {escape(type_name)}: {n}</title></rect>"
            )
            base += n
        if i % every == 0:
            out.append(
                f'<text class="tick" x="{x + column / 2:.1f}" y="{plot_h + 28}" '
                f'text-anchor="middle">{period}</text>'
            )
    out.append("</svg>")
    legend = "".join(
        f'<li><svg width="12" height="12" aria-hidden="true"><rect width="12" height="12" '
        f'fill="{colour}"/></svg> {escape(name)}</li>'
        for name, colour in type_colours.items()
    )
    note = f" {stats.undated:,} documents without a date are left out." if stats.undated else ""
    return f'{"".join(out)}<ul class="key">{legend}</ul><p class="note">Per {_unit(periods)}.{note}</p>'


def _periods(months: Mapping[str, Counter[str]]) -> tuple[list[str], Callable[[str], str]]:
    """Every period from the first month to the last, by month, quarter or year: at most 40."""
    first, last = min(months), max(months)
    y0, m0, y1, m1 = int(first[:4]), int(first[5:7]), int(last[:4]), int(last[5:7])
    span = (y1 - y0) * 12 + m1 - m0 + 1
    of_month: Callable[[str], str]
    if span <= 40:
        of_month = _month_of
    elif span <= 120:
        of_month = _quarter_of
    else:
        of_month = _year_of
    periods: list[str] = []
    year, month = y0, m0
    while (year, month) <= (y1, m1):
        period = of_month(f"{year:04d}-{month:02d}")
        if not periods or periods[-1] != period:
            periods.append(period)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return periods, of_month


def _month_of(month: str) -> str:
    return month


def _quarter_of(month: str) -> str:
    return f"{month[:4]}-Q{(int(month[5:7]) + 2) // 3}"


def _year_of(month: str) -> str:
    return month[:4]


def _unit(periods: Sequence[str]) -> str:
    sample = periods[0]
    return "quarter" if "Q" in sample else "month" if "-" in sample else "year"


def _nice_step(highest: int) -> int:
    """A round step (1, 2, 5, 10, 20, 50...) that puts at most five grid lines up to ``highest``."""
    step = 1
    while highest / step > 5:
        step = step * 5 // 2 if str(step)[0] == "2" else step * 2
    return step
