"""The HTML report: one self-contained page a reviewer would rather read than a PO file.

Counts at the top (per severity, per check), the checkers that were skipped, filters by
check and severity, and per article a side-by-side table *source / MT / corrected* with
every finding highlighted in place in the text it is about. After ``locqa fix`` each
finding is marked open, fixed or approved (:mod:`locqa.report.status`), and the counts at
the top are of the open ones.

Safety: every piece of text that comes from an article or a check (segment text, messages,
suggestions, paths, check codes) goes through :func:`html.escape` (quotes included), and
control/bidi characters are shown as visible escapes. Article text is never rendered as
Markdown: a link in an article is shown as its source text, so no ``javascript:`` URL can
become a link; the only links on the page are ``#`` anchors the report makes itself. The
page carries a Content-Security-Policy that allows no network access at all and runs only
the report's own script and style, identified by their SHA-256 hashes — an injected
``<script>`` would not run even if escaping ever failed.

The output depends only on the input: no timestamps unless one is passed as *generated*.
"""

from __future__ import annotations

import base64
import difflib
import hashlib
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from html import escape
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING

from babel.messages.catalog import Catalog

from ..findings import Finding, Resolution, Severity, Status, ordered
from ..inert import escape_char
from .status import Outcome, describe, reconcile

if TYPE_CHECKING:
    from ..checks.runner import CheckRun
    from ..config import Settings
    from ..project import Article

SEVERITIES = (Severity.ERROR, Severity.WARNING, Severity.INFO)
_TOKEN = re.compile(r"\w+|\s+|[^\w\s]", re.UNICODE)
_SLUG = re.compile(r"[^a-z0-9]+")


# --------------------------------------------------------------------------- input model


@dataclass(frozen=True, slots=True)
class ReportRow:
    """One aligned segment: the source text, the MT as received, and the corrected text.

    ``source`` is ``None`` for a block only the translation has, ``mt`` is ``None`` for a
    block missing from the translation; ``corrected`` is ``None`` when it equals ``mt``.
    """

    source: str | None
    mt: str | None
    corrected: str | None = None
    line: int = 0  # 1-based line in the translated file (0: not in the translation)
    source_line: int = 0
    kind: str = ""
    msgctxt: str | None = None
    fuzzy: bool = False  # the catalogue entry still needs review

    @property
    def final(self) -> str | None:
        return self.mt if self.corrected is None else self.corrected

    @property
    def changed(self) -> bool:
        return self.corrected is not None and self.corrected != self.mt


@dataclass(frozen=True, slots=True)
class ReportArticle:
    """One article in one language, as the report shows it."""

    source_path: str
    target_path: str  # the translated file the findings' ``path`` refers to
    rows: Sequence[ReportRow]
    source_lang: str
    target_lang: str
    published_path: str | None = None  # where ``locqa build`` wrote the corrected file


# --------------------------------------------------------------------------- text → HTML


def _text(text: str) -> str:
    """Escaped text; control, format and bidi characters shown as visible escapes."""
    if text.replace("\n", "").replace("\t", "").isprintable():  # the common case, fast
        return escape(text, quote=True)
    out = []
    for char in text:
        if char in "\n\t":
            out.append(char)
            continue
        shown = escape_char(char)
        if shown == char:
            out.append(escape(char, quote=True))
        else:
            out.append(f'<span class="ctl" title="U+{ord(char):04X}">{escape(shown)}</span>')
    return "".join(out)


def _attr(value: str) -> str:
    """A double-quoted attribute value; control characters replaced by visible escapes."""
    return '"' + escape("".join(escape_char(c) if c not in "\n\t" else c for c in value)) + '"'


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 or word == "info" else f"{count} {word}s"


def _slug(text: str) -> str:
    return _SLUG.sub("-", text.lower()).strip("-")[:60] or "article"


@dataclass(frozen=True, slots=True)
class _Placed:
    """A finding with its id on the page."""

    fid: str
    finding: Finding
    status: Status | None = None  # known when the findings after fixing are
    resolution: Resolution | None = None  # how a finding no longer open was resolved

    @property
    def is_open(self) -> bool:
        return self.status in (None, Status.OPEN)


def _tooltip(finding: Finding) -> str:
    tip = f"{finding.check} {finding.severity.value}: {finding.message}"
    if finding.suggestion is not None:
        tip += f"\nsuggestion: {finding.suggestion or '(delete)'}"
    return tip


