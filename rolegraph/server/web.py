"""The dream-job page: one HTML shell for every view, and its static assets under ``/static/``.

Every view has its own stable URL (``/``, ``/role/{key}``, ``/compare``, ``/route``, ``/fit``, each
with its query string), and all of them answer the same shell; the page's script reads the URL
and draws the view from the JSON API. The assets are plain files (no build step, nothing fetched
from other hosts), and a Content-Security-Policy keeps it that way in the browser.
"""

from __future__ import annotations

import mimetypes
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.responses import Response
from fastapi.staticfiles import StaticFiles
from starlette.types import Scope

from rolegraph.resources import web_dir
from rolegraph.vocab import ID

#: The paths of the page's views; ``{key:path}`` lets a role key hold slashes.
VIEW_PATHS = ("/", "/role/{key:path}", "/compare", "/route", "/fit")

#: Kinds of rolegraph IRI that are roles, and so have a page of their own.
_ROLE_PREFIXES = (f"{ID}role/", f"{ID}onet/occupation/")

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


def page_for(iri: str) -> str | None:
    """The page of a rolegraph IRI, where it has one: a browser asking for a role's IRI as HTML
    is sent to its role view (``/role/{slug}``, the same key the page itself uses)."""
    if not iri.startswith(_ROLE_PREFIXES):
        return None
    key = iri[len(ID) :]
    if key.startswith("role/"):
        key = key[len("role/") :]
    if not key or any(char in key for char in '?#<>"{}| '):
        return None
    return f"/role/{quote(key, safe='/-._~')}"


def mount_web(app: FastAPI) -> None:
    """Serve the page on ``app``: the shell at every view path and the assets at ``/static/``."""
    static = web_dir()
    shell = (static / "index.html").read_bytes()

    async def page(request: Request) -> Response:
        body = b"" if request.method == "HEAD" else shell
        headers = dict(_SHELL_HEADERS)
        if request.method == "HEAD":
            headers["Content-Length"] = str(len(shell))
        return Response(body, media_type="text/html; charset=utf-8", headers=headers)

    for path in VIEW_PATHS:
        app.add_api_route(
            path,
            page,
            methods=["GET", "HEAD"],
            include_in_schema=False,
            name=f"web{path.split('{')[0].rstrip('/').replace('/', '-') or '-home'}",
        )
    app.mount("/static", _Assets(directory=static), name="static")
