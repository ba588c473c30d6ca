"""The text report: layout, highlighting, summary, and inert display of article text."""

from __future__ import annotations

import re

from locqa.findings import Finding, FixSafety, Severity
from locqa.report.text import inert, render_text

SGR = re.compile(r"\x1b\[[0-9;]*m")


def make(
    msgstr: str,
    start: int | None,
    end: int | None,
    *,
    check: str = "ENC001",
    severity: Severity = Severity.ERROR,
    message: str = "Mojibake",
    path: str = "content/nl/page.md",
    line: int = 3,
    suggestion: str | None = None,
    fix: FixSafety | None = None,
) -> Finding:
    return Finding(
        check=check,
        severity=severity,
        message=message,
        path=path,
        line=line,
        msgid="source",
        msgstr=msgstr,
        start=start,
        end=end,
        suggestion=suggestion,
        fix=fix,
    )


def caret_span(output: str, text_line: str) -> str:
    """The characters of *text_line* (as displayed) that the caret line under it marks."""
    lines = output.splitlines()
    index = lines.index(text_line)
    carets = lines[index + 1]
    first, last = carets.index("^"), carets.rindex("^") + 1
    return lines[index][first:last]


def test_plain_layout_and_caret_under_the_span() -> None:
    msgstr = "Elke cliÃ«nt krijgt een factuur."
    finding = make(msgstr, 5, 12, suggestion="cliënt", fix=FixSafety.SAFE)
    out = render_text([finding], color=False)
    assert "content/nl/page.md:3:6 ENC001 error Mojibake" in out
    assert caret_span(out, f"    | {msgstr}") == "cliÃ«nt"
    assert "suggestion: “cliënt” (safe fix)" in out
    assert "\x1b" not in out


def test_caret_alignment_counts_terminal_cells() -> None:
    msgstr = "日本語 fout hier"  # three double-width characters before the span
    out = render_text([make(msgstr, 4, 8)], color=False)
    lines = out.splitlines()
    index = lines.index(f"    | {msgstr}")
    assert lines[index + 1] == "    | " + " " * 7 + "^^^^"


def test_multiline_msgstr_shows_the_line_with_the_span() -> None:
    msgstr = "Eerste regel.\nTweede regel met fuot erin."
    start = msgstr.index("fuot")
    out = render_text([make(msgstr, start, start + 4)], color=False)
    assert caret_span(out, "    | Tweede regel met fuot erin.") == "fuot"
    assert "Eerste regel." not in out


def test_long_line_is_cut_around_the_span() -> None:
    msgstr = "woord " * 100 + "FOUT" + " woord" * 100
    start = msgstr.index("FOUT")
    out = render_text([make(msgstr, start, start + 4)], color=False)
    text_line = next(line for line in out.splitlines() if "FOUT" in line)
    assert len(text_line) < 140
    assert text_line.count("…") == 2
    assert caret_span(out, text_line) == "FOUT"


def test_grouped_by_file_in_order_with_summary() -> None:
    findings = [
        make("b", 0, 1, path="b.md", line=1, check="TRM001", severity=Severity.WARNING),
        make("a2", 0, 1, path="a.md", line=9, check="ENC002"),
        make("a1", None, None, path="a.md", line=2, check="TRN001", severity=Severity.INFO),
    ]
    out = render_text(findings, color=False)
    assert out.index("a.md:2:1 TRN001") < out.index("a.md:9:1 ENC002") < out.index("b.md:1:1")
    assert out.splitlines().count("a.md") == 1
    assert "Found 1 error, 1 warning, 1 info in 2 files." in out
    assert re.search(r"^  ENC002\s+1$", out, re.MULTILINE)
    assert re.search(r"^  TRM001\s+1$", out, re.MULTILINE)


def test_quiet_prints_only_the_counts_and_skipped_checkers() -> None:
    out = render_text(
        [make("geheim woord", 0, 6)], color=False, quiet=True, skipped=["LanguageTool"]
    )
    assert "geheim" not in out
    assert "Found 1 error, 0 warnings, 0 info in 1 file." in out
    assert "Skipped: LanguageTool" in out


def test_no_findings() -> None:
    assert render_text([], color=False).strip() == "No findings."


def test_locate_gives_the_column_in_the_markdown_file() -> None:
    out = render_text([make("abc", 1, 2)], color=False, locate=lambda f: (7, 15, 7, 16))
    assert "content/nl/page.md:7:15 ENC001" in out


def test_escape_sequences_never_reach_the_terminal_raw() -> None:
    hostile = "Klik \x1b[2J\x1b]0;pwned\x07 hier \x9b31m en \u202egnirts"
    finding = make(hostile, 5, 9, message="Bad \x1b[31mred", suggestion="\x1b[0m")
    for color in (False, True):
        out = render_text([finding], color=color)
        visible = SGR.sub("", out)
        assert "\x1b" not in visible
        assert "\x07" not in out and "\x9b" not in out and "\u202e" not in out
        assert "\\x1b[2J" in visible and "\\u202e" in visible and "\\x9b" in visible
    # In plain mode there are no escape characters at all.
    assert "\x1b" not in render_text([finding], color=False)


def test_rich_markup_in_article_text_prints_literally() -> None:
    msgstr = "Gebruik [bold]vet[/bold] en [link=https://x]link[/link]"
    finding = make(msgstr, 8, 14, message="Check [red]this[/red]", path="[b]dir[/b]/p.md")
    out = SGR.sub("", render_text([finding], color=True))
    assert msgstr in out
    assert "Check [red]this[/red]" in out
    assert "[b]dir[/b]/p.md" in out


def test_color_output_highlights_the_span() -> None:
    out = render_text([make("een fout hier", 4, 8)], color=True)
    assert re.search(r"\x1b\[[0-9;]*4[0-9;]*mfout\x1b\[0m", out)  # underlined span


def test_inert_escapes_controls_and_keeps_ordinary_text() -> None:
    assert inert("cliënt vóór\ttab\x00\u200b") == "cliënt vóór\\x09tab\\x00\\u200b"
