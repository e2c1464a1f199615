"""Evaluation: relaxed and strict matching, one to one, speaker accuracy, and the evaluate command."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import run_ctannot, shared_path
from ctannot import Actor, Document, Forum, Provenance, Statement, Threat
from ctannot.formats import FormatError
from ctannot.formats.web_annotation import dumps
from ctannot.pipeline import Pipeline
from ctannot.registry import Registry
from ctannot.views.evaluation import MISSION_TYPES, Span, evaluate, read_gold, same_speaker, spans_of

TEXT = (
    "Le GCTF s'est réuni à Rabat. « La menace terroriste reste élevée », a déclaré M. Voronkov. "
    "Daech a revendiqué l'attaque."
)
DOC_ID = "rabat-gctf"


def scores(gold: list[Span], pred: list[Span], doc: str = "d") -> dict[str, Any]:
    return evaluate({doc: gold}, {doc: pred}).as_dict()


def counts(result: dict[str, Any], kind: str) -> tuple[int, int, int, int]:
    c = result["types"][kind]
    return c["gold"], c["pred"], c["relaxed"], c["strict"]


# -- scoring ---------------------------------------------------------------------------------------


def test_perfect_predictions_score_one() -> None:
    gold = [
        Span("Forum", 3, 7),
        Span("Threat", 90, 95),
        Span("Statement", 31, 64, "M. Voronkov"),
        Span("Actor", 80, 91),
        Span("Initiative", 100, 120),
    ]
    result = scores(gold, list(gold))
    for kind in ("Forum", "Threat", "Statement", "Actor", "Initiative"):
        t = result["types"][kind]
        assert (t["P"], t["R"], t["F1"], t["strict_F1"]) == (1.0, 1.0, 1.0, 1.0)
    assert result["micro_F1"] == result["micro_strict_F1"] == 1.0
    assert (result["speaker_accuracy"], result["speakers_matched"]) == (1.0, 1)
    assert result["missing_predictions"] == []


def test_overlap_of_half_the_shorter_span_is_relaxed_not_strict() -> None:
    gold = [Span("Forum", 10, 30)]
    half = scores(gold, [Span("Forum", 20, 40)])  # overlap 10 of the shorter 20
    assert counts(half, "Forum") == (1, 1, 1, 0)
    assert half["types"]["Forum"]["F1"] == 1.0
    assert half["types"]["Forum"]["strict_F1"] == 0.0
    less = scores(gold, [Span("Forum", 21, 40)])  # overlap 9 of 19: less than half
    assert counts(less, "Forum") == (1, 1, 0, 0)
    # a short prediction wholly inside a long gold span covers all of the shorter one
    inside = scores([Span("Forum", 0, 100)], [Span("Forum", 40, 45)])
    assert counts(inside, "Forum") == (1, 1, 1, 0)


def test_touching_spans_do_not_overlap() -> None:
    assert counts(scores([Span("Threat", 0, 10)], [Span("Threat", 10, 20)]), "Threat") == (1, 1, 0, 0)


def test_spans_of_another_type_never_match() -> None:
    result = scores([Span("Forum", 0, 10)], [Span("Initiative", 0, 10)])
    assert counts(result, "Forum") == (1, 0, 0, 0)
    assert counts(result, "Initiative") == (0, 1, 0, 0)
    assert result["micro_F1"] == 0.0


def test_matching_is_one_to_one() -> None:
    result = scores([Span("Threat", 0, 20)], [Span("Threat", 0, 20), Span("Threat", 5, 20)])
    assert counts(result, "Threat") == (1, 2, 1, 1)
    t = result["types"]["Threat"]
    assert (t["P"], t["R"]) == (0.5, 1.0)
    assert t["F1"] == pytest.approx(2 / 3)
    # and the other way round: one prediction over two gold spans is one true positive
    two_gold = scores([Span("Threat", 0, 10), Span("Threat", 10, 20)], [Span("Threat", 0, 20)])
    assert counts(two_gold, "Threat") == (2, 1, 1, 0)


def test_largest_overlap_is_matched_first() -> None:
    # the prediction overlaps both gold statements; it is matched with the one it overlaps most,
    # which the speaker shows: right for that one, wrong for the other
    gold = [Span("Statement", 0, 10, "M. Voronkov"), Span("Statement", 10, 30, "Anna Keller")]
    pred = [Span("Statement", 5, 25, "Mme Keller")]
    result = scores(gold, pred)
    assert counts(result, "Statement") == (2, 1, 1, 0)
    assert (result["speaker_accuracy"], result["speakers_matched"]) == (1.0, 1)


@pytest.mark.parametrize(
    ("gold_speaker", "pred_speaker", "right"),
    [
        ("Vladimir Voronkov", "M. Voronkov", True),
        ("M. Voronkov", "Vladimir Voronkov", True),
        ("la ministre Élodie Pétrel", "Mme PETREL", True),  # accents and case ignored
        ("la ministre de l'Intérieur", "ministère de l'Intérieur", True),  # "interieur"
        ("M. Voronkov", "Mme Keller", False),
        ("Mme Keller", "Mme Roche", False),  # an honorific is no shared word
        ("Mr Keller", "Mr Roche", False),
        ("le ministre Karim Benali", "le ministre", False),  # titles and articles are not content
        ("M. Voronkov", "", False),
        ("", "M. Voronkov", False),
        ("", "", True),  # no speaker on either side: right
        ("U.N.", "U.N.", True),  # an acronym is a word, though its letters are one each
        ("the U.N. Secretary-General", "U.N.", True),
        ("U.N.", "U.S.", False),
        ("M.", "", False),  # no content word on either side, but not the same
    ],
)
def test_speaker_accuracy_by_a_shared_content_word(gold_speaker: str, pred_speaker: str, right: bool) -> None:
    result = scores([Span("Statement", 0, 40, gold_speaker)], [Span("Statement", 0, 40, pred_speaker)])
    assert result["speakers_matched"] == 1
    assert result["speaker_accuracy"] == (1.0 if right else 0.0)


def test_a_folder_against_itself_scores_one_speakers_included(pipeline: Pipeline, tmp_path: Path) -> None:
    """Statements without a speaker, and speakers such as ``U.N.``, made 0.93 of a folder
    against itself."""
    texts = [
        "« Nous devons agir », a déclaré M. Voronkov à Rabat.",
        "The U.N. said the threat remains high. « It is serious », the minister said.",
        "Selon le communiqué, la menace persiste.",
    ]
    for i, text in enumerate(texts):
        document = pipeline.annotate(Document(f"d{i}", text)).document
        (tmp_path / f"d{i}.jsonld").write_text(dumps(document), encoding="utf-8")
    run = run_ctannot("evaluate", tmp_path, tmp_path, "--json")
    assert run.returncode == 0, run.stderr
    result = json.loads(run.stdout)
    assert result["speakers_matched"] >= 2
    assert result["speaker_accuracy"] == 1.0


def test_the_comparison_of_speakers_is_the_guidelines_scorers() -> None:
    """Where score.py finds content words it gives the same answer (it has none for ``U.N.``
    or for no speaker, where ours compares what is left)."""
    score = _score_module()
    names = ["Vladimir Voronkov", "M. Voronkov", "Mme PETREL", "la ministre Élodie Pétrel", "Anna Keller",
             "ministère de l'Intérieur", "le ministre", "Mr Roche", "Le président Macron"]  # fmt: skip
    for gold in names:
        for pred in names:
            if score.words(gold) or score.words(pred):
                assert same_speaker(gold, pred) == bool(score.words(gold) & score.words(pred)), (gold, pred)


def _score_module() -> Any:
    import importlib.util

    path = shared_path("dev", "score.py")
    spec = importlib.util.spec_from_file_location("guidelines_score", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_speakers_are_counted_over_matched_statements_only() -> None:
    gold = [Span("Statement", 0, 40, "Vladimir Voronkov"), Span("Statement", 100, 140, "Anna Keller")]
    pred = [Span("Statement", 0, 40, "M. Voronkov"), Span("Statement", 200, 240, "Anna Keller")]
    result = scores(gold, pred)
    assert (result["speakers_matched"], result["speaker_accuracy"]) == (1, 1.0)


def test_micro_f1_is_over_the_mission_types_only() -> None:
    assert "Actor" not in MISSION_TYPES
    gold = [Span("Forum", 0, 10), Span("Actor", 20, 30), Span("Actor", 40, 50)]
    result = scores(gold, [Span("Forum", 0, 10)])
    assert result["micro_F1"] == 1.0
    assert result["types"]["Actor"]["R"] == 0.0


def test_micro_f1_pools_the_counts_of_the_types() -> None:
    gold = [Span("Forum", 0, 10), Span("Threat", 20, 30), Span("Threat", 40, 50), Span("Initiative", 60, 70)]
    pred = [Span("Forum", 0, 10), Span("Threat", 20, 30), Span("Statement", 80, 90)]
    result = scores(gold, pred)
    # 2 true positives of 4 gold and 3 predicted: P 2/3, R 1/2
    assert result["micro_F1"] == pytest.approx(2 * (2 / 3) * (1 / 2) / (2 / 3 + 1 / 2))


def test_a_gold_document_without_prediction_is_missing_and_scores_nothing() -> None:
    result = evaluate(
        {"a": [Span("Forum", 0, 10)], "b": [Span("Forum", 0, 10)]}, {"a": [Span("Forum", 0, 10)]}
    )
    d = result.as_dict()
    assert d["missing_predictions"] == ["b"]
    assert counts(d, "Forum") == (2, 1, 1, 1)
    assert "missing prediction: b" in result.table()


# -- gold files ------------------------------------------------------------------------------------


def annotated_document() -> Document:
    """The predictions of a small system, built by hand: a Forum, a Threat, a speaker, a statement."""
    doc = Document(DOC_ID, TEXT, "fr")
    builder = doc.new_layer("mentions", Provenance("test.handmade", "1.0"))
    builder.add(Forum, 3, 7, kind="organisation", entity="common-forums:gctf")
    speaker = builder.add(Actor, TEXT.index("M. Voronkov"), TEXT.index("M. Voronkov") + 11, kind="person")
    builder.add(Threat, TEXT.index("Daech"), TEXT.index("Daech") + 5, category="group", wikidata="Q2429253")
    start = TEXT.index("La menace")
    builder.add(Statement, start, TEXT.index(" »"), speaker=speaker.id, cue="déclarer", mode="direct")
    return doc.with_layer(builder.build())


GUIDELINES_GOLD = {
    "doc": DOC_ID,
    "annotations": [
        {"type": "Forum", "text": "GCTF", "n": 1, "attrs": {"kind": "organisation"}},
        {"type": "Actor", "text": "Rabat", "n": 1},  # a gold Actor the predictions miss
        {
            "type": "Statement",
            "text": "La menace terroriste",
            "n": 1,
            "attrs": {"speaker": "Vladimir Voronkov"},
        },
        {"type": "Threat", "text": "Daech", "n": 1, "attrs": {"category": "group"}},
    ],
}


def write_gold(folder: Path, data: dict[str, Any] = GUIDELINES_GOLD) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{data['doc']}.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def write_texts(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{DOC_ID}.txt").write_text(TEXT, encoding="utf-8")
    return folder


def write_predictions(folder: Path, doc: Document) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{doc.id}.jsonld").write_text(dumps(doc), encoding="utf-8")
    return folder


def test_guidelines_gold_is_read_with_its_text(tmp_path: Path, registry: Registry) -> None:
    write_gold(tmp_path / "gold")
    gold = read_gold(tmp_path / "gold", registry, write_texts(tmp_path / "texts"))
    assert list(gold) == [DOC_ID]
    spans = {s.type: s for s in gold[DOC_ID]}
    assert TEXT[spans["Forum"].start : spans["Forum"].end] == "GCTF"
    assert spans["Statement"].speaker == "Vladimir Voronkov"


def test_guidelines_gold_counts_occurrences(tmp_path: Path, registry: Registry) -> None:
    text = "Le GCTF et l'ONU ; plus tard, le GCTF seul."
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "twice.txt").write_text(text, encoding="utf-8")
    write_gold(
        tmp_path / "gold", {"doc": "twice", "annotations": [{"type": "Forum", "text": "GCTF", "n": 2}]}
    )
    (span,) = read_gold(tmp_path / "gold", registry, tmp_path / "texts")["twice"]
    assert (span.start, span.end) == (text.rindex("GCTF"), text.rindex("GCTF") + 4)


def test_guidelines_gold_errors(tmp_path: Path, registry: Registry) -> None:
    path = write_gold(tmp_path / "gold")
    with pytest.raises(FormatError, match="needs --texts"):
        read_gold(tmp_path / "gold", registry)
    with pytest.raises(FormatError, match="cannot read its text"):
        read_gold(tmp_path / "gold", registry, tmp_path / "nowhere")
    bad = {"doc": DOC_ID, "annotations": [{"type": "Forum", "text": "Forum de Bamako", "n": 1}]}
    write_gold(tmp_path / "gold", bad)
    with pytest.raises(FormatError, match="annotation #1: text not found") as exc:
        read_gold(tmp_path / "gold", registry, write_texts(tmp_path / "texts"))
    assert str(exc.value).startswith(str(path))
    with pytest.raises(FormatError, match="no gold files"):
        read_gold(tmp_path / "texts", registry)


def test_guidelines_gold_by_offsets_with_their_digest(tmp_path: Path, registry: Registry) -> None:
    """score.py's other form of gold annotation: offsets, and a digest that catches a changed text."""
    start = TEXT.index("GCTF")
    digest = hashlib.sha1(b"GCTF").hexdigest()[:10]
    one = {"type": "Forum", "start": start, "end": start + 4, "sha1": digest}
    write_gold(tmp_path / "gold", {"doc": DOC_ID, "annotations": [one]})
    texts = write_texts(tmp_path / "texts")
    (span,) = read_gold(tmp_path / "gold", registry, texts)[DOC_ID]
    assert (span.start, span.end) == (start, start + 4)
    write_gold(tmp_path / "gold", {"doc": DOC_ID, "annotations": [{**one, "sha1": "0" * 10}]})
    with pytest.raises(
        FormatError, match=f"annotation #1: span {start}-{start + 4} does not match its digest"
    ):
        read_gold(tmp_path / "gold", registry, texts)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ('{"doc": "rabat-gctf", "annotations": [' + "1" * 5000 + "]}", "a number ctannot does not read"),
        ('{"doc": "rabat-gctf", "annotations": [NaN]}', "NaN is not a JSON number"),
        ('{"doc": "rabat-gctf", "annotations": [-Infinity]}', "-Infinity is not a JSON number"),
        ("[" * 100_000 + "]" * 100_000, "JSON nested too deeply"),
        ('{"doc": "rabat-gctf", "annotations": [5]}', "annotation #1: expected an object with a 'type'"),
        ('{"doc": "rabat-gctf", "annotations": [{"type": "Forum"}]}', "needs 'text', or 'start' and 'end'"),
        (
            '{"doc": "rabat-gctf", "annotations": [{"type": "Forum", "start": 1.5, "end": 3}]}',
            "'start' and 'end'",
        ),
        (
            '{"doc": "rabat-gctf", "annotations": [{"type": "Forum", "text": 7}]}',
            "'text' must be a non-empty",
        ),
        (
            '{"doc": "rabat-gctf", "annotations": [{"type": "Forum", "text": "GCTF", "n": "x"}]}',
            "'n' a number",
        ),
        ('{"doc": "rabat-gctf", "annotations": [{"type": "Forum", "text": "GCTF", "n": 0}]}', "'n' a number"),
        ('{"doc": "rabat-gctf", "annotations": [{"type": "Forum", "text": "GCTF", "attrs": 3}]}', "'attrs'"),
        (
            '{"doc": "rabat-gctf", "annotations": '
            '[{"type": "Statement", "text": "GCTF", "attrs": {"speaker": 1}}]}',
            "its 'speaker' a string",
        ),
    ],
)
def test_malformed_gold_is_a_format_error_naming_the_file(
    tmp_path: Path, registry: Registry, content: str, expected: str
) -> None:
    (tmp_path / "gold").mkdir()
    path = tmp_path / "gold" / "g.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(FormatError) as caught:
        read_gold(tmp_path / "gold", registry, write_texts(tmp_path / "texts"))
    assert str(caught.value).startswith(f"{path}: ")
    assert expected in str(caught.value)


