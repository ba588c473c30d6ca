"""Settings from ``[tool.locqa]`` in ``pyproject.toml``; every one can be overridden by a flag.

Every setting remembers where it came from (:class:`Origin`), so that an error names the
flag (``--target-dir``) or the pyproject.toml key (``target-dir``) the user has to correct.
"""

from __future__ import annotations

import difflib
import os
import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .errors import ConfigError
from .findings import Severity
from .languages import language_code, language_profile

_KEYS = {
    "source-lang",
    "source-dir",
    "target-dir",
    "locales-dir",
    "build-dir",
    "languages",
    "front-matter-keys",
    "termbase",
    "languagetool-url",
    "languagetool-disabled-rules",
    "disabled-checks",
    "fail-on",
    "cache-dir",
}

# the flag that overrides each setting (load_settings' overrides use the field names)
FLAGS = {
    "source_dir": "--source-dir",
    "target_dir": "--target-dir",
    "locales_dir": "--locales-dir",
    "build_dir": "--build-dir",
    "languages": "--lang",
    "termbase": "--termbase",
    "languagetool_url": "--languagetool-url",
    "fail_on": "--fail-on",
}

_PATHS = ("source_dir", "locales_dir", "build_dir", "cache_dir")
_STRING_LISTS = ("front_matter_keys", "languagetool_disabled_rules")


@dataclass(frozen=True)
class Origin:
    """Where a setting came from: a flag (``--lang``), an environment variable, or a key of
    the pyproject.toml *path*. Errors about the setting name it."""

    name: str
    path: Path | None = None

    @property
    def is_flag(self) -> bool:
        return self.path is None and self.name.startswith("-")

    def error(self, value: object, message: str) -> ConfigError:
        return ConfigError(f"{self.name} {value!r}: {message}", self.path)


@dataclass(frozen=True)
class Settings:
    root: Path
    source_lang: str = "en"
    source_dir: Path = Path("content/en")
    target_dir: str = "content/{lang}"  # pattern with {lang}, or one folder for one --lang
    locales_dir: Path = Path("locales")
    build_dir: Path = Path("build")
    # the sample project's language (this repository's content/nl); a project names its
    # own with ``languages`` or --lang. Nothing else in locqa assumes a language: each
    # one's settings come from its profile (locqa.lang)
    languages: tuple[str, ...] = ("nl",)
    front_matter_keys: tuple[str, ...] = ("title", "description")
    # when set (pyproject key or --termbase), the termbase of every language (that it has
    # terms for: checks.runner.new_context); otherwise each language's comes from its
    # profile (termbase_path_for)
    termbase: Path | None = None
    languagetool_url: str | None = None
    languagetool_disabled_rules: tuple[str, ...] = ()
    disabled_checks: tuple[str, ...] = ()
    fail_on: Severity = Severity.ERROR
    cache_dir: Path | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)
    config: Path | None = None  # the pyproject.toml holding [tool.locqa], if there is one
    origins: Mapping[str, Origin] = field(default_factory=dict, compare=False, repr=False)

    def target_dir_for(self, lang: str) -> Path:
        return self.resolve(Path(self.target_dir.format(lang=lang)))

    def resolve(self, path: Path) -> Path:
        return path if path.is_absolute() else self.root / path

    def display(self, path: Path) -> str:
        """A path as shown to people and written into catalogues: relative to the root."""
        # normalised, not resolved: the root is resolved once by load_settings
        absolute = Path(os.path.abspath(path))  # noqa: PTH100
        try:
            return absolute.relative_to(self.root).as_posix()
        except ValueError:
            return Path(os.path.relpath(absolute, self.root)).as_posix()

    def origin(self, name: str) -> Origin:
        """Where setting *name* (a field name) came from; for a default, the pyproject.toml
        key that would set it, or the flag when there is no configuration."""
        found = self.origins.get(name)
        if found is not None:
            return found
        if self.config is not None or name not in FLAGS:
            return Origin(name.replace("_", "-"), self.config)
        return Origin(FLAGS[name])

    @property
    def source_root(self) -> Path:
        return self.resolve(self.source_dir)

    @property
    def locales_root(self) -> Path:
        return self.resolve(self.locales_dir)

    @property
    def build_root(self) -> Path:
        return self.resolve(self.build_dir)

    def termbase_path_for(self, lang: str) -> Path | None:
        """The termbase for translations into *lang*: the configured one (``termbase`` in
        pyproject.toml or ``--termbase``, for every language; empty for none), otherwise
        the one *lang*'s profile names (``terms.termbase``), if any."""
        if "termbase" in self.origins:
            return self.resolve(self.termbase) if self.termbase else None
        from .lang import find_profile

        found = find_profile(lang)
        pattern = found.termbase_path(self.source_lang) if found is not None else None
        return self.resolve(pattern) if pattern is not None else None


