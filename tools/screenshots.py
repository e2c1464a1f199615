"""Remake the screenshots of docs/rendering.md, in the headless Chromium the tests use.

    python tools/screenshots.py

Annotates the dated sample articles (corpus_samples/samples.jsonl) with the ``ctannot`` command
into a temporary folder, renders one article and the report over all of them, and photographs
both pages into docs/img/. Needs Debian's ``chromium`` and the ``playwright`` package.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
IMAGES = REPO / "docs" / "img"
ARTICLE = "en_03_coalition_riyadh"

sys.path.insert(0, str(REPO / "tests"))  # the tests' launcher: the same Chromium, the same flags
from browser import chromium  # noqa: E402


def ctannot(*args: str | Path) -> None:
    subprocess.run([sys.executable, "-m", "ctannot", *map(str, args)], check=True)


def main() -> None:
    IMAGES.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out"
        ctannot("annotate", REPO / "corpus_samples" / "samples.jsonl", "-o", out, "--quiet")
        ctannot("render", out / f"{ARTICLE}.jsonld", "-o", Path(tmp) / "article.html")
        ctannot("report", out, "-o", Path(tmp) / "report.html")
        with chromium(width=1180, height=820) as browser:
            page = browser.new_page()
            page.goto((Path(tmp) / "article.html").as_uri())
            # pin the details of a span nested in a Statement, then point at a quoted Statement
            page.locator(".a .a").first.click()
            page.evaluate("window.scrollTo(0, 0)")
            page.locator(".said").first.evaluate(
                "e => e.previousElementSibling.dispatchEvent(new MouseEvent('mouseover', {bubbles: true}))"
            )
            page.screenshot(path=IMAGES / "render.png")
            page.goto((Path(tmp) / "report.html").as_uri())
            page.set_viewport_size({"width": 1240, "height": 1000})
            page.screenshot(path=IMAGES / "report.png", full_page=True)
    for image in sorted(IMAGES.glob("*.png")):
        print(f"{image.relative_to(REPO)}: {image.stat().st_size / 1000:.0f} kB")


if __name__ == "__main__":
    main()
