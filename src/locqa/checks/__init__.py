"""Checks: one small class per check, registered by its code.

Families: ENC (encoding), TRM (terminology), LT (LanguageTool), TRN (translation and
consistency), MNG (meaning), STR (structure). See docs/checks.md for every code with an example.
"""

from __future__ import annotations

import difflib
import importlib
import re
from collections.abc import Iterable, Sequence

from ..config import Origin
from .base import REGISTRY

CHECK_MODULES = (
    "encoding",
    "terms",
    "language",
    "translation",
    "meaning",
    "names",
    "lexical",
    "identity",
    "consistency",
    "structure",
)


def load_checks() -> None:
    """Import every check module so that its classes register themselves."""
    for name in CHECK_MODULES:
        importlib.import_module(f"{__name__}.{name}")


def check_codes(patterns: Iterable[str], origin: Origin) -> tuple[str, ...]:
    """The check codes that *patterns* select (codes or prefixes: ``ENC``, ``TRM00``,
    ``trn001``); a pattern that selects nothing is an error naming *origin*, with the
    nearest codes or families."""
    load_checks()
    codes = sorted(REGISTRY)
    chosen: list[str] = []
    for pattern in patterns:
        wanted = pattern.strip().upper()
        matched = [code for code in codes if wanted and code.startswith(wanted)]
        if not matched:
            raise origin.error(
                pattern, f"no check code starts with {wanted!r}; {_nearest(wanted, codes)}"
            )
        chosen.extend(matched)
    return tuple(dict.fromkeys(chosen))


def _nearest(wanted: str, codes: Sequence[str]) -> str:
    """ "did you mean" the closest code or family (ties go to the same letters in another
    order: TMR → TRM), or the list of families when nothing is close."""
    families = sorted({re.sub(r"\d+$", "", code) for code in codes})
    close = difflib.get_close_matches(wanted, [*families, *codes], n=5, cutoff=0.6)
    if not close:
        return f"the check families are {', '.join(families)} (see docs/checks.md)"
    best = max(close, key=lambda c: (_ratio(wanted, c), _ratio(sorted(wanted), sorted(c))))
    return f"did you mean {best!r}?"


def _ratio(a: Sequence[str], b: Sequence[str]) -> float:
    return difflib.SequenceMatcher(None, a, b).ratio()
