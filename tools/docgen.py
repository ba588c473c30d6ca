"""Generate ``docs/checks.md`` from the check registry, so the documentation cannot drift.

Each check's section is built from its class: code, name, summary, severity, fix safety,
the class docstring (the prose on why it matters) and its documentation example. The
finding(s) shown under the example are produced by *running the check on its example*
with a real :class:`CheckContext`; they are never written by hand.

Checks whose findings come from LanguageTool cannot run here (no server). A check is
documented without running it when its class sets ``needs_languagetool = True``, or when
running it consulted ``ctx.languagetool`` (detected) and produced nothing; the page says so.
A check whose findings cannot come from its example unit alone (structure checks found by
alignment, corpus checks comparing many articles) sets ``docs_not_run = "<why>"``; the page
shows that sentence instead of findings.
Corpus checks (:class:`CorpusCheck`) run on their example unit alone. Invisible and
control characters in examples and messages are shown as visible escapes (``\\u200b``).

Measured precision (``docs/precision/figures.json``, written by ``tools/precision.py compute
--write`` from the labelled sample in ``docs/precision/<lang>.jsonl``) is shown per check
and in a table after the summary; ``nox -s precision`` recomputes it. A check that names
profile data it needs (``needs_profile``, :mod:`locqa.checks.profile_needs`) is said to be
*not checked* in a language whose profile (read with the profile loader) lacks that data,
not to have *no findings* there.

Usage::

    python tools/docgen.py docs/checks.md           # write the file
    python tools/docgen.py --check docs/checks.md   # exit 1 if the file is stale
"""

from __future__ import annotations

import argparse
import inspect
import json
import math
import re
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from locqa.atomic import write_text
from locqa.checks.base import Check, CheckContext, CorpusCheck, Unit
from locqa.checks.profile_needs import describe_missing, missing_profile_data
from locqa.findings import Finding, FixSafety
from locqa.inert import inert

EXAMPLE_PATH = "example.md"

_LANGUAGETOOL_NOTE = (
    "Findings for this check come from LanguageTool at run time; the documentation "
    "generator does not run LanguageTool, so none are shown here."
)

_FIX_TEXT = {
    FixSafety.SAFE: "safe — applied by `locqa fix` by default",
    FixSafety.UNSAFE: "unsafe — applied only when unsafe fixes are requested, otherwise reviewed",
    FixSafety.DISPLAY_ONLY: "display-only — never applied automatically; a reviewer may take it",
    None: "none — a person decides",
}


class _RecordingResults(dict[str, Sequence[Any]]):
    """``ctx.languagetool`` stand-in that records whether a check looked at it."""

    consulted = False

    def get(self, key: str, default: Any = None) -> Any:
        self.consulted = True
        return super().get(key, default)

    def __getitem__(self, key: str) -> Sequence[Any]:
        self.consulted = True
        return super().__getitem__(key)

    def __contains__(self, key: object) -> bool:
        self.consulted = True
        return super().__contains__(key)


@dataclass(frozen=True, slots=True)
class ExampleRun:
    """What running a check on its documentation example gave."""

    findings: tuple[Finding, ...]
    ran: bool  # False: not run (needs LanguageTool results, or the class says why)
    note: str = _LANGUAGETOOL_NOTE


DEFAULT_TERMBASE = Path("locales/glossary/en-nl.tbx")


DEFAULT_LANG = "nl"  # the examples are English → Dutch


def default_context(
    termbase: Path | None = DEFAULT_TERMBASE, target_lang: str = DEFAULT_LANG
) -> CheckContext:
    """A real context for running examples into *target_lang*: spaCy pipelines (each
    language's pipeline is built on first use) and the project's termbase when the file
    exists."""
    from locqa.nlp import Pipelines
    from locqa.termbase import load_termbase

    terms = load_termbase(termbase) if termbase is not None and termbase.is_file() else None
    return CheckContext(target_lang=target_lang, nlp=Pipelines(), termbase=terms)


