"""``locqa review``: walk the flagged entries in the terminal and decide each one.

The session is plain line-oriented text on standard output and standard input (no curses),
so it works over ssh, in a CI log, and scripted from a test. For each entry with findings
it shows the source, the current translation with the findings' spans marked ``⟦…⟧``
(highlighted in colour), every finding (all of them: ``--select``/``--ignore`` only choose
which entries come up), the neighbouring segments of the article, and every applicable
suggestion, numbered, with the exact msgstr it gives when accepted alone::

    findings
      ENC001 error mojibake 'Ã«': … it should read 'ë'  ⟦Ã«⟧  → suggestion [1]
      ENC001 error mojibake 'Ã«': … it should read 'ë'  ⟦Ã«⟧  → suggestion [2]
    [1]       ENC001 safe, changes protected text (…; accept it on its own): ⟦Ã«⟧ → ë
              Zie de [handleiding](https://example.com/help/cliënt) voor de cliÃ«nt.
    [2]       ENC001 safe: ⟦Ã«⟧ → ë
              Zie de [handleiding](https://example.com/help/cliÃ«nt) voor de cliënt.
  a1…a2 accept one suggestion (a 1,2: several), [e]dit, a[p]prove as is, [s]kip, [q]uit >

Answers (one line each, so a session can be scripted on standard input):

* ``a1``, ``a 2``, ``a 1,3`` (or ``a 1 3``) apply exactly the suggestions named (ones that
  change the same text cannot be combined; after several, the saved text is shown);
* ``a`` (or ``aa``) applies every suggestion. It is offered (``[a]ccept all``, with an
  ``[a]ll`` line showing the resulting text; ``[a]ccept suggestion 1`` when there is one)
  only when every suggestion is an *accept-all candidate* and none overlaps another. A
  suggestion is not a candidate when it is LanguageTool's (``LT…``: its replacement is a
  guess; for a spelling match, the nearest dictionary word) or display-only (the new MT of
  a conflict, ``STR004``, which replaces the whole text). Those are marked and can only
  be accepted by number. A suggestion that would change protected text — a link target or
  URL, inline code, a placeholder or identifier, ``[!DNL …]``/``[!UICONTROL …]``, HTML,
  Markdown syntax (:func:`locqa.markup.edit_is_allowed`) — is never offered at all,
  except the display-only new MT;
* ``e`` reads a replacement: one line, or, after a line holding only ``\"\"\"``, several
  lines up to the next line holding only ``\"\"\"``; an empty answer cancels the edit;
* ``p`` approves the translation as it is, overriding its findings; ``s`` skips; ``q`` (or
  end of input) quits.

After an accept or an edit the project is checked again (the cached check: only the
changed entry costs) and the catalogues re-annotated. When the entry has no finding left
it is approved (``accept`` / ``edit``); otherwise it stays flagged (``fuzzy``, its
``# locqa:`` lines updated) and is shown again with what is left, to accept more, edit,
approve as is, skip or quit. So an approval never hides a finding nobody decided on: only
``p`` approves an entry that has findings, and it records their check codes.

Every decision is saved at once, each file atomically: the PO entry (new msgstr, the first
original kept as ``# locqa-original:``; on approval ``fuzzy`` and ``# locqa:`` lines
removed and ``# locqa-approved: <hash> <decision>`` added, with ``overrides=CODE,…`` for
an approval as is, see :func:`locqa.memory.approval_lines`), the audit log
(``build/reports/fixes.json``: one record per accepted suggestion with its check and span,
one per edit, one per approval as is with its ``overrides``) and, for approvals, the
translation memory (``locales/memory/<src>-<tgt>.tmx``). An approval is applied at once to
every other entry of the corpus with the same source and the same MT text (approved
``memory``, overriding the same codes). Quitting half-way keeps every decision made so far.

Everything taken from the articles is shown *inert* (control and invisible characters as
visible escapes; never interpreted as rich markup), so an article cannot drive the terminal.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any, TextIO

from babel.messages.catalog import Message
from rich.text import Text

from .atomic import write_bytes
from .audit import append_audit, audit_log_path
from .catalog import Key
from .checking import Checker, LanguageToolFactory
from .config import Settings
from .errors import ConfigError
from .findings import Change, Finding, FixSafety, ordered
from .fix import (
    apply_memory,
    apply_spans,
    choose_fixes,
    load_memories,
)
from .inert import inert, inert_console
from .markup import edit_is_allowed
from .memory import Memory, is_approved, memory_path, mt_text, read_tmx
from .po import Catalogue
from .workspace import Workspace, approve, set_translation

MULTILINE = '"""'
SAFETIES = (FixSafety.SAFE, FixSafety.UNSAFE, FixSafety.DISPLAY_ONLY)
_ACTIONS = {"a": "accept", "e": "edit", "p": "approve", "s": "skip", "q": "quit"}
_ACCEPT_ALL = frozenset({"a", "aa", "accept", "accept all"})
_ACCEPT_SOME = re.compile(r"a(?:ccept)?\s*(?P<numbers>\d{1,6}(?:[\s,]+\d{1,6})*)[\s,]*")
_CONTEXT_CHARS = 100
_MARK_OPEN, _MARK_CLOSE = "⟦", "⟧"
_INDENT = " " * 12


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


