"""Fetching the LanguageTool server jars from Maven Central into a cache directory.

The pom shipped as package data (``locqa/data/languagetool-pom.xml``) depends on
``org.languagetool:languagetool-server``; :func:`pom_text` adds the ``language-<code>``
module of every language profile (``nl``, ``de``, ``fr``, ``es``, ``ja``, ``zh``, ``pt``;
``en`` for the source), so a new profile brings its module. Maven's
``dependency:copy-dependencies`` copies them and everything they need into
``<cache>/languagetool-<version>/lib``. A marker file written (atomically) after a
successful copy names the version and the modules, and lets later runs skip Maven entirely
until a profile needs a module the cache lacks.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

from .. import lang
from ..atomic import write_text
from ..errors import ToolError

#: The newest LanguageTool release on Maven Central when this was written.
DEFAULT_VERSION = "6.8"
MARKER = "locqa-fetch-complete"
CACHE_ENV = "LOCQA_CACHE_DIR"
URL_ENV = "LOCQA_LANGUAGETOOL_URL"


def cache_root() -> Path:
    """``$LOCQA_CACHE_DIR``, else ``$XDG_CACHE_HOME/locqa``, else ``~/.cache/locqa``."""
    env = os.environ.get(CACHE_ENV)
    if env:
        return Path(env).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg).expanduser() if xdg else Path.home() / ".cache"
    return base / "locqa"


def install_dir(version: str = DEFAULT_VERSION, cache_dir: Path | None = None) -> Path:
    return (cache_dir or cache_root()) / f"languagetool-{version}"


def lib_dir(version: str = DEFAULT_VERSION, cache_dir: Path | None = None) -> Path:
    return install_dir(version, cache_dir) / "lib"


def modules() -> list[str]:
    """LanguageTool's Maven modules for the profiles' languages: ``language-de`` has de-DE."""
    return sorted({p.languagetool.code.split("-")[0] for p in lang.profiles().values()})


def _marker_text(version: str) -> str:
    return f"{version} {' '.join(modules())}\n"


def is_cached(version: str = DEFAULT_VERSION, cache_dir: Path | None = None) -> bool:
    marker = install_dir(version, cache_dir) / MARKER
    lib = lib_dir(version, cache_dir)
    try:
        fetched = marker.read_text(encoding="utf-8")
    except OSError:
        return False
    return fetched == _marker_text(version) and any(lib.glob("*.jar"))


def pom_text() -> str:
    """The shipped pom with a dependency on every profile language's module."""
    template = (resources.files("locqa") / "data" / "languagetool-pom.xml").read_text("utf-8")
    dependencies = "".join(
        "    <dependency>\n"
        "      <groupId>org.languagetool</groupId>\n"
        f"      <artifactId>language-{module}</artifactId>\n"
        "      <version>${languagetool.version}</version>\n"
        "    </dependency>\n"
        for module in modules()
    )
    return template.replace("    <!-- language modules -->\n", dependencies)


def fetch(
    version: str = DEFAULT_VERSION,
    cache_dir: Path | None = None,
    *,
    mvn: str | None = None,
    timeout: float = 1800.0,
) -> Path:
    """Make sure the LanguageTool *version* jars are cached; return their ``lib`` folder.

    Raises :class:`ToolError` when Maven is missing (and nothing is cached) or fails.
    """
    target = install_dir(version, cache_dir)
    lib = target / "lib"
    if is_cached(version, cache_dir):
        return lib
    executable = mvn or shutil.which("mvn")
    if executable is None:
        raise ToolError(
            f"LanguageTool {version} is not cached in {target} and Maven (mvn) is not "
            "installed to fetch it: install Maven (apt-get install maven) and Java, "
            f"or set {URL_ENV} to the URL of a running LanguageTool server"
        )
    target.mkdir(parents=True, exist_ok=True)
    with _locked(target / ".fetch.lock"):
        if is_cached(version, cache_dir):  # another process fetched it while we waited
            return lib
        _run_maven(executable, version, target, timeout)
    return lib


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    """An exclusive lock between processes fetching into the same cache."""
    with path.open("a") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def _run_maven(executable: str, version: str, target: Path, timeout: float) -> None:
    lib = target / "lib"
    with tempfile.TemporaryDirectory(prefix="fetch-", dir=target) as work:
        pom = Path(work) / "pom.xml"
        pom.write_text(pom_text(), encoding="utf-8")
        staging = Path(work) / "lib"
        argv = [
            executable,
            "-q",
            "-B",
            "-f",
            str(pom),
            f"-Dlanguagetool.version={version}",
            "dependency:copy-dependencies",
            f"-DoutputDirectory={staging}",
        ]
        try:
            done = subprocess.run(
                argv, cwd=work, capture_output=True, text=True, timeout=timeout, check=False
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise ToolError(f"Maven could not fetch LanguageTool {version}: {exc}") from exc
        if done.returncode != 0 or not any(staging.glob("*.jar")):
            tail = "\n".join((done.stdout + done.stderr).strip().splitlines()[-15:])
            raise ToolError(
                f"Maven could not fetch LanguageTool {version} (exit {done.returncode}); "
                f"is Maven Central reachable? Or set {URL_ENV}.\n{tail}"
            )
        if lib.exists():
            shutil.rmtree(lib)
        staging.replace(lib)
    write_text(target / MARKER, _marker_text(version))
