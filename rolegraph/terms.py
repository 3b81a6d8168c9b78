"""Conversions between rdflib terms (the library's currency) and pyoxigraph terms (the engine's)."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Protocol

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from rolegraph.errors import QueryError

OxTerm = ox.NamedNode | ox.BlankNode | ox.Literal

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_XSD_DECIMAL = "http://www.w3.org/2001/XMLSchema#decimal"
_RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


@lru_cache(maxsize=1 << 18)
def _named_node(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def iri_problem(text: str) -> str | None:
    """Why ``text`` is not an absolute IRI (RFC 3987) as the engine accepts it, or None.
    Not through :func:`_named_node`: the checked identifiers would crowd the terms it keeps."""
    try:
        ox.NamedNode(text)
    except ValueError as error:
        return str(error)
    return None


def segment_problem(text: str) -> str | None:
    """Why ``text`` cannot be one path segment of an IRI (a code or identifier minted into the
    rolegraph namespaces), or None."""
    if not text:
        return "it is empty"
    for mark in "/?#":
        if mark in text:
            return f"it contains {mark!r}"
    return iri_problem(f"https://w3id.org/rolegraph/id/{text}")


def to_ox(term: Node) -> OxTerm:
    """Convert an rdflib term to a pyoxigraph term."""
    if isinstance(term, URIRef):
        return _named_node(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None and str(term.datatype) != _XSD_STRING:
            return ox.Literal(str(term), datatype=_named_node(str(term.datatype)))
        return ox.Literal(str(term))
    raise QueryError(f"cannot use {term!r} as an RDF term")


@lru_cache(maxsize=1 << 18)
def _uriref(iri: str) -> URIRef:
    return URIRef(iri)


def from_ox(term: OxTerm) -> Node:
    """Convert a pyoxigraph term to an rdflib term; plain xsd:string literals stay untyped."""
    if isinstance(term, ox.NamedNode):
        return _uriref(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype in (_XSD_STRING, _RDF_LANG_STRING):
            return Literal(term.value)
        return typed_literal(term.value, datatype)
    raise QueryError(f"unsupported term {term!r}")


def typed_literal(lexical: str, datatype: str) -> Literal:
    """A typed literal; an integral xsd:decimal keeps its decimal point ("80000.0", not the
    "80000" Oxigraph answers), so values read back from any store equal the ones in Turtle."""
    if datatype == _XSD_DECIMAL and lexical.lstrip("+-").isdigit():
        lexical = f"{lexical}.0"
    return Literal(lexical, datatype=_uriref(datatype))


def ntriples(term: Node) -> str:
    """The term in N-Triples syntax (also valid SPARQL and Turtle): one line, escaped.

    Raises:
        QueryError: the term is not a valid RDF term (e.g. an IRI with spaces).
    """
    try:
        return str(to_ox(term))
    except ValueError as error:
        raise QueryError(f"not a valid RDF term: {term!r} ({error})") from error


_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})
_BNODE_LABEL = re.compile(r"[A-Za-z0-9_]+")


def _nt_literal(term: Literal) -> str:
    text = str.__str__(term)
    if '"' in text or "\\" in text or "\n" in text or "\r" in text:
        text = text.translate(_ESCAPES)
    language = term.language
    if language:
        return f'"{text}"@{language}'
    datatype = term.datatype
    if datatype is None or str(datatype) == _XSD_STRING:
        return f'"{text}"'
    return f'"{text}"^^<{datatype}>'


def _nt_bnode(term: BNode) -> str:
    label = str.__str__(term)
    if not _BNODE_LABEL.fullmatch(label):
        label = "h" + hashlib.sha1(label.encode("utf-8")).hexdigest()
    return f"_:{label}"


class TextSink(Protocol):
    """Anything text is written to: a file, or several at once."""

    def write(self, text: str, /) -> object: ...


def write_ntriples(triples: Iterable[tuple[Node, Node, Node]], out: TextSink) -> int:
    """Write rdflib triples to ``out`` as N-Triples, without building engine terms; return the
    count. The text is checked when the engine parses it (an invalid IRI is a syntax error
    there), so this stays a few string operations per triple: an IRI subject and predicate
    with an IRI or literal object (nearly every triple an importer makes) take one format."""
    count = 0
    lines: list[str] = []
    append = lines.append
    uri, literal = URIRef, Literal
    for triple in triples:
        s, p, o = triple
        if type(s) is uri and type(p) is uri:
            kind = type(o)
            if kind is uri:
                append("<%s> <%s> <%s> .\n" % (s, p, o))  # noqa: UP031 (the fastest here)
            elif kind is literal:
                append("<%s> <%s> %s .\n" % (s, p, _nt_literal(o)))  # type: ignore[arg-type]  # noqa: UP031
            else:
                append(_line(triple))
        else:
            append(_line(triple))
        if len(lines) >= 4096:
            count += len(lines)
            out.write("".join(lines))
            lines.clear()
    count += len(lines)
    out.write("".join(lines))
    return count


def _line(triple: tuple[Node, Node, Node]) -> str:
    """One triple of any kinds of terms as an N-Triples line."""
    parts = []
    for term in triple:
        if isinstance(term, URIRef):
            parts.append(f"<{term}>")
        elif isinstance(term, Literal):
            parts.append(_nt_literal(term))
        elif isinstance(term, BNode):
            parts.append(_nt_bnode(term))
        else:
            raise QueryError(f"cannot use {term!r} as an RDF term")
    return f"{parts[0]} {parts[1]} {parts[2]} .\n"
