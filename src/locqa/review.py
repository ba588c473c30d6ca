"""``locqa review``: walk the flagged entries in the terminal and decide each one.

The session is plain line-oriented text on standard output and standard input (no curses),
so it works over ssh, in a CI log, and scripted from a test. For each entry with findings
it shows the source, the current translation with the findings' spans marked ``⟦…⟧``
(highlighted in colour), every finding with its suggestion, the translation with all
suggestions applied, and the neighbouring segments of the article. Then it asks::

    [a]ccept suggestion, [e]dit, a[p]prove as is, [s]kip, [q]uit >

* ``a`` applies every suggested fix of the entry (safe and unsafe; overlaps resolved as
  ``locqa fix`` does) and approves the result;
* ``e`` reads a replacement: one line, or, after a line holding only ``\"\"\"``, several
  lines up to the next line holding only ``\"\"\"``; an empty answer cancels the edit;
* ``p`` approves the translation as it is; ``s`` skips; ``q`` (or end of input) quits.

Every decision is saved at once, each file atomically: the PO entry (new msgstr, the first
original kept as ``# locqa-original:``, ``fuzzy`` and ``# locqa:`` lines removed,
``# locqa-approved: <hash> <decision>`` added), the translation memory
(``locales/memory/<src>-<tgt>.tmx``) and the audit log (``build/reports/fixes.json``). The
decision is applied at once to every other entry of the corpus with the same source and the
same MT text. Quitting half-way keeps every decision made so far.

Everything taken from the articles is shown *inert* (control and invisible characters as
visible escapes; never interpreted as rich markup), so an article cannot drive the terminal.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, TextIO

from babel.messages.catalog import Message
from rich.text import Text

from .atomic import write_bytes
from .config import Settings
from .errors import ConfigError
from .findings import Finding, FixSafety
from .fix import (
    Change,
    Checker,
    Key,
    LanguageToolFactory,
    Project,
    append_audit,
    apply_memory,
    apply_spans,
    approve,
    audit_log_path,
    choose_fixes,
    load_memories,
    set_translation,
)
from .memory import Memory, is_approved, memory_path, mt_text, read_tmx
from .report.json import ordered
from .report.text import inert, inert_console

PROMPT = "[a]ccept suggestion, [e]dit, a[p]prove as is, [s]kip, [q]uit > "
MULTILINE = '"""'
_ACTIONS = {"a": "accept", "e": "edit", "p": "approve", "s": "skip", "q": "quit"}
_CONTEXT_CHARS = 100
_MARK_OPEN, _MARK_CLOSE = "⟦", "⟧"


@dataclass
class Item:
    """One entry to review, with the findings of the check run."""

    po: Path
    key: Key
    findings: list[Finding]


@dataclass
class ReviewResult:
    decisions: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    changes: list[Change] = field(default_factory=list)
    left: int = 0  # entries still flagged when the session ended
    quit: bool = False

    def summary(self) -> str:
        d = self.decisions
        return (
            f"review: {d['accept']} accepted, {d['edit']} edited, {d['approve']} approved, "
            f"{d['skip']} skipped, {d['memory']} decided by the translation memory; "
            f"{self.left} entr(y/ies) left to review"
        )


class Screen:
    """Writes rich :class:`Text` to the output, in colour or plain."""

    def __init__(self, output: TextIO, color: bool) -> None:
        self.output = output
        self.console = inert_console(output) if color else None

    def line(self, text: Text | str = "") -> None:
        if isinstance(text, str):
            text = Text(text)
        if self.console is not None:
            self.console.print(text)
        else:
            self.output.write(text.plain + "\n")
        self.output.flush()

    def prompt(self, text: str) -> None:
        self.output.write(text)
        self.output.flush()


def _inert_lines(text: str, indent: str) -> str:
    return ("\n" + indent).join(inert(line) for line in text.split("\n"))


def _short(text: str) -> str:
    line = text.split("\n", 1)[0]
    return inert(line[:_CONTEXT_CHARS] + ("…" if len(line) > _CONTEXT_CHARS else ""))


