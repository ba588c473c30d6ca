"""The web review's HTTP side: a Starlette application over a :class:`~locqa.web.board.Board`.

Security, for a server any local process (and any web page the reviewer visits) can reach:

* **a secret token**: the page is opened as ``/?token=…``, which puts the token in an
  ``HttpOnly``, ``SameSite=Strict`` cookie of its own and redirects to ``/`` (out of the
  address bar and the history); every request without it gets 403;
* **CSRF**: a state-changing request (POST) must also carry the page's second secret in the
  ``X-CSRF-Token`` header and a JSON body, and come from the server's own origin; a form or
  a cross-site script cannot set that header without a CORS preflight, which is never
  granted;
* **DNS rebinding**: Starlette's ``TrustedHostMiddleware`` refuses any ``Host`` but the one
  served;
* **inert text**: the page is built by our script with ``textContent`` only, under a strict
  Content-Security-Policy (scripts and styles from this server only, no inline script, no
  network but this server, no frames, no forms), so a ``<script>`` in a translation is text;
* **self-contained**: the script and the stylesheet are our own, shipped in the package
  (``locqa/data/review.js``, ``review.css``): no CDN, no external font.
"""

from __future__ import annotations

import html
import json
import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from .board import Board, Refused, Stale, UnknownCard

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}
_STATIC = {
    "review.js": "text/javascript",
    "review.css": "text/css",
    "favicon.svg": "image/svg+xml",
}
_MAX_BODY = 1 << 20  # a translation is never a megabyte

Handler = Callable[[Request], Awaitable[Response]]


@dataclass
class Secrets:
    """The secrets of one server run: the access token, the CSRF token, and the name of
    the cookie holding the token (its own per server: cookies are not kept apart by port,
    so two reviews open in one browser must not overwrite each other's)."""

    token: str = field(default_factory=lambda: secrets.token_urlsafe(24))
    csrf: str = field(default_factory=lambda: secrets.token_urlsafe(24))
    cookie: str = field(default_factory=lambda: f"locqa_review_{secrets.token_hex(4)}")


def _same(given: str, expected: str) -> bool:
    """Constant-time comparison of a secret (bytes: any text a client sends compares)."""
    return secrets.compare_digest(given.encode("utf-8", "surrogateescape"), expected.encode())


def _respond(response: Response) -> Response:
    response.headers.update(_HEADERS)
    return response


def _error(status: int, message: str, **extra: Any) -> Response:
    return _respond(JSONResponse({"error": message, **extra}, status_code=status))


