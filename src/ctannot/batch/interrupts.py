"""Ctrl-C and SIGTERM during a batch run, taken where the run can stop cleanly.

Python raises ``KeyboardInterrupt`` wherever the main thread happens to be: halfway through
acquiring the locks of ``concurrent.futures.wait``, inside a file object's finalizer (where it is
swallowed, and the run goes on with a file descriptor closed under it). A run that must leave
complete output and a pool it can shut down lets these signals only *ask* it to stop while its
loop goes on (:func:`deferred_interrupts`); the loop stops at its next safe point
(:meth:`Interrupts.check`), a fraction of a second later.
"""

from __future__ import annotations

import contextlib
import signal
from collections.abc import Callable, Iterator
from typing import Any

__all__ = ["POLL_SECONDS", "Interrupts", "deferred_interrupts"]

POLL_SECONDS = 0.2
"""How long a run's loop waits for its workers before it looks for a request to stop."""

_SIGNALS = (signal.SIGINT, signal.SIGTERM)


class Interrupts:
    """The stop requests received while deferred, and the handlers they stand for."""

    def __init__(self) -> None:
        self.received: list[int] = []
        self.handlers: dict[int, Callable[[int, Any], Any]] = {}

    def check(self) -> None:
        """Raise what the first signal received would have raised (``KeyboardInterrupt``, or a
        subclass of it that the program's handler raises for SIGTERM)."""
        if self.received:
            signum = self.received[0]
            self.handlers[signum](signum, None)
            raise KeyboardInterrupt  # a handler that did not raise: stop all the same

    def _ask(self, signum: int, frame: Any) -> None:
        self.received.append(signum)
        if len(self.received) > 1:  # asked twice: stop at once, as the user wants
            self.handlers[signum](signum, frame)


@contextlib.contextmanager
def deferred_interrupts() -> Iterator[Interrupts]:
    """For the block, SIGINT and SIGTERM whose handler is a Python function (Python's own for
    Ctrl-C, or the program's) are recorded instead of raised; a second one raises at once.

    Outside the main thread, where handlers cannot be set, signals are left as they are.
    """
    interrupts = Interrupts()
    for signum in _SIGNALS:
        handler = signal.getsignal(signum)
        if not callable(handler):  # ignored, or the default action of the system: not ours to defer
            continue
        try:
            signal.signal(signum, interrupts._ask)
        except ValueError:  # not the main thread
            break
        interrupts.handlers[signum] = handler
    try:
        yield interrupts
    finally:
        for number, previous in interrupts.handlers.items():
            signal.signal(number, previous)