# --------------------------------------------------------------------------- suggestions


def touches_protected(before: str, start: int, end: int, after: str) -> bool:
    """Whether replacing ``before[start:end]`` (giving *after*) changes protected text
    (:func:`locqa.markup.edit_is_allowed`): only a display-only suggestion (the whole new
    MT of a conflict) can, and it is never accepted in bulk."""
    return not edit_is_allowed(before, start, end, after[start : len(after) - (len(before) - end)])


@dataclass(frozen=True)
class Suggestion:
    """One suggested fix of an entry, as the reviewer sees it."""

    number: int
    finding: Finding
    result: str  # the whole msgstr with this suggestion alone applied
    protected: bool  # it changes protected text (link target, URL, code, DNL, HTML…)

    @property
    def from_languagetool(self) -> bool:
        return self.finding.check.startswith("LT")

    @property
    def display_only(self) -> bool:
        return self.finding.fix is FixSafety.DISPLAY_ONLY

    @property
    def in_bulk(self) -> bool:
        """Whether accept-all may apply it."""
        return not self.protected and not self.from_languagetool and not self.display_only

    @property
    def caveat(self) -> str:
        if self.display_only:
            return "a reviewer's choice only (accept it on its own)"
        if self.protected:
            return "changes protected text (link, URL, code, [!DNL], HTML; accept it on its own)"
        if self.from_languagetool:
            return "LanguageTool's guess (accept it on its own)"
        return ""


def suggestions_for(msgstr: str, findings: Sequence[Finding]) -> list[Suggestion]:
    """The applicable suggestions of the findings of *msgstr*, numbered from 1 in the order
    ``locqa fix`` applies them (start, end, check code, suggestion)."""
    fixes: dict[tuple[int, int, str, str], Finding] = {}
    for finding in findings:
        if finding.msgstr != msgstr:
            continue
        for f in choose_fixes([finding], SAFETIES)[0]:  # [finding] if it applies
            assert f.start is not None and f.end is not None and f.suggestion is not None
            fixes.setdefault((f.start, f.end, f.check, f.suggestion), f)
    out = []
    for number, key in enumerate(sorted(fixes), 1):
        step = apply_spans(msgstr, [fixes[key]])[0]
        protected = touches_protected(msgstr, step.start, step.end, step.after)
        out.append(Suggestion(number, fixes[key], step.after, protected))
    return out


