"""The lock of an output folder: one annotation run at a time writes into it.

``OUT_DIR/.ctannot.lock`` is made with ``O_CREAT|O_EXCL|O_NOFOLLOW`` and holds the holder's pid,
host and start time. A second run into the same folder stops at once, naming the file and its
holder. A lock left by a run that died without removing it (``kill -9``, a power cut) is stale
when it names this host and a pid that is not alive, or alive but started after the lock was
made (the pid reused, where the system tells when a process started): it is taken over, with a
warning. A lock of another host is never judged: its pid means nothing here.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import socket
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from ctannot.formats.writing import NotRegularFile, create_new, open_regular

__all__ = ["LOCK_FILE", "OutputLocked", "output_lock"]

LOCK_FILE = ".ctannot.lock"


class OutputLocked(RuntimeError):
    """Another run holds the output folder (or its lock file cannot be made sense of)."""


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive
        return True
    return True


def _process_start(pid: int) -> float | None:
    """When process ``pid`` started, in seconds since the epoch, where the system tells (Linux's
    /proc); ``None`` elsewhere, or when it is gone."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
        boot = next(
            int(line.split()[1])
            for line in Path("/proc/stat").read_text(encoding="ascii").splitlines()
            if line.startswith("btime ")
        )
        ticks = int(stat.rsplit(")", 1)[1].split()[19])  # field 22, counted after the name
        return boot + ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError, StopIteration):
        return None


def _holder(path: Path) -> dict[str, Any] | None:
    """The lock's record, or ``None`` when it is gone; :class:`OutputLocked` when it is not a
    lock file ctannot made."""
    try:
        with open_regular(path) as handle:
            data = handle.read(4096)
    except FileNotFoundError:
        return None
    except NotRegularFile:
        raise OutputLocked(f"{path}: a symlink or special file, not a lock file; remove it") from None
    try:
        record = json.loads(data)
    except ValueError:
        record = None
    if not isinstance(record, dict) or not isinstance(record.get("pid"), int):
        # a lock being written this very moment reads empty: it is held
        return {"pid": None, "host": None, "started": None}
    return record


def _describe(record: dict[str, Any]) -> str:
    if record.get("pid") is None:
        return "held (its holder is not recorded)"
    started = record.get("started")
    since = f", since {started}" if isinstance(started, str) else ""
    return f"held by pid {record['pid']} on host {record.get('host')}{since}"


def _take(path: Path) -> bool:
    """Make the lock file; ``False`` when the name is taken."""
    record = {
        "pid": os.getpid(),
        "host": socket.gethostname(),
        "started": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "process_start": _process_start(os.getpid()),
    }
    try:
        handle = create_new(path, 0o644)
    except FileExistsError:
        return False
    with handle:
        handle.write(json.dumps(record).encode("utf-8") + b"\n")
    return True


def _stale(record: dict[str, Any]) -> str | None:
    """Why the lock ``record`` is stale (its holder on this host is gone, or its pid is now
    another process's); ``None`` when it may be held."""
    pid = record.get("pid")
    if not isinstance(pid, int) or record.get("host") != socket.gethostname():
        return None
    if not _alive(pid):
        return f"pid {pid} on this host is gone"
    recorded, now = record.get("process_start"), _process_start(pid)
    if isinstance(recorded, (int, float)) and now is not None and abs(now - recorded) > 1:
        return f"pid {pid} on this host is now another process, started after the lock"
    return None


def _take_over(path: Path, record: dict[str, Any]) -> bool:
    """Remove the stale lock ``record`` was read from, if it is still that one: it is moved
    aside under a name of our own first, so that of two runs taking it over, one only removes
    it (the other finds it gone, or finds the first one's live lock and puts it back)."""
    aside = path.with_name(f"{path.name}.{secrets.token_hex(8)}")
    try:
        os.rename(path, aside)
    except FileNotFoundError:
        return True  # taken over, or released, by another run: try again to take it
    moved = _holder(aside)
    if moved == record:
        os.unlink(aside)
        return True
    with contextlib.suppress(OSError):  # a live lock moved by mistake: back to its name
        os.link(aside, path)
    os.unlink(aside)
    return False


@contextlib.contextmanager
def output_lock(folder: Path, warn: Callable[[str], None] = lambda message: None) -> Iterator[Path]:
    """Hold ``folder``'s lock for the block, or raise :class:`OutputLocked` at once; a stale lock
    is taken over and ``warn`` told so. The lock is removed when the block ends, however."""
    path = folder / LOCK_FILE
    for _ in range(10):  # a lock that changes hands that often: give up
        if _take(path):
            break
        record = _holder(path)
        if record is None:
            continue  # released as we looked
        why = _stale(record)
        if why is None:
            raise OutputLocked(
                f"{folder} is in use by another run: its lock {path} is {_describe(record)}; wait for "
                "that run to end, or remove the file if you are sure it is gone"
            )
        if _take_over(path, record):
            warn(f"took over the stale lock {path}: {why}")
    else:
        raise OutputLocked(f"cannot take the lock {path}: it keeps changing hands")
    try:
        yield path
    finally:
        # removed only if still ours (a user may have removed it and another run taken it)
        with contextlib.suppress(OSError, OutputLocked):
            mine = _holder(path)
            if (
                mine is not None
                and mine.get("pid") == os.getpid()
                and mine.get("host") == socket.gethostname()
            ):
                os.unlink(path)
