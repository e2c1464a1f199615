"""What ``rules+nlp --backend stanza`` costs over Stanza's own ``Pipeline``, side by side.

    python benchmarks/stanza_overhead.py [--models DIR] [--megabytes 0.1] [--batch-size 32]
                                          [--repeat 3] [--threads 1]

On the same French documents (``corpus.py``, recombined from corpus_samples/), with the same
models (the toy models of tools/stanza_models.py unless ``--models`` names another Stanza
resources folder; built first if need be) and the same ``stanza.Pipeline`` object, loaded once
before timing:

- Stanza alone: the pipeline called on the batch's ``stanza.Document`` list (bulk processing),
  one call per ``--batch-size`` documents;
- ctannot: ``Pipeline("rules+nlp", backend="stanza").pipe(documents, batch_size=B)``: the same
  parse, its conversion into the linguistic layer, the rules and the grammar-aware extractors;
  nothing written.

The two alternate, ``--repeat`` times each, and the best of each is kept. PyTorch gets
``--threads`` threads (default 1), for both: on a shared machine, two spinning OpenMP threads
collapse whenever another process holds a core, and the figures then measure the neighbours.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))

import corpus
from nlp_overhead import best_of
from stanza_models import build

import ctannot


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--models", type=Path, help="a Stanza resources folder (default: the toy build)")
    ap.add_argument("--megabytes", type=float, default=0.1)
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--threads", type=int, default=1, help="PyTorch threads, for both (default: 1)")
    args = ap.parse_args()
    models = args.models or build(("fr", "en"))
    os.environ["STANZA_RESOURCES_DIR"] = str(models)  # what the registry's Stanza backend loads from
    import stanza
    import torch

    torch.set_num_threads(args.threads)

    docs = [
        ctannot.Document(d["id"], d["text"], "fr")
        for d in corpus.documents(corpus.SAMPLES, args.megabytes)
        if d.get("lang", "fr") == "fr"
    ]
    texts = [d.text for d in docs]
    batches = [texts[i : i + args.batch_size] for i in range(0, len(texts), args.batch_size)]
    pipeline = ctannot.load_pipeline("rules+nlp", backend="stanza")
    pipeline.setup()
    backend = pipeline.registry.backends["stanza"]
    nlp = backend.pipeline("fr")  # the backend's own stanza.Pipeline: the same object, loaded once
    list(pipeline.pipe(docs[:8], batch_size=args.batch_size))  # warm both up

    def stanza_alone() -> None:
        for batch in batches:
            nlp([stanza.Document([], text=text) for text in batch])

    alone, ours = best_of(
        args.repeat, stanza_alone, lambda: list(pipeline.pipe(docs, batch_size=args.batch_size))
    )
    megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    size = f"{len(docs)} French documents, {megabytes:.2f} MB"
    print(f"{size}, batch size {args.batch_size}, {args.threads} PyTorch thread(s), best of {args.repeat}")
    print(f"models: {models}")
    print(f"{'':38} {'seconds':>8} {'docs/s':>8} {'x Stanza':>9}")
    for name, seconds in (
        ("Stanza Pipeline (bulk, same models)", alone),
        ("ctannot rules+nlp --backend stanza", ours),
    ):
        print(f"{name:38} {seconds:8.2f} {len(docs) / seconds:8.1f} {seconds / alone:9.2f}")


if __name__ == "__main__":
    main()