@dataclass(frozen=True)
class EntryView:
    """What the reviewer was shown of one entry: its numbered suggestions."""

    msgstr: str
    suggestions: list[Suggestion]

    @property
    def all_offered(self) -> bool:
        """Accept-all: every suggestion is a candidate, and they do not overlap."""
        if not self.suggestions or not all(s.in_bulk for s in self.suggestions):
            return False
        return not choose_fixes([s.finding for s in self.suggestions], SAFETIES)[1]

    @property
    def all_result(self) -> str | None:
        """The msgstr with every suggestion applied, when accept-all is offered and there
        are several suggestions (with one, it is that suggestion's result)."""
        if not self.all_offered or len(self.suggestions) < 2:
            return None
        return apply_spans(self.msgstr, [s.finding for s in self.suggestions])[-1].after

    def prompt(self) -> str:
        """``[a]ccept all, a1…a3 accept one suggestion (a 1,2: several), [e]dit, …``."""
        count = len(self.suggestions)
        parts = []
        if count == 1:
            parts.append("[a]ccept suggestion 1" if self.all_offered else "a1 accept suggestion 1")
        elif count > 1:
            if self.all_offered:
                parts.append("[a]ccept all")
            parts.append(f"a1…a{count} accept one suggestion (a 1,2: several)")
        parts += ["[e]dit", "a[p]prove as is", "[s]kip", "[q]uit"]
        return ", ".join(parts) + " > "


def _result_text(before: str, start: int, end: int, after: str) -> Text:
    """*after* inert, the part that replaced ``before[start:end]`` highlighted."""
    new_end = len(after) - (len(before) - end)
    text = Text(_inert_lines(after[:start], _INDENT))
    text.append(_inert_lines(after[start:new_end], _INDENT), style="bold green")
    text.append(_inert_lines(after[new_end:], _INDENT))
    return text


def _show_suggestion(screen: Screen, msgstr: str, suggestion: Suggestion) -> None:
    f = suggestion.finding
    assert f.start is not None and f.end is not None and f.suggestion is not None
    head = Text()
    head.append(f"{f.check} ", style="bold magenta")
    head.append(f.fix.value if f.fix else "")
    if suggestion.caveat:
        head.append(f", {suggestion.caveat}", style="yellow")
    head.append(": ")
    head.append(f"⟦{inert(msgstr[f.start : f.end])}⟧", style="red")
    head.append(" → ")
    head.append(inert(f.suggestion) or "(delete)", style="green")
    screen.line(_label(f"[{suggestion.number}]", head))
    screen.line(Text(_INDENT) + _result_text(msgstr, f.start, f.end, suggestion.result))


# --------------------------------------------------------------------------- one entry shown


def _neighbours(project: Workspace, item: Item) -> tuple[Message | None, Message | None]:
    entries = list(project.catalogues[item.po].entries())
    keys = [(m.context, str(m.id)) for m in entries]
    try:
        index = keys.index(item.key)
    except ValueError:
        return None, None
    before = entries[index - 1] if index > 0 else None
    after = entries[index + 1] if index + 1 < len(entries) else None
    return before, after


def _neighbour(name: str, msg: Message) -> Text:
    return _label(
        name, Text(f"{_short(str(msg.id))} → {_short(str(msg.string or ''))}", style="dim")
    )


def _header(project: Workspace, item: Item, number: int, total: int) -> Text:
    cat = project.catalogues[item.po]
    path, line = project.locate(item.po, item.key)
    head = Text()
    head.append(f"[{number}/{total}] ", style="bold")
    head.append(f"{inert(path)}:{line}", style="bold underline")
    head.append(
        f"  ({inert(cat.display)}"
        + (f", msgctxt {inert(item.key[0])}" if item.key[0] else "")
        + ")",
        style="dim",
    )
    return head


