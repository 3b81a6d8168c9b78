"""Conditional requests (RFC 9110, section 13): answers that depend only on the store carry an
``ETag`` (a digest of the body) and ``Last-Modified`` (when the store's current generation
began), and a client that already holds the same answer gets 304 Not Modified without a body.

``Cache-Control: no-cache`` lets clients and proxies keep an answer but makes them ask again
each time: the store may change at any moment, and revalidating costs one small round trip.
"""

from __future__ import annotations

import hashlib
from email.utils import formatdate, parsedate_to_datetime

from starlette.datastructures import Headers
from starlette.responses import Response


def entity_tag(body: bytes) -> str:
    """A strong entity tag for ``body``: the same bytes always give the same tag."""
    return '"' + hashlib.blake2b(body, digest_size=12).hexdigest() + '"'


def _matches(header: str, etag: str) -> bool:
    """Whether an If-None-Match list names ``etag`` (weak comparison, as the RFC asks)."""
    if header.strip() == "*":
        return True
    wanted = etag.removeprefix("W/")
    return any(tag.strip().removeprefix("W/") == wanted for tag in header.split(","))


def not_modified(headers: Headers, etag: str, modified: float) -> bool:
    """Whether the request's validators show the client holds this answer already. If-None-Match
    decides when present; If-Modified-Since only without it."""
    if_none_match = headers.get("if-none-match")
    if if_none_match is not None:
        return _matches(if_none_match, etag)
    since = headers.get("if-modified-since")
    if since is None:
        return False
    try:
        when = parsedate_to_datetime(since).timestamp()
    except (TypeError, ValueError, IndexError, OverflowError):
        return False  # an invalid date is ignored (RFC 9110, 13.1.3)
    return int(modified) <= when


def conditional_response(
    method: str,
    headers: Headers,
    body: bytes,
    media_type: str,
    modified: float,
    extra: dict[str, str] | None = None,
) -> Response:
    """``body`` with its validators, or 304 when a GET or HEAD shows the client has it."""
    etag = entity_tag(body)
    validators = {
        "ETag": etag,
        "Last-Modified": formatdate(modified, usegmt=True),
        "Cache-Control": "no-cache",
        **(extra or {}),
    }
    if method in ("GET", "HEAD") and not_modified(headers, etag, modified):
        return Response(status_code=304, headers=validators)
    return Response(body, media_type=media_type, headers=validators)
