"""The real-article evaluation set: gold annotations of real news articles that ctannot's rules
were never written from, and the commands that check, build and score it.

The articles are other people's text: the repository holds only their gold annotations, as
offsets with a digest of each span and a SHA-256 of the whole text (``eval/real-articles/``,
with each article's URL and title in ``articles.json``); the texts stay on the machine, outside
the repository (``--texts``, or ``$CTANNOT_REAL_ARTICLES``). The set is split in two: ``tune``,
which developers read and tune on, and ``test``, which is only ever scored.

    python tools/real_articles.py check --texts DIR
    python tools/real_articles.py score --split test [--batch 2 ...] [--pipeline rules+nlp --backend spacy]
    python tools/real_articles.py agreement --texts DIR FIRST_ANNOTATOR_DIR SECOND_ANNOTATOR_DIR
    python tools/real_articles.py import --texts DIR GOLD_DIR   # text-form gold -> offsets form
    python tools/real_articles.py restore --texts DIR PAGE...   # a stored page -> its text

``check`` says which texts match their digests; ``score`` annotates a split's texts and scores
them with ``../shared/dev/score.py``, overall and per language; ``agreement`` scores one
annotator's files against another's with the same matching (the ceiling a system can reach);
``import`` turns gold written as exact text and occurrence number (the guidelines' form) into
the committed offsets form; ``restore`` rebuilds a text on a new machine from a copy of its page as
the search tool's stored pages give it, cutting what the set cut, and writes it only where its
SHA-256 matches.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import itertools
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from types import ModuleType
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SET = REPO / "eval" / "real-articles"
ARTICLES = SET / "articles.json"
GOLD = SET / "gold"
SCORER = REPO.parent / "shared" / "dev" / "score.py"


def articles() -> list[dict[str, Any]]:
    return list(json.loads(ARTICLES.read_text(encoding="utf-8")))


def texts_dir(given: Path | None) -> Path:
    found = given or Path(os.environ.get("CTANNOT_REAL_ARTICLES", REPO.parent / "real-articles" / "texts"))
    if not found.is_dir():
        sys.exit(f"real_articles: no texts folder {found} (give --texts or set $CTANNOT_REAL_ARTICLES)")
    return found


def scorer() -> ModuleType:
    """../shared/dev/score.py, imported: the evaluation's own matching and scores."""
    if not SCORER.is_file():
        sys.exit(f"real_articles: {SCORER} is absent: the shared folder beside the repository is needed")
    spec = importlib.util.spec_from_file_location("score", SCORER)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def check(texts: Path) -> int:
    """Print OK or what is wrong for every article; 1 if any text is missing or changed."""
    bad = 0
    for article in articles():
        path = texts / f"{article['id']}.txt"
        if not path.is_file():
            print(f"MISSING  {article['id']}  ({article['url']})")
            bad += 1
        elif hashlib.sha256(path.read_bytes()).hexdigest() != article["sha256"]:
            print(f"CHANGED  {article['id']}  ({article['url']})")
            bad += 1
        else:
            print(f"OK       {article['id']}")
    print(f"{len(articles()) - bad} of {len(articles())} texts match their digests")
    return 1 if bad else 0


def _digest(span: str) -> str:
    return hashlib.sha1(span.encode("utf-8")).hexdigest()[:10]


def rebuild(
    page: str, length: int, sha256: str, spans: list[dict[str, Any]]
) -> tuple[str | None, list[dict[str, Any]]]:
    """The text that ``page`` becomes once the blocks the set cut from it are cut again.

    The page is tried as given and as the set's texts were cleaned: spaces before a line break
    dropped, blank lines run together, a final line break added (the store's copy may lack it).
    """
    lost: list[dict[str, Any]] = []
    for cleaned in (page, re.sub(r"[ \t]+\n", "\n", page), re.sub(r"\n{3,}", "\n\n", page)):
        for form in (cleaned, cleaned + "\n"):
            text, missing = _rebuild(form, length, sha256, spans)
            if text is not None:
                return text, missing
            if form is page:
                lost = missing
    return None, lost


