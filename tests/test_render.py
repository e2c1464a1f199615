"""``ctannot render``: documents drawn as HTML, looked at in a real headless Chromium.

The browser tests load the page and check what is on screen: the legend, each span's text and
computed colour, stacked bars for overlapping spans, the details a click shows, the link between
a Statement and its speaker, and that a hostile document shows its markup as text with no script
of its own running. The plain tests check the HTML as a parser reads it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, ClassVar

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from browser import Watch, chromium
from conftest import REPO, run_ctannot
from ctannot import Actor, Annotation, Document, Forum, Initiative, Provenance, Statement, Threat
from ctannot.formats.web_annotation import dumps, loads
from ctannot.pipeline import Pipeline
from ctannot.views.render import FALLBACK_COLOURS, MAX_TRACKS, PALETTE, _tracks, colours, to_html
from strategies import documents

TEXT = (
    "« Nous devons couper les financements de Daech », a déclaré Marie Lefèvre devant le Forum "
    "mondial de lutte contre le terrorisme réuni à Rabat.\n"
)


def at(text: str, phrase: str) -> tuple[int, int]:
    start = text.index(phrase)
    return start, start + len(phrase)


def sample() -> Document:
    """A hand-made document: a Statement with its speaker, spans nested three deep, and two
    Forums of two layers that cross (neither holds the other)."""
    doc = Document("rabat", TEXT, "fr", {"title": "Réunion à Rabat", "date": "2024-03-12"})
    mentions = doc.new_layer("mentions", Provenance("rules.mentions", "0.2.0"))
    mentions.add(Actor, *at(TEXT, "Marie Lefèvre"), id="m1", kind="person", entity="person:marie lefevre")
    mentions.add(Threat, *at(TEXT, "Daech"), id="m2", category="group", canonical="ISIS", wikidata="Q2429253")
    mentions.add(Initiative, *at(TEXT, "couper les financements de Daech"), id="m3")
    mentions.add(
        Forum, *at(TEXT, "Forum mondial de lutte contre le terrorisme"), id="m4", entity="forum:gctf"
    )
    other = doc.new_layer("nlp", Provenance("nlp.stanza", "1.9"))
    other.add(Forum, *at(TEXT, "le terrorisme réuni à Rabat"), id="n1")
    statements = doc.new_layer("statements", Provenance("rules.statements", "0.2.0"))
    statements.add(
        Statement,
        *at(TEXT, "Nous devons couper les financements de Daech"),
        id="s1",
        speaker="m1",
        cue="déclarer",
        mode="direct",
    )
    return Document(
        doc.id, doc.text, doc.lang, doc.metadata, [mentions.build(), other.build(), statements.build()]
    )


def number(doc: Document, annotation_id: str) -> int:
    """The number the page gives an annotation: its place in ``doc.annotations()``."""
    return [ann.id for ann in doc.annotations()].index(annotation_id)


def rgb(hex_colour: str) -> str:
    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgb({r}, {g}, {b})"


def shown(text: str) -> str:
    """What a browser shows of ``text``: NUL and lone surrogates as U+FFFD, the rest as it is."""
    return re.sub("[\x00\ud800-\udfff]", "\ufffd", text)


# -- the page in Chromium ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as context:
        yield context


@pytest.fixture
def page(browser: Any, tmp_path: Path) -> Iterator[tuple[Any, Watch]]:
    """The sample document's page, opened from a file, with a watch on what it does."""
    path = tmp_path / "rabat.html"
    path.write_text(to_html(sample()), encoding="utf-8")
    tab = browser.new_page()
    watch = Watch(tab)
    tab.goto(path.as_uri())
    yield tab, watch
    watch.assert_clean()
    tab.close()


def rows(section: Any) -> dict[str, str]:
    """The rows of an annotation's details, as shown: name -> value."""
    pairs = section.locator("dt").all_inner_texts(), section.locator("dd").all_inner_texts()
    return dict(zip(*pairs, strict=True))