def _highlight(text: str, placed: Sequence[_Placed]) -> str:
    """*text* with each finding's span wrapped in ``<mark>``; overlapping spans are split
    into pieces that name every finding covering them."""
    spans: list[tuple[int, int, _Placed]] = []
    for p in placed:
        if p.finding.start is None:
            continue
        start = max(0, min(p.finding.start, len(text)))
        end = max(start, min(p.finding.end if p.finding.end is not None else start, len(text)))
        spans.append((start, end, p))
    if not spans:
        return _text(text)
    bounds = sorted({0, len(text)} | {s for s, _, _ in spans} | {e for _, e, _ in spans})
    out: list[str] = []
    for k, a in enumerate(bounds):
        out.extend(_mark("", [p], point=True) for s, e, p in spans if s == e == a)
        if k + 1 == len(bounds):
            break
        b = bounds[k + 1]
        covering = [p for s, e, p in spans if s <= a and b <= e and s < e]
        piece = _text(text[a:b])
        out.append(_mark(piece, covering) if covering else piece)
    return "".join(out)


def _mark(inner: str, covering: Sequence[_Placed], *, point: bool = False) -> str:
    worst = max(covering, key=lambda p: p.finding.severity.rank).finding.severity
    ids = " ".join(p.fid for p in covering)
    tip = "\n".join(_tooltip(p.finding) for p in covering)
    cls = f"sev-{worst.value}" + (" point" if point else "")
    if not any(p.is_open for p in covering):
        cls += " resolved"
    return (
        f'<mark class="{cls}" data-f="{ids}" aria-describedby="{ids}" title={_attr(tip)}>'
        f"{inner}</mark>"
    )


def _diff(before: str, after: str) -> str:
    """*after*, with the words that differ from *before* wrapped in ``<ins>``."""
    a, b = _TOKEN.findall(before), _TOKEN.findall(after)
    out = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, _, _, j1, j2 in matcher.get_opcodes():
        piece = _text("".join(b[j1:j2]))
        if not piece:
            continue
        out.append(piece if op == "equal" else f"<ins>{piece}</ins>")
    return "".join(out)


def _finding_item(p: _Placed, *, located: bool = True) -> str:
    f = p.finding
    sev = f.severity.value
    resolved = f" resolved {p.status}" if not p.is_open else ""
    state = f'<span class="state">{_text(describe(p.resolution))}</span> ' if p.resolution else ""
    parts = [
        f'<li class="finding sev-{sev}{resolved}" '
        f'id="{p.fid}" data-sev="{sev}" data-check={_attr(f.check)}'
        + (f' data-status="{p.status}">' if p.status else ">"),
        f'<span class="code">{_text(f.check)}</span> ',
        f'<span class="sev">{sev}</span> ',
        state,
        f'<span class="msg">{_text(f.message)}</span>',
    ]
    if f.rule:
        parts.append(f' <span class="rule">[{_text(f.rule)}]</span>')
    if f.suggestion is not None:
        shown = (
            f'<span class="repl">{_text(f.suggestion)}</span>'
            if f.suggestion
            else "<em>(delete)</em>"
        )
        safety = f' <span class="fix">{f.fix.value} fix</span>' if f.fix else ""
        parts.append(f' <span class="sugg">→ {shown}{safety}</span>')
    if not located and f.msgstr:
        parts.append(f'<div class="about">in: {_highlight(f.msgstr, [p])}</div>')
    parts.append("</li>")
    return "".join(parts)


def _finding_list(placed: Sequence[_Placed], *, located: bool = True) -> str:
    if not placed:
        return ""
    items = "".join(_finding_item(p, located=located) for p in placed)
    return f'<ul class="findings">{items}</ul>'


# --------------------------------------------------------------------------- placing


def _place(
    row_index: dict[tuple[int, str], int], rows: Sequence[ReportRow], finding: Finding
) -> tuple[int, str] | None:
    """The row a finding belongs to and the column its span indexes ("mt" or "corrected")."""
    for column in ("mt", "corrected"):
        hit = row_index.get((finding.line, column + "\0" + finding.msgstr))
        if hit is not None:
            return hit, column
    for i, row in enumerate(rows):  # same text elsewhere (line unknown or shifted)
        if not finding.msgstr or finding.msgid != (row.source or ""):
            continue
        if finding.msgstr == row.mt:
            return i, "mt"
        if row.changed and finding.msgstr == row.corrected:
            return i, "corrected"
    for i, row in enumerate(rows):  # whole-entry findings on a block (e.g. missing block)
        if not finding.msgstr and finding.msgid and finding.msgid == row.source:
            return i, "mt"
    return None


