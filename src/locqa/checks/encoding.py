"""Encoding checks: mojibake, leaked HTML entities, invisible characters, U+FFFD.

These look at the translation only (the source is consulted to leave intentional
entities and invisible characters alone). Their fixes are mechanical, so
ENC001/ENC002/ENC003 fixes are safe except where decoding would create Markdown or HTML
syntax (see :class:`HtmlEntity`).

One finding per defect: repeated identical findings in an entry (the same entity, the same
invisible character, the same mojibake sequence) are one finding whose message says how
many (``×3``), spanning them all, with one suggestion that repairs them all. Occurrences
that one edit cannot cover without touching protected text between them (a link target,
code: :func:`locqa.markup.edit_is_allowed`), or with another finding of the check between
them, stay separate findings.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator

import ftfy

from .. import markup
from ..findings import Finding, FixSafety, Severity
from ..lang import find_profile
from .base import Check, CheckContext, Unit, register
from .repeats import merge_repeats

# Characters that are Markdown syntax somewhere: decoding an entity into one of them may
# change how the paragraph renders, so such a fix is offered as unsafe.
_MARKDOWN_SIGNIFICANT = frozenset("*_`[]{}\\|~")
_LINE_START_SIGNIFICANT = frozenset(">#!+-=")
_TAG_START = re.compile(r"[A-Za-z/!?]")
_ENTITY_START = re.compile(r"#?[A-Za-z0-9]+;")

ZWJ = "\u200d"
_KEEP_FORMAT = frozenset({ZWJ, "\ufe0f"})


def _changed_spans(before: str, after: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, replacement) for every changed region of *before* (adjacent merged)."""
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    pending: tuple[int, int, int, int] | None = None
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            if pending:
                yield pending[0], pending[1], after[pending[2] : pending[3]]
                pending = None
            continue
        pending = (pending[0], i2, pending[2], j2) if pending else (i1, i2, j1, j2)
    if pending:
        yield pending[0], pending[1], after[pending[2] : pending[3]]


def _absorb_space(text: str, start: int, end: int) -> int:
    """End of a removal span, widened by one space when the removed run sits between two
    spaces (``"a &#x200B; b"`` → ``"a b"``, not ``"a  b"``)."""
    if start > 0 and end < len(text) and text[start - 1] == " " and text[end] == " ":
        return end + 1
    return end


def _is_emoji(char: str) -> bool:
    return unicodedata.category(char) == "So" or 0x1F000 <= ord(char) <= 0x1FAFF


def is_invisible(char: str, text: str = "", index: int = -1) -> bool:
    """Control, format (zero-width, bidi) and line/paragraph separator characters, except
    tab and newline, a BOM at the very start, and ZWJ / VS16 / tag characters that join
    emoji (``👩\u200d💻``)."""
    if char in "\t\n\r":
        return False
    category = unicodedata.category(char)
    if category not in ("Cc", "Cf", "Zl", "Zp"):
        return False
    if char == "\ufeff" and index == 0:
        return False
    if (char in _KEEP_FORMAT or 0xE0020 <= ord(char) <= 0xE007F) and index > 0:
        before = text[index - 1]
        joins_emoji = (
            _is_emoji(before) or before in _KEEP_FORMAT or 0xE0020 <= ord(before) <= 0xE007F
        )
        return not joins_emoji
    return True


def _char_name(char: str) -> str:
    return unicodedata.name(char, f"U+{ord(char):04X}")


@register
class Mojibake(Check):
    code = "ENC001"
    name = "mojibake"
    summary = "UTF-8 text decoded with the wrong encoding (Ã«, â€™, Ã©); ftfy gives the repair"
    severity = Severity.ERROR
    fix = FixSafety.SAFE
    example = ("Price per client", "Prijs per cliÃ«nt")

    def check(self, unit: Unit, ctx: CheckContext) -> Iterable[Finding]:
        text = unit.msgstr
        found = [
            self.finding(
                unit,
                f"mojibake {text[start:end]!r}: text decoded with the wrong encoding; "
                f"it should read {replacement!r}",
                start,
                end,
                replacement,
            )
            for start, end, replacement in mojibake_spans(text)
        ]
        return merge_repeats(found, text)


