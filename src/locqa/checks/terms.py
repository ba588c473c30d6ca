"""Terminology checks against the TBX termbase (TRM001-TRM003).

Terms are matched on lemmas in both languages: every token's ``NORM`` is set to our lowercase
lookup lemma (``Pipelines.lemma``), patterns are built the same way, and a spaCy
``PhraseMatcher(attr="NORM")`` finds them, so "Bulk orders" matches *bulk order* and
"Opsommingsopdrachten" matches *opsommingsopdracht*. A lookup table may not know most
compounds (Dutch): the language profile can name a small plural fallback for unknown forms
(``terms.plural_fallback``, e.g. ``dutch``: :func:`nl_fallback`). The profile also says which
endings mark a plural, whether deprecated words are searched at the start of compounds,
and which verb endings drop inside a compound.

Deprecated and missing terms are only reported for concepts whose English term occurs in
the source: a deprecated rendering such as "opslag" is wrong for *store* but right for
*storage*. Do-not-translate (DNT) terms are matched as exact, case-sensitive strings.

A TRM002 fix is *safe* only when it provably keeps the text grammatical and its meaning
(:func:`propose`, docs/termbase.md "Safe fixes"): the replacement has the part of speech,
number and capitalisation of the words it replaces, the determiner it governs is adjusted
to its gender (``het bevel`` → ``de opdracht``, one edit over both words), the deprecated
word has no other legitimate sense (``other-senses`` in the termbase), and the replacement
is not English that TRN002 would report. The agreement rules are language data
(:class:`locqa.termbase.Grammar`, ``lang/profiles/grammar/<code>.toml``); anything they
cannot prove makes the fix unsafe, and a replacement of another part of speech is
display-only.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # spaCy is imported when the index is built (not in fully cached runs)
    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Doc


from .. import markup
from ..findings import Finding, FixSafety, Severity
from ..lang import LanguageProfile, shipped_folder
from ..nlp import Pipelines
from ..script import WORD, has_spaceless
from ..termbase import Concept, Grammar, Term, Termbase, load_grammar
from .base import Check, CheckContext, Unit, register
from .translation import EnglishLeftIn

_COMPOUND_MIN = 6  # a deprecated single word this long is also found inside a compound...
_COMPOUND_REST = 5  # ...at its start, followed by a word of its own ("douane|prijzen", not
# "inventaris|atie"), or at its end after one ("configuratie|montages": the compound's head)
_STEM_MIN = 7  # an accepted term this long also counts by its stem inside a compound


def mask_markup(text: str) -> str:
    """*text*'s prose (:func:`locqa.markup.prose`): code, URLs, tags, attribute blocks,
    entities, file names and ``[!DNL …]`` blanked by spaces (same length, offsets kept)."""
    return markup.prose(text)


def mask_names_kept(text: str) -> str:
    """Like :func:`mask_markup`, but the names inside ``[!DNL …]`` and ``[!UICONTROL …]``
    stay: a do-not-translate name counts as kept when it is marked up as one."""
    return markup.prose(text, drop=markup.NON_PROSE - {"dnl", "uicontrol"})


def nl_fallback(low: str) -> str:
    """Strip a Dutch plural ending from a lowercase form the lookup table does not know.

    Applied alike to pattern words and text words, so a singular and its plural meet:
    ``-'s`` (video's), ``-ën`` (categorieën), ``-en`` with consonant undoubling and z→s, v→f
    (opdrachten, processen, prijzen, bedrijven), and ``-s`` (winkels, offertes, webhooks)."""
    if len(low) > 3 and low.endswith(("'s", "’s")):
        return low[:-2]
    if len(low) > 4 and low.endswith("ën"):
        return low[:-2]
    if len(low) >= 6 and low.endswith("en"):
        stem = low[:-2]
        if stem[-1] == stem[-2] and stem[-1] not in "aeiou":
            return stem[:-1]
        if stem.endswith("z"):
            return stem[:-1] + "s"
        if stem.endswith("v"):
            return stem[:-1] + "f"
        return stem
    if len(low) >= 5 and low.endswith("s") and not low.endswith(("ss", "us", "is")):
        return low[:-1]
    return low


#: The plural fallbacks a profile can name (``terms.plural_fallback``).
PLURAL_FALLBACKS: dict[str, Callable[[str], str]] = {"dutch": nl_fallback}


def normalise(pipes: Pipelines, word: str, lang: str) -> str:
    """Our match key for one token: its lowercase lookup lemma, or for a form the lookup
    table does not know, the profile's plural fallback (if any)."""
    lemma: str = pipes.lemma(word, lang)
    fallback = pipes.profile(lang).terms.plural_fallback
    if fallback and lemma == word.lower() and lemma not in pipes.vocabulary(lang):
        return PLURAL_FALLBACKS[fallback](lemma)
    return lemma