def _finding_line(msgstr: str, finding: Finding, numbers: dict[int, int]) -> Text:
    text = Text("    ")
    text.append(f"{finding.check} ", style="bold magenta")
    text.append(f"{finding.severity.value} ")
    text.append(inert(finding.message))
    if finding.start is not None and finding.end is not None:
        text.append(f"  ⟦{inert(msgstr[finding.start : finding.end])}⟧", style="red")
    if id(finding) in numbers:
        text.append(f"  → suggestion [{numbers[id(finding)]}]", style="green")
    elif finding.suggestion is not None:
        text.append(" → ")
        text.append(inert(finding.suggestion) or "(delete)", style="green")
    return text


def show(screen: Screen, project: Workspace, item: Item, number: int, total: int) -> EntryView:
    """Print one entry with its findings and numbered suggestions; returns what was shown."""
    msg = project.catalogues[item.po].get(item.key)
    assert msg is not None
    msgstr = str(msg.string)
    view = EntryView(msgstr, suggestions_for(msgstr, item.findings))
    before, after = _neighbours(project, item)
    screen.line()
    screen.line(_header(project, item, number, total))
    if before is not None:
        screen.line(_neighbour("before", before))
    screen.line(_label("source", _inert_lines(str(msg.id), _INDENT)))
    screen.line(_label("current", marked(msgstr, item.findings, _INDENT)))
    if after is not None:
        screen.line(_neighbour("after", after))
    screen.line(_label("findings", ""))
    numbers = suggestion_numbers(item.findings, view.suggestions)
    for finding in ordered(item.findings):
        screen.line(_finding_line(msgstr, finding, numbers))
    for suggestion in view.suggestions:
        _show_suggestion(screen, msgstr, suggestion)
    result = view.all_result
    if result is not None:
        screen.line(_label("[a]ll", Text(_inert_lines(result, _INDENT), style="green")))
    return view


def suggestion_numbers(
    findings: Sequence[Finding], suggestions: Sequence[Suggestion]
) -> dict[int, int]:
    """id(finding) → the number of the suggestion it gives (the same fix counts once)."""
    by_fix = {_fix_key(s.finding): s.number for s in suggestions}
    return {id(f): by_fix[_fix_key(f)] for f in findings if _fix_key(f) in by_fix}


def _fix_key(f: Finding) -> tuple[int | None, int | None, str, str | None]:
    return (f.start, f.end, f.check, f.suggestion)


# --------------------------------------------------------------------------- answers


@dataclass(frozen=True)
class Answer:
    """A reviewer's answer: the action, the suggestions chosen (accept; none: all) or the
    new text (edit)."""

    action: str  # accept | edit | approve | skip | quit
    numbers: tuple[int, ...] = ()
    text: str = ""


def parse_answer(line: str) -> Answer | None:
    """The answer typed on *line*, or None when it is not one."""
    answer = line.strip().lower()
    if " ".join(answer.split()) in _ACCEPT_ALL:
        return Answer("accept")
    match = _ACCEPT_SOME.fullmatch(answer)
    if match is not None:
        numbers = {int(n) for n in re.split(r"[\s,]+", match["numbers"])}
        return Answer("accept", tuple(sorted(numbers)))
    for key, action in _ACTIONS.items():
        if answer in (key, action):
            return Answer(action)
    return None


def refusal(answer: Answer, view: EntryView) -> str | None:
    """Why *answer* cannot be carried out on the entry shown as *view* (None: it can)."""
    if answer.action != "accept":
        return None
    count = len(view.suggestions)
    if not count:
        return "this entry has no suggestion: edit, approve or skip it"
    if not answer.numbers:
        if view.all_offered:
            return None
        return "accept-all is not offered here (see the marked suggestions): accept one, e.g. a1"
    unknown = [n for n in answer.numbers if not 1 <= n <= count]
    if unknown:
        return f"there is no suggestion {unknown[0]}: choose from 1 to {count}"
    if choose_fixes(chosen(answer, view), SAFETIES)[1]:
        return "those suggestions change the same text: accept one of them"
    return None