@dataclass
class _ArticleView:
    article: ReportArticle
    anchor: str
    by_row: dict[tuple[int, str], list[_Placed]] = field(default_factory=dict)
    loose: list[_Placed] = field(default_factory=list)
    # highlights of a finding listed elsewhere in the row: the same problem, still present
    # in the corrected text (the re-check's span, the original finding's id)
    echoes: dict[tuple[int, str], list[_Placed]] = field(default_factory=dict)

    @property
    def findings(self) -> list[_Placed]:
        placed = [p for found in self.by_row.values() for p in found] + self.loose
        return sorted(placed, key=lambda p: int(p.fid[1:]))


_Spot = tuple[int, str]  # (row index, column) of a finding in its article
_Listed = tuple[Finding, Status | None, Resolution | None]


def _listing(
    findings: Sequence[Finding], outcome: Outcome | None
) -> tuple[list[_Listed], list[tuple[Finding, Finding]]]:
    """The findings the page lists, each with its status (None when the findings after
    fixing are not known): those of the check before fixing and, after fixing, those on
    approved entries and those only the corrected text has. Also, for highlighting, each
    finding after fixing that continues a listed one in changed text, with that one."""
    if outcome is None:
        return [(f, None, None) for f in ordered(findings)], []
    listed: list[_Listed] = []
    for f in ordered([*findings, *outcome.approved]):
        resolution = outcome.resolutions.get(f)
        listed.append((f, resolution.status if resolution else Status.OPEN, resolution))
    known = {f for f, _, _ in listed}
    echoes = [(now, was) for now, was in outcome.pairs if was in known and now != was]
    listed += [(now, Status.OPEN, None) for now, was in outcome.pairs if was not in known]
    return listed, echoes


def _views(
    articles: Sequence[ReportArticle], findings: Sequence[Finding], outcome: Outcome | None
) -> tuple[list[_ArticleView], list[_Placed], list[_Placed]]:
    """Per article, each finding placed in its row (or listed apart); the findings outside
    every article; and every finding shown, in page order."""
    views: list[_ArticleView] = []
    by_path: dict[str, _ArticleView] = {}
    for n, art in enumerate(articles, 1):
        view = _ArticleView(art, f"a{n}-{_slug(art.target_path)}")
        views.append(view)
        by_path.setdefault(art.target_path, view)
    indexes: dict[str, dict[tuple[int, str], int]] = {}
    for view in views:
        index: dict[tuple[int, str], int] = {}
        for i, row in enumerate(view.article.rows):
            if row.mt is not None:
                index.setdefault((row.line, "mt\0" + row.mt), i)
            if row.changed and row.corrected is not None:
                index.setdefault((row.line, "corrected\0" + row.corrected), i)
        indexes[view.article.target_path] = index

    def where(finding: Finding) -> _Spot | None:
        home = by_path.get(finding.path)
        return _place(indexes[finding.path], home.article.rows, finding) if home else None

    listed, echoes = _listing(findings, outcome)
    outside: list[_Placed] = []
    every: list[_Placed] = []
    fid: dict[Finding, str] = {}
    for n, (finding, status, resolution) in enumerate(listed, 1):
        placed = _Placed(f"f{n}", finding, status, resolution)
        every.append(placed)
        fid.setdefault(finding, placed.fid)
        home = by_path.get(finding.path)
        spot = where(finding)
        if home is None:
            outside.append(placed)
        elif spot is None:
            home.loose.append(placed)
        else:
            home.by_row.setdefault(spot, []).append(placed)
    for now, was in echoes:
        spot = where(now)
        if spot is not None:
            echo = _Placed(fid[was], now, Status.OPEN)
            by_path[now.path].echoes.setdefault(spot, []).append(echo)
    return views, outside, every


# --------------------------------------------------------------------------- page parts


_STATUS_LABELS = {
    Status.OPEN: "still open",
    Status.FIXED: "fixed by locqa fix",
    Status.APPROVED: "approved by a reviewer",
}


