"""Command line: one subcommand per stage (extract, check, fix, build) and ``run`` for all.

Exit codes: 0 success; 1 findings at or above ``--fail-on``; 2 bad input or usage;
3 an external tool (LanguageTool, Maven, Java) failed.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from . import __version__
from .build import build
from .config import Settings, load_settings
from .errors import LocqaError
from .extract import extract


def _common(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("project paths (default: [tool.locqa] in pyproject.toml)")
    group.add_argument("--root", type=Path, default=None,
                       help="project directory holding pyproject.toml (default: .)")
    group.add_argument("--source-dir", type=Path, help="English source articles")
    group.add_argument("--target-dir", help="translations, a pattern with {lang}")
    group.add_argument("--locales-dir", type=Path, help="where catalogues are written")
    group.add_argument("--build-dir", type=Path, help="where built articles and reports go")
    group.add_argument("--lang", action="append", dest="languages", metavar="LANG",
                       help="target language (repeatable; default: all configured)")
    parser.add_argument("-q", "--quiet", action="store_true", help="print only errors and counts")


def _settings(args: argparse.Namespace) -> Settings:
    overrides: dict[str, Any] = {
        "source_dir": args.source_dir,
        "target_dir": args.target_dir,
        "locales_dir": args.locales_dir,
        "build_dir": args.build_dir,
        "languages": tuple(args.languages) if args.languages else None,
    }
    for name in ("fail_on", "languagetool_url"):
        if getattr(args, name, None) is not None:
            overrides[name] = getattr(args, name)
    return load_settings(args.root, overrides)


def cmd_extract(args: argparse.Namespace) -> int:
    settings = _settings(args)
    result = extract(settings)
    out = sys.stdout
    if not args.quiet:
        for path in result.written:
            print(f"wrote {path}", file=out)
    for orphan in result.orphans:
        what = "has no translation" if orphan.side == "source" else "has no source article"
        print(f"warning: {orphan.path}: {what} ({orphan.lang})", file=sys.stderr)
    for path, found in result.mismatches.items():
        missing = [m for m in found if m.side == "source"]
        extra = [m for m in found if m.side == "target"]
        parts = []
        if missing:
            lines = ", ".join(f"{m.path}:{m.line}" for m in missing[:5])
            parts.append(f"{len(missing)} source block(s) not translated ({lines}"
                         f"{', …' if len(missing) > 5 else ''})")
        if extra:
            lines = ", ".join(str(m.line) for m in extra[:5])
            parts.append(f"{len(extra)} extra block(s) in the translation (line {lines}"
                         f"{', …' if len(extra) > 5 else ''})")
        print(f"warning: {path}: alignment: {'; '.join(parts)}", file=sys.stderr)
    print(
        f"extract: {result.articles} article(s), {len(result.written)} catalogue(s) written, "
        f"{len(result.unchanged)} unchanged; {result.aligned_fully} fully aligned, "
        f"{len(result.mismatches)} with alignment gaps",
        file=out,
    )
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    settings = _settings(args)
    if args.strict:
        _refuse_fuzzy(settings)
    result = build(settings, in_place=args.in_place)
    if not args.quiet:
        for path in result.written:
            print(f"wrote {path}")
    for where in result.stale:
        print(f"warning: {where}: no catalogue entry for this segment (run locqa extract)",
              file=sys.stderr)
    print(
        f"build: {result.articles} article(s), {result.changed_segments} segment(s) changed, "
        f"{len(result.written)} file(s) written, {len(result.unchanged)} unchanged"
        + (f", {len(result.fuzzy)} fuzzy entr(y/ies) published" if result.fuzzy else "")
    )
    return 0


def _refuse_fuzzy(settings: Settings) -> None:
    from .catalog import messages, read_catalog

    fuzzy = []
    for po in sorted(settings.locales_root.glob("*/LC_MESSAGES/**/*.po")):
        lang = po.relative_to(settings.locales_root).parts[0]
        if lang not in settings.languages:
            continue
        for msg in messages(read_catalog(po, lang, settings.display(po))):
            if msg.fuzzy:
                fuzzy.append(f"{settings.display(po)}:{msg.lineno}")
    if fuzzy:
        shown = ", ".join(fuzzy[:10]) + (", …" if len(fuzzy) > 10 else "")
        raise LocqaError(f"--strict: {len(fuzzy)} fuzzy entr(y/ies) need review: {shown}")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="locqa",
        description="Localisation QA for machine-translated Markdown: "
        "extract → check → fix → review → build.",
    )
    parser.add_argument("--version", action="version", version=f"locqa {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("extract", help="write POT/PO catalogues from the source and the MT")
    _common(p)
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser("build", help="write the localised Markdown from the catalogues")
    _common(p)
    p.add_argument("--in-place", action="store_true",
                   help="update the translation tree instead of the build directory")
    p.add_argument("--strict", action="store_true",
                   help="refuse to publish while fuzzy entries remain")
    p.set_defaults(func=cmd_build)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    func: Callable[[argparse.Namespace], int] = args.func
    try:
        return func(args)
    except LocqaError as exc:
        print(f"locqa: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("locqa: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
