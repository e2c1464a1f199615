"""A time limit on a call of plugin code: an extractor that hangs is stopped and reported.

Python cannot kill a thread, so the limit interrupts it. In the main thread of a process (the
CLI, batch worker processes) a ``SIGALRM`` timer does it; the signal is handled as soon as the
interpreter runs Python code again or C code checks for signals (``regex`` does, in its
matching loops). In other threads (a Dask worker's thread pool) a watchdog thread raises the
exception in the late thread, which takes effect at its next Python instruction. C code that
neither returns nor checks for signals cannot be interrupted either way.
"""

from __future__ import annotations

import ctypes
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

__all__ = ["TimeLimitExceeded", "time_limit"]


class TimeLimitExceeded(BaseException):
    """The call ran past its time limit.

    A ``BaseException``, like ``KeyboardInterrupt``: plugin code that catches ``Exception``
    to carry on cannot swallow it.
    """


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise :class:`TimeLimitExceeded` in the block if it runs longer than ``seconds`` (None: no limit)."""
    if seconds is None or seconds <= 0:
        yield
        return
    if threading.current_thread() is threading.main_thread():
        with _alarm(seconds):
            yield
    else:
        with _watchdog(seconds):
            yield


@contextmanager
def _alarm(seconds: float) -> Iterator[None]:
    def expired(signum: int, frame: FrameType | None) -> None:
        raise TimeLimitExceeded(f"ran past its time limit of {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextmanager
def _watchdog(seconds: float) -> Iterator[None]:
    thread_id = ctypes.c_ulong(threading.get_ident())
    lock = threading.Lock()
    state = {"over": False, "fired": False}

    def expire() -> None:
        with lock:
            if not state["over"]:
                state["fired"] = True
                ctypes.pythonapi.PyThreadState_SetAsyncExc(thread_id, ctypes.py_object(TimeLimitExceeded))

    timer = threading.Timer(seconds, expire)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        timer.cancel()
        with lock:
            state["over"] = True
            if state["fired"]:  # raised too late to land in the block: it must not land after it
                ctypes.pythonapi.PyThreadState_SetAsyncExc(thread_id, None)
