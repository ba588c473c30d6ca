"""The human-readable report: findings grouped by file, the offending words highlighted.

Every piece of text that comes from an article (msgstr, msgid, paths, messages that quote
the text) is made *inert* before it reaches a terminal: C0/C1 control characters, format
characters (bidi overrides, zero-width spaces...) and line/paragraph separators are shown as
visible escapes (``\\x1b``, ``\\u202e``), and in colour mode the text is handed to rich as
plain :class:`rich.text.Text`, never parsed as markup, so ``[bold]`` prints literally.
"""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from rich.cells import cell_len
from rich.text import Text

from ..findings import Finding, Resolution, Severity, Status, ordered
from ..inert import inert, inert_console
from .status import Resolutions, count_statuses, describe, open_findings

#: ``locate(finding) -> (start_line, start_col, end_line, end_col)`` in the translated
#: Markdown file (1-based lines and columns, end column exclusive), or ``None``.
Locator = Callable[[Finding], "tuple[int, int, int, int] | None"]

_EXCERPT_CELLS = 100  # how much of a long msgstr line to show around the span
_SEVERITY_STYLE = {
    Severity.ERROR: "bold red",
    Severity.WARNING: "yellow",
    Severity.INFO: "cyan",
}


@dataclass(frozen=True, slots=True)
class _Excerpt:
    """One displayable line of a msgstr with the span's position in terminal cells."""

    before: str
    span: str
    after: str

    @property
    def caret_offset(self) -> int:
        return cell_len(self.before)

    @property
    def caret_width(self) -> int:
        return max(1, cell_len(self.span))


