"""Language profiles (locqa.lang): the shipped data, the loader, and every consumer asking
the profile instead of testing for a language."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import REPO
from locqa import lang
from locqa.checks.base import CheckContext, Unit
from locqa.checks.terms import PLURAL_FALLBACKS, normalise
from locqa.checks.translation import (
    EnglishLeftIn,
    NumberMismatch,
    localised_variant,
    target_vocabulary,
)
from locqa.cli import main
from locqa.config import load_settings
from locqa.errors import ConfigError
from locqa.languages import language_code, language_profile
from locqa.languagetool.rules import DEFAULT_DISABLED_RULES, effective_disabled_rules
from locqa.nlp import Pipelines

SHIPPED = {"en", "nl", "de", "fr", "es", "ja", "zh-Hans"}

# what src/locqa hard-coded for Dutch before it became data: the profile must say the same
OLD_DUTCH_RULES = {
    "WHITESPACE_RULE",
    "DUBBELE_SPATIE",
    "NL_CHECKCASE_B_B",
    "NL_CHECKCASE_OPEN_SOURCE",
    "PARAGRAPH_REPEAT_BEGINNING_RULE",
    "PUNCTUATION_PARAGRAPH_END",
    "EN_QUOTES",
    "DASH_RULE",
    "ERG_LANG_WOORD",
}
OLD_NL_NUMBERS = {
    "een": "1", "één": "1", "twee": "2", "drie": "3", "vier": "4", "vijf": "5", "zes": "6",
    "zeven": "7", "acht": "8", "negen": "9", "tien": "10", "elf": "11", "twaalf": "12",
    "eerste": "1", "tweede": "2", "derde": "3", "twintig": "20", "honderd": "100",
}  # fmt: skip
OLD_EN_NUMBERS = {
    "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6",
    "seven": "7", "eight": "8", "nine": "9", "ten": "10", "eleven": "11", "twelve": "12",
    "first": "1", "second": "2", "third": "3", "twenty": "20", "hundred": "100",
}  # fmt: skip

ITALIAN = """\
code = "it"
name = "Italian"
aliases = ["it-IT"]
babel = "it"
script = "Latn"

[tokens]
spacy = "it"
segmentation = "spaces"

[lemmas]
table = "it_lemma_lookup"
stop_words = true

[languagetool]
code = "it"
spelling = true
disabled = ["WHITESPACE_RULE"]

[terms]
termbase = "glossary/{source}-{code}.tbx"
plural_endings = ["i", "e"]

[words]
loanwords = "it-loanwords.txt"
suffixes = ["i", "e"]
url_values = ["it", "ita"]

[numbers]
uno = "1"
due = "2"
tre = "3"
"""


@pytest.fixture
def italian(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder with an Italian profile (and its word list), named by $LOCQA_LANGUAGE_PROFILES."""
    folder = tmp_path / "profiles"
    folder.mkdir()
    (folder / "it.toml").write_text(ITALIAN, encoding="utf-8")
    (folder / "it-loanwords.txt").write_text("# IT words\nwebinar checkout\n", encoding="utf-8")
    monkeypatch.setenv(lang.PATH_ENV, str(folder))
    return folder


# ----------------------------------------------------------------------------- the data


def test_the_shipped_profiles() -> None:
    assert set(lang.profiles()) == SHIPPED


@pytest.mark.parametrize("code", sorted(SHIPPED))
def test_every_code_is_one_the_locale_data_knows(code: str) -> None:
    from babel import localedata

    found = lang.profile(code)
    assert found.path == lang.shipped_folder() / f"{code}.toml"
    for name in found.codes:
        assert language_code(name, "--lang") == name
        assert language_profile(name, "--lang") is found
    assert localedata.exists(found.babel)


@pytest.mark.parametrize("code", sorted(SHIPPED))
def test_the_spacy_language_and_tables_exist(code: str) -> None:
    import importlib.resources

    import spacy

    found = lang.profile(code)
    assert spacy.util.get_lang_class(found.tokens.spacy).lang == found.tokens.spacy
    data = importlib.resources.files("spacy_lookups_data") / "data"
    for table in (found.lemmas.table, found.lemmas.index):
        assert table is None or (data / f"{table}.json.gz").is_file()


def test_codes_and_aliases_resolve_with_either_separator() -> None:
    assert lang.profile("de-DE") is lang.profile("de_DE") is lang.profile("de")
    assert lang.profile("zh") is lang.profile("zh_Hans") is lang.profile("zh-Hans")
    assert lang.find_profile("pt-BR") is None
    with pytest.raises(ValueError, match="no language profile for 'pt'"):
        lang.profile("pt")