def _rebuild(
    page: str, length: int, sha256: str, spans: list[dict[str, Any]]
) -> tuple[str | None, list[dict[str, Any]]]:
    """``rebuild`` of one form of the page.

    The text has ``length`` code points and the SHA-256 ``sha256``; every gold span's digest
    anchors it in the page, and the anchors' shifts say how much was cut before each. Returns
    the text (None if no cut of whole blocks between the anchors gives the digest) and the
    spans found nowhere in the page (where a copy of the page differs from the stored one).
    """
    extra = len(page) - length
    spans = sorted(spans, key=lambda s: (s["start"], s["end"]))
    candidates = []
    for span in spans:
        shifts = [
            shift
            for shift in range(max(extra, 0) + 1)
            if _digest(page[span["start"] + shift : span["end"] + shift]) == span["sha1"]
        ]
        candidates.append(shifts)
    lost = [span for span, shifts in zip(spans, candidates, strict=True) if not shifts]
    if extra < 0:
        return None, lost
    # The cut only grows along the text: the longest chain of anchors whose shifts never fall,
    # with the fewest changes of shift among the longest.
    nodes = [(i, shift) for i, shifts in enumerate(candidates) for shift in shifts]
    best: dict[tuple[int, int], tuple[int, int, tuple[int, int] | None]] = {}
    for node in nodes:
        i, shift = node
        choice: tuple[int, int, tuple[int, int] | None] = (1, 0, None)
        for other in nodes:
            j, earlier = other
            if j >= i or earlier > shift or other not in best:
                continue
            count, changes, _ = best[other]
            option = (count + 1, changes - (earlier != shift), other)
            if option[:2] > choice[:2]:
                choice = option
        best[node] = choice
    anchors: list[tuple[int, int, int]] = []  # (start, end, shift) in the text's coordinates
    node = max(best, key=lambda n: best[n][:2]) if best else None
    while node is not None:
        anchors.append((spans[node[0]]["start"], spans[node[0]]["end"], node[1]))
        node = best[node][2]
    anchors.reverse()
    # Where each cut may lie: (first page position it may begin at, last, size).
    gaps = []
    before = (0, 0, 0)
    for start, end, shift in anchors:
        if shift > before[2]:
            gaps.append((before[1] + before[2], start + before[2], shift - before[2]))
        before = (start, end, shift)
    tail_shift = before[2]
    tails = [gaps]  # the text may simply stop short of the page's end, or a block after the
    if len(page) - tail_shift > length and tail_shift < extra:  # last anchor may be cut too
        tails.append([*gaps, (before[1] + tail_shift, length + tail_shift, extra - tail_shift)])

    def cuts(low: int, high: int, size: int, whole_lines: bool) -> list[int]:
        found = []
        for q in range(low, min(high, len(page) - size) + 1):
            if not whole_lines or (
                (q == 0 or page[q - 1] == "\n") and (q + size == len(page) or page[q + size - 1] == "\n")
            ):
                found.append(q)
        return found

    def assemble(positions: tuple[int, ...], gaps: list[tuple[int, int, int]]) -> str:
        pieces, at = [], 0
        for q, (_, _, size) in zip(positions, gaps, strict=True):
            pieces.append(page[at:q])
            at = q + size
        pieces.append(page[at:])
        return "".join(pieces)

    for whole_lines, gaps in itertools.product((True, False), tails):
        options = [cuts(low, high, size, whole_lines) for low, high, size in gaps]
        for positions in itertools.islice(itertools.product(*options), 200_000):
            whole = assemble(positions, gaps)
            # the text stops where the page does, or at the end of a sentence with a newline
            for text in (whole[:length], whole[: length - 1] + "\n"):
                if len(text) == length and hashlib.sha256(text.encode("utf-8")).hexdigest() == sha256:
                    return text, lost
    return None, lost


def cut_as_recorded(page: str, cut: dict[str, Any]) -> str:
    """The text the set made from ``page`` by the cut ``articles.json`` records for it (from
    batch 6 on): the page's ``lines`` (numbered from 1) taken out, a ``prefix`` the store put
    before its first line (``" date 2019-04-05 "``) taken off, then cleaned as every text of the
    set was (spaces before a line break dropped, blank lines run together, one final line break).
    """
    lines = page.split("\n")
    prefix = cut.get("prefix", "")
    if prefix and lines[0].startswith(prefix):
        lines[0] = lines[0][len(prefix) :]
    dropped = set(cut.get("lines", []))
    text = "\n".join(line for n, line in enumerate(lines, 1) if n not in dropped)
    text = re.sub(r"[ \t]+\n", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).lstrip("\n").rstrip() + "\n"