def chosen(answer: Answer, view: EntryView) -> list[Finding]:
    """The fixes *answer* accepts (all of them for a plain ``a``)."""
    wanted = set(answer.numbers) or {s.number for s in view.suggestions}
    return [s.finding for s in view.suggestions if s.number in wanted]


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


def ask(screen: Screen, stream: TextIO, view: EntryView) -> Answer:
    """Prompt until the answer is one that can be carried out (end of input: quit)."""
    while True:
        screen.prompt(view.prompt())
        line = _read(stream, screen.output)
        if line is None:
            return Answer("quit")
        answer = parse_answer(line)
        if answer is None:
            screen.line("  answer a, a<n>, e, p, s or q")
            continue
        why = refusal(answer, view)
        if why is not None:
            screen.line(f"  {why}")
            continue
        if answer.action == "edit":
            text = read_edit(screen, stream)
            if text is None:
                screen.line("  edit cancelled")
                continue
            return replace(answer, text=text)
        return answer


# --------------------------------------------------------------------------- decisions


@dataclass
class Outcome:
    """What one decision saved, and the findings the entry still has (none: approved)."""

    changes: list[Change]
    findings: list[Finding]


class Session:
    """The decisions of one review run, each saved as soon as it is made."""

    def __init__(
        self,
        settings: Settings,
        project: Workspace,
        memories: dict[str, Memory],
        checker: Checker,
        moment: datetime | None = None,
    ) -> None:
        self.settings = settings
        self.project = project
        self.memories = memories
        self.checker = checker
        self.moment = moment

    def entry(self, item: Item) -> Message:
        msg = self.project.catalogues[item.po].get(item.key)
        assert msg is not None
        return msg

    def pending(self, item: Item) -> bool:
        """Whether *item* is still to be decided: not approved, its findings current."""
        msg = self.project.catalogues[item.po].get(item.key)
        return (
            msg is not None
            and not is_approved(msg)
            and all(f.msgstr == msg.string for f in item.findings)
        )

    def accept(self, item: Item, fixes: Sequence[Finding]) -> Outcome:
        """Apply the chosen non-overlapping *fixes*; approve if no finding is left."""
        steps = apply_spans(str(self.entry(item).string), fixes)
        changes = [
            self._change(
                item,
                step.before,
                step.after,
                "accept",
                check=step.finding.check,
                safety=step.finding.fix.value if step.finding.fix else None,
                span=(step.start, step.end),
            )
            for step in steps
        ]
        return self._revise(item, steps[-1].after, "accept", changes)

    def edit(self, item: Item, text: str) -> Outcome:
        """Replace the translation by *text*; approve if no finding is left."""
        change = self._change(item, str(self.entry(item).string), text, "edit")
        return self._revise(item, text, "edit", [change])

    def approve(self, item: Item, comment: str | None = None) -> Outcome:
        """Approve the translation as it is, overriding the entry's findings; *comment*,
        the reviewer's reason, goes to the audit log."""
        text = str(self.entry(item).string)
        overrides = tuple(sorted({f.check for f in item.findings}))
        change = self._change(
            item, text, text, "approve", overrides=overrides, comment=comment or None
        )
        return Outcome(self._approve(item, "approve", overrides, [change]), [])

    def _change(self, item: Item, before: str, after: str, decision: str, **fields: Any) -> Change:
        path, line = self.project.locate(item.po, item.key)
        display = self.project.catalogues[item.po].display
        return Change(
            "review", display, path, line, item.key[0], item.key[1], before, after,
            decision=decision, **fields,
        )  # fmt: skip

    def _revise(self, item: Item, text: str, decision: str, changes: list[Change]) -> Outcome:
        """Save *text* as the entry's translation, check it again, and approve it when no
        finding is left; else it stays flagged with the findings it has now."""
        set_translation(self.entry(item), text)
        self.project.catalogues[item.po].mark(item.key)
        self._save(changes)
        left = self.recheck(item)
        if left:
            return Outcome(changes, left)
        return Outcome(changes + self._approve(item, decision, (), []), [])

    def _approve(
        self, item: Item, decision: str, overrides: tuple[str, ...], changes: list[Change]
    ) -> list[Change]:
        """Approve the entry, remember the decision, apply it to every entry with the same
        source and MT text (those override the same findings) and save; *changes* and the
        changes to those entries."""
        cat = self.project.catalogues[item.po]
        msg = self.entry(item)
        approve(msg, decision, overrides)
        cat.mark(item.key)
        memory = self.memories[cat.lang]
        source, mt = str(msg.id), mt_text(msg)
        memory.remember(source, mt, str(msg.string), decision, item.key[0], self.moment)
        twins = apply_memory(self.project, {cat.lang: memory})
        changes = [*changes, *(self._carry(c, source, mt, overrides) for c in twins)]
        self._save(changes, memory)
        return changes

    def _carry(self, change: Change, source: str, mt: str, overrides: tuple[str, ...]) -> Change:
        """*change* (made by the memory) with the overrides of the decision it copies."""
        cat = next(c for c in self.project.catalogues.values() if c.display == change.po)
        twin = cat.get((change.msgctxt, change.msgid))
        if not overrides or twin is None or (change.msgid, mt_text(twin)) != (source, mt):
            return change
        approve(twin, "memory", overrides)
        return replace(change, overrides=overrides)

    def _save(self, changes: Sequence[Change], memory: Memory | None = None) -> None:
        """Write the changed catalogues, *memory* if given, and the audit log."""
        for changed in self.project.changed():
            changed.save(self.moment)
        if memory is not None:
            memory.save()
        append_audit(audit_log_path(self.settings), changes, self.moment)

    def recheck(self, item: Item) -> list[Finding]:
        """Check the project again as saved (cached: only changed entries cost), updating
        the catalogues' annotations; the findings *item*'s entry has now."""
        run, _ = self.checker.check_project(annotate=True)
        self.reload()
        msgstr = self.entry(item).string
        return [
            f
            for f in run.findings
            if self.project.po_of.get(f.path) == item.po
            and (f.msgctxt or None, f.msgid) == item.key
            and f.msgstr == msgstr
        ]

    def preview(self, item: Item, text: str) -> list[Finding]:
        """The findings *text* would have as *item*'s translation, nothing saved: the
        checks of the one entry (a corpus-wide check sees it alone)."""
        lang = self.project.catalogues[item.po].lang
        groups = [
            replace(group, units=[replace(unit, msgstr=text) for unit in group.units])
            for group in self.project.units(lang, only={(item.po, item.key)})
        ]
        return [f for f in self.checker.run(groups, lang) if f.msgstr == text]

    def reload(self) -> None:
        """Read again the catalogues the check's annotations (or another review) rewrote,
        and the translation memories, which another review may have saved meanwhile."""
        for po, cat in list(self.project.catalogues.items()):
            if po.read_bytes() != cat.raw:
                self.project.catalogues[po] = Catalogue.load(po, cat.lang, cat.display)
        self.memories.update(load_memories(self.settings))


