"""Values ctannot derives from its own data, kept between runs in the cache folder.

Some work at start-up gives the same result every run for the same input: parsing a rule pack's
TOML, folding a gazetteer into a prefix-tree pattern, compiling a pattern (see
:mod:`ctannot.rules.pattern_cache`). A :class:`Kept` file maps a digest of the input to the
result, as JSON, in ``$CTANNOT_CACHE_DIR`` (else ``$XDG_CACHE_HOME/ctannot``, else
``~/.cache/ctannot``). It is read on first use; the values a process adds are written at its
exit, the file replaced whole. A file that is absent, damaged or cannot be written changes only
the time taken: the value is computed again.
"""

from __future__ import annotations

import atexit
import contextlib
import hashlib
import json
import os
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

__all__ = ["Kept", "cache_folder", "digest", "read_json", "write_json"]


def cache_folder() -> Path:
    """The folder where ctannot keeps what it derives between runs."""
    folder = os.environ.get("CTANNOT_CACHE_DIR") or Path(
        os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache", "ctannot"
    )
    return Path(folder)


def digest(*parts: str) -> str:
    """A key for the input made of ``parts``."""
    return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


def read_json(path: Path) -> dict[str, Any]:
    """The JSON object in ``path``; empty if it is absent, unreadable or not an object."""
    try:
        data = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def write_json(path: Path, data: dict[str, Any]) -> None:
    """Replace ``path`` with ``data`` whole: written aside, then renamed over it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(data, handle, separators=(",", ":"))
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


class Kept:
    """A cache file ``<name>.json`` of values by key, holding the newest ``most`` of them."""

    def __init__(self, name: str, most: int, folder: Path | None = None) -> None:
        self.name = name
        self.most = most
        self.folder = folder
        """Where the file is (the cache folder when None, as the environment says at each use)."""
        self._values: dict[str, Any] | None = None
        self._new: dict[str, Any] = {}
        self._lock = threading.Lock()

    def path(self) -> Path:
        return (self.folder or cache_folder()) / f"{self.name}.json"

    def get(self, key: str, compute: Callable[[], Any], valid: Callable[[Any], bool]) -> Any:
        """The value kept for ``key`` if ``valid`` says it is one, else ``compute()``, kept."""
        if self._values is None:
            self._values = read_json(self.path())
        value = self._values.get(key)
        if value is not None and valid(value):
            return value
        value = compute()
        try:
            json.dumps(value)
        except (TypeError, ValueError):
            return value  # nothing JSON cannot hold is kept
        with self._lock:
            if not self._new:
                atexit.register(self.save)
            self._new[key] = value
        return value

    def save(self) -> None:
        """Add this process's new values to the file (another process may write it too: the
        last one keeps what both added, or one of the two)."""
        with self._lock:
            new = dict(self._new)
        if not new:
            return
        path = self.path()
        with contextlib.suppress(OSError):
            kept = {key: value for key, value in read_json(path).items() if key not in new}
            write_json(path, dict(list({**kept, **new}.items())[-self.most :]))  # the newest last
