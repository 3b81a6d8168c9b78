"""The exception hierarchy: every error a user can cause is a RolegraphError.

Only the command line and the server turn these into messages and exit codes; the library
raises them with structured fields so callers can react without parsing text.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path


class RolegraphError(Exception):
    """Base of every error rolegraph raises on purpose."""


class InputError(RolegraphError):
    """A file or argument given by the user cannot be used (missing file, malformed data)."""

    def __init__(
        self,
        message: str,
        *,
        file: str | Path | None = None,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        self.file = str(file) if file is not None else None
        self.line = line
        self.column = column
        self.detail = message
        location = ""
        if self.file is not None:
            location = self.file
            if line is not None:
                location += f":{line}"
                if column is not None:
                    location += f":{column}"
            location += ": "
        super().__init__(f"{location}{message}")


class FormatError(RolegraphError):
    """An unknown format name was asked for."""

    def __init__(self, name: str, known: Sequence[str]) -> None:
        self.name = name
        self.known = tuple(known)
        super().__init__(f"unknown format {name!r}; choose one of: {', '.join(self.known)}")


class UnknownNameError(RolegraphError):
    """A role, skill or query name matches nothing; carries the closest matches."""

    def __init__(self, kind: str, name: str, suggestions: Sequence[str]) -> None:
        self.kind = kind
        self.name = name
        self.suggestions = tuple(suggestions)
        hint = f"; did you mean: {', '.join(self.suggestions)}?" if self.suggestions else ""
        super().__init__(f"unknown {kind} {name!r}{hint}")


class QueryError(RolegraphError):
    """A SPARQL query is malformed, or its parameters do not fit it."""


class StoreError(RolegraphError):
    """The graph store cannot be opened, read or written (including a remote server going away)."""


class QueryTimeoutError(StoreError):
    """A query ran past its time limit."""


class DownloadError(RolegraphError):
    """A release could not be fetched whole, or what arrived is not the release."""

    def __init__(self, url: str, reason: str) -> None:
        from urllib.parse import urlsplit, urlunsplit

        parts = urlsplit(url)
        if parts.username or parts.password:  # never repeat credentials given in a URL
            parts = parts._replace(netloc=parts.netloc.rsplit("@", 1)[-1])
        self.url = urlunsplit(parts)
        self.reason = reason
        super().__init__(f"cannot download {self.url}: {reason}; nothing was changed")
