"""Which LanguageTool rules locqa turns off by default, and how configuration changes that.

Measured on the Dutch side of the commerce-learn corpus (see docs/languagetool.md): these
rules fire mostly on Markdown structure (list items and table cells are not sentences),
on batching (rules that look across paragraphs) or on house style that documentation
legitimately uses, not on translation defects.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

DEFAULT_DISABLED_RULES: frozenset[str] = frozenset(
    {
        # Markdown renders runs of spaces as one: double spaces around [!DNL ...] and
        # inline code are invisible to readers (invisible characters are ENC checks)
        "WHITESPACE_RULE",
        "DUBBELE_SPATIE",
        # "B2B" -> "b2b", "Open Source" -> "open source": product and business terms that
        # documentation writes in capitals on purpose (the termbase governs them)
        "NL_CHECKCASE_B_B",
        "NL_CHECKCASE_OPEN_SOURCE",
        # look across paragraphs, so batching would change their results; in documents
        # made of headings, list items and table cells they are noise anyway
        "PARAGRAPH_REPEAT_BEGINNING_RULE",
        "PUNCTUATION_PARAGRAPH_END",
        # English typographic quotes and dashes: house style, not translation defects
        "EN_QUOTES",
        "DASH_RULE",
        # very long compound: a style hint that fires on correct technical terms
        "ERG_LANG_WOORD",
    }
)


def effective_disabled_rules(options: Mapping[str, Any]) -> frozenset[str]:
    """Defaults, plus ``languagetool_disabled_rules``, minus ``languagetool_enabled_rules``."""
    disabled = set(DEFAULT_DISABLED_RULES)
    disabled.update(str(r) for r in options.get("languagetool_disabled_rules", ()) or ())
    disabled.difference_update(str(r) for r in options.get("languagetool_enabled_rules", ()) or ())
    return frozenset(disabled)
