"""The state of a web review (:mod:`locqa.web`), without HTTP: the entries to decide, each
as a *card* the page shows, and the decisions, carried out by the terminal review's
:class:`locqa.review.Session` (so they are the same decisions, saved the same way).

Concurrency is optimistic. Every card carries a *version* (a hash of the entry's current
translation and whether it is approved); a decision names the version it was made on, and
one made on a stale version is refused with the entry as it is now (:class:`Stale`).
Before every decision the catalogues another reviewer saved meanwhile are read again, and
decisions are made one at a time: under a lock inside this process and, between
processes, under an exclusive lock on ``<build>/review.lock``. So two tabs, or two
reviewers with their own server on the same catalogues, never lose an update.
"""

from __future__ import annotations

import fcntl
import hashlib
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..findings import Finding, ordered
from ..memory import approval_of, is_approved, mt_text
from ..review import (
    Answer,
    EntryView,
    Item,
    Outcome,
    Session,
    chosen,
    refusal,
    suggestion_numbers,
    suggestions_for,
)

_DECIDED = frozenset({"accepted", "edited", "approved"})
_CONTEXT_CHARS = 300


class Stale(Exception):
    """A decision made on an old version of the entry; *card* is the entry as it is now."""

    def __init__(self, card: dict[str, Any]) -> None:
        super().__init__("the entry changed since it was shown")
        self.card = card


class Refused(ValueError):
    """A decision that cannot be carried out (the message says why)."""


class UnknownCard(LookupError):
    """No entry of this review has that id."""


def version_of(msgstr: str, approved: bool) -> str:
    """The version of an entry: its translation and whether it is approved."""
    digest = hashlib.sha256(f"{int(approved)}\x00{msgstr}".encode()).hexdigest()
    return digest[:16]


def card_id(display: str, msgctxt: str | None, msgid: str) -> str:
    """A stable id for an entry: its catalogue and key, hashed (no text in the URL)."""
    raw = f"{display}\x00{msgctxt or ''}\x00{msgid}"
    return hashlib.sha256(raw.encode()).hexdigest()[:20]


@dataclass
class Card:
    """One entry to review and what became of it in this review."""

    id: str
    item: Item
    state: str = "open"  # open | accepted | edited | approved | skipped
    comment: str | None = None