def load_settings(root: Path | None = None, overrides: Mapping[str, Any] | None = None) -> Settings:
    """Read ``[tool.locqa]`` from ``root/pyproject.toml`` (if any) and apply *overrides*.

    Overrides use the dataclass field names and count as the flags of :data:`FLAGS`;
    ``None`` values are ignored. A wrong value is a :class:`ConfigError` naming its origin.
    """
    root = (root or Path.cwd()).resolve()
    pyproject = root / "pyproject.toml"
    table = _read_table(pyproject)
    raw: dict[str, tuple[Any, Origin]] = {}
    for key, value in (table or {}).items():
        raw[key.replace("-", "_")] = (value, Origin(key, pyproject))
    if os.environ.get("LOCQA_LANGUAGETOOL_URL"):
        raw["languagetool_url"] = (
            os.environ["LOCQA_LANGUAGETOOL_URL"],
            Origin("$LOCQA_LANGUAGETOOL_URL"),
        )
    for name, value in (overrides or {}).items():
        if value is not None:
            raw[name] = (value, Origin(FLAGS.get(name, "--" + name.replace("_", "-"))))
    values = {name: _coerce(name, value, origin) for name, (value, origin) in raw.items()}
    settings = replace(
        Settings(root=root),
        **values,
        config=pyproject if table is not None else None,
        origins={name: origin for name, (_, origin) in raw.items()},
    )
    _check_target_dir(settings)
    return settings


def require_project(settings: Settings) -> None:
    """Refuse a folder that is not a locqa project, or one whose source or translation
    folders are missing: a run there would find nothing and report "No findings"."""
    source = settings.source_root
    if not source.is_dir():
        if settings.config is None and "source_dir" not in settings.origins:
            raise ConfigError(
                f"not a locqa project: {_what_config_lacks(settings.root)} and no source "
                f"folder {settings.display(source)}; run locqa in the project folder, or "
                "pass --root",
                settings.root,
            )
        raise settings.origin("source_dir").error(
            str(settings.source_dir), f"the source folder {settings.display(source)} does not exist"
        )
    for name in ("locales_dir", "build_dir"):
        blocker = _file_in_the_way(settings.resolve(getattr(settings, name)))
        if blocker is not None:
            raise settings.origin(name).error(
                str(getattr(settings, name)), f"{settings.display(blocker)} is a file, not a folder"
            )
    target = settings.origin("target_dir")
    for lang in settings.languages:
        folder = settings.target_dir_for(lang)
        if not folder.is_dir():
            raise settings.origin("languages").error(
                lang,
                f"no translation folder {settings.display(folder)} "
                f"({target.name} {settings.target_dir!r}); create it, or correct "
                f"{settings.origin('languages').name} or {target.name}",
            )
    require_profiles(settings)


def require_profiles(settings: Settings) -> None:
    """Refuse a source or target language that has no language profile (locqa.lang)."""
    for name, codes in (
        ("source_lang", (settings.source_lang,)),
        ("languages", settings.languages),
    ):
        origin = settings.origin(name)
        for lang in codes:
            language_profile(lang, origin.name, origin.path)


def _file_in_the_way(folder: Path) -> Path | None:
    """The file at *folder* or at one of its parents, if any: the folder cannot be made."""
    for path in (folder, *folder.parents):
        if path.exists():
            return None if path.is_dir() else path
    return None


