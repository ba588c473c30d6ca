"""LanguageTool integration: annotation, batching, Maven fetch, server faults, real server.

Fault tests run a fake server process (tests/fake_lt_server.py) and need no Java; tests
marked ``languagetool`` run the real LanguageTool server (see tests/lt_fixtures.py).
"""

from __future__ import annotations

import io
import json
import os
import stat
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Any
from urllib.parse import parse_qs

import language_tool_python
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from locqa import lang
from locqa.errors import ToolError
from locqa.languagetool import LanguageToolSession, LocalServer, compare_batching, maven
from locqa.languagetool.__main__ import main as lt_main
from locqa.languagetool.annotate import (
    PLACEHOLDER,
    Piece,
    annotate,
    original,
    placeholder_spans,
)
from locqa.languagetool.batching import SEPARATOR, Utf16Index, locate, plan_chunks
from locqa.languagetool.rules import (
    capitals_mark_names,
    disabled_rules_for,
    effective_disabled_rules,
    languagetool_code,
)
from locqa.languagetool.server import ping
from locqa.markup import untouchable_ranges

FAKE = Path(__file__).with_name("fake_lt_server.py")


# ----------------------------------------------------------------------------- annotation


def test_annotation_reproduces_the_segment_and_masks_markdown() -> None:
    text = (
        "Klik op **[!UICONTROL Opslaan]** in [de *docs*](https://x.nl/a_b) of voer "
        "`bin/magento` uit; auto&#39;s &quot;x&quot; [!DNL Commerce] <br> https://a.b/c"
    )
    pieces = annotate(text)
    assert original(pieces) == text
    markup = {p["markup"]: p.get("interpretAs") for p in pieces if "markup" in p}
    assert markup["`bin/magento`"] == PLACEHOLDER
    assert markup["[!DNL Commerce]"] == PLACEHOLDER
    assert markup["[!UICONTROL Opslaan]"] == PLACEHOLDER
    assert markup["&#39;"] == "'"
    assert markup["&quot;"] == '"'
    assert markup["](https://x.nl/a_b)"] is None
    assert markup["https://a.b/c"] == PLACEHOLDER
    checked = "".join(p["text"] for p in pieces if "text" in p)
    assert "de " in checked and "docs" in checked  # link text is still checked


def test_protected_text_is_read_as_a_token_no_speller_checks() -> None:
    # LanguageTool's spellers skip tokens without a (Latin) letter; a word such as "XYZ"
    # is checked like any other word (French and Spanish flag it)
    assert PLACEHOLDER.strip() and not any(ch.isalnum() for ch in PLACEHOLDER)
    text = (
        'Open app/etc/env.php, zie {{base-url}} en de [gids](https://x.nl){target="_blank"}'
        " <projectid> `x`"
    )
    markup = {p["markup"]: p.get("interpretAs") for p in annotate(text) if "markup" in p}
    assert markup["app/etc/env.php"] == PLACEHOLDER  # file names and identifiers
    assert markup["{{base-url}}"] == PLACEHOLDER  # template variables
    assert markup["<projectid>"] == PLACEHOLDER
    assert markup['{target="_blank"}'] is None  # attribute lists are not rendered: nothing
    assert placeholder_spans(annotate(text)) == [
        (5, 20),
        (26, 38),
        (text.index("<projectid>"), text.index("<projectid>") + 11),
        (len(text) - 3, len(text)),
    ]


def test_names_in_hyphen_compounds_are_placeholders_but_sentence_starts_are_not() -> None:
    pieces = annotate("B2B-bedrijven en de Commerce-instantie. Bedrijfs-gericht")
    names = [p["markup"] for p in pieces if "markup" in p]
    assert names == ["B2B", "Commerce"]
    assert "Bedrijfs-gericht" in original([p for p in pieces if "text" in p])


@given(st.text(alphabet=st.sampled_from(list("ab `*_[]()!&#;:/.-\\<>{}\n😀éDNLX")), max_size=80))
@settings(max_examples=300, deadline=None)
def test_annotation_always_reproduces_its_input(text: str) -> None:
    assert original(annotate(text)) == text


