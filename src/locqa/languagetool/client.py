"""LanguageToolSession: batched, concurrent, fault-tolerant checking of many texts.

The session speaks LanguageTool's documented HTTP API (https://languagetool.org/http-api/)
itself, with urllib from the standard library: ``GET /v2/languages`` once per server, and
``POST /v2/check`` with ``language``, ``data`` (the texts as one *annotated* document, see
:mod:`.annotate` and :mod:`.batching`) and ``disabledRules``. language-tool-python is not
used: its public ``LanguageTool.check(text)`` sends plain ``text`` only, and the ``data``
parameter is what keeps match offsets exact positions in the Markdown segment while code,
URLs and ``[!DNL ...]`` are left unchecked. Two requests run at a time (the server has two
check threads on a 2-core machine).

Faults: if a request fails (connection refused, server died, timeout, an HTTP error, an
answer that is not LanguageTool JSON) the remaining requests of that call are not sent,
the local server is restarted once (a remote server is retried once) and the unfinished
requests are sent again. A second failure raises :class:`~locqa.errors.ToolError`.
"""

from __future__ import annotations

import http.client
import json
import os
import threading
import time
import unicodedata
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any

from ..errors import ToolError
from . import maven as fetch
from .annotate import PLACEHOLDER, annotate, original, placeholder_spans
from .batching import Chunk, Utf16Index, plan_chunks
from .match import MAX_REPLACEMENTS, LTMatch
from .rules import capitals_mark_names, languagetool_code
from .server import ArgvFactory, LocalServer, java_argv, ping

#: Characters per request. LanguageTool's cost is linear in text length; above ~20k
#: characters per request there is nothing left to gain and a failure costs more.
DEFAULT_MAX_CHARS = 20_000
DEFAULT_WORKERS = 2


class BadAnswer(Exception):
    """The server answered, but not with LanguageTool's JSON (or with an HTTP error)."""


#: What a failed request raises: the server is then restarted (or retried) once.
_FAILURES = (BadAnswer, OSError, http.client.HTTPException)


@dataclass
class SessionStats:
    requests: int = 0
    characters: int = 0
    texts: int = 0  # unique, non-empty texts sent
    seconds: float = 0.0  # wall-clock time inside check_texts
    restarts: int = 0


@dataclass(frozen=True)
class BatchingComparison:
    """What :func:`compare_batching` measured (seconds are wall-clock)."""

    texts: int
    unique_texts: int
    batched_seconds: float
    batched_requests: int
    per_segment_seconds: float
    per_segment_requests: int
    same_results: bool

    @property
    def speedup(self) -> float:
        return self.per_segment_seconds / self.batched_seconds if self.batched_seconds else 0.0


@dataclass
class _Outcome:
    failed: list[Chunk] = field(default_factory=list)
    error: BaseException | None = None


