"""A bilingual lexicon learned from the project itself: every source/target pair of one
language word-aligned (:mod:`locqa.wordalign`), and the links counted per source word.

Words are those of the *prose* of a segment (:func:`locqa.markup.prose`: no code, URLs or
``[!DNL ...]`` names), counted by their lowercase lookup lemma (``orders`` and ``order``
are one word; Dutch ``bestellingen`` is ``bestelling``); a spaceless script (Japanese,
Chinese) is cut into words by its profile's segmenter. A unit whose translation is empty or
a copy of its source teaches nothing and is left out.

What the lexicon knows of a source word: how often it occurs in aligned pairs, and how often
it is linked to each target word. Its *usual rendering* is the target word most of its links
go to; a rendering far rarer than that, in a pair that lacks the usual one, is what a
machine translation that took another sense of the word looks like (MNG003), and the
renderings of a frequent word are what a terminologist grows a termbase from
(``locqa terms``).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from . import markup, wordalign
from .lang import find_profile

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


@dataclass(frozen=True, slots=True)
class Token:
    """A word of a segment: as written, the key it is counted by, and where it is."""

    text: str
    key: str
    start: int
    end: int


def tokens(text: str, lang: str, pipes: object) -> list[Token]:
    """The words of *text*'s prose in language *lang* (*pipes*: a
    :class:`locqa.nlp.Pipelines`)."""
    plain = markup.prose(text)
    profile = find_profile(lang)
    found: list[Token] = []
    if profile is not None and profile.tokens.segmentation != "spaces":
        for token in pipes.tokenizer_doc(plain, lang):  # type: ignore[attr-defined]
            word = token.text
            key = _key(word)
            if key and any(ch.isalnum() for ch in word):
                found.append(Token(word, key, token.idx, token.idx + len(word)))
        return found
    for match in _WORD.finditer(plain):
        word = match.group()
        lemma = pipes.lemma(word, lang) if profile is not None else word  # type: ignore[attr-defined]
        found.append(Token(word, _key(lemma) or _key(word), match.start(), match.end()))
    return found


def _key(word: str) -> str:
    """What a word is counted by: lowercase, without any whitespace (the aligner splits on
    it) or zero-width characters."""
    return "".join(ch for ch in word.lower() if not ch.isspace() and ch.isprintable())


@dataclass(frozen=True)
class AlignedPair:
    """One unit's words on both sides and the links between them."""

    source: tuple[Token, ...]
    target: tuple[Token, ...]
    links: frozenset[tuple[int, int]]

    def rendered_as(self, index: int) -> list[Token]:
        """The target words source word *index* is linked to."""
        return [self.target[j] for i, j in sorted(self.links) if i == index]


@dataclass
class Lexicon:
    """Link counts per source word (by key) over the aligned pairs of one language."""

    occurrences: Counter[str] = field(default_factory=Counter)
    links: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    spellings: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    pairs: int = 0

    def add(self, pair: AlignedPair) -> None:
        self.pairs += 1
        for token in pair.source:
            self.occurrences[token.key] += 1
        for i, j in pair.links:
            self.links[pair.source[i].key][pair.target[j].key] += 1
            self.spellings[pair.target[j].key][pair.target[j].text] += 1

    def renderings(self, key: str) -> list[tuple[str, int]]:
        """The target words *key* is linked to, most often first (ties by word)."""
        counts = self.links.get(key, Counter())
        return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))

    def usual(self, key: str) -> tuple[str, int] | None:
        found = self.renderings(key)
        return found[0] if found else None

    def spelling(self, target_key: str) -> str:
        """How the target word is most often written."""
        written = self.spellings.get(target_key)
        return written.most_common(1)[0][0] if written else target_key


def learn(
    pairs: Iterable[tuple[str, str]], source_lang: str, target_lang: str, pipes: object
) -> tuple[Lexicon, list[AlignedPair | None]]:
    """Align every (msgid, msgstr) pair and count the links. The second value has one entry
    per pair: its alignment, or None for a pair left out (empty, or a copy)."""
    todo: list[tuple[int, tuple[Token, ...], tuple[Token, ...]]] = []
    given = list(pairs)
    for index, (msgid, msgstr) in enumerate(given):
        if not msgstr.strip() or msgid.strip() == msgstr.strip():
            continue
        source = tuple(tokens(msgid, source_lang, pipes))
        target = tuple(tokens(msgstr, target_lang, pipes))
        if source and target:
            todo.append((index, source, target))
    links = wordalign.align([(_keys(s), _keys(t)) for _, s, t in todo])
    aligned: list[AlignedPair | None] = [None] * len(given)
    lexicon = Lexicon()
    for (index, source, target), found in zip(todo, links, strict=True):
        pair = AlignedPair(source, target, found)
        aligned[index] = pair
        lexicon.add(pair)
    return lexicon, aligned


def stop_words(lang: str) -> frozenset[str]:
    """The stop words of *lang*'s profile (none for a language without one): words too
    common to be terms or to judge a rendering by."""
    found = find_profile(lang)
    return found.stop_words if found is not None else frozenset()


def _keys(words: Sequence[Token]) -> list[str]:
    return [token.key for token in words]


__all__ = ["AlignedPair", "Lexicon", "Token", "learn", "stop_words", "tokens"]