def norm_doc(pipes: Pipelines, text: str, lang: str) -> Doc:
    """A tokenized doc whose tokens carry :func:`normalise` keys in ``NORM``."""
    # one apostrophe: a term written "d’entreprise" meets "d'entreprise" (same offsets)
    doc = pipes.tokenizer_doc(text.replace("’", "'"), lang)
    for token in doc:
        token.norm_ = normalise(pipes, token.text, lang)
    return doc


def _squash(text: str) -> str:
    return re.sub(r"[\s\-‐]+", "", text.lower().replace("’", "'"))


def match_case(model: str, replacement: str) -> str:
    """*replacement* cased like *model*: UPPER, Sentence-case or as written."""
    if len(model) > 1 and model.isupper() and any(c.isalpha() for c in replacement):
        return replacement.upper()
    if model[:1].isupper():
        return replacement[:1].upper() + replacement[1:]
    return replacement


@dataclass
class TermIndex:
    """Compiled matchers for one termbase and one Pipelines (built once per run)."""

    pipes: Pipelines
    termbase: Termbase
    source_lang: str
    target_lang: str
    source_matcher: PhraseMatcher = field(init=False)
    target_matcher: PhraseMatcher = field(init=False)
    keys: dict[str, tuple[Concept, Term]] = field(default_factory=dict)
    # the lowercase words of each source pattern, for the form check of source matches
    source_words: dict[str, tuple[str, ...]] = field(default_factory=dict)
    compounds: list[tuple[Concept, Term, str]] = field(default_factory=list)
    # compound first parts by their lowercase form, for a per-token prefix lookup
    compound_forms: dict[str, list[tuple[Concept, Term]]] = field(default_factory=dict)
    accepted_subs: dict[str, tuple[str, ...]] = field(default_factory=dict)
    dnt: list[tuple[Concept, re.Pattern[str], re.Pattern[str], list[re.Pattern[str]]]] = field(
        default_factory=list
    )
    # a target language written without spaces (ja, zh-Hans): its terms are found as
    # written wherever they stand, not as tokens, which a segmenter cuts otherwise in
    # context (本机 alone is 本|机; 非本机 one token)
    spaceless: bool = field(init=False, default=False)
    target_terms: list[tuple[str, re.Pattern[str]]] = field(default_factory=list)

    def __post_init__(self) -> None:
        src, tgt = self.source_lang, self.target_lang
        from spacy.matcher import PhraseMatcher

        terms = self.pipes.profile(tgt).terms
        self.spaceless = self.pipes.profile(tgt).tokens.segmentation != "spaces"

        self.source_matcher = PhraseMatcher(self.pipes.get(src).vocab, attr="NORM")
        self.target_matcher = PhraseMatcher(self.pipes.get(tgt).vocab, attr="NORM")
        for concept in self.termbase:
            if concept.dnt:
                self._add_dnt(concept)
                continue
            for i, term in enumerate(concept.terms):
                if term.lang not in (src, tgt):
                    continue
                key = f"{concept.id}#{i}"
                self.keys[key] = (concept, term)
                if term.lang == tgt and self.spaceless:
                    self.target_terms.append((key, re.compile(re.escape(term.text), re.I)))
                    continue
                matcher = self.source_matcher if term.lang == src else self.target_matcher
                pattern = norm_doc(self.pipes, term.text, term.lang)
                matcher.add(key, [pattern])
                if term.lang == src:
                    self.source_words[key] = tuple(t.text.lower() for t in pattern)
                if (
                    terms.compounds
                    and term.lang == tgt
                    and not term.status.accepted
                    and " " not in term.text
                    and len(term.text) >= _COMPOUND_MIN
                ):
                    self.compounds.append((concept, term, term.text.lower()))
                    self.compound_forms.setdefault(term.text.lower(), []).append((concept, term))
            subs: list[str] = []
            for term in concept.accepted(tgt):
                squashed = _squash(term.text)
                subs.append(squashed)
                for ending in terms.stem_endings:  # nl: afrekenen → "afrekenpagina"
                    if squashed.endswith(ending) and len(squashed) >= _STEM_MIN:
                        subs.append(squashed[: -len(ending)])
            self.accepted_subs[concept.id] = tuple(subs)

    def _add_dnt(self, concept: Concept) -> None:
        sources = concept.accepted(self.source_lang)
        if not sources:
            return
        text = sources[0].text
        # boundaries of a spaced script: "在Adobe Commerce中" holds the name
        exact_src = re.compile(rf"(?<!{WORD}){re.escape(text)}(?![A-Za-z0-9])")
        exact_tgt = re.compile(rf"(?<!{WORD}){re.escape(text)}(?![A-Z0-9])")
        loose = r"[\s\-]?".join(re.escape(c) for c in text.replace(" ", ""))
        variants = [re.compile(rf"(?<!{WORD}){loose}(?![A-Za-z0-9])", re.IGNORECASE)]
        for term in concept.deprecated(self.target_lang):
            variants.append(_bounded(term.text))
        self.dnt.append((concept, exact_src, exact_tgt, variants))

    def source_matches(self, text: str) -> tuple[Doc, list[tuple[str, int, int]]]:
        """The source-term occurrences in *text*: (key, start token, end token).

        Lemmas join a term with its inflections, but a lookup table also maps derived
        words onto their base (*rating* → *rate*, *shipping* → *ship*, *number* →
        *numb*). So a pattern word that is not its own lemma only matches its own form
        or a longer one (*rating*, *ratings*; not *rate*), and a shorter form only by one
        of the source language's inflection suffixes (*sales* ↔ *sale*)."""
        doc = norm_doc(self.pipes, text, self.source_lang)
        suffixes = self.pipes.profile(self.source_lang).words.suffixes
        out = []
        for m, s, e in self.source_matcher(doc):
            key = doc.vocab.strings[m]
            words = self.source_words.get(key, ())
            if all(
                _same_form(doc[s + i].text.lower(), word, suffixes)
                for i, word in enumerate(words)
                if self.pipes.lemma(word, self.source_lang) != word
            ):
                out.append((key, s, e))
        return doc, out

    def source_concepts(self, text: str) -> tuple[set[str], set[str]]:
        """(all concepts whose source term occurs, those of the longest non-overlapping
        occurrences) in *text*: a term inside a longer term of the source is not checked
        for TRM001 (*cart* in *cart price rule*)."""
        seen = self.source_analysis(text)
        return seen.found, seen.maximal

    def source_analysis(self, text: str) -> SourceTerms:
        """The concepts whose source term occurs in *text*, with the longest occurrences,
        the grammatical numbers of their noun terms there and their words as written."""
        doc, labelled = self.source_matches(text)
        seen = SourceTerms({self.keys[k][0].id for k, _, _ in labelled})
        from spacy.util import filter_spans

        longest = {(sp.start, sp.end) for sp in filter_spans([doc[s:e] for _, s, e in labelled])}
        seen.maximal.update(self.keys[k][0].id for k, s, e in labelled if (s, e) in longest)
        for key, s, e in labelled:
            concept, term = self.keys[key]
            seen.written.setdefault(concept.id, set()).add(doc[s:e].text)
            if term.part_of_speech != "noun" or term.is_plural:
                continue
            last = doc[e - 1].text.lower()
            plural = last != self.pipes.lemma(last, self.source_lang)
            seen.numbers.setdefault(concept.id, set()).add("plural" if plural else "singular")
        return seen


