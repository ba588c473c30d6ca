"""The term-mining stage behind ``locqa terms``: the project's frequent source terms with
how its translations render them, so that a terminologist grows the termbases from what the
machine translation actually does.

Every unit of a language is word-aligned (:mod:`locqa.lexicon`, eflomal). A term is a
source content word (no stop word, letters only, at least three of them) or two adjacent
ones ("bulk order", "custom attribute"), counted by lemma; its renderings are the target
words linked to it in each unit, in target order, counted as written (lowercase). A term
whose most frequent rendering has a small share is rendered inconsistently; a term already
in the language's termbase is marked, with its preferred term.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from . import wordalign
from .checks.runner import new_context, project_units
from .config import Settings
from .errors import ToolError
from .lexicon import AlignedPair, learn, stop_words
from .termbase import language_key


@dataclass(frozen=True)
class MinedTerm:
    term: str  # the source term as most often written, lowercase
    count: int  # occurrences in aligned units
    renderings: tuple[tuple[str, int], ...]  # rendering (lowercase) -> units, most first
    termbase: str | None  # the termbase's preferred term, when the term is in it
    places: tuple[str, ...] = ()  # path:line of the first units it occurs in

    @property
    def consistency(self) -> float:
        """The share of the most frequent rendering among the term's rendered units."""
        rendered = sum(n for _, n in self.renderings)
        return self.renderings[0][1] / rendered if rendered else 0.0

    def to_json(self) -> dict[str, object]:
        return {
            "term": self.term,
            "count": self.count,
            "renderings": [{"text": t, "count": n} for t, n in self.renderings],
            "consistency": round(self.consistency, 3),
            "termbase": self.termbase,
            "places": list(self.places),
        }


@dataclass
class MinedLanguage:
    lang: str
    pairs: int  # aligned units
    terms: list[MinedTerm] = field(default_factory=list)


@dataclass
class _Tally:
    count: int = 0
    spellings: Counter[str] = field(default_factory=Counter)
    renderings: Counter[str] = field(default_factory=Counter)
    places: list[str] = field(default_factory=list)


def mine_terms(
    settings: Settings,
    *,
    min_count: int = 5,
    top: int = 50,
    places: int = 3,
) -> list[MinedLanguage]:
    """The *top* most frequent terms seen at least *min_count* times, per language of the
    project. Raises :class:`ToolError` (exit 3) when the aligner is not installed."""
    problem = wordalign.missing()
    if problem is not None:
        raise ToolError(f"locqa terms needs word alignment: {problem}")
    mined: list[MinedLanguage] = []
    for lang in settings.languages:
        context = new_context(settings, lang)
        units = [u for article in project_units(settings, lang) for u in article.units]
        lexicon, aligned = learn(
            ((u.msgid, u.msgstr) for u in units), settings.source_lang, lang, context.nlp
        )
        stop = stop_words(settings.source_lang)
        tallies: dict[str, _Tally] = defaultdict(_Tally)
        for unit, pair in zip(units, aligned, strict=True):
            if pair is None:
                continue
            where = f"{unit.path}:{unit.line}"
            for key, spelling, rendering in _terms(pair, stop):
                tally = tallies[key]
                tally.count += 1
                tally.spellings[spelling] += 1
                if rendering:
                    tally.renderings[rendering] += 1
                if len(tally.places) < places:
                    tally.places.append(where)
        preferred = _termbase_terms(context.termbase, settings.source_lang, lang)
        frequent = [(k, t) for k, t in tallies.items() if t.count >= min_count and t.renderings]
        frequent.sort(key=lambda kv: (-kv[1].count, kv[0]))
        found = MinedLanguage(lang, lexicon.pairs)
        for _key, tally in frequent[:top]:
            term = tally.spellings.most_common(1)[0][0]
            found.terms.append(
                MinedTerm(
                    term=term,
                    count=tally.count,
                    renderings=tuple(
                        sorted(tally.renderings.items(), key=lambda kv: (-kv[1], kv[0]))[:8]
                    ),
                    termbase=preferred.get(term),
                    places=tuple(tally.places),
                )
            )
        mined.append(found)
    return mined


def _terms(pair: AlignedPair, stop: frozenset[str]) -> Iterable[tuple[str, str, str]]:
    """(key, spelling, rendering) of every term of *pair*: content words and pairs of
    adjacent content words."""
    words = pair.source
    content = [w.key not in stop and w.text.isalpha() and len(w.text) >= 3 for w in words]
    for i, word in enumerate(words):
        if not content[i]:
            continue
        yield word.key, word.text.lower(), _rendering(pair, (i,))
        if i + 1 < len(words) and content[i + 1]:
            following = words[i + 1]
            yield (
                f"{word.key} {following.key}",
                f"{word.text} {following.text}".lower(),
                _rendering(pair, (i, i + 1)),
            )


def _rendering(pair: AlignedPair, indexes: Sequence[int]) -> str:
    linked = sorted({j for i, j in pair.links if i in indexes})
    return " ".join(pair.target[j].text.lower() for j in linked)


def _termbase_terms(termbase: object, source: str, lang: str) -> dict[str, str]:
    """Source term (lowercase) -> the preferred term in *lang*, for a termbase's concepts."""
    if termbase is None:
        return {}
    found: dict[str, str] = {}
    for concept in termbase:  # type: ignore[attr-defined]
        preferred = concept.preferred(language_key(lang))
        for term in concept.accepted(language_key(source)):
            found.setdefault(term.text.lower(), preferred.text if preferred else "")
    return found


__all__ = ["MinedLanguage", "MinedTerm", "mine_terms"]
