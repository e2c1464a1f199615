"""Pipelines: ordering extractors, building from the registry, failures, and the built-in rules."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ctannot
from ctannot import (
    Actor,
    Document,
    ExtractionError,
    Extractor,
    Forum,
    Layer,
    Pipeline,
    PipelineError,
    Problem,
    Statement,
    Threat,
    hookimpl,
)
from ctannot.extractor import Report
from ctannot.formats import web_annotation
from ctannot.pipeline import order_extractors
from ctannot.registry import Registry
from strategies import texts


class LayerMaker(Extractor):
    """A small real extractor: one empty layer per produced name, or what ``make`` returns."""

    def __init__(
        self,
        name: str,
        requires: Sequence[str] = (),
        produces: Sequence[str] = (),
        languages: Sequence[str] | None = None,
        make: Callable[[Document, Report], Iterable[Layer]] | None = None,
    ) -> None:
        self.name = name
        self.version = "1.0"
        self.requires = tuple(requires)
        self.produces = tuple(produces)
        self.languages = languages
        self.make = make

    def extract(self, document: Document, report: Report) -> Iterable[Layer]:
        if self.make is not None:
            return self.make(document, report)
        return [document.new_layer(name, self.provenance).build() for name in self.produces]


def names(extractors: Iterable[Extractor]) -> list[str]:
    return [ex.name for ex in extractors]


# -- ordering --------------------------------------------------------------------------------------

DIAMOND = [
    LayerMaker("tokens", produces=["tokens"]),
    LayerMaker("mentions", requires=["tokens"], produces=["mentions"]),
    LayerMaker("quotes", requires=["tokens"], produces=["quotes"]),
    LayerMaker("statements", requires=["mentions", "quotes"], produces=["statements"]),
    LayerMaker("dates", produces=["dates"]),
    LayerMaker("links", requires=["statements", "dates"], produces=["links"]),
]


@settings(max_examples=100)
@given(st.permutations(DIAMOND))
def test_order_follows_requirements_whatever_the_given_order(given_order: list[Extractor]) -> None:
    ordered = order_extractors(given_order)
    assert sorted(names(ordered)) == sorted(names(DIAMOND))
    position = {ex.name: i for i, ex in enumerate(ordered)}
    producer = {layer: ex.name for ex in DIAMOND for layer in ex.produces}
    for ex in ordered:
        for layer in ex.requires:
            assert position[producer[layer]] < position[ex.name]
    # ties keep the given order: extractors ready at the same time stay as given
    for a, b in [("tokens", "dates"), ("mentions", "quotes")]:
        given_names = names(given_order)
        assert (position[a] < position[b]) == (given_names.index(a) < given_names.index(b))


def test_order_of_the_builtin_rules_pipeline(registry: Registry) -> None:
    reversed_ = [registry.extractors["rules.statements"], registry.extractors["rules.mentions"]]
    assert names(order_extractors(reversed_)) == ["rules.mentions", "rules.statements"]


def test_missing_layer_names_extractor_and_layer() -> None:
    with pytest.raises(PipelineError, match="'statements' requires layer 'quotes'"):
        order_extractors(
            [
                LayerMaker("mentions", produces=["mentions"]),
                LayerMaker("statements", requires=["mentions", "quotes"], produces=["statements"]),
            ]
        )


def test_cycle_is_reported() -> None:
    with pytest.raises(PipelineError, match="cycle") as exc:
        order_extractors(
            [
                LayerMaker("start", produces=["a"]),
                LayerMaker("x", requires=["a", "z"], produces=["x"]),
                LayerMaker("y", requires=["x"], produces=["y"]),
                LayerMaker("z", requires=["y"], produces=["z"]),
            ]
        )
    for name in ("x", "y", "z"):
        assert name in str(exc.value)


def test_two_producers_of_one_layer() -> None:
    with pytest.raises(PipelineError, match="'one' and 'two' both produce layer 'mentions'"):
        order_extractors(
            [LayerMaker("one", produces=["mentions"]), LayerMaker("two", produces=["x", "mentions"])]
        )


# -- from the registry -----------------------------------------------------------------------------


def test_unknown_pipeline_lists_the_known_ones(registry: Registry) -> None:
    with pytest.raises(PipelineError, match="no pipeline named 'fast'") as exc:
        Pipeline.from_registry(registry, "fast")
    assert "known pipelines: rules" in str(exc.value)


@pytest.mark.parametrize(("add", "skip"), [(["rules.weapons"], []), ([], ["rules.weapons"])])
def test_unknown_extractor_lists_the_known_ones(registry: Registry, add: list[str], skip: list[str]) -> None:
    with pytest.raises(PipelineError, match=re.escape("unknown extractor 'rules.weapons'")) as exc:
        Pipeline.from_registry(registry, "rules", add=add, skip=skip)
    assert "rules.mentions, rules.statements" in str(exc.value)


def test_skipping_a_required_extractor(registry: Registry) -> None:
    with pytest.raises(PipelineError, match=re.escape("'rules.statements' requires layer 'mentions'")):
        Pipeline.from_registry(registry, "rules", skip=["rules.mentions"])


def test_skipping_the_last_extractor(registry: Registry) -> None:
    p = Pipeline.from_registry(registry, "rules", skip=["rules.statements"])
    assert names(p.extractors) == ["rules.mentions"]
    doc = p.annotate(Document("d", "Le GCTF condamne Daech.", "fr")).document
    assert doc.layer_names == ("mentions",)


def _plugin(*extractors: Extractor, pipeline: tuple[str, ...] = ()) -> SimpleNamespace:
    @hookimpl
    def register_extractors(register: Callable[[Extractor], None]) -> None:
        for ex in extractors:
            register(ex)

    @hookimpl
    def register_pipelines(register: Callable[[str, tuple[str, ...]], None]) -> None:
        if pipeline:
            register("custom", pipeline)

    return SimpleNamespace(register_extractors=register_extractors, register_pipelines=register_pipelines)


def test_pipeline_from_a_plugin_is_ordered() -> None:
    plugin = _plugin(
        LayerMaker("late", requires=["early"], produces=["late"]),
        LayerMaker("early", produces=["early"]),
        pipeline=("late", "early"),
    )
    registry = ctannot.load_registry(load_entrypoints=False, plugins=[plugin])
    p = Pipeline.from_registry(registry, "custom")
    assert names(p.extractors) == ["early", "late"]
    assert p.annotate(Document("d", "texte", "fr")).document.layer_names == ("early", "late")
    added = Pipeline.from_registry(registry, "rules", add=["early"])
    assert names(added.extractors) == ["rules.mentions", "early", "rules.statements"]


# -- failures while annotating ---------------------------------------------------------------------


def _run(*extractors: Extractor, doc: Document | None = None) -> ctannot.Result:
    registry = ctannot.load_registry(load_entrypoints=False)
    pipeline = Pipeline("test", order_extractors(extractors), registry)
    return pipeline.annotate(doc or Document("dépêche-42", "Daech a frappé.", "fr"))


def test_an_extractor_that_raises() -> None:
    def boom(document: Document, report: Report) -> Iterable[Layer]:
        raise ZeroDivisionError("division by zero in the classifier")

    with pytest.raises(ExtractionError) as exc:
        _run(
            LayerMaker("ok", produces=["a"]),
            LayerMaker("broken.one", requires=["a"], produces=["b"], make=boom),
        )
    message = str(exc.value)
    assert "'dépêche-42'" in message
    assert "'broken.one'" in message
    assert "ZeroDivisionError: division by zero in the classifier" in message
    assert (exc.value.document_id, exc.value.extractor) == ("dépêche-42", "broken.one")
    assert isinstance(exc.value.__cause__, ZeroDivisionError)


def test_an_extractor_returning_an_undeclared_layer() -> None:
    def wrong(document: Document, report: Report) -> Iterable[Layer]:
        return [document.new_layer("surprise", maker.provenance).build()]

    maker = LayerMaker("liar", produces=["declared"], make=wrong)
    with pytest.raises(ExtractionError, match=r"'liar'.*returned layers \['surprise'\].*'declared'"):
        _run(maker)


def test_an_extractor_returning_too_few_layers() -> None:
    maker = LayerMaker("lazy", produces=["a", "b"], make=lambda document, report: [])
    with pytest.raises(ExtractionError, match="'lazy'"):
        _run(maker)


def test_an_extractor_returning_an_invalid_layer() -> None:
    def dangling(document: Document, report: Report) -> Iterable[Layer]:
        b = document.new_layer("statements", maker.provenance)
        b.add(Statement, 0, 5, speaker="nobody")
        return [b.build()]

    maker = LayerMaker("speech", produces=["statements"], make=dangling)
    with pytest.raises(ExtractionError, match=r"'dépêche-42'.*'speech'.*'nobody'"):
        _run(maker)


def test_problems_are_collected_and_annotation_goes_on() -> None:
    def warn(document: Document, report: Report) -> Iterable[Layer]:
        report(Problem("warner", "gave up on one paragraph", rule="p1"))
        return [document.new_layer("w", maker.provenance).build()]

    maker = LayerMaker("warner", produces=["w"], make=warn)
    result = _run(maker, LayerMaker("after", requires=["w"], produces=["x"]))
    assert result.problems == (Problem("warner", "gave up on one paragraph", rule="p1"),)
    assert result.document.layer_names == ("w", "x")


def test_language_limited_extractors_and_their_dependents_are_skipped() -> None:
    english = LayerMaker("english", produces=["en"], languages=["en"])
    dependent = LayerMaker("dependent", requires=["en"], produces=["dep"])
    anywhere = LayerMaker("anywhere", produces=["any"])
    fr = _run(english, dependent, anywhere, doc=Document("d", "texte", "fr"))
    assert fr.document.layer_names == ("any",)
    en = _run(english, dependent, anywhere, doc=Document("d", "text", "en"))
    assert sorted(en.document.layer_names) == ["any", "dep", "en"]


# -- batches --------------------------------------------------------------------------------------


def test_a_faulty_document_fails_alone_in_its_batch(registry: Registry) -> None:
    def picky(document: Document, report: Report) -> Iterable[Layer]:
        report(Problem("picky", f"looked at {document.id}"))
        if "boom" in document.text:
            raise ZeroDivisionError("boom")
        return [document.new_layer("a", maker.provenance).build()]

    maker = LayerMaker("picky", produces=["a"], make=picky)
    after = LayerMaker("after", requires=["a"], produces=["b"])
    pipeline = Pipeline("test", order_extractors([maker, after]), registry)
    batch = [Document("d1", "un", "fr"), Document("d2", "boom", "fr"), Document("d3", "three", "en")]
    first, failed, third = pipeline.annotate_batch(batch)
    assert isinstance(failed, ExtractionError)
    assert (failed.document_id, failed.extractor) == ("d2", "picky")
    assert "document 'd2': extractor 'picky' failed: ZeroDivisionError: boom" in str(failed)
    assert isinstance(failed.__cause__, ZeroDivisionError)
    for outcome, document in [(first, batch[0]), (third, batch[2])]:
        assert isinstance(outcome, ctannot.Result)
        assert outcome.document.id == document.id
        assert outcome.document.layer_names == ("a", "b")
        # the batch failed, then each document went alone: the problems of the failed try are dropped
        assert outcome.problems == (Problem("picky", f"looked at {document.id}"),)


def test_annotate_raises_what_a_batch_of_one_gives(registry: Registry) -> None:
    def boom(document: Document, report: Report) -> Iterable[Layer]:
        raise ZeroDivisionError("division by zero")

    pipeline = Pipeline("test", (LayerMaker("broken", produces=["a"], make=boom),), registry)
    document = Document("d", "texte", "fr")
    [outcome] = pipeline.annotate_batch([document])
    assert isinstance(outcome, ExtractionError)
    with pytest.raises(ExtractionError, match=re.escape(str(outcome))):
        pipeline.annotate(document)
    assert pipeline.annotate_batch([]) == []


# -- the built-in rules pipeline -------------------------------------------------------------------

FR = (
    "Réunion à Genève : le Forum mondial de lutte contre le terrorisme s'inquiète de Daech\n\n"
    "GENÈVE, 12 mars - Les représentants de trente États membres du Forum mondial de lutte contre "
    "le terrorisme se sont retrouvés jeudi à Genève pour évaluer la menace que fait encore peser "
    "Daech au Sahel.\n\n"
    "« Nous devons tarir les sources de financement des groupes armés », a déclaré Marie Lefèvre, "
    "coordinatrice de la réunion.\n"
)

EN = (
    "GCTF ministers meet in Madrid over ISIS threat\n\n"
    "MADRID, June 4 - Ministers of the Global Counterterrorism Forum gathered in Madrid on Tuesday "
    "to review the threat that the Islamic State still poses in the Sahel.\n\n"
    '"We must cut off the money that feeds these armed groups," said Daniel Okafor, who chaired '
    "the session.\n"
)

CASES = {
    "fr": (FR, "Daech", "Forum mondial de lutte contre le terrorisme", "Nous devons tarir", "Marie Lefèvre"),
    "en": (EN, "ISIS", "GCTF", "We must cut off", "Daniel Okafor"),
}


@pytest.mark.parametrize("lang", sorted(CASES))
def test_rules_pipeline_on_a_short_article(pipeline: Pipeline, lang: str) -> None:
    text, threat, forum, quote, speaker_name = CASES[lang]
    result = pipeline.annotate(Document(f"{lang}-1", text, lang))
    doc = result.document
    assert result.problems == ()
    assert doc.layer_names == ("mentions", "statements")
    assert {la.producer.name for la in doc.layers} == {"rules.mentions", "rules.statements"}

    threats = [a for a in doc.annotations(Threat) if a.text == threat]
    assert threats, f"no Threat {threat!r} in {list(doc.annotations())}"
    assert all(t.canonical == "ISIS" for t in threats)
    assert threats[0].start == text.index(threat)

    forums = [a for a in doc.annotations(Forum) if a.text == forum]
    assert forums, f"no Forum {forum!r} in {list(doc.annotations())}"
    assert forums[0].acronym == "GCTF"

    statements = [s for s in doc.annotations(Statement) if s.text.startswith(quote)]
    assert len(statements) == 1, list(doc.annotations(Statement))
    statement = statements[0]
    assert statement.mode == "direct"
    assert statement.speaker is not None
    speaker = doc.get(statement.speaker)
    assert isinstance(speaker, Actor)
    assert speaker.text == speaker_name
    assert doc.resolve(statement.speaker) is speaker
    assert speaker.start > statement.end


def test_annotating_twice_gives_the_same_document(pipeline: Pipeline) -> None:
    once = pipeline.annotate(Document("fr-1", FR, "fr")).document
    twice = pipeline.annotate(once).document
    assert twice == once


@settings(max_examples=150, deadline=None)
@given(texts, st.sampled_from(["fr", "en", None]))
def test_rules_pipeline_on_any_text(pipeline: Pipeline, text: str, lang: str | None) -> None:
    doc = pipeline.annotate(Document("any", text, lang)).document
    assert doc.text == text
    for ann in doc.annotations():
        assert 0 <= ann.start < ann.end <= len(text)
        for _, targets, ref in ann.references():
            assert doc.get(ref).type_name in targets
    assert web_annotation.loads(web_annotation.dumps(doc)) == doc  # exported and read back whole
