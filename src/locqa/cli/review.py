"""``locqa review`` on the command line: flags → :func:`locqa.review.review_project` on the
terminal, :func:`locqa.web.serve.serve_review` in the browser (``--web``), or the
translation memory in and out (TMX)."""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path
from typing import Any, TextIO

from ..review import export_tmx, import_tmx, review_project
from .options import (
    checker_options,
    code_options,
    common_options,
    settings_from,
    split_codes,
    use_color,
)


def cmd_review(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    if args.import_tmx:
        count = import_tmx(settings, args.import_tmx)
        print(f"imported {count} decision(s) from {args.import_tmx}")
    if args.export_tmx:
        count = export_tmx(settings, args.export_tmx)
        print(f"exported {count} translation unit(s) to {args.export_tmx}")
    if args.import_tmx or args.export_tmx:
        return 0
    if args.web:
        from ..web.serve import serve_review  # the web stack loads only when asked for

        serve_review(
            settings,
            out=sys.stdout,
            host=args.host,
            port=args.port,
            open_browser=not args.no_browser,
            select=split_codes(args.select),
            ignore=split_codes(args.ignore),
            skip_languagetool=args.skip_languagetool,
            jobs=args.jobs,
        )
        return 0
    stdin: TextIO = sys.stdin if sys.stdin is not None else io.StringIO()
    review_project(
        settings,
        stdin=stdin,
        stdout=sys.stdout,
        color=use_color(args),
        select=split_codes(args.select),
        ignore=split_codes(args.ignore),
        skip_languagetool=args.skip_languagetool,
        jobs=args.jobs,
    )
    return 0


def add_parser(subparsers: Any) -> None:
    """Register ``locqa review`` on the ``add_subparsers()`` object of the main parser."""
    p = subparsers.add_parser(
        "review",
        help="decide the flagged entries one by one (accept, edit, approve, skip)",
        description="Walk the entries with findings: accept suggestions (a1, a 1,3; a for "
        "all when every one is safe to take), edit, approve as is, skip or quit. Each "
        "decision is saved at once; approvals are remembered in the translation memory "
        "(locales/memory/<src>-<tgt>.tmx).",
    )
    common_options(p)
    code_options(
        p,
        select="only review entries with findings of these codes or prefixes",
        ignore="do not bring up entries for these codes",
    )
    checker_options(p)
    p.add_argument("--color", choices=("auto", "always", "never"), default="auto")
    web = p.add_argument_group("in the browser")
    web.add_argument(
        "--web",
        action="store_true",
        help="review in a local web page instead of the terminal (Ctrl-C stops it)",
    )
    web.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)"
    )
    web.add_argument(
        "--port", type=int, default=0, help="port to listen on (default: any free port)"
    )
    web.add_argument(
        "--no-browser", action="store_true", help="print the address, do not open a browser"
    )
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
