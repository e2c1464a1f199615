"""Headless Chromium for the tests that look at pages: Debian's ``chromium``, driven by Playwright.

Playwright's wheel brings its driver but no browser: it launches the system's Chromium, as root
with the flags below, on a fresh profile. Without Chromium or Playwright the tests that need them
skip, saying so, unless ``CTANNOT_REQUIRE_BROWSER=1`` (set by CI), which makes them fail instead.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext, Page

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",  # Chromium's sandbox refuses to run as root, which CI is
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str | None:
    """The Chromium to drive: ``$CTANNOT_CHROMIUM``, else ``chromium`` on the PATH."""
    return os.environ.get("CTANNOT_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")


def _unavailable(reason: str) -> None:
    if os.environ.get("CTANNOT_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason}, and CTANNOT_REQUIRE_BROWSER=1 requires it")
    pytest.skip(reason)


@contextmanager
def chromium(width: int = 1200, height: int = 900) -> Iterator[BrowserContext]:
    """A headless Chromium on a fresh profile (skips or fails the test when there is none)."""
    path = chromium_path()
    if path is None:
        _unavailable("no Chromium (Debian: apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("Playwright is not installed (pip install playwright)")
    with tempfile.TemporaryDirectory(prefix="ctannot-chromium-") as profile, sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            profile,
            executable_path=path,
            headless=True,
            args=CHROMIUM_FLAGS,
            viewport={"width": width, "height": height},
        )
        context.set_default_timeout(5000)  # a page of ours is ready at once: do not wait long
        try:
            yield context
        finally:
            context.close()


class Watch:
    """What a page did that it should not have: dialogs opened, errors, requests beyond ``allowed``."""

    def __init__(self, page: Page, allowed: tuple[str, ...] = ("file://", "about:", "data:")) -> None:
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.requests: list[str] = []
        page.on("dialog", self._dialog)
        page.on("pageerror", lambda error: self.errors.append(f"page error: {error}"))
        page.on("console", self._console)
        page.on("request", lambda request: self._request(request.url, allowed))

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def _console(self, message: Any) -> None:
        if message.type in ("error", "warning"):
            self.errors.append(f"console {message.type}: {message.text}")

    def _request(self, url: str, allowed: tuple[str, ...]) -> None:
        if not url.startswith(allowed):
            self.requests.append(url)

    def assert_clean(self) -> None:
        assert self.dialogs == [], "a dialog opened: a script of the document ran"
        assert self.errors == []
        assert self.requests == [], "the page asked for something beyond itself"
