"""The HTML report in a real headless Chromium (Debian's chromium + chromium-driver),
driven by Selenium with the system chromedriver: no console errors, injected scripts do not
run, and the filters work with the mouse and the keyboard."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from browser_support import MARKS, SELENIUM, add_evil_article, chromium, severe_logs

pytestmark = MARKS

if SELENIUM:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys


@pytest.fixture(scope="module")
def driver(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    yield from chromium(tmp_path_factory.mktemp("chromium-profile"))


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The report of the sample project plus the hostile article, as the pipeline writes it."""
    from locqa.checking import check_project
    from locqa.config import load_settings
    from locqa.extract import extract
    from locqa.report.html import write_html_report

    repo = Path(__file__).parent.parent
    root = tmp_path_factory.mktemp("project")
    shutil.copy(repo / "pyproject.toml", root / "pyproject.toml")
    shutil.copytree(repo / "content", root / "content")
    tbx = repo / "locales" / "glossary" / "en-nl.tbx"
    if tbx.exists():
        (root / "locales" / "glossary").mkdir(parents=True)
        shutil.copy(tbx, root / "locales" / "glossary" / tbx.name)
    add_evil_article(root)
    settings = load_settings(root)
    extract(settings)
    run, _ = check_project(settings, skip_languagetool=True, annotate=False)
    return write_html_report(settings, run)


def open_page(driver: Any, path: Path) -> None:
    driver.get_log("browser")  # drop what earlier pages logged
    driver.get(path.as_uri())
    driver.find_element(By.ID, "filters")


def visible(driver: Any, selector: str) -> list[Any]:
    return [e for e in driver.find_elements(By.CSS_SELECTOR, selector) if e.is_displayed()]


def test_opens_without_console_errors_and_nothing_injected_runs(driver: Any, report: Path) -> None:
    open_page(driver, report)
    assert severe_logs(driver) == []
    assert driver.execute_script("return window.__pwned") is None
    assert driver.title == "locqa report"
    body = driver.find_element(By.TAG_NAME, "body").text
    assert '<script>window.__pwned = 1; document.title = "pwned"</script>' in body
    assert "javascript:window.__pwned=3" in body
    assert driver.find_elements(By.CSS_SELECTOR, "main img, main script, main iframe") == []
    hrefs = [a.get_attribute("href") or "" for a in driver.find_elements(By.TAG_NAME, "a")]
    assert hrefs and all("#" in h and not h.startswith("javascript:") for h in hrefs)
    # the report's own script ran: it filled in the per-article counters
    assert driver.find_element(By.CSS_SELECTOR, ".visible-count").text.startswith("Showing")


def test_unchecking_a_severity_hides_those_findings(driver: Any, report: Path) -> None:
    open_page(driver, report)
    errors = driver.find_elements(By.CSS_SELECTOR, 'li.finding[data-sev="error"]')
    others = driver.find_elements(By.CSS_SELECTOR, 'li.finding:not([data-sev="error"])')
    assert errors and others
    driver.execute_script("arguments[0].scrollIntoView()", errors[0])
    assert errors[0].is_displayed()

    box = driver.find_element(By.CSS_SELECTOR, 'input[name="severity"][value="error"]')
    box.click()
    assert not any(e.is_displayed() for e in errors)
    error_only = driver.find_elements(By.CSS_SELECTOR, "mark.off")
    assert error_only  # their highlights are switched off too
    status = driver.find_element(By.ID, "status").text
    assert status == f"Showing {len(others)} of {len(errors) + len(others)} findings"

    box.send_keys(Keys.SPACE)  # the keyboard works as well as the mouse
    assert box.is_selected()
    driver.execute_script("arguments[0].scrollIntoView()", errors[0])
    assert errors[0].is_displayed()
    assert driver.find_elements(By.CSS_SELECTOR, "mark.off") == []
    assert severe_logs(driver) == []


def test_check_filter_and_segment_toggle(driver: Any, report: Path) -> None:
    open_page(driver, report)
    rows_flagged = len(visible(driver, "tr.seg"))
    driver.find_element(By.CSS_SELECTOR, "button[data-none=check]").click()
    assert visible(driver, "li.finding") == []
    assert len(visible(driver, "tr.seg")) < rows_flagged  # only corrected rows remain
    driver.find_element(By.CSS_SELECTOR, 'input[name="only"]').click()
    assert len(visible(driver, "tr.seg")) == len(driver.find_elements(By.CSS_SELECTOR, "tr.seg"))
    driver.find_element(By.CSS_SELECTOR, "button[data-all=check]").click()
    assert len(driver.find_elements(By.CSS_SELECTOR, "li.finding:not([hidden])")) == len(
        driver.find_elements(By.CSS_SELECTOR, "li.finding")
    )


def test_csp_stops_a_script_even_if_escaping_failed(
    driver: Any, report: Path, tmp_path: Path
) -> None:
    """Defence in depth: splice raw markup into the page, as a broken escaper would."""
    page = report.read_text(encoding="utf-8").replace(
        '<main id="main">',
        '<main id="main"><script>window.__pwned = 1; document.title = "pwned"</script>'
        '<img src="x" onerror="window.__pwned = 2">',
        1,
    )
    broken = tmp_path / "broken.html"
    broken.write_text(page, encoding="utf-8")
    open_page(driver, broken)
    assert driver.execute_script("return window.__pwned") is None
    assert driver.title == "locqa report"
    messages = " ".join(e["message"] for e in severe_logs(driver))
    assert "Content Security Policy" in messages