def _same_form(token: str, word: str, suffixes: tuple[str, ...]) -> bool:
    """Whether *token* is *word* or an inflection of it (see ``source_matches``)."""
    if token.startswith(word):
        return True
    return any(word == token + suffix for suffix in suffixes)


@dataclass
class SourceTerms:
    """What the termbase sees in a source text (:meth:`TermIndex.source_analysis`)."""

    found: set[str]  # concept ids whose source term occurs
    maximal: set[str] = field(default_factory=set)  # ... in a longest occurrence
    # per concept: the numbers of its noun terms ("singular", "plural") as used here
    numbers: dict[str, set[str]] = field(default_factory=dict)
    written: dict[str, set[str]] = field(default_factory=dict)  # its words as written


_CACHE: dict[tuple[int, str, str, str], TermIndex] = {}


def term_index(ctx: CheckContext) -> TermIndex:
    """The compiled matchers for *ctx*'s termbase and pipelines, built on first use."""
    pipes: Pipelines = ctx.nlp
    termbase: Termbase = ctx.termbase
    key = (id(pipes), termbase.digest, ctx.source_lang, ctx.target_lang)
    index = _CACHE.get(key)
    if index is None or index.pipes is not pipes:
        if len(_CACHE) > 8:
            _CACHE.clear()
        index = TermIndex(pipes, termbase, ctx.source_lang, ctx.target_lang)
        _CACHE[key] = index
    return index


@dataclass(frozen=True)
class TargetHit:
    concept: Concept
    term: Term
    start: int
    end: int
    text: str
    compound_part: bool = False


@dataclass
class TermAnalysis:
    """What the termbase sees in one unit; shared by the three checks."""

    found: set[str]
    maximal: set[str]
    accepted: set[str]  # concept ids with an accepted target term
    deprecated: list[TargetHit]
    masked: str = ""  # the msgstr's prose (markup blanked, same offsets)
    # per concept, the numbers its noun terms have in the source ("singular", "plural")
    source_numbers: dict[str, set[str]] = field(default_factory=dict)


