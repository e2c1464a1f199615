"""Throughput and memory of the ``rules`` pipeline, against spaCy and the raw floor, on one corpus.

    python benchmarks/throughput.py [SIZE_MB ...] [--repeat 3] [--source corpus.jsonl [--verbatim]]

Builds a benchmark corpus of each size (``corpus.py``: recombined from corpus_samples/, or from
``--source``) and measures, on the first size, on the same documents:

- the floor: read the JSONL corpus, decode each line, encode it to JSON again and write it out;
- ``rules``, end to end: read the corpus, annotate each document, write its JSON-LD out, one
  document at a time, as ``ctannot annotate`` does with a JSONL input;
- ``rules``, annotation alone (documents in memory, nothing written);
- the gazetteer matching alone: ours (the rules engine's Aho-Corasick gazetteer, over its
  accent-folded views of the text) and the peer, spaCy's blank tokenizer with a
  ``PhraseMatcher`` (``attr="LOWER"``) holding the same gazetteer names, read from the loaded
  rule packs;

and, at every size, the peak resident memory of a process that streams that corpus through the
pipeline and writes the JSON-LD out, one document at a time, holding nothing.

Each streaming measurement runs in a fresh child process (``--child``), which times itself after
its setup and reports its own peak resident memory (``VmHWM``, ``ru_maxrss`` where there is no
/proc); the best of ``--repeat`` runs is kept. Every measurement is a function returning a
:class:`Row`, and :func:`table` prints them: a measurement of the batch runner (1 and 2 workers)
is one more such function, added to the rows in :func:`main`.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402


@dataclass
class Row:
    """One measured thing: how long it took on how much text, and its peak memory if known."""

    name: str
    seconds: float
    documents: int
    megabytes: float
    peak_mb: float | None = None
    note: str = ""

    @property
    def mb_per_s(self) -> float:
        return self.megabytes / self.seconds

    @property
    def docs_per_s(self) -> float:
        return self.documents / self.seconds


def best_of(repeat: int, run: Callable[[], Row]) -> Row:
    rows = [run() for _ in range(repeat)]
    best = min(rows, key=lambda r: r.seconds)
    best.peak_mb = max((r.peak_mb for r in rows if r.peak_mb is not None), default=None)
    return best


# -- streaming, in a child process --------------------------------------------------------------


def _stream(kind: str, source: Path, output: Path) -> dict[str, Any]:
    """Stream ``source`` to ``output``, one document at a time, holding nothing; time it."""
    if kind == "rules":
        import ctannot
        from ctannot.formats import web_annotation

        pipeline = ctannot.load_pipeline("rules")
        pipeline.setup()
        for lang in ("fr", "en"):  # compile each language's packs before the clock starts
            pipeline.annotate(ctannot.Document("warm-up", "Le GCTF. The GCTF.", lang))
    documents = size = 0
    start = time.perf_counter()
    cpu = time.process_time()
    with source.open(encoding="utf-8") as lines, output.open("w", encoding="utf-8") as out:
        for line in lines:
            record = json.loads(line)
            if kind == "rules":
                doc = ctannot.Document(
                    record["id"], record["text"], record.get("lang"), record.get("metadata")
                )
                out.write(web_annotation.dumps(pipeline.annotate(doc).document))
            else:
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
            documents += 1
            size += len(record["text"].encode("utf-8"))
    return {
        "seconds": time.perf_counter() - start,
        "cpu": time.process_time() - cpu,
        "documents": documents,
        "megabytes": size / 1e6,
        "peak_kib": _peak_kib(),
    }


def _peak_kib() -> int:
    """This process's peak resident memory since it started running this program.

    ``VmHWM`` counts from ``exec``; ``ru_maxrss`` would also count the pages of the parent it was
    forked from, were the parent bigger.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux


def stream(kind: str, source: Path, workdir: Path) -> Row:
    """``_stream`` in a fresh process, which reports its time and its peak resident memory."""
    output = workdir / f"{kind}.out"
    child = subprocess.run(
        [sys.executable, __file__, "--child", kind, str(source), str(output)],
        stdout=subprocess.PIPE,
        check=False,
    )
    if child.returncode:
        raise SystemExit(f"the {kind} child failed with exit code {child.returncode}")
    found = json.loads(child.stdout)
    output.unlink()
    peak = found["peak_kib"] / 1024
    name = "rules, end to end (read, annotate, write JSON-LD)" if kind == "rules" else "floor (read + JSON)"
    note = f"CPU {found['cpu']:.1f} s"
    return Row(name, found["seconds"], found["documents"], found["megabytes"], peak, note)


