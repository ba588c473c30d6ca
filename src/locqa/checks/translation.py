"""Source/target checks on one translation unit: untranslated text, English left in the
translation, numbers, inline markup and length.

Words are found in the *prose* of a segment: :func:`locqa.markup.prose` blanks inline
code, URLs, HTML tags, attribute lists, entities, ``[!DNL ...]`` and ``[!UICONTROL ...]``
(offsets stay valid), so nothing here looks inside a construct that is not translated.

Vocabularies come from spacy-lookups-data (no trained model is available offline):
English (the source) = lowercase alphabetic forms of ``en_lexeme_prob`` with
log-probability ≥ :data:`ENGLISH_MIN_LOGPROB` plus spaCy's English stop words; the target
language = what its profile (:mod:`locqa.lang`) names: the lemma lookup (forms and
lemmas), the lemma index, spaCy's stop words and its loanword list. Spelled-out numbers,
inflection suffixes and the URL query values that name a language come from the profiles.

What is not a word to translate, besides markup: tokens that look like code (paths,
``vendor/package``, host names, ``snake_case``, ``camelCase``, ``tool-name-x`` chains with a
part that is no English word, letters mixed with digits), quoted literals the source quotes
the same way (``"actions"``), names of several capitalised words joined by lowercase words
copied verbatim (``Mesh for App Builder``) and multi-word loanwords of the profile's list
(written with hyphens there: ``best-practice`` also matches "best practices").
"""

from __future__ import annotations

import functools
import gzip
import html
import importlib.resources
import io
import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from .. import markup
from ..findings import Finding, Severity
from ..lang import LanguageProfile, find_profile
from ..script import WORD
from .base import Check, CheckContext, Unit, register
from .repeats import merge_repeats

#: Minimum log-probability in ``en_lexeme_prob`` for a form to count as an English word.
ENGLISH_MIN_LOGPROB = -16.0
#: TRN002 only reports fairly common English words: rarer ones are mostly jargon,
#: abbreviations and names that IT text keeps in translation (src, cli, mysql, middleware).
LEFT_IN_MIN_LOGPROB = -14.5

