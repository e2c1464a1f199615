"""Annotated documents drawn as HTML, for people to read rather than parse.

:func:`to_html` draws a document's text with every annotation underlined in its type's colour:
the Okabe–Ito palette, which stays distinguishable with every common colour-vision deficiency.
Overlapping and nested spans each keep a bar of their own, stacked one below the other (a span
takes the highest free track across its whole length, so its bar stays straight). A legend
names the types (a click hides one); hovering a span lights it up with what it is linked to (a
Statement and its speaker, both ways); clicking shows the attributes and provenance (layer,
extractor and version, id, entity) of every span under the pointer. Each Statement with a
speaker ends in a chip naming the speaker, which leads to it.

The page is self-contained (its style and script inline, nothing fetched) and everything taken
from the document is escaped, so text written by strangers shows as text; on top of that, the
page's Content-Security-Policy lets only its own style and script run. ``python -m ctannot
render`` writes the page, :meth:`ctannot.Document._repr_html_` shows the same in a notebook.
"""

from __future__ import annotations

import base64
import hashlib
import heapq
import json
import re
import uuid
from collections.abc import Iterable, Mapping
from functools import cache
from importlib import resources
from itertools import pairwise
from typing import Any

import attrs

from ctannot.model import NOTEBOOK_VIEWS, Annotation, Document, Layer
from ctannot.version import __version__

__all__ = ["FALLBACK_COLOURS", "PALETTE", "asset", "colours", "escape", "escape_attr", "page", "to_html"]

PALETTE: Mapping[str, str] = {
    "Actor": "#E69F00",  # orange
    "Forum": "#0072B2",  # blue
    "Initiative": "#009E73",  # bluish green
    "Statement": "#CC79A7",  # reddish purple
    "Threat": "#D55E00",  # vermillion
}
"""The colours of the built-in types, from the Okabe–Ito palette."""

FALLBACK_COLOURS = ("#56B4E9", "#F0E442", "#000000")
"""The rest of Okabe–Ito (sky blue, yellow, black), in turn, for types without a colour."""

_HEX = re.compile(r"#[0-9A-Fa-f]{6}")

# What HTML cannot carry as it is: markup characters, a CR (parsers turn it into LF, but not the
# character reference), NUL (dropped by parsers) and lone surrogates (not encodable in UTF-8),
# the last two shown as U+FFFD as a browser would.
_UNSHOWABLE = {0: "\ufffd"} | dict.fromkeys(range(0xD800, 0xE000), "\ufffd")
_TEXT = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"} | _UNSHOWABLE)
_ATTR = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;", "\r": "&#13;"} | _UNSHOWABLE
)

ROOT_CLASS = "ctannot-doc"
PAGE_SCOPE = "ct-page"
"""The class that scopes a full page's per-document style (a notebook fragment gets a unique one)."""

_TRACK_PX = 5
"""Vertical distance between two stacked bars."""

MAX_TRACKS = 8
"""How many stacked bars are drawn at most. Spans deeper than that (4,000 nested or identical
spans, say) are listed under the text instead: each drawn span wraps the pieces of text it
covers, so drawing them all made the page grow with the square of their number."""


def escape(value: str) -> str:
    """``value`` as HTML text: markup shown as characters, CR kept, NUL and lone surrogates as U+FFFD."""
    return value.translate(_TEXT)


def escape_attr(value: str) -> str:
    """``value`` inside a quoted HTML attribute, escaped as :func:`escape` does, quotes too."""
    return value.translate(_ATTR)


@cache
def asset(name: str) -> str:
    """A style sheet or script shipped in ``ctannot/assets``, inlined into the pages."""
    return resources.files("ctannot.views").joinpath("assets", name).read_text(encoding="utf-8")


