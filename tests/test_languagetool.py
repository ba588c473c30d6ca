"""LanguageTool integration: annotation, batching, Maven fetch, server faults, real server.

Fault tests run a fake server process (tests/fake_lt_server.py) and need no Java; tests
marked ``languagetool`` run the real LanguageTool server (see tests/lt_fixtures.py).
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from locqa.errors import ToolError
from locqa.languagetool import LanguageToolSession, LocalServer, compare_batching, maven
from locqa.languagetool.annotate import PLACEHOLDER, annotate, original
from locqa.languagetool.batching import SEPARATOR, Utf16Index, locate, plan_chunks
from locqa.languagetool.server import ping

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
    annotations = [[{"text": t}] if t else [] for t in texts]
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


def test_fetch_reports_a_maven_failure(tmp_path: Path) -> None:
    mvn = _fake_mvn(tmp_path, 'echo "[ERROR] Could not resolve dependencies" >&2\nexit 1\n')
    with pytest.raises(ToolError, match="Could not resolve dependencies"):
        maven.fetch("6.8", tmp_path / "cache", mvn=mvn)
    assert not maven.is_cached("6.8", tmp_path / "cache")


def test_the_pom_names_the_three_artifacts_and_a_version_parameter() -> None:
    pom = maven.pom_text()
    for artifact in ("languagetool-server", "language-nl", "language-en"):
        assert f"<artifactId>{artifact}</artifactId>" in pom
    assert "${languagetool.version}" in pom and "<packaging>pom</packaging>" in pom


# ----------------------------------------------------------------------------- fake server


def fake(mode: str, state: Path | None = None) -> Callable[[int, Path], Sequence[str]]:
    def argv(port: int, workdir: Path) -> list[str]:
        extra = ["--state", str(state)] if state else []
        return [sys.executable, str(FAKE), "--port", str(port), "--mode", mode, *extra]

    return argv


@pytest.fixture
def no_env_url(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LOCQA_LANGUAGETOOL_URL", raising=False)


def session_for(mode: str, state: Path | None = None, **kw: object) -> LanguageToolSession:
    options: dict[str, object] = {"startup_timeout": 10.0, "request_timeout": 5.0}
    options.update(kw)
    return LanguageToolSession(server_argv=fake(mode, state), **options)  # type: ignore[arg-type]


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


@pytest.mark.usefixtures("no_env_url")
def test_a_server_that_dies_mid_run_is_restarted_once(tmp_path: Path) -> None:
    state = tmp_path / "starts"
    texts = [f"tekst {i} fuot" for i in range(6)]
    with session_for("die-after-3", state, max_chars=15, workers=1) as lt:
        results = lt.check_texts(texts, "nl")
        assert lt.stats.restarts == 1
    assert all(len(r) == 1 for r in results)
    assert len(state.read_text().split()) == 2


@pytest.mark.usefixtures("no_env_url")
@pytest.mark.parametrize("mode", ["die-after-0", "garbage", "badjson", "hang"])
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
def test_real_server_batched_and_per_segment_agree(lt: LanguageToolSession) -> None:
    texts = ["Gebruikergericht", "Dit zijn een fout zin.", "Bedrijfs-gericht", "Productcarrousel"]
    result = compare_batching(lt, texts, "nl")
    assert result.same_results
    assert result.per_segment_requests == 4
