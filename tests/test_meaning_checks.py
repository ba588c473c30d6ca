"""MNG001-MNG002: negation on one side of a unit and not on the other, per language data."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from locqa import lang
from locqa.checks.base import CheckContext, Unit
from locqa.checks.meaning import NegationAdded, NegationMissing, negation_words, statement
from locqa.nlp import Pipelines

PIPES = Pipelines()


def ctx(code: str) -> CheckContext:
    return CheckContext(target_lang=code, nlp=PIPES)


def missing(source: str, target: str, code: str = "nl") -> list[str]:
    return [f.message for f in NegationMissing().check(Unit(source, target), ctx(code))]


def added(source: str, target: str, code: str = "nl") -> list[tuple[str, int | None]]:
    found = NegationAdded().check(Unit(source, target), ctx(code))
    return [(target[f.start : f.end] if f.start is not None else "", f.start) for f in found]


# ------------------------------------------------------------------ a dropped negation


@pytest.mark.parametrize(
    ("code", "source", "target"),
    [
        ("nl", "Keep the customizations as non-complex as possible.",
         "Houd de aanpassingen zo complex mogelijk."),
        ("de", "Do not delete the cache folder.", "Löschen Sie den Cache-Ordner."),
        ("fr", "Never edit the core files.", "Modifiez les fichiers principaux."),
        ("es", "The module doesn't change the price.", "El módulo cambia el precio."),
        ("pt-BR", "There is no limit on orders.", "Há um limite de pedidos."),
        ("ja", "Why they were not used", "その理由"),
        ("zh-Hans", "Exist in your repositories, nowhere else.", "位于存储库中，任何其他位置都存在。"),
    ],
)  # fmt: skip
def test_a_dropped_negation_is_found_in_every_language(code: str, source: str, target: str) -> None:
    found = missing(source, target, code)
    assert len(found) == 1 and "the source negates" in found[0]


@pytest.mark.parametrize(
    ("code", "source", "target"),
    [
        ("nl", "Do not delete the cache folder.", "Verwijder de cachemap niet."),
        ("nl", "Orders without a customer", "Bestellingen zonder klant"),
        ("nl", "This is not possible.", "Dit is onmogelijk."),  # a negating part of a word
        ("de", "No products are shown.", "Es werden keine Produkte angezeigt."),
        ("de", "The payment is not valid.", "Die Zahlung ist ungültig."),
        ("fr", "The order isn't shipped.", "La commande n’est pas expédiée."),
        ("es", "Never edit the core files.", "Nunca edite los archivos principales."),
        ("pt-BR", "Do not edit the core files.", "Não edite os arquivos principais."),
        ("ja", "The cache is not cleared.", "キャッシュはクリアされません。"),
        ("ja", "Hybrid headless and non-headless front ends", "ハイブリッドヘッドレスおよびヘッドレス以外"),
        ("zh-Hans", "The cache is not cleared.", "缓存不会被清除。"),
        # idioms of the source's exception list: no negation to render
        ("zh-Hans", "And not only in metapackages.", "不仅在中间包中。"),
        ("zh-Hans", "Hundreds of lines are not uncommon.", "数百行也是常见的。"),
        ("ja", "Updates are not more than once a day", "更新は1日1回以下です"),
        ("nl", "Live Search at no additional charge", "Live Search zonder extra kosten"),
    ],
)  # fmt: skip
def test_a_rendered_negation_is_no_finding(code: str, source: str, target: str) -> None:
    assert missing(source, target, code) == []


def test_the_english_negation_left_in_is_english_left_in_not_a_dropped_negation() -> None:
    source = "It is not recommended for large volumes."
    assert missing(source, "Es ist not recommended für große Mengen.", "de") == []


def test_code_names_and_copies_are_not_statements() -> None:
    assert missing("Set `no_cache` to true.", "Stel `no_cache` in op true.") == []
    assert missing("Use [!DNL No Such Tool].", "Gebruik [!DNL No Such Tool].") == []
    assert missing("Not Logged In", "Not Logged In") == []  # a copy: TRN001's business
    assert missing("Use `is_not_null`.", "Gebruik `is_not_null`.") == []


def test_emphasised_words_are_statements() -> None:
    source = "The default groups are _General_ and _Not Logged In_."
    assert missing(source, "De standaardgroepen zijn _Algemeen_ en _Ingelogd_.") != []
    assert missing(source, "De standaardgroepen zijn _Algemeen_ en _Niet ingelogd_.") == []
    assert statement("_Not Logged In_") == " Not Logged In "


# ------------------------------------------------------------------ an added negation


def test_an_added_negation_is_opt_in_and_points_at_the_word() -> None:
    assert NegationAdded.opt_in and not NegationMissing.opt_in
    target = "Updates komen niet vaak voor"
    assert added("Updates are frequent", target) == [("niet", target.index("niet"))]


@pytest.mark.parametrize(
    ("code", "source", "target"),
    [
        ("nl", "The webhook is unable to handle the event.", "De webhook kan de gebeurtenis niet verwerken."),
        ("de", "Developers new to Adobe Commerce", "Entwickler, die noch nicht mit Adobe Commerce vertraut sind"),
        ("es", "Integrate your data seamlessly.", "Integre sus datos sin problemas."),
        ("fr", "No-Code Promotions Management", "Gestion des promotions sans code"),
        ("es", "Yet all of it is installed.", "Sin embargo, todo se instala."),  # an exception
    ],
)  # fmt: skip
def test_a_negation_the_sources_word_carries_is_no_added_negation(
    code: str, source: str, target: str
) -> None:
    assert added(source, target, code) == []


# ------------------------------------------------------------------ data, not code


def test_every_shipped_target_language_has_negation_data() -> None:
    for code, found in lang.profiles().items():
        assert found.meaning.negations, code
    assert lang.profile("en").meaning.implicit_negations


def test_a_language_without_negation_data_is_not_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = (lang.shipped_folder() / "nl.toml").read_text(encoding="utf-8")
    start = text.index("[meaning]")
    end = text.index("\n[", start + 1)
    folder = tmp_path / "profiles"
    folder.mkdir()
    (folder / "nl.toml").write_text(text[:start] + text[end + 1 :], encoding="utf-8")
    for name in ("nl-loanwords.txt",):
        (folder / name).write_bytes((lang.shipped_folder() / name).read_bytes())
    monkeypatch.setenv(lang.PATH_ENV, str(folder))
    lang._load.cache_clear()
    lang._index.cache_clear()
    try:
        assert lang.profile("nl").meaning.negations == ()
        assert missing("Do not delete it.", "Verwijder het.") == []
    finally:
        monkeypatch.delenv(lang.PATH_ENV)
        lang._load.cache_clear()
        lang._index.cache_clear()


def test_wildcards_match_the_rest_of_a_word() -> None:
    english = negation_words(lang.profile("en"))
    assert [m.group() for m in english.explicit("It doesn't work, and it can't.")] == [
        "doesn't",
        "can't",
    ]
    german = negation_words(lang.profile("de"))
    assert [m.group() for m in german.explicit("Es gibt keinerlei Fehler.")] == []  # not kein*
    assert [m.group() for m in german.explicit("Keine Fehler, keinen Grund.")] == [
        "Keine",
        "keinen",
    ]
    french = negation_words(lang.profile("fr"))
    assert [m.group() for m in french.explicit("Ce n’est pas prêt.")] == ["n'est", "pas"]


@given(st.text(alphabet=st.sampled_from("ab _-'’*\n不ない"), max_size=40))
def test_the_word_search_never_fails_and_keeps_offsets(text: str) -> None:
    for code in ("en", "nl", "fr", "ja", "zh-Hans"):
        words = negation_words(lang.profile(code))
        for match in words.explicit(text):
            assert 0 <= match.start() < match.end() <= len(text)
    assert len(statement(text)) == len(text)


# ------------------------------------------------------------------ MNG004 names

from locqa.checks.names import NameAltered, source_names  # noqa: E402


def _names_units(variant: str, kept: int = 4) -> list[Unit]:
    units = [
        Unit(
            f"Open Page Builder in the admin {n}.",
            f"Open Page Builder in de beheerder {n}.",
            path="content/nl/a.md",
            line=n + 1,
        )
        for n in range(kept)
    ]
    units.append(Unit("Page Builder for developers", variant, path="content/nl/b.md", line=3))
    return units


def test_a_name_broken_up_is_found_with_the_kept_words() -> None:
    (found,) = NameAltered().check_corpus(
        _names_units("Pagina Builder voor ontwikkelaars"), ctx("nl")
    )
    assert found.path == "content/nl/b.md" and found.msgstr[found.start : found.end] == "Builder"
    assert "'Page Builder' is broken up" in found.message and "4 of the 5 places" in found.message
    assert found.suggestion is None


def test_a_name_altered_gets_the_name_as_an_unsafe_suggestion() -> None:
    (found,) = NameAltered().check_corpus(
        _names_units("page builder voor ontwikkelaars"), ctx("nl")
    )
    assert found.msgstr[found.start : found.end] == "page builder"
    assert found.suggestion == "Page Builder" and found.fix == "unsafe"


@pytest.mark.parametrize(
    "variant",
    [
        "Page Builder voor ontwikkelaars",  # kept
        "Page\u00a0Builder voor ontwikkelaars",  # a no-break space is a space
        "Ontwikkelaars vinden hier alles",  # dropped or reworded: not judged
        "PAGE BUILDER VOOR ONTWIKKELAARS",  # a heading in capitals
    ],
)
def test_a_name_kept_dropped_or_capitalised_is_no_finding(variant: str) -> None:
    assert list(NameAltered().check_corpus(_names_units(variant), ctx("nl"))) == []


def test_a_hyphenated_compound_is_orthography_where_the_language_compounds() -> None:
    units = _names_units("Page-Builder-Entwickler")
    assert list(NameAltered().check_corpus(units, ctx("de"))) == []
    (found,) = NameAltered().check_corpus(_names_units("Page-Builder pour développeurs"), ctx("fr"))
    assert found.suggestion == "Page Builder"


def test_a_phrase_translated_in_most_places_is_no_name() -> None:
    units = _names_units("Pagina Builder voor ontwikkelaars", kept=1)
    units += [Unit(f"Open Page Builder now {n}.", f"Open de paginabouwer {n}.") for n in range(4)]
    assert list(NameAltered().check_corpus(units, ctx("nl"))) == []


def test_names_are_runs_of_capitalised_words_joined_by_the_sources_connectors() -> None:
    connectors = lang.profile("en").meaning.name_connectors
    text = "Use API Mesh for Adobe Developer App Builder with `Code Name` and I/O Events."
    found = source_names(text, connectors)
    assert "API Mesh for Adobe Developer App Builder" in found  # "Use" only starts the sentence
    assert not any("Code" in name or "Events" in name for name in found)  # code ends a name
    assert "Adobe Commerce as a Cloud Service" in source_names(
        "Adobe Commerce as a Cloud Service", connectors
    )


# ------------------------------------------------------------------ MNG005 calques

from locqa.checks.meaning import MachineCalque  # noqa: E402

CALQUES = """\
[[calque]]
id = "learn-how-to"
english = "learn how to"
message = "'Leer hoe te' copies 'learn how to'; write 'Leer hoe u ...'"
pattern = [{LOWER = "leer"}, {LOWER = "hoe"}, {LOWER = "te"}]
example = "Leer hoe te om de module te installeren."
correct = "Leer hoe u de module installeert."
"""


@pytest.fixture
def dutch_with_calques(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    folder = tmp_path / "profiles"
    folder.mkdir()
    text = (lang.shipped_folder() / "nl.toml").read_text(encoding="utf-8")
    text = re.sub(r"(?m)^calques = .*\n", "", text)
    text = text.replace("[meaning]\n", '[meaning]\ncalques = "calques/nl.toml"\n', 1)
    (folder / "nl.toml").write_text(text, encoding="utf-8")
    (folder / "calques").mkdir()
    (folder / "calques" / "nl.toml").write_text(CALQUES, encoding="utf-8")
    (folder / "nl-loanwords.txt").write_bytes(
        (lang.shipped_folder() / "nl-loanwords.txt").read_bytes()
    )
    monkeypatch.setenv(lang.PATH_ENV, str(folder))
    lang._load.cache_clear()
    lang._index.cache_clear()
    yield folder
    monkeypatch.delenv(lang.PATH_ENV)
    lang._load.cache_clear()
    lang._index.cache_clear()


def test_a_calque_pattern_is_found_with_its_rule_and_span(dutch_with_calques: Path) -> None:
    target = "Leer hoe te om de `module` te installeren."
    (found,) = MachineCalque().check(Unit("Learn how to install the module.", target), ctx("nl"))
    assert target[found.start : found.end] == "Leer hoe te" and found.rule == "learn-how-to"
    assert (
        list(MachineCalque().check(Unit("x", "Leer hoe u de module installeert."), ctx("nl"))) == []
    )


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (('{LOWER = "te"}', '{POS = "VERB"}'), "POS is not an attribute a blank pipeline sets"),
        (('{LOWER = "te"}', '{LOWER = {REGEX = "("}}'), "is not a regular expression"),
        (('{LOWER = "te"}', '{LOWER = "te", OP = "{2}"}'), "OP must be one of"),
        (("example = ", "examples = "), "must have exactly the keys"),
    ],
)
def test_a_wrong_calque_file_names_the_file_and_the_entry(
    dutch_with_calques: Path, change: tuple[str, str], message: str
) -> None:
    from locqa.errors import ConfigError

    path = dutch_with_calques / "calques" / "nl.toml"
    path.write_text(CALQUES.replace(*change), encoding="utf-8")
    lang._load.cache_clear()
    lang._index.cache_clear()
    with pytest.raises(ConfigError, match=message) as error:
        lang.profile("nl")
    assert error.value.path == str(path) and "calque 1" in str(error.value)


SHIPPED_CALQUES = [
    (code, calque)
    for code, found in sorted(lang.profiles().items())
    for calque in found.meaning.calques
]


@pytest.mark.parametrize(
    ("code", "calque"), SHIPPED_CALQUES, ids=[f"{c}-{q.id}" for c, q in SHIPPED_CALQUES]
)
def test_every_shipped_calque_matches_its_example_and_not_its_rewrite(
    code: str, calque: object
) -> None:
    from locqa.checks.meaning import CalqueMatcher
    from locqa.lang import Calque

    assert isinstance(calque, Calque)
    matcher = CalqueMatcher(PIPES.get(code), [calque])
    found = [c.id for c, _, _ in matcher.find(calque.example)]
    assert found and set(found) == {calque.id}, calque.example
    assert matcher.find(calque.correct) == [], calque.correct


def test_a_short_form_that_is_a_name_and_another_names_brand_are_no_finding() -> None:
    units = [
        Unit(f"Use Adobe Developer App Builder {n}.", f"Gebruik Adobe Developer App Builder {n}.")
        for n in range(3)
    ]
    units += [Unit(f"Open App Builder {n}.", f"Open de App Builder {n}.") for n in range(3)]
    units += [
        Unit(
            f"Edge Delivery Services and Adobe Commerce {n}",
            f"Edge Delivery Services en Adobe Commerce {n}",
        )
        for n in range(3)
    ]
    units.append(Unit("Learn about Adobe Developer App Builder.", "Leer over App Builder."))
    units.append(
        Unit(
            "Use Adobe Commerce with Edge Delivery Services.",
            "Meer over Adobe Edge Delivery Services en winkelwagens.",
        )
    )
    assert list(NameAltered().check_corpus(units, ctx("nl"))) == []


# ---------------------------------------------------------------- MNG006, MNG008

from locqa import identify  # noqa: E402
from locqa.checks.identity import EnglishRun  # noqa: E402
from locqa.checks.names import NameBroken  # noqa: E402
from locqa.checks.translation import EnglishLeftIn  # noqa: E402


def spans(check: object, source: str, target: str, code: str = "nl") -> list[str]:
    found = check.check(Unit(source, target), ctx(code))  # type: ignore[attr-defined]
    return [f.msgstr[f.start : f.end] for f in found]


@pytest.mark.skipif(identify.missing() is not None, reason="lingua missing")
def test_an_english_run_of_words_that_pass_alone_is_found_as_one_span() -> None:
    source, target = (
        "See [Commerce storefront speed](speed.md).",
        "Zie [Commerce storefront speed](speed.md).",
    )
    assert spans(EnglishLeftIn(), source, target) == []  # each word passes alone
    assert spans(EnglishRun(), source, target) == ["Commerce storefront speed"]


@pytest.mark.skipif(identify.missing() is not None, reason="lingua missing")
@pytest.mark.parametrize(
    ("source", "target"),
    [
        # TRN002 reports this run ('for' is no Dutch word): one defect, one finding
        (
            "Read about best practices for content creation.",
            "Lees over best practices for content creation.",
        ),
        # a title-case name kept on purpose
        ("Use the Global Reference Architecture.", "Gebruik de Global Reference Architecture."),
        # two words are not enough to tell a language
        ("Manage the data sync.", "Beheer de data sync."),
        # Dutch
        ("Learn about bulk orders.", "Meer informatie over bulkbestellingen."),
    ],
)
def test_runs_trn002_reports_names_and_short_runs_are_no_english_run(
    source: str, target: str
) -> None:
    assert spans(EnglishRun(), source, target) == []


def test_without_lingua_the_english_run_check_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(identify, "missing", lambda: "lingua is missing")
    assert EnglishRun().unavailable() == "MNG006 (lingua is missing)"
    assert (
        spans(
            EnglishRun(),
            "See [Commerce storefront speed](a.md).",
            "Zie [Commerce storefront speed](a.md).",
        )
        == []
    )


@pytest.mark.parametrize(
    ("code", "source", "target", "span"),
    [
        (
            "nl",
            "Complete the Special Price fields.",
            "Vul de Speciale gebieden van de Prijs in.",
            "gebieden van de Prijs",
        ),
        (
            "nl",
            "Open the Notifications page.",
            "Open de pagina van Meldingen.",
            "pagina van Meldingen",
        ),
    ],
)
def test_a_name_taken_apart_word_by_word_is_found(
    code: str, source: str, target: str, span: str
) -> None:
    assert spans(NameBroken(), source, target, code) == [span]


@pytest.mark.parametrize(
    ("code", "source", "target"),
    [
        (
            "nl",
            "Complete the Special Price fields.",
            "Vul de velden Speciale prijs in.",
        ),  # kept whole
        (
            "nl",
            "Read the catalog of Adobe Commerce.",
            "Lees de catalogus van Adobe Commerce.",
        ),  # a name
        (
            "nl",
            "Open the notifications page.",
            "Open de pagina van Meldingen.",
        ),  # no name in the source
        (
            "nl",
            "Open the Notifications page.",
            "Open de pagina van de Speciale Meldingen.",
        ),  # a whole name
        (
            "de",
            "Complete the Special Price fields.",
            "Füllen Sie die Felder des Preises aus.",
        ),  # German nouns
        ("fr", "Manage the events of the Admin.", "Gérez les événements de l'administration."),
        # Spanish writes a name after "de" capitalised ("la página de Notificaciones"): its
        # profile has no genitives, the check does not run
        ("es", "Add the Composer repository.", "Agregue el repositorio del Compositor."),
    ],
)
def test_names_kept_whole_english_names_and_german_nouns_are_no_broken_name(
    code: str, source: str, target: str
) -> None:
    assert spans(NameBroken(), source, target, code) == []


def test_the_checks_page_says_mng008_does_not_run_without_genitives() -> None:
    """docs/checks.md: in a language whose profile has no genitives MNG008 is "not checked",
    not "no findings"; in one that has them, no figure still means no findings."""
    from docgen import ExampleRun, render_checks_markdown

    from locqa.checks.profile_needs import missing_profile_data

    without = [
        code for code in ("de", "es", "fr", "ja") if not lang.profile(code).meaning.genitives
    ]
    assert without and lang.profile("nl").meaning.genitives
    assert missing_profile_data("nl", NameBroken.needs_profile) == ()
    assert missing_profile_data(without[0], NameBroken.needs_profile) == ("meaning.genitives",)
    assert missing_profile_data("xx-unknown", NameBroken.needs_profile) == ("meaning.genitives",)
    precision = {"languages": {code: {"checks": {}} for code in ["nl", *without]}}
    page = render_checks_markdown(
        {"MNG008": NameBroken},
        ctx=ctx("nl"),
        runner=lambda cls, _ctx: ExampleRun((), ran=True),
        precision=precision,
    )
    for code in without:
        assert (
            f"- **Precision ({code}):** not checked in this language "
            "(no genitives in its profile)\n"
        ) in page
        assert f"- **Precision ({code}):** not measured" not in page
    assert "- **Precision (nl):** not measured: no findings on the development corpus" in page
    assert page.count("| [MNG008](#mng008) | 0 | – | – | – | |") == 1  # nl
    assert page.count(
        "| [MNG008](#mng008) | – | – | – | not checked in this language (no "
        "genitives in its profile) | |"
    ) == len(without)


# ------------------------------------------------------------------ MNG004 sentence starts

_OLD_SENTENCE_START = re.compile(r"(?:^|[.!?:;]\s+|\n\s*|[(\[\"“‘*_]\s*)$")


@given(st.text(alphabet=' \n\t.!?:;(["“‘*_aB\u00a0', max_size=30), st.data())
def test_starts_sentence_agrees_with_the_prefix_regex_it_replaces(
    text: str, data: st.DataObject
) -> None:
    from locqa.checks.names import starts_sentence

    start = data.draw(st.integers(0, len(text)))
    assert starts_sentence(text, start) == bool(_OLD_SENTENCE_START.search(text[:start]))