def _sha256(source: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode("ascii")


def page(title: str, body: str, css: str, script: str = "", lang: str | None = None) -> str:
    """A complete HTML page around ``body`` (already escaped), with ``css`` and ``script`` inline.

    Its Content-Security-Policy allows that style and that script (by hash) and nothing else: no
    other script, no style attribute, no request for anything. ``script`` is not added here: it
    must be in ``body``, as ``<script>SCRIPT</script>``, where it finds its element.
    """
    css = asset("page.css") + css
    policy = f"default-src 'none'; style-src '{_sha256(css)}'; base-uri 'none'; form-action 'none'"
    if script:
        policy += f"; script-src '{_sha256(script)}'"
    return (
        f'<!DOCTYPE html>\n<html{_lang_attribute(lang)}>\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="ctannot {__version__}">\n'
        f"<title>{escape(title)}</title>\n<style>{css}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    )


def colours(classes: Iterable[type[Annotation]]) -> dict[str, str]:
    """The colour of each annotation type, by type name, in name order.

    A type's own ``colour`` (``#rrggbb``) comes first, then :data:`PALETTE`; the types left take
    :data:`FALLBACK_COLOURS` in turn, in name order.
    """
    found: dict[str, str] = {}
    left: list[str] = []
    for cls in sorted(set(classes), key=lambda c: c.type_name):
        name = cls.type_name
        if name in found or name in left:
            continue
        own = cls.colour
        if isinstance(own, str) and _HEX.fullmatch(own):
            found[name] = own
        elif name in PALETTE:
            found[name] = PALETTE[name]
        else:
            left.append(name)
    for i, name in enumerate(left):
        found[name] = FALLBACK_COLOURS[i % len(FALLBACK_COLOURS)]
    return dict(sorted(found.items()))


def to_html(document: Document, *, full: bool = True) -> str:
    """``document`` drawn as HTML: a complete page, or (``full=False``) a fragment for a notebook.

    Every value taken from the document (text, ids, attributes, layer and extractor names,
    metadata) is escaped. Fragments scope their style to themselves, so that several can share
    one notebook.
    """
    scope = PAGE_SCOPE if full else f"ct-{uuid.uuid4().hex[:12]}"
    drawing = _Drawing.of(document)
    script = asset("render.js")
    css = asset("render.css") + drawing.style(scope)
    body = (
        f'<div class="{ROOT_CLASS} {scope}">\n{drawing.header()}\n{drawing.legend()}\n'
        f'<div class="body">\n<div class="text"{_lang_attribute(document.lang)}>{drawing.text()}</div>\n'
        f'<aside class="details" aria-live="polite">{drawing.deep()}<p class="hint">{_HINT}</p>\n'
        f"{drawing.details()}</aside>\n"
        f"</div>\n<script>{script}</script>\n</div>"
    )
    if not full:
        return f"<style>{css}</style>\n{body}"
    return page(_title(document), body, css, script, document.lang)


_HINT = (
    "Point at a highlighted span to see what it is linked to; click it for its attributes and "
    "provenance (every span under the pointer); Esc clears."
)


def _notebook_fragment(document: Document) -> str:
    return to_html(document, full=False)


NOTEBOOK_VIEWS.append(_notebook_fragment)  # Document._repr_html_ draws with it in a notebook


def _lang_attribute(lang: str | None) -> str:
    return f' lang="{escape_attr(lang)}"' if lang else ""


def _title(document: Document) -> str:
    """The document's ``title`` (metadata), else its id."""
    title = document.metadata.get("title")
    return title if isinstance(title, str) else document.id


@attrs.frozen
class _Drawn:
    """An annotation as drawn: its number in the page, its layer, type class and bar track."""

    number: int
    annotation: Annotation
    layer: Layer
    type_class: str
    track: int


@attrs.frozen
class _Drawing:
    """A document and how each of its annotations is drawn."""

    document: Document
    drawn: tuple[_Drawn, ...]
    type_colours: dict[str, str]
    type_classes: dict[str, str]
    by_id: dict[str, _Drawn]
    referrers: dict[int, list[tuple[str, _Drawn]]]

    @classmethod
    def of(cls, document: Document) -> _Drawing:
        pairs = [(ann, layer) for layer in document.layers for ann in layer]
        type_colours = colours(type(ann) for ann, _ in pairs)
        type_classes = {name: f"t{i}" for i, name in enumerate(type_colours)}
        tracks = _tracks([ann for ann, _ in pairs])
        drawn = tuple(
            _Drawn(n, ann, layer, type_classes[ann.type_name], track)
            for n, ((ann, layer), track) in enumerate(zip(pairs, tracks, strict=True))
        )
        by_id = {d.annotation.id: d for d in drawn}
        referrers: dict[int, list[tuple[str, _Drawn]]] = {}
        for d in drawn:
            for name, _, ref in d.annotation.references():
                referrers.setdefault(by_id[ref].number, []).append((name, d))
        return cls(document, drawn, type_colours, type_classes, by_id, referrers)

    def style(self, scope: str) -> str:
        """The rules of this document: its types' colours, and as many bar tracks as it needs."""
        depth = min(MAX_TRACKS, max((d.track + 1 for d in self.drawn), default=0))
        rules = [
            # room between two lines for the stacked bars
            f".{scope} .text{{line-height:calc(1.3em + {_TRACK_PX * depth + 4}px)}}"
        ]
        for name, colour in self.type_colours.items():
            t = self.type_classes[name]
            rules.append(f".{scope} .{t}{{--c:{colour};--bg:{colour}26;--hl:{colour}73}}")
            rules.append(f".{scope}.hide-{t} .a.{t}{{--c:transparent;--bg:transparent;--hl:transparent}}")
        rules += [f".{scope} .k{k}{{padding-bottom:{1 + _TRACK_PX * k}px}}" for k in range(depth)]
        return "\n".join(rules) + "\n"

    def header(self) -> str:
        doc = self.document
        lines = [f"<header><h2>{escape(_title(doc))}</h2>"]
        facts = [f"document <code>{escape(doc.id)}</code>"]
        if doc.lang:
            facts.append(f"language {escape(doc.lang)}")
        facts += [f"{len(doc.text):,} characters", f"{len(self.drawn):,} annotations"]
        lines.append(f'<p class="meta">{" · ".join(facts)}</p>')
        rest = {k: v for k, v in doc.metadata.items() if k != "title"}
        if rest:
            items = "".join(
                f"<div><dt>{escape(k)}</dt> <dd>{escape(_plain(v))}</dd></div>" for k, v in rest.items()
            )
            lines.append(f'<dl class="metadata">{items}</dl>')
        if doc.layers:
            layers = "".join(
                f"<li>layer <b>{escape(layer.name)}</b> by {escape(layer.producer.name)} "
                f"{escape(layer.producer.version)}: {len(layer)}</li>"
                for layer in doc.layers
            )
            lines.append(f'<ul class="layers">{layers}</ul>')
        return "\n".join(lines) + "</header>"

    def legend(self) -> str:
        counts: dict[str, int] = dict.fromkeys(self.type_colours, 0)
        for d in self.drawn:
            counts[d.annotation.type_name] += 1
        if not counts:
            return '<nav class="legend" aria-label="annotation types"><p>No annotations.</p></nav>'
        buttons = "".join(
            f'<li><button type="button" class="{self.type_classes[name]}" data-t="{self.type_classes[name]}" '
            f'aria-pressed="true"><span class="sw"></span><span class="name">{escape(name)}</span> '
            f'<span class="n">{n}</span></button></li>'
            for name, n in counts.items()
        )
        return f'<nav class="legend" aria-label="annotation types"><ul>{buttons}</ul></nav>'

    def text(self) -> str:
        """The text cut where spans start or end; each piece inside the spans that cover it."""
        text = self.document.text
        starts: dict[int, list[_Drawn]] = {}
        ends: dict[int, list[_Drawn]] = {}
        chips: dict[int, list[str]] = {}
        for d in self.drawn:
            if d.track >= MAX_TRACKS:
                continue  # listed by deep()
            starts.setdefault(d.annotation.start, []).append(d)
            ends.setdefault(d.annotation.end, []).append(d)
            chip = self.chip(d)
            if chip:
                chips.setdefault(d.annotation.end, []).append(chip)
        out: list[str] = []
        active: dict[int, _Drawn] = {}
        for left, right in pairwise(sorted({0, len(text), *starts, *ends})):
            for d in ends.get(left, ()):
                del active[d.number]
            out += chips.get(left, ())
            for d in starts.get(left, ()):
                active[d.number] = d
            # at most one span a track is active: MAX_TRACKS of them, the outermost first
            out += [
                f'<span class="a {d.type_class} k{d.track}" data-a="{d.number}">'
                for d in sorted(active.values(), key=lambda d: d.track)
            ]
            out += [escape(text[left:right]), "</span>" * len(active)]
        out += chips.get(len(text), ())
        return "".join(out)

    def deep(self) -> str:
        """The spans nested too deep to draw, listed: each leads to its details."""
        deep = [d for d in self.drawn if d.track >= MAX_TRACKS]
        if not deep:
            return ""
        links = "".join(f"<li>{self.link(d)}</li>" for d in deep)
        return (
            f'<details class="deep"><summary>{len(deep):,} annotations nested more than {MAX_TRACKS} '
            f"deep, not drawn in the text</summary><ul>{links}</ul></details>\n"
        )

    def chip(self, d: _Drawn) -> str:
        """After a span with a speaker: a chip naming the speaker, that leads to it (to the
        span's own details for a speaker that a phrase names, ``speaker_name``)."""
        speaker_id = getattr(d.annotation, "speaker", None)
        named = getattr(d.annotation, "speaker_name", None)
        if isinstance(named, str) and named and speaker_id is None:
            return (
                f'<span class="said {d.type_class}" data-a="{d.number}" data-go="{d.number}" '
                f'data-speaker="{escape_attr(_short(named))}"></span>'
            )
        if not isinstance(speaker_id, str) or speaker_id not in self.by_id:
            return ""
        speaker = self.by_id[speaker_id]
        return (
            f'<span class="said {speaker.type_class}" data-a="{d.number}" data-go="{speaker.number}" '
            f'data-speaker="{escape_attr(_short(speaker.annotation.text))}"></span>'
        )

    def details(self) -> str:
        """One hidden section per annotation, in text order: what the click shows."""
        order = sorted(self.drawn, key=lambda d: (d.annotation.start, d.annotation.end, d.number))
        return "\n".join(self.section(d) for d in order)

    def section(self, d: _Drawn) -> str:
        ann = d.annotation
        producer = d.layer.producer
        rows = [
            ("span", f"{ann.start}–{ann.end}"),
            ("id", escape(ann.id)),
            ("layer", escape(d.layer.name)),
            ("extractor", f"{escape(producer.name)} {escape(producer.version)}"),
        ]
        refs: dict[str, list[_Drawn]] = {}
        for name, _, ref in ann.references():
            refs.setdefault(name, []).append(self.by_id[ref])
        for name, value in ann.attributes.items():
            if name in refs:
                rows.append((escape(name), " ".join(self.link(r) for r in refs[name])))
            elif value is not None and value != ():
                rows.append((escape(name), _value(name, value)))
        for name, referrer in self.referrers.get(d.number, ()):
            rows.append((f"{escape(name)} of", self.link(referrer)))
        linked = {r.number for found in refs.values() for r in found}
        linked |= {r.number for _, r in self.referrers.get(d.number, ())}
        items = "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in rows)
        return (
            f'<section class="{d.type_class}" data-a="{d.number}" '
            f'data-linked="{" ".join(map(str, sorted(linked)))}" hidden>'
            f'<h3><span class="sw"></span>{escape(ann.type_name)}</h3>'
            f"<q>{escape(_short(ann.text, 300))}</q><dl>{items}</dl></section>"
        )

    def link(self, target: _Drawn) -> str:
        return (
            f'<button type="button" class="{target.type_class}" data-go="{target.number}">'
            f"{escape(target.annotation.type_name)}: {escape(_short(target.annotation.text))}</button>"
        )


def _tracks(annotations: list[Annotation]) -> list[int]:
    """Each span's bar track: the lowest one free over its whole length, longer spans first.

    In n log n: the tracks of the spans that ended are kept in a heap, lowest first (a scan of
    every track for each span was quadratic in nested or identical spans)."""
    order = sorted(range(len(annotations)), key=lambda i: (annotations[i].start, -annotations[i].end, i))
    busy: list[tuple[int, int]] = []  # (where its span ends, track), soonest end first
    free: list[int] = []
    tracks = [0] * len(annotations)
    for i in order:
        ann = annotations[i]
        while busy and busy[0][0] <= ann.start:
            heapq.heappush(free, heapq.heappop(busy)[1])
        track = heapq.heappop(free) if free else len(busy)
        heapq.heappush(busy, (ann.end, track))
        tracks[i] = track
    return tracks


_WIKIDATA = re.compile(r"Q[1-9][0-9]*")


def _value(name: str, value: Any) -> str:
    """An attribute value as escaped HTML; a Wikidata id (and nothing else) as a link."""
    if name == "wikidata" and isinstance(value, str) and _WIKIDATA.fullmatch(value):
        return (
            f'<a href="https://www.wikidata.org/wiki/{value}" rel="noopener noreferrer" '
            f'target="_blank">{value}</a>'
        )
    return escape(_plain(value))


def _plain(value: Any) -> str:
    """A value as plain text: strings as they are, sequences joined, records as ``name value``."""
    if isinstance(value, str):
        return value
    if isinstance(value, tuple | list):
        return ", ".join(_plain(v) for v in value)
    if attrs.has(type(value)):
        return ", ".join(
            f"{f.name} {_plain(getattr(value, f.name))}"
            for f in attrs.fields(type(value))
            if getattr(value, f.name) is not None
        )
    return json.dumps(value, ensure_ascii=False)


def _short(text: str, size: int = 60) -> str:
    """The start of ``text``, white space collapsed, at most ``size`` characters. Only its first
    ``8 * size`` characters are looked at: every span is shortened, and spans can be as long as
    the text (collapsing each whole made nested spans quadratic)."""
    short = " ".join(text[: 8 * size].split())
    if len(short) <= size and len(text) <= 8 * size:
        return short
    return short[: size - 1] + "…"
