"""Does the work grow with the input, and no faster? Doubling series and their fitted exponents.

    python benchmarks/linearity.py [--base 50000] [--steps 4] [--spans 500]

- **annotate**: one document made of the sample articles' sentences (dense news: names, quotes,
  forums), 1, 2, 4, 8... times ``--base`` characters, each a single paragraph of one line (the
  hardest case for look-ups that stop at a paragraph's end), through the ``rules`` pipeline;
- **read back**: the JSON-LD of each, read back (``show``'s and ``evaluate``'s reader);
- **render**: ``--spans`` 1, 2, 4, 8 times nested spans, and as many identical ones, drawn as HTML
  (the time and the page's size).

For each series it prints the times and the exponent ``k`` of the least-squares fit of
``time = c * size ** k`` on a log-log scale: 1 is linear, 2 quadratic. docs/reliability.md
quotes what it printed.
"""

from __future__ import annotations

import argparse
import math
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import ctannot
from ctannot import Actor, Document, Provenance
from ctannot.formats import web_annotation
from ctannot.views.render import to_html

REPO = Path(__file__).resolve().parents[1]


def exponent(sizes: Sequence[float], values: Sequence[float]) -> float:
    """The slope of log(value) against log(size): the k of value = c * size ** k."""
    xs = [math.log(s) for s in sizes]
    ys = [math.log(max(v, 1e-9)) for v in values]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum((x - mx) ** 2 for x in xs)


def best_of(runs: int, work: Callable[[], object]) -> float:
    best = math.inf
    for _ in range(runs):
        started = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - started)
    return best


def news(chars: int) -> str:
    """Sentences of the sample articles, one after the other on one line, to ``chars`` characters."""
    sentences = []
    for path in sorted((REPO / "corpus_samples").glob("*.txt")):
        sentences += [s.strip() for s in path.read_text("utf-8").replace("\n", " ").split(". ") if s.strip()]
    text = ". ".join(sentences) + ". "
    return (text * (chars // len(text) + 1))[:chars]


def stacked(n: int, identical: bool) -> Document:
    text = "x" * (2 * n)
    doc = Document("stacked", text, "fr")
    layer = doc.new_layer("many", Provenance("bench", "1"))
    for i in range(n):
        layer.add(Actor, 0 if identical else i, 2 * n if identical else 2 * n - i)
    return doc.with_layer(layer.build())


def series(name: str, sizes: Sequence[int], work: Callable[[int], object], runs: int = 2) -> None:
    times = [best_of(runs, lambda s=s: work(s)) for s in sizes]
    rows = ", ".join(f"{s:,}: {t:.3f} s" for s, t in zip(sizes, times, strict=True))
    print(f"{name:<22} {rows}  -> exponent {exponent(sizes, times):.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", type=int, default=50_000, help="characters of the first document")
    parser.add_argument("--steps", type=int, default=4, help="how many doublings")
    parser.add_argument("--spans", type=int, default=500, help="spans of the first render")
    args = parser.parse_args()

    pipeline = ctannot.load_pipeline("rules", registry=ctannot.load_registry(load_entrypoints=False))
    pipeline.setup()
    pipeline.annotate(Document("warm", news(5000), "en"))
    sizes = [args.base * 2**i for i in range(args.steps)]
    texts = {n: news(n) for n in sizes}
    annotated = {n: pipeline.annotate(Document("d", texts[n], "en")).document for n in sizes}
    series("annotate (chars)", sizes, lambda n: pipeline.annotate(Document("d", texts[n], "en")))
    dumped = {n: web_annotation.dumps(annotated[n]) for n in sizes}
    series("read back (chars)", sizes, lambda n: web_annotation.loads(dumped[n]))
    counts = [args.spans * 2**i for i in range(args.steps)]
    for identical in (False, True):
        kind = "identical" if identical else "nested"
        docs = {n: stacked(n, identical) for n in counts}
        series(f"render {kind} (spans)", counts, lambda n, docs=docs: to_html(docs[n]), runs=1)
        page = [len(to_html(docs[n])) for n in counts]
        sizes_mb = ", ".join(f"{n:,}: {b / 1e6:.1f} MB" for n, b in zip(counts, page, strict=True))
        print(f"{'  page size':<22} {sizes_mb}  -> exponent {exponent(counts, page):.2f}")
    print(f"annotations in the largest document: {sum(1 for _ in annotated[sizes[-1]].annotations()):,}")


if __name__ == "__main__":
    main()