def part(doc: Document, annotation_id: str) -> str:
    return f'.text .a[data-a="{number(doc, annotation_id)}"]'


def test_legend_names_each_type_with_its_count_and_colour(page: tuple[Any, Watch]) -> None:
    tab, _ = page
    legend = tab.locator(".legend button")
    assert legend.all_text_contents() == ["Actor 1", "Forum 2", "Initiative 1", "Statement 1", "Threat 1"]
    swatches = tab.eval_on_selector_all(
        ".legend .sw", "els => els.map(e => getComputedStyle(e).backgroundColor)"
    )
    assert swatches == [rgb(PALETTE[t]) for t in ("Actor", "Forum", "Initiative", "Statement", "Threat")]


def test_each_span_shows_its_text_in_its_type_colour(page: tuple[Any, Watch]) -> None:
    tab, _ = page
    doc = sample()
    for ann in doc.annotations():
        parts = tab.locator(part(doc, ann.id))
        assert "".join(parts.all_text_contents()) == ann.text
        bars = parts.evaluate_all("els => els.map(e => getComputedStyle(e).borderBottomColor)")
        assert set(bars) == {rgb(PALETTE[ann.type_name])}
        assert parts.first.is_visible()
    assert tab.locator(".text").text_content() == doc.text


def test_overlapping_spans_have_bars_of_their_own(page: tuple[Any, Watch]) -> None:
    """Where spans overlap, each bar sits at its own depth below the text, all visible."""
    tab, _ = page
    doc = sample()
    # "terrorisme" lies in both Forums, which cross; "Daech" in the Statement, the Initiative
    # and the Threat, nested.
    for inner, outer in (("n1", "m4"), ("m2", "m3"), ("m3", "s1")):
        nested = tab.locator(f'{part(doc, outer)} > .a[data-a="{number(doc, inner)}"]')
        assert nested.count() >= 1
        gaps = nested.evaluate_all(
            "els => els.map(e => e.parentElement.getBoundingClientRect().bottom"
            " - e.getBoundingClientRect().bottom)"
        )
        assert all(gap <= -4 for gap in gaps), gaps  # the inner span's bar lies below the outer's


def test_a_click_shows_every_span_there_with_its_provenance(page: tuple[Any, Watch]) -> None:
    tab, _ = page
    doc = sample()
    tab.locator(part(doc, "m2")).click()
    sections = tab.locator(".details section:visible")
    # the Threat, then the Initiative and the Statement that hold it
    assert sections.locator("h3").all_inner_texts() == ["Threat", "Initiative", "Statement"]
    assert sections.nth(0).locator("q").inner_text() == "Daech"
    assert rows(sections.nth(0)) == {
        "span": "41–46",
        "id": "m2",
        "layer": "mentions",
        "extractor": "rules.mentions 0.2.0",
        "category": "group",
        "canonical": "ISIS",
        "wikidata": "Q2429253",
    }
    assert sections.nth(0).locator("a").get_attribute("href") == "https://www.wikidata.org/wiki/Q2429253"
    assert rows(sections.nth(2))["speaker"] == "Actor: Marie Lefèvre"
    tab.keyboard.press("Escape")
    assert tab.locator(".details section:visible").count() == 0
    assert tab.locator(".details .hint").is_visible()


def test_hovering_a_statement_lights_its_speaker_and_back(page: tuple[Any, Watch]) -> None:
    tab, _ = page
    doc = sample()
    speaker, statement = part(doc, "m1"), part(doc, "s1")
    tab.locator(statement).first.hover()
    assert tab.locator(speaker).evaluate("e => e.classList.contains('linked')")
    assert tab.locator(speaker).evaluate("e => getComputedStyle(e).outlineStyle") == "dashed"
    assert "Statement" in tab.locator(".details section:visible").inner_text()  # a preview, not pinned
    tab.locator(speaker).hover()
    assert tab.locator(statement).evaluate_all("els => els.every(e => e.classList.contains('linked'))")
    tab.mouse.move(1, 1)
    assert tab.locator(".linked").count() == 0


