"""The bilingual lexicon learned by word alignment (eflomal): tokens, links, MNG003 and
``locqa terms``. The aligner samples at random, so these tests assert what a clear signal
gives every time, never an exact link set."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from locqa import wordalign
from locqa.checks.base import CheckContext, Unit
from locqa.checks.lexical import MIN_PAIRS, OmittedContent, UnusualRendering
from locqa.cli import main
from locqa.lexicon import learn, tokens
from locqa.nlp import Pipelines

PIPES = Pipelines()

pytestmark = pytest.mark.skipif(wordalign.missing() is not None, reason="eflomal missing")

# A small parallel corpus with one clear signal: "custom" is "aangepaste" (44 times) and,
# in one recurring phrase, "douane" (customs: machine translation's other sense).
OBJECTS = [
    ("attribute", "kenmerk"),
    ("field", "veld"),
    ("report", "rapport"),
    ("label", "label"),
    ("module", "module"),
    ("theme", "thema"),
]
VERBS = [
    ("Add", "Voeg", "toe"),
    ("Remove", "Verwijder", ""),
    ("Edit", "Bewerk", ""),
    ("Save", "Bewaar", ""),
    ("Open", "Open", ""),
]
PLACES = [("in the admin", "in de beheerder"), ("for the store", "voor de winkel"),
          ("on the page", "op de pagina"), ("with the tool", "met het hulpmiddel")]  # fmt: skip


def corpus(seed: int = 7) -> list[tuple[str, str]]:
    rng = random.Random(seed)
    pairs: list[tuple[str, str]] = []
    while len(pairs) < MIN_PAIRS + 60:
        (obj, obj_nl), (verb, verb_nl, tail), (place, place_nl) = (
            rng.choice(OBJECTS),
            rng.choice(VERBS),
            rng.choice(PLACES),
        )
        custom = rng.random() < 0.3
        source = f"{verb} the {'custom ' if custom else ''}{obj} {place}."
        adjective = "aangepaste " if custom else ""
        target = f"{verb_nl} het {adjective}{obj_nl} {place_nl}{' ' + tail if tail else ''}."
        pairs.append((source, target))
    # the recurring mistranslation, in three places
    for n in range(3):
        pairs.append((f"Use the custom report {n}.", f"Gebruik het douane rapport {n}."))
    return pairs


def test_tokens_are_prose_words_with_spans_and_lemma_keys() -> None:
    text = "Voeg `custom_attr` toe aan de Bestellingen in [!DNL Adobe Commerce]."
    found = tokens(text, "nl", PIPES)
    assert [t.text for t in found] == ["Voeg", "toe", "aan", "de", "Bestellingen", "in"]
    assert all(text[t.start : t.end] == t.text for t in found)
    assert next(t.key for t in found if t.text == "Bestellingen") == "bestelling"


def test_a_spaceless_language_is_cut_by_its_segmenter() -> None:
    found = tokens("製品カタログを作成します。", "ja", PIPES)
    assert "製品" in [t.text for t in found] and all(t.key.strip() for t in found)


@given(st.text(alphabet=st.sampled_from("ab Éé\u200b\u00a0\t\n-'’_`製品"), max_size=30))
def test_token_keys_never_hold_whitespace(text: str) -> None:
    for lang in ("nl", "ja"):
        for token in tokens(text, lang, PIPES):
            assert token.key and not any(ch.isspace() for ch in token.key)
            assert text[token.start : token.end] == token.text


def test_alignment_links_stay_inside_their_pairs() -> None:
    pairs = [(["the", "order"], ["de", "bestelling"]), ([], []), (["cart"], ["wagen", "x"])]
    links = wordalign.align(pairs)
    assert len(links) == 3 and links[1] == frozenset()
    for (source, target), found in zip(pairs, links, strict=True):
        assert all(i < len(source) and j < len(target) for i, j in found)


def test_the_lexicon_learns_the_usual_rendering_and_leaves_out_copies() -> None:
    pairs = [*corpus(), ("Same text", "Same text"), ("Empty", "")]
    lexicon, aligned = learn(pairs, "en", "nl", PIPES)
    assert aligned[-1] is None and aligned[-2] is None
    assert lexicon.pairs == len(pairs) - 2
    custom = lexicon.usual("custom")
    assert custom is not None and custom[0] == "aangepaste" and custom[1] >= 50
    attribute = lexicon.usual("attribute")
    assert attribute is not None and attribute[0] == "kenmerk"
    assert lexicon.spelling("aangepaste") == "aangepaste"


# The translations of the corpus above, for an aligner that links exactly these words: the
# check's decisions tested apart from eflomal's random sampling.
TRANSLATIONS = {
    "custom": {"aangepaste", "douane"},
    **{obj: {obj_nl} for obj, obj_nl in OBJECTS},
    **{verb.lower(): {verb_nl.lower()} for verb, verb_nl, _ in VERBS},
    "report": {"rapport"},
    "use": {"gebruik"},
}


def known_links(
    pairs: list[tuple[list[str], list[str]]],
) -> list[frozenset[tuple[int, int]]]:
    return [
        frozenset(
            (i, j)
            for i, s in enumerate(source)
            for j, t in enumerate(target)
            if t in TRANSLATIONS.get(s, ())
        )
        for source, target in pairs
    ]


def test_a_rare_rendering_is_one_finding_with_every_place(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(wordalign, "align", known_links)
    units = [
        Unit(s, t, path=f"content/nl/a{i // 50}.md", line=i % 50 + 1)
        for i, (s, t) in enumerate(corpus())
    ]
    ctx = CheckContext(target_lang="nl", nlp=PIPES)
    found = list(UnusualRendering().check_corpus(units, ctx))
    douane = [f for f in found if f.msgstr[f.start : f.end] == "douane"]
    assert len(douane) == 1, [f.message for f in found]
    message = douane[0].message
    assert "'custom' is rendered 'douane'" in message and "'aangepaste'" in message
    assert message.count("content/nl/") == 2  # the two other places
    # nothing else in this corpus is rendered unusually
    assert len(found) <= 2


def test_a_small_project_teaches_too_little_to_judge() -> None:
    units = [Unit(s, t) for s, t in corpus()[: MIN_PAIRS - 1]]
    ctx = CheckContext(target_lang="nl", nlp=PIPES)
    assert list(UnusualRendering().check_corpus(units, ctx)) == []


def test_without_the_aligner_the_check_is_skipped_and_said(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(wordalign, "missing", lambda: "the word aligner eflomal is not installed")
    assert UnusualRendering().unavailable() == (
        "MNG003 (the word aligner eflomal is not installed)"
    )
    assert (
        UnusualRendering().check_corpus([Unit("a b", "c d")], CheckContext(target_lang="nl")) == []
    )


# ----------------------------------------------------------------------- locqa terms


def test_terms_lists_renderings_as_json(
    sample_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["extract", "--root", str(sample_project), "-q"]) == 0
    capsys.readouterr()
    out = sample_project / "terms.json"
    argv = ["terms", "--root", str(sample_project), "--format", "json", "--min-count", "2"]
    assert main([*argv, "-o", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    (nl,) = data["languages"]
    assert nl["lang"] == "nl" and nl["aligned_segments"] > 20 and nl["terms"]
    for term in nl["terms"]:
        assert term["count"] >= 2 and term["renderings"] and 0 < term["consistency"] <= 1
    counts = [t["count"] for t in nl["terms"]]
    assert counts == sorted(counts, reverse=True)
    assert any(t["termbase"] for t in nl["terms"])  # the sample's termbase terms are marked


def test_terms_as_text_and_without_the_aligner(
    sample_project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert main(["extract", "--root", str(sample_project), "-q"]) == 0
    capsys.readouterr()
    assert main(["terms", "--root", str(sample_project), "--top", "5", "--min-count", "2"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("terms en → nl: 5 most frequent terms") and len(out.splitlines()) == 7
    monkeypatch.setattr(wordalign, "missing", lambda: "the word aligner eflomal is not installed")
    assert main(["terms", "--root", str(sample_project)]) == 3
    err = capsys.readouterr().err
    assert err.startswith("locqa: error: locqa terms needs word alignment") and err.count("\n") == 1
    assert main(["terms", "--root", str(sample_project), "--top", "0"]) == 2


def test_a_dropped_phrase_is_one_finding_for_its_entry(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(wordalign, "align", known_links)
    units = [Unit(s, t) for s, t in corpus()]
    source = "Add the custom attribute in the admin."
    dropped = Unit(source, "Voeg het toe in de beheerder.", path="content/nl/x.md", line=3)
    one_word = Unit(source, "Voeg het kenmerk toe in de beheerder.")  # 'custom' alone: no finding
    rendered = Unit(source, "Voeg het aangepaste kenmerk toe in de beheerder.")
    ctx = CheckContext(target_lang="nl", nlp=PIPES)
    found = list(OmittedContent().check_corpus([*units, dropped, one_word, rendered], ctx))
    assert [(f.path, f.line, f.start) for f in found] == [("content/nl/x.md", 3, None)]
    assert "'custom attribute'" in found[0].message and "'aangepaste'" in found[0].message


def test_the_lexical_checks_read_one_alignment(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []

    def counting(pairs: list[tuple[list[str], list[str]]]) -> list[frozenset[tuple[int, int]]]:
        calls.append(len(pairs))
        return known_links(pairs)

    monkeypatch.setattr(wordalign, "align", counting)
    units = [Unit(s, t) for s, t in corpus()]
    ctx = CheckContext(target_lang="nl", nlp=PIPES)
    list(UnusualRendering().check_corpus(units, ctx))
    list(OmittedContent().check_corpus(units, ctx))
    assert len(calls) == 1