def _excerpt(msgstr: str, start: int, end: int) -> _Excerpt:
    """The msgstr line holding ``msgstr[start:end]``, cut to a window around the span.

    A span that runs past the end of its line is shown up to the end of that line.
    """
    start = max(0, min(start, len(msgstr)))
    end = max(start, min(end, len(msgstr)))
    line_start = msgstr.rfind("\n", 0, start) + 1
    line_end = msgstr.find("\n", start)
    if line_end == -1:
        line_end = len(msgstr)
    end = min(end, line_end)
    before = msgstr[line_start:start]
    span = msgstr[start:end]
    after = msgstr[end:line_end]
    budget = max(20, _EXCERPT_CELLS - len(span))
    if len(before) + len(after) > budget:
        keep_before = min(len(before), max(budget // 2, budget - len(after)))
        keep_after = min(len(after), budget - keep_before)
        if keep_before < len(before):
            before = "…" + (before[len(before) - keep_before :] if keep_before else "")
        if keep_after < len(after):
            after = after[:keep_after] + "…"
    return _Excerpt(inert(before), inert(span), inert(after))


def _first_line(msgstr: str) -> str:
    line = msgstr.split("\n", 1)[0]
    if len(line) > _EXCERPT_CELLS:
        line = line[:_EXCERPT_CELLS] + "…"
    return inert(line)


def _position(finding: Finding, locate: Locator | None) -> str:
    """``line:col`` in the Markdown file when *locate* knows it, else the segment's line
    and the 1-based column of the span inside the msgstr."""
    where = locate(finding) if locate is not None else None
    if where is not None:
        return f"{where[0]}:{where[1]}"
    column = 1 if finding.start is None else finding.start + 1
    return f"{finding.line}:{column}"


def _gutter(prefix: str = "    | ") -> Text:
    text = Text()
    text.append(prefix, style="dim")
    return text


def _finding_lines(
    finding: Finding, locate: Locator | None, resolution: Resolution | None = None
) -> list[Text]:
    lines: list[Text] = []
    head = Text()
    head.append(f"{inert(finding.path)}:{_position(finding, locate)} ", style="bold")
    head.append(f"{finding.check} ", style="bold magenta")
    head.append(f"{finding.severity.value} ", style=_SEVERITY_STYLE[finding.severity])
    head.append(inert(finding.message))
    if finding.rule:
        head.append(f" [{inert(finding.rule)}]", style="dim")
    if resolution is not None:
        head.append(f" ({describe(resolution)})", style="green")
    lines.append(head)
    if finding.start is not None and finding.msgstr:
        excerpt = _excerpt(finding.msgstr, finding.start, finding.end or finding.start)
        body = _gutter()
        body.append(excerpt.before)
        body.append(excerpt.span, style="bold red underline" if excerpt.span else "")
        body.append(excerpt.after)
        lines.append(body)
        carets = _gutter()
        carets.append(" " * excerpt.caret_offset + "^" * excerpt.caret_width, style="red")
        lines.append(carets)
    elif finding.msgstr:
        lines.append(_gutter() + Text(_first_line(finding.msgstr)))
    if finding.suggestion is not None:
        fix = f" ({finding.fix.value} fix)" if finding.fix else ""
        hint = _gutter("    = suggestion: ")
        shown = f"“{inert(finding.suggestion)}”" if finding.suggestion else "(delete the span)"
        hint.append(shown, style="green")
        hint.append(fix, style="dim")
        lines.append(hint)
    return lines


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 or word == "info" else f"{count} {word}s"


def _counts(findings: Sequence[Finding], state: str = "") -> str:
    """``2 errors, 1 warning, 0 info in 1 file`` (``… 0 info open in 1 file``)."""
    by_severity = Counter(f.severity for f in findings)
    counts = ", ".join(
        _plural(by_severity[severity], severity.value)
        for severity in (Severity.ERROR, Severity.WARNING, Severity.INFO)
    )
    files = _plural(len({f.path for f in findings}), "file")
    return f"{counts}{' ' + state if state else ''} in {files}"


def _resolved_note(findings: Sequence[Finding], resolutions: Resolutions | None) -> str:
    """``19 fixed by locqa fix, 1 approved by a reviewer``: the findings no longer open."""
    counts = count_statuses(findings, resolutions)
    return (
        f"{counts[Status.FIXED]} fixed by locqa fix, "
        f"{counts[Status.APPROVED]} approved by a reviewer"
    )


def status_line(findings: Sequence[Finding], resolutions: Resolutions | None) -> str:
    """The last line of ``locqa run``: what is open after fixing, and what is not."""
    still = open_findings(findings, resolutions)
    opened = _counts(still, "open") if still else "no findings open"
    return f"After fixing: {opened}; {_resolved_note(findings, resolutions)}."


def _summary_lines(
    findings: Sequence[Finding], skipped: Sequence[str], resolutions: Resolutions | None = None
) -> list[Text]:
    still = open_findings(findings, resolutions)
    lines: list[Text] = []
    if still:
        lines.append(Text(f"Found {_counts(still)}.", style="bold"))
        by_check = Counter(f.check for f in still)
        width = max(len(code) for code in by_check)
        for code, count in sorted(by_check.items()):
            lines.append(Text(f"  {code:<{width}}  {count:>5}"))
    else:
        lines.append(Text("No open findings." if findings else "No findings.", style="bold green"))
    if len(still) < len(findings):
        lines.append(Text(f"Not open: {_resolved_note(findings, resolutions)}.", style="green"))
    if skipped:
        names = ", ".join(inert(name) for name in skipped)
        lines.append(
            Text(
                f"Skipped: {names} (these checks did not run; results are incomplete).",
                style="bold yellow",
            )
        )
    return lines


def _render(lines: Iterable[Text], color: bool) -> str:
    if not color:
        return "".join(f"{line.plain}\n" for line in lines)
    buffer = io.StringIO()
    console = inert_console(buffer)
    for line in lines:
        console.print(line)
    return buffer.getvalue()


def render_text(
    findings: Sequence[Finding],
    *,
    color: bool,
    quiet: bool = False,
    skipped: Sequence[str] = (),
    locate: Locator | None = None,
    resolutions: Resolutions | None = None,
) -> str:
    """The report for people and CI logs.

    Findings are grouped by file in :attr:`Finding.sort_key` order; each shows
    ``path:line:col CODE severity message``, then the msgstr line with the span highlighted
    (colour) or underlined with ``^^^`` (plain). ``quiet`` prints only the summary: counts
    per severity and per check, and the checkers that were *skipped*. *resolutions* are
    the findings no longer open (:mod:`locqa.report.status`): each says how it was
    resolved, and the counts are of open findings.
    """
    resolved = resolutions or {}
    in_order = ordered(findings)
    lines: list[Text] = []
    if not quiet:
        path: str | None = None
        for finding in in_order:
            if finding.path != path:
                if path is not None:
                    lines.append(Text(""))
                path = finding.path
                lines.append(Text(inert(path) or "(no file)", style="bold underline"))
            lines.extend(_finding_lines(finding, locate, resolved.get(finding)))
        if in_order:
            lines.append(Text(""))
    lines.extend(_summary_lines(in_order, skipped, resolved))
    return _render(lines, color)