# -- in this process ----------------------------------------------------------------------------


def load(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines]


def annotate_only(records: Sequence[dict[str, Any]]) -> Callable[[], Row]:
    import ctannot

    pipeline = ctannot.load_pipeline("rules")
    pipeline.setup()
    docs = [ctannot.Document(r["id"], r["text"], r.get("lang"), r.get("metadata")) for r in records]
    for doc in docs[:20]:
        pipeline.annotate(doc)

    def run() -> Row:
        start = time.perf_counter()
        for doc in docs:
            pipeline.annotate(doc)
        return Row("rules, annotation alone (in memory)", time.perf_counter() - start, *_size(records))

    return run


def gazetteer_terms() -> dict[str, list[Any]]:
    """The gazetteer entries of the rule packs each language's pipeline loads."""
    import ctannot

    packs = ctannot.load_pipeline("rules").registry.rule_packs
    return {lang: [e for p in packs if p.applies_to(lang) for e in p.entities] for lang in ("fr", "en")}


# The gazetteer matchers are compared in the same way: each run sets a matcher up afresh, lets it
# go once over other documents of the same kind (``warm``: spaCy's tokenizer caches the chunks
# it has seen, and a matcher in use has seen the common ones), then times one pass over the
# measured documents, which it has not seen: no cache holds their text.


def gazetteer_ours(
    records: Sequence[dict[str, Any]], warm: Sequence[dict[str, Any]], entities: dict[str, list[Any]]
) -> Callable[[], Row]:
    """The rules engine's gazetteer matcher alone: folded views of the text, one Aho-Corasick pass
    over them (and one for the names that keep their case), word boundaries, offsets mapped back."""
    from ctannot.rules.folding import TextViews
    from ctannot.rules.matching import Gazetteer

    def run() -> Row:
        gazetteers = {lang: Gazetteer(found) for lang, found in entities.items()}
        for r in warm:
            gazetteers[r.get("lang") or "fr"].find(TextViews(r["text"]))
        texts = [(gazetteers[r.get("lang") or "fr"], r["text"]) for r in records]
        start = time.perf_counter()
        found = sum(len(gazetteer.find(TextViews(text))) for gazetteer, text in texts)
        seconds = time.perf_counter() - start
        return Row("gazetteer: ours (Aho-Corasick)", seconds, *_size(records), note=f"{found:,} matches")

    return run


def gazetteer_spacy(
    records: Sequence[dict[str, Any]], warm: Sequence[dict[str, Any]], entities: dict[str, list[Any]]
) -> Callable[[], Row]:
    """The peer: ``spacy.blank(lang)``'s tokenizer and a ``PhraseMatcher`` on lowercased tokens
    (``attr="LOWER"``), holding every name of the same gazetteer entries."""
    import spacy
    from spacy.matcher import PhraseMatcher

    def run() -> Row:
        matchers = {}
        for lang, found in entities.items():
            nlp = spacy.blank(lang)
            matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
            for entity in found:
                matcher.add(entity.key, list(nlp.tokenizer.pipe(entity.names)))
            matchers[lang] = (nlp, matcher)
        for r in warm:
            nlp, matcher = matchers[r.get("lang") or "fr"]
            matcher(nlp.make_doc(r["text"]))
        texts = [(matchers[r.get("lang") or "fr"], r["text"]) for r in records]
        start = time.perf_counter()
        found = sum(len(matcher(nlp.make_doc(text))) for (nlp, matcher), text in texts)
        seconds = time.perf_counter() - start
        return Row(
            "gazetteer: spaCy blank + PhraseMatcher", seconds, *_size(records), note=f"{found:,} matches"
        )

    return run


def _size(records: Iterable[dict[str, Any]]) -> tuple[int, float]:
    records = list(records)
    return len(records), sum(len(r["text"].encode("utf-8")) for r in records) / 1e6


# -- the table ----------------------------------------------------------------------------------


