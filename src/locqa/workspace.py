"""The project held in memory while fix and review edit it: every language's units and
catalogues, and the entry edits both make (a new translation, an approval)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from babel.messages.catalog import Message

from .catalog import Key
from .checks.runner import ArticleUnits, project_units
from .config import Settings
from .memory import keep_original, mark_approved
from .po import Catalogue
from .provenance import clear_new_mt


@dataclass
class Workspace:
    """The articles' units and catalogues of every language, held in memory while editing."""

    settings: Settings
    groups: dict[str, list[ArticleUnits]]
    catalogues: dict[Path, Catalogue]
    where: dict[tuple[Path, Key], tuple[str, int]]  # first segment (path, line) of an entry
    po_of: dict[str, Path]  # translated article path → catalogue

    @classmethod
    def load(cls, settings: Settings) -> Workspace:
        groups: dict[str, list[ArticleUnits]] = {}
        catalogues: dict[Path, Catalogue] = {}
        where: dict[tuple[Path, Key], tuple[str, int]] = {}
        po_of: dict[str, Path] = {}
        for lang in settings.languages:
            groups[lang] = list(project_units(settings, lang))
            for group in groups[lang]:
                if group.po is None or group.article.target is None:
                    continue
                po_of[group.article.target.path] = group.po
                catalogues[group.po] = Catalogue.load(group.po, lang, settings.display(group.po))
                for unit in group.units:
                    where.setdefault((group.po, (unit.msgctxt, unit.msgid)), (unit.path, unit.line))
        return cls(settings, groups, catalogues, where, po_of)

    def units(self, lang: str, only: set[tuple[Path, Key]] | None = None) -> list[ArticleUnits]:
        """The units of *lang* with their current msgstr (only the *only* entries if given)."""
        out = []
        for group in self.groups[lang]:
            if group.po is None:
                continue
            cat = self.catalogues[group.po]
            units = []
            for unit in group.units:
                key = (unit.msgctxt, unit.msgid)
                if only is not None and (group.po, key) not in only:
                    continue
                msg = cat.get(key)
                if msg is not None and isinstance(msg.string, str) and msg.string:
                    units.append(replace(unit, msgstr=msg.string))
            if only is None or units:
                out.append(ArticleUnits(group.article, group.po, units))
        return out

    def locate(self, po: Path, key: Key) -> tuple[str, int]:
        return self.where.get((po, key), (self.catalogues[po].display, 0))

    def changed(self) -> list[Catalogue]:
        return [c for c in self.catalogues.values() if c.changed]


def set_translation(msg: Message, text: str) -> bool:
    """Change the msgstr, keeping the first original; True when it changed."""
    if msg.string == text:
        return False
    keep_original(msg, str(msg.string or ""))
    msg.string = text
    return True


def approve(msg: Message, decision: str, overrides: Iterable[str] = ()) -> None:
    """Mark *msg* decided: approval marker (recording the check codes of the findings it
    *overrides*), no ``fuzzy``, no locqa comments or previous."""
    mark_approved(msg, decision, overrides)
    clear_new_mt(msg)  # a re-delivered MT in conflict is decided too
    msg.flags.discard("fuzzy")
    msg.previous_id = []