# --------------------------------------------------------------------------- the session


def _items(
    run_findings: Sequence[Finding],
    project: Workspace,
    select: Sequence[str],
    ignore: Sequence[str],
) -> list[Item]:
    """The entries to review, in article order: those with a finding *select*/*ignore*
    want, each with all its findings (an approval must not hide the others)."""
    from .fix import _wanted

    grouped: dict[tuple[Path, Key], list[Finding]] = defaultdict(list)
    for finding in run_findings:
        po = project.po_of.get(finding.path)
        if po is not None:
            grouped[(po, (finding.msgctxt or None, finding.msgid))].append(finding)
    order: dict[tuple[Path, Key], tuple[str, int]] = {}
    for po, cat in project.catalogues.items():
        for index, msg in enumerate(cat.entries()):
            order[(po, (msg.context, str(msg.id)))] = (cat.display, index)
    keys = sorted(
        (
            k
            for k, found in grouped.items()
            if k in order and any(_wanted(f.check, select, ignore) for f in found)
        ),
        key=lambda k: order[k],
    )
    return [Item(po, key, grouped[(po, key)]) for po, key in keys]


def _carry_out(session: Session, item: Item, answer: Answer, view: EntryView) -> Outcome:
    if answer.action == "accept":
        return session.accept(item, chosen(answer, view))
    if answer.action == "edit":
        return session.edit(item, answer.text)
    return session.approve(item)


