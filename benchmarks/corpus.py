"""Build a large synthetic corpus from corpus_samples/ (or any JSONL corpus) for benchmarks.

Documents are recombined from the paragraphs of the samples, with names and numbers varied, so
that no two documents are the same text and per-text caches cannot flatter the figures.

    python benchmarks/corpus.py --megabytes 50 -o /tmp/bench.jsonl [--source corpus.jsonl]
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SWAPS = {
    "fr": [
        ("Rabat", "Dakar"),
        ("mardi", "jeudi"),
        ("Maroc", "Sénégal"),
        ("2023", "2024"),
        ("New York", "Genève"),
    ],
    "en": [
        ("Tuesday", "Friday"),
        ("Nairobi", "Accra"),
        ("Kenya", "Ghana"),
        ("2023", "2024"),
        ("Paris", "Vienna"),
    ],
}


def paragraphs(source: Path) -> dict[str, list[str]]:
    by_lang: dict[str, list[str]] = {}
    with source.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            paras = [p for p in record["text"].split("\n") if p.strip()]
            by_lang.setdefault(record.get("lang") or "fr", []).extend(paras)
    return by_lang


def documents(source: Path, megabytes: float, seed: int = 7) -> Iterator[dict[str, object]]:
    """Synthetic documents of 8-20 paragraphs until ``megabytes`` of UTF-8 text are made."""
    rng = random.Random(seed)
    pools = paragraphs(source)
    langs = sorted(pools)
    made = 0
    n = 0
    while made < megabytes * 1_000_000:
        lang = langs[n % len(langs)]
        paras = rng.sample(pools[lang], k=min(len(pools[lang]), rng.randint(8, 20)))
        text = "\n\n".join(paras) + "\n"
        for a, b in SWAPS.get(lang, []):
            if rng.random() < 0.5:
                text = text.replace(a, b)
        text = text.replace("2 000", f"{rng.randint(2, 9)} {rng.randint(100, 999)}")
        n += 1
        made += len(text.encode("utf-8"))
        yield {"id": f"bench-{n:06d}", "lang": lang, "text": text, "metadata": {"date": "2024-03-12"}}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--megabytes", type=float, default=50)
    ap.add_argument("--source", type=Path, default=REPO / "corpus_samples" / "samples.jsonl")
    ap.add_argument("-o", "--output", type=Path, required=True)
    args = ap.parse_args()
    with args.output.open("w", encoding="utf-8") as out:
        for doc in documents(args.source, args.megabytes):
            out.write(json.dumps(doc, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
