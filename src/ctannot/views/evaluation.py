"""Scoring predictions against gold annotations: per-type precision, recall and F1, and speakers.

Matching follows the scorer of the annotation guidelines: one-to-one per type, largest overlap
first. *Strict*: the same offsets. *Relaxed*: the overlap covers at least half of the shorter
span. Speaker accuracy: among relaxed-matched Statements, the share whose speaker shares a
content word with the gold speaker (accents, case and honorifics ignored; an acronym such as
``U.N.`` is a word), or that have no speaker on either side (:func:`same_speaker`). Actor is reported
but not part of the headline micro-F1, which is over the four mission types.

Gold and predictions are files any importer reads, or folders of them: ctannot JSON-LD, brat
standoff (``.ann`` beside its ``.txt``: a gold set corrected in brat or INCEpTION), a CSV or
Parquet table of annotations. Gold can also be the guidelines' gold format (``.json`` with
``doc`` and ``annotations``, whose texts are read from a folder of ``<doc>.txt``).
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeGuard

import attrs
import regex

from ctannot.formats import FormatError, read_text, strict_json
from ctannot.model import Document

if TYPE_CHECKING:
    from ctannot.registry import Registry

__all__ = [
    "MISSION_TYPES",
    "TYPES",
    "Scores",
    "Span",
    "evaluate",
    "read_gold",
    "read_spans",
    "same_speaker",
    "spans_of",
]

TYPES = ("Initiative", "Forum", "Threat", "Statement", "Actor")
MISSION_TYPES = ("Initiative", "Forum", "Threat", "Statement")
_STOP = frozenset(
    [
        "m",
        "mr",
        "mme",
        "ms",
        "mrs",
        "dr",
        "le",
        "la",
        "les",
        "l",
        "de",
        "du",
        "des",
        "d",
        "the",
        "of",
        "et",
        "and",
        "a",
        "an",
        "sir",
        "president",
        "minister",
        "ministre",
    ]
)


@attrs.frozen
class Span:
    """What evaluation compares: a type, offsets and, for a Statement, its speaker's text."""

    type: str
    start: int
    end: int
    speaker: str = ""


def spans_of(document: Document) -> list[Span]:
    """The spans of every annotation of the document (speakers as the text they point to, or
    as the phrase that names them)."""
    out = []
    for ann in document.annotations():
        speaker = getattr(ann, "speaker_name", None) or ""
        ref = getattr(ann, "speaker", None)
        if ref is not None:
            speaker = document.get(ref).text
        out.append(Span(ann.type_name, ann.start, ann.end, speaker))
    return out


def _gold_json(path: Path, texts: Path | None) -> tuple[str, list[Span]]:
    try:
        data = strict_json.loads(read_text(path))
    except strict_json.JSONProblem as exc:
        raise FormatError(f"{path}: {exc}") from None
    if not (
        isinstance(data, dict)
        and isinstance(data.get("doc"), str)
        and isinstance(data.get("annotations"), list)
    ):
        raise FormatError(f"{path}: not a gold file (expected 'doc' and 'annotations')")
    if texts is None:
        raise FormatError(f"{path}: gold in the guidelines' format needs --texts, the folder of its texts")
    text_path = texts / f"{data['doc']}.txt"
    try:
        text = read_text(text_path)
    except FormatError as exc:
        raise FormatError(f"{path}: cannot read its text: {exc}") from None
    spans = [_gold_span(a, text, f"{path}: annotation #{i}") for i, a in enumerate(data["annotations"], 1)]
    return data["doc"], spans


