"""Settings from ``[tool.locqa]`` in ``pyproject.toml``; every one can be overridden by a flag."""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .errors import ConfigError
from .findings import Severity

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


@dataclass(frozen=True)
class Settings:
    root: Path
    source_lang: str = "en"
    source_dir: Path = Path("content/en")
    target_dir: str = "content/{lang}"  # pattern with {lang}
    locales_dir: Path = Path("locales")
    build_dir: Path = Path("build")
    languages: tuple[str, ...] = ("nl",)
    front_matter_keys: tuple[str, ...] = ("title", "description")
    termbase: Path | None = Path("locales/glossary/en-nl.tbx")
    languagetool_url: str | None = None
    languagetool_disabled_rules: tuple[str, ...] = ()
    disabled_checks: tuple[str, ...] = ()
    fail_on: Severity = Severity.ERROR
    cache_dir: Path | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)

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

    @property
    def source_root(self) -> Path:
        return self.resolve(self.source_dir)

    @property
    def locales_root(self) -> Path:
        return self.resolve(self.locales_dir)

    @property
    def build_root(self) -> Path:
        return self.resolve(self.build_dir)

    @property
    def termbase_path(self) -> Path | None:
        return self.resolve(self.termbase) if self.termbase else None


def load_settings(root: Path | None = None, overrides: Mapping[str, Any] | None = None) -> Settings:
    """Read ``[tool.locqa]`` from ``root/pyproject.toml`` (if any) and apply *overrides*.

    Overrides use the dataclass field names; ``None`` values are ignored.
    """
    root = (root or Path.cwd()).resolve()
    table: dict[str, Any] = {}
    pyproject = root / "pyproject.toml"
    if pyproject.is_file():
        try:
            data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"invalid TOML: {exc}", pyproject) from None
        table = data.get("tool", {}).get("locqa", {})
        unknown = sorted(set(table) - _KEYS)
        if unknown:
            raise ConfigError(f"unknown [tool.locqa] setting(s): {', '.join(unknown)}", pyproject)
    settings = Settings(root=root)
    values: dict[str, Any] = {}
    for key, value in table.items():
        values[key.replace("-", "_")] = value
    if os.environ.get("LOCQA_LANGUAGETOOL_URL"):
        values["languagetool_url"] = os.environ["LOCQA_LANGUAGETOOL_URL"]
    for key, value in (overrides or {}).items():
        if value is not None:
            values[key] = value
    return replace(settings, **_coerce(values, pyproject))


def _coerce(values: dict[str, Any], origin: Path) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in values.items():
        if key in ("source_dir", "locales_dir", "build_dir", "cache_dir"):
            out[key] = Path(value)
        elif key == "termbase":
            out[key] = Path(value) if value else None
        elif key in (
            "languages",
            "front_matter_keys",
            "languagetool_disabled_rules",
            "disabled_checks",
        ):
            out[key] = _string_tuple(value, key, origin)
        elif key == "fail_on":
            try:
                out[key] = Severity(str(value))
            except ValueError:
                raise ConfigError(
                    f"fail-on must be error, warning or info, not {value!r}", origin
                ) from None
        elif key == "target_dir":
            if "{lang}" not in str(value):
                raise ConfigError("target-dir must contain {lang}", origin)
            out[key] = str(value)
        else:
            out[key] = value
    return out


def _string_tuple(value: Any, key: str, origin: Path) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [v for v in value.split(",") if v.strip()]
    if not isinstance(value, Sequence) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{key.replace('_', '-')} must be a list of strings", origin)
    return tuple(v.strip() for v in value)