def _counts(placed: Sequence[_Placed], check_names: Mapping[str, str]) -> str:
    """The headline: open findings per severity, and a table of the findings per check
    (per status when the findings after fixing are known)."""
    still = [p.finding for p in placed if p.is_open]
    by_sev = Counter(f.severity for f in still)
    cards = "".join(
        f'<li class="count sev-{s.value}"><span class="n">{by_sev[s]}</span> '
        f'<span class="label">{s.value}{"" if s is Severity.INFO or by_sev[s] == 1 else "s"}'
        "</span></li>"
        for s in SEVERITIES
    )
    out = [
        '<div class="overview">',
        f'<ul class="counts" aria-label="Open findings per severity">{cards}</ul>',
    ]
    statuses = list(Status) if any(p.status is not None for p in placed) else [Status.OPEN]
    by_check = Counter((p.finding.check, p.status or Status.OPEN) for p in placed)
    codes = sorted({p.finding.check for p in placed})
    if codes:
        rows = []
        for code in codes:
            severities = [p.finding.severity for p in placed if p.finding.check == code]
            worst = max(severities, key=lambda s: s.rank)
            cells = "".join(f'<td class="num">{by_check[code, s]}</td>' for s in statuses)
            rows.append(
                f'<tr><th scope="row"><span class="code sev-{worst.value}">{_text(code)}</span>'
                f"</th><td>{_text(check_names.get(code, ''))}</td>{cells}</tr>"
            )
        heads = "".join(
            f'<th scope="col" class="num">'
            f"{s.value.capitalize() if len(statuses) > 1 else 'Findings'}</th>"
            for s in statuses
        )
        out.append(
            '<table class="per-check"><caption>Findings per check</caption><thead><tr>'
            f'<th scope="col">Check</th><th scope="col">What it catches</th>{heads}</tr>'
            f"</thead><tbody>{''.join(rows)}</tbody></table>"
        )
    out.append("</div>")
    return "".join(out)


def _skipped(skipped: Sequence[str]) -> str:
    if not skipped:
        return ""
    items = "".join(f"<li>{_text(name)}</li>" for name in skipped)
    return (
        '<div class="skipped" role="note"><p><strong>Results are incomplete.</strong> '
        f"These checks did not run:</p><ul>{items}</ul></div>"
    )


def _filters(placed: Sequence[_Placed], check_names: Mapping[str, str]) -> str:
    findings = [p.finding for p in placed]
    by_sev = Counter(f.severity for f in findings)
    sev_boxes = "".join(
        f'<label><input type="checkbox" name="severity" value="{s.value}" checked> '
        f'<span class="sev-{s.value} tag">{s.value}</span> ({by_sev[s]})</label>'
        for s in SEVERITIES
    )
    by_check = Counter(f.check for f in findings)
    check_boxes = "".join(
        f'<label title={_attr(check_names.get(code, ""))}><input type="checkbox" name="check" '
        f"value={_attr(code)} checked> {_text(code)} ({by_check[code]})</label>"
        for code in sorted(by_check)
    )
    by_status = Counter(p.status for p in placed if p.status)
    status = ""
    if by_status:
        status = (
            "<fieldset><legend>Status</legend>"
            + "".join(
                f'<label><input type="checkbox" name="status" value="{name}" checked> {label} '
                f"({by_status[name]})</label>"
                for name, label in _STATUS_LABELS.items()
            )
            + "</fieldset>"
        )
    return (
        '<form id="filters" class="filters" aria-label="Filter findings">'
        f"<fieldset><legend>Severity</legend>{sev_boxes}</fieldset>{status}"
        f'<fieldset><legend>Check</legend><div class="checks">{check_boxes}</div>'
        '<div class="bulk"><button type="button" data-all="check">All checks</button> '
        '<button type="button" data-none="check">No checks</button></div></fieldset>'
        "<fieldset><legend>Segments</legend><label>"
        '<input type="checkbox" name="only" checked> only segments with findings or '
        "corrections</label></fieldset>"
        f'<p id="status" class="status" role="status" aria-live="polite">'
        f"Showing {len(findings)} of {len(findings)} findings</p></form>"
    )


def _tally(placed: Sequence[_Placed]) -> str:
    """``3 findings``; after fixing ``1 open finding`` (the others are resolved)."""
    n = sum(1 for p in placed if p.is_open)
    word = "open finding" if any(p.status is not None for p in placed) else "finding"
    return _plural(n, word)


