"""The HTML report: escaping, CSP, counts, highlighting, placement, determinism."""

from __future__ import annotations

import base64
import hashlib
import random
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from locqa.findings import Finding, FixSafety, Severity
from locqa.report.html import (
    ReportArticle,
    ReportRow,
    render_html,
    report_article,
    write_html_report,
)

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
JS_LINK = "[klik hier](javascript:alert(1))"


class Page(HTMLParser):
    """Every start tag with its attributes, and the text of every <script> and <style>."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self.styles: list[str] = []
        self.text: list[str] = []
        self._in: str | None = None
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag in ("script", "style"):
            self._in = tag
            (self.scripts if tag == "script" else self.styles).append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == self._in:
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in == "script":
            self.scripts[-1] += data
        elif self._in == "style":
            self.styles[-1] += data
        else:
            self.text.append(data)

    def find(self, tag: str, **attrs: str) -> list[dict[str, str | None]]:
        return [
            a
            for t, a in self.tags
            if t == tag and all(a.get(k.rstrip("_")) == v for k, v in attrs.items())
        ]

    def with_class(self, tag: str, cls: str) -> list[dict[str, str | None]]:
        return [a for t, a in self.tags if t == tag and cls in (a.get("class") or "").split()]


def finding(
    msgstr: str,
    start: int | None,
    end: int | None,
    *,
    check: str = "ENC002",
    severity: Severity = Severity.ERROR,
    message: str = "HTML entity left in text",
    suggestion: str | None = None,
    path: str = "content/nl/a.md",
    line: int = 3,
    msgid: str = "src",
) -> Finding:
    return Finding(
        check=check,
        severity=severity,
        message=message,
        path=path,
        line=line,
        msgid=msgid,
        msgstr=msgstr,
        start=start,
        end=end,
        suggestion=suggestion,
        fix=FixSafety.SAFE if suggestion is not None else None,
    )


def article(*rows: ReportRow, path: str = "content/nl/a.md") -> ReportArticle:
    return ReportArticle(
        source_path="content/en/a.md",
        target_path=path,
        rows=rows,
        source_lang="en",
        target_lang="nl",
    )


def sha256(text: str) -> str:
    return base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()


# --------------------------------------------------------------------------- escaping


@pytest.fixture
def hostile() -> tuple[str, Page]:
    mt = f"Tekst {SCRIPT} en {IMG} en {JS_LINK}."
    row = ReportRow(source=f"Text {SCRIPT} {JS_LINK}", mt=mt, corrected=mt + " " + IMG, line=3)
    found = [
        finding(
            mt,
            mt.index("<script>"),
            mt.index("</script>") + 9,
            check=f"X{IMG}",
            message=f"message {SCRIPT}",
            suggestion=IMG,
            msgid=row.source or "",
        ),
        finding(mt, None, None, path=f"content/nl/{SCRIPT}.md", message=JS_LINK),
    ]
    html = render_html(
        found,
        [article(row, path=f'content/nl/{IMG}"a.md')],
        skipped=[f"languagetool {SCRIPT}"],
        title=f"report {SCRIPT}",
        check_names={f"X{IMG}": f"name {SCRIPT}"},
    )
    return html, Page(html)


def test_no_markup_from_the_input_survives(hostile: tuple[str, Page]) -> None:
    html, page = hostile
    assert [t for t, _ in page.tags if t in ("img", "iframe", "object", "embed")] == []
    assert len(page.scripts) == 1 and "alert" not in page.scripts[0]
    assert "<script>alert" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_no_event_handlers_and_only_local_links(hostile: tuple[str, Page]) -> None:
    _, page = hostile
    for _, attrs in page.tags:
        assert not [name for name in attrs if name.startswith("on")], attrs
        href = attrs.get("href")
        assert href is None or href.startswith("#") or href == "data:,", href
    assert "javascript:alert(1)" in "".join(page.text)  # shown as text, never as a link
    assert not page.find("a", href="javascript:alert(1)")


def test_attribute_values_stay_inside_their_quotes(hostile: tuple[str, Page]) -> None:
    _, page = hostile
    boxes = page.find("input", name="check")
    assert [b["value"] for b in boxes] == ["ENC002", f"X{IMG}"]
    items = page.with_class("li", "finding")
    assert {i["data-check"] for i in items} >= {f"X{IMG}"}


def test_csp_allows_only_the_reports_own_script_and_style(hostile: tuple[str, Page]) -> None:
    _, page = hostile
    (meta,) = page.find("meta", **{"http-equiv": "Content-Security-Policy"})
    csp = meta["content"] or ""
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
    assert directives["default-src"] == "'none'"
    assert directives["script-src"] == f"'sha256-{sha256(page.scripts[0])}'"
    assert directives["style-src"] == f"'sha256-{sha256(page.styles[0])}'"
    assert "unsafe-inline" not in csp
    assert page.tags.index(("meta", meta)) < min(
        i for i, (t, _) in enumerate(page.tags) if t in ("style", "script")
    )


def test_control_and_bidi_characters_are_visible() -> None:
    mt = "a\u202eb\x1bc\ud800d"
    html = render_html([], [article(ReportRow(source="x", mt=mt, line=1))])
    html.encode("utf-8")  # a lone surrogate must not make the page unwritable
    assert "\u202e" not in html and "\x1b" not in html
    assert "\\u202e" in html and "\\x1b" in html and "\\ud800" in html


# --------------------------------------------------------------------------- content


def test_counts_per_severity_and_check() -> None:
    mt = "Productgegevens inclusief video&#39;s en levende chats"
    row = ReportRow(source="Product data", mt=mt, line=3)
    found = [
        finding(mt, 33, 38, suggestion="'"),
        finding(mt, 42, 55, check="TRM002", suggestion="livechats"),
        finding(mt, None, None, check="TRN006", severity=Severity.INFO, message="varies"),
        finding(mt, 0, 4, check="TRN002", severity=Severity.WARNING, message="copied"),
    ]
    page = Page(render_html(found, [article(row)]))
    cards = {
        (a.get("class") or "").split()[1]: i
        for i, (t, a) in enumerate(page.tags)
        if t == "li" and "count" in (a.get("class") or "")
    }
    assert set(cards) == {"sev-error", "sev-warning", "sev-info"}
    text = "".join(page.text)
    assert "2 errors" in text and "1 warning" in text and "1 info" in text
    assert len(page.with_class("li", "finding")) == 4
    assert [b["value"] for b in page.find("input", name="check")] == [
        "ENC002",
        "TRM002",
        "TRN002",
        "TRN006",
    ]
    assert "Showing 4 of 4 findings" in text


def test_span_is_marked_in_place() -> None:
    mt = "Afbeeldingen en video&#39;s"
    start = mt.index("&#39;")
    row = ReportRow(source="Images and videos", mt=mt, line=7)
    html = render_html([finding(mt, start, start + 5, line=7, suggestion="'")], [article(row)])
    match = re.search(r'<mark class="sev-error" data-f="f1"[^>]*>(.*?)</mark>', html)
    assert match and match.group(1) == "&amp;#39;"
    assert 'title="ENC002 error: HTML entity left in text\nsuggestion: &#x27;"' in html


def test_overlapping_and_empty_spans() -> None:
    mt = "abcdefghij"
    row = ReportRow(source="s", mt=mt, line=3)
    found = [
        finding(mt, 2, 6, severity=Severity.WARNING, check="A"),
        finding(mt, 4, 8, check="B"),
        finding(mt, 9, 9, severity=Severity.INFO, check="C"),
        finding(mt, 8, 99, severity=Severity.INFO, check="D"),  # clamped to the text
    ]
    html = render_html(found, [article(row)])
    marks = re.findall(r'<mark class="([^"]+)" data-f="([^"]+)"[^>]*>(.*?)</mark>', html)
    # ids follow report order (line, start, check): A=f1, B=f2, D=f3, C=f4
    assert marks == [
        ("sev-warning", "f1", "cd"),
        ("sev-error", "f1 f2", "ef"),
        ("sev-error", "f2", "gh"),
        ("sev-info", "f3", "i"),
        ("sev-info point", "f4", ""),
        ("sev-info", "f3", "j"),
    ]


def test_findings_are_placed_in_the_right_column_or_listed_apart() -> None:
    mt, fixed = "Levende chats", "Livechats"
    rows = (
        ReportRow(source="Live chats", mt=mt, corrected=fixed, line=3),
        ReportRow(source="Other", mt="Ander", line=5),
    )
    found = [
        finding(mt, 0, 13, check="TRM002", line=3),
        finding(fixed, 0, 9, check="LT001", severity=Severity.WARNING, line=3),
        finding("stale text", 0, 5, check="ENC001", line=9),
        finding("Elders", 0, 6, check="TRN002", path="content/nl/other.md"),
    ]
    html = render_html(found, [article(*rows)])
    # ids follow report order (path, line, start, check): LT001=f1, TRM002=f2, ENC001=f3
    mt_cell = re.search(r'<td class="mt".*?</td>', html, re.S)
    fixed_cell = re.search(r'<td class="fixed".*?</td>', html, re.S)
    assert mt_cell and 'data-f="f2"' in mt_cell.group() and 'data-f="f1"' not in mt_cell.group()
    assert fixed_cell and 'data-f="f1"' in fixed_cell.group()
    loose = html.split("Findings on the article as a whole")[1].split("<table")[0]
    assert 'id="f3"' in loose
    assert "Findings in files without an article view" in html
    assert 'id="f4"' in html.split('id="other"')[1]


def test_a_block_missing_from_the_translation_keeps_its_finding() -> None:
    rows = (ReportRow(source="Only in English", mt=None, line=0), ReportRow("a", "b", line=4))
    missing = finding("", None, None, check="STR001", msgid="Only in English", line=3)
    html = render_html([missing], [article(*rows)])
    mt_cell = re.search(r'<td class="mt"><span class="missing">\(missing\)</span>.*?</td>', html)
    assert mt_cell and 'id="f1"' in mt_cell.group()


def test_corrected_words_are_marked_and_unchanged_rows_say_so() -> None:
    rows = (
        ReportRow(
            source="Easy checkout", mt="Eenvoudig uitchecken", corrected="Eenvoudig afrekenen"
        ),
        ReportRow(source="Reorder", mt="Opnieuw", fuzzy=True),
    )
    html = render_html([], [article(*rows)])
    assert "Eenvoudig <ins>afrekenen</ins>" in html
    assert '<span class="same-note">unchanged</span>' in html
    assert "needs review" in html


def test_findings_after_fixing_are_marked_fixed_or_open() -> None:
    mt = "Tekst&#39;s en levende chats met consumer"
    fixed = "Tekst's en livechats met consumer"
    row = ReportRow(source="Text's and live chats with consumer", mt=mt, corrected=fixed, line=3)
    entity = finding(mt, 5, 10, suggestion="'")
    term = finding(mt, 14, 27, check="TRM002", suggestion="livechats")
    copied = finding(mt, 32, 40, check="TRN002", severity=Severity.WARNING)
    still_copied = finding(fixed, 25, 33, check="TRN002", severity=Severity.WARNING)
    new_problem = finding(fixed, 9, 19, check="LT001", severity=Severity.INFO)
    html = render_html(
        [entity, term, copied], [article(row)], remaining=[still_copied, new_problem]
    )
    page = Page(html)
    items = {a["data-check"]: a for a in page.with_class("li", "finding")}
    assert {c: a["data-status"] for c, a in items.items()} == {
        "ENC002": "fixed",
        "TRM002": "fixed",
        "TRN002": "open",  # the re-check still reports it: listed once, marked in both columns
        "LT001": "open",  # only the corrected text has it
    }
    assert "After fixing: 2 findings still open, 2 fixed by locqa fix, 0 approved" in html
    fixed_cell = re.search(r'<td class="fixed".*?</td>', html, re.S)
    assert fixed_cell
    marked = re.findall(r'data-f="([^"]+)"[^>]*>([^<]*)</mark>', fixed_cell.group())
    trn002 = items["TRN002"]["id"]
    assert (trn002, "consumer") in marked
    assert [b["value"] for b in page.find("input", name="status")] == ["open", "fixed", "approved"]
    assert re.search(r'<mark class="sev-error resolved"[^>]*>&amp;#39;</mark>', html)


def test_articles_with_nothing_to_review_are_folded() -> None:
    quiet = ReportArticle(
        "content/en/q.md", "content/nl/q.md", (ReportRow("a", "b", line=1),), "en", "nl"
    )
    html = render_html([], [quiet])
    assert '<section class="article quiet"' in html
    assert "<details><summary>Show 1 segment</summary><table" in html


def test_skipped_checkers_are_stated() -> None:
    html = render_html([], [], skipped=["languagetool (--skip-languagetool)"])
    assert "Results are incomplete." in html and "languagetool (--skip-languagetool)" in html
    assert "Results are incomplete." not in render_html([], [])


def test_output_is_deterministic() -> None:
    mt = "a b c d e f"
    row = ReportRow(source="s", mt=mt, line=3)
    found = [finding(mt, i, i + 1, check=f"C{i % 3}") for i in range(0, 10, 2)]
    first = render_html(found, [article(row)])
    shuffled = found[:]
    random.Random(4).shuffle(shuffled)
    assert render_html(shuffled, [article(row)]) == first
    assert render_html(found, [article(row)], generated="2024-05-01") != first
    assert not re.search(r"20\d\d-\d\d-\d\d", first)


# --------------------------------------------------------------------------- from a project


def test_report_of_the_sample_project(sample_project: Path) -> None:
    from locqa.catalog import read_catalog
    from locqa.checking import check_project
    from locqa.config import load_settings
    from locqa.extract import extract, po_path
    from locqa.project import load_article, source_articles

    settings = load_settings(sample_project)
    extract(settings)
    run, _ = check_project(settings, skip_languagetool=True, annotate=False)
    assert run.findings
    rel = source_articles(settings)[0]
    art = load_article(settings, rel, "nl")
    shown = report_article(art, read_catalog(po_path(settings, "nl", rel), "nl"))
    assert art.target is not None
    assert len(shown.rows) == len(art.pairs)
    assert [r.mt for r in shown.rows if r.mt is not None] == [s.text for s in art.target.segments]

    path = write_html_report(settings, run)
    assert path == settings.build_root / "reports" / "index.html"
    page = Page(path.read_text(encoding="utf-8"))
    assert len(page.with_class("li", "finding")) == len(run.findings)
    placed_in_rows = sum(1 for t, a in page.tags if t == "mark")
    assert placed_in_rows >= sum(1 for f in run.findings if f.start is not None)
    assert "languagetool" in "".join(page.text)