# ----------------------------------------------------------------------------- batching


@given(
    texts=st.lists(st.text(max_size=40), min_size=1, max_size=30),
    limit=st.integers(min_value=1, max_value=200),
    workers=st.integers(min_value=1, max_value=3),
    data=st.data(),
)
@settings(max_examples=300, deadline=None)
def test_match_offsets_map_back_to_their_text(
    texts: list[str], limit: int, workers: int, data: st.DataObject
) -> None:
    annotations: list[list[Piece]] = [[{"text": t}] if t else [] for t in texts]
    chunks = plan_chunks(annotations, [len(t) for t in texts], limit, min_chunks=workers)
    sent = sorted(i for c in chunks for i in c.indexes)
    assert sent == [i for i, t in enumerate(texts) if t]  # every non-empty text, once
    for chunk in chunks:
        document = original(chunk.pieces)
        assert document == SEPARATOR.join(texts[i] for i in chunk.indexes)
        k = data.draw(st.integers(0, len(chunk.indexes) - 1))
        text = texts[chunk.indexes[k]]
        local = data.draw(st.integers(0, len(text)))
        length = data.draw(st.integers(0, len(text) - local))
        start = chunk.starts[k] + local
        assert chunk.locate(start, start + length) == (k, local)
        assert document[start : start + length] == text[local : local + length]


def test_a_match_across_the_separator_belongs_to_no_text() -> None:
    assert locate([0, 6], [4, 3], 3, 7) is None
    assert locate([0, 6], [4, 3], 6, 9) == (1, 0)


@given(st.text(alphabet=st.sampled_from(list("ab😀𝔘é\n")), max_size=40), st.data())
def test_utf16_offsets_become_code_point_offsets(text: str, data: st.DataObject) -> None:
    index = Utf16Index(text)
    i = data.draw(st.integers(0, len(text)))
    units = len(text[:i].encode("utf-16-le")) // 2
    assert index.to_codepoint(units) == i


# ----------------------------------------------------------------------------- Maven fetch


def _fake_mvn(tmp_path: Path, body: str) -> str:
    script = tmp_path / "mvn"
    script.write_text("#!/bin/sh\n" + body)
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return str(script)


def test_fetch_without_maven_and_cache_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    with pytest.raises(ToolError) as err:
        maven.fetch("6.8", tmp_path / "cache")
    assert "apt-get install maven" in str(err.value)
    assert "LOCQA_LANGUAGETOOL_URL" in str(err.value)


def test_fetch_copies_jars_writes_a_marker_then_skips_maven(tmp_path: Path) -> None:
    mvn = _fake_mvn(
        tmp_path,
        'for a in "$@"; do case "$a" in -DoutputDirectory=*) d="${a#*=}";; esac; done\n'
        'mkdir -p "$d" && touch "$d/languagetool-server-6.8.jar"\n',
    )
    lib = maven.fetch("6.8", tmp_path / "cache", mvn=mvn)
    assert (lib / "languagetool-server-6.8.jar").exists()
    assert maven.is_cached("6.8", tmp_path / "cache")
    # cached: Maven is not run again (a broken mvn would fail)
    assert maven.fetch("6.8", tmp_path / "cache", mvn=str(tmp_path / "missing")) == lib


def test_a_new_profiles_language_module_is_fetched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    mvn = _fake_mvn(
        tmp_path,
        'for a in "$@"; do case "$a" in -DoutputDirectory=*) d="${a#*=}";; esac; done\n'
        'mkdir -p "$d" && touch "$d/languagetool-server-6.8.jar"\n',
    )
    maven.fetch("6.8", tmp_path / "cache", mvn=mvn)
    assert maven.is_cached("6.8", tmp_path / "cache")
    shipped = maven.modules()
    monkeypatch.setattr(maven, "modules", lambda: [*shipped, "it"])
    assert not maven.is_cached("6.8", tmp_path / "cache")  # the cache lacks language-it
    assert "<artifactId>language-it</artifactId>" in maven.pom_text()


