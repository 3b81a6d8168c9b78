"""The outermost layer of the server: size limits, a last line against unexpected errors, and
one structured access-log line per request.

- A request whose body (declared or actually sent) exceeds the limit gets 413, and one whose
  query string does gets 414, before the application reads it.
- An unexpected exception becomes a generic 500 for the client; its traceback goes to the server
  log only.
- Each request is logged on ``rolegraph.access`` as one JSON object: time, method, path, status,
  duration_ms, bytes (of the response body) and client.
"""

from __future__ import annotations

import logging
import time
from datetime import UTC, datetime
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from rolegraph.server.formats import dump_json

access_log = logging.getLogger("rolegraph.access")
error_log = logging.getLogger("rolegraph.server")


class _BodyTooLarge(Exception):
    pass


async def _send_text(
    send: Send, status: int, text: str, headers: list[tuple[bytes, bytes]]
) -> None:
    body = (text + "\n").encode("utf-8")
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"text/plain; charset=utf-8"),
                (b"content-length", str(len(body)).encode()),
                *headers,
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


class Guard:
    """ASGI middleware enforcing size limits, hiding internal errors and logging each request."""

    def __init__(self, app: ASGIApp, *, max_request_bytes: int) -> None:
        self.app = app
        self.max_request_bytes = max_request_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        state: dict[str, Any] = {"status": 0, "bytes": 0, "started": False}
        limit = self.max_request_bytes

        async def send_logged(message: Message) -> None:
            if message["type"] == "http.response.start":
                state["status"] = message["status"]
                state["started"] = True
            elif message["type"] == "http.response.body":
                state["bytes"] += len(message.get("body", b""))
            await send(message)

        received = 0

        async def receive_limited() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise _BodyTooLarge
            return message

        try:
            problem = self._check(scope)
            if problem is not None:
                await _send_text(send_logged, *problem, [(b"connection", b"close")])
            else:
                await self.app(scope, receive_limited, send_logged)
        except _BodyTooLarge:
            if not state["started"]:
                await _send_text(
                    send_logged,
                    413,
                    f"the request body is larger than this server's limit of {limit:,} bytes",
                    [(b"connection", b"close")],
                )
        except Exception:
            error_log.exception(
                "unexpected error answering %s %s", scope.get("method"), scope.get("path")
            )
            if not state["started"]:
                await _send_text(send_logged, 500, "internal server error", [])
            else:
                state["status"] = 500
        finally:
            self._log(scope, state, start)

    def _check(self, scope: Scope) -> tuple[int, str] | None:
        limit = self.max_request_bytes
        if len(scope.get("query_string", b"")) > limit:
            return 414, f"the query string is longer than this server's limit of {limit:,} bytes"
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    length = int(value)
                except ValueError:
                    return 400, "malformed Content-Length header"
                if length > limit:
                    return (
                        413,
                        f"the request body is larger than this server's limit of {limit:,} bytes",
                    )
        return None

    @staticmethod
    def _log(scope: Scope, state: dict[str, Any], start: float) -> None:
        if not access_log.isEnabledFor(logging.INFO):
            return
        client = scope.get("client")
        record = {
            "time": datetime.now(UTC).isoformat(timespec="milliseconds"),
            "method": scope.get("method"),
            "path": scope.get("path"),
            "status": state["status"],
            "duration_ms": round((time.perf_counter() - start) * 1000, 2),
            "bytes": state["bytes"],
            "client": f"{client[0]}:{client[1]}" if client else None,
        }
        access_log.info(dump_json(record).decode("utf-8"))
