"""The web review over HTTP (Starlette's TestClient, no browser): the token and the CSRF
token are required, decisions are saved into the catalogues like the terminal review's,
a stale edit is refused with the current text, and two servers on the same catalogues
never lose an update. The real-browser session is tests/test_review_browser.py."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("httpx2", reason="Starlette's TestClient needs httpx")
from starlette.testclient import TestClient

from locqa.catalog import messages, read_catalog
from locqa.checking import Checker, check_project
from locqa.config import load_settings
from locqa.extract import extract
from locqa.memory import is_approved, memory_path, original_of, read_tmx
from locqa.review import open_session
from locqa.web.app import CSP, Secrets, create_app
from locqa.web.board import Board

PO = Path("locales/nl/LC_MESSAGES/b2b-b2c.po")
REPO = Path(__file__).parent.parent
WEB_REVIEW = [sys.executable, "-m", "locqa", "review", "--web", "--no-browser"]


class Server:
    """One review server (a board, its app and a client that has opened the page)."""

    def __init__(self, root: Path) -> None:
        settings = load_settings(root)
        self.checker = Checker(settings, skip_languagetool=True, languagetool=None, jobs=1)
        session, items, _ = open_session(settings, self.checker)
        self.board = Board(session, items, settings.build_root / "review.lock")
        self.keys = Secrets()
        self.app = create_app(self.board, self.keys, ["testserver", "127.0.0.1"], "test")
        self.client = TestClient(self.app)
        page = self.client.get("/", params={"token": self.keys.token})
        assert page.status_code == 200

    def post(self, path: str, body: dict[str, Any], **headers: str) -> Any:
        return self.client.post(
            path, json=body, headers={"X-CSRF-Token": self.keys.csrf, **headers}
        )

    def state(self) -> dict[str, Any]:
        response = self.client.get("/api/state")
        assert response.status_code == 200
        data: dict[str, Any] = response.json()
        return data

    def card(self, index: int) -> dict[str, Any]:
        card: dict[str, Any] = self.state()["cards"][index]
        return card

    def close(self) -> None:
        self.client.close()
        self.checker.close()


@pytest.fixture(scope="module")
def checked(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample project extracted and checked once (its cache included)."""
    root = tmp_path_factory.mktemp("checked") / "project"
    root.mkdir()
    shutil.copy(REPO / "pyproject.toml", root / "pyproject.toml")
    shutil.copytree(REPO / "content", root / "content")
    (root / "locales" / "glossary").mkdir(parents=True)
    shutil.copy(REPO / "locales/glossary/en-nl.tbx", root / "locales/glossary/en-nl.tbx")
    settings = load_settings(root)
    extract(settings)
    check_project(settings, skip_languagetool=True, jobs=1)
    return root


@pytest.fixture
def project(checked: Path, tmp_path: Path) -> Path:
    """A fresh copy of the checked project for one test (the cached check makes it cheap)."""
    root = tmp_path / "project"
    shutil.copytree(checked, root)
    return root


@pytest.fixture
def server(project: Path) -> Iterator[Server]:
    one = Server(project)
    yield one
    one.close()


def _entry(root: Path, msgid: str) -> Any:
    return next(m for m in messages(read_catalog(root / PO, "nl")) if m.id == msgid)


def _audit(root: Path) -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = json.loads(
        (root / "build/reports/fixes.json").read_text(encoding="utf-8")
    )
    return data


def test_the_token_is_required_for_everything(server: Server) -> None:
    stranger = TestClient(server.app)
    assert stranger.get("/").status_code == 403
    assert stranger.get("/", params={"token": "wrong"}).status_code == 403
    assert stranger.get("/", params={"token": "wrông"}).status_code == 403  # not a 500
    opened = TestClient(server.app).get(
        "/", params={"token": server.keys.token}, follow_redirects=False
    )
    assert opened.status_code == 303 and opened.headers["location"] == "/"  # out of the URL
    cookie = opened.headers["set-cookie"]
    assert cookie.startswith(server.keys.cookie + "=") and "HttpOnly" in cookie
    assert "samesite=strict" in cookie.lower()
    assert stranger.get("/api/state").status_code == 403
    assert stranger.get("/static/review.js").status_code == 403
    card = server.card(0)
    refused = stranger.post(
        f"/api/cards/{card['id']}/approve",
        json={"version": card["version"]},
        headers={"X-CSRF-Token": server.keys.csrf},
    )
    assert refused.status_code == 403
    assert server.client.get("/static/review.js").status_code == 200  # the cookie opens it


