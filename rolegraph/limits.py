"""How deep and how large a text may be before a parser is given it.

The SPARQL and JSON-LD parsers recurse once per level of nesting: a few kilobytes of brackets
overflow the native stack and kill the process, and deep JSON-LD grows memory without bound.
So every SPARQL query or update and every RDF document is first scanned here, cheaply and
lexically (strings, IRIs and comments are skipped, so a bracket inside them does not count), and
refused with a :class:`LimitError` naming the limit when it nests deeper than :data:`MAX_DEPTH`
or is larger than its size limit. Real queries and data nest a few levels; the limit is far above
them and far below where any parser fails.
"""

from __future__ import annotations

import mmap
import re
from pathlib import Path

from rolegraph.errors import InputError

#: The deepest nesting of brackets (SPARQL groups, parentheses and brackets; JSON objects and
#: arrays; Turtle blank nodes and collections; RDF/XML elements) a text may have.
MAX_DEPTH = 128
#: The largest SPARQL query or update text, in bytes of UTF-8.
MAX_QUERY_BYTES = 16 * 1024 * 1024

_CHUNK = 16 * 1024 * 1024


class LimitError(InputError):
    """A text is nested too deeply or is too large to be parsed safely."""

    def __init__(
        self, message: str, *, limit: str, file: str | Path | None = None, line: int | None = None
    ) -> None:
        self.limit = limit
        """Which limit: ``depth`` or ``size``."""
        super().__init__(message, file=file, line=line)


# SPARQL, Turtle, TriG, N-Triples: comments, strings and IRIs are skipped whole. Whether `<...>`
# is an IRI or a comparison depends on the grammar, so a text is scanned both ways and the deeper
# count is taken: once with IRIs that hold no bracket (a `<` before a bracket is a comparison,
# skipped alone), once with IRIs that may hold brackets (a `#` in them starts no comment).
_RDF_TEXT = re.compile(
    rb"""(?P<skip>\#[^\n\r]*
      | '''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
      | '(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*"
      | <[^<>"{}|^`\\\x00-\x20()\[\]]*>)
      | (?P<open><<\(?|[{(\[])
      | (?P<close>\)?>>|[})\]])
    """,
    re.VERBOSE | re.DOTALL,
)
_RDF_TEXT_IRIS = re.compile(
    _RDF_TEXT.pattern.replace(rb"\x20()\[\]]*>", rb"\x20]*>"), re.VERBOSE | re.DOTALL
)
_JSON = re.compile(rb'(?P<skip>"(?:[^"\\]|\\.)*")|(?P<open>[{\[])|(?P<close>[}\]])', re.DOTALL)
_XML = re.compile(
    rb"""(?P<skip><!--.*?-->|<!\[CDATA\[.*?\]\]>|<\?.*?\?>|<![^>]*>|<[^>]*/>)
      | (?P<close></[^>]*>)
      | (?P<open><[^>]*>)
    """,
    re.VERBOSE | re.DOTALL,
)
_SPARQL_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")

#: Bytes that open a level, per scanner: when a text holds no more of them than the limit, it
#: cannot nest deeper and is not scanned.
_OPENERS: dict[re.Pattern[bytes], tuple[bytes, ...]] = {
    _RDF_TEXT: (b"{", b"(", b"[", b"<<"),
    _JSON: (b"{", b"["),
    _XML: (b"<",),
}

#: The scanner for each RDF input format name (as in :data:`rolegraph.load.INPUT_FORMATS`).
_RDF_SCANNERS: dict[str, re.Pattern[bytes]] = {
    "turtle": _RDF_TEXT,
    "trig": _RDF_TEXT,
    "nt": _RDF_TEXT,
    "nquads": _RDF_TEXT,
    "json-ld": _JSON,
    "xml": _XML,
}