def table(rows: Sequence[Row], floor: Row) -> str:
    """A Markdown table: MB/s, documents/s, time relative to the floor, peak memory."""
    lines = [
        "| measured | MB/s | docs/s | time vs. floor | peak RSS (MB) | |",
        "| --- | ---: | ---: | ---: | ---: | --- |",
    ]
    for r in rows:
        ratio = (r.seconds / r.megabytes) / (floor.seconds / floor.megabytes)
        peak = f"{r.peak_mb:.0f}" if r.peak_mb is not None else ""
        lines.append(
            f"| {r.name} | {r.mb_per_s:.2f} | {r.docs_per_s:,.0f} | {ratio:,.1f} | {peak} | {r.note} |"
        )
    return "\n".join(lines)


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}"


def main() -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("sizes", nargs="*", type=float, help="corpus sizes in MB (default 10)")
    ap.add_argument("--megabytes", type=float, action="append", default=[], help="a size, as SIZES")
    ap.add_argument("--repeat", type=int, default=3, help="runs of each measurement; the best is kept")
    ap.add_argument("--source", type=Path, default=corpus.SAMPLES, help="a JSONL corpus (default: samples)")
    ap.add_argument("--verbatim", action="store_true", help="the source's documents as they are")
    ap.add_argument("--workdir", type=Path, help="where the corpora are written (default: a temporary one)")
    ap.add_argument("--child", nargs=3, metavar=("KIND", "INPUT", "OUTPUT"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        kind, source, output = args.child
        print(json.dumps(_stream(kind, Path(source), Path(output))))
        return
    sizes = sorted({*args.sizes, *args.megabytes} or {10.0})
    with tempfile.TemporaryDirectory(dir=args.workdir) as tmp:
        workdir = Path(tmp)
        paths = {}
        for size in sizes:
            paths[size] = workdir / f"corpus-{size:g}MB.jsonl"
            n, made = corpus.write(paths[size], corpus.documents(args.source, size, verbatim=args.verbatim))
            print(f"corpus: {n} documents, {made / 1e6:.1f} MB -> {paths[size].name}", file=sys.stderr)
        first = paths[sizes[0]]
        print(f"measuring on {first.name} ...", file=sys.stderr)
        floor = best_of(args.repeat, lambda: stream("floor", first, workdir))
        rules = best_of(args.repeat, lambda: stream("rules", first, workdir))
        memory = {sizes[0]: rules}
        for size in sizes[1:]:
            print(f"memory at {size:g} MB ...", file=sys.stderr)
            memory[size] = stream("rules", paths[size], workdir)
        records = load(first)
        entities = gazetteer_terms()
        annotate = best_of(args.repeat, annotate_only(records))
        warm = list(corpus.documents(corpus.SAMPLES, min(sizes[0], 5), seed=99))  # other texts
        ours = best_of(args.repeat, gazetteer_ours(records, warm, entities))
        peer = best_of(args.repeat, gazetteer_spacy(records, warm, entities))

    source = "corpus_samples/" if args.source == corpus.SAMPLES else str(args.source)
    print(
        f"\n{len(records):,} documents, {_size(records)[1]:.1f} MB of text ({source}"
        f"{', verbatim' if args.verbatim else ', recombined'}); best of {args.repeat}; {machine()}\n"
    )
    print(table([floor, rules, annotate, ours, peer], floor))
    print()
    names = sum(len(e.names) for e in entities["fr"])
    print(
        f"- gazetteer: ours {peer.seconds / ours.seconds:.2f}x the throughput of spaCy "
        f"({len(entities['fr'])} entries, {names} names)"
    )
    print(
        f"- rules end to end: {rules.mb_per_s:.2f} MB/s on one core, {rules.seconds / floor.seconds:.0f}x "
        "the floor's time"
    )
    print("\n| corpus | documents | peak RSS (MB) | MB/s |")
    print("| ---: | ---: | ---: | ---: |")
    for size, row in memory.items():
        print(f"| {size:g} MB | {row.documents:,} | {row.peak_mb:.0f} | {row.mb_per_s:.2f} |")
    if len(memory) > 1:
        low, high = memory[sizes[0]].peak_mb or 0, memory[sizes[-1]].peak_mb or 0
        print(
            f"\n- peak memory at {sizes[-1]:g} MB: {100 * (high - low) / low:+.1f}% "
            f"against that at {sizes[0]:g} MB"
        )


if __name__ == "__main__":
    main()
