"""``locqa fix`` on the command line: flags → :func:`locqa.fix.fix_project` → a line a change."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ..audit import audit_log_path
from ..findings import Change
from ..fix import fix_project
from ..inert import inert
from .options import checker_options, code_options, common_options, settings_from, split_codes


def describe(change: Change) -> str:
    """One line for people: where, what, and the change (text made inert)."""
    where = f"{inert(change.path)}:{change.line}"
    if change.origin == "fix" and change.span is not None:
        start, end = change.span
        old = change.before[start:end]
        new = change.after[start : len(change.after) - (len(change.before) - end)]
        return (
            f"{where} {change.check} ({change.safety}) "
            f"{inert(old) or '(nothing)'!s} → {inert(new) or '(deleted)'}"
        )
    return f"{where} memory ({change.decision}) {inert(change.before)} → {inert(change.after)}"


def cmd_fix(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    result = fix_project(
        settings,
        unsafe=args.unsafe_fixes,
        dry_run=args.diff,
        select=split_codes(args.select),
        ignore=split_codes(args.ignore),
        skip_languagetool=args.skip_languagetool,
        jobs=args.jobs,
    )
    out = sys.stdout
    if args.diff:
        for diff in result.diffs:
            out.write(diff if diff.endswith("\n") else diff + "\n")
    elif not args.quiet:
        for change in result.changes:
            print(describe(change), file=out)
        for shown in result.written:
            print(f"wrote {shown}", file=out)
    print(result.summary(dry_run=args.diff), file=out)
    if not args.diff and result.changes:
        print(f"audit log: {settings.display(audit_log_path(settings))}", file=out)
    if result.skipped and not args.diff:
        print(f"skipped: {', '.join(inert(s) for s in result.skipped)}", file=out)
    return 1 if args.diff and result.changes else 0


def add_parser(subparsers: Any) -> None:
    """Register ``locqa fix`` on the ``add_subparsers()`` object of the main parser."""
    p = subparsers.add_parser(
        "fix",
        help="apply safe fixes (--unsafe-fixes for the rest) to the catalogues",
        description="Apply the checks' suggested fixes to the PO catalogues: safe fixes by "
        "default, unsafe ones with --unsafe-fixes. The original MT text is kept in the PO "
        "(# locqa-original:) and every change in build/reports/fixes.json.",
    )
    common_options(p)
    p.add_argument(
        "--unsafe-fixes",
        action="store_true",
        help="also apply fixes that may change meaning (e.g. LanguageTool's)",
    )
    p.add_argument(
        "--diff",
        action="store_true",
        help="print a unified diff of the catalogue changes, write nothing "
        "(exit 1 when there are changes)",
    )
    code_options(
        p,
        select="only apply fixes of these check codes or prefixes (e.g. ENC,TRM002)",
        ignore="do not apply fixes of these check codes",
    )
    checker_options(p)
    p.set_defaults(func=cmd_fix)
