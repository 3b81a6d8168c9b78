"""One lexer for SPARQL text, and the light look rolegraph takes at a query before it runs.

The engines parse queries themselves. rolegraph only needs the tokens outside strings, IRIs and
comments: to find the WHERE group a parameter is bound in (:mod:`rolegraph.store.binding`), to
choose a response format before evaluation, and to refuse SERVICE and LOAD, which would make a
server fetch arbitrary URLs on a client's behalf.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import NamedTuple

from rolegraph.errors import QueryError
from rolegraph.limits import check_sparql

_TOKENS = re.compile(
    r"""(?P<comment>\#[^\n\r]*)
      | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
                  |'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")
      | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
      | (?P<var>[?$][\w\u00b7\u0300-\u036f\u203f-\u2040]+)
      | (?P<pname>[^\W\d][\w.-]*:[\w.%\\:-]*|:[\w.%\\:-]*)
      | (?P<word>[^\W\d]\w*)
      | (?P<open>\{)
      | (?P<close>\})
      | (?P<paren>[()])
    """,
    re.VERBOSE | re.DOTALL,
)

_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")

QUERY_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
_UPDATE_WORDS = frozenset(
    {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}
)


class Token(NamedTuple):
    """One token of SPARQL text: its kind (``comment``, ``string``, ``iri``, ``var``, ``pname``,
    ``word``, ``open``, ``close`` or ``paren``), its text and where it ends in the text."""

    kind: str
    text: str
    end: int


def tokens(text: str) -> Iterator[Token]:
    """The tokens of ``text`` in order; what is none of them (punctuation, numbers, space) is
    skipped."""
    for match in _TOKENS.finditer(text):
        yield Token(match.lastgroup or "", match.group(), match.end())


@dataclass(frozen=True)
class QueryShape:
    """What the text of a query or update says about it."""

    form: str | None
    """SELECT, ASK, CONSTRUCT or DESCRIBE for a query; None when no form keyword was found."""
    reaches_out: bool
    """Whether it uses SERVICE or LOAD."""
    is_update: bool
    """Whether it starts like a SPARQL update."""

    @property
    def is_graph(self) -> bool:
        return self.form in ("CONSTRUCT", "DESCRIBE")


def _unescape(text: str) -> str:
    def replace(match: re.Match[str]) -> str:
        code = int(match.group(1) or match.group(2), 16)
        return chr(code) if code <= 0x10FFFF else "\ufffd"

    return _ESCAPE.sub(replace, text)


def inspect(text: str) -> QueryShape:
    """Find the query form and the keywords that reach outside the server (also when spelt with
    ``\\u`` escapes, which SPARQL resolves before parsing)."""
    form: str | None = None
    reaches_out = False
    first_word: str | None = None
    for token in tokens(_unescape(text)):
        if token.kind != "word":
            continue
        word = token.text.upper()
        if word in ("PREFIX", "BASE"):
            continue
        if first_word is None:
            first_word = word
        if form is None and word in QUERY_FORMS:
            form = word
        if word in ("SERVICE", "LOAD"):
            reaches_out = True
    is_update = first_word in _UPDATE_WORDS and form is None
    return QueryShape(form=form, reaches_out=reaches_out, is_update=is_update)


def check_query(text: str, *, allow_service: bool) -> QueryShape:
    """The shape of a query a server is asked to evaluate.

    Raises:
        QueryError: empty text, an update sent as a query, or SERVICE when not allowed.
    """
    if not text.strip():
        raise QueryError("the query is empty")
    check_sparql(text, kind="query")
    shape = inspect(text)
    if shape.is_update:
        raise QueryError("this is a SPARQL update; send it as 'update', not 'query'")
    if shape.reaches_out and not allow_service:
        raise QueryError("SERVICE is not allowed on this server")
    return shape


def check_update(text: str, *, allow_service: bool) -> QueryShape:
    """The shape of an update a server is asked to run.

    Raises:
        QueryError: empty text, or LOAD/SERVICE when not allowed.
    """
    if not text.strip():
        raise QueryError("the update is empty")
    check_sparql(text, kind="update")
    shape = inspect(text)
    if shape.reaches_out and not allow_service:
        raise QueryError("LOAD and SERVICE are not allowed on this server")
    return shape