def _target_hits(index: TermIndex, masked: str, original: str) -> Iterator[TargetHit]:
    for key, pattern in index.target_terms:  # a spaceless language: as written
        concept, term = index.keys[key]
        for m in pattern.finditer(masked):
            yield TargetHit(concept, term, m.start(), m.end(), original[m.start() : m.end()])
    if index.spaceless:
        return
    doc = norm_doc(index.pipes, masked, index.target_lang)
    matches = [(doc.vocab.strings[m], s, e) for m, s, e in index.target_matcher(doc)]
    for key, s, e in matches:
        concept, term = index.keys[key]
        span = doc[s:e]
        start, end = span.start_char, span.end_char
        yield TargetHit(concept, term, start, end, original[start:end])
    forms = index.compound_forms
    words = index.pipes.vocabulary(index.target_lang)
    for token in doc:
        low = token.text.lower()
        for cut in range(1, len(low) - _COMPOUND_REST + 1):
            found = forms.get(low[:cut])
            if found is None or len(low[cut:].lstrip("s-")) < _COMPOUND_REST:
                continue
            if any(low[:longer] in words for longer in range(cut + 1, len(low) + 1)):
                continue  # a word of the language starts here ("douanebeambte")
            start = token.idx
            for concept, term in found:
                if not _holds_accepted(index, concept, low):
                    yield TargetHit(
                        concept, term, start, start + cut, original[start : start + cut], True
                    )
        for cut in range(_COMPOUND_REST, len(low) - _COMPOUND_MIN + 1):
            found = forms.get(low[cut:])
            if found is None or not low[:cut].rstrip("s-")[-1:].isalpha():
                continue
            if any(low[shorter:] in words for shorter in range(cut)):
                continue  # a word of the language ends here ("gegevens|opslagplaats")
            start, end = token.idx + cut, token.idx + len(low)
            for concept, term in found:
                if not _holds_accepted(index, concept, low):
                    yield TargetHit(concept, term, start, end, original[start:end], True)


def _holds_accepted(index: TermIndex, concept: Concept, word: str) -> bool:
    """Whether *word* holds an accepted term of *concept*: "ondersteunen" holds the
    accepted *ondersteunen* around the deprecated *steunen*."""
    return any(
        len(term.text) > 3 and term.text.lower() in word
        for term in concept.accepted(index.target_lang)
    )


def mask_dnt(index: TermIndex, text: str) -> str:
    """*text* with do-not-translate names blanked: "Live Search" holds no term *search*."""
    # the longest name first: "Adobe Developer App Builder" before "App Builder"
    for _, exact_src, _, _ in sorted(index.dnt, key=lambda d: -len(d[1].pattern)):
        text = exact_src.sub(lambda m: " " * len(m.group()), text)
    return text


#: Constructs of the translation whose words are kept as written, not translated: a source
#: term found in one is kept on purpose (``[!DNL reorder]``, ```reorder```), not missing.
_KEPT_KINDS = frozenset({"dnl", "uicontrol", "code"})


def kept_verbatim(index: TermIndex, text: str) -> set[str]:
    """Concepts whose source-language term *text* keeps inside ``[!DNL …]``,
    ``[!UICONTROL …]`` or inline code (a name or a UI label left in English)."""
    inside = " | ".join(c.content for c in markup.constructs(text, *_KEPT_KINDS))
    if not inside.strip():
        return set()
    return index.source_analysis(inside).found


def _bounded(text: str) -> re.Pattern[str]:
    """*text* as a whole word, case ignored: between characters of a spaced script that are
    no word characters; a term in a spaceless script (实时搜索) is found wherever it stands."""
    if has_spaceless(text):
        return re.compile(re.escape(text), re.IGNORECASE)
    return re.compile(rf"(?<!{WORD}){re.escape(text)}(?!{WORD})", re.IGNORECASE)


def _loans_kept(index: TermIndex, seen: SourceTerms, masked: str) -> set[str]:
    """Concepts whose accepted target term is the source term itself (a loanword such as
    *cache*) and whose source words the translation keeps as written (*caching*)."""
    out: set[str] = set()
    low = masked.lower()
    for cid, written in seen.written.items():
        concept = index.termbase.concept(cid)
        sources = {t.text.lower() for t in concept.terms_in(index.source_lang)}
        if not any(t.text.lower() in sources for t in concept.accepted(index.target_lang)):
            continue
        for words in written:
            if re.search(rf"(?<!{WORD}){re.escape(words.lower())}(?!{WORD})", low):
                out.add(cid)
                break
    return out


