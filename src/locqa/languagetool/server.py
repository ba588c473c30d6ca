"""A LanguageTool HTTP server process on 127.0.0.1: start, health check, stop.

``java -cp '<lib>/*' org.languagetool.server.HTTPServer --port N --config F`` binds to
the loopback interface only (LanguageTool listens on all interfaces only with
``--public``, which locqa never passes). Readiness is ``GET /v2/languages`` answering
200 with a JSON list. The process is stopped by :meth:`LocalServer.stop`, by the context
manager, at interpreter exit (``atexit``) and on SIGTERM.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import shlex
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
import urllib.error
import urllib.request
import weakref
from collections.abc import Callable, Sequence
from pathlib import Path
from types import FrameType, TracebackType
from typing import IO, Any

from ..errors import ToolError

HOST = "127.0.0.1"
JAVA_OPTS_ENV = "LOCQA_LANGUAGETOOL_JAVA_OPTS"

#: Heap for two languages plus a sentence cache, sized for a 2-core / 24 GiB machine;
#: ParallelGC has the best throughput for batch work on few cores.
DEFAULT_JAVA_OPTS: tuple[str, ...] = (
    "-Xms512m",
    "-Xmx3g",
    "-XX:+UseParallelGC",
    "-Djava.awt.headless=true",
    "-Dfile.encoding=UTF-8",
)

#: LanguageTool server properties (``--config``): a sentence cache (repeated sentences
#: across articles are checked once), cached rule pipelines, two check threads, and no
#: length limit short of what locqa itself sends.
SERVER_PROPERTIES: dict[str, str] = {
    "cacheSize": "20000",
    "cacheTTLSeconds": "3600",
    "pipelineCaching": "true",
    "maxPipelinePoolSize": "64",
    "pipelineExpireTimeInSeconds": "3600",
    "maxCheckThreads": "2",
    "maxTextLength": "1000000",
    "maxWorkQueueSize": "64",
}

ArgvFactory = Callable[[int, Path], Sequence[str]]
"""Builds the server command line from a port and a working directory."""


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def java_argv(lib: Path, *, java: str | None = None) -> ArgvFactory:
    """The command line of LanguageTool's HTTP server with the jars in *lib*."""
    executable = java or shutil.which("java")
    if executable is None:
        raise ToolError(
            "Java is not installed, and the LanguageTool server needs it: install a Java "
            "runtime (apt-get install default-jre-headless), or set LOCQA_LANGUAGETOOL_URL "
            "to the URL of a running LanguageTool server"
        )
    opts = os.environ.get(JAVA_OPTS_ENV)
    java_opts = shlex.split(opts) if opts else list(DEFAULT_JAVA_OPTS)

    def argv(port: int, workdir: Path) -> list[str]:
        config = workdir / "server.properties"
        config.write_text(
            "".join(f"{k}={v}\n" for k, v in SERVER_PROPERTIES.items()), encoding="utf-8"
        )
        return [
            executable,
            *java_opts,
            "-cp",
            f"{lib}{os.sep}*",
            "org.languagetool.server.HTTPServer",
            "--port",
            str(port),
            "--config",
            str(config),
        ]

    return argv


def ping(url: str, timeout: float = 2.0) -> bool:
    """True when *url* (``http://host:port/``) answers ``/v2/languages`` with a JSON list."""
    try:
        with urllib.request.urlopen(url.rstrip("/") + "/v2/languages", timeout=timeout) as r:
            return r.status == 200 and isinstance(json.loads(r.read()), list)
    except (OSError, ValueError, urllib.error.URLError):
        return False


_LIVE: weakref.WeakSet[LocalServer] = weakref.WeakSet()
_HOOKS_LOCK = threading.Lock()
_HOOKS_INSTALLED = False


def _stop_all() -> None:
    for server in list(_LIVE):
        server.stop()


def _on_sigterm(signum: int, frame: FrameType | None) -> None:
    _stop_all()
    raise SystemExit(128 + signum)


