"""The audit log: one :class:`Change` record per change to a catalogue entry (by ``locqa
fix``, the translation memory or a reviewer), kept as a JSON list in
``<build-dir>/reports/fixes.json`` and only ever added to."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from .atomic import write_bytes
from .config import Settings
from .errors import InputError
from .findings import Change

AUDIT_LOG = Path("reports") / "fixes.json"


def append_audit(
    log: Path, changes: Sequence[Change], moment: datetime | None = None, *, create: bool = False
) -> bool:
    """Add *changes* to the audit log *log* (a JSON list; rewritten atomically). With
    *create*, a missing log is written (``[]`` when there are no changes); an existing
    one, the history, is only ever added to."""
    if not changes and not (create and not log.exists()):
        return False
    history: list[Any] = []
    if log.is_file():
        try:
            history = json.loads(log.read_text(encoding="utf-8"))
        except (ValueError, UnicodeDecodeError) as exc:
            raise InputError(f"audit log is not valid JSON ({exc}); move it away", log) from None
        if not isinstance(history, list):
            raise InputError("audit log is not a JSON list; move it away", log)
    stamp = (moment or datetime.now().astimezone()).isoformat(timespec="seconds")
    history.extend(change.to_json(stamp) for change in changes)
    text = json.dumps(history, ensure_ascii=False, indent=2) + "\n"
    return write_bytes(log, text.encode("utf-8"))


def audit_log_path(settings: Settings) -> Path:
    return settings.build_root / AUDIT_LOG