def test_a_statement_ends_in_a_chip_that_leads_to_its_speaker(page: tuple[Any, Watch]) -> None:
    tab, _ = page
    doc = sample()
    chip = tab.locator(".said")
    assert chip.count() == 1
    assert chip.evaluate("e => getComputedStyle(e, '::after').content") == '"→\u00a0Marie Lefèvre"'
    assert chip.evaluate("e => getComputedStyle(e, '::after').borderTopColor") == rgb(PALETTE["Actor"])
    # right after the quote, before the closing guillemet
    assert chip.evaluate("e => e.nextSibling.textContent").startswith(" », a déclaré")
    chip.click()
    shown_now = tab.locator(".details section:visible")
    assert shown_now.count() == 1
    assert shown_now.locator("h3").inner_text() == "Actor"
    assert tab.locator(part(doc, "m1")).evaluate("e => e.classList.contains('hl')")
    # and the Statement's details lead there too
    tab.locator(part(doc, "s1")).first.click()
    tab.locator(".details section:visible button", has_text="Actor: Marie Lefèvre").click()
    assert tab.locator(".details section:visible h3").all_inner_texts() == ["Actor"]
    actor = rows(tab.locator(".details section:visible"))
    assert actor["entity"] == "person:marie lefevre"
    assert actor["speaker of"] == "Statement: Nous devons couper les financements de Daech"


def test_a_speaker_named_by_a_phrase_has_a_chip_that_leads_to_the_statement(
    browser: Any, tmp_path: Path
) -> None:
    text = "Les ministres de cinq pays ont appelé à partager les renseignements.\n"
    doc = Document("groupe", text, "fr")
    layer = doc.new_layer("statements", Provenance("test", "1"))
    start, end = at(text, "partager les renseignements")
    layer.add(Statement, start, end, speaker_name="ministres de cinq pays", cue="appeler")
    doc = doc.with_layers([layer.build()])
    path = tmp_path / "groupe.html"
    path.write_text(to_html(doc), encoding="utf-8")
    tab = browser.new_page()
    watch = Watch(tab)
    tab.goto(path.as_uri())
    chip = tab.locator(".said")
    assert chip.evaluate("e => getComputedStyle(e, '::after').content") == '"→\u00a0ministres de cinq pays"'
    chip.click()
    shown_now = tab.locator(".details section:visible")
    assert shown_now.locator("h3").inner_text() == "Statement"
    assert rows(shown_now)["speaker_name"] == "ministres de cinq pays"
    watch.assert_clean()
    tab.close()


def test_the_legend_hides_and_shows_a_type(page: tuple[Any, Watch]) -> None:
    tab, _ = page
    doc = sample()
    threat = tab.locator(part(doc, "m2"))
    button = tab.locator(".legend button", has_text="Threat")
    button.click()
    assert button.get_attribute("aria-pressed") == "false"
    assert threat.evaluate("e => getComputedStyle(e).borderBottomColor") == "rgba(0, 0, 0, 0)"
    assert tab.locator(part(doc, "m1")).evaluate("e => getComputedStyle(e).borderBottomColor") == rgb(
        PALETTE["Actor"]
    )
    button.click()
    assert threat.evaluate("e => getComputedStyle(e).borderBottomColor") == rgb(PALETTE["Threat"])


# -- hostile documents ---------------------------------------------------------------------------

PAYLOADS = (
    "<script>window.pwned = 1; alert(1)</script>",
    '<img src=x onerror="window.pwned = 2; alert(2)">',
    "javascript:window.pwned=3;alert(3)",
    '"><svg onload="window.pwned = 4; alert(4)">',
    "</style><script>window.pwned = 5</script><style>",
    "' onmouseover='window.pwned = 6' x='",
    "&lt;b&gt;not bold&lt;/b&gt; &amp; <!-- a comment -->",
)
HOSTILE = "\n".join(PAYLOADS) + "\n"


