"""``python -m locqa.languagetool fetch|serve|check``: prefetch for CI, run a server by hand.

``check --lang CODE`` checks stdin's paragraphs as locqa does: CODE is a language
profile's code or alias (``nl``, ``de``, ``zh-Hans``), checked as the profile's
LanguageTool variant (``de`` → ``de-DE``) with the profile's rules off (``--all-rules``:
none off). There is no default language.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from ..errors import LocqaError
from ..languages import language_profile
from . import maven as fetching
from .client import LanguageToolSession
from .rules import disabled_rules_for
from .server import LocalServer, java_argv


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m locqa.languagetool")
    parser.add_argument("--version", default=fetching.DEFAULT_VERSION, help="LanguageTool version")
    parser.add_argument("--cache-dir", type=Path, default=None, help="default: $LOCQA_CACHE_DIR")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser(
        "fetch",
        help="download the server jars with Maven, every profile's language (skipped when cached)",
    )
    serve = sub.add_parser("serve", help="run a server on 127.0.0.1 until interrupted")
    serve.add_argument("--startup-timeout", type=float, default=120.0)
    check = sub.add_parser("check", help="check text from stdin, print matches as JSON lines")
    check.add_argument(
        "--lang",
        required=True,
        help="the text's language: a profile's code or alias (nl, de, fr, es, ja, zh-Hans)",
    )
    check.add_argument(
        "--all-rules", action="store_true", help="turn none of the profile's rules off"
    )
    check.add_argument("--url", default=None, help="an existing server")
    args = parser.parse_args(argv)
    try:
        if args.command == "fetch":
            print(fetching.fetch(args.version, args.cache_dir))
        elif args.command == "serve":
            lib = fetching.fetch(args.version, args.cache_dir)
            with LocalServer(java_argv(lib), startup_timeout=args.startup_timeout) as server:
                print(f"LanguageTool {args.version} at {server.url} (Ctrl-C stops it)", flush=True)
                while server.alive():
                    time.sleep(1)
                print("the server exited", file=sys.stderr)
                return 1
        else:
            lang = language_profile(args.lang, "--lang").code
            paragraphs = [p for p in sys.stdin.read().split("\n\n") if p.strip()]
            with LanguageToolSession(
                args.url,
                version=args.version,
                cache_dir=args.cache_dir,
                disabled_rules=() if args.all_rules else disabled_rules_for({}),
            ) as lt:
                for text, matches in zip(paragraphs, lt.check_texts(paragraphs, lang), strict=True):
                    for m in matches:
                        print(
                            json.dumps(
                                {
                                    "text": text[m.offset : m.end],
                                    "rule": m.rule_id,
                                    "message": m.message,
                                    "offset": m.offset,
                                    "replacements": list(m.replacements),
                                },
                                ensure_ascii=False,
                            )
                        )
    except LocqaError as exc:
        print(f"locqa: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