def mojibake_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, repair) of every mojibake sequence in *text* (none in correct text)."""
    if text.isascii() or not ftfy.badness.is_bad(text):
        return []
    fixed = ftfy.fix_encoding(text)
    return [] if fixed == text else list(_changed_spans(text, fixed))


@register
class HtmlEntity(Check):
    """An HTML or XML character entity written into Markdown text, where the character
    itself belongs (entities the source has are left alone). An entity for an invisible
    character (``&#x200B;``) is removed. Repeats of one entity in an entry are one finding
    with a count (``×3``) whose fix repairs them all."""

    code = "ENC002"
    name = "html-entity"
    summary = "HTML/XML character entity (&quot;, &#39;, &amp;, &#x200B;) left in Markdown text"
    severity = Severity.ERROR
    fix = FixSafety.SAFE
    example = ('B2B stands for "business-to-business"', "B2B staat voor &quot;business&quot;")

    def check(self, unit: Unit, ctx: CheckContext) -> Iterable[Finding]:
        text = unit.msgstr
        if "&" not in text:
            return []
        intentional = {c.text for c in markup.constructs(unit.msgid, "entity")}
        out: list[Finding] = []
        for entity in markup.constructs(text, "entity"):
            if entity.text in intentional:
                continue
            decoded = entity.content
            if all(is_invisible(ch) for ch in decoded):
                if _carries_emphasis(text, entity.start, entity.end):
                    continue  # "は&#x200B;_保留中_&#x200B;です": the ";" lets "_" open
                end = _absorb_space(text, entity.start, entity.end)
                names = ", ".join(_char_name(ch) for ch in decoded)
                out.append(
                    self.finding(
                        unit,
                        f"entity {entity.text} encodes an invisible {names}; remove it",
                        entity.start,
                        end,
                        "",
                        severity=Severity.WARNING,
                    )
                )
                continue
            safety = self._safety(text, entity.start, entity.end, decoded)
            out.append(
                self.finding(
                    unit,
                    f"HTML entity {entity.text} in Markdown text; write the character "
                    f"{decoded!r} itself",
                    entity.start,
                    entity.end,
                    decoded,
                    fix=safety,
                )
            )
        return merge_repeats(out, text)

    @staticmethod
    def _safety(text: str, start: int, end: int, decoded: str) -> FixSafety:
        """Unsafe when the decoded character could start Markdown/HTML syntax there."""
        after = text[end:]
        line_start = text[:start].rsplit("\n", 1)[-1].strip() == ""
        if (
            any(ch in _MARKDOWN_SIGNIFICANT for ch in decoded)
            or (decoded == "<" and _TAG_START.match(after))
            or (decoded == "&" and _ENTITY_START.match(after))
            or (line_start and decoded[:1] in _LINE_START_SIGNIFICANT)
        ):
            return FixSafety.UNSAFE
        return FixSafety.SAFE


def _carries_emphasis(text: str, start: int, end: int) -> bool:
    """Whether removing ``text[start:end]`` (an entity) changes the emphasis Markdown
    reads: between two letters an ``_`` or ``*`` cannot open or close emphasis, after an
    entity's ``;`` it can. Japanese and Chinese MT writes ``&#x200B;_語_&#x200B;`` for
    exactly that (CommonMark's flanking rules); the entity is markup there, no leak."""
    kinds = ("em", "strong")
    before = [c.content for c in markup.constructs(text) if c.kind in kinds]
    removed = text[:start] + text[end:]
    after = [c.content for c in markup.constructs(removed) if c.kind in kinds]
    return before != after


def _runs(text: str, predicate: Callable[[str, int], bool]) -> Iterator[tuple[int, int]]:
    start = None
    for index, char in enumerate(text):
        hit = predicate(char, index)
        if hit and start is None:
            start = index
        elif not hit and start is not None:
            yield start, index
            start = None
    if start is not None:
        yield start, len(text)


@register
class InvisibleCharacter(Check):
    """A control, zero-width or bidi character hidden in the translation. One the source has
    at the same place (its share of the text within a fifth) was copied from the source and
    is left alone. Repeats in an entry are one finding with a count (``×2``)."""

    code = "ENC003"
    name = "invisible-character"
    summary = "control, zero-width or bidi character hidden in the text"
    severity = Severity.WARNING
    fix = FixSafety.SAFE
    example = ("Identify a suspicious IP", "Identificeer een verdacht\u200b IP-adres")

    def check(self, unit: Unit, ctx: CheckContext) -> Iterable[Finding]:
        text = unit.msgstr
        if text.isascii() and text.isprintable():
            return []
        copied = _copied_from_source(unit.msgid, text)
        out: list[Finding] = []
        for start, end in _runs(text, lambda ch, i: is_invisible(ch, text, i) and i not in copied):
            names = ", ".join(dict.fromkeys(_char_name(ch) for ch in text[start:end]))
            out.append(
                self.finding(
                    unit,
                    f"invisible character(s) {names}; remove them",
                    start,
                    _absorb_space(text, start, end),
                    "",
                )
            )
        return merge_repeats(out, text)


def _copied_from_source(source: str, text: str) -> set[int]:
    """Indexes of invisible characters of *text* that the *source* has at the same place:
    each source occurrence of a character is matched to the unmatched occurrence of the
    same character in *text* nearest to it in relative position (the share of the text
    before it), and counts when that is within a fifth of the text."""
    if source.isascii() and source.isprintable():
        return set()
    wanted: dict[str, list[float]] = {}
    for i, ch in enumerate(source):
        if is_invisible(ch, source, i):
            wanted.setdefault(ch, []).append(i / max(len(source), 1))
    matched: set[int] = set()
    for ch, places in wanted.items():
        candidates = [i for i, c in enumerate(text) if c == ch]
        for place in places:
            free = [i for i in candidates if i not in matched]
            if not free:
                break
            best = min(free, key=lambda i: abs(i / max(len(text), 1) - place))
            if abs(best / max(len(text), 1) - place) <= COPIED_MAX_DRIFT:
                matched.add(best)
    return matched


#: How far (as a share of the text) an invisible character may move from its place in the
#: source and still count as the source's own (ENC003).
COPIED_MAX_DRIFT = 0.2


@register
class ReplacementCharacter(Check):
    code = "ENC004"
    name = "replacement-character"
    summary = "U+FFFD REPLACEMENT CHARACTER: text was lost in a bad decode; restore from source"
    severity = Severity.ERROR
    fix = None
    example = ("Price per client", "Prijs per cli\ufffdnt")

    def check(self, unit: Unit, ctx: CheckContext) -> Iterable[Finding]:
        text = unit.msgstr
        if "\ufffd" not in text:
            return []
        found = [
            self.finding(
                unit,
                "U+FFFD replacement character: the original character was lost when the text "
                "was decoded; retype it from the source or the translation memory",
                start,
                end,
            )
            for start, end in _runs(text, lambda ch, i: ch == "\ufffd")
        ]
        return merge_repeats(found, text)


#: Half-width katakana (with its voicing marks) and full-width Latin letters and digits:
#: compatibility forms that Japanese and Chinese style writes in their ordinary width.
#: Full-width punctuation (、。：（）) is the style, and is not among them.
_WIDTH_FORMS = re.compile(r"[\uff66-\uff9f]+|[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]+")


@register
class CharacterWidth(Check):
    """Half-width katakana (ｶｰﾄ) or full-width Latin letters and digits (ＡＰＩ, ２０２４) in
    a language whose style forbids them (profile ``words.normalise_width``: Japanese,
    Chinese). The repair is Unicode's compatibility normalisation (NFKC) of those
    characters only, which maps each to the same character in its ordinary width: safe."""

    code = "ENC005"
    name = "character-width"
    summary = (
        "half-width katakana or full-width Latin letters and digits where the style forbids them"
    )
    severity = Severity.WARNING
    fix = FixSafety.SAFE
    example = ("Open the cart", "ｶｰﾄを開きます")
    example_lang = "ja"

    def check(self, unit: Unit, ctx: CheckContext) -> Iterable[Finding]:
        found = find_profile(ctx.target_lang)
        if found is None or not found.words.normalise_width:
            return []
        text = unit.msgstr
        out = []
        for match in _WIDTH_FORMS.finditer(text):
            if not markup.edit_is_allowed(text, match.start(), match.end()):
                continue  # inside code, a URL or a name
            fixed = unicodedata.normalize("NFKC", match.group())
            out.append(
                self.finding(
                    unit,
                    f"{match.group()!r} is written in compatibility width; write {fixed!r}",
                    match.start(),
                    match.end(),
                    fixed,
                )
            )
        return merge_repeats(out, text)