@attrs.frozen(kw_only=True)
class Hostile(Annotation):
    """A plugin's type whose name and colour try to break out of the page."""

    type_name: ClassVar[str] = "<script>window.pwned = 7</script>"
    colour: ClassVar[str | None] = "red}</style><script>window.pwned = 8</script>"

    note: str | None = None


def hostile() -> Document:
    """Markup, event handlers and ``javascript:`` URLs everywhere a document can hold a string."""
    doc = Document(
        PAYLOADS[1],
        HOSTILE,
        'fr" onmouseover="window.pwned = 9',
        {"title": PAYLOADS[0], PAYLOADS[3]: PAYLOADS[2], "url": PAYLOADS[2]},
    )
    layer = doc.new_layer(PAYLOADS[4], Provenance(PAYLOADS[5], PAYLOADS[0]))
    spans = [at(HOSTILE, payload) for payload in PAYLOADS]
    layer.add(
        Actor,
        *spans[6],
        id=PAYLOADS[3],
        name=PAYLOADS[1],
        role=PAYLOADS[2],
        wikidata=PAYLOADS[2],
        entity=PAYLOADS[0],
    )
    layer.add(
        Forum, *spans[1], id=PAYLOADS[5], canonical=PAYLOADS[4], place=PAYLOADS[6], chairs=[PAYLOADS[3]]
    )
    layer.add(Statement, spans[2][0], spans[4][1], id=PAYLOADS[0], speaker=PAYLOADS[3], cue=PAYLOADS[1])
    layer.add(Hostile, *spans[3], id=PAYLOADS[2], note=PAYLOADS[0])
    layer.add(Threat, *spans[0], id=PAYLOADS[1], canonical=PAYLOADS[6], wikidata="javascript:alert(10)")
    return Document(doc.id, doc.text, doc.lang, doc.metadata, [layer.build()])


def check_nothing_ran(tab: Any, watch: Watch, doc: Document) -> None:
    """Point at and click every span (event handlers would fire), then look for their traces."""
    for i in range(len(list(doc.annotations()))):
        tab.locator(f'.text .a[data-a="{i}"]').first.hover()
        tab.locator(f'.text .a[data-a="{i}"]').first.click()
        tab.locator(".details section:visible").first.wait_for()
    chip = tab.locator(".said")
    assert chip.evaluate("e => getComputedStyle(e, '::after').content") == f'"→\u00a0{PAYLOADS[6]}"'
    chip.click()
    assert tab.locator(".text").get_attribute("lang") == doc.lang
    assert tab.evaluate("window.pwned") is None
    assert tab.locator("script").count() == 1  # ctannot's own
    assert tab.locator("img, svg, iframe, object, embed, [style]").count() == 0
    assert (
        tab.evaluate(
            "[...document.querySelectorAll('*')].flatMap(e => [...e.attributes])"
            ".filter(a => a.name.startsWith('on')).map(a => a.name)"
        )
        == []
    )
    assert tab.locator("a").evaluate_all("els => els.map(e => e.href)") == []  # no wikidata link from junk
    assert tab.locator(".text").text_content() == doc.text
    page_text = tab.locator("body").inner_text()
    details = tab.locator(".details").text_content()
    for payload in PAYLOADS:
        assert payload in page_text
        assert payload in details  # as ids and attribute values
    assert watch.dialogs == []


