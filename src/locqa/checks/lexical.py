"""Checks on the bilingual lexicon the project's own translations teach (:mod:`locqa.lexicon`):
every unit of the run word-aligned, the links counted per source word.

MNG003 finds a source word rendered, in some places, by a word that is rare for it while
its usual rendering elsewhere in the project is missing there: machine translation that took
another sense of the word ("custom" as *douane*, customs; "folder" as *omslag*, a book
cover; "file" as *dossier*), usually repeated identically wherever the phrase recurs. It is
reported once per source word and rendering, with every place.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Iterable, Sequence

from .. import wordalign
from ..findings import Finding, Severity
from ..lexicon import AlignedPair, Lexicon, Token, learn, stop_words
from .base import CheckContext, CorpusCheck, Unit, register

#: The lexicon needs this many aligned pairs before its counts mean anything.
MIN_PAIRS = 300
#: A usual rendering: linked at least this often, and this share of the word's links.
USUAL_MIN_COUNT = 5
USUAL_MIN_SHARE = 0.4
#: A rare rendering: seen at least this often (a one-off link is mostly an alignment error;
#: machine translation repeats its mistakes), and this many times rarer than the usual one.
RARE_MIN_COUNT = 2
RARE_MARGIN = 4
#: Two words this alike (difflib ratio) are forms of one word (lokaal, lokale).
SAME_WORD = 0.65
#: Places named in the message.
SHOWN_PLACES = 5


def learned(units: Sequence[Unit], ctx: CheckContext) -> tuple[Lexicon, list[AlignedPair | None]]:
    """The lexicon of *units* and their alignments, learned once per run for the checks
    of this module (the aligner samples at random: two checks reading one alignment
    agree)."""
    key = "lexicon:" + str(hash(tuple((u.msgid, u.msgstr) for u in units)))
    found = ctx.memo.get(key)
    if found is None:
        found = learn(
            ((u.msgid, u.msgstr) for u in units), ctx.source_lang, ctx.target_lang, ctx.nlp
        )
        ctx.memo.put(key, found)
    return found  # type: ignore[no-any-return]


def _location(unit: Unit) -> str:
    return f"{unit.path}:{unit.line}" if unit.path else unit.msgid[:40]


class LexicalCheck(CorpusCheck):
    """A check that reads the lexicon learned from the run's units: it says what the
    machine lacks when the aligner is missing, and judges nothing in a project too small
    to teach a lexicon."""

    docs_not_run = (
        f"learns its lexicon from every unit of the run (at least {MIN_PAIRS} aligned pairs);"
        " the example shows the unit a finding is on"
    )

    def unavailable(self) -> str | None:
        problem = wordalign.missing()
        return f"{self.code} ({problem})" if problem else None

    def check_corpus(self, units: Sequence[Unit], ctx: CheckContext) -> Iterable[Finding]:
        if wordalign.missing() is not None or ctx.nlp is None:
            return []
        lexicon, aligned = learned(units, ctx)
        if lexicon.pairs < MIN_PAIRS:
            return []
        return self.judge(
            units, aligned, lexicon, stop_words(ctx.source_lang), stop_words(ctx.target_lang)
        )

    def judge(
        self,
        units: Sequence[Unit],
        aligned: Sequence[AlignedPair | None],
        lexicon: Lexicon,
        source_stop: frozenset[str],
        target_stop: frozenset[str],
    ) -> list[Finding]:
        raise NotImplementedError


@register
class UnusualRendering(LexicalCheck):
    """A source word rendered by a word that is rare for it while the project's usual
    rendering is missing from the translation: machine translation that took another sense
    of the word ("custom attributes" as *customs attributes*, "folder" as a book cover).
    The lexicon is learned from the run's own units (word-aligned with eflomal, counted by
    lemma), so the check needs a project of at least a few hundred translated segments and
    the aligner (``pip install 'locqa[align]'``). Forms of the usual word (inflection,
    compounds that contain it), the source word copied (TRN002) and function words are no
    finding. One finding per source word and rendering, at its first place, naming the
    others. Opt-in (``--select MNG003``): many rare renderings are synonyms."""

    code = "MNG003"
    name = "unusual-rendering"
    summary = "a word rendered unlike its usual translation in the project, in every place it is"
    severity = Severity.INFO
    fix = None
    opt_in = True
    example = ("Add a custom attribute", "Voeg een douanekenmerk toe")

    def judge(
        self,
        units: Sequence[Unit],
        aligned: Sequence[AlignedPair | None],
        lexicon: Lexicon,
        source_stop: frozenset[str],
        target_stop: frozenset[str],
    ) -> list[Finding]:
        places: dict[tuple[str, str], list[tuple[Unit, int, int, str, str]]] = defaultdict(list)
        for unit, pair in zip(units, aligned, strict=True):
            if pair is None:
                continue
            for source_word, start, end, rendering in self._rare(
                pair, lexicon, unit, source_stop, target_stop
            ):
                place = (source_word.key, rendering.lower())
                places[place].append((unit, start, end, source_word.text, rendering))
        findings: list[Finding] = []
        for (key, _), found in places.items():
            unit, start, end, word, rendering = found[0]
            usual, count = lexicon.usual(key) or ("", 0)
            total = sum(lexicon.links[key].values())
            others = [_location(u) for u, *_ in found[1:]]
            shown = ", ".join(others[:SHOWN_PLACES])
            more = f" and {len(others) - SHOWN_PLACES} more" if len(others) > SHOWN_PLACES else ""
            also = f"; also in {shown}{more}" if others else ""
            findings.append(
                self.finding(
                    unit,
                    f"'{word}' is rendered '{rendering}' here; elsewhere in the project it is "
                    f"'{lexicon.spelling(usual)}' ({count} of {total} links): check the "
                    f"sense{also}",
                    start,
                    end,
                )
            )
        return findings

    def _rare(
        self,
        pair: AlignedPair,
        lexicon: Lexicon,
        unit: Unit,
        source_stop: frozenset[str],
        target_stop: frozenset[str],
    ) -> Iterable[tuple[Token, int, int, str]]:
        target_text = unit.msgstr.lower()
        for index, word in enumerate(pair.source):
            if word.key in source_stop or len(word.key) < 3 or not word.key.isalpha():
                continue
            found = lexicon.usual(word.key)
            if found is None:
                continue
            usual, count = found
            total = sum(lexicon.links[word.key].values())
            if count < USUAL_MIN_COUNT or count < USUAL_MIN_SHARE * total:
                continue
            if usual in target_text or lexicon.spelling(usual).lower() in target_text:
                continue  # the usual rendering is there (a compound or inflection included)
            for token in pair.rendered_as(index):
                seen = lexicon.links[word.key][token.key]
                if (
                    token.key == usual
                    or seen < RARE_MIN_COUNT
                    or count < RARE_MARGIN * seen
                    or token.key in target_stop
                    or token.key == word.key
                    or token.text.lower() == word.text.lower()
                    or usual in token.key
                    or token.key in usual
                    or difflib.SequenceMatcher(None, token.key, usual).ratio() >= SAME_WORD
                ):
                    continue
                yield word, token.start, token.end, token.text


#: MNG007: a source word is judged only when the project renders it: seen this often, and
#: linked to some target word in this share of its occurrences.
OMISSION_MIN_OCCURRENCES = 5
OMISSION_RENDERED_SHARE = 0.6
#: Renderings seen at least this often count as the word's renderings.
OMISSION_RENDERING_MIN = 2
#: Content words a dropped phrase needs (stop words may stand between them): one word
#: alone is as often rendered by a compound, a pronoun or a paraphrase.
OMISSION_MIN_WORDS = 2


@register
class OmittedContent(LexicalCheck):
    """Source content words with no counterpart in the translation: the aligner links
    them to nothing, the source word is not there copied, and none of the words the
    project renders them by elsewhere (the lexicon learned with eflomal, as for MNG003)
    is there, not even inside a compound. Two or more such words close together (only
    stop words between them) are reported, once per entry: a dropped phrase, or a
    translation of an older version of the source. Words the project itself seldom
    renders (names kept in English, words under five occurrences) are not judged.
    Needs the aligner (``pip install 'locqa[align]'``) and a project of a few hundred
    segments. Opt-in (``--select MNG007``): right in most Dutch findings, but in languages
    that render a phrase by one compound or a synonym the lexicon has not seen it is mostly
    wrong."""

    code = "MNG007"
    name = "content-omitted"
    summary = "source content words with no counterpart in the translation (a dropped phrase)"
    severity = Severity.INFO
    fix = None
    opt_in = True
    example = (
        "Install the module and verify the installation with the test suite.",
        "Installeer de module.",
    )

    def judge(
        self,
        units: Sequence[Unit],
        aligned: Sequence[AlignedPair | None],
        lexicon: Lexicon,
        source_stop: frozenset[str],
        target_stop: frozenset[str],
    ) -> list[Finding]:
        findings: list[Finding] = []
        for unit, pair in zip(units, aligned, strict=True):
            if pair is None:
                continue
            missing = self._unrendered(pair, lexicon, unit, source_stop, target_stop)
            groups = [
                g for g in _groups(pair, missing, source_stop) if len(g) >= OMISSION_MIN_WORDS
            ]
            if not groups:
                continue
            phrases = "; ".join(
                "'" + " ".join(pair.source[i].text for i in group) + "'" for group in groups
            )
            usual = sorted(
                {
                    lexicon.spelling(found[0])
                    for group in groups
                    for i in group
                    if (found := lexicon.usual(pair.source[i].key)) is not None
                }
            )
            findings.append(
                self.finding(
                    unit,
                    f"the translation has no counterpart for {phrases} (the project renders "
                    f"these words as {', '.join(repr(u) for u in usual[:6])} elsewhere): "
                    "check for a dropped phrase or a translation of an older source",
                )
            )
        return findings

    @staticmethod
    def _unrendered(
        pair: AlignedPair,
        lexicon: Lexicon,
        unit: Unit,
        source_stop: frozenset[str],
        target_stop: frozenset[str],
    ) -> list[int]:
        """Indexes of the source content words nothing in the translation renders."""
        target_text = unit.msgstr.lower()
        target_keys = {token.key for token in pair.target}
        linked = {i for i, _j in pair.links}
        found: list[int] = []
        for index, word in enumerate(pair.source):
            if (
                index in linked
                or word.key in source_stop
                or len(word.key) < 3
                or not word.key.isalpha()
                or word.text.lower() in target_text
            ):
                continue
            occurrences = lexicon.occurrences[word.key]
            renderings = lexicon.renderings(word.key)
            if (
                occurrences < OMISSION_MIN_OCCURRENCES
                or sum(n for _r, n in renderings) < OMISSION_RENDERED_SHARE * occurrences
            ):
                continue
            if any(
                rendering in target_keys or (len(rendering) >= 4 and rendering in target_text)
                for rendering, n in renderings
                if n >= OMISSION_RENDERING_MIN and rendering not in target_stop
            ):
                continue
            found.append(index)
        return found


def _groups(pair: AlignedPair, indexes: list[int], stop: frozenset[str]) -> list[list[int]]:
    """*indexes* of source words grouped: neighbours with only stop words between."""
    groups: list[list[int]] = []
    for index in indexes:
        if groups and all(pair.source[k].key in stop for k in range(groups[-1][-1] + 1, index)):
            groups[-1].append(index)
        else:
            groups.append([index])
    return groups


__all__ = ["LexicalCheck", "OmittedContent", "UnusualRendering", "learned"]
