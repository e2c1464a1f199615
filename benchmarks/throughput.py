"""Throughput of the ``rules`` pipeline on one core, against the raw floor, on the same documents.

    python benchmarks/throughput.py [--megabytes 5] [--repeat 3]

Reports MB/s and docs/s of: the floor (read and JSON-encode each document, no annotation), the
annotation alone, and annotation plus JSON-LD serialisation; best of ``--repeat`` runs, all in
this one process so that the figures compare.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus

import ctannot
from ctannot import web_annotation


def best_of(repeat: int, run) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        run()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--megabytes", type=float, default=5)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    docs = list(corpus.documents(corpus.REPO / "corpus_samples" / "samples.jsonl", args.megabytes))
    size = sum(len(str(d["text"]).encode("utf-8")) for d in docs) / 1e6
    pipeline = ctannot.load_pipeline("rules")
    pipeline.setup()
    documents = [ctannot.Document(str(d["id"]), str(d["text"]), str(d["lang"]), d["metadata"]) for d in docs]
    pipeline.annotate(documents[0])  # compile the first language's packs outside the timing
    pipeline.annotate(documents[1])

    floor = best_of(args.repeat, lambda: [json.dumps(d, ensure_ascii=False) for d in docs])
    annotate = best_of(args.repeat, lambda: [pipeline.annotate(d) for d in documents])
    full = best_of(
        args.repeat, lambda: [web_annotation.dumps(pipeline.annotate(d).document) for d in documents]
    )
    print(f"{len(docs)} documents, {size:.2f} MB, best of {args.repeat}")
    print(f"{'':24}{'MB/s':>8}{'docs/s':>10}")
    for name, seconds in (
        ("floor (read + JSON)", floor),
        ("rules: annotate", annotate),
        ("rules: annotate + JSON-LD", full),
    ):
        print(f"{name:24}{size / seconds:8.2f}{len(docs) / seconds:10.0f}")


if __name__ == "__main__":
    main()