_WORD_RUN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?(?:-[^\W\d_]+(?:['’][^\W\d_]+)?)*")
_PART = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
#: A sentence (or line, or bracketed or quoted phrase) begins after a newline or an opening
#: bracket or quote, each with any spaces, or after a full stop, ! ? : or ; and a space.
_SENTENCE_BREAK = re.compile(r"[.!?:;(\"“‘'«\n]\s*")
_STOPS = ".!?:;"
_SPACE = re.compile(r"\s+")
_NEXT_CAPITALISED = re.compile(r"[ -][A-Z]")
_WHITESPACE_TOKEN = re.compile(r"\S+")
_EDGE_PUNCTUATION = "\"'“”‘’()[]<>,;:!?.…*"
_CODE_CHARACTERS = re.compile(r"[/\\_@=#<>{}~$%|^`]|\w\.\w|\w:\w")
_CAMEL = re.compile(r"[a-z][A-Z]")

# ---------------------------------------------------------------- vocabularies


def _lookups_json(name: str) -> Any:
    resource = importlib.resources.files("spacy_lookups_data") / "data" / name
    if not resource.is_file():
        return {}
    with gzip.open(io.BytesIO(resource.read_bytes()), "rt", encoding="utf-8") as stream:
        return json.load(stream)


@functools.cache
def _english_tables() -> tuple[dict[str, float], frozenset[str]]:
    """(lowercase word → log-probability, lowercase words mostly written capitalised)."""
    from spacy.lang.en.stop_words import STOP_WORDS

    probs: dict[str, float] = _lookups_json("en_lexeme_prob.json.gz")
    lower: dict[str, float] = {}
    for word, prob in probs.items():
        if prob >= ENGLISH_MIN_LOGPROB and word.isalpha() and word.islower():
            lower[word] = prob
    names = frozenset(
        w.lower()
        for w, p in probs.items()
        if p >= ENGLISH_MIN_LOGPROB
        and w[:1].isupper()
        and w[1:].islower()
        and w.isalpha()
        and p > probs.get(w.lower(), -100.0)
    )
    for word in STOP_WORDS:
        lower.setdefault(str(word), 0.0)
    return lower, names


def english_vocabulary(min_logprob: float = ENGLISH_MIN_LOGPROB) -> frozenset[str]:
    """Lowercase English word forms at least as frequent as *min_logprob*."""
    return _english_vocabulary(min_logprob)


@functools.cache
def _english_vocabulary(min_logprob: float) -> frozenset[str]:
    probs, _names = _english_tables()
    return frozenset(w for w, p in probs.items() if p >= min_logprob)


def is_english_name(word: str) -> bool:
    """True for words English mostly writes capitalised (Adobe, Chrome, Monday)."""
    return word.lower() in _english_tables()[1]


@functools.cache
def _profile_words(found: LanguageProfile) -> frozenset[str]:
    """The words a profile adds to its lemma lookup: spaCy's stop words, the forms of the
    lemma index, the loanword list (lowercase)."""
    words: set[str] = set(found.words.loanwords)
    words.update(found.stop_words)
    if found.lemmas.index:
        index: dict[str, list[str]] = _lookups_json(f"{found.lemmas.index}.json.gz")
        for forms in index.values():
            words.update(w.lower() for w in forms)
    return frozenset(words)


@functools.cache
def _default_pipelines() -> Any:
    from ..nlp import Pipelines

    return Pipelines()


def target_vocabulary(ctx: CheckContext) -> frozenset[str]:
    """Lowercase word forms of the target language: ``ctx.nlp.vocabulary(lang)`` plus the
    words its profile adds (stop words, lemma index, loanwords)."""
    pipes = ctx.nlp if ctx.nlp is not None else _default_pipelines()
    return _target_vocabulary(pipes, ctx.target_lang)


@functools.cache
def _target_vocabulary(pipes: Any, lang: str) -> frozenset[str]:
    base: frozenset[str] = pipes.vocabulary(lang)
    found = find_profile(lang)
    return base | _profile_words(found) if found is not None else base


def in_vocabulary(word: str, vocabulary: frozenset[str], suffixes: Sequence[str] = ()) -> bool:
    """Whether *word* (any case) is in *vocabulary*, also after dropping one of the
    language's inflection *suffixes* (its profile's ``words.suffixes``)."""
    low = word.lower().replace("’", "'")
    if low in vocabulary:
        return True
    return any(low.endswith(s) and low[: -len(s)] in vocabulary for s in suffixes)


def _suffixes(lang: str) -> tuple[str, ...]:
    found = find_profile(lang)
    return found.words.suffixes if found is not None else ()


# ---------------------------------------------------------------- helpers


def words(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, word) for every word part of *text*; hyphenated words give each part."""
    for run in _WORD_RUN.finditer(text):
        for part in _PART.finditer(run.group()):
            yield run.start() + part.start(), run.start() + part.end(), part.group()


def normalise(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def comparable(text: str) -> str:
    """*text*'s prose with entities decoded, quotes straightened and whitespace collapsed:
    two segments that compare equal read the same."""
    plain = markup.prose(html.unescape(text))
    return normalise(plain.replace("’", "'").replace("“", '"').replace("”", '"'))


def sentence_starts(text: str) -> frozenset[int]:
    """The offsets of *text* that begin a sentence, a line, a bracketed or quoted phrase:
    0, and every offset after a newline or an opening bracket or quote followed by nothing
    but whitespace, or after one of ``.!?:;`` followed by at least one whitespace character.
    One pass over *text*: a check computes it once per unit and asks ``start in starts``
    for each word (the index of :func:`sentence_initial`)."""
    starts = {0}
    for match in _SENTENCE_BREAK.finditer(text):
        at, end = match.start(), match.end()
        # after the mark itself, or (after a stop) only once a space has followed
        starts.update(range(at + (2 if text[at] in _STOPS else 1), end + 1))
        newline = text.find("\n", at + 1, end)  # a newline in the spaces after a stop
        if newline >= 0:
            starts.update(range(newline + 1, end + 1))
    return frozenset(starts)


_cached_sentence_starts = functools.lru_cache(maxsize=16)(sentence_starts)


def sentence_initial(text: str, start: int) -> bool:
    """True when *start* begins a sentence, a line, a bracketed or quoted phrase
    (:func:`sentence_starts`, cached for the last few texts so that a loop over the words
    of one text stays linear). A check that has the text at hand uses
    :func:`sentence_starts` once instead."""
    return start in _cached_sentence_starts(text)


def code_like(token: str, known: frozenset[str] = frozenset()) -> bool:
    """Whether a whitespace-delimited *token* (surrounding punctuation ignored) is code or
    an identifier rather than words: it has path, file, host or operator characters
    (``vendor/module-x``, ``example.com``, ``a_b``, ``x=1``), is camelCase, mixes letters
    and digits (``B2B``, ``v2``; a hyphenated compound only in such a part: see
    :func:`blank_code_like`), or is a lowercase hyphen chain of three or more parts of
    which one is no English word nor in *known* (the target language's words) or a short
    non-word (``pt-query-digest``, ``gra-split-brand-x``; not ``out-of-the-box``,
    ``on-boarding-proces``)."""
    from spacy.lang.en.stop_words import STOP_WORDS

    core = token.strip(_EDGE_PUNCTUATION)
    if not core:
        return False
    if _CODE_CHARACTERS.search(core) or _CAMEL.search(core):
        return True
    parts = core.split("-")
    if len(parts) == 1 and _alphanumeric(core):
        return True
    if len(parts) >= 3 and core.islower():
        english = english_vocabulary()
        return any(
            p and ((p not in english and p not in known) or (len(p) <= 2 and p not in STOP_WORDS))
            for p in parts
        )
    return False


def _alphanumeric(text: str) -> bool:
    return any(ch.isdigit() for ch in text) and any(ch.isalpha() for ch in text)


def blank_code_like(plain: str, known: frozenset[str] = frozenset()) -> str:
    """*plain* with every :func:`code_like` token blanked by spaces (offsets kept); in a
    hyphenated compound only the parts that mix letters and digits (``B2B-bedrijven``
    keeps ``bedrijven``)."""
    out = list(plain)
    for match in _WHITESPACE_TOKEN.finditer(plain):
        token = match.group()
        if code_like(token, known):
            out[match.start() : match.end()] = " " * len(token)
            continue
        if "-" in token:
            for part in re.finditer(r"[^-]+", token):
                if _alphanumeric(part.group().strip(_EDGE_PUNCTUATION)):
                    a, b = match.start() + part.start(), match.start() + part.end()
                    out[a:b] = " " * (b - a)
    return "".join(out)


_QUOTE_OPEN = r"(?:&quot;|&#34;|&#39;|&#x27;|&ldquo;|&lsquo;|[\"“‘'])"
_QUOTE_CLOSE = r"(?:&quot;|&#34;|&#39;|&#x27;|&rdquo;|&rsquo;|[\"”’'])"
_QUOTED = re.compile(
    rf"(?:^|(?<=[\s(\[:]))({_QUOTE_OPEN})([^\"“”‘’\n]{{1,80}}?)({_QUOTE_CLOSE})"
    r"(?=$|[\s.,;:!?)\]])"
)
#: A quoted literal (a folder, a code name, a key) has at most this many words.
QUOTED_MAX_WORDS = 3


def quoted_literals(text: str) -> list[tuple[int, int, str]]:
    """(start, end, content) of short quoted literals in *text* (straight, curly or
    entity-encoded quotes): at most :data:`QUOTED_MAX_WORDS` words, or containing code."""
    out = []
    for match in _QUOTED.finditer(text):
        body = html.unescape(match.group(2)).strip()
        if not body:
            continue
        if len(body.split()) <= QUOTED_MAX_WORDS or "`" in body:
            out.append((match.start(), match.end(), body))
    return out


_CAP = r"(?:[A-Z][\w'’&-]*(?:\.[\w'’&-]+)*)"
_CONNECTOR = r"(?:for|of|and|on|in|to|the|with|by|at|as|a|an|&|-|–)"
# overlapping: each lowercase joint of a name with the capitalised words either side
_NAME_JOINT = re.compile(rf"(?=(?<![\w'’&.-])({_CAP}(?:[ ]+{_CONNECTOR})+[ ]+{_CAP})(?![\w'’&-]))")


def name_phrases(text: str) -> set[str]:
    """The joints of names made of capitalised words and lowercase words in *text*'s prose:
    the lowercase words with the capitalised word either side (``Hub for Widget`` of
    ``Sync Hub for Widget Builder``, ``Bill of Materials``)."""
    return {m.group(1) for m in _NAME_JOINT.finditer(markup.prose(text))}


@functools.cache
def _loanword_phrases(lang: str) -> re.Pattern[str] | None:
    """The profile's multi-part loanwords (``best-practice``, ``out-of-the-box``) as one
    pattern: parts joined by a hyphen or spaces, the last part maybe inflected."""
    found = find_profile(lang)
    if found is None:
        return None
    phrases = sorted((w for w in found.words.loanwords if "-" in w), key=len, reverse=True)
    if not phrases:
        return None
    suffixes = "|".join(re.escape(s) for s in sorted(found.words.suffixes, key=len, reverse=True))
    bodies = "|".join(r"[\s-]+".join(re.escape(p) for p in w.split("-") if p) for w in phrases)
    ending = f"(?:{suffixes})?" if suffixes else ""
    return re.compile(rf"(?<![^\W\d_])(?:{bodies}){ending}(?![^\W\d_])", re.IGNORECASE)


def loanword_phrase_spans(text: str, lang: str) -> list[tuple[int, int]]:
    """Spans of *text* that are a multi-part loanword of *lang*'s profile."""
    pattern = _loanword_phrases(lang)
    return [m.span() for m in pattern.finditer(text)] if pattern is not None else []


def ordinary_english_words(text: str) -> list[str]:
    """Ordinary English words of *text*'s prose: lowercase (or sentence-initial) forms in
    the English vocabulary, two letters or longer. Product names written in capitals
    mid-sentence, DNT spans, code, URLs and code-like tokens (:func:`code_like`) do not
    count."""
    english = english_vocabulary()
    plain = blank_code_like(markup.prose(text))
    starts = sentence_starts(plain)
    found = []
    for start, _end, word in words(plain):
        if len(word) < 2 or any(ch.isupper() for ch in word[1:]):
            continue
        if word[0].isupper() and (start not in starts or is_english_name(word)):
            continue
        if word.lower() in english:
            found.append(word.lower())
    return found


# ---------------------------------------------------------------- TRN001


@register
class Untranslated(Check):
    """The translation is empty, or a copy of a source that has ordinary English words to
    translate (at least two that are not all function words). A reviewer must translate it.
    Names, versions, code, paths, URLs, package and host names and numbers are not words to
    translate: a segment made of them may equal its source."""

    code = "TRN001"
    name = "untranslated"
    summary = "translation empty or identical to a source that has English words to translate"
    severity = Severity.ERROR
    fix = None
    example = ("Frequently asked questions", "Frequently asked questions")

    #: A source needs at least this many ordinary English words to need translating.
    min_words = 2

    def check(self, unit: Unit, ctx: CheckContext) -> Iterable[Finding]:
        if not unit.msgid.strip():
            return []
        if not unit.msgstr.strip():
            return [self.finding(unit, "no translation: translate the source text")]
        if comparable(unit.msgid) != comparable(unit.msgstr):
            return []
        from spacy.lang.en.stop_words import STOP_WORDS

        found = ordinary_english_words(unit.msgid)
        count = len(found)
        if count < self.min_words or all(w in STOP_WORDS for w in found):
            return []
        return [
            self.finding(
                unit,
                f"translation is a copy of the source ({count} English words); translate it, "
                "or mark the names in it [!DNL ...] if it must stay English",
            )
        ]


# ---------------------------------------------------------------- TRN002


@register
class EnglishLeftIn(Check):
    """English words of the source copied into the translation. Names (capitalised words
    mid-sentence, acronyms, names of several words copied verbatim), code-like tokens,
    quoted literals the source quotes too, and the language's words and loanwords
    (including multi-part ones such as *best practices*) do not count. A run of copied
    English words is one finding over the run; a translation that is mostly English, one
    finding for the entry."""

    code = "TRN002"
    name = "english-left-in"
    summary = "English words copied from the source into the translation (one finding per run)"
    severity = Severity.WARNING
    fix = None
    example = ("Post-sale returns", "Post-sale retourneert")

    min_length = 3
    #: A translation whose words are at least this share of copied English words (and
    #: that has at least whole_min_words words) gets one finding for the whole entry.
    whole_share = 0.5
    #: ... or whose longer words are at least this share verbatim copies of source words.
    whole_verbatim_share = 0.7
    whole_min_words = 4

    def check(self, unit: Unit, ctx: CheckContext) -> Iterable[Finding]:
        if not unit.msgstr.strip():
            return []
        source = markup.prose(unit.msgid)
        source_words = {w.lower() for _s, _e, w in words(source)}
        if not source_words:
            return []
        if comparable(unit.msgid) == comparable(unit.msgstr):
            return []  # a whole copy is TRN001's business
        target, copied, bridges = self.copied_words(unit, ctx, source_words)
        all_words = list(words(target))
        long_words = [w for _s, _e, w in all_words if len(w) >= self.min_length]
        verbatim = sum(w.lower() in source_words for w in long_words)
        if (
            len(copied) >= 2
            and len(long_words) >= self.whole_min_words
            and (
                len(copied) >= self.whole_share * len(all_words)
                or verbatim >= self.whole_verbatim_share * len(long_words)
            )
        ):
            return [
                self.finding(
                    unit,
                    f"the translation is mostly English ({verbatim} of {len(long_words)} "
                    "words copied from the source); translate it",
                )
            ]
        out: list[Finding] = []
        copied_set = set(copied)
        for run in english_runs(target, copied, bridges):
            start, end = run[0][0], run[-1][1]
            count = sum(1 for item in run if item in copied_set)
            if count == 1:
                message = (
                    f"English word {run[0][2]!r} left in the translation; translate it, or "
                    "mark it [!DNL ...] when it is a name"
                )
            else:
                message = (
                    f"English text {unit.msgstr[start:end]!r} ({count} English words) left in "
                    "the translation; translate it, or mark names [!DNL ...]"
                )
            out.append(self.finding(unit, message, start, end))
        return merge_repeats(out, unit.msgstr)  # "consumer" twice: one finding, ×2

    def copied_words(
        self, unit: Unit, ctx: CheckContext, source_words: set[str]
    ) -> tuple[str, list[tuple[int, int, str]], list[tuple[int, int, str]]]:
        """(the translation's prose, its *copied* English words, its *bridges*): words of
        the source found in the translation, split into those that are English and nothing
        else, and those excused as names, acronyms, short words or words of the language
        (which may join copied words into one run). Words of kept spans are neither."""
        target = markup.prose(unit.msgstr)
        vocabulary = target_vocabulary(ctx)
        plain = blank_code_like(target, vocabulary)
        kept = self._kept_spans(unit, target, ctx.target_lang)
        suffixes = _suffixes(ctx.target_lang)
        english = english_vocabulary(LEFT_IN_MIN_LOGPROB)
        starts = sentence_starts(target)
        copied: list[tuple[int, int, str]] = []
        bridges: list[tuple[int, int, str]] = []
        for start, end, word in words(plain):
            low = word.lower()
            if low not in source_words or any(a <= start and end <= b for a, b in kept):
                continue
            if (
                len(word) < self.min_length
                or any(ch.isupper() for ch in word[1:])  # acronym, camelCase (API, GitHub)
                or (
                    word[0].isupper()
                    and (
                        start not in starts
                        or is_english_name(word)
                        or _NEXT_CAPITALISED.match(target, end)
                    )
                )  # a name (Commerce, Fastly, Live Search; Adobe, Chrome, New Relic)
                or low not in english
                or in_vocabulary(word, vocabulary, suffixes)
            ):
                bridges.append((start, end, word))  # may join two copied words into a run
                continue
            copied.append((start, end, word))
        return target, copied, bridges

    @staticmethod
    def _kept_spans(unit: Unit, target: str, lang: str) -> list[tuple[int, int]]:
        """Spans of the translation whose words stay English: quoted literals the source
        quotes too, names of several words copied from the source, multi-part loanwords."""
        spans: list[tuple[int, int]] = []
        quoted = {body for _s, _e, body in quoted_literals(unit.msgid)}
        spans += [(a, b) for a, b, body in quoted_literals(unit.msgstr) if body in quoted]
        for phrase in name_phrases(unit.msgid):
            at = target.find(phrase)
            while at >= 0:
                spans.append((at, at + len(phrase)))
                at = target.find(phrase, at + 1)
        spans += loanword_phrase_spans(target, lang)
        return spans


#: What may stand between two English words of one run: spaces, hyphens, commas, slashes.
_RUN_GAP = re.compile(r"[\s,/'’-]*")


def english_runs(
    text: str, copied: Sequence[tuple[int, int, str]], bridges: Sequence[tuple[int, int, str]]
) -> list[list[tuple[int, int, str]]]:
    """The *copied* words of *text* grouped into runs: words separated only by spaces,
    hyphens, commas or slashes, and by *bridges* (other words copied from the source, such
    as short function words or words Dutch shares), form one run; a run starts and ends
    with a copied word."""
    tokens = sorted(
        [(s, e, w, True) for s, e, w in copied] + [(s, e, w, False) for s, e, w in bridges]
    )
    runs: list[list[tuple[int, int, str]]] = []
    current: list[tuple[int, int, str, bool]] = []

    def close() -> None:
        while current and not current[-1][3]:
            current.pop()
        if current:
            runs.append([(s, e, w) for s, e, w, _c in current])
        current.clear()

    for token in tokens:
        start, _end, _word, is_copied = token
        if current and not _RUN_GAP.fullmatch(text, current[-1][1], start):
            close()
        if not current and not is_copied:
            continue
        current.append(token)
    close()
    return runs


# ---------------------------------------------------------------- TRN003

#: Word boundaries are drawn with :data:`locqa.script.WORD`: a Han or Kana character next
#: to a number does not make it part of a word (``2.3.1のPage``, ``75 ドル``).
_NUMBER = re.compile(
    rf"(?<!{WORD})(?<![.,])\d+(?:[.,]\d+)*(?!{WORD})|(?<=[A-Za-z])\d+|\d+(?=[A-Za-z])"
)
#: A token of letters then digits (``B2B``, ``K6``, ``P1``, ``IPv6``): a name, compared whole.
_ALPHANUMERIC = re.compile(rf"(?<!{WORD})(?<!-)[A-Za-z]+\d[A-Za-z0-9]*(?!{WORD})")
#: A step or table-of-contents number before a title: "2 - Overview", "[3. Setup](...)".
_ENUMERATOR_BEFORE = re.compile(r"(?:^|\[)[\s*_\u200b]*(?:&#x200B;\s*)*$", re.IGNORECASE)
_ENUMERATOR_AFTER = re.compile(r"\s*[-–—.):]\s")
ALPHANUMERIC_KEY = "#"  # prefix of the key of a letters-and-digits token


def numbers(text: str) -> list[tuple[int, int, str]]:
    """(start, end, key) of the numbers in *text*'s prose; the key drops separators so
    that ``1,000`` (English) and ``1.000`` (Dutch), ``2.5`` and ``2,5`` compare equal.
    A token of letters then digits (``B2B``, ``IPv6``) is one item keyed ``#B2B`` (case
    ignored), not a number."""
    plain = markup.prose(text)
    plain = plain.replace("\u00a0", " ")
    out = []
    for match in _ALPHANUMERIC.finditer(plain):
        out.append((match.start(), match.end(), ALPHANUMERIC_KEY + match.group().upper()))
        plain = plain[: match.start()] + " " * len(match.group()) + plain[match.end() :]
    for match in _NUMBER.finditer(plain):
        raw = match.group().rstrip(".,")
        key = re.sub(r"[.,]", "", raw).lstrip("0") or "0"
        out.append((match.start(), match.start() + len(raw), key))
    return sorted(out)


def _digits_of(key: str) -> list[str]:
    """The numbers inside a letters-and-digits key (``#IPV6`` → ``["6"]``)."""
    return [d.lstrip("0") or "0" for d in re.findall(r"\d+", key)]


def _spelled(text: str, lang: str) -> Counter[str]:
    """Digits of the numbers *text* spells out in *lang* (its profile's ``numbers``)."""
    found = find_profile(lang)
    table = found.words.numbers if found is not None else {}
    return Counter(table[w.lower()] for _s, _e, w in words(text) if w.lower() in table)


def _enumerator(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` numbers a title: at the start of the segment or of a
    link label, followed by a separator ("2 - Overzicht", "[3. Starten](...)")."""
    return (
        end - start <= 3
        and bool(_ENUMERATOR_BEFORE.search(text, 0, start))
        and bool(_ENUMERATOR_AFTER.match(text, end))
    )


@register
class NumberMismatch(Check):
    """Numbers of the source missing from the translation, or numbers the translation has
    and the source does not (separators, spelled-out numbers, letters-and-digits names
    such as *B2B* compared whole). Not a mismatch: a step or table-of-contents number the
    translation puts before a title while no source number is missing, and a number that
    spells out the digits of a name beside it (*P1 (Prioriteit 1)*, *v2* → *versie 2*)."""

    code = "TRN003"
    name = "number-mismatch"
    summary = "numbers in the translation differ from those in the source"
    severity = Severity.ERROR
    fix = None
    example = ("Save 25% on 3 items", "Bespaar 52% op 3 artikelen")

    def check(self, unit: Unit, ctx: CheckContext) -> Iterable[Finding]:
        if not unit.msgstr.strip():
            return []
        source = numbers(unit.msgid)
        target = numbers(unit.msgstr)
        missing = Counter(k for _s, _e, k in source) - Counter(k for _s, _e, k in target)
        extra = Counter(k for _s, _e, k in target) - Counter(k for _s, _e, k in source)
        missing -= _spelled(unit.msgstr, ctx.target_lang)
        extra -= _spelled(unit.msgid, ctx.source_lang)
        # a name's digits written out beside it or instead of it: P1 (Prioriteit 1), v2 → versie 2
        named = {k for _s, _e, k in target if k.startswith(ALPHANUMERIC_KEY)} | set(missing)
        for key in sorted(k for k in named if k.startswith(ALPHANUMERIC_KEY)):
            for digits in _digits_of(key):
                if extra[digits] > 0:
                    extra[digits] -= 1
                    if missing[key] > 0:
                        missing[key] -= 1
        missing, extra = +missing, +extra
        if not missing:
            for start, end, key in target:
                if extra[key] > 0 and _enumerator(unit.msgstr, start, end):
                    extra[key] -= 1
            extra = +extra
        raw = {k: unit.msgid[s:e] for s, e, k in source}
        lost_numbers = [raw[k] for k in missing.elements() if not _named(k)]
        lost_names = [raw[k] for k in missing.elements() if _named(k)]
        out: list[Finding] = []
        seen: Counter[str] = Counter()
        for start, end, key in target:
            if extra[key] > seen[key]:
                seen[key] += 1
                number = unit.msgstr[start:end]
                pool = lost_names if _named(key) else lost_numbers
                what = "name" if _named(key) else "number"
                message = (
                    f"{what} {number!r} differs from the source's {pool.pop(0)!r}"
                    if pool
                    else f"{what} {number!r} is not in the source"
                )
                out.append(
                    self.finding(unit, message + "; check it against the source", start, end)
                )
        for number in lost_numbers:
            out.append(
                self.finding(
                    unit, f"number {number!r} of the source is missing from the translation"
                )
            )
        for name in lost_names:
            out.append(
                self.finding(unit, f"{name!r} of the source is missing from the translation")
            )
        return out


def _named(key: str) -> bool:
    return key.startswith(ALPHANUMERIC_KEY)


# ---------------------------------------------------------------- TRN004

#: A BCP 47 locale as a path segment: language, then script and/or region
#: (``en``, ``nl-NL``, ``zh-hans``, ``zh-Hans-CN``, ``es-419``).
_LOCALE_SEGMENT = re.compile(r"^[a-z]{2}(?:[-_](?:[A-Za-z]{2}|[A-Za-z]{4}|\d{3})){0,2}$")


def normalise_url(url: str) -> str:
    """A URL reduced to what a translation must keep: scheme, host and path, without
    query or fragment (language switches, tracking, anchors that follow translated
    headings), without locale path segments (``/en/``, ``/nl-NL/``), ``.html`` suffix and
    trailing slash. Host-less (relative) links keep their last two path segments, so
    ``/help/a/b.md`` and ``../a/b.md`` compare equal."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return url.strip()
    segments = [s for s in parts.path.split("/") if s and not _LOCALE_SEGMENT.match(s)]
    if segments:
        segments[-1] = re.sub(r"\.html?$", "", segments[-1])
    if not parts.netloc:
        segments = [s for s in segments if s not in (".", "..")][-2:]
        return "/".join(segments) or url.strip()
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}/" + "/".join(segments)


def localised_variant(source_url: str, target_url: str, lang: str) -> bool:
    """True when *target_url* is a localised asset on the source's host: its query names
    the target language *lang* (``?captions=dut`` for Dutch: its profile's
    ``words.url_values``), e.g. a dubbed or subtitled video."""
    found = find_profile(lang)
    if found is None:
        return False
    try:
        src, tgt = urlsplit(source_url), urlsplit(target_url)
    except ValueError:
        return False
    values = {v.lower() for _k, v in parse_qsl(tgt.query)}
    return bool(src.netloc) and src.netloc == tgt.netloc and bool(values & found.words.url_values)


def _html_tag(raw: str) -> str:
    match = re.match(r"<\s*(/?)\s*([A-Za-z][\w-]*)", raw)
    return f"<{match.group(1)}{match.group(2).lower()}>" if match else raw


def _markup_keys(text: str) -> dict[str, list[tuple[markup.Construct, str]]]:
    keys: dict[str, list[tuple[markup.Construct, str]]] = {
        "link": [], "image": [], "code": [], "dnl": [], "uicontrol": [], "emphasis": [],
        "html": [],
    }  # fmt: skip
    for c in markup.parse_inline(text):
        if c.kind in ("link", "autolink", "url"):
            keys["link"].append((c, normalise_url(c.url or "")))
        elif c.kind == "image":
            keys["image"].append((c, normalise_url(c.url or "")))
        elif c.kind == "code":
            keys["code"].append((c, c.content.strip()))
        elif c.kind == "dnl":
            keys["dnl"].append((c, normalise(c.content)))
        elif c.kind == "uicontrol":
            keys["uicontrol"].append((c, "[!UICONTROL]"))
        elif c.kind in ("strong", "em"):
            keys["emphasis"].append((c, c.kind))
        elif c.kind == "html":
            keys["html"].append((c, _html_tag(c.text)))
    return keys


def _pair_localised(
    source: list[tuple[markup.Construct, str]],
    target: list[tuple[markup.Construct, str]],
    extra: Counter[str],
    missing: Counter[str],
    lang: str,
) -> tuple[Counter[str], Counter[str]]:
    """Cancel a missing source URL against an extra target URL that is its localised
    variant in *lang* (see :func:`localised_variant`)."""
    extra, missing = Counter(extra), Counter(missing)
    raw_source = {key: c.url or "" for c, key in source}
    raw_target = {key: c.url or "" for c, key in target}
    for tkey in list(extra):
        for skey in list(missing):
            if (
                extra[tkey] > 0
                and missing[skey] > 0
                and localised_variant(raw_source[skey], raw_target[tkey], lang)
            ):
                extra[tkey] -= 1
                missing[skey] -= 1
    return +extra, +missing


_WHAT = {
    "link": "link URL", "image": "image", "code": "inline code", "dnl": "[!DNL] name",
    "uicontrol": "[!UICONTROL] label", "emphasis": "emphasis", "html": "HTML tag",
}  # fmt: skip


@register
class MarkupMismatch(Check):
    """The inline markup a translation must keep differs from the source's: link targets
    (compared without locale, query and fragment; a localised video is the same), images,
    inline code, ``[!DNL]`` names, ``[!UICONTROL]`` labels, emphasis, HTML tags."""

    code = "TRN004"
    name = "markup-mismatch"
    summary = "link URLs, inline code, images, [!DNL]/[!UICONTROL], emphasis or HTML tags differ"
    severity = Severity.ERROR
    fix = None
    example = (
        "Run `bin/magento cache:flush`",
        "Voer `bin/magento cache:spoelen` uit",
    )

    def check(self, unit: Unit, ctx: CheckContext) -> Iterable[Finding]:
        if not unit.msgstr.strip():
            return []
        source = _markup_keys(unit.msgid)
        target = _markup_keys(unit.msgstr)
        out: list[Finding] = []
        for kind, what in _WHAT.items():
            src = Counter(k for _c, k in source[kind])
            tgt = Counter(k for _c, k in target[kind])
            if src == tgt:
                continue
            extra = tgt - src
            missing = src - tgt
            if kind in ("link", "image"):
                extra, missing = _pair_localised(
                    source[kind], target[kind], extra, missing, ctx.target_lang
                )
                if not extra and not missing:
                    continue
            if kind in ("uicontrol", "emphasis"):
                out.append(
                    self.finding(
                        unit,
                        f"{what}: {sum(src.values())} in the source, {sum(tgt.values())} in "
                        "the translation; keep the source's markup",
                    )
                )
                continue
            if kind == "dnl":
                # a do-not-translate name kept verbatim but (un)marked is not a defect
                extra = Counter(
                    {
                        k: n
                        for k, n in extra.items()
                        if k.lower() not in normalise(unit.msgid).lower()
                    }
                )
                missing = Counter(
                    {
                        k: n
                        for k, n in missing.items()
                        if k.lower() not in normalise(unit.msgstr).lower()
                    }
                )
            lost = [key for key, count in missing.items() for _ in range(count)]
            for construct, key in target[kind]:
                if extra[key] <= 0:
                    continue
                extra[key] -= 1
                if lost:
                    message = f"{what} {key!r} differs from the source's {lost.pop(0)!r}"
                else:
                    message = f"{what} {key!r} is not in the source"
                out.append(
                    self.finding(
                        unit,
                        message + f"; keep the source's {what}",
                        construct.start,
                        construct.end,
                    )
                )
            for key in lost:
                out.append(self.finding(unit, f"{what} {key!r} of the source is missing here"))
        return out


# ---------------------------------------------------------------- TRN005

#: Length ratio bounds (translated prose chars of the target / of the source,
#: :func:`translated_lengths`) for segments whose source has at least
#: :data:`LENGTH_MIN_CHARS` such characters, as multiples of the language's usual ratio
#: (profile ``words.length_ratio``, the corpus median measured by
#: ``tools/measure_length.py``: Dutch 1.15, Japanese 0.49, Chinese 0.29). Calibrated on
#: Dutch, where they are about 0.55 and 2.0 (80 % precision, docs/checks.md).
LENGTH_MIN_CHARS = 40
LENGTH_LOW = 0.49
LENGTH_HIGH = 1.79
#: Shorter segments (from :data:`SHORT_MIN_CHARS` chars): only a drastic shrink counts.
SHORT_MIN_CHARS = 15
SHORT_LOW = 0.36


# a host name (with a path), a path: "shop.example.org/console", "/var/log", "a/b/c"
_ADDRESS = re.compile(r"(?:[\w-]+\.)+[a-z]{2,}(?:[/:]\S*)?$|^\.{0,2}/\w\S*|\w/[\w.-]+/")


def prose_length(text: str) -> int:
    """Characters of *text*'s prose, whitespace collapsed, markup syntax and addresses
    written without a scheme (``example.com/console``, a path: one side may have the full
    URL, which is markup) excluded."""
    return len(normalise(_prose_for_length(text)))


def _prose_for_length(text: str) -> str:
    plain = markup.prose(text, drop=markup.NON_PROSE - {"dnl", "uicontrol"})
    return _WHITESPACE_TOKEN.sub(
        lambda m: " " if _ADDRESS.search(m.group().strip(_EDGE_PUNCTUATION)) else m.group(), plain
    )


#: A run of word characters of a spaced script (a name, a number, an English word).
_SPACED_WORD = re.compile(rf"{WORD}+(?:[.'’-]{WORD}+)*")


def translated_lengths(source: str, target: str) -> tuple[int, int]:
    """The prose lengths of *source* and *target* (:func:`prose_length`) without the words
    both have as written (names, numbers, English kept): what was translated. A kept name
    is as long on both sides, which says nothing of the translation and, in Japanese or
    Chinese, whose characters carry more than Latin letters, would make the rest look long."""
    src, tgt = _prose_for_length(source), _prose_for_length(target)
    shared = {m.group() for m in _SPACED_WORD.finditer(src)} & {
        m.group() for m in _SPACED_WORD.finditer(tgt)
    }

    def rest(text: str) -> int:
        return len(
            normalise(_SPACED_WORD.sub(lambda m: "" if m.group() in shared else m.group(), text))
        )

    return rest(src), rest(tgt)


@register
class LengthRatio(Check):
    """The translation is far shorter or longer than its source, for its language (the
    bounds are multiples of the language's usual ratio, measured on the corpus): text
    truncated, dropped or added, or blocks merged. Words both sides have as written
    (names, numbers) do not count.
    Markup and addresses written without a scheme (``example.com/console``: the other side
    may have the full URL, which is markup) do not count."""

    code = "TRN005"
    name = "length-ratio"
    summary = "translation far shorter or longer than the source (truncated or padded)"
    severity = Severity.WARNING
    fix = None
    example = (
        "Dynamic pricing changes per client, product quantity and/or payment term",
        "Dynamische prijzen",
    )

    def check(self, unit: Unit, ctx: CheckContext) -> Iterable[Finding]:
        if not unit.msgstr.strip():
            return []
        src, tgt = translated_lengths(unit.msgid, unit.msgstr)
        if src < SHORT_MIN_CHARS or tgt == 0:
            return []
        ratio = tgt / src
        found = find_profile(ctx.target_lang)
        usual = found.words.length_ratio if found is not None else 1.0
        if src >= LENGTH_MIN_CHARS:
            low, high = LENGTH_LOW * usual, LENGTH_HIGH * usual
        else:
            low, high = SHORT_LOW * usual, float("inf")
        if low <= ratio <= high:
            return []
        what = "shorter" if ratio < low else "longer"
        return [
            self.finding(
                unit,
                f"translation is {ratio:.0%} of the source's length ({tgt} vs {src} "
                f"characters), far {what} than the usual {usual:.0%} for "
                f"{ctx.target_lang}; check for truncated or added text",
            )
        ]


__all__: Sequence[str] = [
    "EnglishLeftIn",
    "LengthRatio",
    "MarkupMismatch",
    "NumberMismatch",
    "Untranslated",
    "english_vocabulary",
    "in_vocabulary",
    "normalise",
    "normalise_url",
    "numbers",
    "ordinary_english_words",
    "target_vocabulary",
    "words",
]
