"""Build a large benchmark corpus (JSON Lines) from corpus_samples/ or from any JSONL corpus.

By default documents are recombined from the source's paragraphs (3 to 9 of them, about 1.7 KB,
so that 50 MB make some 30,000 documents) and varied, so that no two documents are the same
text and no per-text cache can flatter the figures: the names of persons and states the rules
find in the source are swapped for others of the same kind, every number is redrawn (years stay
years), the document date changes, and the apostrophes are sometimes typographic, sometimes
not. ``--verbatim`` takes the source's documents as they are instead (a real corpus), in turn
until the size is reached.

    python benchmarks/corpus.py --megabytes 50 -o /tmp/bench.jsonl
    python benchmarks/corpus.py --megabytes 50 --source corpus.jsonl [--verbatim] -o /tmp/bench.jsonl

A source line is ``{"id": ..., "text": ..., "lang": "fr"|"en", "metadata": {...}}`` (the input
format of ``ctannot annotate``); ``lang`` defaults to ``fr``.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "corpus_samples" / "samples.jsonl"
PARAGRAPHS = (3, 9)
"""How many paragraphs a recombined document has (drawn uniformly)."""
ANALYSED = 3000
"""At most this many source paragraphs are read by the rules to find names to swap."""

_DIGITS = re.compile(r"\d+")
_YEAR = re.compile(r"(?:19|20)\d\d")


def records(source: Path) -> Iterator[dict[str, Any]]:
    with source.open(encoding="utf-8") as handle:
        for n, line in enumerate(handle, 1):
            if not line.strip():
                continue
            record = json.loads(line)
            if not isinstance(record.get("text"), str):
                raise SystemExit(f"{source}:{n}: no 'text' string")
            yield record


def paragraphs(source: Path) -> dict[str, list[str]]:
    """The source's non-blank paragraphs (lines), by language."""
    by_lang: dict[str, list[str]] = {}
    for record in records(source):
        paras = [p.strip() for p in record["text"].split("\n") if p.strip()]
        by_lang.setdefault(record.get("lang") or "fr", []).extend(paras)
    return by_lang


def names(pools: dict[str, list[str]], seed: int = 7) -> dict[str, dict[str, list[str]]]:
    """Per language, the persons and the states the ``rules`` pipeline finds in the paragraphs."""
    import ctannot  # only here: building a corpus from a source needs no annotation otherwise

    pipeline = ctannot.load_pipeline("rules")
    rng = random.Random(seed)
    found: dict[str, dict[str, list[str]]] = {}
    for lang, paras in pools.items():
        kinds: dict[str, set[str]] = {"person": set(), "state": set()}
        for i, para in enumerate(rng.sample(paras, k=min(len(paras), ANALYSED))):
            doc = pipeline.annotate(ctannot.Document(f"p{i}", para, lang)).document
            for actor in doc.annotations(ctannot.Actor):
                if actor.kind in kinds and len(actor.text) > 2 and "\n" not in actor.text:
                    kinds[actor.kind].add(actor.text)
        found[lang] = {kind: sorted(texts) for kind, texts in kinds.items() if len(texts) > 1}
    return found


class Varier:
    """Varies a text: names swapped within their kind, numbers redrawn, apostrophes changed."""

    def __init__(self, kinds: dict[str, list[str]]) -> None:
        self.kinds = kinds
        self.kind_of = {text: kind for kind, texts in kinds.items() for text in texts}
        alternatives = sorted(self.kind_of, key=len, reverse=True)
        self.pattern = (
            re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, alternatives)) + r")(?!\w)")
            if alternatives
            else None
        )

    def __call__(self, text: str, rng: random.Random) -> str:
        if self.pattern is not None:
            swaps: dict[str, str] = {}  # one name stays one name throughout the document

            def swap(m: re.Match[str]) -> str:
                name = m.group()
                if name not in swaps:
                    keep = rng.random() < 0.4
                    swaps[name] = name if keep else rng.choice(self.kinds[self.kind_of[name]])
                return swaps[name]

            text = self.pattern.sub(swap, text)
        text = _DIGITS.sub(lambda m: _redraw(m.group(), rng), text)
        if rng.random() < 0.3:
            text = text.replace("’", "'")
        elif rng.random() < 0.3:
            text = text.replace("'", "’")
        return text


def _redraw(digits: str, rng: random.Random) -> str:
    if _YEAR.fullmatch(digits):
        return str(rng.randint(2005, 2025))
    if int(digits) <= 31:  # a day of the month, likely: it stays one
        return str(rng.randint(1, 28)).zfill(len(digits))
    return str(rng.randint(10 ** (len(digits) - 1), 10 ** len(digits) - 1))


def documents(
    source: Path = SAMPLES, megabytes: float = 50, seed: int = 7, verbatim: bool = False
) -> Iterator[dict[str, Any]]:
    """Documents until ``megabytes`` of UTF-8 text are made (recombined, or the source's own)."""
    if verbatim:
        yield from _verbatim(source, megabytes)
        return
    rng = random.Random(seed)
    pools = paragraphs(source)
    varier = {lang: Varier(kinds) for lang, kinds in names(pools, seed).items()}
    langs = sorted(pools)
    made = n = 0
    while made < megabytes * 1_000_000:
        lang = langs[n % len(langs)]
        pool = pools[lang]
        k = min(len(pool), rng.randint(*PARAGRAPHS))
        text = "\n\n".join(rng.sample(pool, k=k)) + "\n"
        text = varier[lang](text, rng)
        date = f"{rng.randint(2015, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        n += 1
        made += len(text.encode("utf-8"))
        yield {"id": f"bench-{n:06d}", "lang": lang, "text": text, "metadata": {"date": date}}


def _verbatim(source: Path, megabytes: float) -> Iterator[dict[str, Any]]:
    made = 0
    rounds = 0
    while made < megabytes * 1_000_000:
        rounds += 1
        before = made
        for record in records(source):
            if made >= megabytes * 1_000_000:
                break
            doc = dict(record)
            doc.setdefault("lang", "fr")
            doc["id"] = str(record.get("id", made)) + ("" if rounds == 1 else f"~{rounds}")
            made += len(record["text"].encode("utf-8"))
            yield doc
        if made == before:
            raise SystemExit(f"{source}: no text")
        if rounds == 2:
            print(f"warning: {source} is smaller than {megabytes} MB: its documents repeat", file=sys.stderr)


def write(path: Path, docs: Iterator[dict[str, Any]]) -> tuple[int, int]:
    """Write the documents as JSON Lines; the number of documents and of text bytes."""
    n = size = 0
    with path.open("w", encoding="utf-8") as out:
        for doc in docs:
            out.write(json.dumps(doc, ensure_ascii=False) + "\n")
            n += 1
            size += len(doc["text"].encode("utf-8"))
    return n, size


def main() -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--megabytes", type=float, default=50, help="text to make, in MB (default 50)")
    ap.add_argument("--source", type=Path, default=SAMPLES, help="a JSONL corpus (default: the samples)")
    ap.add_argument("--verbatim", action="store_true", help="the source's documents as they are")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("-o", "--output", type=Path, required=True)
    args = ap.parse_args()
    n, size = write(args.output, documents(args.source, args.megabytes, args.seed, args.verbatim))
    print(f"{n} documents, {size / 1e6:.1f} MB of text -> {args.output}")


if __name__ == "__main__":
    main()