def test_a_hostile_page_shows_its_markup_as_text(browser: Any, tmp_path: Path) -> None:
    doc = hostile()
    path = tmp_path / "hostile.html"
    path.write_text(to_html(doc), encoding="utf-8")
    tab = browser.new_page()
    watch = Watch(tab)
    tab.goto(path.as_uri())
    check_nothing_ran(tab, watch, doc)
    assert tab.title() == PAYLOADS[0]
    legend = tab.locator(".legend button").all_text_contents()
    assert f"{Hostile.type_name} 1" in legend  # the name as text, in a fallback colour
    hostile_bar = tab.locator(part(doc, PAYLOADS[2])).evaluate("e => getComputedStyle(e).borderBottomColor")
    assert hostile_bar == rgb(FALLBACK_COLOURS[0])
    watch.assert_clean()
    tab.close()


def test_a_hostile_fragment_runs_nothing_even_without_the_page_policy(browser: Any) -> None:
    """The notebook fragment has no Content-Security-Policy: escaping alone must hold."""
    doc = hostile()
    tab = browser.new_page()
    watch = Watch(tab)
    tab.set_content(doc._repr_html_())
    check_nothing_ran(tab, watch, doc)
    watch.assert_clean()
    tab.close()


# -- real documents and any document ----------------------------------------------------------


def test_a_corpus_sample_is_drawn_whole(browser: Any, pipeline: Pipeline, tmp_path: Path) -> None:
    text = (REPO / "corpus_samples" / "fr_03_onu_semaine_antiterroriste.txt").read_text(encoding="utf-8")
    doc = pipeline.annotate(Document("fr_03", text, "fr")).document
    path = tmp_path / "fr_03.html"
    path.write_text(to_html(doc), encoding="utf-8")
    tab = browser.new_page()
    watch = Watch(tab)
    tab.goto(path.as_uri())
    counts = Counter(ann.type_name for ann in doc.annotations())
    assert tab.locator(".legend button").all_text_contents() == [
        f"{t} {n}" for t, n in sorted(counts.items())
    ]
    assert tab.locator(".text").text_content() == text
    drawn = tab.eval_on_selector_all(".text .a", "els => new Set(els.map(e => e.dataset.a)).size")
    assert drawn == sum(counts.values())
    speakers = sum(1 for s in doc.annotations(Statement) if s.speaker is not None)
    assert speakers > 0
    assert tab.locator(".said").count() == speakers
    watch.assert_clean()
    tab.close()


@pytest.fixture(scope="module")
def blank(browser: Any) -> Iterator[Any]:
    tab = browser.new_page()
    yield tab
    tab.close()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(doc=documents())
def test_any_document_shows_its_text_exactly(blank: Any, doc: Document) -> None:
    blank.set_content(to_html(doc, full=False))
    assert blank.locator(".text").text_content() == shown(doc.text)
    assert blank.locator(".details section").count() == len(list(doc.annotations()))
    assert blank.locator("script").count() == 1


# -- the HTML, parsed -----------------------------------------------------------------------------


