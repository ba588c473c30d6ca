"""``locqa review --web`` in a real headless Chromium: a reviewer takes the sample article
from findings to a published file in the browser alone.

The server is the real command (``python -m locqa review --web --no-browser``) in its own
process. The session: open the page with the token (no console error; without the token,
403), filter, accept a suggestion, edit an entry (checking the edit first), approve one
with a comment, see a stale edit from a second window refused, reload and see the
decisions, stop the server with Ctrl-C (SIGINT), then ``locqa build`` publishes exactly
those changes. The hostile article's scripts stay text.

Screenshots go to a temporary directory, or to ``$LOCQA_SCREENSHOTS`` when set: the ones in
docs/review-web/ are taken with ``LOCQA_SCREENSHOTS=docs/review-web pytest
tests/test_review_browser.py``.
"""

from __future__ import annotations

import os
import queue
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from browser_support import MARKS, SELENIUM, add_evil_article, chromium, severe_logs
from locqa.catalog import messages, read_catalog
from locqa.checking import check_project
from locqa.config import load_settings
from locqa.extract import extract
from locqa.memory import mt_text

if SELENIUM:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import Select, WebDriverWait

pytestmark = [*MARKS, pytest.mark.slow]

REPO = Path(__file__).parent.parent
PO = Path("locales/nl/LC_MESSAGES/b2b-b2c.po")
ARTICLE = "content/nl/b2b-b2c.md"
STARTUP = 180.0


