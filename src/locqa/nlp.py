"""spaCy pipelines built offline: ``spacy.blank`` + lookup lemmatizer + sentencizer.

No trained pipeline is available offline, so there are no POS tags, parses or entities here.
What we have: tokenization, sentence boundaries from punctuation, and lemmas from the
``spacy-lookups-data`` lookup tables. Lemmas are looked up on the lowercased token (the
tables are case-sensitive and keyed on lowercase forms), so "Bulk Orders" → "bulk order".
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # spaCy is imported on first use: a fully cached run never needs it
    from spacy.language import Language
    from spacy.tokens import Doc


def _lookup_table(lang: str) -> dict[str, str]:
    """The ``<lang>_lemma_lookup`` table of spacy-lookups-data with its string keys
    (spaCy's own ``Table`` keeps only hashes of the keys)."""
    import importlib.resources

    import srsly

    resource = (
        importlib.resources.files("spacy_lookups_data") / "data" / f"{lang}_lemma_lookup.json.gz"
    )
    if not resource.is_file():
        return {}
    with importlib.resources.as_file(resource) as path:
        data: Any = srsly.read_gzip_json(path)
    return {str(k): str(v) for k, v in data.items()}


class Pipelines:
    """One blank pipeline per language, created once per run and shared by all checks."""

    def __init__(self) -> None:
        self._nlp: dict[str, Language] = {}
        self._tables: dict[str, dict[str, str]] = {}

    def get(self, lang: str) -> Language:
        nlp = self._nlp.get(lang)
        if nlp is None:
            import spacy

            nlp = spacy.blank(lang)
            nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
            nlp.add_pipe("sentencizer")
            nlp.initialize()
            self._nlp[lang] = nlp
            self._tables[lang] = _lookup_table(lang)
        return nlp

    def tokenizer_doc(self, text: str, lang: str) -> Doc:
        """Tokens only (fast): no lemmatizer, no sentencizer."""
        return self.get(lang).make_doc(text)

    def doc(self, text: str, lang: str) -> Doc:
        return self.get(lang)(text)

    def lemma(self, word: str, lang: str) -> str:
        """Lowercased lookup lemma of one word form (the form itself when unknown)."""
        self.get(lang)
        low = word.lower()
        return self._tables[lang].get(low, low)

    def lemmas(self, doc: Doc) -> list[str]:
        lang = doc.lang_
        return [self.lemma(token.text, lang) for token in doc]

    @functools.cache  # noqa: B019 - one Pipelines per run; the cache lives as long as it
    def vocabulary(self, lang: str) -> frozenset[str]:
        """Lowercase word forms the lookup tables know for *lang* (forms and lemmas)."""
        self.get(lang)
        table = self._tables[lang]
        return frozenset(table) | frozenset(table.values())


def lemma_sequence(pipes: Pipelines, text: str, lang: str) -> list[str]:
    """Lemmas of *text*'s tokens, for building PhraseMatcher patterns and lookups."""
    return pipes.lemmas(pipes.tokenizer_doc(text, lang))


def iter_sentences(pipes: Pipelines, text: str, lang: str) -> Iterable[tuple[int, int]]:
    """Character spans of sentences in *text*."""
    for sent in pipes.doc(text, lang).sents:
        yield sent.start_char, sent.end_char
