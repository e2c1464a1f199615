"""How long a gazetteer of a million entries takes to load, and how much memory it holds.

    python benchmarks/big_gazetteer.py [--entries 1000000]

Writes a rule pack of that many ``[[entity]]`` entries (made-up organisation names, one name
each), loads it into a :class:`ctannot.RuleExtractor` as a plugin would, annotates one document
with it, and reports the seconds and the peak resident memory (``VmHWM``) of each step, against
the same process before the pack was loaded.
"""

from __future__ import annotations

import argparse
import random
import resource
import tempfile
import time
from pathlib import Path

import ctannot

SYLLABLES = ["al", "ba", "dor", "ek", "fa", "gu", "har", "is", "jo", "ka", "lem", "mo", "nur", "os", "pa"]


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def write_pack(path: Path, entries: int) -> list[str]:
    """Write the pack; return the names of a few of its entries, for a document to name."""
    rng = random.Random(1)
    picked = []
    with path.open("w", encoding="utf-8") as out:
        out.write('[pack]\nname = "big"\nlanguage = "*"\nversion = "1"\n')
        for i in range(entries):
            name = " ".join("".join(rng.choices(SYLLABLES, k=rng.randint(2, 4))).title() for _ in range(2))
            out.write(f'\n[[entity]]\ntype = "Actor"\nid = "org-{i}"\nnames = ["{name} {i}"]\n')
            if i % (entries // 3 or 1) == 7:
                picked.append(f"{name} {i}")
    return picked


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--entries", type=int, default=1_000_000)
    args = ap.parse_args()
    registry = ctannot.load_registry()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "big.toml"
        started = time.perf_counter()
        names = write_pack(path, args.entries)
        print(f"pack: {args.entries:,} entries, {path.stat().st_size / 1e6:.0f} MB of TOML")
        before = peak_mb()
        extractor = ctannot.RuleExtractor("big.names", "1", "names", [path])
        started = time.perf_counter()
        extractor.setup(registry)
        text = f"Le groupe {names[0]} a rencontré {names[-1]} à Paris, sans {names[1]}."
        doc = ctannot.Document("d", text, "fr")
        [layer] = extractor.extract(doc, lambda problem: None)
        seconds = time.perf_counter() - started
        print(f"load and first document: {seconds:.1f} s; found {[a.text for a in layer]}")
        print(f"peak memory: {before:.0f} MB before the pack, {peak_mb():.0f} MB after")
        started = time.perf_counter()
        for i in range(100):
            extractor.extract(ctannot.Document(f"d{i}", f"{text} ({i})", "fr"), lambda problem: None)
        print(f"then {(time.perf_counter() - started) * 10:.2f} ms a document of {len(text)} characters")


if __name__ == "__main__":
    main()