def _gold_span(a: Any, text: str, where: str) -> Span:
    """One annotation of a gold file, as score.py reads it: its exact text and which occurrence
    (``n``, 1 by default), or offsets with a digest of their span (``start``, ``end``, ``sha1``)."""
    if not isinstance(a, dict) or not isinstance(a.get("type"), str):
        raise FormatError(f"{where}: expected an object with a 'type'")
    attributes = a.get("attrs", {})
    speaker = attributes.get("speaker", "") if isinstance(attributes, dict) else None
    if not isinstance(speaker, str):
        raise FormatError(f"{where}: 'attrs' must be an object, and its 'speaker' a string")
    if "text" not in a:
        start, end = a.get("start"), a.get("end")
        if not (_is_int(start) and _is_int(end) and 0 <= start < end <= len(text)):
            raise FormatError(f"{where}: needs 'text', or 'start' and 'end' inside the text")
        digest = hashlib.sha1(text[start:end].encode("utf-8")).hexdigest()[:10]
        if a.get("sha1") != digest:
            raise FormatError(f"{where}: span {start}-{end} does not match its digest (the text changed?)")
        return Span(a["type"], start, end, speaker)
    quoted, n = a["text"], a.get("n", 1)
    if not (isinstance(quoted, str) and quoted and _is_int(n) and n >= 1):
        raise FormatError(f"{where}: 'text' must be a non-empty string and 'n' a number from 1")
    pos = -1
    for _ in range(n):
        pos = text.find(quoted, pos + 1)
        if pos < 0:
            raise FormatError(f"{where}: text not found (n={n}): {quoted[:60]!r}")
    return Span(a["type"], pos, pos + len(quoted), speaker)


def _is_int(value: Any) -> TypeGuard[int]:
    return type(value) is int


def read_spans(path: Path, registry: Registry) -> dict[str, list[Span]]:
    """The spans of every document by id, from a file an importer reads, or from the files of a
    folder (not its subfolders) that importers read."""
    return _read(path, registry, guidelines=False)


def read_gold(path: Path, registry: Registry, texts: Path | None = None) -> dict[str, list[Span]]:
    """Gold spans by document id: as :func:`read_spans`, and from the guidelines' ``.json``
    files too, their texts read from the folder ``texts``."""
    return _read(path, registry, guidelines=True, texts=texts)


def _read(
    path: Path, registry: Registry, guidelines: bool, texts: Path | None = None
) -> dict[str, list[Span]]:
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.is_file())
    elif path.is_file():
        files = [path]
    else:
        raise FormatError(f"{path}: no such file or folder")
    found: dict[str, list[Span]] = {}
    for file in files:
        if guidelines and file.suffix == ".json":
            read = [_gold_json(file, texts)]
        elif (importer := registry.importer_for(file)) is not None:
            read = [(doc.id, spans_of(doc)) for doc in importer.load(file, registry.types)]
        else:
            continue
        for doc_id, spans in read:
            if doc_id in found:
                raise FormatError(f"{file}: document {doc_id!r} is there twice ({path})")
            found[doc_id] = spans
    if not found:
        kinds = ", ".join(registry.importable_suffixes())
        what = (
            f"no gold files (.json in the guidelines' format, {kinds})"
            if guidelines
            else f"no files of {kinds}"
        )
        raise FormatError(f"{path}: {what}")
    return found


_ACRONYM = regex.compile(r"\b(?:\w\.){2,}")
"""Letters each followed by a full stop, ``U.N.``: read as one word, ``un``."""


def _normal(s: str) -> str:
    """Lower case, without accents, an acronym's full stops dropped."""
    s = _ACRONYM.sub(lambda m: m.group().replace(".", ""), s)
    s = unicodedata.normalize("NFKD", s.lower())
    return "".join(c for c in s if not unicodedata.combining(c))


def _words(s: str) -> set[str]:
    """The content words of a speaker's name, as the guidelines' scorer finds them (its words
    of one letter, articles and honorifics left out), an acronym being one word."""
    return {w for w in regex.findall(r"\w+", _normal(s)) if w not in _STOP and len(w) > 1}


def same_speaker(gold: str, pred: str) -> bool:
    """Whether a predicted speaker is the gold one: as the guidelines' scorer (score.py) has it,
    when they share a content word (accents, case and honorifics ignored); and, where it has
    none to compare, when neither has a content word and they read the same: no speaker on
    either side is right, a speaker on one side only is wrong."""
    gold_words, pred_words = _words(gold), _words(pred)
    if gold_words or pred_words:
        return bool(gold_words & pred_words)
    return " ".join(regex.findall(r"\w+", _normal(gold))) == " ".join(regex.findall(r"\w+", _normal(pred)))


