"""Start-up: the wall time of short commands, against the bare interpreter in the same run.

    python benchmarks/startup.py [--runs 7]

Each command runs ``--runs`` times in a fresh process (``python -m ctannot ...``); the median is
reported, and its ratio to ``python -c pass`` measured alongside, so that a loaded or a faster
machine shows in both. ``annotate`` is one small ``.txt`` file with the default worker count.

The commands run as an installed package does, with its modules' bytecode cached: a first run
writes it, and ``PYTHONDONTWRITEBYTECODE``, which some environments set, is cleared for them
(without the cache every start compiles ctannot's modules again, about 0.15 s here).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "docs" / "examples" / "bruxelles.txt"
ENVIRONMENT = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}


def median_seconds(arguments: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([sys.executable, *arguments], check=True, capture_output=True, env=ENVIRONMENT)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as out:
        annotate = ["-m", "ctannot", "annotate", str(SAMPLE), "-o", out, "-q"]
        # what show reads; and the bytecode cache written
        subprocess.run([sys.executable, *annotate], check=True, capture_output=True, env=ENVIRONMENT)
        annotated = str(Path(out) / f"{SAMPLE.stem}.jsonld")
        commands = {
            "python -c pass": ["-c", "pass"],
            "ctannot --help": ["-m", "ctannot", "--help"],
            "ctannot plugins": ["-m", "ctannot", "plugins"],
            "ctannot show FILE.jsonld": ["-m", "ctannot", "show", annotated],
            "ctannot annotate one.txt -o OUT": annotate,
        }
        floor = None
        print(f"{'command':34} {'median s':>9} {'x python':>9}   ({args.runs} runs each)")
        for name, arguments in commands.items():
            seconds = median_seconds(arguments, args.runs)
            floor = floor or seconds
            print(f"{name:34} {seconds:9.3f} {seconds / floor:9.1f}")


if __name__ == "__main__":
    main()
