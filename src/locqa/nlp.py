"""spaCy pipelines built offline, one per language profile: ``spacy.blank`` + lookup
lemmatizer + sentencizer.

No trained pipeline is available offline, so there are no POS tags, parses or entities here.
What we have: tokenization, sentence boundaries from punctuation, and lemmas from the
``spacy-lookups-data`` lookup tables. The language profile (:mod:`locqa.lang`) names the
spaCy language, the lemma table and how its keys are cased: tables keyed in lowercase are
looked up with the lowercased token (so "Bulk Orders" → "bulk order"); tables that key
nouns as written (German) are looked up as written first. Lemmas are returned lowercase.
"""

from __future__ import annotations

import functools
import importlib.util
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from .errors import EnvironmentFailure
from .lang import LanguageProfile, profile

if TYPE_CHECKING:  # spaCy is imported on first use: a fully cached run never needs it
    from spacy.language import Language
    from spacy.tokens import Doc

# spaCy settings for the segmenters that are chosen by configuration (spaCy's Chinese
# tokenizer); "spaces" and "sudachi" are the languages' own tokenizers
_SEGMENTER_CONFIG: dict[str, dict[str, Any]] = {
    "jieba": {"nlp": {"tokenizer": {"segmenter": "jieba"}}},
    "char": {"nlp": {"tokenizer": {"segmenter": "char"}}},
}


@functools.cache
def _lookup_table(name: str | None) -> dict[str, str]:
    """The lemma table *name* of spacy-lookups-data with its string keys (spaCy's own
    ``Table`` keeps only hashes of the keys); a list value (French) gives its first lemma.
    Read once per process and shared, read-only, by every :class:`Pipelines`."""
    if not name:
        return {}
    import importlib.resources

    import srsly

    resource = importlib.resources.files("spacy_lookups_data") / "data" / f"{name}.json.gz"
    if not resource.is_file():
        return {}
    with importlib.resources.as_file(resource) as path:
        data: Any = srsly.read_gzip_json(path)
    table: dict[str, str] = {}
    for key, value in data.items():
        if isinstance(value, list):
            if not value:
                continue
            value = value[0]
        table[str(key)] = str(value)
    return table


class MissingSegmenter(EnvironmentFailure, ImportError):
    """A language's word segmentation needs Python packages that are not installed: the
    environment's failure (exit 3), named in one line. Also an :class:`ImportError`, which
    is what spaCy raises for it."""


def missing_modules(found: LanguageProfile) -> list[str]:
    """The modules of *found*'s ``tokens.requires`` that cannot be imported."""
    return [m for m in found.tokens.requires if importlib.util.find_spec(m) is None]


def require_segmenter(found: LanguageProfile) -> None:
    """Raise :class:`MissingSegmenter` naming the packages *found*'s word segmentation
    needs and lacks (cheap: no import); nothing when all are there."""
    missing = missing_modules(found)
    if missing:
        raise MissingSegmenter(
            f"{found.name} ({found.code}) needs the Python package(s) {', '.join(missing)} "
            f"for its word segmentation ({found.tokens.segmentation}); install them with "
            f"pip install {' '.join(missing)}"
        )


def _blank(found: LanguageProfile) -> Language:
    """``spacy.blank`` for *found*'s language, with a lookup lemmatizer when the profile has
    a lemma table, and a sentencizer."""
    require_segmenter(found)
    import spacy

    config = _SEGMENTER_CONFIG.get(found.tokens.segmentation, {})
    try:
        nlp = spacy.blank(found.tokens.spacy, config=config)
    except ImportError as exc:  # a segmenter's module the profile does not list
        raise MissingSegmenter(
            f"{found.name} ({found.code}): spaCy cannot make its tokenizer: {exc}"
        ) from None
    if found.lemmas.table:
        nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.add_pipe("sentencizer")
    nlp.initialize()
    return nlp


class Pipelines:
    """One blank pipeline per language, created once per run and shared by all checks.

    Languages are named by a profile's code or one of its aliases (``de-DE`` → ``de``); a
    code no profile has raises :class:`locqa.lang.UnknownLanguage` (a ``ValueError``)."""

    def __init__(self) -> None:
        self._nlp: dict[str, Language] = {}
        self._tables: dict[str, dict[str, str]] = {}
        self._profiles: dict[str, LanguageProfile] = {}
        self._vocabularies: dict[str, frozenset[str]] = {}

    def profile(self, lang: str) -> LanguageProfile:
        """The language profile of *lang* (remembered for the run)."""
        found = self._profiles.get(lang)
        if found is None:
            found = self._profiles[lang] = profile(lang)
        return found

    def get(self, lang: str) -> Language:
        nlp = self._nlp.get(lang)
        if nlp is None:
            found = self.profile(lang)
            nlp = self._nlp.get(found.code)
            if nlp is None:
                nlp = _blank(found)
                self._nlp[found.code] = nlp
                self._tables[found.code] = _lookup_table(found.lemmas.table)
            self._nlp[lang] = nlp
            self._tables[lang] = self._tables[found.code]
            self._profiles[found.code] = found
        return nlp

    def tokenizer_doc(self, text: str, lang: str) -> Doc:
        """Tokens only (fast): no lemmatizer, no sentencizer."""
        return self.get(lang).make_doc(text)

    def doc(self, text: str, lang: str) -> Doc:
        return self.get(lang)(text)

    def lemma(self, word: str, lang: str) -> str:
        """Lowercased lookup lemma of one word form (the lowercased form when unknown)."""
        self.get(lang)
        table = self._tables[lang]
        low = word.lower()
        if self._profiles[lang].lemmas.case == "lower":
            return table.get(low, low)
        for form in (word, low, word[:1].upper() + word[1:].lower()):
            found = table.get(form)
            if found is not None:
                return found.lower()
        return low

    def lemmas(self, doc: Doc, lang: str | None = None) -> list[str]:
        """Lemmas of *doc*'s tokens; *lang* is the profile code (default: the doc's
        spaCy language)."""
        lang = lang or doc.lang_
        return [self.lemma(token.text, lang) for token in doc]

    def vocabulary(self, lang: str) -> frozenset[str]:
        """Lowercase word forms the lookup tables know for *lang* (forms and lemmas); kept
        with this object (a method cache would keep every Pipelines alive)."""
        found = self._vocabularies.get(lang)
        if found is None:
            self.get(lang)
            table = self._tables[lang]
            found = frozenset(k.lower() for k in table) | frozenset(
                v.lower() for v in table.values()
            )
            self._vocabularies[lang] = found
        return found


def lemma_sequence(pipes: Pipelines, text: str, lang: str) -> list[str]:
    """Lemmas of *text*'s tokens, for building PhraseMatcher patterns and lookups."""
    return pipes.lemmas(pipes.tokenizer_doc(text, lang), lang)


def iter_sentences(pipes: Pipelines, text: str, lang: str) -> Iterable[tuple[int, int]]:
    """Character spans of sentences in *text*."""
    for sent in pipes.doc(text, lang).sents:
        yield sent.start_char, sent.end_char
