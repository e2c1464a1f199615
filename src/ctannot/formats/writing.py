"""Writing files into a folder that others may write into too: what ctannot writes never goes
through a symlink or a special file planted under one of its names.

Every file is made new, with ``O_CREAT|O_EXCL|O_NOFOLLOW`` (``tempfile.mkstemp`` does), under an
unpredictable hidden name in the target folder, and then renamed to its name: a rename replaces
a symlink itself, never its target. A file that is appended to as a run goes (the failures, the
lines of a lines file) is also made that way, and kept open. Existing outputs are read back
(on ``--resume``) only when they are regular files, never through a symlink, and never by
opening a FIFO that would block.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO
from urllib.parse import quote

import regex

__all__ = [
    "NAME_MAX_BYTES",
    "NotRegularFile",
    "atomic_file",
    "create_new",
    "open_regular",
    "output_name",
    "temporary_file",
    "write_atomic",
]

_NO_FOLLOW = getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)

NAME_MAX_BYTES = 255
"""The longest file name, in bytes, that Linux and macOS file systems take (ext4, XFS, APFS...)."""

_TEMPORARY_EXTRA = len(".") + len(".") + 8 + len(".part")
"""What :func:`temporary_file` adds to a name: ``.NAME.XXXXXXXX.part``."""


class NotRegularFile(OSError):
    """A name ctannot reads back is a symlink, a folder, a FIFO or a device: never opened as one."""


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def temporary_file(path: Path) -> tuple[IO[bytes], Path]:
    """A new, empty file open for writing beside ``path``, under an unpredictable hidden name
    (``.NAME.XXXXXXXX.part``), made with ``O_EXCL|O_NOFOLLOW`` and the mode the umask gives;
    rename it to ``path`` once written."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        os.fchmod(fd, 0o666 & ~_umask())  # mkstemp makes 0600; an output file is an ordinary file
        return os.fdopen(fd, "wb"), Path(tmp)
    except BaseException:
        os.close(fd)
        os.unlink(tmp)
        raise


def write_atomic(path: Path, text: str | bytes, durable: bool = True) -> None:
    """Write ``text`` (UTF-8, byte for byte: no newline translation) or bytes to ``path`` so that
    the file is either complete or absent, never half (see :func:`atomic_file`)."""
    with atomic_file(path, durable) as handle:
        handle.write(text.encode("utf-8") if isinstance(text, str) else text)


@contextlib.contextmanager
def atomic_file(path: Path, durable: bool = True) -> Iterator[IO[bytes]]:
    """A binary file to write that takes the name ``path`` only once written whole: if the block
    fails, nothing is left. Whatever was at ``path`` (a symlink included) is replaced, not
    written through.

    ``durable`` also waits for the disk (fsync) before the file takes its name, so that not even
    a power cut leaves it empty; without it a crash of the program cannot, but a crash of the
    system can (batch annotation checks such files on ``--resume`` instead: fsync per file
    would cost more than annotating it).
    """
    handle, tmp = temporary_file(path)
    try:
        with handle:
            yield handle
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def create_new(path: Path, mode: int = 0o666) -> IO[bytes]:
    """A file made at ``path`` that was not there (``O_EXCL``: a name taken by anything, a
    symlink included, is ``FileExistsError``), open for writing."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NO_FOLLOW, mode)
    return os.fdopen(fd, "wb")


def open_regular(path: Path) -> IO[bytes]:
    """``path`` open for reading when it is a regular file; :class:`NotRegularFile` when it is a
    symlink or a special file (a FIFO is opened without blocking, and not read)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | _NO_FOLLOW)
    except OSError as exc:
        if exc.errno == getattr(os, "ELOOP", None) or path.is_symlink():
            raise NotRegularFile(exc.errno, "a symlink, not a regular file", str(path)) from None
        raise
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise NotRegularFile(0, "not a regular file", str(path))
    os.set_blocking(fd, True)
    return os.fdopen(fd, "rb")


# -- file names of documents ---------------------------------------------------------------------

_SAFE_NAME = regex.compile(r"[\w][\w.\-]*")
_LONGEST = NAME_MAX_BYTES - _TEMPORARY_EXTRA
"""The longest output name, in bytes, so that its temporary name is not too long either."""
_DIGEST_CHARS = 16


def output_name(document_id: str, suffix: str) -> str:
    """A file name for a document id: the id itself when it is a safe name, else
    percent-encoded; at most :data:`NAME_MAX_BYTES` bytes with its temporary name's extras.

    A name too long is cut (on a character boundary, never inside a ``%XX``) and ends with
    ``~`` and a digest of the whole id: ``~`` is in no name made otherwise (it is
    percent-encoded), so distinct ids never get the same name.
    """
    if _SAFE_NAME.fullmatch(document_id) and not document_id.endswith("."):
        name = document_id
    else:
        name = quote(document_id, safe="").replace("~", "%7E")
        if name.startswith("."):
            name = "%2E" + name[1:]
    room = _LONGEST - len(suffix.encode("utf-8"))
    if len(name.encode("utf-8")) <= room:
        return name + suffix
    digest = hashlib.sha1(document_id.encode("utf-8")).hexdigest()[:_DIGEST_CHARS]
    cut = name.encode("utf-8")[: room - 1 - _DIGEST_CHARS].decode("utf-8", errors="ignore")
    percent = cut.rfind("%", len(cut) - 2)
    if percent != -1:  # never half an escape
        cut = cut[:percent]
    return f"{cut}~{digest}{suffix}"
