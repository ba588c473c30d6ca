"""Language codes: accepted only when Babel's locale data (CLDR) knows them, as spelled,
and resolved to a language profile (:mod:`locqa.lang`) before a language is worked on.

``nl``, ``nl-NL``, ``nl_BE``, ``zh-Hans``, ``pt-BR`` are codes; ``NL``, ``nl-nl``,
``nederlands``, ``Dutch`` and ``xx`` are refused with the nearest valid code, if any.
``de-DE`` is the profile ``de`` (an alias); ``ko-KR`` is a code without a profile, refused
with how to add one.
"""

from __future__ import annotations

import difflib
import functools
from pathlib import Path

from babel import Locale, localedata
from babel.core import get_locale_identifier, parse_locale

from .errors import ConfigError
from .lang import PATH_ENV, LanguageProfile, find_profile, profiles

EXAMPLES = "nl, de, pt-BR or zh-Hans"


def language_code(code: str, flag: str, path: Path | None = None) -> str:
    """*code* when the locale data knows it exactly as written (``-`` or ``_`` between the
    parts); otherwise a :class:`ConfigError` that names *flag* (a command-line flag, or a
    key of the file *path*) and suggests the nearest valid code."""
    sep = "-" if "-" in code else "_"
    try:
        parts = parse_locale(code, sep=sep)
    except ValueError:
        parts = None
    if parts is not None:
        known = _known_prefix(parts[0], parts[1], parts[2], parts[3], sep)
        spelled = get_locale_identifier(parts, sep=sep)
        if known == spelled == code:
            return code
        if known == spelled:
            raise ConfigError(f"{flag} {code!r}: write the language code as {known!r}", path)
        if known:
            raise ConfigError(
                f"{flag} {code!r}: the locale data has no {spelled!r}; did you mean {known!r}?",
                path,
            )
    guess = _code_named(code)
    hint = f"did you mean {guess!r}?" if guess else f"use a language code such as {EXAMPLES}"
    raise ConfigError(f"{flag} {code!r}: not a language code the locale data knows; {hint}", path)


def language_profile(code: str, flag: str, path: Path | None = None) -> LanguageProfile:
    """The profile of language *code* (its code or an alias, ``de-DE`` → ``de``). A code
    the locale data does not know is refused as by :func:`language_code`; a known one
    without a profile is a :class:`ConfigError` naming *flag* that says how to add one."""
    language_code(code, flag, path)
    found = find_profile(code)
    if found is not None:
        return found
    base = parse_locale(code, sep="-" if "-" in code else "_")[0]
    near = find_profile(base)
    if near is not None:
        hint = f"did you mean {near.code!r}? (or add {code!r} to the aliases of {_shown(near)})"
    else:
        have = ", ".join(sorted(profiles()))
        hint = (
            f"locqa has profiles for {have}; to add one, copy lang/profiles/nl.toml of "
            f"locqa to {base}.toml in a folder named by ${PATH_ENV} (or in locqa's "
            "lang/profiles) and fill in its values (docs/languages.md)"
        )
    raise ConfigError(f"{flag} {code!r}: no language profile for this language; {hint}", path)


def _shown(found: LanguageProfile) -> str:
    return str(found.path) if found.path is not None else f"{found.code}.toml"


def _known_prefix(
    lang: str, territory: str | None, script: str | None, variant: str | None, sep: str
) -> str:
    """The longest known code made of these parts, dropping the variant, then the
    territory, then the script; "" when none is known."""
    for candidate in (
        (lang, territory, script, variant),
        (lang, territory, script, None),
        (lang, None, script, None),
        (lang, territory, None, None),
        (lang, None, None, None),
    ):
        identifier = get_locale_identifier(candidate)
        if identifier != "root" and localedata.exists(identifier):
            return get_locale_identifier(candidate, sep=sep)
    return ""


def _code_named(text: str) -> str:
    """The code of the language called *text* in English or in itself (``Dutch``,
    ``nederlands`` → ``nl``), also when slightly misspelt; "" when there is none."""
    names = _language_names()
    key = text.strip().casefold()
    close = difflib.get_close_matches(key, names, n=1, cutoff=0.8)
    return names[close[0]] if close else ""


@functools.cache
def _language_names() -> dict[str, str]:
    """Casefolded language names → code, from the English names and every autonym."""
    names: dict[str, str] = {}
    for code in sorted(localedata.locale_identifiers()):
        if "_" in code or code == "root":
            continue
        autonym = Locale.parse(code).get_language_name(code)
        if autonym:
            names.setdefault(autonym.casefold(), code)
    for code, name in Locale.parse("en").languages.items():
        if localedata.exists(code) and "_" not in code:
            names.setdefault(name.casefold(), code)
    return names