def test_changes_need_the_csrf_token_json_and_the_same_origin(
    project: Path, server: Server
) -> None:
    card = server.card(0)
    path = f"/api/cards/{card['id']}/approve"
    body = {"version": card["version"]}
    assert server.client.post(path, json=body).status_code == 403  # no CSRF header
    assert server.post(path, body, **{"X-CSRF-Token": "forged"}).status_code == 403
    assert server.post(path, body, Origin="https://evil.example").status_code == 403
    form = server.client.post(
        path,
        content=b"version=" + card["version"].encode(),
        headers={"X-CSRF-Token": server.keys.csrf, "Content-Type": "text/plain"},
    )
    assert form.status_code == 422
    assert not is_approved(_entry(project, card["source"]))  # nothing was saved


def test_an_unknown_host_is_refused(server: Server) -> None:
    rebound = server.client.get("/api/state", headers={"Host": "attacker.example"})
    assert rebound.status_code == 400


def test_every_response_carries_a_strict_content_security_policy(server: Server) -> None:
    for path in ("/", "/api/state", "/static/review.css"):
        headers = server.client.get(path).headers
        assert headers["content-security-policy"] == CSP
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "no-referrer"
    assert "'unsafe-inline'" not in CSP and "default-src 'none'" in CSP
    page = server.client.get("/").text
    assert "<script>" not in page and "http" not in page  # no inline script, no CDN


def test_state_lists_articles_cards_and_progress(server: Server) -> None:
    state = server.state()
    assert state["progress"] == {"reviewed": 0, "total": len(state["cards"])}
    assert [a["name"] for a in state["articles"]] == ["content/nl/b2b-b2c.md"]
    first = state["cards"][0]
    assert first["state"] == "open" and first["findings"] and first["mt"] == first["msgstr"]
    suggestion = first["suggestions"][0]
    # the suggestion is shown as the exact resulting text
    before = first["msgstr"]
    assert suggestion["result"] == (
        before[: suggestion["start"]] + suggestion["replacement"] + before[suggestion["end"] :]
    )
    assert first["after"] is not None


def test_accept_edit_approve_skip_are_saved_like_the_terminal_review(
    project: Path, server: Server
) -> None:
    cards = server.state()["cards"]
    single = next(c for c in cards if len(c["suggestions"]) == 1 and len(c["findings"]) == 1)
    accepted = server.post(
        f"/api/cards/{single['id']}/accept", {"version": single["version"], "numbers": [1]}
    ).json()
    assert accepted["state"] == "accepted" and accepted["saved"]["left"] == 0
    entry = _entry(project, single["source"])
    assert entry.string == single["suggestions"][0]["result"] and is_approved(entry)
    assert original_of(entry.user_comments) == single["msgstr"]

    other = next(c for c in cards if c["id"] != single["id"] and c["state"] == "open")
    edited_text = other["msgstr"].replace("&#39;", "'").replace("&quot;", '"') + " Bewerkt."
    preview = server.post(f"/api/cards/{other['id']}/preview", {"text": edited_text}).json()
    assert _entry(project, other["source"]).string == other["msgstr"]  # a preview saves nothing
    assert all(f["check"] not in ("ENC002",) for f in preview["findings"])
    edited = server.post(
        f"/api/cards/{other['id']}/edit", {"version": other["version"], "text": edited_text}
    ).json()
    assert edited["msgstr"] == edited_text
    assert _entry(project, other["source"]).string == edited_text

    third = next(c for c in server.state()["cards"] if c["state"] == "open")
    approved = server.post(
        f"/api/cards/{third['id']}/approve",
        {"version": third["version"], "comment": "the name is kept on purpose"},
    ).json()
    assert approved["state"] == "approved" and approved["findings"] == []
    assert is_approved(_entry(project, third["source"]))

    fourth = next(c for c in server.state()["cards"] if c["state"] == "open")
    assert server.post(f"/api/cards/{fourth['id']}/skip", {}).json()["state"] == "skipped"
    assert _entry(project, fourth["source"]).string == fourth["msgstr"]

    log = _audit(project)
    review = [r for r in log if r["origin"] == "review"]
    assert [r["decision"] for r in review][:1] == ["accept"]
    approval = next(r for r in review if r["decision"] == "approve")
    assert approval["comment"] == "the name is kept on purpose"
    assert approval["overrides"] == sorted({f["check"] for f in third["findings"]})
    tmx = read_tmx(memory_path(project / "locales", "en", "nl"), "en", "nl")
    assert {d.source for d in tmx} >= {single["source"], third["source"]}
    progress = server.state()["progress"]  # an edit that left findings stays open
    assert progress["reviewed"] == 2 + (edited["state"] == "edited")


