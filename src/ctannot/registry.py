"""Everything the plugins registered, gathered from their hooks into one place."""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pluggy

from ctannot.extractor import Extractor
from ctannot.formats import Exporter, FormatError, Importer
from ctannot.model import Annotation
from ctannot.nlp import NLPBackend

if TYPE_CHECKING:
    from ctannot.rules.files import RulePack

__all__ = ["RegistrationError", "Registry"]


class RegistrationError(ValueError):
    """A plugin registered something invalid (a name twice in one plugin, a wrong object...)."""


class Registry:
    """Annotation types, extractors, pipelines, rule packs and formats, by name.

    Pluggy calls the plugin registered last first, so when two plugins register the same name
    the later plugin (a third party over a built-in) wins; the loser is kept in ``overridden``.
    """

    def __init__(self) -> None:
        self.types: dict[str, type[Annotation]] = {}
        self.extractors: dict[str, Extractor] = {}
        self.pipelines: dict[str, tuple[str, ...]] = {}
        self.rule_pack_paths: list[Path] = []
        self.exporters: dict[str, Exporter] = {}
        self.importers: dict[str, Importer] = {}
        self.backends: dict[str, NLPBackend] = {}
        self.overridden: list[str] = []
        self.extractor_plugins: dict[str, str] = {}
        """Extractor name -> the name of the plugin that registered it (messages name it)."""
        self._plugin: str | None = None

    @classmethod
    def collect(cls, pm: pluggy.PluginManager, only: object | None = None) -> Registry:
        """Call every registration hook (of the plugin ``only``, if given) and gather the results."""
        registry = cls()
        for hook_name, register in registry._registrars().items():
            # Each implementation called in turn, in pluggy's order, so that what is registered
            # is known by the plugin that registered it.
            for impl in reversed(getattr(pm.hook, hook_name).get_hookimpls()):
                if only is None or impl.plugin is only:
                    registry._plugin = impl.plugin_name
                    impl.function(register=register)
        registry._plugin = None
        registry._check_vocabularies()
        return registry

    def _check_vocabularies(self) -> None:
        """Refuse, when the plugins load, types whose JSON-LD terms clash (two namespaces for
        one prefix, a prefix that is already a term), rather than at the first export."""
        from ctannot.formats.web_annotation import context_for

        try:
            context_for(self.types)
        except ValueError as exc:
            raise RegistrationError(f"register_annotation_types: {exc}") from None

    def _registrars(self) -> dict[str, Callable[..., None]]:
        return {
            "register_annotation_types": self._add_type,
            "register_extractors": self._add_extractor,
            "register_pipelines": self._add_pipeline,
            "register_rule_packs": self._add_rule_pack,
            "register_exporters": self._add_exporter,
            "register_importers": self._add_importer,
            "register_nlp_backends": self._add_backend,
        }

    def _keep(self, table: dict[str, Any], kind: str, name: str, value: Any) -> None:
        if not name:
            raise RegistrationError(f"a {kind} was registered without a name: {value!r}")
        if name in table:
            self.overridden.append(f"{kind} {name}")
        else:
            table[name] = value

    def _add_type(self, cls: type[Annotation]) -> None:
        if not (isinstance(cls, type) and issubclass(cls, Annotation)):
            raise RegistrationError(f"register_annotation_types: {cls!r} is not an Annotation subclass")
        self._keep(self.types, "annotation type", cls.type_name, cls)

    def _add_extractor(self, extractor: Extractor) -> None:
        if not isinstance(extractor, Extractor):
            raise RegistrationError(
                f"register_extractors: {extractor!r} is not an instance of ctannot.Extractor"
            )
        self._keep(self.extractors, "extractor", extractor.name, extractor)
        self.extractor_plugins.setdefault(extractor.name, self._plugin or "?")

    def _add_pipeline(self, name: str, extractor_names: tuple[str, ...]) -> None:
        self._keep(self.pipelines, "pipeline", name, tuple(extractor_names))

    def _add_rule_pack(self, path: Path) -> None:
        self.rule_pack_paths.append(Path(path))

    def _add_exporter(self, exporter: Exporter) -> None:
        self._keep(self.exporters, "exporter", exporter.name, exporter)

    def _add_importer(self, importer: Importer) -> None:
        self._keep(self.importers, "importer", importer.name, importer)

    def _add_backend(self, backend: NLPBackend) -> None:
        from ctannot.nlp import LinguisticExtractor

        if not isinstance(backend, NLPBackend):
            raise RegistrationError(f"register_nlp_backends: {backend!r} is not a ctannot.nlp.NLPBackend")
        self._keep(self.backends, "NLP backend", backend.name, backend)
        self._keep(self.extractors, "extractor", f"nlp.{backend.name}", LinguisticExtractor(backend))
        self.extractor_plugins.setdefault(f"nlp.{backend.name}", self._plugin or "?")

    @cached_property
    def rule_packs(self) -> tuple[RulePack, ...]:
        """The registered rule packs, parsed and checked (a ``RuleFileError`` names a bad file)."""
        from ctannot.rules.files import load_rule_pack

        return tuple(load_rule_pack(path, self.types) for path in self.rule_pack_paths)

    def importer_for(self, path: Path) -> Importer | None:
        """The importer that reads ``path`` (by the end of its name), or None."""
        for importer in self.importers.values():
            if any(path.name.endswith(suffix) for suffix in importer.suffixes):
                return importer
        return None

    def importer_of(self, path: Path) -> Importer:
        """The importer that reads ``path``; :class:`FormatError`, naming the kinds of file there
        are importers for, if none does."""
        importer = self.importer_for(path)
        if importer is None:
            kinds = ", ".join(self.importable_suffixes())
            raise FormatError(f"{path}: no importer for this kind of file (ctannot reads {kinds})")
        return importer

    def importable_suffixes(self) -> list[str]:
        """The endings of the file names that importers read (``.ann``, ``.jsonld``...), sorted."""
        return sorted({suffix for importer in self.importers.values() for suffix in importer.suffixes})

    def summary(self) -> dict[str, list[str]]:
        """Names of what was registered, by kind, leaving out empty kinds."""
        kinds = {
            "annotation_types": sorted(self.types),
            "extractors": sorted(self.extractors),
            "pipelines": sorted(self.pipelines),
            "rule_packs": [f"{p.parent.name}/{p.name}" for p in self.rule_pack_paths],
            "exporters": sorted(self.exporters),
            "importers": sorted(self.importers),
            "nlp_backends": sorted(self.backends),
        }
        return {kind: names for kind, names in kinds.items() if names}