def analyse(unit: Unit, ctx: CheckContext) -> TermAnalysis:
    index = term_index(ctx)
    seen = index.source_analysis(mask_dnt(index, mask_markup(unit.msgid)))
    found, maximal, numbers = seen.found, seen.maximal, seen.numbers
    masked = mask_markup(unit.msgstr)
    accepted: set[str] = kept_verbatim(index, unit.msgstr) & found if found else set()
    accepted |= _loans_kept(index, seen, masked)
    deprecated: list[TargetHit] = []
    accepted_norms: set[str] = set()
    hits = list(_target_hits(index, masked, unit.msgstr)) if found else []
    for hit in hits:
        if hit.concept.id in found and hit.term.status.accepted:
            accepted.add(hit.concept.id)
            accepted_norms.add(hit.text.lower())
    squashed = _squash(masked)
    for cid in found:
        if any(sub and sub in squashed for sub in index.accepted_subs.get(cid, ())):
            accepted.add(cid)
    for hit in hits:
        if hit.term.status.accepted or hit.concept.id not in found:
            continue
        # The same words may be an accepted term of another concept in this source.
        if hit.text.lower() in accepted_norms:
            continue
        deprecated.append(hit)
    # Overlapping deprecated hits: keep the longest.
    deprecated.sort(
        key=lambda h: (h.start, -(h.end - h.start), h.text.lower() != h.term.text.lower())
    )
    kept: list[TargetHit] = []
    for hit in deprecated:
        if kept and hit.start < kept[-1].end:
            continue
        kept.append(hit)
    return TermAnalysis(found, maximal, accepted, kept, masked, numbers)


_ANALYSIS_KEY = "_locqa_terms_analysis"


def _analysis(unit: Unit, ctx: CheckContext) -> TermAnalysis | None:
    """Per-unit analysis, memoised in ``ctx.memo`` for the last unit seen."""
    if ctx.termbase is None or ctx.nlp is None or not unit.msgid.strip():
        return None
    if not unit.msgstr.strip() or unit.msgstr == unit.msgid:
        return None
    memo: Any = ctx.memo.get(_ANALYSIS_KEY)
    if memo is not None and memo[0] == (unit.msgid, unit.msgstr, id(ctx.termbase)):
        result: TermAnalysis = memo[1]
        return result
    result = analyse(unit, ctx)
    ctx.memo.put(_ANALYSIS_KEY, ((unit.msgid, unit.msgstr, id(ctx.termbase)), result))
    return result


# ---------------------------------------------------------------- TRM002 fixes

#: A fix's safety can only go down: safe < unsafe < display-only.
_RANK = {FixSafety.SAFE: 0, FixSafety.UNSAFE: 1, FixSafety.DISPLAY_ONLY: 2}
_NOUNS = frozenset({"noun", "properNoun"})


@dataclass
class Proposal:
    """The edit TRM002 proposes for one deprecated hit: replace ``msgstr[start:end]`` by
    *text* (None: no suggestion) with *safety*; *reasons* say why it is not safe."""

    start: int
    end: int
    text: str | None
    safety: FixSafety = FixSafety.SAFE
    reasons: list[str] = field(default_factory=list)

    def lower(self, safety: FixSafety, reason: str) -> None:
        """At most *safety* from now on, because of *reason*."""
        if _RANK[safety] > _RANK[self.safety]:
            self.safety = safety
        if reason not in self.reasons:
            self.reasons.append(reason)


def grammar_folders(found: LanguageProfile) -> tuple[Path, ...]:
    """Where a language's grammar file is looked for: ``grammar/<code>.toml`` next to its
    profile, then in the shipped profiles."""
    folders = [found.path.parent / "grammar"] if found.path is not None else []
    folders.append(shipped_folder() / "grammar")
    return tuple(folders)


@functools.cache
def grammar_of(found: LanguageProfile) -> Grammar | None:
    """The agreement data of *found*'s language, or None when it has none (then every
    fix whose grammar depends on it is unsafe)."""
    for folder in grammar_folders(found):
        path = folder / f"{found.code}.toml"
        if path.is_file():
            return load_grammar(path)
    return None


def grammar_digest(found: LanguageProfile) -> str:
    """What TRM002's safety depends on besides the termbase and the profile: the digest of
    the language's grammar file ("" when it has none). Part of the terminology cache key."""
    grammar = grammar_of(found)
    return grammar.digest if grammar is not None else ""


def _is_plural(hit: TargetHit, endings: tuple[str, ...]) -> bool:
    """Whether *hit* is a plural form: the term is one, or a noun form that differs from
    it ends with one of the profile's plural *endings*."""
    if hit.term.is_plural:
        return True
    low = hit.text.lower()
    if hit.compound_part or low == hit.term.text.lower():
        return False
    if hit.term.part_of_speech not in (None, "noun"):
        return False
    return bool(endings) and low.endswith(endings)


def _hit_number(hit: TargetHit, endings: tuple[str, ...]) -> str | None:
    """The grammatical number of a noun hit: "plural", "singular", or None (unknown)."""
    if _is_plural(hit, endings):
        return "plural"
    if hit.compound_part:
        return "singular"  # the first part of a compound is the stem
    return hit.term.number if hit.term.number in ("singular", "plural") else None


_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*$")


@dataclass(frozen=True)
class _Left:
    """What governs a noun on its left: a determiner (*word* at *start*), a boundary
    (punctuation, a preposition, the start of the text), or nothing provable."""

    kind: str  # "determiner", "boundary", "blocked"
    between: int = 0  # words between it and the noun (adjectives, perhaps)
    start: int = 0
    word: str = ""