@dataclass
class Served:
    root: Path
    process: subprocess.Popen[str]
    url: str
    lines: list[str]
    heard: queue.Queue[str]

    @property
    def base(self) -> str:
        return self.url.split("/?", 1)[0]

    def stop(self) -> tuple[int, str]:
        """Ctrl-C, as a reviewer stops it; the exit code and what it printed after."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
        code = self.process.wait(timeout=60)
        time.sleep(0.5)  # the listening thread drains the pipe
        out = ""
        while not self.heard.empty():
            out += self.heard.get_nowait()
        return code, out


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    root = tmp_path_factory.mktemp("project")
    shutil.copy(REPO / "pyproject.toml", root / "pyproject.toml")
    shutil.copytree(REPO / "content", root / "content")
    (root / "locales" / "glossary").mkdir(parents=True)
    shutil.copy(REPO / "locales/glossary/en-nl.tbx", root / "locales/glossary/en-nl.tbx")
    add_evil_article(root)
    settings = load_settings(root)
    extract(settings)
    check_project(settings, skip_languagetool=True, jobs=1)
    command = [sys.executable, "-m", "locqa", "review", "--web", "--no-browser"]
    command += ["--skip-languagetool", "--jobs", "1", "--port", "0"]
    process = subprocess.Popen(
        command,
        cwd=root,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    assert process.stdout is not None
    lines: list[str] = []
    heard: queue.Queue[str] = queue.Queue()
    stream = process.stdout

    def listen() -> None:
        for text in iter(stream.readline, ""):
            heard.put(text)

    threading.Thread(target=listen, daemon=True).start()  # a hung server cannot hang us
    deadline = time.monotonic() + STARTUP
    url = None
    while url is None and process.poll() is None and time.monotonic() < deadline:
        try:
            line = heard.get(timeout=1)
        except queue.Empty:
            continue
        lines.append(line)
        match = re.fullmatch(r"Review at (http://127\.0\.0\.1:\d+/\?token=[\w-]+)\n", line)
        url = match.group(1) if match else None
    if url is None:
        process.kill()
        pytest.fail("the server did not start:\n" + "".join(lines))
    server = Served(root, process, url, lines, heard)
    try:
        yield server
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


@pytest.fixture(scope="module")
def driver(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    yield from chromium(tmp_path_factory.mktemp("chromium-profile"))


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    wanted = os.environ.get("LOCQA_SCREENSHOTS")
    folder = Path(wanted) if wanted else tmp_path_factory.mktemp("screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def wait(driver: Any, condition: Any, timeout: float = 60) -> Any:
    return WebDriverWait(driver, timeout).until(condition)


def open_review(driver: Any, url: str) -> None:
    driver.get_log("browser")  # drop what earlier pages logged
    driver.get(url)
    wait(driver, lambda d: d.find_elements(By.ID, "progress-text"))


def cards(driver: Any) -> list[Any]:
    return list(driver.find_elements(By.CSS_SELECTOR, "article.card"))


def card_with(driver: Any, text: str) -> Any:
    for card in cards(driver):
        if text in card.find_element(By.CSS_SELECTOR, ".source").text:
            return card
    raise AssertionError(f"no card with {text!r}")


def saved_notice(driver: Any, card_id: str) -> str:
    def notice(d: Any) -> str | bool:
        found = d.find_elements(By.CSS_SELECTOR, f"#card-{card_id} .notice")
        return found[0].text if found else False

    text: str = wait(driver, notice)
    return text


def catalogue(root: Path) -> dict[str, Any]:
    return {str(m.id): m for m in messages(read_catalog(root / PO, "nl"))}


def test_the_page_needs_its_token(served: Served, driver: Any) -> None:
    driver.get(served.base + "/")
    assert "403" in driver.find_element(By.TAG_NAME, "body").text
    driver.get(served.base + "/?token=wrong")
    assert "403" in driver.find_element(By.TAG_NAME, "body").text
    assert driver.find_elements(By.CSS_SELECTOR, "article.card") == []


def test_opens_without_console_errors_and_injected_scripts_stay_text(
    served: Served, driver: Any
) -> None:
    open_review(driver, served.url)
    assert severe_logs(driver) == []
    Select(driver.find_element(By.ID, "filter-article")).select_by_value("content/nl/evil.md")
    body = driver.find_element(By.TAG_NAME, "body").text
    assert '<script>window.__pwned = 1; document.title = "pwned"</script>' in body
    assert "<img src=x onerror=" in body
    assert driver.execute_script("return window.__pwned") is None
    assert driver.find_elements(By.CSS_SELECTOR, "main script, main img, main iframe") == []
    assert "pwned" not in driver.title


def test_a_reviewer_session_from_findings_to_the_published_file(
    served: Served, driver: Any, shots: Path
) -> None:
    root = served.root
    mt = {msgid: mt_text(m) for msgid, m in catalogue(root).items()}
    open_review(driver, served.url)
    Select(driver.find_element(By.ID, "filter-article")).select_by_value(ARTICLE)
    total = len(cards(driver))
    assert total >= 4
    assert driver.find_element(By.ID, "progress-text").text.startswith("0 of ")
    driver.save_screenshot(str(shots / "overview.png"))

    # filter by check: only the entries with an HTML entity (ENC002)
    Select(driver.find_element(By.ID, "filter-check")).select_by_value("ENC002")
    entity_cards = cards(driver)
    assert 0 < len(entity_cards) < total
    assert all("ENC002" in c.find_element(By.CSS_SELECTOR, ".findings").text for c in entity_cards)

    # accept a suggestion with the keyboard: j to the first entry whose one finding has a
    # suggestion, then 1
    index, first = next(
        (i, c)
        for i, c in enumerate(entity_cards)
        if len(c.find_elements(By.CSS_SELECTOR, ".findings li")) == 1
        and len(c.find_elements(By.CSS_SELECTOR, ".suggestion")) == 1
    )
    first_id = first.get_attribute("data-id")
    first_source = first.find_element(By.CSS_SELECTOR, ".source .text").text
    expected = first.find_element(By.CSS_SELECTOR, '.suggestion[data-number="1"] .result').text
    body = driver.find_element(By.TAG_NAME, "body")
    for _ in range(index):
        body.send_keys("j")
    assert "current" in (first.get_attribute("class") or "")
    body.send_keys("1")
    assert saved_notice(driver, first_id).startswith("Saved (accept")
    Select(driver.find_element(By.ID, "filter-check")).select_by_value("")

    # edit an entry: check the edit first, then save it
    Select(driver.find_element(By.ID, "filter-state")).select_by_value("open")
    target = next(c for c in cards(driver) if c.get_attribute("data-id") != first_id)
    edit_id = target.get_attribute("data-id")
    target.find_element(By.CSS_SELECTOR, "button.edit").click()
    area = driver.find_element(By.CSS_SELECTOR, f"#card-{edit_id} textarea")
    new_text = area.get_attribute("value").replace("&#39;", "'").replace("&quot;", '"')
    new_text += " Meer in de handleiding."
    area.clear()
    area.send_keys(new_text)
    driver.find_element(By.CSS_SELECTOR, f"#card-{edit_id} button.check-edit").click()
    wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, f"#card-{edit_id} .preview"))
    driver.save_screenshot(str(shots / "edit.png"))
    area = driver.find_element(By.CSS_SELECTOR, f"#card-{edit_id} textarea")
    area.send_keys(Keys.CONTROL, Keys.ENTER)  # Ctrl+Enter saves
    assert saved_notice(driver, edit_id).startswith("Saved (")

    # approve one as it is, with a comment
    Select(driver.find_element(By.ID, "filter-state")).select_by_value("todo")
    remaining = [c for c in cards(driver) if c.get_attribute("data-id") not in (first_id, edit_id)]
    approve = remaining[0]
    approve_id = approve.get_attribute("data-id")
    approve_source = approve.find_element(By.CSS_SELECTOR, ".source .text").text
    approve.find_element(By.CSS_SELECTOR, "button.approve").click()
    comment = driver.find_element(By.CSS_SELECTOR, f"#card-{approve_id} input.comment")
    comment.send_keys("reviewed: right as it is")
    driver.save_screenshot(str(shots / "approve.png"))
    comment.send_keys(Keys.ENTER)
    assert saved_notice(driver, approve_id).startswith("Saved (approve")

    # skip the current entry with the keyboard: it stays to review, the next becomes current
    current = driver.find_element(By.CSS_SELECTOR, "article.card.current")
    skipped_id = current.get_attribute("data-id")
    assert skipped_id not in (first_id, edit_id, approve_id)
    driver.find_element(By.TAG_NAME, "body").send_keys("s")
    assert saved_notice(driver, skipped_id) == "Skipped."
    wait(
        driver,
        lambda d: (
            d.find_element(By.CSS_SELECTOR, "article.card.current").get_attribute("data-id")
            != skipped_id
        ),
    )

    # a second window still showing an old version of the edited entry is refused
    stale_window = driver.current_window_handle
    driver.switch_to.new_window("tab")
    open_review(driver, served.url)
    Select(driver.find_element(By.ID, "filter-state")).select_by_value("all")
    Select(driver.find_element(By.ID, "filter-article")).select_by_value(ARTICLE)
    decided_ids = (first_id, edit_id, approve_id, skipped_id)
    other = next(c for c in cards(driver) if c.get_attribute("data-id") not in decided_ids)
    other_id = other.get_attribute("data-id")
    other.find_element(By.CSS_SELECTOR, "button.edit").click()
    # meanwhile the first window saves an edit of the same entry
    driver.switch_to.window(stale_window)
    Select(driver.find_element(By.ID, "filter-state")).select_by_value("all")
    same = driver.find_element(By.ID, f"card-{other_id}")
    same.find_element(By.CSS_SELECTOR, "button.edit").click()
    first_edit = driver.find_element(By.CSS_SELECTOR, f"#card-{other_id} textarea")
    first_edit.send_keys(Keys.END, " (eerste)")
    first_edit.send_keys(Keys.CONTROL, Keys.ENTER)
    saved_notice(driver, other_id)
    won = catalogue(root)[
        driver.find_element(By.CSS_SELECTOR, f"#card-{other_id} .source .text").text
    ].string
    assert won.endswith(" (eerste)")
    late_window = next(h for h in driver.window_handles if h != stale_window)
    driver.switch_to.window(late_window)
    late = driver.find_element(By.CSS_SELECTOR, f"#card-{other_id} textarea")
    late.send_keys(Keys.END, " (tweede)")
    late.send_keys(Keys.CONTROL, Keys.ENTER)
    refused = saved_notice(driver, other_id)
    assert "someone changed this entry" in refused
    shown = driver.find_element(By.CSS_SELECTOR, f"#card-{other_id} .target .text").text
    assert shown == won  # the current text is shown
    driver.save_screenshot(str(shots / "stale.png"))
    driver.close()
    driver.switch_to.window(stale_window)
    assert (
        catalogue(root)[
            driver.find_element(By.CSS_SELECTOR, f"#card-{other_id} .source .text").text
        ].string
        == won
    )

    # reload: the decisions are there
    open_review(driver, served.url)
    Select(driver.find_element(By.ID, "filter-state")).select_by_value("decided")
    decided = {c.get_attribute("data-id"): c for c in cards(driver)}
    assert approve_id in decided and first_id in decided
    assert "reviewed: right as it is" in decided[approve_id].text
    progress = driver.find_element(By.ID, "progress-text").text
    assert not progress.startswith("0 of ")
    assert severe_logs(driver) == []

    # Ctrl-C stops the server cleanly
    code, out = served.stop()
    assert code == 0, out
    assert "review:" in out and "Traceback" not in out

    # the catalogue holds exactly the decisions
    now = catalogue(root)
    assert now[first_source].string == expected
    assert now[approve_source].string == mt[approve_source]
    changed = {msgid for msgid, m in now.items() if m.string != mt[msgid]}
    edited_source = next(msgid for msgid in changed if now[msgid].string.endswith("handleiding."))
    other_source = next(msgid for msgid in changed if now[msgid].string.endswith(" (eerste)"))
    assert changed == {first_source, edited_source, other_source}

    # locqa build publishes exactly those changes
    built = subprocess.run(
        [sys.executable, "-m", "locqa", "build"], cwd=root, capture_output=True, text=True
    )
    assert built.returncode == 0, built.stderr
    published = (root / "build/nl/b2b-b2c.md").read_text(encoding="utf-8")
    expected_file = (root / ARTICLE).read_text(encoding="utf-8")
    for msgid in changed:
        assert expected_file.count(mt[msgid]) == 1
        expected_file = expected_file.replace(mt[msgid], str(now[msgid].string))
    assert published == expected_file