def _resolved(placed: Sequence[_Placed]) -> str:
    """``; 3 fixed, 1 approved``: the findings no longer open (nothing when none are)."""
    counts = Counter(p.status for p in placed if not p.is_open)
    parts = [f"{counts[s]} {s.value}" for s in (Status.FIXED, Status.APPROVED) if counts[s]]
    return "; " + ", ".join(parts) if parts else ""


def _toc(views: Sequence[_ArticleView]) -> str:
    items = []
    for view in views:
        art = view.article
        changed = sum(1 for r in art.rows if r.changed)
        items.append(
            f'<li><a href="#{view.anchor}">{_text(art.target_path)}</a> '
            f'<span class="meta">{_tally(view.findings)}{_resolved(view.findings)}, '
            f"{changed} corrected segment{'' if changed == 1 else 's'}</span></li>"
        )
    return (
        f'<nav aria-label="Articles"><h2>Articles</h2><ol class="toc">{"".join(items)}</ol></nav>'
    )


def _cell(css: str, lang: str, body: str, extra: str = "") -> str:
    return f'<td class="{css}" lang={_attr(lang)}><div class="txt">{body}</div>{extra}</td>'


def _row(view: _ArticleView, i: int, row: ReportRow) -> str:
    art = view.article
    on_mt = view.by_row.get((i, "mt"), [])
    on_fixed = view.by_row.get((i, "corrected"), [])
    marks_fixed = [*on_fixed, *view.echoes.get((i, "corrected"), [])]
    classes = ["seg"] + (["changed"] if row.changed else [])
    unresolved = [p for p in (*on_mt, *on_fixed) if p.is_open]
    if unresolved:
        worst = max((p.finding.severity for p in unresolved), key=lambda v: v.rank)
        classes.append(f"flag-{worst.value}")
    elif on_mt or on_fixed:
        classes.append("flag-resolved")
    missing = '<td class="{}"><span class="missing">(missing)</span></td>'
    if row.source is None:
        src = missing.format("src")
    else:
        src = _cell("src", art.source_lang, _text(row.source))
    if row.mt is None:
        mt = f'<td class="mt"><span class="missing">(missing)</span>{_finding_list(on_mt)}</td>'
    else:
        mt = _cell("mt", art.target_lang, _highlight(row.mt, on_mt), _finding_list(on_mt))
    badge = ' <span class="badge fuzzy">needs review</span>' if row.fuzzy else ""
    if row.changed and row.corrected is not None:
        body = (
            _highlight(row.corrected, marks_fixed)
            if marks_fixed
            else _diff(row.mt or "", row.corrected)
        )
        fixed = _cell("fixed", art.target_lang, body, badge + _finding_list(on_fixed))
    elif row.mt is None:
        fixed = missing.format("fixed")
    else:
        fixed = f'<td class="fixed same"><span class="same-note">unchanged</span>{badge}</td>'
    line = str(row.line) if row.line else "–"
    kind = f'<span class="kind">{_text(row.kind)}</span>' if row.kind else ""
    return (
        f'<tr class="{" ".join(classes)}" data-changed="{int(row.changed)}">'
        f'<th scope="row" class="line">{line}{kind}</th>{src}{mt}{fixed}</tr>'
    )


def _article(view: _ArticleView) -> str:
    art = view.article
    found = view.findings
    by_sev = Counter(p.finding.severity for p in found if p.is_open)
    summary = ", ".join(_plural(by_sev[s], s.value) for s in SEVERITIES if by_sev[s])
    if summary and any(p.status is not None for p in found):
        summary += " open"
    summary = (summary or ("no open findings" if found else "no findings")) + _resolved(found)
    changed = sum(1 for r in art.rows if r.changed)
    paths = (
        f"<dt>Source</dt><dd><code>{_text(art.source_path)}</code></dd>"
        f"<dt>Machine translation</dt><dd><code>{_text(art.target_path)}</code></dd>"
    )
    if art.published_path:
        paths += f"<dt>Published</dt><dd><code>{_text(art.published_path)}</code></dd>"
    loose = ""
    if view.loose:
        loose = "<h3>Findings on the article as a whole</h3>" + _finding_list(
            view.loose, located=False
        )
    rows = "".join(_row(view, i, row) for i, row in enumerate(art.rows))
    heading_id = f"{view.anchor}-h"
    table = (
        f'<table class="segments"><caption class="sr-only">Segments of '
        f"{_text(art.target_path)}: source, machine translation and corrected text</caption>"
        '<thead><tr><th scope="col" class="line">Line</th>'
        f'<th scope="col">Source ({_text(art.source_lang)})</th>'
        f'<th scope="col">Machine translation ({_text(art.target_lang)})</th>'
        f'<th scope="col">Corrected ({_text(art.target_lang)})</th></tr></thead>'
        f"<tbody>{rows}</tbody></table>"
    )
    quiet = not found and not changed
    if quiet:  # nothing to review: the segments stay one click away
        table = (
            f"<details><summary>Show {_plural(len(art.rows), 'segment')}</summary>{table}</details>"
        )
    return (
        f'<section class="article{" quiet" if quiet else ""}" id="{view.anchor}" '
        f'aria-labelledby="{heading_id}">'
        f'<h2 id="{heading_id}">{_text(art.target_path)}</h2>'
        f'<p class="meta">{summary}; '
        f"{changed} of {len(art.rows)} segments corrected. "
        f'<span class="visible-count" data-for="{view.anchor}"></span></p>'
        f'<dl class="paths">{paths}</dl>{loose}{table}'
        '<p class="top"><a href="#top">Back to top</a></p></section>'
    )