def marked(msgstr: str, findings: Sequence[Finding], indent: str = "") -> Text:
    """*msgstr* made inert, with the findings' spans marked ``⟦…⟧`` and styled."""
    spans = sorted(
        {
            (f.start, f.end if f.end is not None else f.start)
            for f in findings
            if f.start is not None
        }
    )
    merged: list[list[int]] = []
    for start, end in spans:
        start, end = max(0, min(start, len(msgstr))), max(0, min(end, len(msgstr)))
        if merged and start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    text = Text()
    at = 0
    for start, end in merged:
        text.append(_inert_lines(msgstr[at:start], indent))
        text.append(_MARK_OPEN, style="bold red")
        text.append(_inert_lines(msgstr[start:end], indent), style="bold red underline")
        text.append(_MARK_CLOSE, style="bold red")
        at = end
    text.append(_inert_lines(msgstr[at:], indent))
    return text


def _label(name: str, body: Text | str) -> Text:
    text = Text()
    text.append(f"  {name:<10}", style="bold")
    text.append(body if isinstance(body, Text) else Text(body))
    return text


def suggestion_for(msgstr: str, findings: Sequence[Finding]) -> str | None:
    """The msgstr with every suggested fix applied (safe and unsafe), or None."""
    kept, _ = choose_fixes(
        [f for f in findings if f.msgstr == msgstr], (FixSafety.SAFE, FixSafety.UNSAFE)
    )
    if not kept:
        return None
    return apply_spans(msgstr, kept)[-1].after


def _neighbours(project: Project, item: Item) -> tuple[Message | None, Message | None]:
    entries = list(project.catalogues[item.po].entries())
    keys = [(m.context, str(m.id)) for m in entries]
    try:
        index = keys.index(item.key)
    except ValueError:
        return None, None
    before = entries[index - 1] if index > 0 else None
    after = entries[index + 1] if index + 1 < len(entries) else None
    return before, after


def show(screen: Screen, project: Project, item: Item, number: int, total: int) -> str | None:
    """Print one entry; returns the suggested translation (or None)."""
    cat = project.catalogues[item.po]
    msg = cat.get(item.key)
    assert msg is not None
    msgstr = str(msg.string)
    path, line = project.locate(item.po, item.key)
    before, after = _neighbours(project, item)
    screen.line()
    head = Text()
    head.append(f"[{number}/{total}] ", style="bold")
    head.append(f"{inert(path)}:{line}", style="bold underline")
    head.append(
        f"  ({inert(cat.display)}"
        + (f", msgctxt {inert(item.key[0])}" if item.key[0] else "")
        + ")",
        style="dim",
    )
    screen.line(head)
    if before is not None:
        screen.line(
            _label(
                "before",
                Text(f"{_short(str(before.id))} → {_short(str(before.string or ''))}", style="dim"),
            )
        )
    screen.line(_label("source", _inert_lines(str(msg.id), " " * 12)))
    screen.line(_label("current", marked(msgstr, item.findings, " " * 12)))
    if after is not None:
        screen.line(
            _label(
                "after",
                Text(f"{_short(str(after.id))} → {_short(str(after.string or ''))}", style="dim"),
            )
        )
    screen.line(_label("findings", ""))
    for finding in ordered(item.findings):
        text = Text("    ")
        text.append(f"{finding.check} ", style="bold magenta")
        text.append(f"{finding.severity.value} ")
        text.append(inert(finding.message))
        if finding.start is not None and finding.end is not None:
            text.append(f"  ⟦{inert(msgstr[finding.start : finding.end])}⟧", style="red")
        if finding.suggestion is not None:
            text.append(" → ")
            text.append(inert(finding.suggestion) or "(delete)", style="green")
            if finding.fix:
                text.append(f" ({finding.fix.value} fix)", style="dim")
        screen.line(text)
    suggestion = suggestion_for(msgstr, item.findings)
    if suggestion is not None:
        screen.line(_label("suggested", Text(_inert_lines(suggestion, " " * 12), style="green")))
    return suggestion


def _read(stream: TextIO, echo: TextIO | None = None) -> str | None:
    """One answer line; echoed to *echo* when the input is not a terminal (a script), so
    the transcript reads like the interactive session."""
    line = stream.readline()
    if line == "":
        return None
    answer = line.rstrip("\r\n")
    if echo is not None and not stream.isatty():
        echo.write(inert(answer) + "\n")
        echo.flush()
    return answer


def read_edit(screen: Screen, stream: TextIO) -> str | None:
    """A replacement translation from *stream* (None: cancelled or end of input)."""
    screen.prompt(
        f"new translation (one line, or {MULTILINE} alone to start and end several "
        "lines; empty to cancel) > "
    )
    first = _read(stream, screen.output)
    if first is None or not first.strip():
        return None
    if first.strip() != MULTILINE:
        return first
    lines: list[str] = []
    while True:
        line = _read(stream, screen.output)
        if line is None:
            return None
        if line.strip() == MULTILINE:
            return "\n".join(lines) if lines else None
        lines.append(line)


