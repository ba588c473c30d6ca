"""Which LanguageTool rules locqa turns off by default, and how configuration changes that.

The defaults are data: each language profile (``locqa/lang/profiles/<code>.toml``, table
``[languagetool]``, key ``disabled``) lists the rules of its language that fire on
Markdown structure (list items and table cells are not sentences), on batching (rules
that look across paragraphs) or on house style that documentation legitimately uses, not
on translation defects; the reason is written next to each rule there.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..lang import find_profile, profiles


def default_disabled_rules(lang: str | None = None) -> frozenset[str]:
    """The rules *lang*'s profile turns off (none for a language without a profile); for
    no language, those of every profile (rule ids are mostly per language, and the rest
    mean the same in every language)."""
    if lang is None:
        return frozenset().union(*(p.languagetool.disabled_rules for p in profiles().values()))
    found = find_profile(lang)
    return found.languagetool.disabled_rules if found is not None else frozenset()


#: The rules turned off when the caller names no language: every profile's.
DEFAULT_DISABLED_RULES: frozenset[str] = default_disabled_rules()


def effective_disabled_rules(options: Mapping[str, Any], lang: str | None = None) -> frozenset[str]:
    """*lang*'s defaults (:func:`default_disabled_rules`), plus
    ``languagetool_disabled_rules``, minus ``languagetool_enabled_rules``."""
    disabled = set(default_disabled_rules(lang))
    disabled.update(str(r) for r in options.get("languagetool_disabled_rules", ()) or ())
    disabled.difference_update(str(r) for r in options.get("languagetool_enabled_rules", ()) or ())
    return frozenset(disabled)
