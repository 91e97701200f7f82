"""What the browser tests share (the ``browser`` fixture itself lives in conftest.py).

Nothing here imports Playwright at import time, so conftest.py can import this module
whether or not Playwright is installed.
"""

from __future__ import annotations

from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")  # Debian's chromium, driven by Playwright
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT_MS = 15_000


def new_page(browser, **options):
    """A fresh browser context and a page in it; the caller closes the context."""
    from playwright.sync_api import expect

    context = browser.new_context(**options)
    context.set_default_timeout(TIMEOUT_MS)
    expect.set_options(timeout=TIMEOUT_MS)
    return context, context.new_page()
