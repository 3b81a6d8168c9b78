"""Parse RDF files into graphs, with errors that name the file, line and column.

Parsing goes through Oxigraph's parsers, which are fast and report exact positions; the triples are
handed on as rdflib terms so every later stage works with one kind of term.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.term import Node

from rolegraph.errors import FormatError, InputError
from rolegraph.limits import check_rdf_file
from rolegraph.resources import builtin_data_paths, ontology_paths
from rolegraph.terms import from_ox
from rolegraph.vocab import GRAPH, bind_prefixes

Triple = tuple[Node, Node, Node]

#: Input formats by name, as users spell them on the command line.
INPUT_FORMATS: dict[str, ox.RdfFormat] = {
    "turtle": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "json-ld": ox.RdfFormat.JSON_LD,
    "xml": ox.RdfFormat.RDF_XML,
    "trig": ox.RdfFormat.TRIG,
    "nquads": ox.RdfFormat.N_QUADS,
}

_FORMAT_NAMES: dict[ox.RdfFormat, str] = {value: name for name, value in INPUT_FORMATS.items()}

_EXTENSIONS: dict[str, str] = {
    ".ttl": "turtle",
    ".turtle": "turtle",
    ".nt": "nt",
    ".ntriples": "nt",
    ".jsonld": "json-ld",
    ".json": "json-ld",
    ".rdf": "xml",
    ".owl": "xml",
    ".xml": "xml",
    ".trig": "trig",
    ".nq": "nquads",
}

ONTOLOGY_GRAPH = GRAPH["ontology"]
ARTICLE_GRAPH = GRAPH["article"]
USER_GRAPH = GRAPH["user"]


def format_for(path: Path, name: str | None = None) -> ox.RdfFormat:
    """The parser format for ``path``: the given name, else guessed from the file extension."""
    if name is not None:
        if name not in INPUT_FORMATS:
            raise FormatError(name, list(INPUT_FORMATS))
        return INPUT_FORMATS[name]
    guessed = _EXTENSIONS.get(path.suffix.lower())
    if guessed is None:
        raise InputError(
            f"cannot tell the RDF format from the extension {path.suffix!r}; "
            f"use one of {', '.join(sorted(_EXTENSIONS))}",
            file=path,
        )
    return INPUT_FORMATS[guessed]


def iter_triples(path: str | Path, *, format: str | None = None) -> Iterator[Triple]:
    """Yield the triples of an RDF file (named graphs of TriG/N-Quads are merged).

    Raises:
        InputError: the file is missing or unreadable, or malformed (with line and column).
        FormatError: ``format`` is not a known format name.
    """
    path = Path(path)
    rdf_format = format_for(path, format)
    if not path.is_file():
        raise InputError("no such file", file=path)
    check_rdf_file(path, _FORMAT_NAMES[rdf_format])
    try:
        with path.open("rb") as handle:
            # A UTF-8 byte order mark (as some editors write) is not part of the document.
            source: dict[str, Any] = {"input": handle} if handle.read(3) == _BOM else {"path": path}
            for quad in ox.parse(format=rdf_format, base_iri=path.resolve().as_uri(), **source):
                subject, predicate, obj = quad.subject, quad.predicate, quad.object
                yield from_ox(subject), from_ox(predicate), from_ox(obj)  # type: ignore[arg-type]
    except MemoryError as error:  # Oxigraph's parser holds one term at most 16 MiB long
        raise InputError(f"a term is too long to parse ({error})", file=path) from error
    except SyntaxError as error:
        message = str(error.msg) if error.msg else str(error)
        raise InputError(
            f"malformed {path.suffix.lstrip('.') or 'RDF'}: {_strip_position(message)}",
            file=path,
            line=error.lineno,
            column=error.offset,
        ) from error
    except OSError as error:
        raise InputError(error.strerror or str(error), file=path) from error


_BOM = b"\xef\xbb\xbf"


def _strip_position(message: str) -> str:
    """Drop Oxigraph's 'Parser error between line ... :' prefix: the location is ours to print."""
    if message.startswith("Parser error") and ": " in message:
        return message.split(": ", 1)[1]
    return message


def parse_files(paths: Iterable[str | Path], graph: Graph | None = None) -> Graph:
    """Parse every file into one rdflib graph (a new one unless ``graph`` is given)."""
    target = graph if graph is not None else bind_prefixes(Graph())
    for path in paths:
        for triple in iter_triples(path):
            target.add(triple)
    return target


def ontology_graph() -> Graph:
    """The rolegraph ontology as an rdflib graph."""
    return parse_files(ontology_paths())


def builtin_sources() -> list[tuple[URIRef, list[Path]]]:
    """The built-in named graphs and the files that fill them: the ontology and the article data."""
    return [(ONTOLOGY_GRAPH, ontology_paths()), (ARTICLE_GRAPH, builtin_data_paths())]
