"""A persistent on-disk cache for the check stage (SQLite, one file per project).

Three tables, each keyed by a SHA-256 of everything the cached value depends on:

* ``articles``: the units of one article (and its structure findings), keyed by the bytes of
  the source article, the translation and the catalogue, plus the settings that shape
  segmentation. A warm run reads three files per article and parses nothing.
* ``findings``: the findings of one *check family* on one unit, keyed by the unit's text and
  the family's own configuration (:func:`family_token`): the termbase digest only for
  terminology, the LanguageTool version and rule settings only for LanguageTool, and so on,
  and for every family the target language's profile (its fingerprint). Changing the
  termbase re-runs the terminology checks and nothing else.
* ``languagetool``: LanguageTool's matches for one text, keyed by text, language, server
  version and rule settings, so that the server is not even started when nothing is new.

Every key includes the locqa version and the cache schema, so an upgrade never reads stale
results. A damaged cache file is set aside and rebuilt; the cache is an optimisation only.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from importlib import metadata
from pathlib import Path
from typing import Any

from . import __version__

SCHEMA = 3
_TABLES = ("articles", "findings", "languagetool")


def digest(*parts: str | bytes) -> str:
    h = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "-"


def library_versions() -> dict[str, str]:
    """Versions of the libraries whose behaviour the findings depend on."""
    names = ("spacy", "spacy-lookups-data", "ftfy", "markdown-it-py", "babel", "polib", "pyyaml")
    return {name: _version(name) for name in names}


def family_of(code: str) -> str:
    """The cache family of a check code: its letters (ENC, TRM, LT, TRN, STR)."""
    return code.rstrip("0123456789")


def family_token(
    family: str,
    *,
    termbase_digest: str | None,
    languagetool: str | None,
    options: Mapping[str, Any],
    codes: Sequence[str],
    language: str = "",
    spelling: str | None = None,
) -> str:
    """What the findings of one family depend on, besides the unit's own text; *language*
    is the target language profile's fingerprint (``LanguageProfile.fingerprint``),
    *spelling* the digest of what LT001's spelling filter accepts (word list, dictionary)."""
    libs = library_versions()
    parts: dict[str, Any] = {
        "locqa": __version__,
        "schema": SCHEMA,
        "family": family,
        "codes": sorted(codes),
        "language": language,
    }
    if family == "TRM":
        parts.update(
            termbase=termbase_digest, spacy=libs["spacy"], lookups=libs["spacy-lookups-data"]
        )
    elif family == "LT":
        parts.update(  # LT001 drops spelling matches on termbase terms and listed words
            languagetool=languagetool,
            disabled=sorted(options.get("languagetool_disabled_rules", ())),
            termbase=termbase_digest,
            spelling=spelling,
        )
    elif family == "ENC":
        parts.update(ftfy=libs["ftfy"])
    else:
        parts.update(libs)
    return digest(json.dumps(parts, sort_keys=True, default=str))


class Cache:
    """The SQLite cache. ``Cache(None)`` is a cache that never hits (``--no-cache``)."""

    def __init__(self, path: Path | None):
        self.path = path
        self._db: sqlite3.Connection | None = None
        self.hits = 0
        self.misses = 0
        if path is not None:
            self._db = self._open(path)

    def _open(self, path: Path) -> sqlite3.Connection | None:
        path.parent.mkdir(parents=True, exist_ok=True)
        for attempt in range(2):
            try:
                db = sqlite3.connect(path, timeout=30, isolation_level=None)
                db.execute("PRAGMA journal_mode=WAL")
                db.execute("PRAGMA synchronous=NORMAL")
                for table in _TABLES:
                    db.execute(f"CREATE TABLE IF NOT EXISTS {table} (k TEXT PRIMARY KEY, v TEXT)")
                return db
            except sqlite3.DatabaseError:
                if attempt:
                    return None
                with contextlib.suppress(OSError):
                    path.replace(path.with_suffix(".damaged"))
        return None

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    def __enter__(self) -> Cache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def get_many(self, table: str, keys: Iterable[str]) -> dict[str, Any]:
        wanted = list(dict.fromkeys(keys))
        found: dict[str, Any] = {}
        if self._db is not None and wanted:
            for start in range(0, len(wanted), 500):
                chunk = wanted[start : start + 500]
                marks = ",".join("?" * len(chunk))
                rows = self._db.execute(f"SELECT k, v FROM {table} WHERE k IN ({marks})", chunk)
                for key, value in rows:
                    found[key] = json.loads(value)
        self.hits += len(found)
        self.misses += len(wanted) - len(found)
        return found

    def put_many(self, table: str, items: Mapping[str, Any]) -> None:
        if self._db is None or not items:
            return
        rows = [
            (k, json.dumps(v, ensure_ascii=False, separators=(",", ":"))) for k, v in items.items()
        ]
        try:
            self._db.execute("BEGIN")
            self._db.executemany(f"INSERT OR REPLACE INTO {table} (k, v) VALUES (?, ?)", rows)
            self._db.execute("COMMIT")
        except sqlite3.DatabaseError:
            with contextlib.suppress(sqlite3.DatabaseError):
                self._db.execute("ROLLBACK")
