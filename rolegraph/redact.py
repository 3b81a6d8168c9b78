"""Keep credentials out of messages: the user information of URLs and known secrets (store
passwords, update tokens) are replaced before any text reaches a person, a log or a client."""

from __future__ import annotations

import re
import threading

#: ``scheme://user:password@`` or ``scheme://token@``: everything between ``//`` and ``@``.
_USERINFO = re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://)[^/?#@\s\"'<>]*@")

_SECRETS: set[str] = set()
_LOCK = threading.Lock()

#: What a hidden credential is shown as.
HIDDEN = "***"


def add_secret(value: str | None) -> None:
    """Hide ``value`` from every text :func:`redact` sees from now on (short values, which would
    hide ordinary words, are not taken)."""
    if value and len(value) >= 4:
        with _LOCK:
            _SECRETS.add(value)


def redact_url(url: str) -> str:
    """``url`` without its user information (``http://***@host/...``)."""
    return _USERINFO.sub(lambda m: f"{m.group(1)}{HIDDEN}@", url)


def redact(text: str) -> str:
    """``text`` with the user information of every URL and every known secret hidden."""
    text = redact_url(text)
    with _LOCK:
        secrets = sorted(_SECRETS, key=len, reverse=True)
    for secret in secrets:
        if secret in text:
            text = text.replace(secret, HIDDEN)
    return text
