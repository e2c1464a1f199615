"""ctannot: counter-terrorism news as structured, linked annotations.

>>> import ctannot
>>> pipeline = ctannot.load_pipeline("rules")
>>> doc = pipeline.annotate(ctannot.Document("d1", "Le GCTF s'est réuni à Rabat.", "fr")).document
>>> [(a.type_name, a.text) for a in doc.annotations()]
[('Forum', 'GCTF')]
"""

__version__ = "0.1.0"

from .annotations import Actor, Forum, Initiative, Participants, Statement, Threat
from .api import load_pipeline, load_registry
from .extractor import Extractor, Problem, Report
from .formats import Exporter, FormatError, Importer
from .hookspecs import hookimpl
from .model import (
    Annotation,
    AnnotationError,
    Document,
    Layer,
    LayerBuilder,
    Provenance,
    ref_field,
    refs_field,
)
from .pipeline import ExtractionError, Pipeline, PipelineError, Result
from .rules import RuleExtractor, RuleFileError
from .web_annotation import Vocabulary

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
    "hookimpl",
    "load_pipeline",
    "load_registry",
    "ref_field",
    "refs_field",
]