def _read_table(pyproject: Path) -> dict[str, Any] | None:
    """The ``[tool.locqa]`` table of *pyproject*; None when there is none."""
    if not pyproject.is_file():
        return None
    try:
        data = tomllib.loads(pyproject.read_bytes().decode("utf-8"))
    except UnicodeDecodeError:
        raise ConfigError("not valid UTF-8", pyproject) from None
    except OSError as exc:
        raise ConfigError(f"cannot read: {exc.strerror}", pyproject) from None
    except tomllib.TOMLDecodeError as exc:
        line = re.search(r"at line (\d+)", str(exc))
        raise ConfigError(
            f"invalid TOML: {exc}", pyproject, int(line.group(1)) if line else None
        ) from None
    table = data.get("tool", {})
    table = table.get("locqa") if isinstance(table, dict) else table
    if table is None:
        return None
    if not isinstance(table, dict):
        raise ConfigError("tool.locqa must be a table: [tool.locqa]", pyproject)
    for key in sorted(set(table) - _KEYS):
        close = difflib.get_close_matches(key.replace("_", "-"), sorted(_KEYS), n=1)
        hint = f"; did you mean {close[0]!r}?" if close else f"; known: {', '.join(sorted(_KEYS))}"
        raise ConfigError(f"unknown [tool.locqa] setting {key!r}{hint}", pyproject)
    return table


def _what_config_lacks(root: Path) -> str:
    if (root / "pyproject.toml").is_file():
        return "its pyproject.toml has no [tool.locqa] table"
    return "no pyproject.toml with [tool.locqa]"


def _coerce(name: str, value: Any, origin: Origin) -> Any:
    """*value* of setting *name* as :class:`Settings` holds it; a wrong one is an error."""
    if name in _PATHS:
        return Path(_string(value, origin, "a path"))
    if name == "termbase":
        return Path(_string(value, origin, "a path")) if value else None
    if name == "languages":
        codes = tuple(language_code(c, origin.name, origin.path) for c in _strings(value, origin))
        if not codes:
            raise origin.error(value, "needs at least one language, e.g. ['nl']")
        return codes
    if name == "source_lang":
        return language_code(_string(value, origin, "a language code"), origin.name, origin.path)
    if name in _STRING_LISTS:
        return _strings(value, origin)
    if name == "fail_on":
        try:
            return Severity(str(value))
        except ValueError:
            raise origin.error(value, "must be error, warning or info") from None
    if name == "target_dir":
        return _pattern(_string(value, origin, "a folder or a pattern with {lang}"), origin)
    if name == "languagetool_url":
        return _string(value, origin, "a URL")
    return value


def _string(value: Any, origin: Origin, what: str) -> str:
    if isinstance(value, os.PathLike):
        value = os.fspath(value)
    if not isinstance(value, str) or not value.strip():
        raise origin.error(value, f"must be {what}")
    return value


def _strings(value: Any, origin: Origin) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [v for v in value.split(",") if v.strip()]
    if not isinstance(value, Sequence) or not all(isinstance(v, str) for v in value):
        raise origin.error(value, "must be a list of strings")
    return tuple(v.strip() for v in value)


def _pattern(value: str, origin: Origin) -> str:
    try:
        value.format(lang="xx")
    except (KeyError, IndexError, ValueError):
        raise origin.error(
            value, "only {lang} may stand in braces, e.g. 'content/{lang}'"
        ) from None
    return value


def _check_target_dir(settings: Settings) -> None:
    """A target-dir without ``{lang}`` is one folder: fine for exactly one ``--lang``."""
    if "{lang}" in settings.target_dir:
        return
    languages = settings.origins.get("languages")
    if languages is not None and languages.is_flag and len(settings.languages) == 1:
        return
    given = ", ".join(settings.languages)
    raise settings.origin("target_dir").error(
        settings.target_dir,
        "needs {lang} (e.g. 'content/{lang}'), or exactly one --lang to take it as the "
        f"folder of that language (languages now: {given})",
    )
