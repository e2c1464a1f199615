"""What an extractor is: a named, versioned maker of layers, with declared inputs and outputs."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Protocol

import attrs

from ctannot.model import Annotation, Document, Layer, Provenance

if TYPE_CHECKING:
    from ctannot.rules.files import RulePack

__all__ = ["Extractor", "Problem", "Registered", "Report"]


@attrs.frozen
class Problem:
    """Something an extractor could not do on a document, without failing the document."""

    extractor: str
    message: str
    rule: str | None = None

    def __str__(self) -> str:
        where = f" (rule {self.rule!r})" if self.rule else ""
        return f"{self.extractor}{where}: {self.message}"


Report = Callable[[Problem], None]
"""Extractors call ``report(Problem(...))`` for a problem that leaves the rest of the layer valid."""


class Registered(Protocol):
    """What :meth:`Extractor.setup` may read of everything the plugins registered.

    The :class:`ctannot.registry.Registry` is what is passed; extractors sit below it and see it
    through this view, so that they never import the machinery that loads them.
    """

    @property
    def types(self) -> Mapping[str, type[Annotation]]:
        """The annotation types, by name."""
        ...

    @property
    def rule_packs(self) -> Sequence[RulePack]:
        """The registered rule packs, parsed."""
        ...


class Extractor:
    """Base class of extractors: subclass it, set the class attributes, implement :meth:`extract`.

    ``requires`` and ``produces`` are layer names. ``languages`` limits the extractor to
    documents in those languages (``None``: any language). :meth:`setup` runs once per process,
    before the first document, with the registry of everything the plugins registered. An
    extractor that works faster on many documents at once (an NLP backend's bulk parse) also
    overrides :meth:`extract_batch`.
    """

    name: str = ""
    version: str = "0"
    requires: Sequence[str] = ()
    uses: Sequence[str] = ()
    """Layers read when they are there (after their producer, if chosen), not required."""
    produces: Sequence[str] = ()
    languages: Sequence[str] | None = None
    description: str = ""

    @property
    def provenance(self) -> Provenance:
        return Provenance(self.name, self.version)

    def setup(self, registry: Registered) -> None:
        """Load what the extractor needs (rule packs, models). Called once before extracting."""

    def extract(self, document: Document, report: Report) -> Iterable[Layer]:
        """Return the layers named in ``produces``, built on ``document`` (see ``new_layer``)."""
        raise NotImplementedError(f"extractor {self.name!r} does not implement extract()")

    def extract_batch(self, documents: Sequence[Document], reports: Sequence[Report]) -> list[list[Layer]]:
        """The layers of each document, in order; ``reports[i]`` records the problems of ``documents[i]``.

        The pipeline calls this once per batch. The default calls :meth:`extract` on each
        document; override it to process the batch in one go. If it raises, the pipeline calls
        it again on each document alone, so that only the faulty document fails.
        """
        return [list(self.extract(doc, report)) for doc, report in zip(documents, reports, strict=True)]

    def applies_to(self, document: Document) -> bool:
        return self.languages is None or document.lang in self.languages

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name} {self.version}>"
