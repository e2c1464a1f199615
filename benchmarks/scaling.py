"""How batch annotation scales with worker processes: the same corpus at 1 and at 2 workers.

    python benchmarks/scaling.py [--megabytes 20] [--workers 1 2] [--output-format files]
    python benchmarks/scaling.py --partitioned [--files 8]

Each run is ``python -m ctannot annotate CORPUS -o OUT -q --workers N`` in a fresh process, end
to end: reading the JSONL corpus, annotating with the ``rules`` pipeline, writing the JSON-LD.
Reports MB/s, docs/s, the speed-up over the first worker count, and the peak memory (RSS) of
the main process and of its workers together. ``--partitioned`` writes the corpus as ``--files``
gzipped JSON Lines files and runs ``annotate --partitioned``: each worker then reads and writes
its partitions itself (``part-NNNNN.jsonld-lines.gz``).
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus
import psutil


def run(source: Path, workers: int, output_format: str, partitioned: bool) -> tuple[float, int]:
    """Seconds taken, and the peak of the summed RSS of the run's processes (sampled)."""
    with tempfile.TemporaryDirectory() as out:
        command = [
            sys.executable, "-m", "ctannot", "annotate", str(source), "-o", out, "-q",
            "--workers", str(workers),
        ]  # fmt: skip
        command += ["--partitioned"] if partitioned else ["--output-format", output_format]
        started = time.perf_counter()
        process = psutil.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        peak = 0
        while process.poll() is None:
            try:
                procs = [process, *process.children(recursive=True)]
                peak = max(peak, sum(p.memory_info().rss for p in procs))
            except psutil.Error:
                pass
            time.sleep(0.05)
        seconds = time.perf_counter() - started
        if process.returncode != 0:
            raise SystemExit(f"run failed: {process.stderr.read().decode() if process.stderr else ''}")
        return seconds, peak


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--megabytes", type=float, default=20)
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--output-format", default="files", choices=("files", "jsonld-lines", "jsonld-lines.gz"))
    ap.add_argument("--partitioned", action="store_true", help="--files gzipped files, run --partitioned")
    ap.add_argument("--files", type=int, default=8)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / ("corpus" if args.partitioned else "corpus.jsonl")
        lines = []
        size = 0
        for doc in corpus.documents(corpus.REPO / "corpus_samples" / "samples.jsonl", args.megabytes):
            lines.append(json.dumps(doc, ensure_ascii=False) + "\n")
            size += len(str(doc["text"]).encode("utf-8"))
        n = len(lines)
        if args.partitioned:
            source.mkdir()
            share = -(-n // args.files)
            for i in range(args.files):
                text = "".join(lines[i * share : (i + 1) * share]).encode("utf-8")
                (source / f"news-{i:03d}.jsonl.gz").write_bytes(gzip.compress(text))
            source = source / "*.jsonl.gz"
        else:
            source.write_text("".join(lines), encoding="utf-8")
        what = f"partitioned, {args.files} files" if args.partitioned else f"output {args.output_format}"
        print(f"{n} documents, {size / 1e6:.1f} MB of text, {what}")
        print(f"{'workers':>8}{'seconds':>10}{'MB/s':>8}{'docs/s':>9}{'speed-up':>10}{'peak RSS MB':>13}")
        first = None
        for workers in args.workers:
            seconds, peak = run(source, workers, args.output_format, args.partitioned)
            first = first or seconds
            print(
                f"{workers:>8}{seconds:>10.1f}{size / 1e6 / seconds:>8.2f}{n / seconds:>9.0f}"
                f"{first / seconds:>10.2f}{peak / 1e6:>13.0f}"
            )


if __name__ == "__main__":
    main()