def test_fetch_reports_a_maven_failure(tmp_path: Path) -> None:
    mvn = _fake_mvn(tmp_path, 'echo "[ERROR] Could not resolve dependencies" >&2\nexit 1\n')
    with pytest.raises(ToolError, match="Could not resolve dependencies"):
        maven.fetch("6.8", tmp_path / "cache", mvn=mvn)
    assert not maven.is_cached("6.8", tmp_path / "cache")


def test_the_pom_names_the_server_and_every_profiles_language() -> None:
    pom = maven.pom_text()
    # LanguageTool's Maven modules are named by language: de-DE is in language-de
    modules = {p.languagetool.code.split("-")[0] for p in lang.profiles().values()}
    assert modules == {"nl", "de", "fr", "es", "ja", "zh", "en", "pt"}
    for artifact in ("languagetool-server", *(f"language-{m}" for m in sorted(modules))):
        assert f"<artifactId>{artifact}</artifactId>" in pom
    assert "${languagetool.version}" in pom and "<packaging>pom</packaging>" in pom


# ----------------------------------------------------------------------------- variants

#: what LanguageTool 6.8's /v2/languages lists for the shipped profiles' languages
VARIANTS = [
    {"name": "Dutch", "code": "nl", "longCode": "nl"},
    {"name": "German", "code": "de", "longCode": "de"},
    {"name": "German (Germany)", "code": "de", "longCode": "de-DE"},
    {"name": "French", "code": "fr", "longCode": "fr"},
    {"name": "Spanish", "code": "es", "longCode": "es"},
    {"name": "Japanese", "code": "ja", "longCode": "ja-JP"},
    {"name": "Chinese", "code": "zh", "longCode": "zh-CN"},
    {"name": "English", "code": "en", "longCode": "en"},
    {"name": "English (US)", "code": "en", "longCode": "en-US"},
]


class RecordingLanguageTool:
    """A LanguageTool stand-in at a URL, in this process: ``/v2/languages`` lists
    :data:`VARIANTS`, every ``/v2/check`` is recorded (language, disabled rules, the text
    as LanguageTool reads it) and finds nothing."""

    def __init__(self) -> None:
        self.checks: list[tuple[str, frozenset[str], str]] = []
        self.requests: list[str] = []
        recording = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                pass

            def answer(self, body: object) -> None:
                data = json.dumps(body).encode("utf-8")
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self) -> None:
                recording.requests.append(self.path)
                self.answer(VARIANTS)

            def do_POST(self) -> None:
                recording.requests.append(self.path)
                size = int(self.headers.get("Content-Length", "0"))
                form = parse_qs(self.rfile.read(size).decode("utf-8"))
                rules = form.get("disabledRules", [""])[0]
                pieces = json.loads(form["data"][0])["annotation"]
                text = "".join(p.get("text", p.get("interpretAs", "")) for p in pieces)
                recording.checks.append(
                    (form["language"][0], frozenset(filter(None, rules.split(","))), text)
                )
                self.answer({"software": {"version": "6.8"}, "matches": []})

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> RecordingLanguageTool:
        self.thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.server.shutdown()
        self.server.server_close()

    def languages(self) -> dict[str, frozenset[str]]:
        """The variants checked, with the rules that were off for each."""
        return {language: rules for language, rules, _ in self.checks}


@pytest.fixture
def recording(monkeypatch: pytest.MonkeyPatch) -> Iterator[RecordingLanguageTool]:
    monkeypatch.delenv("LOCQA_LANGUAGETOOL_URL", raising=False)
    with RecordingLanguageTool() as server:
        yield server


