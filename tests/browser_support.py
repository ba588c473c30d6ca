"""Headless Chromium for the browser tests (Debian's chromium + chromium-driver, driven by
Selenium with the system chromedriver), and the hostile article both pages are tried on.

Without Chromium, chromedriver or Selenium the browser tests are skipped, unless
``LOCQA_REQUIRE_BROWSER`` is set (CI sets it in ``.ci/run``): then they fail, so CI can
never pass without having run them.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
SELENIUM = importlib.util.find_spec("selenium") is not None
REQUIRED = bool(os.environ.get("LOCQA_REQUIRE_BROWSER"))
MISSING = ", ".join(
    name
    for name, there in (
        ("chromium", CHROMIUM),
        ("chromium-driver", CHROMEDRIVER),
        ("selenium", SELENIUM),
    )
    if not there
)
MARKS = [
    pytest.mark.browser,
    pytest.mark.skipif(
        bool(MISSING) and not REQUIRED,
        reason=f"needs {MISSING} (apt-get install chromium chromium-driver; pip install selenium)",
    ),
]

# An article whose text tries every way into the page. Each payload would mark the window.
EVIL_EN = """\
---
title: "Evil <script>window.__pwned = 'title'; document.title = 'pwned'</script>"
---

# Payloads

Text <script>window.__pwned = 1; document.title = "pwned"</script> in a paragraph.

An image "><img src=x onerror="window.__pwned = 2"> in a paragraph.

A [link](javascript:window.__pwned=3) in a paragraph.
"""
EVIL_NL = """\
---
title: "Kwaad <script>window.__pwned = 'title'; document.title = 'pwned'</script>"
---

# Payloads

Tekst <script>window.__pwned = 1; document.title = "pwned"</script> in een alinea&#39;s.

Een afbeelding "><img src=x onerror="window.__pwned = 2"> in een alinea&#39;s.

Een [koppeling](javascript:window.__pwned=3) in een alinea&#39;s.
"""


def add_evil_article(root: Path) -> None:
    (root / "content" / "en" / "evil.md").write_text(EVIL_EN, encoding="utf-8")
    (root / "content" / "nl" / "evil.md").write_text(EVIL_NL, encoding="utf-8")


def chromium(profile: Path) -> Iterator[Any]:
    """A headless Chromium session (a generator for a fixture); fails when a browser test
    must run and the browser is missing."""
    if MISSING:
        pytest.fail(f"LOCQA_REQUIRE_BROWSER is set but {MISSING} is missing")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1400,1000",
        f"--user-data-dir={profile}",
    ):
        options.add_argument(flag)
    assert CHROMIUM is not None and CHROMEDRIVER is not None
    options.binary_location = CHROMIUM
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    browser = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    try:
        yield browser
    finally:
        browser.quit()


def severe_logs(driver: Any) -> list[dict[str, Any]]:
    return [e for e in driver.get_log("browser") if e.get("level") == "SEVERE"]
