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
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # spaCy is imported when the index is built (not in fully cached runs)
    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Doc


from .. import markup
from ..findings import Finding, FixSafety, Severity
from ..nlp import Pipelines
from ..termbase import Concept, Term, Termbase
from .base import Check, CheckContext, Unit, register

_COMPOUND_MIN = 8  # a deprecated single word this long is also found at the start of a compound
_COMPOUND_REST = 5  # ...followed by a word of its own ("inventaris|vraag", not "inventaris|atie")
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
    doc = pipes.tokenizer_doc(text, lang)
    for token in doc:
        token.norm_ = normalise(pipes, token.text, lang)
    return doc


def _squash(text: str) -> str:
    return re.sub(r"[\s\-‐]+", "", text.lower())


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
    compounds: list[tuple[Concept, Term, str]] = field(default_factory=list)
    # compound first parts by their lowercase form, for a per-token prefix lookup
    compound_forms: dict[str, list[tuple[Concept, Term]]] = field(default_factory=dict)
    accepted_subs: dict[str, tuple[str, ...]] = field(default_factory=dict)
    dnt: list[tuple[Concept, re.Pattern[str], re.Pattern[str], list[re.Pattern[str]]]] = field(
        default_factory=list
    )

    def __post_init__(self) -> None:
        src, tgt = self.source_lang, self.target_lang
        from spacy.matcher import PhraseMatcher

        terms = self.pipes.profile(tgt).terms

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
                matcher = self.source_matcher if term.lang == src else self.target_matcher
                matcher.add(key, [norm_doc(self.pipes, term.text, term.lang)])
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
        exact_src = re.compile(rf"(?<![\w]){re.escape(text)}(?![A-Za-z0-9])")
        exact_tgt = re.compile(rf"(?<![\w]){re.escape(text)}(?![A-Z0-9])")
        loose = r"[\s\-]?".join(re.escape(c) for c in text.replace(" ", ""))
        variants = [re.compile(rf"(?<![\w]){loose}(?![A-Za-z0-9])", re.IGNORECASE)]
        for term in concept.deprecated(self.target_lang):
            variants.append(re.compile(rf"(?<![\w]){re.escape(term.text)}(?![\w])", re.IGNORECASE))
        self.dnt.append((concept, exact_src, exact_tgt, variants))

    def source_concepts(self, text: str) -> tuple[set[str], set[str]]:
        """(all concepts whose source term occurs, those of the longest non-overlapping
        occurrences) in *text*."""
        doc = norm_doc(self.pipes, text, self.source_lang)
        labelled = [(doc.vocab.strings[m], s, e) for m, s, e in self.source_matcher(doc)]
        found = {self.keys[k][0].id for k, _, _ in labelled}
        from spacy.util import filter_spans

        longest = {(sp.start, sp.end) for sp in filter_spans([doc[s:e] for _, s, e in labelled])}
        maximal = {self.keys[k][0].id for k, s, e in labelled if (s, e) in longest}
        return found, maximal


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


def _target_hits(index: TermIndex, masked: str, original: str) -> Iterator[TargetHit]:
    doc = norm_doc(index.pipes, masked, index.target_lang)
    matches = [(doc.vocab.strings[m], s, e) for m, s, e in index.target_matcher(doc)]
    for key, s, e in matches:
        concept, term = index.keys[key]
        span = doc[s:e]
        start, end = span.start_char, span.end_char
        yield TargetHit(concept, term, start, end, original[start:end])
    forms = index.compound_forms
    for token in doc:
        low = token.text.lower()
        for cut in range(1, len(low) - _COMPOUND_REST + 1):
            found = forms.get(low[:cut])
            if found is None or len(low[cut:].lstrip("s-")) < _COMPOUND_REST:
                continue
            start = token.idx
            for concept, term in found:
                yield TargetHit(
                    concept, term, start, start + cut, original[start : start + cut], True
                )


def mask_dnt(index: TermIndex, text: str) -> str:
    """*text* with do-not-translate names blanked: "Live Search" holds no term *search*."""
    for _, exact_src, _, _ in index.dnt:
        text = exact_src.sub(lambda m: " " * len(m.group()), text)
    return text


def analyse(unit: Unit, ctx: CheckContext) -> TermAnalysis:
    index = term_index(ctx)
    found, maximal = index.source_concepts(mask_dnt(index, mask_markup(unit.msgid)))
    masked = mask_markup(unit.msgstr)
    accepted: set[str] = set()
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
    return TermAnalysis(found, maximal, accepted, kept)


_ANALYSIS_KEY = "_locqa_terms_analysis"


def _analysis(unit: Unit, ctx: CheckContext) -> TermAnalysis | None:
    """Per-unit analysis, memoised in ``ctx.options`` for the last unit seen."""
    if ctx.termbase is None or ctx.nlp is None or not unit.msgid.strip():
        return None
    if not unit.msgstr.strip() or unit.msgstr == unit.msgid:
        return None
    memo: Any = ctx.options.get(_ANALYSIS_KEY)
    if memo is not None and memo[0] == (unit.msgid, unit.msgstr, id(ctx.termbase)):
        result: TermAnalysis = memo[1]
        return result
    result = analyse(unit, ctx)
    ctx.options[_ANALYSIS_KEY] = ((unit.msgid, unit.msgstr, id(ctx.termbase)), result)
    return result


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


def _suggestion(hit: TargetHit, lang: str, plural_endings: tuple[str, ...]) -> str | None:
    preferred = hit.concept.preferred(lang)
    if preferred is None:
        return None
    text = preferred.text
    if _is_plural(hit, plural_endings) and preferred.plural:
        text = preferred.plural
    elif hit.term.part_of_speech == "verb":
        # The concept's first deprecated verb is the base form (infinitive).
        verbs = [t for t in hit.concept.deprecated(hit.term.lang) if t.part_of_speech == "verb"]
        base = (verbs[0] if verbs else hit.term).text.lower()
        low = hit.text.lower()
        if low != base:
            if not preferred.text.lower().endswith(base) or not low.startswith(base[:3]):
                return None  # participle, or an unrelated preferred verb: no safe rewrite
            text = preferred.text[: len(preferred.text) - len(base)] + low
    return match_case(hit.text, text)


def _expected(concept: Concept, lang: str) -> str:
    names = [t.text for t in concept.accepted(lang) if not t.is_plural]
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
        endings = ctx.nlp.profile(ctx.target_lang).terms.plural_endings
        for hit in analysis.deprecated:
            suggestion = _suggestion(hit, ctx.target_lang, endings)
            note = f" ({hit.concept.note})" if hit.concept.note else ""
            yield self.finding(
                unit,
                f"'{hit.text}' is a deprecated rendering of "
                f"'{_source_name(hit.concept, ctx.source_lang)}'; use "
                f"{_expected(hit.concept, ctx.target_lang)}{note}",
                hit.start,
                hit.end,
                suggestion,
                fix=FixSafety.UNSAFE if hit.compound_part and suggestion else True,
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
