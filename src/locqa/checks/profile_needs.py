"""What a check needs from the target language's profile to run at all.

A check whose work rests on a word list of the profile (MNG008 on ``meaning.genitives``)
names the fields in its class attribute ``needs_profile`` and returns no finding in a
language whose profile leaves one empty. :func:`missing_profile_data` is the one test of
it: the check asks it before it runs, and ``tools/docgen.py`` asks it to say "not checked
in this language" rather than "no findings" in docs/checks.md.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..lang import LanguageProfile, find_profile


def missing_profile_data(
    profile: LanguageProfile | str | None, needs: Sequence[str]
) -> tuple[str, ...]:
    """The fields of *needs* (dotted paths into the profile: ``"meaning.genitives"``) that
    *profile* (a profile, or a language code looked up with :func:`find_profile`) leaves
    empty; all of them when there is no profile."""
    found = find_profile(profile) if isinstance(profile, str) else profile
    if found is None:
        return tuple(needs)
    missing = []
    for need in needs:
        value: object = found
        for part in need.split("."):
            value = getattr(value, part)  # a misspelt field fails loudly, in the tests
        if not value:
            missing.append(need)
    return tuple(missing)


def describe_missing(missing: Sequence[str]) -> str:
    """``no genitives in its profile`` for ``("meaning.genitives",)``."""
    names = [need.rsplit(".", 1)[-1].replace("_", " ") for need in missing]
    return f"no {' or '.join(names)} in its profile"