def _install_hooks() -> None:
    """Stop servers at exit and on SIGTERM (only if nobody else handles SIGTERM)."""
    global _HOOKS_INSTALLED
    with _HOOKS_LOCK:
        if _HOOKS_INSTALLED:
            return
        _HOOKS_INSTALLED = True
        atexit.register(_stop_all)
        if threading.current_thread() is threading.main_thread():
            with contextlib.suppress(ValueError, OSError):
                if signal.getsignal(signal.SIGTERM) == signal.SIG_DFL:
                    signal.signal(signal.SIGTERM, _on_sigterm)


class LocalServer:
    """One server process. ``start()`` blocks until it answers, or raises ToolError."""

    def __init__(
        self,
        argv: ArgvFactory,
        *,
        startup_timeout: float = 60.0,
        name: str = "LanguageTool server",
    ):
        self._argv = argv
        self.startup_timeout = startup_timeout
        self.name = name
        self.port: int | None = None
        self._process: subprocess.Popen[bytes] | None = None
        self._log: IO[bytes] | None = None
        self._workdir: tempfile.TemporaryDirectory[str] | None = None

    @property
    def url(self) -> str:
        if self.port is None:
            raise ToolError(f"{self.name} is not running")
        return f"http://{HOST}:{self.port}/"

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process else None

    def alive(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def start(self) -> str:
        """Start on a free port and wait until healthy; returns the base URL."""
        self.stop()
        _install_hooks()
        self._workdir = tempfile.TemporaryDirectory(prefix="locqa-lt-")
        workdir = Path(self._workdir.name)
        self.port = free_port()
        argv = list(self._argv(self.port, workdir))
        self._log = tempfile.TemporaryFile(dir=workdir)  # noqa: SIM115 (closed by stop)
        try:
            self._process = subprocess.Popen(
                argv,
                stdin=subprocess.DEVNULL,
                stdout=self._log,
                stderr=subprocess.STDOUT,
                cwd=workdir,
                preexec_fn=_die_with_parent_if_main_thread(),
            )
        except OSError as exc:
            self.stop()
            raise ToolError(f"{self.name} could not be started ({argv[0]}): {exc}") from exc
        _LIVE.add(self)
        self._wait_ready()
        return self.url

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + self.startup_timeout
        url = self.url
        while time.monotonic() < deadline:
            if not self.alive():
                code = self._process.returncode if self._process else None
                log = self.log_tail()
                self.stop()
                raise ToolError(f"{self.name} exited during start-up (exit {code}).\n{log}")
            if ping(url, timeout=2.0):
                return
            time.sleep(0.25)
        log = self.log_tail()
        self.stop()
        raise ToolError(
            f"{self.name} did not answer within {self.startup_timeout:.0f} s "
            f"(raise the start-up timeout, or check Java).\n{log}"
        )

    def log_tail(self, lines: int = 12) -> str:
        if self._log is None:
            return ""
        with contextlib.suppress(OSError, ValueError):
            self._log.seek(0)
            text = self._log.read().decode("utf-8", "replace")
            return "\n".join(text.strip().splitlines()[-lines:])
        return ""

    def stop(self) -> None:
        process, self._process = self._process, None
        if process is not None and process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)
        _LIVE.discard(self)
        if self._log is not None:
            with contextlib.suppress(OSError):
                self._log.close()
            self._log = None
        if self._workdir is not None:
            with contextlib.suppress(OSError):
                self._workdir.cleanup()
            self._workdir = None
        self.port = None

    def __enter__(self) -> LocalServer:
        if not self.alive():
            self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    def __del__(self) -> None:
        with contextlib.suppress(Exception):
            self.stop()


def _die_with_parent_if_main_thread() -> Callable[[], Any] | None:
    """On Linux, have the kernel kill the server if locqa is killed (even by SIGKILL).

    PR_SET_PDEATHSIG fires when the *thread* that forked dies, so it is only used when
    the main thread starts the server (its end is the end of the process).
    """
    if threading.current_thread() is not threading.main_thread():
        return None
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        prctl = libc.prctl
    except (OSError, AttributeError):
        return None

    def set_pdeathsig() -> None:
        prctl(1, int(signal.SIGTERM))  # PR_SET_PDEATHSIG = 1

    return set_pdeathsig
