"""The plugin manager: built-in plugins and installed entry points, through the same hooks.

Built-ins are ordinary plugin modules registered under dotted names (``ctannot.builtin.*``), so
they can never collide with a third party's entry-point name. Entry points of the ``ctannot``
group are loaded one at a time: a plugin that fails to import, or implements a hook that does not
exist (a misspelt name), is recorded in :attr:`PluginManager.failed`, reported by ``ctannot
plugins`` (and warned about by the other commands), and the others still load.
"""

from __future__ import annotations

import importlib
import importlib.metadata
from collections.abc import Iterable
from typing import Any

import pluggy

from ctannot import hookspecs
from ctannot.registry import Registry
from ctannot.version import __version__

__all__ = ["BUILTIN_PLUGINS", "ENTRY_POINT_GROUP", "get_plugin_manager", "plugin_info"]

ENTRY_POINT_GROUP = "ctannot"

BUILTIN_PLUGINS: tuple[str, ...] = (
    "ctannot.builtin.types",
    "ctannot.builtin.rules",
    "ctannot.builtin.formats",
)


class PluginManager(pluggy.PluginManager):
    """A pluggy manager that also remembers which entry points failed to load, and why."""

    def __init__(self) -> None:
        super().__init__("ctannot")
        self.failed: dict[str, str] = {}
        self.distributions: dict[str, tuple[str, str]] = {}
        """Entry-point plugin name -> (distribution name, version)."""


def get_plugin_manager(
    *, load_entrypoints: bool = True, blocked: Iterable[str] = (), plugins: Iterable[object] = ()
) -> PluginManager:
    """A fresh plugin manager with the built-ins, the installed plugins and ``plugins`` registered.

    ``blocked`` names plugins (entry-point or built-in module names) not to load. Tests pass
    their own plugin objects in ``plugins`` rather than touching global state.
    """
    pm = PluginManager()
    pm.add_hookspecs(hookspecs)
    for name in blocked:
        pm.set_blocked(name)
    for module_name in BUILTIN_PLUGINS:
        if not pm.is_blocked(module_name):
            pm.register(importlib.import_module(module_name), name=module_name)
    if load_entrypoints:
        for ep in importlib.metadata.entry_points(group=ENTRY_POINT_GROUP):
            if pm.is_blocked(ep.name) or pm.has_plugin(ep.name):
                continue
            try:
                pm.register(ep.load(), name=ep.name)
                _check(pm, ep.name)
            except Exception as exc:  # a broken third-party plugin must not take the host down
                pm.failed[ep.name] = f"{type(exc).__name__}: {exc}"
            else:
                if ep.dist is not None:
                    pm.distributions[ep.name] = (ep.dist.name, ep.dist.version)
    for plugin in plugins:
        pm.register(plugin)
    pm.check_pending()
    return pm


def _check(pm: PluginManager, name: str) -> None:
    """Refuse the plugin just registered as ``name`` if it implements a hook that does not exist
    (a misspelt name); unregistered again, it cannot stop the others from loading."""
    try:
        pm.check_pending()  # the plugins before it passed: only this one can fail
    except pluggy.PluginValidationError:
        pm.unregister(name=name)
        raise


def plugin_info(pm: PluginManager) -> list[dict[str, Any]]:
    """What ``ctannot plugins`` prints: each plugin's name, version, hooks and contributions."""
    rows: list[dict[str, Any]] = []
    for name, plugin in pm.list_name_plugin():
        if plugin is None:
            continue
        package, version = pm.distributions.get(name, ("ctannot", _own_version()))
        rows.append(
            {
                "name": name,
                "builtin": name in BUILTIN_PLUGINS,
                "package": package,
                "version": version,
                "hooks": sorted(h.name for h in (pm.get_hookcallers(plugin) or ())),
                "provides": Registry.collect(pm, only=plugin).summary(),
            }
        )
    for name, error in sorted(pm.failed.items()):
        rows.append({"name": name, "error": error})
    return rows


def _own_version() -> str:
    return __version__