class Board:
    """The cards of one web review, and the decisions on them."""

    def __init__(self, session: Session, items: Sequence[Item], lock_path: Path) -> None:
        self.session = session
        self.cards: dict[str, Card] = {}
        for item in items:
            display = session.project.catalogues[item.po].display
            card = Card(card_id(display, *item.key), item)
            self.cards[card.id] = card
        self.lock_path = lock_path
        self._lock = threading.Lock()
        self._positions: dict[Path, tuple[Any, list[Any], dict[Any, int]]] = {}

    # ----------------------------------------------------------------- reading

    def snapshot(self) -> dict[str, Any]:
        """Everything the page shows: the articles, the cards, the progress."""
        with self._locked():
            self.session.reload()
            self._refresh()
            self._positions = {}
            cards = [self._view(card) for card in self.cards.values() if self._there(card)]
        articles: dict[str, dict[str, Any]] = {}
        for view in cards:
            article = articles.setdefault(
                view["article"], {"name": view["article"], "open": 0, "entries": 0}
            )
            article["entries"] += 1
            article["open"] += view["state"] in ("open", "skipped")
        decided = sum(1 for view in cards if view["state"] in _DECIDED)
        return {
            "articles": list(articles.values()),
            "cards": cards,
            "progress": {"reviewed": decided, "total": len(cards)},
        }

    def card(self, card_id: str) -> dict[str, Any]:
        with self._locked():
            self.session.reload()
            self._refresh()
            return self._view(self._card(card_id))

    # ----------------------------------------------------------------- deciding

    def accept(self, card_id: str, version: str, numbers: Sequence[int]) -> dict[str, Any]:
        """Accept the suggestions *numbers* (none: all, when accept-all is offered)."""
        with self._locked():
            card, msgstr = self._fresh(card_id, version)
            view = EntryView(msgstr, suggestions_for(msgstr, card.item.findings))
            answer = Answer("accept", tuple(sorted(set(numbers))))
            why = refusal(answer, view)
            if why is not None:
                raise Refused(why)
            outcome = self.session.accept(card.item, chosen(answer, view))
            return self._decided(card, "accepted", outcome)

    def edit(self, card_id: str, version: str, text: str) -> dict[str, Any]:
        """Replace the translation by *text* (checked again; approved when clean)."""
        if not text.strip():
            raise Refused("an empty translation cannot be saved")
        with self._locked():
            card, msgstr = self._fresh(card_id, version)
            if text == msgstr:
                raise Refused("the text is unchanged: approve it as it is instead")
            return self._decided(card, "edited", self.session.edit(card.item, text))

    def approve(self, card_id: str, version: str, comment: str | None) -> dict[str, Any]:
        """Approve the translation as it is, overriding its findings."""
        with self._locked():
            card, _ = self._fresh(card_id, version)
            card.comment = (comment or "").strip() or None
            return self._decided(card, "approved", self.session.approve(card.item, card.comment))

    def skip(self, card_id: str) -> dict[str, Any]:
        """Leave the entry for later (nothing is saved)."""
        with self._locked():
            card = self._card(card_id)
            if card.state == "open":
                card.state = "skipped"
            return self._view(card)

    def preview(self, card_id: str, text: str) -> list[dict[str, Any]]:
        """The findings *text* would have, nothing saved."""
        with self._locked():
            card = self._card(card_id)
            return [self._finding(f, {}) for f in ordered(self.session.preview(card.item, text))]

    # ----------------------------------------------------------------- inside

    @contextmanager
    def _locked(self) -> Iterator[None]:
        """One decision at a time, in this process and across processes."""
        with self._lock:
            self.lock_path.parent.mkdir(parents=True, exist_ok=True)
            with self.lock_path.open("a") as handle:
                fcntl.flock(handle, fcntl.LOCK_EX)
                try:
                    yield
                finally:
                    fcntl.flock(handle, fcntl.LOCK_UN)

    def _card(self, card_id: str) -> Card:
        card = self.cards.get(card_id)
        if card is None or not self._there(card):
            raise UnknownCard(card_id)
        return card

    def _there(self, card: Card) -> bool:
        """Whether the card's entry is still in its catalogue (an extract may drop it)."""
        cat = self.session.project.catalogues.get(card.item.po)
        return cat is not None and cat.get(card.item.key) is not None

    def _fresh(self, card_id: str, version: str) -> tuple[Card, str]:
        """The card, after reading again what others saved; :class:`Stale` when the
        entry is no longer at *version*."""
        self.session.reload()
        card = self._card(card_id)
        self._refresh()
        view = self._view(card)
        if view["version"] != version:
            raise Stale(view)
        return card, view["msgstr"]

    def _decided(self, card: Card, state: str, outcome: Outcome) -> dict[str, Any]:
        card.state = state if not outcome.findings else "open"
        if outcome.findings:
            card.item = Item(card.item.po, card.item.key, outcome.findings)
        view = self._view(card)
        view["saved"] = {
            "decision": state,
            "twins": sum(1 for c in outcome.changes if c.origin == "memory"),
            "left": len(outcome.findings),
        }
        return view

    def _refresh(self) -> None:
        """Bring every card up to date with catalogues another reviewer changed: their
        states, and (one check of the project for all of them) their findings."""
        stale = []
        for card in self.cards.values():
            if not self._there(card):
                continue
            msg = self.session.entry(card.item)
            msgstr = str(msg.string or "")
            if is_approved(msg):
                if card.state not in _DECIDED:
                    card.state = "approved"
                continue
            if card.state in _DECIDED:  # approved here, then reopened elsewhere
                card.state = "open"
            if any(f.msgstr != msgstr for f in card.item.findings):
                stale.append(card)
        if not stale:
            return
        run, _ = self.session.checker.check_project(annotate=True)
        self.session.reload()
        project = self.session.project
        found: dict[tuple[Path, Any], list[Finding]] = {}
        for finding in run.findings:
            po = project.po_of.get(finding.path)
            if po is not None:
                found.setdefault((po, (finding.msgctxt or None, finding.msgid)), []).append(finding)
        for card in stale:
            msgstr = str(self.session.entry(card.item).string or "")
            mine = [f for f in found.get((card.item.po, card.item.key), []) if f.msgstr == msgstr]
            card.item = Item(card.item.po, card.item.key, mine)

    def _position(self, item: Item) -> tuple[list[Any], int | None]:
        """The entries of *item*'s catalogue and its index there (one map per catalogue
        and snapshot)."""
        cat = self.session.project.catalogues[item.po]
        cached = self._positions.get(item.po)
        if cached is None or cached[0] is not cat:
            entries = list(cat.entries())
            index = {(m.context, str(m.id)): i for i, m in enumerate(entries)}
            cached = (cat, entries, index)
            self._positions[item.po] = cached
        return cached[1], cached[2].get(item.key)

    def _view(self, card: Card) -> dict[str, Any]:
        """The card as the page shows it (JSON); :meth:`_refresh` first."""
        project = self.session.project
        item = card.item
        cat = project.catalogues[item.po]
        msg = self.session.entry(item)
        msgstr = str(msg.string or "")
        approved = is_approved(msg)
        findings = [] if approved else [f for f in item.findings if f.msgstr == msgstr]
        suggestions = suggestions_for(msgstr, findings)
        numbers = suggestion_numbers(findings, suggestions)
        view = EntryView(msgstr, suggestions)
        path, line = project.locate(item.po, item.key)
        before, after = self._neighbours(item)
        approval = approval_of(msg)
        return {
            "id": card.id,
            "article": path,  # the translated article
            "catalogue": cat.display,
            "path": path,
            "line": line,
            "msgctxt": item.key[0],
            "source": str(msg.id),
            "msgstr": msgstr,
            "mt": mt_text(msg),
            "version": version_of(msgstr, approved),
            "state": card.state,
            "comment": card.comment,
            "approval": approval.decision if approval is not None else None,
            "before": before,
            "after": after,
            "findings": [self._finding(f, numbers) for f in ordered(findings)],
            # what the entry was flagged for, kept after a decision (the filters use it)
            "codes": sorted({f.check for f in item.findings}),
            "severities": sorted({f.severity.value for f in item.findings}),
            "suggestions": [
                {
                    "number": s.number,
                    "check": s.finding.check,
                    "safety": s.finding.fix.value if s.finding.fix else None,
                    "caveat": s.caveat,
                    "start": s.finding.start,
                    "end": s.finding.end,
                    "replacement": s.finding.suggestion,
                    "result": s.result,
                    "result_end": len(s.result) - (len(msgstr) - (s.finding.end or 0)),
                }
                for s in suggestions
            ],
            "accept_all": view.all_offered,
            "all_result": view.all_result,
        }

    def _neighbours(self, item: Item) -> tuple[dict[str, str] | None, dict[str, str] | None]:
        """The previous and next entries of the article (source and translation, cut)."""
        entries, index = self._position(item)
        if index is None:
            return None, None
        out: list[dict[str, str] | None] = []
        for near in (index - 1, index + 1):
            if 0 <= near < len(entries):
                msg = entries[near]
                out.append(
                    {
                        "source": str(msg.id)[:_CONTEXT_CHARS],
                        "msgstr": str(msg.string or "")[:_CONTEXT_CHARS],
                    }
                )
            else:
                out.append(None)
        return out[0], out[1]

    @staticmethod
    def _finding(f: Finding, numbers: dict[Any, int]) -> dict[str, Any]:
        return {
            "check": f.check,
            "severity": f.severity.value,
            "message": f.message,
            "start": f.start,
            "end": f.end,
            "suggestion": f.suggestion,
            "number": numbers.get(id(f)),
        }