def test_each_language_is_checked_as_its_profiles_variant_with_its_rules(
    recording: RecordingLanguageTool,
) -> None:
    options = {"languagetool_disabled_rules": ["X_RULE"]}
    with LanguageToolSession(recording.url, disabled_rules=disabled_rules_for(options)) as lt:
        for code in ("nl", "de", "de_DE", "zh-Hans", "ja", "en"):
            assert lt.check_texts([f"text {code}"], code) == [[]]
    assert [language for language, _, _ in recording.checks] == [
        "nl",
        "de-DE",
        "de-DE",
        "zh-CN",
        "ja-JP",
        "en-US",
    ]
    for code, (_, rules, _) in zip(
        ("nl", "de", "de_DE", "zh-Hans", "ja", "en"), recording.checks, strict=True
    ):
        assert rules == effective_disabled_rules(options, code) and "X_RULE" in rules
    assert recording.languages()["de-DE"] >= {"DOPPELTES_LEERZEICHEN", "WHITESPACE_RULE"}
    assert "DUBBELE_SPATIE" not in recording.languages()["de-DE"]
    assert languagetool_code("pt_BR") == "pt-BR"  # the profile's variant
    assert languagetool_code("ko-KR") == "ko-KR"  # no profile: as given


def test_a_capital_marks_a_name_only_where_nouns_are_not_capitalised(
    recording: RecordingLanguageTool,
) -> None:
    dutch, german = "Open de Commerce-instantie", "Die neue Kunden-Hotline und GraphQL-API"
    assert {"markup": "Commerce", "interpretAs": PLACEHOLDER} in annotate(dutch)
    pieces = annotate(german, capitals_mark_names=False)
    assert [p["markup"] for p in pieces if "markup" in p] == ["GraphQL"]  # not "Kunden"
    assert (capitals_mark_names("nl"), capitals_mark_names("de-DE")) == (True, False)
    with LanguageToolSession(recording.url) as lt:
        lt.check_texts([german], "de")
        lt.check_texts([german], "nl")
    assert [text for _, _, text in recording.checks] == [
        "Die neue Kunden-Hotline und #-API",
        "Die neue #-Hotline und #-API",
    ]