def test_the_dutch_data_is_what_the_code_held() -> None:
    nl = lang.profile("nl")
    assert nl.languagetool.disabled_rules == OLD_DUTCH_RULES
    assert dict(nl.words.numbers) == OLD_NL_NUMBERS
    assert dict(lang.profile("en").words.numbers) == OLD_EN_NUMBERS
    assert nl.words.url_values == {"dut", "nl", "nld", "nl-nl", "nl_nl"}
    assert len(nl.words.loanwords) == 227 and {"webshop", "checkout"} <= nl.words.loanwords
    assert nl.words.suffixes == ("'s", "s", "en", "e")
    assert nl.terms.plural_endings == ("en", "s", "'s", "ën")
    assert (nl.terms.plural_fallback, nl.terms.compounds, nl.terms.stem_endings) == (
        "dutch",
        True,
        ("en",),
    )
    assert nl.termbase_path("en") == Path("locales/glossary/en-nl.tbx")


def test_the_languagetool_variants() -> None:
    codes = {c: lang.profile(c).languagetool for c in sorted(SHIPPED)}
    assert {c: t.code for c, t in codes.items()} == {
        "de": "de-DE",
        "en": "en-US",
        "es": "es",
        "fr": "fr",
        "ja": "ja-JP",
        "nl": "nl",
        "zh-Hans": "zh-CN",
    }
    assert {c for c, t in codes.items() if not t.spelling} == {"ja", "zh-Hans"}


def test_the_plural_fallbacks_the_loader_accepts_are_the_ones_terms_has() -> None:
    assert set(PLURAL_FALLBACKS) == lang.PLURAL_FALLBACKS


def test_code_never_asks_which_language_it_is() -> None:
    pattern = re.compile(r"""(?:[=!]=\s*|\bin\s*[(\[{][^)\]}]*)["'](?:nl|de|fr|es|ja|zh)["']""")
    found = [
        f"{path.relative_to(REPO)}:{number}"
        for path in sorted((REPO / "src" / "locqa").rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if pattern.search(line)
    ]
    assert found == []


# ----------------------------------------------------------------------------- the loader


def test_adding_a_language_is_adding_a_file(italian: Path) -> None:
    found = lang.profile("it-IT")
    assert found.code == "it" and found.path == italian / "it.toml"
    assert set(lang.profiles()) == SHIPPED | {"it"}
    assert language_profile("it_IT", "--lang") is found
    assert found.words.loanwords == {"webinar", "checkout"}
    # every consumer picks it up
    pipes = Pipelines()
    assert pipes.lemma("Ordini", "it") == "ordine"
    assert normalise(pipes, "ordini", "it-IT") == "ordine"
    ctx = CheckContext(target_lang="it", nlp=pipes)
    assert {"il", "webinar"} <= target_vocabulary(ctx)
    assert (
        list(NumberMismatch().check(Unit("Save on 3 items", "Risparmia su tre articoli"), ctx))
        == []
    )
    assert effective_disabled_rules({}, "it") == {"WHITESPACE_RULE"}
    assert localised_variant("https://v.io/a", "https://v.io/a?captions=ita", "it")
    settings = load_settings(italian, {})
    assert settings.termbase_path_for("it") == italian / "glossary/en-it.tbx"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("[terms]", "[terms]\nspelling = true"), "terms.spelling is not a profile key"),
        (('code = "it"', 'code = "xx"'), "must match the file name"),
        (('babel = "it"', 'babel = "xx"'), "'xx' is not a locale Babel knows"),
        (('tre = "3"', "tre = 3"), "numbers.tre must be a string of digits"),
        (('segmentation = "spaces"', 'segmentation = "words"'), "must be one of"),
        (('aliases = ["it-IT"]', 'aliases = ["it-IT", "de-DE"]'), "'de-DE' is claimed"),
        (('loanwords = "it-loanwords.txt"', 'loanwords = "none.txt"'), "none.txt"),
        (("[numbers]", "[numbers"), "cannot read the language profile"),
    ],
)
def test_a_wrong_profile_is_an_error_naming_its_file(
    italian: Path, change: tuple[str, str], message: str
) -> None:
    path = italian / "it.toml"
    path.write_text(ITALIAN.replace(*change), encoding="utf-8")
    with pytest.raises(ConfigError, match=re.escape(message)) as error:
        lang.profiles()
    assert error.value.path == str(path)


# ----------------------------------------------------------------------------- --lang


def test_a_known_language_without_a_profile_says_how_to_add_one() -> None:
    with pytest.raises(ConfigError) as error:
        language_profile("pt-BR", "--lang")
    message = str(error.value)
    assert message.startswith("--lang 'pt-BR': no language profile for this language;")
    assert "pt.toml" in message and "docs/languages.md" in message and lang.PATH_ENV in message


def test_a_region_the_profile_lacks_points_to_the_profile() -> None:
    with pytest.raises(ConfigError, match=r"did you mean 'nl'\? \(or add 'nl-BE' to the aliases"):
        language_profile("nl-BE", "--lang")
    with pytest.raises(ConfigError, match="write the language code as 'nl'"):
        language_profile("NL", "--lang")


