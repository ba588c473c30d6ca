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


def _location(unit: Unit) -> str:
    return f"{unit.path}:{unit.line}" if unit.path else unit.msgid[:40]


@register
class UnusualRendering(CorpusCheck):
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
    docs_not_run = (
        f"learns its lexicon from every unit of the run (at least {MIN_PAIRS} aligned pairs);"
        " the example shows the unit a finding is on"
    )

    def unavailable(self) -> str | None:
        problem = wordalign.missing()
        return f"MNG003 ({problem})" if problem else None

    def check_corpus(self, units: Sequence[Unit], ctx: CheckContext) -> Iterable[Finding]:
        if wordalign.missing() is not None or ctx.nlp is None:
            return []
        lexicon, aligned = learn(
            ((u.msgid, u.msgstr) for u in units), ctx.source_lang, ctx.target_lang, ctx.nlp
        )
        if lexicon.pairs < MIN_PAIRS:
            return []
        source_stop = stop_words(ctx.source_lang)
        target_stop = stop_words(ctx.target_lang)
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


__all__ = ["UnusualRendering"]