class Parsed(HTMLParser):
    """What an HTML parser makes of a page: the text layer, the tags, the event attributes."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0  # inside the .text element, how deep
        self.text: list[str] = []
        self.tags: Counter[str] = Counter()
        self.handlers: list[str] = []
        self.sections: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags[tag] += 1
        self.handlers += [name for name, _ in attrs if name.startswith("on")]
        if self.depth or ("class", "text") in attrs:
            self.depth += 1
        if tag == "section":
            self.sections.append("")

    def handle_endtag(self, tag: str) -> None:
        if self.depth:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.text.append(data)
        elif self.sections:
            self.sections[-1] += data


ALLOWED_TAGS = {
    "html", "head", "meta", "title", "style", "body", "div", "header", "h2", "h3", "p", "code", "dl",
    "dt", "dd", "ul", "li", "b", "nav", "button", "span", "aside", "section", "q", "a", "script",
    "details", "summary",  # the list of spans nested too deep to draw
}  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(doc=documents(), full=st.booleans())
def test_any_text_and_attributes_come_back_as_text(doc: Document, full: bool) -> None:
    parsed = Parsed(to_html(doc, full=full))
    assert "".join(parsed.text) == shown(doc.text)
    assert set(parsed.tags) <= ALLOWED_TAGS
    assert parsed.tags["script"] == 1
    assert parsed.handlers == []
    anns = sorted(doc.annotations(), key=lambda a: (a.start, a.end))
    assert len(parsed.sections) == len(anns)
    for ann in doc.annotations():
        assert any(f"id{shown(ann.id)}layer" in section for section in parsed.sections)


def test_the_page_fetches_nothing_and_allows_only_its_own_code() -> None:
    html = to_html(sample())
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html)
    assert policy is not None
    assert policy.group(1).startswith("default-src 'none'; style-src 'sha256-")
    assert "script-src 'sha256-" in policy.group(1)
    assert "unsafe" not in policy.group(1)
    assert not re.search(r"""\ssrc=|<link|<img|<iframe""", html)
    assert "@import" not in html
    assert "url(" not in html


def test_the_page_policy_stops_markup_that_slipped_through(browser: Any, tmp_path: Path) -> None:
    """Were escaping ever to fail, the page's Content-Security-Policy still runs no script but its own."""
    html = to_html(sample()).replace(
        "<body>", '<body><script>window.pwned = 1</script><img src=x onerror="window.pwned = 2">', 1
    )
    path = tmp_path / "slipped.html"
    path.write_text(html, encoding="utf-8")
    tab = browser.new_page()
    watch = Watch(tab)
    tab.goto(path.as_uri())
    assert tab.evaluate("window.pwned") is None
    assert any("Content Security Policy" in error for error in watch.errors)
    assert watch.requests == []
    tab.locator(".legend button", has_text="Threat").click()  # while ctannot's own script runs
    assert tab.locator(".legend button", has_text="Threat").get_attribute("aria-pressed") == "false"
    tab.close()


def test_a_notebook_fragment_is_scoped_to_itself() -> None:
    first, second = sample()._repr_html_(), sample()._repr_html_()
    assert first is not None
    assert second is not None
    assert not first.startswith("<!DOCTYPE")
    assert "<html" not in first
    scopes = [re.search(r'class="ctannot-doc (ct-[0-9a-f]+)"', html) for html in (first, second)]
    assert scopes[0]
    assert scopes[1]
    assert scopes[0].group(1) != scopes[1].group(1)
    assert f".{scopes[0].group(1)} .t0{{" in first  # the type colours apply to this fragment only


# -- colours and tracks --------------------------------------------------------------------------


def test_colours_own_then_palette_then_fallback() -> None:
    @attrs.frozen(kw_only=True)
    class Seizure(Annotation):
        type_name: ClassVar[str] = "Seizure"
        colour: ClassVar[str | None] = "#123456"

    @attrs.frozen(kw_only=True)
    class Weapon(Annotation):
        type_name: ClassVar[str] = "Weapon"

    @attrs.frozen(kw_only=True)
    class Arrest(Annotation):
        type_name: ClassVar[str] = "Arrest"
        colour: ClassVar[str | None] = "blue; background: url(//evil)"

    found = colours([Weapon, Threat, Seizure, Arrest, Actor, Weapon])
    assert found == {
        "Actor": PALETTE["Actor"],
        "Arrest": FALLBACK_COLOURS[0],
        "Seizure": "#123456",
        "Threat": PALETTE["Threat"],
        "Weapon": FALLBACK_COLOURS[1],
    }
    assert len(set(PALETTE.values()) | set(FALLBACK_COLOURS)) == 8  # Okabe–Ito, no colour twice