def test_refused_decisions_say_why_and_save_nothing(project: Path, server: Server) -> None:
    card = server.card(0)
    before = (project / PO).read_bytes()
    cases = [
        ("accept", {"version": card["version"], "numbers": [99]}),
        ("accept", {"version": card["version"], "numbers": "1"}),
        ("edit", {"version": card["version"], "text": "   "}),
        ("edit", {"version": card["version"], "text": card["msgstr"]}),
        ("edit", {"version": card["version"]}),
    ]
    for action, body in cases:
        response = server.post(f"/api/cards/{card['id']}/{action}", body)
        assert response.status_code == 422, (action, body)
        assert response.json()["error"]
    assert server.post("/api/cards/nope/skip", {}).status_code == 404
    assert (project / PO).read_bytes() == before


def test_a_stale_edit_is_refused_with_the_current_text(project: Path, server: Server) -> None:
    card = server.card(0)
    first = server.post(
        f"/api/cards/{card['id']}/edit", {"version": card["version"], "text": "Eerste versie."}
    )
    assert first.status_code == 200
    # a second tab still shows the old version
    stale = server.post(
        f"/api/cards/{card['id']}/edit", {"version": card["version"], "text": "Tweede versie."}
    )
    assert stale.status_code == 409
    assert stale.json()["card"]["msgstr"] == "Eerste versie."
    assert _entry(project, card["source"]).string == "Eerste versie."


def test_two_servers_on_the_same_catalogues_never_lose_an_update(project: Path) -> None:
    one, two = Server(project), Server(project)
    try:
        cards = one.state()["cards"]
        a, b = cards[0], cards[1]
        assert (
            one.post(
                f"/api/cards/{a['id']}/edit", {"version": a["version"], "text": "Van de eerste."}
            ).status_code
            == 200
        )
        # the second reviewer decides another entry of the same catalogue
        b_two = next(c for c in two.state()["cards"] if c["id"] == b["id"])
        assert (
            two.post(
                f"/api/cards/{b['id']}/edit",
                {"version": b_two["version"], "text": "Van de tweede."},
            ).status_code
            == 200
        )
        # and cannot overwrite the first one's decision with its old view
        assert (
            two.post(
                f"/api/cards/{a['id']}/edit", {"version": a["version"], "text": "Overschreven."}
            ).status_code
            == 409
        )
        assert _entry(project, a["source"]).string == "Van de eerste."
        assert _entry(project, b["source"]).string == "Van de tweede."
        seen = {c["id"]: c for c in one.state()["cards"]}
        assert seen[b["id"]]["msgstr"] == "Van de tweede."  # the first server sees it too
    finally:
        one.close()
        two.close()


def test_a_port_in_use_is_one_line_and_exit_2(project: Path) -> None:
    from locqa.web.serve import listening_socket

    with listening_socket("127.0.0.1", 0) as taken:
        port = taken.getsockname()[1]
        done = subprocess.run(
            [*WEB_REVIEW, "--skip-languagetool", "--port", str(port)],
            cwd=project,
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert done.returncode == 2
    assert done.stderr.strip().count("\n") == 0 and f"--port {port}" in done.stderr
    assert "Traceback" not in done.stderr


def test_two_servers_keep_each_others_memory_decisions(project: Path) -> None:
    one, two = Server(project), Server(project)
    try:
        a, b = one.state()["cards"][:2]
        b_two = next(c for c in two.state()["cards"] if c["id"] == b["id"])
        assert (
            one.post(f"/api/cards/{a['id']}/approve", {"version": a["version"]}).status_code == 200
        )
        assert (
            two.post(f"/api/cards/{b['id']}/approve", {"version": b_two["version"]}).status_code
            == 200
        )
        tmx = read_tmx(memory_path(project / "locales", "en", "nl"), "en", "nl")
        assert {a["source"], b["source"]} <= {d.source for d in tmx}
    finally:
        one.close()
        two.close()


def test_simultaneous_decisions_on_one_entry_exactly_one_wins(project: Path) -> None:
    """Two servers (their own in-process locks) decide the same entry at the same moment:
    the file lock between them lets one through and refuses the other as stale."""
    import threading

    one, two = Server(project), Server(project)
    try:
        card = one.card(0)
        start = threading.Barrier(2)
        codes: dict[str, int] = {}

        def decide(server: Server, text: str) -> None:
            start.wait()
            response = server.post(
                f"/api/cards/{card['id']}/edit", {"version": card["version"], "text": text}
            )
            codes[text] = response.status_code

        threads = [
            threading.Thread(target=decide, args=(one, "Van de eerste.")),
            threading.Thread(target=decide, args=(two, "Van de tweede.")),
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert sorted(codes.values()) == [200, 409]
        winner = next(text for text, code in codes.items() if code == 200)
        assert _entry(project, card["source"]).string == winner
    finally:
        one.close()
        two.close()
