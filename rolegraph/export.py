"""Serialize the graph: Turtle, JSON-LD (compact, with the published @context), N-Triples and
RDF/XML. Files are written atomically: a failed write leaves the old file as it was."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

from rdflib import Graph

from rolegraph.errors import FormatError, InputError
from rolegraph.resources import ontology_paths
from rolegraph.vocab import PREFIXES, bind_prefixes

#: The IRI the JSON-LD context is published at (also served by ``rolegraph serve``).
CONTEXT_IRI = "https://w3id.org/rolegraph/context.jsonld"

#: Media types by export format name.
MEDIA_TYPES: dict[str, str] = {
    "turtle": "text/turtle",
    "json-ld": "application/ld+json",
    "nt": "application/n-triples",
    "xml": "application/rdf+xml",
}


@lru_cache(maxsize=1)
def jsonld_context() -> dict[str, Any]:
    """The rolegraph JSON-LD context: prefixes, plus the shipped term definitions."""
    context_file = ontology_paths()[0].parent / "context.jsonld"
    context: dict[str, Any] = {prefix: str(ns) for prefix, ns in PREFIXES.items()}
    if context_file.is_file():
        context.update(json.loads(context_file.read_text(encoding="utf-8"))["@context"])
    return context


def _turtle(graph: Graph) -> bytes:
    return graph.serialize(format="longturtle", encoding="utf-8")


def _jsonld(graph: Graph) -> bytes:
    data = graph.serialize(format="json-ld", context=jsonld_context(), auto_compact=True)
    return data.encode("utf-8")


def _ntriples(graph: Graph) -> bytes:
    lines = graph.serialize(format="nt", encoding="utf-8").splitlines(keepends=True)
    return b"".join(sorted(line for line in lines if line.strip()))


def _xml(graph: Graph) -> bytes:
    return graph.serialize(format="pretty-xml", encoding="utf-8")


EXPORTERS: dict[str, Callable[[Graph], bytes]] = {
    "turtle": _turtle,
    "json-ld": _jsonld,
    "nt": _ntriples,
    "xml": _xml,
}


def serialize(graph: Graph, format: str) -> bytes:
    """Serialize ``graph`` in ``format`` (one of EXPORTERS).

    Raises:
        FormatError: unknown format name.
    """
    exporter = EXPORTERS.get(format)
    if exporter is None:
        raise FormatError(format, list(EXPORTERS))
    bind_prefixes(graph)
    return exporter(graph)


def write_atomically(path: str | Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder, then rename it.

    Raises:
        InputError: the folder does not exist or cannot be written; the old file is untouched.
    """
    target = Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    try:
        fd, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    except OSError as error:
        raise InputError(f"cannot write here: {error.strerror}", file=target) from error
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if target.exists():
            os.chmod(temporary, target.stat().st_mode & 0o777)
        else:
            os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise InputError(f"cannot write: {error.strerror}", file=target) from error
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