def _left_of(text: str, masked: str, start: int, grammar: Grammar) -> _Left:
    """Walk left from *start* over at most ``grammar.max_modifiers`` words to what
    governs the noun there. Markup, digits or a compound joined by a hyphen make it
    "blocked"."""
    i = start
    if i > 0 and not text[i - 1].isspace():
        if text[i - 1] in grammar.boundary_marks:
            return _Left("boundary")
        return _Left("blocked")  # a compound's tail or markup directly before the noun
    between = 0
    while True:
        while i > 0 and text[i - 1].isspace():
            i -= 1
        if i == 0:
            return _Left("boundary", between)
        if masked[i - 1] != text[i - 1]:
            return _Left("blocked")  # code, a URL, [!DNL ...], an entity
        if text[i - 1] in grammar.boundary_marks:
            return _Left("boundary", between)
        j = i
        while j > 0 and not text[j - 1].isspace() and masked[j - 1] == text[j - 1]:
            j -= 1
        word = text[j:i]
        if not _WORD.match(word) or (j > 0 and not text[j - 1].isspace()):
            return _Left("blocked")
        low = word.lower()
        if grammar.determiner(low)[0]:
            return _Left("determiner", between, j, word)
        if low in grammar.boundaries:
            return _Left("boundary", between)
        between += 1
        if between > grammar.max_modifiers:
            return _Left("blocked")
        i = j


def _word_after(text: str, end: int) -> str:
    """The word after *end*, past spaces and one comma."""
    m = re.match(r"\s*,?\s*([^\W\d_]+)", text[end:])
    return m.group(1).lower() if m else ""


def _word_before(text: str, start: int) -> str:
    m = re.search(r"([^\W\d_]+)\s+$", text[:start])
    return m.group(1).lower() if m else ""


_POS_NAMES = {"properNoun": "proper noun", "other": "phrase"}


def _a(pos: str | None) -> str:
    """A part of speech for a message, with its article: "a noun", "an adjective"."""
    name = _POS_NAMES.get(pos or "", pos or "word")
    return f"{'an' if name[:1] in 'aeiou' else 'a'} {name}"


def _replacement(hit: TargetHit, lang: str, pos: str | None, p: Proposal) -> Term | None:
    """The accepted term that replaces *hit*: the preferred one when it has the part of
    speech *pos* of the words it replaces, else the first accepted term that has
    (a choice among alternatives: unsafe), else the preferred one as display-only."""
    preferred = hit.concept.preferred(lang)
    if preferred is None:
        return None
    if pos is None or preferred.part_of_speech is None:
        p.lower(FixSafety.UNSAFE, "the termbase gives no part of speech to compare")
        return preferred
    if preferred.part_of_speech == pos:
        return preferred
    for term in hit.concept.accepted(lang):
        if term.part_of_speech == pos and not term.is_plural:
            p.lower(
                FixSafety.UNSAFE,
                f"the preferred term '{preferred.text}' is {_a(preferred.part_of_speech)}; "
                f"'{term.text}' is the first accepted term that is {_a(pos)}",
            )
            return term
    p.lower(
        FixSafety.DISPLAY_ONLY,
        f"the preferred term '{preferred.text}' is {_a(preferred.part_of_speech)}, "
        f"not {_a(pos)}: rephrase",
    )
    return preferred


def _verb_form(hit: TargetHit, replacement: Term) -> str | None:
    """The replacement verb in the form of the hit: the base form as is; an inflected
    form only when the preferred verb extends the deprecated one (steunt → ondersteunt)."""
    verbs = [t for t in hit.concept.deprecated(hit.term.lang) if t.part_of_speech == "verb"]
    base = (verbs[0] if verbs else hit.term).text.lower()  # the first is the infinitive
    low = hit.text.lower()
    if low == base:
        return replacement.text
    if not replacement.text.lower().endswith(base) or not low.startswith(base[:3]):
        return None  # participle, or an unrelated preferred verb: no rewrite
    return replacement.text[: len(replacement.text) - len(base)] + low


def _noun_form(
    hit: TargetHit,
    replacement: Term,
    analysis: TermAnalysis,
    endings: tuple[str, ...],
    p: Proposal,
) -> tuple[str, str | None]:
    """(the replacement noun in the hit's number, its number)."""
    number = _hit_number(hit, endings)
    if number is None:
        source = analysis.source_numbers.get(hit.concept.id, set())
        outside = analysis.masked[: hit.start] + analysis.masked[hit.end :]
        if len(source) == 1 and not any(ch.isalnum() for ch in outside):
            number = next(iter(source))  # the whole segment: nothing to agree with
        else:
            p.lower(FixSafety.UNSAFE, f"the number of '{hit.text}' is not known")
            number = next(iter(source)) if len(source) == 1 else "singular"
    if number == "plural" and not replacement.is_plural:
        if replacement.plural is None:
            p.lower(
                FixSafety.DISPLAY_ONLY,
                f"the termbase gives no plural of '{replacement.text}'",
            )
            return replacement.text, "singular"
        return replacement.plural, "plural"
    if number == "singular" and replacement.is_plural:
        p.lower(FixSafety.DISPLAY_ONLY, f"'{replacement.text}' is a plural")
    return replacement.text, number