def _match(gold: Sequence[Span], pred: Sequence[Span], relaxed: bool) -> list[tuple[int, int]]:
    pairs = []
    for i, g in enumerate(gold):
        for j, p in enumerate(pred):
            overlap = min(g.end, p.end) - max(g.start, p.start)
            if relaxed:
                ok = overlap > 0 and overlap * 2 >= min(g.end - g.start, p.end - p.start)
            else:
                ok = (g.start, g.end) == (p.start, p.end)
            if ok:
                pairs.append((overlap, i, j))
    pairs.sort(reverse=True)
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = []
    for _, i, j in pairs:
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            out.append((i, j))
    return out


def _prf(tp: int, n_gold: int, n_pred: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


@attrs.define
class Scores:
    """Counts per type, and the scores derived from them."""

    counts: dict[str, dict[str, int]]
    speakers_matched: int = 0
    speakers_right: int = 0
    missing: list[str] = attrs.Factory(list)
    """Gold documents with no prediction (scored as predicting nothing)."""

    def as_dict(self) -> dict[str, Any]:
        types = {}
        for t, c in self.counts.items():
            p, r, f = _prf(c["relaxed"], c["gold"], c["pred"])
            sp, sr, sf = _prf(c["strict"], c["gold"], c["pred"])
            types[t] = {**c, "P": p, "R": r, "F1": f, "strict_P": sp, "strict_R": sr, "strict_F1": sf}
        total = {
            k: sum(self.counts[t][k] for t in MISSION_TYPES if t in self.counts)
            for k in ("gold", "pred", "strict", "relaxed")
        }
        return {
            "types": types,
            "micro_F1": _prf(total["relaxed"], total["gold"], total["pred"])[2],
            "micro_strict_F1": _prf(total["strict"], total["gold"], total["pred"])[2],
            "speaker_accuracy": self.speakers_right / self.speakers_matched if self.speakers_matched else 0.0,
            "speakers_matched": self.speakers_matched,
            "missing_predictions": self.missing,
        }

    def table(self) -> str:
        d = self.as_dict()
        lines = [f"{'type':<11}{'gold':>6}{'pred':>6}{'P':>7}{'R':>7}{'F1':>7}{'strictF1':>10}"]
        for t, r in d["types"].items():
            lines.append(
                f"{t:<11}{r['gold']:>6}{r['pred']:>6}{r['P']:>7.2f}{r['R']:>7.2f}{r['F1']:>7.2f}"
                f"{r['strict_F1']:>10.2f}"
            )
        lines.append(
            f"speaker accuracy {d['speaker_accuracy']:.2f} on {d['speakers_matched']} matched statements"
        )
        lines.append(
            f"micro F1 ({', '.join(MISSION_TYPES)}): relaxed {d['micro_F1']:.3f}, "
            f"strict {d['micro_strict_F1']:.3f}"
        )
        for doc in d["missing_predictions"]:
            lines.append(f"missing prediction: {doc}")
        return "\n".join(lines)


def evaluate(
    gold: Mapping[str, Sequence[Span]], pred: Mapping[str, Sequence[Span]], types: Iterable[str] = TYPES
) -> Scores:
    """Score predicted spans against gold spans, document by document."""
    scores = Scores({t: {"gold": 0, "pred": 0, "strict": 0, "relaxed": 0} for t in types})
    for doc_id, gold_spans in sorted(gold.items()):
        if doc_id not in pred:
            scores.missing.append(doc_id)
        pred_spans = pred.get(doc_id, [])
        for t, c in scores.counts.items():
            g = [s for s in gold_spans if s.type == t]
            p = [s for s in pred_spans if s.type == t]
            c["gold"] += len(g)
            c["pred"] += len(p)
            c["strict"] += len(_match(g, p, relaxed=False))
            pairs = _match(g, p, relaxed=True)
            c["relaxed"] += len(pairs)
            if t == "Statement":
                for i, j in pairs:
                    scores.speakers_matched += 1
                    scores.speakers_right += same_speaker(g[i].speaker, p[j].speaker)
    return scores
