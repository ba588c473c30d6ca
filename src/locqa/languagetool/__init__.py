"""LanguageTool for locqa: fetch the server with Maven, run it on 127.0.0.1, check in batches.

Typical use (the runner gives the checks a context whose ``languagetool`` holds these)::

    with LanguageToolSession(disabled_rules=disabled_rules_for(options)) as lt:
        matches = lt.check_texts(msgstrs, ctx.target_lang)  # "de" is checked as "de-DE"
    ctx = dataclasses.replace(ctx, languagetool=dict(zip(msgstrs, matches)))

The language's profile (:mod:`locqa.lang`) names the LanguageTool variant and the rules
turned off (:mod:`.rules`).
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from .match import LTMatch
from .rules import (
    DEFAULT_DISABLED_RULES,
    disabled_rules_for,
    effective_disabled_rules,
    languagetool_code,
)

# Heavier parts (HTTP client, server lifecycle, Maven) are imported on first use, so that a
# fully cached run, which never talks to LanguageTool, does not pay for them.
_LAZY = {
    "ANNOTATION_VERSION": "annotate",
    "BatchingComparison": "client",
    "LanguageToolSession": "client",
    "SessionStats": "client",
    "compare_batching": "client",
    "DEFAULT_VERSION": "maven",
    "cache_root": "maven",
    "fetch": "maven",
    "is_cached": "maven",
    "lib_dir": "maven",
    "LocalServer": "server",
    "java_argv": "server",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


__all__ = [
    "ANNOTATION_VERSION",
    "DEFAULT_DISABLED_RULES",
    "DEFAULT_VERSION",
    "BatchingComparison",
    "LTMatch",
    "LanguageToolSession",
    "LocalServer",
    "SessionStats",
    "cache_root",
    "compare_batching",
    "disabled_rules_for",
    "effective_disabled_rules",
    "fetch",
    "is_cached",
    "java_argv",
    "languagetool_code",
    "lib_dir",
]
