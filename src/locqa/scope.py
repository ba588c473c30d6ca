"""Which articles a check run reports on: all of them, one shard (``--shard I/N``), or those
changed since a git ref (``--changed-since REF``).

A scope narrows what is *checked and reported*, never what is *seen*: corpus-wide checks
(consistency across articles) still read every article's units, from the catalogues and
the cache, so an article's findings are the same whether it is checked alone, in its
shard or in the whole run. The shards of a run together report exactly the findings of the
whole run (``locqa merge`` puts their reports together).

**Shards** partition articles by a hash of their path relative to the source directory
(``sha256``, the same in every language), so an article's shard never depends on the
other articles: adding an article moves no other one.

**Changed since REF**: the articles whose source, translation or catalogue differs between
REF and the working tree (``git diff --name-only REF``, plus untracked files). A change to
an input every article depends on — the configuration, the termbase, a word list, the
translation memory, anything else under the locales directory — selects every article:
correctness first.
"""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .config import Settings
from .errors import ConfigError, ToolError
from .project import domain_for, source_articles

_SHARD = re.compile(r"(\d{1,6})/(\d{1,6})")


@dataclass(frozen=True)
class Shard:
    """Shard *index* (from 1) of *count*."""

    index: int
    count: int

    @classmethod
    def parse(cls, text: str) -> Shard:
        match = _SHARD.fullmatch(text.strip())
        if match is None:
            raise ConfigError(f"--shard {text!r}: write I/N, e.g. --shard 2/4")
        index, count = int(match[1]), int(match[2])
        if not 1 <= index <= count:
            raise ConfigError(f"--shard {text}: I must be from 1 to N ({count})")
        return cls(index, count)

    def holds(self, rel: PurePosixPath) -> bool:
        """Whether the article *rel* (relative to the source directory) is in this shard."""
        return shard_of(rel, self.count) == self.index

    def __str__(self) -> str:
        return f"{self.index}/{self.count}"


def shard_of(rel: PurePosixPath, count: int) -> int:
    """The shard (from 1) of article *rel* among *count*: stable, independent of the others."""
    digest = hashlib.sha256(rel.as_posix().encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % count + 1


@dataclass(frozen=True)
class Scope:
    """The articles a run reports on: those of *shard* (all without one), and of those the
    ones in *changed* ((language, article) pairs; ``None``: all)."""

    shard: Shard | None = None
    changed: frozenset[tuple[str, PurePosixPath]] | None = None
    since: str | None = None  # the ref *changed* was computed from, for messages

    @property
    def whole(self) -> bool:
        return self.shard is None and self.changed is None

    def selects(self, lang: str, rel: PurePosixPath) -> bool:
        if self.shard is not None and not self.shard.holds(rel):
            return False
        return self.changed is None or (lang, rel) in self.changed

    def to_json(self) -> dict[str, str] | None:
        """The scope as reports record it (``locqa merge`` checks it), None when whole."""
        if self.whole:
            return None
        out = {}
        if self.shard is not None:
            out["shard"] = str(self.shard)
        if self.changed is not None and self.since is not None:
            out["changed_since"] = self.since
        return out

    def describe(self) -> str:
        """``shard 2/4``, ``changed since main``, or both; empty for the whole project."""
        parts = []
        if self.shard is not None:
            parts.append(f"shard {self.shard}")
        if self.changed is not None:
            parts.append(f"changed since {self.since}")
        return ", ".join(parts)


WHOLE = Scope()


def _git(root: Path, *args: str) -> bytes:
    try:
        done = subprocess.run(
            ["git", "-C", str(root), *args], capture_output=True, check=False, timeout=120
        )
    except FileNotFoundError:
        raise ToolError("--changed-since needs git, which is not installed") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise ConfigError(
            f"--changed-since: git {args[0]} failed: {message[-1] if message else ''}"
        )
    return done.stdout


def changed_files(root: Path, ref: str) -> list[Path]:
    """The files that differ between *ref* and the working tree of the git repository
    holding *root* (tracked changes, staged or not, and untracked files), absolute."""
    if ref.startswith("-"):
        raise ConfigError(f"--changed-since {ref!r}: not a git ref")
    top = Path(_git(root, "rev-parse", "--show-toplevel").decode("utf-8").strip())
    _git(root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    # paths from the top of the repository, both sides of a rename, whatever the config
    diff = ("diff", "--name-only", "--no-relative", "--no-renames", "--no-ext-diff", "-z")
    names = _git(root, *diff, ref, "--").split(b"\0")
    untracked = ("ls-files", "--others", "--exclude-standard", "--full-name", "-z")
    names += _git(root, *untracked).split(b"\0")
    return sorted({(top / os.fsdecode(n)).resolve() for n in names if n})


def _under(path: Path, folder: Path) -> PurePosixPath | None:
    try:
        return PurePosixPath(path.relative_to(folder.resolve()).as_posix())
    except ValueError:
        return None


def changed_articles(settings: Settings, ref: str) -> frozenset[tuple[str, PurePosixPath]] | None:
    """The (language, article) pairs changed since *ref*; ``None`` when an input every
    article depends on changed (so every article is to be checked)."""
    changed: set[tuple[str, PurePosixPath]] = set()
    articles = source_articles(settings)
    by_domain = {domain_for(rel): rel for rel in articles}
    shared = [settings.config] if settings.config is not None else []
    shared += [t for lang in settings.languages if (t := settings.termbase_path_for(lang))]
    for path in changed_files(settings.root, ref):
        if any(path == s.resolve() for s in shared):
            return None
        rel = _under(path, settings.source_root)
        if rel is not None:
            changed.update((lang, rel) for lang in settings.languages)
            continue
        for lang in settings.languages:
            rel = _under(path, settings.target_dir_for(lang))
            if rel is not None:
                changed.add((lang, rel))
                break
            po = _under(path, settings.locales_root / lang / "LC_MESSAGES")
            if po is not None and po.suffix == ".po":
                found = by_domain.get(po.as_posix()[: -len(".po")])
                if found is not None:
                    changed.add((lang, found))
                break
        else:
            inside = _under(path, settings.locales_root)
            if inside is None:
                continue  # not an input of the project
            if inside.suffix == ".pot" and inside.as_posix()[: -len(".pot")] in by_domain:
                rel = by_domain[inside.as_posix()[: -len(".pot")]]  # extract's template
                changed.update((lang, rel) for lang in settings.languages)
                continue
            return None  # a termbase, word list or memory: every article
    return frozenset(changed)


def scope_from(
    settings: Settings, shard: str | None = None, changed_since: str | None = None
) -> Scope:
    """The scope the ``--shard`` and ``--changed-since`` flags ask for."""
    parsed = Shard.parse(shard) if shard else None
    changed = changed_articles(settings, changed_since) if changed_since else None
    return Scope(parsed, changed, changed_since if changed is not None else None)