class Session:
    """The decisions of one review run, each saved as soon as it is made."""

    def __init__(
        self,
        settings: Settings,
        project: Project,
        memories: dict[str, Memory],
        moment: datetime | None = None,
    ) -> None:
        self.settings = settings
        self.project = project
        self.memories = memories
        self.moment = moment

    def decide(self, item: Item, decision: str, text: str | None = None) -> list[Change]:
        """Apply *decision* (accept/edit with *text*, approve) to the entry and to every
        entry with the same source and MT text; save PO files, memory and audit log."""
        cat = self.project.catalogues[item.po]
        msg = cat.get(item.key)
        assert msg is not None
        source, mt, before = str(msg.id), mt_text(msg), str(msg.string)
        if text is not None:
            set_translation(msg, text)
        approve(msg, decision)
        cat.changed.add(item.key)
        path, line = self.project.locate(item.po, item.key)
        changes = [
            Change(
                "review",
                cat.display,
                path,
                line,
                item.key[0],
                item.key[1],
                before,
                str(msg.string),
                decision=decision,
            )
        ]
        memory = self.memories[cat.lang]
        memory.remember(source, mt, str(msg.string), decision, item.key[0], self.moment)
        changes += apply_memory(self.project, {cat.lang: memory})
        for changed in self.project.changed():
            changed.save(self.moment)
        memory.save()
        append_audit(audit_log_path(self.settings), changes, self.moment)
        return changes


def _items(
    run_findings: Sequence[Finding], project: Project, select: Sequence[str], ignore: Sequence[str]
) -> list[Item]:
    from .fix import _wanted

    grouped: dict[tuple[Path, Key], list[Finding]] = defaultdict(list)
    for finding in run_findings:
        po = project.po_of.get(finding.path)
        if po is not None and _wanted(finding.check, select, ignore):
            grouped[(po, (finding.msgctxt or None, finding.msgid))].append(finding)
    order: dict[tuple[Path, Key], tuple[str, int]] = {}
    for po, cat in project.catalogues.items():
        for index, msg in enumerate(cat.entries()):
            order[(po, (msg.context, str(msg.id)))] = (cat.display, index)
    keys = sorted((k for k in grouped if k in order), key=lambda k: order[k])
    return [Item(po, key, grouped[(po, key)]) for po, key in keys]


def _pending(project: Project, item: Item) -> bool:
    msg = project.catalogues[item.po].get(item.key)
    return (
        msg is not None
        and not is_approved(msg)
        and all(f.msgstr == msg.string for f in item.findings)
    )


def review_project(
    settings: Settings,
    *,
    stdin: TextIO,
    stdout: TextIO,
    color: bool = False,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    skip_languagetool: bool = False,
    languagetool: LanguageToolFactory | None = None,
    jobs: int | None = None,
    moment: datetime | None = None,
) -> ReviewResult:
    """Run an interactive review session reading answers from *stdin*."""
    result = ReviewResult()
    screen = Screen(stdout, color)
    memories = load_memories(settings)
    with Checker(
        settings, skip_languagetool=skip_languagetool, languagetool=languagetool, jobs=jobs
    ) as checker:
        project = Project.load(settings)
        remembered = apply_memory(project, memories)
        for cat in project.changed():
            cat.save(moment)
        append_audit(audit_log_path(settings), remembered, moment)
        result.changes += remembered
        result.decisions["memory"] += len(remembered)
        run, _ = checker.check_project(annotate=True)
        project = Project.load(settings)  # as annotated
    items = _items(run.findings, project, select, ignore)
    session = Session(settings, project, memories, moment)
    if not items:
        screen.line("Nothing to review: no entry has findings.")
    for number, item in enumerate(items, 1):
        if not _pending(project, item):
            continue
        suggestion = show(screen, project, item, number, len(items))
        while True:
            screen.prompt(PROMPT)
            answer = _read(stdin, stdout)
            if answer is None:
                action = "quit"
            else:
                action = _ACTIONS.get(answer.strip().lower()[:1], "")
                if answer.strip().lower() in _ACTIONS.values():
                    action = answer.strip().lower()
            if action == "accept" and suggestion is None:
                screen.line("  this entry has no suggestion: edit, approve or skip it")
                continue
            if action == "edit":
                text = read_edit(screen, stdin)
                if text is None:
                    screen.line("  edit cancelled")
                    continue
                changes = session.decide(item, "edit", text)
            elif action == "accept":
                changes = session.decide(item, "accept", suggestion)
            elif action == "approve":
                changes = session.decide(item, "approve")
            elif action in ("skip", "quit"):
                changes = []
            else:
                screen.line("  answer a, e, p, s or q")
                continue
            break
        if action == "quit":
            result.quit = True
            break
        result.decisions[action] += 1
        result.changes += changes
        others = sum(1 for c in changes if c.origin == "memory")
        result.decisions["memory"] += others
        if action != "skip":
            saved = Text(f"  saved ({action})")
            if others:
                saved.append(f"; also applied to {others} identical segment(s) elsewhere")
            screen.line(saved)
    result.left = sum(1 for item in items if _pending(project, item))
    screen.line(result.summary())
    return result


