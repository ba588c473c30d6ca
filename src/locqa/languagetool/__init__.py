"""LanguageTool for locqa: fetch the server with Maven, run it on 127.0.0.1, check in batches.

Typical use (the runner fills ``CheckContext.languagetool`` before checks run)::

    with LanguageToolSession(disabled_rules=effective_disabled_rules(options)) as lt:
        matches = lt.check_texts(msgstrs, "nl")
    ctx.languagetool = dict(zip(msgstrs, matches))
"""

from __future__ import annotations

from .client import (
    BatchingComparison,
    LanguageToolSession,
    SessionStats,
    compare_batching,
)
from .match import LTMatch
from .maven import DEFAULT_VERSION, cache_root, fetch, is_cached, lib_dir
from .rules import DEFAULT_DISABLED_RULES, effective_disabled_rules
from .server import LocalServer, java_argv

__all__ = [
    "DEFAULT_DISABLED_RULES",
    "DEFAULT_VERSION",
    "BatchingComparison",
    "LTMatch",
    "LanguageToolSession",
    "LocalServer",
    "SessionStats",
    "cache_root",
    "compare_batching",
    "effective_disabled_rules",
    "fetch",
    "is_cached",
    "java_argv",
    "lib_dir",
]
