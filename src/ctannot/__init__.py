"""ctannot: counter-terrorism news as structured, linked annotations.

>>> import ctannot
>>> doc = ctannot.annotate("Le GCTF s'est réuni à Rabat.", lang="fr")
>>> [(a.type_name, a.text) for a in doc.annotations()]
[('Forum', 'GCTF')]
"""

from ctannot.annotations import Actor, Forum, Initiative, Participants, Statement, Threat
from ctannot.api import annotate, load_pipeline, load_registry, read
from ctannot.extractor import Extractor, Problem, Report
from ctannot.extractors.rule_extractor import RuleExtractor
from ctannot.formats import Exporter, FormatError, Importer
from ctannot.hookspecs import hookimpl
from ctannot.model import (
    Annotation,
    AnnotationError,
    Document,
    Layer,
    LayerBuilder,
    Provenance,
    ref_field,
    refs_field,
)
from ctannot.pipeline import ExtractionError, Pipeline, PipelineError, Result
from ctannot.rules import RuleFileError
from ctannot.version import __version__
from ctannot.views import render as _render  # noqa: F401  (a notebook draws documents with it)
from ctannot.vocabulary import Vocabulary

__all__ = [
    "Actor",
    "Annotation",
    "AnnotationError",
    "Document",
    "Exporter",
    "ExtractionError",
    "Extractor",
    "FormatError",
    "Forum",
    "Importer",
    "Initiative",
    "Layer",
    "LayerBuilder",
    "Participants",
    "Pipeline",
    "PipelineError",
    "Problem",
    "Provenance",
    "Report",
    "Result",
    "RuleExtractor",
    "RuleFileError",
    "Statement",
    "Threat",
    "Vocabulary",
    "__version__",
    "annotate",
    "hookimpl",
    "load_pipeline",
    "load_registry",
    "read",
    "ref_field",
    "refs_field",
]