@pytest.mark.parametrize("command", ["extract", "build"])
def test_a_project_language_without_a_profile_exits_2(
    command: str, sample_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copytree(sample_project / "content/nl", sample_project / "content/pt-BR")
    assert main([command, "--root", str(sample_project), "--lang", "pt-BR"]) == 2
    err = capsys.readouterr().err
    assert "--lang 'pt-BR': no language profile" in err and "pt.toml" in err


def test_an_alias_works_as_a_project_language(
    sample_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copytree(sample_project / "content/nl", sample_project / "content/de_DE")
    root = str(sample_project)
    assert main(["extract", "--root", root, "--lang", "de_DE", "-q"]) == 0
    assert main(["check", "--root", root, "--lang", "de_DE", "--skip-languagetool"]) in (0, 1)
    assert "Traceback" not in capsys.readouterr().err


# ----------------------------------------------------------------------------- consumers


def test_lemmas_follow_the_profile() -> None:
    pipes = Pipelines()
    assert pipes.get("de-DE") is pipes.get("de")
    # German keys nouns as written: no more lowercased misses
    assert pipes.lemma("Bestellungen", "de") == "bestellung"
    assert pipes.lemma("bestellt", "de") == "bestellen"
    assert pipes.lemma("Bestellt", "de") == "bestellen"  # sentence-initial verb
    assert "bestellung" in pipes.vocabulary("de")
    # French values are lists: their first lemma, not "['commande']"
    assert pipes.lemma("commandes", "fr") == "commande"
    assert pipes.lemma("Bestellingen", "nl") == "bestelling"  # Dutch: lowercased lookup
    with pytest.raises(ValueError, match="no language profile"):
        pipes.get("pt")


def test_chinese_is_segmented_per_character_without_lemmas() -> None:
    pipes = Pipelines()
    assert [t.text for t in pipes.tokenizer_doc("产品轮播", "zh-Hans")] == ["产", "品", "轮", "播"]
    assert pipes.lemma("产", "zh") == "产"


def test_japanese_names_the_segmenter_it_needs() -> None:
    import importlib.util

    if importlib.util.find_spec("sudachipy") and importlib.util.find_spec("sudachidict_core"):
        assert [t.text for t in Pipelines().tokenizer_doc("製品", "ja")]
        return
    with pytest.raises(ImportError, match="pip install sudachipy"):
        Pipelines().get("ja-JP")


def test_languagetool_rules_are_per_language() -> None:
    assert effective_disabled_rules({}, "nl") == OLD_DUTCH_RULES
    german = effective_disabled_rules({}, "de-DE")
    assert {"DOPPELTES_LEERZEICHEN", "GERMAN_WORD_REPEAT_BEGINNING_RULE"} <= german
    assert "DUBBELE_SPATIE" not in german
    assert "DOUBLES_ESPACES" in effective_disabled_rules({}, "fr")
    assert effective_disabled_rules({}, "pt") == frozenset()
    # no language named: every profile's (what the callers that pass none get)
    assert OLD_DUTCH_RULES <= DEFAULT_DISABLED_RULES == effective_disabled_rules({})
    options = {
        "languagetool_disabled_rules": ["X"],
        "languagetool_enabled_rules": ["DUBBELE_SPATIE"],
    }
    assert effective_disabled_rules(options, "nl") == (OLD_DUTCH_RULES | {"X"}) - {"DUBBELE_SPATIE"}


def test_the_termbase_comes_from_the_profile_unless_configured(tmp_path: Path) -> None:
    settings = load_settings(tmp_path, {})
    assert settings.termbase_path == tmp_path / "locales/glossary/en-nl.tbx"
    assert settings.termbase_path_for("de") == tmp_path / "locales/glossary/en-de.tbx"
    assert settings.termbase_path_for("zh") == tmp_path / "locales/glossary/en-zh-Hans.tbx"
    assert settings.termbase_path_for("en") is None
    assert settings.termbase_path_for("pt") is None
    several = load_settings(tmp_path, {"languages": ("nl", "de")})
    assert several.termbase_path is None  # never one language's termbase for all
    assert several.termbase_path_for("nl") == tmp_path / "locales/glossary/en-nl.tbx"
    configured = load_settings(tmp_path, {"termbase": "terms.tbx", "languages": ("nl", "de")})
    assert configured.termbase_path == configured.termbase_path_for("de") == tmp_path / "terms.tbx"


def test_german_translation_checks_use_german_data() -> None:
    ctx = CheckContext(target_lang="de", nlp=Pipelines())
    # "Bestellungen" is German (case-exact lemma table), "drei" is 3, "alle" a stop word
    assert list(NumberMismatch().check(Unit("3 orders", "drei Bestellungen"), ctx)) == []
    # "also" is German (a stop word), so not English left in; in Dutch it would be
    unit = Unit("We also sell shoes", "Wir verkaufen also Schuhe")
    assert list(EnglishLeftIn().check(unit, ctx)) == []
    dutch = CheckContext(target_lang="nl", nlp=ctx.nlp)
    assert [f.msgstr[f.start : f.end] for f in EnglishLeftIn().check(unit, dutch)] == ["also"]
    assert localised_variant("https://v.io/a", "https://v.io/a?captions=ger", "de")
    assert not localised_variant("https://v.io/a", "https://v.io/a?captions=dut", "de")