def _agree(
    hit: TargetHit,
    replacement: Term,
    number: str | None,
    text: str,
    masked: str,
    grammar: Grammar | None,
    p: Proposal,
) -> tuple[int, str]:
    """Make the determiner before a singular noun agree with the replacement's gender:
    (start of the edit, the text before the noun in the edit)."""
    if number == "plural" or hit.compound_part:
        return hit.start, ""
    if grammar is None:
        # the same gender is not enough: German nouns decline by case ("des Kunden"), and
        # what agrees with what is the grammar file's to say (docs/termbase.md)
        p.lower(FixSafety.UNSAFE, "no agreement data for this language")
        return hit.start, ""
    old = grammar.agreement(hit.term.gender)
    new = grammar.agreement(replacement.gender)
    if old is not None and old == new:
        return hit.start, ""
    why = (
        f"'{replacement.text}' has no known gender"
        if new is None
        else f"'{hit.term.text}' and '{replacement.text}' differ in gender"
    )
    after = _word_after(text, hit.end)
    if any(after in row for row in grammar.relatives):
        p.lower(FixSafety.UNSAFE, f"{why}, and the pronoun '{after}' after it refers to it")
    left = _left_of(text, masked, hit.start, grammar)
    if left.kind == "boundary" and left.between == 0:
        return hit.start, ""
    if left.kind == "determiner":
        kind, row = grammar.determiner(left.word)
        if kind == "definite-invariant" or (kind == "indefinite-invariant" and not left.between):
            return hit.start, ""
        if row is not None and new is not None and (kind == "definite" or not left.between):
            form = match_case(left.word, grammar.form(row, new))
            return left.start, form + text[left.start + len(left.word) : hit.start]
    p.lower(FixSafety.UNSAFE, f"{why}, and what governs it cannot be adjusted safely")
    return hit.start, ""


def _english(unit: Unit, ctx: CheckContext, start: int, end: int, text: str) -> str | None:
    """The words of the fix (``msgstr[start:end]`` → *text*) that TRN002 would report as
    English left in the translation, if any."""
    check = EnglishLeftIn()
    fixed = unit.msgstr[:start] + text + unit.msgstr[end:]
    after = list(check.check(dataclasses.replace(unit, msgstr=fixed), ctx))
    stop = start + len(text)
    words = [fixed[f.start : f.end] for f in after if f.start is not None and f.end is not None
             and f.start < stop and start < f.end]  # fmt: skip
    if words:
        return ", ".join(f"'{w}'" for w in words)
    if any(f.start is None for f in after) and not any(
        f.start is None for f in check.check(unit, ctx)
    ):
        return f"'{text}'"
    return None


def propose(hit: TargetHit, unit: Unit, ctx: CheckContext, analysis: TermAnalysis) -> Proposal:
    """The fix for one deprecated *hit*, safe only when it provably keeps the text right
    (module docstring; docs/termbase.md "Safe fixes")."""
    lang = ctx.target_lang
    found = ctx.nlp.profile(lang)
    grammar = grammar_of(found)
    text, masked = unit.msgstr, analysis.masked
    p = Proposal(hit.start, hit.end, None)
    if hit.compound_part:
        p.lower(FixSafety.UNSAFE, "the deprecated word is part of a compound")
    if hit.term.other_senses:
        p.lower(FixSafety.UNSAFE, hit.term.usage or f"'{hit.term.text}' has other senses")
    pos = hit.term.part_of_speech
    if (
        grammar is not None
        and pos in _NOUNS
        and _word_before(text, hit.start) in grammar.infinitive_markers
    ):
        pos = "verb"
        p.lower(FixSafety.UNSAFE, f"'{hit.text}' is used as a verb here")
    replacement = _replacement(hit, lang, pos, p)
    if replacement is None:
        return p
    prefix = ""
    if pos in _NOUNS and replacement.part_of_speech in _NOUNS:
        endings = found.terms.plural_endings
        form, number = _noun_form(hit, replacement, analysis, endings, p)
        p.start, prefix = _agree(hit, replacement, number, text, masked, grammar, p)
    elif pos == "verb" and replacement.part_of_speech == "verb":
        verb = _verb_form(hit, replacement)
        if verb is None:
            return p  # no suggestion
        form = verb
    elif pos == "adjective" and replacement.part_of_speech == "adjective":
        form = _adjective_form(hit, replacement, grammar, p)
    else:
        form = replacement.text
    p.text = prefix + match_case(hit.text, form)
    if p.safety is not FixSafety.DISPLAY_ONLY:
        english = _english(unit, ctx, p.start, p.end, p.text)
        if english:
            p.lower(FixSafety.UNSAFE, f"TRN002 reports {english} as English")
    return p