def _saved(screen: Screen, answer: Answer, outcome: Outcome) -> None:
    """Say what was saved; after several suggestions at once, the text they made."""
    text = Text(f"  saved ({answer.action})")
    overrides = next((c.overrides for c in outcome.changes if c.overrides), None)
    if answer.action == "approve" and overrides:
        text.append(f", overriding {', '.join(overrides)}")
    twins = sum(1 for c in outcome.changes if c.origin == "memory")
    if twins:
        text.append(f"; also applied to {twins} identical segment(s) elsewhere")
    if outcome.findings:
        text.append(
            f"; {len(outcome.findings)} finding(s) left, so the entry stays flagged",
            style="yellow",
        )
    screen.line(text)
    if answer.action == "accept" and len(answer.numbers) > 1:
        now = [c.after for c in outcome.changes if c.origin == "review"][-1]
        screen.line(_label("now", Text(_inert_lines(now, _INDENT), style="green")))


def review_entry(
    screen: Screen,
    stdin: TextIO,
    session: Session,
    item: Item,
    place: tuple[int, int],
    result: ReviewResult,
) -> Item:
    """Show *item* and carry out answers until it is decided, skipped or the reviewer quits
    (``result.quit``); returns the item with the findings it has now."""
    while True:
        view = show(screen, session.project, item, *place)
        answer = ask(screen, stdin, view)
        if answer.action == "skip":
            result.decisions["skip"] += 1
            return item
        if answer.action == "quit":
            result.quit = True
            return item
        outcome = _carry_out(session, item, answer, view)
        result.decisions[answer.action] += 1
        result.changes += outcome.changes
        result.decisions["memory"] += sum(1 for c in outcome.changes if c.origin == "memory")
        _saved(screen, answer, outcome)
        if not outcome.findings:
            return item
        item = Item(item.po, item.key, outcome.findings)


def open_session(
    settings: Settings,
    checker: Checker,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    moment: datetime | None = None,
) -> tuple[Session, list[Item], list[Change]]:
    """Start a review (terminal or web): apply the translation memory (saved and logged),
    check the project and annotate its catalogues; the session, the entries to review in
    article order, and the changes the memory made."""
    memories = load_memories(settings)
    project = Workspace.load(settings)
    remembered = apply_memory(project, memories)
    for cat in project.changed():
        cat.save(moment)
    append_audit(audit_log_path(settings), remembered, moment)
    run, _ = checker.check_project(annotate=True)
    session = Session(settings, Workspace.load(settings), memories, checker, moment)
    return session, _items(run.findings, session.project, select, ignore), remembered


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
    with Checker(
        settings, skip_languagetool=skip_languagetool, languagetool=languagetool, jobs=jobs
    ) as checker:
        session, items, remembered = open_session(settings, checker, select, ignore, moment)
        result.changes += remembered
        result.decisions["memory"] += len(remembered)
        if not items:
            screen.line("Nothing to review: no entry has findings.")
        for index, item in enumerate(items):
            if not session.pending(item):
                continue
            items[index] = review_entry(
                screen, stdin, session, item, (index + 1, len(items)), result
            )
            if result.quit:
                break
    result.left = sum(1 for item in items if session.pending(item))
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