def run_example(cls: type[Check], ctx: CheckContext) -> ExampleRun:
    """Run *cls* on its own example and return the findings it produces."""
    if getattr(cls, "needs_languagetool", False):
        return ExampleRun((), ran=False)
    reason = getattr(cls, "docs_not_run", None)
    if isinstance(reason, str) and reason:
        return ExampleRun((), ran=False, note=reason)
    source, target = cls.example
    unit = Unit(msgid=source, msgstr=target, path=EXAMPLE_PATH, line=1)
    results = _RecordingResults()
    lang = cls.example_lang or ctx.target_lang  # an example in another language than Dutch
    context = CheckContext(
        source_lang=ctx.source_lang,
        target_lang=lang,
        nlp=ctx.nlp,
        termbase=ctx.termbase if lang == ctx.target_lang else None,
        languagetool=results,
        options=dict(ctx.options),
    )
    check = cls()
    if isinstance(check, CorpusCheck):
        found = list(check.check_corpus([unit], context))
    else:
        found = list(check.check(unit, context))
    if not found and results.consulted:
        return ExampleRun((), ran=False)
    return ExampleRun(tuple(sorted(found, key=lambda f: f.sort_key)), ran=True)


def _docstring(cls: type[Check]) -> str:
    doc = cls.__dict__.get("__doc__")
    return inspect.cleandoc(doc) if isinstance(doc, str) else ""


def _fence(text: str, info: str = "text") -> str:
    """*text* in a fenced code block whose fence is longer than any backtick run in it."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{info}\n{text}\n{fence}"


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return " ".join(text.split()).replace("\\", "\\\\").replace("|", "\\|")


def _describe(finding: Finding) -> str:
    span = "" if finding.start is None else f" [{finding.start}:{finding.end}]"
    rule = f" ({finding.rule})" if finding.rule else ""
    line = f"{finding.check}{rule} {finding.severity.value}{span}: {inert(finding.message)}"
    if finding.start is not None:
        line += f"\n    text:       {finding.msgstr[finding.start : finding.end]!r}"
    if finding.suggestion is not None:
        fix = f" ({finding.fix.value} fix)" if finding.fix else ""
        line += f"\n    suggestion: {finding.suggestion!r}{fix}"
    return line


PRECISION_COMMAND = "nox -s precision"
POOLED_RULES = "(other rules)"  # tools/precision.py OTHER_RULES


def _percent(value: float) -> str:
    return f"{math.floor(100 * value + 0.5)}%"


def _interval(figure: Mapping[str, Any]) -> str:
    low, high = figure.get("low"), figure.get("high")
    if low is None or high is None:
        return ""
    return f"{_percent(low)}–{_percent(high)}"


def _precision_text(figure: Mapping[str, Any] | None) -> str:
    """``87% (26/30), 95% interval 70–95%`` for one check's figures, or why there is none."""
    if figure is None:
        return "not measured: no findings on the development corpus"
    if not figure.get("labelled") or figure.get("precision") is None:
        return f"not measured yet: none of its {figure.get('findings', 0)} findings is labelled"
    counts = f"{figure['true']}/{figure['labelled']}"
    if figure.get("weighted_by_rule"):
        text = f"{_percent(figure['precision'])} weighted by rule ({counts} labelled true)"
    else:
        text = f"{_percent(figure['precision'])} ({counts})"
    interval = _interval(figure)
    return f"{text}, 95% interval {interval}" if interval else text


def not_checked(cls: type[Check], lang: str) -> str | None:
    """Why *cls* does not run at all in *lang* (its profile lacks the data the check names
    in ``needs_profile``), or None when it runs there."""
    missing = missing_profile_data(lang, getattr(cls, "needs_profile", ()))
    return f"not checked in this language ({describe_missing(missing)})" if missing else None


def _precision_lines(cls: type[Check], precision: Mapping[str, Any] | None) -> list[str]:
    """The precision bullet(s) of one check's section: one per measured language."""
    if not precision:
        return []
    out = []
    for lang, data in sorted(precision.get("languages", {}).items()):
        figure = data.get("checks", {}).get(cls.code)
        reason = not_checked(cls, lang) if figure is None else None
        if reason is not None:
            out.append(f"- **Precision ({lang}):** {reason}")
            continue
        out.append(
            f"- **Precision ({lang}):** {_precision_text(figure)} — "
            f"[measured](#measured-precision), recompute with `{PRECISION_COMMAND}`"
        )
    return out


def _rule_rows(figure: Mapping[str, Any]) -> list[str]:
    rows = ["| Rule | Findings | Labelled | True | Precision | 95% interval |"]
    rows.append("| --- | ---: | ---: | ---: | ---: | --- |")
    rules = figure.get("rules", {})
    for rule in sorted(rules, key=lambda r: (-rules[r]["findings"], r)):
        r = rules[rule]
        p = "–" if r.get("precision") is None else _percent(r["precision"])
        rows.append(
            f"| {_cell(rule)} | {r['findings']} | {r['labelled']} | {r['true']} | {p} "
            f"| {_interval(r)} |"
        )
    return rows