def restore(texts: Path, pages: list[Path]) -> int:
    """Write DIR/<id>.txt from a copy of the article's stored page where its digest matches.

    Each page file is named for the article's id and holds the page as the search tool's stored
    pages give it: a JSON string (the excerpt as printed, escapes and all) or plain text. The
    blocks the set cut (navigation, other headlines) are those ``articles.json`` records (from
    batch 6 on), or else are found from the gold spans' digests.
    """
    known = {a["id"]: a for a in articles()}
    bad = 0
    for path in pages:
        doc = path.stem
        if doc not in known:
            print(f"UNKNOWN  {path}: no article {doc!r} in {ARTICLES.name}")
            bad += 1
            continue
        raw = path.read_text(encoding="utf-8")
        page = json.loads(raw) if path.suffix == ".json" else raw
        if isinstance(page, dict):
            page = page["excerpt"]
        article = known[doc]
        spans = json.loads((GOLD / f"{doc}.json").read_text(encoding="utf-8"))["annotations"]
        text, lost = None, []
        if "cut" in article:  # the cut recorded when the text was made: no search needed
            made = cut_as_recorded(page, article["cut"])
            if hashlib.sha256(made.encode("utf-8")).hexdigest() == article["sha256"]:
                text = made
        if text is None:
            text, lost = rebuild(page, article["chars"], article["sha256"], spans)
        if text is not None:
            (texts / f"{doc}.txt").write_text(text, encoding="utf-8", newline="")
            print(f"OK       {doc}")
            continue
        bad += 1
        print(f"FAILED   {doc}: the page has {len(page)} characters, the text {article['chars']}")
        for span in lost:
            facts = ", ".join(f"{k}={v}" for k, v in (span.get("attrs") or {}).items())
            print(f"    not in the page: {span['type']} at {span['start']}-{span['end']} {facts}")
    return 1 if bad else 0


def import_gold(texts: Path, source: Path) -> int:
    """Write GOLD/<id>.json in offsets form from the text-form gold files of ``source``."""
    score = scorer()
    known = {a["id"]: a for a in articles()}
    GOLD.mkdir(parents=True, exist_ok=True)
    for path in sorted(source.glob("*.json")):
        doc, text, spans, errors = score.read_gold(path, texts)
        if errors:
            sys.exit("\n".join(errors))
        if doc not in known:
            sys.exit(f"real_articles: {path}: {doc} is not in {ARTICLES}")
        original = json.loads(path.read_text(encoding="utf-8"))["annotations"]
        annotations = []
        for span, given in zip(spans, original, strict=True):
            start, end = span["start"], span["end"]
            annotations.append(
                {
                    "type": span["type"],
                    "start": start,
                    "end": end,
                    "sha1": hashlib.sha1(text[start:end].encode("utf-8")).hexdigest()[:10],
                    **({"attrs": kept} if (kept := _facts(given.get("attrs") or {})) else {}),
                }
            )
        annotations.sort(key=lambda a: (a["start"], a["end"], a["type"]))
        article = known[doc]
        gold = {
            "doc": doc,
            "url": article["url"],
            "title": article["title"],
            "lang": article["lang"],
            "split": article["split"],
            "text_sha256": article["sha256"],
            "annotations": annotations,
        }
        written = json.dumps(gold, ensure_ascii=False, indent=1) + "\n"
        (GOLD / f"{doc}.json").write_text(written, encoding="utf-8")
    print(f"{len(list(source.glob('*.json')))} gold files written to {GOLD.relative_to(REPO)}")
    return 0


FACTS = ("speaker", "cue", "mode", "kind", "category", "canonical", "acronym", "wikidata", "name")
"""The attributes kept in the committed gold: short facts. Free text that may copy the article
(a goal, a role phrase) stays out: the article is other people's text."""


def _facts(attrs: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in attrs.items() if key in FACTS}


def agreement(texts: Path, first: Path, second: Path) -> int:
    """Relaxed and strict micro-F1 of ``second`` scored against ``first`` (the mission's four
    types, as score.py counts them), per type and per language."""
    score = scorer()
    lang_of = {a["id"]: a["lang"] for a in articles()}
    totals: dict[str, dict[str, dict[str, int]]] = {}
    for path in sorted(first.glob("*.json")):
        other = second / path.name
        if not other.is_file():
            continue
        doc, _, gold, errors = score.read_gold(path, texts)
        _, _, pred, errors2 = score.read_gold(other, texts)
        if errors or errors2:
            sys.exit("\n".join(errors + errors2))
        for group in ("all", lang_of.get(doc, "?")):
            counts = totals.setdefault(group, {})
            for kind in score.TYPES:
                g = [a for a in gold if a["type"] == kind]
                p = [a for a in pred if a["type"] == kind]
                c = counts.setdefault(kind, {"gold": 0, "pred": 0, "relaxed": 0, "strict": 0})
                c["gold"] += len(g)
                c["pred"] += len(p)
                c["relaxed"] += len(score.match(g, p, relaxed=True))
                c["strict"] += len(score.match(g, p, relaxed=False))
    for group, counts in totals.items():
        mission = {k: sum(counts[t][k] for t in score.MISSION) for k in ("gold", "pred", "relaxed", "strict")}
        relaxed = score.prf(mission["relaxed"], mission["gold"], mission["pred"])[2]
        strict = score.prf(mission["strict"], mission["gold"], mission["pred"])[2]
        per_type = ", ".join(
            f"{t} {score.prf(c['relaxed'], c['gold'], c['pred'])[2]:.2f}" for t, c in counts.items()
        )
        print(f"{group}: micro-F1 relaxed {relaxed:.3f} (strict {strict:.3f}); {per_type}")
    return 0


