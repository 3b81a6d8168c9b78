"""The dream-job page: one HTML shell for every view, and its static assets under ``/static/``.

Every view has its own stable URL (``/``, ``/role/{key}``, ``/compare``, ``/route``, ``/fit``, each
with its query string), and all of them answer the same shell; the page's script reads the URL
and draws the view from the JSON API. The assets are plain files (no build step, nothing fetched
from other hosts), and a Content-Security-Policy keeps it that way in the browser.
"""

from __future__ import annotations

import mimetypes
import re
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.responses import Response
from fastapi.staticfiles import StaticFiles
from starlette.types import Scope

from rolegraph.errors import RolegraphError, UnknownNameError
from rolegraph.resources import web_dir
from rolegraph.server.problems import on_http_error
from rolegraph.server.state import ServerState
from rolegraph.vocab import ID

#: The paths of the page's views; ``{key:path}`` lets a role key hold slashes.
VIEW_PATHS = ("/", "/role/{key:path}", "/compare", "/route", "/fit")

#: ESCO's occupation IRIs.
ESCO_OCCUPATION = "http://data.europa.eu/esco/occupation/"

#: Kinds of IRI that are roles, and so have a page of their own.
_ROLE_PREFIXES = (f"{ID}role/", f"{ID}onet/occupation/", ESCO_OCCUPATION)

_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

#: Paths whose answers are data, not pages: their 404s stay JSON or plain text.
_DATA_PATHS = ("/api", "/sparql", "/id/", "/ns", "/static/", "/openapi.json", "/docs")

#: Only this server: scripts, styles, images and API calls (no inline script, no other hosts).
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)

_SHELL_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-cache",
}

# Some systems map .js to text/plain, which browsers refuse for modules; say it once here.
mimetypes.add_type("text/javascript", ".js")
mimetypes.add_type("text/css", ".css")
mimetypes.add_type("image/svg+xml", ".svg")


class _Assets(StaticFiles):
    """Static files sent with the page's security headers and a short revalidated cache."""

    async def get_response(self, path: str, scope: Scope) -> Response:
        response = await super().get_response(path, scope)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Cache-Control", "no-cache")
        return response


#: Role IRIs and the short keys of their pages: ``/role/account-manager``,
#: ``/role/onet/15-2051.00``, ``/role/esco/<uuid>`` (the page's script maps them the same way).
_KEYS = (
    (f"{ID}role/", ""),
    (f"{ID}onet/occupation/", "onet/"),
    (ESCO_OCCUPATION, "esco/"),
)


def key_for(iri: str) -> str | None:
    """The short key of a role's page, or None for an IRI that has none."""
    for prefix, short in _KEYS:
        if iri.startswith(prefix):
            rest = iri[len(prefix) :]
            if rest and "/" not in rest and not any(c in rest for c in '?#<>"{}| '):
                return short + rest
    return None


def iri_for(key: str) -> str:
    """The role a page key names: an IRI for a short key, else the key itself (a label, a code
    or an IRI, resolved as the command line resolves names)."""
    for prefix, short in _KEYS:
        if short and key.startswith(short) and "/" not in key[len(short) :]:
            return prefix + key[len(short) :]
    if _SLUG.fullmatch(key):
        return f"{ID}role/{key}"
    if key.startswith(("onet/", "role/", "skill/")):
        return f"{ID}{key}"
    return key


def page_for(iri: str) -> str | None:
    """The page of a role IRI: a browser asking for a role's IRI as HTML is sent to its role
    view, at the same short key the page itself uses."""
    if not iri.startswith(_ROLE_PREFIXES):
        return None
    key = key_for(iri)
    return f"/role/{quote(key, safe='/-._~')}" if key else None


async def _names_a_role(state: ServerState, key: str) -> bool:
    """Whether a page key names a role of the graph the server answers from."""
    cache_key = ("page-role", key)
    known = state.cached(cache_key)
    if known is None:
        generation = state.generation
        graph = state.graph

        def check() -> bool:
            try:
                graph.resolve_role(iri_for(key))
            except UnknownNameError:
                return False
            return True

        try:
            known = await state.api(check)
        except RolegraphError:  # busy or too slow: the page itself will say what it finds
            return True
        state.remember(cache_key, known, generation)
    return bool(known)


def mount_web(app: FastAPI, state: ServerState | None = None) -> None:
    """Serve the page on ``app``: the shell at every view path and the assets at ``/static/``;
    with the server's ``state``, a role page naming no role answers 404."""
    static = web_dir()
    shell = (static / "index.html").read_bytes()

    def answer(request: Request, status: int = 200) -> Response:
        body = b"" if request.method == "HEAD" else shell
        headers = dict(_SHELL_HEADERS)
        if request.method == "HEAD":
            headers["Content-Length"] = str(len(shell))
        return Response(
            body, status_code=status, media_type="text/html; charset=utf-8", headers=headers
        )

    async def page(request: Request) -> Response:
        # A role's page that names no role is a real 404 (the script still draws the page,
        # with the closest roles), so links checkers and search engines see it as missing.
        key = request.path_params.get("key")
        if key is not None and state is not None and not await _names_a_role(state, key):
            return answer(request, 404)
        return answer(request)

    async def not_found(request: Request, error: Exception) -> Response:
        """Unknown paths: the page (drawing "Page not found") with status 404 for browsers;
        the usual JSON or plain-text answer for data paths and other clients."""
        accept = request.headers.get("accept", "")
        if request.url.path.startswith(_DATA_PATHS) or "text/html" not in accept:
            return await on_http_error(request, error)
        return answer(request, 404)

    app.add_exception_handler(404, not_found)

    for path in VIEW_PATHS:
        app.add_api_route(
            path,
            page,
            methods=["GET", "HEAD"],
            include_in_schema=False,
            name=f"web{path.split('{')[0].rstrip('/').replace('/', '-') or '-home'}",
        )
    app.mount("/static", _Assets(directory=static), name="static")