def _depth_exceeded(data: bytes | mmap.mmap, scanner: re.Pattern[bytes], limit: int) -> int | None:
    """The offset at which ``data`` first nests deeper than ``limit``, else None."""
    openers = _OPENERS[scanner]
    total = 0
    for start in range(0, len(data), _CHUNK):
        chunk = data[start : start + _CHUNK]
        total += sum(chunk.count(opener) for opener in openers)
        if total > limit:
            break
    else:
        return None
    found = _scan(data, scanner, limit)
    if found is None and scanner is _RDF_TEXT:
        found = _scan(data, _RDF_TEXT_IRIS, limit)
    return found


def _scan(data: bytes | mmap.mmap, scanner: re.Pattern[bytes], limit: int) -> int | None:
    """The offset at which ``scanner``'s brackets in ``data`` nest deeper than ``limit``."""
    depth = 0
    for match in scanner.finditer(data):
        kind = match.lastgroup
        if kind == "open":
            depth += 1
            if depth > limit:
                return match.start()
        elif kind == "close" and depth > 0:
            depth -= 1
    return None


def _line_of(data: bytes | mmap.mmap, offset: int) -> int:
    return data[:offset].count(b"\n") + 1


def _unescape_sparql(text: str) -> str:
    """SPARQL reads \\u escapes before anything else: a hidden bracket is a bracket."""

    def replace(match: re.Match[str]) -> str:
        code = int(match.group(1) or match.group(2), 16)
        return chr(code) if code <= 0x10FFFF else "\ufffd"

    return _SPARQL_ESCAPE.sub(replace, text)


def check_sparql(text: str, *, kind: str = "query", file: str | Path | None = None) -> None:
    """Refuse a SPARQL query or update that is too large or nests too deeply for the parser.

    Raises:
        LimitError: over :data:`MAX_QUERY_BYTES` or :data:`MAX_DEPTH`.
    """
    data = _unescape_sparql(text).encode("utf-8", "surrogatepass")
    if len(data) > MAX_QUERY_BYTES:
        raise LimitError(
            f"the SPARQL {kind} is {len(data):,} bytes, over the limit of {MAX_QUERY_BYTES:,}",
            limit="size",
            file=file,
        )
    offset = _depth_exceeded(data, _RDF_TEXT, MAX_DEPTH)
    if offset is not None:
        raise LimitError(
            f"the SPARQL {kind} nests groups, brackets or parentheses more than {MAX_DEPTH} "
            "levels deep, the limit",
            limit="depth",
            file=file,
            line=_line_of(data, offset),
        )


def _depth_message(rdf_format: str) -> str:
    what = {"json-ld": "JSON-LD", "xml": "RDF/XML", "nt": "N-Triples", "nquads": "N-Quads"}
    name = what.get(rdf_format, rdf_format.capitalize() if rdf_format != "trig" else "TriG")
    return f"the {name} data nests more than {MAX_DEPTH} levels deep, the limit"


def check_rdf(data: bytes, rdf_format: str) -> None:
    """Refuse RDF ``data`` in ``rdf_format`` (a name of rolegraph.load.INPUT_FORMATS) that nests
    too deeply for the parser.

    Raises:
        LimitError: nested deeper than :data:`MAX_DEPTH`, with the line where it does.
    """
    scanner = _RDF_SCANNERS.get(rdf_format)
    if scanner is None:
        return
    offset = _depth_exceeded(data, scanner, MAX_DEPTH)
    if offset is not None:
        raise LimitError(_depth_message(rdf_format), limit="depth", line=_line_of(data, offset))


def check_rdf_file(path: Path, rdf_format: str) -> None:
    """As :func:`check_rdf` for a file, read through a memory map (files may be large).

    Raises:
        LimitError: nested deeper than :data:`MAX_DEPTH` (naming the file and line).
    """
    scanner = _RDF_SCANNERS.get(rdf_format)
    if scanner is None:
        return
    try:
        with path.open("rb") as handle:
            if path.stat().st_size == 0:
                return
            with mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as data:
                offset = _depth_exceeded(data, scanner, MAX_DEPTH)
                if offset is not None:
                    raise LimitError(
                        _depth_message(rdf_format),
                        limit="depth",
                        file=path,
                        line=_line_of(data, offset),
                    )
    except (OSError, ValueError):
        # Not a regular file (a pipe, a device): the parser reads it and reports what it finds.
        return
