"""Per language: which LanguageTool variant checks it, which rules locqa turns off by
default, and how configuration changes that.

Both are data: each language profile (``locqa/lang/profiles/<code>.toml``, table
``[languagetool]``) names the variant (``code``, as ``/v2/languages`` spells it: ``de`` is
checked as ``de-DE``) and lists the rules of its language (``disabled``) that fire on
Markdown structure (list items and table cells are not sentences), on batching (rules
that look across paragraphs) or on house style that documentation legitimately uses, not
on translation defects; the reason is written next to each rule there.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from typing import Any

from ..lang import find_profile, profiles


def languagetool_code(lang: str) -> str:
    """The LanguageTool variant that checks *lang* (a profile's code or alias): the
    profile's ``languagetool.code`` (``de`` → ``de-DE``, ``zh-Hans`` → ``zh-CN``); *lang*
    as given when no profile claims it (the server then says whether it knows it)."""
    found = find_profile(lang)
    return found.languagetool.code if found is not None else lang


def capitals_mark_names(lang: str) -> bool:
    """Whether a capitalised word inside a sentence of *lang* is a name (so LanguageTool's
    speller need not see it): not in a language that capitalises its nouns (German)."""
    found = find_profile(lang)
    return found is None or not found.words.capitalised_nouns


def default_disabled_rules(lang: str | None = None) -> frozenset[str]:
    """The rules *lang*'s profile turns off (none for a language without a profile); for
    no language, those of every profile (rule ids are mostly per language, and the rest
    mean the same in every language)."""
    if lang is None:
        return frozenset().union(*(p.languagetool.disabled_rules for p in profiles().values()))
    found = find_profile(lang)
    return found.languagetool.disabled_rules if found is not None else frozenset()


#: The rules of every profile: what :func:`effective_disabled_rules` gives a caller that
#: names no language. locqa's callers all name one.
DEFAULT_DISABLED_RULES: frozenset[str] = default_disabled_rules()


def effective_disabled_rules(options: Mapping[str, Any], lang: str) -> frozenset[str]:
    """*lang*'s defaults (:func:`default_disabled_rules`), plus
    ``languagetool_disabled_rules``, minus ``languagetool_enabled_rules``."""
    disabled = set(default_disabled_rules(lang))
    disabled.update(str(r) for r in options.get("languagetool_disabled_rules", ()) or ())
    disabled.difference_update(str(r) for r in options.get("languagetool_enabled_rules", ()) or ())
    return frozenset(disabled)


def disabled_rules_for(options: Mapping[str, Any]) -> Callable[[str], frozenset[str]]:
    """``lang -> effective_disabled_rules(options, lang)``, for a session that checks
    several languages (:class:`locqa.languagetool.LanguageToolSession`)."""
    return functools.partial(effective_disabled_rules, options)
