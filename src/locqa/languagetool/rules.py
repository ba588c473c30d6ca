"""Which LanguageTool rules locqa turns off by default, and how configuration changes that.

Measured on the Dutch side of the commerce-learn corpus (see docs/languagetool.md): these
rules fire mostly on Markdown structure (list items and table cells are not sentences),
on batching (rules that look across paragraphs) or on house style that documentation
legitimately uses, not on translation defects.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

DEFAULT_DISABLED_RULES: frozenset[str] = frozenset()


def effective_disabled_rules(options: Mapping[str, Any]) -> frozenset[str]:
    """Defaults, plus ``languagetool_disabled_rules``, minus ``languagetool_enabled_rules``."""
    disabled = set(DEFAULT_DISABLED_RULES)
    disabled.update(str(r) for r in options.get("languagetool_disabled_rules", ()) or ())
    disabled.difference_update(str(r) for r in options.get("languagetool_enabled_rules", ()) or ())
    return frozenset(disabled)
