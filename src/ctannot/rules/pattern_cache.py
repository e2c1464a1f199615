"""Regular expressions compiled once per machine, not once per run.

The ``regex`` module parses and compiles a pattern in Python. ctannot's rule packs and
extractors hold some hundred and twenty patterns, a few of them gazetteers folded into tries
of tens of kilobytes, and compiling them took about 0.45 s of every run's start: more than
annotating a news article. What a pattern compiles into (the program that ``regex``'s C core
runs) depends only on the pattern, its flags and the version of ``regex``, so
:func:`compile_pattern` keeps it in a cache file, ``regex-<version>.json`` in
``$CTANNOT_CACHE_DIR`` (else ``$XDG_CACHE_HOME/ctannot``, else ``~/.cache/ctannot``), and hands it
back to the C core on the next run, in a few milliseconds for all of them.

The program is taken from ``regex``'s own compiler, at its last step; this reaches into the
module's internals (``regex._main``), so anything unexpected (another version of ``regex``
without them, an unreadable cache, an entry of the wrong shape) falls back to
``regex.compile``, and a cache that cannot be written is not written. A compiled pattern is the
same either way: ``tests/test_pattern_cache.py`` checks that every pattern ctannot uses finds
the same matches, groups and all, from the cache and from ``regex.compile``.
"""

from __future__ import annotations

import atexit
import contextlib
import hashlib
import threading
from pathlib import Path
from typing import Any

import regex

from ctannot.rules.kept import cache_folder, read_json, write_json

__all__ = ["cache_file", "compile_pattern"]

_lock = threading.Lock()
_programs: dict[str, list[Any]] | None = None
"""The cache file's programs by key, read on first use."""
_new: dict[str, list[Any]] = {}
"""Programs compiled by this process and not in the file: written at exit."""
MOST_PROGRAMS = 2000
"""The cache keeps the newest this many programs: a rule author trying pattern after pattern
does not make it grow without end (ctannot's own are some 120)."""


def cache_file() -> Path:
    """Where the programs of this version of ``regex`` are kept."""
    return cache_folder() / f"regex-{regex.__version__}.json"


def compile_pattern(pattern: str, flags: int = 0) -> Any:
    """``regex.compile(pattern, flags)``, from the cache when it holds the pattern's program."""
    key = hashlib.sha256(f"{flags}\0{pattern}".encode()).hexdigest()
    entry = _loaded().get(key)
    if entry is not None:
        try:
            return _core().compile(*_arguments(pattern, flags, entry))
        except Exception:
            pass
    compiled, entry = _compiled_with_program(pattern, flags)
    if entry is not None:
        with _lock:
            if not _new:
                atexit.register(_save)
            _new[key] = entry
    return compiled


def _loaded() -> dict[str, list[Any]]:
    global _programs
    if _programs is None:
        _programs = read_json(cache_file())
    return _programs


def _core() -> Any:
    return regex._main._regex


class _Capture:
    """Stands for ``regex``'s C core while one pattern compiles: keeps what it was given."""

    def __init__(self, core: Any) -> None:
        self.core = core
        self.arguments: tuple[Any, ...] | None = None

    def __getattr__(self, name: str) -> Any:
        return getattr(self.core, name)

    def compile(self, *arguments: Any) -> Any:
        self.arguments = arguments
        return self.core.compile(*arguments)


def _compiled_with_program(pattern: str, flags: int) -> tuple[Any, list[Any] | None]:
    """The compiled pattern, and the program to keep (``None`` when it cannot be had)."""
    main = getattr(regex, "_main", None)
    if main is None or not hasattr(main, "_compile") or not hasattr(main, "_regex"):
        return regex.compile(pattern, flags), None
    with _lock:  # the core is swapped for the module, for the time of one compilation
        capture = _Capture(main._regex)
        main._regex = capture
        try:
            compiled = main._compile(pattern, flags, False, {}, False)
        finally:
            main._regex = capture.core
    arguments = capture.arguments
    try:
        entry = _entry(pattern, flags, arguments)
    except (TypeError, ValueError):
        entry = None
    return compiled, entry


def _entry(pattern: str, flags: int, arguments: tuple[Any, ...] | None) -> list[Any] | None:
    """The program in the core's arguments, as JSON can hold it; ``None`` for what is not one
    program of this pattern (named lists, or a compilation of another thread's)."""
    if arguments is None or len(arguments) != 11 or arguments[0] != pattern:
        return None
    _, pattern_flags, code, group_index, index_group, named_lists, list_indexes, *required = arguments
    if named_lists or list_indexes:
        return None
    req_offset, req_chars, req_flags, group_count = required
    return [
        pattern,
        int(pattern_flags),
        [int(c) for c in code],
        [[str(k), int(v)] for k, v in group_index.items()],
        [[int(k), str(v)] for k, v in index_group.items()],
        int(req_offset),
        [int(c) for c in req_chars],
        int(req_flags),
        int(group_count),
    ]


def _arguments(pattern: str, flags: int, entry: list[Any]) -> tuple[Any, ...]:
    """The core's arguments from a cache entry, checked for shape."""
    kept, pattern_flags, code, group_index, index_group, req_offset, req_chars, req_flags, group_count = entry
    if kept != pattern:  # another pattern with the same digest: never seen, but never wrong either
        raise ValueError("not this pattern's program")
    if not all(isinstance(c, int) for c in code) or not all(isinstance(c, int) for c in req_chars):
        raise ValueError("not a program")
    return (
        pattern,
        int(pattern_flags),
        code,
        {str(k): int(v) for k, v in group_index},
        {int(k): str(v) for k, v in index_group},
        {},
        [],
        int(req_offset),
        tuple(req_chars),
        int(req_flags),
        int(group_count),
    )


def _save() -> None:
    """Add this process's new programs to the cache file, replacing it whole (another process
    may write it too: the last one keeps what both compiled, or one of the two)."""
    path = cache_file()
    with _lock:
        new = dict(_new)
    if not new:
        return
    with contextlib.suppress(OSError):
        kept = {key: entry for key, entry in read_json(path).items() if key not in new}
        write_json(path, dict(list({**kept, **new}.items())[-MOST_PROGRAMS:]))  # the newest last