@given(st.lists(st.tuples(st.integers(0, 30), st.integers(1, 12)), max_size=25))
def test_overlapping_spans_never_share_a_track(spans: list[tuple[int, int]]) -> None:
    text = "x" * 50
    anns = [Threat(source=text, start=s, end=s + n, id=str(i)) for i, (s, n) in enumerate(spans)]
    tracks = _tracks(list(anns))
    for a, ta in zip(anns, tracks, strict=True):
        for b, tb in zip(anns, tracks, strict=True):
            if a is not b and a.start < b.end and b.start < a.end:
                assert ta != tb
    for a, ta in zip(anns, tracks, strict=True):  # a span takes the lowest track free, so no gaps
        assert all(
            any(b.start < a.end and a.start < b.end for b, tb in zip(anns, tracks, strict=True) if tb == t)
            for t in range(ta)
        )


def _stacked(n: int, identical: bool) -> Document:
    """``n`` Actors on one text: nested one in the other, or all on the same span."""
    text = "x" * (2 * n)
    doc = Document("stacked", text, "fr")
    layer = doc.new_layer("many", Provenance("test", "1"))
    for i in range(n):
        layer.add(Actor, 0 if identical else i, 2 * n if identical else 2 * n - i)
    return doc.with_layer(layer.build())


@pytest.mark.parametrize("identical", [False, True], ids=["nested", "identical"])
def test_the_page_grows_linearly_with_nested_or_identical_spans(identical: bool) -> None:
    """4,000 nested spans made a page of 723 MB (every piece of text inside every span): at
    most MAX_TRACKS bars are drawn, the deeper spans listed under the text."""
    sizes = {}
    for n in (500, 1000, 2000):
        html = to_html(_stacked(n, identical))
        sizes[n] = len(html)
        assert html.count('<span class="a ') <= (2 * n + 1) * MAX_TRACKS
        assert f"{n - MAX_TRACKS:,} annotations nested more than {MAX_TRACKS} deep" in html
        assert html.count("data-go=") >= n - MAX_TRACKS
    assert sizes[2000] < 2.2 * sizes[1000] < 4.84 * sizes[500]


# -- the command ---------------------------------------------------------------------------------


def test_render_command_writes_the_page(tmp_path: Path) -> None:
    source = tmp_path / "rabat.jsonld"
    source.write_text(dumps(sample()), encoding="utf-8")
    out = tmp_path / "rabat.html"
    result = run_ctannot("render", source, "-o", out)
    assert result.returncode == 0, result.stderr
    assert result.stderr == f"ctannot: rendered {source} -> {out}\n"
    assert out.read_text(encoding="utf-8") == to_html(loads(source.read_text(encoding="utf-8")))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rabat.html", "rabat.jsonld"]  # nothing partial


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "not valid JSON"),
        ('{"@context": ["http://example.org/ctx"]}', "not a ctannot document"),
        (None, "cannot be read"),
    ],
)
def test_render_command_names_a_bad_file(tmp_path: Path, content: str | None, message: str) -> None:
    source = tmp_path / "bad.jsonld"
    if content is not None:
        source.write_text(content, encoding="utf-8")
    out = tmp_path / "bad.html"
    result = run_ctannot("render", source, "-o", out)
    assert result.returncode == 2
    assert result.stderr.startswith(f"ctannot: error: {source}: {message}")
    assert "Traceback" not in result.stderr
    assert not out.exists()


def test_render_command_refuses_other_files_and_bad_output(tmp_path: Path) -> None:
    text = tmp_path / "notes.txt"
    text.write_text("hello", encoding="utf-8")
    result = run_ctannot("render", text, "-o", tmp_path / "x.html")
    assert (result.returncode, result.stderr) == (
        2,
        f"ctannot: error: {text}: no importer for this kind of file "
        "(ctannot reads .ann, .csv, .jsonld, .jsonld.jsonl, .jsonld.jsonl.gz, .parquet)\n",
    )
    source = tmp_path / "rabat.jsonld"
    source.write_text(dumps(sample()), encoding="utf-8")
    result = run_ctannot("render", source, "-o", tmp_path / "missing" / "x.html")
    assert result.returncode == 2
    assert (
        result.stderr
        == f"ctannot: error: cannot write {tmp_path / 'missing' / 'x.html'}: No such file or directory\n"
    )
