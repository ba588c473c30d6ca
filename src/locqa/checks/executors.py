"""Where the check engine's work runs when it outgrows one machine: a Dask cluster.

``locqa check --executor dask --scheduler tcp://HOST:8786`` sends the engine's two
parallel phases to the cluster's workers instead of local worker processes: article
loading (parse, align, read the catalogue) in article batches, and the checks of the units
not in the cache, batched by article. LanguageTool runs on the workers too: a worker plugin
(:class:`LanguageToolPlugin`) starts one LanguageTool session per worker when it joins —
its own local server, or a client of ``languagetool_url`` when one is configured — and
stops it when the worker leaves; the texts not in the cache go to the workers in batches.

The caller stays in charge: it decides what is cached, sends only the work that is not,
receives plain data back (findings, LanguageTool matches, loaded articles) and writes the
cache and the reports itself, exactly as with local workers, so the findings are the
same, in the same order. Workers read the project's files, so they must see the project
at the same path as the caller (a shared volume; ``docs/performance.md`` shows a
deployment).

Dask is an optional dependency: ``pip install 'locqa[dask]'``.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager, suppress
from typing import Any

from ..config import Settings
from ..errors import ToolError

#: Texts per LanguageTool task: large enough to keep a worker's server busy, small enough
#: to spread a language's texts over the workers.
LT_BATCH = 200
#: How long to wait for the scheduler (a reachable one answers in well under a second).
CONNECT_TIMEOUT = "10s"

#: The worker's LanguageTool sessions, by plugin name (one per run using the cluster).
_SESSIONS: dict[str, Any] = {}
_SETUP: dict[str, Any] = {}  # the engine set-up this worker last ran
#: A worker may run several tasks at once (``--nthreads``): the engine's worker state and
#: a LanguageTool session are per process, so its tasks take turns.
_TURN = threading.Lock()
#: How long to wait for a worker to join before giving up.
WORKER_TIMEOUT = 60


def _import_distributed() -> Any:
    try:
        import distributed
    except ImportError:
        raise ToolError(
            "--executor dask needs Dask: pip install 'locqa[dask]' (dask, distributed)"
        ) from None
    return distributed


def _run_remote(
    task: Any,
    fn: Callable[[Any], Any],
    setup_fn: Callable[..., None],
    setup: tuple[Any, ...],
    state: str,
) -> Any:
    """On a worker: set up the engine's worker state when *state* (the settings, checks,
    language and the digests of the data the checks read: termbase, word lists, options)
    differs from the last run's, then run *fn*."""
    with _TURN:
        if _SETUP.get("state") != state:
            setup_fn(*setup)
            _SETUP["state"] = state
        return fn(task)


def _check_remote(texts: list[str], lang: str, plugin: str) -> list[list[Any]]:
    """On a worker: LanguageTool's matches for *texts*, from this run's session."""
    with _TURN:
        entry = _SESSIONS.get(plugin)
        if entry is None:
            raise RuntimeError(f"this worker has no LanguageTool session of {plugin}")
        result: list[list[Any]] = entry[1].check_texts(texts, lang)
        return result


def _plugin_base() -> type:
    return _import_distributed().WorkerPlugin  # type: ignore[no-any-return]


class LanguageToolPlugin:
    """Starts a LanguageTool session on each worker and stops it when the worker leaves
    (a Dask ``WorkerPlugin``; made a subclass of it by :func:`language_tool_plugin`)."""

    def __init__(self, start: Callable[[], AbstractContextManager[Any]], name: str) -> None:
        self.start = start
        self.name = name  # one per run: runs sharing a cluster keep their own sessions

    def setup(self, worker: Any) -> None:
        with _TURN:
            manager = self.start()
            _SESSIONS[self.name] = (manager, manager.__enter__())

    def teardown(self, worker: Any) -> None:
        with _TURN:
            entry = _SESSIONS.pop(self.name, None)
        if entry is not None:
            entry[0].__exit__(None, None, None)


def language_tool_plugin(start: Callable[[], AbstractContextManager[Any]], name: str) -> Any:
    """A :class:`LanguageToolPlugin` that Dask accepts as a worker plugin."""
    cls = type("LocqaLanguageToolPlugin", (LanguageToolPlugin, _plugin_base()), {})
    return cls(start, name)


class DaskExecutor:
    """The engine's parallel phases and LanguageTool on a Dask cluster."""

    def __init__(self, scheduler: str | Any, settings: Settings, *, languagetool: bool) -> None:
        distributed = _import_distributed()
        self._own = isinstance(scheduler, str)
        self.client: Any
        try:
            self.client = (
                distributed.Client(scheduler, timeout=CONNECT_TIMEOUT) if self._own else scheduler
            )
        except (OSError, TimeoutError, ValueError) as err:
            raise ToolError(f"--scheduler {scheduler}: no Dask scheduler answers ({err})") from None
        self.languagetool = languagetool
        self.plugin = f"locqa-languagetool-{uuid.uuid4().hex[:12]}"
        try:
            self.client.wait_for_workers(1, timeout=WORKER_TIMEOUT)
            if languagetool:
                from .runner import languagetool_factory

                plugin = language_tool_plugin(languagetool_factory(settings), self.plugin)
                self.client.register_plugin(plugin, name=self.plugin)
        except BaseException as err:
            self.close()
            if isinstance(err, TimeoutError):
                raise ToolError(
                    f"--scheduler {scheduler}: no worker joined in {WORKER_TIMEOUT} s"
                ) from None
            raise

    def map(
        self,
        fn: Callable[[Any], Any],
        tasks: Sequence[Any],
        setup_fn: Callable[..., None],
        setup: tuple[Any, ...],
        key: str,
    ) -> list[Any]:
        """*fn* over *tasks* on the workers, in order; a worker first runs
        ``setup_fn(*setup)`` unless it last ran it with the same *key* (which must change
        whenever what the set-up reads changes: a termbase, a word list)."""
        if not tasks:
            return []
        futures = self.client.map(
            _run_remote, list(tasks), fn=fn, setup_fn=setup_fn, setup=setup, state=key, pure=False
        )
        return list(self.client.gather(futures))

    def check_texts(self, texts: Sequence[str], lang: str) -> list[list[Any]]:
        """LanguageTool's matches for *texts*, checked on the workers in batches."""
        batches = [list(texts[i : i + LT_BATCH]) for i in range(0, len(texts), LT_BATCH)]
        if not batches:
            return []
        futures = self.client.map(_check_remote, batches, lang=lang, plugin=self.plugin, pure=False)
        return [matches for batch in self.client.gather(futures) for matches in batch]

    def close(self) -> None:
        if self.languagetool:
            with suppress(Exception):  # the cluster may be gone: nothing left to stop
                self.client.unregister_worker_plugin(self.plugin)
        if self._own:
            self.client.close()

    def __enter__(self) -> DaskExecutor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