def test_the_command_line_checks_with_the_profile_and_has_no_default_language(
    recording: RecordingLanguageTool,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as exit_:
        lt_main(["check", "--url", recording.url])
    assert exit_.value.code == 2 and "--lang" in capsys.readouterr().err
    monkeypatch.setattr(sys, "stdin", io.StringIO("Ein Text.\n\nNoch einer."))
    assert lt_main(["check", "--lang", "de", "--url", recording.url]) == 0
    assert recording.languages() == {"de-DE": effective_disabled_rules({}, "de")}
    monkeypatch.setattr(sys, "stdin", io.StringIO("Ein Text."))
    assert lt_main(["check", "--lang", "de-DE", "--all-rules", "--url", recording.url]) == 0
    assert recording.checks[-1][:2] == ("de-DE", frozenset())
    assert lt_main(["check", "--lang", "ko-KR", "--url", recording.url]) == 2
    assert "no language profile" in capsys.readouterr().err


# ----------------------------------------------------------------------------- fake server


def fake(
    mode: str, state: Path | None = None, log: Path | None = None
) -> Callable[[int, Path], Sequence[str]]:
    def argv(port: int, workdir: Path) -> list[str]:
        extra = ["--state", str(state)] if state else []
        extra += ["--log", str(log)] if log else []
        return [sys.executable, str(FAKE), "--port", str(port), "--mode", mode, *extra]

    return argv


@pytest.fixture
def no_env_url(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LOCQA_LANGUAGETOOL_URL", raising=False)


def session_for(
    mode: str, state: Path | None = None, log: Path | None = None, **kw: object
) -> LanguageToolSession:
    options: dict[str, Any] = {"startup_timeout": 10.0, "request_timeout": 5.0}
    options.update(kw)
    return LanguageToolSession(server_argv=fake(mode, state, log), **options)


@pytest.fixture
def no_private_calls(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any use of language-tool-python (its private helpers above all) fails the test."""

    def forbidden(*args: object, **kwargs: object) -> Any:
        raise AssertionError("locqa must not call language-tool-python")

    tool = language_tool_python.LanguageTool
    for name in ("_query_server", "_create_params", "check", "__init__"):
        monkeypatch.setattr(tool, name, forbidden)
    monkeypatch.setattr(language_tool_python.Match, "__init__", forbidden)


def requests_in(log: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]


@pytest.mark.usefixtures("no_env_url", "no_private_calls")
def test_requests_use_the_documented_http_api_with_annotated_text(tmp_path: Path) -> None:
    log = tmp_path / "requests.jsonl"
    texts = ["Een fuot in `fuot`.", "Twee 😀 [!DNL fuot] fuot", "Een fuot in `fuot`."]
    with session_for("ok", log=log, workers=1, disabled_rules={"B_RULE", "A_RULE"}) as lt:
        results = lt.check_texts(texts, "nl_BE")
    assert [[(m.offset, m.rule_id) for m in r] for r in results] == [
        [(4, "FAKE_TYPO")],
        [(19, "FAKE_TYPO")],  # after an astral character and [!DNL fuot]
        [(4, "FAKE_TYPO")],
    ]
    sent = requests_in(log)
    assert [(r["method"], r["path"]) for r in sent if r["path"] != "/v2/languages"] == [
        ("POST", "/v2/check")
    ]
    assert ("GET", "/v2/languages") in [(r["method"], r["path"]) for r in sent]
    form = sent[-1]["form"]
    assert set(form) == {"language", "data", "disabledRules"}  # no "text": annotated only
    assert form["language"] == ["nl"]  # nl_BE is not served: its language is
    assert form["disabledRules"] == ["A_RULE,B_RULE"]
    pieces = json.loads(form["data"][0])["annotation"]
    assert original(pieces) == texts[0] + SEPARATOR + texts[1]  # each distinct text once
    assert {"markup": "`fuot`", "interpretAs": PLACEHOLDER} in pieces


@pytest.mark.usefixtures("no_env_url", "no_private_calls")
def test_one_request_per_distinct_text_when_so_configured(tmp_path: Path) -> None:
    log = tmp_path / "requests.jsonl"
    texts = ["een fuot", "twee fuot", "een fuot", "drie"]
    with session_for("ok", log=log, max_chars=1, workers=1) as lt:
        lt.check_texts(texts, "nl-NL")
        assert lt.stats.requests == 3
    checks = [r["form"] for r in requests_in(log) if r["path"] == "/v2/check"]
    assert [original(json.loads(f["data"][0])["annotation"]) for f in checks] == [
        "een fuot",
        "twee fuot",
        "drie",
    ]
    assert {f["language"][0] for f in checks} == {"nl-NL"}


@pytest.mark.usefixtures("no_env_url")
def test_an_unknown_language_is_a_clear_error_without_a_restart(tmp_path: Path) -> None:
    state = tmp_path / "starts"
    with session_for("ok", state) as lt, pytest.raises(ToolError) as err:
        lt.check_texts(["een fuot"], "xx")
    assert "does not support language 'xx'" in str(err.value)
    assert err.value.exit_code == 3
    assert len(state.read_text().split()) == 1


def test_replacements_built_from_the_placeholder_are_dropped_only_there() -> None:
    text = "Zie `id` , en C# fuot."
    chunk = plan_chunks([annotate(text)], [len(text)], 1000)[0]
    code = text.index("`id` ,")
    word = text.index("C# fuot")

    def match(offset: int, length: int, *values: str) -> dict[str, Any]:
        return {
            "message": "x",
            "offset": offset,
            "length": length,
            "replacements": [{"value": v} for v in values],
            "rule": {"id": "R", "issueType": "grammar", "category": {"id": "C"}},
        }

    answer = {"matches": [match(code, 6, f"{PLACEHOLDER},", "ok,"), match(word, 7, "C# fout")]}
    found = LanguageToolSession("http://127.0.0.1:9/")._parse(answer, text, chunk)
    assert [(m.offset, m.replacements) for _, m in found] == [
        (code, ("ok,",)),
        (word, ("C# fout",)),
    ]


@pytest.mark.usefixtures("no_env_url")
def test_batched_offsets_come_back_to_the_right_text() -> None:
    texts = [
        "Een.",
        "Twee 😀 zinnen.",
        "Een.",
        "",
        "Hier 😀 is een fuot, en nog een fuot.",
        "`fuot` is code",
        "fuot",
    ]
    with session_for("ok", max_chars=30) as lt:
        results = lt.check_texts(texts, "nl")
        assert lt.stats.requests >= 2
    assert [len(r) for r in results] == [0, 0, 0, 0, 2, 0, 1]
    for m in results[4]:
        assert texts[4][m.offset : m.end] == "fuot"
        assert m.rule_id == "FAKE_TYPO" and m.replacements[0] == "fout"
    assert results[6][0].offset == 0


@pytest.mark.usefixtures("no_env_url")
def test_identical_texts_are_sent_once_and_disabled_rules_reach_the_server() -> None:
    with session_for("ok") as lt:
        results = lt.check_texts(["een fuot"] * 50, "nl")
        assert lt.stats.texts == 1
    assert all(len(r) == 1 for r in results)
    with session_for("ok", disabled_rules={"FAKE_TYPO"}) as lt:
        assert lt.check_texts(["een fuot"], "nl") == [[]]


@pytest.mark.usefixtures("no_env_url")
def test_the_local_server_listens_on_loopback_and_stops(tmp_path: Path) -> None:
    server = LocalServer(fake("ok"), startup_timeout=10)
    with server:
        assert server.url.startswith("http://127.0.0.1:")
        assert ping(server.url)
        pid = server.pid
        assert pid is not None
    assert not server.alive()
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)


@pytest.mark.usefixtures("no_env_url", "no_private_calls")
def test_a_server_that_dies_mid_run_is_restarted_once(tmp_path: Path) -> None:
    state = tmp_path / "starts"
    texts = [f"tekst {i} fuot" for i in range(6)]
    with session_for("die-after-3", state, max_chars=15, workers=1) as lt:
        results = lt.check_texts(texts, "nl")
        assert lt.stats.restarts == 1
    assert all(len(r) == 1 for r in results)
    assert len(state.read_text().split()) == 2


@pytest.mark.usefixtures("no_env_url")
@pytest.mark.parametrize("mode", ["die-after-0", "garbage", "badjson", "http-error", "hang"])
def test_a_broken_server_is_restarted_once_then_a_clear_error(mode: str, tmp_path: Path) -> None:
    state = tmp_path / "starts"
    with session_for(mode, state, request_timeout=1.0) as lt, pytest.raises(ToolError) as err:
        lt.check_texts(["een fuot", "nog een"], "nl")
    assert "LanguageTool" in str(err.value)
    assert len(state.read_text().split()) == 2  # started, restarted once, no more


@pytest.mark.usefixtures("no_env_url")
@pytest.mark.parametrize("mode", ["exit", "slow-start"])
def test_a_server_that_cannot_start_is_tried_twice(mode: str, tmp_path: Path) -> None:
    state = tmp_path / "starts"
    lt = session_for(mode, state, startup_timeout=1.5)
    with pytest.raises(ToolError, match="failed to start twice"):
        lt.start()
    assert len(state.read_text().split()) == 2
    assert lt.server is not None and not lt.server.alive()


def test_an_unreachable_configured_url_is_a_clear_error() -> None:
    with pytest.raises(ToolError, match="no LanguageTool server answers"):
        LanguageToolSession("http://127.0.0.1:9/").start()


def test_the_environment_url_is_used_instead_of_starting_a_server(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with LocalServer(fake("ok"), startup_timeout=10) as external:
        monkeypatch.setenv("LOCQA_LANGUAGETOOL_URL", external.url + "v2")
        with LanguageToolSession(server_argv=fake("exit")) as lt:
            assert lt.check_texts(["een fuot"], "nl")[0][0].rule_id == "FAKE_TYPO"
            assert lt.server is None


@pytest.mark.usefixtures("no_env_url")
def test_compare_batching_measures_both_ways() -> None:
    texts = [f"zin {i} met een fuot." for i in range(20)]
    with session_for("ok", max_chars=200) as lt:
        result = compare_batching(lt, texts, "nl")
    assert result.same_results
    assert result.per_segment_requests == 20
    assert result.batched_requests < result.per_segment_requests


# ----------------------------------------------------------------------------- real server


@pytest.fixture(scope="module")
def lt(languagetool_session: LanguageToolSession) -> Iterator[LanguageToolSession]:
    yield languagetool_session


@pytest.mark.languagetool
def test_real_server_finds_an_error_in_the_fifth_text_at_its_offset(
    lt: LanguageToolSession,
) -> None:
    texts = [
        "Dit is een goede zin.",
        "Klik op **Opslaan** om de wijzigingen te bewaren.",
        "De winkel toont producten.",
        "Veelgestelde vragen",
        "Klanten kunnen hun bestelling volgen 😀 via de `orders`-pagina en het gebruikergericht "
        "dashboard.",
    ]
    results = lt.check_texts(texts, "nl")
    assert results[:4] == [[], [], [], []]
    flagged = {texts[4][m.offset : m.end]: m for m in results[4]}
    assert "gebruikergericht" in flagged
    assert flagged["gebruikergericht"].replacements[0] == "gebruikersgericht"
    assert flagged["gebruikergericht"].issue_type == "misspelling"


@pytest.mark.languagetool
def test_real_server_checks_german_as_de_de_with_its_speller(lt: LanguageToolSession) -> None:
    # plain "de" has no spell checker in LanguageTool 6.8; the profile's de-DE has
    results = lt.check_texts(["Die Bestelung wurde versendet."], "de")
    assert "GERMAN_SPELLER_RULE" in {m.rule_id for m in results[0]}
    assert lt.check_texts(["订单已发货。"], "zh-Hans") == [[]]


@pytest.mark.languagetool
def test_real_server_batched_and_per_segment_agree(lt: LanguageToolSession) -> None:
    texts = ["Gebruikergericht", "Dit zijn een fout zin.", "Bedrijfs-gericht", "Productcarrousel"]
    result = compare_batching(lt, texts, "nl")
    assert result.same_results
    assert result.per_segment_requests == 4


PROTECTED_SENTENCES = {
    "nl": (
        "Voer `bin/magento cache:flush` uit, open daarna het bestand app/etc/env.php en lees "
        "https://experienceleague.adobe.com/docs voordat u [!DNL Commerce] bijwerkt."
    ),
    "fr": (
        "Exécutez `bin/magento cache:flush`, puis ouvrez le fichier app/etc/env.php et lisez "
        "https://experienceleague.adobe.com/docs avant de mettre à jour [!DNL Commerce]."
    ),
    "es": (
        "Ejecute `bin/magento cache:flush`, luego abra el archivo app/etc/env.php y lea "
        "https://experienceleague.adobe.com/docs antes de actualizar [!DNL Commerce]."
    ),
}


@pytest.mark.languagetool
@pytest.mark.parametrize("lang", sorted(PROTECTED_SENTENCES))
def test_real_server_never_checks_protected_text(lt: LanguageToolSession, lang: str) -> None:
    text = PROTECTED_SENTENCES[lang]
    protected = placeholder_spans(annotate(text))
    assert [text[a:b] for a, b in protected] == [
        "`bin/magento cache:flush`",
        "app/etc/env.php",
        "https://experienceleague.adobe.com/docs",
        "[!DNL Commerce]",
    ]
    spans = protected + untouchable_ranges(text)
    for m in lt.check_texts([text], lang)[0]:
        assert not any(a < m.end and m.offset < b for a, b in spans), (m, text[m.offset : m.end])
        assert PLACEHOLDER not in m.message and "XYZ" not in m.message, m
        assert not any(PLACEHOLDER in r or "XYZ" in r for r in m.replacements), m