class LanguageToolSession:
    """A LanguageTool server for one run (started here, or given by URL) and its client.

    ``url``: an existing server; else ``$LOCQA_LANGUAGETOOL_URL``; else a local server is
    started (fetching the jars with Maven first if they are not cached).
    ``server_argv``: how to start the local server (tests pass a fake server).
    ``disabled_rules``: rule ids sent as ``disabledRules``, or a function of the language
    (``rules.disabled_rules_for(options)``: each language's profile defaults), so that one
    session checks every language of a run with that language's rules.

    A language is named by a profile's code or alias and checked as the profile's
    LanguageTool variant (``de`` → ``de-DE``, :func:`.rules.languagetool_code`); a code
    no profile claims is sent as given.
    """

    def __init__(
        self,
        url: str | None = None,
        *,
        version: str = fetch.DEFAULT_VERSION,
        cache_dir: Path | None = None,
        startup_timeout: float = 60.0,
        request_timeout: float = 120.0,
        max_chars: int = DEFAULT_MAX_CHARS,
        workers: int = DEFAULT_WORKERS,
        disabled_rules: Iterable[str] | Callable[[str], Iterable[str]] = (),
        markdown: bool = True,
        server_argv: ArgvFactory | None = None,
        max_restarts: int = 1,
    ):
        self.remote_url = url or os.environ.get(fetch.URL_ENV) or None
        self.version = version
        self.cache_dir = cache_dir
        self.startup_timeout = startup_timeout
        self.request_timeout = request_timeout
        self.max_chars = max_chars
        self.workers = max(1, workers)
        if callable(disabled_rules):
            self._disabled_for: Callable[[str], Iterable[str]] = disabled_rules
        else:
            fixed = frozenset(disabled_rules)
            self._disabled_for = lambda lang: fixed
        self.markdown = markdown
        self.max_restarts = max_restarts
        self.stats = SessionStats()
        self.software_version: str | None = None
        self._server_argv = server_argv
        self._server: LocalServer | None = None
        self._url: str | None = None
        self._languages: dict[str, str] | None = None  # lower-case tag -> server's tag
        self._opener = urllib.request.build_opener()
        self._lock = threading.Lock()

    # ------------------------------------------------------------------ lifecycle

    @property
    def url(self) -> str:
        if self._url is None:
            self.start()
        assert self._url is not None
        return self._url

    @property
    def server(self) -> LocalServer | None:
        """The local server process, when this session started one."""
        return self._server

    def start(self) -> str:
        """Connect to the given server or start a local one (one retry); return its URL."""
        if self._url is not None:
            return self._url
        if self.remote_url:
            url = self.remote_url.rstrip("/")
            url = (url[: -len("/v2")] if url.endswith("/v2") else url) + "/"
            if not ping(url, timeout=min(10.0, self.request_timeout)):
                raise ToolError(
                    f"no LanguageTool server answers at {url} ({fetch.URL_ENV} or config): "
                    "start it, fix the URL, or unset it to let locqa start its own"
                )
            self._url = url
            return url
        # the local server is on 127.0.0.1: never send its requests through a proxy
        self._opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        argv = self._server_argv
        if argv is None:
            argv = java_argv(fetch.fetch(self.version, self.cache_dir))
        self._server = LocalServer(argv, startup_timeout=self.startup_timeout)
        try:
            self._url = self._server.start()
        except ToolError as first:
            try:
                self._url = self._server.start()
            except ToolError as second:
                raise ToolError(
                    f"the LanguageTool server failed to start twice: {second}"
                ) from first
            self.stats.restarts += 1
        return self._url

    def close(self) -> None:
        self._languages = None
        if self._server is not None:
            self._server.stop()
        self._url = None

    def __enter__(self) -> LanguageToolSession:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def _restart(self, reason: BaseException) -> None:
        if self.stats.restarts >= self.max_restarts:
            raise ToolError(f"LanguageTool failed again after a restart: {reason}") from reason
        self.stats.restarts += 1
        with self._lock:
            self._languages = None
        if self._server is not None:
            self._url = None
            try:
                self._url = self._server.start()
            except ToolError as exc:
                raise ToolError(
                    f"LanguageTool failed ({reason}) and could not be restarted: {exc}"
                ) from exc

    # ------------------------------------------------------------------ checking

    def check_texts(self, texts: Sequence[str], lang: str) -> list[list[LTMatch]]:
        """LanguageTool matches for each text, offsets relative to that text."""
        return self._check(texts, lang, self.max_chars, frozenset())

    def _check(
        self, texts: Sequence[str], lang: str, max_chars: int, extra_disabled: frozenset[str]
    ) -> list[list[LTMatch]]:
        began = time.perf_counter()
        index: dict[str, int] = {}
        for text in texts:
            index.setdefault(text, len(index))
        unique = list(index)
        capitals = capitals_mark_names(lang)
        annotations = [
            annotate(t, self.markdown, capitals_mark_names=capitals) if t.strip() else []
            for t in unique
        ]
        lengths = [len(t) if a else 0 for t, a in zip(unique, annotations, strict=True)]
        chunks = plan_chunks(annotations, lengths, max_chars, min_chunks=self.workers)
        results: list[list[LTMatch]] = [[] for _ in unique]
        pending = chunks
        self.start()
        while pending:
            outcome = self._run(pending, lang, results, extra_disabled)
            if outcome.error is None:
                break
            self._restart(outcome.error)
            pending = outcome.failed
        self.stats.texts += sum(1 for n in lengths if n)
        self.stats.seconds += time.perf_counter() - began
        for matches in results:
            matches.sort(key=lambda m: (m.offset, m.length, m.rule_id))
        return [list(results[index[t]]) for t in texts]

    def _run(
        self,
        chunks: Sequence[Chunk],
        lang: str,
        results: list[list[LTMatch]],
        extra_disabled: frozenset[str],
    ) -> _Outcome:
        outcome = _Outcome()
        try:
            form = self._form(lang, extra_disabled)
        except _FAILURES as exc:
            outcome.failed.extend(chunks)
            outcome.error = exc
            return outcome
        abort = threading.Event()

        def job(chunk: Chunk) -> None:
            if abort.is_set():
                with self._lock:
                    outcome.failed.append(chunk)
                return
            try:
                found = self._request(form, chunk)
            except _FAILURES as exc:
                abort.set()
                with self._lock:
                    outcome.failed.append(chunk)
                    outcome.error = outcome.error or exc
                return
            with self._lock:
                for i, match in found:
                    results[i].append(match)

        if self.workers == 1 or len(chunks) == 1:
            for chunk in chunks:
                job(chunk)
        else:
            with ThreadPoolExecutor(self.workers, thread_name_prefix="locqa-lt") as pool:
                list(pool.map(job, chunks))
        outcome.failed.sort(key=lambda c: c.indexes[0])
        return outcome

    # ------------------------------------------------------------------ HTTP API

    def _call(self, path: str, form: Mapping[str, str] | None = None) -> Any:
        """``GET`` (no *form*) or ``POST`` (form-encoded) ``/v2/<path>``; the decoded JSON."""
        url = urllib.parse.urljoin(self.url, f"v2/{path}")
        body = urllib.parse.urlencode(form).encode("utf-8") if form is not None else None
        request = urllib.request.Request(url, data=body, headers={"Accept": "application/json"})
        try:
            with self._opener.open(request, timeout=self.request_timeout) as response:
                raw = response.read()
        except urllib.error.HTTPError as exc:
            with exc:
                detail = exc.read(300).decode("utf-8", "replace").strip()
            raise BadAnswer(f"HTTP {exc.code} from {url}: {detail}") from exc
        try:
            return json.loads(raw)
        except ValueError as exc:
            raise BadAnswer(f"not a LanguageTool answer: {raw[:200]!r}") from exc

    def disabled_rules(self, lang: str) -> frozenset[str]:
        """The rules turned off when checking *lang*."""
        return frozenset(self._disabled_for(lang))

    def _language(self, lang: str) -> str:
        """The server's code for *lang* (``nl``, ``de`` → ``de-DE``, ``fr-FR``, ``pt_BR``):
        its profile's LanguageTool variant, as ``/v2/languages`` spells it."""
        with self._lock:
            languages = self._languages
        if languages is None:
            answer = self._call("languages")
            if not isinstance(answer, list):
                raise BadAnswer(f"not a list of languages: {str(answer)[:200]!r}")
            languages = {}
            for entry in answer:
                if isinstance(entry, dict):
                    for key in ("code", "longCode"):
                        if isinstance(entry.get(key), str):
                            languages[entry[key].lower()] = entry[key]
            with self._lock:
                self._languages = languages
        wanted = languagetool_code(lang)
        tag = wanted.strip().replace("_", "-").lower()
        found = languages.get(tag) or languages.get(tag.split("-", 1)[0])
        if found is None:
            shown = repr(lang) if wanted == lang else f"{lang!r} ({wanted!r})"
            raise ToolError(
                f"LanguageTool does not support language {shown} "
                f"(it knows {', '.join(sorted({v.split('-')[0] for v in languages.values()}))})"
            )
        return found

    def _form(self, lang: str, extra_disabled: frozenset[str]) -> dict[str, str]:
        """The ``/v2/check`` parameters every request of one call shares (all but ``data``)."""
        form = {"language": self._language(lang)}
        disabled = self.disabled_rules(lang) | extra_disabled
        if disabled:
            form["disabledRules"] = ",".join(sorted(disabled))
        return form

    def _request(self, form: Mapping[str, str], chunk: Chunk) -> list[tuple[int, LTMatch]]:
        document = original(chunk.pieces)
        data = json.dumps({"annotation": list(chunk.pieces)}, ensure_ascii=False)
        answer = self._call("check", {**form, "data": data})
        with self._lock:
            self.stats.requests += 1
            self.stats.characters += len(document)
        return self._parse(answer, document, chunk)

    def _parse(self, answer: Any, document: str, chunk: Chunk) -> list[tuple[int, LTMatch]]:
        if not isinstance(answer, dict) or not isinstance(answer.get("matches"), list):
            raise BadAnswer(f"not a LanguageTool answer: {str(answer)[:200]!r}")
        software = answer.get("software")
        if isinstance(software, dict) and self.software_version is None:
            self.software_version = str(software.get("version"))
        units = Utf16Index(document)
        placeholders = placeholder_spans(chunk.pieces)
        found: list[tuple[int, LTMatch]] = []
        try:
            for raw in answer["matches"]:
                start = units.to_codepoint(int(raw["offset"]))
                end = units.to_codepoint(int(raw["offset"]) + int(raw["length"]))
                where = chunk.locate(start, end)
                if where is None:
                    continue  # spans two texts: an artefact of joining them
                k, local = where
                rule = raw["rule"]
                values = [str(r["value"]) for r in raw["replacements"]]
                if any(a <= end and start <= b for a, b in placeholders):
                    # built from the placeholder ("#," for "`id` ,"): not text to insert
                    values = [v for v in values if PLACEHOLDER not in v]
                found.append(
                    (
                        chunk.indexes[k],
                        LTMatch(
                            rule_id=str(rule["id"]),
                            category=str(rule["category"]["id"]),
                            issue_type=str(rule["issueType"]),
                            message=unicodedata.normalize("NFKC", str(raw["message"])),
                            offset=local,
                            length=end - start,
                            replacements=tuple(values[:MAX_REPLACEMENTS]),
                            sentence=str(raw.get("sentence", "")),
                        ),
                    )
                )
        except (KeyError, TypeError, ValueError) as exc:
            raise BadAnswer(f"malformed LanguageTool match: {exc!r}") from exc
        return found


def compare_batching(
    session: LanguageToolSession, texts: Sequence[str], lang: str
) -> BatchingComparison:
    """Check *texts* batched, then one request per text, and time both.

    Each pass disables a different non-existent rule, which changes LanguageTool's
    sentence-cache key, so neither pass profits from the other's cached results.
    """
    tag = str(time.monotonic_ns())
    before = session.stats.requests
    began = time.perf_counter()
    batched = session._check(texts, lang, session.max_chars, frozenset({f"LOCQA_BATCHED_{tag}"}))
    batched_seconds = time.perf_counter() - began
    batched_requests = session.stats.requests - before
    before = session.stats.requests
    began = time.perf_counter()
    single = session._check(texts, lang, 1, frozenset({f"LOCQA_SINGLE_{tag}"}))
    single_seconds = time.perf_counter() - began
    return BatchingComparison(
        texts=len(texts),
        unique_texts=len(set(texts)),
        batched_seconds=batched_seconds,
        batched_requests=batched_requests,
        per_segment_seconds=single_seconds,
        per_segment_requests=session.stats.requests - before,
        same_results=batched == single,
    )