def test_spans_of_a_document_give_speakers_as_text() -> None:
    spans = spans_of(annotated_document())
    (statement,) = [s for s in spans if s.type == "Statement"]
    assert statement.speaker == "M. Voronkov"
    assert sorted(s.type for s in spans) == ["Actor", "Forum", "Statement", "Threat"]


# -- the evaluate command --------------------------------------------------------------------------


def evaluate_cli(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return run_ctannot("evaluate", *args, timeout=60)


def test_cli_guidelines_gold_needs_texts(tmp_path: Path) -> None:
    write_gold(tmp_path / "gold")
    pred = write_predictions(tmp_path / "pred", annotated_document())
    run = evaluate_cli(tmp_path / "gold", pred)
    assert run.returncode == 2
    assert "Traceback" not in run.stderr
    assert run.stderr.startswith("ctannot: error: ")
    assert "needs --texts" in run.stderr
    assert run.stdout == ""


def test_cli_scores_guidelines_gold_as_json(tmp_path: Path) -> None:
    write_gold(tmp_path / "gold")
    pred = write_predictions(tmp_path / "pred", annotated_document())
    run = evaluate_cli(tmp_path / "gold", pred, "--texts", write_texts(tmp_path / "texts"), "--json")
    assert run.returncode == 0, run.stderr
    result = json.loads(run.stdout)
    # Forum and Threat exact; the statement's gold stops before the prediction's last word: relaxed
    assert result["micro_F1"] == 1.0
    assert result["micro_strict_F1"] == pytest.approx(2 / 3)
    assert (result["speaker_accuracy"], result["speakers_matched"]) == (1.0, 1)
    actor = result["types"]["Actor"]
    assert (actor["gold"], actor["pred"], actor["relaxed"]) == (1, 1, 0)
    assert result["missing_predictions"] == []


def test_cli_table(tmp_path: Path) -> None:
    write_gold(tmp_path / "gold")
    pred = write_predictions(tmp_path / "pred", annotated_document())
    run = evaluate_cli(tmp_path / "gold", pred, "--texts", write_texts(tmp_path / "texts"))
    assert run.returncode == 0, run.stderr
    assert "micro F1 (Initiative, Forum, Threat, Statement): relaxed 1.000, strict 0.667" in run.stdout
    assert "speaker accuracy 1.00 on 1 matched statements" in run.stdout


def test_cli_gold_as_json_ld(tmp_path: Path) -> None:
    doc = annotated_document()
    gold = write_predictions(tmp_path / "gold", doc)
    # the prediction misses the Threat
    mentions = doc.layer("mentions")
    kept = [a for a in mentions if not isinstance(a, Threat)]
    partial = doc.without_layers().with_layer(type(mentions)("mentions", mentions.producer, kept))
    pred = write_predictions(tmp_path / "pred", partial)
    run = evaluate_cli(gold, pred, "--json")
    assert run.returncode == 0, run.stderr
    result = json.loads(run.stdout)
    assert result["types"]["Threat"]["R"] == 0.0
    assert result["types"]["Forum"]["F1"] == result["types"]["Statement"]["strict_F1"] == 1.0
    # 2 of 3 gold found, 2 of 2 predictions right
    assert result["micro_F1"] == pytest.approx(0.8)
    assert (result["speaker_accuracy"], result["speakers_matched"]) == (1.0, 1)


def test_cli_missing_folder(tmp_path: Path) -> None:
    pred = write_predictions(tmp_path / "pred", annotated_document())
    run = evaluate_cli(tmp_path / "no-gold", pred)
    assert run.returncode == 2
    assert "Traceback" not in run.stderr
    assert f"{tmp_path / 'no-gold'}: no such file or folder" in run.stderr


def test_the_rule_report_counts_every_origin_against_a_gold_set(tmp_path: Path) -> None:
    """``tools/rule_report.py``, which docs/evaluation.md points to, runs on the samples' gold and
    counts the names module's origins as well as the packs'."""
    repo = Path(__file__).resolve().parents[1]
    gold = tmp_path / "gold"
    gold.mkdir()
    for path in (repo / "corpus_samples" / "gold").glob("fr_*.json"):
        (gold / path.name).write_bytes(path.read_bytes())
    report = [sys.executable, str(repo / "tools" / "rule_report.py"), str(gold), str(repo / "corpus_samples")]
    done = subprocess.run([*report, "--lang", "fr"], capture_output=True, text=True, check=True, timeout=120)
    lines = done.stdout.splitlines()
    assert lines[0].split() == ["type", "/", "origin", "right", "wrong", "precision"]
    assert any("names/" in line for line in lines)
    totals = json.loads(lines[-1])
    assert totals["right"] > 4 * totals["wrong"]  # the rules were written on these: precision above 0.8
