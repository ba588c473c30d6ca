"""Language identification of short spans, with lingua (``lingua-language-detector``: its
n-gram models ship inside the wheel, nothing is downloaded).

One detector per target language, built to choose between English and that language only:
the question the checks ask is never "which of 75 languages is this?" but "is this span of
a Dutch segment English or Dutch?", and a two-way detector answers it most reliably on a
few words.
"""

from __future__ import annotations

import functools
import importlib.util
from typing import Any


def missing() -> str | None:
    """What is missing for language identification on this machine, or None."""
    if importlib.util.find_spec("lingua") is None:
        return "language identification needs lingua: pip install lingua-language-detector"
    return None


@functools.cache
def _detector(lang: str) -> tuple[Any, Any] | None:
    """(detector, English) for a target language code, or None when lingua does not know
    the language (a profile for a language lingua lacks still runs every other check)."""
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    try:
        iso = IsoCode639_1.from_str(lang.split("-")[0].lower())
        target = Language.from_iso_code_639_1(iso)
    except ValueError:
        return None
    if target == Language.ENGLISH:
        return None
    return LanguageDetectorBuilder.from_languages(
        Language.ENGLISH, target
    ).build(), Language.ENGLISH


def english_confidence(text: str, lang: str) -> float | None:
    """How sure lingua is that *text* is English rather than *lang* (0 to 1), or None when
    it cannot tell (lingua missing, or a language it does not know)."""
    if missing() is not None:
        return None
    found = _detector(lang)
    if found is None:
        return None
    detector, english = found
    return float(detector.compute_language_confidence(text, english))
