"""One definition of what is protected: no finding on, and no fix inside, code, URLs, link
targets, ``[!DNL …]``, file names and Markdown syntax."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from locqa.checks.base import CheckContext, Unit
from locqa.checks.language import LanguageToolCheck
from locqa.findings import Finding, FixSafety, Severity
from locqa.fix import apply_spans, choose_fixes
from locqa.languagetool import LanguageToolSession
from locqa.languagetool.match import LTMatch
from locqa.markup import edit_is_allowed, untouchable_ranges

PROTECTED = ["`etc/module.xml`", "[!DNL Commerce]", "InstallData.php", "https://example.com/a"]

SENTENCES = {
    "nl": "Open `etc/module.xml` in [!DNL Commerce], wijzig InstallData.php en lees "
    "https://example.com/a voor de [instellingen](https://example.com/b).",
    "fr": "Ouvrez `etc/module.xml` dans [!DNL Commerce], modifiez InstallData.php et lisez "
    "https://example.com/a pour les [paramètres](https://example.com/b).",
    "es": "Abra `etc/module.xml` en [!DNL Commerce], modifique InstallData.php y lea "
    "https://example.com/a para la [configuración](https://example.com/b).",
}


def spans_of(text: str, parts: list[str]) -> list[tuple[int, int]]:
    return [(text.index(p), text.index(p) + len(p)) for p in parts]


def test_untouchable_ranges_cover_code_names_files_urls_and_link_targets() -> None:
    text = SENTENCES["nl"]
    ranges = untouchable_ranges(text)
    for start, end in spans_of(text, [*PROTECTED, "(https://example.com/b)"]):
        assert any(a <= start and end <= b for a, b in ranges), text[start:end]
    word = text.index("instellingen")
    assert edit_is_allowed(text, word, word + len("instellingen"))


@pytest.mark.parametrize("lang", sorted(SENTENCES))
def test_languagetool_matches_inside_protected_spans_are_dropped(lang: str) -> None:
    text = SENTENCES[lang]
    matches = [
        LTMatch("MORFOLOGIK", "TYPOS", "misspelling", "Possible typo", a, b - a, ("Y",))
        for a, b in spans_of(text, PROTECTED)
    ]
    ctx = CheckContext(target_lang=lang, languagetool={text: matches})
    assert list(LanguageToolCheck().check(Unit("Open the file.", text), ctx)) == []


def finding(text: str, start: int, end: int, suggestion: str, fix: FixSafety) -> Finding:
    return Finding(
        "LT001", Severity.WARNING, "m", "a.md", 1, "src", text, start, end, suggestion, fix
    )


@pytest.mark.parametrize("lang", sorted(SENTENCES))
def test_fixes_never_edit_protected_spans(lang: str) -> None:
    text = SENTENCES[lang]
    fixes = [finding(text, a, b, "Y", FixSafety.UNSAFE) for a, b in spans_of(text, PROTECTED)]
    kept, _ = choose_fixes(fixes, (FixSafety.SAFE, FixSafety.UNSAFE))
    assert kept == []


PIECES = st.sampled_from(
    [
        "woord",
        " ",
        "**vet**",
        "`code`",
        "[tekst](https://x.nl/p)",
        "[!DNL Name]",
        "file.php",
        "https://y.nl/q",
        "auto&#39;s",
        "{#anchor}",
        "_nadruk_",
        ", ",
    ]
)


@settings(max_examples=300, deadline=None)
@given(
    pieces=st.lists(PIECES, min_size=1, max_size=12),
    edits=st.lists(
        st.tuples(st.integers(0, 200), st.integers(0, 20), st.sampled_from(["", "X", "x y", "`"])),
        max_size=6,
    ),
)
def test_fuzzed_edits_leave_every_protected_span_intact(
    pieces: list[str], edits: list[tuple[int, int, str]]
) -> None:
    text = "".join(pieces)
    fixes = []
    for at, length, suggestion in edits:
        start = min(at, len(text))
        end = min(start + length, len(text))
        fixes.append(finding(text, start, end, suggestion, FixSafety.SAFE))
    kept, _ = choose_fixes(fixes, (FixSafety.SAFE, FixSafety.UNSAFE))
    result = apply_spans(text, kept)[-1].after if kept else text
    at = 0
    for a, b in untouchable_ranges(text):  # each protected text survives, in order
        found = result.find(text[a:b], at)
        assert found >= 0, (text, result, text[a:b])
        at = found + (b - a)


@pytest.mark.languagetool
@pytest.mark.parametrize("lang", sorted(SENTENCES))
def test_real_languagetool_reports_nothing_inside_protected_spans(
    lang: str, tmp_path: Path, languagetool_session: LanguageToolSession
) -> None:
    text = SENTENCES[lang]
    (matches,) = languagetool_session.check_texts([text], lang)
    ctx = CheckContext(target_lang=lang, languagetool={text: matches})
    found = list(LanguageToolCheck().check(Unit("Open the file.", text), ctx))
    protected = untouchable_ranges(text)
    for f in found:
        assert f.start is not None and f.end is not None
        assert not any(a < f.end and f.start < b for a, b in protected), f
