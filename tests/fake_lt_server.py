"""A stand-in LanguageTool HTTP server for fault tests (no Java needed).

    python tests/fake_lt_server.py --port N --mode MODE [--state FILE] [--log FILE]

It implements the part of LanguageTool's HTTP API locqa uses: ``GET /v2/languages`` and
``POST /v2/check`` (form-encoded ``language``, ``text`` or ``data``, ``disabledRules``),
answering 400 with a plain-text message, as LanguageTool does, for a request without
``language``, with neither or both of ``text`` and ``data``, or with an unknown language.

Modes:
  ok            answers /v2/languages and /v2/check; flags every "fuot" as a misspelling
                (offsets in UTF-16 code units, as LanguageTool counts them)
  garbage       /v2/languages is fine, /v2/check answers 200 with an HTML page
  badjson       /v2/check answers JSON that is not a LanguageTool answer
  http-error    /v2/check answers 500 with a plain-text error
  hang          /v2/languages is fine, /v2/check never answers
  die-after-N   like ok, but the process exits after answering N check requests
  exit          exits at once (fails to start)
  slow-start    sleeps 30 s before listening
The --state file gets one line per process start, so tests can count (re)starts; the
--log file gets one JSON line per request (method, path, form fields), so tests can see
what the client sent.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs

LANGUAGES = [
    {"name": "Dutch", "code": "nl", "longCode": "nl"},
    {"name": "Dutch (Netherlands)", "code": "nl", "longCode": "nl-NL"},
    {"name": "English", "code": "en", "longCode": "en"},
    {"name": "English (US)", "code": "en", "longCode": "en-US"},
    {"name": "French", "code": "fr", "longCode": "fr"},
    {"name": "Spanish", "code": "es", "longCode": "es"},
]
KNOWN = {lang[key] for lang in LANGUAGES for key in ("code", "longCode")}


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def document_of(form: dict[str, list[str]]) -> tuple[str, list[bool]]:
    """The original document, and for each character whether it is text (not markup)."""
    if "data" not in form:
        text = form.get("text", [""])[0]
        return text, [True] * len(text)
    pieces = json.loads(form["data"][0])["annotation"]
    document = "".join(p.get("text", p.get("markup", "")) for p in pieces)
    mask = [
        flag for p in pieces for flag in [("text" in p)] * len(p.get("text", p.get("markup", "")))
    ]
    return document, mask


def matches_for(document: str, mask: list[bool], disabled: set[str]) -> list[dict[str, object]]:
    if "FAKE_TYPO" in disabled:
        return []
    found = []
    for m in re.finditer("fuot", document):
        if not all(mask[m.start() : m.end()]):
            continue  # LanguageTool never reports matches inside markup
        offset = utf16_len(document[: m.start()])
        para_start = document.rfind("\n\n", 0, m.start()) + 1
        para_end = document.find("\n\n", m.end())
        sentence = document[para_start : para_end if para_end >= 0 else len(document)].strip()
        found.append(
            {
                "message": "Er is een mogelijke spelfout gevonden.",
                "shortMessage": "Spelfout",
                "replacements": [{"value": "fout"}, {"value": "fuut"}],
                "offset": offset,
                "length": 4,
                "context": {"text": sentence, "offset": 0, "length": 4},
                "sentence": sentence,
                "type": {"typeName": "UnknownWord"},
                "rule": {
                    "id": "FAKE_TYPO",
                    "description": "spelling",
                    "issueType": "misspelling",
                    "category": {"id": "TYPOS", "name": "Typefouten"},
                },
            }
        )
    return found


def problem(form: dict[str, list[str]]) -> str | None:
    """What LanguageTool would answer 400 for, or None."""
    if "language" not in form:
        return "Missing 'language' parameter"
    if ("text" in form) == ("data" in form):
        return (
            "Missing 'text' or 'data' parameter" if "text" not in form else "Set 'text' or 'data'"
        )
    if form["language"][0] not in KNOWN:
        return f"'{form['language'][0]}' is not a language code known to LanguageTool"
    if "data" in form:
        try:
            pieces = json.loads(form["data"][0])["annotation"]
            assert all(("text" in p) != ("markup" in p) for p in pieces)
        except (ValueError, KeyError, TypeError, AssertionError):
            return "Invalid 'data' parameter"
    return None


class Handler(BaseHTTPRequestHandler):
    mode = "ok"
    answered = 0
    limit: int | None = None
    log: Path | None = None

    def _record(self, method: str, form: dict[str, list[str]]) -> None:
        if Handler.log is not None:
            with Handler.log.open("a", encoding="utf-8") as handle:
                entry = {"method": method, "path": self.path, "form": form}
                handle.write(json.dumps(entry, ensure_ascii=False) + "\n")

    def log_message(self, format: str, *args: object) -> None:  # quiet
        pass

    def _send(self, status: int, body: bytes, ctype: str = "application/json") -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        self._record("GET", {})
        if self.path.startswith("/v2/languages"):
            self._send(200, json.dumps(LANGUAGES).encode())
        else:
            self._send(404, b"not found", "text/plain")

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", "0"))
        form = parse_qs(self.rfile.read(length).decode("utf-8"))
        self._record("POST", form)
        if not self.path.startswith("/v2/check"):
            self._send(404, b"not found", "text/plain")
            return
        mode = Handler.mode
        if mode == "hang":
            time.sleep(3600)
        if mode == "garbage":
            self._send(200, b"<html><body>Internal error</body></html>", "text/html")
            return
        if mode == "http-error":
            self._send(500, b"Error: Internal Error: java.lang.OutOfMemoryError", "text/plain")
            return
        if mode == "badjson":
            self._send(200, json.dumps({"unexpected": True}).encode())
            return
        if Handler.limit is not None and Handler.answered >= Handler.limit:
            os._exit(1)
        error = problem(form)
        if error is not None:
            self._send(400, f"Error: {error}".encode(), "text/plain")
            return
        document, mask = document_of(form)
        disabled = set(",".join(form.get("disabledRules", [""])).split(","))
        body = {
            "software": {"name": "FakeTool", "version": "0.0-fake"},
            "language": {"code": form.get("language", ["nl"])[0]},
            "matches": matches_for(document, mask, disabled),
        }
        self._send(200, json.dumps(body).encode())
        Handler.answered += 1


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--mode", default="ok")
    parser.add_argument("--state", default=None)
    parser.add_argument("--log", default=None)
    args = parser.parse_args()
    Handler.log = Path(args.log) if args.log else None
    if args.state:
        with Path(args.state).open("a", encoding="utf-8") as handle:
            handle.write(f"{os.getpid()}\n")
    mode = args.mode
    if mode == "exit":
        print("fake server: refusing to start", file=sys.stderr)
        sys.exit(3)
    if mode == "slow-start":
        time.sleep(30)
    if mode.startswith("die-after-"):
        Handler.limit = int(mode.rsplit("-", 1)[1])
        mode = "ok"
    Handler.mode = mode
    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    server.daemon_threads = True
    server.serve_forever()


if __name__ == "__main__":
    main()