# --------------------------------------------------------------------------- TMX in and out


def _one_language(settings: Settings, flag: str) -> str:
    if len(settings.languages) != 1:
        raise ConfigError(f"{flag} works on one language pair: add --lang")
    return settings.languages[0]


def export_tmx(settings: Settings, target: Path) -> int:
    """Write the project's translation memory to *target*; returns the number of units."""
    lang = _one_language(settings, "--export-tmx")
    memory = Memory.load(
        memory_path(settings.locales_root, settings.source_lang, lang), settings.source_lang, lang
    )
    write_bytes(target, memory.to_tmx())
    return len(memory.entries)


def import_tmx(settings: Settings, source: Path) -> int:
    """Merge the decisions of the TMX file *source* into the project's memory."""
    lang = _one_language(settings, "--import-tmx")
    memory = Memory.load(
        memory_path(settings.locales_root, settings.source_lang, lang), settings.source_lang, lang
    )
    changed = memory.merge(read_tmx(source, settings.source_lang, lang))
    memory.save()
    return changed


# --------------------------------------------------------------------------- command line


def _color(choice: str, stream: TextIO) -> bool:
    if choice != "auto":
        return choice == "always"
    return stream.isatty() and not os.environ.get("NO_COLOR")


def cmd_review(args: argparse.Namespace) -> int:
    from .cli import _settings
    from .fix import _codes

    settings = _settings(args)
    if args.import_tmx:
        count = import_tmx(settings, args.import_tmx)
        print(f"imported {count} decision(s) from {args.import_tmx}")
    if args.export_tmx:
        count = export_tmx(settings, args.export_tmx)
        print(f"exported {count} translation unit(s) to {args.export_tmx}")
    if args.import_tmx or args.export_tmx:
        return 0
    stdin: TextIO = sys.stdin if sys.stdin is not None else io.StringIO()
    review_project(
        settings,
        stdin=stdin,
        stdout=sys.stdout,
        color=_color(args.color, sys.stdout),
        select=_codes(args.select),
        ignore=_codes(args.ignore),
        skip_languagetool=args.skip_languagetool,
        jobs=args.jobs,
    )
    return 0


def add_parser(subparsers: Any) -> None:
    """Register ``locqa review`` on the ``add_subparsers()`` object of the main parser."""
    from .cli import _common, checker_options

    p = subparsers.add_parser(
        "review",
        help="decide the flagged entries one by one (accept, edit, approve, skip)",
        description="Walk the entries with findings: accept the suggestion, edit, approve as "
        "is, skip or quit. Each decision is saved at once and remembered in the translation "
        "memory (locales/memory/<src>-<tgt>.tmx).",
    )
    _common(p)
    p.add_argument(
        "--select",
        action="append",
        metavar="CODES",
        help="only review entries with findings of these codes or prefixes",
    )
    p.add_argument(
        "--ignore", action="append", metavar="CODES", help="do not bring up entries for these codes"
    )
    checker_options(p)
    p.add_argument("--color", choices=("auto", "always", "never"), default="auto")
    p.add_argument(
        "--export-tmx",
        type=Path,
        metavar="FILE",
        help="write the translation memory (TMX 1.4) to FILE and exit",
    )
    p.add_argument(
        "--import-tmx",
        type=Path,
        metavar="FILE",
        help="merge the decisions of a locqa TMX file into the memory and exit",
    )
    p.set_defaults(func=cmd_review)