def _outside(outside: Sequence[_Placed]) -> str:
    if not outside:
        return ""
    by_path: dict[str, list[_Placed]] = {}
    for p in outside:
        by_path.setdefault(p.finding.path, []).append(p)
    parts = [
        '<section class="article" id="other" aria-labelledby="other-h">'
        '<h2 id="other-h">Findings in files without an article view</h2>'
    ]
    for path, placed in by_path.items():
        parts.append(f"<h3>{_text(path or '(no file)')}</h3>")
        parts.append(_finding_list(placed, located=False))
    parts.append("</section>")
    return "".join(parts)


def _asset(name: str) -> str:
    return files("locqa").joinpath("data", name).read_text(encoding="utf-8")


def _sha256(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def content_security_policy(style: str, script: str) -> str:
    """No network, no plugins, no forms; only the report's own style and script run."""
    return (
        f"default-src 'none'; style-src {_sha256(style)}; script-src {_sha256(script)}; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )


# --------------------------------------------------------------------------- entry points


def render_html(
    findings: Sequence[Finding],
    articles: Sequence[ReportArticle],
    *,
    skipped: Sequence[str] = (),
    title: str = "locqa report",
    check_names: Mapping[str, str] | None = None,
    generated: str | None = None,
    remaining: Sequence[Finding] | None = None,
    outcome: Outcome | None = None,
) -> str:
    """The whole report page.

    *findings* are all the findings of the run; each is shown in the article whose
    ``target_path`` equals its ``path``, highlighted in the row whose MT (or corrected)
    text it is about. *check_names* maps a check code to its one-line summary. *generated*
    (e.g. a timestamp or commit) is printed as given; without it the page is a pure
    function of the input.

    *outcome*, when given, reconciles *findings* (the check before fixing) with what the
    checks report after fixing (:mod:`locqa.report.status`): each finding is then marked
    *open*, *fixed* or *approved*, findings on approved entries and findings only the
    corrected text has are added, and the headline counts open findings. *remaining*
    (the findings after fixing) is short for ``outcome=reconcile(findings, remaining)``.
    """
    names = dict(check_names or {})
    if outcome is None and remaining is not None:
        outcome = reconcile(findings, remaining)
    views, outside, every = _views(articles, findings, outcome)
    style, script = _asset("report.css"), _asset("report.js")
    csp = content_security_policy(style, script)
    rows = sum(len(a.rows) for a in articles)
    changed = sum(1 for a in articles for r in a.rows if r.changed)
    fuzzy = sum(1 for a in articles for r in a.rows if r.fuzzy)
    stamp = f" Generated {_text(generated)}." if generated else ""
    overview = (
        f'<p class="meta">{len(articles)} article{"" if len(articles) == 1 else "s"}, '
        f"{rows} segments, {changed} corrected, {fuzzy} still to review.{stamp}</p>"
    )
    if outcome is not None:
        by_status = Counter(p.status for p in every)
        overview += (
            f'<p class="meta">After fixing: {_plural(by_status[Status.OPEN], "finding")} '
            f"still open, {by_status[Status.FIXED]} fixed by locqa fix, "
            f"{by_status[Status.APPROVED]} approved by a reviewer.</p>"
        )
    body = "".join(_article(v) for v in views) + _outside(outside)
    if not articles and not outside:
        body = "<p>No articles were checked.</p>"
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content={_attr(csp)}>'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="referrer" content="no-referrer">'
        '<link rel="icon" href="data:,">'
        f"<title>{_text(title)}</title><style>{style}</style></head>\n"
        f'<body><a class="skip" href="#main">Skip to the articles</a>'
        f'<header id="top"><h1>{_text(title)}</h1>{overview}{_skipped(skipped)}'
        f"{_counts(every, names)}</header>\n"
        f'<aside class="controls">{_filters(every, names)}{_toc(views)}</aside>\n'
        f'<main id="main">{body}</main>\n'
        f"<script>{script}</script></body></html>\n"
    )


# --------------------------------------------------------------------------- from a project


def report_article(
    article: Article,
    catalog: Catalog | None = None,
    published_path: str | None = None,
    source_lang: str = "en",
) -> ReportArticle:
    """The rows of *article*: its aligned segments, with the corrected text taken from
    *catalog* (a Babel catalogue after ``locqa fix``/review) when given."""
    from ..catalog import entry_keys

    source, target = article.source, article.target
    keys = entry_keys(article) if target is not None else {}
    rows = []
    for pair in article.pairs:
        s = source.segments[pair.source] if pair.source is not None else None
        t = target.segments[pair.target] if target is not None and pair.target is not None else None
        corrected: str | None = None
        fuzzy = False
        ctx: str | None = None
        if pair.target is not None and pair.target in keys:
            ctx, msgid = keys[pair.target]
            if catalog is not None:
                message = catalog.get(msgid, ctx)
                if message is not None:
                    fuzzy = bool(message.fuzzy)
                    if isinstance(message.string, str) and message.string:
                        corrected = message.string
        rows.append(
            ReportRow(
                source=s.text if s else None,
                mt=t.text if t else None,
                corrected=corrected if t is not None and corrected != t.text else None,
                line=t.line if t else 0,
                source_line=s.line if s else 0,
                kind=t.kind if t else s.kind if s else "",
                msgctxt=ctx,
                fuzzy=fuzzy,
            )
        )
    return ReportArticle(
        source_path=source.path,
        target_path=target.path if target is not None else "",
        rows=tuple(rows),
        source_lang=source_lang,
        target_lang=article.lang,
        published_path=published_path,
    )


def project_articles(
    settings: Settings, languages: Iterable[str] | None = None, *, in_place: bool = False
) -> list[ReportArticle]:
    """Every article of the project, corrected text read from its catalogue."""
    from ..catalog import read_catalog
    from ..project import load_article, orphans, po_path, source_articles

    out = []
    for lang in tuple(languages or settings.languages):
        missing = {o.rel for o in orphans(settings, lang) if o.side == "source"}
        for rel in source_articles(settings):
            if rel in missing:
                continue
            article = load_article(settings, rel, lang)
            po = po_path(settings, lang, rel)
            catalog = read_catalog(po, lang, settings.display(po)) if po.is_file() else None
            built = settings.target_dir_for(lang) if in_place else settings.build_root / lang
            out.append(
                report_article(
                    article, catalog, settings.display(built / rel), settings.source_lang
                )
            )
    return out


def write_html_report(
    settings: Settings,
    run: CheckRun,
    output: Path | None = None,
    *,
    title: str = "locqa report",
    in_place: bool = False,
    generated: str | None = None,
    remaining: Sequence[Finding] | None = None,
    outcome: Outcome | None = None,
) -> Path:
    """Render the report for *run* (the check before fixing) over the project's articles,
    corrected text read from the catalogues, and write it atomically to *output* (default
    ``<build-dir>/reports/index.html``). *outcome* is how the findings stand after
    ``locqa fix`` (:meth:`locqa.fix.FixResult.outcome`), if known; *remaining*, the
    findings ``locqa fix`` still reported (``FixResult.remaining``), is short for a plain
    :func:`~locqa.report.status.reconcile`. Returns the path written."""
    from ..atomic import write_text
    from ..checks.base import REGISTRY

    names = {code: cls.summary for code, cls in REGISTRY.items()}
    page = render_html(
        run.findings,
        project_articles(settings, in_place=in_place),
        skipped=run.skipped,
        title=title,
        check_names=names,
        generated=generated,
        remaining=remaining,
        outcome=outcome,
    )
    path = output or settings.build_root / "reports" / "index.html"
    write_text(path, page)
    return path