def _precision_section(classes: Sequence[type[Check]], precision: Mapping[str, Any]) -> list[str]:
    """The overview of measured precision: a table per language, and per rule where the
    sample was stratified by rule (LT001)."""
    out = ['<a id="measured-precision"></a>', "", "## Measured precision", ""]
    out += [
        "For every check, a seeded random sample of its findings on the development corpus "
        "(at least 30, or all) was read by a person and labelled *true* (a reviewer must "
        "change the text) or *false* (a false alarm). Precision is the share of labelled "
        "findings that are true, with a 95 % Wilson interval; LT001 was sampled per "
        "LanguageTool rule (at least 30 spelling matches), so its precision is weighted by "
        "the number of findings per rule. The labels, keyed without corpus text, are data "
        f"in `docs/precision/`; `{PRECISION_COMMAND}` re-runs the checks on the corpus and "
        "recomputes these figures (`python tools/precision.py sample` draws findings still "
        "to label).",
        "",
    ]
    for lang, data in sorted(precision.get("languages", {}).items()):
        checks = data.get("checks", {})
        corpus = data.get("corpus")
        where = f" on `{corpus}`" if corpus else ""
        labels = data.get("labels")
        kept = f", labels in `{labels}`" if labels else ""
        out += [f"Language `{lang}`{where}{kept}:", ""]
        out += ["| Check | Findings | Labelled | True | Precision | 95% interval |"]
        out += ["| --- | ---: | ---: | ---: | ---: | --- |"]
        for cls in classes:
            code = cls.code
            figure = checks.get(code)
            reason = not_checked(cls, lang) if figure is None else None
            if reason is not None:
                out.append(f"| [{code}](#{code.lower()}) | – | – | – | {_cell(reason)} | |")
                continue
            if figure is None:
                out.append(f"| [{code}](#{code.lower()}) | 0 | – | – | – | |")
                continue
            p = "–" if figure.get("precision") is None else _percent(figure["precision"])
            if figure.get("weighted_by_rule") and figure.get("precision") is not None:
                p += " (weighted)"
            out.append(
                f"| [{code}](#{code.lower()}) | {figure['findings']} | {figure['labelled']} "
                f"| {figure['true']} | {p} | {_interval(figure)} |"
            )
        out.append("")
        whole = data.get("overall") or {}
        if whole.get("precision") is not None:
            out += [
                f"Overall ({lang}): **{_percent(whole['precision'])}** of the "
                f"{whole['findings']} findings of the checks on by default are real (each "
                f"check's precision weighted by its findings; {whole['labelled']} labels"
                + (
                    f"; {whole['unmeasured']} findings of checks without labels)."
                    if whole.get("unmeasured")
                    else ")."
                ),
                "",
            ]
        for code in (cls.code for cls in classes):
            figure = checks.get(code)
            if figure and figure.get("rules"):
                out += [f"{code} by rule ({lang}):", "", *_rule_rows(figure), ""]
                if POOLED_RULES in figure["rules"]:
                    out += [
                        f"{POOLED_RULES}: the rules with too few findings to be sampled on "
                        "their own, sampled together.",
                        "",
                    ]
    return out


def _section(
    cls: type[Check], run: ExampleRun, precision: Mapping[str, Any] | None = None
) -> list[str]:
    code = cls.code
    out = [f'<a id="{code.lower()}"></a>', "", f"## {code} {cls.name}", "", cls.summary, ""]
    out += [f"- **Severity:** {cls.severity.value}", f"- **Fix:** {_FIX_TEXT[cls.fix]}"]
    if cls.opt_in:
        out.append(f"- **Off by default:** runs only with `--select {code}`")
    out += [*_precision_lines(cls, precision), ""]
    doc = _docstring(cls)
    if doc:
        out += ["### Why it matters", "", doc, ""]
    source, target = cls.example
    if source or target:
        out += ["### Example", "", "Source:", "", _fence(inert(source)), ""]
        out += ["Machine translation:", "", _fence(inert(target)), ""]
        if not run.ran:
            out += [f"_{run.note.strip()}_", ""]
        elif run.findings:
            out += ["locqa reports:", "", _fence("\n".join(_describe(f) for f in run.findings))]
            out += [""]
        else:
            out += ["**This example produces no finding** — the example or the check is wrong.", ""]
    return out