def _adjective_form(hit: TargetHit, replacement: Term, grammar: Grammar | None, p: Proposal) -> str:
    """The replacement adjective inflected like the hit: an inflected hit (ending in the
    grammar's ``adjective_inflection``) needs an inflected replacement, which must be in
    the termbase (``klantgericht`` / ``klantgerichte``)."""
    ending = grammar.adjective_inflection if grammar is not None else ""
    if grammar is None:  # "zusammensetzbare" is inflected, "modular" is not
        p.lower(FixSafety.UNSAFE, "no agreement data for this language")
        return replacement.text
    if not ending or not hit.text.lower().endswith(ending):
        return replacement.text
    if replacement.text.lower().endswith(ending):
        return replacement.text
    for term in hit.concept.accepted(hit.term.lang):
        if term.part_of_speech == "adjective" and term.text.lower() == (
            replacement.text.lower() + ending
        ):
            return term.text
    p.lower(
        FixSafety.UNSAFE,
        f"'{hit.text}' is inflected and the termbase gives no inflected '{replacement.text}'",
    )
    return replacement.text


def _expected(concept: Concept, lang: str) -> str:
    accepted = concept.accepted(lang)
    # singulars first; a term used only in the plural (FAQ: preguntas frecuentes) as it is
    names = [t.text for t in accepted if not t.is_plural] or [t.text for t in accepted]
    return ", ".join(f"'{n}'" for n in names[:4])


def _source_name(concept: Concept, lang: str) -> str:
    terms = concept.accepted(lang)
    return terms[0].text if terms else concept.id


@register
class MissingTerm(Check):
    code = "TRM001"
    name = "term-missing"
    summary = "A termbase term in the source has none of its accepted translations in the target."
    severity = Severity.WARNING
    fix = None
    example = ("Customers can reorder with one click.", "Klanten kunnen met één klik opnieuw.")

    def check(self, unit: Unit, ctx: CheckContext) -> Iterable[Finding]:
        analysis = _analysis(unit, ctx)
        if analysis is None:
            return
        located = {hit.concept.id for hit in analysis.deprecated}
        for cid in sorted(analysis.maximal - analysis.accepted - located):
            concept = ctx.termbase.concept(cid)
            if not concept.check_missing:
                continue
            yield self.finding(
                unit,
                f"source term '{_source_name(concept, ctx.source_lang)}' is not translated with "
                f"the termbase term: expected {_expected(concept, ctx.target_lang)}",
            )


@register
class DeprecatedTerm(Check):
    code = "TRM002"
    name = "term-deprecated"
    summary = "The target uses a deprecated (wrong) rendering of a termbase term."
    severity = Severity.ERROR
    fix = FixSafety.SAFE
    example = ("Bulk orders", "Opsommingsopdrachten")

    def check(self, unit: Unit, ctx: CheckContext) -> Iterable[Finding]:
        analysis = _analysis(unit, ctx)
        if analysis is None:
            return
        for hit in analysis.deprecated:
            fix = propose(hit, unit, ctx, analysis)
            note = f" ({hit.concept.note})" if hit.concept.note else ""
            why = f"; not a safe fix: {'; '.join(fix.reasons)}" if fix.reasons else ""
            yield self.finding(
                unit,
                f"'{hit.text}' is a deprecated rendering of "
                f"'{_source_name(hit.concept, ctx.source_lang)}'; use "
                f"{_expected(hit.concept, ctx.target_lang)}{note}{why}",
                fix.start,
                fix.end,
                fix.text,
                fix=fix.safety if fix.text is not None else None,
            )


@register
class DntAltered(Check):
    code = "TRM003"
    name = "dnt-altered"
    summary = "A do-not-translate name or acronym of the source is missing or altered."
    severity = Severity.ERROR
    fix = FixSafety.UNSAFE
    example = ("Search with Live Search.", "Zoek met Live onderzoek.")

    def check(self, unit: Unit, ctx: CheckContext) -> Iterable[Finding]:
        if ctx.termbase is None or ctx.nlp is None or not unit.msgid.strip():
            return
        if not unit.msgstr.strip() or unit.msgstr == unit.msgid:
            return
        index = term_index(ctx)
        source = mask_names_kept(unit.msgid)
        target = mask_names_kept(unit.msgstr)
        for concept, exact_src, exact_tgt, variants in index.dnt:
            if not exact_src.search(source) or exact_tgt.search(target):
                continue
            name = _source_name(concept, ctx.source_lang)
            located = next((m for v in variants if (m := v.search(target))), None)
            if located is None:
                yield self.finding(
                    unit,
                    f"do-not-translate term '{name}' is missing from the translation; "
                    "keep it exactly as in the source",
                )
                continue
            yield self.finding(
                unit,
                f"do-not-translate term '{name}' was altered to '{located.group()}'; "
                "keep it exactly as in the source",
                located.start(),
                located.end(),
                name,
            )
