"""Start the web review: check the project, build the board, serve it on 127.0.0.1 with
uvicorn until Ctrl-C, then stop LanguageTool and say what was decided."""

from __future__ import annotations

import contextlib
import socket
import webbrowser
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import TextIO

import uvicorn

from ..checking import Checker, LanguageToolFactory
from ..config import Settings
from ..errors import ConfigError
from ..review import open_session
from .app import Secrets, create_app
from .board import Board

_ANY = frozenset({"0.0.0.0", "::", ""})


def listening_socket(host: str, port: int) -> socket.socket:
    """A socket bound to *host*:*port* (port 0: a free one), or a usage error naming it."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as err:
        sock.close()
        raise ConfigError(
            f"--host {host} --port {port}: cannot listen there ({err.strerror})"
        ) from None
    sock.listen(64)
    sock.set_inheritable(True)
    return sock


def serve_review(
    settings: Settings,
    *,
    out: TextIO,
    host: str = "127.0.0.1",
    port: int = 0,
    open_browser: bool = True,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    skip_languagetool: bool = False,
    languagetool: LanguageToolFactory | None = None,
    jobs: int | None = None,
    moment: datetime | None = None,
    started: Callable[[str], None] | None = None,
) -> int:
    """Serve the review until interrupted; the number of entries decided in it."""
    sock = listening_socket(host, port)
    with (
        sock,
        Checker(
            settings, skip_languagetool=skip_languagetool, languagetool=languagetool, jobs=jobs
        ) as checker,
    ):
        session, items, remembered = open_session(settings, checker, select, ignore, moment)
        checker.jobs = 1  # a decision re-checks one entry: no worker processes in a server
        board = Board(session, items, settings.build_root / "review.lock")
        keys = Secrets()
        hosts = ["*"] if host in _ANY else sorted({host, "127.0.0.1", "localhost", "[::1]"})
        app = create_app(board, keys, hosts, f"locqa review ({settings.root.name})")
        bound = sock.getsockname()[1]
        shown = "127.0.0.1" if host in _ANY else (f"[{host}]" if ":" in host else host)
        url = f"http://{shown}:{bound}/?token={keys.token}"
        if remembered:
            print(f"{len(remembered)} entr(y/ies) decided by the translation memory", file=out)
        print(f"Review at {url}", file=out, flush=True)
        if started is not None:
            started(url)
        if open_browser:
            webbrowser.open(url)
        config = uvicorn.Config(
            app, log_level="warning", lifespan="off", access_log=False, proxy_headers=False
        )
        with contextlib.suppress(KeyboardInterrupt):  # uvicorn re-raises Ctrl-C when done
            uvicorn.Server(config).run(sockets=[sock])
        snapshot = board.snapshot()
    progress = snapshot["progress"]
    print(
        f"review: {progress['reviewed']} of {progress['total']} entr(y/ies) decided; "
        f"{progress['total'] - progress['reviewed']} left to review",
        file=out,
    )
    return int(progress["reviewed"])