def score_split(
    texts: Path,
    split: str,
    pipeline: str,
    backend: str | None,
    as_json: bool,
    batches: list[int] | None = None,
) -> int:
    """Annotate the split's texts (of the given ``batches`` of articles, or all) with ``pipeline``
    and score them with score.py, overall and per language."""
    import ctannot
    from ctannot.formats import web_annotation

    chosen = [
        a
        for a in articles()
        if (split == "all" or a["split"] == split) and (not batches or a["batch"] in batches)
    ]
    named = f", batch {' '.join(map(str, batches))}" if batches else ""
    if not chosen:
        sys.exit(f"real_articles: no article in split {split}{named}")
    absent = [a["id"] for a in chosen if not (texts / f"{a['id']}.txt").is_file()]
    if absent:  # a page the store no longer holds: say so, and score the rest
        names = ", ".join(absent)
        print(f"{len(absent)} of {len(chosen)} texts absent from {texts}, scored without: {names}")
        chosen = [a for a in chosen if a["id"] not in absent]
    nlp = ctannot.load_pipeline(pipeline, backend=backend)
    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as work:
        for group in ("all", "fr", "en"):
            members = [a for a in chosen if group in ("all", a["lang"])]
            if not members:
                continue
            folder = Path(work, group)
            for sub in ("texts", "gold", "pred"):
                (folder / sub).mkdir(parents=True)
            for article in members:
                name = article["id"]
                text = (texts / f"{name}.txt").read_text(encoding="utf-8")
                (folder / "texts" / f"{name}.txt").write_text(text, encoding="utf-8")
                (folder / "gold" / f"{name}.json").write_bytes((GOLD / f"{name}.json").read_bytes())
                doc = nlp(ctannot.Document(name, text, article["lang"]))
                (folder / "pred" / f"{name}.jsonld").write_text(web_annotation.dumps(doc), encoding="utf-8")
            done = subprocess.run(
                [sys.executable, str(SCORER), "--texts", str(folder / "texts"),
                 "--gold", str(folder / "gold"), "--pred", str(folder / "pred"), "--json"],
                capture_output=True, text=True, check=True,
            )  # fmt: skip
            results[group] = {"documents": len(members), **json.loads(done.stdout)}
    if as_json:
        print(json.dumps(results, indent=2))
        return 0
    print(f"split {split}{named}, pipeline {pipeline}{f' --backend {backend}' if backend else ''}")
    for group, r in results.items():
        types = r["types"]
        line = ", ".join(
            f"{t} P {types[t]['P']:.2f} R {types[t]['R']:.2f} F1 {types[t]['F1']:.2f}" for t in types
        )
        print(
            f"  {group} ({r['documents']} articles): micro-F1 relaxed {r['micro_F1']:.3f} "
            f"(strict {r['micro_strict_F1']:.3f}), speakers {r['speaker_accuracy']:.2f}\n    {line}"
        )
        for problem in r["problems"]:
            print(f"    problem: {problem}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    for name in ("check", "score", "agreement", "import", "restore"):
        command = sub.add_parser(name)
        command.add_argument("--texts", type=Path, help="the texts' folder (default $CTANNOT_REAL_ARTICLES)")
        if name == "score":
            command.add_argument("--split", choices=["tune", "test", "all"], default="tune")
            command.add_argument("--pipeline", default="rules")
            command.add_argument("--backend")
            command.add_argument("--json", action="store_true")
            command.add_argument(
                "--batch",
                type=int,
                nargs="+",
                help="only the articles of these batches (articles.json's batch: 1, 2, ...)",
            )
        if name == "agreement":
            command.add_argument("first", type=Path)
            command.add_argument("second", type=Path)
        if name == "import":
            command.add_argument("source", type=Path)
        if name == "restore":
            command.add_argument(
                "pages", type=Path, nargs="+", help="<id>.json or <id>.txt copies of stored pages"
            )
    args = parser.parse_args(argv)
    texts = texts_dir(args.texts)
    if args.command == "check":
        return check(texts)
    if args.command == "import":
        return import_gold(texts, args.source)
    if args.command == "restore":
        return restore(texts, args.pages)
    if args.command == "agreement":
        return agreement(texts, args.first, args.second)
    return score_split(texts, args.split, args.pipeline, args.backend, args.json, args.batch)


if __name__ == "__main__":
    sys.exit(main())