def _page(csrf: str, title: str) -> str:
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="csrf-token" content="{html.escape(csrf)}">
<title>{html.escape(title)}</title>
<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/static/review.css">
<script src="/static/review.js" defer></script>
</head>
<body>
<noscript>The review needs JavaScript (this page's own script, served by locqa).</noscript>
</body>
</html>
"""


def create_app(board: Board, keys: Secrets, hosts: list[str], title: str) -> Starlette:
    """The application serving *board*, reachable only with *keys* and under *hosts*."""

    def authorised(request: Request) -> bool:
        given = request.cookies.get(keys.cookie) or request.headers.get("x-locqa-token") or ""
        return _same(given, keys.token)

    def guarded(handler: Handler, *, changes: bool = False) -> Handler:
        async def run(request: Request) -> Response:
            if not authorised(request):
                return _error(403, "this review needs its token: open the address locqa printed")
            if changes:
                csrf = request.headers.get("x-csrf-token", "")
                if not _same(csrf, keys.csrf):
                    return _error(403, "missing or wrong CSRF token: reload the page")
                origin = request.headers.get("origin")
                if origin is not None and origin != f"{request.url.scheme}://{request.url.netloc}":
                    return _error(403, f"cross-origin request from {origin} refused")
            try:
                return await handler(request)
            except UnknownCard:
                return _error(404, "no such entry in this review")
            except Stale as stale:
                return _error(
                    409,
                    "someone changed this entry since you opened it; "
                    "here is the current text (your change was not saved)",
                    card=stale.card,
                )
            except Refused as refused:
                return _error(422, str(refused))

        return run

    async def page(request: Request) -> Response:
        given = request.query_params.get("token", "")
        if given and _same(given, keys.token):
            # the token goes into the cookie and out of the address bar and the history
            response = _respond(RedirectResponse("/", status_code=303))
            response.set_cookie(keys.cookie, keys.token, httponly=True, samesite="strict", path="/")
            return response
        if authorised(request):
            return _respond(Response(_page(keys.csrf, title), media_type="text/html"))
        return _respond(
            Response(
                "403: this review needs its token: open the address locqa printed\n",
                status_code=403,
                media_type="text/plain",
            )
        )

    async def static(request: Request) -> Response:
        name = request.path_params["name"]
        if name not in _STATIC:
            return _error(404, "not found")
        body = resources.files("locqa.data").joinpath(name).read_bytes()
        return _respond(Response(body, media_type=_STATIC[name]))

    async def body(request: Request) -> dict[str, Any]:
        if request.headers.get("content-type", "").split(";")[0].strip() != "application/json":
            raise Refused("send JSON (Content-Type: application/json)")
        raw = await request.body()
        if len(raw) > _MAX_BODY:
            raise Refused("request too large")
        try:
            data = json.loads(raw)
        except (ValueError, UnicodeDecodeError):
            raise Refused("the request body is not JSON") from None
        if not isinstance(data, dict):
            raise Refused("the request body must be a JSON object")
        return data

    def text_field(data: dict[str, Any], name: str, required: bool = True) -> str:
        value = data.get(name)
        if value is None and not required:
            return ""
        if not isinstance(value, str):
            raise Refused(f"'{name}' must be a string")
        return value

    async def answer(work: Callable[..., Any], *args: Any) -> Response:
        """*work* (a board method: it reads and writes files) off the event loop, as JSON."""
        return _respond(JSONResponse(await run_in_threadpool(work, *args)))

    async def state(request: Request) -> Response:
        return await answer(board.snapshot)

    async def card(request: Request) -> Response:
        return await answer(board.card, request.path_params["id"])

    async def accept(request: Request) -> Response:
        data = await body(request)
        numbers = data.get("numbers", [])
        if not isinstance(numbers, list) or not all(
            isinstance(n, int) and not isinstance(n, bool) for n in numbers
        ):
            raise Refused("'numbers' must be a list of suggestion numbers")
        version = text_field(data, "version")
        return await answer(board.accept, request.path_params["id"], version, numbers)

    async def edit(request: Request) -> Response:
        data = await body(request)
        version, text = text_field(data, "version"), text_field(data, "text")
        return await answer(board.edit, request.path_params["id"], version, text)

    async def approve(request: Request) -> Response:
        data = await body(request)
        version = text_field(data, "version")
        comment = text_field(data, "comment", required=False)
        return await answer(board.approve, request.path_params["id"], version, comment)

    async def skip(request: Request) -> Response:
        await body(request)
        return await answer(board.skip, request.path_params["id"])

    async def preview(request: Request) -> Response:
        data = await body(request)
        found = await run_in_threadpool(
            board.preview, request.path_params["id"], text_field(data, "text")
        )
        return _respond(JSONResponse({"findings": found}))

    routes = [
        Route("/", page, methods=["GET"]),
        Route("/static/{name}", guarded(static), methods=["GET"]),
        Route("/api/state", guarded(state), methods=["GET"]),
        Route("/api/cards/{id}", guarded(card), methods=["GET"]),
        Route("/api/cards/{id}/accept", guarded(accept, changes=True), methods=["POST"]),
        Route("/api/cards/{id}/edit", guarded(edit, changes=True), methods=["POST"]),
        Route("/api/cards/{id}/approve", guarded(approve, changes=True), methods=["POST"]),
        Route("/api/cards/{id}/skip", guarded(skip, changes=True), methods=["POST"]),
        Route("/api/cards/{id}/preview", guarded(preview, changes=True), methods=["POST"]),
    ]
    middleware = [Middleware(TrustedHostMiddleware, allowed_hosts=hosts)]
    return Starlette(routes=routes, middleware=middleware)
