"""Checks: one small class per check, registered by its code.

Families: ENC (encoding), TRM (terminology), LT (LanguageTool), TRN (translation and
consistency), STR (structure). See docs/checks.md for every code with an example.
"""

from __future__ import annotations

import importlib

CHECK_MODULES = ("encoding", "terms", "language", "translation", "consistency", "structure")


def load_checks() -> None:
    """Import every check module so that its classes register themselves."""
    for name in CHECK_MODULES:
        importlib.import_module(f"{__name__}.{name}")