def render_checks_markdown(
    registry: Mapping[str, type[Check]],
    *,
    ctx: CheckContext | None = None,
    runner: Callable[[type[Check], CheckContext], ExampleRun] = run_example,
    figures: str | None = None,
    precision: Mapping[str, Any] | None = None,
) -> str:
    """The content of ``docs/checks.md`` for every check in *registry*, ordered by code.

    *figures* (Markdown: measured rates on a corpus) goes right after the summary table;
    *precision* (``docs/precision/figures.json``) gives each check its measured precision
    and a table after the figures.
    """
    context = ctx if ctx is not None else default_context()
    classes = [registry[code] for code in sorted(registry)]
    runs = {cls.code: runner(cls, context) for cls in classes}
    lines = [
        "# Checks",
        "",
        "<!-- Generated by `python tools/docgen.py docs/checks.md` from the check classes; "
        "edit the classes, not this file. -->",
        "",
        "Every check has a stable code. Severity decides the exit code (`--fail-on`); fix "
        "safety decides whether `locqa fix` applies a suggestion on its own (safe), only on "
        "request (unsafe), or never (none); an opt-in check runs only when `--select` names "
        "its code. Each example below was run through the check "
        "when this page was generated; the findings shown are its real output.",
        "",
        "| Code | Name | Severity | Fix | What it catches |",
        "| --- | --- | --- | --- | --- |",
    ]
    for cls in classes:
        fix = cls.fix.value if cls.fix is not None else "none"
        severity = f"{cls.severity.value} (opt-in)" if cls.opt_in else cls.severity.value
        lines.append(
            f"| [{cls.code}](#{cls.code.lower()}) | {_cell(cls.name)} | {severity} "
            f"| {fix} | {_cell(cls.summary)} |"
        )
    lines.append("")
    if figures:
        lines += [figures.strip(), ""]
    if precision and precision.get("languages"):
        lines += _precision_section(classes, precision)
    for cls in classes:
        lines += _section(cls, runs[cls.code], precision)
    return "\n".join(lines).rstrip("\n") + "\n"


def _load_registry() -> Mapping[str, type[Check]]:
    """The global registry with every check module imported (the modules register)."""
    import importlib
    import pkgutil

    from locqa import checks
    from locqa.checks.base import REGISTRY

    for module in pkgutil.iter_modules(checks.__path__):
        if module.name != "base":
            importlib.import_module(f"{checks.__name__}.{module.name}")
    return REGISTRY


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python tools/docgen.py", description=__doc__.split("\n\n")[0] if __doc__ else None
    )
    parser.add_argument("output", type=Path, help="the Markdown file, e.g. docs/checks.md")
    parser.add_argument("--check", action="store_true", help="exit 1 if the file is stale")
    parser.add_argument(
        "--termbase", type=Path, default=DEFAULT_TERMBASE, help="TBX file for the term checks"
    )
    parser.add_argument(
        "--figures",
        type=Path,
        default=None,
        help="Markdown with measured rates per check, included when the file exists "
        "(default: check-figures.md beside the output; written by tools/check_figures.py)",
    )
    parser.add_argument(
        "--precision",
        type=Path,
        default=None,
        help="measured precision per check, included when the file exists (default: "
        "precision/figures.json beside the output; written by tools/precision.py compute)",
    )
    args = parser.parse_args(argv)
    registry = _load_registry()
    figures_file = args.figures or args.output.parent / "check-figures.md"
    figures = figures_file.read_text(encoding="utf-8") if figures_file.is_file() else None
    precision_file = args.precision or args.output.parent / "precision" / "figures.json"
    precision = (
        json.loads(precision_file.read_text(encoding="utf-8")) if precision_file.is_file() else None
    )
    runs: dict[str, ExampleRun] = {}

    def runner(cls: type[Check], ctx: CheckContext) -> ExampleRun:
        runs[cls.code] = run_example(cls, ctx)
        return runs[cls.code]

    content = render_checks_markdown(
        registry,
        ctx=default_context(args.termbase),
        runner=runner,
        figures=figures,
        precision=precision,
    )
    for code, run in sorted(runs.items()):
        if run.ran and not run.findings:
            print(f"warning: the example of {code} produces no finding", file=sys.stderr)
    if args.check:
        try:
            current = args.output.read_text(encoding="utf-8")
        except FileNotFoundError:
            current = None
        if current != content:
            print(
                f"{args.output} is stale: run python tools/docgen.py {args.output}", file=sys.stderr
            )
            return 1
        return 0
    write_text(args.output, content)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
