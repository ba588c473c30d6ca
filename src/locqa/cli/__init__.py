"""The command line: flags → a stage call → printing. Nothing below it imports it.

Exit codes: 0 success; 1 findings at or above ``--fail-on``; 2 bad input or usage
(misconfiguration included: checked before anything is read or written); 3 the
environment failed (LanguageTool, Maven, Java; a full disk); 4 an internal error (a bug).
Every failure is one line on stderr; ``LOCQA_DEBUG=1`` or ``--traceback`` adds the traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path

from .. import __version__
from ..errors import EXIT_INTERNAL, LocqaError, from_os_error
from . import fix, review
from .commands import cmd_build, cmd_check, cmd_extract, cmd_merge, cmd_run, cmd_terms
from .options import Parser, check_options, code_options, common_options, traceback_option

DEBUG_HINT = "run with LOCQA_DEBUG=1 or --traceback for details"


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="locqa",
        description="Localisation QA for machine-translated Markdown: "
        "extract → check → fix → review → build.",
    )
    parser.add_argument("--version", action="version", version=f"locqa {__version__}")
    traceback_option(parser, default=False)
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("extract", help="write POT/PO catalogues from the source and the MT")
    common_options(p)
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser(
        "check",
        help="check the translations and report findings",
        description="Check every translation in the project, or one article "
        "pair: locqa check SOURCE.md TARGET.md --lang nl",
    )
    common_options(p)
    p.add_argument(
        "pair", nargs="*", metavar="FILE", help="pair mode: a source article and its translation"
    )
    check_options(p)
    p.add_argument("--format", choices=("text", "json", "sarif"), default="text")
    p.add_argument("-o", "--output", type=Path, help="write the report to this file")
    code_options(
        p,
        select="only these check codes or prefixes (comma-separated, e.g. ENC,TRM002)",
        ignore="skip these check codes",
    )
    p.add_argument(
        "--no-annotate",
        action="store_true",
        help="do not write fuzzy flags and # locqa: comments into the catalogues",
    )
    p.add_argument("--termbase", type=Path, help="TBX termbase (default: from the config)")
    part = p.add_argument_group(
        "part of the project (CI; corpus-wide checks still read every article)"
    )
    part.add_argument(
        "--shard",
        metavar="I/N",
        help="check and report only shard I of N (articles partitioned by a hash of their "
        "path; merge the shards' reports with locqa merge)",
    )
    part.add_argument(
        "--changed-since",
        metavar="REF",
        help="check and report only the articles whose source, translation or catalogue "
        "changed since the git ref REF (every article when the config or termbase changed)",
    )
    spread = p.add_argument_group("on a cluster (docs/performance.md)")
    spread.add_argument(
        "--executor",
        choices=("local", "dask"),
        default="local",
        help="where the checks run: worker processes here (local, --jobs) or a Dask cluster",
    )
    spread.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="the Dask scheduler of --executor dask, e.g. tcp://10.0.0.5:8786",
    )
    p.set_defaults(func=cmd_check)

    p = sub.add_parser(
        "merge",
        help="combine the JSON or SARIF reports of shards into one",
        description="Combine the reports of `locqa check --shard I/N` runs (all JSON or all "
        "SARIF) into the report the whole run would have written.",
    )
    p.add_argument("reports", nargs="+", type=Path, metavar="REPORT")
    p.add_argument("-o", "--output", type=Path, help="write the merged report to this file")
    p.set_defaults(func=cmd_merge)

    p = sub.add_parser("run", help="the main job: extract → check → fix → build → reports")
    common_options(p)
    check_options(p)
    p.add_argument(
        "--unsafe-fixes",
        action="store_true",
        help="also apply fixes that may change meaning (e.g. LanguageTool's)",
    )
    p.add_argument(
        "--fail",
        action="store_true",
        help="exit 1 when findings reach --fail-on (default: report only)",
    )
    p.set_defaults(func=cmd_run)

    fix.add_parser(sub)
    review.add_parser(sub)

    p = sub.add_parser(
        "terms",
        help="list frequent source terms with their renderings (term mining)",
        description="Word-align every translated segment (eflomal) and list the most "
        "frequent source terms of each language with how the translations render them, "
        "for growing the termbase.",
    )
    common_options(p)
    p.add_argument("--min-count", type=_positive, default=5, help="seen at least this often")
    p.add_argument("--top", type=_positive, default=50, help="how many terms per language")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("-o", "--output", type=Path, help="write the list to this file")
    p.set_defaults(func=cmd_terms)

    p = sub.add_parser("build", help="write the localised Markdown from the catalogues")
    common_options(p)
    p.add_argument(
        "--in-place",
        action="store_true",
        help="update the translation tree instead of the build directory",
    )
    p.add_argument(
        "--strict", action="store_true", help="refuse to publish while fuzzy entries remain"
    )
    p.set_defaults(func=cmd_build)
    return parser


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of at least 1")
    return value


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; every failure becomes one line on stderr and an exit code:
    2 bad input or usage, 3 the environment, 4 an internal error (see the module doc)."""
    debug = os.environ.get("LOCQA_DEBUG", "") not in ("", "0")
    try:
        args = build_parser().parse_args(argv)
        debug = debug or bool(args.traceback)
        func: Callable[[argparse.Namespace], int] = args.func
        return func(args)
    except KeyboardInterrupt:
        print("locqa: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # the one place where every failure is reported
        return _report_failure(exc, debug)


def _report_failure(exc: Exception, debug: bool) -> int:
    """One line for *exc* on stderr (after its traceback when *debug*); the exit code."""
    if debug:
        traceback.print_exception(exc, file=sys.stderr)
    error = from_os_error(exc) if isinstance(exc, OSError) else exc
    if isinstance(error, LocqaError):
        print(f"locqa: error: {_one_line(str(error))}", file=sys.stderr)
        return error.exit_code
    what = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
    print(f"locqa: internal error: {_one_line(what)} ({DEBUG_HINT})", file=sys.stderr)
    return EXIT_INTERNAL


def _one_line(text: str) -> str:
    return " ".join(line.strip() for line in text.splitlines() if line.strip())
