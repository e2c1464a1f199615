"""Signals deferred during a batch run's loop: recorded, raised at the loop's safe point."""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Iterator

import pytest

from ctannot.batch.interrupts import deferred_interrupts


class Stopped(KeyboardInterrupt):
    pass


def raise_stopped(signum: int, frame: object) -> None:
    raise Stopped


@pytest.fixture(autouse=True)
def python_handlers() -> Iterator[None]:
    """Python's own handlers, whatever the test process inherited (a runner may ignore Ctrl-C)."""
    previous = {signum: signal.getsignal(signum) for signum in (signal.SIGINT, signal.SIGTERM)}
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    yield
    for signum, handler in previous.items():
        signal.signal(signum, handler)


def test_ctrl_c_waits_for_the_check_then_raises_there() -> None:
    with deferred_interrupts() as interrupts:
        os.kill(os.getpid(), signal.SIGINT)
        assert interrupts.received == [signal.SIGINT]
        with pytest.raises(KeyboardInterrupt):
            interrupts.check()
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_the_programs_own_handler_gives_the_exception_and_is_restored() -> None:
    previous = signal.signal(signal.SIGTERM, raise_stopped)
    try:
        with deferred_interrupts() as interrupts:
            interrupts.check()  # nothing asked: nothing raised
            os.kill(os.getpid(), signal.SIGTERM)
            with pytest.raises(Stopped):
                interrupts.check()
        assert signal.getsignal(signal.SIGTERM) is raise_stopped
    finally:
        signal.signal(signal.SIGTERM, previous)


def test_a_second_signal_raises_at_once() -> None:
    with deferred_interrupts() as interrupts:
        os.kill(os.getpid(), signal.SIGINT)
        with pytest.raises(KeyboardInterrupt):
            os.kill(os.getpid(), signal.SIGINT)  # handled before the call returns
    assert interrupts.received == [signal.SIGINT, signal.SIGINT]


def test_the_systems_default_action_is_not_deferred() -> None:
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL
    with deferred_interrupts() as interrupts:
        assert signal.SIGTERM not in interrupts.handlers
        assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL


def test_outside_the_main_thread_signals_are_left_alone() -> None:
    seen = []

    def run() -> None:
        with deferred_interrupts() as interrupts:
            seen.append(dict(interrupts.handlers))

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    assert seen == [{}]
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
